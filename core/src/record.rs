//! Every kind of record a person can change, as one type: what storage persists and sync
//! carries, one record at a time; and the one check of a record against its kind's rules.

use crate::feedback::check_feedback_session;
use crate::goal::{check_due_window, check_goal, check_goal_link, check_measure_set};
use crate::relationship::{check_under_way, transition};
use crate::rules::{Refusal, Rule};
use crate::session::{check_private_note, check_session_date, check_stored_session};
use crate::{
    check_feedback, check_learning_change, check_matching_preferences, check_relationship,
    check_session, Date, Directory, Feedback, Goal, GoalContext, LearningEntry,
    MatchingPreferences, Millis, PrivateNote, Programme, RecordId, Relationship, Session,
};

/// One field of a form saved on top of its record as it stands now: what the form changed
/// (`edited` differs from `opened`, what it showed when opened) wins, and a field it left as
/// it was keeps `current`'s value, so a change synced in meanwhile is not undone by saving.
pub(crate) fn rebased<T: Clone + PartialEq>(opened: &T, edited: &T, current: &T) -> T {
    if edited == opened {
        current.clone()
    } else {
        edited.clone()
    }
}

/// Whether a form's change to one field would replace, unseen, a change made to it elsewhere
/// since the form opened (in another tab, or synced from another device): both moved away
/// from `opened`, to different values.
pub(crate) fn changed_both_ways<T: PartialEq>(opened: &T, edited: &T, current: &T) -> bool {
    edited != opened && current != opened && current != edited
}

#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Relationship(Relationship),
    Goal(Goal),
    Session(Session),
    PrivateNote(PrivateNote),
    Feedback(Feedback),
    Learning(LearningEntry),
    MatchingPreferences(MatchingPreferences),
}

/// The names of the participant record kinds in storage and on the wire (a milestone and an
/// action item travel with their goal and session).
pub const ENTITIES: [&str; 7] = [
    "relationship",
    "goal",
    "session",
    "private-note",
    "feedback",
    "learning",
    "matching-preferences",
];

impl Change {
    /// The record kind's name in storage and on the wire.
    pub fn entity(&self) -> &'static str {
        match self {
            Change::Relationship(_) => ENTITIES[0],
            Change::Goal(_) => ENTITIES[1],
            Change::Session(_) => ENTITIES[2],
            Change::PrivateNote(_) => ENTITIES[3],
            Change::Feedback(_) => ENTITIES[4],
            Change::Learning(_) => ENTITIES[5],
            Change::MatchingPreferences(_) => ENTITIES[6],
        }
    }

    pub fn id(&self) -> &RecordId {
        match self {
            Change::Relationship(r) => &r.id,
            Change::Goal(g) => &g.id,
            Change::Session(s) => &s.id,
            Change::PrivateNote(n) => &n.id,
            Change::Feedback(f) => &f.id,
            Change::Learning(l) => &l.id,
            Change::MatchingPreferences(p) => &p.id,
        }
    }
}

/// What the rules of a record need to know besides the record itself.
#[derive(Clone, Copy, Debug)]
pub struct RecordContext<'a> {
    pub relationships: &'a [Relationship],
    pub programmes: &'a [Programme],
    pub directory: &'a Directory,
    /// The judge's date, for the rules about how far ahead something may be set.
    pub today: Date,
    /// When each relationship of `relationships` that is over ended, as the judge knows it:
    /// no session of it is moved to after then (`session::check_session_date`).
    pub ended: &'a [(RecordId, crate::session::PairEnded)],
    /// The sessions a record may point at: feedback's linked session
    /// (`feedback::check_feedback_session`).
    pub sessions: &'a [Session],
}

/// Which rule `change`, held on `by`'s device, breaks as something new: why the host most
/// likely refused it as `invalid_record`, for a screen to say in its reader's words. A
/// relationship is one of the pair's change of its agreement or status, judged by the pair's
/// own rule (`relationship::check_party_change`, which the host asks of a party's ops);
/// any other record by its kind's rules as a new one (`check_change`).
pub fn check_as_pushed(
    change: &Change,
    by: &RecordId,
    context: RecordContext<'_>,
) -> Result<(), Refusal> {
    match change {
        Change::Relationship(r) => crate::relationship::check_party_change(r, &r.lifecycle, by),
        _ => check_change(change, None, context),
    }
}

