//! The clerks' part of the server's API, as the desk pages call it. The session is an
//! HttpOnly cookie the browser sends by itself; this code never sees it.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Deserialize;

/// A refusal or failure, with the HTTP status (0 when the network failed).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The status, or 0.
    pub status: u16,
    /// What the server said, or what went wrong.
    pub message: String,
}

pub use onewindow_wire::body::{
    CaseList, CaseListQuery, CaseSummary, DeskCase, HandedOver, IssuedNotice,
    SessionInfo as ClerkInfo, Unmasked,
};
use onewindow_wire::body::{
    ErrorBody, HandoverCreated, HandoverRequest, LoginRequest, UnmaskRequest,
};

async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = request.map_err(|e| ApiError {
        status: 0,
        message: (crate::text::faults().request_unbuildable)(&e.to_string()),
    })?;
    let response = request.send().await.map_err(|e| ApiError {
        status: 0,
        message: (crate::text::faults().network_down)(&e.to_string()),
    })?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let body: ErrorBody = response.json().await.unwrap_or_default();
    let mut message = body.error;
    let problems: Vec<&str> = body.fields.iter().map(|f| f.problem.as_str()).collect();
    if !problems.is_empty() && !message.contains(problems[0]) {
        message = format!("{message}（{}）", problems.join("；"));
    }
    if message.is_empty() {
        message = (crate::text::faults().server_status)(status, "");
    }
    Err(ApiError { status, message })
}

async fn json<T: for<'de> Deserialize<'de>>(response: Response) -> Result<T, ApiError> {
    response.json().await.map_err(|e| ApiError {
        status: 0,
        message: (crate::text::faults().answer_unreadable)(&e.to_string()),
    })
}

fn with_json<T: serde::Serialize>(
    builder: RequestBuilder,
    body: &T,
) -> Result<Request, gloo_net::Error> {
    builder.json(body)
}

/// Logs in.
pub async fn login(name: &str, password: &str, code: &str) -> Result<ClerkInfo, ApiError> {
    let body = LoginRequest {
        name: name.into(),
        password: password.into(),
        code: Some(code.trim().to_string()).filter(|c| !c.is_empty()),
    };
    json(send(with_json(Request::post("/api/session"), &body)).await?).await
}

/// Who is logged in on this browser (`None` when nobody).
pub async fn current() -> Result<Option<ClerkInfo>, ApiError> {
    match send(Ok(Request::get("/api/session").build().map_err(|e| {
        ApiError {
            status: 0,
            message: e.to_string(),
        }
    })?))
    .await
    {
        Ok(r) => json(r).await.map(Some),
        Err(e) if e.status == 401 => Ok(None),
        Err(e) => Err(e),
    }
}

/// Logs out.
pub async fn logout() -> Result<(), ApiError> {
    send(Request::delete("/api/session").build())
        .await
        .map(|_| ())
}

/// The case list with these filters.
pub async fn cases(query: &CaseListQuery) -> Result<CaseList, ApiError> {
    let q = query_string(query);
    let r = send(Request::get(&format!("/api/desk/cases?{q}")).build()).await?;
    json(r).await
}

/// The filters as a query string (the browser's own encoder, no extra crate).
pub fn query_string(query: &CaseListQuery) -> String {
    let pairs = js_sys::Array::new();
    for (k, v) in query.pairs() {
        pairs.push(&js_sys::Array::of2(&k.into(), &v.into()));
    }
    web_sys::UrlSearchParams::new_with_str_sequence_sequence(&pairs)
        .map(|p| String::from(p.to_string()))
        .unwrap_or_default()
}

/// One case and its entity tag.
pub async fn case(number: &str) -> Result<(DeskCase, String), ApiError> {
    let r = send(Request::get(&format!("/api/desk/cases/{number}")).build()).await?;
    let etag = r.headers().get("etag").unwrap_or_default();
    Ok((json(r).await?, etag))
}

