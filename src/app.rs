//! The app's frame: header, routes, and the catalogue shared by every page.

use crate::catalog_state::{start_loading, CatalogContext, CatalogStatus};
use crate::components::{IdleGuard, ModeSwitch};
use crate::display::DisplayContext;
use crate::outbox::{OutboxContext, OutboxView};
use crate::pages::{
    ApplyPage, DeskCasePage, DeskPage, GuidePage, HomePage, NoticeListPage, NoticePreviewPage,
};
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
    let display = RwSignal::new(crate::display::load());
    crate::display::apply(&display.get_untracked());
    provide_context(DisplayContext(display));
    let outbox = RwSignal::new(OutboxView::default());
    provide_context(OutboxContext(outbox));
    crate::outbox::start(outbox);
    provide_context(crate::clerk::ClerkContext(RwSignal::new(
        crate::clerk::ClerkState::Unknown,
    )));
    let waiting = move || outbox.with(|o| o.waiting.len());
    view! {
        <Router>
            <a class="skip-link" href="#main">{t().skip_to_content}</a>
            <header class="site-header no-print">
                <a class="brand" href="/">
                    <span class="brand-name">{t().app_name}</span>
                    <span class="brand-tagline">{t().app_tagline}</span>
                </a>
                <nav aria-label=crate::text::faults().main_nav>
                    <a href="/">{t().items_heading}</a>
                    <a href="/notices">{t().notices_link}</a>
                    // A shared terminal is for applicants: no way into the desk from it.
                    {move || (!display.get().terminal).then(|| view! {
                        <a href="/desk">{crate::text::desk().workbench}</a>
                    })}
                    <ModeSwitch/>
                    {move || (waiting() > 0).then(|| view! {
                        <span class="outbox-badge" role="status">{t().outbox_waiting}{" "}{waiting()}</span>
                    })}
                </nav>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <p>{t().item_not_found}</p> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/items/:code") view=GuidePage/>
                    <Route path=path!("/apply/:id") view=ApplyPage/>
                    <Route path=path!("/apply/:id/:step") view=ApplyPage/>
                    <Route path=path!("/notices") view=NoticeListPage/>
                    <Route path=path!("/notices/:kind") view=NoticePreviewPage/>
                    <Route path=path!("/desk") view=DeskPage/>
                    <Route path=path!("/desk/cases/:number") view=DeskCasePage/>
                </Routes>
            </main>
            <IdleGuard/>
        </Router>
    }
}
