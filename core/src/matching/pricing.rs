//! A warm start for the exact solver: approximate mentor "prices" from an auction.
//!
//! In the optimum, a popular mentor carries a dual price (how much a mentee must give up to
//! get one of their places). The shortest-path solver finds those prices itself, but it
//! pays for it with long searches through full popular mentors. A forward auction with
//! ε-scaling (Bertsekas) finds nearly the same prices in a few cheap passes: each unplaced
//! mentee bids for the mentor that gives them the most after prices, raising that place's
//! price by their margin over their second choice plus ε.
//!
//! Mentors keep compact columns: a mentor with four places has four place prices; a bid takes
//! the cheapest place.
//!
//! Two details matter with more places than mentees (places left over):
//! - ε starts at the scale of the whole weight, `big` included, so a mentor whose places
//!   are wanted by more mentees than it has reaches "not worth it for some" in a few phases
//!   rather than a price war of `big / ε` bids;
//! - each new phase first lowers every price by `2 × ε` of the last phase. Prices then
//!   approach the optimum's from below, so no place is left unwanted at a stale high price
//!   (which would push mentees elsewhere and skew every other price).
//!
//! The result is only a starting point — `optimal` makes the answer exact whatever these
//! prices are — so the auction also stops early on any sign of a price war (more than
//! `MAX_BIDS_PER_ROW` bids per mentee in a phase).

use super::matrix::ScoreMatrix;

const NOBODY: u32 = u32::MAX;
/// Added to a forbidden cell's value so it never wins a bid; far below any real value.
const FORBIDDEN: i64 = 1 << 60;
/// A phase that needs more bids than this per mentee is a price war: stop pricing there.
const MAX_BIDS_PER_ROW: u64 = 100;
/// Each phase divides ε by this; the last phase has ε = `final_epsilon`.
const EPSILON_FACTOR: i64 = 8;
/// The last phase's ε as a fraction of the best score: about a point for scores up to 1000.
const FINAL_EPSILON_DIVISOR: i64 = 1024;
/// At a new phase every price drops by this many of the last phase's ε.
const PRICE_DROP_EPSILONS: i64 = 2;

#[derive(Debug)]
pub(super) struct Auction {
    rows: Vec<u32>,
    waiting: Vec<u32>,
    /// Place prices and holders: `place_price[place_start[j]..place_start[j + 1]]`.
    place_start: Vec<usize>,
    place_price: Vec<i64>,
    place_holder: Vec<u32>,
    /// Per column: its cheapest place, that place's price, and the next cheapest price.
    cheapest_place: Vec<u32>,
    cheapest: Vec<i64>,
    second_cheapest: Vec<i64>,
    /// A mentee's value of staying unmatched: `-big`.
    unmatched_value: i64,
    scale: i64,
    epsilon: i64,
    final_epsilon: i64,
    bids_in_phase: u64,
    finished: bool,
    pub(super) work: u64,
}

impl Auction {
    /// An auction in units of `score × scale`; `big` (staying unmatched costs it) is in the
    /// same units.
    pub(super) fn new(
        scores: &ScoreMatrix,
        capacities: &[u32],
        rows: &[u32],
        big: i64,
        scale: i64,
    ) -> Auction {
        let cols = scores.cols();
        let mut place_start = Vec::with_capacity(cols + 1);
        let mut places = 0usize;
        for &c in capacities {
            place_start.push(places);
            places += c.min(rows.len() as u32) as usize;
        }
        place_start.push(places);
        let top = scores.max_allowed_score() * scale;
        let final_epsilon = (top / FINAL_EPSILON_DIVISOR).max(1);
        let mut epsilon = final_epsilon;
        while epsilon * EPSILON_FACTOR <= (big + top) / EPSILON_FACTOR {
            epsilon *= EPSILON_FACTOR;
        }
        let mut auction = Auction {
            rows: rows.to_vec(),
            waiting: Vec::with_capacity(rows.len()),
            place_start,
            place_price: vec![0; places],
            place_holder: vec![NOBODY; places],
            cheapest_place: vec![0; cols],
            cheapest: vec![0; cols],
            second_cheapest: vec![0; cols],
            unmatched_value: -big,
            scale,
            epsilon,
            final_epsilon,
            bids_in_phase: 0,
            finished: rows.is_empty() || cols == 0,
            work: 0,
        };
        for column in 0..cols {
            auction.reprice(column);
        }
        auction.start_phase();
        auction
    }

