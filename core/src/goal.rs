//! SMART goals and the rules for changing them.
//!
//! A goal is Specific (its title states it), Measurable (a measure with baseline, target and
//! current value), Achievable (milestones), Relevant (an organisational objective and an
//! individual aspiration; coaching needs both) and Time-bound (a due date).
//!
//! Title and progress are validated types, so a `Goal` that exists is a valid goal: whatever
//! builds one (a command, a stored record, a message from the host) goes through
//! [`Title::parse`] and [`Progress::new`] first.

use crate::rules::{required, text_within, Refusal, Rule};
use crate::{Date, Millis, Programme, RecordId, Relationship, RelationshipKind};

/// Long enough for a specific goal statement, short enough to read on a phone's list.
pub const TITLE_MAX_CHARS: usize = 120;
/// Longer texts (a measure's description, an aspiration).
pub const NOTE_MAX_CHARS: usize = 2_000;
/// Enough to plan a year; more is a project plan, not a goal.
pub const MILESTONES_MAX: usize = 20;
/// Progress history kept per goal; older points are summarised away by the chart anyway.
pub const HISTORY_MAX: usize = 500;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title(String);

impl Title {
    /// Trims surrounding white space and checks the length in characters (not bytes, so an
    /// Arabic title gets the same allowance as an English one).
    pub fn parse(input: &str) -> Result<Title, Refusal> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(refusal!(
                Rule::TitleRequired,
                "Give the goal a title, for example \"Present the budget to the board\"."
            ));
        }
        let chars = trimmed.chars().count();
        if chars > TITLE_MAX_CHARS {
            return Err(refusal!(
                Rule::TitleTooLong,
                "Shorten the title to {TITLE_MAX_CHARS} characters or fewer (it has {chars})."
            )
            .with_args([TITLE_MAX_CHARS, chars]));
        }
        Ok(Title(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Progress towards a goal, as a whole percentage from 0 to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Progress(u8);

impl Progress {
    pub fn new(percent: i64) -> Result<Progress, Refusal> {
        match u8::try_from(percent) {
            Ok(p) if p <= 100 => Ok(Progress(p)),
            _ => Err(refusal!(
                Rule::ProgressRange,
                "Progress runs from 0 to 100 %; {percent} is outside that range."
            )
            .with_args([percent])),
        }
    }

    pub fn percent(self) -> u8 {
        self.0
    }
}

/// A measured quantity with up to two decimals (12, 12.5, 97.25), kept exactly as a whole
/// number of hundredths: no floating point, so what a person typed is what they see.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub i64);

impl Amount {
    pub fn parse(text: &str) -> Result<Amount, Refusal> {
        let refuse = || {
            refusal!(
                Rule::MeasureNumber,
                "{:?} is not a number; write it like 12 or 12.5 (up to two decimals).",
                text.trim()
            )
            .with_args([text.trim()])
        };
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty()
            || whole.len() > 13
            || fraction.len() > 2
            || !all_digits(whole)
            || !all_digits(fraction)
        {
            return Err(refuse());
        }
        let whole: i64 = whole.parse().map_err(|_| refuse())?;
        let fraction: i64 = format!("{fraction:0<2}").parse().map_err(|_| refuse())?;
        let hundredths = whole * 100 + fraction;
        Ok(Amount(if negative { -hundredths } else { hundredths }))
    }
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let (whole, fraction) = (self.0.unsigned_abs() / 100, self.0.unsigned_abs() % 100);
        match fraction {
            0 => write!(f, "{sign}{whole}"),
            n if n % 10 == 0 => write!(f, "{sign}{whole}.{}", n / 10),
            n => write!(f, "{sign}{whole}.{n:02}"),
        }
    }
}

/// How progress is measured: "Measurable".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Measure {
    pub what: String,
    pub baseline: Amount,
    pub target: Amount,
    pub current: Amount,
}

impl Measure {
    /// How far `current` has come from `baseline` towards `target`, as a whole percentage
    /// rounded down, for a target above the baseline or below it ("from 40 open tickets to
    /// 10"). Going past the target is 100 %, going the wrong way 0 %. `None` when the target
    /// is the baseline: no distance to cover, so no progress to tell (only goals stored before
    /// that was refused have one, [`check_measure_set`]).
    pub fn progress(&self) -> Option<Progress> {
        let span = i128::from(self.target.0) - i128::from(self.baseline.0);
        if span == 0 {
            return None;
        }
        let covered = i128::from(self.current.0) - i128::from(self.baseline.0);
        // Both of one sign when moving the right way, so the quotient truncates downwards.
        let percent = (covered * 100 / span).clamp(0, 100);
        Some(Progress(percent as u8))
    }
}

/// A measure set now, on a new goal or with its baseline or target changed, has a target other
/// than its baseline. One stored that way before this was refused keeps loading and saving
/// with its other changes; its progress is set by hand ([`Goal::progress_source`]).
pub fn check_measure_set(before: Option<&Measure>, after: Option<&Measure>) -> Result<(), Refusal> {
    let Some(after) = after else {
        return Ok(());
    };
    let unchanged =
        before.is_some_and(|b| (b.baseline, b.target) == (after.baseline, after.target));
    if after.target == after.baseline && !unchanged {
        return Err(refusal!(
            Rule::MeasureTargetIsBaseline,
            "The target is the same as the starting value ({}); set the target you are aiming \
             for, above or below where you start.",
            after.baseline
        )
        .with_args([after.baseline]));
    }
    Ok(())
}

/// Why the goal matters: "Relevant". Coaching needs both parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Relevance {
    /// One of the programme's organisational objectives.
    pub objective: Option<RecordId>,
    /// The person's own aspiration, in their words.
    pub aspiration: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Milestone {
    pub id: RecordId,
    pub title: Title,
    pub done_on: Option<Date>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum GoalStatus {
    #[default]
    OnTrack,
    AtRisk,
    Achieved,
    Dropped,
}

/// Where a goal's progress comes from, in the order [`Goal::progress`] asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgressSource {
    /// The milestones done, out of all of them.
    Milestones,
    /// The measure's current value between its baseline and target.
    Measure,
    /// Set by hand.
    ByHand,
}

/// Where a goal without milestones takes its progress from, as its owner chose and as stored
/// with it (`progress-from`). A goal stored before goals said so is set by hand: its measure
/// never moved it then, and the progress its owner set must not change under them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProgressFrom {
    /// The slider.
    #[default]
    Hand,
    /// The measure's current value, when the measure tells ([`Measure::progress`]).
    Measure,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgressPoint {
    pub at: Millis,
    pub progress: Progress,
    /// Where progress started coming from elsewhere ([`Goal::progress_source`]: a switch
    /// between the measure and by hand, a first milestone, a measure added or removed). The
    /// progress shown moved there, but nobody progressed: the chart starts a new line at this
    /// point instead of drawing a jump from the one before, and its words are of the line
    /// since (`ui::goal_editor`).
    pub new_source: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub id: RecordId,
    pub owner: RecordId,
    pub relationship: Option<RecordId>,
    /// The specific statement of the goal.
    pub title: Title,
    pub measure: Option<Measure>,
    pub due: Option<Date>,
    pub relevance: Relevance,
    pub milestones: Vec<Milestone>,
    /// Progress set by hand; used only while neither milestones nor a measure give it (kept
    /// meanwhile, so removing them brings it back).
    pub manual_progress: Progress,
    /// Whether the measure or the hand-set value gives progress while there are no milestones.
    pub progress_from: ProgressFrom,
    pub status: GoalStatus,
    pub history: Vec<ProgressPoint>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

impl Goal {
    /// Derived from milestones when there are any (done ÷ all, rounded down), else from the
    /// measure when its owner chose so ([`ProgressFrom::Measure`]) and it tells
    /// ([`Measure::progress`]), else set by hand. Never stored: each device derives it from
    /// the fields it holds, so concurrent edits of those fields merge field by field.
    pub fn progress(&self) -> Progress {
        match self.progress_source() {
            ProgressSource::Milestones => {
                let done = (self.milestones.iter())
                    .filter(|m| m.done_on.is_some())
                    .count();
                Progress((done * 100 / self.milestones.len()) as u8)
            }
            ProgressSource::Measure => (self.measure.as_ref())
                .and_then(Measure::progress)
                .unwrap_or(self.manual_progress),
            ProgressSource::ByHand => self.manual_progress,
        }
    }

    /// Where [`Goal::progress`] comes from.
    pub fn progress_source(&self) -> ProgressSource {
        if !self.milestones.is_empty() {
            ProgressSource::Milestones
        } else if self.progress_from == ProgressFrom::Measure
            && (self.measure.as_ref()).is_some_and(|m| m.progress().is_some())
        {
            ProgressSource::Measure
        } else {
            ProgressSource::ByHand
        }
    }

    /// Whether the goal is still being worked on: neither achieved nor dropped.
    pub fn is_open(&self) -> bool {
        matches!(self.status, GoalStatus::OnTrack | GoalStatus::AtRisk)
    }

    /// Whether every step is done though the goal is not yet marked achieved.
    pub fn is_reached(&self) -> bool {
        self.progress() == Progress(100)
    }

    /// Whether the goal is past due and not finished, on `today`. A goal at 100 % is not: it
    /// waits to be marked achieved, which is not the same as running late.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.is_open() && !self.is_reached() && self.due.is_some_and(|due| due < today)
    }
}

/// What a person writes when creating or editing a goal.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoalDraft {
    pub title: String,
    pub relationship: Option<RecordId>,
    pub measure: Option<Measure>,
    pub due: Option<Date>,
    pub relevance: Relevance,
    /// Milestone titles, for a new goal.
    pub milestones: Vec<String>,
}

impl GoalDraft {
    /// What an editor shows for `goal` when it opens: its details, and no new milestone.
    pub fn of(goal: &Goal) -> GoalDraft {
        GoalDraft {
            title: goal.title.as_str().to_owned(),
            relationship: goal.relationship.clone(),
            measure: goal.measure.clone(),
            due: goal.due,
            relevance: goal.relevance.clone(),
            milestones: Vec::new(),
        }
    }
}

