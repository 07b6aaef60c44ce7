//! Reading the audit log (`GET /api/desk/audit`) and exporting it as CSV
//! (`GET /api/desk/audit/export`), filtered by who, what, target and when: supervisors
//! only; an export is itself a line of the log.

use crate::auth::Clerk;
use crate::error::AppError;
use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use onewindow_wire::body::{AuditEntry, AuditLog, AuditQuery};

type Line = (String, String, String, String, String, i64, String);

/// The lines matching `q`, newest first, at most `limit`.
async fn lines(state: &AppState, q: &AuditQuery, limit: i64) -> Result<Vec<Line>, AppError> {
    let action = q.action.as_deref().map(str::trim).filter(|a| !a.is_empty());
    Ok(sqlx::query_as(
        "SELECT at, actor, action, target, client, success, detail FROM audit_log \
         WHERE (CAST($1 AS TEXT) IS NULL OR target = $1) \
         AND (CAST($2 AS TEXT) IS NULL OR actor = $2) \
         AND (CAST($3 AS TEXT) IS NULL OR action = $3 OR substr(action, 1, CAST($8 AS INTEGER)) = $4) \
         AND (CAST($5 AS TEXT) IS NULL OR at >= $5) \
         AND (CAST($6 AS TEXT) IS NULL OR at < $6) \
         ORDER BY id DESC LIMIT $7",
    )
    .bind(q.target.as_deref().map(str::trim).filter(|t| !t.is_empty()))
    .bind(q.actor.as_deref().map(str::trim).filter(|a| !a.is_empty()))
    .bind(action)
    // A kind of action is a prefix with its dot, compared exactly (LIKE would differ in
    // case between SQLite and PostgreSQL and take `_` for a wildcard).
    .bind(action.map(|a| format!("{a}.")))
    .bind(q.from.map(|d| d.format("%Y-%m-%d").to_string()))
    .bind(
        q.to.and_then(|d| d.succ_opt())
            .map(|d| d.format("%Y-%m-%d").to_string()),
    )
    .bind(limit)
    .bind(action.map_or(0, |a| a.len() as i64 + 1))
    .fetch_all(&state.db)
    .await?)
}

fn query(q: Result<Query<AuditQuery>, QueryRejection>) -> Result<AuditQuery, AppError> {
    let Query(q) = q.map_err(|e| {
        AppError::BadRequest(format!(
            "审计日志的查询条件不正确（日期为 YYYY-MM-DD）：{e}"
        ))
    })?;
    if let (Some(from), Some(to)) = (q.from, q.to) {
        if to < from {
            return Err(AppError::BadRequest(format!(
                "审计日志的起止日期须从早到晚：{from} 至 {to}"
            )));
        }
    }
    Ok(q)
}

/// `GET /api/desk/audit`: the newest lines (supervisors only) for the filters.
pub async fn list(
    State(state): State<AppState>,
    clerk: Clerk,
    q: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Json<AuditLog>, AppError> {
    // Who asks first: a refused bad query is audited as a refusal, not answered as 400.
    crate::auth::supervisor_only(
        &state,
        &clerk,
        "audit.read",
        "",
        "只有负责人可以查看审计日志",
    )
    .await?;
    let q = query(q)?;
    let rows = lines(&state, &q, q.limit.unwrap_or(200).clamp(1, 1000)).await?;
    Ok(Json(AuditLog {
        entries: rows
            .into_iter()
            .map(
                |(at, actor, action, target, client, success, detail)| AuditEntry {
                    at,
                    actor,
                    action,
                    target,
                    client,
                    success: success == 1,
                    detail,
                },
            )
            .collect(),
    }))
}

/// `GET /api/desk/audit/export`: the lines for the filters as CSV (UTF-8 with a byte-order
/// mark), at most 100,000; the export is audited with its filters.
pub async fn export(
    State(state): State<AppState>,
    clerk: Clerk,
    q: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    crate::auth::supervisor_only(
        &state,
        &clerk,
        "audit.export",
        "",
        "只有负责人可以导出审计日志",
    )
    .await?;
    let q = query(q)?;
    let rows = lines(&state, &q, 100_000).await?;
    crate::audit::record(
        &state.db,
        crate::audit::Audit {
            actor: &clerk.name,
            action: "audit.export",
            target: q.target.as_deref().unwrap_or(""),
            client: &clerk.client,
            success: true,
            detail: &format!(
                "actor={} action={} from={} to={} lines={}",
                q.actor.as_deref().unwrap_or(""),
                q.action.as_deref().unwrap_or(""),
                q.from.map(|d| d.to_string()).unwrap_or_default(),
                q.to.map(|d| d.to_string()).unwrap_or_default(),
                rows.len()
            ),
        },
    )
    .await?;
    let mut out = String::from("\u{feff}时间,操作人,操作,对象,来源地址,是否成功,说明\r\n");
    for (at, actor, action, target, client, success, detail) in rows {
        let cells = [
            at,
            actor,
            action,
            target,
            client,
            if success == 1 { "是" } else { "否" }.to_string(),
            detail,
        ];
        out.push_str(&crate::csv::line(&cells));
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"audit.csv\"; filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97.csv".to_string(),
            ),
        ],
        out,
    )
        .into_response())
}
