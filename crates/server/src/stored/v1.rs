//! Version 1 of a case row's JSON columns: the events and the front desk's outcome, as
//! they have been written since the first release. These types are the stored format's
//! own, frozen: a change of the core's serde form cannot change what is on disk, and a
//! new field or variant in the core fails to compile here until its stored form is
//! decided (then as version 2, with an upgrade from this one).

use chrono::{NaiveDate, NaiveDateTime};
use onewindow_core::case as core_case;
use onewindow_core::catalog::DeliveryMethod as CoreDelivery;
use onewindow_core::checklist::Refusal as CoreRefusal;
use onewindow_core::outcome as core_outcome;
use serde::{Deserialize, Serialize};

/// One event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    at: NaiveDateTime,
    actor: String,
    role: Role,
    #[serde(default)]
    note: String,
    kind: EventKind,
    // Added within version 1: absent in older rows and in rows without device time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    device_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Role {
    Applicant,
    Clerk,
    Support,
    Reviewer,
    // Added within version 1: a new post, older rows never name it.
    Lead,
    Supervisor,
}

/// Mirrors a core enum of unit variants in the stored format, both ways.
macro_rules! mirror {
    ($name:ident, $core:path, $($v:ident),+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum $name {
            $($v),+
        }
        impl From<$core> for $name {
            fn from(x: $core) -> Self {
                use $core as C;
                match x {
                    $(C::$v => $name::$v),+
                }
            }
        }
        impl From<$name> for $core {
            fn from(x: $name) -> Self {
                use $core as C;
                match x {
                    $($name::$v => C::$v),+
                }
            }
        }
    };
}

mirror!(
    Stance,
    core_case::Stance,
    Agree,
    AgreeWithConditions,
    Disagree
);
mirror!(DefaultBy, core_case::DefaultBy, Timeout, Absence);
mirror!(MeetingKind, core_case::MeetingKind, Meeting, Inspection);
mirror!(
    Stage,
    onewindow_core::case::evaluation::EvaluationStage,
    Acceptance,
    Handout
);

/// Added within version 1: evaluations before it were all of the hand-out.
impl Default for Stage {
    fn default() -> Self {
        Stage::Handout
    }
}

