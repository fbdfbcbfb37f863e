//! How a programme is doing: relationship health and its actions, dashboard aggregates with
//! the small-group rule, exports — and that nothing private feeds any of them.

use mentoring_core::dashboard::{dashboard, months_of, Figure, Mean, Month, ProgrammeRecords};
use mentoring_core::evaluation::{CheckIn, Observer, OutcomeFigure, SelfAssessment, Stage};
use mentoring_core::export::csv::{Cell, CsvWriter, BOM};
use mentoring_core::export::json::JsonWriter;
use mentoring_core::export::{
    aggregates_csv, own_record_count, personal_csv, personal_json, relationships_csv, Reading,
};
use mentoring_core::feedback::{RatingScale, Ratings, Visibility};
use mentoring_core::goal::Relevance;
use mentoring_core::health::{
    actions_offered, check_nudge, check_nudge_interval, end_early, extend, last_nudge, nudge_pair,
    relationship_health, rematch, signals_now, start, unmatched_mentees, HealthAction,
    HealthSettings, Nudge, Signal,
};
use mentoring_core::permissions::{may_see, Record, Viewer};
use mentoring_core::session::{Grow, Place};
use mentoring_core::*;

const DAY: i64 = 86_400_000;

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

fn day(date: &str) -> Date {
    Date::parse(date).unwrap()
}

fn at(date: &str) -> Millis {
    Millis(i64::from(day(date).0) * DAY + 10 * 3_600_000)
}

fn programme() -> Programme {
    let mut p = Programme::new(
        id("prog"),
        ProgrammeKind::Mentoring,
        "Leadership",
        day("2026-09-01"),
    );
    p.ends = Some(day("2027-12-31"));
    p.admins = vec![id("hr")];
    p
}

/// Relationship `n`: mentor `m{n}`, mentee `e{n}`.
fn relationship(n: usize) -> Relationship {
    Relationship {
        id: id(&format!("r{n}")),
        kind: RelationshipKind::Mentoring,
        programme: id("prog"),
        mentor: id(&format!("m{n}")),
        mentee: id(&format!("e{n}")),
        purpose: "PURPOSE-TEXT".into(),
        ground_rules: "GROUND-RULES".into(),
        starts: day("2026-09-01"),
        planned_end: day("2027-09-01"),
        lifecycle: Lifecycle::Active,
        target_role: None,
        agreed: Default::default(),
    }
}

fn goal(key: &str, r: usize, status: GoalStatus, created: &str, updated: &str) -> Goal {
    Goal {
        id: id(key),
        owner: id(&format!("e{r}")),
        relationship: Some(id(&format!("r{r}"))),
        title: Title::parse("Present to the board").unwrap(),
        measure: None,
        due: None,
        relevance: Relevance::default(),
        milestones: vec![],
        manual_progress: Progress::default(),
        progress_from: Default::default(),
        status,
        history: vec![],
        created_at: at(created),
        updated_at: at(updated),
    }
}

fn session(key: &str, r: usize, when: &str) -> Session {
    Session {
        id: id(key),
        relationship: id(&format!("r{r}")),
        author: id(&format!("m{r}")),
        partner: Some(id(&format!("e{r}"))),
        at: at(when),
        time_zone: "Europe/London".into(),
        minutes: 60,
        place: Place::Online,
        grow: Grow {
            goal: "SESSION-GOAL-TEXT".into(),
            ..Grow::default()
        },
        skills: Default::default(),
        actions: vec![],
        goals: vec![],
    }
}

fn feedback(key: &str, r: usize, rating: u8, visibility: Visibility, when: &str) -> Feedback {
    Feedback {
        id: id(key),
        giver: id(&format!("e{r}")),
        receiver: id(&format!("m{r}")),
        relationship: id(&format!("r{r}")),
        session: None,
        strengths: vec![],
        development_areas: vec![],
        ratings: Ratings::from([(RatingScale::Support, rating)]),
        overall: format!("FEEDBACK-TEXT-{key}"),
        visibility,
        given_at: at(when),
    }
}

fn records(changes: &[Change], admin: &[AdminChange]) -> ProgrammeRecords {
    ProgrammeRecords::gather(&programme(), changes, admin, None, &in_utc_zones)
}

/// Zone rules that put every zone at UTC.
fn in_utc_zones(_: Millis, _: &str) -> i32 {
    0
}

fn pairs(n: usize) -> Vec<Change> {
    (0..n)
        .map(|r| Change::Relationship(relationship(r)))
        .collect()
}

// Health -------------------------------------------------------------------------------------

#[test]
fn a_re_paired_pairs_card_counts_the_sessions_of_the_pair_now() {
    // m0 met e0 three times; the admins put x0 in e0's place, and m0 and x0 met once since.
    let mut changes = pairs(1);
    for (n, when) in ["2026-09-10", "2026-10-01", "2026-11-20"]
        .iter()
        .enumerate()
    {
        changes.push(Change::Session(session(&format!("s{n}"), 0, when)));
    }
    if let Change::Relationship(r) = &mut changes[0] {
        r.mentee = id("x0");
    }
    // Re-paired on 22 November, as the host reads its history.
    let records = |changes: &[Change], admin: &[AdminChange]| {
        let mut records = records(changes, admin);
        records.paired_on.insert(id("r0"), at("2026-11-22"));
        records
    };
    let card =
        |changes: &[Change]| relationship_health(&records(changes, &[]), by(day("2026-11-27")));
    let health = card(&changes);
    assert_eq!((health[0].sessions, health[0].last_session), (0, None));
    // Quiet is told from the re-pairing five days ago: the newcomer has had no time to meet.
    assert!(health[0].signals.is_empty(), "{:?}", health[0].signals);
    assert_eq!(health[0].last_met, Some(day("2026-11-22")));
    // A card asking the quiet signal again, as the relationship stands on the admin's device,
    // agrees with the list: both count from the same day. Six weeks on, both call it quiet.
    let Change::Relationship(r) = &changes[0] else {
        unreachable!()
    };
    let settings = records(&changes, &[]).programme.health;
    for today in [day("2026-11-27"), day("2027-01-05")] {
        let listed = relationship_health(&records(&changes, &[]), by(today));
        let keys: Vec<String> = (listed[0].signals.iter())
            .map(|s| s.key().to_owned())
            .collect();
        let on_card = signals_now(&keys, r, listed[0].last_met, today, settings);
        assert_eq!(on_card, keys, "{today}");
    }
    let mut since = session("s3", 0, "2026-11-25");
    since.partner = Some(id("x0"));
    changes.push(Change::Session(since));
    let health = card(&changes);
    assert_eq!(
        (health[0].sessions, health[0].last_session),
        (1, Some(day("2026-11-25")))
    );
    // The programme's figures count every session held.
    let board_sessions = records(&changes, &[]).sessions.len();
    assert_eq!(board_sessions, 4);
}

#[test]
fn a_re_paired_pair_that_has_not_met_since_is_quiet_from_its_re_pairing_not_the_old_pairs_last_session(
) {
    // m0 and e0 met until 20 November; x0 took e0's place on 1 October and never met m0.
    let mut changes = pairs(1);
    for (n, when) in ["2026-09-10", "2026-11-20"].iter().enumerate() {
        changes.push(Change::Session(session(&format!("s{n}"), 0, when)));
    }
    if let Change::Relationship(r) = &mut changes[0] {
        r.mentee = id("x0");
    }
    let mut records = records(&changes, &[]);
    records.paired_on.insert(id("r0"), at("2026-10-01"));
    let health = relationship_health(&records, by(day("2026-11-27")));
    // Eight weeks since the re-pairing, none with the pair now: quiet, though the old pair
    // met a week ago.
    assert_eq!(
        health[0].signals,
        vec![Signal::NoSessionYet { weeks: 8 }],
        "{:?}",
        health[0]
    );
    assert_eq!(health[0].last_met, Some(day("2026-10-01")));
    assert!(health[0].actions.contains(&HealthAction::Nudge));
    // Never re-paired, the same sessions are the pair's own: not quiet.
    let records = self::records(
        &[
            vec![Change::Relationship(relationship(0))],
            changes[1..].to_vec(),
        ]
        .concat(),
        &[],
    );
    let health = relationship_health(&records, by(day("2026-11-27")));
    assert!(health[0].signals.is_empty(), "{:?}", health[0].signals);
    assert_eq!(health[0].last_met, Some(day("2026-11-20")));
}

#[test]
fn the_health_list_judges_today_on_the_admins_own_day_not_the_utc_day() {
    // 30 November 21:00 UTC is 1 December 01:00 in Dubai (UTC+4).
    let now = Millis(i64::from(day("2026-11-30").0) * DAY + 21 * 3_600_000);
    let mut pair = relationship(0);
    pair.planned_end = day("2026-12-01");
    // Last met 3 November: four weeks (28 days) before 1 December, 27 before 30 November.
    let changes = vec![
        Change::Relationship(pair),
        Change::Session(session("s0", 0, "2026-11-03")),
    ];
    let mut records = records(&changes, &[]);
    let keys = |records: &ProgrammeRecords| -> Vec<Signal> {
        relationship_health(records, now).remove(0).signals
    };
    // In London (UTC in winter) it is still 30 November.
    assert_eq!(records.today(now), day("2026-11-30"));
    assert_eq!(
        keys(&records),
        vec![Signal::NearingEnd { days_left: 1 }],
        "UTC's day"
    );
    records.reader_offset_minutes = 240;
    assert_eq!(records.today(now), day("2026-12-01"));
    assert_eq!(
        keys(&records),
        vec![
            Signal::NoSessionFor { weeks: 4 },
            Signal::NearingEnd { days_left: 0 }
        ],
        "Dubai's day"
    );
    // The relationships CSV says the same signals.
    let health = relationship_health(&records, now);
    let csv = relationships_csv(&records, &health, &Directory::default(), now);
    assert!(
        csv.contains("no session for 4 weeks; planned end today"),
        "{csv}"
    );
}

#[test]
fn a_goal_whose_owner_was_taken_off_the_pair_is_no_longer_counted_as_the_pairs() {
    let mut changes = pairs(1);
    let mut overdue = goal("g0", 0, GoalStatus::AtRisk, "2026-09-10", "2026-09-10");
    overdue.due = Some(day("2026-11-01"));
    changes.push(Change::Goal(overdue));
    changes.push(Change::Session(session("s0", 0, "2026-11-20")));
    let today = day("2026-11-27");
    let counted = |changes: &[Change]| {
        let mut records = records(changes, &[]);
        // Re-paired (when it was) the day before: not quiet yet.
        records.paired_on.insert(id("r0"), at("2026-11-26"));
        let health = relationship_health(&records, by(today));
        let csv = relationships_csv(&records, &health, &Directory::default(), by(today));
        (
            health[0].goals,
            health[0].signals.len(),
            parse_csv(&csv)[1][11].clone(),
        )
    };
    assert_eq!(counted(&changes), (1, 2, "1".to_owned()));
    // The admins put x0 in e0's place: the goal stays e0's, not the new pair's.
    if let Change::Relationship(r) = &mut changes[0] {
        r.mentee = id("x0");
    }
    assert_eq!(counted(&changes), (0, 0, "0".to_owned()));
    assert!(
        records(&changes, &[]).goals.is_empty(),
        "nor in the programme's figures"
    );
}

#[test]
fn a_quiet_pair_overdue_goals_and_a_near_end_raise_signals_with_the_actions_they_allow() {
    let mut changes = pairs(4);
    // r0: met last week. r1: met seven weeks ago. r2: never met. r3: ends in ten days.
    changes.push(Change::Session(session("s0", 0, "2026-11-20")));
    changes.push(Change::Session(session("s1", 1, "2026-10-09")));
    changes.push(Change::Session(session("s3", 3, "2026-11-25")));
    if let Change::Relationship(r) = &mut changes[3] {
        r.planned_end = day("2026-12-07");
    }
    let mut overdue = goal("g0", 0, GoalStatus::OnTrack, "2026-09-10", "2026-09-10");
    overdue.due = Some(day("2026-11-01"));
    changes.push(Change::Goal(overdue));
    changes.push(Change::Goal(goal(
        "g1",
        0,
        GoalStatus::AtRisk,
        "2026-09-10",
        "2026-09-10",
    )));
    let health = relationship_health(&records(&changes, &[]), by(day("2026-11-27")));
    let by_id = |key: &str| health.iter().find(|h| h.relationship == id(key)).unwrap();
    assert_eq!(
        by_id("r0").signals,
        [
            Signal::GoalsOverdue { count: 1 },
            Signal::GoalsAtRisk { count: 1 }
        ]
    );
    assert_eq!(by_id("r0").goals, 2);
    assert_eq!(
        by_id("r0").actions,
        [HealthAction::Nudge, HealthAction::EndEarly]
    );
    assert_eq!(by_id("r1").signals, [Signal::NoSessionFor { weeks: 7 }]);
    assert_eq!(
        by_id("r1").actions,
        [
            HealthAction::Nudge,
            HealthAction::EndEarly,
            HealthAction::Rematch
        ]
    );
    assert_eq!(by_id("r2").signals, [Signal::NoSessionYet { weeks: 12 }]);
    assert_eq!(by_id("r3").signals, [Signal::NearingEnd { days_left: 10 }]);
    assert_eq!(
        by_id("r3").actions,
        [
            HealthAction::Nudge,
            HealthAction::Extend,
            HealthAction::EndEarly
        ]
    );
    assert_eq!(by_id("r3").last_session, Some(day("2026-11-25")));
    // The most signals first.
    assert_eq!(health[0].relationship, id("r0"));
    // Three weeks without a session is not yet quiet (four is).
    let health = relationship_health(&records(&changes, &[]), by(day("2026-10-30")));
    assert!(health
        .iter()
        .find(|h| h.relationship == id("r1"))
        .unwrap()
        .signals
        .is_empty());
}

#[test]
fn the_health_list_raises_signals_by_the_programmes_own_settings() {
    let mut changes = pairs(1);
    changes.push(Change::Session(session("s0", 0, "2026-10-01")));
    for (key, rating, when) in [
        ("a", 4, "2026-09-10"),
        ("b", 4, "2026-09-20"),
        ("c", 3, "2026-09-30"),
    ] {
        changes.push(Change::Feedback(feedback(
            &format!("s-{key}"),
            0,
            rating,
            Visibility::SharedWithPair,
            when,
        )));
    }
    // Two weeks and a day since the last session, 30 days before the planned end, the latest
    // rating a point below the earlier: by the defaults only the drop is a signal.
    let today = day("2026-10-15");
    let r0 = relationship(0);
    let planned_end = today.add_days(30);
    changes[0] = Change::Relationship(Relationship { planned_end, ..r0 });
    let signals = |p: &Programme| {
        let records = ProgrammeRecords::gather(p, &changes, &[], None, &in_utc_zones);
        relationship_health(&records, by(today)).remove(0).signals
    };
    assert_eq!(signals(&programme()), [Signal::RatingsDropping]);
    let mut own = programme();
    own.health = HealthSettings {
        quiet_weeks: 2,
        ending_within_days: 30,
        rating_drop_hundredths: 150,
    };
    assert_eq!(
        signals(&own),
        [
            Signal::NoSessionFor { weeks: 2 },
            Signal::NearingEnd { days_left: 30 }
        ]
    );
}

