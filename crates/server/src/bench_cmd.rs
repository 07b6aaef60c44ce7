//! `onewindow bench-supervision`: each supervision figure's query time on a database
//! (e.g. a million cases from `gen-cases`), for a month, a quarter, a year and two years
//! up to today, the median of five runs, and the process's peak memory — the server's
//! own code path without the HTTP layer.

use crate::supervision::figures;
use crate::{AppState, ServeConfig};
use chrono::Duration;
use onewindow_wire::supervision::SupervisionQuery;
use std::collections::BTreeMap;
use std::time::Instant;

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// Prints the figures' times for `config`'s database and catalogue.
pub async fn run(config: &ServeConfig) -> anyhow::Result<()> {
    let state: AppState = crate::prepare(config).await?;
    let cases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&state.db)
        .await?;
    let today = crate::clock::today();
    println!(
        "supervision figures on {} cases, {} items, as of {today} (median of 5 runs, ms)",
        cases,
        state.catalog.catalog.items.len()
    );
    let periods = [
        ("month", 30),
        ("quarter", 91),
        ("year", 365),
        ("two years", 730),
    ];
    let mut header = false;
    let mut slow: Vec<String> = Vec::new();
    for (name, days) in periods {
        let q = SupervisionQuery {
            from: today - Duration::days(days - 1),
            to: today,
            site: String::new(),
        };
        let mut runs: BTreeMap<String, Vec<i64>> = BTreeMap::new();
        let mut totals = Vec::new();
        let mut order = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            let f = figures(&state, &q, today, true)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            totals.push(start.elapsed().as_micros() as i64);
            for t in f.timings {
                if !order.contains(&t.figure) {
                    order.push(t.figure.clone());
                }
                runs.entry(t.figure).or_default().push(t.micros);
            }
        }
        if !header {
            println!(
                "{:<10} {}  {:>7}",
                "period",
                order.iter().map(|f| format!("{f:>11}")).collect::<String>(),
                "all"
            );
            header = true;
        }
        let median = |v: &mut Vec<i64>| {
            v.sort_unstable();
            v[v.len() / 2] as f64 / 1000.0
        };
        let cells: String = order
            .iter()
            .map(|f| format!("{:>11.1}", median(runs.get_mut(f).unwrap_or(&mut vec![0]))))
            .collect();
        for f in &order {
            let ms = median(runs.get_mut(f).unwrap_or(&mut vec![0]));
            if ms > 300.0 {
                slow.push(format!("{f} over {name} ({ms:.0} ms)"));
            }
        }
        println!("{name:<10} {cells}  {:>7.1}", median(&mut totals));
    }
    // The monthly tables must say what the rows say: one year both ways, compared.
    let year = SupervisionQuery {
        from: today - Duration::days(364),
        to: today,
        site: String::new(),
    };
    let strip = |mut f: onewindow_wire::supervision::Supervision| {
        f.timings.clear();
        f
    };
    let tables = strip(
        figures(&state, &year, today, true)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?,
    );
    let rows = strip(
        figures(&state, &year, today, false)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?,
    );
    anyhow::ensure!(
        tables == rows,
        "the monthly figures tables disagree with the case rows for {}..{}",
        year.from,
        year.to
    );
    println!("the year's figures from the monthly tables equal those counted from the rows");
    println!(
        "figures longer than 300 ms: {}",
        if slow.is_empty() {
            "none".to_string()
        } else {
            slow.join(", ")
        }
    );
    println!("peak memory (VmHWM): {}", peak_memory());
    Ok(())
}
