//! Every route of the API, each a type that names its method, path, query, body and
//! answer. [`ROUTES`] lists them all; the server's router is built from it and a test
//! checks that the router answers each one and nothing else.

use crate::body::*;
use crate::complaint::*;
use crate::consult::*;
use crate::supervision::*;
use onewindow_core::case::StepRequest;
use onewindow_core::submission::Submission;

/// An HTTP method the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
    /// DELETE.
    Delete,
}

impl Method {
    /// Lower case, as OpenAPI writes it.
    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Post => "post",
            Method::Delete => "delete",
        }
    }
}

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone (applicants, terminals).
    Public,
    /// A logged-in clerk (the session cookie).
    Clerk,
    /// A logged-in supervisor.
    Supervisor,
}

/// A route's description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// The method.
    pub method: Method,
    /// The path, with `{name}` for a path parameter.
    pub path: &'static str,
    /// What it does, in one sentence (with the doc comment's leading space).
    pub summary: &'static str,
    /// Who may call it.
    pub access: Access,
    /// The status of a success.
    pub ok: u16,
    /// The statuses of its refusals (each with an [`ErrorBody`], except 304).
    pub errors: &'static [u16],
}

/// One route with its types.
pub trait Endpoint {
    /// Its description.
    const ROUTE: Route;
    /// The query string (`Nothing` when it takes none).
    type Query;
    /// The request body (`Nothing` when it takes none).
    type Body;
    /// The success answer's body (`Nothing` when it has none).
    type Answer;
}

