//! Finding an item or a bundle by name, by pinyin initials (spzl → 食品经营许可 is
//! "spjyxk") or by full pinyin, as people type on a phone.

use super::Catalog;
use pinyin::ToPinyin;
use serde::{Deserialize, Serialize};

/// The search keys of one item or bundle, computed when the catalogue is loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SearchKey {
    /// The item's or bundle's code.
    pub code: String,
    /// Pinyin initials of the name, e.g. "spjyxkxb".
    pub initials: String,
    /// Full pinyin without tones or spaces, e.g. "shipinjingyingxuke".
    pub pinyin: String,
}

impl SearchKey {
    /// The keys of `name` (characters without pinyin, such as letters and digits, are kept
    /// as they are, lower-cased; punctuation is dropped).
    pub fn of(code: &str, name: &str) -> SearchKey {
        let mut initials = String::new();
        let mut full = String::new();
        for (c, py) in name.chars().zip(name.to_pinyin()) {
            match py {
                Some(p) => {
                    initials.push_str(p.first_letter());
                    full.push_str(p.plain());
                }
                None if c.is_ascii_alphanumeric() => {
                    let c = c.to_ascii_lowercase();
                    initials.push(c);
                    full.push(c);
                }
                None => {}
            }
        }
        SearchKey {
            code: code.to_string(),
            initials,
            pinyin: full,
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Hit {
    /// Code of the item or bundle.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Whether it is a bundle (一件事).
    pub bundle: bool,
}

/// The items and bundles matching `query`, best first: names containing it, then initials
/// starting with it, then initials or full pinyin containing it. An empty query finds nothing.
pub fn search(catalog: &Catalog, query: &str) -> Vec<Hit> {
    let names = catalog
        .items
        .iter()
        .map(|i| (i.code.as_str(), i.name.as_str(), false))
        .chain(
            catalog
                .bundles
                .iter()
                .map(|b| (b.code.as_str(), b.name.as_str(), true)),
        );
    search_names(names, &catalog.search, query)
}

/// [`search`] over the catalogue's index (what a device has before any guide).
pub fn search_index(index: &super::CatalogIndex, query: &str) -> Vec<Hit> {
    let names = index
        .items
        .iter()
        .map(|i| (i.code.as_str(), i.name.as_str(), false))
        .chain(
            index
                .bundles
                .iter()
                .map(|b| (b.code.as_str(), b.name.as_str(), true)),
        );
    search_names(names, &index.search, query)
}

fn search_names<'a>(
    names: impl Iterator<Item = (&'a str, &'a str, bool)>,
    keys: &[SearchKey],
    query: &str,
) -> Vec<Hit> {
    let q: String = query.split_whitespace().collect::<String>().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    // The keys are made in the order of the items, then the bundles: take each by its
    // position (a search over a county's 1,500 items must not compare every pair), and
    // look it up only where a catalogue was put together otherwise.
    let mut scored: Vec<(u8, Hit)> = names
        .enumerate()
        .filter_map(|(i, (code, name, bundle))| {
            let key = match keys.get(i) {
                Some(k) if k.code == code => Some(k),
                _ => keys.iter().find(|k| k.code == code),
            };
            let score = if name.to_lowercase().contains(&q) {
                0
            } else if key.is_some_and(|k| k.initials.starts_with(&q)) {
                1
            } else if key.is_some_and(|k| k.initials.contains(&q) || k.pinyin.contains(&q)) {
                2
            } else {
                return None;
            };
            Some((
                score,
                Hit {
                    code: code.to_string(),
                    name: name.to_string(),
                    bundle,
                },
            ))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.code.cmp(&b.1.code)));
    scored.into_iter().map(|(_, h)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_full_pinyin_of_a_name() {
        let k = SearchKey::of("X", "食品经营许可（新办）");
        assert_eq!(k.initials, "spjyxkxb");
        assert_eq!(k.pinyin, "shipinjingyingxukexinban");
        assert_eq!(SearchKey::of("Y", "EMS邮寄").initials, "emsyj");
    }
}
