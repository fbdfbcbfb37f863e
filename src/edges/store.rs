//! Durable storage on the device: the `RecordStore` trait and its implementation over
//! IndexedDB (js/store.js; IndexedDB from a few lines of JS is smaller than binding it from
//! Rust, see docs/performance.md).
//!
//! Records are kept as ops (the merge model of `mentoring_core::merge`): a change becomes the
//! ops of the fields it changed, written to IndexedDB (the ops store and the outbox) before
//! it is merged into the replica and shown. An op leaves the outbox only once the host has
//! acknowledged its id.
//!
//! Opening reads a person's snapshot (the replica compacted by `Replica::compact`, one value)
//! and only the op rows stored after it, not every edit ever made. The snapshot is a cache of
//! the rows, never the only copy: a snapshot that cannot be read is ignored and every row is
//! read again.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use mentoring_core::merge::{
    Awaited, Compacted, Hlc, Op, Replica, DELETED, SETTLE_PREFIX, TOMBSTONE_PREFIX,
};
use mentoring_core::projection::{
    admin_changes_from, admin_diff, changes_from, diff, Edit, FieldValue, Fields, ACTION, MILESTONE,
};
use mentoring_core::record::{ADMIN_ENTITIES, ENTITIES};
use mentoring_core::reminders::{
    ended_unstarted_prefix, ends_unstarted, pairing_log, session_changes, PairingLog, SessionChange,
};
use mentoring_core::taken::{held_with, HeldOp};
use mentoring_core::{AdminChange, Change, Goal, Millis, Person, Programme, RecordId};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::adapter::{
    directory_to_js, held_from_wire, op_from_wire, op_to_wire, read_directory, DirectorySnapshot,
    OpV1, Pulled,
};
use super::clock::Clock;
use super::js_object::{object, JsObject};
use super::stored::{StoredGoal, StoredPerson};
use super::{js_error_text, LocalFuture};

/// The records read from storage, and why any stored record could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<Change>,
    /// The records left out; they stay in storage untouched.
    pub unreadable: Vec<UnreadableRecord>,
}

/// A stored record that could not be read: its kind, so the person is told what it is, and
/// why, for the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadableRecord {
    /// An entity's name ("goal", "private-note"…), or "" when not even that could be read.
    pub kind: &'static str,
    pub reason: String,
}

impl UnreadableRecord {
    fn of(kind: &'static str, reason: String) -> UnreadableRecord {
        UnreadableRecord { kind, reason }
    }
}

/// The ops waiting for the host, oldest first.
#[derive(Debug, Default)]
pub struct Outbox {
    pub ops: Vec<OpV1>,
    /// When the oldest waiting op was made.
    pub oldest: Option<Millis>,
    /// Rows waiting that this version cannot read (a newer widget in another tab wrote them):
    /// not pushed by this one, yet waiting all the same.
    pub unreadable: usize,
}

impl Outbox {
    /// How many records have changes waiting (a new goal is one change, not fifteen ops).
    pub fn records(&self) -> usize {
        let mut records: Vec<(&str, &str)> = self
            .ops
            .iter()
            .map(|op| (op.entity.as_str(), op.record.as_str()))
            .collect();
        mentoring_core::order::sort(&mut records);
        records.dedup();
        // Each counted as a change of its own: whose record it is cannot be read.
        records.len() + self.unreadable
    }
}

/// A value written at the same time as the one shown, which lost; the person can restore it,
/// or settle the field on the value kept.
///
/// With `field` [`DELETED`]: a record deleted while the person changed it where the delete
/// had not reached (`Replica::unseen_by_delete`), so their change shows nowhere. `value` is
/// `false` (brought back, with the change), `kept` is `true`, `by` is who deleted it, `op` the
/// change not seen. Settled the same way: brought back, or left deleted. A change to a child
/// of the record (a session's action item) names it in `item`; `written` holds what the
/// person wrote, so a screen can give it back to them when they may not bring the record back.
///
/// A record the host refused to create ([`CREATED`]), or a delete it refused ([`DELETED`]
/// with `refused`), is one conflict, not one per field: see [`RecordStore::conflicts`].
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// The losing op.
    pub op: RecordId,
    pub entity: String,
    pub record: RecordId,
    pub field: String,
    /// The value that lost.
    pub value: FieldValue,
    /// The field's current winner: a screen says both, since either device may be the one
    /// whose value lost.
    pub kept: FieldValue,
    pub by: RecordId,
    /// Who wrote the value kept (for a record deleted, who deleted it): a screen names whose
    /// value "Use" replaces.
    pub kept_by: RecordId,
    /// When the value kept (for a record deleted, its delete) was written.
    pub at: Millis,
    /// Of a record deleted: the child record the change was to, if it was to one.
    pub item: Option<RecordId>,
    /// Of a record deleted: the fields the person changed and what they wrote in each.
    pub written: Vec<(String, FieldValue)>,
    /// A change of the person's the host refused for good, still shown on this device: the
    /// host's code. `value` is then the refused value (the field's winner here), `kept` what
    /// the host holds (the field without the refused ops), `kept_by` and `at` its writer's.
    pub refused: Option<String>,
}

/// The `field` of a [`Conflict`] for a record written on this device that the host holds
/// nothing of: every field of it stands on an op the host refused
/// (`Replica::stands_only_on`). Listed once for the record (its milestones or action items
/// with it), to be removed from the device ([`RecordStore::remove_never_held`]) rather than
/// settled field by field on values the host does not have.
pub const CREATED: &str = "created";

/// An op the host refused for good, with its code and the field it wrote
/// ([`RecordStore::refused`]).
#[derive(Clone, Debug, PartialEq)]
pub struct RefusedOp {
    pub id: RecordId,
    pub code: String,
    pub entity: String,
    pub record: RecordId,
    pub field: String,
}

/// The op a field stands on and its value ([`RecordStore::standing`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    pub op: RecordId,
    pub value: FieldValue,
    /// The ops it replaced: what stood before it.
    pub supersedes: Vec<RecordId>,
}

/// One field of a [`RecordStore::rewrite`]: `value`, written only while the field stands on
/// `over` (`None`: whatever it stands on).
#[derive(Clone, Debug, PartialEq)]
pub struct Rewrite {
    pub field: String,
    pub value: FieldValue,
    pub over: Option<RecordId>,
}

/// How a [`RecordStore::rewrite`] is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rewriting {
    /// An edit like any other.
    Edit,
    /// A conflict settled ("Use", "Keep"): one value replacing every value the field had, here
    /// and once synced everywhere.
    Settle,
    /// A settlement this device alone keeps, never queued for the host: "Bring it back" over a
    /// delete the host refused, which it never took, so has nothing to undo. Stored outside the
    /// outbox in the write itself, so no sync ever sees it waiting.
    SettleHere,
}

/// What a [`RecordStore::rewrite`] did.
#[derive(Clone, Debug, PartialEq)]
pub enum Rewritten {
    /// The ids of the ops written, and the record as it now stands (a child's parent).
    Written {
        ops: Vec<RecordId>,
        shown: Option<Box<Change>>,
    },
    /// A field no longer stood on the op named: nothing was written.
    ChangedSince,
}

/// What receiving ops did to one record.
#[derive(Clone, Debug, PartialEq)]
pub enum Update {
    Upsert(Box<Change>),
    /// Deleted, or no longer readable: remove it from view.
    Remove {
        entity: String,
        id: RecordId,
    },
}

/// Storage failed; the browser's words for why, for tests and the console. What the person
/// reads is `ui::i18n::Locale::store_error`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError(pub String);

/// The reason js/store.js gives once this page's connection to storage is gone (a newer
/// release upgraded the database from another tab, or the site's data was cleared).
const CONNECTION_CLOSED: &str = "the connection to storage was closed; reload the page";

/// The reason a change is refused when records were let go of since its page read storage
/// (another tab's, or a sync's, `forgetRecords`): the page reads storage again.
const LET_GO: &str = "records were let go of since this page read them; read storage again";

/// The reason kept when the browser refused a write for want of space for this site's data.
const NO_SPACE: &str = "the browser has no space left for this site's data";

impl StoreError {
    /// A failed storage call, from the browser's error. Running out of space is told apart,
    /// since the person can act on it; anything else keeps the browser's words (for the
    /// console, not the person).
    pub fn from_js(error: &JsValue) -> StoreError {
        let name = js_sys::Reflect::get(error, &JsValue::from_str("name"))
            .ok()
            .and_then(|name| name.as_string());
        if name.as_deref() == Some("QuotaExceededError") {
            return StoreError(NO_SPACE.to_owned());
        }
        StoreError(js_error_text(error))
    }

    /// Nothing more can be stored until the page is reloaded.
    pub fn needs_reload(&self) -> bool {
        self.0 == CONNECTION_CLOSED
    }

    /// Nothing was written: records were let go of since the page read storage, and it must
    /// read it again (`RecordStore::refresh`) before the change is made again.
    pub fn let_go(&self) -> bool {
        self.0 == LET_GO
    }

    /// The device has no room left for this site's data.
    pub fn out_of_space(&self) -> bool {
        self.0 == NO_SPACE
    }
}

