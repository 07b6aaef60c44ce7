//! Building the submission a browser sends from what it holds of a case, so that the
//! rules of what goes with it (the desk's marks and outcomes, the agent only while someone
//! acts for the applicant) are decided here and nowhere else.

use crate::bundle_flow::{bundle_outcomes, bundle_questionnaire};
use crate::condition::Answers;
use crate::outcome::{front_desk_outcome, Marks};
use crate::submission::{ApplicantInput, Channel, Claimed, Submission, SUBMISSION_VERSION};
use crate::Catalog;
use chrono::NaiveDateTime;

/// What a browser holds of a case before it is sent (a draft's content).
#[derive(Debug, Clone, Copy)]
pub struct CaseInHand<'a> {
    /// Pre-check or desk.
    pub channel: Channel,
    /// The item's or bundle's code.
    pub item: &'a str,
    /// The answers so far.
    pub answers: &'a Answers,
    /// The desk's marks.
    pub marks: &'a Marks,
    /// The applicant as entered.
    pub applicant: &'a ApplicantInput,
    /// The agent as entered, if any.
    pub agent: Option<&'a ApplicantInput>,
    /// The clerk's account at the desk.
    pub clerk: &'a str,
    /// The version of each item's guide the draft was made with.
    pub guide_versions: &'a std::collections::BTreeMap<String, String>,
    /// How the applicant wants the result.
    pub delivery: Option<&'a crate::submission::DeliveryChoice>,
    /// Whether the work started at a self-service terminal.
    pub via_terminal: bool,
}

/// The submission for `case`, sent at `at`: at the desk with its marks and the outcome
/// (or, for a bundle, each item's outcome) the clerk saw; online without marks and in the
/// applicant's name; the agent only while the answers say someone acts for the applicant.
/// `None` when the catalogue has no such item or bundle.
pub fn build_submission(
    catalog: &Catalog,
    case: CaseInHand<'_>,
    at: NaiveDateTime,
) -> Option<Submission> {
    let bundle = catalog.bundle(case.item);
    let item = match bundle {
        Some(_) => bundle_questionnaire(catalog, case.item)?,
        None => catalog.item(case.item)?.clone(),
    };
    let at_desk = case.channel == Channel::Desk;
    let claimed = Claimed {
        outcome: (at_desk && bundle.is_none())
            .then(|| front_desk_outcome(&item, case.answers, case.marks).ok())
            .flatten(),
        deadlines: vec![],
        outcomes: match bundle {
            Some(b) if at_desk => {
                bundle_outcomes(catalog, b, case.answers, case.marks).unwrap_or_default()
            }
            _ => vec![],
        },
    };
    Some(Submission {
        schema_version: SUBMISSION_VERSION,
        channel: case.channel,
        item: case.item.to_string(),
        answers: case.answers.clone(),
        marks: if at_desk {
            case.marks.clone()
        } else {
            Marks::new()
        },
        applicant: case.applicant.clone(),
        agent: item
            .acting_for_applicant(case.answers)
            .then(|| case.agent.cloned())
            .flatten(),
        submitted_at: at,
        actor: if at_desk {
            case.clerk.to_string()
        } else {
            "applicant".into()
        },
        claimed,
        guide_versions: case.guide_versions.clone(),
        delivery: case.delivery.cloned(),
        via_terminal: case.via_terminal,
    })
}
