//! The monthly figures tables (`figures_*`, migration 0014): each holds, per month, the
//! sum of what every case row with the current facts contributes. `facts::store` reads a
//! row's contribution ([`counted`]) before it changes the row and after, and when they
//! differ takes the old out and puts the new in ([`apply`], only the tables it counts in), in the same transaction, so the sums are exact
//! at every commit on SQLite and PostgreSQL alike (an upsert adding to the stored sums).
//!
//! A period is read as its whole months from these tables and its partial months at the
//! edges from the case rows ([`split`]).

use chrono::{Datelike, NaiveDate};

/// The channel a case counts under: a pre-check or desk case begun at a terminal counts
/// as the terminal's.
pub const CHANNEL: &str = "CASE WHEN via_terminal = 1 THEN 'terminal' ELSE channel END";

/// The first facts version the figures tables count (migration 0014 created them empty).
pub const FIRST_COUNTED_VERSION: i64 = 2;

/// What a case row contributes to the figures tables, read in one statement.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Counted {
    received_on: String,
    department: String,
    channel: String,
    intake: String,
    owner: String,
    site: String,
    first_visit: i64,
    notified_on_time: i64,
    item_code: String,
    decided_on: String,
    decided_on_time: i64,
    evaluated_acceptance_on: String,
    eval_acceptance: i64,
    evaluated_handout_on: String,
    eval_handout: i64,
    facts_version: i64,
}

/// The contribution of case `number` as its row stands, if its facts are current (rows
/// of an older derivation are in no table).
pub async fn counted(
    db: &mut sqlx::AnyConnection,
    number: &str,
) -> Result<Option<Counted>, sqlx::Error> {
    let row: Option<Counted> = sqlx::query_as(&format!(
        "SELECT received_on, department, {CHANNEL} AS channel, intake, owner, site, first_visit, \
         notified_on_time, item_code, decided_on, decided_on_time, evaluated_acceptance_on, \
         eval_acceptance, evaluated_handout_on, eval_handout, facts_version FROM cases WHERE number = $1"
    ))
    .bind(number)
    .fetch_optional(&mut *db)
    .await?;
    // Rows derived since the tables exist are in them (a newer derivation takes the old
    // contribution out as it rewrites the row); rows from before are in none.
    Ok(row.filter(|c| c.facts_version >= FIRST_COUNTED_VERSION))
}

fn month(day: &str) -> &str {
    day.get(..7).unwrap_or(day)
}

/// Adds `sign` times the contribution `c` to the tables it counts in (none for a
/// pre-check that was never received).
pub async fn apply(
    db: &mut sqlx::AnyConnection,
    c: &Counted,
    sign: i64,
) -> Result<(), sqlx::Error> {
    let flag = |v: i64, want: i64| if v == want { sign } else { 0 };
    if !c.received_on.is_empty() {
        sqlx::query(
            "INSERT INTO figures_intake (month, department, channel, intake, owner, site, cases, first_visit, notified_on_time, notified_late) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (month, department, channel, intake, owner, site) DO UPDATE SET \
             cases = figures_intake.cases + excluded.cases, first_visit = figures_intake.first_visit + excluded.first_visit, \
             notified_on_time = figures_intake.notified_on_time + excluded.notified_on_time, \
             notified_late = figures_intake.notified_late + excluded.notified_late",
        )
        .bind(month(&c.received_on))
        .bind(&c.department)
        .bind(&c.channel)
        .bind(&c.intake)
        .bind(&c.owner)
        .bind(&c.site)
        .bind(sign)
        .bind(sign * c.first_visit)
        .bind(flag(c.notified_on_time, 1))
        .bind(flag(c.notified_on_time, 0))
        .execute(&mut *db)
        .await?;
        let is = |name: &str| if c.intake == name { sign } else { 0 };
        sqlx::query(
            "INSERT INTO figures_items (month, item_code, site, cases, accepted, not_accepted, incomplete) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (month, item_code, site) DO UPDATE SET cases = figures_items.cases + excluded.cases, \
             accepted = figures_items.accepted + excluded.accepted, \
             not_accepted = figures_items.not_accepted + excluded.not_accepted, \
             incomplete = figures_items.incomplete + excluded.incomplete",
        )
        .bind(month(&c.received_on))
        .bind(&c.item_code)
        .bind(&c.site)
        .bind(sign)
        .bind(is("accepted"))
        .bind(is("not_accepted"))
        .bind(is("incomplete"))
        .execute(&mut *db)
        .await?;
    }
    if !c.decided_on.is_empty() {
        sqlx::query(
            "INSERT INTO figures_decided (month, department, site, decided, on_time, late) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (month, department, site) DO UPDATE SET decided = figures_decided.decided + excluded.decided, \
             on_time = figures_decided.on_time + excluded.on_time, late = figures_decided.late + excluded.late",
        )
        .bind(month(&c.decided_on))
        .bind(&c.department)
        .bind(&c.site)
        .bind(sign)
        .bind(flag(c.decided_on_time, 1))
        .bind(flag(c.decided_on_time, 0))
        .execute(&mut *db)
        .await?;
    }
    for (stage, on, level) in [
        ("acceptance", &c.evaluated_acceptance_on, c.eval_acceptance),
        ("handout", &c.evaluated_handout_on, c.eval_handout),
    ] {
        if on.is_empty() || level <= 0 {
            continue;
        }
        sqlx::query(
            "INSERT INTO figures_evaluations (month, department, site, owner, stage, level, count) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (month, department, site, owner, stage, level) DO UPDATE SET \
             count = figures_evaluations.count + excluded.count",
        )
        .bind(month(on))
        .bind(&c.department)
        .bind(&c.site)
        .bind(&c.owner)
        .bind(stage)
        .bind(level)
        .bind(sign)
        .execute(&mut *db)
        .await?;
    }
    Ok(())
}

