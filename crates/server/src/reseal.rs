//! Bringing stored personal data under the current key, 500 rows a transaction: rows
//! written before encryption was on (plain) at every start, and every row after
//! `onewindow key rotate` put a new key first. Each row is rewritten only if it is still
//! as read (a concurrent change wins and is sealed by its writer), so this runs while the
//! server serves.

use crate::vault::Vault;
use anyhow::Context;
use sqlx::Row;

/// The tables and columns that hold personal data.
const SEALED: [(&str, &[&str]); 4] = [
    (
        "cases",
        &[
            "applicant_name",
            "applicant_id",
            "applicant_mobile",
            "submission",
            "events",
        ],
    ),
    ("complaints", &["name", "mobile"]),
    ("handovers", &["content"]),
    ("users", &["totp_secret"]),
];

/// Seals every value not yet sealed with the current key (`only_plain`: only plain ones,
/// leaving older keys' values as they are). Returns the rows rewritten per table.
pub async fn reseal(
    db: &crate::db::Db,
    vault: &Vault,
    only_plain: bool,
) -> anyhow::Result<Vec<(&'static str, u64)>> {
    let current = format!("enc1:{}:", vault.current_id());
    let mut out = Vec::new();
    for (table, columns) in SEALED {
        let stale = columns
            .iter()
            .map(|c| {
                if only_plain {
                    format!("({c} <> '' AND {c} NOT LIKE 'enc1:%')")
                } else {
                    format!("({c} <> '' AND {c} NOT LIKE '{current}%')")
                }
            })
            .collect::<Vec<_>>()
            .join(" OR ");
        let select = format!(
            "SELECT id, {} FROM {table} WHERE id > $1 AND ({stale}) ORDER BY id LIMIT 500",
            columns.join(", ")
        );
        let hash = table == "cases";
        // $1..$k the sealed values, then the ID hash (cases), the id, and the old values.
        let k = columns.len();
        let extra = usize::from(hash);
        let update = format!(
            "UPDATE {table} SET {}{} WHERE id = ${} AND {}",
            columns
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ${}", i + 1))
                .collect::<Vec<_>>()
                .join(", "),
            if hash {
                format!(", applicant_id_hash = ${}", k + 1)
            } else {
                String::new()
            },
            k + extra + 1,
            columns
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ${}", k + extra + 2 + i))
                .collect::<Vec<_>>()
                .join(" AND ")
        );
        let mut after = 0i64;
        let mut done = 0u64;
        loop {
            let rows = sqlx::query(&select).bind(after).fetch_all(db).await?;
            let Some(last) = rows.last() else { break };
            after = last.try_get::<i64, _>(0)?;
            let mut tx = db.begin().await?;
            for row in &rows {
                let id: i64 = row.try_get(0)?;
                let old: Vec<String> = (1..=columns.len())
                    .map(|i| row.try_get::<String, _>(i))
                    .collect::<Result<_, _>>()?;
                let plain: Vec<String> = old
                    .iter()
                    .zip(columns.iter())
                    .map(|(v, c)| {
                        vault
                            .open(v)
                            .with_context(|| format!("{table} row {id}, column {c}"))
                    })
                    .collect::<anyhow::Result<_>>()?;
                let mut q = sqlx::query(&update);
                for p in &plain {
                    q = q.bind(vault.seal(p));
                }
                if hash {
                    q = q.bind(vault.index(&plain[1]));
                }
                q = q.bind(id);
                for o in &old {
                    q = q.bind(o.clone());
                }
                done += q.execute(&mut *tx).await?.rows_affected();
            }
            tx.commit().await?;
        }
        out.push((table, done));
    }
    Ok(out)
}
