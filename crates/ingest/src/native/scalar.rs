//! Vendor fields whose JSON type varies between exports: osquery writes `unixTime` as a
//! string in older logs and a number in newer ones, Okta's `version` is `0` or `"0"`, and
//! `client.ipAddress` can be the string `"null"`.

use serde::de::{Deserializer, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// Any JSON scalar as text: strings as they are, numbers and booleans written out; `null`,
/// an empty string and the string `"null"` as absent. Objects and arrays are an error.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Scalar<'a>(pub Option<Cow<'a, str>>);

impl<'a> Scalar<'a> {
    /// The text, when present.
    pub(crate) fn text(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// The text as an owned string, when present.
    pub(crate) fn owned(&self) -> Option<String> {
        self.0.as_deref().map(str::to_string)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number, boolean or null")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Scalar(present(v).then_some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Scalar(present(v).then(|| Cow::Owned(v.to_string()))))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Scalar(present(&v).then_some(Cow::Owned(v))))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Scalar(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Scalar(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Scalar(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Scalar(Some(Cow::Borrowed(if v {
                    "true"
                } else {
                    "false"
                }))))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Scalar(None))
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(Scalar(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(V)
            }
        }
        deserializer.deserialize_any(V)
    }
}

fn present(v: &str) -> bool {
    let t = v.trim();
    !t.is_empty() && t != "null"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scalar_becomes_text() {
        let parse = |j: &str| serde_json::from_str::<Scalar<'_>>(j).map(|s| s.owned());
        assert_eq!(
            parse("\"1412123850\"").unwrap().as_deref(),
            Some("1412123850")
        );
        assert_eq!(parse("1412123850").unwrap().as_deref(), Some("1412123850"));
        assert_eq!(parse("false").unwrap().as_deref(), Some("false"));
        assert_eq!(parse("null").unwrap(), None);
        assert_eq!(parse("\"null\"").unwrap(), None);
        assert_eq!(parse("\"\"").unwrap(), None);
        assert!(parse("{}").is_err());
    }
}
