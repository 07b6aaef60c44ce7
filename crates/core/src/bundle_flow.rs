//! A bundle (一件事) asked as one questionnaire: every question of its items once, in the
//! items' order, so that the pages that ask one item's questions ask a bundle's the same
//! way; and the server's re-check of a bundle pre-check, one case per item.

use crate::checklist::{answers_for_item, sub_item_question, SUB_ITEM};
use crate::condition::Condition;
use crate::submission::{check_submission, Checked, FieldError, Submission};
use crate::{Calendar, Catalog, ServiceItem};
use chrono::NaiveDate;
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
            if !questions.iter().any(|x: &crate::catalog::Question| x.id == q.id) {
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
    today: NaiveDate,
) -> Result<Vec<(String, Checked)>, Vec<FieldError>> {
    let Some(bundle) = catalog.bundle(&sub.item) else {
        return Err(vec![FieldError {
            field: "item".into(),
            problem: format!("没有编码为“{}”的一件事，请刷新事项目录后重新选择", sub.item),
        }]);
    };
    if sub.channel != crate::submission::Channel::PreCheck {
        return Err(vec![FieldError {
            field: "channel".into(),
            problem: "一件事在窗口按事项逐项收件；这里只接受网上预审".into(),
        }]);
    }
    let mut cases = Vec::new();
    let mut problems: Vec<FieldError> = Vec::new();
    for code in &bundle.items {
        let Some(item) = catalog.item(code) else {
            problems.push(FieldError {
                field: "item".into(),
                problem: format!("一件事中的事项“{code}”不在目录中"),
            });
            continue;
        };
        let one = Submission {
            item: code.clone(),
            answers: answers_for_item(item, &sub.answers),
            ..sub.clone()
        };
        match check_submission(catalog, cal, &one, today) {
            Ok(checked) => cases.push((code.clone(), checked)),
            Err(errors) => {
                for e in errors {
                    let problem = format!("{}：{}", item.name, e.problem);
                    if !problems.iter().any(|p| p.field == e.field && p.problem == problem) {
                        problems.push(FieldError { field: e.field, problem });
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
