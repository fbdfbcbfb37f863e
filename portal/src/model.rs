//! What the portal knows of the records its ops describe: enough to decide, with the core's
//! permission rules, who may read and write each record.
//!
//! The portal folds ops per field by the core's rule (`merge::shown`: the ops no op of the
//! field supersedes, the greatest by (hlc, device, op id) of those) — the value every device
//! shows — and rebuilds domain records with the core's projection, so access is decided by
//! `mentoring_core::permissions`, exactly as in the widget.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use mentoring_core::health::check_started_on;
use mentoring_core::merge::{self, withheld_op_id, Hlc, HlcClock, Op, SUPERSEDES_MAX};
use mentoring_core::permissions::{
    access, before_joining, withdrawn_when_deleted, Access, Record, SideOp, Viewer, Written,
    AGREEMENT_FIELDS,
};
use mentoring_core::projection::{
    admin_changes_from, changes_from, FieldValue, Fields, Unreadable, ACTION, MILESTONE,
};
use mentoring_core::record::{ADMIN_ENTITIES, ENTITIES};
use mentoring_core::relationship::{
    check_mentor_has_place, check_not_doubled, check_one_role, check_pair_takes_part,
    check_programme_open, check_start, transition, Side,
};
use mentoring_core::reminders::marks_ended_unstarted;
use mentoring_core::session::PairEnded;
use mentoring_core::{
    check_change, AdminChange, Change, Enrolment, Lifecycle, MatchingPreferences, Millis,
    Programme, RecordContext, RecordId, Refusal, Relationship, Rule, Session,
};
use serde_json::Value;

use crate::ops::WireOp;
use crate::rules::RulesContext;

/// Fields that decide who may see a record. When one changes, the record's history (less the
/// values replaced before the change) is offered again to whoever can now see it (see
/// `Model::visible_since`).
const AUDIENCE_FIELDS: &[&str] = &[
    "owner",
    "relationship",
    "mentor",
    "mentee",
    "programme",
    "giver",
    "receiver",
    "visibility",
    "shared",
    "author",
    "partner",
    "goal",
    "session",
    // Programme administration records.
    "admins",
    "state",
    "person",
    "to",
    "about",
    "by",
];

/// The name of the field that marks a record deleted.
pub const DELETED_FIELD: &str = "deleted";

/// The `device` of the ops the portal writes itself (docs/adapter.md).
pub const PORTAL_DEVICE: &str = mentoring_core::merge::HOST_DEVICE;
/// How the ids of the ops the portal writes itself begin; no pushed op's may.
pub const PORTAL_OP_PREFIX: &str = mentoring_core::merge::HOST_OP_PREFIX;

/// The fields of a relationship that name who is in the pair: the op that took a pair from
/// someone names who took their place, so they get a stand-in for it (`Model::as_read_by`).
const PAIR_FIELDS: [&str; 2] = ["mentor", "mentee"];

/// An op's place in the order every device folds by: (hlc, device, op id).
type OrderKey = (String, String, String);

/// One field's ops that may still stand, folded as every device folds them (`merge::shown`):
/// a value someone saw and replaced (`supersedes`) never stands again, whatever the clocks
/// say, so only the heads are kept, with every id said to be superseded (its op may come
/// later). The portal stores no stand-in (`withheld-…` pushes are refused), so dropping
/// replaced ops loses nothing the rule asks of them.
#[derive(Default, Clone)]
struct FieldFold {
    heads: Vec<Op>,
    /// The order key and value of each of `heads`, at the same place.
    wire: Vec<(OrderKey, Value)>,
    superseded: BTreeSet<RecordId>,
}

impl FieldFold {
    fn add(&mut self, op: &WireOp) {
        // An op the core cannot read (stored before its clock was checked) stands nowhere.
        let Some(core) = core_op(op) else {
            return;
        };
        if self.heads.iter().any(|held| held.id == core.id) {
            return;
        }
        // Heads fall only to what this op supersedes: a field of many concurrent values (ops
        // that name nothing they replaced) is not walked again for each.
        if !core.supersedes.is_empty() {
            (self.superseded).extend(core.supersedes.iter().filter(|s| **s != core.id).cloned());
            let superseded = &self.superseded;
            let mut n = 0;
            self.wire.retain(|_| {
                n += 1;
                !superseded.contains(&self.heads[n - 1].id)
            });
            self.heads.retain(|head| !superseded.contains(&head.id));
        }
        if !self.superseded.contains(&core.id) {
            self.heads.push(core);
            self.wire.push((order_key(op), op.value.clone()));
        }
    }

    /// The (order key, value) of the op whose value the field shows.
    fn winner(&self) -> Option<(OrderKey, Value)> {
        let winner = merge::shown(&self.heads, &self.superseded)
            .into_iter()
            .next()?;
        let at = self.heads.iter().position(|op| std::ptr::eq(op, winner))?;
        Some(self.wire[at].clone())
    }
}

/// `ops` (of one record) folded field by field: each field's (order key, value) that stands.
fn fold<'a>(ops: impl IntoIterator<Item = &'a WireOp>) -> BTreeMap<String, (OrderKey, Value)> {
    let mut folds: BTreeMap<&str, FieldFold> = BTreeMap::new();
    for op in ops {
        folds.entry(op.field.as_str()).or_default().add(op);
    }
    (folds.into_iter())
        .filter_map(|(field, fold)| Some((field.to_owned(), fold.winner()?)))
        .collect()
}

fn order_key(op: &WireOp) -> OrderKey {
    (op.hlc.clone(), op.device.clone(), op.id.clone())
}

/// `op` as the core reads it, or `None` when a part of it is not what the adapter allows.
fn core_op(op: &WireOp) -> Option<Op> {
    crate::ops::as_core_op(op).ok()
}

#[derive(Default)]
struct RecordState {
    /// field → (order key, value) of the op that stands (`FieldFold::winner`).
    fields: BTreeMap<String, (OrderKey, Value)>,
    /// field → the ops of it that may still stand.
    folds: BTreeMap<String, FieldFold>,
    /// Sequence numbers of every op of this record.
    seqs: Vec<i64>,
    /// The latest sequence number that changed an audience field.
    audience_seq: i64,
}

/// Why a record may not stand as a push would leave it.
#[derive(Clone, Debug, PartialEq)]
pub enum Broken {
    /// It would break a domain rule: the rule and its message.
    Rule(Refusal),
    /// Its fields would not make a record (one missing or malformed): which and why.
    Unreadable(String),
}

/// Why a relationship's lifecycle may not go from `before`'s to `change`'s
/// (`relationship::transition`), if it changed.
fn lifecycle_refused(change: &Change, before: Option<&Change>) -> Option<Refusal> {
    match (change, before) {
        (Change::Relationship(r), Some(Change::Relationship(old)))
            if old.lifecycle != r.lifecycle =>
        {
            transition(&old.lifecycle, r.lifecycle.clone()).err()
        }
        _ => None,
    }
}

/// The relationship a record belongs to, if any.
fn relationship_id(change: &Change) -> Option<RecordId> {
    match change {
        Change::Goal(g) => g.relationship.clone(),
        Change::Session(s) => Some(s.relationship.clone()),
        Change::Feedback(f) => Some(f.relationship.clone()),
        Change::Learning(l) => Some(l.relationship.clone()),
        Change::Relationship(_) | Change::PrivateNote(_) | Change::MatchingPreferences(_) => None,
    }
}

/// What `pairing_refused` reads, once per set of pending ops.
struct PairingContext {
    /// Every relationship as the pending ops leave it.
    relationships: Vec<Relationship>,
    enrolments: Vec<Enrolment>,
    /// The relationships the pending ops touch, in the order of their first op, each as
    /// stored (`None`: new, or stored deleted).
    pushed: Vec<(RecordId, Option<Relationship>)>,
    /// Whether each relationship pushed keeps every rule (`rule_broken`), as it is asked.
    kept: RefCell<HashMap<RecordId, bool>>,
}

#[derive(Default)]
pub struct Model {
    ops: BTreeMap<i64, WireOp>,
    records: BTreeMap<(String, String), RecordState>,
    /// (child entity, parent id) → child ids, for milestones and action items.
    children: BTreeMap<(&'static str, String), Vec<String>>,
    /// Ops of a push being checked, seen by `fields` as if applied.
    pending: Vec<WireOp>,
    /// Op id → its sequence number.
    op_ids: std::collections::HashMap<String, i64>,
    /// Sessions whose pair cannot be recorded (`partners_to_record`), already said in the
    /// log: each push that names one would say it again.
    unrecordable: std::collections::BTreeSet<String>,
    /// Every relationship and enrolment as `pending` leaves them, read once per set of pending
    /// ops for `pairing_refused`: a run published into a host holding many relationships
    /// would otherwise project every one of them again for each pair it makes.
    pairing_context: OnceCell<PairingContext>,
    /// Each record's fields as `pending` leaves them, folded once per set of pending ops: a
    /// push of many concurrent ops to one field would otherwise fold its heads and every op
    /// of the push again for each op judged (docs/performance.md).
    pending_fields: RefCell<HashMap<(String, String), Option<Fields>>>,
}

pub fn field_value(value: &Value) -> FieldValue {
    match value {
        Value::Bool(b) => FieldValue::Bool(*b),
        Value::Number(n) => n.as_i64().map_or(FieldValue::Null, FieldValue::Int),
        Value::String(s) => FieldValue::Text(s.clone()),
        Value::Array(items) => FieldValue::List(
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect(),
        ),
        Value::Null | Value::Object(_) => FieldValue::Null,
    }
}

impl Model {
    pub fn apply(&mut self, seq: i64, op: WireOp) {
        self.pairing_context = OnceCell::new();
        self.pending_fields.get_mut().clear();
        let state = self
            .records
            .entry((op.entity.clone(), op.record.clone()))
            .or_default();
        let before = state.fields.get(&op.field).cloned();
        let fold = state.folds.entry(op.field.clone()).or_default();
        fold.add(&op);
        let after = fold.winner();
        if after.as_ref().map(|(key, _)| key) != before.as_ref().map(|(key, _)| key) {
            // A session's pair recorded where it had none (`partners_to_record`) only narrows
            // who reads it, from whoever the pair is now to the pair it was logged with:
            // nobody newly sees it, so its history is not offered again (to every session's
            // pair on the start that records them).
            let narrows = op.entity == "session"
                && op.field == "partner"
                && before.as_ref().is_none_or(|(_, value)| value.is_null());
            match after {
                Some(winner) => state.fields.insert(op.field.clone(), winner),
                None => state.fields.remove(&op.field),
            };
            if Self::decides_audience_of(&op.entity, &op.field) && !narrows {
                state.audience_seq = state.audience_seq.max(seq);
            }
        }
        state.seqs.push(seq);
        for (kind, parent_field) in [(MILESTONE, "goal"), (ACTION, "session")] {
            if op.entity == kind && op.field == parent_field {
                if let Some(parent) = op.value.as_str() {
                    let list = self.children.entry((kind, parent.to_owned())).or_default();
                    if !list.contains(&op.record) {
                        list.push(op.record.clone());
                    }
                }
            }
        }
        self.op_ids.insert(op.id.clone(), seq);
        self.ops.insert(seq, op);
    }

    fn fields(&self, entity: &str, record: &str) -> Option<Fields> {
        self.fields_with(entity, record, &self.pending)
    }

    /// A record's fields as the stored ops and `pending` describe it; `None` when it does not
    /// exist or is deleted.
    fn fields_with(&self, entity: &str, record: &str, pending: &[WireOp]) -> Option<Fields> {
        if pending.is_empty() || !std::ptr::eq(pending, self.pending.as_slice()) {
            return self.folded_with(entity, record, pending);
        }
        let key = (entity.to_owned(), record.to_owned());
        if let Some(fields) = self.pending_fields.borrow().get(&key) {
            return fields.clone();
        }
        let fields = self.folded_with(entity, record, pending);
        (self.pending_fields.borrow_mut()).insert(key, fields.clone());
        fields
    }

    /// `fields_with`, folded anew.
    fn folded_with(&self, entity: &str, record: &str, pending: &[WireOp]) -> Option<Fields> {
        let stored = self.records.get(&(entity.to_owned(), record.to_owned()));
        let pending: Vec<&WireOp> = pending
            .iter()
            .filter(|op| op.entity == entity && op.record == record)
            .collect();
        if stored.is_none() && pending.is_empty() {
            return None;
        }
        let mut winners: BTreeMap<String, (OrderKey, Value)> =
            stored.map(|s| s.fields.clone()).unwrap_or_default();
        let mut touched: BTreeMap<&str, FieldFold> = BTreeMap::new();
        for op in pending {
            let fold = touched.entry(op.field.as_str()).or_insert_with(|| {
                (stored.and_then(|s| s.folds.get(&op.field)).cloned()).unwrap_or_default()
            });
            fold.add(op);
        }
        for (field, fold) in touched {
            match fold.winner() {
                Some(winner) => winners.insert(field.to_owned(), winner),
                None => winners.remove(field),
            };
        }
        let fields: Fields = winners
            .into_iter()
            .map(|(name, (_, value))| (name, field_value(&value)))
            .collect();
        (fields.get(DELETED_FIELD) != Some(&FieldValue::Bool(true))).then_some(fields)
    }

