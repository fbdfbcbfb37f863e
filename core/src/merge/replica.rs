//! A replica: every op a device knows, folded into records, field by field.
//!
//! The fold is a pure function of the *set* of ops, so merging is commutative, associative
//! and idempotent: any order, any batching, any duplicates give the same state.
//!
//! Per field, an op's `supersedes` lists the values its writer had seen. The field's heads
//! are the ops nobody superseded; the winner is the head with the greatest (clock, device,
//! op id); the other heads are conflicts — values written concurrently that lost, kept for
//! the person to see and restore. A value someone saw and replaced is not a conflict, and
//! neither is a settlement of a conflict that another settlement of the same conflict
//! outranks ([`SETTLE_PREFIX`]).

use std::collections::{BTreeMap, BTreeSet};

use super::hlc::{Hlc, HlcClock};
use crate::projection::{FieldValue, Fields, ACTION, MILESTONE};
use crate::{Millis, RecordId};

/// The field that marks a record deleted (a tombstone): `true` deletes, `false` restores.
/// A delete is an ordinary field write, so an edit made concurrently with a delete does not
/// bring the record back; only setting `deleted` to false does.
pub const DELETED: &str = "deleted";

/// The prefix of the id of an op that settles a conflict ("Use" or "Keep": it supersedes the
/// field's values it saw, two or more). Two settlements of the same conflict (the same values
/// superseded) made at once are one decision taken twice: the outranked one is not a new
/// conflict, while a settlement and any other write made at once still are. Only the id
/// carries it, as every host keeps an op's id exactly, and the winner is the same with or
/// without the rule, so a device from before it shows the same values.
pub const SETTLE_PREFIX: &str = "settle";

/// The prefix of the id of a tombstone (`deleted: true`) that also says in `supersedes` which
/// values of its record's other fields its writer held ([`Replica::draft`] adds them: a
/// high-water mark per device, [`SEEN_MARK_PREFIX`]; before marks, their ids), so a
/// reader can tell an edit the delete had seen from one it had not
/// ([`Replica::unseen_by_delete`]). Those entries name no op of the `deleted` field, so they hide
/// nothing. A tombstone without the prefix (from before it) says nothing of what it saw.
pub const TOMBSTONE_PREFIX: &str = "tombstone";

/// The prefix of the id of an op a host sends in place of one whose value its reader may not
/// see: the op that took a pair from someone, which names who took their place. The stand-in
/// is the op with that value replaced (a relationship's mentor or mentee by the relationship's
/// own id, which names nobody; its actor too when that is who was put in) and its id
/// `withheld-<id of the op it stands for>` (or `withheld_…` when that would not fit an id), so
/// it sorts and supersedes as that op does and is always the same op. It tells the reader the record is no longer theirs; it is never a
/// conflict, and it gives way to the op it stands for when that is held (the reader may see
/// the record again). A reader from before the prefix takes it as the value it says.
pub const WITHHELD_PREFIX: &str = "withheld";

/// The `device` of the ops a host writes itself (a session's `partner`, a taken-off notice, a
/// stand-in, a re-pairing's emptied agreement: docs/adapter.md), and how their ids begin. No
/// device may push one: a host refuses it.
pub const HOST_DEVICE: &str = "portal";
pub const HOST_OP_PREFIX: &str = "portal-";

/// The id of the stand-in for the op `id` ([`WITHHELD_PREFIX`]): `withheld-<id>`, or, when
/// that would be longer than an id may be, `withheld_` and a hash of `id`. The host makes it,
/// and a device tells from it which op a stand-in stands for, so both work it out here.
pub fn withheld_op_id(id: &str) -> String {
    let plain = format!("{WITHHELD_PREFIX}-{id}");
    if plain.chars().count() <= crate::ids::ID_MAX_CHARS {
        return plain;
    }
    // FNV-1a, 128 bits: stable across builds and platforms, unlike the standard hasher.
    let hash = id.bytes().fold(
        0x6c62_272e_07bb_0142_62b8_2175_6295_c58d_u128,
        |hash, byte| {
            (hash ^ u128::from(byte)).wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b)
        },
    );
    format!("{WITHHELD_PREFIX}_{hash:032x}")
}

/// The prefix of an entry of a tombstone's `supersedes` that is no op id but a high-water
/// mark: `seen_<hlc>_<device>` says the delete's device held that device's values of the record
/// (and of its children) up to that clock reading ([`Op::saw`]). A device's clock only moves
/// forward and its ops reach others in the order it made them, so one mark per device says
/// completely, in a few entries, what a delete saw of a record of any size. A mark names no op,
/// so it hides nothing; a reader from before marks takes it for an op not yet arrived and
/// tells nothing of that delete, which was true of it before.
pub const SEEN_MARK_PREFIX: &str = "seen_";

