//! Engines exposed to SQL rules as scalar functions.
//!
//! | function | returns |
//! |---|---|
//! | `rf_address_key(text)` | normalised postal address, for equality |
//! | `rf_email_key(text)` | normalised email |
//! | `rf_phone_key(text)` | E.164-like phone number |
//! | `rf_phone_kind(text, country)` | line kind by numbering plan: `mobile`, `fixed_line`, `fixed_line_or_mobile`, `voip`, `service`, `invalid` |
//! | `rf_phone_voip(text, country)` | `true` when the number is in a VoIP range of its plan (cheap), else `false` |
//! | `rf_phone_calling_code(text, country)` | the number's country calling code (`82`); a national number gets `country`'s |
//! | `rf_country_calling_code(country)` | an ISO 3166 country's calling code (`US` → `1`) |
//! | `rf_account_key(text)` | normalised bank/payout/crypto account |
//! | `rf_contact_key(kind, value)` | the right key for a `contacts.kind` |
//! | `rf_domain(text)` | registrable domain of an email, URL or host |
//! | `rf_name_key(text)` | order- and accent-insensitive name key |
//! | `rf_names_match(a, b)` | whether two names plausibly name the same person |
//! | `rf_ref(table, _line)` | `file:line` of a row, for evidence refs |
//!
//! Every function is NULL-in, NULL-out, and registered the same way on one machine or on
//! every executor of a cluster.

use datafusion::arrow::array::{Array, ArrayRef, BooleanArray, Int64Array, StringArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{exec_err, Result};
use datafusion::logical_expr::{create_udf, ColumnarValue, ScalarUDF, Volatility};
use redflag_normalize as norm;
use std::collections::HashMap;
use std::sync::Arc;

/// All of redflag's UDFs; `files` maps table names to the file each was loaded from.
pub fn all(files: HashMap<String, Vec<String>>) -> Vec<ScalarUDF> {
    vec![
        text_udf("rf_address_key", norm::address_key),
        text_udf("rf_email_key", norm::email_key),
        text_udf("rf_phone_key", |s| norm::phone_key(s, None)),
        text_udf("rf_account_key", norm::account_key),
        text2_udf("rf_phone_voip", |value, country| {
            let country = Some(country.trim()).filter(|c| !c.is_empty());
            norm::phone::is_voip(value, country).map(|v| v.to_string())
        }),
        text2_udf("rf_phone_kind", |value, country| {
            let country = Some(country.trim()).filter(|c| !c.is_empty());
            norm::phone::phone_kind(value, country).map(|k| k.name().to_string())
        }),
        text_udf("rf_domain", |s| {
            norm::domain_of(s).map(|d| norm::registrable_domain(&d))
        }),
        text_udf("rf_name_key", |s| {
            Some(norm::name_key(s)).filter(|k| !k.is_empty())
        }),
        text2_udf("rf_contact_key", contact_key),
        text2_udf("rf_phone_calling_code", |value, country| {
            let country = Some(country.trim()).filter(|c| !c.is_empty());
            norm::phone::calling_code(value, country).map(|c| c.to_string())
        }),
        text_udf("rf_country_calling_code", |country| {
            norm::phone::country_calling_code(country).map(|c| c.to_string())
        }),
        names_match_udf(),
        ref_udf(files),
    ]
}

/// The comparison key for a contact value of a given kind.
pub fn contact_key(kind: &str, value: &str) -> Option<String> {
    match kind {
        "email" => norm::email_key(value),
        "phone" | "mfa_device" => norm::phone_key(value, None).or_else(|| trimmed_lower(value)),
        "address" | "shipping_address" => norm::address_key(value),
        "bank_account" | "payout_account" | "crypto_address" => norm::account_key(value),
        "website" => norm::domain_of(value),
        "tax_id" | "id_document" => {
            let k: String = value
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_uppercase())
                .collect();
            (!k.is_empty()).then_some(k)
        }
        _ => trimmed_lower(value),
    }
}

