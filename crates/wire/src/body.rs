//! The bodies of requests and answers, and the query strings.

use chrono::NaiveDate;
use onewindow_core::case::{CaseDeadline, CaseState, CaseView, DueStatus};
use onewindow_core::condition::Answers;
use onewindow_core::notice::NoticeKind;
use onewindow_core::outcome::{Gap, Marks, Outcome};
use onewindow_core::submission::{ApplicantInput, Channel, FieldError};
use serde::{Deserialize, Serialize};

/// Every error answer: what went wrong, in words that say what to do, and the fields at
/// fault (paths such as `applicant.mobile`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorBody {
    /// What is wrong.
    pub error: String,
    /// The fields at fault, each with its problem.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// No query string, or no body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Nothing {}

/// A service item as a case names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemRef {
    /// The item's code.
    pub code: String,
    /// Its name, when the catalogue still has it.
    pub name: Option<String>,
    /// Its department, when the catalogue still has it.
    pub department: Option<String>,
}

/// A notice issued to a case, with its document number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IssuedNotice {
    /// Which notice.
    pub kind: NoticeKind,
    /// The position of the producing event in the case's history.
    pub event_index: u32,
    /// The year of its sequence.
    pub year: i32,
    /// Its place in the kind's sequence that year.
    pub seq: u32,
    /// The document number, e.g. `某政受字〔2026〕第000001号`.
    pub number: String,
    /// The day it was issued.
    pub issued_on: NaiveDate,
}

/// One case stored from a submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StoredCase {
    /// The item's code.
    pub item: String,
    /// The case's number.
    pub number: String,
    /// Where it stands.
    pub state: CaseState,
    /// Its deadlines as of the day it was stored.
    pub deadlines: Vec<CaseDeadline>,
    /// The notices its outcome produced.
    pub notices: Vec<IssuedNotice>,
}

/// `POST /api/cases`: the stored case (a bundle: one per item), under one lookup code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseCreated {
    /// The first case's number (the only one for an item).
    pub number: String,
    /// The applicant's code for looking the case up.
    pub lookup_code: String,
    /// Every case stored, the first one first.
    pub cases: Vec<StoredCase>,
}

/// `GET /api/cases/{number}?code=`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LookupQuery {
    /// The lookup code printed on the receipt.
    #[serde(default)]
    pub code: Option<String>,
}

/// A notice filled for the applicant: its pages as HTML, to show and print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RenderedNotice {
    /// Its title.
    pub title: String,
    /// Its document number.
    pub number: String,
    /// The applicant's copy, one A4 page each.
    pub pages: Vec<String>,
}

/// `POST /api/cases/{number}/delivery`: how the applicant wants the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DeliveryRequest {
    /// Window, locker or post.
    pub method: onewindow_core::catalog::DeliveryMethod,
    /// The postal address, for post.
    #[serde(default)]
    pub address: String,
}

/// `POST /api/cases/{number}/evaluation`: the applicant's 好差评.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EvaluationRequest {
    /// The stage evaluated; without it, the one open now (the most recent).
    #[serde(default)]
    pub stage: Option<onewindow_core::case::evaluation::EvaluationStage>,
    /// 5 (非常满意) to 1 (非常不满意).
    pub level: u8,
    /// For 不满意 and 非常不满意: the reasons, from the list the core publishes.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// An optional comment.
    #[serde(default)]
    pub comment: String,
}

/// The applicant as the applicant's view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ApplicantMasked {
    /// Name.
    pub name: String,
    /// ID number with the middle masked.
    pub id_masked: String,
}

/// The applicant's view of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ApplicantCaseView {
    /// The case's number.
    pub number: String,
    /// The item.
    pub item: ItemRef,
    /// Where it stands.
    pub state: Option<CaseState>,
    /// The applicant, masked.
    pub applicant: ApplicantMasked,
    /// Its deadlines as of today.
    pub deadlines: Vec<CaseDeadline>,
    /// What to bring or correct, when the desk found gaps.
    pub missing: Vec<Gap>,
    /// The case as the applicant sees it: their steps, what to supply next, the deadlines
    /// that bind the office, the delivery choice.
    pub status: onewindow_core::case::applicant::ApplicantStatus,
    /// The notices issued so far.
    #[serde(default)]
    pub notices: Vec<IssuedNotice>,
    /// For a bundle (一件事): every case received under the same lookup code.
    #[serde(default)]
    pub bundle: Vec<BundleItemStatus>,
}

/// One case of a bundle as its applicant sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BundleItemStatus {
    /// Its number.
    pub number: String,
    /// Its item.
    pub item: ItemRef,
    /// Where it stands.
    pub state: Option<CaseState>,
}

/// A clerk's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountRole {
    /// Front-desk clerk (综合窗口, 前台).
    Clerk,
    /// A department's middle office (中台).
    Support,
    /// A department's back-office reviewer (后台审批).
    Reviewer,
    /// A department's lead or chief representative (首席事务代表).
    Lead,
    /// The centre's supervisor: may also read the audit log.
    Supervisor,
}

