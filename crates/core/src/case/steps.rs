//! The steps a case may take next, each with the fields it must carry, and turning what a
//! clerk typed into an event. The desk draws its form from [`StepForm`]s and the server
//! rebuilds the event from the same input with [`build_event`], so neither re-implements
//! the rules.

use super::lifecycle::{target, CaseRecord};
use super::{DefaultBy, EventKind, Handout, Handover, MeetingKind, Signature, Stance};
use crate::catalog::{DeliveryMethod, ServiceItem};
use crate::diagnostic::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Defines [`EventType`] and its list [`EventType::ALL`] from one list of variants, so a
/// new event type cannot be left out of the list.
macro_rules! event_types {
    ($($(#[$doc:meta])* $variant:ident),+ $(,)?) => {
        /// The type of an event, without its data: what the desk offers, labels and
        /// counts. Every `match` on it is exhaustive, so a new event type makes the
        /// compiler point at each place that must handle it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum EventType {
            $($(#[$doc])* $variant),+
        }

        impl EventType {
            /// Every event type, in the order of the lifecycle.
            pub const ALL: &'static [EventType] = &[$(EventType::$variant),+];
        }
    };
}

event_types! {
    /// 网上预审.
    PreChecked,
    /// 收件.
    Received,
    /// 受理.
    Accepted,
    /// 不予受理.
    NotAccepted,
    /// 补正告知.
    CorrectionRequested,
    /// 补正材料已收.
    CorrectionReceived,
    /// 开始审查.
    ReviewStarted,
    /// 特别程序开始.
    SpecialProcedureStarted,
    /// 特别程序结束.
    SpecialProcedureEnded,
    /// 延期.
    Extended,
    /// 出件方式.
    DeliveryChosen,
    /// 转交首办负责人.
    OwnerChanged,
    /// 审查意见.
    ReviewOpinion,
    /// 确认接收材料.
    HandoverConfirmed,
    /// 部门意见 (联办件).
    DepartmentOpinion,
    /// 联席会议 / 联合踏勘 安排.
    JointMeetingScheduled,
    /// 联席会议 / 联合踏勘 召开.
    JointMeetingHeld,
    /// 默认同意 (联办件).
    DefaultConsent,
    /// 否定备案登记 (拟不予许可).
    RefusalProposed,
    /// 否定备案批准.
    RefusalApproved,
    /// 否定备案退回.
    RefusalReturned,
    /// 办结.
    Decided,
    /// 交接单.
    SlipPrepared,
    /// 出件.
    Delivered,
    /// 好差评.
    Evaluated,
    /// 差评整改：指派、处理情况.
    FollowUpNoted,
    /// 差评整改完成.
    FollowUpClosed,
    /// 容缺材料已补齐.
    ToleratedSupplied,
    /// 归档.
    Archived,
    /// 资料流转.
    HandedOver,
}

impl EventKind {
    /// This event's type.
    pub fn event_type(&self) -> EventType {
        match self {
            EventKind::PreChecked => EventType::PreChecked,
            EventKind::Received => EventType::Received,
            EventKind::Accepted { .. } => EventType::Accepted,
            EventKind::NotAccepted { .. } => EventType::NotAccepted,
            EventKind::CorrectionRequested { .. } => EventType::CorrectionRequested,
            EventKind::CorrectionReceived => EventType::CorrectionReceived,
            EventKind::ReviewStarted => EventType::ReviewStarted,
            EventKind::SpecialProcedureStarted { .. } => EventType::SpecialProcedureStarted,
            EventKind::SpecialProcedureEnded => EventType::SpecialProcedureEnded,
            EventKind::Extended { .. } => EventType::Extended,
            EventKind::DeliveryChosen { .. } => EventType::DeliveryChosen,
            EventKind::OwnerChanged { .. } => EventType::OwnerChanged,
            EventKind::ReviewOpinion { .. } => EventType::ReviewOpinion,
            EventKind::HandoverConfirmed { .. } => EventType::HandoverConfirmed,
            EventKind::RefusalProposed { .. } => EventType::RefusalProposed,
            EventKind::RefusalApproved => EventType::RefusalApproved,
            EventKind::RefusalReturned { .. } => EventType::RefusalReturned,
            EventKind::Decided { .. } => EventType::Decided,
            EventKind::SlipPrepared { .. } => EventType::SlipPrepared,
            EventKind::DepartmentOpinion { .. } => EventType::DepartmentOpinion,
            EventKind::JointMeetingScheduled { .. } => EventType::JointMeetingScheduled,
            EventKind::JointMeetingHeld { .. } => EventType::JointMeetingHeld,
            EventKind::DefaultConsent { .. } => EventType::DefaultConsent,
            EventKind::Delivered { .. } => EventType::Delivered,
            EventKind::Evaluated { .. } => EventType::Evaluated,
            EventKind::FollowUpClosed { .. } => EventType::FollowUpClosed,
            EventKind::FollowUpNoted { .. } => EventType::FollowUpNoted,
            EventKind::ToleratedSupplied { .. } => EventType::ToleratedSupplied,
            EventKind::Archived => EventType::Archived,
            EventKind::HandedOver(_) => EventType::HandedOver,
        }
    }

    /// The snake-case name of the event, as in the wire format.
    pub fn name(&self) -> &'static str {
        self.event_type().name()
    }
}

impl EventType {
    /// The snake-case name, as in the wire format.
    pub fn name(self) -> &'static str {
        match self {
            EventType::PreChecked => "pre_checked",
            EventType::Received => "received",
            EventType::Accepted => "accepted",
            EventType::NotAccepted => "not_accepted",
            EventType::CorrectionRequested => "correction_requested",
            EventType::CorrectionReceived => "correction_received",
            EventType::ReviewStarted => "review_started",
            EventType::SpecialProcedureStarted => "special_procedure_started",
            EventType::SpecialProcedureEnded => "special_procedure_ended",
            EventType::Extended => "extended",
            EventType::DeliveryChosen => "delivery_chosen",
            EventType::OwnerChanged => "owner_changed",
            EventType::ReviewOpinion => "review_opinion",
            EventType::HandoverConfirmed => "handover_confirmed",
            EventType::RefusalProposed => "refusal_proposed",
            EventType::RefusalApproved => "refusal_approved",
            EventType::RefusalReturned => "refusal_returned",
            EventType::Decided => "decided",
            EventType::SlipPrepared => "slip_prepared",
            EventType::DepartmentOpinion => "department_opinion",
            EventType::JointMeetingScheduled => "joint_meeting_scheduled",
            EventType::JointMeetingHeld => "joint_meeting_held",
            EventType::DefaultConsent => "default_consent",
            EventType::Delivered => "delivered",
            EventType::Evaluated => "evaluated",
            EventType::FollowUpClosed => "follow_up_closed",
            EventType::FollowUpNoted => "follow_up_noted",
            EventType::ToleratedSupplied => "tolerated_supplied",
            EventType::Archived => "archived",
            EventType::HandedOver => "handed_over",
        }
    }

    /// Whether a clerk records this step on a case's page. 网上预审 and 收件 are
    /// recorded when the case is submitted.
    pub fn recorded_on_the_case_page(self) -> bool {
        match self {
            // Recorded by the core itself when the lead decides a joint case.
            EventType::PreChecked | EventType::Received | EventType::DefaultConsent => false,
            EventType::Accepted
            | EventType::NotAccepted
            | EventType::CorrectionRequested
            | EventType::CorrectionReceived
            | EventType::ReviewStarted
            | EventType::SpecialProcedureStarted
            | EventType::SpecialProcedureEnded
            | EventType::Extended
            | EventType::DeliveryChosen
            | EventType::OwnerChanged
            | EventType::ReviewOpinion
            | EventType::HandoverConfirmed
            | EventType::RefusalProposed
            | EventType::RefusalApproved
            | EventType::RefusalReturned
            | EventType::Decided
            | EventType::SlipPrepared
            | EventType::DepartmentOpinion
            | EventType::JointMeetingScheduled
            | EventType::JointMeetingHeld
            | EventType::Delivered
            | EventType::Evaluated
            | EventType::FollowUpClosed
            | EventType::FollowUpNoted
            | EventType::ToleratedSupplied
            | EventType::Archived
            | EventType::HandedOver => true,
        }
    }

    /// What the step must carry, as fields of a form.
    fn fields(self, rec: &CaseRecord, item: Option<&ServiceItem>) -> Vec<StepField> {
        use FieldInput as I;
        use FieldName as F;
        let field = |name, input, required| StepField {
            name,
            input,
            required,
            shown_when: None,
            default: None,
        };
        // The hand-out starts from the applicant's choice.
        let chosen = rec.delivery.as_ref();
        let chosen_method = chosen.map(|(m, _)| delivery_name(*m).to_string());
        let chosen_address = chosen.and_then(|(_, a)| a.clone());
        match self {
            EventType::NotAccepted => vec![field(F::Reasons, I::Lines, true)],
            // Required only when no reviewer's point or tolerated paper is waiting to go in.
            EventType::CorrectionRequested => vec![field(
                F::Corrections,
                I::Lines,
                pending_corrections(rec, item).is_empty(),
            )],
            EventType::ReviewOpinion => vec![field(F::ReviewPoints, I::Lines, true)],
            EventType::DeliveryChosen => vec![
                field(F::Method, delivery_choices(item), true),
                field(F::Address, I::Lines, false).when(F::Method, "post"),
            ],
            EventType::OwnerChanged => vec![
                field(F::NewOwner, I::Text, true),
                field(F::TransferReason, I::Lines, true),
            ],
            EventType::HandoverConfirmed => vec![field(
                F::LedgerLine,
                I::Choice(
                    unconfirmed_lines(rec)
                        .into_iter()
                        .map(|i| {
                            let h = &rec.ledger[i].1;
                            Choice::LedgerLine {
                                line: i,
                                label: format!(
                                    "{}：{} {} 份（{} → {}）",
                                    h.department, h.material, h.copies, h.from, h.to
                                ),
                            }
                        })
                        .collect(),
                ),
                true,
            )],
            EventType::SpecialProcedureStarted => vec![
                field(F::Procedure, I::Text, true),
                field(F::PlannedEnd, I::Date, true),
            ],
            EventType::Extended => vec![
                field(F::ExtensionReason, I::Lines, true),
                field(F::Approver, I::Text, true),
            ],
            // A denial is not decided here: it is filed (否定备案) and approved by the lead.
            EventType::Decided => vec![field(
                F::Decision,
                I::Choice(vec![Choice::Approved { approved: true }]),
                true,
            )],
            EventType::RefusalProposed => vec![
                field(F::DenialReasons, I::Lines, true),
                field(F::LegalBasis, I::Text, true),
            ],
            EventType::RefusalReturned => vec![field(F::ReturnReason, I::Lines, true)],
            // 联办件: the departments still to answer; the server narrows them to the
            // person's own (`access::narrow`).
            EventType::DepartmentOpinion => vec![
                field(
                    F::Department,
                    I::Choice(
                        joint_departments(item)
                            .filter(|d| !rec.has_answered(d))
                            .map(|d| Choice::Department {
                                name: d.to_string(),
                            })
                            .collect(),
                    ),
                    true,
                ),
                field(
                    F::Stance,
                    I::Choice(
                        [Stance::Agree, Stance::AgreeWithConditions, Stance::Disagree]
                            .into_iter()
                            .map(|stance| Choice::Stance { stance })
                            .collect(),
                    ),
                    true,
                ),
                field(F::OpinionText, I::Lines, false),
            ],
            EventType::JointMeetingScheduled => vec![
                field(
                    F::MeetingKind,
                    I::Choice(vec![
                        Choice::Meeting {
                            kind: MeetingKind::Meeting,
                        },
                        Choice::Meeting {
                            kind: MeetingKind::Inspection,
                        },
                    ]),
                    true,
                ),
                field(F::MeetingDate, I::Date, true),
                field(
                    F::Participants,
                    I::Checklist(joint_departments(item).map(str::to_string).collect()),
                    true,
                ),
            ],
            EventType::JointMeetingHeld => vec![field(
                F::Absent,
                I::Checklist(
                    rec.meeting
                        .as_ref()
                        .map(|m| m.participants.clone())
                        .unwrap_or_default(),
                ),
                false,
            )],
            // The result document is named after the item and the decision until the
            // reviewer names the licence itself.
            EventType::SlipPrepared => vec![
                field(F::Results, I::Lines, true).starting_with(item.map(|i| {
                    let approved = rec.decided.is_none_or(|(_, approved)| approved);
                    let kind = if approved { "准予" } else { "不予" };
                    format!("《{}》{kind}许可决定书 1份", i.name)
                })),
                field(F::Collect, I::Lines, false),
            ],
            EventType::Delivered => {
                vec![
                    field(F::Method, delivery_choices(item), true).starting_with(chosen_method),
                    // What each way of handing out records (出件记录); `build_event`
                    // asks for the fields of the chosen method.
                    field(F::CollectedBy, I::Text, false).when(F::Method, "window"),
                    field(F::Signature, I::Signature, false).when(F::Method, "window"),
                    field(F::NoSignatureReason, I::Text, false).when(F::Method, "window"),
                    field(F::LockerSlot, I::Text, false).when(F::Method, "locker"),
                    field(F::PickupCode, I::Text, false).when(F::Method, "locker"),
                    field(F::Address, I::Lines, false)
                        .when(F::Method, "post")
                        .starting_with(chosen_address),
                    field(F::Tracking, I::Text, false).when(F::Method, "post"),
                    // Every paper the slip (交接单) asks for, ticked as it is collected.
                    field(
                        F::Collected,
                        I::Checklist(rec.slip.iter().flat_map(|s| s.collect.clone()).collect()),
                        rec.slip.as_ref().is_some_and(|s| !s.collect.is_empty()),
                    ),
                ]
            }
            EventType::Evaluated => vec![
                // The stage open now, the default when none is named.
                field(
                    F::Stage,
                    I::Choice(
                        super::evaluation::open_stage(rec)
                            .map(|stage| Choice::Stage { stage })
                            .into_iter()
                            .collect(),
                    ),
                    false,
                ),
                field(
                    F::Level,
                    I::Choice((1..=5).rev().map(|level| Choice::Level { level }).collect()),
                    true,
                ),
                // Required for the two lowest levels; `build_event` says so.
                field(
                    F::PoorReasons,
                    I::Checklist(
                        super::evaluation::POOR_REASONS
                            .iter()
                            .map(|r| r.to_string())
                            .collect(),
                    ),
                    false,
                ),
                field(F::Comment, I::Lines, false),
            ],
            EventType::FollowUpClosed => vec![field(F::FollowUpResult, I::Lines, true)],
            EventType::FollowUpNoted => vec![
                field(F::FollowUpAction, I::Lines, true),
                field(F::FollowUpAssignee, I::Text, false),
            ],
            EventType::HandedOver => {
                // 联办件: each responsible department's packet, one ledger line each.
                let packets = packets(rec, item);
                let mut fields = Vec::new();
                if !packets.is_empty() {
                    fields.push(field(F::Packet, I::Choice(packets), false));
                }
                fields.extend([
                    field(F::Department, I::Text, true),
                    field(F::HandoverMaterial, I::Text, true),
                    field(F::Copies, I::Count, true),
                    field(F::Receiver, I::Text, true),
                ]);
                fields
            }
            EventType::ToleratedSupplied => {
                let name = |id: &str| {
                    item.and_then(|i| i.materials.iter().find(|m| m.id == id))
                        .map_or_else(|| id.to_string(), |m| m.name.clone())
                };
                let open = open_tolerated(rec)
                    .into_iter()
                    .map(|id| Choice::Material {
                        name: name(&id),
                        id,
                    })
                    .collect();
                vec![field(F::Material, I::Choice(open), true)]
            }
            EventType::PreChecked
            | EventType::Received
            | EventType::Accepted
            | EventType::CorrectionReceived
            | EventType::ReviewStarted
            | EventType::SpecialProcedureEnded
            | EventType::RefusalApproved
            | EventType::DefaultConsent
            | EventType::Archived => vec![],
        }
    }

    /// Whether this step belongs to cases of `item` at all: the joint review's steps only
    /// to joint items, a department's opinion only while one is still to answer.
    fn applies(self, rec: &CaseRecord, item: Option<&ServiceItem>) -> bool {
        match self {
            EventType::DepartmentOpinion => joint_departments(item).any(|d| !rec.has_answered(d)),
            EventType::JointMeetingScheduled
            | EventType::JointMeetingHeld
            | EventType::DefaultConsent => joint_departments(item).next().is_some(),
            _ => true,
        }
    }

    /// An event of this type that the state machine can judge (its data only matters
    /// for supplying a tolerated material, which must be one still open).
    fn probe(self, rec: &CaseRecord) -> EventKind {
        match self {
            EventType::PreChecked => EventKind::PreChecked,
            EventType::Received => EventKind::Received,
            EventType::Accepted => EventKind::Accepted { tolerated: vec![] },
            EventType::NotAccepted => EventKind::NotAccepted { reasons: vec![] },
            EventType::CorrectionRequested => EventKind::CorrectionRequested { items: vec![] },
            EventType::CorrectionReceived => EventKind::CorrectionReceived,
            EventType::ReviewStarted => EventKind::ReviewStarted,
            EventType::SpecialProcedureStarted => EventKind::SpecialProcedureStarted {
                procedure: String::new(),
                planned_end: NaiveDate::MIN,
            },
            EventType::SpecialProcedureEnded => EventKind::SpecialProcedureEnded,
            EventType::Extended => EventKind::Extended {
                reason: String::new(),
                approver: String::new(),
            },
            EventType::ReviewOpinion => EventKind::ReviewOpinion { points: vec![] },
            EventType::OwnerChanged => EventKind::OwnerChanged {
                to: String::new(),
                reason: String::new(),
            },
            EventType::DeliveryChosen => EventKind::DeliveryChosen {
                method: DeliveryMethod::Window,
                address: None,
            },
            EventType::HandoverConfirmed => EventKind::HandoverConfirmed {
                line: unconfirmed_lines(rec)
                    .into_iter()
                    .next()
                    .unwrap_or(usize::MAX),
            },
            EventType::RefusalProposed => EventKind::RefusalProposed {
                reasons: vec![],
                legal_basis: String::new(),
            },
            EventType::RefusalApproved => EventKind::RefusalApproved,
            EventType::RefusalReturned => EventKind::RefusalReturned {
                reason: String::new(),
            },
            EventType::Decided => EventKind::Decided {
                approved: true,
                reasons: vec![],
            },
            EventType::SlipPrepared => EventKind::SlipPrepared {
                results: vec![],
                collect: vec![],
            },
            EventType::DepartmentOpinion => EventKind::DepartmentOpinion {
                department: String::new(),
                stance: Stance::Agree,
                text: vec![],
            },
            EventType::JointMeetingScheduled => EventKind::JointMeetingScheduled {
                kind: MeetingKind::Meeting,
                on: NaiveDate::MIN,
                participants: vec![],
            },
            EventType::JointMeetingHeld => EventKind::JointMeetingHeld { absent: vec![] },
            EventType::DefaultConsent => EventKind::DefaultConsent {
                department: String::new(),
                by: DefaultBy::Timeout,
            },
            EventType::Delivered => EventKind::Delivered {
                method: DeliveryMethod::Window,
                tracking: None,
                handout: None,
                collected: rec.slip.iter().flat_map(|s| s.collect.clone()).collect(),
            },
            EventType::Evaluated => EventKind::Evaluated {
                stage: super::evaluation::open_stage(rec).unwrap_or_default(),
                level: 5,
                comment: None,
                reasons: vec![],
            },
            EventType::FollowUpClosed => EventKind::FollowUpClosed {
                stage: rec.open_follow_ups().first().copied().unwrap_or_default(),
                result: String::new(),
            },
            EventType::FollowUpNoted => EventKind::FollowUpNoted {
                stage: rec.open_follow_ups().first().copied().unwrap_or_default(),
                assigned_to: None,
                action: String::new(),
            },
            EventType::ToleratedSupplied => EventKind::ToleratedSupplied {
                material: open_tolerated(rec).into_iter().next().unwrap_or_default(),
            },
            EventType::Archived => EventKind::Archived,
            EventType::HandedOver => EventKind::HandedOver(Handover {
                department: String::new(),
                material: String::new(),
                copies: 1,
                from: String::new(),
                to: String::new(),
            }),
        }
    }

    /// [`EventType::probe`], for the tests that every type names its own events.
    #[cfg(test)]
    pub(crate) fn probe_for_tests(self, rec: &CaseRecord) -> EventKind {
        self.probe(rec)
    }

    /// Whether an event of this type may follow the record's current state.
    pub fn allowed(self, rec: &CaseRecord) -> bool {
        target(rec.state, &self.probe(rec), rec).is_some()
    }
}

/// The packets of a joint case not yet handed to their department: each responsible
/// department's materials (分送材料), as the 审批流程表 lists them.
fn packets(rec: &CaseRecord, item: Option<&ServiceItem>) -> Vec<Choice> {
    let Some(item) = item else {
        return Vec::new();
    };
    item.responsible_departments
        .iter()
        .filter(|s| !rec.ledger.iter().any(|(_, h)| h.department == s.department))
        .map(|s| Choice::Packet {
            department: s.department.clone(),
            materials: s
                .materials
                .iter()
                .map(|id| {
                    item.materials
                        .iter()
                        .find(|m| &m.id == id)
                        .map_or_else(|| id.clone(), |m| m.name.clone())
                })
                .collect(),
        })
        .collect()
}

/// The responsible departments of a joint item.
fn joint_departments(item: Option<&ServiceItem>) -> impl Iterator<Item = &str> {
    item.into_iter()
        .flat_map(|i| i.responsible_departments.iter())
        .map(|s| s.department.as_str())
}

/// The ways the item hands results out (all three when its guide does not say).
fn delivery_choices(item: Option<&ServiceItem>) -> FieldInput {
    let offered = item.map(|i| i.delivery.clone()).unwrap_or_default();
    let methods = if offered.is_empty() {
        vec![
            DeliveryMethod::Window,
            DeliveryMethod::Locker,
            DeliveryMethod::Post,
        ]
    } else {
        offered
    };
    FieldInput::Choice(
        methods
            .into_iter()
            .map(|method| Choice::Method { method })
            .collect(),
    )
}

/// What the next correction request carries besides what is typed: every reviewer's
/// points since the last request, then the tolerated papers still outstanding — one
/// notice, one clock (一次性补正).
pub fn pending_corrections(rec: &CaseRecord, item: Option<&ServiceItem>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for point in rec.opinions.iter().flat_map(|o| o.points.iter()) {
        if !out.contains(point) {
            out.push(point.clone());
        }
    }
    for id in open_tolerated(rec) {
        let name = item
            .and_then(|i| i.materials.iter().find(|m| m.id == id))
            .map_or_else(|| id.clone(), |m| m.name.clone());
        out.push(format!("{name}：容缺受理，尚未补齐"));
    }
    out
}

/// The hand-over ledger's lines not yet confirmed by their receiver.
pub fn unconfirmed_lines(rec: &CaseRecord) -> Vec<usize> {
    (0..rec.ledger.len())
        .filter(|i| !rec.confirmed.iter().any(|c| c.line == *i))
        .collect()
}

/// The tolerated (容缺) materials not yet supplied, by id.
pub fn open_tolerated(rec: &CaseRecord) -> Vec<String> {
    rec.tolerated
        .iter()
        .filter(|t| !rec.supplied.iter().any(|(m, _)| m == &t.material))
        .map(|t| t.material.clone())
        .collect()
}

/// A field of a step's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldName {
    /// 不予受理的理由, one per line.
    Reasons,
    /// 补正内容, one per line ("材料：问题").
    Corrections,
    /// The special procedure's name.
    Procedure,
    /// When it is planned to end.
    PlannedEnd,
    /// Why the case is extended.
    ExtensionReason,
    /// Who approved the extension.
    Approver,
    /// 准予 or 不予.
    Decision,
    /// Why denied, one per line.
    DenialReasons,
    /// The legal basis of a denial.
    LegalBasis,
    /// Why a filed refusal is returned.
    ReturnReason,
    /// A reviewer's points, one per line.
    ReviewPoints,
    /// Which hand-over line is confirmed.
    LedgerLine,
    /// The clerk a case is handed to.
    NewOwner,
    /// Why it is handed over.
    TransferReason,
    /// Who collected the result at the window.
    CollectedBy,
    /// Their signature, drawn on the tablet.
    Signature,
    /// Why there is no signature.
    NoSignatureReason,
    /// The self-service locker's slot.
    LockerSlot,
    /// The locker's pickup code.
    PickupCode,
    /// The postal address.
    Address,
    /// How the result is handed out.
    Method,
    /// The postal tracking number.
    Tracking,
    /// 好差评 level.
    Level,
    /// The stage of service evaluated (受理环节, 办结环节).
    Stage,
    /// A comment on the evaluation.
    Comment,
    /// The receiving department.
    Department,
    /// What was handed over.
    HandoverMaterial,
    /// How many copies.
    Copies,
    /// Who received.
    Receiver,
    /// Which tolerated material was supplied.
    Material,
    /// The result documents handed to the window (交接单).
    Results,
    /// The papers to collect or check at 出件 (交接单).
    Collect,
    /// The slip's papers collected at 出件.
    Collected,
    /// A joint case's packet for one responsible department.
    Packet,
    /// The reasons of a poor evaluation.
    PoorReasons,
    /// What a follow-up found and rectified.
    FollowUpResult,
    /// What was done so far in a follow-up.
    FollowUpAction,
    /// The account a follow-up is assigned to.
    FollowUpAssignee,
    /// Agree, agree with conditions, disagree.
    Stance,
    /// The conditions or the reasons for disagreeing.
    OpinionText,
    /// A joint meeting or a joint inspection.
    MeetingKind,
    /// Its day.
    MeetingDate,
    /// The departments invited.
    Participants,
    /// The invited departments that were absent.
    Absent,
}

