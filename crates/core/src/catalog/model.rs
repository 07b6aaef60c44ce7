//! The shape of one service item's guide, as a service centre writes it (see
//! `catalog/FORMAT.md`).
//!
//! Field names follow the glossary in ARCHITECTURE.md. Unknown fields are refused, so that a misspelt
//! key in a catalogue file is reported instead of silently ignored. Conditions are
//! JsonLogic ([`crate::condition`]) over the answers, keyed by question id.

use super::published::Published;
use crate::condition::Condition;
use serde::{Deserialize, Serialize};

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// One government service item (政务服务事项) with its guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceItem {
    /// The item's code (事项编码), unique in the catalogue.
    pub code: String,
    /// False when the guide publishes no code and `code` is the centre's own key: shown
    /// as 未公布 wherever the code would be printed.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub code_published: bool,
    /// The item's name, e.g. 食品经营许可（新办）.
    pub name: String,
    /// The department that owns the item (主管部门).
    pub department: String,
    /// The body that handles it (办理单位); see also `routing`.
    pub handling_body: String,
    /// Level of the handling body (层级): 省级, 市级, 县级, 乡镇（街道）, 村（社区）.
    #[serde(default)]
    pub level: String,
    /// Kind of case (办件类型).
    pub kind: CaseKind,
    /// Statutory time limit in working days (法定时限), or not published.
    pub statutory_days: Published<u32>,
    /// Promised time limit in working days (承诺时限); never longer than the statutory
    /// one. Both must be published where a notice prints them (the linter says where).
    pub promised_days: Published<u32>,
    /// Legal basis (设定依据), or not published.
    #[serde(default)]
    pub legal_basis: Published<Vec<String>>,
    /// Acceptance conditions (受理条件).
    #[serde(default)]
    pub acceptance_conditions: Vec<String>,
    /// Fees (收费标准), in words; "不收费" when free.
    pub fees: String,
    /// How the result can be handed out (出件方式).
    #[serde(default)]
    pub delivery: Vec<DeliveryMethod>,
    /// Where it is handled (办理地点/窗口).
    pub window: String,
    /// Whether the front desk may accept, or only receive for the back office to decide.
    #[serde(default)]
    pub front_desk: FrontDesk,
    /// What the department authorises the comprehensive window to do for this item
    /// (综合窗口授权委托书). Left out: receive, and accept with the seal unless
    /// `front_desk = "receive_only"`; results are then issued by the department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorisation: Option<Vec<Right>>,
    /// Cross-region handling (跨域通办), e.g. ["全省通办", "跨省通办"].
    #[serde(default)]
    pub cross_region: Vec<String>,
    /// Life events or themes for browsing (e.g. 开办企业, 生育).
    #[serde(default)]
    pub themes: Vec<String>,
    /// Sub-items (新办/变更/换领/注销); when present, the first question is which one,
    /// answered under the id `sub_item`.
    #[serde(default)]
    pub sub_items: Vec<SubItem>,
    /// The situation questions (情形引导), asked in this order.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// The material list (材料清单).
    pub materials: Vec<Material>,
    /// Situations in which the application cannot be accepted (不予受理情形).
    #[serde(default)]
    pub not_acceptable: Vec<NotAcceptable>,
    /// A handling body or window that depends on the situation; the first that applies wins.
    #[serde(default)]
    pub routing: Vec<Routing>,
    /// 联办件: each responsible department's step (责任部门), reviewed in parallel with the
    /// item's own department as the lead (牵头部门).
    #[serde(default)]
    pub responsible_departments: Vec<DepartmentStep>,
    /// The procedure (办理流程), step by step with each step's own time limit; the guide's
    /// flowchart is drawn from it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub procedure: Vec<ProcedureStep>,
    /// Where and when it is handled (办理地点和时间), one entry per place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Place>,
    /// Enquiry and complaint telephones (咨询电话、监督投诉电话).
    #[serde(default, skip_serializing_if = "Contacts::is_empty")]
    pub contacts: Contacts,
    /// Online channels (网上办理) and who may not use them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub online: Vec<OnlineChannel>,
    /// Example cases (answers, papers handed in, expected outcome) that `onewindow
    /// catalog check` runs: the centre's own regression test. Not sent to browsers.
    #[serde(default, skip_serializing)]
    pub examples: Vec<Example>,
}