    pub(super) fn is_finished(&self) -> bool {
        self.finished
    }

    /// Each column's price for the exact solver: its cheapest place's (0 for a column
    /// with no places, which no bid can reach).
    pub(super) fn price(&self, column: usize) -> i64 {
        let places = self.place_start[column]..self.place_start[column + 1];
        if places.is_empty() || self.place_holder[places].contains(&NOBODY) {
            0
        } else {
            self.cheapest[column]
        }
    }

    fn start_phase(&mut self) {
        self.place_holder.fill(NOBODY);
        self.waiting.clear();
        self.waiting.extend(self.rows.iter().rev());
        self.bids_in_phase = 0;
    }

    /// Bids until about `budget` cells were looked at or the auction is over.
    pub(super) fn step(&mut self, scores: &ScoreMatrix, budget: u64) {
        let start = self.work;
        while !self.finished && self.work - start < budget {
            match self.waiting.pop() {
                Some(row) => {
                    self.bid(scores, row);
                    self.bids_in_phase += 1;
                    if self.bids_in_phase > MAX_BIDS_PER_ROW * self.rows.len() as u64 {
                        self.finished = true;
                    }
                }
                None if self.epsilon > self.final_epsilon => {
                    let drop = PRICE_DROP_EPSILONS * self.epsilon;
                    for price in self.place_price.iter_mut() {
                        *price = (*price - drop).max(0);
                    }
                    for column in 0..self.cheapest.len() {
                        self.reprice(column);
                    }
                    self.epsilon = (self.epsilon / EPSILON_FACTOR).max(self.final_epsilon);
                    self.start_phase();
                }
                None => self.finished = true,
            }
        }
    }

    fn bid(&mut self, scores: &ScoreMatrix, row: u32) {
        let cells = scores.row(row as usize);
        self.work += cells.len() as u64;
        let mut best = self.unmatched_value;
        let mut best_column = NOBODY;
        let mut second = self.unmatched_value;
        for (column, (&cell, &price)) in cells.iter().zip(&self.cheapest).enumerate() {
            let value = i64::from(cell) * self.scale - price - (i64::from(cell >> 31) & FORBIDDEN);
            if value > second {
                if value > best {
                    second = best;
                    best = value;
                    best_column = column as u32;
                } else {
                    second = value;
                }
            }
        }
        if best_column == NOBODY {
            // Staying unmatched is worth more than any place at today's prices.
            return;
        }
        let column = best_column as usize;
        let same_mentor_again =
            i64::from(cells[column]) * self.scale - self.second_cheapest[column];
        second = second.max(same_mentor_again);
        let place = self.cheapest_place[column] as usize;
        let outbid = self.place_holder[place];
        if outbid != NOBODY {
            self.waiting.push(outbid);
        }
        self.place_holder[place] = row;
        self.place_price[place] = self.cheapest[column] + (best - second) + self.epsilon;
        self.reprice(column);
    }

    /// Recomputes a column's cheapest and second-cheapest place.
    fn reprice(&mut self, column: usize) {
        let places = self.place_start[column]..self.place_start[column + 1];
        let (mut cheapest, mut second, mut at) = (i64::MAX / 4, i64::MAX / 4, places.start);
        for place in places {
            let price = self.place_price[place];
            if price < cheapest {
                second = cheapest;
                cheapest = price;
                at = place;
            } else if price < second {
                second = price;
            }
        }
        self.cheapest[column] = cheapest;
        self.second_cheapest[column] = second;
        self.cheapest_place[column] = at as u32;
    }
}
