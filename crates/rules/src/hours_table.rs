//! The working-hours engine as a table: for every person with enough sign-ins and activity,
//! the UTC offset they actually keep (`redflag-hours`), their claimed time zone's offset at
//! the time, and the hours between the two, for the rules to read as `working_hours`.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Offset, TimeZone};
use datafusion::arrow::array::{
    Array, ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use redflag_hours::{estimate_offset, ActivityClock, Config};
use redflag_ingest::Dataset;

use crate::rows::{for_each_batch, for_each_row, FastHash};

/// Name of the table.
pub const WORKING_HOURS_TABLE: &str = "working_hours";

/// Event rows kept per person as evidence references (the earliest ones).
const SAMPLE_REFS: usize = 5;

/// Schema of [`WORKING_HOURS_TABLE`]:
/// - `person_id`, `events` and `days` behind the estimate;
/// - `offset_minutes` and `confidence` (0–1) of the offset kept;
/// - `claimed_timezone`, `claimed_offset_minutes` (at the median event, daylight saving
///   included) and `hours_apart` (0–12, the short way round the clock), null without a
///   readable claimed zone;
/// - `claimed_hours`: events per hour of the claimed zone's day, `00:…` to `23:…`, for the
///   analyst (only where the offsets are three hours or more apart);
/// - `ref` (the people row) and `sample_refs` (up to five event rows, `|`-joined).
pub fn working_hours_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("person_id", DataType::Utf8, false),
        Field::new("events", DataType::Int64, false),
        Field::new("days", DataType::Int64, false),
        Field::new("offset_minutes", DataType::Int64, false),
        Field::new("confidence", DataType::Float64, false),
        Field::new("claimed_timezone", DataType::Utf8, true),
        Field::new("claimed_offset_minutes", DataType::Int64, true),
        Field::new("hours_apart", DataType::Float64, true),
        Field::new("claimed_hours", DataType::Utf8, true),
        Field::new("ref", DataType::Utf8, false),
        Field::new("sample_refs", DataType::Utf8, false),
    ]))
}

/// One person: where their row is and the zone they claim.
struct Person {
    reference: String,
    timezone: Option<String>,
}

/// Tables whose rows are a person at a keyboard: sign-ins (successful or not) and activity.
const EVENT_TABLES: [&str; 2] = ["signins", "activity"];

/// Marks an event row that belongs to nobody known (no person, no time, or an unknown id).
const NOBODY: u32 = u32::MAX;

