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
//!
//! The core's refusals carry an English message for the host and logs; a screen shows
//! [`Locale::refusal`] instead: the rule's text here, filled with the refusal's values.

use std::borrow::Cow;

use mentoring_core::dashboard::Month;
use mentoring_core::{Date, Millis, ProgrammeKind, Refusal, Rule};

use crate::edges::adapter::HostError;
use crate::edges::intl::{self, Plural};
use crate::edges::store::StoreError;

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
    ProgressSetTo,
    UndoProgress,
    /// "{0}" how many of the person's goals are achieved or dropped
    ClosedGoals,
    LoadingGoals,
    Title,
    Progress,
    AddGoal,
    /// "{0} of {1} characters"
    CharactersUsed,
    Saving,
    SavedOnDevice,
    /// "{0}" what could not be read: a list of counts (`CountSavedGoals`, `CountSavedSessions`,
    /// `CountSavedNotes`, `CountSavedRecords`)
    UnreadableSaved,
    StillStarting,
    RelationshipMissing,
    /// A session or learning entry deleted (perhaps on another device) while it was open.
    RecordGone,
    Syncing,
    OfflineAllSaved,
    /// "{0}" waiting changes (`CountChanges`), offline
    OfflineWaiting,
    /// The browser is online but the portal does not answer (refused, timed out).
    PortalUnreachable,
    /// As `PortalUnreachable`, with "{0}" waiting changes (`CountChanges`).
    PortalUnreachableWaiting,
    /// "{0}" waiting changes (`CountChanges`), online
    ChangesWaiting,
    /// Signed out of the portal with "{0}" waiting changes (`CountChanges`): they are kept
    SignedOutWaiting,
    /// "{0}" the time of the last sync
    AllSynced,
    /// "{0}" the error
    SyncFailed,
    /// The host failed a push: "{0}" the changes (`CountChanges`), still kept here
    SyncFailedKept,
    Retry,
    /// "{0}" how long (`CountDays`)
    StaleChanges,
    /// "{0}" how many (`CountChanges`) ops from the host this version cannot read, kept
    HeldFromPortal,
    /// "{0}" how many (`CountChanges`), "{1}" the host's reason: they were not kept
    ChangesRefused,
    /// `AllSynced` beside `ChangesRefused`: not all of them reached the portal
    SyncedLast,
    /// Two changes neither writer had seen, the later kept: "{0}" the value kept, "{1}" the
    /// value that lost. Both the reader's, on two of their devices:
    ConflictBothYours,
    /// The reader's kept, "{2}"'s lost
    ConflictYoursKept,
    /// "{2}"'s kept, the reader's lost
    ConflictTheirsKept,
    /// Both "{2}"'s, on two of their devices
    ConflictBothTheirs,
    /// "{3}"'s kept, "{2}"'s lost
    ConflictOthers,
    /// The same five when one value is empty: said as emptying, never quoted. "{0}" the value
    /// that is not empty, "{1}" the other writer (the one who is not the reader), "{2}" the
    /// writer whose change was kept in `ConflictOthers*`. The value kept is empty:
    ConflictBothYoursKeptEmpty,
    /// The value that lost is empty (the earlier change emptied it):
    ConflictBothYoursLostEmpty,
    ConflictYoursKeptEmpty,
    ConflictYoursLostEmpty,
    ConflictTheirsKeptEmpty,
    ConflictTheirsLostEmpty,
    ConflictBothTheirsKeptEmpty,
    ConflictBothTheirsLostEmpty,
    ConflictOthersKeptEmpty,
    ConflictOthersLostEmpty,
    /// "Use"/"Keep" for an empty value: nothing to quote
    UseEmpty,
    KeepEmpty,
    /// "{0}" the value that lost
    UseLostValue,
    /// "{0}" the value kept
    KeepKeptValue,
    /// Beside "Use": who else reads the record the lost value would be written in
    /// (`permissions::read_besides`). "{0}" the partner's name
    ReadByPartner,
    /// As `ReadByPartner`, the programme's admins reading it too
    ReadByPartnerAndAdmins,
    /// Read by the programme's admins alone
    ReadByAdmins,
    /// The reader changed a record on one device while it was deleted on another, so the
    /// change shows nowhere. "{0}" the record (`DeletedSessionPlace`…)
    DeletedChangeLostYours,
    /// As `DeletedChangeLostYours`, deleted by someone else: "{1}" who
    DeletedChangeLost,
    BringBack,
    LeaveDeleted,
    ChangesNotKept,
    ChangesNotKeptHint,
    /// On the status line, on any screen: "{0}" how many (`CountChanges`) are not kept
    NotKeptStatus,
    /// The button at the top that leads to them: "{0}" how many (`CountChanges`)
    ShowNotKept,
    /// The short word at the top while offline; with "{0}" waiting changes (`CountChanges`)
    SyncOffline,
    SyncOfflineWaiting,
    /// The short word at the top while the portal fails: "{0}" waiting changes (`CountChanges`)
    SyncWaiting,
    /// Beside a form's Save: closes it (asking first when something is not saved)
    CloseForm,
    /// The intro of changes made to records deleted elsewhere (`DeletedChangeLost…`)
    DeletedChangesHint,
    /// In place of a widget taken down because its person signed out in another tab
    SignedOutElsewhere,
    /// The intro of the person's changes the portal refused, still shown on this device
    RefusedChangesHint,
    /// A change the portal refused: "{0}" the value written, "{1}" why (`rejection`, `refusal`)
    RefusedWrote,
    /// As `RefusedWrote`, for a field emptied: "{0}" why
    RefusedEmptied,
    /// What the portal holds instead: "{0}" its value
    PortalHolds,
    PortalHoldsEmpty,
    /// The one choice for a refused change: the portal's value replaces it here
    UsePortalValue,
    /// Said once a record deleted while changed is back. "{0}" the record (`DeletedSessionPlace`…)
    BroughtBack,
    /// Said once such a record is left deleted. "{0}" the record
    LeftDeleted,
    /// Where a change not kept was made. "{0}" the partner's name, "{1}" the field
    ConflictInAgreement,
    /// "{0}" the goal's title, "{1}" the field
    ConflictInGoal,
    /// "{0}" the session's date, "{1}" the field
    ConflictInSession,
    /// "{0}" the field
    ConflictInLearning,
    /// "{0}" the receiver's name, "{1}" the field
    ConflictInFeedback,
    /// "{0}" the field
    ConflictInPreferences,
    /// A deleted record, in `DeletedChangeLost`. "{0}" the session's date and time, "{1}" the
    /// partner it was held with
    DeletedSessionPlace,
    /// "{0}" the session's date
    DeletedNotePlace,
    /// "{0}" the receiver's name
    DeletedFeedbackPlace,
    /// An action item of a deleted session, in `DeletedChangeLost…`. "{0}" the item's text,
    /// "{1}" the session (`DeletedSessionPlace`)
    DeletedItemPlace,
    /// The other of the pair changed their action item of a session its author deleted, which
    /// only the author may bring back. "{0}" the author, "{1}" the session
    /// (`DeletedSessionPlace`), "{2}" the item's text
    DeletedSessionItemTold,
    /// As `DeletedSessionItemTold`, when the author who deleted the session is no longer one
    /// of the pair (`session::may_change_session`): nobody may bring it back
    DeletedSessionItemToldAuthorGone,
    /// The pair changed their agreement while the programme's admins deleted the
    /// relationship: said with what they wrote. "{0}" the partner's name
    DeletedPairingTold,
    /// As `DeletedPairingTold`, of a change other than to the agreement (a pause). "{0}" the
    /// partner's name
    DeletedPairingChangeTold,
    /// "{0}" the entry, shortened
    DeletedEntryPlace,
    /// A record the portal refused to create, kept on this device: "{0}" the record
    /// (`NewGoalPlace`…), "{1}" why (`rejection`, `refusal`)
    RefusedNew,
    /// A delete the portal refused: "{0}" the record (`DeletedGoalPlace`…), "{1}" why
    RefusedDelete,
    /// "{0}" the goal's title
    NewGoalPlace,
    /// "{0}" the session's date and time, "{1}" the partner
    NewSessionPlace,
    /// "{0}" the receiver's name
    NewFeedbackPlace,
    /// "{0}" the entry, shortened
    NewEntryPlace,
    /// "{0}" the session's date
    NewNotePlace,
    /// "{0}" the goal's title
    DeletedGoalPlace,
    /// A milestone the portal refused alone: "{0}" its title, "{1}" its goal's
    NewMilestonePlace,
    /// "{0}" the milestone's title, "{1}" its goal's
    DeletedMilestonePlace,
    /// An action item the portal refused alone: "{0}" its text, "{1}" its session
    /// (`DeletedSessionPlace`)
    NewItemPlace,
    /// "{0}" the partner's name
    NewPairingPlace,
    PreferencesPlace,
    /// The choice for a record the portal refused to create
    RemoveFromDevice,
    /// "{0}" the record (`NewGoalPlace`…)
    ConfirmRemoveNew,
    YesRemoveNew,
    /// "{0}" the record
    RemovedNew,
    RemovedNewUndone,
    /// The choice for a delete the portal refused
    BringItBack,
    /// "{0}" the record (`DeletedGoalPlace`…)
    BroughtBackAsKept,
    /// "{0}" the record: "Bring it back" wrote nothing, the page reads storage again
    BroughtBackChangedSince,
    /// A value shown in words: a yes/no field, an empty one.
    ValueYes,
    ValueNo,
    /// Opens both values of a change not kept in full.
    FullTexts,
    StorageUnavailable,
    // Counted words (see `Locale::count`): "{0}" the number.
    CountChanges,
    CountSavedGoals,
    CountSavedSessions,
    CountSavedNotes,
    CountSavedRecords,
    CountMilestones,
    CountDays,
    CountMinutes,
    CountMentors,
    CountMentees,
    CountCoaches,
    CountCoachees,
    CountProposedRelationships,
    CountHours,
    CountGrades,
    CountSessions,
    CountGoals,
    CountPeople,
    CountPairs,
    // The participants' screens (screens.rs, relationships.rs, goal_editor.rs,
    // session_log.rs, feedback.rs, learning.rs).
    ScreensNav,
    /// The widget's heading while it cannot open anyone's screens (signed out, say).
    WidgetHeading,
    MyRelationships,
    /// The list's own heading under the screen's ("My relationships"), not a repeat of it
    RelationshipsListHeading,
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
    /// A proposal its mentor declined. "{0}" the reason
    LifecycleDeclined,
    /// A proposal its mentee withdrew. "{0}" the reason
    LifecycleWithdrawn,
    /// A proposal its programme's admins declined. "{0}" the reason
    LifecycleCancelled,
    /// Instead of the planned dates, once over. "{0}" the day it ended
    EndedOn,
    /// On the page of a relationship that is over, above what it still offers.
    RelationshipOverNote,
    /// In place of `RelationshipOverNote` for a proposal declined, withdrawn or declined by its
    /// admins: it never started
    UnstartedOverNote,
    /// "{0}" the kind, "{1}" the partner's name
    RelationshipWith,
    /// The section of My relationships listing pairings the person was taken off.
    EarlierPairings,
    EarlierPairingsHint,
    /// "{0}" the partner they had: the reminder's button that reads an earlier pairing's
    /// sessions back ("Read your sessions")
    ReadEarlierPairing,
    /// "{0}" the partner they had: the name of an earlier pairing's card button, which shows
    /// "Open" (a name starts with the words shown)
    OpenEarlierPairing,
    /// On an earlier pairing's page, above its sessions.
    EarlierPairingNote,
    /// On an earlier pairing's page, for whoever stayed in the relationship with a new partner.
    EarlierPartnerNote,
    EarlierPairingMissing,
    /// Said when the relationship page open is swapped for the earlier pairing
    TakenOffHere,
    /// The earlier pairing's page in place of the relationship's, with no session kept
    TakenOffNoSessions,
    /// The heading of that page: no list of earlier pairings to promise
    TakenOffHeading,
    /// Heading of what they were writing when taken off, kept to copy
    TakenOffWritten,
    TakenOffWrittenHint,
    /// The label of an ending's reason they were writing when taken off
    TakenOffReasonWritten,
    /// "{0}" the partner they had: an earlier pairing's title when this device holds only its
    /// sessions, which do not say whether it was coaching or mentoring
    EarlierPairingWith,
    /// "{0}" the partner they had: the title of an earlier pairing with feedback they gave
    /// and no session of theirs, its kind not on this device
    EarlierPairingOf,
    /// "{0}" the partner they had: its card button's name then, which shows "Open"
    OpenEarlierPairingOf,
    /// "{0}" its sessions (`CountSessions`), "{1}" the first one's date, "{2}" the latest's
    EarlierPairingSpan,
    /// "{0}" its one session (`CountSessions`), "{1}" its date
    EarlierPairingOn,
    /// A relationship's title ("{0}", `RelationshipWith`) where another of the person's reads
    /// the same, told apart by its programme ("{1}")
    RelationshipInProgramme,
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
    /// `NotSet` once the relationship is over: nothing more will be agreed
    NotAgreed,
    OurAgreement,
    AgreementEmpty,
    /// `AgreementEmpty` once the relationship is over: said, not asked for
    AgreementNotWritten,
    WriteAgreement,
    EditAgreement,
    /// "{0}" the day the later of the two agreed
    AgreedByBoth,
    /// "{0}" who agreed, "{1}" the day, "{2}" who has not
    AgreedWaiting,
    /// "{0}" who agreed to an earlier text, "{1}" the day
    AgreementChangedSince,
    /// `AgreedWaiting` when the reader agreed: "{0}" the day, "{1}" who has not
    YouAgreedWaiting,
    /// `AgreedWaiting` when the reader has not: "{0}" who agreed, "{1}" the day
    AgreedWaitingForYou,
    /// `AgreementChangedSince` when the reader agreed to the earlier text: "{0}" the day
    ChangedSinceYouAgreed,
    AgreedByNeither,
    IAgree,
    Cancel,
    PauseRelationship,
    ResumeRelationship,
    MarkCompleted,
    Undo,
    /// "{0}" the new status
    StatusChangedTo,
    ConfirmComplete,
    /// "{0}" how many (`CountSessions`), "{1}" their dates, the first few (`AndMore`)
    PlannedNotHeld,
    /// "{0}" the dates named, "{1}" how many more (`CountMoreSessions`)
    AndMore,
    /// "{0}" the day the pair ended: on a session planned for after it
    NotHeldEndedOn,
    NotHeldOver,
    ConfirmEndEarly,
    WithdrawRequest,
    ConfirmWithdraw,
    YesWithdraw,
    KeepPairing,
    ConfirmClearAgreement,
    YesClearAgreement,
    KeepAgreement,
    AgreementCleared,
    DeclineProposal,
    ConfirmDecline,
    YesDecline,
    YesComplete,
    YesEndEarly,
    LogSession,
    GiveFeedback,
    FeedbackFromCoachOnly,
    FeedbackToCoacheeOnly,
    LearningLog,
    /// The relationship page's button to the learning log screen, beside its own list.
    WriteInLearningLog,
    /// The heading over the moves a pair may make (pause, end…), below the status itself.
    ChangeStatus,
    NewGoalHere,
    PairGoals,
    NoPairGoals,
    /// The empty states of a relationship that is over: nothing more is to come
    NoPairGoalsOver,
    YourGoal,
    /// "{0}" the owner's name
    GoalOf,
    /// "{0}" the goal's title
    EditGoalNamed,
    /// "{0}" the goal's title
    ViewGoalNamed,
    Edit,
    Delete,
    View,
    NextAgenda,
    Sessions,
    NoSessionsYet,
    NoSessionsOver,
    FeedbackReceived,
    EditGoal,
    GoalMissing,
    /// "{0}" the goal's title
    ProgressOf,
    /// "{0}" first %, "{1}" its date, "{2}" latest %, "{3}" its date, "{4}" changes
    /// (`CountChanges`); percentages come formatted ("40%")
    ChartSummary,
    /// No change on the line drawn since its start (one point, or back where it was): "{0}"
    /// %, "{1}" the date since when
    ChartNoChange,
    /// "{0}" the date a switch of where progress comes from started a new line
    ChartSourceChanged,
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
    /// A "Part of" option, the partner first as a narrow select may cut it: "{0}" the
    /// partner, "{1}" the kind of relationship
    PartOfOption,
    /// "Part of" naming a pairing the goal's owner was taken off
    GoalEarlierPairing,
    PersonalGoal,
    PersonalGoalHint,
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
    NoMilestonesYetBelow,
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
    /// "{0}" the goal's title: said once it is added
    GoalAdded,
    /// A form's save over a part changed elsewhere since it opened: asked first.
    ChangedMeanwhile,
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
    /// "{0}" the progress set by hand
    FirstMilestoneTakesOver,
    /// "{0}" the progress the measure gives
    ProgressFromMeasure,
    ProgressFromMeasureRow,
    NoMilestonesMeasured,
    FirstMilestoneOverMeasure,
    /// "{0}" what the measure counts
    MeasureNow,
    UpdateCurrent,
    ProgressSourceLegend,
    /// "{0}" the progress the measure gives
    ProgressSourceMeasure,
    /// "{0}" the progress set by hand
    ProgressSourceHand,
    ProgressSourceHint,
    /// Saves the source chosen on the radios, which moving between them does not.
    SaveProgressSource,
    /// Saves the status chosen on the radios, which moving between them does not.
    SaveStatus,
    /// A proposal whose mentor has no place for it to start: "{0}" the mentor, "{1}" how many
    /// of their places are held, "{2}" how many they have (`CountPlaces`)
    AdminNoPlace,
    AdminNoPlaceCoaching,
    /// The same, of a mentor invited with their own number of places
    AdminNoPlaceInvited,
    CountPlaces,
    /// After "Use" on a change not kept: "{0}" who wrote the value replaced, "{1}" that value,
    /// "{2}" the value used instead
    ReplacedTheirs,
    /// The same, of the reader's own value: "{0}" it, "{1}" the value used instead
    ReplacedYours,
    /// After Undo: "{0}" the value given back
    ReplacedUndone,
    /// `ReplacedTheirs`, `ReplacedYours` and `ReplacedUndone` when the value replaced was
    /// empty: nobody's words to quote. "{0}" who left it empty, "{1}" the value used instead
    ReplacedTheirsEmpty,
    /// "{0}" the value used instead
    ReplacedYoursEmpty,
    ReplacedUndoneEmpty,
    /// "Use" chose an empty value: "{0}" whose words were taken out, "{1}" those words
    ReplacedTheirsByEmpty,
    /// "{0}" the reader's words taken out
    ReplacedYoursByEmpty,
    /// Undo refused: what "Use" or clearing wrote was changed again since (by a sync)
    ChangedSinceNotUndone,
    /// Where a goal's progress comes from, as a conflict states either side.
    MyMeasureShort,
    ByHandShort,
    StatusOnTrack,
    StatusAtRisk,
    StatusAchieved,
    StatusDropped,
    GoalDueOn,
    LeaveUnsaved,
    KeepEditing,
    DiscardAndLeave,
    ReadOnlyGoal,
    /// "{0}" the relationship's title
    LogSessionFor,
    WhenAndWhere,
    /// "{0}" the time zone's name
    WhenInZone,
    /// Under the session's time: "{0}" the partner, "{1}" the time on their clock, "{2}" their zone
    PartnersClock,
    LengthMinutes,
    MinutesWholeNumber,
    Where,
    Online,
    InPerson,
    /// "{0}" the location
    InPersonAt,
    Location,
    AddToCalendar,
    /// "{0}" the session's date and time; starts with `AddToCalendar`'s words, the button's
    /// visible text, so a person who says what they see is understood
    AddToCalendarLabel,
    EditSession,
    /// "{0}" the session's date and time
    EditSessionOf,
    /// On a session whose time came with nothing logged in it
    NothingLoggedYet,
    AddSessionNotes,
    /// "{0}" the session's date and time
    AddSessionNotesOf,
    SessionMissing,
    /// "{0}" the session's date and time
    DeleteSessionOf,
    /// Asked before a session is deleted: "{0}" the session's date and time, "{1}" the partner
    ConfirmDeleteSession,
    YesDeleteSession,
    /// "{0}" the session's date and time
    SessionDeleted,
    /// "{0}" the session's date and time
    UndoDeleteSession,
    /// In the calendar file: "{0}" the relationship's kind (`KindMentoring`…), "{1}" the partner
    SessionEventTitle,
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
    /// On a relationship's page: the owner's private notes on sessions deleted since
    NotesOfDeletedSessions,
    /// "{0}" the deleted session's date and time
    NoteOfDeletedSession,
    /// "{0}" the deleted session's date and time
    DeleteNoteOf,
    /// "{0}" the deleted session's date and time
    ConfirmDeleteNote,
    YesDeleteNote,
    /// "{0}" the deleted session's date and time
    NoteDeleted,
    /// "{0}" the deleted session's date and time
    UndoDeleteNote,
    OnlyYouCanSee,
    PrivateNoteLabel,
    SessionSaved,
    SaveNoteOnly,
    SaveSession,
    Done,
    NoOpenActions,
    /// "{0}" owner, "{1}" due date
    ActionLine,
    ActionLineOverdue,
    /// "{0}" the action
    MarkActionDone,
    ActionMarkedDone,
    ActionOpenAgain,
    UndoActionDone,
    ActionDone,
    /// "{0}" in your zone, "{1}" in the author's, "{2}" the author's zone's name
    WhenWithAuthorZone,
    /// "{0}" how long (`CountMinutes`), "{1}" place, "{2}" author
    SessionMeta,
    /// A session its author changed after logging it: "{0}" `SessionMeta`, "{1}" the day of
    /// the last change (`session::edited_at`)
    SessionMetaEdited,
    /// "{0}" the skills
    SkillsUsedList,
    /// "{0}" goal titles
    LinkedGoalsList,
    NoteSaved,
    SavePrivateNote,
    /// A session card's button that opens the private-note box, no note written yet
    AddPrivateNote,
    /// "{0}" the session's date and time: `AddPrivateNote`'s accessible name
    AddPrivateNoteOn,
    /// The same button once a note is written
    PrivateNoteWritten,
    /// "{0}" the session's date and time: `PrivateNoteWritten`'s accessible name
    PrivateNoteWrittenOn,
    /// "{0}" how many, after the sessions named by their dates (`AndMore`)
    CountMoreSessions,
    /// "{0}" how many (`CountEarlierSessions`): below the latest sessions
    ShowEarlier,
    CountEarlierSessions,
    /// "{0}" how many: below the latest feedback
    ShowEarlierFeedback,
    /// The jump list at the top of a relationship's page, and its entries
    OnThisPage,
    JumpFeedback,
    /// After deleting a session still to come: a file that takes it out of a calendar
    RemoveFromCalendar,
    /// "{0}" the session's date and time
    RemoveFromCalendarLabel,
    ScaleListening,
    /// A scale's hint, for feedback to the mentor or coach
    ScaleListeningHint,
    /// A scale's hint, for feedback to the mentee or coachee
    ScaleListeningHintToMentee,
    ScaleClarity,
    ScaleClarityHint,
    ScaleClarityHintToMentee,
    ScaleSupport,
    ScaleSupportHint,
    ScaleSupportHintToMentee,
    ScaleChallenge,
    ScaleChallengeHint,
    ScaleChallengeHintToMentee,
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
    /// "{0}" the scale: the "Not rated" choice of one scale, told apart from the others'
    NotRatedFor,
    /// "{0}" rating, "{1}" the scale
    RatingOutOfFive,
    OverallComment,
    AboutSession,
    NoParticularSession,
    WhoMayRead,
    SaveFeedback,
    NoFeedbackYet,
    NoFeedbackGivenYet,
    NoFeedbackOver,
    NoFeedbackGivenOver,
    FeedbackGiven,
    /// An earlier pairing with no session kept, and feedback both ways
    FeedbackGivenAndReceived,
    FeedbackGivenTo,
    /// The feedback form opened on feedback given before: "{0}" the receiver
    EditFeedbackTo,
    /// "{0}" the receiver, "{1}" when it was given, "{2}" its first words
    EditFeedbackNamed,
    /// "{0}" the receiver, "{1}" when it was given, "{2}" its first words
    DeleteFeedbackNamed,
    /// Asked before feedback is deleted: "{0}" the receiver, "{1}" when it was given
    ConfirmDeleteFeedback,
    /// "{0}" receiver, "{1}" when it was given: feedback for the programme's totals only
    ConfirmDeleteFeedbackTotals,
    YesDeleteFeedback,
    FeedbackDeleted,
    /// "{0}" the receiver, "{1}" when it was given
    UndoDeleteFeedback,
    /// "{0}" giver, "{1}" when
    FeedbackFrom,
    /// "{0}" the example
    ForExample,
    /// "{0}" the relationship's title
    LearningLogFor,
    WhatILearned,
    WhatILearnedHint,
    WhatILearnedHintCoaching,
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
    StopSharing,
    StopSharingNamed,
    ShareEntry,
    ShareEntryNamed,
    /// "{0}" the entry's first words, "{1}" the partner
    ConfirmShareEntry,
    /// "{0}" the partner
    YesShareEntry,
    /// "{0}" the entry's first words
    EditEntryNamed,
    /// "{0}" the entry's first words
    DeleteEntryNamed,
    EntryDeleted,
    /// "{0}" the partner it was shared with: deleted, it is the author's alone again
    EntryDeletedShared,
    /// Edit pressed on an entry while another holds changes not saved
    FinishEntryFirst,
    /// "{0}" the entry's first words
    UndoDeleteEntry,
    // Matching: the programme admin's matching screen (admin/matching.rs) and a mentee's
    // suggestions (suggestions.rs).
    AdminMatching,
    /// The matching screen's own heading under the screen's ("Matching")
    MatchingScreenHeading,
    FindMentor,
    /// "{0}" the programme's name
    MatchingFor,
    ChooseProgramme,
    NoProgrammeToRun,
    NoProgrammeToJoin,
    OnlyProgrammesYouRun,
    DirectoryUnreached,
    /// "{0}" mentees (`CountMentees`), "{1}" mentors (`CountMentors`), "{2}" mentees left out
    CohortSummary,
    /// "{0}" someone a programme counts whom the HR directory does not know
    LeftOutNotInDirectory,
    /// "{0}" someone with no language in the HR directory
    LeftOutNoLanguages,
    LeftOutInvited,
    Weights,
    WeightsHint,
    CriterionSkills,
    CriterionGoals,
    CriterionDepartment,
    CriterionTimeZone,
    CriterionAvailability,
    CriterionLocation,
    CriterionSeniority,
    CriterionPreferences,
    /// "{0}" the places the programme's set-up gives each mentor
    PlacesPerMentor,
    PlacesPerCoach,
    PlacesSetUpLabel,
    PlacesSetUpLabelCoaching,
    PlacesUnreadable,
    ModeLabel,
    RunMatching,
    RunAgain,
    MatchingProgress,
    StageScoring,
    StageSolving,
    StageExplaining,
    /// "{0}" how many
    ProposedPairs,
    /// "{0}" the score, "{1}" the most possible, "{2}" the one of the other as a percentage
    ScoreOf,
    /// "{0}" rank, "{1}" how many (`CountMentors`)
    RankLine,
    /// "{0}" criterion, "{1}" what it found, "{2}" points, "{3}" the most it could add
    ReasonLine,
    /// "{0}" criterion, "{1}" what it found: a criterion the programme weighs at 0
    ReasonLineUnweighted,
    /// "{0}" covered, "{1}" asked
    FactCovers,
    /// "{0}" shared, "{1}" asked, "{2}" the terms shared
    FactCoversTerms,
    FactNoneGiven,
    /// A mentee's own goals gave nothing to match on.
    FactNoGoals,
    /// None of a mentee's own preferences counted (none stated, or the host could not say).
    FactNoPreferences,
    FactPrivate,
    FactPrivateCoachee,
    /// "{0}" met, "{1}" stated
    FactPreferencesMet,
    /// "{0}" department or place
    FactBothIn,
    /// "{0}" the department both are in; says why another scores higher
    FactSameDepartment,
    FactOtherDepartment,
    FactDifferent,
    FactUnknown,
    /// "{0}" how far (`CountHours` or `CountMinutes`)
    FactMinutesApart,
    FactSameTimeZone,
    /// "{0}" hours (`CountHours`), "{1}" the hours that count in full (`CountHours`)
    FactCommonHours,
    /// "{0}" grades (`CountGrades`)
    FactGradesSenior,
    /// "{0}" grades (`CountGrades`)
    FactGradesJunior,
    NoneHigher,
    NoneHigherCoach,
    /// "{0}" mentor, "{1}" score, "{2}" why not
    HigherScored,
    /// "{0}" how many (`CountMentors`)
    HigherMore,
    WhySamePerson,
    WhyForbidden,
    WhyPairUnderWay,
    WhyPairEndedEarly,
    WhyReportingLine,
    WhySeniority,
    WhySeniorityReverse,
    WhyCredential,
    WhyLanguage,
    WhyFullBefore,
    WhyElsewhereOptimal,
    WhyElsewhereStable,
    WhyPinnedPair,
    /// "{0}" the reason, "{1}" how many mentors
    CountedReason,
    /// "{0}" how many
    UnmatchedHeading,
    UnmatchedNoPlaces,
    UnmatchedNoPlacesCoaching,
    /// "{0}" the reasons
    UnmatchedNoAllowed,
    UnmatchedNoAllowedCoaching,
    /// "{0}" how many (`CountMentors`)
    UnmatchedFull,
    Pinned,
    Pin,
    Unpin,
    Forbid,
    /// "{0}" the pair
    PinPair,
    /// "{0}" the pair
    UnpinPair,
    /// "{0}" the pair
    ForbidPair,
    /// "{0}" how many
    ForbiddenPairs,
    AllowAgain,
    /// "{0}" the pair
    AllowPair,
    /// "{0}" how many (`CountProposedRelationships`)
    Publish,
    /// "{0}" how many (`CountProposedRelationships`)
    ConfirmPublish,
    YesPublish,
    /// "{0}" how many (`CountProposedRelationships`)
    Published,
    /// "{0}" the reasons
    NotPublished,
    SuggestionsHeading,
    CoachesSuggestedHeading,
    /// The heading when no programme can suggest anyone to the reader (each says why)
    NoOneSuggested,
    CoachesSuggestedHint,
    SuggestionsHint,
    PrefsHeading,
    /// "{0}" how many values a mentee may try per question, "{1}" in how long (`CountDays`)
    PrefsPrivacy,
    PrefsEmpty,
    PrefsFieldHint,
    AttributeGender,
    AttributeEthnicity,
    AttributeBackground,
    PrefsWantGender,
    PrefsWantEthnicity,
    PrefsWantBackground,
    /// What a person would like a mentor to share, as one field
    PrefsWanted,
    PrefsSave,
    PrefsRemoveAll,
    PrefsSaved,
    PrefsRemoved,
    PrefsOffline,
    /// "{0}" the date the pause ends
    PrefsHeldGender,
    /// "{0}" the date the pause ends
    PrefsHeldEthnicity,
    /// "{0}" the date the pause ends
    PrefsHeldBackground,
    /// "{0}" why
    NoSuggestions,
    /// "{0}" the people (ids) or values concerned
    /// "{0}" the mentor
    AlreadyInProgramme,
    /// "{0}" the mentor asked
    AlreadyAskedInProgramme,
    /// "{0}" the mentor, "{1}" who proposed the pairing
    ProposedForYouInProgramme,
    /// "{0}" the mentor
    PairingWaitsInProgramme,
    /// "{0}" the programme
    NotOpenToYou,
    /// "{0}" the programme, which keeps an enrolment list the person is not on
    NotOnListInProgramme,
    InvitedInProgramme,
    /// "{0}" the programme, whose admins run the matching
    AdminsMatchInProgramme,
    YouHaveNoLanguages,
    YouAreNotInDirectory,
    YouAreInvited,
    /// "{0}" the programme, where the person is among the mentors
    MentorInProgramme,
    /// "{0}" the programme, where the person is among the coaches
    CoachInProgramme,
    /// "{0}" the programme, to which the person is invited as a mentor, not yet accepted
    InvitedAsMentorInProgramme,
    /// "{0}" the programme, to which the person is invited as a coach, not yet accepted
    InvitedAsCoachInProgramme,
    /// Find a mentor while the directory is asked again, what is held shown meanwhile
    DirectoryUpdating,
    /// "{0}" when the directory shown was received: it could not be asked again
    DirectoryAsOf,
    AskMentor,
    AskCoach,
    /// "{0}" the coach
    AskCoachNamed,
    /// "{0}" the mentor
    AskMentorNamed,
    /// "{0}" the mentor
    Requested,
    /// "{0}" the mentor asked
    ConfirmAskMentor,
    /// "{0}" the coach asked
    ConfirmAskCoach,
    YesAsk,
    // Refusals: one text per core `Rule` (see `rule_text`); "{n}" are the refusal's args,
    // in the order `Rule`'s documentation lists them.
    RefusedTitleRequired,
    RefusedTitleTooLong,
    RefusedTextTooLong,
    RefusedProgressRange,
    RefusedProgressFromMilestones,
    RefusedUnknownRecord,
    RefusedNotPermitted,
    RefusedSameParty,
    RefusedCoachCredential,
    RefusedSeniority,
    RefusedReverseMentoringSeniority,
    RefusedReportingLine,
    RefusedDatesOrdered,
    RefusedProgrammeKind,
    RefusedCoachingGoalAlignment,
    RefusedMilestoneLimit,
    RefusedMeasureRequired,
    RefusedMeasureNumber,
    /// "{0}" the baseline
    RefusedMeasureTargetIsBaseline,
    RefusedProgressFromMeasure,
    RefusedSessionLength,
    RefusedSessionEmpty,
    RefusedActionItemText,
    RefusedActionItemOwner,
    RefusedActionItemDue,
    RefusedGoalDuePassed,
    RefusedFeedbackStrength,
    RefusedFeedbackDevelopmentArea,
    /// "{0}" the strength's number on the form
    StrengthWithoutExample,
    /// "{0}" the example's number on the form
    ExampleWithoutStrength,
    /// "{0}" the development area's number on the form
    DevelopmentWithoutExample,
    /// "{0}" the example's number on the form
    ExampleWithoutDevelopment,
    RefusedFeedbackParties,
    RefusedFeedbackSession,
    /// On a feedback card: "{0}" the day of the session it is about
    FeedbackAboutSession,
    RefusedFeedbackDirection,
    RefusedRatingRange,
    RefusedLearningText,
    RefusedLifecycleOrder,
    RefusedLifecycleReason,
    RefusedProgrammeClosed,
    RefusedProgrammeState,
    RefusedProgrammeAdmin,
    RefusedProgrammeLength,
    /// "{0}" to "{1}" the weeks allowed, "{2}" the weeks given
    RefusedHealthQuietWeeks,
    /// "{0}" to "{1}" the days allowed, "{2}" the days given
    RefusedHealthEndingWithin,
    /// "{0}" to "{1}" the drop allowed in points, "{2}" the drop given
    RefusedHealthRatingDrop,
    /// "{0}" to "{1}" the places allowed, "{2}" the places given
    RefusedPlacesPerMentor,
    RefusedAgreedForOther,
    RefusedSessionDate,
    /// "{0}" the day the pair ended
    RefusedSessionAfterEnd,
    RefusedGoalDueTooFar,
    RefusedProgrammeStartTooEarly,
    RefusedProgrammeNameTaken,
    RefusedStartedOn,
    RefusedProgrammeEligibility,
    /// "{0}" the person, "{1}" the programme
    RefusedNotAmongWhoMayJoin,
    /// "{0}" the person, "{1}" the programme
    RefusedNotEnrolled,
    /// "{0}" the programme
    RefusedProgrammeNotOpen,
    RefusedProgrammeAdmitsNobody,
    RefusedGradesOrdered,
    RefusedAlreadyEnrolled,
    RefusedCapacity,
    RefusedEnrolmentOrder,
    RefusedExtendBeyondProgramme,
    /// "{0}" the mentee, "{1}" the programme, "{2}" the mentor of the open relationship
    RefusedAlreadyPaired,
    RefusedOtherRoleInProgramme,
    RefusedPairUnderWay,
    /// "{0}" the mentor, "{1}" their places, "{2}" the programme
    RefusedMentorFull,
    RefusedProgrammeNameRequired,
    /// "{0}" the objective's number
    RefusedObjectiveRequired,
    RefusedExtensionEnd,
    RefusedProgrammeKindFixed,
    RefusedObjectiveLimit,
    RefusedManagerCheckIn,
    RefusedNudgeRecipient,
    /// "{0}" the days between two nudges (`CountDays`)
    RefusedNudgedRecently,
    RefusedRelationshipNotStarted,
    RefusedRelationshipOver,
    RefusedPreferenceAttribute,
    RefusedPreferenceValueRequired,
    RefusedPreferenceNotStated,
    // Programme admin (ui/admin/) and a participant's own export.
    AdminNav,
    Programmes,
    NewProgramme,
    ProgrammeFromHr,
    ProgrammeMissing,
    ProgrammeSetUp,
    ProgrammeName,
    ProgrammeKindLabel,
    ProgrammeStarts,
    ProgrammeEnds,
    DefaultLengthDays,
    ObjectivesOnePerLine,
    MatchingMode,
    MatchingOptimal,
    MatchingStable,
    MatchingMenteeChooses,
    MatchingCoacheeChooses,
    WhoMayJoin,
    WhoMayJoinCoaching,
    /// "{0}" how many (`CountPeople`)
    AdmitsPeople,
    AdmitsNobody,
    DepartmentsList,
    LocationsList,
    /// "{0}" the departments nobody in the directory is in, "{1}" those it has
    UnknownDepartments,
    /// "{0}" the locations nobody in the directory is in, "{1}" those it has
    UnknownLocations,
    GradeLowest,
    GradeHighest,
    HealthSettingsHeading,
    QuietWeeksLabel,
    EndingWithinLabel,
    RatingDropLabel,
    ProgrammeOpen,
    SaveProgramme,
    ProgrammeSaved,
    CloseProgramme,
    ProgrammeClosedOn,
    EnrolPeople,
    SearchPeople,
    Department,
    Grade,
    AnyValue,
    EnrolAs,
    EnrolAsMentee,
    EnrolAsCoachee,
    EnrolAsMenteeInvited,
    EnrolAsCoacheeInvited,
    EnrolAsMentor,
    EnrolAsMentorEnrolled,
    EnrolAsCoachEnrolled,
    EnrolAsCoach,
    Capacity,
    SelectAllShown,
    SelectOffered,
    /// "{0}" how many people (`CountPeople`)
    EnrolSelected,
    EnrolNoneSelected,
    /// "{0}" how many were enrolled, "{1}" how many invited (numbers)
    EnrolledCount,
    /// Before the first enrolment of a programme taking its people from the directory: "{0}"
    /// the programme
    ListStartsWarning,
    /// "{0}" how many people (`CountPeople`), "{1}" how many pairs under way (`CountPairs`)
    ListStartsKeeps,
    ListStartsTwoRoles,
    NobodyFound,
    MoreFound,
    /// Everyone shown is outside who may join: "{0}" how many (`CountPeople`), "{1}" the
    /// programme's name
    NoneShownMayJoin,
    /// Everyone shown lacks a valid coaching credential: "{0}" how many (`CountPeople`), "{1}"
    /// the day it would have to be valid on
    NoneShownCredentialed,
    SomeShownMayJoin,
    SomeShownCredentialed,
    CannotBeEnrolled,
    AlreadyOnList,
    Participants,
    NoParticipantsYet,
    /// "{0}" mentees (`CountMentees`), "{1}" mentors (`CountMentors`)
    TakingPart,
    /// "{0}" mentees (`CountMentees`), "{1}" mentors (`CountMentors`)
    TakingPartFromDirectory,
    /// "{0}" coachees (`CountCoachees`), "{1}" coaches (`CountCoaches`)
    TakingPartFromDirectoryCoaching,
    EnrolmentInvited,
    EnrolmentEnrolled,
    EnrolmentDeclined,
    EnrolmentLeft,
    AsMentee,
    AsCoachee,
    AsMentor,
    AsCoach,
    /// A pair card's names: "{0}" the mentor, "{1}" the mentee
    PairCardNames,
    /// "{0}" the coach, "{1}" the coachee
    PairCardNamesCoaching,
    RelationshipHealth,
    /// Under the health list: its figures are each pair's own, not aggregates.
    HealthListIsPairs,
    NoRelationshipsInProgramme,
    SignalNoSession,
    SignalGoalsOverdue,
    SignalGoalsAtRisk,
    SignalRatingsDropping,
    SignalNearingEnd,
    SignalPastEnd,
    /// A signal this version does not know (a newer host's or device's).
    SignalUnknown,
    HealthNoSignals,
    /// "{0}" sessions (`CountSessions`), "{1}" the last one's date, "{2}" goals (`CountGoals`)
    HealthLine,
    /// A pair with no session held yet: "{0}" goals (`CountGoals`)
    HealthLineNoSessions,
    /// A pair's line ({0}) and the day of its next session planned ({1}).
    HealthLineNext,
    /// A proposed pair's card: it waits for its admins.
    HealthProposed,
    HealthPaused,
    HealthPausedSince,
    RelationshipStartedSaid,
    /// How a pair on the health list ended, for its admins: "{0}" the reason, "{1}" the
    /// mentor's name (declined) or the mentee's (withdrawn)
    AdminEndedCompleted,
    AdminEndedEarly,
    AdminEndedDeclined,
    AdminEndedWithdrawn,
    AdminEndedByAdmins,
    /// "{0}" the pair's planned end (a date)
    HealthPlannedEnd,
    /// "{0}" the pair's planned end (a date), now passed
    HealthPlannedEndPassed,
    /// Both of the pair: the mentee, then the mentor or coach.
    NudgePair,
    /// "{0}" when (a date and time)
    NudgedAt,
    NewPlannedEnd,
    Extend,
    ReasonForEnding,
    ReasonForDeclining,
    ReasonForRematch,
    ReasonForWithdrawing,
    EndEarly,
    Rematch,
    ConfirmAdminEndEarly,
    /// A proposed pair's admins turn it down (the party's own is `DeclineProposal`).
    AdminDecline,
    ConfirmAdminDecline,
    YesAdminDecline,
    /// "{0}" the mentee
    ConfirmRematch,
    YesRematch,
    StartRelationship,
    ActionSaved,
    StartedOnDay,
    Dashboard,
    RefreshFigures,
    LoadingFigures,
    FiguresAfterSync,
    FiguresAsOf,
    HiddenFewerThan5,
    NoDataYet,
    PeopleFigures,
    PeopleFiguresCoaching,
    RelationshipsByLifecycle,
    GoalsByStatusOverTime,
    SessionsPerMonth,
    RatingsOf,
    KirkpatrickView,
    /// A chart's vertical axis: "{0}" what is counted (`Axis*Count`, `AxisMeanOutOf5`),
    /// "{1}" its top value
    ChartUp,
    /// A chart's horizontal axis: "{0}" what each bar is (`AxisRole`…)
    ChartAcross,
    AxisPeopleCount,
    AxisRelationshipsCount,
    AxisGoalsCount,
    AxisSessionsCount,
    AxisRatingsCount,
    AxisMeanOutOf5,
    AxisRole,
    AxisStage,
    AxisMonth,
    AxisRating,
    AxisMeasure,
    ChartPeopleYet,
    ChartAllHiddenOrZero,
    /// Under a chart that draws a hidden figure as a dashed outline.
    ChartHiddenDrawn,
    ChartRelationshipsYet,
    ChartGoalsYet,
    ChartSessionsYet,
    /// "{0}" the rating scale
    ChartRatingsYet,
    ChartEvaluationYet,
    KirkpatrickResults,
    Exports,
    DownloadRelationshipsCsv,
    DownloadAggregatesCsv,
    MyData,
    DownloadMyJson,
    DownloadMyCsv,
    /// Instead of an export with no record in it
    NothingToExport,
    DateNeeded,
    Mentees,
    Mentors,
    Coachees,
    Coaches,
    Invited,
    EndedEarlyShort,
    /// A proposal ended before it started, in the lifecycle chart.
    DeclinedOrWithdrawnShort,
    /// The status a pairing's party just set, said without the reason shown above it
    DeclinedShort,
    WithdrawnShort,
    /// Beside the reason asked for in ending a pairing: "{0}" the partner
    ReasonRequiredHint,
    /// No reason given in ending a pairing: "{0}" the partner
    ReasonPartnerReads,
    KReaction,
    KLearningStart,
    KLearningEnd,
    KBehaviourManagers,
    KBehaviourPeers,
    EndsUnreadable,
    LengthUnreadable,
    GradeUnreadable,
    GradeOutOfRange,
    QuietWeeksUnreadable,
    EndingWithinUnreadable,
    RatingDropUnreadable,
    CapacityUnreadable,
    PrintableReport,
    Print,
    ProgrammeReport,
    CloseReport,
    ShowMorePairs,
    // What went wrong outside the widget (the host, storage, the browser) and in input the
    // person typed: edges return typed errors, and these say them (`Locale::host_error`…).
    HostUnreachable,
    HostUnavailable,
    HostSignedOut,
    HostRefused,
    HostNotOffered,
    HostStorageFailed,
    HostMalformed,
    FirstUseOffline,
    OfflineForSomeoneElse,
    PageForSomeoneElse,
    NothingReceivedYet,
    StoreFailed,
    DownloadFailed,
    DateRequired,
    /// "{0}" what was typed
    DateInvalid,
    /// "{0}" what was typed
    DateTimeInvalid,
    // Why the host refused a pushed change, by its code (docs/adapter.md).
    RejectedInvalidOp,
    RejectedForbidden,
    RejectedInvalidRecord,
    RejectedOpIdConflict,
    RejectedTooLarge,
    RejectedOther,
    // The roles a refusal names ("A coach takes 1 to 8 people").
    WordCoach,
    WordCoachee,
    WordMentor,
    WordMentee,
    // Matching input to fix before a run (`matching::InputError`); "{n}" names people.
    /// "{0}" the mentee
    InputDuplicateMentee,
    /// "{0}" the mentor
    InputDuplicateMentor,
    /// "{0}" the mentor
    InputNoCapacity,
    /// "{0}" the criterion, "{1}" the weight, "{2}" the most
    InputWeightTooLarge,
    /// "{0}" the person, "{1}" minutes, "{2}" the most (both `CountMinutes`)
    InputUtcOffset,
    /// "{0}" mentee, "{1}" mentor
    InputUnknownPerson,
    /// "{0}" mentee, "{1}" and "{2}" the mentors
    InputPinnedTwice,
    /// "{0}" mentee, "{1}" mentor, "{2}" why the rule excludes them
    InputPinBreaksRule,
    /// "{0}" mentor, "{1}" places, "{2}" pins (both `CountMentees`)
    InputPinsOverCapacity,
    /// "{0}" mentees (`CountMentees`), "{1}" mentors (`CountMentors`)
    InputTooLarge,
    PortalSignedInAsOther,
    StoreClosed,
    StoreLetGo,
    StoreFull,
    // "Needs your attention" on My goals (`ui::reminders`).
    NeedsAttention,
    /// "{0}" the action, "{1}" the due date, "{2}" how long ago (`CountDays`)
    ReminderActionOverdue,
    /// "{0}" the action
    ReminderActionToday,
    /// "{0}" the action, "{1}" the due date, "{2}" how long until then (`CountDays`)
    ReminderActionSoon,
    /// "{0}" the goal, "{1}" the due date, "{2}" how long ago (`CountDays`)
    ReminderGoalOverdue,
    /// "{0}" the goal
    ReminderGoalToday,
    /// "{0}" the goal, "{1}" the due date, "{2}" how long until then (`CountDays`)
    ReminderGoalSoon,
    ReminderGoalReached,
    /// "{0}" the partner, "{1}" how long since the start (`CountWeeks`)
    ReminderNoSessionYet,
    /// "{0}" the partner now, "{1}" how long, "{2}" the day of the re-pairing
    ReminderNoSessionSincePaired,
    /// "{0}" the partner, "{1}" how long (`CountWeeks`), "{2}" the last session's date
    ReminderNoSessionFor,
    ReminderNudge,
    /// "{0}" partner, "{1}" the planned end
    ReminderEndNear,
    /// "{0}" partner, "{1}" the planned end
    ReminderEndPassed,
    ReminderProposed,
    /// "{0}" the mentee who asked, "{1}" the day it is to start
    ReminderAsked,
    /// For a programme's admins: "{0}" the mentee who asked, "{1}" the mentor, "{2}" the day
    ReminderProposalAsked,
    /// "{0}" the mentee, "{1}" the mentor, "{2}" the day it was proposed
    ReminderProposalWaiting,
    /// "{0}" the partner, "{1}" the day it started
    ReminderStarted,
    ReminderPaused,
    ReminderInvited,
    AcceptInvitation,
    DeclineInvitation,
    AcceptInvitationLabel,
    /// "{0}" the programme
    ConfirmDeclineInvitation,
    YesDeclineInvitation,
    DeclineInvitationLabel,
    InvitationAccepted,
    InvitationDeclined,
    /// "{0}" the partner, "{1}" the day they agreed
    ReminderPartnerAgreed,
    /// "{0}" the partner, "{1}" the day the reader agreed to an earlier text
    ReminderAgreementChanged,
    ReminderStartOrDecline,
    PairOf,
    /// "{0}" the mentee, "{1}" the mentor
    ReminderStartOrDeclineLabel,
    /// "{0}" the partner who ended it, "{1}" the day
    ReminderPairingEndedByPartner,
    ReminderPairingCompletedByPartner,
    ReminderPairingCompletedByAdmins,
    /// "{0}" the partner, "{1}" the day
    ReminderPairingEndedByAdmins,
    /// A proposal the partner (its mentor) declined. "{0}" the partner, "{1}" the day
    ReminderPairingDeclined,
    /// A request the partner (its mentee) withdrew. "{0}" the partner, "{1}" the day
    ReminderPairingWithdrawn,
    /// A proposal the programme's admins cancelled. "{0}" the partner, "{1}" the day
    ReminderPairingCancelled,
    /// "{0}" the partner now, "{1}" the day
    ReminderRepaired,
    /// To the newcomer put in someone's place: "{0}" the partner, "{1}" the day
    ReminderPaired,
    /// To someone put back in a pair they had been taken off: "{0}" the partner, "{1}" the day
    ReminderPutBack,
    /// "{0}" the partner before, "{1}" the day; their sessions together stay readable
    ReminderTakenOff,
    /// "{0}" the partner before, "{1}" the day, "{2}" how many open actions
    /// (`CountOpenActions`), "{3}" the first one or two of them (`ReminderQuotedAction`)
    ReminderTakenOffActions,
    /// "{0}" the partner before, "{1}" the day; no session was logged with them
    ReminderTakenOffNoSessions,
    ReminderOpenEarlierPairing,
    /// "{0}" an action's text
    ReminderQuotedAction,
    ReminderOpenGoal,
    /// "{0}" the goal
    ReminderOpenGoalLabel,
    ReminderOpenAgenda,
    /// "{0}" the partner
    ReminderOpenAgendaLabel,
    ReminderOpenRelationship,
    /// "{0}" the partner
    ReminderOpenRelationshipLabel,
    /// "{0}" the partner, "{1}" the session's date and time in the reader's zone
    ReminderSessionAhead,
    /// "{0}" the partner who deleted it, "{1}" the date and time it was planned for
    ReminderSessionCancelled,
    /// "{0}" the partner who moved it, "{1}" its earlier date and time, "{2}" its new one
    ReminderSessionMoved,
    /// The file with a moved session's new time, for a calendar that holds the old one
    UpdateCalendar,
    /// "{0}" the session's new date and time
    UpdateCalendarLabel,
    /// Takes a deleted or moved session's line off "Needs your attention"
    DismissCalendarChange,
    /// "{0}" the session's date and time
    DismissCalendarChangeLabel,
    ReminderOpenSession,
    /// "{0}" the partner, "{1}" the session's date and time
    ReminderOpenSessionLabel,
    CountWeeks,
    CountOpenActions,
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
/// punctuation with it; and around a value written right to left (a name or a title typed in
/// Arabic) put into English text, for the same reason the other way round.
const ISOLATE: (char, char) = ('\u{2068}', '\u{2069}');

