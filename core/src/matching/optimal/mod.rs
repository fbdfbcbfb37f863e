//! The exact optimum: the most mentees matched, and among those assignments the highest
//! total score.
//!
//! # The problem
//!
//! A min-cost transportation problem over *compact* mentor columns (a mentor with four
//! places is one column of capacity four, never four columns). Each allowed pair costs
//! `-(BIG + score)`; one extra column, "unmatched", takes any number of mentees at cost 0.
//! `BIG` exceeds every possible total of scores, so one more mentee matched always beats any
//! gain in score: the optimum maximises the number matched first, then the total score.
//!
//! # Why it is exact
//!
//! The solver keeps dual potentials `u[row]`, `v[column]` and stops only when they certify
//! the assignment (linear-programming duality):
//! 1. every reduced cost `c(r, j) - u[r] - v[j]` of a placed mentee is `>= 0`;
//! 2. every held pair has reduced cost 0;
//! 3. `v[j] <= 0`, and `v[j] < 0` only for a full mentor; `v[unmatched] = 0`.
//!
//! # How it gets there fast
//!
//! 1. **Pricing** (`pricing.rs`): an ε-scaling auction estimates each mentor's price
//!    (`-v[j]`): popular mentors get expensive. Only a warm start; any prices would do.
//! 2. **Placing**: mentees are placed one at a time by a shortest augmenting path (the
//!    Hungarian method in its Jonker–Volgenant form): a Dijkstra search over columns with
//!    reduced costs, which goes on through the mentees a full mentor holds and stops at the
//!    first column with a place — as soon as one is reached at the current distance. With
//!    good prices most searches end at the mentee's first choice. The potential update
//!    keeps conditions 1 and 2 after every placement.
//! 3. **Repair** (`repair.rs`): a mentor the auction priced but who ended with a free place
//!    breaks condition 3. A search in the other direction fixes each: it lowers the
//!    mentor's price, and wherever a mentee becomes as happy with that mentor as with their
//!    own, moves them in (their old mentor then needs someone, and so on) — along the
//!    cheapest such chain, keeping conditions 1 and 2. It ends when the mentor is full or
//!    its price is 0. Placements never break condition 3 again (they lower only full
//!    mentors' `v`), so the end result is certified optimal.
//!
//! The arrays are dense and `O(rows + columns + places)` beyond the score matrix.
//!
//! # In slices
//!
//! `OptimalSolver::step(budget)` works until about `budget` matrix cells have been looked at,
//! then returns, so a browser can yield to the page between slices. One bid or one placement
//! is the unit that is never split (microseconds).

use std::borrow::Borrow;

mod repair;

use super::matrix::{Assignment, ScoreMatrix};
use super::pricing::Auction;

/// Farther than any real distance (those stay below 2^56: `big` < 2^52, see `SUM_LIMIT`).
const INF: i64 = 1 << 58;
/// Added to the reduced cost of a forbidden cell or a column already settled in this search,
/// so that a branch-free loop never takes either. Two of them still fit in an `i64`.
const PENALTY: i64 = 1 << 60;
const NOT_PLACED: u32 = u32::MAX;
/// Costs in units stay below this (`big` with room for paths of a few `big`s).
const SUM_LIMIT: i64 = 1 << 52;
/// Units finer than 1/4096 of a point buy nothing more.
const MAX_SCALE: i64 = 1 << 12;

/// What a sliced solve is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SolveStage {
    /// Estimating mentor prices (nobody is placed yet).
    Pricing,
    /// Placing mentees one by one.
    Placing,
    /// Fixing the prices of mentors left with a place.
    Repairing,
    Done,
}

/// How far a sliced solve has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub stage: SolveStage,
    /// Mentees placed (or, while repairing, mentors fixed) so far, of `total`.
    pub placed: usize,
    pub total: usize,
}

impl Progress {
    pub fn is_done(&self) -> bool {
        self.stage == SolveStage::Done
    }
}

