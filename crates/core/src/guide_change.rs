//! What a newer version of an item's guide changes for one application in progress.
//!
//! A draft keeps the guide it was made with. When the centre publishes a new version
//! while the draft is open (or waiting to be sent), the app and the server compare the
//! two *for this draft's answers* and say what the applicant must now do differently,
//! instead of failing on a rule the applicant never saw.

use crate::catalog::{QuestionKind, ServiceItem};
use crate::checklist::{checklist, relevant_questions};
use crate::condition::Answers;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One change that matters to this draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum GuideChange {
    /// A question now applies that the draft has not answered.
    QuestionAdded {
        /// The question's text.
        question: String,
    },
    /// The draft's answer is no longer one of the question's options.
    AnswerWithdrawn {
        /// The question's text.
        question: String,
        /// The answer given (its label in the old guide).
        answer: String,
    },
    /// A material is now required in this situation.
    MaterialAdded {
        /// Its name.
        name: String,
        /// Copies in all.
        count: u32,
    },
    /// A material is no longer required in this situation.
    MaterialDropped {
        /// Its name.
        name: String,
    },
    /// The number of copies changed.
    CopiesChanged {
        /// The material's name.
        name: String,
        /// Copies before.
        from: u32,
        /// Copies now.
        to: u32,
    },
    /// A reason for refusal now applies.
    RefusalAdded {
        /// The reason.
        reason: String,
    },
    /// A reason for refusal no longer applies.
    RefusalDropped {
        /// The reason.
        reason: String,
    },
    /// The promised time limit changed.
    PromisedDaysChanged {
        /// Working days before.
        from: u32,
        /// Working days now.
        to: u32,
    },
    /// The fees in this situation changed.
    FeesChanged {
        /// Before.
        from: String,
        /// Now.
        to: String,
    },
}

impl fmt::Display for GuideChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GuideChange::QuestionAdded { question } => write!(f, "新增问题，请回答：{question}"),
            GuideChange::AnswerWithdrawn { question, answer } => {
                write!(f, "“{question}”不再有选项“{answer}”，请重新选择")
            }
            GuideChange::MaterialAdded { name, count } => {
                write!(f, "新增材料：{name}（{count} 份）")
            }
            GuideChange::MaterialDropped { name } => write!(f, "不再需要：{name}"),
            GuideChange::CopiesChanged { name, from, to } => {
                write!(f, "{name}：份数由 {from} 份改为 {to} 份")
            }
            GuideChange::RefusalAdded { reason } => write!(f, "新增不予受理情形：{reason}"),
            GuideChange::RefusalDropped { reason } => {
                write!(f, "以下不予受理情形已取消：{reason}")
            }
            GuideChange::PromisedDaysChanged { from, to } => {
                write!(f, "承诺办理时限由 {from} 个工作日改为 {to} 个工作日")
            }
            GuideChange::FeesChanged { from, to } => {
                write!(f, "收费由“{from}”改为“{to}”")
            }
        }
    }
}

