//! The append-only audit log: who did what, when, from where, and whether it worked. The
//! table's triggers refuse any change or removal. Reading it is `audit_log.rs`'s.

use crate::error::AppError;

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
    .bind(crate::clock::now().format("%Y-%m-%d %H:%M:%S").to_string())
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