    /// Answers as if `ops` were applied too (for checking a push before storing it).
    pub fn with_pending(&mut self, ops: Vec<WireOp>) {
        self.pending = ops;
        self.pairing_context = OnceCell::new();
        self.pending_fields.get_mut().clear();
    }

    /// The domain record (with its children) as the ops so far describe it.
    pub fn project(&self, entity: &str, record: &str) -> Option<Change> {
        self.projected(entity, record, &self.pending).ok().flatten()
    }

    /// The domain record as the pending ops leave it, judged as `judged_pending` says: one
    /// stored deleted is read with its deletion set aside.
    pub fn project_judged(&self, entity: &str, record: &str) -> Option<Change> {
        (self.projected(entity, record, &self.judged_pending(entity, record)))
            .ok()
            .flatten()
    }

    /// The record as stored, as if it were not deleted: a delete, or bringing a record back,
    /// is judged on what the record says.
    pub fn project_undeleted(&self, entity: &str, record: &str) -> Option<Change> {
        (self.projected(entity, record, &[undeleted(entity, record)]))
            .ok()
            .flatten()
    }

    /// The domain record as the stored ops and `pending` describe it (`None` when there is
    /// none), or why it cannot be read.
    fn projected(
        &self,
        entity: &str,
        record: &str,
        pending: &[WireOp],
    ) -> Result<Option<Change>, Unreadable> {
        let (Ok(id), Some(fields)) = (
            RecordId::parse(record),
            self.fields_with(entity, record, pending),
        ) else {
            return Ok(None);
        };
        let child_kind = match entity {
            "goal" => Some((MILESTONE, "goal")),
            "session" => Some((ACTION, "session")),
            _ => None,
        };
        let mut children: Vec<(&'static str, RecordId, Fields)> = Vec::new();
        if let Some((kind, parent_field)) = child_kind {
            // The index lists every record that ever named this parent, pending ops may name
            // more; the projection keeps only those whose parent field still does.
            let stored = self.children.get(&(kind, record.to_owned()));
            let named = pending.iter().filter(|op| {
                op.entity == kind && op.field == parent_field && op.value.as_str() == Some(record)
            });
            let mut ids: Vec<&str> = stored.into_iter().flatten().map(String::as_str).collect();
            ids.extend(named.map(|op| op.record.as_str()));
            ids.sort_unstable();
            ids.dedup();
            for child in ids {
                if let (Ok(child_id), Some(f)) = (
                    RecordId::parse(child),
                    self.fields_with(kind, child, pending),
                ) {
                    children.push((kind, child_id, f));
                }
            }
        }
        let entity_static = ENTITIES.into_iter().find(|e| *e == entity);
        let Some(entity_static) = entity_static else {
            return Ok(None);
        };
        let all = std::iter::once((entity_static, &id, &fields))
            .chain(children.iter().map(|(k, i, f)| (*k, i, f)));
        let mut projection = changes_from(all);
        match (projection.changes.pop(), projection.unreadable.pop()) {
            (None, Some(unreadable)) => Err(unreadable),
            (change, _) => Ok(change),
        }
    }

    /// The record whose rules a change to (`entity`, `record`) answers to, as it would stand
    /// with the pending ops: a milestone's goal, an action item's session, else the record.
    pub fn judged_record(&self, entity: &str, record: &str) -> (String, String) {
        let parent = match entity {
            MILESTONE => Some(("goal", "goal")),
            ACTION => Some(("session", "session")),
            _ => None,
        };
        if let Some((parent_entity, field)) = parent {
            if let Some(FieldValue::Text(id)) = self
                .fields(entity, record)
                .and_then(|f| f.get(field).cloned())
            {
                return (parent_entity.to_owned(), id);
            }
        }
        (entity.to_owned(), record.to_owned())
    }

    /// The domain rule a record would break with the pending ops applied, if any. A record
    /// that already broke a rule as stored (kept from before the rule, or the directory
    /// changed since) is not held to the record's rules, so its owner can still mend it; a
    /// step of a relationship's lifecycle or a new pair is still held to its own
    /// (`lifecycle_refused`, `pairing_refused`).
    pub fn rule_broken(&self, entity: &str, record: &str, rules: &RulesContext) -> Option<Broken> {
        if let Some(reason) = self.empty_partner(entity, record) {
            return Some(Broken::Unreadable(reason));
        }
        let change = match self.projected(entity, record, &self.judged_pending(entity, record)) {
            Ok(change) => change?,
            Err(Unreadable {
                refusal: Some(refusal),
                ..
            }) => return Some(Broken::Rule(refusal)),
            Err(unreadable) => return Some(Broken::Unreadable(unreadable.reason)),
        };
        // A record stored deleted is judged on what it held: bringing it back is no new record.
        let before = (self.projected(entity, record, &[]).ok().flatten())
            .or_else(|| self.project_undeleted(entity, record));
        let relationships: Vec<Relationship> = [&change]
            .into_iter()
            .chain(before.as_ref())
            .filter_map(relationship_id)
            .filter_map(|id| self.relationship(&id))
            .collect();
        // The HR directory's programmes and those set up through ops (admin.rs), as the
        // push would leave them.
        let programmes: Vec<Programme> = rules
            .programmes
            .iter()
            .cloned()
            .chain(
                self.admin_records("programme")
                    .into_iter()
                    .filter_map(|c| match c {
                        AdminChange::Programme(p) => Some(p),
                        _ => None,
                    }),
            )
            .collect();
        let ended: Vec<(RecordId, PairEnded)> = (relationships.iter())
            .filter(|r| r.lifecycle.is_over())
            .filter_map(|r| Some((r.id.clone(), self.ended_at(&r.id)?)))
            .collect();
        // The session feedback is about, as the push would leave it.
        let linked = match &change {
            Change::Feedback(f) => f.session.as_ref(),
            _ => None,
        };
        let sessions: Vec<Session> = (linked.into_iter())
            .filter_map(|id| {
                let pending = self.judged_pending("session", id.as_str());
                match self.projected("session", id.as_str(), &pending) {
                    Ok(Some(Change::Session(s))) => Some(s),
                    _ => None,
                }
            })
            .collect();
        let context = RecordContext {
            relationships: &relationships,
            programmes: &programmes,
            directory: &rules.directory,
            today: rules.today,
            ended: &ended,
            sessions: &sessions,
        };
        let pairing = || self.pairing_refused(&change, before.as_ref(), &programmes, rules);
        let refusal = check_change(&change, before.as_ref(), context).err();
        // Judged as the record it is (not as a new one, which "nothing new once a relationship
        // is over" would refuse, and so waive every rule for what an ended relationship holds).
        let already_broken = before
            .as_ref()
            .is_some_and(|b| check_change(b, Some(b), context).is_err());
        if !already_broken {
            return refusal.or_else(pairing).map(Broken::Rule);
        }
        // A step of its lifecycle or a new pair still answers to its own rule, as the
        // admins' device asks it (a start: `check_start`, the coach's credential included):
        // what the record broke as stored waives only the rules it already broke.
        lifecycle_refused(&change, before.as_ref())
            .or_else(pairing)
            .map(Broken::Rule)
    }

    /// Why a relationship made, or given a new mentor or mentee, by the pending ops is in a
    /// programme that is not open (`check_programme_open`: a draft or closed), or pairs
    /// someone its programme would not count as taking part
    /// (`relationship::check_pair_takes_part`, which `propose` asks in the widget): each among
    /// who may join while the programme takes its people from the directory, else on its
    /// enrolment list in their role (not a mentor who declined, nor a mentee who left); or
    /// doubles a pairing under way (`check_not_doubled`: two devices publishing one run); or
    /// gives its mentor more mentees than their places (`check_mentor_has_place`, asked too
    /// of a proposal started). A relationship as it stood is not asked again: who may join
    /// may have changed since.
    /// Whether `r` is made by the pending ops of its own mentee (a request for a mentor), as
    /// against an admins' pairing: only that asks `check_one_role`.
    fn made_by_its_mentee(&self, r: &Relationship, before: Option<&Change>) -> bool {
        before.is_none()
            && (self.pending.iter())
                .filter(|op| op.entity == "relationship" && op.record == r.id.as_str())
                .any(|op| op.actor == r.mentee.as_str())
    }

    fn pairing_refused(
        &self,
        change: &Change,
        before: Option<&Change>,
        programmes: &[Programme],
        rules: &RulesContext,
    ) -> Option<Refusal> {
        let Change::Relationship(r) = change else {
            return None;
        };
        // One that is over pairs nobody any more (published, then re-matched, offline).
        if r.lifecycle.is_over() {
            return None;
        }
        let same_pair = matches!(before, Some(Change::Relationship(old))
            if old.mentor == r.mentor && old.mentee == r.mentee && old.programme == r.programme);
        // A proposal started commits one of its mentor's places.
        let started = matches!(before, Some(Change::Relationship(old))
            if old.lifecycle == Lifecycle::Proposed && r.lifecycle != Lifecycle::Proposed);
        if same_pair && !started {
            return None;
        }
        let programme = programmes.iter().find(|p| p.id == r.programme)?;
        let context = self.pairing_context.get_or_init(|| {
            // Most are untouched by the push: read those without looking through its ops.
            let mut pushed: Vec<(RecordId, Option<Relationship>)> = Vec::new();
            for op in self.pending.iter().filter(|op| op.entity == "relationship") {
                if let Ok(id) = RecordId::parse(&op.record) {
                    if !pushed.iter().any(|(p, _)| *p == id) {
                        let stored = self.relationship_in(&id, &[]);
                        pushed.push((id, stored));
                    }
                }
            }
            let relationships = (self.ids_of("relationship").iter())
                .filter_map(|id| {
                    let id = RecordId::parse(id).ok()?;
                    let pending = if pushed.iter().any(|(p, _)| *p == id) {
                        self.pending.as_slice()
                    } else {
                        &[]
                    };
                    self.relationship_in(&id, pending)
                })
                .collect();
            let enrolments = (self.admin_records("enrolment").into_iter())
                .filter_map(|c| match c {
                    AdminChange::Enrolment(e) => Some(e),
                    _ => None,
                })
                .collect();
            PairingContext {
                relationships,
                enrolments,
                pushed,
                kept: RefCell::default(),
            }
        });
        let enrolments = &context.enrolments;
        let existing = self.pairs_before(context, r, rules);
        let existing = &existing;
        // A start is judged as the admins' device judged it (`check_start`), dated the day
        // its first lifecycle op pending was written (`check_started_on`).
        let place = if started {
            let written = (self.pending.iter())
                .filter(|op| op.entity == "relationship" && op.record == r.id.as_str())
                .filter(|op| op.field == "lifecycle")
                .filter_map(|op| Hlc::decode(&op.hlc).ok())
                .map(|hlc| Millis(hlc.wall))
                .min();
            (written.and_then(|at| check_started_on(r, at).err()))
                .or_else(|| check_start(r, programme, &rules.directory, existing, enrolments))
        } else {
            check_mentor_has_place(r, programme, &rules.directory, existing, enrolments)
        };
        if same_pair {
            return place;
        }
        (check_programme_open(programme).into_iter())
            .chain(check_pair_takes_part(
                r,
                programme,
                &rules.directory,
                enrolments,
                mentoring_core::relationship::KnownEnrolments::All,
                rules.today,
            ))
            .chain(check_not_doubled(r, programme, &rules.directory, existing))
            .chain(
                self.made_by_its_mentee(r, before)
                    .then(|| check_one_role(r, programme, &rules.directory, existing))
                    .flatten(),
            )
            .chain(place)
            .map(|refusal| match refusal.rule {
                // The pair under way may be in a programme the pusher does not administer (a
                // confidential coaching engagement, say): not named to them.
                Rule::PairUnderWay => Refusal {
                    message: "This pair cannot be made now; the programmes' admins can say why."
                        .to_owned(),
                    args: Vec::new(),
                    ..refusal
                },
                _ => refusal,
            })
            .next()
    }

    /// The relationships `r`, made or changed by the pending ops, is judged among: those the
    /// push does not touch as they stand; those it touches before `r` (by their first op) as
    /// it leaves them when they keep every rule, else as stored; those after `r`, as stored.
    /// So the relationships of a push are judged one at a time, in order, each counting only
    /// those already accepted: two proposals for a mentor's last places do not refuse each
    /// other, the first takes one. Only those that bear on `r` are read: its mentee's, its
    /// mentor's in its programme, and those its mentee mentors there (one role per programme,
    /// `Rule::OtherRoleInProgramme`).
    fn pairs_before(
        &self,
        context: &PairingContext,
        r: &Relationship,
        rules: &RulesContext,
    ) -> Vec<Relationship> {
        let bears = |x: &Relationship| {
            x.id != r.id
                && (x.mentee == r.mentee
                    || (x.programme == r.programme
                        && (x.mentor == r.mentor || x.mentor == r.mentee)))
        };
        let pushed_at = |id: &RecordId| context.pushed.iter().position(|(p, _)| p == id);
        let at = pushed_at(&r.id).unwrap_or(context.pushed.len());
        let taken = |id: &RecordId, i: usize| i < at && self.kept_in_push(context, id, rules);
        let mut before: Vec<Relationship> = (context.relationships.iter())
            .filter(|x| bears(x))
            .filter(|x| pushed_at(&x.id).is_none_or(|i| taken(&x.id, i)))
            .cloned()
            .collect();
        for (i, (id, stored)) in context.pushed.iter().enumerate() {
            if let Some(stored) = stored.as_ref().filter(|s| bears(s) && !taken(id, i)) {
                before.push(stored.clone());
            }
        }
        before
    }

    /// Whether relationship `id`, which the pending ops touch, keeps every rule with them
    /// (`rule_broken`), asked once per set of pending ops.
    fn kept_in_push(&self, context: &PairingContext, id: &RecordId, rules: &RulesContext) -> bool {
        if let Some(kept) = context.kept.borrow().get(id) {
            return *kept;
        }
        let kept = self.rule_broken(ENTITIES[0], id.as_str(), rules).is_none();
        context.kept.borrow_mut().insert(id.clone(), kept);
        kept
    }

    /// Why the pending ops' `partner` of session `record` is refused, if it is not a person's
    /// id. The core reads an empty one as a session stored before the field, whose pair the
    /// portal records (`partners_to_record`); pushed, it would stand against that record
    /// (clocked later, it would outrank it), and the session would pass to whoever replaces
    /// one of its pair. A session that never had the field is the one the portal records.
    fn empty_partner(&self, entity: &str, record: &str) -> Option<String> {
        let op = self.pending.iter().find(|op| {
            entity == "session"
                && op.entity == entity
                && op.record == record
                && op.field == "partner"
        })?;
        let is_id = op
            .value
            .as_str()
            .is_some_and(|id| RecordId::parse(id).is_ok());
        (!is_id).then(|| {
            format!(
                "session {record}'s partner {} is not a person's id; send the id of the \
                 author's partner in the relationship, or leave the field out and the host \
                 records it",
                op.value
            )
        })
    }

    /// The programme-administration record (programme, enrolment…) as the ops describe it.
    pub fn project_admin(&self, entity: &str, record: &str) -> Option<AdminChange> {
        self.project_admin_in(entity, record, &self.pending)
    }

    fn project_admin_in(
        &self,
        entity: &str,
        record: &str,
        pending: &[WireOp],
    ) -> Option<AdminChange> {
        let id = RecordId::parse(record).ok()?;
        let fields = self.fields_with(entity, record, pending)?;
        let entity = ADMIN_ENTITIES.into_iter().find(|e| *e == entity)?;
        admin_changes_from([(entity, &id, &fields)])
            .changes
            .into_iter()
            .next()
    }

    /// The ids of every record of `entity`, stored or pending.
    fn ids_of(&self, entity: &str) -> Vec<String> {
        let mut ids: Vec<String> = self
            .records
            .keys()
            .filter(|(e, _)| e == entity)
            .map(|(_, id)| id.clone())
            .chain(
                self.pending
                    .iter()
                    .filter(|op| op.entity == entity)
                    .map(|op| op.record.clone()),
            )
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// For each of `programmes`, the mentors whose places in it are all taken
    /// (`relationship::mentors_without_place`), which the directory tells `reader` where they
    /// may ask for a mentor: their devices hold no one else's pairs to count. Nobody else is
    /// told: who is full says whose places are taken, a confidential coaching engagement,
    /// say, in a programme the reader has no part in. The pairs and enrolments are read once
    /// for all of them.
    pub fn mentors_without_place(
        &self,
        programmes: &[Programme],
        reader: &mentoring_core::Person,
        today: mentoring_core::Date,
    ) -> BTreeMap<RecordId, Vec<RecordId>> {
        use mentoring_core::enrolment::{check_takes_part, mentors_only};
        use mentoring_core::EnrolledAs;
        let enrolments: Vec<Enrolment> = (self.admin_records("enrolment").into_iter())
            .filter_map(|c| match c {
                AdminChange::Enrolment(e) => Some(e),
                _ => None,
            })
            .collect();
        // As `taking_part` names a list's mentors: only in a programme taking new pairs, to
        // someone admitted there or enrolled as a mentee (one only invited is not yet).
        let may_ask = |p: &Programme| {
            p.takes_new_pairs()
                && check_takes_part(p, reader, EnrolledAs::Mentee, &enrolments, today).is_ok()
                && !mentors_only(p, reader, &enrolments, today)
        };
        let asked: Vec<&Programme> = programmes.iter().filter(|p| may_ask(p)).collect();
        if asked.is_empty() {
            return BTreeMap::new();
        }
        let relationships: Vec<Relationship> = (self.ids_of("relationship").iter())
            .filter_map(|id| self.relationship_in(&RecordId::parse(id).ok()?, &[]))
            .collect();
        (asked.into_iter())
            .map(|programme| {
                let full = mentoring_core::relationship::mentors_without_place(
                    programme,
                    &relationships,
                    &enrolments,
                );
                (programme.id.clone(), full)
            })
            .collect()
    }

    /// The programmes set up through ops, as stored.
    pub fn set_up_programmes(&self) -> Vec<Programme> {
        (self.admin_records("programme").into_iter())
            .filter_map(|c| match c {
                AdminChange::Programme(p) => Some(p),
                _ => None,
            })
            .collect()
    }

    /// For each of `programmes` that is open and keeps an enrolment list, who takes part in
    /// it as a mentor or coach (enrolled: `enrolment::taking_part`; one invited has not said yes), which the
    /// directory tells `reader` (`takingPart`): their device holds no one else's enrolments,
    /// so could not otherwise leave out of Find a mentor a mentor the host would refuse as not
    /// enrolled. The mentors are named only where the reader may ask for one (on its list as
    /// a mentee, not a mentor only); anyone else reads only that it keeps a list. Nobody's
    /// place as a mentee is named: the reader's own is on their device already.
    pub fn taking_part(
        &self,
        programmes: &[Programme],
        reader: &mentoring_core::Person,
        today: mentoring_core::Date,
    ) -> Vec<(RecordId, Vec<RecordId>)> {
        use mentoring_core::enrolment::{
            check_takes_part, mentors_only, takes_from_directory, taking_part,
        };
        use mentoring_core::EnrolledAs;
        let enrolments: Vec<Enrolment> = (self.admin_records("enrolment").into_iter())
            .filter_map(|c| match c {
                AdminChange::Enrolment(e) => Some(e),
                _ => None,
            })
            .collect();
        (programmes.iter())
            .filter(|p| p.takes_new_pairs() && !takes_from_directory(&enrolments, &p.id))
            .map(|p| {
                let may_ask = check_takes_part(p, reader, EnrolledAs::Mentee, &enrolments, today)
                    .is_ok()
                    && !mentors_only(p, reader, &enrolments, today);
                let mut mentors: Vec<RecordId> = (taking_part(&enrolments, &p.id))
                    .filter(|e| may_ask && e.role.is_mentor())
                    .map(|e| e.person.clone())
                    .collect();
                mentors.sort();
                mentors.dedup();
                (p.id.clone(), mentors)
            })
            .collect()
    }

    /// The mentors Find a mentor could offer `asker` in any of `programmes`
    /// (`matching::mentors_offered`, with every pair and enrolment the portal holds): the only
    /// ones it tells them meet a preference of theirs.
    pub fn mentors_offered(
        &self,
        programmes: &[Programme],
        directory: &mentoring_core::Directory,
        asker: &RecordId,
        today: mentoring_core::Date,
    ) -> BTreeSet<RecordId> {
        let enrolments: Vec<Enrolment> = (self.admin_records("enrolment").into_iter())
            .filter_map(|c| match c {
                AdminChange::Enrolment(e) => Some(e),
                _ => None,
            })
            .collect();
        let relationships: Vec<Relationship> = (self.ids_of("relationship").iter())
            .filter_map(|id| self.relationship_in(&RecordId::parse(id).ok()?, &[]))
            .collect();
        (programmes.iter())
            .flat_map(|programme| {
                mentoring_core::matching::mentors_offered(
                    programme,
                    directory,
                    asker,
                    &relationships,
                    &enrolments,
                    today,
                )
            })
            .collect()
    }

    /// Every readable programme-administration record of `entity`.
    pub fn admin_records(&self, entity: &str) -> Vec<AdminChange> {
        self.ids_of(entity)
            .iter()
            .filter_map(|id| self.project_admin(entity, id))
            .collect()
    }

    /// The relationships whose lifecycle write that stands ended them before they started,
    /// read by the core's rule (`reminders::marks_ended_unstarted`) as a device reads its own
    /// log: a declined or withdrawn proposal is not counted as a pairing ended early.
    pub fn ended_unstarted(&self) -> BTreeSet<RecordId> {
        (self.records.iter())
            .filter(|((entity, _), _)| entity == ENTITIES[0])
            .filter(|(_, state)| {
                let alone = state
                    .folds
                    .get("lifecycle")
                    .is_some_and(|f| f.heads.len() == 1);
                (state.fields.get("lifecycle"))
                    .is_some_and(|((_, _, op_id), _)| marks_ended_unstarted(op_id, alone))
            })
            .filter_map(|((_, id), _)| RecordId::parse(id).ok())
            .collect()
    }

    /// When relationship `id`'s lifecycle write that stands with the pending ops was made, by
    /// its clock, and its UTC day: for one that is over, when it ended, after which none of its
    /// sessions is moved (`session::check_session_date`), the pending ops' end included.
    fn ended_at(&self, id: &RecordId) -> Option<PairEnded> {
        let key = (ENTITIES[0].to_owned(), id.as_str().to_owned());
        let mut fold = (self.records.get(&key))
            .and_then(|state| state.folds.get("lifecycle").cloned())
            .unwrap_or_default();
        (self.pending.iter())
            .filter(|op| op.entity == ENTITIES[0] && op.record == id.as_str())
            .filter(|op| op.field == "lifecycle")
            .for_each(|op| fold.add(op));
        let ((hlc, _, _), _) = fold.winner()?;
        let at = Millis(Hlc::decode(&hlc).ok()?.wall);
        Some(PairEnded {
            at,
            on: at.utc_date(),
        })
    }

    /// When each relationship's lifecycle write that stands was made, by its clock: for one
    /// that is over, when it ended (`ProgrammeRecords::ended_on`).
    pub fn lifecycle_written(&self) -> BTreeMap<RecordId, Millis> {
        (self.records.iter())
            .filter(|((entity, _), _)| entity == ENTITIES[0])
            .filter_map(|((_, id), state)| {
                let ((hlc, _, _), _) = state.fields.get("lifecycle")?;
                let wall = Hlc::decode(hlc).ok()?.wall;
                Some((RecordId::parse(id).ok()?, Millis(wall)))
            })
            .collect()
    }

    /// When each relationship whose mentor or mentee its admins replaced was re-paired, by the
    /// clock of the pair write that stands (`ProgrammeRecords::paired_on`): a side whose
    /// standing value replaced someone else's, as a participant's device reads it
    /// (`reminders::pairing_log`).
    pub fn repaired_at(&self) -> BTreeMap<RecordId, Millis> {
        (self.records.iter())
            .filter(|((entity, _), _)| entity == ENTITIES[0])
            .filter_map(|((_, id), state)| {
                let replaced = |field: &str| {
                    let ((hlc, _, _), value) = state.fields.get(field)?;
                    let before = (state.seqs.iter())
                        .map(|seq| &self.ops[seq])
                        .any(|earlier| {
                            earlier.field == field && earlier.value != *value && earlier.hlc < *hlc
                        });
                    before.then(|| Hlc::decode(hlc).ok().map(|h| h.wall))?
                };
                let wall = PAIR_FIELDS.iter().filter_map(|f| replaced(f)).max()?;
                Some((RecordId::parse(id).ok()?, Millis(wall)))
            })
            .collect()
    }

    /// Every readable participant record (relationships, goals, sessions…), for figures the
    /// host computes with the core.
    pub fn changes(&self) -> Vec<Change> {
        ENTITIES
            .into_iter()
            .flat_map(|entity| {
                self.ids_of(entity)
                    .into_iter()
                    .filter_map(move |id| self.project(entity, &id))
            })
            .collect()
    }

    /// `person`'s own matching preferences, as stored (kept under their id).
    pub fn matching_preferences(&self, person: &str) -> Option<MatchingPreferences> {
        match self.project(ENTITIES[6], person)? {
            Change::MatchingPreferences(p) if p.owner.as_str() == person => Some(p),
            _ => None,
        }
    }

    /// A programme set up through ops.
    pub fn programme(&self, id: &str) -> Option<Programme> {
        match self.project_admin("programme", id)? {
            AdminChange::Programme(p) => Some(p),
            _ => None,
        }
    }

    /// Programmes set up through ops that `person` administers.
    pub fn programmes_administered_by(&self, person: &RecordId) -> Vec<RecordId> {
        self.admin_records("programme")
            .into_iter()
            .filter_map(|c| match c {
                AdminChange::Programme(p) if p.is_admin(person) => Some(p.id),
                _ => None,
            })
            .collect()
    }

    pub fn relationship(&self, id: &RecordId) -> Option<Relationship> {
        self.relationship_in(id, &self.pending)
    }

    fn relationship_in(&self, id: &RecordId, pending: &[WireOp]) -> Option<Relationship> {
        match self
            .projected("relationship", id.as_str(), pending)
            .ok()
            .flatten()?
        {
            Change::Relationship(r) => Some(r),
            _ => None,
        }
    }

    /// The access `viewer` has to a record as it stands; children take their parent's.
    pub fn access(&self, viewer: Viewer<'_>, entity: &str, record: &str) -> Access {
        self.access_in(viewer, entity, record, &self.pending)
    }

    /// Access to a record as the stored ops and `pending` describe it.
    fn access_in(
        &self,
        viewer: Viewer<'_>,
        entity: &str,
        record: &str,
        pending: &[WireOp],
    ) -> Access {
        let parent_of = |field: &str| {
            self.fields_with(entity, record, pending)
                .and_then(|f| match f.get(field) {
                    Some(FieldValue::Text(parent)) => Some(parent.clone()),
                    _ => None,
                })
        };
        match entity {
            MILESTONE => parent_of("goal").map_or(Access::None, |g| {
                self.access_in(viewer, "goal", &g, pending)
            }),
            ACTION => parent_of("session").map_or(Access::None, |s| {
                self.access_in(viewer, "session", &s, pending)
            }),
            _ if ADMIN_ENTITIES.contains(&entity) => {
                match self.project_admin_in(entity, record, pending) {
                    None => Access::None,
                    Some(change) => admin_access(viewer, &change),
                }
            }
            _ => match self.projected(entity, record, pending).ok().flatten() {
                None => Access::None,
                Some(change) => self.access_to(viewer, &change, pending),
            },
        }
    }

    fn access_to(&self, viewer: Viewer<'_>, change: &Change, pending: &[WireOp]) -> Access {
        let relationship = |id: &RecordId| self.relationship_in(id, pending);
        match change {
            Change::Relationship(r) => access(viewer, Record::Relationship(r)),
            Change::Goal(g) => {
                let relationship = g.relationship.as_ref().and_then(relationship);
                match access(viewer, Record::Goal(g, relationship.as_ref())) {
                    // Set in the pair before they joined it: set with someone else.
                    Access::Read
                        if relationship.as_ref().is_some_and(|r| {
                            (self.written_at("goal", g.id.as_str(), "relationship", pending))
                                .is_some_and(|linked| {
                                    self.before_joining(viewer.person, r, linked, pending)
                                })
                        }) =>
                    {
                        Access::None
                    }
                    access => access,
                }
            }
            Change::Session(s) => relationship(&s.relationship)
                .map_or(Access::None, |r| access(viewer, Record::Session(s, &r))),
            Change::PrivateNote(n) => access(viewer, Record::PrivateNote(n)),
            Change::Feedback(f) => relationship(&f.relationship)
                .map_or(Access::None, |r| access(viewer, Record::Feedback(f, &r))),
            Change::Learning(l) => relationship(&l.relationship).map_or(Access::None, |r| {
                match access(viewer, Record::Learning(l, &r)) {
                    // Shared before they joined the pair: shared with someone else.
                    Access::Read
                        if (self.written_at("learning", l.id.as_str(), "shared", pending))
                            .is_some_and(|shared| {
                                self.before_joining(viewer.person, &r, shared, pending)
                            }) =>
                    {
                        Access::None
                    }
                    access => access,
                }
            }),
            Change::MatchingPreferences(p) => access(viewer, Record::MatchingPreferences(p)),
        }
    }

    /// When the standing value of a record's field was written, as the stored ops and
    /// `pending` leave it: its clock and where the log stored it (one pending, at its end).
    fn written_at(
        &self,
        entity: &str,
        record: &str,
        field: &str,
        pending: &[WireOp],
    ) -> Option<Written> {
        let ((hlc, _, id), _) = self.standing(entity, record, field, pending)?;
        Some(Written {
            at: Hlc::decode(&hlc).ok()?,
            stored: Some(self.op_ids.get(&id).copied().unwrap_or(i64::MAX)),
        })
    }

    /// The (order key, value) of the op that stands in a record's field, as the stored ops and
    /// `pending` leave it.
    fn standing(
        &self,
        entity: &str,
        record: &str,
        field: &str,
        pending: &[WireOp],
    ) -> Option<(OrderKey, Value)> {
        let stored = self.records.get(&(entity.to_owned(), record.to_owned()));
        let mut pending = (pending.iter())
            .filter(|op| op.entity == entity && op.record == record && op.field == field)
            .peekable();
        if pending.peek().is_none() {
            return stored.and_then(|state| state.fields.get(field)).cloned();
        }
        let mut fold =
            (stored.and_then(|state| state.folds.get(field)).cloned()).unwrap_or_default();
        for op in pending {
            fold.add(op);
        }
        fold.winner()
    }

    /// Whether `written` came while someone else held `person`'s side of the pair of `r`
    /// (`permissions::before_joining`), from every op of their side, stored and `pending` (at
    /// the log's end), each with where the log stored it.
    fn before_joining(
        &self,
        person: &RecordId,
        r: &Relationship,
        written: Written,
        pending: &[WireOp],
    ) -> bool {
        let side = match r.side_of(person) {
            Some(Side::Mentor) => "mentor",
            Some(Side::Mentee) => "mentee",
            None => return false,
        };
        let stored = (self
            .records
            .get(&("relationship".to_owned(), r.id.to_string())))
        .into_iter()
        .flat_map(|state| state.seqs.iter().map(|seq| (*seq, &self.ops[seq])));
        let held: Vec<SideOp> = (stored.chain(pending.iter().map(|op| (i64::MAX, op))))
            .filter(|(_, op)| {
                op.entity == "relationship" && op.record == r.id.as_str() && op.field == side
            })
            .filter_map(|(seq, op)| {
                Some(SideOp {
                    at: Hlc::decode(&op.hlc).ok()?,
                    stored: Some(seq),
                    names_them: op.value.as_str() == Some(person.as_str()),
                    // The host holds every op of the side: its first is the making,
                    // whatever it says it replaced.
                    replaced: false,
                })
            })
            .collect();
        before_joining(written, &held)
    }

    /// Whether `viewer` may write the record as stored, the ops being checked left out; a
    /// record not stored yet is theirs to create.
    pub fn writable_as_stored(&mut self, viewer: Viewer<'_>, entity: &str, record: &str) -> bool {
        self.as_stored(|model| {
            !model.exists(entity, record) || model.access(viewer, entity, record) == Access::Write
        })
    }

    /// `query`'s answer on the records as stored, the ops being checked set aside for it and
    /// put back after, not copied: a push asks this for each of its ops.
    pub fn as_stored<T>(&mut self, query: impl FnOnce(&Model) -> T) -> T {
        let pending = std::mem::take(&mut self.pending);
        let pairing_context = std::mem::take(&mut self.pairing_context);
        let answer = query(self);
        self.pending = pending;
        self.pairing_context = pairing_context;
        answer
    }

    /// Whether `viewer` may write the record with its deletion set aside, as stored or (with
    /// `pending`) as the ops being checked leave it. A deleted record no longer says whose it
    /// is, yet whoever may write it may delete it or bring it back, as with any other field.
    pub fn writable_undeleted(
        &self,
        viewer: Viewer<'_>,
        entity: &str,
        record: &str,
        pending: bool,
    ) -> bool {
        if pending {
            self.access_undeleted(viewer, entity, record, &self.pending) == Access::Write
        } else {
            !self.exists(entity, record)
                || self.access_undeleted(viewer, entity, record, &[]) == Access::Write
        }
    }

    /// Access to a record as if it were not deleted, with `pending` ops applied.
    fn access_undeleted(
        &self,
        viewer: Viewer<'_>,
        entity: &str,
        record: &str,
        pending: &[WireOp],
    ) -> Access {
        let mut judged = pending.to_vec();
        judged.push(undeleted(entity, record));
        // A milestone or action item leaves view with its goal or session, not deleted
        // itself: it is judged with its parent's deletion set aside too.
        if let Some((parent_entity, parent)) = self.parent_in(entity, record, &judged) {
            judged.push(undeleted(parent_entity, &parent));
        }
        self.access_in(viewer, entity, record, &judged)
    }

    /// The goal of a milestone or the session of an action item, as the stored ops and
    /// `pending` name it.
    fn parent_in(
        &self,
        entity: &str,
        record: &str,
        pending: &[WireOp],
    ) -> Option<(&'static str, String)> {
        let parent_entity = match entity {
            MILESTONE => "goal",
            ACTION => "session",
            _ => return None,
        };
        match self
            .fields_with(entity, record, pending)?
            .get(parent_entity)
        {
            Some(FieldValue::Text(parent)) => Some((parent_entity, parent.clone())),
            _ => None,
        }
    }

    /// Whether the record is a milestone or action item whose goal or session is stored
    /// deleted (the ops being checked name the parent of one not stored yet): it left view
    /// with it, and a change to it is kept for when the parent is brought back.
    pub fn parent_deleted_as_stored(&self, entity: &str, record: &str) -> bool {
        self.parent_in(entity, record, &self.pending)
            .is_some_and(|(parent_entity, parent)| self.deleted_as_stored(parent_entity, &parent))
    }

    /// The sequence number of the latest op stored (0 before any).
    pub fn head(&self) -> i64 {
        self.ops.keys().next_back().copied().unwrap_or(0)
    }

    /// The op stored at sequence number `seq`.
    pub fn op_at(&self, seq: i64) -> Option<&WireOp> {
        self.ops.get(&seq)
    }

    /// The op stored under `id`.
    pub fn op(&self, id: &str) -> Option<&WireOp> {
        self.op_ids.get(id).and_then(|seq| self.ops.get(seq))
    }

    /// The programme of a relationship as stored, the ops being checked left out; a deleted
    /// one's too, so its admins may bring it back.
    pub fn relationship_programme_as_stored(&self, record: &str) -> Option<RecordId> {
        RecordId::parse(record)
            .ok()
            .and_then(|id| self.relationship_undeleted(&id))
            .map(|r| r.programme)
    }

    /// A relationship as stored, the ops being checked left out and a deletion set aside: what
    /// it held.
    pub fn relationship_undeleted(&self, id: &RecordId) -> Option<Relationship> {
        self.relationship_in(id, &[undeleted("relationship", id.as_str())])
    }

    /// A relationship as the ops being checked leave it, judged as `judged_pending` says.
    pub fn relationship_judged(&self, id: &RecordId) -> Option<Relationship> {
        self.relationship_in(id, &self.judged_pending("relationship", id.as_str()))
    }

    /// The pending ops a record is judged with: for one stored deleted that they leave deleted
    /// (a change made where the delete had not reached, kept for when it is brought back),
    /// with the deletion set aside, so the change is held to the record's rules now. Bringing
    /// the record back is judged as no new record, against what it holds by then.
    fn judged_pending(&self, entity: &str, record: &str) -> std::borrow::Cow<'_, [WireOp]> {
        if !self.deleted_as_stored(entity, record) || self.fields(entity, record).is_some() {
            return std::borrow::Cow::Borrowed(&self.pending);
        }
        let mut ops = self.pending.clone();
        ops.push(undeleted(entity, record));
        std::borrow::Cow::Owned(ops)
    }

    /// Whether `field` decides who may read its record (`AUDIENCE_FIELDS`).
    pub fn decides_audience(field: &str) -> bool {
        AUDIENCE_FIELDS.contains(&field)
    }

    /// Whether a record of `entity`'s `field` decides who may read it: an audience field, or
    /// the deletion of a record deleting withdraws from all but its writer
    /// (`permissions::withdrawn_when_deleted`).
    fn decides_audience_of(entity: &str, field: &str) -> bool {
        Self::decides_audience(field)
            || field == DELETED_FIELD && withdrawn_when_deleted(entity).is_some()
    }

    /// Whether the record as stored, the ops being checked left out, holds `value` in `field`.
    pub fn holds_as_stored(&self, entity: &str, record: &str, field: &str, value: &Value) -> bool {
        self.records
            .get(&(entity.to_owned(), record.to_owned()))
            .and_then(|state| state.fields.get(field))
            .is_some_and(|(_, stored)| stored == value)
    }

    /// Whether the record is stored deleted (the ops being checked left out).
    pub fn deleted_as_stored(&self, entity: &str, record: &str) -> bool {
        self.exists(entity, record) && self.fields_with(entity, record, &[]).is_none()
    }

    pub fn exists(&self, entity: &str, record: &str) -> bool {
        self.records
            .contains_key(&(entity.to_owned(), record.to_owned()))
    }

    /// The ids of every stored session.
    pub fn session_ids(&self) -> Vec<String> {
        self.records
            .keys()
            .filter(|(entity, _)| entity == "session")
            .map(|(_, id)| id.clone())
            .collect()
    }

    /// For each of `sessions` stored without `partner` (by a widget from before the field, or
    /// before the portal recorded it), the op that records it: the author's partner in the
    /// relationship when the session was logged (`partner_when_logged`). Without it the
    /// core counts the session as logged with whoever the pair is now
    /// (`Session::logged_with`), so a partner an admin puts in later would receive it.
    ///
    /// The op is an ordinary one, relayed by pull: `actor` is the session's author (whose
    /// record it completes), `device` is [`PORTAL_DEVICE`], its id is [`PORTAL_OP_PREFIX`]
    /// and the session's id ([`partner_op_id`]), its clock just after the session's latest
    /// op, and it supersedes every `partner` op of the session (a `null`), so every device
    /// shows it without a conflict.
    pub fn partners_to_record(&mut self, sessions: &[String]) -> Vec<WireOp> {
        let mut ops = Vec::new();
        let mut unrecordable = Vec::new();
        for record in sessions {
            let Some(state) = self.records.get(&("session".to_owned(), record.clone())) else {
                continue;
            };
            // Most sessions have theirs: asked before the session is rebuilt, at each start.
            if state
                .fields
                .get("partner")
                .is_some_and(|(_, v)| v.is_string())
            {
                continue;
            }
            // A deleted session can be brought back, so it is recorded too.
            let session = match self.projected("session", record, &[undeleted("session", record)]) {
                Ok(Some(Change::Session(session))) if session.partner.is_none() => session,
                _ => continue,
            };
            let Some(partner) = self.partner_when_logged(&session, state) else {
                if !self.unrecordable.contains(record) {
                    eprintln!(
                        "portal: session {record} was never logged by one of its \
                         relationship's pair; its partner is left unrecorded"
                    );
                    unrecordable.push(record.clone());
                }
                continue;
            };
            let ops_of_session = || state.seqs.iter().filter_map(|seq| self.ops.get(seq));
            let mut clock = HlcClock::default();
            for op in ops_of_session() {
                if let Ok(hlc) = Hlc::decode(&op.hlc) {
                    clock.observe(hlc, Millis(i64::MAX));
                }
            }
            let mut supersedes: Vec<String> = ops_of_session()
                .filter(|op| op.field == "partner")
                .map(|op| op.id.clone())
                .collect();
            supersedes.truncate(64);
            ops.push(WireOp {
                id: partner_op_id(record),
                actor: session.author.to_string(),
                device: PORTAL_DEVICE.to_owned(),
                hlc: clock.tick(Millis(0)).encode(),
                entity: "session".to_owned(),
                record: record.clone(),
                field: "partner".to_owned(),
                value: Value::String(partner.to_string()),
                supersedes,
            });
        }
        self.unrecordable.extend(unrecordable);
        ops
    }

    /// The ids of every stored relationship.
    pub fn relationship_ids(&self) -> Vec<String> {
        self.ids_of("relationship")
    }

    /// For each of `relationships` (not deleted), the ops of the notice to write each person
    /// its admins took off its pair and who is not back in it (entity `taken-off`,
    /// `reminders::TakenOffNotice`): who they were paired with just before and when, so every
    /// device of theirs tells them, whether it ever held the relationship or not. Nothing of
    /// who took their place. The pair is followed through the relationship's `mentor` and
    /// `mentee` ops in log order, one save (one actor at one wall time) at a time, so a save
    /// that replaces both sides names each one's partner as it stood before it.
    ///
    /// Like the pair a session is recorded with (`partners_to_record`), the ops are ordinary
    /// ones written by [`PORTAL_DEVICE`], relayed by pull (to that person alone,
    /// `permissions::Record::TakenOffNotice`), named by what they say ([`portal_id`]) so the
    /// same change always gives the same ops, and written once: the record is named by the
    /// relationship and the person, a later taking off rewrites it, clocked just after the
    /// save that took them off. The last save that re-paired a side empties the agreement
    /// for the new pair too (`agreement_reset`).
    pub fn taken_off_to_tell(&self, relationships: &[String]) -> Vec<WireOp> {
        let mut ops = Vec::new();
        for record in relationships {
            let key = ("relationship".to_owned(), record.clone());
            let Some(state) = self.records.get(&key) else {
                continue;
            };
            let Some(fields) = self.fields_with("relationship", record, &[]) else {
                ops.extend(self.notices_deleted(record, state));
                continue;
            };
            let Some(FieldValue::Text(programme)) = fields.get("programme") else {
                continue;
            };
            let sides = state
                .seqs
                .iter()
                .filter_map(|seq| self.ops.get(seq))
                .filter(|op| op.field == "mentor" || op.field == "mentee");
            let mut winners: BTreeMap<&str, FieldFold> = BTreeMap::new();
            let pair = |winners: &BTreeMap<&str, FieldFold>| {
                ["mentor", "mentee"].map(|side| {
                    let (_, who) = winners.get(side)?.winner()?;
                    who.as_str().map(str::to_owned)
                })
            };
            let mut before: [Option<String>; 2] = [None, None];
            // Who left, with their partner then and the last op of the save that took them off.
            let mut left: BTreeMap<String, (String, &WireOp)> = BTreeMap::new();
            // The last op of each save that re-paired a side, and whether the mentee's.
            let mut resets: Vec<(&WireOp, bool)> = Vec::new();
            let mut sides = sides.peekable();
            while let Some(op) = sides.next() {
                winners.entry(op.field.as_str()).or_default().add(op);
                let wall = |op: &WireOp| Hlc::decode(&op.hlc).map(|h| h.wall).ok();
                let same_save = sides
                    .peek()
                    .is_some_and(|next| next.actor == op.actor && wall(next) == wall(op));
                if same_save {
                    continue;
                }
                let after = pair(&winners);
                let mentee_changed = before[1].is_some() && after[1] != before[1];
                if mentee_changed || (before[0].is_some() && after[0] != before[0]) {
                    resets.push((op, mentee_changed));
                }
                for (side, other) in [(0, 1), (1, 0)] {
                    let (Some(gone), Some(partner)) = (&before[side], &before[other]) else {
                        continue;
                    };
                    if !after.contains(&Some(gone.clone())) {
                        left.insert(gone.clone(), (partner.clone(), op));
                    }
                }
                for back in after.iter().flatten() {
                    left.remove(back);
                }
                before = after;
            }
            // The last re-pairing's reset supersedes what stood, earlier resets included: one
            // per call, so two written together never stand side by side as a conflict.
            if let Some((save, _)) = resets.last() {
                let mentee = resets.iter().any(|(_, mentee)| *mentee);
                ops.extend(self.agreement_reset(record, state, save, mentee));
            }
            for (person, (partner, save)) in left {
                let Ok(at) = Hlc::decode(&save.hlc) else {
                    continue;
                };
                let notice = portal_id("taken", &[record, &person]);
                let mut clock = HlcClock::default();
                clock.observe(at, Millis(i64::MAX));
                let hlc = clock.tick(Millis(0)).encode();
                let earlier = (self.records.get(&(TAKEN_OFF.to_owned(), notice.clone())))
                    .map(|state| state.seqs.as_slice())
                    .unwrap_or_default();
                let values = [
                    ("person", Value::String(person.clone())),
                    ("relationship", Value::String(record.clone())),
                    ("programme", Value::String(programme.clone())),
                    ("partner", Value::String(partner)),
                    ("at", Value::from(at.wall)),
                ];
                for (field, value) in values {
                    let id = portal_id("taken", &[&notice, field, &save.id]);
                    if self.op(&id).is_some() {
                        continue;
                    }
                    let mut supersedes: Vec<String> = (earlier.iter())
                        .filter_map(|seq| self.ops.get(seq))
                        .filter(|op| op.field == field)
                        .map(|op| op.id.clone())
                        .collect();
                    supersedes.truncate(64);
                    ops.push(WireOp {
                        id,
                        // Not who re-paired them: an admin who put themselves in the pair
                        // would be named (the stand-in hides them too, `as_read_by`).
                        actor: record.clone(),
                        device: PORTAL_DEVICE.to_owned(),
                        hlc: hlc.clone(),
                        entity: TAKEN_OFF.to_owned(),
                        record: notice.clone(),
                        field: field.to_owned(),
                        value,
                        supersedes,
                    });
                }
            }
        }
        ops
    }

    /// The ops that empty the agreement of relationship `record` (stored as `state`) after
    /// `save`, the last op of a save that re-paired it: its purpose and ground rules, and its
    /// target role, the mentee's aim, when `mentee` changed. Written in the portal's name,
    /// clocked just after the save and superseding what stood (and the newcomer's stand-ins
    /// for it), so the pair's devices hold the same empty agreement, as a new pair's, and
    /// agreements to the old text are stale. A field whose standing value was stored after the
    /// save is left alone, whatever its clock: only a re-pairing the portal did not empty the
    /// agreement with (from before it did) has one, and whoever stayed reads it.
    fn agreement_reset(
        &self,
        record: &str,
        state: &RecordState,
        save: &WireOp,
        mentee: bool,
    ) -> Vec<WireOp> {
        let Ok(at) = Hlc::decode(&save.hlc) else {
            return Vec::new();
        };
        let mut clock = HlcClock::default();
        clock.observe(at, Millis(i64::MAX));
        let hlc = clock.tick(Millis(0)).encode();
        let fields: &[(&str, Value)] = &[
            ("purpose", Value::String(String::new())),
            ("ground-rules", Value::String(String::new())),
            ("target-role", Value::Null),
        ];
        let mut ops = Vec::new();
        for (field, value) in &fields[..if mentee { 3 } else { 2 }] {
            let id = portal_id("agreement", &[record, field, &save.id]);
            // Since by the log's order: a value clocked later from a device whose clock runs
            // ahead, stored before the save, was the pair's as it was. One stored after it
            // stands where the portal did not empty the field with the save (a re-pairing from
            // before it did): whoever stayed wrote it and reads it, whatever the clocks (the
            // admins' may run ahead), and the newcomer is withheld it if it came before them
            // by clock (`before_joining`).
            let saved = self.op_ids.get(&save.id).copied().unwrap_or(i64::MAX);
            let written_since = (state.fields.get(*field))
                .is_some_and(|((_, _, id), _)| self.op_ids.get(id).is_some_and(|seq| *seq > saved));
            if self.op(&id).is_some() || written_since {
                continue;
            }
            let of_field: Vec<&WireOp> = (state.seqs.iter())
                .filter_map(|seq| self.ops.get(seq))
                .filter(|op| op.field == *field)
                .collect();
            let mut supersedes: Vec<String> = (of_field.iter())
                .filter(|op| !of_field.iter().any(|o| o.supersedes.contains(&op.id)))
                .flat_map(|op| [op.id.clone(), withheld_op_id(&op.id)])
                .collect();
            supersedes.truncate(64);
            ops.push(WireOp {
                id,
                actor: record.to_owned(),
                device: PORTAL_DEVICE.to_owned(),
                hlc: hlc.clone(),
                entity: "relationship".to_owned(),
                record: record.to_owned(),
                field: (*field).to_owned(),
                value: value.clone(),
                supersedes,
            });
        }
        ops
    }

    /// The deletion of each notice about relationship `record` (`taken_off_to_tell`), stored
    /// deleted as `state`: what made it made in error, or erased on request, the notices go
    /// with it. As with its sessions, bringing it back does not bring them back.
    fn notices_deleted(&self, record: &str, state: &RecordState) -> Vec<WireOp> {
        let Some(((hlc, _, by), _)) = state.fields.get(DELETED_FIELD) else {
            return Vec::new();
        };
        if self.op(by).is_none() {
            return Vec::new();
        }
        let about = Value::String(record.to_owned());
        let mut ops = Vec::new();
        for ((entity, notice), notice_state) in &self.records {
            let live =
                notice_state.fields.get(DELETED_FIELD).map(|(_, v)| v) != Some(&Value::Bool(true));
            if entity != TAKEN_OFF
                || notice_state.fields.get("relationship").map(|(_, v)| v) != Some(&about)
                || !live
            {
                continue;
            }
            let id = portal_id("taken", &[notice, DELETED_FIELD]);
            if self.op(&id).is_some() {
                continue;
            }
            let mut clock = HlcClock::default();
            let clocks =
                std::iter::once(hlc).chain(notice_state.fields.values().map(|((h, _, _), _)| h));
            for seen in clocks.filter_map(|h| Hlc::decode(h).ok()) {
                clock.observe(seen, Millis(i64::MAX));
            }
            ops.push(WireOp {
                id,
                // As the notice was written: naming nobody of the pair.
                actor: record.to_owned(),
                device: PORTAL_DEVICE.to_owned(),
                hlc: clock.tick(Millis(0)).encode(),
                entity: TAKEN_OFF.to_owned(),
                record: notice.clone(),
                field: DELETED_FIELD.to_owned(),
                value: Value::Bool(true),
                supersedes: Vec::new(),
            });
        }
        ops
    }

    /// The author's partner in `session`'s relationship when it was logged: the relationship
    /// folded from its ops that were both stored before the session's first op arrived and
    /// clocked at or before the session's earliest op. Either alone can name someone put in
    /// the pair after the session: a widget offline logs a session, the admins replace its
    /// partner, then the widget pushes (the log order names the replacement); or an admin's
    /// change clocked earlier reaches the portal after the session (the clocks name them). Of
    /// the two, the pair that stood first is kept, so a newcomer never gets the session.
    /// When the author was not one of the pair by then (a device's clock behind the admins',
    /// or the relationship came later in the same push), the relationship as the log stood
    /// when the session arrived, or at its first op after that which makes them one.
    fn partner_when_logged(&self, session: &Session, state: &RecordState) -> Option<RecordId> {
        let relationship = session.relationship.as_str();
        let rel_state = self
            .records
            .get(&("relationship".to_owned(), relationship.to_owned()))?;
        let first = *state.seqs.iter().min()?;
        let earliest = state
            .seqs
            .iter()
            .filter_map(|seq| self.ops.get(seq))
            .map(|op| op.hlc.as_str())
            .min()?;
        let logged_with = |keep: &dyn Fn(i64, &WireOp) -> bool| {
            self.relationship_where(relationship, keep)?
                .partner_of(&session.author)
                .cloned()
        };
        logged_with(&|seq, op| seq <= first && op.hlc.as_str() <= earliest).or_else(|| {
            std::iter::once(first)
                .chain(rel_state.seqs.iter().copied().filter(|s| *s > first))
                .find_map(|at| logged_with(&|seq, _| seq <= at))
        })
    }

    /// A relationship as its stored ops that `keep` keeps describe it (folded as every device
    /// folds them), deleted or not: who was paired then.
    fn relationship_where(
        &self,
        record: &str,
        keep: &dyn Fn(i64, &WireOp) -> bool,
    ) -> Option<Relationship> {
        let state = self
            .records
            .get(&("relationship".to_owned(), record.to_owned()))?;
        let kept = (state.seqs.iter())
            .filter_map(|s| self.ops.get(s).map(|op| (*s, op)))
            .filter(|(seq, op)| keep(*seq, op))
            .map(|(_, op)| op);
        let fields: Fields = fold(kept)
            .into_iter()
            .filter(|(name, _)| name != DELETED_FIELD)
            .map(|(name, (_, value))| (name, field_value(&value)))
            .collect();
        let id = RecordId::parse(record).ok()?;
        match changes_from([("relationship", &id, &fields)])
            .changes
            .pop()?
        {
            Change::Relationship(r) => Some(r),
            _ => None,
        }
    }

    /// The ops `viewer` may read after `since`: about `limit` of them in sequence order, the
    /// cursor to ask from next, and whether more wait. Access is decided by each record as it
    /// stands now; when an op changed who may see a record, the record's earlier ops (and
    /// those of its milestones or action items) come with it, so someone who can newly see a
    /// record gets it whole: every value that still stands, but no value replaced before that
    /// change (unless the viewer wrote it).
    ///
    /// Someone who could see a record and no longer can gets the op that took it from them,
    /// and no other (`took_it_from`), if their devices held the record; someone taken off a
    /// pair gets its relationship's deletion alone, which takes the sessions they kept
    /// (`deletion_told`), and, on the devices it reached, its restore (`restore_told`). Each
    /// page is decided as the log stands when it is served, so that depends on when the op was
    /// stored.
    /// `seen_head` is the log's last sequence number when the device's previous page was
    /// served (after a complete pull, its cursor). An op stored after it was unknown to every
    /// earlier page, which therefore sent the record as it stood, up to `since`; this page and
    /// every later one know it, so skip the record. Such an op is decided here, on the first
    /// page served after it was stored, even when it lies beyond this page's cursor: it comes
    /// early, and is not sent again when a later page reaches it. An op stored before
    /// `seen_head` was decided on an earlier page, so never here.
    pub fn visible_since<'a>(
        &'a self,
        viewer: Viewer<'_>,
        since: i64,
        seen_head: i64,
        limit: PageLimit,
    ) -> (Vec<(i64, &'a WireOp, bool)>, i64, bool) {
        let mut decided: BTreeMap<(&'a str, &'a str), bool> = BTreeMap::new();
        let mut newly_admitted: BTreeSet<&'a str> = BTreeSet::new();
        let mut page = Page::default();
        let mut cursor = since;
        // Whether an op of a record the viewer may not see took it from their devices: it was
        // stored since their previous page, and it took what they had pulled.
        let taken = |seq: i64, op: &WireOp| {
            seq > seen_head
                && (self.took_it_from(viewer, self.state(op), op, since, seen_head)
                    || self.restore_told(viewer, op, since, seen_head))
        };
        for (seq, op) in self.ops.range(since + 1..) {
            if page.is_full(limit) {
                // Ops stored since the previous page and beyond this one's cursor: this page
                // is the last to be decided without them.
                let late: Vec<(i64, &WireOp)> = self
                    .ops
                    .range(cursor.max(seen_head) + 1..)
                    .filter(|(seq, op)| {
                        (AUDIENCE_FIELDS.contains(&op.field.as_str()) || op.field == DELETED_FIELD)
                            && !self.sees(viewer, &mut decided, op)
                            && taken(**seq, op)
                    })
                    .map(|(seq, op)| (*seq, op))
                    .collect();
                for (seq, op) in late {
                    page.add(seq, op);
                }
                return (self.bodies(page), cursor, true);
            }
            cursor = *seq;
            let state = self.state(op);
            if !self.sees(viewer, &mut decided, op) {
                if taken(*seq, op) || self.deletion_told(viewer, op) {
                    page.add(*seq, op);
                }
                continue;
            }
            // A value replaced before the record last changed hands was written for its
            // audience then, not for whoever can see the record now: a note drafted privately
            // and rewritten before it was shared. Only its writer's devices still receive it.
            // A milestone or action item changes hands with its goal or session, and one
            // deleted before that never reached whoever sees it since: nothing of it does.
            let relayed = |record: &RecordState, audience: i64, seq: i64, op: &WireOp| {
                seq >= audience && self.clocked_since(audience, op)
                    || op.actor == viewer.person.as_str()
                    || ((record.fields.get(&op.field))
                        .is_some_and(|((_, _, winner), _)| *winner == op.id)
                        && !self.deleted_before(record, audience))
                    || self.of_their_stints(viewer.person, record, op)
            };
            let audience = self.audience_of(state, op);
            // Made one of a programme's admins, they get what its admins read of it that their
            // devices pulled past before (or let go of when taken off its admins), once a pull.
            let admitted =
                self.newly_admin(viewer, op, since) && newly_admitted.insert(op.record.as_str());
            let programme_records = if admitted {
                self.read_as_admin(viewer, &op.record)
            } else {
                Vec::new()
            };
            // Put back in a pair, they get again what was theirs in it (shared with them, a
            // partner's goal set with them), which their devices let go of when taken off.
            for record in (self.put_back_in(viewer, op).into_iter()).chain(programme_records) {
                for s in &record.seqs {
                    let earlier = &self.ops[s];
                    if *s <= since
                        && relayed(record, self.audience_of(record, earlier), *s, earlier)
                    {
                        page.add(*s, earlier);
                    }
                }
            }
            if state.audience_seq == *seq {
                // Its milestones or action items come with it: they are seen through it.
                let children = (self.children_of(op).into_iter())
                    .map(|child| (child, child.audience_seq.max(state.audience_seq)));
                for (record, audience) in std::iter::once((state, audience)).chain(children) {
                    for s in &record.seqs {
                        let earlier = &self.ops[s];
                        if *s <= since && relayed(record, audience, *s, earlier) {
                            page.add(*s, earlier);
                        }
                    }
                }
            }
            // A value withheld before (written while the record was private, or replaced before
            // it changed hands) may stand now that what outranked it is replaced by an op that
            // never saw it: the reader gets it, as they get any value that stands.
            let winner = (state.fields.get(&op.field))
                .and_then(|((_, _, id), _)| self.op_ids.get(id))
                .filter(|winner| **winner <= since);
            if let Some(winner) = winner {
                let standing = &self.ops[winner];
                if relayed(state, self.audience_of(state, standing), *winner, standing) {
                    page.add(*winner, standing);
                }
            }
            if relayed(state, audience, *seq, op) {
                page.add(*seq, op);
                continue;
            }
            // A value stored since the record last changed hands, withheld as clocked before
            // that (written on a device offline while the record was private), may replace one
            // the reader holds, the text it was shared with: they get its stand-in, which
            // hides what it replaced as it does on the host, if what it replaced may have
            // reached them (their devices pulled past it, or this page carries it). A value
            // stored before the change replaced nothing a reader newly given the record
            // holds, and its stand-in would tell them of a draft. Relationships are left out:
            // their stand-ins are `as_read_by`'s, of other content, and one op goes as one
            // stand-in only.
            let replaced_held = || {
                (op.supersedes.iter())
                    .filter_map(|id| self.op_ids.get(id))
                    .any(|s| *s <= since || page.seqs.contains(s))
            };
            if *seq >= audience && op.entity != ENTITIES[0] && replaced_held() {
                page.add_stand_in(*seq, op);
            }
        }
        (self.bodies(page), cursor, false)
    }

    /// The latest sequence number that changed who may see the record `op` is about: for a
    /// milestone or action item, its goal's or session's too, as it is seen through them.
    fn audience_of(&self, state: &RecordState, op: &WireOp) -> i64 {
        let parent = match op.entity.as_str() {
            MILESTONE => "goal",
            ACTION => "session",
            _ => return state.audience_seq,
        };
        let parent_state = (state.fields.get(parent)).and_then(|(_, id)| {
            self.records
                .get(&(parent.to_owned(), id.as_str()?.to_owned()))
        });
        state
            .audience_seq
            .max(parent_state.map_or(0, |p| p.audience_seq))
    }

    /// Whether `op` was written no earlier than the op stored at `audience` (the change that
    /// gave its record its audience) by clock: one stored after it but clocked before it was
    /// written while the record was another audience's (on a device offline while it was
    /// private, before it learnt of the change) and was meant for that audience.
    fn clocked_since(&self, audience: i64, op: &WireOp) -> bool {
        let Some(change) = self.ops.get(&audience) else {
            return true;
        };
        match (Hlc::decode(&op.hlc), Hlc::decode(&change.hlc)) {
            (Ok(written), Ok(changed)) => written >= changed,
            _ => false,
        }
    }

    /// Whether the record stands deleted by an op stored before `audience`: it was gone before
    /// it changed hands.
    fn deleted_before(&self, state: &RecordState, audience: i64) -> bool {
        (state.fields.get(DELETED_FIELD)).is_some_and(|((_, _, id), value)| {
            *value == Value::Bool(true) && self.op_ids.get(id).is_some_and(|seq| *seq < audience)
        })
    }

    /// Whether `op` is of `person`'s side of a relationship (`record`) from the first time it
    /// named them on: who held that side since, and when, is what a device judges what it
    /// keeps by (`permissions::before_joining`), so someone put back receives the whole of it,
    /// whoever else it named as a stand-in (`as_read_since_joining`).
    fn of_their_stints(&self, person: &RecordId, record: &RecordState, op: &WireOp) -> bool {
        let theirs = Value::String(person.to_string());
        op.entity == "relationship"
            && PAIR_FIELDS.contains(&op.field.as_str())
            && (record.fields.get(&op.field)).is_some_and(|(_, value)| *value == theirs)
            && (record.seqs.iter())
                .map(|seq| &self.ops[seq])
                .any(|earlier| {
                    earlier.field == op.field && earlier.value == theirs && earlier.hlc <= op.hlc
                })
    }

    /// When `op` puts `viewer` in a pair that named them before (put back) and stands, the
    /// records of it they may read (its learning entries and goals, with their milestones: the
    /// sessions and feedback they were in stayed theirs), to be sent again whole.
    fn put_back_in(&self, viewer: Viewer<'_>, op: &WireOp) -> Vec<&RecordState> {
        let theirs = Value::String(viewer.person.to_string());
        if op.entity != "relationship"
            || !PAIR_FIELDS.contains(&op.field.as_str())
            || op.value != theirs
        {
            return Vec::new();
        }
        let state = self.state(op);
        let stands = (state.fields.get(&op.field)).is_some_and(|((_, _, id), _)| *id == op.id);
        if !stands {
            return Vec::new();
        }
        let before = (state.seqs.iter())
            .map(|seq| &self.ops[seq])
            .any(|earlier| {
                PAIR_FIELDS.contains(&earlier.field.as_str())
                    && earlier.value == theirs
                    && earlier.id != op.id
            });
        if !before {
            return Vec::new();
        }
        let relationship = Value::String(op.record.clone());
        (self.records.iter())
            .filter(|((entity, _), state)| {
                (entity == "learning" || entity == "goal")
                    && state.fields.get("relationship").map(|(_, v)| v) == Some(&relationship)
            })
            .filter(|((entity, record), _)| self.access(viewer, entity, record) >= Access::Read)
            .flat_map(|((entity, record), state)| {
                let goal = Value::String(record.clone());
                let milestones = (entity == "goal")
                    .then(|| self.children.get(&(MILESTONE, record.clone())))
                    .flatten()
                    .into_iter()
                    .flatten()
                    .filter_map(|child| self.records.get(&(MILESTONE.to_owned(), child.clone())))
                    .filter(move |child| child.fields.get("goal").map(|(_, v)| v) == Some(&goal));
                std::iter::once(state).chain(milestones)
            })
            .collect()
    }

    /// Whether `op` is of a programme's `admins` that name `viewer` now and did not as the
    /// ops stored by `since` left them: the pages their devices pulled before were decided
    /// without them among its admins. Any such op of the pull says it (not only the one that
    /// stands), so a page that ends between two of them has said it.
    fn newly_admin(&self, viewer: Viewer<'_>, op: &WireOp, since: i64) -> bool {
        if op.entity != ADMIN_ENTITIES[0]
            || op.field != "admins"
            || since == 0
            || !(viewer.admin_of.iter()).any(|p| p.as_str() == op.record)
        {
            return false;
        }
        let names = |value: &Value| {
            (value.as_array().into_iter().flatten())
                .any(|admin| admin.as_str() == Some(viewer.person.as_str()))
        };
        let then = (self.state(op).seqs.iter())
            .take_while(|seq| **seq <= since)
            .map(|seq| &self.ops[seq])
            .filter(|earlier| earlier.field == op.field);
        !(fold(then).remove(&op.field)).is_some_and(|(_, value)| names(&value))
    }

    /// The records of `programme` that `viewer` reads as one of its admins
    /// (`permissions::access`: its enrolments and nudges, its relationships, proposals
    /// included, and the goals set in them, with their milestones; never a session, feedback,
    /// learning entry, private note or preference), deleted ones as `sees` judges them.
    fn read_as_admin(&self, viewer: Viewer<'_>, programme: &str) -> Vec<&RecordState> {
        let named = |state: &RecordState, field: &str, ids: &BTreeSet<&str>| {
            (state.fields.get(field))
                .is_some_and(|(_, v)| v.as_str().is_some_and(|id| ids.contains(id)))
        };
        let programme = BTreeSet::from([programme]);
        let of_programme: Vec<(&(String, String), &RecordState)> = (self.records.iter())
            .filter(|((entity, _), state)| {
                entity != ADMIN_ENTITIES[0] && named(state, "programme", &programme)
            })
            .collect();
        let relationships: BTreeSet<&str> = (of_programme.iter())
            .filter(|((entity, _), _)| entity == "relationship")
            .map(|((_, id), _)| id.as_str())
            .collect();
        let goals: Vec<(&(String, String), &RecordState)> = (self.records.iter())
            .filter(|((entity, _), state)| {
                entity == "goal" && named(state, "relationship", &relationships)
            })
            .collect();
        let milestones = (goals.iter()).flat_map(|((_, goal), _)| {
            let parent = BTreeSet::from([goal.as_str()]);
            (self
                .children
                .get(&(MILESTONE, goal.clone()))
                .into_iter()
                .flatten())
            .filter_map(|child| {
                self.records
                    .get_key_value(&(MILESTONE.to_owned(), child.clone()))
            })
            .filter(move |(_, child)| named(child, "goal", &parent))
        });
        (of_programme.iter().chain(&goals).copied())
            .chain(milestones)
            .filter(|((entity, record), _)| {
                self.access_undeleted(viewer, entity, record, &[]) >= Access::Read
            })
            .map(|(_, state)| state)
            .collect()
    }

    /// Whether `viewer` may see the record `op` is about, asked once per record and pull.
    fn sees<'a>(
        &self,
        viewer: Viewer<'_>,
        decided: &mut BTreeMap<(&'a str, &'a str), bool>,
        op: &'a WireOp,
    ) -> bool {
        *decided
            .entry((op.entity.as_str(), op.record.as_str()))
            // A delete reaches whoever could see the record before it, but one that leaves it
            // its writer's alone (`permissions::withdrawn_when_deleted`), which reaches the
            // others' devices that held it as the op that took it (`took_it_from`).
            .or_insert_with(|| {
                match self.access_undeleted(viewer, &op.entity, &op.record, &self.pending) {
                    Access::Write => true,
                    Access::Read => {
                        withdrawn_when_deleted(&op.entity).is_none()
                            || !self.deleted_as_stored(&op.entity, &op.record)
                    }
                    Access::None => false,
                }
            })
    }

