//! Merge benchmark of `mentoring_core::merge::Replica`, natively (best of several runs).
//!
//! ```text
//! cargo bench -p mentoring-core --bench merge
//! ```
//!
//! - **remote updates**: a replica holding 2,000 goals × 5 fields takes in 10,000 remote ops,
//!   each replacing a value it has (DESIGN.md §6: a plain LWW fold, ~6 ms in Chromium).
//! - **fresh device**: the same 10,000 ops into an empty replica (a first sync).
//! - **one long field**: N writes in a row to one field (a field rewritten at every edit, such
//!   as `updated-at`), then reading the record: shows how cost grows with a field's history.

use std::time::Instant;

use mentoring_core::merge::{Op, Replica};
use mentoring_core::projection::FieldValue;
use mentoring_core::{Millis, RecordId};

const RECORDS: usize = 2_000;
const FIELDS: [&str; 5] = ["title", "aspiration", "status", "due", "progress"];
const NOW: i64 = 1_795_000_000_000;
const RUNS: usize = 15;

fn id(text: &str) -> RecordId {
    RecordId::parse(text).expect("bench ids are valid")
}

/// The fastest of `RUNS` runs of `work` on a fresh `setup()` (setup is not timed), in ms.
fn best_ms<S, T>(setup: impl Fn() -> S, mut work: impl FnMut(S) -> T) -> f64 {
    (0..RUNS)
        .map(|_| {
            let input = setup();
            let start = Instant::now();
            let output = work(input);
            let elapsed = start.elapsed().as_secs_f64() * 1e3;
            drop(std::hint::black_box(output));
            elapsed
        })
        .fold(f64::INFINITY, f64::min)
}

/// Every field of every record written once (`base`), then once more over it (`updates`).
fn two_rounds() -> (Vec<Op>, Vec<Op>) {
    let mut laptop = Replica::new();
    let mut minted = 0;
    let mut round = |value: &str, at: i64| {
        let mut ops = Vec::with_capacity(RECORDS * FIELDS.len());
        for record in 0..RECORDS {
            for field in FIELDS {
                minted += 1;
                ops.push(laptop.write(
                    &id("amira"),
                    &id("laptop"),
                    "goal",
                    &id(&format!("g-{record}")),
                    field,
                    FieldValue::Text(value.to_owned()),
                    Millis(at),
                    id(&format!("op-{minted}")),
                ));
            }
        }
        ops
    };
    let base = round("first", NOW);
    let updates = round("second", NOW + 1_000);
    (base, updates)
}

fn main() {
    let (base, updates) = two_rounds();
    let mut phone = Replica::new();
    phone.apply_all(base, Millis(NOW));

    let ms = best_ms(
        || (phone.clone(), updates.clone()),
        |(mut replica, ops)| {
            let touched = replica.apply_all(ops, Millis(NOW));
            assert_eq!(touched.len(), RECORDS);
            replica
        },
    );
    println!("remote updates: {} ops in {ms:.2} ms", updates.len());

    let ms = best_ms(
        || updates.clone(),
        |ops| {
            let mut replica = Replica::new();
            replica.apply_all(ops, Millis(NOW));
            replica
        },
    );
    println!("fresh device:   {} ops in {ms:.2} ms", updates.len());

    let ms = best_ms(|| (), |()| phone.records());
    println!("read all:       {RECORDS} records in {ms:.2} ms");

    let record = id("g-1");
    for writes in [100, 500, 1_000] {
        let mut replica = Replica::new();
        let start = Instant::now();
        for n in 0..writes {
            replica.write(
                &id("amira"),
                &id("phone"),
                "goal",
                &record,
                "updated-at",
                FieldValue::Int(NOW + n),
                Millis(NOW + n),
                id(&format!("op-{n}")),
            );
        }
        let write_ms = start.elapsed().as_secs_f64() * 1e3;
        let read_ms = best_ms(|| (), |()| replica.record("goal", &record));
        println!(
            "one long field: {writes} writes in {write_ms:.1} ms, then a read in {read_ms:.3} ms"
        );
    }
}