/// A short left-to-right value (a name, a date, a short title) in right-to-left text is kept
/// on one line: wrapped inside its isolate, its first half would end one line at the left and
/// its second start the next at the right. Longer ones may wrap, or they would not fit a phone.
const UNBROKEN: char = '\u{a0}';
const UNBROKEN_UP_TO_CHARS: usize = 32;

/// Whether `text` holds a letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko and their presentation forms).
fn holds_right_to_left(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
    })
}

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

    /// The text with `{0}`, `{1}`… replaced by `args` (isolated in right-to-left text, and
    /// in English when they are written right to left).
    pub fn format(self, key: Text, args: &[&str]) -> String {
        fill(self.text(key), args, self == Locale::Ar)
    }

    /// [`Locale::format`] for a file another program shows (a calendar event's title): no
    /// isolates or no-break spaces, which such programs may show as boxes or copy along.
    pub fn format_plain(self, key: Text, args: &[&str]) -> String {
        self.format(key, args)
            .chars()
            .filter(|c| *c != ISOLATE.0 && *c != ISOLATE.1)
            .map(|c| if c == UNBROKEN { ' ' } else { c })
            .collect()
    }

    /// A counted text (`Text::Count*`) for `n`, in the form the language's plural rules pick:
    /// "1 change", "3 changes"; "تغييران" for two in Arabic.
    pub fn count(self, key: Text, n: usize) -> String {
        let n = n as u64;
        let form = self.counted(key, intl::plural(n, self.tag()));
        fill(form, &[&intl::number(n as i64, self.tag())], false)
    }

    /// A number with the locale's digits and grouping (any integer type; one beyond `i64`
    /// shows as `i64::MAX`, which no count here reaches).
    pub fn number(self, n: impl TryInto<i64>) -> String {
        intl::number(n.try_into().unwrap_or(i64::MAX), self.tag())
    }

    /// A whole percentage, e.g. "33%".
    pub fn percent(self, percent: u8) -> String {
        intl::percent(percent, self.tag())
    }

    /// A calendar date, e.g. "5 Jan 2026".
    pub fn date(self, day: Date) -> String {
        intl::date(day, self.tag())
    }

    /// A calendar month, e.g. "Jan 2026" (a dashboard's months).
    pub fn month(self, month: Month) -> String {
        intl::month(month.first_day(), self.tag())
    }

    /// An instant as people in `zone` read it, e.g. "5 Jan 2026, 14:30".
    pub fn date_time(self, at: Millis, zone: &str) -> String {
        intl::date_time(at, zone, self.tag())
    }

    /// The time of day of `at` in `zone`, e.g. "14:05".
    pub fn time_of_day(self, at: Millis, zone: &str) -> String {
        intl::time_of_day(at, zone, self.tag())
    }

    /// Items run together with the language's comma: "a, b" or "أ، ب".
    pub fn list<S: AsRef<str>>(self, items: &[S]) -> String {
        let comma = match self {
            Locale::EnGb => ", ",
            Locale::Ar => "، ",
        };
        joined(items, comma)
    }

    /// The sessions `named` by their dates, and `more` not named, counted in the form the
    /// language's plural rules pick ("… and 2 more sessions"; Arabic "… وجلستان أخريان").
    pub fn and_more_sessions(self, named: &str, more: usize) -> String {
        if more == 0 {
            return named.to_owned();
        }
        self.format(
            Text::AndMore,
            &[named, &self.count(Text::CountMoreSessions, more)],
        )
    }

    /// Reasons or clauses, which may hold commas of their own, run together with the
    /// language's semicolon: "a; b" or "أ؛ ب".
    pub fn clauses<S: AsRef<str>>(self, items: &[S]) -> String {
        let semicolon = match self {
            Locale::EnGb => "; ",
            Locale::Ar => "؛ ",
        };
        joined(items, semicolon)
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
                let left_to_right = !holds_right_to_left(arg);
                let unbroken =
                    isolate && left_to_right && arg.chars().count() <= UNBROKEN_UP_TO_CHARS;
                let isolate = isolate || !left_to_right;
                if isolate {
                    out.push(ISOLATE.0);
                }
                if unbroken {
                    out.extend(arg.chars().map(|c| if c == ' ' { UNBROKEN } else { c }));
                } else {
                    out.push_str(arg);
                }
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

/// The counted words for the two sides of a pairing, (those guided, those guiding): coachees
/// and coaches in coaching, mentees and mentors otherwise.
pub fn counted_sides(kind: ProgrammeKind) -> (Text, Text) {
    match kind {
        ProgrammeKind::Coaching => (Text::CountCoachees, Text::CountCoaches),
        ProgrammeKind::Mentoring => (Text::CountMentees, Text::CountMentors),
    }
}

/// `key`, a mentoring text naming mentors or mentees, as a programme of `kind` says it: a
/// coaching programme's screens say coach and coachee instead.
pub fn in_words_of(kind: ProgrammeKind, key: Text) -> Text {
    if kind != ProgrammeKind::Coaching {
        return key;
    }
    match key {
        Text::PlacesPerMentor => Text::PlacesPerCoach,
        Text::PlacesSetUpLabel => Text::PlacesSetUpLabelCoaching,
        Text::FactPrivate => Text::FactPrivateCoachee,
        Text::NoneHigher => Text::NoneHigherCoach,
        Text::MatchingMenteeChooses => Text::MatchingCoacheeChooses,
        Text::WhoMayJoin => Text::WhoMayJoinCoaching,
        Text::EnrolAsMentee => Text::EnrolAsCoachee,
        Text::EnrolAsMenteeInvited => Text::EnrolAsCoacheeInvited,
        Text::EnrolAsMentor => Text::EnrolAsCoach,
        Text::EnrolAsMentorEnrolled => Text::EnrolAsCoachEnrolled,
        Text::AsMentee => Text::AsCoachee,
        Text::AsMentor => Text::AsCoach,
        Text::PairCardNames => Text::PairCardNamesCoaching,
        Text::AdminNoPlace => Text::AdminNoPlaceCoaching,
        Text::MentorInProgramme => Text::CoachInProgramme,
        Text::InvitedAsMentorInProgramme => Text::InvitedAsCoachInProgramme,
        Text::ConfirmAskMentor => Text::ConfirmAskCoach,
        Text::WhatILearnedHint => Text::WhatILearnedHintCoaching,
        Text::UnmatchedNoPlaces => Text::UnmatchedNoPlacesCoaching,
        Text::UnmatchedNoAllowed => Text::UnmatchedNoAllowedCoaching,
        other => other,
    }
}

/// English's singular of the counted texts; every other number takes the `other` form.
fn en_gb_plural(key: Text, category: Plural) -> Option<&'static str> {
    if category != Plural::One {
        return None;
    }
    Some(match key {
        Text::CountChanges => "{0} change",
        Text::CountSavedGoals => "{0} saved goal",
        Text::CountSavedSessions => "{0} saved session",
        Text::CountSavedNotes => "{0} saved private note",
        Text::CountSavedRecords => "{0} saved record",
        Text::CountMilestones => "{0} milestone",
        Text::CountDays => "{0} day",
        Text::CountMinutes => "{0} minute",
        Text::CountMentors => "{0} mentor",
        Text::CountMentees => "{0} mentee",
        Text::CountCoaches => "{0} coach",
        Text::CountCoachees => "{0} coachee",
        Text::CountProposedRelationships => "{0} proposed relationship",
        Text::CountHours => "{0} hour",
        Text::CountGrades => "{0} grade",
        Text::CountSessions => "{0} session",
        Text::CountGoals => "{0} goal",
        Text::CountPeople => "{0} person",
        Text::CountPairs => "{0} pair",
        Text::CountWeeks => "{0} week",
        Text::CountPlaces => "{0} place",
        Text::CountOpenActions => "{0} open action",
        Text::CountEarlierSessions => "{0} earlier session",
        Text::CountMoreSessions => "{0} more session",
        _ => return None,
    })
}