/// Durable storage of every record a person can change, and the sync engine's view of it.
pub trait RecordStore {
    /// Everything stored for `me`; the store then works for `me`.
    fn load<'a>(&'a self, me: &'a RecordId) -> LocalFuture<'a, Result<Loaded, StoreError>>;
    /// Resolves only once the change is durably written: the fields it sets otherwise than
    /// the record as this store holds it when asked.
    fn commit<'a>(&'a self, change: &'a Change) -> LocalFuture<'a, Result<(), StoreError>>;
    /// As `commit`, writing only the fields `change` sets otherwise than `base`, the record the
    /// person made it from (`None`: a new record): a write waiting its turn behind another, or
    /// behind a pulled page, never writes back what was stored meanwhile in fields they left
    /// alone, and never deletes a child that arrived meanwhile.
    fn commit_over<'a>(
        &'a self,
        change: &'a Change,
        _base: Option<&'a Change>,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        self.commit(change)
    }
    /// The record as the store holds it now, with its children; `None` when it holds none (or
    /// does not say).
    fn record(&self, _entity: &str, _id: &RecordId) -> Option<Change> {
        None
    }
    /// The person last signed in on this device, so the widget works offline.
    fn remembered_person(&self) -> LocalFuture<'_, Result<Option<Person>, StoreError>>;
    fn remember_person<'a>(&'a self, person: &'a Person)
        -> LocalFuture<'a, Result<(), StoreError>>;
    /// The host's directory last received on this device for the person the store works for,
    /// so a start without the host still shows names and programmes; `None` when there is
    /// none, or none that reads as a directory reply.
    fn remembered_directory(
        &self,
    ) -> LocalFuture<'_, Result<Option<DirectorySnapshot>, StoreError>> {
        Box::pin(async { Ok(None) })
    }
    fn remember_directory<'a>(
        &'a self,
        _directory: &'a DirectorySnapshot,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
    /// When the directory kept on the device was received, so a screen showing it without the
    /// host says how old it is; `None` when not kept (or kept before this was).
    fn directory_received_at(&self) -> LocalFuture<'_, Result<Option<Millis>, StoreError>> {
        Box::pin(async { Ok(None) })
    }
    fn remember_directory_at(&self, _at: Millis) -> LocalFuture<'_, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
    /// Ops waiting for the host, oldest first, with when the oldest was queued.
    fn outbox(&self) -> LocalFuture<'_, Result<Outbox, StoreError>>;
    /// The host took these ops (acknowledged or rejected for good): they leave the outbox.
    fn settle<'a>(&'a self, ids: &'a [RecordId]) -> LocalFuture<'a, Result<(), StoreError>>;
    /// The host refused these ops for good (called before [`RecordStore::settle`]): they stay
    /// on the device, and the store remembers them, so a change of them to a record deleted
    /// meanwhile is not told as coming back with it (the host never held it; the status line
    /// says the refusal, and `refused_ops` keeps what "Changes not kept" lists).
    fn refused<'a>(&'a self, _ids: &'a [RecordId]) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
    /// [`RecordStore::refused`] with each op's code and field: such a change is listed by
    /// [`RecordStore::conflicts`] (its `refused`) for as long as it stands on its field, in
    /// every tab and after a reload, so the person may take the host's value instead.
    fn refused_ops<'a>(&'a self, ops: &'a [RefusedOp]) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let ids: Vec<RecordId> = ops.iter().map(|op| op.id.clone()).collect();
            self.refused(&ids).await
        })
    }
    /// Stores and merges ops from the host; returns what changed for the person.
    fn receive(&self, ops: Vec<Op>) -> LocalFuture<'_, Result<Vec<Update>, StoreError>>;
    /// Takes in a pull page: its ops, the ops it held that this widget cannot read (kept as
    /// received, to be read again by a later version) and the cursor after it, in one write,
    /// so a crash applies all of it or none. A store that cannot keep held ops refuses a page
    /// with any: the cursor stays, and nothing is dropped.
    fn receive_page(&self, page: Pulled) -> LocalFuture<'_, Result<Vec<Update>, StoreError>> {
        Box::pin(async move {
            if !page.held.is_empty() {
                return Err(StoreError(
                    "this device's storage cannot keep ops it cannot read".to_owned(),
                ));
            }
            let updates = self.receive(page.ops).await?;
            self.set_cursor(&page.cursor).await?;
            Ok(updates)
        })
    }
    /// How many ops from the host this device holds unread ([`RecordStore::receive_page`]).
    fn held(&self) -> LocalFuture<'_, Result<usize, StoreError>> {
        Box::pin(async { Ok(0) })
    }
    /// Reads the held ops again: those this version reads are stored as ops, merged and no
    /// longer held. Opening does it too.
    fn read_held(&self) -> LocalFuture<'_, Result<Vec<Update>, StoreError>> {
        Box::pin(async { Ok(Vec::new()) })
    }
    /// The first op of `ops` that arrives under an id already held with other content (an
    /// op never changes, so the host relaying it is faulty): nothing of `ops` may be taken.
    fn reused_id(&self, _ops: &[Op]) -> Option<RecordId> {
        None
    }
    /// Takes in ops another tab stored; returns what changed for the person.
    fn refresh(&self) -> LocalFuture<'_, Result<Vec<Update>, StoreError>>;
    fn cursor(&self) -> LocalFuture<'_, Result<String, StoreError>>;
    /// Values that lost to concurrent writes, still unresolved (deleted records left out),
    /// then the person's own changes to records deleted where the change had not reached.
    fn conflicts(&self) -> Vec<Conflict>;
    /// Who last ended or re-paired each relationship held, and when: what the records alone
    /// do not say (`reminders::pairing_log`).
    fn pairing_log(&self) -> Vec<PairingLog> {
        Vec::new()
    }
    /// The op a field stands on now, as this device holds it: what an undo names as the one
    /// it takes back ([`RecordStore::rewrite`]). `None` when nothing is known of it.
    fn standing(&self, _entity: &str, _record: &RecordId, _field: &str) -> Option<Standing> {
        None
    }
    /// Writes `fields` of one record as one write, each only over the op its `over` names
    /// (checked in the write itself: a value synced in, or stored by another tab, since it
    /// was read is never written over); when one field no longer stands on it, nothing is
    /// written. `how` says whether the ops are named as a settlement, and sent to the host.
    fn rewrite<'a>(
        &'a self,
        entity: &'a str,
        record: &'a RecordId,
        fields: Vec<Rewrite>,
        how: Rewriting,
    ) -> LocalFuture<'a, Result<Rewritten, StoreError>>;
    fn set_cursor<'a>(&'a self, cursor: &'a str) -> LocalFuture<'a, Result<(), StoreError>>;
    /// Deletes a record (its children leave view with it, and a later `false` brings both
    /// back, as the later write wins everywhere), once durably written. Returns the record
    /// as it then stands: `None` once deleted. A store that cannot delete refuses.
    fn set_deleted<'a>(
        &'a self,
        _entity: &'a str,
        _record: &'a RecordId,
        _deleted: bool,
    ) -> LocalFuture<'a, Result<Option<Change>, StoreError>> {
        Box::pin(async {
            Err(StoreError(
                "this device's storage cannot delete records".to_owned(),
            ))
        })
    }
    /// The relationship and time of a session deleted, from the values it had when it was
    /// deleted; `None` when it is not deleted or this device never held it.
    fn deleted_session(&self, _id: &RecordId) -> Option<(RecordId, Millis)> {
        None
    }
    /// A deleted record as it stood (with its children), as it would be if brought back;
    /// `None` when it is not deleted or this device never held it.
    fn deleted_record(&self, _entity: &str, _id: &RecordId) -> Option<Change> {
        None
    }
    /// Every session held deleted or moved to another time, from its ops
    /// (`reminders::session_changes`): what a calendar it was added to may still show.
    fn session_changes(&self) -> Vec<SessionChange> {
        Vec::new()
    }
    /// The changes to sessions (their ops' ids) the person dismissed from "Needs your
    /// attention": this device's own memory of them, per person, never synced.
    fn dismissed(&self) -> LocalFuture<'_, Result<Vec<RecordId>, StoreError>> {
        Box::pin(async { Ok(Vec::new()) })
    }
    /// Remembers that the person dismissed `change`, an op of `session`: it goes with the
    /// session when the device lets go of it (`forget`), and with the person at a sign-out.
    fn dismiss<'a>(
        &'a self,
        _session: &'a RecordId,
        _change: &'a RecordId,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async {
            Err(StoreError(
                "this device's storage keeps no dismissals".to_owned(),
            ))
        })
    }
    /// When the session was last changed by whoever logged it, after logging it
    /// (`session::edited_at`, from its ops); `None` when never.
    fn session_edited(&self, _session: &mentoring_core::Session) -> Option<Millis> {
        None
    }
    /// A milestone or action item, deleted or not: its goal's or session's id and its text
    /// (a milestone's title), as its last values say; `None` for any other record.
    fn child_record(&self, _entity: &str, _id: &RecordId) -> Option<(RecordId, String)> {
        None
    }
    /// The records the person may no longer see that the device still holds
    /// (`mentoring_core::taken::taken_from`, the person's unsent changes kept), each with its
    /// children.
    fn taken(&self) -> LocalFuture<'_, Result<Vec<(String, RecordId)>, StoreError>> {
        Box::pin(async { Ok(Vec::new()) })
    }
    /// The host's pull epoch the records held were pulled under (docs/adapter.md, `epoch`);
    /// `None` before one was kept (pulled by a widget from before it, or nothing pulled yet).
    fn epoch(&self) -> LocalFuture<'_, Result<Option<u32>, StoreError>> {
        Box::pin(async { Ok(None) })
    }
    fn set_epoch(&self, _epoch: u32) -> LocalFuture<'_, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
    /// Whether a pull from the host's start is owed, to find what the host lost
    /// ([`RecordStore::owe_resend`]): kept until [`RecordStore::send_again`] has done it, so a
    /// pull cut short starts again from the start.
    fn resend_owed(&self) -> LocalFuture<'_, Result<bool, StoreError>> {
        Box::pin(async { Ok(false) })
    }
    /// The host gave no such cursor (`unknown_cursor`: restored from an older backup, say): what
    /// it lost of the person's acknowledged changes is found by pulling its whole log again.
    fn owe_resend(&self) -> LocalFuture<'_, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
    /// Puts back in the outbox the ops of `actor`'s the device stores that the host `lacks`
    /// (after a whole pull: not among the op ids it brought) and did not refuse
    /// (`mentoring_core::merge::lost_by_host`), and clears the marks of
    /// [`RecordStore::owe_resend`] and [`RecordStore::await_echo`], in one transaction.
    /// Returns how many were put back.
    fn send_again<'a>(
        &'a self,
        _actor: &'a RecordId,
        _lacks: &'a dyn Fn(&RecordId) -> bool,
    ) -> LocalFuture<'a, Result<usize, StoreError>> {
        Box::pin(async { Ok(0) })
    }
    /// Ops the host acknowledged whose pull did not end in the same sync, so no pull has yet
    /// shown the host still holds them: the next pull that ends looks for them on its pages
    /// ([`RecordStore::unechoed`]), and sends again those it does not find (a host restored
    /// from a backup taken between that sync's cursor and the push). Replaces those kept.
    fn await_echo<'a>(&'a self, _ids: &'a [RecordId]) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
    /// What [`RecordStore::await_echo`] kept.
    fn unechoed(&self) -> LocalFuture<'_, Result<Vec<RecordId>, StoreError>> {
        Box::pin(async { Ok(Vec::new()) })
    }
    /// Lets go of every record pulled (`taken::pulled_before`), as [`RecordStore::forget`]
    /// does, but those holding a change of the person's the host has not taken (unsent, or
    /// refused): the host's epoch moved, so what it sent before may hold what it now
    /// withholds, and the device pulls again from the start. Returns the records to remove
    /// from view, or `None`, nothing let go of, when a change saved meanwhile waits for the
    /// host in one of them (asked again at the next pull).
    fn let_go_of_pulled(&self) -> LocalFuture<'_, Result<Option<Vec<Update>>, StoreError>> {
        Box::pin(async { Ok(Some(Vec::new())) })
    }
    /// Lets go of every op of the records named, stored or in memory, and rewrites the
    /// snapshot without them, in one transaction: nothing of what the person may no longer
    /// see stays on the device. Nothing changes while one of them has changes waiting for the
    /// host. Returns the records to remove from view.
    fn forget<'a>(
        &'a self,
        _records: &'a [(String, RecordId)],
    ) -> LocalFuture<'a, Result<Vec<Update>, StoreError>> {
        Box::pin(async { Ok(Vec::new()) })
    }
    /// Removes a record the host holds nothing of ([`CREATED`]) from the device, with its
    /// children and its ops still waiting in the outbox, in one transaction. Nothing changes
    /// when the host may hold some of it. Returns the records to remove from view.
    fn remove_never_held<'a>(
        &'a self,
        _entity: &'a str,
        _record: &'a RecordId,
    ) -> LocalFuture<'a, Result<Vec<Update>, StoreError>> {
        Box::pin(async { Ok(Vec::new()) })
    }
    /// Undo of [`RecordStore::remove_never_held`]: puts back what it last removed of the
    /// record as it was (its ops and its children's, those that waited waiting again, those
    /// the host refused still refused, its ops held unread held again), in one transaction.
    /// `None`, nothing written, when it is not what was last removed or records were let go of
    /// since (another tab's, a sync's, a sign-out). A refusal a sync stores meanwhile is kept:
    /// in this tab the write turn orders the two, and the refused list is joined to the stored
    /// one in the write's transaction, so another tab's is too. Returns the records to show
    /// again.
    fn put_back_removed<'a>(
        &'a self,
        _entity: &'a str,
        _record: &'a RecordId,
    ) -> LocalFuture<'a, Result<Option<Vec<Update>>, StoreError>> {
        Box::pin(async { Ok(None) })
    }
    /// Whether this device holds any op of the record, readable, deleted or not: a deletion
    /// alone (what the host sends someone taken off a relationship when its admins delete it)
    /// counts.
    fn holds_record(&self, _entity: &str, _id: &RecordId) -> bool {
        false
    }
    /// Keeps what the records need in a compact form, when enough changed since it last did,
    /// so opening stays fast. Nothing depends on it having run.
    fn compact(&self) -> LocalFuture<'_, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
    /// Resolves only once the programme-administration change is durably written. A store
    /// that keeps no programme records refuses it.
    fn commit_admin<'a>(
        &'a self,
        _change: &'a AdminChange,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async {
            Err(StoreError(
                "this device's storage keeps no programme records".to_owned(),
            ))
        })
    }
    /// As `commit_admin`, writing only what `change` sets otherwise than `base` (as
    /// `commit_over`).
    fn commit_admin_over<'a>(
        &'a self,
        change: &'a AdminChange,
        _base: Option<&'a AdminChange>,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        self.commit_admin(change)
    }
    /// The programme-administration records the store holds (programmes, enrolments, nudges…)
    /// as they stand now, and why any could not be read.
    fn admin_records(&self) -> (Vec<AdminChange>, Vec<String>) {
        (Vec::new(), Vec::new())
    }
}

#[wasm_bindgen]
extern "C" {
    /// The object js/store.js resolves `openStore()` to.
    #[derive(Clone, Debug)]
    pub type JsStore;

    #[wasm_bindgen(method, js_name = goalsOf)]
    fn goals_of(this: &JsStore, owner: &str) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = opsOf)]
    fn ops_of(this: &JsStore, owner: &str) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = opsAfter)]
    fn ops_after(this: &JsStore, owner: &str, after: f64) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = opsAt)]
    fn ops_at(this: &JsStore, owner: &str, seqs: JsValue) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = outboxOf)]
    fn outbox_of(this: &JsStore, owner: &str) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = addOps)]
    fn add_ops(this: &JsStore, owner: &str, ops: JsValue, outbox: bool) -> js_sys::Promise;
    /// `addOps` with a pull page's part (`{ hold, release, cursor, epoch }`) in its
    /// transaction, and its guard (`add_ops_over`'s, with no fields).
    #[wasm_bindgen(method, js_name = addOps)]
    fn add_ops_page(
        this: &JsStore,
        owner: &str,
        ops: JsValue,
        outbox: bool,
        guard: JsValue,
        page: JsValue,
    ) -> js_sys::Promise;
    /// `addOps` with its guard: the count of lettings go its replica was read at, and the
    /// fields that must still stand on the ops named.
    #[wasm_bindgen(method, js_name = addOps)]
    fn add_ops_over(
        this: &JsStore,
        owner: &str,
        ops: JsValue,
        outbox: bool,
        guard: JsValue,
    ) -> js_sys::Promise;
    /// `addOps` putting back what `forgetRecords` removed: `waiting` the ids of the ops that
    /// wait again, `part` the held ops and the refused ids.
    #[wasm_bindgen(method, js_name = addOps)]
    fn add_ops_back(
        this: &JsStore,
        owner: &str,
        ops: JsValue,
        waiting: JsValue,
        guard: JsValue,
        part: JsValue,
    ) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn acknowledge(this: &JsStore, owner: &str, ids: JsValue) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = forgetRecords)]
    fn forget_records(
        this: &JsStore,
        owner: &str,
        keys: &str,
        snapshot: JsValue,
        forgets: f64,
        unsent: bool,
    ) -> js_sys::Promise;
    /// Puts `ops` in the outbox (those not there already) and clears the owed pull's mark and
    /// the acknowledged ops awaited, only while the owner's rows were let go of `forgets`
    /// times: `{ queued, letGo }`.
    #[wasm_bindgen(method, js_name = sendAgain)]
    fn send_again(this: &JsStore, owner: &str, ops: JsValue, forgets: f64) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = getMeta)]
    fn get_meta(this: &JsStore, key: &str) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = putMeta)]
    fn put_meta(this: &JsStore, key: &str, value: JsValue) -> js_sys::Promise;
    /// `put_meta` only while the owner's rows were let go of `forgets` times; resolves to
    /// whether it wrote.
    #[wasm_bindgen(method, js_name = putMeta)]
    fn put_meta_if(this: &JsStore, key: &str, value: JsValue, forgets: f64) -> js_sys::Promise;
}

