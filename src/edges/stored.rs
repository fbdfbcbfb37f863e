//! Records the widget keeps in IndexedDB outside the op log: the person last signed in, and
//! the whole-record goals of the first version of the widget (read once, to become ops).
//!
//! Storage is outside the program's control (another version of the widget, a browser
//! extension, a half-finished upgrade may have written it), so every record read is
//! validated; a record that fails is left untouched in storage and reported, never deleted.

use mentoring_core::{decide, Goal, GoalCommand, GoalContext, Millis, Person, Progress, RecordId};
use wasm_bindgen::JsValue;

use super::js_object::{object, JsObject};

/// The version of the stored record layout, written into every record.
pub const STORED_VERSION: u32 = 1;

/// A goal as the first version of the widget stored it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredGoal {
    pub v: u32,
    pub id: String,
    pub owner: String,
    pub title: String,
    pub progress: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StoredPerson {
    pub v: u32,
    pub id: String,
    pub name: String,
}

impl StoredGoal {
    pub fn from_js(value: &JsValue) -> Result<StoredGoal, String> {
        let record = JsObject::new(value, "goal record")?;
        Ok(StoredGoal {
            v: record.int("v")? as u32,
            id: record.text("id")?,
            owner: record.text("owner")?,
            title: record.text("title")?,
            progress: record.int("progress")?,
            created_at: record.int("createdAt")?,
            updated_at: record.int("updatedAt")?,
        })
    }
}

impl StoredPerson {
    pub fn from_js(value: &JsValue) -> Result<StoredPerson, String> {
        let record = JsObject::new(value, "person record")?;
        Ok(StoredPerson {
            v: record.int("v")? as u32,
            id: record.text("id")?,
            name: record.text("name")?,
        })
    }

    pub fn to_js(&self) -> JsValue {
        object(&[
            ("v", JsValue::from_f64(f64::from(self.v))),
            ("id", JsValue::from_str(&self.id)),
            ("name", JsValue::from_str(&self.name)),
        ])
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
        let owner = RecordId::parse(&record.owner).map_err(|e| format!("goal {id} owner: {e}"))?;
        // Built through the same rules as a goal added today, so an invalid title is refused.
        let command = GoalCommand::Add {
            title: record.title,
        };
        let goal = decide(
            &command,
            &[],
            GoalContext::default(),
            &owner,
            Millis(record.created_at),
            |_| id.clone(),
        )
        .map_err(|_| format!("goal {id} title: empty or too long"))?;
        Ok(Goal {
            manual_progress: Progress::new(record.progress)
                .map_err(|_| format!("goal {id} progress: not from 0 to 100"))?,
            updated_at: Millis(record.updated_at),
            ..goal
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
        let id = RecordId::parse(&record.id).map_err(|e| format!("person id: {e}"))?;
        Ok(Person::new(id, record.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> StoredGoal {
        StoredGoal {
            v: 1,
            id: "goal-1".into(),
            owner: "amira".into(),
            title: "Present to the board".into(),
            progress: 35,
            created_at: 1,
            updated_at: 2,
        }
    }

    #[test]
    fn a_first_version_goal_becomes_a_goal_with_its_progress() {
        let goal = Goal::try_from(record()).unwrap();
        assert_eq!(goal.id.as_str(), "goal-1");
        assert_eq!(goal.title.as_str(), "Present to the board");
        assert_eq!(goal.progress().percent(), 35);
        assert_eq!((goal.created_at, goal.updated_at), (Millis(1), Millis(2)));
    }

    #[test]
    fn corrupt_records_are_refused_with_the_reason() {
        let cases = [
            (
                StoredGoal {
                    progress: 140,
                    ..record()
                },
                "progress",
            ),
            (
                StoredGoal {
                    title: " ".into(),
                    ..record()
                },
                "title",
            ),
            (
                StoredGoal {
                    owner: "a b".into(),
                    ..record()
                },
                "owner",
            ),
            (
                StoredGoal {
                    id: String::new(),
                    ..record()
                },
                "goal id",
            ),
            (StoredGoal { v: 99, ..record() }, "version 99"),
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
