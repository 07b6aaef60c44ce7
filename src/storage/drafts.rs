//! Drafts: an application in progress, saved on every change so that nothing the user
//! entered is lost — not by a reload, a closed tab or a crash.
//!
//! Each save is a read-compare-write in one transaction on the draft's `revision`: a tab
//! that saves over a newer revision (written by another tab) is told so instead of
//! overwriting it.

use super::{commit, err, get_in, put_in, Storage, DRAFTS_STORE};
use idb::TransactionMode;
use onewindow_core::condition::Answers;
use onewindow_core::outcome::Marks;
use onewindow_core::submission::{ApplicantInput, Channel};
use serde::{Deserialize, Serialize};

/// The version of the draft record. Bump it and add a step to [`upgrade`] when it changes.
pub const DRAFT_VERSION: u32 = 3;

/// Where a draft stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DraftStatus {
    /// Being filled in.
    Editing,
    /// Frozen and waiting in the outbox to be sent.
    Queued,
    /// The server has it.
    Submitted {
        /// The case number.
        number: String,
        /// The lookup code.
        lookup_code: String,
        /// For a bundle (一件事): the other items' case numbers, under the same code.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        more: Vec<String>,
    },
}

/// An application in progress, in memory. Stored through `draft_record`'s own types.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// See [`DRAFT_VERSION`].
    pub schema_version: u32,
    /// Its id, also the Idempotency-Key when it is sent.
    pub id: String,
    /// The item applied for.
    pub item: String,
    /// The answers so far.
    pub answers: Answers,
    /// The applicant as entered so far.
    pub applicant: ApplicantInput,
    /// The page the user was last on, to resume there.
    pub step: String,
    /// Increases with every save.
    pub revision: u64,
    /// When it was started (ISO 8601).
    pub created_at: String,
    /// When it was last saved (ISO 8601).
    pub updated_at: String,
    /// Where it stands.
    pub status: DraftStatus,
    /// An online pre-check by the applicant, or a case a clerk receives at the desk
    /// (version 2).
    pub channel: Channel,
    /// The desk's marks, one per material (version 2; empty for a pre-check).
    pub marks: Marks,
    /// The clerk who receives it (version 2; empty for a pre-check).
    pub actor: String,
    /// Who acts for the applicant (代办), as entered (version 2).
    pub agent: Option<ApplicantInput>,
    /// The guide of each item the draft was made with (version 3), so that a newer
    /// guide can be compared with it: by item code.
    pub guides: std::collections::BTreeMap<String, DraftGuide>,
    /// How the applicant wants the result (version 3; `None` until chosen).
    pub delivery: Option<onewindow_core::submission::DeliveryChoice>,
    /// Started at a self-service terminal: made there, or continuing its hand-over.
    pub via_terminal: bool,
}

/// An item's guide as a draft was made with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftGuide {
    /// Its version (as the catalogue index gives it).
    pub version: String,
    /// The guide's JSON exactly as the server sent it.
    pub json: String,
}

/// A draft as found in storage: readable, or kept as it is with the reason it cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftEntry {
    /// A draft.
    Ok(Box<Draft>),
    /// A record that cannot be read; it is kept, never dropped silently.
    Unreadable {
        /// Its key.
        id: String,
        /// Why it cannot be read.
        reason: String,
        /// What is stored, as text where it is text.
        raw: String,
    },
}

/// What a save did.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveResult {
    /// Saved as this revision.
    Saved(u64),
    /// Another tab saved a newer revision first; here it is. Nothing was overwritten.
    Newer(Box<Draft>),
}

use super::draft_record::encode;
pub use super::draft_record::upgrade;

impl Storage {
    /// All drafts, newest first; unreadable records are listed as such.
    pub async fn drafts(&self) -> Result<Vec<DraftEntry>, String> {
        let mut list: Vec<DraftEntry> = self
            .all_texts(DRAFTS_STORE)
            .await?
            .into_iter()
            .map(|(id, text)| match text {
                Ok(t) => match upgrade(&t) {
                    Ok(d) => DraftEntry::Ok(Box::new(d)),
                    Err(reason) => DraftEntry::Unreadable { id, reason, raw: t },
                },
                Err(reason) => DraftEntry::Unreadable {
                    id,
                    reason,
                    raw: String::new(),
                },
            })
            .collect();
        list.sort_by(|a, b| match (a, b) {
            (DraftEntry::Ok(x), DraftEntry::Ok(y)) => y.updated_at.cmp(&x.updated_at),
            (DraftEntry::Unreadable { .. }, DraftEntry::Ok(_)) => std::cmp::Ordering::Less,
            (DraftEntry::Ok(_), DraftEntry::Unreadable { .. }) => std::cmp::Ordering::Greater,
            _ => std::cmp::Ordering::Equal,
        });
        Ok(list)
    }

    /// One draft; `Err` says why it cannot be read (and it stays stored).
    pub async fn draft(&self, id: &str) -> Result<Option<Draft>, String> {
        match self.get_text(DRAFTS_STORE, id).await? {
            None => Ok(None),
            Some(Ok(text)) => upgrade(&text).map(Some),
            Some(Err(e)) => Err(e),
        }
    }

    /// Saves `draft` if the stored one is still at `draft.revision` (or absent), as the
    /// next revision; otherwise returns the newer stored draft and writes nothing.
    pub async fn save_draft(&self, draft: &Draft) -> Result<SaveResult, String> {
        let tx = self
            .db
            .transaction(&[DRAFTS_STORE], TransactionMode::ReadWrite)
            .map_err(|e| err(crate::text::faults().op_save_draft, e))?;
        let store = tx
            .object_store(DRAFTS_STORE)
            .map_err(|e| err(crate::text::faults().op_save_draft, e))?;
        let current = get_in(&store, &draft.id, crate::text::faults().op_save_draft).await?;
        if let Some(stored) = current
            .and_then(|v| v.as_string())
            .and_then(|t| upgrade(&t).ok())
        {
            if stored.revision > draft.revision {
                return Ok(SaveResult::Newer(Box::new(stored)));
            }
        }
        let mut next = draft.clone();
        next.revision = draft.revision + 1;
        let text = encode(&next)?;
        put_in(
            &store,
            &draft.id,
            &text,
            crate::text::faults().op_save_draft,
        )
        .await?;
        commit(tx, crate::text::faults().op_save_draft).await?;
        Ok(SaveResult::Saved(next.revision))
    }

    /// Deletes a draft (readable or not).
    pub async fn delete_draft(&self, id: &str) -> Result<(), String> {
        self.delete(DRAFTS_STORE, id).await
    }
}
