//! 我要开餐馆 as the repository's catalogue writes it: the food licence and the drainage
//! permit start on tolerated terms while the business licence is decided, and the
//! licence's approval closes their gap.

mod fixtures;

use onewindow_core::bundle_flow::{bundle_outcomes, bundled_item, result_passes};
use onewindow_core::case::{replay, Event, EventKind, Role, ToleratedMaterial};
use onewindow_core::catalog::{load, SourceFile};
use onewindow_core::checklist::bundle_checklist;
use onewindow_core::condition::Answers;
use onewindow_core::outcome::{MaterialStatus, Outcome};

const LICENCE: &str = "370000-SCJG-DJ-002";
const FOOD: &str = "370000-SCJG-XK-001";
const DRAIN: &str = "370000-ZJ-XK-017";

fn repo_catalog() -> onewindow_core::Catalog {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog");
    let mut files = Vec::new();
    for dir in ["items", "bundles", "calendar"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let path = entry.unwrap().path();
            files.push(SourceFile {
                path: format!("{dir}/{}", path.file_name().unwrap().to_string_lossy()),
                text: std::fs::read_to_string(&path).unwrap(),
            });
        }
    }
    load(&files).unwrap_or_else(|p| panic!("{p:?}"))
}

/// Every question answered "no" / the first option / 1.
fn answers(catalog: &onewindow_core::Catalog) -> Answers {
    let q = onewindow_core::bundle_flow::bundle_questionnaire(catalog, "YJS-KCG").unwrap();
    let mut a = Answers::new();
    for question in &q.questions {
        let v = match question.kind {
            onewindow_core::catalog::QuestionKind::Choice => {
                serde_json::json!(question.options[0].value)
            }
            onewindow_core::catalog::QuestionKind::Number => serde_json::json!(1),
            onewindow_core::catalog::QuestionKind::Date => serde_json::json!("2026-11-20"),
            _ => serde_json::json!(false),
        };
        a = a.with(&question.id, v);
    }
    a
}

#[test]
fn the_business_licence_is_not_asked_for_and_its_approval_closes_the_gap() {
    let catalog = repo_catalog();
    let bundle = catalog.bundle("YJS-KCG").unwrap();
    let answers = answers(&catalog);
    // The desk is not asked for the licence the bundle is applying for.
    let lists = bundle_checklist(&catalog, bundle, &answers).unwrap();
    let awaited: Vec<(&str, &str)> = lists
        .awaited
        .iter()
        .map(|a| (a.item.as_str(), a.from.as_str()))
        .collect();
    assert_eq!(
        awaited,
        [
            ("食品经营许可（新办）", "个体工商户设立登记"),
            ("城镇污水排入排水管网许可", "个体工商户设立登记")
        ]
    );
    assert!(lists
        .items
        .iter()
        .filter(|l| l.item != LICENCE)
        .all(|l| l.entries.iter().all(|e| e.material != "business_licence")));
    // Every paper the desk is shown, seen in the original: the licence item is accepted,
    // the two others accepted with the licence tolerated for their whole promised time.
    let mut marks = onewindow_core::outcome::Marks::new();
    for e in &lists.shared {
        marks.insert(e.material.clone(), MaterialStatus::Original);
    }
    for l in &lists.items {
        for e in &l.entries {
            let status = if e.kind == onewindow_core::catalog::MaterialKind::Requirement {
                MaterialStatus::Satisfied
            } else {
                MaterialStatus::Original
            };
            marks.insert(format!("{}/{}", l.item, e.material), status);
        }
    }
    let outcomes = bundle_outcomes(&catalog, bundle, &answers, &marks).unwrap();
    assert!(
        matches!(outcomes[0], (ref c, Outcome::Accepted) if c == LICENCE),
        "{outcomes:?}"
    );
    for (code, outcome) in &outcomes[1..] {
        let days = bundled_item(&catalog, bundle, code)
            .unwrap()
            .promised_limit();
        match outcome {
            Outcome::AcceptedWithTolerated { tolerated } => {
                assert_eq!(tolerated.len(), 1, "{code}: {tolerated:?}");
                assert_eq!(tolerated[0].material, "business_licence");
                assert_eq!(tolerated[0].supply_days, days);
            }
            other => panic!("{code}: {other:?}"),
        }
    }
    // The food licence's case, accepted with the licence tolerated; the licence approved:
    // its result supplies the food licence's gap, once, and nothing for an unrelated item.
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let ev = |t: &str, kind| Event {
        at: at(t),
        actor: "王敏".into(),
        role: Role::Clerk,
        note: String::new(),
        kind,
        device_at: None,
    };
    let mut food = vec![
        ev("2026-11-20 09:00", EventKind::Received),
        ev(
            "2026-11-20 09:10",
            EventKind::Accepted {
                tolerated: vec![ToleratedMaterial {
                    material: "business_licence".into(),
                    supply_days: 10,
                }],
            },
        ),
    ];
    let rec = replay(&food).unwrap();
    let item = |code| catalog.item(code).unwrap();
    let pass = result_passes(bundle, item(LICENCE), item(FOOD), &rec, "张审批")
        .expect("the licence fills the gap");
    assert_eq!(
        pass,
        EventKind::ToleratedSupplied {
            material: "business_licence".into()
        }
    );
    assert_eq!(
        result_passes(bundle, item(FOOD), item(DRAIN), &rec, "张审批"),
        None
    );
    food.push(ev("2026-11-23 10:00", pass));
    let after = replay(&food).unwrap();
    assert!(onewindow_core::case::open_tolerated(&after).is_empty());
    assert_eq!(
        result_passes(bundle, item(LICENCE), item(FOOD), &after, "张审批"),
        None
    );
}

