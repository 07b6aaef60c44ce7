//! A real case's notices, filled by the core from the case as the server has it and the
//! document number the server issued, shown as A4 pages (two copies where the office keeps
//! one) and printed with the browser.

use crate::catalog_state::LoadedCatalog;
use crate::clock::now_local;
use crate::desk_api::{DeskCase, IssuedNotice};
use crate::text::{desk, t};
use leptos::prelude::*;
use onewindow_core::case::{deadlines, DeadlineSettings, Limits};
use onewindow_core::checklist::checklist;
use onewindow_core::notice::case_data::{ApplicantFacts, CaseFacts};
use onewindow_core::notice::{self, NoticeKind};

/// The kind a wire name stands for.
pub fn kind_of(stem: &str) -> Option<NoticeKind> {
    notice::ALL
        .into_iter()
        .find(|k| k.file_name().trim_end_matches(".html") == stem)
}

/// The HTML of each copy of `issued`, or why it cannot be made.
pub fn render(
    loaded: &LoadedCatalog,
    case: &DeskCase,
    issued: &IssuedNotice,
) -> Result<Vec<String>, String> {
    let kind =
        kind_of(&issued.kind).ok_or_else(|| format!("{}{}", t().notice_not_found, issued.kind))?;
    let notices = loaded
        .catalog
        .notices
        .as_ref()
        .ok_or(t().notice_not_found)?;
    let item = loaded
        .catalog
        .item(&case.item.code)
        .ok_or(t().item_not_found)?;
    let calendar = loaded.calendar.as_ref().ok_or(desk().no_calendar)?;
    // The record up to the producing step: the notice says what was true when issued.
    let upto = (issued.event_index as usize + 1).min(case.events.len());
    let events = &case.events[..upto];
    let record = onewindow_core::case::replay(events).map_err(|e| e.to_string())?;
    let due = deadlines(
        &record,
        &Limits::of(item),
        calendar,
        now_local().date(),
        &DeadlineSettings::default(),
    )
    .map_err(|e| e.to_string())?;
    let answers = case.answers.clone().unwrap_or_default();
    let list = checklist(item, &answers);
    let applicant = ApplicantFacts {
        name: case.applicant.name.clone(),
        id_number: case.applicant.id_masked.clone(),
        mobile: case.applicant.mobile_masked.clone(),
    };
    let facts = CaseFacts {
        item,
        applicant: &applicant,
        number: &case.number,
        lookup_code: &case.lookup_code,
        record: &record,
        deadlines: &due,
        checklist: Some(&list),
        outcome: case.outcome.as_ref(),
        event: events.last().map(|e| &e.kind),
    };
    let copies: &[&str] = if kind.two_copies() {
        &[t().copy_applicant, t().copy_office]
    } else {
        &[t().copy_applicant]
    };
    copies
        .iter()
        .map(|copy| {
            let data = notices.data_for(kind, facts, issued.issued_on, issued.seq as u32, copy);
            notices
                .render(kind, &data)
                .map_err(|e| format!("{}{e}", t().notice_template_error))
        })
        .collect()
}

/// The notices of a case: a list with a button per notice that shows it for printing.
#[component]
pub fn CaseNotices(loaded: LoadedCatalog, case: DeskCase) -> impl IntoView {
    let shown = RwSignal::new(None::<usize>);
    let notices = case.notices.clone();
    let buttons = notices
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let title = kind_of(&n.kind).map_or(n.kind.clone(), |k| k.title().to_string());
            view! {
                <li>
                    <span>{title.clone()}{"　"}{n.number.clone()}</span>
                    " "
                    <button type="button" class="secondary" on:click=move |_| shown.set(Some(i))>
                        {desk().show_notice}<span class="visually-hidden">{title}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    let empty = notices.is_empty();
    view! {
        <section class="panel no-print" aria-labelledby="case-notices">
            <h2 id="case-notices">{desk().notices_heading}</h2>
            {empty.then(|| view! { <p>{desk().no_notices}</p> })}
            <ul class="plain-list notice-buttons">{buttons}</ul>
        </section>
        {move || shown.get().and_then(|i| notices.get(i).cloned()).map(|n| {
            match render(&loaded, &case, &n) {
                Ok(pages) => view! {
                    <div class="no-print toolbar">
                        <button type="button" on:click=|_| print()>{t().print}</button>
                    </div>
                    <div class="notice-pages" tabindex="0" role="region" aria-label=n.number.clone()>
                        {pages.into_iter().map(|html| view! { <div class="a4" inner_html=html></div> }).collect_view()}
                    </div>
                }.into_any(),
                Err(e) => view! { <p class="banner banner-error" role="alert">{e}</p> }.into_any(),
            }
        })}
    }
}

fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
