//! A bundle (一件事) asked as one questionnaire: every question of its items once, in the
//! items' order, so that the pages that ask one item's questions ask a bundle's the same
//! way; and the server's re-check of a bundle pre-check, one case per item.

use crate::catalog::{Bundle, Tolerated};
use crate::checklist::{answers_for_item, sub_item_question, SUB_ITEM};
use crate::condition::Condition;
use crate::outcome::{front_desk_outcome, Marks, Outcome, Unanswered};
use crate::submission::{check_item_submission, Checked, FieldError, Submission};
use crate::{Calendar, Catalog, ServiceItem};
use serde_json::Value;

/// Renames `var` references to `from` as `to` (a bundle keeps each item's sub-item answer
/// apart, under "CODE/sub_item").
fn rename_var(v: &Value, from: &str, to: &str) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| match (k.as_str(), x) {
                    ("var", Value::String(s)) if s == from => (k.clone(), Value::String(to.into())),
                    _ => (k.clone(), rename_var(x, from, to)),
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|x| rename_var(x, from, to)).collect()),
        other => other.clone(),
    }
}

/// The questionnaire of bundle `code` as one item: its code and name are the bundle's, its
/// questions every question of its items once (the first item's wording wins), and it has
/// no materials — the checklist is `bundle_checklist`'s. `None` if there is no such bundle
/// or it names an item the catalogue lacks (the linter prevents that).
pub fn bundle_questionnaire(catalog: &Catalog, code: &str) -> Option<ServiceItem> {
    let bundle = catalog.bundle(code)?;
    let first = catalog.item(bundle.items.first()?)?;
    let mut questions = Vec::new();
    for item_code in &bundle.items {
        let item = catalog.item(item_code)?;
        let own_sub = format!("{item_code}/{SUB_ITEM}");
        let mut asked = sub_item_question(item).into_iter().collect::<Vec<_>>();
        asked.extend(item.questions.iter().cloned());
        for mut q in asked {
            if q.id == SUB_ITEM {
                q.id = own_sub.clone();
                q.text = format!("{}：{}", item.name, q.text);
            }
            q.when = q
                .when
                .map(|c| Condition(rename_var(&c.0, SUB_ITEM, &own_sub)));
            if !questions
                .iter()
                .any(|x: &crate::catalog::Question| x.id == q.id)
            {
                questions.push(q);
            }
        }
    }
    Some(ServiceItem {
        code: bundle.code.clone(),
        name: bundle.name.clone(),
        department: bundle.lead_department.clone(),
        questions,
        materials: Vec::new(),
        sub_items: Vec::new(),
        ..first.clone()
    })
}

