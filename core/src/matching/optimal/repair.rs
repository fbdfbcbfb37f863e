//! The repair: a mentor with a price (`v[j] < 0`) but a free place breaks the optimality
//! certificate. A shortest-path search in the reverse direction fixes one such mentor:
//!
//! - from mentor `j`, "mentee `r` moves in" costs `r`'s reduced cost at `j`; then `r`'s old
//!   mentor needs a replacement, and so on;
//! - the search ends at the cheapest of: lowering a reached mentor's price to 0 (it may then
//!   keep a free place), reaching a mentee whose mentor has price 0 (it can let them go), or
//!   reaching an unmatched mentee (who gains a mentor);
//! - the potentials move by the usual Dijkstra update (all held pairs stay tight, no reduced
//!   cost goes negative, no price goes below 0), then the mentees on the chain move one step
//!   towards `j`.
//!
//! Each step fills one of `j`'s places or ends its price, and never breaks another mentor:
//! the chain's mentors lose one mentee and gain one, and the last one loses one only at
//! price 0.

use std::borrow::Borrow;

use super::{OptimalSolver, INF, NOT_PLACED};
use crate::matching::matrix::ScoreMatrix;

/// Scratch for reverse searches, kept between them.
#[derive(Debug)]
pub(super) struct ReverseSearch {
    /// Per matrix row: tentative distance, and the mentor it would move into.
    dist: Vec<i64>,
    moves_into: Vec<u32>,
    settled: Vec<bool>,
    reached_rows: Vec<u32>,
    settled_rows: Vec<(u32, i64)>,
    /// Per column: settled in this search, and the mentee through which it was reached.
    column_settled: Vec<bool>,
    entry_row: Vec<u32>,
    settled_columns: Vec<(u32, i64)>,
    /// Per column, once a search has settled it: its cells for the solver's rows, in order.
    /// A matrix column is strided (one cache miss a cell); repairs revisit the same
    /// popular mentors, so a contiguous copy pays for itself by the second visit.
    column_cells: Vec<Option<Box<[i32]>>>,
}

impl ReverseSearch {
    pub(super) fn new(rows: usize, cols: usize) -> ReverseSearch {
        ReverseSearch {
            dist: vec![INF; rows],
            moves_into: vec![NOT_PLACED; rows],
            settled: vec![false; rows],
            reached_rows: Vec::new(),
            settled_rows: Vec::new(),
            column_settled: vec![false; cols],
            entry_row: vec![NOT_PLACED; cols],
            settled_columns: Vec::new(),
            column_cells: vec![None; cols],
        }
    }

    fn reset(&mut self) {
        for &row in &self.reached_rows {
            let row = row as usize;
            self.dist[row] = INF;
            self.settled[row] = false;
        }
        for &(column, _) in &self.settled_columns {
            self.column_settled[column as usize] = false;
        }
        self.reached_rows.clear();
        self.settled_rows.clear();
        self.settled_columns.clear();
    }
}

/// Where a reverse search ends.
enum Sink {
    /// The mentor's price drops to 0; it lets its entry mentee go (unless it is the start).
    PriceToZero(usize),
    /// This mentee leaves a mentor at price 0, or leaves "unmatched".
    Mentee(u32),
}

impl<M: Borrow<ScoreMatrix>> OptimalSolver<M> {
    /// One reverse search from `column`; returns whether the mentor is now fixed (full, or
    /// price 0).
    pub(super) fn repair_step(&mut self, column: usize) -> bool {
        if self.v[column] == 0 || !self.has_place[column] {
            return true;
        }
        self.reverse.reset();
        self.settle_column(column, 0, NOT_PLACED);
        let mut sink = (-self.v[column], Sink::PriceToZero(column));
        while let Some((row, distance)) = self.nearest_row() {
            if distance >= sink.0 {
                break;
            }
            self.reverse.settled[row as usize] = true;
            self.reverse.settled_rows.push((row, distance));
            let held = self.column_of[row as usize] as usize;
            if held == self.cols || self.v[held] == 0 {
                sink = (distance, Sink::Mentee(row));
                break;
            }
            if !self.reverse.column_settled[held] {
                if distance - self.v[held] < sink.0 {
                    sink = (distance - self.v[held], Sink::PriceToZero(held));
                }
                self.settle_column(held, distance, row);
            }
        }

        let delta = sink.0;
        for &(settled, reached_at) in &self.reverse.settled_columns {
            self.v[settled as usize] += delta - reached_at;
        }
        for &(row, reached_at) in &self.reverse.settled_rows {
            self.u[row as usize] -= delta - reached_at;
        }
        let first = match sink.1 {
            Sink::PriceToZero(end) if end == column => None,
            Sink::PriceToZero(end) => Some(self.reverse.entry_row[end]),
            Sink::Mentee(row) => Some(row),
        };
        if let Some(first) = first {
            self.shift_towards(column, first);
        }
        self.v[column] == 0 || !self.has_place[column]
    }