/// An exact solve in progress. `M` is the score matrix, owned or borrowed.
#[derive(Debug)]
pub struct OptimalSolver<M: Borrow<ScoreMatrix>> {
    scores: M,
    /// Costs are in units of `score × scale`: the finer the units, the closer the auction's
    /// prices come to the optimum's (the optimum itself does not depend on it).
    scale: i64,
    /// The value of matching one more mentee, in those units: more than any total of scores.
    big: i64,
    stage: SolveStage,
    auction: Option<Auction>,
    /// Everyone this solver places, in order, and how many are placed.
    rows: Vec<u32>,
    next: usize,
    /// Mentors to repair, and how many are done.
    broken: Vec<u32>,
    repaired: usize,
    /// Real columns are `0..cols`; column `cols` is "unmatched".
    cols: usize,
    capacity: Vec<u32>,
    /// Whether a column has a free place (the unmatched column always has).
    has_place: Vec<bool>,
    /// The mentees each real column holds: `slots[slot_start[j]..][..load[j]]`.
    load: Vec<u32>,
    slot_start: Vec<usize>,
    slots: Vec<u32>,
    /// Per matrix row: its column, `cols` if unmatched, `NOT_PLACED` before placement.
    column_of: Vec<u32>,
    u: Vec<i64>,
    v: Vec<i64>,
    // Scratch for one search, kept to avoid reallocating per mentee.
    dist: Vec<i64>,
    via: Vec<u32>,
    settled_columns: Vec<(u32, i64)>,
    reached_rows: Vec<(u32, i64)>,
    frontier: Vec<u32>,
    reverse: repair::ReverseSearch,
    work: u64,
}

impl<M: Borrow<ScoreMatrix>> OptimalSolver<M> {
    /// A solver for every row of `scores`, each mentor column taking `capacities[j]`.
    pub fn new(scores: M, capacities: &[u32]) -> OptimalSolver<M> {
        let rows = (0..scores.borrow().rows()).collect();
        OptimalSolver::for_rows(scores, capacities, rows)
    }

    /// A solver that places only `rows` (e.g. everyone not pinned); other rows stay out.
    ///
    /// Panics if `capacities` does not have one entry per column.
    pub fn for_rows(scores: M, capacities: &[u32], rows: Vec<usize>) -> OptimalSolver<M> {
        let matrix = scores.borrow();
        let cols = matrix.cols();
        assert_eq!(capacities.len(), cols, "one capacity per mentor column");
        let rows: Vec<u32> = rows.into_iter().map(|r| r as u32).collect();
        let seats: u64 = capacities.iter().map(|&c| u64::from(c)).sum();
        let most_matched = (rows.len() as u64).min(seats) as i64;
        let top = matrix.max_allowed_score();
        let big_in_points = top * most_matched + 1;
        let scale = (most_matched + 1)
            .min(MAX_SCALE)
            .min(SUM_LIMIT / big_in_points)
            .max(1);
        let big = big_in_points * scale;
        let mut slot_start = Vec::with_capacity(cols + 1);
        let mut next_slot = 0usize;
        for &c in capacities {
            slot_start.push(next_slot);
            next_slot += c.min(rows.len() as u32) as usize;
        }
        slot_start.push(next_slot);
        let mut has_place: Vec<bool> = capacities.iter().map(|&c| c > 0).collect();
        has_place.push(true);
        let matrix_rows = matrix.rows();
        let auction = Auction::new(matrix, capacities, &rows, big, scale);
        OptimalSolver {
            scale,
            big,
            stage: SolveStage::Pricing,
            auction: Some(auction),
            next: 0,
            broken: Vec::new(),
            repaired: 0,
            reverse: repair::ReverseSearch::new(matrix_rows, cols),
            rows,
            cols,
            capacity: capacities.to_vec(),
            has_place,
            load: vec![0; cols],
            slot_start,
            slots: vec![NOT_PLACED; next_slot],
            column_of: vec![NOT_PLACED; matrix_rows],
            u: vec![0; matrix_rows],
            v: vec![0; cols + 1],
            dist: vec![INF; cols + 1],
            via: vec![NOT_PLACED; cols + 1],
            settled_columns: Vec::new(),
            reached_rows: Vec::new(),
            frontier: Vec::new(),
            work: 0,
            scores,
        }
    }