    /// Whether `op` is the standing deletion of a relationship that `viewer` cannot see, yet
    /// one of whose sessions they could read with it: someone its admins took off the pair
    /// keeps the sessions they were in, and learns when the relationship goes (made in error,
    /// erased on request) that those are gone too. Only the deletion reaches them, never the
    /// relationship's other fields, which name who took their place.
    fn deletion_told(&self, viewer: Viewer<'_>, op: &WireOp) -> bool {
        if op.entity != "relationship" || op.field != DELETED_FIELD || op.value != Value::Bool(true)
        {
            return false;
        }
        let key = (op.hlc.clone(), op.device.clone(), op.id.clone());
        let stands =
            (self.state(op).fields.get(DELETED_FIELD)).is_some_and(|(winner, _)| *winner == key);
        if !stands {
            return false;
        }
        self.keeps_sessions_of(viewer, &op.record)
    }

    /// Whether the relationship's restore (`deleted: false`) `op` stands and the deletion it
    /// undid reached `viewer`'s devices (`deletion_told`): it stood for the pages before (the
    /// winner of the ops stored by `seen_head`) and they had pulled past it (by `since`).
    /// Their devices hid the sessions they kept with it and show them again with the restore,
    /// sent as the deletion was, as a stand-in (`as_read_by`); a device that never held the
    /// deletion gets nothing.
    fn restore_told(&self, viewer: Viewer<'_>, op: &WireOp, since: i64, seen_head: i64) -> bool {
        if op.entity != "relationship"
            || op.field != DELETED_FIELD
            || op.value != Value::Bool(false)
        {
            return false;
        }
        let state = self.state(op);
        let stands = (state.fields.get(DELETED_FIELD)).is_some_and(|((_, _, id), _)| *id == op.id);
        let then = (state.seqs.iter())
            .filter(|seq| **seq <= seen_head)
            .map(|seq| &self.ops[seq])
            .filter(|other| other.field == DELETED_FIELD);
        let told = (fold(then).remove(DELETED_FIELD)).is_some_and(|((_, _, id), value)| {
            value == Value::Bool(true) && self.op_ids.get(&id).is_some_and(|seq| *seq <= since)
        });
        stands && told && self.keeps_sessions_of(viewer, &op.record)
    }

