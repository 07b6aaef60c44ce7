//! `GET /api/desk/supervision`: the centre's figures for a period and site, counted by the
//! database over the facts each case row keeps (`facts.rs`), the same statements on SQLite
//! and PostgreSQL, each read timed. Supervisors only; every read audited.

use crate::auth::{supervisor_only, Clerk};
use crate::error::AppError;
use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use chrono::NaiveDate;
use onewindow_core::case::evaluation::EvaluationStage;
use onewindow_core::case::facts::Intake;
use onewindow_core::supervision::{bounds, Remaining};
use onewindow_wire::body::ItemRef;
use onewindow_wire::supervision::*;
use std::collections::BTreeMap;
use std::time::Instant;

/// Longest period one request may ask for (two years and a day for leap years).
const MAX_DAYS: i64 = 732;

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn intake(name: &str) -> Option<Intake> {
    Intake::ALL.into_iter().find(|i| i.name() == name)
}

fn item_ref(state: &AppState, code: &str) -> ItemRef {
    let item = state.catalog.catalog.item(code);
    ItemRef {
        code: code.to_string(),
        name: item.map(|i| i.name.clone()),
        department: item.map(|i| i.department.clone()),
    }
}

/// Times each query; the figures and how long each took.
struct Timed(Vec<QueryTime>);

impl Timed {
    async fn run<T, F: std::future::Future<Output = Result<T, sqlx::Error>>>(
        &mut self,
        figure: &str,
        query: F,
    ) -> Result<T, AppError> {
        let start = Instant::now();
        let out = query.await?;
        self.0.push(QueryTime {
            figure: figure.into(),
            micros: start.elapsed().as_micros() as i64,
        });
        Ok(out)
    }
}

/// The figures (also called by the benchmark through HTTP).
pub async fn show(
    State(state): State<AppState>,
    clerk: Clerk,
    q: Result<Query<SupervisionQuery>, QueryRejection>,
) -> Result<Json<Supervision>, AppError> {
    supervisor_only(
        &state,
        &clerk,
        "supervision.read",
        "",
        "只有中心管理人员可以查看督查统计",
    )
    .await?;
    let Query(q) = q.map_err(|e| {
        AppError::BadRequest(format!(
            "统计期间不正确（from、to 为 YYYY-MM-DD 日期）：{e}"
        ))
    })?;
    if q.to < q.from || (q.to - q.from).num_days() > MAX_DAYS {
        return Err(AppError::BadRequest(format!(
            "统计期间须从早到晚、不超过{MAX_DAYS}天：{} 至 {}",
            q.from, q.to
        )));
    }
    crate::audit::record(
        &state.db,
        crate::audit::Audit {
            actor: &clerk.name,
            action: "supervision.read",
            target: &q.site,
            client: &clerk.client,
            success: true,
            detail: &format!("{} {}", q.from, q.to),
        },
    )
    .await?;
    Ok(Json(
        figures(&state, &q, crate::clock::today(), true).await?,
    ))
}

/// One figure's rows over the period: `tables` (binding the first and last month and the
/// site) over its whole months, and each of `rows` (binding the first and last day and the
/// site) over the days at its edges; the caller adds up rows with the same key.
async fn over_period<T>(
    db: &crate::db::Db,
    split: &crate::figures::Split,
    site: &str,
    tables: &str,
    rows: &[String],
) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let mut out: Vec<T> = Vec::new();
    if let Some((first, last)) = &split.months {
        out.extend(
            sqlx::query_as::<_, T>(tables)
                .bind(first)
                .bind(last)
                .bind(site)
                .fetch_all(db)
                .await?,
        );
    }
    for (a, b) in &split.days {
        for sql in rows {
            out.extend(
                sqlx::query_as::<_, T>(sql)
                    .bind(day(*a))
                    .bind(day(*b))
                    .bind(site)
                    .fetch_all(db)
                    .await?,
            );
        }
    }
    Ok(out)
}

