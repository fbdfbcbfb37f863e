//! Refusals: every rule of the domain that can say no, with a message naming the rule and
//! saying what to do instead.
//!
//! One type for all refusals, so the UI shows every one the same way and tests check both
//! which rule refused (`rule`) and what the person reads (`message`).
//!
//! The message is English, for the host, its logs and its API, and exists only with the
//! `messages` feature (the portal and the widget's admin build turn it on). A screen shows the
//! rule in the reader's language instead: its translation names the rule and takes the
//! refusal's `args` (the numbers, names and dates the message names) in the same order. The
//! participants' build of the widget leaves the feature off, so the English texts and their
//! formatting are not in its download.

#[cfg(feature = "messages")]
use std::fmt;

/// A refusal of `rule`, with an English message written like `format!`'s arguments when the
/// `messages` feature is on; without it the message is neither formatted nor in the binary.
macro_rules! refusal {
    ($rule:expr, $($message:tt)+) => {{
        #[cfg(feature = "messages")]
        #[allow(clippy::useless_format)]
        let refusal = $crate::rules::Refusal::new($rule, format!($($message)+));
        #[cfg(not(feature = "messages"))]
        let refusal = {
            // Never called: keeps the message's values in use without formatting them.
            let _message = || format!($($message)+);
            $crate::rules::Refusal::of($rule)
        };
        refusal
    }};
}

