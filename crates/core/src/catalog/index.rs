//! The catalogue's index: what the item list, the search and the theme filters need, and
//! each item's version — small enough for a phone on a slow line. A full guide is fetched
//! by itself when it is opened ([`CatalogIndex::with_items`] puts the guides a device has
//! together with the index's shared parts into a [`Catalog`]).

use super::search::SearchKey;
use super::{Bundle, CaseKind, Catalog, ServiceItem, Settings};
use crate::calendar::YearSchedule;
use crate::notice::Notices;
use serde::{Deserialize, Serialize};

/// The version of the index's JSON shape. Bump it when the shape changes.
pub const INDEX_VERSION: u32 = 2;

/// One item as the list and the search show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemSummary {
    /// 事项编码.
    pub code: String,
    /// Its name.
    pub name: String,
    /// 主管部门.
    pub department: String,
    /// 办理单位.
    pub handling_body: String,
    /// Immediate, committed or joint.
    pub kind: CaseKind,
    /// 承诺时限, working days, or not published.
    pub promised_days: super::Published<u32>,
    /// Life events it belongs to.
    pub themes: Vec<String>,
    /// The version of its full guide (a digest): a device's copy with another version is
    /// fetched again.
    pub version: String,
}

/// Everything but the items' full guides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CatalogIndex {
    /// See [`INDEX_VERSION`].
    pub schema_version: u32,
    /// The items, in the catalogue's order.
    pub items: Vec<ItemSummary>,
    /// The bundles (一件事), whole: they are few and small.
    pub bundles: Vec<Bundle>,
    /// Search keys of every item and bundle, in the catalogue's order.
    pub search: Vec<SearchKey>,
    /// The holiday schedules.
    pub calendar: Vec<YearSchedule>,
    /// The notice templates and settings.
    pub notices: Option<Notices>,
    /// The deployment's settings.
    pub settings: Settings,
}

impl Catalog {
    /// The index of this catalogue; `version` gives each item's guide version.
    pub fn index(&self, version: impl Fn(&ServiceItem) -> String) -> CatalogIndex {
        CatalogIndex {
            schema_version: INDEX_VERSION,
            items: self
                .items
                .iter()
                .map(|i| ItemSummary {
                    code: i.code.clone(),
                    name: i.name.clone(),
                    department: i.department.clone(),
                    handling_body: i.handling_body.clone(),
                    kind: i.kind,
                    promised_days: i.promised_days.clone(),
                    themes: i.themes.clone(),
                    version: version(i),
                })
                .collect(),
            bundles: self.bundles.clone(),
            search: self.search.clone(),
            calendar: self.calendar.clone(),
            notices: self.notices.clone(),
            settings: self.settings,
        }
    }
}

impl CatalogIndex {
    /// The summary of item `code`.
    pub fn item(&self, code: &str) -> Option<&ItemSummary> {
        self.items.iter().find(|i| i.code == code)
    }

    /// A catalogue of the full guides in `items` (those a device has) with this index's
    /// bundles, calendar, notices, search keys and settings. Only full guides go in, so a
    /// rule is never applied to a summary.
    pub fn with_items(&self, mut items: Vec<ServiceItem>) -> Catalog {
        items.sort_by(|a, b| a.code.cmp(&b.code));
        Catalog {
            schema_version: super::SCHEMA_VERSION,
            items,
            bundles: self.bundles.clone(),
            calendar: self.calendar.clone(),
            notices: self.notices.clone(),
            search: self.search.clone(),
            settings: self.settings,
        }
    }

    /// The life events of the items, in the order the index first names them.
    pub fn themes(&self) -> Vec<&str> {
        super::themes_of(self.items.iter().map(|i| &i.themes))
    }

    /// Reads the JSON form, refusing another shape version with what to do.
    pub fn from_json(json: &str) -> Result<CatalogIndex, String> {
        super::versioned_from_json(json, INDEX_VERSION, "事项索引")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{load, SourceFile};

    fn demo() -> Catalog {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog");
        let mut files = Vec::new();
        for dir in ["items", "bundles", "calendar", "notices"] {
            for e in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
                let p = e.unwrap().path();
                files.push(SourceFile {
                    path: format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()),
                    text: std::fs::read_to_string(&p).unwrap(),
                });
            }
        }
        load(&files).unwrap()
    }

    #[test]
    fn the_index_lists_every_item_and_a_device_puts_guides_back_with_it() {
        let c = demo();
        let index = c.index(|i| format!("v-{}", i.code));
        assert_eq!(index.items.len(), c.items.len());
        assert_eq!(index.themes(), c.themes());
        let food = c.item("370000-SCJG-XK-001").unwrap().clone();
        assert_eq!(
            index.item(&food.code).map(|s| s.version.as_str()),
            Some("v-370000-SCJG-XK-001")
        );
        let partial = index.with_items(vec![food.clone()]);
        assert_eq!(partial.items, vec![food]);
        assert_eq!(partial.bundles, c.bundles);
        assert_eq!(partial.calendar(), c.calendar());
        let whole = index.with_items(c.items.clone());
        assert_eq!(whole, c);
        // The index is much smaller than the catalogue.
        let small = serde_json::to_string(&index).unwrap().len();
        let full = c.to_json().len();
        assert!(small * 2 < full, "index {small} B, catalogue {full} B");
        let round = CatalogIndex::from_json(&serde_json::to_string(&index).unwrap()).unwrap();
        assert_eq!(round, index);
    }
}
