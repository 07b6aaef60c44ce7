//! The notices' template language: a small, strict subset of Jinja.
//!
//! `{{ a.b }}` prints a value, HTML-escaped (always: there is no way to print raw HTML
//! from case data); `{% if a.b %}…{% else %}…{% endif %}`; `{% for x in a.list %}…{% endfor %}`
//! with `loop.index` (1-based); `{# comments #}`. A path that the data does not have is
//! an error, and [`Template::check`] finds such paths before any case is printed.
//!
//! Why not minijinja: measured on wasm32 (opt-level "z", LTO, `wasm-opt -Oz`), minijinja 2
//! adds 250 KB raw / 85 KB brotli without its builtins (145 KB with them), about as much as
//! the whole app. The notices need substitution, conditions and lists, which fit here.

use serde_json::Value;
use std::fmt::Write;

/// A parsed template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    nodes: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    Var {
        path: String,
        line: usize,
    },
    If {
        path: String,
        line: usize,
        then: Vec<Node>,
        otherwise: Vec<Node>,
    },
    For {
        name: String,
        path: String,
        line: usize,
        body: Vec<Node>,
    },
}

/// A problem in a template or in rendering it, with the template line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// 1-based line in the template.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// An open block while parsing: its tag, its line, its nodes so far, and its else-nodes
/// once `else` is seen.
type OpenBlock = (Tag, usize, Vec<Node>, Option<Vec<Node>>);

enum Tag {
    If(String),
    Else,
    EndIf,
    For(String, String),
    EndFor,
}

impl Template {
    /// Parses `text`; the error names the line.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut rest = text;
        let mut line = 1;
        let mut stack: Vec<OpenBlock> = Vec::new();
        let mut top: Vec<Node> = Vec::new();
        let err = |line, message: String| TemplateError { line, message };
        macro_rules! current {
            () => {
                match stack.last_mut() {
                    Some((_, _, nodes, None)) => nodes,
                    Some((_, _, _, Some(otherwise))) => otherwise,
                    None => &mut top,
                }
            };
        }
        while !rest.is_empty() {
            let next = ["{{", "{%", "{#"].iter().filter_map(|m| rest.find(m)).min();
            let Some(start) = next else {
                current!().push(Node::Text(rest.to_string()));
                break;
            };
            if start > 0 {
                current!().push(Node::Text(rest[..start].to_string()));
                line += rest[..start].matches('\n').count();
            }
            let open = &rest[start..start + 2];
            let close = match open {
                "{{" => "}}",
                "{%" => "%}",
                _ => "#}",
            };
            let Some(len) = rest[start + 2..].find(close) else {
                return Err(err(
                    line,
                    format!("\"{open}\" is not closed with \"{close}\""),
                ));
            };
            let inner = rest[start + 2..start + 2 + len].trim();
            let tag_line = line;
            line += rest[start..start + 2 + len].matches('\n').count();
            rest = &rest[start + 2 + len + 2..];
            match open {
                "{{" => {
                    check_path(inner).map_err(|m| err(tag_line, m))?;
                    current!().push(Node::Var {
                        path: inner.to_string(),
                        line: tag_line,
                    });
                }
                "{%" => match parse_tag(inner).map_err(|m| err(tag_line, m))? {
                    tag @ (Tag::If(_) | Tag::For(..)) => {
                        stack.push((tag, tag_line, Vec::new(), None))
                    }
                    Tag::Else => match stack.last_mut() {
                        Some((Tag::If(_), _, _, otherwise @ None)) => *otherwise = Some(Vec::new()),
                        _ => return Err(err(tag_line, "\"else\" without an open \"if\"".into())),
                    },
                    Tag::EndIf => match stack.pop() {
                        Some((Tag::If(path), l, then, otherwise)) => current!().push(Node::If {
                            path,
                            line: l,
                            then,
                            otherwise: otherwise.unwrap_or_default(),
                        }),
                        _ => return Err(err(tag_line, "\"endif\" without an open \"if\"".into())),
                    },
                    Tag::EndFor => match stack.pop() {
                        Some((Tag::For(name, path), l, body, None)) => current!().push(Node::For {
                            name,
                            path,
                            line: l,
                            body,
                        }),
                        _ => {
                            return Err(err(tag_line, "\"endfor\" without an open \"for\"".into()))
                        }
                    },
                },
                _ => {}
            }
        }
        if let Some((tag, l, _, _)) = stack.last() {
            let what = if matches!(tag, Tag::If(_)) {
                "if"
            } else {
                "for"
            };
            return Err(err(*l, format!("\"{what}\" is never closed")));
        }
        Ok(Template { nodes: top })
    }

    /// Renders with `data`; a path the data lacks is an error naming it.
    pub fn render(&self, data: &Value) -> Result<String, TemplateError> {
        let mut out = String::new();
        render(&self.nodes, data, &mut Vec::new(), &mut out)?;
        Ok(out)
    }

    /// Every path the template reads that `sample` (a context with every field present and
    /// every list non-empty) does not have: the linter's check.
    pub fn check(&self, sample: &Value) -> Vec<TemplateError> {
        let mut problems = Vec::new();
        check(&self.nodes, sample, &mut Vec::new(), &mut problems);
        problems
    }
}

