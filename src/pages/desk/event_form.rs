//! Moving a case on: one button per step the core's state machine allows now, and for the
//! chosen step the fields it must carry. The server checks the step again (and the case
//! version), so two clerks on one case cannot overwrite each other.

use crate::desk_api::DeskCase;
use crate::text::desk;
use leptos::prelude::*;
use serde_json::{json, Value};

/// The steps a clerk records here (the desk's own outcome steps are recorded at receipt).
const DESK_STEPS: [&str; 14] = [
    "handed_over",
    "accepted",
    "not_accepted",
    "correction_requested",
    "correction_received",
    "review_started",
    "special_procedure_started",
    "special_procedure_ended",
    "extended",
    "decided",
    "delivered",
    "evaluated",
    "tolerated_supplied",
    "archived",
];

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The fields of a step, as typed.
#[derive(Clone, Copy)]
struct Fields {
    text: RwSignal<String>,
    other: RwSignal<String>,
    date: RwSignal<String>,
    choice: RwSignal<String>,
    to: RwSignal<String>,
    note: RwSignal<String>,
}

/// The request body for step `name`, or what is missing.
fn body(name: &str, f: Fields, clerk: &str) -> Result<Value, String> {
    let text = f.text.get_untracked();
    let other = f.other.get_untracked();
    let need = |v: &str, what: &str| {
        if v.trim().is_empty() {
            Err(format!("{}{what}", desk().please_fill))
        } else {
            Ok(())
        }
    };
    let kind = match name {
        "accepted" => json!({ "type": "accepted", "tolerated": [] }),
        "not_accepted" => {
            need(&text, desk().field_reasons)?;
            json!({ "type": "not_accepted", "reasons": lines(&text) })
        }
        "correction_requested" => {
            need(&text, desk().field_corrections)?;
            json!({ "type": "correction_requested", "items": lines(&text) })
        }
        "special_procedure_started" => {
            need(&text, desk().field_procedure)?;
            need(&f.date.get_untracked(), desk().field_planned_end)?;
            json!({ "type": name, "procedure": text.trim(), "planned_end": f.date.get_untracked() })
        }
        "extended" => {
            need(&text, desk().field_extension_reason)?;
            need(&other, desk().field_approver)?;
            json!({ "type": name, "reason": text.trim(), "approver": other.trim() })
        }
        "decided" => {
            let approved = f.choice.get_untracked() != "denied";
            if !approved {
                need(&text, desk().field_denial_reasons)?;
            }
            json!({ "type": name, "approved": approved, "reasons": if approved { vec![] } else { lines(&text) } })
        }
        "delivered" => {
            let method = match f.choice.get_untracked().as_str() {
                "" => "window".to_string(),
                m => m.to_string(),
            };
            if method == "post" {
                need(&text, desk().field_tracking)?;
            }
            json!({ "type": name, "method": method, "tracking": (method == "post").then(|| text.trim().to_string()) })
        }
        "evaluated" => {
            let level: u8 = f.choice.get_untracked().parse().unwrap_or(0);
            if level == 0 {
                return Err(format!("{}{}", desk().please_fill, desk().field_level));
            }
            json!({ "type": name, "level": level, "comment": (!text.trim().is_empty()).then(|| text.trim().to_string()) })
        }
        "handed_over" => {
            need(&text, desk().field_department)?;
            need(&other, desk().field_handover_material)?;
            need(&f.to.get_untracked(), desk().field_receiver)?;
            let copies: u32 = f.choice.get_untracked().trim().parse().unwrap_or(0);
            if copies == 0 {
                return Err(format!("{}{}", desk().please_fill, desk().field_copies));
            }
            json!({ "type": name, "department": text.trim(), "material": other.trim(), "copies": copies,
                    "from": clerk, "to": f.to.get_untracked().trim() })
        }
        "tolerated_supplied" => {
            need(&f.choice.get_untracked(), desk().field_material)?;
            json!({ "type": name, "material": f.choice.get_untracked() })
        }
        other => json!({ "type": other }),
    };
    Ok(json!({ "kind": kind, "note": f.note.get_untracked() }))
}

fn text_area(
    id: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    value: RwSignal<String>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <p class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <span class="hint" id=hint_id.clone()>{h}</span> })}
            <textarea id=id rows="3" aria-describedby=hint.map(|_| hint_id.clone())
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        </p>
    }
}

fn text_input(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <p class="field">
            <label for=id>{label}</label>
            <input id=id type=kind prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </p>
    }
}