#[test]
fn only_ratings_shared_with_the_pair_can_raise_a_drop_and_past_planned_end_is_flagged() {
    let mut changes = pairs(2);
    for (key, rating, when) in [
        ("a", 5, "2026-09-10"),
        ("b", 5, "2026-10-10"),
        ("c", 3, "2026-11-10"),
    ] {
        changes.push(Change::Feedback(feedback(
            &format!("s-{key}"),
            0,
            rating,
            Visibility::SharedWithPair,
            when,
        )));
        changes.push(Change::Feedback(feedback(
            &format!("x-{key}"),
            1,
            rating,
            Visibility::AnonymousAggregate,
            when,
        )));
    }
    changes.push(Change::Session(session("s0", 0, "2026-11-20")));
    changes.push(Change::Session(session("s1", 1, "2026-11-20")));
    let health = relationship_health(&records(&changes, &[]), by(day("2026-11-27")));
    let signals = |key: &str| {
        health
            .iter()
            .find(|h| h.relationship == id(key))
            .unwrap()
            .signals
            .clone()
    };
    assert_eq!(signals("r0"), [Signal::RatingsDropping]);
    assert!(signals("r1").is_empty());
    let late = relationship_health(&records(&changes, &[]), by(day("2027-09-04")));
    assert!(late[0]
        .signals
        .contains(&Signal::PastPlannedEnd { days_over: 3 }));
}

#[test]
fn extend_end_early_and_rematch_keep_the_relationship_rules() {
    let p = programme();
    let r = relationship(0);
    let today = day("2027-08-20");
    let longer = extend(&r, &p, day("2027-12-01"), today).unwrap();
    assert_eq!(longer.planned_end, day("2027-12-01"));
    assert_eq!(
        extend(&r, &p, day("2027-08-01"), today).unwrap_err().rule,
        Rule::ExtensionEnd
    );
    let beyond = extend(&r, &p, day("2028-01-10"), today).unwrap_err();
    assert_eq!(beyond.rule, Rule::ExtendBeyondProgramme);
    assert!(beyond.message.contains("ends on 2027-12-31"));

    assert_eq!(end_early(&r, "  ").unwrap_err().rule, Rule::LifecycleReason);
    let ended = end_early(&r, "moved abroad").unwrap();
    assert_eq!(
        ended.lifecycle,
        Lifecycle::EndedEarly {
            reason: "moved abroad".into()
        }
    );
    assert_eq!(
        extend(&ended, &p, day("2027-12-01"), today)
            .unwrap_err()
            .rule,
        Rule::RelationshipOver
    );

    // Re-matching ends the pair and puts the mentee back among those to match.
    let enrolled = |n: usize| {
        AdminChange::Enrolment(Enrolment {
            id: id(&format!("en{n}")),
            programme: id("prog"),
            person: id(&format!("e{n}")),
            role: EnrolledAs::Mentee,
            status: EnrolmentStatus::Enrolled,
            since: day("2026-09-01"),
        })
    };
    let admin = [enrolled(0), enrolled(1), enrolled(2)];
    let changes = pairs(2);
    assert_eq!(unmatched_mentees(&records(&changes, &admin)), [id("e2")]);
    let rematched = rematch(&relationship(1), "no chemistry").unwrap();
    let changes = vec![changes[0].clone(), Change::Relationship(rematched)];
    assert_eq!(
        unmatched_mentees(&records(&changes, &admin)),
        [id("e1"), id("e2")]
    );
}

#[test]
fn a_proposed_pair_is_offered_to_its_admins_to_start_and_only_a_proposed_one_starts() {
    let proposed = Relationship {
        lifecycle: Lifecycle::Proposed,
        ..relationship(0)
    };
    let changes = vec![
        Change::Relationship(proposed.clone()),
        Change::Relationship(relationship(1)),
    ];
    let health = relationship_health(&records(&changes, &[]), by(day("2026-09-02")));
    let by_id = |key: &str| health.iter().find(|h| h.relationship == id(key)).unwrap();
    assert_eq!(by_id("r0").actions.first(), Some(&HealthAction::Start));
    assert!(!by_id("r1").actions.contains(&HealthAction::Start));

    let started = start(&proposed, day("2026-09-02")).unwrap();
    assert_eq!(started.lifecycle, Lifecycle::Active);
    assert_eq!(
        Relationship {
            lifecycle: Lifecycle::Proposed,
            starts: proposed.starts,
            ..started.clone()
        },
        proposed,
        "nothing but its lifecycle and start changes"
    );
    for not_proposed in [
        Lifecycle::Active,
        Lifecycle::Paused,
        Lifecycle::Completed,
        Lifecycle::EndedEarly {
            reason: "moved".into(),
        },
    ] {
        let r = Relationship {
            lifecycle: not_proposed.clone(),
            ..relationship(0)
        };
        assert_eq!(
            start(&r, day("2026-09-02")).unwrap_err().rule,
            Rule::LifecycleOrder,
            "{not_proposed:?}"
        );
    }
}

fn proposed_active(r: &Relationship) -> Relationship {
    Relationship {
        lifecycle: Lifecycle::Active,
        ..r.clone()
    }
}

#[test]
fn a_proposal_started_before_its_start_date_starts_that_day_and_takes_its_kick_off() {
    // Published on 20 August for a programme starting on 1 September, started on 25 August.
    let proposed = Relationship {
        lifecycle: Lifecycle::Proposed,
        ..relationship(0)
    };
    let today = day("2026-08-25");
    let kick_off = session("s-kick-off", 0, "2026-08-25");
    assert_eq!(
        session::check_session_date(&kick_off, None, &proposed, today, None)
            .unwrap_err()
            .rule,
        Rule::SessionDate
    );
    let started = start(&proposed, today).unwrap();
    assert_eq!(started.starts, today);
    assert_eq!(
        started.planned_end, proposed.planned_end,
        "the planned end stays"
    );
    assert_eq!(
        session::check_session_date(&kick_off, None, &started, today, None),
        Ok(())
    );
    assert_eq!(check_session(&kick_off, &started), Ok(()));
    // Its quiet time counts from the day it started, not from the later date.
    let settings = HealthSettings::default();
    let later = today.add_days(settings.quiet_days());
    assert_eq!(
        signals_now(&[], &started, None, later, settings),
        ["no-session"]
    );
    assert!(signals_now(&[], &proposed_active(&proposed), None, later, settings).is_empty());
}

#[test]
fn a_proposal_started_after_its_start_date_starts_the_day_it_is_started() {
    // Proposed from 1 September, started on 15 October: not quiet since September.
    let proposed = Relationship {
        lifecycle: Lifecycle::Proposed,
        ..relationship(0)
    };
    let today = day("2026-10-15");
    let started = start(&proposed, today).unwrap();
    assert_eq!(started.starts, today);
    assert_eq!(started.planned_end, proposed.planned_end);
    let settings = HealthSettings::default();
    let kept_date = proposed_active(&proposed);
    assert_eq!(
        signals_now(&[], &kept_date, None, today, settings),
        ["no-session"],
        "kept, the proposal's date would make it quiet the day it starts"
    );
    assert!(signals_now(&[], &started, None, today, settings).is_empty());
    let quiet_day = today.add_days(settings.quiet_days());
    assert!(signals_now(&[], &started, None, quiet_day.add_days(-1), settings).is_empty());
    assert_eq!(
        signals_now(&[], &started, None, quiet_day, settings),
        ["no-session"]
    );
    // No session is dated in the weeks it had not started.
    let before = session("s-before", 0, "2026-10-01");
    assert_eq!(
        session::check_session_date(&before, None, &started, today, None)
            .unwrap_err()
            .rule,
        Rule::SessionDate
    );
}

#[test]
fn sessions_before_the_programme_starts_are_counted_from_the_earliest_ones_month() {
    // A pair started early, in August, for a programme starting on 1 September.
    let mut changes = pairs(6);
    for r in 0..3 {
        changes.push(Change::Session(session(&format!("s{r}"), r, "2026-08-20")));
    }
    changes.push(Change::Session(session("s-july", 3, "2026-07-30")));
    let board = dashboard(
        &records(&changes, &[]),
        &Directory::default(),
        by(day("2026-10-30")),
    );
    let months: Vec<String> = (board.sessions_per_month.iter())
        .map(|(m, _)| m.to_string())
        .collect();
    assert_eq!(months, ["2026-07", "2026-08", "2026-09", "2026-10"]);
    assert_eq!(figure_for(&board, "2026-08"), Figure::Shown(3));
    // The goals chart still starts with the programme.
    assert_eq!(board.goals_by_status[0].month.to_string(), "2026-09");
    // With no session before its start, the chart starts with the programme.
    let board = dashboard(
        &records(&sessions_in("2026-10-15", 3), &[]),
        &Directory::default(),
        by(day("2026-10-30")),
    );
    assert_eq!(board.sessions_per_month[0].0.to_string(), "2026-09");
}

#[test]
fn sessions_after_the_programme_ends_are_counted_to_the_latest_ones_month() {
    // The programme ends on 31 December 2027; three pairs still meet in February 2028, and
    // one has booked April.
    let mut changes = pairs(6);
    for r in 0..3 {
        changes.push(Change::Session(session(&format!("s{r}"), r, "2028-02-10")));
    }
    changes.push(Change::Session(session("s-booked", 3, "2028-04-20")));
    let board = dashboard(
        &records(&changes, &[]),
        &Directory::default(),
        by(day("2028-03-15")),
    );
    let months: Vec<String> = (board.sessions_per_month.iter())
        .map(|(m, _)| m.to_string())
        .collect();
    assert_eq!(months.first().map(String::as_str), Some("2026-09"));
    assert_eq!(
        &months[months.len() - 3..],
        ["2027-12", "2028-01", "2028-02"],
        "up to the latest session held, not the one booked nor today's month"
    );
    assert_eq!(figure_for(&board, "2028-02"), Figure::Shown(3));
    // The goals chart still ends with the programme.
    assert_eq!(
        board.goals_by_status.last().map(|g| g.month.to_string()),
        Some("2027-12".to_owned())
    );
    // With no session after its end, the chart ends with the programme.
    let board = dashboard(
        &records(&sessions_in("2027-11-15", 3), &[]),
        &Directory::default(),
        by(day("2028-03-15")),
    );
    assert_eq!(
        board.sessions_per_month.last().map(|(m, _)| m.to_string()),
        Some("2027-12".to_owned())
    );
}

#[test]
fn a_proposal_is_offered_what_a_proposal_takes_and_no_nudge() {
    // A proposal with a goal already overdue and its planned end a week away.
    let proposed = Relationship {
        lifecycle: Lifecycle::Proposed,
        planned_end: day("2026-11-10"),
        ..relationship(0)
    };
    let mut overdue = goal("g0", 0, GoalStatus::OnTrack, "2026-09-10", "2026-09-10");
    overdue.due = Some(day("2026-10-01"));
    let changes = vec![
        Change::Relationship(proposed.clone()),
        Change::Goal(overdue),
    ];
    let health = relationship_health(&records(&changes, &[]), by(day("2026-11-03")));
    assert_eq!(
        health[0].signals,
        [
            Signal::GoalsOverdue { count: 1 },
            Signal::NearingEnd { days_left: 7 }
        ]
    );
    assert_eq!(
        health[0].actions,
        [
            HealthAction::Start,
            HealthAction::Extend,
            HealthAction::EndEarly,
            HealthAction::Rematch
        ]
    );
    // Once started, the same pair may be nudged about what it shows.
    let started = start(&proposed, day("2026-11-03")).unwrap();
    let offered = actions_offered(
        &started,
        &["goals-overdue", "nearing-end"],
        day("2026-11-03"),
        HealthSettings::default(),
        true,
    );
    assert_eq!(
        offered,
        [
            HealthAction::Nudge,
            HealthAction::Extend,
            HealthAction::EndEarly
        ]
    );
}

#[test]
fn an_extension_shows_at_once_in_a_pairs_signals_and_actions() {
    let settings = HealthSettings::default();
    let today = day("2027-08-25");
    let reported: Vec<String> = vec!["no-session".into(), "nearing-end".into()];
    let r = relationship(0);
    assert_eq!(signals_now(&reported, &r, None, today, settings), reported);
    let p = programme();
    let extended = extend(&r, &p, day("2027-12-01"), today).unwrap();
    let now = signals_now(&reported, &extended, None, today, settings);
    assert_eq!(now, ["no-session"], "the end is no longer near");
    let keys: Vec<&str> = now.iter().map(String::as_str).collect();
    assert_eq!(
        actions_offered(&extended, &keys, today, settings, true),
        [
            HealthAction::Nudge,
            HealthAction::EndEarly,
            HealthAction::Rematch
        ],
        "no Extend once the end is months away"
    );
    // Reported as near a week ago, the end has since passed: said as passed.
    let later = day("2027-09-03");
    assert_eq!(
        signals_now(&reported, &r, None, later, settings),
        ["no-session", "past-planned-end"]
    );
    // Once over, no signal at all (a pair that is over has no health to watch, whatever the
    // host last reported), and nothing to do.
    let ended = end_early(&r, "moved").unwrap();
    assert!(signals_now(&reported, &ended, None, later, settings).is_empty());
    assert!(actions_offered(&ended, &["no-session"], later, settings, true).is_empty());
}

#[test]
fn a_pair_started_shows_at_once_the_quiet_signal_and_the_actions_the_host_would_give_it() {
    let settings = HealthSettings::default();
    let today = day("2026-11-03");
    // Proposed on 1 September and started today: the host reported a proposal, no signal,
    // and the pair starts today, so it is not quiet yet either.
    let proposed = Relationship {
        lifecycle: Lifecycle::Proposed,
        ..relationship(0)
    };
    assert!(signals_now(&[], &proposed, None, today, settings).is_empty());
    let started = start(&proposed, today).unwrap();
    assert!(signals_now(&[], &started, None, today, settings).is_empty());
    // Weeks later with no session, quiet on the device as in the host's list.
    let later = today.add_days(settings.quiet_days());
    let now = signals_now(&[], &started, None, later, settings);
    assert_eq!(now, ["no-session"]);
    let keys: Vec<&str> = now.iter().map(String::as_str).collect();
    let offered = actions_offered(&started, &keys, later, settings, true);
    assert_eq!(
        offered,
        [
            HealthAction::Nudge,
            HealthAction::EndEarly,
            HealthAction::Rematch
        ]
    );
    let records = records(&[Change::Relationship(started.clone())], &[]);
    let health = relationship_health(&records, by(later));
    assert_eq!(health[0].actions, offered);
    let reported: Vec<&str> = health[0].signals.iter().map(Signal::key).collect();
    assert_eq!(reported, keys);
    // A session the host counted, last week: not quiet, so nothing to nudge about.
    let met = Some(later.add_days(-7));
    assert!(signals_now(&[], &started, met, later, settings).is_empty());
    // Reported quiet before a session the host now counts: the reported signal gives way.
    let stale = vec!["no-session".to_owned(), "goals-overdue".to_owned()];
    assert_eq!(
        signals_now(&stale, &started, met, later, settings),
        ["goals-overdue"]
    );
}

#[test]
fn a_nudge_names_every_signal_the_pair_shows() {
    let p = programme();
    let r = relationship(0);
    let sent = nudge_pair(
        &r,
        &["no-session", "past-planned-end"],
        &id("hr"),
        Millis(100 * DAY),
        || id("n1"),
    );
    for nudge in &sent {
        assert_eq!(
            nudge.reasons().collect::<Vec<_>>(),
            ["no-session", "past-planned-end"]
        );
        assert_eq!(check_nudge(nudge, &r, &p, &[]), Ok(()));
    }
    // One key it does not know, or none at all, and the nudge is refused.
    for reasons in [&["no-session", "bored"][..], &[]] {
        let [nudge, _] = nudge_pair(&r, reasons, &id("hr"), Millis(100 * DAY), || id("n2"));
        assert_eq!(
            check_nudge(&nudge, &r, &p, &[]).unwrap_err().rule,
            Rule::UnknownRecord,
            "{reasons:?}"
        );
    }
}

