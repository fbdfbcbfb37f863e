//! The shapes records take in IndexedDB, and their checked conversion to domain types.
//!
//! Storage is outside the program's control (another version of the widget, a browser
//! extension, a half-finished upgrade may have written it), so every record read is
//! validated; a record that fails is left untouched in storage and reported, never deleted.

use mentoring_core::{Goal, Millis, Person, Progress, RecordId, Title};
use serde::{Deserialize, Serialize};

/// The version of the stored record layout, written into every record.
pub const STORED_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredGoal {
    pub v: u32,
    pub id: String,
    pub owner: String,
    pub title: String,
    pub progress: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredPerson {
    pub v: u32,
    pub id: String,
    pub name: String,
}

impl From<&Goal> for StoredGoal {
    fn from(goal: &Goal) -> Self {
        StoredGoal {
            v: STORED_VERSION,
            id: goal.id.to_string(),
            owner: goal.owner.to_string(),
            title: goal.title.as_str().to_owned(),
            progress: i64::from(goal.progress.percent()),
            created_at: goal.created_at.0,
            updated_at: goal.updated_at.0,
        }
    }
}

impl TryFrom<StoredGoal> for Goal {
    type Error = String;

    fn try_from(record: StoredGoal) -> Result<Goal, String> {
        if record.v != STORED_VERSION {
            return Err(format!(
                "goal record version {} is not one this widget reads",
                record.v
            ));
        }
        let id = RecordId::parse(&record.id).map_err(|e| format!("goal id: {e}"))?;
        Ok(Goal {
            owner: RecordId::parse(&record.owner).map_err(|e| format!("goal {id} owner: {e}"))?,
            title: Title::parse(&record.title).map_err(|e| format!("goal {id} title: {e}"))?,
            progress: Progress::new(record.progress)
                .map_err(|e| format!("goal {id} progress: {e}"))?,
            created_at: Millis(record.created_at),
            updated_at: Millis(record.updated_at),
            id,
        })
    }
}

impl From<&Person> for StoredPerson {
    fn from(person: &Person) -> Self {
        StoredPerson {
            v: STORED_VERSION,
            id: person.id.to_string(),
            name: person.name.clone(),
        }
    }
}

impl TryFrom<StoredPerson> for Person {
    type Error = String;

    fn try_from(record: StoredPerson) -> Result<Person, String> {
        Ok(Person {
            id: RecordId::parse(&record.id).map_err(|e| format!("person id: {e}"))?,
            name: record.name,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal() -> Goal {
        Goal {
            id: RecordId::parse("goal-1").unwrap(),
            owner: RecordId::parse("amira").unwrap(),
            title: Title::parse("Present to the board").unwrap(),
            progress: Progress::new(35).unwrap(),
            created_at: Millis(1),
            updated_at: Millis(2),
        }
    }

    #[test]
    fn a_goal_survives_the_round_trip_through_its_stored_shape() {
        let stored = StoredGoal::from(&goal());
        assert_eq!(stored.v, STORED_VERSION);
        assert_eq!(Goal::try_from(stored), Ok(goal()));
    }

    #[test]
    fn corrupt_records_are_refused_with_the_reason() {
        let good = StoredGoal::from(&goal());
        let cases = [
            (
                StoredGoal {
                    progress: 140,
                    ..good.clone()
                },
                "progress",
            ),
            (
                StoredGoal {
                    title: " ".into(),
                    ..good.clone()
                },
                "title",
            ),
            (
                StoredGoal {
                    owner: "a b".into(),
                    ..good.clone()
                },
                "owner",
            ),
            (
                StoredGoal {
                    id: String::new(),
                    ..good.clone()
                },
                "goal id",
            ),
            (
                StoredGoal {
                    v: 99,
                    ..good.clone()
                },
                "version 99",
            ),
        ];
        for (record, reason) in cases {
            let error = Goal::try_from(record).unwrap_err();
            assert!(
                error.contains(reason),
                "{error:?} should mention {reason:?}"
            );
        }
    }
}
