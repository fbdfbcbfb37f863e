//! Every word the widget shows goes through here.
//!
//! Each locale is an exhaustive `match` over [`Text`] (English below, Arabic in `i18n_ar.rs`),
//! so a key without a translation does not compile: adding a language cannot leave a string
//! behind in English. Dates, times, numbers and plural categories are the browser's `Intl` job
//! (`edges::intl`), reached through the `Locale` methods here, never formatted by hand in a view.
//!
//! Counted texts (`Text::Count*`) have one form per CLDR plural category: the `match` gives the
//! `other` form, and `plural_form` the others a language uses (English "1 change", Arabic
//! "تغييران" for two). `Locale::count` picks the form with `Intl.PluralRules`.

use mentoring_core::{Date, Millis};

use crate::edges::intl::{self, Plural};

/// Declares [`Text`] and, for the tests, the list of all its keys in order.
macro_rules! texts {
    ($(#[$attr:meta])* pub enum Text { $($(#[$doc:meta])* $key:ident,)* }) => {
        $(#[$attr])*
        pub enum Text { $($(#[$doc])* $key,)* }

        #[cfg(test)]
        impl Text {
            /// Every key, in declaration order.
            pub const ALL: &'static [Text] = &[$(Text::$key,)*];
        }
    };
}

texts! {
/// A piece of user-visible text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    MyGoals,
    NoGoalsYet,
    LoadingGoals,
    Title,
    Progress,
    AddGoal,
    /// "{0} of {1} characters"
    CharactersUsed,
    Saving,
    SavedOnDevice,
    OfflineWorkingHere,
    /// "{0}" how many saved goals (`CountSavedGoals`) could not be read
    UnreadableGoals,
    StillStarting,
    RelationshipMissing,
    Syncing,
    OfflineAllSaved,
    /// "{0}" waiting changes (`CountChanges`), offline
    OfflineWaiting,
    /// "{0}" waiting changes (`CountChanges`), online
    ChangesWaiting,
    /// "{0}" the time of the last sync
    AllSynced,
    /// "{0}" the error
    SyncFailed,
    Retry,
    /// "{0}" how long (`CountDays`)
    StaleChanges,
    /// "{0}" how many (`CountChanges`), "{1}" the host's reason
    ChangesRefused,
    /// "{0}" the value that lost
    ConflictElsewhere,
    /// "{0}" the value to keep
    KeepThisValue,
    /// "Goals cannot be kept on this device: {0}"
    StorageUnavailable,
    // Counted words (see `Locale::count`): "{0}" the number.
    CountChanges,
    CountSavedGoals,
    CountMilestones,
    CountDays,
    CountMinutes,
    // The participants' screens (screens.rs, relationships.rs, goal_editor.rs,
    // session_log.rs, feedback.rs, learning.rs).
    ScreensNav,
    MyRelationships,
    NewSmartGoal,
    BackToMyGoals,
    BackToRelationships,
    BackToRelationship,
    KindCoaching,
    KindMentoring,
    KindReverseMentoring,
    RoleCoach,
    RoleCoachee,
    RoleMentor,
    RoleMentee,
    RoleReverseMentor,
    RoleReverseMentee,
    LifecycleProposed,
    LifecycleActive,
    LifecyclePaused,
    LifecycleCompleted,
    /// "{0}" the reason
    LifecycleEndedEarly,
    /// "{0}" the kind, "{1}" the partner's name
    RelationshipWith,
    /// "{0}" start, "{1}" planned end
    DatesFromTo,
    /// "{0}" date and time
    NextSessionAt,
    NoSessionPlanned,
    NoRelationshipsYet,
    Open,
    /// "{0}" the relationship's title
    OpenRelationship,
    YourRole,
    Programme,
    Dates,
    Status,
    Purpose,
    GroundRules,
    TargetRole,
    NotSet,
    LogSession,
    GiveFeedback,
    LearningLog,
    NewGoalHere,
    PairGoals,
    NoPairGoals,
    YourGoal,
    /// "{0}" the owner's name
    GoalOf,
    /// "{0}" the goal's title
    EditGoalNamed,
    /// "{0}" the goal's title
    ViewGoalNamed,
    Edit,
    View,
    NextAgenda,
    Sessions,
    NoSessionsYet,
    FeedbackReceived,
    EditGoal,
    GoalMissing,
    /// "{0}" the goal's title
    ProgressOf,
    /// "{0}" first %, "{1}" its date, "{2}" latest %, "{3}" its date, "{4}" changes
    /// (`CountChanges`); percentages come formatted ("40%")
    ChartSummary,
    /// "{0}" %, "{1}" date
    ChartOnePoint,
    ChartEmpty,
    SmartSteps,
    /// "{0}" number, "{1}" the step's name
    StepOf,
    StepSpecific,
    StepSpecificHint,
    StepMeasurable,
    StepMeasurableHint,
    StepAchievable,
    StepAchievableHint,
    StepRelevant,
    StepRelevantHint,
    StepTimeBound,
    StepTimeBoundHint,
    GoalPartOf,
    PersonalGoal,
    MeasureWhat,
    MeasureBaseline,
    MeasureTarget,
    MeasureCurrent,
    /// "{0}" what, "{1}" baseline, "{2}" current, "{3}" target
    MeasureLine,
    /// "{0}" number
    MilestoneNumbered,
    /// "{0}" number
    RemoveMilestone,
    AddAnotherMilestone,
    /// "{0}" how many (`CountMilestones`)
    MilestonesBelow,
    CoachingNeedsAlignment,
    OrganisationalObjective,
    NoObjective,
    ObjectivesNeedRelationship,
    ObjectivesFromProgramme,
    Aspiration,
    DueDate,
    PreviousStep,
    NextStep,
    GoalSaved,
    SaveGoal,
    SaveChanges,
    TrackProgress,
    Milestones,
    NoMilestones,
    /// "{0}" date
    DoneOn,
    NotDoneYet,
    /// "{0}" the milestone
    CompleteMilestoneNamed,
    /// "{0}" the milestone
    ReopenMilestoneNamed,
    Reopen,
    MarkDone,
    NewMilestone,
    AddMilestone,
    ProgressFromMilestones,
    ProgressByHand,
    StatusOnTrack,
    StatusAtRisk,
    StatusAchieved,
    StatusDropped,
    ReadOnlyGoal,
    /// "{0}" the relationship's title
    LogSessionFor,
    WhenAndWhere,
    /// "{0}" the time zone's name
    WhenInZone,
    LengthMinutes,
    MinutesWholeNumber,
    Where,
    Online,
    InPerson,
    /// "{0}" the location
    InPersonAt,
    Location,
    GrowNotes,
    GrowSharedHint,
    GrowGoal,
    GrowGoalPrompt,
    GrowReality,
    GrowRealityPrompt,
    GrowOptions,
    GrowOptionsPrompt,
    GrowWill,
    GrowWillPrompt,
    SkillsUsed,
    SkillQuestioning,
    SkillQuestioningPrompt,
    SkillListening,
    SkillListeningPrompt,
    SkillClarifying,
    SkillClarifyingPrompt,
    SkillReframing,
    SkillReframingPrompt,
    ActionItems,
    /// "{0}" number
    ActionItemNumbered,
    Owner,
    /// "{0}" your name
    PersonYou,
    /// "{0}" number
    RemoveActionItem,
    AddActionItem,
    ChooseOwner,
    LinkedGoals,
    MyPrivateNote,
    OnlyYouCanSee,
    PrivateNoteLabel,
    SessionSaved,
    SaveSession,
    Done,
    NoOpenActions,
    /// "{0}" owner, "{1}" due date
    ActionLine,
    /// "{0}" the action
    MarkActionDone,
    ActionDone,
    /// "{0}" in your zone, "{1}" in the author's, "{2}" the author's zone's name
    WhenWithAuthorZone,
    /// "{0}" how long (`CountMinutes`), "{1}" place, "{2}" author
    SessionMeta,
    /// "{0}" the skills
    SkillsUsedList,
    /// "{0}" goal titles
    LinkedGoalsList,
    NoteSaved,
    SavePrivateNote,
    ScaleListening,
    ScaleListeningHint,
    ScaleClarity,
    ScaleClarityHint,
    ScaleSupport,
    ScaleSupportHint,
    ScaleChallenge,
    ScaleChallengeHint,
    VisibilityPrivate,
    VisibilityPrivateHint,
    VisibilityShared,
    VisibilitySharedHint,
    VisibilityAnonymous,
    VisibilityAnonymousHint,
    /// "{0}" the relationship's title
    FeedbackFor,
    /// "{0}" the receiver's name
    FeedbackTo,
    Strengths,
    DevelopmentAreas,
    AddStrength,
    AddDevelopmentArea,
    /// "{0}" number
    StrengthNumbered,
    /// "{0}" number
    StrengthExample,
    /// "{0}" number
    RemoveStrength,
    /// "{0}" number
    DevelopmentNumbered,
    /// "{0}" number
    DevelopmentExample,
    /// "{0}" number
    RemoveDevelopmentArea,
    Remove,
    Ratings,
    RatingsHint,
    NotRated,
    /// "{0}" rating, "{1}" the scale
    RatingOutOfFive,
    OverallComment,
    AboutSession,
    NoParticularSession,
    WhoMayRead,
    FeedbackSaved,
    SaveFeedback,
    NoFeedbackYet,
    /// "{0}" giver, "{1}" when
    FeedbackFrom,
    /// "{0}" the example
    ForExample,
    /// "{0}" the relationship's title
    LearningLogFor,
    WhatILearned,
    WhatILearnedHint,
    /// "{0}" the partner's name
    ShareWithPartner,
    LearningSaved,
    AddToLearningLog,
    LearningEntries,
    NoLearningYet,
    MineOnly,
    MineShared,
    /// "{0}" the partner's name
    SharedBy,
}
}

/// The languages the widget speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    #[default]
    EnGb,
    /// Modern Standard Arabic, written right to left.
    Ar,
}

/// First strong isolate and pop directional isolate: around a value put into right-to-left
/// text, so a Latin name or a number keeps its own direction and does not pull the sentence's
/// punctuation with it.
const ISOLATE: (char, char) = ('\u{2068}', '\u{2069}');

impl Locale {
    /// The best supported locale for a BCP 47 tag such as `en-GB` or `ar-AE`: Arabic for any
    /// `ar` tag, English otherwise.
    pub fn from_tag(tag: &str) -> Locale {
        let language = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if language.eq_ignore_ascii_case("ar") {
            Locale::Ar
        } else {
            Locale::EnGb
        }
    }

    /// The language of the widget's texts, for the `lang` attribute of its root.
    pub fn lang(self) -> &'static str {
        match self {
            Locale::EnGb => "en-GB",
            Locale::Ar => "ar",
        }
    }

    /// The BCP 47 tag the browser's `Intl` formats with. Arabic texts are the same Modern
    /// Standard Arabic for every region; dates and numbers follow the UAE, where the
    /// organisation's Arabic-speaking staff work: Gregorian calendar and Latin digits,
    /// whatever region the host's tag names (`ar-SA` alone would switch to the Hijri calendar
    /// in some browsers).
    pub fn tag(self) -> &'static str {
        match self {
            Locale::EnGb => "en-GB",
            Locale::Ar => "ar-AE",
        }
    }

    /// The writing direction, for the `dir` attribute of the widget's root.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::EnGb => "ltr",
            Locale::Ar => "rtl",
        }
    }

    pub fn text(self, key: Text) -> &'static str {
        match self {
            Locale::EnGb => en_gb(key),
            Locale::Ar => super::i18n_ar::ar(key),
        }
    }

    /// The form of a counted text for a plural category; the `other` form (`text`) when the
    /// language has no form of its own for it.
    fn counted(self, key: Text, category: Plural) -> &'static str {
        let form = match self {
            Locale::EnGb => en_gb_plural(key, category),
            Locale::Ar => super::i18n_ar::ar_plural(key, category),
        };
        form.unwrap_or_else(|| self.text(key))
    }

    /// The text with `{0}`, `{1}`… replaced by `args` (isolated in right-to-left text).
    pub fn format(self, key: Text, args: &[&str]) -> String {
        fill(self.text(key), args, self == Locale::Ar)
    }

    /// A counted text (`Text::Count*`) for `n`, in the form the language's plural rules pick:
    /// "1 change", "3 changes"; "تغييران" for two in Arabic.
    pub fn count(self, key: Text, n: usize) -> String {
        let n = n as u64;
        let form = self.counted(key, intl::plural(n, self.tag()));
        fill(form, &[&intl::number(n as i64, self.tag())], false)
    }

    /// A number with the locale's digits and grouping.
    pub fn number(self, n: impl Into<i64>) -> String {
        intl::number(n.into(), self.tag())
    }

    /// A whole percentage, e.g. "33%".
    pub fn percent(self, percent: u8) -> String {
        intl::percent(percent, self.tag())
    }

    /// A calendar date, e.g. "5 Jan 2026".
    pub fn date(self, day: Date) -> String {
        intl::date(day, self.tag())
    }

    /// An instant as people in `zone` read it, e.g. "5 Jan 2026, 14:30".
    pub fn date_time(self, at: Millis, zone: &str) -> String {
        intl::date_time(at, zone, self.tag())
    }

    /// Items run together with the language's comma: "a, b" or "أ، ب".
    pub fn list<S: AsRef<str>>(self, items: &[S]) -> String {
        let comma = match self {
            Locale::EnGb => ", ",
            Locale::Ar => "، ",
        };
        let mut out = String::new();
        for (n, item) in items.iter().enumerate() {
            if n > 0 {
                out.push_str(comma);
            }
            out.push_str(item.as_ref());
        }
        out
    }

    /// A time zone's name, e.g. "United Kingdom Time" for "Europe/London".
    pub fn zone_name(self, zone: &str) -> String {
        intl::zone_name(zone, self.tag())
    }
}

