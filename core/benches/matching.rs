//! Matching benchmark: our exact optimum, our stable (greedy) mode and
//! `pathfinding::kuhn_munkres` (mentor columns repeated by capacity) on the same realistic
//! score tables, plus the whole run from people (score, solve, explain).
//!
//! ```text
//! cargo bench -p mentoring-core --bench matching
//! MATCHING_BENCH_SIZES=small,medium cargo bench -p mentoring-core --bench matching
//! ```
//!
//! Sizes: `small` 200 × 100 capacity 3, `medium` 1,000 × 400 capacity 3, `large`
//! 3,000 × 1,000 capacity 4 (default: all). Scores: mentor popularity 40 % plus similarity on
//! four features 60 %, 0–1000, 30 % of pairs forbidden. Peak memory is the heap the solver
//! allocates beyond its input (a counting global allocator); the score table itself is
//! printed once per size.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use mentoring_core::matching::{
    match_cohort, solve_optimal, solve_stable, Assignment, Availability, MatchingInput, Mentee,
    Mentor, Mode, PairIds, Problem, ScoreMatrix, WeeklySlot,
};
use mentoring_core::person::Grade;
use mentoring_core::{RecordId, RelationshipKind};
use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

/// Counts heap bytes in use and the peak since the last `reset_peak`.
struct CountingAllocator;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Runs `work`, returning its result, the time taken and the heap it added at its peak.
fn measure<T>(work: impl FnOnce() -> T) -> (T, Duration, usize) {
    let baseline = IN_USE.load(Ordering::Relaxed);
    PEAK.store(baseline, Ordering::Relaxed);
    let start = Instant::now();
    let result = std::hint::black_box(work());
    let elapsed = start.elapsed();
    (result, elapsed, PEAK.load(Ordering::Relaxed) - baseline)
}

