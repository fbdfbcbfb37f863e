//! Convergence under proptest, so a failure shrinks to the shortest history that shows it:
//! 3–5 replicas with clocks hours apart write at random; ops are delivered in random order,
//! some twice, some never (dropped); then every replica receives every op (a full
//! exchange, shuffled, with repeats) and all of them must show one state — the same one a
//! fresh replica folds from the set of ops — with no value lost.
//!
//! Compaction under the same histories: a replica restored from what `Replica::compact` kept,
//! then given the rest of the ops (some of them again), must be the replica that folded
//! everything, in every observable respect.
//!
//! 5,000 cases by default; `MERGE_CASES=1000000 cargo test -p mentoring-core --release
//! --test merge_proptest` is the long run (docs/merge.md).

use std::collections::{BTreeMap, BTreeSet};

use mentoring_core::merge::{Hlc, Op, Replica, TOMBSTONE_PREFIX};
use mentoring_core::projection::{FieldValue, Fields};
use mentoring_core::{Millis, RecordId};
use proptest::prelude::*;
use proptest::sample::Index;

const RECORDS: [&str; 2] = ["g-1", "g-2"];
const FIELDS: [&str; 3] = ["title", "aspiration", "deleted"];
const HOUR: i64 = 3_600_000;
const START: i64 = 1_795_000_000_000;

#[derive(Clone, Debug)]
enum Event {
    /// Replica `at` changes one field of one record.
    Write {
        at: usize,
        record: usize,
        field: usize,
        value: u8,
    },
    /// Replica `to` receives one of the ops written so far, once or twice. Ops that no
    /// `Deliver` picks are the dropped ones.
    Deliver { to: usize, pick: Index, twice: bool },
}

#[derive(Clone, Debug)]
struct Scenario {
    /// Hours each replica's clock is off.
    skews: Vec<i64>,
    events: Vec<Event>,
    /// Shuffles the full exchange.
    exchange_seed: u64,
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (3usize..=5).prop_flat_map(|replicas| {
        let event = prop_oneof![
            (0..replicas, 0..RECORDS.len(), 0..FIELDS.len(), any::<u8>()).prop_map(
                |(at, record, field, value)| Event::Write {
                    at,
                    record,
                    field,
                    value
                }
            ),
            (0..replicas, any::<Index>(), any::<bool>())
                .prop_map(|(to, pick, twice)| Event::Deliver { to, pick, twice }),
        ];
        (
            prop::collection::vec(-3i64..=3, replicas),
            prop::collection::vec(event, 1..60),
            any::<u64>(),
        )
            .prop_map(|(skews, events, exchange_seed)| Scenario {
                skews,
                events,
                exchange_seed,
            })
    })
}

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

/// Per delete, the ops its device held when it was written, and per device the latest clock
/// reading among the values of the record's other fields it showed then: a delete has seen
/// every value of a device up to that reading (docs/merge.md), which random delivery here
/// need not have brought it, while a device's ops reach others in the order it made them.
type HeldAtDelete = BTreeMap<RecordId, (BTreeSet<RecordId>, BTreeMap<RecordId, Hlc>)>;