/// The mark that `device`'s values up to `hlc` were seen, when it fits an id (a device id of
/// at most 39 characters; the widget's have 32).
fn seen_mark(device: &RecordId, hlc: Hlc) -> Option<RecordId> {
    RecordId::parse(&format!("{SEEN_MARK_PREFIX}{}_{device}", hlc.encode())).ok()
}

/// The (device, clock reading) of a high-water mark ([`SEEN_MARK_PREFIX`]).
fn read_seen_mark(entry: &RecordId) -> Option<(&str, Hlc)> {
    let rest = entry.as_str().strip_prefix(SEEN_MARK_PREFIX)?;
    let (hlc, device) = (rest.get(..19)?, rest.get(19..)?.strip_prefix('_')?);
    (!device.is_empty()).then_some((device, Hlc::decode(hlc).ok()?))
}

/// The record kinds that live in a parent (a goal's milestones, a session's action items), with
/// the parent's kind, which is also the name of the child's field that names its parent. A
/// child is not deleted with its parent: it leaves view with it, so a delete of the parent
/// lists what it saw of its children too, and an edit of a child its delete had not seen is
/// told like one of the parent's own fields.
const CHILDREN: [(&str, &str); 2] = [(MILESTONE, "goal"), (ACTION, "session")];

/// The fields whose every op a compaction keeps, values replaced included: who held each side
/// of a pair and from when, which says what its person may read again once put back
/// (`permissions::before_joining`), and the times a session had, which say what a partner's
/// calendar still shows after its author moved it (`reminders::session_changes`). A few ops
/// per relationship and per session.
const KEPT_WHOLE: [(&str, &str); 3] = [
    ("relationship", "mentor"),
    ("relationship", "mentee"),
    ("session", "at"),
];

/// The most ops one op may supersede (docs/schema/op.schema.json).
pub const SUPERSEDES_MAX: usize = 64;

/// Bounds on an op's value, the same in the widget's adapter, the reference portal and
/// docs/schema/op.schema.json: a text, a list, and each text in a list.
pub const VALUE_TEXT_MAX_CHARS: usize = 20_000;
pub const VALUE_LIST_MAX_ITEMS: usize = 500;
pub const VALUE_LIST_ITEM_MAX_CHARS: usize = 2_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Op {
    pub id: RecordId,
    /// Who made the change.
    pub actor: RecordId,
    /// Which device made it.
    pub device: RecordId,
    pub hlc: Hlc,
    pub entity: String,
    pub record: RecordId,
    pub field: String,
    pub value: FieldValue,
    /// Ops on the same field whose values the writer had seen.
    pub supersedes: Vec<RecordId>,
}

impl Op {
    fn order(&self) -> (Hlc, &RecordId, &RecordId) {
        (self.hlc, &self.device, &self.id)
    }

    /// Whether this op's id is minted with `prefix` (`prefix-…`).
    fn marked(&self, prefix: &str) -> bool {
        (self.id.as_str().strip_prefix(prefix)).is_some_and(|rest| rest.starts_with('-'))
    }

    /// Whether this op settles a conflict ([`SETTLE_PREFIX`]).
    pub fn settles(&self) -> bool {
        self.supersedes.len() >= 2 && self.marked(SETTLE_PREFIX)
    }

    /// Whether this op is a tombstone that lists what it saw of its record
    /// ([`TOMBSTONE_PREFIX`]).
    pub fn lists_what_it_saw(&self) -> bool {
        self.field == DELETED
            && self.value == FieldValue::Bool(true)
            && self.marked(TOMBSTONE_PREFIX)
    }

    /// Whether this tombstone, listing what it saw ([`Op::lists_what_it_saw`]), had seen
    /// `value`: it lists its id, or a high-water mark of its device at or after it
    /// ([`SEEN_MARK_PREFIX`]). Tombstones written before marks list ids alone.
    pub fn saw(&self, value: &Op) -> bool {
        self.supersedes.contains(&value.id)
            || (self.supersedes.iter().filter_map(read_seen_mark))
                .any(|(device, hlc)| device == value.device.as_str() && value.hlc <= hlc)
    }

    /// Whether every op this tombstone lists has arrived at `replica` (its marks name none).
    fn all_arrived(&self, replica: &Replica) -> bool {
        (self.supersedes.iter())
            .filter(|entry| read_seen_mark(entry).is_none())
            .all(|seen| replica.knows(seen))
    }

    /// Whether the host wrote this op itself ([`HOST_DEVICE`]; a stand-in too).
    pub fn by_host(&self) -> bool {
        self.device.as_str() == HOST_DEVICE
            || self.id.as_str().starts_with(HOST_OP_PREFIX)
            || self.is_stand_in()
    }

    /// Whether this op stands in for another ([`WITHHELD_PREFIX`]).
    fn is_stand_in(&self) -> bool {
        self.id.as_str().starts_with(WITHHELD_PREFIX)
    }

