//! The monthly figures tables (`figures_*`, migration 0014): each holds, per month, the
//! sum of what every case row with the current facts contributes. [`add`] puts one row's
//! contribution in (sign 1) or takes it out (sign -1); `facts::store` takes it out before
//! it changes a row and puts it back after, in the same transaction, so the sums are exact
//! at every commit on SQLite and PostgreSQL alike (an upsert adding to the stored sums).
//!
//! A period is read as its whole months from these tables and its partial months at the
//! edges from the case rows ([`split`]).

use chrono::{Datelike, NaiveDate};

/// The channel a case counts under: a pre-check or desk case begun at a terminal counts
/// as the terminal's.
pub const CHANNEL: &str = "CASE WHEN via_terminal = 1 THEN 'terminal' ELSE channel END";

/// Adds `sign` times the contribution of case `number` (when its facts are current) to
/// every figures table.
pub async fn add(db: &mut sqlx::AnyConnection, number: &str, sign: i64) -> Result<(), sqlx::Error> {
    let statements = [
        format!(
            "INSERT INTO figures_intake (month, department, channel, intake, owner, site, cases, first_visit, notified_on_time, notified_late) \
             SELECT substr(received_on, 1, 7), department, {CHANNEL}, intake, owner, site, $2, $2 * first_visit, \
             CASE WHEN notified_on_time = 1 THEN $2 ELSE 0 END, CASE WHEN notified_on_time = 0 THEN $2 ELSE 0 END \
             FROM cases WHERE number = $1 AND facts_version = $3 AND received_on <> '' \
             ON CONFLICT (month, department, channel, intake, owner, site) DO UPDATE SET \
             cases = figures_intake.cases + excluded.cases, first_visit = figures_intake.first_visit + excluded.first_visit, \
             notified_on_time = figures_intake.notified_on_time + excluded.notified_on_time, \
             notified_late = figures_intake.notified_late + excluded.notified_late"
        ),
        "INSERT INTO figures_items (month, item_code, site, cases, accepted, not_accepted, incomplete) \
         SELECT substr(received_on, 1, 7), item_code, site, $2, \
         CASE WHEN intake = 'accepted' THEN $2 ELSE 0 END, CASE WHEN intake = 'not_accepted' THEN $2 ELSE 0 END, \
         CASE WHEN intake = 'incomplete' THEN $2 ELSE 0 END \
         FROM cases WHERE number = $1 AND facts_version = $3 AND received_on <> '' \
         ON CONFLICT (month, item_code, site) DO UPDATE SET cases = figures_items.cases + excluded.cases, \
         accepted = figures_items.accepted + excluded.accepted, \
         not_accepted = figures_items.not_accepted + excluded.not_accepted, \
         incomplete = figures_items.incomplete + excluded.incomplete"
            .to_string(),
        "INSERT INTO figures_decided (month, department, site, decided, on_time, late) \
         SELECT substr(decided_on, 1, 7), department, site, $2, \
         CASE WHEN decided_on_time = 1 THEN $2 ELSE 0 END, CASE WHEN decided_on_time = 0 THEN $2 ELSE 0 END \
         FROM cases WHERE number = $1 AND facts_version = $3 AND decided_on <> '' \
         ON CONFLICT (month, department, site) DO UPDATE SET decided = figures_decided.decided + excluded.decided, \
         on_time = figures_decided.on_time + excluded.on_time, late = figures_decided.late + excluded.late"
            .to_string(),
        evaluation("acceptance", "evaluated_acceptance_on", "eval_acceptance"),
        evaluation("handout", "evaluated_handout_on", "eval_handout"),
    ];
    for sql in statements {
        sqlx::query(&sql)
            .bind(number)
            .bind(sign)
            .bind(crate::facts::VERSION)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

fn evaluation(stage: &str, on: &str, level: &str) -> String {
    format!(
        "INSERT INTO figures_evaluations (month, department, site, owner, stage, level, count) \
         SELECT substr({on}, 1, 7), department, site, owner, '{stage}', {level}, $2 \
         FROM cases WHERE number = $1 AND facts_version = $3 AND {on} <> '' AND {level} > 0 \
         ON CONFLICT (month, department, site, owner, stage, level) DO UPDATE SET \
         count = figures_evaluations.count + excluded.count"
    )
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
