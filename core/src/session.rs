//! One-to-one sessions: when and where the pair met, notes structured by GROW, the
//! conversation skills used, and the action items agreed.

use crate::health::Nudge;
use crate::relationship::check_under_way;
use crate::rules::{text_within, Refusal, Rule};
use crate::time::MS_PER_DAY;
use crate::{Date, Feedback, Millis, RecordId, Relationship, RelationshipKind};

pub const SESSION_MIN_MINUTES: u16 = 5;
pub const SESSION_MAX_MINUTES: u16 = 480;
/// A private note's length.
pub const NOTES_MAX_CHARS: usize = 10_000;
/// Each of a session's GROW notes, as long as the agreement, feedback and learning log allow.
pub const GROW_MAX_CHARS: usize = 2_000;
/// How far ahead of today a session may be planned.
pub const SESSION_MAX_DAYS_AHEAD: i32 = 365;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    InPerson { location: String },
    Online,
}

/// The GROW model: Goal, Reality, Options, Will. Shared by the pair.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grow {
    pub goal: String,
    pub reality: String,
    pub options: String,
    pub will: String,
}

/// The skills coaching and mentoring share (questioning, listening, clarifying, reframing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConversationSkill {
    Questioning,
    Listening,
    Clarifying,
    Reframing,
}

impl ConversationSkill {
    pub const ALL: [ConversationSkill; 4] = [
        ConversationSkill::Questioning,
        ConversationSkill::Listening,
        ConversationSkill::Clarifying,
        ConversationSkill::Reframing,
    ];
}

/// The skills a session used, a set of [`ConversationSkill`]s held as bits and read in
/// [`ConversationSkill::ALL`]'s order (as a `BTreeSet` read them). A `BTreeSet` of its own
/// compiled a whole B-tree for four values into the widget.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Skills(u8);

impl Skills {
    pub fn new() -> Self {
        Self(0)
    }

    fn bit(skill: &ConversationSkill) -> u8 {
        1 << (*skill as u8)
    }

    pub fn contains(&self, skill: &ConversationSkill) -> bool {
        self.0 & Self::bit(skill) != 0
    }

    /// Whether it was not there yet.
    pub fn insert(&mut self, skill: ConversationSkill) -> bool {
        let new = !self.contains(&skill);
        self.0 |= Self::bit(&skill);
        new
    }

    /// Whether it was there.
    pub fn remove(&mut self, skill: &ConversationSkill) -> bool {
        let was = self.contains(skill);
        self.0 &= !Self::bit(skill);
        was
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static ConversationSkill> + '_ {
        const ALL: &[ConversationSkill; 4] = &ConversationSkill::ALL;
        ALL.iter().filter(|skill| self.contains(skill))
    }
}

impl FromIterator<ConversationSkill> for Skills {
    fn from_iter<I: IntoIterator<Item = ConversationSkill>>(skills: I) -> Self {
        let mut set = Skills::new();
        for skill in skills {
            set.insert(skill);
        }
        set
    }
}

impl<const N: usize> From<[ConversationSkill; N]> for Skills {
    fn from(skills: [ConversationSkill; N]) -> Self {
        skills.into_iter().collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionItem {
    pub id: RecordId,
    pub text: String,
    pub owner: RecordId,
    pub due: Date,
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: RecordId,
    pub relationship: RecordId,
    pub author: RecordId,
    /// The author's partner in the relationship when the session was logged: with the author,
    /// the pair it belongs to. Whoever replaces either of them later was not in the room.
    /// `None` on sessions stored before the pair was recorded, or pushed by a widget from
    /// before it (see [`Session::logged_with`]); the host records it for them from its log.
    pub partner: Option<RecordId>,
    pub at: Millis,
    /// The IANA zone the time was entered in, so each party sees it in their own zone.
    pub time_zone: String,
    pub minutes: u16,
    pub place: Place,
    pub grow: Grow,
    pub skills: Skills,
    pub actions: Vec<ActionItem>,
    pub goals: Vec<RecordId>,
}

impl Session {
    /// Whether `person` was in the pair this session was logged with. A session stored before
    /// the pair was recorded counts as logged with whoever its pair is now: nothing says
    /// otherwise, and that is who could read it until then. The host knows better from its op
    /// log and records the pair for such a session (the reference portal at start and on
    /// push, docs/adapter.md), so a partner put in later never receives it.
    pub fn logged_with(&self, person: &RecordId) -> bool {
        match &self.partner {
            Some(partner) => &self.author == person || partner == person,
            None => true,
        }
    }

    /// When the session ends: its start and its length.
    pub fn ends_at(&self) -> Millis {
        Millis(
            self.at
                .0
                .saturating_add(i64::from(self.minutes) * MS_PER_MINUTE),
        )
    }

    /// Whether the session has ended at `now` (one under way has not).
    pub fn is_over(&self, now: Millis) -> bool {
        self.ends_at() <= now
    }

    /// Whether something was written in it: what was said under Goal, Reality, Options or
    /// Will, or an action item. A session held needs it ([`check_held_session_filled`]); one
    /// planned ahead may be empty.
    pub fn is_filled(&self) -> bool {
        let grow = &self.grow;
        let notes = [&grow.goal, &grow.reality, &grow.options, &grow.will]
            .iter()
            .any(|text| !text.trim().is_empty());
        notes || !self.actions.is_empty()
    }

    /// Whether it counts as held at `now`: its time has come ([`held_by`]) and something was
    /// logged in it ([`Session::is_filled`]), as the widget asks of a session it saves held. One
    /// planned empty whose time has passed says nothing of a meeting: it is not met, not the
    /// last session, nor in a count of sessions held until what was said is logged.
    pub fn is_held(&self, now: Millis) -> bool {
        held_by(self.at, now) && self.is_filled()
    }

    /// Whether its time has come at `now` with nothing logged in it: not held until what was
    /// said is ([`Session::is_held`]), so its card invites its author to log it. One planned
    /// for after its pair ended is not ([`not_held_after_end`]): that one is not held at all.
    pub fn awaits_notes(&self, now: Millis) -> bool {
        held_by(self.at, now) && !self.is_filled()
    }

    /// The other person of the pair recorded with this session, for `person` in it; `None`
    /// when they are not in it, or no pair is recorded.
    pub fn recorded_partner_of(&self, person: &RecordId) -> Option<&RecordId> {
        match &self.partner {
            Some(partner) if &self.author == person => Some(partner),
            Some(partner) if partner == person => Some(&self.author),
            _ => None,
        }
    }

    /// The other person of the pair this session was logged with, for `person` in it. A
    /// session stored before the pair was recorded is with `relationship`'s pair as it is now
    /// (as [`Session::logged_with`] counts it).
    pub fn partner_of<'a>(
        &'a self,
        person: &RecordId,
        relationship: &'a Relationship,
    ) -> Option<&'a RecordId> {
        match &self.partner {
            Some(_) => self.recorded_partner_of(person),
            None if &self.author == person => relationship.partner_of(person),
            None if relationship.is_party(person) => Some(&self.author),
            None => None,
        }
    }
}

/// A party's own notes on a session. A separate record so that it can never travel with the
/// shared session: only its owner may see it (see `permissions`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrivateNote {
    pub id: RecordId,
    pub owner: RecordId,
    pub session: RecordId,
    pub text: String,
}

/// Checks a new session against its relationship before it is saved: one not started yet or
/// over takes none ([`check_under_way`]), though the sessions it holds may still be changed.
pub fn check_session(session: &Session, relationship: &Relationship) -> Result<(), Refusal> {
    check_under_way(relationship)?;
    check_logged_session(session, relationship)
}

/// Checks a session as stored, new or not, against its relationship (its pair, its content).
pub fn check_logged_session(session: &Session, relationship: &Relationship) -> Result<(), Refusal> {
    check_logged_session_since(session, None, relationship)
}

fn check_logged_session_since(
    session: &Session,
    before: Option<&Session>,
    relationship: &Relationship,
) -> Result<(), Refusal> {
    if session.relationship != relationship.id || !relationship.is_party(&session.author) {
        return Err(refusal!(
            Rule::NotPermitted,
            "Only the two people in a relationship can log its sessions."
        ));
    }
    // The pair it is logged with decides who reads it: only the author's partner now.
    if let Some(partner) = &session.partner {
        if relationship.partner_of(&session.author) != Some(partner) {
            return Err(refusal!(
                Rule::NotPermitted,
                "A session is logged with the author's partner in the relationship; {partner} is not."
            ));
        }
    }
    check_session_content(session, before, &|owner| relationship.is_party(owner))
}

/// Checks a session as stored against its relationship: its content judged with the pair it
/// was logged with ([`owns_with`], as [`check_session_edit`] does), not the relationship's
/// pair now, so a session logged before a re-pairing is held to every rule like any other
/// and takes no action item of whoever took one of its pair's place. Who its pair is was
/// checked when it was logged ([`check_logged_session`]) and never changes
/// (`permissions::session_field_is_fixed`); one stored without its pair recorded is the
/// pair's as it is now, so is judged as new. `before` is the session as stored: a GROW note it
/// kept unchanged is not held to a cap made shorter since ([`check_session_body`]).
pub fn check_stored_session(
    session: &Session,
    before: &Session,
    relationship: &Relationship,
) -> Result<(), Refusal> {
    if session.partner.is_none() {
        return check_logged_session_since(session, Some(before), relationship);
    }
    if session.relationship != relationship.id {
        return Err(refusal!(
            Rule::NotPermitted,
            "Only the two people in a relationship can log its sessions."
        ));
    }
    check_session_content(session, Some(before), &|owner| {
        owns_with(session, relationship, owner)
    })
}

/// What a session says, new or changed: its length, its notes, and its action items, each
/// owned by someone `may_own` accepts (the pair it is with) and not due before it: before its
/// day in any zone, as the core does not know the zone's rules (the widget asks the session's
/// own day too, [`check_session_day`]). `before`: the session as stored, for a change.
fn check_session_content(
    session: &Session,
    before: Option<&Session>,
    may_own: &dyn Fn(&RecordId) -> bool,
) -> Result<(), Refusal> {
    check_session_body(session, before)?;
    let session_day = earliest_day_anywhere(session.at);
    for action in &session.actions {
        check_action(action, session_day, may_own)?;
    }
    Ok(())
}

/// The date of `at` in the zone furthest west (UTC-12): the earliest day it is anywhere.
fn earliest_day_anywhere(at: Millis) -> Date {
    Millis(at.0.saturating_sub(12 * 3_600_000)).utc_date()
}

/// The day `action` of `session` may be due from, `day` being the session's day in its own
/// zone. An item stored with its date, in a session whose time is kept (`before`: as stored),
/// is held only to its day in any zone, as it was when the rule read the UTC day.
fn due_from(session: &Session, before: Option<&Session>, action: &ActionItem, day: Date) -> Date {
    let kept = before.is_some_and(|b| {
        b.at == session.at && (b.actions.iter()).any(|a| a.id == action.id && a.due == action.due)
    });
    if kept {
        earliest_day_anywhere(session.at)
    } else {
        day
    }
}

/// A session lasts from [`SESSION_MIN_MINUTES`] to [`SESSION_MAX_MINUTES`]: asked of every
/// session, and by the session form of a length it could not hold.
pub fn check_session_minutes(minutes: u16) -> Result<(), Refusal> {
    if (SESSION_MIN_MINUTES..=SESSION_MAX_MINUTES).contains(&minutes) {
        return Ok(());
    }
    Err(refusal!(
        Rule::SessionLength,
        "A session lasts from {SESSION_MIN_MINUTES} minutes to {} hours; {minutes} minutes is \
             outside that.",
        SESSION_MAX_MINUTES / 60
    )
    .with_args([SESSION_MIN_MINUTES, SESSION_MAX_MINUTES / 60, minutes]))
}

/// A session's length and notes, checked before its action items. A GROW note is held to
/// [`GROW_MAX_CHARS`] only when new or changed (`before`: the session as stored): a session
/// saved under a longer cap stays editable, by the widget and the host alike, without its
/// author having to cut a note they are not touching.
fn check_session_body(session: &Session, before: Option<&Session>) -> Result<(), Refusal> {
    check_session_minutes(session.minutes)?;
    match grow_too_long(&session.grow, before.map(|b| &b.grow)) {
        Some((field, text)) => text_within(field, text, GROW_MAX_CHARS),
        None => Ok(()),
    }
}

/// The GROW notes' names, in the order of the form.
const GROW_FIELDS: [&str; 4] = ["Goal notes", "Reality notes", "Options notes", "Will notes"];

/// Which of the GROW notes is refused for its length, first in the form's order (0: Goal to
/// 3: Will), so a screen marks that field alone. One unchanged from `before` (the notes as
/// stored) is not refused.
pub fn grow_too_long_at(grow: &Grow, before: Option<&Grow>) -> Option<usize> {
    let texts = grow_texts(grow);
    let old = before.map(grow_texts);
    (0..texts.len()).find(|&n| {
        texts[n].chars().count() > GROW_MAX_CHARS && old.is_none_or(|old| old[n] != texts[n])
    })
}

fn grow_texts(grow: &Grow) -> [&String; 4] {
    [&grow.goal, &grow.reality, &grow.options, &grow.will]
}

fn grow_too_long<'a>(grow: &'a Grow, before: Option<&Grow>) -> Option<(&'static str, &'a String)> {
    grow_too_long_at(grow, before).map(|n| (GROW_FIELDS[n], grow_texts(grow)[n]))
}

/// When a pair that is over ended, as its judge knows it: the time of the write that ended it
/// (`reminders::ending` on the device, the host's own log), and that time's date where the
/// judge is (the person's own zone in the widget, UTC on the host), which a refusal names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairEnded {
    pub at: Millis,
    pub on: Date,
}