impl FieldName {
    /// The name as it appears in a request and in a [`FieldError`].
    pub fn name(self) -> &'static str {
        match self {
            FieldName::Reasons => "reasons",
            FieldName::Corrections => "corrections",
            FieldName::Procedure => "procedure",
            FieldName::PlannedEnd => "planned_end",
            FieldName::ExtensionReason => "extension_reason",
            FieldName::Approver => "approver",
            FieldName::Decision => "decision",
            FieldName::DenialReasons => "denial_reasons",
            FieldName::LegalBasis => "legal_basis",
            FieldName::ReturnReason => "return_reason",
            FieldName::ReviewPoints => "review_points",
            FieldName::LedgerLine => "ledger_line",
            FieldName::NewOwner => "new_owner",
            FieldName::TransferReason => "transfer_reason",
            FieldName::CollectedBy => "collected_by",
            FieldName::Signature => "signature",
            FieldName::NoSignatureReason => "no_signature_reason",
            FieldName::LockerSlot => "locker_slot",
            FieldName::PickupCode => "pickup_code",
            FieldName::Address => "address",
            FieldName::Method => "method",
            FieldName::Tracking => "tracking",
            FieldName::Level => "level",
            FieldName::Stage => "stage",
            FieldName::Comment => "comment",
            FieldName::Department => "department",
            FieldName::HandoverMaterial => "handover_material",
            FieldName::Copies => "copies",
            FieldName::Receiver => "receiver",
            FieldName::Material => "material",
            FieldName::Results => "results",
            FieldName::Collect => "collect",
            FieldName::Collected => "collected",
            FieldName::Packet => "packet",
            FieldName::PoorReasons => "poor_reasons",
            FieldName::FollowUpResult => "follow_up_result",
            FieldName::FollowUpAction => "follow_up_action",
            FieldName::FollowUpAssignee => "follow_up_assignee",
            FieldName::Stance => "stance",
            FieldName::OpinionText => "opinion_text",
            FieldName::MeetingKind => "meeting_kind",
            FieldName::MeetingDate => "meeting_date",
            FieldName::Participants => "participants",
            FieldName::Absent => "absent",
        }
    }
}

