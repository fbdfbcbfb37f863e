//! What needs a participant's attention: their own action items and goals coming due or
//! overdue, their sessions planned in the coming week, their relationships that have gone
//! quiet, their programme admins' recent
//! nudges, and pairings of theirs someone else ended or changed. The signed-in person's
//! device holds
//! everything this needs, so it works offline; the time is passed in, never read.
//!
//! Only what the person may see is asked: sessions through `session::sessions_of`, and only
//! the items and goals they own. A partner's goals, notes, feedback and learning are never
//! inputs, so nothing of theirs can surface here. When a pair is quiet is the health rule's
//! (`health::quiet_signal`), the same one the programme admins' dashboard applies.

use crate::health::{end_signal, quiet_from, quiet_signal, HealthSettings, Nudge, Signal};
use crate::merge::Replica;
use crate::permissions::{may_see, Record, Viewer};
use crate::projection::FieldValue;
use crate::relationship::Side;
use crate::session::{held_by, sessions_of, sessions_with_partner_now};
use crate::{Date, Goal, Lifecycle, Millis, Programme, RecordId, Relationship, Session};

/// An open action item is mentioned from this many days before it is due.
pub const ACTION_DUE_WITHIN_DAYS: i32 = 7;
/// A goal still being worked on is mentioned from this many days before it is due.
pub const GOAL_DUE_WITHIN_DAYS: i32 = 14;
/// A programme admin's nudge is mentioned for this many days after it was sent.
pub const NUDGE_SHOWN_DAYS: i32 = 14;
/// A pairing someone else ended or changed is mentioned for this many days after, as a nudge.
pub const PAIRING_CHANGE_SHOWN_DAYS: i32 = NUDGE_SHOWN_DAYS;
/// A session planned ahead is mentioned from this many days before its day, as an action
/// item is: a week gives time to prepare, or to move it.
pub const SESSION_AHEAD_DAYS: i32 = ACTION_DUE_WITHIN_DAYS;

/// Who last wrote a field of a record, and when: what the record does not say of itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub at: Millis,
    pub by: RecordId,
}

/// When a relationship's pairing last changed, and by whom, as the device's log of changes
/// holds it ([`pairing_log`]): the relationship alone says who is paired and where it stands,
/// not who made it so or since when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairingLog {
    pub relationship: RecordId,
    /// Its earliest surviving write: who made it (a mentee asking, an admin publishing), and
    /// when.
    pub made: Written,
    /// The latest write of its mentor or its mentee.
    pub paired: Written,
    /// The side that write put someone new on, when it came after the relationship was made
    /// (its programme's admins re-paired it): whoever was there before was taken off the
    /// pair. `None` while the pair is as it was made.
    pub replaced: Option<Side>,
    /// That write put back someone its side had named before (a re-pairing undone), as far as
    /// the device holds the side's history (`merge::Replica::history`).
    pub put_back: bool,
    /// The latest write of its lifecycle.
    pub lifecycle: Written,
    /// That write ended it while it was still proposed, before it started
    /// ([`ENDED_UNSTARTED_PREFIX`]): declined, withdrawn or cancelled, by who wrote it as the
    /// pair stood then. `None` when it did not, or is not known to have.
    pub unstarted: Option<Ending>,
}

/// The prefix of the id of a lifecycle write that ends a relationship still proposed (a
/// mentor declining, a mentee withdrawing, its admins cancelling): an ended relationship's
/// lifecycle says it ended early, not that it never started, and the value it replaced goes
/// with a compaction. The mark is in the id, as `merge::TOMBSTONE_PREFIX`'s is, because every
/// host keeps an op's id exactly as pushed. An end without it (from before the mark, or from
/// another host) is said as ended early.
///
/// The id goes on to say who ended it as the pair stood on the writer's device
/// ([`ended_unstarted_prefix`]): `unstarted-mentor-…` (declined), `unstarted-mentee-…`
/// (withdrawn), `unstarted-admins-…` (cancelled), so a mentor the admins replace afterwards is
/// still the one who declined, after any compaction. An end marked before that
/// (`unstarted-<time>-…`) is judged against the pair as this device last held it before the
/// end was written (the current pair, once a compaction dropped the values replaced).
///
/// The mark is trusted only while the end stands alone: a lifecycle write it had not seen
/// (the admins started the pairing elsewhere while the ender's device still showed it
/// proposed) stands beside it as a conflict, and the pairing is then said as ended early.
pub const ENDED_UNSTARTED_PREFIX: &str = "unstarted";

/// Whether the lifecycle write that stands, with id `op_id`, ended its relationship before it
/// started: marked with [`ENDED_UNSTARTED_PREFIX`] and standing alone (`stands_alone`: no
/// other lifecycle write stands beside it as a conflict). A device asks it of its log
/// ([`pairing_log`]); a host of the writes it keeps, for its figures
/// (`dashboard::ProgrammeRecords::ended_unstarted`).
pub fn marks_ended_unstarted(op_id: &str, stands_alone: bool) -> bool {
    stands_alone
        && (op_id.strip_prefix(ENDED_UNSTARTED_PREFIX)).is_some_and(|rest| rest.starts_with('-'))
}

/// The id prefix of a write ending a pairing still proposed ([`ends_unstarted`]) by `by`,
/// naming their side in the pair as it stands here (`mentor` and `mentee` its values):
/// see [`ENDED_UNSTARTED_PREFIX`].
pub fn ended_unstarted_prefix(
    by: &RecordId,
    mentor: Option<&FieldValue>,
    mentee: Option<&FieldValue>,
) -> &'static str {
    let is = |value: Option<&FieldValue>| matches!(value, Some(FieldValue::Text(who)) if who == by.as_str());
    if is(mentor) {
        "unstarted-mentor"
    } else if is(mentee) {
        "unstarted-mentee"
    } else {
        "unstarted-admins"
    }
}

/// Whether writing `value` to `field` of a relationship whose lifecycle is `current` ends it
/// before it started: the write the device marks with [`ENDED_UNSTARTED_PREFIX`].
pub fn ends_unstarted(
    entity: &str,
    field: &str,
    value: &FieldValue,
    current: Option<&FieldValue>,
) -> bool {
    let named = |value: Option<&FieldValue>| match value {
        Some(FieldValue::Text(name)) => crate::projection::lifecycle_named(name),
        _ => None,
    };
    entity == crate::record::ENTITIES[0]
        && field == "lifecycle"
        && matches!(named(Some(value)), Some(Lifecycle::EndedEarly { .. }))
        && named(current) == Some(Lifecycle::Proposed)
}

/// How a relationship that is over came to its end, as a screen names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ending {
    Completed,
    /// Ended while under way, or not known to have been only proposed.
    EndedEarly,
    /// A proposal its mentor declined.
    Declined,
    /// A proposal its mentee withdrew.
    Withdrawn,
    /// A proposal someone other than the pair ended: its programme's admins.
    Cancelled,
}

/// How `r` ended, and when as far as this device's pairing log knows (`None` when it does
/// not hold the write that ended it); `None` while it is not over. A proposal ended before it
/// started is named by who ended it, a pairing that had started by its lifecycle.
pub fn ending(r: &Relationship, log: &[PairingLog]) -> Option<(Ending, Option<Millis>)> {
    if !r.lifecycle.is_over() {
        return None;
    }
    let entry = log.iter().find(|entry| entry.relationship == r.id);
    let ended = match (&r.lifecycle, entry) {
        (Lifecycle::Completed, _) => Ending::Completed,
        (_, Some(entry)) => entry.unstarted.unwrap_or(Ending::EndedEarly),
        _ => Ending::EndedEarly,
    };
    Some((ended, entry.map(|entry| entry.lifecycle.at)))
}

/// The pairing log of every relationship `replica` holds. The relationship was made when its
/// earliest surviving value was written: it is made whole, and the fields nobody changes
/// since (its kind, its programme) keep that write.
pub fn pairing_log(replica: &Replica) -> Vec<PairingLog> {
    const ENTITY: &str = crate::record::ENTITIES[0];
    let written = |op: &crate::merge::Op| Written {
        at: Millis(op.hlc.wall),
        by: op.actor.clone(),
    };
    let mut log = Vec::new();
    for (entity, id, fields) in replica.records() {
        if entity != ENTITY {
            continue;
        }
        let winner = |field: &str| replica.winner(ENTITY, &id, field);
        let made = fields
            .keys()
            .filter_map(|f| winner(f))
            .min_by_key(|op| op.hlc);
        let (Some(made), Some(mentor), Some(mentee), Some(lifecycle)) = (
            made,
            winner("mentor"),
            winner("mentee"),
            winner("lifecycle"),
        ) else {
            continue;
        };
        let (paired, side, field) = if mentee.hlc > mentor.hlc {
            (mentee, Side::Mentee, "mentee")
        } else {
            (mentor, Side::Mentor, "mentor")
        };
        log.push(PairingLog {
            relationship: id.clone(),
            made: written(made),
            paired: written(paired),
            // One save writes every field it sets from one device at the same wall time; a
            // re-pairing soon after, from a device whose clock is behind, has the wall time
            // it observed but another device.
            replaced: (paired.hlc.wall > made.hlc.wall || paired.device != made.device)
                .then_some(side),
            put_back: (replica.history(ENTITY, &id, field).iter())
                .any(|op| op.id != paired.id && op.value == paired.value),
            lifecycle: written(lifecycle),
            unstarted: ended_unstarted(replica, &id, lifecycle),
        });
    }
    log
}

/// How `lifecycle`, the winning lifecycle write of relationship `id`, ended it unstarted, if it
/// did ([`ENDED_UNSTARTED_PREFIX`]).
fn ended_unstarted(
    replica: &Replica,
    id: &RecordId,
    lifecycle: &crate::merge::Op,
) -> Option<Ending> {
    const ENTITY: &str = crate::record::ENTITIES[0];
    // Every other lifecycle write it holds, the end superseded (through the writes it saw):
    // the device that marked it had seen them all.
    let alone = replica.conflicts(ENTITY, id, "lifecycle").is_empty();
    if !marks_ended_unstarted(lifecycle.id.as_str(), alone) {
        return None;
    }
    let mark = (lifecycle.id.as_str().strip_prefix(ENDED_UNSTARTED_PREFIX))?.strip_prefix('-')?;
    let side = if mark.starts_with("mentor-") {
        Some(Side::Mentor)
    } else if mark.starts_with("mentee-") {
        Some(Side::Mentee)
    } else if mark.starts_with("admins-") {
        None
    } else {
        // Marked without the side: the pair as the latest value of each side written before
        // the end (by its clock) that this device still holds.
        let as_of = |field: &str| {
            let now = replica.winner(ENTITY, id, field)?;
            if now.hlc <= lifecycle.hlc {
                return Some(&now.value);
            }
            (replica.ops().into_iter())
                .filter(|op| op.entity == ENTITY && &op.record == id && op.field == field)
                .filter(|op| op.hlc <= lifecycle.hlc)
                .max_by_key(|op| op.hlc)
                .map_or(Some(&now.value), |op| Some(&op.value))
        };
        let by = FieldValue::Text(lifecycle.actor.as_str().to_owned());
        if as_of("mentor") == Some(&by) {
            Some(Side::Mentor)
        } else if as_of("mentee") == Some(&by) {
            Some(Side::Mentee)
        } else {
            None
        }
    };
    Some(match side {
        Some(Side::Mentor) => Ending::Declined,
        Some(Side::Mentee) => Ending::Withdrawn,
        None => Ending::Cancelled,
    })
}

/// That the programme's admins took `person` off a pair: written by the host for them alone
/// (`permissions::Record::TakenOffNotice`), so every device of theirs can tell them, one that
/// never held the relationship or no longer holds it included (a device lets go of a
/// relationship it may no longer see). Only what they knew: who they were paired with and
/// when they were taken off, never who took their place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TakenOffNotice {
    pub id: RecordId,
    /// Who was taken off.
    pub person: RecordId,
    pub relationship: RecordId,
    pub programme: RecordId,
    /// The other of the pair as it stood just before.
    pub partner: RecordId,
    pub at: Millis,
}

/// When something is due, seen from today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Due {
    pub on: Date,
    /// Days from today to `on`: 0 when due today, negative when overdue.
    pub in_days: i32,
}

impl Due {
    fn on(on: Date, today: Date) -> Due {
        Due {
            on,
            in_days: today.days_until(on),
        }
    }
}

