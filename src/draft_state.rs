//! The draft being edited: loaded from IndexedDB, saved 300 ms after each change and at
//! once when the page is hidden or left, one save at a time, and never over a newer
//! revision written by another tab (which is loaded instead, with a note).

use crate::hooks::{use_broadcast, use_document_listener, use_window_listener};
use crate::storage::{Draft, DraftStatus, SaveResult, Storage, DEFAULT_DB, DRAFT_VERSION};
use crate::text::t;
use leptos::prelude::*;
use onewindow_core::condition::Answers;
use onewindow_core::submission::ApplicantInput;
use std::time::Duration;
use wasm_bindgen::prelude::*;

const CHANNEL: &str = "onewindow-drafts";
const DEBOUNCE: Duration = Duration::from_millis(300);

/// The draft being edited, and what the user should know about it.
#[derive(Clone, Copy)]
pub struct DraftHandle {
    /// The draft, once loaded.
    pub draft: RwSignal<Option<Draft>>,
    /// Loading or saving failed: why (nothing entered is discarded).
    pub error: RwSignal<Option<String>>,
    /// A note, e.g. that another tab's newer version was loaded.
    pub note: RwSignal<Option<String>>,
    /// Loading finished (found or not).
    pub loaded: RwSignal<bool>,
    /// Increases when the draft is replaced by a newer one from storage (another tab), so
    /// the page redraws its fields.
    pub generation: RwSignal<u32>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// The open database, so that a save on leaving the page starts at once.
    db: StoredValue<Option<std::rc::Rc<Storage>>, LocalStorage>,
    saving: StoredValue<bool>,
    dirty: StoredValue<bool>,
}

/// A new draft for `item`, with a fresh random id.
pub fn new_draft(item: &str) -> Draft {
    let now = now_iso();
    Draft {
        schema_version: DRAFT_VERSION,
        id: new_id(),
        item: item.to_string(),
        answers: Answers::new(),
        applicant: ApplicantInput::default(),
        step: String::new(),
        revision: 0,
        created_at: now.clone(),
        updated_at: now,
        status: DraftStatus::Editing,
        channel: onewindow_core::submission::Channel::PreCheck,
        marks: Default::default(),
        actor: String::new(),
        agent: None,
        guides: Default::default(),
        delivery: None,
        via_terminal: false,
    }
}

fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| {
            format!(
                "{:x}-{:x}",
                crate::clock::now_ms() as u64,
                (js_sys::Math::random() * 1e15) as u64
            )
        })
}

pub use crate::clock::now_iso;

thread_local! {
    /// This tab's id, so that a tab ignores its own announcements.
    static TAB: String = new_id();
}

/// Tells the tabs (including this one's other pages) that draft `id` changed.
pub fn announce_saved(id: &str) {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let tab = TAB.with(|t| t.clone());
        let _ = channel.post_message(&JsValue::from_str(&format!("{tab}|{id}")));
        channel.close();
    }
}

/// Whether a message is about draft `id` and comes from another tab, or from this tab's
/// outbox (which marks a draft submitted).
fn concerns(message: &str, id: &str, from_outbox_too: bool) -> bool {
    let Some((tab, draft)) = message.split_once('|') else {
        return false;
    };
    draft == id && (from_outbox_too || TAB.with(|t| t != tab))
}

/// The draft `id` for the current page: loaded, saved on every change, rescued when the
/// page is hidden or left, reloaded when another tab saves it; every listener ends with
/// the page.
pub fn use_draft(id: String) -> DraftHandle {
    DraftHandle::load(id)
}

impl DraftHandle {
    /// Loads draft `id` and keeps it saved while the page lives (see [`use_draft`]).
    pub fn load(id: String) -> DraftHandle {
        let handle = DraftHandle {
            draft: RwSignal::new(None),
            error: RwSignal::new(None),
            note: RwSignal::new(None),
            loaded: RwSignal::new(false),
            generation: RwSignal::new(0),
            timer: StoredValue::new(None),
            db: StoredValue::new_local(None),
            saving: StoredValue::new(false),
            dirty: StoredValue::new(false),
        };
        handle.reload(id.clone(), None);
        // Leaving or hiding the page saves at once. IndexedDB is asynchronous and a page
        // being torn down may not finish a write, so the unsaved draft is also put, at once
        // and synchronously, in localStorage; the next load takes it back. The listeners
        // and the channel end with the page.
        use_window_listener("pagehide", move |_| handle.rescue());
        use_document_listener("visibilitychange", move |_| handle.rescue());
        // Another tab saved this draft: load its newer version unless we have unsaved edits.
        use_broadcast(CHANNEL, move |e: web_sys::MessageEvent| {
            if !handle.alive() {
                return;
            }
            let queued = handle
                .draft
                .get_untracked()
                .is_some_and(|d| d.status == DraftStatus::Queued);
            let about = e
                .data()
                .as_string()
                .is_some_and(|m| concerns(&m, &id, queued));
            if about && !handle.dirty.get_value() && !handle.saving.get_value() {
                handle.reload(id.clone(), Some(t().draft_reloaded));
            }
        });
        handle
    }

    async fn storage(self) -> Result<std::rc::Rc<Storage>, String> {
        if let Some(db) = self.db.get_value() {
            return Ok(db);
        }
        let db = std::rc::Rc::new(Storage::open(DEFAULT_DB).await?);
        self.db.set_value(Some(db.clone()));
        Ok(db)
    }

    /// Whether the page that owns this handle still lives. Browser listeners and timers
    /// can outlive it (the user went to another page); they then do nothing, the draft
    /// having been saved on the way out.
    fn alive(self) -> bool {
        !self.draft.is_disposed()
    }

