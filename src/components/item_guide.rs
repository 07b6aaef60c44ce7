//! One service item's guide (办事指南): everything the guide publishes — basic facts,
//! places and hours, telephones, online channels, the procedure drawn as a flowchart, the
//! material list with units, issuers, blank forms and examples, retired materials — and
//! 未公布 wherever it publishes nothing. Prints as an A4 办事指南.

use crate::text::t;
use leptos::prelude::*;
use onewindow_core::catalog::{Material, MaterialKind, Published, ServiceItem};

/// A published text, or 未公布.
fn shown(p: &Published<String>) -> String {
    p.value()
        .cloned()
        .unwrap_or_else(|| t().not_published.into())
}

/// Lines as list items.
fn lines(lines: &[String]) -> impl IntoView {
    lines
        .iter()
        .map(|l| view! { <li>{l.clone()}</li> })
        .collect_view()
}

/// Published lines, or one line saying 未公布.
fn published_lines(p: &Published<Vec<String>>) -> impl IntoView {
    match p.value() {
        Some(v) => lines(v).into_any(),
        None => view! { <li class="unpublished">{t().not_published}</li> }.into_any(),
    }
}

/// A section with a heading, shown only when it has content.
fn section(id: &'static str, heading: &'static str, body: AnyView) -> impl IntoView {
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            {body}
        </section>
    }
}

/// The guide of `item`.
#[component]
pub fn ItemGuide(item: ServiceItem) -> impl IntoView {
    let tx = t();
    let days = |p: &Published<u32>, zero: &str| match p.value() {
        Some(0) => zero.to_string(),
        Some(d) => format!("{d} {}", tx.working_days),
        None => tx.not_published.to_string(),
    };
    let statutory = days(&item.statutory_days, tx.same_day);
    let promised = days(&item.promised_days, tx.same_day);
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
    let code = if item.code_published {
        item.code.clone()
    } else {
        tx.not_published.to_string()
    };
    let rows = [
        (tx.field_code, code),
        (tx.field_department, item.department.clone()),
        (tx.field_handling_body, item.handling_body.clone()),
        (tx.field_kind, tx.case_kind(item.kind).to_string()),
        (tx.days_promised, promised),
        (tx.days_statutory, statutory),
        (tx.field_fees, item.fees.clone()),
        (tx.field_window, item.window.clone()),
        (tx.field_delivery, delivery),
    ]
    .into_iter()
    .chain(sub_items)
    .map(|(k, v)| view! { <div class="fact"><dt>{k}</dt><dd>{v}</dd></div> })
    .collect_view();
    let questions: Vec<String> = item.questions.iter().map(|q| q.text.clone()).collect();
    let questions = (!questions.is_empty()).then(|| {
        section(
            "questions",
            tx.questions_heading,
            view! { <ul>{lines(&questions)}</ul> }.into_any(),
        )
    });
    let refusals: Vec<String> = item
        .not_acceptable
        .iter()
        .map(|r| r.reason.clone())
        .collect();
    let refusals = (!refusals.is_empty()).then(|| {
        section(
            "refusals",
            tx.not_acceptable_heading,
            view! { <ul>{lines(&refusals)}</ul> }.into_any(),
        )
    });
    let current: Vec<&Material> = item
        .materials
        .iter()
        .filter(|m| m.retired.is_none())
        .collect();
    let materials = current
        .iter()
        .enumerate()
        .map(|(n, m)| material_row(n, m))
        .collect_view();
    let retired = retired(&item);
    view! {
        <article class="guide">
            <p class="print-only guide-print-title">{tx.guide_print_title}</p>
            <h1>{item.name.clone()}</h1>
            <p class="no-print">
                <button type="button" class="button-secondary" on:click=|_| print()>{tx.guide_print}</button>
            </p>
            <section aria-labelledby="basics">
                <h2 id="basics">{tx.guide_basics}</h2>
                <dl class="facts">{rows}</dl>
            </section>
            {places(&item)}
            {contacts(&item)}
            {online(&item)}
            <section aria-labelledby="conditions">
                <h2 id="conditions">{tx.acceptance_conditions}</h2>
                <ul>{lines(&item.acceptance_conditions)}</ul>
            </section>
            {procedure(&item)}
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
            {retired}
            {refusals}
            <section aria-labelledby="basis">
                <h2 id="basis">{tx.legal_basis}</h2>
                <ul>{published_lines(&item.legal_basis)}</ul>
            </section>
        </article>
    }
}