fn radios(
    name: &'static str,
    legend: &'static str,
    options: Vec<(String, String)>,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <fieldset class="radios">
            <legend>{legend}</legend>
            {options.into_iter().map(|(v, l)| {
                let id = format!("{name}-{v}");
                let v2 = v.clone();
                view! {
                    <div class="radio">
                        <input type="radio" id=id.clone() name=name value=v.clone()
                            prop:checked=move || value.get() == v on:change=move |_| value.set(v2.clone())/>
                        <label for=id>{l}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The fields step `name` needs.
fn fields_for(name: &str, case: &DeskCase, f: Fields) -> AnyView {
    let d = desk();
    match name {
        "not_accepted" => text_area("ev-text", d.field_reasons, Some(d.one_per_line), f.text).into_any(),
        "correction_requested" => text_area("ev-text", d.field_corrections, Some(d.corrections_hint), f.text).into_any(),
        "special_procedure_started" => view! {
            {text_input("ev-text", d.field_procedure, "text", f.text)}
            {text_input("ev-date", d.field_planned_end, "date", f.date)}
        }
        .into_any(),
        "extended" => view! {
            {text_area("ev-text", d.field_extension_reason, None, f.text)}
            {text_input("ev-other", d.field_approver, "text", f.other)}
        }
        .into_any(),
        "decided" => view! {
            {radios("ev-decision", d.field_decision, vec![("approved".into(), d.approved.into()), ("denied".into(), d.denied.into())], f.choice)}
            {text_area("ev-text", d.field_denial_reasons, Some(d.one_per_line), f.text)}
        }
        .into_any(),
        "delivered" => view! {
            {radios("ev-method", d.field_method, ["window", "locker", "post"].iter().map(|m| (m.to_string(), d.method(m).to_string())).collect(), f.choice)}
            {text_input("ev-text", d.field_tracking, "text", f.text)}
        }
        .into_any(),
        "evaluated" => view! {
            {radios("ev-level", d.field_level, (1..=5).rev().map(|l| (l.to_string(), d.level(l).to_string())).collect(), f.choice)}
            {text_area("ev-text", d.field_comment, None, f.text)}
        }
        .into_any(),
        "handed_over" => view! {
            {text_input("ev-text", d.field_department, "text", f.text)}
            {text_input("ev-other", d.field_handover_material, "text", f.other)}
            {text_input("ev-copies", d.field_copies, "number", f.choice)}
            {text_input("ev-to", d.field_receiver, "text", f.to)}
        }
        .into_any(),
        "tolerated_supplied" => {
            let open: Vec<(String, String)> = case
                .record
                .tolerated
                .iter()
                .filter(|t| !case.record.supplied.iter().any(|(m, _)| m == &t.material))
                .map(|t| (t.material.clone(), t.material.clone()))
                .collect();
            radios("ev-material", d.field_material, open, f.choice).into_any()
        }
        _ => ().into_any(),
    }
}

/// The step buttons and the chosen step's form. `on_post` sends a body and says whether
/// it was recorded.
#[component]
pub fn EventForm(
    case: DeskCase,
    #[prop(into)] on_post: Callback<Value>,
    /// Called when a step is chosen (the page clears the last step's message).
    #[prop(into)]
    on_choose: Callback<()>,
) -> impl IntoView {
    let chosen = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let f = Fields {
        text: RwSignal::new(String::new()),
        other: RwSignal::new(String::new()),
        date: RwSignal::new(String::new()),
        choice: RwSignal::new(String::new()),
        to: RwSignal::new(String::new()),
        note: RwSignal::new(String::new()),
    };
    let clerk: crate::clerk::ClerkContext = expect_context();
    let allowed: Vec<String> = case
        .allowed_events
        .iter()
        .filter(|e| DESK_STEPS.contains(&e.as_str()))
        .cloned()
        .collect();
    let buttons = allowed
        .iter()
        .map(|name| {
            let n = name.clone();
            view! {
                <button type="button" class="secondary step-button"
                    aria-pressed=move || (chosen.get().as_deref() == Some(n.as_str())).to_string()
                    on:click={
                        let n = name.clone();
                        move |_| {
                            f.text.set(String::new());
                            f.other.set(String::new());
                            f.date.set(String::new());
                            f.choice.set(String::new());
                            f.to.set(String::new());
                            error.set(None);
                            on_choose.run(());
                            chosen.set(Some(n.clone()));
                        }
                    }>
                    {desk().event(name)}
                </button>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(name) = chosen.get_untracked() else {
            return;
        };
        let me = clerk.clerk().map(|c| c.name).unwrap_or_default();
        match body(&name, f, &me) {
            Ok(b) => {
                error.set(None);
                on_post.run(b);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let none = allowed.is_empty();
    view! {
        <section class="panel no-print" aria-labelledby="next-step">
            <h2 id="next-step">{desk().next_step}</h2>
            {none.then(|| view! { <p>{desk().no_steps}</p> })}
            <div class="step-buttons">{buttons}</div>
            {move || chosen.get().map(|name| {
                let case = case.clone();
                view! {
                    <form class="event-form" on:submit=submit>
                        <h3>{desk().event(&name)}</h3>
                        {move || error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
                        {fields_for(&name, &case, f)}
                        {text_input("ev-note", desk().field_note, "text", f.note)}
                        <button type="submit">{desk().record_step}</button>
                    </form>
                }
            })}
        </section>
    }
}