/// A session's date falls within its relationship: not before the day it started, and at
/// most [`SESSION_MAX_DAYS_AHEAD`] days after `today` (the judge's date: the person's own in
/// the widget, the host's). The instant is judged on its date in any time zone (from UTC-12
/// to UTC+14), as the core does not know the zone's rules: a session early on the first
/// day in Dubai is on that day, though on the day before in UTC. A relationship extended
/// past its planned end keeps its sessions, so the planned end is not a bound; nothing new is
/// logged in one that is over (`check_session`), and one of its sessions is not moved to
/// after it ended (`ended`, while `relationship` is over: `Rule::SessionAfterEnd`), where it
/// would never be held ([`not_held_after_end`]): an edit form open on another device when the
/// pair ended would otherwise save it so. A change (`before`: the session as stored)
/// that keeps its time is not asked again, by the widget or the host: the date was judged
/// when set, and a session dated before a start moved later, or planned for after an end,
/// stays editable (and deletable).
pub fn check_session_date(
    session: &Session,
    before: Option<&Session>,
    relationship: &Relationship,
    today: Date,
    ended: Option<PairEnded>,
) -> Result<(), Refusal> {
    const HOUR: i64 = 3_600_000;
    // Beyond the years a date is written in, no day of it can be judged (nor shown).
    if !session.at.in_calendar() {
        return Err(session_date_refusal(relationship, today));
    }
    if before.is_some_and(|b| b.at == session.at) {
        return Ok(());
    }
    if let Some(ended) = ended.filter(|_| relationship.lifecycle.is_over()) {
        if !held_by(session.at, ended.at) {
            let on = ended.on;
            return Err(refusal!(
                Rule::SessionAfterEnd,
                "This pair ended on {on}, and holds no session after that: keep a time before \
                 the end, or delete the session if it did not take place."
            )
            .with_args([on.to_string()]));
        }
    }
    let latest = today.add_days(SESSION_MAX_DAYS_AHEAD);
    let latest_day_anywhere = Millis(session.at.0.saturating_add(14 * HOUR)).utc_date();
    if latest_day_anywhere < relationship.starts || earliest_day_anywhere(session.at) > latest {
        return Err(session_date_refusal(relationship, today));
    }
    Ok(())
}

fn session_date_refusal(relationship: &Relationship, today: Date) -> Refusal {
    let (earliest, latest) = (relationship.starts, today.add_days(SESSION_MAX_DAYS_AHEAD));
    refusal!(
        Rule::SessionDate,
        "Pick a date from {earliest}, when this relationship started, to {latest}, a year from \
         today."
    )
    .with_args([earliest.to_string(), latest.to_string()])
}

/// [`check_session_date`] as the widget asks it, knowing the session's date in its own zone
/// (`day`, from the zone's rules in the browser): a session on a day before its relationship
/// started there is refused, and so is an action item due before that day, where the host,
/// without the zone's rules, allows any zone's day.
pub fn check_session_day(
    session: &Session,
    before: Option<&Session>,
    relationship: &Relationship,
    (today, ended): (Date, Option<PairEnded>),
    day: Date,
) -> Result<(), Refusal> {
    for action in &session.actions {
        check_action_due(action, due_from(session, before, action, day))?;
    }
    check_session_date(session, before, relationship, today, ended)?;
    if before.is_some_and(|b| b.at == session.at) || day >= relationship.starts {
        return Ok(());
    }
    Err(session_date_refusal(relationship, today))
}

/// When a session was last changed by whoever logged it, after logging it, as `replica` holds
/// its ops: its notes, time, place, skills, linked goals or action items (one added, removed
/// or rewritten). A tick of an item (`done`) is no edit of what was logged, nor is a change
/// by anyone else (the host recording the pair). `None` for a session never changed.
pub fn edited_at(replica: &crate::merge::Replica, session: &Session) -> Option<Millis> {
    replica.edited_at("session", &session.id, &session.author, &["done"])
}

/// Whether a session at `at` has begun by `now`. A session planned ahead is not held until its
/// time comes, so it never counts as met, as the last session, nor in a count of sessions held
/// (health, the quiet signal, exports, the dashboard, reminders); nor does one whose time came
/// with nothing logged in it ([`Session::is_held`], which those counts ask).
pub fn held_by(at: Millis, now: Millis) -> bool {
    at <= now
}

/// A session already held ([`held_by`] `now`) needs something in it: what was
/// said under Goal, Reality, Options or Will, or an action item, so nobody logs an empty one
/// by mistake. One still to come may be planned with nothing in it yet. The widget asks this
/// when a session is saved; the host, which keeps no clock of the device's, does not.
pub fn check_held_session_filled(session: &Session, now: Millis) -> Result<(), Refusal> {
    if held_by(session.at, now) && !session.is_filled() {
        return Err(refusal!(
            Rule::SessionEmpty,
            "A session needs something in it: write what was said under Goal, Reality, \
             Options or Will, or add an action item."
        ));
    }
    Ok(())
}

/// One action item of a session on `session_day`.
fn check_action(
    action: &ActionItem,
    session_day: Date,
    may_own: &dyn Fn(&RecordId) -> bool,
) -> Result<(), Refusal> {
    if action.text.trim().is_empty() {
        return Err(refusal!(
            Rule::ActionItemText,
            "Describe each action item, or remove the empty one."
        ));
    }
    if !may_own(&action.owner) {
        return Err(refusal!(
            Rule::ActionItemOwner,
            "An action item belongs to one of the pair; choose the mentee or the mentor."
        ));
    }
    check_action_due(action, session_day)
}

fn check_action_due(action: &ActionItem, session_day: Date) -> Result<(), Refusal> {
    if action.due < session_day {
        return Err(refusal!(
            Rule::ActionItemDue,
            "The action \"{}\" is due before the session itself; pick a later date.",
            action.text
        )
        .with_args([&action.text]));
    }
    Ok(())
}

/// Whether `owner` may own an action item of `session`: one of the pair it was logged with (a
/// session stored before the pair was recorded: one of `relationship`'s pair now).
fn owns_with(session: &Session, relationship: &Relationship, owner: &RecordId) -> bool {
    owner == &session.author
        || session
            .partner
            .as_ref()
            .map_or_else(|| relationship.is_party(owner), |p| owner == p)
}

/// Which of `session`'s action items the rules refuse first, by its id, and why: a screen
/// marks that item's field. By id, not by place: a changed session is checked as
/// [`rebase_edit`] leaves it, with items added elsewhere among the form's. `None` when every
/// item passes, or when the session is refused before its items are looked at (its length or
/// notes; `before`: the session as stored, for a change). `day`: the session's day in its own
/// zone, as [`check_session_day`] takes it.
pub fn refused_action(
    session: &Session,
    before: Option<&Session>,
    relationship: &Relationship,
    day: Date,
) -> Option<(RecordId, Rule)> {
    if check_session_body(session, before).is_err() {
        return None;
    }
    let may_own = |owner: &RecordId| owns_with(session, relationship, owner);
    let anywhere = earliest_day_anywhere(session.at);
    // In the order the rules ask: every item as the host judges it, then on the session's day.
    let first = |check: &dyn Fn(&ActionItem) -> Result<(), Refusal>| {
        (session.actions.iter()).find_map(|a| check(a).err().map(|r| (a.id.clone(), r.rule)))
    };
    first(&|a| check_action(a, anywhere, &may_own))
        .or_else(|| first(&|a| check_action_due(a, due_from(session, before, a, day))))
}

/// Checks a private note before it is saved: it only has to fit.
pub fn check_private_note(note: &PrivateNote) -> Result<(), Refusal> {
    text_within("note", &note.text, NOTES_MAX_CHARS)
}

/// Whether `person` may mark `item` of `session` done, or open again: whoever owns the item,
/// or whoever logged the session. Each item is a record of its own, so the pair ticking items
/// off at the same time never overwrite each other.
pub fn may_settle_action(session: &Session, item: &ActionItem, person: &RecordId) -> bool {
    &item.owner == person || &session.author == person
}

/// [`may_settle_action`] as a refusal that names who may: the host asks this of a party's op
/// that marks an item done or open, as the widget asks it before offering the tick.
/// `directory` gives the people's names (their ids when they are not in it).
pub fn check_settle_action(
    session: &Session,
    item: &ActionItem,
    person: &RecordId,
    directory: &crate::Directory,
) -> Result<(), Refusal> {
    if may_settle_action(session, item, person) {
        return Ok(());
    }
    let (owner, author) = (
        directory.name_of(&item.owner),
        directory.name_of(&session.author),
    );
    let who = if item.owner == session.author {
        format!("{owner}, who also logged the session,")
    } else {
        format!("{owner} or {author}, who logged the session,")
    };
    Err(refusal!(
        Rule::NotPermitted,
        "\"{}\" is {owner}'s action item: only {who} marks it done or open again.",
        item.text
    ))
}

/// Whether `person`, one of the pair, may set `field` of an action item of `session` to
/// another value, as the widget lets them: whoever logs a session writes its items with it
/// (they may tick any of them), and the other of the pair only marks one of theirs done or
/// open again ([`check_settle_action`]). So the other neither adds an item, nor rewrites,
/// reassigns, moves or deletes one: taking an item over to tick it was a way round the tick's
/// rule. `item` is the item as stored, `None` for one not stored yet. The host asks this of
/// a party's ops on action items; `directory` gives the names its message says.
pub fn check_action_field(
    session: &Session,
    item: Option<&ActionItem>,
    field: &str,
    person: &RecordId,
    directory: &crate::Directory,
) -> Result<(), Refusal> {
    if &session.author == person {
        return Ok(());
    }
    let author = directory.name_of(&session.author);
    match item {
        None => Err(refusal!(
            Rule::NotPermitted,
            "Only {author}, who logged the session, adds its action items; agree the next step \
             with them, or log a session of your own."
        )),
        Some(item) if field == "done" => check_settle_action(session, item, person, directory),
        Some(item) => Err(refusal!(
            Rule::NotPermitted,
            "Only {author}, who logged the session, changes the action item \"{}\"; ask them, \
             or mark it done once it is yours and finished.",
            item.text
        )),
    }
}

/// Whether `person` may change or delete `session`: whoever logged it. The other of the pair
/// reads it and keeps their own thoughts in a private note ([`check_session_field`]).
pub fn may_rewrite_session(session: &Session, person: &RecordId) -> bool {
    &session.author == person
}

/// Whether `person` may change or delete `session` now: whoever logged it
/// ([`may_rewrite_session`]), while they are still one of the pair in `relationship`. Someone
/// its admins took off the pair reads what they logged, and changes none of it
/// (`permissions::access`), as the host refuses it.
pub fn may_change_session(
    session: &Session,
    relationship: &Relationship,
    person: &RecordId,
) -> bool {
    let viewer = crate::permissions::Viewer {
        person,
        admin_of: &[],
    };
    may_rewrite_session(session, person)
        && crate::permissions::may_change(
            viewer,
            crate::permissions::Record::Session(session, relationship),
        )
}

/// Checks `person`'s edit of a logged session, `before` as stored: theirs to change
/// ([`may_rewrite_session`]), still about the relationship and the pair it was logged with
/// (`permissions::session_field_is_fixed`), and its content as valid as a new session's. A
/// session logged before the relationship was re-paired stays with the pair it was logged
/// with: its action items may still be the former partner's.
pub fn check_session_edit(
    before: &Session,
    after: &Session,
    person: &RecordId,
    relationship: &Relationship,
) -> Result<(), Refusal> {
    // The fields `permissions::session_field_is_fixed` names.
    let resettled = (&before.relationship, &before.author, &before.partner)
        != (&after.relationship, &after.author, &after.partner);
    if !may_rewrite_session(before, person) || before.id != after.id || resettled {
        return Err(refusal!(
            Rule::NotPermitted,
            "Only whoever logged a session changes it, and it stays with the pair it was \
             logged with."
        ));
    }
    if after.relationship != relationship.id || !relationship.is_party(&after.author) {
        return Err(refusal!(
            Rule::NotPermitted,
            "Only the two people in a relationship can log its sessions."
        ));
    }
    check_session_content(after, Some(before), &|owner| {
        owns_with(after, relationship, owner)
    })
}

/// A logged session as its form changed it, on top of the session as stored now: a form
/// opened on `opened` and saved as `edited` changes only what differs between the two, and
/// every other field keeps its value in `current`. So a tick on an action item, or an edit on
/// another device, made while the form was open is not undone by saving it. An action item
/// the form removed goes; one added there comes; one added or removed elsewhere meanwhile
/// stays so, unless the form changed it.
pub fn rebase_edit(opened: &Session, edited: &Session, current: &Session) -> Session {
    use crate::record::rebased as pick;
    let find = |list: &[ActionItem], id: &RecordId| list.iter().find(|a| &a.id == id).cloned();
    let mut actions: Vec<ActionItem> = Vec::new();
    for now in &current.actions {
        match (
            find(&opened.actions, &now.id),
            find(&edited.actions, &now.id),
        ) {
            (Some(_), None) => {}
            (Some(was), Some(is)) => actions.push(ActionItem {
                id: now.id.clone(),
                text: pick(&was.text, &is.text, &now.text),
                owner: pick(&was.owner, &is.owner, &now.owner),
                due: pick(&was.due, &is.due, &now.due),
                done: pick(&was.done, &is.done, &now.done),
            }),
            (None, _) => actions.push(now.clone()),
        }
    }
    for is in &edited.actions {
        let new_here = find(&opened.actions, &is.id).is_none();
        let changed_here = find(&opened.actions, &is.id).is_some_and(|was| &was != is);
        let gone_elsewhere = find(&current.actions, &is.id).is_none();
        if gone_elsewhere && (new_here || changed_here) {
            actions.push(is.clone());
        }
    }
    Session {
        id: current.id.clone(),
        relationship: current.relationship.clone(),
        author: current.author.clone(),
        partner: current.partner.clone(),
        at: pick(&opened.at, &edited.at, &current.at),
        time_zone: pick(&opened.time_zone, &edited.time_zone, &current.time_zone),
        minutes: pick(&opened.minutes, &edited.minutes, &current.minutes),
        place: pick(&opened.place, &edited.place, &current.place),
        grow: Grow {
            goal: pick(&opened.grow.goal, &edited.grow.goal, &current.grow.goal),
            reality: pick(
                &opened.grow.reality,
                &edited.grow.reality,
                &current.grow.reality,
            ),
            options: pick(
                &opened.grow.options,
                &edited.grow.options,
                &current.grow.options,
            ),
            will: pick(&opened.grow.will, &edited.grow.will, &current.grow.will),
        },
        skills: pick(&opened.skills, &edited.skills, &current.skills),
        actions,
        goals: pick(&opened.goals, &edited.goals, &current.goals),
    }
}

