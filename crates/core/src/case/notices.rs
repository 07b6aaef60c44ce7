//! Which notices a step of a case produces: one table for the front desk's outcome
//! (`Outcome::notices` asks it with `Stage::FrontDesk`) and for every later step.

use super::EventKind;
use crate::notice::NoticeKind;

/// Where a step is recorded: it decides which notice a correction request produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// At the front desk's review of the papers (形式审查), as the case is received.
    FrontDesk,
    /// On the case's page, after receipt.
    Later,
}

impl EventKind {
    /// The notices this event calls for at `stage`, in the order they are handed out.
    /// This is the one table of which step produces which notice; the front desk's
    /// outcome uses it through `Outcome::notices`.
    pub fn notices_at(&self, stage: Stage) -> Vec<NoticeKind> {
        match self {
            EventKind::Received => vec![NoticeKind::Receipt],
            EventKind::Accepted { tolerated } if tolerated.is_empty() => {
                vec![NoticeKind::Acceptance]
            }
            EventKind::Accepted { .. } => {
                vec![NoticeKind::Acceptance, NoticeKind::ToleranceCommitment]
            }
            EventKind::NotAccepted { .. } => vec![NoticeKind::Refusal],
            // 一次性告知书 at the desk; a 补正通知 once the case is in the back office.
            EventKind::CorrectionRequested { .. } => match stage {
                Stage::FrontDesk => vec![NoticeKind::OneTimeNotice],
                Stage::Later => vec![NoticeKind::Correction],
            },
            EventKind::SpecialProcedureStarted { .. } => vec![NoticeKind::SpecialProcedure],
            EventKind::Decided { .. } | EventKind::RefusalApproved => vec![NoticeKind::Completion],
            EventKind::SlipPrepared { .. } => vec![NoticeKind::HandoverSlip],
            EventKind::PreChecked
            | EventKind::DepartmentOpinion { .. }
            | EventKind::JointMeetingScheduled { .. }
            | EventKind::JointMeetingHeld { .. }
            | EventKind::DefaultConsent { .. }
            | EventKind::CorrectionReceived
            | EventKind::ReviewStarted
            | EventKind::SpecialProcedureEnded
            | EventKind::Extended { .. }
            | EventKind::RefusalProposed { .. }
            | EventKind::ReviewOpinion { .. }
            | EventKind::OwnerChanged { .. }
            | EventKind::DeliveryChosen { .. }
            | EventKind::HandoverConfirmed { .. }
            | EventKind::RefusalReturned { .. }
            | EventKind::Delivered { .. }
            | EventKind::Evaluated { .. }
            | EventKind::FollowUpClosed { .. }
            | EventKind::FollowUpNoted { .. }
            | EventKind::ToleratedSupplied { .. }
            | EventKind::Archived
            | EventKind::HandedOver(_) => vec![],
        }
    }

    /// The notices this event calls for at `stage` for a case of `item`: a joint item's
    /// acceptance also prints the 审批流程表.
    pub fn notices_for(&self, stage: Stage, item: Option<&crate::ServiceItem>) -> Vec<NoticeKind> {
        let mut kinds = self.notices_at(stage);
        if matches!(self, EventKind::Accepted { .. })
            && item.is_some_and(|i| !i.responsible_departments.is_empty())
        {
            kinds.push(NoticeKind::ApprovalSchedule);
        }
        kinds
    }

    /// The notices this event calls for when recorded on the case's page.
    pub fn notices(&self) -> Vec<NoticeKind> {
        self.notices_at(Stage::Later)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_with_a_notice_produces_it() {
        assert_eq!(
            EventKind::CorrectionRequested { items: vec![] }.notices(),
            vec![NoticeKind::Correction]
        );
        assert_eq!(
            EventKind::Decided {
                approved: false,
                reasons: vec!["x".into()]
            }
            .notices(),
            vec![NoticeKind::Completion]
        );
        assert_eq!(
            EventKind::Accepted {
                tolerated: vec![super::super::ToleratedMaterial {
                    material: "m".into(),
                    supply_days: 5
                }]
            }
            .notices(),
            vec![NoticeKind::Acceptance, NoticeKind::ToleranceCommitment]
        );
        assert!(EventKind::Archived.notices().is_empty());
    }
}