/// `template` with each `{n}` (one digit) replaced by `args[n]`, in one pass; a placeholder
/// without an argument stays as written.
fn fill(template: &str, args: &[&str], isolate: bool) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|a| a.len() + 6).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = match after.as_bytes() {
            [digit @ b'0'..=b'9', b'}', ..] => args.get(usize::from(digit - b'0')),
            _ => None,
        };
        match arg {
            Some(arg) => {
                if isolate {
                    out.push(ISOLATE.0);
                }
                out.push_str(arg);
                if isolate {
                    out.push(ISOLATE.1);
                }
                rest = &after[2..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// English's singular of the counted texts; every other number takes the `other` form.
fn en_gb_plural(key: Text, category: Plural) -> Option<&'static str> {
    if category != Plural::One {
        return None;
    }
    Some(match key {
        Text::CountChanges => "{0} change",
        Text::CountSavedGoals => "{0} saved goal",
        Text::CountMilestones => "{0} milestone",
        Text::CountDays => "{0} day",
        Text::CountMinutes => "{0} minute",
        _ => return None,
    })
}

fn en_gb(key: Text) -> &'static str {
    match key {
        Text::MyGoals => "My goals",
        Text::NoGoalsYet => "No goals yet. Add something specific you want to achieve.",
        Text::LoadingGoals => "Loading your goals…",
        Text::Title => "Title",
        Text::Progress => "Progress",
        Text::AddGoal => "Add goal",
        Text::CharactersUsed => "{0} of {1} characters",
        Text::Saving => "Saving…",
        Text::SavedOnDevice => "Saved on this device.",
        Text::OfflineWorkingHere => "Offline: working on this device. Changes are kept here.",
        Text::UnreadableGoals => {
            "Could not read {0}: not shown, and kept unchanged on this device."
        }
        Text::StillStarting => "The widget is still starting; try again in a moment.",
        Text::RelationshipMissing => "That relationship is not on this device; sync and try again.",
        Text::Syncing => "Syncing…",
        Text::OfflineAllSaved => "Offline: everything is saved on this device.",
        Text::OfflineWaiting => "Offline: {0} kept on this device, to sync when you are back online.",
        Text::ChangesWaiting => "{0} waiting to sync.",
        Text::AllSynced => "All changes synced (last at {0}).",
        Text::SyncFailed => "Sync failed: {0}",
        Text::Retry => "Retry",
        Text::StaleChanges => {
            "Some changes have waited {0}: open this page while online soon, as some browsers clear site data after a week."
        }
        Text::ChangesRefused => "The portal refused {0}: {1}",
        Text::ConflictElsewhere => "Changed on another device at the same time to “{0}”.",
        Text::KeepThisValue => "Use “{0}”",
        Text::StorageUnavailable => "Goals cannot be kept on this device: {0}",
        Text::CountChanges => "{0} changes",
        Text::CountSavedGoals => "{0} saved goals",
        Text::CountMilestones => "{0} milestones",
        Text::CountDays => "{0} days",
        Text::CountMinutes => "{0} minutes",
        Text::ScreensNav => "Mentoring screens",
        Text::MyRelationships => "My relationships",
        Text::NewSmartGoal => "New SMART goal",
        Text::BackToMyGoals => "Back to my goals",
        Text::BackToRelationships => "Back to my relationships",
        Text::BackToRelationship => "Back to the relationship",
        Text::KindCoaching => "Coaching",
        Text::KindMentoring => "Mentoring",
        Text::KindReverseMentoring => "Reverse mentoring",
        Text::RoleCoach => "You are the coach",
        Text::RoleCoachee => "You are the coachee",
        Text::RoleMentor => "You are the mentor",
        Text::RoleMentee => "You are the mentee",
        Text::RoleReverseMentor => "You are the mentor (the junior colleague mentors in reverse mentoring)",
        Text::RoleReverseMentee => "You are the mentee (a junior colleague mentors you in reverse mentoring)",
        Text::LifecycleProposed => "Proposed",
        Text::LifecycleActive => "Active",
        Text::LifecyclePaused => "Paused",
        Text::LifecycleCompleted => "Completed",
        Text::LifecycleEndedEarly => "Ended early: {0}",
        Text::RelationshipWith => "{0} with {1}",
        Text::DatesFromTo => "{0} to {1} (planned)",
        Text::NextSessionAt => "Next session: {0}",
        Text::NoSessionPlanned => "No session planned",
        Text::NoRelationshipsYet => "You are not in a coaching or mentoring relationship yet. Your programme admin pairs people up.",
        Text::Open => "Open",
        Text::OpenRelationship => "Open {0}",
        Text::YourRole => "Your role",
        Text::Programme => "Programme",
        Text::Dates => "Dates",
        Text::Status => "Status",
        Text::Purpose => "Purpose",
        Text::GroundRules => "Ground rules",
        Text::TargetRole => "Target role",
        Text::NotSet => "Not agreed yet",
        Text::LogSession => "Log a session",
        Text::GiveFeedback => "Give feedback",
        Text::LearningLog => "Learning log",
        Text::NewGoalHere => "New goal in this relationship",
        Text::PairGoals => "Our goals",
        Text::NoPairGoals => "No goals in this relationship yet.",
        Text::YourGoal => "Your goal",
        Text::GoalOf => "{0}'s goal",
        Text::EditGoalNamed => "Edit goal “{0}”",
        Text::ViewGoalNamed => "View goal “{0}”",
        Text::Edit => "Edit",
        Text::View => "View",
        Text::NextAgenda => "Agenda for the next session",
        Text::Sessions => "Sessions",
        Text::NoSessionsYet => "No sessions logged yet.",
        Text::FeedbackReceived => "Feedback you received",
        Text::EditGoal => "Edit goal",
        Text::GoalMissing => "That goal is not on this device; sync and try again.",
        Text::ProgressOf => "Progress of “{0}”",
        Text::ChartSummary => "Progress went from {0} on {1} to {2} on {3} ({4}).",
        Text::ChartOnePoint => "Progress has been {0} since {1}.",
        Text::ChartEmpty => "No progress recorded yet.",
        Text::SmartSteps => "SMART steps",
        Text::StepOf => "Step {0}: {1}",
        Text::StepSpecific => "Specific",
        Text::StepSpecificHint => "Say exactly what you will achieve, for example \"Present the Q3 budget to the board\".",
        Text::StepMeasurable => "Measurable",
        Text::StepMeasurableHint => "How will you know? Name what you count, where you start, where you aim and where you are now. Leave all four empty if it cannot be counted.",
        Text::StepAchievable => "Achievable",
        Text::StepAchievableHint => "Break the goal into milestones you can tick off; when there are milestones, they drive progress.",
        Text::StepRelevant => "Relevant",
        Text::StepRelevantHint => "Why it matters: to the organisation (one of the programme's objectives) and to you.",
        Text::StepTimeBound => "Time-bound",
        Text::StepTimeBoundHint => "By when will you have achieved it?",
        Text::GoalPartOf => "Part of",
        Text::PersonalGoal => "A personal goal (only you see it)",
        Text::MeasureWhat => "What you will count",
        Text::MeasureBaseline => "Baseline",
        Text::MeasureTarget => "Target",
        Text::MeasureCurrent => "Current",
        Text::MeasureLine => "{0}: from {1}, now {2}, aiming for {3}",
        Text::MilestoneNumbered => "Milestone {0}",
        Text::RemoveMilestone => "Remove milestone {0}",
        Text::AddAnotherMilestone => "Add another milestone",
        Text::MilestonesBelow => "This goal has {0}: mark done, reopen or add more under \"Track progress\" below.",
        Text::CoachingNeedsAlignment => "A coaching goal needs one of the programme's organisational objectives and your own aspiration.",
        Text::OrganisationalObjective => "Organisational objective",
        Text::NoObjective => "No organisational objective",
        Text::ObjectivesNeedRelationship => "Objectives come from a relationship's programme; choose the relationship under \"Specific\" first.",
        Text::ObjectivesFromProgramme => "The objectives of this relationship's programme.",
        Text::Aspiration => "Your own aspiration",
        Text::DueDate => "Due date",
        Text::PreviousStep => "Previous step",
        Text::NextStep => "Next step",
        Text::GoalSaved => "Goal saved.",
        Text::SaveGoal => "Save goal",
        Text::SaveChanges => "Save changes",
        Text::TrackProgress => "Track progress",
        Text::Milestones => "Milestones",
        Text::NoMilestones => "No milestones: set progress by hand below, or add a milestone.",
        Text::DoneOn => "Done on {0}",
        Text::NotDoneYet => "Not done yet",
        Text::CompleteMilestoneNamed => "Mark “{0}” done",
        Text::ReopenMilestoneNamed => "Reopen “{0}”",
        Text::Reopen => "Reopen",
        Text::MarkDone => "Mark done",
        Text::NewMilestone => "New milestone",
        Text::AddMilestone => "Add milestone",
        Text::ProgressFromMilestones => "Progress comes from the milestones: mark one done to move it.",
        Text::ProgressByHand => "Slide to set progress by hand; it saves when you let go.",
        Text::StatusOnTrack => "On track",
        Text::StatusAtRisk => "At risk",
        Text::StatusAchieved => "Achieved",
        Text::StatusDropped => "Dropped",
        Text::ReadOnlyGoal => "You follow this goal; only its owner changes it.",
        Text::LogSessionFor => "Log a session: {0}",
        Text::WhenAndWhere => "When and where",
        Text::WhenInZone => "When (your time zone: {0})",
        Text::LengthMinutes => "Length in minutes",
        Text::MinutesWholeNumber => "Write the length in whole minutes, for example 60.",
        Text::Where => "Where",
        Text::Online => "Online",
        Text::InPerson => "In person",
        Text::InPersonAt => "In person at {0}",
        Text::Location => "Location",
        Text::GrowNotes => "Notes (GROW)",
        Text::GrowSharedHint => "Both of you can read these notes.",
        Text::GrowGoal => "Goal",
        Text::GrowGoalPrompt => "What do you want from this session, and from the relationship?",
        Text::GrowReality => "Reality",
        Text::GrowRealityPrompt => "What is happening now? What has been tried?",
        Text::GrowOptions => "Options",
        Text::GrowOptionsPrompt => "What could be done? What else?",
        Text::GrowWill => "Will",
        Text::GrowWillPrompt => "What will be done, by whom and by when?",
        Text::SkillsUsed => "Skills used",
        Text::SkillQuestioning => "Questioning",
        Text::SkillQuestioningPrompt => "What question opened things up?",
        Text::SkillListening => "Listening",
        Text::SkillListeningPrompt => "What did you hear that was not said outright?",
        Text::SkillClarifying => "Clarifying",
        Text::SkillClarifyingPrompt => "What did you check you had understood?",
        Text::SkillReframing => "Reframing",
        Text::SkillReframingPrompt => "What looked different from another angle?",
        Text::ActionItems => "Action items",
        Text::ActionItemNumbered => "Action item {0}",
        Text::Owner => "Owner",
        Text::PersonYou => "{0} (you)",
        Text::RemoveActionItem => "Remove action item {0}",
        Text::AddActionItem => "Add action item",
        Text::ChooseOwner => "Choose who owns each action item.",
        Text::LinkedGoals => "Goals this session worked on",
        Text::MyPrivateNote => "My private note",
        Text::OnlyYouCanSee => "Only you can see this.",
        Text::PrivateNoteLabel => "Private note (not shared with your partner)",
        Text::SessionSaved => "Session saved.",
        Text::SaveSession => "Save session",
        Text::Done => "Done",
        Text::NoOpenActions => "No open action items.",
        Text::ActionLine => "{0}, due {1}",
        Text::MarkActionDone => "Mark “{0}” done",
        Text::ActionDone => "(done)",
        Text::WhenWithAuthorZone => "{0} ({1} in {2})",
        Text::SessionMeta => "{0} · {1} · logged by {2}",
        Text::SkillsUsedList => "Skills used: {0}",
        Text::LinkedGoalsList => "Goals: {0}",
        Text::NoteSaved => "Private note saved.",
        Text::SavePrivateNote => "Save private note",
        Text::ScaleListening => "Listening",
        Text::ScaleListeningHint => "How well they listened and asked questions.",
        Text::ScaleClarity => "Clarity",
        Text::ScaleClarityHint => "How clearly goals and next steps were agreed.",
        Text::ScaleSupport => "Support",
        Text::ScaleSupportHint => "How supported you felt.",
        Text::ScaleChallenge => "Challenge",
        Text::ScaleChallengeHint => "How much they stretched your thinking.",
        Text::VisibilityPrivate => "Private to the receiver",
        Text::VisibilityPrivateHint => "Only the receiver and you can read it.",
        Text::VisibilityShared => "Shared with the pair",
        Text::VisibilitySharedHint => "Both of you see it on the relationship's page.",
        Text::VisibilityAnonymous => "Anonymous, in programme totals only",
        Text::VisibilityAnonymousHint => "Nobody reads it individually, the receiver included; it counts towards the programme's aggregate ratings.",
        Text::FeedbackFor => "Feedback: {0}",
        Text::FeedbackTo => "Your feedback goes to {0}.",
        Text::Strengths => "Strengths",
        Text::DevelopmentAreas => "Development areas",
        Text::AddStrength => "Add another strength",
        Text::AddDevelopmentArea => "Add another development area",
        Text::StrengthNumbered => "Strength {0}",
        Text::StrengthExample => "Example for strength {0}",
        Text::RemoveStrength => "Remove strength {0}",
        Text::DevelopmentNumbered => "Development area {0}",
        Text::DevelopmentExample => "Example for development area {0}",
        Text::RemoveDevelopmentArea => "Remove development area {0}",
        Text::Remove => "Remove",
        Text::Ratings => "Ratings",
        Text::RatingsHint => "From 1 (low) to 5 (high); leave a scale not rated if it does not apply.",
        Text::NotRated => "Not rated",
        Text::RatingOutOfFive => "{0} out of 5 for {1}",
        Text::OverallComment => "Overall comment",
        Text::AboutSession => "About a session",
        Text::NoParticularSession => "No particular session",
        Text::WhoMayRead => "Who may read it",
        Text::FeedbackSaved => "Feedback saved.",
        Text::SaveFeedback => "Save feedback",
        Text::NoFeedbackYet => "No feedback received yet.",
        Text::FeedbackFrom => "From {0}, {1}",
        Text::ForExample => "For example: {0}",
        Text::LearningLogFor => "Learning log: {0}",
        Text::WhatILearned => "What I learned",
        Text::WhatILearnedHint => "Mentoring works best when both learn: note what you took away.",
        Text::ShareWithPartner => "Share with my partner ({0})",
        Text::LearningSaved => "Added to the learning log.",
        Text::AddToLearningLog => "Add to learning log",
        Text::LearningEntries => "Entries",
        Text::NoLearningYet => "Nothing in the learning log yet.",
        Text::MineOnly => "Yours, only you can see it",
        Text::MineShared => "Yours, shared with your partner",
        Text::SharedBy => "Shared by {0}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCALES: [Locale; 2] = [Locale::EnGb, Locale::Ar];

    /// The counted texts, and the plural categories each language needs a form for besides
    /// `other`.
    const COUNTED: [Text; 5] = [
        Text::CountChanges,
        Text::CountSavedGoals,
        Text::CountMilestones,
        Text::CountDays,
        Text::CountMinutes,
    ];

    fn categories(locale: Locale) -> &'static [Plural] {
        match locale {
            Locale::EnGb => &[Plural::One],
            Locale::Ar => &[
                Plural::Zero,
                Plural::One,
                Plural::Two,
                Plural::Few,
                Plural::Many,
            ],
        }
    }

    /// The `{n}` placeholders in `text`, in order of first use.
    fn placeholders(text: &str) -> std::collections::BTreeSet<u8> {
        text.as_bytes()
            .windows(3)
            .filter(|w| w[0] == b'{' && w[1].is_ascii_digit() && w[2] == b'}')
            .map(|w| w[1] - b'0')
            .collect()
    }

    /// Latin-letter words in `text`.
    fn latin_words(text: &str) -> Vec<&str> {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .collect()
    }

    #[test]
    fn placeholders_are_filled_in_order() {
        let text = Locale::EnGb.format(Text::CharactersUsed, &["12", "120"]);
        assert_eq!(text, "12 of 120 characters");
        assert_eq!(
            fill("{1}, {0} {9} {x} {", &["a", "b"], false),
            "b, a {9} {x} {"
        );
        assert_eq!(fill("{0}{0}", &["é"], false), "éé");
    }

    #[test]
    fn values_in_arabic_text_are_isolated_so_latin_names_keep_their_direction() {
        let text = Locale::Ar.format(Text::RelationshipWith, &["كوتشينغ", "Sofia Reyes"]);
        assert_eq!(
            text,
            "\u{2068}كوتشينغ\u{2069} مع \u{2068}Sofia Reyes\u{2069}"
        );
    }

    #[test]
    fn every_text_is_non_empty_in_every_locale() {
        for locale in LOCALES {
            for &key in Text::ALL {
                assert!(!locale.text(key).trim().is_empty(), "{locale:?} {key:?}");
            }
        }
    }

    #[test]
    fn arabic_uses_the_same_placeholders_as_english_for_every_key() {
        for &key in Text::ALL {
            assert_eq!(
                placeholders(Locale::Ar.text(key)),
                placeholders(Locale::EnGb.text(key)),
                "{key:?}: {}",
                Locale::Ar.text(key)
            );
        }
    }

    #[test]
    fn arabic_texts_have_no_latin_word_but_the_methods_acronyms() {
        let allowed = ["SMART", "GROW", "G", "R", "O", "W"];
        for &key in Text::ALL {
            let text = Locale::Ar.text(key);
            for word in latin_words(text) {
                assert!(allowed.contains(&word), "{key:?}: {word:?} in {text}");
            }
        }
    }

    #[test]
    fn every_counted_text_has_a_form_for_each_plural_category_and_only_counted_texts_do() {
        for locale in LOCALES {
            for &key in Text::ALL {
                let forms: Vec<Plural> = Plural::ALL
                    .into_iter()
                    .filter(|&c| locale.counted(key, c) != locale.text(key))
                    .collect();
                if COUNTED.contains(&key) {
                    assert_eq!(forms, categories(locale), "{locale:?} {key:?}");
                    for category in Plural::ALL {
                        let form = locale.counted(key, category);
                        assert!(
                            placeholders(form).is_subset(&[0].into()),
                            "{locale:?} {key:?} {category:?}: {form}"
                        );
                    }
                } else {
                    assert!(forms.is_empty(), "{locale:?} {key:?} is not counted");
                }
            }
        }
    }

    #[test]
    fn counts_take_the_form_the_plural_rules_pick() {
        let en = |n| Locale::EnGb.count(Text::CountChanges, n);
        assert_eq!(en(1), "1 change");
        assert_eq!(en(0), "0 changes");
        assert_eq!(en(2), "2 changes");
        let ar = |n| Locale::Ar.count(Text::CountChanges, n);
        assert_eq!(ar(0), "لا تغييرات");
        assert_eq!(ar(1), "تغيير واحد");
        assert_eq!(ar(2), "تغييران");
        assert_eq!(ar(3), "3 تغييرات");
        assert_eq!(ar(10), "10 تغييرات");
        assert_eq!(ar(11), "11 تغييرًا");
        assert_eq!(ar(100), "100 تغيير");
        assert_eq!(ar(103), "103 تغييرات");
        assert_eq!(Locale::Ar.count(Text::CountMinutes, 60), "60 دقيقةً");
    }

    #[test]
    fn any_arabic_tag_picks_arabic_and_anything_else_english() {
        for tag in ["ar", "ar-AE", "ar-SA", "AR-ae", "ar_EG", " ar "] {
            assert_eq!(Locale::from_tag(tag), Locale::Ar, "{tag}");
        }
        for tag in ["en-GB", "en", "", "fr-FR", "arn", "ara", "-ar"] {
            assert_eq!(Locale::from_tag(tag), Locale::EnGb, "{tag}");
        }
        assert_eq!((Locale::Ar.dir(), Locale::Ar.lang()), ("rtl", "ar"));
        assert_eq!((Locale::EnGb.dir(), Locale::EnGb.lang()), ("ltr", "en-GB"));
    }
}
