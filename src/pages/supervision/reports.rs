//! The reports a supervisor takes away: the ledger of decided cases (办结台账) per
//! department as CSV or XLSX (masked unless a reason is given, audited), and the printed
//! 运行工作表 (the page's figures on A4).

use crate::text::supervision_text;
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;

/// Last week, Monday to Sunday, before `today`'s week.
fn last_week(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    (monday - Duration::days(7), monday - Duration::days(1))
}

/// The export form; `departments` to choose from.
pub fn ledger_form(departments: Vec<String>) -> impl IntoView {
    let s = supervision_text();
    let (a, b) = last_week(crate::clock::today());
    let from = RwSignal::new(a.to_string());
    let to = RwSignal::new(b.to_string());
    let department = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let export = move |format: &'static str| {
        let (Ok(f), Ok(t)) = (from.get_untracked().parse(), to.get_untracked().parse()) else {
            error.set(Some(crate::text::faults().bad_dates.into()));
            return;
        };
        if let Some((_, problem)) =
            onewindow_core::supervision::ledger_problem(f, t, &reason.get_untracked())
        {
            error.set(Some(problem));
            return;
        }
        error.set(None);
        let url = format!(
            "/api/desk/reports/ledger?from={f}&to={t}&department={}&format={format}&reason={}",
            js_sys::encode_uri_component(&department.get_untracked()),
            js_sys::encode_uri_component(reason.get_untracked().trim())
        );
        // The answer is an attachment: the browser saves it and the page stays.
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href(&url);
        }
    };
    view! {
        <section class="panel sv-section no-print" aria-labelledby="sv-reports">
            <h2 id="sv-reports">{s.reports_heading}</h2>
            <p class="hint">{s.ledger_intro}</p>
            {move || error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
            <div class="period-form">
                <p class="field inline">
                    <label for="lg-from">{s.ledger_from}</label>
                    <input id="lg-from" type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/>
                </p>
                <p class="field inline">
                    <label for="lg-to">{s.ledger_to}</label>
                    <input id="lg-to" type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/>
                </p>
                <p class="field inline">
                    <label for="lg-department">{s.department}</label>
                    <select id="lg-department" on:change=move |ev| department.set(event_target_value(&ev))>
                        <option value="">{s.all_departments}</option>
                        {departments.into_iter().map(|d| view! { <option value=d.clone()>{d.clone()}</option> }).collect_view()}
                    </select>
                </p>
            </div>
            <p class="field">
                <label for="lg-reason">{s.reason_label}</label>
                <span class="hint" id="lg-reason-hint">{s.reason_hint}</span>
                <input id="lg-reason" class="text-input" type="text" aria-describedby="lg-reason-hint"
                    prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
            </p>
            <p class="actions">
                <button type="button" on:click=move |_| export("csv")>{s.export_csv}</button>" "
                <button type="button" on:click=move |_| export("xlsx")>{s.export_xlsx}</button>" "
                <button type="button" class="secondary" on:click=|_| {
                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                }>{s.print_worksheet}</button>
            </p>
        </section>
    }
}
