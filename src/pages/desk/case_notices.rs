//! A real case's notices, filled by the core from the case as the server has it and the
//! document number the server issued, shown as A4 pages (two copies where the office keeps
//! one) and printed with the browser.

use crate::catalog_state::LoadedCatalog;
use crate::desk_api::{DeskCase, IssuedNotice};
use crate::text::{desk, t};
use leptos::prelude::*;
use onewindow_core::case_notice::{render_issued, ApplicantFacts, Issue, StoredCase};

/// The HTML of each copy of `issued`, or why it cannot be made (the core fills it).
pub fn render(
    loaded: &LoadedCatalog,
    case: &DeskCase,
    issued: &IssuedNotice,
) -> Result<Vec<String>, String> {
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
    let applicant = ApplicantFacts {
        name: case.applicant.name.clone(),
        id_number: case.applicant.id_masked.clone(),
        mobile: case.applicant.mobile_masked.clone(),
    };
    render_issued(
        notices,
        StoredCase {
            item,
            applicant: &applicant,
            number: &case.number,
            lookup_code: &case.lookup_code,
            events: &case.view.events,
            answers: &case.answers,
            outcome: case.outcome.as_ref(),
        },
        Issue {
            kind: issued.kind,
            event_index: issued.event_index as usize,
            on: issued.issued_on,
            seq: issued.seq,
        },
        calendar,
        &loaded.catalog.settings.deadlines,
        &[t().copy_applicant, t().copy_office],
    )
    .map_err(|e| format!("{}{e}", t().notice_template_error))
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
            let title = n.kind.title().to_string();
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