#[test]
fn a_nudge_goes_from_an_admin_to_one_of_the_pair_about_a_signal() {
    let p = programme();
    let r = relationship(0);
    let nudge = Nudge {
        id: id("n1"),
        programme: id("prog"),
        relationship: id("r0"),
        to: id("e0"),
        reason: "no-session".into(),
        by: id("hr"),
        at: Millis(1),
    };
    assert_eq!(check_nudge(&nudge, &r, &p, &[]), Ok(()));
    let refused = |n: Nudge| check_nudge(&n, &r, &p, &[]).unwrap_err().rule;
    assert_eq!(
        refused(Nudge {
            by: id("m0"),
            ..nudge.clone()
        }),
        Rule::NotPermitted
    );
    assert_eq!(
        refused(Nudge {
            to: id("someone"),
            ..nudge.clone()
        }),
        Rule::NudgeRecipient
    );
    assert_eq!(
        refused(Nudge {
            reason: "bored".into(),
            ..nudge.clone()
        }),
        Rule::UnknownRecord
    );
    let completed = Relationship {
        lifecycle: Lifecycle::Completed,
        ..r.clone()
    };
    assert_eq!(
        check_nudge(&nudge, &completed, &p, &[]).unwrap_err().rule,
        Rule::RelationshipOver
    );
}

#[test]
fn nudging_a_pair_tells_both_of_them_once_each() {
    let p = programme();
    let r = relationship(0);
    let mut n = 0;
    let sent = nudge_pair(&r, &["no-session"], &id("hr"), Millis(100 * DAY), || {
        n += 1;
        id(&format!("n{n}"))
    });
    let told: Vec<&str> = sent.iter().map(|n| n.to.as_str()).collect();
    assert_eq!(told, ["e0", "m0"]);
    // Each passes beside the other: the mentor's is not "the pair nudged again".
    for nudge in &sent {
        assert_eq!(check_nudge(nudge, &r, &p, &sent), Ok(()), "{nudge:?}");
        assert_eq!(nudge.reason, "no-session");
        assert_eq!(nudge.programme, id("prog"));
    }
    // Within the week, neither is nudged again.
    for again in nudge_pair(&r, &["no-session"], &id("hr"), Millis(103 * DAY), || {
        id("n3")
    }) {
        assert_eq!(
            check_nudge(&again, &r, &p, &sent).unwrap_err().rule,
            Rule::NudgedRecently
        );
    }
    // The screen offers the pair again only once the week is out for both; one of them told
    // and the other not (the second write failed) leaves it offered, to reach the other.
    let pair = [&r.mentor, &r.mentee];
    let later = Millis(103 * DAY);
    assert_eq!(
        check_nudge_interval(&r.id, pair, later, &sent)
            .unwrap_err()
            .rule,
        Rule::NudgedRecently
    );
    assert_eq!(check_nudge_interval(&r.id, pair, later, &sent[..1]), Ok(()));
    let retry = nudge_pair(&r, &["no-session"], &id("hr"), later, || id("n4"));
    let due: Vec<&str> = (retry.iter())
        .filter(|n| check_nudge(n, &r, &p, &sent[..1]).is_ok())
        .map(|n| n.to.as_str())
        .collect();
    assert_eq!(due, ["m0"], "only the one not told yet");
    // Each of the pair reads their own nudge, and not the other's.
    for nudge in &sent {
        let viewer = Viewer {
            person: &nudge.to,
            admin_of: &[],
        };
        for other in &sent {
            assert_eq!(
                may_see(viewer, Record::Nudge(other)),
                other.to == nudge.to,
                "{other:?}"
            );
        }
    }
}

#[test]
fn a_pair_is_nudged_at_most_once_in_7_days_whichever_arrives_first() {
    let p = programme();
    let r = relationship(0);
    let first = Nudge {
        id: id("n1"),
        programme: id("prog"),
        relationship: id("r0"),
        to: id("e0"),
        reason: "no-session".into(),
        by: id("hr"),
        at: Millis(100 * DAY),
    };
    let again = |id_: &str, at: i64| Nudge {
        id: id(id_),
        at: Millis(at),
        ..first.clone()
    };
    let earlier = [first.clone()];
    let refused = check_nudge(&again("n2", 107 * DAY - 1), &r, &p, &earlier).unwrap_err();
    assert_eq!(refused.rule, Rule::NudgedRecently);
    assert_eq!(refused.args, ["7"]);
    assert!(refused.message.contains("7 days"), "{}", refused.message);
    // One made offline before the first, and arriving after it, is refused too.
    assert_eq!(
        check_nudge(&again("n0", 94 * DAY), &r, &p, &earlier)
            .unwrap_err()
            .rule,
        Rule::NudgedRecently
    );
    assert_eq!(
        check_nudge(&again("n2", 107 * DAY), &r, &p, &earlier),
        Ok(())
    );
    // The nudge itself (checked again, as the portal does on every op) and another pair's
    // nudges do not count.
    assert_eq!(check_nudge(&first, &r, &p, &earlier), Ok(()));
    let other_pair = Nudge {
        id: id("n9"),
        relationship: id("r1"),
        ..first.clone()
    };
    assert_eq!(
        check_nudge(
            &again("n2", 101 * DAY),
            &r,
            &p,
            std::slice::from_ref(&other_pair)
        ),
        Ok(())
    );
    let later = again("n3", 120 * DAY);
    assert_eq!(
        last_nudge(&[first.clone(), later.clone(), other_pair], &id("r0")),
        Some(&later)
    );
    assert_eq!(last_nudge(&[], &id("r0")), None);
}

// The small-group rule -----------------------------------------------------------------------

fn sessions_in(month_of: &str, pairs_met: usize) -> Vec<Change> {
    let mut changes = pairs(6);
    for r in 0..pairs_met {
        changes.push(Change::Session(session(&format!("s{r}"), r, month_of)));
    }
    changes
}

fn figure_for(board: &mentoring_core::dashboard::Dashboard, month: &str) -> Figure<u32> {
    board
        .sessions_per_month
        .iter()
        .find(|(m, _)| m.to_string() == month)
        .map(|(_, f)| f.clone())
        .unwrap()
}

/// A test's zone rules, for instants in summer and autumn 2026: London on summer time, Dubai,
/// any other zone at UTC.
fn summer_offsets(_: Millis, zone: &str) -> i32 {
    match zone {
        "Europe/London" => 60,
        "Asia/Dubai" => 240,
        _ => 0,
    }
}

#[test]
fn a_session_counts_in_the_month_and_on_the_day_it_had_in_its_own_zone() {
    const MINUTE: i64 = 60_000;
    let mut changes = pairs(6);
    // 00:30 on 1 October in London, 23:30 UTC on 30 September.
    for r in 0..3 {
        let mut s = session(&format!("s{r}"), r, "2026-10-01");
        s.at = Millis(s.at.0 - 10 * 60 * MINUTE - 30 * MINUTE);
        changes.push(Change::Session(s));
    }
    // 03:59 on 1 October in Dubai, 23:59 UTC on 30 September.
    let mut dubai = session("s3", 3, "2026-10-01");
    dubai.time_zone = "Asia/Dubai".into();
    dubai.at = Millis(dubai.at.0 - 10 * 60 * MINUTE - MINUTE);
    changes.push(Change::Session(dubai));
    // Planned at 02:00 on 1 December in Dubai, 22:00 UTC on 30 November.
    let mut ahead = session("s4", 0, "2026-12-01");
    ahead.time_zone = "Asia/Dubai".into();
    ahead.at = Millis(ahead.at.0 - 12 * 60 * MINUTE);
    changes.push(Change::Session(ahead));

    let now = by(day("2026-11-15"));
    let records = ProgrammeRecords::gather(&programme(), &changes, &[], None, &summer_offsets);
    let board = dashboard(&records, &Directory::default(), now);
    assert_eq!(figure_for(&board, "2026-10"), Figure::Shown(4));
    assert_eq!(figure_for(&board, "2026-09"), Figure::Shown(0));
    let health = relationship_health(&records, now);
    let of = |r: &str| health.iter().find(|h| h.relationship == id(r)).unwrap();
    for r in ["r0", "r3"] {
        assert_eq!(of(r).last_session, Some(day("2026-10-01")), "{r}");
        assert_eq!(of(r).last_met, Some(day("2026-10-01")), "{r}");
    }
    assert_eq!(of("r0").next_session, Some(day("2026-12-01")));
    let rows = parse_csv(&relationships_csv(
        &records,
        &health,
        &Directory::default(),
        now,
    ));
    let r3 = rows.iter().find(|row| row[1] == "r3").unwrap();
    assert_eq!(r3[13], "2026-10-01", "{r3:?}");

    // Dated by UTC they would be September's.
    let in_utc = ProgrammeRecords::gather(&programme(), &changes, &[], None, &in_utc_zones);
    let board = dashboard(&in_utc, &Directory::default(), now);
    assert_eq!(figure_for(&board, "2026-09"), Figure::Shown(4));
}

#[test]
fn a_figure_about_four_people_is_hidden_and_about_five_is_shown() {
    // Two pairs meeting are four people: hidden. Three pairs are six: shown.
    let board = dashboard(
        &records(&sessions_in("2026-10-15", 2), &[]),
        &Directory::default(),
        by(day("2026-11-30")),
    );
    assert_eq!(figure_for(&board, "2026-10"), Figure::Hidden);
    assert_eq!(figure_for(&board, "2026-09"), Figure::Shown(0));
    let board = dashboard(
        &records(&sessions_in("2026-10-15", 3), &[]),
        &Directory::default(),
        by(day("2026-11-30")),
    );
    assert_eq!(figure_for(&board, "2026-10"), Figure::Shown(3));

    // Ratings: four givers of a 4 are hidden, five are shown.
    let rated = |givers: usize| {
        let mut changes = pairs(6);
        for r in 0..givers {
            changes.push(Change::Feedback(feedback(
                &format!("f{r}"),
                r,
                4,
                Visibility::AnonymousAggregate,
                "2026-10-01",
            )));
        }
        dashboard(
            &records(&changes, &[]),
            &Directory::default(),
            by(day("2026-11-30")),
        )
    };
    let support = |board: &mentoring_core::dashboard::Dashboard| {
        board
            .ratings
            .iter()
            .find(|d| d.scale == RatingScale::Support)
            .unwrap()
            .counts
            .clone()
    };
    assert_eq!(support(&rated(4))[3], Figure::Hidden);
    assert_eq!(rated(4).kirkpatrick.reaction, Figure::Hidden);
    assert_eq!(support(&rated(5))[3], Figure::Shown(5));
    assert_eq!(
        rated(5).kirkpatrick.reaction,
        Figure::Shown(Mean {
            hundredths: 400,
            count: 5
        })
    );

    // A row that fewer than five people rated is hidden whole: its zeros would say where
    // the hidden few are (four anonymous 4s would read as [0, 0, 0, hidden, 0]).
    for givers in [1, 4] {
        assert_eq!(
            support(&rated(givers)),
            [const { Figure::Hidden }; 5],
            "{givers} givers"
        );
    }
    // Five people in the row: a part of fewer than five is hidden, and the smallest shown
    // part with it, so the hidden one cannot be worked out from the row's total.
    let mut changes = pairs(6);
    for (r, rating) in [5, 5, 5, 5, 5, 3].into_iter().enumerate() {
        changes.push(Change::Feedback(feedback(
            &format!("f{r}"),
            r,
            rating,
            Visibility::AnonymousAggregate,
            "2026-10-01",
        )));
    }
    let mixed = dashboard(
        &records(&changes, &[]),
        &Directory::default(),
        by(day("2026-11-30")),
    );
    assert_eq!(
        support(&mixed),
        [
            Figure::Shown(0),
            Figure::Shown(0),
            Figure::Hidden,
            Figure::Shown(0),
            Figure::Hidden
        ]
    );

    // Enrolment counts follow the same rule.
    let enrolled = |n: usize| -> Vec<AdminChange> {
        (0..n)
            .map(|k| {
                AdminChange::Enrolment(Enrolment {
                    id: id(&format!("en{k}")),
                    programme: id("prog"),
                    person: id(&format!("e{k}")),
                    role: EnrolledAs::Mentee,
                    status: EnrolmentStatus::Enrolled,
                    since: day("2026-09-01"),
                })
            })
            .collect()
    };
    assert_eq!(
        dashboard(
            &records(&[], &enrolled(4)),
            &Directory::default(),
            by(day("2026-11-30"))
        )
        .mentees,
        Figure::Hidden
    );
    assert_eq!(
        dashboard(
            &records(&[], &enrolled(5)),
            &Directory::default(),
            by(day("2026-11-30"))
        )
        .mentees,
        Figure::Shown(5)
    );
}

#[test]
fn the_people_figures_count_who_takes_part_as_the_programme_screen_does() {
    // Grades 4 and up may join: six mentees of grade 4, two of grade 3, five willing mentors,
    // and the programme's admin.
    let mut people: Vec<Person> = (0..6)
        .map(|k| Person {
            grade: Grade(4),
            ..Person::new(id(&format!("in{k}")), "In")
        })
        .collect();
    people.extend((0..2).map(|k| Person {
        grade: Grade(3),
        ..Person::new(id(&format!("out{k}")), "Out")
    }));
    people.extend((0..5).map(|k| Person {
        grade: Grade(9),
        willing_to_mentor: true,
        ..Person::new(id(&format!("m{k}")), "Mentor")
    }));
    people.push(Person::new(id("hr"), "Admin"));
    let directory = Directory::new(people);
    let mut records = records(&[], &[]);
    records.programme.eligibility = PeopleFilter {
        grades: Some(programme::GradeRange {
            lowest: Grade(4),
            highest: Grade(9),
        }),
        ..PeopleFilter::default()
    };
    let cohort = matching::Enrolment::for_programme(
        &directory,
        &records.programme,
        (&records.enrolments, &records.relationships),
        day("2026-11-30"),
    );
    assert_eq!(cohort.mentees.len(), 6);
    let board = dashboard(&records, &directory, by(day("2026-11-30")));
    assert_eq!(board.mentees, Figure::Shown(6));
    assert_eq!(board.mentors, Figure::Shown(5));
    assert_eq!(board.invited, Figure::Shown(0));

    // With an enrolment list the list counts: someone invited, in either role, is counted
    // as invited, not as taking part (they have not accepted).
    let enrol = |k: usize, person: &str, role, status| Enrolment {
        id: id(&format!("en{k}")),
        programme: id("prog"),
        person: id(person),
        role,
        status,
        since: day("2026-09-01"),
    };
    let mut list: Vec<Enrolment> = (0..5)
        .map(|k| {
            enrol(
                k,
                &format!("in{k}"),
                EnrolledAs::Mentee,
                EnrolmentStatus::Enrolled,
            )
        })
        .collect();
    list.extend((0..5).map(|k| {
        enrol(
            10 + k,
            &format!("m{k}"),
            EnrolledAs::Mentor { capacity: 2 },
            EnrolmentStatus::Invited,
        )
    }));
    list.push(enrol(
        20,
        "in5",
        EnrolledAs::Mentee,
        EnrolmentStatus::Invited,
    ));
    records.enrolments = list;
    let board = dashboard(&records, &directory, by(day("2026-11-30")));
    assert_eq!(board.mentees, Figure::Shown(5));
    assert_eq!(board.mentors, Figure::Shown(0));
    assert_eq!(board.invited, Figure::Shown(6));
}

#[test]
fn one_hidden_part_of_a_breakdown_hides_another_so_it_cannot_be_worked_out() {
    // Six pairs: five active, one paused. "Paused" (2 people) is hidden, and so is the
    // smallest shown part, or the total of relationships would give it away.
    let mut changes = pairs(6);
    if let Change::Relationship(r) = &mut changes[5] {
        r.lifecycle = Lifecycle::Paused;
    }
    let board = dashboard(
        &records(&changes, &[]),
        &Directory::default(),
        by(day("2026-11-30")),
    );
    assert_eq!(
        board.relationships,
        [
            Figure::Shown(0),
            Figure::Hidden,
            Figure::Hidden,
            Figure::Shown(0),
            Figure::Shown(0),
            Figure::Shown(0)
        ]
    );
}

