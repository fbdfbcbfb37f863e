//! Relationship health: which pairs of a programme look stuck, and what an admin can do about
//! it — nudge (a record the host turns into an email), extend, end early with a reason, or
//! re-match.
//!
//! Signals say that something is so, never what was said: "no session for 6 weeks", not the
//! session's notes; "ratings dropping", not the ratings. Only feedback shared with the pair
//! feeds the ratings signal; anonymous feedback counts in aggregates only. The time is passed
//! in, never read.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use crate::dashboard::ProgrammeRecords;
use crate::relationship::{places_at_start, transition};
use crate::rules::{Refusal, Rule};
use crate::session::held_by;
use crate::words::plural;
use crate::{Amount, Date, GoalStatus, Lifecycle, Millis, Programme, RecordId, Relationship};

/// When a signal is raised: a programme's own (`Programme::health`, set by its admins in its
/// set-up, checked by [`check_health_settings`]), the defaults for a programme that never set
/// them. The admins' health list and the pair's own reminders use the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HealthSettings {
    /// An active pair with no session for this many weeks is stuck.
    pub quiet_weeks: u32,
    /// A relationship this many days from its planned end is nearing it.
    pub ending_within_days: i32,
    /// The latest shared feedback's mean rating this many hundredths below the earlier ones'
    /// is a drop.
    pub rating_drop_hundredths: u32,
}

impl Default for HealthSettings {
    fn default() -> HealthSettings {
        HealthSettings {
            quiet_weeks: 4,
            ending_within_days: 14,
            rating_drop_hundredths: 100,
        }
    }
}

/// The weeks without a session a programme may set before a pair is quiet: at least one, and
/// at most half a year, past which a reminder comes too late to help.
pub const QUIET_WEEKS: RangeInclusive<u32> = 1..=26;
/// The days before a pair's planned end a programme may set for "nearing its end": none (the
/// day itself) to about a quarter.
pub const ENDING_WITHIN_DAYS: RangeInclusive<i32> = 0..=90;
/// The drop in the mean of shared ratings (hundredths of a point on the 1–5 scale) a programme
/// may set: a tenth of a point up to the whole scale, 4 points.
pub const RATING_DROP_HUNDREDTHS: RangeInclusive<u32> = 10..=400;

impl HealthSettings {
    /// The settings of the programme `id` among `programmes`; the defaults for one not known.
    pub fn of(programmes: &[Programme], id: &RecordId) -> HealthSettings {
        programmes
            .iter()
            .find(|p| &p.id == id)
            .map_or_else(HealthSettings::default, |p| p.health)
    }
}