    /// Settles a mentor at `distance`, with every mentee it holds: their potentials move
    /// with its price, so that they stay tight. Then relaxes the mentees who could move in.
    fn settle_column(&mut self, column: usize, distance: i64, entry_row: u32) {
        self.reverse.column_settled[column] = true;
        self.reverse.entry_row[column] = entry_row;
        self.reverse.settled_columns.push((column as u32, distance));
        let held = self.slot_start[column]..self.slot_start[column] + self.load[column] as usize;
        for &row in &self.slots[held] {
            let r = row as usize;
            if !self.reverse.settled[r] {
                if self.reverse.dist[r] == INF {
                    self.reverse.reached_rows.push(row);
                }
                self.reverse.dist[r] = distance;
                self.reverse.settled[r] = true;
                self.reverse.settled_rows.push((row, distance));
            }
        }
        self.work += self.rows.len() as u64;
        let search = &mut self.reverse;
        let cells = search.column_cells[column].get_or_insert_with(|| {
            let matrix = self.scores.borrow();
            self.rows
                .iter()
                .map(|&row| matrix.row(row as usize)[column])
                .collect()
        });
        let base = distance - self.big - self.v[column];
        for (&row, &cell) in self.rows.iter().zip(cells.iter()) {
            let r = row as usize;
            if cell < 0 || search.settled[r] || self.column_of[r] as usize == column {
                continue;
            }
            let reached = base - i64::from(cell) * self.scale - self.u[r];
            if reached < search.dist[r] {
                if search.dist[r] == INF {
                    search.reached_rows.push(row);
                }
                search.dist[r] = reached;
                search.moves_into[r] = column as u32;
            }
        }
    }

    /// The unsettled mentee at the least distance; on a tie, one that ends the search, then
    /// the lowest index.
    fn nearest_row(&mut self) -> Option<(u32, i64)> {
        self.work += self.reverse.reached_rows.len() as u64;
        let mut best: Option<(u32, i64, bool)> = None;
        for &row in &self.reverse.reached_rows {
            let r = row as usize;
            if self.reverse.settled[r] {
                continue;
            }
            let distance = self.reverse.dist[r];
            let held = self.column_of[r] as usize;
            let ends = held == self.cols || self.v[held] == 0;
            let better = match best {
                None => true,
                Some((b, d, e)) => {
                    distance < d
                        || (distance == d
                            && (ends, std::cmp::Reverse(row)) > (e, std::cmp::Reverse(b)))
                }
            };
            if better {
                best = Some((row, distance, ends));
            }
        }
        best.map(|(row, distance, _)| (row, distance))
    }

    /// Moves the chain of mentees ending with `last` one step towards `start`: the mentee
    /// nearest `start` moves in first, so no mentor ever holds more than its places.
    fn shift_towards(&mut self, start: usize, last: u32) {
        let mut chain = vec![last];
        let mut row = last;
        loop {
            let into = self.reverse.moves_into[row as usize] as usize;
            if into == start {
                break;
            }
            row = self.reverse.entry_row[into];
            chain.push(row);
        }
        for &row in chain.iter().rev() {
            let into = self.reverse.moves_into[row as usize] as usize;
            self.unhold(row);
            self.hold(row, into);
        }
    }

    fn unhold(&mut self, row: u32) {
        let column = self.column_of[row as usize] as usize;
        self.column_of[row as usize] = NOT_PLACED;
        if column == self.cols {
            return;
        }
        let held = self.slot_start[column]..self.slot_start[column] + self.load[column] as usize;
        let position = self.slots[held.clone()]
            .iter()
            .position(|&r| r == row)
            .expect("a placed row is held by its column");
        self.slots.swap(held.start + position, held.end - 1);
        self.load[column] -= 1;
        self.has_place[column] = true;
    }

    fn hold(&mut self, row: u32, column: usize) {
        let at = self.slot_start[column] + self.load[column] as usize;
        self.slots[at] = row;
        self.load[column] += 1;
        self.has_place[column] = self.load[column] < self.capacity[column];
        self.column_of[row as usize] = column as u32;
    }

    /// Checks the optimality certificate (module docs): `Err` names the first breach.
    #[cfg(test)]
    pub(super) fn certificate(&self) -> Result<(), String> {
        let matrix = self.scores.borrow();
        if self.v[self.cols] != 0 {
            return Err("the unmatched column has a price".into());
        }
        for column in 0..self.cols {
            if self.v[column] > 0 || (self.v[column] < 0 && self.has_place[column]) {
                return Err(format!(
                    "column {column} priced {} with a place",
                    self.v[column]
                ));
            }
        }
        for &row in &self.rows {
            let r = row as usize;
            let held = self.column_of[r] as usize;
            for column in 0..=self.cols {
                let reduced = if column == self.cols {
                    Some(-self.u[r])
                } else {
                    matrix
                        .allowed_score(r, column)
                        .map(|s| -self.big - s * self.scale - self.u[r] - self.v[column])
                };
                match reduced {
                    Some(rc) if rc < 0 => return Err(format!("row {r} column {column}: {rc}")),
                    Some(rc) if column == held && rc != 0 => {
                        return Err(format!("row {r} is not tight at its column"))
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }
}