#[test]
fn goals_by_status_over_time_count_only_what_is_known_at_each_months_end() {
    let mut changes = pairs(6);
    for r in 0..6 {
        // Created in September; five achieved in November, one changed in November too.
        changes.push(Change::Goal(goal(
            &format!("g{r}"),
            r,
            GoalStatus::Achieved,
            "2026-09-05",
            "2026-11-10",
        )));
        changes.push(Change::Goal(goal(
            &format!("h{r}"),
            r,
            GoalStatus::OnTrack,
            "2026-09-05",
            "2026-09-06",
        )));
    }
    // A personal goal is its owner's alone: not counted.
    let mut personal = goal("p0", 0, GoalStatus::Dropped, "2026-09-05", "2026-09-05");
    personal.relationship = None;
    changes.push(Change::Goal(personal));
    let board = dashboard(
        &records(&changes, &[]),
        &Directory::default(),
        by(day("2026-11-20")),
    );
    let months: Vec<String> = board
        .goals_by_status
        .iter()
        .map(|g| g.month.to_string())
        .collect();
    assert_eq!(months, ["2026-09", "2026-10", "2026-11"]);
    let september = &board.goals_by_status[0];
    assert_eq!(
        september.by_status,
        [
            Figure::Shown(6),
            Figure::Shown(0),
            Figure::Shown(0),
            Figure::Shown(0)
        ]
    );
    assert_eq!(september.changed_since, Figure::Shown(6));
    let november = &board.goals_by_status[2];
    assert_eq!(
        november.by_status,
        [
            Figure::Shown(6),
            Figure::Shown(0),
            Figure::Shown(6),
            Figure::Shown(0)
        ]
    );
    assert_eq!(november.changed_since, Figure::Shown(0));
}

#[test]
fn series_run_from_the_programmes_start_to_today_or_its_end() {
    let p = programme();
    let months = months_of(&p, day("2027-02-10"));
    assert_eq!(
        months.first(),
        Some(&Month {
            year: 2026,
            month: 9
        })
    );
    assert_eq!(
        months.last(),
        Some(&Month {
            year: 2027,
            month: 2
        })
    );
    assert_eq!(months_of(&p, day("2030-01-01")).len(), 16);
    assert!(months_of(&p, day("2026-08-01")).is_empty());
    assert_eq!(
        Month {
            year: 2024,
            month: 2
        }
        .last_day(),
        day("2024-02-29")
    );
}

#[test]
fn kirkpatrick_levels_without_data_are_absent_and_with_data_follow_the_small_group_rule() {
    let board = dashboard(
        &records(&pairs(6), &[]),
        &Directory::default(),
        by(day("2026-11-30")),
    );
    let k = &board.kirkpatrick;
    assert_eq!(k.reaction, Figure::Absent);
    assert_eq!(k.learning, Figure::Absent);
    assert_eq!(k.behaviour_by_managers, Figure::Absent);
    assert_eq!(k.results, Figure::Absent);

    let assessed = |people: usize| -> Vec<AdminChange> {
        let mut admin = Vec::new();
        for n in 0..people {
            for (stage, score) in [(Stage::Start, 2), (Stage::End, 2 + (n % 2) as u8)] {
                admin.push(AdminChange::SelfAssessment(SelfAssessment {
                    id: id(&format!("sa{n}-{score}-{stage:?}")),
                    programme: id("prog"),
                    person: id(&format!("e{n}")),
                    stage,
                    score,
                    written_at: Millis(n as i64),
                }));
            }
            admin.push(AdminChange::CheckIn(CheckIn {
                id: id(&format!("ci{n}")),
                programme: id("prog"),
                about: id(&format!("e{n}")),
                by: id(&format!("boss{n}")),
                observer: Observer::Manager,
                score: 4,
                written_at: Millis(0),
            }));
        }
        admin
    };
    let four = dashboard(
        &records(&[], &assessed(4)),
        &Directory::default(),
        by(day("2026-11-30")),
    )
    .kirkpatrick;
    assert_eq!(four.learning, Figure::Hidden);
    assert_eq!(four.behaviour_by_managers, Figure::Hidden);
    let five = dashboard(
        &records(&[], &assessed(5)),
        &Directory::default(),
        by(day("2026-11-30")),
    )
    .kirkpatrick;
    let shift = five.learning.shown().unwrap();
    assert_eq!((shift.people, shift.improved), (5, 2));
    assert_eq!((shift.start.hundredths, shift.end.hundredths), (200, 240));
    assert_eq!(
        five.behaviour_by_managers,
        Figure::Shown(Mean {
            hundredths: 400,
            count: 5
        })
    );
    assert_eq!(five.behaviour_by_peers, Figure::Absent);

    let outcomes = vec![OutcomeFigure {
        label: "Retention of participants".into(),
        value: "96 %".into(),
    }];
    let with_results = ProgrammeRecords::gather(
        &programme(),
        &[],
        &[],
        Some(outcomes.clone()),
        &in_utc_zones,
    );
    let board = dashboard(&with_results, &Directory::default(), by(day("2026-11-30")));
    assert_eq!(board.kirkpatrick.results, Figure::Shown(outcomes));
    // The host's outcome goes out as it sent it, its own words in `value`.
    let csv = aggregates_csv(&board, "Leadership");
    assert!(
        csv.contains("\r\nLeadership,results,,Retention of participants,96 %,shown\r\n"),
        "{csv}"
    );
}

// Privacy ------------------------------------------------------------------------------------

/// A programme with enough activity that every figure is shown.
fn busy_programme() -> (Vec<Change>, Vec<AdminChange>) {
    let mut changes = pairs(6);
    for r in 0..6 {
        changes.push(Change::Session(session(&format!("s{r}"), r, "2026-10-15")));
        changes.push(Change::Goal(goal(
            &format!("g{r}"),
            r,
            GoalStatus::OnTrack,
            "2026-09-05",
            "2026-09-05",
        )));
        changes.push(Change::Feedback(feedback(
            &format!("f{r}"),
            r,
            4,
            Visibility::SharedWithPair,
            "2026-10-20",
        )));
    }
    (changes, vec![])
}

/// Everything private a participant keeps: what no admin figure may be moved by.
fn private_records() -> Vec<Change> {
    let mut private = Vec::new();
    for r in 0..6 {
        private.push(Change::PrivateNote(PrivateNote {
            id: id(&format!("note{r}")),
            owner: id(&format!("e{r}")),
            session: id(&format!("s{r}")),
            text: "PRIVATE-NOTE-TEXT, =cmd|' /C calc'!A0".into(),
        }));
        // Private feedback with a very different rating, given in another month.
        private.push(Change::Feedback(Feedback {
            overall: "PRIVATE-FEEDBACK-TEXT".into(),
            ..feedback(
                &format!("pf{r}"),
                r,
                1,
                Visibility::PrivateToReceiver,
                "2026-11-02",
            )
        }));
        private.push(Change::Learning(LearningEntry {
            id: id(&format!("learn{r}")),
            author: id(&format!("m{r}")),
            relationship: id(&format!("r{r}")),
            text: "PRIVATE-LEARNING-TEXT".into(),
            shared_with_partner: false,
            written_at: at("2026-11-03"),
        }));
        let mut personal = goal(
            &format!("pg{r}"),
            r,
            GoalStatus::AtRisk,
            "2026-09-05",
            "2026-11-05",
        );
        personal.relationship = None;
        personal.title = Title::parse("PRIVATE-GOAL-TITLE").unwrap();
        private.push(Change::Goal(personal));
    }
    private
}

/// Every admin output of a programme, as text.
fn admin_outputs(changes: &[Change], admin: &[AdminChange]) -> Vec<String> {
    let records = records(changes, admin);
    let today = day("2026-11-30");
    let board = dashboard(&records, &Directory::default(), by(today));
    let health = relationship_health(&records, by(today));
    let directory = Directory::new((0..6).flat_map(|r| {
        [
            Person::new(id(&format!("e{r}")), format!("Mentee {r}")),
            Person::new(id(&format!("m{r}")), format!("Mentor {r}")),
        ]
    }));
    vec![
        format!("{board:?}"),
        format!("{health:?}"),
        aggregates_csv(&board, &records.programme.name),
        relationships_csv(&records, &health, &directory, by(today)),
    ]
}

#[test]
fn private_notes_feedback_learning_and_personal_goals_never_move_an_admin_figure_or_export() {
    let (changes, admin) = busy_programme();
    let without = admin_outputs(&changes, &admin);
    let mut with_private = changes.clone();
    with_private.extend(private_records());
    let with = admin_outputs(&with_private, &admin);
    // Their existence changes nothing…
    assert_eq!(without, with);
    // …and their words appear nowhere, nor do the pair's own words or a session's notes.
    for output in &with {
        for secret in [
            "PRIVATE-NOTE-TEXT",
            "PRIVATE-FEEDBACK-TEXT",
            "PRIVATE-LEARNING-TEXT",
            "PRIVATE-GOAL-TITLE",
            "FEEDBACK-TEXT",
            "SESSION-GOAL-TEXT",
            "PURPOSE-TEXT",
            "GROUND-RULES",
        ] {
            assert!(!output.contains(secret), "{secret} in {output}");
        }
    }
    // The figures themselves are shown (so the test compares real numbers).
    let board = dashboard(
        &records(&with_private, &admin),
        &Directory::default(),
        by(day("2026-11-30")),
    );
    assert_eq!(figure_for(&board, "2026-10"), Figure::Shown(6));
    assert_eq!(figure_for(&board, "2026-11"), Figure::Shown(0));
    assert_eq!(
        board.kirkpatrick.reaction,
        Figure::Shown(Mean {
            hundredths: 400,
            count: 6
        })
    );
}

// Exports ------------------------------------------------------------------------------------

/// A reader's directory that knows nobody: people stay ids.
fn no_names(_: &RecordId) -> Option<String> {
    None
}

/// A reader of a personal CSV in UTC who knows the people `names` knows and no programme.
fn in_utc<'a>(names: &'a dyn Fn(&RecordId) -> Option<String>) -> Reading<'a> {
    Reading {
        name_of: names,
        programme_name: &no_names,
        offset_minutes_at: &|_| 0,
        ended_at: &|_| None,
    }
}

/// Reads CSV back (RFC 4180), for checking what the writer wrote: after the byte-order mark
/// every CSV file starts with.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = (text.strip_prefix(BOM)).unwrap_or_else(|| panic!("no byte-order mark: {text}"));
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "unterminated CSV"
    );
    rows
}

#[test]
fn csv_cells_are_quoted_when_they_must_be_and_read_back_unchanged() {
    let tricky = [
        "plain",
        "comma, inside",
        "a \"quoted\" word",
        "two\nlines",
        "carriage\r\nreturn",
        "",
        "ü and عربي",
    ];
    let mut csv = CsvWriter::new();
    let cells: Vec<Cell<'_>> = tricky.iter().map(|t| Cell::Text(t)).collect();
    csv.row(&cells);
    csv.row(&[Cell::Int(-42), Cell::Int(7)]);
    let text = csv.finish();
    assert!(text.starts_with("\u{FEFF}plain,\"comma, inside\",\"a \"\"quoted\"\" word\","));
    assert!(text.ends_with("\r\n-42,7\r\n"));
    let rows = parse_csv(&text);
    assert_eq!(rows[0], tricky);
    assert_eq!(rows[1], ["-42", "7"]);
}

#[test]
fn csv_text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised() {
    let formulas = [
        "=HYPERLINK(\"http://x\")",
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\tdata",
        "\r=1",
    ];
    let mut csv = CsvWriter::new();
    let cells: Vec<Cell<'_>> = formulas.iter().map(|t| Cell::Text(t)).collect();
    csv.row(&cells);
    let rows = parse_csv(&csv.finish());
    for (cell, original) in rows[0].iter().zip(formulas) {
        assert_eq!(cell, &format!("'{original}"));
    }
    // Only the start matters, and what follows a `;`.
    let mut csv = CsvWriter::new();
    csv.row(&[Cell::Text("a=b"), Cell::Text("x-1"), Cell::Text("a; =b;c")]);
    assert_eq!(csv.finish(), "\u{FEFF}a=b,x-1,a; =b;c\r\n");
}

/// A spreadsheet whose list separator is `;` splits a line at every `;`, inside quotes or
/// not: no cell it makes starts a formula.
#[test]
fn csv_text_after_a_semicolon_cannot_start_a_formula_where_semicolons_separate() {
    let text = "Lunch;=HYPERLINK(\"http://x\",\"y\");+1;-2;@A1;\tx;\r=1;;=2";
    let mut csv = CsvWriter::new();
    csv.row(&[Cell::Text("title"), Cell::Text(text)]);
    let written = csv.finish();
    for cell in written.split(';').skip(1) {
        assert!(
            cell.is_empty() || cell.starts_with('\''),
            "{cell:?} in {written}"
        );
    }
    // Read with `,` as the separator, the text is all there behind the apostrophes.
    let rows = parse_csv(&written);
    assert_eq!(rows[0][1].replace(";'", ";"), text);
}

#[test]
fn json_strings_are_escaped_and_parse_back_unchanged() {
    let tricky = "quote \" backslash \\ slash / newline \n tab \t bell \u{7} nul \u{0} \
                  line sep \u{2028} arabic عربي emoji 🎉";
    let mut json = JsonWriter::new();
    json.begin_object();
    json.key("text").string(tricky);
    json.key(tricky).int(-5);
    json.key("list").begin_array();
    json.string("a").null().bool(true).int(i64::MAX);
    json.begin_object().end_object();
    json.end_array();
    json.end_object();
    let text = json.finish();
    assert!(!text.contains('\n') && !text.contains('\u{0}') && !text.contains('\u{2028}'));
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed["text"], tricky);
    assert_eq!(parsed[tricky], -5);
    assert_eq!(
        parsed["list"],
        serde_json::json!(["a", null, true, i64::MAX, {}])
    );
}

#[test]
fn aggregates_csv_shows_hidden_figures_as_hidden_never_their_number() {
    let board = dashboard(
        &records(&sessions_in("2026-10-15", 2), &[]),
        &Directory::default(),
        by(day("2026-11-30")),
    );
    let rows = parse_csv(&aggregates_csv(&board, "Leadership"));
    assert_eq!(
        rows[0],
        ["programme", "figure", "period", "part", "value", "status"]
    );
    // Every row says whose figures it holds, as the relationships CSV does.
    assert!(rows[1..].iter().all(|r| r[0] == "Leadership"), "{rows:?}");
    let october = rows
        .iter()
        .find(|r| r[1] == "sessions" && r[2] == "2026-10")
        .unwrap();
    assert_eq!(october[4..], ["", "hidden"]);
    let reaction = rows.iter().find(|r| r[1] == "reaction").unwrap();
    assert_eq!(reaction[4..], ["", "not-recorded"]);
    // `value` holds figures alone, so a spreadsheet can sum or chart the column: a number, a
    // mean in hundredths, or nothing (a results row, here absent, holds the host's own text).
    for row in rows[1..].iter().filter(|r| r[1] != "results") {
        let value = &row[4];
        assert!(
            value.is_empty() || value.bytes().all(|b| b.is_ascii_digit() || b == b'.'),
            "{row:?}"
        );
        assert_eq!(value.is_empty(), row[5] != "shown", "{row:?}");
    }
    let shown = dashboard(
        &records(&sessions_in("2026-10-15", 3), &[]),
        &Directory::default(),
        by(day("2026-11-30")),
    );
    let rows = parse_csv(&aggregates_csv(&shown, "Leadership"));
    assert!(rows.contains(&vec![
        "Leadership".to_owned(),
        "sessions".into(),
        "2026-10".into(),
        "".into(),
        "3".into(),
        "shown".into()
    ]));
}