/// Checks a programme's health settings, returning a refusal naming the allowed range for
/// each out of it.
pub fn check_health_settings(settings: HealthSettings) -> Vec<Refusal> {
    let mut refusals = Vec::new();
    let (weeks, days, drop) = (
        settings.quiet_weeks,
        settings.ending_within_days,
        settings.rating_drop_hundredths,
    );
    if !QUIET_WEEKS.contains(&weeks) {
        let (low, high) = (QUIET_WEEKS.start(), QUIET_WEEKS.end());
        refusals.push(
            refusal!(
                Rule::HealthQuietWeeks,
                "Weeks without a session before a pair counts as quiet: choose {low} to {high} \
                 (it is {weeks})."
            )
            .with_args([low, high, &weeks]),
        );
    }
    if !ENDING_WITHIN_DAYS.contains(&days) {
        let (low, high) = (ENDING_WITHIN_DAYS.start(), ENDING_WITHIN_DAYS.end());
        refusals.push(
            refusal!(
                Rule::HealthEndingWithin,
                "Days before its planned end that a pair is flagged: choose {low} to {high} (it \
                 is {days})."
            )
            .with_args([low, high, &days]),
        );
    }
    if !RATING_DROP_HUNDREDTHS.contains(&drop) {
        let points = |h: u32| Amount(i64::from(h)).to_string();
        let (low, high) = (
            points(*RATING_DROP_HUNDREDTHS.start()),
            points(*RATING_DROP_HUNDREDTHS.end()),
        );
        let drop = points(drop);
        refusals.push(
            refusal!(
                Rule::HealthRatingDrop,
                "A drop in feedback ratings that flags a pair: choose {low} to {high} on the 1–5 \
                 scale (it is {drop})."
            )
            .with_args([low, high, drop]),
        );
    }
    refusals
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Signal {
    /// Active for this many weeks without any session.
    NoSessionYet {
        weeks: u32,
    },
    /// The last session was this many weeks ago.
    NoSessionFor {
        weeks: u32,
    },
    GoalsOverdue {
        count: u32,
    },
    GoalsAtRisk {
        count: u32,
    },
    RatingsDropping,
    NearingEnd {
        days_left: i32,
    },
    PastPlannedEnd {
        days_over: i32,
    },
}

impl Signal {
    /// The signal's name in records (a nudge's reason) and exports.
    pub fn key(&self) -> &'static str {
        match self {
            Signal::NoSessionYet { .. } | Signal::NoSessionFor { .. } => "no-session",
            Signal::GoalsOverdue { .. } => "goals-overdue",
            Signal::GoalsAtRisk { .. } => "goals-at-risk",
            Signal::RatingsDropping => "ratings-dropping",
            Signal::NearingEnd { .. } => "nearing-end",
            Signal::PastPlannedEnd { .. } => "past-planned-end",
        }
    }

    /// In words, for an admin: the host's health list and the relationships export.
    pub fn describe(&self) -> String {
        let weeks = |n: u32| plural(n as usize, "week", "weeks");
        let goals = |n: u32| plural(n as usize, "goal", "goals");
        let days = |n: i32| plural(n.unsigned_abs() as usize, "day", "days");
        match self {
            Signal::NoSessionYet { weeks: n } => format!("no session yet, {} in", weeks(*n)),
            Signal::NoSessionFor { weeks: n } => format!("no session for {}", weeks(*n)),
            Signal::GoalsOverdue { count } => format!("{} overdue", goals(*count)),
            Signal::GoalsAtRisk { count } => format!("{} at risk", goals(*count)),
            Signal::RatingsDropping => "feedback ratings dropping".to_owned(),
            Signal::NearingEnd { days_left: 0 } => "planned end today".to_owned(),
            Signal::NearingEnd { days_left } => format!("planned end in {}", days(*days_left)),
            Signal::PastPlannedEnd { days_over } => {
                format!("{} past its planned end", days(*days_over))
            }
        }
    }
}

