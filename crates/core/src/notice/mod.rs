//! The eight notices (文书) the window issues, and their templates.

pub mod format;
pub mod template;

use serde::{Deserialize, Serialize};

/// Which notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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
}

impl NoticeKind {
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
        }
    }
}
