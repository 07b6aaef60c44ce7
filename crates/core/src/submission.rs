//! A case as the browser sends it (the wire format), and the server's re-check: the same
//! core decides again, and any difference from what the browser showed is refused with
//! the field that differs.

use crate::calendar::{Calendar, CalendarError};
use crate::case::{
    deadlines, replay, CaseDeadlines, DeadlineKind, Event, EventKind, Limits, Recorder,
};
use crate::checklist::checklist;
use crate::condition::Answers;
use crate::outcome::{front_desk_outcome, Marks, Outcome};
use crate::validate;
use crate::Catalog;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The version of the submission format. Bump it when the shape changes.
pub const SUBMISSION_VERSION: u32 = 1;

/// Who submits, and so what the submission means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// An applicant's online pre-check (网上预审): no materials seen yet.
    PreCheck,
    /// The front desk received the papers and marked each material.
    Desk,
}

/// The applicant as entered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ApplicantInput {
    /// Name of the person or organisation.
    pub name: String,
    /// Resident ID number (a person) or unified social credit code (an organisation).
    pub id_number: String,
    /// Mobile number.
    pub mobile: String,
}

/// What the browser showed the user, which the server must agree with.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Claimed {
    /// The front-desk outcome shown (desk submissions).
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// The deadlines shown, as (kind, date).
    #[serde(default)]
    pub deadlines: Vec<(DeadlineKind, NaiveDate)>,
    /// For a bundle at the desk: each item's outcome shown, as (item code, outcome).
    #[serde(default)]
    pub outcomes: Vec<(String, Outcome)>,
}

/// A case as submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Submission {
    /// See [`SUBMISSION_VERSION`].
    pub schema_version: u32,
    /// Pre-check or desk.
    pub channel: Channel,
    /// The item's code.
    pub item: String,
    /// The answers to the situation questions.
    pub answers: Answers,
    /// The desk's marks (empty for a pre-check).
    #[serde(default)]
    pub marks: Marks,
    /// The applicant.
    pub applicant: ApplicantInput,
    /// Who acts for the applicant (代办), when the item's acting question is answered yes.
    #[serde(default)]
    pub agent: Option<ApplicantInput>,
    /// When the browser says it was submitted. Kept as sent, for the record only: the case
    /// is dated by the server's clock.
    pub submitted_at: NaiveDateTime,
    /// Who the browser says submitted (the clerk's account or "applicant"). The server
    /// records the session's account instead, and refuses a desk case whose clerk is not
    /// the one logged in.
    pub actor: String,
    /// What the browser showed.
    #[serde(default)]
    pub claimed: Claimed,
    /// The version of each item's guide the draft was made with, by item code: when the
    /// server has published another since, it says what changed for this case.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub guide_versions: std::collections::BTreeMap<String, String>,
    /// How the applicant wants the result (出件方式), chosen when applying: window,
    /// locker, or post with the address. Recorded on the case; changeable until 出件.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<DeliveryChoice>,
    /// Whether the work started at a self-service terminal (a pre-check made there, or a
    /// desk case continuing a terminal's hand-over): the terminal channel in the figures.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub via_terminal: bool,
}

/// The applicant's choice of how to receive the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeliveryChoice {
    /// Window, locker or post.
    pub method: crate::catalog::DeliveryMethod,
    /// The postal address, for post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

pub use crate::diagnostic::FieldError;

/// How many days back a desk device's own time is accepted for work done offline.
pub const DEVICE_TIME_WINDOW_DAYS: i64 = 7;

/// A submission the core has re-checked: ready to store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Checked {
    /// The canonical applicant (normalized ID and mobile).
    pub applicant: ApplicantInput,
    /// The canonical agent (代办人), if someone acts for the applicant.
    pub agent: Option<ApplicantInput>,
    /// The outcome (desk submissions).
    pub outcome: Option<Outcome>,
    /// The case's first events.
    pub events: Vec<Event>,
    /// Its deadlines as of the submission day.
    pub deadlines: CaseDeadlines,
    /// The handling body its answers route it to (the item's own unless a routing rule
    /// applies, e.g. the township's police station): whose queue it is in.
    pub handling_body: String,
}

fn error(field: &str, problem: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_string(),
        problem: problem.into(),
    }
}

/// Re-checks `sub` against the catalogue and the calendar, received by `by` (the
/// server's session and clock: the case's events are dated and signed by them, never by
/// what the browser says in `submitted_at` and `actor`). Every problem is reported at once.
pub fn check_submission(
    catalog: &Catalog,
    cal: &Calendar,
    sub: &Submission,
    by: &Recorder,
) -> Result<Checked, Vec<FieldError>> {
    let Some(item) = catalog.item(&sub.item) else {
        return Err(vec![error(
            "item",
            format!("没有编码为“{}”的事项，请刷新事项目录后重新选择", sub.item),
        )]);
    };
    check_item_submission(item, &catalog.settings.deadlines, cal, sub, by)
}

