//! One situation question on its own page, with a way back.

use super::{step_url, Step};
use crate::components::ReadAloud;
use crate::draft_state::DraftHandle;
use crate::text::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use onewindow_core::catalog::{Question, QuestionKind, ServiceItem};
use onewindow_core::checklist::{next_question, previous_question};
use serde_json::Value;

/// The page of `question`.
#[component]
pub fn QuestionStep(handle: DraftHandle, item: ServiceItem, question: Question) -> impl IntoView {
    let qid = question.id.clone();
    let current = handle
        .draft
        .get_untracked()
        .and_then(|d| d.answers.get(&qid).cloned());
    let error = RwSignal::new(None::<&'static str>);
    let navigate = use_navigate();
    let at_desk = handle.draft.with_untracked(|d| {
        d.as_ref()
            .is_some_and(|d| d.channel == onewindow_core::submission::Channel::Desk)
    });
    let draft_id = handle
        .draft
        .get_untracked()
        .map(|d| d.id)
        .unwrap_or_default();
    // Every choice is saved at once, before "continue", so nothing is lost on a reload.
    let set_answer = {
        let qid = qid.clone();
        move |v: Value| {
            error.set(None);
            handle.edit(|d| {
                d.answers.0.insert(qid.clone(), v);
                d.step = Step::Question(qid.to_string()).to_string();
            });
        }
    };
    let back_href = {
        let answers = handle
            .draft
            .get_untracked()
            .map(|d| d.answers)
            .unwrap_or_default();
        match previous_question(&item, &answers, &qid) {
            Some(q) => step_url(&draft_id, &Step::Question(q.id.clone())),
            None => format!("/items/{}", item.code),
        }
    };
    let on_submit = {
        let (item, qid, draft_id) = (item.clone(), qid.clone(), draft_id.clone());
        let kind = question.kind;
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let answers = handle
                .draft
                .get_untracked()
                .map(|d| d.answers)
                .unwrap_or_default();
            let Some(answer) = answers.get(&qid).filter(|v| !v.is_null()) else {
                let problem = match kind {
                    QuestionKind::Number => t().enter_number,
                    QuestionKind::Date => t().enter_date,
                    _ => t().choose_one,
                };
                crate::speech::announce(problem);
                error.set(Some(problem));
                return;
            };
            let _ = answer;
            let next = next_question(&item, &answers, Some(&qid))
                .map_or(Step::Applicant, |q| Step::Question(q.id.clone()));
            handle.edit(|d| d.step = next.to_string());
            handle.save_now();
            navigate(&step_url(&draft_id, &next), Default::default());
        }
    };
    let input = match question.kind {
        QuestionKind::YesNo | QuestionKind::Choice => {
            let options: Vec<(Value, String)> = if question.kind == QuestionKind::YesNo {
                vec![
                    (Value::Bool(true), t().yes.to_string()),
                    (Value::Bool(false), t().no.to_string()),
                ]
            } else {
                question
                    .options
                    .iter()
                    .map(|o| (Value::String(o.value.clone()), o.label.clone()))
                    .collect()
            };
            options
                .into_iter()
                .enumerate()
                .map(|(i, (value, label))| {
                    let id = format!("{qid}-{i}");
                    let checked = current.as_ref() == Some(&value);
                    let set = set_answer.clone();
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name=qid.clone() prop:checked=checked
                                on:change=move |_| set(value.clone())/>
                            <label for=id>{label}</label>
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        }
        QuestionKind::Number | QuestionKind::Date => {
            let number = question.kind == QuestionKind::Number;
            let shown = current.as_ref().map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            let set = set_answer.clone();
            // A terminal types numbers and dates on its own keypad.
            let terminal = use_context::<crate::display::DisplayContext>()
                .is_some_and(|d| d.0.get_untracked().terminal);
            // An answer the core says does not fit (a date not complete) is no answer yet.
            let shape = question.clone();
            let parse = move |text: String| {
                let v = if text.trim().is_empty() {
                    Value::Null
                } else if number {
                    text.trim()
                        .parse::<u64>()
                        .map(Value::from)
                        .unwrap_or(Value::Null)
                } else {
                    Value::String(text.trim().to_string())
                };
                match onewindow_core::submission::answer_problem(&shape, &v) {
                    Some(_) => Value::Null,
                    None => v,
                }
            };
            let keypad = terminal.then(|| {
                let set = set_answer.clone();
                let parse = parse.clone();
                view! {
                    <crate::components::Keypad input=format!("{qid}-input") label=question.text.clone()
                        keys=if number { crate::components::Keys::Digits } else { crate::components::Keys::Date }
                        changed=Callback::new(move |t: String| set(parse(t)))/>
                }
            });
            view! {
                <input id=format!("{qid}-input") class="text-input narrow"
                    type=if number { "number" } else if terminal { "text" } else { "date" }
                    placeholder=(!number && terminal).then_some("YYYY-MM-DD")
                    inputmode=if terminal { "none" } else if number { "numeric" } else { "text" }
                    min=if number { Some("0") } else { None }
                    aria-describedby=format!("{qid}-help {qid}-error")
                    prop:value=shown.unwrap_or_default()
                    on:input=move |ev| set(parse(event_target_value(&ev)))/>
                {keypad}
            }
            .into_any()
        }
    };
    let is_group = matches!(question.kind, QuestionKind::YesNo | QuestionKind::Choice);
    // What is read aloud: the question, its help, and the choices.
    let spoken = {
        let choices: Vec<String> = match question.kind {
            QuestionKind::YesNo => vec![t().yes.to_string(), t().no.to_string()],
            QuestionKind::Choice => question.options.iter().map(|o| o.label.clone()).collect(),
            _ => vec![],
        };
        format!(
            "{}。{}。{}",
            question.text,
            question.help,
            choices.join("，")
        )
    };
    let heading = question.text.clone();
    let help = question.help.clone();
    let qid2 = qid.clone();
    view! {
        <p><a class="back-link" href=back_href>{t().back}</a></p>
        <form class="question" on:submit=on_submit novalidate>
            {move || error.get().map(|e| view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2>{t().error_summary}</h2>
                    <p><a href=format!("#{}-{}", qid2, if is_group { "0" } else { "input" })>{e}</a></p>
                </div>
            })}
            {if is_group {
                view! {
                    <fieldset aria-describedby=format!("{qid}-help {qid}-error")>
                        <legend><h1>{heading}</h1></legend>
                        <p class="hint" id=format!("{qid}-help")>{help}</p>
                        <p class="field-error" id=format!("{qid}-error") aria-live="polite">{move || error.get()}</p>
                        {input}
                    </fieldset>
                }.into_any()
            } else {
                view! {
                    <h1><label for=format!("{qid}-input")>{heading}</label></h1>
                    <p class="hint" id=format!("{qid}-help")>{help}</p>
                    <p class="field-error" id=format!("{qid}-error") aria-live="polite">{move || error.get()}</p>
                    {input}
                }.into_any()
            }}
            <p class="actions">
                <button type="submit">{t().continue_}</button>
                <ReadAloud text=spoken/>
            </p>
            // At the desk, ticking may start before every question is answered: papers whose
            // need waits on an open question are listed as 待确认.
            {at_desk.then(|| view! {
                <p><a href=step_url(&draft_id, &Step::Checklist) class="button secondary">{crate::text::desk().check_papers_first}</a></p>
            })}
        </form>
    }
}
