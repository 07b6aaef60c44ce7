//! The server's HTTP API, as the browser calls it.

use gloo_net::http::Request;
use onewindow_wire::body::{CaseCreated, ErrorBody};

/// Fetches the whole catalogue's JSON text (terminals and desks keep every guide). The
/// browser's HTTP cache revalidates it with the server's entity tag, so an unchanged
/// catalogue costs a 304.
pub async fn fetch_catalog() -> Result<String, String> {
    fetch_text("/api/catalog").await
}

/// Fetches the catalogue's index (what the list and the search show).
pub async fn fetch_index() -> Result<String, String> {
    fetch_text("/api/catalog/index").await
}

/// Fetches one item's guide.
pub async fn fetch_guide(code: &str) -> Result<String, String> {
    let code = String::from(js_sys::encode_uri_component(code));
    fetch_text(&format!("/api/catalog/items/{code}")).await
}

async fn fetch_text(path: &str) -> Result<String, String> {
    let response = Request::get(path)
        .send()
        .await
        .map_err(|e| (crate::text::faults().network_error)(&e.to_string()))?;
    if !response.ok() {
        return Err((crate::text::faults().server_status)(
            response.status(),
            &response.status_text(),
        ));
    }
    response
        .text()
        .await
        .map_err(|e| (crate::text::faults().answer_unreadable)(&e.to_string()))
}

/// How the server answered a submitted case.
#[derive(Debug, Clone, PartialEq)]
pub enum PostResult {
    /// Stored (now or by an earlier attempt with the same key): number and lookup code.
    Stored {
        number: String,
        lookup_code: String,
        /// A bundle's other case numbers.
        more: Vec<String>,
    },
    /// Try again later: no network, a server fault, or the first attempt still running.
    Retry(String),
    /// The server refuses this case as it is; the message says why and what to do.
    Refused(String),
}

/// Sends a case with its Idempotency-Key.
pub async fn post_case(key: &str, body: &str) -> PostResult {
    let request = match Request::post("/api/cases")
        .header("Idempotency-Key", key)
        .header("Content-Type", "application/json")
        .body(body.to_string())
    {
        Ok(r) => r,
        Err(e) => {
            return PostResult::Refused((crate::text::faults().request_unbuildable)(&e.to_string()))
        }
    };
    let response = match request.send().await {
        Ok(r) => r,
        Err(e) => return PostResult::Retry((crate::text::faults().network_down)(&e.to_string())),
    };
    let status = response.status();
    match status {
        200 | 201 => match response.json::<CaseCreated>().await {
            Ok(created) => PostResult::Stored {
                number: created.number,
                lookup_code: created.lookup_code,
                more: created
                    .cases
                    .into_iter()
                    .skip(1)
                    .map(|c| c.number)
                    .collect(),
            },
            // Stored, but the answer did not arrive whole: asking again with the same key
            // returns the stored answer.
            Err(e) => PostResult::Retry((crate::text::faults().answer_unreadable)(&e.to_string())),
        },
        // A desk case whose clerk's session ended waits for the next login.
        401 => PostResult::Retry(
            response
                .json::<ErrorBody>()
                .await
                .map(|b| b.error)
                .unwrap_or_default(),
        ),
        409 | 429 | 500..=599 => PostResult::Retry((crate::text::faults().server_busy)(status)),
        _ => {
            let body: ErrorBody = response.json().await.unwrap_or_default();
            let fields: Vec<String> = body.fields.into_iter().map(|f| f.problem).collect();
            let mut message = body.error;
            if !fields.is_empty() {
                message = format!("{message}：{}", fields.join("；"));
            }
            PostResult::Refused(message)
        }
    }
}

/// Calls a member of staff to this terminal (呼叫工作人员).
pub async fn call_staff(place: &str, item: Option<String>) -> Result<(), String> {
    let body = onewindow_wire::consult::HelpRequest {
        place: place.into(),
        item,
    };
    let response = Request::post("/api/help")
        .json(&body)
        .map_err(|e| (crate::text::faults().network_error)(&e.to_string()))?
        .send()
        .await
        .map_err(|_| crate::text::help_text().offline.to_string())?;
    if response.ok() {
        return Ok(());
    }
    let status = response.status();
    let body: ErrorBody = response.json().await.unwrap_or_default();
    Err(if body.error.is_empty() {
        (crate::text::faults().server_status)(status, "")
    } else {
        body.error
    })
}