impl Stage {
    fn is_handout(&self) -> bool {
        *self == Stage::Handout
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Delivery {
    Window,
    Locker,
    Post,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Tolerated {
    material: String,
    supply_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Handover {
    department: String,
    material: String,
    copies: u32,
    from: String,
    to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum EventKind {
    PreChecked,
    Received,
    Accepted {
        #[serde(default)]
        tolerated: Vec<Tolerated>,
    },
    NotAccepted {
        reasons: Vec<String>,
    },
    CorrectionRequested {
        items: Vec<String>,
    },
    CorrectionReceived,
    ReviewStarted,
    SpecialProcedureStarted {
        procedure: String,
        planned_end: NaiveDate,
    },
    SpecialProcedureEnded,
    Extended {
        reason: String,
        approver: String,
    },
    // Added within version 1 (older rows never name them): review opinions, hand-over
    // confirmations, 否定备案.
    ReviewOpinion {
        points: Vec<String>,
    },
    OwnerChanged {
        to: String,
        reason: String,
    },
    DeliveryChosen {
        method: Delivery,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        address: Option<String>,
    },
    HandoverConfirmed {
        line: usize,
    },
    RefusalProposed {
        reasons: Vec<String>,
        legal_basis: String,
    },
    RefusalApproved,
    RefusalReturned {
        reason: String,
    },
    Decided {
        approved: bool,
        #[serde(default)]
        reasons: Vec<String>,
    },
    Delivered {
        method: Delivery,
        #[serde(default)]
        tracking: Option<String>,
        // Added within version 1: absent in older rows.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        handout: Option<Handout>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        collected: Vec<String>,
    },
    DepartmentOpinion {
        department: String,
        stance: Stance,
        #[serde(default)]
        text: Vec<String>,
    },
    JointMeetingScheduled {
        kind: MeetingKind,
        on: chrono::NaiveDate,
        participants: Vec<String>,
    },
    JointMeetingHeld {
        #[serde(default)]
        absent: Vec<String>,
    },
    DefaultConsent {
        department: String,
        by: DefaultBy,
    },
    SlipPrepared {
        results: Vec<String>,
        #[serde(default)]
        collect: Vec<String>,
    },
    Evaluated {
        // Absent for the hand-out, so rows read and write as before the stages.
        #[serde(default, skip_serializing_if = "Stage::is_handout")]
        stage: Stage,
        level: u8,
        #[serde(default)]
        comment: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        reasons: Vec<String>,
    },
    FollowUpClosed {
        #[serde(default, skip_serializing_if = "Stage::is_handout")]
        stage: Stage,
        result: String,
    },
    FollowUpNoted {
        stage: Stage,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        assigned_to: Option<String>,
        action: String,
    },
    ToleratedSupplied {
        material: String,
    },
    Archived,
    HandedOver(Handover),
}

/// How a result was handed out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
enum Handout {
    Window {
        collected_by: String,
        signature: Signature,
    },
    Locker {
        slot: String,
        pickup_code: String,
    },
    Post {
        address: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Signature {
    Drawn { path: String },
    Declined { reason: String },
}

impl From<&core_case::Handout> for Handout {
    fn from(h: &core_case::Handout) -> Self {
        use core_case::Signature as S;
        match h {
            core_case::Handout::Window {
                collected_by,
                signature,
            } => Handout::Window {
                collected_by: collected_by.clone(),
                signature: match signature {
                    S::Drawn { path } => Signature::Drawn { path: path.clone() },
                    S::Declined { reason } => Signature::Declined {
                        reason: reason.clone(),
                    },
                },
            },
            core_case::Handout::Locker { slot, pickup_code } => Handout::Locker {
                slot: slot.clone(),
                pickup_code: pickup_code.clone(),
            },
            core_case::Handout::Post { address } => Handout::Post {
                address: address.clone(),
            },
        }
    }
}

impl From<Handout> for core_case::Handout {
    fn from(h: Handout) -> Self {
        use core_case::Signature as S;
        match h {
            Handout::Window {
                collected_by,
                signature,
            } => core_case::Handout::Window {
                collected_by,
                signature: match signature {
                    Signature::Drawn { path } => S::Drawn { path },
                    Signature::Declined { reason } => S::Declined { reason },
                },
            },
            Handout::Locker { slot, pickup_code } => {
                core_case::Handout::Locker { slot, pickup_code }
            }
            Handout::Post { address } => core_case::Handout::Post { address },
        }
    }
}

/// The front desk's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Outcome {
    /// 受理.
    Accepted,
    /// 容缺受理.
    AcceptedWithTolerated {
        /// What to supply later.
        tolerated: Vec<ToleratedGap>,
    },
    /// 一次性告知.
    Incomplete {
        /// Every gap.
        gaps: Vec<Gap>,
        /// What could be tolerated once the gaps are closed.
        tolerable: Vec<ToleratedGap>,
    },
    /// 不予受理.
    NotAccepted {
        /// The reasons.
        reasons: Vec<Refusal>,
    },
    /// 收件.
    ReceivedOnly,
}

/// A gap, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    material: String,
    name: String,
    problem: String,
    bring: String,
}

/// A tolerated material, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToleratedGap {
    material: String,
    name: String,
    supply_days: u32,
}

/// A reason for refusing, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    reason: String,
    legal_basis: String,
}

impl From<&core_case::Role> for Role {
    fn from(r: &core_case::Role) -> Self {
        match r {
            core_case::Role::Applicant => Role::Applicant,
            core_case::Role::Clerk => Role::Clerk,
            core_case::Role::Support => Role::Support,
            core_case::Role::Reviewer => Role::Reviewer,
            core_case::Role::Lead => Role::Lead,
            core_case::Role::Supervisor => Role::Supervisor,
        }
    }
}

impl From<Role> for core_case::Role {
    fn from(r: Role) -> Self {
        match r {
            Role::Applicant => core_case::Role::Applicant,
            Role::Clerk => core_case::Role::Clerk,
            Role::Support => core_case::Role::Support,
            Role::Reviewer => core_case::Role::Reviewer,
            Role::Lead => core_case::Role::Lead,
            Role::Supervisor => core_case::Role::Supervisor,
        }
    }
}

impl From<CoreDelivery> for Delivery {
    fn from(m: CoreDelivery) -> Self {
        match m {
            CoreDelivery::Window => Delivery::Window,
            CoreDelivery::Locker => Delivery::Locker,
            CoreDelivery::Post => Delivery::Post,
        }
    }
}

impl From<Delivery> for CoreDelivery {
    fn from(m: Delivery) -> Self {
        match m {
            Delivery::Window => CoreDelivery::Window,
            Delivery::Locker => CoreDelivery::Locker,
            Delivery::Post => CoreDelivery::Post,
        }
    }
}

impl From<&core_case::Event> for Event {
    fn from(e: &core_case::Event) -> Self {
        use core_case::EventKind as K;
        let kind = match &e.kind {
            K::PreChecked => EventKind::PreChecked,
            K::Received => EventKind::Received,
            K::Accepted { tolerated } => EventKind::Accepted {
                tolerated: tolerated
                    .iter()
                    .map(|t| Tolerated {
                        material: t.material.clone(),
                        supply_days: t.supply_days,
                    })
                    .collect(),
            },
            K::NotAccepted { reasons } => EventKind::NotAccepted {
                reasons: reasons.clone(),
            },
            K::CorrectionRequested { items } => EventKind::CorrectionRequested {
                items: items.clone(),
            },
            K::CorrectionReceived => EventKind::CorrectionReceived,
            K::ReviewStarted => EventKind::ReviewStarted,
            K::SpecialProcedureStarted {
                procedure,
                planned_end,
            } => EventKind::SpecialProcedureStarted {
                procedure: procedure.clone(),
                planned_end: *planned_end,
            },
            K::SpecialProcedureEnded => EventKind::SpecialProcedureEnded,
            K::Extended { reason, approver } => EventKind::Extended {
                reason: reason.clone(),
                approver: approver.clone(),
            },
            K::RefusalProposed {
                reasons,
                legal_basis,
            } => EventKind::RefusalProposed {
                reasons: reasons.clone(),
                legal_basis: legal_basis.clone(),
            },
            K::RefusalApproved => EventKind::RefusalApproved,
            K::ReviewOpinion { points } => EventKind::ReviewOpinion {
                points: points.clone(),
            },
            K::DeliveryChosen { method, address } => EventKind::DeliveryChosen {
                method: (*method).into(),
                address: address.clone(),
            },
            K::OwnerChanged { to, reason } => EventKind::OwnerChanged {
                to: to.clone(),
                reason: reason.clone(),
            },
            K::HandoverConfirmed { line } => EventKind::HandoverConfirmed { line: *line },
            K::RefusalReturned { reason } => EventKind::RefusalReturned {
                reason: reason.clone(),
            },
            K::Decided { approved, reasons } => EventKind::Decided {
                approved: *approved,
                reasons: reasons.clone(),
            },
            K::Delivered {
                method,
                tracking,
                handout,
                collected,
            } => EventKind::Delivered {
                method: (*method).into(),
                tracking: tracking.clone(),
                handout: handout.as_ref().map(Handout::from),
                collected: collected.clone(),
            },
            K::DepartmentOpinion {
                department,
                stance,
                text,
            } => EventKind::DepartmentOpinion {
                department: department.clone(),
                stance: (*stance).into(),
                text: text.clone(),
            },
            K::JointMeetingScheduled {
                kind,
                on,
                participants,
            } => EventKind::JointMeetingScheduled {
                kind: (*kind).into(),
                on: *on,
                participants: participants.clone(),
            },
            K::JointMeetingHeld { absent } => EventKind::JointMeetingHeld {
                absent: absent.clone(),
            },
            K::DefaultConsent { department, by } => EventKind::DefaultConsent {
                department: department.clone(),
                by: (*by).into(),
            },
            K::SlipPrepared { results, collect } => EventKind::SlipPrepared {
                results: results.clone(),
                collect: collect.clone(),
            },
            K::Evaluated {
                stage,
                level,
                comment,
                reasons,
            } => EventKind::Evaluated {
                stage: (*stage).into(),
                level: *level,
                comment: comment.clone(),
                reasons: reasons.clone(),
            },
            K::FollowUpClosed { stage, result } => EventKind::FollowUpClosed {
                stage: (*stage).into(),
                result: result.clone(),
            },
            K::FollowUpNoted {
                stage,
                assigned_to,
                action,
            } => EventKind::FollowUpNoted {
                stage: (*stage).into(),
                assigned_to: assigned_to.clone(),
                action: action.clone(),
            },
            K::ToleratedSupplied { material } => EventKind::ToleratedSupplied {
                material: material.clone(),
            },
            K::Archived => EventKind::Archived,
            K::HandedOver(h) => EventKind::HandedOver(Handover {
                department: h.department.clone(),
                material: h.material.clone(),
                copies: h.copies,
                from: h.from.clone(),
                to: h.to.clone(),
            }),
        };
        Event {
            at: e.at,
            actor: e.actor.clone(),
            role: (&e.role).into(),
            note: e.note.clone(),
            kind,
            device_at: e.device_at,
        }
    }
}

impl From<Event> for core_case::Event {
    fn from(e: Event) -> Self {
        use core_case::EventKind as K;
        let kind = match e.kind {
            EventKind::PreChecked => K::PreChecked,
            EventKind::Received => K::Received,
            EventKind::Accepted { tolerated } => K::Accepted {
                tolerated: tolerated
                    .into_iter()
                    .map(|t| core_case::ToleratedMaterial {
                        material: t.material,
                        supply_days: t.supply_days,
                    })
                    .collect(),
            },
            EventKind::NotAccepted { reasons } => K::NotAccepted { reasons },
            EventKind::CorrectionRequested { items } => K::CorrectionRequested { items },
            EventKind::CorrectionReceived => K::CorrectionReceived,
            EventKind::ReviewStarted => K::ReviewStarted,
            EventKind::SpecialProcedureStarted {
                procedure,
                planned_end,
            } => K::SpecialProcedureStarted {
                procedure,
                planned_end,
            },
            EventKind::SpecialProcedureEnded => K::SpecialProcedureEnded,
            EventKind::Extended { reason, approver } => K::Extended { reason, approver },
            EventKind::RefusalProposed {
                reasons,
                legal_basis,
            } => K::RefusalProposed {
                reasons,
                legal_basis,
            },
            EventKind::RefusalApproved => K::RefusalApproved,
            EventKind::ReviewOpinion { points } => K::ReviewOpinion { points },
            EventKind::OwnerChanged { to, reason } => K::OwnerChanged { to, reason },
            EventKind::DeliveryChosen { method, address } => K::DeliveryChosen {
                method: method.into(),
                address,
            },
            EventKind::HandoverConfirmed { line } => K::HandoverConfirmed { line },
            EventKind::RefusalReturned { reason } => K::RefusalReturned { reason },
            EventKind::Decided { approved, reasons } => K::Decided { approved, reasons },
            EventKind::Delivered {
                method,
                tracking,
                handout,
                collected,
            } => K::Delivered {
                method: method.into(),
                tracking,
                handout: handout.map(Into::into),
                collected,
            },
            EventKind::SlipPrepared { results, collect } => K::SlipPrepared { results, collect },
            EventKind::DepartmentOpinion {
                department,
                stance,
                text,
            } => K::DepartmentOpinion {
                department,
                stance: stance.into(),
                text,
            },
            EventKind::JointMeetingScheduled {
                kind,
                on,
                participants,
            } => K::JointMeetingScheduled {
                kind: kind.into(),
                on,
                participants,
            },
            EventKind::JointMeetingHeld { absent } => K::JointMeetingHeld { absent },
            EventKind::DefaultConsent { department, by } => K::DefaultConsent {
                department,
                by: by.into(),
            },
            EventKind::Evaluated {
                stage,
                level,
                comment,
                reasons,
            } => K::Evaluated {
                stage: stage.into(),
                level,
                comment,
                reasons,
            },
            EventKind::FollowUpClosed { stage, result } => K::FollowUpClosed {
                stage: stage.into(),
                result,
            },
            EventKind::FollowUpNoted {
                stage,
                assigned_to,
                action,
            } => K::FollowUpNoted {
                stage: stage.into(),
                assigned_to,
                action,
            },
            EventKind::ToleratedSupplied { material } => K::ToleratedSupplied { material },
            EventKind::Archived => K::Archived,
            EventKind::HandedOver(h) => K::HandedOver(core_case::Handover {
                department: h.department,
                material: h.material,
                copies: h.copies,
                from: h.from,
                to: h.to,
            }),
        };
        core_case::Event {
            at: e.at,
            actor: e.actor,
            role: e.role.into(),
            note: e.note,
            kind,
            device_at: e.device_at,
        }
    }
}

fn gap_to_core(g: Gap) -> core_outcome::Gap {
    core_outcome::Gap {
        material: g.material,
        name: g.name,
        problem: g.problem,
        bring: g.bring,
    }
}

fn tolerated_to_core(t: ToleratedGap) -> core_outcome::ToleratedGap {
    core_outcome::ToleratedGap {
        material: t.material,
        name: t.name,
        supply_days: t.supply_days,
    }
}

fn tolerated_of(t: &core_outcome::ToleratedGap) -> ToleratedGap {
    ToleratedGap {
        material: t.material.clone(),
        name: t.name.clone(),
        supply_days: t.supply_days,
    }
}

impl From<&core_outcome::Outcome> for Outcome {
    fn from(o: &core_outcome::Outcome) -> Self {
        use core_outcome::Outcome as O;
        match o {
            O::Accepted => Outcome::Accepted,
            O::AcceptedWithTolerated { tolerated } => Outcome::AcceptedWithTolerated {
                tolerated: tolerated.iter().map(tolerated_of).collect(),
            },
            O::Incomplete { gaps, tolerable } => Outcome::Incomplete {
                gaps: gaps
                    .iter()
                    .map(|g| Gap {
                        material: g.material.clone(),
                        name: g.name.clone(),
                        problem: g.problem.clone(),
                        bring: g.bring.clone(),
                    })
                    .collect(),
                tolerable: tolerable.iter().map(tolerated_of).collect(),
            },
            O::NotAccepted { reasons } => Outcome::NotAccepted {
                reasons: reasons
                    .iter()
                    .map(|r| Refusal {
                        reason: r.reason.clone(),
                        legal_basis: r.legal_basis.clone(),
                    })
                    .collect(),
            },
            O::ReceivedOnly => Outcome::ReceivedOnly,
        }
    }
}

impl From<Outcome> for core_outcome::Outcome {
    fn from(o: Outcome) -> Self {
        use core_outcome::Outcome as O;
        match o {
            Outcome::Accepted => O::Accepted,
            Outcome::AcceptedWithTolerated { tolerated } => O::AcceptedWithTolerated {
                tolerated: tolerated.into_iter().map(tolerated_to_core).collect(),
            },
            Outcome::Incomplete { gaps, tolerable } => O::Incomplete {
                gaps: gaps.into_iter().map(gap_to_core).collect(),
                tolerable: tolerable.into_iter().map(tolerated_to_core).collect(),
            },
            Outcome::NotAccepted { reasons } => O::NotAccepted {
                reasons: reasons
                    .into_iter()
                    .map(|r| CoreRefusal {
                        reason: r.reason,
                        legal_basis: r.legal_basis,
                    })
                    .collect(),
            },
            Outcome::ReceivedOnly => O::ReceivedOnly,
        }
    }
}
