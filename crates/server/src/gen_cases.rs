//! `onewindow gen-cases N`: N plausible cases over the two years before a day, straight
//! into a database, for the supervision benchmark at a county's size. Each case's events
//! are a real lifecycle the core replays (received; accepted at once, after a correction,
//! refused or still pending; decided on time or late; handed out; evaluated), and its
//! facts are the core's. Deterministic for a seed; nobody's personal data.

use crate::catalog_dir::LoadedCatalog;
use anyhow::Context;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use onewindow_core::case::evaluation::EvaluationStage;
use onewindow_core::case::{replay, state_name, Event, EventKind, Role};
use onewindow_core::catalog::DeliveryMethod;
use std::time::Instant;

/// A small, fast, seeded generator (xorshift64*): plausible spread, not secrecy.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// 0..n.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// True with `percent` % chance.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const CLERKS: [(&str, &str); 8] = [
    ("王敏", "县政务服务中心"),
    ("李娜", "县政务服务中心"),
    ("张伟", "县政务服务中心"),
    ("刘洋", "县政务服务中心"),
    ("陈静", "城关镇便民服务中心"),
    ("杨帆", "城关镇便民服务中心"),
    ("赵磊", "东湖镇便民服务中心"),
    ("黄丽", "东湖镇便民服务中心"),
];

fn at(day: NaiveDate, minutes: u64) -> NaiveDateTime {
    day.and_hms_opt(9, 0, 0).unwrap_or_default() + Duration::minutes(minutes as i64)
}

/// One case's events, received on `day`; one received more than `settled` days before
/// `today` has run its course (decided, or refused, or never brought back).
fn lifecycle(
    rng: &mut Rng,
    day: NaiveDate,
    today: NaiveDate,
    promised: i64,
    clerk: &str,
) -> Vec<Event> {
    let recent = (today - day).num_days() < 45;
    let ev = |t: NaiveDateTime, kind: EventKind| Event {
        at: t,
        actor: clerk.to_string(),
        role: Role::Clerk,
        note: String::new(),
        kind,
        device_at: None,
    };
    if rng.chance(10) {
        return vec![ev(at(day, rng.below(480)), EventKind::PreChecked)];
    }
    let mut t = at(day, rng.below(420));
    let mut events = vec![ev(t, EventKind::Received)];
    let roll = rng.below(100);
    if roll < 5 {
        t += Duration::minutes(20);
        events.push(ev(
            t,
            EventKind::NotAccepted {
                reasons: vec!["不属于本机关职权范围".into()],
            },
        ));
    } else if roll < 10 && recent {
        return events; // pending at the window
    } else {
        if roll < 25 {
            t += Duration::minutes(30);
            events.push(ev(
                t,
                EventKind::CorrectionRequested {
                    items: vec!["申请表：未签字".into()],
                },
            ));
            if roll < 18 && recent {
                return events; // still incomplete
            }
            t += Duration::days(1 + rng.below(5) as i64);
            events.push(ev(t, EventKind::CorrectionReceived));
        }
        t += Duration::minutes(10);
        events.push(ev(t, EventKind::Accepted { tolerated: vec![] }));
        if recent && rng.chance(30) {
            return events; // still under review
        }
        // Most decided within the promise, some after it.
        let days = if rng.chance(88) {
            rng.below(promised.max(1) as u64) as i64
        } else {
            promised + 3 + rng.below(10) as i64
        };
        t += Duration::days(days) + Duration::hours(2);
        events.push(ev(
            t,
            EventKind::Decided {
                approved: true,
                reasons: vec![],
            },
        ));
        if rng.chance(10) {
            return events;
        }
        t += Duration::days(rng.below(3) as i64) + Duration::hours(1);
        events.push(ev(
            t,
            EventKind::Delivered {
                method: DeliveryMethod::Window,
                tracking: None,
                handout: None,
                collected: vec![],
            },
        ));
        if rng.chance(55) {
            let level = match rng.below(100) {
                0..=2 => 1,
                3..=5 => 2,
                6..=12 => 3,
                13..=35 => 4,
                _ => 5,
            };
            events.push(ev(
                t + Duration::minutes(5),
                EventKind::Evaluated {
                    stage: EvaluationStage::Handout,
                    level,
                    comment: None,
                    reasons: if level <= 2 {
                        vec!["等待时间过长".into()]
                    } else {
                        vec![]
                    },
                },
            ));
        }
    }
    events
}