impl ServiceItem {
    /// 承诺时限 in working days; 0 when not published, which the linter allows only for
    /// an immediate case (decided the same day), where no notice prints it.
    pub fn promised_limit(&self) -> u32 {
        self.promised_days.value().copied().unwrap_or(0)
    }

    /// 法定时限 in working days; 0 when not published (see [`Self::promised_limit`]).
    pub fn statutory_limit(&self) -> u32 {
        self.statutory_days.value().copied().unwrap_or(0)
    }

    /// The legal bases the guide publishes (none when it publishes none).
    pub fn legal_bases(&self) -> &[String] {
        self.legal_basis.value().map_or(&[], Vec::as_slice)
    }
}

/// One step of the procedure (办理流程).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProcedureStep {
    /// The step, e.g. 受理, 审查, 决定, 送达.
    pub step: String,
    /// Who does it, e.g. 综合窗口, 县市场监督管理局食品科.
    pub by: String,
    /// Its own time limit in working days (0: the same day), or not published; left out
    /// when the guide gives the step no limit of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<Published<u32>>,
    /// What happens, in plain words.
    #[serde(default)]
    pub description: String,
}

/// A place where the item is handled, with its opening days and hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The place, e.g. 县政务服务中心一楼综合窗口.
    pub name: String,
    /// Its address.
    #[serde(default)]
    pub address: Published<String>,
    /// Opening days and hours, one line each (e.g. 周一至周五 9:00—12:00、13:30—17:00).
    pub hours: Published<Vec<String>>,
}

/// Telephones the guide publishes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    /// 咨询电话, or not published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enquiry: Option<Published<String>>,
    /// 监督投诉电话, or not published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint: Option<Published<String>>,
}

impl Contacts {
    /// Whether the file says nothing about telephones.
    pub fn is_empty(&self) -> bool {
        self.enquiry.is_none() && self.complaint.is_none()
    }
}

/// An online channel (网上办理).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OnlineChannel {
    /// Its name, e.g. 山东政务服务网, 爱山东 App.
    pub name: String,
    /// Its address, or not published.
    #[serde(default)]
    pub address: Published<String>,
    /// Who may not use it and must come to the window (e.g. 首次申领的).
    #[serde(default)]
    pub not_for: Vec<String>,
}

/// An example case the catalogue check runs (样例): the answers, the papers handed in
/// and what the front desk must conclude.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// What the example is, e.g. 餐饮店，材料齐全.
    pub name: String,
    /// The answers, by question id.
    #[serde(default)]
    pub answers: serde_json::Map<String, serde_json::Value>,
    /// The materials handed in (ids); every other line of the list counts as missing.
    /// Left out: everything on the list is handed in.
    #[serde(default)]
    pub handed_in: Option<Vec<String>>,
    /// The front desk's expected outcome.
    pub outcome: ExpectedOutcome,
    /// The materials expected on the 一次性告知单 (ids), when the outcome is incomplete.
    #[serde(default)]
    pub missing: Vec<String>,
}

/// An expected front-desk outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExpectedOutcome {
    /// 受理.
    Accepted,
    /// 容缺受理.
    AcceptedWithTolerated,
    /// 一次性告知 (补正).
    Incomplete,
    /// 不予受理.
    NotAccepted,
    /// 收件 (the back office decides).
    ReceivedOnly,
}

/// The counting unit of a paper (份, 张, 本, 套).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Unit {
    /// 份 (the default).
    #[default]
    #[serde(rename = "份")]
    Fen,
    /// 张 (photos, cards).
    #[serde(rename = "张")]
    Zhang,
    /// 本 (booklets: 户口簿, 结婚证).
    #[serde(rename = "本")]
    Ben,
    /// 套 (a set of drawings).
    #[serde(rename = "套")]
    Tao,
}

