//! The catalogue of service items (事项) and their guides (办事指南).
//!
//! A service centre edits the catalogue as TOML files (see `catalog/` in the repository);
//! [`load`] turns them into a [`Catalog`] and reports every problem at once. The browser
//! receives the catalogue as JSON ([`Catalog::to_json`] / [`Catalog::from_json`]), which
//! carries [`SCHEMA_VERSION`] so that a cached copy of an older shape is recognised.

mod examples;
mod index;
mod lint;
mod model;
pub mod published;
mod questions;
pub mod review;
pub mod search;
mod source;

pub use index::{CatalogIndex, ItemSummary, INDEX_VERSION};
pub use model::*;
pub use published::{Published, NOT_PUBLISHED};
pub use questions::{all_questions, sub_item_question, SUB_ITEM};
pub use source::{load, warnings};

use crate::calendar::{self, Calendar, YearSchedule};
use crate::notice::Notices;
pub use crate::settings::Settings;
use serde::{Deserialize, Serialize};

/// One catalogue file (shared by the loader and the linter, so neither depends on the
/// other's module): its path relative to the catalogue directory, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative path with `/` separators, e.g. `items/food-business-licence.toml`.
    pub path: String,
    /// The file's contents.
    pub text: String,
}

/// The version of the catalogue's JSON shape. Bump it when the shape changes.
pub const SCHEMA_VERSION: u32 = 7;

/// Every service item a deployment offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Catalog {
    /// Shape version of this document; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The items, sorted by code.
    pub items: Vec<ServiceItem>,
    /// One-thing-one-go bundles (一件事一次办), sorted by code.
    pub bundles: Vec<Bundle>,
    /// The holiday schedules of the covered years, in order.
    pub calendar: Vec<YearSchedule>,
    /// The notice templates and settings, when the deployment has them.
    pub notices: Option<Notices>,
    /// Search keys (pinyin) of every item and bundle, computed at load.
    pub search: Vec<search::SearchKey>,
    /// What the deployment sets (`settings.toml`): it travels with the catalogue so
    /// that the browser and the server count the same way.
    pub settings: Settings,
}

impl Catalog {
    /// The item with this code, if the catalogue has it.
    pub fn item(&self, code: &str) -> Option<&ServiceItem> {
        self.items.iter().find(|i| i.code == code)
    }

    /// The life events and themes of the items (开办企业, 生育 …), in the order the
    /// catalogue first names them, for browsing.
    pub fn themes(&self) -> Vec<&str> {
        themes_of(self.items.iter().map(|i| &i.themes))
    }

    /// The bundle with this code, if the catalogue has it.
    pub fn bundle(&self, code: &str) -> Option<&Bundle> {
        self.bundles.iter().find(|b| b.code == code)
    }

    /// The working-day calendar of the covered years, counting as the deployment set.
    pub fn calendar(&self) -> Result<Calendar, String> {
        let counting = self.settings.day_counting;
        let files: Vec<(String, YearSchedule)> = self
            .calendar
            .iter()
            .map(|s| (format!("calendar/{}.toml", s.year), s.clone()))
            .collect();
        calendar::build(&files, counting).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            list.join("; ")
        })
    }

    /// The JSON the server sends and the browser caches.
    pub fn to_json(&self) -> String {
        // Serialising plain structs of strings and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the JSON form, refusing a document of another schema version with a message
    /// that says what to do (reload from the server).
    pub fn from_json(json: &str) -> Result<Catalog, String> {
        versioned_from_json(json, SCHEMA_VERSION, "事项目录")
    }
}

/// Life events in the order first named, each once.
pub(crate) fn themes_of<'a>(lists: impl Iterator<Item = &'a Vec<String>>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for t in lists.flatten() {
        if !out.contains(&t.as_str()) {
            out.push(t);
        }
    }
    out
}

/// Reads a JSON document that carries `schema_version`, refusing another version with a
/// message that says what to do (reload from the server); `what` names it for the user.
pub(crate) fn versioned_from_json<T: serde::de::DeserializeOwned>(
    json: &str,
    expected: u32,
    what: &str,
) -> Result<T, String> {
    #[derive(Deserialize)]
    struct Version {
        schema_version: u32,
    }
    let version: Version =
        serde_json::from_str(json).map_err(|e| format!("{what}不是有效的 JSON（{e}）"))?;
    if version.schema_version != expected {
        return Err(format!(
            "{what}格式版本为 {}，本程序需要版本 {expected}；请联网后刷新以取得新{what}",
            version.schema_version
        ));
    }
    serde_json::from_str(json).map_err(|e| format!("{what}内容有误（{e}）"))
}