const PERSON_KEY: &str = "person";
const DEVICE_KEY: &str = "device";
/// Under this, followed by the owner's id: the directory last received for them.
const DIRECTORY_KEY: &str = "directory:";
const DIRECTORY_AT_KEY: &str = "directory-at:";

/// Who the store works for, on which device, and what it knows.
struct Opened {
    owner: RecordId,
    device: RecordId,
    replica: Replica,
    /// Every op row up to this `seq` is in the replica: a snapshot of the replica may say so.
    folded: f64,
    /// Ops taken in since the snapshot was written (or all of them, without one).
    since_snapshot: usize,
    /// Why op rows up to `folded` could not be read: they stay in storage.
    unreadable_rows: Vec<String>,
    /// The `seq`s of those rows: a snapshot carries them, so every opening reads them again
    /// (a later version may read what this one cannot) although `folded` passed them.
    retry: Vec<f64>,
    /// How many times rows of the person's were let go of (`forgetRecords`, and each sign-out),
    /// as of the replica: another tab that let go of some makes this one read the replica
    /// again, and no snapshot of this replica is written at another count.
    forgets: f64,
    /// The ops of this person the host refused for good ([`RecordStore::refused`]), with
    /// their code and field when known.
    refused: RefusedOps,
}

impl Opened {
    /// Rows just stored by `addOps` and merged: if they follow `folded` directly (no other
    /// tab stored rows in between), the replica now holds every row up to the last of them.
    fn stored(&mut self, seqs: &JsValue, ops: usize) {
        let seq = |key: &str| {
            js_sys::Reflect::get(seqs, &JsValue::from_str(key))
                .ok()?
                .as_f64()
        };
        if let (Some(first), Some(last)) = (seq("first"), seq("last")) {
            if first == self.folded + 1.0 {
                self.folded = last;
            }
        }
        self.since_snapshot += ops;
    }
}

/// Where the ids of a person's ops the host refused are kept in `meta`, one a line (removed
/// with the person's other data by `forget`, js/store.js): the id alone (as first kept), or
/// followed by the host's code, the entity, record and field, separated by spaces (none of
/// them holds one).
fn refused_key(owner: &RecordId) -> String {
    format!("refused:{owner}")
}

/// What is kept of an op the host refused: its code and field, unknown for one kept by id alone.
#[derive(Clone, Debug, Default)]
struct Refusal {
    code: String,
    field: Option<(String, RecordId, String)>,
}

/// The refused ops kept, by id, in the order of their ids (as a `BTreeMap` kept them): a list
/// searched by halves, since a map of its own compiled a whole B-tree for it.
#[derive(Clone, Debug, Default)]
struct RefusedOps(Vec<(RecordId, Refusal)>);

impl RefusedOps {
    fn find(&self, id: &RecordId) -> Result<usize, usize> {
        self.0.binary_search_by(|(kept, _)| kept.cmp(id))
    }

    fn contains_key(&self, id: &RecordId) -> bool {
        self.find(id).is_ok()
    }

    /// The refusal kept for `id`, a default one put in its place if none was: and whether
    /// it was just put there.
    fn slot(&mut self, id: RecordId) -> (bool, &mut Refusal) {
        let (new, at) = match self.find(&id) {
            Ok(at) => (false, at),
            Err(at) => {
                self.0.insert(at, (id, Refusal::default()));
                (true, at)
            }
        };
        (new, &mut self.0[at].1)
    }

    /// Each of `other`'s in place of any kept for its id.
    fn extend(&mut self, other: RefusedOps) {
        for (id, refusal) in other.0 {
            *self.slot(id).1 = refusal;
        }
    }

    fn retain(&mut self, mut keep: impl FnMut(&RecordId) -> bool) {
        self.0.retain(|(id, _)| keep(id));
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn iter(&self) -> impl Iterator<Item = (&RecordId, &Refusal)> {
        self.0.iter().map(|(id, refusal)| (id, refusal))
    }
}

fn refused_text(refused: &RefusedOps) -> JsValue {
    let lines: Vec<String> = (refused.iter())
        .map(|(id, refusal)| match &refusal.field {
            Some((entity, record, field)) => {
                format!("{id} {} {entity} {record} {field}", refusal.code)
            }
            None => id.to_string(),
        })
        .collect();
    JsValue::from_str(&lines.join("\n"))
}

fn refused_from_text(text: &str) -> RefusedOps {
    // A later line for an id replaces an earlier one.
    let mut refused = RefusedOps::default();
    for line in text.split('\n') {
        let mut parts = line.split(' ');
        let Some(Ok(id)) = parts.next().map(RecordId::parse) else {
            continue;
        };
        let rest: Vec<&str> = parts.collect();
        let refusal = match rest.as_slice() {
            [code, entity, record, field] => Refusal {
                code: (*code).to_owned(),
                field: RecordId::parse(record)
                    .ok()
                    .map(|record| ((*entity).to_owned(), record, (*field).to_owned())),
            },
            _ => Refusal::default(),
        };
        *refused.slot(id).1 = refusal;
    }
    refused
}

/// Ids as a JS array of strings.
fn ids_to_js(ids: &[RecordId]) -> JsValue {
    let ids: js_sys::Array = (ids.iter())
        .map(|id| JsValue::from_str(id.as_str()))
        .collect();
    ids.into()
}

/// Under this key (js/store.js `PERSON_META_KEYS`), acknowledged ops no pull has shown yet
/// ([`RecordStore::await_echo`]).
fn echo_key(owner: &RecordId) -> String {
    format!("echo:{owner}")
}

/// Under this key (js/store.js `PERSON_META_KEYS`), a pull from the host's start owed to find
/// what it lost ([`RecordStore::owe_resend`]).
fn resend_key(owner: &RecordId) -> String {
    format!("resend:{owner}")
}

/// Where the ops from the host this widget could not read are kept in `meta`, as received
/// (JSON texts), until a version that reads them opens (removed with the person's other data
/// by `forget`, and with their record by `forgetRecords`, js/store.js).
fn held_key(owner: &RecordId) -> String {
    format!("held:{owner}")
}

/// The held ops' texts as stored.
fn held_texts(stored: &JsValue) -> Vec<String> {
    if !js_sys::Array::is_array(stored) {
        return Vec::new();
    }
    (js_sys::Array::from(stored).iter())
        .filter_map(|text| text.as_string())
        .collect()
}

/// Where the changes to sessions a person dismissed are kept in `meta`, a line each: the
/// session's id, a space, the change's op id (js/store.js `forgetRecords` drops a session's
/// lines with it).
fn dismissed_key(owner: &RecordId) -> String {
    format!("dismissed:{owner}")
}

/// Where a person's snapshot is kept in `meta`.
fn snapshot_key(owner: &RecordId) -> String {
    format!("snapshot:{owner}")
}

/// Bumped when the snapshot's layout changes, or what `Replica::compact` keeps: an older one
/// is then read as no snapshot, and rebuilt from the rows (never compacted away). 2: every op
/// of a relationship's sides is kept (a format-1 snapshot lacks them while listing them as
/// known, so the host's re-sending would be dropped). 3: every op of a session's time is kept
/// too (a partner is told the time it was moved from, `reminders::session_changes`).
const SNAPSHOT_FORMAT: i64 = 3;

/// Ops taken in since the last snapshot before writing a new one is worth it: opening folds
/// at most about this many rows past the snapshot.
pub const SNAPSHOT_AFTER_OPS: usize = 500;

/// `value[key]`, undefined when it has none.
fn key_of(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Ids as one text, one a line (ids have no line breaks): one string crosses into the wasm
/// instead of one per id.
fn ids_text<'a>(ids: impl IntoIterator<Item = &'a RecordId>) -> JsValue {
    let mut text = String::new();
    for id in ids {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(id.as_str());
    }
    JsValue::from_str(&text)
}

fn ids_from_text(object: &JsObject, key: &str) -> Result<Vec<RecordId>, String> {
    let text = object.text_or_empty(key)?;
    text.split('\n')
        .filter(|line| !line.is_empty())
        .map(|id| RecordId::parse(id).map_err(|e| format!("snapshot {key}: {e}")))
        .collect()
}

fn snapshot_to_js(opened: &Opened) -> JsValue {
    let compacted = opened.replica.compact();
    let heads: js_sys::Array = compacted
        .heads
        .iter()
        .map(|op| op_to_wire(op).to_js())
        .collect();
    let awaited: js_sys::Array = compacted
        .awaited
        .iter()
        .map(|a| {
            object(&[
                ("entity", JsValue::from_str(&a.entity)),
                ("record", JsValue::from_str(a.record.as_str())),
                ("field", JsValue::from_str(&a.field)),
                ("ops", ids_text(&a.ops)),
            ])
        })
        .collect();
    let retry: js_sys::Array = (opened.retry.iter())
        .map(|seq| JsValue::from_f64(*seq))
        .collect();
    object(&[
        ("format", JsValue::from_f64(SNAPSHOT_FORMAT as f64)),
        ("owner", JsValue::from_str(opened.owner.as_str())),
        ("upTo", JsValue::from_f64(opened.folded)),
        ("clock", JsValue::from_str(&compacted.clock.encode())),
        ("known", ids_text(&compacted.known)),
        ("heads", heads.into()),
        ("awaited", awaited.into()),
        ("retry", retry.into()),
    ])
}

/// A stored snapshot: the compacted replica, the `seq` of the last row in it, and the `seq`s
/// of rows up to it that could not be read, read again at every opening.
struct Snapshot {
    compacted: Compacted,
    up_to: f64,
    retry: Vec<f64>,
}

/// Reads `owner`'s snapshot; any fault refuses it whole (the rows are read instead).
fn snapshot_from_js(value: &JsValue, owner: &RecordId) -> Result<Snapshot, String> {
    let snapshot = JsObject::new(value, "snapshot")?;
    if snapshot.int("format")? != SNAPSHOT_FORMAT {
        return Err("the snapshot is in another format".to_owned());
    }
    if snapshot.text("owner")? != owner.as_str() {
        return Err("the snapshot is someone else's".to_owned());
    }
    let up_to = snapshot.int("upTo")?;
    if up_to < 0 {
        return Err("the snapshot's position is negative".to_owned());
    }
    // One written before rows it passed were kept to read again names only why they failed:
    // every row is read instead, so a version that reads them now takes them in.
    let passed = js_sys::Reflect::get(value, &JsValue::from_str("unreadable")).ok();
    if passed.is_some_and(|p| js_sys::Array::is_array(&p) && js_sys::Array::from(&p).length() > 0) {
        return Err("the snapshot passed rows it could not read".to_owned());
    }
    let retry = match js_sys::Reflect::get(value, &JsValue::from_str("retry")) {
        Ok(list) if js_sys::Array::is_array(&list) => (js_sys::Array::from(&list).iter())
            .map(|seq| {
                seq.as_f64()
                    .ok_or_else(|| "snapshot retry: not a number".to_owned())
            })
            .collect::<Result<Vec<f64>, String>>()?,
        _ => Vec::new(),
    };
    let heads = snapshot
        .items("heads")?
        .iter()
        .map(|item| OpV1::from_js(item).and_then(|wire| op_from_wire(&wire)))
        .collect::<Result<Vec<Op>, String>>()?;
    let awaited = snapshot
        .items("awaited")?
        .iter()
        .map(|item| {
            let field = JsObject::new(item, "snapshot awaited")?;
            Ok(Awaited {
                entity: field.text("entity")?,
                record: RecordId::parse(&field.text("record")?).map_err(|e| e.to_string())?,
                field: field.text("field")?,
                ops: ids_from_text(&field, "ops")?,
            })
        })
        .collect::<Result<Vec<Awaited>, String>>()?;
    Ok(Snapshot {
        compacted: Compacted {
            clock: Hlc::decode(&snapshot.text("clock")?)?,
            known: ids_from_text(&snapshot, "known")?,
            heads,
            awaited,
        },
        up_to: up_to as f64,
        retry,
    })
}

pub struct IndexedDbStore {
    js: JsStore,
    clock: Rc<dyn Clock>,
    opened: RefCell<Option<Opened>>,
    /// [`SNAPSHOT_AFTER_OPS`], or fewer in tests.
    snapshot_after: usize,
    /// Resolves when the previous write finished: writes run one at a time, so two quick
    /// edits of one field never supersede the same value as if made concurrently.
    queue: RefCell<js_sys::Promise>,
    /// What [`RecordStore::remove_never_held`] last removed, for its Undo.
    removed: RefCell<Option<Removed>>,
    /// The programmes of the directory last kept for a person (`directory_programmes`).
    programmes: RefCell<Option<(RecordId, Vec<Programme>)>>,
}

/// A record removed from the device with its children, as storage held it.
struct Removed {
    entity: String,
    record: RecordId,
    /// js/store.js `forgetRecords`'s `removed`: `{ ops, waiting, held }`.
    rows: JsValue,
    /// What the host had refused of this person's ops then, those ops' refusals among them.
    refused: RefusedOps,
    /// How many times rows went, the removal counted: put back only while it stays so.
    forgets: f64,
}

async fn settle(promise: js_sys::Promise) -> Result<JsValue, StoreError> {
    JsFuture::from(promise)
        .await
        .map_err(|e| StoreError::from_js(&e))
}

fn not_loaded() -> StoreError {
    StoreError("storage was used before it was opened for a person".to_owned())
}

/// Opens the next place in the write queue when dropped, whatever happened.
struct Turn(js_sys::Function);

impl Drop for Turn {
    fn drop(&mut self) {
        let _ = self.0.call0(&JsValue::NULL);
    }
}

impl IndexedDbStore {
    pub fn new(js: JsStore, clock: Rc<dyn Clock>) -> Self {
        IndexedDbStore {
            js,
            clock,
            opened: RefCell::new(None),
            snapshot_after: SNAPSHOT_AFTER_OPS,
            queue: RefCell::new(js_sys::Promise::resolve(&JsValue::UNDEFINED)),
            removed: RefCell::new(None),
            programmes: RefCell::new(None),
        }
    }

