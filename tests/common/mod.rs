//! Helpers the browser test files share (each includes this with `mod common;`).
#![allow(dead_code)]

use std::cell::RefCell;

use js_sys::{Array, Function, Promise, Reflect};
use mentoring_core::merge::Op;
use mentoring_core::projection::FieldValue;
use mentoring_core::projection::{changes_from, diff, Edit, Fields};
use mentoring_core::record::AdminChange;
use mentoring_core::{Change, Millis, Person, RecordId, Relationship, Session};
use mentoring_widget::edges::store::{
    Conflict, Loaded, Outbox, RecordStore, Rewrite, Rewriting, Rewritten, Standing, StoreError,
    Update,
};
use mentoring_widget::edges::LocalFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlElement, HtmlInputElement};

/// Waits `ms` milliseconds on the browser's timer.
pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits up to five seconds for `condition`, naming `what` if it never holds.
pub async fn until(what: &str, mut condition: impl FnMut() -> bool) {
    for _ in 0..500 {
        if condition() {
            return;
        }
        sleep(10).await;
    }
    panic!("timed out waiting for {what}");
}

/// The text an element shows.
pub fn text(element: &HtmlElement) -> String {
    element.text_content().unwrap_or_default()
}

/// A field written to a [`MemoryStore`]: (entity, record, field, value, the op it replaced).
pub type Written = (String, RecordId, String, FieldValue, Option<RecordId>);

/// A store in memory that resolves at once (a commit waits `commit_delay_ms` first, to hold a
/// form busy): it loads `records` (reporting `unreadable` as
/// records it could not read) and keeps what is committed, participants' and admins' alike.
/// It reports `conflicts` as the values that lost, and a field settled through `rewrite`
/// (kept in `resolved`) leaves them, as a replica's write supersedes every value it had.
/// A field stands on the last value synced in, else the last written here (`written`, by a
/// commit or a rewrite, which takes what was synced in before it first), else the one loaded.
#[derive(Default)]
pub struct MemoryStore {
    pub records: Vec<Change>,
    pub unreadable: Vec<mentoring_widget::edges::store::UnreadableRecord>,
    pub committed: RefCell<Vec<Change>>,
    pub admin: RefCell<Vec<AdminChange>>,
    pub conflicts: RefCell<Vec<Conflict>>,
    /// Each field settled: (entity, record, field, value).
    pub resolved: RefCell<Vec<(String, RecordId, String, FieldValue)>>,
    /// Values synced in after anything settled here: a field shows the last of these, else
    /// the last value it was settled on.
    pub synced: RefCell<Vec<(String, RecordId, String, FieldValue)>>,
    /// Synced in as the next rewrite starts, before it asks what its fields stand on: a sync
    /// landing while an undo is on its way to storage.
    pub synced_while_writing: RefCell<Vec<(String, RecordId, String, FieldValue)>>,
    /// Each field written here, in order, with the op it replaced.
    pub written: RefCell<Vec<Written>>,
    pub commit_delay_ms: std::cell::Cell<i32>,
    /// While set, a commit fails as storage does when the browser has no space left: nothing
    /// is kept.
    pub refuse_commits: std::cell::Cell<bool>,
    /// Each record deleted (true) or brought back (false).
    pub deleted: RefCell<Vec<(String, RecordId, bool)>>,
    /// Sessions deleted on another device, as they stood then (a sync's delete).
    pub deleted_sessions: RefCell<Vec<Session>>,
    /// Relationships its programme's admins deleted, as they stood then (a sync's delete).
    pub deleted_relationships: Vec<Relationship>,
    /// Relationships held without a readable record: their deletion alone (what the host
    /// sends someone taken off one its admins deleted), or fields failing validation.
    pub unreadable_relationships: Vec<RecordId>,
    /// Records with changes waiting to be sent: the outbox holds an op of each.
    pub waiting: RefCell<Vec<String>>,
    /// Sessions their author changed after logging them, and when (`session_edited`).
    pub edited_sessions: Vec<(RecordId, Millis)>,
}

