//! The eight notices rendered from the repository's templates, against golden files
//! (`UPDATE_GOLDEN=1 cargo test -p onewindow-core --test notices` rewrites them after a
//! deliberate wording change; review the diff).

mod fixtures;

use onewindow_core::calendar::parse_date;
use onewindow_core::case::{deadlines, replay, DeadlineSettings, Event, EventKind, Limits, Role};
use onewindow_core::case_notice::{ApplicantFacts, CaseFacts};
use onewindow_core::checklist::checklist;
use onewindow_core::condition::Answers;
use onewindow_core::notice::data::{GapLine, NoticeData, ReasonLine, ToleratedLine};
use onewindow_core::notice::{self, NoticeKind, NoticeSettings, Notices};
use onewindow_core::outcome::{front_desk_outcome, MaterialStatus, Outcome};
use std::collections::BTreeMap;
use std::path::Path;

/// A step recorded by the clerk 王敏 at `t` (YYYY-MM-DD HH:MM).
fn clerk(t: &str, kind: EventKind) -> Event {
    Event {
        at: chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").unwrap(),
        actor: "王敏".into(),
        role: Role::Clerk,
        note: String::new(),
        kind,
        device_at: None,
    }
}

fn repo_notices() -> Notices {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../catalog/notices"
    ));
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let settings: NoticeSettings = toml::from_str(&read("settings.toml")).unwrap();
    let templates: BTreeMap<NoticeKind, String> = notice::ALL
        .iter()
        .map(|k| (*k, read(k.file_name())))
        .collect();
    Notices {
        settings,
        frame: read("frame.html"),
        templates,
    }
}

fn case_data(notices: &Notices, kind: NoticeKind) -> NoticeData {
    let mut data = NoticeData::sample();
    // The sample's joint departments belong to a joint item: only the schedule shows them
    // here (the decision notice's opinions are checked with a joint case elsewhere).
    if kind != NoticeKind::ApprovalSchedule {
        data.joint = Default::default();
    }
    let s = &notices.settings;
    data.office.name = s.office.clone();
    data.office.seal = s.seal.clone();
    data.office.phone = s.phone.clone();
    data.office.address = s.address.clone();
    data.office.remedies = s.remedies.clone();
    data.notice.title = kind.title().to_string();
    data.notice.number = notices.number(kind, 2026, 123);
    data.case.lookup_url = notices.lookup_url(&data.case.number, &data.case.lookup_code);
    data.gaps.push(GapLine {
        name: "营业执照".into(),
        problem: "已过有效期".into(),
        bring: "营业执照（复印件1份）".into(),
    });
    data.tolerated = vec![ToleratedLine {
        name: "设备布局图".into(),
        supply_by: "二〇二六年十一月二十六日".into(),
    }];
    data.reasons = vec![ReasonLine {
        reason: "仅销售预包装食品的，应当办理备案".into(),
        legal_basis: "《食品经营许可和备案管理办法》第二条".into(),
    }];
    data
}

#[test]
fn each_notice_renders_as_its_golden_file() {
    let notices = repo_notices();
    assert!(notices.check().is_empty(), "{:?}", notices.check());
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden"));
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for kind in notice::ALL {
        let html = notices.render(kind, &case_data(&notices, kind)).unwrap();
        let path = dir.join(kind.file_name());
        if update {
            std::fs::write(&path, &html).unwrap();
        }
        let golden = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            html,
            golden,
            "{} differs from {}",
            kind.title(),
            path.display()
        );
        assert!(html.contains(&format!("<h1 class=\"notice-title\">{}</h1>", kind.title())));
        assert!(html.contains("某政"), "a document number");
        assert!(html.contains("<svg"), "a QR code");
    }
}

#[test]
fn what_an_applicant_typed_is_printed_as_text() {
    let notices = repo_notices();
    let mut data = case_data(&notices, NoticeKind::Acceptance);
    data.applicant.name = "<script>alert(1)</script>".into();
    let html = notices.render(NoticeKind::Acceptance, &data).unwrap();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;："));
}

#[test]
fn a_denial_prints_its_reasons_and_the_remedies() {
    let notices = repo_notices();
    let mut data = case_data(&notices, NoticeKind::Completion);
    data.decision.approved = false;
    let html = notices.render(NoticeKind::Completion, &data).unwrap();
    assert!(html.contains("决定不予准予"));
    assert!(html.contains(
        "仅销售预包装食品的，应当办理备案（依据：《食品经营许可和备案管理办法》第二条）"
    ));
    assert!(
        html.contains("六十日内") && html.contains("六个月内"),
        "reconsideration and litigation with time limits"
    );
}

