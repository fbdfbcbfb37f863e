//! `check_change` holds every kind of record to its kind's rules, with the same answers the
//! widget's commands give: what a host checks on push is what a screen checks on save.

use mentoring_core::feedback::{Observation, Visibility};
use mentoring_core::goal::{GoalStatus, Measure, Milestone, Relevance, MILESTONES_MAX};
use mentoring_core::person::{Credential, CredentialLevel};
use mentoring_core::session::{ActionItem, Grow, Place, NOTES_MAX_CHARS};
use mentoring_core::*;

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

struct World {
    directory: Directory,
    programmes: Vec<Programme>,
    relationships: Vec<Relationship>,
}

impl World {
    fn new() -> World {
        let person = |who: &str, grade: u8| Person {
            grade: Grade(grade),
            ..Person::new(id(who), who)
        };
        let mut sofia = person("sofia", 6);
        sofia.coach_credential = Some(Credential {
            level: CredentialLevel::Certified,
            expires: Date(1_000),
        });
        let mut coaching = Programme::new(id("coaching"), ProgrammeKind::Coaching, "C", Date(0));
        coaching.objectives = vec![Objective {
            id: id("obj-growth"),
            text: "Grow Gulf revenue".into(),
        }];
        let mentoring = Programme::new(id("mentoring"), ProgrammeKind::Mentoring, "M", Date(0));
        let relationship = |rid: &str, kind, programme: &str, mentor: &str| Relationship {
            id: id(rid),
            kind,
            programme: id(programme),
            mentor: id(mentor),
            mentee: id("amira"),
            purpose: String::new(),
            ground_rules: String::new(),
            starts: Date(500),
            planned_end: Date(584),
            lifecycle: Lifecycle::Active,
            target_role: None,
            agreed: Default::default(),
        };
        World {
            directory: Directory::new([person("amira", 3), person("james", 7), sofia]),
            programmes: vec![coaching, mentoring],
            relationships: vec![
                relationship("rel-c", RelationshipKind::Coaching, "coaching", "sofia"),
                relationship("rel-m", RelationshipKind::Mentoring, "mentoring", "james"),
            ],
        }
    }

    fn check(&self, change: Change, before: Option<Change>) -> Result<(), Rule> {
        let context = RecordContext {
            relationships: &self.relationships,
            programmes: &self.programmes,
            directory: &self.directory,
            today: Date(505),
            ended: &[],
            sessions: &[],
        };
        check_change(&change, before.as_ref(), context).map_err(|r| r.rule)
    }

    fn relationship(&self, n: usize) -> Relationship {
        self.relationships[n].clone()
    }
}

fn coaching_goal() -> Goal {
    Goal {
        id: id("goal-1"),
        owner: id("amira"),
        relationship: Some(id("rel-c")),
        title: Title::parse("Win two Gulf accounts").unwrap(),
        measure: None,
        due: None,
        relevance: Relevance {
            objective: Some(id("obj-growth")),
            aspiration: "Lead a team".into(),
        },
        milestones: vec![],
        manual_progress: Progress::default(),
        progress_from: Default::default(),
        status: GoalStatus::OnTrack,
        history: vec![],
        created_at: Millis(1),
        updated_at: Millis(1),
    }
}

fn session() -> Session {
    Session {
        id: id("s-1"),
        relationship: id("rel-c"),
        author: id("sofia"),
        partner: Some(id("amira")),
        at: Millis(510 * 86_400_000),
        time_zone: "Europe/London".into(),
        minutes: 60,
        place: Place::Online,
        grow: Grow::default(),
        skills: Default::default(),
        actions: vec![ActionItem {
            id: id("a-1"),
            text: "Book the pilot".into(),
            owner: id("amira"),
            due: Date(512),
            done: false,
        }],
        goals: vec![],
    }
}

fn observation() -> Observation {
    Observation {
        text: "Clear".into(),
        example: "The October update".into(),
    }
}

fn feedback() -> Feedback {
    Feedback {
        id: id("f-1"),
        giver: id("amira"),
        receiver: id("james"),
        relationship: id("rel-m"),
        session: None,
        strengths: vec![observation()],
        development_areas: vec![observation()],
        ratings: Ratings::new(),
        overall: String::new(),
        visibility: Visibility::SharedWithPair,
        given_at: Millis(1),
    }
}

