//! One reader per list format, each turning the list's own files into [`crate::WatchList`]s.

pub mod ofac_advanced;
pub mod ofac_csv;
pub mod un;
