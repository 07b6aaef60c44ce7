//! The browser's own storage (IndexedDB, through the `idb` crate): the cached catalogue,
//! drafts and the outbox.
//!
//! Every record is a versioned JSON text, separate from the core's types, so that a
//! future shape is recognised and upgraded instead of misread, and a record that cannot be
//! read is reported and kept, never dropped.

mod catalog;
mod draft_record;
mod drafts;
mod outbox;

pub use catalog::CachedCatalog;
pub use draft_record::encode as encode_draft;
pub use drafts::{
    upgrade as upgrade_draft, Draft, DraftEntry, DraftGuide, DraftStatus, SaveResult, DRAFT_VERSION,
};
pub use outbox::{OutboxEntry, OUTBOX_VERSION};

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use wasm_bindgen::JsValue;

/// The app's database name.
pub const DEFAULT_DB: &str = "onewindow";
/// Version 1: the catalogue; version 2 adds drafts and the outbox.
const DB_VERSION: u32 = 2;
const CATALOG_STORE: &str = "catalog";
const DRAFTS_STORE: &str = "drafts";
const OUTBOX_STORE: &str = "outbox";
const STORES: [&str; 3] = [CATALOG_STORE, DRAFTS_STORE, OUTBOX_STORE];

/// Reads `key` of `store` inside a transaction.
async fn get_in(
    store: &idb::ObjectStore,
    key: &str,
    what: &str,
) -> Result<Option<JsValue>, String> {
    store
        .get(JsValue::from_str(key))
        .map_err(|e| err(what, e))?
        .await
        .map_err(|e| err(what, e))
}

/// Writes `text` under `key` of `store` inside a transaction.
async fn put_in(store: &idb::ObjectStore, key: &str, text: &str, what: &str) -> Result<(), String> {
    store
        .put(&JsValue::from_str(text), Some(&JsValue::from_str(key)))
        .map_err(|e| err(what, e))?
        .await
        .map_err(|e| err(what, e))?;
    Ok(())
}

/// Commits `tx` and waits until it is done.
async fn commit(tx: idb::Transaction, what: &str) -> Result<(), String> {
    tx.commit()
        .map_err(|e| err(what, e))?
        .await
        .map_err(|e| err(what, e))?;
    Ok(())
}

/// An open connection to the app's IndexedDB database.
pub struct Storage {
    db: Database,
}

fn err(what: &str, e: impl std::fmt::Display) -> String {
    (crate::text::faults().storage_failed)(what, &e.to_string())
}

impl Storage {
    /// Opens (and creates or upgrades) the database `name`. Upgrades only add stores, so
    /// what version 1 stored is kept.
    pub async fn open(name: &str) -> Result<Storage, String> {
        let factory = Factory::new().map_err(|e| err(crate::text::faults().op_open, e))?;
        let mut request = factory
            .open(name, Some(DB_VERSION))
            .map_err(|e| err(crate::text::faults().op_open, e))?;
        request.on_upgrade_needed(|event| {
            if let Ok(db) = event.database() {
                let present = db.store_names();
                for store in STORES {
                    if !present.iter().any(|s| s == store) {
                        let _ = db.create_object_store(store, ObjectStoreParams::new());
                    }
                }
            }
        });
        let db = request
            .await
            .map_err(|e| err(crate::text::faults().op_open, e))?;
        Ok(Storage { db })
    }

    /// Closes the connection (tests delete their database afterwards).
    pub fn close(self) {
        self.db.close();
    }

    async fn get_text(
        &self,
        store: &str,
        key: &str,
    ) -> Result<Option<Result<String, String>>, String> {
        let tx = self
            .db
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(|e| err(crate::text::faults().op_read, e))?;
        let s = tx
            .object_store(store)
            .map_err(|e| err(crate::text::faults().op_read, e))?;
        let value = get_in(&s, key, crate::text::faults().op_read).await?;
        Ok(value.map(|v| {
            v.as_string()
                .ok_or_else(|| crate::text::faults().record_not_text.to_string())
        }))
    }

    async fn put_text(&self, store: &str, key: &str, text: &str) -> Result<(), String> {
        let tx = self
            .db
            .transaction(&[store], TransactionMode::ReadWrite)
            .map_err(|e| err(crate::text::faults().op_write, e))?;
        let s = tx
            .object_store(store)
            .map_err(|e| err(crate::text::faults().op_write, e))?;
        put_in(&s, key, text, crate::text::faults().op_write).await?;
        commit(tx, crate::text::faults().op_write).await
    }

    async fn delete(&self, store: &str, key: &str) -> Result<(), String> {
        let tx = self
            .db
            .transaction(&[store], TransactionMode::ReadWrite)
            .map_err(|e| err(crate::text::faults().op_delete, e))?;
        let s = tx
            .object_store(store)
            .map_err(|e| err(crate::text::faults().op_delete, e))?;
        s.delete(JsValue::from_str(key))
            .map_err(|e| err(crate::text::faults().op_delete, e))?
            .await
            .map_err(|e| err(crate::text::faults().op_delete, e))?;
        commit(tx, crate::text::faults().op_delete).await
    }

    /// Every record of `store` as (key, text or why it is not text).
    async fn all_texts(
        &self,
        store: &str,
    ) -> Result<Vec<(String, Result<String, String>)>, String> {
        let tx = self
            .db
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(|e| err(crate::text::faults().op_read, e))?;
        let s = tx
            .object_store(store)
            .map_err(|e| err(crate::text::faults().op_read, e))?;
        let keys = s
            .get_all_keys(None, None)
            .map_err(|e| err(crate::text::faults().op_read, e))?
            .await
            .map_err(|e| err(crate::text::faults().op_read, e))?;
        let values = s
            .get_all(None, None)
            .map_err(|e| err(crate::text::faults().op_read, e))?
            .await
            .map_err(|e| err(crate::text::faults().op_read, e))?;
        Ok(keys
            .into_iter()
            .zip(values)
            .map(|(k, v)| {
                let key = k.as_string().unwrap_or_default();
                (
                    key,
                    v.as_string()
                        .ok_or_else(|| crate::text::faults().record_not_text.to_string()),
                )
            })
            .collect())
    }
}
