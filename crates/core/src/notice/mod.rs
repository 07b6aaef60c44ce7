//! The ten notices (文书) the window issues, and their templates.

pub mod data;
pub mod format;
pub mod qr;
pub mod template;

use data::NoticeData;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use template::{Template, TemplateError};

/// Which notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// 收件凭证.
    Receipt,
    /// 受理通知书.
    Acceptance,
    /// 不予受理通知书.
    Refusal,
    /// 一次性告知通知书.
    OneTimeNotice,
    /// 补正通知书 (一次性补正通知书).
    Correction,
    /// 容缺受理承诺书.
    ToleranceCommitment,
    /// 特别程序通知书.
    SpecialProcedure,
    /// 办结通知书.
    Completion,
    /// 交接单: the results handed to the issuing window and the papers to collect at 出件.
    HandoverSlip,
    /// 审批流程表 (联办件): the lead and responsible departments, each step's deadline and
    /// the materials it receives.
    ApprovalSchedule,
}

/// Who keeps the first copy of a notice (the applicant), printed at its foot.
pub const COPY_APPLICANT: &str = "第一联　申请人留存";
/// Who keeps the second copy (the window's file).
pub const COPY_OFFICE: &str = "第二联　窗口存档";

/// Every kind, in the order the law's steps produce them.
pub const ALL: [NoticeKind; 10] = [
    NoticeKind::Receipt,
    NoticeKind::Acceptance,
    NoticeKind::Refusal,
    NoticeKind::OneTimeNotice,
    NoticeKind::Correction,
    NoticeKind::ToleranceCommitment,
    NoticeKind::SpecialProcedure,
    NoticeKind::Completion,
    NoticeKind::HandoverSlip,
    NoticeKind::ApprovalSchedule,
];

impl NoticeKind {
    /// The template's file name under `notices/`, e.g. `one_time_notice.html`.
    pub fn file_name(self) -> &'static str {
        match self {
            NoticeKind::Receipt => "receipt.html",
            NoticeKind::Acceptance => "acceptance.html",
            NoticeKind::Refusal => "refusal.html",
            NoticeKind::OneTimeNotice => "one_time_notice.html",
            NoticeKind::Correction => "correction.html",
            NoticeKind::ToleranceCommitment => "tolerance_commitment.html",
            NoticeKind::SpecialProcedure => "special_procedure.html",
            NoticeKind::Completion => "completion.html",
            NoticeKind::HandoverSlip => "handover_slip.html",
            NoticeKind::ApprovalSchedule => "approval_schedule.html",
        }
    }

    /// Whether the office keeps a second copy (两联: one for the applicant, one filed).
    pub fn two_copies(self) -> bool {
        !matches!(self, NoticeKind::Receipt)
    }

    /// The notice's title.
    pub fn title(self) -> &'static str {
        match self {
            NoticeKind::Receipt => "收件凭证",
            NoticeKind::Acceptance => "受理通知书",
            NoticeKind::Refusal => "不予受理通知书",
            NoticeKind::OneTimeNotice => "一次性告知通知书",
            NoticeKind::Correction => "补正通知书",
            NoticeKind::ToleranceCommitment => "容缺受理承诺书",
            NoticeKind::SpecialProcedure => "特别程序通知书",
            NoticeKind::Completion => "办结通知书",
            NoticeKind::HandoverSlip => "交接单",
            NoticeKind::ApprovalSchedule => "审批流程表",
        }
    }
}

/// A deployment's notice settings (`notices/settings.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NoticeSettings {
    /// The issuing office.
    pub office: String,
    /// Text in the seal area.
    pub seal: String,
    /// Contact telephone.
    pub phone: String,
    /// Address.
    pub address: String,
    /// The remedies sentence: reconsideration and litigation, with time limits.
    pub remedies: String,
    /// Where an applicant looks a case up; `{number}` and `{code}` are filled in.
    pub lookup_url: String,
    /// Document number patterns by notice (file stem, e.g. `acceptance`), see
    /// [`format::document_number`].
    pub numbers: BTreeMap<String, String>,
}

/// The notice templates and settings of a deployment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Notices {
    /// The settings.
    pub settings: NoticeSettings,
    /// The frame every notice is printed in: it holds `<!-- body -->` and `<!-- qr -->`.
    pub frame: String,
    /// One template per kind.
    pub templates: BTreeMap<NoticeKind, String>,
}

impl Notices {
    /// Renders notice `kind` with `data`, in the frame, with the QR code of the case's
    /// lookup address.
    pub fn render(&self, kind: NoticeKind, data: &NoticeData) -> Result<String, TemplateError> {
        let missing = || TemplateError {
            line: 0,
            message: format!("no template for {}", kind.title()),
        };
        let body = self.templates.get(&kind).ok_or_else(missing)?;
        let value = serde_json::to_value(data).map_err(|e| TemplateError {
            line: 0,
            message: e.to_string(),
        })?;
        let body = Template::parse(body)?.render(&value)?;
        let frame = Template::parse(&self.frame)?.render(&value)?;
        Ok(frame
            .replace("<!-- body -->", &body)
            .replace("<!-- qr -->", &qr::svg(&data.case.lookup_url)))
    }

    /// The document number of the `seq`-th notice of `kind` in `year`.
    pub fn number(&self, kind: NoticeKind, year: i32, seq: u32) -> String {
        let stem = kind.file_name().trim_end_matches(".html");
        let pattern = self
            .settings
            .numbers
            .get(stem)
            .map_or("〔{year}〕第{seq:6}号", String::as_str);
        format::document_number(pattern, year, seq)
    }

    /// A specimen (样张) of notice `kind`: the sample case with this deployment's office,
    /// numbering and lookup address, for checking templates before they are used.
    pub fn specimen(&self, kind: NoticeKind, copy_for: &str) -> NoticeData {
        let mut data = NoticeData::sample();
        let s = &self.settings;
        data.office = data::Office {
            name: s.office.clone(),
            seal: s.seal.clone(),
            phone: s.phone.clone(),
            address: s.address.clone(),
            remedies: s.remedies.clone(),
        };
        data.notice.title = kind.title().to_string();
        data.notice.number = self.number(kind, 2026, 1);
        data.case.lookup_url = self.lookup_url(&data.case.number, &data.case.lookup_code);
        data.copy_for = copy_for.to_string();
        data
    }

    /// The lookup address of a case.
    pub fn lookup_url(&self, number: &str, code: &str) -> String {
        self.settings
            .lookup_url
            .replace("{number}", number)
            .replace("{code}", code)
    }

    /// Every template problem, as (file under `notices/`, problem): parse errors and values
    /// a notice does not have.
    pub fn check(&self) -> Vec<(String, TemplateError)> {
        let sample = serde_json::to_value(NoticeData::sample()).unwrap_or_default();
        let mut problems = Vec::new();
        let mut one = |file: String, text: &str| match Template::parse(text) {
            Ok(t) => problems.extend(t.check(&sample).into_iter().map(|p| (file.clone(), p))),
            Err(e) => problems.push((file, e)),
        };
        one("notices/frame.html".into(), &self.frame);
        for (kind, text) in &self.templates {
            one(format!("notices/{}", kind.file_name()), text);
        }
        for marker in ["<!-- body -->", "<!-- qr -->"] {
            if !self.frame.contains(marker) {
                problems.push((
                    "notices/frame.html".into(),
                    TemplateError {
                        line: 1,
                        message: format!("the frame must contain {marker}"),
                    },
                ));
            }
        }
        problems
    }
}
