//! `/desk/consult/:code`: the guidance desk's consultation (导办咨询) on one page — every
//! situation question of the item (follow-ups appear in place), the material list beside
//! them updated with each answer by the core, materials still to confirm while questions
//! are open; the 一次性告知单 printed to take home (and the consultation counted); a
//! question the desk cannot answer sent to the item's back office, whose answer comes back
//! here. [`EnquiryInbox`] is the back office's side, on its workbench.

use crate::catalog_state::CatalogContext;
use crate::components::CatalogGate;
use crate::desk_api;
use crate::pages::apply::checklist_step::why_text;
use crate::text::{consult_text, t};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use onewindow_core::catalog::{Published, Question, QuestionKind, ServiceItem};
use onewindow_core::checklist::{checklist, relevant_questions, Checklist};
use onewindow_core::condition::Answers;
use onewindow_core::outcome::bring;
use serde_json::{json, Value};

/// The page.
#[component]
pub fn ConsultPage() -> impl IntoView {
    let CatalogContext(status) = expect_context();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    view! {
        <super::ClerkGate>
            <CatalogGate status=status needs=Signal::derive(move || vec![code()]) let:loaded>
                {
                    let catalog = loaded.catalog.clone();
                    move || match catalog.item(&code()) {
                        Some(item) => view! { <Consultation item=item.clone()/> }.into_any(),
                        None => view! { <p role="alert">{t().item_not_found}</p> }.into_any(),
                    }
                }
            </CatalogGate>
        </super::ClerkGate>
    }
}

