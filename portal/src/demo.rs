//! The demo programme's records — relationships, goals, a session, feedback, a learning
//! note, a private note, a few people's matching preferences — written once, as ops, into a new portal database, so every demo
//! person opens the widget onto a programme already under way.
//!
//! They are built from the core's domain types and turned into ops by the core's projection,
//! exactly as a widget would write them; a test checks they keep the domain's rules.

use mentoring_core::feedback::{Observation, RatingScale, Visibility};
use mentoring_core::goal::{Amount, GoalStatus, Measure, Milestone, Relevance};
use mentoring_core::merge::Hlc;
use mentoring_core::preferences::Attribute::{Background, Gender};
use mentoring_core::projection::{records_of, FieldValue};
use mentoring_core::session::{ActionItem, ConversationSkill, Grow, Place};
use mentoring_core::{
    Change, Date, Feedback, Goal, LearningEntry, Lifecycle, MatchingPreferences, Millis,
    PrivateNote, Progress, ProgressPoint, RecordId, Relationship, RelationshipKind, Session, Title,
};
use serde_json::Value;

use crate::ops::WireOp;

fn id(text: &str) -> RecordId {
    RecordId::parse(text).expect("demo ids are valid")
}

fn date(text: &str) -> Date {
    Date::parse(text).expect("demo dates are valid")
}

/// 10:00 UTC on a demo day.
fn at_ten(day: &str) -> Millis {
    Millis(i64::from(date(day).0) * 86_400_000 + 10 * 3_600_000)
}

fn relationship(
    rid: &str,
    kind: RelationshipKind,
    programme: &str,
    (mentor, mentee): (&str, &str),
    (starts, ends): (&str, &str),
    purpose: &str,
    target_role: Option<&str>,
) -> Relationship {
    Relationship {
        id: id(rid),
        kind,
        programme: id(programme),
        mentor: id(mentor),
        mentee: id(mentee),
        purpose: purpose.into(),
        ground_rules:
            "Fortnightly, an hour; what is said stays between us; either of us can pause.".into(),
        starts: date(starts),
        planned_end: date(ends),
        lifecycle: Lifecycle::Active,
        target_role: target_role.map(Into::into),
        agreed: Default::default(),
    }
}

/// When the demo records were "made": 1 November 2026, 09:00 UTC.
const MADE_AT: i64 = 1_793_523_600_000;

