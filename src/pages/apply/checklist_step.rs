//! What to bring: every material that applies, in what form, how many copies, why, and
//! which can be tolerated, replaced by a commitment or skipped thanks to an e-licence.

use super::desk_marks::{live_outcome, mark_control, Deciding};
use super::{step_url, Step};
use crate::components::ReadAloud;
use crate::draft_state::DraftHandle;
use crate::text::t;
use leptos::prelude::*;
use onewindow_core::catalog::{MaterialKind, Requirement, ServiceItem};
use onewindow_core::checklist::{bundle_checklist, checklist, ChecklistEntry, Why};
use onewindow_core::submission::Channel;

/// Why a line is on the list, in words: the question and the answer given.
pub fn why_text(item: &ServiceItem, why: &Why) -> String {
    match why {
        Why::Always => t().why_always.to_string(),
        Why::Answers { answers } => {
            let parts: Vec<String> = answers
                .iter()
                .map(|(qid, value)| {
                    let q = onewindow_core::checklist::all_questions(item)
                        .into_iter()
                        .find(|q| &q.id == qid);
                    let answer = match (value, &q) {
                        (serde_json::Value::Bool(true), _) => t().yes.to_string(),
                        (serde_json::Value::Bool(false), _) => t().no.to_string(),
                        (serde_json::Value::String(s), Some(q)) => q
                            .options
                            .iter()
                            .find(|o| &o.value == s)
                            .map_or(s.clone(), |o| o.label.clone()),
                        (other, _) => other.to_string(),
                    };
                    format!("“{}”{}", q.map_or(qid.clone(), |q| q.text), answer)
                })
                .collect();
            format!("{}{}", t().why_because, parts.join("；"))
        }
    }
}

/// One material as a card.
pub fn material_card(
    item: &ServiceItem,
    e: &ChecklistEntry,
    extra: Option<AnyView>,
) -> impl IntoView {
    let tx = t();
    let count = match e.kind {
        MaterialKind::Paper => format!("{}{}{}", tx.form(e.form), e.count, tx.count_copies),
        MaterialKind::Requirement => String::new(),
    };
    let badges = [
        (e.tolerated.is_some(), tx.badge_tolerated),
        (e.commitment, tx.badge_commitment),
        (e.e_licence, tx.badge_e_licence),
        (e.requirement == Requirement::Optional, tx.optional_material),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, l)| view! { <span class="tag">{l}</span> })
    .collect_view();
    let alternatives = (!e.alternatives.is_empty()).then(|| {
        let names = e
            .alternatives
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
            .join("、");
        view! { <p class="note">{tx.either_of}{names}</p> }
    });
    let why = why_text(item, &e.why);
    view! {
        <li class="material">
            <p class="material-name">{e.name.clone()} <span class="material-count">{count}</span></p>
            {alternatives}
            <p class="badges">{badges}</p>
            <p class="why">{why}</p>
            {extra}
        </li>
    }
}

