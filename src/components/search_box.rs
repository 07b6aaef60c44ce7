//! Search by name or pinyin initials; the core finds, this shows.

use crate::text::t;
use leptos::prelude::*;
use onewindow_core::catalog::search::search_index;
use onewindow_core::catalog::CatalogIndex;
use std::sync::Arc;

/// The most hits listed at once.
const MAX_HITS: usize = 30;

/// The search box and its results.
#[component]
pub fn SearchBox(index: Arc<CatalogIndex>) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let results = move || {
        let q = query.get();
        if q.trim().is_empty() {
            return None;
        }
        let hits = search_index(&index, &q);
        Some(if hits.is_empty() {
            view! { <p class="hint" role="status">{t().search_none}</p> }.into_any()
        } else {
            // The best hits first; a short query in a county's catalogue matches hundreds.
            let total = hits.len();
            let shown = total.min(MAX_HITS);
            let more = (total > shown).then(|| {
                view! { <p class="hint">{format!("{}{total}{}{shown}{}", t().search_many_before, t().search_many_middle, t().search_many_after)}</p> }
            });
            let links = hits
                .into_iter()
                .take(MAX_HITS)
                .map(|h| {
                    let href = if h.bundle {
                        format!("/#bundle-{}", h.code)
                    } else {
                        format!("/items/{}", h.code)
                    };
                    let tag = h
                        .bundle
                        .then(|| view! { <span class="tag">{t().bundles_heading}</span> });
                    view! { <li><a href=href>{h.name}</a>{" "}{tag}</li> }
                })
                .collect_view();
            view! {
                <div role="status" aria-live="polite">
                    <ul class="search-results">{links}</ul>
                    {more}
                </div>
            }
            .into_any()
        })
    };
    view! {
        <div class="search" role="search">
            <label for="search">{t().search_label}</label>
            <p class="hint" id="search-hint">{t().search_hint}</p>
            <input id="search" class="text-input" type="search" autocomplete="off" aria-describedby="search-hint"
                on:input=move |ev| query.set(event_target_value(&ev))/>
            {results}
        </div>
    }
}
