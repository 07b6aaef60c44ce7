//! A 办不成事 complaint on the status page, by its number and lookup code: what was
//! reported, the contact masked, the answer's deadline, and the result once closed.

use crate::text::{complaint_text, desk, status_text};
use leptos::prelude::*;
use onewindow_wire::complaint::ComplaintView;

/// What the lookup gave.
#[derive(Clone)]
enum Found {
    Yes(Box<ComplaintView>),
    No,
    Failed(String),
}

async fn fetch(number: String, code: String) -> Found {
    let faults = crate::text::faults();
    let url = format!(
        "/api/complaints/{}?code={}",
        js_sys::encode_uri_component(&number),
        js_sys::encode_uri_component(&code)
    );
    let r = match gloo_net::http::Request::get(&url).send().await {
        Ok(r) => r,
        Err(e) => return Found::Failed((faults.network_error)(&e.to_string())),
    };
    match r.status() {
        200 => match r.json::<ComplaintView>().await {
            Ok(v) => Found::Yes(Box::new(v)),
            Err(e) => Found::Failed((faults.answer_unreadable)(&e.to_string())),
        },
        404 => Found::No,
        s => Found::Failed((faults.server_status)(s, &r.status_text())),
    }
}

fn complaint_view(v: &ComplaintView) -> impl IntoView {
    let c = complaint_text();
    let d = desk();
    let item = v
        .item
        .as_ref()
        .map(|i| i.name.clone().unwrap_or_else(|| i.code.clone()))
        .unwrap_or_else(|| c.item_unsure.to_string());
    let state = match &v.result {
        Some(_) => c.closed_words,
        None => c.open_words,
    };
    view! {
        <h1>{c.view_heading}{v.number.clone()}</h1>
        <p class="state-words" role="status"><strong>{state}</strong></p>
        <section class="panel">
            <dl class="complaint-facts">
                <dt>{c.filed_at}</dt><dd>{v.filed_at.format("%Y-%m-%d %H:%M").to_string()}</dd>
                <dt>{c.item_label}</dt><dd>{item}</dd>
                <dt>{c.place_label}</dt><dd>{v.place.clone()}</dd>
                <dt>{c.what_label}</dt><dd class="pre-line">{v.what.clone()}</dd>
                <dt>{c.contact}</dt><dd>{v.name_masked.clone()}" "{v.mobile_masked.clone()}</dd>
                <dt>{c.filed_due}</dt>
                <dd>
                    <time>{v.follow_up.deadline.due.to_string()}</time>" "
                    <span class="due-badge">{d.warning(Some(v.follow_up.status))}</span>
                </dd>
            </dl>
        </section>
        {v.result.as_ref().map(|r| view! {
            <section class="panel complaint-result" aria-labelledby="complaint-result">
                <h2 id="complaint-result">{c.result_heading}</h2>
                <p class="note">{r.at.format("%Y-%m-%d %H:%M").to_string()}</p>
                <p class="pre-line">{r.result.clone()}</p>
            </section>
        })}
    }
}

/// The complaint the address names, looked up with the address's code.
pub(super) fn complaint_status() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let query = leptos_router::hooks::use_query_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let code = move || query.with(|q| q.get("code").unwrap_or_default());
    let found = LocalResource::new(move || fetch(number(), code()));
    let s = status_text();
    let c = complaint_text();
    let lookup = move || super::lookup_form(number(), code());
    view! {
        <Transition fallback=move || view! { <p class="progress" role="status">{s.loading}</p> }>
            {move || found.get().map(|f| match f {
                Found::Yes(v) => complaint_view(&v).into_any(),
                Found::No => view! {
                    <h1>{s.lookup_heading}</h1>
                    <p class="banner banner-error" role="alert">{c.not_found}</p>
                    {lookup()}
                }.into_any(),
                Found::Failed(why) => view! {
                    <h1>{s.lookup_heading}</h1>
                    <p class="banner banner-error" role="alert">{why}</p>
                    {lookup()}
                }.into_any(),
            })}
        </Transition>
    }
}