/// The best of `runs` timings (the peak is the same each run).
fn best_of<T>(runs: usize, mut work: impl FnMut() -> T) -> (T, Duration, usize) {
    let (mut result, mut best, mut peak) = measure(&mut work);
    for _ in 1..runs {
        let (r, t, p) = measure(&mut work);
        if t < best {
            (result, best, peak) = (r, t, p);
        }
    }
    (result, best, peak)
}

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Mentor popularity 40 %, similarity on 4 features 60 %, scores 0–1000, 30 % forbidden.
fn realistic_matrix(seed: u64, rows: usize, cols: usize) -> ScoreMatrix {
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

/// A cohort of people of the same size, for the whole run (scoring and explaining too).
fn cohort(seed: u64, mentees: usize, mentors: usize, capacity: u32) -> Problem {
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
    let pick = |rng: &mut Rng, items: &[&str], count: u64| -> Vec<String> {
        (0..count)
            .map(|_| items[rng.below(items.len() as u64) as usize].to_owned())
            .collect()
    };
    let availability = |rng: &mut Rng| {
        let mut hours = Availability::new();
        for _ in 0..6 {
            hours.insert(WeeklySlot::new(rng.below(5) as u8, 8 + rng.below(9) as u8).unwrap());
        }
        hours
    };
    let mut input = MatchingInput::new(RelationshipKind::Mentoring);
    for i in 0..mentees {
        let mut m = Mentee::new(RecordId::parse(&format!("e{i:05}")).unwrap());
        m.skills_wanted = pick(&mut rng, &SKILLS, 3);
        m.goal_keywords = pick(&mut rng, &SKILLS, 2);
        let spoken = 1 + rng.below(2);
        m.languages = pick(&mut rng, &LANGUAGES, spoken);
        m.location = pick(&mut rng, &PLACES, 1).remove(0);
        m.utc_offset_minutes = [0, 240][rng.below(2) as usize];
        m.availability = availability(&mut rng);
        m.grade = Grade(1 + rng.below(5) as u8);
        m.department = pick(&mut rng, &DEPARTMENTS, 1).remove(0);
        input.mentees.push(m);
    }
    for j in 0..mentors {
        let mut m = Mentor::new(RecordId::parse(&format!("r{j:05}")).unwrap());
        m.skills_offered = pick(&mut rng, &SKILLS, 4);
        m.topics = pick(&mut rng, &SKILLS, 2);
        m.capacity = capacity;
        let spoken = 1 + rng.below(2);
        m.languages = pick(&mut rng, &LANGUAGES, spoken);
        m.location = pick(&mut rng, &PLACES, 1).remove(0);
        m.utc_offset_minutes = [0, 240][rng.below(2) as usize];
        m.availability = availability(&mut rng);
        m.grade = Grade(3 + rng.below(5) as u8);
        m.department = pick(&mut rng, &DEPARTMENTS, 1).remove(0);
        input.mentors.push(m);
    }
    for i in 0..mentees {
        for _ in 0..mentors / 20 {
            input.forbids.push(PairIds {
                mentee: input.mentees[i].id.clone(),
                mentor: input.mentors[rng.below(mentors as u64) as usize].id.clone(),
            });
        }
    }
    Problem::new(input).expect("the generated cohort is valid")
}

/// `kuhn_munkres` on the table with each mentor repeated `capacity` times; an allowed pair is
/// worth `big + score` so it too matches the most mentees first. Returns (matched, score).
fn kuhn_munkres_expanded(m: &ScoreMatrix, capacities: &[u32]) -> (usize, i64) {
    let seats: usize = capacities.iter().map(|&c| c as usize).sum();
    let top = (0..m.rows())
        .flat_map(|r| (0..m.cols()).filter_map(move |c| m.allowed_score(r, c)))
        .max()
        .unwrap_or(0);
    let big = top * m.rows().min(seats) as i64 + 1;
    let mut owner = Vec::new();
    for (col, &capacity) in capacities.iter().enumerate() {
        owner.extend(std::iter::repeat_n(Some(col), capacity as usize));
    }
    while owner.len() < m.rows() {
        owner.push(None);
    }
    let weights = Matrix::from_fn(m.rows(), owner.len(), |(r, seat)| {
        owner[seat]
            .and_then(|c| m.allowed_score(r, c))
            .map_or(0, |score| big + score)
    });
    let (total, _) = kuhn_munkres(&weights);
    let matched = total / big;
    (matched as usize, total - matched * big)
}

struct Size {
    name: &'static str,
    mentees: usize,
    mentors: usize,
    capacity: u32,
    runs: usize,
}

const SIZES: [Size; 3] = [
    Size {
        name: "small",
        mentees: 200,
        mentors: 100,
        capacity: 3,
        runs: 20,
    },
    Size {
        name: "medium",
        mentees: 1_000,
        mentors: 400,
        capacity: 3,
        runs: 5,
    },
    Size {
        name: "large",
        mentees: 3_000,
        mentors: 1_000,
        capacity: 4,
        runs: 3,
    },
];

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

fn ms(time: Duration) -> String {
    format!("{:.1} ms", time.as_secs_f64() * 1000.0)
}

fn row(
    size: &str,
    solver: &str,
    time: Duration,
    peak: usize,
    outcome: (usize, i64),
    ours: Duration,
) {
    println!(
        "| {size:<17} | {solver:<27} | {:>10} | {:>9} | {:>7} | {:>11} | {:>7.2}× |",
        ms(time),
        mb(peak),
        outcome.0,
        outcome.1,
        time.as_secs_f64() / ours.as_secs_f64()
    );
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read from the command line.
    let wanted = std::env::var("MATCHING_BENCH_SIZES").unwrap_or_else(|_| "all".to_owned());
    let chosen: Vec<&Size> = SIZES
        .iter()
        .filter(|s| wanted == "all" || wanted.split(',').any(|w| w.trim() == s.name))
        .collect();
    if chosen.is_empty() {
        eprintln!(
            "MATCHING_BENCH_SIZES={wanted:?} names no size; use a comma-separated list of \
             small, medium, large, or all"
        );
        std::process::exit(2);
    }
    println!(
        "| size              | solver                      |       time |      peak | matched | total score | vs ours |"
    );
    println!(
        "|-------------------|-----------------------------|-----------:|----------:|--------:|------------:|--------:|"
    );
    let mut notes: Vec<String> = Vec::new();
    for size in chosen {
        let label = format!("{}×{} cap {}", size.mentees, size.mentors, size.capacity);
        let scores = realistic_matrix(42, size.mentees, size.mentors);
        let capacities = vec![size.capacity; size.mentors];
        let rows: Vec<usize> = (0..size.mentees).collect();

        let (optimal, ours, peak) = best_of(size.runs, || solve_optimal(&scores, &capacities));
        let outcome = |a: &Assignment| (a.matched, a.total_score);
        row(
            &label,
            "ours: optimal (exact)",
            ours,
            peak,
            outcome(&optimal),
            ours,
        );

        let (stable, time, peak) = best_of(size.runs, || solve_stable(&scores, &capacities, &rows));
        row(
            &label,
            "ours: stable (greedy)",
            time,
            peak,
            outcome(&stable),
            ours,
        );

        let (reference, time, peak) = measure(|| kuhn_munkres_expanded(&scores, &capacities));
        row(
            &label,
            "kuhn_munkres (expanded)",
            time,
            peak,
            reference,
            ours,
        );
        assert_eq!(
            outcome(&optimal),
            reference,
            "the optimum must equal kuhn_munkres's"
        );

        let problem = cohort(7, size.mentees, size.mentors, size.capacity);
        let (matching, time, peak) = measure(|| match_cohort(&problem, Mode::Optimal));
        let whole = (matching.pairs.len(), matching.total_score);
        row(
            &label,
            "ours: whole run from people",
            time,
            peak,
            whole,
            ours,
        );
        notes.push(format!(
            "{label}: the score table given to the three solvers holds {}",
            mb(scores.heap_bytes())
        ));
    }
    println!();
    println!("time: best of several runs for ours; one run for kuhn_munkres, building its table included");
    println!("peak: heap allocated beyond the input at its highest (kuhn_munkres: with its table)");
    println!("whole run: a cohort of people of that size scored, solved and explained");
    for note in notes {
        println!("{note}");
    }
}
