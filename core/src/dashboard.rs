//! How a programme is doing, as aggregates only: goals by status over time, sessions per
//! month, the distribution of feedback ratings, and a Kirkpatrick view.
//!
//! Privacy invariant: admin figures are computed from [`ProgrammeRecords`], which
//! [`ProgrammeRecords::gather`] builds from every record the host holds. It keeps what an
//! admin figure may use and nothing else: no private note, no private feedback, no learning
//! entry, no personal goal, and of sessions and feedback only when and how they were rated,
//! never what was said. Every figure about fewer than [`MIN_GROUP`] people is
//! [`Figure::Hidden`], so nobody can be singled out.

use std::collections::{BTreeMap, BTreeSet};

use crate::evaluation::{CheckIn, Observer, OutcomeFigure, SelfAssessment, Stage};
use crate::feedback::{RatingScale, Ratings, Visibility};
use crate::record::AdminChange;
use crate::session::wall_clock_at;
use crate::{
    Change, Date, Directory, Enrolment, Goal, GoalStatus, Lifecycle, Millis, Programme, RecordId,
    Relationship,
};

/// The smallest group of people a figure may describe.
pub const MIN_GROUP: usize = 5;
/// The most months a time series covers (the latest ones).
pub const MONTHS_MAX: usize = 120;

/// A figure as an admin may see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Figure<T> {
    /// Nothing was recorded that this figure could be computed from.
    Absent,
    /// Computed from fewer than [`MIN_GROUP`] people: not shown.
    Hidden,
    Shown(T),
}

impl<T> Figure<T> {
    pub fn shown(&self) -> Option<&T> {
        match self {
            Figure::Shown(value) => Some(value),
            _ => None,
        }
    }
}

/// What a hidden figure says instead of its value.
pub const HIDDEN_TEXT: &str = "hidden: fewer than 5";

/// A session, as far as an admin figure may know it: which pair met, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionFact {
    pub relationship: RecordId,
    pub at: Millis,
    /// Its date in its own zone (`Session::time_zone`), as the pair saw it: the day and month
    /// every figure counts it in. 00:30 on 1 July in London is July's, not June's.
    pub day: Date,
    /// Logged with the pair as it is now: not with a partner its admins replaced since.
    pub pair_now: bool,
    /// Something was logged in it (`Session::is_filled`), never what: one planned and left
    /// empty is not held when its time comes.
    pub filled: bool,
}

/// Feedback, as far as an admin figure may know it: its ratings, never its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatingFact {
    pub relationship: RecordId,
    pub giver: RecordId,
    pub given_at: Millis,
    pub ratings: Ratings,
    /// Shared with the pair (it may feed the pair's health signal); otherwise given for
    /// anonymous aggregates only.
    pub shared_with_pair: bool,
}

/// Everything admin figures of one programme are computed from.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeRecords {
    pub programme: Programme,
    pub enrolments: Vec<Enrolment>,
    pub relationships: Vec<Relationship>,
    /// Goals set in the programme's relationships by one of their parties now (personal
    /// goals stay their owner's).
    pub goals: Vec<Goal>,
    pub sessions: Vec<SessionFact>,
    pub ratings: Vec<RatingFact>,
    pub self_assessments: Vec<SelfAssessment>,
    pub check_ins: Vec<CheckIn>,
    /// The host's outcome figures, if it sends any.
    pub outcomes: Option<Vec<OutcomeFigure>>,
    /// Relationships ended before they started (a proposal declined, withdrawn or
    /// cancelled), as whoever holds their history reads it
    /// (`reminders::marks_ended_unstarted`): they never paired anyone, so they are counted
    /// apart from pairings ended early ([`STAGES`]). Empty from [`ProgrammeRecords::gather`].
    pub ended_unstarted: BTreeSet<RecordId>,
    /// When each relationship's lifecycle was last written, as whoever holds its history
    /// reads it: for one that is over, when it ended (the relationships CSV's `ended` is its
    /// day; no session after it is held, [`ProgrammeRecords::held_sessions`]).
    /// Empty from [`ProgrammeRecords::gather`].
    pub ended_on: BTreeMap<RecordId, Millis>,
    /// When each relationship re-paired by its admins (its mentor or mentee replaced) was
    /// last re-paired, as whoever holds its history reads it: its quiet time counts from then
    /// until the pair as it is now meets (`health::relationship_health`). None for a pair
    /// never re-paired. Empty from [`ProgrammeRecords::gather`].
    pub paired_on: BTreeMap<RecordId, Millis>,
    /// The offset from UTC (minutes east) of the zone of the admin the figures are for, at
    /// the time they are asked: a pair's health is judged on that admin's day
    /// ([`ProgrammeRecords::today`]), not the UTC day. 0 from [`ProgrammeRecords::gather`].
    pub reader_offset_minutes: i32,
}

