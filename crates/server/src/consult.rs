//! The guidance desk's consultations: each counted (item, desk, the server's time), and a
//! question the desk cannot answer sent to the item's department, whose back office
//! (support, reviewer and lead posts) answers it by the due time the core sets.

use crate::audit::{self, Audit};
use crate::auth::Clerk;
use crate::error::AppError;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDateTime;
use onewindow_core::consultation::{answer_due, answer_late, answers_for, is_back_office};
use onewindow_core::submission::FieldError;
use onewindow_wire::consult::{
    ConsultationRecorded, ConsultationRequest, Enquiry, EnquiryAnswer, EnquiryList, EnquiryRequest,
};

/// The longest question or answer kept.
const MAX_TEXT: usize = 2000;

fn unprocessable(field: &str, problem: &str) -> AppError {
    AppError::Unprocessable {
        message: problem.into(),
        fields: vec![FieldError {
            field: field.into(),
            problem: problem.into(),
        }],
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    body: Result<Bytes, BytesRejection>,
) -> Result<T, AppError> {
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge,
        _ => AppError::BadRequest(format!("the request body could not be read: {e}")),
    })?;
    crate::cases::parse(&body).map_err(|(field, problem)| AppError::Unprocessable {
        message: format!("提交的数据不正确：{problem}"),
        fields: vec![FieldError { field, problem }],
    })
}

/// The item named, or a refusal naming the field.
fn item<'a>(state: &'a AppState, code: &str) -> Result<&'a onewindow_core::ServiceItem, AppError> {
    state
        .catalog
        .catalog
        .item(code)
        .ok_or_else(|| unprocessable("item", &format!("没有编码为“{code}”的事项，请重新选择")))
}

/// A text field, trimmed, not empty and not too long.
fn text(field: &str, value: &str) -> Result<String, AppError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(unprocessable(field, "请填写内容"));
    }
    if v.chars().count() > MAX_TEXT {
        return Err(unprocessable(
            field,
            &format!("内容过长：最多 {MAX_TEXT} 字"),
        ));
    }
    Ok(v.to_string())
}

/// `POST /api/desk/consultations`.
pub async fn record(
    State(state): State<AppState>,
    clerk: Clerk,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<ConsultationRecorded>), AppError> {
    let req: ConsultationRequest = parse(body)?;
    let item = item(&state, &req.item)?;
    let at = crate::clock::now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO consultations (item_code, clerk, site, at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(&item.code)
    .bind(&clerk.name)
    .bind(&clerk.site)
    .bind(stamp(at))
    .fetch_one(&state.db)
    .await?;
    Ok((StatusCode::CREATED, Json(ConsultationRecorded { id, at })))
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    item_code: String,
    department: String,
    question: String,
    asked_by: String,
    asked_at: String,
    due: String,
    answer: Option<String>,
    answered_by: Option<String>,
    answered_at: Option<String>,
}

const COLUMNS: &str = "id, item_code, department, question, asked_by, asked_at, due, answer, answered_by, answered_at";

/// A time as stored: ISO 8601, so that text order is time order.
pub fn stamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn time(s: &str) -> Result<NaiveDateTime, AppError> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .map_err(|e| AppError::Internal(anyhow::anyhow!("a stored time \"{s}\": {e}")))
}

impl Row {
    fn wire(self, state: &AppState, now: NaiveDateTime) -> Result<Enquiry, AppError> {
        let due = time(&self.due)?;
        let answered_at = self.answered_at.as_deref().map(time).transpose()?;
        Ok(Enquiry {
            item_name: state
                .catalog
                .catalog
                .item(&self.item_code)
                .map(|i| i.name.clone())
                .unwrap_or_default(),
            id: self.id,
            item: self.item_code,
            department: self.department,
            question: self.question,
            asked_by: self.asked_by,
            asked_at: time(&self.asked_at)?,
            late: answer_late(due, answered_at, now),
            due,
            answer: self.answer,
            answered_by: self.answered_by,
            answered_at,
        })
    }
}

async fn one(state: &AppState, id: i64) -> Result<Option<Row>, AppError> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM enquiries WHERE id = $1"))
            .bind(id)
            .fetch_optional(&state.db)
            .await?,
    )
}

/// `POST /api/desk/enquiries`.
pub async fn ask(
    State(state): State<AppState>,
    clerk: Clerk,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Enquiry>), AppError> {
    let req: EnquiryRequest = parse(body)?;
    let item = item(&state, &req.item)?;
    let question = text("question", &req.question)?;
    let now = crate::clock::now();
    let due = answer_due(&state.catalog.calendar, now)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("no due time: {e}")))?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO enquiries (item_code, department, question, asked_by, site, asked_at, due) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&item.code)
    .bind(&item.department)
    .bind(&question)
    .bind(&clerk.name)
    .bind(&clerk.site)
    .bind(stamp(now))
    .bind(stamp(due))
    .fetch_one(&state.db)
    .await?;
    let row = one(&state, id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("enquiry {id} vanished")))?;
    Ok((StatusCode::CREATED, Json(row.wire(&state, now)?)))
}

/// `GET /api/desk/enquiries`.
pub async fn list(
    State(state): State<AppState>,
    clerk: Clerk,
) -> Result<Json<EnquiryList>, AppError> {
    let now = crate::clock::now();
    // Open ones first, then the latest answered (the last 100 of each kind).
    let order = "ORDER BY (answered_at IS NULL) DESC, asked_at DESC LIMIT 100";
    let asked: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM enquiries WHERE asked_by = $1 {order}"
    ))
    .bind(&clerk.name)
    .fetch_all(&state.db)
    .await?;
    let mut to_answer = Vec::new();
    if is_back_office(clerk.case_role()) {
        for d in &clerk.departments {
            let rows: Vec<Row> = sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM enquiries WHERE department = $1 {order}"
            ))
            .bind(d)
            .fetch_all(&state.db)
            .await?;
            to_answer.extend(rows);
        }
    }
    let wire = |rows: Vec<Row>| -> Result<Vec<Enquiry>, AppError> {
        rows.into_iter().map(|r| r.wire(&state, now)).collect()
    };
    Ok(Json(EnquiryList {
        asked: wire(asked)?,
        to_answer: wire(to_answer)?,
    }))
}

/// `POST /api/desk/enquiries/{id}/answer`.
pub async fn answer(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(id): Path<i64>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Enquiry>, AppError> {
    let req: EnquiryAnswer = parse(body)?;
    let answer = text("answer", &req.answer)?;
    let row = one(&state, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("没有编号为 {id} 的咨询问题")))?;
    if !answers_for(clerk.case_role(), &clerk.departments, &row.department) {
        return Err(AppError::Forbidden(format!(
            "只有{}的后台人员可以答复这个问题",
            row.department
        )));
    }
    let now = crate::clock::now();
    let done = sqlx::query(
        "UPDATE enquiries SET answer = $1, answered_by = $2, answered_at = $3 WHERE id = $4 AND answered_at IS NULL",
    )
    .bind(&answer)
    .bind(&clerk.name)
    .bind(stamp(now))
    .bind(id)
    .execute(&state.db)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(AppError::Conflict(format!(
            "这个问题已由{}答复，请刷新后查看",
            row.answered_by.unwrap_or_default()
        )));
    }
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "enquiry.answer",
            target: &id.to_string(),
            client: &clerk.client,
            success: true,
            detail: &row.item_code,
        },
    )
    .await?;
    let row = one(&state, id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("enquiry {id} vanished")))?;
    Ok(Json(row.wire(&state, now)?))
}