#[test]
fn the_relationships_csv_has_a_row_per_relationship_with_names_and_health() {
    let mut changes = pairs(2);
    changes.push(Change::Session(session("s0", 0, "2026-11-20")));
    let records = records(&changes, &[]);
    let today = day("2026-11-27");
    let health = relationship_health(&records, by(today));
    let directory = Directory::new([
        Person::new(id("e0"), "=Amira, \"the\" mentee"),
        Person::new(id("m0"), "James"),
    ]);
    let rows = parse_csv(&relationships_csv(&records, &health, &directory, by(today)));
    assert_eq!(rows.len(), 3);
    // Short, stable column names (`export::ADMIN_CSV_VERSION` 2).
    assert_eq!(
        rows[0],
        [
            "programme",
            "relationship",
            "kind",
            "mentor",
            "mentor_name",
            "mentee",
            "mentee_name",
            "lifecycle",
            "starts",
            "planned_end",
            "ended",
            "goals",
            "sessions",
            "last_session",
            "signals"
        ]
    );
    assert_eq!(
        rows[1],
        [
            "Leadership",
            "r0",
            "mentoring",
            "m0",
            "James",
            "e0",
            "'=Amira, \"the\" mentee",
            "active",
            "2026-09-01",
            "2027-09-01",
            "",
            "0",
            "1",
            "2026-11-20",
            ""
        ]
    );
    assert_eq!(rows[2][14], "no session yet, 12 weeks in");
}

#[test]
fn a_relationship_over_says_the_day_it_ended_and_the_file_is_named_after_the_programme() {
    let mut changes = pairs(2);
    if let Change::Relationship(r) = &mut changes[1] {
        r.lifecycle = mentoring_core::Lifecycle::Completed;
    }
    let mut records = records(&changes, &[]);
    let today = day("2026-11-27");
    // The host read both lifecycles' last writes; only the one over has ended.
    records.ended_on.insert(id("r0"), at("2026-09-01"));
    records.ended_on.insert(id("r1"), at("2026-11-02"));
    let health = relationship_health(&records, by(today));
    let rows = parse_csv(&relationships_csv(
        &records,
        &health,
        &Directory::new([]),
        by(today),
    ));
    assert_eq!((rows[1][7].as_str(), rows[1][10].as_str()), ("active", ""));
    assert_eq!(
        (rows[2][7].as_str(), rows[2][10].as_str()),
        ("completed", "2026-11-02")
    );
    assert_eq!(
        mentoring_core::export::programme_file_name(
            "Gulf Leaders: 2026 (pilot)",
            "relationships.csv"
        ),
        "gulf-leaders-2026-pilot-relationships.csv"
    );
    assert_eq!(
        mentoring_core::export::programme_file_name("قادة الخليج", "aggregates.csv"),
        "قادة-الخليج-aggregates.csv"
    );
    assert_eq!(
        mentoring_core::export::programme_file_name("—", "aggregates.csv"),
        "programme-aggregates.csv"
    );
}

/// The relationships CSV counts the sessions and finds the last one in the same set, as the
/// card does: those held with the pair as it is now, for a pair that is over too.
#[test]
fn the_relationships_csv_counts_and_dates_the_sessions_held_with_the_pair_now() {
    let mut changes = pairs(3);
    // r0: m0 met e0 three times, then x0 took e0's place; r1 completed after two sessions;
    // r2 meets next week.
    for (n, when) in ["2026-09-10", "2026-10-01", "2026-11-02"]
        .iter()
        .enumerate()
    {
        changes.push(Change::Session(session(&format!("s{n}"), 0, when)));
    }
    changes.push(Change::Session(session("t0", 1, "2026-09-15")));
    changes.push(Change::Session(session("t1", 1, "2026-10-20")));
    changes.push(Change::Session(session("u0", 2, "2026-12-03")));
    if let Change::Relationship(r) = &mut changes[0] {
        r.mentee = id("x0");
    }
    if let Change::Relationship(r) = &mut changes[1] {
        r.lifecycle = Lifecycle::Completed;
    }
    let today = day("2026-11-27");
    let counted = |changes: &[Change]| {
        let records = records(changes, &[]);
        let health = relationship_health(&records, by(today));
        let rows = parse_csv(&relationships_csv(
            &records,
            &health,
            &Directory::default(),
            by(today),
        ));
        assert_eq!(
            (rows[0][12].as_str(), rows[0][13].as_str()),
            ("sessions", "last_session")
        );
        (rows[1..].iter())
            .map(|r| (r[1].clone(), r[12].clone(), r[13].clone()))
            .collect::<Vec<_>>()
    };
    let row = |r: &str, n: &str, last: &str| (r.to_owned(), n.to_owned(), last.to_owned());
    assert_eq!(
        counted(&changes),
        [
            row("r0", "0", ""),
            row("r1", "2", "2026-10-20"),
            row("r2", "0", "")
        ]
    );
    let mut since = session("s3", 0, "2026-11-20");
    since.partner = Some(id("x0"));
    changes.push(Change::Session(since));
    assert_eq!(counted(&changes)[0], row("r0", "1", "2026-11-20"));
}

/// A pair that is over holds no more sessions: one it had planned for after it ended is not
/// held once its time passes, in sessions per month nor in the relationships CSV.
#[test]
fn a_session_planned_after_its_pair_ended_is_never_counted_as_held() {
    let mut changes = pairs(4);
    let hours = |n: i64| Millis(n * 3_600_000);
    let later = |key: &str, r: usize, when: &str, by: i64| {
        let mut s = session(key, r, when);
        s.at = Millis(s.at.0 + hours(by).0);
        Change::Session(s)
    };
    // r0 completed at noon on 2 November, after that morning's session; it had one planned
    // that afternoon and another on the 20th. r1 ended early with one planned on the 20th.
    changes.push(Change::Session(session("s0", 0, "2026-11-02")));
    changes.push(later("s0-pm", 0, "2026-11-02", 5));
    changes.push(Change::Session(session("s0-next", 0, "2026-11-20")));
    changes.push(Change::Session(session("s1-next", 1, "2026-11-20")));
    changes.push(Change::Session(session("s2", 2, "2026-11-10")));
    changes.push(Change::Session(session("s3", 3, "2026-11-12")));
    if let Change::Relationship(r) = &mut changes[0] {
        r.lifecycle = Lifecycle::Completed;
    }
    if let Change::Relationship(r) = &mut changes[1] {
        r.lifecycle = Lifecycle::EndedEarly {
            reason: "Moved on".into(),
        };
    }
    let mut records = records(&changes, &[]);
    records
        .ended_on
        .insert(id("r0"), Millis(at("2026-11-02").0 + hours(2).0));
    records.ended_on.insert(id("r1"), at("2026-11-02"));
    // r2 is active: its lifecycle last written when it started says nothing of its sessions.
    records.ended_on.insert(id("r2"), at("2026-11-01"));
    let now = by(day("2026-11-27"));

    let board = dashboard(&records, &Directory::default(), now);
    assert_eq!(figure_for(&board, "2026-11"), Figure::Shown(3));

    let health = relationship_health(&records, now);
    let rows = parse_csv(&relationships_csv(
        &records,
        &health,
        &Directory::default(),
        now,
    ));
    let row = |r: &str| {
        let row = rows.iter().find(|row| row[1] == r).unwrap();
        (row[10].as_str(), row[12].as_str(), row[13].as_str())
    };
    assert_eq!(row("r0"), ("2026-11-02", "1", "2026-11-02"));
    assert_eq!(row("r1"), ("2026-11-02", "0", ""));
    assert_eq!(row("r2"), ("", "1", "2026-11-10"));
}

#[test]
fn a_persons_export_holds_their_private_note_and_nothing_of_anyone_elses() {
    let (mut changes, _) = busy_programme();
    changes.extend(private_records());
    // Feedback amira (e0) received for anonymous aggregates only: not hers to read.
    changes.push(Change::Feedback(Feedback {
        giver: id("m0"),
        receiver: id("e0"),
        overall: "ANONYMOUS-TO-E0".into(),
        ..feedback("anon", 0, 2, Visibility::AnonymousAggregate, "2026-10-01")
    }));
    let admin = vec![AdminChange::Enrolment(Enrolment {
        id: id("en0"),
        programme: id("prog"),
        person: id("e0"),
        role: EnrolledAs::Mentee,
        status: EnrolmentStatus::Enrolled,
        since: day("2026-09-01"),
    })];
    let json = personal_json(&id("e0"), &changes, &admin, &in_utc(&no_names), Millis(99));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["person"], "e0");
    assert_eq!(parsed["format-version"], 5);
    assert_eq!(parsed["exported-at"], "1970-01-01T00:00:00Z");
    let records = parsed["records"].as_array().unwrap();
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    // Her relationship, goals (shared and personal), the pair's session, feedback she gave,
    // her private note, her enrolment.
    assert_eq!(
        ids,
        ["en0", "f0", "pf0", "g0", "pg0", "note0", "r0", "s0"],
        "{json}"
    );
    let note = records.iter().find(|r| r["id"] == "note0").unwrap();
    assert_eq!(note["kind"], "private-note");
    assert_eq!(
        note["fields"]["text"],
        "PRIVATE-NOTE-TEXT, =cmd|' /C calc'!A0"
    );
    // The session it is on, said beside its id: when, and with whom.
    let s0 = (changes.iter())
        .find_map(|c| match c {
            Change::Session(s) if s.id == id("s0") => Some(s.clone()),
            _ => None,
        })
        .unwrap();
    let s0_at = mentoring_core::export::ics::utc(s0.at);
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &s0_at[0..4],
        &s0_at[4..6],
        &s0_at[6..8],
        &s0_at[9..11],
        &s0_at[11..13],
        &s0_at[13..15]
    );
    assert_eq!(note["fields"]["session"], "s0");
    assert_eq!(note["fields"]["session-at"], iso.as_str());
    assert_eq!(note["fields"]["session-partner"], "m0");
    assert!(!json.contains("ANONYMOUS-TO-E0"));
    assert!(
        !json.contains("PRIVATE-LEARNING-TEXT"),
        "the mentor's learning is theirs"
    );

    let csv = personal_csv(&id("e0"), &changes, &admin, &in_utc(&no_names));
    let rows = parse_csv(&csv);
    assert_eq!(rows[0], ["kind", "id", "field", "value"]);
    assert!(rows.contains(&vec![
        "private-note".to_owned(),
        "note0".into(),
        "text".into(),
        "PRIVATE-NOTE-TEXT, =cmd|' /C calc'!A0".into(),
    ]));
    assert!(!csv.contains("ANONYMOUS-TO-E0"));

    // Written for a person to read: each strength and its example on numbered rows of their
    // own, instants as dates and times, not milliseconds.
    let mut given = feedback("given", 0, 4, Visibility::SharedWithPair, "2026-10-02");
    given.strengths = vec![
        Observation {
            text: "STRENGTH-ONE".into(),
            example: "EXAMPLE-ONE".into(),
        },
        Observation {
            text: "STRENGTH-TWO".into(),
            example: "EXAMPLE-TWO".into(),
        },
    ];
    let with_given: Vec<Change> = (changes.iter().cloned())
        .chain([Change::Feedback(given.clone())])
        .collect();
    // People by name beside their id, where the reader's directory knows them.
    let names = |person: &RecordId| (person.as_str() == "m0").then(|| "Mina Haddad".to_owned());
    let rows = parse_csv(&personal_csv(
        &id("e0"),
        &with_given,
        &admin,
        &in_utc(&names),
    ));
    let of_given: Vec<(String, String)> = (rows.iter())
        .filter(|r| r[1] == "given")
        .map(|r| (r[2].clone(), r[3].clone()))
        .collect();
    for expected in [
        ("strengths 1", "STRENGTH-ONE"),
        ("strengths 1 example", "EXAMPLE-ONE"),
        ("strengths 2", "STRENGTH-TWO"),
        ("strengths 2 example", "EXAMPLE-TWO"),
    ] {
        assert!(
            of_given.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {of_given:?}"
        );
    }
    let of_note: Vec<(String, String)> = (rows.iter())
        .filter(|r| r[1] == "note0")
        .map(|r| (r[2].clone(), r[3].clone()))
        .collect();
    assert_eq!(
        of_note[1..4],
        [
            ("session".to_owned(), "s0".to_owned()),
            (
                "session date".into(),
                format!("{} {} +00:00", &iso[..10], &iso[11..16])
            ),
            ("session with".into(), "Mina Haddad (m0)".into())
        ]
    );
    for expected in [
        ("receiver", "Mina Haddad (m0)"),
        ("giver", "e0"),
        (
            "visibility",
            "The two of you, ratings counted in programme figures",
        ),
    ] {
        assert!(
            of_given.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {of_given:?}"
        );
    }
    let given_at = (of_given.iter()).find(|(field, _)| field == "given-at");
    // `at` gives 10:00 UTC on the day.
    assert_eq!(
        given_at.map(|(_, v)| v.as_str()),
        Some("2026-10-02 10:00 +00:00")
    );

    // The mentor's export has the session but not her note; the admin's exports never do.
    let mentor = personal_json(&id("m0"), &changes, &admin, &in_utc(&no_names), Millis(99));
    assert!(mentor.contains("\"s0\"") && !mentor.contains("PRIVATE-NOTE-TEXT"));
    for output in admin_outputs(&changes, &admin) {
        assert!(!output.contains("PRIVATE-NOTE-TEXT"));
    }
}

#[test]
fn my_data_names_a_coaching_pairs_sides_coach_and_coachee_and_gives_each_strength_with_its_example()
{
    let mut coaching = relationship(0);
    coaching.kind = RelationshipKind::Coaching;
    let mut given = feedback("given", 0, 4, Visibility::SharedWithPair, "2026-10-02");
    given.giver = id("m0");
    given.receiver = id("e0");
    given.strengths = vec![
        Observation {
            text: "Honest about what is hard".into(),
            example: "Named the freeze".into(),
        },
        Observation {
            text: "Prepared".into(),
            example: String::new(),
        },
    ];
    let changes = vec![
        Change::Relationship(coaching),
        Change::Relationship(relationship(1)),
        Change::Feedback(given),
    ];
    let json = personal_json(&id("m0"), &changes, &[], &in_utc(&no_names), Millis(0));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["format-version"], 5);
    let records = parsed["records"].as_array().unwrap();
    let of = |key: &str| records.iter().find(|r| r["id"] == key).unwrap()["fields"].clone();
    let pair = of("r0");
    assert_eq!(
        (&pair["coach"], &pair["coachee"]),
        (&"m0".into(), &"e0".into()),
        "{json}"
    );
    assert!(
        pair.get("mentor").is_none() && pair.get("mentee").is_none(),
        "{json}"
    );
    assert_eq!(
        of("given")["strengths"],
        serde_json::json!([
            {"text": "Honest about what is hard", "example": "Named the freeze"},
            {"text": "Prepared", "example": ""},
        ])
    );
    // A mentoring pair keeps its words.
    let json = personal_json(&id("m1"), &changes, &[], &in_utc(&no_names), Millis(0));
    assert!(
        json.contains("\"mentor\":\"m1\"") && !json.contains("\"coach\""),
        "{json}"
    );

    let names = |person: &RecordId| (person.as_str() == "e0").then(|| "Amira Saleh".to_owned());
    let rows = parse_csv(&personal_csv(&id("m0"), &changes, &[], &in_utc(&names)));
    let of_pair: Vec<(&str, &str)> = (rows.iter())
        .filter(|r| r[1] == "r0")
        .map(|r| (r[2].as_str(), r[3].as_str()))
        .collect();
    assert!(of_pair.contains(&("coach", "m0")), "{of_pair:?}");
    assert!(
        of_pair.contains(&("coachee", "Amira Saleh (e0)")),
        "{of_pair:?}"
    );
    assert!(
        !of_pair.iter().any(|(field, _)| field.starts_with("ment")),
        "{of_pair:?}"
    );
}