/// Which figures tables a set of new rows counts in.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tables {
    /// Some were received (`figures_intake`, `figures_items`).
    pub intake: bool,
    /// Some were decided (`figures_decided`).
    pub decided: bool,
    /// Some were evaluated (`figures_evaluations`).
    pub evaluations: bool,
}

/// Adds what the new case rows `numbers` (in no table yet, facts current) contribute, one
/// statement per table they count in: the sums of a group of cases written together,
/// taken from the rows with the same expressions the edge days are read with.
pub async fn add_new(
    db: &mut sqlx::AnyConnection,
    numbers: &[String],
    tables: Tables,
) -> Result<(), sqlx::Error> {
    if numbers.is_empty() {
        return Ok(());
    }
    let rows = format!(
        "FROM cases WHERE number IN ({}) AND facts_version >= {FIRST_COUNTED_VERSION}",
        crate::batch_sql::Params::of(db).list(1, numbers.len())
    );
    let mut statements = Vec::new();
    if tables.intake {
        statements.push(format!(
            "INSERT INTO figures_intake (month, department, channel, intake, owner, site, cases, first_visit, notified_on_time, notified_late) \
             SELECT substr(received_on, 1, 7), department, {CHANNEL}, intake, owner, site, COUNT(*), SUM(first_visit), \
             SUM(CASE WHEN notified_on_time = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN notified_on_time = 0 THEN 1 ELSE 0 END) \
             {rows} AND received_on <> '' GROUP BY 1, 2, 3, 4, 5, 6 \
             ON CONFLICT (month, department, channel, intake, owner, site) DO UPDATE SET \
             cases = figures_intake.cases + excluded.cases, first_visit = figures_intake.first_visit + excluded.first_visit, \
             notified_on_time = figures_intake.notified_on_time + excluded.notified_on_time, \
             notified_late = figures_intake.notified_late + excluded.notified_late"
        ));
        statements.push(format!(
            "INSERT INTO figures_items (month, item_code, site, cases, accepted, not_accepted, incomplete) \
             SELECT substr(received_on, 1, 7), item_code, site, COUNT(*), \
             SUM(CASE WHEN intake = 'accepted' THEN 1 ELSE 0 END), SUM(CASE WHEN intake = 'not_accepted' THEN 1 ELSE 0 END), \
             SUM(CASE WHEN intake = 'incomplete' THEN 1 ELSE 0 END) \
             {rows} AND received_on <> '' GROUP BY 1, 2, 3 \
             ON CONFLICT (month, item_code, site) DO UPDATE SET cases = figures_items.cases + excluded.cases, \
             accepted = figures_items.accepted + excluded.accepted, \
             not_accepted = figures_items.not_accepted + excluded.not_accepted, \
             incomplete = figures_items.incomplete + excluded.incomplete"
        ));
    }
    if tables.decided {
        statements.push(format!(
            "INSERT INTO figures_decided (month, department, site, decided, on_time, late) \
             SELECT substr(decided_on, 1, 7), department, site, COUNT(*), \
             SUM(CASE WHEN decided_on_time = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN decided_on_time = 0 THEN 1 ELSE 0 END) \
             {rows} AND decided_on <> '' GROUP BY 1, 2, 3 \
             ON CONFLICT (month, department, site) DO UPDATE SET decided = figures_decided.decided + excluded.decided, \
             on_time = figures_decided.on_time + excluded.on_time, late = figures_decided.late + excluded.late"
        ));
    }
    if tables.evaluations {
        for stage in ["acceptance", "handout"] {
            statements.push(format!(
                "INSERT INTO figures_evaluations (month, department, site, owner, stage, level, count) \
                 SELECT substr(evaluated_{stage}_on, 1, 7), department, site, owner, '{stage}', eval_{stage}, COUNT(*) \
                 {rows} AND evaluated_{stage}_on <> '' AND eval_{stage} > 0 GROUP BY 1, 2, 3, 4, 6 \
                 ON CONFLICT (month, department, site, owner, stage, level) DO UPDATE SET \
                 count = figures_evaluations.count + excluded.count"
            ));
        }
    }
    for sql in &statements {
        let mut q = sqlx::query(sql).persistent(false);
        for n in numbers {
            q = q.bind(n);
        }
        q.execute(&mut *db).await?;
    }
    Ok(())
}