/// The signal keys a nudge may name.
pub const NUDGE_REASONS: [&str; 6] = [
    "no-session",
    "goals-overdue",
    "goals-at-risk",
    "ratings-dropping",
    "nearing-end",
    "past-planned-end",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HealthAction {
    /// A proposed pair (published by matching, or asked for by a mentee) waits for its
    /// admins to start it.
    Start,
    Nudge,
    Extend,
    EndEarly,
    Rematch,
}

impl HealthAction {
    pub const ALL: [HealthAction; 5] = [
        HealthAction::Start,
        HealthAction::Nudge,
        HealthAction::Extend,
        HealthAction::EndEarly,
        HealthAction::Rematch,
    ];

    /// Its name in the adapter's health list (`actions`).
    pub fn key(self) -> &'static str {
        match self {
            HealthAction::Start => "start",
            HealthAction::Nudge => "nudge",
            HealthAction::Extend => "extend",
            HealthAction::EndEarly => "endearly",
            HealthAction::Rematch => "rematch",
        }
    }

    /// Whether it still applies to a pair that now stands at `now`: a screen shows an admin's
    /// change at once, before the host's next figures. Nothing once the pair is over, and
    /// starting only while it is proposed.
    pub fn applies_to(self, now: &Lifecycle) -> bool {
        !now.is_over() && (self != HealthAction::Start || *now == Lifecycle::Proposed)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationshipHealth {
    pub relationship: RecordId,
    pub signals: Vec<Signal>,
    pub actions: Vec<HealthAction>,
    /// Sessions held so far (`ProgrammeRecords::held_sessions`), and the day of the latest:
    /// one planned ahead is not held until its time comes, nor one left empty after it.
    pub sessions: u32,
    pub last_session: Option<Date>,
    /// The day of the pair's next session planned, if one is.
    pub next_session: Option<Date>,
    /// The day the pair's quiet time counts from besides its start: its last session with the
    /// pair as it is now, or, re-paired and not met since, the day of its re-pairing. A card
    /// asks the quiet signal again from it (`signals_now`).
    pub last_met: Option<Date>,
    pub goals: u32,
}

/// The health of every relationship of the programme that is not over, by the programme's
/// own settings at `now`, the most signals first (then by id, so the list is stable).
pub fn relationship_health(records: &ProgrammeRecords, now: Millis) -> Vec<RelationshipHealth> {
    let today = records.today(now);
    let settings = records.programme.health;
    // A pair's card counts the sessions of the pair as it is now, not those with a partner
    // its admins replaced, and how long it has been quiet counts from the last of those, or
    // from its re-pairing while the newcomer has not met yet. Each session is dated by its
    // own day where it is held (`SessionFact::day`), ordered by its instant.
    type Dated = (Millis, Date);
    let mut sessions: BTreeMap<&RecordId, (u32, Option<Dated>)> = BTreeMap::new();
    let mut next: BTreeMap<&RecordId, Dated> = BTreeMap::new();
    for s in (records.sessions.iter()).filter(|s| s.pair_now && !held_by(s.at, now)) {
        let at = next.entry(&s.relationship).or_insert((s.at, s.day));
        *at = (*at).min((s.at, s.day));
    }
    for s in records.held_sessions(now).filter(|s| s.pair_now) {
        let entry = sessions.entry(&s.relationship).or_default();
        entry.0 += 1;
        entry.1 = entry.1.max(Some((s.at, s.day)));
    }
    let mut goals: BTreeMap<&RecordId, [u32; 3]> = BTreeMap::new();
    for g in &records.goals {
        if let Some(r) = &g.relationship {
            let counts = goals.entry(r).or_default();
            counts[0] += 1;
            counts[1] += u32::from(g.is_overdue(today));
            counts[2] += u32::from(g.status == GoalStatus::AtRisk);
        }
    }
    let mut shared: BTreeMap<&RecordId, Vec<(Millis, &RecordId, u32)>> = BTreeMap::new();
    for fact in records.ratings.iter().filter(|f| f.shared_with_pair) {
        let valid: Vec<u32> = fact
            .ratings
            .values()
            .filter(|r| (1..=5).contains(*r))
            .map(|r| u32::from(*r))
            .collect();
        if !valid.is_empty() {
            let mean = valid.iter().sum::<u32>() * 100 / valid.len() as u32;
            shared
                .entry(&fact.relationship)
                .or_default()
                .push((fact.given_at, &fact.giver, mean));
        }
    }

    let mut list: Vec<RelationshipHealth> = records
        .relationships
        .iter()
        .filter(|r| !r.lifecycle.is_over())
        .map(|r| {
            let mut signals = Vec::new();
            let held = sessions.get(&r.id).copied();
            // A session with someone its admins replaced says nothing of whether the pair now
            // meets: quiet counts from the pair now's last session, else from the re-pairing
            // (as a participant's own reminders count it, `reminders::pairing_log`).
            let paired_on = (records.paired_on.get(&r.id))
                .map(|at| crate::session::wall_clock_at(*at, records.reader_offset_minutes))
                .map(Millis::utc_date);
            let last_pair_now = held.and_then(|h| h.1).map(|(_, day)| day);
            let last_met = last_pair_now.or(paired_on.map(|on| quiet_from(r, Some(on), None)));
            signals.extend(quiet_signal(r, paired_on, last_pair_now, today, settings));
            let [goal_count, overdue, at_risk] = goals.get(&r.id).copied().unwrap_or_default();
            if overdue > 0 {
                signals.push(Signal::GoalsOverdue { count: overdue });
            }
            if at_risk > 0 {
                signals.push(Signal::GoalsAtRisk { count: at_risk });
            }
            if let Some(list) = shared.get_mut(&r.id) {
                if ratings_dropping(list, settings.rating_drop_hundredths) {
                    signals.push(Signal::RatingsDropping);
                }
            }
            signals.extend(end_signal(r, today, settings));
            let keys: Vec<&str> = signals.iter().map(Signal::key).collect();
            // Only a proposal asks, as only a start needs a place.
            let has_place = r.lifecycle != Lifecycle::Proposed
                || places_at_start(
                    r,
                    &records.programme,
                    &records.relationships,
                    &records.enrolments,
                )
                .has_place();
            let actions = actions_offered(r, &keys, today, settings, has_place);
            RelationshipHealth {
                relationship: r.id.clone(),
                signals,
                actions,
                sessions: held.map_or(0, |h| h.0),
                last_session: held.and_then(|h| h.1).map(|(_, day)| day),
                next_session: next.get(&r.id).map(|(_, day)| *day),
                last_met,
                goals: goal_count,
            }
        })
        .collect();
    crate::order::sort_by(&mut list, |a, b| {
        (b.signals.len(), &a.relationship).cmp(&(a.signals.len(), &b.relationship))
    });
    list
}

/// What an admin is offered for `relationship` as it stands, with the signals `signals` (their
/// keys) raised on `today`. A proposal waits for its admins: start it (only while its mentor
/// `has_place`, `relationship::places_at_start`, as the start would be refused), extend it while its
/// planned end is near or past, decline it (ending it early) or re-match its mentee; a pair
/// that has not started has nothing to be nudged about. Any other pair not over: nudge when it
/// shows a signal, extend near or past its end, end early, and re-match when stuck or paused.
/// Nothing once it is over. The host's health list and a card showing an admin's change at
/// once both ask this.
pub fn actions_offered(
    relationship: &Relationship,
    signals: &[&str],
    today: Date,
    settings: HealthSettings,
    has_place: bool,
) -> Vec<HealthAction> {
    let lifecycle = &relationship.lifecycle;
    if lifecycle.is_over() {
        return Vec::new();
    }
    let proposed = *lifecycle == Lifecycle::Proposed;
    let ending = today.days_until(relationship.planned_end) <= settings.ending_within_days;
    let stuck = signals.contains(&Signal::NoSessionYet { weeks: 0 }.key());
    HealthAction::ALL
        .into_iter()
        .filter(|action| match action {
            HealthAction::Start => proposed && has_place,
            HealthAction::Nudge => !proposed && !signals.is_empty(),
            HealthAction::Extend => ending,
            HealthAction::EndEarly => true,
            HealthAction::Rematch => {
                stuck || matches!(lifecycle, Lifecycle::Proposed | Lifecycle::Paused)
            }
        })
        .collect()
}

/// A pair's signals as the host last reported them (`reported`, their keys), with the quiet
/// and end signals of `relationship` as it now stands on this device on `today`: a card shows
/// an extension, or a pair just started that has gone quiet since its start, at once, before
/// the host's next figures. The quiet signal is asked with the host's
/// [`RelationshipHealth::last_met`] (sessions and re-pairings, which only the host holds), as
/// its health list asks it; the other
/// signals need every goal and rating of the pair, so they stay as reported; none at all once
/// the pair is over, as the host's health list leaves such a pair out.
pub fn signals_now(
    reported: &[String],
    relationship: &Relationship,
    last_session: Option<Date>,
    today: Date,
    settings: HealthSettings,
) -> Vec<String> {
    if relationship.lifecycle.is_over() {
        return Vec::new();
    }
    let quiet = Signal::NoSessionYet { weeks: 0 }.key();
    let end_keys = [
        Signal::NearingEnd { days_left: 0 }.key(),
        Signal::PastPlannedEnd { days_over: 0 }.key(),
    ];
    let signal = |s: Signal| s.key().to_owned();
    let mut keys: Vec<String> = (quiet_signal(relationship, None, last_session, today, settings))
        .map(signal)
        .into_iter()
        .collect();
    keys.extend(
        reported
            .iter()
            .filter(|k| *k != quiet && !end_keys.contains(&k.as_str()))
            .cloned(),
    );
    keys.extend(end_signal(relationship, today, settings).map(signal));
    keys
}

impl HealthSettings {
    /// How many days without a session make an active pair quiet.
    pub fn quiet_days(self) -> i32 {
        self.quiet_weeks as i32 * 7
    }
}

/// Whether `relationship` is near its planned end by `settings` (within `ending_within_days`
/// of it) or past it, on `today`: the health list's signal and the pair's own reminder.
pub fn end_signal(
    relationship: &Relationship,
    today: Date,
    settings: HealthSettings,
) -> Option<Signal> {
    let days_left = today.days_until(relationship.planned_end);
    if days_left < 0 {
        Some(Signal::PastPlannedEnd {
            days_over: -days_left,
        })
    } else if days_left <= settings.ending_within_days {
        Some(Signal::NearingEnd { days_left })
    } else {
        None
    }
}

/// The day an active pair's quiet time counts from: the day of its `last_session` (with the
/// pair as it is now), or when it has had none, the day it started, or the day its
/// programme's admins last re-paired it (`paired_on`) when that is later: a newcomer has had
/// no time yet to meet.
pub fn quiet_from(
    relationship: &Relationship,
    paired_on: Option<Date>,
    last_session: Option<Date>,
) -> Date {
    last_session
        .unwrap_or_else(|| paired_on.map_or(relationship.starts, |on| on.max(relationship.starts)))
}

/// Whether an active pair has gone quiet on `today`: no session since it started (or since
/// its admins re-paired it, `paired_on`), or since the day of its `last_session` (on the same
/// calendar as `today`), for [`HealthSettings::quiet_days`] or more ([`quiet_from`]). The
/// last session is the last one held ([`crate::Session::is_held`]): a meeting booked ahead
/// has not happened yet, nor has one whose time came with nothing logged in it, so it does not
/// hide that the pair has not met. The admins' health list and a participant's reminders
/// (`reminders`) both ask this.
pub fn quiet_signal(
    relationship: &Relationship,
    paired_on: Option<Date>,
    last_session: Option<Date>,
    today: Date,
    settings: HealthSettings,
) -> Option<Signal> {
    if relationship.lifecycle != Lifecycle::Active {
        return None;
    }
    let since = quiet_from(relationship, paired_on, last_session);
    let days = since.days_until(today);
    if days < settings.quiet_days() {
        return None;
    }
    let weeks = (days / 7) as u32;
    Some(match last_session {
        None => Signal::NoSessionYet { weeks },
        Some(_) => Signal::NoSessionFor { weeks },
    })
}

/// Whether the latest shared feedback's mean is lower than the mean of the earlier ones by at
/// least `drop`.
fn ratings_dropping(list: &mut [(Millis, &RecordId, u32)], drop: u32) -> bool {
    crate::order::sort(list);
    let Some(((_, _, latest), earlier)) = list.split_last() else {
        return false;
    };
    if earlier.is_empty() {
        return false;
    }
    let before = earlier.iter().map(|e| e.2).sum::<u32>() / earlier.len() as u32;
    before >= latest + drop
}

/// A request to the host to remind someone of their relationship (the host sends the email).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nudge {
    pub id: RecordId,
    pub programme: RecordId,
    pub relationship: RecordId,
    /// Who is reminded: one of the pair.
    pub to: RecordId,
    /// The signals it is about: every one the pair showed when nudged, by their keys
    /// ([`NUDGE_REASONS`]) in the health list's order, a comma between two ([`Nudge::reasons`]).
    pub reason: String,
    pub by: RecordId,
    pub at: Millis,
}

impl Nudge {
    /// The keys of the signals it is about, as its `reason` holds them.
    pub fn reasons(&self) -> impl Iterator<Item = &str> {
        self.reason.split(REASONS_BETWEEN)
    }
}

/// What stands between two signal keys in a nudge's `reason`: no key holds one.
const REASONS_BETWEEN: char = ',';

/// A pair is nudged at most once in this many days: a reminder repeated sooner is noise to
/// them, and each nudge is an email the host sends. Nudging a pair tells both of them
/// ([`nudge_pair`]): one nudge to each, so each of the pair is nudged about it at most once in
/// this many days.
pub const NUDGE_INTERVAL_DAYS: i64 = 7;

/// The latest of `nudges` about `relationship`.
pub fn last_nudge<'a>(nudges: &'a [Nudge], relationship: &RecordId) -> Option<&'a Nudge> {
    nudges
        .iter()
        .filter(|n| &n.relationship == relationship)
        .max_by_key(|n| (n.at, &n.id))
}

