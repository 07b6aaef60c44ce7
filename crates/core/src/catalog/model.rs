//! The shape of one service item's guide, as a service centre writes it.
//!
//! Field names follow `shared/domain.md`. Unknown fields are refused, so that a misspelt
//! key in a catalogue file is reported instead of silently ignored.

use serde::{Deserialize, Serialize};

/// One government service item (政务服务事项) with its guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceItem {
    /// The item's code (事项编码), unique in the catalogue.
    pub code: String,
    /// The item's name, e.g. 食品经营许可（新办）.
    pub name: String,
    /// The department that owns the item (主管部门).
    pub department: String,
    /// The body that handles it (办理单位).
    pub handling_body: String,
    /// Kind of case (办件类型).
    pub kind: CaseKind,
    /// Statutory time limit in working days (法定时限).
    pub statutory_days: u32,
    /// Promised time limit in working days (承诺时限); never longer than the statutory one.
    pub promised_days: u32,
    /// Legal basis (设定依据).
    #[serde(default)]
    pub legal_basis: Vec<String>,
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
    /// The material list (材料清单).
    pub materials: Vec<Material>,
}

/// Kind of case (办件类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// 即办件: decided and handed out the same day.
    Immediate,
    /// 承诺件: decided within the promised working days.
    Committed,
    /// 联办件: several departments with one lead.
    Joint,
}

/// How a result is handed out (出件方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMethod {
    /// At the window (窗口领取).
    Window,
    /// From a self-service locker (自助取件柜).
    Locker,
    /// By post (政务专递/EMS).
    Post,
}

/// One material of the checklist (申请材料).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Identifier, unique within the item; rules refer to materials by it.
    pub id: String,
    /// The material's name as printed on notices.
    pub name: String,
    /// Where it comes from (材料来源).
    pub source: MaterialSource,
    /// In which form it is handed in (原件/复印件/电子).
    pub form: MaterialForm,
    /// Number of copies (份数).
    #[serde(default = "one")]
    pub copies: u32,
    /// Whether it is always, sometimes or never required.
    pub requirement: Requirement,
    /// What the front desk checks (审查要点).
    #[serde(default)]
    pub review_points: Vec<String>,
}

fn one() -> u32 {
    1
}

/// Where a material comes from (材料来源).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialSource {
    /// The applicant brings it (申请人自备).
    Applicant,
    /// Another agency issues it (政府部门核发).
    Agency,
    /// Available as an electronic licence (电子证照).
    ELicence,
}

/// In which form a material is handed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Always required (必要).
    Always,
    /// Required only in some situations (情形必要).
    Conditional,
    /// Optional (非必要/容缺).
    Optional,
}
