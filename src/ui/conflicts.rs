//! Values that lost to a change made at the same time: said in words the person knows, with
//! the value kept beside the one that lost, and the choice of which one stays. A goal's title
//! and progress are noted on its row; everything else is listed in "Changes not kept", with
//! the person's own changes to a record deleted where they had not reached, to bring it back
//! or leave it deleted.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::merge::DELETED;
use mentoring_core::permissions::{
    may_change, may_see, read_besides, relationship_field_needs_admin, Record as PermissionRecord,
    Viewer,
};
use mentoring_core::preferences::Attribute;
use mentoring_core::projection::{
    goal_status_named, lifecycle_named, visibility_named, FieldValue, ACTION, IN_PERSON, MILESTONE,
    ONLINE,
};
use mentoring_core::relationship::party_moves;
use mentoring_core::reminders::PAIRING_CHANGE_SHOWN_DAYS;
use mentoring_core::session::may_change_session;
use mentoring_core::time::MS_PER_DAY;
use mentoring_core::{Change, Date, Lifecycle, Millis, RecordId};

use crate::edges::store::{Conflict, CREATED};

use super::feedback::visibility_text;
use super::goal_editor::status_text;
use super::i18n::{Locale, Text};
use super::keyed_list;
use super::memo;
use super::preferences;
use super::relationships::lifecycle_text;
use super::screens::Nav;
use super::session_log::zone;
use super::shown_while;
use super::state::{may_delete, Actions};
use super::use_locale;
use super::CollectAny;

/// Values longer than this are shortened in a sentence; the full texts open below it.
const SHORT_CHARS: usize = 60;

/// Fields the widget writes itself alongside what the person changed (timestamps, the
/// progress history, a child's place in its list): a concurrent edit makes them conflict too,
/// but nobody typed them, so there is nothing to show or choose.
const BOOKKEEPING: [&str; 6] = [
    "created-at",
    "updated-at",
    "history",
    "position",
    "written-at",
    "given-at",
];

/// A goal's title and progress are noted on the goal's row on My goals; a change the host
/// refused is listed in "Changes not kept" wherever it is.
pub(super) fn shown_on_goal_row(conflict: &Conflict) -> bool {
    conflict.entity == "goal"
        && (conflict.field == "title" || conflict.field == "progress")
        && conflict.refused.is_none()
}

/// A conflict in words. Lists key their rows on the whole of it: the names and titles in it
/// may arrive after the row was first drawn (the directory, a pull), and a row keyed on less
/// would keep the first words (a partner named by their id).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct Described {
    /// Where it is: "The agreement with James Okafor: Purpose".
    pub place: String,
    pub kept: String,
    pub lost: String,
    /// Whether the person may write the field: a partner's session notes are theirs to settle.
    pub may_settle: bool,
    /// Of a record deleted that the person may not bring back: what happened, said instead of
    /// a choice (`lost` then holds what they wrote, for them to copy).
    pub told: Option<String>,
    /// Of a change the host refused: why, as a sentence. Read with the records the rule is
    /// about, which the pull after the refusal may bring.
    pub why: String,
    /// Who else reads the record, said beside "Use" (empty when nobody does).
    pub read_by: String,
}

impl Described {
    /// A choice the reader makes, or words of theirs the host or a deletion left out for them
    /// to copy: what the status line counts.
    fn waits_on_reader(&self) -> bool {
        self.may_settle || self.told.is_some()
    }
}

/// How a field's value reads.
#[derive(Clone, Copy)]
enum Shape {
    Text,
    Date,
    Percent,
    Number,
    Minutes,
    YesNo,
    Status,
    /// A relationship's status by its stored name.
    Lifecycle,
    Visibility,
    Person,
    Objective,
    /// An instant, shown in the reader's zone.
    Moment,
    List,
    /// Matching attributes by their keys.
    Attributes,
    /// A session's place by its stored name.
    Place,
    /// A goal's `progress-from`: the measure, or by hand when empty.
    ProgressFrom,
}

/// The day a private note's session was held, in the reader's words: its session may be
/// deleted too, and the day it was held is still known.
fn note_session_day(
    actions: Actions,
    locale: Locale,
    note: &mentoring_core::PrivateNote,
) -> Option<String> {
    let held = |all: &Vec<mentoring_core::Session>| {
        all.iter().find(|s| s.id == note.session).map(|s| s.at)
    };
    let at = (actions.workspace.sessions.with_untracked(held))
        .or_else(|| actions.deleted_session(&note.session).map(|(_, at)| at))?;
    Some(session_day(actions, locale, at))
}

/// The one mapping from a stored conflict to what a screen says about it: where it is (from
/// the workspace's records), the field's label, and both values in the reader's language.
/// `None` when the person may not see the record or the field is bookkeeping.
pub(super) fn describe(actions: Actions, locale: Locale, conflict: &Conflict) -> Option<Described> {
    let mut described = describe_where(actions, locale, conflict)?;
    if let Some(code) = &conflict.refused {
        let why = match (actions.workspace).refusal_of(
            &conflict.entity,
            &conflict.record,
            actions.today(),
        ) {
            Some(refusal) if code == "invalid_record" => locale.refusal(&refusal),
            _ => locale.rejection(code),
        };
        // A rule's text is sentences already; a code's is a clause.
        described.why = if why.ends_with('.') {
            why
        } else {
            format!("{why}.")
        };
    }
    Some(described)
}

