//! `/desk/supervision`: the centre's figures for a period and site (supervisors only): a
//! summary, intake by department, channel and item, on-time decisions, open cases by time
//! left with the overdue list and owners, 好差评 with the open follow-ups, complaints and
//! each clerk's workload. Charts are drawn for the eye; every chart has its table.

mod audit;
mod chart;
mod reports;
mod security;
mod tables;

use crate::clerk::ClerkContext;
use crate::desk_api;
use crate::text::supervision_text;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::query_signal;
use onewindow_wire::body::AccountRole;
use onewindow_wire::supervision::{Supervision, SupervisionQuery};

pub use audit::AuditPage;
pub use security::SecurityPage;

/// The first and last day of the month `back` months before the one of `today`.
fn month(today: NaiveDate, back: u32) -> (NaiveDate, NaiveDate) {
    let mut first = today.with_day(1).unwrap_or(today);
    for _ in 0..back {
        first = (first - chrono::Duration::days(1))
            .with_day(1)
            .unwrap_or(first);
    }
    let next = (first + chrono::Duration::days(32))
        .with_day(1)
        .unwrap_or(first);
    let last = (next - chrono::Duration::days(1)).min(today.max(first));
    (first, if back == 0 { today } else { last })
}

/// The period and site chooser; `apply` navigates to them.
fn period_form(
    from: RwSignal<String>,
    to: RwSignal<String>,
    site: RwSignal<String>,
    sites: Signal<Vec<String>>,
    apply: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let s = supervision_text();
    let today = crate::clock::today();
    let preset = move |(a, b): (NaiveDate, NaiveDate)| {
        from.set(a.to_string());
        to.set(b.to_string());
        apply();
    };
    view! {
        <form class="panel period-form no-print" on:submit=move |ev| { ev.prevent_default(); apply(); }>
            <p class="field inline">
                <label for="sv-from">{s.from}</label>
                <input id="sv-from" type="date" required prop:value=move || from.get()
                    on:input=move |ev| from.set(event_target_value(&ev))/>
            </p>
            <p class="field inline">
                <label for="sv-to">{s.to}</label>
                <input id="sv-to" type="date" required prop:value=move || to.get()
                    on:input=move |ev| to.set(event_target_value(&ev))/>
            </p>
            <p class="field inline">
                <label for="sv-site">{s.site}</label>
                <select id="sv-site" on:change=move |ev| site.set(event_target_value(&ev))>
                    <option value="" selected=move || site.get().is_empty()>{s.all_sites}</option>
                    {move || sites.get().into_iter().map(|x| {
                        let selected = x == site.get_untracked();
                        view! { <option value=x.clone() selected=selected>{x.clone()}</option> }
                    }).collect_view()}
                </select>
            </p>
            <button type="submit">{s.show}</button>
            <span class="presets">
                <button type="button" class="secondary" on:click=move |_| preset(month(today, 0))>{s.this_month}</button>
                <button type="button" class="secondary" on:click=move |_| preset(month(today, 1))>{s.last_month}</button>
                <button type="button" class="secondary" on:click=move |_| {
                    preset((today.with_ordinal(1).unwrap_or(today), today))
                }>{s.this_year}</button>
            </span>
        </form>
    }
}

/// The figures of one answer.
fn figures_view(f: Supervision) -> impl IntoView {
    let s = supervision_text();
    let mut departments: Vec<String> = f
        .intake
        .iter()
        .map(|r| r.department.clone())
        .chain(f.on_time.iter().map(|r| r.department.clone()))
        .filter(|d| !d.is_empty())
        .collect();
    departments.sort();
    departments.dedup();
    let period = format!(
        "{} — {} · {}",
        f.from,
        f.to,
        if f.site.is_empty() {
            s.all_sites.to_string()
        } else {
            f.site.clone()
        }
    );
    view! {
        <header class="print-only worksheet-head">
            <h2>{s.worksheet_title}</h2>
            <p>{period.clone()}</p>
        </header>
        <p class="note no-print">{period}</p>
        {reports::ledger_form(departments)}
        {tables::summary(&f)}
        {tables::by_department(&f)}
        {tables::by_channel(&f)}
        {tables::by_item(&f)}
        {tables::on_time(&f)}
        {tables::remaining(&f)}
        {tables::overdue(&f)}
        {tables::evaluations(&f)}
        {tables::follow_ups(&f)}
        {tables::complaints(&f)}
        {tables::workload(&f)}
        {tables::consultations(&f)}
        <p class="note timings">{s.timings}"："
            {f.timings.iter().map(|t| format!("{} {:.1} ms", t.figure, t.micros as f64 / 1000.0)).collect::<Vec<_>>().join("，")}
        </p>
    }
}

/// The page.
#[component]
pub fn SupervisionPage() -> impl IntoView {
    let s = supervision_text();
    let clerk: ClerkContext = expect_context();
    let (q_from, set_from) = query_signal::<String>("from");
    let (q_to, set_to) = query_signal::<String>("to");
    let (q_site, set_site) = query_signal::<String>("site");
    let today = crate::clock::today();
    let (first, _) = month(today, 0);
    let from = RwSignal::new(q_from.get_untracked().unwrap_or_else(|| first.to_string()));
    let to = RwSignal::new(q_to.get_untracked().unwrap_or_else(|| today.to_string()));
    let site = RwSignal::new(q_site.get_untracked().unwrap_or_default());
    let sites = RwSignal::new(Vec::<String>::new());
    let apply = move || {
        set_from.set(Some(from.get_untracked()));
        set_to.set(Some(to.get_untracked()));
        set_site.set(Some(site.get_untracked()).filter(|x| !x.is_empty()));
    };
    let supervises = move || {
        clerk
            .clerk()
            .is_some_and(|c| c.role == AccountRole::Supervisor)
    };
    let answer = LocalResource::new(move || {
        // Only a supervisor's page asks (anyone else's would only add refusals to the log).
        let allowed = supervises();
        let query = (
            q_from.get().unwrap_or_else(|| first.to_string()),
            q_to.get().unwrap_or_else(|| today.to_string()),
            q_site.get().unwrap_or_default(),
        );
        async move {
            if !allowed {
                return Err(crate::text::faults().supervisors_only.to_string());
            }
            let (Ok(from), Ok(to)) = (query.0.parse(), query.1.parse()) else {
                return Err(crate::text::faults().bad_dates.to_string());
            };
            desk_api::supervision(&SupervisionQuery {
                from,
                to,
                site: query.2,
            })
            .await
            .map_err(|e| e.message)
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(f)) = answer.get() {
            sites.set(f.sites.clone());
        }
    });
    view! {
        <crate::pages::desk::ClerkGate>
            <div class="supervision">
            <h1 class="no-print">{s.heading}</h1>
            {move || if supervises() {
                view! {
                    <p class="lead">{s.intro}" "<a href="/desk/audit">{crate::text::audit_text().link}</a></p>
                    {period_form(from, to, site, sites.into(), apply)}
                    <Transition fallback=move || view! { <p class="progress" role="status">{s.loading}</p> }>
                        {move || answer.get().map(|a| match a {
                            Ok(f) => figures_view(f).into_any(),
                            Err(e) => view! { <p class="banner banner-error" role="alert">{e}</p> }.into_any(),
                        })}
                    </Transition>
                }.into_any()
            } else {
                view! { <p class="banner banner-error" role="alert">{crate::text::faults().supervisors_only}</p> }.into_any()
            }}
            </div>
        </crate::pages::desk::ClerkGate>
    }
}
