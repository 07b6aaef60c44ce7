//! The catalogue as a real guide is written: values it does not publish, its example
//! cases run as a regression test, and warnings about rules no situation reaches.

mod fixtures;

use fixtures::{file, files, problems_with, ITEM};
use onewindow_core::catalog::{review, warnings, ExpectedOutcome, Published};

fn warnings_with(item: &str) -> Vec<String> {
    let mut all = files();
    all[0] = file("items/t1.toml", item);
    warnings(&all).iter().map(|d| d.to_string()).collect()
}

const EXAMPLES: &str = r#"
[[examples]]
name = "企业，材料齐全"
answers = { applicant_type = "company", agent = false, family_members = 1 }
outcome = "accepted"

[[examples]]
name = "企业，缺少章程"
answers = { applicant_type = "company", agent = false, family_members = 1 }
handed_in = ["application_form", "licence", "family_ids", "layout_plan", "safety_rules", "id_card", "in_person"]
outcome = "incomplete"
missing = ["articles"]

[[examples]]
name = "自然人申请"
answers = { applicant_type = "person", agent = false, family_members = 1 }
outcome = "not_accepted"
"#;

#[test]
fn example_cases_that_agree_with_the_rules_pass() {
    let item = format!("{ITEM}{EXAMPLES}");
    assert_eq!(problems_with(&item), Vec::<String>::new());
}

#[test]
fn a_wrong_example_is_named_with_its_line_and_what_the_rules_give() {
    // The centre believes an individual business must hand in articles too.
    let wrong = r#"
[[examples]]
name = "个体户，未交章程"
answers = { applicant_type = "individual_business", agent = false, family_members = 1 }
handed_in = ["application_form", "licence", "family_ids", "layout_plan", "safety_rules", "id_card", "in_person"]
outcome = "incomplete"
missing = ["articles"]

[[examples]]
name = "漏答问题"
answers = { applicant_type = "company" }
outcome = "accepted"
"#;
    let item = format!("{ITEM}{EXAMPLES}{wrong}");
    let line = item
        .lines()
        .position(|l| l.contains("个体户，未交章程"))
        .unwrap()
        + 1;
    assert_eq!(
        problems_with(&item),
        [
            format!("items/t1.toml:{line}:1: example \"个体户，未交章程\": expected outcome = \"incomplete\", but the rules give \"accepted\""),
            format!("items/t1.toml:{}:1: example \"漏答问题\": the answers leave questions unanswered: agent, family_members", line + 7),
        ]
    );
}

#[test]
fn a_value_not_published_is_a_warning_unless_a_notice_would_print_it() {
    // A committed case's acceptance notice prints both limits: not publishing one fails.
    let committed = ITEM.replace("promised_days = 10", "promised_days = \"not_published\"");
    assert_eq!(
        problems_with(&committed),
        ["items/t1.toml:8:1: promised_days is not published, but a committed case's acceptance notice prints it and its deadlines are counted from it: find it in the item's legal basis or ask the department; \"not_published\" is only for an immediate case"]
    );
    // A legal basis the guide does not publish is shown as 未公布 and warned about.
    let basis = ITEM.replace(
        "legal_basis = [\"《中华人民共和国食品安全法》第三十五条\"]",
        "legal_basis = \"未公布\"",
    );
    assert_eq!(problems_with(&basis), Vec::<String>::new());
    assert_eq!(
        warnings_with(&basis),
        ["items/t1.toml:9:1: legal_basis is not published: shown as 未公布 (fill it in when the guide publishes it)"]
    );
    let all = {
        let mut all = files();
        all[0] = file("items/t1.toml", &basis);
        onewindow_core::catalog::load(&all).unwrap()
    };
    assert_eq!(
        all.item("T-001").unwrap().legal_basis,
        Published::NotPublished
    );
    assert!(all.to_json().contains("\"legal_basis\":\"not_published\""));
}

#[test]
fn rules_no_situation_reaches_are_warned_about() {
    // A follow-up asked only when "agent" is both yes and no; a material needing it.
    let item = ITEM.replace(
        "when = { var = \"agent\" }\n\n[[questions]]\nid = \"family_members\"",
        "when = { and = [ { var = \"agent\" }, { \"!\" = { var = \"agent\" } } ] }\n\n[[questions]]\nid = \"family_members\"",
    );
    let found = warnings_with(&item);
    assert!(
        found
            .iter()
            .any(|w| w.contains("question \"agent_is_spouse\" is never asked")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|w| w.contains("material \"spouse_proof\" can never be required")),
        "{found:#?}"
    );
    // The fixture as written reaches every rule.
    assert_eq!(warnings_with(ITEM), Vec::<String>::new());
}

#[test]
fn every_situation_is_searched_with_follow_ups_in_place() {
    let catalog = fixtures::catalog();
    let item = catalog.item("T-001").unwrap();
    let all = review::situations(item).unwrap();
    // 3 applicant types × (agent no + agent yes × spouse yes/no) × family sizes 0,1,2.
    assert_eq!(all.len(), 3 * 3 * 3);
    assert!(all.iter().all(|a| a.get("agent_is_spouse").is_some()
        == (a.get("agent") == Some(&serde_json::json!(true)))));
    assert_eq!(
        serde_json::to_value(ExpectedOutcome::AcceptedWithTolerated).unwrap(),
        "accepted_with_tolerated"
    );
}