fn describe_where(actions: Actions, locale: Locale, conflict: &Conflict) -> Option<Described> {
    if refused_record(conflict) {
        return describe_refused_record(actions, locale, conflict);
    }
    if BOOKKEEPING.contains(&conflict.field.as_str()) {
        return None;
    }
    if conflict.field == DELETED {
        return describe_deleted(actions, locale, conflict);
    }
    let ws = actions.workspace;
    let me = ws.me.with_untracked(|m| m.as_ref().map(|p| p.id.clone()))?;
    let viewer = Viewer {
        person: &me,
        admin_of: &[],
    };
    let field = conflict.field.as_str();
    let id = &conflict.record;
    let (place, label, shape, may_settle, read) = match conflict.entity.as_str() {
        "relationship" => {
            let r = ws.relationship(id)?;
            let record = PermissionRecord::Relationship(&r);
            if !may_see(viewer, record) {
                return None;
            }
            let (label, shape) = match field {
                "purpose" => (locale.text(Text::Purpose).to_owned(), Shape::Text),
                "ground-rules" => (locale.text(Text::GroundRules).to_owned(), Shape::Text),
                "target-role" => (locale.text(Text::TargetRole).to_owned(), Shape::Text),
                "end-reason" => (locale.text(Text::ReasonForEnding).to_owned(), Shape::Text),
                // A move the rules no longer allow from where the pair stand (pausing what
                // is now completed) is not offered back: the kept status is the answer.
                "lifecycle" => {
                    let FieldValue::Text(name) = &conflict.value else {
                        return None;
                    };
                    let lost = lifecycle_named(name)?;
                    let allowed = party_moves(&r.lifecycle)
                        .iter()
                        .any(|m| std::mem::discriminant(m) == std::mem::discriminant(&lost));
                    if !allowed {
                        return None;
                    }
                    (locale.text(Text::Status).to_owned(), Shape::Lifecycle)
                }
                // Who is paired and when is the admins' decision, not the pair's to settle
                // (no admin screen lists such a lost change either: the kept value stands).
                _ if relationship_field_needs_admin(field) => return None,
                // Two agreements of one person (two devices): either says they agreed.
                _ if field.ends_with("-agreed") => return None,
                _ => (field.to_owned(), Shape::Text),
            };
            let partner = r.partner_of(&me).map(|p| ws.name_of(p)).unwrap_or_default();
            (
                Place::Agreement(partner),
                label,
                shape,
                may_change(viewer, record),
                others_reading(&me, record),
            )
        }
        "goal" | MILESTONE => {
            let (goal, milestone) = ws.goals.with_untracked(|goals| {
                goals.iter().find_map(|g| {
                    if conflict.entity == "goal" {
                        (&g.id == id).then(|| (g.clone(), None))
                    } else {
                        let at = g.milestones.iter().position(|m| &m.id == id)?;
                        Some((g.clone(), Some(at)))
                    }
                })
            })?;
            let r = goal.relationship.as_ref().and_then(|r| ws.relationship(r));
            let record = PermissionRecord::Goal(&goal, r.as_ref());
            if !may_see(viewer, record) {
                return None;
            }
            // A title or progress is settled on the goal's row of My goals, which lists the
            // reader's own goals: a partner's are the partner's to settle (only theirs could
            // have been changed twice), so not shown, nor counted.
            if shown_on_goal_row(conflict) && goal.owner != me {
                return None;
            }
            let (label, shape) = match (milestone, field) {
                (Some(at), "done-on") | (Some(at), "title") => {
                    let n = locale.number(at as i64 + 1);
                    let shape = if field == "title" {
                        Shape::Text
                    } else {
                        Shape::Date
                    };
                    (locale.format(Text::MilestoneNumbered, &[&n]), shape)
                }
                (Some(_), _) => return None,
                (None, "title") => (locale.text(Text::Title).to_owned(), Shape::Text),
                (None, "progress") => (locale.text(Text::Progress).to_owned(), Shape::Percent),
                (None, "measure-what") => (locale.text(Text::MeasureWhat).to_owned(), Shape::Text),
                (None, "measure-baseline") => {
                    (locale.text(Text::MeasureBaseline).to_owned(), Shape::Number)
                }
                (None, "measure-target") => {
                    (locale.text(Text::MeasureTarget).to_owned(), Shape::Number)
                }
                (None, "measure-current") => {
                    (locale.text(Text::MeasureCurrent).to_owned(), Shape::Number)
                }
                (None, "due") => (locale.text(Text::DueDate).to_owned(), Shape::Date),
                (None, "objective") => (
                    locale.text(Text::OrganisationalObjective).to_owned(),
                    Shape::Objective,
                ),
                (None, "aspiration") => (locale.text(Text::Aspiration).to_owned(), Shape::Text),
                (None, "status") => (locale.text(Text::Status).to_owned(), Shape::Status),
                (None, "owner") => (locale.text(Text::Owner).to_owned(), Shape::Person),
                (None, "progress-from") => (
                    locale.text(Text::ProgressSourceLegend).to_owned(),
                    Shape::ProgressFrom,
                ),
                (None, _) => (field.to_owned(), Shape::Text),
            };
            let title = goal.title.as_str().to_owned();
            (
                Place::Goal(title),
                label,
                shape,
                may_change(viewer, record),
                others_reading(&me, record),
            )
        }
        "session" | ACTION | "private-note" => {
            let (session, item) = match conflict.entity.as_str() {
                "session" => (
                    ws.sessions
                        .with_untracked(|all| all.iter().find(|s| &s.id == id).cloned())?,
                    None,
                ),
                ACTION => ws.sessions.with_untracked(|all| {
                    all.iter().find_map(|s| {
                        let at = s.actions.iter().position(|a| &a.id == id)?;
                        Some((s.clone(), Some(at)))
                    })
                })?,
                _ => {
                    let note = ws
                        .notes
                        .with_untracked(|all| all.iter().find(|n| &n.id == id).cloned())?;
                    if note.owner != me {
                        return None;
                    }
                    let session = ws
                        .sessions
                        .with_untracked(|all| all.iter().find(|s| s.id == note.session).cloned())?;
                    let when = session_day(actions, locale, session.at);
                    let label = locale.text(Text::MyPrivateNote).to_owned();
                    return finish(
                        actions,
                        locale,
                        conflict,
                        (Place::Session(when), label, Shape::Text),
                        true,
                        (Vec::new(), false),
                    );
                }
            };
            let r = ws.relationship(&session.relationship)?;
            let record = PermissionRecord::Session(&session, &r);
            if !may_see(viewer, record) {
                return None;
            }
            let (label, shape) = match (item, field) {
                (Some(at), _) => {
                    let n = locale.number(at as i64 + 1);
                    let item = locale.format(Text::ActionItemNumbered, &[&n]);
                    let (detail, shape) = match field {
                        "text" => (None, Shape::Text),
                        "due" => (Some(Text::DueDate), Shape::Date),
                        "done" => (Some(Text::Done), Shape::YesNo),
                        "owner" => (Some(Text::Owner), Shape::Person),
                        _ => return None,
                    };
                    match detail {
                        Some(detail) => (format!("{item}: {}", locale.text(detail)), shape),
                        None => (item, shape),
                    }
                }
                (None, "grow-goal") => (locale.text(Text::GrowGoal).to_owned(), Shape::Text),
                (None, "grow-reality") => (locale.text(Text::GrowReality).to_owned(), Shape::Text),
                (None, "grow-options") => (locale.text(Text::GrowOptions).to_owned(), Shape::Text),
                (None, "grow-will") => (locale.text(Text::GrowWill).to_owned(), Shape::Text),
                (None, "location") => (locale.text(Text::Location).to_owned(), Shape::Text),
                (None, "minutes") => (locale.text(Text::LengthMinutes).to_owned(), Shape::Minutes),
                (None, "skills") => (locale.text(Text::SkillsUsed).to_owned(), Shape::List),
                (None, "goals") => (locale.text(Text::LinkedGoals).to_owned(), Shape::List),
                (None, "at") => {
                    let zone = locale.zone_name(&zone::of_me(actions));
                    (locale.format(Text::WhenInZone, &[&zone]), Shape::Moment)
                }
                (None, "place") => (locale.text(Text::Where).to_owned(), Shape::Place),
                (None, _) => (field.to_owned(), Shape::Text),
            };
            // Whoever logged a session writes it; the other of the pair only ticks their items.
            let writes = session.author == me
                || (field == "done" && item.is_some_and(|at| session.actions[at].owner == me));
            let when = session_day(actions, locale, session.at);
            (
                Place::Session(when),
                label,
                shape,
                writes && may_change(viewer, record),
                others_reading(&me, record),
            )
        }
        "learning" => {
            let entry = ws
                .learning
                .with_untracked(|all| all.iter().find(|l| &l.id == id).cloned())?;
            let r = ws.relationship(&entry.relationship)?;
            let record = PermissionRecord::Learning(&entry, &r);
            if !may_see(viewer, record) {
                return None;
            }
            let (label, shape) = match field {
                "text" => (locale.text(Text::WhatILearned).to_owned(), Shape::Text),
                "shared" => {
                    let partner = r.partner_of(&me).map(|p| ws.name_of(p)).unwrap_or_default();
                    (
                        locale.format(Text::ShareWithPartner, &[&partner]),
                        Shape::YesNo,
                    )
                }
                _ => (field.to_owned(), Shape::Text),
            };
            (
                Place::Learning,
                label,
                shape,
                may_change(viewer, record),
                others_reading(&me, record),
            )
        }
        "feedback" => {
            let feedback = ws
                .feedback
                .with_untracked(|all| all.iter().find(|f| &f.id == id).cloned())?;
            let r = ws.relationship(&feedback.relationship)?;
            let record = PermissionRecord::Feedback(&feedback, &r);
            if !may_see(viewer, record) {
                return None;
            }
            let (label, shape) = match field {
                "strengths" => (locale.text(Text::Strengths).to_owned(), Shape::List),
                "development-areas" => {
                    (locale.text(Text::DevelopmentAreas).to_owned(), Shape::List)
                }
                "ratings" => (locale.text(Text::Ratings).to_owned(), Shape::List),
                "overall" => (locale.text(Text::OverallComment).to_owned(), Shape::Text),
                "visibility" => (locale.text(Text::WhoMayRead).to_owned(), Shape::Visibility),
                _ => (field.to_owned(), Shape::Text),
            };
            let receiver = ws.name_of(&feedback.receiver);
            (
                Place::Feedback(receiver),
                label,
                shape,
                may_change(viewer, record),
                others_reading(&me, record),
            )
        }
        "matching-preferences" => {
            let mine = ws
                .preferences
                .with_untracked(|all| all.iter().find(|p| &p.id == id).cloned())?;
            let record = PermissionRecord::MatchingPreferences(&mine);
            if !may_see(viewer, record) {
                return None;
            }
            let (label, shape) = match Attribute::parse(field) {
                Ok(attribute) => (
                    locale.text(preferences::label(attribute)).to_owned(),
                    Shape::Text,
                ),
                Err(_) if field == "prefers" => {
                    (locale.text(Text::PrefsWanted).to_owned(), Shape::Attributes)
                }
                Err(_) => return None,
            };
            (
                Place::Preferences,
                label,
                shape,
                may_change(viewer, record),
                (Vec::new(), false),
            )
        }
        _ => return None,
    };
    finish(
        actions,
        locale,
        conflict,
        (place, label, shape),
        may_settle,
        read,
    )
}

