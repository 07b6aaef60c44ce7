//! A case (办件) from receipt to archive: its events, the state they lead to, and every
//! deadline it has.
//!
//! The events are the only record. The state, the deadlines and the hand-over ledger are
//! derived from them by [`replay`] and [`deadlines`], the same way in the browser and on
//! the server, so the two always agree.

pub mod access;
pub mod applicant;
mod deadlines;
pub mod evaluation;
pub mod facts;
pub mod joint;
mod lifecycle;
mod notices;
mod relay;
mod steps;
mod view;

pub use deadlines::{
    deadlines, due_status, CaseDeadline, CaseDeadlines, DeadlineKind, DeadlineSettings, DueStatus,
    Limits,
};
pub use lifecycle::{
    allowed_events, replay, state_name, uncollected, waiting_for_tolerated, CaseRecord, Slip,
    Suspension, TransitionError,
};
pub use notices::Stage;
pub use relay::{relay, Relay};
pub use steps::{
    build_event, open_tolerated, pending_corrections, step_forms, unconfirmed_lines, Choice,
    EventType, FieldInput, FieldName, StepField, StepForm, StepInput,
};
pub use view::{record_step, view, CaseView, Recorded, Recorder, StepRefused, StepRequest};

use crate::catalog::DeliveryMethod;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Where a case stands (see the lifecycle in ARCHITECTURE.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// 网上预审: pre-checked online, not yet received.
    PreChecked,
    /// 已收件: received; the back office decides on acceptance.
    Received,
    /// 已受理.
    Accepted,
    /// 不予受理.
    NotAccepted,
    /// 补正中: waiting for the applicant to correct or complete.
    CorrectionRequested,
    /// 审查中.
    UnderReview,
    /// 特别程序中: its days do not count.
    SpecialProcedure,
    /// 拟不予许可: a reviewer filed a refusal (否定备案), waiting for the lead's approval.
    RefusalPending,
    /// 已办结: decided, approved (准予) or denied (不予).
    Decided {
        /// Whether the application was approved.
        approved: bool,
    },
    /// 已出件.
    Delivered {
        /// How the result was handed out.
        method: DeliveryMethod,
    },
    /// 已评价.
    Evaluated,
    /// 已归档.
    Archived,
}

/// Who acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The applicant (申请人), e.g. for an online pre-check.
    Applicant,
    /// Front desk (前台).
    Clerk,
    /// Middle office (中台).
    Support,
    /// Back office reviewer (后台审批).
    Reviewer,
    /// The department's lead or chief representative (首席事务代表), who approves
    /// extensions and refusals.
    Lead,
    /// The centre's supervisor (政务服务管理机构).
    Supervisor,
}

/// One thing that happened to a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Event {
    /// When (local time of the service centre).
    pub at: NaiveDateTime,
    /// Who (name or account).
    pub actor: String,
    /// In which role.
    pub role: Role,
    /// A free note.
    #[serde(default)]
    pub note: String,
    /// What happened.
    pub kind: EventKind,
    /// When the device recorded it, for desk work done offline and sent later (`at` is
    /// always the server's clock); shown on the case as "recorded on the device at".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_at: Option<NaiveDateTime>,
}

