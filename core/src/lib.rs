//! The pure core of the mentoring widget.
//!
//! Architecture invariant: this crate knows nothing about browsers, storage, the network or
//! the wire format. It holds the domain types and the rules that decide what a change may do,
//! so that the widget, the reference portal and native tests all share one truth.

// First, so that its `refusal!` macro is in scope in the modules below.
#[macro_use]
pub mod rules;

pub mod dashboard;
pub mod enrolment;
pub mod evaluation;
pub mod export;
pub mod feedback;
pub mod goal;
pub mod health;
pub mod ids;
pub mod matching;
pub mod merge;
pub mod order;
pub mod permissions;
pub mod person;
pub mod preferences;
pub mod programme;
pub mod projection;
pub mod record;
pub mod relationship;
pub mod reminders;
pub mod session;
pub mod taken;
pub mod time;
mod words;

pub use enrolment::{check_enrolment_change, EnrolledAs, Enrolment, EnrolmentStatus};
pub use feedback::{
    check_feedback, check_learning_change, check_learning_entry, Feedback, LearningEntry,
    Observation, RatingScale, Ratings, Visibility,
};
pub use goal::{
    apply, check_goal, decide, own_goals, Amount, Goal, GoalCommand, GoalContext, GoalDraft,
    GoalStatus, Measure, Milestone, OwnGoals, Progress, ProgressFrom, ProgressPoint,
    ProgressSource, Relevance, Title, TITLE_MAX_CHARS,
};
pub use ids::{IdError, RecordId};
pub use person::{Directory, Grade, Person};
pub use preferences::{check_matching_preferences, Attribute, MatchingPreferences};
pub use programme::{
    check_programme_change, MatchingMode, Objective, PeopleFilter, Programme, ProgrammeKind,
    ProgrammeState,
};
pub use record::{check_as_pushed, check_change, AdminChange, Change, RecordContext};
pub use relationship::{check_relationship, Lifecycle, Relationship, RelationshipKind};
pub use rules::{Refusal, Rule};
pub use session::{
    check_private_note, check_session, next_agenda, ActionItem, ConversationSkill, Grow, Place,
    PrivateNote, Session, Skills,
};
pub use time::{Date, Millis};