/// A change the person made to a record deleted where it had not reached: the record named
/// as a sentence says it. To whoever may bring it back or leave it deleted (the one who
/// wrote it, `state::may_delete`), and may see it. Someone who may not (the other of the pair
/// who ticked an item of a session its author deleted, a pair whose relationship its admins
/// deleted) is told what happened instead, for as long as a pairing someone else changed is
/// told (`reminders::PAIRING_CHANGE_SHOWN_DAYS`): nothing is theirs to decide. A change the
/// host refused is not among them (the store leaves it out): the status line said why.
fn describe_deleted(actions: Actions, locale: Locale, conflict: &Conflict) -> Option<Described> {
    let ws = actions.workspace;
    let me = ws.me.with_untracked(|m| m.as_ref().map(|p| p.id.clone()))?;
    let viewer = Viewer {
        person: &me,
        admin_of: &[],
    };
    let record = actions.deleted_record(&conflict.entity, &conflict.record)?;
    let may_bring_back = ws
        .relationships
        .with_untracked(|relationships| may_delete(&record, &me, relationships));
    if !may_bring_back {
        let told_until = conflict.at.0 + i64::from(PAIRING_CHANGE_SHOWN_DAYS) * MS_PER_DAY;
        if actions.now().0 >= told_until {
            return None;
        }
    }
    let by = || ws.name_of(&conflict.by);
    let (seen, place, told) = match &record {
        // Named as the session list names it (its date and time), with whom it was held: a
        // day alone may hold more than one. A change to one of its action items names it.
        Change::Session(session) => {
            let r = ws.relationship(&session.relationship)?;
            let when = locale.date_time(session.at, &zone::of_me(actions));
            let partner = (session.partner_of(&me, &r))
                .map(|p| ws.name_of(p))
                .unwrap_or_default();
            let place = locale.format(Text::DeletedSessionPlace, &[&when, &partner]);
            let item = match &conflict.item {
                None => None,
                Some(item) => {
                    let action = session.actions.iter().find(|a| &a.id == item)?;
                    let text =
                        shortened(&action.text, SHORT_CHARS).unwrap_or_else(|| action.text.clone());
                    Some(text)
                }
            };
            let (place, told) = match item {
                Some(text) if !may_bring_back => {
                    // Only its author brings a session back, while still one of the pair.
                    let told = if may_change_session(session, &r, &conflict.by) {
                        Text::DeletedSessionItemTold
                    } else {
                        Text::DeletedSessionItemToldAuthorGone
                    };
                    let told = locale.format(told, &[&by(), &place, &text]);
                    (place, Some(told))
                }
                Some(text) => (
                    locale.format(Text::DeletedItemPlace, &[&text, &place]),
                    None,
                ),
                None if may_bring_back => (place, None),
                None => return None,
            };
            (
                may_see(viewer, PermissionRecord::Session(session, &r)),
                place,
                told,
            )
        }
        // Deleting a relationship is its admins' alone: the pair are told, and given back the
        // words of the agreement they wrote.
        Change::Relationship(r) if !may_bring_back && conflict.item.is_none() => {
            let partner = r.partner_of(&me).map(|p| ws.name_of(p)).unwrap_or_default();
            // In the order the agreement's form asks them.
            let written: Vec<String> = [
                ("purpose", Text::Purpose),
                ("ground-rules", Text::GroundRules),
            ]
            .into_iter()
            .filter_map(|(name, label)| {
                match conflict.written.iter().find(|(field, _)| field == name) {
                    Some((_, FieldValue::Text(text))) => {
                        Some(format!("{}\n{text}", locale.text(label)))
                    }
                    _ => None,
                }
            })
            .collect();
            // Another change of theirs (a pause, say) has no words to give back.
            let told = if written.is_empty() {
                Text::DeletedPairingChangeTold
            } else {
                Text::DeletedPairingTold
            };
            let told = locale.format(told, &[&partner]);
            return may_see(viewer, PermissionRecord::Relationship(r)).then(|| Described {
                place: String::new(),
                kept: String::new(),
                lost: written.join("\n\n"),
                may_settle: false,
                told: Some(told),
                why: String::new(),
                read_by: String::new(),
            });
        }
        _ if !may_bring_back || conflict.item.is_some() => return None,
        Change::PrivateNote(note) => {
            let when = note_session_day(actions, locale, note)?;
            (
                may_see(viewer, PermissionRecord::PrivateNote(note)),
                locale.format(Text::DeletedNotePlace, &[&when]),
                None,
            )
        }
        Change::Feedback(feedback) => {
            let r = ws.relationship(&feedback.relationship)?;
            let receiver = ws.name_of(&feedback.receiver);
            (
                may_see(viewer, PermissionRecord::Feedback(feedback, &r)),
                locale.format(Text::DeletedFeedbackPlace, &[&receiver]),
                None,
            )
        }
        Change::Learning(entry) => {
            let r = ws.relationship(&entry.relationship)?;
            let text = shortened(&entry.text, SHORT_CHARS).unwrap_or_else(|| entry.text.clone());
            (
                may_see(viewer, PermissionRecord::Learning(entry, &r)),
                locale.format(Text::DeletedEntryPlace, &[&text]),
                None,
            )
        }
        _ => return None,
    };
    seen.then(|| Described {
        place,
        kept: String::new(),
        lost: String::new(),
        may_settle: told.is_none(),
        told,
        why: String::new(),
        read_by: String::new(),
    })
}

