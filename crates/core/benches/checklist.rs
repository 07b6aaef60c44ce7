//! How fast the checklist and the outcome are for the demo catalogue's largest item and
//! for a bundle: they are recomputed on every tick of the clerk's checklist.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use onewindow_core::catalog::{load, QuestionKind, SourceFile};
use onewindow_core::checklist::{
    answers_for_item, bundle_checklist, checklist, relevant_questions,
};
use onewindow_core::condition::Answers;
use onewindow_core::outcome::{decide, front_desk_outcome, Marks, MaterialStatus};
use onewindow_core::{Catalog, ServiceItem};
use std::path::Path;

fn demo_catalog() -> Catalog {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog"));
    let mut files = Vec::new();
    for dir in ["items", "bundles", "calendar"] {
        for entry in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let name = path.file_name().unwrap().to_string_lossy();
                files.push(SourceFile {
                    path: format!("{dir}/{name}"),
                    text: std::fs::read_to_string(&path).unwrap(),
                });
            }
        }
    }
    load(&files).unwrap_or_else(|p| panic!("demo catalogue: {p:?}"))
}

/// Answers every relevant question "yes" / first option / 2, as a thorough applicant would.
fn answer_all(item: &ServiceItem, mut answers: Answers) -> Answers {
    loop {
        let open: Vec<_> = relevant_questions(item, &answers)
            .into_iter()
            .filter(|q| answers.get(&q.id).is_none())
            .collect();
        if open.is_empty() {
            return answers;
        }
        for q in open {
            let v = match q.kind {
                QuestionKind::YesNo => serde_json::json!(true),
                QuestionKind::Choice => serde_json::json!(q.options[0].value),
                QuestionKind::Number => serde_json::json!(2),
                QuestionKind::Date => serde_json::json!("2026-11-21"),
            };
            answers = answers.with(&q.id, v);
        }
    }
}

fn bench(c: &mut Criterion) {
    let catalog = demo_catalog();
    let item = catalog
        .items
        .iter()
        .max_by_key(|i| i.materials.len() + i.questions.len())
        .unwrap();
    let answers = answer_all(item, Answers::new());
    let marks: Marks = checklist(item, &answers)
        .entries
        .iter()
        .map(|e| (e.material.clone(), MaterialStatus::Original))
        .collect();
    let name = format!(
        "checklist + outcome, largest item ({}, {} materials)",
        item.code,
        item.materials.len()
    );
    c.bench_function(&name, |b| {
        b.iter(|| {
            let list = checklist(black_box(item), black_box(&answers));
            let outcome = front_desk_outcome(item, &answers, black_box(&marks));
            (list, outcome)
        })
    });
    if let Some(bundle) = catalog.bundles.iter().max_by_key(|b| b.items.len()) {
        let mut answers = Answers::new();
        for code in &bundle.items {
            let item = catalog.item(code).unwrap();
            let own = answer_all(item, answers_for_item(item, &answers));
            answers
                .0
                .extend(own.0.into_iter().filter(|(k, _)| k != "sub_item"));
            if let Some(v) = answer_all(item, Answers::new()).get("sub_item") {
                answers.0.insert(format!("{code}/sub_item"), v.clone());
            }
        }
        let name = format!(
            "checklist + outcome, bundle ({}, {} items)",
            bundle.code,
            bundle.items.len()
        );
        c.bench_function(&name, |b| {
            b.iter(|| {
                let list =
                    bundle_checklist(&catalog, black_box(bundle), black_box(&answers)).unwrap();
                let shared: Marks = list
                    .shared
                    .iter()
                    .map(|e| (e.material.clone(), MaterialStatus::Original))
                    .collect();
                let outcomes: Vec<_> = list
                    .items
                    .iter()
                    .map(|l| {
                        decide(
                            catalog.item(&l.item).unwrap().front_desk,
                            &l.refusals,
                            &l.entries,
                            |_| Some(&MaterialStatus::Original),
                        )
                    })
                    .collect();
                (list.items.len(), shared.len(), outcomes)
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
