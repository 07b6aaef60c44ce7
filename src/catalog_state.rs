//! Getting the catalogue to the screen. A device keeps the catalogue's index (what the
//! list, the search and the theme filters show) and the guides it has opened; terminals
//! and desks keep every guide. Stale-while-revalidate: the device's index is shown at once
//! when there is one, the server is asked in the background, and a newer index replaces
//! it (drafts live in their own store and are untouched). A guide is taken from the
//! device when its version matches the index, otherwise from the server.

use crate::storage::{Storage, DEFAULT_DB};
use crate::{api, text::t};
use leptos::prelude::*;
use onewindow_core::calendar::Calendar;
use onewindow_core::catalog::CatalogIndex;
use onewindow_core::{Catalog, ServiceItem};
use std::collections::BTreeMap;
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
    /// Every item's summary, the bundles, search keys, calendar, notices and settings.
    pub index: Arc<CatalogIndex>,
    /// The full guides this page has (only full guides: a rule is never applied to a
    /// summary), with the index's shared parts.
    pub catalog: Arc<Catalog>,
    /// The version of each guide in `catalog`.
    pub versions: BTreeMap<String, String>,
    /// `Some(saved_at)` when the server could not be reached and the device's copy is shown.
    pub offline_copy_from: Option<String>,
    /// Said above the page: the fresh catalogue could not be saved on the device, or the
    /// device's copy was damaged and has been replaced.
    pub cache_warning: Option<String>,
    /// The working-day calendar of the catalogue (`None` if its schedules are broken).
    pub calendar: Option<Arc<Calendar>>,
}

impl LoadedCatalog {
    fn new(
        index: CatalogIndex,
        offline_copy_from: Option<String>,
        warning: Option<String>,
    ) -> Self {
        let catalog = index.with_items(vec![]);
        LoadedCatalog {
            calendar: catalog.calendar().ok().map(Arc::new),
            catalog: Arc::new(catalog),
            index: Arc::new(index),
            versions: BTreeMap::new(),
            offline_copy_from,
            cache_warning: warning,
        }
    }

    /// The same, with `guides` (and their versions) added to those it has.
    fn with_guides(&self, guides: Vec<(ServiceItem, String)>) -> LoadedCatalog {
        let mut versions = self.versions.clone();
        let mut items: Vec<ServiceItem> = self
            .catalog
            .items
            .iter()
            .filter(|i| !guides.iter().any(|(g, _)| g.code == i.code))
            .cloned()
            .collect();
        for (item, version) in guides {
            versions.insert(item.code.clone(), version);
            items.push(item);
        }
        LoadedCatalog {
            catalog: Arc::new(self.index.with_items(items)),
            versions,
            ..self.clone()
        }
    }

    /// Which of `codes` the index has but this page has no guide for yet.
    pub fn missing(&self, codes: &[String]) -> Vec<String> {
        codes
            .iter()
            .filter(|c| self.catalog.item(c).is_none() && self.index.item(c).is_some())
            .cloned()
            .collect()
    }
}

/// The app-wide catalogue signal, provided by [`crate::App`].
#[derive(Clone, Copy)]
pub struct CatalogContext(pub RwSignal<CatalogStatus>);

