//! A desk case made with a guide the centre has since changed is refused with what changed
//! for it, not only with the rule it now breaks.

mod support;

use support::FOOD;

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[tokio::test]
async fn a_case_made_with_an_older_guide_is_told_what_changed_for_it() {
    let work = tempfile::tempdir().unwrap();
    let catalog_dir = work.path().join("catalog");
    copy_dir(&support::repo_catalog(), &catalog_dir);

    // The clerk's draft is made with today's guide.
    let first = support::start_with(tempfile::tempdir().unwrap(), catalog_dir.clone())
        .await
        .unwrap();
    let old_catalog = support::catalog(&first.base).await;
    let index: onewindow_core::catalog::CatalogIndex =
        reqwest::get(format!("{}/api/catalog/index", first.base))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    let old_version = index.item(FOOD).unwrap().version.clone();
    let mut case = support::desk_case(&old_catalog);
    case.guide_versions.insert(FOOD.into(), old_version.clone());
    let db = first.db.clone();
    // (The first server's directory holds the SQLite file: kept for the second.)
    let _first_dir = first.stop().await;

    // The centre adds a required paper to the guide and restarts.
    let item = catalog_dir.join("items/food-business-licence.toml");
    // Its example cases must agree with the new rule, or the catalogue is refused.
    let mut text = std::fs::read_to_string(&item).unwrap().replace(
        "missing = [\"layout_plan\"]",
        "missing = [\"layout_plan\", \"fire_safety\"]",
    );
    text.push_str(
        "\n[[materials]]\nid = \"fire_safety\"\nname = \"消防安全承诺书\"\nsource = \"applicant\"\n\
         form = \"original\"\nrequirement = \"always\"\nlegal_basis = \"《食品经营许可和备案管理办法》\"\n",
    );
    std::fs::write(&item, text).unwrap();
    let second = support::start_on_with(db, catalog_dir).await;

    let (status, body) = support::post(
        &second.base,
        &second.cookie,
        Some("guide-update-1"),
        &serde_json::to_string(&case).unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let fields = body["fields"].as_array().unwrap();
    let note = fields
        .iter()
        .find(|f| f["field"] == format!("guide_versions.{FOOD}"))
        .unwrap_or_else(|| panic!("no note on the changed guide: {body}"));
    let problem = note["problem"].as_str().unwrap();
    assert!(
        problem.contains("新增材料：消防安全承诺书（1 份）"),
        "{problem}"
    );
    assert!(problem.contains("食品经营许可"), "{problem}");

    // Made with the current guide, the same mistake gets no note on guides.
    let index: onewindow_core::catalog::CatalogIndex =
        reqwest::get(format!("{}/api/catalog/index", second.base))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    let new_version = index.item(FOOD).unwrap().version.clone();
    assert_ne!(new_version, old_version);
    case.guide_versions.insert(FOOD.into(), new_version);
    let (status, body) = support::post(
        &second.base,
        &second.cookie,
        Some("guide-update-2"),
        &serde_json::to_string(&case).unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(!body.to_string().contains("guide_versions"), "{body}");
    second.stop().await;
}