    /// Writes a snapshot once `ops` were taken in since the last one (tests use a few).
    pub fn snapshot_after(self, ops: usize) -> Self {
        IndexedDbStore {
            snapshot_after: ops,
            ..self
        }
    }

    /// Waits for the writes before this one; the returned turn lets the next one run.
    async fn my_turn(&self) -> Turn {
        let mut open = None;
        let gate = js_sys::Promise::new(&mut |resolve, _| open = Some(resolve));
        let previous = self.queue.replace(gate);
        let _ = JsFuture::from(previous).await;
        Turn(open.expect("a promise runs its executor at once"))
    }

    fn owner(&self) -> Result<RecordId, StoreError> {
        self.opened
            .borrow()
            .as_ref()
            .map(|o| o.owner.clone())
            .ok_or_else(not_loaded)
    }

    async fn device_id(&self) -> Result<RecordId, StoreError> {
        let stored = settle(self.js.get_meta(DEVICE_KEY)).await?;
        if let Some(id) = stored.as_string().and_then(|s| RecordId::parse(&s).ok()) {
            return Ok(id);
        }
        let id = RecordId::mint("dev", self.clock.now(), self.clock.entropy());
        settle(self.js.put_meta(DEVICE_KEY, JsValue::from_str(id.as_str()))).await?;
        Ok(id)
    }

    /// Ops in wire form, for storing.
    fn wire(ops: &[Op]) -> Result<JsValue, StoreError> {
        let wire: js_sys::Array = ops.iter().map(|op| op_to_wire(op).to_js()).collect();
        Ok(wire.into())
    }

    /// The ops of `{ ops, seqs, last }` as `opsOf`, `opsAfter` and `opsAt` resolve, and
    /// `last`; the `seq` of each row that cannot be read goes to `retry`.
    fn read_rows(
        rows: &JsValue,
        unreadable: &mut Vec<String>,
        retry: &mut Vec<f64>,
    ) -> (Vec<Op>, f64) {
        let field = |key: &str| js_sys::Reflect::get(rows, &JsValue::from_str(key));
        let ops = field("ops").unwrap_or(JsValue::UNDEFINED);
        let seqs = js_sys::Array::from(&field("seqs").unwrap_or(JsValue::UNDEFINED));
        let last = field("last").ok().and_then(|l| l.as_f64()).unwrap_or(0.0);
        let mut read = Vec::new();
        for (at, item) in js_sys::Array::from(&ops).iter().enumerate() {
            match OpV1::from_js(&item)
                .map_err(|e| format!("stored op: {e}"))
                .and_then(|wire| op_from_wire(&wire))
            {
                Ok(op) => read.push(op),
                Err(reason) => {
                    unreadable.push(reason);
                    if let Some(seq) = seqs.get(at as u32).as_f64() {
                        retry.push(seq);
                    }
                }
            }
        }
        (read, last)
    }

    /// Goals saved by the first version of the widget (whole records), as ops, once.
    async fn migrate_v1_goals(
        &self,
        owner: &RecordId,
        device: &RecordId,
        replica: &mut Replica,
        unreadable: &mut Vec<String>,
    ) -> Result<Option<JsValue>, StoreError> {
        let records = settle(self.js.goals_of(owner.as_str())).await?;
        let mut ops = Vec::new();
        for record in js_sys::Array::from(&records).iter() {
            let goal = StoredGoal::from_js(&record).and_then(Goal::try_from);
            match goal {
                Ok(goal) => ops.extend(self.draft(
                    replica,
                    owner,
                    device,
                    &diff(None, &Change::Goal(goal)),
                    "op",
                )),
                Err(reason) => unreadable.push(reason),
            }
        }
        if ops.is_empty() {
            return Ok(None);
        }
        let seqs = settle(self.js.add_ops(owner.as_str(), Self::wire(&ops)?, true)).await?;
        for op in ops {
            replica.apply(op, self.clock.now());
        }
        Ok(Some(seqs))
    }

    /// The ops that make `edits`, not yet merged.
    fn draft(
        &self,
        replica: &mut Replica,
        owner: &RecordId,
        device: &RecordId,
        edits: &[Edit],
        prefix: &str,
    ) -> Vec<Op> {
        let now = self.clock.now();
        edits
            .iter()
            .map(|edit| {
                let (entity, record, field, value) = match edit {
                    Edit::Set {
                        entity,
                        record,
                        field,
                        value,
                    } => (*entity, record, field.as_str(), value.clone()),
                    Edit::Delete { entity, record } => {
                        (*entity, record, DELETED, FieldValue::Bool(true))
                    }
                };
                // A delete lists what it saw of the record, and says so by its id; so does the
                // end of a pairing that never started (`reminders::ENDED_UNSTARTED_PREFIX`).
                let current = replica.winner(entity, record, field).map(|op| &op.value);
                let prefix = if field == DELETED && value == FieldValue::Bool(true) {
                    TOMBSTONE_PREFIX
                } else if ends_unstarted(entity, field, &value, current) {
                    // Naming who ends it, as the pair stands here.
                    let side =
                        |side: &str| replica.winner(entity, record, side).map(|op| &op.value);
                    ended_unstarted_prefix(owner, side("mentor"), side("mentee"))
                } else {
                    prefix
                };
                let id = RecordId::mint(prefix, now, self.clock.entropy());
                replica.draft(owner, device, entity, record, field, value, now, id)
            })
            .collect()
    }
}

/// The records a replica holds, rebuilt as domain records. One held only in part (its first
/// writes still to come, as after a sign-out that kept the person's unsent edits alone) is
/// not reported unreadable: the next pull brings the rest.
fn project_all(replica: &Replica) -> (Vec<Change>, Vec<UnreadableRecord>) {
    let records = replica.records();
    let projection = changes_from(records.iter().map(|(e, id, f)| (entity_name(e), id, f)));
    let awaited = replica.awaited_records();
    let unreadable = (projection.unreadable.into_iter())
        .filter_map(|u| match u.record.as_deref() {
            Some((entity, id)) if awaited.contains(&(entity.as_str(), id)) => None,
            Some((entity, _)) => Some(UnreadableRecord::of(entity_name(entity), u.reason)),
            None => Some(UnreadableRecord::of("", u.reason)),
        })
        .collect();
    (projection.changes, unreadable)
}

/// The programme-administration records a replica holds.
fn project_admin(replica: &Replica) -> (Vec<AdminChange>, Vec<String>) {
    let records = replica.records();
    let admin_name = |e: &str| ADMIN_ENTITIES.into_iter().find(|k| *k == e).unwrap_or("");
    let projection = admin_changes_from(records.iter().map(|(e, id, f)| (admin_name(e), id, f)));
    (projection.changes, projection.unreadable)
}

/// Entity names as `'static` strs for the projection; unknown kinds map to "" and are skipped.
fn entity_name(entity: &str) -> &'static str {
    (ENTITIES.into_iter())
        .chain([MILESTONE, ACTION])
        .find(|k| *k == entity)
        .unwrap_or("")
}

/// One record with its children, as the replica has it now.
fn project_one(replica: &Replica, entity: &str, id: &RecordId) -> Option<Change> {
    project_with(replica, entity, id, replica.record(entity, id)?)
}

/// The record `entity` `id` holding `fields`, with its children as the replica has them.
fn project_with(replica: &Replica, entity: &str, id: &RecordId, fields: Fields) -> Option<Change> {
    let child = match entity {
        "goal" => Some((MILESTONE, "goal")),
        "session" => Some((ACTION, "session")),
        _ => None,
    };
    let mut children: Vec<(RecordId, Fields)> = Vec::new();
    if let Some((kind, parent_field)) = child {
        for (e, child_id, f) in replica.records() {
            if e == kind && f.get(parent_field) == Some(&FieldValue::Text(id.to_string())) {
                children.push((child_id, f));
            }
        }
    }
    let kind = child.map_or("", |(k, _)| k);
    let all = std::iter::once((entity_name(entity), id, &fields))
        .chain(children.iter().map(|(i, f)| (kind, i, f)));
    changes_from(all).changes.into_iter().next()
}

/// The record a touched field belongs to in view: a child's parent, or itself.
fn parent_of(replica: &Replica, entity: &str, id: &RecordId) -> Option<(String, RecordId)> {
    let parent_field = match entity {
        e if e == MILESTONE => "goal",
        e if e == ACTION => "session",
        _ => return Some((entity.to_owned(), id.clone())),
    };
    let parent_entity = if parent_field == "goal" {
        "goal"
    } else {
        "session"
    };
    // A deleted child is not in `record`; its last parent field is still in the op log.
    let parent = replica.winner(entity, id, parent_field)?;
    match &parent.value {
        FieldValue::Text(p) => RecordId::parse(p)
            .ok()
            .map(|p| (parent_entity.to_owned(), p)),
        _ => None,
    }
}