/// An admin's nudge of a pair about every signal it shows (`reasons`, their keys, as the
/// health list has them): one nudge to each of the pair, mentee first, so that the mentor or
/// coach hears of it as the mentee does (each sees only their own, under their reminders).
/// `new_id` is asked once for each.
pub fn nudge_pair(
    relationship: &Relationship,
    reasons: &[impl AsRef<str>],
    by: &RecordId,
    at: Millis,
    mut new_id: impl FnMut() -> RecordId,
) -> [Nudge; 2] {
    [&relationship.mentee, &relationship.mentor].map(|to| Nudge {
        id: new_id(),
        programme: relationship.programme.clone(),
        relationship: relationship.id.clone(),
        to: to.clone(),
        reason: reasons
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(&REASONS_BETWEEN.to_string()),
        by: by.clone(),
        at,
    })
}

/// Whether `relationship`'s pair (`pair`: its mentor and mentee) may be nudged at `at`, given
/// `others` (nudges about any pair, a nudge being checked left out): not while each of them
/// was nudged about it within [`NUDGE_INTERVAL_DAYS`], before or after (a nudge made offline
/// may arrive late). One of them told and the other not (the second of a pair's nudges not
/// saved) leaves the pair to be nudged again, which reaches the other. A screen asks it
/// before offering a nudge.
pub fn check_nudge_interval<'a>(
    relationship: &RecordId,
    pair: [&RecordId; 2],
    at: Millis,
    others: impl IntoIterator<Item = &'a Nudge>,
) -> Result<(), Refusal> {
    let others: Vec<&Nudge> = others.into_iter().collect();
    if pair
        .iter()
        .all(|person| nudged_within(relationship, person, at, &others))
    {
        return Err(nudged_recently());
    }
    Ok(())
}

