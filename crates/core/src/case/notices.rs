//! Which notices a step of a case produces (domain.md §5): the desk's outcome has its own
//! list (`Outcome::notices`); later steps produce theirs here.

use super::EventKind;
use crate::notice::NoticeKind;

impl EventKind {
    /// The notices this event calls for, in the order they are handed out.
    pub fn notices(&self) -> Vec<NoticeKind> {
        match self {
            EventKind::Received => vec![NoticeKind::Receipt],
            EventKind::Accepted { tolerated } if tolerated.is_empty() => {
                vec![NoticeKind::Acceptance]
            }
            EventKind::Accepted { .. } => {
                vec![NoticeKind::Acceptance, NoticeKind::ToleranceCommitment]
            }
            EventKind::NotAccepted { .. } => vec![NoticeKind::Refusal],
            EventKind::CorrectionRequested { .. } => vec![NoticeKind::Correction],
            EventKind::SpecialProcedureStarted { .. } => vec![NoticeKind::SpecialProcedure],
            EventKind::Decided { .. } => vec![NoticeKind::Completion],
            EventKind::PreChecked
            | EventKind::CorrectionReceived
            | EventKind::ReviewStarted
            | EventKind::SpecialProcedureEnded
            | EventKind::Extended { .. }
            | EventKind::Delivered { .. }
            | EventKind::Evaluated { .. }
            | EventKind::ToleratedSupplied { .. }
            | EventKind::Archived
            | EventKind::HandedOver(_) => vec![],
        }
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
