//! The benchmark's realistic instances, one generator for the benchmark
//! (`core/benches/matching.rs`), the native tests (`core/tests/matching_*.rs`) and the
//! widget's browser timing (`tests/browser_matching.rs`), so all three measure the same thing.
//!
//! Behind the `instances` feature, which only dev-dependencies turn on: it never ships in the
//! widget. Seeded and portable (xorshift64*), so an instance is the same on every machine and
//! in wasm.

use crate::person::Grade;
use crate::{RecordId, RelationshipKind};

use super::input::{Availability, MatchingInput, Mentee, Mentor, PairIds, WeeklySlot};
use super::matrix::ScoreMatrix;

/// xorshift64*: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (which must not be 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    /// Each item with `percent` chance, in order.
    pub fn some_of(&mut self, items: &[&str], percent: u64) -> Vec<String> {
        items
            .iter()
            .filter(|_| self.chance(percent))
            .map(|s| s.to_string())
            .collect()
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// A benchmark size: mentees × mentors, each mentor with `capacity` places.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub name: &'static str,
    pub mentees: usize,
    pub mentors: usize,
    pub capacity: u32,
}

impl Size {
    pub fn label(&self) -> String {
        format!("{}×{} cap {}", self.mentees, self.mentors, self.capacity)
    }
}

/// The three realistic sizes.
pub const SIZES: [Size; 3] = [
    Size {
        name: "small",
        mentees: 200,
        mentors: 100,
        capacity: 3,
    },
    Size {
        name: "medium",
        mentees: 1_000,
        mentors: 400,
        capacity: 3,
    },
    Size {
        name: "large",
        mentees: 3_000,
        mentors: 1_000,
        capacity: 4,
    },
];

/// A score table of the realistic shape: mentor popularity 40 %, similarity on 4 features
/// 60 %, scores 0–1000, 30 % of pairs forbidden.
pub fn realistic_matrix(seed: u64, rows: usize, cols: usize) -> ScoreMatrix {
    let mut rng = Rng::new(seed);
    let features = |rng: &mut Rng, n: usize| -> Vec<[i64; 4]> {
        (0..n)
            .map(|_| std::array::from_fn(|_| rng.below(1000) as i64))
            .collect()
    };
    let mentees = features(&mut rng, rows);
    let mentors = features(&mut rng, cols);
    let popularity: Vec<i64> = (0..cols).map(|_| rng.below(1000) as i64).collect();
    let mut m = ScoreMatrix::new(rows, cols);
    for (r, a) in mentees.iter().enumerate() {
        for (c, b) in mentors.iter().enumerate() {
            let distance: i64 = a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<i64>() / 4;
            let score = (400 * popularity[c] + 600 * (1000 - distance)) / 1000;
            m.set(r, c, score as u32, rng.below(100) >= 30);
        }
    }
    m
}

/// A cohort of people of that size, for a whole run (scoring and explaining too): skills,
/// goals, languages, places, two time zones, working-hours availability, grades,
/// departments, and one mentor in twenty forbidden for each mentee.
pub fn realistic_cohort(seed: u64, mentees: usize, mentors: usize, capacity: u32) -> MatchingInput {
    const SKILLS: [&str; 24] = [
        "sql",
        "python",
        "negotiation",
        "finance",
        "design",
        "leadership",
        "sales",
        "hiring",
        "budgeting",
        "public speaking",
        "writing",
        "strategy",
        "data",
        "security",
        "cloud",
        "marketing",
        "coaching",
        "product",
        "legal",
        "operations",
        "research",
        "ux",
        "risk",
        "procurement",
    ];
    const LANGUAGES: [&str; 3] = ["en", "ar", "fr"];
    const PLACES: [&str; 4] = ["London", "Dubai", "Leeds", "Abu Dhabi"];
    const DEPARTMENTS: [&str; 6] = ["Finance", "IT", "HR", "Sales", "Legal", "Operations"];
    let mut rng = Rng::new(seed);
    let pick = |rng: &mut Rng, items: &[&str], count: usize| -> Vec<String> {
        (0..count).map(|_| rng.pick(items).to_owned()).collect()
    };
    let availability = |rng: &mut Rng| {
        let mut hours = Availability::new();
        for _ in 0..6 {
            let slot = WeeklySlot::new(rng.below(5) as u8, 8 + rng.below(9) as u8);
            hours.insert(slot.expect("a weekday working hour"));
        }
        hours
    };
    let mut input = MatchingInput::new(RelationshipKind::Mentoring);
    for i in 0..mentees {
        let mut m = Mentee::new(RecordId::parse(&format!("e{i:05}")).expect("valid id"));
        m.skills_wanted = pick(&mut rng, &SKILLS, 3);
        m.goal_keywords = pick(&mut rng, &SKILLS, 2);
        let spoken = 1 + rng.below(2);
        m.languages = pick(&mut rng, &LANGUAGES, spoken);
        m.location = rng.pick(&PLACES).to_owned();
        m.utc_offset_minutes = [0, 240][rng.below(2)];
        m.availability = availability(&mut rng);
        m.grade = Grade(1 + rng.below(5) as u8);
        m.department = rng.pick(&DEPARTMENTS).to_owned();
        input.mentees.push(m);
    }
    for j in 0..mentors {
        let mut m = Mentor::new(RecordId::parse(&format!("r{j:05}")).expect("valid id"));
        m.skills_offered = pick(&mut rng, &SKILLS, 4);
        m.topics = pick(&mut rng, &SKILLS, 2);
        m.capacity = capacity;
        let spoken = 1 + rng.below(2);
        m.languages = pick(&mut rng, &LANGUAGES, spoken);
        m.location = rng.pick(&PLACES).to_owned();
        m.utc_offset_minutes = [0, 240][rng.below(2)];
        m.availability = availability(&mut rng);
        m.grade = Grade(3 + rng.below(5) as u8);
        m.department = rng.pick(&DEPARTMENTS).to_owned();
        input.mentors.push(m);
    }
    for i in 0..mentees {
        for _ in 0..mentors / 20 {
            input.forbids.push(PairIds {
                mentee: input.mentees[i].id.clone(),
                mentor: input.mentors[rng.below(mentors)].id.clone(),
            });
        }
    }
    input
}