/// Whether `person` was nudged about `relationship` within [`NUDGE_INTERVAL_DAYS`] of `at`.
fn nudged_within(
    relationship: &RecordId,
    person: &RecordId,
    at: Millis,
    others: &[&Nudge],
) -> bool {
    let interval = NUDGE_INTERVAL_DAYS * crate::time::MS_PER_DAY;
    others.iter().any(|n| {
        &n.relationship == relationship && &n.to == person && (at.0 - n.at.0).abs() < interval
    })
}

fn nudged_recently() -> Refusal {
    refusal!(
        Rule::NudgedRecently,
        "This pair was nudged less than {NUDGE_INTERVAL_DAYS} days ago; nudge them again once {NUDGE_INTERVAL_DAYS} days have passed."
    )
    .with_args([NUDGE_INTERVAL_DAYS])
}

/// Checks a nudge: from an admin of the programme, to one of the pair, about a known signal,
/// and not within [`NUDGE_INTERVAL_DAYS`] of another nudge to the same person about the pair
/// (`others`: the nudges known, of any pair), so the other of the pair is told of the same
/// nudge ([`nudge_pair`]).
pub fn check_nudge(
    nudge: &Nudge,
    relationship: &Relationship,
    programme: &Programme,
    others: &[Nudge],
) -> Result<(), Refusal> {
    if !programme.is_admin(&nudge.by) || relationship.programme != programme.id {
        return Err(refusal!(
            Rule::NotPermitted,
            "Only the admins of {} nudge its pairs.",
            programme.name
        ));
    }
    if nudge.relationship != relationship.id || !relationship.is_party(&nudge.to) {
        return Err(refusal!(
            Rule::NudgeRecipient,
            "A nudge goes to one of the pair; choose the mentor or the mentee."
        ));
    }
    if let Some(unknown) = nudge.reasons().find(|key| !NUDGE_REASONS.contains(key)) {
        return Err(refusal!(
            Rule::UnknownRecord,
            "{unknown:?} is not a signal a nudge can be about; choose among {}.",
            NUDGE_REASONS.join(", ")
        ));
    }
    if relationship.lifecycle.is_over() {
        return Err(refusal!(
            Rule::RelationshipOver,
            "This relationship is over; there is nobody to nudge."
        ));
    }
    let others: Vec<&Nudge> = others.iter().filter(|n| n.id != nudge.id).collect();
    if nudged_within(&relationship.id, &nudge.to, nudge.at, &others) {
        return Err(nudged_recently());
    }
    Ok(())
}