/// A goal's details as an editor changed them, on top of the goal as it stands now: an editor
/// opened on `opened` ([`GoalDraft::of`]) and saved as `edited` changes only what differs
/// between the two, and every other field keeps its value in `current`, so what a sync
/// brought from another device while the editor was open stays. Field by field as stored: the
/// measure's name and each of its amounts apart, the objective apart from the aspiration.
pub fn rebase_draft(opened: &GoalDraft, edited: &GoalDraft, current: &Goal) -> GoalDraft {
    use crate::record::rebased as pick;
    let now = GoalDraft::of(current);
    let measure = match (&opened.measure, &edited.measure, &now.measure) {
        (Some(was), Some(is), Some(now)) => Some(Measure {
            what: pick(&was.what, &is.what, &now.what),
            baseline: pick(&was.baseline, &is.baseline, &now.baseline),
            target: pick(&was.target, &is.target, &now.target),
            current: pick(&was.current, &is.current, &now.current),
        }),
        (was, is, now) => pick(was, is, now),
    };
    GoalDraft {
        title: pick(&opened.title, &edited.title, &now.title),
        relationship: pick(
            &opened.relationship,
            &edited.relationship,
            &now.relationship,
        ),
        measure,
        due: pick(&opened.due, &edited.due, &now.due),
        relevance: Relevance {
            objective: pick(
                &opened.relevance.objective,
                &edited.relevance.objective,
                &now.relevance.objective,
            ),
            aspiration: pick(
                &opened.relevance.aspiration,
                &edited.relevance.aspiration,
                &now.relevance.aspiration,
            ),
        },
        milestones: edited.milestones.clone(),
    }
}

/// The first part of a goal that an editor opened on `opened` and saved as `edited` changed,
/// and that was changed otherwise since it opened (`current`: in another tab, or synced from
/// another device). [`rebase_draft`] would put the editor's value in its place unseen, so the
/// editor asks first.
pub fn changed_meanwhile(
    opened: &GoalDraft,
    edited: &GoalDraft,
    current: &Goal,
) -> Option<DraftPart> {
    use crate::record::changed_both_ways as both;
    let now = GoalDraft::of(current);
    let measure = match (&opened.measure, &edited.measure, &now.measure) {
        (Some(was), Some(is), Some(now)) => {
            if both(&was.target, &is.target, &now.target) {
                Some(DraftPart::MeasureTarget)
            } else {
                (both(&was.what, &is.what, &now.what)
                    || both(&was.baseline, &is.baseline, &now.baseline)
                    || both(&was.current, &is.current, &now.current))
                .then_some(DraftPart::MeasureWhat)
            }
        }
        (was, is, now) => both(was, is, now).then_some(DraftPart::MeasureWhat),
    };
    let (was, is) = (&opened.relevance, &edited.relevance);
    let relevance = both(&was.objective, &is.objective, &now.relevance.objective)
        || both(&was.aspiration, &is.aspiration, &now.relevance.aspiration);
    [
        both(&opened.title, &edited.title, &now.title).then_some(DraftPart::Title),
        (both(
            &opened.relationship,
            &edited.relationship,
            &now.relationship,
        ))
        .then_some(DraftPart::Relationship),
        measure,
        relevance.then_some(DraftPart::Relevance),
        both(&opened.due, &edited.due, &now.due).then_some(DraftPart::Due),
    ]
    .into_iter()
    .flatten()
    .next()
}

/// What a person asks to do to their goals.
#[derive(Clone, Debug, PartialEq)]
pub enum GoalCommand {
    /// Quick add: a title, everything else later.
    Add {
        title: String,
    },
    Create {
        draft: GoalDraft,
    },
    /// The details an editor opened on `opened` ([`GoalDraft::of`]) saves as `draft`: only
    /// what differs between the two changes, on top of the goal as it stands
    /// ([`rebase_draft`]).
    Edit {
        goal: RecordId,
        opened: GoalDraft,
        draft: GoalDraft,
    },
    SetProgress {
        goal: RecordId,
        percent: i64,
    },
    /// The quick update of the measure's current value, as typed ([`Amount::parse`]).
    SetMeasureCurrent {
        goal: RecordId,
        current: String,
    },
    /// The switch between progress from the measure and by hand.
    SetProgressFrom {
        goal: RecordId,
        from: ProgressFrom,
    },
    AddMilestone {
        goal: RecordId,
        title: String,
    },
    CompleteMilestone {
        goal: RecordId,
        milestone: RecordId,
        on: Date,
    },
    ReopenMilestone {
        goal: RecordId,
        milestone: RecordId,
    },
    SetStatus {
        goal: RecordId,
        status: GoalStatus,
    },
}

/// What a goal rule needs to know besides the goals themselves.
#[derive(Clone, Copy, Debug, Default)]
pub struct GoalContext<'a> {
    pub relationships: &'a [Relationship],
    pub programmes: &'a [Programme],
}

/// Decides what `command` does for `actor`: the goal record to store, or why nothing changes.
///
/// Nothing is changed here; the caller stores the record durably and only then applies it
/// with [`apply`], so that what the person sees as saved is what storage holds. `new_id` is
/// asked for ids (with a prefix) only once the command is known to be valid.
pub fn decide(
    command: &GoalCommand,
    goals: &[Goal],
    context: GoalContext<'_>,
    actor: &RecordId,
    now: Millis,
    mut new_id: impl FnMut(&str) -> RecordId,
) -> Result<Goal, Refusal> {
    decide_with(command, goals, context, actor, now, &mut new_id)
}

/// `decide`, compiled once rather than once per caller's id minter.
fn decide_with(
    command: &GoalCommand,
    goals: &[Goal],
    context: GoalContext<'_>,
    actor: &RecordId,
    now: Millis,
    new_id: &mut dyn FnMut(&str) -> RecordId,
) -> Result<Goal, Refusal> {
    let mut goal = match command {
        GoalCommand::Add { title } => {
            let draft = GoalDraft {
                title: title.clone(),
                ..GoalDraft::default()
            };
            return create(&draft, context, actor, now, new_id);
        }
        GoalCommand::Create { draft } => return create(draft, context, actor, now, new_id),
        GoalCommand::Edit { goal, .. }
        | GoalCommand::SetProgress { goal, .. }
        | GoalCommand::SetMeasureCurrent { goal, .. }
        | GoalCommand::SetProgressFrom { goal, .. }
        | GoalCommand::AddMilestone { goal, .. }
        | GoalCommand::CompleteMilestone { goal, .. }
        | GoalCommand::ReopenMilestone { goal, .. }
        | GoalCommand::SetStatus { goal, .. } => owned_goal(goals, goal, actor)?.clone(),
    };
    match command {
        GoalCommand::Add { .. } | GoalCommand::Create { .. } => unreachable!("returned above"),
        GoalCommand::Edit { opened, draft, .. } => {
            let draft = &rebase_draft(opened, draft, &goal);
            let checked = check_draft(draft, context, actor, goal.relationship.as_ref())?;
            check_goal_link(
                draft.relationship.as_ref(),
                goal.relationship.as_ref(),
                context,
            )?;
            check_due_window(goal.due, draft.due, lenient_today(now), latest_today(now))?;
            check_measure_set(goal.measure.as_ref(), draft.measure.as_ref())?;
            // A first measure moves progress, as on a new goal; a goal without one is set by
            // hand. Changing a measure it has keeps the owner's choice.
            match (&goal.measure, &draft.measure) {
                (None, Some(_)) => goal.progress_from = ProgressFrom::Measure,
                (_, None) => goal.progress_from = ProgressFrom::Hand,
                (Some(_), Some(_)) => {}
            }
            goal.title = checked;
            goal.relationship = draft.relationship.clone();
            goal.measure = draft.measure.clone();
            goal.due = draft.due;
            goal.relevance = draft.relevance.clone();
        }
        GoalCommand::SetProgress { percent, .. } => {
            let progress = Progress::new(*percent)?;
            match goal.progress_source() {
                ProgressSource::Milestones => return Err(refusal!(Rule::ProgressFromMilestones, "This goal's progress comes from its milestones; mark a milestone done instead.")),
                ProgressSource::Measure => return Err(refusal!(Rule::ProgressFromMeasure, "This goal's progress comes from its measure; update the measure's current value instead.")),
                ProgressSource::ByHand => goal.manual_progress = progress,
            }
        }
        GoalCommand::SetMeasureCurrent { current, .. } => {
            let current = Amount::parse(current)?;
            let measure = goal.measure.as_mut().ok_or_else(|| {
                refusal!(
                    Rule::UnknownRecord,
                    "This goal no longer has a measure; reload to see it."
                )
            })?;
            measure.current = current;
        }
        GoalCommand::SetProgressFrom { from, .. } => {
            if *from == ProgressFrom::Measure {
                let measure = goal.measure.as_ref().ok_or_else(|| {
                    refusal!(
                        Rule::UnknownRecord,
                        "This goal no longer has a measure; reload to see it."
                    )
                })?;
                if measure.progress().is_none() {
                    return Err(refusal!(
                        Rule::MeasureTargetIsBaseline,
                        "The target is the same as the starting value ({}); set the target \
                         you are aiming for, above or below where you start.",
                        measure.baseline
                    )
                    .with_args([measure.baseline]));
                }
            }
            goal.progress_from = *from;
        }
        GoalCommand::AddMilestone { title, .. } => {
            let title = Title::parse(title)?;
            if goal.milestones.len() >= MILESTONES_MAX {
                return Err(milestone_limit());
            }
            goal.milestones.push(Milestone {
                id: new_id("ms"),
                title,
                done_on: None,
            });
        }
        GoalCommand::CompleteMilestone { milestone, on, .. } => {
            milestone_mut(&mut goal, milestone)?.done_on = Some(*on);
        }
        GoalCommand::ReopenMilestone { milestone, .. } => {
            milestone_mut(&mut goal, milestone)?.done_on = None;
        }
        GoalCommand::SetStatus { status, .. } => goal.status = *status,
    }
    let stored = owned_goal(goals, &goal.id, actor)?;
    goal.updated_at = now.max(goal.updated_at);
    // A new source always starts a new line, even at the same value: what follows is counted
    // another way, so it is not a change from what came before.
    let new_source = goal.progress_source() != stored.progress_source();
    if new_source || goal.progress() != stored.progress() {
        record_progress(&mut goal, new_source);
    }
    Ok(goal)
}

/// A goal is set in a relationship that is not over ([`crate::relationship::check_still_open`]):
/// `linked` is the relationship it names, `before` the one it named as stored. One already
/// in a relationship that ended stays there, and stays its owner's to work on.
pub fn check_goal_link(
    linked: Option<&RecordId>,
    before: Option<&RecordId>,
    context: GoalContext<'_>,
) -> Result<(), Refusal> {
    let Some(linked) = linked.filter(|id| Some(*id) != before) else {
        return Ok(());
    };
    match context.relationships.iter().find(|r| &r.id == linked) {
        Some(relationship) => crate::relationship::check_still_open(relationship),
        None => Ok(()),
    }
}