/// What changes for `answers` when `old` is replaced by `new` (the same item's guide),
/// in the order the applicant meets them: questions, materials, refusals, time, fees.
/// Empty when nothing this draft depends on changed.
pub fn guide_changes(old: &ServiceItem, new: &ServiceItem, answers: &Answers) -> Vec<GuideChange> {
    let mut out = Vec::new();
    let before = checklist(old, answers);
    let after = checklist(new, answers);

    for id in after.pending.iter().filter(|q| !before.pending.contains(q)) {
        if let Some(q) = new.questions.iter().find(|q| &q.id == id) {
            out.push(GuideChange::QuestionAdded {
                question: q.text.clone(),
            });
        }
    }
    for q in relevant_questions(new, answers) {
        if q.kind != QuestionKind::Choice {
            continue;
        }
        let Some(value) = answers.get(&q.id).and_then(|v| v.as_str()) else {
            continue;
        };
        if !q.options.iter().any(|c| c.value == value) {
            let label = old
                .questions
                .iter()
                .find(|o| o.id == q.id)
                .and_then(|o| o.options.iter().find(|c| c.value == value))
                .map_or(value, |c| c.label.as_str());
            out.push(GuideChange::AnswerWithdrawn {
                question: q.text.clone(),
                answer: label.to_string(),
            });
        }
    }

    for e in &after.entries {
        match before.entries.iter().find(|b| b.material == e.material) {
            None => out.push(GuideChange::MaterialAdded {
                name: e.name.clone(),
                count: e.count,
            }),
            Some(b) if b.count != e.count => out.push(GuideChange::CopiesChanged {
                name: e.name.clone(),
                from: b.count,
                to: e.count,
            }),
            Some(_) => {}
        }
    }
    for b in &before.entries {
        if !after.entries.iter().any(|e| e.material == b.material) {
            out.push(GuideChange::MaterialDropped {
                name: b.name.clone(),
            });
        }
    }

    for r in &after.refusals {
        if !before.refusals.iter().any(|b| b.reason == r.reason) {
            out.push(GuideChange::RefusalAdded {
                reason: r.reason.clone(),
            });
        }
    }
    for r in &before.refusals {
        if !after.refusals.iter().any(|a| a.reason == r.reason) {
            out.push(GuideChange::RefusalDropped {
                reason: r.reason.clone(),
            });
        }
    }

    if old.promised_days != new.promised_days {
        out.push(GuideChange::PromisedDaysChanged {
            from: old.promised_limit(),
            to: new.promised_limit(),
        });
    }
    if before.fees != after.fees {
        out.push(GuideChange::FeesChanged {
            from: before.fees,
            to: after.fees,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Question;
    use crate::test_support::food_item;

    fn answers() -> Answers {
        Answers::new()
            .with("business_type", "prepackaged_only")
            .with("vending", false)
            .with("agent", true)
    }

    #[test]
    fn the_same_guide_changes_nothing() {
        let item = food_item();
        assert_eq!(guide_changes(&item, &item, &answers()), vec![]);
    }

    #[test]
    fn a_new_material_a_dropped_one_and_new_copies_are_named_for_this_draft() {
        let old = food_item();
        let mut new = old.clone();
        // The agent's ID is no longer needed; the power of attorney now in two copies.
        new.materials.retain(|m| m.id != "agent_id");
        let poa = new
            .materials
            .iter_mut()
            .find(|m| m.id == "power_of_attorney")
            .unwrap();
        let before = poa.copies;
        poa.copies = before + 1;
        let mut added = new.materials[0].clone();
        added.id = "fire_safety".into();
        added.name = "消防安全承诺书".into();
        added.when = None;
        added.copies = 1;
        new.materials.push(added);

        let changes = guide_changes(&old, &new, &answers());
        assert!(changes.contains(&GuideChange::MaterialAdded {
            name: "消防安全承诺书".into(),
            count: 1
        }));
        assert!(changes.contains(&GuideChange::MaterialDropped {
            name: "委托代理人身份证件".into()
        }));
        assert!(changes.contains(&GuideChange::CopiesChanged {
            name: "授权委托书".into(),
            from: before,
            to: before + 1
        }));
        // Without an agent, the agent's papers were never this draft's concern.
        let no_agent = answers().with("agent", false);
        let changes = guide_changes(&old, &new, &no_agent);
        assert!(!changes
            .iter()
            .any(|c| matches!(c, GuideChange::MaterialDropped { .. })));
        assert!(!changes
            .iter()
            .any(|c| matches!(c, GuideChange::CopiesChanged { .. })));
    }

    #[test]
    fn a_new_question_and_a_withdrawn_option_ask_for_an_answer() {
        let old = food_item();
        let mut new = old.clone();
        let business = new
            .questions
            .iter_mut()
            .find(|q| q.id == "business_type")
            .unwrap();
        let withdrawn = business
            .options
            .iter()
            .find(|c| c.value == "prepackaged_only")
            .unwrap()
            .label
            .clone();
        business.options.retain(|c| c.value != "prepackaged_only");
        new.questions.push(Question {
            id: "chain".into(),
            text: "是否为连锁经营？".into(),
            ..old.questions[1].clone()
        });

        let changes = guide_changes(&old, &new, &answers());
        assert!(changes.contains(&GuideChange::QuestionAdded {
            question: "是否为连锁经营？".into()
        }));
        assert!(changes.contains(&GuideChange::AnswerWithdrawn {
            question: old.questions[0].text.clone(),
            answer: withdrawn.clone()
        }));
        assert!(changes
            .iter()
            .any(|c| c.to_string().contains(&format!("不再有选项“{withdrawn}”"))));
    }

    #[test]
    fn a_changed_time_limit_is_said_in_working_days() {
        let old = food_item();
        let mut new = old.clone();
        new.promised_days = (old.promised_limit() + 2).into();
        let changes = guide_changes(&old, &new, &answers());
        assert_eq!(
            changes,
            vec![GuideChange::PromisedDaysChanged {
                from: old.promised_limit(),
                to: old.promised_limit() + 2
            }]
        );
        assert_eq!(
            changes[0].to_string(),
            format!(
                "承诺办理时限由 {} 个工作日改为 {} 个工作日",
                old.promised_limit(),
                old.promised_limit() + 2
            )
        );
    }
}
