//! The exact optimum: the most mentees matched, and among those assignments the highest
//! total score.
//!
//! # How
//!
//! A min-cost transportation problem solved by successive shortest augmenting paths
//! (the Hungarian method in its Jonker–Volgenant form), over the *compact* mentor columns:
//! a mentor with four places is one column of capacity four, not four columns, so the
//! searches are four times narrower than `kuhn_munkres` on an expanded matrix.
//!
//! - Each allowed pair costs `-(BIG + score)`; one extra column, "unmatched", takes any
//!   number of mentees at cost 0. `BIG` exceeds every possible total of scores, so one more
//!   mentee matched always beats any gain in score: the optimum maximises the number
//!   matched first, then the total score.
//! - Mentees are placed one at a time. Placing one is a Dijkstra search over columns with
//!   reduced costs `c(r, j) - u[r] - v[j] >= 0` (dual potentials). Reaching a full mentor
//!   continues through the mentees it holds; the search stops at the first column with a
//!   place (checked as soon as it is reached at the current distance), and the mentees
//!   along the path shift one step.
//! - The potentials are updated so every held pair stays tight and every reduced cost
//!   non-negative. With `v[j] < 0` only for full mentors, that is the LP optimality
//!   certificate of the whole assignment after each placement: the result is exact, not
//!   a heuristic.
//!
//! The arrays are dense and `O(rows + columns)` beyond the score matrix itself.
//!
//! # In slices
//!
//! `OptimalSolver::step(budget)` places mentees until about `budget` cells of the matrix
//! have been looked at, then returns, so a browser can yield to the page between slices.
//! One placement is the unit that is never split (a few microseconds to a millisecond).

use std::borrow::Borrow;

use super::matrix::{Assignment, ScoreMatrix};

const INF: i64 = i64::MAX / 4;
const NOT_PLACED: u32 = u32::MAX;

/// How far a sliced solve has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub placed: usize,
    pub total: usize,
}

impl Progress {
    pub fn is_done(&self) -> bool {
        self.placed == self.total
    }
}

