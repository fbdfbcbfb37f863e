//! What a programme is evaluated on, beyond goals, sessions and feedback (Kirkpatrick's
//! levels): a participant's own self-assessment at the start and the end (learning), a
//! manager's or peer's check-in (behaviour), and figures the host reports (results).
//!
//! Self-assessments and check-ins are records of their own; admins never see one, only the
//! programme's aggregates (`dashboard`), and never of fewer than five people.

use crate::rules::{Refusal, Rule};
use crate::{Directory, Millis, RecordId};

/// When a self-assessment was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Start,
    End,
}

/// A participant's rating of their own capability in the programme's aims, 1 (low) to 5.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelfAssessment {
    pub id: RecordId,
    pub programme: RecordId,
    pub person: RecordId,
    pub stage: Stage,
    pub score: u8,
    pub written_at: Millis,
}

/// Who gives a check-in about a participant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Observer {
    Manager,
    Peer,
}

/// A manager's or peer's view of whether a participant applies what they learned, 1 to 5.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckIn {
    pub id: RecordId,
    pub programme: RecordId,
    pub about: RecordId,
    pub by: RecordId,
    pub observer: Observer,
    pub score: u8,
    pub written_at: Millis,
}

/// A figure the host reports for a programme (retention, promotions…), shown as given: the
/// widget does not compute results it has no data for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeFigure {
    pub label: String,
    pub value: String,
}

fn score_in_range(score: u8) -> Result<(), Refusal> {
    if (1..=5).contains(&score) {
        Ok(())
    } else {
        Err(refusal!(
            Rule::RatingRange,
            "Choose a score from 1 to 5 (this is {score})."
        )
        .with_args([score]))
    }
}

pub fn check_self_assessment(assessment: &SelfAssessment) -> Result<(), Refusal> {
    score_in_range(assessment.score)
}

/// A check-in is about someone else; a manager's comes from someone up the person's
/// reporting line.
pub fn check_check_in(check_in: &CheckIn, directory: &Directory) -> Result<(), Refusal> {
    score_in_range(check_in.score)?;
    if check_in.by == check_in.about {
        return Err(refusal!(
            Rule::SameParty,
            "A check-in is about someone else; rate yourself in a self-assessment instead."
        ));
    }
    if check_in.observer == Observer::Manager
        && !directory
            .managers_of(&check_in.about)
            .contains(&check_in.by)
    {
        return Err(refusal!(
            Rule::ManagerCheckIn,
            "Only someone up the person's reporting line gives a manager's check-in; give a \
             peer's check-in instead."
        ));
    }
    Ok(())
}
