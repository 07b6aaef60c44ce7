//! The terminals' calls for help (呼叫工作人员) on the workbench, read again every 15 s;
//! one clerk goes to each.

use crate::desk_api;
use crate::text::help_text;
use leptos::prelude::*;

/// The panel.
#[component]
pub fn HelpPanel() -> impl IntoView {
    let h = help_text();
    let round = RwSignal::new(0u32);
    let said = RwSignal::new(None::<Result<String, String>>);
    let calls = LocalResource::new(move || {
        round.get();
        async move { desk_api::help_calls().await }
    });
    if let Ok(timer) = set_interval_with_handle(
        move || round.update(|r| *r += 1),
        std::time::Duration::from_secs(15),
    ) {
        on_cleanup(move || timer.clear());
    }
    view! {
        <section class="panel" aria-labelledby="help-heading">
            <h2 id="help-heading">{h.panel_heading}</h2>
            // One lasting live region: a new call is announced when the list is read again.
            <p class="visually-hidden" role="status">{move || calls.get().and_then(|r| r.ok()).map(|l| (h.waiting_now)(l.open.len())).unwrap_or_default()}</p>
            {move || said.get().map(|r| match r {
                Ok(m) => view! { <p class="banner banner-success" role="status">{m}</p> }.into_any(),
                Err(m) => view! { <p class="banner banner-error" role="alert">{m}</p> }.into_any(),
            })}
            <Transition fallback=|| ()>
                {move || calls.get().map(|r| match r {
                    Err(e) => view! { <p class="banner banner-error" role="alert">{e.message}</p> }.into_any(),
                    Ok(list) if list.open.is_empty() => view! { <p>{h.none}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="plain-list help-calls">
                            {list.open.into_iter().map(|c| {
                                let at = c.called_at.format("%H:%M").to_string();
                                let line = (h.call_line)(&c.place, c.item_name.as_deref(), &at);
                                let place = c.place.clone();
                                let go = move |_| {
                                    let place = place.clone();
                                    leptos::task::spawn_local(async move {
                                        said.set(Some(desk_api::handle_help_call(c.id).await
                                            .map(|_| (h.gone)(&place)).map_err(|e| e.message)));
                                        round.update(|r| *r += 1);
                                    });
                                };
                                view! { <li>{line}" "<button type="button" class="secondary" on:click=go>{h.go}</button></li> }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
