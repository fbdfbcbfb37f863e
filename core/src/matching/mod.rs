//! Mentor and coach matching: who should work with whom in a programme, and why.
//!
//! ```text
//! MatchingInput ──Problem::new──> Problem ──MatchingRun::step…──> Matching (pairs + reasons)
//!   (input.rs)     (problem.rs:     │  score.rs: Σ weight × fit, integers
//!                   checks, ids     │  constraints.rs: hard rules
//!                   in order)       ├─ optimal/, pricing.rs: exact optimum (most matched, then
//!                                   │    score): auction prices, augmenting paths, repair
//!                                   ├─ stable.rs: best mutual fit first, no blocking pair
//!                                   └─ explain.rs: contributions, rank, why not higher
//!                      suggest.rs: a mentee's top five with places left
//! people, programme, goals ──cohort.rs──> MatchingInput (who is in the run, and on what)
//! ```
//!
//! Pure and deterministic: the same input gives the same output on every machine (people are
//! sorted by id; every tie has an explicit order). docs/matching.md describes the scoring
//! model, the modes and the privacy rule for opt-in attributes.

mod cohort;
mod constraints;
mod explain;
mod input;
#[cfg(feature = "instances")]
pub mod instances;
mod matrix;
mod optimal;
mod pricing;
mod problem;
mod run;
mod score;
mod stable;
mod suggest;

pub use cohort::{
    cohort_input, working_week, Cohort, CohortSource, Enrolment, LeftOut, LeftOutReason,
    RunSettings,
};
pub use constraints::{Exclusions, HardRule};
pub use explain::{
    Audience, HigherSaid, HigherScoring, PairExplanation, Unmatched, UnmatchedReason, WhyNot,
    MAX_HIGHER_LISTED,
};
pub use input::{
    Availability, MatchingInput, Mentee, Mentor, PairIds, WeeklySlot, Weights,
    MAX_UTC_OFFSET_MINUTES, MAX_WEIGHT, SLOTS_PER_WEEK,
};
pub use matrix::{Assignment, ScoreMatrix, MAX_PAIR_SCORE};
pub use optimal::{solve_optimal, OptimalSolver, Progress, SolveStage};
pub use problem::{InputError, PairList, Problem, Side, MAX_PAIRS};
pub use run::{match_cohort, Matching, MatchingRun, Mode, RunProgress, Stage};
pub use score::{
    highest_run_score, highest_score, Comparison, Contribution, Criterion, Evidence,
    FULL_AVAILABILITY_HOURS, WORKING_DAY_MINUTES,
};
pub use stable::solve_stable;
pub use suggest::{mentors_offered, suggest_all, suggest_for, Suggestions, SUGGESTIONS_PER_MENTEE};