fn create(
    draft: &GoalDraft,
    context: GoalContext<'_>,
    actor: &RecordId,
    now: Millis,
    new_id: &mut dyn FnMut(&str) -> RecordId,
) -> Result<Goal, Refusal> {
    let title = check_draft(draft, context, actor, None)?;
    check_goal_link(draft.relationship.as_ref(), None, context)?;
    check_due_window(None, draft.due, lenient_today(now), latest_today(now))?;
    check_measure_set(None, draft.measure.as_ref())?;
    let milestone_titles = draft
        .milestones
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| Title::parse(t))
        .collect::<Result<Vec<_>, _>>()?;
    if milestone_titles.len() > MILESTONES_MAX {
        return Err(milestone_limit());
    }
    let mut goal = Goal {
        id: new_id("goal"),
        owner: actor.clone(),
        relationship: draft.relationship.clone(),
        title,
        measure: draft.measure.clone(),
        due: draft.due,
        relevance: draft.relevance.clone(),
        milestones: milestone_titles
            .into_iter()
            .map(|title| Milestone {
                id: new_id("ms"),
                title,
                done_on: None,
            })
            .collect(),
        manual_progress: Progress::default(),
        // Milestones, when there are any, win over it until they are gone.
        progress_from: if draft.measure.is_some() {
            ProgressFrom::Measure
        } else {
            ProgressFrom::Hand
        },
        status: GoalStatus::OnTrack,
        history: Vec::new(),
        created_at: now,
        updated_at: now,
    };
    record_progress(&mut goal, false);
    Ok(goal)
}

/// How far ahead a due date may be set: ten years (a goal's date further off is a slip of
/// the date picker, as 9999-12-31 would be).
pub const DUE_MAX_DAYS_AHEAD: i32 = 3_653;

/// A due date set now, on a new goal or changed on one, has not passed on `today`, the
/// person's own date: a goal kept past its date is fine, but setting one that is already late
/// is a slip of the date picker. Nor is it more than [`DUE_MAX_DAYS_AHEAD`] days ahead.
pub fn check_due_set(
    before: Option<Date>,
    after: Option<Date>,
    today: Date,
) -> Result<(), Refusal> {
    check_due_window(before, after, today, today)
}

/// [`check_due_set`] with the day the date may not be before and the day it may not be ten
/// years after apart: `decide` and the host, knowing the instant and not the person's zone,
/// are lenient on both sides.
pub(crate) fn check_due_window(
    before: Option<Date>,
    after: Option<Date>,
    earliest: Date,
    today_at_latest: Date,
) -> Result<(), Refusal> {
    let latest = today_at_latest.add_days(DUE_MAX_DAYS_AHEAD);
    match after {
        Some(due) if after != before && due < earliest => Err(refusal!(
            Rule::GoalDuePassed,
            "That due date has already passed; pick today or a later date."
        )),
        Some(due) if after != before && due > latest => Err(refusal!(
            Rule::GoalDueTooFar,
            "That due date is more than ten years ahead; pick a date up to {latest}."
        )
        .with_args([latest.to_string()])),
        _ => Ok(()),
    }
}

/// The earliest date anyone can be on at `now`: `decide` knows the instant, not the person's
/// zone, so a person west of UTC may still be on the day before. Screens check the person's
/// own date first (`check_due_set`, `check_goal_draft`).
fn lenient_today(now: Millis) -> Date {
    now.utc_date().add_days(-1)
}

/// The latest date anyone can be on at `now`, for the same reason.
pub(crate) fn latest_today(now: Millis) -> Date {
    now.utc_date().add_days(1)
}

/// The SMART rules of a draft; returns the parsed title. `before` is the relationship the
/// goal is set in as stored: who may set a goal in a relationship is asked only of a link
/// newly made, so a goal stays its owner's to work on after they are taken off the pair
/// (or the device no longer holds it).
fn check_draft(
    draft: &GoalDraft,
    context: GoalContext<'_>,
    actor: &RecordId,
    before: Option<&RecordId>,
) -> Result<Title, Refusal> {
    let title = Title::parse(&draft.title)?;
    text_within("aspiration", &draft.relevance.aspiration, NOTE_MAX_CHARS)?;
    if let Some(measure) = &draft.measure {
        text_within("measure", &measure.what, NOTE_MAX_CHARS)?;
        required(
            "what the measure counts",
            &measure.what,
            Rule::MeasureRequired,
            ", e.g. \"deals closed per quarter\"",
        )?;
    }
    let Some(relationship_id) = &draft.relationship else {
        return Ok(title);
    };
    let kept = before == Some(relationship_id);
    let Some(relationship) = (context.relationships.iter()).find(|r| &r.id == relationship_id)
    else {
        if kept {
            return Ok(title);
        }
        return Err(refusal!(
            Rule::UnknownRecord,
            "That relationship is not on this device; sync and try again."
        ));
    };
    if !kept && !relationship.is_party(actor) {
        return Err(refusal!(
            Rule::NotPermitted,
            "Only the two people in a relationship can set goals in it."
        ));
    }
    if relationship.kind == RelationshipKind::Coaching {
        let programme = context
            .programmes
            .iter()
            .find(|p| p.id == relationship.programme);
        let aligned = draft
            .relevance
            .objective
            .as_ref()
            .is_some_and(|o| programme.is_some_and(|p| p.objective(o).is_some()));
        if !aligned || draft.relevance.aspiration.trim().is_empty() {
            return Err(refusal!(
                Rule::CoachingGoalAlignment,
                "A coaching goal serves both the organisation and you: align it to one of the \
                 programme's organisational objectives and state your own aspiration."
            ));
        }
    }
    Ok(title)
}

fn owned_goal<'a>(goals: &'a [Goal], id: &RecordId, actor: &RecordId) -> Result<&'a Goal, Refusal> {
    let goal = goals.iter().find(|g| &g.id == id).ok_or_else(|| {
        refusal!(
            Rule::UnknownRecord,
            "That goal is no longer on this device. Reload the page to see your goals."
        )
    })?;
    if &goal.owner != actor {
        return Err(refusal!(
            Rule::NotPermitted,
            "Only the goal's owner can change it."
        ));
    }
    Ok(goal)
}

fn milestone_mut<'a>(goal: &'a mut Goal, id: &RecordId) -> Result<&'a mut Milestone, Refusal> {
    goal.milestones
        .iter_mut()
        .find(|m| &m.id == id)
        .ok_or_else(|| {
            refusal!(
                Rule::UnknownRecord,
                "That milestone is no longer on this goal; reload to see it."
            )
        })
}

fn milestone_limit() -> Refusal {
    refusal!(
        Rule::MilestoneLimit,
        "A goal has at most {MILESTONES_MAX} milestones; split a larger plan into several goals."
    )
    .with_args([MILESTONES_MAX])
}

/// Changes this close together are one change in the history: stepping a slider by keyboard
/// saves at every step, and the chart should show where it settled, not each step.
const PROGRESS_BURST_MS: i64 = 60_000;

fn record_progress(goal: &mut Goal, new_source: bool) {
    let point = ProgressPoint {
        at: goal.updated_at,
        progress: goal.progress(),
        new_source,
    };
    // The first point (where the goal started) and where a source started are never folded
    // into a later one. A burst that settles back where it started leaves no point: nothing
    // changed, and a chart saying "0% to 0% (1 change)" would say otherwise.
    if let [.., before, last] = goal.history.as_mut_slice() {
        if !new_source && !last.new_source && point.at.0 - last.at.0 < PROGRESS_BURST_MS {
            if before.progress == point.progress {
                goal.history.pop();
            } else {
                *last = point;
            }
            return;
        }
    }
    goal.history.push(point);
    if goal.history.len() > HISTORY_MAX {
        goal.history.remove(0);
    }
}

/// Puts `goal` into `goals`, replacing the record with the same id, in display order
/// (oldest first, ties broken by id so every device lists the same way).
pub fn apply(goals: &mut Vec<Goal>, goal: Goal) {
    goals.retain(|g| g.id != goal.id);
    let at = goals.partition_point(|g| (g.created_at, &g.id) < (goal.created_at, &goal.id));
    goals.insert(at, goal);
}

/// The part of a goal draft a refusal is about, so a form can mark the field to fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DraftPart {
    /// Specific: the title.
    Title,
    /// The relationship the goal belongs to.
    Relationship,
    /// Measurable: what the measure counts (its name missing or too long).
    MeasureWhat,
    /// Measurable: the target, where it is refused (at the baseline): the value the person
    /// aims for is the one to change, so the form marks and focuses that field, not the first.
    MeasureTarget,
    /// Achievable: the milestones.
    Milestones,
    /// Relevant: the organisational objective and the individual aspiration.
    Relevance,
    /// Time-bound: the due date.
    Due,
}

/// Checks a draft as [`decide`] would for `GoalCommand::Create` (or `Edit` of `before`, the
/// goal as stored), and says which part of it a refusal is about. Nothing is minted or changed.
pub fn check_goal_draft(
    draft: &GoalDraft,
    context: GoalContext<'_>,
    actor: &RecordId,
    before: Option<&Goal>,
    today: Date,
) -> Result<(), (DraftPart, Refusal)> {
    Title::parse(&draft.title).map_err(|r| (DraftPart::Title, r))?;
    check_due_set(before.and_then(|g| g.due), draft.due, today).map_err(|r| (DraftPart::Due, r))?;
    check_measure_set(
        before.and_then(|g| g.measure.as_ref()),
        draft.measure.as_ref(),
    )
    .map_err(|r| (DraftPart::MeasureTarget, r))?;
    if let Some(measure) = &draft.measure {
        let only_measure = GoalDraft {
            title: draft.title.clone(),
            measure: Some(measure.clone()),
            ..GoalDraft::default()
        };
        check_draft(&only_measure, context, actor, None)
            .map_err(|r| (DraftPart::MeasureWhat, r))?;
    }
    let linked_before = before.and_then(|g| g.relationship.as_ref());
    check_draft(draft, context, actor, linked_before).map_err(|r| {
        let part = match r.rule {
            Rule::UnknownRecord | Rule::NotPermitted => DraftPart::Relationship,
            _ => DraftPart::Relevance,
        };
        (part, r)
    })?;
    let mut titles = 0;
    for title in draft.milestones.iter().filter(|t| !t.trim().is_empty()) {
        Title::parse(title).map_err(|r| (DraftPart::Milestones, r))?;
        titles += 1;
    }
    if titles > MILESTONES_MAX {
        return Err((DraftPart::Milestones, milestone_limit()));
    }
    Ok(())
}

