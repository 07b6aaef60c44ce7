//! `/desk/cases/:number`: one case — its state and deadlines with their colour, the
//! history of events, the hand-over ledger, the notices issued (to print), and the next
//! step.

use super::case_notices::CaseNotices;
use super::event_form::EventForm;
use super::ClerkGate;
use crate::catalog_state::CatalogContext;
use crate::clerk::ClerkContext;
use crate::components::CatalogGate;
use crate::desk_api::{self, DeskCase};
use crate::text::desk;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use onewindow_core::case::{DueStatus, Event, EventKind, StepRequest};

pub(super) fn status_class(s: DueStatus) -> &'static str {
    match s {
        DueStatus::OnTime => "on_time",
        DueStatus::DueSoon => "due_soon",
        DueStatus::Overdue => "overdue",
        DueStatus::Met => "met",
        DueStatus::MetLate => "met_late",
    }
}

/// What an event carried, in words for the history.
fn details(kind: &EventKind) -> Vec<String> {
    let d = desk();
    match kind {
        EventKind::NotAccepted { reasons } => vec![reasons.join("；")],
        EventKind::CorrectionRequested { items } => vec![items.join("；")],
        EventKind::Accepted { tolerated } => tolerated.iter().map(|t| t.material.clone()).collect(),
        EventKind::SpecialProcedureStarted {
            procedure,
            planned_end,
        } => {
            vec![procedure.clone(), planned_end.to_string()]
        }
        EventKind::Extended { reason, approver } => vec![reason.clone(), approver.clone()],
        EventKind::RefusalProposed {
            reasons,
            legal_basis,
        } => vec![reasons.join("；"), legal_basis.clone()],
        EventKind::RefusalReturned { reason } => vec![reason.clone()],
        EventKind::ReviewOpinion { points } => vec![points.join("；")],
        EventKind::OwnerChanged { to, reason } => vec![format!("→ {to}"), reason.clone()],
        EventKind::DeliveryChosen { method, address } => {
            let mut v = vec![d.method(*method).to_string()];
            v.extend(address.clone());
            v
        }
        EventKind::HandoverConfirmed { line } => vec![format!("#{}", line + 1)],
        EventKind::Decided { approved, reasons } => {
            let mut v = vec![if *approved { d.approved } else { d.denied }.to_string()];
            v.extend(reasons.iter().cloned());
            v
        }
        EventKind::DepartmentOpinion {
            department,
            stance,
            text,
        } => {
            let mut v = vec![department.clone(), d.stance(*stance).to_string()];
            v.extend(text.iter().cloned());
            v
        }
        EventKind::JointMeetingScheduled {
            on, participants, ..
        } => vec![on.to_string(), participants.join("、")],
        EventKind::JointMeetingHeld { absent } => {
            absent.iter().map(|a| format!("{}{a}", d.absent)).collect()
        }
        EventKind::DefaultConsent { department, by } => vec![
            department.clone(),
            onewindow_core::case::joint::answer_words(
                &onewindow_core::case::joint::Answer::Default {
                    by: *by,
                    recorded: true,
                },
            ),
        ],
        EventKind::SlipPrepared { results, collect } => {
            let mut v = vec![results.join("；")];
            if !collect.is_empty() {
                v.push(format!("{}{}", d.to_collect, collect.join("；")));
            }
            v
        }
        EventKind::Delivered {
            method,
            tracking,
            handout,
            collected,
        } => {
            use onewindow_core::case::{Handout, Signature};
            let mut v = vec![d.method(*method).to_string()];
            match handout {
                Some(Handout::Window {
                    collected_by,
                    signature,
                }) => {
                    v.push(collected_by.clone());
                    v.push(match signature {
                        Signature::Drawn { .. } => d.signed.to_string(),
                        Signature::Declined { reason } => format!("{}{reason}", d.not_signed),
                    });
                }
                Some(Handout::Locker { slot, .. }) => v.push(format!("{}{slot}", d.locker_slot)),
                Some(Handout::Post { address }) => v.push(address.clone()),
                None => {}
            }
            v.extend(tracking.clone());
            if !collected.is_empty() {
                v.push(format!("{}{}", d.collected, collected.join("；")));
            }
            v
        }
        EventKind::Evaluated {
            stage,
            level,
            comment,
            reasons,
        } => {
            let mut v = vec![d.stage(*stage).to_string(), d.level(*level).to_string()];
            v.extend(reasons.iter().cloned());
            v.extend(comment.clone());
            v
        }
        EventKind::FollowUpClosed { stage, result } => {
            vec![d.stage(*stage).to_string(), result.clone()]
        }
        EventKind::FollowUpNoted {
            stage,
            assigned_to,
            action,
        } => {
            let mut v = vec![d.stage(*stage).to_string()];
            v.extend(
                assigned_to
                    .as_ref()
                    .map(|to| format!("{}{to}", d.assigned_to)),
            );
            v.push(action.clone());
            v
        }
        EventKind::ToleratedSupplied { material } => vec![material.clone()],
        EventKind::HandedOver(h) => vec![
            h.department.clone(),
            h.material.clone(),
            h.copies.to_string(),
            h.from.clone(),
            h.to.clone(),
        ],
        EventKind::PreChecked
        | EventKind::Received
        | EventKind::CorrectionReceived
        | EventKind::ReviewStarted
        | EventKind::SpecialProcedureEnded
        | EventKind::RefusalApproved
        | EventKind::Archived => vec![],
    }
}