/// Starts loading the index into `status` (see the module's comment).
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
            Ok(Some(record)) => match CatalogIndex::from_json(&record.json) {
                Ok(index) => {
                    status.set(CatalogStatus::Ready(LoadedCatalog::new(index, None, None)));
                    (Some(record), None)
                }
                // A damaged copy is reported and replaced by the server's.
                Err(e) => (None, Some(e)),
            },
            Ok(None) => (None, None),
            Err(e) => (None, Some(e)),
        };
        let network_error = match api::fetch_index().await {
            Ok(json) if shown.as_ref().is_some_and(|r| r.json == json) => return,
            Ok(json) => match CatalogIndex::from_json(&json) {
                Ok(index) => {
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
                    let mut fresh = LoadedCatalog::new(index, None, warning);
                    // Guides already on the page stay where the new index has them unchanged.
                    if let CatalogStatus::Ready(old) = status.get_untracked() {
                        let kept: Vec<(ServiceItem, String)> = old
                            .catalog
                            .items
                            .iter()
                            .filter_map(|i| {
                                let v = old.versions.get(&i.code)?;
                                (fresh.index.item(&i.code)?.version == *v)
                                    .then(|| (i.clone(), v.clone()))
                            })
                            .collect();
                        fresh = fresh.with_guides(kept);
                    }
                    status.set(CatalogStatus::Ready(fresh));
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

/// Makes sure the page has the guides of `codes`: from the device when its copy is of the
/// index's version, otherwise from the server (and then kept on the device). Offline, an
/// older copy is better than none. `Err` says which could not be had and why.
pub async fn ensure_guides(
    status: RwSignal<CatalogStatus>,
    codes: Vec<String>,
) -> Result<(), String> {
    let CatalogStatus::Ready(loaded) = status.get_untracked() else {
        return Ok(());
    };
    let missing = loaded.missing(&codes);
    if missing.is_empty() {
        return Ok(());
    }
    let storage = Storage::open(DEFAULT_DB).await.ok();
    let mut found = Vec::new();
    let mut to_keep = Vec::new();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    for code in missing {
        let Some(summary) = loaded.index.item(&code) else {
            continue;
        };
        let kept = match &storage {
            Some(s) => match s.load_guide(&code).await {
                Ok(g) => g,
                // A damaged record is said and fetched again (and so replaced).
                Err(e) => {
                    warnings.push(e);
                    None
                }
            },
            None => None,
        };
        let json = match kept.as_ref().filter(|g| g.version == summary.version) {
            Some(g) => g.json.clone(),
            None => match api::fetch_guide(&code).await {
                Ok(json) => {
                    to_keep.push((code.clone(), summary.version.clone(), json.clone()));
                    json
                }
                Err(e) => match kept {
                    Some(g) => g.json,
                    None => {
                        problems.push(format!(
                            "{}{}（{e}）",
                            crate::text::faults().guide_unavailable,
                            summary.name
                        ));
                        continue;
                    }
                },
            },
        };
        match serde_json::from_str::<ServiceItem>(&json) {
            Ok(item) => found.push((item, summary.version.clone())),
            Err(e) => problems.push(format!("{}：{e}", summary.name)),
        }
    }
    if let (Some(s), false) = (&storage, to_keep.is_empty()) {
        if let Err(e) = s.save_guides(&to_keep).await {
            warnings.push(format!("{}{e}", t().cache_failed));
        }
    }
    status.update(|s| {
        if let CatalogStatus::Ready(l) = s {
            // Only guides of the index now shown: a newer index may have come meanwhile.
            let current: Vec<(ServiceItem, String)> = found
                .into_iter()
                .filter(|(item, v)| l.index.item(&item.code).is_some_and(|s| s.version == *v))
                .collect();
            *l = l.with_guides(current);
            if !warnings.is_empty() {
                l.cache_warning = Some(format!(
                    "{}{}",
                    warnings.join("；"),
                    crate::text::faults().cache_replaced
                ));
            }
        }
    });
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("；"))
    }
}

/// How far a device has got keeping every guide for offline use.
#[derive(Debug, Clone, PartialEq)]
pub enum Prefetch {
    /// Not asked for on this device.
    Idle,
    /// Downloading the guides of this many items.
    Running(usize),
    /// Every guide is on the device.
    Done(usize),
    /// It failed; the message says why (what the device has still works).
    Failed(String),
}

/// The app-wide prefetch signal, provided by [`crate::App`].
#[derive(Clone, Copy)]
pub struct PrefetchContext(pub RwSignal<Prefetch>);

/// On a terminal or a desk: fetches every guide once, keeps them on the device and puts
/// them on the page, saying how far it got.
pub fn prefetch_all(status: RwSignal<CatalogStatus>, progress: RwSignal<Prefetch>) {
    if matches!(
        progress.get_untracked(),
        Prefetch::Running(_) | Prefetch::Done(_)
    ) {
        return;
    }
    let CatalogStatus::Ready(loaded) = status.get_untracked() else {
        return;
    };
    progress.set(Prefetch::Running(loaded.index.items.len()));
    leptos::task::spawn_local(async move {
        let result = async {
            let json = api::fetch_catalog().await?;
            let catalog = Catalog::from_json(&json)?;
            let mut guides = Vec::new();
            let mut keep = Vec::new();
            for item in catalog.items {
                let Some(summary) = loaded.index.item(&item.code) else {
                    continue;
                };
                let text = serde_json::to_string(&item).map_err(|e| e.to_string())?;
                keep.push((item.code.clone(), summary.version.clone(), text));
                guides.push((item, summary.version.clone()));
            }
            let storage = Storage::open(DEFAULT_DB).await?;
            storage.save_guides(&keep).await?;
            let n = guides.len();
            status.update(|s| {
                if let CatalogStatus::Ready(l) = s {
                    *l = l.with_guides(guides);
                }
            });
            Ok::<usize, String>(n)
        }
        .await;
        progress.set(match result {
            Ok(n) => Prefetch::Done(n),
            Err(e) => Prefetch::Failed(e),
        });
    });
}

use crate::clock::now_iso;

/// An ISO timestamp as the reader's local date and time.
fn local_time(iso: &str) -> String {
    let date = js_sys::Date::new(&iso.into());
    String::from(date.to_locale_string("zh-CN", &wasm_bindgen::JsValue::UNDEFINED))
}