fn trimmed_lower(value: &str) -> Option<String> {
    let v = value.trim().to_lowercase();
    (!v.is_empty()).then_some(v)
}

fn string_arg<'a>(arrays: &'a [ArrayRef], i: usize, name: &str) -> Result<&'a StringArray> {
    match arrays
        .get(i)
        .and_then(|a| a.as_any().downcast_ref::<StringArray>())
    {
        Some(a) => Ok(a),
        None => exec_err!("{name}: argument {} must be text", i + 1),
    }
}

/// A one-argument text → text function.
fn text_udf(name: &'static str, f: fn(&str) -> Option<String>) -> ScalarUDF {
    let fun = move |args: &[ColumnarValue]| -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(args)?;
        let input = string_arg(&arrays, 0, name)?;
        let out: StringArray = input.iter().map(|v| v.and_then(f)).collect();
        Ok(ColumnarValue::Array(Arc::new(out)))
    };
    create_udf(
        name,
        vec![DataType::Utf8],
        DataType::Utf8,
        Volatility::Immutable,
        Arc::new(fun),
    )
}

/// A two-argument text → text function.
fn text2_udf(name: &'static str, f: fn(&str, &str) -> Option<String>) -> ScalarUDF {
    let fun = move |args: &[ColumnarValue]| -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(args)?;
        let (a, b) = (string_arg(&arrays, 0, name)?, string_arg(&arrays, 1, name)?);
        let out: StringArray = a
            .iter()
            .zip(b.iter())
            .map(|(x, y)| match (x, y) {
                (Some(x), Some(y)) => f(x, y),
                _ => None,
            })
            .collect();
        Ok(ColumnarValue::Array(Arc::new(out)))
    };
    create_udf(
        name,
        vec![DataType::Utf8, DataType::Utf8],
        DataType::Utf8,
        Volatility::Immutable,
        Arc::new(fun),
    )
}

fn names_match_udf() -> ScalarUDF {
    let fun = |args: &[ColumnarValue]| -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(args)?;
        let a = string_arg(&arrays, 0, "rf_names_match")?;
        let b = string_arg(&arrays, 1, "rf_names_match")?;
        let out: BooleanArray = a
            .iter()
            .zip(b.iter())
            .map(|(x, y)| match (x, y) {
                (Some(x), Some(y)) => Some(norm::names_match(x, y)),
                _ => None,
            })
            .collect();
        Ok(ColumnarValue::Array(Arc::new(out)))
    };
    create_udf(
        "rf_names_match",
        vec![DataType::Utf8, DataType::Utf8],
        DataType::Boolean,
        Volatility::Immutable,
        Arc::new(fun),
    )
}

fn ref_udf(files: HashMap<String, Vec<String>>) -> ScalarUDF {
    let fun = move |args: &[ColumnarValue]| -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(args)?;
        let table = string_arg(&arrays, 0, "rf_ref")?;
        let Some(line) = arrays
            .get(1)
            .and_then(|a| a.as_any().downcast_ref::<Int64Array>())
        else {
            return exec_err!("rf_ref: argument 2 must be the table's _line column");
        };
        let out: StringArray = (0..table.len())
            .map(|i| {
                if table.is_null(i) || line.is_null(i) {
                    return None;
                }
                let name = table.value(i);
                let (index, line) = redflag_ingest::schema::split_row_line(line.value(i));
                let file = files
                    .get(name)
                    .and_then(|f| f.get(index))
                    .map_or(name, String::as_str);
                Some(format!("{file}:{line}"))
            })
            .collect();
        Ok(ColumnarValue::Array(Arc::new(out)))
    };
    create_udf(
        "rf_ref",
        vec![DataType::Utf8, DataType::Int64],
        DataType::Utf8,
        Volatility::Immutable,
        Arc::new(fun),
    )
}