fn parse_tag(inner: &str) -> Result<Tag, String> {
    let words: Vec<&str> = inner.split_whitespace().collect();
    match words.as_slice() {
        ["if", path] => check_path(path).map(|()| Tag::If(path.to_string())),
        ["else"] => Ok(Tag::Else),
        ["endif"] => Ok(Tag::EndIf),
        ["for", name, "in", path] => {
            check_path(name)?;
            check_path(path)?;
            Ok(Tag::For(name.to_string(), path.to_string()))
        }
        ["endfor"] => Ok(Tag::EndFor),
        _ => Err(format!(
            "unknown tag \"{{% {inner} %}}\": use if/else/endif or for … in …/endfor"
        )),
    }
}

fn check_path(path: &str) -> Result<(), String> {
    let ok = !path.is_empty()
        && path
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    if ok {
        Ok(())
    } else {
        Err(format!("\"{path}\" is not a value name: use letters, digits, _ and dots, e.g. case.applicant.name"))
    }
}

type Scope = Vec<(String, Value)>;

fn lookup(path: &str, data: &Value, scope: &Scope) -> Option<Value> {
    let mut parts = path.split('.');
    let head = parts.next()?;
    let mut v = scope
        .iter()
        .rev()
        .find(|(n, _)| n == head)
        .map(|(_, v)| v.clone())
        .or_else(|| data.get(head).cloned())?;
    for p in parts {
        v = v.get(p)?.clone();
    }
    Some(v)
}

fn missing(path: &str, line: usize) -> TemplateError {
    TemplateError {
        line,
        message: format!("the notice has no value \"{path}\""),
    }
}

fn render(
    nodes: &[Node],
    data: &Value,
    scope: &mut Scope,
    out: &mut String,
) -> Result<(), TemplateError> {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Var { path, line } => {
                let v = lookup(path, data, scope).ok_or_else(|| missing(path, *line))?;
                escape_into(&display(&v), out);
            }
            Node::If {
                path,
                line,
                then,
                otherwise,
            } => {
                let v = lookup(path, data, scope).ok_or_else(|| missing(path, *line))?;
                let branch = if crate::condition::truthy(&v) {
                    then
                } else {
                    otherwise
                };
                render(branch, data, scope, out)?;
            }
            Node::For {
                name,
                path,
                line,
                body,
            } => {
                let v = lookup(path, data, scope).ok_or_else(|| missing(path, *line))?;
                let Value::Array(list) = v else {
                    return Err(TemplateError {
                        line: *line,
                        message: format!("\"{path}\" is not a list"),
                    });
                };
                for (i, item) in list.into_iter().enumerate() {
                    scope.push(("loop".into(), serde_json::json!({ "index": i + 1 })));
                    scope.push((name.clone(), item));
                    let r = render(body, data, scope, out);
                    scope.truncate(scope.len() - 2);
                    r?;
                }
            }
        }
    }
    Ok(())
}