impl Unit {
    /// The unit as printed.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Fen => "份",
            Unit::Zhang => "张",
            Unit::Ben => "本",
            Unit::Tao => "套",
        }
    }

    fn is_default(&self) -> bool {
        *self == Unit::Fen
    }
}

/// A material no longer asked for since a later rule (e.g. 组织机构代码证 after 三证合一):
/// kept in the guide so that the desk can answer "do I still need it?", never on a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Retired {
    /// The rule that retired it, e.g. 三证合一、一照一码登记制度改革.
    pub by: String,
    /// Since when (YYYY-MM-DD), if the rule says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<chrono::NaiveDate>,
}

/// A blank form or a filled example (示范文本) the desk hands out or the applicant
/// downloads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FormLink {
    /// What it is, e.g. 食品经营许可申请书（空白表格）.
    pub name: String,
    /// Where to get it: a web address, or where in the hall.
    pub url: String,
}

/// One responsible department's step in a joint item (联办件), for the 审批流程表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DepartmentStep {
    /// The department.
    pub department: String,
    /// What it does, e.g. 税费核定.
    pub step: String,
    /// Its time limit, in working days from acceptance.
    pub days: u32,
    /// The materials it receives (ids of this item's materials): its packet.
    #[serde(default)]
    pub materials: Vec<String>,
    /// 超时默认: no answer by the deadline counts as consent.
    #[serde(default)]
    pub by_timeout: bool,
    /// 缺席默认: absence from the joint meeting counts as consent.
    #[serde(default)]
    pub by_absence: bool,
}

/// Kind of case (办件类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// 即办件: decided and handed out the same day.
    Immediate,
    /// 承诺件: decided within the promised working days.
    Committed,
    /// 联办件: several departments with one lead.
    Joint,
}

/// What the front desk may do with a complete application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FrontDesk {
    /// Accept on the spot (受理).
    #[default]
    Accept,
    /// Only receive (收件); the back office decides on acceptance.
    ReceiveOnly,
}

/// A right a department grants the comprehensive window for an item (综合窗口授权委托书).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Right {
    /// 收件: take in the papers.
    Receive,
    /// 受理权: accept (or refuse, or ask for corrections) in the department's name.
    Accept,
    /// 办理权: decide an immediate case (即办件) on the spot.
    Decide,
    /// 颁发权: hand out the result.
    Issue,
    /// 印章使用权: use the department's seal on the notices it issues.
    Seal,
}

impl Right {
    /// Every right, in order.
    pub const ALL: [Right; 5] = [
        Right::Receive,
        Right::Accept,
        Right::Decide,
        Right::Issue,
        Right::Seal,
    ];

    /// Its name on the authorisation form.
    pub fn label(self) -> &'static str {
        match self {
            Right::Receive => "收件",
            Right::Accept => "受理权",
            Right::Decide => "办理权",
            Right::Issue => "颁发权",
            Right::Seal => "印章使用权",
        }
    }
}

impl ServiceItem {
    /// The rights the window has for this item (see [`ServiceItem::authorisation`]).
    pub fn window_rights(&self) -> Vec<Right> {
        match &self.authorisation {
            Some(rights) => rights.clone(),
            None => match self.front_desk {
                FrontDesk::Accept => vec![Right::Receive, Right::Accept, Right::Seal],
                FrontDesk::ReceiveOnly => vec![Right::Receive],
            },
        }
    }
}

/// How a result is handed out (出件方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMethod {
    /// At the window (窗口领取).
    Window,
    /// From a self-service locker (自助取件柜).
    Locker,
    /// By post (政务专递/EMS).
    Post,
}

/// One sub-item (子项) of an item, e.g. 变更.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SubItem {
    /// The answer value of the `sub_item` question, e.g. "change".
    pub id: String,
    /// Its name, e.g. 变更.
    pub name: String,
    /// Its own fees, when they differ from the item's.
    #[serde(default)]
    pub fees: Option<String>,
}