/// A period cut into what the figures tables answer and what the case rows must.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The whole months inside the period, first and last (YYYY-MM), if any.
    pub months: Option<(String, String)>,
    /// The days outside whole months, as inclusive ranges (at most two).
    pub days: Vec<(NaiveDate, NaiveDate)>,
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn month_end(d: NaiveDate) -> NaiveDate {
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(d)
}

/// Cuts `from..=to` into whole months and the days at either edge. With `whole_months`
/// false (a check of the tables against the rows) everything is days.
pub fn split(from: NaiveDate, to: NaiveDate, whole_months: bool) -> Split {
    if to < from {
        return Split {
            months: None,
            days: vec![],
        };
    }
    // The first whole month starts on or after `from`; the last ends on or before `to`.
    let first = if from.day() == 1 {
        from
    } else {
        month_end(from).succ_opt().unwrap_or(from)
    };
    let last_end = if to == month_end(to) {
        to
    } else {
        month_start(to).pred_opt().unwrap_or(to)
    };
    if !whole_months || first > last_end {
        return Split {
            months: None,
            days: vec![(from, to)],
        };
    }
    let mut days = Vec::new();
    if from < first {
        days.push((from, first.pred_opt().unwrap_or(first)));
    }
    if last_end < to {
        days.push((last_end.succ_opt().unwrap_or(to), to));
    }
    let ym = |d: NaiveDate| d.format("%Y-%m").to_string();
    Split {
        months: Some((ym(first), ym(last_end))),
        days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_period_is_cut_into_whole_months_and_the_days_at_its_edges() {
        // A year from the 28th: two partial months around eleven whole ones.
        assert_eq!(
            split(d("2025-11-28"), d("2026-11-28"), true),
            Split {
                months: Some(("2025-12".into(), "2026-10".into())),
                days: vec![
                    (d("2025-11-28"), d("2025-11-30")),
                    (d("2026-11-01"), d("2026-11-28"))
                ],
            }
        );
        // Whole months only, a December included.
        assert_eq!(
            split(d("2025-12-01"), d("2026-02-28"), true),
            Split {
                months: Some(("2025-12".into(), "2026-02".into())),
                days: vec![],
            }
        );
        // Inside one month: all days.
        assert_eq!(
            split(d("2026-11-02"), d("2026-11-27"), true).days,
            vec![(d("2026-11-02"), d("2026-11-27"))]
        );
        // Across a month's end without a whole month: days.
        assert_eq!(
            split(d("2026-10-15"), d("2026-11-14"), true),
            Split {
                months: None,
                days: vec![(d("2026-10-15"), d("2026-11-14"))],
            }
        );
        // A check against the rows reads every day from them.
        assert_eq!(split(d("2025-12-01"), d("2026-02-28"), false).months, None);
    }
}