/// Whether saving a form opened on `opened` as `edited` would replace, unseen, a change made
/// to the same field since it opened (`current`: in another tab, or synced from another
/// device), [`rebase_edit`] putting the form's value in its place: the form asks first.
pub fn changed_meanwhile(opened: &Session, edited: &Session, current: &Session) -> bool {
    use crate::record::changed_both_ways as both;
    let find = |list: &'_ [ActionItem], id: &RecordId| list.iter().find(|a| &a.id == id).cloned();
    let items = edited.actions.iter().any(|is| {
        match (
            find(&opened.actions, &is.id),
            find(&current.actions, &is.id),
        ) {
            (Some(was), Some(now)) => {
                both(&was.text, &is.text, &now.text)
                    || both(&was.owner, &is.owner, &now.owner)
                    || both(&was.due, &is.due, &now.due)
                    || both(&was.done, &is.done, &now.done)
            }
            // Changed here, removed elsewhere: saving brings it back.
            (Some(was), None) => &was != is,
            _ => false,
        }
    });
    // Removed here, changed elsewhere (ticked done, say): saving drops that change.
    let removed = opened.actions.iter().any(|was| {
        find(&edited.actions, &was.id).is_none()
            && find(&current.actions, &was.id).is_some_and(|now| &now != was)
    });
    let items = items || removed;
    let (was, is, now) = (&opened.grow, &edited.grow, &current.grow);
    items
        || both(&opened.at, &edited.at, &current.at)
        || both(&opened.minutes, &edited.minutes, &current.minutes)
        || both(&opened.place, &edited.place, &current.place)
        || both(&was.goal, &is.goal, &now.goal)
        || both(&was.reality, &is.reality, &now.reality)
        || both(&was.options, &is.options, &now.options)
        || both(&was.will, &is.will, &now.will)
        || both(&opened.skills, &edited.skills, &current.skills)
        || both(&opened.goals, &edited.goals, &current.goals)
}

/// Whether `person`, one of the pair, may write a field of `session` (as stored, or as the
/// push names it when `stored` is false), as the widget lets them: whoever logs a session
/// writes it, as themselves, and it is theirs to change; the other of the pair reads it and
/// keeps their own thoughts in a private note. Without this, one of the pair could rewrite
/// what the other logged, or log a session in the other's name.
pub fn check_session_field(
    session: &Session,
    stored: bool,
    person: &RecordId,
    directory: &crate::Directory,
) -> Result<(), Refusal> {
    if may_rewrite_session(session, person) {
        return Ok(());
    }
    let author = directory.name_of(&session.author);
    if stored {
        Err(refusal!(
            Rule::NotPermitted,
            "Only {author}, who logged this session, changes what it says; keep your own \
             thoughts on it in a private note."
        ))
    } else {
        Err(refusal!(
            Rule::NotPermitted,
            "A session you log names you as its author, not {author}."
        ))
    }
}

/// `session` with its action item `item` marked done or open; `None` when it has no such item.
pub fn with_action_done(session: &Session, item: &RecordId, done: bool) -> Option<Session> {
    let mut changed = session.clone();
    changed.actions.iter_mut().find(|a| &a.id == item)?.done = done;
    Some(changed)
}

/// The next session's agenda in `relationship`: every open action item from earlier
/// sessions whose owner is one of its pair now, oldest due first. The items of someone its
/// admins took off the pair stay, open, in the sessions they were agreed in (which keep their
/// pair), but are not the new pair's to meet about: their owner is told instead
/// (`reminders::Reminder::TakenOff`).
pub fn next_agenda<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    relationship: &Relationship,
) -> Vec<&'a ActionItem> {
    let mut open: Vec<&ActionItem> = sessions
        .into_iter()
        .flat_map(|s| s.actions.iter())
        .filter(|a| !a.done && relationship.is_party(&a.owner))
        .collect();
    crate::order::sort_by(&mut open, |a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    open
}

/// The relationship's sessions that `viewer` may see (what was said belongs to the pair), most
/// recent first (ties broken by id, so every device lists them the same way).
pub fn sessions_of<'a>(
    sessions: &'a [Session],
    relationship: &Relationship,
    viewer: &RecordId,
) -> Vec<&'a Session> {
    let viewer = crate::permissions::Viewer {
        person: viewer,
        admin_of: &[],
    };
    let mut list: Vec<&Session> = sessions
        .iter()
        .filter(|s| s.relationship == relationship.id)
        .filter(|s| {
            crate::permissions::may_see(
                viewer,
                crate::permissions::Record::Session(s, relationship),
            )
        })
        .collect();
    crate::order::sort_by(&mut list, |a, b| (b.at, &b.id).cmp(&(a.at, &a.id)));
    list
}

/// The relationship's sessions `viewer` had with the partner they have in it now, as
/// [`sessions_of`] lists them: those with a partner its admins replaced belong to that earlier
/// pairing ([`earlier_pairings`]).
pub fn sessions_with_partner_now<'a>(
    sessions: &'a [Session],
    relationship: &Relationship,
    viewer: &RecordId,
) -> Vec<&'a Session> {
    let now = relationship.partner_of(viewer);
    (sessions_of(sessions, relationship, viewer).into_iter())
        .filter(|s| s.partner.is_none() || s.partner_of(viewer, relationship) == now)
        .collect()
}

/// A pairing `person` was taken off (its programme's admins re-paired the relationship with
/// someone else in their place), as they read it back: the sessions they were in and the
/// feedback they gave and received, with the partner they had in them. What the relationship says now (who took their place, its
/// agreement, its state) is not theirs, so is not here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlierPairing<'a> {
    pub relationship: &'a RecordId,
    /// Its programme: the relationship's when the device holds it, else the one a nudge its
    /// admins sent `person` about it names; `None` when nothing held says (a new device holds
    /// the sessions alone).
    pub programme: Option<&'a RecordId>,
    /// Coaching, mentoring or reverse mentoring, only when the device holds the relationship:
    /// a session does not say, nor does a mentoring programme tell mentoring from reverse.
    pub kind: Option<RelationshipKind>,
    /// The other of the pair those sessions were logged with ([`Session::partner_of`]): never
    /// whoever replaced `person`, who was in none of them.
    pub partner: &'a RecordId,
    /// Most recent first, as [`sessions_of`] lists them; empty only when `feedback` or
    /// `received` is not.
    pub sessions: Vec<&'a Session>,
    /// The feedback `person` gave `partner` in it, newest first: theirs whatever became of
    /// the pair (`permissions::access` gives its giver it).
    pub feedback: Vec<&'a Feedback>,
    /// The feedback `partner` gave `person` in it that its visibility lets them read, newest
    /// first: given to them, whatever became of the pair.
    pub received: Vec<&'a Feedback>,
}

impl EarlierPairing<'_> {
    /// When its latest session was, or feedback given.
    pub fn latest(&self) -> Millis {
        let session = self.sessions.first().map(|s| s.at);
        let feedback = (self.feedback.first().into_iter())
            .chain(self.received.first())
            .map(|f| f.given_at)
            .max();
        session.max(feedback).unwrap_or(Millis(0))
    }
}

/// `person`'s earlier pairings: the sessions they were in of each relationship they are no
/// longer one of the pair in, which they keep reading and no longer change, or had with a
/// partner its admins replaced while they stayed (not the pairing now's, which its page
/// lists: `sessions_with_partner_now`), and the feedback
/// they gave or received in it (a pairing with no session of theirs may have some), one pairing per
/// partner they had in it (both may have been replaced in turn), the most recent session
/// first. `relationships` are every relationship the device holds: a session whose
/// relationship is not among them is judged without it
/// (`permissions::Record::SessionWithoutRelationship`: the host sent it, as it sends someone
/// taken off the sessions and not the relationship, and only its recorded pair read it), so
/// a new device shows the same as one that held the relationship. A session stored without
/// its pair recorded does not say they were in it, so gives none. `nudges` (those the device
/// holds) may name the programme of a relationship it does not hold.
///
/// `unreadable` are the relationships the device holds a record of that are not among
/// `relationships`: deleted there (the host sends a relationship's deletion to whoever was
/// taken off it and kept its sessions), or failing validation. A session is judged without its
/// relationship only when the device holds no record of it at all; the sessions of one in
/// `unreadable` are nobody's earlier pairing: gone with it, or still its pair's as it is now.
pub fn earlier_pairings<'a>(
    relationships: &'a [Relationship],
    unreadable: &[RecordId],
    sessions: &'a [Session],
    feedback: &'a [Feedback],
    nudges: &'a [Nudge],
    person: &RecordId,
) -> Vec<EarlierPairing<'a>> {
    use crate::permissions::{may_see, Record, Viewer};
    let viewer = Viewer {
        person,
        admin_of: &[],
    };
    let mut pairings: Vec<EarlierPairing<'a>> = Vec::new();
    // The relationship as held, unless it is held but not readable (then `None` twice:
    // nothing of it is an earlier pairing).
    let held_of = |id: &RecordId| {
        let held = relationships.iter().find(|r| &r.id == id);
        (held.is_some() || !unreadable.contains(id)).then_some(held)
    };
    // Whether `partner` is no longer `person`'s in the relationship: they were taken off it,
    // or stayed and its admins put someone else in `partner`'s place.
    let over = |held: Option<&Relationship>, partner: &RecordId| {
        held.is_none_or(|r| r.partner_of(person) != Some(partner))
    };
    let earlier = |id: &RecordId, partner: &RecordId| held_of(id).filter(|h| over(*h, partner));
    let pairing = |pairings: &mut Vec<EarlierPairing<'a>>,
                   relationship: &'a RecordId,
                   held: Option<&'a Relationship>,
                   partner| {
        let found =
            (pairings.iter()).position(|p| p.relationship == relationship && p.partner == partner);
        let at = found.unwrap_or(pairings.len());
        if found.is_none() {
            pairings.push(EarlierPairing {
                relationship,
                programme: held.map(|r| &r.programme).or_else(|| {
                    (nudges.iter())
                        .find(|n| &n.relationship == relationship && &n.to == person)
                        .map(|n| &n.programme)
                }),
                kind: held.map(|r| r.kind),
                partner,
                sessions: Vec::new(),
                feedback: Vec::new(),
                received: Vec::new(),
            });
        }
        at
    };
    for s in sessions {
        let Some(held) = held_of(&s.relationship) else {
            continue;
        };
        if !may_see(viewer, Record::held_session(s, held)) {
            continue;
        }
        let partner = match held {
            Some(r) => s.partner_of(person, r),
            None => s.recorded_partner_of(person),
        };
        // One stored without its pair is the pair now's (`Session::logged_with`).
        let recorded = s.partner.is_some() || held.is_none();
        if let Some(partner) = partner.filter(|p| recorded && over(held, p)) {
            let at = pairing(&mut pairings, &s.relationship, held, partner);
            pairings[at].sessions.push(s);
        }
    }
    for f in feedback.iter().filter(|f| &f.giver == person) {
        if let Some(held) = earlier(&f.relationship, &f.receiver) {
            let at = pairing(&mut pairings, &f.relationship, held, &f.receiver);
            pairings[at].feedback.push(f);
        }
    }
    for f in feedback.iter().filter(|f| &f.receiver == person) {
        let Some(held) = earlier(&f.relationship, &f.giver) else {
            continue;
        };
        if &f.giver != person && may_see(viewer, Record::held_feedback(f, held)) {
            let at = pairing(&mut pairings, &f.relationship, held, &f.giver);
            pairings[at].received.push(f);
        }
    }
    for pairing in &mut pairings {
        crate::order::sort_by(&mut pairing.sessions, |a, b| {
            (b.at, &b.id).cmp(&(a.at, &a.id))
        });
        for list in [&mut pairing.feedback, &mut pairing.received] {
            crate::order::sort_by(list, |a, b| (b.given_at, &b.id).cmp(&(a.given_at, &a.id)));
        }
    }
    crate::order::sort_by(&mut pairings, |a, b| {
        (b.latest(), b.relationship, b.partner).cmp(&(a.latest(), a.relationship, a.partner))
    });
    pairings
}

/// The sessions logged with `viewer`'s partner now ([`sessions_with_partner_now`]) that have
/// not started at `now`: what completing or ending the pair early leaves planned, which it
/// will not hold. One under way was held (the admins' figures count it, as `held_by` does).
pub fn planned_ahead<'a>(
    sessions: &'a [Session],
    relationship: &Relationship,
    viewer: &RecordId,
    now: Millis,
) -> Vec<&'a Session> {
    let mut ahead = sessions_with_partner_now(sessions, relationship, viewer);
    ahead.retain(|s| !held_by(s.at, now));
    ahead
}

/// Whether `session` will never be held: its pair is over, and it had not begun when the pair
/// ended (`ended`, as the device's pairing log knows it; `now` when it does not). Its card says
/// so and offers to delete it, not to change it: a pair that is over holds no session, at any
/// date. One that had begun by the end was held, as [`planned_ahead`] leaves it.
pub fn not_held_after_end(
    session: &Session,
    relationship: &Relationship,
    ended: Option<Millis>,
    now: Millis,
) -> bool {
    relationship.lifecycle.is_over() && !held_by(session.at, ended.unwrap_or(now))
}

/// The first [`NAMED_AHEAD`] of `ahead` by time, and how many more there are: what ending a
/// pair's confirm step names of the sessions it will not hold.
pub fn first_named(ahead: &[&Session]) -> (Vec<Millis>, usize) {
    let mut at: Vec<Millis> = ahead.iter().map(|s| s.at).collect();
    crate::order::sort_by(&mut at, Ord::cmp);
    let more = at.len().saturating_sub(NAMED_AHEAD);
    at.truncate(NAMED_AHEAD);
    (at, more)
}

