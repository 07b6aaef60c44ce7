//! The front-desk decision (形式审查): from the checklist and the state of each
//! material, exactly one outcome, the notices it calls for, and the case event it
//! records.

use crate::case::{EventKind, ToleratedMaterial};
use crate::catalog::{FrontDesk, MaterialForm, MaterialKind, Requirement, ServiceItem};
use crate::checklist::{checklist, ChecklistEntry, Refusal};
use crate::condition::Answers;
use crate::notice::NoticeKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the desk found for one material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MaterialStatus {
    /// The original was seen (原件已核验).
    Original,
    /// A copy was handed in (复印件).
    Copy,
    /// Handed in electronically.
    Electronic,
    /// Replaced by a signed commitment (告知承诺).
    Commitment,
    /// Not needed: found as an e-licence or in shared data (免提交).
    ELicence,
    /// A requirement that is not a paper is met (e.g. the applicant came in person).
    Satisfied,
    /// Not handed in.
    Missing,
    /// Handed in but defective, with the reason.
    Defective {
        /// What is wrong, e.g. 未加盖公章.
        reason: String,
    },
}

/// What the desk marked, by material id (for a bundle's shared line, the shared id).
pub type Marks = BTreeMap<String, MaterialStatus>;

/// Something the applicant must bring or correct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Gap {
    /// The material's id.
    pub material: String,
    /// Its name.
    pub name: String,
    /// What is wrong, in words for the notice.
    pub problem: String,
    /// What to bring, in words for the notice (form and count).
    pub bring: String,
}

/// A material accepted as missing, with its supply period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ToleratedGap {
    /// The material's id.
    pub material: String,
    /// Its name.
    pub name: String,
    /// Working days after acceptance to supply it.
    pub supply_days: u32,
}

/// The front desk's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Outcome {
    /// 受理: complete and in legal form.
    Accepted,
    /// 容缺受理: only tolerable materials are missing; the applicant signs to supply them.
    AcceptedWithTolerated {
        /// What to supply later, and within how long.
        tolerated: Vec<ToleratedGap>,
    },
    /// 一次性告知: every missing or defective material, at once.
    Incomplete {
        /// Every gap.
        gaps: Vec<Gap>,
        /// Missing materials that could be tolerated once the gaps are closed.
        tolerable: Vec<ToleratedGap>,
    },
    /// 不予受理, with the reasons.
    NotAccepted {
        /// The reasons.
        reasons: Vec<Refusal>,
    },
    /// 收件: complete; the back office decides on acceptance.
    ReceivedOnly,
}

impl Outcome {
    /// Rank for comparing outcomes: more is better for the applicant.
    pub fn rank(&self) -> u8 {
        match self {
            Outcome::NotAccepted { .. } => 0,
            Outcome::Incomplete { .. } => 1,
            Outcome::AcceptedWithTolerated { .. } => 2,
            Outcome::Accepted | Outcome::ReceivedOnly => 3,
        }
    }

    /// The notices this outcome calls for: those of its event at the front desk.
    pub fn notices(&self) -> Vec<NoticeKind> {
        self.event().notices_at(crate::case::Stage::FrontDesk)
    }

    /// The notices of this outcome for a case of `item` (a joint item's acceptance also
    /// prints the 审批流程表).
    pub fn notices_for(&self, item: &crate::ServiceItem) -> Vec<NoticeKind> {
        self.event()
            .notices_for(crate::case::Stage::FrontDesk, Some(item))
    }

    /// The case event the desk records for this outcome (after `Received`).
    pub fn event(&self) -> EventKind {
        match self {
            Outcome::Accepted => EventKind::Accepted { tolerated: vec![] },
            Outcome::AcceptedWithTolerated { tolerated } => EventKind::Accepted {
                tolerated: tolerated
                    .iter()
                    .map(|t| ToleratedMaterial {
                        material: t.material.clone(),
                        supply_days: t.supply_days,
                    })
                    .collect(),
            },
            Outcome::Incomplete { gaps, .. } => EventKind::CorrectionRequested {
                items: gaps
                    .iter()
                    .map(|g| format!("{}：{}", g.name, g.problem))
                    .collect(),
            },
            Outcome::NotAccepted { reasons } => EventKind::NotAccepted {
                reasons: reasons.iter().map(|r| r.reason.clone()).collect(),
            },
            Outcome::ReceivedOnly => EventKind::Received,
        }
    }
}