impl ProgrammeRecords {
    /// Picks out of every record the host holds what admin figures of `programme` may use.
    /// `zone_offset`: a zone's offset from UTC at an instant (minutes east; 0 for a zone it
    /// does not know), from the host's zone database, for each session's own day (the core
    /// has no zone rules).
    pub fn gather(
        programme: &Programme,
        changes: &[Change],
        admin_records: &[AdminChange],
        outcomes: Option<Vec<OutcomeFigure>>,
        zone_offset: &dyn Fn(Millis, &str) -> i32,
    ) -> ProgrammeRecords {
        let relationships: Vec<Relationship> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Relationship(r) if r.programme == programme.id => Some(r.clone()),
                _ => None,
            })
            .collect();
        let in_programme: BTreeSet<&RecordId> = relationships.iter().map(|r| &r.id).collect();
        let mut records = ProgrammeRecords {
            programme: programme.clone(),
            enrolments: Vec::new(),
            relationships: Vec::new(),
            goals: Vec::new(),
            sessions: Vec::new(),
            ratings: Vec::new(),
            self_assessments: Vec::new(),
            check_ins: Vec::new(),
            outcomes,
            ended_unstarted: BTreeSet::new(),
            ended_on: BTreeMap::new(),
            paired_on: BTreeMap::new(),
            reader_offset_minutes: 0,
        };
        for change in changes {
            match change {
                // A goal stays with its owner when they are taken off the pair: it is no
                // longer the pair's (`goal::goals_in` shows it to neither of them).
                Change::Goal(g)
                    if (relationships.iter())
                        .find(|r| g.relationship.as_ref() == Some(&r.id))
                        .is_some_and(|r| r.is_party(&g.owner)) =>
                {
                    records.goals.push(g.clone())
                }
                Change::Session(s) if in_programme.contains(&s.relationship) => {
                    records.sessions.push(SessionFact {
                        relationship: s.relationship.clone(),
                        at: s.at,
                        day: wall_clock_at(s.at, zone_offset(s.at, &s.time_zone)).utc_date(),
                        pair_now: (relationships.iter())
                            .find(|r| r.id == s.relationship)
                            .is_some_and(|r| s.logged_with(&r.mentor) && s.logged_with(&r.mentee)),
                        filled: s.is_filled(),
                    })
                }
                Change::Feedback(f)
                    if in_programme.contains(&f.relationship)
                        && f.visibility != Visibility::PrivateToReceiver =>
                {
                    records.ratings.push(RatingFact {
                        relationship: f.relationship.clone(),
                        giver: f.giver.clone(),
                        given_at: f.given_at,
                        ratings: f.ratings.clone(),
                        shared_with_pair: f.visibility == Visibility::SharedWithPair,
                    })
                }
                // Private notes, private feedback, learning entries and personal goals never
                // feed an admin figure.
                _ => {}
            }
        }
        for record in admin_records {
            match record {
                AdminChange::Enrolment(e) if e.programme == programme.id => {
                    records.enrolments.push(e.clone())
                }
                AdminChange::SelfAssessment(a) if a.programme == programme.id => {
                    records.self_assessments.push(a.clone())
                }
                AdminChange::CheckIn(c) if c.programme == programme.id => {
                    records.check_ins.push(c.clone())
                }
                _ => {}
            }
        }
        records.relationships = relationships;
        records
    }

    /// The admin's day at `now` (`reader_offset_minutes`): at 01:00 in Dubai it is already
    /// the next day there while UTC is still on the one before.
    pub fn today(&self, now: Millis) -> Date {
        crate::session::wall_clock_at(now, self.reader_offset_minutes).utc_date()
    }

    /// The part of the lifecycle breakdown `r` is counted in: its index in [`STAGES`].
    pub fn stage(&self, r: &Relationship) -> usize {
        match &r.lifecycle {
            Lifecycle::Proposed => 0,
            Lifecycle::Active => 1,
            Lifecycle::Paused => 2,
            Lifecycle::Completed => 3,
            Lifecycle::EndedEarly { .. } if self.ended_unstarted.contains(&r.id) => 5,
            Lifecycle::EndedEarly { .. } => 4,
        }
    }

    /// The sessions held by `now` ([`Session::is_held`](crate::Session::is_held): begun,
    /// with something logged in it): every figure of sessions met counts these, never one still
    /// to come or left empty, nor one planned for
    /// after its pair ended ([`ProgrammeRecords::ended_on`]): a pair that is over holds no
    /// more sessions, as its participants read it (`session::takes_place_ahead`).
    pub fn held_sessions(&self, now: Millis) -> impl Iterator<Item = &SessionFact> {
        let ended: BTreeMap<&RecordId, Millis> = (self.relationships.iter())
            .filter(|r| r.lifecycle.is_over())
            .filter_map(|r| Some((&r.id, *self.ended_on.get(&r.id)?)))
            .collect();
        (self.sessions.iter()).filter(move |s| {
            crate::session::held_by(s.at, now)
                && s.filled
                && ended.get(&s.relationship).is_none_or(|end| s.at <= *end)
        })
    }
}