/// Re-checks a pre-check of a bundle (`sub.item` is the bundle's code): each item with the
/// answers as it sees them, every problem at once with the item named. The cases to store,
/// one per item, in the bundle's order.
pub fn check_bundle_submission(
    catalog: &Catalog,
    cal: &Calendar,
    sub: &Submission,
    by: &crate::case::Recorder,
) -> Result<Vec<(String, Checked)>, Vec<FieldError>> {
    let Some(bundle) = catalog.bundle(&sub.item) else {
        return Err(vec![FieldError {
            field: "item".into(),
            problem: format!("没有编码为“{}”的一件事，请刷新事项目录后重新选择", sub.item),
        }]);
    };
    let mut cases = Vec::new();
    let mut problems: Vec<FieldError> = Vec::new();
    for code in &bundle.items {
        let Some(item) = bundled_item(catalog, bundle, code) else {
            problems.push(FieldError {
                field: "item".into(),
                problem: format!("一件事中的事项“{code}”不在目录中"),
            });
            continue;
        };
        // At the desk each item gets its share of the marks and its own claimed outcome.
        let at_desk = sub.channel == crate::submission::Channel::Desk;
        let item = &item;
        let one = Submission {
            item: code.clone(),
            answers: answers_for_item(item, &sub.answers),
            marks: if at_desk {
                item_marks(bundle, item, &sub.marks)
            } else {
                Marks::new()
            },
            claimed: crate::submission::Claimed {
                outcome: sub
                    .claimed
                    .outcomes
                    .iter()
                    .find(|(c, _)| c == code)
                    .map(|(_, o)| o.clone()),
                deadlines: vec![],
                outcomes: vec![],
            },
            ..sub.clone()
        };
        match check_item_submission(item, &catalog.settings.deadlines, cal, &one, by) {
            Ok(checked) => cases.push((code.clone(), checked)),
            Err(errors) => {
                for e in errors {
                    let problem = format!("{}：{}", item.name, e.problem);
                    if !problems
                        .iter()
                        .any(|p| p.field == e.field && p.problem == problem)
                    {
                        problems.push(FieldError {
                            field: e.field,
                            problem,
                        });
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(cases)
    } else {
        Err(problems)
    }
}

/// The key of a bundle checklist line in the desk's marks: a shared material by its shared
/// id, an item's own material as "CODE/material".
pub fn bundle_mark_key(item_code: Option<&str>, material: &str) -> String {
    match item_code {
        Some(code) => format!("{code}/{material}"),
        None => material.to_string(),
    }
}

/// The marks as one item of a bundle sees them: a material covered by a shared line takes
/// that line's mark (one paper serves all), its own materials their "CODE/material" mark.
pub fn item_marks(bundle: &crate::catalog::Bundle, item: &ServiceItem, marks: &Marks) -> Marks {
    let mut own = Marks::new();
    for m in &item.materials {
        let key = format!("{}/{}", item.code, m.id);
        let shared = bundle
            .shared
            .iter()
            .find(|s| s.covers.contains(&key))
            .and_then(|s| marks.get(&s.id));
        if let Some(status) = shared.or_else(|| marks.get(&key)) {
            own.insert(m.id.clone(), status.clone());
        }
    }
    own
}

/// The front-desk outcome of each item of a bundle, from the desk's marks on the bundle's
/// checklist. `Err` lists the questions still open.
pub fn bundle_outcomes(
    catalog: &Catalog,
    bundle: &crate::catalog::Bundle,
    answers: &crate::condition::Answers,
    marks: &Marks,
) -> Result<Vec<(String, Outcome)>, Unanswered> {
    let mut out = Vec::new();
    for code in &bundle.items {
        let Some(item) = bundled_item(catalog, bundle, code) else {
            continue;
        };
        let item = &item;
        let own = answers_for_item(item, answers);
        let outcome = front_desk_outcome(item, &own, &item_marks(bundle, item, marks))?;
        out.push((code.clone(), outcome));
    }
    Ok(out)
}

/// Item `code` as it stands in `bundle`, for a paper another item's result will provide
/// (`[[order]]` with `material`) — the applicant cannot have it yet, so it is not asked
/// for: where the bundle lets the item start on tolerated terms (`tolerated = true`) the
/// paper is tolerated (容缺) for the item's whole promised time; otherwise the item waits
/// for that result: it is received only (收件), to be accepted once the result has come.
/// `None` if there is no such item.
pub fn bundled_item(catalog: &Catalog, bundle: &Bundle, code: &str) -> Option<ServiceItem> {
    let mut item = catalog.item(code)?.clone();
    let days = item.promised_limit().max(1);
    for d in bundle.order.iter().filter(|d| d.then == code) {
        let Some(m) = d
            .material
            .as_ref()
            .and_then(|id| item.materials.iter_mut().find(|m| &m.id == id))
        else {
            continue;
        };
        m.e_licence = false;
        if d.tolerated {
            m.tolerated = Some(Tolerated { supply_days: days });
        } else {
            m.requirement = crate::catalog::Requirement::Optional;
            item.front_desk = crate::catalog::FrontDesk::ReceiveOnly;
        }
    }
    Some(item)
}

/// The note on the event an approval makes on another case of the bundle.
pub fn result_note(decided: &ServiceItem, number: &str) -> String {
    format!("由“{}”（{number}）办结结果推送", decided.name)
}

/// When item `decided` of a bundle is approved (by `by`), the event its result makes on
/// the case of item `then` (whose record is `then_record`): on tolerated terms, the
/// tolerated paper supplied, if still open; for a case waiting for it (received only),
/// the result passed to its department as a hand-over line (资料流转), which the
/// department confirms before it accepts.
pub fn result_passes(
    bundle: &Bundle,
    decided: &ServiceItem,
    then: &ServiceItem,
    then_record: &crate::case::CaseRecord,
    by: &str,
) -> Option<crate::case::EventKind> {
    use crate::case::{CaseState, EventKind, Handover};
    let open = crate::case::open_tolerated(then_record);
    let dependency = bundle
        .order
        .iter()
        .find(|d| d.first == decided.code && d.then == then.code && d.material.is_some())?;
    let material = dependency.material.as_ref()?;
    if dependency.tolerated {
        return open
            .contains(material)
            .then(|| EventKind::ToleratedSupplied {
                material: material.clone(),
            });
    }
    let paper = then
        .materials
        .iter()
        .find(|m| &m.id == material)
        .map_or_else(|| material.clone(), |m| m.name.clone());
    let waiting = then_record.state == Some(CaseState::Received);
    let passed = then_record
        .ledger
        .iter()
        .any(|(_, h)| h.material.contains(&decided.name));
    (waiting && !passed).then(|| {
        EventKind::HandedOver(Handover {
            department: then.department.clone(),
            material: format!("{paper}（{}办理结果）", decided.name),
            copies: 1,
            from: by.to_string(),
            to: then.department.clone(),
        })
    })
}