    /// Works until about `budget` matrix cells have been examined (at least one bid or
    /// placement per call while any work is left).
    pub fn step(&mut self, budget: u64) -> Progress {
        let start = self.work;
        while self.stage != SolveStage::Done && self.work - start < budget {
            match self.stage {
                SolveStage::Pricing => self.price(budget - (self.work - start)),
                SolveStage::Placing if self.next < self.rows.len() => {
                    let row = self.rows[self.next];
                    self.place(row);
                    self.next += 1;
                }
                SolveStage::Placing => {
                    self.broken = (0..self.cols as u32)
                        .filter(|&j| self.v[j as usize] < 0 && self.has_place[j as usize])
                        .collect();
                    self.stage = SolveStage::Repairing;
                }
                SolveStage::Repairing if self.repaired < self.broken.len() => {
                    let column = self.broken[self.repaired] as usize;
                    if self.repair_step(column) {
                        self.repaired += 1;
                    }
                }
                SolveStage::Repairing => self.stage = SolveStage::Done,
                SolveStage::Done => {}
            }
        }
        self.progress()
    }

    pub fn progress(&self) -> Progress {
        let (placed, total) = match self.stage {
            SolveStage::Pricing => (0, self.rows.len()),
            SolveStage::Placing => (self.next, self.rows.len()),
            SolveStage::Repairing => (self.repaired, self.broken.len()),
            SolveStage::Done => (self.rows.len(), self.rows.len()),
        };
        Progress {
            stage: self.stage,
            placed,
            total,
        }
    }

    /// Runs to the end and returns the optimum.
    pub fn finish(self) -> Assignment {
        self.finish_with_scores().1
    }

    /// Runs to the end; gives back the score matrix with the optimum.
    pub fn finish_with_scores(mut self) -> (M, Assignment) {
        self.step(u64::MAX);
        let mentor_of = self
            .column_of
            .iter()
            .map(|&c| (c != NOT_PLACED && (c as usize) < self.cols).then_some(c as usize))
            .collect();
        let assignment = Assignment::from_columns(self.scores.borrow(), mentor_of);
        (self.scores, assignment)
    }

    /// Matrix cells examined so far: the unit of `step`'s budget.
    pub fn work_done(&self) -> u64 {
        self.work
    }

    fn price(&mut self, budget: u64) {
        let Some(auction) = self.auction.as_mut() else {
            self.stage = SolveStage::Placing;
            return;
        };
        let before = auction.work;
        auction.step(self.scores.borrow(), budget);
        self.work += auction.work - before + 1;
        if auction.is_finished() {
            for column in 0..self.cols {
                self.v[column] = -auction.price(column);
            }
            self.auction = None;
            self.stage = SolveStage::Placing;
        }
    }

    /// One shortest augmenting path from `start`, then the potential update and the shift.
    fn place(&mut self, start: u32) {
        self.settled_columns.clear();
        self.reached_rows.clear();
        self.reached_rows.push((start, 0));
        let mut column = self.relax_start(start);
        let (sink, distance) = loop {
            let distance = self.dist[column];
            if self.has_place[column] {
                break (column, distance);
            }
            // Settled: later relaxations must not touch it, nor the nearest-column scan.
            self.settled_columns.push((column as u32, distance));
            self.v[column] -= PENALTY;
            self.dist[column] = INF;
            let held =
                self.slot_start[column]..self.slot_start[column] + self.load[column] as usize;
            self.frontier.clear();
            self.frontier.extend_from_slice(&self.slots[held]);
            let mut found = None;
            for index in 0..self.frontier.len() {
                let row = self.frontier[index];
                self.reached_rows.push((row, distance));
                if found.is_none() {
                    found = self.relax(row, distance);
                }
            }
            column = match found {
                Some(column) => column,
                None => self.nearest_column(),
            };
        };

        for &(column, reached_at) in &self.settled_columns {
            let column = column as usize;
            self.v[column] += PENALTY + reached_at - distance;
        }
        for &(row, reached_at) in &self.reached_rows {
            self.u[row as usize] += distance - reached_at;
        }
        self.shift_along_path(start, sink);
    }

