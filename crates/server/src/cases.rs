//! `POST /api/cases`: cases stored once, re-checked by the core (the applicant's view is
//! `applicant.rs`).

use crate::auth::{session_clerk, ConnectInfoOpt};
use crate::error::AppError;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use onewindow_core::bundle_flow::check_bundle_submission;
use onewindow_core::case::{replay, state_name, Recorder, Role};
use onewindow_core::submission::{check_submission, Channel, Checked, FieldError, Submission};
use onewindow_wire::body::{ErrorBody, StoredCase};
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
    let mut site = String::new();
    // Parsed once here; a body that does not parse is refused by `prepare` with the field.
    let parsed = serde_json::from_slice::<Submission>(&body).ok();
    if let Some(sub) = &parsed {
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
            // The clerk who receives a case owns it (首办负责人) at their site.
            site = clerk.site;
        }
    }
    let hash = format!("{:x}", Sha256::digest(&body));

    // Re-checked here, on any worker; the writer task stores it with the others waiting
    // (group commit), or answers what its key already has.
    let prepared = prepare(&state, &body, parsed, &by, site).await?;
    let (status, body) = state.writer.submit(key, hash, prepared, now).await?;
    Ok((status, Json(body)).into_response())
}

/// A submission re-checked and made ready to store: what its key gets if it is new.
pub enum Prepared {
    /// Refused: the answer, remembered under the key like a success.
    Refused(StatusCode, Value),
    /// Cases to store under one lookup code (a bundle: one per item).
    Cases {
        /// The lookup code they share.
        lookup_code: String,
        /// The cases, in order.
        cases: Vec<NewCase>,
    },
}

/// One case ready for its row: personal data sealed, facts derived; its number and
/// notices are given by the writer.
pub struct NewCase {
    /// The service item.
    pub item_code: String,
    /// `desk` or `pre_check`.
    pub channel: &'static str,
    /// Its state's name.
    pub state: &'static str,
    /// Applicant name, ID number, mobile and the raw submission, sealed.
    pub sealed: [String; 4],
    /// The ID number's search hash.
    pub id_hash: String,
    /// The outcome, as stored.
    pub outcome: Option<String>,
    /// The events, as stored.
    pub events: String,
    /// When the server received it.
    pub created_at: String,
    /// Its owner (首办负责人; none for a pre-check) and their site.
    pub owner: String,
    /// The owner's site.
    pub site: String,
    /// The body that decides it.
    pub handling_body: String,
    /// Begun at a terminal.
    pub via_terminal: bool,
    /// Its supervision facts.
    pub facts: crate::facts::Columns,
    /// The figures tables it counts in.
    pub counts_in: crate::figures::Tables,
    /// The notices its outcome issues, for which event, on which day.
    pub notices: Vec<onewindow_core::notice::NoticeKind>,
    /// The event the notices belong to.
    pub event_index: usize,
    /// The server's day it was received.
    pub on: chrono::NaiveDate,
    /// What the answer says of it (number and notices filled in when stored).
    pub answer: StoredCase,
}

/// Parses and re-checks a submission as `by` (at `site`, for a desk case); refusals are
/// answers to remember, not errors.
pub async fn prepare(
    state: &AppState,
    body: &[u8],
    parsed: Option<Submission>,
    by: &Recorder,
    site: String,
) -> Result<Prepared, AppError> {
    match check(state, body, parsed, by, site).await {
        Ok(p) => Ok(p),
        Err(AppError::Stored(status, answer)) => Ok(Prepared::Refused(status, answer)),
        Err(e) => Err(e),
    }
}

/// Parses and re-checks one submission.
async fn check(
    state: &AppState,
    body: &[u8],
    parsed: Option<Submission>,
    by: &Recorder,
    site: String,
) -> Result<Prepared, AppError> {
    let parsed = parsed.ok_or(());
    let sub: Submission = parsed.or_else(|()| parse(body)).map_err(|(field, e)| {
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
            let mut db = state.db.acquire().await?;
            let mut notes = crate::guide_notes::guide_notes(state, &mut db, &sub).await?;
            notes.extend(fields);
            return Err(refused(notes));
        }
    };
    let cases = cases
        .iter()
        .map(|(item_code, checked)| new_case(state, &sub, item_code, checked, body, by, &site))
        .collect::<Result<_, _>>()?;
    // All the cases of one submission share one lookup code.
    Ok(Prepared::Cases {
        lookup_code: lookup_code()?,
        cases,
    })
}

/// A refusal of a submission, remembered under its key like a success.
fn stored_refusal(status: StatusCode, error: String, fields: Vec<FieldError>) -> AppError {
    match serde_json::to_value(ErrorBody { error, fields }) {
        Ok(body) => AppError::Stored(status, body),
        Err(e) => AppError::Internal(e.into()),
    }
}

/// One re-checked case made ready for its row.
fn new_case(
    state: &AppState,
    sub: &Submission,
    item_code: &str,
    checked: &Checked,
    body: &[u8],
    by: &Recorder,
    site: &str,
) -> Result<NewCase, AppError> {
    let now = by.now;
    let record = replay(&checked.events).map_err(|e| AppError::Internal(e.into()))?;
    let case_state = record
        .state
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a new case has no state")))?;
    // A pre-check has no owner until a desk receives it.
    let owner = match record.owner.as_deref() {
        Some(o) if !o.is_empty() => o.to_string(),
        _ if by.role == Role::Applicant => String::new(),
        _ => by.actor.clone(),
    };
    let (department, f) = crate::facts::derive(
        &state.catalog,
        item_code,
        &checked.events,
        &record,
        now.date(),
    );
    let counts_in = crate::figures::Tables {
        intake: f.received_on.is_some(),
        decided: f.decided_on.is_some(),
        evaluations: f.evaluated_acceptance_on.is_some() || f.evaluated_handout_on.is_some(),
    };
    let notices = match &checked.outcome {
        Some(outcome) => match state.catalog.catalog.item(item_code) {
            Some(item) => outcome.notices_for(item),
            None => outcome.notices(),
        },
        None => vec![],
    };
    let vault = &state.vault;
    Ok(NewCase {
        item_code: item_code.to_string(),
        channel: match sub.channel {
            Channel::Desk => "desk",
            Channel::PreCheck => "pre_check",
        },
        state: state_name(case_state),
        // Personal data is sealed (vault.rs); the ID number also kept as its search hash.
        sealed: [
            vault.seal(&checked.applicant.name),
            vault.seal(&checked.applicant.id_number),
            vault.seal(&checked.applicant.mobile),
            vault.seal(&String::from_utf8_lossy(body)),
        ],
        id_hash: vault.index(&checked.applicant.id_number),
        outcome: crate::stored::outcome_text(checked.outcome.as_ref())?,
        events: crate::stored::events_text(&state.vault, &checked.events)?,
        created_at: now.to_string(),
        owner,
        site: if by.role == Role::Applicant {
            String::new()
        } else {
            site.to_string()
        },
        handling_body: checked.handling_body.clone(),
        via_terminal: sub.via_terminal,
        facts: crate::facts::Columns::of(&department, &f),
        counts_in,
        notices,
        event_index: checked.events.len().saturating_sub(1),
        on: now.date(),
        answer: StoredCase {
            item: item_code.to_string(),
            number: String::new(),
            state: case_state,
            deadlines: checked.deadlines.deadlines.clone(),
            notices: vec![],
        },
    })
}