fn en_gb(key: Text) -> &'static str {
    match key {
        Text::MyGoals => "My goals",
        Text::ProgressSetTo => "Progress set to {0}.",
        Text::UndoProgress => "Undo: set the progress of “{0}” back to {1}",
        Text::NoGoalsYet => "No goals yet. Add something specific you want to achieve.",
        Text::ClosedGoals => "Achieved or dropped ({0})",
        Text::LoadingGoals => "Loading your goals…",
        Text::Title => "Title",
        Text::Progress => "Progress",
        Text::AddGoal => "Add goal",
        Text::CharactersUsed => "{0} of {1} characters",
        Text::Saving => "Saving…",
        Text::SavedOnDevice => "Saved on this device.",
        Text::UnreadableSaved => {
            "Could not read {0}: not shown, and kept unchanged on this device."
        }
        Text::StillStarting => "The widget is still starting; try again in a moment.",
        Text::RelationshipMissing => "That relationship is not on this device; sync and try again.",
        Text::RecordGone => "This was deleted, perhaps on another device; nothing was saved. Go back to see what is kept.",
        Text::Syncing => "Syncing…",
        Text::OfflineAllSaved => "Offline: everything is saved on this device.",
        Text::OfflineWaiting => "Offline: {0} to sync when you are back online.",
        Text::PortalUnreachable => "The portal cannot be reached just now, though this device is online: everything is saved on this device, and sync will keep trying.",
        Text::PortalUnreachableWaiting => "The portal cannot be reached just now, though this device is online: {0} kept on this device, and sync will keep trying.",
        Text::ChangesWaiting => "{0} waiting to sync.",
        Text::SignedOutWaiting => "Not signed in to the portal: {0} kept on this device, and sent once you sign in.",
        Text::AllSynced => "All changes synced (last at {0}).",
        Text::SyncedLast => "Synced (last at {0}).",
        Text::SyncFailed => "Sync failed: {0}",
        Text::SyncFailedKept => "Sync failed: {0} kept on this device, to be sent at the next sync. Tell the portal's team if this goes on.",
        Text::Retry => "Retry",
        Text::StaleChanges => {
            "Some changes have waited {0}: open this page while online soon, as some browsers clear site data after a week."
        }
        Text::HeldFromPortal => "{0} from the portal could not be read by this version of the widget: kept on this device, to be read after an update. If this stays, tell your HR team.",
        Text::ChangesRefused => "The portal did not keep {0}: {1}",
        Text::ConflictBothYours => "Changed on two of your devices: the later change, “{0}”, was kept; “{1}” was not.",
        Text::ConflictYoursKept => "You changed this after {2} did: your later “{0}” was kept, {2}’s “{1}” was not.",
        Text::ConflictTheirsKept => "{2} changed this after you did: {2}’s later “{0}” was kept, your “{1}” was not.",
        Text::ConflictBothTheirs => "Changed on two of {2}’s devices: the later change, “{0}”, was kept; “{1}” was not.",
        Text::ConflictOthers => "{3} changed this after {2} did: {3}’s later “{0}” was kept, {2}’s “{1}” was not.",
        Text::ConflictBothYoursKeptEmpty => "Changed on two of your devices: the later change emptied this, so “{0}” was not kept.",
        Text::ConflictBothYoursLostEmpty => "Changed on two of your devices: the later change, “{0}”, was kept; the earlier one had emptied this.",
        Text::ConflictYoursKeptEmpty => "You emptied this after {1} changed it: {1}’s “{0}” was not kept.",
        Text::ConflictYoursLostEmpty => "You changed this after {1} emptied it: your later “{0}” was kept.",
        Text::ConflictTheirsKeptEmpty => "{1} emptied this after you changed it: your “{0}” was not kept.",
        Text::ConflictTheirsLostEmpty => "{1} changed this after you emptied it: {1}’s later “{0}” was kept.",
        Text::ConflictBothTheirsKeptEmpty => "Changed on two of {1}’s devices: the later change emptied this, so “{0}” was not kept.",
        Text::ConflictBothTheirsLostEmpty => "Changed on two of {1}’s devices: the later change, “{0}”, was kept; the earlier one had emptied this.",
        Text::ConflictOthersKeptEmpty => "{2} emptied this after {1} changed it: {1}’s “{0}” was not kept.",
        Text::ConflictOthersLostEmpty => "{2} changed this after {1} emptied it: {2}’s later “{0}” was kept.",
        Text::UseEmpty => "Empty it",
        Text::KeepEmpty => "Keep it empty",
        Text::UseLostValue => "Use “{0}”",
        Text::KeepKeptValue => "Keep “{0}”",
        Text::ReadByPartner => "Your partner {0} will read this.",
        Text::ReadByPartnerAndAdmins => "Your partner {0} and the programme's admins will read this.",
        Text::ReadByAdmins => "The programme's admins will read this.",
        Text::DeletedChangeLostYours => "You changed {0} on one device while it was deleted on another: your change is not shown.",
        Text::DeletedChangeLost => "You changed {0} while {1} deleted it: your change is not shown.",
        Text::BringBack => "Bring back",
        Text::LeaveDeleted => "Leave deleted",
        Text::ChangesNotKept => "Changes not kept",
        Text::ChangesNotKeptHint => "Each was saved at the same time as another change to the same thing, or while one of them was offline. Choose which one stays.",
        Text::NotKeptStatus => "{0} not kept: choose which stays on My goals.",
        Text::ShowNotKept => "See {0} not kept",
        Text::SyncOffline => "Offline",
        Text::SyncOfflineWaiting => "Offline: {0} to sync",
        Text::SyncWaiting => "{0} to sync",
        Text::CloseForm => "Close",
        Text::DeletedChangesHint => "You changed these while they were being deleted elsewhere. Bring each back with your change, or leave it deleted.",
        Text::SignedOutElsewhere => "You signed out of the mentoring widget in another tab. Sign in again to go on.",
        Text::RefusedChangesHint => "The portal refused these changes of yours: they show only on this device. Copy anything you want to keep, then use the portal's value.",
        Text::RefusedWrote => "You wrote “{0}”; the portal refused it: {1}",
        Text::RefusedEmptied => "You emptied this; the portal refused it: {0}",
        Text::PortalHolds => "The portal holds “{0}”.",
        Text::PortalHoldsEmpty => "The portal holds it empty.",
        Text::UsePortalValue => "Use the portal’s value",
        Text::BroughtBack => "Brought back {0}, with your change.",
        Text::LeftDeleted => "Left {0} deleted; your change to it is dropped.",
        Text::ConflictInAgreement => "The agreement with {0}: {1}",
        Text::ConflictInGoal => "Goal “{0}”: {1}",
        Text::ConflictInSession => "Session of {0}: {1}",
        Text::ConflictInLearning => "Learning log entry: {0}",
        Text::ConflictInFeedback => "Feedback to {0}: {1}",
        Text::ConflictInPreferences => "Matching preferences: {0}",
        Text::DeletedSessionPlace => "the session of {0} with {1}",
        Text::DeletedNotePlace => "your private note on the session of {0}",
        Text::DeletedFeedbackPlace => "your feedback to {0}",
        Text::DeletedItemPlace => "action item “{0}” of {1}",
        Text::DeletedSessionItemTold => "{0} deleted {1} while you changed your action item “{2}”: the item went with the session, so your change is not shown. Nothing is lost: it comes back with the session, which only {0} can bring back.",
        Text::DeletedSessionItemToldAuthorGone => "{0} deleted {1} while you changed your action item “{2}”: the item went with the session, so your change is not shown. {0} is no longer one of the pair, and only the one who logged a session while still in the pair can bring it back, so it stays deleted.",
        Text::DeletedPairingChangeTold => "The programme's admins removed your pairing with {0} while you changed it, so your change was not kept.",
        Text::DeletedPairingTold => "The programme's admins removed your pairing with {0} while you changed its agreement, so your change was not kept. What you wrote is below, to copy.",
        Text::DeletedEntryPlace => "your learning log entry “{0}”",
        Text::RefusedNew => "The portal did not keep {0}: {1}",
        Text::RefusedDelete => "The portal kept {0}, which you deleted: {1}",
        Text::NewGoalPlace => "your new goal “{0}”",
        Text::NewSessionPlace => "your new session of {0} with {1}",
        Text::NewFeedbackPlace => "your new feedback to {0}",
        Text::NewEntryPlace => "your new learning log entry “{0}”",
        Text::NewNotePlace => "your new private note on the session of {0}",
        Text::DeletedGoalPlace => "your goal “{0}”",
        Text::NewMilestonePlace => "your new milestone “{0}” of the goal “{1}”",
        Text::DeletedMilestonePlace => "your milestone “{0}” of the goal “{1}”",
        Text::NewItemPlace => "your new action item “{0}” of {1}",
        Text::NewPairingPlace => "your new pairing with {0}",
        Text::PreferencesPlace => "your matching preferences",
        Text::RemoveFromDevice => "Remove from this device",
        Text::ConfirmRemoveNew => "Remove {0} from this device? The portal keeps no copy of it, so this is for good.",
        Text::YesRemoveNew => "Yes, remove it",
        Text::RemovedNew => "Removed {0} from this device.",
        Text::RemovedNewUndone => "Put {0} back on this device, as it was.",
        Text::BringItBack => "Bring it back",
        Text::BroughtBackAsKept => "Brought back {0} as the portal keeps it.",
        Text::BroughtBackChangedSince => "Nothing was brought back: {0} was changed or removed on this device meanwhile (in another tab, or while syncing), and this page now shows what is kept. If it is still listed, choose again.",
        Text::ValueYes => "yes",
        Text::ValueNo => "no",
        Text::FullTexts => "Full texts",
        Text::StorageUnavailable => "Goals cannot be kept on this device: this browser does not let the site store data (private browsing can block it). Allow it, then reload the page.",
        Text::CountChanges => "{0} changes",
        Text::CountSavedGoals => "{0} saved goals",
        Text::CountSavedSessions => "{0} saved sessions",
        Text::CountSavedNotes => "{0} saved private notes",
        Text::CountSavedRecords => "{0} saved records",
        Text::CountMilestones => "{0} milestones",
        Text::CountDays => "{0} days",
        Text::CountMinutes => "{0} minutes",
        Text::CountMentors => "{0} mentors",
        Text::CountMentees => "{0} mentees",
        Text::CountCoaches => "{0} coaches",
        Text::CountCoachees => "{0} coachees",
        Text::CountProposedRelationships => "{0} proposed relationships",
        Text::CountHours => "{0} hours",
        Text::CountGrades => "{0} grades",
        Text::CountSessions => "{0} sessions",
        Text::CountGoals => "{0} goals",
        Text::CountPeople => "{0} people",
        Text::CountPairs => "{0} pairs",
        Text::ScreensNav => "Mentoring screens",
        Text::WidgetHeading => "Mentoring and coaching",
        Text::MyRelationships => "My relationships",
        Text::RelationshipsListHeading => "Mentoring and coaching relationships",
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
        Text::LifecycleDeclined => "Declined: {0}",
        Text::LifecycleWithdrawn => "Withdrawn: {0}",
        Text::LifecycleCancelled => "Declined by the programme's admins: {0}",
        Text::EndedOn => "Ended on {0}",
        Text::RelationshipOverNote => "This relationship is over, so no new session, feedback or goal can be added to it. Everything in it stays here to read, and in My data to export; the learning log is still yours to reflect in.",
        Text::UnstartedOverNote => "This pairing ended before it started, so there is nothing in it to agree or add. The learning log is still yours to reflect in.",
        Text::RelationshipWith => "{0} with {1}",
        Text::EarlierPairings => "Earlier pairings",
        Text::EarlierPairingsHint => "Pairings the programme's admins took you off, or gave you a new partner in: what you had with your partner then stays here to read back.",
        Text::ReadEarlierPairing => "Read your sessions with {0}",
        Text::OpenEarlierPairing => "Open your sessions with {0}",
        Text::EarlierPairingNote => "The programme's admins took you off this pairing. The sessions you had stay here to read, and in My data to export; nothing in them can be changed or marked done any more. Your private notes stay yours.",
        Text::EarlierPartnerNote => "The programme's admins gave you a new partner in this relationship. The sessions and feedback you had with your partner before stay here, apart from the pairing now, and in My data to export. Your private notes stay yours.",
        Text::EarlierPairingMissing => "That earlier pairing is not on this device; sync and try again.",
        Text::TakenOffHere => "The programme's admins took you off this pairing: this page now shows what stays yours of it.",
        Text::TakenOffNoSessions => "The programme's admins took you off this pairing. No sessions of yours were logged in it, so none are kept here.",
        Text::TakenOffHeading => "You were taken off this pairing",
        Text::TakenOffWritten => "What you were writing",
        Text::TakenOffWrittenHint => "It could not be saved, as the pairing is no longer yours. Copy it from here before you leave this page.",
        Text::TakenOffReasonWritten => "Your reason for ending it",
        Text::EarlierPairingWith => "Sessions with {0}",
        Text::EarlierPairingOf => "Your pairing with {0}",
        Text::OpenEarlierPairingOf => "Open your pairing with {0}",
        Text::EarlierPairingSpan => "{0}, from {1} to {2}",
        Text::EarlierPairingOn => "{0}, on {1}",
        Text::RelationshipInProgramme => "{0}, in {1}",
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
        Text::ChangeStatus => "Change the status",
        Text::WriteInLearningLog => "Write in the learning log",
        Text::Purpose => "Purpose",
        Text::GroundRules => "Ground rules",
        Text::TargetRole => "Target role",
        Text::NotSet => "Not agreed yet",
        Text::NotAgreed => "Not agreed",
        Text::OurAgreement => "Our agreement",
        Text::AgreementEmpty => "Agree your purpose and ground rules together: what you want from this relationship, and how you will work (how often you meet, what stays between you).",
        Text::AgreementNotWritten => "No agreement was written.",
        Text::WriteAgreement => "Write our agreement",
        Text::EditAgreement => "Edit our agreement",
        Text::AgreedByBoth => "Agreed by both on {0}.",
        Text::AgreedWaiting => "{0} agreed on {1}; waiting for {2}.",
        Text::AgreementChangedSince => "Changed since {0} agreed on {1}: {0} has not agreed to this version.",
        Text::YouAgreedWaiting => "You agreed on {0}; waiting for {1}.",
        Text::AgreedWaitingForYou => "{0} agreed on {1}; waiting for you.",
        Text::ChangedSinceYouAgreed => "Changed since you agreed on {0}: you have not agreed to this version.",
        Text::AgreedByNeither => "Neither of you has agreed to it yet.",
        Text::IAgree => "I agree to this agreement",
        Text::Cancel => "Cancel",
        Text::PauseRelationship => "Pause",
        Text::ResumeRelationship => "Resume",
        Text::MarkCompleted => "Mark as completed",
        Text::Undo => "Undo",
        Text::StatusChangedTo => "Status: {0}.",
        Text::ConfirmComplete => "Mark this relationship as completed? This cannot be undone; what you both wrote stays.",
        Text::PlannedNotHeld => "Planned ahead, and not held once it ends: {0} ({1}). Take any you added out of your calendar.",
        Text::AndMore => "{0} and {1}",
        Text::NotHeldEndedOn => "Not held: the pair ended on {0}.",
        Text::NotHeldOver => "Not held: the pair is over.",
        Text::ConfirmEndEarly => "End this relationship early? This cannot be undone; what you both wrote stays.",
        Text::WithdrawRequest => "Withdraw from this pairing",
        Text::ConfirmWithdraw => "Withdraw from this pairing? It cannot be undone; you can ask for a mentor again from Find a mentor or coach.",
        Text::YesWithdraw => "Yes, withdraw",
        Text::KeepPairing => "No, keep the pairing",
        Text::ConfirmClearAgreement => "Clear the agreement you both wrote? Its purpose and ground rules go for both of you.",
        Text::YesClearAgreement => "Yes, clear the agreement",
        Text::KeepAgreement => "No, keep it",
        Text::AgreementCleared => "The agreement was cleared.",
        Text::DeclineProposal => "Decline",
        Text::ConfirmDecline => "Decline this pairing? It cannot be undone; your partner reads your reason.",
        Text::YesDecline => "Yes, decline",
        Text::YesComplete => "Yes, mark as completed",
        Text::YesEndEarly => "Yes, end it early",
        Text::LogSession => "Log a session",
        Text::GiveFeedback => "Give feedback",
        Text::FeedbackFromCoachOnly => "In coaching, feedback on strengths and development areas comes from the coach. Tell your coach how the coaching is going when you meet, or in a learning-log entry you share with them.",
        Text::FeedbackToCoacheeOnly => "In coaching, feedback on strengths and development areas comes from you, the coach. Your coachee tells you how the coaching is going when you meet, or in a learning-log entry they share with you.",
        Text::LearningLog => "Learning log",
        Text::NewGoalHere => "New goal in this relationship",
        Text::PairGoals => "Our goals",
        Text::NoPairGoals => "No goals in this relationship yet.",
        Text::NoPairGoalsOver => "No goals were set in this relationship.",
        Text::YourGoal => "Your goal",
        Text::GoalOf => "{0}'s goal",
        Text::EditGoalNamed => "Edit goal “{0}”",
        Text::ViewGoalNamed => "View goal “{0}”",
        Text::Edit => "Edit",
        Text::Delete => "Delete",
        Text::View => "View",
        Text::NextAgenda => "Agenda for the next session",
        Text::Sessions => "Sessions",
        Text::NoSessionsYet => "No sessions logged yet.",
        Text::NoSessionsOver => "No sessions were logged.",
        Text::FeedbackReceived => "Feedback you received",
        Text::EditGoal => "Edit goal",
        Text::GoalMissing => "That goal is not on this device; sync and try again.",
        Text::ProgressOf => "Progress of “{0}”",
        Text::ChartSummary => "Progress went from {0} on {1} to {2} on {3} ({4}).",
        Text::ChartNoChange => "No change yet: progress has been {0} since {1}.",
        Text::ChartSourceChanged => "Where progress comes from changed on {0}.",
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
        Text::PartOfOption => "{0} ({1})",
        Text::GoalEarlierPairing => "A pairing you were taken off",
        Text::PersonalGoal => "A personal goal",
        Text::PersonalGoalHint => "Only you see a personal goal.",
        Text::MeasureWhat => "What you will count",
        Text::MeasureBaseline => "Baseline",
        Text::MeasureTarget => "Target",
        Text::MeasureCurrent => "Current",
        Text::MeasureLine => "{0}: from {1}, now {2}, aiming for {3}",
        Text::MilestoneNumbered => "Milestone {0}",
        Text::RemoveMilestone => "Remove milestone {0}",
        Text::AddAnotherMilestone => "Add another milestone",
        Text::MilestonesBelow => "This goal has {0}: mark done, reopen or add more under \"Track progress\" below.",
        Text::NoMilestonesYetBelow => "This goal has no milestones yet: add them under \"Track progress\" below.",
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
        Text::GoalAdded => "Goal added: “{0}”.",
        Text::ChangedMeanwhile => "This was changed in another tab or on another device since you opened it. Save again to put yours in its place, or leave without saving to keep that change.",
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
        Text::FirstMilestoneTakesOver => "Once this goal has a milestone, progress counts the milestones done: the {0} set by hand gives way to it.",
        Text::ProgressFromMeasure => "From your measure: {0}. Update its current value to move it.",
        Text::ProgressFromMeasureRow => "Progress comes from the measure: open the goal to update its current value.",
        Text::NoMilestonesMeasured => "No milestones: your measure gives progress, from its current value below.",
        Text::FirstMilestoneOverMeasure => "Once this goal has a milestone, progress counts the milestones done instead of the measure.",
        Text::MeasureNow => "Current value ({0})",
        Text::UpdateCurrent => "Update",
        Text::ProgressSourceLegend => "Progress comes from",
        Text::MyMeasureShort => "My measure",
        Text::ByHandShort => "Set by hand",
        Text::ProgressSourceMeasure => "My measure's current value ({0})",
        Text::ProgressSourceHand => "Set by hand ({0})",
        Text::ProgressSourceHint => "Choose, then save. Switch at any time: the progress you set by hand stays saved and comes back when you switch back to it.",
        Text::SaveProgressSource => "Save where progress comes from",
        Text::SaveStatus => "Save status",
        Text::AdminNoPlace => "{0} has no place left: {1} of {2} held. Raise places per mentor in set-up, or end one of their pairings.",
        Text::AdminNoPlaceCoaching => "{0} has no place left: {1} of {2} held. Raise places per coach in set-up, or end one of their pairings.",
        Text::AdminNoPlaceInvited => "{0} has no place left: {1} of {2} held, the number they were invited with. End one of their pairings, or decline this one.",
        Text::CountPlaces => "{0} places",
        Text::ReplacedTheirs => "You replaced {0}'s “{1}” with “{2}”.",
        Text::ReplacedYours => "Your “{0}” was replaced with “{1}”.",
        Text::ReplacedUndone => "“{0}” is back.",
        Text::ReplacedTheirsEmpty => "{0} had left it empty; it now reads “{1}”.",
        Text::ReplacedYoursEmpty => "You had left it empty; it now reads “{0}”.",
        Text::ReplacedUndoneEmpty => "It is empty again.",
        Text::ReplacedTheirsByEmpty => "It is empty now: you took out {0}’s “{1}”.",
        Text::ReplacedYoursByEmpty => "It is empty now: your “{0}” was taken out.",
        Text::ChangedSinceNotUndone => "It was changed again since, so nothing was undone: it stays as it now reads.",
        Text::StatusOnTrack => "On track",
        Text::StatusAtRisk => "At risk",
        Text::StatusAchieved => "Achieved",
        Text::StatusDropped => "Dropped",
        Text::GoalDueOn => "due {0}",
        Text::LeaveUnsaved => "What you typed on this screen is not saved yet. Leave it and lose those changes?",
        Text::KeepEditing => "Keep editing",
        Text::DiscardAndLeave => "Leave without saving",
        Text::ReadOnlyGoal => "You follow this goal; only its owner changes it.",
        Text::LogSessionFor => "Log a session: {0}",
        Text::WhenAndWhere => "When and where",
        Text::WhenInZone => "When (your time zone: {0})",
        Text::PartnersClock => "For {0}: {1} ({2}).",
        Text::LengthMinutes => "Length in minutes",
        Text::MinutesWholeNumber => "Write the length in whole minutes, for example 60.",
        Text::Where => "Where",
        Text::Online => "Online",
        Text::InPerson => "In person",
        Text::InPersonAt => "In person at {0}",
        Text::Location => "Location",
        Text::AddToCalendar => "Add to calendar",
        Text::AddToCalendarLabel => "Add to calendar: the session of {0}",
        Text::EditSession => "Edit a session",
        Text::EditSessionOf => "Edit the session of {0}",
        Text::NothingLoggedYet => "Nothing is logged from this session yet, so it does not count as held.",
        Text::AddSessionNotes => "Add notes from this session",
        Text::AddSessionNotesOf => "Add notes from the session of {0}",
        Text::SessionMissing => "This session is no longer here: it was deleted, or only whoever logged it changes it.",
        Text::DeleteSessionOf => "Delete the session of {0}",
        Text::ConfirmDeleteSession => "Delete the session of {0}? Its notes and action items go for both you and {1}. Your private note on it stays in your data.",
        Text::YesDeleteSession => "Yes, delete the session",
        Text::SessionDeleted => "The session of {0} was deleted.",
        Text::UndoDeleteSession => "Undo deleting the session of {0}",
        Text::SessionEventTitle => "{0} session with {1}",
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
        Text::SkillsUsed => "Skills either of you used",
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
        Text::NotesOfDeletedSessions => "Private notes of deleted sessions",
        Text::NoteOfDeletedSession => "On the session of {0}, since deleted",
        Text::DeleteNoteOf => "Delete your private note on the session of {0}",
        Text::ConfirmDeleteNote => "Delete your private note on the session of {0}? Only you can read it; you can undo this straight after.",
        Text::YesDeleteNote => "Yes, delete the note",
        Text::NoteDeleted => "Your private note on the session of {0} was deleted.",
        Text::UndoDeleteNote => "Undo deleting your private note on the session of {0}",
        Text::OnlyYouCanSee => "Only you can see this.",
        Text::PrivateNoteLabel => "Private note (not shared with your partner)",
        Text::SessionSaved => "Session saved.",
        Text::SaveNoteOnly => "Save the private note",
        Text::SaveSession => "Save session",
        Text::Done => "Done",
        Text::NoOpenActions => "No open action items.",
        Text::ActionLine => "{0}, due {1}",
        Text::ActionLineOverdue => "{0}, was due {1} ({2} ago): overdue",
        Text::MarkActionDone => "Mark done: “{0}”",
        Text::ActionMarkedDone => "Marked done: “{0}”.",
        Text::ActionOpenAgain => "“{0}” is open again.",
        Text::UndoActionDone => "Undo: mark “{0}” open again",
        Text::ActionDone => "(done)",
        Text::WhenWithAuthorZone => "{0} ({1} in {2})",
        Text::SessionMeta => "{0} · {1} · logged by {2}",
        Text::SessionMetaEdited => "{0} · edited {1}",
        Text::SkillsUsedList => "Skills used: {0}",
        Text::LinkedGoalsList => "Goals: {0}",
        Text::NoteSaved => "Private note saved.",
        Text::SavePrivateNote => "Save private note",
        Text::ScaleListening => "Listening",
        Text::ScaleListeningHint => "How well they listened and asked questions.",
        Text::ScaleListeningHintToMentee => "How openly they listened and took in other points of view.",
        Text::ScaleClarity => "Clarity",
        Text::ScaleClarityHint => "How clearly goals and next steps were agreed.",
        Text::ScaleClarityHintToMentee => "How clearly they said what they want and what they will do next.",
        Text::ScaleSupport => "Support",
        Text::ScaleSupportHint => "How supported you felt.",
        Text::ScaleSupportHintToMentee => "How well they asked for support and made use of it.",
        Text::ScaleChallenge => "Challenge",
        Text::ScaleChallengeHint => "How much they stretched your thinking.",
        Text::ScaleChallengeHintToMentee => "How readily they took on a challenge and stretched their own thinking.",
        Text::VisibilityPrivate => "Only the two of you",
        Text::VisibilityPrivateHint => "Only the receiver and you can read it, and its ratings stay out of the programme's figures.",
        Text::VisibilityShared => "The two of you, ratings counted in programme figures",
        Text::VisibilitySharedHint => "Only the receiver and you can read it, as with the first choice; its ratings also count, unnamed, in the programme's figures.",
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
        Text::NotRatedFor => "Not rated for {0}",
        Text::RatingOutOfFive => "{0} out of 5 for {1}",
        Text::OverallComment => "Overall comment",
        Text::AboutSession => "About a session",
        Text::NoParticularSession => "No particular session",
        Text::WhoMayRead => "Who may read it",
        Text::SaveFeedback => "Save feedback",
        Text::NoFeedbackYet => "No feedback received yet.",
        Text::NoFeedbackGivenYet => "You have not given feedback here yet.",
        Text::NoFeedbackOver => "No feedback was received.",
        Text::NoFeedbackGivenOver => "You gave no feedback here.",
        Text::FeedbackGiven => "Feedback you gave",
        Text::FeedbackGivenAndReceived => "Feedback you gave and received",
        Text::FeedbackGivenTo => "To {0}, {1}",
        Text::EditFeedbackTo => "Change your feedback to {0}",
        Text::EditFeedbackNamed => "Edit your feedback to {0} of {1}, “{2}”",
        Text::DeleteFeedbackNamed => "Delete your feedback to {0} of {1}, “{2}”",
        Text::ConfirmDeleteFeedback => "Delete your feedback to {0} of {1}? {0} will no longer see it.",
        Text::ConfirmDeleteFeedbackTotals => "Delete your feedback to {0} of {1}? It no longer counts in the programme's totals.",
        Text::YesDeleteFeedback => "Yes, delete the feedback",
        Text::FeedbackDeleted => "The feedback was deleted.",
        Text::UndoDeleteFeedback => "Undo deleting your feedback to {0} of {1}",
        Text::FeedbackFrom => "From {0}, {1}",
        Text::ForExample => "For example: {0}",
        Text::LearningLogFor => "Learning log: {0}",
        Text::WhatILearned => "What I learned",
        Text::WhatILearnedHint => "Mentoring works best when both learn: note what you took away.",
        Text::WhatILearnedHintCoaching => "Coaching works best when both learn: note what you took away.",
        Text::ShareWithPartner => "Share with my partner ({0})",
        Text::LearningSaved => "Added to the learning log.",
        Text::AddToLearningLog => "Add to learning log",
        Text::LearningEntries => "Entries",
        Text::NoLearningYet => "Nothing in the learning log yet.",
        Text::MineOnly => "Yours, only you can see it",
        Text::MineShared => "Yours, shared with your partner",
        Text::SharedBy => "Shared by {0}",
        Text::StopSharing => "Stop sharing",
        Text::StopSharingNamed => "Stop sharing “{0}”",
        Text::ShareEntry => "Share with your partner",
        Text::ShareEntryNamed => "Share with your partner “{0}”",
        Text::ConfirmShareEntry => "Share “{0}” with {1}? {1} will be able to read it in this learning log. You can stop sharing it later, but not undo their having read it.",
        Text::YesShareEntry => "Yes, share it with {0}",
        Text::EditEntryNamed => "Edit “{0}”",
        Text::DeleteEntryNamed => "Delete “{0}”",
        Text::EntryDeleted => "The entry was deleted.",
        Text::EntryDeletedShared => "The entry was deleted; {0} no longer reads it. Undo shares it with {0} again.",
        Text::FinishEntryFirst => "Save or cancel the changes to the entry you are rewriting first.",
        Text::UndoDeleteEntry => "Undo deleting “{0}”",
        // Matching (admin/matching.rs, suggestions.rs).
        Text::AdminMatching => "Matching",
        Text::MatchingScreenHeading => "Run matching for a programme",
        Text::FindMentor => "Find a mentor or coach",
        Text::MatchingFor => "Matching: {0}",
        Text::ChooseProgramme => "Programme",
        Text::NoProgrammeToRun => "You run no open programme here: matching is for an open programme's admins (a draft or closed programme takes no new pairs).",
        Text::LeftOutNotInDirectory => "{0} is counted by the programme but is not in the HR directory, so this run leaves them out; check their enrolment, or ask HR whether they left.",
        Text::LeftOutNoLanguages => "{0} has no language in the HR directory, so this run leaves them out; ask HR to add the languages they speak, then run again.",
        Text::LeftOutInvited => "{0} is invited and has not accepted yet, so this run leaves them out; they accept under “Needs your attention” in their widget, then run again.",
        Text::NoProgrammeToJoin => "No programme to choose from: the directory lists none.",
        Text::OnlyProgrammesYouRun => "You run every programme the directory lists, and a programme's admins are not paired in it: there is no programme for you to ask a mentor in.",
        Text::DirectoryUnreached => "The portal's directory could not be reached, so there is no programme to choose from yet; suggestions come once you are online.",
        Text::CohortSummary => "{0} to match and {1} with places; {2} already paired and left out.",
        Text::Weights => "Weights",
        Text::WeightsHint => "How much each criterion counts; 0 ignores it. Run again to see the effect.",
        Text::CriterionSkills => "Skills",
        Text::CriterionGoals => "Goals",
        Text::CriterionDepartment => "Department",
        Text::CriterionTimeZone => "Time zone",
        Text::CriterionAvailability => "Availability",
        Text::CriterionLocation => "Location",
        Text::CriterionSeniority => "Seniority",
        Text::CriterionPreferences => "Opt-in preferences",
        Text::PlacesPerMentor => "Places per mentor: {0}, as the programme's set-up says (Programme admin).",
        Text::PlacesPerCoach => "Places per coach: {0}, as the programme's set-up says (Programme admin).",
        Text::PlacesSetUpLabel => "Places per mentor: how many mentees each takes at a time, unless invited with a number of their own",
        Text::PlacesSetUpLabelCoaching => "Places per coach: how many coachees each takes at a time, unless invited with a number of their own",
        Text::PlacesUnreadable => "Enter the places as a whole number from 1 to 10, such as 2.",
        Text::ModeLabel => "How to assign",
        Text::RunMatching => "Run matching",
        Text::RunAgain => "Run again",
        Text::MatchingProgress => "Matching progress",
        Text::StageScoring => "Scoring every pair…",
        Text::StageSolving => "Finding the best assignment…",
        Text::StageExplaining => "Explaining each pair…",
        Text::ProposedPairs => "Proposed pairs ({0})",
        Text::ScoreOf => "{2} of the highest score possible here: {0} of {1}, the sum of the points below",
        Text::RankLine => "Rank {0} of the {1} the rules allow",
        Text::ReasonLine => "{0}: {1} (+{2} of {3})",
        Text::ReasonLineUnweighted => "{0}: {1} (not weighed in this programme)",
        Text::FactCovers => "{0} of {1} covered",
        Text::FactCoversTerms => "{0} of {1} covered ({2})",
        Text::FactNoneGiven => "none given",
        Text::FactNoGoals => "none to match on; the goals you set in My goals count here",
        Text::FactNoPreferences => "none counted; see Matching preferences below",
        Text::FactPrivate => "private to the mentee",
        Text::FactPrivateCoachee => "private to the coachee",
        Text::FactPreferencesMet => "{0} of the {1} you stated met",
        Text::FactBothIn => "both in {0}",
        Text::FactSameDepartment => "both in {0}; a mentor from another department scores higher, widening a mentee's view of the organisation",
        Text::FactOtherDepartment => "different departments, which widens a mentee's view of the organisation",
        Text::FactDifferent => "different",
        Text::FactUnknown => "not known for one of the two",
        Text::FactMinutesApart => "{0} apart",
        Text::FactSameTimeZone => "same time zone",
        Text::FactCommonHours => "{0} free in common a week; {1} or more count in full",
        Text::FactGradesSenior => "the mentor is {0} more senior; full points at 1 or 2 grades apart, half at 3, none beyond",
        Text::FactGradesJunior => "the mentor is {0} more junior; full points at 1 or 2 grades apart, half at 3, none beyond",
        Text::NoneHigher => "No other mentor would score higher.",
        Text::NoneHigherCoach => "No other coach would score higher.",
        Text::HigherScored => "{0} would score {1}, but {2}.",
        Text::HigherMore => "…and {0} not listed would also score higher.",
        Text::WhySamePerson => "they are the same person",
        Text::WhyForbidden => "the admin forbade this pair",
        Text::WhyPairUnderWay => "they already have a relationship under way together in another programme",
        Text::WhyPairEndedEarly => "a relationship of theirs in this programme was ended early",
        Text::WhyReportingLine => "one is in the other's reporting line",
        Text::WhySeniority => "mentoring needs a more senior mentor",
        Text::WhySeniorityReverse => "reverse mentoring needs a more junior mentor",
        Text::WhyCredential => "coaching needs a credential valid on the day the pair would start",
        Text::WhyLanguage => "they share no language",
        Text::WhyFullBefore => "pinned pairs took all their places",
        Text::WhyElsewhereOptimal => "their places went to others, matching more people or a better total",
        Text::WhyElsewhereStable => "their places went to mentees who fit them at least as well",
        Text::WhyPinnedPair => "the admin pinned this pair",
        Text::CountedReason => "{0} ({1})",
        Text::UnmatchedHeading => "Not matched ({0})",
        Text::UnmatchedNoPlaces => "No mentor has a place left: add mentors or places.",
        Text::UnmatchedNoAllowed => "Every mentor with a place is ruled out: {0}.",
        Text::UnmatchedNoPlacesCoaching => "No coach has a place left: add coaches or places.",
        Text::UnmatchedNoAllowedCoaching => "Every coach with a place is ruled out: {0}.",
        Text::UnmatchedFull => "No place is left with any of those the rules allow ({0}).",
        Text::Pinned => "Pinned",
        Text::Pin => "Pin",
        Text::Unpin => "Unpin",
        Text::Forbid => "Forbid",
        Text::PinPair => "Pin {0}",
        Text::UnpinPair => "Unpin {0}",
        Text::ForbidPair => "Forbid {0}",
        Text::ForbiddenPairs => "Forbidden pairs ({0})",
        Text::AllowAgain => "Allow again",
        Text::AllowPair => "Allow {0} again",
        Text::Publish => "Publish {0}",
        Text::ConfirmPublish => "Create {0}? Both people of each pair see theirs as proposed after the next sync.",
        Text::YesPublish => "Yes, publish",
        Text::Published => "{0} created; both people of each pair see it after sync.",
        Text::NotPublished => "Not published: {0}",
        Text::SuggestionsHeading => "Mentors suggested for you",
        Text::CoachesSuggestedHeading => "Coaches suggested for you",
        Text::NoOneSuggested => "No one can be suggested to you",
        Text::CoachesSuggestedHint => "The best coaches with a place, and why. Ask one: it becomes a proposed relationship your programme admin and the coach see.",
        Text::PrefsHeading => "Matching preferences",
        Text::PrefsPrivacy => "Only you see these. Suggestions rank first the mentors and coaches who share what you asked for; no one, admins included, is shown your answers. If you mentor, a mentee who asks for an answer you share learns that you share it, and by changing their own answer can try others, at most {0} per question within {1}.",
        Text::PrefsEmpty => "You have shared nothing for matching. It is optional: without it, suggestions are ranked on everything else.",
        Text::PrefsFieldHint => "In your own words; leave it empty to not share it.",
        Text::AttributeGender => "Gender",
        Text::AttributeEthnicity => "Ethnicity",
        Text::AttributeBackground => "Background",
        Text::PrefsWantGender => "I would like my mentor or coach to share my gender",
        Text::PrefsWantEthnicity => "I would like my mentor or coach to share my ethnicity",
        Text::PrefsWantBackground => "I would like my mentor or coach to share my background",
        Text::PrefsWanted => "What you would like your mentor or coach to share",
        Text::PrefsSave => "Save matching preferences",
        Text::PrefsRemoveAll => "Remove all my answers",
        Text::PrefsSaved => "Matching preferences saved.",
        Text::PrefsRemoved => "All your answers were removed.",
        Text::PrefsOffline => "Your matching preferences will count once the portal can be reached.",
        Text::PrefsHeldGender => "Matching on your gender is paused until {0}: your answer changed several times within 30 days, and pausing keeps other people's answers private.",
        Text::PrefsHeldEthnicity => "Matching on your ethnicity is paused until {0}: your answer changed several times within 30 days, and pausing keeps other people's answers private.",
        Text::PrefsHeldBackground => "Matching on your background is paused until {0}: your answer changed several times within 30 days, and pausing keeps other people's answers private.",
        Text::SuggestionsHint => "The best mentors with a place, and why. Ask one: it becomes a proposed relationship your programme admin and the mentor see.",
        Text::NoSuggestions => "No one to suggest: {0}",
        Text::AlreadyInProgramme => "You already have a relationship under way in this programme, with {0}.",
        Text::AlreadyAskedInProgramme => "You have asked {0} in this programme and wait for the answer; to ask someone else, withdraw from that pairing on its page first.",
        Text::ProposedForYouInProgramme => "{1} proposed a pairing with {0} in this programme; it waits to start. To have someone else, withdraw from that pairing on its page first.",
        Text::PairingWaitsInProgramme => "A pairing with {0} in this programme waits to start; to have someone else, withdraw from that pairing on its page first.",
        Text::NotOpenToYou => "{0} is for the people among who may join it, and you are not, so you cannot ask anyone there; its admins can tell you who may join.",
        Text::NotOnListInProgramme => "Only the people on the enrolment list of {0} are paired in it, and you are not on it, so you cannot ask anyone there; its admins can enrol you.",
        Text::InvitedInProgramme => "You are invited to {0} and have not accepted yet: accept the invitation under Needs your attention to ask for someone there.",
        Text::AdminsMatchInProgramme => "In {0}, its admins make the pairs themselves and will propose one for you, so there is nobody to ask there.",
        Text::YouHaveNoLanguages => "The HR directory lists no language you speak, and the two of a pair must share one, so nobody can be suggested to you; ask HR to add the languages you speak, then come back here.",
        Text::YouAreNotInDirectory => "You are not in the HR directory the portal sent, so nobody can be suggested to you; ask HR to check your entry, then come back here.",
        Text::YouAreInvited => "You are invited to this programme and have not accepted yet, so nobody can be suggested to you; accept the invitation under Needs your attention, then come back here.",
        Text::MentorInProgramme => "You take part in {0} as a mentor, so no mentor is suggested to you there.",
        Text::CoachInProgramme => "You take part in {0} as a coach, so no coach is suggested to you there.",
        Text::InvitedAsMentorInProgramme => "You are invited to {0} as a mentor and have not answered yet: accept or decline the invitation under Needs your attention. No mentor is suggested to you there.",
        Text::InvitedAsCoachInProgramme => "You are invited to {0} as a coach and have not answered yet: accept or decline the invitation under Needs your attention. No coach is suggested to you there.",
        Text::DirectoryUpdating => "Updating the list from the portal…",
        Text::DirectoryAsOf => "The portal could not be reached: this list is as the portal gave it on {0}.",
        Text::AskMentor => "Ask to be mentored",
        Text::AskCoach => "Ask to be coached",
        Text::AskCoachNamed => "Ask to be coached by {0}",
        Text::AskMentorNamed => "Ask to be mentored by {0}",
        Text::Requested => "Request sent to {0}. It shows under My relationships as proposed, for your programme admin to confirm.",
        Text::ConfirmAskMentor => "Ask {0} to mentor you? {0} is told of your request, and the programme's admins start the pairing; until they do, you can withdraw from it on its page under My relationships.",
        Text::ConfirmAskCoach => "Ask {0} to coach you? {0} is told of your request, and the programme's admins start the pairing; until they do, you can withdraw from it on its page under My relationships.",
        Text::YesAsk => "Yes, send the request",
        Text::RefusedTitleRequired => "Give the goal a title, for example \"Present the budget to the board\".",
        Text::RefusedTitleTooLong => "Shorten the title to {0} characters or fewer (it has {1}).",
        Text::RefusedTextTooLong => "Shorten this text to {0} characters or fewer (it has {1}).",
        Text::RefusedProgressRange => "Progress runs from 0 to 100 %; {0} is outside that range.",
        Text::RefusedProgressFromMilestones => "This goal's progress comes from its milestones; mark a milestone done instead.",
        Text::RefusedUnknownRecord => "Something this refers to is not on this device yet; sync or reload the page, then try again.",
        Text::RefusedNotPermitted => "Only the people this belongs to can change it.",
        Text::RefusedSameParty => "The same person cannot be both parties of a relationship; choose someone else.",
        Text::RefusedCoachCredential => "{0} has no coaching credential valid on {1}; coaching is led by a trained coach. Choose a credentialed coach or renew the credential first.",
        Text::RefusedSeniority => "A mentor is more senior than their mentee: {0} (grade {1}) is not senior to {2} (grade {3}). For a junior colleague mentoring a senior one, choose reverse mentoring.",
        Text::RefusedReverseMentoringSeniority => "In reverse mentoring the junior colleague mentors: {0} (grade {1}) is not junior to {2} (grade {3}). Choose ordinary mentoring instead.",
        Text::RefusedReportingLine => "{0} and {1} are in the same reporting line; nobody coaches or mentors someone they manage or who manages them. Choose someone from outside the line.",
        Text::RefusedDatesOrdered => "The planned end ({0}) must come after the start ({1}).",
        Text::RefusedProgrammeKind => "This kind of relationship does not belong in {0}; choose a programme of its kind.",
        Text::RefusedCoachingGoalAlignment => "A coaching goal serves both the organisation and you: align it to one of the programme's organisational objectives and state your own aspiration.",
        Text::RefusedMilestoneLimit => "A goal has at most {0} milestones; split a larger plan into several goals.",
        Text::RefusedMeasureRequired => "Say what the measure counts, for example \"deals closed per quarter\".",
        Text::RefusedMeasureNumber => "\"{0}\" is not a number; write it like 12 or 12.5 (up to two decimals).",
        Text::RefusedMeasureTargetIsBaseline => "The target is the same as the baseline ({0}); set the value you are aiming for, above or below where you start.",
        Text::RefusedProgressFromMeasure => "This goal's progress comes from its measure; update the measure's current value instead.",
        Text::RefusedSessionLength => "A session lasts from {0} to {1}; {2} is outside that.",
        Text::RefusedSessionEmpty => "This session has nothing in it yet: write what was said under Goal, Reality, Options or Will, or add an action item.",
        Text::RefusedActionItemText => "Describe each action item, or remove the empty one.",
        Text::RefusedActionItemOwner => "An action item belongs to one of the pair; choose one of you two as its owner.",
        Text::RefusedActionItemDue => "The action \"{0}\" is due before the session itself; pick a later date.",
        Text::RefusedGoalDuePassed => "That due date has already passed; pick today or a later date.",
        Text::RefusedFeedbackStrength => "Name at least one strength, each with an example of when you saw it.",
        Text::RefusedFeedbackDevelopmentArea => "Name at least one development area, each with an example of when you saw it.",
        Text::StrengthWithoutExample => "Give strength {0} an example of when you saw it, or clear the strength.",
        Text::ExampleWithoutStrength => "Name the strength example {0} is of, or clear the example.",
        Text::DevelopmentWithoutExample => "Give development area {0} an example of when you saw it, or clear the development area.",
        Text::ExampleWithoutDevelopment => "Name the development area example {0} is of, or clear the example.",
        Text::RefusedFeedbackParties => "Feedback in a relationship goes from one of the pair to the other.",
        Text::RefusedFeedbackSession => "Feedback can be about a session already held in this relationship, not one still to come: choose a session from the list, or none.",
        Text::FeedbackAboutSession => "About the session of {0}",
        Text::RefusedFeedbackDirection => "In coaching, feedback on strengths and development areas comes from the coach. Tell your coach how the coaching is going when you meet, or in a learning-log entry you share with them.",
        Text::RefusedRatingRange => "Ratings run from 1 to 5; {0} is outside that.",
        Text::RefusedLearningText => "Write what you learned before saving.",
        Text::RefusedLifecycleOrder => "A relationship goes from proposed to active, between active and paused, and from active or paused to completed; it cannot make that move.",
        Text::RefusedLifecycleReason => "Give a reason; both of the pair will read it, and it helps the programme improve.",
        Text::RefusedProgrammeClosed => "{0} closed on {1} and is kept as it was for its report, with its enrolments; set up a new programme instead.",
        Text::RefusedProgrammeState => "A programme goes from draft to open to closed: a new one starts as a draft or open, and an open one cannot go back to draft. Close it instead.",
        Text::RefusedProgrammeAdmin => "Keep yourself among the programme's admins, or ask another admin to make this change.",
        Text::RefusedProgrammeLength => "A relationship's default length is 1 to {0} days (it is {1}); coaching is usually about 84, mentoring about 365.",
        Text::RefusedHealthQuietWeeks => "Weeks without a session before a pair counts as quiet: choose {0} to {1} (it is {2}).",
        Text::RefusedHealthEndingWithin => "Days before its planned end that a pair is flagged: choose {0} to {1} (it is {2}).",
        Text::RefusedHealthRatingDrop => "A drop in feedback ratings that flags a pair: choose {0} to {1} on the 1–5 scale (it is {2}).",
        Text::RefusedPlacesPerMentor => "Places per mentor or coach: choose {0} to {1} (it is {2}).",
        Text::RefusedAgreedForOther => "Each of the pair agrees to the agreement for themselves; nobody agrees for someone else.",
        Text::RefusedSessionDate => "Pick a date from {0}, when this relationship started, to {1}, a year from today.",
        Text::RefusedSessionAfterEnd => "This pair ended on {0}, and holds no session after that: keep a time before the end, or delete the session if it did not take place.",
        Text::RefusedGoalDueTooFar => "That due date is more than ten years ahead; pick a date up to {0}.",
        Text::RefusedProgrammeStartTooEarly => "A new programme starts on {0} or later; pick a later start.",
        Text::RefusedProgrammeNameTaken => "There is already a programme named {0}; choose another name.",
        Text::RefusedStartedOn => "A pair starts the day its admins start it, not on {0}: start it again.",
        Text::RefusedProgrammeEligibility => "Who may join names more than 50 departments or locations; name fewer, or leave a list empty so that everyone may join.",
        Text::RefusedNotAmongWhoMayJoin => "{0} is not among who may join {1}; choose someone it admits, or have its admins widen who may join.",
        Text::RefusedNotEnrolled => "{0} is not on the enrolment list of {1} in that role (never enrolled, declined or left); choose someone who is, or have its admins enrol them first.",
        Text::RefusedProgrammeNotOpen => "{0} is not open (a draft, or closed), so no new pair is made in it; its admins open it first.",
        Text::RefusedProgrammeAdmitsNobody => "{0} cannot be open while who may join admits nobody in the directory; widen who may join, or keep the programme as a draft.",
        Text::RefusedGradesOrdered => "The lowest grade is above the highest grade; swap them, or leave both empty so every grade may join.",
        Text::RefusedAlreadyEnrolled => "{0} is already {1} as a {2} in {3}; one person takes part in one role: change that enrolment instead.",
        Text::RefusedCapacity => "A {0} takes 1 to {1} people at a time (this says {2}); choose a capacity in that range.",
        Text::RefusedEnrolmentOrder => "An enrolment cannot make that move: only the person invited accepts or declines, someone who has not joined declines rather than leaves, and leaving needs a reason.",
        Text::RefusedExtendBeyondProgramme => "{0} ends on {1}; extend to that day at most, or extend the programme first.",
        Text::RefusedAlreadyPaired => "{0} already has a relationship under way in {1} (with {2}); end it before proposing another.",
        Text::RefusedOtherRoleInProgramme => "{0} already takes part in {2} as a {1}, and one person takes part in a programme in one role; choose another programme, or ask its admins.",
        Text::RefusedPairUnderWay => "{0} and {1} already have a relationship under way together; carry on in that one, or end it before proposing another.",
        Text::RefusedMentorFull => "{0} has no place left in {2}: all their places ({1}) are taken. Choose someone else, or end one of their pairs first.",
        Text::RefusedProgrammeNameRequired => "Name the programme.",
        Text::RefusedObjectiveRequired => "Write objective {0} or remove it.",
        Text::RefusedExtensionEnd => "Choose a new end after the planned end ({0}), and not in the past.",
        Text::RefusedProgrammeKindFixed => "The kind of {0} is fixed once it opens: its relationships depend on it. Set up a new programme of the other kind.",
        Text::RefusedObjectiveLimit => "A programme has at most {0} objectives (this one has {1}); remove or merge some.",
        Text::RefusedManagerCheckIn => "Only someone up the person's reporting line gives a manager's check-in; give a peer's check-in instead.",
        Text::RefusedNudgeRecipient => "A nudge goes to the mentor or the mentee of the pair it is about; choose one of them.",
        Text::RefusedNudgedRecently => "This pair was nudged less than {0} ago; nudge them again once that has passed.",
        Text::RefusedRelationshipNotStarted => "This relationship is proposed and has not started yet: log sessions and give feedback once the programme's admins start it.",
        Text::RefusedRelationshipOver => "This relationship is over: nothing new can be logged in it and it can no longer be changed; what it holds stays here to read and export. Set up a new one if the pair should go on.",
        Text::RefusedPreferenceAttribute => "Matching preferences can be about gender, ethnicity or background only.",
        Text::RefusedPreferenceValueRequired => "Type your answer, or leave the field empty to not share it.",
        Text::RefusedPreferenceNotStated => "State your own answer first: a mentor can only share what you stated.",
        Text::AdminNav => "Programme admin",
        Text::Programmes => "Programmes",
        Text::NewProgramme => "New programme",
        Text::ProgrammeFromHr => "This programme comes from the HR directory; change its set-up in the HR system.",
        Text::ProgrammeMissing => "This programme is not on this device yet; wait for the sync and try again.",
        Text::ProgrammeSetUp => "Set-up",
        Text::ProgrammeName => "Name",
        Text::ProgrammeKindLabel => "Kind",
        Text::ProgrammeStarts => "Starts",
        Text::ProgrammeEnds => "Ends (optional)",
        Text::DefaultLengthDays => "Default length of a relationship, in days",
        Text::ObjectivesOnePerLine => "Objectives, one per line",
        Text::MatchingMode => "Matching",
        Text::MatchingOptimal => "Most people matched, then best fit",
        Text::MatchingStable => "Best mutual fit (stable)",
        Text::MatchingMenteeChooses => "Mentees choose from suggestions",
        Text::MatchingCoacheeChooses => "Coachees choose from suggestions",
        Text::WhoMayJoin => "Who may join as a mentee",
        Text::WhoMayJoinCoaching => "Who may join as a coachee",
        Text::AdmitsPeople => "As it stands, who may join admits {0} in the directory as participants (its admins not counted).",
        Text::AdmitsNobody => "As it stands, who may join admits nobody in the directory, so nobody could take part. Widen it before opening the programme; until then it can only be saved as a draft.",
        Text::DepartmentsList => "Departments, separated by commas (empty: all)",
        Text::LocationsList => "Locations, separated by commas (empty: all)",
        Text::UnknownDepartments => "Nobody in the directory is in {0}, so nobody could join from there. Write each department as the directory does: {1}.",
        Text::UnknownLocations => "Nobody in the directory is in {0}, so nobody could join from there. Write each location as the directory does: {1}.",
        Text::GradeLowest => "Lowest grade (empty: any)",
        Text::GradeHighest => "Highest grade (empty: any)",
        Text::HealthSettingsHeading => "When a pair needs attention (the health list and the pair's own reminders)",
        Text::QuietWeeksLabel => "Weeks without a session before a pair is quiet",
        Text::EndingWithinLabel => "Days before its planned end to flag a pair",
        Text::RatingDropLabel => "Drop in feedback ratings that flags a pair, in points of the 1–5 scale",
        Text::ProgrammeOpen => "Open: participants can see it (otherwise a draft only admins see)",
        Text::SaveProgramme => "Save programme",
        Text::ProgrammeSaved => "Programme saved.",
        Text::CloseProgramme => "Close programme",
        Text::ProgrammeClosedOn => "Closed on {0}; kept as it was for its report.",
        Text::EnrolPeople => "Enrol people",
        Text::SearchPeople => "Search by name or job title",
        Text::Department => "Department",
        Text::Grade => "Grade",
        Text::AnyValue => "Any",
        Text::EnrolAs => "Enrol as",
        Text::EnrolAsMentee => "Mentee (enrolled)",
        Text::EnrolAsCoachee => "Coachee (enrolled)",
        Text::EnrolAsMenteeInvited => "Mentee (invited)",
        Text::EnrolAsCoacheeInvited => "Coachee (invited)",
        Text::EnrolAsMentor => "Mentor (invited)",
        Text::EnrolAsMentorEnrolled => "Mentor (enrolled, has said yes)",
        Text::EnrolAsCoachEnrolled => "Coach (enrolled, has said yes)",
        Text::EnrolAsCoach => "Coach (invited)",
        Text::Capacity => "Capacity: people at a time",
        Text::SelectAllShown => "Select all shown ({0})",
        Text::SelectOffered => "Select the {0} who can be enrolled ({1} shown)",
        Text::EnrolSelected => "Enrol {0}",
        Text::EnrolNoneSelected => "Select people above to enrol them",
        Text::EnrolledCount => "{0} enrolled, {1} invited.",
        Text::ListStartsWarning => "{0} takes its participants from the HR directory while nobody is enrolled. Enrolling the first people starts its enrolment list: from then on only people on the list are matched or may ask to be paired there, and anyone else who may join reads that they are not on it.",
        Text::ListStartsKeeps => "The {0} of its {1} under way are enrolled with them, so their pairs carry on.",
        Text::ListStartsTwoRoles => "Taking part there in two roles: {0}. A list holds one role each: they are enrolled as mentors or coaches, and their own pairs as mentees or coachees will be told they are not on it. Re-pair or end one of those pairs first.",
        Text::NobodyFound => "Nobody matches the search.",
        Text::MoreFound => "{0} more match; narrow the search.",
        Text::NoneShownMayJoin => "None of the {0} shown is among who may join {1}; to enrol them, widen who may join in the programme's set-up.",
        Text::NoneShownCredentialed => "None of the {0} shown has a coaching credential valid on {1}; coaching is led by a trained coach. Invite a credentialed coach, or renew a credential first.",
        Text::SomeShownMayJoin => "Of those shown, {0} are not among who may join {1} (marked “cannot be enrolled”); to enrol them, widen who may join in the programme's set-up.",
        Text::SomeShownCredentialed => "Of those shown, {0} have no coaching credential valid on {1} (marked “cannot be enrolled”); invite a credentialed coach, or renew a credential first.",
        Text::CannotBeEnrolled => "cannot be enrolled",
        Text::AlreadyOnList => "already {1} as {0}",
        Text::Participants => "Participants",
        Text::NoParticipantsYet => "Nobody is enrolled yet.",
        Text::TakingPart => "Taking part: {0} and {1}.",
        Text::TakingPartFromDirectory => "Nobody is enrolled, so the programme takes its participants from the HR directory: {1}, the people willing to mentor or mentoring a pair there, and {0}, everyone else who may join apart from its admins. Enrol people to choose them instead.",
        Text::TakingPartFromDirectoryCoaching => "Nobody is enrolled, so the programme takes its participants from the HR directory: {1}, the people willing to coach with a coaching credential valid for the programme or coaching a pair there, and {0}, everyone else who may join apart from its admins. Enrol people to choose them instead.",
        Text::EnrolmentInvited => "invited",
        Text::EnrolmentEnrolled => "enrolled",
        Text::EnrolmentDeclined => "declined",
        Text::EnrolmentLeft => "left",
        Text::AsMentee => "mentee",
        Text::AsCoachee => "coachee",
        Text::AsMentor => "mentor, up to {0}",
        Text::AsCoach => "coach, up to {0}",
        Text::PairCardNames => "Mentor: {0} · Mentee: {1}",
        Text::PairCardNamesCoaching => "Coach: {0} · Coachee: {1}",
        Text::RelationshipHealth => "Relationship health",
        Text::HealthListIsPairs => "Each pair's own figures, for the programme's admins: the rule hiding figures about fewer than 5 people applies to the programme-wide figures below.",
        Text::NoRelationshipsInProgramme => "No relationship of this programme needs looking at.",
        Text::SignalNoSession => "no recent session",
        Text::SignalGoalsOverdue => "goals overdue",
        Text::SignalGoalsAtRisk => "goals at risk",
        Text::SignalRatingsDropping => "feedback ratings dropping",
        Text::SignalNearingEnd => "planned end near",
        Text::SignalPastEnd => "past its planned end",
        Text::SignalUnknown => "needs a look",
        Text::HealthNoSignals => "No warning signs",
        Text::HealthLine => "{0} (last {1}), {2}",
        Text::HealthLineNoSessions => "No sessions yet, {0}",
        Text::HealthLineNext => "{0}; next planned {1}",
        Text::HealthProposed => "Proposed, not started yet: start it once the match is confirmed, or decline it.",
        Text::HealthPaused => "Paused: no session is expected until one of the pair resumes it.",
        Text::HealthPausedSince => "Paused since {0}: no session is expected until one of the pair resumes it.",
        Text::RelationshipStartedSaid => "Relationship started: {0}.",
        Text::AdminEndedCompleted => "The pair completed it.",
        Text::AdminEndedEarly => "This pairing was ended early: {0}.",
        Text::AdminEndedDeclined => "{1} declined this proposed pairing: {0}.",
        Text::AdminEndedWithdrawn => "{1} withdrew from this proposed pairing: {0}.",
        Text::AdminEndedByAdmins => "The programme's admins declined this proposed pairing: {0}.",
        Text::HealthPlannedEnd => "Planned end: {0}",
        Text::HealthPlannedEndPassed => "Planned end: {0}, now passed",
        Text::NudgePair => "Nudge {0} and {1}",
        Text::NudgedAt => "Nudged {0}",
        Text::NewPlannedEnd => "New planned end",
        Text::Extend => "Extend",
        Text::ReasonForEnding => "Reason for ending",
        Text::ReasonForDeclining => "Reason for declining",
        Text::ReasonForRematch => "Reason for re-matching",
        Text::ReasonForWithdrawing => "Reason for withdrawing",
        Text::EndEarly => "End early",
        Text::Rematch => "Re-match",
        Text::ConfirmAdminEndEarly => "End this relationship early? Both of them see it ended after the next sync; this cannot be undone.",
        Text::AdminDecline => "Decline",
        Text::ConfirmAdminDecline => "Decline this proposed pairing? Both of them see it ended after the next sync; this cannot be undone.",
        Text::YesAdminDecline => "Yes, decline it",
        Text::ConfirmRematch => "End this relationship so that {0} can be matched again? Both of them see it ended after the next sync; this cannot be undone.",
        Text::YesRematch => "Yes, end it to re-match",
        Text::StartRelationship => "Start this relationship",
        Text::ActionSaved => "Saved.",
        Text::StartedOnDay => "Started today, {0}, not on {1} as proposed.",
        Text::Dashboard => "Dashboard",
        Text::RefreshFigures => "Refresh figures",
        Text::LoadingFigures => "Loading figures…",
        Text::FiguresAfterSync => "Figures come once this programme has reached the portal: they appear here by themselves.",
        Text::FiguresAsOf => "Figures as of {0}. A programme-wide figure (a count or mean across pairs) about fewer than 5 people is hidden, so nobody can be singled out.",
        Text::HiddenFewerThan5 => "hidden: fewer than 5",
        Text::NoDataYet => "no data yet",
        Text::PeopleFigures => "People: mentees, mentors, invited",
        Text::PeopleFiguresCoaching => "People: coachees, coaches, invited",
        Text::RelationshipsByLifecycle => "Relationships: proposed, active, paused, completed, ended early, declined or withdrawn",
        Text::GoalsByStatusOverTime => "Goals by status at each month's end: on track, at risk, achieved, dropped, changed since",
        Text::SessionsPerMonth => "Sessions per month, from the programme's start or an earlier session",
        Text::RatingsOf => "Ratings of {0}, from 1 to 5",
        Text::KirkpatrickView => "Kirkpatrick: reaction, learning at start and end, behaviour by managers and peers (means out of 5)",
        Text::ChartUp => "Up: {0}, from 0 to {1}",
        Text::ChartAcross => "Across: {0}",
        Text::AxisPeopleCount => "number of people",
        Text::AxisRelationshipsCount => "number of relationships",
        Text::AxisGoalsCount => "number of goals",
        Text::AxisSessionsCount => "number of sessions",
        Text::AxisRatingsCount => "number of ratings",
        Text::AxisMeanOutOf5 => "mean score out of 5",
        Text::AxisRole => "who",
        Text::AxisStage => "stage of the relationship",
        Text::AxisMonth => "month",
        Text::AxisRating => "rating given, 1 to 5",
        Text::AxisMeasure => "measure",
        Text::ChartPeopleYet => "Nobody is enrolled in or invited to this programme yet.",
        Text::ChartAllHiddenOrZero => "Nothing to chart: every figure is hidden or zero.",
        Text::ChartHiddenDrawn => "A dashed outline is a hidden figure (fewer than 5 people), not 0.",
        Text::ChartRelationshipsYet => "No relationships in this programme yet.",
        Text::ChartGoalsYet => "No goals set yet in this programme's relationships.",
        Text::ChartSessionsYet => "No sessions logged yet in this programme.",
        Text::ChartRatingsYet => "No ratings of {0} given yet.",
        Text::ChartEvaluationYet => "No evaluation answers yet.",
        Text::KirkpatrickResults => "Results (the portal's outcome figures)",
        Text::Exports => "Exports",
        Text::DownloadRelationshipsCsv => "Download relationships (CSV)",
        Text::DownloadAggregatesCsv => "Download figures (CSV)",
        Text::MyData => "My data",
        Text::DownloadMyJson => "Download my data (JSON)",
        Text::DownloadMyCsv => "Download my data (CSV)",
        Text::DateNeeded => "Choose the day the programme starts.",
        Text::Mentees => "Mentees",
        Text::Mentors => "Mentors",
        Text::Coachees => "Coachees",
        Text::Coaches => "Coaches",
        Text::Invited => "Invited",
        Text::EndedEarlyShort => "Ended early",
        Text::DeclinedOrWithdrawnShort => "Declined or withdrawn",
        Text::DeclinedShort => "Declined",
        Text::WithdrawnShort => "Withdrawn",
        Text::ReasonRequiredHint => "Required: {0} will read it.",
        Text::ReasonPartnerReads => "Give a reason; {0} will read it.",
        Text::KReaction => "Reaction",
        Text::KLearningStart => "Learning at start",
        Text::KLearningEnd => "Learning at end",
        Text::KBehaviourManagers => "Behaviour (managers)",
        Text::KBehaviourPeers => "Behaviour (peers)",
        Text::EndsUnreadable => "Choose the day the programme ends, or leave it empty.",
        Text::LengthUnreadable => "Enter the default length as a whole number of days, such as 180.",
        Text::GradeUnreadable => "Enter a grade as a whole number, such as 5, or leave it empty for any grade.",
        Text::GradeOutOfRange => "A grade is from 0 to 255: enter one in that range, or leave it empty for any grade.",
        Text::QuietWeeksUnreadable => "Enter the weeks as a whole number, such as 4.",
        Text::EndingWithinUnreadable => "Enter the days as a whole number, such as 14.",
        Text::RatingDropUnreadable => "Enter the drop in points, such as 1 or 0.5.",
        Text::CapacityUnreadable => "Enter how many people at a time as a whole number from 1 to 20.",
        Text::PrintableReport => "Printable report",
        Text::Print => "Print",
        Text::ProgrammeReport => "Programme report: {0}",
        Text::CloseReport => "Close the report",
        Text::ShowMorePairs => "Show {0} more pairs ({1} not shown)",
        Text::HostUnreachable => "The portal cannot be reached. Your changes are kept on this device.",
        Text::HostUnavailable => "The portal is not available just now; your changes are kept on this device and sync will try again.",
        Text::HostSignedOut => "Sign in to the portal to use mentoring.",
        Text::HostRefused => "The portal refused the request. Nothing was changed here; try again later, and tell the portal's team if it goes on.",
        Text::HostNotOffered => "This portal does not offer this.",
        Text::HostStorageFailed => "The portal could not read its data. Nothing was changed here; try again later.",
        Text::HostMalformed => "The portal sent a reply the widget cannot read. Nothing was changed; ask the portal's team to check its mentoring adapter (the browser's console names what is wrong).",
        Text::FirstUseOffline => "The portal cannot be reached and nobody has used mentoring on this device yet. Connect to the network once, then the widget also works offline.",
        Text::PageForSomeoneElse => "This page is for someone other than the person signed in to the portal, so nothing is shown here. Sign in to the portal as the person this page is for, or open your own page.",
        Text::NothingReceivedYet => "Nothing has been received from the portal on this device yet. Your goals and relationships show here once it is connected.",
        Text::OfflineForSomeoneElse => "The portal cannot be reached, and mentoring on this device was last used by someone else: their data stays closed. Connect to the network so the portal can confirm it is you, then your own data opens here.",
        Text::StoreFailed => "This browser did not save the change. Check that the site may store data (private browsing can block it) and try again.",
        Text::DownloadFailed => "The browser did not start the download; try again.",
        Text::DateRequired => "Choose a date.",
        Text::DateInvalid => "“{0}” is not a date; pick one from the calendar or write it as year-month-day, e.g. 2026-03-31.",
        Text::DateTimeInvalid => "“{0}” is not a date and time; pick them, or write them as year-month-day and hour:minute, e.g. 2026-03-31T14:30.",
        Text::RejectedInvalidOp => "the portal could not read the change",
        Text::RejectedForbidden => "you may not make this change",
        Text::RejectedInvalidRecord => "it would break a rule of the programme",
        Text::RejectedOpIdConflict => "another change with the same id is already stored",
        Text::RejectedTooLarge => {
            "it is too large for the portal to take: shorten its longest text or list and save it \
             again"
        }
        Text::RejectedOther => "ask the portal's team why",
        Text::WordCoach => "coach",
        Text::WordCoachee => "coachee",
        Text::WordMentor => "mentor",
        Text::WordMentee => "mentee",
        Text::InputDuplicateMentee => "{0} is enrolled more than once as a mentee; take off all but one of those enrolments in Programme admin, then run again.",
        Text::InputDuplicateMentor => "{0} is enrolled more than once as a mentor; take off all but one of those enrolments in Programme admin, then run again.",
        Text::InputNoCapacity => "{0} has no place to offer; give a capacity of 1 or more, or leave them out of this run.",
        Text::InputWeightTooLarge => "The weight for {0} is {1}; use a whole number from 0 to {2}.",
        Text::InputUtcOffset => "{0}'s time zone is {1} from UTC, beyond the {2} a zone can be; correct their time zone.",
        Text::InputUnknownPerson => "A pin or a forbidden pair names {0} and {1}, but one of them is not in this run; remove it, or enrol them.",
        Text::InputPinnedTwice => "{0} is pinned to both {1} and {2}; a mentee has one mentor, so keep one of the pins.",
        Text::InputPinBreaksRule => "The pin of {0} to {1} breaks a rule: {2}. Remove the pin, or correct their details if they are wrong.",
        Text::InputPinsOverCapacity => "{0} has room for {1}, but {2} are pinned to them; remove pins or raise their capacity.",
        Text::InputTooLarge => "{0} and {1} are more pairs than one run takes; in Programme admin, narrow who may join the programme or enrol the people taking part, then run again.",
        Text::PortalSignedInAsOther => "Someone else is now signed in to the portal on this browser, so nothing was sent or received. Your changes are kept on this device; reload the page to work as whoever is signed in, or sign in again as yourself to send them.",
        Text::StoreLetGo => "Nothing was saved: this device has just removed records you may no longer see (in another tab, or while syncing), and this page now shows what is kept. If what you changed is still here, make the change again.",
        Text::StoreClosed => "This page can no longer save: mentoring was updated in another tab (or this site's data was cleared). Reload the page, then make your last change again; what was saved before is kept.",
        Text::StoreFull => "This device has no room left to save for this site. Free some space (or clear other sites' data), then try again; what was saved before is kept.",
        Text::NeedsAttention => "Needs your attention",
        Text::ReminderActionOverdue => "Your action “{0}” was due on {1} ({2} ago).",
        Text::ReminderActionToday => "Your action “{0}” is due today.",
        Text::ReminderActionSoon => "Your action “{0}” is due on {1}, in {2}.",
        Text::ReminderGoalOverdue => "Your goal “{0}” was due on {1} ({2} ago).",
        Text::ReminderGoalToday => "Your goal “{0}” is due today.",
        Text::ReminderGoalSoon => "Your goal “{0}” is due on {1}, in {2}.",
        Text::ReminderGoalReached => "Your goal “{0}” is at {1}: mark it achieved if it is done.",
        Text::ReminderNoSessionYet => {
            "No session logged with {0} yet, {1} after your relationship started."
        }
        Text::ReminderNoSessionSincePaired => {
            "No session logged with {0} yet, {1} after you were paired on {2}."
        }
        Text::ReminderNoSessionFor => "No session with {0} for {1} (the last was on {2}).",
        Text::ReminderNudge => "Your programme admin asked on {1} that you and {0} look at your relationship: {2}.",
        Text::ReminderEndNear => "Your relationship with {0} is planned to end on {1}: agree what comes next, or ask the programme's admins to extend it.",
        Text::ReminderEndPassed => "Your relationship with {0} passed its planned end on {1}: complete it, or ask the programme's admins to extend it.",
        Text::ReminderProposed => "A pairing with {0} is proposed to start on {1}: the programme's admins start it once they confirm. If you cannot take it on, decline it on the relationship page.",
        Text::ReminderAsked => "{0} asked to be paired with you, to start on {1}: the programme's admins start it once they confirm. If you cannot take it on, decline it on the relationship page.",
        Text::ReminderProposalAsked => "{0} asked to be paired with {1} on {2}: start the pairing or decline it.",
        Text::ReminderProposalWaiting => "A pairing of {0} with {1} was proposed on {2}: start the pairing or decline it.",
        Text::ReminderStarted => "The programme's admins started your pairing with {0} on {1}: plan your first session together.",
        Text::ReminderPaused => "{0} paused your pairing on {1}; it resumes when either of you resumes it.",
        Text::ReminderInvited => "You are invited to {0} as {1} (since {2}): accept to be matched, or decline.",
        Text::AcceptInvitation => "Accept",
        Text::DeclineInvitation => "Decline",
        Text::AcceptInvitationLabel => "Accept the invitation to {0}",
        Text::ConfirmDeclineInvitation => "Decline the invitation to {0}? Your answer goes to the portal with the next sync and cannot be taken back: only the programme's admins can invite you again.",
        Text::YesDeclineInvitation => "Yes, decline",
        Text::DeclineInvitationLabel => "Decline the invitation to {0}",
        Text::InvitationAccepted => "You joined {0}.",
        Text::InvitationDeclined => "You declined the invitation to {0}.",
        Text::ReminderPartnerAgreed => "{0} agreed to your agreement on {1}: read it, and agree to it too or change it together.",
        Text::ReminderAgreementChanged => "Your agreement with {0} changed since you agreed on {1}: read this version and agree to it again.",
        Text::ReminderStartOrDecline => "Start or decline",
        Text::PairOf => "{0} with {1}",
        Text::ReminderStartOrDeclineLabel => "Start or decline the pairing of {0} with {1}",
        Text::ReminderPairingEndedByPartner => "{0} ended your pairing on {1}: the reason they gave is on the relationship page.",
        Text::ReminderPairingCompletedByPartner => "{0} marked your pairing completed on {1}: its sessions and feedback stay on the relationship page to read back.",
        Text::ReminderPairingCompletedByAdmins => "The programme's admins marked your pairing with {0} completed on {1}: its sessions and feedback stay on the relationship page to read back.",
        Text::ReminderPairingEndedByAdmins => "The programme's admins ended your pairing with {0} on {1}: their reason is on the relationship page.",
        Text::ReminderPairingDeclined => "{0} declined the pairing proposed with you on {1}: the reason they gave is on the relationship page.",
        Text::ReminderPairingWithdrawn => "{0} withdrew from the pairing proposed with you on {1}: the reason they gave is on the relationship page.",
        Text::ReminderPairingCancelled => "The programme's admins declined the proposed pairing with {0} on {1}: their reason is on the relationship page.",
        Text::ReminderRepaired => "The programme's admins changed your pairing on {1}: you are now paired with {0}.",
        Text::ReminderPaired => "The programme's admins paired you with {0} on {1}.",
        Text::ReminderPutBack => "The programme's admins put you back in your pairing with {0} on {1}.",
        Text::ReminderTakenOff => "The programme's admins took you off your pairing with {0} on {1}: the sessions you had together stay yours to read under Earlier pairings, read-only.",
        Text::ReminderTakenOffActions => "The programme's admins took you off your pairing with {0} on {1}: the sessions you had together stay yours to read under Earlier pairings, read-only, with {2} of yours in them ({3}); they can no longer be marked done.",
        Text::ReminderTakenOffNoSessions => "The programme's admins took you off your pairing with {0} on {1}.",
        Text::ReminderOpenEarlierPairing => "Read your sessions",
        Text::ReminderQuotedAction => "“{0}”",
        Text::ReminderOpenGoal => "Open goal",
        Text::ReminderOpenGoalLabel => "Open goal “{0}”",
        Text::ReminderOpenAgenda => "Open agenda",
        Text::ReminderOpenAgendaLabel => "Open agenda with {0}",
        Text::ReminderOpenRelationship => "Open relationship",
        Text::ReminderOpenRelationshipLabel => "Open relationship with {0}",
        Text::ReminderSessionAhead => "A session with {0} is planned for {1}.",
        Text::ReminderSessionCancelled => "{0} cancelled the session planned for {1}. If you added it to your calendar, remove it there.",
        Text::ReminderSessionMoved => "{0} moved the session of {1} to {2}. If you added it to your calendar, update it there.",
        Text::UpdateCalendar => "Update calendar",
        Text::UpdateCalendarLabel => "Update calendar: the session now on {0}",
        Text::DismissCalendarChange => "Dismiss",
        Text::DismissCalendarChangeLabel => "Dismiss: the calendar is up to date for the session of {0}",
        Text::ReminderOpenSession => "Open session",
        Text::ReminderOpenSessionLabel => "Open session with {0} on {1}",
        Text::CountWeeks => "{0} weeks",
        Text::CountOpenActions => "{0} open actions",
        Text::CountEarlierSessions => "{0} earlier sessions",
        Text::CountMoreSessions => "{0} more sessions",
        Text::AddPrivateNote => "Add a private note",
        Text::AddPrivateNoteOn => "Add a private note on the session of {0}",
        Text::PrivateNoteWritten => "My private note (written)",
        Text::PrivateNoteWrittenOn => "My private note on the session of {0} (written)",
        Text::ShowEarlier => "Show {0}",
        Text::ShowEarlierFeedback => "Show earlier feedback ({0})",
        Text::OnThisPage => "On this page",
        Text::JumpFeedback => "Feedback",
        Text::RemoveFromCalendar => "Remove from calendar",
        Text::RemoveFromCalendarLabel => "Remove from calendar: the session of {0}",
        Text::NothingToExport => "Nothing of yours is saved here yet, so there is no data to download. The goals, sessions, feedback and notes you add will be in it.",
    }
}