/// The checklist page.
#[component]
pub fn ChecklistStep(
    handle: DraftHandle,
    item: ServiceItem,
    /// For a bundle (一件事): the catalogue and the bundle.
    bundle: Option<(
        std::sync::Arc<onewindow_core::Catalog>,
        onewindow_core::catalog::Bundle,
    )>,
) -> impl IntoView {
    let draft = handle.draft.get_untracked();
    let id = draft.as_ref().map(|d| d.id.clone()).unwrap_or_default();
    let answers = draft.map(|d| d.answers).unwrap_or_default();
    let list = crate::perf::time("onewindow:checklist", || checklist(&item, &answers));
    let refusals = (!list.refusals.is_empty()).then(|| {
        let reasons = list
            .refusals
            .iter()
            .map(|r| view! { <li>{r.reason.clone()}</li> })
            .collect_view();
        view! {
            <div class="banner banner-error" role="alert">
                <h2>{t().refused_heading}</h2>
                <ul>{reasons}</ul>
            </div>
        }
    });
    // Everything on the page is read aloud: a bundle's shared and per-item papers too.
    let bundle_entries: Vec<ChecklistEntry> = bundle
        .as_ref()
        .and_then(|(catalog, b)| bundle_checklist(catalog, b, &answers))
        .map(|l| {
            l.shared
                .into_iter()
                .chain(l.items.into_iter().flat_map(|i| i.entries))
                .collect()
        })
        .unwrap_or_default();
    let spoken = format!(
        "{}。{}",
        t().checklist_heading,
        list.entries
            .iter()
            .chain(bundle_entries.iter())
            .map(onewindow_core::outcome::bring)
            .collect::<Vec<_>>()
            .join("；")
    );
    let at_desk = handle
        .draft
        .with_untracked(|d| d.as_ref().is_some_and(|d| d.channel == Channel::Desk));
    let cards = list
        .entries
        .iter()
        .map(|e| {
            let mark = at_desk.then(|| mark_control(handle, e, e.material.clone()).into_any());
            material_card(&item, e, mark)
        })
        .collect_view();
    // A bundle: the shared papers once, then what each item needs besides.
    let bundle_lists = bundle.as_ref().and_then(|(catalog, b)| {
        let lists = bundle_checklist(catalog, b, &answers)?;
        let first = catalog.item(b.items.first()?)?.clone();
        let mark = |code: Option<&str>, e: &ChecklistEntry| {
            at_desk.then(|| {
                let key = onewindow_core::bundle_flow::bundle_mark_key(code, &e.material);
                mark_control(handle, e, key).into_any()
            })
        };
        let shared = lists
            .shared
            .iter()
            .map(|e| material_card(&first, e, mark(None, e)))
            .collect_view();
        let per_item = lists
            .items
            .iter()
            .filter_map(|l| {
                let it = catalog.item(&l.item)?.clone();
                let cards = l
                    .entries
                    .iter()
                    .map(|e| material_card(&it, e, mark(Some(&l.item), e)))
                    .collect_view();
                Some(view! {
                    <h3>{it.name.clone()}</h3>
                    <ol class="material-list">{cards}</ol>
                })
            })
            .collect_view();
        // Papers another item's result provides: not asked for, tolerated until then.
        let awaited = (!lists.awaited.is_empty()).then(|| {
            let lines = lists
                .awaited
                .iter()
                .map(|a| {
                    view! {
                        <li class="awaited">
                            {a.item.clone()}{"："}{a.name.clone()}{t().awaited_from}{a.from.clone()}
                            {if a.tolerated { t().awaited_after } else { t().awaited_wait }}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h2>{t().awaited_heading}</h2>
                <ul>{lines}</ul>
            }
        });
        Some(view! {
            <h2>{t().bundle_shared_heading}</h2>
            <ol class="material-list">{shared}</ol>
            <h2>{t().bundle_item_heading}</h2>
            {per_item}
            {awaited}
        })
    });
    let deciding = match &bundle {
        Some((catalog, b)) => Deciding::Bundle(catalog.clone(), b.clone()),
        None => Deciding::Item(Box::new(item.clone())),
    };
    let outcome = at_desk.then(|| live_outcome(handle, deciding));
    let exempted = (!list.exempted.is_empty()).then(|| {
        let lines = list
            .exempted
            .iter()
            .map(|x| view! { <li>{x.name.clone()}{"："}{x.reason.clone()}</li> })
            .collect_view();
        view! {
            <h2>{t().exempted_heading}</h2>
            <ul>{lines}</ul>
        }
    });
    // Questions still open (the desk may tick first): their papers are to confirm, and
    // "continue" goes to the first of them, not on to the review.
    let first_open = list.pending.first().cloned();
    let question_text = |qid: &str| {
        onewindow_core::checklist::all_questions(&item)
            .into_iter()
            .find(|q| q.id == qid)
            .map_or(qid.to_string(), |q| q.text)
    };
    let open_questions = first_open.as_ref().map(|_| {
        let names: Vec<String> = list.pending.iter().map(|q| question_text(q)).collect();
        view! {
            <div class="banner banner-warning" role="status">
                <p>{crate::text::desk().questions_open}{names.join("；")}</p>
            </div>
        }
    });
    let to_confirm = (!list.to_confirm.is_empty()).then(|| {
        let lines = list
            .to_confirm
            .iter()
            .map(|m| {
                let on: Vec<String> = m.questions.iter().map(|q| question_text(q)).collect();
                view! { <li>{m.name.clone()}<div class="note">{crate::text::consult_text().depends_on}{on.join("；")}</div></li> }
            })
            .collect_view();
        view! {
            <h2>{crate::text::consult_text().to_confirm_heading}</h2>
            <ul class="to-confirm">{lines}</ul>
        }
    });
    let next_step = match &first_open {
        Some(q) => Step::Question(q.clone()),
        None => Step::Review,
    };
    let next = step_url(&id, &next_step);
    let on_next = move |_| {
        let step = next_step.to_string();
        handle.edit(|d| d.step = step);
        handle.save_now();
    };
    view! {
        <p><a class="back-link" href=step_url(&id, &Step::Applicant)>{t().back}</a></p>
        <h1>{t().checklist_heading}</h1>
        <p class="hint">{if at_desk { crate::text::desk().checklist_intro } else { t().checklist_intro }}</p>
        <p><ReadAloud text=spoken/></p>
        {refusals}
        {open_questions}
        {outcome}
        {bundle_lists}
        {(!list.entries.is_empty()).then(|| view! { <ol class="material-list">{cards}</ol> })}
        {to_confirm}
        {exempted}
        <p><a class="button" href=next on:click=on_next>{t().continue_}</a></p>
    }
}
