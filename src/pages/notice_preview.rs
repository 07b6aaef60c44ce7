//! `/notices` and `/notices/:kind`: specimens (样张) of the deployment's notices, on
//! screen and printed on A4, so a service centre can check its templates.

use crate::catalog_state::CatalogContext;
use crate::components::CatalogGate;
use crate::text::t;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use onewindow_core::notice::{self, NoticeKind};

fn kind_of(stem: &str) -> Option<NoticeKind> {
    notice::ALL
        .into_iter()
        .find(|k| k.file_name().trim_end_matches(".html") == stem)
}

/// The list of notices.
#[component]
pub fn NoticeListPage() -> impl IntoView {
    let links = notice::ALL
        .into_iter()
        .map(|k| {
            let href = format!("/notices/{}", k.file_name().trim_end_matches(".html"));
            view! { <li><a href=href>{k.title()}</a></li> }
        })
        .collect_view();
    view! {
        <h1>{t().notices_heading}</h1>
        <p class="lead">{t().notices_intro}</p>
        <ul class="plain-list">{links}</ul>
    }
}

/// One notice's specimen, in both copies where the office keeps one.
#[component]
pub fn NoticePreviewPage() -> impl IntoView {
    let CatalogContext(status) = expect_context();
    let params = use_params_map();
    let kind = move || kind_of(&params.read().get("kind").unwrap_or_default());
    view! {
        <p class="no-print"><a class="back-link" href="/notices">{t().notices_back}</a></p>
        <CatalogGate status=status let:loaded>
            {
                let catalog = loaded.catalog.clone();
                move || {
                    let (Some(kind), Some(notices)) = (kind(), catalog.notices.as_ref()) else {
                        return view! { <p role="alert">{t().notice_not_found}</p> }.into_any();
                    };
                    let copies: &[&str] = if kind.two_copies() {
                        &[t().copy_applicant, t().copy_office]
                    } else {
                        &[t().copy_applicant]
                    };
                    let pages = copies
                        .iter()
                        .map(|copy| match notices.render(kind, &notices.specimen(kind, copy)) {
                            Ok(html) => view! { <div class="a4" inner_html=html></div> }.into_any(),
                            Err(e) => view! { <p role="alert">{format!("{}{e}", t().notice_template_error)}</p> }.into_any(),
                        })
                        .collect_view();
                    view! {
                        <div class="no-print toolbar">
                            <p>{t().specimen_note}</p>
                            <button type="button" on:click=|_| print()>{t().print}</button>
                        </div>
                        <div class="notice-pages" tabindex="0" role="region" aria-label=kind.title()>{pages}</div>
                    }
                    .into_any()
                }
            }
        </CatalogGate>
    }
}

fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
