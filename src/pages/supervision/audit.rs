//! `/desk/audit`: the audit log for supervisors — who did what, to what, when, from where,
//! and whether it worked — filtered by person, kind of action, target and dates (kept in
//! the address), the newest 500 shown and every matching line exported as CSV.

use crate::clerk::ClerkContext;
use crate::desk_api;
use crate::text::audit_text;
use leptos::prelude::*;
use leptos_router::hooks::query_signal;
use onewindow_wire::body::{AccountRole, AuditQuery};

/// The kinds of action to filter by, as the log names them (prefixes).
const ACTIONS: [&str; 9] = [
    "login",
    "session",
    "case",
    "handover",
    "complaint",
    "supervision",
    "report",
    "audit",
    "user",
];

/// The page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let t = audit_text();
    let clerk: ClerkContext = expect_context();
    let (q_actor, set_actor) = query_signal::<String>("actor");
    let (q_action, set_action) = query_signal::<String>("action");
    let (q_target, set_target) = query_signal::<String>("target");
    let (q_from, set_from) = query_signal::<String>("from");
    let (q_to, set_to) = query_signal::<String>("to");
    let actor = RwSignal::new(q_actor.get_untracked().unwrap_or_default());
    let action = RwSignal::new(q_action.get_untracked().unwrap_or_default());
    let target = RwSignal::new(q_target.get_untracked().unwrap_or_default());
    let from = RwSignal::new(q_from.get_untracked().unwrap_or_default());
    let to = RwSignal::new(q_to.get_untracked().unwrap_or_default());
    let some = |s: String| Some(s).filter(|s| !s.trim().is_empty());
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        set_actor.set(some(actor.get_untracked()));
        set_action.set(some(action.get_untracked()));
        set_target.set(some(target.get_untracked()));
        set_from.set(some(from.get_untracked()));
        set_to.set(some(to.get_untracked()));
    };
    let query = move || AuditQuery {
        actor: q_actor.get(),
        action: q_action.get(),
        target: q_target.get(),
        from: q_from.get().and_then(|d| d.parse().ok()),
        to: q_to.get().and_then(|d| d.parse().ok()),
        limit: None,
    };
    let supervises = move || {
        clerk
            .clerk()
            .is_some_and(|c| c.role == AccountRole::Supervisor)
    };
    let log = LocalResource::new(move || {
        let q = query();
        // Only a supervisor's page asks (anyone else's would only add refusals to the log).
        let allowed = supervises();
        async move {
            if !allowed {
                return Err(desk_api::ApiError {
                    status: 403,
                    message: crate::text::faults().supervisors_only.into(),
                });
            }
            desk_api::audit(&q).await
        }
    });
    view! {
        <crate::pages::desk::ClerkGate>
            <h1>{t.heading}</h1>
            {move || if supervises() {
                view! {
                    <p class="lead">{t.intro}</p>
                    <form class="panel period-form" on:submit=apply>
                        <p class="field inline">
                            <label for="au-actor">{t.actor}</label>
                            <input id="au-actor" class="text-input narrow" type="text" prop:value=move || actor.get()
                                on:input=move |ev| actor.set(event_target_value(&ev))/>
                        </p>
                        <p class="field inline">
                            <label for="au-action">{t.action}</label>
                            <select id="au-action" on:change=move |ev| action.set(event_target_value(&ev))>
                                <option value="" selected=move || action.get().is_empty()>{t.any_action}</option>
                                {ACTIONS.iter().map(|a| {
                                    let a = *a;
                                    view! { <option value=a selected=move || action.get() == a>{t.action_name(a)}</option> }
                                }).collect_view()}
                            </select>
                        </p>
                        <p class="field inline">
                            <label for="au-target">{t.target}</label>
                            <input id="au-target" class="text-input narrow" type="text" prop:value=move || target.get()
                                on:input=move |ev| target.set(event_target_value(&ev))/>
                        </p>
                        <p class="field inline">
                            <label for="au-from">{t.from}</label>
                            <input id="au-from" type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/>
                        </p>
                        <p class="field inline">
                            <label for="au-to">{t.to}</label>
                            <input id="au-to" type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/>
                        </p>
                        <button type="submit">{t.filter}</button>
                        <a class="button secondary" rel="external" download="" href=move || format!("/api/desk/audit/export?{}", desk_api::audit_query(&query()))>{t.export}</a>
                    </form>
                    <Transition fallback=move || view! { <p class="progress" role="status">{t.loading}</p> }>
                        {move || log.get().map(|r| match r {
                            Ok(l) if l.entries.is_empty() => view! { <p>{t.empty}</p> }.into_any(),
                            Ok(l) => view! {
                                <p class="note">{(t.shown)(l.entries.len())}</p>
                                <div class="table-scroll"><table class="cases audit-log">
                                    <thead><tr>
                                        <th scope="col">{t.at}</th><th scope="col">{t.actor}</th><th scope="col">{t.action}</th>
                                        <th scope="col">{t.target}</th><th scope="col">{t.client}</th>
                                        <th scope="col">{t.success}</th><th scope="col">{t.detail}</th>
                                    </tr></thead>
                                    <tbody>{l.entries.into_iter().map(|e| view! {
                                        <tr class:due-overdue=!e.success>
                                            <td>{e.at}</td><th scope="row">{e.actor}</th><td>{e.action}</td>
                                            <td>{e.target}</td><td>{e.client}</td>
                                            <td>{if e.success { t.yes } else { t.no }}</td><td>{e.detail}</td>
                                        </tr>
                                    }).collect_view()}</tbody>
                                </table></div>
                            }.into_any(),
                            Err(e) => view! { <p class="banner banner-error" role="alert">{e.message}</p> }.into_any(),
                        })}
                    </Transition>
                }.into_any()
            } else {
                view! { <p class="banner banner-error" role="alert">{crate::text::faults().supervisors_only}</p> }.into_any()
            }}
        </crate::pages::desk::ClerkGate>
    }
}