/// How many sessions a pair will not hold its confirm step names by their dates.
pub const NAMED_AHEAD: usize = 3;

/// Whether `session` may still take place at `now`: it has not ended, and its pair is not over
/// (a pair completed or ended early holds no more sessions, whatever was planned).
pub fn takes_place_ahead(session: &Session, relationship: &Relationship, now: Millis) -> bool {
    !relationship.lifecycle.is_over() && !session.is_over(now)
}

/// The relationship's next session at `now` with `viewer`'s partner now
/// ([`sessions_with_partner_now`]): the earliest that has not ended (a session under way is
/// still the next one), none once the pair is over. One planned with a partner its admins
/// replaced since belongs to that earlier pairing.
pub fn next_session<'a>(
    sessions: &'a [Session],
    relationship: &Relationship,
    viewer: &RecordId,
    now: Millis,
) -> Option<&'a Session> {
    if relationship.lifecycle.is_over() {
        return None;
    }
    sessions_with_partner_now(sessions, relationship, viewer)
        .into_iter()
        .filter(|s| !s.is_over(now))
        .min_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)))
}

/// `viewer`'s own private note on `session`, if they wrote one. Nobody else's note is ever
/// returned, whatever `notes` holds.
pub fn note_of<'a>(
    notes: &'a [PrivateNote],
    session: &RecordId,
    viewer: &RecordId,
) -> Option<&'a PrivateNote> {
    let viewer = crate::permissions::Viewer {
        person: viewer,
        admin_of: &[],
    };
    notes.iter().find(|n| {
        &n.session == session
            && crate::permissions::may_see(viewer, crate::permissions::Record::PrivateNote(n))
    })
}

/// `viewer`'s own private notes on sessions not among `sessions` (deleted since, or out of
/// their sight): still theirs to read and delete. Nobody else's note is ever returned.
pub fn notes_without_session<'a>(
    notes: &'a [PrivateNote],
    sessions: &[Session],
    viewer: &RecordId,
) -> Vec<&'a PrivateNote> {
    let viewer = crate::permissions::Viewer {
        person: viewer,
        admin_of: &[],
    };
    notes
        .iter()
        .filter(|n| !sessions.iter().any(|s| s.id == n.session))
        .filter(|n| crate::permissions::may_see(viewer, crate::permissions::Record::PrivateNote(n)))
        .collect()
}

const MS_PER_MINUTE: i64 = 60_000;

/// Reads a wall-clock time as a date-and-time field writes it (`YYYY-MM-DDTHH:MM`, seconds
/// optional), counted as if it were UTC. [`instant_at_wall_clock`] turns it into an instant
/// once the zone is known.
pub fn parse_wall_clock(text: &str) -> Result<Millis, String> {
    let bad = || {
        format!(
            "{:?} is not a date and time; write it as YYYY-MM-DDTHH:MM, e.g. 2026-03-31T14:30",
            text.trim()
        )
    };
    let (date, time) = text.trim().split_once('T').ok_or_else(bad)?;
    let date = Date::parse(date).map_err(|_| bad())?;
    let mut parts = time.split(':');
    let field = |part: Option<&str>, below: i64| -> Result<i64, String> {
        match part {
            Some(p) if p.len() == 2 && p.chars().all(|c| c.is_ascii_digit()) => {
                let n: i64 = p.parse().map_err(|_| bad())?;
                if n < below {
                    Ok(n)
                } else {
                    Err(bad())
                }
            }
            _ => Err(bad()),
        }
    };
    let hours = field(parts.next(), 24)?;
    let minutes = field(parts.next(), 60)?;
    let seconds = match parts.next() {
        None => 0,
        some => field(some, 60)?,
    };
    if parts.next().is_some() {
        return Err(bad());
    }
    Ok(Millis(
        i64::from(date.0) * MS_PER_DAY + (hours * 60 + minutes) * MS_PER_MINUTE + seconds * 1_000,
    ))
}