    /// Whether `viewer` may read a session of relationship `record`, its deletion set aside:
    /// someone taken off the pair keeps the sessions they were in.
    fn keeps_sessions_of(&self, viewer: Viewer<'_>, record: &str) -> bool {
        let relationship = Value::String(record.to_owned());
        let held = [undeleted("relationship", record)];
        (self.records.iter())
            .filter(|((entity, _), state)| {
                entity == "session"
                    && state.fields.get("relationship").map(|(_, v)| v) == Some(&relationship)
            })
            .any(|((_, session), _)| {
                self.access_in(viewer, "session", session, &held) >= Access::Read
            })
    }

    /// What the model knows of the (stored) record `op` is about.
    fn state(&self, op: &WireOp) -> &RecordState {
        &self.records[&(op.entity.clone(), op.record.clone())]
    }

    /// The milestones of the goal, or the action items of the session, `op` is about.
    fn children_of(&self, op: &WireOp) -> Vec<&RecordState> {
        let Some((kind, parent_field)) = (match op.entity.as_str() {
            "goal" => Some((MILESTONE, "goal")),
            "session" => Some((ACTION, "session")),
            _ => None,
        }) else {
            return Vec::new();
        };
        // The index lists every record that ever named this parent; those that still do.
        let parent = Value::String(op.record.clone());
        self.children
            .get(&(kind, op.record.clone()))
            .into_iter()
            .flatten()
            .filter_map(|child| self.records.get(&(kind.to_owned(), child.clone())))
            .filter(|child| child.fields.get(parent_field).map(|(_, v)| v) == Some(&parent))
            .collect()
    }

