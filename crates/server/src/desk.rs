//! The clerks' API: the case list with filters, one case with everything the desk shows,
//! lifecycle events (checked by the core's state machine, `If-Match` on the case version),
//! and unmasking personal data with a reason. Every action is audited.

use crate::audit::{self, Audit};
use crate::auth::Clerk;
use crate::error::AppError;
use crate::numbers::{self, IssuedNotice};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Local, NaiveDate};
use onewindow_core::case::{
    allowed_events, deadlines, replay, state_name, CaseDeadlines, DeadlineSettings, DueStatus,
    Event, EventKind, Limits,
};
use onewindow_core::validate::{mask_id, mask_mobile};
use serde::Deserialize;
use serde_json::{json, Value};

/// A case as stored.
#[derive(sqlx::FromRow)]
struct Row {
    number: String,
    lookup_code: String,
    item_code: String,
    channel: String,
    state: String,
    applicant_name: String,
    applicant_id: String,
    applicant_mobile: String,
    submission: String,
    outcome: Option<String>,
    events: String,
    version: i64,
    created_at: String,
}

const COLUMNS: &str =
    "number, lookup_code, item_code, channel, state, applicant_name, applicant_id, \
    applicant_mobile, submission, outcome, events, version, created_at";

fn parse_events(row: &Row) -> Result<Vec<Event>, AppError> {
    serde_json::from_str(&row.events)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("case {}: stored events: {e}", row.number)))
}

fn case_deadlines(
    state: &AppState,
    item_code: &str,
    events: &[Event],
    today: NaiveDate,
) -> Option<CaseDeadlines> {
    let item = state.catalog.catalog.item(item_code)?;
    let record = replay(events).ok()?;
    deadlines(
        &record,
        &Limits::of(item),
        &state.catalog.calendar,
        today,
        &DeadlineSettings::default(),
    )
    .ok()
}

/// The entity tag of a case version.
fn etag(version: i64) -> String {
    format!("\"v{version}\"")
}

/// Filters of the case list.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    state: Option<String>,
    department: Option<String>,
    item: Option<String>,
    /// `soon` (due soon or overdue) or `overdue`.
    due: Option<String>,
    /// `due` (the nearest open deadline first, the default) or `newest`.
    sort: Option<String>,
}

/// `GET /api/desk/cases`: the cases with their state, nearest open deadline and warning.
pub async fn list(
    State(state): State<AppState>,
    clerk: Clerk,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM cases WHERE (CAST($1 AS TEXT) IS NULL OR state = $1) AND (CAST($2 AS TEXT) IS NULL OR item_code = $2) \
         ORDER BY id DESC LIMIT 2000"
    ))
    .bind(q.state.as_deref().filter(|s| !s.is_empty()))
    .bind(q.item.as_deref().filter(|s| !s.is_empty()))
    .fetch_all(&state.db)
    .await?;
    let today = Local::now().date_naive();
    let catalog = &state.catalog.catalog;
    let mut out = Vec::new();
    for row in rows {
        let item = catalog.item(&row.item_code);
        let department = item.map(|i| i.department.clone()).unwrap_or_default();
        if q.department
            .as_deref()
            .is_some_and(|d| !d.is_empty() && d != department)
        {
            continue;
        }
        let events = parse_events(&row)?;
        let due = case_deadlines(&state, &row.item_code, &events, today);
        let warning = due.as_ref().and_then(CaseDeadlines::warning);
        let keep = match q.due.as_deref() {
            Some("overdue") => warning == Some(DueStatus::Overdue),
            Some("soon") => matches!(warning, Some(DueStatus::Overdue | DueStatus::DueSoon)),
            _ => true,
        };
        if !keep {
            continue;
        }
        let next = due.as_ref().and_then(|d| d.nearest_open().cloned());
        let days_left = due
            .as_ref()
            .and_then(|d| d.working_days_left(&state.catalog.calendar, today));
        out.push(json!({
            "number": row.number,
            "item": { "code": row.item_code, "name": item.map(|i| i.name.clone()), "department": department },
            "channel": row.channel,
            "state": row.state,
            "applicant_name": row.applicant_name,
            "created_at": row.created_at,
            "warning": warning,
            "next_deadline": next,
            "working_days_left": days_left,
            "version": row.version,
        }));
    }
    if q.sort.as_deref() != Some("newest") {
        out.sort_by_key(|c| {
            c["next_deadline"]["deadline"]["due"]
                .as_str()
                .map_or_else(|| "9999".to_string(), str::to_string)
        });
    }
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "case.list",
            target: "",
            client: &clerk.client,
            success: true,
            detail: &format!("{} cases", out.len()),
        },
    )
    .await?;
    Ok(Json(json!({ "cases": out })))
}

