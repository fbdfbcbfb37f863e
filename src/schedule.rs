//! When the sync engine tries again, how it batches, and when to warn that changes have
//! waited too long. Pure, so it is tested natively.

use mentoring_core::Millis;

/// The first retry after a failure.
pub const RETRY_BASE_MS: u32 = 2_000;
/// Retries never wait longer than this.
pub const RETRY_MAX_MS: u32 = 5 * 60_000;
/// Even with nothing failing, the engine syncs this often while the page is visible.
pub const PERIODIC_MS: u32 = 60_000;
/// Safari erases a site's storage after 7 days without a visit; warn well before.
pub const STALE_AFTER_DAYS: i64 = 3;

/// How long to wait before the next attempt after `failures` failures in a row, with `jitter`
/// in [0, 1) spreading retries so that many phones coming back online do not all hit the
/// host at once ("full jitter" on the upper half). The periodic run is spread too, by up to a
/// tenth, so tabs and pages started together do not keep asking at the same moment.
pub fn retry_delay_ms(failures: u32, jitter: f64) -> u32 {
    let jitter = jitter.clamp(0.0, 1.0);
    if failures == 0 {
        return PERIODIC_MS + (f64::from(PERIODIC_MS / 10) * jitter) as u32;
    }
    let exponential = RETRY_BASE_MS.saturating_mul(1u32 << (failures - 1).min(16));
    let ceiling = exponential.min(RETRY_MAX_MS);
    ceiling / 2 + (f64::from(ceiling / 2) * jitter) as u32
}

/// How much one batch may carry: at most `items` items weighing at most `weight` together.
#[derive(Clone, Copy, Debug)]
pub struct BatchLimit {
    pub items: usize,
    pub weight: usize,
}

impl BatchLimit {
    fn holds(self, items: usize, weight: usize) -> bool {
        items <= self.items && weight <= self.weight
    }
}