    /// Whether this op and `other` both settle the same conflict.
    fn settles_with(&self, other: &Op) -> bool {
        // Sorted without repeats: a `BTreeSet` collected here compiled a sort of its own.
        fn set(op: &Op) -> Vec<&RecordId> {
            let mut ids: Vec<&RecordId> = op.supersedes.iter().collect();
            crate::order::sort(&mut ids);
            ids.dedup();
            ids
        }
        self.settles() && other.settles() && set(self) == set(other)
    }
}

/// Of the ops a device stores, `actor`'s that the host lost, oldest first: neither among
/// `brought` (every op of the host's whole log the person may read, pulled again from its
/// start) nor `refused` (the host said no to them, and they stay listed as not kept), nor one
/// the host wrote itself in their name ([`HOST_DEVICE`]: it writes those again, and refuses
/// one pushed). A host restored from an older backup forgets changes it had acknowledged,
/// which left the outbox then: their writer's devices hold the only copies, so they are sent
/// again (the host acknowledges again an op it holds). Superseded ops go too, not only what stands: without
/// the value an op replaced, the host would show a value an older op of its own had already
/// replaced as in conflict with the one standing.
pub fn lost_by_host<'a>(
    stored: &'a [Op],
    actor: &RecordId,
    brought: &dyn Fn(&RecordId) -> bool,
    refused: &dyn Fn(&RecordId) -> bool,
) -> Vec<&'a Op> {
    let mut lost: Vec<&Op> = (stored.iter())
        .filter(|op| &op.actor == actor && !op.by_host() && !brought(&op.id) && !refused(&op.id))
        .collect();
    sort_ops(&mut lost, &|a, b| a.order().cmp(&b.order()));
    lost.dedup_by(|a, b| a.id == b.id);
    lost
}

/// Checks what an op from elsewhere must satisfy before it is merged.
pub fn validate(op: &Op) -> Result<(), String> {
    let name_ok = |name: &str| {
        !name.is_empty()
            && name.len() <= 40
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    if !name_ok(&op.entity) {
        return Err(format!(
            "op {}: entity {:?} is not a lower-case name",
            op.id, op.entity
        ));
    }
    if !name_ok(&op.field) {
        return Err(format!(
            "op {}: field {:?} is not a lower-case name",
            op.id, op.field
        ));
    }
    if op.supersedes.contains(&op.id) {
        return Err(format!("op {}: it cannot supersede itself", op.id));
    }
    if op.field == DELETED && !matches!(op.value, FieldValue::Bool(_)) {
        return Err(format!("op {}: '{DELETED}' must be true or false", op.id));
    }
    if op.supersedes.len() > SUPERSEDES_MAX {
        return Err(format!(
            "op {}: supersedes {} ops; at most {SUPERSEDES_MAX}",
            op.id,
            op.supersedes.len()
        ));
    }
    Ok(())
}

type FieldKey = (String, RecordId, String);

/// A replica reduced to what its fold still needs, so a device can store it as one value and
/// fold only the ops that came after it ([`Replica::compact`], [`Replica::restore`]).
///
/// An op that someone superseded can never show again, so only each field's heads (the
/// winner, its unresolved conflicts, and tombstones, which are `deleted` fields' winners) keep
/// their content (besides every op of a side of a pair and of a session's time, `KEPT_WHOLE`). Everything else a later op could still depend on is kept as ids: every op
/// taken in (an op arriving again then changes nothing) and the superseded ids whose ops have
/// not arrived yet (they stay hidden when they do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Compacted {
    /// The clock's last reading, so local ops keep sorting after everything seen.
    pub clock: Hlc,
    /// Every op id taken in, heads included.
    pub known: Vec<RecordId>,
    /// Every field's heads (every op of a side of a pair), in a stable order.
    pub heads: Vec<Op>,
    /// Per field, ops said to be superseded that have not arrived.
    pub awaited: Vec<Awaited>,
}

/// Ops of one field that a known op superseded but that have not arrived yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Awaited {
    pub entity: String,
    pub record: RecordId,
    pub field: String,
    pub ops: Vec<RecordId>,
}

/// A deleted record with values its delete had not seen ([`Replica::unseen_by_delete`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnseenByDelete<'a> {
    pub entity: &'a str,
    pub record: &'a RecordId,
    /// The delete that stands.
    pub tombstone: &'a Op,
    /// The values it had not seen, the record's fields in order.
    pub edits: Vec<&'a Op>,
    /// The child record (a session's action item, a goal's milestone) the values are of, when
    /// they are of one rather than of the deleted record itself.
    pub child: Option<&'a RecordId>,
}

#[derive(Default, Clone)]
struct FieldState {
    /// Every op of this field.
    ops: Vec<Op>,
    /// Op ids this field's ops said they superseded (those ops may not have arrived yet).
    /// Kept per field, so an op cannot hide another field's values.
    superseded: BTreeSet<RecordId>,
}

impl FieldState {
    /// The ops nobody superseded, the winner first: what a new write supersedes and a
    /// compaction keeps.
    fn heads(&self) -> Vec<&Op> {
        heads(&self.ops, &self.superseded)
    }