impl RecordStore for MemoryStore {
    fn load<'a>(&'a self, _: &'a RecordId) -> LocalFuture<'a, Result<Loaded, StoreError>> {
        let loaded = Loaded {
            records: self.records.clone(),
            unreadable: self.unreadable.clone(),
        };
        Box::pin(async { Ok(loaded) })
    }
    fn commit<'a>(&'a self, change: &'a Change) -> LocalFuture<'a, Result<(), StoreError>> {
        if self.refuse_commits.get() {
            return Box::pin(async {
                Err(StoreError(
                    "the browser has no space left for this site's data".into(),
                ))
            });
        }
        self.log_fields(change);
        self.committed.borrow_mut().push(change.clone());
        let delay = self.commit_delay_ms.get();
        Box::pin(async move {
            if delay > 0 {
                sleep(delay).await;
            }
            Ok(())
        })
    }
    fn commit_admin<'a>(
        &'a self,
        change: &'a AdminChange,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        self.admin.borrow_mut().push(change.clone());
        Box::pin(async { Ok(()) })
    }
    fn remembered_person(&self) -> LocalFuture<'_, Result<Option<Person>, StoreError>> {
        Box::pin(async { Ok(None) })
    }
    fn remember_person<'a>(&'a self, _: &'a Person) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
    fn outbox(&self) -> LocalFuture<'_, Result<Outbox, StoreError>> {
        let ops = (self.waiting.borrow().iter())
            .map(|record| mentoring_widget::edges::adapter::OpV1 {
                id: format!("op-{record}"),
                actor: String::new(),
                device: String::new(),
                hlc: String::new(),
                entity: String::new(),
                record: record.clone(),
                field: String::new(),
                value: wasm_bindgen::JsValue::NULL,
                supersedes: Vec::new(),
            })
            .collect();
        Box::pin(async {
            Ok(Outbox {
                ops,
                oldest: None,
                unreadable: 0,
            })
        })
    }
    fn settle<'a>(&'a self, _: &'a [RecordId]) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
    fn receive(&self, _: Vec<Op>) -> LocalFuture<'_, Result<Vec<Update>, StoreError>> {
        Box::pin(async { Ok(Vec::new()) })
    }
    fn refresh(&self) -> LocalFuture<'_, Result<Vec<Update>, StoreError>> {
        Box::pin(async { Ok(Vec::new()) })
    }
    fn cursor(&self) -> LocalFuture<'_, Result<String, StoreError>> {
        Box::pin(async { Ok(String::new()) })
    }
    fn conflicts(&self) -> Vec<Conflict> {
        self.conflicts.borrow().clone()
    }
    fn standing(&self, entity: &str, record: &RecordId, field: &str) -> Option<Standing> {
        let this = |e: &String, r: &RecordId, f: &String| e == entity && r == record && f == field;
        let synced = self.synced.borrow();
        if let Some(at) = (0..synced.len()).rev().find(|&i| {
            let (e, r, f, _) = &synced[i];
            this(e, r, f)
        }) {
            // Numbered as it will be once taken into `written` (by the next write here, in
            // order), so what an undo names stays the same op.
            let taken_at = self.written.borrow().len() + at;
            return Some(Standing {
                op: rid(&format!("written-{taken_at}")),
                value: synced[at].3.clone(),
                supersedes: Vec::new(),
            });
        }
        let written = self.written.borrow();
        if let Some(at) = (0..written.len()).rev().find(|&i| {
            let (e, r, f, ..) = &written[i];
            this(e, r, f)
        }) {
            let (.., value, replaced) = &written[at];
            return Some(Standing {
                op: rid(&format!("written-{at}")),
                value: value.clone(),
                supersedes: replaced.iter().cloned().collect(),
            });
        }
        let loaded = self
            .records
            .iter()
            .find(|c| c.entity() == entity && c.id() == record)?;
        Some(Standing {
            op: rid("loaded"),
            value: fields_of(loaded).remove(field)?,
            supersedes: Vec::new(),
        })
    }
    fn rewrite<'a>(
        &'a self,
        entity: &'a str,
        record: &'a RecordId,
        fields: Vec<Rewrite>,
        how: Rewriting,
    ) -> LocalFuture<'a, Result<Rewritten, StoreError>> {
        let landed = self.synced_while_writing.take();
        self.synced.borrow_mut().extend(landed);
        let stands = |w: &Rewrite| {
            w.over.is_none() || self.standing(entity, record, &w.field).map(|s| s.op) == w.over
        };
        if !fields.iter().all(stands) {
            return Box::pin(async { Ok(Rewritten::ChangedSince) });
        }
        let mut ops = Vec::new();
        for w in &fields {
            self.conflicts
                .borrow_mut()
                .retain(|c| !(c.entity == entity && &c.record == record && c.field == w.field));
            let key = (entity.to_owned(), record.clone(), w.field.clone());
            if how != Rewriting::Edit {
                self.resolved.borrow_mut().push((
                    key.0.clone(),
                    key.1.clone(),
                    key.2.clone(),
                    w.value.clone(),
                ));
            }
            ops.push(self.log(key, w.value.clone()));
        }
        // A record rewritten outside a settlement (an undo of the agreement) is shown and kept
        // as committed with its fields written; a settlement is shown by its conflict leaving.
        let shown = (how == Rewriting::Edit)
            .then(|| {
                let mut all = fields_of(&self.latest(entity, record)?);
                for w in &fields {
                    all.insert(w.field.clone(), w.value.clone());
                }
                let named = ENTITIES_AND_CHILDREN.iter().find(|e| **e == entity)?;
                let change = changes_from([(*named, record, &all)]).changes.pop()?;
                self.committed.borrow_mut().push(change.clone());
                Some(Box::new(change))
            })
            .flatten();
        Box::pin(async move { Ok(Rewritten::Written { ops, shown }) })
    }
    fn session_edited(&self, session: &Session) -> Option<Millis> {
        (self.edited_sessions.iter()).find_map(|(id, at)| (id == &session.id).then_some(*at))
    }
    fn deleted_session(&self, id: &RecordId) -> Option<(RecordId, Millis)> {
        let deleted_here = (self.deleted.borrow().iter().rev())
            .find(|(entity, record, _)| entity == "session" && record == id)
            .is_some_and(|(_, _, deleted)| *deleted);
        let committed = self.committed.borrow();
        let held = (committed.iter().rev())
            .chain(self.records.iter().rev())
            .find_map(|c| match c {
                Change::Session(s) if &s.id == id && deleted_here => Some(s.clone()),
                _ => None,
            });
        let elsewhere = || {
            let sessions = self.deleted_sessions.borrow();
            sessions.iter().find(|s| &s.id == id).cloned()
        };
        held.or_else(elsewhere).map(|s| (s.relationship, s.at))
    }
    fn holds_record(&self, entity: &str, id: &RecordId) -> bool {
        entity == "relationship"
            && (self.unreadable_relationships.contains(id)
                || self.deleted_relationships.iter().any(|r| &r.id == id)
                || (self.records.iter()).any(|c| c.entity() == entity && c.id() == id))
    }
    fn deleted_record(&self, entity: &str, id: &RecordId) -> Option<Change> {
        (self.deleted_relationships.iter())
            .find(|r| entity == "relationship" && &r.id == id)
            .map(|r| Change::Relationship(r.clone()))
    }
    fn set_cursor<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
    fn set_deleted<'a>(
        &'a self,
        entity: &'a str,
        record: &'a RecordId,
        deleted: bool,
    ) -> LocalFuture<'a, Result<Option<Change>, StoreError>> {
        self.deleted
            .borrow_mut()
            .push((entity.to_owned(), record.clone(), deleted));
        // Brought back as last written.
        let back = (!deleted)
            .then(|| {
                let committed = self.committed.borrow();
                (committed.iter().rev())
                    .chain(self.records.iter().rev())
                    .find(|c| c.entity() == entity && c.id() == record)
                    .cloned()
            })
            .flatten();
        Box::pin(async { Ok(back) })
    }
}