/// One line of the material list.
fn material_row(n: usize, m: &Material) -> impl IntoView {
    let tx = t();
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
        let names = m
            .alternatives
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
            .join("、");
        view! { <div class="note">{tx.either_of}{names}</div> }
    });
    let issuer = m
        .issued_by
        .clone()
        .map(|by| view! { <div class="note">{tx.issued_by}{by}</div> });
    let forms = [
        (tx.blank_form, &m.blank_form),
        (tx.example_form, &m.example),
    ]
    .into_iter()
    .filter_map(|(label, link)| link.as_ref().map(|l| (label, l.clone())))
    .map(|(label, l)| {
        view! {
            <div class="note">
                {label}"："
                <a href=l.url.clone() rel="external">{l.name.clone()}</a>
                <span class="print-only">{format!("（{}）", l.url)}</span>
            </div>
        }
    })
    .collect_view();
    let paper = m.kind == MaterialKind::Paper;
    let copies = match (paper, m.per.is_some()) {
        (false, _) => "—".to_string(),
        (true, true) => format!("{}{}{}", tx.per_person, m.copies, m.unit.label()),
        (true, false) => format!("{}{}", m.copies, m.unit.label()),
    };
    let form = if paper { tx.form(m.form) } else { "—" };
    view! {
        <tr>
            <td>{n + 1}</td>
            <th scope="row">{m.name.clone()} {alternatives} {issuer} {forms} <div class="badges">{badges}</div></th>
            <td>{tx.source(m.source)}</td>
            <td>{form}</td>
            <td>{copies}</td>
            <td>{tx.requirement(m.requirement)}</td>
            <td><ul class="points">{lines(&m.review_points)}</ul></td>
        </tr>
    }
}

/// 办理地点和时间, one row per place.
fn places(item: &ServiceItem) -> Option<impl IntoView> {
    let tx = t();
    (!item.places.is_empty()).then(|| {
        let rows = item
            .places
            .iter()
            .map(|p| {
                view! {
                    <tr>
                        <th scope="row">{p.name.clone()}</th>
                        <td>{shown(&p.address)}</td>
                        <td><ul class="points">{published_lines(&p.hours)}</ul></td>
                    </tr>
                }
            })
            .collect_view();
        section(
            "places",
            tx.guide_places,
            view! {
                <table class="places">
                    <thead><tr>
                        <th scope="col">{tx.col_place}</th>
                        <th scope="col">{tx.col_address}</th>
                        <th scope="col">{tx.col_hours}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any(),
        )
    })
}

/// 咨询电话 and 监督投诉电话, as far as the guide publishes them.
fn contacts(item: &ServiceItem) -> Option<impl IntoView> {
    let tx = t();
    let c = &item.contacts;
    (!c.is_empty()).then(|| {
        let rows = [
            (tx.enquiry_phone, &c.enquiry),
            (tx.complaint_phone, &c.complaint),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k, shown(v))))
        .map(|(k, v)| view! { <div class="fact"><dt>{k}</dt><dd>{v}</dd></div> })
        .collect_view();
        section(
            "contacts",
            tx.guide_contacts,
            view! { <dl class="facts">{rows}</dl> }.into_any(),
        )
    })
}

/// 网上办理: each channel, its address and who may not use it.
fn online(item: &ServiceItem) -> Option<impl IntoView> {
    let tx = t();
    (!item.online.is_empty()).then(|| {
        let channels = item
            .online
            .iter()
            .map(|o| {
                let not_for = (!o.not_for.is_empty()).then(|| {
                    view! { <div class="note">{tx.online_not_for}{o.not_for.join("；")}</div> }
                });
                view! { <li><strong>{o.name.clone()}</strong>" "{shown(&o.address)}{not_for}</li> }
            })
            .collect_view();
        section(
            "online",
            tx.guide_online,
            view! { <ul>{channels}</ul> }.into_any(),
        )
    })
}

/// 办理流程: the steps as a flowchart (boxes joined by arrows), each with who does it and
/// its own time limit.
fn procedure(item: &ServiceItem) -> Option<impl IntoView> {
    let tx = t();
    (!item.procedure.is_empty()).then(|| {
        let steps = item
            .procedure
            .iter()
            .map(|s| {
                let days = s.days.as_ref().map(|d| match d.value() {
                    None => tx.not_published.to_string(),
                    Some(0) => tx.step_same_day.to_string(),
                    Some(n) => format!("{n} {}", tx.working_days),
                });
                view! {
                    <li class="flow-step">
                        <div class="flow-box">
                            <strong>{s.step.clone()}</strong>
                            <span class="flow-by">{s.by.clone()}</span>
                            {days.map(|d| view! { <span class="flow-days">{d}</span> })}
                        </div>
                        {(!s.description.is_empty()).then(|| view! { <p class="flow-note">{s.description.clone()}</p> })}
                    </li>
                }
            })
            .collect_view();
        section(
            "procedure",
            tx.guide_procedure,
            view! { <ol class="flowchart" aria-label=tx.guide_flowchart>{steps}</ol> }.into_any(),
        )
    })
}

/// Materials later rules retired, and why.
fn retired(item: &ServiceItem) -> Option<impl IntoView> {
    let tx = t();
    let gone: Vec<String> = item
        .materials
        .iter()
        .filter_map(|m| {
            m.retired.as_ref().map(|r| {
                let since = r
                    .since
                    .map(|d| format!("{}{}", d.format("%Y-%m-%d"), tx.retired_since))
                    .unwrap_or_default();
                format!(
                    "{}：{since}{}{}{}",
                    m.name, tx.retired_because, r.by, tx.retired_after
                )
            })
        })
        .collect();
    (!gone.is_empty()).then(|| {
        section(
            "retired",
            tx.guide_retired,
            view! { <ul>{lines(&gone)}</ul> }.into_any(),
        )
    })
}

fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