impl RecordStore for IndexedDbStore {
    fn load<'a>(&'a self, me: &'a RecordId) -> LocalFuture<'a, Result<Loaded, StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            let device = self.device_id().await?;
            let forgets = self.forgets(me).await?;
            let (replica, folded, since_snapshot, (unreadable_rows, retry)) =
                self.read_replica(me).await?;
            let refused = self.stored_refused(me).await?;
            let mut opened = Opened {
                owner: me.clone(),
                device,
                replica,
                folded,
                since_snapshot,
                unreadable_rows,
                retry,
                forgets,
                refused,
            };
            let mut unreadable: Vec<UnreadableRecord> = (opened.unreadable_rows.iter())
                .map(|reason| UnreadableRecord::of("", reason.clone()))
                .collect();
            if opened.replica.is_empty() {
                let mut goals = Vec::new();
                let migrated = self
                    .migrate_v1_goals(me, &opened.device, &mut opened.replica, &mut goals)
                    .await?;
                unreadable.extend(goals.into_iter().map(|g| UnreadableRecord::of("goal", g)));
                if let Some(seqs) = migrated {
                    opened.stored(&seqs, opened.replica.len());
                }
            }
            *self.opened.borrow_mut() = Some(opened);
            // What was taken from the person while a page of theirs was not open to let go of
            // it (or before devices did): only screens would hide it otherwise. First, so the
            // ops held of it go with it before any is read.
            match self.taken_now(Vec::new()).await {
                Ok(taken) if !taken.is_empty() => {
                    if let Err(error) = self.forget_now(&taken, false).await {
                        super::console_warn(&format!("mentoring widget: {error:?}"));
                    }
                }
                Ok(_) => {}
                Err(error) => super::console_warn(&format!("mentoring widget: {error:?}")),
            }
            // A newer version may read what an older one held; what it still cannot stays.
            if let Err(error) = self.read_held_now().await {
                super::console_warn(&format!("mentoring widget: {error:?}"));
            }
            // An id is kept only while its op is: once the op is let go of (its record was
            // taken from the person), nothing can be told of it, and the list would only grow.
            let pruned = {
                let mut opened = self.opened.borrow_mut();
                let opened = opened.as_mut().ok_or_else(not_loaded)?;
                let held = opened.refused.len();
                let replica = &opened.replica;
                opened.refused.retain(|id| replica.knows(id));
                (opened.refused.len() < held).then(|| refused_text(&opened.refused))
            };
            if let Some(text) = pruned {
                settle(self.js.put_meta(&refused_key(me), text)).await?;
            }
            let (records, bad) = {
                let opened = self.opened.borrow();
                project_all(&opened.as_ref().ok_or_else(not_loaded)?.replica)
            };
            unreadable.extend(bad);
            Ok(Loaded {
                records,
                unreadable,
            })
        })
    }

    fn commit<'a>(&'a self, change: &'a Change) -> LocalFuture<'a, Result<(), StoreError>> {
        // The base is read now, not once the write's turn comes: what is stored meanwhile is
        // not this change's to undo.
        let base = self.record(change.entity(), change.id());
        Box::pin(async move { self.commit_over(change, base.as_ref()).await })
    }

    fn commit_over<'a>(
        &'a self,
        change: &'a Change,
        base: Option<&'a Change>,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            // A record this device holds nothing of (let go of meanwhile) is written whole, and
            // so is one the host holds nothing of (its creation refused): a change alone would
            // be judged as a record without the rest of its fields, and refused for ever.
            let (entity, id) = (change.entity(), change.id());
            let held = base.filter(|_| self.holds_record(entity, id));
            let mut whole = held.filter(|_| !self.never_held(entity, id)).cloned();
            // So is a milestone or action item the host refused alone.
            match &mut whole {
                Some(Change::Goal(g)) => {
                    g.milestones.retain(|m| !self.never_held(MILESTONE, &m.id))
                }
                Some(Change::Session(s)) => s.actions.retain(|a| !self.never_held(ACTION, &a.id)),
                _ => {}
            }
            // Yet a child removed is deleted even if the host never held it: its ops stay on
            // the device, and without the delete it would be shown again. Such a delete stays
            // here, never queued: the host holds nothing of the child to delete, and would
            // refuse it as a change to a record it does not know.
            let sets = (diff(whole.as_ref(), change).into_iter())
                .filter(|edit| matches!(edit, Edit::Set { .. }));
            let (here, sent): (Vec<Edit>, Vec<Edit>) = (diff(held, change).into_iter())
                .filter(|edit| matches!(edit, Edit::Delete { .. }))
                .partition(|edit| {
                    matches!(edit, Edit::Delete { entity, record } if self.never_held(entity, record))
                });
            self.write(&sets.chain(sent).collect::<Vec<_>>()).await?;
            if !here.is_empty() {
                self.write_over(&here, "op", &[], false).await?;
            }
            Ok(())
        })
    }

    fn record(&self, entity: &str, id: &RecordId) -> Option<Change> {
        project_one(&self.opened.borrow().as_ref()?.replica, entity, id)
    }

    fn commit_admin<'a>(
        &'a self,
        change: &'a AdminChange,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        let base = (self.admin_records().0.into_iter())
            .find(|a| a.entity() == change.entity() && a.id() == change.id());
        Box::pin(async move { self.commit_admin_over(change, base.as_ref()).await })
    }

    fn commit_admin_over<'a>(
        &'a self,
        change: &'a AdminChange,
        base: Option<&'a AdminChange>,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            let base = base.filter(|_| self.holds_record(change.entity(), change.id()));
            self.write(&admin_diff(base, change)).await
        })
    }

    fn deleted_session(&self, id: &RecordId) -> Option<(RecordId, Millis)> {
        let opened = self.opened.borrow();
        let replica = &opened.as_ref()?.replica;
        if replica.record("session", id).is_some() {
            return None;
        }
        let value = |field: &str| replica.winner("session", id, field).map(|op| &op.value);
        let relationship = match value("relationship")? {
            FieldValue::Text(r) => RecordId::parse(r).ok()?,
            _ => return None,
        };
        match value("at")? {
            FieldValue::Int(at) => Some((relationship, Millis(*at))),
            _ => None,
        }
    }

    fn deleted_record(&self, entity: &str, id: &RecordId) -> Option<Change> {
        let opened = self.opened.borrow();
        let replica = &opened.as_ref()?.replica;
        if replica.record(entity, id).is_some() {
            return None;
        }
        project_with(replica, entity, id, replica.record_undeleted(entity, id)?)
    }

    fn session_edited(&self, session: &mentoring_core::Session) -> Option<Millis> {
        let opened = self.opened.borrow();
        mentoring_core::session::edited_at(&opened.as_ref()?.replica, session)
    }

    fn session_changes(&self) -> Vec<SessionChange> {
        (self.opened.borrow().as_ref())
            .map(|o| session_changes(&o.replica))
            .unwrap_or_default()
    }

    fn dismissed(&self) -> LocalFuture<'_, Result<Vec<RecordId>, StoreError>> {
        Box::pin(async move {
            let stored = self.stored_dismissed(&self.owner()?).await?;
            Ok(stored.into_iter().map(|(_, change)| change).collect())
        })
    }

    fn dismiss<'a>(
        &'a self,
        session: &'a RecordId,
        change: &'a RecordId,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            // In the write turn: another dismissal in this tab is not written over.
            let _turn = self.my_turn().await;
            let owner = self.owner()?;
            let mut kept = self.stored_dismissed(&owner).await?;
            if !kept.iter().any(|(_, c)| c == change) {
                kept.push((session.clone(), change.clone()));
            }
            let text: Vec<String> = (kept.iter()).map(|(s, c)| format!("{s} {c}")).collect();
            settle(
                self.js
                    .put_meta(&dismissed_key(&owner), JsValue::from_str(&text.join("\n"))),
            )
            .await
            .map(drop)
        })
    }

    fn child_record(&self, entity: &str, id: &RecordId) -> Option<(RecordId, String)> {
        let text_field = match entity {
            e if e == MILESTONE => "title",
            e if e == ACTION => "text",
            _ => return None,
        };
        let opened = self.opened.borrow();
        let replica = &opened.as_ref()?.replica;
        let (_, parent) = parent_of(replica, entity, id)?;
        match replica.record_undeleted(entity, id)?.get(text_field) {
            Some(FieldValue::Text(text)) => Some((parent, text.clone())),
            _ => None,
        }
    }

    fn holds_record(&self, entity: &str, id: &RecordId) -> bool {
        (self.opened.borrow().as_ref()).is_some_and(|o| o.replica.holds(entity, id))
    }

    fn admin_records(&self) -> (Vec<AdminChange>, Vec<String>) {
        self.opened
            .borrow()
            .as_ref()
            .map(|o| project_admin(&o.replica))
            .unwrap_or_default()
    }

    fn pairing_log(&self) -> Vec<PairingLog> {
        (self.opened.borrow().as_ref())
            .map(|o| pairing_log(&o.replica))
            .unwrap_or_default()
    }

    fn conflicts(&self) -> Vec<Conflict> {
        let opened = self.opened.borrow();
        let Some(opened) = opened.as_ref() else {
            return Vec::new();
        };
        let lost = opened
            .replica
            .all_conflicts()
            .into_iter()
            .filter(|op| {
                op.field != DELETED && opened.replica.record(&op.entity, &op.record).is_some()
            })
            .map(|op| {
                let winner = opened.replica.winner(&op.entity, &op.record, &op.field);
                Conflict {
                    op: op.id.clone(),
                    entity: op.entity.clone(),
                    record: op.record.clone(),
                    field: op.field.clone(),
                    value: op.value.clone(),
                    kept: winner.map_or(FieldValue::Null, |winner| winner.value.clone()),
                    by: op.actor.clone(),
                    kept_by: winner.map_or_else(|| op.actor.clone(), |winner| winner.actor.clone()),
                    at: Millis(winner.map_or(0, |winner| winner.hlc.wall)),
                    item: None,
                    written: Vec::new(),
                    refused: None,
                }
            });
        let unseen = opened.replica.unseen_by_delete(&opened.owner);
        let unseen = (unseen.into_iter())
            .filter(|u| !entity_name(u.entity).is_empty())
            // A change the host refused comes back with nothing: it is not told as if it did.
            .filter_map(|mut u| {
                u.edits.retain(|op| !opened.refused.contains_key(&op.id));
                (!u.edits.is_empty()).then_some(u)
            })
            .map(|u| Conflict {
                op: u.edits[0].id.clone(),
                entity: u.entity.to_owned(),
                record: u.record.clone(),
                field: DELETED.to_owned(),
                value: FieldValue::Bool(false),
                kept: FieldValue::Bool(true),
                by: u.tombstone.actor.clone(),
                kept_by: u.tombstone.actor.clone(),
                at: Millis(u.tombstone.hlc.wall),
                item: u.child.cloned(),
                written: (u.edits.iter())
                    .map(|op| (op.field.clone(), op.value.clone()))
                    .collect(),
                refused: None,
            });
        // A refused change still shown here: the device and the host stay apart until the
        // person takes the host's value (or writes the field again).
        let replica = &opened.replica;
        let never_held = |entity: &str, record: &RecordId| {
            replica.stands_only_on(entity, record, |op| opened.refused.contains_key(op))
        };
        // A few at most: a list, not a set of a type of its own.
        let mut listed: Vec<(String, RecordId)> = Vec::new();
        let refused = (opened.refused.iter()).filter_map(move |(id, refusal)| {
            let (entity, record, field) = refusal.field.as_ref()?;
            let winner = replica.winner(entity, record, field)?;
            if &winner.id != id {
                return None;
            }
            let told = |entity: &str, record: &RecordId, field: &str, value, kept| Conflict {
                op: id.clone(),
                entity: entity.to_owned(),
                record: record.clone(),
                field: field.to_owned(),
                value,
                kept,
                by: winner.actor.clone(),
                kept_by: winner.actor.clone(),
                at: Millis(winner.hlc.wall),
                item: None,
                written: Vec::new(),
                refused: Some(refusal.code.clone()),
            };
            // A record the host took none of (a milestone or action item with its goal or
            // session, or one added alone to a goal or session it keeps): listed once, as the
            // record, while the device shows it.
            let (parent_entity, parent) = parent_of(replica, entity, record)?;
            let (new_entity, new) = if never_held(&parent_entity, &parent) {
                (parent_entity.as_str(), &parent)
            } else {
                (entity.as_str(), record)
            };
            if never_held(new_entity, new) {
                let shown = replica.record(new_entity, new).is_some()
                    && replica.record(&parent_entity, &parent).is_some();
                let key = (new_entity.to_owned(), new.clone());
                let first = shown && !listed.contains(&key);
                if first {
                    listed.push(key);
                }
                return first
                    .then(|| told(new_entity, new, CREATED, FieldValue::Null, FieldValue::Null));
            }
            // A delete the host refused: the device shows the record deleted, the host keeps it.
            if field == DELETED {
                return (winner.value == FieldValue::Bool(true)).then(|| {
                    told(
                        entity,
                        record,
                        DELETED,
                        FieldValue::Bool(true),
                        FieldValue::Bool(false),
                    )
                });
            }
            replica.record(entity, record)?;
            // What the host holds: the field as if no refused op had been written.
            let others: Vec<Op> = (replica.history(entity, record, field).iter())
                .filter(|op| !opened.refused.contains_key(&op.id))
                .cloned()
                .collect();
            let mut superseded = BTreeSet::new();
            for op in &others {
                superseded.extend(op.supersedes.iter().cloned());
            }
            let held = mentoring_core::merge::shown(&others, &superseded)
                .into_iter()
                .next();
            Some(Conflict {
                op: id.clone(),
                entity: entity.clone(),
                record: record.clone(),
                field: field.clone(),
                value: winner.value.clone(),
                kept: held.map_or(FieldValue::Null, |op| op.value.clone()),
                by: winner.actor.clone(),
                kept_by: held.map_or_else(|| winner.actor.clone(), |op| op.actor.clone()),
                at: Millis(held.map_or(0, |op| op.hlc.wall)),
                item: None,
                written: Vec::new(),
                refused: Some(refusal.code.clone()),
            })
        });
        lost.chain(unseen).chain(refused).collect()
    }

    fn standing(&self, entity: &str, record: &RecordId, field: &str) -> Option<Standing> {
        let opened = self.opened.borrow();
        let winner = opened.as_ref()?.replica.winner(entity, record, field)?;
        Some(Standing {
            op: winner.id.clone(),
            value: winner.value.clone(),
            supersedes: winner.supersedes.clone(),
        })
    }

    fn rewrite<'a>(
        &'a self,
        entity: &'a str,
        record: &'a RecordId,
        fields: Vec<Rewrite>,
        how: Rewriting,
    ) -> LocalFuture<'a, Result<Rewritten, StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            let entity = entity_name(entity);
            let over: Vec<_> = (fields.iter())
                .filter_map(|f| Some((entity, record, f.field.as_str(), f.over.as_ref()?)))
                .collect();
            let edits: Vec<Edit> = (fields.iter())
                .map(|f| Edit::Set {
                    entity,
                    record: record.clone(),
                    field: f.field.clone(),
                    value: f.value.clone(),
                })
                .collect();
            // Named as a settlement: the same conflict settled at once elsewhere, either way,
            // is one decision taken twice, not a new conflict.
            let prefix = if how == Rewriting::Edit {
                "op"
            } else {
                SETTLE_PREFIX
            };
            let outbox = how != Rewriting::SettleHere;
            let Some(ops) = self.write_over(&edits, prefix, &over, outbox).await? else {
                return Ok(Rewritten::ChangedSince);
            };
            let opened = self.opened.borrow();
            let opened = opened.as_ref().ok_or_else(not_loaded)?;
            let shown = parent_of(&opened.replica, entity, record);
            Ok(Rewritten::Written {
                ops,
                shown: (shown.and_then(|(e, id)| project_one(&opened.replica, &e, &id)))
                    .map(Box::new),
            })
        })
    }

    fn set_deleted<'a>(
        &'a self,
        entity: &'a str,
        record: &'a RecordId,
        deleted: bool,
    ) -> LocalFuture<'a, Result<Option<Change>, StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            let entity = entity_name(entity);
            // A delete and its undo are the same field written: the later write wins.
            let edit = Edit::Set {
                entity,
                record: record.clone(),
                field: DELETED.to_owned(),
                value: FieldValue::Bool(deleted),
            };
            self.write(std::slice::from_ref(&edit)).await?;
            let opened = self.opened.borrow();
            let opened = opened.as_ref().ok_or_else(not_loaded)?;
            Ok(project_one(&opened.replica, entity, record))
        })
    }

    fn remembered_person(&self) -> LocalFuture<'_, Result<Option<Person>, StoreError>> {
        Box::pin(async move {
            let value = settle(self.js.get_meta(PERSON_KEY)).await?;
            if value.is_undefined() || value.is_null() {
                return Ok(None);
            }
            // A remembered person that cannot be read is treated as none: the widget then
            // asks the host again, which is always safe.
            Ok(StoredPerson::from_js(&value)
                .ok()
                .and_then(|p| Person::try_from(p).ok()))
        })
    }

    fn remember_person<'a>(
        &'a self,
        person: &'a Person,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let record = StoredPerson::from(person).to_js();
            settle(self.js.put_meta(PERSON_KEY, record)).await.map(drop)
        })
    }

    fn remembered_directory(
        &self,
    ) -> LocalFuture<'_, Result<Option<DirectorySnapshot>, StoreError>> {
        Box::pin(async move {
            let key = format!("{DIRECTORY_KEY}{}", self.owner()?);
            let value = settle(self.js.get_meta(&key)).await?;
            if value.is_undefined() || value.is_null() {
                return Ok(None);
            }
            // Checked as the host's reply was; one that fails is left in place (the next
            // directory received replaces it) and the widget starts without names.
            Ok(read_directory(200, &value).ok())
        })
    }

    fn remember_directory<'a>(
        &'a self,
        directory: &'a DirectorySnapshot,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let owner = self.owner()?;
            let key = format!("{DIRECTORY_KEY}{owner}");
            settle(self.js.put_meta(&key, directory_to_js(directory))).await?;
            *self.programmes.borrow_mut() = Some((owner, directory.programmes.clone()));
            Ok(())
        })
    }

    fn directory_received_at(&self) -> LocalFuture<'_, Result<Option<Millis>, StoreError>> {
        Box::pin(async move {
            let key = format!("{DIRECTORY_AT_KEY}{}", self.owner()?);
            let value = settle(self.js.get_meta(&key)).await?;
            Ok(value.as_f64().map(|at| Millis(at as i64)))
        })
    }

    fn remember_directory_at(&self, at: Millis) -> LocalFuture<'_, Result<(), StoreError>> {
        Box::pin(async move {
            let key = format!("{DIRECTORY_AT_KEY}{}", self.owner()?);
            settle(self.js.put_meta(&key, JsValue::from_f64(at.0 as f64)))
                .await
                .map(drop)
        })
    }

    fn outbox(&self) -> LocalFuture<'_, Result<Outbox, StoreError>> {
        Box::pin(async move {
            let owner = self.owner()?;
            let rows = settle(self.js.outbox_of(owner.as_str())).await?;
            let mut ops: Vec<(String, OpV1)> = Vec::new();
            let mut unreadable = 0;
            for item in js_sys::Array::from(&rows).iter() {
                // Only the person's ops are in the outbox (this device's, or any of theirs a
                // restored host lost); one it cannot read is left there for a newer widget
                // rather than dropped, and counted as waiting.
                match OpV1::from_js(&item) {
                    Ok(op) => ops.push((op.hlc.clone(), op)),
                    Err(_) => unreadable += 1,
                }
            }
            mentoring_core::order::sort_by(&mut ops, |a, b| a.0.cmp(&b.0));
            let oldest = ops
                .first()
                .and_then(|(hlc, _)| mentoring_core::merge::Hlc::decode(hlc).ok())
                .map(|h| Millis(h.wall));
            Ok(Outbox {
                ops: ops.into_iter().map(|(_, op)| op).collect(),
                oldest,
                unreadable,
            })
        })
    }

    fn settle<'a>(&'a self, ids: &'a [RecordId]) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let owner = self.owner()?;
            settle(self.js.acknowledge(owner.as_str(), ids_to_js(ids)))
                .await
                .map(drop)
        })
    }

    fn refused<'a>(&'a self, ids: &'a [RecordId]) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let ops: Vec<(RecordId, Refusal)> = (ids.iter())
                .map(|id| (id.clone(), Refusal::default()))
                .collect();
            self.keep_refused(ops).await
        })
    }

    fn refused_ops<'a>(&'a self, ops: &'a [RefusedOp]) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let ops: Vec<(RecordId, Refusal)> = (ops.iter())
                .map(|op| {
                    let field = (op.entity.clone(), op.record.clone(), op.field.clone());
                    let refusal = Refusal {
                        code: op.code.clone(),
                        field: Some(field),
                    };
                    (op.id.clone(), refusal)
                })
                .collect();
            self.keep_refused(ops).await
        })
    }

    fn receive(&self, ops: Vec<Op>) -> LocalFuture<'_, Result<Vec<Update>, StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            self.take_in(ops, JsValue::UNDEFINED).await
        })
    }

    fn receive_page(&self, page: Pulled) -> LocalFuture<'_, Result<Vec<Update>, StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            // As received: JSON's text of it, which any op a host's own adapter gives has.
            let hold: js_sys::Array = (page.held.iter())
                .map(|unread| {
                    let text = js_sys::JSON::stringify(&unread.op).ok();
                    let text = text.and_then(|t| t.as_string());
                    JsValue::from_str(&text.unwrap_or_else(|| format!("{:?}", unread.op)))
                })
                .collect();
            // The epoch the page was sent under goes with its cursor, in one transaction: a
            // cursor kept without it would read, at the next sync, as pulled under older rules
            // (`RecordStore::epoch`), and a device's own changes the host took would be let go.
            let epoch = page
                .epoch
                .map_or(JsValue::UNDEFINED, |e| JsValue::from_f64(f64::from(e)));
            let part = object(&[
                ("hold", hold.into()),
                ("cursor", JsValue::from_str(&page.cursor)),
                ("epoch", epoch),
            ]);
            self.take_in(page.ops, part).await
        })
    }

    fn held(&self) -> LocalFuture<'_, Result<usize, StoreError>> {
        Box::pin(async move {
            let stored = settle(self.js.get_meta(&held_key(&self.owner()?))).await?;
            Ok(held_texts(&stored).len())
        })
    }

    fn read_held(&self) -> LocalFuture<'_, Result<Vec<Update>, StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            self.read_held_now().await
        })
    }

    fn reused_id(&self, ops: &[Op]) -> Option<RecordId> {
        let opened = self.opened.borrow();
        opened.as_ref()?.replica.reused_id(ops).cloned()
    }

    fn refresh(&self) -> LocalFuture<'_, Result<Vec<Update>, StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            let (owner, folded, forgets) = {
                let opened = self.opened.borrow();
                let opened = opened.as_ref().ok_or_else(not_loaded)?;
                (opened.owner.clone(), opened.folded, opened.forgets)
            };
            let now_forgets = self.forgets(&owner).await?;
            // What another tab's sync was refused is not told here as deleted meanwhile either.
            let refused = self.stored_refused(&owner).await?;
            if let Some(opened) = self.opened.borrow_mut().as_mut() {
                opened.refused.extend(refused);
            }
            if now_forgets != forgets {
                // Another tab let go of records this replica still holds.
                return self.read_again(&owner, now_forgets).await;
            }
            let stored = settle(self.js.ops_after(owner.as_str(), folded)).await?;
            let (mut unreadable, mut retry) = (Vec::new(), Vec::new());
            let (read, last) = Self::read_rows(&stored, &mut unreadable, &mut retry);
            let fresh: Vec<Op> = {
                let mut opened = self.opened.borrow_mut();
                let opened = opened.as_mut().ok_or_else(not_loaded)?;
                // Everything read is merged below, so the replica holds every row up to `last`.
                opened.folded = last;
                opened.unreadable_rows.extend(unreadable);
                opened.retry.extend(retry);
                let fresh: Vec<Op> = read
                    .into_iter()
                    .filter(|op| !opened.replica.knows(&op.id))
                    .collect();
                opened.since_snapshot += fresh.len();
                fresh
            };
            self.merge(fresh)
        })
    }

    fn cursor(&self) -> LocalFuture<'_, Result<String, StoreError>> {
        Box::pin(async move {
            let owner = self.owner()?;
            let value = settle(self.js.get_meta(&format!("cursor:{owner}"))).await?;
            Ok(value.as_string().unwrap_or_default())
        })
    }

    fn set_cursor<'a>(&'a self, cursor: &'a str) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let owner = self.owner()?;
            settle(
                self.js
                    .put_meta(&format!("cursor:{owner}"), JsValue::from_str(cursor)),
            )
            .await
            .map(drop)
        })
    }

    fn taken(&self) -> LocalFuture<'_, Result<Vec<(String, RecordId)>, StoreError>> {
        Box::pin(async move { self.taken_now(Vec::new()).await })
    }

    fn epoch(&self) -> LocalFuture<'_, Result<Option<u32>, StoreError>> {
        Box::pin(async move {
            let owner = self.owner()?;
            let value = settle(self.js.get_meta(&format!("epoch:{owner}"))).await?;
            // Kept by this widget alone, as a whole number: anything else is none kept.
            Ok(value.as_f64().and_then(|n| u32::try_from(n as i64).ok()))
        })
    }

    fn set_epoch(&self, epoch: u32) -> LocalFuture<'_, Result<(), StoreError>> {
        Box::pin(async move {
            let owner = self.owner()?;
            let value = JsValue::from_f64(f64::from(epoch));
            settle(self.js.put_meta(&format!("epoch:{owner}"), value))
                .await
                .map(drop)
        })
    }

    fn resend_owed(&self) -> LocalFuture<'_, Result<bool, StoreError>> {
        Box::pin(async move {
            let owner = self.owner()?;
            let value = settle(self.js.get_meta(&resend_key(&owner))).await?;
            Ok(value.is_truthy())
        })
    }

    fn owe_resend(&self) -> LocalFuture<'_, Result<(), StoreError>> {
        Box::pin(async move {
            let owner = self.owner()?;
            settle(self.js.put_meta(&resend_key(&owner), JsValue::TRUE))
                .await
                .map(drop)
        })
    }

    fn await_echo<'a>(&'a self, ids: &'a [RecordId]) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let owner = self.owner()?;
            settle(self.js.put_meta(&echo_key(&owner), ids_to_js(ids)))
                .await
                .map(drop)
        })
    }

    fn unechoed(&self) -> LocalFuture<'_, Result<Vec<RecordId>, StoreError>> {
        Box::pin(async move {
            let owner = self.owner()?;
            let stored = settle(self.js.get_meta(&echo_key(&owner))).await?;
            if !js_sys::Array::is_array(&stored) {
                return Ok(Vec::new());
            }
            // Kept by this widget alone: an id that does not read is left out.
            Ok((js_sys::Array::from(&stored).iter())
                .filter_map(|id| RecordId::parse(&id.as_string()?).ok())
                .collect())
        })
    }

    fn send_again<'a>(
        &'a self,
        actor: &'a RecordId,
        lacks: &'a dyn Fn(&RecordId) -> bool,
    ) -> LocalFuture<'a, Result<usize, StoreError>> {
        Box::pin(async move {
            let owner = self.owner()?;
            // Read from storage, not the replica: its snapshot keeps only what stands, and the
            // host needs the values those replaced too (`lost_by_host`). Written only while no
            // records were let go of since the rows were read (another tab's pull, a sign-out),
            // else read again: an op of a record let go of must not wait to be sent again.
            for _ in 0..4 {
                let forgets = self.forgets(&owner).await?;
                let rows = settle(self.js.ops_of(owner.as_str())).await?;
                let (stored, _) = Self::read_rows(&rows, &mut Vec::new(), &mut Vec::new());
                let refused = self.stored_refused(&owner).await?;
                let brought = |id: &RecordId| !lacks(id);
                let refused = |id: &RecordId| refused.contains_key(id);
                let lost: Vec<Op> =
                    mentoring_core::merge::lost_by_host(&stored, actor, &brought, &refused)
                        .into_iter()
                        .cloned()
                        .collect();
                let answer = settle(self.js.send_again(
                    owner.as_str(),
                    Self::wire(&lost)?,
                    forgets,
                ))
                .await?;
                let field = |key: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(key)).ok();
                if !field("letGo").is_some_and(|l| l.is_truthy()) {
                    return Ok(field("queued").and_then(|q| q.as_f64()).unwrap_or(0.0) as usize);
                }
            }
            Ok(0)
        })
    }

    fn let_go_of_pulled(&self) -> LocalFuture<'_, Result<Option<Vec<Update>>, StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            let mut own = self.unsent_records().await?;
            let records = {
                let opened = self.opened.borrow();
                let opened = opened.as_ref().ok_or_else(not_loaded)?;
                own.extend(
                    (opened.replica.ops().into_iter())
                        .filter(|op| opened.refused.contains_key(&op.id))
                        .map(|op| (op.entity.clone(), op.record.clone())),
                );
                mentoring_core::taken::pulled_before(&opened.replica, &own)
            };
            if records.is_empty() {
                return Ok(Some(Vec::new()));
            }
            let updates = self.forget_now(&records, false).await?;
            // `forget_now` names every record let go of but children; none, nothing went.
            let named = (records.iter()).any(|(entity, _)| entity != MILESTONE && entity != ACTION);
            Ok((!named || !updates.is_empty()).then_some(updates))
        })
    }

    fn forget<'a>(
        &'a self,
        records: &'a [(String, RecordId)],
    ) -> LocalFuture<'a, Result<Vec<Update>, StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            self.forget_now(records, false).await
        })
    }

    fn remove_never_held<'a>(
        &'a self,
        entity: &'a str,
        record: &'a RecordId,
    ) -> LocalFuture<'a, Result<Vec<Update>, StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            if !self.never_held(entity, record) {
                return Ok(Vec::new());
            }
            let mut records = vec![(entity.to_owned(), record.clone())];
            let mut parent = None;
            if let Some(opened) = self.opened.borrow().as_ref() {
                records.extend(
                    (opened.replica.children_of(entity, record).into_iter())
                        .map(|(kind, child)| (kind.to_owned(), child.clone())),
                );
                parent = parent_of(&opened.replica, entity, record)
                    .filter(|(parent, _)| parent != entity);
            }
            let mut updates = self.forget_now(&records, true).await?;
            if let Some(removed) = self.removed.borrow_mut().as_mut() {
                removed.entity = entity.to_owned();
                removed.record = record.clone();
            }
            // A milestone or action item removed alone: its goal or session is shown without it.
            if let Some((parent_entity, parent)) = parent {
                let opened = self.opened.borrow();
                let shown = (opened.as_ref())
                    .and_then(|o| project_one(&o.replica, &parent_entity, &parent));
                updates.extend(shown.map(|change| Update::Upsert(Box::new(change))));
            }
            Ok(updates)
        })
    }

    fn put_back_removed<'a>(
        &'a self,
        entity: &'a str,
        record: &'a RecordId,
    ) -> LocalFuture<'a, Result<Option<Vec<Update>>, StoreError>> {
        Box::pin(async move {
            let _turn = self.my_turn().await;
            let removed = {
                let mut last = self.removed.borrow_mut();
                let this = |r: &Removed| r.entity == entity && &r.record == record;
                if last.as_ref().is_some_and(this) {
                    last.take()
                } else {
                    None
                }
            };
            let Some(removed) = removed else {
                return Ok(None);
            };
            let owner = self.owner()?;
            let rows = |key: &str| key_of(&removed.rows, key);
            // Those an opening pruned with the ops come back, joined to the stored ones in the
            // write's transaction (`keepPage`): a refusal another tab's sync stores meanwhile,
            // of this record's ops too, is never written over by a list read before it.
            let guard = object(&[
                ("after", JsValue::from_f64(0.0)),
                ("fields", js_sys::Array::new().into()),
                ("forgets", JsValue::from_f64(removed.forgets)),
            ]);
            let text = refused_text(&removed.refused);
            let part = object(&[("hold", rows("held")), ("refused", text)]);
            let ops = rows("ops");
            let back = self
                .js
                .add_ops_back(owner.as_str(), ops, rows("waiting"), guard, part);
            let answer = settle(back).await?;
            if js_sys::Reflect::get(&answer, &JsValue::from_str("changed"))
                .is_ok_and(|c| c.is_truthy())
            {
                return Ok(None);
            }
            let refused = self.stored_refused(&owner).await?;
            if let Some(opened) = self.opened.borrow_mut().as_mut() {
                opened.refused = refused;
            }
            // Read from storage again, exactly as a reload would: the replica kept the ids of
            // what those ops had replaced.
            self.read_again(&owner, removed.forgets).await.map(Some)
        })
    }

    fn compact(&self) -> LocalFuture<'_, Result<(), StoreError>> {
        Box::pin(async move {
            // In the write turn, so never while `forget_now` waits for rows to go with the
            // replica already without them; and written only while no tab let go of rows since
            // this replica was read (`forgets`, checked in the write's transaction), so it
            // never puts back what another tab let go of.
            let _turn = self.my_turn().await;
            let (key, snapshot, counted, forgets) = {
                let mut opened = self.opened.borrow_mut();
                let opened = opened.as_mut().ok_or_else(not_loaded)?;
                if opened.since_snapshot < self.snapshot_after {
                    return Ok(());
                }
                let counted = std::mem::take(&mut opened.since_snapshot);
                let key = snapshot_key(&opened.owner);
                (key, snapshot_to_js(opened), counted, opened.forgets)
            };
            let written = settle(self.js.put_meta_if(&key, snapshot, forgets)).await;
            if !matches!(written, Ok(ref done) if done.as_bool() == Some(true)) {
                if let Some(opened) = self.opened.borrow_mut().as_mut() {
                    opened.since_snapshot += counted;
                }
            }
            written.map(drop)
        })
    }
}