/// The words for a health signal or a nudge's reason (`health::NUDGE_REASONS`), as the
/// admins' health list and a participant's reminders say it.
pub fn signal_text(key: &str) -> Text {
    match key {
        "no-session" => Text::SignalNoSession,
        "goals-overdue" => Text::SignalGoalsOverdue,
        "goals-at-risk" => Text::SignalGoalsAtRisk,
        "ratings-dropping" => Text::SignalRatingsDropping,
        "nearing-end" => Text::SignalNearingEnd,
        "past-planned-end" => Text::SignalPastEnd,
        _ => Text::SignalUnknown,
    }
}

/// Whether value `n` of a refusal under `rule` is a whole number (said in the reader's
/// number format). Names and what the person typed are not, even when they are digits.
fn is_number_arg(rule: Rule, n: usize) -> bool {
    matches!(
        (rule, n),
        (
            Rule::TitleTooLong | Rule::TextTooLong | Rule::ProgrammeLength,
            0 | 1
        ) | (Rule::ObjectiveLimit, 0 | 1)
            | (Rule::HealthQuietWeeks | Rule::HealthEndingWithin, 0..=2)
            | (Rule::PlacesPerMentor, 0..=2)
            | (Rule::Capacity, 1 | 2)
            | (Rule::Seniority | Rule::ReverseMentoringSeniority, 1 | 3)
            | (Rule::MentorFull, 1)
            | (Rule::SessionLength, 2)
            | (
                Rule::ProgressRange
                    | Rule::RatingRange
                    | Rule::MilestoneLimit
                    | Rule::ObjectiveRequired
                    | Rule::MeasureTargetIsBaseline,
                0
            )
    )
}

