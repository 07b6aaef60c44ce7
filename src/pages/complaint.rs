//! `/complaint`: 办不成事 — an applicant, or a helper at a terminal, reports what could not
//! be done. The core checks the report here (and again on the server); the answer is a
//! number and lookup code the status page follows. What was typed stays in the form
//! whatever goes wrong.

use crate::catalog_state::{CatalogContext, CatalogStatus};
use crate::display::DisplayContext;
use crate::text::complaint_text;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use onewindow_core::complaint::{check, ComplaintReport};
use onewindow_core::diagnostic::FieldError;
use onewindow_wire::body::ErrorBody;
use onewindow_wire::complaint::{ComplaintFiled, ComplaintRequest};

/// What sending gave: the filed complaint, or the message and the fields at fault.
async fn send(request: ComplaintRequest) -> Result<ComplaintFiled, (String, Vec<FieldError>)> {
    let faults = crate::text::faults();
    let r = gloo_net::http::Request::post("/api/complaints")
        .json(&request)
        .map_err(|e| ((faults.request_unbuildable)(&e.to_string()), vec![]))?
        .send()
        .await
        .map_err(|e| ((faults.network_error)(&e.to_string()), vec![]))?;
    if r.ok() {
        return r
            .json()
            .await
            .map_err(|e| ((faults.answer_unreadable)(&e.to_string()), vec![]));
    }
    match r.json::<ErrorBody>().await {
        Ok(b) => Err((b.error, b.fields)),
        Err(_) => Err(((faults.server_status)(r.status(), &r.status_text()), vec![])),
    }
}

/// One text field with its label, hint and error.
fn text_field(
    id: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    multiline: bool,
) -> impl IntoView {
    let field = id.trim_start_matches("complaint-");
    let error = move || {
        errors.with(|e| {
            e.iter()
                .find(|x| x.field == field)
                .map(|x| x.problem.clone())
        })
    };
    let described = match hint {
        Some(_) => format!("{id}-hint {id}-error"),
        None => format!("{id}-error"),
    };
    let input = move |ev| {
        value.set(event_target_value(&ev));
        if errors.with_untracked(|e| e.iter().any(|x| x.field == field)) {
            errors.update(|e| e.retain(|x| x.field != field));
        }
    };
    let invalid = move || if error().is_some() { "true" } else { "false" };
    view! {
        <div class="field" class:field-invalid=move || error().is_some()>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <p class="field-error" id=format!("{id}-error") aria-live="polite">{error}</p>
            {if multiline {
                view! {
                    <textarea id=id rows="5" aria-invalid=invalid aria-describedby=described
                        prop:value=move || value.get() on:input=input></textarea>
                }.into_any()
            } else {
                view! {
                    <input id=id class="text-input" type="text"
                        inputmode=if field == "mobile" { "tel" } else { "text" }
                        autocomplete=match field { "name" => "name", "mobile" => "tel", _ => "off" }
                        aria-invalid=invalid aria-describedby=described
                        prop:value=move || value.get() on:input=input/>
                }.into_any()
            }}
        </div>
    }
}

/// The answer: number, code, due date, where to follow it.
fn filed_view(filed: ComplaintFiled, again: impl Fn() + Copy + 'static) -> impl IntoView {
    let c = complaint_text();
    // The form is gone: focus moves to the answer, which a screen reader then reads.
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let href = format!(
        "/q/{}?code={}",
        js_sys::encode_uri_component(&filed.number),
        js_sys::encode_uri_component(&filed.code)
    );
    view! {
        <section class="panel complaint-filed" aria-labelledby="complaint-filed">
            <h1 id="complaint-filed" tabindex="-1" node_ref=heading>{c.filed_heading}</h1>
            <dl class="complaint-facts">
                <dt>{c.filed_number}</dt><dd class="big-number">{filed.number.clone()}</dd>
                <dt>{c.filed_code}</dt><dd class="big-number">{filed.code.clone()}</dd>
                <dt>{c.filed_due}</dt><dd><time>{filed.due.to_string()}</time></dd>
            </dl>
            <p>{c.filed_keep}</p>
            <p class="actions no-print">
                <a class="button" href=href>{c.follow}</a>" "
                <button type="button" class="secondary" on:click=|_| {
                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                }>{c.print}</button>" "
                <button type="button" class="secondary" on:click=move |_| again()>{c.another}</button>
            </p>
        </section>
    }
}

