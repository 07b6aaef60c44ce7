//! The storage layer in headless Chromium: drafts and the outbox, in real IndexedDB.
#![cfg(target_arch = "wasm32")]

use onewindow::storage::{
    encode_draft, upgrade_draft, Draft, DraftEntry, DraftGuide, DraftStatus, SaveResult, Storage,
    DRAFT_VERSION,
};
use onewindow_core::condition::Answers;
use onewindow_core::outcome::MaterialStatus;
use onewindow_core::submission::{
    ApplicantInput, Channel, Claimed, Submission, SUBMISSION_VERSION,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) -> Storage {
    let _ = idb::Factory::new().unwrap().delete(name).unwrap().await;
    Storage::open(name).await.expect("open")
}

fn draft(id: &str) -> Draft {
    Draft {
        schema_version: DRAFT_VERSION,
        id: id.into(),
        item: "370000-SCJG-XK-001".into(),
        answers: Answers::new().with("agent", true),
        applicant: ApplicantInput {
            name: "张三".into(),
            ..Default::default()
        },
        agent: None,
        step: "q/agent".into(),
        revision: 0,
        created_at: "2026-11-21T01:00:00Z".into(),
        updated_at: "2026-11-21T01:00:00Z".into(),
        status: DraftStatus::Editing,
        channel: Channel::PreCheck,
        marks: Default::default(),
        actor: String::new(),
        guides: [(
            "370000-SCJG-XK-001".to_string(),
            DraftGuide {
                version: "a1b2c3d4e5f60718".into(),
                json: r#"{"code":"370000-SCJG-XK-001"}"#.into(),
            },
        )]
        .into(),
        delivery: None,
        via_terminal: true,
    }
}

#[wasm_bindgen_test]
async fn a_draft_saved_is_a_draft_found_after_reopening() {
    let s = fresh("ow-test-drafts").await;
    assert_eq!(s.save_draft(&draft("d1")).await, Ok(SaveResult::Saved(1)));
    s.close();
    let s = Storage::open("ow-test-drafts").await.unwrap();
    let found = s.draft("d1").await.unwrap().unwrap();
    assert_eq!(found.answers, Answers::new().with("agent", true));
    assert_eq!(found.revision, 1);
    assert_eq!(s.drafts().await.unwrap().len(), 1);
    s.close();
}

#[wasm_bindgen_test]
async fn a_tab_never_overwrites_a_newer_revision_from_another_tab() {
    let s = fresh("ow-test-tabs").await;
    let mut mine = draft("d2");
    mine.revision = s
        .save_draft(&mine)
        .await
        .ok()
        .map(|r| match r {
            SaveResult::Saved(rev) => rev,
            SaveResult::Newer(_) => 0,
        })
        .unwrap();
    // The other tab saves twice on top of revision 1.
    let mut theirs = mine.clone();
    theirs.applicant.name = "李四".into();
    let SaveResult::Saved(r2) = s.save_draft(&theirs).await.unwrap() else {
        panic!()
    };
    theirs.revision = r2;
    let _ = s.save_draft(&theirs).await.unwrap();
    // This tab, still at revision 1, is told of the newer draft and writes nothing.
    mine.applicant.name = "王五".into();
    mine.revision = 0;
    match s.save_draft(&mine).await.unwrap() {
        SaveResult::Newer(newer) => assert_eq!(newer.applicant.name, "李四"),
        other => panic!("{other:?}"),
    }
    assert_eq!(s.draft("d2").await.unwrap().unwrap().applicant.name, "李四");
    s.close();
}

#[wasm_bindgen_test]
async fn an_unreadable_draft_is_reported_and_kept() {
    let name = "ow-test-corrupt";
    let s = fresh(name).await;
    s.save_draft(&draft("good")).await.unwrap();
    s.close();
    // Damage a record behind the app's back, as a crash or an old version might.
    let db = idb::Factory::new()
        .unwrap()
        .open(name, None)
        .unwrap()
        .await
        .unwrap();
    let tx = db
        .transaction(&["drafts"], idb::TransactionMode::ReadWrite)
        .unwrap();
    tx.object_store("drafts")
        .unwrap()
        .put(
            &JsValue::from_str("{\"schema_version\":1,\"id\":"),
            Some(&JsValue::from_str("bad")),
        )
        .unwrap()
        .await
        .unwrap();
    tx.commit().unwrap().await.unwrap();
    db.close();
    let s = Storage::open(name).await.unwrap();
    let list = s.drafts().await.unwrap();
    assert_eq!(list.len(), 2, "nothing is dropped");
    assert!(
        matches!(&list[0], DraftEntry::Unreadable { id, reason, .. } if id == "bad" && reason.contains("不是有效的草稿记录"))
    );
    assert!(s.draft("bad").await.is_err());
    assert!(matches!(&list[1], DraftEntry::Ok(d) if d.id == "good"));
    s.close();
}

