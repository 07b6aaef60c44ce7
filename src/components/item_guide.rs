//! One service item's guide (办事指南): the basic facts and the material list.

use super::item_list::days_label;
use crate::text::t;
use leptos::prelude::*;
use onewindow_core::ServiceItem;

/// The guide of `item`.
#[component]
pub fn ItemGuide(item: ServiceItem) -> impl IntoView {
    let tx = t();
    let statutory = format!("{} {}", item.statutory_days, tx.working_days);
    let delivery = item
        .delivery
        .iter()
        .map(|d| tx.delivery(*d))
        .collect::<Vec<_>>()
        .join("、");
    let sub_items = (!item.sub_items.is_empty()).then(|| {
        let names = item
            .sub_items
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
            .join("、");
        (tx.sub_items_heading, names)
    });
    let rows = [
        (tx.field_code, item.code.clone()),
        (tx.field_department, item.department.clone()),
        (tx.field_handling_body, item.handling_body.clone()),
        (tx.field_kind, tx.case_kind(item.kind).to_string()),
        (tx.days_promised, days_label(item.promised_days)),
        (tx.days_statutory, statutory),
        (tx.field_fees, item.fees.clone()),
        (tx.field_window, item.window.clone()),
        (tx.field_delivery, delivery),
    ]
    .into_iter()
    .chain(sub_items)
    .map(|(k, v)| view! { <div class="fact"><dt>{k}</dt><dd>{v}</dd></div> })
    .collect_view();
    let list = |lines: &[String]| {
        lines
            .iter()
            .map(|l| view! { <li>{l.clone()}</li> })
            .collect_view()
    };
    let conditions = list(&item.acceptance_conditions);
    let questions: Vec<String> = item.questions.iter().map(|q| q.text.clone()).collect();
    let questions = (!questions.is_empty()).then(|| {
        let lines = list(&questions);
        view! {
            <section aria-labelledby="questions">
                <h2 id="questions">{tx.questions_heading}</h2>
                <ul>{lines}</ul>
            </section>
        }
    });
    let refusals: Vec<String> = item
        .not_acceptable
        .iter()
        .map(|r| r.reason.clone())
        .collect();
    let refusals = (!refusals.is_empty()).then(|| {
        let lines = list(&refusals);
        view! {
            <section aria-labelledby="refusals">
                <h2 id="refusals">{tx.not_acceptable_heading}</h2>
                <ul>{lines}</ul>
            </section>
        }
    });
    let basis = list(&item.legal_basis);
    let materials = item
        .materials
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let badges = [
                (m.tolerated.is_some(), tx.badge_tolerated),
                (m.commitment, tx.badge_commitment),
                (m.e_licence, tx.badge_e_licence),
            ]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, label)| view! { <span class="tag">{label}</span> })
            .collect_view();
            let alternatives = (!m.alternatives.is_empty()).then(|| {
                let names = m.alternatives.iter().map(|a| a.name.clone()).collect::<Vec<_>>().join("、");
                view! { <div class="note">{tx.either_of}{names}</div> }
            });
            let paper = m.kind == onewindow_core::catalog::MaterialKind::Paper;
            let copies = match (paper, m.per.is_some()) {
                (false, _) => "—".to_string(),
                (true, true) => format!("{}{}", tx.per_person, m.copies),
                (true, false) => m.copies.to_string(),
            };
            let form = if paper { tx.form(m.form) } else { "—" };
            view! {
                <tr>
                    <td>{n + 1}</td>
                    <th scope="row">{m.name.clone()} {alternatives} <div class="badges">{badges}</div></th>
                    <td>{tx.source(m.source)}</td>
                    <td>{form}</td>
                    <td>{copies}</td>
                    <td>{tx.requirement(m.requirement)}</td>
                    <td><ul class="points">{list(&m.review_points)}</ul></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <article class="guide">
            <h1>{item.name.clone()}</h1>
            <section aria-labelledby="basics">
                <h2 id="basics">{tx.guide_basics}</h2>
                <dl class="facts">{rows}</dl>
            </section>
            <section aria-labelledby="conditions">
                <h2 id="conditions">{tx.acceptance_conditions}</h2>
                <ul>{conditions}</ul>
            </section>
            {questions}
            <section aria-labelledby="materials">
                <h2 id="materials">{tx.materials_heading}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label=format!("{}{}", tx.materials_heading, tx.table_suffix)>
                    <table class="materials">
                        <thead>
                            <tr>
                                <th scope="col">{tx.col_number}</th>
                                <th scope="col">{tx.col_material}</th>
                                <th scope="col">{tx.col_source}</th>
                                <th scope="col">{tx.col_form}</th>
                                <th scope="col">{tx.col_copies}</th>
                                <th scope="col">{tx.col_requirement}</th>
                                <th scope="col">{tx.col_review_points}</th>
                            </tr>
                        </thead>
                        <tbody>{materials}</tbody>
                    </table>
                </div>
            </section>
            {refusals}
            <section aria-labelledby="basis">
                <h2 id="basis">{tx.legal_basis}</h2>
                <ul>{basis}</ul>
            </section>
        </article>
    }
}