/// The relationship with its planned end moved to `new_end`: later than now planned, not in
/// the past, and within the programme.
pub fn extend(
    relationship: &Relationship,
    programme: &Programme,
    new_end: Date,
    today: Date,
) -> Result<Relationship, Refusal> {
    if relationship.lifecycle.is_over() {
        return Err(refusal!(
            Rule::RelationshipOver,
            "This relationship is over; set up a new one instead of extending it."
        ));
    }
    if new_end <= relationship.planned_end || new_end < today {
        return Err(refusal!(
            Rule::ExtensionEnd,
            "Choose a new end after the planned end ({}) and not in the past.",
            relationship.planned_end
        )
        .with_args([relationship.planned_end]));
    }
    if let Some(ends) = programme.ends.filter(|ends| new_end > *ends) {
        return Err(refusal!(
            Rule::ExtendBeyondProgramme,
            "{} ends on {ends}; extend to that day at most, or extend the programme first.",
            programme.name
        )
        .with_args([programme.name.clone(), ends.to_string()]));
    }
    Ok(Relationship {
        planned_end: new_end,
        ..relationship.clone()
    })
}

/// The relationship ended early with `reason`.
pub fn end_early(relationship: &Relationship, reason: &str) -> Result<Relationship, Refusal> {
    let lifecycle = transition(
        &relationship.lifecycle,
        Lifecycle::EndedEarly {
            reason: reason.trim().to_owned(),
        },
    )?;
    Ok(Relationship {
        lifecycle,
        ..relationship.clone()
    })
}