    /// Whether `op` is the change that took a record from `viewer`'s devices: it set a field
    /// that decides who may see the record, it stands, and with the value the field had for
    /// the pages before (the winner of the ops stored by `seen_head`, when the last of them
    /// was served), a value the viewer had pulled past (before `since`), the viewer could see
    /// the record. Such an op reaches them, so their devices stop showing what they may no
    /// longer see; a device that never held the record gets nothing of it. Values stored
    /// since (a note unshared and shared again before this one unshared it) reached no page
    /// of theirs, so say nothing of what they hold.
    fn took_it_from(
        &self,
        viewer: Viewer<'_>,
        state: &RecordState,
        op: &WireOp,
        since: i64,
        seen_head: i64,
    ) -> bool {
        let key = |op: &WireOp| (op.hlc.clone(), op.device.clone(), op.id.clone());
        let stands = state
            .fields
            .get(&op.field)
            .is_some_and(|(winner, _)| *winner == key(op));
        if !Self::decides_audience_of(&op.entity, &op.field) || !stands {
            return false;
        }
        let then = (state.seqs.iter())
            .filter(|seq| **seq <= seen_head)
            .map(|seq| &self.ops[seq])
            .filter(|other| other.field == op.field);
        let replaced = (fold(then).remove(&op.field))
            .and_then(|((_, _, id), value)| Some((*self.op_ids.get(&id)?, value)));
        // A field the record did not have then (a session's `partner` before the portal
        // recorded it) replaced its absence, which the record had from its first op.
        let absent = replaced.is_none();
        let (replaced_seq, value) = match replaced {
            Some((seq, value)) => (seq, value),
            None => match state.seqs.first() {
                Some(first) => (*first, Value::Null),
                None => return false,
            },
        };
        if replaced_seq > since {
            return false;
        }
        // Later than any clock a device can send, so the replaced value stands again.
        let before = WireOp {
            value,
            ..judged(&op.entity, &op.record, &op.field)
        };
        if absent && op.entity == "session" {
            // A session without its pair counts as the current pair's, and the pair now may
            // not be the one the viewer's earlier pages were decided with: it is taken as it
            // stood at `since`. Someone an admin put in the pair after their devices had
            // pulled past the session never received it, and gets nothing of it, not even an
            // op that would leave a stub of it on their devices.
            let Ok(Some(Change::Session(session))) =
                self.projected(&op.entity, &op.record, &[before])
            else {
                return false;
            };
            return self
                .relationship_where(session.relationship.as_str(), &|seq, _| seq <= since)
                .is_some_and(|r| {
                    session.relationship == r.id
                        && access(viewer, Record::Session(&session, &r)) >= Access::Read
                });
        }
        self.access_in(viewer, &op.entity, &op.record, &[before]) >= Access::Read
    }