fn minute(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// One consultation.
#[component]
fn Consultation(item: ServiceItem) -> impl IntoView {
    let c = consult_text();
    let item = StoredValue::new(item);
    let answers = RwSignal::new(Answers::new());
    // The core decides what applies; the page only shows it.
    let list = Memo::new(move |_| item.with_value(|i| checklist(i, &answers.get())));
    let questions = Memo::new(move |_| item.with_value(|i| relevant_questions(i, &answers.get())));
    let counted = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let print = move |_| {
        let code = item.with_value(|i| i.code.clone());
        leptos::task::spawn_local(async move {
            if !counted.get_untracked() {
                match desk_api::record_consultation(&code).await {
                    Ok(_) => counted.set(true),
                    Err(e) => error.set(Some(e.message)),
                }
            }
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        });
    };
    view! {
        <div class="consult">
            <h1 class="no-print">{(c.heading)(&item.with_value(|i| i.name.clone()))}</h1>
            <p class="lead no-print">{c.intro}</p>
            {move || error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
            {move || counted.get().then(|| view! { <p class="banner banner-success no-print" role="status">{c.counted}</p> })}
            <div class="consult-grid no-print">
                <section class="panel" aria-labelledby="consult-questions">
                    <h2 id="consult-questions">{c.questions_heading}</h2>
                    <For each=move || questions.get() key=|q| q.id.clone() let:q>
                        <QuestionField question=q answers=answers/>
                    </For>
                </section>
                <section class="panel consult-list" aria-labelledby="consult-list">
                    <h2 id="consult-list">{c.list_heading}</h2>
                    <p class="visually-hidden" role="status">{move || list.with(|l| (c.list_now)(l.entries.len(), l.to_confirm.len()))}</p>
                    {move || list.with(|l| item.with_value(|i| list_view(i, l)))}
                    <p><button type="button" class="button-start" on:click=print>{c.print}</button></p>
                </section>
            </div>
            <div class="print-only one-time-notice">
                {move || list.with(|l| item.with_value(|i| printed(i, l)))}
            </div>
            <AskBackOffice code=item.with_value(|i| i.code.clone())/>
        </div>
    }
}

/// One question as a form control; its answer goes into `answers`.
#[component]
fn QuestionField(question: Question, answers: RwSignal<Answers>) -> impl IntoView {
    let qid = question.id.clone();
    let set = {
        let qid = qid.clone();
        move |v: Option<Value>| {
            answers.update(|a| {
                match v {
                    Some(v) => a.0.insert(qid.clone(), v),
                    None => a.0.remove(&qid),
                };
            })
        }
    };
    let help =
        (!question.help.is_empty()).then(|| view! { <p class="hint">{question.help.clone()}</p> });
    match question.kind {
        QuestionKind::YesNo | QuestionKind::Choice => {
            let options: Vec<(Value, String)> = if question.kind == QuestionKind::YesNo {
                vec![
                    (json!(true), t().yes.to_string()),
                    (json!(false), t().no.to_string()),
                ]
            } else {
                question
                    .options
                    .iter()
                    .map(|o| (json!(o.value), o.label.clone()))
                    .collect()
            };
            let radios = options
                .into_iter()
                .enumerate()
                .map(|(n, (value, label))| {
                    let id = format!("c-{qid}-{n}");
                    let (qid, v2, set) = (qid.clone(), value.clone(), set.clone());
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name=format!("c-{qid}")
                                prop:checked=move || answers.with(|a| a.get(&qid) == Some(&value))
                                on:change=move |_| set(Some(v2.clone()))/>
                            <label for=id>{label}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="consult-q">
                    <legend>{question.text.clone()}</legend>
                    {help}
                    {radios}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Number | QuestionKind::Date => {
            let number = question.kind == QuestionKind::Number;
            let id = format!("c-{qid}");
            let shown = {
                let qid = qid.clone();
                move || {
                    answers.with(|a| match a.get(&qid) {
                        Some(Value::String(s)) => s.clone(),
                        Some(Value::Null) | None => String::new(),
                        Some(other) => other.to_string(),
                    })
                }
            };
            view! {
                <div class="consult-q field">
                    <label for=id.clone()>{question.text.clone()}</label>
                    {help}
                    <input id=id class="text-input narrow" type=if number { "number" } else { "date" } min="0"
                        prop:value=shown
                        on:input=move |ev| {
                            let raw = event_target_value(&ev);
                            let v = if number {
                                raw.trim().parse::<i64>().ok().filter(|n| *n >= 0).map(|n| json!(n))
                            } else {
                                (!raw.is_empty()).then(|| json!(raw))
                            };
                            set(v)
                        }/>
                </div>
            }
            .into_any()
        }
    }
}

/// The list beside the questions: what to bring and why, what is still to confirm, what
/// is not needed, and any reason it cannot be accepted.
fn list_view(item: &ServiceItem, l: &Checklist) -> impl IntoView {
    let c = consult_text();
    let question_text = |id: &str| {
        onewindow_core::checklist::all_questions(item)
            .into_iter()
            .find(|q| q.id == id)
            .map_or(id.to_string(), |q| q.text)
    };
    let entries = l
        .entries
        .iter()
        .map(|e| view! { <li><strong>{bring(e)}</strong><div class="note">{why_text(item, &e.why)}</div></li> })
        .collect_view();
    let to_confirm = (!l.to_confirm.is_empty()).then(|| {
        let lines = l
            .to_confirm
            .iter()
            .map(|m| {
                let on: Vec<String> = m.questions.iter().map(|q| question_text(q)).collect();
                view! { <li>{m.name.clone()}<div class="note">{c.depends_on}{on.join("；")}</div></li> }
            })
            .collect_view();
        view! { <h3>{c.to_confirm_heading}</h3><ul class="to-confirm">{lines}</ul> }
    });
    let exempted = (!l.exempted.is_empty()).then(|| {
        let lines = l
            .exempted
            .iter()
            .map(|e| view! { <li>{format!("{}：{}", e.name, e.reason)}</li> })
            .collect_view();
        view! { <h3>{c.exempted_heading}</h3><ul>{lines}</ul> }
    });
    let refused = (!l.refusals.is_empty()).then(|| {
        let lines = l.refusals.iter().map(|r| view! { <li>{r.reason.clone()}</li> }).collect_view();
        view! { <div class="banner banner-error"><h3>{c.refused_heading}</h3><ul>{lines}</ul></div> }
    });
    view! {
        {refused}
        <ol class="consult-materials">{entries}</ol>
        {to_confirm}
        {exempted}
    }
}

/// The 一次性告知单 as printed: the list with reasons, where and when, telephones.
fn printed(item: &ServiceItem, l: &Checklist) -> impl IntoView {
    let c = consult_text();
    let shown = |p: &Published<String>| {
        p.value()
            .cloned()
            .unwrap_or_else(|| t().not_published.into())
    };
    let entries = l
        .entries
        .iter()
        .map(|e| view! { <li>{bring(e)}<span class="why">{format!("（{}）", why_text(item, &e.why))}</span></li> })
        .collect_view();
    let to_confirm = l
        .to_confirm
        .iter()
        .map(|m| view! { <li>{format!("{}（{}）", m.name, c.to_confirm_heading)}</li> })
        .collect_view();
    let places: Vec<String> = if item.places.is_empty() {
        vec![format!("{}（{}）", l.window, l.handling_body)]
    } else {
        item.places
            .iter()
            .map(|p| {
                let hours = p
                    .hours
                    .value()
                    .map_or(t().not_published.to_string(), |h| h.join("；"));
                format!("{}　{}", p.name, hours)
            })
            .collect()
    };
    let phones: Vec<String> = [
        (t().enquiry_phone, &item.contacts.enquiry),
        (t().complaint_phone, &item.contacts.complaint),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}：{}", shown(v))))
    .collect();
    let today = crate::clock::today();
    view! {
        <h2 class="notice-title">{c.printed_title}</h2>
        <p><strong>{item.name.clone()}</strong></p>
        <h3>{c.list_heading}</h3>
        <ol>{entries}{to_confirm}</ol>
        <h3>{c.where_heading}</h3>
        <ul>{places.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
        {(!phones.is_empty()).then(|| view! { <h3>{c.phones_heading}</h3><p>{phones.join("　")}</p> })}
        <p class="printed-on">{c.printed_on}{today.format("%Y年%m月%d日").to_string()}</p>
    }
}

/// A question sent to the back office, and the answers that came back for this item.
#[component]
fn AskBackOffice(code: String) -> impl IntoView {
    let c = consult_text();
    let round = RwSignal::new(0u32);
    let text = RwSignal::new(String::new());
    let said = RwSignal::new(None::<Result<String, String>>);
    let code = StoredValue::new(code);
    let mine = LocalResource::new(move || {
        round.get();
        async move { desk_api::enquiries().await }
    });
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let question = text.get_untracked();
        let item = code.get_value();
        leptos::task::spawn_local(async move {
            match desk_api::ask_back_office(&item, &question).await {
                Ok(e) => {
                    said.set(Some(Ok((c.asked)(&e.department, &minute(e.due)))));
                    text.set(String::new());
                    round.update(|r| *r += 1);
                }
                Err(e) => said.set(Some(Err(e.message))),
            }
        });
    };
    view! {
        <section class="panel no-print" aria-labelledby="consult-ask">
            <h2 id="consult-ask">{c.ask_heading}</h2>
            <form on:submit=send>
                <div class="field">
                    <label for="consult-question">{c.ask_label}</label>
                    <p class="hint" id="consult-question-hint">{c.ask_hint}</p>
                    <textarea id="consult-question" class="text-input" rows="3" aria-describedby="consult-question-hint"
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="secondary">{c.ask_button}</button>
            </form>
            {move || said.get().map(|r| match r {
                Ok(m) => view! { <p class="banner banner-success" role="status">{m}</p> }.into_any(),
                Err(m) => view! { <p class="banner banner-error" role="alert">{m}</p> }.into_any(),
            })}
            <h3>{c.answers_heading}</h3>
            <button type="button" class="secondary" on:click=move |_| round.update(|r| *r += 1)>{c.refresh}</button>
            <Transition fallback=|| ()>
                {move || mine.get().map(|r| match r {
                    Err(e) => view! { <p class="banner banner-error" role="alert">{e.message}</p> }.into_any(),
                    Ok(list) => {
                        let code = code.get_value();
                        view! {
                            <ul class="plain-list enquiries">
                                {list.asked.into_iter().filter(|e| e.item == code).map(|e| view! {
                                    <li>
                                        <strong>{e.question.clone()}</strong>
                                        {e.late.then(|| view! { <span class="tag tag-warn">{c.late}</span> })}
                                        <div class="note">{match (&e.answer, &e.answered_by, e.answered_at) {
                                            (Some(a), Some(who), Some(at)) => format!("{}{a}", (c.answered)(who, &minute(at))),
                                            _ => (c.waiting)(&minute(e.due)),
                                        }}</div>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

/// The back office's side: questions from the guidance desk for its departments, each
/// answered here.
#[component]
pub fn EnquiryInbox() -> impl IntoView {
    let c = consult_text();
    let round = RwSignal::new(0u32);
    let said = RwSignal::new(None::<Result<String, String>>);
    let list = LocalResource::new(move || {
        round.get();
        async move { desk_api::enquiries().await }
    });
    view! {
        <section class="panel" aria-labelledby="inbox-heading">
            <h2 id="inbox-heading">{c.inbox_heading}</h2>
            {move || said.get().map(|r| match r {
                Ok(m) => view! { <p class="banner banner-success" role="status">{m}</p> }.into_any(),
                Err(m) => view! { <p class="banner banner-error" role="alert">{m}</p> }.into_any(),
            })}
            <Transition fallback=|| ()>
                {move || list.get().map(|r| match r {
                    Err(e) => view! { <p class="banner banner-error" role="alert">{e.message}</p> }.into_any(),
                    Ok(l) => {
                        let open: Vec<_> = l.to_answer.into_iter().filter(|e| e.answer.is_none()).collect();
                        if open.is_empty() {
                            return view! { <p>{c.inbox_empty}</p> }.into_any();
                        }
                        open.into_iter().map(|e| {
                            let text = RwSignal::new(String::new());
                            let id = e.id;
                            let field = format!("answer-{id}");
                            let submit = move |ev: leptos::ev::SubmitEvent| {
                                ev.prevent_default();
                                let answer = text.get_untracked();
                                leptos::task::spawn_local(async move {
                                    match desk_api::answer_enquiry(id, &answer).await {
                                        Ok(_) => {
                                            said.set(Some(Ok(c.answer_sent.to_string())));
                                            round.update(|r| *r += 1);
                                        }
                                        Err(e) => said.set(Some(Err(e.message))),
                                    }
                                });
                            };
                            view! {
                                <form class="enquiry" on:submit=submit>
                                    <p class="note">{(c.inbox_question)(&e.item_name, &e.asked_by, &minute(e.due))}
                                        {e.late.then(|| view! { " " <span class="tag tag-warn">{c.late}</span> })}</p>
                                    <p><strong>{e.question.clone()}</strong></p>
                                    <div class="field">
                                        <label for=field.clone()>{c.answer_label}</label>
                                        <textarea id=field class="text-input" rows="3"
                                            prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                                    </div>
                                    <button type="submit" class="secondary">{c.answer_button}</button>
                                </form>
                            }
                        }).collect_view().into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
