//! Sending the outbox: at start, when the network returns, when the tab becomes visible,
//! and on a timer with back-off. An entry leaves the outbox only when the server has the
//! case; the user sees what is waiting, since when, and why.

use crate::api::{post_case, PostResult};
use crate::hooks::{use_broadcast, use_document_listener, use_interval, use_window_listener};
use crate::storage::{OutboxEntry, Storage, DEFAULT_DB};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::prelude::*;

/// One case waiting to be sent, as the user sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    /// The draft's id.
    pub id: String,
    /// The item's code.
    pub item: String,
    /// When it was queued (ms since 1970).
    pub queued_at: f64,
    /// Failed attempts so far.
    pub attempts: u32,
    /// The last problem, if any.
    pub last_error: Option<String>,
}

/// The outbox as the app shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutboxView {
    /// Cases waiting.
    pub waiting: Vec<Waiting>,
    /// Entries that cannot be read: (id, why). They are kept.
    pub unreadable: Vec<(String, String)>,
}

/// The app-wide outbox signal, provided by [`crate::App`].
#[derive(Clone, Copy)]
pub struct OutboxContext(pub RwSignal<OutboxView>);

thread_local! {
    static FLUSHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

const CHANNEL: &str = "onewindow-outbox";

/// Waits after `attempts` failures: 5 s, 10 s, 20 s … up to 10 minutes.
fn backoff_ms(attempts: u32) -> f64 {
    (5_000.0 * 2f64.powi(attempts.min(10) as i32)).min(600_000.0)
}

/// Starts the sender: now, on `online`, on becoming visible, every 10 s, and when another
/// tab changes the outbox. The first three try every entry at once (the network is
/// back, or the user is looking); the timer only those whose back-off has run out.
pub fn start(view: RwSignal<OutboxView>) {
    flush_all(view);
    // Everything below ends with the app's owner.
    use_window_listener("online", move |_| flush_all(view));
    use_document_listener("visibilitychange", move |_| {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if visible {
            flush_all(view);
        }
    });
    use_interval(Duration::from_secs(10), move || flush(view));
    use_broadcast(CHANNEL, move |_| refresh(view));
}

/// Tells the other tabs that the outbox changed.
pub fn announce() {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&JsValue::from_str("changed"));
        channel.close();
    }
}

/// Re-reads the outbox into the view.
pub fn refresh(view: RwSignal<OutboxView>) {
    leptos::task::spawn_local(async move {
        if let Ok(storage) = Storage::open(DEFAULT_DB).await {
            view.set(read(&storage).await);
        }
    });
}

async fn read(storage: &Storage) -> OutboxView {
    let mut out = OutboxView::default();
    for entry in storage.outbox().await.unwrap_or_default() {
        match entry {
            Ok(e) => out.waiting.push(Waiting {
                id: e.id,
                item: e.item,
                queued_at: e.queued_at,
                attempts: e.attempts,
                last_error: e.last_error,
            }),
            Err(bad) => out.unreadable.push(bad),
        }
    }
    out
}

/// Sends every entry whose back-off has run out.
pub fn flush(view: RwSignal<OutboxView>) {
    send_waiting(view, false);
}

/// Sends every entry now, whatever its back-off.
pub fn flush_all(view: RwSignal<OutboxView>) {
    send_waiting(view, true);
}

/// Sends entries one at a time; a flush already running in this tab is not doubled
/// (another tab's is harmless: the Idempotency-Key makes the case land once).
fn send_waiting(view: RwSignal<OutboxView>, all: bool) {
    if FLUSHING.with(|f| f.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Ok(storage) = Storage::open(DEFAULT_DB).await {
            let now = crate::clock::now_ms();
            for entry in storage
                .outbox()
                .await
                .unwrap_or_default()
                .into_iter()
                .flatten()
            {
                if all || entry.next_attempt_at <= now {
                    send(&storage, entry).await;
                }
            }
            view.set(read(&storage).await);
        }
        FLUSHING.with(|f| f.set(false));
    });
}

async fn send(storage: &Storage, mut entry: OutboxEntry) {
    let failed = match post_case(&entry.id, &entry.body).await {
        PostResult::Stored {
            number,
            lookup_code,
            more,
        } => {
            if storage
                .outbox_confirmed(&entry.id, &number, &lookup_code, &more)
                .await
                .is_ok()
            {
                announce();
                crate::draft_state::announce_saved(&entry.id);
            }
            return;
        }
        PostResult::Retry(why) => why,
        PostResult::Refused(why) => why,
    };
    entry.attempts += 1;
    entry.next_attempt_at = crate::clock::now_ms() + backoff_ms(entry.attempts);
    entry.last_error = Some(failed);
    let _ = storage.outbox_failed(&entry).await;
    announce();
}
