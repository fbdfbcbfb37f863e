//! The pure core of the mentoring widget.
//!
//! Architecture invariant: this crate knows nothing about browsers, storage, the network or
//! the wire format. It holds the domain types and the rules that decide what a change may do,
//! so that the widget, the reference portal and native tests all share one truth.

pub mod goal;
pub mod ids;
pub mod person;
pub mod time;

pub use goal::{apply, decide, Goal, GoalCommand, GoalError, Progress, Title, TITLE_MAX_CHARS};
pub use ids::{IdError, RecordId};
pub use person::Person;
pub use time::Millis;