/// How a field is entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", content = "choices", rename_all = "snake_case")]
pub enum FieldInput {
    /// Free text, one entry per line.
    Lines,
    /// One line of text.
    Text,
    /// A date (YYYY-MM-DD).
    Date,
    /// A whole number of at least 1.
    Count,
    /// A signature drawn with a finger or pen (its strokes as an SVG path).
    Signature,
    /// Each of these lines ticked; the ticked lines are sent one per line.
    Checklist(Vec<String>),
    /// One of these.
    Choice(Vec<Choice>),
}

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Choice {
    /// 准予 (true) or 不予 (false).
    Approved {
        /// Which.
        approved: bool,
    },
    /// A delivery method.
    Method {
        /// Which.
        method: DeliveryMethod,
    },
    /// A stage of service to evaluate.
    Stage {
        /// Which.
        stage: super::evaluation::EvaluationStage,
    },
    /// A 好差评 level, 5 (非常满意) to 1 (非常不满意).
    Level {
        /// Which.
        level: u8,
    },
    /// A hand-over line waiting for its receiver's confirmation.
    LedgerLine {
        /// Its position in the ledger.
        line: usize,
        /// What it says.
        label: String,
    },
    /// A responsible department's packet of a joint case.
    Packet {
        /// The department.
        department: String,
        /// The names of the materials in it.
        materials: Vec<String>,
    },
    /// A responsible department of a joint item.
    Department {
        /// Its name.
        name: String,
    },
    /// A department's stance.
    Stance {
        /// Which.
        stance: Stance,
    },
    /// A joint meeting or a joint inspection.
    Meeting {
        /// Which.
        kind: MeetingKind,
    },
    /// A tolerated material still to supply.
    Material {
        /// Its id.
        id: String,
        /// Its name.
        name: String,
    },
}

