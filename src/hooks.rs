//! Browser listeners and timers that end with the component that started them (the
//! leptos-use pattern): each `use_…` registers its own removal with `on_cleanup`, so a
//! page that goes away leaves no listener, interval or channel behind. For work that
//! lives outside a component (the clerk's idle logout), [`Listener`] and [`Broadcast`]
//! remove themselves when dropped.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// An event listener on a browser object, removed when dropped.
pub struct Listener {
    target: web_sys::EventTarget,
    event: &'static str,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    /// Listens for `event` on `target`.
    pub fn new(
        target: &web_sys::EventTarget,
        event: &'static str,
        f: impl FnMut(web_sys::Event) + 'static,
    ) -> Listener {
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        let _ = target.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            event,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(
            self.event,
            self.callback.as_ref().unchecked_ref(),
        );
    }
}

/// A BroadcastChannel with its message handler, closed when dropped.
pub struct Broadcast {
    channel: web_sys::BroadcastChannel,
    _callback: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Broadcast {
    /// Listens on channel `name`; `None` where the browser has no BroadcastChannel.
    pub fn new(name: &str, f: impl FnMut(web_sys::MessageEvent) + 'static) -> Option<Broadcast> {
        let channel = web_sys::BroadcastChannel::new(name).ok()?;
        let callback = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(f);
        channel.set_onmessage(Some(callback.as_ref().unchecked_ref()));
        Some(Broadcast {
            channel,
            _callback: callback,
        })
    }
}

impl Drop for Broadcast {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

/// Keeps `value` (a listener, a channel) until the current component is cleaned up.
pub fn keep_until_cleanup<T: 'static>(value: T) {
    let value = SendWrapper::new(value);
    on_cleanup(move || drop(value));
}

/// `f` on `event` of the window, until cleanup.
pub fn use_window_listener(event: &'static str, f: impl FnMut(web_sys::Event) + 'static) {
    if let Some(w) = web_sys::window() {
        keep_until_cleanup(Listener::new(&w, event, f));
    }
}

/// `f` on `event` of the document, until cleanup.
pub fn use_document_listener(event: &'static str, f: impl FnMut(web_sys::Event) + 'static) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        keep_until_cleanup(Listener::new(&d, event, f));
    }
}

/// `f` on every message of BroadcastChannel `name`, until cleanup.
pub fn use_broadcast(name: &str, f: impl FnMut(web_sys::MessageEvent) + 'static) {
    if let Some(b) = Broadcast::new(name, f) {
        keep_until_cleanup(b);
    }
}

/// `f` every `period`, until cleanup.
pub fn use_interval(period: Duration, f: impl Fn() + 'static) {
    if let Ok(handle) = set_interval_with_handle(f, period) {
        on_cleanup(move || handle.clear());
    }
}

/// The events that count as someone using the screen.
pub const ACTIVITY: [&str; 5] = ["pointerdown", "keydown", "touchstart", "input", "wheel"];

/// Calls `on_activity` whenever someone touches, types or scrolls, until cleanup.
pub fn use_activity(on_activity: impl Fn() + Clone + 'static) {
    for event in ACTIVITY {
        let f = on_activity.clone();
        use_window_listener(event, move |_| f());
    }
}
