//! Every record kind survives the trip to fields and back; diffs carry only what changed.

use mentoring_core::feedback::{Observation, RatingScale, Ratings, Visibility};
use mentoring_core::goal::{
    GoalStatus, Measure, Milestone, ProgressFrom, ProgressPoint, Relevance,
};
use mentoring_core::projection::{
    changes_from, diff, goal_status_named, lifecycle_named, records_of, visibility_named, Edit,
    FieldRecord, FieldValue, Fields,
};
use mentoring_core::session::{ActionItem, ConversationSkill, Grow, Place};
use mentoring_core::*;

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

fn relationship(lifecycle: Lifecycle) -> Relationship {
    Relationship {
        id: id("rel-1"),
        kind: RelationshipKind::ReverseMentoring,
        programme: id("mentoring-2026"),
        mentor: id("zain"),
        mentee: id("cfo"),
        purpose: "Digital tools for the finance team".into(),
        ground_rules: "Fortnightly, Chatham House".into(),
        starts: Date::parse("2026-09-01").unwrap(),
        planned_end: Date::parse("2027-08-31").unwrap(),
        lifecycle,
        target_role: Some("Group CFO".into()),
        agreed: relationship::Agreements {
            mentor: None,
            mentee: Some(relationship::Agreed {
                by: id("cfo"),
                at: Millis(1_790_000_000_000),
                version: "00ff00ff00ff00ff".into(),
            }),
        },
    }
}

fn goal() -> Goal {
    Goal {
        id: id("goal-1"),
        owner: id("amira"),
        relationship: Some(id("rel-1")),
        title: Title::parse("Present the Q3 budget to the board").unwrap(),
        measure: Some(Measure {
            what: "presentations".into(),
            baseline: Amount(0),
            target: Amount(250),
            current: Amount(100),
        }),
        due: Some(Date::parse("2027-03-31").unwrap()),
        relevance: Relevance {
            objective: Some(id("obj-growth")),
            aspiration: "Lead the region".into(),
        },
        milestones: vec![
            Milestone {
                id: id("ms-b"),
                title: Title::parse("Draft").unwrap(),
                done_on: Some(Date(20_000)),
            },
            Milestone {
                id: id("ms-a"),
                title: Title::parse("Rehearse").unwrap(),
                done_on: None,
            },
        ],
        manual_progress: Progress::new(10).unwrap(),
        progress_from: ProgressFrom::Measure,
        status: GoalStatus::AtRisk,
        history: vec![
            ProgressPoint {
                at: Millis(5),
                progress: Progress::new(50).unwrap(),
                new_source: false,
            },
            // Read back as a new source's point, by readers from before the mark as 20 %.
            ProgressPoint {
                at: Millis(6),
                progress: Progress::new(20).unwrap(),
                new_source: true,
            },
        ],
        created_at: Millis(1),
        updated_at: Millis(7),
    }
}

fn session() -> Session {
    Session {
        id: id("s-1"),
        relationship: id("rel-1"),
        author: id("sofia"),
        partner: Some(id("cfo")),
        at: Millis(1_790_000_000_000),
        time_zone: "Europe/London".into(),
        minutes: 45,
        place: Place::InPerson {
            location: "Holiday Inn, Wembley".into(),
        },
        grow: Grow {
            goal: "g".into(),
            reality: "r".into(),
            options: "o".into(),
            will: "w".into(),
        },
        skills: [ConversationSkill::Reframing, ConversationSkill::Listening].into(),
        actions: vec![
            ActionItem {
                id: id("a-2"),
                text: "Book the room".into(),
                owner: id("amira"),
                due: Date(20_500),
                done: false,
            },
            ActionItem {
                id: id("a-1"),
                text: "Send notes".into(),
                owner: id("sofia"),
                due: Date(20_400),
                done: true,
            },
        ],
        goals: vec![id("goal-1")],
    }
}

fn feedback() -> Feedback {
    Feedback {
        id: id("f-1"),
        giver: id("amira"),
        receiver: id("james"),
        relationship: id("rel-1"),
        session: Some(id("s-1")),
        strengths: vec![Observation {
            text: "Listens: really".into(),
            example: "in March".into(),
        }],
        development_areas: vec![Observation {
            text: "Rushes".into(),
            example: "options step".into(),
        }],
        ratings: Ratings::from([(RatingScale::Challenge, 4), (RatingScale::Support, 5)]),
        overall: "Good".into(),
        visibility: Visibility::AnonymousAggregate,
        given_at: Millis(9),
    }
}

