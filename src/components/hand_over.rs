//! On a shared terminal: hand unfinished work to the desk. The server keeps it under a
//! number the applicant takes to the window; "完成" then clears this terminal (and if
//! nobody presses it, the idle countdown does).

use crate::components::clear_session;
use crate::desk_api;
use crate::draft_state::DraftHandle;
use crate::text::t;
use leptos::prelude::*;

/// The hand-over box.
#[component]
pub fn HandOver(handle: DraftHandle) -> impl IntoView {
    let number = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let send = move |_| {
        let Some(draft) = handle.draft.get_untracked() else {
            return;
        };
        busy.set(true);
        handle.save_now();
        leptos::task::spawn_local(async move {
            match desk_api::hand_over(&draft).await {
                Ok(n) => number.set(Some(n)),
                Err(e) => error.set(Some(format!("{}（{}）", t().handover_failed, e.message))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="start-box hand-over" aria-labelledby="hand-over">
            {move || match number.get() {
                Some(n) => view! {
                    <h2 id="hand-over">{t().handover_heading}</h2>
                    <p class="receipt-value handover-number" role="status">{n.clone()}</p>
                    <p>{t().handover_done}</p>
                    <p class="actions">
                        <button type="button" class="secondary" on:click=|_| print_as("print-slip")>{crate::text::slip_text().print_slip}</button>
                        <button type="button" class="secondary" on:click=|_| print_as("print-sheet")>{crate::text::slip_text().print_a4}</button>
                    </p>
                    {slip(handle, &n)}
                    <button type="button" on:click=|_| leptos::task::spawn_local(clear_session())>{t().clear_now}</button>
                }.into_any(),
                None => view! {
                    <h2 id="hand-over">{t().handover_button}</h2>
                    <p class="hint">{t().handover_hint}</p>
                    {move || error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
                    <button type="button" class="secondary" disabled=move || busy.get() on:click=send>{t().handover_button}</button>
                }.into_any(),
            }}
        </section>
    }
}

/// Prints the 一次性告知单 alone, as an 80 mm receipt (`print-slip`) or on A4
/// (`print-sheet`): the class on `<html>` selects the page and hides the rest.
fn print_as(class: &str) {
    let Some(w) = web_sys::window() else { return };
    let root = w.document().and_then(|d| d.document_element());
    if let Some(r) = &root {
        let _ = r.class_list().add_1(class);
    }
    // Taken off once printing is over (some browsers return from print() before).
    let class = class.to_string();
    let done = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(r) = root {
            let _ = r.class_list().remove_1(&class);
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = w.add_event_listener_with_callback_and_add_event_listener_options(
        "afterprint",
        wasm_bindgen::JsCast::unchecked_ref(&done),
        &options,
    );
    let _ = w.print();
}

/// The 一次性告知单 for the window: the hand-over number, the papers to bring (the core's
/// list for the answers so far, with those still to confirm), the date. Shown only when
/// printed.
fn slip(handle: DraftHandle, number: &str) -> impl IntoView {
    use crate::catalog_state::{CatalogContext, CatalogStatus};
    let s = crate::text::slip_text();
    let CatalogContext(status) = expect_context();
    let draft = handle.draft.get_untracked();
    let (name, lines) = match (status.get_untracked(), draft) {
        (CatalogStatus::Ready(loaded), Some(d)) => match loaded.catalog.item(&d.item) {
            Some(item) => {
                let list = onewindow_core::checklist::checklist(item, &d.answers);
                let mut lines: Vec<String> = list
                    .entries
                    .iter()
                    .map(onewindow_core::outcome::bring)
                    .collect();
                lines.extend(
                    list.to_confirm
                        .iter()
                        .map(|m| format!("{}（{}）", m.name, s.to_confirm)),
                );
                (item.name.clone(), lines)
            }
            None => (d.item.clone(), vec![]),
        },
        _ => (String::new(), vec![]),
    };
    let today = crate::clock::today().format("%Y年%m月%d日").to_string();
    view! {
        <div class="slip">
            <p class="slip-title">{s.title}</p>
            <p><strong>{name}</strong></p>
            <p>{s.number}<strong class="slip-number">{number.to_string()}</strong></p>
            <p>{s.bring}</p>
            <ol>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ol>
            <p>{s.go}</p>
            <p>{today}</p>
        </div>
    }
}
