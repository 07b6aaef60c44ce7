//! Reading aloud with the browser's speech synthesis, in a zh-CN voice when there is one.
//! Where the browser has no speech synthesis, the button is not shown and nothing else
//! changes.

use wasm_bindgen::JsCast;

/// Whether this browser can read aloud.
pub fn available() -> bool {
    web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w, &"speechSynthesis".into()).unwrap_or(false))
}

/// Reads `text` aloud, stopping whatever was being read.
pub fn speak(text: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(synth) = window.speech_synthesis() else {
        return;
    };
    synth.cancel();
    let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else {
        return;
    };
    utterance.set_lang("zh-CN");
    let settings = current();
    utterance.set_rate(settings.map_or(0.9, |d| d.rate()));
    let voices = synth.get_voices();
    for v in voices.iter() {
        if let Ok(voice) = v.dyn_into::<web_sys::SpeechSynthesisVoice>() {
            if voice.lang().to_lowercase().starts_with("zh") {
                utterance.set_voice(Some(&voice));
                break;
            }
        }
    }
    synth.speak(&utterance);
}

/// The display settings, when the app provides them.
fn current() -> Option<crate::display::Display> {
    leptos::prelude::use_context::<crate::display::DisplayContext>()
        .map(|d| leptos::prelude::GetUntracked::get_untracked(&d.0))
}

/// Reads `text` aloud if the helper switched on automatic reading.
pub fn announce(text: &str) {
    if current().is_some_and(|d| d.auto_read) && available() {
        speak(text);
    }
}