/// Writes `n` cases received over the two years up to `today` into `db`.
pub async fn run(
    db: &crate::db::Db,
    catalog: &LoadedCatalog,
    n: u64,
    today: NaiveDate,
    seed: u64,
) -> anyhow::Result<()> {
    // Never on a database in service: only an empty one, or one of generated cases.
    let real: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE lookup_code <> 'GENERATE'")
            .fetch_one(db)
            .await?;
    anyhow::ensure!(
        real == 0,
        "the database holds {real} real cases: gen-cases writes only into an empty database or one of generated cases"
    );
    let items: Vec<_> = catalog.catalog.items.iter().collect();
    anyhow::ensure!(!items.is_empty(), "the catalogue has no items");
    let mut rng = Rng(seed | 1);
    let start = today - Duration::days(730);
    let begun = Instant::now();
    let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM cases")
        .fetch_one(db)
        .await?;
    let batch = 5_000u64;
    let mut done = 0u64;
    while done < n {
        let mut tx = db.begin().await?;
        for i in done..(done + batch).min(n) {
            // Busier items more often: a quarter of the items get half the cases.
            let pick = if rng.chance(50) {
                rng.below(items.len().div_ceil(4) as u64)
            } else {
                rng.below(items.len() as u64)
            };
            let item = items[pick as usize];
            let day = start + Duration::days(rng.below(730) as i64);
            let (clerk, site) = CLERKS[rng.below(CLERKS.len() as u64) as usize];
            let events = lifecycle(
                &mut rng,
                day,
                today,
                i64::from(item.promised_limit()),
                clerk,
            );
            let rec = replay(&events).context("a generated case does not replay")?;
            let pre_check = matches!(events[0].kind, EventKind::PreChecked);
            // One case in ten begins at a self-service terminal.
            let via_terminal = rng.chance(10);
            let number = format!("G{}-{:07}", day.format("%Y"), first + i as i64 + 1);
            sqlx::query(
                "INSERT INTO cases (number, lookup_code, item_code, channel, state, applicant_name, applicant_id, \
                 applicant_mobile, submission, outcome, events, created_at, owner, site, via_terminal) \
                 VALUES ($1, 'GENERATE', $2, $3, $4, '', '', '', '{}', NULL, $5, $6, $7, $8, $9)",
            )
            .bind(&number)
            .bind(&item.code)
            .bind(if pre_check { "pre_check" } else { "desk" })
            .bind(rec.state.map(state_name).unwrap_or("new"))
            .bind(crate::stored::events_plain(&events).map_err(|e| anyhow::anyhow!("{e:?}"))?)
            .bind(events[0].at.to_string())
            .bind(if pre_check { "" } else { clerk })
            .bind(if pre_check { "" } else { site })
            .bind(i64::from(via_terminal))
            .execute(&mut *tx)
            .await?;
            crate::facts::update(&mut tx, catalog, &number, &item.code, &events, &rec)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            if !pre_check {
                crate::facts::site_seen(&mut tx, site).await?;
            }
        }
        tx.commit().await?;
        done = (done + batch).min(n);
        if done.is_multiple_of(100_000) || done == n {
            eprintln!(
                "gen-cases: {done} of {n} cases written ({:.0} s)",
                begun.elapsed().as_secs_f64()
            );
        }
    }
    Ok(())
}
