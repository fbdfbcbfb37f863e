//! Refusals: every rule of the domain that can say no, with a message naming the rule and
//! saying what to do instead.
//!
//! One type for all refusals, so the UI shows every one the same way and tests check both
//! which rule refused (`rule`) and what the person reads (`message`).

use std::fmt;

/// The rules of the domain. Each refusal names exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    TitleRequired,
    TitleTooLong,
    TextTooLong,
    ProgressRange,
    ProgressFromMilestones,
    UnknownRecord,
    NotPermitted,
    SameParty,
    CoachCredential,
    Seniority,
    ReportingLine,
    DatesOrdered,
    ProgrammeKind,
    CoachingGoalAlignment,
    MilestoneLimit,
    MeasureNumber,
    SessionLength,
    ActionItemOwner,
    FeedbackStrength,
    FeedbackDevelopmentArea,
    FeedbackParties,
    FeedbackDirection,
    RatingRange,
    LifecycleOrder,
    // Programme admin (docs/programme-admin.md).
    ProgrammeClosed,
    ProgrammeState,
    ProgrammeAdmin,
    ProgrammeLength,
    ProgrammeEligibility,
    AlreadyEnrolled,
    Capacity,
    EnrolmentOrder,
    ExtendBeyondProgramme,
    /// A mentee has one relationship under way per programme (a request counts).
    AlreadyPaired,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub rule: Rule,
    pub message: String,
}

impl Refusal {
    pub fn new(rule: Rule, message: impl Into<String>) -> Refusal {
        Refusal {
            rule,
            message: message.into(),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Refusal {}

/// Checks that a free-text field fits, counting characters (an Arabic text gets the same
/// allowance as an English one).
pub fn text_within(field: &str, text: &str, max_chars: usize) -> Result<(), Refusal> {
    let chars = text.chars().count();
    if chars > max_chars {
        return Err(Refusal::new(
            Rule::TextTooLong,
            format!("Shorten the {field} to {max_chars} characters or fewer (it has {chars})."),
        ));
    }
    Ok(())
}

/// Checks that an optional text field, trimmed, is present.
pub fn required(field: &str, text: &str, rule: Rule, hint: &str) -> Result<(), Refusal> {
    if text.trim().is_empty() {
        return Err(Refusal::new(rule, format!("Add {field}{hint}.")));
    }
    Ok(())
}