    /// `op` as `viewer` receives it. The op that took a pair from them names who took their
    /// place, whom they may not know: they get a stand-in for it (`merge::WITHHELD_PREFIX`),
    /// the relationship's own id in place of that person (as its value, and as its actor when
    /// they wrote it), made from the op alone, so it is the same op whenever and to whomever
    /// it is sent. Its device is [`PORTAL_DEVICE`]: a device's id, the same on every op it
    /// makes, would tie the stand-in to whoever wrote on it. The stand-in gives way to its op
    /// by id (`withheld-<id>`), not by order, so that is unchanged; its place among other
    /// ops of the same clock reading follows the portal's device. The relationship's deletion, which reaches them when they kept its sessions
    /// (`deletion_told`), names the admin who deleted it, who may be who took their place: it
    /// reaches them as a stand-in too, the relationship's id as its actor.
    ///
    /// Someone put in the pair after it began reads nothing of it from before they joined
    /// (`permissions::before_joining`): its agreement as written then reaches them as a
    /// stand-in saying it empty, as a new pair's, and an op written then by someone no longer
    /// of the pair as a stand-in with the relationship's id as its actor.
    pub fn as_read_by<'a>(&self, viewer: Viewer<'_>, op: &'a WireOp) -> Cow<'a, WireOp> {
        let pair = PAIR_FIELDS.contains(&op.field.as_str());
        if op.entity != ENTITIES[0] {
            return Cow::Borrowed(op);
        }
        if self.access_undeleted(viewer, &op.entity, &op.record, &self.pending) >= Access::Read {
            return self.as_read_since_joining(viewer, op);
        }
        if !pair && op.field != DELETED_FIELD {
            return Cow::Borrowed(op);
        }
        Cow::Owned(stand_in_for(op))
    }

