//! Conditions: a small, checked subset of JsonLogic (<https://jsonlogic.com>) over the
//! answers to situation questions, keyed by question id.
//!
//! Why not a JsonLogic crate: measured on wasm32 with opt-level "z", LTO and
//! `wasm-opt -Oz`, datalogic-rs 5.4 adds 803 KB raw / 128 KB brotli to a bundle and
//! jsonlogic-rs 0.5 adds 100 KB / 40 KB — more than the whole app. The guides need only
//! comparisons and logic over flat answers, which this evaluator covers in a few KB,
//! and it can say which answers decided a condition (the "why" of a checklist line).
//!
//! Supported: `var` (with an optional default), `==`, `!=`, `===`, `!==`, `!`, `!!`,
//! `and`, `or`, `if`, `<`, `<=`, `>`, `>=`, `in`, `+`, `-`. Anything else is refused by
//! [`Condition::check`] when the catalogue is loaded, never at evaluation time.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The answers given so far: question id → value (true/false, a choice's value, a
/// number, or a date as "YYYY-MM-DD").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Value>);

impl Answers {
    /// No answers yet.
    pub fn new() -> Answers {
        Answers::default()
    }

    /// Adds or replaces an answer (builder style, for tests and callers).
    pub fn with(mut self, question: &str, value: impl Into<Value>) -> Answers {
        self.0.insert(question.to_string(), value.into());
        self
    }

    /// The answer to `question`, if given.
    pub fn get(&self, question: &str) -> Option<&Value> {
        self.0.get(question)
    }
}

/// A JsonLogic expression as written in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Condition(pub Value);

const OPERATORS: &[&str] = &[
    "var", "==", "!=", "===", "!==", "!", "!!", "and", "or", "if", "<", "<=", ">", ">=", "in", "+",
    "-",
];

impl Condition {
    /// Whether the condition holds for `answers` (JsonLogic truthiness).
    pub fn holds(&self, answers: &Answers) -> bool {
        truthy(&eval(&self.0, answers))
    }

    /// Checks that every operator is supported and every `var` names a question;
    /// returns the problems in plain words.
    pub fn check(&self) -> Vec<String> {
        let mut problems = Vec::new();
        walk(&self.0, &mut |op, args| {
            if !OPERATORS.contains(&op) {
                problems.push(format!(
                    "unknown operator \"{op}\" (supported: {})",
                    OPERATORS.join(" ")
                ));
            } else if op == "var" && !matches!(first(args), Value::String(_)) {
                problems.push("\"var\" needs a question id as a string".to_string());
            }
        });
        problems
    }

    /// The question ids the condition reads.
    pub fn questions(&self) -> Vec<String> {
        let mut out = Vec::new();
        walk(&self.0, &mut |op, args| {
            if let ("var", Value::String(id)) = (op, first(args)) {
                if !out.contains(id) {
                    out.push(id.clone());
                }
            }
        });
        out
    }

    /// Literal values compared with a question by `==`/`!=`/`===`/`!==`/`in`, as
    /// (question id, value): the linter checks them against the question's options.
    pub fn comparisons(&self) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        walk(&self.0, &mut |op, args| {
            if !matches!(op, "==" | "!=" | "===" | "!==" | "in") {
                return;
            }
            let Value::Array(pair) = args else { return };
            if let [a, b] = pair.as_slice() {
                for (v, lit) in [(a, b), (b, a)] {
                    if let Some(id) = var_name(v) {
                        match lit {
                            Value::Array(list) if op == "in" => {
                                out.extend(list.iter().map(|x| (id.clone(), x.clone())))
                            }
                            Value::Object(_) => {}
                            other => out.push((id.clone(), other.clone())),
                        }
                    }
                }
            }
        });
        out
    }

    /// Every literal a question is compared with, by any comparison (`==`, `<`, `in` …),
    /// as (question id, value): the values worth trying when searching the situations.
    pub fn literals(&self) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        walk(&self.0, &mut |op, args| {
            if !matches!(
                op,
                "==" | "!=" | "===" | "!==" | "in" | "<" | "<=" | ">" | ">="
            ) {
                return;
            }
            let Value::Array(list) = args else { return };
            for v in list {
                let Some(id) = var_name(v) else { continue };
                for lit in list.iter().filter(|x| var_name(x).is_none()) {
                    match lit {
                        Value::Array(items) => {
                            out.extend(items.iter().map(|x| (id.clone(), x.clone())))
                        }
                        Value::Object(_) => {}
                        other => out.push((id.clone(), other.clone())),
                    }
                }
            }
        });
        out
    }

    /// The answers this condition read, as (question id, answer or null): the "why".
    pub fn explain(&self, answers: &Answers) -> Vec<(String, Value)> {
        self.questions()
            .into_iter()
            .map(|q| {
                let v = answers.get(&q).cloned().unwrap_or(Value::Null);
                (q, v)
            })
            .collect()
    }
}