/// A record the host refused to create ([`CREATED`]) or a delete it refused: one entry for
/// the whole record, not a value of a field.
fn refused_record(conflict: &Conflict) -> bool {
    conflict.refused.is_some() && (conflict.field == CREATED || conflict.field == DELETED)
}

/// Such a record named as a sentence says it. Only the person's own refused writes are kept,
/// so it is theirs to read.
fn describe_refused_record(
    actions: Actions,
    locale: Locale,
    conflict: &Conflict,
) -> Option<Described> {
    let ws = actions.workspace;
    let me = actions.me()?;
    let new = conflict.field == CREATED;
    let pick = |if_new, if_deleted| if new { if_new } else { if_deleted };
    // A milestone or action item the host refused alone (its goal or session kept), named
    // with the goal or session it is in.
    if conflict.entity == MILESTONE || conflict.entity == ACTION {
        let (parent, text) = actions.child_record(&conflict.entity, &conflict.record)?;
        let text = shortened(&text, SHORT_CHARS).unwrap_or(text);
        let place = if conflict.entity == MILESTONE {
            let goal = ws.goals.with_untracked(|all| {
                (all.iter().find(|g| g.id == parent)).map(|g| g.title.as_str().to_owned())
            })?;
            let key = pick(Text::NewMilestonePlace, Text::DeletedMilestonePlace);
            locale.format(key, &[&text, &goal])
        } else {
            let session = ws
                .sessions
                .with_untracked(|all| all.iter().find(|s| s.id == parent).cloned())?;
            let r = ws.relationship(&session.relationship)?;
            let when = locale.date_time(session.at, &zone::of_me(actions));
            let partner = (session.partner_of(&me, &r))
                .map(|p| ws.name_of(p))
                .unwrap_or_default();
            let session = locale.format(Text::DeletedSessionPlace, &[&when, &partner]);
            let key = pick(Text::NewItemPlace, Text::DeletedItemPlace);
            locale.format(key, &[&text, &session])
        };
        return Some(Described {
            place,
            kept: String::new(),
            lost: String::new(),
            may_settle: true,
            told: None,
            why: String::new(),
            read_by: String::new(),
        });
    }
    let record = if new {
        actions.held_record(&conflict.entity, &conflict.record)?
    } else {
        actions.deleted_record(&conflict.entity, &conflict.record)?
    };
    let place = match &record {
        Change::Goal(goal) => locale.format(
            pick(Text::NewGoalPlace, Text::DeletedGoalPlace),
            &[goal.title.as_str()],
        ),
        Change::Session(session) => {
            let r = ws.relationship(&session.relationship)?;
            let when = locale.date_time(session.at, &zone::of_me(actions));
            let partner = (session.partner_of(&me, &r))
                .map(|p| ws.name_of(p))
                .unwrap_or_default();
            let key = pick(Text::NewSessionPlace, Text::DeletedSessionPlace);
            locale.format(key, &[&when, &partner])
        }
        Change::Feedback(feedback) => locale.format(
            pick(Text::NewFeedbackPlace, Text::DeletedFeedbackPlace),
            &[&ws.name_of(&feedback.receiver)],
        ),
        Change::Learning(entry) => {
            let text = shortened(&entry.text, SHORT_CHARS).unwrap_or_else(|| entry.text.clone());
            locale.format(pick(Text::NewEntryPlace, Text::DeletedEntryPlace), &[&text])
        }
        Change::PrivateNote(note) => {
            let when = note_session_day(actions, locale, note)?;
            locale.format(pick(Text::NewNotePlace, Text::DeletedNotePlace), &[&when])
        }
        // A pair's own request (their deleting one is the admins' alone, never offered).
        Change::Relationship(r) if new => {
            let partner = r.partner_of(&me).map(|p| ws.name_of(p)).unwrap_or_default();
            locale.format(Text::NewPairingPlace, &[&partner])
        }
        Change::MatchingPreferences(_) => locale.text(Text::PreferencesPlace).to_owned(),
        _ => return None,
    };
    Some(Described {
        place,
        kept: String::new(),
        lost: String::new(),
        may_settle: true,
        told: None,
        why: String::new(),
        read_by: String::new(),
    })
}

/// Who besides `me` reads `record` (`permissions::read_besides`), held past the record.
fn others_reading(me: &RecordId, record: PermissionRecord) -> (Vec<RecordId>, bool) {
    let (people, admins) = read_besides(me, record);
    (people.into_iter().cloned().collect(), admins)
}

enum Place {
    Agreement(String),
    Goal(String),
    Session(String),
    Learning,
    Feedback(String),
    Preferences,
}

