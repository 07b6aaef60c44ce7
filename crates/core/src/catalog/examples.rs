//! The catalogue's example cases (`[[examples]]`): each is run through the front desk's
//! rules as the desk would record it, and any disagreement with what the centre wrote
//! down fails the check with the example's file and line — a service centre's own
//! regression test for its rules.

use super::{ExpectedOutcome, MaterialForm, MaterialKind, ServiceItem, SourceFile};
use crate::checklist::checklist;
use crate::condition::Answers;
use crate::outcome::{front_desk_outcome, Marks, MaterialStatus, Outcome};
use crate::Diagnostic;
use std::collections::BTreeSet;

/// What an outcome is, in the words of the catalogue format.
fn kind(o: &Outcome) -> ExpectedOutcome {
    match o {
        Outcome::Accepted => ExpectedOutcome::Accepted,
        Outcome::AcceptedWithTolerated { .. } => ExpectedOutcome::AcceptedWithTolerated,
        Outcome::Incomplete { .. } => ExpectedOutcome::Incomplete,
        Outcome::NotAccepted { .. } => ExpectedOutcome::NotAccepted,
        Outcome::ReceivedOnly => ExpectedOutcome::ReceivedOnly,
    }
}

fn name(o: ExpectedOutcome) -> &'static str {
    match o {
        ExpectedOutcome::Accepted => "accepted",
        ExpectedOutcome::AcceptedWithTolerated => "accepted_with_tolerated",
        ExpectedOutcome::Incomplete => "incomplete",
        ExpectedOutcome::NotAccepted => "not_accepted",
        ExpectedOutcome::ReceivedOnly => "received_only",
    }
}

/// Runs every example of `item`; a problem for each that disagrees.
pub(super) fn check(file: &SourceFile, item: &ServiceItem, problems: &mut Vec<Diagnostic>) {
    // Each example's own table, in order: a material or place with the same name earlier
    // in the file is not taken for it.
    let starts: Vec<usize> = file
        .text
        .match_indices("[[examples]]")
        .map(|(i, _)| i)
        .collect();
    for (n, ex) in item.examples.iter().enumerate() {
        let offset = starts.get(n).and_then(|&from| {
            file.text[from..]
                .find(&format!("name = \"{}\"", ex.name))
                .map(|i| from + i)
        });
        let mut say = |message: String| {
            let message = format!("example \"{}\": {message}", ex.name);
            problems.push(match offset {
                Some(o) => Diagnostic::at_offset(&file.path, &file.text, o, message),
                None => super::lint::at(file, &format!("name = \"{}\"", ex.name), message),
            })
        };
        let answers = Answers(ex.answers.clone().into_iter().collect());
        let list = checklist(item, &answers);
        if !list.pending.is_empty() {
            say(format!(
                "the answers leave questions unanswered: {}",
                list.pending.join(", ")
            ));
            continue;
        }
        let known: BTreeSet<&str> = item.materials.iter().map(|m| m.id.as_str()).collect();
        for id in ex.handed_in.iter().flatten().chain(&ex.missing) {
            if !known.contains(id.as_str()) {
                say(format!("\"{id}\" is not a material of this item"));
            }
        }
        // What the desk records: each line handed in, in the form the list asks for.
        let marks: Marks = list
            .entries
            .iter()
            .filter(|e| {
                ex.handed_in
                    .as_ref()
                    .is_none_or(|h| h.contains(&e.material))
            })
            .map(|e| {
                let mark = match (e.kind, e.form) {
                    (MaterialKind::Requirement, _) => MaterialStatus::Satisfied,
                    (_, MaterialForm::Copy) => MaterialStatus::Copy,
                    (_, MaterialForm::Electronic) => MaterialStatus::Electronic,
                    _ => MaterialStatus::Original,
                };
                (e.material.clone(), mark)
            })
            .collect();
        let outcome = match front_desk_outcome(item, &answers, &marks) {
            Ok(o) => o,
            Err(u) => {
                say(format!(
                    "the answers leave questions unanswered: {}",
                    u.questions.join(", ")
                ));
                continue;
            }
        };
        if kind(&outcome) != ex.outcome {
            say(format!(
                "expected outcome = \"{}\", but the rules give \"{}\"{}",
                name(ex.outcome),
                name(kind(&outcome)),
                match &outcome {
                    Outcome::NotAccepted { reasons } => format!(
                        " ({})",
                        reasons
                            .iter()
                            .map(|r| r.reason.as_str())
                            .collect::<Vec<_>>()
                            .join("；")
                    ),
                    _ => String::new(),
                }
            ));
            continue;
        }
        let found: BTreeSet<&str> = match &outcome {
            Outcome::Incomplete { gaps, .. } => gaps.iter().map(|g| g.material.as_str()).collect(),
            Outcome::AcceptedWithTolerated { tolerated } => {
                tolerated.iter().map(|g| g.material.as_str()).collect()
            }
            _ => BTreeSet::new(),
        };
        let expected: BTreeSet<&str> = ex.missing.iter().map(String::as_str).collect();
        if found != expected {
            let list = |s: &BTreeSet<&str>| {
                if s.is_empty() {
                    "nothing".to_string()
                } else {
                    s.iter().copied().collect::<Vec<_>>().join(", ")
                }
            };
            say(format!(
                "expected missing = [{}], but the rules list {}",
                list(&expected),
                list(&found)
            ));
        }
    }
}