/// A situation question (情形).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The answer's key in conditions.
    pub id: String,
    /// The question in plain words.
    pub text: String,
    /// Help shown beside it.
    #[serde(default)]
    pub help: String,
    /// What kind of answer.
    #[serde(rename = "type")]
    pub kind: QuestionKind,
    /// The choices of a `choice` question.
    #[serde(default)]
    pub options: Vec<Choice>,
    /// Asked only when this holds (a follow-up question).
    #[serde(default)]
    pub when: Option<Condition>,
    /// What the answer stands for beyond the rules, so the app knows what else to ask
    /// (e.g. the agent's identity when someone acts for the applicant).
    #[serde(default)]
    pub fact: Option<Fact>,
}

/// A fact about the case that a question's answer records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// 代办: someone (a relative, a helper at a terminal) acts for the applicant. A yes/no
    /// question; when yes, the agent's name, ID number and mobile are recorded.
    ActingForApplicant,
}

impl ServiceItem {
    /// The question that records `fact`, if the item has one.
    pub fn fact_question(&self, fact: Fact) -> Option<&Question> {
        self.questions.iter().find(|q| q.fact == Some(fact))
    }

    /// Whether the answers say someone acts for the applicant (代办).
    pub fn acting_for_applicant(&self, answers: &crate::condition::Answers) -> bool {
        self.fact_question(Fact::ActingForApplicant)
            .and_then(|q| answers.get(&q.id))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false)
    }
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// 是/否.
    YesNo,
    /// One of `options`.
    Choice,
    /// A whole number (e.g. how many family members apply).
    Number,
    /// A date, YYYY-MM-DD.
    Date,
}

/// One choice of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The answer value conditions compare with.
    pub value: String,
    /// What the user sees.
    pub label: String,
}

/// One material of the checklist (申请材料), or a requirement the desk checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Identifier, unique within the item.
    pub id: String,
    /// The material's name as printed on notices.
    pub name: String,
    /// A paper (the default) or a requirement that is not a paper (本人到场, 配备人员).
    #[serde(default)]
    pub kind: MaterialKind,
    /// Where it comes from (材料来源).
    #[serde(default = "applicant")]
    pub source: MaterialSource,
    /// In which form it is handed in (原件/复印件/电子).
    #[serde(default = "original")]
    pub form: MaterialForm,
    /// Number of copies (份数), per person when `per` is set.
    #[serde(default = "one")]
    pub copies: u32,
    /// The unit the copies are counted in (份 unless the guide says 张, 本 or 套).
    #[serde(default, skip_serializing_if = "Unit::is_default")]
    pub unit: Unit,
    /// Who issues it when that is neither the applicant nor an agency the hall queries:
    /// a testing body, a notary, a bank (第三方出具).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_by: Option<String>,
    /// No longer asked for since a later rule: shown in the guide, never on a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<Retired>,
    /// The blank form (空白表格), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blank_form: Option<FormLink>,
    /// A filled example (示范文本), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<FormLink>,
    /// Whether it is always, sometimes or never required.
    pub requirement: Requirement,
    /// When it applies (required for `conditional` materials).
    #[serde(default)]
    pub when: Option<Condition>,
    /// The sub-items it belongs to (all when empty).
    #[serde(default)]
    pub sub_items: Vec<String>,
    /// Situations that exempt it, each with the reason told to the applicant.
    #[serde(default)]
    pub exempt: Vec<Exemption>,
    /// Repeated per person: the id of a number question giving how many.
    #[serde(default)]
    pub per: Option<String>,
    /// Either/or: any one of these papers satisfies the material.
    #[serde(default)]
    pub alternatives: Vec<Alternative>,
    /// What the front desk checks (审查要点).
    #[serde(default)]
    pub review_points: Vec<String>,
    /// Why it is required (依据).
    #[serde(default)]
    pub legal_basis: String,
    /// May be missing at acceptance (容缺), to be supplied within some working days.
    #[serde(default)]
    pub tolerated: Option<Tolerated>,
    /// A signed commitment may replace it (告知承诺制).
    #[serde(default)]
    pub commitment: bool,
    /// Available as an e-licence or from shared data, so it need not be brought (免提交).
    #[serde(default)]
    pub e_licence: bool,
}

