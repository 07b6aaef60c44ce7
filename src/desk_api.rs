//! The clerks' part of the server's API, as the desk pages call it. The session is an
//! HttpOnly cookie the browser sends by itself; this code never sees it.

use gloo_net::http::{Request, RequestBuilder, Response};
use onewindow_core::case::{CaseDeadlines, CaseRecord, Event};
use onewindow_core::condition::Answers;
use onewindow_core::outcome::{Marks, Outcome};
use serde::Deserialize;
use serde_json::Value;

/// A refusal or failure, with the HTTP status (0 when the network failed).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The status, or 0.
    pub status: u16,
    /// What the server said, or what went wrong.
    pub message: String,
}

/// The clerk logged in.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ClerkInfo {
    /// The account name.
    pub name: String,
    /// `clerk` or `supervisor`.
    pub role: String,
    /// After this many seconds without a request the server ends the session.
    pub idle_seconds: i64,
}

/// The masked applicant of a case.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MaskedApplicant {
    pub name: String,
    pub id_masked: String,
    pub mobile_masked: String,
}

/// A notice issued to a case, with its document number.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct IssuedNotice {
    pub kind: String,
    pub event_index: i64,
    pub year: i64,
    pub seq: i64,
    pub number: String,
    pub issued_on: chrono::NaiveDate,
}

/// The item of a case, as the server names it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CaseItem {
    pub code: String,
    pub name: Option<String>,
    pub department: Option<String>,
}

/// One case as the desk sees it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DeskCase {
    pub number: String,
    pub lookup_code: String,
    pub item: CaseItem,
    pub channel: String,
    pub state: String,
    pub version: i64,
    pub created_at: String,
    pub applicant: MaskedApplicant,
    #[serde(default)]
    pub answers: Option<Answers>,
    #[serde(default)]
    pub marks: Option<Marks>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    pub events: Vec<Event>,
    pub record: CaseRecord,
    pub deadlines: Option<CaseDeadlines>,
    pub allowed_events: Vec<String>,
    pub notices: Vec<IssuedNotice>,
}

/// The unmasked applicant (audited on the server).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Unmasked {
    pub name: String,
    pub id_number: String,
    pub mobile: String,
}

async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = request.map_err(|e| ApiError {
        status: 0,
        message: format!("无法生成请求：{e}"),
    })?;
    let response = request.send().await.map_err(|e| ApiError {
        status: 0,
        message: format!("网络不可用，请检查网络后重试（{e}）"),
    })?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let body: Value = response.json().await.unwrap_or_default();
    let mut message = body["error"].as_str().unwrap_or_default().to_string();
    if let Some(fields) = body["fields"].as_array() {
        let problems: Vec<&str> = fields
            .iter()
            .filter_map(|f| f["problem"].as_str())
            .collect();
        if !problems.is_empty() && !message.contains(problems[0]) {
            message = format!("{message}（{}）", problems.join("；"));
        }
    }
    if message.is_empty() {
        message = format!("服务器返回 {status}");
    }
    Err(ApiError { status, message })
}

async fn json<T: for<'de> Deserialize<'de>>(response: Response) -> Result<T, ApiError> {
    response.json().await.map_err(|e| ApiError {
        status: 0,
        message: format!("服务器的回答无法读取：{e}"),
    })
}

fn with_json(builder: RequestBuilder, body: &Value) -> Result<Request, gloo_net::Error> {
    builder.json(body)
}

/// Logs in.
pub async fn login(name: &str, password: &str) -> Result<ClerkInfo, ApiError> {
    let body = serde_json::json!({ "name": name, "password": password });
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

/// The case list; `query` is the URL query (filters and sort), without `?`.
pub async fn cases(query: &str) -> Result<Vec<Value>, ApiError> {
    let r = send(Request::get(&format!("/api/desk/cases?{query}")).build()).await?;
    let v: Value = json(r).await?;
    Ok(v["cases"].as_array().cloned().unwrap_or_default())
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
    body: &Value,
) -> Result<(DeskCase, String), ApiError> {
    let builder =
        Request::post(&format!("/api/desk/cases/{number}/events")).header("If-Match", etag);
    let r = send(with_json(builder, body)).await?;
    let etag = r.headers().get("etag").unwrap_or_default();
    Ok((json(r).await?, etag))
}

/// The full personal data, with the reason (audited).
pub async fn unmask(number: &str, reason: &str) -> Result<Unmasked, ApiError> {
    let body = serde_json::json!({ "reason": reason });
    let r = send(with_json(
        Request::post(&format!("/api/desk/cases/{number}/unmask")),
        &body,
    ))
    .await?;
    json(r).await
}

/// Unfinished work handed over from a terminal, as the desk picks it up.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct HandedOver {
    pub item: String,
    #[serde(default)]
    pub answers: Answers,
    #[serde(default)]
    pub applicant: onewindow_core::submission::ApplicantInput,
    #[serde(default)]
    pub agent: Option<onewindow_core::submission::ApplicantInput>,
}

/// The handed-over work with that number (audited).
pub async fn handover(number: &str) -> Result<HandedOver, ApiError> {
    let r = send(Request::get(&format!("/api/desk/handovers/{number}")).build()).await?;
    json(r).await
}

/// Hands unfinished work over (from a terminal; no login). Returns its number.
pub async fn hand_over(draft: &crate::storage::Draft) -> Result<String, ApiError> {
    let body = serde_json::json!({
        "draft_id": draft.id,
        "item": draft.item,
        "answers": draft.answers,
        "applicant": draft.applicant,
        "agent": draft.agent,
    });
    let r = send(with_json(Request::post("/api/handovers"), &body)).await?;
    let v: Value = json(r).await?;
    Ok(v["number"].as_str().unwrap_or_default().to_string())
}