    /// A relationship's op as one of its pair reads it (`as_read_by`).
    fn as_read_since_joining<'a>(&self, viewer: Viewer<'_>, op: &'a WireOp) -> Cow<'a, WireOp> {
        // Asked of every relationship op a reader receives: its admins' pulls, which hold
        // every pair, end here without projecting it.
        let state = self.state(op);
        let party = (PAIR_FIELDS.iter()).any(|field| {
            (state.fields.get(*field))
                .is_some_and(|(_, v)| v.as_str() == Some(viewer.person.as_str()))
        });
        if !party {
            return Cow::Borrowed(op);
        }
        let (Ok(id), Ok(at)) = (RecordId::parse(&op.record), Hlc::decode(&op.hlc)) else {
            return Cow::Borrowed(op);
        };
        let written = Written {
            at,
            stored: self.op_ids.get(&op.id).copied(),
        };
        let Some(r) = self.relationship_undeleted(&id) else {
            return Cow::Borrowed(op);
        };
        if !self.before_joining(viewer.person, &r, written, &[]) {
            return Cow::Borrowed(op);
        }
        // A side as it was in someone else's stint (sent to someone put back) names whoever
        // held it then, whom they may not know: the stand-in they would have received taken off.
        let named = |p: &RecordId| Value::String(p.to_string()) == op.value;
        if PAIR_FIELDS.contains(&op.field.as_str()) && !named(&r.mentor) && !named(&r.mentee) {
            return Cow::Owned(stand_in_for(op));
        }
        let agreement = AGREEMENT_FIELDS.contains(&op.field.as_str());
        let actor = Value::String(op.actor.clone());
        let left = ![&r.mentor, &r.mentee]
            .iter()
            .any(|p| p.as_str() == op.actor)
            && (state.seqs.iter()).any(|seq| {
                let earlier = &self.ops[seq];
                PAIR_FIELDS.contains(&earlier.field.as_str()) && earlier.value == actor
            });
        if !agreement && !left {
            return Cow::Borrowed(op);
        }
        Cow::Owned(WireOp {
            id: withheld_op_id(&op.id),
            actor: op.record.clone(),
            value: match (agreement, op.field.as_str()) {
                (false, _) => op.value.clone(),
                (true, "purpose" | "ground-rules") => Value::String(String::new()),
                // No target role, and nobody's agreement: an agreement names who gave it.
                (true, _) => Value::Null,
            },
            device: PORTAL_DEVICE.to_owned(),
            ..op.clone()
        })
    }

