//! The append-only audit log: who did what, when, from where, and whether it worked. The
//! table's triggers refuse any change or removal.

use crate::auth::Clerk;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

/// One line of the log.
pub struct Audit<'a> {
    /// The account (or the name tried, for a failed login).
    pub actor: &'a str,
    /// What was done, e.g. `login`, `case.event`, `case.unmask`.
    pub action: &'a str,
    /// What it was done to, e.g. a case number.
    pub target: &'a str,
    /// The client's address.
    pub client: &'a str,
    /// Whether it worked.
    pub success: bool,
    /// More: the event, the reason given, why it failed.
    pub detail: &'a str,
}

/// Appends one line.
pub async fn record(db: &crate::db::Db, a: Audit<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, target, client, success, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(chrono::Local::now().naive_local().format("%Y-%m-%d %H:%M:%S").to_string())
    .bind(a.actor)
    .bind(a.action)
    .bind(a.target)
    .bind(a.client)
    .bind(i64::from(a.success))
    .bind(a.detail)
    .execute(db)
    .await?;
    Ok(())
}

/// Filters for reading the log.
#[derive(Deserialize)]
pub struct AuditQuery {
    target: Option<String>,
    limit: Option<i64>,
}

/// `GET /api/desk/audit`: the newest lines (supervisors only), optionally for one case.
pub async fn list(
    State(state): State<AppState>,
    clerk: Clerk,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Value>, AppError> {
    if clerk.role != "supervisor" {
        record(
            &state.db,
            Audit {
                actor: &clerk.name,
                action: "audit.read",
                target: q.target.as_deref().unwrap_or(""),
                client: &clerk.client,
                success: false,
                detail: "not a supervisor",
            },
        )
        .await?;
        return Err(AppError::Forbidden("只有负责人可以查看审计日志".into()));
    }
    let rows: Vec<(String, String, String, String, String, i64, String)> = sqlx::query_as(
        "SELECT at, actor, action, target, client, success, detail FROM audit_log \
         WHERE (CAST($1 AS TEXT) IS NULL OR target = $1) ORDER BY id DESC LIMIT $2",
    )
    .bind(q.target.as_deref())
    .bind(q.limit.unwrap_or(200).clamp(1, 1000))
    .fetch_all(&state.db)
    .await?;
    Ok(Json(json!({
        "entries": rows.into_iter().map(|(at, actor, action, target, client, success, detail)| json!({
            "at": at, "actor": actor, "action": action, "target": target,
            "client": client, "success": success == 1, "detail": detail,
        })).collect::<Vec<_>>()
    })))
}