/// One thing that needs the person's attention. Values only: screens say it in the reader's
/// language.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Reminder {
    /// An open action item the person owns, from a session they may see.
    ActionItem {
        relationship: RecordId,
        /// The other of the pair the session was logged with (`Session::partner_of`): after
        /// a re-pairing, the earlier partner the item was agreed with, not the new one.
        partner: RecordId,
        item: RecordId,
        text: String,
        due: Due,
    },
    /// One of the person's own goals, neither achieved nor dropped.
    Goal {
        goal: RecordId,
        relationship: Option<RecordId>,
        title: String,
        due: Due,
        /// At 100 % but not marked achieved: what is left is to say so.
        reached: bool,
    },
    /// An active relationship of the person's with no session for the health rule's quiet
    /// weeks: none since it started (`last_session` is `None`), or none since the last one.
    /// Once its admins re-paired it, only sessions with `partner` count, and with none the
    /// quiet weeks count from the re-pairing (`health::quiet_from`).
    Quiet {
        relationship: RecordId,
        partner: RecordId,
        weeks: u32,
        last_session: Option<Date>,
        /// The day its admins re-paired it, when that came after it started: with no session
        /// since, the quiet weeks count from then, not from its start.
        paired_on: Option<Date>,
        /// The day the pair became quiet.
        since: Date,
    },
    /// A relationship proposed with the person as the coach or mentor (a mentee asked them, or
    /// matching paired them): the programme's admins start it, and the person may decline.
    Proposed {
        relationship: RecordId,
        /// The mentee or coachee proposed.
        partner: RecordId,
        /// The day it was proposed to start.
        starts: Date,
        /// The mentee asked for them (made the proposal), rather than the admins' matching.
        asked: bool,
    },
    /// For a programme's admins (not of the pair): a pairing someone else proposed in their
    /// programme waits for them to start or decline it.
    ProposalWaiting {
        relationship: RecordId,
        mentor: RecordId,
        mentee: RecordId,
        /// The mentee asked for it, rather than another admin's matching.
        asked: bool,
        /// The day it was proposed (its start, when the device does not hold who made it).
        on: Date,
    },
    /// The programme's admins started a proposed pairing of the person's in the last
    /// [`PAIRING_CHANGE_SHOWN_DAYS`] days: it is under way, with `partner`.
    Started {
        relationship: RecordId,
        partner: RecordId,
        on: Date,
    },
    /// A relationship of the person's under way (active or paused) within its programme's
    /// days of its planned end, or past it: time to agree what comes next, complete it, or ask
    /// its admins to extend it.
    Ending {
        relationship: RecordId,
        partner: RecordId,
        planned_end: Date,
        /// Whether the planned end has passed.
        past: bool,
        /// The day the reminder began: the programme's days before the planned end.
        since: Date,
    },
    /// The latest nudge a programme admin sent the person about a relationship of theirs that
    /// is not over, in the last [`NUDGE_SHOWN_DAYS`] days (the host may also have emailed it),
    /// and since its admins last re-paired it: one sent before was about another pair.
    Nudge {
        nudge: RecordId,
        relationship: RecordId,
        partner: RecordId,
        /// The signals it is about, each by its key (`health::NUDGE_REASONS`).
        reasons: Vec<String>,
        on: Date,
    },
    /// A relationship of the person's ended early by someone else in the last
    /// [`PAIRING_CHANGE_SHOWN_DAYS`] days: their partner (declining a proposal, withdrawing a
    /// request, ending one under way) or its programme's admins (cancelling it, or ending it
    /// to re-match the mentee). No reason here: it is the pair's and their admins' to read
    /// (`permissions::access` of the relationship; the decline form tells the mentor their
    /// partner reads it), on the relationship's page, where the reminder leads.
    PairingEnded {
        relationship: RecordId,
        partner: RecordId,
        /// Ended by the partner; otherwise by the programme's admins.
        by_partner: bool,
        /// How: a proposal declined, withdrawn or cancelled, or a pairing ended early.
        ending: Ending,
        on: Date,
    },
    /// The programme's admins re-paired a relationship of the person's, not over, in the last
    /// [`PAIRING_CHANGE_SHOWN_DAYS`] days: `partner` is the one they are paired with now,
    /// whether the person stayed (their partner was replaced) or was put in.
    Repaired {
        relationship: RecordId,
        partner: RecordId,
        on: Date,
        /// The person was put in (in someone's place): they never knew the pair before, so
        /// they are told they were paired, not that their pairing changed.
        newcomer: bool,
        /// The person was put back in a pair they had been taken off (a re-pairing undone):
        /// told so, not that they were paired.
        put_back: bool,
    },
    /// The programme's admins took the person off a pair in the last
    /// [`PAIRING_CHANGE_SHOWN_DAYS`] days. The relationship is no longer theirs, so nothing
    /// of it as it is now is said: not who took their place, nor what its pair write. Only
    /// who they were paired with, which they knew, and whether the sessions logged with them
    /// stay theirs to read back (`session::earlier_pairings`), with their own open action
    /// items, which stay in those sessions, open, no longer theirs to tick.
    TakenOff {
        relationship: RecordId,
        former_partner: RecordId,
        on: Date,
        /// Whether sessions logged with them are kept for them to read.
        sessions_kept: bool,
        /// The texts of the person's own open action items, the earliest due first.
        open_actions: Vec<String>,
    },
    /// A session the person is in (its author or `partner`), of a pair of theirs not over,
    /// still to come within [`SESSION_AHEAD_DAYS`] days. Once its time has come it is held
    /// (`session::held_by`) and no longer mentioned.
    SessionAhead {
        relationship: RecordId,
        /// The other of the pair it was logged with (`Session::partner_of`).
        partner: RecordId,
        session: RecordId,
        /// When it starts: a screen says it in the reader's own zone.
        at: Millis,
        /// Its day on the person's calendar.
        on: Date,
    },
    /// A session the person is in, still to come, that its author deleted on another device
    /// ([`calendar_changes`]): a calendar it was added to still shows it at `at`, until then.
    SessionCancelled {
        relationship: RecordId,
        /// Who deleted it: its author, the other of the pair it was logged with.
        partner: RecordId,
        session: RecordId,
        /// When it was planned: a screen says it in the reader's own zone.
        at: Millis,
        /// Its day on the person's calendar.
        on: Date,
        /// The delete's op: dismissing the line names it.
        change: RecordId,
    },
    /// A session the person is in that its author moved from `from`, still to come, to `to` on
    /// another device ([`calendar_changes`]): a calendar it was added to still shows `from`.
    SessionMoved {
        relationship: RecordId,
        partner: RecordId,
        session: RecordId,
        from: Millis,
        to: Millis,
        /// The day of `from` on the person's calendar.
        on: Date,
        /// The op that moved it: dismissing the line names it, so a later move is told again.
        change: RecordId,
    },
    /// A pair of the person's their partner paused (`on` the day they did): said while it stays
    /// paused, gone once either of them resumes it.
    Paused {
        relationship: RecordId,
        partner: RecordId,
        on: Date,
    },
    /// An invitation to take part in a programme the person has not answered: nobody matches
    /// or pairs them until they accept ([`invitations`]). `on` is the day they were invited.
    Invited {
        enrolment: RecordId,
        programme: RecordId,
        /// Its programme's kind: a screen says coach or coachee in coaching.
        kind: crate::ProgrammeKind,
        role: crate::EnrolledAs,
        on: Date,
    },
    /// A pair of the person's, not over, whose agreement waits for them to agree: it changed
    /// since they agreed (`changed`, `on` the day they did), or their partner agreed to it as
    /// it stands (`on` that day) and they have not. One per pair.
    Agreement {
        relationship: RecordId,
        partner: RecordId,
        on: Date,
        changed: bool,
    },
}

impl Reminder {
    /// The day it called for attention: the due day, or the day the pair became quiet.
    /// The earlier, the more urgent.
    fn since(&self) -> Date {
        match self {
            Reminder::ActionItem { due, .. } | Reminder::Goal { due, .. } => due.on,
            Reminder::Quiet { since, .. } | Reminder::Ending { since, .. } => *since,
            Reminder::Proposed { starts, .. } => *starts,
            Reminder::SessionAhead { on, .. }
            | Reminder::SessionCancelled { on, .. }
            | Reminder::SessionMoved { on, .. } => *on,
            Reminder::Nudge { on, .. }
            | Reminder::ProposalWaiting { on, .. }
            | Reminder::Started { on, .. }
            | Reminder::PairingEnded { on, .. }
            | Reminder::Repaired { on, .. }
            | Reminder::TakenOff { on, .. }
            | Reminder::Paused { on, .. }
            | Reminder::Invited { on, .. }
            | Reminder::Agreement { on, .. } => *on,
        }
    }

    fn kind_order(&self) -> u8 {
        match self {
            Reminder::ActionItem { .. } => 0,
            Reminder::Goal { .. } => 1,
            Reminder::Quiet { .. } => 2,
            Reminder::Ending { .. } => 3,
            Reminder::Proposed { .. } => 4,
            Reminder::Nudge { .. } => 5,
            Reminder::PairingEnded { .. } => 6,
            Reminder::Repaired { .. } => 7,
            Reminder::TakenOff { .. } => 8,
            Reminder::ProposalWaiting { .. } => 9,
            Reminder::Started { .. } => 10,
            Reminder::Agreement { .. } => 11,
            Reminder::SessionAhead { .. } => 12,
            Reminder::Paused { .. } => 13,
            Reminder::Invited { .. } => 14,
            Reminder::SessionCancelled { .. } => 15,
            Reminder::SessionMoved { .. } => 16,
        }
    }

    /// The record it is about: the action item, the goal, the session or the relationship.
    pub fn id(&self) -> &RecordId {
        match self {
            Reminder::ActionItem { item, .. } => item,
            Reminder::Goal { goal, .. } => goal,
            Reminder::Quiet { relationship, .. }
            | Reminder::Ending { relationship, .. }
            | Reminder::Proposed { relationship, .. }
            | Reminder::ProposalWaiting { relationship, .. }
            | Reminder::Started { relationship, .. }
            | Reminder::PairingEnded { relationship, .. }
            | Reminder::Repaired { relationship, .. }
            | Reminder::TakenOff { relationship, .. }
            | Reminder::Paused { relationship, .. }
            | Reminder::Agreement { relationship, .. } => relationship,
            Reminder::Invited { enrolment, .. } => enrolment,
            Reminder::Nudge { nudge, .. } => nudge,
            Reminder::SessionAhead { session, .. }
            | Reminder::SessionCancelled { session, .. }
            | Reminder::SessionMoved { session, .. } => session,
        }
    }
}