/// The parts of the relationships' lifecycle breakdown, as exports name them: a proposal
/// declined, withdrawn or cancelled before it started is not a pairing ended early.
pub const STAGES: [&str; 6] = [
    "proposed",
    "active",
    "paused",
    "completed",
    "ended-early",
    "declined-or-withdrawn",
];

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(date: Date) -> Month {
        let (year, month, _) = date.ymd();
        Month { year, month }
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Parses `YYYY-MM`, as [`Month`] is written for hosts.
    pub fn parse(text: &str) -> Result<Month, String> {
        Date::parse(&format!("{text}-01"))
            .map(Month::of)
            .map_err(|_| format!("{text:?} is not a month; write it as YYYY-MM, e.g. 2026-03"))
    }

    /// The month's first day.
    pub fn first_day(self) -> Date {
        Date::from_ymd(self.year, self.month, 1).expect("the first of a month exists")
    }

    /// The month's last day.
    pub fn last_day(self) -> Date {
        let next = self.next();
        Date::from_ymd(next.year, next.month, 1)
            .expect("the first of a month exists")
            .add_days(-1)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Up to [`MIN_GROUP`] distinct people: all a figure needs to know is whether it reached
/// that many, so counting stops there.
#[derive(Default)]
struct FewPeople<'a> {
    seen: Vec<&'a RecordId>,
}

impl<'a> FewPeople<'a> {
    fn add(&mut self, person: &'a RecordId) {
        if self.seen.len() < MIN_GROUP && !self.seen.contains(&person) {
            self.seen.push(person);
        }
    }

    fn enough(&self) -> bool {
        self.seen.len() >= MIN_GROUP
    }
}

/// A count of things some people contributed to, with the small-group rule.
#[derive(Default)]
struct Tally<'a> {
    count: u32,
    people: FewPeople<'a>,
}

