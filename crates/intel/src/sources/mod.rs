//! One module per input format: each reads its files into a [`Layer`](crate::Layer) (or, for
//! MMDB, answers lookups directly) and names file, line and field in every error.

pub mod ip_location_db;
pub mod iporigin;
pub mod mmdb;
