//! Filling a notice from a real case: the applicant (masked), the item, the dates and
//! deadlines from the clock, and what the front desk or the later step found. It sits
//! above both `case` and `notice` (which know nothing of each other's cases), so neither
//! depends on the other.

use crate::calendar::Calendar;
use crate::case::{
    deadlines, replay, CaseDeadlines, CaseRecord, DeadlineKind, DeadlineSettings, Event, EventKind,
    Limits,
};
use crate::checklist::{checklist, Checklist};
use crate::condition::Answers;
use crate::notice::data::{
    Applicant, CaseInfo, CollectLine, Deadlines, Decision, GapLine, Heading, ItemInfo, JointData,
    MaterialLine, NoticeData, Office, OpinionLine, Procedure, ReasonLine, ScheduleLine, SlipData,
    ToleratedLine,
};
use crate::notice::format::chinese_date;
use crate::notice::{NoticeKind, Notices};
use crate::outcome::{bring, Outcome, ToleratedGap};
use crate::validate::{mask_id, mask_mobile};
use crate::ServiceItem;
use chrono::{Datelike, NaiveDate};

/// The applicant as entered (unmasked; the notice masks it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ApplicantFacts {
    /// Name of the person or organisation.
    pub name: String,
    /// Resident ID number or unified social credit code.
    pub id_number: String,
    /// Mobile number.
    pub mobile: String,
}

/// Everything a notice can say about one case.
#[derive(Debug, Clone, Copy)]
pub struct CaseFacts<'a> {
    /// The item applied for.
    pub item: &'a ServiceItem,
    /// The applicant.
    pub applicant: &'a ApplicantFacts,
    /// The case number.
    pub number: &'a str,
    /// The applicant's lookup code.
    pub lookup_code: &'a str,
    /// The case's record (from its events).
    pub record: &'a CaseRecord,
    /// Its deadlines (from the clock).
    pub deadlines: &'a CaseDeadlines,
    /// The front desk's checklist, for the receipt's list of materials.
    pub checklist: Option<&'a Checklist>,
    /// The front desk's outcome, for gaps, tolerated materials and refusal reasons.
    pub outcome: Option<&'a Outcome>,
    /// The later step that produced the notice, if any: a back-office correction
    /// request's list or a denial's reasons come from it.
    pub event: Option<&'a EventKind>,
}

/// 联办件: the departments' steps with their deadlines, and the opinions so far (a
/// default consent included), as of the day of issue.
fn joint_data(facts: CaseFacts<'_>, issued: NaiveDate) -> JointData {
    use crate::case::joint::{answer_words, joint_review, Answer};
    let item = facts.item;
    if item.responsible_departments.is_empty() {
        return JointData::default();
    }
    let reviews = joint_review(item, facts.record, facts.deadlines, issued);
    JointData {
        lead: item.department.clone(),
        steps: item
            .responsible_departments
            .iter()
            .zip(&reviews)
            .map(|(s, r)| {
                let mut defaults = Vec::new();
                if s.by_timeout {
                    defaults.push("超时默认");
                }
                if s.by_absence {
                    defaults.push("缺席默认");
                }
                ScheduleLine {
                    department: s.department.clone(),
                    step: s.step.clone(),
                    days: s.days,
                    due: date(r.due),
                    materials: r.materials.join("、"),
                    defaults: if defaults.is_empty() {
                        "无".into()
                    } else {
                        defaults.join("、")
                    },
                }
            })
            .collect(),
        opinions: reviews
            .iter()
            .filter(|r| r.answer != Answer::Waiting)
            .map(|r| OpinionLine {
                department: r.department.clone(),
                step: r.step.clone(),
                opinion: answer_words(&r.answer),
            })
            .collect(),
    }
}

/// The sentence a notice prints when one of the case's dates was counted provisionally
/// (its year's holiday schedule is not published yet), so nobody reads it as final.
fn provisional_note(deadlines: &CaseDeadlines) -> String {
    use chrono::Datelike;
    let Some(year) = deadlines
        .deadlines
        .iter()
        .filter(|d| d.deadline.provisional)
        .map(|d| d.deadline.due.year())
        .min()
    else {
        return String::new();
    };
    format!(
        "{year}年节假日安排尚未公布，上述{year}年的日期暂按周六、周日及元旦、劳动节、国庆节\
         法定假日休息计算；安排公布后如有变化，本机关将另行告知。"
    )
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(chinese_date).unwrap_or_default()
}