fn finish(
    actions: Actions,
    locale: Locale,
    conflict: &Conflict,
    (place, label, shape): (Place, String, Shape),
    may_settle: bool,
    (others, admins): (Vec<RecordId>, bool),
) -> Option<Described> {
    let place = match place {
        Place::Agreement(partner) => locale.format(Text::ConflictInAgreement, &[&partner, &label]),
        Place::Goal(title) => locale.format(Text::ConflictInGoal, &[&title, &label]),
        Place::Session(when) => locale.format(Text::ConflictInSession, &[&when, &label]),
        Place::Learning => locale.format(Text::ConflictInLearning, &[&label]),
        Place::Preferences => locale.format(Text::ConflictInPreferences, &[&label]),
        Place::Feedback(receiver) => locale.format(Text::ConflictInFeedback, &[&receiver, &label]),
    };
    let kept = value_text(actions, locale, shape, &conflict.kept);
    let lost = value_text(actions, locale, shape, &conflict.value);
    // Emptied both ways (left out, or cleared): nothing differs to choose between.
    if kept.is_empty() && lost.is_empty() {
        return None;
    }
    // Using the value not kept shows it to whoever else reads the record: said before they
    // choose (a text written while an entry was private, say).
    let names: Vec<String> = (others.iter())
        .map(|p| actions.workspace.name_of(p))
        .collect();
    let read_by = match (names.is_empty(), admins) {
        (true, false) => String::new(),
        (true, true) => locale.text(Text::ReadByAdmins).to_owned(),
        (false, false) => locale.format(Text::ReadByPartner, &[&locale.list(&names)]),
        (false, true) => locale.format(Text::ReadByPartnerAndAdmins, &[&locale.list(&names)]),
    };
    Some(Described {
        place,
        kept,
        lost,
        may_settle,
        told: None,
        why: String::new(),
        read_by,
    })
}

/// The date a session was held on, in the reader's zone.
fn session_day(actions: Actions, locale: Locale, at: Millis) -> String {
    locale.date(zone::day(at, &zone::of_me(actions)))
}

/// A stored value as the reader reads it; empty for an empty one, which a sentence says as
/// emptying rather than quote.
fn value_text(actions: Actions, locale: Locale, shape: Shape, value: &FieldValue) -> String {
    let empty = String::new;
    match (value, shape) {
        (FieldValue::Null, Shape::ProgressFrom) => locale.text(Text::ByHandShort).to_owned(),
        (FieldValue::Text(_), Shape::ProgressFrom) => locale.text(Text::MyMeasureShort).to_owned(),
        (FieldValue::Null, _) => empty(),
        (FieldValue::Text(text), _) if text.trim().is_empty() => empty(),
        (FieldValue::Text(text), Shape::Date) => {
            Date::parse(text).map_or_else(|_| text.clone(), |day| locale.date(day))
        }
        (FieldValue::Text(text), Shape::Lifecycle) => match lifecycle_named(text) {
            Some(Lifecycle::EndedEarly { .. }) => locale.text(Text::EndedEarlyShort).to_owned(),
            Some(lifecycle) => lifecycle_text(&lifecycle, locale),
            None => text.clone(),
        },
        (FieldValue::Text(text), Shape::Status) => goal_status_named(text)
            .map_or_else(|| text.clone(), |s| locale.text(status_text(s)).to_owned()),
        (FieldValue::Text(text), Shape::Visibility) => visibility_named(text).map_or_else(
            || text.clone(),
            |v| locale.text(visibility_text(v).0).to_owned(),
        ),
        (FieldValue::Text(text), Shape::Person) => {
            RecordId::parse(text).map_or_else(|_| text.clone(), |id| actions.workspace.name_of(&id))
        }
        (FieldValue::Text(text), Shape::Objective) => actions
            .workspace
            .programmes()
            .iter()
            .flat_map(|p| p.objectives.iter())
            .find(|o| o.id.as_str() == text)
            .map_or_else(|| text.clone(), |o| o.text.clone()),
        (FieldValue::Text(text), Shape::Place) => match text.as_str() {
            ONLINE => locale.text(Text::Online).to_owned(),
            IN_PERSON => locale.text(Text::InPerson).to_owned(),
            _ => text.clone(),
        },
        (FieldValue::Text(text), _) => text.clone(),
        (FieldValue::Int(n), Shape::Percent) => match u8::try_from(*n) {
            Ok(percent) => locale.percent(percent),
            Err(_) => locale.number(*n),
        },
        (FieldValue::Int(n), Shape::Minutes) => {
            locale.count(Text::CountMinutes, usize::try_from(*n).unwrap_or_default())
        }
        (FieldValue::Int(n), Shape::Moment) => locale.date_time(Millis(*n), &zone::of_me(actions)),
        (FieldValue::Int(n), _) => locale.number(*n),
        (FieldValue::Bool(yes), _) => locale
            .text(if *yes { Text::ValueYes } else { Text::ValueNo })
            .to_owned(),
        (FieldValue::List(items), _) if items.is_empty() => empty(),
        (FieldValue::List(keys), Shape::Attributes) => {
            let named: Vec<String> = keys
                .iter()
                .map(|key| match Attribute::parse(key) {
                    Ok(a) => locale.text(preferences::label(a)).to_owned(),
                    Err(_) => key.clone(),
                })
                .collect();
            locale.list(&named)
        }
        (FieldValue::List(items), _) => locale.list(items),
    }
}

/// A value cut to `max_chars` characters to fit a sentence or a label; `None` when it already
/// fits. Counted in characters, so a cut never falls inside one.
pub(super) fn shortened(value: &str, max_chars: usize) -> Option<String> {
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(max_chars).collect();
    chars.next().map(|_| format!("{}…", head.trim_end()))
}

