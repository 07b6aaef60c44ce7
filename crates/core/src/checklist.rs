//! The checklist (材料清单) for one item and the answers so far: which questions are
//! still to ask, which materials apply and why, what is exempt, and who handles it.
//!
//! Nothing outside the guide is ever added: every line comes from a material of the
//! item, and every condition is the catalogue's.

use crate::catalog::{
    Alternative, Bundle, Catalog, Material, MaterialForm, MaterialKind, MaterialSource, Question,
    Requirement, ServiceItem, Tolerated,
};
use crate::condition::Answers;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use crate::catalog::SUB_ITEM;

/// Why a material is on the checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Why {
    /// Every application needs it.
    Always,
    /// These answers made it apply (question id, answer).
    Answers {
        /// The answers its condition read.
        answers: Vec<(String, Value)>,
    },
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChecklistEntry {
    /// The material's id (for a bundle's shared line, the shared id).
    pub material: String,
    /// Its name.
    pub name: String,
    /// Paper or requirement.
    pub kind: MaterialKind,
    /// Where it comes from.
    pub source: MaterialSource,
    /// In which form.
    pub form: MaterialForm,
    /// Copies in all (copies × persons).
    pub count: u32,
    /// The unit they are counted in (份, 张, 本, 套).
    #[serde(default)]
    pub unit: crate::catalog::Unit,
    /// Who issues it, for a paper from a third party (检测机构, 公证处, 银行).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_by: Option<String>,
    /// For a per-person material, how many people.
    pub persons: Option<u32>,
    /// Always, conditional (it applies here) or optional.
    pub requirement: Requirement,
    /// Why it is required.
    pub why: Why,
    /// Its legal basis.
    pub legal_basis: String,
    /// Either/or: any one of these satisfies it.
    pub alternatives: Vec<Alternative>,
    /// What the desk checks.
    pub review_points: Vec<String>,
    /// May be missing at acceptance (容缺).
    pub tolerated: Option<Tolerated>,
    /// A signed commitment may replace it (告知承诺).
    pub commitment: bool,
    /// Need not be brought: an e-licence or shared data has it (免提交).
    pub e_licence: bool,
    /// For bundles: the items' materials this line stands for ("CODE/material").
    pub covers: Vec<String>,
}

/// A material the situation makes unnecessary, and what the applicant is told.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Exempted {
    /// The material's id.
    pub material: String,
    /// Its name.
    pub name: String,
    /// The reason, e.g. 个体工商户不用提供.
    pub reason: String,
}

/// A material whose need depends on questions not answered yet (待确认): listed so that
/// the desk can start ticking before every question is answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ToConfirm {
    /// The material's id.
    pub material: String,
    /// Its name.
    pub name: String,
    /// The unanswered questions it depends on (ids).
    pub questions: Vec<String>,
}

/// A reason the application cannot be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Refusal {
    /// The concrete reason.
    pub reason: String,
    /// Its legal basis.
    pub legal_basis: String,
}

/// The checklist of one item for the answers so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Checklist {
    /// The item's code.
    pub item: String,
    /// Questions that apply and are not answered yet, in order; the checklist is final
    /// only when this is empty.
    pub pending: Vec<String>,
    /// The materials that apply.
    pub entries: Vec<ChecklistEntry>,
    /// Materials the situation exempts.
    pub exempted: Vec<Exempted>,
    /// Materials that may still be needed, depending on the questions in `pending`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to_confirm: Vec<ToConfirm>,
    /// Reasons the application cannot be accepted, if any apply.
    pub refusals: Vec<Refusal>,
    /// Who handles it in this situation.
    pub handling_body: String,
    /// Where.
    pub window: String,
    /// The fees in this situation.
    pub fees: String,
}

pub use crate::catalog::{all_questions, sub_item_question};

/// The questions that apply to these answers, in order: follow-up questions appear once
/// the answer they depend on makes them relevant.
pub fn relevant_questions(item: &ServiceItem, answers: &Answers) -> Vec<Question> {
    let answers = relevant_answers(item, answers);
    all_questions(item)
        .into_iter()
        .filter(|q| q.when.as_ref().is_none_or(|c| c.holds(&answers)))
        .collect()
}

/// Only the answers to questions that still apply: an answer to a follow-up whose
/// question no longer applies (the applicant changed an earlier answer) must not decide
/// anything. Answers not to a question of the item (a bundle's other items) are kept.
pub fn relevant_answers(item: &ServiceItem, answers: &Answers) -> Answers {
    let all = all_questions(item);
    let mut kept = answers.clone();
    // A follow-up may depend on another follow-up: repeat until nothing changes.
    loop {
        let drop: Vec<String> = all
            .iter()
            .filter(|q| {
                kept.get(&q.id).is_some() && q.when.as_ref().is_some_and(|c| !c.holds(&kept))
            })
            .map(|q| q.id.clone())
            .collect();
        if drop.is_empty() {
            return kept;
        }
        for id in drop {
            kept.0.remove(&id);
        }
    }
}