/// `me`'s reminders at `now` (on `today`, `now`'s day on `me`'s calendar), the most urgent
/// first: whatever called for attention
/// earliest (a due day, or the day a pair became quiet), then action items before goals
/// before relationships, then by id, so every device lists them the same way. `day_of` gives
/// an instant's date on `me`'s own calendar, as `today` is: a session at 21:30 UTC is on the
/// next day in Dubai. A pair is quiet by its programme's own settings among `programmes`
/// (`HealthSettings::of`), as on its admins' health list. `log` says who ended or re-paired
/// a relationship and when ([`pairing_log`]).
#[allow(clippy::too_many_arguments)]
pub fn reminders(
    me: &RecordId,
    relationships: &[Relationship],
    goals: &[Goal],
    sessions: &[Session],
    nudges: &[Nudge],
    notices: &[TakenOffNotice],
    log: &[PairingLog],
    now: Millis,
    day_of: &dyn Fn(Millis) -> Date,
    programmes: &[Programme],
) -> Vec<Reminder> {
    let today = day_of(now);
    let viewer = Viewer {
        person: me,
        admin_of: &[],
    };
    let mut list = Vec::new();
    let mine = relationships
        .iter()
        .filter(|r| !r.lifecycle.is_over() && may_see(viewer, Record::Relationship(r)));
    for r in mine {
        let Some(partner) = r.partner_of(me) else {
            continue;
        };
        if r.lifecycle == Lifecycle::Proposed && &r.mentor == me {
            list.push(Reminder::Proposed {
                relationship: r.id.clone(),
                partner: partner.clone(),
                starts: r.starts,
                asked: made_by(log, r).is_some_and(|made| made.by == r.mentee),
            });
        }
        if let Some(side) = r.side_of(me) {
            let other = match side {
                Side::Mentor => Side::Mentee,
                Side::Mentee => Side::Mentor,
            };
            let waiting = match (r.agreement_of(side), r.agreement_of(other)) {
                (Some((_, true)), _) => None,
                (Some((mine, false)), _) => Some((mine.at, true)),
                (None, Some((theirs, true))) => Some((theirs.at, false)),
                (None, _) => None,
            };
            if let Some((at, changed)) = waiting {
                list.push(Reminder::Agreement {
                    relationship: r.id.clone(),
                    partner: partner.clone(),
                    on: day_of(at),
                    changed,
                });
            }
        }
        let seen = sessions_of(sessions, r, me);
        for s in &seen {
            let with = s.partner_of(me, r).unwrap_or(partner);
            for item in s.actions.iter().filter(|a| !a.done && &a.owner == me) {
                let due = Due::on(item.due, today);
                if due.in_days <= ACTION_DUE_WITHIN_DAYS {
                    list.push(Reminder::ActionItem {
                        relationship: r.id.clone(),
                        partner: with.clone(),
                        item: item.id.clone(),
                        text: item.text.clone(),
                        due,
                    });
                }
            }
        }
        // A session planned with a partner its admins replaced since is not the pair's now:
        // the one taken off no longer meets in this relationship.
        for s in sessions_with_partner_now(sessions, r, me) {
            let on = day_of(s.at);
            let ahead = today.days_until(on);
            if !held_by(s.at, now) && ahead <= SESSION_AHEAD_DAYS {
                list.push(Reminder::SessionAhead {
                    relationship: r.id.clone(),
                    partner: s.partner_of(me, r).unwrap_or(partner).clone(),
                    session: s.id.clone(),
                    at: s.at,
                    on,
                });
            }
        }
        // Since its admins re-paired it, the relationship is another pair's: what was said
        // to, or held with, the pair before is not about the partner now.
        let repaired_at = (log.iter())
            .find(|e| e.relationship == r.id && e.replaced.is_some())
            .map(|e| e.paired.at);
        let latest_nudge = nudges
            .iter()
            .filter(|n| n.relationship == r.id && may_see(viewer, Record::Nudge(n)))
            .filter(|n| repaired_at.is_none_or(|at| n.at >= at))
            .filter(|n| day_of(n.at).days_until(today) <= NUDGE_SHOWN_DAYS)
            .max_by_key(|n| (n.at, &n.id));
        if let Some(n) = latest_nudge {
            list.push(Reminder::Nudge {
                nudge: n.id.clone(),
                relationship: r.id.clone(),
                partner: partner.clone(),
                reasons: n.reasons().map(str::to_owned).collect(),
                on: day_of(n.at),
            });
        }
        // `sessions_of` lists the most recent first; one planned ahead has not been held, nor
        // one whose time came with nothing logged in it.
        let last_session = (seen.iter())
            .filter(|s| s.is_held(now))
            .find(|s| repaired_at.is_none() || s.partner_of(me, r) == Some(partner))
            .map(|s| day_of(s.at));
        let paired_on = repaired_at.map(day_of);
        let settings = HealthSettings::of(programmes, &r.programme);
        let under_way = matches!(r.lifecycle, Lifecycle::Active | Lifecycle::Paused);
        if under_way && end_signal(r, today, settings).is_some() {
            list.push(Reminder::Ending {
                relationship: r.id.clone(),
                partner: partner.clone(),
                planned_end: r.planned_end,
                past: r.planned_end < today,
                since: r.planned_end.add_days(-settings.ending_within_days),
            });
        }
        if let Some(signal) = quiet_signal(r, paired_on, last_session, today, settings) {
            let (Signal::NoSessionYet { weeks } | Signal::NoSessionFor { weeks }) = signal else {
                continue;
            };
            list.push(Reminder::Quiet {
                relationship: r.id.clone(),
                partner: partner.clone(),
                weeks,
                last_session,
                paired_on: paired_on.filter(|on| *on > r.starts),
                since: quiet_from(r, paired_on, last_session).add_days(settings.quiet_days()),
            });
        }
    }
    // A proposal waits on its programme's admins: each is told of those someone else made (a
    // mentee's request, another admin's matching), not of the ones they published themselves.
    let administered = |r: &Relationship| {
        (programmes.iter()).any(|p| p.id == r.programme && p.is_admin(me))
            && r.partner_of(me).is_none()
    };
    for r in
        (relationships.iter()).filter(|r| r.lifecycle == Lifecycle::Proposed && administered(r))
    {
        let made = made_by(log, r);
        if made.is_some_and(|made| &made.by == me) {
            continue;
        }
        list.push(Reminder::ProposalWaiting {
            relationship: r.id.clone(),
            mentor: r.mentor.clone(),
            mentee: r.mentee.clone(),
            asked: made.is_some_and(|made| made.by == r.mentee),
            on: made.map_or(r.starts, |made| day_of(made.at)),
        });
    }
    for entry in log {
        let Some(r) = relationships.iter().find(|r| r.id == entry.relationship) else {
            continue;
        };
        let shown_from = |w: &Written| {
            (&w.by != me && day_of(w.at).days_until(today) <= PAIRING_CHANGE_SHOWN_DAYS)
                .then(|| day_of(w.at))
        };
        match r.partner_of(me) {
            Some(partner) => {
                // Completed by their partner (or its admins) too: the pair's page changes
                // under them (no next session, nothing new to log).
                if let (Lifecycle::EndedEarly { .. } | Lifecycle::Completed, Some(on)) =
                    (&r.lifecycle, shown_from(&entry.lifecycle))
                {
                    list.push(Reminder::PairingEnded {
                        relationship: r.id.clone(),
                        partner: partner.clone(),
                        by_partner: &entry.lifecycle.by == partner,
                        ending: ending(r, std::slice::from_ref(entry))
                            .map_or(Ending::EndedEarly, |(ending, _)| ending),
                        on,
                    });
                }
                // Started by neither of the pair after it was made: its admins started the
                // proposal (a pair's own writes are a pause or a resume).
                // A lifecycle write before a re-pairing was the pair's as it was then (someone
                // taken off since resuming it, say): the re-pairing alone is told.
                let started_by_admins = r.lifecycle == Lifecycle::Active
                    && (entry.lifecycle.by != entry.made.by || entry.lifecycle.at > entry.made.at)
                    && entry.lifecycle.by != r.mentor
                    && entry.lifecycle.by != r.mentee
                    && (entry.replaced.is_none() || entry.lifecycle.at > entry.paired.at);
                // "Plan your first session together" is done once one is logged in the pair's
                // dates, with the partner they have now.
                let first_logged = sessions_with_partner_now(sessions, r, me)
                    .iter()
                    .any(|s| day_of(s.at) >= r.starts);
                if let Some(on) =
                    shown_from(&entry.lifecycle).filter(|_| started_by_admins && !first_logged)
                {
                    list.push(Reminder::Started {
                        relationship: r.id.clone(),
                        partner: partner.clone(),
                        on,
                    });
                }
                // Paused by the partner: the other one learns why no session comes.
                if r.lifecycle == Lifecycle::Paused && &entry.lifecycle.by == partner {
                    list.push(Reminder::Paused {
                        relationship: r.id.clone(),
                        partner: partner.clone(),
                        on: day_of(entry.lifecycle.at),
                    });
                }
                // A proposal's mentor is told by `Proposed` already.
                let proposed_to_me = r.lifecycle == Lifecycle::Proposed && &r.mentor == me;
                let repaired = entry.replaced.and(shown_from(&entry.paired));
                if let Some(on) = repaired.filter(|_| !r.lifecycle.is_over() && !proposed_to_me) {
                    list.push(Reminder::Repaired {
                        relationship: r.id.clone(),
                        partner: partner.clone(),
                        on,
                        newcomer: entry.replaced.is_some()
                            && entry.replaced == r.side_of(me)
                            && !entry.put_back,
                        put_back: entry.replaced.is_some()
                            && entry.replaced == r.side_of(me)
                            && entry.put_back,
                    });
                }
            }
            None => {
                // A device holds a relationship its person is in, or one of a programme they
                // administer; out of the first and not an admin of it, they were taken off.
                let admin = (programmes.iter()).any(|p| p.id == r.programme && p.is_admin(me));
                // The host's notice says it more precisely (their own partner then, and when
                // they, not the other side since, were taken off): said from it below.
                let told = (notices.iter()).any(|n| n.relationship == r.id && &n.person == me);
                let (Some(side), Some(on), false, false) =
                    (entry.replaced, shown_from(&entry.paired), admin, told)
                else {
                    continue;
                };
                let former_partner = match side {
                    Side::Mentor => &r.mentee,
                    Side::Mentee => &r.mentor,
                };
                list.push(taken_off(&r.id, former_partner, on, sessions, me));
            }
        }
    }
    // What the host tells them reaches every device of theirs, one that never held the
    // relationship (or let go of it, having nothing of it to read) included.
    for notice in notices.iter().filter(|n| &n.person == me) {
        let on = day_of(notice.at);
        let back = (relationships.iter()).any(|r| r.id == notice.relationship && r.is_party(me));
        if on.days_until(today) <= PAIRING_CHANGE_SHOWN_DAYS && !back {
            list.push(taken_off(
                &notice.relationship,
                &notice.partner,
                on,
                sessions,
                me,
            ));
        }
    }
    for goal in goals.iter().filter(|g| &g.owner == me && g.is_open()) {
        let Some(due) = goal.due.map(|on| Due::on(on, today)) else {
            continue;
        };
        if due.in_days <= GOAL_DUE_WITHIN_DAYS {
            list.push(Reminder::Goal {
                goal: goal.id.clone(),
                relationship: goal.relationship.clone(),
                title: goal.title.as_str().to_owned(),
                due,
                reached: goal.is_reached(),
            });
        }
    }
    crate::order::sort_by(&mut list, |a, b| {
        (a.since(), a.kind_order(), a.id()).cmp(&(b.since(), b.kind_order(), b.id()))
    });
    list
}

/// `me`'s invitations not yet answered, as reminders (`Reminder::Invited`), in the order of
/// `enrolments` (a participant's device holds their own): each is theirs to accept or decline
/// (`enrolment::check_enrolment_change`), and until they accept they are not matched or paired.
/// Only those of a programme among `programmes` that is not closed: a closed one takes no
/// answer, and a draft is not theirs to see yet.
pub fn invitations(
    me: &RecordId,
    enrolments: &[crate::Enrolment],
    programmes: &[Programme],
) -> Vec<Reminder> {
    (enrolments.iter())
        .filter(|e| &e.person == me && e.status == crate::EnrolmentStatus::Invited)
        .filter_map(|e| {
            let p = programmes.iter().find(|p| p.id == e.programme)?;
            let open = !matches!(
                p.state,
                crate::ProgrammeState::Closed { .. } | crate::ProgrammeState::Draft
            );
            open.then(|| Reminder::Invited {
                enrolment: e.id.clone(),
                programme: e.programme.clone(),
                kind: p.kind,
                role: e.role,
                on: e.since,
            })
        })
        .collect()
}

/// A session deleted, or given another time, as this device's replica holds it: what a
/// calendar it was added to may still show. Read from the ops, with no field of its own on the
/// wire: a deleted session keeps its last values beside its tombstone, and every time a
/// session had is kept through compaction (`merge::Replica::compact`, `KEPT_WHOLE`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionChange {
    /// The session as it stands (moved), or as it was when deleted: what a calendar file is
    /// written from.
    pub session: Session,
    /// The time it had before the change.
    pub was_at: Millis,
    /// Deleted, rather than moved.
    pub cancelled: bool,
    /// Who wrote the change.
    pub by: RecordId,
    /// The change's op: what a dismissal names.
    pub op: RecordId,
}

/// Every session `replica` holds deleted, and every one whose time stands on a write that
/// replaced another time: the latest value that write had seen is the time it was moved from.
/// [`calendar_changes`] says which of them a person is told.
pub fn session_changes(replica: &Replica) -> Vec<SessionChange> {
    const ENTITY: &str = crate::record::ENTITIES[2];
    let session_of = |id: &RecordId, fields: &crate::projection::Fields| {
        let projected = crate::projection::changes_from([(ENTITY, id, fields)]);
        match projected.changes.into_iter().next() {
            Some(crate::Change::Session(s)) => Some(s),
            _ => None,
        }
    };
    let mut out = Vec::new();
    for (entity, id) in replica.deleted() {
        let (true, Some(delete), Some(fields)) = (
            entity == ENTITY,
            replica.winner(ENTITY, id, crate::merge::DELETED),
            replica.record_undeleted(ENTITY, id),
        ) else {
            continue;
        };
        if let Some(session) = session_of(id, &fields) {
            out.push(SessionChange {
                was_at: session.at,
                cancelled: true,
                by: delete.actor.clone(),
                op: delete.id.clone(),
                session,
            });
        }
    }
    for (entity, id, fields) in replica.records() {
        let Some(moved) = (entity == ENTITY)
            .then(|| replica.winner(ENTITY, &id, "at"))
            .flatten()
        else {
            continue;
        };
        let replaced = (replica.history(ENTITY, &id, "at").iter())
            .filter(|op| moved.supersedes.contains(&op.id) && op.value != moved.value)
            .max_by_key(|op| op.hlc);
        let (Some(FieldValue::Int(was)), Some(session)) =
            (replaced.map(|op| &op.value), session_of(&id, &fields))
        else {
            continue;
        };
        out.push(SessionChange {
            session,
            was_at: Millis(*was),
            cancelled: false,
            by: moved.actor.clone(),
            op: moved.id.clone(),
        });
    }
    out
}

/// What `me` is told of `changes` at `now`: a session of theirs (logged with them, in a
/// relationship the device holds) that its author deleted or moved while its earlier time was
/// still to come, each until that time passes, and not once they dismissed it (`dismissed`,
/// the changes' ops, which their device alone remembers). Never their own change: whoever
/// deletes or moves a session is offered its calendar file there and then. Earliest first.
pub fn calendar_changes(
    me: &RecordId,
    changes: &[SessionChange],
    relationships: &[Relationship],
    dismissed: &[RecordId],
    now: Millis,
    day_of: &dyn Fn(Millis) -> Date,
) -> Vec<Reminder> {
    let mut list = Vec::new();
    for c in changes {
        let s = &c.session;
        let relationship = relationships.iter().find(|r| r.id == s.relationship);
        let partner = relationship.and_then(|r| s.partner_of(me, r));
        let Some(partner) = partner.filter(|p| **p == c.by && c.by == s.author) else {
            continue;
        };
        if held_by(c.was_at, now) || dismissed.contains(&c.op) {
            continue;
        }
        let (relationship, partner) = (s.relationship.clone(), partner.clone());
        let (session, change, on) = (s.id.clone(), c.op.clone(), day_of(c.was_at));
        list.push(if c.cancelled {
            Reminder::SessionCancelled {
                relationship,
                partner,
                session,
                at: c.was_at,
                on,
                change,
            }
        } else {
            Reminder::SessionMoved {
                relationship,
                partner,
                session,
                from: c.was_at,
                to: s.at,
                on,
                change,
            }
        });
    }
    crate::order::sort_by(&mut list, |a, b| {
        (a.since(), a.kind_order(), a.id()).cmp(&(b.since(), b.kind_order(), b.id()))
    });
    list
}

/// Who made `r` and when, as the pairing log holds it.
fn made_by<'a>(log: &'a [PairingLog], r: &Relationship) -> Option<&'a Written> {
    (log.iter())
        .find(|e| e.relationship == r.id)
        .map(|e| &e.made)
}

/// `me` taken off `relationship` on `on`, paired with `partner` then: the partner of the
/// sessions they were in when there are any (the other side may have been re-paired too
/// since, and its newcomer was never theirs), with their own open items.
fn taken_off(
    relationship: &RecordId,
    partner: &RecordId,
    on: Date,
    sessions: &[Session],
    me: &RecordId,
) -> Reminder {
    let kept: Vec<&Session> = (sessions.iter())
        .filter(|s| &s.relationship == relationship && s.partner.is_some() && s.logged_with(me))
        .collect();
    let former_partner = (kept.iter())
        .max_by_key(|s| (s.at, &s.id))
        .and_then(|s| s.recorded_partner_of(me))
        .unwrap_or(partner);
    Reminder::TakenOff {
        relationship: relationship.clone(),
        former_partner: former_partner.clone(),
        on,
        sessions_kept: !kept.is_empty(),
        open_actions: own_open_actions(&kept, me),
    }
}

