//! Where in the pre-check (`/apply/:id/:step`) a page is: one typed value instead of strings built in every
//! step. Its text form is the last part of `/apply/:id/:step` and what a draft stores.

use std::fmt;
use std::str::FromStr;

/// A step of the pre-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The first question not answered yet (or the applicant when none is left).
    Start,
    /// One question, by id.
    Question(String),
    /// The applicant's (and the agent's) details.
    Applicant,
    /// What to bring (at the desk: ticking each material).
    Checklist,
    /// Check everything, then submit.
    Review,
    /// The receipt.
    Done,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Start => f.write_str("start"),
            Step::Question(id) => write!(f, "q-{id}"),
            Step::Applicant => f.write_str("applicant"),
            Step::Checklist => f.write_str("checklist"),
            Step::Review => f.write_str("review"),
            Step::Done => f.write_str("done"),
        }
    }
}

impl FromStr for Step {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "" | "start" => Ok(Step::Start),
            "applicant" => Ok(Step::Applicant),
            "checklist" => Ok(Step::Checklist),
            "review" => Ok(Step::Review),
            "done" => Ok(Step::Done),
            other => match other.strip_prefix("q-") {
                Some(id) if !id.is_empty() => Ok(Step::Question(id.to_string())),
                _ => Err(format!("unknown step {other:?}")),
            },
        }
    }
}

/// The address of `step` of draft `id`.
pub fn step_url(id: &str, step: &Step) -> String {
    format!("/apply/{id}/{step}")
}
