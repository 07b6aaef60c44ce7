//! The notices issued on a case, each shown on A4 (the applicant's copy, filled by the core
//! on the server) and printed with the browser.

use crate::text::{desk, status_text, t};
use leptos::prelude::*;
use onewindow_wire::body::{IssuedNotice, RenderedNotice};

async fn fetch(number: &str, code: &str, index: usize) -> Result<RenderedNotice, String> {
    let faults = crate::text::faults();
    let url = format!(
        "/api/cases/{}/notices/{index}?code={}",
        js_sys::encode_uri_component(number),
        js_sys::encode_uri_component(code)
    );
    let r = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| (faults.network_error)(&e.to_string()))?;
    if !r.ok() {
        return Err((faults.server_status)(r.status(), &r.status_text()));
    }
    r.json()
        .await
        .map_err(|e| (faults.answer_unreadable)(&e.to_string()))
}

/// The list of notices with a button each, and the one shown.
#[component]
pub fn StatusNotices(number: String, code: String, notices: Vec<IssuedNotice>) -> impl IntoView {
    let shown = RwSignal::new(None::<Result<RenderedNotice, String>>);
    let items = notices
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (number, code) = (number.clone(), code.clone());
            let title = n.kind.title();
            view! {
                <li>
                    <span>{title}{"　"}{n.number.clone()}{"　"}{n.issued_on.to_string()}</span>" "
                    <button type="button" class="secondary" on:click=move |_| {
                        let (number, code) = (number.clone(), code.clone());
                        leptos::task::spawn_local(async move {
                            shown.set(Some(fetch(&number, &code, i).await));
                        });
                    }>
                        {desk().show_notice}<span class="visually-hidden">{title}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel no-print" aria-labelledby="q-notices">
            <h2 id="q-notices">{desk().notices_heading}</h2>
            <ul class="plain-list notice-buttons">{items}</ul>
        </section>
        {move || shown.get().map(|answer| match answer {
            Ok(n) => view! {
                <div class="no-print toolbar">
                    <button type="button" on:click=|_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    }>{t().print}</button>
                </div>
                <div class="notice-pages" tabindex="0" role="region" aria-label=n.number.clone()>
                    {n.pages.into_iter().map(|html| view! { <div class="a4" inner_html=html></div> }).collect_view()}
                </div>
            }.into_any(),
            Err(e) => view! {
                <p class="banner banner-error" role="alert">{status_text().notice_failed}{e}</p>
            }.into_any(),
        })}
    }
}
