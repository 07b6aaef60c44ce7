//! Getting the catalogue to the screen: from the server when it answers, otherwise from
//! the copy this device saved last time, and saying plainly which one is shown.

use crate::storage::{Storage, DEFAULT_DB};
use crate::{api, text::t};
use leptos::prelude::*;
use onewindow_core::calendar::Calendar;
use onewindow_core::Catalog;
use std::sync::Arc;

/// What the app knows of the catalogue right now.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogStatus {
    /// Still asking the server / the device.
    Loading,
    /// A catalogue to show.
    Ready(LoadedCatalog),
    /// Neither the server nor the device had one; the message says why and what to do.
    Failed(String),
}

/// A catalogue and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedCatalog {
    /// The catalogue.
    pub catalog: Arc<Catalog>,
    /// `Some(saved_at)` when the server could not be reached and the device's copy is shown.
    pub offline_copy_from: Option<String>,
    /// Set when the fresh catalogue could not be saved on the device.
    pub cache_warning: Option<String>,
    /// The working-day calendar of the catalogue (`None` if its schedules are broken).
    pub calendar: Option<Arc<Calendar>>,
}

fn calendar_of(catalog: &Catalog) -> Option<Arc<Calendar>> {
    catalog.calendar().ok().map(Arc::new)
}

/// The app-wide catalogue signal, provided by [`crate::App`].
#[derive(Clone, Copy)]
pub struct CatalogContext(pub RwSignal<CatalogStatus>);

/// Starts loading the catalogue into `status`.
pub fn start_loading(status: RwSignal<CatalogStatus>) {
    status.set(CatalogStatus::Loading);
    leptos::task::spawn_local(async move {
        status.set(load().await);
    });
}

async fn load() -> CatalogStatus {
    let storage = Storage::open(DEFAULT_DB).await;
    let network_error = match api::fetch_catalog().await {
        Ok(json) => match Catalog::from_json(&json) {
            Ok(catalog) => {
                let saved = match &storage {
                    Ok(s) => s.save_catalog(&json, &now_iso()).await,
                    Err(e) => Err(e.clone()),
                };
                return CatalogStatus::Ready(LoadedCatalog {
                    calendar: calendar_of(&catalog),
                    catalog: Arc::new(catalog),
                    offline_copy_from: None,
                    cache_warning: saved.err(),
                });
            }
            Err(e) => e,
        },
        Err(e) => e,
    };
    let cached = match &storage {
        Ok(s) => s.load_catalog().await,
        Err(e) => Err(e.clone()),
    };
    match cached {
        Ok(Some(record)) => match Catalog::from_json(&record.json) {
            Ok(catalog) => CatalogStatus::Ready(LoadedCatalog {
                calendar: calendar_of(&catalog),
                catalog: Arc::new(catalog),
                offline_copy_from: Some(local_time(&record.saved_at)),
                cache_warning: None,
            }),
            Err(e) => CatalogStatus::Failed(format!("{network_error}；{e}")),
        },
        Ok(None) => CatalogStatus::Failed((crate::text::faults().no_catalog_yet)(
            &network_error,
            t().retry,
        )),
        Err(e) => CatalogStatus::Failed(format!("{network_error}；{e}")),
    }
}

use crate::clock::now_iso;

/// An ISO timestamp as the reader's local date and time.
fn local_time(iso: &str) -> String {
    let date = js_sys::Date::new(&iso.into());
    String::from(date.to_locale_string("zh-CN", &wasm_bindgen::JsValue::UNDEFINED))
}
