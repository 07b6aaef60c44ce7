//! 办不成事: filing a complaint (anyone, rate-limited), following it by number and lookup
//! code (a wrong code answers like a missing complaint), and the follow-up: supervisors
//! list, assign and close; the assignee lists theirs, logs actions and closes. The core checks the report and the result and sets the follow-up's deadline;
//! the server's clock says when; every supervisor read and close is audited.

use crate::applicant::same_code;
use crate::audit::{self, Audit};
use crate::auth::{supervisor_only, Clerk};
use crate::error::AppError;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{Datelike, NaiveDateTime};
use onewindow_core::complaint::{self, ComplaintAction, ComplaintReport};
use onewindow_core::submission::FieldError;
use onewindow_core::validate::{mask_mobile, mask_name};
use onewindow_wire::body::{ItemRef, LookupQuery};
use onewindow_wire::complaint::{
    ComplaintAssignment, ComplaintClosing, ComplaintFiled, ComplaintList, ComplaintListQuery,
    ComplaintNote, ComplaintRequest, ComplaintResult, ComplaintRow, ComplaintView,
};

/// A stored complaint.
#[derive(sqlx::FromRow)]
struct Row {
    number: String,
    lookup_code: String,
    item_code: String,
    place: String,
    what: String,
    name: String,
    mobile: String,
    at_terminal: i64,
    filed_at: String,
    closed_at: String,
    closed_by: String,
    result: String,
    assigned_to: String,
    actions: String,
}

const COLUMNS: &str = "number, lookup_code, item_code, place, what, name, mobile, at_terminal, filed_at, closed_at, closed_by, result, assigned_to, actions";

/// How times are stored.
const AT: &str = "%Y-%m-%dT%H:%M:%S";

fn time(text: &str, number: &str) -> Result<NaiveDateTime, AppError> {
    NaiveDateTime::parse_from_str(text, AT).map_err(|e| {
        AppError::Internal(anyhow::anyhow!(
            "complaint {number}: stored time {text:?}: {e}"
        ))
    })
}

fn body_bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, AppError> {
    body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge,
        _ => AppError::BadRequest(format!("the request body could not be read: {e}")),
    })
}

fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    crate::cases::parse(body).map_err(|(field, problem)| AppError::Unprocessable {
        message: format!("提交的数据不正确：{problem}"),
        fields: vec![FieldError { field, problem }],
    })
}

impl Row {
    fn item(&self, state: &AppState) -> Option<ItemRef> {
        (!self.item_code.is_empty()).then(|| {
            let item = state.catalog.catalog.item(&self.item_code);
            ItemRef {
                code: self.item_code.clone(),
                name: item.map(|i| i.name.clone()),
                department: item.map(|i| i.department.clone()),
            }
        })
    }

    fn result(&self) -> Result<Option<ComplaintResult>, AppError> {
        if self.closed_at.is_empty() {
            return Ok(None);
        }
        Ok(Some(ComplaintResult {
            at: time(&self.closed_at, &self.number)?,
            result: self.result.clone(),
        }))
    }

    fn follow_up(&self, state: &AppState) -> Result<onewindow_core::case::CaseDeadline, AppError> {
        let closed = self.result()?.map(|r| r.at);
        let c = &state.catalog;
        complaint::follow_up(
            time(&self.filed_at, &self.number)?,
            closed,
            &c.calendar,
            &c.catalog.settings.deadlines,
            crate::clock::today(),
        )
        .map_err(|e| AppError::Internal(anyhow::anyhow!("complaint {}: {e}", self.number)))
    }

    fn view(&self, state: &AppState) -> Result<ComplaintView, AppError> {
        Ok(ComplaintView {
            number: self.number.clone(),
            filed_at: time(&self.filed_at, &self.number)?,
            item: self.item(state),
            place: self.place.clone(),
            what: self.what.clone(),
            name_masked: mask_name(&self.name),
            mobile_masked: mask_mobile(&self.mobile),
            follow_up: self.follow_up(state)?,
            result: self.result()?,
        })
    }

