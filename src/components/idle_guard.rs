//! A shared terminal forgets: after a while without input, a visible countdown starts that
//! any touch or key cancels; when it runs out, drafts with personal data are deleted from
//! the device and the start page is shown. Cases waiting to be sent are kept (they are
//! already the applicant's submission).

use crate::display::DisplayContext;
use crate::hooks::{use_activity, use_interval};
use crate::storage::{DraftEntry, DraftStatus, Storage, DEFAULT_DB};
use crate::text::t;
use leptos::prelude::*;
use std::time::Duration;

/// The idle countdown of a terminal.
#[component]
pub fn IdleGuard() -> impl IntoView {
    let DisplayContext(display) = expect_context();
    let idle = RwSignal::new(0u32);
    let reset = move || idle.set(0);
    // Both end with the component (a terminal switched back, the app torn down).
    use_activity(reset);
    use_interval(Duration::from_secs(1), move || {
        if !display.get_untracked().terminal {
            return;
        }
        let d = display.get_untracked();
        let limit = d.idle_seconds + d.countdown_seconds;
        let now = idle.get_untracked() + 1;
        idle.set(now);
        if now >= limit {
            idle.set(0);
            leptos::task::spawn_local(clear_session());
        }
    });
    move || {
        let d = display.get();
        let elapsed = idle.get();
        (d.terminal && elapsed > d.idle_seconds).then(|| {
            let left = d.idle_seconds + d.countdown_seconds - elapsed;
            view! {
                <div class="idle-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text">
                    <h2 id="idle-title">{t().idle_title}</h2>
                    <p id="idle-text" aria-live="assertive">{t().idle_text_before}{left}{t().idle_text_after}</p>
                    <button type="button" on:click=move |_| reset()>{t().idle_continue}</button>
                </div>
            }
        })
    }
}

/// Deletes the drafts this device holds (but not the cases waiting to be sent) and their
/// rescue copies, then starts afresh.
pub async fn clear_session() {
    clear_session_to("/").await;
}

/// Like [`clear_session`], then goes to `to`.
pub async fn clear_session_to(to: &str) {
    if let Ok(storage) = Storage::open(DEFAULT_DB).await {
        for entry in storage.drafts().await.unwrap_or_default() {
            let id = match entry {
                DraftEntry::Ok(d) if d.status == DraftStatus::Queued => continue,
                DraftEntry::Ok(d) => d.id,
                DraftEntry::Unreadable { id, .. } => id,
            };
            let _ = storage.delete_draft(&id).await;
        }
    }
    if let Some(local) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let keys: Vec<String> = (0..local.length().unwrap_or(0))
            .filter_map(|i| local.key(i).ok().flatten())
            .collect();
        for k in keys
            .into_iter()
            .filter(|k| k.starts_with("onewindow-draft-rescue:"))
        {
            let _ = local.remove_item(&k);
        }
    }
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(to);
    }
}