impl<'a> Tally<'a> {
    fn add(&mut self, people: &[&'a RecordId]) {
        self.count += 1;
        for person in people {
            self.people.add(person);
        }
    }

    fn figure(&self) -> Figure<u32> {
        if self.count == 0 || self.people.enough() {
            Figure::Shown(self.count)
        } else {
            Figure::Hidden
        }
    }
}

/// The figures of one breakdown (a row of a chart). A row that fewer people than the
/// small-group rule allows contributed to is hidden whole: its shown zeros would say which
/// parts the hidden few are in (one anonymous rating of 1 would read `[hidden, 0, 0, 0, 0]`).
/// When exactly one part is hidden, the smallest shown part is hidden too, so the hidden one
/// cannot be worked out from a total.
fn breakdown(tallies: &[Tally<'_>]) -> Vec<Figure<u32>> {
    let mut figures: Vec<Figure<u32>> = tallies.iter().map(Tally::figure).collect();
    if !figures.contains(&Figure::Hidden) {
        return figures;
    }
    let mut row = FewPeople::default();
    for person in tallies.iter().flat_map(|t| &t.people.seen) {
        row.add(person);
    }
    if !row.enough() {
        return vec![Figure::Hidden; figures.len()];
    }
    if figures.iter().filter(|f| **f == Figure::Hidden).count() == 1 {
        let smallest = figures
            .iter()
            .enumerate()
            .filter_map(|(n, f)| f.shown().filter(|c| **c > 0).map(|c| (*c, n)))
            .min();
        if let Some((_, n)) = smallest {
            figures[n] = Figure::Hidden;
        }
    }
    figures
}

/// A mean of scores from 1 to 5, in hundredths (no floating point in the core).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mean {
    pub hundredths: u32,
    pub count: u32,
}

#[derive(Default)]
struct MeanTally<'a> {
    sum: u64,
    count: u32,
    people: FewPeople<'a>,
}

impl<'a> MeanTally<'a> {
    fn add(&mut self, score: u8, person: &'a RecordId) {
        self.sum += u64::from(score);
        self.count += 1;
        self.people.add(person);
    }

    fn figure(&self) -> Figure<Mean> {
        if self.count == 0 {
            Figure::Absent
        } else if !self.people.enough() {
            Figure::Hidden
        } else {
            let count = u64::from(self.count);
            Figure::Shown(Mean {
                hundredths: ((self.sum * 100 + count / 2) / count) as u32,
                count: self.count,
            })
        }
    }
}

/// Goals that existed at a month's end, by status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalsAt {
    pub month: Month,
    /// On track, at risk, achieved, dropped — for goals not changed since that month.
    pub by_status: [Figure<u32>; 4],
    /// Goals changed since: their status then was not recorded, and is not guessed.
    pub changed_since: Figure<u32>,
}

pub const STATUS_ORDER: [GoalStatus; 4] = [
    GoalStatus::OnTrack,
    GoalStatus::AtRisk,
    GoalStatus::Achieved,
    GoalStatus::Dropped,
];

/// How often each rating (1 to 5) was given on one scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatingDistribution {
    pub scale: RatingScale,
    pub counts: [Figure<u32>; 5],
}

/// Start and end self-assessments of the people who gave both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LearningShift {
    pub people: u32,
    pub start: Mean,
    pub end: Mean,
    /// How many scored themselves higher at the end.
    pub improved: u32,
}

/// Kirkpatrick's four levels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kirkpatrick {
    /// Reaction: feedback ratings, all scales together.
    pub reaction: Figure<Mean>,
    /// Learning: start against end self-assessment.
    pub learning: Figure<LearningShift>,
    /// Behaviour: check-ins by managers and by peers.
    pub behaviour_by_managers: Figure<Mean>,
    pub behaviour_by_peers: Figure<Mean>,
    /// Results: the host's outcome figures, as sent.
    pub results: Figure<Vec<OutcomeFigure>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dashboard {
    pub programme: RecordId,
    pub as_of: Date,
    /// Who takes part, counted as the programme screen and a matching run count them
    /// (`matching::Enrolment::for_programme`): mentees and mentors from the enrolment list, or
    /// from the HR directory while the programme never had one; and the people invited, in
    /// either role, who have not accepted yet (`matching::Enrolment::invited`: not matched).
    pub mentees: Figure<u32>,
    pub mentors: Figure<u32>,
    pub invited: Figure<u32>,
    /// Relationships by lifecycle ([`STAGES`]): proposed, active, paused, completed, ended
    /// early, declined or withdrawn before they started.
    pub relationships: [Figure<u32>; 6],
    pub goals_by_status: Vec<GoalsAt>,
    pub sessions_per_month: Vec<(Month, Figure<u32>)>,
    pub ratings: Vec<RatingDistribution>,
    pub kirkpatrick: Kirkpatrick,
}

