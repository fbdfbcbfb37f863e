//! Stable sorting through one shared copy of the standard library's sort.
//!
//! Why: every `sort_by` on a new element type compiles the whole standard sort again (about
//! 2.5 KiB of wasm each), and the core sorts many kinds of short lists for the screens. Here
//! the sort runs once, on indices, with the comparison behind a `dyn` call; only the small
//! reordering step is generic. The merge model's hot paths keep `slice::sort_by`.

use std::cmp::Ordering;

/// The stable order of `len` items under `compare`, as indices into the items.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Sorts `items` stably by `compare`: the same result as `slice::sort_by`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    for index in order {
        if let Some(item) = slots[index].take() {
            items.push(item);
        }
    }
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
    }
}