/// A proposed relationship made active by its programme's admins: the pair's own moves start
/// from here (`relationship::change_by_party`). Only a proposed one starts; a paused one is
/// the pair's to resume. It starts the day it is started, `today`, before or after the date
/// it was set to start (`propose` sets the programme's start): started early, the pair's
/// kick-off session is dated from then (`session::check_session_date`); started late, it is
/// not quiet nor counted for months it did not run ([`quiet_from`], the dashboard). The
/// planned end stays. What a start may break besides its order is
/// `relationship::check_start`'s, which the admins' device and the host both ask.
pub fn start(relationship: &Relationship, today: Date) -> Result<Relationship, Refusal> {
    if relationship.lifecycle != Lifecycle::Proposed {
        return Err(refusal!(
            Rule::LifecycleOrder,
            "Only a proposed relationship starts; this one is {:?}.",
            relationship.lifecycle
        ));
    }
    let lifecycle = transition(&relationship.lifecycle, Lifecycle::Active)?;
    Ok(Relationship {
        lifecycle,
        starts: today,
        ..relationship.clone()
    })
}

/// Whether a proposal `started` by an op written at `at` (its clock's wall time) is dated the
/// day it was started, as [`start`] dates it: that day in any time zone (UTC-12 to UTC+14),
/// and a day earlier for a clock that followed another device's up to a day ahead
/// (`merge::hlc::MAX_AHEAD_MS`). The host asks it of every start pushed, so none keeps the date
/// the proposal was set to start.
pub fn check_started_on(started: &Relationship, at: Millis) -> Result<(), Refusal> {
    const HOUR: i64 = 3_600_000;
    let earliest = Millis(at.0 - crate::merge::hlc::MAX_AHEAD_MS - 12 * HOUR).utc_date();
    let latest = Millis(at.0 + 14 * HOUR).utc_date();
    if (earliest..=latest).contains(&started.starts) {
        return Ok(());
    }
    Err(refusal!(
        Rule::StartedOn,
        "A pair starts the day its admins start it, not on {}: start it again.",
        started.starts
    )
    .with_args([started.starts.to_string()]))
}