/// Calls `f(operator, arguments)` for every operation in `v`.
fn walk(v: &Value, f: &mut dyn FnMut(&str, &Value)) {
    match v {
        Value::Object(map) if map.len() == 1 => {
            for (op, args) in map {
                f(op, args);
                walk(args, f);
            }
        }
        Value::Array(list) => list.iter().for_each(|x| walk(x, f)),
        _ => {}
    }
}

fn first(args: &Value) -> &Value {
    match args {
        Value::Array(list) => list.first().unwrap_or(&Value::Null),
        other => other,
    }
}

fn var_name(v: &Value) -> Option<String> {
    match v.as_object()?.get("var")? {
        Value::String(s) => Some(s.clone()),
        Value::Array(l) => l.first()?.as_str().map(str::to_string),
        _ => None,
    }
}

/// Arguments as a list (JsonLogic allows a single argument without the array).
fn args_of(args: &Value) -> Vec<&Value> {
    match args {
        Value::Array(list) => list.iter().collect(),
        other => vec![other],
    }
}

fn eval(v: &Value, answers: &Answers) -> Value {
    let Value::Object(map) = v else {
        return v.clone();
    };
    let Some((op, args)) = map.iter().next().filter(|_| map.len() == 1) else {
        return v.clone();
    };
    let args = args_of(args);
    let arg = |i: usize| args.get(i).map_or(Value::Null, |a| eval(a, answers));
    match op.as_str() {
        "var" => {
            let name = arg(0);
            let key = name.as_str().unwrap_or("");
            answers
                .get(key)
                .cloned()
                .filter(|v| !v.is_null())
                .unwrap_or_else(|| arg(1))
        }
        "==" => Value::Bool(loose_eq(&arg(0), &arg(1))),
        "!=" => Value::Bool(!loose_eq(&arg(0), &arg(1))),
        "===" => Value::Bool(arg(0) == arg(1)),
        "!==" => Value::Bool(arg(0) != arg(1)),
        "!" => Value::Bool(!truthy(&arg(0))),
        "!!" => Value::Bool(truthy(&arg(0))),
        "and" => {
            let mut last = Value::Bool(true);
            for a in &args {
                last = eval(a, answers);
                if !truthy(&last) {
                    break;
                }
            }
            last
        }
        "or" => {
            let mut last = Value::Bool(false);
            for a in &args {
                last = eval(a, answers);
                if truthy(&last) {
                    break;
                }
            }
            last
        }
        "if" => {
            let mut i = 0;
            while i + 1 < args.len() {
                if truthy(&eval(args[i], answers)) {
                    return eval(args[i + 1], answers);
                }
                i += 2;
            }
            if i < args.len() {
                eval(args[i], answers)
            } else {
                Value::Null
            }
        }
        "<" | "<=" | ">" | ">=" => {
            let (a, b) = (arg(0), arg(1));
            let ordered = match (number(&a), number(&b)) {
                (Some(x), Some(y)) => x.partial_cmp(&y),
                // Dates as YYYY-MM-DD strings compare correctly as text.
                _ => match (a.as_str(), b.as_str()) {
                    (Some(x), Some(y)) => Some(x.cmp(y)),
                    _ => None,
                },
            };
            Value::Bool(ordered.is_some_and(|o| match op.as_str() {
                "<" => o.is_lt(),
                "<=" => o.is_le(),
                ">" => o.is_gt(),
                _ => o.is_ge(),
            }))
        }
        "in" => {
            let (needle, hay) = (arg(0), arg(1));
            Value::Bool(match &hay {
                Value::Array(list) => list.iter().any(|x| loose_eq(x, &needle)),
                Value::String(s) => needle.as_str().is_some_and(|n| s.contains(n)),
                _ => false,
            })
        }
        "+" => Value::from(
            args.iter()
                .filter_map(|a| number(&eval(a, answers)))
                .sum::<f64>(),
        ),
        "-" => match (number(&arg(0)), number(&arg(1))) {
            (Some(a), Some(b)) if args.len() > 1 => Value::from(a - b),
            (Some(a), _) => Value::from(-a),
            _ => Value::Null,
        },
        _ => Value::Null,
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        _ => None,
    }
}

