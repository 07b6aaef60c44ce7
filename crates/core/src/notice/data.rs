//! What a notice may print: every value a template can use, and a sample with all of
//! them for the linter.

use serde::{Deserialize, Serialize};

/// The values a notice template reads.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NoticeData {
    /// The issuing office.
    pub office: Office,
    /// This notice's heading.
    pub notice: Heading,
    /// The applicant, with personal data masked.
    pub applicant: Applicant,
    /// The service item.
    pub item: ItemInfo,
    /// The case.
    pub case: CaseInfo,
    /// The case's deadlines, as official dates ("" when not set).
    pub deadlines: Deadlines,
    /// Materials received (收件凭证).
    pub materials: Vec<MaterialLine>,
    /// Every missing or defective material (一次性告知 / 补正).
    pub gaps: Vec<GapLine>,
    /// Materials accepted as missing, with supply dates (容缺受理承诺书).
    pub tolerated: Vec<ToleratedLine>,
    /// Reasons for a refusal or a denial.
    pub reasons: Vec<ReasonLine>,
    /// The special procedure (特别程序通知书).
    pub procedure: Procedure,
    /// The decision (办结通知书).
    pub decision: Decision,
    /// The hand-over slip (交接单).
    #[serde(default)]
    pub slip: SlipData,
    /// 联办件: the departments' steps (审批流程表) and their opinions (办结通知书).
    #[serde(default)]
    pub joint: JointData,
    /// Who keeps this copy, e.g. 申请人留存 / 窗口存档.
    pub copy_for: String,
}

/// The issuing office.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Office {
    /// Its name, e.g. 某某县政务服务中心.
    pub name: String,
    /// The text in the seal area, e.g. 某某县行政审批服务局（印章）.
    pub seal: String,
    /// Contact telephone.
    pub phone: String,
    /// Address.
    pub address: String,
    /// The right to administrative reconsideration and litigation, with time limits.
    pub remedies: String,
}

/// The notice's heading.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Heading {
    /// e.g. 受理通知书.
    pub title: String,
    /// The document number (文号).
    pub number: String,
    /// The date of issue, official form.
    pub date: String,
}

/// The applicant.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Applicant {
    /// Name (person or organisation).
    pub name: String,
    /// ID number or credit code, masked.
    pub id_masked: String,
    /// Mobile number, masked.
    pub phone_masked: String,
}

/// The service item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemInfo {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Handling body.
    pub handling_body: String,
    /// Window.
    pub window: String,
    /// 承诺时限, working days.
    pub promised_days: u32,
    /// 法定时限, working days.
    pub statutory_days: u32,
}

/// The case.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseInfo {
    /// Case number.
    pub number: String,
    /// The applicant's lookup code.
    pub lookup_code: String,
    /// Where to look it up (also in the QR code).
    pub lookup_url: String,
    /// Date received, official form.
    pub received: String,
    /// Date accepted, official form.
    pub accepted: String,
}

/// Deadlines, official form.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Deadlines {
    /// Art. 32: the last day to tell a received application what is missing.
    pub notify: String,
    /// The promised decision date.
    pub promised: String,
    /// The statutory decision date.
    pub statutory: String,
    /// When a date above lies in a year whose holiday schedule is not published yet: the
    /// sentence saying it was counted provisionally; empty otherwise.
    #[serde(default)]
    pub provisional: String,
}

/// A received material.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MaterialLine {
    /// Name.
    pub name: String,
    /// Form and count in words.
    pub form: String,
}

/// A missing or defective material.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GapLine {
    /// Name.
    pub name: String,
    /// What is wrong.
    pub problem: String,
    /// What to bring.
    pub bring: String,
}

/// A tolerated material.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ToleratedLine {
    /// Name.
    pub name: String,
    /// Supply by, official form.
    pub supply_by: String,
}

/// A reason with its legal basis.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReasonLine {
    /// The reason.
    pub reason: String,
    /// Its legal basis.
    pub legal_basis: String,
}

/// A special procedure.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Procedure {
    /// Which procedure (现场勘验, 专家评审…).
    pub name: String,
    /// Start, official form.
    pub start: String,
    /// Planned end, official form.
    pub planned_end: String,
    /// Who takes part.
    pub participants: String,
    /// What the applicant should prepare.
    pub prepare: String,
}

/// A decision.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Decision {
    /// 准予 (true) or 不予 (false).
    pub approved: bool,
    /// The result document, e.g. 食品经营许可证.
    pub result: String,
}

