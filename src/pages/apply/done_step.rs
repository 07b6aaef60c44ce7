//! The receipt: the case number and lookup code once the server has the pre-check, or
//! what is waiting and since when while it has not.

use crate::components::clear_session;
use crate::display::DisplayContext;
use crate::draft_state::DraftHandle;
use crate::outbox::OutboxContext;
use crate::storage::DraftStatus;
use crate::text::{desk, t};
use leptos::prelude::*;
use onewindow_core::catalog::ServiceItem;
use onewindow_core::submission::Channel;

/// The receipt page.
#[component]
pub fn DoneStep(handle: DraftHandle, item: ServiceItem) -> impl IntoView {
    let OutboxContext(outbox) = expect_context();
    // The applicant's own device follows a pre-check from its receipt (the start page
    // lists it); a desk's tablet does not keep citizens' cases.
    Effect::new(move |_| {
        if let Some((
            Channel::PreCheck,
            DraftStatus::Submitted {
                number,
                lookup_code,
                ..
            },
        )) = handle
            .draft
            .with(|d| d.as_ref().map(|d| (d.channel, d.status.clone())))
        {
            crate::pages::status::known::remember(&number, &lookup_code);
        }
    });
    view! {
        <h1>{t().done_heading}</h1>
        <p class="lead">{item.name.clone()}</p>
        {move || match handle.draft.get().map(|d| (d.id.clone(), d.status)) {
            Some((_, DraftStatus::Submitted { number, lookup_code, more })) => {
                let all = (!more.is_empty()).then(|| {
                    let numbers = std::iter::once(number.clone()).chain(more.iter().cloned()).collect::<Vec<_>>().join("、");
                    view! { <div><dt>{t().bundle_case_numbers}</dt><dd class="receipt-value bundle-numbers">{numbers}</dd></div> }
                });
                let at_desk = handle.draft.with(|d| d.as_ref().is_some_and(|d| d.channel == Channel::Desk));
                let case_href = format!("/desk/cases/{number}");
                let status_href = format!("/q/{number}?code={lookup_code}");
                view! {
                    <div class="panel-success" role="status">
                        <p>{t().done_submitted}</p>
                        <dl class="receipt">
                            <div><dt>{t().case_number}</dt><dd class="receipt-value">{number}</dd></div>
                            <div><dt>{t().lookup_code}</dt><dd class="receipt-value">{lookup_code}</dd></div>
                            {all}
                        </dl>
                        <p><a href=status_href>{crate::text::status_text().follow_link}</a></p>
                    </div>
                    {at_desk.then(|| view! {
                        <p class="actions">
                            <a class="button" href=case_href>{desk().open_case_print}</a>
                            " "<a class="button secondary" href="/desk">{desk().next_applicant}</a>
                        </p>
                    })}
                }.into_any()
            }
            Some((id, _)) => {
                let waiting = move || outbox.with(|o| o.waiting.iter().find(|w| w.id == id).cloned());
                view! {
                    <div class="banner banner-warning" role="status">
                        <p>{if handle.draft.with(|d| d.as_ref().is_some_and(|d| d.channel == Channel::Desk)) { desk().done_queued } else { t().done_queued }}</p>
                        {move || waiting().map(|w| {
                            let since = t().elapsed(crate::clock::now_ms() - w.queued_at);
                            view! {
                                <p>{t().waiting_since}{since}</p>
                                {w.last_error.map(|e| view! { <p>{t().last_problem}{e}</p> })}
                            }
                        })}
                    </div>
                }.into_any()
            }
            None => ().into_any(),
        }}
        {move || {
            let DisplayContext(display) = expect_context();
            display.get().terminal.then(|| view! {
                <div class="start-box">
                    <p>{t().clear_now_hint}</p>
                    <button type="button" on:click=|_| leptos::task::spawn_local(clear_session())>{t().clear_now}</button>
                </div>
            })
        }}
        <p><a href="/">{t().back_to_list}</a></p>
    }
}
