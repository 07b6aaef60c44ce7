//! Each case's supervision facts (the core's `case::facts`) kept in columns of its row:
//! written in the same transaction as every change of its events, and filled in at start
//! for rows written before (or by an older derivation: `facts_version`).

use crate::catalog_dir::LoadedCatalog;
use crate::error::AppError;
use chrono::NaiveDate;
use onewindow_core::case::facts::{facts, CaseFacts};
use onewindow_core::case::{replay, CaseRecord, Event};

/// The derivation's version; raising it re-derives every row at the next start (and
/// counts it in the figures tables again: rows of an older version are not in them).
/// 2: each evaluation stage's own date; the terminal channel; the figures tables.
pub const VERSION: i64 = 2;

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn flag(b: Option<bool>) -> i64 {
    b.map_or(-1, i64::from)
}

/// The facts of `events` (replayed as `rec`) of a case of `item_code` as of `today`, and
/// its department (the item's).
pub fn derive(
    catalog: &LoadedCatalog,
    item_code: &str,
    events: &[Event],
    rec: &CaseRecord,
    today: NaiveDate,
) -> (String, CaseFacts) {
    let item = catalog.catalog.item(item_code);
    let f = facts(
        events,
        rec,
        item,
        &catalog.calendar,
        &catalog.catalog.settings.deadlines,
        today,
    );
    (item.map(|i| i.department.clone()).unwrap_or_default(), f)
}

/// A case's facts as the columns of its row hold them.
pub struct Columns {
    values: [Value; 16],
}

/// One column's value.
enum Value {
    Text(String),
    Int(i64),
}

/// The facts columns, in the order [`Columns`] binds them.
pub const COLUMNS: [&str; 16] = [
    "department",
    "received_on",
    "intake",
    "first_visit",
    "notified_on_time",
    "decided_on",
    "promised_due",
    "decided_on_time",
    "delivered_on",
    "eval_acceptance",
    "eval_handout",
    "evaluated_on",
    "follow_up_due",
    "is_open",
    "evaluated_acceptance_on",
    "evaluated_handout_on",
];

impl Columns {
    /// The columns of facts `f` of a case of `department`.
    pub fn of(department: &str, f: &CaseFacts) -> Self {
        use Value::{Int, Text};
        let evaluated_on = f.evaluated_acceptance_on.max(f.evaluated_handout_on);
        Columns {
            values: [
                Text(department.to_string()),
                Text(day(f.received_on)),
                Text(f.intake.name().to_string()),
                Int(i64::from(f.first_visit)),
                Int(flag(f.notified_on_time)),
                Text(day(f.decided_on)),
                Text(day(f.promised_due)),
                Int(flag(f.decided_on_time)),
                Text(day(f.delivered_on)),
                Int(i64::from(f.evaluation_acceptance.unwrap_or(0))),
                Int(i64::from(f.evaluation_handout.unwrap_or(0))),
                Text(day(evaluated_on)),
                Text(day(f.follow_up_due)),
                Int(i64::from(f.open)),
                Text(day(f.evaluated_acceptance_on)),
                Text(day(f.evaluated_handout_on)),
            ],
        }
    }

    /// Binds the values to `q`, in the order of [`COLUMNS`].
    pub fn bind<'q>(
        &self,
        mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        for v in &self.values {
            q = match v {
                Value::Text(t) => q.bind(t.clone()),
                Value::Int(i) => q.bind(*i),
            };
        }
        q
    }
}

/// Writes the facts of case `number` and its owner (when the record names one), keeping
/// the figures tables exact: its old contribution out before, the new one in after.
pub async fn store(
    db: &mut sqlx::AnyConnection,
    number: &str,
    department: &str,
    owner: Option<&str>,
    f: &CaseFacts,
) -> Result<(), sqlx::Error> {
    static UPDATE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let set: Vec<String> = COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ${}", i + 1))
            .collect();
        let n = COLUMNS.len();
        format!(
            "UPDATE cases SET {}, facts_version = ${}, owner = CASE WHEN ${} = '' THEN owner ELSE ${} END WHERE number = ${}",
            set.join(", "),
            n + 1,
            n + 2,
            n + 2,
            n + 3
        )
    });
    let before = crate::figures::counted(db, number).await?;
    Columns::of(department, f)
        .bind(sqlx::query(UPDATE.as_str()))
        .bind(VERSION)
        .bind(owner.unwrap_or(""))
        .bind(number)
        .execute(&mut *db)
        .await?;
    let after = crate::figures::counted(db, number).await?;
    if before != after {
        if let Some(c) = &before {
            crate::figures::apply(db, c, -1).await?;
        }
        if let Some(c) = &after {
            crate::figures::apply(db, c, 1).await?;
        }
    }
    Ok(())
}

