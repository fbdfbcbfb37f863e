//! The dense mentee × mentor score table the solvers work on.
//!
//! One `i32` a pair (12 MB for 3,000 × 1,000): a cell holds the pair's score when the pair
//! is allowed, and `-(score + 1)` when a hard rule forbids it, so explanations can still
//! say what a forbidden pair would have scored without a second table.

/// The highest score a cell may hold: 2^20 (problem scores stay below 800,001, see
/// `MAX_WEIGHT`). With at most `u32::MAX` cells, the exact solver's largest cost
/// (`score × mentees`) stays below 2^52, so its sums never overflow an `i64`.
pub const MAX_PAIR_SCORE: u32 = 1 << 20;

/// A cell's encoding: the score if allowed, `-(score + 1)` if not. Panics if `score`
/// exceeds `MAX_PAIR_SCORE` (a caller's bug: problem scores never do).
pub(super) fn cell(score: u32, allowed: bool) -> i32 {
    assert!(
        score <= MAX_PAIR_SCORE,
        "pair score {score} is out of range"
    );
    let score = score as i32;
    if allowed {
        score
    } else {
        -score - 1
    }
}

/// The score a cell holds, allowed or not.
pub(super) fn cell_score(cell: i32) -> i64 {
    if cell >= 0 {
        i64::from(cell)
    } else {
        -i64::from(cell) - 1
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreMatrix {
    rows: usize,
    cols: usize,
    cells: Vec<i32>,
}

impl ScoreMatrix {
    /// A table with every pair not allowed (score 0) until `set`.
    ///
    /// Panics if it would have more than `u32::MAX` cells (`Problem::new` refuses such
    /// cohorts long before, with a message).
    pub fn new(rows: usize, cols: usize) -> ScoreMatrix {
        let cells = rows.checked_mul(cols).expect("matrix size overflows");
        assert!(
            cells <= u32::MAX as usize,
            "a score matrix holds at most u32::MAX cells"
        );
        ScoreMatrix {
            rows,
            cols,
            cells: vec![-1; cells],
        }
    }

    /// Sets a pair's score and whether hard rules allow it. Panics if `score` exceeds
    /// `MAX_PAIR_SCORE`.
    pub fn set(&mut self, row: usize, col: usize, score: u32, allowed: bool) {
        self.cells[row * self.cols + col] = cell(score, allowed);
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The pair's score if it is allowed.
    pub fn allowed_score(&self, row: usize, col: usize) -> Option<i64> {
        let cell = self.cells[row * self.cols + col];
        (cell >= 0).then_some(i64::from(cell))
    }

    /// The pair's score whether or not it is allowed.
    pub fn score(&self, row: usize, col: usize) -> i64 {
        cell_score(self.cells[row * self.cols + col])
    }

    /// A row's raw cells: `>= 0` is an allowed score, negative is not allowed.
    pub(super) fn row(&self, row: usize) -> &[i32] {
        &self.cells[row * self.cols..(row + 1) * self.cols]
    }

    pub(super) fn max_allowed_score(&self) -> i64 {
        self.cells.iter().copied().max().unwrap_or(-1).max(0).into()
    }

    /// Bytes the table holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.cells.capacity() * std::mem::size_of::<i32>()
    }
}

/// Who got whom: the result of a solver, by index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// Per mentee row: the mentor column, if matched.
    pub mentor_of: Vec<Option<usize>>,
    pub matched: usize,
    /// Sum of the scores of the matched pairs.
    pub total_score: i64,
}

impl Assignment {
    pub(super) fn from_columns(matrix: &ScoreMatrix, mentor_of: Vec<Option<usize>>) -> Assignment {
        let mut matched = 0;
        let mut total_score = 0;
        for (row, col) in mentor_of.iter().enumerate() {
            if let Some(col) = *col {
                matched += 1;
                total_score += matrix.score(row, col);
            }
        }
        Assignment {
            mentor_of,
            matched,
            total_score,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_the_score_of_pairs_that_are_not_allowed() {
        let mut m = ScoreMatrix::new(2, 3);
        m.set(0, 1, 70, true);
        m.set(1, 2, 40, false);
        m.set(1, 0, 0, true);
        assert_eq!(m.allowed_score(0, 1), Some(70));
        assert_eq!(m.allowed_score(1, 2), None);
        assert_eq!(m.score(1, 2), 40);
        assert_eq!(m.allowed_score(1, 0), Some(0));
        assert_eq!(m.allowed_score(0, 0), None);
        assert_eq!(m.score(0, 0), 0);
        assert_eq!(m.max_allowed_score(), 70);
    }
}
