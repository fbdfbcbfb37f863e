//! The solvers on score matrices: the optimum is exact (brute force on tiny tables with many
//! ties, `pathfinding::kuhn_munkres` on larger ones, including the benchmark's small
//! realistic size), the stable assignment has no blocking pair, and sliced solves agree.

use mentoring_core::matching::instances::{realistic_matrix, Rng};
use mentoring_core::matching::{
    solve_optimal, solve_stable, OptimalSolver, ScoreMatrix, SolveStage,
};
use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

/// A random table: scores below `range` (a small range makes many ties), `forbidden`
/// percent of pairs not allowed.
fn random_matrix(
    rng: &mut Rng,
    rows: usize,
    cols: usize,
    range: usize,
    forbidden: usize,
) -> ScoreMatrix {
    let mut m = ScoreMatrix::new(rows, cols);
    for r in 0..rows {
        for c in 0..cols {
            let score = rng.below(range) as u32;
            m.set(r, c, score, rng.below(100) >= forbidden);
        }
    }
    m
}

/// (number matched, total score) of every assignment, best kept.
fn brute_force(m: &ScoreMatrix, capacities: &[u32]) -> (usize, i64) {
    fn search(
        m: &ScoreMatrix,
        row: usize,
        places: &mut [u32],
        got: (usize, i64),
        best: &mut (usize, i64),
    ) {
        if row == m.rows() {
            *best = (*best).max(got);
            return;
        }
        search(m, row + 1, places, got, best);
        for col in 0..m.cols() {
            if let Some(score) = m.allowed_score(row, col) {
                if places[col] > 0 {
                    places[col] -= 1;
                    search(m, row + 1, places, (got.0 + 1, got.1 + score), best);
                    places[col] += 1;
                }
            }
        }
    }
    let mut best = (0, 0);
    search(m, 0, &mut capacities.to_vec(), (0, 0), &mut best);
    best
}

