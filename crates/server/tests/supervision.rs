//! The supervision figures against a hand-computed fixture: six cases, a pre-check and a
//! complaint with known dates, counted as of Saturday 28 November 2026; and only a
//! supervisor may read them.

mod support;

use chrono::{NaiveDate, NaiveDateTime};
use onewindow_core::case::evaluation::EvaluationStage;
use onewindow_core::case::facts::Intake;
use onewindow_core::case::{Event, EventKind, Role};
use onewindow_core::catalog::DeliveryMethod;
use onewindow_core::supervision::Remaining;
use onewindow_server::supervision::figures;
use onewindow_wire::supervision::{EvaluationRow, SupervisionQuery};
use support::{app_state, login, start, FOOD, PASSWORD};

const DISABILITY: &str = "370000-CL-QR-016";
const FOOD_DEPT: &str = "市场监督管理局";
const DISABILITY_DEPT: &str = "残疾人联合会";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn ev(at: &str, kind: EventKind) -> Event {
    Event {
        at: NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap(),
        actor: "王敏".into(),
        role: Role::Clerk,
        note: String::new(),
        kind,
        device_at: None,
    }
}

fn accepted(at: &str) -> Event {
    ev(at, EventKind::Accepted { tolerated: vec![] })
}

fn decided(at: &str) -> Event {
    ev(
        at,
        EventKind::Decided {
            approved: true,
            reasons: vec![],
        },
    )
}

async fn insert(
    db: &onewindow_server::db::Db,
    number: &str,
    item: &str,
    channel: &str,
    owner: &str,
    site: &str,
    events: Vec<Event>,
) {
    let created = events[0].at.to_string();
    sqlx::query(
        "INSERT INTO cases (number, lookup_code, item_code, channel, state, applicant_name, applicant_id, \
         applicant_mobile, submission, outcome, events, created_at, owner, site) \
         VALUES ($1, 'ABCDEFGH', $2, $3, 'x', '张三', '110105194912310029', '13800138000', '{}', NULL, $4, $5, $6, $7)",
    )
    .bind(number)
    .bind(item)
    .bind(channel)
    // Written plain, as rows from before sealing are (read either way).
    .bind(onewindow_server::stored::events_plain(&events).unwrap())
    .bind(created)
    .bind(owner)
    .bind(site)
    .execute(db)
    .await
    .unwrap();
}

