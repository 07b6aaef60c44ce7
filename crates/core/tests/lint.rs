//! The linter, as a service centre meets it: every problem, with where it is.

mod fixtures;

use fixtures::{file, files, problems_with, ITEM};
use onewindow_core::catalog::load;

#[test]
fn the_fixture_catalogue_is_clean() {
    assert_eq!(problems_with(ITEM), Vec::<String>::new());
}

#[test]
fn conditions_must_read_real_questions_and_real_answers() {
    let broken = ITEM
        .replace(
            "when = { var = \"agent\" }\n\n[[materials]]\nid = \"spouse_proof\"",
            "when = { var = \"agnet\" }\n\n[[materials]]\nid = \"spouse_proof\"",
        )
        .replace(
            "\"individual_business\" ] }\nreason",
            "\"sole_trader\" ] }\nreason",
        );
    assert_eq!(
        problems_with(&broken),
        [
            "items/t1.toml:42:1: condition of \"articles\" compares \"applicant_type\" with \"sole_trader\", which is not one of its answers: it can never hold",
            "items/t1.toml:68:16: condition of \"power_of_attorney\" reads \"agnet\", which is not a question of this item",
        ]
    );
}

#[test]
fn unused_questions_conditional_materials_without_when_and_missing_legal_basis() {
    let broken = ITEM
        .replace(
            "legal_basis = [\"《中华人民共和国食品安全法》第三十五条\"]",
            "",
        )
        .replace("per = \"family_members\"", "")
        .replace(
            "requirement = \"conditional\"\nwhen = { var = \"agent\" }",
            "requirement = \"conditional\"",
        )
        .replace("legal_basis = \"《食品经营许可和备案管理办法》第二条\"", "");
    assert_eq!(
        problems_with(&broken),
        [
            "items/t1.toml:2:1: the item has no legal_basis: write the guide's, or legal_basis = \"not_published\" when the guide publishes none",
            "items/t1.toml:65:1: material \"power_of_attorney\" is conditional but has no `when`: say in which situation it applies",
            "items/t1.toml:31:1: question \"family_members\" is asked but no condition uses its answer",
            "items/t1.toml:120:11: not-acceptable rule \"自然人不能申请食品经营许可，请先办理个体工商户登记\" has no legal_basis",
        ]
    );
}

#[test]
fn contradictory_refusals_and_unknown_operators() {
    let broken = ITEM.to_string()
        + r#"
[[not_acceptable]]
when = { "!" = { "==" = [ { var = "applicant_type" }, "person" ] } }
reason = "非自然人不予受理"
legal_basis = "无"

[[routing]]
when = { "regex" = [ { var = "applicant_type" }, "^c" ] }
window = "二楼"
"#;
    let got = problems_with(&broken);
    assert!(got.contains(&"items/t1.toml:130:11: not-acceptable rules \"自然人不能申请食品经营许可，请先办理个体工商户登记\" and \"非自然人不予受理\" contradict each other: together they refuse every application".to_string()), "{got:#?}");
    assert!(
        got.iter().any(|p| p.starts_with(
            "items/t1.toml:134:10: condition of \"routing\": unknown operator \"regex\""
        )),
        "{got:#?}"
    );
}

#[test]
fn bundles_must_name_real_items_and_materials_and_have_no_cycles() {
    let mut all = files();
    all[2] = file(
        "bundles/b1.toml",
        r#"
code = "B-001"
name = "我要开餐馆"
lead_department = "市场监督管理局"
items = ["T-001", "T-002", "T-404"]

[[shared]]
id = "operator_id"
name = "经营者身份证件"
covers = ["T-001/id_card", "T-002/no_such_material"]

[[order]]
first = "T-001"
then = "T-002"

[[order]]
first = "T-002"
then = "T-001"
"#,
    );
    let got: Vec<String> = load(&all)
        .unwrap_err()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        got,
        [
            "bundles/b1.toml:5:28: bundle names item \"T-404\", which the catalogue does not have",
            "bundles/b1.toml:10:28: shared material \"operator_id\" covers \"T-002/no_such_material\", which is not ITEM/material of an item in this bundle",
            "bundles/b1.toml:12:1: the order has a cycle: T-001 → T-002 → T-001",
        ]
    );
}

#[test]
fn a_window_authorisation_must_be_workable() {
    let with = |rights: &str| {
        ITEM.replace(
            "window = \"综合窗口\"",
            &format!("window = \"综合窗口\"\nauthorisation = [{rights}]"),
        )
    };
    assert_eq!(
        problems_with(&with("\"receive\", \"accept\", \"seal\", \"issue\"")),
        Vec::<String>::new()
    );
    assert_eq!(
        problems_with(&with("\"accept\", \"decide\"")),
        [
            "items/t1.toml:12:1: authorisation must include \"receive\": every item's papers are taken in at the comprehensive window",
            "items/t1.toml:12:1: \"decide\" lets the window decide on the spot, which only an immediate case (kind = \"immediate\") allows",
            "items/t1.toml:12:1: the window accepts or decides in the department's name: add \"seal\" so its notices can carry the seal",
        ]
    );
    assert_eq!(
        problems_with(&with("\"receive\", \"seal\", \"receive\"")),
        [
            "items/t1.toml:12:1: authorisation lists \"收件\" twice",
            "items/t1.toml:12:1: \"seal\" is used on the notices the window issues, so it needs \"accept\" or \"decide\"",
        ]
    );
    // An unknown right stops the file, with its line and column.
    let unknown = problems_with(&with("\"receive\", \"approve\""));
    assert_eq!(
        unknown[0],
        "items/t1.toml:12:29: unknown variant `approve`, expected one of `receive`, `accept`, `decide`, `issue`, `seal`"
    );
}

#[test]
fn a_joint_item_names_each_responsible_departments_real_step() {
    // Joint, but without its departments.
    let joint = ITEM.replace("kind = \"committed\"", "kind = \"joint\"");
    assert_eq!(
        problems_with(&joint),
        ["items/t1.toml:6:1: a joint item (kind = \"joint\") names each responsible department's step in [[responsible_departments]]"]
    );
    // A packet of a paper the item does not have, a step longer than the law allows, and
    // the lead department listed as a responsible one.
    let broken = joint
        + r#"
[[responsible_departments]]
department = "县税务局"
step = "税费核定"
days = 30
materials = ["contract"]

[[responsible_departments]]
department = "市场监督管理局"
step = "核验"
days = 2
"#;
    let found = problems_with(&broken);
    assert!(
        found.iter().any(|p| p.contains(
            "县税务局's step \"税费核定\" takes 30 working days; it must be 1 to the statutory 20"
        )),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.contains(
            "县税务局's packet names \"contract\", which is not a material of this item"
        )),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("市场监督管理局 is the lead department")),
        "{found:?}"
    );
    assert!(
        found.iter().all(|p| p.starts_with("items/t1.toml:")),
        "{found:?}"
    );
    // Departments on an item that is not joint.
    let stray = ITEM.to_string()
        + "\n[[responsible_departments]]\ndepartment = \"县税务局\"\nstep = \"核定\"\ndays = 2\n";
    assert!(problems_with(&stray)
        .iter()
        .any(|p| p.contains("only a joint item (kind = \"joint\") has responsible departments")));
}