    fn row(&self, state: &AppState) -> Result<ComplaintRow, AppError> {
        Ok(ComplaintRow {
            number: self.number.clone(),
            filed_at: time(&self.filed_at, &self.number)?,
            item: self.item(state),
            place: self.place.clone(),
            what: self.what.clone(),
            name: self.name.clone(),
            mobile: self.mobile.clone(),
            at_terminal: self.at_terminal != 0,
            follow_up: self.follow_up(state)?,
            result: self.result()?,
            closed_by: (!self.closed_by.is_empty()).then(|| self.closed_by.clone()),
            assigned_to: (!self.assigned_to.is_empty()).then(|| self.assigned_to.clone()),
            actions: self.actions()?,
        })
    }

    fn actions(&self) -> Result<Vec<ComplaintAction>, AppError> {
        serde_json::from_str(&self.actions).map_err(|e| {
            AppError::Internal(anyhow::anyhow!(
                "complaint {}: its follow-up log cannot be read: {e}",
                self.number
            ))
        })
    }
}

/// `POST /api/complaints`: checks the report in the core, numbers it by the server's
/// year and stores it; the answer gives the number, the lookup code and the due date.
pub async fn file(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<ComplaintFiled>), AppError> {
    let body = body_bytes(body)?;
    let request: ComplaintRequest = parse(&body)?;
    let c = &state.catalog;
    let report: ComplaintReport =
        complaint::check(&request.report, |code| c.catalog.item(code).is_some()).map_err(
            |fields| AppError::Unprocessable {
                message: "反映内容不完整，请按提示补充后再提交".into(),
                fields,
            },
        )?;
    let now = crate::clock::now();
    let code = crate::cases::lookup_code()?;
    let mut tx = state.db.begin().await?;
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO sequences (name, value) VALUES ($1, 1) ON CONFLICT(name) DO UPDATE SET value = sequences.value + 1 RETURNING value",
    )
    .bind(format!("complaint-{}", now.year()))
    .fetch_one(&mut *tx)
    .await?;
    let number = complaint::number(now.year(), seq);
    sqlx::query(
        "INSERT INTO complaints (number, lookup_code, item_code, place, what, name, mobile, at_terminal, filed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&number)
    .bind(&code)
    .bind(&report.item)
    .bind(&report.place)
    .bind(&report.what)
    .bind(state.vault.seal(&report.name))
    .bind(state.vault.seal(&report.mobile))
    .bind(i64::from(request.at_terminal))
    .bind(now.format(AT).to_string())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let due = complaint::follow_up(
        now,
        None,
        &c.calendar,
        &c.catalog.settings.deadlines,
        now.date(),
    )
    .map_err(|e| AppError::Internal(anyhow::anyhow!("complaint {number}: {e}")))?
    .deadline
    .due;
    audit::record(
        &state.db,
        Audit {
            actor: "反映人",
            action: "complaint.file",
            target: &number,
            client: "",
            success: true,
            detail: if request.at_terminal {
                "terminal"
            } else {
                "online"
            },
        },
    )
    .await?;
    tracing::info!(number, "complaint filed");
    Ok((
        StatusCode::CREATED,
        Json(ComplaintFiled { number, code, due }),
    ))
}

async fn stored(state: &AppState, number: &str) -> Result<Option<Row>, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM complaints WHERE number = $1"
    ))
    .bind(number.trim().to_uppercase())
    .fetch_optional(&state.db)
    .await?;
    row.map(|r| opened(state, r)).transpose()
}

/// The row with the reporter's name and mobile opened (they are stored sealed).
fn opened(state: &AppState, mut row: Row) -> Result<Row, AppError> {
    state
        .vault
        .open_in_place(
            &format!("complaint {}", row.number),
            &mut [&mut row.name, &mut row.mobile],
        )
        .map_err(AppError::Internal)?;
    Ok(row)
}