/// The demo records, each with who made it.
pub fn records() -> Vec<(&'static str, Change)> {
    let coaching = relationship(
        "rel-amira-sofia",
        RelationshipKind::Coaching,
        "coaching-2026",
        ("sofia", "amira"),
        ("2026-09-07", "2026-11-30"),
        "Win and grow Gulf key accounts",
        None,
    );
    let mentoring = relationship(
        "rel-amira-james",
        RelationshipKind::Mentoring,
        "mentoring-2026",
        ("james", "amira"),
        ("2026-09-01", "2027-08-31"),
        "Boardroom readiness: presenting, negotiating, budgets",
        Some("Regional Sales Director"),
    );
    let reverse = relationship(
        "rel-cfo-zain",
        RelationshipKind::ReverseMentoring,
        "mentoring-2026",
        ("zain", "cfo"),
        ("2026-09-15", "2027-06-30"),
        "Data tools and how younger colleagues work",
        None,
    );
    let marketing = relationship(
        "rel-priya-samuel",
        RelationshipKind::Mentoring,
        "mentoring-2026",
        ("marketing-dir", "priya"),
        ("2026-09-01", "2027-08-31"),
        "From product manager to product leader",
        Some("Product Director"),
    );
    let coaching_goal = Goal {
        id: id("goal-amira-gulf"),
        owner: id("amira"),
        relationship: Some(coaching.id.clone()),
        title: Title::parse("Win two new Gulf key accounts this quarter").expect("title"),
        measure: Some(Measure {
            what: "new key accounts signed".into(),
            baseline: Amount(0),
            target: Amount(200),
            current: Amount(100),
        }),
        due: Some(date("2026-12-31")),
        relevance: Relevance {
            objective: Some(id("obj-gulf-growth")),
            aspiration: "Lead a regional team within two years".into(),
        },
        milestones: vec![
            Milestone {
                id: id("ms-gulf-1"),
                title: Title::parse("Map the ten target accounts").expect("title"),
                done_on: Some(date("2026-09-20")),
            },
            Milestone {
                id: id("ms-gulf-2"),
                title: Title::parse("Win the first account").expect("title"),
                done_on: Some(date("2026-10-28")),
            },
            Milestone {
                id: id("ms-gulf-3"),
                title: Title::parse("Win the second account").expect("title"),
                done_on: None,
            },
        ],
        manual_progress: Progress::default(),
        progress_from: Default::default(),
        status: GoalStatus::OnTrack,
        // Its milestones move its progress: the history steps on the days they were done.
        history: vec![
            ProgressPoint {
                at: Millis(MADE_AT - 50 * 86_400_000),
                progress: Progress::default(),
                new_source: false,
            },
            ProgressPoint {
                at: at_ten("2026-09-20"),
                progress: Progress::new(33).expect("percent"),
                new_source: false,
            },
            ProgressPoint {
                at: at_ten("2026-10-28"),
                progress: Progress::new(66).expect("percent"),
                new_source: false,
            },
        ],
        created_at: Millis(MADE_AT - 50 * 86_400_000),
        updated_at: at_ten("2026-10-28"),
    };
    let mentoring_goal = Goal {
        id: id("goal-amira-board"),
        owner: id("amira"),
        relationship: Some(mentoring.id.clone()),
        title: Title::parse("Present the Gulf budget to the board").expect("title"),
        measure: None,
        due: Some(date("2027-03-31")),
        relevance: Relevance {
            objective: Some(id("obj-succession")),
            aspiration: "Be ready for a director role".into(),
        },
        milestones: vec![],
        manual_progress: Progress::new(20).expect("percent"),
        progress_from: Default::default(),
        status: GoalStatus::OnTrack,
        history: vec![ProgressPoint {
            at: Millis(MADE_AT - 20 * 86_400_000),
            progress: Progress::new(20).expect("percent"),
            new_source: false,
        }],
        created_at: Millis(MADE_AT - 60 * 86_400_000),
        updated_at: Millis(MADE_AT - 20 * 86_400_000),
    };
    let session = Session {
        id: id("session-amira-sofia-1"),
        relationship: coaching.id.clone(),
        author: id("sofia"),
        partner: Some(id("amira")),
        at: Millis(MADE_AT - 7 * 86_400_000),
        time_zone: "Europe/London".into(),
        minutes: 60,
        place: Place::Online,
        grow: Grow {
            goal: "Second Gulf account before the quarter ends".into(),
            reality: "Two prospects are warm; procurement at one is slow".into(),
            options: "Ask Omar for an introduction; offer a pilot; widen to a third prospect"
                .into(),
            will: "Amira books the pilot meeting this week".into(),
        },
        skills: [ConversationSkill::Questioning, ConversationSkill::Reframing].into(),
        actions: vec![
            ActionItem {
                id: id("action-1"),
                text: "Book the pilot meeting".into(),
                owner: id("amira"),
                due: date("2026-11-06"),
                done: false,
            },
            ActionItem {
                id: id("action-2"),
                text: "Share the negotiation checklist".into(),
                owner: id("sofia"),
                due: date("2026-11-03"),
                done: true,
            },
        ],
        goals: vec![coaching_goal.id.clone()],
    };
    let note = PrivateNote {
        id: id("note-amira-1"),
        owner: id("amira"),
        session: session.id.clone(),
        text: "I hesitate to ask Omar for help; practise the ask with Sofia.".into(),
    };
    let feedback = Feedback {
        id: id("feedback-james-amira-1"),
        giver: id("james"),
        receiver: id("amira"),
        relationship: mentoring.id.clone(),
        session: None,
        strengths: vec![Observation {
            text: "Knows every client's numbers".into(),
            example: "Answered the CFO's margin questions without notes".into(),
        }],
        development_areas: vec![Observation {
            text: "Opens with detail before the headline".into(),
            example: "The October update took five minutes to reach the ask".into(),
        }],
        ratings: [(RatingScale::Clarity, 3), (RatingScale::Support, 5)].into(),
        overall: "A strong quarter; now make the story land in the first minute.".into(),
        visibility: Visibility::SharedWithPair,
        given_at: Millis(MADE_AT - 3 * 86_400_000),
    };
    let learning = LearningEntry {
        id: id("learning-james-1"),
        author: id("james"),
        relationship: mentoring.id.clone(),
        text: "How the Dubai team forecasts Ramadan seasonality — worth copying in London.".into(),
        shared_with_partner: true,
        written_at: Millis(MADE_AT - 2 * 86_400_000),
    };
    let mut records = vec![
        ("hr-admin", Change::Relationship(coaching)),
        ("hr-admin", Change::Relationship(mentoring)),
        ("hr-admin", Change::Relationship(reverse)),
        ("hr-admin", Change::Relationship(marketing)),
        ("amira", Change::Goal(coaching_goal)),
        ("amira", Change::Goal(mentoring_goal)),
        ("sofia", Change::Session(session)),
        ("amira", Change::PrivateNote(note)),
        ("james", Change::Feedback(feedback)),
        ("james", Change::Learning(learning)),
    ];
    // Matching preferences each person stated for themselves, so Find a mentor ranks a
    // mentor who shares what a mentee asked for higher, without anyone else seeing them.
    for (who, shared, prefers) in [
        ("amira", &[(Gender, "Woman")][..], &[Gender][..]),
        (
            "fatima",
            &[
                (Gender, "woman"),
                (Background, "First in family at university"),
            ],
            &[Gender, Background],
        ),
        ("layla", &[(Gender, "woman")], &[]),
        (
            "noura",
            &[
                (Gender, "Woman"),
                (Background, "first in family at university"),
            ],
            &[],
        ),
        ("omar", &[(Gender, "man")], &[]),
    ] {
        let preferences = MatchingPreferences {
            shared: shared.iter().map(|(a, v)| (*a, (*v).to_owned())).collect(),
            prefers: prefers.iter().copied().collect(),
            ..MatchingPreferences::of(&id(who))
        };
        records.push((who, Change::MatchingPreferences(preferences)));
    }
    records
}

