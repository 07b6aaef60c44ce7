//! The applicant's own steps on the status page: the delivery choice until 出件 and the
//! evaluation (好差评) after it. The core judges them again on the server.

use super::known::save;
use crate::text::{desk, status_text};
use leptos::prelude::*;
use onewindow_core::case::evaluation::EvaluationStage;
use onewindow_wire::body::ApplicantCaseView;

/// Sends one of the applicant's steps (`what`: evaluation, delivery) and keeps the
/// updated view on the device.
async fn post_step<B: serde::Serialize>(
    number: &str,
    code: &str,
    what: &str,
    body: &B,
) -> Result<ApplicantCaseView, String> {
    let faults = crate::text::faults();
    let url = format!(
        "/api/cases/{}/{what}?code={}",
        js_sys::encode_uri_component(number),
        js_sys::encode_uri_component(code)
    );
    let request = gloo_net::http::Request::post(&url)
        .json(body)
        .map_err(|e| (faults.request_unbuildable)(&e.to_string()))?;
    let r = request
        .send()
        .await
        .map_err(|e| (faults.network_error)(&e.to_string()))?;
    if r.ok() {
        let v = r
            .json::<ApplicantCaseView>()
            .await
            .map_err(|e| (faults.answer_unreadable)(&e.to_string()))?;
        save(&v);
        return Ok(v);
    }
    Err(r
        .json::<onewindow_wire::body::ErrorBody>()
        .await
        .map(|b| b.error)
        .unwrap_or_else(|_| (faults.server_status)(r.status(), &r.status_text())))
}

/// The delivery choice, changeable until 出件.
pub(super) fn delivery_form(
    number: String,
    code: String,
    current: Option<onewindow_core::catalog::DeliveryMethod>,
    shown: RwSignal<Option<ApplicantCaseView>>,
) -> impl IntoView {
    use onewindow_core::catalog::DeliveryMethod as M;
    let s = status_text();
    let method = RwSignal::new(current);
    let address = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(m) = method.get_untracked() else {
            error.set(Some(s.choose_method.into()));
            return;
        };
        let body = onewindow_wire::body::DeliveryRequest {
            method: m,
            address: address.get_untracked().trim().to_string(),
        };
        let (number, code) = (number.clone(), code.clone());
        leptos::task::spawn_local(async move {
            match post_step(&number, &code, "delivery", &body).await {
                Ok(v) => {
                    error.set(None);
                    shown.set(Some(v));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="panel delivery-form no-print" on:submit=submit aria-labelledby="q-delivery">
            <h2 id="q-delivery">{s.delivery_heading}</h2>
            {move || error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
            <fieldset class="radios">
                <legend>{s.delivery_legend}</legend>
                {[M::Window, M::Locker, M::Post].into_iter().map(|m| {
                    let id = format!("q-method-{m:?}");
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="q-method" prop:checked=move || method.get() == Some(m)
                                on:change=move |_| method.set(Some(m))/>
                            <label for=id>{desk().method(m)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {move || (method.get() == Some(M::Post)).then(|| view! {
                <p class="field">
                    <label for="q-address">{s.address_label}</label>
                    <textarea id="q-address" rows="2" prop:value=move || address.get()
                        on:input=move |ev| address.set(event_target_value(&ev))></textarea>
                </p>
            })}
            <button type="submit" class="secondary">{s.change_delivery}</button>
        </form>
    }
}

/// 好差评 once the result is handed out: five levels, the reasons for the two lowest, a
/// comment. The core (here and again on the server) says what is missing.
pub(super) fn evaluation_form(
    number: String,
    code: String,
    stage: EvaluationStage,
    shown: RwSignal<Option<ApplicantCaseView>>,
) -> impl IntoView {
    use onewindow_core::case::evaluation::{is_poor, LEVELS, POOR_REASONS};
    let s = status_text();
    let level = RwSignal::new(None::<u8>);
    let reasons = RwSignal::new(Vec::<String>::new());
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(l) = level.get_untracked() else {
            error.set(Some(s.choose_level.into()));
            return;
        };
        if is_poor(l) && reasons.with_untracked(Vec::is_empty) {
            error.set(Some(s.choose_reason.into()));
            return;
        }
        let body = onewindow_wire::body::EvaluationRequest {
            stage: Some(stage),
            level: l,
            reasons: if is_poor(l) {
                reasons.get_untracked()
            } else {
                vec![]
            },
            comment: comment.get_untracked().trim().to_string(),
        };
        let (number, code) = (number.clone(), code.clone());
        sending.set(true);
        leptos::task::spawn_local(async move {
            let answer = post_step(&number, &code, "evaluation", &body).await;
            sending.set(false);
            match answer {
                Ok(v) => {
                    error.set(None);
                    shown.set(Some(v));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="panel evaluation-form no-print" on:submit=submit aria-labelledby="q-evaluate">
            {match stage {
                EvaluationStage::Handout => view! { <h2 id="q-evaluate">{s.evaluate_heading}</h2> }.into_any(),
                EvaluationStage::Acceptance => view! {
                    <h2 id="q-evaluate">{s.evaluate_acceptance_heading}</h2>
                    <p class="hint">{s.evaluate_acceptance_intro}</p>
                }.into_any(),
            }}
            {move || error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
            <fieldset class="radios">
                <legend>{s.level_legend}</legend>
                {LEVELS.iter().map(|l| {
                    let l = *l;
                    let id = format!("q-level-{l}");
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="q-level" prop:checked=move || level.get() == Some(l)
                                on:change=move |_| level.set(Some(l))/>
                            <label for=id>{desk().level(l)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {move || level.get().is_some_and(is_poor).then(|| view! {
                <fieldset class="checks">
                    <legend>{s.reasons_legend}</legend>
                    {POOR_REASONS.iter().enumerate().map(|(i, r)| {
                        let id = format!("q-reason-{i}");
                        let r = r.to_string();
                        let r2 = r.clone();
                        view! {
                            <div class="choice">
                                <input type="checkbox" id=id.clone()
                                    prop:checked=move || reasons.with(|x| x.contains(&r2))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let r = r.clone();
                                        reasons.update(|x| {
                                            x.retain(|y| *y != r);
                                            if on { x.push(r) }
                                        });
                                    }/>
                                <label for=id>{POOR_REASONS[i]}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            <p class="field">
                <label for="q-comment">{s.comment_label}</label>
                <textarea id="q-comment" rows="3" prop:value=move || comment.get()
                    on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
            </p>
            <button type="submit" prop:disabled=move || sending.get()>{s.send_evaluation}</button>
        </form>
    }
}
