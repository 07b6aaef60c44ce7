//! How a draft is written in IndexedDB (and in the localStorage rescue copy): the
//! record's own types, separate from the core's, so that a change to the core's serde
//! form cannot silently change — or break — what is on the device. Version 2 is the
//! shape written since desk cases, version 3 adds the guides a draft was made with;
//! versions 1 (pre-checks only) and 2 are upgraded on reading.

use super::drafts::{Draft, DraftGuide, DraftStatus, DRAFT_VERSION};
use onewindow_core::catalog::DeliveryMethod;
use onewindow_core::condition::Answers;
use onewindow_core::outcome::{MarkKind, MaterialStatus};
use onewindow_core::submission::{ApplicantInput, Channel, DeliveryChoice};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// A person or organisation as entered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
struct Person {
    name: String,
    id_number: String,
    mobile: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum StoredChannel {
    PreCheck,
    Desk,
}

/// A desk mark on one material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
enum Mark {
    Original,
    Copy,
    Electronic,
    Commitment,
    ELicence,
    Satisfied,
    Missing,
    Defective { reason: String },
}

/// How the applicant wants the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Delivery {
    method: StoredMethod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    address: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum StoredMethod {
    Window,
    Locker,
    Post,
}

impl From<&DeliveryChoice> for Delivery {
    fn from(d: &DeliveryChoice) -> Self {
        Delivery {
            method: match d.method {
                DeliveryMethod::Window => StoredMethod::Window,
                DeliveryMethod::Locker => StoredMethod::Locker,
                DeliveryMethod::Post => StoredMethod::Post,
            },
            address: d.address.clone(),
        }
    }
}

impl From<Delivery> for DeliveryChoice {
    fn from(d: Delivery) -> Self {
        DeliveryChoice {
            method: match d.method {
                StoredMethod::Window => DeliveryMethod::Window,
                StoredMethod::Locker => DeliveryMethod::Locker,
                StoredMethod::Post => DeliveryMethod::Post,
            },
            address: d.address,
        }
    }
}

/// A guide as a draft was made with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Guide {
    version: String,
    json: String,
}

/// Version 3 of the draft record (version 2 without `guides`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct RecordV3 {
    schema_version: u32,
    id: String,
    item: String,
    answers: BTreeMap<String, Value>,
    applicant: Person,
    step: String,
    revision: u64,
    created_at: String,
    updated_at: String,
    status: DraftStatus,
    channel: StoredChannel,
    marks: BTreeMap<String, Mark>,
    actor: String,
    #[serde(default)]
    agent: Option<Person>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    guides: BTreeMap<String, Guide>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    delivery: Option<Delivery>,
    /// Started at a self-service terminal (absent: no).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    via_terminal: bool,
}

impl From<&ApplicantInput> for Person {
    fn from(p: &ApplicantInput) -> Self {
        Person {
            name: p.name.clone(),
            id_number: p.id_number.clone(),
            mobile: p.mobile.clone(),
        }
    }
}

impl From<Person> for ApplicantInput {
    fn from(p: Person) -> Self {
        ApplicantInput {
            name: p.name,
            id_number: p.id_number,
            mobile: p.mobile,
        }
    }
}

impl From<&MaterialStatus> for Mark {
    fn from(s: &MaterialStatus) -> Self {
        match s {
            MaterialStatus::Defective { reason } => Mark::Defective {
                reason: reason.clone(),
            },
            other => match other.kind() {
                MarkKind::Original => Mark::Original,
                MarkKind::Copy => Mark::Copy,
                MarkKind::Electronic => Mark::Electronic,
                MarkKind::Commitment => Mark::Commitment,
                MarkKind::ELicence => Mark::ELicence,
                MarkKind::Satisfied => Mark::Satisfied,
                MarkKind::Missing => Mark::Missing,
                MarkKind::Defective => Mark::Defective {
                    reason: String::new(),
                },
            },
        }
    }
}