    /// The first step of a search: the new mentee's own reduced costs may be negative (its
    /// potential is not set yet), so every column is measured and the nearest returned.
    /// It also resets every distance left from the previous search.
    fn relax_start(&mut self, row: u32) -> usize {
        let matrix = self.scores.borrow();
        let cells = matrix.row(row as usize);
        self.work += cells.len() as u64 + 1;
        let base = -self.big - self.u[row as usize];
        let unmatched = self.cols;
        let mut best = unmatched;
        let mut best_dist = -self.u[row as usize];
        self.dist[unmatched] = best_dist;
        self.via[unmatched] = row;
        for (column, (&cell, &v)) in cells.iter().zip(&self.v).enumerate() {
            let reached =
                base - i64::from(cell) * self.scale - v + (i64::from(cell >> 31) & PENALTY);
            self.dist[column] = reached;
            if reached < best_dist
                || (reached == best_dist && self.has_place[column] && !self.has_place[best])
            {
                best = column;
                best_dist = reached;
            }
        }
        self.via[..unmatched].fill(row);
        best
    }

    /// Relaxes every open column from `row`, reached at `distance`. Returns a column with a
    /// place reached at `distance` itself: nothing can be nearer, so the search may stop.
    fn relax(&mut self, row: u32, distance: i64) -> Option<usize> {
        let matrix = self.scores.borrow();
        let cells = matrix.row(row as usize);
        self.work += cells.len() as u64 + 1;
        // Reduced cost of an allowed cell: -(big + score × scale) - u[row] - v[j]. Forbidden cells
        // and settled columns carry a PENALTY, so they never improve a distance.
        let base = distance - self.big - self.u[row as usize];
        let scale = self.scale;
        for (column, (&cell, &v)) in cells.iter().zip(&self.v).enumerate() {
            let reached = base - i64::from(cell) * scale - v + (i64::from(cell >> 31) & PENALTY);
            if reached < self.dist[column] {
                self.dist[column] = reached;
                self.via[column] = row;
                if reached == distance && self.has_place[column] {
                    return Some(column);
                }
            }
        }
        let unmatched = self.cols;
        let reached = distance - self.u[row as usize];
        if reached < self.dist[unmatched] {
            self.dist[unmatched] = reached;
            self.via[unmatched] = row;
        }
        None
    }

    /// The open column at the least distance; on a tie, one with a place (it ends the
    /// search), then the lowest index (for determinism). Settled columns are at `INF`.
    fn nearest_column(&mut self) -> usize {
        self.work += self.cols as u64 + 1;
        let mut best = self.cols;
        let mut best_dist = self.dist[best];
        for (column, (&d, &has_place)) in self.dist.iter().zip(&self.has_place).enumerate() {
            if d < best_dist || (d == best_dist && has_place && !self.has_place[best]) {
                best = column;
                best_dist = d;
            }
        }
        best
    }

    /// Moves each mentee on the path one step: the last one into `sink`, each earlier one
    /// into the place the next one left, and `start` into the first.
    fn shift_along_path(&mut self, start: u32, sink: usize) {
        let mut column = sink;
        let mut row = self.via[sink];
        if sink != self.cols {
            let at = self.slot_start[sink] + self.load[sink] as usize;
            self.slots[at] = row;
            self.load[sink] += 1;
            self.has_place[sink] = self.load[sink] < self.capacity[sink];
        }
        loop {
            let left = self.column_of[row as usize];
            self.column_of[row as usize] = column as u32;
            if row == start {
                break;
            }
            let left = left as usize;
            let incoming = self.via[left];
            let held = self.slot_start[left]..self.slot_start[left] + self.load[left] as usize;
            let position = self.slots[held.clone()]
                .iter()
                .position(|&r| r == row)
                .expect("a row on the path is held by the column it leaves");
            self.slots[held.start + position] = incoming;
            column = left;
            row = incoming;
        }
    }
}