impl IndexedDbStore {
    /// Whether the host holds nothing of a record: every field of it stands on an op it
    /// refused ([`CREATED`]).
    fn never_held(&self, entity: &str, record: &RecordId) -> bool {
        (self.opened.borrow().as_ref()).is_some_and(|o| {
            (o.replica).stands_only_on(entity, record, |op| o.refused.contains_key(op))
        })
    }

    /// `owner`'s dismissals, as (session, change) lines: a line that is not two ids is left
    /// out, never fatal.
    async fn stored_dismissed(
        &self,
        owner: &RecordId,
    ) -> Result<Vec<(RecordId, RecordId)>, StoreError> {
        let stored = settle(self.js.get_meta(&dismissed_key(owner))).await?;
        let text = stored.as_string().unwrap_or_default();
        Ok((text.lines())
            .filter_map(|line| {
                let (session, change) = line.split_once(' ')?;
                Some((
                    RecordId::parse(session).ok()?,
                    RecordId::parse(change).ok()?,
                ))
            })
            .collect())
    }

    /// The ids of `owner`'s ops the host refused, as stored. Kept by this widget alone: a line
    /// that is no id is left out, never fatal.
    async fn stored_refused(&self, owner: &RecordId) -> Result<RefusedOps, StoreError> {
        let stored = settle(self.js.get_meta(&refused_key(owner))).await?;
        Ok(refused_from_text(&stored.as_string().unwrap_or_default()))
    }

