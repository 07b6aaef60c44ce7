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
                    <p class="receipt-value handover-number" role="status">{n}</p>
                    <p>{t().handover_done}</p>
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
