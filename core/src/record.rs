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