impl Notices {
    /// The values of notice `kind` for a case, issued on `issued` as the `seq`-th of its
    /// kind that year, for the copy kept by `copy_for`.
    pub fn data_for(
        &self,
        kind: NoticeKind,
        facts: CaseFacts<'_>,
        issued: NaiveDate,
        seq: u32,
        copy_for: &str,
    ) -> NoticeData {
        let s = &self.settings;
        let rec = facts.record;
        let due = |k: DeadlineKind| date(facts.deadlines.get(&k).map(|d| d.deadline.due));
        let tolerated_line = |t: &ToleratedGap| {
            let supply = facts.deadlines.deadlines.iter().find(|d| {
                matches!(&d.kind, DeadlineKind::Supply { material, .. } if *material == t.material)
            });
            ToleratedLine {
                name: t.name.clone(),
                supply_by: date(supply.map(|d| d.deadline.due)),
            }
        };
        let (gaps, tolerated, reasons) = match facts.outcome {
            Some(Outcome::Incomplete { gaps, tolerable }) => (
                gaps.iter()
                    .map(|g| GapLine {
                        name: g.name.clone(),
                        problem: g.problem.clone(),
                        bring: g.bring.clone(),
                    })
                    .collect(),
                tolerable.iter().map(tolerated_line).collect(),
                Vec::new(),
            ),
            Some(Outcome::AcceptedWithTolerated { tolerated }) => (
                Vec::new(),
                tolerated.iter().map(tolerated_line).collect(),
                Vec::new(),
            ),
            Some(Outcome::NotAccepted { reasons }) => (
                Vec::new(),
                Vec::new(),
                reasons
                    .iter()
                    .map(|r| ReasonLine {
                        reason: r.reason.clone(),
                        legal_basis: r.legal_basis.clone(),
                    })
                    .collect(),
            ),
            _ => (Vec::new(), Vec::new(), Vec::new()),
        };
        // A later step speaks for itself: the back office's consolidated corrections, or
        // the reasons of a denial.
        let (gaps, reasons) = match facts.event {
            Some(EventKind::CorrectionRequested { items }) => (
                items
                    .iter()
                    .map(|line| {
                        let (name, problem) = line.split_once('：').unwrap_or((line, ""));
                        GapLine {
                            name: name.to_string(),
                            problem: problem.to_string(),
                            bring: String::new(),
                        }
                    })
                    .collect(),
                reasons,
            ),
            // A refusal after receipt (收件) gives the reasons recorded with it.
            Some(EventKind::NotAccepted { reasons: refused })
            | Some(EventKind::Decided {
                approved: false,
                reasons: refused,
            }) => (
                gaps,
                refused
                    .iter()
                    .map(|r| ReasonLine {
                        reason: r.clone(),
                        legal_basis: match facts.item.legal_bases() {
                            [] => "办事指南未公布".to_string(),
                            bases => bases.join("；"),
                        },
                    })
                    .collect(),
            ),
            // A denial approved by the lead gives the filed reasons with their legal basis.
            Some(EventKind::RefusalApproved) => (
                gaps,
                rec.refusal
                    .iter()
                    .flat_map(|r| {
                        r.reasons.iter().map(|reason| ReasonLine {
                            reason: reason.clone(),
                            legal_basis: r.legal_basis.clone(),
                        })
                    })
                    .collect(),
            ),
            _ => (gaps, reasons),
        };
        let procedure = rec
            .suspensions
            .iter()
            .rev()
            .find(|p| p.planned_end.is_some())
            .map(|p| Procedure {
                name: p.why.clone(),
                start: chinese_date(p.from),
                planned_end: date(p.planned_end),
                participants: facts.item.handling_body.clone(),
                prepare: String::new(),
            })
            .unwrap_or_default();
        NoticeData {
            office: Office {
                name: s.office.clone(),
                seal: s.seal.clone(),
                phone: s.phone.clone(),
                address: s.address.clone(),
                remedies: s.remedies.clone(),
            },
            notice: Heading {
                title: kind.title().to_string(),
                number: self.number(kind, issued.year(), seq),
                date: chinese_date(issued),
            },
            applicant: Applicant {
                name: facts.applicant.name.clone(),
                id_masked: mask_id(&facts.applicant.id_number),
                phone_masked: mask_mobile(&facts.applicant.mobile),
            },
            item: ItemInfo {
                code: facts.item.code.clone(),
                name: facts.item.name.clone(),
                handling_body: facts.item.handling_body.clone(),
                window: facts.item.window.clone(),
                promised_days: facts.item.promised_limit(),
                statutory_days: facts.item.statutory_limit(),
            },
            case: CaseInfo {
                number: facts.number.to_string(),
                lookup_code: facts.lookup_code.to_string(),
                lookup_url: self.lookup_url(facts.number, facts.lookup_code),
                received: date(rec.received.map(|t| t.date())),
                accepted: date(rec.accepted.map(|t| t.date())),
            },
            deadlines: Deadlines {
                notify: due(DeadlineKind::NotifyGaps),
                promised: due(DeadlineKind::Promised),
                statutory: due(DeadlineKind::Statutory),
                provisional: provisional_note(facts.deadlines),
            },
            materials: facts
                .checklist
                .map(|c| {
                    c.entries
                        .iter()
                        .map(|e| MaterialLine {
                            name: e.name.clone(),
                            form: bring(e),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            gaps,
            tolerated,
            reasons,
            procedure,
            decision: Decision {
                approved: rec.decided.is_some_and(|(_, approved)| approved),
                result: facts.item.name.clone(),
            },
            slip: rec
                .slip
                .as_ref()
                .map(|slip| SlipData {
                    results: slip.results.clone(),
                    collect: slip
                        .collect
                        .iter()
                        .map(|line| {
                            let (name, requirement) = line.split_once('：').unwrap_or((line, ""));
                            CollectLine {
                                name: name.to_string(),
                                requirement: requirement.to_string(),
                            }
                        })
                        .collect(),
                    prepared_by: slip.by.clone(),
                })
                .unwrap_or_default(),
            joint: joint_data(facts, issued),
            copy_for: copy_for.to_string(),
        }
    }
}

/// A stored case, as much of it as its notices print.
#[derive(Debug, Clone, Copy)]
pub struct StoredCase<'a> {
    /// The item.
    pub item: &'a ServiceItem,
    /// The applicant (already masked is fine: the notice masks again).
    pub applicant: &'a ApplicantFacts,
    /// The case number.
    pub number: &'a str,
    /// The lookup code.
    pub lookup_code: &'a str,
    /// Every event.
    pub events: &'a [Event],
    /// The answers given.
    pub answers: &'a Answers,
    /// The front desk's outcome, if it decided one.
    pub outcome: Option<&'a Outcome>,
}

/// A notice issued to a case: which, for which event, when, and its place in the year's
/// sequence.
#[derive(Debug, Clone, Copy)]
pub struct Issue {
    /// Which notice.
    pub kind: NoticeKind,
    /// The position of the producing event in the history.
    pub event_index: usize,
    /// The day it was issued.
    pub on: NaiveDate,
    /// Its place in the kind's sequence that year.
    pub seq: u32,
}

/// The HTML of each copy of an issued notice (`copies` names who keeps each; offices
/// keep a second copy of some notices, see [`NoticeKind::two_copies`]). The notice says
/// what was true when it was issued: the record up to the producing event.
pub fn render_issued(
    notices: &Notices,
    case: StoredCase<'_>,
    issue: Issue,
    calendar: &Calendar,
    settings: &DeadlineSettings,
    copies: &[&str],
) -> Result<Vec<String>, String> {
    let upto = (issue.event_index + 1).min(case.events.len());
    let events = &case.events[..upto];
    let record = replay(events).map_err(|e| e.to_string())?;
    let due = deadlines(
        &record,
        &Limits::of(case.item),
        calendar,
        issue.on,
        settings,
    )
    .map_err(|e| e.to_string())?;
    let list = checklist(case.item, case.answers);
    let facts = CaseFacts {
        item: case.item,
        applicant: case.applicant,
        number: case.number,
        lookup_code: case.lookup_code,
        record: &record,
        deadlines: &due,
        checklist: Some(&list),
        outcome: case.outcome,
        event: events.last().map(|e| &e.kind),
    };
    let copies: &[&str] = if issue.kind.two_copies() {
        copies
    } else {
        &copies[..copies.len().min(1)]
    };
    copies
        .iter()
        .map(|copy| {
            let data = notices.data_for(issue.kind, facts, issue.on, issue.seq, copy);
            notices.render(issue.kind, &data).map_err(|e| e.to_string())
        })
        .collect()
}