/// The exact optimum of `scores` with these capacities: most mentees matched, then the
/// highest total score.
pub fn solve_optimal(scores: &ScoreMatrix, capacities: &[u32]) -> Assignment {
    OptimalSolver::new(scores, capacities).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: &[&[i32]]) -> ScoreMatrix {
        let mut m = ScoreMatrix::new(rows.len(), rows[0].len());
        for (r, row) in rows.iter().enumerate() {
            for (c, &cell) in row.iter().enumerate() {
                if cell >= 0 {
                    m.set(r, c, cell as u32, true);
                }
            }
        }
        m
    }

    #[test]
    fn a_full_mentor_passes_a_mentee_on_when_that_raises_the_total() {
        // Both want mentor 0 (one place); mentee 1 loses less by moving to mentor 1.
        let m = matrix(&[&[10, 1], &[9, 8]]);
        let a = solve_optimal(&m, &[1, 1]);
        assert_eq!(a.mentor_of, [Some(0), Some(1)]);
        assert_eq!(a.total_score, 18);
    }

    #[test]
    fn matching_more_mentees_beats_a_higher_score() {
        // Mentee 0 alone could take mentor 0 for 100, but then mentee 1 has nobody.
        let m = matrix(&[&[100, 1], &[5, -1]]);
        let a = solve_optimal(&m, &[1, 1]);
        assert_eq!(a.mentor_of, [Some(1), Some(0)]);
        assert_eq!(a.matched, 2);
    }

    #[test]
    fn capacity_is_shared_without_expanding_columns() {
        let m = matrix(&[&[5, 1], &[5, 1], &[5, 1]]);
        let a = solve_optimal(&m, &[2, 1]);
        assert_eq!(a.matched, 3);
        assert_eq!(a.total_score, 11);
        assert_eq!(a.mentor_of.iter().filter(|c| **c == Some(0)).count(), 2);
    }

    #[test]
    fn mentees_with_no_allowed_mentor_stay_unmatched() {
        let m = matrix(&[&[-1, -1], &[3, 4]]);
        let a = solve_optimal(&m, &[1, 1]);
        assert_eq!(a.mentor_of, [None, Some(1)]);
        let empty = ScoreMatrix::new(2, 0);
        assert_eq!(solve_optimal(&empty, &[]).mentor_of, [None, None]);
        let nobody = ScoreMatrix::new(0, 3);
        assert_eq!(solve_optimal(&nobody, &[1, 1, 1]).matched, 0);
    }

    #[test]
    fn slices_reach_the_same_answer_as_one_call() {
        let m = matrix(&[&[3, 9, 2], &[8, 7, -1], &[6, -1, 5], &[9, 9, 9]]);
        let whole = solve_optimal(&m, &[1, 2, 1]);
        let mut solver = OptimalSolver::new(&m, &[1, 2, 1]);
        let mut calls = 0;
        while !solver.step(1).is_done() {
            calls += 1;
        }
        assert!(
            calls >= 4,
            "a budget of one cell does one bid or placement per call"
        );
        assert_eq!(solver.finish(), whole);
    }

    /// xorshift64*, for random tables.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    #[test]
    fn the_end_state_carries_an_optimality_certificate() {
        let mut seed = 0x5eed_u64;
        for _ in 0..200 {
            let rows = (next(&mut seed) % 40) as usize;
            let cols = 1 + (next(&mut seed) % 12) as usize;
            let range = [3, 40, 2000][(next(&mut seed) % 3) as usize];
            let mut m = ScoreMatrix::new(rows, cols);
            for r in 0..rows {
                for c in 0..cols {
                    let allowed = next(&mut seed) % 100 >= 35;
                    m.set(r, c, (next(&mut seed) % range) as u32, allowed);
                }
            }
            let capacities: Vec<u32> = (0..cols).map(|_| (next(&mut seed) % 4) as u32).collect();
            let mut solver = OptimalSolver::new(&m, &capacities);
            solver.step(u64::MAX);
            assert_eq!(solver.certificate(), Ok(()));
        }
    }
}