fn all_kinds() -> Vec<Change> {
    vec![
        Change::Relationship(relationship(Lifecycle::EndedEarly {
            reason: "moved to Riyadh".into(),
        })),
        Change::Relationship(Relationship {
            id: id("rel-2"),
            target_role: None,
            agreed: Default::default(),
            ..relationship(Lifecycle::Paused)
        }),
        Change::Goal(goal()),
        Change::Goal(Goal {
            id: id("goal-2"),
            measure: None,
            due: None,
            relationship: None,
            milestones: vec![],
            ..goal()
        }),
        Change::Session(session()),
        Change::Session(Session {
            id: id("s-2"),
            place: Place::Online,
            actions: vec![],
            ..session()
        }),
        Change::PrivateNote(PrivateNote {
            id: id("n-1"),
            owner: id("amira"),
            session: id("s-1"),
            text: "nervous".into(),
        }),
        Change::Feedback(feedback()),
        Change::Learning(LearningEntry {
            id: id("l-1"),
            author: id("james"),
            relationship: id("rel-1"),
            text: "How Dubai forecasts".into(),
            shared_with_partner: true,
            written_at: Millis(3),
        }),
        Change::MatchingPreferences(MatchingPreferences {
            shared: [
                (Attribute::Gender, "Woman".to_owned()),
                (
                    Attribute::Background,
                    "first in family at university".to_owned(),
                ),
            ]
            .into(),
            prefers: [Attribute::Gender].into(),
            ..MatchingPreferences::of(&id("amira"))
        }),
        Change::MatchingPreferences(MatchingPreferences::of(&id("james"))),
    ]
}

#[test]
fn matching_preferences_name_only_attributes_of_the_fixed_set() {
    let record = records_of(&Change::MatchingPreferences(MatchingPreferences::of(&id(
        "amira",
    ))))
    .remove(0);
    let mut fields = record.fields.clone();
    fields.insert("prefers".into(), FieldValue::List(vec!["religion".into()]));
    let projection = changes_from([(record.entity, &record.id, &fields)]);
    assert!(projection.changes.is_empty());
    assert_eq!(
        projection.unreadable[0].refusal.as_ref().map(|r| r.rule),
        Some(Rule::PreferenceAttribute)
    );
}

fn round_trip(changes: &[Change]) -> (Vec<Change>, Vec<String>) {
    let records: Vec<FieldRecord> = changes.iter().flat_map(records_of).collect();
    let projection = changes_from(records.iter().map(|r| (r.entity, &r.id, &r.fields)));
    let reasons = projection.unreadable.iter().map(|u| u.reason.clone());
    (projection.changes, reasons.collect())
}

#[test]
fn a_goal_says_where_its_progress_comes_from_and_one_stored_without_it_is_set_by_hand() {
    let measured = Change::Goal(goal());
    let records = records_of(&measured);
    assert_eq!(
        records[0].fields["progress-from"],
        FieldValue::Text("measure".into())
    );
    assert_eq!(
        round_trip(std::slice::from_ref(&measured)),
        (vec![measured], vec![])
    );

    let by_hand = Change::Goal(Goal {
        progress_from: ProgressFrom::Hand,
        milestones: vec![],
        ..goal()
    });
    assert_eq!(
        records_of(&by_hand)[0].fields["progress-from"],
        FieldValue::Null
    );
    assert_eq!(
        round_trip(std::slice::from_ref(&by_hand)),
        (vec![by_hand.clone()], vec![])
    );

    // Stored before the field: read as set by hand, and a later change writes nothing for it.
    let mut before = records_of(&by_hand);
    before[0].fields.remove("progress-from");
    let loaded = changes_from(before.iter().map(|r| (r.entity, &r.id, &r.fields)));
    assert_eq!(loaded.changes, std::slice::from_ref(&by_hand));
    let Change::Goal(g) = &loaded.changes[0] else {
        unreachable!()
    };
    assert_eq!(
        g.progress().percent(),
        10,
        "its hand-set progress, not the measure's"
    );
    let retitled = Change::Goal(Goal {
        title: Title::parse("Chair a board meeting").unwrap(),
        ..g.clone()
    });
    let edits = diff(Some(&loaded.changes[0]), &retitled);
    assert!(
        edits
            .iter()
            .all(|e| matches!(e, Edit::Set { field, .. } if field == "title")),
        "{edits:?}"
    );
    // A value from a newer version reads as set by hand rather than making the goal unreadable.
    before[0]
        .fields
        .insert("progress-from".into(), FieldValue::Text("survey".into()));
    let loaded = changes_from(before.iter().map(|r| (r.entity, &r.id, &r.fields)));
    assert_eq!(loaded.changes, [by_hand]);
}