/// `kuhn_munkres` on the matrix with each mentor column repeated `capacity` times, each
/// allowed pair worth `big + score` (so it too matches the most mentees first).
fn kuhn_munkres_reference(m: &ScoreMatrix, capacities: &[u32]) -> (usize, i64) {
    let seats: usize = capacities.iter().map(|&c| c as usize).sum();
    let most = m.rows().min(seats) as i64;
    let top = (0..m.rows())
        .flat_map(|r| (0..m.cols()).filter_map(move |c| m.allowed_score(r, c)))
        .max()
        .unwrap_or(0);
    let big = top * most + 1;
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

fn outcome(a: &mentoring_core::matching::Assignment) -> (usize, i64) {
    (a.matched, a.total_score)
}

fn check_capacities(m: &ScoreMatrix, capacities: &[u32], mentor_of: &[Option<usize>]) {
    let mut load = vec![0u32; capacities.len()];
    for (row, col) in mentor_of.iter().enumerate() {
        if let Some(col) = *col {
            assert!(
                m.allowed_score(row, col).is_some(),
                "row {row} got a forbidden pair"
            );
            load[col] += 1;
        }
    }
    for (col, (&l, &c)) in load.iter().zip(capacities).enumerate() {
        assert!(l <= c, "column {col} holds {l} of {c}");
    }
}

fn check_no_blocking_pair(m: &ScoreMatrix, capacities: &[u32], mentor_of: &[Option<usize>]) {
    let mut load = vec![0u32; capacities.len()];
    for col in mentor_of.iter().flatten() {
        load[*col] += 1;
    }
    for row in 0..m.rows() {
        let current = mentor_of[row].and_then(|c| m.allowed_score(row, c));
        for col in 0..m.cols() {
            let Some(score) = m.allowed_score(row, col) else {
                continue;
            };
            if mentor_of[row] == Some(col) || current.is_some_and(|s| s >= score) {
                continue;
            }
            let mentor_would = load[col] < capacities[col]
                || (0..m.rows())
                    .any(|k| mentor_of[k] == Some(col) && m.allowed_score(k, col).unwrap() < score);
            assert!(!mentor_would, "row {row} and column {col} block");
        }
    }
}

#[test]
fn the_optimum_equals_brute_force_on_tiny_tables_with_many_ties() {
    let mut differs_from_stable = 0;
    for seed in 0..2_000 {
        let mut rng = Rng::new(seed);
        let rows = rng.below(7);
        let cols = 1 + rng.below(4);
        let range = [2, 4, 10, 1000][rng.below(4)];
        let forbidden = rng.below(60);
        let m = random_matrix(&mut rng, rows, cols, range, forbidden);
        let capacities: Vec<u32> = (0..cols).map(|_| 1 + rng.below(3) as u32).collect();
        let optimal = solve_optimal(&m, &capacities);
        check_capacities(&m, &capacities, &optimal.mentor_of);
        assert_eq!(
            outcome(&optimal),
            brute_force(&m, &capacities),
            "seed {seed}"
        );
        let all: Vec<usize> = (0..rows).collect();
        let stable = solve_stable(&m, &capacities, &all);
        check_capacities(&m, &capacities, &stable.mentor_of);
        check_no_blocking_pair(&m, &capacities, &stable.mentor_of);
        differs_from_stable += usize::from(outcome(&optimal) != outcome(&stable));
    }
    assert!(
        differs_from_stable > 100,
        "{differs_from_stable} tables had a tension"
    );
}

#[test]
fn the_optimum_equals_kuhn_munkres_on_medium_tables() {
    for seed in 0..40 {
        let mut rng = Rng::new(100 + seed);
        let rows = 10 + rng.below(40);
        let cols = 3 + rng.below(15);
        let range = [3, 50, 5000][rng.below(3)];
        let forbidden = rng.below(70);
        let m = random_matrix(&mut rng, rows, cols, range, forbidden);
        let capacities: Vec<u32> = (0..cols).map(|_| 1 + rng.below(4) as u32).collect();
        let optimal = solve_optimal(&m, &capacities);
        check_capacities(&m, &capacities, &optimal.mentor_of);
        assert_eq!(
            outcome(&optimal),
            kuhn_munkres_reference(&m, &capacities),
            "seed {seed}"
        );
    }
}

#[test]
fn the_optimum_equals_kuhn_munkres_at_the_benchmarks_small_size() {
    // 200 mentees × 100 mentors of capacity 3: `MATCHING_BENCH_SIZES=small`.
    let m = realistic_matrix(1, 200, 100);
    let capacities = vec![3; 100];
    let optimal = solve_optimal(&m, &capacities);
    check_capacities(&m, &capacities, &optimal.mentor_of);
    assert_eq!(outcome(&optimal), kuhn_munkres_reference(&m, &capacities));
    let all: Vec<usize> = (0..200).collect();
    let stable = solve_stable(&m, &capacities, &all);
    check_no_blocking_pair(&m, &capacities, &stable.mentor_of);
    assert!(outcome(&stable) <= outcome(&optimal));
}

#[test]
fn more_mentees_than_places_leaves_exactly_the_surplus_unmatched() {
    let m = realistic_matrix(7, 60, 10);
    let capacities = vec![2; 10];
    let optimal = solve_optimal(&m, &capacities);
    assert_eq!(outcome(&optimal), kuhn_munkres_reference(&m, &capacities));
    assert_eq!(optimal.matched, 20, "every place is filled");
}

#[test]
fn a_sliced_solve_gives_the_same_assignment_and_reports_progress() {
    let m = realistic_matrix(3, 120, 40);
    let capacities = vec![3; 40];
    let whole = solve_optimal(&m, &capacities);
    let mut solver = OptimalSolver::new(&m, &capacities);
    let order = [
        SolveStage::Pricing,
        SolveStage::Placing,
        SolveStage::Repairing,
        SolveStage::Done,
    ];
    let mut last = (0, 0);
    let mut slices = 0;
    loop {
        let work = solver.work_done();
        let progress = solver.step(2_000);
        slices += 1;
        assert!(solver.work_done() > work, "every slice does some work");
        assert!(
            solver.work_done() - work < 2_000 + 2 * 120 * 41,
            "a slice stops soon after its budget"
        );
        let stage = order.iter().position(|s| *s == progress.stage).unwrap();
        assert!((stage, progress.placed) >= last, "progress never goes back");
        assert!(progress.placed <= progress.total);
        last = (stage, progress.placed);
        if progress.is_done() {
            break;
        }
    }
    assert!(slices > 10, "the budget splits the solve");
    assert_eq!(solver.finish(), whole);
}