/// Reads sign-ins (successful or not: both are the person at a keyboard) and activity, and
/// estimates each person's offset.
///
/// Ten million sign-ins spread over a hundred thousand people are gathered by person in two
/// passes (a counting sort: owners and counts, then each time into its person's slice of
/// one flat array) rather than pushed onto a list per person: scattering each event into a
/// separate growing list costs several cache misses an event, the counting sort about one.
pub fn working_hours(dataset: &Dataset) -> RecordBatch {
    let mut people: Vec<(String, Person)> = Vec::new();
    let mut index: HashMap<String, u32, FastHash> = HashMap::default();
    for_each_row(dataset, "people", |row| {
        if let Some(id) = row.text("person_id") {
            let Ok(at) = u32::try_from(people.len()) else {
                return;
            };
            index.insert(id.to_string(), at);
            let person = Person {
                reference: row.reference(),
                timezone: row.text("claimed_timezone").map(str::to_string),
            };
            people.push((id.to_string(), person));
        }
    });
    // Pass 1: whose each event is, how many each person has, and their first rows.
    let mut owners: Vec<u32> = Vec::new();
    let mut counts: Vec<u32> = vec![0; people.len()];
    let mut samples: Vec<Vec<String>> = vec![Vec::new(); people.len()];
    for table in EVENT_TABLES {
        for_each_batch(dataset, table, |rows| {
            let (ids, times) = (rows.text("person_id"), rows.timestamps("at"));
            for row in 0..rows.len() {
                let owner = match (ids.get(row), times) {
                    (Some(id), Some(times)) if !times.is_null(row) => {
                        index.get(id).copied().unwrap_or(NOBODY)
                    }
                    _ => NOBODY,
                };
                owners.push(owner);
                if owner != NOBODY {
                    let p = owner as usize;
                    counts[p] += 1;
                    if samples[p].len() < SAMPLE_REFS {
                        samples[p].push(rows.reference(row));
                    }
                }
            }
        });
    }
    // Pass 2: each event's time (whole seconds) into its person's slice.
    let mut starts: Vec<usize> = Vec::with_capacity(people.len() + 1);
    let mut total = 0usize;
    for &count in &counts {
        starts.push(total);
        total += count as usize;
    }
    starts.push(total);
    let mut times_by_person: Vec<i64> = vec![0; total];
    let mut next = starts.clone();
    let mut owner_at = owners.iter();
    for table in EVENT_TABLES {
        for_each_batch(dataset, table, |rows| {
            let times = rows.timestamps("at");
            for row in 0..rows.len() {
                let owner = owner_at.next().copied().unwrap_or(NOBODY);
                let Some(times) = times.filter(|_| owner != NOBODY) else {
                    continue;
                };
                let slot = &mut next[owner as usize];
                times_by_person[*slot] = times.value(row).div_euclid(1_000_000);
                *slot += 1;
            }
        });
    }
    drop(owners);
    let config = Config::default();
    let mut rows: Vec<HoursRow> = Vec::new();
    for (p, ((id, person), samples)) in people.into_iter().zip(samples).enumerate() {
        let times = &mut times_by_person[starts[p]..starts[p + 1]];
        times.sort_unstable();
        let mut clock = ActivityClock::new();
        for &at in times.iter() {
            clock.add(at);
        }
        let Some(estimate) = estimate_offset(&clock, &config) else {
            continue;
        };
        let Some(&median) = times.get(times.len() / 2) else {
            continue;
        };
        let claimed = person
            .timezone
            .as_deref()
            .and_then(|tz| claimed_offset_minutes(tz, median));
        rows.push(HoursRow {
            person_id: id,
            events: estimate.events as i64,
            days: estimate.days as i64,
            offset_minutes: i64::from(estimate.offset_minutes),
            confidence: estimate.confidence,
            claimed_timezone: person.timezone.clone(),
            claimed_offset_minutes: claimed.map(i64::from),
            hours_apart: claimed.map(|c| estimate.hours_from(c)),
            // The histogram is evidence; only worth writing where the zones differ.
            claimed_hours: claimed.filter(|&c| estimate.hours_from(c) >= 3.0).map(|c| {
                let hours = clock.local_hours(c);
                hours
                    .iter()
                    .enumerate()
                    .map(|(h, n)| format!("{h:02}:{n}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
            reference: person.reference,
            samples: samples.join("|"),
        });
    }
    let text = |f: fn(&HoursRow) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(rows.iter().map(f)))
    };
    let optional = |f: fn(&HoursRow) -> Option<&str>| -> ArrayRef {
        Arc::new(StringArray::from_iter(rows.iter().map(f)))
    };
    let arrays: Vec<ArrayRef> = vec![
        text(|r| &r.person_id),
        Arc::new(Int64Array::from_iter_values(rows.iter().map(|r| r.events))),
        Arc::new(Int64Array::from_iter_values(rows.iter().map(|r| r.days))),
        Arc::new(Int64Array::from_iter_values(
            rows.iter().map(|r| r.offset_minutes),
        )),
        Arc::new(Float64Array::from_iter_values(
            rows.iter().map(|r| r.confidence),
        )),
        optional(|r| r.claimed_timezone.as_deref()),
        Arc::new(Int64Array::from_iter(
            rows.iter().map(|r| r.claimed_offset_minutes),
        )),
        Arc::new(Float64Array::from_iter(rows.iter().map(|r| r.hours_apart))),
        optional(|r| r.claimed_hours.as_deref()),
        text(|r| &r.reference),
        text(|r| &r.samples),
    ];
    RecordBatch::try_new(working_hours_schema(), arrays)
        .expect("working_hours columns follow their schema")
}

/// The UTC offset of IANA zone `name` at `unix_seconds`, in minutes; `None` for a name the
/// time-zone database does not know.
fn claimed_offset_minutes(name: &str, unix_seconds: i64) -> Option<i32> {
    let tz: chrono_tz::Tz = name.trim().parse().ok()?;
    let at = DateTime::from_timestamp(unix_seconds, 0)?;
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    Some(offset.fix().local_minus_utc() / 60)
}

/// One row of the table.
struct HoursRow {
    person_id: String,
    events: i64,
    days: i64,
    offset_minutes: i64,
    confidence: f64,
    claimed_timezone: Option<String>,
    claimed_offset_minutes: Option<i64>,
    hours_apart: Option<f64>,
    claimed_hours: Option<String>,
    reference: String,
    samples: String,
}

#[cfg(test)]
mod tests {
    use super::claimed_offset_minutes;

    #[test]
    fn claimed_zones_follow_daylight_saving() {
        // 2024-01-15 and 2024-07-15, 12:00 UTC.
        let (winter, summer) = (1_705_320_000, 1_721_044_800);
        assert_eq!(
            claimed_offset_minutes("America/New_York", winter),
            Some(-300)
        );
        assert_eq!(
            claimed_offset_minutes("America/New_York", summer),
            Some(-240)
        );
        assert_eq!(claimed_offset_minutes("Asia/Kolkata", summer), Some(330));
        assert_eq!(claimed_offset_minutes("Mars/Olympus_Mons", summer), None);
    }
}