/// The record kinds a rewrite may be of, as the projection names them.
const ENTITIES_AND_CHILDREN: [&str; 2] = ["relationship", "goal"];

/// Every field of `change` as stored.
fn fields_of(change: &Change) -> Fields {
    (diff(None, change).into_iter())
        .filter_map(|edit| match edit {
            Edit::Set {
                record,
                field,
                value,
                ..
            } if &record == change.id() => Some((field, value)),
            _ => None,
        })
        .collect()
}

impl MemoryStore {
    /// The record as last committed, else as loaded.
    fn latest(&self, entity: &str, record: &RecordId) -> Option<Change> {
        let committed = self.committed.borrow();
        (committed.iter().rev())
            .chain(self.records.iter().rev())
            .find(|c| c.entity() == entity && c.id() == record)
            .cloned()
    }

    /// Logs a field written here, after whatever was synced in before it; returns the op that
    /// wrote it.
    fn log(
        &self,
        (entity, record, field): (String, RecordId, String),
        value: FieldValue,
    ) -> RecordId {
        for (e, r, f, v) in self.synced.take() {
            let replaced = self.standing(&e, &r, &f).map(|s| s.op);
            self.written.borrow_mut().push((e, r, f, v, replaced));
        }
        let replaced = self.standing(&entity, &record, &field).map(|s| s.op);
        let mut written = self.written.borrow_mut();
        written.push((entity, record, field, value, replaced));
        rid(&format!("written-{}", written.len() - 1))
    }