/// 联办件: each responsible department's step, deadline and answer, coloured by its
/// deadline's status (a default consent says so).
fn joint_panel(case: &DeskCase) -> Option<impl IntoView> {
    use onewindow_core::case::joint::answer_words;
    use onewindow_core::case::DeadlineKind;
    if case.view.joint.is_empty() {
        return None;
    }
    let d = desk();
    let status = |department: &str| {
        case.view.deadlines.as_ref().and_then(|all| {
            all.get(&DeadlineKind::Department {
                department: department.to_string(),
            })
            .map(|x| x.status)
        })
    };
    let rows = case
        .view
        .joint
        .iter()
        .map(|r| {
            let s = status(&r.department);
            let class = s.map_or("none", status_class);
            view! {
                <tr class=format!("due-{class} joint-row")>
                    <th scope="row">{r.department.clone()}</th>
                    <td>{r.step.clone()}</td>
                    <td>{r.due.map(|x| x.to_string()).unwrap_or_default()}" "
                        <span class=format!("due-badge due-{class}")>{d.warning(s)}</span></td>
                    <td class="joint-answer">{answer_words(&r.answer)}</td>
                </tr>
            }
        })
        .collect_view();
    let lead = case.item.department.clone().unwrap_or_default();
    Some(view! {
        <section class="panel no-print" aria-labelledby="case-joint">
            <h2 id="case-joint">{d.joint_heading}</h2>
            <p>{d.joint_lead}{lead}</p>
            <table class="cases joint"><thead><tr>
                {d.joint_cols.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
            </tr></thead><tbody>{rows}</tbody></table>
        </section>
    })
}

fn history_line(e: &Event) -> impl IntoView {
    let extra: Vec<String> = details(&e.kind)
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    view! {
        <li>
            <time>{e.at.format("%Y-%m-%d %H:%M").to_string()}</time>
            " "<strong>{desk().event(e.kind.event_type())}</strong>
            " "<span>{e.actor.clone()}</span>
            {(!extra.is_empty()).then(|| view! { <span class="note">{"："}{extra.join("，")}</span> })}
            {(!e.note.is_empty()).then(|| view! { <span class="note">{"（"}{e.note.clone()}{"）"}</span> })}
            // Desk work done offline: when the device recorded it (the time above is the server's).
            {e.device_at.map(|d| view! { <span class="note">{"（"}{desk().recorded_on_device}{d.format("%Y-%m-%d %H:%M").to_string()}{"）"}</span> })}
        </li>
    }
}

fn case_view(
    case: DeskCase,
    on_post: Callback<StepRequest>,
    on_choose: Callback<()>,
) -> impl IntoView {
    let CatalogContext(status) = expect_context();
    let deadlines = case
        .view
        .deadlines
        .as_ref()
        .map(|d| d.deadlines.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|d| {
            let name = desk().deadline_kind(&d.kind);
            let class = status_class(d.status);
            view! {
                <tr class=format!("due-{class}")>
                    <td>{name}</td>
                    <td>{d.deadline.due.to_string()}{d.deadline.provisional.then_some(crate::text::t().provisional_date)}</td>
                    <td><span class=format!("due-badge due-{class}")>{desk().warning(Some(d.status))}</span></td>
                </tr>
            }
        })
        .collect_view();
    let ledger = case
        .view
        .record
        .ledger
        .iter()
        .enumerate()
        .map(|(i, (at, h))| {
            let confirmed = case
                .view
                .record
                .confirmed
                .iter()
                .find(|c| c.line == i)
                .map(|c| format!("{} {}", c.by, c.at.format("%m-%d %H:%M")))
                .unwrap_or_else(|| desk().not_confirmed.to_string());
            view! {
                <tr>
                    <td>{at.format("%Y-%m-%d %H:%M").to_string()}</td>
                    <td>{h.department.clone()}</td>
                    <td>{h.material.clone()}</td>
                    <td>{h.copies}</td>
                    <td>{h.from.clone()}</td>
                    <td>{h.to.clone()}</td>
                    <td class="ledger-confirmed">{confirmed}</td>
                </tr>
            }
        })
        .collect_view();
    let has_ledger = !case.view.record.ledger.is_empty();
    let joint = joint_panel(&case);
    // 一件事: every case received with this one, with its state and clock.
    let bundle = case.bundle.clone().map(|b| {
        let d = desk();
        view! {
            <section class="panel no-print" aria-labelledby="case-bundle">
                <h2 id="case-bundle">{d.bundle_heading}{b.name.clone()}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label=d.bundle_heading>
                    <table class="cases bundle-cases">
                        <thead><tr>
                            <th scope="col">{d.col_number}</th>
                            <th scope="col">{d.col_item}</th>
                            <th scope="col">{d.col_applicant}</th>
                            <th scope="col">{d.col_state}</th>
                            <th scope="col">{d.col_deadline}</th>
                            <th scope="col">{d.col_time_left}</th>
                        </tr></thead>
                        <tbody>{b.cases.iter().map(super::case_list::row).collect_view()}</tbody>
                    </table>
                </div>
            </section>
        }
    });
    let history = case.view.events.iter().map(history_line).collect_view();
    // Steps done while the desk was offline are flagged on the case, not only per line.
    let offline = case
        .view
        .events
        .iter()
        .filter(|e| e.device_at.is_some())
        .count();
    let c2 = case.clone();
    let c3 = case.clone();
    view! {
        <h1 class="no-print">{desk().case_heading}{case.number.clone()}</h1>
        <dl class="summary case-summary no-print">
            <div class="summary-row"><dt>{desk().col_item}</dt><dd>{case.item.name.clone().unwrap_or(case.item.code.clone())}</dd></div>
            <div class="summary-row"><dt>{desk().col_applicant}</dt><dd>
                {case.applicant.name.clone()}{"　"}{case.applicant.id_masked.clone()}{"　"}{case.applicant.mobile_masked.clone()}
                <super::unmask::Unmask number=case.number.clone()/>
            </dd></div>
            <div class="summary-row"><dt>{desk().filter_body}</dt><dd class="case-handling-body">{case.handling_body.clone()}</dd></div>
            <div class="summary-row"><dt>{desk().col_state}</dt><dd class="case-state">{desk().state(case.view.state)}</dd></div>
            <div class="summary-row"><dt>{desk().lookup_code}</dt><dd>{case.lookup_code.clone()}</dd></div>
            {(!case.owner.is_empty()).then(|| view! {
                <div class="summary-row"><dt>{desk().owner}</dt><dd class="case-owner">{case.owner.clone()}{(!case.site.is_empty()).then(|| format!("（{}）", case.site))}</dd></div>
            })}
        </dl>
        <super::relay_clock::RelayClock record=case.view.record.clone()/>
        {(!case.view.outstanding_tolerated.is_empty()).then(|| view! {
            <p class="banner banner-warning no-print tolerated-outstanding" role="status">
                {desk().tolerated_outstanding}{case.view.outstanding_tolerated.join("、")}
            </p>
        })}
        <div class="desk-grid no-print">
            <section class="panel" aria-labelledby="case-deadlines">
                <h2 id="case-deadlines">{desk().deadlines_heading}</h2>
                <table class="cases"><thead><tr>
                    <th scope="col">{desk().col_deadline}</th><th scope="col">{desk().col_due}</th><th scope="col">{desk().col_status}</th>
                </tr></thead><tbody>{deadlines}</tbody></table>
            </section>
            <section class="panel" aria-labelledby="case-history">
                <h2 id="case-history">{desk().history_heading}</h2>
                {(offline > 0).then(|| view! { <p class="banner banner-warning">{(desk().offline_steps)(offline)}</p> })}
                <ol class="history">{history}</ol>
            </section>
        </div>
        {joint}
        {bundle}
        {has_ledger.then(|| view! {
            <section class="panel no-print" aria-labelledby="case-ledger">
                <h2 id="case-ledger">{desk().ledger_heading}</h2>
                <table class="cases"><thead><tr>
                    <th scope="col">{desk().col_time}</th><th scope="col">{desk().col_department}</th><th scope="col">{desk().col_material}</th>
                    <th scope="col">{desk().col_copies}</th><th scope="col">{desk().col_from}</th><th scope="col">{desk().col_to}</th>
                    <th scope="col">{desk().col_confirmed}</th>
                </tr></thead><tbody>{ledger}</tbody></table>
            </section>
        })}
        <EventForm case=c2 on_post=on_post on_choose=on_choose/>
        <CatalogGate status=status needs=vec![c3.item.code.clone()] let:loaded>
            <CaseNotices loaded=loaded case=c3.clone()/>
        </CatalogGate>
    }
}

/// The case page.
#[component]
pub fn DeskCasePage() -> impl IntoView {
    view! {
        <ClerkGate>
            <CaseLoader/>
        </ClerkGate>
    }
}

#[component]
fn CaseLoader() -> impl IntoView {
    let clerk: ClerkContext = expect_context();
    let params = use_params_map();
    let number = params.read_untracked().get("number").unwrap_or_default();
    // Fetched when the page opens and again after "changed elsewhere"; a step recorded
    // here replaces it with the server's answer. The fetch ends with the page.
    let generation = RwSignal::new(0u32);
    let fetched = LocalResource::new({
        let number = number.clone();
        move || {
            generation.track();
            let number = number.clone();
            async move { desk_api::case(&number).await }
        }
    });
    let posted = RwSignal::new(None::<(DeskCase, String)>);
    let current = move || match posted.get() {
        Some(c) => Some(Ok(c)),
        None => fetched.get(),
    };
    Effect::new(move |_| {
        if let Some(Err(e)) = fetched.get() {
            if e.status == 401 {
                clerk.session_ended();
            }
        }
    });
    let message = RwSignal::new(None::<(bool, String)>);
    let on_post = Callback::new(move |body: StepRequest| {
        let Some(Ok((case, etag))) = current() else {
            return;
        };
        let before = case.notices.len();
        leptos::task::spawn_local(async move {
            match desk_api::post_event(&case.number, &etag, &body).await {
                Ok((updated, etag)) => {
                    let new: Vec<String> = updated.notices[before.min(updated.notices.len())..]
                        .iter()
                        .map(|n| n.number.clone())
                        .collect();
                    let text = if new.is_empty() {
                        desk().step_recorded.to_string()
                    } else {
                        format!("{}{}", desk().step_recorded_with_notices, new.join("、"))
                    };
                    message.set(Some((true, text)));
                    posted.set(Some((updated, etag)));
                }
                Err(e) if e.status == 401 => clerk.session_ended(),
                Err(e) if e.status == 412 => {
                    message.set(Some((false, desk().changed_elsewhere.to_string())));
                    posted.set(None);
                    generation.update(|g| *g += 1);
                }
                Err(e) => message.set(Some((false, e.message))),
            }
        });
    });
    let on_choose = Callback::new(move |()| message.set(None));
    view! {
        <p class="no-print"><a class="back-link" href="/desk">{desk().back_to_cases}</a></p>
        {move || message.get().map(|(ok, m)| view! {
            <p class=if ok { "banner banner-success no-print" } else { "banner banner-error no-print" } role=if ok { "status" } else { "alert" }>{m}</p>
        })}
        <Transition fallback=|| view! { <p class="progress" role="status">{desk().loading_case}</p> }>
            {move || current().map(|answer| match answer {
                Err(e) => view! { <p class="banner banner-error" role="alert">{e.message}</p> }.into_any(),
                Ok((c, _)) => case_view(c, on_post, on_choose).into_any(),
            })}
        </Transition>
    }
}
