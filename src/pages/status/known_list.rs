//! The start page's list of the cases this device follows, each marked when something
//! happened since it was last looked at; checked on opening and when the device is back
//! online. The page never saves here, so the status page still shows what is new.

use super::known::{known, saved};
use crate::text::status_text;
use leptos::prelude::*;
use onewindow_wire::body::ApplicantCaseView;

/// Whether case `number` has news since it was last seen (`None`: could not tell).
async fn has_news(number: String, code: String) -> Option<bool> {
    let url = format!(
        "/api/cases/{}?code={}",
        js_sys::encode_uri_component(&number),
        js_sys::encode_uri_component(&code)
    );
    let r = gloo_net::http::Request::get(&url).send().await.ok()?;
    if !r.ok() {
        return None;
    }
    let now: ApplicantCaseView = r.json().await.ok()?;
    let (seen, _) = saved(&number)?;
    Some(!onewindow_core::case::applicant::news(&seen.status, &now.status).is_empty())
}

/// The followed cases, if any.
#[component]
pub fn KnownCases() -> impl IntoView {
    let cases = known();
    let checks = RwSignal::new(0u32);
    let _online = window_event_listener(leptos::ev::online, move |_| checks.update(|c| *c += 1));
    let s = status_text();
    (!cases.is_empty()).then(|| {
        let rows = cases
            .into_iter()
            .map(|k| {
                let href = format!("/q/{}?code={}", k.number, k.code);
                let news = LocalResource::new({
                    let (n, c) = (k.number.clone(), k.code.clone());
                    move || {
                        checks.track();
                        has_news(n.clone(), c.clone())
                    }
                });
                view! {
                    <li>
                        <a href=href>{k.number.clone()}</a>" "
                        {move || news.get().flatten().map(|changed| view! {
                            <span class=if changed { "due-badge due-due_soon known-news" } else { "due-badge due-met" }>
                                {if changed { s.known_changed } else { s.known_unchanged }}
                            </span>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="panel known-cases" aria-labelledby="known-cases">
                <h2 id="known-cases">{s.known_heading}</h2>
                <ul class="plain-list">{rows}</ul>
            </section>
        }
    })
}
