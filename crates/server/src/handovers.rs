//! Unfinished work handed over from a shared terminal (`POST /api/handovers`) and picked up
//! at the desk by its number (`GET /api/desk/handovers/{number}`, audited).

use crate::audit::{self, Audit};
use crate::auth::Clerk;
use crate::error::AppError;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Datelike;
use onewindow_core::submission::FieldError;
use onewindow_wire::body::{HandedOver, HandoverCreated, HandoverRequest};

fn refuse(field: &str, problem: String) -> AppError {
    AppError::Unprocessable {
        message: "交接内容不正确".into(),
        fields: vec![FieldError {
            field: field.into(),
            problem,
        }],
    }
}

/// `POST /api/handovers`: stores the unfinished work; the same draft gets the same number.
pub async fn create(
    State(state): State<AppState>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<(StatusCode, Json<HandoverCreated>), AppError> {
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge,
        _ => AppError::BadRequest(format!("the request body could not be read: {e}")),
    })?;
    let h: HandoverRequest = serde_json::from_slice(&body)
        .map_err(|e| refuse("body", format!("不是有效的交接内容：{e}")))?;
    let draft_id = h.draft_id.trim();
    if draft_id.is_empty() || draft_id.len() > 100 {
        return Err(refuse("draft_id", "缺少草稿编号".into()));
    }
    if state.catalog.catalog.item(&h.item).is_none() {
        return Err(refuse("item", format!("没有编码为“{}”的事项", h.item)));
    }
    let now = crate::clock::now();
    let mut tx = state.db.begin().await?;
    if let Some(number) =
        sqlx::query_scalar::<_, String>("SELECT number FROM handovers WHERE draft_id = $1")
            .bind(draft_id)
            .fetch_optional(&mut *tx)
            .await?
    {
        return Ok((StatusCode::OK, Json(HandoverCreated { number })));
    }
    let year = now.year();
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO sequences (name, value) VALUES ($1, 1) ON CONFLICT(name) DO UPDATE SET value = sequences.value + 1 RETURNING value",
    )
    .bind(format!("handover-{year}"))
    .fetch_one(&mut *tx)
    .await?;
    let number = format!("J{year}-{seq:06}");
    sqlx::query(
        "INSERT INTO handovers (number, draft_id, item_code, content, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&number)
    .bind(draft_id)
    .bind(&h.item)
    .bind(
        state
            .vault
            .seal(&serde_json::to_string(&h).map_err(|e| AppError::Internal(e.into()))?),
    )
    .bind(now.to_string())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(number, item = h.item, "unfinished work handed over");
    Ok((StatusCode::CREATED, Json(HandoverCreated { number })))
}

/// `GET /api/desk/handovers/{number}`: the handed-over work, for a clerk (audited).
pub async fn open(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
) -> Result<Json<HandedOver>, AppError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT content, created_at FROM handovers WHERE number = $1")
            .bind(number.trim().to_uppercase())
            .fetch_optional(&state.db)
            .await?;
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "handover.open",
            target: &number,
            client: &clerk.client,
            success: row.is_some(),
            detail: "",
        },
    )
    .await?;
    let (content, created_at) =
        row.ok_or_else(|| AppError::NotFound(format!("handover {number}")))?;
    let content = state
        .vault
        .open(&content)
        .map_err(|e| AppError::Internal(e.context(format!("handover {number}"))))?;
    let h: HandoverRequest = serde_json::from_str(&content).map_err(|e| {
        AppError::Internal(anyhow::anyhow!("handover {number}: stored content: {e}"))
    })?;
    Ok(Json(HandedOver {
        number: number.trim().to_uppercase(),
        created_at,
        item: h.item,
        answers: h.answers,
        applicant: h.applicant,
        agent: h.agent,
    }))
}