/// Whether value `n` of a refusal under `rule` is a date (said in the reader's format).
fn is_date_arg(rule: Rule, n: usize) -> bool {
    matches!(
        (rule, n),
        (Rule::DatesOrdered, 0 | 1)
            | (Rule::ExtendBeyondProgramme, 1)
            | (Rule::ExtensionEnd, 0)
            | (Rule::CoachCredential, 1)
            | (Rule::ProgrammeClosed, 1)
            | (Rule::SessionDate, 0 | 1)
            | (Rule::SessionAfterEnd, 0)
            | (Rule::GoalDueTooFar, 0)
            | (Rule::ProgrammeStartTooEarly, 0)
            | (Rule::StartedOn, 0)
    )
}

/// The text that tells the person about a refusal under `rule`. Exhaustive, so a rule the
/// core adds does not compile until it can be said in every language.
pub fn rule_text(rule: Rule) -> Text {
    match rule {
        Rule::TitleRequired => Text::RefusedTitleRequired,
        Rule::TitleTooLong => Text::RefusedTitleTooLong,
        Rule::TextTooLong => Text::RefusedTextTooLong,
        Rule::ProgressRange => Text::RefusedProgressRange,
        Rule::ProgressFromMilestones => Text::RefusedProgressFromMilestones,
        Rule::UnknownRecord => Text::RefusedUnknownRecord,
        Rule::NotPermitted => Text::RefusedNotPermitted,
        Rule::SameParty => Text::RefusedSameParty,
        Rule::CoachCredential => Text::RefusedCoachCredential,
        Rule::Seniority => Text::RefusedSeniority,
        Rule::ReverseMentoringSeniority => Text::RefusedReverseMentoringSeniority,
        Rule::ReportingLine => Text::RefusedReportingLine,
        Rule::DatesOrdered => Text::RefusedDatesOrdered,
        Rule::ProgrammeKind => Text::RefusedProgrammeKind,
        Rule::CoachingGoalAlignment => Text::RefusedCoachingGoalAlignment,
        Rule::MilestoneLimit => Text::RefusedMilestoneLimit,
        Rule::MeasureRequired => Text::RefusedMeasureRequired,
        Rule::MeasureNumber => Text::RefusedMeasureNumber,
        Rule::MeasureTargetIsBaseline => Text::RefusedMeasureTargetIsBaseline,
        Rule::ProgressFromMeasure => Text::RefusedProgressFromMeasure,
        Rule::SessionLength => Text::RefusedSessionLength,
        Rule::SessionEmpty => Text::RefusedSessionEmpty,
        Rule::ActionItemText => Text::RefusedActionItemText,
        Rule::ActionItemOwner => Text::RefusedActionItemOwner,
        Rule::ActionItemDue => Text::RefusedActionItemDue,
        Rule::GoalDuePassed => Text::RefusedGoalDuePassed,
        Rule::FeedbackStrength => Text::RefusedFeedbackStrength,
        Rule::FeedbackDevelopmentArea => Text::RefusedFeedbackDevelopmentArea,
        Rule::FeedbackParties => Text::RefusedFeedbackParties,
        Rule::FeedbackDirection => Text::RefusedFeedbackDirection,
        Rule::FeedbackSession => Text::RefusedFeedbackSession,
        Rule::RatingRange => Text::RefusedRatingRange,
        Rule::LearningText => Text::RefusedLearningText,
        Rule::LifecycleOrder => Text::RefusedLifecycleOrder,
        Rule::LifecycleReason => Text::RefusedLifecycleReason,
        Rule::ProgrammeClosed => Text::RefusedProgrammeClosed,
        Rule::ProgrammeState => Text::RefusedProgrammeState,
        Rule::ProgrammeAdmin => Text::RefusedProgrammeAdmin,
        Rule::ProgrammeLength => Text::RefusedProgrammeLength,
        Rule::HealthQuietWeeks => Text::RefusedHealthQuietWeeks,
        Rule::HealthEndingWithin => Text::RefusedHealthEndingWithin,
        Rule::HealthRatingDrop => Text::RefusedHealthRatingDrop,
        Rule::PlacesPerMentor => Text::RefusedPlacesPerMentor,
        Rule::AgreedForOther => Text::RefusedAgreedForOther,
        Rule::SessionDate => Text::RefusedSessionDate,
        Rule::SessionAfterEnd => Text::RefusedSessionAfterEnd,
        Rule::GoalDueTooFar => Text::RefusedGoalDueTooFar,
        Rule::ProgrammeStartTooEarly => Text::RefusedProgrammeStartTooEarly,
        Rule::ProgrammeNameTaken => Text::RefusedProgrammeNameTaken,
        Rule::StartedOn => Text::RefusedStartedOn,
        Rule::ProgrammeEligibility => Text::RefusedProgrammeEligibility,
        Rule::NotAmongWhoMayJoin => Text::RefusedNotAmongWhoMayJoin,
        Rule::NotEnrolled => Text::RefusedNotEnrolled,
        Rule::ProgrammeNotOpen => Text::RefusedProgrammeNotOpen,
        Rule::ProgrammeAdmitsNobody => Text::RefusedProgrammeAdmitsNobody,
        Rule::GradesOrdered => Text::RefusedGradesOrdered,
        Rule::AlreadyEnrolled => Text::RefusedAlreadyEnrolled,
        Rule::Capacity => Text::RefusedCapacity,
        Rule::EnrolmentOrder => Text::RefusedEnrolmentOrder,
        Rule::ExtendBeyondProgramme => Text::RefusedExtendBeyondProgramme,
        Rule::AlreadyPaired => Text::RefusedAlreadyPaired,
        Rule::OtherRoleInProgramme => Text::RefusedOtherRoleInProgramme,
        Rule::PairUnderWay => Text::RefusedPairUnderWay,
        Rule::MentorFull => Text::RefusedMentorFull,
        Rule::ProgrammeNameRequired => Text::RefusedProgrammeNameRequired,
        Rule::ObjectiveRequired => Text::RefusedObjectiveRequired,
        Rule::ExtensionEnd => Text::RefusedExtensionEnd,
        Rule::ProgrammeKindFixed => Text::RefusedProgrammeKindFixed,
        Rule::ObjectiveLimit => Text::RefusedObjectiveLimit,
        Rule::ManagerCheckIn => Text::RefusedManagerCheckIn,
        Rule::NudgeRecipient => Text::RefusedNudgeRecipient,
        Rule::NudgedRecently => Text::RefusedNudgedRecently,
        Rule::RelationshipOver => Text::RefusedRelationshipOver,
        Rule::RelationshipNotStarted => Text::RefusedRelationshipNotStarted,
        Rule::PreferenceAttribute => Text::RefusedPreferenceAttribute,
        Rule::PreferenceValueRequired => Text::RefusedPreferenceValueRequired,
        Rule::PreferenceNotStated => Text::RefusedPreferenceNotStated,
    }
}

