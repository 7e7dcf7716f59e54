//! Test support: writers for the binary formats, so tests build their fixtures on the fly.

pub mod mmdb_writer;
