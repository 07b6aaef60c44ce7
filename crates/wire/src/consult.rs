//! The guidance desk's consultations (导办咨询) and the questions it sends to an item's
//! back office (后援式答疑), with their answers.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// `POST /api/desk/consultations`: one consultation on an item, counted for supervision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsultationRequest {
    /// The item's code.
    pub item: String,
}

/// A consultation as counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConsultationRecorded {
    /// Its number.
    pub id: i64,
    /// When, by the server's clock.
    pub at: NaiveDateTime,
}

/// `POST /api/desk/enquiries`: a question the desk cannot answer, for the item's back
/// office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EnquiryRequest {
    /// The item's code.
    pub item: String,
    /// The question, as the applicant asked it (no personal data needed).
    pub question: String,
}

/// `POST /api/desk/enquiries/{id}/answer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EnquiryAnswer {
    /// The back office's answer.
    pub answer: String,
}

/// A question sent to the back office, and its answer once given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Enquiry {
    /// Its number.
    pub id: i64,
    /// The item's code.
    pub item: String,
    /// The item's name.
    pub item_name: String,
    /// The department that answers (the item's).
    pub department: String,
    /// The question.
    pub question: String,
    /// Who asked (the guidance desk's clerk).
    pub asked_by: String,
    /// When.
    pub asked_at: NaiveDateTime,
    /// When the answer is due (the end of the next working day).
    pub due: NaiveDateTime,
    /// The answer, once given.
    pub answer: Option<String>,
    /// Who answered.
    pub answered_by: Option<String>,
    /// When.
    pub answered_at: Option<NaiveDateTime>,
    /// Answered after `due`, or still open past it.
    pub late: bool,
}

/// `GET /api/desk/enquiries`: the questions the caller asked, and those its departments
/// are to answer, open ones first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EnquiryList {
    /// Asked by the caller.
    pub asked: Vec<Enquiry>,
    /// For the caller's departments to answer (back office posts only).
    pub to_answer: Vec<Enquiry>,
}

/// `POST /api/help`: a terminal calls a member of staff (呼叫工作人员).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HelpRequest {
    /// Where the terminal stands (set when it was installed: `?terminal=1&place=…`).
    pub place: String,
    /// The item on screen, if any.
    #[serde(default)]
    pub item: Option<String>,
}

/// A call for help as the desk sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HelpCall {
    /// Its number.
    pub id: i64,
    /// Where.
    pub place: String,
    /// The item's name, if one was on screen.
    pub item_name: Option<String>,
    /// When, by the server's clock.
    pub called_at: NaiveDateTime,
    /// Who went, once someone did.
    pub handled_by: Option<String>,
}

/// `GET /api/desk/help`: the calls not handled yet, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HelpCalls {
    /// Waiting for someone.
    pub open: Vec<HelpCall>,
}