/// A wall-clock time (counted as if UTC) as a date-and-time field shows it: `YYYY-MM-DDTHH:MM`.
pub fn wall_clock_text(wall: Millis) -> String {
    let date = wall.utc_date();
    let minute_of_day = wall.0.rem_euclid(MS_PER_DAY) / MS_PER_MINUTE;
    format!("{date}T{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

/// Where a new session's time starts in the log form: a session logged is most often one
/// that has just ended, so an hour (the form's usual length) before `now`, on the quarter
/// hour. Offsets from UTC are whole quarter hours, so this is a quarter hour on every wall;
/// counted on the instant, not the wall, it is said right on the person's clock across
/// midnight and a daylight-saving change alike (on the wall with the zone's offset at that
/// instant, [`wall_clock_at`], not at `now`). A session still to come is planned by changing it.
pub fn usual_start(now: Millis) -> Millis {
    const QUARTER_HOUR: i64 = 15 * MS_PER_MINUTE;
    let an_hour_ago = now.0 - 60 * MS_PER_MINUTE;
    Millis(an_hour_ago - an_hour_ago.rem_euclid(QUARTER_HOUR))
}

/// [`usual_start`] for a session in a relationship that started on `starts`, in a zone `offset_minutes`
/// east of UTC: never before the start of that day there (just after midnight on a pair's
/// first day, an hour ago is the day before, when there was no pair).
pub fn usual_start_from(now: Millis, offset_minutes: i32, starts: Date) -> Millis {
    let first_day =
        Millis(i64::from(starts.0) * MS_PER_DAY - i64::from(offset_minutes) * MS_PER_MINUTE);
    usual_start(now).max(first_day)
}

/// The wall clock a zone shows at `at`, given its offset from UTC then (minutes east).
pub fn wall_clock_at(at: Millis, offset_minutes: i32) -> Millis {
    Millis(at.0 + i64::from(offset_minutes) * MS_PER_MINUTE)
}

/// The instant at which a zone's clocks show `wall`, given the zone's offset from UTC
/// (minutes east) at any instant. The zone's rules are the caller's (the browser's `Intl`);
/// a wall time that a daylight-saving change skips or repeats resolves to one of its
/// neighbours, never to an error.
pub fn instant_at_wall_clock(wall: Millis, offset_minutes_at: impl Fn(Millis) -> i32) -> Millis {
    let guess = Millis(wall.0 - i64::from(offset_minutes_at(wall)) * MS_PER_MINUTE);
    Millis(wall.0 - i64::from(offset_minutes_at(guess)) * MS_PER_MINUTE)
}

/// The first instant after `now` at which the date changes in a zone with these rules: when
/// what depends on "today" (reminders, what is overdue) must be worked out again. Never
/// `now` itself, so a timer set for it always waits.
pub fn next_midnight(now: Millis, offset_minutes_at: impl Fn(Millis) -> i32) -> Millis {
    let today = wall_clock_at(now, offset_minutes_at(now)).utc_date();
    let wall = Millis(i64::from(today.add_days(1).0) * MS_PER_DAY);
    let at = instant_at_wall_clock(wall, &offset_minutes_at);
    // A zone whose clocks skip midnight resolves to the hour before it: wait for that day.
    if at > now {
        at
    } else {
        Millis(now.0 + MS_PER_MINUTE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lifecycle, RelationshipKind};

    #[test]
    fn the_next_midnight_is_the_zones_own_and_always_ahead() {
        let day = |text: &str| i64::from(Date::parse(text).unwrap().0) * MS_PER_DAY;
        let hour = 3_600_000;
        // Dubai, UTC+4: 21:30 UTC on 29 November is 01:30 on the 30th; its next midnight is
        // 20:00 UTC on the 30th.
        let dubai = |_: Millis| 240;
        let now = Millis(day("2026-11-29") + 21 * hour + hour / 2);
        assert_eq!(
            next_midnight(now, dubai),
            Millis(day("2026-11-30") + 20 * hour)
        );
        // London in winter (UTC): at 23:59:59 the next midnight is a second away.
        let london = |_: Millis| 0;
        let now = Millis(day("2026-11-30") - 1_000);
        assert_eq!(next_midnight(now, london), Millis(day("2026-11-30")));
        // At midnight itself, the next one.
        assert_eq!(
            next_midnight(Millis(day("2026-11-30")), london),
            Millis(day("2026-12-01"))
        );
        // New York, UTC-5: 03:00 UTC on 1 December is 22:00 on 30 November there.
        let new_york = |_: Millis| -300;
        let now = Millis(day("2026-12-01") + 3 * hour);
        assert_eq!(
            next_midnight(now, new_york),
            Millis(day("2026-12-01") + 5 * hour)
        );
    }

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn relationship() -> Relationship {
        Relationship {
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
        }
    }

    fn action(n: &str, owner: &str, due: i32, done: bool) -> ActionItem {
        ActionItem {
            id: id(n),
            text: format!("Action {n}"),
            owner: id(owner),
            due: Date(due),
            done,
        }
    }

    fn session() -> Session {
        Session {
            id: id("s1"),
            relationship: id("rel"),
            author: id("sofia"),
            partner: Some(id("amira")),
            at: Millis(10 * 86_400_000),
            time_zone: "Europe/London".into(),
            minutes: 60,
            place: Place::Online,
            grow: Grow {
                goal: "Win the Gulf account".into(),
                ..Grow::default()
            },
            skills: [ConversationSkill::Questioning, ConversationSkill::Listening].into(),
            actions: vec![
                action("a1", "amira", 17, false),
                action("a2", "sofia", 12, false),
            ],
            goals: vec![],
        }
    }

    #[test]
    fn a_session_is_written_by_whoever_logged_it_in_their_own_name() {
        let s = session();
        let nobody = crate::Directory::default();
        for stored in [false, true] {
            assert_eq!(check_session_field(&s, stored, &s.author, &nobody), Ok(()));
        }
        let other = s.partner.clone().unwrap();
        let rewriting = check_session_field(&s, true, &other, &nobody).unwrap_err();
        assert_eq!(rewriting.rule, Rule::NotPermitted);
        assert!(
            rewriting.message.contains("private note"),
            "{}",
            rewriting.message
        );
        let forging = check_session_field(&s, false, &other, &nobody).unwrap_err();
        assert!(
            forging.message.contains("names you as its author"),
            "{}",
            forging.message
        );
    }

    #[test]
    fn a_logged_session_is_edited_by_its_author_alone_under_the_rules_of_a_new_one() {
        let (before, r) = (session(), relationship());
        let mut after = before.clone();
        after.grow.goal = "Win the Gulf account by March".into();
        after.minutes = 45;
        assert_eq!(
            check_session_edit(&before, &after, &id("sofia"), &r),
            Ok(())
        );
        let refused = |after: &Session, person: &str| {
            check_session_edit(&before, after, &id(person), &r)
                .unwrap_err()
                .rule
        };
        assert_eq!(refused(&after, "amira"), Rule::NotPermitted, "the partner");
        for resettle in [
            |s: &mut Session| s.author = id("amira"),
            |s: &mut Session| s.partner = None,
            |s: &mut Session| s.relationship = id("rel-2"),
        ] {
            let mut moved = after.clone();
            resettle(&mut moved);
            assert_eq!(refused(&moved, "sofia"), Rule::NotPermitted);
        }
        let mut too_long = after.clone();
        too_long.minutes = 600;
        assert_eq!(refused(&too_long, "sofia"), Rule::SessionLength);
        let mut early = after.clone();
        early.actions[0].due = Date(2);
        assert_eq!(refused(&early, "sofia"), Rule::ActionItemDue);

        // Re-paired since (amira's place taken by james): the session stays with the pair it
        // was logged with, and its author still corrects it, amira's action item included.
        let repaired = Relationship {
            mentee: id("james"),
            ..relationship()
        };
        assert_eq!(
            check_session_edit(&before, &after, &id("sofia"), &repaired),
            Ok(())
        );
        let mut to_james = after.clone();
        to_james.actions[0].owner = id("james");
        assert_eq!(
            check_session_edit(&before, &to_james, &id("sofia"), &repaired)
                .unwrap_err()
                .rule,
            Rule::ActionItemOwner,
            "not someone the session was not with"
        );
    }

    #[test]
    fn the_action_item_refused_is_named_by_its_id_and_rule() {
        let r = relationship();
        let mut s = session();
        assert_eq!(refused_action(&s, None, &r, Date(10)), None);
        s.actions[1].due = Date(2);
        assert_eq!(
            refused_action(&s, None, &r, Date(10)),
            Some((id("a2"), Rule::ActionItemDue))
        );
        s.actions[0].owner = id("james");
        assert_eq!(
            refused_action(&s, None, &r, Date(10)),
            Some((id("a1"), Rule::ActionItemOwner))
        );
        s.actions[0].text = " ".into();
        assert_eq!(
            refused_action(&s, None, &r, Date(10)),
            Some((id("a1"), Rule::ActionItemText))
        );
        assert_eq!(
            check_session(&s, &r).unwrap_err().rule,
            Rule::ActionItemText,
            "the same rule the session is refused for"
        );
        // Refused for its length first: no item is to blame.
        s.minutes = 600;
        assert_eq!(refused_action(&s, None, &r, Date(10)), None);
    }

    #[test]
    fn a_note_whose_session_is_gone_stays_its_owners_alone() {
        let note = |n: &str, owner: &str, session: &str| PrivateNote {
            id: id(n),
            owner: id(owner),
            session: id(session),
            text: n.into(),
        };
        let notes = [
            note("on-live", "amira", "s1"),
            note("on-gone", "amira", "s-gone"),
            note("sofias-on-gone", "sofia", "s-gone"),
        ];
        let sessions = [session()];
        let ids = |viewer: &str| {
            notes_without_session(&notes, &sessions, &id(viewer))
                .iter()
                .map(|n| n.id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("amira"), ["on-gone"]);
        assert_eq!(ids("sofia"), ["sofias-on-gone"]);
        assert!(ids("james").is_empty());
    }

    #[test]
    fn the_item_refused_in_a_rebased_edit_is_the_one_the_rules_name_not_the_forms_row_there() {
        let r = relationship();
        let opened = session();
        // Meanwhile another device added an item due on day 13; the form moves the session
        // to day 15 and adds an item with no words.
        let mut current = opened.clone();
        current
            .actions
            .insert(0, action("elsewhere", "sofia", 13, false));
        let mut edited = opened.clone();
        edited.at = Millis(15 * 86_400_000);
        edited.actions[0].due = Date(20);
        edited.actions[1].due = Date(20);
        let mut blank = action("added", "sofia", 20, false);
        blank.text = " ".into();
        edited.actions.push(blank);
        let saved = rebase_edit(&opened, &edited, &current);
        // The form's own list would blame its new item, in the place the other device's now
        // holds in the session checked.
        assert_eq!(
            refused_action(&edited, None, &r, Date(15)),
            Some((id("added"), Rule::ActionItemText))
        );
        assert_eq!(saved.actions[0].id, id("elsewhere"));
        assert_eq!(
            refused_action(&saved, None, &r, Date(15)),
            Some((id("elsewhere"), Rule::ActionItemDue))
        );
    }

    #[test]
    fn saving_a_changed_session_keeps_what_changed_elsewhere_while_the_form_was_open() {
        let opened = session();
        // Meanwhile: amira ticks her item done, and another device rewrites the Will notes
        // and adds an item.
        let mut current = opened.clone();
        current.actions[0].done = true;
        current.grow.will = "Call the client on Monday".into();
        current
            .actions
            .push(action("a-elsewhere", "amira", 9, false));
        // The form: the Goal notes fixed, the second item removed, a new one added.
        let mut edited = opened.clone();
        edited.grow.goal = "Win the Gulf account by March".into();
        edited.actions.remove(1);
        edited.actions.push(action("a-new", "sofia", 8, false));

        let saved = rebase_edit(&opened, &edited, &current);
        assert_eq!(
            saved.grow.goal, "Win the Gulf account by March",
            "the form's change"
        );
        assert_eq!(
            saved.grow.will, "Call the client on Monday",
            "the other device's"
        );
        let items: Vec<(&str, bool)> = (saved.actions.iter())
            .map(|a| (a.id.as_str(), a.done))
            .collect();
        assert_eq!(
            items,
            [("a1", true), ("a-elsewhere", false), ("a-new", false)],
            "the tick kept, the removed item gone, both additions in"
        );
        // Nothing changed in the form: the session as it stands now.
        assert_eq!(rebase_edit(&opened, &opened, &current), current);
    }

    #[test]
    fn a_form_saved_over_a_field_changed_since_it_opened_is_asked_about_first() {
        let opened = session();
        let mut current = opened.clone();
        current.actions[0].done = true;
        current.grow.will = "Call the client on Monday".into();
        // The form changed other fields: what changed elsewhere is kept, nothing to ask.
        let mut edited = opened.clone();
        edited.grow.goal = "Win the Gulf account by March".into();
        assert!(!changed_meanwhile(&opened, &edited, &current));
        // The form rewrote the Will notes too, differently.
        edited.grow.will = "Email the client".into();
        assert!(changed_meanwhile(&opened, &edited, &current));
        // The same words on both sides replace nothing.
        edited.grow.will = "Call the client on Monday".into();
        assert!(!changed_meanwhile(&opened, &edited, &current));
        // An action item's text changed here and there.
        let mut retexted = opened.clone();
        retexted.actions[0].text = "Send the deck".into();
        let mut elsewhere = opened.clone();
        elsewhere.actions[0].text = "Send the deck on Friday".into();
        assert!(changed_meanwhile(&opened, &retexted, &elsewhere));
        assert!(!changed_meanwhile(&opened, &retexted, &opened));
        // Removed here while its owner ticked it done elsewhere.
        let mut removed = opened.clone();
        removed.actions.remove(0);
        let mut ticked = opened.clone();
        ticked.actions[0].done = true;
        assert!(changed_meanwhile(&opened, &removed, &ticked));
        assert!(!changed_meanwhile(&opened, &removed, &opened));
        // Changed here while it was removed elsewhere.
        let mut gone = opened.clone();
        gone.actions.remove(0);
        assert!(changed_meanwhile(&opened, &retexted, &gone));
        assert!(!changed_meanwhile(&opened, &opened, &gone));
    }

    #[test]
    fn an_action_item_is_settled_by_its_owner_or_whoever_logged_the_session() {
        let s = session();
        let hers = &s.actions[0];
        assert!(may_settle_action(&s, hers, &id("amira")), "the owner");
        assert!(may_settle_action(&s, hers, &id("sofia")), "the author");
        assert!(!may_settle_action(&s, hers, &id("james")), "anyone else");
        let mine = &s.actions[1];
        assert!(
            !may_settle_action(&s, mine, &id("amira")),
            "the partner, not owner"
        );
        let directory = crate::Directory::new([
            crate::Person::new(id("sofia"), "Sofia Rossi"),
            crate::Person::new(id("amira"), "Amira Haddad"),
        ]);
        assert_eq!(
            check_settle_action(&s, hers, &id("sofia"), &directory),
            Ok(())
        );
        let refusal = check_settle_action(&s, mine, &id("amira"), &directory).unwrap_err();
        assert_eq!(refusal.rule, Rule::NotPermitted);
        assert!(
            refusal.message.contains("Sofia Rossi's action item"),
            "names the owner: {}",
            refusal.message
        );
        let unknown = check_settle_action(&s, hers, &id("james"), &crate::Directory::default());
        assert!(unknown.unwrap_err().message.contains("amira's action item"));

        // The author writes every item; the other ticks their own and changes nothing else.
        for field in [
            "text", "owner", "due", "position", "session", "deleted", "done",
        ] {
            assert_eq!(
                check_action_field(&s, Some(mine), field, &id("sofia"), &directory),
                Ok(()),
                "{field}"
            );
            assert_eq!(
                check_action_field(&s, None, field, &id("sofia"), &directory),
                Ok(()),
                "a new item's {field}"
            );
        }
        assert_eq!(
            check_action_field(&s, Some(hers), "done", &id("amira"), &directory),
            Ok(())
        );
        let ticked = check_action_field(&s, Some(mine), "done", &id("amira"), &directory);
        assert_eq!(
            ticked,
            check_settle_action(&s, mine, &id("amira"), &directory)
        );
        for field in ["text", "owner", "due", "position", "session", "deleted"] {
            let refusal =
                check_action_field(&s, Some(hers), field, &id("amira"), &directory).unwrap_err();
            assert_eq!(refusal.rule, Rule::NotPermitted, "{field}");
            assert!(
                refusal
                    .message
                    .contains("Only Sofia Rossi, who logged the session, changes"),
                "{field}: {}",
                refusal.message
            );
        }
        let added = check_action_field(&s, None, "done", &id("amira"), &directory).unwrap_err();
        assert!(
            added
                .message
                .contains("Only Sofia Rossi, who logged the session, adds"),
            "{}",
            added.message
        );

        let done = with_action_done(&s, &id("a1"), true).unwrap();
        assert!(done.actions[0].done && !done.actions[1].done);
        assert_eq!(
            Session {
                actions: s.actions.clone(),
                ..done.clone()
            },
            s,
            "nothing else changes"
        );
        assert_eq!(with_action_done(&done, &id("a1"), false), Some(s.clone()));
        assert_eq!(with_action_done(&s, &id("a9"), true), None);
    }

    #[test]
    fn a_well_formed_session_is_accepted() {
        assert_eq!(check_session(&session(), &relationship()), Ok(()));
    }

    #[test]
    fn a_relationship_that_is_over_takes_no_new_session_but_keeps_its_own_changeable() {
        let reason = "Moved abroad".to_owned();
        for lifecycle in [Lifecycle::Completed, Lifecycle::EndedEarly { reason }] {
            let over = Relationship {
                lifecycle: lifecycle.clone(),
                ..relationship()
            };
            let refusal = check_session(&session(), &over).unwrap_err();
            assert_eq!(refusal.rule, Rule::RelationshipOver, "{lifecycle:?}");
            assert!(refusal.message.contains("new relationship"), "{refusal:?}");
            let (before, mut after) = (session(), session());
            after.grow.will = "Call the client".into();
            assert_eq!(
                check_session_edit(&before, &after, &id("sofia"), &over),
                Ok(()),
                "a session logged before the end is still its author's to correct"
            );
        }
        // A pause is a break the pair resume from: what they met about before it is written up.
        let paused = Relationship {
            lifecycle: Lifecycle::Paused,
            ..relationship()
        };
        assert_eq!(check_session(&session(), &paused), Ok(()));
        // Proposed, not started by its admins yet (the mentor may still decline it): no session.
        let proposed = Relationship {
            lifecycle: Lifecycle::Proposed,
            ..relationship()
        };
        assert_eq!(
            check_session(&session(), &proposed).unwrap_err().rule,
            Rule::RelationshipNotStarted
        );
    }

    #[test]
    fn a_session_held_with_nothing_in_it_is_refused_by_name_and_one_to_come_may_be_planned() {
        let empty = Session {
            grow: Grow {
                goal: "  ".into(),
                reality: "\n".into(),
                ..Grow::default()
            },
            actions: vec![],
            ..session()
        };
        let held = Millis(empty.at.0 + 1);
        let refusal = check_held_session_filled(&empty, held).unwrap_err();
        assert_eq!(refusal.rule, Rule::SessionEmpty);
        assert!(
            refusal.message.contains("Goal, Reality, Options or Will")
                && refusal.message.contains("action item"),
            "{}",
            refusal.message
        );
        // Planned ahead: nothing said yet, and nothing wrong with that.
        let before_it = Millis(empty.at.0 - 1);
        assert_eq!(check_held_session_filled(&empty, before_it), Ok(()));
        assert_eq!(check_session(&empty, &relationship()), Ok(()));
        let only_an_action = Session {
            actions: vec![action("a1", "amira", 17, false)],
            ..empty.clone()
        };
        assert_eq!(check_held_session_filled(&only_an_action, held), Ok(()));
        let only_will = Session {
            grow: Grow {
                will: "Draft the plan".into(),
                ..Grow::default()
            },
            ..empty
        };
        assert_eq!(check_held_session_filled(&only_will, held), Ok(()));
    }

    #[test]
    fn a_session_is_logged_with_the_authors_partner_and_nobody_else() {
        for partner in ["sofia", "james"] {
            let s = Session {
                partner: Some(id(partner)),
                ..session()
            };
            assert_eq!(
                check_session(&s, &relationship()).unwrap_err().rule,
                Rule::NotPermitted,
                "{partner}"
            );
        }
    }

    #[test]
    fn only_the_pair_logs_sessions() {
        let mut s = session();
        s.author = id("james");
        assert_eq!(
            check_session(&s, &relationship()).unwrap_err().rule,
            Rule::NotPermitted
        );
    }

    #[test]
    fn session_length_is_bounded() {
        for minutes in [0, 4, 481] {
            let s = Session {
                minutes,
                ..session()
            };
            let refusal = check_session(&s, &relationship()).unwrap_err();
            assert_eq!(refusal.rule, Rule::SessionLength);
            assert!(refusal.message.contains(&format!("{minutes} minutes")));
        }
        assert!(check_session(
            &Session {
                minutes: 5,
                ..session()
            },
            &relationship()
        )
        .is_ok());
        assert!(check_session(
            &Session {
                minutes: 480,
                ..session()
            },
            &relationship()
        )
        .is_ok());
    }

    #[test]
    fn action_items_belong_to_the_pair_and_are_due_after_the_session() {
        let mut s = session();
        s.actions.push(action("a3", "james", 20, false));
        assert_eq!(
            check_session(&s, &relationship()).unwrap_err().rule,
            Rule::ActionItemOwner
        );
        let mut s = session();
        s.actions[0].text = "  ".into();
        assert_eq!(
            check_session(&s, &relationship()).unwrap_err().rule,
            Rule::ActionItemText
        );
        let mut s = session();
        s.actions.push(action("a3", "amira", 8, false));
        let refusal = check_session(&s, &relationship()).unwrap_err();
        assert_eq!(refusal.rule, Rule::ActionItemDue);
        assert!(refusal.message.contains("Action a3"));
        assert_eq!(refusal.args, ["Action a3"]);
    }

    /// An item is due from the session's day where it is held: the widget knows that day
    /// (`check_session_day`); the host, without the zone's rules, takes any zone's day.
    #[test]
    fn an_action_item_is_due_from_the_sessions_own_day_not_its_utc_day() {
        let r = relationship();
        let today = Date(20);
        let at_wall = |day: i32, hour: i64, offset: i32| {
            instant_at_wall_clock(
                Millis(i64::from(day) * 86_400_000 + hour * 3_600_000),
                |_| offset,
            )
        };
        let with_item = |at: Millis, due: i32| {
            let mut s = session();
            s.at = at;
            s.actions = vec![action("a1", "amira", due, false)];
            s
        };
        // New York (UTC-4) at 20:30 on day 10 is 00:30 UTC on day 11: due on day 10 is the
        // session's own day.
        let new_york = with_item(at_wall(10, 20, -240), 10);
        assert_eq!(check_session(&new_york, &r), Ok(()));
        assert_eq!(
            check_session_day(&new_york, None, &r, (today, None), Date(10)),
            Ok(())
        );
        assert_eq!(refused_action(&new_york, None, &r, Date(10)), None);
        // Dubai (UTC+4) at 02:00 on day 10 is 22:00 UTC on day 9: due on day 9 is before it.
        let dubai = with_item(at_wall(10, 2, 240), 9);
        assert_eq!(
            check_session(&dubai, &r),
            Ok(()),
            "the host allows any zone's day"
        );
        let refusal = check_session_day(&dubai, None, &r, (today, None), Date(10)).unwrap_err();
        assert_eq!(
            (refusal.rule, refusal.args),
            (Rule::ActionItemDue, vec!["Action a1".into()])
        );
        assert_eq!(
            refused_action(&dubai, None, &r, Date(10)),
            Some((id("a1"), Rule::ActionItemDue))
        );
        // Before the session's day in every zone: the host refuses it too.
        let dubai = with_item(at_wall(10, 2, 240), 8);
        assert_eq!(
            check_session(&dubai, &r).unwrap_err().rule,
            Rule::ActionItemDue
        );
        // An item stored so under the former rule, its session's time kept, stays editable.
        let stored = with_item(at_wall(10, 2, 240), 9);
        let mut edited = stored.clone();
        edited.minutes = 45;
        assert_eq!(
            check_session_day(&edited, Some(&stored), &r, (today, None), Date(10)),
            Ok(())
        );
        assert_eq!(refused_action(&edited, Some(&stored), &r, Date(10)), None);
        edited.at = at_wall(10, 3, 240);
        assert_eq!(
            check_session_day(&edited, Some(&stored), &r, (today, None), Date(10))
                .unwrap_err()
                .rule,
            Rule::ActionItemDue,
            "moved, the session's items are asked again"
        );
    }

    #[test]
    fn notes_are_bounded() {
        let mut s = session();
        s.grow.reality = "x".repeat(NOTES_MAX_CHARS + 1);
        let refusal = check_session(&s, &relationship()).unwrap_err();
        assert_eq!(refusal.rule, Rule::TextTooLong);
        assert!(refusal.message.contains("Reality notes"));
    }

    #[test]
    fn each_grow_note_stops_at_the_agreements_length_and_the_one_too_long_is_named() {
        let mut s = session();
        s.grow.options = "é".repeat(GROW_MAX_CHARS);
        assert_eq!(
            check_session(&s, &relationship()),
            Ok(()),
            "characters, not bytes"
        );
        assert_eq!(grow_too_long_at(&s.grow, None), None);
        s.grow.will = "x".repeat(GROW_MAX_CHARS + 1);
        let refusal = check_session(&s, &relationship()).unwrap_err();
        assert_eq!(refusal.rule, Rule::TextTooLong);
        assert!(
            refusal.message.contains("Will notes"),
            "{}",
            refusal.message
        );
        assert_eq!(refusal.args, ["2000", "2001"]);
        assert_eq!(grow_too_long_at(&s.grow, None), Some(3));
        // Stored that long under the former, longer limit: kept, and its author's edit of
        // anything else goes through, on the device and on the host alike.
        let before = s.clone();
        let mut edited = s.clone();
        edited.minutes = 45;
        let edit =
            |edited: &Session| check_session_edit(&before, edited, &id("sofia"), &relationship());
        assert_eq!(edit(&edited), Ok(()));
        assert_eq!(
            refused_action(&edited, Some(&before), &relationship(), Date(10)),
            None
        );
        let stored = crate::record::Change::Session(before.clone());
        let judged = |edited: &Session| {
            crate::record::check_change(
                &crate::record::Change::Session(edited.clone()),
                Some(&stored),
                crate::record::RecordContext {
                    relationships: &[relationship()],
                    programmes: &[],
                    directory: &crate::Directory::default(),
                    today: Date(10),
                    ended: &[],
                    sessions: &[],
                },
            )
        };
        assert_eq!(judged(&edited), Ok(()));
        // The note itself, changed, is held to the limit, and so is another note.
        edited.grow.will.push('y');
        assert_eq!(edit(&edited).unwrap_err().rule, Rule::TextTooLong);
        assert_eq!(judged(&edited).unwrap_err().rule, Rule::TextTooLong);
        assert_eq!(grow_too_long_at(&edited.grow, Some(&before.grow)), Some(3));
        edited.grow.will = "Shorter".into();
        assert_eq!(edit(&edited), Ok(()));
        edited.grow.goal = "x".repeat(GROW_MAX_CHARS + 1);
        assert_eq!(edit(&edited).unwrap_err().rule, Rule::TextTooLong);
        assert_eq!(grow_too_long_at(&edited.grow, Some(&before.grow)), Some(0));
    }

    #[test]
    fn a_session_falls_between_its_relationships_start_and_a_year_from_today() {
        const DAY: i64 = 86_400_000;
        let r = Relationship {
            starts: Date(100),
            ..relationship()
        };
        let today = Date(200);
        let at = |day: i64, hour: i64| Session {
            at: Millis(day * DAY + hour * 3_600_000),
            actions: Vec::new(),
            ..session()
        };
        let refused = |s: &Session| {
            check_session_date(s, None, &r, today, None)
                .err()
                .map(|e| e.rule)
        };
        assert_eq!(refused(&at(100, 9)), None, "the first day");
        assert_eq!(refused(&at(150, 9)), None, "in the past, within it");
        assert_eq!(refused(&at(565, 9)), None, "a year ahead");
        assert_eq!(
            refused(&at(99, 8)),
            Some(Rule::SessionDate),
            "the day before"
        );
        assert_eq!(refused(&at(-7_305, 9)), Some(Rule::SessionDate), "1950");
        assert_eq!(
            refused(&at(566, 14)),
            Some(Rule::SessionDate),
            "a year and a day"
        );
        // 00:30 on the first day in Dubai is 20:30 UTC the day before: its own date counts.
        assert_eq!(refused(&at(99, 21)), None);
        let refusal = check_session_date(&at(99, 8), None, &r, today, None).unwrap_err();
        assert_eq!(
            refusal.args,
            [Date(100).to_string(), Date(565).to_string()],
            "the range allowed, first and last day"
        );
        assert!(refusal.message.contains(&Date(565).to_string()));
        // Stored before a start moved later: a change keeping its time is not asked again;
        // one moving it is.
        let early = at(90, 9);
        let mut edited = Session {
            minutes: 45,
            ..early.clone()
        };
        assert_eq!(
            check_session_date(&edited, Some(&early), &r, today, None),
            Ok(())
        );
        edited.at = at(95, 9).at;
        let moved = check_session_date(&edited, Some(&early), &r, today, None).unwrap_err();
        assert_eq!(moved.rule, Rule::SessionDate);
        edited.at = at(100, 9).at;
        assert_eq!(
            check_session_date(&edited, Some(&early), &r, today, None),
            Ok(())
        );
        // 2^32 days after a day within it, and instants at the ends of what a number holds:
        // outside years 1 to 9999, refused, on the host (`check_change`) as in the widget.
        for far in [150 + (1_i64 << 32), i64::MAX / DAY - 1, i64::MIN / DAY + 1] {
            let s = at(far, 9);
            assert_eq!(refused(&s), Some(Rule::SessionDate), "{far}");
            assert_eq!(
                check_session_day(&s, Some(&s.clone()), &r, (today, None), Date(150))
                    .map_err(|e| e.rule),
                Err(Rule::SessionDate),
                "{far}: stored so, not taken again"
            );
            let context = crate::record::RecordContext {
                relationships: std::slice::from_ref(&r),
                programmes: &[],
                directory: &crate::Directory::default(),
                today,
                ended: &[],
                sessions: &[],
            };
            let change = crate::record::Change::Session(s);
            let judged = crate::record::check_change(&change, None, context);
            assert_eq!(judged.map_err(|e| e.rule), Err(Rule::SessionDate), "{far}");
        }
    }

    #[test]
    fn a_session_of_a_pair_that_is_over_is_not_moved_to_after_it_ended_and_one_stored_so_stays() {
        const DAY: i64 = 86_400_000;
        let mut r = relationship();
        let today = Date(60);
        let ended = PairEnded {
            at: Millis(50 * DAY + 12 * 3_600_000),
            on: Date(50),
        };
        let at = |day: i64, hour: i64| Millis(day * DAY + hour * 3_600_000);
        let stored = Session {
            at: at(40, 9),
            actions: Vec::new(),
            ..session()
        };
        let moved = |to: Millis| Session {
            at: to,
            ..stored.clone()
        };
        let check = |s: &Session, r: &Relationship| {
            check_session_date(s, Some(&stored), r, today, Some(ended)).map_err(|e| e.rule)
        };
        // Under way, the end the pair will have is no bound.
        assert_eq!(check(&moved(at(55, 9)), &r), Ok(()));
        r.lifecycle = Lifecycle::Completed;
        let refusal = check_session_date(&moved(at(55, 9)), Some(&stored), &r, today, Some(ended))
            .unwrap_err();
        assert_eq!(refusal.rule, Rule::SessionAfterEnd);
        assert_eq!(refusal.args, [Date(50).to_string()], "the day it ended");
        assert!(refusal.message.contains(&Date(50).to_string()));
        assert!(refusal.message.contains("delete the session"));
        // A minute after the end is after it; at the end, or before, it was held.
        assert_eq!(
            check(&moved(Millis(ended.at.0 + 60_000)), &r),
            Err(Rule::SessionAfterEnd)
        );
        assert_eq!(check(&moved(ended.at), &r), Ok(()));
        assert_eq!(check(&moved(at(45, 9)), &r), Ok(()));
        // Planned for after the end before it came: loaded, and a change keeping its time is
        // taken (its notes), on the host too; moving it later still is not.
        let late = moved(at(58, 9));
        let noted = Session {
            grow: Grow {
                will: "Cancelled: the pair ended".into(),
                ..late.grow.clone()
            },
            ..late.clone()
        };
        let context = crate::record::RecordContext {
            relationships: std::slice::from_ref(&r),
            programmes: &[],
            directory: &crate::Directory::default(),
            today,
            ended: &[(r.id.clone(), ended)],
            sessions: &[],
        };
        let change = |s: &Session| crate::record::Change::Session(s.clone());
        let host = |s: &Session, before: &Session| {
            crate::record::check_change(&change(s), Some(&change(before)), context)
                .map_err(|e| e.rule)
        };
        assert_eq!(host(&late, &late), Ok(()), "as stored");
        assert_eq!(host(&noted, &late), Ok(()));
        assert_eq!(host(&moved(at(59, 9)), &late), Err(Rule::SessionAfterEnd));
        assert_eq!(host(&moved(at(59, 9)), &stored), Err(Rule::SessionAfterEnd));
        assert_eq!(
            host(&moved(at(45, 9)), &late),
            Ok(()),
            "back before the end"
        );
        // The widget's form of the check, with the session's own day.
        assert_eq!(
            check_session_day(
                &moved(at(55, 9)),
                Some(&stored),
                &r,
                (today, Some(ended)),
                Date(55)
            )
            .map_err(|e| e.rule),
            Err(Rule::SessionAfterEnd)
        );
    }

    #[test]
    fn the_next_agenda_is_the_open_actions_soonest_first() {
        let mut earlier = session();
        earlier.actions[0].done = true;
        let later = Session {
            id: id("s2"),
            actions: vec![action("a9", "amira", 11, false)],
            ..session()
        };
        let agenda: Vec<_> = next_agenda([&earlier, &later], &relationship())
            .iter()
            .map(|a| a.id.to_string())
            .collect();
        assert_eq!(agenda, ["a9", "a2"]);
    }

    #[test]
    fn after_a_re_pairing_the_agenda_keeps_the_stayers_items_and_not_those_of_who_left() {
        // James took over from Sofia: the session keeps its pair and both its open items, but
        // Sofia's is not on the agenda Amira meets James with; Amira's own still is.
        let james = Relationship {
            mentor: id("james"),
            ..relationship()
        };
        let before = session();
        let amira_sees = sessions_of(std::slice::from_ref(&before), &james, &id("amira"));
        let agenda: Vec<_> = next_agenda(amira_sees.iter().copied(), &james)
            .iter()
            .map(|a| a.id.to_string())
            .collect();
        assert_eq!(agenda, ["a1"]);
        assert_eq!(
            (
                before.author.as_str(),
                before.partner.as_ref().map(|p| p.as_str())
            ),
            ("sofia", Some("amira")),
            "the session keeps the pair it was logged with"
        );
        assert!(
            !before.actions[1].done,
            "Sofia's item is not closed for her"
        );
    }

    #[test]
    fn sessions_list_newest_first_and_the_next_is_the_first_not_yet_over() {
        let at = |n: &str, rel: &str, minute: i64| Session {
            id: id(n),
            relationship: id(rel),
            at: Millis(minute * 60_000),
            minutes: 30,
            ..session()
        };
        let all = [
            at("past", "rel", 0),
            at("soon", "rel", 100),
            at("later", "rel", 500),
            at("elsewhere", "other", 50),
        ];
        let listed = |viewer: &str| {
            sessions_of(&all, &relationship(), &id(viewer))
                .iter()
                .map(|s| s.id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(listed("amira"), ["later", "soon", "past"]);
        assert_eq!(listed("sofia"), ["later", "soon", "past"]);
        assert!(listed("james").is_empty(), "not the pair's: nothing");
        let next = |minute: i64| {
            next_session(&all, &relationship(), &id("amira"), Millis(minute * 60_000))
                .map(|s| s.id.to_string())
        };
        assert_eq!(next(20).as_deref(), Some("past"), "still under way");
        assert_eq!(next(30).as_deref(), Some("soon"));
        assert_eq!(next(129).as_deref(), Some("soon"), "still under way");
        assert_eq!(next(130).as_deref(), Some("later"));
        assert_eq!(next(600), None);
    }

    #[test]
    fn a_pair_that_is_over_has_no_next_session_and_says_what_it_will_not_hold() {
        let at = |name: &str, minute: i64| Session {
            id: id(name),
            at: Millis(minute * 60_000),
            ..session()
        };
        let all = [at("past", 0), at("soon", 100), at("later", 500)];
        let now = Millis(90 * 60_000);
        let ahead = |r: &Relationship| {
            planned_ahead(&all, r, &id("amira"), now)
                .iter()
                .map(|s| s.id.to_string())
                .collect::<Vec<_>>()
        };
        let open = relationship();
        assert_eq!(ahead(&open), ["later", "soon"]);
        // One under way when the pair ends was held: it is not among those it will not hold.
        let under_way = planned_ahead(&all, &open, &id("amira"), Millis(101 * 60_000));
        assert_eq!(under_way.len(), 1, "{under_way:?}");
        assert_eq!(under_way[0].id, id("later"));
        assert!(takes_place_ahead(&all[1], &open, now));
        assert!(!takes_place_ahead(&all[0], &open, now), "already over");
        for lifecycle in [
            Lifecycle::Completed,
            Lifecycle::EndedEarly {
                reason: "Moved on".into(),
            },
        ] {
            let over = Relationship {
                lifecycle,
                ..relationship()
            };
            assert_eq!(next_session(&all, &over, &id("amira"), now), None);
            assert_eq!(
                ahead(&over),
                ["later", "soon"],
                "still planned, not to be held"
            );
            assert!(!takes_place_ahead(&all[1], &over, now));
        }
        let paused = Relationship {
            lifecycle: Lifecycle::Paused,
            ..relationship()
        };
        assert_eq!(
            next_session(&all, &paused, &id("amira"), now).map(|s| s.id.to_string()),
            Some("soon".to_owned()),
            "a pause is a break, not an end"
        );
    }

    #[test]
    fn whoever_replaces_a_partner_is_listed_none_of_the_earlier_pairs_sessions() {
        // Sofia coached Amira; then James took over from her.
        let james = Relationship {
            mentor: id("james"),
            ..relationship()
        };
        let hour = 3_600_000;
        let earlier = Session {
            at: Millis(100 * hour),
            ..session()
        };
        let planned = Session {
            id: id("s2"),
            at: Millis(200 * hour),
            ..session()
        };
        let since = Session {
            id: id("s3"),
            author: id("james"),
            partner: Some(id("amira")),
            at: Millis(300 * hour),
            actions: vec![],
            ..session()
        };
        let all = [earlier, planned, since];
        let listed = |viewer: &str| {
            sessions_of(&all, &james, &id(viewer))
                .iter()
                .map(|s| s.id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(listed("amira"), ["s3", "s2", "s1"]);
        assert_eq!(listed("james"), ["s3"]);
        // Sofia, taken off, reads back what she was in, and nothing said since.
        assert_eq!(listed("sofia"), ["s2", "s1"]);
        let next = |viewer: &str| {
            next_session(&all, &james, &id(viewer), Millis(150 * hour)).map(|s| s.id.to_string())
        };
        assert_eq!(
            next("amira").as_deref(),
            Some("s3"),
            "not the one planned with Sofia, who was replaced"
        );
        assert_eq!(
            next("james").as_deref(),
            Some("s3"),
            "not Sofia's with Amira"
        );
        assert_eq!(next("sofia"), None);
        let agenda: Vec<_> = next_agenda(sessions_of(&all, &james, &id("james")), &james)
            .iter()
            .map(|a| a.id.to_string())
            .collect();
        assert!(agenda.is_empty(), "Sofia's actions are not his: {agenda:?}");
    }

    #[test]
    fn someone_taken_off_a_pair_reads_back_the_sessions_they_were_in_with_the_partner_they_had() {
        // Sofia coached Amira; James took over from her, then Lena from Amira.
        let now = Relationship {
            mentor: id("james"),
            mentee: id("lena"),
            ..relationship()
        };
        let day = 86_400_000;
        let with_sofia = |n: &str, at: i64| Session {
            id: id(n),
            at: Millis(at * day),
            ..session()
        };
        let with_james = Session {
            id: id("s3"),
            author: id("amira"),
            partner: Some(id("james")),
            at: Millis(30 * day),
            ..session()
        };
        let with_lena = Session {
            id: id("s4"),
            author: id("james"),
            partner: Some(id("lena")),
            at: Millis(40 * day),
            ..session()
        };
        let unrecorded = Session {
            id: id("s5"),
            partner: None,
            at: Millis(50 * day),
            ..session()
        };
        let elsewhere = Session {
            id: id("s6"),
            relationship: id("other"),
            at: Millis(60 * day),
            ..session()
        };
        let sessions = [
            with_sofia("s1", 10),
            with_sofia("s2", 20),
            with_james,
            with_lena,
            unrecorded,
            elsewhere,
        ];
        // Sofia and Amira are a pair in another relationship too, under way.
        let other = Relationship {
            id: id("other"),
            ..relationship()
        };
        let relationships = [now.clone(), other];
        let pairings = |who: &str| {
            earlier_pairings(&relationships, &[], &sessions, &[], &[], &id(who))
                .into_iter()
                .map(|p| {
                    assert_eq!(p.programme, Some(&id("prog")));
                    assert_eq!(p.kind, Some(RelationshipKind::Coaching));
                    let ids: Vec<String> = p.sessions.iter().map(|s| s.id.to_string()).collect();
                    (p.relationship.to_string(), p.partner.to_string(), ids)
                })
                .collect::<Vec<_>>()
        };
        let listed = |rel: &str, partner: &str, ids: &[&str]| {
            let ids = ids.iter().map(|s| s.to_string()).collect();
            (rel.to_owned(), partner.to_owned(), ids)
        };
        // Sofia: her sessions with Amira, not the one stored without its pair, nor any since.
        assert_eq!(pairings("sofia"), [listed("rel", "amira", &["s2", "s1"])]);
        // Amira had two partners in it, each a pairing of its own, the most recent first;
        // Lena, who took her place, is named in none.
        assert_eq!(
            pairings("amira"),
            [
                listed("rel", "james", &["s3"]),
                listed("rel", "sofia", &["s2", "s1"]),
            ]
        );
        // James stayed: what he had with Amira before Lena took her place is an earlier
        // pairing of his, and his relationship's page lists the pairing now's alone. Lena
        // has none, and an outsider none anywhere.
        assert_eq!(pairings("james"), [listed("rel", "amira", &["s3"])]);
        let page: Vec<&str> = sessions_with_partner_now(&sessions, &now, &id("james"))
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert!(page.contains(&"s4") && !page.contains(&"s3"), "{page:?}");
        assert!(pairings("lena").is_empty());
        assert!(pairings("omar").is_empty());
    }

    #[test]
    fn a_device_without_the_relationship_reads_back_the_same_earlier_pairings_from_the_sessions() {
        // Sofia coached Amira; James took over from her. Sofia's new phone received the
        // sessions she was in, not the relationship, which names James.
        let day = 86_400_000;
        let with_sofia = |n: &str, at: i64| Session {
            id: id(n),
            at: Millis(at * day),
            ..session()
        };
        let with_james = Session {
            id: id("s3"),
            author: id("james"),
            partner: Some(id("amira")),
            at: Millis(30 * day),
            ..session()
        };
        let unrecorded = Session {
            id: id("s5"),
            partner: None,
            at: Millis(50 * day),
            ..session()
        };
        let sessions = [
            with_sofia("s1", 10),
            with_james,
            with_sofia("s2", 20),
            unrecorded,
        ];
        let nudge = |to: &str, programme: &str| Nudge {
            id: id(&format!("n-{to}")),
            programme: id(programme),
            relationship: id("rel"),
            to: id(to),
            reason: "quiet".into(),
            by: id("hr-admin"),
            at: Millis(0),
        };
        let read = |who: &str, relationships: &[Relationship], nudges: &[Nudge]| {
            earlier_pairings(relationships, &[], &sessions, &[], nudges, &id(who))
                .into_iter()
                .map(|p| {
                    let ids: Vec<String> = p.sessions.iter().map(|s| s.id.to_string()).collect();
                    let programme = p.programme.map(|p| p.to_string());
                    (
                        p.relationship.to_string(),
                        p.partner.to_string(),
                        ids,
                        programme,
                        p.kind,
                    )
                })
                .collect::<Vec<_>>()
        };
        let owned = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Her sessions with Amira, the most recent first, not the one stored without its
        // pair (nothing says she was in it), nor James's: the programme and kind unknown.
        assert_eq!(
            read("sofia", &[], &[]),
            [(
                "rel".into(),
                "amira".into(),
                owned(&["s2", "s1"]),
                None,
                None
            )]
        );
        // A nudge its admins sent her about it names its programme; one to someone else
        // does not count for her.
        assert_eq!(
            read(
                "sofia",
                &[],
                &[nudge("james", "prog-other"), nudge("sofia", "prog")]
            ),
            [(
                "rel".into(),
                "amira".into(),
                owned(&["s2", "s1"]),
                Some("prog".into()),
                None
            )]
        );
        assert_eq!(read("sofia", &[], &[nudge("james", "prog")])[0].3, None);
        // The same sessions and partner as on a device that held the relationship.
        let now = Relationship {
            mentor: id("james"),
            ..relationship()
        };
        let held = read("sofia", std::slice::from_ref(&now), &[]);
        assert_eq!(
            held,
            [(
                "rel".into(),
                "amira".into(),
                owned(&["s2", "s1"]),
                Some("prog".into()),
                Some(RelationshipKind::Coaching)
            )]
        );
        // Whoever is in none of them reads nothing of them, an admin of every programme
        // included: the host sends none to them, and the core shows none if it did.
        for outsider in ["omar", "hr-admin", "lena"] {
            assert!(read(outsider, &[], &[]).is_empty(), "{outsider}");
        }
        // A relationship held elsewhere on the device is not this one: its sessions are
        // judged without it.
        let another = Relationship {
            id: id("another"),
            ..relationship()
        };
        assert_eq!(read("sofia", &[another], &[]).len(), 1);
        // Nor does a session stored without its pair give anyone an earlier pairing.
        let only_unrecorded = [sessions[3].clone()];
        for who in ["sofia", "amira"] {
            assert!(earlier_pairings(&[], &[], &only_unrecorded, &[], &[], &id(who)).is_empty());
        }
        // A relationship the device holds but cannot read, deleted there (its deletion
        // reaches whoever kept its sessions) or failing validation, takes its sessions with
        // it: they are no earlier pairing of anyone's, its current pair's least of all.
        let unreadable = [id("rel")];
        for who in ["sofia", "james", "amira"] {
            let pairings = earlier_pairings(&[], &unreadable, &sessions, &[], &[], &id(who));
            assert!(pairings.is_empty(), "{who}");
        }
        // Another relationship's record held unreadable changes nothing of this one's.
        let read_with = |unreadable: &[RecordId]| {
            earlier_pairings(&[], unreadable, &sessions, &[], &[], &id("sofia")).len()
        };
        assert_eq!(read_with(&[id("another")]), 1);
    }

    #[test]
    fn feedback_someone_taken_off_gave_is_an_earlier_pairing_with_or_without_sessions() {
        // Sofia coached Amira and gave her feedback, with no session logged; James took
        // Sofia's place, and Amira gave James feedback since.
        let feedback = |n: &str, giver: &str, receiver: &str, day: i64| crate::Feedback {
            id: id(n),
            giver: id(giver),
            receiver: id(receiver),
            relationship: id("rel"),
            session: None,
            strengths: vec![],
            development_areas: vec![],
            ratings: Default::default(),
            overall: "Thank you".into(),
            visibility: crate::Visibility::PrivateToReceiver,
            given_at: Millis(day * 86_400_000),
        };
        let given = [
            feedback("f1", "sofia", "amira", 3),
            feedback("f2", "sofia", "amira", 5),
            feedback("f3", "amira", "james", 9),
        ];
        let now = Relationship {
            mentor: id("james"),
            ..relationship()
        };
        let read = |who: &str, held: &[Relationship], unreadable: &[RecordId]| {
            earlier_pairings(held, unreadable, &[], &given, &[], &id(who))
                .into_iter()
                .map(|p| {
                    let ids: Vec<&str> = p.feedback.iter().map(|f| f.id.as_str()).collect();
                    (
                        p.partner.to_string(),
                        p.sessions.len(),
                        ids.join(" "),
                        p.latest(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let sofia = [(
            "amira".to_owned(),
            0,
            "f2 f1".to_owned(),
            Millis(5 * 86_400_000),
        )];
        // Whether the device holds the relationship (naming James) or not: her partner then.
        assert_eq!(read("sofia", std::slice::from_ref(&now), &[]), sofia);
        assert_eq!(read("sofia", &[], &[]), sofia);
        // Amira stayed: what Sofia gave her is an earlier pairing of hers (received, not
        // given); what passed with the partner now is not. A relationship held deleted takes
        // it out, as it does sessions.
        assert_eq!(
            read("amira", std::slice::from_ref(&now), &[]),
            [("sofia".to_owned(), 0, String::new(), Millis(5 * 86_400_000))]
        );
        assert!(read("james", std::slice::from_ref(&now), &[]).is_empty());
        assert!(read("sofia", &[], &[id("rel")]).is_empty());
        // With a session too, both are in one pairing with that partner.
        let sessions = [session()];
        let both = earlier_pairings(&[], &[], &sessions, &given, &[], &id("sofia"));
        assert_eq!(both.len(), 1);
        assert_eq!((both[0].sessions.len(), both[0].feedback.len()), (1, 2));
        assert_eq!(both[0].latest(), sessions[0].at, "the session came later");
    }

    #[test]
    fn feedback_someone_taken_off_received_is_read_back_with_their_former_partner_only() {
        // Sofia coached Amira and gave her feedback; the admins put Layla in Amira's place,
        // and Sofia gave Layla feedback since.
        let feedback = |n: &str, receiver: &str, day: i64, visibility| crate::Feedback {
            id: id(n),
            giver: id("sofia"),
            receiver: id(receiver),
            relationship: id("rel"),
            session: None,
            strengths: vec![],
            development_areas: vec![],
            ratings: Default::default(),
            overall: "Thank you".into(),
            visibility,
            given_at: Millis(day * 86_400_000),
        };
        use crate::Visibility::*;
        let all = [
            feedback("f1", "amira", 3, PrivateToReceiver),
            feedback("f2", "amira", 5, SharedWithPair),
            feedback("f3", "amira", 6, AnonymousAggregate),
            feedback("f4", "layla", 9, SharedWithPair),
        ];
        let now = Relationship {
            mentee: id("layla"),
            ..relationship()
        };
        let read = |who: &str, held: &[Relationship], unreadable: &[RecordId]| {
            earlier_pairings(held, unreadable, &[], &all, &[], &id(who))
                .into_iter()
                .map(|p| {
                    let ids: Vec<&str> = p.received.iter().map(|f| f.id.as_str()).collect();
                    (
                        p.partner.to_string(),
                        p.feedback.len(),
                        ids.join(" "),
                        p.latest(),
                    )
                })
                .collect::<Vec<_>>()
        };
        // Never the aggregate, nor what Layla received: with or without the relationship.
        let amira = [(
            "sofia".to_owned(),
            0,
            "f2 f1".to_owned(),
            Millis(5 * 86_400_000),
        )];
        assert_eq!(read("amira", std::slice::from_ref(&now), &[]), amira);
        assert_eq!(read("amira", &[], &[]), amira);
        // Held deleted: gone with it. Layla, put in her place, has no earlier pairing; Sofia,
        // who stayed, reads back what she gave Amira under that earlier pairing.
        assert!(read("amira", &[], &[id("rel")]).is_empty());
        assert!(read("layla", std::slice::from_ref(&now), &[]).is_empty());
        assert_eq!(
            read("sofia", std::slice::from_ref(&now), &[]),
            [("amira".to_owned(), 3, String::new(), Millis(6 * 86_400_000))]
        );
    }

    #[test]
    fn a_stored_session_is_judged_with_the_pair_it_was_logged_with_not_the_pair_now() {
        // Sofia coached Amira; James took Sofia's place since.
        let james = Relationship {
            mentor: id("james"),
            ..relationship()
        };
        let logged = session();
        assert!(check_logged_session(&logged, &james).is_err());
        assert_eq!(check_stored_session(&logged, &session(), &james), Ok(()));
        // Every rule still holds for it: nothing of the newcomer's goes into it, nor notes
        // beyond the limit.
        let mut his = logged.clone();
        his.actions.push(action("a3", "james", 20, false));
        let refusal = check_stored_session(&his, &session(), &james).unwrap_err();
        assert_eq!(refusal.rule, Rule::ActionItemOwner);
        let long = Session {
            grow: Grow {
                will: "x".repeat(NOTES_MAX_CHARS + 1),
                ..Grow::default()
            },
            ..logged.clone()
        };
        assert!(check_stored_session(&long, &session(), &james).is_err());
        // Stored without its pair recorded, it is the pair's as it is now.
        let unrecorded = Session {
            partner: None,
            ..logged
        };
        assert!(check_stored_session(&unrecorded, &session(), &james).is_err());
        assert_eq!(
            check_stored_session(&unrecorded, &session(), &relationship()),
            Ok(())
        );
    }

    #[test]
    fn whoever_logged_a_session_changes_it_only_while_still_one_of_the_pair() {
        let s = session();
        assert!(may_change_session(&s, &relationship(), &id("sofia")));
        assert!(
            !may_change_session(&s, &relationship(), &id("amira")),
            "not hers"
        );
        // James took Sofia's place: she reads what she logged, and changes none of it.
        let james = Relationship {
            mentor: id("james"),
            ..relationship()
        };
        assert!(!may_change_session(&s, &james, &id("sofia")));
        assert!(!may_change_session(&s, &james, &id("james")));
    }

    #[test]
    fn a_sessions_partner_is_the_other_of_the_pair_it_was_logged_with() {
        // Sofia coached Amira, then James took over from her.
        let james = Relationship {
            mentor: id("james"),
            ..relationship()
        };
        let logged = session();
        let partner = |s: &Session, r: &Relationship, who: &str| {
            s.partner_of(&id(who), r).map(|p| p.to_string())
        };
        assert_eq!(partner(&logged, &james, "sofia").as_deref(), Some("amira"));
        assert_eq!(partner(&logged, &james, "amira").as_deref(), Some("sofia"));
        assert_eq!(partner(&logged, &james, "james"), None, "not in the room");
        // Stored before the pair was: the author and their partner in the relationship now.
        let unrecorded = Session {
            partner: None,
            ..session()
        };
        assert_eq!(
            partner(&unrecorded, &relationship(), "sofia").as_deref(),
            Some("amira")
        );
        assert_eq!(
            partner(&unrecorded, &relationship(), "amira").as_deref(),
            Some("sofia")
        );
        assert_eq!(partner(&unrecorded, &relationship(), "james"), None);
        assert_eq!(logged.ends_at(), Millis(logged.at.0 + 60 * 60_000));
        assert!(!logged.is_over(Millis(logged.ends_at().0 - 1)), "under way");
        assert!(logged.is_over(logged.ends_at()));
    }

    #[test]
    fn a_private_note_is_found_for_its_owner_only() {
        let note = |n: &str, owner: &str, session: &str| PrivateNote {
            id: id(n),
            owner: id(owner),
            session: id(session),
            text: format!("{owner} on {session}"),
        };
        let notes = [
            note("n1", "sofia", "s1"),
            note("n2", "amira", "s2"),
            note("n3", "amira", "s1"),
        ];
        assert_eq!(
            note_of(&notes, &id("s1"), &id("amira")).map(|n| n.id.to_string()),
            Some("n3".into())
        );
        assert_eq!(note_of(&notes, &id("s2"), &id("sofia")), None);
        assert_eq!(note_of(&notes, &id("s3"), &id("amira")), None);
    }

    #[test]
    fn wall_clock_times_read_and_write_like_a_date_time_field() {
        let wall = parse_wall_clock("2026-03-31T14:30").unwrap();
        assert_eq!(wall_clock_text(wall), "2026-03-31T14:30");
        assert_eq!(
            parse_wall_clock("2026-03-31T14:30:59").unwrap().0,
            wall.0 + 59_000
        );
        assert_eq!(
            wall_clock_text(parse_wall_clock("1969-12-31T23:59").unwrap()),
            "1969-12-31T23:59"
        );
        for bad in [
            "",
            "2026-03-31",
            "2026-03-31T24:00",
            "2026-03-31T9:30",
            "2026-02-30T10:00",
            "2026-03-31T10:60",
            "2026-03-31T10:00:00:00",
            "2026-+3-31T10:00",
            "+026-03-31T10:00",
        ] {
            let error = parse_wall_clock(bad).unwrap_err();
            assert!(error.contains("YYYY-MM-DDTHH:MM"), "{bad}: {error}");
        }
    }

    #[test]
    fn a_wall_clock_time_becomes_the_instant_in_the_authors_zone() {
        let wall = parse_wall_clock("2026-03-31T14:30").unwrap();
        // Dubai: UTC+4 all year.
        let dubai = instant_at_wall_clock(wall, |_| 240);
        assert_eq!(wall_clock_text(dubai), "2026-03-31T10:30");
        assert_eq!(wall_clock_at(dubai, 240), wall);
        // London: summer time (UTC+1) from 2026-03-29T01:00Z.
        let change = parse_wall_clock("2026-03-29T01:00").unwrap();
        let london = |at: Millis| if at >= change { 60 } else { 0 };
        assert_eq!(
            wall_clock_text(instant_at_wall_clock(wall, london)),
            "2026-03-31T13:30"
        );
        let winter = parse_wall_clock("2026-03-28T14:30").unwrap();
        assert_eq!(
            wall_clock_text(instant_at_wall_clock(winter, london)),
            "2026-03-28T14:30"
        );
        // Just after the change, where the first guess is on the wrong side of it.
        let after = parse_wall_clock("2026-03-29T02:30").unwrap();
        assert_eq!(
            wall_clock_text(instant_at_wall_clock(after, london)),
            "2026-03-29T01:30"
        );
    }

    #[test]
    fn a_new_sessions_time_starts_within_its_relationship_and_one_before_it_is_refused() {
        let r = relationship();
        let first = r.starts;
        let midnight = i64::from(first.0) * 86_400_000;
        // 00:10 on the pair's first day in London (UTC in winter): not 23:00 the day before.
        let just_after = Millis(midnight + 10 * 60_000);
        assert_eq!(usual_start_from(just_after, 0, first), Millis(midnight));
        // Later that day, an hour ago as ever.
        let afternoon = Millis(midnight + 15 * 3_600_000 + 52 * 60_000);
        assert_eq!(
            usual_start_from(afternoon, 0, first),
            usual_start(afternoon)
        );
        // In Dubai (UTC+4) the first day began at 20:00 UTC the day before.
        assert_eq!(
            usual_start_from(Millis(midnight - 3 * 3_600_000), 240, first),
            Millis(midnight - 4 * 3_600_000)
        );

        // 23:00 the day before, in London: some zone's day is the first, so the host takes it;
        // the widget, knowing the session's own day, refuses it and names the dates.
        let mut s = session();
        s.at = Millis(midnight - 3_600_000);
        let today = first.add_days(1);
        assert_eq!(check_session_date(&s, None, &r, today, None), Ok(()));
        let refusal =
            check_session_day(&s, None, &r, (today, None), first.add_days(-1)).unwrap_err();
        assert_eq!(refusal.rule, Rule::SessionDate);
        assert_eq!(refusal.args[0], first.to_string());
        assert_eq!(
            check_session_day(&s, None, &r, (today, None), first),
            Ok(())
        );
        // A session stored so before, its time kept by an edit, is not asked again.
        assert_eq!(
            check_session_day(&s, Some(&s.clone()), &r, (today, None), first.add_days(-1)),
            Ok(())
        );
    }

    #[test]
    fn a_new_sessions_time_starts_as_one_that_just_ended_on_the_persons_own_clock() {
        let at = |h: i64, m: i64| Millis(h * 3_600_000 + m * 60_000);
        assert_eq!(usual_start(at(15, 52)), at(14, 45));
        assert_eq!(usual_start(at(5, 5)), at(4, 0));
        assert_eq!(usual_start(at(15, 45)), at(14, 45));
        assert_eq!(usual_start(at(0, 10)), at(-1, 0));

        // What the form shows, on the wall where the person is, and the instant it saves.
        let day = |text: &str| i64::from(Date::parse(text).unwrap().0) * MS_PER_DAY;
        let shown = |now: Millis, offset_at: &dyn Fn(Millis) -> i32| {
            let start = usual_start(now);
            (
                start,
                wall_clock_text(wall_clock_at(start, offset_at(start))),
            )
        };
        // London, the last Sunday of October 2026: BST (UTC+1) until 01:00 UTC, then GMT.
        // At 01:30 GMT an hour ago was 01:30 BST, said with the offset then, not now's.
        let change = day("2026-10-25") + 3_600_000;
        let london = move |t: Millis| if t.0 < change { 60 } else { 0 };
        let (start, wall) = shown(Millis(change + 30 * 60_000), &london);
        assert_eq!(
            (start, wall.as_str()),
            (Millis(change - 30 * 60_000), "2026-10-25T01:30")
        );
        // The spring change (29 March 2026, GMT to BST at 01:00 UTC): at 02:20 BST an hour ago
        // was 00:20 GMT, on the quarter hour 00:15, never the 01:15 the clocks skipped.
        let spring = day("2026-03-29") + 3_600_000;
        let london = move |t: Millis| if t.0 < spring { 0 } else { 60 };
        let (start, wall) = shown(Millis(spring + 20 * 60_000), &london);
        assert_eq!(wall, "2026-03-29T00:15");
        assert_eq!(
            instant_at_wall_clock(parse_wall_clock(&wall).unwrap(), london),
            start
        );
        // Near midnight: 00:10 on 1 December in London is 23:00 the day before; in Dubai
        // (UTC+4), 00:20 on 1 December (20:20 UTC the day before) is 23:15 on 30 November.
        let (_, wall) = shown(Millis(day("2026-12-01") + 10 * 60_000), &|_| 0);
        assert_eq!(wall, "2026-11-30T23:00");
        let (_, wall) = shown(
            Millis(day("2026-11-30") + 20 * 3_600_000 + 20 * 60_000),
            &|_| 240,
        );
        assert_eq!(wall, "2026-11-30T23:15");
        // Always over by now, whatever the minute: an hour at least, and under an hour and a quarter.
        for minute in 0..120 {
            let now = Millis(day("2026-11-30") + minute * 60_000 + 30_000);
            let start = usual_start(now);
            let before = now.0 - start.0;
            assert!((60 * 60_000..75 * 60_000).contains(&before), "{minute}");
        }
    }

    #[test]
    fn an_empty_session_whose_time_came_is_not_held_until_something_is_logged_in_it() {
        let mut s = session();
        s.grow = Grow::default();
        s.actions.clear();
        let before = Millis(s.at.0 - 60_000);
        let after = Millis(s.at.0 + 60_000);
        assert!(!s.is_held(before));
        assert!(!s.is_held(after), "planned empty, its minute passed");
        assert!(!s.awaits_notes(before), "still to come");
        assert!(s.awaits_notes(after));
        assert!(check_held_session_filled(&s, after).is_err());
        s.grow.will = "Rehearse by Friday".into();
        assert!(!s.is_held(before), "planned ahead with notes: not yet");
        assert!(s.is_held(after));
        s.grow.will = "   ".into();
        assert!(!s.is_held(after), "blank notes are none");
        s.actions.push(action("a1", "sofia", 10, false));
        assert!(s.is_held(after));
        assert!(!s.awaits_notes(after), "an action item is logged");
    }

    #[test]
    fn sessions_planned_after_a_pair_ended_are_not_held_and_the_first_three_are_named() {
        let mut r = relationship();
        let mut s = session();
        let ended = Millis(s.at.0 - 3_600_000);
        let now = Millis(s.at.0 - 7_200_000);
        assert!(!not_held_after_end(&s, &r, Some(ended), now), "not over");
        r.lifecycle = Lifecycle::Completed;
        assert!(not_held_after_end(&s, &r, Some(ended), now));
        // One under way, or held, when the pair ended was held.
        assert!(!not_held_after_end(&s, &r, Some(s.at), now));
        assert!(!not_held_after_end(&s, &r, Some(Millis(s.at.0 + 1)), now));
        // Ended when this device does not know: not held if not begun by now.
        assert!(not_held_after_end(&s, &r, None, now));
        assert!(!not_held_after_end(&s, &r, None, Millis(s.at.0 + 1)));

        let mut later = Vec::new();
        for days in [5, 1, 3, 4, 2] {
            s.at = Millis(ended.0 + days * MS_PER_DAY);
            later.push(s.clone());
        }
        let ahead: Vec<&Session> = later.iter().collect();
        let (named, more) = first_named(&ahead);
        let day = |n: i64| Millis(ended.0 + n * MS_PER_DAY);
        assert_eq!((named, more), (vec![day(1), day(2), day(3)], 2));
        let (named, more) = first_named(&ahead[..2]);
        assert_eq!((named, more), (vec![day(1), day(5)], 0));
    }
}