/// Questions that must be answered before the desk can decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Unanswered {
    /// Their ids, in order.
    pub questions: Vec<String>,
}

/// What to bring for a checklist line, in words.
pub fn bring(entry: &ChecklistEntry) -> String {
    let form = match entry.form {
        MaterialForm::Original => "原件",
        MaterialForm::Copy => "复印件",
        MaterialForm::OriginalAndCopy => "原件及复印件",
        MaterialForm::Electronic => "电子版",
    };
    match entry.kind {
        MaterialKind::Requirement => entry.name.clone(),
        MaterialKind::Paper => format!(
            "{}（{}{}{}{}）",
            entry.name,
            entry
                .issued_by
                .as_ref()
                .map(|by| format!("由{by}出具，"))
                .unwrap_or_default(),
            form,
            entry.count,
            entry.unit.label()
        ),
    }
}

/// Whether `status` satisfies `entry`; `Err` carries what is wrong.
fn judge(entry: &ChecklistEntry, status: Option<&MaterialStatus>) -> Result<(), String> {
    use MaterialStatus as S;
    let requirement = entry.kind == MaterialKind::Requirement;
    match status {
        None | Some(S::Missing) => Err(if requirement {
            "未满足".into()
        } else {
            "未提交".into()
        }),
        Some(S::Defective { reason }) => Err(if reason.trim().is_empty() {
            "不符合要求".into()
        } else {
            reason.clone()
        }),
        Some(S::Satisfied) if requirement => Ok(()),
        Some(_) if requirement => Err("须由窗口核实确认".into()),
        Some(S::Commitment) if !entry.commitment => {
            Err("本材料不适用告知承诺制，须提交材料".into())
        }
        Some(S::ELicence) if !entry.e_licence => {
            Err("本材料无法通过电子证照或共享数据获取，须提交材料".into())
        }
        // A mark the line does not admit (see `admitted_marks`) decides nothing in favour.
        Some(s) if !admitted_marks(entry).iter().any(|c| c.mark == s.kind()) => {
            Err("须由窗口重新核验".into())
        }
        Some(S::Copy) if entry.form == MaterialForm::OriginalAndCopy => {
            Err("须同时提交原件以供核验".into())
        }
        Some(S::Copy | S::Electronic) if entry.form == MaterialForm::Original => {
            Err("须提交原件".into())
        }
        Some(_) => Ok(()),
    }
}

/// The outcome for `item` with these answers and marks.
pub fn front_desk_outcome(
    item: &ServiceItem,
    answers: &Answers,
    marks: &Marks,
) -> Result<Outcome, Unanswered> {
    let list = checklist(item, answers);
    if !list.pending.is_empty() {
        return Err(Unanswered {
            questions: list.pending,
        });
    }
    Ok(decide(
        item.front_desk,
        &list.refusals,
        &list.entries,
        |e| marks.get(&e.material),
    ))
}

