//! The catalogue linter: every check a file must pass before it reaches an applicant.
//! Problems name the file and, where the text allows, the line of the offending key.

use super::{all_questions, SUB_ITEM};
use super::{
    Bundle, CaseKind, FrontDesk, MaterialSource, QuestionKind, Requirement, Right, ServiceItem,
    SourceFile,
};
use crate::condition::Condition;
use crate::Diagnostic;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A problem located at the first occurrence of `needle` in the file (the key and value
/// as written), or at the whole file if it cannot be found.
pub(super) fn at(file: &SourceFile, needle: &str, message: String) -> Diagnostic {
    match file.text.find(needle) {
        Some(offset) => Diagnostic::at_offset(&file.path, &file.text, offset, message),
        None => Diagnostic::in_file(&file.path, message),
    }
}

/// The window's authorisation must be one the hall can work with.
fn authorisation(item: &ServiceItem, rights: &[Right], push: &mut impl FnMut(&str, String)) {
    let has = |r| rights.contains(&r);
    let mut seen = BTreeSet::new();
    for r in rights {
        if !seen.insert(*r) {
            push(
                "authorisation",
                format!("authorisation lists \"{}\" twice", r.label()),
            );
        }
    }
    if !has(Right::Receive) {
        push(
            "authorisation",
            "authorisation must include \"receive\": every item's papers are taken in at the comprehensive window".into(),
        );
    }
    if has(Right::Decide) && item.kind != CaseKind::Immediate {
        push(
            "authorisation",
            "\"decide\" lets the window decide on the spot, which only an immediate case (kind = \"immediate\") allows".into(),
        );
    }
    if has(Right::Accept) && item.front_desk == FrontDesk::ReceiveOnly {
        push(
            "authorisation",
            "authorisation grants \"accept\" but front_desk = \"receive_only\": remove one of them"
                .into(),
        );
    }
    if has(Right::Seal) && !has(Right::Accept) && !has(Right::Decide) {
        push(
            "authorisation",
            "\"seal\" is used on the notices the window issues, so it needs \"accept\" or \"decide\"".into(),
        );
    }
    if (has(Right::Accept) || has(Right::Decide)) && !has(Right::Seal) {
        push(
            "authorisation",
            "the window accepts or decides in the department's name: add \"seal\" so its notices can carry the seal".into(),
        );
    }
}

/// A joint item's responsible departments: each a real step with a time limit, on the
/// item's own materials; only joint items have them.
fn joint(item: &ServiceItem, push: &mut impl FnMut(&str, String)) {
    let steps = &item.responsible_departments;
    match (item.kind == CaseKind::Joint, steps.is_empty()) {
        (true, true) => push(
            "kind = \"joint\"",
            "a joint item (kind = \"joint\") names each responsible department's step in [[responsible_departments]]".into(),
        ),
        (false, false) => push(
            "[[responsible_departments]]",
            "only a joint item (kind = \"joint\") has responsible departments".into(),
        ),
        _ => {}
    }
    let mut seen = BTreeSet::new();
    for s in steps {
        let here = format!("department = \"{}\"", s.department);
        if s.department.trim().is_empty() || s.step.trim().is_empty() {
            push(
                "[[responsible_departments]]",
                "a responsible department needs its department and step".into(),
            );
        }
        if s.department == item.department {
            push(
                &here,
                format!(
                    "{} is the lead department (the item's own); list only the other departments",
                    s.department
                ),
            );
        }
        if !seen.insert(s.department.as_str()) {
            push(&here, format!("{} is listed twice", s.department));
        }
        if s.days == 0 || s.days > item.statutory_limit() {
            push(
                &here,
                format!(
                    "{}'s step \"{}\" takes {} working days; it must be 1 to the statutory {}",
                    s.department,
                    s.step,
                    s.days,
                    item.statutory_limit()
                ),
            );
        }
        for m in &s.materials {
            if !item.materials.iter().any(|x| &x.id == m) {
                push(
                    &format!("\"{m}\""),
                    format!(
                        "{}'s packet names \"{m}\", which is not a material of this item",
                        s.department
                    ),
                );
            }
        }
    }
}

/// Checks one service item.
pub(super) fn item(file: &SourceFile, item: &ServiceItem, problems: &mut Vec<Diagnostic>) {
    let mut push = |needle: &str, message: String| problems.push(at(file, needle, message));
    for (field, value) in [
        ("code", &item.code),
        ("name", &item.name),
        ("department", &item.department),
        ("handling_body", &item.handling_body),
        ("window", &item.window),
    ] {
        if value.trim().is_empty() {
            push(&format!("{field} ="), format!("{field} must not be empty"));
        }
    }
    if item.legal_basis.value().is_some_and(Vec::is_empty) {
        push(
            "code =",
            "the item has no legal_basis: write the guide's, or legal_basis = \"not_published\" when the guide publishes none".into(),
        );
    }
    if let (Some(&promised), Some(&statutory)) =
        (item.promised_days.value(), item.statutory_days.value())
    {
        if promised > statutory {
            push("promised_days", format!(
                "promised_days ({promised}) is longer than statutory_days ({statutory}): the promise must be within the law"
            ));
        }
    }
    // The acceptance notice prints the statutory limit for every kind of case.
    if !item.statutory_days.is_published() {
        push("statutory_days",
            "statutory_days is not published, but every acceptance notice prints it (法定办理期限) and the statutory deadlines are counted from it: \
             find it in the item's legal basis or ask the department".into());
    }
    // A committed or joint case's notice prints the promise and its deadline is counted from it.
    if !item.promised_days.is_published() && item.kind != CaseKind::Immediate {
        push("promised_days", format!(
            "promised_days is not published, but a {} case's acceptance notice prints it and its deadlines are counted from it: \
             find it in the item's legal basis or ask the department; \"not_published\" is only for an immediate case",
            if item.kind == CaseKind::Joint { "joint" } else { "committed" }
        ));
    }
    if item.kind == CaseKind::Immediate && item.promised_limit() != 0 {
        push("promised_days", format!(
            "an immediate case (kind = \"immediate\") is decided the same day: promised_days must be 0, not {}",
            item.promised_limit()
        ));
    }
    for (i, step) in item.procedure.iter().enumerate() {
        if step.step.trim().is_empty() || step.by.trim().is_empty() {
            push(
                "[[procedure]]",
                format!("procedure step {} needs both step and by", i + 1),
            );
        }
        if let (Some(days), Some(statutory)) = (
            step.days.as_ref().and_then(|d| d.value()),
            item.statutory_days.value(),
        ) {
            if days > statutory {
                push(&format!("step = \"{}\"", step.step), format!(
                    "procedure step \"{}\" takes {days} working days, longer than the statutory {statutory}",
                    step.step
                ));
            }
        }
    }
    for m in &item.materials {
        if m.source == MaterialSource::ThirdParty
            && m.issued_by.as_deref().is_none_or(|s| s.trim().is_empty())
        {
            push(&format!("id = \"{}\"", m.id), format!(
                "material \"{}\" comes from a third party (source = \"third_party\"): name who issues it in issued_by",
                m.id
            ));
        }
        if m.retired.is_some() && m.requirement != Requirement::Optional {
            push(&format!("id = \"{}\"", m.id), format!(
                "material \"{}\" is retired: it is never asked for, so write requirement = \"optional\"",
                m.id
            ));
        }
    }
    if let Some(rights) = &item.authorisation {
        authorisation(item, rights, &mut push);
    }
    joint(item, &mut push);
    if item.materials.is_empty() {
        push(
            "code =",
            "the item has no materials: add at least one [[materials]] table".into(),
        );
    }

    // Questions: unique ids, options for choices, and which are used.
    let questions = all_questions(item);
    let mut seen = BTreeSet::new();
    for q in &item.questions {
        if q.id == SUB_ITEM {
            push(
                &format!("id = \"{}\"", q.id),
                format!("\"{SUB_ITEM}\" is reserved for the sub-item question"),
            );
        }
        if !seen.insert(q.id.as_str()) {
            push(
                &format!("id = \"{}\"", q.id),
                format!("question id \"{}\" is used twice", q.id),
            );
        }
        if q.fact.is_some() && q.kind != QuestionKind::YesNo {
            push(
                &format!("id = \"{}\"", q.id),
                format!("question \"{}\" records a fact, so it must be yes_no", q.id),
            );
        }
        if let Some(fact) = q.fact {
            if item
                .fact_question(fact)
                .is_some_and(|first| first.id != q.id)
            {
                push(
                    &format!("id = \"{}\"", q.id),
                    format!(
                        "question \"{}\" records a fact another question already records",
                        q.id
                    ),
                );
            }
        }
        if q.kind == QuestionKind::Choice && q.options.len() < 2 {
            push(
                &format!("id = \"{}\"", q.id),
                format!("choice question \"{}\" needs at least two options", q.id),
            );
        }
    }
    let mut sub_ids = BTreeSet::new();
    for s in &item.sub_items {
        if !sub_ids.insert(s.id.as_str()) {
            push(
                &format!("id = \"{}\"", s.id),
                format!("sub-item id \"{}\" is used twice", s.id),
            );
        }
    }

    // Every condition, with where it sits.
    let mut conditions: Vec<(String, &Condition)> = Vec::new();
    for q in &item.questions {
        if let Some(c) = &q.when {
            conditions.push((q.id.clone(), c));
        }
    }
    for m in &item.materials {
        if let Some(c) = &m.when {
            conditions.push((m.id.clone(), c));
        }
        for e in &m.exempt {
            conditions.push((m.id.clone(), &e.when));
        }
    }
    for r in &item.not_acceptable {
        conditions.push((r.reason.clone(), &r.when));
    }
    for r in &item.routing {
        conditions.push(("routing".into(), &r.when));
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    for (owner, c) in &conditions {
        for p in c.check() {
            // Point at the offending operator as written, e.g. "regex".
            let needle = p
                .split('"')
                .nth(1)
                .map_or(format!("id = \"{owner}\""), |op| format!("\"{op}\""));
            push(&needle, format!("condition of \"{owner}\": {p}"));
        }
        for q in c.questions() {
            if !questions.iter().any(|x| x.id == q) {
                push(&format!("\"{q}\""), format!("condition of \"{owner}\" reads \"{q}\", which is not a question of this item"));
            }
            used.insert(q);
        }
        for (q, value) in c.comparisons() {
            let Some(question) = questions.iter().find(|x| x.id == q) else {
                continue;
            };
            let fits = match question.kind {
                QuestionKind::Choice => value
                    .as_str()
                    .is_some_and(|v| question.options.iter().any(|o| o.value == v)),
                QuestionKind::YesNo => value.is_boolean(),
                QuestionKind::Number => value.is_number(),
                QuestionKind::Date => value.is_string(),
            };
            if !fits {
                push(&format!("id = \"{owner}\""), format!(
                    "condition of \"{owner}\" compares \"{q}\" with {value}, which is not one of its answers: it can never hold"
                ));
            }
        }
        if c.0 == Value::Bool(false) {
            push(
                &format!("id = \"{owner}\""),
                format!("\"{owner}\" has the condition false: it can never apply"),
            );
        }
    }

    // Materials.
    let mut ids = BTreeSet::new();
    for m in &item.materials {
        let here = format!("id = \"{}\"", m.id);
        if !ids.insert(m.id.as_str()) {
            push(
                &here,
                format!(
                    "material id \"{}\" is used twice in this item: material ids must be unique",
                    m.id
                ),
            );
        }
        if m.copies == 0 {
            push(
                &here,
                format!("material \"{}\" has copies = 0: use at least 1", m.id),
            );
        }
        match (m.requirement, &m.when) {
            (Requirement::Conditional, None) if m.sub_items.is_empty() => push(&here, format!(
                "material \"{}\" is conditional but has no `when`: say in which situation it applies",
                m.id
            )),
            (Requirement::Always, Some(_)) => push(&here, format!(
                "material \"{}\" is always required but has a `when`: use requirement = \"conditional\"",
                m.id
            )),
            _ => {}
        }
        for s in &m.sub_items {
            if !sub_ids.contains(s.as_str()) {
                push(
                    &here,
                    format!(
                        "material \"{}\" names sub-item \"{s}\", which the item does not have",
                        m.id
                    ),
                );
            }
        }
        if let Some(per) = &m.per {
            used.insert(per.clone());
            if !questions
                .iter()
                .any(|q| &q.id == per && q.kind == QuestionKind::Number)
            {
                push(
                    &here,
                    format!(
                        "material \"{}\" is per \"{per}\", which is not a number question",
                        m.id
                    ),
                );
            }
        }
        if m.tolerated.is_some_and(|t| t.supply_days == 0) {
            push(
                &here,
                format!(
                    "material \"{}\" is tolerated with supply_days = 0: allow at least 1",
                    m.id
                ),
            );
        }
        if m.alternatives.len() == 1 {
            push(
                &here,
                format!(
                    "material \"{}\" has a single alternative: list two or more, or none",
                    m.id
                ),
            );
        }
    }
    if !item.sub_items.is_empty() {
        used.insert(SUB_ITEM.to_string());
    }
    for q in &item.questions {
        if !used.contains(&q.id) {
            push(
                &format!("id = \"{}\"", q.id),
                format!(
                    "question \"{}\" is asked but no condition uses its answer",
                    q.id
                ),
            );
        }
    }

    // Refusals.
    for r in &item.not_acceptable {
        if r.legal_basis.trim().is_empty() {
            push(
                &r.reason,
                format!("not-acceptable rule \"{}\" has no legal_basis", r.reason),
            );
        }
        if r.when.0 == Value::Bool(true) {
            push(
                &r.reason,
                format!(
                    "not-acceptable rule \"{}\" always holds: it would refuse every application",
                    r.reason
                ),
            );
        }
    }
    for (i, a) in item.not_acceptable.iter().enumerate() {
        for b in &item.not_acceptable[i + 1..] {
            let negates = |x: &Condition, y: &Condition| x.0.get("!") == Some(&y.0);
            if negates(&a.when, &b.when) || negates(&b.when, &a.when) {
                push(&b.reason, format!(
                    "not-acceptable rules \"{}\" and \"{}\" contradict each other: together they refuse every application",
                    a.reason, b.reason
                ));
            }
        }
    }
}

/// Checks the bundles against the items.
pub(super) fn bundles(
    bundles: &[(&SourceFile, Bundle)],
    items: &[(&SourceFile, ServiceItem)],
    problems: &mut Vec<Diagnostic>,
) {
    let find = |code: &str| items.iter().map(|(_, i)| i).find(|i| i.code == code);
    let mut codes = BTreeSet::new();
    for (file, b) in bundles {
        let mut push = |needle: &str, message: String| problems.push(at(file, needle, message));
        if !codes.insert(b.code.as_str()) || find(&b.code).is_some() {
            push(
                "code =",
                format!("bundle code \"{}\" is already used", b.code),
            );
        }
        if b.items.len() < 2 {
            push("items", "a bundle needs at least two items".into());
        }
        for code in &b.items {
            if find(code).is_none() {
                push(
                    &format!("\"{code}\""),
                    format!("bundle names item \"{code}\", which the catalogue does not have"),
                );
            }
        }
        for s in &b.shared {
            if s.covers.len() < 2 {
                push(
                    &format!("id = \"{}\"", s.id),
                    format!(
                        "shared material \"{}\" covers fewer than two materials",
                        s.id
                    ),
                );
            }
            for cover in &s.covers {
                let ok = cover.split_once('/').is_some_and(|(code, m)| {
                    b.items.iter().any(|c| c == code)
                        && find(code).is_some_and(|i| i.materials.iter().any(|x| x.id == m))
                });
                if !ok {
                    push(&format!("\"{cover}\""), format!(
                        "shared material \"{}\" covers \"{cover}\", which is not ITEM/material of an item in this bundle",
                        s.id
                    ));
                }
            }
        }
        let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for d in &b.order {
            for code in [&d.first, &d.then] {
                if !b.items.contains(code) {
                    push(
                        &format!("\"{code}\""),
                        format!("order names \"{code}\", which is not an item of this bundle"),
                    );
                }
            }
            if let Some(m) = &d.material {
                if !find(&d.then).is_some_and(|i| i.materials.iter().any(|x| &x.id == m)) {
                    push(
                        &format!("\"{m}\""),
                        format!(
                        "order says {}'s result provides \"{m}\", which is not a material of {}",
                        d.first, d.then
                    ),
                    );
                }
            }
            if d.tolerated && d.material.is_none() {
                push("tolerated = true", format!(
                    "{} may start on tolerated terms only if the order names the material {}'s result provides (material = \"…\")",
                    d.then, d.first
                ));
            }
            edges
                .entry(d.first.as_str())
                .or_default()
                .push(d.then.as_str());
        }
        if let Some(cycle) = find_cycle(&edges) {
            push(
                "[[order]]",
                format!("the order has a cycle: {}", cycle.join(" → ")),
            );
        }
    }
}

/// A cycle in the "first → then" graph, if there is one.
fn find_cycle<'a>(edges: &BTreeMap<&'a str, Vec<&'a str>>) -> Option<Vec<&'a str>> {
    fn visit<'a>(
        node: &'a str,
        edges: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<&'a str>> {
        if let Some(pos) = path.iter().position(|n| *n == node) {
            let mut cycle = path[pos..].to_vec();
            cycle.push(node);
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|start| visit(start, edges, &mut Vec::new(), &mut done))
}
