//! The clerk's desk (`/desk`, `/desk/cases/:number`): log in, start a case for an item or
//! from an applicant's pre-check, the case list, and one case moved on step by step.

mod case_list;
mod case_notices;
mod case_page;
mod complaints;
pub mod consult;
mod event_form;
mod help_panel;
mod login;
mod new_case;
mod relay_clock;
mod unmask;

pub use case_page::DeskCasePage;

use crate::clerk::{ClerkContext, ClerkState};
use crate::text::desk;
use case_list::CaseList;
use leptos::prelude::*;
use login::LoginForm;
use new_case::NewCase;

/// Shows `children` only to a logged-in clerk; otherwise the login form.
#[component]
pub fn ClerkGate(children: ChildrenFn) -> impl IntoView {
    let clerk: ClerkContext = expect_context();
    clerk.check();
    move || {
        match clerk.0.get() {
        ClerkState::Unknown => view! { <p class="progress" role="status">{desk().checking_session}</p> }.into_any(),
        ClerkState::LoggedOut(message) => view! { <LoginForm message=message/> }.into_any(),
        ClerkState::In(c) => view! {
            <div class="clerk-bar no-print">
                <span>{desk().logged_in_as}{c.name.clone()}{"（"}{desk().role(&c.role)}{"）"}</span>
                <a href="/desk">{desk().workbench}</a>
                <button type="button" class="secondary" on:click=|_| leptos::task::spawn_local(crate::clerk::logout())>{desk().logout}</button>
            </div>
            {children()}
        }
        .into_any(),
    }
    }
}

/// `/desk`: the workbench.
#[component]
pub fn DeskPage() -> impl IntoView {
    let clerk: crate::clerk::ClerkContext = expect_context();
    // Reviewers, leads and supervisors do not take in papers: no "new case" for them.
    let receives = move || {
        clerk
            .clerk()
            .is_some_and(|c| onewindow_core::case::access::receives(c.role.post()))
    };
    let supervises = move || {
        clerk
            .clerk()
            .is_some_and(|c| c.role == onewindow_wire::body::AccountRole::Supervisor)
    };
    // Back-office posts answer the guidance desk's questions for their departments.
    let back_office = move || {
        clerk
            .clerk()
            .is_some_and(|c| onewindow_core::consultation::is_back_office(c.role.post()))
    };
    view! {
        <ClerkGate>
            <h1>{desk().workbench}</h1>
            <div class="desk-grid">
                {move || receives().then(|| view! { <NewCase/> })}
                {move || receives().then(|| view! { <help_panel::HelpPanel/> })}
                <CaseList/>
            </div>
            {move || supervises().then(|| view! {
                <p class="no-print">
                    <a class="button secondary" href="/desk/supervision">{crate::text::supervision_text().link}</a>" "
                    <a class="button secondary" href="/desk/security">{crate::text::security_text().link}</a>
                </p>
                <complaints::ComplaintsPanel mine=false/>
            })}
            {move || (!supervises() && clerk.clerk().is_some()).then(|| view! { <complaints::ComplaintsPanel mine=true/> })}
            {move || back_office().then(|| view! { <consult::EnquiryInbox/> })}
        </ClerkGate>
    }
}
