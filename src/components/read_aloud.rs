//! A button that reads a text aloud (the browser's speech synthesis, zh-CN).

use crate::text::t;
use leptos::prelude::*;

/// Reads `text` aloud when pressed; not shown where the browser cannot speak.
#[component]
pub fn ReadAloud(text: String) -> impl IntoView {
    crate::speech::available().then(|| {
        view! {
            <button type="button" class="read-aloud button-secondary" on:click=move |_| crate::speech::speak(&text)>
                <span aria-hidden="true">"🔊 "</span>{t().read_aloud}
            </button>
        }
    })
}