impl AccountRole {
    /// The post as the core's case rules name it.
    pub fn post(self) -> onewindow_core::case::Role {
        use onewindow_core::case::Role;
        match self {
            AccountRole::Clerk => Role::Clerk,
            AccountRole::Support => Role::Support,
            AccountRole::Reviewer => Role::Reviewer,
            AccountRole::Lead => Role::Lead,
            AccountRole::Supervisor => Role::Supervisor,
        }
    }
}

/// `POST /api/session`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LoginRequest {
    /// The account's name.
    pub name: String,
    /// Its password.
    pub password: String,
    /// The one-time code from the authenticator app, for an account with a second factor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// Who is logged in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionInfo {
    /// The account's name.
    pub name: String,
    /// Its role.
    pub role: AccountRole,
    /// The departments it works for (middle office, reviewers, leads).
    #[serde(default)]
    pub departments: Vec<String>,
    /// Its site (county hall, town centre, village station).
    #[serde(default)]
    pub site: String,
    /// After this many seconds without a request the server ends the session.
    pub idle_seconds: i64,
}

/// Which cases are due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DueFilter {
    /// Due soon or overdue.
    Soon,
    /// Overdue.
    Overdue,
}

/// How the case list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    /// The nearest open deadline first.
    #[default]
    Due,
    /// The newest case first.
    Newest,
}

impl DueFilter {
    /// As the query string writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DueFilter::Soon => "soon",
            DueFilter::Overdue => "overdue",
        }
    }
}

impl CaseSort {
    /// As the query string writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseSort::Due => "due",
            CaseSort::Newest => "newest",
        }
    }
}

impl CaseListQuery {
    /// The filters that are set, as (name, value) pairs of the query string.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("state", self.state.as_deref()),
            ("department", self.department.as_deref()),
            ("item", self.item.as_deref()),
            ("due", self.due.map(DueFilter::as_str)),
            ("sort", self.sort.map(CaseSort::as_str)),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (k, v)))
        .collect()
    }
}

/// The case list's filters (`GET /api/desk/cases?…`); the desk keeps them in its URL.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseListQuery {
    /// Only cases in this state (its snake-case name, e.g. `under_review`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Only cases of this department's items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Only cases of this item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// Only cases routed to this handling body (办理单位).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_body: Option<String>,
    /// Only the cases the logged-in person owns (我的办件: they received them, or they
    /// were handed to them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mine: Option<bool>,
    /// Only cases due soon, or overdue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DueFilter>,
    /// The order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<CaseSort>,
    /// Only the cases of the applicant with this ID number or credit code (exact match,
    /// through its keyed hash: the stored numbers are encrypted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
}

/// One line of the case list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseSummary {
    /// The case's number.
    pub number: String,
    /// The item.
    pub item: ItemRef,
    /// How it came in.
    pub channel: Channel,
    /// The handling body its answers route it to (办理单位).
    #[serde(default)]
    pub handling_body: String,
    /// Where it stands.
    pub state: Option<CaseState>,
    /// The applicant's name.
    pub applicant_name: String,
    /// When it was stored.
    pub created_at: String,
    /// The worst status of its open deadlines.
    pub warning: Option<DueStatus>,
    /// Its nearest open deadline.
    pub next_deadline: Option<CaseDeadline>,
    /// Working days to that deadline (negative when overdue).
    pub working_days_left: Option<i64>,
    /// Its version (the entity tag of its page).
    pub version: i64,
}

/// `GET /api/desk/cases`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseList {
    /// The cases, in the order asked for (at most [`CaseList::LIMIT`]).
    pub cases: Vec<CaseSummary>,
    /// Whether more cases matched than were sent.
    pub truncated: bool,
}

impl CaseList {
    /// The most cases one answer carries.
    pub const LIMIT: usize = 2000;
}

/// The applicant of a case, masked, as the desk sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeskApplicant {
    /// Name.
    pub name: String,
    /// ID number, masked.
    pub id_masked: String,
    /// Mobile, masked.
    pub mobile_masked: String,
}

