//! Programme dashboard benchmark, natively (best of several runs).
//!
//! ```text
//! cargo bench -p mentoring-core --bench dashboard
//! ```
//!
//! A programme of 5,000 participants (3,750 mentees, 1,250 mentors of capacity 2–4), 2,500
//! relationships, 20,000 goals, 15,000 sessions, 5,000 feedback forms (a third private),
//! 2,500 private notes and start/end self-assessments and check-ins, over 14 months. Timed:
//! picking the admin's records out of everything the host holds (`gather`), the dashboard,
//! relationship health, and both admin CSV exports.

use std::time::Instant;

use mentoring_core::dashboard::{dashboard, ProgrammeRecords};
use mentoring_core::evaluation::{CheckIn, Observer, SelfAssessment, Stage};
use mentoring_core::export::{aggregates_csv, relationships_csv};
use mentoring_core::feedback::{RatingScale, Visibility};
use mentoring_core::goal::Relevance;
use mentoring_core::health::relationship_health;
use mentoring_core::session::{Grow, Place};
use mentoring_core::*;

const MENTEES: usize = 3_750;
const MENTORS: usize = 1_250;
const RELATIONSHIPS: usize = 2_500;
const GOALS: usize = 20_000;
const SESSIONS: usize = 15_000;
const FEEDBACK: usize = 5_000;
const RUNS: usize = 15;
const DAY_MS: i64 = 86_400_000;

fn id(text: String) -> RecordId {
    RecordId::parse(&text).expect("bench ids are valid")
}

/// A small deterministic generator, so every run measures the same programme.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

struct Fixture {
    programme: Programme,
    directory: Directory,
    changes: Vec<Change>,
    admin: Vec<AdminChange>,
    today: Date,
}

fn fixture() -> Fixture {
    let mut rng = Lcg(7);
    let starts = Date::parse("2026-01-05").unwrap();
    let today = starts.add_days(420);
    let mut programme = Programme::new(
        id("prog".into()),
        ProgrammeKind::Mentoring,
        "Leadership",
        starts,
    );
    programme.admins = vec![id("hr".into())];
    let departments = ["Sales", "Finance", "Product", "People", "Operations"];
    let mut people = Vec::new();
    let mut admin = Vec::new();
    for n in 0..MENTEES + MENTORS {
        let key = id(format!("p{n}"));
        let mut person = Person::new(key.clone(), format!("Person {n}"));
        person.department = departments[n % departments.len()].into();
        person.location = if n % 3 == 0 { "Dubai" } else { "London" }.into();
        person.grade = Grade(if n < MENTEES { 3 } else { 7 });
        people.push(person);
        admin.push(AdminChange::Enrolment(Enrolment {
            id: id(format!("e{n}")),
            programme: programme.id.clone(),
            person: key,
            role: if n < MENTEES {
                EnrolledAs::Mentee
            } else {
                EnrolledAs::Mentor {
                    capacity: 2 + (n % 3) as u8,
                }
            },
            status: EnrolmentStatus::Enrolled,
            since: starts,
        }));
    }
    let mut changes = Vec::new();
    for r in 0..RELATIONSHIPS {
        let begins = starts.add_days(rng.below(60) as i32);
        changes.push(Change::Relationship(Relationship {
            id: id(format!("r{r}")),
            kind: RelationshipKind::Mentoring,
            programme: programme.id.clone(),
            mentor: id(format!("p{}", MENTEES + r % MENTORS)),
            mentee: id(format!("p{r}")),
            purpose: "Grow as a leader".into(),
            ground_rules: String::new(),
            starts: begins,
            planned_end: begins.add_days(365 + rng.below(120) as i32),
            lifecycle: match rng.below(20) {
                0 => Lifecycle::Paused,
                1 => Lifecycle::EndedEarly {
                    reason: "moved".into(),
                },
                2 => Lifecycle::Completed,
                _ => Lifecycle::Active,
            },
            target_role: None,
            agreed: Default::default(),
        }));
    }
    let at = |rng: &mut Lcg| Millis((i64::from(starts.0) + rng.below(420) as i64) * DAY_MS);
    let statuses = [
        GoalStatus::OnTrack,
        GoalStatus::AtRisk,
        GoalStatus::Achieved,
        GoalStatus::Dropped,
    ];
    for g in 0..GOALS {
        let r = g % RELATIONSHIPS;
        let created = at(&mut rng);
        changes.push(Change::Goal(Goal {
            id: id(format!("g{g}")),
            owner: id(format!("p{r}")),
            relationship: Some(id(format!("r{r}"))),
            title: Title::parse("Present to the board").unwrap(),
            measure: None,
            due: Some(created.utc_date().add_days(90)),
            relevance: Relevance::default(),
            milestones: Vec::new(),
            manual_progress: Progress::new(rng.below(101) as i64).unwrap(),
            progress_from: Default::default(),
            status: statuses[rng.below(4) as usize],
            history: Vec::new(),
            created_at: created,
            updated_at: Millis(created.0 + rng.below(120) as i64 * DAY_MS),
        }));
    }
    for s in 0..SESSIONS {
        let r = s % RELATIONSHIPS;
        changes.push(Change::Session(Session {
            id: id(format!("s{s}")),
            relationship: id(format!("r{r}")),
            author: id(format!("p{r}")),
            partner: Some(id(format!("p{}", MENTEES + r % MENTORS))),
            at: at(&mut rng),
            time_zone: "Europe/London".into(),
            minutes: 60,
            place: Place::Online,
            grow: Grow::default(),
            skills: Default::default(),
            actions: Vec::new(),
            goals: Vec::new(),
        }));
        if s < RELATIONSHIPS {
            changes.push(Change::PrivateNote(PrivateNote {
                id: id(format!("n{s}")),
                owner: id(format!("p{r}")),
                session: id(format!("s{s}")),
                text: "nervous".into(),
            }));
        }
    }
    for f in 0..FEEDBACK {
        let r = f % RELATIONSHIPS;
        let ratings = RatingScale::ALL
            .iter()
            .map(|scale| (*scale, 1 + rng.below(5) as u8))
            .collect::<Ratings>();
        changes.push(Change::Feedback(Feedback {
            id: id(format!("f{f}")),
            giver: id(format!("p{r}")),
            receiver: id(format!("p{}", MENTEES + r % MENTORS)),
            relationship: id(format!("r{r}")),
            session: None,
            strengths: Vec::new(),
            development_areas: Vec::new(),
            ratings,
            overall: String::new(),
            visibility: Visibility::ALL[f % 3],
            given_at: at(&mut rng),
        }));
    }
    for m in 0..RELATIONSHIPS {
        for (stage, score) in [(Stage::Start, 2), (Stage::End, 3 + (m % 3) as u8)] {
            admin.push(AdminChange::SelfAssessment(SelfAssessment {
                id: id(format!("sa{m}-{score}")),
                programme: programme.id.clone(),
                person: id(format!("p{m}")),
                stage,
                score,
                written_at: at(&mut rng),
            }));
        }
        admin.push(AdminChange::CheckIn(CheckIn {
            id: id(format!("ci{m}")),
            programme: programme.id.clone(),
            about: id(format!("p{m}")),
            by: id(format!("p{}", (m + 1) % MENTEES)),
            observer: if m % 2 == 0 {
                Observer::Manager
            } else {
                Observer::Peer
            },
            score: 1 + (m % 5) as u8,
            written_at: at(&mut rng),
        }));
    }
    Fixture {
        programme,
        directory: Directory::new(people),
        changes,
        admin,
        today,
    }
}

