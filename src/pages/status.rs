//! `/q` and `/q/:number?code=`: the applicant follows a case — the address on every
//! notice's QR code and on the receipt. The state in plain words, what to bring or supply
//! next, the deadlines and what they mean, the steps so far, the notices issued, the other
//! items of a bundle. The last status seen stays on the device and is shown, with when it
//! was seen, when the server cannot be reached.

use crate::text::{desk, status_text};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use onewindow_wire::body::ApplicantCaseView;

/// What the page got: the status now, a copy seen earlier (offline), or why neither.
#[derive(Clone)]
enum Answer {
    Now(Box<ApplicantCaseView>),
    Saved(Box<ApplicantCaseView>, String),
    NotFound,
    Failed(String),
}

fn saved_key(number: &str) -> String {
    format!("onewindow-status-{number}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The copy last seen on this device, with when it was seen.
fn saved(number: &str) -> Option<(ApplicantCaseView, String)> {
    let text = storage()?.get_item(&saved_key(number)).ok()??;
    let (seen, view): (String, ApplicantCaseView) = serde_json::from_str(&text).ok()?;
    Some((view, seen))
}

fn save(view: &ApplicantCaseView) {
    let seen = crate::clock::now_local()
        .format("%Y-%m-%d %H:%M")
        .to_string();
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&(seen, view))) {
        // A full device only loses the offline copy, never the page.
        let _ = s.set_item(&saved_key(&view.number), &text);
    }
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
                save(&view);
                Answer::Now(Box::new(view))
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
fn delivery_form(
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
        <form class="panel delivery-form" on:submit=submit aria-labelledby="q-delivery">
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
fn evaluation_form(
    number: String,
    code: String,
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
        <form class="panel evaluation-form" on:submit=submit aria-labelledby="q-evaluate">
            <h2 id="q-evaluate">{s.evaluate_heading}</h2>
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

fn status_view(view: &ApplicantCaseView) -> impl IntoView {
    let s = status_text();
    let d = desk();
    let st = &view.status;
    let to_supply = (!st.to_supply.is_empty()).then(|| {
        view! {
            <section class="panel banner-warning to-supply" aria-labelledby="to-supply">
                <h2 id="to-supply">{s.to_supply_heading}</h2>
                <ul>{st.to_supply.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
            </section>
        }
    });
    let deadlines = st
        .deadlines
        .iter()
        .map(|x| {
            view! {
                <tr>
                    <th scope="row">{d.deadline_kind(&x.kind)}</th>
                    <td>{x.deadline.due.to_string()}</td>
                    <td>{s.deadline_meaning(&x.kind)}</td>
                    <td>{d.warning(Some(x.status))}</td>
                </tr>
            }
        })
        .collect_view();
    let timeline = st
        .timeline
        .iter()
        .map(|m| {
            let extra = m.details.join("；");
            view! {
                <li>
                    <time>{m.at.format("%Y-%m-%d %H:%M").to_string()}</time>" "
                    <strong>{d.event(m.step)}</strong>
                    {(!extra.is_empty()).then(|| view! { <span class="note">{"："}{extra}</span> })}
                </li>
            }
        })
        .collect_view();
    let notices = view
        .notices
        .iter()
        .map(|n| view! { <li>{n.kind.title()}{"　"}{n.number.clone()}{"　"}{n.issued_on.to_string()}</li> })
        .collect_view();
    let bundle = (!view.bundle.is_empty()).then(|| {
        let rows = view
            .bundle
            .iter()
            .map(|b| {
                view! {
                    <tr>
                        <td>{b.number.clone()}</td>
                        <td>{b.item.name.clone().unwrap_or_else(|| b.item.code.clone())}</td>
                        <td>{d.state(b.state)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="panel" aria-labelledby="q-bundle">
                <h2 id="q-bundle">{s.bundle_heading}</h2>
                <table class="cases"><thead><tr>
                    <th scope="col">{d.col_number}</th><th scope="col">{d.col_item}</th><th scope="col">{d.col_state}</th>
                </tr></thead><tbody>{rows}</tbody></table>
            </section>
        }
    });
    let delivery = st.delivery.map(|m| {
        view! {
            <p>{s.delivery_label}{d.method(m)}
                {st.may_change_delivery.then(|| view! { <span class="note">{s.delivery_changeable}</span> })}
            </p>
        }
    });
    view! {
        <h1>{s.case_heading}{view.number.clone()}</h1>
        <dl class="summary">
            <div class="summary-row"><dt>{d.col_item}</dt><dd>{view.item.name.clone().unwrap_or_else(|| view.item.code.clone())}</dd></div>
            <div class="summary-row"><dt>{d.col_applicant}</dt><dd>{view.applicant.name.clone()}{"　"}{view.applicant.id_masked.clone()}</dd></div>
            <div class="summary-row"><dt>{d.col_state}</dt><dd class="q-state">{s.state_words(st.state)}</dd></div>
        </dl>
        {delivery}
        {to_supply}
        <section class="panel" aria-labelledby="q-deadlines">
            <h2 id="q-deadlines">{d.deadlines_heading}</h2>
            <table class="cases"><thead><tr>
                <th scope="col">{d.col_deadline}</th><th scope="col">{d.col_due}</th>
                <th scope="col">{s.meaning}</th><th scope="col">{d.col_status}</th>
            </tr></thead><tbody>{deadlines}</tbody></table>
        </section>
        <section class="panel" aria-labelledby="q-history">
            <h2 id="q-history">{d.history_heading}</h2>
            <ol class="history">{timeline}</ol>
        </section>
        {(!view.notices.is_empty()).then(|| view! {
            <section class="panel" aria-labelledby="q-notices">
                <h2 id="q-notices">{d.notices_heading}</h2>
                <ul class="plain-list">{notices}</ul>
            </section>
        })}
        {bundle}
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
    let may_evaluate = matches!(
        view.status.state,
        Some(onewindow_core::case::CaseState::Delivered { .. })
    );
    let number = view.number.clone();
    let delivery = view
        .status
        .may_change_delivery
        .then(|| delivery_form(number.clone(), code.clone(), view.status.delivery, shown));
    view! {
        {status_view(&view)}
        {delivery}
        {may_evaluate.then(|| evaluation_form(number, code, shown))}
    }
}

/// The status page.
#[component]
pub fn StatusPage() -> impl IntoView {
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
                Some(Answer::Now(v)) => {
                    let code = code();
                    (move || with_evaluation((*v).clone(), code.clone(), shown)).into_any()
                }
                Some(Answer::Saved(v, seen)) => view! {
                    <p class="banner banner-warning" role="status">{s.offline_before}{seen}{s.offline_after}</p>
                    {status_view(&v)}
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
