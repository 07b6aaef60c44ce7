//! The bodies of the 办不成事 (complaint) routes: filing one, the reporter's view by number
//! and code, and the supervisors' list and closing.

use crate::body::ItemRef;
use chrono::{NaiveDate, NaiveDateTime};
use onewindow_core::case::CaseDeadline;
use onewindow_core::complaint::{ComplaintAction, ComplaintReport};
use serde::{Deserialize, Serialize};

/// A report as the applicant's phone or a terminal sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintRequest {
    /// The item, where, what happened, whom to call back.
    #[serde(flatten)]
    pub report: ComplaintReport,
    /// Whether a helper filed it at a self-service terminal.
    #[serde(default)]
    pub at_terminal: bool,
}

/// A filed complaint: its number and the code to follow it with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintFiled {
    /// E.g. `BC2026-000001`.
    pub number: String,
    /// The lookup code, to give with the number.
    pub code: String,
    /// When the centre must have answered it (working days).
    pub due: NaiveDate,
}

/// How a complaint was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintResult {
    /// When (the server's clock).
    pub at: NaiveDateTime,
    /// What was found and done, as told to the person.
    pub result: String,
}

/// A complaint as the person who filed it sees it (contact masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintView {
    /// Its number.
    pub number: String,
    /// When it was filed (the server's clock).
    pub filed_at: NaiveDateTime,
    /// The item, when one was chosen.
    pub item: Option<ItemRef>,
    /// Where.
    pub place: String,
    /// What happened.
    pub what: String,
    /// The contact's name, masked.
    pub name_masked: String,
    /// The contact's mobile, masked.
    pub mobile_masked: String,
    /// The follow-up's deadline and how it stands today.
    pub follow_up: CaseDeadline,
    /// The answer, once closed.
    pub result: Option<ComplaintResult>,
}

/// A complaint as supervisors follow it up (contact in full, to call back; audited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintRow {
    /// Its number.
    pub number: String,
    /// When it was filed.
    pub filed_at: NaiveDateTime,
    /// The item, when one was chosen.
    pub item: Option<ItemRef>,
    /// Where.
    pub place: String,
    /// What happened.
    pub what: String,
    /// The contact's name.
    pub name: String,
    /// The contact's mobile.
    pub mobile: String,
    /// Whether a helper filed it at a terminal.
    pub at_terminal: bool,
    /// The follow-up's deadline and how it stands today.
    pub follow_up: CaseDeadline,
    /// The answer, once closed.
    pub result: Option<ComplaintResult>,
    /// Who closed it.
    pub closed_by: Option<String>,
    /// Whom a supervisor assigned it to.
    #[serde(default)]
    pub assigned_to: Option<String>,
    /// What was done so far, oldest first.
    #[serde(default)]
    pub actions: Vec<ComplaintAction>,
}

/// `GET /api/desk/complaints`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintListQuery {
    /// Only those not yet closed.
    #[serde(default)]
    pub open: bool,
    /// Only those assigned to the account asking (any clerk may ask for these).
    #[serde(default)]
    pub mine: bool,
}

/// Assigning a complaint to a member of staff, who then follows it up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintAssignment {
    /// The account's name.
    pub to: String,
}

/// One thing done, to add to a complaint's follow-up log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintNote {
    /// What was done.
    pub note: String,
}

/// The complaints, oldest open first, then the closed ones newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintList {
    /// The complaints.
    pub complaints: Vec<ComplaintRow>,
}

/// Closing a complaint with what was found and done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintClosing {
    /// The result told to the person.
    pub result: String,
}