/// Plays the events; returns the replicas, every op written, and what each delete's device
/// held when it deleted.
fn play(scenario: &Scenario) -> (Vec<Replica>, Vec<Op>, HeldAtDelete) {
    let mut replicas = vec![Replica::new(); scenario.skews.len()];
    let mut written: Vec<Op> = Vec::new();
    let mut held = HeldAtDelete::new();
    for (step, event) in scenario.events.iter().enumerate() {
        let now = |at: usize| Millis(START + step as i64 * 1_000 + scenario.skews[at] * HOUR);
        match event {
            Event::Write {
                at,
                record,
                field,
                value,
            } => {
                let field = FIELDS[*field];
                let value = if field == "deleted" {
                    FieldValue::Bool(value % 2 == 0)
                } else {
                    FieldValue::Text(format!("v{value}"))
                };
                let device = id(&format!("dev-{at}"));
                // A delete lists what it saw of the record (`TOMBSTONE_PREFIX`).
                let prefix = if value == FieldValue::Bool(true) {
                    TOMBSTONE_PREFIX
                } else {
                    "op"
                };
                let op = replicas[*at].write(
                    &id("amira"),
                    &device,
                    "goal",
                    &id(RECORDS[*record]),
                    field,
                    value,
                    now(*at),
                    id(&format!("{prefix}-{}", written.len())),
                );
                if prefix == TOMBSTONE_PREFIX {
                    let replica = &replicas[*at];
                    let known = written.iter().filter(|o| replica.knows(&o.id));
                    let mut high = BTreeMap::new();
                    for field in FIELDS.iter().filter(|f| **f != "deleted") {
                        let record = id(RECORDS[*record]);
                        let winner = replica.winner("goal", &record, field).into_iter();
                        for head in winner.chain(replica.conflicts("goal", &record, field)) {
                            let top = high.entry(head.device.clone()).or_insert(head.hlc);
                            *top = (*top).max(head.hlc);
                        }
                    }
                    let known = known.map(|o| o.id.clone()).collect();
                    held.insert(op.id.clone(), (known, high));
                }
                written.push(op);
            }
            Event::Deliver { to, pick, twice } => {
                if written.is_empty() {
                    continue;
                }
                let op = pick.get(&written).clone();
                let copies = if *twice { 2 } else { 1 };
                replicas[*to].apply_all(std::iter::repeat_n(op, copies), now(*to));
            }
        }
    }
    (replicas, written, held)
}

/// xorshift64*, for the order of the full exchange.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let j = (state.wrapping_mul(0x2545_f491_4f6c_dd1d) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

type State = (
    Vec<(String, RecordId, Fields)>,
    Vec<RecordId>,
    Vec<(RecordId, Vec<RecordId>)>,
);

fn state(replica: &Replica) -> State {
    let conflicts = replica
        .all_conflicts()
        .iter()
        .map(|op| op.id.clone())
        .collect();
    // The edits a delete standing had not seen: every replica holding the same ops tells the
    // same ones, however they arrived or were compacted.
    let unseen = (replica.unseen_by_delete(&id("amira")).into_iter())
        .map(|u| {
            (
                u.record.clone(),
                u.edits.iter().map(|op| op.id.clone()).collect(),
            )
        })
        .collect();
    (replica.records(), conflicts, unseen)
}

fn cases() -> u32 {
    std::env::var("MERGE_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_after_a_full_exchange_whatever_was_dropped_or_repeated(
        scenario in scenario()
    ) {
        let (mut replicas, written, held) = play(&scenario);
        for (n, replica) in replicas.iter_mut().enumerate() {
            // Everything, including what it already has, in an order of its own.
            let mut exchange = written.clone();
            exchange.extend(written.iter().step_by(3).cloned());
            shuffle(&mut exchange, scenario.exchange_seed.wrapping_add(n as u64));
            replica.apply_all(exchange, Millis(START));
        }

        let mut fresh = Replica::new();
        fresh.apply_all(written.iter().cloned(), Millis(START));
        let expected = state(&fresh);
        for (n, replica) in replicas.iter().enumerate() {
            prop_assert_eq!(replica.len(), written.len(), "replica {} holds every op once", n);
            prop_assert_eq!(&state(replica), &expected, "replica {} differs", n);
        }

        // Nothing lost: every value shows, is a conflict, or was seen and replaced.
        for op in &written {
            let shown = fresh.winner(&op.entity, &op.record, &op.field).map(|w| &w.id) == Some(&op.id);
            let in_conflict = fresh
                .conflicts(&op.entity, &op.record, &op.field)
                .iter()
                .any(|c| c.id == op.id);
            // A delete lists other fields' values too; those it does not replace.
            let replaced = (written.iter())
                .any(|later| later.field == op.field && later.supersedes.contains(&op.id));
            prop_assert!(shown || in_conflict || replaced, "op {} vanished", op.id);
        }

        // Nor lost unsaid while deleted: of a record a delete left deleted, exactly the values
        // its device did not hold when it deleted, save one older than a value of the same device
        // it showed, are told.
        let told = state(&fresh).2;
        for record in RECORDS.map(id) {
            let standing = fresh.winner("goal", &record, "deleted");
            let had = standing.and_then(|tombstone| held.get(&tombstone.id));
            let Some((had, high)) = had else {
                let told_of = told.iter().any(|(r, _)| *r == record);
                prop_assert!(!told_of, "record {} is not deleted", record);
                continue;
            };
            let mut expected: Vec<RecordId> = (FIELDS.iter().filter(|f| **f != "deleted"))
                .flat_map(|field| {
                    let winner = fresh.winner("goal", &record, field).into_iter();
                    winner.chain(fresh.conflicts("goal", &record, field))
                })
                .filter(|op| !had.contains(&op.id))
                .filter(|op| high.get(&op.device).is_none_or(|top| op.hlc > *top))
                .map(|op| op.id.clone())
                .collect();
            let mut got = (told.iter().find(|(r, _)| *r == record))
                .map_or_else(Vec::new, |(_, edits)| edits.clone());
            got.sort();
            expected.sort();
            prop_assert_eq!(got, expected, "record {}", record);
        }
    }
}