/// One conflict: where it is (unless the row it sits in says so), both values, and the two
/// choices.
#[component]
pub(super) fn ConflictNote(
    conflict: Conflict,
    described: Described,
    actions: Actions,
    #[prop(optional)] with_place: bool,
) -> impl IntoView {
    let locale = use_locale();
    let kept_short = shortened(&described.kept, SHORT_CHARS);
    let lost_short = shortened(&described.lost, SHORT_CHARS);
    // What happened to a record deleted that the reader may not bring back, with what they
    // wrote in full, for them to copy.
    let told = described.told.clone();
    let written = (told.is_some() && !described.lost.is_empty()).then(|| described.lost.clone());
    let long = told.is_none() && (kept_short.is_some() || lost_short.is_some());
    let kept = kept_short.unwrap_or_else(|| described.kept.clone());
    let lost = lost_short.unwrap_or_else(|| described.lost.clone());
    let mine = actions.me().as_ref() == Some(&conflict.by);
    let by = || actions.workspace.name_of(&conflict.by);
    // A record deleted while the reader changed it: the sentence names it, and the choice is
    // to bring it back with the change (`deleted` false, the value "not kept") or leave it.
    let deleted = conflict.field == DELETED;
    // A record the host refused to create or kept when deleted: its sentence names it.
    let whole = refused_record(&conflict);
    let with_place = with_place && !deleted && !whole;
    let place = &described.place;
    // Whose change was not kept: the reader's own (on another device, or offline), or the
    // other person's; of a record deleted, whose the delete was.
    // A change the host refused: what it was and why, what the host holds, and one choice,
    // the host's value ("Keep" writes `kept`); the refused value stays readable until then.
    let why = conflict.refused.as_ref().map(|_| described.why.clone());
    let refused = why.clone().filter(|_| !whole).map(|why| {
        let yours = if lost.is_empty() {
            locale.format(Text::RefusedEmptied, &[&why])
        } else {
            locale.format(Text::RefusedWrote, &[&lost, &why])
        };
        let held = if kept.is_empty() {
            locale.text(Text::PortalHoldsEmpty).to_owned()
        } else {
            locale.format(Text::PortalHolds, &[&kept])
        };
        format!("{yours} {held}")
    });
    // Said on the line of "Use" the value not kept, which would show it to them.
    let read_by = (told.is_none() && !deleted && !whole && refused.is_none() && !lost.is_empty())
        .then(|| described.read_by.clone())
        .filter(|said| !said.is_empty());
    let readers_id = format!("mw-readers-{}", conflict.op);
    let (message, use_label, keep_label) = match (deleted, mine) {
        _ if told.is_some() => (told.unwrap_or_default(), String::new(), String::new()),
        (true, _) if whole => (
            locale.format(Text::RefusedDelete, &[place, &why.unwrap_or_default()]),
            String::new(),
            locale.text(Text::BringItBack).to_owned(),
        ),
        _ if whole => (
            locale.format(Text::RefusedNew, &[place, &why.unwrap_or_default()]),
            String::new(),
            locale.text(Text::RemoveFromDevice).to_owned(),
        ),
        _ if refused.is_some() => (
            refused.unwrap_or_default(),
            String::new(),
            locale.text(Text::UsePortalValue).to_owned(),
        ),
        (true, true) => (
            locale.format(Text::DeletedChangeLostYours, &[place]),
            locale.text(Text::BringBack).to_owned(),
            locale.text(Text::LeaveDeleted).to_owned(),
        ),
        (true, false) => (
            locale.format(Text::DeletedChangeLost, &[place, &by()]),
            locale.text(Text::BringBack).to_owned(),
            locale.text(Text::LeaveDeleted).to_owned(),
        ),
        (false, _) => (
            kept_over_lost(actions, locale, &conflict, &kept, &lost),
            if lost.is_empty() {
                locale.text(Text::UseEmpty).to_owned()
            } else {
                locale.format(Text::UseLostValue, &[&lost])
            },
            if kept.is_empty() {
                locale.text(Text::KeepEmpty).to_owned()
            } else {
                locale.format(Text::KeepKeptValue, &[&kept])
            },
        ),
    };
    let confirm_id = format!("mw-remove-{}", conflict.op);
    let nav = use_context::<Nav>();
    let settled_said = use_context::<SettledSaid>();
    let place = place.clone();
    // Said once "Use" has replaced the value kept, whose it was, with Undo to give it back.
    // An empty value is nobody's words: said as left empty or emptied, not quoted (`describe`
    // leaves out a conflict where both are).
    let kept_empty = kept.is_empty();
    let whose = actions.workspace.name_of(&conflict.kept_by);
    let mine_kept = actions.me().as_ref() == Some(&conflict.kept_by);
    let replaced_text = match (mine_kept, kept_empty, lost.is_empty()) {
        (true, true, _) => locale.format(Text::ReplacedYoursEmpty, &[&lost]),
        (true, false, true) => locale.format(Text::ReplacedYoursByEmpty, &[&kept]),
        (true, false, false) => locale.format(Text::ReplacedYours, &[&kept, &lost]),
        (false, true, _) => locale.format(Text::ReplacedTheirsEmpty, &[&whose, &lost]),
        (false, false, true) => locale.format(Text::ReplacedTheirsByEmpty, &[&whose, &kept]),
        (false, false, false) => locale.format(Text::ReplacedTheirs, &[&whose, &kept, &lost]),
    };
    let back_text = if kept_empty {
        locale.text(Text::ReplacedUndoneEmpty).to_owned()
    } else {
        locale.format(Text::ReplacedUndone, &[&kept])
    };
    let settle = move |keep: bool| {
        let conflict = conflict.clone();
        let place = place.clone();
        let (replaced_text, back_text) = (replaced_text.clone(), back_text.clone());
        spawn_local(async move {
            // Brought back as the host keeps it, or removed (asked first): said where it was.
            if whole {
                let conflict_removed = conflict.clone();
                let done = if deleted {
                    actions.bring_back_refused(conflict).await
                } else {
                    actions.remove_refused_new(conflict).await.map(|()| true)
                };
                let (Ok(written), Some(settled), Some(nav)) = (done, settled_said, nav) else {
                    return;
                };
                if deleted {
                    settled.replaced.set(Vec::new());
                    let key = if written {
                        Text::BroughtBackAsKept
                    } else {
                        Text::BroughtBackChangedSince
                    };
                    settled.said.set(Some(locale.format(key, &[&place])));
                    nav.focus_first(&["#mw-conflicts-heading", ".mw-conflicts-said"]);
                    return;
                }
                // Undo, while this page keeps what went, puts the record back as it was.
                settled
                    .said
                    .set(Some(locale.format(Text::RemovedNew, &[&place])));
                settled.replaced.set(vec![(conflict_removed, None)]);
                settled
                    .back
                    .set(Some(locale.format(Text::RemovedNewUndone, &[&place])));
                nav.focus(".mw-conflicts-undo");
                return;
            }
            let settled = if keep {
                actions.keep(conflict.clone()).await.map(|()| None)
            } else {
                actions.restore(conflict.clone()).await
            };
            let (Ok(used), Some(nav)) = (settled, nav) else {
                return;
            };
            if let Some(settled) = settled_said {
                settled.replaced.set(Vec::new());
            }
            // The value kept was someone's words, now gone from the screen: what replaced
            // them is said where the notes were, with Undo, which takes the focus.
            if let (false, Some(used), Some(settled)) = (deleted, used, settled_said) {
                settled.said.set(Some(replaced_text));
                settled.replaced.set(vec![(conflict, Some(used))]);
                settled.back.set(Some(back_text));
                nav.focus(".mw-conflicts-undo");
                return;
            }
            // A record brought back or left deleted shows nowhere on this screen: what
            // happened is said, and focus goes to the panel's heading while other changes
            // remain, else to what was said.
            if let (true, Some(SettledSaid { said, .. })) = (deleted, settled_said) {
                let key = if keep {
                    Text::LeftDeleted
                } else {
                    Text::BroughtBack
                };
                said.set(Some(locale.format(key, &[&place])));
                nav.focus_first(&["#mw-conflicts-heading", ".mw-conflicts-said"]);
                return;
            }
            // The note goes with its buttons: keyboard focus goes on to the next change not
            // kept, or, none left, to the goals it was listed above.
            nav.focus_first(&[
                ".mw-conflicts .mw-actions button",
                ".mw-conflicts-here .mw-actions button",
                ".mw-goals button",
                "#mw-new-goal-title",
                ".mw-agreement-edit",
            ]);
        });
    };
    let (full_kept, full_lost) = (described.kept.clone(), described.lost.clone());
    // Removing a record the host never took is for good: asked first.
    let confirm_first = whole && !deleted;
    let asking = RwSignal::new(false);
    let question = locale.format(Text::ConfirmRemoveNew, &[&described.place]);
    view! {
        <div class="mw-conflict">
            {with_place.then(|| view! { <p class="mw-conflict-place">{described.place.clone()}</p> })}
            <p>{message}</p>
            {written.map(|written| view! { <p class="mw-conflict-full mw-conflict-written" dir="auto">{written}</p> })}
            {long
                .then(|| {
                    view! {
                        <details>
                            <summary>{locale.text(Text::FullTexts)}</summary>
                            {[full_kept, full_lost]
                                .into_iter()
                                .filter(|full| !full.is_empty())
                                .map(|full| view! { <p class="mw-conflict-full">{full}</p> })
                                .collect_any()}
                        </details>
                    }
                })}
            {described
                .may_settle
                .then(|| {
                    let restore = settle.clone();
                    let remove = settle.clone();
                    let focus_confirm = format!("#{confirm_id} button");
                    let keep = move |_| {
                        if !confirm_first {
                            settle(true);
                        } else if !asking.get_untracked() {
                            asking.set(true);
                            if let Some(nav) = nav {
                                nav.focus(&focus_confirm);
                            }
                        }
                    };
                    let asked_from = format!("{confirm_id}-button");
                    let back_to = format!("#{asked_from}");
                    let confirm_id = confirm_id.clone();
                    let question = question.clone();
                    let described_by = read_by.is_some().then(|| readers_id.clone());
                    view! {
                        {read_by.map(|said| view! { <p class="mw-hint" id=readers_id>{said}</p> })}
                        <div class="mw-actions">
                            {(!use_label.is_empty()).then(|| view! {
                                <button
                                    type="button"
                                    class="mw-secondary"
                                    aria-describedby=described_by
                                    on:click=move |_| restore(false)
                                >
                                    {use_label}
                                </button>
                            })}
                            <button
                                type="button"
                                class="mw-secondary"
                                id=asked_from
                                aria-expanded=move || confirm_first.then(|| asking.get().to_string())
                                on:click=keep
                            >
                                {keep_label}
                            </button>
                        </div>
                        {move || asking.get().then(|| {
                            let remove = remove.clone();
                            let back_to = back_to.clone();
                            view! {
                                <form
                                    id=confirm_id.clone()
                                    class="mw-form mw-confirm"
                                    on:submit=move |ev: leptos::ev::SubmitEvent| {
                                        ev.prevent_default();
                                        remove(true);
                                    }
                                    novalidate
                                >
                                    <p>{question.clone()}</p>
                                    <div class="mw-actions">
                                        <button type="submit">{locale.text(Text::YesRemoveNew)}</button>
                                        <button
                                            type="button"
                                            class="mw-secondary mw-cancel"
                                            on:click=move |_| {
                                                asking.set(false);
                                                if let Some(nav) = nav {
                                                    nav.focus(&back_to);
                                                }
                                            }
                                        >
                                            {locale.text(Text::Cancel)}
                                        </button>
                                    </div>
                                </form>
                            }
                        })}
                    }
                })}
        </div>
    }
}

