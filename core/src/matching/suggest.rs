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

/// The mentors Find a mentor could offer `mentee` in `programme` on `today`, whatever their
/// scores: none unless the programme is open, its mentees ask a mentor themselves
/// (`Programme::mentees_ask`), and the mentee may ask for a mentor there (not one of its admins, taking part as a mentee and not as a mentor only, with no pairing of
/// theirs under way in it); then each mentor taking part in it as one who keeps every pair
/// rule with them (reporting line, seniority, a shared language, a coach's credential, not
/// under way together elsewhere, not ended early here), has a place left, and to whom a
/// request would be made (`relationship::proposal_refusals`). The host answers who meets a
/// mentee's opt-in preferences for these alone: what their explanations say anyway.
/// `relationships` and `enrolments` are every one the caller knows, of any programme.
pub fn mentors_offered(
    programme: &crate::Programme,
    directory: &crate::Directory,
    mentee: &RecordId,
    relationships: &[crate::Relationship],
    enrolments: &[crate::Enrolment],
    today: crate::Date,
) -> Vec<RecordId> {
    use crate::enrolment::{check_takes_part, mentors_only};
    use crate::relationship::{open_for_mentee, proposal_refusals};
    use crate::EnrolledAs;
    let Some(person) = directory.get(mentee) else {
        return Vec::new();
    };
    let may_ask = programme.takes_new_pairs()
        && programme.mentees_ask()
        && !programme.is_admin(mentee)
        && check_takes_part(programme, person, EnrolledAs::Mentee, enrolments, today).is_ok()
        && !mentors_only(programme, person, enrolments, today)
        && open_for_mentee(relationships, &programme.id, mentee).is_none();
    if !may_ask {
        return Vec::new();
    }
    // The host holds every enrolment.
    let known = crate::relationship::KnownEnrolments::All;
    let enrolment =
        super::Enrolment::for_mentee_in(programme, directory, mentee, (enrolments, known), today);
    let settings = super::RunSettings::for_programme(programme);
    let source = super::CohortSource {
        programme,
        directory,
        enrolment: &enrolment,
        relationships,
        goals: &[],
        today,
    };
    // Time zones weigh in scores alone.
    let cohort = super::cohort_input(source, &settings, &|_| None);
    let Ok(problem) = Problem::new(cohort.input) else {
        return Vec::new();
    };
    let Some(row) = problem.mentee_index(mentee) else {
        return Vec::new();
    };
    (0..problem.mentors().len())
        .filter(|&j| problem.is_allowed(row, j) && problem.places_left(j) > 0)
        .map(|j| problem.mentors()[j].id.clone())
        .filter(|mentor| {
            let pair = (mentor, mentee);
            let (kind, existing) = (settings.kind, relationships);
            proposal_refusals(
                kind,
                programme,
                pair,
                today,
                directory,
                existing,
                (enrolments, known),
            )
            .is_empty()
        })
        .collect()
}
