//! A/B posts (AB岗): while clerk A is away, B covers A's cases. Set and ended by the
//! centre (`onewindow user cover B --for A`, `onewindow user uncover A`); each change is
//! an audit line. B's "我的办件" then lists A's cases too, and what B records on them is
//! recorded under B's own name.

use crate::audit::{self, Audit};
use crate::db::Db;
use anyhow::Context;

/// B covers A from now on (replacing whoever covered A before).
pub async fn cover(db: &Db, substitute: &str, absent: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        substitute != absent,
        "{substitute} cannot cover for themselves"
    );
    for name in [substitute, absent] {
        let role: Option<String> = sqlx::query_scalar("SELECT role FROM users WHERE name = $1")
            .bind(name)
            .fetch_optional(db)
            .await?;
        anyhow::ensure!(
            matches!(role.as_deref(), Some("clerk" | "support")),
            "{name} is not a front-desk or middle-office account"
        );
    }
    sqlx::query(
        "INSERT INTO substitutes (absent, substitute, since) VALUES ($1, $2, $3) \
         ON CONFLICT (absent) DO UPDATE SET substitute = $2, since = $3",
    )
    .bind(absent)
    .bind(substitute)
    .bind(crate::clock::now().to_string())
    .execute(db)
    .await
    .context("cannot record the substitute")?;
    audited(db, "substitute.cover", absent, substitute).await
}

/// A is back: nobody covers A any more.
pub async fn uncover(db: &Db, absent: &str) -> anyhow::Result<()> {
    let done = sqlx::query("DELETE FROM substitutes WHERE absent = $1")
        .bind(absent)
        .execute(db)
        .await?
        .rows_affected();
    anyhow::ensure!(done == 1, "nobody covers {absent}");
    audited(db, "substitute.end", absent, "").await
}

async fn audited(db: &Db, action: &str, target: &str, detail: &str) -> anyhow::Result<()> {
    audit::record(
        db,
        Audit {
            actor: "onewindow user",
            action,
            target,
            client: "command line",
            success: true,
            detail,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("cannot write the audit line: {e:?}"))
}
