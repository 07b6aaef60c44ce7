//! What a centre should look at but that does not stop the catalogue (warnings): values
//! the guide does not publish (shown as 未公布), and rules no situation reaches — a
//! refusal, exemption, routing or follow-up question that no combination of answers
//! triggers, a material that can never be required. The situations are searched by trying
//! every answer of every question asked (choice options, yes and no, the numbers and dates
//! the conditions compare with and their neighbours).

use super::lint::at;
use super::{all_questions, QuestionKind, ServiceItem, SourceFile};
use crate::checklist::{checklist, relevant_questions};
use crate::condition::Answers;
use crate::Diagnostic;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The most answer combinations searched per item; beyond it, no "never" warning is given.
pub const MAX_SITUATIONS: usize = 4096;

/// Warnings for one item.
pub fn item(file: &SourceFile, item: &ServiceItem) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut warn = |needle: &str, message: String| out.push(at(file, needle, message));
    let unpublished = |what: &str| {
        format!("{what} is not published: shown as 未公布 (fill it in when the guide publishes it)")
    };
    if !item.code_published {
        warn("code_published", unpublished("the item code (事项编码)"));
    }
    for (field, published) in [
        ("statutory_days", item.statutory_days.is_published()),
        ("promised_days", item.promised_days.is_published()),
        ("legal_basis", item.legal_basis.is_published()),
    ] {
        if !published {
            warn(field, unpublished(field));
        }
    }
    for p in &item.places {
        if !p.address.is_published() || !p.hours.is_published() {
            warn(
                &format!("name = \"{}\"", p.name),
                unpublished(&format!("the address or hours of {}", p.name)),
            );
        }
    }
    for (field, phone) in [
        ("enquiry", &item.contacts.enquiry),
        ("complaint", &item.contacts.complaint),
    ] {
        if phone.as_ref().is_some_and(|p| !p.is_published()) {
            warn(field, unpublished(&format!("the {field} telephone")));
        }
    }
    for s in &item.procedure {
        if s.days.as_ref().is_some_and(|d| !d.is_published()) {
            warn(
                &format!("step = \"{}\"", s.step),
                unpublished(&format!("the time limit of step \"{}\"", s.step)),
            );
        }
    }
    let Some(situations) = situations(item) else {
        warn(
            "code =",
            format!("more than {MAX_SITUATIONS} combinations of answers: the rules were not searched for situations no answer reaches"),
        );
        return out;
    };
    let mut asked = BTreeSet::new();
    let mut required = BTreeSet::new();
    let mut exempt = BTreeSet::new();
    let mut refused = BTreeSet::new();
    let mut routed = BTreeSet::new();
    for answers in &situations {
        asked.extend(relevant_questions(item, answers).into_iter().map(|q| q.id));
        let list = checklist(item, answers);
        required.extend(list.entries.into_iter().map(|e| e.material));
        exempt.extend(list.exempted.into_iter().map(|e| e.material));
        refused.extend(
            item.not_acceptable
                .iter()
                .enumerate()
                .filter(|(_, r)| r.when.holds(answers))
                .map(|(i, _)| i),
        );
        routed.extend(
            item.routing
                .iter()
                .enumerate()
                .filter(|(_, r)| r.when.holds(answers))
                .map(|(i, _)| i),
        );
    }
    for q in &item.questions {
        if !asked.contains(&q.id) {
            warn(&format!("id = \"{}\"", q.id), format!("question \"{}\" is never asked: no answer to the questions before it makes its `when` hold", q.id));
        }
    }
    for m in item.materials.iter().filter(|m| m.retired.is_none()) {
        if !required.contains(&m.id) && !exempt.contains(&m.id) {
            warn(&format!("id = \"{}\"", m.id), format!("material \"{}\" can never be required: no combination of answers puts it on the list", m.id));
        }
    }
    for (i, r) in item.not_acceptable.iter().enumerate() {
        if !refused.contains(&i) {
            warn(&format!("reason = \"{}\"", r.reason), format!("the refusal \"{}\" applies in no situation: no combination of answers makes its `when` hold", r.reason));
        }
    }
    for (i, _) in item.routing.iter().enumerate() {
        if !routed.contains(&i) {
            warn(
                "[[routing]]",
                format!("routing rule {} applies in no situation", i + 1),
            );
        }
    }
    out
}

/// Every complete combination of answers (each asked question answered, follow-ups as
/// they become relevant); `None` past [`MAX_SITUATIONS`].
pub fn situations(item: &ServiceItem) -> Option<Vec<Answers>> {
    let mut literals: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let conditions = item
        .questions
        .iter()
        .filter_map(|q| q.when.as_ref())
        .chain(item.materials.iter().filter_map(|m| m.when.as_ref()))
        .chain(
            item.materials
                .iter()
                .flat_map(|m| m.exempt.iter().map(|e| &e.when)),
        )
        .chain(item.not_acceptable.iter().map(|r| &r.when))
        .chain(item.routing.iter().map(|r| &r.when));
    for c in conditions {
        for (id, v) in c.literals() {
            literals.entry(id).or_default().push(v);
        }
    }
    let questions = all_questions(item);
    let domain = |id: &str| -> Vec<Value> {
        let Some(q) = questions.iter().find(|q| q.id == id) else {
            return vec![];
        };
        let lits = literals.get(id).cloned().unwrap_or_default();
        let mut values: Vec<Value> = match q.kind {
            QuestionKind::YesNo => vec![json!(true), json!(false)],
            QuestionKind::Choice => q.options.iter().map(|o| json!(o.value)).collect(),
            QuestionKind::Number => {
                let mut n: BTreeSet<i64> = [0, 1, 2].into();
                for v in lits.iter().filter_map(Value::as_f64) {
                    let v = v.floor() as i64;
                    n.extend([v - 1, v, v + 1].into_iter().filter(|x| *x >= 0));
                }
                n.into_iter().map(|x| json!(x)).collect()
            }
            QuestionKind::Date => {
                // Each date compared with, and the days either side of it.
                let mut d: BTreeSet<String> = ["2000-01-01".to_string()].into();
                for day in lits
                    .iter()
                    .filter_map(Value::as_str)
                    .filter_map(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                {
                    for x in [day.pred_opt(), Some(day), day.succ_opt()]
                        .into_iter()
                        .flatten()
                    {
                        d.insert(x.format("%Y-%m-%d").to_string());
                    }
                }
                d.into_iter().map(|x| json!(x)).collect()
            }
        };
        values.dedup();
        values
    };
    let mut done = Vec::new();
    let mut stack = vec![Answers::new()];
    while let Some(answers) = stack.pop() {
        let next = relevant_questions(item, &answers)
            .into_iter()
            .find(|q| answers.get(&q.id).is_none());
        match next {
            None => {
                done.push(answers);
                if done.len() > MAX_SITUATIONS {
                    return None;
                }
            }
            Some(q) => {
                for v in domain(&q.id) {
                    stack.push(answers.clone().with(&q.id, v));
                }
                if stack.len() > MAX_SITUATIONS * 4 {
                    return None;
                }
            }
        }
    }
    Some(done)
}
