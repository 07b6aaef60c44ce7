//! Each figure of the supervision area as a table (with a chart where people would rather
//! look than read). Only sums and shares of what the server counted are made here.

use super::chart::{bars, Series};
use crate::text::{desk, supervision_text};
use leptos::prelude::*;
use onewindow_core::case::evaluation::{is_poor, EvaluationStage};
use onewindow_core::case::facts::Intake;
use onewindow_core::supervision::Remaining;
use onewindow_wire::supervision::Supervision;
use std::collections::BTreeMap;

/// `part` of `whole` as a percentage with one decimal, or a dash when there is no whole.
fn pct(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "—".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

fn section(id: &'static str, heading: &'static str, body: impl IntoView) -> impl IntoView {
    view! {
        <section class="panel sv-section" aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            {body}
        </section>
    }
}

fn empty() -> AnyView {
    view! { <p class="note">{supervision_text().empty}</p> }.into_any()
}

/// Counts by intake for one key (department, channel, item…).
fn by_intake<'a>(
    f: &'a Supervision,
    key: impl Fn(&'a onewindow_wire::supervision::IntakeRow) -> String,
) -> BTreeMap<String, ([i64; 5], i64)> {
    let mut out: BTreeMap<String, ([i64; 5], i64)> = BTreeMap::new();
    for r in &f.intake {
        let e = out.entry(key(r)).or_default();
        let i = Intake::ALL.iter().position(|x| *x == r.intake).unwrap_or(4);
        e.0[i] += r.cases;
        e.1 += r.first_visit;
    }
    out
}

pub fn summary(f: &Supervision) -> impl IntoView {
    let s = supervision_text();
    let mut counts = [0i64; 5];
    let mut first = 0;
    let (mut answered, mut answered_late) = (0, 0);
    for r in &f.intake {
        let i = Intake::ALL.iter().position(|x| *x == r.intake).unwrap_or(4);
        counts[i] += r.cases;
        first += r.first_visit;
        answered += r.notified_on_time;
        answered_late += r.notified_late;
    }
    let received: i64 = counts.iter().sum();
    let pre: i64 = f.pre_checks.iter().map(|(_, n)| n).sum();
    let on_time: i64 = f.on_time.iter().map(|r| r.on_time).sum();
    let late: i64 = f.on_time.iter().map(|r| r.late).sum();
    let rated: i64 = f.evaluations.iter().map(|e| e.count).sum();
    let good: i64 = f
        .evaluations
        .iter()
        .filter(|e| !is_poor(e.level))
        .map(|e| e.count)
        .sum();
    let tiles = [
        (s.received, received.to_string()),
        (s.accepted, counts[0].to_string()),
        (s.not_accepted, counts[1].to_string()),
        (s.incomplete, counts[2].to_string()),
        (s.pending, counts[3].to_string()),
        (s.pre_checks, pre.to_string()),
        (s.first_visit_rate, pct(first, counts[0])),
        (s.answered_rate, pct(answered, answered + answered_late)),
        (s.on_time_rate, pct(on_time, on_time + late)),
        (s.satisfaction_rate, pct(good, rated)),
    ];
    section(
        "sv-summary",
        s.summary,
        view! {
            <dl class="kpis">
                {tiles.into_iter().map(|(k, v)| view! {
                    <div class="kpi"><dt>{k}</dt><dd>{v}</dd></div>
                }).collect_view()}
            </dl>
        },
    )
}

const INTAKE_SERIES: [Series; 4] = [
    ("受理", "bar-ok"),
    ("不予受理", "bar-bad"),
    ("补正中", "bar-warn"),
    ("待受理", "bar-muted"),
];

pub fn by_department(f: &Supervision) -> impl IntoView {
    let s = supervision_text();
    let rows = by_intake(f, |r| r.department.clone());
    if rows.is_empty() {
        return section("sv-department", s.by_department, empty()).into_any();
    }
    let mut chart: Vec<(String, Vec<i64>)> = rows
        .iter()
        .map(|(d, (c, _))| (d.clone(), c[..4].to_vec()))
        .collect();
    chart.sort_by_key(|(_, v)| -v.iter().sum::<i64>());
    section(
        "sv-department",
        s.by_department,
        view! {
            {bars(&chart, &INTAKE_SERIES)}
            <div class="table-scroll"><table class="cases">
                <thead><tr>
                    <th scope="col">{s.department}</th><th scope="col">{s.received}</th>
                    <th scope="col">{s.accepted}</th><th scope="col">{s.not_accepted}</th>
                    <th scope="col">{s.incomplete}</th><th scope="col">{s.pending}</th>
                    <th scope="col">{s.first_visit}</th><th scope="col">{s.first_visit_rate}</th>
                </tr></thead>
                <tbody>{rows.into_iter().map(|(d, (c, first))| view! {
                    <tr>
                        <th scope="row">{d}</th><td>{c[..4].iter().sum::<i64>()}</td>
                        <td>{c[0]}</td><td>{c[1]}</td><td>{c[2]}</td><td>{c[3]}</td>
                        <td>{first}</td><td>{pct(first, c[0])}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table></div>
        },
    )
    .into_any()
}

pub fn by_channel(f: &Supervision) -> impl IntoView {
    let s = supervision_text();
    let rows = by_intake(f, |r| r.channel.clone());
    let pre: i64 = f.pre_checks.iter().map(|(_, n)| n).sum();
    section(
        "sv-channel",
        s.by_channel,
        view! {
            <table class="cases">
                <thead><tr>
                    <th scope="col">{s.channel}</th><th scope="col">{s.received}</th>
                    <th scope="col">{s.accepted}</th><th scope="col">{s.first_visit_rate}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(ch, (c, first))| view! {
                        <tr>
                            <th scope="row">{match ch.as_str() { "pre_check" => s.channel_pre_check, "terminal" => s.channel_terminal, _ => s.channel_desk }}</th>
                            <td>{c[..4].iter().sum::<i64>()}</td><td>{c[0]}</td><td>{pct(first, c[0])}</td>
                        </tr>
                    }).collect_view()}
                    <tr><th scope="row">{s.pre_checks}</th><td>{pre}</td><td>"—"</td><td>"—"</td></tr>
                </tbody>
            </table>
        },
    )
}

pub fn by_item(f: &Supervision) -> impl IntoView {
    let s = supervision_text();
    if f.items.is_empty() {
        return section("sv-items", s.by_item, empty()).into_any();
    }
    section(
        "sv-items",
        s.by_item,
        view! {
            <div class="table-scroll"><table class="cases">
                <thead><tr>
                    <th scope="col">{s.item}</th><th scope="col">{s.department}</th>
                    <th scope="col">{s.received}</th><th scope="col">{s.accepted}</th>
                    <th scope="col">{s.not_accepted}</th><th scope="col">{s.incomplete}</th>
                </tr></thead>
                <tbody>{f.items.iter().map(|r| view! {
                    <tr>
                        <th scope="row">{r.item.name.clone().unwrap_or_else(|| r.item.code.clone())}</th>
                        <td>{r.item.department.clone().unwrap_or_default()}</td>
                        <td>{r.received}</td><td>{r.accepted}</td><td>{r.not_accepted}</td><td>{r.incomplete}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table></div>
        },
    )
    .into_any()
}

pub fn on_time(f: &Supervision) -> impl IntoView {
    let s = supervision_text();
    if f.on_time.is_empty() {
        return section("sv-on-time", s.on_time_heading, empty()).into_any();
    }
    let chart: Vec<(String, Vec<i64>)> = f
        .on_time
        .iter()
        .map(|r| (r.department.clone(), vec![r.on_time, r.late]))
        .collect();
    section(
        "sv-on-time",
        s.on_time_heading,
        view! {
            {bars(&chart, &[("按时", "bar-ok"), ("超时", "bar-bad")])}
            <table class="cases">
                <thead><tr>
                    <th scope="col">{s.department}</th><th scope="col">{s.decided}</th>
                    <th scope="col">{s.on_time}</th><th scope="col">{s.late}</th><th scope="col">{s.on_time_rate}</th>
                </tr></thead>
                <tbody>{f.on_time.iter().map(|r| view! {
                    <tr>
                        <th scope="row">{r.department.clone()}</th><td>{r.decided}</td>
                        <td>{r.on_time}</td><td>{r.late}</td><td>{pct(r.on_time, r.on_time + r.late)}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        },
    )
    .into_any()
}

pub fn remaining(f: &Supervision) -> impl IntoView {
    let s = supervision_text();
    let mut rows: BTreeMap<String, [i64; 6]> = BTreeMap::new();
    for r in &f.remaining {
        let i = Remaining::ALL
            .iter()
            .position(|x| *x == r.remaining)
            .unwrap_or(5);
        rows.entry(r.department.clone()).or_default()[i] += r.cases;
    }
    if rows.is_empty() {
        return section("sv-remaining", s.remaining_heading, empty()).into_any();
    }
    const SERIES: [Series; 6] = [
        ("已超期", "bar-bad"),
        ("1日内", "bar-warn"),
        ("3日内", "bar-warn2"),
        ("5日内", "bar-ok2"),
        ("5日以上", "bar-ok"),
        ("无期限", "bar-muted"),
    ];
    let chart: Vec<(String, Vec<i64>)> =
        rows.iter().map(|(d, v)| (d.clone(), v.to_vec())).collect();
    section(
        "sv-remaining",
        s.remaining_heading,
        view! {
            {bars(&chart, &SERIES)}
            <div class="table-scroll"><table class="cases">
                <thead><tr>
                    <th scope="col">{s.department}</th>
                    {Remaining::ALL.iter().map(|r| view! { <th scope="col">{s.remaining(*r)}</th> }).collect_view()}
                </tr></thead>
                <tbody>{rows.into_iter().map(|(d, v)| { let late = v[0] > 0; view! {
                    <tr class:due-overdue=late>
                        <th scope="row">{d}</th>
                        {v.iter().map(|n| view! { <td>{*n}</td> }).collect_view()}
                    </tr>
                }}).collect_view()}</tbody>
            </table></div>
        },
    )
    .into_any()
}

pub fn overdue(f: &Supervision) -> impl IntoView {
    let s = supervision_text();
    if f.overdue.is_empty() {
        return section(
            "sv-overdue",
            s.overdue_heading,
            view! { <p class="note">{s.none_overdue}</p> },
        )
        .into_any();
    }
    section(
        "sv-overdue",
        s.overdue_heading,
        view! {
            <div class="table-scroll scroll-list" tabindex="0" role="group" aria-label=s.overdue_heading><table class="cases">
                <thead><tr>
                    <th scope="col">{s.number}</th><th scope="col">{s.item}</th>
                    <th scope="col">{s.owner}</th><th scope="col">{s.site}</th><th scope="col">{s.due}</th>
                </tr></thead>
                <tbody>{f.overdue.iter().map(|c| view! {
                    <tr class="due-overdue">
                        <th scope="row"><a href=format!("/desk/cases/{}", c.number)>{c.number.clone()}</a></th>
                        <td>{c.item.name.clone().unwrap_or_else(|| c.item.code.clone())}</td>
                        <td>{c.owner.clone()}</td><td>{c.site.clone()}</td><td>{c.due.to_string()}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table></div>
        },
    )
    .into_any()
}

pub fn evaluations(f: &Supervision) -> impl IntoView {
    let s = supervision_text();
    if f.evaluations.is_empty() {
        return section("sv-evaluations", s.evaluations_heading, empty()).into_any();
    }
    let mut levels = [0i64; 5];
    let mut stages: BTreeMap<EvaluationStage, [i64; 5]> = BTreeMap::new();
    let mut departments: BTreeMap<String, [i64; 5]> = BTreeMap::new();
    let mut clerks: BTreeMap<(String, String), [i64; 5]> = BTreeMap::new();
    for e in &f.evaluations {
        let i = 5 - usize::from(e.level.clamp(1, 5));
        levels[i] += e.count;
        stages.entry(e.stage).or_default()[i] += e.count;
        departments.entry(e.department.clone()).or_default()[i] += e.count;
        clerks.entry((e.owner.clone(), e.site.clone())).or_default()[i] += e.count;
    }
    let d = desk();
    let chart: Vec<(String, Vec<i64>)> = (0..5)
        .map(|i| (d.level(5 - i as u8).to_string(), vec![levels[i]]))
        .collect();
    let level_heads = move || {
        (1..=5u8)
            .rev()
            .map(|l| view! { <th scope="col">{d.level(l)}</th> })
            .collect_view()
    };
    // v[i] holds level 5 - i; 好评 is every level that is not poor.
    let good = |v: &[i64; 5]| {
        let fine: i64 = (0..5)
            .filter(|i| !is_poor(5 - *i as u8))
            .map(|i| v[i])
            .sum();
        pct(fine, v.iter().sum())
    };
    section(
        "sv-evaluations",
        s.evaluations_heading,
        view! {
            {bars(&chart, &[("件数", "bar-ok")])}
            <table class="cases">
                <caption>{s.stage}</caption>
                <thead><tr><th scope="col">{s.stage}</th>{level_heads()}<th scope="col">{s.satisfaction_rate}</th></tr></thead>
                <tbody>{stages.iter().map(|(st, v)| view! {
                    <tr><th scope="row">{d.stage(*st)}</th>{v.iter().map(|n| view! { <td>{*n}</td> }).collect_view()}<td>{good(v)}</td></tr>
                }).collect_view()}</tbody>
            </table>
            <div class="table-scroll"><table class="cases">
                <caption>{s.department}</caption>
                <thead><tr><th scope="col">{s.department}</th>{level_heads()}<th scope="col">{s.satisfaction_rate}</th></tr></thead>
                <tbody>{departments.iter().map(|(dep, v)| view! {
                    <tr><th scope="row">{dep.clone()}</th>{v.iter().map(|n| view! { <td>{*n}</td> }).collect_view()}<td>{good(v)}</td></tr>
                }).collect_view()}</tbody>
            </table></div>
            <div class="table-scroll"><table class="cases">
                <caption>{s.by_clerk}</caption>
                <thead><tr><th scope="col">{s.clerk}</th><th scope="col">{s.site}</th>{level_heads()}<th scope="col">{s.satisfaction_rate}</th></tr></thead>
                <tbody>{clerks.iter().map(|((who, site), v)| view! {
                    <tr><th scope="row">{who.clone()}</th><td>{site.clone()}</td>
                        {v.iter().map(|n| view! { <td>{*n}</td> }).collect_view()}<td>{good(v)}</td></tr>
                }).collect_view()}</tbody>
            </table></div>
        },
    )
    .into_any()
}

pub fn follow_ups(f: &Supervision) -> impl IntoView {
    let s = supervision_text();
    if f.follow_ups.is_empty() {
        return section(
            "sv-follow-ups",
            s.follow_ups_heading,
            view! { <p class="note">{s.none_follow_ups}</p> },
        )
        .into_any();
    }
    let today = f.today;
    section(
        "sv-follow-ups",
        s.follow_ups_heading,
        view! {
            <div class="table-scroll scroll-list" tabindex="0" role="group" aria-label=s.follow_ups_heading><table class="cases">
                <thead><tr>
                    <th scope="col">{s.number}</th><th scope="col">{s.department}</th>
                    <th scope="col">{s.owner}</th><th scope="col">{s.follow_up_assignee}</th><th scope="col">{s.due}</th>
                </tr></thead>
                <tbody>{f.follow_ups.iter().map(|r| {
                    let late = r.due < today;
                    view! {
                        <tr class:due-overdue=late>
                            <th scope="row"><a href=format!("/desk/cases/{}", r.number)>{r.number.clone()}</a></th>
                            <td>{r.department.clone()}</td><td>{r.owner.clone()}</td>
                            <td>{r.assigned_to.clone().unwrap_or_else(|| s.not_assigned.to_string())}</td>
                            <td>{r.due.to_string()}{late.then(|| view! { " " <span class="due-badge due-overdue">{desk().warning(Some(onewindow_core::case::DueStatus::Overdue))}</span> })}</td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table></div>
        },
    )
    .into_any()
}

pub fn complaints(f: &Supervision) -> impl IntoView {
    let s = supervision_text();
    let c = &f.complaints;
    let tiles = [
        (s.complaints_filed, c.filed),
        (s.complaints_closed_on_time, c.closed_on_time),
        (s.complaints_closed_late, c.closed_late),
        (s.complaints_open, c.open),
        (s.complaints_open_overdue, c.open_overdue),
    ];
    section(
        "sv-complaints",
        s.complaints_heading,
        view! {
            <dl class="kpis">
                {tiles.into_iter().map(|(k, v)| {
                    let bad = k == s.complaints_open_overdue && v > 0;
                    view! { <div class="kpi" class:kpi-bad=bad><dt>{k}</dt><dd>{v}</dd></div> }
                }).collect_view()}
            </dl>
            <p><a href="/desk">{crate::text::complaint_text().desk_heading}</a></p>
        },
    )
}

pub fn workload(f: &Supervision) -> impl IntoView {
    let s = supervision_text();
    if f.workload.is_empty() {
        return section("sv-workload", s.workload_heading, empty()).into_any();
    }
    let chart: Vec<(String, Vec<i64>)> = f
        .workload
        .iter()
        .filter(|w| !w.owner.is_empty())
        .map(|w| (w.owner.clone(), vec![w.accepted, w.received - w.accepted]))
        .collect();
    section(
        "sv-workload",
        s.workload_heading,
        view! {
            {bars(&chart, &[("受理", "bar-ok"), ("其他", "bar-muted")])}
            <table class="cases">
                <thead><tr>
                    <th scope="col">{s.clerk}</th><th scope="col">{s.site}</th><th scope="col">{s.received}</th>
                    <th scope="col">{s.accepted}</th><th scope="col">{s.first_visit}</th>
                </tr></thead>
                <tbody>{f.workload.iter().map(|w| view! {
                    <tr>
                        <th scope="row">{w.owner.clone()}</th><td>{w.site.clone()}</td>
                        <td>{w.received}</td><td>{w.accepted}</td><td>{w.first_visit}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        },
    )
    .into_any()
}

/// The guidance desk's consultations and the questions sent to back offices, by item.
pub fn consultations(f: &Supervision) -> impl IntoView {
    let c = crate::text::consult_text();
    if f.consultations.is_empty() {
        return section("sv-consultations", c.supervision_heading, empty()).into_any();
    }
    section(
        "sv-consultations",
        c.supervision_heading,
        view! {
            <table class="cases">
                <thead><tr>
                    <th scope="col">{c.col_item}</th><th scope="col">{c.col_consultations}</th>
                    <th scope="col">{c.col_enquiries}</th><th scope="col">{c.col_late}</th>
                </tr></thead>
                <tbody>{f.consultations.iter().map(|r| view! {
                    <tr>
                        <th scope="row">{r.item.name.clone().unwrap_or_else(|| r.item.code.clone())}</th>
                        <td>{r.consultations}</td><td>{r.enquiries}</td><td>{r.late}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        },
    )
    .into_any()
}
