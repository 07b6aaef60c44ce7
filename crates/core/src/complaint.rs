//! 办不成事 (Zhaohua's window for what people could not get done): what an applicant, or
//! a helper at a terminal, reports — the item, where, what happened, a contact — is
//! checked here, numbered, and followed up like a poor evaluation: closed with a result
//! the applicant reads on the status page, within the deployment's working days
//! (差评整改: 15).

use crate::calendar::{Calendar, CalendarError};
use crate::case::{due_status, CaseDeadline, DeadlineKind, DeadlineSettings};
use crate::diagnostic::FieldError;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// What someone reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintReport {
    /// The item's code, or empty when the person is not sure which item it was.
    #[serde(default)]
    pub item: String,
    /// Where: the hall, window or township centre.
    pub place: String,
    /// What happened.
    pub what: String,
    /// Whom to call back.
    pub name: String,
    /// Their mobile number.
    pub mobile: String,
}

/// Longest "what happened", in characters (about a page).
pub const WHAT_MAX: usize = 2000;
/// Longest place, name, in characters.
pub const SHORT_MAX: usize = 100;

/// The report with its mobile number in canonical form, or each field at fault, in the
/// form's order. `is_item` says whether a code is in the catalogue.
pub fn check(
    report: &ComplaintReport,
    is_item: impl Fn(&str) -> bool,
) -> Result<ComplaintReport, Vec<FieldError>> {
    let mut problems = Vec::new();
    let mut fail = |field: &str, problem: String| {
        problems.push(FieldError {
            field: field.into(),
            problem,
        })
    };
    let item = report.item.trim();
    if !item.is_empty() && !is_item(item) {
        fail(
            "item",
            format!("本中心目录中没有编码为“{item}”的事项，请重新选择，或选“不确定”"),
        );
    }
    let place = report.place.trim();
    if place.is_empty() {
        fail(
            "place",
            "请写明在哪里办理（如：县政务服务中心综合窗口、某镇便民服务中心）".into(),
        );
    } else if place.chars().count() > SHORT_MAX {
        fail("place", format!("地点请控制在{SHORT_MAX}字以内"));
    }
    let what = report.what.trim();
    if what.is_empty() {
        fail(
            "what",
            "请写明想办什么、遇到了什么问题（如：被要求提供目录以外的材料）".into(),
        );
    } else if what.chars().count() > WHAT_MAX {
        fail(
            "what",
            format!(
                "情况说明请控制在{WHAT_MAX}字以内（现为{}字）",
                what.chars().count()
            ),
        );
    }
    let name = report.name.trim();
    if name.is_empty() {
        fail("name", "请填写联系人姓名，以便回复".into());
    } else if name.chars().count() > SHORT_MAX {
        fail("name", format!("姓名请控制在{SHORT_MAX}字以内"));
    }
    let mobile = match crate::validate::mobile(&report.mobile) {
        Ok(m) => m,
        Err(e) => {
            fail("mobile", e.message());
            String::new()
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ComplaintReport {
        item: item.into(),
        place: place.into(),
        what: what.into(),
        name: name.into(),
        mobile,
    })
}

/// What a result told to the person must say, or `None` when it will do.
pub fn result_problem(result: &str) -> Option<&'static str> {
    let len = result.trim().chars().count();
    if len == 0 {
        Some("请写明核实情况和处理结果（将告知反映人）")
    } else if len > WHAT_MAX {
        Some("处理结果请控制在2000字以内")
    } else {
        None
    }
}

/// One thing done to follow a complaint up, as the follow-up's log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintAction {
    /// When (the server's clock).
    pub at: NaiveDateTime,
    /// Who recorded it (the session's account).
    pub by: String,
    /// What was done: assigned to someone, called the reporter, checked with a window…
    pub note: String,
}

/// What an action's note must say, or `None` when it will do.
pub fn action_problem(note: &str) -> Option<&'static str> {
    let len = note.trim().chars().count();
    if len == 0 {
        Some("请写明做了什么（如：已电话联系反映人、已约谈窗口人员）")
    } else if len > WHAT_MAX {
        Some("处理记录请控制在2000字以内")
    } else {
        None
    }
}

/// Who may follow a complaint up: a supervisor, or the person it is assigned to.
pub fn may_follow_up(is_supervisor: bool, assigned_to: &str, who: &str) -> bool {
    is_supervisor || (!assigned_to.is_empty() && assigned_to == who)
}

/// The letters a complaint's number starts with (办不成事), telling it from a case's.
pub const NUMBER_PREFIX: &str = "BC";

