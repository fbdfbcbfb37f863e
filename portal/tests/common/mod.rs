//! What the portal's test files share (each includes this with `mod common;`): ops as a device
//! would push them, with ids and clocks that always move forward.
#![allow(dead_code)]

use std::cell::Cell;

use serde_json::{json, Value};

/// Writes wire ops (docs/adapter.md) for any actor, from one counter.
pub struct OpWriter {
    next: Cell<u64>,
    /// The wall clock of the first op, in milliseconds: later than the demo's own ops where a
    /// pushed value must win its field.
    epoch_ms: u64,
}

impl OpWriter {
    pub fn new(first: u64, epoch_ms: u64) -> OpWriter {
        OpWriter {
            next: Cell::new(first),
            epoch_ms,
        }
    }

    pub fn op(&self, actor: &str, entity: &str, record: &str, field: &str, value: Value) -> Value {
        let tick = self.next.get();
        self.next.set(tick + 1);
        json!({
            "id": format!("op-{actor}-{tick}"),
            "actor": actor,
            "device": format!("dev-{actor}"),
            "hlc": format!("{:013}-{:05}", self.epoch_ms + tick, 0),
            "entity": entity,
            "record": record,
            "field": field,
            "value": value,
            "supersedes": [],
        })
    }

    /// Every field of a new record, as one push from `actor`.
    pub fn record(&self, actor: &str, entity: &str, record: &str, fields: Value) -> Vec<Value> {
        fields
            .as_object()
            .unwrap()
            .iter()
            .map(|(field, value)| self.op(actor, entity, record, field, value.clone()))
            .collect()
    }
}
