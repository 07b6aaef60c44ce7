//! The outbox: submissions waiting for the server. An entry is written in the same
//! transaction that freezes its draft, and removed only when the server has confirmed.

use super::drafts::{upgrade, Draft, DraftStatus};
use super::{commit, err, get_in, put_in, Storage, DRAFTS_STORE, OUTBOX_STORE};
use idb::TransactionMode;
use onewindow_core::submission::Submission;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// The version of the outbox record.
pub const OUTBOX_VERSION: u32 = 1;

/// A submission waiting to be sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// See [`OUTBOX_VERSION`].
    pub schema_version: u32,
    /// The draft's id, sent as the Idempotency-Key.
    pub id: String,
    /// The item applied for (to show what is waiting).
    pub item: String,
    /// What is sent: the submission's JSON, exactly as frozen. Kept as text so that the
    /// browser never needs to read a submission back (which keeps the bundle smaller).
    pub body: String,
    /// When it was queued (ms since 1970, the browser's clock).
    pub queued_at: f64,
    /// How many times sending failed.
    pub attempts: u32,
    /// Not before this time (ms since 1970).
    pub next_attempt_at: f64,
    /// What went wrong last time, in words for the user.
    pub last_error: Option<String>,
}

fn read(text: &str) -> Result<OutboxEntry, String> {
    let entry: OutboxEntry = serde_json::from_str(text)
        .map_err(|e| (crate::text::faults().queued_damaged)(&e.to_string()))?;
    if entry.schema_version != OUTBOX_VERSION {
        return Err((crate::text::faults().queued_version)(entry.schema_version));
    }
    Ok(entry)
}

impl Storage {
    /// Freezes the draft (status Queued) and puts its submission in the outbox, in one
    /// transaction: either both happen or neither.
    pub async fn queue(
        &self,
        draft: &Draft,
        submission: &Submission,
        now_ms: f64,
    ) -> Result<(), String> {
        let what = crate::text::faults().op_queue;
        let tx = self
            .db
            .transaction(&[DRAFTS_STORE, OUTBOX_STORE], TransactionMode::ReadWrite)
            .map_err(|e| err(what, e))?;
        let drafts = tx.object_store(DRAFTS_STORE).map_err(|e| err(what, e))?;
        let outbox = tx.object_store(OUTBOX_STORE).map_err(|e| err(what, e))?;
        let mut frozen = draft.clone();
        frozen.status = DraftStatus::Queued;
        frozen.revision += 1;
        let entry = OutboxEntry {
            schema_version: OUTBOX_VERSION,
            id: draft.id.clone(),
            item: submission.item.clone(),
            body: serde_json::to_string(submission).map_err(|e| err(what, e))?,
            queued_at: now_ms,
            attempts: 0,
            next_attempt_at: now_ms,
            last_error: None,
        };
        let d = super::draft_record::encode(&frozen)?;
        let o = serde_json::to_string(&entry).map_err(|e| err(what, e))?;
        put_in(&drafts, &draft.id, &d, what).await?;
        put_in(&outbox, &draft.id, &o, what).await?;
        commit(tx, what).await
    }

    /// Everything waiting, oldest first; unreadable entries are reported, not dropped.
    pub async fn outbox(&self) -> Result<Vec<Result<OutboxEntry, (String, String)>>, String> {
        let mut list: Vec<_> = self
            .all_texts(OUTBOX_STORE)
            .await?
            .into_iter()
            .map(|(id, text)| text.and_then(|t| read(&t)).map_err(|e| (id, e)))
            .collect();
        list.sort_by(|a, b| match (a, b) {
            (Ok(x), Ok(y)) => x.queued_at.total_cmp(&y.queued_at),
            _ => std::cmp::Ordering::Equal,
        });
        Ok(list)
    }

    /// Records a failed attempt — unless the entry is gone meanwhile (another tab's send
    /// was confirmed): a late failure must never bring a sent case back.
    pub async fn outbox_failed(&self, entry: &OutboxEntry) -> Result<(), String> {
        let what = crate::text::faults().op_update_queue;
        let tx = self
            .db
            .transaction(&[OUTBOX_STORE], TransactionMode::ReadWrite)
            .map_err(|e| err(what, e))?;
        let store = tx.object_store(OUTBOX_STORE).map_err(|e| err(what, e))?;
        if get_in(&store, &entry.id, what).await?.is_some() {
            let text = serde_json::to_string(entry).map_err(|e| err(what, e))?;
            put_in(&store, &entry.id, &text, what).await?;
        }
        commit(tx, what).await
    }

    /// The server confirmed: remove the entry and mark the draft submitted, in one
    /// transaction.
    pub async fn outbox_confirmed(
        &self,
        id: &str,
        number: &str,
        lookup_code: &str,
        more: &[String],
    ) -> Result<(), String> {
        let what = crate::text::faults().op_confirm_sent;
        let tx = self
            .db
            .transaction(&[DRAFTS_STORE, OUTBOX_STORE], TransactionMode::ReadWrite)
            .map_err(|e| err(what, e))?;
        let drafts = tx.object_store(DRAFTS_STORE).map_err(|e| err(what, e))?;
        let outbox = tx.object_store(OUTBOX_STORE).map_err(|e| err(what, e))?;
        let current = get_in(&drafts, id, what).await?;
        if let Some(mut d) = current
            .and_then(|v| v.as_string())
            .and_then(|t| upgrade(&t).ok())
        {
            d.status = DraftStatus::Submitted {
                number: number.to_string(),
                lookup_code: lookup_code.to_string(),
                more: more.to_vec(),
            };
            d.revision += 1;
            let text = super::draft_record::encode(&d)?;
            put_in(&drafts, id, &text, what).await?;
        }
        outbox
            .delete(JsValue::from_str(id))
            .map_err(|e| err(what, e))?
            .await
            .map_err(|e| err(what, e))?;
        commit(tx, what).await
    }
}
