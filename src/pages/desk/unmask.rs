//! Seeing the applicant's full ID number and mobile: only with a reason, which the server
//! writes to the audit log with who asked and when.

use crate::desk_api;
use crate::text::desk;
use leptos::prelude::*;

/// The "show in full" control of a case.
#[component]
pub fn Unmask(number: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let shown = RwSignal::new(None::<desk_api::Unmasked>);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let number = number.clone();
        // The core's rule, the one the server applies again.
        let why = match onewindow_core::validate::unmask_reason(&reason.get_untracked()) {
            Ok(why) => why,
            Err(problem) => {
                error.set(Some(problem.problem));
                return;
            }
        };
        leptos::task::spawn_local(async move {
            match desk_api::unmask(&number, &why).await {
                Ok(full) => {
                    error.set(None);
                    shown.set(Some(full));
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    view! {
        <div class="unmask no-print">
            {move || match (shown.get(), open.get()) {
                (Some(full), _) => view! {
                    <p role="status">{desk().unmasked}{full.id_number}{"　"}{full.mobile}</p>
                }.into_any(),
                (None, false) => view! {
                    <button type="button" class="secondary" on:click=move |_| open.set(true)>{desk().unmask_button}</button>
                }.into_any(),
                (None, true) => view! {
                    <form on:submit=submit.clone()>
                        {move || error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
                        <p class="field">
                            <label for="unmask-reason">{desk().unmask_reason}</label>
                            <span class="hint" id="unmask-hint">{desk().unmask_hint}</span>
                            <input id="unmask-reason" aria-describedby="unmask-hint" prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev))/>
                        </p>
                        <button type="submit">{desk().unmask_confirm}</button>
                    </form>
                }.into_any(),
            }}
        </div>
    }
}