fn applies(m: &Material, answers: &Answers) -> bool {
    // A material retired by a later rule is in the guide only, never on a list.
    if m.retired.is_some() {
        return false;
    }
    let sub_item_ok = m.sub_items.is_empty()
        || answers
            .get(SUB_ITEM)
            .and_then(Value::as_str)
            .is_some_and(|s| m.sub_items.iter().any(|x| x == s));
    sub_item_ok && m.when.as_ref().is_none_or(|c| c.holds(answers))
}

/// Materials not on the list (nor exempted) whose condition reads a question still
/// pending: their need is decided by the answers still to come.
fn to_confirm(
    item: &ServiceItem,
    answers: &Answers,
    pending: &[String],
    entries: &[ChecklistEntry],
    exempted: &[Exempted],
) -> Vec<ToConfirm> {
    if pending.is_empty() {
        return Vec::new();
    }
    item.materials
        .iter()
        .filter(|m| m.retired.is_none())
        .filter(|m| !entries.iter().any(|e| e.material == m.id))
        .filter(|m| !exempted.iter().any(|e| e.material == m.id))
        .filter_map(|m| {
            let mut reads: Vec<String> = m.when.as_ref().map(|c| c.questions()).unwrap_or_default();
            if !m.sub_items.is_empty() {
                reads.push(SUB_ITEM.to_string());
            }
            let open: Vec<String> = pending
                .iter()
                .filter(|p| reads.contains(p))
                .cloned()
                .collect();
            // A material ruled out by an answer already given stays off the list.
            let sub_item_ok = m.sub_items.is_empty()
                || answers
                    .get(SUB_ITEM)
                    .and_then(Value::as_str)
                    .is_none_or(|s| m.sub_items.iter().any(|x| x == s));
            (!open.is_empty() && sub_item_ok).then(|| ToConfirm {
                material: m.id.clone(),
                name: m.name.clone(),
                questions: open,
            })
        })
        .collect()
}

fn why(m: &Material, answers: &Answers) -> Why {
    let mut read: Vec<(String, Value)> = m
        .when
        .as_ref()
        .map(|c| c.explain(answers))
        .unwrap_or_default();
    if !m.sub_items.is_empty() {
        read.insert(
            0,
            (
                SUB_ITEM.to_string(),
                answers.get(SUB_ITEM).cloned().unwrap_or(Value::Null),
            ),
        );
    }
    if read.is_empty() {
        Why::Always
    } else {
        Why::Answers { answers: read }
    }
}

/// The checklist of `item` for `answers`.
pub fn checklist(item: &ServiceItem, answers: &Answers) -> Checklist {
    let answers = &relevant_answers(item, answers);
    let pending: Vec<String> = relevant_questions(item, answers)
        .into_iter()
        .filter(|q| answers.get(&q.id).is_none_or(Value::is_null))
        .map(|q| q.id)
        .collect();
    let mut entries = Vec::new();
    let mut exempted = Vec::new();
    for m in item.materials.iter().filter(|m| applies(m, answers)) {
        if let Some(e) = m.exempt.iter().find(|e| e.when.holds(answers)) {
            exempted.push(Exempted {
                material: m.id.clone(),
                name: m.name.clone(),
                reason: e.reason.clone(),
            });
            continue;
        }
        let persons = m.per.as_ref().map(|q| {
            answers
                .get(q)
                .and_then(|v| {
                    v.as_f64()
                        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
                })
                .map_or(1, |n| n.max(0.0) as u32)
        });
        if persons == Some(0) {
            continue;
        }
        entries.push(ChecklistEntry {
            material: m.id.clone(),
            name: m.name.clone(),
            kind: m.kind,
            source: m.source,
            form: m.form,
            count: m.copies * persons.unwrap_or(1),
            unit: m.unit,
            issued_by: m.issued_by.clone(),
            persons,
            requirement: m.requirement,
            why: why(m, answers),
            legal_basis: m.legal_basis.clone(),
            alternatives: m.alternatives.clone(),
            review_points: m.review_points.clone(),
            tolerated: m.tolerated,
            commitment: m.commitment,
            e_licence: m.e_licence,
            covers: Vec::new(),
        });
    }
    let refusals = item
        .not_acceptable
        .iter()
        .filter(|r| r.when.holds(answers))
        .map(|r| Refusal {
            reason: r.reason.clone(),
            legal_basis: r.legal_basis.clone(),
        })
        .collect();
    let route = |pick: fn(&crate::catalog::Routing) -> Option<&String>| {
        item.routing
            .iter()
            .filter(|r| r.when.holds(answers))
            .find_map(|r| pick(r).cloned())
    };
    let fees = answers
        .get(SUB_ITEM)
        .and_then(Value::as_str)
        .and_then(|s| item.sub_items.iter().find(|x| x.id == s))
        .and_then(|s| s.fees.clone())
        .unwrap_or_else(|| item.fees.clone());
    let to_confirm = to_confirm(item, answers, &pending, &entries, &exempted);
    Checklist {
        item: item.code.clone(),
        pending,
        entries,
        exempted,
        to_confirm,
        refusals,
        handling_body: route(|r| r.handling_body.as_ref())
            .unwrap_or_else(|| item.handling_body.clone()),
        window: route(|r| r.window.as_ref()).unwrap_or_else(|| item.window.clone()),
        fees,
    }
}

