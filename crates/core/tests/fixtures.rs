//! A small catalogue that uses every structure of the format, shared by the tests.
#![allow(dead_code)]

use onewindow_core::catalog::{load, SourceFile};
use onewindow_core::Catalog;

pub const ITEM: &str = r#"
code = "T-001"
name = "食品经营许可"
department = "市场监督管理局"
handling_body = "县市场监督管理局"
kind = "committed"
statutory_days = 20
promised_days = 10
legal_basis = ["《中华人民共和国食品安全法》第三十五条"]
fees = "不收费"
window = "综合窗口"

[[questions]]
id = "applicant_type"
text = "申请人类型"
type = "choice"
options = [ { value = "company", label = "企业" }, { value = "individual_business", label = "个体工商户" }, { value = "person", label = "自然人" } ]

[[questions]]
id = "agent"
text = "是否委托他人代办？"
type = "yes_no"

[[questions]]
id = "agent_is_spouse"
text = "代办人是否为申请人配偶？"
type = "yes_no"
when = { var = "agent" }

[[questions]]
id = "family_members"
text = "共同申请的家庭成员人数"
type = "number"

[[materials]]
id = "application_form"
name = "食品经营许可申请书"
requirement = "always"
review_points = ["申请人签字或盖章"]

[[materials]]
id = "articles"
name = "企业章程"
form = "copy"
requirement = "always"
[[materials.exempt]]
when = { "==" = [ { var = "applicant_type" }, "individual_business" ] }
reason = "个体工商户不用提供"

[[materials]]
id = "licence"
name = "主体资格证明"
form = "copy"
requirement = "conditional"
when = { "in" = [ { var = "applicant_type" }, ["company", "individual_business"] ] }
legal_basis = "《食品经营许可和备案管理办法》第十三条"
[[materials.alternatives]]
id = "name_approval"
name = "名称预先核准通知书"
[[materials.alternatives]]
id = "business_licence"
name = "营业执照"

[[materials]]
id = "power_of_attorney"
name = "授权委托书"
requirement = "conditional"
when = { var = "agent" }

[[materials]]
id = "spouse_proof"
name = "夫妻关系证明"
requirement = "conditional"
when = { var = "agent_is_spouse" }
[[materials.alternatives]]
id = "marriage_certificate"
name = "结婚证"
[[materials.alternatives]]
id = "household_register"
name = "户口簿"

[[materials]]
id = "family_ids"
name = "家庭成员身份证复印件"
form = "copy"
requirement = "always"
per = "family_members"

[[materials]]
id = "layout_plan"
name = "设备布局和工艺流程文件"
requirement = "always"
tolerated = { supply_days = 5 }

[[materials]]
id = "safety_rules"
name = "食品安全管理制度"
requirement = "always"
commitment = true

[[materials]]
id = "id_card"
name = "法定代表人身份证"
form = "original_and_copy"
requirement = "always"
e_licence = true

[[materials]]
id = "in_person"
name = "申请人本人到场"
kind = "requirement"
requirement = "always"

[[materials]]
id = "photos"
name = "经营场所照片"
requirement = "optional"

[[not_acceptable]]
when = { "==" = [ { var = "applicant_type" }, "person" ] }
reason = "自然人不能申请食品经营许可，请先办理个体工商户登记"
legal_basis = "《食品经营许可和备案管理办法》第二条"

[[routing]]
when = { "==" = [ { var = "applicant_type" }, "company" ] }
handling_body = "市市场监督管理局"
"#;

pub const SECOND: &str = r#"
code = "T-002"
name = "公共场所卫生许可"
department = "卫生健康局"
handling_body = "县卫生健康局"
kind = "committed"
statutory_days = 20
promised_days = 5
legal_basis = ["《公共场所卫生管理条例》第八条"]
fees = "不收费"
window = "综合窗口"
front_desk = "receive_only"

[[questions]]
id = "agent"
text = "是否委托他人代办？"
type = "yes_no"

[[materials]]
id = "application_form"
name = "公共场所卫生许可申请表"
requirement = "always"

[[materials]]
id = "legal_rep_id"
name = "法定代表人身份证明"
form = "copy"
requirement = "always"

[[materials]]
id = "power_of_attorney"
name = "授权委托书"
requirement = "conditional"
when = { var = "agent" }
"#;

pub const BUNDLE: &str = r#"
code = "B-001"
name = "我要开餐馆"
lead_department = "市场监督管理局"
items = ["T-001", "T-002"]

[[shared]]
id = "operator_id"
name = "经营者身份证件"
covers = ["T-001/id_card", "T-002/legal_rep_id"]

[[shared]]
id = "power_of_attorney"
name = "授权委托书"
covers = ["T-001/power_of_attorney", "T-002/power_of_attorney"]

[[order]]
first = "T-001"
then = "T-002"
"#;

pub const YEAR: &str =
    "year = 2026\nsource = \"测试\"\n[[holidays]]\nname = \"国庆节\"\noff = [\"2026-10-01\"]\n";

pub fn file(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.into(),
        text: text.into(),
    }
}

pub fn files() -> Vec<SourceFile> {
    vec![
        file("items/t1.toml", ITEM),
        file("items/t2.toml", SECOND),
        file("bundles/b1.toml", BUNDLE),
        file("calendar/2026.toml", YEAR),
    ]
}

pub fn catalog() -> Catalog {
    load(&files()).unwrap_or_else(|p| panic!("{p:?}"))
}

/// The problems `load` reports when `item` replaces T-001, as strings.
pub fn problems_with(item: &str) -> Vec<String> {
    let mut all = files();
    all[0] = file("items/t1.toml", item);
    match load(&all) {
        Ok(_) => vec![],
        Err(p) => p.iter().map(|d| d.to_string()).collect(),
    }
}

/// The official 2023–2026 calendar of the repository's catalogue.
pub fn official_calendar() -> onewindow_core::calendar::Calendar {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/calendar");
    let years: Vec<(String, onewindow_core::calendar::YearSchedule)> = (2023..=2026)
        .map(|y| {
            let text = std::fs::read_to_string(format!("{dir}/{y}.toml")).expect("calendar file");
            (
                format!("calendar/{y}.toml"),
                toml::from_str(&text).expect("valid schedule"),
            )
        })
        .collect();
    onewindow_core::calendar::build(&years, onewindow_core::calendar::DayCounting::default())
        .expect("valid calendar")
}
