//! The shapes records take in IndexedDB, and their checked conversion to domain types.
//!
//! Storage is outside the program's control (another version of the widget, a browser
//! extension, a half-finished upgrade may have written it), so every record read is
//! validated; a record that fails is left untouched in storage and reported, never deleted.

use mentoring_core::{
    Date, Goal, GoalStatus, Measure, Milestone, Millis, Person, Progress, ProgressPoint, RecordId,
    Relevance, Title,
};
use serde::{Deserialize, Serialize};

/// The version of the stored record layout, written into every record. Fields added since
/// are optional (`serde(default)`), so records written by earlier widgets stay readable.
pub const STORED_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredGoal {
    pub v: u32,
    pub id: String,
    pub owner: String,
    pub title: String,
    /// Progress set by hand; progress from milestones is derived again on reading.
    pub progress: i64,
    pub created_at: i64,
    pub updated_at: i64,
    #[serde(default)]
    pub relationship: Option<String>,
    #[serde(default)]
    pub measure: Option<StoredMeasure>,
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub objective: Option<String>,
    #[serde(default)]
    pub aspiration: String,
    #[serde(default)]
    pub milestones: Vec<StoredMilestone>,
    #[serde(default)]
    pub status: Option<String>,
    /// (time, percent) pairs, oldest first.
    #[serde(default)]
    pub history: Vec<(i64, i64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredMeasure {
    pub what: String,
    pub baseline: f64,
    pub target: f64,
    pub current: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredMilestone {
    pub id: String,
    pub title: String,
    pub done_on: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredPerson {
    pub v: u32,
    pub id: String,
    pub name: String,
}

const STATUSES: [(GoalStatus, &str); 4] = [
    (GoalStatus::OnTrack, "on-track"),
    (GoalStatus::AtRisk, "at-risk"),
    (GoalStatus::Achieved, "achieved"),
    (GoalStatus::Dropped, "dropped"),
];

impl From<&Goal> for StoredGoal {
    fn from(goal: &Goal) -> Self {
        StoredGoal {
            v: STORED_VERSION,
            id: goal.id.to_string(),
            owner: goal.owner.to_string(),
            title: goal.title.as_str().to_owned(),
            progress: i64::from(goal.manual_progress.percent()),
            created_at: goal.created_at.0,
            updated_at: goal.updated_at.0,
            relationship: goal.relationship.as_ref().map(ToString::to_string),
            measure: goal.measure.as_ref().map(|m| StoredMeasure {
                what: m.what.clone(),
                baseline: m.baseline,
                target: m.target,
                current: m.current,
            }),
            due: goal.due.map(|d| d.to_string()),
            objective: goal.relevance.objective.as_ref().map(ToString::to_string),
            aspiration: goal.relevance.aspiration.clone(),
            milestones: goal
                .milestones
                .iter()
                .map(|m| StoredMilestone {
                    id: m.id.to_string(),
                    title: m.title.as_str().to_owned(),
                    done_on: m.done_on.map(|d| d.to_string()),
                })
                .collect(),
            status: STATUSES
                .iter()
                .find(|(s, _)| *s == goal.status)
                .map(|(_, name)| (*name).to_owned()),
            history: goal
                .history
                .iter()
                .map(|p| (p.at.0, i64::from(p.progress.percent())))
                .collect(),
        }
    }
}

fn id_field(what: &str, text: &str) -> Result<RecordId, String> {
    RecordId::parse(text).map_err(|e| format!("{what}: {e}"))
}

fn date_field(what: &str, text: &Option<String>) -> Result<Option<Date>, String> {
    text.as_deref()
        .map(Date::parse)
        .transpose()
        .map_err(|e| format!("{what}: {e}"))
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
        let id = id_field("goal id", &record.id)?;
        let field = |name: &str| format!("goal {id} {name}");
        let status = match record.status.as_deref() {
            None => GoalStatus::OnTrack,
            Some(name) => STATUSES
                .iter()
                .find(|(_, n)| *n == name)
                .map(|(s, _)| *s)
                .ok_or_else(|| format!("{}: unknown status {name:?}", field("status")))?,
        };
        let milestones = record
            .milestones
            .iter()
            .map(|m| {
                Ok(Milestone {
                    id: id_field(&field("milestone id"), &m.id)?,
                    title: Title::parse(&m.title)
                        .map_err(|e| format!("{}: {e}", field("milestone")))?,
                    done_on: date_field(&field("milestone date"), &m.done_on)?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let history = record
            .history
            .iter()
            .map(|(at, percent)| {
                Ok(ProgressPoint {
                    at: Millis(*at),
                    progress: Progress::new(*percent)
                        .map_err(|e| format!("{}: {e}", field("history")))?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Goal {
            owner: id_field(&field("owner"), &record.owner)?,
            relationship: record
                .relationship
                .as_deref()
                .map(|r| id_field(&field("relationship"), r))
                .transpose()?,
            title: Title::parse(&record.title).map_err(|e| format!("{}: {e}", field("title")))?,
            measure: record.measure.map(|m| Measure {
                what: m.what,
                baseline: m.baseline,
                target: m.target,
                current: m.current,
            }),
            due: date_field(&field("due date"), &record.due)?,
            relevance: Relevance {
                objective: record
                    .objective
                    .as_deref()
                    .map(|o| id_field(&field("objective"), o))
                    .transpose()?,
                aspiration: record.aspiration,
            },
            milestones,
            manual_progress: Progress::new(record.progress)
                .map_err(|e| format!("{}: {e}", field("progress")))?,
            status,
            history,
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
        let id = RecordId::parse(&record.id).map_err(|e| format!("person id: {e}"))?;
        Ok(Person::new(id, record.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal() -> Goal {
        let id = |text: &str| RecordId::parse(text).unwrap();
        Goal {
            id: id("goal-1"),
            owner: id("amira"),
            relationship: Some(id("rel-1")),
            title: Title::parse("Present to the board").unwrap(),
            measure: Some(Measure {
                what: "presentations".into(),
                baseline: 0.0,
                target: 2.5,
                current: 1.0,
            }),
            due: Some(Date(20_000)),
            relevance: Relevance {
                objective: Some(id("obj-1")),
                aspiration: "Lead the region".into(),
            },
            milestones: vec![Milestone {
                id: id("ms-1"),
                title: Title::parse("Draft the deck").unwrap(),
                done_on: Some(Date(19_990)),
            }],
            manual_progress: Progress::new(35).unwrap(),
            status: GoalStatus::AtRisk,
            history: vec![ProgressPoint {
                at: Millis(1),
                progress: Progress::new(35).unwrap(),
            }],
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
    fn records_from_the_first_layout_are_still_read() {
        let first = StoredGoal {
            v: 1,
            id: "goal-1".into(),
            owner: "amira".into(),
            title: "Present".into(),
            progress: 20,
            created_at: 1,
            updated_at: 1,
            relationship: None,
            measure: None,
            due: None,
            objective: None,
            aspiration: String::new(),
            milestones: vec![],
            status: None,
            history: vec![],
        };
        let goal = Goal::try_from(first).unwrap();
        assert_eq!(goal.progress().percent(), 20);
        assert_eq!(goal.status, GoalStatus::OnTrack);
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