/// Every figure of the period and site in `q`, open and overdue ones as of `today`. With
/// `whole_months`, the period's whole months are read from the monthly figures tables
/// (`figures.rs`) and only the days at its edges from the case rows; without, everything
/// from the case rows (the check that both agree).
pub async fn figures(
    state: &AppState,
    q: &SupervisionQuery,
    today: NaiveDate,
    whole_months: bool,
) -> Result<Supervision, AppError> {
    let db = &state.db;
    let site = q.site.trim().to_string();
    let split = crate::figures::split(q.from, q.to, whole_months);
    let mut t = Timed(Vec::new());

    // One pass over the period's cases gives both the intake and each clerk's workload.
    type Group = (String, String, String, String, String, i64, i64, i64, i64);
    let rows: Vec<Group> = t
        .run(
            "intake_and_workload",
            over_period::<Group>(
                db,
                &split,
                &site,
                "SELECT department, channel, intake, owner, site, CAST(SUM(cases) AS BIGINT), \
                         CAST(SUM(first_visit) AS BIGINT), CAST(SUM(notified_on_time) AS BIGINT), \
                         CAST(SUM(notified_late) AS BIGINT) FROM figures_intake \
                         WHERE month >= $1 AND month <= $2 AND ($3 = '' OR site = $3) \
                         GROUP BY department, channel, intake, owner, site HAVING SUM(cases) <> 0",
                &[format!("SELECT department, {channel}, intake, owner, site, COUNT(*), CAST(SUM(first_visit) AS BIGINT), \
                         CAST(SUM(CASE WHEN notified_on_time = 1 THEN 1 ELSE 0 END) AS BIGINT), \
                         CAST(SUM(CASE WHEN notified_on_time = 0 THEN 1 ELSE 0 END) AS BIGINT) \
                         FROM cases WHERE received_on >= $1 AND received_on <= $2 AND ($3 = '' OR site = $3) \
                         GROUP BY department, {channel}, intake, owner, site", channel = crate::figures::CHANNEL)],
            ),
        )
        .await?;
    let mut intake_rows: Vec<IntakeRow> = Vec::new();
    let mut workload: BTreeMap<(String, String), (i64, i64, i64)> = BTreeMap::new();
    for (department, channel, i, owner, site, cases, first, on_time, late) in rows {
        let Some(i) = intake(&i) else { continue };
        let w = workload.entry((owner, site)).or_default();
        w.0 += cases;
        w.1 += if i == Intake::Accepted { cases } else { 0 };
        w.2 += first;
        match intake_rows
            .iter_mut()
            .find(|r| r.department == department && r.channel == channel && r.intake == i)
        {
            Some(r) => {
                r.cases += cases;
                r.first_visit += first;
                r.notified_on_time += on_time;
                r.notified_late += late;
            }
            None => intake_rows.push(IntakeRow {
                department,
                channel,
                intake: i,
                cases,
                first_visit: first,
                notified_on_time: on_time,
                notified_late: late,
            }),
        }
    }
    intake_rows.sort_by(|a, b| {
        (&a.department, &a.channel, a.intake).cmp(&(&b.department, &b.channel, b.intake))
    });

    // Pre-checks have no site; a site's figures leave them out.
    let pre_checks: Vec<(String, i64)> = if site.is_empty() {
        let next = day(q.to.succ_opt().unwrap_or(q.to));
        t.run(
            "pre_checks",
            sqlx::query_as(
                "SELECT department, COUNT(*) FROM cases WHERE channel = 'pre_check' \
                 AND created_at >= $1 AND created_at < $2 GROUP BY department ORDER BY department",
            )
            .bind(day(q.from))
            .bind(&next)
            .fetch_all(db),
        )
        .await?
    } else {
        Vec::new()
    };

    type ItemCounts = (String, i64, i64, i64, i64);
    let rows: Vec<ItemCounts> = t
        .run(
            "items",
            over_period::<ItemCounts>(
                db,
                &split,
                &site,
                "SELECT item_code, CAST(SUM(cases) AS BIGINT), CAST(SUM(accepted) AS BIGINT), \
                         CAST(SUM(not_accepted) AS BIGINT), CAST(SUM(incomplete) AS BIGINT) FROM figures_items \
                         WHERE month >= $1 AND month <= $2 AND ($3 = '' OR site = $3) \
                         GROUP BY item_code HAVING SUM(cases) <> 0",
                &["SELECT item_code, COUNT(*), \
                         CAST(SUM(CASE WHEN intake = 'accepted' THEN 1 ELSE 0 END) AS BIGINT), \
                         CAST(SUM(CASE WHEN intake = 'not_accepted' THEN 1 ELSE 0 END) AS BIGINT), \
                         CAST(SUM(CASE WHEN intake = 'incomplete' THEN 1 ELSE 0 END) AS BIGINT) FROM cases \
                         WHERE received_on >= $1 AND received_on <= $2 AND ($3 = '' OR site = $3) \
                         GROUP BY item_code".to_string()],
            ),
        )
        .await?;
    let mut by_item: BTreeMap<String, [i64; 4]> = BTreeMap::new();
    for (code, cases, accepted, not_accepted, incomplete) in rows {
        let c = by_item.entry(code).or_default();
        c[0] += cases;
        c[1] += accepted;
        c[2] += not_accepted;
        c[3] += incomplete;
    }
    let mut items: Vec<ItemRow> = by_item
        .into_iter()
        .map(|(code, c)| ItemRow {
            item: item_ref(state, &code),
            received: c[0],
            accepted: c[1],
            not_accepted: c[2],
            incomplete: c[3],
        })
        .collect();
    items.sort_by(|a, b| {
        b.received
            .cmp(&a.received)
            .then(a.item.code.cmp(&b.item.code))
    });
    items.truncate(30);

    let rows: Vec<(String, i64, i64, i64)> = t
        .run(
            "on_time",
            over_period::<(String, i64, i64, i64)>(
                db,
                &split,
                &site,
                "SELECT department, CAST(SUM(decided) AS BIGINT), CAST(SUM(on_time) AS BIGINT), \
                         CAST(SUM(late) AS BIGINT) FROM figures_decided \
                         WHERE month >= $1 AND month <= $2 AND ($3 = '' OR site = $3) GROUP BY department \
                         HAVING SUM(decided) <> 0",
                &["SELECT department, COUNT(*), \
                         CAST(SUM(CASE WHEN decided_on_time = 1 THEN 1 ELSE 0 END) AS BIGINT), \
                         CAST(SUM(CASE WHEN decided_on_time = 0 THEN 1 ELSE 0 END) AS BIGINT) \
                         FROM cases WHERE decided_on >= $1 AND decided_on <= $2 AND ($3 = '' OR site = $3) \
                         GROUP BY department".to_string()],
            ),
        )
        .await?;
    let mut on_time: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for (department, decided, in_time, late) in rows {
        let o = on_time.entry(department).or_default();
        o.0 += decided;
        o.1 += in_time;
        o.2 += late;
    }

    let (one, three, five) = bounds(&state.catalog.calendar, today);
    let far = |d: NaiveDate| {
        if d == NaiveDate::MAX {
            "9999-12-31".to_string()
        } else {
            day(d)
        }
    };
    let rows: Vec<(String, i64, i64)> = t
        .run(
            "remaining",
            sqlx::query_as(
                "SELECT department, CAST(CASE WHEN promised_due = '' THEN 5 WHEN promised_due < $1 THEN 0 \
                 WHEN promised_due <= $2 THEN 1 WHEN promised_due <= $3 THEN 2 WHEN promised_due <= $4 THEN 3 \
                 ELSE 4 END AS BIGINT) AS remaining, COUNT(*) FROM cases WHERE is_open = 1 AND ($5 = '' OR site = $5) \
                 GROUP BY department, remaining ORDER BY department, remaining",
            )
            .bind(day(today))
            .bind(far(one))
            .bind(far(three))
            .bind(far(five))
            .bind(&site)
            .fetch_all(db),
        )
        .await?;
    let remaining = rows
        .into_iter()
        .filter_map(|(department, r, cases)| {
            Some(RemainingRow {
                department,
                remaining: *Remaining::ALL.get(usize::try_from(r).ok()?)?,
                cases,
            })
        })
        .collect();

    let rows: Vec<(String, String, String, String, String)> = t
        .run(
            "overdue",
            sqlx::query_as(
                "SELECT number, item_code, owner, site, promised_due FROM cases \
                 WHERE is_open = 1 AND promised_due <> '' AND promised_due < $1 AND ($2 = '' OR site = $2) \
                 ORDER BY promised_due, number LIMIT 100",
            )
            .bind(day(today))
            .bind(&site)
            .fetch_all(db),
        )
        .await?;
    let overdue = rows
        .into_iter()
        .filter_map(|(number, code, owner, site, due)| {
            Some(OverdueCase {
                item: item_ref(state, &code),
                number,
                owner,
                site,
                due: due.parse().ok()?,
            })
        })
        .collect();

    // Each stage counts in the period it was evaluated in.
    type Eval = (String, String, String, String, i64, i64);
    let rows: Vec<Eval> = t
        .run(
            "evaluations",
            over_period::<Eval>(
                db,
                &split,
                &site,
                "SELECT department, site, owner, stage, level, CAST(SUM(count) AS BIGINT) \
                         FROM figures_evaluations WHERE month >= $1 AND month <= $2 AND ($3 = '' OR site = $3) \
                         GROUP BY department, site, owner, stage, level",
                &[
                    ("acceptance", "evaluated_acceptance_on", "eval_acceptance"),
                    ("handout", "evaluated_handout_on", "eval_handout"),
                ]
                .map(|(stage, on, level)| format!("SELECT department, site, owner, '{stage}', {level}, COUNT(*) FROM cases \
                             WHERE {on} >= $1 AND {on} <= $2 AND {level} > 0 AND ($3 = '' OR site = $3) \
                             GROUP BY department, site, owner, {level}")),
            ),
        )
        .await?;
    let mut counted: BTreeMap<(String, String, String, String, i64), i64> = BTreeMap::new();
    for (department, site, owner, stage, level, count) in rows {
        *counted
            .entry((department, site, owner, stage, level))
            .or_default() += count;
    }
    let evaluations = counted
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .filter_map(|((department, site, owner, stage, level), count)| {
            Some(EvaluationRow {
                department,
                site,
                owner,
                stage: match stage.as_str() {
                    "acceptance" => EvaluationStage::Acceptance,
                    "handout" => EvaluationStage::Handout,
                    _ => return None,
                },
                level: u8::try_from(level).ok().filter(|l| (1..=5).contains(l))?,
                count,
            })
        })
        .collect();

    let rows: Vec<(String, String, String, String, String)> = t
        .run(
            "follow_ups",
            sqlx::query_as(
                "SELECT number, department, owner, follow_up_due, events FROM cases \
                 WHERE follow_up_due <> '' AND ($1 = '' OR site = $1) ORDER BY follow_up_due, number LIMIT 100",
            )
            .bind(&site)
            .fetch_all(db),
        )
        .await?;
    let follow_ups = rows
        .into_iter()
        .filter_map(|(number, department, owner, due, events)| {
            // Who works on it: the last assignment of the earliest open follow-up.
            let rec = crate::stored::events(&state.vault, &events, &number)
                .ok()
                .and_then(|e| onewindow_core::case::replay(&e).ok());
            let assigned_to = rec.and_then(|r| {
                let stage = *r.open_follow_ups().first()?;
                r.follow_up_assignee(stage).map(str::to_string)
            });
            Some(FollowUpRow {
                number,
                department,
                owner,
                assigned_to,
                due: due.parse().ok()?,
            })
        })
        .collect();

    let rows: Vec<(String, String)> = t
        .run(
            "complaints",
            sqlx::query_as(
                "SELECT filed_at, closed_at FROM complaints WHERE filed_at >= $1 AND filed_at < $2 \
                 AND ($3 = '' OR site = $3)",
            )
            .bind(day(q.from))
            .bind(day(q.to.succ_opt().unwrap_or(q.to)))
            .bind(&site)
            .fetch_all(db),
        )
        .await?;
    let mut complaints = ComplaintFigures::default();
    let c = &state.catalog;
    for (filed, closed) in rows {
        let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok();
        let Some(filed) = at(&filed) else { continue };
        let closed = at(&closed);
        complaints.filed += 1;
        let Ok(f) = onewindow_core::complaint::follow_up(
            filed,
            closed,
            &c.calendar,
            &c.catalog.settings.deadlines,
            today,
        ) else {
            complaints.open += i64::from(closed.is_none());
            continue;
        };
        use onewindow_core::case::DueStatus as S;
        match f.status {
            S::Met => complaints.closed_on_time += 1,
            S::MetLate => complaints.closed_late += 1,
            S::Overdue => complaints.open_overdue += 1,
            S::OnTime | S::DueSoon => complaints.open += 1,
        }
    }

    // Consultations and the questions sent to back offices, by item.
    let from = day(q.from);
    let until = day(q.to.succ_opt().unwrap_or(q.to));
    let counted: Vec<(String, i64)> = t
        .run(
            "consultations",
            sqlx::query_as(
                "SELECT item_code, COUNT(*) FROM consultations WHERE at >= $1 AND at < $2 \
                 AND ($3 = '' OR site = $3) GROUP BY item_code",
            )
            .bind(&from)
            .bind(&until)
            .bind(&site)
            .fetch_all(db),
        )
        .await?;
    let now = crate::consult::stamp(crate::clock::now());
    let asked: Vec<(String, i64, i64)> = t
        .run(
            "enquiries",
            sqlx::query_as(
                // Late as `consultation::answer_late` says: answered (or still open now) after due.
                "SELECT item_code, COUNT(*), \
                 SUM(CASE WHEN COALESCE(answered_at, $4) > due THEN 1 ELSE 0 END) \
                 FROM enquiries WHERE asked_at >= $1 AND asked_at < $2 AND ($3 = '' OR site = $3) \
                 GROUP BY item_code",
            )
            .bind(&from)
            .bind(&until)
            .bind(&site)
            .bind(&now)
            .fetch_all(db),
        )
        .await?;
    let mut by_item: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for (code, n) in counted {
        by_item.entry(code).or_default().0 += n;
    }
    for (code, n, late) in asked {
        let e = by_item.entry(code).or_default();
        e.1 += n;
        e.2 += late;
    }
    let mut consultations: Vec<ConsultationRow> = by_item
        .into_iter()
        .map(|(code, (consultations, enquiries, late))| {
            let item = c.catalog.item(&code);
            ConsultationRow {
                item: ItemRef {
                    name: item.map(|i| i.name.clone()),
                    department: item.map(|i| i.department.clone()),
                    code,
                },
                consultations,
                enquiries,
                late,
            }
        })
        .collect();
    consultations.sort_by(|a, b| {
        b.consultations
            .cmp(&a.consultations)
            .then(a.item.code.cmp(&b.item.code))
    });

    // The sites to choose from: those that received cases, and those with accounts.
    let mut sites: Vec<String> = t
        .run(
            "sites",
            sqlx::query_scalar("SELECT name FROM sites UNION SELECT site FROM users").fetch_all(db),
        )
        .await?;
    sites.retain(|s| !s.is_empty());
    sites.sort();

    Ok(Supervision {
        from: q.from,
        to: q.to,
        site,
        today,
        sites,
        intake: intake_rows,
        pre_checks,
        items,
        on_time: on_time
            .into_iter()
            .filter(|(_, (decided, ..))| *decided > 0)
            .map(|(department, (decided, on_time, late))| OnTimeRow {
                department,
                decided,
                on_time,
                late,
            })
            .collect(),
        remaining,
        overdue,
        evaluations,
        follow_ups,
        complaints,
        consultations,
        workload: workload
            .into_iter()
            .map(
                |((owner, site), (received, accepted, first_visit))| WorkloadRow {
                    owner,
                    site,
                    received,
                    accepted,
                    first_visit,
                },
            )
            .collect(),
        timings: t.0,
    })
}
