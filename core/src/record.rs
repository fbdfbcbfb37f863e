//! Every kind of record a person can change, as one type: what storage persists and sync
//! carries, one record at a time.

use crate::{Feedback, Goal, LearningEntry, PrivateNote, RecordId, Relationship, Session};

#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Relationship(Relationship),
    Goal(Goal),
    Session(Session),
    PrivateNote(PrivateNote),
    Feedback(Feedback),
    Learning(LearningEntry),
}

impl Change {
    /// The record kind's name in storage and on the wire.
    pub fn entity(&self) -> &'static str {
        match self {
            Change::Relationship(_) => "relationship",
            Change::Goal(_) => "goal",
            Change::Session(_) => "session",
            Change::PrivateNote(_) => "private-note",
            Change::Feedback(_) => "feedback",
            Change::Learning(_) => "learning",
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
        }
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
}

/// The names of the admin record kinds in storage and on the wire.
pub const ADMIN_ENTITIES: [&str; 5] = [
    "programme",
    "enrolment",
    "nudge",
    "self-assessment",
    "check-in",
];

impl AdminChange {
    pub fn entity(&self) -> &'static str {
        match self {
            AdminChange::Programme(_) => ADMIN_ENTITIES[0],
            AdminChange::Enrolment(_) => ADMIN_ENTITIES[1],
            AdminChange::Nudge(_) => ADMIN_ENTITIES[2],
            AdminChange::SelfAssessment(_) => ADMIN_ENTITIES[3],
            AdminChange::CheckIn(_) => ADMIN_ENTITIES[4],
        }
    }

    pub fn id(&self) -> &RecordId {
        match self {
            AdminChange::Programme(p) => &p.id,
            AdminChange::Enrolment(e) => &e.id,
            AdminChange::Nudge(n) => &n.id,
            AdminChange::SelfAssessment(a) => &a.id,
            AdminChange::CheckIn(c) => &c.id,
        }
    }
}
