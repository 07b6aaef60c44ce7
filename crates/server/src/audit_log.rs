//! Reading the audit log (`GET /api/desk/audit`): supervisors only.

use crate::auth::Clerk;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::Json;
use onewindow_wire::body::{AuditEntry, AuditLog, AuditQuery};

/// `GET /api/desk/audit`: the newest lines (supervisors only), optionally for one case.
pub async fn list(
    State(state): State<AppState>,
    clerk: Clerk,
    Query(q): Query<AuditQuery>,
) -> Result<Json<AuditLog>, AppError> {
    crate::auth::supervisor_only(
        &state,
        &clerk,
        "audit.read",
        q.target.as_deref().unwrap_or(""),
        "只有负责人可以查看审计日志",
    )
    .await?;
    let rows: Vec<(String, String, String, String, String, i64, String)> = sqlx::query_as(
        "SELECT at, actor, action, target, client, success, detail FROM audit_log \
         WHERE (CAST($1 AS TEXT) IS NULL OR target = $1) ORDER BY id DESC LIMIT $2",
    )
    .bind(q.target.as_deref())
    .bind(q.limit.unwrap_or(200).clamp(1, 1000))
    .fetch_all(&state.db)
    .await?;
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