/// [`check_submission`] against `item` as given (e.g. as it stands in a bundle, with the
/// papers another item's result provides tolerated).
pub fn check_item_submission(
    item: &crate::ServiceItem,
    settings: &crate::case::DeadlineSettings,
    cal: &Calendar,
    sub: &Submission,
    by: &Recorder,
) -> Result<Checked, Vec<FieldError>> {
    let today = by.now.date();
    let mut problems = Vec::new();
    if sub.schema_version != SUBMISSION_VERSION {
        return Err(vec![error(
            "schema_version",
            format!(
                "提交格式版本为{}，服务器需要版本{}，请刷新页面后重新提交",
                sub.schema_version, SUBMISSION_VERSION
            ),
        )]);
    }
    let applicant = canonical_applicant(&sub.applicant, today, &mut problems);
    let agent = match (item.acting_for_applicant(&sub.answers), &sub.agent) {
        (true, Some(a)) => Some(canonical_agent(a, today, &mut problems)),
        (true, None) => {
            problems.push(error(
                "agent",
                "代办的须填写代办人的姓名、身份证号码和手机号码",
            ));
            None
        }
        (false, Some(_)) => {
            problems.push(error(
                "agent",
                "回答为本人办理，却填写了代办人；请核对“是否委托他人代为办理”",
            ));
            None
        }
        (false, None) => None,
    };
    problems.extend(answer_shapes(item, &sub.answers));
    let list = checklist(item, &sub.answers);
    if !list.pending.is_empty() {
        problems.push(error(
            "answers",
            format!("还有问题没有回答：{}", list.pending.join("、")),
        ));
    }
    for id in sub.marks.keys() {
        if !list.entries.iter().any(|e| &e.material == id) {
            problems.push(error(
                &format!("marks.{id}"),
                "该材料不在本次办理的材料清单中",
            ));
        }
    }
    let outcome = match sub.channel {
        Channel::PreCheck => None,
        Channel::Desk => front_desk_outcome(item, &sub.answers, &sub.marks).ok(),
    };
    if sub.channel == Channel::Desk && outcome != sub.claimed.outcome {
        problems.push(error(
            "claimed.outcome",
            "页面显示的受理结果与服务器核验结果不一致，请刷新事项目录后重新核对材料",
        ));
    }
    // Desk work done offline arrives later: the device's time is kept beside the
    // server's (and shown), from a week back at most and never ahead of the server's
    // clock. A pre-check's time says nothing and is not kept.
    let device_at = match sub.channel {
        Channel::PreCheck => None,
        Channel::Desk => {
            let earliest = by.now - chrono::Duration::days(DEVICE_TIME_WINDOW_DAYS);
            let skew = chrono::Duration::minutes(5);
            if sub.submitted_at > by.now + skew || sub.submitted_at < earliest {
                problems.push(error(
                    "submitted_at",
                    format!(
                        "设备记录的时间{}不在允许范围内（{}至服务器当前时间）；请核对本机时钟后重新提交",
                        sub.submitted_at.format("%Y-%m-%d %H:%M"),
                        earliest.format("%Y-%m-%d %H:%M")
                    ),
                ));
                None
            } else {
                (by.now - sub.submitted_at > skew).then_some(sub.submitted_at)
            }
        }
    };
    let event = |kind: EventKind| Event {
        at: by.now,
        actor: by.actor.to_string(),
        role: by.role,
        note: String::new(),
        kind,
        device_at,
    };
    let mut events = vec![event(match sub.channel {
        Channel::PreCheck => EventKind::PreChecked,
        Channel::Desk => EventKind::Received,
    })];
    // The delivery chosen when applying is recorded with the case, before the outcome
    // (a pre-check keeps it for the desk to confirm).
    if let Some(choice) = &sub.delivery {
        let offered = item.delivery.is_empty() || item.delivery.contains(&choice.method);
        let address = choice
            .address
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        if !offered {
            problems.push(error(
                "delivery.method",
                "本事项不提供所选的出件方式，请重新选择".to_string(),
            ));
        } else if choice.method == crate::catalog::DeliveryMethod::Post && address.is_none() {
            problems.push(error("delivery.address", "邮寄须填写收件地址".to_string()));
        } else if sub.channel == Channel::Desk {
            events.push(event(EventKind::DeliveryChosen {
                method: choice.method,
                address: address.map(String::from),
            }));
        }
    }
    // The front desk's outcome comes last: its notices belong to that event.
    if let Some(o) = outcome
        .as_ref()
        .filter(|o| !matches!(o, Outcome::ReceivedOnly))
    {
        events.push(event(o.event()));
    }
    let record = match replay(&events) {
        Ok(r) => r,
        Err(e) => {
            problems.push(error("events", e.to_string()));
            return Err(problems);
        }
    };
    let due = match deadlines(&record, &Limits::of(item), cal, today, settings) {
        Ok(d) => d,
        Err(CalendarError::NotCovered { date, .. }) => {
            problems.push(error(
                "calendar",
                format!("{date}所在年度的节假日安排尚未加载，请联系管理员"),
            ));
            return Err(problems);
        }
    };
    for (kind, date) in &sub.claimed.deadlines {
        let ours = due.get(kind).map(|d| d.deadline.due);
        if ours != Some(*date) {
            let ours = ours.map_or("无".to_string(), |d| d.to_string());
            problems.push(error(
                "claimed.deadlines",
                format!("页面显示的期限{date}与服务器计算的{ours}不一致，请刷新后重新提交"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Checked {
        applicant,
        agent,
        outcome,
        events,
        deadlines: due,
        handling_body: list.handling_body.clone(),
    })
}

/// Checks every field of the applicant (the same check the server makes): the canonical
/// values, or every problem with its field (`applicant.name`, `applicant.id_number`,
/// `applicant.mobile`). An 18-character number is a resident ID or a credit code.
pub fn check_applicant(
    a: &ApplicantInput,
    today: NaiveDate,
) -> Result<ApplicantInput, Vec<FieldError>> {
    all_or_problems(|p| canonical_applicant(a, today, p))
}

/// Checks the agent (代办人): a person, so a resident ID, and a mobile number. Field
/// names start with `agent.`.
pub fn check_agent(
    a: &ApplicantInput,
    today: NaiveDate,
) -> Result<ApplicantInput, Vec<FieldError>> {
    all_or_problems(|p| canonical_agent(a, today, p))
}

/// The value a check makes, or every problem it found.
fn all_or_problems<T>(check: impl FnOnce(&mut Vec<FieldError>) -> T) -> Result<T, Vec<FieldError>> {
    let mut problems = Vec::new();
    let value = check(&mut problems);
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

fn canonical_agent(
    a: &ApplicantInput,
    today: NaiveDate,
    problems: &mut Vec<FieldError>,
) -> ApplicantInput {
    let name = a.name.trim().to_string();
    if name.is_empty() {
        problems.push(error("agent.name", "请填写代办人姓名"));
    }
    let id_number = validate::resident_id(&a.id_number, today)
        .map(|id| id.number)
        .unwrap_or_else(|e| {
            problems.push(error("agent.id_number", e.message()));
            a.id_number.clone()
        });
    let mobile = validate::mobile(&a.mobile).unwrap_or_else(|e| {
        problems.push(error("agent.mobile", e.message()));
        a.mobile.clone()
    });
    ApplicantInput {
        name,
        id_number,
        mobile,
    }
}

fn canonical_applicant(
    a: &ApplicantInput,
    today: NaiveDate,
    problems: &mut Vec<FieldError>,
) -> ApplicantInput {
    let name = a.name.trim().to_string();
    if name.is_empty() {
        problems.push(error("applicant.name", "请填写申请人姓名或单位名称"));
    }
    // An 18-character number is a resident ID or a credit code: try the ID first.
    let id_number = match validate::resident_id(&a.id_number, today) {
        Ok(id) => id.number,
        Err(id_err) => match validate::credit_code(&a.id_number) {
            Ok(code) => code.code,
            Err(_) => {
                problems.push(error("applicant.id_number", id_err.message()));
                a.id_number.clone()
            }
        },
    };
    let mobile = validate::mobile(&a.mobile).unwrap_or_else(|e| {
        problems.push(error("applicant.mobile", e.message()));
        a.mobile.clone()
    });
    ApplicantInput {
        name,
        id_number,
        mobile,
    }
}

/// An answer that does not fit its question: a date not written YYYY-MM-DD (conditions
/// compare dates as text), a number that is not a whole number of at least 0.
pub fn answer_problem(q: &crate::catalog::Question, v: &serde_json::Value) -> Option<String> {
    use crate::catalog::QuestionKind;
    match q.kind {
        QuestionKind::Date => {
            let ok = v.as_str().is_some_and(|s| {
                s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
            });
            (!ok).then(|| "请按“年-月-日”填写完整日期，例如 2026-03-05".to_string())
        }
        QuestionKind::Number => (v.as_u64().is_none()).then(|| "请填写不小于 0 的整数".to_string()),
        QuestionKind::YesNo => (!v.is_boolean()).then(|| "请选择“是”或“否”".to_string()),
        QuestionKind::Choice => (!q
            .options
            .iter()
            .any(|o| v.as_str() == Some(o.value.as_str())))
        .then(|| "请从给出的选项中选择".to_string()),
    }
}

/// Every answer of `answers` that does not fit its question, by field.
fn answer_shapes(
    item: &crate::ServiceItem,
    answers: &crate::condition::Answers,
) -> Vec<FieldError> {
    crate::checklist::all_questions(item)
        .iter()
        .filter_map(|q| {
            let v = answers.get(&q.id).filter(|v| !v.is_null())?;
            answer_problem(q, v).map(|p| error(&format!("answers.{}", q.id), p))
        })
        .collect()
}