async fn load(state: &AppState, number: &str) -> Result<Row, AppError> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM cases WHERE number = $1"))
        .bind(number)
        .fetch_optional(&state.db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("case {number}")))
}

/// Everything the desk shows of one case (personal data masked).
async fn view(state: &AppState, row: &Row) -> Result<Value, AppError> {
    let events = parse_events(row)?;
    let today = Local::now().date_naive();
    let record = replay(&events).map_err(|e| AppError::Internal(e.into()))?;
    let submission: Value = serde_json::from_str(&row.submission).unwrap_or(Value::Null);
    let outcome: Value = row
        .outcome
        .as_deref()
        .and_then(|o| serde_json::from_str(o).ok())
        .unwrap_or(Value::Null);
    let item = state.catalog.catalog.item(&row.item_code);
    let notices: Vec<IssuedNotice> = numbers::of_case(&state.db, &row.number).await?;
    Ok(json!({
        "number": row.number,
        "lookup_code": row.lookup_code,
        "item": { "code": row.item_code, "name": item.map(|i| i.name.clone()), "department": item.map(|i| i.department.clone()) },
        "channel": row.channel,
        "state": row.state,
        "version": row.version,
        "created_at": row.created_at,
        "applicant": {
            "name": row.applicant_name,
            "id_masked": mask_id(&row.applicant_id),
            "mobile_masked": mask_mobile(&row.applicant_mobile),
        },
        "answers": submission.get("answers").cloned().unwrap_or(Value::Null),
        "marks": submission.get("marks").cloned().unwrap_or(Value::Null),
        "outcome": outcome,
        "events": events,
        "record": record,
        "deadlines": case_deadlines(state, &row.item_code, &events, today),
        "allowed_events": allowed_events(&record),
        "notices": notices,
    }))
}

/// `GET /api/desk/cases/{number}`: one case, with its version as the entity tag.
pub async fn show(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
) -> Result<Response, AppError> {
    let row = load(&state, &number).await;
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "case.view",
            target: &number,
            client: &clerk.client,
            success: row.is_ok(),
            detail: "",
        },
    )
    .await?;
    let row = row?;
    let body = view(&state, &row).await?;
    Ok(([(header::ETAG, etag(row.version))], Json(body)).into_response())
}

/// A lifecycle step as the desk posts it.
#[derive(Deserialize)]
pub struct NewEvent {
    /// What happened (the core's `EventKind`).
    kind: EventKind,
    /// A free note.
    #[serde(default)]
    note: String,
}

/// `POST /api/desk/cases/{number}/events`: records one step. Needs `If-Match` with the
/// case's entity tag: 428 without it, 412 when someone else moved the case first, 422
/// when the core's state machine does not allow the step (saying what may follow).
pub async fn post_event(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, AppError> {
    let result = record_event(&state, &clerk, &number, &headers, body).await;
    let (success, detail) = match &result {
        Ok((kind, _)) => (true, kind.clone()),
        Err(e) => (false, e.summary()),
    };
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "case.event",
            target: &number,
            client: &clerk.client,
            success,
            detail: &detail,
        },
    )
    .await?;
    let (_, response) = result?;
    Ok(response)
}