/// The months a programme's series cover: from its start to `as_of` (or its end, if
/// earlier), at most the latest [`MONTHS_MAX`].
pub fn months_of(programme: &Programme, as_of: Date) -> Vec<Month> {
    months_from(programme.starts, programme, as_of, None)
}

/// As [`months_of`], from the month of `first` (a day before the programme's start, for its
/// sessions: a pair may start early) to the month of `latest` when that is after the
/// programme's end (a pair may meet after it).
fn months_from(
    first: Date,
    programme: &Programme,
    as_of: Date,
    latest: Option<Date>,
) -> Vec<Month> {
    let last_day = programme.ends.map_or(as_of, |end| end.min(as_of));
    let last_day = latest.map_or(last_day, |latest| last_day.max(latest.min(as_of)));
    if last_day < first {
        return Vec::new();
    }
    let (first, last) = (Month::of(first), Month::of(last_day));
    let mut months = Vec::new();
    let mut month = first;
    while month <= last {
        months.push(month);
        month = month.next();
    }
    let skip = months.len().saturating_sub(MONTHS_MAX);
    months.split_off(skip)
}

fn status_index(status: GoalStatus) -> usize {
    STATUS_ORDER
        .iter()
        .position(|s| *s == status)
        .expect("every status is listed")
}

