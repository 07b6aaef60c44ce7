//! `POST /api/cases`: cases stored once, re-checked by the core (the applicant's view is
//! `applicant.rs`).

use crate::auth::{session_clerk, ConnectInfoOpt};
use crate::error::AppError;
use crate::numbers;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Datelike;
use onewindow_core::bundle_flow::check_bundle_submission;
use onewindow_core::case::{replay, state_name, Recorder, Role};
use onewindow_core::submission::{check_submission, Channel, Checked, FieldError, Submission};
use onewindow_wire::body::{CaseCreated, ErrorBody, StoredCase};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Letters and digits that cannot be mistaken for each other when read aloud or typed.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A new random lookup code (8 letters and digits, about 40 bits).
pub fn lookup_code() -> Result<String, AppError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("no randomness: {e}")))?;
    Ok(bytes
        .iter()
        .map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char)
        .collect())
}

/// Who the history names for an applicant's own pre-check.
pub const APPLICANT: &str = "申请人";

/// Parses a JSON body; on failure, the path of the field at fault (e.g. `answers`,
/// `applicant.mobile`) and what is wrong.
pub fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, (String, String)> {
    let mut de = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            "body".to_string()
        } else {
            path
        };
        (field, e.into_inner().to_string())
    })
}

/// `POST /api/cases`.
pub async fn submit(
    State(state): State<AppState>,
    ConnectInfoOpt(client): ConnectInfoOpt,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, AppError> {
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge,
        _ => AppError::BadRequest(format!("the request body could not be read: {e}")),
    })?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200)
        .ok_or_else(|| AppError::BadRequest("missing Idempotency-Key header: send a unique id per case and reuse it when retrying".into()))?
        .to_string();
    let now = crate::clock::now();
    // The session says who, the server's clock says when: a pre-check is the applicant's
    // whatever it names; a desk case is recorded by the clerk logged in, under their own
    // name (a case typed by another clerk is refused rather than signed by this one).
    let mut by = Recorder {
        actor: APPLICANT.into(),
        role: Role::Applicant,
        now,
    };
    if let Ok(sub) = serde_json::from_slice::<Submission>(&body) {
        if sub.channel == Channel::Desk {
            let clerk = session_clerk(&state, &headers, client.clone())
                .await?
                .ok_or_else(|| AppError::Unauthorized("窗口收件须由工作人员登录后提交".into()))?;
            if clerk.name != sub.actor {
                return Err(AppError::Forbidden(format!(
                    "办件记录的经办人“{}”不是当前登录的工作人员“{}”",
                    sub.actor, clerk.name
                )));
            }
            by = Recorder {
                role: clerk.case_role(),
                actor: clerk.name,
                now,
            };
        }
    }
    let hash = format!("{:x}", Sha256::digest(&body));

    // The writer task stores it with the others waiting (group commit).
    let (status, body) = state.writer.submit(key, hash, body, by).await?;
    Ok((status, Json(body)).into_response())
}

/// Claims the key, stores the case and remembers the answer, inside the writer's
/// transaction: a retry finds the key taken and gets the stored answer; another body under
/// the same key is refused; a refusal of this body is remembered like a success.
pub async fn handle(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    key: &str,
    hash: &str,
    body: &[u8],
    by: &Recorder,
) -> Result<(StatusCode, Value), AppError> {
    let now = by.now;
    let claimed = sqlx::query(
        "INSERT INTO idempotency_keys (key, request_hash, status, response, created_at) VALUES ($1, $2, NULL, NULL, $3) \
         ON CONFLICT(key) DO NOTHING",
    )
    .bind(key)
    .bind(hash)
    .bind(now.to_string())
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !claimed {
        let (h, status, response): (String, Option<i64>, Option<String>) = sqlx::query_as(
            "SELECT request_hash, status, response FROM idempotency_keys WHERE key = $1",
        )
        .bind(key)
        .fetch_one(&mut *tx)
        .await?;
        if h != hash {
            return Err(AppError::Unprocessable {
                message: "this Idempotency-Key was used with a different case: use a new key for a new case".into(),
                fields: vec![],
            });
        }
        let (Some(status), Some(response)) = (status, response) else {
            return Err(AppError::Conflict(
                "the first request with this Idempotency-Key is still being handled; retry shortly"
                    .into(),
            ));
        };
        let status = StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK);
        let response = state
            .vault
            .open(&response)
            .map_err(|e| AppError::Internal(e.context("a stored answer")))?;
        return Ok((
            status,
            serde_json::from_str(&response).unwrap_or(Value::Null),
        ));
    }
    let result = store(state, tx, body, by).await;
    match &result {
        Ok((status, answer)) | Err(AppError::Stored(status, answer)) => {
            sqlx::query("UPDATE idempotency_keys SET status = $1, response = $2 WHERE key = $3 AND status IS NULL")
                .bind(status.as_u16() as i64)
                // The answer may name the applicant: sealed like the case.
                .bind(state.vault.seal(&answer.to_string()))
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        Err(_) => {}
    }
    match result {
        Err(AppError::Stored(status, answer)) => Ok((status, answer)),
        other => other,
    }
}