/// The rules of the domain. Each refusal names exactly one, and each rule says one thing, so
/// that one translation per rule tells the person what to do. The comment says what the
/// refusal's `args` hold, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A goal or milestone needs a title.
    TitleRequired,
    /// The most characters, how many there are.
    TitleTooLong,
    /// The most characters, how many there are.
    TextTooLong,
    /// The percentage given.
    ProgressRange,
    ProgressFromMilestones,
    UnknownRecord,
    NotPermitted,
    SameParty,
    /// The coach's name, the start date.
    CoachCredential,
    /// Mentor's name and grade, mentee's name and grade.
    Seniority,
    /// Mentor's name and grade, mentee's name and grade.
    ReverseMentoringSeniority,
    /// The two people's names.
    ReportingLine,
    /// A relationship's or a programme's end, its start.
    DatesOrdered,
    /// The programme's name.
    ProgrammeKind,
    CoachingGoalAlignment,
    /// The most milestones.
    MilestoneLimit,
    /// A measure needs to say what it counts.
    MeasureRequired,
    /// The text that is not a number.
    MeasureNumber,
    /// A measure whose target is its baseline: no way to tell how far along it is.
    MeasureTargetIsBaseline,
    /// Progress is set by hand on a goal whose measure gives it.
    ProgressFromMeasure,
    /// The shortest in minutes, the longest in hours, the minutes given.
    SessionLength,
    /// A session says something: some notes or an action item.
    SessionEmpty,
    /// An action item needs a description.
    ActionItemText,
    ActionItemOwner,
    /// The action item's text.
    ActionItemDue,
    FeedbackStrength,
    FeedbackDevelopmentArea,
    FeedbackParties,
    FeedbackDirection,
    /// The rating given.
    RatingRange,
    /// A learning log entry needs text.
    LearningText,
    LifecycleOrder,
    /// Ending a relationship early needs a reason.
    LifecycleReason,
    // Programme admin (docs/programme-admin.md).
    /// The programme's name, the day it closed.
    ProgrammeClosed,
    ProgrammeState,
    ProgrammeAdmin,
    /// The longest default length in days, the length given.
    ProgrammeLength,
    /// Who may join names more departments or locations than it may.
    ProgrammeEligibility,
    /// A mentee or coachee outside the programme's "who may join": the person's name, the
    /// programme's name.
    NotAmongWhoMayJoin,
    /// Who may join's lowest grade is above its highest.
    GradesOrdered,
    /// A programme opened while its who may join admits nobody in the directory: the
    /// programme's name.
    ProgrammeAdmitsNobody,
    /// The person's name, their enrolment's status, the role, the programme's name.
    AlreadyEnrolled,
    /// The role, the most people at a time, the capacity given.
    Capacity,
    EnrolmentOrder,
    /// The programme's name, the day it ends.
    ExtendBeyondProgramme,
    /// A mentee has one relationship under way per programme (a request counts).
    AlreadyPaired,
    /// Two people have one relationship under way together, in whichever programme and of
    /// whichever kind (a request counts): the mentee's name, the mentor's name. A coaching
    /// beside a mentoring between the same two would split their sessions, goals and feedback
    /// between two records with nothing to say which conversation belongs to which, and ask
    /// one of them to be coach and mentor to the other at once; they end one first.
    PairUnderWay,
    /// A programme needs a name.
    ProgrammeNameRequired,
    /// The objective's number (from 1), which is empty.
    ObjectiveRequired,
    /// The relationship's planned end, which a new end must come after (and not be past).
    ExtensionEnd,
    /// The programme's name: its kind is fixed once it opens.
    ProgrammeKindFixed,
    /// The most objectives, how many there are.
    ObjectiveLimit,
    /// A manager's check-in comes from up the person's reporting line.
    ManagerCheckIn,
    /// A nudge goes to the mentor or the mentee of the pair it is about.
    NudgeRecipient,
    /// Nothing more happens in a relationship that is over (completed or ended early).
    RelationshipOver,
    /// No session or feedback in a relationship its admins have not started.
    RelationshipNotStarted,
    /// A matching preference is about gender, ethnicity or background, nothing else.
    PreferenceAttribute,
    /// An attribute shared for matching needs a value.
    PreferenceValueRequired,
    /// A person asks a mentor to share only an attribute they state themselves.
    PreferenceNotStated,
    /// A goal is given a due date that has already passed.
    GoalDuePassed,
    /// The days that must pass between two nudges about one pair.
    NudgedRecently,
    /// A mentor or coach whose places in a programme are all taken: their name, their
    /// places, the programme's name.
    MentorFull,
    /// A programme's weeks without a session before a pair is quiet: the lowest and highest
    /// allowed, the number given.
    HealthQuietWeeks,
    /// A programme's days before a planned end that flag a pair: the lowest and highest
    /// allowed, the number given.
    HealthEndingWithin,
    /// A programme's drop in feedback ratings that flags a pair, in points: the lowest and
    /// highest allowed, the drop given.
    HealthRatingDrop,
    /// A programme's places per mentor or coach: the lowest and highest allowed, the number
    /// given.
    PlacesPerMentor,
    /// A side's agreement to the pair's agreement written by someone else than who is on it.
    AgreedForOther,
    /// A session dated outside its relationship: the earliest date (the relationship's
    /// start) and the latest (a year from today).
    SessionDate,
    /// A goal's due date set too far ahead: the latest date allowed.
    GoalDueTooFar,
    /// A new programme starting too long ago: the earliest start allowed.
    ProgrammeStartTooEarly,
    /// A programme named as another one: the name.
    ProgrammeNameTaken,
    /// A proposal started and dated another day than the one it was started: that date.
    StartedOn,
    /// Someone paired in a programme with an enrolment list who is not on it in that role
    /// (never enrolled, declined or left): the person's name, the programme's name.
    NotEnrolled,
    /// A pair made or re-paired in a programme that is a draft or closed: the programme's
    /// name.
    ProgrammeNotOpen,
    /// One person takes part in a programme in one role: a mentee who mentors a pair under
    /// way there: the person's name, the role they hold, the programme's name.
    OtherRoleInProgramme,
    /// A session dated after its pair ended, which a pair that is over does not hold: the
    /// day it ended.
    SessionAfterEnd,
    /// Feedback linked to a session not yet held, or not of its relationship.
    FeedbackSession,
}