/// Checks a whole goal record (as stored, or as a device sent it) against the rules a command
/// keeps when it makes one: the SMART rules of its draft, for its owner, and the milestone
/// limit. Its title and progress are valid by type. `before` is the goal as stored, if any.
pub fn check_goal(
    goal: &Goal,
    before: Option<&Goal>,
    context: GoalContext<'_>,
) -> Result<(), Refusal> {
    let linked_before = before.and_then(|g| g.relationship.as_ref());
    check_draft(&GoalDraft::of(goal), context, &goal.owner, linked_before)?;
    if goal.milestones.len() > MILESTONES_MAX {
        return Err(milestone_limit());
    }
    Ok(())
}

/// Whether a goal in `relationship` must name one of the programme's organisational
/// objectives and the person's own aspiration (coaching serves both).
pub fn alignment_required(relationship: &Relationship) -> bool {
    relationship.kind == RelationshipKind::Coaching
}

/// The organisational objectives a goal in `relationship` can align to: its programme's.
pub fn objectives_for<'a>(
    context: GoalContext<'a>,
    relationship: &Relationship,
) -> &'a [crate::Objective] {
    context
        .programmes
        .iter()
        .find(|p| p.id == relationship.programme)
        .map_or(&[], |p| p.objectives.as_slice())
}

impl Goal {
    /// Whether progress comes from the milestones (so it cannot be set by hand).
    pub fn milestones_drive_progress(&self) -> bool {
        self.progress_source() == ProgressSource::Milestones
    }
}

/// The goals set in `relationship` that `viewer` may see (both parties follow them), in
/// display order.
pub fn goals_in<'a>(
    goals: &'a [Goal],
    relationship: &Relationship,
    viewer: &RecordId,
) -> Vec<&'a Goal> {
    let viewer = crate::permissions::Viewer {
        person: viewer,
        admin_of: &[],
    };
    goals
        .iter()
        .filter(|g| g.relationship.as_ref() == Some(&relationship.id))
        .filter(|g| {
            crate::permissions::may_see(
                viewer,
                crate::permissions::Record::Goal(g, Some(relationship)),
            )
        })
        .collect()
}

/// A person's own goals as their list shows them, each part in display order: the goals
/// still being worked on, and those achieved or dropped (kept, but out of the way).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnGoals {
    pub open: Vec<RecordId>,
    pub closed: Vec<RecordId>,
}

