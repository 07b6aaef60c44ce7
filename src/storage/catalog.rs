//! The catalogue as kept on this device, for offline use.

use super::{err, Storage, CATALOG_STORE};
use serde::{Deserialize, Serialize};

const CURRENT_KEY: &str = "current";
const CACHED_CATALOG_VERSION: u32 = 1;

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
    /// Replaces the cached catalogue; returns once the write is committed.
    pub async fn save_catalog(&self, json: &str, saved_at: &str) -> Result<(), String> {
        let record = CachedCatalog {
            schema_version: CACHED_CATALOG_VERSION,
            saved_at: saved_at.to_string(),
            json: json.to_string(),
        };
        let text =
            serde_json::to_string(&record).map_err(|e| err(crate::text::faults().op_write, e))?;
        self.put_text(CATALOG_STORE, CURRENT_KEY, &text).await
    }

    /// The cached catalogue, if there is one. A record that cannot be read is an error
    /// that says so (and stays in place), not a silent "nothing cached".
    pub async fn load_catalog(&self) -> Result<Option<CachedCatalog>, String> {
        let Some(text) = self.get_text(CATALOG_STORE, CURRENT_KEY).await? else {
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
}
