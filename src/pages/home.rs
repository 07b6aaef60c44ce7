//! `/`: the list of service items.

use crate::catalog_state::CatalogContext;
use crate::components::{CatalogGate, DraftsList, ItemList, SearchBox};
use crate::text::t;
use leptos::prelude::*;

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let CatalogContext(status) = expect_context();
    view! {
        <h1>{t().items_heading}</h1>
        <p class="lead">{t().items_intro}</p>
        <super::KnownCases/>
        <CatalogGate status=status let:loaded>
            <SearchBox index=loaded.index.clone()/>
            <DraftsList index=loaded.index.clone()/>
            <ItemList index=loaded.index.clone()/>
        </CatalogGate>
    }
}
