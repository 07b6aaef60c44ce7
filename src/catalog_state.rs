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
    /// Said above the page: the fresh catalogue could not be saved on the device, or the
    /// device's copy was damaged and has been replaced.
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

/// Starts loading the catalogue into `status`, stale-while-revalidate: the device's copy
/// is shown at once when there is one, the server is asked in the background, and a newer
/// catalogue replaces the shown one (drafts live in their own store and are untouched).
/// When the server cannot be reached, the device's copy stays and says from when it is.
pub fn start_loading(status: RwSignal<CatalogStatus>) {
    status.set(CatalogStatus::Loading);
    leptos::task::spawn_local(async move {
        let storage = Storage::open(DEFAULT_DB).await;
        let cached = match &storage {
            Ok(s) => s.load_catalog().await,
            Err(e) => Err(e.clone()),
        };
        // What the device has, shown before the network answers.
        let (shown, cache_problem) = match cached {
            Ok(Some(record)) => match Catalog::from_json(&record.json) {
                Ok(catalog) => {
                    status.set(CatalogStatus::Ready(LoadedCatalog {
                        calendar: calendar_of(&catalog),
                        catalog: Arc::new(catalog),
                        offline_copy_from: None,
                        cache_warning: None,
                    }));
                    (Some(record), None)
                }
                // A damaged copy is reported and replaced by the server's.
                Err(e) => (None, Some(e)),
            },
            Ok(None) => (None, None),
            Err(e) => (None, Some(e)),
        };
        let network_error = match api::fetch_catalog().await {
            Ok(json) if shown.as_ref().is_some_and(|r| r.json == json) => return,
            Ok(json) => match Catalog::from_json(&json) {
                Ok(catalog) => {
                    let saved = match &storage {
                        Ok(s) => s.save_catalog(&json, &now_iso()).await,
                        Err(e) => Err(e.clone()),
                    };
                    // A damaged copy on the device is said once, now replaced.
                    let warning = match (saved, &cache_problem) {
                        (Err(e), _) => Some(format!("{}{e}", t().cache_failed)),
                        (Ok(()), Some(problem)) => {
                            Some(format!("{problem}{}", crate::text::faults().cache_replaced))
                        }
                        (Ok(()), None) => None,
                    };
                    status.set(CatalogStatus::Ready(LoadedCatalog {
                        calendar: calendar_of(&catalog),
                        catalog: Arc::new(catalog),
                        offline_copy_from: None,
                        cache_warning: warning,
                    }));
                    return;
                }
                Err(e) => e,
            },
            Err(e) => e,
        };
        match (shown, cache_problem) {
            (Some(record), _) => status.update(|s| {
                if let CatalogStatus::Ready(l) = s {
                    l.offline_copy_from = Some(local_time(&record.saved_at));
                }
            }),
            (None, Some(problem)) => {
                status.set(CatalogStatus::Failed(format!("{network_error}；{problem}")))
            }
            (None, None) => status.set(CatalogStatus::Failed((crate::text::faults()
                .no_catalog_yet)(
                &network_error, t().retry
            ))),
        }
    });
}

use crate::clock::now_iso;

/// An ISO timestamp as the reader's local date and time.
fn local_time(iso: &str) -> String {
    let date = js_sys::Date::new(&iso.into());
    String::from(date.to_locale_string("zh-CN", &wasm_bindgen::JsValue::UNDEFINED))
}
