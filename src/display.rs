//! How the app looks and behaves for whom: the standard mode, the assisted mode for
//! elderly applicants (large type, high contrast, big targets, read aloud) with an even
//! larger type setting, and the terminal lock that keeps a self-service terminal in the
//! assisted mode and forgets what was entered when it is left alone.
//!
//! A terminal is set up once by opening the app with `?terminal=1` (and optionally
//! `&idle=SECONDS` before the countdown starts, `&countdown=SECONDS` for how long it lasts,
//! at least 5); it is remembered in localStorage.

use leptos::prelude::*;

const KEY: &str = "onewindow-display";
const PLACE_KEY: &str = "onewindow-terminal-place";

/// Where this terminal stands, as set at installation (`&place=…`).
pub fn terminal_place() -> String {
    local()
        .and_then(|l| l.get_item(PLACE_KEY).ok().flatten())
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| crate::text::help_text().default_place.to_string())
}

/// The display settings, provided by [`crate::App`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Display {
    /// Large type, high contrast, one thing at a time.
    pub assisted: bool,
    /// An even larger type (assisted mode only).
    pub larger: bool,
    /// A self-service terminal: assisted mode cannot be left, and idle sessions are cleared.
    pub terminal: bool,
    /// Seconds without input before the clearing countdown starts (terminals).
    pub idle_seconds: u32,
    /// Seconds the countdown lasts.
    pub countdown_seconds: u32,
    /// Read each page aloud on arrival (questions, the list, errors), switched on by a
    /// helper; without it, only on request.
    pub auto_read: bool,
    /// Speech rate: 0 slow, 1 normal, 2 fast.
    pub speech_rate: u8,
}

impl Display {
    /// The speech synthesiser's rate for [`Display::speech_rate`].
    pub fn rate(&self) -> f32 {
        match self.speech_rate {
            0 => 0.7,
            2 => 1.2,
            _ => 0.9,
        }
    }
}

/// The app-wide display signal.
#[derive(Clone, Copy)]
pub struct DisplayContext(pub RwSignal<Display>);

fn local() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Reads the settings: the URL's `terminal`/`idle` first (and remembers them), then what
/// was stored.
pub fn load() -> Display {
    let stored = local()
        .and_then(|l| l.get_item(KEY).ok().flatten())
        .unwrap_or_default();
    let mut d = Display {
        assisted: stored.contains("assisted"),
        larger: stored.contains("larger"),
        terminal: stored.contains("terminal"),
        idle_seconds: stored
            .split(';')
            .find_map(|p| p.strip_prefix("idle="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(120),
        countdown_seconds: stored
            .split(';')
            .find_map(|p| p.strip_prefix("countdown="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(30),
        auto_read: stored.split(';').any(|p| p == "autoread"),
        speech_rate: stored
            .split(';')
            .find_map(|p| p.strip_prefix("rate="))
            .and_then(|v| v.parse().ok())
            .map_or(1, |r: u8| r.min(2)),
    };
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let param = |name: &str| {
        search.trim_start_matches('?').split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k == name).then(|| v.to_string())
        })
    };
    if let Some(place) = param("place") {
        let place = String::from(
            js_sys::decode_uri_component(&place.replace('+', " ")).unwrap_or_default(),
        );
        if let Some(l) = local() {
            let _ = l.set_item(PLACE_KEY, place.trim());
        }
    }
    match param("terminal").as_deref() {
        Some("1") => {
            d.terminal = true;
            d.assisted = true;
        }
        Some("0") => d.terminal = false,
        _ => {}
    }
    if let Some(idle) = param("idle").and_then(|v| v.parse().ok()) {
        d.idle_seconds = idle;
    }
    if let Some(c) = param("countdown").and_then(|v| v.parse::<u32>().ok()) {
        d.countdown_seconds = c.max(5);
    }
    save(&d);
    d
}

/// Remembers the settings on this device.
pub fn save(d: &Display) {
    let mut parts = Vec::new();
    if d.assisted {
        parts.push("assisted".to_string());
    }
    if d.larger {
        parts.push("larger".to_string());
    }
    if d.terminal {
        parts.push("terminal".to_string());
    }
    if d.auto_read {
        parts.push("autoread".to_string());
    }
    parts.push(format!("rate={}", d.speech_rate));
    parts.push(format!("idle={}", d.idle_seconds));
    parts.push(format!("countdown={}", d.countdown_seconds));
    if let Some(l) = local() {
        let _ = l.set_item(KEY, &parts.join(";"));
    }
}

/// Puts the mode's classes on `<html>` so the stylesheet follows.
pub fn apply(d: &Display) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|doc| doc.document_element())
    {
        let classes = root.class_list();
        for (name, on) in [
            ("assisted", d.assisted),
            ("larger", d.assisted && d.larger),
            ("terminal", d.terminal),
        ] {
            let _ = if on {
                classes.add_1(name)
            } else {
                classes.remove_1(name)
            };
        }
    }
}
