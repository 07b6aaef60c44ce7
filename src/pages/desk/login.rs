//! The clerk's login form.

use crate::clerk::{start_idle_logout, ClerkContext, ClerkState};
use crate::desk_api;
use crate::text::desk;
use leptos::prelude::*;

/// Name and password; errors are announced and the name is kept.
#[component]
pub fn LoginForm(message: Option<String>) -> impl IntoView {
    let clerk: ClerkContext = expect_context();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(message);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if name.get_untracked().trim().is_empty() || password.get_untracked().is_empty() {
            error.set(Some(desk().login_missing.to_string()));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match desk_api::login(
                &name.get_untracked(),
                &password.get_untracked(),
                &code.get_untracked(),
            )
            .await
            {
                Ok(info) => {
                    start_idle_logout(info.idle_seconds);
                    clerk.0.set(ClerkState::In(info));
                }
                Err(e) => {
                    password.set(String::new());
                    code.set(String::new());
                    error.set(Some(e.message));
                }
            }
            busy.set(false);
        });
    };
    view! {
        <h1>{desk().login_heading}</h1>
        <p class="lead">{desk().login_intro}</p>
        {move || error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
        <form class="login-form" on:submit=on_submit>
            <p class="field">
                <label for="login-name">{desk().login_name}</label>
                <input id="login-name" name="username" autocomplete="username" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
            </p>
            <p class="field">
                <label for="login-password">{desk().login_password}</label>
                <input id="login-password" type="password" name="password" autocomplete="current-password"
                    prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
            </p>
            <p class="field">
                <label for="login-code">{desk().login_code}</label>
                <span class="hint" id="login-code-hint">{desk().login_code_hint}</span>
                <input id="login-code" name="one-time-code" autocomplete="one-time-code" inputmode="numeric"
                    maxlength="6" aria-describedby="login-code-hint" class="text-input narrow"
                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
            </p>
            <button type="submit" disabled=move || busy.get()>{desk().login_button}</button>
        </form>
    }
}
