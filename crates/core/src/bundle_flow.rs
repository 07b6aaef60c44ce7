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

/// Item `code` as it stands in `bundle`: a paper another item's result will provide, where
/// the bundle lets this item start on tolerated terms (`[[order]]` with `material` and
/// `tolerated = true`), is tolerated (容缺) for the item's whole promised time instead of
/// being asked for — the applicant cannot have it yet. `None` if there is no such item.
pub fn bundled_item(catalog: &Catalog, bundle: &Bundle, code: &str) -> Option<ServiceItem> {
    let mut item = catalog.item(code)?.clone();
    let days = item.promised_days.max(1);
    for material in awaited(bundle, code) {
        if let Some(m) = item.materials.iter_mut().find(|m| m.id == material) {
            m.tolerated = Some(Tolerated { supply_days: days });
            m.e_licence = false;
        }
    }
    Some(item)
}

/// The materials of item `code` that another item's result provides on tolerated terms.
pub fn awaited<'a>(bundle: &'a Bundle, code: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    bundle
        .order
        .iter()
        .filter(move |d| d.then == code && d.tolerated)
        .filter_map(|d| d.material.as_deref())
}

/// When item `decided` of a bundle is approved, the event that closes the gap its result
/// fills on the case of item `then` (whose record is `then_record`): the tolerated
/// material supplied, if it is still open there.
pub fn result_passes(
    bundle: &Bundle,
    decided: &str,
    then: &str,
    then_record: &crate::case::CaseRecord,
) -> Option<crate::case::EventKind> {
    let open = crate::case::open_tolerated(then_record);
    bundle
        .order
        .iter()
        .filter(|d| d.first == decided && d.then == then)
        .filter_map(|d| d.material.as_ref())
        .find(|m| open.contains(m))
        .map(|m| crate::case::EventKind::ToleratedSupplied {
            material: m.clone(),
        })
}