/// A material accepted as missing (容缺) and the working days allowed to supply it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ToleratedMaterial {
    /// The material's id in the item's checklist.
    pub material: String,
    /// Working days after acceptance to supply it.
    pub supply_days: u32,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// 网上预审 submitted.
    PreChecked,
    /// 收件: the papers were received.
    Received,
    /// 受理, possibly with tolerated gaps (容缺受理).
    Accepted {
        /// Materials accepted as missing.
        #[serde(default)]
        tolerated: Vec<ToleratedMaterial>,
    },
    /// 不予受理, with the reasons given.
    NotAccepted {
        /// The concrete reasons.
        reasons: Vec<String>,
    },
    /// 一次性告知 / 补正: every missing or defective material at once.
    CorrectionRequested {
        /// What to supply or correct.
        items: Vec<String>,
    },
    /// The correction was handed in.
    CorrectionReceived,
    /// The back office started its review.
    ReviewStarted,
    /// 特别程序 started (inspection, expert review, hearing, testing…).
    SpecialProcedureStarted {
        /// Which procedure.
        procedure: String,
        /// When it is planned to end.
        planned_end: chrono::NaiveDate,
    },
    /// The special procedure ended.
    SpecialProcedureEnded,
    /// 延期 (Administrative Licensing Law Art. 42), with reason and approver.
    Extended {
        /// Why.
        reason: String,
        /// Who approved it (负责人).
        approver: String,
    },
    /// The applicant's choice of how to receive the result (出件方式): window, locker or
    /// post (with the address); changeable until the result is handed out.
    DeliveryChosen {
        /// Window, locker or post.
        method: DeliveryMethod,
        /// The postal address, for post.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        address: Option<String>,
    },
    /// The case's owner (首办负责人) hands it to another clerk, with a reason.
    OwnerChanged {
        /// The new owner's account.
        to: String,
        /// Why.
        reason: String,
    },
    /// 审查意见: a reviewer's points on the papers; they go into the next correction
    /// request, merged with every other reviewer's (一次性补正).
    ReviewOpinion {
        /// What must be corrected or supplied, one point each ("材料：问题").
        points: Vec<String>,
    },
    /// The receiver of a hand-over confirms that the papers arrived (资料流转台账).
    HandoverConfirmed {
        /// The ledger line (0-based).
        line: usize,
    },
    /// 否定备案登记: a reviewer proposes to deny, with reasons and their legal basis; the
    /// department's lead approves or returns it.
    RefusalProposed {
        /// The concrete reasons.
        reasons: Vec<String>,
        /// The legal basis of the denial.
        legal_basis: String,
    },
    /// The lead approved the filed refusal: the case is decided, denied, with the filed
    /// reasons (the decision notice lists them).
    RefusalApproved,
    /// The lead returned the filed refusal for another review.
    RefusalReturned {
        /// Why.
        reason: String,
    },
    /// 办结: approved or denied.
    Decided {
        /// 准予 or 不予.
        approved: bool,
        /// Reasons (required when denied).
        #[serde(default)]
        reasons: Vec<String>,
    },
    /// 部门意见 (联办件): a responsible department's opinion on a joint case.
    DepartmentOpinion {
        /// The department.
        department: String,
        /// Agree, agree with conditions, or disagree.
        stance: Stance,
        /// The conditions, or the reasons for disagreeing, one each.
        #[serde(default)]
        text: Vec<String>,
    },
    /// 联席会议 or 联合踏勘 scheduled by the lead department, with the departments invited.
    JointMeetingScheduled {
        /// A meeting or a joint inspection.
        kind: MeetingKind,
        /// Its day.
        on: chrono::NaiveDate,
        /// The responsible departments invited.
        participants: Vec<String>,
    },
    /// The joint meeting or inspection was held; who stayed away (缺席默认 may apply).
    JointMeetingHeld {
        /// The invited departments that were absent.
        #[serde(default)]
        absent: Vec<String>,
    },
    /// 默认同意: a department counted as consenting, recorded by the core when the lead
    /// decides (its deadline passed unanswered, or it missed the joint meeting).
    DefaultConsent {
        /// The department.
        department: String,
        /// Why.
        by: DefaultBy,
    },
    /// 交接单: the back office hands the result documents to the issuing window and lists
    /// the papers the window must collect from or check with the applicant at 出件. A later
    /// slip replaces an earlier one.
    SlipPrepared {
        /// The result documents handed to the window, one per line (e.g. "食品经营许可证
        /// 正本1份、副本1份").
        results: Vec<String>,
        /// The papers to collect or check at 出件, one each ("名称：要求").
        #[serde(default)]
        collect: Vec<String>,
    },
    /// 出件.
    Delivered {
        /// Window, locker or post.
        method: DeliveryMethod,
        /// Postal tracking number when posted.
        #[serde(default)]
        tracking: Option<String>,
        /// How it was handed over: who collected it at the window and their signature,
        /// the locker slot and pickup code, or the postal address (absent in older
        /// records).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        handout: Option<Handout>,
        /// The papers of the hand-over slip collected or checked at 出件.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        collected: Vec<String>,
    },
    /// 好差评: 1 (非常不满意) to 5 (非常满意), of one stage of service.
    Evaluated {
        /// The stage evaluated (older records: the hand-out).
        #[serde(default)]
        stage: evaluation::EvaluationStage,
        /// The level, 1–5.
        level: u8,
        /// An optional comment.
        #[serde(default)]
        comment: Option<String>,
        /// For the two lowest levels (差评), the reasons chosen from
        /// [`evaluation::POOR_REASONS`].
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        reasons: Vec<String>,
    },
    /// 差评整改 under way: who it is assigned to (when it changes) and what was done
    /// so far. The centre's record; the applicant sees the result when it is closed.
    FollowUpNoted {
        /// The stage whose poor evaluation it follows up.
        stage: evaluation::EvaluationStage,
        /// The account it is assigned to from now on, if this step assigns it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        assigned_to: Option<String>,
        /// What was done.
        action: String,
    },
    /// 差评整改: the follow-up of a poor evaluation closed, with what was done (the
    /// applicant sees it on the status page).
    FollowUpClosed {
        /// The stage whose poor evaluation it follows up (older records: the hand-out).
        #[serde(default)]
        stage: evaluation::EvaluationStage,
        /// What was found and rectified.
        result: String,
    },
    /// A material accepted as missing (容缺) was supplied.
    ToleratedSupplied {
        /// The material's id.
        material: String,
    },
    /// 归档.
    Archived,
    /// A hand-over of papers between offices (资料流转台账); does not change the state.
    HandedOver(Handover),
}

/// A responsible department's opinion (部门意见).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// 同意.
    Agree,
    /// 附条件同意.
    AgreeWithConditions,
    /// 不同意, with reasons.
    Disagree,
}

/// Why a department counts as consenting without an opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DefaultBy {
    /// 超时默认: no answer by its step's deadline.
    Timeout,
    /// 缺席默认: absent from the joint meeting.
    Absence,
}

/// A joint meeting or a joint inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// 联席会议.
    Meeting,
    /// 联合踏勘.
    Inspection,
}

/// How a result was handed out (出件记录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Handout {
    /// At the window: who collected it, signing on the tablet.
    Window {
        /// The applicant or the agent, by name.
        collected_by: String,
        /// The signature as drawn, or why there is none.
        signature: Signature,
    },
    /// In a self-service locker.
    Locker {
        /// The locker slot.
        slot: String,
        /// The code the applicant opens it with (sent to their mobile).
        pickup_code: String,
    },
    /// By post.
    Post {
        /// The address it was posted to.
        address: String,
    },
}

/// A signature drawn on the tablet, or the reason there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Signature {
    /// The strokes as an SVG path (`M x y L x y …`, in a 600×200 box).
    Drawn {
        /// The path.
        path: String,
    },
    /// Not signed, and why (e.g. the applicant cannot write; identity checked).
    Declined {
        /// Why.
        reason: String,
    },
}

/// One line of the material hand-over ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Handover {
    /// Receiving department.
    pub department: String,
    /// Kind of material handed over.
    pub material: String,
    /// Number of copies.
    pub copies: u32,
    /// Who handed over.
    pub from: String,
    /// Who received.
    pub to: String,
}

#[cfg(test)]
mod tests;