    /// Keeps unsaved edits synchronously in localStorage, then saves them as usual.
    fn rescue(self) {
        if !self.alive() {
            return;
        }
        if self.dirty.get_value() {
            if let (Some(d), Some(local)) = (self.draft.get_untracked(), local_storage()) {
                if let Ok(json) = crate::storage::encode_draft(&d) {
                    let _ = local.set_item(&rescue_key(&d.id), &json);
                }
            }
        }
        self.save_now();
    }

    fn reload(self, id: String, note: Option<&'static str>) {
        leptos::task::spawn_local(async move {
            let storage = self.storage().await;
            if !self.alive() {
                return;
            }
            match storage {
                Ok(storage) => match storage.draft(&id).await {
                    Ok(_) if !self.alive() => return,
                    Ok(found) => {
                        let (found, rescued) = take_rescued(&id, found);
                        let current = self.draft.get_untracked().map(|d| d.revision);
                        let newer = found.as_ref().map(|f| f.revision) > current;
                        // Never go back to an older revision, and never over unsaved edits.
                        if current.is_none() || (newer && !self.dirty.get_value()) {
                            if let (Some(note), true, Some(found)) =
                                (note, current.is_some(), &found)
                            {
                                if found.status == DraftStatus::Editing {
                                    self.note.set(Some(note.to_string()));
                                }
                            }
                            self.draft.set(found);
                            if current.is_some() {
                                self.generation.update(|g| *g += 1);
                            }
                        }
                        if rescued {
                            self.dirty.set_value(true);
                            self.save_now();
                        }
                    }
                    Err(e) => self.error.set(Some(format!("{}{e}", t().draft_unreadable))),
                },
                Err(e) => self.error.set(Some(e)),
            }
            self.loaded.set(true);
        });
    }

    /// Changes the draft and schedules a save.
    pub fn edit(self, change: impl FnOnce(&mut Draft)) {
        self.draft.update(|d| {
            if let Some(d) = d {
                change(d);
                d.updated_at = now_iso();
            }
        });
        self.dirty.set_value(true);
        if let Some(h) = self.timer.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(move || self.save_now(), DEBOUNCE).ok();
        self.timer.set_value(h);
    }

    /// Drops the waiting save: the caller writes the draft itself (queueing it freezes
    /// the whole draft, with every edit made so far), so no later save may race it.
    pub fn take_over_save(self) {
        if let Some(h) = self.timer.get_value() {
            h.clear();
        }
        self.timer.set_value(None);
        self.dirty.set_value(false);
    }

    /// Saves now (if anything changed); a save already running is followed by another.
    pub fn save_now(self) {
        if !self.alive() || !self.dirty.get_value() {
            return;
        }
        if self.saving.get_value() {
            return; // the running save re-checks `dirty` when it ends
        }
        let Some(draft) = self.draft.get_untracked() else {
            return;
        };
        self.saving.set_value(true);
        self.dirty.set_value(false);
        leptos::task::spawn_local(async move {
            let result = match self.storage().await {
                Ok(storage) => {
                    crate::perf::start("onewindow:draft-save");
                    let saved = storage.save_draft(&draft).await;
                    crate::perf::end("onewindow:draft-save");
                    saved
                }
                Err(e) => Err(e),
            };
            if !self.alive() {
                if matches!(result, Ok(SaveResult::Saved(_))) {
                    announce_saved(&draft.id);
                }
                return;
            }
            match result {
                Ok(SaveResult::Saved(revision)) => {
                    if let Some(local) = local_storage() {
                        let _ = local.remove_item(&rescue_key(&draft.id));
                    }
                    self.draft.update(|d| {
                        if let Some(d) = d {
                            d.revision = revision;
                        }
                    });
                    self.error.set(None);
                    announce_saved(&draft.id);
                }
                Ok(SaveResult::Newer(newer)) => {
                    self.draft.set(Some(*newer));
                    self.generation.update(|g| *g += 1);
                    self.note.set(Some(t().draft_reloaded.to_string()));
                }
                Err(e) => {
                    // Keep what was typed; try again with the next change or on leaving.
                    self.dirty.set_value(true);
                    self.error
                        .set(Some(format!("{}{e}", t().draft_save_failed)));
                }
            }
            self.saving.set_value(false);
            if self.dirty.get_value() {
                self.save_now();
            }
        });
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn rescue_key(id: &str) -> String {
    format!("onewindow-draft-rescue:{id}")
}

/// The draft kept on leaving the page, if it is newer than the stored one (and whether
/// it was taken, so that it is saved into IndexedDB at once).
fn take_rescued(id: &str, stored: Option<Draft>) -> (Option<Draft>, bool) {
    let Some(local) = local_storage() else {
        return (stored, false);
    };
    let Some(text) = local.get_item(&rescue_key(id)).ok().flatten() else {
        return (stored, false);
    };
    let rescued = crate::storage::upgrade_draft(&text).ok();
    match (rescued, stored) {
        (Some(r), Some(s)) if r.revision >= s.revision && r.updated_at > s.updated_at => {
            (Some(r), true)
        }
        (Some(r), None) => (Some(r), true),
        (_, stored) => {
            let _ = local.remove_item(&rescue_key(id));
            (stored, false)
        }
    }
}

/// Creates a draft for `item` (an item's or a bundle's code) and opens its first question.
pub fn start_precheck(item: String) {
    let draft = crate::draft_state::new_draft(&item);
    let navigate = leptos_router::hooks::use_navigate();
    leptos::task::spawn_local(async move {
        if let Ok(storage) = crate::storage::Storage::open(crate::storage::DEFAULT_DB).await {
            let _ = storage.save_draft(&draft).await;
        }
        navigate(
            &crate::apply_step::step_url(&draft.id, &crate::apply_step::Step::Start),
            Default::default(),
        );
    });
}