#[test]
fn records_that_keep_their_rules_pass() {
    let world = World::new();
    let learning = LearningEntry {
        id: id("l-1"),
        author: id("amira"),
        relationship: id("rel-m"),
        text: "Headline first".into(),
        shared_with_partner: false,
        written_at: Millis(1),
    };
    let note = PrivateNote {
        id: id("n-1"),
        owner: id("amira"),
        session: id("s-1"),
        text: "Practise the ask".into(),
    };
    for change in [
        Change::Relationship(world.relationship(0)),
        Change::Goal(coaching_goal()),
        Change::Session(session()),
        Change::Feedback(feedback()),
        Change::Learning(learning),
        Change::PrivateNote(note),
    ] {
        assert_eq!(world.check(change.clone(), None), Ok(()), "{change:?}");
    }
}

#[test]
fn goals_keep_the_smart_rules() {
    let world = World::new();
    let goal = |change: fn(&mut Goal)| {
        let mut g = coaching_goal();
        change(&mut g);
        world.check(Change::Goal(g), None)
    };
    assert_eq!(
        goal(|g| g.relevance.objective = None),
        Err(Rule::CoachingGoalAlignment)
    );
    assert_eq!(
        goal(|g| g.relevance.objective = Some(id("not-this-programmes"))),
        Err(Rule::CoachingGoalAlignment)
    );
    assert_eq!(
        goal(|g| g.relevance.aspiration = " ".into()),
        Err(Rule::CoachingGoalAlignment)
    );
    assert_eq!(
        goal(|g| {
            g.relationship = Some(id("rel-m"));
            g.relevance = Relevance::default();
        }),
        Ok(()),
        "a mentoring goal needs no objective"
    );
    assert_eq!(
        goal(|g| {
            g.measure = Some(Measure {
                what: "".into(),
                baseline: Amount(0),
                target: Amount(1),
                current: Amount(0),
            })
        }),
        Err(Rule::MeasureRequired)
    );
    assert_eq!(
        goal(|g| {
            g.milestones = (0..=MILESTONES_MAX)
                .map(|n| Milestone {
                    id: id(&format!("ms-{n}")),
                    title: Title::parse("Step").unwrap(),
                    done_on: None,
                })
                .collect()
        }),
        Err(Rule::MilestoneLimit)
    );
    assert_eq!(
        goal(|g| g.relationship = Some(id("rel-gone"))),
        Err(Rule::UnknownRecord)
    );
    assert_eq!(
        goal(|g| g.owner = id("james")),
        Err(Rule::NotPermitted),
        "only the pair sets goals in a relationship"
    );
}

/// A goal set in a pair stays its owner's after they are taken off it: the host takes their
/// changes to it, but no new goal of theirs in the pair.
#[test]
fn a_goal_stays_its_owners_to_change_after_they_are_taken_off_the_pair() {
    let mut world = World::new();
    world.relationships[1].mentee = id("nadia");
    let before = Goal {
        relationship: Some(id("rel-m")),
        relevance: Relevance::default(),
        ..coaching_goal()
    };
    let after = Goal {
        status: GoalStatus::Achieved,
        updated_at: Millis(2),
        ..before.clone()
    };
    assert_eq!(
        world.check(Change::Goal(after.clone()), Some(Change::Goal(before))),
        Ok(())
    );
    assert_eq!(
        world.check(Change::Goal(after), None),
        Err(Rule::NotPermitted)
    );
}

/// What the portal asks of a pushed goal: a measure set with its target at its baseline is
/// refused, but a goal stored that way before the rule keeps taking its other changes.
#[test]
fn a_measure_whose_target_is_its_baseline_is_refused_only_when_set() {
    let world = World::new();
    let measured = |baseline, target| {
        let mut g = coaching_goal();
        g.measure = Some(Measure {
            what: "open tickets".into(),
            baseline: Amount(baseline),
            target: Amount(target),
            current: Amount(baseline),
        });
        g
    };
    let flat = measured(4_000, 4_000);
    assert_eq!(
        world.check(Change::Goal(flat.clone()), None),
        Err(Rule::MeasureTargetIsBaseline),
        "a new goal"
    );
    assert_eq!(
        world.check(
            Change::Goal(flat.clone()),
            Some(Change::Goal(measured(4_000, 1_000)))
        ),
        Err(Rule::MeasureTargetIsBaseline),
        "a target moved onto the baseline"
    );
    let mut achieved = flat.clone();
    achieved.status = GoalStatus::Achieved;
    achieved.measure.as_mut().unwrap().current = Amount(3_000);
    assert_eq!(
        world.check(Change::Goal(achieved), Some(Change::Goal(flat))),
        Ok(()),
        "an old goal's other changes"
    );
    assert_eq!(
        world.check(Change::Goal(measured(4_000, 1_000)), None),
        Ok(())
    );
}

