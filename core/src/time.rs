//! Time as the core sees it: plain milliseconds since the Unix epoch, supplied by an edge.
//!
//! The core never reads a clock itself (`SystemTime::now()` panics on wasm32); callers pass
//! the time in, which also keeps every rule deterministic under test.

/// Milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Millis(pub i64);
