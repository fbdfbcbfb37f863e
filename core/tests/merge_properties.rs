//! Property tests of the merge model (`mentoring_core::merge`) against an independent oracle,
//! over random multi-device histories with skewed clocks (seeded: a failure names its seed).
//!
//! core/tests/merge.rs checks convergence and that no value vanishes. These add what it does
//! not: conflicts are checked against what each writer had *actually seen* (tracked by the
//! test, not read from `supersedes`), clocks hours and days off, partial syncs, restores on
//! every replica, and the clock's own guarantees.
//!
//! `SYNC_CASES=20000 cargo test -p mentoring-core --test sync_properties` for a long run.

use std::collections::{BTreeMap, BTreeSet};

use mentoring_core::merge::{Hlc, HlcClock, Op, Replica, DELETED};
use mentoring_core::projection::{FieldValue, Fields};
use mentoring_core::{Millis, RecordId};

/// xorshift64*: small, deterministic, and enough to shuffle test histories.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Spread small seeds over the state so neighbouring seeds give unrelated histories.
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % (high - low + 1) as u64) as i64
    }
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

fn cases() -> u64 {
    std::env::var("SYNC_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

const HOUR: i64 = 3_600_000;
const START: i64 = 1_795_000_000_000;
const ENTITY: &str = "goal";
const RECORDS: [&str; 3] = ["g-1", "g-2", "g-3"];
const FIELDS: [&str; 3] = ["title", "aspiration", DELETED];

type FieldKey = (String, RecordId, String);

fn key_of(op: &Op) -> FieldKey {
    (op.entity.clone(), op.record.clone(), op.field.clone())
}

struct Device {
    name: RecordId,
    replica: Replica,
    skew_ms: i64,
    minted: u32,
    /// Every clock reading this device issued, in order.
    issued: Vec<Hlc>,
}

/// A random history: who wrote what, and what each writer had seen when it wrote.
struct History {
    devices: Vec<Device>,
    ops: Vec<Op>,
    /// Op id → the ids of every op its writer's replica held when it wrote (any field).
    seen: BTreeMap<RecordId, BTreeSet<RecordId>>,
}

struct Clocks {
    /// Each device's clock is off by a random amount within ±this.
    max_skew_ms: i64,
    /// One device's clock is this far ahead on top of its skew (0: none).
    one_far_ahead_ms: i64,
}

const HOURS_OFF: Clocks = Clocks {
    max_skew_ms: 11 * HOUR,
    one_far_ahead_ms: 0,
};

const ONE_DAYS_AHEAD: Clocks = Clocks {
    max_skew_ms: 2 * HOUR,
    one_far_ahead_ms: 3 * 24 * HOUR,
};

fn history(seed: u64, steps: usize, clocks: &Clocks) -> History {
    let mut rng = Rng::new(seed);
    let count = 2 + rng.below(4);
    let mut devices: Vec<Device> = (0..count)
        .map(|n| Device {
            name: id(&format!("dev-{n}")),
            replica: Replica::new(),
            skew_ms: rng.between(-clocks.max_skew_ms, clocks.max_skew_ms),
            minted: 0,
            issued: Vec::new(),
        })
        .collect();
    devices[0].skew_ms += clocks.one_far_ahead_ms;
    let mut ops = Vec::new();
    let mut seen = BTreeMap::new();
    let mut now = START;
    for _ in 0..steps {
        // Real time moves by up to a minute a step; some steps share a millisecond.
        now += rng.between(0, 60_000);
        let d = rng.below(count);
        if rng.chance(30) {
            // Sync: d receives all or part of what another device knows, in any order.
            let from = rng.below(count);
            let mut batch: Vec<Op> = devices[from]
                .replica
                .ops()
                .into_iter()
                .filter(|_| rng.chance(75))
                .cloned()
                .collect();
            rng.shuffle(&mut batch);
            let device = &mut devices[d];
            device
                .replica
                .apply_all(batch, Millis(now + device.skew_ms));
            continue;
        }
        let device = &mut devices[d];
        let local_now = Millis(now + device.skew_ms);
        let record = id(RECORDS[rng.below(RECORDS.len())]);
        let field = FIELDS[rng.below(FIELDS.len())];
        let conflicts = device.replica.conflicts(ENTITY, &record, field);
        let value = if !conflicts.is_empty() && rng.chance(50) {
            // Restore a losing value, as the widget does: write it again over all heads.
            conflicts[rng.below(conflicts.len())].value.clone()
        } else if field == DELETED {
            FieldValue::Bool(rng.chance(60))
        } else {
            FieldValue::Text(format!("{}-{}", device.name, device.minted))
        };
        device.minted += 1;
        let op_id = id(&format!("op-{}-{}", device.name, device.minted));
        let knew: BTreeSet<RecordId> = device
            .replica
            .ops()
            .into_iter()
            .map(|op| op.id.clone())
            .collect();
        let name = device.name.clone();
        let op = device.replica.write(
            &id("amira"),
            &name,
            ENTITY,
            &record,
            field,
            value,
            local_now,
            op_id,
        );
        device.issued.push(op.hlc);
        seen.insert(op.id.clone(), knew);
        ops.push(op);
    }
    History { devices, ops, seen }
}

/// What the oracle expects of one field: the winner, then the conflicts best first.
fn expected_heads(history: &History, key: &FieldKey) -> Vec<RecordId> {
    let field_ops: Vec<&Op> = history.ops.iter().filter(|op| key_of(op) == *key).collect();
    // A value is replaced only if someone wrote the same field after seeing it.
    let mut heads: Vec<&Op> = field_ops
        .iter()
        .copied()
        .filter(|op| {
            !field_ops
                .iter()
                .any(|later| history.seen[&later.id].contains(&op.id))
        })
        .collect();
    // Last writer wins by (clock, device, op id), compared here as plain tuples.
    heads.sort_by(|a, b| (b.hlc, &b.device, &b.id).cmp(&(a.hlc, &a.device, &a.id)));
    heads.into_iter().map(|op| op.id.clone()).collect()
}

fn field_keys(history: &History) -> BTreeSet<FieldKey> {
    history.ops.iter().map(key_of).collect()
}

fn heads_on(replica: &Replica, (entity, record, field): &FieldKey) -> Vec<RecordId> {
    replica
        .winner(entity, record, field)
        .into_iter()
        .chain(replica.conflicts(entity, record, field))
        .map(|op| op.id.clone())
        .collect()
}

/// Everything a person could see on a replica: records, and every field's winner and
/// conflicts (of deleted records too).
type Snapshot = (
    Vec<(String, RecordId, Fields)>,
    BTreeMap<FieldKey, Vec<RecordId>>,
);

fn snapshot(replica: &Replica, keys: &BTreeSet<FieldKey>) -> Snapshot {
    let heads = keys
        .iter()
        .map(|key| (key.clone(), heads_on(replica, key)))
        .collect();
    (replica.records(), heads)
}

fn fold(ops: impl IntoIterator<Item = Op>) -> Replica {
    let mut replica = Replica::new();
    replica.apply_all(ops, Millis(START));
    replica
}

fn check_against_oracle(history: &History, replica: &Replica, seed: u64) {
    for key in field_keys(history) {
        let expected = expected_heads(history, &key);
        assert_eq!(
            heads_on(replica, &key),
            expected,
            "seed {seed}: {key:?}: winner then conflicts"
        );
        let (entity, record, field) = &key;
        let deleted = field == DELETED
            && replica.winner(entity, record, field).map(|op| &op.value)
                == Some(&FieldValue::Bool(true));
        if deleted {
            assert!(
                replica.record(entity, record).is_none(),
                "seed {seed}: {record} is deleted but still listed"
            );
        }
    }
}

#[test]
fn every_concurrent_value_is_the_winner_or_a_conflict_and_only_seen_values_are_replaced() {
    for seed in 1..=cases() {
        let history = history(seed, 60, &HOURS_OFF);
        let replica = fold(history.ops.iter().cloned());
        check_against_oracle(&history, &replica, seed);
        // Nothing silently lost, stated directly: every value is shown, in conflict, or was
        // replaced by someone who had it on screen.
        for op in &history.ops {
            let key = key_of(op);
            let shown = heads_on(&replica, &key).contains(&op.id);
            let replaced_knowingly = history
                .ops
                .iter()
                .any(|later| key_of(later) == key && history.seen[&later.id].contains(&op.id));
            assert!(
                shown || replaced_knowingly,
                "seed {seed}: the value of {} vanished",
                op.id
            );
        }
    }
}

#[test]
fn any_order_duplicates_and_batching_give_one_state() {
    for seed in 1..=cases() {
        let history = history(seed, 50, &HOURS_OFF);
        let keys = field_keys(&history);
        let expected = snapshot(&fold(history.ops.iter().cloned()), &keys);
        let mut rng = Rng::new(seed ^ 0xface);
        for _ in 0..3 {
            let mut shuffled = history.ops.clone();
            for _ in 0..rng.below(8) {
                shuffled.push(history.ops[rng.below(history.ops.len())].clone());
            }
            rng.shuffle(&mut shuffled);
            let mut replica = Replica::new();
            let mut rest = shuffled.as_slice();
            while !rest.is_empty() {
                let take = 1 + rng.below(rest.len());
                replica.apply_all(rest[..take].iter().cloned(), Millis(START));
                rest = &rest[take..];
            }
            assert_eq!(snapshot(&replica, &keys), expected, "seed {seed}");
        }
        // Associativity as replicas do it: merge two halves separately, then one into the other.
        let split = rng.below(history.ops.len() + 1);
        let mut left = fold(history.ops[..split].iter().cloned());
        let right = fold(history.ops[split..].iter().cloned());
        left.apply_all(right.ops().into_iter().cloned(), Millis(START));
        assert_eq!(snapshot(&left, &keys), expected, "seed {seed}: halves");
    }
}

#[test]
fn devices_that_received_everything_agree_with_each_other_and_the_oracle() {
    for seed in 1..=cases() {
        let mut history = history(seed, 60, &HOURS_OFF);
        let keys = field_keys(&history);
        let all = history.ops.clone();
        for device in &mut history.devices {
            device.replica.apply_all(all.iter().cloned(), Millis(START));
        }
        let first = snapshot(&history.devices[0].replica, &keys);
        for device in &history.devices {
            assert_eq!(
                snapshot(&device.replica, &keys),
                first,
                "seed {seed}: {}",
                device.name
            );
            check_against_oracle(&history, &device.replica, seed);
        }
    }
}

#[test]
fn a_device_days_ahead_still_converges_and_loses_nothing() {
    for seed in 1..=cases() {
        let mut history = history(seed, 60, &ONE_DAYS_AHEAD);
        let keys = field_keys(&history);
        let all = history.ops.clone();
        for device in &mut history.devices {
            device.replica.apply_all(all.iter().cloned(), Millis(START));
        }
        let first = snapshot(&history.devices[0].replica, &keys);
        for device in &history.devices {
            assert_eq!(snapshot(&device.replica, &keys), first, "seed {seed}");
            check_against_oracle(&history, &device.replica, seed);
        }
    }
}

#[test]
fn a_restore_resolves_the_conflict_on_every_replica() {
    let mut restored_fields = 0;
    for seed in 1..=cases() {
        let mut history = history(seed, 60, &HOURS_OFF);
        let all = history.ops.clone();
        for device in &mut history.devices {
            device.replica.apply_all(all.iter().cloned(), Millis(START));
        }
        let mut rng = Rng::new(seed ^ 0xbeef);
        let mut restores = Vec::new();
        for key in field_keys(&history) {
            let (entity, record, field) = &key;
            let conflicts = history.devices[0].replica.conflicts(entity, record, field);
            if conflicts.is_empty() {
                continue;
            }
            let chosen = conflicts[rng.below(conflicts.len())].value.clone();
            let by = rng.below(history.devices.len());
            let device = &mut history.devices[by];
            let name = device.name.clone();
            let op = device.replica.write(
                &id("amira"),
                &name,
                entity,
                record,
                field,
                chosen.clone(),
                Millis(START + 100 * HOUR + device.skew_ms),
                id(&format!("restore-{}", restores.len())),
            );
            restores.push((key, chosen, op));
        }
        restored_fields += restores.len();
        let ops: Vec<Op> = restores.iter().map(|(_, _, op)| op.clone()).collect();
        for device in &mut history.devices {
            let mut shuffled = ops.clone();
            rng.shuffle(&mut shuffled);
            device.replica.apply_all(shuffled, Millis(START));
            for ((entity, record, field), chosen, _) in &restores {
                let replica = &device.replica;
                assert_eq!(
                    replica.winner(entity, record, field).map(|op| &op.value),
                    Some(chosen),
                    "seed {seed}: {} {record} {field}",
                    device.name
                );
                assert!(
                    replica.conflicts(entity, record, field).is_empty(),
                    "seed {seed}: {} {record} {field} still in conflict",
                    device.name
                );
            }
        }
    }
    assert!(
        restored_fields > cases() as usize,
        "the histories should produce conflicts to restore; got {restored_fields}"
    );
}

#[test]
fn each_device_s_clock_only_moves_forward_whatever_the_skew() {
    for seed in 1..=cases() {
        for clocks in [&HOURS_OFF, &ONE_DAYS_AHEAD] {
            let history = history(seed, 60, clocks);
            for device in &history.devices {
                assert!(
                    device.issued.windows(2).all(|pair| pair[0] < pair[1]),
                    "seed {seed}: {} issued {:?}",
                    device.name,
                    device.issued
                );
            }
        }
    }
}

#[test]
fn an_op_written_after_receiving_another_sorts_after_it_with_clocks_hours_off() {
    for seed in 1..=cases() {
        let history = history(seed, 60, &HOURS_OFF);
        let by_id: BTreeMap<&RecordId, &Op> = history.ops.iter().map(|op| (&op.id, op)).collect();
        for op in &history.ops {
            for earlier in &history.seen[&op.id] {
                assert!(
                    by_id[earlier].hlc < op.hlc,
                    "seed {seed}: {} was written after {} was received, yet sorts before it",
                    op.id,
                    earlier
                );
            }
        }
    }
}

#[test]
fn clock_readings_sort_as_their_text_and_round_trip() {
    let mut rng = Rng::new(7);
    let mut readings: Vec<Hlc> = (0..2_000)
        .map(|_| Hlc {
            wall: rng.between(0, 9_999_999_999_999),
            // Both small and large counters, so ties on the wall are common enough.
            counter: if rng.chance(50) {
                rng.below(3) as u32
            } else {
                rng.below(100_000) as u32
            },
        })
        .collect();
    readings.extend(readings.clone().iter().map(|h| Hlc {
        wall: h.wall,
        counter: (h.counter + 1) % 100_000,
    }));
    for reading in &readings {
        assert_eq!(Hlc::decode(&reading.encode()), Ok(*reading));
    }
    let mut by_value = readings.clone();
    by_value.sort();
    let mut by_text = readings;
    by_text.sort_by_key(|h| h.encode());
    assert_eq!(by_value, by_text);
}

#[test]
fn a_clock_follows_remote_readings_hours_ahead_and_ignores_ones_days_ahead() {
    let mut rng = Rng::new(11);
    for _ in 0..1_000 {
        let now = START + rng.between(0, 1_000 * HOUR);
        let mut clock = HlcClock::default();
        let mine = clock.tick(Millis(now));
        let ahead = rng.between(1, 23 * HOUR);
        let remote = Hlc {
            wall: now + ahead,
            counter: rng.below(100) as u32,
        };
        clock.observe(remote, Millis(now));
        let next = clock.tick(Millis(now));
        assert!(next > remote && next > mine, "{ahead} ms ahead: {next}");

        let mut clock = HlcClock::default();
        clock.tick(Millis(now));
        let wild = Hlc {
            wall: now + rng.between(25 * HOUR, 10_000 * HOUR),
            counter: 0,
        };
        clock.observe(wild, Millis(now));
        let next = clock.tick(Millis(now));
        assert!(
            next.wall < now + HOUR,
            "a clock days ahead dragged ours to {next}"
        );
    }
}
