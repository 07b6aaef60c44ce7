//! The switch between the standard and the assisted (large type) mode, and the larger
//! type setting. A locked terminal shows no switch: it stays in the assisted mode.

use crate::display::{apply, save, DisplayContext};
use crate::text::t;
use leptos::prelude::*;

/// The mode buttons of the header.
#[component]
pub fn ModeSwitch() -> impl IntoView {
    let DisplayContext(display) = expect_context();
    let change = move |f: fn(&mut crate::display::Display)| {
        display.update(|d| {
            f(d);
            save(d);
            apply(d);
        })
    };
    move || {
        let d = display.get();
        let assisted = (!d.terminal).then(|| {
            view! {
                <button type="button" class="mode-button" aria-pressed=if d.assisted { "true" } else { "false" }
                    on:click=move |_| change(|d| d.assisted = !d.assisted)>
                    {t().assisted_mode}
                </button>
            }
        });
        let larger = d.assisted.then(|| {
            view! {
                <button type="button" class="mode-button" aria-pressed=if d.larger { "true" } else { "false" }
                    on:click=move |_| change(|d| d.larger = !d.larger)>
                    {t().larger_text}
                </button>
            }
        });
        // Voice settings for the helper: automatic reading and the speech rate.
        let voice = (d.assisted && crate::speech::available()).then(|| {
            let rate = crate::text::voice_text().rates[usize::from(d.speech_rate.min(2))];
            view! {
                <button type="button" class="mode-button" aria-pressed=if d.auto_read { "true" } else { "false" }
                    on:click=move |_| change(|d| d.auto_read = !d.auto_read)>
                    {crate::text::voice_text().auto_read}
                </button>
                <button type="button" class="mode-button"
                    on:click=move |_| change(|d| d.speech_rate = (d.speech_rate + 1) % 3)>
                    {format!("{}{rate}", crate::text::voice_text().rate)}
                </button>
            }
        });
        view! { {assisted} {larger} {voice} }
    }
}
