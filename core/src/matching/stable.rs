//! Best mutual fit first: a stable assignment.
//!
//! Both sides rank partners by the same pair score, so going down the allowed pairs from the
//! highest score and making each pair whose mentee is free and whose mentor has a place
//! leaves no *blocking pair* (defined in docs/matching.md): a mentee and a mentor who would
//! both rather have each other than what they got. Ties go to the lower mentee index, then
//! the lower mentor index (ids order them, so the result never depends on input order).
//!
//! The pairs are ordered by a counting sort over scores when the score range is small
//! (problem scores are), else by one `u64` sort: 4 bytes a pair either way.

use super::matrix::{Assignment, ScoreMatrix};

/// A stable assignment of `rows` (e.g. everyone not pinned), with mentor column `j` taking
/// `capacities[j]` of them.
pub fn solve_stable(scores: &ScoreMatrix, capacities: &[u32], rows: &[usize]) -> Assignment {
    assert_eq!(
        capacities.len(),
        scores.cols(),
        "one capacity per mentor column"
    );
    let mut places: Vec<u32> = capacities.to_vec();
    let mut mentor_of: Vec<Option<usize>> = vec![None; scores.rows()];
    let mut waiting = vec![false; scores.rows()];
    for &row in rows {
        waiting[row] = true;
    }
    let cols = scores.cols();
    for cell in cells_best_first(scores, rows) {
        let (row, col) = (cell as usize / cols, cell as usize % cols);
        if waiting[row] && places[col] > 0 {
            waiting[row] = false;
            places[col] -= 1;
            mentor_of[row] = Some(col);
        }
    }
    Assignment::from_columns(scores, mentor_of)
}

/// The allowed cells of `rows`, as `row * cols + col`, highest score first, then by cell
/// index (row, then column).
fn cells_best_first(scores: &ScoreMatrix, rows: &[usize]) -> Vec<u32> {
    let cols = scores.cols();
    let mut sorted_rows = rows.to_vec();
    sorted_rows.sort_unstable();
    let allowed = || {
        sorted_rows.iter().flat_map(move |&row| {
            scores
                .row(row)
                .iter()
                .enumerate()
                .filter(|(_, &cell)| cell >= 0)
                .map(move |(col, &cell)| ((row * cols + col) as u32, cell as u32))
        })
    };
    let count = allowed().count();
    let top = allowed().map(|(_, score)| score).max().unwrap_or(0) as usize;
    if top <= 4 * count + 1024 {
        // Counting sort: buckets by score from the top; cells enter in index order.
        let mut starts = vec![0u32; top + 2];
        for (_, score) in allowed() {
            starts[top - score as usize + 1] += 1;
        }
        for bucket in 1..starts.len() {
            starts[bucket] += starts[bucket - 1];
        }
        let mut order = vec![0u32; count];
        for (cell, score) in allowed() {
            let slot = &mut starts[top - score as usize];
            order[*slot as usize] = cell;
            *slot += 1;
        }
        order
    } else {
        let mut keys: Vec<u64> = allowed()
            .map(|(cell, score)| (u64::from(u32::MAX - score) << 32) | u64::from(cell))
            .collect();
        keys.sort_unstable();
        keys.into_iter().map(|key| key as u32).collect()
    }
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
    fn the_best_mutual_fit_is_made_first_even_when_the_total_suffers() {
        let m = matrix(&[&[10, 1], &[9, 8]]);
        let a = solve_stable(&m, &[1, 1], &[0, 1]);
        assert_eq!(a.mentor_of, [Some(0), Some(1)]);
        let m = matrix(&[&[10, 9], &[9, -1]]);
        let a = solve_stable(&m, &[1, 1], &[0, 1]);
        // Mentee 0 takes mentor 0 (10); mentee 1's only mentor is taken: unmatched.
        assert_eq!(a.mentor_of, [Some(0), None]);
    }

    #[test]
    fn ties_go_to_the_lower_index_and_both_sort_paths_agree() {
        let m = matrix(&[&[5, 5], &[5, 5], &[5, 5]]);
        let a = solve_stable(&m, &[1, 1], &[0, 1, 2]);
        assert_eq!(a.mentor_of, [Some(0), Some(1), None]);
        // A score range far wider than the number of cells takes the comparison sort.
        let wide = matrix(&[&[1 << 20, 3], &[7, 1 << 20]]);
        assert_eq!(cells_best_first(&wide, &[0, 1]), [0, 3, 2, 1]);
        let narrow = matrix(&[&[9, 3], &[7, 9]]);
        assert_eq!(cells_best_first(&narrow, &[0, 1]), [0, 3, 2, 1]);
    }

    #[test]
    fn rows_left_out_are_not_placed() {
        let m = matrix(&[&[9, 3], &[7, 9]]);
        let a = solve_stable(&m, &[1, 1], &[1]);
        assert_eq!(a.mentor_of, [None, Some(1)]);
    }
}