#[test]
fn every_record_kind_survives_the_trip_to_fields_and_back() {
    let originals = all_kinds();
    let (back, unreadable) = round_trip(&originals);
    assert!(unreadable.is_empty(), "{unreadable:?}");
    assert_eq!(back.len(), originals.len());
    for original in &originals {
        assert!(back.contains(original), "lost or changed: {original:#?}");
    }
}

/// The stored name of `field` in `change`'s own record.
fn stored_name(change: &Change, field: &str) -> String {
    match &records_of(change)[0].fields[field] {
        FieldValue::Text(name) => name.clone(),
        other => panic!("{field} is stored as {other:?}"),
    }
}

#[test]
fn a_stored_status_or_visibility_reads_back_as_what_was_chosen() {
    for status in [
        GoalStatus::OnTrack,
        GoalStatus::AtRisk,
        GoalStatus::Achieved,
        GoalStatus::Dropped,
    ] {
        let stored = stored_name(&Change::Goal(Goal { status, ..goal() }), "status");
        assert_eq!(goal_status_named(&stored), Some(status), "{stored}");
    }
    for visibility in [
        Visibility::PrivateToReceiver,
        Visibility::SharedWithPair,
        Visibility::AnonymousAggregate,
    ] {
        let stored = stored_name(
            &Change::Feedback(Feedback {
                visibility,
                ..feedback()
            }),
            "visibility",
        );
        assert_eq!(visibility_named(&stored), Some(visibility), "{stored}");
    }
    for lifecycle in [
        Lifecycle::Proposed,
        Lifecycle::Active,
        Lifecycle::Paused,
        Lifecycle::Completed,
        Lifecycle::EndedEarly {
            reason: "Moved team".into(),
        },
    ] {
        let stored = stored_name(
            &Change::Relationship(relationship(lifecycle.clone())),
            "lifecycle",
        );
        let read = lifecycle_named(&stored).expect(&stored);
        // The reason is a field of its own: the name alone says only that it ended early.
        let expected = match lifecycle {
            Lifecycle::EndedEarly { .. } => Lifecycle::EndedEarly {
                reason: String::new(),
            },
            other => other,
        };
        assert_eq!(read, expected, "{stored}");
    }
    assert_eq!(goal_status_named("pair"), None);
    assert_eq!(visibility_named("on-track"), None);
    assert_eq!(lifecycle_named("on-track"), None);
}

#[test]
fn children_keep_their_order_and_follow_their_parent() {
    let (back, _) = round_trip(&[Change::Goal(goal()), Change::Session(session())]);
    let Some(Change::Goal(g)) = back.iter().find(|c| c.entity() == "goal") else {
        panic!()
    };
    let titles: Vec<_> = g.milestones.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Draft", "Rehearse"],
        "position, not id, orders milestones"
    );
    let Some(Change::Session(s)) = back.iter().find(|c| c.entity() == "session") else {
        panic!()
    };
    assert_eq!(s.actions[0].id, id("a-2"));
}

#[test]
fn a_diff_sets_only_what_changed_and_deletes_dropped_children() {
    let before = Change::Goal(goal());
    let mut changed = goal();
    changed.title = Title::parse("Present the Q4 budget").unwrap();
    changed.milestones.remove(1);
    let edits = diff(Some(&before), &Change::Goal(changed));
    assert_eq!(
        edits,
        vec![
            Edit::Set {
                entity: "goal",
                record: id("goal-1"),
                field: "title".into(),
                value: FieldValue::Text("Present the Q4 budget".into())
            },
            Edit::Delete {
                entity: "milestone",
                record: id("ms-a")
            },
        ]
    );
    assert!(diff(Some(&before), &before).is_empty());
    let created = diff(None, &before);
    assert!(
        created.len() > 15,
        "a new record sets every field: {}",
        created.len()
    );
}