#[test]
fn my_data_gives_a_pair_that_is_over_the_day_it_ended_where_the_person_is_and_the_programmes_name()
{
    let mut over = relationship(0);
    over.lifecycle = Lifecycle::EndedEarly {
        reason: "Moved teams".into(),
    };
    let mut under_way = relationship(1);
    under_way.mentee = id("e0");
    let changes = vec![Change::Relationship(over), Change::Relationship(under_way)];
    let admin = vec![AdminChange::Enrolment(Enrolment {
        id: id("en0"),
        programme: id("prog"),
        person: id("e0"),
        role: EnrolledAs::Mentee,
        status: EnrolmentStatus::Enrolled,
        since: day("2026-09-01"),
    })];
    // Ended at 22:30 UTC on 2 November: already 3 November in Dubai. The device knows when
    // each pair's lifecycle was last written; only one that is over has ended.
    let ended = Millis(at("2026-11-02").0 + 12 * 3_600_000 + 30 * 60_000);
    let programmes = |p: &RecordId| (p.as_str() == "prog").then(|| "Leadership 2026".to_owned());
    let reading = Reading {
        programme_name: &programmes,
        offset_minutes_at: &|_| 240,
        ended_at: &|_| Some(ended),
        ..in_utc(&no_names)
    };
    let rows = parse_csv(&personal_csv(&id("e0"), &changes, &admin, &reading));
    let value = |record: &str, field: &str| {
        (rows.iter())
            .find(|r| r[1] == record && r[2] == field)
            .map(|r| r[3].clone())
    };
    assert_eq!(value("r0", "ended").as_deref(), Some("2026-11-03"));
    assert_eq!(value("r1", "ended"), None, "under way: not ended");
    // Where the person is, not in UTC.
    let in_utc_rows = parse_csv(&personal_csv(
        &id("e0"),
        &changes,
        &admin,
        &Reading {
            offset_minutes_at: &|_| 0,
            ..reading
        },
    ));
    assert!(in_utc_rows.contains(&vec![
        "relationship".to_owned(),
        "r0".into(),
        "ended".into(),
        "2026-11-02".into()
    ]));

    let json = personal_json(&id("e0"), &changes, &admin, &reading, Millis(0));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["format-version"], 5);
    let records = parsed["records"].as_array().unwrap();
    let of = |record: &str| records.iter().find(|r| r["id"] == record).unwrap()["fields"].clone();
    assert_eq!(of("r0")["ended"], "2026-11-03", "{json}");
    assert!(of("r1").get("ended").is_none(), "{json}");
    // The programme's id as before, and its name beside it as the CSV gives it.
    for record in ["r0", "r1", "en0"] {
        assert_eq!(of(record)["programme"], "prog", "{json}");
        assert_eq!(of(record)["programme-name"], "Leadership 2026", "{json}");
    }
    // A device that does not know when a pair ended, or what a programme is called, says
    // nothing rather than a guess.
    let json = personal_json(&id("e0"), &changes, &admin, &in_utc(&no_names), Millis(0));
    assert!(
        !json.contains("\"ended\"") && !json.contains("programme-name"),
        "{json}"
    );
}