/// Splits items into batches within `limit`, never splitting a group (a record's ops must
/// arrive together for the host to judge the record whole) unless it alone is over the
/// limit: such a group (a record edited many times while offline) is sent in parts, cut
/// where one change (`change`: ops of one change share it) ends and the next begins, so each
/// part leaves the record as it once stood on the device. A change is cut only when it has
/// more items than a batch holds: one heavier than `limit.weight` goes whole in a batch of
/// its own, since the weight is a target far below what a host reads, and half a change
/// could be refused as a record that breaks a rule.
pub fn batches<T, K: PartialEq, C: PartialEq>(
    items: Vec<T>,
    limit: BatchLimit,
    weight: impl Fn(&T) -> usize,
    group: impl Fn(&T) -> K,
    change: impl Fn(&T) -> C,
) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = Vec::new();
    let mut current: Vec<T> = Vec::new();
    let mut current_weight = 0;
    // Each item's weight once: weighing may read a long text.
    let mut iter = items
        .into_iter()
        .map(|item| {
            let w = weight(&item);
            (item, w)
        })
        .peekable();
    while let Some(first) = iter.next() {
        let key = group(&first.0);
        let mut run = vec![first];
        while iter.peek().is_some_and(|next| group(&next.0) == key) {
            run.push(iter.next().expect("peeked"));
        }
        let mut run_weight: usize = run.iter().map(|(_, w)| w).sum();
        if !current.is_empty()
            && !limit.holds(current.len() + run.len(), current_weight + run_weight)
        {
            out.push(std::mem::take(&mut current));
            current_weight = 0;
        }
        while !limit.holds(run.len(), run_weight) {
            // The longest start of the run within the limit (one item at least), then the
            // last place in it where a change ends; failing that, where the first change
            // ends, as long as the batch holds that many items.
            let mut fits = 0;
            let mut fits_weight = 0;
            while fits < run.len() && limit.holds(fits + 1, fits_weight + run[fits].1) {
                fits_weight += run[fits].1;
                fits += 1;
            }
            let fits = fits.max(1);
            let change_ends = |n: usize| change(&run[n - 1].0) != change(&run[n].0);
            let cut = (1..=fits.min(run.len() - 1))
                .rev()
                .find(|&n| change_ends(n))
                .unwrap_or_else(|| {
                    let first_change = (fits..run.len())
                        .find(|&n| change_ends(n))
                        .unwrap_or(run.len());
                    first_change.min(limit.items).max(1)
                });
            let part: Vec<(T, usize)> = run.drain(..cut).collect();
            run_weight -= part.iter().map(|(_, w)| w).sum::<usize>();
            out.push(part.into_iter().map(|(item, _)| item).collect());
        }
        current_weight += run_weight;
        current.extend(run.into_iter().map(|(item, _)| item));
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whole days the oldest unsynced change has waited, once that is long enough to warn.
pub fn stale_days(oldest_waiting: Option<Millis>, now: Millis) -> Option<i64> {
    let days = (now.0 - oldest_waiting?.0) / 86_400_000;
    (days >= STALE_AFTER_DAYS).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Five items, whatever they weigh.
    const FIVE: BatchLimit = BatchLimit {
        items: 5,
        weight: usize::MAX,
    };

    #[test]
    fn retries_back_off_exponentially_within_a_ceiling_and_spread_by_jitter() {
        assert_eq!(retry_delay_ms(0, 0.0), PERIODIC_MS);
        assert_eq!(retry_delay_ms(0, 0.5), PERIODIC_MS + PERIODIC_MS / 20);
        assert!(retry_delay_ms(0, 0.999) < PERIODIC_MS + PERIODIC_MS / 10);
        assert_eq!(retry_delay_ms(1, 0.0), 1_000);
        assert_eq!(retry_delay_ms(1, 0.999), 1_999);
        assert_eq!(retry_delay_ms(2, 0.0), 2_000);
        assert_eq!(retry_delay_ms(3, 0.0), 4_000);
        assert_eq!(retry_delay_ms(30, 0.0), RETRY_MAX_MS / 2);
        assert!(retry_delay_ms(30, 0.999) < RETRY_MAX_MS);
        assert!(
            retry_delay_ms(u32::MAX, 2.0) <= RETRY_MAX_MS,
            "no overflow, jitter clamped"
        );
    }

    #[test]
    fn batches_respect_the_limit_and_keep_groups_whole() {
        let items: Vec<(char, u32)> = "aaabbbbcdddddd".chars().zip(0..).collect();
        let got = batches(items, FIVE, |_| 1, |(g, _)| *g, |(_, n)| *n);
        let shape: Vec<String> = got
            .iter()
            .map(|b| b.iter().map(|(g, _)| *g).collect())
            .collect();
        assert_eq!(shape, ["aaa", "bbbbc", "ddddd", "d"]);
        assert!(batches(Vec::<u8>::new(), FIVE, |_| 1, |x| *x, |x| *x).is_empty());
        let flat: Vec<u32> = got.into_iter().flatten().map(|(_, n)| n).collect();
        assert_eq!(
            flat,
            (0..14).collect::<Vec<_>>(),
            "nothing lost or reordered"
        );
    }

    #[test]
    fn a_record_with_more_waiting_ops_than_a_push_holds_goes_in_parts_cut_between_changes() {
        // One record's ops, the digit saying which change made each; then another record.
        let items: Vec<(char, char)> = "112233344445"
            .chars()
            .map(|c| ('r', c))
            .chain("66".chars().map(|c| ('s', c)))
            .collect();
        let got = batches(items.clone(), FIVE, |_| 1, |(g, _)| *g, |(_, c)| *c);
        let shape: Vec<String> = got
            .iter()
            .map(|b| b.iter().map(|(_, c)| *c).collect())
            .collect();
        assert_eq!(shape, ["1122", "333", "44445", "66"]);
        assert!(got.iter().all(|b| b.len() <= 5));
        assert_eq!(got.concat(), items, "nothing lost or reordered");
        // A single change larger than a push is still cut: a push over the limit never lands.
        let one_change: Vec<(char, char)> = vec![('r', '1'); 7];
        let sizes: Vec<usize> = batches(one_change, FIVE, |_| 1, |(g, _)| *g, |(_, c)| *c)
            .iter()
            .map(Vec::len)
            .collect();
        assert_eq!(sizes, [5, 2]);
    }

    #[test]
    fn batches_stay_within_a_weight_cut_between_records_then_between_changes() {
        let limit = BatchLimit {
            items: 100,
            weight: 10,
        };
        // (record, change, weight): two light records, then one heavy record of three changes,
        // then an op heavier than a whole batch.
        let items: Vec<(char, char, usize)> = vec![
            ('a', '1', 3),
            ('a', '1', 3),
            ('b', '2', 3),
            ('c', '3', 4),
            ('c', '3', 4),
            ('c', '4', 4),
            ('c', '5', 1),
            ('d', '6', 25),
            ('e', '7', 2),
            ('f', '8', 6),
            ('f', '8', 6),
            ('f', '9', 1),
        ];
        let got = batches(items.clone(), limit, |i| i.2, |i| i.0, |i| i.1);
        let shape: Vec<String> = got
            .iter()
            .map(|b| b.iter().map(|i| i.1).collect())
            .collect();
        // A change heavier than the weight goes whole ("88"), never half of it.
        assert_eq!(shape, ["112", "33", "45", "6", "7", "88", "9"]);
        assert_eq!(got.concat(), items, "nothing lost or reordered");
        for batch in &got {
            let weight: usize = batch.iter().map(|i| i.2).sum();
            let one_change = batch.iter().all(|i| i.1 == batch[0].1);
            assert!(weight <= 10 || one_change, "{batch:?}");
        }
    }

    #[test]
    fn a_warning_comes_after_three_days_unsynced() {
        let day = 86_400_000;
        assert_eq!(stale_days(None, Millis(10 * day)), None);
        assert_eq!(stale_days(Some(Millis(0)), Millis(2 * day + day / 2)), None);
        assert_eq!(stale_days(Some(Millis(0)), Millis(3 * day)), Some(3));
    }
}
