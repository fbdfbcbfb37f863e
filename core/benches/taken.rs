//! What a device must let go of (`mentoring_core::taken::taken_from`), natively (best of
//! several runs). The sync engine asks it after every pull and at every opening, over every
//! record the device holds.
//!
//! ```text
//! cargo bench -p mentoring-core --bench taken
//! ```
//!
//! One replica as a busy device might hold it: a programme of 500 relationships, 3,000
//! sessions, 2,000 goals and 1,000 feedback forms (about 60,000 ops). Timed for its
//! programme admin and for one mentee in it (from whom every other pair's records are taken).

use std::time::Instant;

use mentoring_core::feedback::Visibility;
use mentoring_core::goal::Relevance;
use mentoring_core::merge::Replica;
use mentoring_core::projection::{admin_records_of, records_of};
use mentoring_core::session::{Grow, Place};
use mentoring_core::taken::taken_from;
use mentoring_core::*;

const RELATIONSHIPS: usize = 500;
const SESSIONS: usize = 3_000;
const GOALS: usize = 2_000;
const FEEDBACK: usize = 1_000;
const RUNS: usize = 9;

fn id(text: String) -> RecordId {
    RecordId::parse(&text).expect("bench ids are valid")
}

fn changes() -> (Programme, Vec<Change>) {
    let starts = Date::parse("2026-01-05").unwrap();
    let mut programme = Programme::new(
        id("prog".into()),
        ProgrammeKind::Mentoring,
        "Leadership",
        starts,
    );
    programme.admins = vec![id("hr".into())];
    programme.state = ProgrammeState::Open;
    let mut changes = Vec::new();
    for r in 0..RELATIONSHIPS {
        changes.push(Change::Relationship(Relationship {
            id: id(format!("r{r}")),
            kind: RelationshipKind::Mentoring,
            programme: programme.id.clone(),
            mentor: id(format!("m{}", r % 200)),
            mentee: id(format!("p{r}")),
            purpose: "Grow as a leader".into(),
            ground_rules: String::new(),
            starts,
            planned_end: starts.add_days(365),
            lifecycle: Lifecycle::Active,
            target_role: None,
            agreed: Default::default(),
        }));
    }
    for s in 0..SESSIONS {
        let r = s % RELATIONSHIPS;
        changes.push(Change::Session(Session {
            id: id(format!("s{s}")),
            relationship: id(format!("r{r}")),
            author: id(format!("p{r}")),
            partner: Some(id(format!("m{}", r % 200))),
            at: Millis(i64::from(starts.0) * 86_400_000 + s as i64 * 3_600_000),
            time_zone: "Europe/London".into(),
            minutes: 60,
            place: Place::Online,
            grow: Grow::default(),
            skills: Default::default(),
            actions: Vec::new(),
            goals: Vec::new(),
        }));
    }
    for g in 0..GOALS {
        let r = g % RELATIONSHIPS;
        changes.push(Change::Goal(Goal {
            id: id(format!("g{g}")),
            owner: id(format!("p{r}")),
            relationship: Some(id(format!("r{r}"))),
            title: Title::parse("Present to the board").unwrap(),
            measure: None,
            due: None,
            relevance: Relevance::default(),
            milestones: Vec::new(),
            manual_progress: Progress::new(40).unwrap(),
            progress_from: Default::default(),
            status: GoalStatus::OnTrack,
            history: Vec::new(),
            created_at: Millis(0),
            updated_at: Millis(0),
        }));
    }
    for f in 0..FEEDBACK {
        let r = f % RELATIONSHIPS;
        changes.push(Change::Feedback(Feedback {
            id: id(format!("f{f}")),
            giver: id(format!("m{}", r % 200)),
            receiver: id(format!("p{r}")),
            relationship: id(format!("r{r}")),
            session: None,
            strengths: Vec::new(),
            development_areas: Vec::new(),
            ratings: Default::default(),
            overall: "A good hour".into(),
            visibility: Visibility::SharedWithPair,
            given_at: Millis(0),
        }));
    }
    (programme, changes)
}

fn main() {
    let (programme, changes) = changes();
    let mut replica = Replica::new();
    let mut n = 0;
    let mut put = |entity: &str, record: &RecordId, fields: projection::Fields| {
        for (field, value) in fields {
            n += 1;
            replica.write(
                &id("hr".into()),
                &id("laptop".into()),
                entity,
                record,
                &field,
                value,
                Millis(n),
                id(format!("op-{n}")),
            );
        }
    };
    for record in admin_records_of(&AdminChange::Programme(programme)) {
        put(record.entity, &record.id, record.fields);
    }
    for change in &changes {
        for record in records_of(change) {
            put(record.entity, &record.id, record.fields);
        }
    }
    println!(
        "replica: {} records, {n} ops",
        RELATIONSHIPS + SESSIONS + GOALS + FEEDBACK
    );
    for who in ["hr", "p7"] {
        let me = id(who.into());
        let mut best = f64::INFINITY;
        let mut taken = Vec::new();
        for _ in 0..RUNS {
            let start = Instant::now();
            taken = taken_from(&replica, &me, &[]);
            best = best.min(start.elapsed().as_secs_f64() * 1e3);
        }
        println!(
            "taken from {who}: {} records, best of {RUNS} in {best:.1} ms",
            taken.len()
        );
    }
}