impl From<Mark> for MaterialStatus {
    fn from(m: Mark) -> Self {
        let (kind, reason) = match m {
            Mark::Original => (MarkKind::Original, String::new()),
            Mark::Copy => (MarkKind::Copy, String::new()),
            Mark::Electronic => (MarkKind::Electronic, String::new()),
            Mark::Commitment => (MarkKind::Commitment, String::new()),
            Mark::ELicence => (MarkKind::ELicence, String::new()),
            Mark::Satisfied => (MarkKind::Satisfied, String::new()),
            Mark::Missing => (MarkKind::Missing, String::new()),
            Mark::Defective { reason } => (MarkKind::Defective, reason),
        };
        kind.status(reason)
    }
}

/// The record text of `draft` (always the current version).
pub fn encode(draft: &Draft) -> Result<String, String> {
    let record = RecordV3 {
        schema_version: DRAFT_VERSION,
        id: draft.id.clone(),
        item: draft.item.clone(),
        answers: draft.answers.0.clone(),
        applicant: (&draft.applicant).into(),
        step: draft.step.clone(),
        revision: draft.revision,
        created_at: draft.created_at.clone(),
        updated_at: draft.updated_at.clone(),
        status: draft.status.clone(),
        channel: match draft.channel {
            Channel::PreCheck => StoredChannel::PreCheck,
            Channel::Desk => StoredChannel::Desk,
        },
        marks: draft
            .marks
            .iter()
            .map(|(k, v)| (k.clone(), v.into()))
            .collect(),
        actor: draft.actor.clone(),
        agent: draft.agent.as_ref().map(Person::from),
        guides: draft
            .guides
            .iter()
            .map(|(code, g)| {
                (
                    code.clone(),
                    Guide {
                        version: g.version.clone(),
                        json: g.json.clone(),
                    },
                )
            })
            .collect(),
        delivery: draft.delivery.as_ref().map(Delivery::from),
        via_terminal: draft.via_terminal,
    };
    serde_json::to_string(&record)
        .map_err(|e| (crate::text::faults().draft_unwritable)(&e.to_string()))
}

fn from_v3(r: RecordV3) -> Draft {
    Draft {
        schema_version: r.schema_version,
        id: r.id,
        item: r.item,
        answers: Answers(r.answers),
        applicant: r.applicant.into(),
        step: r.step,
        revision: r.revision,
        created_at: r.created_at,
        updated_at: r.updated_at,
        status: r.status,
        channel: match r.channel {
            StoredChannel::PreCheck => Channel::PreCheck,
            StoredChannel::Desk => Channel::Desk,
        },
        marks: r.marks.into_iter().map(|(k, v)| (k, v.into())).collect(),
        actor: r.actor,
        agent: r.agent.map(ApplicantInput::from),
        guides: r
            .guides
            .into_iter()
            .map(|(code, g)| {
                (
                    code,
                    DraftGuide {
                        version: g.version,
                        json: g.json,
                    },
                )
            })
            .collect(),
        delivery: r.delivery.map(DeliveryChoice::from),
        via_terminal: r.via_terminal,
    }
}

/// Reads a stored draft record of any known version.
pub fn upgrade(text: &str) -> Result<Draft, String> {
    let mut value: Value = serde_json::from_str(text)
        .map_err(|e| (crate::text::faults().draft_not_json)(&e.to_string()))?;
    match value.get("schema_version").and_then(Value::as_u64) {
        // Version 1 had only pre-checks: add the channel, no marks, no clerk.
        Some(1) => {
            if let Some(o) = value.as_object_mut() {
                o.insert("schema_version".into(), 3.into());
                o.insert("channel".into(), "pre_check".into());
                o.insert("marks".into(), Value::Object(Default::default()));
                o.insert("actor".into(), "".into());
            }
        }
        // Version 2 had no guides: the draft takes the current ones when it is opened.
        Some(2) => {
            if let Some(o) = value.as_object_mut() {
                o.insert("schema_version".into(), 3.into());
            }
        }
        Some(3) => {}
        Some(v) => return Err((crate::text::faults().draft_version)(v, DRAFT_VERSION)),
        None => return Err(crate::text::faults().draft_no_version.into()),
    }
    serde_json::from_value::<RecordV3>(value)
        .map(from_v3)
        .map_err(|e| (crate::text::faults().draft_content)(&e.to_string()))
}
