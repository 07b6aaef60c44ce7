//! The browser's own storage (IndexedDB, through the `idb` crate): today the cached
//! catalogue; drafts and the outbox join it later.
//!
//! What is stored is a versioned wrapper, separate from the core's types, so that a
//! future shape can be recognised and upgraded instead of misread.

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// The app's database name.
pub const DEFAULT_DB: &str = "onewindow";
const DB_VERSION: u32 = 1;
const CATALOG_STORE: &str = "catalog";
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

/// An open connection to the app's IndexedDB database.
pub struct Storage {
    db: Database,
}

fn err(what: &str, e: impl std::fmt::Display) -> String {
    format!("本机存储（IndexedDB）{what}失败：{e}")
}

impl Storage {
    /// Opens (and on first use creates) the database `name`.
    pub async fn open(name: &str) -> Result<Storage, String> {
        let factory = Factory::new().map_err(|e| err("打开", e))?;
        let mut request = factory
            .open(name, Some(DB_VERSION))
            .map_err(|e| err("打开", e))?;
        request.on_upgrade_needed(|event| {
            // Version 1 has a single key-value store; later versions add stores here.
            if let Ok(db) = event.database() {
                if !db.store_names().iter().any(|s| s == CATALOG_STORE) {
                    let _ = db.create_object_store(CATALOG_STORE, ObjectStoreParams::new());
                }
            }
        });
        let db = request.await.map_err(|e| err("打开", e))?;
        Ok(Storage { db })
    }

    /// Replaces the cached catalogue; returns once the write is committed.
    pub async fn save_catalog(&self, json: &str, saved_at: &str) -> Result<(), String> {
        let record = CachedCatalog {
            schema_version: CACHED_CATALOG_VERSION,
            saved_at: saved_at.to_string(),
            json: json.to_string(),
        };
        let value = JsValue::from_str(&serde_json::to_string(&record).map_err(|e| err("写入", e))?);
        let tx = self
            .db
            .transaction(&[CATALOG_STORE], TransactionMode::ReadWrite)
            .map_err(|e| err("写入", e))?;
        let store = tx.object_store(CATALOG_STORE).map_err(|e| err("写入", e))?;
        store
            .put(&value, Some(&JsValue::from_str(CURRENT_KEY)))
            .map_err(|e| err("写入", e))?
            .await
            .map_err(|e| err("写入", e))?;
        tx.commit()
            .map_err(|e| err("写入", e))?
            .await
            .map_err(|e| err("写入", e))?;
        Ok(())
    }

    /// The cached catalogue, if there is one. A record that cannot be read is an error
    /// that says so (and stays in place), not a silent "nothing cached".
    pub async fn load_catalog(&self) -> Result<Option<CachedCatalog>, String> {
        let tx = self
            .db
            .transaction(&[CATALOG_STORE], TransactionMode::ReadOnly)
            .map_err(|e| err("读取", e))?;
        let store = tx.object_store(CATALOG_STORE).map_err(|e| err("读取", e))?;
        let value = store
            .get(JsValue::from_str(CURRENT_KEY))
            .map_err(|e| err("读取", e))?
            .await
            .map_err(|e| err("读取", e))?;
        let Some(value) = value else {
            return Ok(None);
        };
        let text = value
            .as_string()
            .ok_or_else(|| err("读取", "缓存的事项目录不是文本"))?;
        let record: CachedCatalog = serde_json::from_str(&text)
            .map_err(|e| err("读取", format!("缓存的事项目录已损坏（{e}）")))?;
        if record.schema_version != CACHED_CATALOG_VERSION {
            return Err(err(
                "读取",
                format!("缓存记录版本为 {}，无法识别", record.schema_version),
            ));
        }
        Ok(Some(record))
    }

    /// Closes the connection (tests delete their database afterwards).
    pub fn close(self) {
        self.db.close();
    }
}
