//! The supervisors' 办不成事 panel on the workbench: the complaints with their contact and
//! answer deadline (overdue ones marked), each closed with the result told to its
//! reporter.

use crate::desk_api::{self, ApiError};
use crate::text::{complaint_text, desk};
use leptos::prelude::*;
use onewindow_wire::complaint::ComplaintRow;

/// One open complaint's closing form.
fn close_form(number: String, reload: RwSignal<u32>) -> impl IntoView {
    let c = complaint_text();
    let result = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id = format!("close-{number}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(p) = onewindow_core::complaint::result_problem(&result.get_untracked()) {
            error.set(Some(p.into()));
            return;
        }
        let number = number.clone();
        leptos::task::spawn_local(async move {
            match desk_api::close_complaint(&number, &result.get_untracked()).await {
                Ok(_) => reload.update(|r| *r += 1),
                Err(ApiError { message, .. }) => error.set(Some(message)),
            }
        });
    };
    view! {
        <form class="close-complaint" on:submit=submit novalidate>
            <label for=id.clone()>{c.desk_result_label}</label>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <textarea id=id rows="3" prop:value=move || result.get()
                on:input=move |ev| result.set(event_target_value(&ev))></textarea>
            <button type="submit">{c.desk_close}</button>
        </form>
    }
}

fn row(r: ComplaintRow, reload: RwSignal<u32>) -> impl IntoView {
    let c = complaint_text();
    let d = desk();
    let status = super::case_page::status_class(r.follow_up.status);
    let item = r
        .item
        .as_ref()
        .map(|i| i.name.clone().unwrap_or_else(|| i.code.clone()))
        .unwrap_or_else(|| c.item_unsure.to_string());
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
            </p>
            {match r.result.clone() {
                Some(res) => view! {
                    <p class="note">{c.result_heading}"（"{r.closed_by.clone().unwrap_or_default()}" "
                        {res.at.format("%Y-%m-%d %H:%M").to_string()}"）："{res.result}</p>
                }.into_any(),
                None => close_form(r.number.clone(), reload).into_any(),
            }}
        </li>
    }
}

/// The panel (shown to supervisors only).
#[component]
pub fn ComplaintsPanel() -> impl IntoView {
    let c = complaint_text();
    let open_only = RwSignal::new(true);
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        let open = open_only.get();
        async move { desk_api::complaints(open).await }
    });
    view! {
        <section class="panel complaints-panel" aria-labelledby="complaints-heading">
            <h2 id="complaints-heading">{c.desk_heading}</h2>
            <p class="no-print">
                <label class="inline-check">
                    <input type="checkbox" prop:checked=move || open_only.get()
                        on:change=move |ev| open_only.set(event_target_checked(&ev))/>
                    {c.desk_open_only}
                </label>" "
                <button type="button" class="secondary" on:click=move |_| reload.update(|r| *r += 1)>{c.desk_refresh}</button>
            </p>
            {move || list.get().map(|r| match r {
                Ok(l) if l.complaints.is_empty() => view! { <p>{c.desk_empty}</p> }.into_any(),
                Ok(l) => view! {
                    <ul class="plain-list complaint-list">
                        {l.complaints.into_iter().map(|x| row(x, reload)).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => view! { <p class="banner banner-error" role="alert">{e.message}</p> }.into_any(),
            })}
        </section>
    }
}