    /// A page's ops in log order, each with whether it goes as its stand-in
    /// (`value_withheld`): never one also sent whole.
    fn bodies(&self, page: Page) -> Vec<(i64, &WireOp, bool)> {
        let mut seqs: Vec<(i64, bool)> = (page.seqs.iter().map(|s| (*s, false)))
            .chain(page.stand_ins.iter().map(|s| (*s, true)))
            .collect();
        seqs.sort_unstable();
        seqs.dedup_by_key(|(s, _)| *s);
        seqs.into_iter()
            .filter_map(|(s, stand_in)| self.ops.get(&s).map(|op| (s, op, stand_in)))
            .collect()
    }
}

/// The stand-in for `op`, a value of a record its reader sees that was withheld from them
/// (`Model::visible_since`): written while the record was private, or replaced before it
/// changed hands. It says what `op` replaced, so the reader's devices stop showing a value the
/// host no longer shows, and nothing of what `op` says: no value (`null`), nobody (its actor
/// the record's own id), no device. It outranks nothing `op` does not and stands nowhere
/// `op` would not (`merge::shown` shows a stand-in only as a field's winner, and drops it once
/// `op` is held), so a field with it folds to the value the host shows.
pub fn value_withheld(op: &WireOp) -> WireOp {
    WireOp {
        id: withheld_op_id(&op.id),
        actor: op.record.clone(),
        device: PORTAL_DEVICE.to_owned(),
        value: Value::Null,
        ..op.clone()
    }
}

/// The stand-in for a relationship's `op` (`Model::as_read_by`): one of its sides, the
/// relationship's id in place of whom it names, or its deletion, the relationship's id as its
/// actor. Made from the op alone, so whoever receives it, and whenever, it is the same op.
fn stand_in_for(op: &WireOp) -> WireOp {
    let pair = PAIR_FIELDS.contains(&op.field.as_str());
    // A deletion's restore replaces a deletion that reached the reader as a stand-in too
    // (`restore_told`): it says so, or a restore clocked behind the deletion would leave the
    // deletion standing on their devices.
    let mut supersedes = op.supersedes.clone();
    for replaced in (op.supersedes.iter()).filter(|_| op.field == DELETED_FIELD) {
        if supersedes.len() < SUPERSEDES_MAX {
            supersedes.push(withheld_op_id(replaced));
        }
    }
    WireOp {
        id: withheld_op_id(&op.id),
        // An admin who put themselves in the pair is who took their place too.
        actor: if !pair || Value::String(op.actor.clone()) == op.value {
            op.record.clone()
        } else {
            op.actor.clone()
        },
        value: if pair {
            Value::String(op.record.clone())
        } else {
            op.value.clone()
        },
        device: PORTAL_DEVICE.to_owned(),
        supersedes,
        ..op.clone()
    }
}

/// The id of the op that records session `session`'s pair: named by the session, so the same
/// session always gets the same op, and no other does, whatever the op log holds. A portal
/// whose database is made again while devices keep their stores then never hands them an id
/// they hold with other content (they refuse a page that does). A session id too long to fit
/// within an op id's 64 characters is named by a hash of it, after `_` where the others have
/// `-`, so the two kinds never meet.
pub fn partner_op_id(session: &str) -> String {
    let plain = format!("{PORTAL_OP_PREFIX}partner-{session}");
    if plain.len() <= 64 {
        return plain;
    }
    format!("{PORTAL_OP_PREFIX}partner_{:032x}", fnv(session.bytes()))
}

/// FNV-1a, 128 bits: fixed by its definition, so the same on every build and platform.
fn fnv(bytes: impl Iterator<Item = u8>) -> u128 {
    bytes.fold(
        0x6c62_272e_07bb_0142_62b8_2175_6295_c58d_u128,
        |hash, byte| {
            (hash ^ u128::from(byte)).wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b)
        },
    )
}

/// An id the portal gives what it writes itself, named by what it is about (`parts`, a NUL
/// between two, which no id holds): `portal-{kind}-` and a hash of them, within 64 characters.
pub fn portal_id(kind: &str, parts: &[&str]) -> String {
    let joined = parts.join("\0");
    format!("{PORTAL_OP_PREFIX}{kind}-{:032x}", fnv(joined.bytes()))
}

/// The entity of the notice that someone was taken off a pair (`Model::taken_off_to_tell`).
pub const TAKEN_OFF: &str = mentoring_core::record::ADMIN_ENTITIES[5];

/// An op that brings `record` back: later than any clock a device can send, so it outranks
/// every delete of the record.
fn undeleted(entity: &str, record: &str) -> WireOp {
    judged(entity, record, DELETED_FIELD)
}

/// An op the portal only judges with, never stores nor sends: a value of `field` that stands
/// over every other, for a record read as it would be with that value (`false` until set).
/// Nobody superseded it, and it sorts after any op a device can write (the last clock
/// reading, then the greatest device id), so the core's rule takes it as the winner.
fn judged(entity: &str, record: &str, field: &str) -> WireOp {
    WireOp {
        id: format!("{PORTAL_OP_PREFIX}judged"),
        actor: PORTAL_DEVICE.to_owned(),
        device: "z".repeat(64),
        hlc: "9999999999999-99999".to_owned(),
        entity: entity.to_owned(),
        record: record.to_owned(),
        field: field.to_owned(),
        value: Value::Bool(false),
        supersedes: Vec::new(),
    }
}

/// How much one pull page may carry: a page closes once it holds either, so a phone never
/// has to take in one reply of hundreds of long texts. A page always carries the next op,
/// however long, or the pull would never move on.
#[derive(Clone, Copy, Debug)]
pub struct PageLimit {
    pub ops: usize,
    /// The ops' JSON, in bytes.
    pub bytes: usize,
}

/// The ops a pull page will carry, by sequence number, and their size on the wire.
#[derive(Default)]
struct Page {
    seqs: Vec<i64>,
    /// Ops sent as their stand-in (`value_withheld`).
    stand_ins: Vec<i64>,
    bytes: usize,
}

impl Page {
    fn add(&mut self, seq: i64, op: &WireOp) {
        self.seqs.push(seq);
        self.bytes += wire_len(op);
    }

    fn add_stand_in(&mut self, seq: i64, op: &WireOp) {
        self.stand_ins.push(seq);
        self.bytes += wire_len(op);
    }

    fn is_full(&self, limit: PageLimit) -> bool {
        self.seqs.len() + self.stand_ins.len() >= limit.ops || self.bytes >= limit.bytes
    }
}

/// The length of `op`'s JSON, counted as it is written rather than kept.
fn wire_len(op: &WireOp) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Writing plain JSON values to a counter cannot fail.
    let _ = serde_json::to_writer(&mut count, op);
    count.0
}

fn admin_access(viewer: Viewer<'_>, change: &AdminChange) -> Access {
    match change {
        AdminChange::Programme(p) => access(viewer, Record::Programme(p)),
        AdminChange::Enrolment(e) => access(viewer, Record::Enrolment(e)),
        AdminChange::Nudge(n) => access(viewer, Record::Nudge(n)),
        AdminChange::SelfAssessment(a) => access(viewer, Record::SelfAssessment(a)),
        AdminChange::CheckIn(c) => access(viewer, Record::CheckIn(c)),
        AdminChange::TakenOff(n) => access(viewer, Record::TakenOffNotice(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentoring_core::merge::Replica;

    /// xorshift64*: a fixed sequence per seed, so a failing history can be replayed.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            ((self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) % n as u64) as usize
        }
    }

    fn wire(op: &Op) -> WireOp {
        WireOp {
            id: op.id.to_string(),
            actor: op.actor.to_string(),
            device: op.device.to_string(),
            hlc: op.hlc.encode(),
            entity: op.entity.clone(),
            record: op.record.to_string(),
            field: op.field.clone(),
            value: match &op.value {
                FieldValue::Bool(b) => Value::Bool(*b),
                FieldValue::Text(text) => Value::String(text.clone()),
                _ => Value::Null,
            },
            supersedes: op.supersedes.iter().map(ToString::to_string).collect(),
        }
    }

    /// Random histories of one record written on three devices, the first three days ahead,
    /// the last an hour behind, with partial syncs and settled conflicts: whatever order the
    /// host stores the ops in, and whether some are still being checked (a push), the value
    /// it keeps per field is the one a core replica folding the same ops shows.
    #[test]
    fn the_portal_keeps_the_value_a_core_fold_of_the_same_ops_shows() {
        const FIELDS: [&str; 3] = ["shared", "text", DELETED_FIELD];
        const HOUR: i64 = 3_600_000;
        let offsets = [72 * HOUR, 0, -HOUR];
        let record = RecordId::parse("l-1").unwrap();
        let actor = RecordId::parse("amira").unwrap();
        let devices: Vec<RecordId> = (0..3)
            .map(|n| RecordId::parse(&format!("dev-{n}")).unwrap())
            .collect();
        // Histories where the value standing is not the one clocked last: the clock alone
        // would keep another.
        let mut behind_the_clock = 0;
        for seed in 1..=400_u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
            let mut replicas: Vec<Replica> = (0..3).map(|_| Replica::new()).collect();
            let mut all: Vec<Op> = Vec::new();
            let mut now = 1_795_000_000_000_i64;
            for step in 0..5 + rng.below(30) {
                now += rng.below(HOUR as usize) as i64;
                let (d, e) = (rng.below(3), rng.below(3));
                if rng.below(3) == 0 {
                    let from_d: Vec<Op> = replicas[d].ops().into_iter().cloned().collect();
                    let from_e: Vec<Op> = replicas[e].ops().into_iter().cloned().collect();
                    replicas[e].apply_all(from_d, Millis(now + offsets[e]));
                    replicas[d].apply_all(from_e, Millis(now + offsets[d]));
                    continue;
                }
                let field = FIELDS[rng.below(3)];
                let value = match field {
                    "text" => FieldValue::Text(format!("v{step}")),
                    _ => FieldValue::Bool(rng.below(2) == 0),
                };
                let settles = !replicas[d].conflicts("learning", &record, field).is_empty()
                    && rng.below(2) == 0;
                let kind = if settles { "settle" } else { "op" };
                let id = RecordId::parse(&format!("{kind}-{seed}-{step}")).unwrap();
                let at = Millis(now + offsets[d]);
                let op = replicas[d].write(
                    &actor,
                    &devices[d],
                    "learning",
                    &record,
                    field,
                    value,
                    at,
                    id,
                );
                all.push(op);
            }
            for n in (1..all.len()).rev() {
                all.swap(n, rng.below(n + 1));
            }
            let mut fold = Replica::new();
            fold.apply_all(all.iter().cloned(), Millis(now));
            let split = rng.below(all.len() + 1);
            let mut model = Model::default();
            for (seq, op) in all[..split].iter().enumerate() {
                model.apply(seq as i64 + 1, wire(op));
            }
            model.with_pending(all[split..].iter().map(wire).collect());
            for field in FIELDS {
                let expected = fold.winner("learning", &record, field);
                let standing = model.standing("learning", "l-1", field, &model.pending);
                assert_eq!(
                    standing.map(|((_, _, id), _)| id),
                    expected.map(|op| op.id.to_string()),
                    "seed {seed}, field {field}, {split} of {} stored",
                    all.len()
                );
                let latest = (all.iter())
                    .filter(|op| op.field == field)
                    .map(|op| op.hlc)
                    .max();
                behind_the_clock += usize::from(expected.map(|op| op.hlc) < latest);
            }
            // The record as the portal judges it: the fields it shows, or none once deleted.
            // (The portal keeps `deleted: false` among them, the core leaves it out.)
            let shown = model.fields("learning", "l-1").map(|fields| {
                (fields.into_iter())
                    .filter(|(name, _)| name != DELETED_FIELD)
                    .collect::<BTreeMap<_, _>>()
            });
            let expected = fold
                .record("learning", &record)
                .map(|fields| fields.into_iter().collect::<BTreeMap<_, _>>());
            assert_eq!(shown, expected, "seed {seed}");
        }
        assert!(behind_the_clock > 20, "{behind_the_clock}");
    }
}