/// One case as the desk shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeskCase {
    /// The case's number.
    pub number: String,
    /// The applicant's lookup code.
    pub lookup_code: String,
    /// The item.
    pub item: ItemRef,
    /// How it came in.
    pub channel: Channel,
    /// Its version (also the entity tag).
    pub version: i64,
    /// When it was stored.
    pub created_at: String,
    /// The applicant, masked.
    pub applicant: DeskApplicant,
    /// The answers given.
    pub answers: Answers,
    /// The desk's marks (empty for a pre-check).
    pub marks: Marks,
    /// The front desk's outcome, when the desk decided one.
    pub outcome: Option<Outcome>,
    /// Its owner (首办负责人): the clerk who received it; empty for a pre-check not yet
    /// received at a desk.
    #[serde(default)]
    pub owner: String,
    /// The site that received it.
    #[serde(default)]
    pub site: String,
    /// The handling body its answers route it to (办理单位).
    #[serde(default)]
    pub handling_body: String,
    /// The case as of today: state, events, deadlines and the steps the person asking
    /// may take (only those their post and the item's authorisation allow).
    pub view: CaseView,
    /// The notices issued so far.
    pub notices: Vec<IssuedNotice>,
    /// For a case of a bundle (一件事): the bundle's name and every case of it, this one
    /// included, with its state and clock — the lead's overview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<BundleOverview>,
}

/// The cases of one bundle (一件事), received together under one lookup code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BundleOverview {
    /// The bundle's name, e.g. 我要开餐馆.
    pub name: String,
    /// Its cases, in the bundle's order.
    pub cases: Vec<CaseSummary>,
}

/// `POST /api/desk/cases/{number}/unmask`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnmaskRequest {
    /// Why the full data is needed (audited).
    pub reason: String,
}

/// The applicant's full data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Unmasked {
    /// The case's number.
    pub number: String,
    /// Name.
    pub name: String,
    /// Full ID number.
    pub id_number: String,
    /// Full mobile.
    pub mobile: String,
}

/// `GET /api/desk/audit?…`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditQuery {
    /// Only lines about this target (e.g. a case number).
    #[serde(default)]
    pub target: Option<String>,
    /// Only lines by this account (or, for a failed login, this name tried).
    #[serde(default)]
    pub actor: Option<String>,
    /// Only this action, or every action starting with it and a dot (`case` for
    /// `case.event`, `case.unmask`…).
    #[serde(default)]
    pub action: Option<String>,
    /// Only lines from this day on.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Only lines up to this day (included).
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// At most this many lines (1–1000, default 200).
    #[serde(default)]
    pub limit: Option<i64>,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditEntry {
    /// When (server time).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What, e.g. `case.view`.
    pub action: String,
    /// On what.
    pub target: String,
    /// From which address.
    pub client: String,
    /// Whether it succeeded.
    pub success: bool,
    /// More.
    pub detail: String,
}

/// The audit log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditLog {
    /// The lines.
    pub entries: Vec<AuditEntry>,
}

/// `POST /api/handovers`: unfinished work from a terminal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HandoverRequest {
    /// The terminal's draft id (the same draft gets the same number).
    pub draft_id: String,
    /// The item's code.
    pub item: String,
    /// The answers so far.
    #[serde(default)]
    pub answers: Answers,
    /// The applicant as entered so far.
    #[serde(default)]
    pub applicant: ApplicantInput,
    /// The agent as entered so far (代办).
    #[serde(default)]
    pub agent: Option<ApplicantInput>,
}

/// The number unfinished work is stored under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HandoverCreated {
    /// E.g. `J2026-000001`.
    pub number: String,
}

/// Unfinished work as the desk picks it up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HandedOver {
    /// Its number.
    pub number: String,
    /// When it was handed over.
    pub created_at: String,
    /// The item's code.
    pub item: String,
    /// The answers so far.
    pub answers: Answers,
    /// The applicant so far.
    pub applicant: ApplicantInput,
    /// The agent so far.
    pub agent: Option<ApplicantInput>,
}

/// One open clerk session, as a supervisor sees it (never its token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OpenSession {
    /// Its handle for revoking: the first 16 hex digits of the token's stored hash.
    pub id: String,
    /// The account.
    pub name: String,
    /// Its role.
    pub role: AccountRole,
    /// When it was opened (unix seconds, server clock).
    pub created_at: i64,
    /// The last request (unix seconds, server clock).
    pub last_seen: i64,
}

/// `GET /api/desk/sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionList {
    /// Every open session, the most recently used first.
    pub sessions: Vec<OpenSession>,
}

/// A revoked session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Revoked {
    /// How many sessions the handle ended (0 or 1).
    pub revoked: u64,
}

/// A name unlocked by a supervisor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Unlocked {
    /// The account name.
    pub name: String,
    /// Whether it had failures or a lock to clear.
    pub was_locked: bool,
}

/// A name or client address locked after failed logins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Lock {
    /// The account name, or the client address.
    pub who: String,
    /// Until when (server time, `YYYY-MM-DD HH:MM`).
    pub until: String,
}

/// `GET /api/desk/locks`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LockList {
    /// Locked account names.
    pub names: Vec<Lock>,
    /// Locked client addresses.
    pub addresses: Vec<Lock>,
}

/// `GET /healthz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Health {
    /// `ok` when the database answers.
    pub status: String,
    /// How many items the catalogue has.
    pub catalog_items: usize,
    /// The catalogue's digest (its entity tag).
    pub catalog_digest: String,
}
