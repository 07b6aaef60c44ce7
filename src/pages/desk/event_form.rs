//! Moving a case on: one button per step the core says the case may take now, and for
//! the chosen step the form the core describes. The core builds the event from what was
//! typed (here, to show every problem at once; on the server, again, with the session's
//! name and the server's clock), so this page decides nothing.

use crate::text::desk;
use leptos::prelude::*;
use onewindow_core::case::{
    build_event, FieldInput, FieldName, StepField, StepForm, StepInput, StepRequest,
};
use onewindow_wire::body::DeskCase;
use std::collections::BTreeMap;

fn dom_id(f: FieldName) -> String {
    format!("ev-{}", f.name())
}

/// One field of the chosen step, bound to its text in `input`.
fn field_view(field: &StepField, input: RwSignal<StepInput>) -> AnyView {
    let name = field.name;
    let id = dom_id(name);
    let label = desk().field(name);
    let value = move || input.with(|i| i.get(&name).cloned().unwrap_or_default());
    let set = move |v: String| {
        input.update(|i| {
            i.insert(name, v);
        })
    };
    match &field.input {
        FieldInput::Lines => {
            let hint = desk().field_hint(name);
            let hint_id = format!("{id}-hint");
            view! {
                <p class="field">
                    <label for=id.clone()>{label}</label>
                    {hint.map(|h| view! { <span class="hint" id=hint_id.clone()>{h}</span> })}
                    <textarea id=id rows="3" aria-describedby=hint.map(|_| hint_id.clone())
                        prop:value=value on:input=move |ev| set(event_target_value(&ev))></textarea>
                </p>
            }
            .into_any()
        }
        FieldInput::Text | FieldInput::Date | FieldInput::Count => {
            let kind = match &field.input {
                FieldInput::Date => "date",
                FieldInput::Count => "number",
                _ => "text",
            };
            view! {
                <p class="field">
                    <label for=id.clone()>{label}</label>
                    <input id=id type=kind prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
                </p>
            }
            .into_any()
        }
        FieldInput::Signature => view! {
            <crate::components::SignaturePad id=id label=label value=Signal::derive(value) on_change=move |p: String| set(p)/>
        }
        .into_any(),
        // Each line ticked as it is done; the ticked lines travel one per line.
        FieldInput::Checklist(lines) => view! {
            <fieldset class="checks">
                <legend>{label}</legend>
                {lines.iter().enumerate().map(|(i, line)| {
                    let cid = format!("{id}-{i}");
                    let l1 = line.clone();
                    let l2 = line.clone();
                    let ticked = move || value().lines().any(|x| x.trim() == l1);
                    view! {
                        <div class="check">
                            <input type="checkbox" id=cid.clone() prop:checked=ticked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let mut v: Vec<String> = value()
                                        .lines()
                                        .map(str::trim)
                                        .filter(|x| !x.is_empty() && *x != l2)
                                        .map(str::to_string)
                                        .collect();
                                    if on {
                                        v.push(l2.clone());
                                    }
                                    set(v.join("\n"));
                                }/>
                            <label for=cid>{line.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        }
        .into_any(),
        FieldInput::Choice(options) => view! {
            <fieldset class="radios">
                <legend>{label}</legend>
                {options.iter().map(|c| {
                    let v = c.value();
                    let rid = format!("{id}-{v}");
                    let v2 = v.clone();
                    view! {
                        <div class="radio">
                            <input type="radio" id=rid.clone() name=id.clone() value=v.clone()
                                prop:checked=move || value() == v on:change=move |_| set(v2.clone())/>
                            <label for=rid>{desk().choice(c)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        }
        .into_any(),
    }
}

/// The step buttons and the chosen step's form. `on_post` sends a step and says whether
/// it was recorded.
#[component]
pub fn EventForm(
    case: DeskCase,
    #[prop(into)] on_post: Callback<StepRequest>,
    /// Called when a step is chosen (the page clears the last step's message).
    #[prop(into)]
    on_choose: Callback<()>,
) -> impl IntoView {
    let chosen = RwSignal::new(None::<StepForm>);
    let input = RwSignal::new(StepInput::new());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let clerk: crate::clerk::ClerkContext = expect_context();
    let steps = case.view.steps.clone();
    let buttons = steps
        .iter()
        .map(|form| {
            let step = form.step;
            let form = form.clone();
            view! {
                <button type="button" class="secondary step-button"
                    aria-pressed=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.step == step)).to_string()
                    on:click=move |_| {
                        // The core's defaults first (e.g. the delivery the applicant chose).
                        input.set(
                            form.fields
                                .iter()
                                .filter_map(|f| f.default.clone().map(|v| (f.name, v)))
                                .collect::<BTreeMap<_, _>>(),
                        );
                        note.set(String::new());
                        errors.set(vec![]);
                        on_choose.run(());
                        chosen.set(Some(form.clone()));
                    }>
                    {desk().event(step)}
                </button>
            }
        })
        .collect_view();
    let record = case.view.record.clone();
    let item_code = case.item.code.clone();
    let crate::catalog_state::CatalogContext(catalog) = expect_context();
    let merged = case.view.pending_corrections.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = chosen.get_untracked() else {
            return;
        };
        let me = clerk.clerk().map(|c| c.name).unwrap_or_default();
        let fields = input.get_untracked();
        // Every problem at once, judged here by the core with the item's guide (its joint
        // departments, packets, materials) when this device has it; otherwise the server's
        // core judges alone and its field errors come back the same way.
        let item = match catalog.get_untracked() {
            crate::catalog_state::CatalogStatus::Ready(l) => l.catalog.item(&item_code).cloned(),
            _ => None,
        };
        let checked = match &item {
            Some(item) => build_event(form.step, &fields, &record, Some(item), &me).map(|_| ()),
            None => Ok(()),
        };
        match checked {
            Ok(()) => {
                errors.set(vec![]);
                on_post.run(StepRequest {
                    step: form.step,
                    fields,
                    note: note.get_untracked(),
                });
            }
            Err(problems) => errors.set(problems.into_iter().map(|p| p.problem).collect()),
        }
    };
    let none = steps.is_empty();
    view! {
        <section class="panel no-print" aria-labelledby="next-step">
            <h2 id="next-step">{desk().next_step}</h2>
            {none.then(|| view! { <p>{desk().no_steps}</p> })}
            <div class="step-buttons">{buttons}</div>
            {move || chosen.get().map(|form| view! {
                <form class="event-form" on:submit=submit.clone()>
                    <h3>{desk().event(form.step)}</h3>
                    {move || {
                        let e = errors.get();
                        (!e.is_empty()).then(|| view! { <p class="banner banner-error" role="alert">{e.join("；")}</p> })
                    }}
                    {(form.step == onewindow_core::case::EventType::CorrectionRequested && !merged.is_empty()).then(|| view! {
                        <div class="merged-corrections">
                            <p>{desk().merged_corrections}</p>
                            <ul>{merged.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    {form.fields.iter().map(|f| {
                        // Rebuilt only when it appears or disappears, so typing keeps focus.
                        let shown = {
                            let f = f.clone();
                            Memo::new(move |_| input.with(|i| f.shown(i)))
                        };
                        let f = f.clone();
                        move || shown.get().then(|| field_view(&f, input))
                    }).collect_view()}
                    <p class="field">
                        <label for="ev-note">{desk().field_note}</label>
                        <input id="ev-note" type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                    </p>
                    <button type="submit">{desk().record_step}</button>
                </form>
            })}
        </section>
    }
}