#[test]
fn a_template_using_a_value_the_case_does_not_have_is_refused() {
    let mut notices = repo_notices();
    notices.templates.insert(
        NoticeKind::Acceptance,
        "<p>{{ applicant.address }}</p>\n{{ case.fee }}".into(),
    );
    let problems: Vec<String> = notices
        .check()
        .iter()
        .map(|(f, p)| format!("{f}: {p}"))
        .collect();
    assert_eq!(
        problems,
        [
            "notices/acceptance.html: line 1: the notice has no value \"applicant.address\"",
            "notices/acceptance.html: line 2: the notice has no value \"case.fee\""
        ]
    );
}

#[test]
fn an_acceptance_notice_from_a_real_case_carries_its_deadlines_and_masked_data() {
    let notices = repo_notices();
    let catalog = fixtures::catalog();
    let item = catalog.item("T-001").unwrap();
    let answers = Answers::new()
        .with("applicant_type", "company")
        .with("agent", false)
        .with("family_members", 1);
    let list = checklist(item, &answers);
    let mut marks: onewindow_core::outcome::Marks = list
        .entries
        .iter()
        .map(|e| (e.material.clone(), MaterialStatus::Original))
        .collect();
    marks.insert("in_person".into(), MaterialStatus::Satisfied);
    marks.insert("layout_plan".into(), MaterialStatus::Missing);
    let outcome = front_desk_outcome(item, &answers, &marks).unwrap();
    assert!(matches!(outcome, Outcome::AcceptedWithTolerated { .. }));

    let events = [
        clerk("2026-11-20 09:00", EventKind::Received),
        clerk("2026-11-20 09:10", outcome.event()),
    ];
    let record = replay(&events).unwrap();
    let cal = fixtures::official_calendar();
    let today = parse_date("2026-11-20").unwrap();
    let due = deadlines(
        &record,
        &Limits::of(item),
        &cal,
        today,
        &DeadlineSettings::default(),
    )
    .unwrap();
    let applicant = ApplicantFacts {
        name: "某某餐饮有限公司".into(),
        id_number: "11010519491231002X".into(),
        mobile: "13800138000".into(),
    };
    let facts = CaseFacts {
        item,
        applicant: &applicant,
        number: "2026-000042",
        lookup_code: "K7QH2MZP",
        record: &record,
        deadlines: &due,
        checklist: Some(&list),
        outcome: Some(&outcome),
        event: None,
    };
    let data = notices.data_for(
        NoticeKind::Acceptance,
        facts,
        today,
        42,
        "第一联　申请人留存",
    );
    let html = notices.render(NoticeKind::Acceptance, &data).unwrap();
    for expected in [
        "某政受字〔2026〕第000042号",
        "于二〇二六年十一月二十日提出的<strong>食品经营许可</strong>申请",
        // 10 working days after Friday 2026-11-20, and 20 for the statutory limit.
        "10个工作日内（二〇二六年十二月四日前）",
        "法定办理期限为20个工作日（二〇二六年十二月十八日）",
        // The tolerated material is due 5 working days after acceptance.
        "设备布局和工艺流程文件，补交期限：二〇二六年十一月二十七日",
        "110***********002X",
        "138****8000",
        "http://127.0.0.1:8080/q/2026-000042?code=K7QH2MZP",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in\n{html}");
    }
    assert!(
        !html.contains("11010519491231002X"),
        "the full ID number is never printed"
    );

    // Later steps speak for themselves: the back office's corrections and a denial.
    let mut events = events.to_vec();
    events.push(clerk("2026-11-23 10:00", EventKind::ReviewStarted));
    let correction = EventKind::CorrectionRequested {
        items: vec!["卫生管理制度：未加盖公章".into()],
    };
    events.push(clerk("2026-11-24 10:00", correction.clone()));
    let record = replay(&events).unwrap();
    let facts = CaseFacts {
        record: &record,
        event: Some(&correction),
        ..facts
    };
    let data = notices.data_for(NoticeKind::Correction, facts, today, 7, "申请人留存");
    let html = notices.render(NoticeKind::Correction, &data).unwrap();
    assert!(html.contains("卫生管理制度"), "{html}");
    assert!(html.contains("未加盖公章"), "{html}");
    let denial = EventKind::Decided {
        approved: false,
        reasons: vec!["现场核查不符合卫生要求".into()],
    };
    let facts = CaseFacts {
        event: Some(&denial),
        ..facts
    };
    let data = notices.data_for(NoticeKind::Completion, facts, today, 8, "申请人留存");
    let html = notices.render(NoticeKind::Completion, &data).unwrap();
    assert!(html.contains("现场核查不符合卫生要求"), "{html}");
}