    fn shown(&self) -> Vec<&Op> {
        shown(&self.ops, &self.superseded)
    }
}

/// Of a field's `ops`, those no id in `superseded` names, the winner first.
fn heads<'a>(ops: &'a [Op], superseded: &BTreeSet<RecordId>) -> Vec<&'a Op> {
    let mut heads: Vec<&Op> = ops
        .iter()
        .filter(|op| !superseded.contains(&op.id))
        .collect();
    sort_ops(&mut heads, &newest_first);
    heads
}

/// Every list of ops is sorted through this one copy of the standard sort (a closure given to
/// `sort_by` compiles a whole sort of its own, about 3 KB of wasm each).
fn sort_ops(ops: &mut [&Op], compare: &dyn Fn(&Op, &Op) -> std::cmp::Ordering) {
    ops.sort_by(|a, b| compare(a, b));
}

fn newest_first(a: &Op, b: &Op) -> std::cmp::Ordering {
    b.order().cmp(&a.order())
}

/// The values a field shows, the winner first, from its `ops` and the ids its ops said they
/// superseded (`superseded`, which may name ops not among `ops`): its heads, without a
/// settlement that a settlement of the same conflict outranks, a stand-in whose op is held,
/// or a stand-in that does not win ([`WITHHELD_PREFIX`]). The one rule of which value stands:
/// a host deciding who reads a record asks it too, so it reads the value every device shows.
pub fn shown<'a>(ops: &'a [Op], superseded: &BTreeSet<RecordId>) -> Vec<&'a Op> {
    let mut heads = heads(ops, superseded);
    heads.retain(|op| {
        !op.is_stand_in() || !(ops.iter()).any(|o| withheld_op_id(o.id.as_str()) == op.id.as_str())
    });
    // Only a settlement can be outranked: asking the others of every head made a field of
    // many concurrent values (a host's log, a device offline for long) quadratic per fold.
    let outranked =
        |n: usize| heads[n].settles() && heads[..n].iter().any(|o| o.settles_with(heads[n]));
    (0..heads.len())
        .filter(|&n| !outranked(n) && (n == 0 || !heads[n].is_stand_in()))
        .map(|n| heads[n])
        .collect()
}

#[derive(Clone, Default)]
pub struct Replica {
    fields: BTreeMap<FieldKey, FieldState>,
    known: BTreeSet<RecordId>,
    clock: HlcClock,
}

impl Replica {
    pub fn new() -> Replica {
        Replica::default()
    }

    pub fn knows(&self, op: &RecordId) -> bool {
        self.known.contains(op)
    }

    pub fn len(&self) -> usize {
        self.known.len()
    }

    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// Merges one op; returns whether it was new. The clock takes it in.
    pub fn apply(&mut self, op: Op, now: Millis) -> bool {
        if !self.known.insert(op.id.clone()) {
            return false;
        }
        self.clock.observe(op.hlc, now);
        let key: FieldKey = (op.entity.clone(), op.record.clone(), op.field.clone());
        let state = self.fields.entry(key).or_default();
        // An op never hides itself, even if a malformed one names itself.
        state
            .superseded
            .extend(op.supersedes.iter().filter(|s| **s != op.id).cloned());
        state.ops.push(op);
        true
    }