#[test]
fn my_data_names_the_other_person_as_a_sessions_partner_in_a_coaching_pairs_words() {
    // A mentoring pair's session logged by the mentor, and a coaching pair's logged by the
    // coach, each with a private note of both people on it.
    let mut coaching = relationship(1);
    coaching.kind = RelationshipKind::Coaching;
    let note = |key: &str, owner: &str, session: &str| {
        Change::PrivateNote(PrivateNote {
            id: id(key),
            owner: id(owner),
            session: id(session),
            text: format!("NOTE-OF-{owner}"),
        })
    };
    let changes = vec![
        Change::Relationship(relationship(0)),
        Change::Relationship(coaching),
        Change::Session(session("s0", 0, "2026-10-15")),
        Change::Session(session("s1", 1, "2026-10-15")),
        note("n-e0", "e0", "s0"),
        note("n-m0", "m0", "s0"),
        note("n-e1", "e1", "s1"),
        note("n-m1", "m1", "s1"),
    ];
    let fields = |person: &str| {
        let json = personal_json(&id(person), &changes, &[], &in_utc(&no_names), Millis(0));
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        let records = parsed["records"].as_array().unwrap().clone();
        (records.iter())
            .map(|r| (r["id"].as_str().unwrap().to_owned(), r["fields"].clone()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    // The mentee of a session her mentor logged: her partner is him, not herself.
    let e0 = fields("e0");
    assert_eq!(e0["s0"]["partner"], "m0");
    assert_eq!(e0["s0"]["author"], "m0");
    assert_eq!(fields("m0")["s0"]["partner"], "e0");
    // A coaching pair's: the other person is their coach or coachee.
    let (e1, m1) = (fields("e1"), fields("m1"));
    assert_eq!(e1["s1"]["coach"], "m1");
    assert_eq!(m1["s1"]["coachee"], "e1");
    for s1 in [&e1["s1"], &m1["s1"]] {
        assert!(s1.get("partner").is_none(), "{s1}");
    }
    assert_eq!(e1["n-e1"]["session-coach"], "m1");
    assert_eq!(m1["n-m1"]["session-coachee"], "e1");
    assert!(e1["n-e1"].get("session-partner").is_none());
    assert_eq!(e0["n-e0"]["session-partner"], "m0");
    // Each has their own private note, never the other's.
    let ids = |of: &std::collections::BTreeMap<String, serde_json::Value>| {
        of.keys().cloned().collect::<Vec<_>>()
    };
    assert_eq!(ids(&e1), ["n-e1", "r1", "s1"]);
    assert_eq!(ids(&m1), ["n-m1", "r1", "s1"]);
    assert_eq!(ids(&e0), ["n-e0", "r0", "s0"]);

    let names = |p: &RecordId| (p.as_str() == "m1").then(|| "Sofia Reyes".to_owned());
    let rows = parse_csv(&personal_csv(&id("e1"), &changes, &[], &in_utc(&names)));
    let of_s1: Vec<(&str, &str)> = (rows.iter())
        .filter(|r| r[1] == "s1")
        .map(|r| (r[2].as_str(), r[3].as_str()))
        .collect();
    assert!(of_s1.contains(&("coach", "Sofia Reyes (m1)")), "{of_s1:?}");
    assert!(
        !of_s1
            .iter()
            .any(|(f, _)| *f == "partner" || f.starts_with("ment")),
        "{of_s1:?}"
    );
    let rows = parse_csv(&personal_csv(&id("e0"), &changes, &[], &in_utc(&no_names)));
    assert!(rows.contains(&vec![
        "session".to_owned(),
        "s0".into(),
        "partner".into(),
        "m0".into()
    ]));
    assert!(!rows.iter().any(|r| r[3].contains("NOTE-OF-m")), "{rows:?}");
}

/// A session at 13:00 UTC, seen at 17:00 in Dubai, with e0's private note on it, and e0's
/// enrolment in the programme.
fn dubai_afternoon() -> (Vec<Change>, Vec<AdminChange>) {
    let mut s = session("s0", 0, "2026-10-15");
    s.at = Millis(s.at.0 + 3 * 3_600_000);
    s.time_zone = "Asia/Dubai".into();
    let changes = vec![
        Change::Relationship(relationship(0)),
        Change::Session(s),
        Change::PrivateNote(PrivateNote {
            id: id("note0"),
            owner: id("e0"),
            session: id("s0"),
            text: "Ask about “the board”: عربي".into(),
        }),
    ];
    let admin = vec![AdminChange::Enrolment(Enrolment {
        id: id("en0"),
        programme: id("prog"),
        person: id("e0"),
        role: EnrolledAs::Mentee,
        status: EnrolmentStatus::Enrolled,
        since: day("2026-09-01"),
    })];
    (changes, admin)
}

#[test]
fn my_data_csv_says_each_time_where_the_person_is_with_its_offset_and_the_json_in_utc() {
    let (changes, admin) = dubai_afternoon();
    let said = |offset: &dyn Fn(Millis) -> i32| {
        let reading = Reading {
            offset_minutes_at: offset,
            ..in_utc(&no_names)
        };
        let rows = parse_csv(&personal_csv(&id("e0"), &changes, &admin, &reading));
        let value = |record: &str, field: &str| {
            (rows.iter())
                .find(|r| r[1] == record && r[2] == field)
                .map(|r| r[3].clone())
                .unwrap_or_default()
        };
        [value("s0", "at"), value("note0", "session date")]
    };
    assert_eq!(said(&|_| 240), ["2026-10-15 17:00 +04:00"; 2]);
    // West of UTC, and a day that is not UTC's: the offset the caller's zone rules give at
    // that instant, minutes included.
    assert_eq!(said(&|_| -300), ["2026-10-15 08:00 -05:00"; 2]);
    assert_eq!(said(&|_| 12 * 60 + 45), ["2026-10-16 01:45 +12:45"; 2]);
    let asked = std::cell::Cell::new(None);
    said(&|at| {
        asked.set(Some(at));
        0
    });
    let session_at = at("2026-10-15").0 + 3 * 3_600_000;
    assert_eq!(
        asked.get(),
        Some(Millis(session_at)),
        "asked of the instant itself"
    );

    // Programs read the instant in UTC.
    let json = personal_json(&id("e0"), &changes, &admin, &in_utc(&no_names), Millis(0));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let records = parsed["records"].as_array().unwrap();
    let of = |record: &str| records.iter().find(|r| r["id"] == record).unwrap();
    assert_eq!(of("s0")["fields"]["at"], "2026-10-15T13:00:00Z");
    assert_eq!(of("note0")["fields"]["session-at"], "2026-10-15T13:00:00Z");
}

#[test]
fn my_data_csv_names_the_programme_the_device_knows_and_the_json_keeps_its_id() {
    let (changes, admin) = dubai_afternoon();
    let programmes = |p: &RecordId| (p.as_str() == "prog").then(|| "Leadership 2026".to_owned());
    let reading = Reading {
        programme_name: &programmes,
        ..in_utc(&no_names)
    };
    let rows = parse_csv(&personal_csv(&id("e0"), &changes, &admin, &reading));
    let programme_of = |record: &str| {
        (rows.iter())
            .find(|r| r[1] == record && r[2] == "programme")
            .map(|r| r[3].clone())
    };
    assert_eq!(programme_of("r0").as_deref(), Some("Leadership 2026"));
    assert_eq!(programme_of("en0").as_deref(), Some("Leadership 2026"));
    // One the device does not hold stays its id, rather than nothing.
    let rows = parse_csv(&personal_csv(
        &id("e0"),
        &changes,
        &admin,
        &in_utc(&no_names),
    ));
    assert!(rows.contains(&vec![
        "enrolment".to_owned(),
        "en0".into(),
        "programme".into(),
        "prog".into()
    ]));
    let json = personal_json(&id("e0"), &changes, &admin, &in_utc(&no_names), Millis(0));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let records = parsed["records"].as_array().unwrap();
    for record in ["r0", "en0"] {
        let r = records.iter().find(|r| r["id"] == record).unwrap();
        assert_eq!(r["fields"]["programme"], "prog");
    }
}

#[test]
fn every_csv_starts_with_a_byte_order_mark_for_spreadsheets_to_read_utf8() {
    let (changes, admin) = dubai_afternoon();
    let mine = personal_csv(&id("e0"), &changes, &admin, &in_utc(&no_names));
    assert!(
        mine.starts_with("\u{FEFF}kind,id,field,value\r\n"),
        "{mine:?}"
    );
    assert!(mine.contains("Ask about “the board”: عربي"));
    let records = records(&changes, &admin);
    let csv = relationships_csv(&records, &[], &Directory::default(), at("2026-11-01"));
    assert!(
        csv.starts_with("\u{FEFF}programme,relationship,kind,"),
        "{csv:?}"
    );
    assert_eq!(csv.matches('\u{FEFF}').count(), 1);
}

#[test]
fn a_coaching_programmes_enrolments_and_relationships_csv_say_coach_and_coachee() {
    let coaching_programme = Programme {
        kind: ProgrammeKind::Coaching,
        ..programme()
    };
    let mut coaching = relationship(0);
    coaching.kind = RelationshipKind::Coaching;
    let enrolment = |who: &str, role| {
        AdminChange::Enrolment(Enrolment {
            id: id(&format!("en-{who}")),
            programme: id("prog"),
            person: id(who),
            role,
            status: EnrolmentStatus::Enrolled,
            since: day("2026-09-01"),
        })
    };
    let admin = vec![
        enrolment("e0", EnrolledAs::Mentee),
        enrolment("m0", EnrolledAs::Mentor { capacity: 2 }),
    ];
    let role_in = |json: &str, enrolment: &str| {
        let parsed: serde_json::Value = serde_json::from_str(json).unwrap();
        let records = parsed["records"].as_array().unwrap().clone();
        let record = records.into_iter().find(|r| r["id"] == enrolment).unwrap();
        record["fields"]["role"].as_str().unwrap().to_owned()
    };
    // The programme's record held, or only a coaching relationship in it: either tells.
    let with_programme = [
        admin.clone(),
        vec![AdminChange::Programme(coaching_programme.clone())],
    ]
    .concat();
    let changes = [Change::Relationship(coaching.clone())];
    for (changes, admin) in [(&[][..], &with_programme), (&changes[..], &admin)] {
        assert_eq!(
            role_in(
                &personal_json(&id("e0"), changes, admin, &in_utc(&no_names), Millis(0)),
                "en-e0"
            ),
            "coachee"
        );
        assert_eq!(
            role_in(
                &personal_json(&id("m0"), changes, admin, &in_utc(&no_names), Millis(0)),
                "en-m0"
            ),
            "coach"
        );
        let rows = parse_csv(&personal_csv(&id("e0"), changes, admin, &in_utc(&|_| None)));
        assert!(
            rows.iter()
                .any(|r| r[1] == "en-e0" && r[2] == "role" && r[3] == "coachee"),
            "{rows:?}"
        );
    }
    // A mentoring programme's keep theirs.
    let json = personal_json(
        &id("e0"),
        &[],
        &[admin.clone(), vec![AdminChange::Programme(programme())]].concat(),
        &in_utc(&no_names),
        Millis(0),
    );
    assert_eq!(role_in(&json, "en-e0"), "mentee");

    // The admins' relationships CSV of a coaching programme heads its sides coach and coachee.
    let records = ProgrammeRecords::gather(
        &coaching_programme,
        &[Change::Relationship(coaching)],
        &[],
        None,
        &in_utc_zones,
    );
    let today = day("2026-11-27");
    let health = relationship_health(&records, by(today));
    let directory = Directory::new([Person::new(id("m0"), "Sofia")]);
    let rows = parse_csv(&relationships_csv(&records, &health, &directory, by(today)));
    assert_eq!(
        rows[0][3..7],
        ["coach", "coach_name", "coachee", "coachee_name"]
    );
    assert_eq!(rows[1][3..5], ["m0", "Sofia"]);
    let rows = parse_csv(&relationships_csv(
        &records_of(&pairs(1)),
        &[],
        &directory,
        by(today),
    ));
    assert_eq!(
        rows[0][3..7],
        ["mentor", "mentor_name", "mentee", "mentee_name"]
    );
}

#[test]
fn my_data_csv_says_a_lifecycle_as_the_screens_do_and_the_json_keeps_the_stored_value() {
    let mut ended = relationship(0);
    ended.lifecycle = Lifecycle::EndedEarly {
        reason: "Moved to Riyadh".into(),
    };
    let changes = vec![
        Change::Relationship(ended),
        Change::Relationship(relationship(1)),
    ];
    let rows = parse_csv(&personal_csv(&id("e0"), &changes, &[], &in_utc(&no_names)));
    let lifecycle: Vec<&str> = (rows.iter())
        .filter(|r| r[0] == "relationship" && r[2] == "lifecycle")
        .map(|r| r[3].as_str())
        .collect();
    assert_eq!(lifecycle, ["Ended early"]);
    let json = personal_json(&id("e0"), &changes, &[], &in_utc(&no_names), Millis(0));
    assert!(json.contains("\"lifecycle\":\"ended-early\""), "{json}");
    let rows = parse_csv(&personal_csv(&id("e1"), &changes, &[], &in_utc(&no_names)));
    assert!(rows.contains(&vec![
        "relationship".to_owned(),
        "r1".into(),
        "lifecycle".into(),
        "Active".into()
    ]));
}

#[test]
fn a_deleted_sessions_private_note_stays_in_its_owners_export_and_nobody_elses() {
    let (mut changes, admin) = busy_programme();
    changes.extend(private_records());
    // The session deleted: the live records no longer hold it.
    changes.retain(|c| !matches!(c, Change::Session(s) if s.id == id("s0")));
    let json = personal_json(&id("e0"), &changes, &admin, &in_utc(&no_names), Millis(99));
    assert!(
        json.contains("PRIVATE-NOTE-TEXT") && json.contains("note0"),
        "{json}"
    );
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sessions = (parsed["records"].as_array().unwrap().iter())
        .filter(|r| r["kind"] == "session" && r["id"] == "s0")
        .count();
    assert_eq!(sessions, 0, "the session itself is gone: {json}");
    let csv = personal_csv(&id("e0"), &changes, &admin, &in_utc(&no_names));
    assert!(csv.contains("PRIVATE-NOTE-TEXT"), "{csv}");
    // Nobody else gets it: not the partner, not an admin.
    let mentor = personal_json(&id("m0"), &changes, &admin, &in_utc(&no_names), Millis(99));
    assert!(!mentor.contains("PRIVATE-NOTE-TEXT"), "{mentor}");
    let mentor_csv = personal_csv(&id("m0"), &changes, &admin, &in_utc(&no_names));
    assert!(!mentor_csv.contains("PRIVATE-NOTE-TEXT"), "{mentor_csv}");
    for output in admin_outputs(&changes, &admin) {
        assert!(!output.contains("PRIVATE-NOTE-TEXT"), "{output}");
    }
}

#[test]
fn someone_taken_off_a_pair_keeps_its_sessions_in_their_export_and_the_newcomer_gets_none() {
    let (mut changes, admin) = busy_programme();
    changes.extend(private_records());
    // The mentor's own private note on the session, his alone.
    changes.push(Change::PrivateNote(PrivateNote {
        id: id("mentor-note0"),
        owner: id("m0"),
        session: id("s0"),
        text: "MENTOR-PRIVATE-NOTE".into(),
    }));
    // An action item of the mentor's, agreed in the session.
    for c in changes.iter_mut() {
        if let Change::Session(s) = c {
            if s.id == id("s0") {
                s.actions.push(mentoring_core::ActionItem {
                    id: id("act0"),
                    text: "MENTOR-OPEN-ACTION".into(),
                    owner: id("m0"),
                    due: day("2026-10-30"),
                    done: false,
                });
            }
        }
    }
    // Its admins put x0 in the mentor's (m0) place.
    for c in changes.iter_mut() {
        if let Change::Relationship(r) = c {
            if r.id == id("r0") {
                r.mentor = id("x0");
            }
        }
    }
    let session_ids = |json: &str| -> Vec<String> {
        let parsed: serde_json::Value = serde_json::from_str(json).unwrap();
        (parsed["records"].as_array().unwrap().iter())
            .filter(|r| r["kind"] == "session")
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // The mentor taken off keeps what he was in, its action items and his own note with it,
    // but not the relationship as it is now, which names who took his place.
    let mentor = personal_json(&id("m0"), &changes, &admin, &in_utc(&no_names), Millis(99));
    assert_eq!(session_ids(&mentor), ["s0"], "{mentor}");
    assert!(mentor.contains("MENTOR-OPEN-ACTION") && mentor.contains("MENTOR-PRIVATE-NOTE"));
    assert!(!mentor.contains("\"x0\""), "{mentor}");
    let mentor_csv = personal_csv(&id("m0"), &changes, &admin, &in_utc(&no_names));
    assert!(mentor_csv.contains("SESSION-GOAL-TEXT"), "{mentor_csv}");
    // The partner's private note is hers alone, in anyone else's export never.
    assert!(!mentor.contains("PRIVATE-NOTE-TEXT") && !mentor_csv.contains("PRIVATE-NOTE-TEXT"));
    // The mentee who stayed keeps it too; the newcomer, not there, gets none of it.
    let mentee = personal_json(&id("e0"), &changes, &admin, &in_utc(&no_names), Millis(99));
    assert_eq!(session_ids(&mentee), ["s0"]);
    assert!(!mentee.contains("MENTOR-PRIVATE-NOTE"));
    let newcomer = personal_json(&id("x0"), &changes, &admin, &in_utc(&no_names), Millis(99));
    assert!(session_ids(&newcomer).is_empty(), "{newcomer}");
    for text in ["MENTOR-OPEN-ACTION", "SESSION-GOAL-TEXT", "PRIVATE-NOTE"] {
        assert!(!newcomer.contains(text), "{text} in {newcomer}");
    }
}

#[test]
fn a_device_that_never_held_the_relationship_exports_the_sessions_of_a_pair_someone_was_taken_off()
{
    // m0's new phone after x0 took his place: the host sent the session he was in (s0), its
    // action item and his note, not the relationship r0, which names x0. The device holds
    // nothing else of r0; what it might hold wrongly stays out of his export too: x0's session
    // with e0 since, one stored without its pair, another pair's session.
    let mut his = session("s0", 0, "2026-10-15");
    his.actions.push(mentoring_core::ActionItem {
        id: id("act0"),
        text: "MENTOR-OPEN-ACTION".into(),
        owner: id("m0"),
        due: day("2026-10-30"),
        done: false,
    });
    let since = Session {
        id: id("s-since"),
        author: id("x0"),
        partner: Some(id("e0")),
        grow: Grow {
            goal: "SUCCESSOR-SESSION".into(),
            ..Grow::default()
        },
        ..session("s-since", 0, "2026-11-15")
    };
    let unrecorded = Session {
        id: id("s-unrecorded"),
        partner: None,
        ..session("s-unrecorded", 0, "2026-10-01")
    };
    let changes = vec![
        Change::Session(his),
        Change::Session(since),
        Change::Session(unrecorded),
        Change::Session(session("s1", 1, "2026-10-15")),
        Change::PrivateNote(PrivateNote {
            id: id("mentor-note0"),
            owner: id("m0"),
            session: id("s0"),
            text: "MENTOR-PRIVATE-NOTE".into(),
        }),
    ];
    let json = personal_json(&id("m0"), &changes, &[], &in_utc(&no_names), Millis(99));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let kinds_and_ids: Vec<(String, String)> = (parsed["records"].as_array().unwrap().iter())
        .map(|r| {
            let field = |k: &str| r[k].as_str().unwrap().to_owned();
            (field("kind"), field("id"))
        })
        .collect();
    let expected: Vec<(String, String)> = [
        ("action", "act0"),
        ("private-note", "mentor-note0"),
        ("session", "s0"),
    ]
    .iter()
    .map(|(k, i)| (k.to_string(), i.to_string()))
    .collect();
    let mut listed = kinds_and_ids.clone();
    listed.sort();
    assert_eq!(listed, expected, "{json}");
    assert!(json.contains("MENTOR-OPEN-ACTION") && json.contains("SESSION-GOAL-TEXT"));
    let csv = personal_csv(&id("m0"), &changes, &[], &in_utc(&no_names));
    assert!(csv.contains("MENTOR-OPEN-ACTION") && csv.contains("SESSION-GOAL-TEXT"));
    // Who took his place appears nowhere in it.
    for export in [&json, &csv] {
        assert!(!export.contains("x0"), "{export}");
        assert!(!export.contains("SUCCESSOR-SESSION"), "{export}");
    }
    // The mentee who was there exports it too from such a device; x0, who was not, nothing
    // of it (only the session he logged himself).
    let mentee = personal_json(&id("e0"), &changes, &[], &in_utc(&no_names), Millis(99));
    assert!(mentee.contains("\"s0\""), "{mentee}");
    let newcomer = personal_json(&id("x0"), &changes, &[], &in_utc(&no_names), Millis(99));
    assert!(!newcomer.contains("\"s0\"") && !newcomer.contains("MENTOR-OPEN-ACTION"));
}

#[test]
fn a_persons_export_holds_their_matching_preferences_and_nobody_elses() {
    use mentoring_core::{Attribute, MatchingPreferences};
    let (mut changes, admin) = busy_programme();
    let stated = |who: &str, value: &str| {
        Change::MatchingPreferences(MatchingPreferences {
            shared: [(Attribute::Ethnicity, value.to_owned())].into(),
            prefers: [Attribute::Ethnicity].into(),
            ..MatchingPreferences::of(&id(who))
        })
    };
    changes.push(stated("e0", "E0-STATED-VALUE"));
    changes.push(stated("m0", "M0-STATED-VALUE"));
    let json = personal_json(&id("e0"), &changes, &admin, &in_utc(&no_names), Millis(99));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let records = parsed["records"].as_array().unwrap();
    let mine = records
        .iter()
        .find(|r| r["kind"] == "matching-preferences")
        .unwrap();
    assert_eq!(mine["id"], "e0");
    assert_eq!(mine["fields"]["ethnicity"], "E0-STATED-VALUE");
    assert_eq!(mine["fields"]["prefers"][0], "ethnicity");
    // Her partner's answers are his: not in her export, and hers not in his.
    assert!(!json.contains("M0-STATED-VALUE"), "{json}");
    let csv = personal_csv(&id("e0"), &changes, &admin, &in_utc(&no_names));
    assert!(csv.contains("E0-STATED-VALUE") && !csv.contains("M0-STATED-VALUE"));
    let mentor = personal_json(&id("m0"), &changes, &admin, &in_utc(&no_names), Millis(99));
    assert!(mentor.contains("M0-STATED-VALUE") && !mentor.contains("E0-STATED-VALUE"));
    for output in admin_outputs(&changes, &admin) {
        assert!(!output.contains("STATED-VALUE"), "{output}");
    }
}

/// A goal its measure moves is exported with the progress the person sees, and the hand-set
/// value kept behind it as `progress-by-hand`; a goal set by hand shows that value in both.
#[test]
fn a_persons_export_gives_a_goals_progress_as_shown_and_as_set_by_hand() {
    let mut measured = goal(
        "g-measured",
        0,
        GoalStatus::OnTrack,
        "2026-10-01",
        "2026-10-02",
    );
    measured.manual_progress = Progress::new(5).unwrap();
    measured.progress_from = mentoring_core::ProgressFrom::Measure;
    measured.measure = Some(mentoring_core::Measure {
        what: "open tickets".into(),
        baseline: mentoring_core::Amount(4_000),
        target: mentoring_core::Amount(1_000),
        current: mentoring_core::Amount(2_500),
    });
    // Stored before goals said where progress comes from: its measure does not move it.
    let mut old = measured.clone();
    old.id = id("g-old");
    old.progress_from = mentoring_core::ProgressFrom::Hand;
    let changes = [Change::Goal(measured), Change::Goal(old)];
    let json = personal_json(&id("e0"), &changes, &[], &in_utc(&no_names), Millis(99));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let fields = |goal: &str| {
        let records = parsed["records"].as_array().unwrap();
        let record = records.iter().find(|r| r["id"] == goal).unwrap();
        let f = &record["fields"];
        (
            f["progress"].clone(),
            f["progress-by-hand"].clone(),
            f["progress-from"].clone(),
        )
    };
    assert_eq!(
        fields("g-measured"),
        (50.into(), 5.into(), "measure".into()),
        "{json}"
    );
    assert_eq!(
        fields("g-old"),
        (5.into(), 5.into(), serde_json::Value::Null),
        "{json}"
    );
    let rows = parse_csv(&personal_csv(&id("e0"), &changes, &[], &in_utc(&no_names)));
    let progress: Vec<(&str, &str, &str)> = (rows.iter())
        .filter(|r| r[2].starts_with("progress"))
        .map(|r| (r[1].as_str(), r[2].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        progress,
        [
            ("g-measured", "progress", "50"),
            ("g-measured", "progress-by-hand", "5"),
            ("g-measured", "progress-from", "The measure"),
            ("g-old", "progress", "5"),
            ("g-old", "progress-by-hand", "5"),
        ]
    );
}

/// A measure is exported as its owner typed it, not in the hundredths it is stored in.
#[test]
fn my_data_gives_a_goals_measure_as_typed() {
    let mut g = goal("g0", 0, GoalStatus::OnTrack, "2026-10-01", "2026-10-02");
    g.measure = Some(mentoring_core::Measure {
        what: "open tickets".into(),
        baseline: Amount::parse("12.5").unwrap(),
        target: Amount::parse("40").unwrap(),
        current: Amount::parse("-0.05").unwrap(),
    });
    let changes = [Change::Goal(g)];
    let rows = parse_csv(&personal_csv(&id("e0"), &changes, &[], &in_utc(&no_names)));
    let measure: Vec<(&str, &str)> = (rows.iter())
        .filter(|r| r[2].starts_with("measure-") && r[2] != "measure-what")
        .map(|r| (r[2].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        measure,
        [
            ("measure-baseline", "12.5"),
            ("measure-current", "-0.05"),
            ("measure-target", "40")
        ]
    );
    let json = personal_json(&id("e0"), &changes, &[], &in_utc(&no_names), Millis(99));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let fields = &parsed["records"][0]["fields"];
    assert_eq!(parsed["format-version"], 5);
    assert_eq!(
        (
            &fields["measure-baseline"],
            &fields["measure-target"],
            &fields["measure-current"]
        ),
        (&"12.5".into(), &"40".into(), &"-0.05".into())
    );
}

#[test]
fn a_month_reads_back_as_it_is_written_for_hosts_and_nothing_else_passes() {
    let month = Month::parse("2026-11").unwrap();
    assert_eq!(
        month,
        Month {
            year: 2026,
            month: 11
        }
    );
    assert_eq!(month.to_string(), "2026-11");
    assert_eq!(month.first_day(), Date::parse("2026-11-01").unwrap());
    for bad in [
        "2026-13",
        "2026-1",
        "2026-11-01",
        "Nov 2026",
        "",
        "2026-+1",
        "+202-11",
    ] {
        let refused = Month::parse(bad).unwrap_err();
        assert!(refused.contains("YYYY-MM"), "{bad}: {refused}");
    }
}

#[test]
fn feedback_someone_taken_off_gave_or_received_stays_in_their_export_without_the_relationship() {
    // e0 gave m0 feedback, then the admins put x0 in e0's place; with no session of hers
    // kept, her device let go of the relationship, which names x0. What the host still tells
    // her (that she was taken off, and by whom she was paired with) is no record of hers.
    let given = feedback("f0", 0, 4, Visibility::PrivateToReceiver, "2026-10-02");
    let received = Feedback {
        id: id("f-received"),
        giver: id("m0"),
        receiver: id("e0"),
        overall: "RECEIVED-WITHOUT-ITS-PAIR".into(),
        ..given.clone()
    };
    // Never hers to read: an anonymous aggregate, and what her successor received.
    let aggregate = Feedback {
        id: id("f-aggregate"),
        overall: "AGGREGATE-ONLY".into(),
        visibility: Visibility::AnonymousAggregate,
        ..received.clone()
    };
    let successors = Feedback {
        id: id("f-successor"),
        receiver: id("x0"),
        overall: "GIVEN-TO-THE-SUCCESSOR".into(),
        ..received.clone()
    };
    let notice = AdminChange::TakenOff(reminders::TakenOffNotice {
        id: id("portal-taken-1"),
        person: id("e0"),
        relationship: id("r0"),
        programme: id("prog"),
        partner: id("m0"),
        at: at("2026-10-20"),
    });
    let changes = vec![
        Change::Feedback(given),
        Change::Feedback(received),
        Change::Feedback(aggregate),
        Change::Feedback(successors),
    ];
    let json = personal_json(
        &id("e0"),
        &changes,
        std::slice::from_ref(&notice),
        &in_utc(&no_names),
        Millis(99),
    );
    assert!(json.contains("FEEDBACK-TEXT-f0"), "{json}");
    let csv = personal_csv(
        &id("e0"),
        &changes,
        std::slice::from_ref(&notice),
        &in_utc(&no_names),
    );
    assert!(csv.contains("FEEDBACK-TEXT-f0"), "{csv}");
    for export in [&json, &csv] {
        assert!(!export.contains("x0"), "{export}");
        assert!(!export.contains("taken-off"), "{export}");
        // What she received in the pair she reads as its visibility lets her, and nothing
        // meant for anyone else.
        assert!(export.contains("RECEIVED-WITHOUT-ITS-PAIR"), "{export}");
        assert!(!export.contains("AGGREGATE-ONLY"), "{export}");
        assert!(!export.contains("GIVEN-TO-THE-SUCCESSOR"), "{export}");
    }
    // Held with the relationship that names x0 now: the same.
    let mut held = changes.clone();
    held.push(Change::Relationship(Relationship {
        mentee: id("x0"),
        ..relationship(0)
    }));
    let json = personal_json(&id("e0"), &held, &[], &in_utc(&no_names), Millis(99));
    assert!(json.contains("RECEIVED-WITHOUT-ITS-PAIR"), "{json}");
    assert!(
        !json.contains("AGGREGATE-ONLY") && !json.contains("x0"),
        "{json}"
    );
    // Its receiver, holding the relationship, exports it as before; nobody else does.
    let pair = [
        Change::Relationship(Relationship {
            mentee: id("x0"),
            ..relationship(0)
        }),
        changes[0].clone(),
    ];
    assert!(
        personal_json(&id("m0"), &pair, &[], &in_utc(&no_names), Millis(99))
            .contains("FEEDBACK-TEXT-f0")
    );
    assert!(
        !personal_json(&id("x0"), &pair, &[], &in_utc(&no_names), Millis(99))
            .contains("FEEDBACK-TEXT-f0")
    );
}

#[test]
fn a_proposal_whose_mentor_has_no_place_left_is_not_offered_start() {
    use mentoring_core::relationship::{check_mentor_has_place, places_at_start, PlacesAtStart};
    let p = programme();
    let places = p.places_per_mentor as usize;
    // Mentor m0 already meets as many mentees as they have places.
    let met = |n: usize| Relationship {
        id: id(&format!("met{n}")),
        mentee: id(&format!("x{n}")),
        ..relationship(0)
    };
    let mut changes: Vec<Change> = (0..places).map(|n| Change::Relationship(met(n))).collect();
    let proposed = Relationship {
        id: id("asked"),
        mentee: id("e9"),
        lifecycle: Lifecycle::Proposed,
        ..relationship(0)
    };
    changes.push(Change::Relationship(proposed.clone()));
    let offered = |changes: &[Change]| {
        let records = records(changes, &[]);
        let at_start = places_at_start(
            &proposed,
            &records.programme,
            &records.relationships,
            &records.enrolments,
        );
        let health = relationship_health(&records, by(day("2026-11-03")));
        let card = health.into_iter().find(|h| h.relationship == id("asked"));
        (at_start, card.map(|h| h.actions).unwrap_or_default())
    };
    let (full, actions) = offered(&changes);
    assert_eq!(
        full,
        PlacesAtStart {
            held: places,
            places: p.places_per_mentor,
            invited: false
        }
    );
    assert!(!full.has_place());
    assert_eq!(actions, [HealthAction::EndEarly, HealthAction::Rematch]);
    // The core's check agrees: the start would be refused.
    let started = start(&proposed, day("2026-09-02")).unwrap();
    let records = records(&changes, &[]);
    let refused = check_mentor_has_place(
        &started,
        &p,
        &Directory::new([]),
        &records.relationships,
        &[],
    );
    assert_eq!(refused.map(|r| r.rule), Some(Rule::MentorFull));
    // A pair paused still holds its place; one ended frees it, and Start is offered.
    changes[0] = Change::Relationship(Relationship {
        lifecycle: Lifecycle::Paused,
        ..met(0)
    });
    assert!(!offered(&changes).0.has_place());
    changes[0] = Change::Relationship(Relationship {
        lifecycle: Lifecycle::Completed,
        ..met(0)
    });
    let (freed, actions) = offered(&changes);
    assert_eq!(freed.held, places - 1);
    assert_eq!(actions.first(), Some(&HealthAction::Start));
}

/// The last instant of `date` (UTC): figures asked "by" a day count every session held on it.
fn by(date: Date) -> Millis {
    Millis(i64::from(date.0 + 1) * 86_400_000 - 1)
}

// Sessions held, and proposals that never started --------------------------------------------

#[test]
fn a_session_planned_ahead_is_not_held_on_the_card_the_chart_or_the_export() {
    // Pair 0 met on 1 Oct and has booked 3 Dec; it is 30 Nov.
    let mut changes = pairs(5);
    changes.push(Change::Session(session("held", 0, "2026-10-01")));
    changes.push(Change::Session(session("booked", 0, "2026-12-03")));
    let records = records(&changes, &[]);
    let now = at("2026-11-30");
    let health = relationship_health(&records, now);
    let card = health.iter().find(|h| h.relationship == id("r0")).unwrap();
    assert_eq!(card.sessions, 1);
    assert_eq!(card.last_session, Some(day("2026-10-01")));
    assert_eq!(card.last_met, Some(day("2026-10-01")));
    assert_eq!(card.next_session, Some(day("2026-12-03")));
    // Quiet since its last session held: the booking does not hide it.
    assert!(
        card.signals.contains(&Signal::NoSessionFor { weeks: 8 }),
        "{:?}",
        card.signals
    );
    let rows = parse_csv(&relationships_csv(
        &records,
        &health,
        &Directory::default(),
        now,
    ));
    let r0 = rows.iter().find(|row| row[1] == "r0").unwrap();
    assert_eq!((r0[12].as_str(), r0[13].as_str()), ("1", "2026-10-01"));
    // Once its time has come, it is held.
    let later = relationship_health(&records, at("2026-12-03"));
    let card = later.iter().find(|h| h.relationship == id("r0")).unwrap();
    assert_eq!((card.sessions, card.next_session), (2, None));
    assert_eq!(card.last_session, Some(day("2026-12-03")));

    // Five pairs meet on 20 Nov; one books 30 Nov at 15:00, after now (10:00): the month
    // counts the five held.
    let mut changes = pairs(5);
    for n in 0..5 {
        changes.push(Change::Session(session(&format!("s{n}"), n, "2026-11-20")));
    }
    let mut booked = session("later-today", 0, "2026-11-30");
    booked.at = Millis(booked.at.0 + 5 * 3_600_000);
    changes.push(Change::Session(booked));
    let board = dashboard(&records_of(&changes), &Directory::default(), now);
    assert_eq!(
        board.sessions_per_month.last(),
        Some(&(Month::of(day("2026-11-01")), Figure::Shown(5)))
    );
}

#[test]
fn a_session_planned_empty_is_not_held_when_its_time_passes_on_the_card_the_chart_or_the_export() {
    // Pair 0 met on 1 Oct and planned 3 Dec with nothing in it; it is 10 Dec.
    let mut changes = pairs(5);
    changes.push(Change::Session(session("held", 0, "2026-10-01")));
    let mut planned = session("planned", 0, "2026-12-03");
    planned.grow = Grow::default();
    changes.push(Change::Session(planned.clone()));
    let now = at("2026-12-10");
    let records = records(&changes, &[]);
    let health = relationship_health(&records, now);
    let card = health.iter().find(|h| h.relationship == id("r0")).unwrap();
    assert_eq!((card.sessions, card.next_session), (1, None));
    assert_eq!(card.last_session, Some(day("2026-10-01")));
    assert_eq!(card.last_met, Some(day("2026-10-01")));
    assert!(
        card.signals.contains(&Signal::NoSessionFor { weeks: 10 }),
        "{:?}",
        card.signals
    );
    let rows = parse_csv(&relationships_csv(
        &records,
        &health,
        &Directory::default(),
        now,
    ));
    let r0 = rows.iter().find(|row| row[1] == "r0").unwrap();
    assert_eq!((r0[12].as_str(), r0[13].as_str()), ("1", "2026-10-01"));
    // Once what was said is logged, it was held.
    let mut logged = planned;
    logged.grow.will = "SESSION-WILL-TEXT".into();
    changes.push(Change::Session(logged));
    let health = relationship_health(&records_of(&changes), now);
    let card = health.iter().find(|h| h.relationship == id("r0")).unwrap();
    assert_eq!(card.sessions, 2);
    assert_eq!(card.last_session, Some(day("2026-12-03")));

    // Five pairs planned 20 Nov and logged nothing in them: no session that month.
    let mut changes = pairs(5);
    for n in 0..5 {
        let mut s = session(&format!("s{n}"), n, "2026-11-20");
        s.grow = Grow::default();
        changes.push(Change::Session(s));
    }
    let board = dashboard(&records_of(&changes), &Directory::default(), now);
    assert!(
        !(board.sessions_per_month.iter())
            .any(|(m, f)| *m == Month::of(day("2026-11-01")) && *f == Figure::Shown(5)),
        "{:?}",
        board.sessions_per_month
    );
}

fn records_of(changes: &[Change]) -> ProgrammeRecords {
    records(changes, &[])
}

#[test]
fn a_proposal_declined_or_withdrawn_is_counted_apart_from_a_pairing_ended_early() {
    // Ten proposals ended: five declined before they started, five pairs ended early.
    let mut changes = pairs(10);
    for (n, change) in changes.iter_mut().enumerate() {
        if let Change::Relationship(r) = change {
            r.lifecycle = Lifecycle::EndedEarly {
                reason: format!("REASON-{n}"),
            };
        }
    }
    let mut records = records(&changes, &[]);
    records.ended_unstarted = (0..5).map(|n| id(&format!("r{n}"))).collect();
    let board = dashboard(&records, &Directory::default(), at("2026-11-30"));
    assert_eq!(board.relationships[4], Figure::Shown(5));
    assert_eq!(board.relationships[5], Figure::Shown(5));
    let rows = parse_csv(&relationships_csv(
        &records,
        &[],
        &Directory::default(),
        at("2026-11-30"),
    ));
    let stage = |r: &str| rows.iter().find(|row| row[1] == r).unwrap()[7].clone();
    assert_eq!(stage("r0"), "declined-or-withdrawn");
    assert_eq!(stage("r9"), "ended-early");
    let aggregates = aggregates_csv(&board, "Leadership");
    assert!(
        aggregates
            .contains("Leadership,relationships,2026-11-30,declined-or-withdrawn,5,shown\r\n"),
        "{aggregates}"
    );

    // One declined request among active pairs: hidden, and not counted as ended early.
    let mut changes = pairs(6);
    if let Change::Relationship(r) = &mut changes[5] {
        r.lifecycle = Lifecycle::EndedEarly {
            reason: "Not the right time".into(),
        };
    }
    let mut records = records_of(&changes);
    records.ended_unstarted = [id("r5")].into();
    let board = dashboard(&records, &Directory::default(), at("2026-11-30"));
    assert_eq!(board.relationships[4], Figure::Shown(0));
    assert_eq!(board.relationships[5], Figure::Hidden);
}

/// A goal's history, ratings and yes/no fields are written for a person in the CSV and as
/// dated objects in the JSON; someone with nothing of their own has an export with no record.
#[test]
fn my_data_says_history_ratings_and_flags_in_words_and_counts_an_empty_export() {
    let mut g = goal("g0", 0, GoalStatus::AtRisk, "2026-10-01", "2026-10-02");
    g.history = vec![
        mentoring_core::ProgressPoint {
            at: at("2026-10-01"),
            progress: Progress::new(20).unwrap(),
            new_source: false,
        },
        mentoring_core::ProgressPoint {
            at: at("2026-10-02"),
            progress: Progress::new(40).unwrap(),
            new_source: true,
        },
    ];
    let given = feedback("f0", 0, 4, Visibility::PrivateToReceiver, "2026-10-02");
    let mut agreed = relationship(0);
    agreed.agreed.mentee = Some(mentoring_core::relationship::Agreed {
        by: id("e0"),
        at: at("2026-10-03"),
        version: "a1b2".into(),
    });
    let changes = [
        Change::Goal(g),
        Change::Feedback(given),
        Change::Relationship(agreed),
    ];
    let rows = parse_csv(&personal_csv(&id("e0"), &changes, &[], &in_utc(&no_names)));
    let said = |field: &str| {
        (rows.iter())
            .find(|r| r[2] == field)
            .map(|r| r[3].clone())
            .unwrap_or_default()
    };
    assert_eq!(said("history 1"), "20% on 2026-10-01 10:00 +00:00");
    assert_eq!(
        said("history 2"),
        "40% on 2026-10-02 10:00 +00:00, counted a new way from here"
    );
    assert_eq!(said("status"), "At risk");
    assert_eq!(said("ratings 1"), "Support: 4 out of 5");
    assert_eq!(said("visibility"), "Only the two of you");
    assert!(!rows
        .iter()
        .any(|r| r[3].contains("1791") || r[3] == "private"));

    let json = personal_json(&id("e0"), &changes, &[], &in_utc(&no_names), Millis(0));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let records = parsed["records"].as_array().unwrap();
    let goal = records.iter().find(|r| r["id"] == "g0").unwrap();
    assert_eq!(
        goal["fields"]["history"][1],
        serde_json::json!({"at": "2026-10-02T10:00:00Z", "progress": 40, "new-source": true})
    );
    assert_eq!(goal["fields"]["created-at"], "2026-10-01T10:00:00Z");
    let fb = records.iter().find(|r| r["id"] == "f0").unwrap();
    // Programs keep the stored codes.
    assert_eq!(fb["fields"]["visibility"], "private");
    assert_eq!(fb["fields"]["ratings"][0], "support:4");

    let pair = records.iter().find(|r| r["id"] == "r0").unwrap();
    assert_eq!(
        pair["fields"]["mentee-agreed"],
        serde_json::json!({"by": "e0", "at": "2026-10-03T10:00:00Z", "version": "a1b2"})
    );

    assert_eq!(own_record_count(&id("e0"), &changes, &[]), 3);
    assert_eq!(own_record_count(&id("hr-admin"), &changes, &[]), 0);
}

#[test]
fn the_dashboard_is_dated_on_the_admins_own_day_not_the_utc_day() {
    // 21:30 UTC on 30 November is 01:30 on 1 December in Dubai (UTC+4).
    let now = Millis(i64::from(day("2026-11-30").0) * 86_400_000 + 21 * 3_600_000 + 1_800_000);
    let mut in_dubai = records(&sessions_in("2026-10-15", 3), &[]);
    in_dubai.reader_offset_minutes = 240;
    let board = dashboard(&in_dubai, &Directory::default(), now);
    assert_eq!(board.as_of, day("2026-12-01"));
    // December has begun where the admin is: its month is among the series.
    assert_eq!(figure_for(&board, "2026-12"), Figure::Shown(0));
    let in_london = records(&sessions_in("2026-10-15", 3), &[]);
    let board = dashboard(&in_london, &Directory::default(), now);
    assert_eq!(board.as_of, day("2026-11-30"));
    assert!(
        !(board.sessions_per_month.iter()).any(|(m, _)| m.to_string() == "2026-12"),
        "December before it began"
    );
}