impl Locale {
    /// What a screen says about `refusal`: its rule's text in this language, with the
    /// refusal's values filled in. Every refusal the core raises carries the values its
    /// rule's texts name (tested below); as a last resort, one that lacks a value is said in
    /// "…" for the value, never a placeholder.
    pub fn refusal(self, refusal: &Refusal) -> String {
        let said: Vec<Cow<str>> = (refusal.args.iter().enumerate())
            .map(|(n, arg)| self.refusal_arg(refusal.rule, n, arg))
            .collect();
        let mut args: Vec<&str> = said.iter().map(|arg| arg.as_ref()).collect();
        let text = self.format(rule_text(refusal.rule), &args);
        let unfilled = (args.len()..10).any(|n| text.contains(&format!("{{{n}}}")));
        if !unfilled {
            return text;
        }
        // Every refusal the core raises carries its values (a test below drives them all);
        // a new one that does not still reads as a sentence, never as a placeholder.
        args.resize(10, "…");
        self.format(rule_text(refusal.rule), &args)
    }

    /// A refusal's value in this language. Names and numbers stay as given; dates are said as
    /// the reader's locale writes them; the core names roles and enrolment statuses by English
    /// words ("mentor", "invited"), which are said here. The positions are those `Rule`'s
    /// documentation lists.
    fn refusal_arg<'a>(self, rule: Rule, n: usize, arg: &'a str) -> Cow<'a, str> {
        if is_date_arg(rule, n) {
            return Date::parse(arg).map_or(Cow::Borrowed(arg), |day| Cow::Owned(self.date(day)));
        }
        let counted = match (rule, n) {
            (Rule::SessionLength, 0 | 2) => Some(Text::CountMinutes),
            (Rule::SessionLength, 1) => Some(Text::CountHours),
            (Rule::NudgedRecently, 0) => Some(Text::CountDays),
            _ => None,
        };
        if let (Some(key), Ok(n)) = (counted, arg.parse::<usize>()) {
            return Cow::Owned(self.count(key, n));
        }
        // A number is said as the reader's locale writes numbers elsewhere on the screen
        // ("10,000 of 120 characters"); a text the person typed is quoted as typed.
        if let (true, Ok(n)) = (is_number_arg(rule, n), arg.parse::<i64>()) {
            return Cow::Owned(self.number(n));
        }
        if !matches!(
            (rule, n),
            (Rule::AlreadyEnrolled, 1 | 2) | (Rule::Capacity, 0) | (Rule::OtherRoleInProgramme, 1)
        ) {
            return Cow::Borrowed(arg);
        }
        let word = match arg {
            "coach" => Text::WordCoach,
            "coachee" => Text::WordCoachee,
            "mentor" => Text::WordMentor,
            "mentee" => Text::WordMentee,
            "invited" => Text::EnrolmentInvited,
            "enrolled" => Text::EnrolmentEnrolled,
            "declined" => Text::EnrolmentDeclined,
            "left" => Text::EnrolmentLeft,
            _ => return Cow::Borrowed(arg),
        };
        Cow::Borrowed(self.text(word))
    }

    /// What the person reads about a failed call to the host. The host's own words (its
    /// message, what is wrong with a reply) are not the person's language: the host adapter
    /// writes them to the browser's console for the portal's team.
    pub fn host_error(self, error: &HostError) -> String {
        match error {
            HostError::Unreachable(_) => self.text(Text::HostUnreachable).to_owned(),
            HostError::Unavailable(_) => self.text(Text::HostUnavailable).to_owned(),
            HostError::SignedOut(_) => self.text(Text::HostSignedOut).to_owned(),
            HostError::Refused { code, .. } => match code.as_str() {
                "not_found" => self.text(Text::HostNotOffered).to_owned(),
                "storage_failed" => self.text(Text::HostStorageFailed).to_owned(),
                _ => self.text(Text::HostRefused).to_owned(),
            },
            HostError::Malformed(_) => self.text(Text::HostMalformed).to_owned(),
        }
    }

    /// What the person reads when the device's storage failed (the browser's own words, in
    /// its language, stay out).
    pub fn store_error(self, error: &StoreError) -> String {
        let text = if error.needs_reload() {
            Text::StoreClosed
        } else if error.let_go() {
            Text::StoreLetGo
        } else if error.out_of_space() {
            Text::StoreFull
        } else {
            Text::StoreFailed
        };
        self.text(text).to_owned()
    }

    /// Why the host refused a pushed change, from the code it gave (docs/adapter.md).
    pub fn rejection(self, code: &str) -> String {
        let key = match code {
            "invalid_op" => Text::RejectedInvalidOp,
            "forbidden" => Text::RejectedForbidden,
            "invalid_record" => Text::RejectedInvalidRecord,
            "op_id_conflict" => Text::RejectedOpIdConflict,
            "too_large" => Text::RejectedTooLarge,
            _ => Text::RejectedOther,
        };
        self.text(key).to_owned()
    }

    /// The date typed (or picked) in a field, or what to do about it.
    pub fn parse_date(self, typed: &str) -> Result<Date, String> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Err(self.text(Text::DateRequired).to_owned());
        }
        Date::parse(typed).map_err(|_| self.format(Text::DateInvalid, &[typed]))
    }
}