#[test]
fn without_tolerated_terms_the_next_item_is_received_and_the_result_is_passed_to_it() {
    let mut catalog = repo_catalog();
    // The drainage permit waits for the business licence instead.
    let bundle = catalog
        .bundles
        .iter_mut()
        .find(|b| b.code == "YJS-KCG")
        .unwrap();
    for d in bundle.order.iter_mut().filter(|d| d.then == DRAIN) {
        d.tolerated = false;
    }
    let bundle = catalog.bundle("YJS-KCG").unwrap().clone();
    let answers = answers(&catalog);
    let lists = bundle_checklist(&catalog, &bundle, &answers).unwrap();
    let drain = lists
        .awaited
        .iter()
        .find(|a| a.item == "城镇污水排入排水管网许可")
        .unwrap();
    assert!(!drain.tolerated);
    let mut marks = onewindow_core::outcome::Marks::new();
    for e in &lists.shared {
        marks.insert(e.material.clone(), MaterialStatus::Original);
    }
    for l in &lists.items {
        for e in &l.entries {
            let status = if e.kind == onewindow_core::catalog::MaterialKind::Requirement {
                MaterialStatus::Satisfied
            } else {
                MaterialStatus::Original
            };
            marks.insert(format!("{}/{}", l.item, e.material), status);
        }
    }
    let outcomes = bundle_outcomes(&catalog, &bundle, &answers, &marks).unwrap();
    assert!(
        matches!(outcomes[2], (ref c, Outcome::ReceivedOnly) if c == DRAIN),
        "{outcomes:?}"
    );
    // Received only: the licence's approval passes its result to the permit's department.
    let received = vec![Event {
        at: chrono::NaiveDateTime::parse_from_str("2026-11-20 09:00", "%Y-%m-%d %H:%M").unwrap(),
        actor: "王敏".into(),
        role: Role::Clerk,
        note: String::new(),
        kind: EventKind::Received,
        device_at: None,
    }];
    let rec = replay(&received).unwrap();
    let item = |code| catalog.item(code).unwrap();
    match result_passes(&bundle, item(LICENCE), item(DRAIN), &rec, "张审批") {
        Some(EventKind::HandedOver(h)) => {
            assert_eq!(h.department, item(DRAIN).department);
            assert_eq!(h.material, "营业执照（个体工商户设立登记办理结果）");
            assert_eq!(h.from, "张审批");
        }
        other => panic!("{other:?}"),
    }
}
