//! Screens for a programme's admins only, compiled into the programme admins' build alone
//! (Cargo feature `admin`: participants never download them); the navigation shows them only
//! to a person who administers a programme (`Programme::is_admin`, the rule `permissions::access` uses), and
//! what they change is checked again by the core and by the host.

mod matching;

pub use matching::{run_in_slices, MatchingScreen, SLICE_TARGET_MS};