pub fn json_value(value: &FieldValue) -> Value {
    match value {
        FieldValue::Null => Value::Null,
        FieldValue::Bool(b) => Value::Bool(*b),
        FieldValue::Int(n) => Value::from(*n),
        FieldValue::Text(t) => Value::String(t.clone()),
        FieldValue::List(items) => Value::Array(items.iter().cloned().map(Value::String).collect()),
    }
}

/// The demo records as ops, in the order a widget would send them.
pub fn ops() -> Vec<WireOp> {
    let mut ops = Vec::new();
    let mut counter = 0u32;
    for (actor, change) in records() {
        for record in records_of(&change) {
            for (field, value) in &record.fields {
                counter += 1;
                ops.push(WireOp {
                    id: format!("seed-{counter:05}"),
                    actor: actor.to_owned(),
                    device: "portal-seed".into(),
                    hlc: Hlc {
                        wall: MADE_AT,
                        counter,
                    }
                    .encode(),
                    entity: record.entity.to_owned(),
                    record: record.id.to_string(),
                    field: field.clone(),
                    value: json_value(value),
                    supersedes: Vec::new(),
                });
            }
        }
    }
    ops
}

/// Writes the demo records into a database whose op log is empty (a new demo portal).
pub fn seed(db: &crate::Db) -> rusqlite::Result<()> {
    if !db.all_ops()?.is_empty() {
        return Ok(());
    }
    for op in ops() {
        let body = serde_json::to_string(&op).expect("ops serialise");
        db.store_op(&op.id, &op.entity, &op.record, &body)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the demo shows must add up: a goal its milestones move steps up on the days they
    /// were done, from where it started, to the progress it shows.
    #[test]
    fn a_demo_goal_moved_by_milestones_steps_up_on_the_days_they_were_done() {
        for (_, change) in records() {
            let Change::Goal(goal) = change else { continue };
            if !goal.milestones_drive_progress() {
                continue;
            }
            let steps: Vec<Date> = goal.history[1..].iter().map(|p| p.at.utc_date()).collect();
            let done: Vec<Date> = goal.milestones.iter().filter_map(|m| m.done_on).collect();
            assert_eq!(steps, done, "{}", goal.title.as_str());
            assert_eq!(
                goal.history.last().map(|p| p.progress),
                Some(goal.progress()),
                "{}",
                goal.title.as_str()
            );
        }
    }
}
