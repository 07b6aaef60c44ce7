//! The eight notices rendered from the repository's templates, against golden files
//! (`UPDATE_GOLDEN=1 cargo test -p onewindow-core --test notices` rewrites them after a
//! deliberate wording change; review the diff).

use onewindow_core::notice::data::{GapLine, NoticeData, ReasonLine, ToleratedLine};
use onewindow_core::notice::{self, NoticeKind, NoticeSettings, Notices};
use std::collections::BTreeMap;
use std::path::Path;

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