async fn record_event(
    state: &AppState,
    clerk: &Clerk,
    number: &str,
    headers: &HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<(String, Response), AppError> {
    let body = body.map_err(|e| AppError::BadRequest(format!("请求内容无法读取：{e}")))?;
    let new: NewEvent =
        crate::cases::parse(&body).map_err(|(field, problem)| AppError::Unprocessable {
            message: format!("办件环节数据不正确：{problem}"),
            fields: vec![onewindow_core::submission::FieldError { field, problem }],
        })?;
    let Some(if_match) = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()) else {
        return Err(AppError::PreconditionRequired(
            "send If-Match with the case's ETag (from GET /api/desk/cases/{number})".into(),
        ));
    };
    let row = load(state, number).await?;
    if if_match.trim() != etag(row.version) {
        return Err(AppError::PreconditionFailed(format!(
            "办件已被他人更新（当前版本{}），请刷新后再操作",
            row.version
        )));
    }
    let mut events = parse_events(&row)?;
    let now = Local::now().naive_local();
    // Never before the last event, even if the clock went back.
    let at = events.last().map_or(now, |e| e.at.max(now));
    let kind_name = new.kind.name().to_string();
    let notice_kinds = new.kind.notices();
    events.push(Event {
        at,
        actor: clerk.name.clone(),
        role: clerk.case_role(),
        note: new.note,
        kind: new.kind,
    });
    let record = replay(&events).map_err(|e| AppError::Unprocessable {
        message: format!("这一步不能办理：{e}"),
        fields: vec![onewindow_core::submission::FieldError {
            field: "kind".into(),
            problem: e.to_string(),
        }],
    })?;
    let state_text = record.state.map(state_name).unwrap_or("new");
    let mut tx = state.db.begin().await?;
    let updated = sqlx::query(
        "UPDATE cases SET events = $1, state = $2, version = version + 1 WHERE number = $3 AND version = $4",
    )
    .bind(serde_json::to_string(&events).map_err(|e| AppError::Internal(e.into()))?)
    .bind(state_text)
    .bind(number)
    .bind(row.version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated != 1 {
        return Err(AppError::PreconditionFailed(
            "办件已被他人更新，请刷新后再操作".into(),
        ));
    }
    numbers::issue(
        &mut tx,
        state.catalog.catalog.notices.as_ref(),
        number,
        &notice_kinds,
        events.len() - 1,
        at.date(),
    )
    .await?;
    tx.commit().await?;
    let row = load(state, number).await?;
    let body = view(state, &row).await?;
    Ok((
        kind_name,
        (
            StatusCode::OK,
            [(header::ETAG, etag(row.version))],
            Json(body),
        )
            .into_response(),
    ))
}

/// Why personal data is being shown in full.
#[derive(Deserialize)]
pub struct UnmaskRequest {
    reason: String,
}

/// `POST /api/desk/cases/{number}/unmask`: the full ID number and mobile, only with a
/// reason, always audited.
pub async fn unmask(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
    body: Result<Json<UnmaskRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Value>, AppError> {
    let reason = body
        .map(|Json(b)| b.reason.trim().to_string())
        .unwrap_or_default();
    let row = if reason.chars().count() < 2 {
        Err(AppError::Unprocessable {
            message: "查看完整个人信息须填写理由".into(),
            fields: vec![onewindow_core::submission::FieldError {
                field: "reason".into(),
                problem: "请填写查看理由（例如：核对身份证件原件）".into(),
            }],
        })
    } else {
        load(&state, &number).await
    };
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "case.unmask",
            target: &number,
            client: &clerk.client,
            success: row.is_ok(),
            detail: &reason,
        },
    )
    .await?;
    let row = row?;
    Ok(Json(json!({
        "number": row.number,
        "name": row.applicant_name,
        "id_number": row.applicant_id,
        "mobile": row.applicant_mobile,
    })))
}