/// The goals `owner` owns, open ones apart from those achieved or dropped. Goals a partner
/// shares appear on their relationship, not here.
pub fn own_goals(goals: &[Goal], owner: &RecordId) -> OwnGoals {
    let (open, closed): (Vec<&Goal>, Vec<&Goal>) = goals
        .iter()
        .filter(|g| &g.owner == owner)
        .partition(|g| g.is_open());
    let ids = |list: Vec<&Goal>| list.into_iter().map(|g| g.id.clone()).collect();
    OwnGoals {
        open: ids(open),
        closed: ids(closed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lifecycle, Objective, ProgrammeKind};

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    /// Mints ids unique per time `at`, as a device would.
    fn minter(at: i64) -> impl FnMut(&str) -> RecordId {
        let mut n = 0;
        move |prefix| {
            n += 1;
            id(&format!("{prefix}{at}-{n}"))
        }
    }

    fn run(
        goals: &mut Vec<Goal>,
        actor: &str,
        command: GoalCommand,
        at: i64,
    ) -> Result<Goal, Refusal> {
        run_in(goals, GoalContext::default(), actor, command, at)
    }

    fn run_in(
        goals: &mut Vec<Goal>,
        context: GoalContext<'_>,
        actor: &str,
        command: GoalCommand,
        at: i64,
    ) -> Result<Goal, Refusal> {
        let goal = decide(&command, goals, context, &id(actor), Millis(at), minter(at))?;
        apply(goals, goal.clone());
        Ok(goal)
    }

    #[test]
    fn an_edit_over_a_part_changed_otherwise_since_the_editor_opened_is_found() {
        let mut goals = Vec::new();
        let measure = |target| Measure {
            what: "Sales calls".into(),
            baseline: Amount(0),
            target: Amount(target),
            current: Amount(0),
        };
        let created = run(
            &mut goals,
            "amira",
            GoalCommand::Create {
                draft: GoalDraft {
                    title: "Call more clients".into(),
                    measure: Some(measure(2_000)),
                    ..GoalDraft::default()
                },
            },
            1,
        )
        .unwrap();
        let opened = GoalDraft::of(&created);
        let retitled = GoalDraft {
            title: "Call every client".into(),
            ..opened.clone()
        };
        // Nothing changed elsewhere: nothing to ask.
        assert_eq!(changed_meanwhile(&opened, &retitled, &created), None);
        // Another tab changed the title: this editor's title would replace it unseen.
        let mut elsewhere = created.clone();
        elsewhere.title = Title::parse("Call clients weekly").unwrap();
        assert_eq!(
            changed_meanwhile(&opened, &retitled, &elsewhere),
            Some(DraftPart::Title)
        );
        // Both made the same change: nothing is replaced.
        elsewhere.title = Title::parse("Call every client").unwrap();
        assert_eq!(changed_meanwhile(&opened, &retitled, &elsewhere), None);
        // A part this editor left alone may change elsewhere: it keeps that change.
        let mut target_elsewhere = created.clone();
        target_elsewhere.measure = Some(measure(3_000));
        assert_eq!(
            changed_meanwhile(&opened, &retitled, &target_elsewhere),
            None
        );
        // Both changed the target, differently.
        let retargeted = GoalDraft {
            measure: Some(measure(2_500)),
            ..opened.clone()
        };
        assert_eq!(
            changed_meanwhile(&opened, &retargeted, &target_elsewhere),
            Some(DraftPart::MeasureTarget)
        );
        // The measure removed here, its target changed there.
        let unmeasured = GoalDraft {
            measure: None,
            ..opened.clone()
        };
        assert_eq!(
            changed_meanwhile(&opened, &unmeasured, &target_elsewhere),
            Some(DraftPart::MeasureWhat)
        );
        // The due date and the aspiration, each against a change of its own elsewhere.
        let dated = GoalDraft {
            due: Some(Date::from_ymd(2027, 3, 1).unwrap()),
            relevance: Relevance {
                objective: None,
                aspiration: "Grow".into(),
            },
            ..opened.clone()
        };
        let mut dated_elsewhere = created.clone();
        dated_elsewhere.due = Some(Date::from_ymd(2027, 2, 1).unwrap());
        assert_eq!(
            changed_meanwhile(&opened, &dated, &dated_elsewhere),
            Some(DraftPart::Due)
        );
        dated_elsewhere.due = None;
        dated_elsewhere.relevance.aspiration = "Grow the Gulf accounts".into();
        assert_eq!(
            changed_meanwhile(&opened, &dated, &dated_elsewhere),
            Some(DraftPart::Relevance)
        );
    }

    #[test]
    fn an_edit_saves_only_what_its_editor_changed_on_top_of_the_goal_as_it_stands_now() {
        let mut goals = Vec::new();
        let measure = |current| Measure {
            what: "Sales calls".into(),
            baseline: Amount(0),
            target: Amount(2_000),
            current: Amount(current),
        };
        let created = run(
            &mut goals,
            "amira",
            GoalCommand::Create {
                draft: GoalDraft {
                    title: "Call more clients".into(),
                    measure: Some(measure(500)),
                    relevance: Relevance {
                        objective: None,
                        aspiration: "Grow".into(),
                    },
                    ..GoalDraft::default()
                },
            },
            1,
        )
        .unwrap();
        // The editor opens; meanwhile a sync brings the measure's current amount and the
        // aspiration from her phone.
        let opened = GoalDraft::of(&created);
        let mut synced = created.clone();
        synced.measure = Some(measure(1_200));
        synced.relevance.aspiration = "Grow the Gulf accounts".into();
        goals = vec![synced];
        // She changes only the title here and saves.
        let edited = GoalDraft {
            title: "Call more clients each week".into(),
            ..opened.clone()
        };
        let edit = |opened: &GoalDraft, draft: GoalDraft| GoalCommand::Edit {
            goal: created.id.clone(),
            opened: opened.clone(),
            draft,
        };
        let saved = run(&mut goals, "amira", edit(&opened, edited), 2).unwrap();
        assert_eq!(saved.title.as_str(), "Call more clients each week");
        assert_eq!(
            saved.measure,
            Some(measure(1_200)),
            "the phone's amount stays"
        );
        assert_eq!(saved.relevance.aspiration, "Grow the Gulf accounts");
        // A field changed both here and there: this save is the later change, and wins.
        let opened = GoalDraft::of(&saved);
        let mut synced = saved.clone();
        synced.title = Title::parse("Call clients").unwrap();
        goals = vec![synced];
        let edited = GoalDraft {
            title: "Call every client".into(),
            ..opened.clone()
        };
        let saved = run(&mut goals, "amira", edit(&opened, edited), 3).unwrap();
        assert_eq!(saved.title.as_str(), "Call every client");
        // The editor removing the measure removes it, whatever its amounts became meanwhile.
        let opened = GoalDraft::of(&saved);
        let mut synced = saved.clone();
        synced.measure = Some(measure(1_500));
        goals = vec![synced];
        let edited = GoalDraft {
            measure: None,
            ..opened.clone()
        };
        let saved = run(&mut goals, "amira", edit(&opened, edited), 4).unwrap();
        assert_eq!(saved.measure, None);
    }

    fn add(goals: &mut Vec<Goal>, actor: &str, title: &str, at: i64) -> Result<Goal, Refusal> {
        run(
            goals,
            actor,
            GoalCommand::Add {
                title: title.into(),
            },
            at,
        )
    }

    #[test]
    fn titles_are_trimmed_and_must_not_be_blank() {
        assert_eq!(
            Title::parse("  Lead a meeting ").unwrap().as_str(),
            "Lead a meeting"
        );
        assert_eq!(Title::parse("").unwrap_err().rule, Rule::TitleRequired);
        assert_eq!(Title::parse(" \t\n").unwrap_err().rule, Rule::TitleRequired);
        assert!(Title::parse("")
            .unwrap_err()
            .message
            .starts_with("Give the goal a title"));
    }

    #[test]
    fn title_length_counts_characters_not_bytes() {
        let arabic = "ق".repeat(TITLE_MAX_CHARS);
        assert!(
            arabic.len() > TITLE_MAX_CHARS,
            "each Arabic letter is two bytes"
        );
        assert!(Title::parse(&arabic).is_ok());
        let refusal = Title::parse(&"x".repeat(TITLE_MAX_CHARS + 1)).unwrap_err();
        assert_eq!(refusal.rule, Rule::TitleTooLong);
        assert_eq!(
            refusal.message,
            "Shorten the title to 120 characters or fewer (it has 121)."
        );
    }

    #[test]
    fn progress_stays_within_0_to_100() {
        assert_eq!(Progress::new(0).unwrap().percent(), 0);
        assert_eq!(Progress::new(100).unwrap().percent(), 100);
        for bad in [-1, 101, 256, i64::MAX, i64::MIN] {
            let refusal = Progress::new(bad).unwrap_err();
            assert_eq!(refusal.rule, Rule::ProgressRange);
            assert!(refusal.message.contains(&bad.to_string()));
        }
    }

    #[test]
    fn adding_creates_a_goal_at_zero_owned_by_the_actor() {
        let mut goals = Vec::new();
        let goal = add(&mut goals, "amira", " Present to the board ", 10).unwrap();
        assert_eq!(goal.owner, id("amira"));
        assert_eq!(goal.title.as_str(), "Present to the board");
        assert_eq!(goal.progress().percent(), 0);
        assert_eq!(goal.history.len(), 1);
        assert_eq!(goals, vec![goal]);
    }

    #[test]
    fn an_invalid_command_changes_nothing_and_mints_no_id() {
        let mut goals = Vec::new();
        add(&mut goals, "amira", "First", 1).unwrap();
        let before = goals.clone();
        for command in [
            GoalCommand::Add { title: "  ".into() },
            GoalCommand::Create {
                draft: GoalDraft {
                    title: "Fine".into(),
                    milestones: vec!["x".repeat(121)],
                    ..GoalDraft::default()
                },
            },
        ] {
            let result = decide(
                &command,
                &goals,
                GoalContext::default(),
                &id("amira"),
                Millis(2),
                |_| panic!("no id is minted for a refused command"),
            );
            assert!(result.is_err());
            assert_eq!(goals, before);
        }
    }

    #[test]
    fn setting_progress_keeps_the_rest_of_the_goal_and_records_history() {
        let mut goals = Vec::new();
        let goal = add(&mut goals, "amira", "Learn negotiation", 5).unwrap();
        let set = GoalCommand::SetProgress {
            goal: goal.id.clone(),
            percent: 60,
        };
        let updated = run(&mut goals, "amira", set, 9).unwrap();
        assert_eq!(updated.progress().percent(), 60);
        assert_eq!(updated.updated_at, Millis(9));
        assert_eq!(
            (&updated.id, &updated.title, updated.created_at),
            (&goal.id, &goal.title, goal.created_at)
        );
        let history: Vec<_> = updated
            .history
            .iter()
            .map(|p| (p.at.0, p.progress.percent()))
            .collect();
        assert_eq!(history, [(5, 0), (9, 60)]);
    }

    #[test]
    fn progress_changed_in_a_burst_is_one_point_of_history_where_it_settled() {
        let mut goals = Vec::new();
        let goal = add(&mut goals, "amira", "Learn negotiation", 5).unwrap();
        let mut set = |percent: i64, at: i64| {
            let command = GoalCommand::SetProgress {
                goal: goal.id.clone(),
                percent,
            };
            run(&mut goals, "amira", command, at).unwrap()
        };
        set(10, 1_000);
        set(15, 2_000);
        set(20, 3_000);
        let later = set(30, 90_000);
        let history: Vec<_> = (later.history.iter())
            .map(|p| (p.at.0, p.progress.percent()))
            .collect();
        assert_eq!(
            history,
            [(5, 0), (3_000, 20), (90_000, 30)],
            "the start kept; 10, 15, 20 within a minute of each other as one point"
        );
        // A burst that settles back where it was before it is no change at all, down to the
        // start.
        let back = set(20, 100_000);
        assert_eq!(back.history, later.history[..2]);
        let fresh = add(&mut goals, "amira", "Speak up", 200_000).unwrap();
        let mut slide = |percent: i64, at: i64| {
            let command = GoalCommand::SetProgress {
                goal: fresh.id.clone(),
                percent,
            };
            run(&mut goals, "amira", command, at).unwrap()
        };
        slide(5, 201_000);
        assert_eq!(slide(0, 202_000).history, fresh.history);
    }

    #[test]
    fn a_clock_running_backwards_never_moves_updated_at_back() {
        let mut goals = Vec::new();
        let goal = add(&mut goals, "amira", "Goal", 100).unwrap();
        let updated = run(
            &mut goals,
            "amira",
            GoalCommand::SetProgress {
                goal: goal.id,
                percent: 5,
            },
            50,
        )
        .unwrap();
        assert_eq!(updated.updated_at, Millis(100));
    }

    #[test]
    fn changes_are_refused_for_unknown_goals_others_goals_and_bad_values() {
        let mut goals = Vec::new();
        let goal = add(&mut goals, "amira", "Goal", 1).unwrap();
        let mut set = |actor: &str, goal: &RecordId, percent| {
            run(
                &mut goals,
                actor,
                GoalCommand::SetProgress {
                    goal: goal.clone(),
                    percent,
                },
                2,
            )
            .map_err(|r| r.rule)
        };
        assert_eq!(set("amira", &id("missing"), 10), Err(Rule::UnknownRecord));
        assert_eq!(set("james", &goal.id, 10), Err(Rule::NotPermitted));
        assert_eq!(set("amira", &goal.id, 101), Err(Rule::ProgressRange));
    }

    fn three_milestone_goal(goals: &mut Vec<Goal>) -> Goal {
        let draft = GoalDraft {
            title: "Present to the board".into(),
            due: Some(Date(400)),
            measure: Some(Measure {
                what: "board presentations given".into(),
                baseline: Amount(0),
                target: Amount(200),
                current: Amount(0),
            }),
            milestones: vec![
                "Draft the deck".into(),
                "Rehearse with James".into(),
                "Present".into(),
            ],
            ..GoalDraft::default()
        };
        run(goals, "amira", GoalCommand::Create { draft }, 1).unwrap()
    }

    #[test]
    fn progress_comes_from_milestones_when_there_are_any() {
        let mut goals = Vec::new();
        let goal = three_milestone_goal(&mut goals);
        assert_eq!(goal.milestones.len(), 3);
        let first = goal.milestones[0].id.clone();
        let done = GoalCommand::CompleteMilestone {
            goal: goal.id.clone(),
            milestone: first.clone(),
            on: Date(10),
        };
        assert_eq!(
            run(&mut goals, "amira", done, 2)
                .unwrap()
                .progress()
                .percent(),
            33
        );
        let by_hand = GoalCommand::SetProgress {
            goal: goal.id.clone(),
            percent: 90,
        };
        assert_eq!(
            run(&mut goals, "amira", by_hand, 3).unwrap_err().rule,
            Rule::ProgressFromMilestones
        );
        let reopen = GoalCommand::ReopenMilestone {
            goal: goal.id.clone(),
            milestone: first,
        };
        assert_eq!(
            run(&mut goals, "amira", reopen, 4)
                .unwrap()
                .progress()
                .percent(),
            0
        );
        let unknown = GoalCommand::CompleteMilestone {
            goal: goal.id,
            milestone: id("nope"),
            on: Date(1),
        };
        assert_eq!(
            run(&mut goals, "amira", unknown, 5).unwrap_err().rule,
            Rule::UnknownRecord
        );
    }

    #[test]
    fn milestones_are_capped() {
        let mut goals = Vec::new();
        let goal = add(&mut goals, "amira", "Big plan", 1).unwrap();
        for n in 0..MILESTONES_MAX {
            run(
                &mut goals,
                "amira",
                GoalCommand::AddMilestone {
                    goal: goal.id.clone(),
                    title: format!("Step {n}"),
                },
                2,
            )
            .unwrap();
        }
        let refusal = run(
            &mut goals,
            "amira",
            GoalCommand::AddMilestone {
                goal: goal.id,
                title: "One more".into(),
            },
            3,
        )
        .unwrap_err();
        assert_eq!(refusal.rule, Rule::MilestoneLimit);
        assert!(refusal.message.contains("split"));
    }

    #[test]
    fn a_due_date_set_now_has_not_passed_but_a_goal_may_stay_past_its_own() {
        let day = |n: i32| Some(Date(n));
        // `run` acts at millisecond `at`, on 1 January 1970: Date(0).
        let mut goals = Vec::new();
        let draft = |due| GoalDraft {
            title: "Run the pilot".into(),
            due,
            ..GoalDraft::default()
        };
        let late = run(
            &mut goals,
            "amira",
            GoalCommand::Create {
                draft: draft(day(-2)),
            },
            1,
        );
        assert_eq!(late.unwrap_err().rule, Rule::GoalDuePassed);
        assert!(goals.is_empty(), "nothing saved");
        // A day's grace: west of UTC it may still be yesterday.
        let goal = run(
            &mut goals,
            "amira",
            GoalCommand::Create {
                draft: draft(day(-1)),
            },
            1,
        )
        .unwrap();
        // Days later, editing the goal without touching its date is fine...
        let later = 86_400_000 * 10;
        let renamed = GoalDraft {
            title: "Run the pilot in Dubai".into(),
            ..draft(day(-1))
        };
        let edit = |draft| GoalCommand::Edit {
            goal: goal.id.clone(),
            opened: GoalDraft::of(&goal),
            draft,
        };
        assert!(run(&mut goals, "amira", edit(renamed), later).is_ok());
        // ...but moving it to another day that has passed is not.
        let moved = run(&mut goals, "amira", edit(draft(day(5))), later);
        assert_eq!(moved.unwrap_err().rule, Rule::GoalDuePassed);
        assert!(run(&mut goals, "amira", edit(draft(day(12))), later).is_ok());
        assert_eq!(
            check_goal_draft(
                &draft(day(5)),
                GoalContext::default(),
                &id("amira"),
                Some(&goal),
                Date(10)
            )
            .map_err(|(part, refusal)| (part, refusal.rule)),
            Err((DraftPart::Due, Rule::GoalDuePassed))
        );
        assert!(check_goal_draft(
            &draft(day(-1)),
            GoalContext::default(),
            &id("amira"),
            Some(&goal),
            Date(10)
        )
        .is_ok());
        // With the person's own date, no grace: yesterday has passed.
        assert_eq!(
            check_due_set(None, day(9), Date(10)).unwrap_err().rule,
            Rule::GoalDuePassed
        );
        assert!(check_due_set(None, day(10), Date(10)).is_ok());
    }

    #[test]
    fn a_due_date_set_now_is_at_most_ten_years_ahead() {
        let day = |n: i32| Some(Date(n));
        let mut goals = Vec::new();
        let draft = |due| GoalDraft {
            title: "Run the pilot".into(),
            due,
            ..GoalDraft::default()
        };
        let create = |due| GoalCommand::Create { draft: draft(due) };
        // 9999-12-31, as a date picker lets anyone type.
        let refused = run(&mut goals, "amira", create(Some(Date(2_932_896))), 1);
        assert_eq!(refused.unwrap_err().rule, Rule::GoalDueTooFar);
        assert!(goals.is_empty(), "nothing saved");
        // A day's grace the other way: east of UTC it may already be tomorrow.
        let goal = run(&mut goals, "amira", create(day(DUE_MAX_DAYS_AHEAD + 1)), 1).unwrap();
        let refusal = check_due_set(None, day(10 + DUE_MAX_DAYS_AHEAD + 1), Date(10)).unwrap_err();
        assert_eq!(refusal.rule, Rule::GoalDueTooFar);
        assert_eq!(refusal.args, [Date(10 + DUE_MAX_DAYS_AHEAD).to_string()]);
        assert!(check_due_set(None, day(10 + DUE_MAX_DAYS_AHEAD), Date(10)).is_ok());
        // One stored further off keeps its date through an edit that leaves it alone.
        let mut far = goal.clone();
        far.due = Some(Date(2_932_896));
        goals = vec![far.clone()];
        let renamed = GoalDraft {
            title: "Run the pilot in Dubai".into(),
            ..GoalDraft::of(&far)
        };
        let edit = GoalCommand::Edit {
            goal: far.id.clone(),
            opened: GoalDraft::of(&far),
            draft: renamed,
        };
        assert!(run(&mut goals, "amira", edit, 1).is_ok());
        assert_eq!(
            check_goal_draft(
                &draft(Some(Date(2_932_896))),
                GoalContext::default(),
                &id("amira"),
                None,
                Date(10)
            )
            .map_err(|(part, refusal)| (part, refusal.rule)),
            Err((DraftPart::Due, Rule::GoalDueTooFar))
        );
    }

    #[test]
    fn overdue_means_past_due_and_still_open() {
        let mut goals = Vec::new();
        let goal = three_milestone_goal(&mut goals);
        assert!(!goal.is_overdue(Date(400)));
        assert!(goal.is_overdue(Date(401)));
        let achieved = run(
            &mut goals,
            "amira",
            GoalCommand::SetStatus {
                goal: goal.id,
                status: GoalStatus::Achieved,
            },
            2,
        )
        .unwrap();
        assert!(!achieved.is_overdue(Date(401)));
        let mut reached = goal_with_progress(100);
        reached.due = Some(Date(400));
        assert!(reached.is_open() && reached.is_reached());
        assert!(!reached.is_overdue(Date(401)));
        let mut nearly = goal_with_progress(99);
        nearly.due = Some(Date(400));
        assert!(nearly.is_overdue(Date(401)));
    }

    fn goal_with_progress(percent: i64) -> Goal {
        let mut goals = Vec::new();
        let goal = run(
            &mut goals,
            "amira",
            GoalCommand::Add {
                title: "Run a workshop".into(),
            },
            1,
        )
        .unwrap();
        run(
            &mut goals,
            "amira",
            GoalCommand::SetProgress {
                goal: goal.id,
                percent,
            },
            2,
        )
        .unwrap()
    }

    fn coaching() -> (Vec<Relationship>, Vec<Programme>) {
        let mut programme = Programme::new(
            id("prog"),
            ProgrammeKind::Coaching,
            "Sales coaching",
            Date(0),
        );
        programme.objectives.push(Objective {
            id: id("obj-growth"),
            text: "Grow Gulf revenue".into(),
        });
        let relationship = Relationship {
            id: id("rel"),
            kind: RelationshipKind::Coaching,
            programme: id("prog"),
            mentor: id("sofia"),
            mentee: id("amira"),
            purpose: String::new(),
            ground_rules: String::new(),
            starts: Date(0),
            planned_end: Date(84),
            lifecycle: Lifecycle::Active,
            target_role: None,
            agreed: Default::default(),
        };
        (vec![relationship], vec![programme])
    }

    #[test]
    fn a_coaching_goal_needs_an_organisational_objective_and_an_individual_aspiration() {
        let (relationships, programmes) = coaching();
        let context = GoalContext {
            relationships: &relationships,
            programmes: &programmes,
        };
        let draft = |objective: Option<&str>, aspiration: &str| GoalDraft {
            title: "Close three new accounts".into(),
            relationship: Some(id("rel")),
            relevance: Relevance {
                objective: objective.map(id),
                aspiration: aspiration.into(),
            },
            ..GoalDraft::default()
        };
        let mut goals = Vec::new();
        for (objective, aspiration) in [
            (None, "Lead a team"),
            (Some("obj-growth"), " "),
            (Some("obj-unknown"), "Lead a team"),
        ] {
            let refusal = run_in(
                &mut goals,
                context,
                "amira",
                GoalCommand::Create {
                    draft: draft(objective, aspiration),
                },
                1,
            )
            .unwrap_err();
            assert_eq!(refusal.rule, Rule::CoachingGoalAlignment);
            assert!(
                refusal.message.contains("organisational objectives"),
                "{}",
                refusal.message
            );
        }
        let allowed = run_in(
            &mut goals,
            context,
            "amira",
            GoalCommand::Create {
                draft: draft(Some("obj-growth"), "Lead a team"),
            },
            1,
        );
        assert!(allowed.is_ok(), "{allowed:?}");
        let outsider = run_in(
            &mut goals,
            context,
            "james",
            GoalCommand::Create {
                draft: draft(Some("obj-growth"), "x"),
            },
            1,
        );
        assert_eq!(outsider.unwrap_err().rule, Rule::NotPermitted);
    }

    #[test]
    fn an_owner_taken_off_the_pair_still_changes_their_goal_set_in_it_and_sets_no_new_one() {
        let (mut relationships, programmes) = coaching();
        let mut goals = Vec::new();
        let draft = GoalDraft {
            title: "Close three new accounts".into(),
            relationship: Some(id("rel")),
            relevance: Relevance {
                objective: Some(id("obj-growth")),
                aspiration: "Lead a team".into(),
            },
            ..GoalDraft::default()
        };
        let context = GoalContext {
            relationships: &relationships,
            programmes: &programmes,
        };
        let create = GoalCommand::Create {
            draft: draft.clone(),
        };
        let goal = run_in(&mut goals, context, "amira", create.clone(), 1).unwrap();
        // Her admins put nadia in her place.
        relationships[0].mentee = id("nadia");
        let opened = GoalDraft::of(&goal);
        let edit = |title: &str| GoalCommand::Edit {
            goal: goal.id.clone(),
            opened: opened.clone(),
            draft: GoalDraft {
                title: title.into(),
                ..opened.clone()
            },
        };
        let context = GoalContext {
            relationships: &relationships,
            programmes: &programmes,
        };
        let edited = run_in(
            &mut goals,
            context,
            "amira",
            edit("Close four new accounts"),
            2,
        );
        assert_eq!(
            edited.map(|g| g.title.as_str().to_owned()).as_deref(),
            Ok("Close four new accounts")
        );
        // Her device let go of the relationship it may no longer read.
        let gone = GoalContext {
            relationships: &[],
            programmes: &programmes,
        };
        let edited = run_in(
            &mut goals,
            gone,
            "amira",
            edit("Close five new accounts"),
            3,
        );
        assert!(edited.is_ok(), "{edited:?}");
        // The coaching rules still hold for the goal in a pair her device holds.
        let unaligned = GoalCommand::Edit {
            goal: goal.id.clone(),
            opened: opened.clone(),
            draft: GoalDraft {
                relevance: Relevance::default(),
                ..opened.clone()
            },
        };
        let refused = run_in(&mut goals, context, "amira", unaligned, 4).unwrap_err();
        assert_eq!(refused.rule, Rule::CoachingGoalAlignment);
        // No new goal in the pair, nor one of hers moved into it.
        let refused = run_in(&mut goals, context, "amira", create, 5).unwrap_err();
        assert_eq!(refused.rule, Rule::NotPermitted);
        let personal = run(
            &mut goals,
            "amira",
            GoalCommand::Add {
                title: "Read".into(),
            },
            6,
        )
        .unwrap();
        let opened = GoalDraft::of(&personal);
        let moved = GoalCommand::Edit {
            goal: personal.id.clone(),
            opened: opened.clone(),
            draft: GoalDraft {
                relationship: Some(id("rel")),
                ..draft
            },
        };
        let refused = run_in(&mut goals, context, "amira", moved, 7).unwrap_err();
        assert_eq!(refused.rule, Rule::NotPermitted);
    }

    #[test]
    fn amounts_are_exact_decimals_with_up_to_two_places() {
        for (text, hundredths, shown) in [
            ("12", 1200, "12"),
            ("12.5", 1250, "12.5"),
            ("0.05", 5, "0.05"),
            ("-3.25", -325, "-3.25"),
            (" 97.10 ", 9710, "97.1"),
        ] {
            let amount = Amount::parse(text).unwrap();
            assert_eq!(amount, Amount(hundredths), "{text}");
            assert_eq!(amount.to_string(), shown);
        }
        for bad in ["", "1.234", "1e5", "12,5", "--1", ".5", "x"] {
            let refusal = Amount::parse(bad).unwrap_err();
            assert_eq!(refusal.rule, Rule::MeasureNumber, "{bad}");
            assert!(refusal.message.contains("two decimals"));
        }
    }

    #[test]
    fn apply_replaces_by_id_and_keeps_creation_order() {
        let mut goals = Vec::new();
        let second = add(&mut goals, "amira", "Second", 20).unwrap();
        let first = add(&mut goals, "amira", "First", 10).unwrap();
        let titles = |goals: &[Goal]| {
            goals
                .iter()
                .map(|g| g.title.as_str().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(titles(&goals), ["First", "Second"]);
        apply(
            &mut goals,
            Goal {
                manual_progress: Progress::new(40).unwrap(),
                progress_from: ProgressFrom::Hand,
                ..second
            },
        );
        assert_eq!(titles(&goals), ["First", "Second"]);
        assert_eq!(goals[1].progress().percent(), 40);
        assert_eq!(goals[0], first);
    }

    #[test]
    fn a_draft_check_names_the_part_to_fix() {
        let (relationships, programmes) = coaching();
        let context = GoalContext {
            relationships: &relationships,
            programmes: &programmes,
        };
        let good = GoalDraft {
            title: "Close three new accounts".into(),
            relationship: Some(id("rel")),
            relevance: Relevance {
                objective: Some(id("obj-growth")),
                aspiration: "Lead a team".into(),
            },
            milestones: vec!["First".into(), " ".into()],
            ..GoalDraft::default()
        };
        let today = Date(400);
        assert_eq!(
            check_goal_draft(&good, context, &id("amira"), None, today),
            Ok(())
        );
        let part = |draft: GoalDraft, actor: &str| {
            check_goal_draft(&draft, context, &id(actor), None, today).map_err(|(part, _)| part)
        };
        assert_eq!(
            part(
                GoalDraft {
                    title: " ".into(),
                    ..good.clone()
                },
                "amira"
            ),
            Err(DraftPart::Title)
        );
        let (part_of, refusal) = check_goal_draft(
            &GoalDraft {
                relevance: Relevance::default(),
                ..good.clone()
            },
            context,
            &id("amira"),
            None,
            today,
        )
        .unwrap_err();
        assert_eq!(part_of, DraftPart::Relevance);
        assert_eq!(refusal.rule, Rule::CoachingGoalAlignment);
        assert_eq!(part(good.clone(), "james"), Err(DraftPart::Relationship));
        let measure = Measure {
            what: " ".into(),
            baseline: Amount(0),
            target: Amount(100),
            current: Amount(0),
        };
        assert_eq!(
            part(
                GoalDraft {
                    measure: Some(measure),
                    ..good.clone()
                },
                "amira"
            ),
            Err(DraftPart::MeasureWhat)
        );
        assert_eq!(
            part(
                GoalDraft {
                    milestones: vec!["x".repeat(121)],
                    ..good.clone()
                },
                "amira"
            ),
            Err(DraftPart::Milestones)
        );
        // What the check refuses, decide refuses too.
        let refused = GoalDraft {
            relevance: Relevance::default(),
            ..good
        };
        assert!(decide(
            &GoalCommand::Create { draft: refused },
            &[],
            context,
            &id("amira"),
            Millis(1),
            minter(1)
        )
        .is_err());
    }

    #[test]
    fn coaching_goals_align_to_their_programmes_objectives() {
        let (relationships, programmes) = coaching();
        let context = GoalContext {
            relationships: &relationships,
            programmes: &programmes,
        };
        assert!(alignment_required(&relationships[0]));
        let objectives = objectives_for(context, &relationships[0]);
        assert_eq!(objectives.len(), 1);
        assert_eq!(objectives[0].text, "Grow Gulf revenue");
        let mentoring = Relationship {
            kind: RelationshipKind::Mentoring,
            programme: id("elsewhere"),
            ..relationships[0].clone()
        };
        assert!(!alignment_required(&mentoring));
        assert!(objectives_for(context, &mentoring).is_empty());
    }

    #[test]
    fn both_parties_see_the_goals_of_their_relationship_and_nobody_elses_personal_goals() {
        let (relationships, _) = coaching();
        let rel = &relationships[0];
        let mut goals = Vec::new();
        let mut in_pair = |owner: &str, at: i64, relationship: Option<&str>| {
            let goal = add(&mut goals, owner, &format!("{owner} {at}"), at).unwrap();
            apply(
                &mut goals,
                Goal {
                    relationship: relationship.map(id),
                    ..goal
                },
            );
        };
        in_pair("amira", 1, Some("rel"));
        in_pair("sofia", 2, Some("rel"));
        in_pair("amira", 3, None);
        let titles = |viewer: &str| {
            goals_in(&goals, rel, &id(viewer))
                .iter()
                .map(|g| g.title.as_str().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(titles("sofia"), ["amira 1", "sofia 2"]);
        assert_eq!(titles("amira"), ["amira 1", "sofia 2"]);
        assert_eq!(titles("james"), Vec::<String>::new());
        let goal = goals
            .iter()
            .find(|g| g.title.as_str() == "amira 1")
            .unwrap();
        assert!(!goal.milestones_drive_progress());
    }

    #[test]
    fn own_goals_keep_achieved_and_dropped_apart_and_leave_others_goals_out() {
        let mut goals = Vec::new();
        let first = add(&mut goals, "amira", "Lead a meeting", 1).unwrap();
        let done = add(&mut goals, "amira", "Present to the board", 2).unwrap();
        let dropped = add(&mut goals, "amira", "Learn Arabic", 3).unwrap();
        let last = add(&mut goals, "amira", "Coach a new hire", 4).unwrap();
        add(&mut goals, "james", "Not hers", 5).unwrap();
        for (goal, status) in [
            (&done, GoalStatus::Achieved),
            (&dropped, GoalStatus::Dropped),
        ] {
            let command = GoalCommand::SetStatus {
                goal: goal.id.clone(),
                status,
            };
            run(&mut goals, "amira", command, 6).unwrap();
        }
        assert_eq!(
            own_goals(&goals, &id("amira")),
            OwnGoals {
                open: vec![first.id, last.id],
                closed: vec![done.id, dropped.id],
            }
        );
        assert_eq!(own_goals(&goals, &id("sofia")), OwnGoals::default());
    }

    fn tickets(baseline: i64, target: i64, current: i64) -> Measure {
        Measure {
            what: "open tickets".into(),
            baseline: Amount(baseline * 100),
            target: Amount(target * 100),
            current: Amount(current * 100),
        }
    }

    #[test]
    fn a_measure_gives_the_way_covered_from_baseline_to_target_rounded_down_within_0_to_100() {
        let percent = |m: Measure| m.progress().map(Progress::percent);
        assert_eq!(percent(tickets(0, 200, 100)), Some(50));
        assert_eq!(percent(tickets(0, 3, 1)), Some(33), "rounded down");
        // A decreasing target: from 40 open tickets to 10.
        assert_eq!(percent(tickets(40, 10, 25)), Some(50));
        assert_eq!(
            percent(tickets(40, 10, 32)),
            Some(26),
            "8 of 30, rounded down"
        );
        assert_eq!(percent(tickets(40, 10, 40)), Some(0));
        assert_eq!(percent(tickets(40, 10, 10)), Some(100));
        // Past the target is over-achieving, shown as done; the wrong way is no progress.
        assert_eq!(percent(tickets(40, 10, 2)), Some(100));
        assert_eq!(percent(tickets(0, 200, 250)), Some(100));
        assert_eq!(percent(tickets(40, 10, 55)), Some(0));
        assert_eq!(percent(tickets(0, 200, -10)), Some(0));
        assert_eq!(percent(tickets(-20, 20, 0)), Some(50), "below zero too");
        let extreme = Measure {
            baseline: Amount(-999_999_999_999_999),
            target: Amount(999_999_999_999_999),
            current: Amount(999_999_999_999_999),
            ..tickets(0, 0, 0)
        };
        assert_eq!(percent(extreme), Some(100), "no overflow");
        assert_eq!(percent(tickets(40, 40, 25)), None, "no distance to cover");
    }

    fn measured_goal(goals: &mut Vec<Goal>, measure: Measure, at: i64) -> Goal {
        let draft = GoalDraft {
            title: "Fewer open tickets".into(),
            measure: Some(measure),
            ..GoalDraft::default()
        };
        run(goals, "amira", GoalCommand::Create { draft }, at).unwrap()
    }

    #[test]
    fn without_milestones_the_measure_gives_progress_and_the_slider_is_refused() {
        let mut goals = Vec::new();
        let goal = measured_goal(&mut goals, tickets(40, 10, 25), 1);
        assert_eq!(goal.progress_source(), ProgressSource::Measure);
        assert_eq!(goal.progress().percent(), 50);
        let slide = GoalCommand::SetProgress {
            goal: goal.id.clone(),
            percent: 80,
        };
        let refused = run(&mut goals, "amira", slide, 2).unwrap_err();
        assert_eq!(refused.rule, Rule::ProgressFromMeasure);
        // Milestones win over the measure once there are any.
        let step = GoalCommand::AddMilestone {
            goal: goal.id.clone(),
            title: "Triage the backlog".into(),
        };
        let with_step = run(&mut goals, "amira", step, 3).unwrap();
        assert_eq!(with_step.progress_source(), ProgressSource::Milestones);
        assert_eq!(with_step.progress().percent(), 0);
        let history: Vec<_> = (with_step.history.iter())
            .map(|p| (p.at.0, p.progress.percent()))
            .collect();
        assert_eq!(history, [(1, 50), (3, 0)]);
        assert!(
            with_step.history[1].new_source,
            "counted another way from there"
        );
        // A goal without a measure, or with none that tells, is set by hand.
        let by_hand = add(&mut goals, "amira", "Speak up", 4).unwrap();
        assert_eq!(by_hand.progress_source(), ProgressSource::ByHand);
    }

    #[test]
    fn updating_the_current_value_moves_progress_and_its_history_as_the_slider_does() {
        let mut goals = Vec::new();
        let goal = measured_goal(&mut goals, tickets(40, 10, 40), 5);
        let mut update = |current: &str, at: i64| {
            let command = GoalCommand::SetMeasureCurrent {
                goal: goal.id.clone(),
                current: current.into(),
            };
            run(&mut goals, "amira", command, at)
        };
        let updated = update(" 25 ", 100_000).unwrap();
        assert_eq!(updated.measure.as_ref().unwrap().current, Amount(2_500));
        assert_eq!(updated.progress().percent(), 50);
        assert_eq!(updated.updated_at, Millis(100_000));
        // Within a minute: one point of history, where it settled.
        update("22.5", 110_000).unwrap();
        let refused = update("twenty", 120_000).unwrap_err();
        assert_eq!(
            (refused.rule, refused.args),
            (Rule::MeasureNumber, vec!["twenty".to_owned()])
        );
        // Past the target: 100 %, reached.
        let beyond = update("4", 300_000).unwrap();
        assert_eq!(beyond.progress().percent(), 100);
        assert!(beyond.is_reached());
        // A current value that leaves progress where it was adds no point.
        let same = update("3", 400_000).unwrap();
        let history: Vec<_> = (same.history.iter())
            .map(|p| (p.at.0, p.progress.percent()))
            .collect();
        assert_eq!(history, [(5, 0), (110_000, 58), (300_000, 100)]);
        assert_eq!(same.measure.as_ref().unwrap().current, Amount(300));

        let plain = add(&mut goals, "amira", "Speak up", 6).unwrap();
        let command = GoalCommand::SetMeasureCurrent {
            goal: plain.id,
            current: "3".into(),
        };
        let refused = run(&mut goals, "amira", command, 7).unwrap_err();
        assert_eq!(refused.rule, Rule::UnknownRecord, "no measure to update");
    }

    #[test]
    fn a_target_equal_to_the_baseline_is_refused_when_set() {
        let mut goals = Vec::new();
        let create = GoalCommand::Create {
            draft: GoalDraft {
                title: "Fewer open tickets".into(),
                measure: Some(tickets(40, 40, 25)),
                ..GoalDraft::default()
            },
        };
        let refused = run(&mut goals, "amira", create, 1).unwrap_err();
        assert_eq!(refused.rule, Rule::MeasureTargetIsBaseline);
        assert_eq!(refused.args, ["40"]);
        assert!(goals.is_empty());
        let goal = measured_goal(&mut goals, tickets(40, 10, 25), 1);
        let opened = GoalDraft::of(&goal);
        let draft = GoalDraft {
            measure: Some(tickets(40, 40, 25)),
            ..opened.clone()
        };
        let edit = GoalCommand::Edit {
            goal: goal.id.clone(),
            opened: opened.clone(),
            draft: draft.clone(),
        };
        let refused = run(&mut goals, "amira", edit, 2).unwrap_err();
        assert_eq!(refused.rule, Rule::MeasureTargetIsBaseline);
        assert_eq!(goals, std::slice::from_ref(&goal), "nothing changed");
        let checked = check_goal_draft(
            &draft,
            GoalContext::default(),
            &id("amira"),
            Some(&goal),
            Date(0),
        );
        assert_eq!(
            checked.map_err(|(part, r)| (part, r.rule)),
            Err((DraftPart::MeasureTarget, Rule::MeasureTargetIsBaseline))
        );
    }

    /// A goal stored before the rule, with its target at its baseline: it loads, its progress
    /// is set by hand, and it takes every other change.
    #[test]
    fn an_old_goal_whose_target_is_its_baseline_loads_and_is_set_by_hand() {
        use crate::projection::{changes_from, records_of};
        use crate::record::Change;
        let mut goals = Vec::new();
        let mut old = measured_goal(&mut goals, tickets(40, 10, 25), 1);
        old.measure = Some(tickets(40, 40, 25));
        old.manual_progress = Progress(30);
        let records = records_of(&Change::Goal(old.clone()));
        let loaded = changes_from(records.iter().map(|r| (r.entity, &r.id, &r.fields)));
        assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
        assert_eq!(loaded.changes, [Change::Goal(old.clone())]);
        assert_eq!(old.progress_source(), ProgressSource::ByHand);
        assert_eq!(old.progress().percent(), 30);
        assert_eq!(check_goal(&old, None, GoalContext::default()), Ok(()));
        goals = vec![old.clone()];
        let opened = GoalDraft::of(&old);
        let retitled = GoalDraft {
            title: "Fewer tickets open".into(),
            ..opened.clone()
        };
        let commands = [
            GoalCommand::Edit {
                goal: old.id.clone(),
                opened,
                draft: retitled,
            },
            GoalCommand::SetMeasureCurrent {
                goal: old.id.clone(),
                current: "20".into(),
            },
            GoalCommand::SetProgress {
                goal: old.id.clone(),
                percent: 45,
            },
        ];
        for (n, command) in commands.into_iter().enumerate() {
            run(&mut goals, "amira", command, 10 + n as i64).unwrap();
        }
        assert_eq!(goals[0].title.as_str(), "Fewer tickets open");
        assert_eq!(goals[0].progress().percent(), 45);
        // Given a target of its own, its measure takes over.
        let opened = GoalDraft::of(&goals[0]);
        let fixed = GoalDraft {
            measure: Some(tickets(40, 0, 20)),
            ..opened.clone()
        };
        let edit = GoalCommand::Edit {
            goal: old.id.clone(),
            opened,
            draft: fixed,
        };
        let saved = run(&mut goals, "amira", edit, 20).unwrap();
        assert_eq!(saved.progress_from, ProgressFrom::Measure, "as created");
        assert_eq!(saved.progress_source(), ProgressSource::Measure);
        assert_eq!(saved.progress().percent(), 50);
    }

    /// A goal as stored before goals said where their progress comes from: a measure, no
    /// milestones, slid to 100 % by hand with the measure left at its baseline.
    fn goal_stored_before_progress_from(goals: &mut Vec<Goal>) -> Goal {
        use crate::projection::{changes_from, records_of};
        use crate::record::Change;
        let mut stored = measured_goal(goals, tickets(0, 10, 0), 1);
        stored.manual_progress = Progress(100);
        stored.history = vec![ProgressPoint {
            at: Millis(1),
            progress: Progress(100),
            new_source: false,
        }];
        let mut records = records_of(&Change::Goal(stored));
        records[0].fields.remove("progress-from");
        let loaded = changes_from(records.iter().map(|r| (r.entity, &r.id, &r.fields)));
        let [Change::Goal(old)] = &loaded.changes[..] else {
            panic!("{loaded:?}");
        };
        *goals = vec![old.clone()];
        old.clone()
    }

    #[test]
    fn a_goal_stored_before_progress_from_keeps_its_hand_set_progress_and_is_not_overdue() {
        let mut goals = Vec::new();
        let old = goal_stored_before_progress_from(&mut goals);
        assert_eq!(old.progress_from, ProgressFrom::Hand);
        assert_eq!(old.progress_source(), ProgressSource::ByHand);
        assert_eq!(old.progress().percent(), 100);
        assert!(old.is_reached());
        let due_yesterday = Goal {
            due: Some(Date(9)),
            ..old.clone()
        };
        assert!(!due_yesterday.is_overdue(Date(10)), "reached, not late");
        // The slider still moves it; the measure's current value does not.
        let slide = GoalCommand::SetProgress {
            goal: old.id.clone(),
            percent: 90,
        };
        assert_eq!(
            run(&mut goals, "amira", slide, 2)
                .unwrap()
                .progress()
                .percent(),
            90
        );
        let update = GoalCommand::SetMeasureCurrent {
            goal: old.id.clone(),
            current: "5".into(),
        };
        let updated = run(&mut goals, "amira", update, 3).unwrap();
        assert_eq!(updated.progress().percent(), 90);
        // Editing its measure keeps the choice; removing it and adding one back is a first
        // measure again, which moves progress as on a new goal.
        let opened = GoalDraft::of(&updated);
        let retargeted = GoalDraft {
            measure: Some(tickets(0, 20, 5)),
            ..opened.clone()
        };
        let edit = |opened: GoalDraft, draft: GoalDraft| GoalCommand::Edit {
            goal: old.id.clone(),
            opened,
            draft,
        };
        let saved = run(&mut goals, "amira", edit(opened, retargeted), 4).unwrap();
        assert_eq!(
            (saved.progress_from, saved.progress().percent()),
            (ProgressFrom::Hand, 90)
        );
        let opened = GoalDraft::of(&saved);
        let unmeasured = GoalDraft {
            measure: None,
            ..opened.clone()
        };
        let saved = run(&mut goals, "amira", edit(opened, unmeasured), 5).unwrap();
        assert_eq!(saved.progress_from, ProgressFrom::Hand);
        let opened = GoalDraft::of(&saved);
        let measured = GoalDraft {
            measure: Some(tickets(0, 20, 5)),
            ..opened.clone()
        };
        let saved = run(&mut goals, "amira", edit(opened, measured), 6).unwrap();
        assert_eq!(
            (saved.progress_from, saved.progress().percent()),
            (ProgressFrom::Measure, 25)
        );
    }

    #[test]
    fn a_new_goal_with_a_measure_takes_progress_from_it_and_one_without_is_set_by_hand() {
        let mut goals = Vec::new();
        let measured = measured_goal(&mut goals, tickets(0, 10, 3), 1);
        assert_eq!(measured.progress_from, ProgressFrom::Measure);
        assert_eq!(measured.progress().percent(), 30);
        let plain = add(&mut goals, "amira", "Speak up", 2).unwrap();
        assert_eq!(plain.progress_from, ProgressFrom::Hand);
    }

    #[test]
    fn switching_where_progress_comes_from_starts_a_new_line_of_history_not_a_change() {
        let mut goals = Vec::new();
        let old = goal_stored_before_progress_from(&mut goals);
        let switch = |goals: &mut Vec<Goal>, from: ProgressFrom, at: i64| {
            let command = GoalCommand::SetProgressFrom {
                goal: old.id.clone(),
                from,
            };
            run(goals, "amira", command, at)
        };
        let history = |goal: &Goal| -> Vec<(i64, u8, bool)> {
            (goal.history.iter())
                .map(|p| (p.at.0, p.progress.percent(), p.new_source))
                .collect()
        };
        let measured = switch(&mut goals, ProgressFrom::Measure, 100_000).unwrap();
        assert_eq!(measured.progress_source(), ProgressSource::Measure);
        assert_eq!(measured.progress().percent(), 0);
        assert_eq!(measured.manual_progress, Progress(100), "kept behind it");
        assert_eq!(
            history(&measured),
            [(1, 100, false), (100_000, 0, true)],
            "a new line from 0 %, not a drop from 100 %"
        );
        // The measure's first update within a minute is a change from where it started.
        let update = GoalCommand::SetMeasureCurrent {
            goal: old.id.clone(),
            current: "2".into(),
        };
        let updated = run(&mut goals, "amira", update, 110_000).unwrap();
        assert_eq!(
            history(&updated),
            [(1, 100, false), (100_000, 0, true), (110_000, 20, false)]
        );
        let update = GoalCommand::SetMeasureCurrent {
            goal: old.id.clone(),
            current: "0".into(),
        };
        run(&mut goals, "amira", update, 120_000).unwrap();
        let slide = GoalCommand::SetProgress {
            goal: old.id.clone(),
            percent: 50,
        };
        assert_eq!(
            run(&mut goals, "amira", slide, 200_000).unwrap_err().rule,
            Rule::ProgressFromMeasure
        );
        let by_hand = switch(&mut goals, ProgressFrom::Hand, 300_000).unwrap();
        assert_eq!(by_hand.progress_source(), ProgressSource::ByHand);
        assert_eq!(
            by_hand.progress().percent(),
            100,
            "the hand-set value is back"
        );
        assert_eq!(
            history(&by_hand),
            [(1, 100, false), (100_000, 0, true), (300_000, 100, true)]
        );
        // Choosing the source it already has adds no point.
        let same = switch(&mut goals, ProgressFrom::Hand, 400_000).unwrap();
        assert_eq!(history(&same), history(&by_hand));

        // Only to a measure that tells.
        let mut flat = goals[0].clone();
        flat.measure = Some(tickets(40, 40, 25));
        goals = vec![flat];
        let refused = switch(&mut goals, ProgressFrom::Measure, 500_000).unwrap_err();
        assert_eq!(
            (refused.rule, refused.args),
            (Rule::MeasureTargetIsBaseline, vec!["40".to_owned()])
        );
        goals[0].measure = None;
        let refused = switch(&mut goals, ProgressFrom::Measure, 600_000).unwrap_err();
        assert_eq!(refused.rule, Rule::UnknownRecord);
        assert_eq!(
            goals[0].progress_from,
            ProgressFrom::Hand,
            "nothing changed"
        );
    }
}