/// Records one step on the version `etag`; the case after it and its new tag.
pub async fn post_event(
    number: &str,
    etag: &str,
    body: &onewindow_core::case::StepRequest,
) -> Result<(DeskCase, String), ApiError> {
    let builder =
        Request::post(&format!("/api/desk/cases/{number}/events")).header("If-Match", etag);
    let r = send(with_json(builder, body)).await?;
    let etag = r.headers().get("etag").unwrap_or_default();
    Ok((json(r).await?, etag))
}

/// The full personal data, with the reason (audited).
pub async fn unmask(number: &str, reason: &str) -> Result<Unmasked, ApiError> {
    let body = UnmaskRequest {
        reason: reason.into(),
    };
    let r = send(with_json(
        Request::post(&format!("/api/desk/cases/{number}/unmask")),
        &body,
    ))
    .await?;
    json(r).await
}

/// The handed-over work with that number (audited).
pub async fn handover(number: &str) -> Result<HandedOver, ApiError> {
    let r = send(Request::get(&format!("/api/desk/handovers/{number}")).build()).await?;
    json(r).await
}

/// Hands unfinished work over (from a terminal; no login). Returns its number.
pub async fn hand_over(draft: &crate::storage::Draft) -> Result<String, ApiError> {
    let body = HandoverRequest {
        draft_id: draft.id.clone(),
        item: draft.item.clone(),
        answers: draft.answers.clone(),
        applicant: draft.applicant.clone(),
        agent: draft.agent.clone(),
    };
    let r = send(with_json(Request::post("/api/handovers"), &body)).await?;
    let created: HandoverCreated = json(r).await?;
    Ok(created.number)
}

/// The 办不成事 complaints, open ones only when `open` (supervisors; audited).
pub async fn complaints(
    open: bool,
    mine: bool,
) -> Result<onewindow_wire::complaint::ComplaintList, ApiError> {
    let r = send(Request::get(&format!("/api/desk/complaints?open={open}&mine={mine}")).build())
        .await?;
    json(r).await
}

/// Posts `body` to the complaint's follow-up route `what` (assign, actions, close).
async fn complaint_step<B: serde::Serialize>(
    number: &str,
    what: &str,
    body: &B,
) -> Result<onewindow_wire::complaint::ComplaintRow, ApiError> {
    let r = send(with_json(
        Request::post(&format!(
            "/api/desk/complaints/{}/{what}",
            js_sys::encode_uri_component(number)
        )),
        body,
    ))
    .await?;
    json(r).await
}

/// Assigns complaint `number` to `to`.
pub async fn assign_complaint(
    number: &str,
    to: &str,
) -> Result<onewindow_wire::complaint::ComplaintRow, ApiError> {
    complaint_step(
        number,
        "assign",
        &onewindow_wire::complaint::ComplaintAssignment { to: to.into() },
    )
    .await
}

/// Records what was done on complaint `number`.
pub async fn complaint_action(
    number: &str,
    note: &str,
) -> Result<onewindow_wire::complaint::ComplaintRow, ApiError> {
    complaint_step(
        number,
        "actions",
        &onewindow_wire::complaint::ComplaintNote { note: note.into() },
    )
    .await
}

/// Closes complaint `number` with the result told to its reporter.
pub async fn close_complaint(
    number: &str,
    result: &str,
) -> Result<onewindow_wire::complaint::ComplaintRow, ApiError> {
    complaint_step(
        number,
        "close",
        &onewindow_wire::complaint::ComplaintClosing {
            result: result.into(),
        },
    )
    .await
}

/// The supervision figures for a period and site (supervisors; audited).
pub async fn supervision(
    q: &onewindow_wire::supervision::SupervisionQuery,
) -> Result<onewindow_wire::supervision::Supervision, ApiError> {
    let url = format!(
        "/api/desk/supervision?from={}&to={}&site={}",
        q.from,
        q.to,
        js_sys::encode_uri_component(&q.site)
    );
    let r = send(Request::get(&url).build()).await?;
    json(r).await
}