/// The number of the `seq`-th complaint of `year`, e.g. `BC2026-000001`.
pub fn number(year: i32, seq: i64) -> String {
    format!("{NUMBER_PREFIX}{year}-{seq:06}")
}

/// Whether `s` is a complaint's number (what the status page looks up as one).
pub fn is_number(s: &str) -> bool {
    let s = s.trim().to_ascii_uppercase();
    let Some(rest) = s.strip_prefix(NUMBER_PREFIX) else {
        return false;
    };
    let Some((year, seq)) = rest.split_once('-') else {
        return false;
    };
    year.len() == 4
        && !seq.is_empty()
        && year.bytes().chain(seq.bytes()).all(|b| b.is_ascii_digit())
}

/// The follow-up's deadline of a complaint filed at `filed`, closed at `closed`, as of
/// `today`: `settings.follow_up_days` working days, as for a poor evaluation.
pub fn follow_up(
    filed: NaiveDateTime,
    closed: Option<NaiveDateTime>,
    cal: &Calendar,
    settings: &DeadlineSettings,
    today: NaiveDate,
) -> Result<CaseDeadline, CalendarError> {
    let deadline = cal.deadline(filed.date(), settings.follow_up_days, &[])?;
    Ok(CaseDeadline {
        kind: DeadlineKind::FollowUp { stage: None },
        status: due_status(cal, settings, today, deadline.due, closed.map(|t| t.date()))?,
        deadline,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::DueStatus;

    fn report() -> ComplaintReport {
        ComplaintReport {
            item: "FOOD-001".into(),
            place: " 县政务服务中心3号窗口 ".into(),
            what: "窗口要求提供目录以外的房产证明".into(),
            name: "王敏".into(),
            mobile: "+86 138-0013-8000".into(),
        }
    }

    #[test]
    fn a_good_report_is_trimmed_and_its_mobile_made_canonical() {
        let ok = check(&report(), |c| c == "FOOD-001").unwrap();
        assert_eq!(ok.place, "县政务服务中心3号窗口");
        assert_eq!(ok.mobile, "13800138000");
        // Not sure which item: allowed.
        let unsure = ComplaintReport {
            item: String::new(),
            ..report()
        };
        assert!(check(&unsure, |_| false).is_ok());
    }

    #[test]
    fn each_missing_or_wrong_field_is_named_in_the_forms_order() {
        let bad = ComplaintReport {
            item: "NOPE".into(),
            place: " ".into(),
            what: "字".repeat(WHAT_MAX + 1),
            name: String::new(),
            mobile: "1380013800".into(),
        };
        let fields: Vec<String> = check(&bad, |_| false)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["item", "place", "what", "name", "mobile"]);
    }

    #[test]
    fn only_a_supervisor_or_the_assignee_follows_up_and_says_what_was_done() {
        assert!(may_follow_up(true, "", "李主任"));
        assert!(may_follow_up(false, "张审批", "张审批"));
        assert!(!may_follow_up(false, "张审批", "王敏"));
        assert!(!may_follow_up(false, "", ""));
        assert!(action_problem(" ").is_some());
        assert!(action_problem("已电话联系反映人").is_none());
    }

    #[test]
    fn numbers_are_told_from_case_numbers() {
        assert_eq!(number(2026, 7), "BC2026-000007");
        assert!(is_number("BC2026-000007"));
        assert!(is_number(" bc2026-000007"));
        assert!(!is_number("2026-000007"));
        assert!(!is_number("BC26-1"));
        assert!(!is_number("BC2026-"));
    }

    #[test]
    fn the_follow_up_is_due_in_fifteen_working_days_and_met_when_closed_in_time() {
        let cal = crate::test_support::official_calendar();
        let settings = DeadlineSettings::default();
        let filed = NaiveDate::from_ymd_opt(2025, 9, 22)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        // 15 working days from Mon 22 Sep 2025 skip the National Day week (1–8 Oct) and
        // count the make-up Saturday 11 Oct.
        let open = follow_up(filed, None, cal, &settings, filed.date()).unwrap();
        assert_eq!(
            open.deadline.due,
            NaiveDate::from_ymd_opt(2025, 10, 17).unwrap()
        );
        assert_eq!(open.status, DueStatus::OnTime);
        let late = follow_up(
            filed,
            None,
            cal,
            &settings,
            open.deadline.due.succ_opt().unwrap(),
        );
        assert_eq!(late.unwrap().status, DueStatus::Overdue);
        let closed = filed + chrono::Duration::days(3);
        let met = follow_up(filed, Some(closed), cal, &settings, filed.date()).unwrap();
        assert_eq!(met.status, DueStatus::Met);
    }
}
