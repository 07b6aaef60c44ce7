//! A button that reads a text aloud (the browser's speech synthesis, zh-CN).

use crate::text::t;
use leptos::prelude::*;

/// Reads `text` aloud when pressed; not shown where the browser cannot speak.
#[component]
pub fn ReadAloud(text: String) -> impl IntoView {
    // On arrival too, when the helper switched automatic reading on.
    let first = text.clone();
    Effect::new(move |_| crate::speech::announce(&first));
    crate::speech::available().then(|| {
        view! {
            <button type="button" class="read-aloud button-secondary" on:click=move |_| crate::speech::speak(&text)>
                <svg class="icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
                    <path d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z" fill="currentColor"/>
                </svg>
                {t().read_aloud}
            </button>
        }
    })
}