fn check(nodes: &[Node], data: &Value, scope: &mut Scope, problems: &mut Vec<TemplateError>) {
    for node in nodes {
        match node {
            Node::Text(_) => {}
            Node::Var { path, line } => {
                if lookup(path, data, scope).is_none() {
                    problems.push(missing(path, *line));
                }
            }
            Node::If {
                path,
                line,
                then,
                otherwise,
            } => {
                if lookup(path, data, scope).is_none() {
                    problems.push(missing(path, *line));
                }
                check(then, data, scope, problems);
                check(otherwise, data, scope, problems);
            }
            Node::For {
                name,
                path,
                line,
                body,
            } => match lookup(path, data, scope) {
                Some(Value::Array(list)) => {
                    scope.push(("loop".into(), serde_json::json!({ "index": 1 })));
                    scope.push((name.clone(), list.first().cloned().unwrap_or(Value::Null)));
                    check(body, data, scope, problems);
                    scope.truncate(scope.len() - 2);
                }
                Some(_) => problems.push(TemplateError {
                    line: *line,
                    message: format!("\"{path}\" is not a list"),
                }),
                None => problems.push(missing(path, *line)),
            },
        }
    }
}

fn display(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(list) => list.iter().map(display).collect::<Vec<_>>().join("、"),
        other => other.to_string(),
    }
}

/// HTML-escapes `text` into `out`.
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => {
                let _ = out.write_char(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_lists_and_conditions_render_escaped() {
        let t = Template::parse(
            "<p>{{ applicant.name }}</p>{# a comment #}\n{% for g in gaps %}<li>{{ loop.index }}. {{ g.name }}</li>{% endfor %}\
             {% if tolerated %}容缺{% else %}无容缺{% endif %}",
        )
        .unwrap();
        let data = json!({
            "applicant": { "name": "<script>alert(1)</script>" },
            "gaps": [ { "name": "申请书" }, { "name": "营业执照" } ],
            "tolerated": []
        });
        assert_eq!(
            t.render(&data).unwrap(),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<li>1. 申请书</li><li>2. 营业执照</li>无容缺"
        );
    }

    #[test]
    fn template_mistakes_name_their_line() {
        let e = |text: &str| Template::parse(text).unwrap_err().to_string();
        assert_eq!(e("a\n{% if x %}b"), "line 2: \"if\" is never closed");
        assert_eq!(e("{{ applicant name }}"), "line 1: \"applicant name\" is not a value name: use letters, digits, _ and dots, e.g. case.applicant.name");
        assert_eq!(
            e("\n\n{% endfor %}"),
            "line 3: \"endfor\" without an open \"for\""
        );
        assert_eq!(
            e("{% include x %}"),
            "line 1: unknown tag \"{% include x %}\": use if/else/endif or for … in …/endfor"
        );
        assert_eq!(e("{{ x "), "line 1: \"{{\" is not closed with \"}}\"");
    }

    #[test]
    fn the_check_finds_values_the_case_does_not_have() {
        let t = Template::parse(
            "{{ item.name }}\n{% for g in gaps %}{{ g.reason }}{% endfor %}\n{{ fee }}",
        )
        .unwrap();
        let sample = json!({ "item": { "name": "x" }, "gaps": [ { "name": "y" } ] });
        let problems: Vec<String> = t.check(&sample).iter().map(|p| p.to_string()).collect();
        assert_eq!(
            problems,
            [
                "line 2: the notice has no value \"g.reason\"",
                "line 3: the notice has no value \"fee\""
            ]
        );
        assert!(t.render(&sample).is_err());
    }
}
