//! The catalogue as kept on this device, for offline use: its index, and each guide the
//! device has opened (or, on a terminal or desk, every guide).

use super::{commit, err, put_in, Storage, CATALOG_STORE};
use idb::TransactionMode;
use serde::{Deserialize, Serialize};

/// Where the index is kept (the whole catalogue was kept under "current" before).
const INDEX_KEY: &str = "index";
const CACHED_CATALOG_VERSION: u32 = 1;
const GUIDE_VERSION: u32 = 1;

fn guide_key(code: &str) -> String {
    format!("item:{code}")
}

/// One item's guide as kept on this device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedGuide {
    /// Shape version of this record.
    pub schema_version: u32,
    /// The guide's version in the index it came with.
    pub version: String,
    /// The guide's JSON, exactly as the server sent it.
    pub json: String,
}

/// A catalogue as kept on this device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedCatalog {
    /// Shape version of this record.
    pub schema_version: u32,
    /// When it was saved (ISO 8601, from the browser's clock).
    pub saved_at: String,
    /// The catalogue's JSON, exactly as the server sent it.
    pub json: String,
}

impl Storage {
    /// Replaces the cached index; returns once the write is committed.
    pub async fn save_catalog(&self, json: &str, saved_at: &str) -> Result<(), String> {
        let record = CachedCatalog {
            schema_version: CACHED_CATALOG_VERSION,
            saved_at: saved_at.to_string(),
            json: json.to_string(),
        };
        let text =
            serde_json::to_string(&record).map_err(|e| err(crate::text::faults().op_write, e))?;
        self.put_text(CATALOG_STORE, INDEX_KEY, &text).await
    }

    /// The cached index, if there is one. A record that cannot be read is an error
    /// that says so (and stays in place), not a silent "nothing cached".
    pub async fn load_catalog(&self) -> Result<Option<CachedCatalog>, String> {
        let Some(text) = self.get_text(CATALOG_STORE, INDEX_KEY).await? else {
            return Ok(None);
        };
        let text = text.map_err(|e| {
            err(
                crate::text::faults().op_read,
                (crate::text::faults().cached_catalog)(&e),
            )
        })?;
        let record: CachedCatalog = serde_json::from_str(&text).map_err(|e| {
            err(
                crate::text::faults().op_read,
                (crate::text::faults().cached_catalog_damaged)(&e.to_string()),
            )
        })?;
        if record.schema_version != CACHED_CATALOG_VERSION {
            return Err(err(
                crate::text::faults().op_read,
                (crate::text::faults().cached_version)(record.schema_version),
            ));
        }
        Ok(Some(record))
    }

    /// Keeps these guides (code, version, JSON), all in one transaction.
    pub async fn save_guides(&self, guides: &[(String, String, String)]) -> Result<(), String> {
        let what = crate::text::faults().op_write;
        let tx = self
            .db
            .transaction(&[CATALOG_STORE], TransactionMode::ReadWrite)
            .map_err(|e| err(what, e))?;
        let store = tx.object_store(CATALOG_STORE).map_err(|e| err(what, e))?;
        for (code, version, json) in guides {
            let record = CachedGuide {
                schema_version: GUIDE_VERSION,
                version: version.clone(),
                json: json.clone(),
            };
            let text = serde_json::to_string(&record).map_err(|e| err(what, e))?;
            put_in(&store, &guide_key(code), &text, what).await?;
        }
        commit(tx, what).await
    }

    /// The kept guide of item `code`, if any; a damaged record is an error saying so.
    pub async fn load_guide(&self, code: &str) -> Result<Option<CachedGuide>, String> {
        let what = crate::text::faults().op_read;
        let Some(text) = self.get_text(CATALOG_STORE, &guide_key(code)).await? else {
            return Ok(None);
        };
        let text = text.map_err(|e| err(what, e))?;
        let record: CachedGuide = serde_json::from_str(&text).map_err(|e| {
            err(
                what,
                (crate::text::faults().cached_catalog_damaged)(&e.to_string()),
            )
        })?;
        if record.schema_version != GUIDE_VERSION {
            return Err(err(
                what,
                (crate::text::faults().cached_version)(record.schema_version),
            ));
        }
        Ok(Some(record))
    }
}