impl Rule {
    /// Every rule, so that tests can check each has what it needs (a translation, a test).
    pub const ALL: [Rule; 77] = [
        Rule::TitleRequired,
        Rule::TitleTooLong,
        Rule::TextTooLong,
        Rule::ProgressRange,
        Rule::ProgressFromMilestones,
        Rule::UnknownRecord,
        Rule::NotPermitted,
        Rule::SameParty,
        Rule::CoachCredential,
        Rule::Seniority,
        Rule::ReverseMentoringSeniority,
        Rule::ReportingLine,
        Rule::DatesOrdered,
        Rule::ProgrammeKind,
        Rule::CoachingGoalAlignment,
        Rule::MilestoneLimit,
        Rule::MeasureRequired,
        Rule::MeasureNumber,
        Rule::SessionLength,
        Rule::ActionItemText,
        Rule::ActionItemOwner,
        Rule::ActionItemDue,
        Rule::FeedbackStrength,
        Rule::FeedbackDevelopmentArea,
        Rule::FeedbackParties,
        Rule::FeedbackDirection,
        Rule::RatingRange,
        Rule::LearningText,
        Rule::LifecycleOrder,
        Rule::LifecycleReason,
        Rule::ProgrammeClosed,
        Rule::ProgrammeState,
        Rule::ProgrammeAdmin,
        Rule::ProgrammeLength,
        Rule::ProgrammeEligibility,
        Rule::AlreadyEnrolled,
        Rule::Capacity,
        Rule::EnrolmentOrder,
        Rule::ExtendBeyondProgramme,
        Rule::AlreadyPaired,
        Rule::ProgrammeNameRequired,
        Rule::ObjectiveRequired,
        Rule::ExtensionEnd,
        Rule::ProgrammeKindFixed,
        Rule::ObjectiveLimit,
        Rule::ManagerCheckIn,
        Rule::NudgeRecipient,
        Rule::RelationshipOver,
        Rule::PreferenceAttribute,
        Rule::PreferenceValueRequired,
        Rule::PreferenceNotStated,
        Rule::GoalDuePassed,
        Rule::NudgedRecently,
        Rule::PairUnderWay,
        Rule::GradesOrdered,
        Rule::HealthQuietWeeks,
        Rule::HealthEndingWithin,
        Rule::HealthRatingDrop,
        Rule::NotAmongWhoMayJoin,
        Rule::SessionEmpty,
        Rule::RelationshipNotStarted,
        Rule::ProgrammeAdmitsNobody,
        Rule::MeasureTargetIsBaseline,
        Rule::ProgressFromMeasure,
        Rule::MentorFull,
        Rule::PlacesPerMentor,
        Rule::AgreedForOther,
        Rule::SessionDate,
        Rule::GoalDueTooFar,
        Rule::ProgrammeStartTooEarly,
        Rule::ProgrammeNameTaken,
        Rule::StartedOn,
        Rule::NotEnrolled,
        Rule::ProgrammeNotOpen,
        Rule::OtherRoleInProgramme,
        Rule::SessionAfterEnd,
        Rule::FeedbackSession,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub rule: Rule,
    /// In English, for the host and logs; screens translate `rule` with `args` instead.
    #[cfg(feature = "messages")]
    pub message: String,
    /// The values the message names, in the order the rule's comment lists them.
    pub args: Vec<String>,
}

impl Refusal {
    #[cfg(feature = "messages")]
    pub fn new(rule: Rule, message: impl Into<String>) -> Refusal {
        Refusal {
            message: message.into(),
            ..Refusal::of(rule)
        }
    }

    /// A refusal of `rule` without a message (the `refusal!` macro's, without `messages`).
    pub fn of(rule: Rule) -> Refusal {
        Refusal {
            rule,
            #[cfg(feature = "messages")]
            message: String::new(),
            args: Vec::new(),
        }
    }

    /// The refusal with the values its message names, for translations to fill in.
    pub fn with_args<T: ToString>(mut self, args: impl IntoIterator<Item = T>) -> Refusal {
        self.args = args.into_iter().map(|a| a.to_string()).collect();
        self
    }
}

#[cfg(feature = "messages")]
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(feature = "messages")]
impl std::error::Error for Refusal {}

/// Checks that a free-text field fits, counting characters (an Arabic text gets the same
/// allowance as an English one).
pub fn text_within(field: &str, text: &str, max_chars: usize) -> Result<(), Refusal> {
    let chars = text.chars().count();
    if chars > max_chars {
        return Err(refusal!(
            Rule::TextTooLong,
            "Shorten the {field} to {max_chars} characters or fewer (it has {chars})."
        )
        .with_args([max_chars, chars]));
    }
    Ok(())
}