/// Re-matching: the relationship ends early with `reason`, and its mentee, still enrolled,
/// is among [`unmatched_mentees`] again for the next matching run.
pub fn rematch(relationship: &Relationship, reason: &str) -> Result<Relationship, Refusal> {
    end_early(relationship, reason)
}

/// Mentees enrolled in the programme with no relationship in it that is not over: who the
/// next matching run pairs.
pub fn unmatched_mentees(records: &ProgrammeRecords) -> Vec<RecordId> {
    let paired: std::collections::BTreeSet<&RecordId> = records
        .relationships
        .iter()
        .filter(|r| !r.lifecycle.is_over())
        .map(|r| &r.mentee)
        .collect();
    let mut list: Vec<RecordId> = records
        .enrolments
        .iter()
        .filter(|e| {
            e.status == crate::EnrolmentStatus::Enrolled
                && e.role == crate::EnrolledAs::Mentee
                && !paired.contains(&e.person)
        })
        .map(|e| e.person.clone())
        .collect();
    crate::order::sort(&mut list);
    list.dedup();
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_counts_one_in_the_singular_and_says_today_for_no_day_left() {
        let said = |s: Signal| s.describe();
        assert_eq!(
            said(Signal::NoSessionYet { weeks: 1 }),
            "no session yet, 1 week in"
        );
        assert_eq!(
            said(Signal::NoSessionFor { weeks: 5 }),
            "no session for 5 weeks"
        );
        assert_eq!(said(Signal::GoalsOverdue { count: 1 }), "1 goal overdue");
        assert_eq!(said(Signal::GoalsAtRisk { count: 2 }), "2 goals at risk");
        assert_eq!(
            said(Signal::NearingEnd { days_left: 1 }),
            "planned end in 1 day"
        );
        assert_eq!(
            said(Signal::NearingEnd { days_left: 0 }),
            "planned end today"
        );
        assert_eq!(
            said(Signal::PastPlannedEnd { days_over: 1 }),
            "1 day past its planned end"
        );
        for signal in [
            Signal::GoalsOverdue { count: 3 },
            Signal::NearingEnd { days_left: 14 },
        ] {
            assert!(!said(signal).contains("(s)"));
        }
    }

    #[test]
    fn an_action_on_a_pair_applies_while_it_can_still_be_taken() {
        let ended = Lifecycle::EndedEarly {
            reason: "moved on".into(),
        };
        for action in HealthAction::ALL {
            assert!(!action.applies_to(&ended), "{action:?}");
            assert!(!action.applies_to(&Lifecycle::Completed), "{action:?}");
            assert!(action.applies_to(&Lifecycle::Proposed), "{action:?}");
        }
        assert!(!HealthAction::Start.applies_to(&Lifecycle::Active));
        assert!(HealthAction::EndEarly.applies_to(&Lifecycle::Paused));
        let keys: Vec<&str> = HealthAction::ALL.iter().map(|a| a.key()).collect();
        assert_eq!(keys, ["start", "nudge", "extend", "endearly", "rematch"]);
    }
}