/// The programme's dashboard at `now` (its figures as of the admin's day then,
/// [`ProgrammeRecords::today`], as the health list judges); `directory` gives its participants
/// while it has no enrolment list.
pub fn dashboard(records: &ProgrammeRecords, directory: &Directory, now: Millis) -> Dashboard {
    let as_of = records.today(now);
    let months = months_of(&records.programme, as_of);

    let cohort = crate::matching::Enrolment::for_programme(
        directory,
        &records.programme,
        (&records.enrolments, &records.relationships),
        as_of,
    );
    let mut mentees = Tally::default();
    let mut mentors = Tally::default();
    let mut invited = Tally::default();
    for person in &cohort.mentees {
        mentees.add(&[person]);
    }
    for (person, _) in &cohort.mentors {
        mentors.add(&[person]);
    }
    for (person, _) in &cohort.invited {
        invited.add(&[person]);
    }

    let mut lifecycles: [Tally<'_>; 6] = Default::default();
    let mut parties: BTreeMap<&RecordId, [&RecordId; 2]> = BTreeMap::new();
    for r in &records.relationships {
        lifecycles[records.stage(r)].add(&[&r.mentor, &r.mentee]);
        parties.insert(&r.id, [&r.mentor, &r.mentee]);
    }

    // A goal's status is known at a month's end if it has not changed since; goals do not
    // record their status history, so an earlier status is never guessed.
    let month_ends: Vec<Date> = months.iter().map(|m| m.last_day().min(as_of)).collect();
    let mut goals: Vec<([Tally<'_>; 4], Tally<'_>)> =
        months.iter().map(|_| Default::default()).collect();
    for g in &records.goals {
        let created = g.created_at.utc_date();
        let updated = g.updated_at.utc_date();
        let first = month_ends.partition_point(|end| *end < created);
        for (n, end) in month_ends.iter().enumerate().skip(first) {
            if updated <= *end {
                goals[n].0[status_index(g.status)].add(&[&g.owner]);
            } else {
                goals[n].1.add(&[&g.owner]);
            }
        }
    }
    let goals_by_status = months
        .iter()
        .zip(&goals)
        .map(|(month, (by_status, changed))| {
            let figures = breakdown(by_status);
            GoalsAt {
                month: *month,
                by_status: [
                    figures[0].clone(),
                    figures[1].clone(),
                    figures[2].clone(),
                    figures[3].clone(),
                ],
                changed_since: changed.figure(),
            }
        })
        .collect();

    // A pair may start before its programme does, or meet after it ended: the sessions chart
    // then runs from the month of the earliest session to that of the latest, so none held
    // is left out.
    let held_days = || {
        (records.held_sessions(now))
            .filter(|s| parties.contains_key(&s.relationship))
            .map(|s| s.day)
    };
    let first = held_days().min().map_or(records.programme.starts, |d| {
        d.min(records.programme.starts)
    });
    let session_months = months_from(first, &records.programme, as_of, held_days().max());
    let mut sessions: Vec<Tally<'_>> = session_months.iter().map(|_| Tally::default()).collect();
    for s in records.held_sessions(now) {
        let n = session_months.binary_search(&Month::of(s.day)).ok();
        if let (Some(n), Some(pair)) = (n, parties.get(&s.relationship)) {
            sessions[n].add(pair);
        }
    }

    let mut ratings: [[Tally<'_>; 5]; 4] = Default::default();
    let mut reaction = MeanTally::default();
    for fact in &records.ratings {
        for (scale, rating) in fact.ratings.iter() {
            if !(1..=5).contains(rating) {
                continue;
            }
            let scale_index = RatingScale::ALL
                .iter()
                .position(|s| s == scale)
                .expect("every scale is listed");
            ratings[scale_index][usize::from(*rating) - 1].add(&[&fact.giver]);
            reaction.add(*rating, &fact.giver);
        }
    }

    Dashboard {
        programme: records.programme.id.clone(),
        as_of,
        mentees: mentees.figure(),
        mentors: mentors.figure(),
        invited: invited.figure(),
        relationships: to_array(breakdown(&lifecycles)),
        goals_by_status,
        sessions_per_month: session_months
            .iter()
            .zip(&sessions)
            .map(|(m, t)| (*m, t.figure()))
            .collect(),
        ratings: RatingScale::ALL
            .iter()
            .zip(&ratings)
            .map(|(scale, tallies)| RatingDistribution {
                scale: *scale,
                counts: to_array(breakdown(tallies)),
            })
            .collect(),
        kirkpatrick: Kirkpatrick {
            reaction: reaction.figure(),
            learning: learning_shift(&records.self_assessments),
            behaviour_by_managers: check_in_mean(&records.check_ins, Observer::Manager),
            behaviour_by_peers: check_in_mean(&records.check_ins, Observer::Peer),
            results: match &records.outcomes {
                Some(figures) if !figures.is_empty() => Figure::Shown(figures.clone()),
                _ => Figure::Absent,
            },
        },
    }
}

fn to_array<const N: usize>(figures: Vec<Figure<u32>>) -> [Figure<u32>; N] {
    figures
        .try_into()
        .unwrap_or_else(|_| unreachable!("one figure per part"))
}

fn learning_shift(assessments: &[SelfAssessment]) -> Figure<LearningShift> {
    if assessments.is_empty() {
        return Figure::Absent;
    }
    // Each person's latest start and latest end assessment.
    let mut latest: BTreeMap<(&RecordId, Stage), &SelfAssessment> = BTreeMap::new();
    for a in assessments.iter().filter(|a| (1..=5).contains(&a.score)) {
        let slot = latest.entry((&a.person, a.stage)).or_insert(a);
        if (a.written_at, &a.id) > (slot.written_at, &slot.id) {
            *slot = a;
        }
    }
    let (mut start, mut end) = (MeanTally::default(), MeanTally::default());
    let mut improved = 0;
    for ((person, stage), first) in &latest {
        if *stage != Stage::Start {
            continue;
        }
        if let Some(last) = latest.get(&(*person, Stage::End)) {
            start.add(first.score, person);
            end.add(last.score, person);
            improved += u32::from(last.score > first.score);
        }
    }
    match (start.figure(), end.figure()) {
        (Figure::Shown(start), Figure::Shown(end)) => Figure::Shown(LearningShift {
            people: start.count,
            start,
            end,
            improved,
        }),
        (Figure::Absent, _) => Figure::Absent,
        _ => Figure::Hidden,
    }
}

fn check_in_mean(check_ins: &[CheckIn], observer: Observer) -> Figure<Mean> {
    let mut tally = MeanTally::default();
    for c in check_ins
        .iter()
        .filter(|c| c.observer == observer && (1..=5).contains(&c.score))
    {
        tally.add(c.score, &c.about);
    }
    tally.figure()
}
