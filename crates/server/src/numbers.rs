//! Document numbers: each notice kind has its own yearly sequence, advanced in the same
//! transaction that records the step producing the notice, so a number is never issued
//! twice nor skipped by a step that did not happen.

use onewindow_core::notice::{NoticeKind, Notices};
use serde::Serialize;

/// A notice issued to a case.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct IssuedNotice {
    /// The kind, e.g. `acceptance`.
    pub kind: String,
    /// The position of the producing event in the case's history.
    pub event_index: i64,
    /// The year of the sequence.
    pub year: i64,
    /// The place in the kind's sequence that year.
    pub seq: i64,
    /// The document number, e.g. `某政受字〔2026〕第000001号`.
    pub number: String,
    /// The day it was issued (YYYY-MM-DD).
    pub issued_on: String,
}

/// The wire name of a kind (`acceptance`, `one_time_notice`, …).
pub fn kind_name(kind: NoticeKind) -> &'static str {
    kind.file_name().trim_end_matches(".html")
}

/// Issues the notices `kinds` for the event at `event_index` of case `case_number`.
pub async fn issue(
    tx: &mut sqlx::AnyConnection,
    notices: Option<&Notices>,
    case_number: &str,
    kinds: &[NoticeKind],
    event_index: usize,
    on: chrono::NaiveDate,
) -> Result<Vec<IssuedNotice>, sqlx::Error> {
    use chrono::Datelike;
    let year = on.year();
    let mut issued = Vec::new();
    for &kind in kinds {
        let name = kind_name(kind);
        let seq: i64 = sqlx::query_scalar(
            "INSERT INTO sequences (name, value) VALUES ($1, 1) ON CONFLICT(name) DO UPDATE SET value = sequences.value + 1 RETURNING value",
        )
        .bind(format!("notice-{name}-{year}"))
        .fetch_one(&mut *tx)
        .await?;
        let number = match notices {
            Some(n) => n.number(kind, year, seq as u32),
            None => format!("〔{year}〕第{seq:06}号"),
        };
        let notice = IssuedNotice {
            kind: name.to_string(),
            event_index: event_index as i64,
            year: year as i64,
            seq,
            number,
            issued_on: on.to_string(),
        };
        sqlx::query(
            "INSERT INTO notices (case_number, kind, event_index, year, seq, number, issued_on) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(case_number)
        .bind(&notice.kind)
        .bind(notice.event_index)
        .bind(notice.year)
        .bind(notice.seq)
        .bind(&notice.number)
        .bind(&notice.issued_on)
        .execute(&mut *tx)
        .await?;
        issued.push(notice);
    }
    Ok(issued)
}

/// Every notice issued to a case, in the order issued.
pub async fn of_case(
    db: &crate::db::Db,
    case_number: &str,
) -> Result<Vec<IssuedNotice>, sqlx::Error> {
    sqlx::query_as(
        "SELECT kind, event_index, year, seq, number, issued_on FROM notices WHERE case_number = $1 ORDER BY id",
    )
    .bind(case_number)
    .fetch_all(db)
    .await
}