/// Everything a replica shows or a later op depends on: records, conflicts, which ops it has
/// taken in, every field's winner and conflicts, and the op a local write would make (its
/// clock reading and what it supersedes).
fn observable(replica: &Replica, ids: &[RecordId]) -> (State, Vec<bool>, Vec<Vec<RecordId>>, Op) {
    let known = ids.iter().map(|id| replica.knows(id)).collect();
    let mut heads = Vec::new();
    for record in RECORDS {
        for field in FIELDS {
            let record = id(record);
            let winner = replica
                .winner("goal", &record, field)
                .map(|op| op.id.clone());
            let mut field_heads: Vec<RecordId> = winner.into_iter().collect();
            field_heads.extend(
                replica
                    .conflicts("goal", &record, field)
                    .iter()
                    .map(|op| op.id.clone()),
            );
            heads.push(field_heads);
        }
    }
    let draft = replica.clone().draft(
        &id("amira"),
        &id("dev-next"),
        "goal",
        &id(RECORDS[0]),
        FIELDS[0],
        FieldValue::Text("next".into()),
        Millis(START),
        id("op-next"),
    );
    (state(replica), known, heads, draft)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn a_restored_compaction_then_more_ops_equals_folding_them_all(
        scenario in scenario(),
        split in any::<Index>(),
        seed in any::<u64>(),
    ) {
        let (_, written, _) = play(&scenario);
        // Deliveries in a random order, every third op twice: superseded ops often arrive
        // after the op that superseded them, and some arrive again after the compaction.
        let mut deliveries = written.clone();
        deliveries.extend(written.iter().step_by(3).cloned());
        shuffle(&mut deliveries, seed);
        let at = split.index(deliveries.len() + 1);
        let (ops_a, ops_b) = deliveries.split_at(at);
        // The host may relay ops the device had before the compaction again.
        let mut ops_b = ops_b.to_vec();
        ops_b.extend(ops_a.iter().step_by(2).cloned());

        let mut whole = Replica::new();
        whole.apply_all(ops_a.iter().cloned(), Millis(START));
        let before = whole.clone();
        whole.apply_all(ops_b.iter().cloned(), Millis(START));

        let compacted = before.compact();
        prop_assert!(
            compacted.heads.len() <= before.len(),
            "the compaction keeps at most every op's content"
        );
        let mut restored = Replica::restore(compacted, Millis(START));
        prop_assert_eq!(
            observable(&restored, &ids(&written)),
            observable(&before, &ids(&written)),
            "restoring changes nothing"
        );
        restored.apply_all(ops_b.iter().cloned(), Millis(START));
        let ids = ids(&written);
        prop_assert_eq!(observable(&restored, &ids), observable(&whole, &ids));
        prop_assert_eq!(restored.len(), whole.len(), "every op taken in exactly once");
        // A compaction of the result is the same whichever way it was reached.
        prop_assert_eq!(restored.compact(), whole.compact());

        // An op compacted away that arrives again changes nothing.
        let again = Replica::restore(whole.compact(), Millis(START));
        let mut after_repeat = again.clone();
        let taken = after_repeat.apply_all(written.iter().cloned(), Millis(START));
        prop_assert!(taken.is_empty(), "ops compacted away were taken in again: {:?}", taken);
        prop_assert_eq!(observable(&after_repeat, &ids), observable(&again, &ids));
    }
}

fn ids(ops: &[Op]) -> Vec<RecordId> {
    ops.iter().map(|op| op.id.clone()).collect()
}
