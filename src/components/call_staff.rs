//! "呼叫工作人员" on a self-service terminal: one press puts a call on every desk with the
//! terminal's place (set at installation, `?terminal=1&place=…`) and the item on screen.

use crate::text::help_text;
use leptos::prelude::*;

/// The button and what became of the call.
#[component]
pub fn CallStaff() -> impl IntoView {
    let h = help_text();
    let said = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let call = move |_| {
        let place = crate::display::terminal_place();
        // The item on screen, when a guide or its code is in the address.
        let item = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .and_then(|p| p.strip_prefix("/items/").map(str::to_string))
            .map(|c| String::from(js_sys::decode_uri_component(&c).unwrap_or_default()));
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::api::call_staff(&place, item).await;
            said.set(Some(answer.map(|_| (h.called)(&place))));
            busy.set(false);
        });
    };
    view! {
        <button type="button" class="mode-button call-staff" disabled=move || busy.get() on:click=call>{h.button}</button>
        {move || said.get().map(|r| match r {
            Ok(m) => view! { <p class="banner banner-success call-staff-said" role="status">{m}</p> }.into_any(),
            Err(m) => view! { <p class="banner banner-error call-staff-said" role="alert">{m}</p> }.into_any(),
        })}
    }
}