/// A hand-over slip (交接单) from the back office to the issuing window.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SlipData {
    /// The result documents handed over, with their copies.
    pub results: Vec<String>,
    /// The papers to collect or check at 出件.
    pub collect: Vec<CollectLine>,
    /// Who prepared it (移交人).
    pub prepared_by: String,
}

/// A joint case's departments.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct JointData {
    /// The lead department (牵头部门).
    pub lead: String,
    /// Each responsible department's step.
    pub steps: Vec<ScheduleLine>,
    /// The opinions given or counted by default, for the decision.
    pub opinions: Vec<OpinionLine>,
}

/// One responsible department's step in the 审批流程表.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScheduleLine {
    /// The department.
    pub department: String,
    /// Its step.
    pub step: String,
    /// Its time limit in working days.
    pub days: u32,
    /// Its deadline, official form.
    pub due: String,
    /// The materials it receives.
    pub materials: String,
    /// Which defaults apply (超时默认, 缺席默认), or 无.
    pub defaults: String,
}

/// A department's opinion as the decision notice lists it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OpinionLine {
    /// The department.
    pub department: String,
    /// Its step.
    pub step: String,
    /// Its opinion in words, or the default that applied.
    pub opinion: String,
}

/// A paper to collect or check at 出件.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CollectLine {
    /// Name.
    pub name: String,
    /// What is required of it (原件核对, 收取复印件1份…).
    pub requirement: String,
}

impl NoticeData {
    /// A notice with every value present and every list non-empty: templates are
    /// checked against it.
    pub fn sample() -> NoticeData {
        let s = |x: &str| x.to_string();
        NoticeData {
            office: Office {
                name: s("某某县政务服务中心"),
                seal: s("某某县行政审批服务局（印章）"),
                phone: s("0000-1234567"),
                address: s("某某县人民路1号"),
                remedies: s("如不服，可依法申请行政复议或者提起行政诉讼。"),
            },
            notice: Heading {
                title: s("受理通知书"),
                number: s("某审受字〔2026〕第000001号"),
                date: s("二〇二六年十一月二十一日"),
            },
            applicant: Applicant {
                name: s("张三"),
                id_masked: s("110***********002X"),
                phone_masked: s("138****8000"),
            },
            item: ItemInfo {
                code: s("370000-SCJG-XK-001"),
                name: s("食品经营许可"),
                handling_body: s("县市场监督管理局"),
                window: s("综合窗口"),
                promised_days: 5,
                statutory_days: 10,
            },
            case: CaseInfo {
                number: s("2026-000001"),
                lookup_code: s("ABCD2345"),
                lookup_url: s("https://example.invalid/cases/2026-000001?code=ABCD2345"),
                received: s("二〇二六年十一月二十一日"),
                accepted: s("二〇二六年十一月二十一日"),
            },
            deadlines: Deadlines {
                notify: s("二〇二六年十一月二十七日"),
                promised: s("二〇二六年十一月二十七日"),
                statutory: s("二〇二六年十二月四日"),
                provisional: String::new(),
            },
            materials: vec![MaterialLine {
                name: s("申请书"),
                form: s("原件1份"),
            }],
            gaps: vec![GapLine {
                name: s("申请书"),
                problem: s("未提交"),
                bring: s("申请书（原件1份）"),
            }],
            tolerated: vec![ToleratedLine {
                name: s("设备布局图"),
                supply_by: s("二〇二六年十一月二十六日"),
            }],
            reasons: vec![ReasonLine {
                reason: s("不属于本机关职权范围"),
                legal_basis: s("《行政许可法》第三十二条"),
            }],
            procedure: Procedure {
                name: s("现场勘验"),
                start: s("二〇二六年十一月二十三日"),
                planned_end: s("二〇二六年十一月二十五日"),
                participants: s("县市场监督管理局审批人员两名"),
                prepare: s("经营场所保持可进入状态"),
            },
            decision: Decision {
                approved: true,
                result: s("食品经营许可证"),
            },
            slip: SlipData {
                results: vec![s("食品经营许可证 正本1份、副本1份")],
                collect: vec![CollectLine {
                    name: s("设备布局图"),
                    requirement: s("收取原件1份"),
                }],
                prepared_by: s("张审批"),
            },
            joint: JointData {
                lead: s("不动产登记中心"),
                steps: vec![ScheduleLine {
                    department: s("税务局"),
                    step: s("税费核定"),
                    days: 2,
                    due: s("二〇二六年十一月二十四日"),
                    materials: s("存量房买卖合同"),
                    defaults: s("超时默认"),
                }],
                opinions: vec![OpinionLine {
                    department: s("税务局"),
                    step: s("税费核定"),
                    opinion: s("同意"),
                }],
            },
            copy_for: s("申请人留存"),
        }
    }
}