/// The answers as one item of a bundle sees them: its own sub-item answer is stored as
/// "CODE/sub_item" so that items do not share it.
pub fn answers_for_item(item: &ServiceItem, answers: &Answers) -> Answers {
    let mut own = answers.clone();
    if let Some(v) = answers.get(&format!("{}/{SUB_ITEM}", item.code)) {
        own.0.insert(SUB_ITEM.to_string(), v.clone());
    }
    own
}

/// The checklist of a bundle: shared materials once, then each item's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BundleChecklist {
    /// The bundle's code.
    pub bundle: String,
    /// Questions that apply and are unanswered, each once, in order.
    pub pending: Vec<String>,
    /// The shared materials that apply: one set for all items.
    pub shared: Vec<ChecklistEntry>,
    /// Each item's checklist, without the lines a shared material stands for and the
    /// papers another item's result provides.
    pub items: Vec<Checklist>,
    /// The papers another item's result provides (营业执照 for the food licence):
    /// tolerated until that item is decided, not asked for.
    #[serde(default)]
    pub awaited: Vec<Awaited>,
}

/// A paper of one item of a bundle that another item's result provides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Awaited {
    /// The item that needs it.
    pub item: String,
    /// Its name.
    pub name: String,
    /// The name of the item whose result provides it.
    pub from: String,
    /// Whether the item is accepted meanwhile with it tolerated (容缺); otherwise the
    /// item is received only and accepted once the result has come.
    pub tolerated: bool,
}

/// The checklist of `bundle`; `None` if it names an item the catalogue lacks (the
/// linter prevents that).
pub fn bundle_checklist(
    catalog: &Catalog,
    bundle: &Bundle,
    answers: &Answers,
) -> Option<BundleChecklist> {
    let mut shared: Vec<ChecklistEntry> = Vec::new();
    let mut items = Vec::new();
    let mut awaited: Vec<Awaited> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for code in &bundle.items {
        let item = catalog.item(code)?;
        let own = answers_for_item(item, answers);
        let mut list = checklist(item, &own);
        // What another item's result provides is not asked for.
        for d in bundle.order.iter().filter(|d| &d.then == code) {
            let Some(m) = d.material.as_deref() else {
                continue;
            };
            if let Some(pos) = list.entries.iter().position(|e| e.material == m) {
                let entry = list.entries.remove(pos);
                awaited.push(Awaited {
                    item: item.name.clone(),
                    name: entry.name,
                    from: catalog
                        .item(&d.first)
                        .map_or(d.first.clone(), |f| f.name.clone()),
                    tolerated: d.tolerated,
                });
            }
        }
        for q in &list.pending {
            let key = if q == SUB_ITEM {
                format!("{code}/{SUB_ITEM}")
            } else {
                q.clone()
            };
            if !pending.contains(&key) {
                pending.push(key);
            }
        }
        list.entries.retain(|e| {
            let key = format!("{code}/{}", e.material);
            let Some(s) = bundle.shared.iter().find(|s| s.covers.contains(&key)) else {
                return true;
            };
            match shared.iter_mut().find(|x| x.material == s.id) {
                Some(line) => {
                    // One paper serves all: it must meet the strictest of the items' terms.
                    line.covers.push(key);
                    line.count = line.count.max(e.count);
                    line.tolerated = line.tolerated.zip(e.tolerated).map(|(a, b)| {
                        if a.supply_days <= b.supply_days {
                            a
                        } else {
                            b
                        }
                    });
                    line.commitment &= e.commitment;
                    line.e_licence &= e.e_licence;
                }
                None => shared.push(ChecklistEntry {
                    material: s.id.clone(),
                    name: s.name.clone(),
                    covers: vec![key],
                    ..e.clone()
                }),
            }
            false
        });
        items.push(list);
    }
    Some(BundleChecklist {
        bundle: bundle.code.clone(),
        pending,
        shared,
        items,
        awaited,
    })
}

/// The first relevant question after `after` (or the first of all), in the guide's order,
/// for these answers: where a step-by-step questionnaire goes next. `None` when no
/// relevant question follows.
pub fn next_question(
    item: &ServiceItem,
    answers: &Answers,
    after: Option<&str>,
) -> Option<Question> {
    let all = all_questions(item);
    let start = after
        .and_then(|id| all.iter().position(|q| q.id == id))
        .map_or(0, |i| i + 1);
    all.into_iter()
        .skip(start)
        .find(|q| q.when.as_ref().is_none_or(|c| c.holds(answers)))
}

/// The relevant question before `before` (the way back), or `None` at the first. An id
/// that is not a question (e.g. the applicant page's) means "after the last question".
pub fn previous_question(item: &ServiceItem, answers: &Answers, before: &str) -> Option<Question> {
    let all = all_questions(item);
    let end = all.iter().position(|q| q.id == before).unwrap_or(all.len());
    all.into_iter()
        .take(end)
        .rev()
        .find(|q| q.when.as_ref().is_none_or(|c| c.holds(answers)))
}
