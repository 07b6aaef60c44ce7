//! How fast the clock answers: adding working days is on every screen that shows a
//! deadline, for every open case in a supervisor's list.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use onewindow_core::calendar::{build, parse_date, DateRange, DayCounting, YearSchedule};

fn calendar() -> onewindow_core::calendar::Calendar {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/calendar");
    let files: Vec<(String, YearSchedule)> = (2023..=2026)
        .map(|y| {
            let text = std::fs::read_to_string(format!("{dir}/{y}.toml")).expect("calendar file");
            (
                format!("calendar/{y}.toml"),
                toml::from_str(&text).expect("valid"),
            )
        })
        .collect();
    build(&files, DayCounting::default()).expect("valid calendar")
}

fn bench(c: &mut Criterion) {
    let cal = calendar();
    let start = parse_date("2026-09-18").unwrap();
    c.bench_function("add 60 working days", |b| {
        b.iter(|| cal.add_working_days(black_box(start), black_box(60)))
    });
    c.bench_function("working days elapsed over a year", |b| {
        let end = parse_date("2026-09-17").unwrap();
        b.iter(|| {
            cal.working_days_elapsed(black_box(parse_date("2025-09-18").unwrap()), black_box(end))
        })
    });
    let s = [DateRange::parse("2026-10-12..2026-10-16").unwrap()];
    c.bench_function(
        "deadline of 60 working days with a suspension, explained",
        |b| b.iter(|| cal.deadline(black_box(start), black_box(60), black_box(&s))),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