impl Choice {
    /// The value sent for this option.
    pub fn value(&self) -> String {
        match self {
            Choice::Approved { approved: true } => "approved".into(),
            Choice::Approved { approved: false } => "denied".into(),
            Choice::Method { method } => delivery_name(*method).into(),
            Choice::Level { level } => level.to_string(),
            Choice::Stage { stage } => stage.name().into(),
            Choice::Material { id, .. } => id.clone(),
            Choice::LedgerLine { line, .. } => line.to_string(),
            Choice::Department { name } => name.clone(),
            Choice::Packet { department, .. } => department.clone(),
            Choice::Stance { stance } => match stance {
                Stance::Agree => "agree",
                Stance::AgreeWithConditions => "agree_with_conditions",
                Stance::Disagree => "disagree",
            }
            .into(),
            Choice::Meeting { kind } => match kind {
                MeetingKind::Meeting => "meeting",
                MeetingKind::Inspection => "inspection",
            }
            .into(),
        }
    }
}

fn delivery_name(m: DeliveryMethod) -> &'static str {
    match m {
        DeliveryMethod::Window => "window",
        DeliveryMethod::Locker => "locker",
        DeliveryMethod::Post => "post",
    }
}

/// One field of a step's form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StepField {
    /// Which field.
    pub name: FieldName,
    /// How it is entered.
    pub input: FieldInput,
    /// Whether it must be filled (some are required only with a certain choice: a denial
    /// needs reasons, a posted result its tracking number; [`build_event`] says so).
    pub required: bool,
    /// Shown only while another field has this value (e.g. the signature only for a
    /// hand-out at the window).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown_when: Option<(FieldName, String)>,
    /// What the form starts with, e.g. the delivery the applicant chose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