    /// The first op of `ops` whose id this replica, or an earlier op of `ops`, holds with
    /// other content. An op never changes, so a host that relays one is faulty, and taking
    /// either would leave devices disagreeing without noticing. An op compacted away
    /// ([`Replica::compact`]) is known by its id alone, so a copy of it cannot be compared.
    pub fn reused_id<'a>(&self, ops: &'a [Op]) -> Option<&'a RecordId> {
        ops.iter().enumerate().find_map(|(n, op)| {
            let earlier = ops[..n].iter().any(|e| e.id == op.id && e != op);
            (earlier || self.holds_otherwise(op)).then_some(&op.id)
        })
    }

    fn holds_otherwise(&self, op: &Op) -> bool {
        if !self.known.contains(&op.id) {
            return false;
        }
        let key: FieldKey = (op.entity.clone(), op.record.clone(), op.field.clone());
        let held = |state: &FieldState| state.ops.iter().find(|o| o.id == op.id).cloned();
        match self.fields.get(&key).and_then(held) {
            Some(held) => held != *op,
            // Known but not in this field: held under another one, or compacted away.
            None => self.fields.values().any(|state| held(state).is_some()),
        }
    }

    /// Merges a batch; returns the (entity, record) pairs whose fields may have changed,
    /// sorted and without repeats.
    pub fn apply_all(
        &mut self,
        ops: impl IntoIterator<Item = Op>,
        now: Millis,
    ) -> Vec<(String, RecordId)> {
        let mut touched = Vec::new();
        for op in ops {
            let key = (op.entity.clone(), op.record.clone());
            if self.apply(op, now) {
                touched.push(key);
            }
        }
        crate::order::sort(&mut touched);
        touched.dedup();
        touched
    }

    fn field(&self, entity: &str, record: &RecordId, field: &str) -> Option<&FieldState> {
        let key = (entity.to_owned(), record.clone(), field.to_owned());
        self.fields.get(&key)
    }

    fn shown(&self, entity: &str, record: &RecordId, field: &str) -> Vec<&Op> {
        self.field(entity, record, field)
            .map(FieldState::shown)
            .unwrap_or_default()
    }

    /// The op whose value a field shows.
    pub fn winner(&self, entity: &str, record: &RecordId, field: &str) -> Option<&Op> {
        self.shown(entity, record, field).into_iter().next()
    }

    /// Every op of a field held, values replaced since included (after [`Replica::restore`],
    /// those [`Replica::compact`] kept).
    pub fn history(&self, entity: &str, record: &RecordId, field: &str) -> &[Op] {
        self.field(entity, record, field)
            .map_or(&[], |state| state.ops.as_slice())
    }

    /// Values written concurrently with the winner that lost, newest first.
    pub fn conflicts(&self, entity: &str, record: &RecordId, field: &str) -> Vec<&Op> {
        self.shown(entity, record, field)
            .into_iter()
            .skip(1)
            .collect()
    }

    /// Every value that lost to a concurrent write and is still unresolved, in a stable order.
    pub fn all_conflicts(&self) -> Vec<&Op> {
        self.fields
            .values()
            .flat_map(|state| state.shown().into_iter().skip(1))
            .collect()
    }

    /// A record's current fields, or `None` when it does not exist or is deleted.
    pub fn record(&self, entity: &str, record: &RecordId) -> Option<Fields> {
        Self::live(self.record_fields(entity, record))
    }

    fn live<'a>(fields: impl Iterator<Item = (&'a FieldKey, &'a FieldState)>) -> Option<Fields> {
        let mut values = Fields::new();
        for ((_, _, field), state) in fields {
            if let Some(winner) = state.shown().first() {
                values.insert(field.clone(), winner.value.clone());
            }
        }
        if values.is_empty() || values.get(DELETED) == Some(&FieldValue::Bool(true)) {
            return None;
        }
        values.remove(DELETED);
        Some(values)
    }

    /// A record's fields as they stand, its deletion set aside: what a deleted record held,
    /// and holds again if brought back. `None` when no field of it is known.
    pub fn record_undeleted(&self, entity: &str, record: &RecordId) -> Option<Fields> {
        let mut values = Fields::new();
        for ((_, _, field), state) in self.record_fields(entity, record) {
            if let Some(winner) = state.shown().first() {
                values.insert(field.clone(), winner.value.clone());
            }
        }
        values.remove(DELETED);
        (!values.is_empty()).then_some(values)
    }

    /// Whether every field of the record (its deletion set aside) stands on an op `refused`
    /// names: of ops a host refused, the host holds nothing of it, so the record is one whose
    /// creation it refused (its fields written together, all refused), not a change to one it
    /// keeps. `false` for a record with no field held.
    pub fn stands_only_on(
        &self,
        entity: &str,
        record: &RecordId,
        refused: impl Fn(&RecordId) -> bool,
    ) -> bool {
        let mut standing = (self.record_fields(entity, record))
            .filter(|((_, _, field), _)| field != DELETED)
            .filter_map(|(_, state)| state.shown().first().map(|op| refused(&op.id)))
            .peekable();
        standing.peek().is_some() && standing.all(|refused| refused)
    }

    /// When `by` last changed a record after making it: the latest of their values standing on
    /// its fields and on its children's (milestones, action items), a field named in
    /// `not_edits` and the record's own deletion aside, written later than its earliest op
    /// held. `None` when there is none: a record written once (one save writes every field at
    /// one wall time), or changed by others alone. Read from the ops: no field stores it.
    pub fn edited_at(
        &self,
        entity: &str,
        record: &RecordId,
        by: &RecordId,
        not_edits: &[&str],
    ) -> Option<Millis> {
        let made = (self.record_fields(entity, record))
            .flat_map(|(_, state)| state.ops.iter())
            .map(|op| op.hlc.wall)
            .min()?;
        let own = (self.record_fields(entity, record)).filter(|((_, _, f), _)| f != DELETED);
        let children = self.children_of(entity, record);
        let of_children =
            (children.iter()).flat_map(|&(kind, child)| self.record_fields(kind, child));
        own.chain(of_children)
            .filter(|((_, _, field), _)| !not_edits.contains(&field.as_str()))
            .filter_map(|(_, state)| state.shown().into_iter().next())
            .filter(|op| &op.actor == by && op.hlc.wall > made)
            .map(|op| op.hlc.wall)
            .max()
            .map(Millis)
    }

    /// Every record of which an op is held, readable, deleted or not, as (entity, id), in a
    /// stable order.
    pub fn held(&self) -> Vec<(&str, &RecordId)> {
        let mut held: Vec<(&str, &RecordId)> = (self.fields.keys())
            .map(|(e, r, _)| (e.as_str(), r))
            .collect();
        held.dedup();
        held
    }

    /// Whether any op of the record is held, a deletion alone included: the record is known
    /// here, readable or not.
    pub fn holds(&self, entity: &str, record: &RecordId) -> bool {
        self.record_fields(entity, record).next().is_some()
    }

    fn record_fields<'a>(
        &'a self,
        entity: &'a str,
        record: &'a RecordId,
    ) -> impl Iterator<Item = (&'a FieldKey, &'a FieldState)> {
        let start = (entity.to_owned(), record.clone(), String::new());
        self.fields
            .range(start..)
            .take_while(move |((e, r, _), _)| e == entity && r == record)
    }

    /// Every deleted record holding values `reader` wrote that its delete had not seen: each
    /// written concurrently with the delete (on a device it had not reached yet), or after
    /// it, so it shows nowhere while the record stays deleted. The delete is the `deleted`
    /// field's winner, `true`; it had seen a value when [`Op::saw`] says so, or a value that
    /// superseded it ([`TOMBSTONE_PREFIX`]). Nothing is said of a delete that
    /// does not list what it saw (written before it did), nor until every value it lists has
    /// arrived here: one it had seen may still be on its way. In a stable order.
    pub fn unseen_by_delete(&self, reader: &RecordId) -> Vec<UnseenByDelete<'_>> {
        let all: Vec<(&FieldKey, &FieldState)> = self.fields.iter().collect();
        let mut out = Vec::new();
        for group in all.chunk_by(|((e1, r1, _), _), ((e2, r2, _), _)| e1 == e2 && r1 == r2) {
            let ((entity, record, _), _) = group[0];
            let tombstone = group
                .iter()
                .find(|((_, _, field), _)| field == DELETED)
                .and_then(|(_, state)| state.shown().into_iter().next());
            let Some(tombstone) = tombstone else {
                continue;
            };
            let edits = self.unseen_edits(group, tombstone, reader);
            if !edits.is_empty() {
                out.push(UnseenByDelete {
                    entity,
                    record,
                    tombstone,
                    edits,
                    child: None,
                });
            }
        }
        // A child (not deleted itself) of a deleted parent shows nowhere either: its values
        // the parent's delete had not seen are told the same way, as the parent's.
        for group in all.chunk_by(|((e1, r1, _), _), ((e2, r2, _), _)| e1 == e2 && r1 == r2) {
            let ((entity, child, _), _) = group[0];
            let Some((_, parent_entity)) = CHILDREN.iter().find(|(kind, _)| kind == entity) else {
                continue;
            };
            let winner = |name: &str| {
                (group.iter())
                    .find(|((_, _, field), _)| field == name)
                    .and_then(|(_, state)| state.shown().into_iter().next())
            };
            if winner(DELETED).is_some_and(|op| op.value == FieldValue::Bool(true)) {
                continue;
            }
            let Some((parent_key, tombstone)) = winner(parent_entity).and_then(|op| {
                let FieldValue::Text(parent) = &op.value else {
                    return None;
                };
                let parent = RecordId::parse(parent).ok()?;
                let key = ((*parent_entity).to_owned(), parent, DELETED.to_owned());
                let (key, state) = self.fields.get_key_value(&key)?;
                Some((key, state.shown().into_iter().next()?))
            }) else {
                continue;
            };
            let edits = self.unseen_edits(group, tombstone, reader);
            if !edits.is_empty() {
                out.push(UnseenByDelete {
                    entity: &parent_key.0,
                    record: &parent_key.1,
                    tombstone,
                    edits,
                    child: Some(child),
                });
            }
        }
        out
    }

    /// The values `reader` wrote among a record's `fields` that `tombstone` had not seen; none
    /// while it does not list what it saw, or while a value it lists has not arrived here.
    fn unseen_edits<'a>(
        &self,
        fields: &[(&'a FieldKey, &'a FieldState)],
        tombstone: &Op,
        reader: &RecordId,
    ) -> Vec<&'a Op> {
        if !(tombstone.lists_what_it_saw() && tombstone.all_arrived(self)) {
            return Vec::new();
        }
        fields
            .iter()
            .filter(|((_, _, field), _)| field != DELETED)
            .flat_map(|(_, state)| state.shown())
            .filter(|op| &op.actor == reader && !tombstone.saw(op))
            .collect()
    }

    /// The children (milestones, action items) whose field naming their parent names
    /// `record`, as (kind, id), deleted ones included.
    pub fn children_of(&self, entity: &str, record: &RecordId) -> Vec<(&str, &RecordId)> {
        let Some((kind, _)) = CHILDREN.iter().find(|(_, parent)| *parent == entity) else {
            return Vec::new();
        };
        (self.fields.iter())
            .filter(|((e, _, field), _)| e == kind && field == entity)
            .filter(|(_, state)| {
                (state.shown().into_iter().next())
                    .is_some_and(|op| op.value == FieldValue::Text(record.as_str().to_owned()))
            })
            .map(|((_, child, _), _)| (*kind, child))
            .collect()
    }

    /// [`Replica::children_of`] for every parent at once, in one pass over the fields: keyed by
    /// the parent's (entity, id). A caller asking for many parents uses this, since each
    /// `children_of` scans every field.
    pub fn children_by_parent(&self) -> BTreeMap<(&'static str, &str), Vec<(&str, &RecordId)>> {
        let mut by_parent: BTreeMap<_, Vec<_>> = BTreeMap::new();
        for ((entity, child, field), state) in &self.fields {
            let Some(&(kind, parent)) = (CHILDREN.iter()).find(|(k, p)| entity == k && field == p)
            else {
                continue;
            };
            if let Some(FieldValue::Text(id)) = state.shown().first().map(|op| &op.value) {
                by_parent
                    .entry((parent, id.as_str()))
                    .or_default()
                    .push((kind, child));
            }
        }
        by_parent
    }

    /// Every record held deleted, as (entity, id), in a stable order.
    pub fn deleted(&self) -> Vec<(&str, &RecordId)> {
        (self.fields.iter())
            .filter(|((_, _, field), state)| {
                field == DELETED
                    && (state.shown().first()).is_some_and(|op| op.value == FieldValue::Bool(true))
            })
            .map(|((entity, record, _), _)| (entity.as_str(), record))
            .collect()
    }

    /// Every live record, as (entity, id, fields), in a stable order.
    pub fn records(&self) -> Vec<(String, RecordId, Fields)> {
        let all: Vec<(&FieldKey, &FieldState)> = self.fields.iter().collect();
        let mut out = Vec::new();
        // Fields are sorted by (entity, record, field): each record's fields are one run.
        for group in all.chunk_by(|((e1, r1, _), _), ((e2, r2, _), _)| e1 == e2 && r1 == r2) {
            let ((entity, record, _), _) = group[0];
            if let Some(fields) = Self::live(group.iter().copied()) {
                out.push((entity.clone(), record.clone(), fields));
            }
        }
        out
    }

    /// Makes a local change: an op that supersedes every value of the field this replica
    /// knows (so restoring a conflict resolves it everywhere), merged here at once.
    #[allow(clippy::too_many_arguments)]
    pub fn write(
        &mut self,
        actor: &RecordId,
        device: &RecordId,
        entity: &str,
        record: &RecordId,
        field: &str,
        value: FieldValue,
        now: Millis,
        id: RecordId,
    ) -> Op {
        let op = self.draft(actor, device, entity, record, field, value, now, id);
        self.apply(op.clone(), now);
        op
    }

    /// Like [`Replica::write`], without merging the op: for storing it durably first and
    /// merging it only once it is stored.
    #[allow(clippy::too_many_arguments)]
    pub fn draft(
        &mut self,
        actor: &RecordId,
        device: &RecordId,
        entity: &str,
        record: &RecordId,
        field: &str,
        value: FieldValue,
        now: Millis,
        id: RecordId,
    ) -> Op {
        // Every head, a settlement outranked by another included: what was written here was
        // written after both.
        let mut supersedes: Vec<RecordId> = self
            .field(entity, record, field)
            .map(FieldState::heads)
            .unwrap_or_default()
            .into_iter()
            .flat_map(|op| {
                // A stand-in's op is held by whoever reads it whole: it is replaced too, or
                // they would read it beside this value as a conflict.
                let stood_for = (op.id.as_str())
                    .strip_prefix(WITHHELD_PREFIX)
                    .and_then(|id| id.strip_prefix('-'))
                    .and_then(|id| RecordId::parse(id).ok());
                std::iter::once(op.id.clone()).chain(stood_for)
            })
            .collect();
        let mut op = Op {
            id,
            actor: actor.clone(),
            device: device.clone(),
            hlc: self.clock.tick(now),
            entity: entity.to_owned(),
            record: record.clone(),
            field: field.to_owned(),
            value,
            supersedes: Vec::new(),
        };
        if op.lists_what_it_saw() {
            // What the delete saw of the record's other fields and of its children's (they
            // leave view with it): per device, a high-water mark and the id of the value at it,
            // so a reader waits for that value before telling anything. The deleter's own
            // devices first, should a record have been written on more devices than fit.
            let children = self.children_of(entity, record);
            let others: Vec<&Op> = self
                .record_fields(entity, record)
                .chain((children.iter()).flat_map(|&(kind, child)| self.record_fields(kind, child)))
                .filter(|((_, _, f), _)| f != DELETED)
                .flat_map(|(_, state)| state.heads())
                .collect();
            let mut highest: BTreeMap<&RecordId, &Op> = BTreeMap::new();
            for seen in &others {
                let top = highest.entry(&seen.device).or_insert(seen);
                if seen.hlc > top.hlc {
                    *top = seen;
                }
            }
            let mut tops: Vec<&Op> = highest.into_values().collect();
            let key = |top: &Op| (&top.actor != actor, &top.device != device);
            sort_ops(&mut tops, &|a, b| key(a).cmp(&key(b)));
            for top in tops {
                let entries = match seen_mark(&top.device, top.hlc) {
                    Some(mark) => vec![mark, top.id.clone()],
                    // A device id too long for a mark: its values one by one.
                    None => (others.iter())
                        .filter(|seen| seen.device == top.device)
                        .map(|seen| seen.id.clone())
                        .collect(),
                };
                if supersedes.len() + entries.len() <= SUPERSEDES_MAX {
                    supersedes.extend(entries);
                }
            }
        }
        op.supersedes = supersedes;
        op
    }

    /// Lets go of every field of the records `records` names, as if their ops had never
    /// arrived, so nothing of them stays in memory. The ids of their heads are forgotten too,
    /// so the host re-sending the record's standing values (when it is shown to the reader
    /// again) brings it back whole; the ids of values already superseded stay known, so a
    /// replaced value re-sent (its writer's own) is refused rather than shown as a conflict
    /// its superseding value, absent meanwhile, no longer hides.
    pub fn forget(&mut self, records: &[(String, RecordId)]) {
        let doomed: Vec<FieldKey> = (self.fields.keys())
            .filter(|(e, r, _)| {
                records
                    .iter()
                    .any(|(entity, record)| entity == e && record == r)
            })
            .cloned()
            .collect();
        for key in doomed {
            if let Some(state) = self.fields.remove(&key) {
                // Who held a side is sent again whole with the record (`KEPT_WHOLE`).
                let whole = KEPT_WHOLE.contains(&(key.0.as_str(), key.2.as_str()));
                let gone = if whole {
                    state.ops.iter().collect()
                } else {
                    state.heads()
                };
                for op in gone {
                    self.known.remove(&op.id);
                }
            }
        }
    }

    /// The records (kind, id) of which an op held replaces one never taken in: the rest of
    /// them is still to come (a device that kept only its unsent edits at a sign-out, say),
    /// so one that cannot be read yet is not one stored wrong. Listed once per field awaited.
    pub fn awaited_records(&self) -> Vec<(&str, &RecordId)> {
        (self.fields.iter())
            .filter(|(_, state)| {
                (state.superseded.iter())
                    .any(|id| !self.known.contains(id) && read_seen_mark(id).is_none())
            })
            .map(|((entity, record, _), _)| (entity.as_str(), record))
            .collect()
    }

    /// What the fold still needs: restoring it and then merging any ops gives the same state
    /// as folding every op this replica took in together with them.
    /// A change to what it keeps must bump the widget's `SNAPSHOT_FORMAT` (src/edges/store.rs):
    /// an older snapshot lists as known the ops it did not keep, so they would never come back.
    pub fn compact(&self) -> Compacted {
        let mut heads = Vec::new();
        let mut awaited = Vec::new();
        for ((entity, record, field), state) in &self.fields {
            let mut field_heads = state.heads();
            if KEPT_WHOLE.contains(&(entity.as_str(), field.as_str())) {
                field_heads = state.ops.iter().collect();
                sort_ops(&mut field_heads, &newest_first);
            }
            field_heads.reverse();
            heads.extend(field_heads.into_iter().cloned());
            // A superseded op already taken in is dropped for good: `known` refuses it again.
            let missing: Vec<RecordId> = state
                .superseded
                .iter()
                .filter(|id| !self.known.contains(*id) && read_seen_mark(id).is_none())
                .cloned()
                .collect();
            if !missing.is_empty() {
                awaited.push(Awaited {
                    entity: entity.clone(),
                    record: record.clone(),
                    field: field.clone(),
                    ops: missing,
                });
            }
        }
        Compacted {
            clock: self.clock.last(),
            known: self.known.iter().cloned().collect(),
            heads,
            awaited,
        }
    }

    /// A replica from what [`Replica::compact`] kept. The clock takes in the stored reading
    /// like any remote one (never further than a day ahead of `now`).
    pub fn restore(compacted: Compacted, now: Millis) -> Replica {
        let mut replica = Replica::new();
        for op in compacted.heads {
            replica.apply(op, now);
        }
        for awaited in compacted.awaited {
            let key = (awaited.entity, awaited.record, awaited.field);
            let state = replica.fields.entry(key).or_default();
            state.superseded.extend(awaited.ops);
        }
        replica.known.extend(compacted.known);
        replica.clock.observe(compacted.clock, now);
        replica
    }

    /// Every op, in the order they sort by clock (for sending, or for a new device). After
    /// [`Replica::restore`], only the heads: superseded ops were compacted away.
    pub fn ops(&self) -> Vec<&Op> {
        let mut all: Vec<&Op> = self.fields.values().flat_map(|f| f.ops.iter()).collect();
        sort_ops(&mut all, &|a, b| a.order().cmp(&b.order()));
        all
    }
}