/// The audit log's query string for `q` (the list and the export take the same).
pub fn audit_query(q: &onewindow_wire::body::AuditQuery) -> String {
    let mut parts = Vec::new();
    let mut add = |k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            parts.push(format!("{k}={}", js_sys::encode_uri_component(v.trim())));
        }
    };
    add("actor", q.actor.clone());
    add("action", q.action.clone());
    add("target", q.target.clone());
    add("from", q.from.map(|d| d.to_string()));
    add("to", q.to.map(|d| d.to_string()));
    parts.join("&")
}

/// The audit log's newest lines for `q` (supervisors).
/// Every open clerk session (supervisors).
pub async fn sessions() -> Result<onewindow_wire::body::SessionList, ApiError> {
    json(send(Request::get("/api/desk/sessions").build()).await?).await
}

/// The names and addresses locked after failed logins (supervisors).
pub async fn locks() -> Result<onewindow_wire::body::LockList, ApiError> {
    json(send(Request::get("/api/desk/locks").build()).await?).await
}

/// What a supervisor can do on the security page.
#[derive(Debug, Clone, PartialEq)]
pub enum SecurityAction {
    /// End a session by its handle.
    EndSession(String),
    /// Unlock an account name.
    UnlockName(String),
    /// Unlock a device address.
    UnlockAddress(String),
}

/// Carries out `what` (supervisors; audited by the server).
pub async fn security_action(what: &SecurityAction) -> Result<(), ApiError> {
    let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
    let request = match what {
        SecurityAction::EndSession(id) => {
            Request::delete(&format!("/api/desk/sessions/{}", enc(id))).build()
        }
        SecurityAction::UnlockName(n) => {
            Request::post(&format!("/api/desk/users/{}/unlock", enc(n))).build()
        }
        SecurityAction::UnlockAddress(a) => {
            Request::post(&format!("/api/desk/addresses/{}/unlock", enc(a))).build()
        }
    };
    send(request).await.map(|_| ())
}

pub async fn audit(
    q: &onewindow_wire::body::AuditQuery,
) -> Result<onewindow_wire::body::AuditLog, ApiError> {
    let r = send(Request::get(&format!("/api/desk/audit?{}&limit=500", audit_query(q))).build())
        .await?;
    json(r).await
}

/// Counts one consultation on `item` at this desk.
pub async fn record_consultation(
    item: &str,
) -> Result<onewindow_wire::consult::ConsultationRecorded, ApiError> {
    let body = onewindow_wire::consult::ConsultationRequest { item: item.into() };
    json(send(with_json(Request::post("/api/desk/consultations"), &body)).await?).await
}

/// Sends a question to the item's back office.
pub async fn ask_back_office(
    item: &str,
    question: &str,
) -> Result<onewindow_wire::consult::Enquiry, ApiError> {
    let body = onewindow_wire::consult::EnquiryRequest {
        item: item.into(),
        question: question.into(),
    };
    json(send(with_json(Request::post("/api/desk/enquiries"), &body)).await?).await
}

/// The questions this clerk sent and those its departments are to answer.
pub async fn enquiries() -> Result<onewindow_wire::consult::EnquiryList, ApiError> {
    json(send(Request::get("/api/desk/enquiries").build()).await?).await
}

/// Answers question `id` for the back office.
pub async fn answer_enquiry(
    id: i64,
    answer: &str,
) -> Result<onewindow_wire::consult::Enquiry, ApiError> {
    let body = onewindow_wire::consult::EnquiryAnswer {
        answer: answer.into(),
    };
    json(
        send(with_json(
            Request::post(&format!("/api/desk/enquiries/{id}/answer")),
            &body,
        ))
        .await?,
    )
    .await
}

/// The terminals' calls for help not handled yet.
pub async fn help_calls() -> Result<onewindow_wire::consult::HelpCalls, ApiError> {
    json(send(Request::get("/api/desk/help").build()).await?).await
}

/// Goes to call `id`.
pub async fn handle_help_call(id: i64) -> Result<onewindow_wire::consult::HelpCall, ApiError> {
    json(send(Request::post(&format!("/api/desk/help/{id}/handled")).build()).await?).await
}
