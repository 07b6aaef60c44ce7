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

/// Takes `n` consecutive values of the sequence `name` (created at 1); the first.
pub async fn take(tx: &mut sqlx::AnyConnection, name: &str, n: usize) -> Result<i64, sqlx::Error> {
    let last: i64 = sqlx::query_scalar(
        "INSERT INTO sequences (name, value) VALUES ($1, $2) ON CONFLICT(name) DO UPDATE SET value = sequences.value + excluded.value RETURNING value",
    )
    .bind(name)
    .bind(n as i64)
    .fetch_one(&mut *tx)
    .await?;
    Ok(last - n as i64 + 1)
}

/// The sequence a notice kind's numbers of `year` come from.
pub fn sequence(kind: NoticeKind, year: i32) -> String {
    format!("notice-{}-{year}", kind_name(kind))
}

/// Notice number `seq` of `kind` in `year`, as the catalogue's notices write it.
pub fn notice(
    notices: Option<&Notices>,
    kind: NoticeKind,
    event_index: usize,
    year: i32,
    seq: i64,
    on: chrono::NaiveDate,
) -> IssuedNotice {
    let number = match notices {
        Some(n) => n.number(kind, year, seq as u32),
        None => format!("〔{year}〕第{seq:06}号"),
    };
    IssuedNotice {
        kind,
        event_index: event_index as u32,
        year,
        seq: seq as u32,
        number,
        issued_on: on,
    }
}

/// Stores issued notices, each with its case's number, in one statement.
pub async fn insert(
    tx: &mut sqlx::AnyConnection,
    issued: &[(&str, &IssuedNotice)],
) -> Result<(), sqlx::Error> {
    if issued.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO notices (case_number, kind, event_index, year, seq, number, issued_on) VALUES {}",
        crate::batch_sql::Params::of(tx).rows(issued.len(), 7)
    );
    let mut q = sqlx::query(&sql).persistent(issued.len() == 1);
    for (case_number, notice) in issued {
        q = q
            .bind(case_number.to_string())
            .bind(kind_name(notice.kind))
            .bind(i64::from(notice.event_index))
            .bind(i64::from(notice.year))
            .bind(i64::from(notice.seq))
            .bind(notice.number.clone())
            .bind(notice.issued_on.to_string());
    }
    q.execute(&mut *tx).await?;
    Ok(())
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
        let seq = take(tx, &sequence(kind, year), 1).await?;
        issued.push(notice(notices, kind, event_index, year, seq, on));
    }
    let rows: Vec<(&str, &IssuedNotice)> = issued.iter().map(|n| (case_number, n)).collect();
    insert(tx, &rows).await?;
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