    /// Logs the fields a commit changed, as a replica writes only those.
    fn log_fields(&self, change: &Change) {
        let (entity, record) = (change.entity(), change.id());
        for (field, value) in fields_of(change) {
            let now = self.standing(entity, record, &field).map(|s| s.value);
            if now.as_ref() != Some(&value) {
                self.log((entity.to_owned(), record.clone(), field), value);
            }
        }
    }
}

pub fn rid(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

/// Every element under `root` matching `selector`.
pub fn all(root: &HtmlElement, selector: &str) -> Vec<HtmlElement> {
    let query: Function = Reflect::get(root, &"querySelectorAll".into())
        .unwrap()
        .unchecked_into();
    let list = query.call1(root, &selector.into()).unwrap();
    Array::from(&list)
        .iter()
        .map(|e| e.unchecked_into::<HtmlElement>())
        .collect()
}

pub fn one(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
        .unchecked_into()
}

/// The button a person would pick by its accessible name (aria-label, else its text).
pub fn button(root: &HtmlElement, name: &str) -> HtmlElement {
    all(root, "button")
        .into_iter()
        .find(|b| b.get_attribute("aria-label").as_deref() == Some(name) || text(b).trim() == name)
        .unwrap_or_else(|| panic!("no button {name:?} in {}", text(root)))
}

/// Clicks the button named `name`, then lets the screen settle.
pub async fn click(root: &HtmlElement, name: &str) {
    button(root, name).click();
    sleep(30).await;
}

/// An event that bubbles and can be cancelled, as the browser's own do.
pub fn event(name: &str) -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    web_sys::Event::new_with_event_init_dict(name, &init).unwrap()
}

/// Types into an input or textarea, or chooses in a select (all have `value`).
pub fn fill(root: &HtmlElement, selector: &str, value: &str) {
    let field: HtmlInputElement = one(root, selector).unchecked_into();
    field.set_value(value);
    field.dispatch_event(&event("input")).unwrap();
    field.dispatch_event(&event("change")).unwrap();
}

/// Catches the files the widget offers for download instead of letting the browser save them
/// (`edges::download` makes a Blob's URL and clicks a link to it), so a test reads what a
/// person would get. Puts the browser's own functions back when dropped.
pub struct Downloads;

impl Downloads {
    pub fn catch() -> Downloads {
        Function::new_no_args(
            "window.__downloads = [];
             window.__browserDownload = window.__browserDownload || {
                 create: URL.createObjectURL,
                 click: HTMLAnchorElement.prototype.click,
             };
             URL.createObjectURL = (blob) => {
                 window.__downloads.push({ blob, name: null });
                 return 'blob:caught-' + window.__downloads.length;
             };
             HTMLAnchorElement.prototype.click = function () {
                 const last = window.__downloads[window.__downloads.length - 1];
                 if (last && this.href === 'blob:caught-' + window.__downloads.length) {
                     last.name = this.download;
                 }
             };",
        )
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
        Downloads
    }

    /// From now on the browser refuses to make a file, as a locked-down one may.
    pub fn refuse(&self) {
        Function::new_no_args(
            "URL.createObjectURL = () => { throw new Error('downloads are blocked here'); };",
        )
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
    }

    /// Each file offered so far, with the name its link gave it: (name, type, text).
    pub async fn files(&self) -> Vec<(String, String, String)> {
        let window = web_sys::window().unwrap();
        let caught = Array::from(&Reflect::get(&window, &"__downloads".into()).unwrap());
        let mut files = Vec::new();
        for file in caught.iter() {
            let name = Reflect::get(&file, &"name".into()).unwrap();
            let blob = Reflect::get(&file, &"blob".into()).unwrap();
            let read: Function = Reflect::get(&blob, &"text".into())
                .unwrap()
                .unchecked_into();
            let promise: Promise = read.call0(&blob).unwrap().unchecked_into();
            let text = JsFuture::from(promise).await.unwrap();
            let kind = Reflect::get(&blob, &"type".into()).unwrap();
            files.push((
                name.as_string().unwrap_or_default(),
                kind.as_string().unwrap_or_default(),
                text.as_string().unwrap_or_default(),
            ));
        }
        files
    }
}

impl Drop for Downloads {
    fn drop(&mut self) {
        let _ = Function::new_no_args(
            "const saved = window.__browserDownload;
             if (saved) {
                 URL.createObjectURL = saved.create;
                 HTMLAnchorElement.prototype.click = saved.click;
             }",
        )
        .call0(&wasm_bindgen::JsValue::NULL);
    }
}