#[tokio::test]
async fn every_figure_matches_the_hand_computed_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let state = app_state(dir.path()).await;
    let db = &state.db;
    // A: food, accepted at once on Mon 2 Nov (promised: 5 working days, 9 Nov), decided
    // on the 5th, handed out, evaluated 非常满意.
    insert(
        db,
        "2026-000001",
        FOOD,
        "desk",
        "王敏",
        "城区",
        vec![
            ev("2026-11-02 09:00", EventKind::Received),
            accepted("2026-11-02 09:10"),
            decided("2026-11-05 10:00"),
            ev(
                "2026-11-05 15:00",
                EventKind::Delivered {
                    method: DeliveryMethod::Window,
                    tracking: None,
                    handout: None,
                    collected: vec![],
                },
            ),
            ev(
                "2026-11-05 15:05",
                EventKind::Evaluated {
                    stage: EvaluationStage::Handout,
                    level: 5,
                    comment: None,
                    reasons: vec![],
                },
            ),
        ],
    )
    .await;
    // B: food, sent back for papers on the 3rd (told in time), accepted on the 4th (due
    // the 11th), still open: overdue.
    insert(
        db,
        "2026-000002",
        FOOD,
        "desk",
        "王敏",
        "城区",
        vec![
            ev("2026-11-03 09:00", EventKind::Received),
            ev(
                "2026-11-03 09:30",
                EventKind::CorrectionRequested {
                    items: vec!["营业执照：已过期".into()],
                },
            ),
            ev("2026-11-04 09:00", EventKind::CorrectionReceived),
            accepted("2026-11-04 09:10"),
        ],
    )
    .await;
    // C: food, refused at the window on the 10th; the reception evaluated 非常不满意:
    // a follow-up due in 15 working days (1 Dec).
    insert(
        db,
        "2026-000003",
        FOOD,
        "desk",
        "李娜",
        "乡镇",
        vec![
            ev("2026-11-10 09:00", EventKind::Received),
            ev(
                "2026-11-10 09:30",
                EventKind::NotAccepted {
                    reasons: vec!["不属于本机关职权范围".into()],
                },
            ),
            ev(
                "2026-11-10 09:40",
                EventKind::Evaluated {
                    stage: EvaluationStage::Acceptance,
                    level: 1,
                    comment: None,
                    reasons: vec!["多次跑腿".into()],
                },
            ),
        ],
    )
    .await;
    // D: disability certificate, accepted Fri 20 Nov (15 working days: 11 Dec), open.
    insert(
        db,
        "2026-000004",
        DISABILITY,
        "desk",
        "李娜",
        "乡镇",
        vec![
            ev("2026-11-20 09:00", EventKind::Received),
            accepted("2026-11-20 09:10"),
        ],
    )
    .await;
    // E: a food pre-check on the 15th, never brought in.
    insert(
        db,
        "2026-000005",
        FOOD,
        "pre_check",
        "",
        "",
        vec![ev("2026-11-15 10:00", EventKind::PreChecked)],
    )
    .await;
    // F: food received in October (due 27 Oct), decided late on 6 Nov.
    insert(
        db,
        "2026-000006",
        FOOD,
        "desk",
        "王敏",
        "城区",
        vec![
            ev("2026-10-20 09:00", EventKind::Received),
            accepted("2026-10-20 09:10"),
            decided("2026-11-06 10:00"),
        ],
    )
    .await;
    // A complaint filed on the 20th, open (due 11 Dec).
    sqlx::query(
        "INSERT INTO complaints (number, lookup_code, item_code, place, what, name, mobile, at_terminal, filed_at) \
         VALUES ('BC2026-000001', 'ABCDEFGH', '', '大厅', '没办成', '赵丽华', '13800138000', 0, '2026-11-20T10:00:00')",
    )
    .execute(db)
    .await
    .unwrap();
    assert_eq!(
        onewindow_server::facts::backfill(db, &state.catalog, &state.vault)
            .await
            .unwrap(),
        6
    );

    let november = SupervisionQuery {
        from: d("2026-11-01"),
        to: d("2026-11-30"),
        site: String::new(),
    };
    let f = figures(&state, &november, d("2026-11-28"), true)
        .await
        .unwrap();
    assert_same(
        &f,
        &figures(&state, &november, d("2026-11-28"), false)
            .await
            .unwrap(),
    );

    let intake = |dept: &str, channel: &str, i: Intake| {
        f.intake
            .iter()
            .find(|r| r.department == dept && r.channel == channel && r.intake == i)
            .cloned()
    };
    let food_accepted = intake(FOOD_DEPT, "desk", Intake::Accepted).unwrap();
    assert_eq!((food_accepted.cases, food_accepted.first_visit), (2, 1));
    // Both answered within Art. 32's 5 working days (A accepted, B told of its gaps).
    assert_eq!(
        (food_accepted.notified_on_time, food_accepted.notified_late),
        (2, 0)
    );
    assert_eq!(
        intake(FOOD_DEPT, "desk", Intake::NotAccepted)
            .unwrap()
            .cases,
        1
    );
    assert_eq!(
        intake(DISABILITY_DEPT, "desk", Intake::Accepted)
            .unwrap()
            .cases,
        1
    );
    assert_eq!(
        f.intake.iter().map(|r| r.cases).sum::<i64>(),
        4,
        "F was received in October"
    );
    assert_eq!(f.pre_checks, vec![(FOOD_DEPT.to_string(), 1)]);

    assert_eq!(f.items[0].item.code, FOOD);
    assert_eq!(
        (
            f.items[0].received,
            f.items[0].accepted,
            f.items[0].not_accepted
        ),
        (3, 2, 1)
    );
    assert_eq!(
        (f.items[1].item.code.as_str(), f.items[1].received),
        (DISABILITY, 1)
    );

    let food_on_time = f
        .on_time
        .iter()
        .find(|r| r.department == FOOD_DEPT)
        .unwrap();
    assert_eq!(
        (
            food_on_time.decided,
            food_on_time.on_time,
            food_on_time.late
        ),
        (2, 1, 1)
    );

    let remaining: Vec<(String, Remaining, i64)> = f
        .remaining
        .iter()
        .map(|r| (r.department.clone(), r.remaining, r.cases))
        .collect();
    assert_eq!(
        remaining,
        vec![
            (FOOD_DEPT.to_string(), Remaining::Overdue, 1),
            (DISABILITY_DEPT.to_string(), Remaining::Later, 1),
        ]
    );
    assert_eq!(f.overdue.len(), 1);
    assert_eq!(
        (
            f.overdue[0].number.as_str(),
            f.overdue[0].owner.as_str(),
            f.overdue[0].due
        ),
        ("2026-000002", "王敏", d("2026-11-11"))
    );

    let mut evaluations = f.evaluations.clone();
    evaluations.sort_by_key(|e| e.level);
    assert_eq!(
        evaluations,
        vec![
            EvaluationRow {
                department: FOOD_DEPT.into(),
                site: "乡镇".into(),
                owner: "李娜".into(),
                stage: EvaluationStage::Acceptance,
                level: 1,
                count: 1
            },
            EvaluationRow {
                department: FOOD_DEPT.into(),
                site: "城区".into(),
                owner: "王敏".into(),
                stage: EvaluationStage::Handout,
                level: 5,
                count: 1
            },
        ]
    );
    assert_eq!(f.follow_ups.len(), 1);
    assert_eq!(
        (f.follow_ups[0].number.as_str(), f.follow_ups[0].due),
        ("2026-000003", d("2026-12-01"))
    );

    assert_eq!(
        (
            f.complaints.filed,
            f.complaints.open,
            f.complaints.open_overdue
        ),
        (1, 1, 0)
    );

    let workload: Vec<(String, String, i64, i64, i64)> = f
        .workload
        .iter()
        .map(|w| {
            (
                w.owner.clone(),
                w.site.clone(),
                w.received,
                w.accepted,
                w.first_visit,
            )
        })
        .collect();
    assert_eq!(
        workload,
        vec![
            ("李娜".to_string(), "乡镇".to_string(), 2, 1, 1),
            ("王敏".to_string(), "城区".to_string(), 2, 2, 1),
        ]
    );
    assert!(f.timings.len() >= 9);

    // One site: its cases only, no pre-checks (they have no site).
    let township = SupervisionQuery {
        site: "乡镇".into(),
        ..november.clone()
    };
    let t = figures(&state, &township, d("2026-11-28"), true)
        .await
        .unwrap();
    assert_eq!(t.intake.iter().map(|r| r.cases).sum::<i64>(), 2);
    assert!(t.pre_checks.is_empty());
    assert!(t.overdue.is_empty());
    // In December nothing was received, but B is still overdue and C's follow-up open.
    let december = SupervisionQuery {
        from: d("2026-12-01"),
        to: d("2026-12-31"),
        site: String::new(),
    };
    let later = figures(&state, &december, d("2026-12-02"), true)
        .await
        .unwrap();
    assert!(later.intake.is_empty());
    assert_eq!(later.overdue.len(), 1);
    assert_eq!(later.follow_ups.len(), 1);
}