fn one() -> u32 {
    1
}

fn applicant() -> MaterialSource {
    MaterialSource::Applicant
}

fn original() -> MaterialForm {
    MaterialForm::Original
}

/// A paper, or a requirement that is not a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MaterialKind {
    /// A paper or file handed in.
    #[default]
    Paper,
    /// A condition the desk checks (the applicant comes in person, a manager is employed).
    Requirement,
}

/// A situation that makes a material unnecessary, and the reason given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Exemption {
    /// When it holds.
    pub when: Condition,
    /// What the applicant is told, e.g. 个体工商户不用提供.
    pub reason: String,
}

/// One paper of an either/or material.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    /// Identifier, unique within the material.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// The terms of tolerated-missing acceptance (容缺受理) for a material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tolerated {
    /// Working days after acceptance to supply it.
    pub supply_days: u32,
}

/// A situation in which the application cannot be accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NotAcceptable {
    /// When it holds.
    pub when: Condition,
    /// The concrete reason told to the applicant.
    pub reason: String,
    /// Its legal basis.
    #[serde(default)]
    pub legal_basis: String,
}

/// A handling body or window that applies in some situation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Routing {
    /// When it applies.
    pub when: Condition,
    /// The handling body then.
    #[serde(default)]
    pub handling_body: Option<String>,
    /// The window or channel then.
    #[serde(default)]
    pub window: Option<String>,
}

/// Where a material comes from (材料来源).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MaterialSource {
    /// The applicant brings it (申请人自备).
    Applicant,
    /// Another agency issues it (政府部门核发).
    Agency,
    /// Available as an electronic licence (电子证照).
    ELicence,
    /// The desk itself produces or checks it (窗口核验).
    Desk,
    /// A third party issues it (testing body, notary, bank: 第三方出具); see `issued_by`.
    ThirdParty,
}

/// In which form a material is handed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MaterialForm {
    /// Original, inspected and handed back (原件核验).
    Original,
    /// Copy (复印件).
    Copy,
    /// Original to inspect and a copy to keep (原件和复印件).
    OriginalAndCopy,
    /// Electronic (电子版).
    Electronic,
}

/// Whether a material is required (必要性).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Always required (必要).
    Always,
    /// Required only when its condition holds (情形必要).
    Conditional,
    /// Optional (非必要); never counted as missing.
    Optional,
}

/// One-thing-one-go (一件事一次办): several items applied for together, with one set of
/// materials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// The bundle's code, unique among bundles and items.
    pub code: String,
    /// Its name, e.g. 我要开餐馆.
    pub name: String,
    /// The life or business event, for browsing.
    #[serde(default)]
    pub theme: String,
    /// What it is for, in plain words.
    #[serde(default)]
    pub description: String,
    /// The lead department (牵头部门).
    pub lead_department: String,
    /// The items it bundles, by code.
    pub items: Vec<String>,
    /// Materials several of its items need: handed in once, used by all.
    #[serde(default)]
    pub shared: Vec<SharedMaterial>,
    /// Which item's result another item needs (办理顺序).
    #[serde(default)]
    pub order: Vec<Dependency>,
}

/// A material shared by several items of a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SharedMaterial {
    /// Identifier within the bundle.
    pub id: String,
    /// Its name in the bundle's checklist.
    pub name: String,
    /// The items' materials it stands for, as "ITEM-CODE/material_id".
    pub covers: Vec<String>,
}

/// One item's result is needed by another (e.g. the business licence before the food
/// business licence).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    /// The item whose result is needed.
    pub first: String,
    /// The item that needs it.
    pub then: String,
    /// The material of `then` that `first`'s result provides (e.g. the food licence's
    /// copy of the business licence): `first`'s decision closes it on `then`'s case.
    #[serde(default)]
    pub material: Option<String>,
    /// Whether `then` may be accepted before `first` is decided, with `material`
    /// tolerated (容缺) until then.
    #[serde(default)]
    pub tolerated: bool,
}