/// An exact solve in progress. `M` is the score matrix, owned or borrowed.
#[derive(Debug)]
pub struct OptimalSolver<M: Borrow<ScoreMatrix>> {
    scores: M,
    /// The value of matching one more mentee: more than any total of scores.
    big: i64,
    rows: Vec<u32>,
    next: usize,
    /// Real columns are `0..cols`; column `cols` is "unmatched".
    cols: usize,
    capacity: Vec<u32>,
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
    done: Vec<bool>,
    reached_columns: Vec<u32>,
    reached_rows: Vec<(u32, i64)>,
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
        let seats: u64 = capacities.iter().map(|&c| u64::from(c)).sum();
        let most_matched = (rows.len() as u64).min(seats) as i64;
        let big = matrix.max_allowed_score() * most_matched + 1;
        let mut slot_start = Vec::with_capacity(cols + 1);
        let mut next_slot = 0usize;
        for &c in capacities {
            slot_start.push(next_slot);
            next_slot += c.min(rows.len() as u32) as usize;
        }
        slot_start.push(next_slot);
        let matrix_rows = matrix.rows();
        OptimalSolver {
            big,
            rows: rows.into_iter().map(|r| r as u32).collect(),
            next: 0,
            cols,
            capacity: capacities.to_vec(),
            load: vec![0; cols],
            slot_start,
            slots: vec![NOT_PLACED; next_slot],
            column_of: vec![NOT_PLACED; matrix_rows],
            u: vec![0; matrix_rows],
            v: vec![0; cols + 1],
            dist: vec![INF; cols + 1],
            via: vec![NOT_PLACED; cols + 1],
            done: vec![false; cols + 1],
            reached_columns: Vec::new(),
            reached_rows: Vec::new(),
            work: 0,
            scores,
        }
    }

    /// Places mentees until about `budget` matrix cells have been examined (at least one
    /// mentee per call while any are left).
    pub fn step(&mut self, budget: u64) -> Progress {
        let start = self.work;
        while self.next < self.rows.len() && self.work - start < budget {
            let row = self.rows[self.next];
            self.place(row);
            self.next += 1;
        }
        self.progress()
    }

    pub fn progress(&self) -> Progress {
        Progress {
            placed: self.next,
            total: self.rows.len(),
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

    fn has_place(&self, column: usize) -> bool {
        column == self.cols || self.load[column] < self.capacity[column]
    }

    /// One shortest augmenting path from `start`, then the potential update and the shift.
    fn place(&mut self, start: u32) {
        let unmatched = self.cols;
        self.dist.fill(INF);
        self.done.fill(false);
        self.reached_columns.clear();
        self.reached_rows.clear();

        self.reached_rows.push((start, 0));
        let mut column = self.relax_start(start);
        let mut frontier_rows = Vec::new();
        let (sink, distance) = loop {
            let distance = self.dist[column];
            self.done[column] = true;
            if self.has_place(column) {
                break (column, distance);
            }
            self.reached_columns.push(column as u32);
            let held = self.slot_start[column]..self.slot_start[column] + self.load[column] as usize;
            frontier_rows.clear();
            frontier_rows.extend_from_slice(&self.slots[held]);
            let mut found = None;
            for &row in &frontier_rows {
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

        for &column in &self.reached_columns {
            let column = column as usize;
            self.v[column] += self.dist[column] - distance;
        }
        for &(row, reached_at) in &self.reached_rows {
            self.u[row as usize] += distance - reached_at;
        }
        self.shift_along_path(start, sink, unmatched);
    }

    /// The first step of a search: the new mentee's own reduced costs may be negative (its
    /// potential is not set yet), so every column is measured and the nearest returned.
    fn relax_start(&mut self, row: u32) -> usize {
        let matrix = self.scores.borrow();
        let cells = matrix.row(row as usize);
        self.work += cells.len() as u64 + 1;
        let base = -self.big - self.u[row as usize];
        let mut best = self.cols;
        let mut best_dist = -self.u[row as usize];
        self.dist[best] = best_dist;
        self.via[best] = row;
        for (column, &cell) in cells.iter().enumerate() {
            if cell < 0 {
                continue;
            }
            let reached = base - i64::from(cell) - self.v[column];
            self.dist[column] = reached;
            self.via[column] = row;
            let has_place = self.load[column] < self.capacity[column];
            if reached < best_dist || (reached == best_dist && has_place && !self.has_place(best))
            {
                best = column;
                best_dist = reached;
            }
        }
        best
    }

    /// Relaxes every open column from `row`, reached at `distance`. Returns a column with a
    /// place reached at `distance` itself: nothing can be nearer, so the search may stop.
    fn relax(&mut self, row: u32, distance: i64) -> Option<usize> {
        let matrix = self.scores.borrow();
        let cells = matrix.row(row as usize);
        self.work += cells.len() as u64 + 1;
        // Reduced cost of an allowed cell: -(big + score) - u[row] - v[j].
        let base = distance - self.big - self.u[row as usize];
        for (column, &cell) in cells.iter().enumerate() {
            if cell < 0 || self.done[column] {
                continue;
            }
            let reached = base - i64::from(cell) - self.v[column];
            if reached < self.dist[column] {
                self.dist[column] = reached;
                self.via[column] = row;
                if reached == distance && self.load[column] < self.capacity[column] {
                    return Some(column);
                }
            }
        }
        let unmatched = self.cols;
        let reached = distance - self.u[row as usize];
        if !self.done[unmatched] && reached < self.dist[unmatched] {
            self.dist[unmatched] = reached;
            self.via[unmatched] = row;
        }
        None
    }

    /// The open column at the least distance; on a tie, one with a place (it ends the
    /// search), then the lowest index (for determinism).
    fn nearest_column(&mut self) -> usize {
        self.work += self.cols as u64 + 1;
        let mut best = self.cols;
        let mut best_dist = INF + 1;
        let mut best_has_place = false;
        for column in 0..=self.cols {
            if self.done[column] {
                continue;
            }
            let d = self.dist[column];
            if d < best_dist || (d == best_dist && !best_has_place && self.has_place(column)) {
                best = column;
                best_dist = d;
                best_has_place = self.has_place(column);
            }
        }
        best
    }

    /// Moves each mentee on the path one step: the last one into `sink`, each earlier one
    /// into the place the next one left, and `start` into the first.
    fn shift_along_path(&mut self, start: u32, sink: usize, unmatched: usize) {
        let mut column = sink;
        let mut row = self.via[sink];
        if sink != unmatched {
            let at = self.slot_start[sink] + self.load[sink] as usize;
            self.slots[at] = row;
            self.load[sink] += 1;
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
        assert!(calls >= 3, "a budget of one cell places one mentee per call");
        assert_eq!(solver.finish(), whole);
    }
}