/// `GET /api/complaints/{number}?code=…`: the reporter's view; a wrong code is a missing
/// complaint.
pub async fn lookup(
    State(state): State<AppState>,
    Path(number): Path<String>,
    Query(q): Query<LookupQuery>,
) -> Result<Json<ComplaintView>, AppError> {
    let given = q.code.unwrap_or_default().trim().to_uppercase();
    match stored(&state, &number).await? {
        Some(row) if same_code(&row.lookup_code, &given) => Ok(Json(row.view(&state)?)),
        _ => Err(AppError::NotFound(format!(
            "complaint {number} (check the number and the lookup code)"
        ))),
    }
}

/// `GET /api/desk/complaints`: open ones oldest first, then closed ones newest first
/// (supervisors only, audited: the list shows contacts in full).
pub async fn list(
    State(state): State<AppState>,
    clerk: Clerk,
    q: Result<Query<ComplaintListQuery>, QueryRejection>,
) -> Result<Json<ComplaintList>, AppError> {
    let Query(q) = q.map_err(|e| AppError::BadRequest(format!("查询条件不正确：{e}")))?;
    // Anyone sees what is assigned to them; only supervisors see every complaint.
    if !q.mine {
        supervisor_only(
            &state,
            &clerk,
            "complaint.list",
            "",
            "只有中心管理人员可以查看全部办不成事反映",
        )
        .await?;
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM complaints WHERE ($1 = 0 OR closed_at = '') AND ($2 = '' OR assigned_to = $2) \
         ORDER BY CASE WHEN closed_at = '' THEN 0 ELSE 1 END, \
         CASE WHEN closed_at = '' THEN id ELSE -id END LIMIT 500"
    ))
    .bind(i64::from(q.open))
    .bind(if q.mine { clerk.name.as_str() } else { "" })
    .fetch_all(&state.db)
    .await?;
    let rows = rows
        .into_iter()
        .map(|r| opened(&state, r))
        .collect::<Result<Vec<Row>, AppError>>()?;
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "complaint.list",
            target: "",
            client: &clerk.client,
            success: true,
            detail: if q.open { "open" } else { "all" },
        },
    )
    .await?;
    Ok(Json(ComplaintList {
        complaints: rows
            .iter()
            .map(|r| r.row(&state))
            .collect::<Result<_, _>>()?,
    }))
}

/// `POST /api/desk/complaints/{number}/close`: closes an open complaint with the result
/// the reporter reads (a supervisor or the assignee, by the server's clock, audited).
pub async fn close(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ComplaintRow>, AppError> {
    let body = body_bytes(body)?;
    let closing: ComplaintClosing = parse(&body)?;
    if let Some(problem) = complaint::result_problem(&closing.result) {
        return Err(unprocessable("result", problem));
    }
    let row = follower(&state, &clerk, &number, "complaint.close").await?;
    let now = crate::clock::now();
    // Only an open one closes: two supervisors closing at once, the second is told.
    let closed = sqlx::query(
        "UPDATE complaints SET closed_at = $1, closed_by = $2, result = $3 WHERE number = $4 AND closed_at = '' AND assigned_to = $5",
    )
    .bind(now.format(AT).to_string())
    .bind(&clerk.name)
    .bind(closing.result.trim())
    .bind(&row.number)
    // Still assigned as when checked: reassigned meanwhile, the closer is told.
    .bind(&row.assigned_to)
    .execute(&state.db)
    .await?
    .rows_affected();
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "complaint.close",
            target: &row.number,
            client: &clerk.client,
            success: closed == 1,
            detail: "",
        },
    )
    .await?;
    if closed != 1 {
        return Err(AppError::Conflict(format!(
            "{} 已由他人办结或改派，请刷新列表",
            row.number
        )));
    }
    let row = stored(&state, &number)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("complaint {number}")))?;
    Ok(Json(row.row(&state)?))
}

