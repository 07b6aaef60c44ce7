//! Check your answers: everything entered with a way to change it, the likely outcome
//! and the deadlines if the window accepted it today; then submit.

use super::{step_url, Step};
use crate::catalog_state::{CatalogContext, CatalogStatus};
use crate::clock::now_local;
use crate::draft_state::DraftHandle;
use crate::outbox::{flush_all, OutboxContext};
use crate::storage::{Storage, DEFAULT_DB};
use crate::text::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use onewindow_core::calendar::Calendar;
use onewindow_core::case::DeadlineKind;
use onewindow_core::catalog::ServiceItem;
use onewindow_core::checklist::relevant_questions;
use onewindow_core::notice::format::chinese_date;
use onewindow_core::outcome::Outcome;
use onewindow_core::outgoing::{build_submission, CaseInHand};
use onewindow_core::precheck::precheck;
use onewindow_core::submission::Channel;
use std::sync::Arc;

/// The check-your-answers page.
#[component]
pub fn ReviewStep(
    handle: DraftHandle,
    item: ServiceItem,
    calendar: Option<Arc<Calendar>>,
    /// For a bundle (一件事): the catalogue and the bundle.
    bundle: Option<(
        Arc<onewindow_core::Catalog>,
        onewindow_core::catalog::Bundle,
    )>,
) -> impl IntoView {
    let OutboxContext(outbox) = expect_context();
    let CatalogContext(catalog_status) = expect_context();
    let loaded_catalog = match catalog_status.get_untracked() {
        CatalogStatus::Ready(l) => Some(l.catalog),
        _ => None,
    };
    let settings = loaded_catalog
        .as_ref()
        .map(|c| c.settings.deadlines)
        .unwrap_or_default();
    let navigate = use_navigate();
    let draft = handle
        .draft
        .get_untracked()
        .unwrap_or_else(|| crate::draft_state::new_draft(&item.code));
    let id = draft.id.clone();
    let now = now_local();
    let rows = relevant_questions(&item, &draft.answers)
        .into_iter()
        .map(|q| {
            let answer = match draft.answers.get(&q.id) {
                Some(serde_json::Value::Bool(true)) => t().yes.to_string(),
                Some(serde_json::Value::Bool(false)) => t().no.to_string(),
                Some(serde_json::Value::String(s)) => q.options.iter().find(|o| &o.value == s).map_or(s.clone(), |o| o.label.clone()),
                Some(v) => v.to_string(),
                None => String::new(),
            };
            let href = step_url(&id, &Step::Question(q.id.clone()));
            view! {
                <div class="summary-row">
                    <dt>{q.text.clone()}</dt>
                    <dd>{answer}</dd>
                    <dd class="summary-action"><a href=href>{t().change}<span class="visually-hidden">{q.text}</span></a></dd>
                </div>
            }
        })
        .collect_view();
    let applicant = [
        (t().field_name, draft.applicant.name.clone()),
        (t().field_id, draft.applicant.id_number.clone()),
        (t().field_mobile, draft.applicant.mobile.clone()),
    ]
    .into_iter()
    .map(|(k, v)| {
        let href = step_url(&id, &Step::Applicant);
        view! {
            <div class="summary-row">
                <dt>{k}</dt>
                <dd>{v}</dd>
                <dd class="summary-action"><a href=href>{t().change}<span class="visually-hidden">{k}</span></a></dd>
            </div>
        }
    })
    .collect_view();
    // A bundle: each item's likely outcome, with the answers as that item sees them.
    let likely = match &bundle {
        Some((catalog, b)) => b
            .items
            .iter()
            .filter_map(|code| catalog.item(code))
            .map(|it| {
                let own = onewindow_core::checklist::answers_for_item(it, &draft.answers);
                view! {
                    <h3>{it.name.clone()}</h3>
                    {likely_view(it, &own, calendar.as_deref(), &settings, now.date())}
                }
            })
            .collect_view()
            .into_any(),
        None => likely_view(
            &item,
            &draft.answers,
            calendar.as_deref(),
            &settings,
            now.date(),
        ),
    };
    let at_desk = draft.channel == Channel::Desk;
    let deciding = match &bundle {
        Some((catalog, b)) => super::desk_marks::Deciding::Bundle(catalog.clone(), b.clone()),
        None => super::desk_marks::Deciding::Item(Box::new(item.clone())),
    };
    let desk_outcome = at_desk.then(|| super::desk_marks::live_outcome(handle, deciding.clone()));
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        // Queueing writes the whole draft (the last choice included): no save may follow.
        handle.take_over_save();
        let Some(draft) = handle.draft.get_untracked() else {
            return;
        };
        // What goes with the case is the core's decision (marks and outcomes at the
        // desk, the agent only while someone acts); the server checks it again.
        let guide_versions = draft
            .guides
            .iter()
            .map(|(code, g)| (code.clone(), g.version.clone()))
            .collect();
        let Some(submission) = loaded_catalog.as_ref().and_then(|catalog| {
            build_submission(
                catalog,
                CaseInHand {
                    channel: draft.channel,
                    item: &draft.item,
                    answers: &draft.answers,
                    marks: &draft.marks,
                    applicant: &draft.applicant,
                    agent: draft.agent.as_ref(),
                    clerk: &draft.actor,
                    guide_versions: &guide_versions,
                    delivery: draft.delivery.as_ref(),
                    via_terminal: draft.via_terminal
                        || use_context::<crate::display::DisplayContext>()
                            .is_some_and(|d| d.0.get_untracked().terminal),
                },
                now_local(),
            )
        }) else {
            failure.set(Some(t().item_not_found.to_string()));
            busy.set(false);
            return;
        };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let queued = match Storage::open(DEFAULT_DB).await {
                Ok(s) => s.queue(&draft, &submission, crate::clock::now_ms()).await,
                Err(e) => Err(e),
            };
            match queued {
                Ok(()) => {
                    // The stored draft is now frozen; say so here too, without a save.
                    handle.draft.update(|d| {
                        if let Some(d) = d {
                            d.status = crate::storage::DraftStatus::Queued;
                            d.revision += 1;
                        }
                    });
                    crate::outbox::announce();
                    flush_all(outbox);
                    navigate(&step_url(&draft.id, &Step::Done), Default::default());
                }
                Err(e) => {
                    failure.set(Some(e));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <p><a class="back-link" href=step_url(&id, &Step::Checklist)>{t().back}</a></p>
        <h1>{t().review_heading}</h1>
        <h2>{item.name.clone()}</h2>
        <dl class="summary">{rows}</dl>
        <h2>{t().applicant_heading}</h2>
        <dl class="summary">{applicant}</dl>
        {desk_outcome}
        {(!at_desk).then(|| view! {
            <section class="likely" aria-labelledby="likely">
                <h2 id="likely">{t().likely_heading}</h2>
                {likely}
            </section>
        })}
        <super::delivery_choice::DeliveryChoiceField handle=handle item=item.clone()/>
        {move || failure.get().map(|f| view! { <p class="banner banner-error" role="alert">{f}</p> })}
        <form on:submit=on_submit>
            <button type="submit" disabled=move || busy.get()>
                {move || if busy.get() { t().submitting } else if at_desk { crate::text::desk().submit_desk } else { t().submit_precheck }}
            </button>
        </form>
    }
}

/// The likely outcome of `item` with these answers, and its deadlines if accepted today.
fn likely_view(
    item: &ServiceItem,
    answers: &onewindow_core::condition::Answers,
    calendar: Option<&Calendar>,
    settings: &onewindow_core::case::DeadlineSettings,
    today: chrono::NaiveDate,
) -> AnyView {
    let result = calendar.map(|cal| precheck(item, answers, cal, settings, today));
    match &result {
        Some(Ok(p)) => {
            let (text, reasons) = match &p.likely {
                Some(Outcome::NotAccepted { reasons }) => (
                    t().likely_refused,
                    reasons.iter().map(|r| r.reason.clone()).collect(),
                ),
                Some(Outcome::ReceivedOnly) => (t().likely_received, vec![]),
                _ => (t().likely_accepted, vec![]),
            };
            let dates = p
                .deadlines
                .iter()
                .filter_map(|(k, d)| {
                    let label = match k {
                        DeadlineKind::Promised => t().deadline_promised,
                        DeadlineKind::Statutory => t().deadline_statutory,
                        DeadlineKind::NotifyGaps
                            if matches!(p.likely, Some(Outcome::ReceivedOnly)) =>
                        {
                            t().deadline_notify
                        }
                        _ => return None,
                    };
                    let provisional = calendar.is_some_and(|c| c.is_provisional(*d));
                    Some(view! { <li>{label}{"："}{chinese_date(*d)}{provisional.then_some(t().provisional_date)}</li> })
                })
                .collect_view();
            let has_dates = !p.deadlines.is_empty();
            view! {
                <p>{text}</p>
                <ul>{reasons.into_iter().map(|r: String| view! { <li>{r}</li> }).collect_view()}</ul>
                {has_dates.then(|| view! { <p>{t().deadline_if_today}</p> <ul>{dates}</ul> })}
            }
            .into_any()
        }
        Some(Err(e)) => view! { <p class="banner banner-warning">{e.to_string()}</p> }.into_any(),
        None => ().into_any(),
    }
}
