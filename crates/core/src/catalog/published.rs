//! A value a real guide may leave out: written in the catalogue as the value, or as
//! `"not_published"` (also `"未公布"`), and shown as 未公布 — never invented to satisfy
//! the format, since an invented legal basis or time limit would print on a notice.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a catalogue file writes for a value its guide does not publish.
pub const NOT_PUBLISHED: &str = "not_published";

/// A published value, or the fact that the guide does not publish it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Published<T> {
    /// The guide publishes this value.
    Value(T),
    /// The guide does not publish it (未公布).
    NotPublished,
}

impl<T> Published<T> {
    /// The value, if published.
    pub fn value(&self) -> Option<&T> {
        match self {
            Published::Value(v) => Some(v),
            Published::NotPublished => None,
        }
    }

    /// Whether the guide publishes it.
    pub fn is_published(&self) -> bool {
        matches!(self, Published::Value(_))
    }
}

impl<T: Default> Default for Published<T> {
    fn default() -> Self {
        Published::Value(T::default())
    }
}

impl<T> From<T> for Published<T> {
    fn from(v: T) -> Self {
        Published::Value(v)
    }
}

impl<T: Serialize> Serialize for Published<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Published::Value(v) => v.serialize(s),
            Published::NotPublished => s.serialize_str(NOT_PUBLISHED),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Published<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The marker first: a text field would otherwise take "not_published" as its value.
        #[derive(Deserialize)]
        enum Marker {
            #[serde(rename = "not_published", alias = "未公布")]
            NotPublished,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw<T> {
            Marker(Marker),
            Value(T),
            Word(String),
            Other(serde::de::IgnoredAny),
        }
        match Raw::<T>::deserialize(d)? {
            Raw::Marker(Marker::NotPublished) => Ok(Published::NotPublished),
            Raw::Value(v) => Ok(Published::Value(v)),
            Raw::Word(w) => Err(serde::de::Error::custom(format!(
                "\"{w}\" is neither a value of this field nor \"{NOT_PUBLISHED}\" (write \"{NOT_PUBLISHED}\" when the guide does not publish it)"
            ))),
            Raw::Other(_) => Err(serde::de::Error::custom(format!(
                "not a value of this field: write the value, or \"{NOT_PUBLISHED}\" when the guide does not publish it"
            ))),
        }
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Published<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Published_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let value = generator.subschema_for::<T>();
        schemars::json_schema!({
            "description": "The value, or \"not_published\" when the guide does not publish it (shown as 未公布).",
            "anyOf": [value, { "type": "string", "const": NOT_PUBLISHED }]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Doc {
        days: Published<u32>,
        basis: Published<Vec<String>>,
        #[serde(default)]
        phone: Option<Published<String>>,
    }

    #[test]
    fn a_value_or_not_published_is_read_and_written_back_alike() {
        let doc: Doc =
            toml::from_str("days = \"未公布\"\nbasis = [\"《条例》\"]\nphone = \"not_published\"")
                .unwrap();
        assert_eq!(doc.days, Published::NotPublished);
        // A text field does not take the marker for its value.
        assert_eq!(doc.phone, Some(Published::NotPublished));
        assert_eq!(doc.basis, Published::Value(vec!["《条例》".to_string()]));
        let json = serde_json::to_string(&doc).unwrap();
        assert_eq!(
            json,
            r#"{"days":"not_published","basis":["《条例》"],"phone":"not_published"}"#
        );
        assert_eq!(serde_json::from_str::<Doc>(&json).unwrap(), doc);
    }

    #[test]
    fn a_misspelt_marker_is_named() {
        let e = toml::from_str::<Doc>("days = \"unpublished\"\nbasis = []").unwrap_err();
        assert!(e.message().contains("\"unpublished\" is neither"), "{e}");
    }
}