/// The open complaint `number` if `clerk` may follow it up (a supervisor or its assignee);
/// a refusal is audited as `action`.
async fn follower(
    state: &AppState,
    clerk: &Clerk,
    number: &str,
    action: &str,
) -> Result<Row, AppError> {
    let Some(row) = stored(state, number).await? else {
        return Err(AppError::NotFound(format!("complaint {number}")));
    };
    if !complaint::may_follow_up(clerk.role == "supervisor", &row.assigned_to, &clerk.name) {
        audit::record(
            &state.db,
            Audit {
                actor: &clerk.name,
                action,
                target: &row.number,
                client: &clerk.client,
                success: false,
                detail: "not assigned",
            },
        )
        .await?;
        return Err(AppError::Forbidden(
            "只有中心管理人员或被指派的处理人可以处理这件反映".into(),
        ));
    }
    if !row.closed_at.is_empty() {
        return Err(AppError::Conflict(format!(
            "{} 已办结，不能再指派或记录处理情况",
            row.number
        )));
    }
    Ok(row)
}

/// Appends `note` by `by` to the complaint's log and sets `assigned_to` when given; only
/// while the log is as read (two writers: the second is told).
async fn log_action(
    state: &AppState,
    row: &Row,
    by: &str,
    note: String,
    assigned_to: Option<&str>,
) -> Result<Row, AppError> {
    let mut actions = row.actions()?;
    actions.push(ComplaintAction {
        at: crate::clock::now(),
        by: by.to_string(),
        note,
    });
    let text = serde_json::to_string(&actions).map_err(|e| AppError::Internal(e.into()))?;
    let changed = sqlx::query(
        "UPDATE complaints SET actions = $1, assigned_to = $2, \
         site = COALESCE((SELECT site FROM users WHERE name = $2), site) \
         WHERE number = $3 AND actions = $4 AND closed_at = ''",
    )
    .bind(&text)
    .bind(assigned_to.unwrap_or(&row.assigned_to))
    .bind(&row.number)
    .bind(&row.actions)
    .execute(&state.db)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(AppError::Conflict(format!(
            "{} 刚刚有更新，请刷新后重试",
            row.number
        )));
    }
    stored(state, &row.number)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("complaint {}", row.number)))
}

fn unprocessable(field: &str, problem: &str) -> AppError {
    AppError::Unprocessable {
        message: problem.into(),
        fields: vec![FieldError {
            field: field.into(),
            problem: problem.into(),
        }],
    }
}

/// `POST /api/desk/complaints/{number}/assign`: a supervisor names who follows it up (an
/// existing account), logged and audited.
pub async fn assign(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ComplaintRow>, AppError> {
    supervisor_only(
        &state,
        &clerk,
        "complaint.assign",
        &number,
        "只有中心管理人员可以指派处理人",
    )
    .await?;
    let body = body_bytes(body)?;
    let a: ComplaintAssignment = parse(&body)?;
    let to = a.to.trim();
    let exists: Option<String> = sqlx::query_scalar("SELECT name FROM users WHERE name = $1")
        .bind(to)
        .fetch_optional(&state.db)
        .await?;
    if exists.is_none() {
        return Err(unprocessable(
            "to",
            &format!("没有名为“{to}”的工作人员账号"),
        ));
    }
    let row = follower(&state, &clerk, &number, "complaint.assign").await?;
    let row = log_action(&state, &row, &clerk.name, format!("指派{to}处理"), Some(to)).await?;
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "complaint.assign",
            target: &row.number,
            client: &clerk.client,
            success: true,
            detail: to,
        },
    )
    .await?;
    Ok(Json(row.row(&state)?))
}

/// `POST /api/desk/complaints/{number}/actions`: what was done, by a supervisor or the
/// assignee, logged with the server's clock and audited.
pub async fn record_action(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ComplaintRow>, AppError> {
    let body = body_bytes(body)?;
    let n: ComplaintNote = parse(&body)?;
    if let Some(problem) = complaint::action_problem(&n.note) {
        return Err(unprocessable("note", problem));
    }
    let row = follower(&state, &clerk, &number, "complaint.action").await?;
    let row = log_action(&state, &row, &clerk.name, n.note.trim().to_string(), None).await?;
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "complaint.action",
            target: &row.number,
            client: &clerk.client,
            success: true,
            detail: "",
        },
    )
    .await?;
    Ok(Json(row.row(&state)?))
}