fn joined<S: AsRef<str>>(items: &[S], separator: &str) -> String {
    let mut out = String::new();
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push_str(separator);
        }
        out.push_str(item.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCALES: [Locale; 2] = [Locale::EnGb, Locale::Ar];

    /// The counted texts, and the plural categories each language needs a form for besides
    /// `other`.
    const COUNTED: [Text; 24] = [
        Text::CountEarlierSessions,
        Text::CountMoreSessions,
        Text::CountPlaces,
        Text::CountChanges,
        Text::CountSavedGoals,
        Text::CountSavedSessions,
        Text::CountSavedNotes,
        Text::CountSavedRecords,
        Text::CountMilestones,
        Text::CountDays,
        Text::CountMinutes,
        Text::CountMentors,
        Text::CountMentees,
        Text::CountCoaches,
        Text::CountCoachees,
        Text::CountProposedRelationships,
        Text::CountHours,
        Text::CountGrades,
        Text::CountSessions,
        Text::CountGoals,
        Text::CountWeeks,
        Text::CountPeople,
        Text::CountPairs,
        Text::CountOpenActions,
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
            "\u{2068}كوتشينغ\u{2069} مع \u{2068}Sofia\u{a0}Reyes\u{2069}"
        );
    }

    #[test]
    fn a_short_latin_value_in_arabic_text_stays_on_one_line_and_a_long_one_may_wrap() {
        let named = Locale::Ar.format(Text::RelationshipWith, &["إرشاد", "Amira Haddad"]);
        assert!(
            named.contains("\u{2068}Amira\u{a0}Haddad\u{2069}"),
            "{named}"
        );
        let long = "Win two new Gulf key accounts this quarter";
        let titled = Locale::Ar.format(Text::RelationshipWith, &["إرشاد", long]);
        assert!(titled.contains(long), "{titled}");
        // Right-to-left values and English text wrap as they always did.
        let arabic = Locale::Ar.format(Text::RelationshipWith, &["إرشاد", "أميرة حداد"]);
        assert!(arabic.contains("أميرة حداد"), "{arabic}");
        let english = Locale::EnGb.format(Text::RelationshipWith, &["Mentoring", "Amira Haddad"]);
        assert_eq!(english, "Mentoring with Amira Haddad");
        // Files other programs show get neither the isolates nor the no-break spaces.
        let plain = Locale::Ar.format_plain(Text::RelationshipWith, &["إرشاد", "Amira Haddad"]);
        assert_eq!(plain, "إرشاد مع Amira Haddad");
    }

    #[test]
    fn values_written_right_to_left_are_isolated_in_english_text_and_latin_ones_are_not() {
        let text = Locale::EnGb.format(Text::RelationshipWith, &["Mentoring", "أميرة حداد"]);
        assert_eq!(text, "Mentoring with \u{2068}أميرة حداد\u{2069}");
        let latin = Locale::EnGb.format(Text::RelationshipWith, &["Mentoring", "Amira Haddad"]);
        assert_eq!(latin, "Mentoring with Amira Haddad");
    }

    #[test]
    fn every_signal_has_its_own_words_and_an_unknown_one_is_not_said_as_another() {
        for key in mentoring_core::health::NUDGE_REASONS {
            assert_ne!(signal_text(key), Text::SignalUnknown, "{key}");
        }
        assert_eq!(signal_text("past-planned-end"), Text::SignalPastEnd);
        assert_eq!(signal_text("mentor-on-leave"), Text::SignalUnknown);
    }

    /// The Arabic texts address the reader without a grammatical gender: verbal nouns and
    /// impersonal forms, never a masculine imperative or "do you (m.) want".
    #[test]
    fn arabic_texts_use_no_masculine_imperative_or_question() {
        const GENDERED: [&str; 9] = [
            "اختر",
            "احفظ",
            "أضف",
            "اكتب",
            "أدخل",
            "انقر",
            "اضغط",
            "حدد",
            "هل تريد",
        ];
        for &key in Text::ALL {
            let text = Locale::Ar.text(key);
            for word in text.split(|c: char| !c.is_alphabetic()) {
                assert!(
                    !GENDERED[..8].contains(&word),
                    "{key:?} says {word:?}: {text}"
                );
            }
            assert!(!text.contains(GENDERED[8]), "{key:?}: {text}");
        }
    }

    /// Completing a pair and marking an item or milestone done are buttons on one page: in
    /// Arabic they once both began "وضع علامة" ("put a mark"), one word apart. Completing
    /// names the relationship, and no two of these texts open alike.
    #[test]
    fn arabic_tells_completing_a_pair_from_marking_something_done() {
        let opening = |key: Text| {
            let text = Locale::Ar.text(key);
            text.split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let completing = [
            Text::MarkCompleted,
            Text::YesComplete,
            Text::ConfirmComplete,
        ];
        for done in [Text::MarkDone, Text::MarkActionDone] {
            for key in completing {
                assert_ne!(opening(done), opening(key), "{done:?} and {key:?}");
                assert!(!Locale::Ar.text(key).contains("علامة"), "{key:?}");
            }
        }
        assert!(Locale::Ar.text(Text::MarkCompleted).contains("العلاقة"));
    }

    /// Sign-in and sign-out words outside the widget (the sign-out notice, the service
    /// worker's page, a widget that could not start) and in it: no masculine imperative, no
    /// "you (m.) signed out", no masculine "signed in" said of the reader.
    #[test]
    fn arabic_sign_in_and_sign_out_words_have_no_gender_in_the_widget_or_outside_it() {
        const GENDERED: [&str; 7] = ["ابقَ", "أعد", "اتصل", "دع", "أغلق", "حاول", "سجّلتَ"];
        let outside = [
            include_str!("../../www/sw.js"),
            include_str!("../../www/sign-out.js"),
            include_str!("../../js/element.js"),
        ];
        let texts = Text::ALL.iter().map(|&key| Locale::Ar.text(key));
        for text in outside.into_iter().chain(texts) {
            let words: Vec<&str> = text.split(|c: char| !c.is_alphabetic()).collect();
            for (n, word) in words.iter().enumerate() {
                assert!(!GENDERED.contains(word), "{word:?} in {text}");
                // "سجّل الدخول" is an imperative first or after "or", "then"; after "who"
                // it is a past tense.
                let before = words[..n].iter().rev().find(|w| !w.is_empty());
                let after = words[n + 1..].iter().find(|w| !w.is_empty());
                assert!(
                    !(*word == "سجّل"
                        && after.is_some_and(|w| ["الدخول", "الخروج"].contains(w))
                        && before.is_none_or(|w| ["أو", "ثم"].contains(w))),
                    "{text}"
                );
            }
            assert!(!text.contains("زلت مسجّل"), "{text}");
        }
    }

    /// Coaching has one name (كوتشينغ), and mentoring's mentee is المسترشد: the coachee's
    /// word is not said of a mentee. Someone named is told of a request by a verbal noun, not
    /// a verb that gives them a gender; declining is one word on its button and its field; the
    /// portal refuses in the active voice.
    #[test]
    fn arabic_names_coaching_and_mentees_one_way_and_says_who_as_msa_does() {
        for &key in Text::ALL {
            let text = Locale::Ar.text(key);
            assert!(
                !text.contains("تدريب") && !text.contains("التوجيه"),
                "{key:?}: {text}"
            );
            assert!(!text.contains("يُبلَّغ {0}"), "{key:?}: {text}");
            assert!(!text.contains("من قِبل البوابة"), "{key:?}: {text}");
        }
        for key in [Text::PrefsPrivacy, Text::RefusedNudgeRecipient] {
            let text = Locale::Ar.text(key);
            assert!(
                text.contains("المسترشد") && !text.contains("المتدرّب"),
                "{key:?}: {text}"
            );
        }
        assert!(Locale::Ar
            .text(Text::RelationshipsListHeading)
            .contains("الكوتشينغ"));
        assert!(Locale::Ar
            .text(Text::AlreadyAskedInProgramme)
            .starts_with("طلبك من {0}"));
        assert!(Locale::Ar.text(Text::DeclineProposal).contains("اعتذار"));
        assert!(Locale::Ar
            .text(Text::ReasonForDeclining)
            .contains("الاعتذار"));
        assert!(Locale::Ar
            .text(Text::ChangesRefused)
            .starts_with("رفضت البوابة"));
    }

    #[test]
    fn a_conflict_never_quotes_an_empty_value() {
        for locale in LOCALES {
            for &key in Text::ALL {
                let text = locale.text(key);
                assert!(
                    !text.contains("(empty)") && !text.contains("(فارغ)"),
                    "{locale:?} {key:?}: {text}"
                );
            }
        }
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
    fn arabic_texts_have_no_latin_word_but_the_methods_and_file_formats_acronyms() {
        // SMART and GROW are the methods' names; CSV and JSON name the file a download gives.
        let allowed = ["SMART", "GROW", "G", "R", "O", "W", "CSV", "JSON"];
        for &key in Text::ALL {
            let text = Locale::Ar.text(key);
            for word in latin_words(text) {
                assert!(allowed.contains(&word), "{key:?}: {word:?} in {text}");
            }
        }
    }

    #[test]
    fn every_rule_has_its_own_non_empty_text() {
        let mut seen = Vec::new();
        for rule in Rule::ALL {
            let key = rule_text(rule);
            assert!(!Locale::EnGb.text(key).trim().is_empty(), "{rule:?}");
            assert!(!seen.contains(&key), "{rule:?} shares {key:?}");
            seen.push(key);
        }
    }

    /// How many places in the core raise `rule` with values, each driven by `core_refusals`;
    /// `None` for a rule whose texts name no value, so that no refusal of it can leave a
    /// hole. Exhaustive, so a new rule does not compile until it is placed here.
    fn places_with_values(rule: Rule) -> Option<usize> {
        use Rule::*;
        match rule {
            TitleRequired
            | ProgressFromMilestones
            | ProgressFromMeasure
            | UnknownRecord
            | NotPermitted
            | SameParty
            | CoachingGoalAlignment
            | MeasureRequired
            | ActionItemText
            | ActionItemOwner
            | FeedbackStrength
            | FeedbackDevelopmentArea
            | FeedbackParties
            | FeedbackDirection
            | FeedbackSession
            | LearningText
            | LifecycleOrder
            | LifecycleReason
            | ProgrammeState
            | ProgrammeAdmin
            | ProgrammeEligibility
            | GradesOrdered
            | EnrolmentOrder
            | ProgrammeNameRequired
            | ManagerCheckIn
            | NudgeRecipient
            | RelationshipOver
            | RelationshipNotStarted
            | SessionEmpty
            | PreferenceAttribute
            | PreferenceValueRequired
            | PreferenceNotStated
            | GoalDuePassed
            | AgreedForOther => None,
            TitleTooLong
            | ProgressRange
            | Seniority
            | ReverseMentoringSeniority
            | ReportingLine
            | ProgrammeKind
            | MilestoneLimit
            | MeasureNumber
            | MeasureTargetIsBaseline
            | SessionLength
            | ActionItemDue
            | ProgrammeLength
            | AlreadyEnrolled
            | Capacity
            | ExtendBeyondProgramme
            | AlreadyPaired
            | PairUnderWay
            | MentorFull
            | NotAmongWhoMayJoin
            | NotEnrolled
            | ProgrammeNotOpen
            | ProgrammeAdmitsNobody
            | ObjectiveRequired
            | ExtensionEnd
            | ProgrammeKindFixed
            | ObjectiveLimit
            | NudgedRecently
            | HealthQuietWeeks
            | HealthEndingWithin
            | HealthRatingDrop
            | PlacesPerMentor
            | SessionDate
            | SessionAfterEnd
            | GoalDueTooFar
            | ProgrammeStartTooEarly
            | ProgrammeNameTaken
            | StartedOn
            | OtherRoleInProgramme => Some(1),
            // A relationship and an invitation to coach; a relationship and a programme;
            // feedback and a self-assessment; a programme and an enrolment in it.
            CoachCredential | DatesOrdered | RatingRange | ProgrammeClosed => Some(2),
            // A session's text; a relationship's purpose, ground rules and reason for ending;
            // an answer shared for matching.
            TextTooLong => Some(5),
        }
    }

    /// Every refusal that names a value, made by the core's own checks from input that
    /// breaks each rule once per place the core raises it.
    fn core_refusals() -> Vec<Refusal> {
        use mentoring_core::enrolment::check_may_join;
        use mentoring_core::evaluation::{check_self_assessment, SelfAssessment, Stage};
        use mentoring_core::goal::check_goal_draft;
        use mentoring_core::health::extend;
        use mentoring_core::relationship::{change_by_party, propose, PartyChange};
        use mentoring_core::{
            check_enrolment_change, check_feedback, check_programme_change, check_relationship,
            check_session, ActionItem, Amount, Directory, EnrolledAs, Enrolment, EnrolmentStatus,
            Feedback, GoalContext, GoalDraft, Grade, Grow, Lifecycle, Millis, Objective,
            Observation, Person, Place, Programme, ProgrammeKind, ProgrammeState, Progress,
            RatingScale, RecordId, Relationship, RelationshipKind, Session, Title, Visibility,
        };
        let id = |text: &str| RecordId::parse(text).unwrap();
        let day = |text: &str| Date::parse(text).unwrap();
        let person = |key: &str, name: &str, grade: u8, manager: Option<&str>| Person {
            grade: Grade(grade),
            manager: manager.map(id),
            ..Person::new(id(key), name)
        };
        let directory = Directory::new([
            person("amira", "Amira Haddad", 4, Some("khalid")),
            person("khalid", "Khalid Mansour", 8, None),
            person("james", "James Carter", 6, None),
            person("sofia", "Sofia Reyes", 9, None),
        ]);
        let admin = id("p-admin");
        let mut programme = Programme::new(
            id("prog-1"),
            ProgrammeKind::Mentoring,
            "Leaders of tomorrow",
            day("2026-01-05"),
        );
        programme.ends = Some(day("2026-12-31"));
        programme.admins = vec![admin.clone()];
        let coaching = Programme {
            kind: ProgrammeKind::Coaching,
            ..programme.clone()
        };
        let closed = Programme {
            state: ProgrammeState::Closed {
                on: day("2026-06-30"),
            },
            ..programme.clone()
        };
        let pair = |kind, mentor: &str, mentee: &str| Relationship {
            id: id(&format!("r-{mentor}-{mentee}")),
            kind,
            programme: id("prog-1"),
            mentor: id(mentor),
            mentee: id(mentee),
            purpose: String::new(),
            ground_rules: String::new(),
            starts: day("2026-02-01"),
            planned_end: day("2026-08-01"),
            lifecycle: Lifecycle::Active,
            target_role: None,
            agreed: Default::default(),
        };
        // A coaching pair in a mentoring programme, with an uncredentialed coach and its end
        // before its start; a junior mentor in the mentee's reporting line; a senior reverse
        // mentor.
        let backwards = Relationship {
            planned_end: day("2026-01-20"),
            ..pair(RelationshipKind::Coaching, "james", "amira")
        };
        let junior = pair(RelationshipKind::Mentoring, "amira", "khalid");
        let senior = pair(RelationshipKind::ReverseMentoring, "khalid", "james");
        let mut refusals = Vec::new();
        for r in [&backwards, &junior, &senior] {
            refusals.extend(check_relationship(r, &programme, &directory));
        }
        // A start dated with the proposal's date, written weeks later.
        let weeks_later = Millis(i64::from(day("2026-03-15").0) * 86_400_000);
        refusals.extend(mentoring_core::health::check_started_on(&junior, weeks_later).err());
        let under_way = pair(RelationshipKind::Mentoring, "sofia", "james");
        let (mentor, mentee) = (id("sofia"), id("james"));
        refusals.extend(
            propose(
                id("r-new"),
                RelationshipKind::Mentoring,
                &programme,
                (&mentor, &mentee),
                day("2026-03-01"),
                &directory,
                std::slice::from_ref(&under_way),
                (&[], mentoring_core::relationship::KnownEnrolments::All),
            )
            .unwrap_err(),
        );
        // The same two, under way together in another programme.
        let elsewhere = Relationship {
            programme: id("prog-other"),
            ..under_way.clone()
        };
        refusals.extend(
            propose(
                id("r-again"),
                RelationshipKind::Mentoring,
                &programme,
                (&mentor, &mentee),
                day("2026-03-01"),
                &directory,
                std::slice::from_ref(&elsewhere),
                (&[], mentoring_core::relationship::KnownEnrolments::All),
            )
            .unwrap_err(),
        );

        // A mentee who mentors a pair under way in the programme, asking for themselves.
        let mentors_here = pair(RelationshipKind::Mentoring, "james", "amira");
        let asked = propose(
            id("r-sides"),
            RelationshipKind::Mentoring,
            &programme,
            (&id("sofia"), &id("james")),
            day("2026-03-01"),
            &directory,
            std::slice::from_ref(&mentors_here),
            (&[], mentoring_core::relationship::KnownEnrolments::All),
        )
        .unwrap();
        refusals.extend(mentoring_core::relationship::check_one_role(
            &asked,
            &programme,
            &directory,
            std::slice::from_ref(&mentors_here),
        ));

        // A mentor whose places are all taken (two, taken from the directory).
        let full = [
            pair(RelationshipKind::Mentoring, "sofia", "james"),
            pair(RelationshipKind::Mentoring, "sofia", "khalid"),
        ];
        refusals.extend(
            propose(
                id("r-full"),
                RelationshipKind::Mentoring,
                &programme,
                (&id("sofia"), &id("amira")),
                day("2026-03-01"),
                &directory,
                &full,
                (&[], mentoring_core::relationship::KnownEnrolments::All),
            )
            .unwrap_err(),
        );

        // A mentor not on the enrolment list of a programme that has one.
        let listed = Enrolment {
            id: id("e-amira"),
            programme: programme.id.clone(),
            person: id("amira"),
            role: EnrolledAs::Mentee,
            status: EnrolmentStatus::Enrolled,
            since: day("2026-01-05"),
        };
        refusals.extend(
            propose(
                id("r-listed"),
                RelationshipKind::Mentoring,
                &programme,
                (&id("sofia"), &id("amira")),
                day("2026-03-01"),
                &directory,
                &[],
                (
                    std::slice::from_ref(&listed),
                    mentoring_core::relationship::KnownEnrolments::All,
                ),
            )
            .unwrap_err(),
        );

        // A pair in a closed programme.
        refusals.extend(
            propose(
                id("r-closed"),
                RelationshipKind::Mentoring,
                &closed,
                (&id("sofia"), &id("amira")),
                day("2026-03-01"),
                &directory,
                &[],
                (&[], mentoring_core::relationship::KnownEnrolments::All),
            )
            .unwrap_err(),
        );

        // A new programme wrong in every way that names a value, an open one changing kind,
        // a closed one changed.
        let mut wrong = programme.clone();
        wrong.name = "x".repeat(121);
        wrong.ends = Some(day("2026-01-01"));
        wrong.default_length_days = 0;
        wrong.places_per_mentor = 0;
        wrong.health = mentoring_core::health::HealthSettings {
            quiet_weeks: 0,
            ending_within_days: 91,
            rating_drop_hundredths: 5,
        };
        wrong.objectives = (0..21)
            .map(|n| Objective {
                id: id(&format!("o-{n}")),
                text: if n == 0 { " ".into() } else { "Grow".into() },
            })
            .collect();
        refusals.extend(check_programme_change(&admin, true, None, &wrong));
        refusals.extend(check_programme_change(
            &admin,
            true,
            Some(&programme),
            &coaching,
        ));
        refusals.extend(check_programme_change(
            &admin,
            true,
            Some(&closed),
            &programme,
        ));
        // Opened while who may join admits nobody in the directory.
        let nobody = Programme {
            eligibility: mentoring_core::PeopleFilter {
                departments: vec!["Nowhere".into()],
                ..Default::default()
            },
            ..programme.clone()
        };
        refusals.extend(
            mentoring_core::programme::check_admits_someone(None, &nobody, &directory).err(),
        );

        refusals.extend(enrolment_refusals());
        let invitation = Enrolment {
            id: id("e-1"),
            programme: id("prog-1"),
            person: id("james"),
            role: EnrolledAs::Mentee,
            status: EnrolmentStatus::Invited,
            since: day("2026-01-05"),
        };
        let today = day("2026-03-01");
        refusals.extend(
            check_enrolment_change(&admin, &closed, &directory, &[], None, &invitation, today)
                .err(),
        );
        let james = directory.get(&id("james")).unwrap();
        let coach = EnrolledAs::Mentor { capacity: 2 };
        refusals.extend(check_may_join(&coaching, james, coach, today).err());
        let finance_only = Programme {
            eligibility: mentoring_core::PeopleFilter {
                departments: vec!["Finance".into()],
                ..Default::default()
            },
            ..programme.clone()
        };
        refusals.extend(check_may_join(&finance_only, james, EnrolledAs::Mentee, today).err());

        refusals.extend(extend(&under_way, &programme, day("2026-07-01"), today).err());
        // The pair's own changes: each text of the agreement, and the reason for ending.
        let long = "x".repeat(2_001);
        let party_changes = [
            PartyChange::Agreement {
                purpose: long.clone(),
                ground_rules: String::new(),
            },
            PartyChange::Agreement {
                purpose: String::new(),
                ground_rules: long.clone(),
            },
            PartyChange::Move(Lifecycle::EndedEarly { reason: long }),
        ];
        for change in party_changes {
            refusals.extend(change_by_party(&under_way, &id("sofia"), change).err());
        }
        refusals.extend(extend(&under_way, &programme, day("2027-02-01"), today).err());
        let nudged = mentoring_core::health::Nudge {
            id: id("nudge-1"),
            programme: under_way.programme.clone(),
            relationship: under_way.id.clone(),
            to: under_way.mentee.clone(),
            reason: "no-session".into(),
            by: id("admin"),
            at: Millis(0),
        };
        let nudged_too = mentoring_core::health::Nudge {
            id: id("nudge-2"),
            to: under_way.mentor.clone(),
            ..nudged.clone()
        };
        refusals.extend(
            mentoring_core::health::check_nudge_interval(
                &under_way.id,
                [&under_way.mentor, &under_way.mentee],
                Millis(1),
                [&nudged, &nudged_too],
            )
            .err(),
        );
        let long_answer = mentoring_core::MatchingPreferences {
            shared: [(mentoring_core::Attribute::Background, "x".repeat(61))].into(),
            ..mentoring_core::MatchingPreferences::of(&id("amira"))
        };
        refusals.extend(mentoring_core::check_matching_preferences(&long_answer).err());

        let session = Session {
            id: id("s-1"),
            relationship: under_way.id.clone(),
            author: id("james"),
            partner: Some(id("sofia")),
            at: Millis(1_772_359_200_000), // 2026-03-01 10:00 UTC
            time_zone: "Europe/London".into(),
            minutes: 600,
            place: Place::Online,
            grow: Grow::default(),
            skills: Default::default(),
            actions: Vec::new(),
            goals: Vec::new(),
        };
        let overdue = Session {
            minutes: 60,
            actions: vec![ActionItem {
                id: id("a-1"),
                text: "Book the pilot".into(),
                owner: id("james"),
                due: day("2026-02-01"),
                done: false,
            }],
            ..session.clone()
        };
        for s in [&session, &overdue] {
            refusals.extend(check_session(s, &under_way).err());
        }
        let seen = || {
            vec![Observation {
                text: "Listening".into(),
                example: "The March review".into(),
            }]
        };
        let feedback = Feedback {
            id: id("f-1"),
            giver: id("sofia"),
            receiver: id("james"),
            relationship: under_way.id.clone(),
            session: None,
            strengths: seen(),
            development_areas: seen(),
            ratings: [(RatingScale::Listening, 9)].into(),
            overall: String::new(),
            visibility: Visibility::SharedWithPair,
            given_at: Millis(0),
        };
        refusals.extend(check_feedback(&feedback, &under_way).err());
        // A session dated before its relationship started.
        let early = Session {
            at: Millis(1_735_732_800_000), // 2025-01-01 12:00 UTC
            ..overdue.clone()
        };
        refusals.extend(
            mentoring_core::session::check_session_date(&early, None, &under_way, today, None)
                .err(),
        );
        // A session of a pair that is over moved to after it ended.
        let over = Relationship {
            lifecycle: Lifecycle::Completed,
            ..under_way.clone()
        };
        let ended = mentoring_core::session::PairEnded {
            at: Millis(0),
            on: day("1970-01-01"),
        };
        refusals.extend(
            mentoring_core::session::check_session_date(
                &early,
                Some(&overdue),
                &over,
                today,
                Some(ended),
            )
            .err(),
        );
        // A goal due 9999-12-31; a new programme dated years back, named as one known.
        let far = GoalDraft {
            title: "Present the budget".into(),
            due: Some(day("9999-12-31")),
            ..GoalDraft::default()
        };
        refusals.extend(
            check_goal_draft(&far, GoalContext::default(), &mentee, None, today)
                .err()
                .map(|e| e.1),
        );
        let again = Programme {
            id: id("prog-2"),
            starts: day("2020-01-01"),
            ..programme.clone()
        };
        refusals.extend(mentoring_core::programme::check_among_programmes(
            None,
            &again,
            std::slice::from_ref(&programme),
            today,
        ));
        let assessment = SelfAssessment {
            id: id("sa-1"),
            programme: id("prog-1"),
            person: id("james"),
            stage: Stage::Start,
            score: 0,
            written_at: Millis(0),
        };
        refusals.extend(check_self_assessment(&assessment).err());

        let many_milestones = GoalDraft {
            title: "Present the budget".into(),
            milestones: vec!["Step".into(); 21],
            ..GoalDraft::default()
        };
        let context = GoalContext::default();
        refusals.extend(
            check_goal_draft(&many_milestones, context, &mentee, None, Date(0))
                .err()
                .map(|e| e.1),
        );
        let flat_measure = GoalDraft {
            title: "Fewer open tickets".into(),
            measure: Some(mentoring_core::Measure {
                what: "open tickets".into(),
                baseline: Amount(4_000),
                target: Amount(4_000),
                current: Amount(2_500),
            }),
            ..GoalDraft::default()
        };
        refusals.extend(
            check_goal_draft(&flat_measure, context, &mentee, None, Date(0))
                .err()
                .map(|e| e.1),
        );
        refusals.extend([
            Title::parse(&"x".repeat(130)).unwrap_err(),
            Progress::new(150).unwrap_err(),
            Amount::parse("ten").unwrap_err(),
        ]);
        refusals
    }

    #[test]
    fn every_refusal_the_core_raises_is_said_with_every_value_its_text_names() {
        let refusals = core_refusals();
        for rule in Rule::ALL {
            let raised = refusals.iter().filter(|r| r.rule == rule).count();
            match places_with_values(rule) {
                Some(places) => assert_eq!(raised, places, "{rule:?} raised by the checks"),
                None => {
                    for locale in LOCALES {
                        let text = locale.text(rule_text(rule));
                        assert!(placeholders(text).is_empty(), "{locale:?} {rule:?}: {text}");
                    }
                }
            }
        }
        for refusal in &refusals {
            // As the participants' build, which has no English message to fall back on.
            let bare = Refusal::of(refusal.rule).with_args(&refusal.args);
            for locale in LOCALES {
                let said = locale.refusal(&bare);
                assert!(
                    placeholders(&said).is_empty() && !said.contains('…'),
                    "{locale:?} {:?} {:?}: {said}",
                    refusal.rule,
                    refusal.args
                );
            }
            let said = Locale::EnGb.refusal(&bare);
            for arg in &refusal.args {
                assert!(said.contains(arg.as_str()), "{said:?} lacks {arg:?}");
            }
        }
        // Every date a refusal names is said in the reader's format, never as stored.
        for refusal in &refusals {
            for (n, arg) in refusal.args.iter().enumerate() {
                if Date::parse(arg).is_ok() {
                    assert!(
                        is_date_arg(refusal.rule, n),
                        "{:?} value {n}: {arg}",
                        refusal.rule
                    );
                }
            }
        }
        let progress = refusals.iter().find(|r| r.rule == Rule::ProgressRange);
        assert_eq!(
            Locale::EnGb.refusal(progress.unwrap()),
            "Progress runs from 0 to 100 %; 150 is outside that range."
        );
        // The last resort for a refusal made without its values elsewhere: never a raw
        // placeholder.
        let bare = Locale::Ar.refusal(&Refusal::of(Rule::ProgressRange));
        assert!(placeholders(&bare).is_empty(), "{bare}");
    }

    #[test]
    fn refusal_texts_name_what_they_are_about() {
        let said = |rule: Rule, args: &[&str]| {
            Locale::EnGb.refusal(&Refusal::of(rule).with_args(args.iter()))
        };
        let cases: [(Rule, &[&str], &[&str]); 13] = [
            (
                Rule::CoachingGoalAlignment,
                &[],
                &["organisational objectives", "aspiration"],
            ),
            (Rule::FeedbackStrength, &[], &["strength", "example"]),
            (
                Rule::FeedbackDevelopmentArea,
                &[],
                &["development area", "example"],
            ),
            (
                Rule::DatesOrdered,
                &["2026-01-01", "2026-09-01"],
                &["2026-01-01", "2026-09-01"],
            ),
            (
                Rule::ActionItemDue,
                &["Book the pilot"],
                &["Book the pilot", "due before"],
            ),
            (
                Rule::Seniority,
                &["Amira", "4", "Omar", "8"],
                &["Amira", "Omar", "reverse mentoring"],
            ),
            (
                Rule::ReportingLine,
                &["Khalid", "Amira"],
                &["Khalid", "Amira", "reporting line"],
            ),
            (
                Rule::CoachCredential,
                &["James", "2026-09-07"],
                &["James", "2026-09-07", "credential"],
            ),
            (Rule::SessionLength, &["5", "8", "600"], &["600 minutes"]),
            (Rule::LearningText, &[], &["learned"]),
            (
                Rule::ExtensionEnd,
                &["2026-09-01"],
                &["2026-09-01", "new end", "past"],
            ),
            (
                Rule::NudgedRecently,
                &["7"],
                &["nudged less than 7 days ago", "again"],
            ),
            (
                Rule::ManagerCheckIn,
                &[],
                &["reporting line", "manager's check-in", "peer's"],
            ),
        ];
        for (rule, args, names) in cases {
            let text = said(rule, args);
            for name in names {
                assert!(
                    text.contains(name),
                    "{rule:?}: {text:?} should name {name:?}"
                );
            }
        }
        // Who may join says its limit in words: the rule's refusals carry no value.
        let limit = mentoring_core::programme::ELIGIBILITY_MAX_ITEMS.to_string();
        for locale in LOCALES {
            let text = locale.text(Text::RefusedProgrammeEligibility);
            assert!(text.contains(&limit), "{locale:?}: {text}");
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

    /// A number in an English text followed by a plural word, where the number is a limit
    /// greater than one, never a count: (text, placeholder).
    const LIMITS: [(Text, u8); 6] = [
        (Text::CharactersUsed, 1),
        (Text::RefusedTitleTooLong, 0),
        (Text::RefusedTextTooLong, 0),
        (Text::RefusedMilestoneLimit, 0),
        (Text::RefusedProgrammeLength, 0),
        (Text::RefusedObjectiveLimit, 0),
    ];

    /// Each `{n}` in `text` and the word after it.
    fn numbers_and_next_words(text: &str) -> Vec<(u8, &str)> {
        text.match_indices('{')
            .filter_map(|(at, _)| {
                let rest = &text.as_bytes()[at..];
                let digit = (rest.len() > 3 && rest[1].is_ascii_digit() && rest[2] == b'}')
                    .then(|| rest[1] - b'0')?;
                let after = text[at + 3..].strip_prefix(' ')?;
                let word = after
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .next()
                    .unwrap_or_default();
                Some((digit, word))
            })
            .collect()
    }

    #[test]
    fn no_count_is_written_with_s_in_brackets_or_in_a_plural_that_one_would_break() {
        for locale in LOCALES {
            for &key in Text::ALL {
                for category in Plural::ALL {
                    let form = locale.counted(key, category);
                    assert!(!form.contains("(s)"), "{locale:?} {key:?}: {form}");
                }
            }
        }
        // "{0} sessions" reads "1 sessions": a count goes through `Locale::count` (a
        // `Count*` text, which has a form for one) instead.
        let not_plurals = [
            "is", "was", "has", "as", "its", "this", "takes", "ends", "breaks",
        ];
        for &key in Text::ALL {
            if COUNTED.contains(&key) {
                continue;
            }
            let text = Locale::EnGb.text(key);
            for (n, word) in numbers_and_next_words(text) {
                let plural = word.len() > 2 && word.ends_with('s') && !not_plurals.contains(&word);
                assert!(
                    !plural || LIMITS.contains(&(key, n)),
                    "{key:?}: {{{n}}} {word}… in {text:?}"
                );
            }
        }
        // The counted words' forms for one.
        let one: Vec<String> = COUNTED
            .iter()
            .map(|&key| Locale::EnGb.count(key, 1))
            .collect();
        for said in &one {
            assert!(!said.ends_with('s'), "{said}");
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
    fn sessions_not_named_are_counted_in_the_plural_form_of_their_number() {
        let ar = |n| Locale::Ar.and_more_sessions("أ", n);
        assert_eq!(ar(0), "أ");
        assert!(ar(1).contains("جلسة أخرى واحدة"), "{}", ar(1));
        assert!(ar(2).contains("جلستان أخريان"), "{}", ar(2));
        assert!(ar(3).contains("3 جلسات أخرى"), "{}", ar(3));
        assert!(ar(11).contains("11 جلسةً أخرى"), "{}", ar(11));
        assert!(ar(100).contains("100 جلسة أخرى"), "{}", ar(100));
        let en = |n| Locale::EnGb.and_more_sessions("1 Mar", n);
        assert_eq!(en(1), "1 Mar and 1 more session");
        assert_eq!(en(2), "1 Mar and 2 more sessions");
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

    /// The core's refusals of a second enrolment and of a mentor's capacity, as the core
    /// makes them (so the values' positions are the core's).
    fn enrolment_refusals() -> [Refusal; 2] {
        use mentoring_core::{
            check_enrolment_change, Directory, EnrolledAs, Enrolment, EnrolmentStatus, Person,
            Programme, ProgrammeKind, RecordId,
        };
        let id = |text: &str| RecordId::parse(text).unwrap();
        let day = Date::parse("2026-01-05").unwrap();
        let mut programme = Programme::new(id("prog-1"), ProgrammeKind::Mentoring, "Leaders", day);
        programme.admins = vec![id("p-admin")];
        let directory = Directory::new([Person::new(id("amira"), "Amira Haddad")]);
        let enrolment = |n: &str, role| Enrolment {
            id: id(n),
            programme: id("prog-1"),
            person: id("amira"),
            role,
            status: EnrolmentStatus::Invited,
            since: day,
        };
        let check = |others: &[Enrolment], after: &Enrolment| {
            let admin = id("p-admin");
            check_enrolment_change(&admin, &programme, &directory, others, None, after, day)
                .unwrap_err()
        };
        let mentor = |capacity| EnrolledAs::Mentor { capacity };
        [
            check(&[enrolment("e-1", mentor(2))], &enrolment("e-2", mentor(2))),
            check(&[], &enrolment("e-3", mentor(0))),
        ]
    }

    #[test]
    fn refusals_name_roles_and_statuses_in_the_readers_language() {
        let [twice, capacity] = enrolment_refusals();
        assert_eq!(
            (twice.rule, capacity.rule),
            (Rule::AlreadyEnrolled, Rule::Capacity)
        );
        assert_eq!(
            Locale::EnGb.refusal(&twice),
            "Amira Haddad is already invited as a mentor in Leaders; one person takes part in one \
             role: change that enrolment instead."
        );
        let ar = Locale::Ar.refusal(&twice);
        assert!(
            ar.contains("\u{2068}مدعو\u{2069}") && ar.contains("\u{2068}مرشد\u{2069}"),
            "{ar}"
        );
        let ar = Locale::Ar.refusal(&capacity);
        assert!(ar.starts_with("يمكن أن يتولّى \u{2068}مرشد\u{2069}"), "{ar}");
        for ar in [Locale::Ar.refusal(&twice), ar] {
            let names = ["Amira", "Haddad", "Leaders"];
            assert!(latin_words(&ar).iter().all(|w| names.contains(w)), "{ar}");
        }
        // Only the places where the core puts a role or a status: a name stays a name.
        let named = Refusal::new(Rule::AlreadyEnrolled, "English")
            .with_args(["mentor", "left", "coach", "invited"]);
        let ar = Locale::Ar.refusal(&named);
        assert!(
            ar.contains("\u{2068}mentor\u{2069}") && ar.contains("\u{2068}invited\u{2069}"),
            "{ar}"
        );
        assert!(
            ar.contains("\u{2068}غادر\u{2069}") && ar.contains("\u{2068}مدرّب\u{2069}"),
            "{ar}"
        );
    }

    #[test]
    fn errors_from_the_edges_are_said_without_the_hosts_or_browsers_words() {
        let refused = HostError::Refused {
            code: "bad_request".into(),
            message: "The database is down.".into(),
        };
        let errors = [
            HostError::Unreachable("TypeError: Failed to fetch".into()),
            HostError::SignedOut("Nobody is signed in to the portal.".into()),
            refused.clone(),
            HostError::Malformed(
                "directory people[0] field \"grade\" should be a whole number".into(),
            ),
        ];
        for locale in LOCALES {
            let said: Vec<String> = errors.iter().map(|e| locale.host_error(e)).collect();
            for (text, error) in said.iter().zip(&errors) {
                for english in ["fetch", "Nobody", "database", "grade"] {
                    assert!(!text.contains(english), "{locale:?} {error:?}: {text}");
                }
            }
            // The code is the portal team's (the adapter writes it to the console).
            assert!(!said[2].contains("bad_request"), "{}", said[2]);
            assert_eq!(said[2], locale.text(Text::HostRefused));
            let rejected = locale.rejection("quota");
            assert!(!rejected.contains("quota"), "{rejected}");
            assert_eq!(rejected, locale.text(Text::RejectedOther));
            let stored = locale.store_error(&StoreError("QuotaExceededError".into()));
            assert!(!stored.contains("Quota"), "{stored}");
        }
        assert_eq!(
            Locale::EnGb.host_error(&refused),
            "The portal refused the request. Nothing was changed here; try again later, and tell the portal's team if it goes on."
        );
        let code = |code: &str| HostError::Refused {
            code: code.into(),
            message: "English".into(),
        };
        assert_eq!(
            Locale::Ar.host_error(&code("not_found")),
            Locale::Ar.text(Text::HostNotOffered)
        );
        assert_eq!(
            Locale::Ar.host_error(&code("storage_failed")),
            Locale::Ar.text(Text::HostStorageFailed)
        );
        assert_eq!(
            Locale::Ar.rejection("forbidden"),
            "لا يحق لك إجراء هذا التغيير"
        );
    }

    #[test]
    fn a_typed_date_is_read_or_said_to_be_wrong_in_the_readers_language() {
        assert_eq!(
            Locale::Ar.parse_date(" 2026-03-31 "),
            Date::parse("2026-03-31")
        );
        assert_eq!(
            Locale::EnGb.parse_date("  "),
            Err("Choose a date.".to_owned())
        );
        let wrong = Locale::Ar.parse_date("2026-02-30").unwrap_err();
        assert!(
            wrong.starts_with("«\u{2068}2026-02-30\u{2069}» ليس تاريخًا"),
            "{wrong}"
        );
        assert!(latin_words(&wrong).is_empty(), "{wrong}");
        let wrong = Locale::EnGb.parse_date("next week").unwrap_err();
        assert!(wrong.starts_with("“next week” is not a date"), "{wrong}");
    }
}
