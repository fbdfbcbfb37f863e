//! Stable sorting through one shared copy of the standard library's sort.
//!
//! Why: every `sort_by` on a new element type compiles the whole standard sort again (about
//! 2.5 KiB of wasm each), and the core sorts many kinds of short lists for the screens. Here
//! the sort runs once, on indices, with the comparison behind a `dyn` call; only the small
//! in-place reordering step is generic. The merge model's hot paths (the replica's heads and
//! ops) keep `slice::sort_by`, through one copy of their own (`merge::replica::sort_ops`);
//! every other list the widget sorts comes here. Collecting into a `BTreeMap` or `BTreeSet`
//! also sorts (and bulk-builds) per key type: outside the views, those are built by insertion.

use std::cmp::Ordering;

/// The stable order of `len` items under `compare`, as indices into the items.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Sorts `items` stably by `compare`: the same result as `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    // Position `k` takes the item at `order[k]`: follow each cycle of that permutation,
    // marking a position done (`order[k] == k`) once it holds its item.
    for start in 0..items.len() {
        let mut k = start;
        while order[k] != k {
            let from = order[k];
            order[k] = k;
            if from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
}

/// Sorts `items` stably in their natural order: the same result as `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Pairs sorted by the first value only: equal keys must keep their order.
        let mut seed = 0x2545_f491_u64;
        for len in 0..60 {
            let mut items: Vec<(u64, usize)> = (0..len)
                .map(|n| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % 5, n)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            sort_by(&mut items, |a, b| a.0.cmp(&b.0));
            assert_eq!(items, expected, "length {len}");
        }
    }

    #[test]
    fn sorts_in_reverse_and_keeps_every_item() {
        let mut words = vec!["pear", "apple", "fig", "apple"];
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["pear", "fig", "apple", "apple"]);
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
    }

    #[test]
    fn reorders_every_permutation_of_five_items() {
        // Each of the 120 orders of five distinct items, sorted, is the sorted list: every
        // shape of cycle the in-place reordering can meet.
        fn permutations(items: Vec<u8>) -> Vec<Vec<u8>> {
            if items.len() <= 1 {
                return vec![items];
            }
            let mut all = Vec::new();
            for n in 0..items.len() {
                let mut rest = items.clone();
                let first = rest.remove(n);
                for mut tail in permutations(rest) {
                    tail.insert(0, first);
                    all.push(tail);
                }
            }
            all
        }
        let all = permutations(vec![1, 2, 3, 4, 5]);
        assert_eq!(all.len(), 120);
        for mut items in all {
            let before = items.clone();
            sort(&mut items);
            assert_eq!(items, [1, 2, 3, 4, 5], "from {before:?}");
        }
    }
}