#[test]
fn sessions_feedback_learning_and_notes_keep_theirs() {
    let world = World::new();
    let mut late = session();
    late.actions[0].due = Date(505);
    assert_eq!(
        world.check(Change::Session(late), None),
        Err(Rule::ActionItemDue)
    );
    let mut elsewhere = session();
    elsewhere.relationship = id("rel-gone");
    assert_eq!(
        world.check(Change::Session(elsewhere), None),
        Err(Rule::UnknownRecord)
    );
    let mut no_strength = feedback();
    no_strength.strengths.clear();
    assert_eq!(
        world.check(Change::Feedback(no_strength), None),
        Err(Rule::FeedbackStrength)
    );
    let mut no_development = feedback();
    no_development.development_areas = vec![Observation::default()];
    assert_eq!(
        world.check(Change::Feedback(no_development), None),
        Err(Rule::FeedbackDevelopmentArea)
    );
    let empty = LearningEntry {
        id: id("l-1"),
        author: id("amira"),
        relationship: id("rel-m"),
        text: "  ".into(),
        shared_with_partner: false,
        written_at: Millis(1),
    };
    assert_eq!(
        world.check(Change::Learning(empty), None),
        Err(Rule::LearningText)
    );
    let long = PrivateNote {
        id: id("n-1"),
        owner: id("amira"),
        session: id("s-1"),
        text: "x".repeat(NOTES_MAX_CHARS + 1),
    };
    assert_eq!(
        world.check(Change::PrivateNote(long), None),
        Err(Rule::TextTooLong)
    );
}

#[test]
fn a_host_refuses_a_session_outside_its_relationship_and_a_due_date_ten_years_off() {
    let world = World::new();
    // The relationship started on day 500; the host's today is day 505.
    let dated = |day: i64| Session {
        at: Millis(day * 86_400_000 + 36_000_000),
        actions: Vec::new(),
        ..session()
    };
    for day in [-7_305, 498, 505 + 367] {
        assert_eq!(
            world.check(Change::Session(dated(day)), None),
            Err(Rule::SessionDate),
            "day {day}"
        );
    }
    assert_eq!(world.check(Change::Session(dated(500)), None), Ok(()));
    assert_eq!(world.check(Change::Session(dated(505 + 365)), None), Ok(()));
    // Moved there in an edit, too.
    let before = Change::Session(dated(510));
    assert_eq!(
        world.check(Change::Session(dated(400)), Some(before)),
        Err(Rule::SessionDate)
    );
    let mut far = coaching_goal();
    far.due = Some(Date(505 + 3_653 + 2));
    assert_eq!(
        world.check(Change::Goal(far.clone()), None),
        Err(Rule::GoalDueTooFar)
    );
    // Kept as stored, a date changes nothing else's fate.
    assert_eq!(
        world.check(Change::Goal(far.clone()), Some(Change::Goal(far))),
        Ok(())
    );
}

#[test]
fn relationships_keep_their_dates_in_order_and_their_lifecycle_moving_forward() {
    let world = World::new();
    let mut backwards = world.relationship(1);
    backwards.planned_end = Date(400);
    assert_eq!(
        world.check(Change::Relationship(backwards), None),
        Err(Rule::DatesOrdered)
    );
    let with = |lifecycle: Lifecycle| {
        let mut r = world.relationship(1);
        r.lifecycle = lifecycle;
        Change::Relationship(r)
    };
    assert_eq!(
        world.check(with(Lifecycle::Paused), Some(with(Lifecycle::Active))),
        Ok(())
    );
    assert_eq!(
        world.check(with(Lifecycle::Active), Some(with(Lifecycle::Completed))),
        Err(Rule::LifecycleOrder)
    );
    let no_reason = Lifecycle::EndedEarly {
        reason: String::new(),
    };
    assert_eq!(
        world.check(with(no_reason), Some(with(Lifecycle::Active))),
        Err(Rule::LifecycleReason)
    );
    assert_eq!(
        world.check(with(Lifecycle::Completed), Some(with(Lifecycle::Completed))),
        Ok(()),
        "an unchanged lifecycle is not a move"
    );
    let mut unknown_programme = world.relationship(1);
    unknown_programme.programme = id("gone");
    assert_eq!(
        world.check(Change::Relationship(unknown_programme), None),
        Err(Rule::UnknownRecord)
    );
}

