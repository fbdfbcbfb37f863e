//! Suggestions: a mentee's best allowed mentors who still have a place, each explained, for
//! a mentee or admin to choose from instead of a full run.

use crate::RecordId;

use super::explain::UnmatchedReason;
use super::explain::{explain_pair, explain_unmatched, PairExplanation, PairSource};
use super::matrix::cell_score;
use super::problem::Problem;

/// How many mentors a mentee is offered.
pub const SUGGESTIONS_PER_MENTEE: usize = 5;

/// One mentee's suggestions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestions {
    pub mentee: RecordId,
    /// Set when the admin already pinned this mentee: nothing is suggested then.
    pub pinned_to: Option<RecordId>,
    /// Best first (score, then mentor id), at most `SUGGESTIONS_PER_MENTEE`.
    pub options: Vec<PairExplanation>,
    /// Why there is nothing to suggest, when `options` is empty and the mentee is not pinned.
    pub none_because: Option<UnmatchedReason>,
}

/// Suggestions for one mentee (an index into `problem.mentees()`): `O(mentors)`.
pub fn suggest_for(problem: &Problem, mentee: usize) -> Suggestions {
    let id = problem.mentees[mentee].id.clone();
    if let Some(mentor) = problem.pinned_mentor(mentee) {
        return Suggestions {
            mentee: id,
            pinned_to: Some(problem.mentors[mentor].id.clone()),
            options: Vec::new(),
            none_because: None,
        };
    }
    let row = problem.row_cells(mentee);
    let mut open: Vec<usize> = (0..row.len())
        .filter(|&j| row[j] >= 0 && problem.places_left(j) > 0)
        .collect();
    crate::order::sort_by(&mut open, |&a, &b| {
        cell_score(row[b]).cmp(&cell_score(row[a])).then(a.cmp(&b))
    });
    open.truncate(SUGGESTIONS_PER_MENTEE);
    let options: Vec<PairExplanation> = open
        .iter()
        .map(|&mentor| explain_pair(problem, &row, mentee, mentor, PairSource::Suggested(&open)))
        .collect();
    let none_because = options
        .is_empty()
        .then(|| explain_unmatched(problem, &row, mentee).reason);
    Suggestions {
        mentee: id,
        pinned_to: None,
        options,
        none_because,
    }
}

/// Suggestions for every mentee, in mentee id order.
pub fn suggest_all(problem: &Problem) -> Vec<Suggestions> {
    (0..problem.mentees.len())
        .map(|mentee| suggest_for(problem, mentee))
        .collect()
}