/// Checks that an optional text field, trimmed, is present.
pub fn required(field: &str, text: &str, rule: Rule, hint: &str) -> Result<(), Refusal> {
    if text.trim().is_empty() {
        return Err(refusal!(rule, "Add {field}{hint}."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each rule's place in `Rule::ALL`; the match is exhaustive, so a new rule that is not
    /// listed there does not compile.
    fn position(rule: Rule) -> usize {
        use Rule::*;
        match rule {
            TitleRequired => 0,
            TitleTooLong => 1,
            TextTooLong => 2,
            ProgressRange => 3,
            ProgressFromMilestones => 4,
            UnknownRecord => 5,
            NotPermitted => 6,
            SameParty => 7,
            CoachCredential => 8,
            Seniority => 9,
            ReverseMentoringSeniority => 10,
            ReportingLine => 11,
            DatesOrdered => 12,
            ProgrammeKind => 13,
            CoachingGoalAlignment => 14,
            MilestoneLimit => 15,
            MeasureRequired => 16,
            MeasureNumber => 17,
            SessionLength => 18,
            ActionItemText => 19,
            ActionItemOwner => 20,
            ActionItemDue => 21,
            FeedbackStrength => 22,
            FeedbackDevelopmentArea => 23,
            FeedbackParties => 24,
            FeedbackDirection => 25,
            RatingRange => 26,
            LearningText => 27,
            LifecycleOrder => 28,
            LifecycleReason => 29,
            ProgrammeClosed => 30,
            ProgrammeState => 31,
            ProgrammeAdmin => 32,
            ProgrammeLength => 33,
            ProgrammeEligibility => 34,
            AlreadyEnrolled => 35,
            Capacity => 36,
            EnrolmentOrder => 37,
            ExtendBeyondProgramme => 38,
            AlreadyPaired => 39,
            ProgrammeNameRequired => 40,
            ObjectiveRequired => 41,
            ExtensionEnd => 42,
            ProgrammeKindFixed => 43,
            ObjectiveLimit => 44,
            ManagerCheckIn => 45,
            NudgeRecipient => 46,
            RelationshipOver => 47,
            PreferenceAttribute => 48,
            PreferenceValueRequired => 49,
            PreferenceNotStated => 50,
            GoalDuePassed => 51,
            NudgedRecently => 52,
            PairUnderWay => 53,
            GradesOrdered => 54,
            HealthQuietWeeks => 55,
            HealthEndingWithin => 56,
            HealthRatingDrop => 57,
            NotAmongWhoMayJoin => 58,
            SessionEmpty => 59,
            RelationshipNotStarted => 60,
            ProgrammeAdmitsNobody => 61,
            MeasureTargetIsBaseline => 62,
            ProgressFromMeasure => 63,
            MentorFull => 64,
            PlacesPerMentor => 65,
            AgreedForOther => 66,
            SessionDate => 67,
            GoalDueTooFar => 68,
            ProgrammeStartTooEarly => 69,
            ProgrammeNameTaken => 70,
            StartedOn => 71,
            NotEnrolled => 72,
            ProgrammeNotOpen => 73,
            OtherRoleInProgramme => 74,
            SessionAfterEnd => 75,
            FeedbackSession => 76,
        }
    }

    #[test]
    fn all_lists_every_rule_once() {
        for (n, rule) in Rule::ALL.iter().enumerate() {
            assert_eq!(position(*rule), n, "{rule:?}");
        }
    }

    #[test]
    fn a_text_too_long_names_the_field_and_both_counts() {
        let refusal = text_within("aspiration", "abcdef", 5).unwrap_err();
        assert_eq!(refusal.rule, Rule::TextTooLong);
        assert!(
            refusal.message.contains("aspiration"),
            "{}",
            refusal.message
        );
        assert_eq!(refusal.args, ["5", "6"]);
        assert_eq!(text_within("aspiration", "abcde", 5), Ok(()));
        assert_eq!(
            text_within("aspiration", "ééééé", 5),
            Ok(()),
            "characters, not bytes"
        );
    }
}