/// Parses, re-checks and stores one case; the case row and its key's answer are written
/// in one transaction.
async fn store(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    body: &[u8],
    by: &Recorder,
) -> Result<(StatusCode, Value), AppError> {
    let sub: Submission = parse(body).map_err(|(field, e)| {
        stored_refusal(
            StatusCode::BAD_REQUEST,
            format!("请求内容不是有效的办件数据：{e}"),
            vec![FieldError { field, problem: e }],
        )
    })?;
    // An item is one case; a bundle (一件事) one case per item, re-checked item by item.
    let catalog = &state.catalog;
    let refused = |fields| {
        stored_refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "服务器核验未通过，请按提示修改后重新提交".into(),
            fields,
        )
    };
    let checked = if catalog.catalog.bundle(&sub.item).is_some() {
        check_bundle_submission(&catalog.catalog, &catalog.calendar, &sub, by)
    } else {
        check_submission(&catalog.catalog, &catalog.calendar, &sub, by)
            .map(|checked| vec![(sub.item.clone(), checked)])
    };
    let cases = match checked {
        Ok(cases) => cases,
        // Made with a guide that has changed since: say first what changed for it.
        Err(fields) => {
            let mut notes = crate::guide_notes::guide_notes(state, tx, &sub).await?;
            notes.extend(fields);
            return Err(refused(notes));
        }
    };
    // All the cases of one submission share one lookup code.
    let code = lookup_code()?;
    let mut stored = Vec::new();
    for (item_code, checked) in &cases {
        stored.push(insert_case(state, tx, &sub, item_code, checked, &code, body, by).await?);
    }
    tracing::info!(item = sub.item, cases = stored.len(), "stored");
    let answer = CaseCreated {
        number: stored.first().map(|c| c.number.clone()).unwrap_or_default(),
        lookup_code: code,
        cases: stored,
    };
    Ok((StatusCode::CREATED, to_value(&answer)?))
}

/// A refusal of a submission, remembered under its key like a success.
fn stored_refusal(status: StatusCode, error: String, fields: Vec<FieldError>) -> AppError {
    match serde_json::to_value(ErrorBody { error, fields }) {
        Ok(body) => AppError::Stored(status, body),
        Err(e) => AppError::Internal(e.into()),
    }
}

fn to_value<T: serde::Serialize>(answer: &T) -> Result<Value, AppError> {
    serde_json::to_value(answer).map_err(|e| AppError::Internal(e.into()))
}

/// Stores one re-checked case with the next number of the year's sequence and issues the
/// notices of its outcome; what the answer says of it.
#[allow(clippy::too_many_arguments)]
async fn insert_case(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    sub: &Submission,
    item_code: &str,
    checked: &Checked,
    code: &str,
    body: &[u8],
    by: &Recorder,
) -> Result<StoredCase, AppError> {
    let now = by.now;
    let record = replay(&checked.events).map_err(|e| AppError::Internal(e.into()))?;
    let state_text = record.state.map(state_name).unwrap_or("new");
    // The case's year is the server's: a browser's clock cannot back-date a case.
    let year = now.year();
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO sequences (name, value) VALUES ($1, 1) ON CONFLICT(name) DO UPDATE SET value = sequences.value + 1 RETURNING value",
    )
    .bind(format!("case-{year}"))
    .fetch_one(&mut *tx)
    .await?;
    let number = format!("{year}-{seq:06}");
    // The clerk who receives a case owns it (首办负责人) at their site; a pre-check has no
    // owner until a desk receives it.
    let (owner, site) = if by.role == Role::Applicant {
        (String::new(), String::new())
    } else {
        let site: Option<String> = sqlx::query_scalar("SELECT site FROM users WHERE name = $1")
            .bind(&by.actor)
            .fetch_optional(&mut *tx)
            .await?;
        (by.actor.clone(), site.unwrap_or_default())
    };
    sqlx::query(
        "INSERT INTO cases (number, lookup_code, item_code, channel, state, applicant_name, applicant_id, applicant_mobile, \
         submission, outcome, events, created_at, owner, site, handling_body, via_terminal, applicant_id_hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(&number)
    .bind(code)
    .bind(item_code)
    .bind(match sub.channel {
        Channel::Desk => "desk",
        Channel::PreCheck => "pre_check",
    })
    .bind(state_text)
    // Personal data is sealed (vault.rs); the ID number also kept as its search hash.
    .bind(state.vault.seal(&checked.applicant.name))
    .bind(state.vault.seal(&checked.applicant.id_number))
    .bind(state.vault.seal(&checked.applicant.mobile))
    .bind(state.vault.seal(&String::from_utf8_lossy(body)))
    .bind(crate::stored::outcome_text(checked.outcome.as_ref())?)
    .bind(crate::stored::events_text(&checked.events)?)
    .bind(now.to_string())
    .bind(&owner)
    .bind(&site)
    .bind(&checked.handling_body)
    .bind(i64::from(sub.via_terminal))
    .bind(state.vault.index(&checked.applicant.id_number))
    .execute(&mut *tx)
    .await?;
    crate::facts::update(
        &mut *tx,
        &state.catalog,
        &number,
        item_code,
        &checked.events,
        &record,
    )
    .await?;
    crate::facts::site_seen(tx, &site).await?;
    let notices = match &checked.outcome {
        Some(outcome) => {
            numbers::issue(
                &mut *tx,
                state.catalog.catalog.notices.as_ref(),
                &number,
                &match state.catalog.catalog.item(item_code) {
                    Some(item) => outcome.notices_for(item),
                    None => outcome.notices(),
                },
                checked.events.len().saturating_sub(1),
                now.date(),
            )
            .await?
        }
        None => vec![],
    };
    Ok(StoredCase {
        item: item_code.to_string(),
        number,
        state: record
            .state
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a stored case has no state")))?,
        deadlines: checked.deadlines.deadlines.clone(),
        notices,
    })
}
