//! The app's frame: header, routes, and the catalogue shared by every page.

use crate::catalog_state::{start_loading, CatalogContext, CatalogStatus};
use crate::pages::{GuidePage, HomePage, NoticeListPage, NoticePreviewPage};
use crate::text::t;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let status = RwSignal::new(CatalogStatus::Loading);
    provide_context(CatalogContext(status));
    start_loading(status);
    view! {
        <Router>
            <a class="skip-link" href="#main">{t().skip_to_content}</a>
            <header class="site-header no-print">
                <a class="brand" href="/">
                    <span class="brand-name">{t().app_name}</span>
                    <span class="brand-tagline">{t().app_tagline}</span>
                </a>
                <nav aria-label="主导航">
                    <a href="/">{t().items_heading}</a>
                    <a href="/notices">{t().notices_link}</a>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <p>{t().item_not_found}</p> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/items/:code") view=GuidePage/>
                    <Route path=path!("/notices") view=NoticeListPage/>
                    <Route path=path!("/notices/:kind") view=NoticePreviewPage/>
                </Routes>
            </main>
        </Router>
    }
}