#[test]
fn corrupt_fields_are_reported_by_record_and_field() {
    let mut records: Vec<FieldRecord> = records_of(&Change::Goal(goal()));
    records[0]
        .fields
        .insert("progress".into(), FieldValue::Int(300));
    let mut session_records = records_of(&Change::Session(session()));
    session_records[0]
        .fields
        .insert("skills".into(), FieldValue::List(vec!["shouting".into()]));
    records.extend(session_records);
    let projection = changes_from(records.iter().map(|r| (r.entity, &r.id, &r.fields)));
    assert!(projection.changes.is_empty(), "{:?}", projection.changes);
    assert_eq!(projection.unreadable.len(), 2);
    assert!(
        projection
            .unreadable
            .iter()
            .any(|u| u.reason.contains("goal goal-1 field progress")
                && u.refusal.as_ref().map(|r| r.rule) == Some(Rule::ProgressRange)),
        "{:?}",
        projection.unreadable
    );
    assert!(
        projection
            .unreadable
            .iter()
            .any(|u| u.reason.contains("unknown skill \"shouting\"") && u.refusal.is_none()),
        "{:?}",
        projection.unreadable
    );
}

#[test]
fn orphans_and_unknown_kinds_are_skipped_quietly() {
    let milestone = records_of(&Change::Goal(goal())).pop().unwrap();
    let mut future = milestone.clone();
    future.entity = "hologram";
    let projection = changes_from([
        (milestone.entity, &milestone.id, &milestone.fields),
        ("hologram", &future.id, &future.fields),
    ]);
    assert_eq!(projection, Default::default());
}

#[test]
fn a_session_stored_before_its_pair_was_recorded_reads_without_one_and_a_bad_pair_is_unreadable() {
    let stored = records_of(&Change::Session(session()));
    let read = |partner: Option<FieldValue>| {
        let mut records = stored.clone();
        match partner {
            Some(value) => records[0].fields.insert("partner".into(), value),
            None => records[0].fields.remove("partner"),
        };
        changes_from(records.iter().map(|r| (r.entity, &r.id, &r.fields)))
    };
    let legacy = read(None);
    assert_eq!(
        legacy.changes,
        [Change::Session(Session {
            partner: None,
            ..session()
        })]
    );
    assert_eq!(read(Some(FieldValue::Null)).changes, legacy.changes);
    // Neither a number nor a text that is no id widens the session to "whoever is the pair
    // now": it is not read at all, and says why.
    for bad in [FieldValue::Int(7), FieldValue::Text("not an id!".into())] {
        let projection = read(Some(bad.clone()));
        assert!(projection.changes.is_empty(), "{bad:?}");
        assert_eq!(projection.unreadable.len(), 1);
        assert!(
            projection.unreadable[0]
                .reason
                .contains("session s-1 field partner"),
            "{:?}",
            projection.unreadable
        );
    }
}

#[test]
fn fields_skills_and_ratings_read_in_order_a_later_value_replacing() {
    let mut fields: Fields = [("title", 1), ("at", 2), ("title", 3)]
        .into_iter()
        .map(|(name, n)| (name.to_owned(), FieldValue::Int(n)))
        .collect();
    assert_eq!(fields.keys().collect::<Vec<_>>(), ["at", "title"]);
    assert_eq!(fields["title"], FieldValue::Int(3));
    assert_eq!(fields.insert("done".into(), FieldValue::Bool(true)), None);
    assert_eq!(fields.remove("at"), Some(FieldValue::Int(2)));
    assert_eq!(fields.keys().collect::<Vec<_>>(), ["done", "title"]);
    assert!(fields.get("at").is_none());

    let mut skills = Skills::from([ConversationSkill::Reframing, ConversationSkill::Questioning]);
    assert!(!skills.insert(ConversationSkill::Reframing));
    let read: Vec<_> = skills.iter().copied().collect();
    assert_eq!(
        read,
        [ConversationSkill::Questioning, ConversationSkill::Reframing]
    );
    assert!(skills.remove(&ConversationSkill::Questioning));
    assert_eq!(skills.len(), 1);

    let ratings = Ratings::from([
        (RatingScale::Support, 9),
        (RatingScale::Listening, 4),
        (RatingScale::Support, 0),
    ]);
    let read: Vec<_> = ratings.iter().map(|(scale, n)| (*scale, *n)).collect();
    // A 0 is held as given, for the rule to refuse it.
    assert_eq!(
        read,
        [(RatingScale::Listening, 4), (RatingScale::Support, 0)]
    );
    assert_eq!(ratings.get(&RatingScale::Clarity), None);
}