    /// Adds refused ops to those kept, in the write turn.
    async fn keep_refused(&self, ops: Vec<(RecordId, Refusal)>) -> Result<(), StoreError> {
        if ops.is_empty() {
            return Ok(());
        }
        let _turn = self.my_turn().await;
        // Another tab may have added ids since this one read them: they are kept too.
        let stored = self.stored_refused(&self.owner()?).await?;
        let (owner, text) = {
            let mut opened = self.opened.borrow_mut();
            let opened = opened.as_mut().ok_or_else(not_loaded)?;
            for (id, refusal) in stored.0 {
                if let (true, kept) = opened.refused.slot(id) {
                    *kept = refusal;
                }
            }
            for (id, refusal) in ops {
                let (_, known) = opened.refused.slot(id);
                if refusal.field.is_some() {
                    *known = refusal;
                }
            }
            (opened.owner.clone(), refused_text(&opened.refused))
        };
        // Joined to the stored list in the write's transaction (`keepPage`): what a removal's
        // Undo puts back in another tab after the read above is not written over.
        let (none, page) = (js_sys::Array::new(), object(&[("refused", text)]));
        let write =
            self.js
                .add_ops_page(owner.as_str(), none.into(), false, JsValue::UNDEFINED, page);
        settle(write).await.map(drop)
    }

    /// Reads the replica from storage again, as of `forgets` (read before it), after another
    /// tab let go of records this one still holds, so none of them stays here (nor goes back
    /// into a snapshot); in a write turn already held. Returns every record in view before or
    /// after, as it now stands.
    async fn read_again(&self, owner: &RecordId, forgets: f64) -> Result<Vec<Update>, StoreError> {
        let (replica, folded, since_snapshot, (unreadable_rows, retry)) =
            self.read_replica(owner).await?;
        let mut opened = self.opened.borrow_mut();
        let opened = opened.as_mut().ok_or_else(not_loaded)?;
        let parents = |replica: &Replica| {
            (replica.records().into_iter())
                .filter_map(|(entity, id, _)| parent_of(replica, &entity, &id))
                .collect::<Vec<_>>()
        };
        let mut shown = parents(&opened.replica);
        shown.extend(parents(&replica));
        mentoring_core::order::sort(&mut shown);
        shown.dedup();
        opened.replica = replica;
        opened.folded = folded;
        opened.since_snapshot = since_snapshot;
        opened.unreadable_rows = unreadable_rows;
        opened.retry = retry;
        opened.forgets = forgets;
        Ok((shown.into_iter())
            .map(
                |(entity, id)| match project_one(&opened.replica, &entity, &id) {
                    Some(change) => Update::Upsert(Box::new(change)),
                    None => Update::Remove { entity, id },
                },
            )
            .collect())
    }

    /// The records the person's changes waiting for the host are about.
    async fn unsent_records(&self) -> Result<Vec<(String, RecordId)>, StoreError> {
        Ok((self.outbox().await?.ops.iter())
            .filter_map(|op| Some((op.entity.clone(), RecordId::parse(&op.record).ok()?)))
            .collect())
    }

    /// The ops held unread, as far as each can be read (`taken::HeldOp`).
    async fn held_ops(&self, owner: &RecordId) -> Result<Vec<HeldOp>, StoreError> {
        let texts = held_texts(&settle(self.js.get_meta(&held_key(owner))).await?);
        Ok((texts.iter())
            .filter_map(|text| js_sys::JSON::parse(text).ok())
            .map(|op| {
                let text = |key: &str| {
                    js_sys::Reflect::get(&op, &JsValue::from_str(key))
                        .ok()
                        .and_then(|v| v.as_string())
                };
                HeldOp {
                    entity: text("entity").unwrap_or_default(),
                    record: text("record").unwrap_or_default(),
                    field: text("field").unwrap_or_default(),
                    actor: text("actor").unwrap_or_default(),
                    text: text("value"),
                }
            })
            .collect())
    }

    /// How many times `owner`'s rows were let go of so far (js/store.js `forgetRecords`, and
    /// `forget` at each sign-out).
    async fn forgets(&self, owner: &RecordId) -> Result<f64, StoreError> {
        let stored = settle(self.js.get_meta(&format!("forgets:{owner}"))).await?;
        Ok(stored.as_f64().unwrap_or(0.0))
    }

    /// `owner`'s replica as storage holds it: their snapshot and the rows after it (every
    /// row when there is no snapshot, or one that cannot be read: nothing is lost), and the
    /// rows it passed unread, read again. With the `seq` of the last row in it, how many rows
    /// were folded past the snapshot, and why any row could not be read, with its `seq`.
    async fn read_replica(
        &self,
        owner: &RecordId,
    ) -> Result<(Replica, f64, usize, (Vec<String>, Vec<f64>)), StoreError> {
        let now = self.clock.now();
        let stored = settle(self.js.get_meta(&snapshot_key(owner))).await?;
        let snapshot = snapshot_from_js(&stored, owner).ok();
        // One stored that cannot be used (an older format) is written again at the next
        // compaction, not left to make every opening read every row.
        let stale = snapshot.is_none() && !stored.is_undefined() && !stored.is_null();
        let (mut unreadable_rows, mut retry) = (Vec::new(), Vec::new());
        let (mut replica, rows, mut ops) = match snapshot {
            Some(snapshot) => {
                let again: js_sys::Array = (snapshot.retry.iter())
                    .map(|seq| JsValue::from_f64(*seq))
                    .collect();
                let again = settle(self.js.ops_at(owner.as_str(), again.into())).await?;
                let (ops, _) = Self::read_rows(&again, &mut unreadable_rows, &mut retry);
                (
                    Replica::restore(snapshot.compacted, now),
                    self.js.ops_after(owner.as_str(), snapshot.up_to),
                    ops,
                )
            }
            None => (Replica::new(), self.js.ops_of(owner.as_str()), Vec::new()),
        };
        let (after, folded) =
            Self::read_rows(&settle(rows).await?, &mut unreadable_rows, &mut retry);
        ops.extend(after);
        let since_snapshot = if stale {
            ops.len().max(self.snapshot_after)
        } else {
            ops.len()
        };
        replica.apply_all(ops, now);
        Ok((replica, folded, since_snapshot, (unreadable_rows, retry)))
    }