#[wasm_bindgen_test]
async fn queueing_freezes_the_draft_and_confirming_removes_the_entry() {
    let s = fresh("ow-test-outbox").await;
    let d = draft("d3");
    s.save_draft(&d).await.unwrap();
    let sub = Submission {
        schema_version: SUBMISSION_VERSION,
        channel: Channel::PreCheck,
        item: d.item.clone(),
        answers: d.answers.clone(),
        marks: Default::default(),
        applicant: d.applicant.clone(),
        agent: None,
        submitted_at: chrono::NaiveDateTime::parse_from_str("2026-11-21 09:00", "%Y-%m-%d %H:%M")
            .unwrap(),
        actor: "applicant".into(),
        claimed: Claimed::default(),
        guide_versions: Default::default(),
        delivery: None,
        via_terminal: false,
    };
    s.queue(&s.draft("d3").await.unwrap().unwrap(), &sub, 1000.0)
        .await
        .unwrap();
    assert_eq!(
        s.draft("d3").await.unwrap().unwrap().status,
        DraftStatus::Queued
    );
    let waiting = s.outbox().await.unwrap();
    assert_eq!(waiting.len(), 1);
    let entry = waiting[0].as_ref().unwrap();
    assert_eq!(
        entry.body,
        serde_json::to_string(&sub).unwrap(),
        "sent exactly as frozen"
    );
    assert_eq!(entry.item, "370000-SCJG-XK-001");
    s.outbox_confirmed("d3", "2026-000001", "ABCD2345", &[])
        .await
        .unwrap();
    assert!(s.outbox().await.unwrap().is_empty());
    assert_eq!(
        s.draft("d3").await.unwrap().unwrap().status,
        DraftStatus::Submitted {
            number: "2026-000001".into(),
            lookup_code: "ABCD2345".into(),
            more: vec![],
        }
    );
    s.close();
}

#[wasm_bindgen_test]
fn a_version_1_draft_is_upgraded_to_a_pre_check_with_no_marks() {
    let v1 = r#"{"schema_version":1,"id":"old","item":"370000-SCJG-XK-001","answers":{"agent":true},
        "applicant":{"name":"张三","id_number":"","mobile":""},"step":"applicant","revision":4,
        "created_at":"2026-11-01T01:00:00Z","updated_at":"2026-11-01T01:00:00Z","status":{"type":"editing"}}"#;
    let d = upgrade_draft(v1).expect("a version 1 draft is readable");
    assert_eq!(d.schema_version, DRAFT_VERSION);
    assert_eq!(d.channel, Channel::PreCheck);
    assert!(d.marks.is_empty());
    assert_eq!((d.applicant.name.as_str(), d.revision), ("张三", 4));
}

/// A desk draft exactly as earlier releases wrote it (version 2, with the core's serde form
/// of marks and people at the time): it reads back whole and is written again byte for
/// byte as version 3, because the record has its own types (version 3 only adds the
/// guides, left out while there are none).
#[wasm_bindgen_test]
fn a_version_2_desk_draft_as_written_before_reads_back_and_is_written_unchanged() {
    let stored = r#"{"schema_version":2,"id":"d2","item":"370000-SCJG-XK-001","answers":{"agent":true,"family_members":2},"applicant":{"name":"某某餐饮有限公司","id_number":"91350100M000100Y43","mobile":"13800138000"},"step":"checklist","revision":7,"created_at":"2026-11-20T01:00:00Z","updated_at":"2026-11-20T01:05:00Z","status":{"type":"submitted","number":"2026-000042","lookup_code":"K7QH2MZP","more":["2026-000043"]},"channel":"desk","marks":{"in_person":{"status":"satisfied"},"layout_plan":{"status":"missing"},"licence":{"status":"defective","reason":"未加盖公章"},"shared":{"status":"e_licence"}},"actor":"王敏","agent":{"name":"李四","id_number":"11010519491231002X","mobile":"13900139000"}}"#;
    let d = upgrade_draft(stored).expect("a version 2 draft is readable");
    assert_eq!(d.channel, Channel::Desk);
    assert_eq!(
        d.marks.get("licence"),
        Some(&MaterialStatus::Defective {
            reason: "未加盖公章".into()
        })
    );
    assert_eq!(d.marks.get("shared"), Some(&MaterialStatus::ELicence));
    assert_eq!(d.agent.as_ref().map(|a| a.name.as_str()), Some("李四"));
    assert_eq!(d.answers.get("family_members"), Some(&serde_json::json!(2)));
    assert!(d.guides.is_empty());
    assert_eq!(
        encode_draft(&d).unwrap(),
        stored.replace("\"schema_version\":2", "\"schema_version\":3")
    );
}
