//! An on-screen keypad for terminals, which often have no keyboard: digits and X for ID
//! numbers, digits for mobiles and numbers, digits and "-" for dates. It edits the field
//! named by `input` (its DOM id) and reports the new text, as typing would. Names still go
//! through the system's input method.

use crate::text::keypad_text;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What a keypad types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// Digits and X (ID numbers; a credit code's letters go through the input method).
    IdNumber,
    /// Digits only.
    Digits,
    /// Digits and "-" (YYYY-MM-DD).
    Date,
}

/// The keypad for the field with DOM id `input`; `changed` gets each new text.
#[component]
pub fn Keypad(
    input: String,
    label: String,
    keys: Keys,
    changed: Callback<String>,
) -> impl IntoView {
    let k = keypad_text();
    let extra = match keys {
        Keys::IdNumber => Some("X"),
        Keys::Date => Some("-"),
        Keys::Digits => None,
    };
    let press = {
        let input = input.clone();
        move |key: Option<&'static str>, clear: bool| {
            let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&input))
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let mut v = el.value();
            match (key, clear) {
                (_, true) => v.clear(),
                (Some(k), _) => v.push_str(k),
                (None, _) => {
                    v.pop();
                }
            }
            el.set_value(&v);
            changed.run(v);
        }
    };
    let digit = |d: &'static str| {
        let press = press.clone();
        view! { <button type="button" class="key" on:click=move |_| press(Some(d), false)>{d}</button> }
    };
    let (p1, p2) = (press.clone(), press.clone());
    view! {
        <div class="keypad" role="group" aria-label=format!("{label}{}", k.suffix)>
            {["1", "2", "3", "4", "5", "6", "7", "8", "9"].map(digit).collect_view()}
            {match extra {
                Some(x) => digit(x).into_any(),
                None => view! { <button type="button" class="key" on:click=move |_| p2(None, true)>{k.clear}</button> }.into_any(),
            }}
            {digit("0")}
            <button type="button" class="key" aria-label=k.delete_label on:click=move |_| p1(None, false)>{k.delete}</button>
            {extra.is_some().then(|| {
                let p3 = press.clone();
                view! { <button type="button" class="key key-wide" on:click=move |_| p3(None, true)>{k.clear}</button> }
            })}
        </div>
    }
}
