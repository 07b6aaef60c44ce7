//! `/q` and `/q/:number?code=`: the applicant follows a case — the address on every
//! notice's QR code and on the receipt. The state in plain words, what to bring or supply
//! next, the deadlines and what they mean, the steps so far, the notices issued, the other
//! items of a bundle; the delivery choice until 出件 and the evaluation after it. The last
//! status seen stays on the device and is shown, with when it was seen, when the server
//! cannot be reached.

mod complaint;
mod forms;
pub mod known;
mod known_list;
mod notices;
mod view;

use crate::text::status_text;
use forms::{delivery_form, evaluation_form};
use known::{remember, save, saved};
pub use known_list::KnownCases;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use onewindow_wire::body::ApplicantCaseView;
use view::status_view;

/// What the page got: the status now, a copy seen earlier (offline), or why neither.
#[derive(Clone)]
enum Answer {
    /// The status now, with what happened since this device last saw it.
    Now(
        Box<ApplicantCaseView>,
        Vec<onewindow_core::case::applicant::Milestone>,
    ),
    Saved(Box<ApplicantCaseView>, String),
    NotFound,
    Failed(String),
}

async fn fetch(number: String, code: String) -> Answer {
    let url = format!(
        "/api/cases/{}?code={}",
        js_sys::encode_uri_component(&number),
        js_sys::encode_uri_component(&code)
    );
    let offline = |why: String| match saved(&number) {
        Some((view, seen)) => Answer::Saved(Box::new(view), seen),
        None => Answer::Failed(why),
    };
    let response = match gloo_net::http::Request::get(&url).send().await {
        Ok(r) => r,
        Err(e) => return offline((crate::text::faults().network_error)(&e.to_string())),
    };
    match response.status() {
        200 => match response.json::<ApplicantCaseView>().await {
            Ok(view) => {
                // What is new since this device last looked, then this becomes the last.
                let news = saved(&number)
                    .map(|(seen, _)| {
                        onewindow_core::case::applicant::news(&seen.status, &view.status)
                    })
                    .unwrap_or_default();
                save(&view);
                remember(&number, &code);
                Answer::Now(Box::new(view), news)
            }
            Err(e) => Answer::Failed((crate::text::faults().answer_unreadable)(&e.to_string())),
        },
        404 => Answer::NotFound,
        status => offline((crate::text::faults().server_status)(
            status,
            &response.status_text(),
        )),
    }
}

/// The number and code form (also shown above an answer, to look up another case).
fn lookup_form(number: String, code: String) -> impl IntoView {
    let s = status_text();
    let number = RwSignal::new(number);
    let code = RwSignal::new(code);
    let navigate = leptos_router::hooks::use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = number.get_untracked().trim().to_string();
        let c = code.get_untracked().trim().to_uppercase();
        navigate(
            &format!(
                "/q/{}?code={}",
                js_sys::encode_uri_component(&n),
                js_sys::encode_uri_component(&c)
            ),
            Default::default(),
        );
    };
    view! {
        <form class="panel lookup-form" on:submit=submit>
            <p class="field">
                <label for="q-number">{s.number_label}</label>
                <input id="q-number" class="text-input narrow" autocomplete="off" required
                    prop:value=move || number.get() on:input=move |ev| number.set(event_target_value(&ev))/>
            </p>
            <p class="field">
                <label for="q-code">{s.code_label}</label>
                <span class="hint" id="q-code-hint">{s.code_hint}</span>
                <input id="q-code" class="text-input narrow" autocomplete="off" required aria-describedby="q-code-hint"
                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
            </p>
            <button type="submit">{s.look_up}</button>
        </form>
    }
}

/// The page's answer, or the view an evaluation just returned.
fn with_evaluation(
    view: ApplicantCaseView,
    code: String,
    shown: RwSignal<Option<ApplicantCaseView>>,
) -> impl IntoView {
    let view = shown
        .get()
        .filter(|s| s.number == view.number)
        .unwrap_or(view);
    // The core says which stage is open.
    let may_evaluate = view.status.may_evaluate;
    let number = view.number.clone();
    let delivery = view
        .status
        .may_change_delivery
        .then(|| delivery_form(number.clone(), code.clone(), view.status.delivery, shown));
    view! {
        {status_view(&view, &code)}
        {delivery}
        {may_evaluate.map(|stage| evaluation_form(number, code, stage, shown))}
    }
}

/// The status page: a case's, or a complaint's (办不成事) when the core reads the number
/// as one.
#[component]
pub fn StatusPage() -> impl IntoView {
    let params = use_params_map();
    // Only a change between a case and a complaint replaces the page; each looks its
    // number up again itself when the address changes.
    let complaint = Memo::new(move |_| {
        params.with(|p| onewindow_core::complaint::is_number(&p.get("number").unwrap_or_default()))
    });
    move || {
        if complaint.get() {
            complaint::complaint_status().into_any()
        } else {
            view! { <CaseStatus/> }.into_any()
        }
    }
}

/// A case's status.
#[component]
fn CaseStatus() -> impl IntoView {
    let shown = RwSignal::new(None::<ApplicantCaseView>);
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let code = move || query.with(|q| q.get("code").unwrap_or_default());
    let answer = LocalResource::new(move || {
        let (n, c) = (number(), code());
        async move {
            if n.is_empty() || c.is_empty() {
                None
            } else {
                Some(fetch(n, c).await)
            }
        }
    });
    let s = status_text();
    view! {
        <Transition fallback=move || view! { <p class="progress" role="status">{s.loading}</p> }>
            {move || answer.get().map(|a| match a {
                None => view! {
                    <h1>{s.lookup_heading}</h1>
                    <p>{s.lookup_intro}</p>
                    {lookup_form(number(), code())}
                }.into_any(),
                Some(Answer::Now(v, news)) => {
                    let code = code();
                    let news = (!news.is_empty()).then(|| view! {
                        <section class="banner banner-info news no-print" role="status">
                            <p><strong>{s.news_heading}</strong></p>
                            <ul>{news.iter().map(|m| view! {
                                <li>{m.at.format("%Y-%m-%d %H:%M").to_string()}" "{crate::text::desk().event(m.step)}</li>
                            }).collect_view()}</ul>
                        </section>
                    });
                    view! {
                        {news}
                        {move || with_evaluation((*v).clone(), code.clone(), shown)}
                    }.into_any()
                }
                Some(Answer::Saved(v, seen)) => view! {
                    <p class="banner banner-warning" role="status">{s.offline_before}{seen}{s.offline_after}</p>
                    {status_view(&v, &code())}
                }.into_any(),
                Some(Answer::NotFound) => view! {
                    <h1>{s.lookup_heading}</h1>
                    <p class="banner banner-error" role="alert">{s.not_found}</p>
                    {lookup_form(number(), code())}
                }.into_any(),
                Some(Answer::Failed(why)) => view! {
                    <h1>{s.lookup_heading}</h1>
                    <p class="banner banner-error" role="alert">{why}</p>
                    {lookup_form(number(), code())}
                }.into_any(),
            })}
        </Transition>
    }
}
