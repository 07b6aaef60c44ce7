//! A signature drawn with a finger or a pen on the tablet (出件 at the window). The strokes
//! are kept as a small SVG path in a 600×200 box: a few hundred bytes, printable at any
//! size, no image encoder in the bundle. Someone who cannot sign has the reason field
//! beside it, which the core accepts instead.

use crate::text::desk;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 200.0;

/// The point of `ev` in the pad's own 600×200 coordinates.
fn point(ev: &leptos::ev::PointerEvent) -> Option<(i32, i32)> {
    let el: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
    let (w, h) = (
        el.client_width().max(1) as f64,
        el.client_height().max(1) as f64,
    );
    let x = (ev.offset_x() as f64 * WIDTH / w).round() as i32;
    let y = (ev.offset_y() as f64 * HEIGHT / h).round() as i32;
    Some((x, y))
}

/// The pad; `value` is the path so far, `on_change` gets it after each stroke.
#[component]
pub fn SignaturePad(
    id: String,
    label: &'static str,
    value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
) -> impl IntoView {
    let path = RwSignal::new(value.get_untracked());
    let drawing = StoredValue::new(false);
    let down = move |ev: leptos::ev::PointerEvent| {
        ev.prevent_default();
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        if let Some((x, y)) = point(&ev) {
            drawing.set_value(true);
            path.update(|p| {
                if !p.is_empty() {
                    p.push(' ');
                }
                p.push_str(&format!("M{x} {y}"));
            });
        }
    };
    let moved = move |ev: leptos::ev::PointerEvent| {
        if !drawing.get_value() {
            return;
        }
        if let Some((x, y)) = point(&ev) {
            path.update(|p| p.push_str(&format!(" L{x} {y}")));
        }
    };
    let up = move |_: leptos::ev::PointerEvent| {
        if drawing.get_value() {
            drawing.set_value(false);
            on_change.run(path.get_untracked());
        }
    };
    let clear = move |_| {
        path.set(String::new());
        on_change.run(String::new());
    };
    let label_id = format!("{id}-label");
    view! {
        <div class="field signature-field">
            <span class="label" id=label_id.clone()>{label}</span>
            <span class="hint">{desk().signature_hint}</span>
            <svg id=id class="signature-pad" viewBox="0 0 600 200" role="img" aria-labelledby=label_id
                on:pointerdown=down on:pointermove=moved on:pointerup=up on:pointercancel=up>
                <line x1="20" y1="170" x2="580" y2="170" class="signature-line"/>
                <path d=move || path.get() class="signature-ink"/>
            </svg>
            <button type="button" class="secondary" on:click=clear>{desk().signature_clear}</button>
        </div>
    }
}
