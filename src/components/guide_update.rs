//! Says what a newer guide changes for the open draft. The draft keeps the guides it was
//! made with; when the catalogue brings a newer version, the core compares the two for
//! this draft's answers. Nothing that matters changed: the draft quietly takes the new
//! guide. Something did: the applicant is told what, and the draft takes the new guide
//! once they say they have read it (until then the notice comes back on every visit).

use crate::catalog_state::{CatalogContext, CatalogStatus, LoadedCatalog};
use crate::draft_state::DraftHandle;
use crate::storage::{Draft, DraftGuide, DraftStatus};
use crate::text::t;
use leptos::prelude::*;
use onewindow_core::checklist::answers_for_item;
use onewindow_core::guide_change::{guide_changes, GuideChange};
use onewindow_core::ServiceItem;

/// What the open draft should do about the guides of `codes`.
#[derive(Debug, Clone, PartialEq, Default)]
struct Assessment {
    /// Guides to record without a word (new to the draft, or changing nothing for it).
    quiet: Vec<(String, DraftGuide)>,
    /// Items whose new guide changes this draft: (code, name, new guide, changes).
    told: Vec<(String, String, DraftGuide, Vec<GuideChange>)>,
}

fn current_guide(loaded: &LoadedCatalog, code: &str) -> Option<(ServiceItem, DraftGuide)> {
    let item = loaded.catalog.item(code)?.clone();
    let version = loaded.versions.get(code)?.clone();
    let json = serde_json::to_string(&item).ok()?;
    Some((item, DraftGuide { version, json }))
}

fn assess(loaded: &LoadedCatalog, draft: &Draft, codes: &[String]) -> Assessment {
    let mut out = Assessment::default();
    if draft.status != DraftStatus::Editing {
        return out;
    }
    for code in codes {
        let Some((item, guide)) = current_guide(loaded, code) else {
            continue;
        };
        let Some(basis) = draft.guides.get(code) else {
            out.quiet.push((code.clone(), guide));
            continue;
        };
        if basis.version == guide.version {
            continue;
        }
        // A guide the draft kept but can no longer read is replaced: the current rules
        // apply either way, and the checklist pages show them.
        let changes = match serde_json::from_str::<ServiceItem>(&basis.json) {
            Ok(old) => guide_changes(&old, &item, &answers_for_item(&item, &draft.answers)),
            Err(_) => vec![],
        };
        if changes.is_empty() {
            out.quiet.push((code.clone(), guide));
        } else {
            out.told
                .push((code.clone(), item.name.clone(), guide, changes));
        }
    }
    out
}

/// The notice above the draft's pages; `codes` are the draft's item codes.
#[component]
pub fn GuideUpdate(handle: DraftHandle, codes: Vec<String>) -> impl IntoView {
    let CatalogContext(status) = expect_context();
    let assessment = Memo::new(move |_| {
        let CatalogStatus::Ready(loaded) = status.get() else {
            return Assessment::default();
        };
        handle
            .draft
            .with(|d| d.as_ref().map(|d| assess(&loaded, d, &codes)))
            .unwrap_or_default()
    });
    Effect::new(move |_| {
        let quiet = assessment.with(|a| a.quiet.clone());
        if !quiet.is_empty() {
            handle.edit(move |d| d.guides.extend(quiet));
        }
    });
    let acknowledge = move |_| {
        let told = assessment.with_untracked(|a| a.told.clone());
        handle.edit(move |d| {
            d.guides
                .extend(told.into_iter().map(|(code, _, guide, _)| (code, guide)))
        });
    };
    move || {
        let told = assessment.with(|a| a.told.clone());
        (!told.is_empty()).then(|| {
            view! {
                <section class="banner banner-warning guide-update" role="status" aria-live="polite">
                    {told.into_iter().map(|(_, name, _, changes)| view! {
                        <p>{t().guide_updated_before}{name}{t().guide_updated_after}</p>
                        <ul>{changes.into_iter().map(|c| view! { <li>{c.to_string()}</li> }).collect_view()}</ul>
                    }).collect_view()}
                    <button type="button" class="button" on:click=acknowledge>{t().guide_updated_ack}</button>
                </section>
            }
        })
    }
}