fn loose_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Null, _) | (_, Value::Null) => false,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        },
    }
}

/// JsonLogic truthiness: false, null, 0, "" and [] are false.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(rule: Value, answers: &Answers, expect: bool) {
        assert_eq!(Condition(rule.clone()).holds(answers), expect, "{rule}");
    }

    #[test]
    fn conditions_over_answers() {
        let a = Answers::new()
            .with("applicant_type", "company")
            .with("agent", true)
            .with("age", 82)
            .with("family_members", 3)
            .with("opened_on", "2026-03-01");
        check(
            json!({"==": [{"var": "applicant_type"}, "company"]}),
            &a,
            true,
        );
        check(
            json!({"!=": [{"var": "applicant_type"}, "company"]}),
            &a,
            false,
        );
        check(json!({"var": "agent"}), &a, true);
        check(json!({"!": {"var": "agent"}}), &a, false);
        check(
            json!({"and": [{"var": "agent"}, {">=": [{"var": "age"}, 80]}]}),
            &a,
            true,
        );
        check(
            json!({"or": [{"var": "unanswered"}, {"<": [{"var": "age"}, 60]}]}),
            &a,
            false,
        );
        check(
            json!({"in": [{"var": "applicant_type"}, ["company", "individual_business"]]}),
            &a,
            true,
        );
        check(json!({">": [{"var": "family_members"}, 1]}), &a, true);
        check(json!({"<": [{"var": "opened_on"}, "2026-06-01"]}), &a, true);
        check(
            json!({"if": [{"var": "agent"}, {"==": [{"var": "age"}, 82]}, false]}),
            &a,
            true,
        );
        // An unanswered question is null: a condition on it does not hold, unless defaulted.
        check(json!({"==": [{"var": "spouse"}, true]}), &a, false);
        check(json!({"var": ["spouse", true]}), &a, true);
        check(json!(true), &a, true);
        check(json!({"==": [{"var": "age"}, "82"]}), &a, true);
        check(json!({"===": [{"var": "age"}, "82"]}), &a, false);
    }

    #[test]
    fn the_checker_names_unsupported_operators_and_the_questions_read() {
        let c = Condition(
            json!({"and": [{"var": "agent"}, {"regex": ["a", "b"]}, {"==": [{"var": "kind"}, "new"]}]}),
        );
        assert_eq!(c.check(), ["unknown operator \"regex\" (supported: var == != === !== ! !! and or if < <= > >= in + -)"]);
        assert_eq!(c.questions(), ["agent", "kind"]);
        assert_eq!(c.comparisons(), [("kind".to_string(), json!("new"))]);
        let a = Answers::new().with("agent", true);
        assert_eq!(
            c.explain(&a),
            [
                ("agent".to_string(), json!(true)),
                ("kind".to_string(), Value::Null)
            ]
        );
    }
}