/// The texts of `me`'s own open action items from `kept`, the sessions logged with them (in
/// their name or as the partner recorded), the earliest due first.
fn own_open_actions(kept: &[&Session], me: &RecordId) -> Vec<String> {
    let mut open: Vec<&crate::session::ActionItem> = (kept.iter())
        .flat_map(|s| s.actions.iter())
        .filter(|a| !a.done && &a.owner == me)
        .collect();
    crate::order::sort_by(&mut open, |a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    open.into_iter().map(|a| a.text.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{ActionItem, Grow, Place};
    use crate::{GoalStatus, Lifecycle, Millis, Progress, RelationshipKind, Relevance, Title};

    const DAY: i64 = 86_400_000;
    /// 2026-03-02.
    const TODAY: Date = Date(20_514);
    /// Noon (UTC) on `TODAY`.
    const NOW: Millis = Millis(TODAY.0 as i64 * DAY + 12 * 3_600_000);

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn relationship(rel: &str, mentor: &str, mentee: &str) -> Relationship {
        Relationship {
            id: id(rel),
            kind: RelationshipKind::Mentoring,
            programme: id("prog"),
            mentor: id(mentor),
            mentee: id(mentee),
            purpose: String::new(),
            ground_rules: String::new(),
            starts: TODAY.add_days(-60),
            planned_end: TODAY.add_days(200),
            lifecycle: Lifecycle::Active,
            target_role: None,
            agreed: Default::default(),
        }
    }

    fn item(n: &str, owner: &str, due_in: i32, done: bool) -> ActionItem {
        ActionItem {
            id: id(n),
            text: format!("Action {n}"),
            owner: id(owner),
            due: TODAY.add_days(due_in),
            done,
        }
    }

    /// A session of `rel` between `author` and `partner`, `days_ago` days before today.
    fn session(
        n: &str,
        rel: &str,
        author: &str,
        partner: &str,
        days_ago: i32,
        actions: Vec<ActionItem>,
    ) -> Session {
        Session {
            id: id(n),
            relationship: id(rel),
            author: id(author),
            partner: Some(id(partner)),
            at: Millis(i64::from(TODAY.add_days(-days_ago).0) * DAY + 10 * 3_600_000),
            time_zone: "Europe/London".into(),
            minutes: 60,
            place: Place::Online,
            grow: Grow {
                goal: "Talk it through".into(),
                ..Grow::default()
            },
            skills: Default::default(),
            actions,
            goals: vec![],
        }
    }

    fn goal(n: &str, owner: &str, due_in: Option<i32>, status: GoalStatus) -> Goal {
        Goal {
            id: id(n),
            owner: id(owner),
            relationship: Some(id("rel")),
            title: Title::parse(&format!("Goal {n}")).unwrap(),
            measure: None,
            due: due_in.map(|d| TODAY.add_days(d)),
            relevance: Relevance::default(),
            milestones: vec![],
            manual_progress: Progress::default(),
            progress_from: Default::default(),
            status,
            history: vec![],
            created_at: Millis(0),
            updated_at: Millis(0),
        }
    }

    fn of(
        me: &str,
        relationships: &[Relationship],
        goals: &[Goal],
        sessions: &[Session],
    ) -> Vec<Reminder> {
        reminders(
            &id(me),
            relationships,
            goals,
            sessions,
            &[],
            &[],
            &[],
            NOW,
            &Millis::utc_date,
            &[],
        )
    }

    fn nudge(n: &str, rel: &str, to: &str, days_ago: i64) -> Nudge {
        Nudge {
            id: id(n),
            programme: id("prog"),
            relationship: id(rel),
            to: id(to),
            reason: "no-session,past-planned-end".into(),
            by: id("hr-admin"),
            at: Millis(i64::from(TODAY.0) * DAY - days_ago * DAY + 3_600_000),
        }
    }

    #[test]
    fn the_latest_recent_nudge_to_me_is_mentioned_with_every_signal_and_none_to_my_partner_or_an_ended_pair(
    ) {
        let (mut relationships, sessions) = pair_met_recently(Vec::new());
        let mut ended = relationship("over", "sofia", "amira");
        ended.lifecycle = Lifecycle::Completed;
        relationships.push(ended);
        let nudges = [
            nudge("n-old", "rel", "amira", 15),
            nudge("n-1", "rel", "amira", 14),
            nudge("n-2", "rel", "amira", 2),
            nudge("n-his", "rel", "james", 1),
            nudge("n-over", "over", "amira", 1),
        ];
        let of_me = |me: &str, nudges: &[Nudge]| {
            reminders(
                &id(me),
                &relationships,
                &[],
                &sessions,
                nudges,
                &[],
                &[],
                NOW,
                &Millis::utc_date,
                &[],
            )
        };
        assert_eq!(
            of_me("amira", &nudges),
            [Reminder::Nudge {
                nudge: id("n-2"),
                relationship: id("rel"),
                partner: id("james"),
                reasons: vec!["no-session".into(), "past-planned-end".into()],
                on: TODAY.add_days(-2),
            }]
        );
        // Fourteen days on, it is still said; fifteen, not.
        assert_eq!(of_me("amira", &nudges[1..2]).len(), 1);
        assert!(of_me("amira", &nudges[..1]).is_empty());
        let his = of_me("james", &nudges);
        assert!(
            matches!(his.as_slice(), [Reminder::Nudge { nudge, .. }] if nudge == &id("n-his")),
            "{his:?}"
        );
    }

    #[test]
    fn days_are_on_my_own_calendar_as_today_is() {
        // 21:30 UTC is already the next day in Dubai (UTC+4 all year).
        let late_on =
            |days_ago: i64| Millis(i64::from(TODAY.0 - days_ago as i32) * DAY + 77_400_000);
        let dubai = |at: Millis| Millis(at.0 + 4 * 3_600_000).utc_date();
        let (relationships, mut sessions) = pair_met_recently(Vec::new());
        let nudge = Nudge {
            at: late_on(2),
            ..nudge("n-late", "rel", "amira", 0)
        };
        // The last session 29 UTC days ago is 28 days ago in Dubai: quiet in both (28 days is
        // the threshold), but since a different day.
        sessions[0].at = late_on(29);
        let of_me = |day_of: &dyn Fn(Millis) -> Date| {
            reminders(
                &id("amira"),
                &relationships,
                &[],
                &sessions,
                std::slice::from_ref(&nudge),
                &[],
                &[],
                NOW,
                day_of,
                &[],
            )
        };
        let days = |list: Vec<Reminder>| -> Vec<(u8, Date)> {
            list.iter()
                .map(|r| match r {
                    Reminder::Nudge { on, .. } => (0, *on),
                    Reminder::Quiet { last_session, .. } => (1, last_session.unwrap()),
                    other => panic!("{other:?}"),
                })
                .collect()
        };
        let mut in_dubai = days(of_me(&dubai));
        in_dubai.sort();
        assert_eq!(
            in_dubai,
            [(0, TODAY.add_days(-1)), (1, TODAY.add_days(-28))]
        );
        let mut in_utc = days(of_me(&Millis::utc_date));
        in_utc.sort();
        assert_eq!(in_utc, [(0, TODAY.add_days(-2)), (1, TODAY.add_days(-29))]);
    }

    /// The planned sessions `me` is reminded of at `now`: (session, partner), in order.
    fn ahead(
        me: &str,
        relationships: &[Relationship],
        sessions: &[Session],
        now: Millis,
    ) -> Vec<(String, String)> {
        reminders(
            &id(me),
            relationships,
            &[],
            sessions,
            &[],
            &[],
            &[],
            now,
            &Millis::utc_date,
            &[],
        )
        .into_iter()
        .filter_map(|r| match r {
            Reminder::SessionAhead {
                session, partner, ..
            } => Some((session.to_string(), partner.to_string())),
            _ => None,
        })
        .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        (list.iter())
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn a_session_planned_within_seven_days_is_mentioned_to_both_of_the_pair_until_it_is_held() {
        let rels = vec![relationship("rel", "james", "amira")];
        // James logged them all; 10:00 UTC on their day, now is noon on today.
        let mut later_today = session("s-today", "rel", "james", "amira", 0, vec![]);
        later_today.at = Millis(NOW.0 + 3 * 3_600_000);
        let sessions = vec![
            session("s-held", "rel", "james", "amira", 2, vec![]),
            session("s-this-morning", "rel", "james", "amira", 0, vec![]),
            later_today.clone(),
            session("s-in-3", "rel", "james", "amira", -3, vec![]),
            session("s-in-7", "rel", "james", "amira", -7, vec![]),
            session("s-in-8", "rel", "james", "amira", -8, vec![]),
        ];
        // The author and the partner alike, each told who the other is.
        assert_eq!(
            ahead("james", &rels, &sessions, NOW),
            pairs(&[
                ("s-today", "amira"),
                ("s-in-3", "amira"),
                ("s-in-7", "amira")
            ])
        );
        assert_eq!(
            ahead("amira", &rels, &sessions, NOW),
            pairs(&[
                ("s-today", "james"),
                ("s-in-3", "james"),
                ("s-in-7", "james")
            ])
        );
        let found = of("amira", &rels, &[], &sessions);
        let said = found.iter().find(|r| r.id() == &id("s-in-3"));
        assert_eq!(
            said,
            Some(&Reminder::SessionAhead {
                relationship: id("rel"),
                partner: id("james"),
                session: id("s-in-3"),
                at: sessions[3].at,
                on: TODAY.add_days(3),
            })
        );
        // Once its time has come it is held, not ahead; a day on, the eighth day is within seven.
        assert_eq!(
            ahead("amira", &rels, &sessions, later_today.at),
            pairs(&[("s-in-3", "james"), ("s-in-7", "james")])
        );
        let tomorrow = Millis(NOW.0 + DAY);
        assert_eq!(
            ahead("amira", &rels, &sessions, tomorrow),
            pairs(&[
                ("s-in-3", "james"),
                ("s-in-7", "james"),
                ("s-in-8", "james")
            ])
        );
        // Nobody else is told, nor of a pair that is over.
        assert!(ahead("layla", &rels, &sessions, NOW).is_empty());
        for lifecycle in [
            Lifecycle::Completed,
            Lifecycle::EndedEarly {
                reason: "Moved on".into(),
            },
        ] {
            let over = vec![Relationship {
                lifecycle,
                ..relationship("rel", "james", "amira")
            }];
            assert!(ahead("amira", &over, &sessions, NOW).is_empty());
            assert!(ahead("james", &over, &sessions, NOW).is_empty());
        }
    }

    #[test]
    fn a_session_planned_with_someone_taken_off_the_pair_is_mentioned_to_nobody() {
        // Amira was taken off; Layla is the mentee now. James had planned a session with
        // each.
        let rels = vec![relationship("rel", "james", "layla")];
        let sessions = vec![
            session("s-amira", "rel", "james", "amira", -2, vec![]),
            session("s-layla", "rel", "layla", "james", -4, vec![]),
        ];
        assert!(ahead("amira", &rels, &sessions, NOW).is_empty());
        assert_eq!(
            ahead("james", &rels, &sessions, NOW),
            pairs(&[("s-layla", "layla")])
        );
        assert_eq!(
            ahead("layla", &rels, &sessions, NOW),
            pairs(&[("s-layla", "james")])
        );
    }

    #[test]
    fn a_deleted_session_planned_ahead_is_not_mentioned() {
        use crate::projection::{changes_from, records_of};
        use crate::Change;
        let rels = vec![relationship("rel", "james", "amira")];
        let planned = session("s-in-2", "rel", "james", "amira", -2, vec![]);
        let mut replica = Replica::new();
        let mut n = 0;
        let mut write = |replica: &mut Replica, field: &str, value: FieldValue| {
            n += 1;
            replica.write(
                &id("james"),
                &id("phone"),
                "session",
                &id("s-in-2"),
                field,
                value,
                Millis(NOW.0 + n),
                id(&format!("op{n}")),
            );
        };
        for record in records_of(&Change::Session(planned)) {
            for (field, value) in record.fields {
                write(&mut replica, &field, value);
            }
        }
        let sessions_in = |replica: &Replica| -> Vec<Session> {
            let records = replica.records();
            changes_from(records.iter().map(|(e, id, f)| (e.as_str(), id, f)))
                .changes
                .into_iter()
                .filter_map(|c| match c {
                    Change::Session(s) => Some(s),
                    _ => None,
                })
                .collect()
        };
        let stored = sessions_in(&replica);
        assert_eq!(
            ahead("amira", &rels, &stored, NOW),
            pairs(&[("s-in-2", "james")])
        );
        write(&mut replica, crate::merge::DELETED, FieldValue::Bool(true));
        let stored = sessions_in(&replica);
        assert!(ahead("amira", &rels, &stored, NOW).is_empty());
        assert!(ahead("james", &rels, &stored, NOW).is_empty());
    }

    /// The pair met 3 days ago, so it is not quiet.
    fn pair_met_recently(actions: Vec<ActionItem>) -> (Vec<Relationship>, Vec<Session>) {
        (
            vec![relationship("rel", "james", "amira")],
            vec![session("s1", "rel", "james", "amira", 3, actions)],
        )
    }

    fn action_ids(list: &[Reminder]) -> Vec<&str> {
        list.iter()
            .filter_map(|r| match r {
                Reminder::ActionItem { item, .. } => Some(item.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn my_open_action_items_due_within_seven_days_or_overdue_are_mentioned() {
        let (rels, sessions) = pair_met_recently(vec![
            item("a-overdue", "amira", -2, false),
            item("a-today", "amira", 0, false),
            item("a-7", "amira", 7, false),
            item("a-8", "amira", 8, false),
            item("a-done", "amira", -1, true),
            item("a-his", "james", -3, false),
        ]);
        let list = of("amira", &rels, &[], &sessions);
        assert_eq!(action_ids(&list), ["a-overdue", "a-today", "a-7"]);
        assert_eq!(
            list[0],
            Reminder::ActionItem {
                relationship: id("rel"),
                partner: id("james"),
                item: id("a-overdue"),
                text: "Action a-overdue".into(),
                due: Due {
                    on: TODAY.add_days(-2),
                    in_days: -2,
                },
            }
        );
        // James sees his own item, not amira's.
        assert_eq!(action_ids(&of("james", &rels, &[], &sessions)), ["a-his"]);
    }

    #[test]
    fn items_from_sessions_i_may_not_see_are_never_mentioned() {
        let mut rels = vec![relationship("rel", "james", "amira")];
        // Sofia's relationship, with an item naming amira: amira is not in it.
        rels.push(relationship("rel-other", "sofia", "omar"));
        let sessions = vec![
            session("s1", "rel", "james", "amira", 3, vec![]),
            // Logged with the earlier mentee: what was said (and agreed) is not amira's.
            session(
                "s-before",
                "rel",
                "james",
                "layla",
                40,
                vec![item("a-before", "amira", -1, false)],
            ),
            session(
                "s-other",
                "rel-other",
                "sofia",
                "omar",
                3,
                vec![item("a-other", "amira", -1, false)],
            ),
        ];
        assert!(action_ids(&of("amira", &rels, &[], &sessions)).is_empty());
    }

    #[test]
    fn my_goals_due_within_fourteen_days_or_overdue_are_mentioned_until_achieved_or_dropped() {
        let (rels, sessions) = pair_met_recently(vec![]);
        let goals = vec![
            goal("g-overdue", "amira", Some(-10), GoalStatus::AtRisk),
            goal("g-14", "amira", Some(14), GoalStatus::OnTrack),
            goal("g-15", "amira", Some(15), GoalStatus::OnTrack),
            goal("g-no-date", "amira", None, GoalStatus::OnTrack),
            goal("g-achieved", "amira", Some(-1), GoalStatus::Achieved),
            goal("g-dropped", "amira", Some(1), GoalStatus::Dropped),
            // The partner's goal in our relationship: amira follows it, but it is not hers.
            goal("g-james", "james", Some(1), GoalStatus::OnTrack),
        ];
        let list = of("amira", &rels, &goals, &sessions);
        let ids: Vec<&str> = list.iter().map(|r| r.id().as_str()).collect();
        assert_eq!(ids, ["g-overdue", "g-14"]);
        assert_eq!(
            list[1],
            Reminder::Goal {
                goal: id("g-14"),
                relationship: Some(id("rel")),
                title: "Goal g-14".into(),
                due: Due {
                    on: TODAY.add_days(14),
                    in_days: 14,
                },
                reached: false,
            }
        );
    }

    #[test]
    fn a_goal_past_due_at_100_percent_is_mentioned_as_ready_to_mark_achieved() {
        let (rels, sessions) = pair_met_recently(vec![]);
        let mut reached = goal("g-reached", "amira", Some(-3), GoalStatus::OnTrack);
        reached.manual_progress = Progress::new(100).unwrap();
        let mut late = goal("g-late", "amira", Some(-3), GoalStatus::OnTrack);
        late.manual_progress = Progress::new(99).unwrap();
        let list = of("amira", &rels, &[reached, late], &sessions);
        let reached_flags: Vec<(&str, bool)> = (list.iter())
            .filter_map(|r| match r {
                Reminder::Goal { goal, reached, .. } => Some((goal.as_str(), *reached)),
                _ => None,
            })
            .collect();
        assert_eq!(reached_flags, [("g-late", false), ("g-reached", true)]);
    }

    #[test]
    fn a_pair_is_quiet_by_the_health_rule() {
        let settings = HealthSettings::default();
        let quiet = settings.quiet_days();
        let rels = vec![relationship("rel", "james", "amira")];
        // The last session exactly the quiet days ago: quiet, as for the admins.
        let at_threshold = vec![session("s1", "rel", "james", "amira", quiet, vec![])];
        assert_eq!(
            of("amira", &rels, &[], &at_threshold),
            [Reminder::Quiet {
                relationship: id("rel"),
                partner: id("james"),
                weeks: settings.quiet_weeks,
                last_session: Some(TODAY.add_days(-quiet)),
                paired_on: None,
                since: TODAY,
            }]
        );
        let a_day_less = vec![session("s1", "rel", "james", "amira", quiet - 1, vec![])];
        assert_eq!(of("amira", &rels, &[], &a_day_less), []);
        // A session planned ahead has not been held: booking the next meeting does not hide
        // that the pair has not met, and the last session is the last one held. The booking
        // is mentioned beside it.
        let booked = vec![
            session("s1", "rel", "james", "amira", 50, vec![]),
            session("s2", "rel", "james", "amira", -5, vec![]),
        ];
        let reminded = of("amira", &rels, &[], &booked);
        assert!(
            matches!(&reminded[..], [
                Reminder::Quiet { last_session: Some(last), weeks: 7, .. },
                Reminder::SessionAhead { .. },
            ] if *last == TODAY.add_days(-50)),
            "{reminded:?}"
        );
        // Held by now: a session earlier today is, one later today is not yet.
        let today_at = |hour: i64| {
            let mut s = session("s2", "rel", "james", "amira", 0, vec![]);
            s.at = Millis(i64::from(TODAY.0) * DAY + hour * 3_600_000);
            vec![session("s1", "rel", "james", "amira", 50, vec![]), s]
        };
        let quiet_said = |sessions: &[Session]| {
            (of("amira", &rels, &[], sessions).iter())
                .filter(|r| matches!(r, Reminder::Quiet { .. }))
                .count()
        };
        assert_eq!(of("amira", &rels, &[], &today_at(11)), []);
        assert_eq!(quiet_said(&today_at(13)), 1);
        // One planned with nothing in it, its time come and gone, says nothing of a meeting:
        // the pair is still quiet, and its last session the one logged 50 days ago.
        let mut planned_empty = today_at(11);
        planned_empty[1].grow = Grow::default();
        assert!(matches!(&of("amira", &rels, &[], &planned_empty)[..], [
                Reminder::Quiet { last_session: Some(last), .. },
            ] if *last == TODAY.add_days(-50)),);
        // No session at all, 60 days after the start.
        assert_eq!(
            of("james", &rels, &[], &[]),
            [Reminder::Quiet {
                relationship: id("rel"),
                partner: id("amira"),
                weeks: 8,
                last_session: None,
                paired_on: None,
                since: TODAY.add_days(-60 + quiet),
            }]
        );
        // Only active pairs: a paused or ended one is not nagged about.
        for lifecycle in [Lifecycle::Paused, Lifecycle::Completed, Lifecycle::Proposed] {
            let mut r = rels[0].clone();
            r.lifecycle = lifecycle.clone();
            assert_eq!(of("amira", &[r], &[], &[]), [], "{lifecycle:?}");
        }
    }

    #[test]
    fn a_pair_near_or_past_its_planned_end_is_reminded_by_its_programmes_days() {
        let ending = |planned_in: i32, lifecycle: Lifecycle| Relationship {
            planned_end: TODAY.add_days(planned_in),
            lifecycle,
            ..relationship(&format!("rel-{planned_in}"), "james", "amira")
        };
        let rels = vec![
            ending(10, Lifecycle::Active),
            ending(-3, Lifecycle::Paused),
            ending(20, Lifecycle::Active),
            // Not started yet: nothing to wind up.
            ending(5, Lifecycle::Proposed),
        ];
        let sessions: Vec<Session> = (rels.iter())
            .map(|r| {
                session(
                    &format!("s-{}", r.id),
                    r.id.as_str(),
                    "james",
                    "amira",
                    1,
                    vec![],
                )
            })
            .collect();
        let ending_ones = |programmes: &[crate::Programme]| -> Vec<(RecordId, Date, Date)> {
            reminders(
                &id("amira"),
                &rels,
                &[],
                &sessions,
                &[],
                &[],
                &[],
                NOW,
                &Millis::utc_date,
                programmes,
            )
            .into_iter()
            .filter_map(|r| match r {
                Reminder::Ending {
                    relationship,
                    planned_end,
                    since,
                    past,
                    ..
                } => {
                    assert_eq!(past, planned_end < TODAY);
                    Some((relationship, planned_end, since))
                }
                _ => None,
            })
            .collect()
        };
        // The default 14 days: the one ending in 10 days and the one 3 days past it, the
        // longest called for first.
        assert_eq!(
            ending_ones(&[]),
            [
                (id("rel--3"), TODAY.add_days(-3), TODAY.add_days(-17)),
                (id("rel-10"), TODAY.add_days(10), TODAY.add_days(-4)),
            ]
        );
        // A programme warning 30 days ahead reminds the one ending in 20 days too.
        let mut early = crate::Programme::new(
            id("prog"),
            crate::ProgrammeKind::Mentoring,
            "Early",
            TODAY.add_days(-90),
        );
        early.health.ending_within_days = 30;
        assert_eq!(ending_ones(std::slice::from_ref(&early)).len(), 3);
    }

    #[test]
    fn a_pair_is_quiet_by_its_own_programmes_settings() {
        let rels = vec![
            relationship("rel", "james", "amira"),
            Relationship {
                programme: id("prog-other"),
                ..relationship("rel-b", "sofia", "amira")
            },
        ];
        // Both pairs last met 15 days ago: quiet by a two-week programme, not by the default
        // four weeks of a programme that set none, or one this device does not know.
        let sessions = vec![
            session("s1", "rel", "james", "amira", 15, vec![]),
            session("s2", "rel-b", "sofia", "amira", 15, vec![]),
        ];
        let mut brisk = crate::Programme::new(
            id("prog"),
            crate::ProgrammeKind::Mentoring,
            "Brisk",
            TODAY.add_days(-90),
        );
        brisk.health.quiet_weeks = 2;
        let quiet = |programmes: &[crate::Programme]| -> Vec<RecordId> {
            reminders(
                &id("amira"),
                &rels,
                &[],
                &sessions,
                &[],
                &[],
                &[],
                NOW,
                &Millis::utc_date,
                programmes,
            )
            .into_iter()
            .filter_map(|r| match r {
                Reminder::Quiet {
                    relationship,
                    weeks,
                    since,
                    ..
                } => {
                    assert_eq!((weeks, since), (2, TODAY.add_days(-1)));
                    Some(relationship)
                }
                _ => None,
            })
            .collect()
        };
        assert_eq!(quiet(std::slice::from_ref(&brisk)), [id("rel")]);
        assert_eq!(quiet(&[]), Vec::<RecordId>::new());
    }

    #[test]
    fn a_session_with_the_earlier_pair_does_not_count_for_the_successor() {
        // Amira replaced layla: the session logged with layla is not amira's to see, so for
        // her the pair has had no session yet.
        let rels = vec![relationship("rel", "james", "amira")];
        let sessions = vec![session("s-before", "rel", "james", "layla", 3, vec![])];
        assert!(matches!(
            of("amira", &rels, &[], &sessions).as_slice(),
            [Reminder::Quiet {
                last_session: None,
                ..
            }]
        ));
        assert_eq!(of("james", &rels, &[], &sessions), []);
    }

    #[test]
    fn someone_elses_relationships_are_never_mentioned() {
        let rels = vec![relationship("rel-other", "sofia", "omar")];
        let goals = vec![goal("g-omar", "omar", Some(0), GoalStatus::OnTrack)];
        assert_eq!(of("amira", &rels, &goals, &[]), []);
    }

    #[test]
    fn the_most_urgent_come_first_and_ties_go_by_id() {
        let settings = HealthSettings::default();
        let mut rels = vec![
            relationship("rel", "james", "amira"),
            relationship("rel-b", "sofia", "amira"),
        ];
        // rel-b: last session 30 days ago, so quiet since 2 days ago.
        rels[1].starts = TODAY.add_days(-100);
        let sessions = vec![
            session(
                "s1",
                "rel",
                "james",
                "amira",
                3,
                vec![
                    item("a-2", "amira", 5, false),
                    item("a-1", "amira", 5, false),
                    item("a-late", "amira", -1, false),
                ],
            ),
            session("s2", "rel-b", "sofia", "amira", 30, vec![]),
        ];
        let goals = vec![
            goal("g-5b", "amira", Some(5), GoalStatus::OnTrack),
            goal("g-late", "amira", Some(-9), GoalStatus::OnTrack),
            goal("g-5a", "amira", Some(5), GoalStatus::AtRisk),
        ];
        let list = of("amira", &rels, &goals, &sessions);
        let ids: Vec<&str> = list.iter().map(|r| r.id().as_str()).collect();
        assert_eq!(
            ids,
            ["g-late", "rel-b", "a-late", "a-1", "a-2", "g-5a", "g-5b"],
            "quiet since {}",
            TODAY.add_days(30 - settings.quiet_days())
        );
        let mut shuffled = goals.clone();
        shuffled.reverse();
        let mut shuffled_sessions = sessions.clone();
        shuffled_sessions.reverse();
        assert_eq!(of("amira", &rels, &shuffled, &shuffled_sessions), list);
    }

    #[test]
    fn a_mentor_proposed_for_a_pair_is_told_and_its_mentee_is_not_nagged() {
        let mut proposed = relationship("rel-new", "james", "amira");
        proposed.lifecycle = Lifecycle::Proposed;
        proposed.starts = TODAY.add_days(3);
        let rels = [proposed];
        let for_james = of("james", &rels, &[], &[]);
        assert_eq!(
            for_james,
            [Reminder::Proposed {
                relationship: id("rel-new"),
                partner: id("amira"),
                starts: TODAY.add_days(3),
                asked: false,
            }]
        );
        assert!(
            of("amira", &rels, &[], &[]).is_empty(),
            "waiting is not hers to act on"
        );
        let mut started = rels[0].clone();
        started.lifecycle = Lifecycle::Active;
        assert!(!of("james", &[started], &[], &[])
            .iter()
            .any(|r| matches!(r, Reminder::Proposed { .. })));
    }

    #[test]
    fn a_mentees_request_is_told_to_the_mentor_and_the_admins_and_its_start_to_the_pair() {
        let mut programme = Programme::new(id("prog"), crate::ProgrammeKind::Mentoring, "P", TODAY);
        programme.admins = vec![id("hr-admin"), id("other-admin")];
        let mut asked = relationship("rel", "james", "fatima");
        asked.lifecycle = Lifecycle::Proposed;
        asked.starts = TODAY.add_days(-1);
        let request = PairingLog {
            relationship: id("rel"),
            made: written("fatima", 2),
            paired: written("fatima", 2),
            replaced: None,
            put_back: false,
            lifecycle: written("fatima", 2),
            unstarted: None,
        };
        let of_me = |me: &str, rels: &[Relationship], log: &[PairingLog]| {
            reminders(
                &id(me),
                rels,
                &[],
                &[],
                &[],
                &[],
                log,
                NOW,
                &Millis::utc_date,
                std::slice::from_ref(&programme),
            )
        };
        let rels = [asked.clone()];
        let log = [request.clone()];
        assert_eq!(
            of_me("hr-admin", &rels, &log),
            [Reminder::ProposalWaiting {
                relationship: id("rel"),
                mentor: id("james"),
                mentee: id("fatima"),
                asked: true,
                on: TODAY.add_days(-2),
            }]
        );
        assert!(matches!(
            of_me("james", &rels, &log)[..],
            [Reminder::Proposed { asked: true, .. }]
        ));
        assert!(
            of_me("fatima", &rels, &log).is_empty(),
            "waiting is not hers to act on"
        );
        // Not an admin of the programme: nothing.
        let elsewhere = Relationship {
            programme: id("other"),
            ..asked.clone()
        };
        assert!(of_me("hr-admin", &[elsewhere], &log).is_empty());
        // What an admin published is theirs to start without being reminded; the others are
        // told it was proposed, not asked for.
        let published = [PairingLog {
            made: written("hr-admin", 2),
            ..request.clone()
        }];
        assert!(of_me("hr-admin", &rels, &published).is_empty());
        assert!(matches!(
            of_me("other-admin", &rels, &published)[..],
            [Reminder::ProposalWaiting { asked: false, .. }]
        ));

        // Started by an admin: both of the pair are told for 14 days, the admins no longer.
        let started = [Relationship {
            lifecycle: Lifecycle::Active,
            ..asked.clone()
        }];
        let start = |days_ago| PairingLog {
            lifecycle: written("hr-admin", days_ago),
            ..request.clone()
        };
        for (me, partner) in [("fatima", "james"), ("james", "fatima")] {
            assert_eq!(
                of_me(me, &started, &[start(1)]),
                [Reminder::Started {
                    relationship: id("rel"),
                    partner: id(partner),
                    on: TODAY.add_days(-1),
                }]
            );
            assert!(of_me(me, &started, &[start(15)]).is_empty());
        }
        assert!(of_me("hr-admin", &started, &[start(1)]).is_empty());
        // Resumed by one of the pair after a pause is not a start.
        let resumed = PairingLog {
            lifecycle: written("james", 1),
            ..request.clone()
        };
        assert!(of_me("fatima", &started, &[resumed]).is_empty());
        // Made under way at once (no proposal): nothing to say.
        let made_active = PairingLog {
            made: written("hr-admin", 1),
            lifecycle: written("hr-admin", 1),
            ..request
        };
        assert!(of_me("fatima", &started, &[made_active]).is_empty());
    }

    fn written(by: &str, days_ago: i64) -> Written {
        Written {
            at: Millis(i64::from(TODAY.0) * DAY - days_ago * DAY + 3_600_000),
            by: id(by),
        }
    }

    /// `rel` as the log says: made by `made_by`, its lifecycle last written by `ended_by`
    /// `days_ago` days ago.
    fn ended_log(made_by: &str, ended_by: &str, days_ago: i64) -> PairingLog {
        PairingLog {
            relationship: id("rel"),
            made: written(made_by, 40),
            paired: written(made_by, 40),
            replaced: None,
            put_back: false,
            lifecycle: written(ended_by, days_ago),
            unstarted: None,
        }
    }

    fn with_log(
        me: &str,
        rels: &[Relationship],
        sessions: &[Session],
        log: &[PairingLog],
    ) -> Vec<Reminder> {
        reminders(
            &id(me),
            rels,
            &[],
            sessions,
            &[],
            &[],
            log,
            NOW,
            &Millis::utc_date,
            &[],
        )
    }

    fn ended(rel: Relationship) -> Relationship {
        Relationship {
            lifecycle: Lifecycle::EndedEarly {
                reason: "No time this quarter".into(),
            },
            ..rel
        }
    }

    #[test]
    fn a_mentee_is_told_for_fourteen_days_that_their_mentor_declined_and_the_mentor_is_not() {
        let mut declined = relationship("rel", "james", "amira");
        declined.starts = TODAY.add_days(5);
        let rels = [ended(declined)];
        assert_eq!(
            with_log("amira", &rels, &[], &[ended_log("amira", "james", 14)]),
            [Reminder::PairingEnded {
                relationship: id("rel"),
                partner: id("james"),
                by_partner: true,
                ending: Ending::EndedEarly,
                on: TODAY.add_days(-14),
            }]
        );
        assert_eq!(
            with_log("james", &rels, &[], &[ended_log("amira", "james", 1)]),
            [],
            "he declined it himself"
        );
        assert_eq!(
            with_log("amira", &rels, &[], &[ended_log("amira", "james", 15)]),
            []
        );
        // Completed by their partner: told too (the page no longer offers a next session),
        // as completed; not to whoever completed it.
        let completed = Relationship {
            lifecycle: Lifecycle::Completed,
            ..rels[0].clone()
        };
        let completed = std::slice::from_ref(&completed);
        assert_eq!(
            with_log("amira", completed, &[], &[ended_log("amira", "james", 1)]),
            [Reminder::PairingEnded {
                relationship: id("rel"),
                partner: id("james"),
                by_partner: true,
                ending: Ending::Completed,
                on: TODAY.add_days(-1),
            }]
        );
        assert_eq!(
            with_log("james", completed, &[], &[ended_log("amira", "james", 1)]),
            []
        );
    }

    #[test]
    fn a_pause_is_told_to_the_partner_while_it_lasts_and_not_to_who_paused() {
        let mut paused = relationship("rel", "james", "amira");
        paused.lifecycle = Lifecycle::Paused;
        let log = [ended_log("hr-admin", "james", 20)];
        let rels = std::slice::from_ref(&paused);
        assert_eq!(
            with_log("amira", rels, &[], &log),
            [Reminder::Paused {
                relationship: id("rel"),
                partner: id("james"),
                on: TODAY.add_days(-20),
            }]
        );
        assert_eq!(with_log("james", rels, &[], &log), []);
        // Resumed: the pause is no longer said (the pair is quiet now, which is said).
        let resumed = Relationship {
            lifecycle: Lifecycle::Active,
            ..paused.clone()
        };
        let log = [ended_log("hr-admin", "james", 1)];
        let told = with_log("amira", &[resumed], &[], &log);
        assert!(
            !told.iter().any(|r| matches!(r, Reminder::Paused { .. })),
            "{told:?}"
        );
        assert!(!told.is_empty());
    }

    #[test]
    fn an_invitation_not_yet_answered_is_the_invitees_to_answer() {
        let enrolment = |person: &str, status| crate::Enrolment {
            id: id(&format!("e-{person}")),
            programme: id("prog"),
            person: id(person),
            role: crate::EnrolledAs::Mentor { capacity: 2 },
            status,
            since: TODAY.add_days(-2),
        };
        let list = [
            enrolment("james", crate::EnrolmentStatus::Invited),
            enrolment("amira", crate::EnrolmentStatus::Enrolled),
        ];
        let mut programme = Programme::new(
            id("prog"),
            crate::ProgrammeKind::Coaching,
            "Lead",
            TODAY.add_days(-30),
        );
        assert_eq!(
            invitations(&id("james"), &list, std::slice::from_ref(&programme)),
            [Reminder::Invited {
                enrolment: id("e-james"),
                programme: id("prog"),
                kind: crate::ProgrammeKind::Coaching,
                role: crate::EnrolledAs::Mentor { capacity: 2 },
                on: TODAY.add_days(-2),
            }]
        );
        assert_eq!(invitations(&id("amira"), &list, &[programme.clone()]), []);
        // A programme not held, or closed: nothing to answer.
        assert_eq!(invitations(&id("james"), &list, &[]), []);
        programme.state = crate::ProgrammeState::Closed { on: TODAY };
        assert_eq!(invitations(&id("james"), &list, &[programme]), []);
    }

    #[test]
    fn the_admins_start_is_told_until_a_first_session_is_logged_in_the_pairs_dates() {
        let mut started = relationship("rel", "james", "amira");
        started.starts = TODAY.add_days(-3);
        let log = [PairingLog {
            relationship: id("rel"),
            made: written("amira", 5),
            paired: written("amira", 5),
            replaced: None,
            put_back: false,
            lifecycle: written("hr-admin", 3),
            unstarted: None,
        }];
        let rels = std::slice::from_ref(&started);
        let told = |sessions: &[Session]| {
            with_log("amira", rels, sessions, &log)
                .iter()
                .any(|r| matches!(r, Reminder::Started { .. }))
        };
        assert!(told(&[]));
        // One before the pair's start (stored before the rule) does not count.
        assert!(told(&[session("s0", "rel", "james", "amira", 4, vec![])]));
        assert!(!told(&[session("s1", "rel", "james", "amira", 1, vec![])]));
        // Planned ahead counts too: the first session is planned.
        assert!(!told(&[session("s2", "rel", "amira", "james", -3, vec![])]));
    }

    #[test]
    fn both_of_a_pair_are_told_when_its_admins_cancel_it_or_end_it_to_re_match() {
        let rels = [ended(relationship("rel", "james", "amira"))];
        let log = [ended_log("hr-admin", "hr-admin", 2)];
        for (me, partner) in [("amira", "james"), ("james", "amira")] {
            assert_eq!(
                with_log(me, &rels, &[], &log),
                [Reminder::PairingEnded {
                    relationship: id("rel"),
                    partner: id(partner),
                    by_partner: false,
                    ending: Ending::EndedEarly,
                    on: TODAY.add_days(-2),
                }],
                "{me}"
            );
        }
        // The mentee withdrawing her request tells the mentor, whose proposal it was.
        let withdrawn = [ended_log("amira", "amira", 0)];
        assert!(matches!(
            with_log("james", &rels, &[], &withdrawn).as_slice(),
            [Reminder::PairingEnded {
                by_partner: true,
                ..
            }]
        ));
        assert_eq!(with_log("sofia", &rels, &[], &log), [], "not hers");
    }

    #[test]
    fn a_re_pairing_is_told_once_not_as_a_start_by_whoever_last_resumed_the_pair() {
        // James resumed the pair three days ago; the admins put layla in his place two days
        // ago.
        let rels = [relationship("rel", "layla", "amira")];
        let log = [PairingLog {
            relationship: id("rel"),
            made: written("hr-admin", 60),
            paired: written("hr-admin", 2),
            replaced: Some(Side::Mentor),
            put_back: false,
            lifecycle: written("james", 3),
            unstarted: None,
        }];
        for (me, partner, newcomer) in [("amira", "layla", false), ("layla", "amira", true)] {
            assert_eq!(
                with_log(me, &rels, &[], &log),
                [Reminder::Repaired {
                    relationship: id("rel"),
                    partner: id(partner),
                    on: TODAY.add_days(-2),
                    newcomer,
                    put_back: false,
                }],
                "{me}"
            );
        }
        // Layla put back in a pair she had been taken off: told so, not that she was paired;
        // Amira, who stayed, of the change.
        let back = [PairingLog {
            put_back: true,
            ..log[0].clone()
        }];
        for (me, partner, put_back) in [("amira", "layla", false), ("layla", "amira", true)] {
            assert_eq!(
                with_log(me, &rels, &[], &back),
                [Reminder::Repaired {
                    relationship: id("rel"),
                    partner: id(partner),
                    on: TODAY.add_days(-2),
                    newcomer: false,
                    put_back,
                }],
                "{me}"
            );
        }
        // Its admins starting it after the re-pairing is told as a start.
        let started = [PairingLog {
            lifecycle: written("hr-admin", 1),
            ..log[0].clone()
        }];
        assert!(with_log("layla", &rels, &[], &started)
            .iter()
            .any(|r| matches!(r, Reminder::Started { .. })));
    }

    #[test]
    fn a_re_pairing_tells_the_mentee_the_new_mentor_and_the_old_one_his_open_actions() {
        // The admins put layla in james's place two days ago.
        let rels = [relationship("rel", "layla", "amira")];
        let log = [PairingLog {
            relationship: id("rel"),
            made: written("hr-admin", 60),
            paired: written("hr-admin", 2),
            replaced: Some(Side::Mentor),
            put_back: false,
            lifecycle: written("hr-admin", 40),
            unstarted: None,
        }];
        let sessions = [session(
            "s-before",
            "rel",
            "james",
            "amira",
            10,
            vec![
                item("a-late", "james", 1, false),
                item("a-first", "james", -4, false),
                item("a-done", "james", -1, true),
                item("a-hers", "amira", 3, false),
            ],
        )];
        let amira = with_log("amira", &rels, &sessions, &log);
        assert!(
            amira.contains(&Reminder::Repaired {
                relationship: id("rel"),
                partner: id("layla"),
                on: TODAY.add_days(-2),
                newcomer: false,
                put_back: false,
            }),
            "{amira:?}"
        );
        // Her item was agreed with james, in the session that stays theirs.
        let item_partner: Vec<(&str, &str)> = (amira.iter())
            .filter_map(|r| match r {
                Reminder::ActionItem { item, partner, .. } => {
                    Some((item.as_str(), partner.as_str()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(item_partner, [("a-hers", "james")]);
        let layla = with_log("layla", &rels, &sessions, &log);
        assert!(
            layla.contains(&Reminder::Repaired {
                relationship: id("rel"),
                partner: id("amira"),
                on: TODAY.add_days(-2),
                newcomer: true,
                put_back: false,
            }),
            "{layla:?}"
        );
        assert_eq!(action_ids(&layla), Vec::<&str>::new(), "not in the room");
        let james = with_log("james", &rels, &sessions, &log);
        assert_eq!(
            james,
            [Reminder::TakenOff {
                relationship: id("rel"),
                former_partner: id("amira"),
                on: TODAY.add_days(-2),
                sessions_kept: true,
                open_actions: vec!["Action a-first".into(), "Action a-late".into()],
            }]
        );
        assert!(
            !format!("{james:?}").contains("layla"),
            "who took his place is not his"
        );
        // Fifteen days on, nobody is told any more.
        let old = [PairingLog {
            paired: written("hr-admin", 15),
            ..log[0].clone()
        }];
        assert!(with_log("james", &rels, &sessions, &old).is_empty());
        assert!(!with_log("amira", &rels, &sessions, &old)
            .iter()
            .any(|r| matches!(r, Reminder::Repaired { .. })));
        // An admin of the programme holds its relationships without being taken off any.
        let mut programme =
            crate::Programme::new(id("prog"), crate::ProgrammeKind::Mentoring, "P", TODAY);
        programme.admins = vec![id("james")];
        let as_admin = reminders(
            &id("james"),
            &rels,
            &[],
            &sessions,
            &[],
            &[],
            &log,
            NOW,
            &Millis::utc_date,
            std::slice::from_ref(&programme),
        );
        assert_eq!(as_admin, []);
        // The pair as it was made is no re-pairing.
        let made = [PairingLog {
            replaced: None,
            put_back: false,
            ..log[0].clone()
        }];
        assert!(with_log("amira", &rels, &sessions, &made)
            .iter()
            .all(|r| matches!(r, Reminder::ActionItem { .. })));
        assert!(with_log("james", &rels, &sessions, &made).is_empty());
    }

    #[test]
    fn someone_taken_off_is_told_whether_their_sessions_stay_and_with_whom_never_the_newcomer() {
        // James mentored amira; the admins put layla in his place, then omar in amira's.
        let rels = [relationship("rel", "layla", "omar")];
        let log = [PairingLog {
            relationship: id("rel"),
            made: written("hr-admin", 60),
            paired: written("hr-admin", 1),
            replaced: Some(Side::Mentee),
            put_back: false,
            lifecycle: written("hr-admin", 40),
            unstarted: None,
        }];
        let sessions = [session("s1", "rel", "james", "amira", 20, vec![])];
        let taken_off = |me: &str, sessions: &[Session]| {
            with_log(me, &rels, sessions, &log)
                .into_iter()
                .filter_map(|r| match r {
                    Reminder::TakenOff {
                        former_partner,
                        sessions_kept,
                        ..
                    } => Some((former_partner.to_string(), sessions_kept)),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        // The partner of the sessions they had together, not the mentee in the record now.
        assert_eq!(taken_off("james", &sessions), [("amira".into(), true)]);
        // Nor the partner of a later session in a pairing the device holds no relationship
        // of: that one is another earlier pairing.
        let with_elsewhere = [
            sessions[0].clone(),
            session("s9", "rel-gone", "james", "zoe", 2, vec![]),
        ];
        assert_eq!(
            taken_off("james", &with_elsewhere),
            [("amira".into(), true)]
        );
        assert_eq!(taken_off("amira", &sessions), [("james".into(), true)]);
        // With none logged with them (one without its pair recorded is none), nothing is kept,
        // and the partner is the one on the other side as the record says.
        let unrecorded = [Session {
            partner: None,
            ..sessions[0].clone()
        }];
        assert_eq!(taken_off("amira", &unrecorded), [("layla".into(), false)]);
        // Nothing of an earlier pairing reaches the pair now as a reminder of theirs.
        assert!(with_log("omar", &rels, &sessions, &log)
            .iter()
            .all(|r| matches!(r, Reminder::Repaired { .. })));
    }

    #[test]
    fn the_hosts_notice_tells_someone_taken_off_on_every_device_for_the_days_a_change_is_told() {
        // The admins took james off his pairing with amira 3 days ago; layla took his place.
        let notice = |days_ago: i32| TakenOffNotice {
            id: id("portal-taken-1"),
            person: id("james"),
            relationship: id("rel"),
            programme: id("prog"),
            partner: id("amira"),
            at: Millis(i64::from(TODAY.add_days(-days_ago).0) * DAY + 9 * 3_600_000),
        };
        let told = |me: &str, rels: &[Relationship], sessions: &[Session], notices: &[_]| {
            reminders(
                &id(me),
                rels,
                &[],
                sessions,
                &[],
                notices,
                &[],
                NOW,
                &Millis::utc_date,
                &[],
            )
        };
        let taken_off = |sessions_kept, open_actions: Vec<String>| Reminder::TakenOff {
            relationship: id("rel"),
            former_partner: id("amira"),
            on: TODAY.add_days(-3),
            sessions_kept,
            open_actions,
        };
        // A device holding nothing of the pair (a new one, or one that let go of it with no
        // session of his in it) tells him, from the notice alone.
        let notices = [notice(3)];
        assert_eq!(
            told("james", &[], &[], &notices),
            [taken_off(false, vec![])]
        );
        // With the sessions he was in (held without the relationship), they are said kept,
        // with his own open items; the partner is the one of those sessions.
        let sessions = [session(
            "s1",
            "rel",
            "amira",
            "james",
            20,
            vec![item("a1", "james", 5, false), item("a2", "amira", 5, false)],
        )];
        assert_eq!(
            told("james", &[], &sessions, &notices),
            [taken_off(true, vec!["Action a1".into()])]
        );
        // The device that held the relationship tells it once, not once per source, as the
        // notice says it: the partner he had rather than whoever is on the other side now
        // (omar put in amira's place yesterday), and the day he was taken off.
        let rels = [relationship("rel", "layla", "omar")];
        let log = [PairingLog {
            relationship: id("rel"),
            made: written("hr-admin", 400),
            paired: written("hr-admin", 1),
            replaced: Some(Side::Mentee),
            put_back: false,
            lifecycle: written("hr-admin", 40),
            unstarted: None,
        }];
        let held = |notices: &[TakenOffNotice]| {
            reminders(
                &id("james"),
                &rels,
                &[],
                &[],
                &[],
                notices,
                &log,
                NOW,
                &Millis::utc_date,
                &[],
            )
        };
        assert_eq!(held(&notices), [taken_off(false, vec![])]);
        assert!(held(&[notice(20)]).is_empty(), "taken off 20 days ago");
        // Without a notice (a host that writes none), the relationship as his device last
        // held it says what it can.
        let as_held = [relationship("rel", "layla", "amira")];
        let log = [PairingLog {
            paired: written("hr-admin", 3),
            replaced: Some(Side::Mentor),
            put_back: false,
            ..log[0].clone()
        }];
        assert_eq!(
            with_log("james", &as_held, &[], &log),
            [taken_off(false, vec![])]
        );
        // Told for 14 days, as any change to a pairing someone else made.
        assert_eq!(told("james", &[], &[], &[notice(14)]).len(), 1);
        assert!(told("james", &[], &[], &[notice(15)]).is_empty());
        // Nobody else is told by it, and once put back in the pair he is not told either.
        assert!(told("amira", &[], &[], &notices).is_empty());
        assert!(told("layla", &[], &[], &notices).is_empty());
        let back = [relationship("rel", "james", "amira")];
        assert!(told("james", &back, &[], &notices)
            .iter()
            .all(|r| !matches!(r, Reminder::TakenOff { .. })));
    }

    #[test]
    fn after_a_re_pairing_quietness_and_nudges_are_the_new_pairs_alone() {
        // The relationship started 60 days ago with james and amira; five weeks ago james met
        // amira, an admin nudged them, and three days ago layla took james's place.
        let rels = [relationship("rel", "layla", "amira")];
        let repaired = |days_ago| {
            [PairingLog {
                relationship: id("rel"),
                made: written("hr-admin", 60),
                paired: written("hr-admin", days_ago),
                replaced: Some(Side::Mentor),
                put_back: false,
                lifecycle: written("hr-admin", 60),
                unstarted: None,
            }]
        };
        let log = repaired(3);
        let sessions = [session("s-james", "rel", "james", "amira", 35, vec![])];
        let nudges = [
            nudge("n-old", "rel", "amira", 4),
            nudge("n-layla", "rel", "layla", 4),
        ];
        let of_log = |me: &str, log: &[PairingLog]| {
            reminders(
                &id(me),
                &rels,
                &[],
                &sessions,
                &nudges,
                &[],
                log,
                NOW,
                &Millis::utc_date,
                &[],
            )
            .into_iter()
            .filter(|r| !matches!(r, Reminder::Repaired { .. }))
            .collect::<Vec<_>>()
        };
        // Neither is told the pair is quiet three days in, nor of the nudge to the old pair.
        assert_eq!(of_log("amira", &log), []);
        assert_eq!(of_log("layla", &log), []);
        // Five weeks after the re-pairing without a session with layla, amira is told of
        // layla, from the re-pairing: not of her last session, which was with james.
        let quiet_weeks = HealthSettings::default().quiet_days();
        let long_ago = repaired(i64::from(quiet_weeks) + 1);
        let sessions_before = [session(
            "s-james",
            "rel",
            "james",
            "amira",
            quiet_weeks + 10,
            vec![],
        )];
        let amira = reminders(
            &id("amira"),
            &rels,
            &[],
            &sessions_before,
            &[],
            &[],
            &long_ago,
            NOW,
            &Millis::utc_date,
            &[],
        );
        assert_eq!(
            amira,
            [Reminder::Quiet {
                relationship: id("rel"),
                partner: id("layla"),
                weeks: (quiet_weeks as u32 + 1) / 7,
                last_session: None,
                paired_on: Some(TODAY.add_days(-quiet_weeks - 1)),
                since: TODAY.add_days(-1),
            }]
        );
        // A nudge sent since the re-pairing is the new pair's.
        let nudges_since = [nudge("n-new", "rel", "amira", 2)];
        let amira = reminders(
            &id("amira"),
            &rels,
            &[],
            &sessions,
            &nudges_since,
            &[],
            &log,
            NOW,
            &Millis::utc_date,
            &[],
        );
        assert!(
            amira
                .iter()
                .any(|r| matches!(r, Reminder::Nudge { nudge, partner, .. }
                if nudge == &id("n-new") && partner == &id("layla"))),
            "{amira:?}"
        );
    }

    #[test]
    fn the_pairing_log_says_who_re_paired_a_relationship_and_when_from_the_replica() {
        use crate::merge::Replica;
        use crate::projection::FieldValue;
        let mut replica = Replica::new();
        let mut n = 0;
        let mut write =
            |replica: &mut Replica, by: &str, record: &str, field: &str, value: &str, at: i64| {
                n += 1;
                replica.write(
                    &id(by),
                    &id("device"),
                    if record.starts_with("goal") {
                        "goal"
                    } else {
                        "relationship"
                    },
                    &id(record),
                    field,
                    FieldValue::Text(value.into()),
                    Millis(at),
                    id(&format!("op{n}")),
                );
            };
        for (field, value) in [
            ("kind", "mentoring"),
            ("mentor", "james"),
            ("mentee", "amira"),
            ("lifecycle", "active"),
        ] {
            write(&mut replica, "amira", "rel", field, value, 1_000);
            write(&mut replica, "amira", "rel-new", field, value, 1_000);
        }
        write(&mut replica, "amira", "goal1", "title", "Lead", 1_000);
        write(&mut replica, "hr-admin", "rel", "mentor", "layla", 5_000);
        let log = pairing_log(&replica);
        assert_eq!(
            log,
            [
                PairingLog {
                    relationship: id("rel"),
                    made: Written {
                        at: Millis(1_000),
                        by: id("amira"),
                    },
                    paired: Written {
                        at: Millis(5_000),
                        by: id("hr-admin"),
                    },
                    replaced: Some(Side::Mentor),
                    put_back: false,
                    lifecycle: Written {
                        at: Millis(1_000),
                        by: id("amira"),
                    },
                    unstarted: None,
                },
                PairingLog {
                    relationship: id("rel-new"),
                    made: Written {
                        at: Millis(1_000),
                        by: id("amira"),
                    },
                    paired: Written {
                        at: Millis(1_000),
                        by: id("amira"),
                    },
                    replaced: None,
                    put_back: false,
                    lifecycle: Written {
                        at: Millis(1_000),
                        by: id("amira"),
                    },
                    unstarted: None,
                },
            ]
        );
        // Kept through compaction: the heads keep who wrote them and when.
        let restored = Replica::restore(replica.compact(), Millis(6_000));
        assert_eq!(pairing_log(&restored), log);
        // James put back in the pair: a re-pairing still, and known as his return after a
        // compaction too (every write of a side is kept).
        write(&mut replica, "hr-admin", "rel", "mentor", "james", 7_000);
        let restored = Replica::restore(replica.compact(), Millis(8_000));
        for replica in [&replica, &restored] {
            let back = &pairing_log(replica)[0];
            assert_eq!(back.replaced, Some(Side::Mentor));
            assert_eq!(back.paired.at, Millis(7_000));
            assert!(back.put_back);
        }
    }

    #[test]
    fn a_proposal_ended_before_it_started_is_named_by_who_ended_it_and_when() {
        let proposed = FieldValue::Text("proposed".into());
        let ended = FieldValue::Text("ended-early".into());
        // Only the write ending a proposal is marked.
        assert!(ends_unstarted(
            "relationship",
            "lifecycle",
            &ended,
            Some(&proposed)
        ));
        let active = FieldValue::Text("active".into());
        assert!(!ends_unstarted(
            "relationship",
            "lifecycle",
            &ended,
            Some(&active)
        ));
        assert!(!ends_unstarted(
            "relationship",
            "lifecycle",
            &active,
            Some(&proposed)
        ));
        assert!(!ends_unstarted(
            "goal",
            "lifecycle",
            &ended,
            Some(&proposed)
        ));

        let over = Relationship {
            lifecycle: Lifecycle::EndedEarly {
                reason: "No time".into(),
            },
            ..relationship("rel", "james", "amira")
        };
        let log = |by: &str, unstarted: Option<Ending>| PairingLog {
            unstarted,
            ..ended_log("hr-admin", by, 3)
        };
        let at = Some(written("james", 3).at);
        for named in [Ending::Declined, Ending::Withdrawn, Ending::Cancelled] {
            assert_eq!(
                ending(&over, &[log("james", Some(named))]),
                Some((named, at))
            );
        }
        // Not known to have been a proposal: ended early, as the lifecycle says.
        assert_eq!(
            ending(&over, &[log("james", None)]),
            Some((Ending::EndedEarly, at))
        );
        assert_eq!(ending(&over, &[]), Some((Ending::EndedEarly, None)));
        let completed = Relationship {
            lifecycle: Lifecycle::Completed,
            ..over.clone()
        };
        assert_eq!(
            ending(&completed, &[log("amira", Some(Ending::Withdrawn))]),
            Some((Ending::Completed, at))
        );
        assert_eq!(ending(&relationship("rel", "james", "amira"), &[]), None);

        // The log reads the mark from the id of the write that stands, with who ended it.
        for (by, named) in [
            ("james", Ending::Declined),
            ("amira", Ending::Withdrawn),
            ("hr-admin", Ending::Cancelled),
        ] {
            let mut replica = proposed_on("laptop");
            assert_eq!(pairing_log(&replica)[0].unstarted, None);
            end_unstarted(&mut replica, by, "phone", 2_000, None);
            assert_eq!(pairing_log(&replica)[0].unstarted, Some(named), "{by}");
            let restored = Replica::restore(replica.compact(), Millis(3_000));
            assert_eq!(
                pairing_log(&restored)[0].unstarted,
                Some(named),
                "kept through compaction"
            );
            // Marked before the mark named the side: judged against the pair.
            let mut replica = proposed_on("laptop");
            let old = RecordId::mint(ENDED_UNSTARTED_PREFIX, Millis(2_000), 7);
            end_unstarted(&mut replica, by, "phone", 2_000, Some(old));
            assert_eq!(pairing_log(&replica)[0].unstarted, Some(named), "{by}");
        }
    }

    /// A proposal of james mentoring amira, written by the admins on `device`.
    fn proposed_on(device: &str) -> crate::merge::Replica {
        let mut replica = crate::merge::Replica::new();
        for (n, (field, value)) in [
            ("mentor", "james"),
            ("mentee", "amira"),
            ("lifecycle", "proposed"),
        ]
        .into_iter()
        .enumerate()
        {
            replica.write(
                &id("hr-admin"),
                &id(device),
                "relationship",
                &id("rel"),
                field,
                FieldValue::Text(value.into()),
                Millis(1_000),
                id(&format!("op{n}")),
            );
        }
        replica
    }

    /// `by` ends the relationship on `device` as its widget marks it (or with the id `old`).
    fn end_unstarted(
        replica: &mut crate::merge::Replica,
        by: &str,
        device: &str,
        at: i64,
        old: Option<RecordId>,
    ) -> crate::merge::Op {
        let ended = FieldValue::Text("ended-early".into());
        let winner = |field: &str| {
            replica
                .winner("relationship", &id("rel"), field)
                .map(|op| &op.value)
        };
        assert!(ends_unstarted(
            "relationship",
            "lifecycle",
            &ended,
            winner("lifecycle")
        ));
        let prefix = ended_unstarted_prefix(&id(by), winner("mentor"), winner("mentee"));
        let op_id = old.unwrap_or_else(|| RecordId::mint(prefix, Millis(at), 7));
        replica.write(
            &id(by),
            &id(device),
            "relationship",
            &id("rel"),
            "lifecycle",
            ended,
            Millis(at),
            op_id,
        )
    }

    #[test]
    fn a_proposal_ended_on_a_device_that_had_not_seen_it_start_is_not_said_as_declined() {
        // The admins start the pairing on their laptop while james's phone still shows it
        // proposed, and he ends it there (later by the clock, so his end wins).
        let mut laptop = proposed_on("laptop");
        let mut phone = laptop.clone();
        let started = laptop.write(
            &id("hr-admin"),
            &id("laptop"),
            "relationship",
            &id("rel"),
            "lifecycle",
            FieldValue::Text("active".into()),
            Millis(2_000),
            id("op-start"),
        );
        let end = end_unstarted(&mut phone, "james", "phone", 3_000, None);
        assert_eq!(
            pairing_log(&phone)[0].unstarted,
            Some(Ending::Declined),
            "as it saw it"
        );
        phone.apply(started, Millis(4_000));
        laptop.apply(end, Millis(4_000));
        for replica in [&phone, &laptop] {
            let standing = replica
                .winner("relationship", &id("rel"), "lifecycle")
                .unwrap();
            assert_eq!(standing.value, FieldValue::Text("ended-early".into()));
            assert_eq!(
                pairing_log(replica)[0].unstarted,
                None,
                "the pairing had started"
            );
        }
    }

    #[test]
    fn a_proposal_declined_by_a_mentor_the_admins_replaced_since_is_still_declined() {
        for old_mark in [false, true] {
            let mut replica = proposed_on("laptop");
            let old = old_mark.then(|| RecordId::mint(ENDED_UNSTARTED_PREFIX, Millis(2_000), 7));
            end_unstarted(&mut replica, "james", "phone", 2_000, old);
            // Afterwards the admins put layla in james's place.
            replica.write(
                &id("hr-admin"),
                &id("laptop"),
                "relationship",
                &id("rel"),
                "mentor",
                FieldValue::Text("layla".into()),
                Millis(3_000),
                id("op-repair"),
            );
            let log = pairing_log(&replica);
            assert_eq!(
                log[0].unstarted,
                Some(Ending::Declined),
                "old mark: {old_mark}"
            );
            let over = Relationship {
                lifecycle: Lifecycle::EndedEarly {
                    reason: "No time".into(),
                },
                ..relationship("rel", "layla", "amira")
            };
            assert_eq!(ending(&over, &log).map(|(e, _)| e), Some(Ending::Declined));
        }
        // The side named in the id outlasts a compaction, which drops the mentor replaced.
        let mut replica = proposed_on("laptop");
        end_unstarted(&mut replica, "james", "phone", 2_000, None);
        replica.write(
            &id("hr-admin"),
            &id("laptop"),
            "relationship",
            &id("rel"),
            "mentor",
            FieldValue::Text("layla".into()),
            Millis(3_000),
            id("op-repair"),
        );
        let restored = crate::merge::Replica::restore(replica.compact(), Millis(4_000));
        assert_eq!(pairing_log(&restored)[0].unstarted, Some(Ending::Declined));
    }

    #[test]
    fn a_re_pairing_from_a_device_whose_clock_is_behind_is_still_a_re_pairing() {
        use crate::merge::Replica;
        use crate::projection::FieldValue;
        let mut replica = Replica::new();
        let mut n = 0;
        let mut write = |replica: &mut Replica, device: &str, field: &str, value: &str, now| {
            n += 1;
            replica.write(
                &id("hr-admin"),
                &id(device),
                "relationship",
                &id("rel"),
                field,
                FieldValue::Text(value.into()),
                Millis(now),
                id(&format!("op{n}")),
            );
        };
        for (field, value) in [
            ("kind", "mentoring"),
            ("mentor", "james"),
            ("mentee", "amira"),
            ("lifecycle", "active"),
        ] {
            write(&mut replica, "laptop", field, value, 1_000);
        }
        // The phone's clock reads 400: its write takes the wall time it observed.
        write(&mut replica, "phone", "mentor", "layla", 400);
        let log = pairing_log(&replica);
        assert_eq!(log[0].paired.at, Millis(1_000));
        assert_eq!(log[0].replaced, Some(Side::Mentor), "{log:?}");
    }

    /// james's session with amira 2 days ahead, logged on his phone, as a replica holds it,
    /// with the writer of its next op.
    fn planned_on_phone() -> (Replica, impl FnMut(&mut Replica, &str, &str, FieldValue)) {
        use crate::projection::records_of;
        let planned = session("s-ahead", "rel", "james", "amira", -2, vec![]);
        let mut replica = Replica::new();
        let mut n = 0;
        let mut write = move |replica: &mut Replica, by: &str, field: &str, value: FieldValue| {
            n += 1;
            let op = if field == crate::merge::DELETED {
                RecordId::mint(crate::merge::TOMBSTONE_PREFIX, Millis(NOW.0 + n), 1)
            } else {
                id(&format!("op{n}"))
            };
            replica.write(
                &id(by),
                &id("phone"),
                "session",
                &id("s-ahead"),
                field,
                value,
                Millis(NOW.0 - 3_600_000 + n),
                op,
            );
        };
        for record in records_of(&crate::Change::Session(planned)) {
            for (field, value) in record.fields {
                write(&mut replica, "james", &field, value);
            }
        }
        (replica, write)
    }

    fn told(me: &str, replica: &Replica, dismissed: &[RecordId], now: Millis) -> Vec<Reminder> {
        let rels = vec![relationship("rel", "james", "amira")];
        let day_of = |at: Millis| Date((at.0.div_euclid(DAY)) as i32);
        calendar_changes(
            &id(me),
            &session_changes(replica),
            &rels,
            dismissed,
            now,
            &day_of,
        )
    }

    #[test]
    fn the_partner_is_told_of_a_session_to_come_its_author_deleted_until_its_time() {
        let (mut replica, mut write) = planned_on_phone();
        assert!(told("amira", &replica, &[], NOW).is_empty());
        write(
            &mut replica,
            "james",
            crate::merge::DELETED,
            FieldValue::Bool(true),
        );
        let planned = session("s-ahead", "rel", "james", "amira", -2, vec![]).at;
        let list = told("amira", &replica, &[], NOW);
        let [Reminder::SessionCancelled {
            partner,
            session,
            at,
            on,
            change,
            ..
        }] = &list[..]
        else {
            panic!("{list:?}");
        };
        assert_eq!((partner, session), (&id("james"), &id("s-ahead")));
        assert_eq!((*at, *on), (planned, TODAY.add_days(2)));
        // Not to the author, who was offered the file as they deleted it.
        assert!(told("james", &replica, &[], NOW).is_empty());
        // Nor once dismissed, nor once the time it was planned for has passed.
        assert!(told("amira", &replica, std::slice::from_ref(change), NOW).is_empty());
        assert!(told("amira", &replica, &[], planned).is_empty());
        // Nor to someone outside the pair.
        assert!(told("layla", &replica, &[], NOW).is_empty());
        // Brought back (an undo): nothing to cancel.
        write(
            &mut replica,
            "james",
            crate::merge::DELETED,
            FieldValue::Bool(false),
        );
        assert!(told("amira", &replica, &[], NOW).is_empty());
    }

    #[test]
    fn the_partner_is_told_of_a_session_moved_from_a_time_to_come_after_a_compaction_too() {
        let (mut replica, mut write) = planned_on_phone();
        let from = session("s-ahead", "rel", "james", "amira", -2, vec![]).at;
        let to = Millis(from.0 + DAY + 4 * 3_600_000);
        write(&mut replica, "james", "at", FieldValue::Int(to.0));
        // What the device keeps of it, read again as at an opening.
        let replica = Replica::restore(replica.compact(), NOW);
        let list = told("amira", &replica, &[], NOW);
        let [Reminder::SessionMoved {
            partner,
            from: was,
            to: now_at,
            on,
            change,
            ..
        }] = &list[..]
        else {
            panic!("{list:?}");
        };
        assert_eq!(
            (partner, *was, *now_at, *on),
            (&id("james"), from, to, TODAY.add_days(2))
        );
        assert!(told("james", &replica, &[], NOW).is_empty());
        assert!(told("amira", &replica, std::slice::from_ref(change), NOW).is_empty());
        assert!(told("amira", &replica, &[], from).is_empty());
        // A session logged once was never moved.
        let (untouched, _) = planned_on_phone();
        assert!(session_changes(&untouched).is_empty());
    }

    #[test]
    fn a_session_moved_again_is_told_again_once_the_first_move_was_dismissed() {
        let (mut replica, mut write) = planned_on_phone();
        let from = session("s-ahead", "rel", "james", "amira", -2, vec![]).at;
        write(&mut replica, "james", "at", FieldValue::Int(from.0 + DAY));
        let first = match &told("amira", &replica, &[], NOW)[..] {
            [Reminder::SessionMoved { change, .. }] => change.clone(),
            other => panic!("{other:?}"),
        };
        write(
            &mut replica,
            "james",
            "at",
            FieldValue::Int(from.0 + 2 * DAY),
        );
        let list = told("amira", &replica, &[first], NOW);
        assert!(
            matches!(&list[..], [Reminder::SessionMoved { from: was, .. }] if was.0 == from.0 + DAY),
            "{list:?}"
        );
    }
}
