//! At the desk: each material is ticked as it is handed over, with its review points in
//! view, and the outcome (and the notices it calls for) updates with every tick.

use crate::draft_state::DraftHandle;
use crate::text::desk;
use leptos::prelude::*;
use onewindow_core::catalog::ServiceItem;
use onewindow_core::checklist::ChecklistEntry;
use onewindow_core::outcome::{
    admitted_marks, front_desk_outcome, MarkKind, MaterialStatus, Outcome,
};

/// The mark's wire name, for the select.
fn key(status: Option<&MaterialStatus>) -> String {
    status
        .map(|s| mark_name(s.kind()))
        .unwrap_or_default()
        .to_string()
}

fn mark_name(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Original => "original",
        MarkKind::Copy => "copy",
        MarkKind::Electronic => "electronic",
        MarkKind::Commitment => "commitment",
        MarkKind::ELicence => "e_licence",
        MarkKind::Satisfied => "satisfied",
        MarkKind::Missing => "missing",
        MarkKind::Defective => "defective",
    }
}

/// The choices for one material: those the core says it admits, labelled.
fn choices(e: &ChecklistEntry) -> Vec<(&'static str, &'static str)> {
    admitted_marks(e)
        .into_iter()
        .map(|c| (mark_name(c.mark), desk().mark(c)))
        .collect()
}

fn status_of(key: &str, reason: String, e: &ChecklistEntry) -> Option<MaterialStatus> {
    admitted_marks(e)
        .into_iter()
        .find(|c| mark_name(c.mark) == key)
        .map(|c| c.mark.status(reason))
}

/// The mark control of one material.
pub fn mark_control(
    handle: DraftHandle,
    e: &ChecklistEntry,
    key_in_marks: String,
) -> impl IntoView {
    let id = key_in_marks;
    // DOM ids cannot hold the "/" of a bundle's "CODE/material" key.
    let dom = id.replace('/', "--");
    let select_id = format!("mark-{dom}");
    let reason_id = format!("reason-{dom}");
    let current = {
        let id = id.clone();
        move || {
            handle
                .draft
                .with(|d| d.as_ref().and_then(|d| d.marks.get(&id).cloned()))
        }
    };
    let set = {
        let id = id.clone();
        let entry = e.clone();
        move |k: String, reason: String| {
            handle.edit(|d| match status_of(&k, reason, &entry) {
                Some(s) => {
                    d.marks.insert(id.clone(), s);
                }
                None => {
                    d.marks.remove(&id);
                }
            })
        }
    };
    let options = choices(e)
        .into_iter()
        .map(|(k, label)| {
            let current = current.clone();
            view! { <option value=k selected=move || key(current().as_ref()) == k>{label}</option> }
        })
        .collect_view();
    let points = e
        .review_points
        .iter()
        .map(|p| view! { <li>{p.clone()}</li> })
        .collect_view();
    let defective = {
        let current = current.clone();
        move || match current() {
            Some(MaterialStatus::Defective { reason }) => Some(reason),
            _ => None,
        }
    };
    let set2 = set.clone();
    let reason_list = desk()
        .defect_reasons
        .iter()
        .map(|r| view! { <option value=*r></option> })
        .collect_view();
    let list_id = format!("reasons-{dom}");
    view! {
        <div class="mark">
            {(!e.review_points.is_empty()).then(|| view! {
                <div class="review-points"><p class="hint">{desk().review_points}</p><ul>{points}</ul></div>
            })}
            <p class="field">
                <label for=select_id.clone()>{desk().mark_label}</label>
                <select id=select_id on:change=move |ev| set(event_target_value(&ev), desk().defect_reasons[0].to_string())>
                    <option value="">{desk().mark_none}</option>
                    {options}
                </select>
            </p>
            {move || defective().map(|reason| {
                let set2 = set2.clone();
                view! {
                    <p class="field">
                        <label for=reason_id.clone()>{desk().defect_reason}</label>
                        <input id=reason_id.clone() list=list_id.clone() prop:value=reason
                            on:input=move |ev| set2("defective".into(), event_target_value(&ev))/>
                        <datalist id=list_id.clone()>{reason_list.clone()}</datalist>
                    </p>
                }
            })}
        </div>
    }
}

/// What a live outcome is computed for: one item, or each item of a bundle.
#[derive(Clone)]
pub enum Deciding {
    /// One item.
    Item(Box<ServiceItem>),
    /// A bundle, with the catalogue.
    Bundle(
        std::sync::Arc<onewindow_core::Catalog>,
        onewindow_core::catalog::Bundle,
    ),
}

/// Each outcome as the marks stand now, by item name (one, for a single item).
pub fn outcomes_now(what: &Deciding, d: &crate::storage::Draft) -> Vec<(String, Outcome)> {
    match what {
        Deciding::Item(item) => front_desk_outcome(item, &d.answers, &d.marks)
            .ok()
            .map(|o| vec![(String::new(), o)])
            .unwrap_or_default(),
        Deciding::Bundle(catalog, b) => {
            onewindow_core::bundle_flow::bundle_outcomes(catalog, b, &d.answers, &d.marks)
                .unwrap_or_default()
                .into_iter()
                .map(|(code, o)| (catalog.item(&code).map_or(code, |i| i.name.clone()), o))
                .collect()
        }
    }
}

/// The outcome as the marks stand now, with the notices it calls for.
pub fn live_outcome(handle: DraftHandle, what: Deciding) -> impl IntoView {
    let outcomes = move || {
        handle.draft.with(|d| {
            d.as_ref()
                .map(|d| outcomes_now(&what, d))
                .unwrap_or_default()
        })
    };
    view! {
        <aside class="panel live-outcome" aria-live="polite" aria-labelledby="live-outcome">
            <h2 id="live-outcome">{desk().outcome_now}</h2>
            {move || outcomes().into_iter().map(|(name, o)| {
                let details: Vec<String> = match &o {
                    Outcome::Incomplete { gaps, .. } => gaps.iter().map(|g| format!("{}：{}", g.name, g.problem)).collect(),
                    Outcome::AcceptedWithTolerated { tolerated } => tolerated.iter().map(|t| format!("{}（{}{}{}）", t.name, desk().supply_within, t.supply_days, desk().working_days)).collect(),
                    Outcome::NotAccepted { reasons } => reasons.iter().map(|r| r.reason.clone()).collect(),
                    _ => vec![],
                };
                let notices = o.notices().iter().map(|k| k.title()).collect::<Vec<_>>().join("、");
                view! {
                    {(!name.is_empty()).then(|| view! { <h3>{name}</h3> })}
                    <p class="outcome-name">{desk().outcome(&o)}</p>
                    <ul>{details.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    <p>{desk().notices_to_print}{notices}</p>
                }
            }).collect_view()}
        </aside>
    }
}