/// Defines each endpoint type and [`ROUTES`] from one list, so a route cannot be
/// defined without being listed.
macro_rules! endpoints {
    ($(
        $(#[doc = $doc:literal])+
        $name:ident: $method:ident $path:literal, $access:ident,
            query $query:ty, body $body:ty, answer $answer:ty, ok $ok:literal, errors [$($err:literal),*];
    )+) => {
        $(
            $(#[doc = $doc])+
            #[derive(Debug, Clone, Copy)]
            pub struct $name;

            impl Endpoint for $name {
                const ROUTE: Route = Route {
                    method: Method::$method,
                    path: $path,
                    summary: concat!($($doc),+),
                    access: Access::$access,
                    ok: $ok,
                    errors: &[$($err),*],
                };
                type Query = $query;
                type Body = $body;
                type Answer = $answer;
            }
        )+

        /// Every route of the API.
        pub const ROUTES: &[Route] = &[$(<$name as Endpoint>::ROUTE),+];

        /// Each route with the JSON Schemas of its query, body and answer.
        #[cfg(feature = "schema")]
        pub fn schemas(
            generator: &mut schemars::SchemaGenerator,
        ) -> Vec<(Route, schemars::Schema, schemars::Schema, schemars::Schema)> {
            vec![$((
                <$name as Endpoint>::ROUTE,
                generator.subschema_for::<$query>(),
                generator.subschema_for::<$body>(),
                generator.subschema_for::<$answer>(),
            )),+]
        }
    };
}

endpoints! {
    /// The checked catalogue: service items, bundles, holiday schedules, notice templates, search keys and the deployment's settings (JSON with `schema_version`; ETag, 304 when unchanged).
    GetCatalog: Get "/api/catalog", Public,
        query Nothing, body Nothing, answer onewindow_core::Catalog, ok 200, errors [304];
    /// The catalogue's index: every item's summary and guide version, the bundles, search keys, holiday schedules, notices and settings, without the guides (ETag, 304 when unchanged).
    GetCatalogIndex: Get "/api/catalog/index", Public,
        query Nothing, body Nothing, answer onewindow_core::catalog::CatalogIndex, ok 200, errors [304];
    /// One item's full guide, by code (ETag = its version in the index, 304 when unchanged).
    GetCatalogItem: Get "/api/catalog/items/{code}", Public,
        query Nothing, body Nothing, answer onewindow_core::ServiceItem, ok 200, errors [304, 404];
    /// The holiday schedules of the covered years (ETag, 304 when unchanged).
    GetCalendar: Get "/api/calendar", Public,
        query Nothing, body Nothing, answer Vec<onewindow_core::calendar::YearSchedule>, ok 200, errors [304];
    /// Submit a case (a pre-check or a desk case) with an `Idempotency-Key` header: stored once per key, re-checked by the core; a retry gets the stored answer.
    SubmitCase: Post "/api/cases", Public,
        query Nothing, body Submission, answer CaseCreated, ok 201, errors [400, 401, 403, 409, 413, 422, 429];
    /// The applicant's masked view of a case; a wrong code looks exactly like a missing case.
    LookupCase: Get "/api/cases/{number}", Public,
        query LookupQuery, body Nothing, answer ApplicantCaseView, ok 200, errors [404, 429];
    /// A notice issued on the case (by its position in the view's list), filled by the core, the applicant's copy, to view and print.
    ShowNotice: Get "/api/cases/{number}/notices/{index}", Public,
        query LookupQuery, body Nothing, answer RenderedNotice, ok 200, errors [400, 404, 429];
    /// The applicant changes how the result is handed out (window, locker, post with the address), until 出件; the answer is the updated view.
    ChooseDelivery: Post "/api/cases/{number}/delivery", Public,
        query LookupQuery, body DeliveryRequest, answer ApplicantCaseView, ok 200, errors [400, 404, 409, 413, 422, 429];
    /// The applicant's 好差评, one per case and stage: of the reception once the papers were received, of the hand-out once the result is out; a poor one gives reasons from the list and opens a follow-up; the answer is the updated view.
    EvaluateCase: Post "/api/cases/{number}/evaluation", Public,
        query LookupQuery, body EvaluationRequest, answer ApplicantCaseView, ok 200, errors [400, 404, 409, 413, 422, 429];
    /// Report what could not be done (办不成事): item, where, what happened, a contact; the answer is its number and lookup code and when it will be answered.
    FileComplaint: Post "/api/complaints", Public,
        query Nothing, body ComplaintRequest, answer ComplaintFiled, ok 201, errors [400, 413, 422, 429];
    /// A complaint as its reporter follows it (contact masked); a wrong code looks exactly like a missing complaint.
    LookupComplaint: Get "/api/complaints/{number}", Public,
        query LookupQuery, body Nothing, answer ComplaintView, ok 200, errors [404, 429];
    /// The complaints to follow up, open ones oldest first: every one for supervisors, those assigned to the caller with `mine` (audited).
    ListComplaints: Get "/api/desk/complaints", Clerk,
        query ComplaintListQuery, body Nothing, answer ComplaintList, ok 200, errors [400, 401, 403];
    /// Assign a complaint to a member of staff, who may then record actions and close it (supervisors only, audited).
    AssignComplaint: Post "/api/desk/complaints/{number}/assign", Supervisor,
        query Nothing, body ComplaintAssignment, answer ComplaintRow, ok 200, errors [400, 401, 403, 404, 409, 413, 422];
    /// Record what was done to follow a complaint up (a supervisor or its assignee, audited).
    RecordComplaintAction: Post "/api/desk/complaints/{number}/actions", Clerk,
        query Nothing, body ComplaintNote, answer ComplaintRow, ok 200, errors [400, 401, 403, 404, 409, 413, 422];
    /// Close a complaint with the result told to its reporter (a supervisor or its assignee, audited).
    CloseComplaint: Post "/api/desk/complaints/{number}/close", Clerk,
        query Nothing, body ComplaintClosing, answer ComplaintRow, ok 200, errors [400, 401, 403, 404, 409, 413, 422];
    /// The centre's figures for a period and site: cases by department, channel, intake and item, on-time rates, open cases by time left and the overdue list, 好差评 and their follow-ups, complaints, workload per clerk; each with its query time (supervisors only, audited).
    ShowSupervision: Get "/api/desk/supervision", Supervisor,
        query SupervisionQuery, body Nothing, answer Supervision, ok 200, errors [400, 401, 403];
    /// The ledger of cases decided in a period (办结台账), for one department or all, as CSV or XLSX; natural persons' data masked unless a reason is given (supervisors only, audited with the reason).
    LedgerReport: Get "/api/desk/reports/ledger", Supervisor,
        query LedgerQuery, body Nothing, answer Download, ok 200, errors [400, 401, 403, 422];
    /// Count one consultation on an item at the guidance desk (item, desk and the server's time), for supervision.
    RecordConsultation: Post "/api/desk/consultations", Clerk,
        query Nothing, body ConsultationRequest, answer ConsultationRecorded, ok 201, errors [400, 401, 413, 422];
    /// Send a question the guidance desk cannot answer to the item's back office; the answer is due by the end of the next working day.
    AskBackOffice: Post "/api/desk/enquiries", Clerk,
        query Nothing, body EnquiryRequest, answer Enquiry, ok 201, errors [400, 401, 413, 422];
    /// The questions the caller sent, and those its departments are to answer, open ones first.
    ListEnquiries: Get "/api/desk/enquiries", Clerk,
        query Nothing, body Nothing, answer EnquiryList, ok 200, errors [401];
    /// Answer a question sent to the back office (a support, reviewer or lead post of the item's department, audited).
    AnswerEnquiry: Post "/api/desk/enquiries/{id}/answer", Clerk,
        query Nothing, body EnquiryAnswer, answer Enquiry, ok 200, errors [400, 401, 403, 404, 409, 413, 422];
    /// A self-service terminal calls a member of staff (呼叫工作人员): where it stands and the item on screen; the desk sees the call.
    CallStaff: Post "/api/help", Public,
        query Nothing, body HelpRequest, answer HelpCall, ok 201, errors [400, 413, 422, 429];
    /// The terminals' calls for help not handled yet, oldest first.
    ListHelpCalls: Get "/api/desk/help", Clerk,
        query Nothing, body Nothing, answer HelpCalls, ok 200, errors [401];
    /// A member of staff goes to a terminal's call; the call leaves every desk's list.
    HandleHelpCall: Post "/api/desk/help/{id}/handled", Clerk,
        query Nothing, body Nothing, answer HelpCall, ok 200, errors [401, 404, 409];
    /// Log in; sets the HttpOnly session cookie. Every attempt is audited; each failure in a row answers more slowly, five lock the name for 15 minutes (429).
    Login: Post "/api/session", Public,
        query Nothing, body LoginRequest, answer SessionInfo, ok 200, errors [400, 401, 429];
    /// Every open clerk session (supervisors only, audited).
    ListSessions: Get "/api/desk/sessions", Supervisor,
        query Nothing, body Nothing, answer SessionList, ok 200, errors [401, 403];
    /// End a clerk's session by its handle (supervisors only, audited).
    RevokeSession: Delete "/api/desk/sessions/{id}", Supervisor,
        query Nothing, body Nothing, answer Revoked, ok 200, errors [401, 403];
    /// Unlock a name locked after failed logins (supervisors only, audited).
    UnlockAccount: Post "/api/desk/users/{name}/unlock", Supervisor,
        query Nothing, body Nothing, answer Unlocked, ok 200, errors [401, 403];
    /// The names and client addresses locked now after failed logins (supervisors only, audited).
    ListLocks: Get "/api/desk/locks", Supervisor,
        query Nothing, body Nothing, answer LockList, ok 200, errors [401, 403];
    /// Unlock a client address locked after failed logins (supervisors only, audited).
    UnlockAddress: Post "/api/desk/addresses/{client}/unlock", Supervisor,
        query Nothing, body Nothing, answer Unlocked, ok 200, errors [401, 403];
    /// Who is logged in on this browser.
    CurrentSession: Get "/api/session", Clerk,
        query Nothing, body Nothing, answer SessionInfo, ok 200, errors [401];
    /// Log out; the cookie is cleared whether or not a session was open.
    Logout: Delete "/api/session", Public,
        query Nothing, body Nothing, answer Nothing, ok 204, errors [];
    /// The case list with filters, each case with its nearest open deadline and warning.
    ListCases: Get "/api/desk/cases", Clerk,
        query CaseListQuery, body Nothing, answer CaseList, ok 200, errors [400, 401];
    /// One case as the desk shows it (personal data masked), with its version as the ETag.
    ShowCase: Get "/api/desk/cases/{number}", Clerk,
        query Nothing, body Nothing, answer DeskCase, ok 200, errors [401, 404];
    /// Record the next step with `If-Match` on the case's ETag (428 without, 412 when someone else moved it first); the core builds the event from the fields and its state machine decides.
    RecordStep: Post "/api/desk/cases/{number}/events", Clerk,
        query Nothing, body StepRequest, answer DeskCase, ok 200, errors [400, 401, 404, 412, 413, 422, 428];
    /// The applicant's full ID number and mobile, only with a reason (audited).
    Unmask: Post "/api/desk/cases/{number}/unmask", Clerk,
        query Nothing, body UnmaskRequest, answer Unmasked, ok 200, errors [400, 401, 404, 422];
    /// The audit log, newest first, filtered by who, what, target and when (supervisors only).
    ReadAudit: Get "/api/desk/audit", Supervisor,
        query AuditQuery, body Nothing, answer AuditLog, ok 200, errors [400, 401, 403];
    /// The audit log's lines for the same filters as CSV, up to 100,000, newest first (supervisors only; the export itself is audited).
    ExportAudit: Get "/api/desk/audit/export", Supervisor,
        query AuditQuery, body Nothing, answer crate::supervision::Download, ok 200, errors [400, 401, 403];
    /// Hand unfinished work from a terminal to the desk; the same draft gets the same number.
    HandOver: Post "/api/handovers", Public,
        query Nothing, body HandoverRequest, answer HandoverCreated, ok 201, errors [400, 413, 422, 429];
    /// Unfinished work handed over from a terminal, by its number (audited).
    OpenHandover: Get "/api/desk/handovers/{number}", Clerk,
        query Nothing, body Nothing, answer HandedOver, ok 200, errors [401, 404];
    /// The database answers and a catalogue is loaded.
    Healthz: Get "/healthz", Public,
        query Nothing, body Nothing, answer Health, ok 200, errors [500];
}

/// The path of `route` with its parameter filled in (a case or hand-over number, or an
/// item's code).
pub fn path_with(route: &Route, value: &str) -> String {
    route
        .path
        .replace("{number}", value)
        .replace("{code}", value)
        .replace("{name}", value)
        .replace("{id}", value)
}