#[test]
fn a_relationship_that_is_over_takes_nothing_new_and_keeps_what_it_holds_changeable() {
    let mut world = World::new();
    for r in &mut world.relationships {
        r.lifecycle = Lifecycle::Completed;
    }
    let goal = coaching_goal();
    let mut personal = coaching_goal();
    personal.relationship = None;
    personal.relevance = Relevance::default();
    for new in [
        Change::Session(session()),
        Change::Feedback(feedback()),
        Change::Goal(goal.clone()),
    ] {
        assert_eq!(
            world.check(new.clone(), None),
            Err(Rule::RelationshipOver),
            "{new:?}"
        );
    }
    // A personal goal moved into a relationship that is over is something new in it too.
    assert_eq!(
        world.check(Change::Goal(goal.clone()), Some(Change::Goal(personal))),
        Err(Rule::RelationshipOver)
    );
    // What it held before its end is still changed by its own rules.
    let mut renamed = goal.clone();
    renamed.title = Title::parse("Win three Gulf accounts").unwrap();
    assert_eq!(
        world.check(Change::Goal(renamed), Some(Change::Goal(goal))),
        Ok(())
    );
    let mut corrected = session();
    corrected.grow.will = "Book the pilot this week".into();
    assert_eq!(
        world.check(Change::Session(corrected), Some(Change::Session(session()))),
        Ok(())
    );
    let mut too_short = session();
    too_short.minutes = 1;
    assert_eq!(
        world.check(Change::Session(too_short), Some(Change::Session(session()))),
        Err(Rule::SessionLength),
        "and only by them"
    );
    // A pause is not an end.
    for r in &mut world.relationships {
        r.lifecycle = Lifecycle::Paused;
    }
    assert_eq!(world.check(Change::Session(session()), None), Ok(()));
    assert_eq!(world.check(Change::Feedback(feedback()), None), Ok(()));
    // Proposed, not started yet: no session or feedback; its goals may be set while it waits.
    for r in &mut world.relationships {
        r.lifecycle = Lifecycle::Proposed;
    }
    for new in [Change::Session(session()), Change::Feedback(feedback())] {
        assert_eq!(
            world.check(new.clone(), None),
            Err(Rule::RelationshipNotStarted),
            "{new:?}"
        );
    }
    assert_eq!(world.check(Change::Goal(coaching_goal()), None), Ok(()));
}

#[test]
fn a_change_held_on_a_device_is_judged_as_the_host_judges_its_kind() {
    let world = World::new();
    let context = RecordContext {
        relationships: &world.relationships,
        programmes: &world.programmes,
        directory: &world.directory,
        today: Date(505),
        ended: &[],
        sessions: &[],
    };
    let judged =
        |change: &Change, by: &str| check_as_pushed(change, &id(by), context).map_err(|r| r.rule);
    // A relationship is one of the pair's change of its agreement or status: the pair's own
    // rule, not the rules of a new relationship (its dates out of order pass here).
    let mut muddled = world.relationship(0);
    muddled.planned_end = Date(400);
    let muddled = Change::Relationship(muddled);
    assert!(world.check(muddled.clone(), None).is_err());
    assert_eq!(judged(&muddled, "amira"), Ok(()));
    assert_eq!(judged(&muddled, "james"), Err(Rule::NotPermitted));
    let mut over = world.relationship(0);
    over.lifecycle = Lifecycle::Completed;
    assert_eq!(
        judged(&Change::Relationship(over), "sofia"),
        Err(Rule::RelationshipOver)
    );
    // Any other record is held to its kind's rules as a new one.
    let mut early = session();
    early.at = Millis(400 * 86_400_000);
    let early = Change::Session(early);
    assert_eq!(judged(&early, "sofia"), Err(Rule::SessionDate));
    assert_eq!(world.check(early, None), Err(Rule::SessionDate));
    assert_eq!(judged(&Change::Session(session()), "sofia"), Ok(()));
}