/// The fastest of `RUNS` runs of `work`, in ms.
fn best_ms<T>(mut work: impl FnMut() -> T) -> f64 {
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let output = work();
            let elapsed = start.elapsed().as_secs_f64() * 1e3;
            drop(std::hint::black_box(output));
            elapsed
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let f = fixture();
    let gather = || ProgrammeRecords::gather(&f.programme, &f.changes, &f.admin, None, &|_, _| 0);
    let records = gather();
    println!(
        "programme: {} enrolments, {} relationships, {} goals, {} sessions, {} rating sets",
        records.enrolments.len(),
        records.relationships.len(),
        records.goals.len(),
        records.sessions.len(),
        records.ratings.len()
    );
    let board = dashboard(&records, &Directory::default(), by(f.today));
    let health = relationship_health(&records, by(f.today));
    println!(
        "dashboard: {} months; health: {} relationships, {} with a signal",
        board.sessions_per_month.len(),
        health.len(),
        health.iter().filter(|h| !h.signals.is_empty()).count()
    );
    let timings = [
        ("gather (from every record the host holds)", best_ms(gather)),
        (
            "dashboard aggregates",
            best_ms(|| dashboard(&records, &Directory::default(), by(f.today))),
        ),
        (
            "relationship health",
            best_ms(|| relationship_health(&records, by(f.today))),
        ),
        (
            "gather + dashboard + health",
            best_ms(|| {
                let records = gather();
                let board = dashboard(&records, &Directory::default(), by(f.today));
                (board, relationship_health(&records, by(f.today)))
            }),
        ),
        (
            "aggregates CSV",
            best_ms(|| aggregates_csv(&board, &records.programme.name)),
        ),
        (
            "relationships CSV",
            best_ms(|| relationships_csv(&records, &health, &f.directory, by(f.today))),
        ),
    ];
    for (what, ms) in timings {
        println!("{what:<45} {ms:>8.2} ms");
    }
}

/// The last instant of `date` (UTC): figures asked "by" a day count every session held on it.
fn by(date: Date) -> Millis {
    Millis(i64::from(date.0 + 1) * 86_400_000 - 1)
}
