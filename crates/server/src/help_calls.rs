//! "呼叫工作人员": a self-service terminal calls a member of staff; every desk sees the
//! open calls (oldest first) and one clerk takes each. The server's clock dates them.

use crate::auth::Clerk;
use crate::consult::stamp;
use crate::error::AppError;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDateTime;
use onewindow_core::submission::FieldError;
use onewindow_wire::consult::{HelpCall, HelpCalls, HelpRequest};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    place: String,
    item_code: String,
    called_at: String,
    handled_by: Option<String>,
}

impl Row {
    fn wire(self, state: &AppState) -> Result<HelpCall, AppError> {
        Ok(HelpCall {
            id: self.id,
            item_name: state
                .catalog
                .catalog
                .item(&self.item_code)
                .map(|i| i.name.clone()),
            place: self.place,
            called_at: NaiveDateTime::parse_from_str(&self.called_at, "%Y-%m-%dT%H:%M:%S")
                .map_err(|e| AppError::Internal(anyhow::anyhow!("a stored time: {e}")))?,
            handled_by: self.handled_by,
        })
    }
}

const COLUMNS: &str = "id, place, item_code, called_at, handled_by";

/// How long a call stays on the desks' list: a person waits minutes, not hours; an older
/// call no one took is not shown above the new ones.
const RECENT_MINUTES: i64 = 120;

async fn one(state: &AppState, id: i64) -> Result<Option<Row>, AppError> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM help_calls WHERE id = $1"))
            .bind(id)
            .fetch_optional(&state.db)
            .await?,
    )
}

/// `POST /api/help`.
pub async fn call(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<HelpCall>), AppError> {
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge,
        _ => AppError::BadRequest(format!("the request body could not be read: {e}")),
    })?;
    let req: HelpRequest =
        crate::cases::parse(&body).map_err(|(field, problem)| AppError::Unprocessable {
            message: format!("提交的数据不正确：{problem}"),
            fields: vec![FieldError { field, problem }],
        })?;
    let place = req.place.trim();
    if place.is_empty() || place.chars().count() > 100 {
        return Err(AppError::Unprocessable {
            message: "请在安装终端时设置它的位置（?terminal=1&place=…，最多 100 字）".into(),
            fields: vec![FieldError {
                field: "place".into(),
                problem: "终端位置为空或过长".into(),
            }],
        });
    }
    // An item the catalogue does not have is left out rather than refused: help comes anyway.
    let item = req
        .item
        .filter(|c| state.catalog.catalog.item(c).is_some())
        .unwrap_or_default();
    // Pressed again while a call from the same place waits: the same call.
    let now = crate::clock::now();
    let waiting: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM help_calls WHERE place = $1 AND handled_at IS NULL AND called_at >= $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(place)
    .bind(stamp(now - chrono::Duration::minutes(RECENT_MINUTES)))
    .fetch_optional(&state.db)
    .await?;
    let id: i64 = match waiting {
        Some(id) => id,
        None => sqlx::query_scalar(
            "INSERT INTO help_calls (place, item_code, called_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(place)
        .bind(&item)
        .bind(stamp(now))
        .fetch_one(&state.db)
        .await?,
    };
    let row = one(&state, id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("help call {id} vanished")))?;
    Ok((StatusCode::CREATED, Json(row.wire(&state)?)))
}

/// `GET /api/desk/help`.
pub async fn list(
    State(state): State<AppState>,
    _clerk: Clerk,
) -> Result<Json<HelpCalls>, AppError> {
    let since = stamp(crate::clock::now() - chrono::Duration::minutes(RECENT_MINUTES));
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM help_calls WHERE handled_at IS NULL AND called_at >= $1 ORDER BY called_at, id LIMIT 50"
    ))
    .bind(since)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(HelpCalls {
        open: rows
            .into_iter()
            .map(|r| r.wire(&state))
            .collect::<Result<_, _>>()?,
    }))
}

/// `POST /api/desk/help/{id}/handled`.
pub async fn handled(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(id): Path<i64>,
) -> Result<Json<HelpCall>, AppError> {
    let row = one(&state, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("没有编号为 {id} 的求助")))?;
    let taken = sqlx::query(
        "UPDATE help_calls SET handled_by = $1, handled_at = $2 WHERE id = $3 AND handled_at IS NULL",
    )
    .bind(&clerk.name)
    .bind(stamp(crate::clock::now()))
    .bind(id)
    .execute(&state.db)
    .await?
    .rows_affected();
    if taken == 0 {
        return Err(AppError::Conflict(format!(
            "{}已前往处理这个求助",
            row.handled_by.unwrap_or_default()
        )));
    }
    let row = one(&state, id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("help call {id} vanished")))?;
    Ok(Json(row.wire(&state)?))
}