/// Whose change was kept and whose was not, said as what happened: neither writer had seen the
/// other's change, and the merge keeps the later one (docs/merge.md). Two changes of one
/// person's were made on two of their devices.
fn kept_over_lost(
    actions: Actions,
    locale: Locale,
    conflict: &Conflict,
    kept: &str,
    lost: &str,
) -> String {
    let me = actions.me();
    let name = |id| actions.workspace.name_of(id);
    let (kept_mine, lost_mine) = (
        me.as_ref() == Some(&conflict.kept_by),
        me.as_ref() == Some(&conflict.by),
    );
    // An empty value is said as emptying, with the one value there is quoted ("{0}"), the
    // other writer ("{1}") and, between two others, the one kept ("{2}").
    let (by, kept_by) = (name(&conflict.by), name(&conflict.kept_by));
    let emptied = match (kept.is_empty(), lost.is_empty()) {
        (true, _) => Some((lost, true)),
        (_, true) => Some((kept, false)),
        _ => None,
    };
    if let Some((value, kept_empty)) = emptied {
        let pick = |if_kept_empty, if_lost_empty| {
            if kept_empty {
                if_kept_empty
            } else {
                if_lost_empty
            }
        };
        let (key, other) = match (kept_mine, lost_mine) {
            (true, true) => (
                pick(
                    Text::ConflictBothYoursKeptEmpty,
                    Text::ConflictBothYoursLostEmpty,
                ),
                String::new(),
            ),
            (true, false) => (
                pick(Text::ConflictYoursKeptEmpty, Text::ConflictYoursLostEmpty),
                by,
            ),
            (false, true) => (
                pick(Text::ConflictTheirsKeptEmpty, Text::ConflictTheirsLostEmpty),
                kept_by,
            ),
            _ if conflict.by == conflict.kept_by => (
                pick(
                    Text::ConflictBothTheirsKeptEmpty,
                    Text::ConflictBothTheirsLostEmpty,
                ),
                by,
            ),
            _ => {
                let key = pick(Text::ConflictOthersKeptEmpty, Text::ConflictOthersLostEmpty);
                return locale.format(key, &[value, &by, &kept_by]);
            }
        };
        return locale.format(key, &[value, &other]);
    }
    match (kept_mine, lost_mine) {
        (true, true) => locale.format(Text::ConflictBothYours, &[kept, lost]),
        (true, false) => locale.format(Text::ConflictYoursKept, &[kept, lost, &by]),
        (false, true) => locale.format(Text::ConflictTheirsKept, &[kept, lost, &kept_by]),
        _ if conflict.by == conflict.kept_by => {
            locale.format(Text::ConflictBothTheirs, &[kept, lost, &by])
        }
        _ => locale.format(Text::ConflictOthers, &[kept, lost, &by, &kept_by]),
    }
}

/// What settling a change not kept did, said by the panel (which outlives the last of its
/// notes, and the goal row's): a deleted record brought back or left deleted, or a value
/// "Use" replaced, offered back with Undo (the change and what Undo then says).
#[derive(Clone, Copy)]
pub(super) struct SettledSaid {
    said: RwSignal<Option<String>>,
    /// The change "Use" settled (one at most) with the op it wrote, or a record removed from
    /// the device (no op), and what Undo then says.
    replaced: RwSignal<Vec<(Conflict, Option<RecordId>)>>,
    back: RwSignal<Option<String>>,
}

impl SettledSaid {
    /// Shared by My goals' rows and its panel of changes not kept.
    pub(super) fn provide() -> SettledSaid {
        let settled = SettledSaid {
            said: RwSignal::new(None),
            replaced: RwSignal::new(Vec::new()),
            back: RwSignal::new(None),
        };
        provide_context(settled);
        settled
    }
}

