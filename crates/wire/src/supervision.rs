//! The supervision area's bodies: the figures of a period and site, each list as the
//! database counted it (the app sums and draws them).

use crate::body::ItemRef;
use chrono::NaiveDate;
use onewindow_core::case::evaluation::EvaluationStage;
use onewindow_core::case::facts::Intake;
use onewindow_core::supervision::Remaining;
use serde::{Deserialize, Serialize};

/// `GET /api/desk/supervision?from=&to=&site=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SupervisionQuery {
    /// The first day of the period.
    pub from: NaiveDate,
    /// The last day of the period (included).
    pub to: NaiveDate,
    /// One site only; empty for the whole centre.
    #[serde(default)]
    pub site: String,
}

/// Cases received in the period, by department, channel and intake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IntakeRow {
    /// The item's department.
    pub department: String,
    /// `desk` or `pre_check`.
    pub channel: String,
    /// How the front desk's part stands.
    pub intake: Intake,
    /// Cases.
    pub cases: i64,
    /// Of them, accepted at the first visit (一次办成).
    pub first_visit: i64,
    /// Of them, answered in time: accepted, refused or told of the gaps within Art. 32's
    /// working days.
    pub notified_on_time: i64,
    /// Of them, answered late.
    pub notified_late: i64,
}

/// One item's cases received in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemRow {
    /// The item.
    pub item: ItemRef,
    /// Received at a window.
    pub received: i64,
    /// Accepted.
    pub accepted: i64,
    /// Refused.
    pub not_accepted: i64,
    /// Sent back for papers.
    pub incomplete: i64,
}

/// Cases decided in the period, by department, against the promised deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OnTimeRow {
    /// The department.
    pub department: String,
    /// Decided.
    pub decided: i64,
    /// By the promised deadline.
    pub on_time: i64,
    /// After it.
    pub late: i64,
}

/// Open cases now, by department and time left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RemainingRow {
    /// The department.
    pub department: String,
    /// The time left.
    pub remaining: Remaining,
    /// Cases.
    pub cases: i64,
}

/// An open case past its promised deadline, with its owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OverdueCase {
    /// Its number.
    pub number: String,
    /// The item.
    pub item: ItemRef,
    /// Who owns it (首办负责人).
    pub owner: String,
    /// Where it was received.
    pub site: String,
    /// The promised deadline.
    pub due: NaiveDate,
}

/// Evaluations given in the period, by department, site, clerk, stage and level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EvaluationRow {
    /// The department.
    pub department: String,
    /// The site (window) that received the case.
    pub site: String,
    /// The clerk who owns the case.
    pub owner: String,
    /// The stage evaluated.
    pub stage: EvaluationStage,
    /// The level, 1–5.
    pub level: u8,
    /// Evaluations.
    pub count: i64,
}

/// An open follow-up of a poor evaluation (差评整改).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FollowUpRow {
    /// The case.
    pub number: String,
    /// The department.
    pub department: String,
    /// The case's owner.
    pub owner: String,
    /// Who the follow-up is assigned to (差评整改责任人), if anyone yet.
    #[serde(default)]
    pub assigned_to: Option<String>,
    /// When it must be closed.
    pub due: NaiveDate,
}

/// Complaints (办不成事) filed in the period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintFigures {
    /// Filed.
    pub filed: i64,
    /// Closed by their deadline.
    pub closed_on_time: i64,
    /// Closed after it.
    pub closed_late: i64,
    /// Open, within their deadline.
    pub open: i64,
    /// Open past their deadline.
    pub open_overdue: i64,
}

/// One clerk's cases received in the period at one site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WorkloadRow {
    /// The clerk (the case's owner).
    pub owner: String,
    /// The site.
    pub site: String,
    /// Received.
    pub received: i64,
    /// Accepted.
    pub accepted: i64,
    /// Accepted at the first visit.
    pub first_visit: i64,
}

/// How long one figure's query took on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QueryTime {
    /// Which figure.
    pub figure: String,
    /// Microseconds.
    pub micros: i64,
}

/// The figures of a period and site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Supervision {
    /// The period's first day.
    pub from: NaiveDate,
    /// Its last day.
    pub to: NaiveDate,
    /// The site, or empty for the whole centre.
    pub site: String,
    /// The day "open" and "overdue" are counted on (the server's).
    pub today: NaiveDate,
    /// Every site that has accounts, for the filter.
    pub sites: Vec<String>,
    /// Received in the period.
    pub intake: Vec<IntakeRow>,
    /// Pre-checked online in the period, by department (not tied to a site).
    pub pre_checks: Vec<(String, i64)>,
    /// Received in the period, by item, most first (at most 30).
    pub items: Vec<ItemRow>,
    /// Decided in the period, against the promised deadline.
    pub on_time: Vec<OnTimeRow>,
    /// Open now, by time left.
    pub remaining: Vec<RemainingRow>,
    /// Open now past the promised deadline, most overdue first (at most 100).
    pub overdue: Vec<OverdueCase>,
    /// Evaluated in the period.
    pub evaluations: Vec<EvaluationRow>,
    /// Open follow-ups of poor evaluations, soonest first (at most 100).
    pub follow_ups: Vec<FollowUpRow>,
    /// Complaints filed in the period.
    pub complaints: ComplaintFigures,
    /// Received in the period, by clerk and site.
    pub workload: Vec<WorkloadRow>,
    /// Consultations at the guidance desk in the period, and the questions sent to back
    /// offices, by item, most first.
    #[serde(default)]
    pub consultations: Vec<ConsultationRow>,
    /// Each figure's query time.
    pub timings: Vec<QueryTime>,
}

/// Consultations on one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConsultationRow {
    /// The item.
    pub item: ItemRef,
    /// Consultations counted.
    pub consultations: i64,
    /// Questions sent to the back office.
    pub enquiries: i64,
    /// Of them, answered late or still open past their due time.
    pub late: i64,
}

/// The file format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// Comma-separated, UTF-8 with a byte-order mark (Excel and WPS open it as Chinese).
    #[default]
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// `GET /api/desk/reports/ledger`: the ledger of cases decided (办结) in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LedgerQuery {
    /// The first day.
    pub from: NaiveDate,
    /// The last day (included; at most 93 days after the first).
    pub to: NaiveDate,
    /// One department (as the catalogue names it); empty for every department.
    #[serde(default)]
    pub department: String,
    /// CSV or XLSX.
    #[serde(default)]
    pub format: ReportFormat,
    /// Why personal data must be unmasked (audited); empty keeps natural persons' names,
    /// ID numbers and mobiles masked.
    #[serde(default)]
    pub reason: String,
}

/// A file to download (CSV or XLSX), not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Download {}