impl StepField {
    fn when(mut self, field: FieldName, value: &str) -> StepField {
        self.shown_when = Some((field, value.to_string()));
        self
    }

    fn starting_with(mut self, value: Option<String>) -> StepField {
        self.default = value;
        self
    }

    /// Whether the field applies to what is typed so far.
    pub fn shown(&self, input: &StepInput) -> bool {
        self.shown_when
            .as_ref()
            .is_none_or(|(f, v)| input.get(f).map(|s| s.trim()) == Some(v.as_str()))
    }
}

/// A step the case may take now, with its form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StepForm {
    /// Which step.
    pub step: EventType,
    /// Its fields, in order.
    pub fields: Vec<StepField>,
}

/// What a clerk typed into a step's form, by field.
pub type StepInput = BTreeMap<FieldName, String>;

/// The steps a clerk may record now on the case's page, each with its form.
pub fn step_forms(rec: &CaseRecord, item: Option<&ServiceItem>) -> Vec<StepForm> {
    EventType::ALL
        .iter()
        .filter(|t| t.recorded_on_the_case_page() && t.allowed(rec) && t.applies(rec, item))
        .map(|t| StepForm {
            step: *t,
            fields: t.fields(rec, item),
        })
        .collect()
}

mod build;
pub use build::build_event;
