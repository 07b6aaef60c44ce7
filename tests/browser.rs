//! Browser tests: run in headless Chromium by `wasm-bindgen-test-runner`
//! (`cargo test -p onewindow --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use onewindow::components::{ItemGuide, ItemList};
use onewindow::storage::Storage;
use onewindow_core::catalog::{load, SourceFile};
use onewindow_core::Catalog;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn demo_catalog() -> Catalog {
    let item = |code: &str, name: &str, dept: &str| SourceFile {
        path: format!("items/{code}.toml"),
        text: format!(
            r#"
code = "{code}"
name = "{name}"
department = "{dept}"
handling_body = "县{dept}"
kind = "committed"
statutory_days = 20
promised_days = 10
fees = "不收费"
window = "综合窗口"
legal_basis = ["《测试条例》"]
[[materials]]
id = "form"
name = "申请书"
source = "applicant"
form = "original"
requirement = "always"
review_points = ["申请人签字"]
"#
        ),
    };
    let year = SourceFile {
        path: "calendar/2026.toml".into(),
        text: "year = 2026\nsource = \"测试\"\n[[holidays]]\nname = \"国庆节\"\noff = [\"2026-10-01\"]\n".into(),
    };
    load(&[
        year,
        item("A-1", "食品经营许可", "市场监督管理局"),
        item("A-2", "个体工商户设立登记", "市场监督管理局"),
        item("B-1", "高龄津贴申领", "民政局"),
    ])
    .expect("the test catalogue is valid")
}

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

#[wasm_bindgen_test]
async fn the_catalogue_survives_a_round_trip_through_indexeddb() {
    let name = "onewindow-test-roundtrip";
    let _ = idb::Factory::new().unwrap().delete(name).unwrap().await;
    let json = demo_catalog().to_json();

    let storage = Storage::open(name).await.expect("open");
    assert_eq!(
        storage.load_catalog().await,
        Ok(None),
        "a new database has no catalogue"
    );
    storage
        .save_catalog(&json, "2026-11-21T08:00:00.000Z")
        .await
        .expect("save");
    storage.close();

    // A fresh connection, as after a reload, reads back exactly what was written.
    let storage = Storage::open(name).await.expect("reopen");
    let cached = storage
        .load_catalog()
        .await
        .expect("load")
        .expect("present");
    assert_eq!(cached.saved_at, "2026-11-21T08:00:00.000Z");
    assert_eq!(Catalog::from_json(&cached.json).unwrap(), demo_catalog());
    storage.close();
    let _ = idb::Factory::new().unwrap().delete(name).unwrap().await;
}

#[wasm_bindgen_test]
fn the_item_list_groups_items_by_department_and_links_to_guides() {
    let parent = container();
    let _mounted = leptos::mount::mount_to(parent.clone(), || {
        view! { <ItemList index=Arc::new(demo_catalog().index(|i| i.code.clone()))/> }
    });
    let headings: Vec<String> = query_all(&parent, "h2");
    assert_eq!(headings, ["市场监督管理局 2 项", "民政局 1 项"]);
    let links = parent.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 3);
    let first: web_sys::Element = links.item(0).unwrap().unchecked_into();
    assert_eq!(first.get_attribute("href").as_deref(), Some("/items/A-1"));
    assert!(first.text_content().unwrap().contains("食品经营许可"));
    assert!(first
        .text_content()
        .unwrap()
        .contains("承诺时限 10 个工作日"));
}

#[wasm_bindgen_test]
fn the_guide_lists_each_material_with_its_review_points() {
    let parent = container();
    let item = demo_catalog().item("A-1").unwrap().clone();
    let _mounted =
        leptos::mount::mount_to(parent.clone(), move || view! { <ItemGuide item=item/> });
    assert_eq!(query_all(&parent, "h1"), ["食品经营许可"]);
    let rows = query_all(&parent, "tbody tr");
    assert_eq!(rows, ["1申请书申请人自备原件1份必需申请人签字"]);
}

fn query_all(parent: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = parent.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| {
            nodes
                .item(i)
                .unwrap()
                .text_content()
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}