/// The outcome from a checklist's lines, their marks and the refusals that apply.
pub fn decide<'a>(
    front_desk: FrontDesk,
    refusals: &[Refusal],
    entries: &'a [ChecklistEntry],
    mark: impl Fn(&'a ChecklistEntry) -> Option<&'a MaterialStatus>,
) -> Outcome {
    if !refusals.is_empty() {
        return Outcome::NotAccepted {
            reasons: refusals.to_vec(),
        };
    }
    let mut gaps = Vec::new();
    let mut tolerable = Vec::new();
    for entry in entries
        .iter()
        .filter(|e| e.requirement != Requirement::Optional)
    {
        let status = mark(entry);
        let Err(problem) = judge(entry, status) else {
            continue;
        };
        match (entry.tolerated, status) {
            (Some(t), None | Some(MaterialStatus::Missing)) => tolerable.push(ToleratedGap {
                material: entry.material.clone(),
                name: entry.name.clone(),
                supply_days: t.supply_days,
            }),
            _ => gaps.push(Gap {
                material: entry.material.clone(),
                name: entry.name.clone(),
                problem,
                bring: bring(entry),
            }),
        }
    }
    if !gaps.is_empty() {
        Outcome::Incomplete { gaps, tolerable }
    } else if !tolerable.is_empty() {
        Outcome::AcceptedWithTolerated {
            tolerated: tolerable,
        }
    } else if front_desk == FrontDesk::ReceiveOnly {
        Outcome::ReceivedOnly
    } else {
        Outcome::Accepted
    }
}

/// A mark without its data: what the desk's control for one material offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    /// [`MaterialStatus::Original`].
    Original,
    /// [`MaterialStatus::Copy`].
    Copy,
    /// [`MaterialStatus::Electronic`].
    Electronic,
    /// [`MaterialStatus::Commitment`].
    Commitment,
    /// [`MaterialStatus::ELicence`].
    ELicence,
    /// [`MaterialStatus::Satisfied`].
    Satisfied,
    /// [`MaterialStatus::Missing`].
    Missing,
    /// [`MaterialStatus::Defective`].
    Defective,
}

impl MaterialStatus {
    /// This mark's kind.
    pub fn kind(&self) -> MarkKind {
        match self {
            MaterialStatus::Original => MarkKind::Original,
            MaterialStatus::Copy => MarkKind::Copy,
            MaterialStatus::Electronic => MarkKind::Electronic,
            MaterialStatus::Commitment => MarkKind::Commitment,
            MaterialStatus::ELicence => MarkKind::ELicence,
            MaterialStatus::Satisfied => MarkKind::Satisfied,
            MaterialStatus::Missing => MarkKind::Missing,
            MaterialStatus::Defective { .. } => MarkKind::Defective,
        }
    }
}

impl MarkKind {
    /// The mark of this kind; `reason` is a defect's.
    pub fn status(self, reason: String) -> MaterialStatus {
        match self {
            MarkKind::Original => MaterialStatus::Original,
            MarkKind::Copy => MaterialStatus::Copy,
            MarkKind::Electronic => MaterialStatus::Electronic,
            MarkKind::Commitment => MaterialStatus::Commitment,
            MarkKind::ELicence => MaterialStatus::ELicence,
            MarkKind::Satisfied => MaterialStatus::Satisfied,
            MarkKind::Missing => MaterialStatus::Missing,
            MarkKind::Defective => MaterialStatus::Defective { reason },
        }
    }
}

/// One mark the desk may put on a checklist line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MarkChoice {
    /// The mark.
    pub mark: MarkKind,
    /// For `missing`: the material may be supplied later (容缺), so missing it does not
    /// stop acceptance.
    pub tolerated: bool,
}

/// The marks a checklist line admits, in the order the desk offers them: a requirement
/// that is not a paper is met or not; a paper is seen as original, copy or electronic,
/// replaced by a commitment or an e-licence where the guide allows, missing or defective.
pub fn admitted_marks(entry: &ChecklistEntry) -> Vec<MarkChoice> {
    let choice = |mark| MarkChoice {
        mark,
        tolerated: false,
    };
    if entry.kind == MaterialKind::Requirement {
        return vec![choice(MarkKind::Satisfied), choice(MarkKind::Missing)];
    }
    let mut out = vec![
        choice(MarkKind::Original),
        choice(MarkKind::Copy),
        choice(MarkKind::Electronic),
    ];
    if entry.commitment {
        out.push(choice(MarkKind::Commitment));
    }
    if entry.e_licence {
        out.push(choice(MarkKind::ELicence));
    }
    out.push(MarkChoice {
        mark: MarkKind::Missing,
        tolerated: entry.tolerated.is_some(),
    });
    out.push(choice(MarkKind::Defective));
    out
}