#[tokio::test]
async fn only_a_supervisor_reads_the_figures_and_a_bad_period_is_named() {
    let server = start().await;
    let url = format!(
        "{}/api/desk/supervision?from=2026-11-01&to=2026-11-30",
        server.base
    );
    let get = |cookie: String, url: String| async move {
        let r = reqwest::Client::new()
            .get(url)
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        (
            r.status().as_u16(),
            r.json::<serde_json::Value>().await.unwrap_or_default(),
        )
    };
    assert_eq!(get(server.cookie.clone(), url.clone()).await.0, 403);
    let supervisor = login(&server.base, "李主任", PASSWORD).await.unwrap();
    let (status, body) = get(supervisor.clone(), url).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["from"], "2026-11-01");
    let (status, body) = get(
        supervisor.clone(),
        format!(
            "{}/api/desk/supervision?from=2026-11-30&to=2026-11-01",
            server.base
        ),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body["error"].as_str().unwrap().contains("统计期间"),
        "{body}"
    );
    let (status, _) = get(
        supervisor,
        format!(
            "{}/api/desk/supervision?from=30.11.2026&to=2026-11-01",
            server.base
        ),
    )
    .await;
    assert_eq!(status, 400);
    server.stop().await;
}

#[tokio::test]
async fn the_ledger_lists_the_periods_decided_cases_masked_unless_a_reason_is_given() {
    let server = start().await;
    let db = support::pool(&server).await;
    // A person's case decided on 5 Nov, an organisation's on 6 Nov, one decided in October.
    let person = vec![
        ev("2026-11-02 09:00", EventKind::Received),
        accepted("2026-11-02 09:10"),
        decided("2026-11-05 10:00"),
    ];
    insert(&db, "2026-000001", FOOD, "desk", "王敏", "城区", person).await;
    insert(
        &db,
        "2026-000002",
        FOOD,
        "desk",
        "王敏",
        "城区",
        vec![
            ev("2026-10-20 09:00", EventKind::Received),
            accepted("2026-10-20 09:10"),
            decided("2026-11-06 10:00"),
        ],
    )
    .await;
    sqlx::query("UPDATE cases SET applicant_name = '某某餐饮有限公司', applicant_id = '91350100M000100Y43' WHERE number = '2026-000002'")
        .execute(&db).await.unwrap();
    insert(
        &db,
        "2026-000003",
        FOOD,
        "desk",
        "王敏",
        "城区",
        vec![
            ev("2026-10-12 09:00", EventKind::Received),
            accepted("2026-10-12 09:10"),
            decided("2026-10-14 10:00"),
        ],
    )
    .await;
    let catalog = onewindow_server::catalog_dir::load_dir(&support::repo_catalog()).unwrap();
    let vault = onewindow_server::vault::Vault::load(support::test_keys()).unwrap();
    onewindow_server::facts::backfill(&db, &catalog, &vault)
        .await
        .unwrap();

    let supervisor = login(&server.base, "李主任", PASSWORD).await.unwrap();
    let get = |cookie: &str, query: &str| {
        let url = format!("{}/api/desk/reports/ledger?{query}", server.base);
        let cookie = cookie.to_string();
        async move {
            let r = reqwest::Client::new()
                .get(url)
                .header("cookie", cookie)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let kind = r
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            (status, kind, r.bytes().await.unwrap().to_vec())
        }
    };
    let week = "from=2026-11-02&to=2026-11-08";
    assert_eq!(get(&server.cookie, week).await.0, 403);
    let (status, kind, body) = get(&supervisor, week).await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"), "{kind}");
    let text = String::from_utf8(body).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("序号,办件编号,事项名称"));
    // The person masked; the company's name and code not (its mobile is).
    assert!(
        lines[1].contains("2026-000001")
            && lines[1].contains("张*")
            && lines[1].contains("110***********0029")
    );
    assert!(!text.contains("110105194912310029") && !text.contains("13800138000"));
    assert!(lines[2].contains("某某餐饮有限公司") && lines[2].contains("91350100M000100Y43"));
    // Decided late: promised 27 Oct, decided 6 Nov.
    assert!(lines[2].contains(",准予,2026-10-27,否,"), "{}", lines[2]);
    assert!(lines[1].contains(",准予,2026-11-09,是,"), "{}", lines[1]);

    // With a reason, in full — and the reason is in the audit log.
    let (_, _, body) = get(
        &supervisor,
        &format!("{week}&reason=%E7%BA%AA%E6%A3%80%E6%A0%B8%E6%9F%A5%E8%B0%83%E9%98%85"),
    )
    .await;
    assert!(String::from_utf8(body)
        .unwrap()
        .contains("110105194912310029"));
    let audited: String = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'report.ledger' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert!(audited.contains("纪检核查调阅"), "{audited}");
    // Too short a reason is refused, naming the field.
    let (status, _, body) = get(&supervisor, &format!("{week}&reason=a")).await;
    assert_eq!(status, 422);
    assert!(String::from_utf8(body).unwrap().contains("reason"));

    // The workbook is a zip (XLSX) of the same rows.
    let (status, kind, body) = get(&supervisor, &format!("{week}&format=xlsx&department=%E5%B8%82%E5%9C%BA%E7%9B%91%E7%9D%A3%E7%AE%A1%E7%90%86%E5%B1%80")).await;
    assert_eq!(status, 200);
    assert!(kind.contains("spreadsheetml"), "{kind}");
    assert_eq!(&body[..2], b"PK");
    server.stop().await;
}