/// Checks a record, as it would be stored, against every rule of its kind, with the same
/// functions the widget asks before it saves a change (`decide`, `check_session`…), so a host
/// can hold what devices send to the rules the widget keeps. `before` is the record as stored
/// now, if any: a relationship's lifecycle moves only forward from it.
pub fn check_change(
    change: &Change,
    before: Option<&Change>,
    context: RecordContext<'_>,
) -> Result<(), Refusal> {
    let relationship = |id: &RecordId| {
        context
            .relationships
            .iter()
            .find(|r| &r.id == id)
            .ok_or_else(|| {
                refusal!(
                    Rule::UnknownRecord,
                    "Relationship {id} is not known here; sync and try again."
                )
            })
    };
    match change {
        Change::Relationship(r) => {
            let programme = context
                .programmes
                .iter()
                .find(|p| p.id == r.programme)
                .ok_or_else(|| {
                    refusal!(
                        Rule::UnknownRecord,
                        "Programme {} is not known here.",
                        r.programme
                    )
                })?;
            if let Some(first) = check_relationship(r, programme, context.directory)
                .into_iter()
                .next()
            {
                return Err(first);
            }
            match before {
                Some(Change::Relationship(old)) if old.lifecycle != r.lifecycle => {
                    transition(&old.lifecycle, r.lifecycle.clone()).map(|_| ())
                }
                _ => Ok(()),
            }
        }
        Change::Goal(g) => {
            let goals = GoalContext {
                relationships: context.relationships,
                programmes: context.programmes,
            };
            let before = match before {
                Some(Change::Goal(old)) => Some(old),
                _ => None,
            };
            check_goal_link(
                g.relationship.as_ref(),
                before.and_then(|old| old.relationship.as_ref()),
                goals,
            )?;
            check_measure_set(
                before.and_then(|old| old.measure.as_ref()),
                g.measure.as_ref(),
            )?;
            // Only the far bound: whether a date has passed is the person's day, not the host's.
            check_due_window(
                before.and_then(|old| old.due),
                g.due,
                Date(i32::MIN),
                context.today.add_days(1),
            )?;
            check_goal(g, before, goals)
        }
        // Something new in a relationship that is over is refused; what it held stays
        // changeable by its own rules.
        Change::Session(s) => {
            let r = relationship(&s.relationship)?;
            let before = match before {
                Some(Change::Session(old)) => Some(old),
                _ => None,
            };
            match before {
                None => check_session(s, r),
                Some(old) => check_stored_session(s, old, r),
            }?;
            let ended = (context.ended.iter()).find(|(id, _)| id == &r.id);
            check_session_date(s, before, r, context.today, ended.map(|(_, e)| *e))
        }
        Change::PrivateNote(n) => check_private_note(n),
        Change::Feedback(f) => {
            let r = relationship(&f.relationship)?;
            let before = match before {
                Some(Change::Feedback(old)) => Some(old),
                _ => None,
            };
            if before.is_none() {
                check_under_way(r)?;
            }
            check_feedback(f, r)?;
            // The judge's day, ended, and a day more: a host keeps no clock of the device's,
            // and a session whose time came in the giver's zone may be tomorrow in UTC.
            let lenient_now = Millis(i64::from(context.today.0 + 2) * 86_400_000);
            check_feedback_session(f, before, context.sessions, lenient_now)
        }
        Change::Learning(l) => {
            let before = match before {
                Some(Change::Learning(old)) => Some(old),
                _ => None,
            };
            check_learning_change(l, before, relationship(&l.relationship)?)
        }
        Change::MatchingPreferences(p) => check_matching_preferences(p),
    }
}

/// Every kind of programme-administration record, as one type: a programme's set-up, an
/// enrolment, a nudge, and the evaluation records (self-assessments, check-ins).
///
/// These are stored and synced exactly like [`Change`] (ops per field, `projection`), but
/// kept apart from it: [`Change`] is a participant's own development — what their workspace
/// folds and shows — while these are the programme's, read by admins and by the host, and by
/// a participant only where they concern them (their enrolment, their invitation).
#[derive(Clone, Debug, PartialEq)]
pub enum AdminChange {
    Programme(crate::Programme),
    Enrolment(crate::Enrolment),
    Nudge(crate::health::Nudge),
    SelfAssessment(crate::evaluation::SelfAssessment),
    CheckIn(crate::evaluation::CheckIn),
    /// Written by the host alone, never pushed: see [`crate::reminders::TakenOffNotice`].
    TakenOff(crate::reminders::TakenOffNotice),
}

/// The names of the admin record kinds in storage and on the wire.
pub const ADMIN_ENTITIES: [&str; 6] = [
    "programme",
    "enrolment",
    "nudge",
    "self-assessment",
    "check-in",
    "taken-off",
];

impl AdminChange {
    pub fn entity(&self) -> &'static str {
        match self {
            AdminChange::Programme(_) => ADMIN_ENTITIES[0],
            AdminChange::Enrolment(_) => ADMIN_ENTITIES[1],
            AdminChange::Nudge(_) => ADMIN_ENTITIES[2],
            AdminChange::SelfAssessment(_) => ADMIN_ENTITIES[3],
            AdminChange::CheckIn(_) => ADMIN_ENTITIES[4],
            AdminChange::TakenOff(_) => ADMIN_ENTITIES[5],
        }
    }

    pub fn id(&self) -> &RecordId {
        match self {
            AdminChange::Programme(p) => &p.id,
            AdminChange::Enrolment(e) => &e.id,
            AdminChange::Nudge(n) => &n.id,
            AdminChange::SelfAssessment(a) => &a.id,
            AdminChange::CheckIn(c) => &c.id,
            AdminChange::TakenOff(n) => &n.id,
        }
    }
}