/// Remembers `site` among the sites that received cases (for the supervision filter).
pub async fn site_seen(db: &mut sqlx::AnyConnection, site: &str) -> Result<(), sqlx::Error> {
    if !site.is_empty() {
        sqlx::query("INSERT INTO sites (name) VALUES ($1) ON CONFLICT (name) DO NOTHING")
            .bind(site)
            .execute(db)
            .await?;
    }
    Ok(())
}

/// Derives and writes the facts of case `number` from its `events` and their replay `rec`
/// (which the caller has made to record the step: not made twice).
pub async fn update(
    db: &mut sqlx::AnyConnection,
    catalog: &LoadedCatalog,
    number: &str,
    item_code: &str,
    events: &[Event],
    rec: &CaseRecord,
) -> Result<(), AppError> {
    let (department, f) = derive(catalog, item_code, events, rec, crate::clock::today());
    store(db, number, &department, rec.owner.as_deref(), &f).await?;
    Ok(())
}

/// Fills in the facts of every row without them (or with an older derivation), 500 at a
/// time; the number of rows done. A row whose events cannot be read is logged and left.
pub async fn backfill(
    db: &crate::db::Db,
    catalog: &LoadedCatalog,
    vault: &crate::vault::Vault,
) -> anyhow::Result<u64> {
    derive_where(db, catalog, vault, "facts_version < $1").await
}

/// Derives again the facts of every case awaiting its decision: their deadlines move with
/// the day (deemed acceptance, open suspensions). Run at start and when the day changes.
pub async fn refresh_open(
    db: &crate::db::Db,
    catalog: &LoadedCatalog,
    vault: &crate::vault::Vault,
) -> anyhow::Result<u64> {
    derive_where(db, catalog, vault, "is_open = 1 AND $1 > 0").await
}

/// Keeps open cases' facts current: once a day (checked every ten minutes).
pub fn keep_open_cases_current(
    db: crate::db::Db,
    catalog: std::sync::Arc<LoadedCatalog>,
    vault: crate::vault::Vault,
) {
    tokio::spawn(async move {
        let mut done_for = None;
        loop {
            let today = crate::clock::today();
            if done_for != Some(today) {
                match refresh_open(&db, &catalog, &vault).await {
                    Ok(n) => {
                        tracing::info!(
                            cases = n,
                            "open cases' supervision facts brought up to date"
                        );
                        done_for = Some(today);
                    }
                    Err(e) => tracing::warn!("open cases' supervision facts not refreshed: {e:#}"),
                }
            }
            tokio::time::sleep(std::time::Duration::from_secs(600)).await;
        }
    });
}

/// Derives the facts of the rows matching `filter` (which takes `$1`, the version), 500 at
/// a time.
async fn derive_where(
    db: &crate::db::Db,
    catalog: &LoadedCatalog,
    vault: &crate::vault::Vault,
    filter: &str,
) -> anyhow::Result<u64> {
    let mut done = 0u64;
    let mut after = 0i64;
    let today = crate::clock::today();
    loop {
        let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(&format!(
            "SELECT id, number, item_code, events, version FROM cases WHERE ({filter}) AND id > $2 ORDER BY id LIMIT 500"
        ))
        .bind(VERSION)
        .bind(after)
        .fetch_all(db)
        .await?;
        let Some(last) = rows.last() else {
            return Ok(done);
        };
        after = last.0;
        let mut tx = db.begin().await?;
        for (_, number, item_code, events, version) in &rows {
            // Write first, so the row is locked (and SQLite's lock taken before any read):
            // a row changed since it was read is left to the writer that changed it.
            let unchanged = sqlx::query(
                "UPDATE cases SET facts_version = facts_version WHERE number = $1 AND version = $2",
            )
            .bind(number)
            .bind(version)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if !unchanged {
                continue;
            }
            let derived = crate::stored::events(vault, events, number).and_then(|events| {
                let rec = replay(&events).map_err(|e| AppError::Internal(e.into()))?;
                Ok(derive(catalog, item_code, &events, &rec, today))
            });
            match derived {
                Ok((department, f)) => {
                    store(&mut tx, number, &department, None, &f).await?;
                    done += 1;
                }
                Err(e) => tracing::warn!(number, "supervision facts not derived: {e:?}"),
            }
        }
        tx.commit().await?;
    }
}