/// Two answers with the same figures (the query times aside).
fn assert_same(
    a: &onewindow_wire::supervision::Supervision,
    b: &onewindow_wire::supervision::Supervision,
) {
    let (mut a, mut b) = (a.clone(), b.clone());
    a.timings.clear();
    b.timings.clear();
    assert_eq!(a, b);
}

/// The monthly figures tables against the case rows, on generated cases: a year with
/// partial months at both ends, whole months, one month, each site; and again after every
/// open case's facts were written anew (each write takes the old contribution out).
#[tokio::test]
async fn the_monthly_tables_agree_with_the_case_rows_for_any_period_and_site() {
    let dir = tempfile::tempdir().unwrap();
    let state = app_state(dir.path()).await;
    let today = d("2026-11-28");
    onewindow_server::gen_cases::run(&state.db, &state.catalog, 3_000, today, 7)
        .await
        .unwrap();
    let terminal: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE via_terminal = 1")
        .fetch_one(&state.db)
        .await
        .unwrap();
    assert!(terminal > 100, "{terminal} cases begun at a terminal");
    let periods = [
        ("2025-11-28", "2026-11-28"),
        ("2025-01-01", "2026-06-30"),
        ("2026-03-01", "2026-03-31"),
        ("2026-02-14", "2026-05-03"),
    ];
    let check = |state: onewindow_server::AppState| async move {
        for (from, to) in periods {
            for site in ["", "县政务服务中心", "东湖镇便民服务中心"] {
                let q = SupervisionQuery {
                    from: d(from),
                    to: d(to),
                    site: site.into(),
                };
                let tables = figures(&state, &q, today, true).await.unwrap();
                let rows = figures(&state, &q, today, false).await.unwrap();
                assert!(
                    tables.intake.iter().map(|r| r.cases).sum::<i64>() > 0,
                    "{from}..{to} {site}"
                );
                assert!(tables.intake.iter().any(|r| r.channel == "terminal"));
                assert_same(&tables, &rows);
            }
        }
    };
    check(state.clone()).await;
    let refreshed = onewindow_server::facts::refresh_open(&state.db, &state.catalog, &state.vault)
        .await
        .unwrap();
    assert!(refreshed > 0);
    check(state.clone()).await;
}