    /// Stores the ops the replica does not know yet, with a pull page's `part` (js/store.js
    /// `keepPage`) in the same transaction, then merges them; in a write turn already held.
    ///
    /// Only while no tab let go of records since this replica was read (the `forgets` guard,
    /// checked in the write's transaction): the replica would still "know" ops gone from
    /// storage and leave them out, while the page's cursor moved past them, and they would be
    /// lost to this device (another tab's pull from the start, after the host's epoch moved,
    /// cut short). Otherwise storage is read again and the ops judged against it.
    async fn take_in(&self, ops: Vec<Op>, part: JsValue) -> Result<Vec<Update>, StoreError> {
        let mut read_again = Vec::new();
        // Each round follows another tab's letting go: a few, at most, while a sync runs.
        for _ in 0..4 {
            let (owner, fresh, guard) = {
                let opened = self.opened.borrow();
                let opened = opened.as_ref().ok_or_else(not_loaded)?;
                let fresh: Vec<Op> = (ops.iter())
                    .filter(|op| !opened.replica.knows(&op.id))
                    .cloned()
                    .collect();
                let guard = object(&[
                    ("after", JsValue::from_f64(opened.folded)),
                    ("fields", js_sys::Array::new().into()),
                    ("forgets", JsValue::from_f64(opened.forgets)),
                ]);
                (opened.owner.clone(), fresh, guard)
            };
            let count = fresh.len();
            if count == 0 && part.is_undefined() {
                return Ok(read_again);
            }
            let wire = Self::wire(&fresh)?;
            let seqs =
                settle(
                    self.js
                        .add_ops_page(owner.as_str(), wire, false, guard, part.clone()),
                )
                .await?;
            let let_go = js_sys::Reflect::get(&seqs, &JsValue::from_str("letGo"))
                .ok()
                .and_then(|v| v.as_bool())
                == Some(true);
            if let_go {
                let forgets = self.forgets(&owner).await?;
                read_again.extend(self.read_again(&owner, forgets).await?);
                continue;
            }
            if count == 0 {
                return Ok(read_again);
            }
            let mut updates = self.merge(fresh)?;
            if let Some(opened) = self.opened.borrow_mut().as_mut() {
                opened.stored(&seqs, count);
            }
            read_again.append(&mut updates);
            return Ok(read_again);
        }
        Err(StoreError(LET_GO.to_owned()))
    }

    /// [`RecordStore::read_held`], in a write turn already held.
    async fn read_held_now(&self) -> Result<Vec<Update>, StoreError> {
        let owner = self.owner()?;
        let texts = held_texts(&settle(self.js.get_meta(&held_key(&owner))).await?);
        let mut read: Vec<Op> = Vec::new();
        let release = js_sys::Array::new();
        for text in texts {
            let op = js_sys::JSON::parse(&text)
                .map_err(|e| js_error_text(&e))
                .and_then(|value| held_from_wire(&value));
            if let Ok(op) = op {
                release.push(&JsValue::from_str(&text));
                if !read.iter().any(|r| r.id == op.id) {
                    read.push(op);
                }
            }
        }
        if release.length() == 0 {
            return Ok(Vec::new());
        }
        // Judged with what they bring before any is taken in: nothing of a record the person
        // may no longer see (the op that took it among them, or their parent's) is stored or
        // merged; it leaves the held ops with the rest, and the device lets go of the record.
        let taken = self.taken_now(read.clone()).await?;
        read.retain(|op| !(taken.iter()).any(|(e, r)| *e == op.entity && *r == op.record));
        let mut updates = self
            .take_in(read, object(&[("release", release.into())]))
            .await?;
        updates.extend(self.forget_now(&taken, false).await?);
        Ok(updates)
    }

    /// [`RecordStore::taken`], as if the replica also held `with` (ops not taken in yet).
    async fn taken_now(&self, with: Vec<Op>) -> Result<Vec<(String, RecordId)>, StoreError> {
        let unsent = self.unsent_records().await?;
        let known = self.directory_programmes(&self.owner()?).await;
        let opened = self.opened.borrow();
        let opened = opened.as_ref().ok_or_else(not_loaded)?;
        let trial;
        let replica = if with.is_empty() {
            &opened.replica
        } else {
            let mut with_them = opened.replica.clone();
            with_them.apply_all(with, self.clock.now());
            trial = with_them;
            &trial
        };
        Ok(mentoring_core::taken::taken_knowing(
            replica,
            &opened.owner,
            &unsent,
            &known,
        ))
    }

    /// The programmes the host's directory names, as last kept on the device for `owner`
    /// (`remember_directory`), none before one is: a participant's device holds no programme
    /// as ops, and without them `taken_knowing` could not judge a pair's records (someone
    /// taken off would keep the partner's goals). Read from storage once per person.
    async fn directory_programmes(&self, owner: &RecordId) -> Vec<Programme> {
        if let Some((of, programmes)) = self.programmes.borrow().as_ref() {
            if of == owner {
                return programmes.clone();
            }
        }
        let Ok(kept) = settle(self.js.get_meta(&format!("{DIRECTORY_KEY}{owner}"))).await else {
            return Vec::new();
        };
        if !kept.is_object() {
            return Vec::new();
        }
        // Its people (up to 100,000) are not wanted here: not read.
        let _ = js_sys::Reflect::set(&kept, &"people".into(), &js_sys::Array::new());
        let programmes = read_directory(200, &kept).map_or_else(|_| Vec::new(), |d| d.programmes);
        *self.programmes.borrow_mut() = Some((owner.clone(), programmes.clone()));
        programmes
    }

    /// [`RecordStore::forget`], in a write turn already held.
    /// With `unsent`, the records' ops waiting in the outbox go too (a record the host
    /// refused to create); without, nothing goes while any wait.
    async fn forget_now(
        &self,
        records: &[(String, RecordId)],
        unsent: bool,
    ) -> Result<Vec<Update>, StoreError> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        let owner = self.owner()?;
        let mut keys = String::new();
        for (entity, record) in records {
            keys.push_str(&format!("{entity}\u{0}{record}\n"));
        }
        // Records held only as ops unread go with their parent (js/store.js drops the held
        // ops of every record named).
        let held = self.held_ops(&owner).await?;
        if !held.is_empty() {
            let waiting = self.unsent_records().await?;
            for (entity, record) in held_with(records, &held, &owner, &waiting) {
                keys.push_str(&format!("{entity}\u{0}{record}\n"));
            }
        }
        // The replica lets go first, so the snapshot written with the rows' removal is made
        // without them; it takes them back if storage keeps them.
        let (before, snapshot, forgets) = {
            let mut opened = self.opened.borrow_mut();
            let opened = opened.as_mut().ok_or_else(not_loaded)?;
            let before = opened.replica.clone();
            opened.replica.forget(records);
            (before, snapshot_to_js(opened), opened.forgets)
        };
        let outcome =
            settle(
                self.js
                    .forget_records(owner.as_str(), &keys, snapshot, forgets, unsent),
            )
            .await;
        let field = |key: &str| {
            (outcome.as_ref().ok())
                .and_then(|o| js_sys::Reflect::get(o, &JsValue::from_str(key)).ok())
        };
        let forgotten = field("forgotten").and_then(|f| f.as_bool()) == Some(true);
        let current = field("current").and_then(|f| f.as_bool()) == Some(true);
        let now_forgets = field("forgets").and_then(|f| f.as_f64());
        let removed = field("removed").filter(|r| r.is_object());
        if let (true, Some(rows), Some(count)) = (forgotten, removed, now_forgets) {
            let refused = (self.opened.borrow().as_ref())
                .map(|o| o.refused.clone())
                .unwrap_or_default();
            *self.removed.borrow_mut() = Some(Removed {
                entity: String::new(),
                record: owner.clone(),
                rows,
                refused,
                forgets: count,
            });
        }
        let gone = (records.iter())
            .filter(|(entity, _)| entity != MILESTONE && entity != ACTION)
            .map(|(entity, id)| Update::Remove {
                entity: entity.clone(),
                id: id.clone(),
            });
        if forgotten && !current {
            // Another tab let go of records since this replica was read: it still holds them,
            // so it is read again (storage kept no snapshot made from it).
            let now_forgets = now_forgets.unwrap_or(forgets + 1.0);
            let mut updates: Vec<Update> = gone.collect();
            updates.extend(self.read_again(&owner, now_forgets).await?);
            return Ok(updates);
        }
        let mut opened = self.opened.borrow_mut();
        let opened = opened.as_mut().ok_or_else(not_loaded)?;
        if !forgotten {
            opened.replica = before;
            return outcome.map(|_| Vec::new());
        }
        opened.since_snapshot = 0;
        opened.forgets = now_forgets.unwrap_or(opened.forgets);
        Ok(gone.collect())
    }

    /// Drafts, stores durably, then merges the ops for `edits`.
    async fn write(&self, edits: &[Edit]) -> Result<(), StoreError> {
        self.write_over(edits, "op", &[], true).await.map(drop)
    }

    /// `write`, with op ids minted with `prefix` (`SETTLE_PREFIX` for a conflict settled), queued
    /// for the host unless `outbox` is false, and only while each field named in `over`
    /// (entity, record, field) stands on the op named: the replica is asked here, and the
    /// transaction that stores the ops asks the rows another tab stored since the replica last
    /// read them. Returns the ids of the ops written, or `None`, nothing written, when a field
    /// stands on another op. Every write is also refused, nothing written, while another tab
    /// (or a sync) has let go of records since this replica was read (`forgets`): the change
    /// may be to one of them, which it would put back; a change with nothing named in `over`
    /// then fails with [`StoreError::let_go`], for its page to read storage again.
    async fn write_over(
        &self,
        edits: &[Edit],
        prefix: &str,
        over: &[(&str, &RecordId, &str, &RecordId)],
        outbox: bool,
    ) -> Result<Option<Vec<RecordId>>, StoreError> {
        let (owner, ops, guard) = {
            let mut opened = self.opened.borrow_mut();
            let opened = opened.as_mut().ok_or_else(not_loaded)?;
            let guarded = js_sys::Array::new();
            for (entity, record, field, op) in over {
                match opened.replica.winner(entity, record, field) {
                    Some(winner) if &winner.id == *op => guarded.push(&object(&[
                        ("entity", JsValue::from_str(entity)),
                        ("record", JsValue::from_str(record.as_str())),
                        ("field", JsValue::from_str(field)),
                        ("op", JsValue::from_str(op.as_str())),
                        ("hlc", JsValue::from_str(&winner.hlc.encode())),
                    ])),
                    _ => return Ok(None),
                };
            }
            let guard = object(&[
                ("after", JsValue::from_f64(opened.folded)),
                ("fields", guarded.into()),
                ("forgets", JsValue::from_f64(opened.forgets)),
            ]);
            let (owner, device) = (opened.owner.clone(), opened.device.clone());
            let ops = self.draft(&mut opened.replica, &owner, &device, edits, prefix);
            (owner, ops, guard)
        };
        if ops.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let wire = Self::wire(&ops)?;
        let seqs = settle(self.js.add_ops_over(owner.as_str(), wire, outbox, guard)).await?;
        let said = |key: &str| {
            js_sys::Reflect::get(&seqs, &JsValue::from_str(key))
                .ok()
                .and_then(|c| c.as_bool())
                == Some(true)
        };
        if said("letGo") && over.is_empty() {
            return Err(StoreError(LET_GO.to_owned()));
        }
        if said("changed") {
            return Ok(None);
        }
        let mut opened = self.opened.borrow_mut();
        let opened = opened.as_mut().ok_or_else(not_loaded)?;
        let now = self.clock.now();
        let count = ops.len();
        let ids = ops.iter().map(|op| op.id.clone()).collect();
        for op in ops {
            opened.replica.apply(op, now);
        }
        opened.stored(&seqs, count);
        Ok(Some(ids))
    }

    /// Merges stored ops into the replica; returns the records in view that changed.
    fn merge(&self, fresh: Vec<Op>) -> Result<Vec<Update>, StoreError> {
        {
            let mut opened = self.opened.borrow_mut();
            let opened = opened.as_mut().ok_or_else(not_loaded)?;
            let touched = opened.replica.apply_all(fresh, self.clock.now());
            let mut parents: Vec<(String, RecordId)> = touched
                .iter()
                .filter_map(|(entity, id)| parent_of(&opened.replica, entity, id))
                .collect();
            mentoring_core::order::sort(&mut parents);
            parents.dedup();
            Ok(parents
                .into_iter()
                .map(
                    |(entity, id)| match project_one(&opened.replica, &entity, &id) {
                        Some(change) => Update::Upsert(Box::new(change)),
                        None => Update::Remove { entity, id },
                    },
                )
                .collect())
        }
    }
}
