//! The app's frame: header, routes, and the catalogue shared by every page.

use crate::catalog_state::{
    prefetch_all, start_loading, CatalogContext, CatalogStatus, Prefetch, PrefetchContext,
};
use crate::components::{IdleGuard, ModeSwitch};
use crate::display::DisplayContext;
use crate::outbox::{OutboxContext, OutboxView};
use crate::pages::{
    ApplyPage, AuditPage, ComplaintPage, DeskCasePage, DeskPage, GuidePage, HomePage,
    NoticeListPage, NoticePreviewPage, SecurityPage, StatusPage, SupervisionPage,
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
    // A terminal, and a desk once a clerk is logged in, keep every guide for offline use.
    let prefetch = RwSignal::new(Prefetch::Idle);
    provide_context(PrefetchContext(prefetch));
    let clerk: crate::clerk::ClerkContext = expect_context();
    Effect::new(move |_| {
        let ready = matches!(status.get(), CatalogStatus::Ready(_));
        let keeps_all =
            display.get().terminal || matches!(clerk.0.get(), crate::clerk::ClerkState::In(_));
        if ready && keeps_all {
            prefetch_all(status, prefetch);
        }
    });
    let prefetch_line = move || match prefetch.get() {
        Prefetch::Idle => None,
        Prefetch::Running(n) => Some(format!(
            "{}{n}{}",
            t().prefetch_running_before,
            t().prefetch_running_after
        )),
        Prefetch::Done(n) => Some(format!(
            "{}{n}{}",
            t().prefetch_done_before,
            t().prefetch_done_after
        )),
        Prefetch::Failed(e) => Some(format!("{}{e}", t().prefetch_failed)),
    };
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
                    <a href="/q">{crate::text::status_text().nav}</a>
                    <a href="/complaint">{crate::text::complaint_text().nav}</a>
                    // A shared terminal is for applicants: no way into the desk from it.
                    {move || (!display.get().terminal).then(|| view! {
                        <a href="/desk">{crate::text::desk().workbench}</a>
                    })}
                    <ModeSwitch/>
                    {move || display.get().terminal.then(|| view! { <crate::components::CallStaff/> })}
                    {move || (waiting() > 0).then(|| view! {
                        <span class="outbox-badge" role="status">{t().outbox_waiting}{" "}{waiting()}</span>
                    })}
                </nav>
            </header>
            <main id="main" tabindex="-1">
                {move || prefetch_line().map(|line| view! {
                    <p class="prefetch no-print" role="status" aria-live="polite">{line}</p>
                })}
                <Routes fallback=|| view! { <p>{t().item_not_found}</p> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/items/:code") view=GuidePage/>
                    <Route path=path!("/apply/:id") view=ApplyPage/>
                    <Route path=path!("/apply/:id/:step") view=ApplyPage/>
                    <Route path=path!("/notices") view=NoticeListPage/>
                    <Route path=path!("/notices/:kind") view=NoticePreviewPage/>
                    <Route path=path!("/complaint") view=ComplaintPage/>
                    <Route path=path!("/q") view=StatusPage/>
                    <Route path=path!("/q/:number") view=StatusPage/>
                    <Route path=path!("/desk") view=DeskPage/>
                    <Route path=path!("/desk/supervision") view=SupervisionPage/>
                    <Route path=path!("/desk/audit") view=AuditPage/>
                    <Route path=path!("/desk/security") view=SecurityPage/>
                    <Route path=path!("/desk/cases/:number") view=DeskCasePage/>
                    <Route path=path!("/desk/consult/:code") view=crate::pages::ConsultPage/>
                </Routes>
            </main>
            <IdleGuard/>
        </Router>
    }
}