#[test]
fn a_notice_whose_dates_reach_an_unpublished_year_says_they_are_provisional() {
    let notices = repo_notices();
    let catalog = fixtures::catalog();
    let item = catalog.item("T-001").unwrap();
    let answers = Answers::new()
        .with("applicant_type", "company")
        .with("agent", false)
        .with("family_members", 1);
    let list = checklist(item, &answers);
    let marks: onewindow_core::outcome::Marks = list
        .entries
        .iter()
        .map(|e| (e.material.clone(), MaterialStatus::Original))
        .chain([("in_person".to_string(), MaterialStatus::Satisfied)])
        .collect();
    let outcome = front_desk_outcome(item, &answers, &marks).unwrap();
    let applicant = ApplicantFacts {
        name: "某某餐饮有限公司".into(),
        id_number: "11010519491231002X".into(),
        mobile: "13800138000".into(),
    };
    let cal = fixtures::official_calendar();
    let render = |day: &str| {
        let events = [
            clerk(&format!("{day} 09:00"), EventKind::Received),
            clerk(&format!("{day} 09:10"), outcome.event()),
        ];
        let record = replay(&events).unwrap();
        let today = parse_date(day).unwrap();
        let due = deadlines(
            &record,
            &Limits::of(item),
            &cal,
            today,
            &DeadlineSettings::default(),
        )
        .unwrap();
        let facts = CaseFacts {
            item,
            applicant: &applicant,
            number: "2026-000043",
            lookup_code: "K7QH2MZP",
            record: &record,
            deadlines: &due,
            checklist: Some(&list),
            outcome: Some(&outcome),
            event: None,
        };
        let data = notices.data_for(NoticeKind::Acceptance, facts, today, 43, "申请人留存");
        notices.render(NoticeKind::Acceptance, &data).unwrap()
    };
    // Accepted Mon 2026-12-21: 10 working days end on Tue 2027-01-05 (元旦 off), 20 on
    // Tue 01-19 — in 2027, whose schedule the catalogue does not have yet.
    let html = render("2026-12-21");
    assert!(html.contains("（二〇二七年一月五日前）"), "{html}");
    assert!(
        html.contains("注：2027年节假日安排尚未公布，上述2027年的日期暂按"),
        "{html}"
    );
    // A case whose dates all fall in published years prints no such note.
    assert!(!render("2026-11-20").contains("尚未公布"));
}

/// A back office that refuses after receipt (收件), or asks for a correction before
/// accepting, prints what its own step recorded: the reasons, and the day of receipt.
#[test]
fn a_refusal_after_receipt_and_a_correction_before_acceptance_print_their_step() {
    let notices = repo_notices();
    let catalog = fixtures::catalog();
    let item = catalog.item("T-001").unwrap();
    let applicant = ApplicantFacts {
        name: "某某餐饮有限公司".into(),
        id_number: "91350100M000100Y43".into(),
        mobile: "13800138000".into(),
    };
    let cal = fixtures::official_calendar();
    let today = parse_date("2026-11-23").unwrap();
    let render = |events: &[Event], kind: NoticeKind| {
        let record = replay(events).unwrap();
        let due = deadlines(
            &record,
            &Limits::of(item),
            &cal,
            today,
            &DeadlineSettings::default(),
        )
        .unwrap();
        let step = &events.last().unwrap().kind;
        let facts = CaseFacts {
            item,
            applicant: &applicant,
            number: "2026-000043",
            lookup_code: "K7QH2MZP",
            record: &record,
            deadlines: &due,
            checklist: None,
            outcome: None,
            event: Some(step),
        };
        let data = notices.data_for(kind, facts, today, 9, "申请人留存");
        notices.render(kind, &data).unwrap()
    };
    let received = clerk("2026-11-20 09:00", EventKind::Received);
    let refusal = clerk(
        "2026-11-23 10:00",
        EventKind::NotAccepted {
            reasons: vec!["申请事项依法不属于本机关职权范围".into()],
        },
    );
    let html = render(&[received.clone(), refusal], NoticeKind::Refusal);
    assert!(
        html.contains("<li>申请事项依法不属于本机关职权范围（依据："),
        "the refusal lists its reasons:\n{html}"
    );
    let correction = clerk(
        "2026-11-23 10:00",
        EventKind::CorrectionRequested {
            items: vec!["营业执照：已过有效期".into()],
        },
    );
    let html = render(&[received, correction], NoticeKind::Correction);
    assert!(
        html.contains("已于二〇二六年十一月二十日收件"),
        "before acceptance the notice names the day of receipt:\n{html}"
    );
    assert!(
        !html.contains("已于受理"),
        "no empty acceptance date:\n{html}"
    );
}
