//! 好差评: the five national levels, the reasons an applicant picks for the two lowest, the
//! stages of service evaluated (one evaluation per case and stage), and the follow-up (整改)
//! a poor evaluation opens, due within a deployment's working days.

use super::lifecycle::CaseRecord;
use super::CaseState;
use serde::{Deserialize, Serialize};

/// The stage of service an evaluation is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EvaluationStage {
    /// 受理环节: the window's reception, once the papers were received (accepted or not).
    Acceptance,
    /// 办结环节: once the result was handed out (older records are all of this stage).
    #[default]
    Handout,
}

impl EvaluationStage {
    /// Its name on the wire and in a step's fields.
    pub fn name(self) -> &'static str {
        match self {
            EvaluationStage::Acceptance => "acceptance",
            EvaluationStage::Handout => "handout",
        }
    }
}

/// The stage the applicant may evaluate now, if any: the reception from when the papers
/// were received until the result is handed out (or, not accepted, until archiving), then
/// the hand-out; each once.
pub fn open_stage(rec: &CaseRecord) -> Option<EvaluationStage> {
    let stage = match rec.state {
        Some(CaseState::Delivered { .. }) => EvaluationStage::Handout,
        None | Some(CaseState::PreChecked | CaseState::Evaluated | CaseState::Archived) => {
            return None
        }
        Some(_) if rec.received.is_some() => EvaluationStage::Acceptance,
        Some(_) => return None,
    };
    let given = rec.evaluations.iter().any(|e| e.stage == stage);
    (!given).then_some(stage)
}

/// The five levels, 5 (非常满意) to 1 (非常不满意).
pub const LEVELS: [u8; 5] = [5, 4, 3, 2, 1];

/// The reasons an applicant chooses from for a poor evaluation (不满意, 非常不满意).
pub const POOR_REASONS: [&str; 8] = [
    "办事指南不清晰",
    "材料要求反复变化或一次性告知不到位",
    "多次跑腿",
    "等待时间过长",
    "超过承诺时限办结",
    "工作人员服务态度不好",
    "系统操作不便",
    "其他",
];

/// Whether a level is poor (差评): it needs reasons and opens a follow-up.
pub fn is_poor(level: u8) -> bool {
    level <= 2
}

/// What is wrong with an evaluation, or `None`.
pub fn problem(level: u8, reasons: &[String]) -> Option<String> {
    if !(1..=5).contains(&level) {
        return Some(format!("an evaluation is 1 to 5, not {level}"));
    }
    if is_poor(level) && reasons.is_empty() {
        return Some("a poor evaluation gives at least one reason".into());
    }
    if !is_poor(level) && !reasons.is_empty() {
        return Some("only a poor evaluation gives reasons".into());
    }
    reasons
        .iter()
        .find(|r| !POOR_REASONS.contains(&r.as_str()))
        .map(|r| format!("\"{r}\" is not one of the reasons to choose from"))
}
