//! Document numbers: each notice kind has its own yearly sequence, advanced in the same
//! transaction that records the step producing the notice, so a number is never issued
//! twice nor skipped by a step that did not happen.

use onewindow_core::notice::{NoticeKind, Notices};
pub use onewindow_wire::body::IssuedNotice;

/// A notice as its row stores it.
#[derive(Debug, Clone, sqlx::FromRow)]
struct NoticeRow {
    kind: String,
    event_index: i64,
    year: i64,
    seq: i64,
    number: String,
    issued_on: String,
}

impl NoticeRow {
    fn into_wire(self) -> Result<IssuedNotice, sqlx::Error> {
        let bad =
            |what: &str| sqlx::Error::Decode(format!("notice {}: {what}", self.number).into());
        Ok(IssuedNotice {
            kind: onewindow_core::notice::ALL
                .iter()
                .copied()
                .find(|k| kind_name(*k) == self.kind)
                .ok_or_else(|| bad("unknown kind"))?,
            event_index: u32::try_from(self.event_index).map_err(|_| bad("event index"))?,
            year: i32::try_from(self.year).map_err(|_| bad("year"))?,
            seq: u32::try_from(self.seq).map_err(|_| bad("sequence"))?,
            issued_on: self.issued_on.parse().map_err(|_| bad("date"))?,
            number: self.number,
        })
    }
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
            kind,
            event_index: event_index as u32,
            year,
            seq: seq as u32,
            number,
            issued_on: on,
        };
        sqlx::query(
            "INSERT INTO notices (case_number, kind, event_index, year, seq, number, issued_on) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(case_number)
        .bind(name)
        .bind(i64::from(notice.event_index))
        .bind(i64::from(notice.year))
        .bind(seq)
        .bind(&notice.number)
        .bind(on.to_string())
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
    let rows: Vec<NoticeRow> = sqlx::query_as(
        "SELECT kind, event_index, year, seq, number, issued_on FROM notices WHERE case_number = $1 ORDER BY id",
    )
    .bind(case_number)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(NoticeRow::into_wire).collect()
}
