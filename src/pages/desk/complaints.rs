//! The 办不成事 panel on the workbench: supervisors see every complaint, assign it to a
//! member of staff, log what was done and close it with the result told to the reporter;
//! the person it is assigned to sees theirs and does the same but for assigning. Each
//! shows its contact and answer deadline (overdue ones marked).

use crate::desk_api::{self, ApiError};
use crate::text::{complaint_text, desk};
use leptos::prelude::*;
use onewindow_wire::complaint::ComplaintRow;

/// A one-field form that sends its text with `send` and reloads the list on success;
/// `check` is the core's rule for the text.
fn text_form<F, Fut>(
    id: String,
    label: String,
    button: &'static str,
    multiline: bool,
    check: fn(&str) -> Option<String>,
    send: F,
    reload: RwSignal<u32>,
) -> impl IntoView
where
    F: Fn(String) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<ComplaintRow, ApiError>> + 'static,
{
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let error_id = format!("{id}-error");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let value = text.get_untracked();
        if let Some(p) = check(&value) {
            error.set(Some(p));
            return;
        }
        let sent = send(value);
        sending.set(true);
        leptos::task::spawn_local(async move {
            let answer = sent.await;
            sending.set(false);
            match answer {
                Ok(_) => reload.update(|r| *r += 1),
                Err(ApiError { message, .. }) => error.set(Some(message)),
            }
        });
    };
    let input = move |ev| text.set(event_target_value(&ev));
    view! {
        <form class="close-complaint" on:submit=submit novalidate>
            <label for=id.clone()>{label}</label>
            <p class="field-error" id=error_id.clone() role="alert">{move || error.get()}</p>
            {if multiline {
                view! { <textarea id=id rows="3" aria-describedby=error_id aria-invalid=move || error.get().is_some().to_string()
                    prop:value=move || text.get() on:input=input></textarea> }.into_any()
            } else {
                view! { <input id=id class="text-input narrow" type="text" aria-describedby=error_id aria-invalid=move || error.get().is_some().to_string()
                    prop:value=move || text.get() on:input=input/> }.into_any()
            }}
            <button type="submit" class="secondary" prop:disabled=move || sending.get()>{button}</button>
        </form>
    }
}

fn row(r: ComplaintRow, supervises: bool, reload: RwSignal<u32>) -> impl IntoView {
    let c = complaint_text();
    let d = desk();
    let status = super::case_page::status_class(r.follow_up.status);
    let item = r
        .item
        .as_ref()
        .map(|i| i.name.clone().unwrap_or_else(|| i.code.clone()))
        .unwrap_or_else(|| c.item_unsure.to_string());
    let number = r.number.clone();
    let log = (!r.actions.is_empty()).then(|| {
        view! {
            <ol class="complaint-log">
                {r.actions.iter().map(|a| view! {
                    <li>{a.at.format("%Y-%m-%d %H:%M").to_string()}" "{a.by.clone()}"："{a.note.clone()}</li>
                }).collect_view()}
            </ol>
        }
    });
    let open_forms = r.result.is_none().then(|| {
        let (n1, n2, n3) = (number.clone(), number.clone(), number.clone());
        view! {
            {supervises.then(|| text_form(
                format!("assign-{n1}"), format!("{}（{n1}）", c.desk_assign_label), c.desk_assign, false,
                |t| t.trim().is_empty().then(|| complaint_text().desk_assign_missing.to_string()),
                move |to| { let n = n1.clone(); async move { desk_api::assign_complaint(&n, &to).await } },
                reload,
            ))}
            {text_form(
                format!("action-{n2}"), format!("{}（{n2}）", c.desk_action_label), c.desk_action, true,
                |t| onewindow_core::complaint::action_problem(t).map(str::to_string),
                move |note| { let n = n2.clone(); async move { desk_api::complaint_action(&n, &note).await } },
                reload,
            )}
            {text_form(
                format!("close-{n3}"), format!("{}（{n3}）", c.desk_result_label), c.desk_close, true,
                |t| onewindow_core::complaint::result_problem(t).map(str::to_string),
                move |result| { let n = n3.clone(); async move { desk_api::close_complaint(&n, &result).await } },
                reload,
            )}
        }
    });
    view! {
        <li class=format!("complaint complaint-{status}")>
            <p>
                <strong>{r.number.clone()}</strong>" "
                {r.filed_at.format("%Y-%m-%d %H:%M").to_string()}" "
                {if r.at_terminal { c.desk_terminal } else { c.desk_online }}" · "{item}" · "{r.place.clone()}
            </p>
            <p class="pre-line">{r.what.clone()}</p>
            <p>{c.contact}"："{r.name.clone()}" "{r.mobile.clone()}</p>
            <p>
                {c.desk_due}"："<time>{r.follow_up.deadline.due.to_string()}</time>" "
                <span class=format!("due-badge due-{status}")>{d.warning(Some(r.follow_up.status))}</span>
                {r.assigned_to.clone().map(|a| view! { " · "{c.desk_assigned}{a} })}
            </p>
            {log}
            {match r.result.clone() {
                Some(res) => view! {
                    <p class="note">{c.result_heading}"（"{r.closed_by.clone().unwrap_or_default()}" "
                        {res.at.format("%Y-%m-%d %H:%M").to_string()}"）："{res.result}</p>
                }.into_any(),
                None => open_forms.into_any(),
            }}
        </li>
    }
}

/// The panel: every complaint for a supervisor, or (`mine`) those assigned to the clerk,
/// shown only when there are any.
#[component]
pub fn ComplaintsPanel(mine: bool) -> impl IntoView {
    let c = complaint_text();
    let open_only = RwSignal::new(true);
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        let open = open_only.get();
        async move { desk_api::complaints(open, mine).await }
    });
    let heading = if mine {
        c.desk_mine_heading
    } else {
        c.desk_heading
    };
    move || {
        let answer = list.get();
        if mine && !matches!(&answer, Some(Ok(l)) if !l.complaints.is_empty()) {
            return None;
        }
        Some(view! {
            <section class="panel complaints-panel" aria-labelledby="complaints-heading">
                <h2 id="complaints-heading">{heading}</h2>
                <p class="no-print">
                    <label class="inline-check">
                        <input type="checkbox" prop:checked=move || open_only.get()
                            on:change=move |ev| open_only.set(event_target_checked(&ev))/>
                        {c.desk_open_only}
                    </label>" "
                    <button type="button" class="secondary" on:click=move |_| reload.update(|r| *r += 1)>{c.desk_refresh}</button>
                </p>
                {answer.map(|r| match r {
                    Ok(l) if l.complaints.is_empty() => view! { <p>{c.desk_empty}</p> }.into_any(),
                    Ok(l) => view! {
                        <ul class="plain-list complaint-list">
                            {l.complaints.into_iter().map(|x| row(x, !mine, reload)).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p class="banner banner-error" role="alert">{e.message}</p> }.into_any(),
                })}
            </section>
        })
    }
}