/// The report page.
#[component]
pub fn ComplaintPage() -> impl IntoView {
    let c = complaint_text();
    let CatalogContext(status) = expect_context();
    let DisplayContext(display) = expect_context();
    let query = use_query_map();
    let item = RwSignal::new(query.with_untracked(|q| q.get("item").unwrap_or_default()));
    let place = RwSignal::new(String::new());
    let what = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let mobile = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let filed = RwSignal::new(None::<ComplaintFiled>);
    // The catalogue's items to choose from, by department (none while it loads: "unsure"
    // still works, and the server checks a code anyway).
    let items = move || match status.get() {
        CatalogStatus::Ready(l) => {
            let mut v: Vec<(String, String)> = l
                .index
                .items
                .iter()
                .map(|i| (i.code.clone(), format!("{}（{}）", i.name, i.department)))
                .collect();
            v.sort_by(|a, b| a.1.cmp(&b.1));
            v
        }
        _ => vec![],
    };
    let known_item = move |code: &str| match status.get_untracked() {
        CatalogStatus::Ready(l) => l.index.item(code).is_some(),
        // Without a catalogue here, the server decides.
        _ => true,
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let report = ComplaintReport {
            item: item.get_untracked(),
            place: place.get_untracked(),
            what: what.get_untracked(),
            name: name.get_untracked(),
            mobile: mobile.get_untracked(),
        };
        if let Err(found) = check(&report, known_item) {
            errors.set(found);
            message.set(Some(c.fix_fields.into()));
            return;
        }
        sending.set(true);
        let request = ComplaintRequest {
            report,
            at_terminal: display.get_untracked().terminal,
        };
        leptos::task::spawn_local(async move {
            match send(request).await {
                Ok(f) => {
                    errors.set(vec![]);
                    message.set(None);
                    filed.set(Some(f));
                }
                Err((m, fields)) => {
                    errors.set(fields);
                    message.set(Some(m));
                }
            }
            sending.set(false);
        });
    };
    // Another report starts empty: at a terminal the next person must not see this one's.
    let again = move || {
        for s in [item, place, what, name, mobile] {
            s.set(String::new());
        }
        filed.set(None);
    };
    move || {
        match filed.get() {
        Some(f) => filed_view(f, again).into_any(),
        None => view! {
            <form class="question complaint-form" on:submit=submit novalidate>
                <h1>{c.heading}</h1>
                <p class="hint">{c.intro}</p>
                {move || message.get().map(|m| view! {
                    <div class="error-summary" role="alert">
                        <p>{m}</p>
                        <ul>{errors.get().into_iter().map(|e| view! { <li>{e.problem}</li> }).collect_view()}</ul>
                    </div>
                })}
                <div class="field" class:field-invalid=move || errors.with(|e| e.iter().any(|x| x.field == "item"))>
                    <label for="complaint-item">{c.item_label}</label>
                    <p class="field-error" id="complaint-item-error" aria-live="polite">
                        {move || errors.with(|e| e.iter().find(|x| x.field == "item").map(|x| x.problem.clone()))}
                    </p>
                    <select id="complaint-item" aria-describedby="complaint-item-error"
                        on:change=move |ev| item.set(event_target_value(&ev))>
                        <option value="" selected=move || item.get().is_empty()>{c.item_unsure}</option>
                        {move || items().into_iter().map(|(code, label)| {
                            let selected = code == item.get_untracked();
                            view! { <option value=code selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {text_field("complaint-place", c.place_label, Some(c.place_hint), place, errors, false)}
                {text_field("complaint-what", c.what_label, Some(c.what_hint), what, errors, true)}
                <fieldset>
                    <legend>{c.contact}</legend>
                    <p class="hint">{c.contact_hint}</p>
                    {text_field("complaint-name", c.name_label, None, name, errors, false)}
                    {text_field("complaint-mobile", c.mobile_label, None, mobile, errors, false)}
                </fieldset>
                <button type="submit" prop:disabled=move || sending.get()>
                    {move || if sending.get() { c.sending } else { c.send }}
                </button>
            </form>
        }
        .into_any(),
    }
    }
}
