//! Programmes: a coaching or mentoring cohort that HR runs.

use crate::{Date, RecordId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProgrammeKind {
    /// Performance and specific skills; short; non-directive; led by a trained coach.
    Coaching,
    /// Long-term development led by a more experienced colleague (or, in reverse
    /// mentoring, a junior one).
    Mentoring,
}

impl ProgrammeKind {
    /// Coaching is "a relatively short period"; mentoring is "longer term".
    pub fn default_length_days(self) -> i32 {
        match self {
            ProgrammeKind::Coaching => 12 * 7,
            ProgrammeKind::Mentoring => 365,
        }
    }
}

/// An objective of the organisation that goals can align to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Objective {
    pub id: RecordId,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Programme {
    pub id: RecordId,
    pub kind: ProgrammeKind,
    pub name: String,
    pub starts: Date,
    pub ends: Option<Date>,
    pub default_length_days: i32,
    pub objectives: Vec<Objective>,
    pub admins: Vec<RecordId>,
}

impl Programme {
    pub fn new(
        id: RecordId,
        kind: ProgrammeKind,
        name: impl Into<String>,
        starts: Date,
    ) -> Programme {
        Programme {
            id,
            kind,
            name: name.into(),
            starts,
            ends: None,
            default_length_days: kind.default_length_days(),
            objectives: Vec::new(),
            admins: Vec::new(),
        }
    }

    pub fn objective(&self, id: &RecordId) -> Option<&Objective> {
        self.objectives.iter().find(|o| &o.id == id)
    }

    pub fn is_admin(&self, person: &RecordId) -> bool {
        self.admins.contains(person)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coaching_defaults_to_twelve_weeks_and_mentoring_to_a_year() {
        let id = RecordId::parse("p").unwrap();
        assert_eq!(
            Programme::new(id.clone(), ProgrammeKind::Coaching, "C", Date(0)).default_length_days,
            84
        );
        assert_eq!(
            Programme::new(id, ProgrammeKind::Mentoring, "M", Date(0)).default_length_days,
            365
        );
    }
}