/// Tracks what `describe` reads: names, titles and dates come from the workspace's records.
fn track_described(actions: Actions) {
    let ws = actions.workspace;
    ws.me.track();
    ws.relationships.track();
    ws.goals.track();
    ws.sessions.track();
    ws.notes.track();
    ws.learning.track();
    ws.feedback.track();
    ws.preferences.track();
    ws.directory.track();
}

/// How many changes not kept are the person's to act on, on a goal's row or in "Changes not
/// kept": the status line says them on every screen, as a change can be lost while another
/// shows. A partner's field changed on two of the partner's devices is listed for the reader
/// to know of, but only its writer chooses, so it is not counted as waiting on the reader.
pub(super) fn not_kept_count(actions: Actions, locale: Locale) -> Memo<usize> {
    counted(actions, locale, |_, d| d.waits_on_reader())
}

/// How many of them the host refused: those exist only on this device (a value that lost to
/// another write is the host's too), so a host's sign-out names them before it lets go of
/// them (js/element.js `onlyHere`, told through the box's `data-refused`).
pub(super) fn refused_count(actions: Actions, locale: Locale) -> Memo<usize> {
    counted(actions, locale, |c, _| c.refused.is_some())
}

fn counted(
    actions: Actions,
    locale: Locale,
    which: fn(&Conflict, &Described) -> bool,
) -> Memo<usize> {
    memo(move || {
        track_described(actions);
        actions.workspace.conflicts.with(|all| {
            all.iter()
                .filter(|c| describe(actions, locale, c).is_some_and(|d| which(c, &d)))
                .count()
        })
    })
}

/// "Changes not kept": every conflict the person may see that no row already notes.
#[component]
pub fn ConflictsPanel(actions: Actions) -> impl IntoView {
    let locale = use_locale();
    let settled = use_context::<SettledSaid>().unwrap_or_else(SettledSaid::provide);
    let listed = memo(move || {
        track_described(actions);
        actions.workspace.conflicts.with(|all| {
            all.iter()
                .filter(|c| !shown_on_goal_row(c))
                .filter_map(|c| Some((c.clone(), describe(actions, locale, c)?)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        {shown_while(move || listed.with(|l| !l.is_empty()), move || view! {
            <section class="mw-section mw-conflicts" aria-labelledby="mw-conflicts-heading">
                <h3 id="mw-conflicts-heading" tabindex="-1">{locale.text(Text::ChangesNotKept)}</h3>
                // Two values to choose between, and records deleted while changed, each
                // introduced in its own words.
                {move || listed.with(|l| l.iter().any(|(c, _)| c.field != DELETED && c.refused.is_none())).then(|| view! {
                    <p class="mw-hint">{locale.text(Text::ChangesNotKeptHint)}</p>
                })}
                {move || listed.with(|l| l.iter().any(|(c, _)| c.refused.is_some() && !refused_record(c))).then(|| view! {
                    <p class="mw-hint">{locale.text(Text::RefusedChangesHint)}</p>
                })}
                {move || listed.with(|l| l.iter().any(|(c, d)| c.field == DELETED && d.told.is_none() && c.refused.is_none())).then(|| view! {
                    <p class="mw-hint">{locale.text(Text::DeletedChangesHint)}</p>
                })}
                <ul>
                    {keyed_list(
                        move || listed.get(),
                        |(c, d)| (c.op.clone(), d.clone()),
                        move |entry| view! {
                        <li>
                            <ConflictNote conflict=entry.0 described=entry.1 actions with_place=true />
                        </li>
                        }.into_any(),
                    )}
                </ul>
            </section>
        }.into_any())}
        {settled_line(actions, settled)}
    }
}

/// The changes not kept of one record's `fields`, shown where those fields are (the agreement
/// on the relationship's page) as well as listed on My goals, with what settling one did.
#[component]
pub(super) fn ConflictsOf(
    actions: Actions,
    entity: &'static str,
    record: RecordId,
    fields: &'static [&'static str],
) -> impl IntoView {
    let locale = use_locale();
    let settled = SettledSaid::provide();
    let here = memo(move || {
        track_described(actions);
        actions.workspace.conflicts.with(|all| {
            all.iter()
                .filter(|c| c.entity == entity && c.record == record)
                .filter(|c| fields.contains(&c.field.as_str()))
                .filter_map(|c| Some((c.clone(), describe(actions, locale, c)?)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="mw-conflicts-here">
            {keyed_list(
                move || here.get(),
                |(c, d)| (c.op.clone(), d.kept.clone()),
                move |entry| view! {
                <ConflictNote conflict=entry.0 described=entry.1 actions with_place=true />
                }.into_any(),
            )}
        </div>
        {settled_line(actions, settled)}
    }
}

/// What settling said, with Undo after "Use": it outlives the note settled.
fn settled_line(actions: Actions, settled: SettledSaid) -> impl IntoView {
    let locale = use_locale();
    let said = settled.said;
    let nav = use_context::<Nav>();
    // Undo writes the value "Use" replaced back, an op like any other, but only over the op
    // "Use" wrote, which the store asks in the write itself: one synced in since is newer and
    // stays, and Undo goes. After a removal, it puts the record back unless records were let
    // go of since.
    let undo = move |_| {
        let Some((conflict, used)) = settled.replaced.with_untracked(|r| r.first().cloned()) else {
            return;
        };
        spawn_local(async move {
            let undone = match used {
                Some(used) => actions.undo_use(conflict, used).await,
                None => actions.undo_remove(conflict).await,
            };
            match undone {
                Ok(undone) => {
                    settled.replaced.set(Vec::new());
                    said.set(if undone {
                        settled.back.get_untracked()
                    } else {
                        Some(locale.text(Text::ChangedSinceNotUndone).to_owned())
                    });
                    if let Some(nav) = nav {
                        nav.focus(".mw-conflicts-said");
                    }
                }
                Err(message) => said.set(Some(message)),
            }
        });
    };
    view! {
        <p class="mw-hint mw-conflicts-said" role="status" tabindex="-1">
            {move || said.get()}
            {move || settled.replaced.with(|r| !r.is_empty()).then(|| view! {
                " "
                <button type="button" class="mw-secondary mw-conflicts-undo" on:click=undo>
                    {locale.text(Text::Undo)}
                </button>
            })}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::{shortened, SHORT_CHARS};

    #[test]
    fn only_a_value_too_long_for_a_sentence_is_cut_and_it_says_so() {
        assert_eq!(shortened("Two deals stalled", SHORT_CHARS), None);
        let exact = "x".repeat(SHORT_CHARS);
        assert_eq!(shortened(&exact, SHORT_CHARS), None);
        let long = format!("{exact} and more");
        let cut = shortened(&long, SHORT_CHARS).expect("cut");
        assert_eq!(cut, format!("{exact}…"));
        // Counted in characters, so Arabic is cut between letters, never inside one.
        let arabic = "ملاحظة".repeat(20);
        let cut = shortened(&arabic, SHORT_CHARS).expect("cut");
        assert_eq!(cut.chars().count(), SHORT_CHARS + 1);
    }
}
