//! Browser tests: the edges and the mounted widget in headless Chromium (wasm-bindgen-test).
//! Run with `make test-browser`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{all, click, one, rid, sleep, text, until};

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use mentoring_core::merge::Op;
use mentoring_core::preferences::PreferencesMet;
use mentoring_core::projection::FieldValue;
use mentoring_core::{
    decide, Change, Date, Goal, GoalCommand, GoalContext, Milestone, Millis, Person, Programme,
    ProgrammeKind, Progress, RecordId, Title,
};
use mentoring_widget::edges::adapter::{DirectorySnapshot, Host, HostError};
use mentoring_widget::edges::adapter::{OpV1, Pulled, Pushed};
use mentoring_widget::edges::clock::{BrowserClock, Clock};
use mentoring_widget::edges::host::HostEnv;
use mentoring_widget::edges::platform::QuietPlatform;
use mentoring_widget::edges::store::{
    Conflict, IndexedDbStore, JsStore, Loaded, Outbox, RecordStore, RefusedOp, Rewrite, Rewriting,
    Rewritten, StoreError, Update,
};
use mentoring_widget::edges::LocalFuture;
use mentoring_widget::ui::i18n::Locale;
use mentoring_widget::ui::{app, Services};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/js/store.js")]
extern "C" {
    #[wasm_bindgen(js_name = openStore)]
    fn open_store(name: &str) -> Promise;
}

#[wasm_bindgen(module = "/tests/browser/fake_host.js")]
extern "C" {
    #[wasm_bindgen(js_name = fakeHostEnv)]
    fn fake_host_env(store: Promise, status: u16, body: JsValue) -> HostEnv;
    #[wasm_bindgen(js_name = readyCount)]
    fn ready_count(env: &HostEnv) -> u32;
    #[wasm_bindgen(js_name = rawGoal)]
    fn raw_goal(progress: i32) -> JsValue;
    #[wasm_bindgen(js_name = openNewerVersion)]
    fn open_newer_version(name: &str) -> Promise;
    #[wasm_bindgen(js_name = createVersion2)]
    fn create_version_2(name: &str, owner: &str, ops: JsValue) -> Promise;
    #[wasm_bindgen(js_name = rewriteOpRow)]
    fn rewrite_op_row(name: &str, owner: &str, id: &str, op: JsValue) -> Promise;
    #[wasm_bindgen(js_name = beforeNextRefusedWrite)]
    fn before_next_refused_write(store: &JsValue, between: JsValue);
}

#[wasm_bindgen]
extern "C" {
    /// The store's JS API, used to write records the widget did not make.
    type RawStore;
    #[wasm_bindgen(method, js_name = putGoal)]
    fn put_raw(this: &RawStore, record: JsValue) -> Promise;
    #[wasm_bindgen(method, js_name = goalsOf)]
    fn goals_of(this: &RawStore, owner: &str) -> Promise;
    #[wasm_bindgen(method, js_name = opsOf)]
    fn ops_of(this: &RawStore, owner: &str) -> Promise;
    #[wasm_bindgen(method, js_name = getMeta)]
    fn get_meta(this: &RawStore, key: &str) -> Promise;
    #[wasm_bindgen(method, js_name = putMeta)]
    fn put_meta(this: &RawStore, key: &str, value: JsValue) -> Promise;
    #[wasm_bindgen(method, js_name = addOps)]
    fn add_ops(this: &RawStore, owner: &str, ops: JsValue, outbox: bool) -> Promise;
    #[wasm_bindgen(method, js_name = forget)]
    fn forget_person(this: &RawStore, owner: &str, keep_unsent: bool) -> Promise;
    #[wasm_bindgen(method, js_name = outboxOf)]
    fn outbox_raw(this: &RawStore, owner: &str) -> Promise;
    #[wasm_bindgen(method, js_name = forgetRecords)]
    fn forget_records(this: &RawStore, owner: &str, keys: &str, snapshot: JsValue) -> Promise;
    #[wasm_bindgen(method, js_name = signOuts)]
    fn sign_outs(this: &RawStore) -> Promise;
    #[wasm_bindgen(method, js_name = allowWritesFor)]
    fn allow_writes_for(this: &RawStore, owner: &str, seen: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json(text: &str) -> JsValue;
}

fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", BrowserClock.entropy())
}

async fn opened_store(name: &str) -> (JsStore, IndexedDbStore) {
    let js: JsStore = JsFuture::from(open_store(name))
        .await
        .unwrap()
        .unchecked_into();
    (js.clone(), IndexedDbStore::new(js, Rc::new(BrowserClock)))
}

fn container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

fn goal(id: &str, owner: &str, title: &str, percent: i64) -> Goal {
    let command = GoalCommand::Add {
        title: title.into(),
    };
    let owner = RecordId::parse(owner).unwrap();
    let goal = decide(
        &command,
        &[],
        GoalContext::default(),
        &owner,
        Millis(1),
        |_| RecordId::parse(id).unwrap(),
    )
    .unwrap();
    Goal {
        manual_progress: Progress::new(percent).unwrap(),
        progress_from: Default::default(),
        ..goal
    }
}

/// The goals among loaded records.
fn goals_in(loaded: &Loaded) -> Vec<Goal> {
    let mut goals = Vec::new();
    for change in &loaded.records {
        if let Change::Goal(goal) = change {
            mentoring_core::apply(&mut goals, goal.clone());
        }
    }
    goals
}

fn person(id: &str) -> Person {
    Person::new(RecordId::parse(id).unwrap(), format!("{id} name"))
}

#[wasm_bindgen_test]
async fn indexeddb_keeps_each_persons_records_as_ops_across_reopening() {
    let name = unique("store");
    let (_, store) = opened_store(&name).await;
    store.load(&rid("amira")).await.unwrap();
    let amira = goal("g1", "amira", "Present to the board", 40);
    store.commit(&Change::Goal(amira.clone())).await.unwrap();
    let moved = Goal {
        manual_progress: Progress::new(80).unwrap(),
        progress_from: Default::default(),
        ..amira
    };
    store.commit(&Change::Goal(moved.clone())).await.unwrap();
    let Outbox {
        ops: waiting,
        oldest,
        ..
    } = store.outbox().await.unwrap();
    assert!(
        waiting.len() > 10,
        "a new goal's fields and the change wait for the host"
    );
    assert!(oldest.is_some());

    // Another person on the same device sees none of it.
    let (_, shared_device) = opened_store(&name).await;
    let james = shared_device.load(&rid("james")).await.unwrap();
    assert!(james.records.is_empty(), "{:?}", james.records);

    // Reopening finds amira's goal as she last saved it.
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("amira")).await.unwrap();
    assert_eq!(goals_in(&loaded), vec![moved]);
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
}

#[wasm_bindgen_test]
async fn acknowledged_ops_leave_the_outbox_and_received_ops_update_the_view() {
    let (_, phone) = opened_store(&unique("phone")).await;
    let (_, laptop) = opened_store(&unique("laptop")).await;
    phone.load(&rid("amira")).await.unwrap();
    laptop.load(&rid("amira")).await.unwrap();
    phone
        .commit(&Change::Goal(goal("g1", "amira", "From the phone", 10)))
        .await
        .unwrap();
    let sent = phone.outbox().await.unwrap().ops;
    let ops: Vec<_> = sent
        .iter()
        .map(|wire| mentoring_widget::edges::adapter::op_from_wire(wire).unwrap())
        .collect();
    let ids: Vec<RecordId> = ops.iter().map(|op| op.id.clone()).collect();
    phone.settle(&ids).await.unwrap();
    assert!(phone.outbox().await.unwrap().ops.is_empty());

    let updates = laptop.receive(ops.clone()).await.unwrap();
    assert_eq!(updates.len(), 1, "{updates:?}");
    assert!(
        matches!(&updates[0], Update::Upsert(c) if matches!(c.as_ref(), Change::Goal(g) if g.title.as_str() == "From the phone"))
    );
    assert!(
        laptop.receive(ops).await.unwrap().is_empty(),
        "receiving twice changes nothing"
    );
    assert!(
        laptop.outbox().await.unwrap().ops.is_empty(),
        "received ops are not sent back"
    );
    laptop.set_cursor("42").await.unwrap();
    assert_eq!(laptop.cursor().await.unwrap(), "42");
}

#[wasm_bindgen_test]
async fn a_relationships_deletion_received_alone_is_held_so_its_sessions_are_not_read_without_it() {
    // A new device of someone taken off a pair: the host sends the pair's deletion alone.
    let (_, store) = opened_store(&unique("new-phone")).await;
    store.load(&rid("james")).await.unwrap();
    assert!(!store.holds_record("relationship", &rid("rel-x")));
    let deleted = Op {
        id: rid("op-admin-deletes"),
        actor: rid("hr-admin"),
        device: rid("dev-admin"),
        hlc: mentoring_core::merge::Hlc::decode("1896000000000-00000").unwrap(),
        entity: "relationship".into(),
        record: rid("rel-x"),
        field: "deleted".into(),
        value: FieldValue::Bool(true),
        supersedes: Vec::new(),
    };
    store.receive(vec![deleted]).await.unwrap();
    // Held, though nothing of it can be read or brought back here.
    assert!(store.holds_record("relationship", &rid("rel-x")));
    assert!(store
        .deleted_record("relationship", &rid("rel-x"))
        .is_none());
    assert!(!store.holds_record("relationship", &rid("rel-y")));
    assert!(!store.holds_record("session", &rid("rel-x")));
}

#[wasm_bindgen_test]
async fn a_private_note_held_only_by_its_later_edit_is_not_reported_unreadable_but_a_broken_one_is()
{
    // What a sign-out keeping only unsent changes leaves: the note's latest text, replacing
    // a value this device no longer holds; its owner and session come with the next pull.
    let name = unique("kept-edit");
    let (_, store) = opened_store(&name).await;
    store.load(&rid("amira")).await.unwrap();
    let op = |id: &str, record: &str, field: &str, value: &str, supersedes: &[&str]| Op {
        id: rid(id),
        actor: rid("amira"),
        device: rid("dev-phone"),
        hlc: mentoring_core::merge::Hlc::decode("1796000000000-00000").unwrap(),
        entity: "private-note".into(),
        record: rid(record),
        field: field.into(),
        value: FieldValue::Text(value.into()),
        supersedes: supersedes.iter().map(|s| rid(s)).collect(),
    };
    store
        .receive(vec![
            op("op-edit", "note-kept", "text", "Kept", &["op-first"]),
            // Nothing awaited: a note missing its session is stored wrong.
            op("op-broken", "note-broken", "text", "Broken", &[]),
        ])
        .await
        .unwrap();
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("amira")).await.unwrap();
    assert_eq!(loaded.unreadable.len(), 1, "{:?}", loaded.unreadable);
    assert_eq!(loaded.unreadable[0].kind, "private-note");
    assert!(
        loaded.unreadable[0].reason.contains("note-broken"),
        "{:?}",
        loaded.unreadable
    );
}

/// What `from` has not sent yet, taken in by `to`.
async fn send(from: &IndexedDbStore, to: &IndexedDbStore) -> Vec<Op> {
    let ops: Vec<Op> = (from.outbox().await.unwrap().ops.iter())
        .map(|wire| mentoring_widget::edges::adapter::op_from_wire(wire).unwrap())
        .collect();
    let ids: Vec<RecordId> = ops.iter().map(|op| op.id.clone()).collect();
    from.settle(&ids).await.unwrap();
    to.receive(ops.clone()).await.unwrap();
    ops
}

/// "Use" on goal g1's title: the op it wrote.
async fn used(store: &IndexedDbStore) -> RecordId {
    let value = FieldValue::Text("USED".into());
    match store
        .rewrite(
            "goal",
            &rid("g1"),
            title_set(value, None),
            Rewriting::Settle,
        )
        .await
    {
        Ok(Rewritten::Written { ops, .. }) => ops[0].clone(),
        other => panic!("{other:?}"),
    }
}

/// Undo of a "Use" on goal g1's title, over the op it wrote.
async fn undo(store: &IndexedDbStore, over: RecordId) -> Rewritten {
    let value = FieldValue::Text("BEFORE".into());
    (store.rewrite(
        "goal",
        &rid("g1"),
        title_set(value, Some(over)),
        Rewriting::Settle,
    ))
    .await
    .unwrap()
}

/// A goal's title written as a [`RecordStore::rewrite`] does, over `over` when named.
fn title_set(value: FieldValue, over: Option<RecordId>) -> Vec<Rewrite> {
    vec![Rewrite {
        field: "title".into(),
        value,
        over,
    }]
}

#[wasm_bindgen_test]
async fn an_undo_writes_only_over_the_op_it_takes_back_and_asks_so_in_the_write_itself() {
    let shared = unique("tabs");
    let (_, tab) = opened_store(&shared).await;
    let (_, other_tab) = opened_store(&shared).await;
    let (_, phone) = opened_store(&unique("phone")).await;
    for store in [&tab, &other_tab, &phone] {
        store.load(&rid("amira")).await.unwrap();
    }
    let made = goal("g1", "amira", "BEFORE", 10);
    tab.commit(&Change::Goal(made.clone())).await.unwrap();
    let title = |store: &IndexedDbStore| store.standing("goal", &rid("g1"), "title").unwrap();
    let text = |t: &str| FieldValue::Text(t.into());
    // "Use" writes a title; Undo over it, with nothing in between, writes the one before.
    let op = used(&tab).await;
    assert!(matches!(undo(&tab, op).await, Rewritten::Written { .. }));
    assert_eq!(title(&tab).value, text("BEFORE"));

    // A title received since (the phone's, in this tab's own sync): nothing is written.
    let op = used(&tab).await;
    send(&tab, &phone).await;
    phone
        .commit(&Change::Goal(Goal {
            title: Title::parse("FROM-THE-PHONE").unwrap(),
            ..made.clone()
        }))
        .await
        .unwrap();
    send(&phone, &tab).await;
    let waiting = tab.outbox().await.unwrap().ops.len();
    assert_eq!(undo(&tab, op).await, Rewritten::ChangedSince);
    assert_eq!(title(&tab).value, text("FROM-THE-PHONE"));
    assert_eq!(
        tab.outbox().await.unwrap().ops.len(),
        waiting,
        "nothing queued"
    );

    // Another tab stores a title this tab's replica has not read: the transaction that would
    // store the undo finds it and stores nothing.
    let op = used(&tab).await;
    other_tab.refresh().await.unwrap();
    assert_eq!(title(&other_tab).op, op);
    other_tab
        .commit(&Change::Goal(Goal {
            title: Title::parse("FROM-THE-OTHER-TAB").unwrap(),
            ..made.clone()
        }))
        .await
        .unwrap();
    assert_eq!(title(&tab).op, op, "not read here yet");
    let waiting = tab.outbox().await.unwrap().ops.len();
    assert_eq!(undo(&tab, op.clone()).await, Rewritten::ChangedSince);
    assert_eq!(
        tab.outbox().await.unwrap().ops.len(),
        waiting,
        "nothing stored"
    );
    tab.refresh().await.unwrap();
    assert_eq!(title(&tab).value, text("FROM-THE-OTHER-TAB"));
    // What another tab stored of another record is no reason to refuse: only the field's is.
    let op = used(&tab).await;
    other_tab
        .commit(&Change::Goal(goal("g2", "amira", "ELSEWHERE", 0)))
        .await
        .unwrap();
    assert!(matches!(undo(&tab, op).await, Rewritten::Written { .. }));
    tab.refresh().await.unwrap();
    assert_eq!(title(&tab).value, text("BEFORE"));
}

#[wasm_bindgen_test]
async fn the_pairing_log_says_who_re_paired_a_relationship_and_when_after_a_reopening_too() {
    use mentoring_core::relationship::Side;
    use mentoring_core::{Lifecycle, Relationship, RelationshipKind};
    let (_, admin) = opened_store(&unique("admin")).await;
    let device = unique("old-mentor");
    let (_, james) = opened_store(&device).await;
    admin.load(&rid("hr-admin")).await.unwrap();
    james.load(&rid("james")).await.unwrap();
    let made = Relationship {
        id: rid("rel-m"),
        kind: RelationshipKind::Mentoring,
        programme: rid("prog-mentor"),
        mentor: rid("james"),
        mentee: rid("amira"),
        purpose: String::new(),
        ground_rules: String::new(),
        starts: Date(20_000),
        planned_end: Date(20_300),
        lifecycle: Lifecycle::Active,
        target_role: None,
        agreed: Default::default(),
    };
    admin
        .commit(&Change::Relationship(made.clone()))
        .await
        .unwrap();
    send(&admin, &james).await;
    let log = james.pairing_log();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].replaced, None, "as it was made");
    sleep(5).await;
    let before = BrowserClock.now();
    let repaired = Relationship {
        mentor: rid("layla"),
        ..made
    };
    admin.commit(&Change::Relationship(repaired)).await.unwrap();
    send(&admin, &james).await;
    let log = james.pairing_log();
    assert_eq!(log[0].replaced, Some(Side::Mentor), "{log:?}");
    assert_eq!(log[0].paired.by, rid("hr-admin"));
    assert!(log[0].paired.at >= before, "{log:?}");
    let (_, reopened) = opened_store(&device).await;
    reopened.load(&rid("james")).await.unwrap();
    assert_eq!(reopened.pairing_log(), log);
}

#[wasm_bindgen_test]
async fn one_conflict_settled_both_ways_at_once_leaves_no_change_not_kept() {
    let (_, phone) = opened_store(&unique("phone")).await;
    let (_, laptop) = opened_store(&unique("laptop")).await;
    phone.load(&rid("amira")).await.unwrap();
    laptop.load(&rid("amira")).await.unwrap();
    let made = goal("g1", "amira", "Present to the board", 10);
    phone.commit(&Change::Goal(made.clone())).await.unwrap();
    send(&phone, &laptop).await;
    // Renamed on both at once: a conflict on each.
    let renamed = |title: &str| {
        Change::Goal(Goal {
            title: Title::parse(title).unwrap(),
            ..made.clone()
        })
    };
    phone.commit(&renamed("PHONE-TITLE")).await.unwrap();
    laptop.commit(&renamed("LAPTOP-TITLE")).await.unwrap();
    send(&phone, &laptop).await;
    send(&laptop, &phone).await;
    let titles = |store: &IndexedDbStore| -> Vec<Conflict> {
        (store.conflicts().into_iter())
            .filter(|c| c.field == "title")
            .collect()
    };
    assert_eq!(titles(&phone).len(), 1);
    // "Use" the value not kept on one, "Keep" the one kept on the other, at once.
    let conflict = titles(&phone).remove(0);
    phone
        .rewrite(
            "goal",
            &rid("g1"),
            title_set(conflict.value.clone(), None),
            Rewriting::Settle,
        )
        .await
        .unwrap();
    laptop
        .rewrite(
            "goal",
            &rid("g1"),
            title_set(conflict.kept.clone(), None),
            Rewriting::Settle,
        )
        .await
        .unwrap();
    let settled = send(&phone, &laptop).await;
    assert!(
        settled
            .iter()
            .all(|op| op.id.as_str().starts_with("settle-")),
        "{settled:?}"
    );
    send(&laptop, &phone).await;
    for store in [&phone, &laptop] {
        assert_eq!(titles(store), Vec::<Conflict>::new());
    }
    let on_phone = phone.load(&rid("amira")).await.unwrap();
    let on_laptop = laptop.load(&rid("amira")).await.unwrap();
    assert_eq!(goals_in(&on_phone), goals_in(&on_laptop));
}

#[wasm_bindgen_test]
async fn a_session_changed_writes_only_what_changed_and_a_delete_is_undone_with_its_action_items() {
    use mentoring_core::session::{ActionItem, Grow, Place};
    use mentoring_core::Session;
    let name = unique("store");
    let (_, store) = opened_store(&name).await;
    store.load(&rid("sofia")).await.unwrap();
    let logged = Session {
        id: rid("s-1"),
        relationship: rid("rel"),
        author: rid("sofia"),
        partner: Some(rid("amira")),
        at: Millis(1_795_000_000_000),
        time_zone: "Asia/Dubai".into(),
        minutes: 60,
        place: Place::Online,
        grow: Grow::default(),
        skills: Default::default(),
        actions: vec![ActionItem {
            id: rid("a-1"),
            text: "Draft the pitch".into(),
            owner: rid("amira"),
            due: Date(20_800),
            done: true,
        }],
        goals: vec![],
    };
    store
        .commit(&Change::Session(logged.clone()))
        .await
        .unwrap();
    let before = store.outbox().await.unwrap().ops.len();
    let changed = Session {
        minutes: 45,
        ..logged.clone()
    };
    store
        .commit(&Change::Session(changed.clone()))
        .await
        .unwrap();
    let ops = store.outbox().await.unwrap().ops;
    let written: Vec<String> = (ops[before..].iter())
        .map(|wire| {
            mentoring_widget::edges::adapter::op_from_wire(wire)
                .unwrap()
                .field
        })
        .collect();
    assert_eq!(written, ["minutes"], "only the field that changed");

    assert_eq!(store.deleted_session(&rid("s-1")), None, "not deleted");
    assert_eq!(
        store.set_deleted("session", &rid("s-1"), true).await,
        Ok(None)
    );
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("sofia")).await.unwrap();
    assert!(
        loaded.records.is_empty() && loaded.unreadable.is_empty(),
        "its action item goes with it: {loaded:?}"
    );
    // Where and when it was stays known, for a private note on it.
    assert_eq!(
        reopened.deleted_session(&rid("s-1")),
        Some((rid("rel"), Millis(1_795_000_000_000)))
    );
    assert_eq!(reopened.deleted_session(&rid("s-never")), None);
    let back = reopened.set_deleted("session", &rid("s-1"), false).await;
    assert_eq!(back, Ok(Some(Change::Session(changed.clone()))));
    let (_, again) = opened_store(&name).await;
    let loaded = again.load(&rid("sofia")).await.unwrap();
    assert_eq!(
        loaded.records,
        [Change::Session(changed)],
        "with its item, still done"
    );
}

#[wasm_bindgen_test]
async fn first_version_goals_become_ops_once_and_unreadable_ones_stay_untouched() {
    let (js, store) = opened_store(&unique("corrupt")).await;
    let raw = js.unchecked_ref::<RawStore>();
    JsFuture::from(raw.put_raw(raw_goal(500))).await.unwrap();
    JsFuture::from(raw.put_raw(raw_goal(50))).await.unwrap();

    let owner = rid("amira");
    let loaded = store.load(&owner).await.unwrap();
    assert_eq!(goals_in(&loaded).len(), 1);
    assert_eq!(goals_in(&loaded)[0].progress().percent(), 50);
    assert_eq!(loaded.unreadable.len(), 1);
    assert!(
        loaded.unreadable[0].kind == "goal" && loaded.unreadable[0].reason.contains("progress"),
        "{:?}",
        loaded.unreadable
    );
    assert!(
        !store.outbox().await.unwrap().ops.is_empty(),
        "migrated goals will sync"
    );

    // Loading again reads the ops, not the old records: no second copy.
    let again = store.load(&owner).await.unwrap();
    assert_eq!(goals_in(&again).len(), 1);
    let left = JsFuture::from(raw.goals_of("amira")).await.unwrap();
    assert_eq!(
        js_sys::Array::from(&left).length(),
        2,
        "old records are never deleted"
    );
}

/// How many op rows are stored for `owner`.
async fn stored_rows(raw: &RawStore, owner: &str) -> u32 {
    let rows = JsFuture::from(raw.ops_of(owner)).await.unwrap();
    let ops = js_sys::Reflect::get(&rows, &JsValue::from_str("ops")).unwrap();
    js_sys::Array::from(&ops).length()
}

#[wasm_bindgen_test]
async fn opening_reads_the_snapshot_and_the_rows_after_it_and_a_bad_snapshot_loses_nothing() {
    let name = unique("snapshot");
    let (js, store) = opened_store(&name).await;
    let store = store.snapshot_after(1);
    let raw = js.unchecked_ref::<RawStore>();
    let owner = rid("amira");
    store.load(&owner).await.unwrap();
    let first = goal("g1", "amira", "Present to the board", 40);
    store.commit(&Change::Goal(first.clone())).await.unwrap();
    let sent: Vec<Op> = store
        .outbox()
        .await
        .unwrap()
        .ops
        .iter()
        .map(|wire| mentoring_widget::edges::adapter::op_from_wire(wire).unwrap())
        .collect();
    store.compact().await.unwrap();
    let snapshot = JsFuture::from(raw.get_meta("snapshot:amira"))
        .await
        .unwrap();
    assert!(snapshot.is_object(), "a snapshot was written");
    // Made after the snapshot: opening must fold these rows on top of it.
    let moved = Goal {
        manual_progress: Progress::new(80).unwrap(),
        progress_from: Default::default(),
        ..first.clone()
    };
    store.commit(&Change::Goal(moved.clone())).await.unwrap();
    let second = goal("g2", "amira", "Mentor a new starter", 10);
    store.commit(&Change::Goal(second.clone())).await.unwrap();

    let reopen = || async {
        let (_, reopened) = opened_store(&name).await;
        let loaded = reopened.load(&owner).await.unwrap();
        (reopened, loaded)
    };
    let (reopened, loaded) = reopen().await;
    assert_eq!(goals_in(&loaded), vec![moved.clone(), second.clone()]);
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);

    // The host relays ops the snapshot compacted away (g1's first progress): nothing changes,
    // nothing is stored again.
    let rows = stored_rows(raw, "amira").await;
    assert!(reopened.receive(sent).await.unwrap().is_empty());
    assert_eq!(stored_rows(raw, "amira").await, rows);
    let (_, loaded) = reopen().await;
    assert_eq!(goals_in(&loaded), vec![moved.clone(), second.clone()]);

    // Opening does read the snapshot: told that every row is in it, it shows the snapshot's
    // state alone (g1 as first saved, no g2).
    js_sys::Reflect::set(&snapshot, &"upTo".into(), &JsValue::from_f64(1e9)).unwrap();
    JsFuture::from(raw.put_meta("snapshot:amira", snapshot))
        .await
        .unwrap();
    let (_, loaded) = reopen().await;
    assert_eq!(goals_in(&loaded), vec![first]);

    // Snapshots that cannot be read, each claiming every row is in it: every row is read.
    let broken = [
        r#""not a snapshot""#,
        r#"{"format": 3, "owner": "amira", "upTo": 1e9, "clock": "0000000000000-00000", "known": "", "heads": [{"id": 7}], "awaited": [], "unreadable": []}"#,
        r#"{"format": 3, "owner": "amira", "upTo": 1e9, "clock": "0000000000000-00000", "known": "op one", "heads": [], "awaited": [], "unreadable": []}"#,
        r#"{"format": 3, "owner": "amira", "upTo": 1e9, "clock": "yesterday", "known": "", "heads": [], "awaited": [], "unreadable": []}"#,
        r#"{"format": 3, "owner": "amira", "upTo": 1e9, "clock": "0000000000000-00000", "known": "", "heads": [], "awaited": [{"entity": "goal"}], "unreadable": []}"#,
        r#"{"format": 3, "owner": "james", "upTo": 1e9, "clock": "0000000000000-00000", "known": "", "heads": [], "awaited": [], "unreadable": []}"#,
        r#"{"format": 99, "owner": "amira", "upTo": 1e9, "clock": "0000000000000-00000", "known": "", "heads": [], "awaited": [], "unreadable": []}"#,
    ];
    for bad in broken {
        let bad = json(bad);
        JsFuture::from(raw.put_meta("snapshot:amira", bad.clone()))
            .await
            .unwrap();
        let (_, loaded) = reopen().await;
        assert_eq!(
            goals_in(&loaded),
            vec![moved.clone(), second.clone()],
            "with {:?}",
            js_sys::JSON::stringify(&bad).ok()
        );
    }
}

#[wasm_bindgen_test]
async fn a_snapshot_in_the_format_before_session_times_were_kept_whole_is_not_used_and_is_written_again(
) {
    let name = unique("old-snapshot");
    let (js, store) = opened_store(&name).await;
    let store = store.snapshot_after(1);
    let raw = js.unchecked_ref::<RawStore>();
    let owner = rid("amira");
    store.load(&owner).await.unwrap();
    let first = goal("g1", "amira", "Present to the board", 40);
    store.commit(&Change::Goal(first.clone())).await.unwrap();
    store.compact().await.unwrap();
    let stored = || async {
        JsFuture::from(raw.get_meta("snapshot:amira"))
            .await
            .unwrap()
    };
    let format = |snapshot: &JsValue| {
        js_sys::Reflect::get(snapshot, &"format".into())
            .unwrap()
            .as_f64()
    };
    let snapshot = stored().await;
    assert_eq!(format(&snapshot), Some(3.0));
    let moved = Goal {
        manual_progress: Progress::new(80).unwrap(),
        progress_from: Default::default(),
        ..first.clone()
    };
    store.commit(&Change::Goal(moved.clone())).await.unwrap();
    // As the release before wrote it, claiming every row is in it: it lacks ops that
    // compaction keeps now, so it is read as no snapshot, quietly.
    js_sys::Reflect::set(&snapshot, &"format".into(), &JsValue::from_f64(2.0)).unwrap();
    js_sys::Reflect::set(&snapshot, &"upTo".into(), &JsValue::from_f64(1e9)).unwrap();
    JsFuture::from(raw.put_meta("snapshot:amira", snapshot))
        .await
        .unwrap();
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&owner).await.unwrap();
    assert_eq!(goals_in(&loaded), vec![moved.clone()]);
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    // Written again at the next compaction, though far fewer rows than usual were read.
    reopened.compact().await.unwrap();
    let rewritten = stored().await;
    assert_eq!(format(&rewritten), Some(3.0));
    let (_, again) = opened_store(&name).await;
    assert_eq!(goals_in(&again.load(&owner).await.unwrap()), vec![moved]);
}

/// What a page calls with another tab's word.
type Heard = Rc<dyn Fn(String)>;

/// A page where another tab syncing for the same person holds the sync lock.
#[derive(Default)]
struct LockedElsewhere {
    /// Whom each lock was asked for.
    asked: std::cell::RefCell<Vec<String>>,
    heard: std::cell::RefCell<Option<Heard>>,
}

impl mentoring_widget::edges::platform::Platform for LockedElsewhere {
    fn online(&self) -> bool {
        true
    }
    fn watch(&self, _: Rc<dyn Fn()>) {}
    fn later(&self, _: u32, _: Rc<dyn Fn()>) {}
    fn try_lock<'a>(
        &'a self,
        person: &'a str,
    ) -> LocalFuture<'a, Option<mentoring_widget::edges::platform::Release>> {
        self.asked.borrow_mut().push(person.to_owned());
        Box::pin(async { None })
    }
    fn broadcast(&self, _: &str) {}
    fn on_broadcast(&self, run: Rc<dyn Fn(String)>) {
        *self.heard.borrow_mut() = Some(run);
    }
    fn persist(&self) {}
}

#[wasm_bindgen_test]
async fn a_sync_that_found_the_lock_held_is_not_said_as_synced_until_the_holder_says_so() {
    let platform = Rc::new(LockedElsewhere::default());
    let host = Rc::new(Relaying {
        person: "amira",
        pulled: Vec::new(),
    });
    let (element, handle) = synced_app(&unique("locked"), host, platform.clone()).await;
    until("the lock to be asked for", || {
        !platform.asked.borrow().is_empty()
    })
    .await;
    sleep(100).await;
    assert_eq!(
        platform.asked.borrow()[0],
        "amira",
        "a lock of the person's own"
    );
    assert!(
        !text(&element).contains("All changes synced"),
        "{}",
        text(&element)
    );
    let heard = platform.heard.borrow().clone().expect("listening");
    // Another person's widget synced: nothing of this person's.
    heard("synced:james".to_owned());
    sleep(100).await;
    assert!(
        !text(&element).contains("All changes synced"),
        "{}",
        text(&element)
    );
    heard("synced:amira".to_owned());
    until("the holder's sync to be said", || {
        text(&element).contains("All changes synced")
    })
    .await;
    drop(handle);
}

/// A page the test unmounts (`live` false) while a sync is under way.
struct Unmountable(Rc<std::cell::Cell<bool>>);

impl mentoring_widget::edges::platform::Platform for Unmountable {
    fn online(&self) -> bool {
        true
    }
    fn watch(&self, _: Rc<dyn Fn()>) {}
    fn later(&self, _: u32, _: Rc<dyn Fn()>) {}
    fn try_lock<'a>(
        &'a self,
        _: &'a str,
    ) -> LocalFuture<'a, Option<mentoring_widget::edges::platform::Release>> {
        Box::pin(async { Some(Box::new(|| {}) as mentoring_widget::edges::platform::Release) })
    }
    fn broadcast(&self, _: &str) {}
    fn on_broadcast(&self, _: Rc<dyn Fn(String)>) {}
    fn persist(&self) {}
    fn live(&self) -> bool {
        self.0.get()
    }
}

/// A host whose first pull page arrives as the widget is unmounted, with more to come.
struct PullAtUnmount {
    live: Rc<std::cell::Cell<bool>>,
    pulled: Vec<Op>,
    pulls: std::cell::Cell<u32>,
}

impl Host for PullAtUnmount {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        let acknowledged = ops.iter().map(|op| rid(&op.id)).collect();
        Box::pin(async move {
            Ok(Pushed {
                acknowledged,
                rejected: Vec::new(),
            })
        })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        self.pulls.set(self.pulls.get() + 1);
        self.live.set(false);
        let ops = self.pulled.clone();
        let cursor = format!("page-{}", self.pulls.get());
        Box::pin(async move {
            Ok(Pulled {
                epoch: None,
                held: Vec::new(),
                ops,
                cursor,
                more: true,
            })
        })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

#[wasm_bindgen_test]
async fn a_sync_under_way_at_unmount_asks_nothing_more_and_stores_nothing() {
    let (_, laptop) = opened_store(&unique("laptop")).await;
    laptop.load(&rid("amira")).await.unwrap();
    let saved = goal("g1", "amira", "From the laptop", 10);
    laptop.commit(&Change::Goal(saved)).await.unwrap();
    let pulled: Vec<Op> = (laptop.outbox().await.unwrap().ops.iter())
        .map(|wire| mentoring_widget::edges::adapter::op_from_wire(wire).unwrap())
        .collect();
    let name = unique("unmounted");
    let live = Rc::new(std::cell::Cell::new(true));
    let host = Rc::new(PullAtUnmount {
        live: live.clone(),
        pulled,
        pulls: std::cell::Cell::new(0),
    });
    let (_element, handle) = synced_app(&name, host.clone(), Rc::new(Unmountable(live))).await;
    until("a pull", || host.pulls.get() > 0).await;
    sleep(200).await;
    assert_eq!(host.pulls.get(), 1, "no page asked after unmount");
    let (js, reopened) = opened_store(&name).await;
    assert_eq!(
        stored_rows(js.unchecked_ref::<RawStore>(), "amira").await,
        0
    );
    reopened.load(&rid("amira")).await.unwrap();
    assert_eq!(reopened.cursor().await.unwrap(), "");
    drop(handle);
}

/// A host that refuses every push (`refuse_all`), or answers `413 too_large` to any push
/// holding a title with "HUGE" in it, and relays `pulled`.
struct Picky {
    refuse_all: bool,
    pulled: Vec<Op>,
    /// The ids of the ops of each push asked.
    pushes: std::cell::RefCell<Vec<Vec<String>>>,
}

impl Host for Picky {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        (self.pushes.borrow_mut()).push(ops.iter().map(|op| op.id.clone()).collect());
        let huge = ops.iter().any(|op| {
            op.field == "title" && op.value.as_string().is_some_and(|t| t.contains("HUGE"))
        });
        let refused = |code: &str| HostError::Refused {
            code: code.into(),
            message: "no".into(),
        };
        let answer = if self.refuse_all {
            Err(refused("bad_request"))
        } else if huge {
            Err(refused("too_large"))
        } else {
            Ok(Pushed {
                acknowledged: ops.iter().map(|op| rid(&op.id)).collect(),
                rejected: Vec::new(),
            })
        };
        Box::pin(async move { answer })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        let ops = self.pulled.clone();
        Box::pin(async move {
            Ok(Pulled {
                epoch: None,
                held: Vec::new(),
                ops,
                cursor: "7".into(),
                more: false,
            })
        })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

#[wasm_bindgen_test]
async fn a_push_too_large_is_halved_down_to_the_change_too_large_alone_which_is_refused_and_said() {
    let name = unique("too-large");
    let (_, store) = opened_store(&name).await;
    store.load(&rid("amira")).await.unwrap();
    for (id, title) in [
        ("g1", "Present to the board"),
        ("g2", "HUGE"),
        ("g3", "Mentor"),
    ] {
        store
            .commit(&Change::Goal(goal(id, "amira", title, 10)))
            .await
            .unwrap();
    }
    let waiting = outbox_ids(&name, "amira").await;
    let host = Rc::new(Picky {
        refuse_all: false,
        pulled: Vec::new(),
        pushes: Default::default(),
    });
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("the refusal to be said", || {
        text(&element).contains("The portal did not keep 1 change: it is too large for the portal")
    })
    .await;
    // Synced, but not all of them: the refused change was not kept.
    until("synced, said without 'all'", || {
        status_line(&element).starts_with("Synced (last at")
    })
    .await;
    let said = status_line(&element);
    assert!(
        said.contains("The portal did not keep 1 change") && !said.contains("All changes"),
        "{said}"
    );
    assert!(
        !text(&element).contains("Sync failed"),
        "{}",
        text(&element)
    );
    let pushes = host.pushes.borrow().clone();
    assert!(pushes.len() > 2, "{pushes:?}");
    assert!(pushes.iter().all(|push| !push.is_empty()));
    // Everything else reached the host, and nothing waits: the huge goal's change alone was
    // refused, whole (half a new goal would be refused as a goal that breaks a rule).
    assert!(outbox_ids(&name, "amira").await.is_empty());
    let last_sent = pushes
        .iter()
        .flatten()
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(last_sent.len(), waiting.len(), "every op sent");
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_push_refused_for_good_still_lets_the_pull_bring_what_others_changed() {
    let (_, laptop) = opened_store(&unique("laptop")).await;
    laptop.load(&rid("amira")).await.unwrap();
    laptop
        .commit(&Change::Goal(goal("g9", "amira", "From the laptop", 10)))
        .await
        .unwrap();
    let pulled: Vec<Op> = (laptop.outbox().await.unwrap().ops.iter())
        .map(|wire| mentoring_widget::edges::adapter::op_from_wire(wire).unwrap())
        .collect();
    let name = unique("push-refused");
    let (_, store) = opened_store(&name).await;
    store.load(&rid("amira")).await.unwrap();
    store
        .commit(&Change::Goal(goal(
            "g1",
            "amira",
            "Present to the board",
            10,
        )))
        .await
        .unwrap();
    let host = Rc::new(Picky {
        refuse_all: true,
        pulled,
        pushes: Default::default(),
    });
    let (element, handle) = synced_app(&name, host, Rc::new(QuietPlatform)).await;
    until("the pulled goal to be shown", || {
        text(&element).contains("From the laptop")
    })
    .await;
    until("the push's failure to be said", || {
        text(&element).contains("Sync failed")
    })
    .await;
    assert!(
        !outbox_ids(&name, "amira").await.is_empty(),
        "the change still waits"
    );
    drop(handle);
}

/// A host that takes every push and relays `pulled` on every pull.
struct Relaying {
    /// Who the host's session is.
    person: &'static str,
    pulled: Vec<Op>,
}

impl Host for Relaying {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        let me = person(self.person);
        Box::pin(async { Ok(me) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        let acknowledged = ops.iter().map(|op| rid(&op.id)).collect();
        Box::pin(async move {
            Ok(Pushed {
                acknowledged,
                rejected: Vec::new(),
            })
        })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        let ops = self.pulled.clone();
        Box::pin(async move {
            Ok(Pulled {
                epoch: None,
                held: Vec::new(),
                ops,
                cursor: "7".into(),
                more: false,
            })
        })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

#[wasm_bindgen_test]
async fn a_host_relaying_another_op_under_a_known_id_gets_a_clear_error_and_changes_nothing() {
    let name = unique("relayed");
    let (js, store) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    store.load(&rid("amira")).await.unwrap();
    let saved = goal("g1", "amira", "Present to the board", 40);
    store.commit(&Change::Goal(saved.clone())).await.unwrap();
    let sent: Vec<Op> = store
        .outbox()
        .await
        .unwrap()
        .ops
        .iter()
        .map(|wire| mentoring_widget::edges::adapter::op_from_wire(wire).unwrap())
        .collect();
    let title = sent.iter().find(|op| op.field == "title").unwrap().clone();
    let forged = Op {
        value: FieldValue::Text("Forged by the host".into()),
        ..title.clone()
    };
    assert_eq!(store.reused_id(&sent), None, "true copies are no fault");
    assert_eq!(
        store.reused_id(std::slice::from_ref(&forged)),
        Some(title.id.clone())
    );
    let rows = stored_rows(raw, "amira").await;

    // The widget on this device syncs with a host that relays the forged op.
    let element = container();
    let ready = Rc::new(std::cell::Cell::new(false));
    let flag = ready.clone();
    let (_, device) = opened_store(&name).await;
    let services = Services {
        host: Rc::new(Relaying {
            person: "amira",
            pulled: vec![forged],
        }),
        store: Box::pin(async move { Ok(Rc::new(device) as Rc<dyn RecordStore>) }),
        clock: Rc::new(BrowserClock),
        platform: Rc::new(QuietPlatform),
        locale: Default::default(),
        on_ready: Box::new(move || flag.set(true)),
        start: None,
    };
    let handle = leptos::mount::mount_to(element.clone(), move || app(services));
    until("the app to start", || ready.get()).await;
    // What is wrong goes to the console for the portal's team; the person reads what to do.
    until("the sync to report the host's fault", || {
        text(&element).contains("The portal sent a reply the widget cannot read")
    })
    .await;
    let shown = text(&element);
    assert!(shown.contains("Present to the board"), "{shown}");
    assert!(!shown.contains("Forged"), "{shown}");
    drop(handle);

    // Nothing was stored and the cursor did not move: the next sync asks again.
    assert_eq!(stored_rows(raw, "amira").await, rows);
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("amira")).await.unwrap();
    assert_eq!(goals_in(&loaded), vec![saved]);
    assert_eq!(reopened.cursor().await.unwrap(), "");
}

/// A host whose every pull is one page, read from its JSON as the widget reads a reply.
struct Paging {
    page: JsValue,
}

impl Host for Paging {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, _: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        Box::pin(async { Ok(Pushed::default()) })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        let page = mentoring_widget::edges::adapter::read_pull_reply(200, &self.page);
        Box::pin(async move { page })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

/// A host whose log was restored from a backup: it refuses any cursor but the start's, and
/// from the start sends `page`.
struct ForgotCursors {
    page: JsValue,
    asked: RefCell<Vec<String>>,
}

impl Host for ForgotCursors {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, _: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        Box::pin(async { Ok(Pushed::default()) })
    }
    fn pull<'a>(&'a self, cursor: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        self.asked.borrow_mut().push(cursor.to_owned());
        let page = if cursor.is_empty() {
            mentoring_widget::edges::adapter::read_pull_reply(200, &self.page)
        } else {
            Err(HostError::Refused {
                code: "unknown_cursor".into(),
                message: "pull from the start".into(),
            })
        };
        Box::pin(async move { page })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

#[wasm_bindgen_test]
async fn a_cursor_the_portal_no_longer_knows_is_dropped_and_the_device_pulls_from_the_start() {
    let name = unique("forgot-cursor");
    let (_, store) = opened_store(&name).await;
    store.load(&rid("amira")).await.unwrap();
    let before = read_pull_reply_of(&[]);
    let before = Pulled {
        cursor: "99".into(),
        ..before
    };
    store.receive_page(before).await.unwrap();
    assert_eq!(store.cursor().await.unwrap(), "99");

    let ops = goal_ops_from_elsewhere("Present to the board").await;
    let page = json(&format!(
        r#"{{"version":1,"ops":[{}],"cursor":"3","more":false}}"#,
        ops.join(",")
    ));
    let host = Rc::new(ForgotCursors {
        page,
        asked: RefCell::new(Vec::new()),
    });
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("the goal pulled from the start", || {
        text(&element).contains("Present to the board")
    })
    .await;
    until("the sync to end", || sync_ended(&element)).await;
    assert!(
        !text(&element).contains("Sync failed"),
        "{}",
        text(&element)
    );
    drop(handle);
    assert_eq!(host.asked.borrow()[..2], ["99".to_owned(), String::new()]);
    let (_, reopened) = opened_store(&name).await;
    reopened.load(&rid("amira")).await.unwrap();
    assert_eq!(reopened.cursor().await.unwrap(), "3", "the new cursor kept");
}

/// The ops of Amira's goal `title`, as another device of hers sends them (JSON texts).
async fn goal_ops_from_elsewhere(title: &str) -> Vec<String> {
    let (_, laptop) = opened_store(&unique("laptop")).await;
    laptop.load(&rid("amira")).await.unwrap();
    let made = goal(&format!("g-{}", title.len()), "amira", title, 30);
    laptop.commit(&Change::Goal(made)).await.unwrap();
    outbox_texts(&laptop).await
}

/// The ops waiting in `store`'s outbox, as JSON texts.
async fn outbox_texts(store: &IndexedDbStore) -> Vec<String> {
    (store.outbox().await.unwrap().ops.iter())
        .map(|op| js_sys::JSON::stringify(&op.to_js()).unwrap().into())
        .collect()
}

/// An op a later version of the host sends: a value kind this widget does not know.
const FROM_A_NEWER_HOST: &str = r#"{"id":"op-rich","actor":"amira","device":"dev-9","hlc":"1795000000000-00001","entity":"goal","record":"g-9","field":"title","value":{"kind":"rich-text","text":"Later"},"supersedes":[]}"#;

/// The ops held unread for `owner`, as stored.
async fn held_of(raw: &RawStore, owner: &str) -> Vec<String> {
    let held = JsFuture::from(raw.get_meta(&format!("held:{owner}")))
        .await
        .unwrap();
    if !js_sys::Array::is_array(&held) {
        return Vec::new();
    }
    (js_sys::Array::from(&held).iter())
        .map(|text| text.as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn a_pull_page_with_an_op_this_version_cannot_read_applies_the_rest_keeps_it_and_says_so() {
    let name = unique("held");
    let (js, _) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    let mut ops = goal_ops_from_elsewhere("Present to the board").await;
    ops.insert(1, FROM_A_NEWER_HOST.to_owned());
    let page = json(&format!(
        r#"{{"version":1,"ops":[{}],"cursor":"7","more":false}}"#,
        ops.join(",")
    ));
    let host = Rc::new(Paging { page });
    let (element, handle) = synced_app(&name, host, Rc::new(QuietPlatform)).await;
    until("the sync to end", || sync_ended(&element)).await;
    let shown = text(&element);
    assert!(
        shown.contains(
            "1 change from the portal could not be read by this version of the widget: kept \
             on this device, to be read after an update. If this stays, tell your HR team."
        ),
        "{shown}"
    );
    assert!(
        shown.contains("Present to the board"),
        "the rest is applied: {shown}"
    );
    drop(handle);

    // Kept as received, in the page's transaction with its ops and the cursor.
    assert_eq!(held_of(raw, "amira").await, [FROM_A_NEWER_HOST]);
    assert_eq!(stored_rows(raw, "amira").await as usize, ops.len() - 1);
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("amira")).await.unwrap();
    assert_eq!(reopened.cursor().await.unwrap(), "7", "the cursor moved on");
    assert_eq!(
        reopened.held().await.unwrap(),
        1,
        "still held: this version cannot read it"
    );
    assert_eq!(goals_in(&loaded).len(), 1);

    // The same page again holds it once; letting go of its record lets go of it.
    let again = read_pull_reply_of(&ops);
    reopened.receive_page(again).await.unwrap();
    assert_eq!(held_of(raw, "amira").await.len(), 1);
    JsFuture::from(raw.forget_records("amira", "goal\u{0}g-9\n", JsValue::UNDEFINED))
        .await
        .unwrap();
    assert!(
        held_of(raw, "amira").await.is_empty(),
        "gone with its record"
    );
}

/// A pull page of `ops` (JSON texts), read as the widget reads a reply.
fn read_pull_reply_of(ops: &[String]) -> Pulled {
    let page = json(&format!(
        r#"{{"version":1,"ops":[{}],"cursor":"8","more":false}}"#,
        ops.join(",")
    ));
    mentoring_widget::edges::adapter::read_pull_reply(200, &page).unwrap()
}

#[wasm_bindgen_test]
async fn a_held_op_this_version_reads_is_applied_and_no_longer_held_on_opening() {
    let name = unique("held-read");
    let (js, store) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    store.load(&rid("amira")).await.unwrap();
    // As an earlier version left them: the ops of a goal it could not read, and one that
    // this version cannot read either.
    let mut held = goal_ops_from_elsewhere("Speak at the offsite").await;
    held.push(FROM_A_NEWER_HOST.to_owned());
    let texts: js_sys::Array = held.iter().map(|t| JsValue::from_str(t)).collect();
    JsFuture::from(raw.put_meta("held:amira", texts.into()))
        .await
        .unwrap();

    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("amira")).await.unwrap();
    let goals = goals_in(&loaded);
    assert_eq!(goals.len(), 1, "{:?}", loaded.records);
    assert_eq!(goals[0].title.as_str(), "Speak at the offsite");
    assert_eq!(
        held_of(raw, "amira").await,
        [FROM_A_NEWER_HOST],
        "read ones leave"
    );
    assert_eq!(
        stored_rows(raw, "amira").await as usize,
        held.len() - 1,
        "stored as ops"
    );
    assert_eq!(reopened.held().await.unwrap(), 1);
    // The next opening reads them from the rows, once.
    let (_, third) = opened_store(&name).await;
    assert_eq!(goals_in(&third.load(&rid("amira")).await.unwrap()).len(), 1);

    // Signing out removes what is held with the rest of the person's data.
    JsFuture::from(raw.forget_person("amira", false))
        .await
        .unwrap();
    assert!(held_of(raw, "amira").await.is_empty());
}

/// A page whose wake-ups (online, visible) the test fires; online unless the test says
/// `offline`, one tab.
#[derive(Default)]
struct Wakeable {
    wake: std::cell::RefCell<Option<Rc<dyn Fn()>>>,
    offline: std::cell::Cell<bool>,
}

impl Wakeable {
    fn wake(&self) {
        let wake = self.wake.borrow().clone().expect("the sync engine started");
        wake();
    }
}

impl mentoring_widget::edges::platform::Platform for Wakeable {
    fn online(&self) -> bool {
        !self.offline.get()
    }
    fn watch(&self, wake: Rc<dyn Fn()>) {
        *self.wake.borrow_mut() = Some(wake);
    }
    fn later(&self, _: u32, _: Rc<dyn Fn()>) {}
    fn try_lock<'a>(
        &'a self,
        _: &'a str,
    ) -> LocalFuture<'a, Option<mentoring_widget::edges::platform::Release>> {
        Box::pin(async { Some(Box::new(|| {}) as mentoring_widget::edges::platform::Release) })
    }
    fn broadcast(&self, _: &str) {}
    fn on_broadcast(&self, _: Rc<dyn Fn(String)>) {}
    fn persist(&self) {}
}

/// Mounts the widget over the store `name` with `host` and `platform`; returns once started.
async fn synced_app(
    name: &str,
    host: Rc<dyn Host>,
    platform: Rc<dyn mentoring_widget::edges::platform::Platform>,
) -> (HtmlElement, impl Drop) {
    let element = container();
    let ready = Rc::new(std::cell::Cell::new(false));
    let flag = ready.clone();
    let (_, device) = opened_store(name).await;
    let services = Services {
        host,
        store: Box::pin(async move { Ok(Rc::new(device) as Rc<dyn RecordStore>) }),
        clock: Rc::new(BrowserClock),
        platform,
        locale: Default::default(),
        on_ready: Box::new(move || flag.set(true)),
        start: None,
    };
    let handle = leptos::mount::mount_to(element.clone(), move || app(services));
    until("the app to start", || ready.get()).await;
    (element, handle)
}

/// Whether the status line tells how a sync ended (online).
fn sync_ended(element: &HtmlElement) -> bool {
    let shown = text(element);
    ["Sync failed", "All changes synced", "waiting to sync"]
        .iter()
        .any(|end| shown.contains(end))
}

/// The ids of the ops waiting in `owner`'s outbox of the store `name`.
async fn outbox_ids(name: &str, owner: &str) -> Vec<String> {
    let (_, store) = opened_store(name).await;
    store.load(&rid(owner)).await.unwrap();
    let mut ids: Vec<String> = store
        .outbox()
        .await
        .unwrap()
        .ops
        .into_iter()
        .map(|op| op.id)
        .collect();
    ids.sort();
    ids
}

/// How a faulty host answers a push.
#[derive(Clone, Copy)]
enum Answer {
    /// Acknowledges what was sent and also the ops another tab saved meanwhile, which it was
    /// never sent.
    AlsoUnsent,
    /// Answers nothing: what a 200 carrying an error object decodes to.
    Nothing,
}

struct FaultyPush {
    answer: Answer,
    other_tab: Rc<IndexedDbStore>,
    pushes: std::cell::Cell<u32>,
}

impl Host for FaultyPush {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        Box::pin(async move {
            self.pushes.set(self.pushes.get() + 1);
            let acknowledged = match self.answer {
                Answer::Nothing => Vec::new(),
                Answer::AlsoUnsent => {
                    // Another tab saves a goal while the push is on its way.
                    let late = goal("g-late", "amira", "Saved during the push", 10);
                    self.other_tab.commit(&Change::Goal(late)).await.unwrap();
                    let outbox = self.other_tab.outbox().await.unwrap().ops;
                    assert!(outbox.len() > ops.len(), "the late goal waits");
                    outbox.iter().map(|op| rid(&op.id)).collect()
                }
            };
            Ok(Pushed {
                acknowledged,
                rejected: Vec::new(),
            })
        })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        Box::pin(async {
            Ok(Pulled {
                epoch: None,
                held: Vec::new(),
                ops: Vec::new(),
                cursor: "1".into(),
                more: false,
            })
        })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

#[wasm_bindgen_test]
async fn a_push_reply_answering_ops_not_sent_or_none_takes_nothing_from_the_outbox_and_says_so() {
    for answer in [Answer::AlsoUnsent, Answer::Nothing] {
        let name = unique("answers");
        let (_, tab) = opened_store(&name).await;
        tab.load(&rid("amira")).await.unwrap();
        let saved = goal("g1", "amira", "Present to the board", 40);
        tab.commit(&Change::Goal(saved)).await.unwrap();
        tab.load(&rid("amira")).await.unwrap();
        let host = Rc::new(FaultyPush {
            answer,
            other_tab: Rc::new(tab),
            pushes: std::cell::Cell::new(0),
        });
        let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
        until("a push and the end of the sync", || {
            host.pushes.get() > 0 && sync_ended(&element)
        })
        .await;
        let shown = text(&element);
        drop(handle);
        // Every op this device stored still waits for the host; the next sync sends it.
        let (js, _) = opened_store(&name).await;
        let rows = stored_rows(js.unchecked_ref::<RawStore>(), "amira").await;
        assert_eq!(
            outbox_ids(&name, "amira").await.len(),
            rows as usize,
            "every op still waits ({shown})"
        );
        assert!(
            shown.contains("The portal sent a reply the widget cannot read"),
            "{shown}"
        );
    }
}

/// A portal whose session changes: ops are taken only from whoever is signed in (as the
/// reference portal does), and pulls give that person's ops.
struct SessionChanges {
    who: std::cell::RefCell<&'static str>,
    reachable: std::cell::Cell<bool>,
    asked: std::cell::Cell<u32>,
}

impl SessionChanges {
    fn reach(&self) -> Result<(), HostError> {
        self.asked.set(self.asked.get() + 1);
        if self.reachable.get() {
            Ok(())
        } else {
            Err(HostError::Unreachable("offline in this test".into()))
        }
    }
}

impl Host for SessionChanges {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        self.asked.set(self.asked.get() + 1);
        let who = *self.who.borrow();
        Box::pin(async move { Ok(person(who)) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        let reached = self.reach();
        let who = *self.who.borrow();
        Box::pin(async move {
            reached?;
            let (mine, theirs): (Vec<&OpV1>, Vec<&OpV1>) =
                ops.iter().partition(|op| op.actor == who);
            Ok(Pushed {
                acknowledged: mine.iter().map(|op| rid(&op.id)).collect(),
                rejected: theirs
                    .iter()
                    .map(|op| mentoring_widget::edges::adapter::Rejected {
                        id: rid(&op.id),
                        code: "forbidden".into(),
                        message: "the actor is not the person signed in".into(),
                    })
                    .collect(),
            })
        })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        let reached = self.reach();
        let who = *self.who.borrow();
        Box::pin(async move {
            reached?;
            let note = Op {
                id: rid(&format!("op-note-of-{who}")),
                actor: rid(who),
                device: rid("dev-other"),
                hlc: mentoring_core::merge::Hlc::decode("1795000000000-00000").unwrap(),
                entity: "private-note".into(),
                record: rid(&format!("note-of-{who}")),
                field: "text".into(),
                value: FieldValue::Text(format!("What {who} keeps to themself")),
                supersedes: Vec::new(),
            };
            Ok(Pulled {
                epoch: None,
                held: Vec::new(),
                ops: vec![note],
                cursor: "9".into(),
                more: false,
            })
        })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

/// A portal that cannot be reached until the test says `reachable`; then it confirms Amira,
/// takes every op and lists a mentoring programme in its directory.
#[derive(Default)]
struct Reconnects {
    reachable: std::cell::Cell<bool>,
    /// Whom the host page says it is for (the element's `person` attribute).
    page_person: Option<String>,
    /// The session is answered even while nothing else is (the network dropped right after).
    answers_session: bool,
}

impl Reconnects {
    fn reach(&self) -> Result<(), HostError> {
        if self.reachable.get() {
            Ok(())
        } else {
            Err(HostError::Unreachable("offline in this test".into()))
        }
    }
}

impl Host for Reconnects {
    fn page_person(&self) -> Option<String> {
        self.page_person.clone()
    }
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        let reached = if self.answers_session {
            Ok(())
        } else {
            self.reach()
        };
        Box::pin(async move { reached.map(|()| person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        let reached = self.reach();
        Box::pin(async move {
            reached?;
            Ok(DirectorySnapshot {
                people: vec![person("amira")],
                programmes: vec![Programme::new(
                    rid("prog-mentor"),
                    ProgrammeKind::Mentoring,
                    "Leadership mentoring",
                    Date(0),
                )],
                no_place: Vec::new(),
                taking_part: None,
            })
        })
    }
    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        let reached = self.reach();
        let acknowledged = ops.iter().map(|op| rid(&op.id)).collect();
        Box::pin(async move {
            reached?;
            Ok(Pushed {
                acknowledged,
                rejected: Vec::new(),
            })
        })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        let reached = self.reach();
        Box::pin(async move {
            reached?;
            Ok(Pulled {
                epoch: None,
                held: Vec::new(),
                ops: Vec::new(),
                cursor: "1".into(),
                more: false,
            })
        })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        let reached = self.reach();
        Box::pin(async move { reached.map(|()| PreferencesMet::default()) })
    }
}

/// What the status line says.
fn status_line(element: &HtmlElement) -> String {
    text(&one(element, ".mw-status"))
}

#[wasm_bindgen_test]
async fn a_page_opened_offline_says_offline_once_and_only_the_online_status_once_back() {
    let name = unique("reconnects");
    let (_, tab) = opened_store(&name).await;
    tab.remember_person(&person("amira")).await.unwrap();
    tab.load(&rid("amira")).await.unwrap();
    let saved = goal("g1", "amira", "Present to the board", 40);
    tab.commit(&Change::Goal(saved)).await.unwrap();

    let host = Rc::new(Reconnects::default());
    let platform = Rc::new(Wakeable::default());
    platform.offline.set(true);
    let (element, handle) = synced_app(&name, host.clone(), platform.clone()).await;
    until("the offline status", || {
        status_line(&element).contains("to sync when you are back online")
    })
    .await;
    let offline = status_line(&element);
    assert_eq!(offline.matches("Offline").count(), 1, "{offline}");
    assert!(offline.contains("1 change"), "{offline}");
    assert!(offline.matches("this device").count() <= 1, "{offline}");
    // On a phone the status line is pages below: a short word at the top says it too, and is
    // not a second live region announcing the same thing.
    let top = one(&element, ".mw-sync-top");
    assert_eq!(text(&top), "Offline: 1 change to sync");
    assert!(top.closest("[role], [aria-live]").unwrap().is_none());
    assert!(all(&top, "[role], [aria-live]").is_empty());

    host.reachable.set(true);
    platform.offline.set(false);
    platform.wake();
    until("the sync to end", || sync_ended(&element)).await;
    let online = status_line(&element);
    let top_gone = all(&element, ".mw-sync-top").is_empty();
    drop(handle);
    assert!(top_gone, "nothing to say at the top once synced");
    assert!(online.starts_with("All changes synced"), "{online}");
    assert!(!online.contains("Offline"), "{online}");
    assert!(!online.contains("kept"), "{online}");
}

#[wasm_bindgen_test]
async fn offline_on_another_persons_page_the_remembered_persons_data_stays_closed() {
    for (page, opens) in [("james", false), ("", false), ("amira", true)] {
        let name = unique("shared-device");
        let (_, tab) = opened_store(&name).await;
        tab.remember_person(&person("amira")).await.unwrap();
        tab.load(&rid("amira")).await.unwrap();
        let saved = goal("g1", "amira", "Present to the board", 40);
        tab.commit(&Change::Goal(saved)).await.unwrap();

        let host = Rc::new(Reconnects {
            page_person: Some(page.into()),
            ..Default::default()
        });
        let platform = Rc::new(Wakeable::default());
        platform.offline.set(true);
        let (element, handle) = synced_app(&name, host, platform).await;
        let shown = text(&element);
        drop(handle);
        assert_eq!(
            shown.contains("Present to the board"),
            opens,
            "{page}: {shown}"
        );
        // A page for nobody asks them to sign in: there is nobody there to confirm.
        let said = if page.is_empty() {
            "Sign in to the portal"
        } else {
            "last used by someone else"
        };
        assert_eq!(shown.contains(said), !opens, "{page}: {shown}");
    }
}

#[wasm_bindgen_test]
async fn a_widget_for_another_person_shows_nothing_of_the_signed_in_persons_data() {
    let name = unique("page-for-james");
    let (_, tab) = opened_store(&name).await;
    tab.remember_person(&person("amira")).await.unwrap();
    tab.load(&rid("amira")).await.unwrap();
    let saved = goal("g1", "amira", "Present to the board", 40);
    tab.commit(&Change::Goal(saved)).await.unwrap();

    // The portal confirms Amira; the element says the page is James's.
    let host = Rc::new(Reconnects {
        page_person: Some("james".into()),
        ..Default::default()
    });
    host.reachable.set(true);
    let (element, handle) = synced_app(&name, host, Rc::new(Wakeable::default())).await;
    let shown = text(&element);
    drop(handle);
    assert!(!shown.contains("Present to the board"), "{shown}");
    assert!(!shown.contains("My goals"), "{shown}");
    assert!(
        shown.contains("someone other than the person signed in to the portal"),
        "{shown}"
    );
}

#[wasm_bindgen_test]
async fn offline_before_the_first_sync_the_empty_lists_say_nothing_arrived_yet() {
    let name = unique("never-synced");
    let host = Rc::new(Reconnects {
        answers_session: true,
        ..Default::default()
    });
    let platform = Rc::new(Wakeable::default());
    platform.offline.set(true);
    let (element, handle) = synced_app(&name, host.clone(), platform.clone()).await;
    until("the offline status", || {
        status_line(&element).contains("Offline")
    })
    .await;
    let goals = text(&element);
    click(&element, "My relationships").await;
    let relationships = text(&element);
    for shown in [&goals, &relationships] {
        assert!(
            shown.contains("Nothing has been received from the portal on this device yet"),
            "{shown}"
        );
    }
    assert!(!goals.contains("No goals yet"), "{goals}");
    assert!(
        !relationships.contains("not in a coaching or mentoring relationship"),
        "{relationships}"
    );

    host.reachable.set(true);
    platform.offline.set(false);
    platform.wake();
    until("the relationships' own empty state", || {
        text(&element).contains("not in a coaching or mentoring relationship")
    })
    .await;
    let synced = text(&element);
    drop(handle);
    assert!(!synced.contains("Nothing has been received"), "{synced}");
}

#[wasm_bindgen_test]
async fn the_directory_missed_at_an_offline_start_comes_with_the_first_sync_once_back() {
    let name = unique("directory-later");
    let (_, tab) = opened_store(&name).await;
    tab.remember_person(&person("amira")).await.unwrap();
    let host = Rc::new(Reconnects::default());
    let platform = Rc::new(Wakeable::default());
    platform.offline.set(true);
    let (element, handle) = synced_app(&name, host.clone(), platform.clone()).await;
    click(&element, "Find a mentor or coach").await;
    until("word that the directory is missing", || {
        text(&element).contains("The portal's directory could not be reached")
    })
    .await;
    assert!(
        !text(&element).contains("the directory lists none"),
        "{}",
        text(&element)
    );

    host.reachable.set(true);
    platform.offline.set(false);
    // Woken until a run begins after the offline one ended: a wake-up during a run that
    // failed waits for the retry timer, which this platform never sets.
    until("the directory's programme", || {
        platform.wake();
        text(&element).contains("Leadership mentoring")
    })
    .await;
    let shown = text(&element);
    drop(handle);
    assert!(!shown.contains("could not be reached"), "{shown}");
}

/// A directory with every field the host sends.
fn full_directory() -> DirectorySnapshot {
    use mentoring_core::person::{Credential, CredentialLevel};
    let sofia = Person {
        job_title: "Head of coaching".into(),
        grade: mentoring_core::Grade(9),
        department: "People".into(),
        manager: Some(rid("james")),
        location: "Dubai".into(),
        time_zone: "Asia/Dubai".into(),
        languages: vec!["en".into(), "ar".into()],
        skills_offered: vec!["negotiation".into()],
        skills_wanted: vec!["data".into()],
        coach_credential: Some(Credential {
            level: CredentialLevel::Certified,
            expires: Date::parse("2027-01-31").unwrap(),
        }),
        willing_to_mentor: true,
        ..Person::new(rid("sofia"), "Sofia Reyes")
    };
    let mut coaching = Programme::new(
        rid("prog-coach"),
        ProgrammeKind::Coaching,
        "Sales coaching",
        Date::parse("2026-01-05").unwrap(),
    );
    coaching.ends = Some(Date::parse("2026-12-18").unwrap());
    coaching.default_length_days = 120;
    coaching.objectives.push(mentoring_core::Objective {
        id: rid("obj-growth"),
        text: "Grow Gulf revenue".into(),
    });
    coaching.admins = vec![rid("hr-admin")];
    DirectorySnapshot {
        people: vec![person("amira"), sofia],
        programmes: vec![coaching],
        // Sofia is full in the programme and in one set up in Programme admin.
        no_place: vec![
            (rid("prog-coach"), rid("sofia")),
            (rid("prog-set-up"), rid("sofia")),
        ],
        // Who is on the programme's enrolment list as a coach.
        taking_part: Some(vec![mentoring_core::enrolment::ListedMentors {
            programme: rid("prog-coach"),
            mentors: vec![rid("sofia")],
        }]),
    }
}

#[wasm_bindgen_test]
async fn the_directory_kept_on_the_device_is_each_persons_and_read_back_as_the_host_sent_it() {
    let name = unique("kept-directory");
    let (js, store) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    store.load(&rid("amira")).await.unwrap();
    assert_eq!(store.remembered_directory().await.unwrap(), None);
    store.remember_directory(&full_directory()).await.unwrap();

    let (_, reopened) = opened_store(&name).await;
    reopened.load(&rid("amira")).await.unwrap();
    assert_eq!(
        reopened.remembered_directory().await.unwrap(),
        Some(full_directory())
    );
    let (_, james) = opened_store(&name).await;
    james.load(&rid("james")).await.unwrap();
    assert_eq!(james.remembered_directory().await.unwrap(), None);

    // What the device kept is checked as a reply of the host's: one that breaks the schema is
    // not shown, and is left where it is.
    let broken =
        json(r#"{"version":1,"people":[{"id":"x","name":"X","grade":"senior"}],"programmes":[]}"#);
    JsFuture::from(raw.put_meta("directory:amira", broken))
        .await
        .unwrap();
    assert_eq!(reopened.remembered_directory().await.unwrap(), None);
    let left = JsFuture::from(raw.get_meta("directory:amira"))
        .await
        .unwrap();
    assert!(!left.is_undefined(), "the unreadable directory stays");
}

#[wasm_bindgen_test]
async fn a_page_opened_offline_shows_the_directory_kept_from_the_last_time_online() {
    let name = unique("directory-kept");
    let host = Rc::new(Reconnects::default());
    host.reachable.set(true);
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(Wakeable::default())).await;
    until("the sync to end", || sync_ended(&element)).await;
    drop(handle);
    sleep(50).await;

    host.reachable.set(false);
    let platform = Rc::new(Wakeable::default());
    platform.offline.set(true);
    let (element, handle) = synced_app(&name, host, platform).await;
    click(&element, "Find a mentor or coach").await;
    until("the kept directory's programme", || {
        text(&element).contains("Leadership mentoring")
    })
    .await;
    // Said how old it is: when the portal gave it, kept on the device with it.
    until("the kept directory's date", || {
        text(&element)
            .contains("The portal could not be reached: this list is as the portal gave it on")
    })
    .await;
    let shown = text(&element);
    drop(handle);
    assert!(
        !shown.contains("The portal's directory could not be reached"),
        "{shown}"
    );
    assert!(!shown.contains("Updating the list"), "{shown}");
}

/// A portal whose directory counts its asks (each answered once `hold` is off), and whose
/// pull brings `ops` once the test gives them (a change to a pair made elsewhere), counting
/// the pulls.
#[derive(Default)]
struct PairsMove {
    asks: std::cell::Cell<u32>,
    hold: std::cell::Cell<bool>,
    ops: RefCell<Vec<Op>>,
    pulls: std::cell::Cell<u32>,
}

impl Host for PairsMove {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        self.asks.set(self.asks.get() + 1);
        Box::pin(async {
            while self.hold.get() {
                sleep(20).await;
            }
            Ok(DirectorySnapshot {
                people: vec![person("amira")],
                programmes: Vec::new(),
                no_place: Vec::new(),
                taking_part: None,
            })
        })
    }
    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        let acknowledged = ops.iter().map(|op| rid(&op.id)).collect();
        Box::pin(async move {
            Ok(Pushed {
                acknowledged,
                rejected: Vec::new(),
            })
        })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        let ops: Vec<Op> = std::mem::take(&mut *self.ops.borrow_mut());
        self.pulls.set(self.pulls.get() + 1);
        Box::pin(async move {
            Ok(Pulled {
                epoch: None,
                held: Vec::new(),
                ops,
                cursor: "1".into(),
                more: false,
            })
        })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

#[wasm_bindgen_test]
async fn the_directory_is_asked_again_after_a_sync_that_brings_a_change_to_a_pair() {
    let host = Rc::new(PairsMove::default());
    let platform = Rc::new(Wakeable::default());
    let (element, handle) = synced_app(&unique("pairs-move"), host.clone(), platform.clone()).await;
    until("the sync to end", || sync_ended(&element)).await;
    sleep(100).await;
    assert_eq!(host.asks.get(), 1, "asked at start");
    // A sync that brings nothing of pairs asks nothing more.
    platform.wake();
    sleep(300).await;
    assert_eq!(host.asks.get(), 1);
    // Another pair's change (who has a place may have moved): asked again once it is in.
    *host.ops.borrow_mut() = vec![Op {
        id: rid("op-pair-starts"),
        actor: rid("hr-admin"),
        device: rid("dev-admin"),
        hlc: mentoring_core::merge::Hlc::decode("1896000000000-00000").unwrap(),
        entity: "relationship".into(),
        record: rid("rel-elsewhere"),
        field: "lifecycle".into(),
        value: FieldValue::Text("active".into()),
        supersedes: Vec::new(),
    }];
    platform.wake();
    until("the directory asked again", || host.asks.get() == 2).await;
    sleep(300).await;
    drop(handle);
    assert_eq!(host.asks.get(), 2, "once");
}

/// The ops `store` wrote since last asked, as the host relays them.
async fn written(store: &IndexedDbStore) -> Vec<Op> {
    let ops: Vec<Op> = (store.outbox().await.unwrap().ops.iter())
        .map(|wire| mentoring_widget::edges::adapter::op_from_wire(wire).unwrap())
        .collect();
    let ids: Vec<RecordId> = ops.iter().map(|op| op.id.clone()).collect();
    store.settle(&ids).await.unwrap();
    ops
}

/// amira's pair as the admins make it on their own device.
fn her_pair() -> mentoring_core::Relationship {
    mentoring_core::Relationship {
        id: rid("rel-moves"),
        kind: mentoring_core::RelationshipKind::Mentoring,
        programme: rid("prog-moves"),
        mentor: rid("james"),
        mentee: rid("amira"),
        purpose: String::new(),
        ground_rules: String::new(),
        starts: Date(20_000),
        planned_end: Date(20_300),
        lifecycle: mentoring_core::Lifecycle::Active,
        target_role: None,
        agreed: Default::default(),
    }
}

/// Gives `ops` to the host's next pull and wakes the sync; returns once it has pulled them
/// and had time to ask for the directory.
async fn pulled(host: &PairsMove, platform: &Wakeable, ops: Vec<Op>) {
    let pulls = host.pulls.get();
    *host.ops.borrow_mut() = ops;
    platform.wake();
    until("the pull", || host.pulls.get() > pulls).await;
    sleep(300).await;
}

#[wasm_bindgen_test]
async fn the_directory_is_not_asked_again_for_an_agreements_edit_only_for_who_is_paired_and_how() {
    let (_, admin) = opened_store(&unique("pairs-admin")).await;
    admin.load(&rid("hr-admin")).await.unwrap();
    let host = Rc::new(PairsMove::default());
    let platform = Rc::new(Wakeable::default());
    let (element, handle) =
        synced_app(&unique("agreement-edit"), host.clone(), platform.clone()).await;
    until("the sync to end", || sync_ended(&element)).await;
    until("the directory asked at start", || host.asks.get() == 1).await;
    let made = her_pair();
    admin
        .commit(&Change::Relationship(made.clone()))
        .await
        .unwrap();
    pulled(&host, &platform, written(&admin).await).await;
    assert_eq!(host.asks.get(), 2, "a pair made");
    // Its purpose and ground rules written, and ticked as agreed: nobody's place moved.
    let mut agreed = made.clone();
    agreed.purpose = "Grow into the lead role".into();
    agreed.ground_rules = "Every other Tuesday".into();
    agreed.agreed.mentor = Some(mentoring_core::relationship::Agreed {
        by: rid("james"),
        at: Millis(1),
        version: mentoring_core::relationship::agreement_version(
            &agreed.purpose,
            &agreed.ground_rules,
        ),
    });
    admin
        .commit(&Change::Relationship(agreed.clone()))
        .await
        .unwrap();
    let edits = written(&admin).await;
    assert!(
        (edits.iter()).any(|op| op.field == "purpose")
            && (edits.iter()).any(|op| op.field == "mentor-agreed"),
        "{edits:?}"
    );
    pulled(&host, &platform, edits).await;
    assert_eq!(host.asks.get(), 2, "an agreement's edit");
    // Its mentor changed: asked again.
    let repaired = mentoring_core::Relationship {
        mentor: rid("layla"),
        ..agreed
    };
    admin.commit(&Change::Relationship(repaired)).await.unwrap();
    pulled(&host, &platform, written(&admin).await).await;
    drop(handle);
    assert_eq!(host.asks.get(), 3, "a pair re-paired");
}

#[wasm_bindgen_test]
async fn a_new_devices_first_sync_asks_no_second_directory_for_the_pairs_it_brings() {
    let (_, admin) = opened_store(&unique("pairs-admin")).await;
    admin.load(&rid("hr-admin")).await.unwrap();
    admin
        .commit(&Change::Relationship(her_pair()))
        .await
        .unwrap();
    let host = Rc::new(PairsMove::default());
    *host.ops.borrow_mut() = written(&admin).await;
    // The ask made at start is still on its way when the first sync has brought her pair.
    host.hold.set(true);
    let platform = Rc::new(Wakeable::default());
    let (element, handle) = synced_app(&unique("first-sync"), host.clone(), platform.clone()).await;
    until("the sync to end", || sync_ended(&element)).await;
    assert_eq!(host.pulls.get(), 1);
    assert_eq!(host.asks.get(), 1, "asked at start, on its way");
    host.hold.set(false);
    until("the list no longer updating", || {
        !text(&element).contains("Updating the list")
    })
    .await;
    sleep(400).await;
    assert_eq!(host.asks.get(), 1, "the first sync owes no second ask");
    // A pull after it that re-pairs her still asks again.
    let repaired = mentoring_core::Relationship {
        mentor: rid("layla"),
        ..her_pair()
    };
    admin.commit(&Change::Relationship(repaired)).await.unwrap();
    pulled(&host, &platform, written(&admin).await).await;
    drop(handle);
    assert_eq!(host.asks.get(), 2, "a pair re-paired");
}

#[wasm_bindgen_test]
async fn a_pair_change_pulled_while_find_a_mentor_asks_is_asked_again_once_that_ask_is_back() {
    let (_, admin) = opened_store(&unique("pairs-admin")).await;
    admin.load(&rid("hr-admin")).await.unwrap();
    let host = Rc::new(PairsMove::default());
    let platform = Rc::new(Wakeable::default());
    let (element, handle) =
        synced_app(&unique("ask-on-its-way"), host.clone(), platform.clone()).await;
    until("the sync to end", || sync_ended(&element)).await;
    until("the directory asked at start", || host.asks.get() == 1).await;
    sleep(100).await;
    // Find a mentor asks; the host answers only later, maybe from before what the sync brings.
    host.hold.set(true);
    click(&element, "Find a mentor or coach").await;
    until("Find a mentor's ask", || host.asks.get() == 2).await;
    admin
        .commit(&Change::Relationship(her_pair()))
        .await
        .unwrap();
    pulled(&host, &platform, written(&admin).await).await;
    assert_eq!(host.asks.get(), 2, "no second ask while one is on its way");
    host.hold.set(false);
    until("the owed ask", || host.asks.get() == 3).await;
    until("the list no longer updating", || {
        !text(&element).contains("Updating the list")
    })
    .await;
    sleep(300).await;
    drop(handle);
    assert_eq!(host.asks.get(), 3, "once");
}

#[wasm_bindgen_test]
async fn the_heading_and_the_regions_name_say_the_current_screen() {
    let host = Rc::new(Reconnects::default());
    host.reachable.set(true);
    let (element, handle) =
        synced_app(&unique("heading"), host, Rc::new(Wakeable::default())).await;
    let named = || {
        let region = one(&element, "section.mw-panel");
        let by = region.get_attribute("aria-labelledby").unwrap();
        let heading = one(&element, "h2");
        assert_eq!(heading.id(), by, "the region is named by its heading");
        text(&heading)
    };
    assert_eq!(named(), "My goals");
    click(&element, "My relationships").await;
    assert_eq!(named(), "My relationships");
    click(&element, "Find a mentor or coach").await;
    assert_eq!(named(), "Find a mentor or coach");
    click(&element, "My goals").await;
    assert_eq!(named(), "My goals");
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_page_left_open_while_someone_else_signs_in_sends_and_takes_nothing_under_their_session()
{
    let name = unique("other-person");
    let (js, tab) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    tab.load(&rid("amira")).await.unwrap();
    let saved = goal("g1", "amira", "Present to the board", 40);
    tab.commit(&Change::Goal(saved.clone())).await.unwrap();
    let waiting = outbox_ids(&name, "amira").await;
    assert!(!waiting.is_empty());
    let rows = stored_rows(raw, "amira").await;

    // Amira's page starts while the portal's ops cannot be reached: her goal waits.
    let host = Rc::new(SessionChanges {
        who: std::cell::RefCell::new("amira"),
        reachable: std::cell::Cell::new(false),
        asked: std::cell::Cell::new(0),
    });
    let platform = Rc::new(Wakeable::default());
    let (element, handle) = synced_app(&name, host.clone(), platform.clone()).await;
    // The browser is online: it is the portal that does not answer, with Retry on offer.
    until("the first sync to end", || {
        host.asked.get() > 1
            && status_line(&element).contains("The portal cannot be reached just now")
            && text(&element).contains("Retry")
    })
    .await;
    assert!(!status_line(&element).contains("Offline"));

    // James signs in to the portal in another tab of this browser; Amira's page is still
    // open when the network comes back.
    *host.who.borrow_mut() = "james";
    host.reachable.set(true);
    let asked = host.asked.get();
    platform.wake();
    until("the next sync to end", || {
        host.asked.get() > asked && sync_ended(&element)
    })
    .await;
    let shown = text(&element);
    drop(handle);

    assert_eq!(
        outbox_ids(&name, "amira").await,
        waiting,
        "Amira's goal still waits to be sent as hers ({shown})"
    );
    assert_eq!(
        stored_rows(raw, "amira").await,
        rows,
        "nothing of James's is kept as Amira's"
    );
    assert_eq!(stored_rows(raw, "james").await, 0);
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("amira")).await.unwrap();
    assert_eq!(goals_in(&loaded), vec![saved]);
    assert_eq!(loaded.records.len(), 1, "{:?}", loaded.records);
    assert_eq!(reopened.cursor().await.unwrap(), "");
    assert!(
        shown.contains("Someone else is now signed in to the portal"),
        "{shown}"
    );
}

#[wasm_bindgen_test]
async fn a_page_whose_storage_a_newer_release_took_over_refuses_writes_and_says_to_reload() {
    let name = unique("replaced");
    let (_, store) = opened_store(&name).await;
    store.load(&rid("amira")).await.unwrap();
    let first = goal("g1", "amira", "Present to the board", 40);
    store.commit(&Change::Goal(first.clone())).await.unwrap();

    // A newer release of the widget opens in another tab and upgrades the database.
    JsFuture::from(open_newer_version(&name)).await.unwrap();

    // This page's writes fail with a message that says what to do, one after the other
    // (a write that never answers would leave "Saving…" on screen and every later write
    // waiting behind it).
    for title in ["Written after the upgrade", "And once more"] {
        let error = store
            .commit(&Change::Goal(goal("g2", "amira", title, 10)))
            .await
            .expect_err("the older page can no longer write");
        let message = Locale::EnGb.store_error(&error);
        assert!(message.contains("Reload the page"), "{message} ({error:?})");
    }
    let error = store.outbox().await.expect_err("nor read");
    assert!(Locale::EnGb.store_error(&error).contains("Reload the page"));
}

#[wasm_bindgen_test]
async fn a_version_2_database_with_unsent_changes_keeps_them_through_the_upgrade_and_snapshots() {
    // The ops of a goal as the second release stored them, made here by the current store.
    let (scratch_js, scratch) = opened_store(&unique("scratch")).await;
    scratch.load(&rid("amira")).await.unwrap();
    let saved = goal("g1", "amira", "Present to the board", 40);
    scratch.commit(&Change::Goal(saved.clone())).await.unwrap();
    let rows = JsFuture::from(scratch_js.unchecked_ref::<RawStore>().ops_of("amira"))
        .await
        .unwrap();
    let ops = js_sys::Reflect::get(&rows, &JsValue::from_str("ops")).unwrap();
    let unsent: Vec<String> = {
        let mut ids: Vec<String> = scratch
            .outbox()
            .await
            .unwrap()
            .ops
            .into_iter()
            .map(|op| op.id)
            .collect();
        ids.sort();
        ids
    };

    let name = unique("version-2");
    JsFuture::from(create_version_2(&name, "amira", ops))
        .await
        .unwrap();
    // Opened by this release, which writes a snapshot after every op.
    let reopen = || async {
        let js: JsStore = JsFuture::from(open_store(&name))
            .await
            .unwrap()
            .unchecked_into();
        let store = IndexedDbStore::new(js, Rc::new(BrowserClock)).snapshot_after(1);
        let loaded = store.load(&rid("amira")).await.unwrap();
        (store, loaded)
    };
    let (store, loaded) = reopen().await;
    assert_eq!(goals_in(&loaded), vec![saved.clone()]);
    assert_eq!(
        outbox_ids(&name, "amira").await,
        unsent,
        "the unsent changes still wait"
    );

    let moved = Goal {
        manual_progress: Progress::new(70).unwrap(),
        progress_from: Default::default(),
        ..saved.clone()
    };
    store.commit(&Change::Goal(moved.clone())).await.unwrap();
    store.compact().await.unwrap();
    let (_, loaded) = reopen().await;
    assert_eq!(goals_in(&loaded), vec![moved]);
    let waiting = outbox_ids(&name, "amira").await;
    assert_eq!(waiting.len(), unsent.len() + 1, "{waiting:?}");
    assert!(unsent.iter().all(|id| waiting.contains(id)));
}

/// A host whose pull pages never end: `more` with two cursors, one after the other.
struct EndlessPages {
    pulls: std::cell::Cell<u32>,
}

impl Host for EndlessPages {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, _: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        Box::pin(async { Ok(Pushed::default()) })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        Box::pin(async move {
            sleep(1).await;
            self.pulls.set(self.pulls.get() + 1);
            Ok(Pulled {
                epoch: None,
                held: Vec::new(),
                ops: Vec::new(),
                cursor: (self.pulls.get() % 2).to_string(),
                more: true,
            })
        })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

#[wasm_bindgen_test]
async fn pull_pages_that_come_back_to_a_cursor_end_the_sync_with_a_clear_error() {
    let name = unique("endless");
    let host = Rc::new(EndlessPages {
        pulls: std::cell::Cell::new(0),
    });
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("the sync to end", || sync_ended(&element)).await;
    let shown = text(&element);
    let pulls = host.pulls.get();
    drop(handle);
    assert!(
        shown.contains("The portal sent a reply the widget cannot read"),
        "{shown}"
    );
    assert!(pulls <= 3, "{pulls} pulls");
}

#[wasm_bindgen_test]
async fn the_signed_in_person_is_remembered_for_offline_use() {
    let (_, store) = opened_store(&unique("person")).await;
    assert_eq!(store.remembered_person().await.unwrap(), None);
    store.remember_person(&person("amira")).await.unwrap();
    assert_eq!(
        store.remembered_person().await.unwrap(),
        Some(person("amira"))
    );
}

#[wasm_bindgen_test]
fn the_browser_clock_reads_real_time_and_mints_distinct_entropy() {
    let now = BrowserClock.now();
    assert!(now > Millis(1_700_000_000_000), "{now:?} is before 2023");
    assert_ne!(BrowserClock.entropy(), BrowserClock.entropy());
}

async fn mounted(
    status: u16,
    body: &str,
) -> (HostEnv, HtmlElement, mentoring_widget::WidgetHandle) {
    let env = fake_host_env(open_store(&unique("mount")), status, json(body));
    let element = container();
    let handle = mentoring_widget::mount(element.clone(), env.clone());
    let probe = env.clone();
    until("the widget to report ready", || ready_count(&probe) == 1).await;
    (env, element, handle)
}

#[wasm_bindgen_test]
async fn mount_renders_my_goals_and_unmount_removes_everything() {
    let (_, element, handle) = mounted(
        200,
        r#"{"version":1,"person":{"id":"amira","name":"Amira Haddad"}}"#,
    )
    .await;
    let heading = element.query_selector("h2").unwrap().unwrap();
    assert_eq!(heading.text_content().unwrap(), "My goals");
    // A new device whose first pull has not come (this host answers every route with the
    // session): not "No goals yet", which would say there are none.
    assert!(
        text(&element).contains("Nothing has been received from the portal on this device yet"),
        "{}",
        text(&element)
    );
    assert!(element
        .query_selector("input#mw-new-goal-title")
        .unwrap()
        .is_some());

    handle.unmount();
    assert_eq!(element.child_element_count(), 0, "{}", element.inner_html());
}

#[wasm_bindgen_test]
async fn a_signed_out_host_gets_a_message_and_no_goals() {
    let (_, element, handle) = mounted(
        401,
        r#"{"version":1,"error":{"code":"not_signed_in","message":"Nobody is signed in."}}"#,
    )
    .await;
    // Only that the person must sign in: no screen's heading, no sync status (the browser is
    // online, and nothing was saved on this device).
    let heading = element.query_selector("h2").unwrap().unwrap();
    assert_eq!(heading.text_content().unwrap(), "Mentoring and coaching");
    assert_eq!(
        text(&element),
        "Mentoring and coachingSign in to the portal to use mentoring."
    );
    assert!(element.query_selector(".mw-status").unwrap().is_none());
    assert!(element.query_selector("form").unwrap().is_none());
    // Nobody signed in is a normal state: said as information, politely, not as an error.
    assert!(element.query_selector(".mw-error").unwrap().is_none());
    assert!(element.query_selector("[role=alert]").unwrap().is_none());
    let said = element.query_selector(".mw-note").unwrap().unwrap();
    assert_eq!(said.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(
        said.text_content().unwrap(),
        "Sign in to the portal to use mentoring."
    );
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_hostile_session_reply_is_refused_with_a_clear_message() {
    let (_, element, handle) = mounted(
        200,
        r#"{"version":1,"person":{"id":"<img src=x>","name":"X"}}"#,
    )
    .await;
    let shown = text(&element);
    assert!(shown.contains("cannot read"), "{shown}");
    assert!(
        element.query_selector("img").unwrap().is_none(),
        "{}",
        element.inner_html()
    );
    handle.unmount();
}

/// A host that always confirms one person.
struct SignedIn;

impl Host for SignedIn {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, _: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        Box::pin(async { Err(HostError::Unreachable("offline in this test".into())) })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        Box::pin(async { Err(HostError::Unreachable("offline in this test".into())) })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

/// A store whose writes never finish (`Pending`), always fail (`Failing`), or fail as the
/// browser does when the site has no space left (`Full`).
enum StubbornStore {
    Pending,
    Failing,
    Full,
}

/// An error as the browser gives it, with its `name`.
fn browser_error(name: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    error.into()
}

impl RecordStore for StubbornStore {
    fn load<'a>(&'a self, _: &'a RecordId) -> LocalFuture<'a, Result<Loaded, StoreError>> {
        Box::pin(async { Ok(Loaded::default()) })
    }
    fn commit<'a>(&'a self, _: &'a Change) -> LocalFuture<'a, Result<(), StoreError>> {
        match self {
            StubbornStore::Pending => Box::pin(std::future::pending()),
            StubbornStore::Failing => {
                Box::pin(async { Err(StoreError("QuotaExceededError".into())) })
            }
            StubbornStore::Full => Box::pin(async {
                Err(StoreError::from_js(&browser_error(
                    "QuotaExceededError",
                    "The transaction was aborted",
                )))
            }),
        }
    }
    fn remembered_person(&self) -> LocalFuture<'_, Result<Option<Person>, StoreError>> {
        Box::pin(async { Ok(None) })
    }
    fn remember_person<'a>(&'a self, _: &'a Person) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
    fn outbox(&self) -> LocalFuture<'_, Result<Outbox, StoreError>> {
        Box::pin(async { Ok(Outbox::default()) })
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
    fn conflicts(&self) -> Vec<Conflict> {
        Vec::new()
    }
    fn rewrite<'a>(
        &'a self,
        _: &'a str,
        _: &'a RecordId,
        _: Vec<Rewrite>,
        _: Rewriting,
    ) -> LocalFuture<'a, Result<Rewritten, StoreError>> {
        Box::pin(async { Ok(Rewritten::ChangedSince) })
    }
    fn cursor(&self) -> LocalFuture<'_, Result<String, StoreError>> {
        Box::pin(async { Ok(String::new()) })
    }
    fn set_cursor<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
}

async fn app_with(store: StubbornStore) -> (HtmlElement, impl Drop) {
    let element = container();
    let ready = Rc::new(std::cell::Cell::new(false));
    let flag = ready.clone();
    let services = Services {
        host: Rc::new(SignedIn),
        store: Box::pin(async move { Ok(Rc::new(store) as Rc<dyn RecordStore>) }),
        clock: Rc::new(BrowserClock),
        platform: Rc::new(QuietPlatform),
        locale: Default::default(),
        on_ready: Box::new(move || flag.set(true)),
        start: None,
    };
    let handle = leptos::mount::mount_to(element.clone(), move || app(services));
    until("the app to start", || ready.get()).await;
    sleep(20).await;
    (element, handle)
}

fn submit_title(element: &HtmlElement, title: &str) {
    let input: HtmlInputElement = element
        .query_selector("#mw-new-goal-title")
        .unwrap()
        .expect("the title field")
        .unchecked_into();
    input.set_value(title);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let form = element
        .query_selector("form")
        .unwrap()
        .expect("the add form");
    let init = web_sys::EventInit::new();
    init.set_cancelable(true);
    form.dispatch_event(&web_sys::Event::new_with_event_init_dict("submit", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_goal_is_not_listed_until_storage_has_it() {
    let (element, _handle) = app_with(StubbornStore::Pending).await;
    submit_title(&element, "Learn to negotiate");
    until("the saving status", || text(&element).contains("Saving…")).await;
    sleep(50).await;
    assert!(
        element.query_selector("li").unwrap().is_none(),
        "{}",
        element.inner_html()
    );
}

#[wasm_bindgen_test]
async fn a_refused_write_shows_why_and_lists_nothing() {
    let (element, _handle) = app_with(StubbornStore::Failing).await;
    submit_title(&element, "Learn to negotiate");
    until("the storage error", || {
        text(&element).contains("did not save")
    })
    .await;
    // What to do, not the browser's own words.
    assert!(
        text(&element).contains("private browsing can block it")
            && !text(&element).contains("QuotaExceededError"),
        "{}",
        text(&element)
    );
    assert!(
        element.query_selector("li").unwrap().is_none(),
        "{}",
        element.inner_html()
    );
}

#[wasm_bindgen_test]
async fn a_write_refused_for_want_of_space_says_to_free_some_and_lists_nothing() {
    let other = StoreError::from_js(&browser_error("AbortError", "The transaction was aborted"));
    assert!(!other.out_of_space(), "{other:?}");
    let (element, _handle) = app_with(StubbornStore::Full).await;
    submit_title(&element, "Learn to negotiate");
    until("the no-space message", || {
        text(&element).contains("Free some space")
    })
    .await;
    assert!(
        !text(&element).contains("private browsing"),
        "{}",
        text(&element)
    );
    assert!(
        element.query_selector("li").unwrap().is_none(),
        "{}",
        element.inner_html()
    );
}

#[wasm_bindgen_test]
async fn an_empty_title_is_refused_inline_before_storage_is_asked() {
    // `Pending` would leave "Saving…" on screen if storage were asked.
    let (element, _handle) = app_with(StubbornStore::Pending).await;
    submit_title(&element, "   ");
    until("the title message", || {
        text(&element).contains("Give the goal a title")
    })
    .await;
    assert!(!text(&element).contains("Saving"), "{}", text(&element));
    let input = element
        .query_selector("#mw-new-goal-title")
        .unwrap()
        .unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
}

/// A host that answers every call with `status` and `body` (JSON text).
fn answering(status: u16, body: &str) -> mentoring_widget::edges::adapter::HttpHost {
    mentoring_widget::edges::adapter::HttpHost::new(fake_host_env(
        open_store(&unique("unused")),
        status,
        json(body),
    ))
}

#[wasm_bindgen_test]
async fn malformed_host_replies_each_give_a_clear_error_and_an_unreadable_op_is_held() {
    let op = r#"{"id":"op-1","actor":"amira","device":"d","hlc":"1795000000000-00000","entity":"goal","record":"g-1","field":"title","value":"x","supersedes":[]}"#;
    let with_op = |replace: &str, by: &str| {
        format!(
            r#"{{"version":1,"ops":[{}],"cursor":"1","more":false}}"#,
            op.replace(replace, by)
        )
    };
    let pulls: Vec<(u16, String)> = vec![
        (200, "null".into()),
        (200, "[]".into()),
        (200, r#"{"version":2,"ops":[],"cursor":"1"}"#.into()),
        (200, r#"{"version":1,"ops":{},"cursor":"1"}"#.into()),
        (200, r#"{"version":1,"ops":[],"cursor":7}"#.into()),
        (404, "null".into()),
        // A gateway's page in front of a portal that is down: not the adapter's fault.
        (503, r#""Service Unavailable""#.into()),
        (
            500,
            r#"{"version":1,"error":{"code":"storage_failed","message":"The database is down."}}"#
                .into(),
        ),
        (
            401,
            r#"{"version":1,"error":{"code":"not_signed_in","message":"Sign in again."}}"#.into(),
        ),
    ];
    // An op the widget cannot read does not refuse its page: it is held, the cursor moves.
    let held = [
        r#"{"version":1,"ops":[42],"cursor":"1"}"#.to_owned(),
        with_op(r#""id":"op-1""#, r#""id":"op 1""#),
        with_op(r#""hlc":"1795000000000-00000""#, r#""hlc":"yesterday""#),
        with_op(r#""entity":"goal""#, r#""entity":"Goal!""#),
        with_op(r#""value":"x""#, r#""value":{"nested":true}"#),
        with_op(r#""value":"x""#, r#""value":1.5"#),
        with_op(r#""value":"x""#, r#""value":[1,2]"#),
        with_op(r#""supersedes":[]"#, r#""supersedes":"op-0""#),
        with_op(r#""field":"title""#, r#""field":"""#),
    ];
    for body in &held {
        let page = answering(200, body).pull("").await.expect(body);
        assert!(page.ops.is_empty(), "{body}");
        assert_eq!(page.held.len(), 1, "{body}");
        assert_eq!(page.cursor, "1", "{body}");
    }
    let mut errors = Vec::new();
    for (status, body) in &pulls {
        match answering(*status, body).pull("").await {
            Err(error) => errors.push(Locale::EnGb.host_error(&error)),
            Ok(page) => panic!("pull accepted {status} {body}: {page:?}"),
        }
    }
    let pushes = [
        r#"{"version":1,"acknowledged":"all","rejected":[]}"#,
        r#"{"version":1,"acknowledged":["a b"],"rejected":[]}"#,
        r#"{"version":3,"acknowledged":[],"rejected":[]}"#,
    ];
    for body in pushes {
        match answering(200, body).push(&[]).await {
            Err(error) => errors.push(Locale::EnGb.host_error(&error)),
            Ok(pushed) => panic!("push reply accepted {body}: {pushed:?}"),
        }
    }
    for body in [
        r#"{"version":1,"person":{"id":"amira"}}"#,
        r#"{"version":1,"people":[{"id":"x","name":"X","grade":"senior"}],"programmes":[]}"#,
    ] {
        let host = answering(200, body);
        let failed = host.session().await.err().or(host.directory().await.err());
        errors.push(Locale::EnGb.host_error(&failed.expect("refused")));
    }
    assert!(errors.len() >= 14, "{}", errors.len());
    for message in &errors {
        assert!(message.len() > 20, "too terse: {message:?}");
        assert!(
            message.contains("cannot read")
                || message.contains("could not read its data")
                || message.contains("is not available just now")
                || message.contains("Sign in"),
            "says what happened: {message:?}"
        );
    }
}

/// The merge benchmark of docs/performance.md, as wasm in Chromium: a replica holding 2,000
/// goals × 5 fields takes in 10,000 remote ops that each replace a value it has (as
/// `core/benches/merge.rs` does natively), and a fresh replica takes in all 20,000 (a first
/// sync). Prints the best of five runs; the figure is measured with
/// `cargo test --release -p mentoring-widget --target wasm32-unknown-unknown --test browser -- merge_`.
#[wasm_bindgen_test]
async fn merge_of_ten_thousand_remote_ops_is_timed() {
    use mentoring_core::merge::Replica;
    let mut laptop = Replica::new();
    let mut minted = 0;
    let mut round = |value: &str, at: i64| {
        let mut ops = Vec::new();
        for record in 0..2_000 {
            for field in ["title", "aspiration", "status", "due", "progress"] {
                minted += 1;
                ops.push(laptop.write(
                    &rid("amira"),
                    &rid("laptop"),
                    "goal",
                    &rid(&format!("g-{record}")),
                    field,
                    FieldValue::Text(value.to_owned()),
                    Millis(at),
                    rid(&format!("op-{minted}")),
                ));
            }
        }
        ops
    };
    let base = round("first", 1_795_000_000_000);
    let updates = round("second", 1_795_000_001_000);
    let mut phone = Replica::new();
    phone.apply_all(base.clone(), Millis(1_795_000_000_000));

    let performance = web_sys::window().unwrap().performance().unwrap();
    // Applying and reading the records, timed; preparing the replica and ops is not.
    let best_of_five = |start_from: &Replica, ops: &[Op]| {
        (0..5)
            .map(|_| {
                let (mut replica, ops) = (start_from.clone(), ops.to_vec());
                let started = performance.now();
                replica.apply_all(ops, Millis(1_795_000_002_000));
                assert_eq!(replica.records().len(), 2_000);
                performance.now() - started
            })
            .fold(f64::INFINITY, f64::min)
    };
    let updating = best_of_five(&phone, &updates);
    let first_sync = best_of_five(&Replica::new(), &[base, updates].concat());
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    web_sys::console::log_1(
        &format!(
            "merge ({build} build): 10,000 remote updates applied and read in {updating:.1} ms; \
             20,000 ops into an empty replica in {first_sync:.1} ms (best of 5)"
        )
        .into(),
    );
}

#[wasm_bindgen_test]
fn time_zone_rules_come_from_the_browsers_intl() {
    use mentoring_widget::edges::clock::zone;
    let winter = Millis(1_767_268_800_000); // 1 January 2026, 12:00 UTC
    let summer = Millis(1_782_907_200_000); // 1 July 2026, 12:00 UTC
    assert_eq!(zone::offset_minutes(winter, "Europe/London"), 0);
    assert_eq!(zone::offset_minutes(summer, "Europe/London"), 60);
    assert_eq!(zone::offset_minutes(summer, "Asia/Dubai"), 240);
    assert_eq!(zone::offset_minutes(winter, "Asia/Kolkata"), 330);
    assert!(zone::is_known("Asia/Dubai"));
    assert!(!zone::is_known("Mars/Olympus_Mons"));
    assert!(!zone::is_known(" "));
    assert_eq!(zone::offset_minutes(winter, "Mars/Olympus_Mons"), 0);
}

#[wasm_bindgen_test]
async fn saved_on_this_device_goes_once_a_sync_has_taken_the_change_to_the_host() {
    let name = unique("saved-then-synced");
    let host = Rc::new(Reconnects::default());
    host.reachable.set(true);
    let platform = Rc::new(Wakeable::default());
    let (element, handle) = synced_app(&name, host.clone(), platform.clone()).await;
    until("the first sync", || {
        status_line(&element).starts_with("All changes synced")
    })
    .await;
    common::fill(&element, "#mw-new-goal-title", "Present to the board");
    one(&element, "form.mw-add")
        .dispatch_event(&common::event("submit"))
        .unwrap();
    until("saved, not synced yet", || {
        let line = status_line(&element);
        line.contains("Saved on this device.") && line.contains("1 change waiting to sync.")
    })
    .await;

    platform.wake();
    until("synced", || {
        status_line(&element).contains("All changes synced")
    })
    .await;
    sleep(50).await;
    let line = status_line(&element);
    drop(handle);
    assert!(!line.contains("Saved on this device"), "{line}");
}

/// What the status line's live region holds: what a screen reader reads out of it.
fn announced(element: &HtmlElement) -> String {
    text(&one(element, ".mw-announced"))
}

#[wasm_bindgen_test]
async fn a_screen_reader_hears_the_status_line_once_it_settles_not_each_step_of_a_save() {
    let name = unique("announced");
    let host = Rc::new(Reconnects::default());
    host.reachable.set(true);
    let platform = Rc::new(Wakeable::default());
    let (element, handle) = synced_app(&name, host.clone(), platform.clone()).await;
    until("the first sync read out", || {
        announced(&element).starts_with("All changes synced")
    })
    .await;
    let (mut shown, mut heard) = (Vec::<String>::new(), Vec::<String>::new());
    let mut note = |element: &HtmlElement| {
        for (list, now) in [
            (&mut shown, status_line(element)),
            (&mut heard, announced(element)),
        ] {
            if list.last() != Some(&now) {
                list.push(now);
            }
        }
    };
    common::fill(&element, "#mw-new-goal-title", "Present to the board");
    one(&element, "form.mw-add")
        .dispatch_event(&common::event("submit"))
        .unwrap();
    until("saved, not synced yet", || {
        note(&element);
        status_line(&element).contains("1 change waiting to sync.")
    })
    .await;
    platform.wake();
    until("synced", || {
        note(&element);
        status_line(&element).contains("All changes synced")
    })
    .await;
    // Long enough for the settled line to be read out.
    for _ in 0..60 {
        note(&element);
        sleep(25).await;
    }
    drop(handle);
    assert!(
        shown
            .iter()
            .any(|line| line.contains("Saved on this device.")),
        "the line went through the save's steps: {shown:?}"
    );
    assert!(
        heard
            .iter()
            .all(|h| !h.contains("Saving") && !h.contains("Saved on this device")),
        "steps are not read out: {heard:?}"
    );
    // What the person did is said with it: the form empties and the list grows where they
    // are not reading.
    assert!(
        heard.last().is_some_and(
            |h| h.starts_with("Goal added: “Present to the board”. All changes synced")
        ),
        "the settled line is: {heard:?}"
    );
}

/// A portal where James ended the relationship while Amira logged a session offline: it
/// refuses her session's ops as breaking a rule and relays his end.
struct EndedMeanwhile {
    ended: Op,
}

impl Host for EndedMeanwhile {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async {
            Ok(DirectorySnapshot {
                people: vec![person("amira"), person("james")],
                programmes: Vec::new(),
                no_place: Vec::new(),
                taking_part: None,
            })
        })
    }
    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        let (refused, taken): (Vec<&OpV1>, Vec<&OpV1>) = ops
            .iter()
            .partition(|op| op.entity == "session" || op.entity == "action");
        Box::pin(async move {
            Ok(Pushed {
                acknowledged: taken.iter().map(|op| rid(&op.id)).collect(),
                rejected: refused
                    .iter()
                    .map(|op| mentoring_widget::edges::adapter::Rejected {
                        id: rid(&op.id),
                        code: "invalid_record".into(),
                        message: "This relationship is over.".into(),
                    })
                    .collect(),
            })
        })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        let ops = vec![self.ended.clone()];
        Box::pin(async move {
            Ok(Pulled {
                epoch: None,
                held: Vec::new(),
                ops,
                cursor: "3".into(),
                more: false,
            })
        })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

#[wasm_bindgen_test]
async fn a_session_refused_because_the_partner_ended_the_relationship_says_so_and_stays_here() {
    use mentoring_core::session::{Grow, Place};
    use mentoring_core::{Lifecycle, Relationship, RelationshipKind, Session};
    let name = unique("ended-meanwhile");
    let (_, store) = opened_store(&name).await;
    store.load(&rid("amira")).await.unwrap();
    let relationship = Relationship {
        id: rid("rel-m"),
        kind: RelationshipKind::Mentoring,
        programme: rid("prog-mentor"),
        mentor: rid("james"),
        mentee: rid("amira"),
        purpose: String::new(),
        ground_rules: String::new(),
        starts: Date(20_000),
        planned_end: Date(20_300),
        lifecycle: Lifecycle::Active,
        target_role: None,
        agreed: Default::default(),
    };
    store
        .commit(&Change::Relationship(relationship))
        .await
        .unwrap();
    let session = Session {
        id: rid("s-offline"),
        relationship: rid("rel-m"),
        author: rid("amira"),
        partner: Some(rid("james")),
        at: Millis(1_795_000_000_000),
        time_zone: "Europe/London".into(),
        minutes: 45,
        place: Place::Online,
        grow: Grow {
            goal: "Rehearse the board pitch".into(),
            ..Grow::default()
        },
        skills: Default::default(),
        actions: Vec::new(),
        goals: Vec::new(),
    };
    store
        .commit(&Change::Session(session.clone()))
        .await
        .unwrap();
    let ended = Op {
        id: rid("op-james-ends"),
        actor: rid("james"),
        device: rid("dev-james"),
        hlc: mentoring_core::merge::Hlc::decode("1896000000000-00000").unwrap(),
        entity: "relationship".into(),
        record: rid("rel-m"),
        field: "lifecycle".into(),
        value: FieldValue::Text("completed".into()),
        supersedes: Vec::new(),
    };

    let host = Rc::new(EndedMeanwhile { ended });
    let (element, handle) = synced_app(&name, host, Rc::new(QuietPlatform)).await;
    until("the refusal said with its rule", || {
        let said = status_line(&element);
        said.contains("The portal did not keep") && said.contains("relationship is over")
    })
    .await;
    let said = status_line(&element);
    // Listed once, as the session: the portal holds nothing of it to take a value from.
    until("the session listed as not kept", || {
        not_kept(&element)
            .0
            .contains("The portal did not keep your new session of")
    })
    .await;
    let (listed, entries) = not_kept(&element);
    assert_eq!(entries, 1, "{listed}");
    assert!(
        listed.contains("with james name") && listed.contains("This relationship is over"),
        "{listed}"
    );
    drop(handle);
    assert!(
        said.contains("This relationship is over") && said.contains("Set up a new one"),
        "the rule, in the person's words, with what to do: {said}"
    );
    // One session refused is one change, however many fields it wrote.
    assert!(said.contains("The portal did not keep 1 change:"), "{said}");
    // What she wrote stays on her device.
    let (_, again) = opened_store(&name).await;
    let loaded = again.load(&rid("amira")).await.unwrap();
    assert!(
        loaded
            .records
            .iter()
            .any(|c| matches!(c, Change::Session(s) if s.grow.goal == session.grow.goal)),
        "the session is kept"
    );
}

/// The text of everything `owner`'s device keeps as ops and snapshot in the store `name`.
async fn kept_text(raw: &RawStore, owner: &str) -> String {
    let rows = JsFuture::from(raw.ops_of(owner)).await.unwrap();
    let snapshot = JsFuture::from(raw.get_meta(&format!("snapshot:{owner}")))
        .await
        .unwrap();
    let text = |value: &JsValue| {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    };
    format!("{}\n{}", text(&rows), text(&snapshot))
}

#[wasm_bindgen_test]
async fn a_learning_entry_no_longer_shared_leaves_the_partners_device_and_comes_back_whole() {
    use mentoring_core::LearningEntry;
    let (james, entry) = shared_entry().await;
    let name = unique("partner");
    let (js, amira) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    let amira = amira.snapshot_after(1);
    amira.load(&rid("amira")).await.unwrap();
    let first = send(&james, &amira).await;
    amira.compact().await.unwrap();
    assert!(
        kept_text(raw, "amira").await.contains("SECRET-LESSON"),
        "held in rows and snapshot while shared"
    );
    assert_eq!(amira.taken().await.unwrap(), vec![]);
    drop(amira);

    // James stops sharing it; amira's widget pulls the op that took it.
    let unshared = LearningEntry {
        shared_with_partner: false,
        ..entry.clone()
    };
    james.commit(&Change::Learning(unshared)).await.unwrap();
    let took: Vec<Op> = (james.outbox().await.unwrap().ops.iter())
        .map(|wire| mentoring_widget::edges::adapter::op_from_wire(wire).unwrap())
        .collect();
    let ids: Vec<RecordId> = took.iter().map(|op| op.id.clone()).collect();
    james.settle(&ids).await.unwrap();
    let (element, handle) = synced_app(
        &name,
        Rc::new(Relaying {
            person: "amira",
            pulled: took,
        }),
        Rc::new(QuietPlatform),
    )
    .await;
    until("the sync to end", || sync_ended(&element)).await;
    for _ in 0..100 {
        if !kept_text(raw, "amira").await.contains("SECRET-LESSON") {
            break;
        }
        sleep(20).await;
    }
    drop(handle);
    let kept = kept_text(raw, "amira").await;
    assert!(!kept.contains("SECRET-LESSON"), "{kept}");
    assert!(!kept.contains("l-secret"), "no op of it at all: {kept}");
    assert!(kept.contains("rel-l"), "the relationship stays: {kept}");
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("amira")).await.unwrap();
    assert!(
        !(loaded.records.iter()).any(|c| matches!(c, Change::Learning(_))),
        "{:?}",
        loaded.records
    );

    // Shared again: the host sends its standing values with the op that shared it.
    james
        .commit(&Change::Learning(entry.clone()))
        .await
        .unwrap();
    let shared_again: Vec<Op> = (james.outbox().await.unwrap().ops.iter())
        .map(|wire| mentoring_widget::edges::adapter::op_from_wire(wire).unwrap())
        .collect();
    let standing: Vec<Op> = (first.into_iter())
        .filter(|op| op.record == rid("l-secret") && op.field != "shared")
        .chain(shared_again)
        .collect();
    reopened.receive(standing).await.unwrap();
    assert_eq!(reopened.taken().await.unwrap(), vec![]);
    assert_eq!(reopened.conflicts(), vec![], "nothing told as not kept");
    let (_, again) = opened_store(&name).await;
    let loaded = again.load(&rid("amira")).await.unwrap();
    let back: Vec<&Change> = (loaded.records.iter())
        .filter(|c| matches!(c, Change::Learning(_)))
        .collect();
    assert_eq!(back, vec![&Change::Learning(entry)], "back whole");
}

/// A programme's set-up saved on the phone from what its screen showed, after the laptop's
/// rename was pulled in but before the screen showed it: the rename stays.
#[cfg(feature = "admin")]
#[wasm_bindgen_test]
async fn an_admin_change_writes_only_what_it_changed_from_the_record_it_was_made_from() {
    use mentoring_core::{AdminChange, ProgrammeState};
    let (_, laptop) = opened_store(&unique("admin-laptop")).await;
    let (_, phone) = opened_store(&unique("admin-phone")).await;
    for device in [&laptop, &phone] {
        device.load(&rid("hr-admin")).await.unwrap();
    }
    let mut programme = Programme::new(
        rid("prog-gulf"),
        ProgrammeKind::Mentoring,
        "GULF-DRAFT",
        Date(20_000),
    );
    programme.admins = vec![rid("hr-admin")];
    programme.state = ProgrammeState::Draft;
    laptop
        .commit_admin(&AdminChange::Programme(programme.clone()))
        .await
        .unwrap();
    send(&laptop, &phone).await;
    let renamed = Programme {
        name: "RENAMED-ON-THE-LAPTOP".into(),
        ..programme.clone()
    };
    laptop
        .commit_admin(&AdminChange::Programme(renamed.clone()))
        .await
        .unwrap();
    send(&laptop, &phone).await;
    let opened = Programme {
        state: ProgrammeState::Open,
        ..programme.clone()
    };
    let base = AdminChange::Programme(programme);
    phone
        .commit_admin_over(&AdminChange::Programme(opened), Some(&base))
        .await
        .unwrap();
    let both = Programme {
        state: ProgrammeState::Open,
        ..renamed
    };
    assert_eq!(phone.admin_records().0, vec![AdminChange::Programme(both)]);
}

/// Bob, taken off the admins of a draft programme: the sync that brings the op lets go of the
/// programme and its enrolments on his device, in storage too, and his admin screens go. Made
/// one of its admins again, the host sends them again with that op: his device holds them, and
/// his screens come back.
#[cfg(feature = "admin")]
#[wasm_bindgen_test]
async fn an_admin_taken_off_a_draft_programme_keeps_nothing_of_it_until_made_one_again() {
    use mentoring_core::{AdminChange, EnrolledAs, Enrolment, EnrolmentStatus, ProgrammeState};
    use mentoring_widget::ui::i18n::Text;
    let (_, admin) = opened_store(&unique("admin")).await;
    admin.load(&rid("hr-admin")).await.unwrap();
    let mut programme = Programme::new(
        rid("prog-gulf"),
        ProgrammeKind::Mentoring,
        "GULF-DRAFT",
        Date(20_000),
    );
    programme.admins = vec![rid("hr-admin"), rid("bob")];
    programme.state = ProgrammeState::Draft;
    let invited = Enrolment {
        id: rid("en-amira"),
        programme: rid("prog-gulf"),
        person: rid("amira"),
        role: EnrolledAs::Mentee,
        status: EnrolmentStatus::Invited,
        since: Date(20_000),
    };
    for change in [
        AdminChange::Programme(programme.clone()),
        AdminChange::Enrolment(invited),
    ] {
        admin.commit_admin(&change).await.unwrap();
    }
    let name = unique("removed-admin");
    let (js, bob) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    bob.load(&rid("bob")).await.unwrap();
    let made = send(&admin, &bob).await;
    assert_eq!(bob.admin_records().0.len(), 2);
    drop(bob);

    programme.admins = vec![rid("hr-admin")];
    admin
        .commit_admin(&AdminChange::Programme(programme.clone()))
        .await
        .unwrap();
    let took: Vec<Op> = (admin.outbox().await.unwrap().ops.iter())
        .map(|wire| mentoring_widget::edges::adapter::op_from_wire(wire).unwrap())
        .collect();
    assert_eq!(took.len(), 1, "the admins' op alone: {took:?}");
    let admin_tab = Locale::EnGb.text(Text::AdminNav);
    let host = Relaying {
        person: "bob",
        pulled: Vec::new(),
    };
    let (element, handle) = synced_app(&name, Rc::new(host), Rc::new(QuietPlatform)).await;
    until("his admin screens", || text(&element).contains(admin_tab)).await;
    drop(handle);
    element.remove();
    let host = Relaying {
        person: "bob",
        pulled: took.clone(),
    };
    let (element, handle) = synced_app(&name, Rc::new(host), Rc::new(QuietPlatform)).await;
    until("the sync to end", || sync_ended(&element)).await;
    until("the admin screens to go", || {
        !text(&element).contains(admin_tab)
    })
    .await;
    for _ in 0..100 {
        if !kept_text(raw, "bob").await.contains("en-amira") {
            break;
        }
        sleep(20).await;
    }
    drop(handle);
    let kept = kept_text(raw, "bob").await;
    assert!(!kept.contains("en-amira"), "no op of the enrolment: {kept}");
    assert!(!kept.contains("GULF-DRAFT"), "nor of the draft: {kept}");
    let (_, reopened) = opened_store(&name).await;
    reopened.load(&rid("bob")).await.unwrap();
    assert_eq!(reopened.admin_records().0, vec![]);
    drop(reopened);

    programme.admins = vec![rid("hr-admin"), rid("bob")];
    admin
        .commit_admin(&AdminChange::Programme(programme))
        .await
        .unwrap();
    let again: Vec<Op> = (admin.outbox().await.unwrap().ops.iter())
        .map(|wire| mentoring_widget::edges::adapter::op_from_wire(wire).unwrap())
        .filter(|op| !took.iter().any(|t| t.id == op.id))
        .collect();
    assert_eq!(again.len(), 1, "the admins' op alone: {again:?}");
    // The host sends what he pulled past before, whole, with the op that made him an admin.
    let host = Relaying {
        person: "bob",
        pulled: made.into_iter().chain(again).collect(),
    };
    let (element, handle) = synced_app(&name, Rc::new(host), Rc::new(QuietPlatform)).await;
    until("his admin screens again", || {
        text(&element).contains(admin_tab)
    })
    .await;
    until("the sync to end", || sync_ended(&element)).await;
    drop(handle);
    element.remove();
    let kept = kept_text(raw, "bob").await;
    assert!(kept.contains("en-amira"), "the enrolment: {kept}");
    assert!(kept.contains("GULF-DRAFT"), "the draft: {kept}");
    let (_, reopened) = opened_store(&name).await;
    reopened.load(&rid("bob")).await.unwrap();
    assert_eq!(reopened.admin_records().0.len(), 2);
}

/// james's device with a relationship with amira and a learning entry he shared with her, and
/// the ops that made them, as the host relays them.
async fn shared_entry() -> (IndexedDbStore, mentoring_core::LearningEntry) {
    use mentoring_core::{LearningEntry, Lifecycle, Relationship, RelationshipKind};
    let (_, james) = opened_store(&unique("author")).await;
    james.load(&rid("james")).await.unwrap();
    let pair = Relationship {
        id: rid("rel-l"),
        kind: RelationshipKind::Mentoring,
        programme: rid("prog-l"),
        mentor: rid("james"),
        mentee: rid("amira"),
        purpose: String::new(),
        ground_rules: String::new(),
        starts: Date(20_000),
        planned_end: Date(20_300),
        lifecycle: Lifecycle::Active,
        target_role: None,
        agreed: Default::default(),
    };
    james.commit(&Change::Relationship(pair)).await.unwrap();
    let entry = LearningEntry {
        id: rid("l-secret"),
        author: rid("james"),
        relationship: rid("rel-l"),
        text: "SECRET-LESSON about the Dubai account".into(),
        shared_with_partner: true,
        written_at: Millis(1),
    };
    james
        .commit(&Change::Learning(entry.clone()))
        .await
        .unwrap();
    (james, entry)
}

#[wasm_bindgen_test]
async fn someone_taken_off_a_pair_lets_go_of_the_partners_goal_judged_by_the_directorys_programme()
{
    let (james, _) = shared_entry().await;
    let name = unique("taken-off");
    let (js, amira) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    let amira = amira.snapshot_after(1);
    amira.load(&rid("amira")).await.unwrap();
    // The programme is the directory's: her device holds it as the directory names it, no op.
    let mut programme = Programme::new(
        rid("prog-l"),
        ProgrammeKind::Mentoring,
        "Leadership mentoring",
        Date(0),
    );
    programme.admins = vec![rid("hr-admin")];
    programme.state = mentoring_core::ProgrammeState::Open;
    let directory = DirectorySnapshot {
        programmes: vec![programme],
        ..DirectorySnapshot::default()
    };
    amira.remember_directory(&directory).await.unwrap();
    let mut his = goal("g-his", "james", "HIS-GOAL-IN-THE-PAIR", 10);
    his.relationship = Some(rid("rel-l"));
    his.milestones = vec![Milestone {
        id: rid("m-his"),
        title: Title::parse("HIS-MILESTONE").unwrap(),
        done_on: None,
    }];
    james.commit(&Change::Goal(his)).await.unwrap();
    let mut own = goal("g-own", "amira", "HER-OWN-GOAL", 0);
    own.relationship = None;
    amira.commit(&Change::Goal(own)).await.unwrap();
    send(&james, &amira).await;
    assert!(kept_text(raw, "amira")
        .await
        .contains("HIS-GOAL-IN-THE-PAIR"));
    // Taken off: the host's stand-in names the relationship on her side.
    let mut repaired = james.record("relationship", &rid("rel-l")).unwrap();
    if let Change::Relationship(r) = &mut repaired {
        r.mentee = rid("rel-l");
    }
    james.commit(&repaired).await.unwrap();
    send(&james, &amira).await;
    amira.compact().await.unwrap();
    // The device only opens again: his goal, its milestone and the pair go; hers stays.
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("amira")).await.unwrap();
    let titles: Vec<String> = goals_in(&loaded)
        .iter()
        .map(|g| g.title.as_str().to_owned())
        .collect();
    assert_eq!(titles, ["HER-OWN-GOAL"]);
    let kept = kept_text(raw, "amira").await;
    for gone in ["HIS-GOAL-IN-THE-PAIR", "HIS-MILESTONE", "rel-l"] {
        assert!(!kept.contains(gone), "{gone}: {kept}");
    }
    assert!(kept.contains("HER-OWN-GOAL"), "{kept}");
}

#[wasm_bindgen_test]
async fn what_was_taken_before_a_page_could_let_go_of_it_goes_when_the_device_next_opens() {
    let (james, entry) = shared_entry().await;
    let name = unique("partner");
    let (js, amira) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    let amira = amira.snapshot_after(1);
    amira.load(&rid("amira")).await.unwrap();
    send(&james, &amira).await;
    let unshared = mentoring_core::LearningEntry {
        shared_with_partner: false,
        ..entry
    };
    james.commit(&Change::Learning(unshared)).await.unwrap();
    // Taken in without letting go (a widget from before this, a page closed meanwhile).
    send(&james, &amira).await;
    amira.compact().await.unwrap();
    assert!(kept_text(raw, "amira").await.contains("SECRET-LESSON"));
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("amira")).await.unwrap();
    assert!(
        !(loaded.records.iter()).any(|c| matches!(c, Change::Learning(_))),
        "{:?}",
        loaded.records
    );
    let kept = kept_text(raw, "amira").await;
    assert!(!kept.contains("SECRET-LESSON"), "{kept}");
    assert!(kept.contains("rel-l"), "{kept}");
}

#[wasm_bindgen_test]
async fn another_tab_holding_what_was_taken_reads_storage_again_and_never_writes_it_back() {
    let (james, entry) = shared_entry().await;
    let name = unique("partner");
    let (js, syncing) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    syncing.load(&rid("amira")).await.unwrap();
    let (_, other) = opened_store(&name).await;
    let other = other.snapshot_after(1);
    other.load(&rid("amira")).await.unwrap();
    send(&james, &syncing).await;
    other.refresh().await.unwrap();
    let unshared = mentoring_core::LearningEntry {
        shared_with_partner: false,
        ..entry
    };
    james.commit(&Change::Learning(unshared)).await.unwrap();
    send(&james, &syncing).await;
    let taken = syncing.taken().await.unwrap();
    assert_eq!(
        taken,
        vec![("learning".to_owned(), rid("l-secret"))],
        "the entry alone: the relationship stays"
    );
    let gone = syncing.forget(&taken).await.unwrap();
    assert_eq!(
        gone,
        vec![Update::Remove {
            entity: "learning".into(),
            id: rid("l-secret")
        }]
    );
    assert!(!kept_text(raw, "amira").await.contains("SECRET-LESSON"));
    // The other tab is told storage changed.
    let updates = other.refresh().await.unwrap();
    assert!(
        updates.contains(&Update::Remove {
            entity: "learning".into(),
            id: rid("l-secret")
        }),
        "{updates:?}"
    );
    assert_eq!(other.taken().await.unwrap(), vec![]);
    other.compact().await.unwrap();
    let kept = kept_text(raw, "amira").await;
    assert!(!kept.contains("SECRET-LESSON"), "{kept}");
    // Rows stored after are numbered after every row let go of, so opening reads them.
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("amira")).await.unwrap();
    assert!(
        (loaded.records.iter()).any(|c| matches!(c, Change::Relationship(_))),
        "{:?}",
        loaded.records
    );
}

/// Sends `store`'s outbox nowhere: the host acknowledged it.
async fn acknowledged(store: &IndexedDbStore) {
    let ids: Vec<RecordId> = (store.outbox().await.unwrap().ops.iter())
        .map(|wire| {
            mentoring_widget::edges::adapter::op_from_wire(wire)
                .unwrap()
                .id
        })
        .collect();
    store.settle(&ids).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_sign_out_in_one_tab_refuses_every_later_write_for_the_person_in_every_tab() {
    let name = unique("sign-out");
    let (js, _) = opened_store(&name).await;
    let signing_out = js.unchecked_ref::<RawStore>();
    // Another tab holds Amira's data, with a sync or snapshot under way.
    let (_, other) = opened_store(&name).await;
    let other = other.snapshot_after(1);
    other.load(&rid("amira")).await.unwrap();
    let ambition = goal("g-private", "amira", "PRIVATE-AMBITION", 10);
    other.commit(&Change::Goal(ambition.clone())).await.unwrap();
    acknowledged(&other).await;
    let (_, james) = opened_store(&name).await;
    james.load(&rid("james")).await.unwrap();
    let seen_before = JsFuture::from(signing_out.sign_outs()).await.unwrap();

    let outcome = JsFuture::from(signing_out.forget_person("amira", false))
        .await
        .unwrap();
    let forgotten = js_sys::Reflect::get(&outcome, &"forgotten".into()).unwrap();
    assert_eq!(forgotten.as_bool(), Some(true));
    let refused = |result: Result<(), StoreError>| match result {
        Err(StoreError(reason)) => assert!(reason.contains("at sign-out"), "{reason}"),
        Ok(()) => panic!("written after the sign-out"),
    };
    refused(other.compact().await);
    refused(other.set_cursor("page-9").await);
    let again = Goal {
        manual_progress: Progress::new(20).unwrap(),
        ..ambition.clone()
    };
    refused(other.commit(&Change::Goal(again.clone())).await);
    let raw = js.unchecked_ref::<RawStore>();
    let kept = kept_text(raw, "amira").await;
    assert!(!kept.contains("PRIVATE-AMBITION"), "{kept}");
    assert!(kept.starts_with(r#"{"ops":[],"#), "{kept}");
    let cursor = JsFuture::from(raw.get_meta("cursor:amira")).await.unwrap();
    assert!(cursor.is_undefined(), "{cursor:?}");
    // Someone else's writes go on.
    james
        .commit(&Change::Goal(goal("g-j", "james", "James's own", 5)))
        .await
        .unwrap();

    // A confirmation asked of the host before the sign-out does not let writes back in; one
    // asked after it (Amira signed in again) does.
    JsFuture::from(signing_out.allow_writes_for("amira", &seen_before))
        .await
        .unwrap();
    refused(other.commit(&Change::Goal(again.clone())).await);
    let seen_after = JsFuture::from(signing_out.sign_outs()).await.unwrap();
    JsFuture::from(signing_out.allow_writes_for("amira", &seen_after))
        .await
        .unwrap();
    // Read before the sign-out, the tab reads storage again before it writes.
    let stale = other.commit(&Change::Goal(again.clone())).await;
    assert!(matches!(&stale, Err(e) if e.let_go()), "{stale:?}");
    other.refresh().await.unwrap();
    other.commit(&Change::Goal(again)).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_snapshot_made_before_another_tab_let_go_of_records_is_not_written() {
    let (james, entry) = shared_entry().await;
    let name = unique("partner");
    let (js, syncing) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    syncing.load(&rid("amira")).await.unwrap();
    let (_, other) = opened_store(&name).await;
    let other = other.snapshot_after(1);
    other.load(&rid("amira")).await.unwrap();
    send(&james, &syncing).await;
    other.refresh().await.unwrap();
    let unshared = mentoring_core::LearningEntry {
        shared_with_partner: false,
        ..entry
    };
    james.commit(&Change::Learning(unshared)).await.unwrap();
    send(&james, &syncing).await;
    let taken = syncing.taken().await.unwrap();
    syncing.forget(&taken).await.unwrap();
    assert!(!kept_text(raw, "amira").await.contains("SECRET-LESSON"));
    // The other tab still holds the entry in memory and has not heard yet.
    other.compact().await.unwrap();
    let kept = kept_text(raw, "amira").await;
    assert!(!kept.contains("SECRET-LESSON"), "{kept}");
    // Once it has read storage again, its snapshot is written.
    other.refresh().await.unwrap();
    let later = goal("g-later", "amira", "AFTER-REFRESH", 5);
    other.commit(&Change::Goal(later)).await.unwrap();
    other.compact().await.unwrap();
    let snapshot = JsFuture::from(raw.get_meta("snapshot:amira"))
        .await
        .unwrap();
    let snapshot = js_sys::JSON::stringify(&snapshot)
        .unwrap()
        .as_string()
        .unwrap();
    assert!(snapshot.contains("AFTER-REFRESH"), "{snapshot}");
    assert!(!snapshot.contains("SECRET-LESSON"), "{snapshot}");
}

/// A portal that refuses one op for good (`refuse`, as `code`), or every op of the record
/// `refuse` names, and takes the rest; it sends nothing back.
struct RefusesOne {
    refuse: RefCell<String>,
    code: &'static str,
}

impl Host for RefusesOne {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        let refuse = self.refuse.borrow().clone();
        let (refused, taken): (Vec<&OpV1>, Vec<&OpV1>) =
            (ops.iter()).partition(|op| op.id == refuse || op.record == refuse);
        Box::pin(async move {
            Ok(Pushed {
                acknowledged: taken.iter().map(|op| rid(&op.id)).collect(),
                rejected: (refused.iter())
                    .map(|op| mentoring_widget::edges::adapter::Rejected {
                        id: rid(&op.id),
                        code: self.code.into(),
                        message: String::new(),
                    })
                    .collect(),
            })
        })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        Box::pin(async {
            Ok(Pulled {
                epoch: None,
                held: Vec::new(),
                ops: Vec::new(),
                cursor: "1".into(),
                more: false,
            })
        })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

#[wasm_bindgen_test]
async fn a_change_the_portal_refused_stays_listed_after_a_reload_until_the_portals_value_is_used() {
    let name = unique("refused-listed");
    let (_, store) = opened_store(&name).await;
    let owner = rid("amira");
    store.load(&owner).await.unwrap();
    let first = goal("g1", "amira", "Present to the board", 40);
    store.commit(&Change::Goal(first.clone())).await.unwrap();
    let renamed = Goal {
        title: Title::parse("Present to the whole company").unwrap(),
        ..first.clone()
    };
    store.commit(&Change::Goal(renamed)).await.unwrap();
    let title_op = store.standing("goal", &rid("g1"), "title").unwrap().op;
    let host = Rc::new(RefusesOne {
        refuse: RefCell::new(title_op.to_string()),
        code: "forbidden",
    });
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("the refusal said", || {
        status_line(&element).contains("The portal did not keep 1 change")
    })
    .await;
    drop(handle);

    // After a reload nothing is said on the status line by the sync that refused it: the list
    // says it, with the value written, why, and what the portal holds.
    let (element, handle) = synced_app(&name, host, Rc::new(QuietPlatform)).await;
    until("the sync to end", || sync_ended(&element)).await;
    let listed = || {
        all(&element, ".mw-conflicts")
            .first()
            .map(text)
            .unwrap_or_default()
    };
    let said = listed();
    assert!(
        said.contains(
            "You wrote “Present to the whole company”; the portal refused it: you may not make \
             this change. The portal holds “Present to the board”."
        ),
        "{said}"
    );
    assert!(
        status_line(&element).contains("1 change not kept"),
        "{}",
        status_line(&element)
    );
    click(&element, "Use the portal’s value").await;
    until("the list to empty", || listed().is_empty()).await;
    drop(handle);
    let (_, again) = opened_store(&name).await;
    let loaded = again.load(&owner).await.unwrap();
    assert_eq!(goals_in(&loaded)[0].title, first.title);
    let standing = again.standing("goal", &rid("g1"), "title").unwrap();
    assert!(
        standing.supersedes.contains(&title_op),
        "an op written over the refused one"
    );
    assert!(again.conflicts().is_empty());
}

/// The text of "Changes not kept", and its entries.
fn not_kept(element: &HtmlElement) -> (String, usize) {
    let listed = all(element, ".mw-conflicts").first().map(text);
    (
        listed.unwrap_or_default(),
        all(element, ".mw-conflicts .mw-conflict").len(),
    )
}

#[wasm_bindgen_test]
async fn a_goal_the_portal_refused_to_create_is_one_entry_sent_whole_when_edited_and_removed_when_asked(
) {
    let name = unique("refused-new");
    let (_, store) = opened_store(&name).await;
    let owner = rid("amira");
    store.load(&owner).await.unwrap();
    let kept = goal("g1", "amira", "Present to the board", 40);
    store.commit(&Change::Goal(kept.clone())).await.unwrap();
    let new = goal("g-new", "amira", "Run the offsite", 0);
    store.commit(&Change::Goal(new.clone())).await.unwrap();
    let host = Rc::new(RefusesOne {
        refuse: RefCell::new("g-new".into()),
        code: "forbidden",
    });
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    let said = "The portal did not keep your new goal “Run the offsite”: you may not make this \
                change.";
    until("the refused goal listed", || {
        not_kept(&element).0.contains(said)
    })
    .await;
    // One entry for the record, not one per field with an empty "portal's value".
    let (listed, entries) = not_kept(&element);
    assert_eq!(entries, 1, "{listed}");
    assert!(!listed.contains("Use the portal’s value"), "{listed}");
    assert!(
        !listed.contains("use the portal's value"),
        "no field's hint: {listed}"
    );
    // Until she chooses, it stays readable where it was.
    assert!(text(&one(&element, "ul.mw-goals")).contains("Run the offsite"));
    drop(handle);

    // Edited again, it is sent whole: a change alone would be judged as a goal without the rest.
    let (_, again) = opened_store(&name).await;
    again.load(&owner).await.unwrap();
    let renamed = Goal {
        title: Title::parse("Run the spring offsite").unwrap(),
        ..new.clone()
    };
    again.commit(&Change::Goal(renamed)).await.unwrap();
    let waiting = again.outbox().await.unwrap().ops;
    assert!(
        waiting
            .iter()
            .any(|op| op.record == "g-new" && op.field == "owner"),
        "every field again: {:?}",
        waiting.iter().map(|op| &op.field).collect::<Vec<_>>()
    );
    // Waiting to be sent again, it is not told as refused; refused again, it is, once.
    let platform = Rc::new(Wakeable::default());
    platform.offline.set(true);
    let (element, handle) = synced_app(&name, host, platform.clone()).await;
    sleep(100).await;
    assert_eq!(not_kept(&element).1, 0, "{}", not_kept(&element).0);
    platform.offline.set(false);
    platform.wake();
    let said = "The portal did not keep your new goal “Run the spring offsite”";
    until("refused again", || not_kept(&element).0.contains(said)).await;
    assert_eq!(not_kept(&element).1, 1, "{}", not_kept(&element).0);

    // Removing it is asked first, and can be called off.
    click(&element, "Remove from this device").await;
    let question = text(&one(&element, ".mw-conflicts form.mw-confirm"));
    assert!(
        question.contains("Remove your new goal “Run the spring offsite” from this device?"),
        "{question}"
    );
    one(&element, ".mw-conflicts .mw-cancel").click();
    let focused = || {
        let document = web_sys::window().unwrap().document().unwrap();
        document.active_element().and_then(|e| e.text_content())
    };
    until("the keyboard back on Remove", || {
        focused().as_deref() == Some("Remove from this device")
    })
    .await;
    assert!(all(&element, ".mw-conflicts form.mw-confirm").is_empty());
    assert!(text(&one(&element, "ul.mw-goals")).contains("Run the spring offsite"));
    click(&element, "Remove from this device").await;
    click(&element, "Yes, remove it").await;
    until("what it did said", || {
        text(&element).contains("Removed your new goal “Run the spring offsite” from this device.")
    })
    .await;
    assert_eq!(not_kept(&element).1, 0, "{}", not_kept(&element).0);
    // Undo puts it back as it was: shown, listed as not kept, its change waiting again.
    until("the keyboard on Undo", || {
        focused().as_deref() == Some("Undo")
    })
    .await;
    click(&element, "Undo").await;
    until("put back", || {
        text(&element)
            .contains("Put your new goal “Run the spring offsite” back on this device, as it was.")
    })
    .await;
    until("listed again", || not_kept(&element).1 == 1).await;
    assert!(text(&one(&element, "ul.mw-goals")).contains("Run the spring offsite"));
    click(&element, "Remove from this device").await;
    click(&element, "Yes, remove it").await;
    until("removed again", || {
        text(&element).contains("Removed your new goal “Run the spring offsite” from this device.")
    })
    .await;
    assert_eq!(not_kept(&element).1, 0, "{}", not_kept(&element).0);
    let goals = text(&one(&element, "ul.mw-goals"));
    assert!(
        !goals.contains("offsite") && goals.contains("Present to the board"),
        "{goals}"
    );
    drop(handle);
    // Gone from the device, nothing of it waiting for the portal; the other goal untouched.
    let (_, after) = opened_store(&name).await;
    let loaded = after.load(&owner).await.unwrap();
    let titles: Vec<String> = (goals_in(&loaded).iter())
        .map(|g| g.title.as_str().to_owned())
        .collect();
    assert_eq!(titles, vec!["Present to the board".to_owned()]);
    assert!(!after.holds_record("goal", &rid("g-new")));
    let waiting = after.outbox().await.unwrap().ops;
    assert!(waiting.iter().all(|op| op.record != "g-new"), "{waiting:?}");
    assert!(after.conflicts().is_empty());
}

#[wasm_bindgen_test]
async fn a_delete_the_portal_refused_is_listed_and_brings_the_goal_back_as_the_portal_keeps_it() {
    let name = unique("refused-delete");
    let (js, store) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    let owner = rid("amira");
    store.load(&owner).await.unwrap();
    let first = goal("g1", "amira", "Present to the board", 40);
    store.commit(&Change::Goal(first.clone())).await.unwrap();
    // The portal holds the goal.
    let sent: Vec<RecordId> = (store.outbox().await.unwrap().ops.iter())
        .map(|op| rid(&op.id))
        .collect();
    store.settle(&sent).await.unwrap();
    store.set_deleted("goal", &rid("g1"), true).await.unwrap();
    let delete = store.standing("goal", &rid("g1"), "deleted").unwrap().op;
    let host = Rc::new(RefusesOne {
        refuse: RefCell::new(delete.to_string()),
        code: "forbidden",
    });
    let (element, handle) = synced_app(&name, host, Rc::new(QuietPlatform)).await;
    let said = "The portal kept your goal “Present to the board”, which you deleted: you may not \
                make this change.";
    until("the refused delete listed", || {
        not_kept(&element).0.contains(said)
    })
    .await;
    assert_eq!(not_kept(&element).1, 1, "{}", not_kept(&element).0);
    assert!(
        status_line(&element).contains("1 change not kept"),
        "{}",
        status_line(&element)
    );
    assert!(!text(&one(&element, "ul.mw-goals")).contains("Present to the board"));

    // Every op put in the outbox from here on: the op that brings it back is never one, even
    // for a moment a sync could push it in.
    js_sys::Function::new_no_args(
        "const proto = IDBObjectStore.prototype; const put = proto.put; \
         globalThis.outboxPuts = []; globalThis.restorePut = () => { proto.put = put; }; \
         proto.put = function (value, key) { \
           if (this.name === 'outbox') globalThis.outboxPuts.push(value.id); \
           return put.call(this, value, key); };",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    click(&element, "Bring it back").await;
    until("what it did said", || {
        text(&element)
            .contains("Brought back your goal “Present to the board” as the portal keeps it.")
    })
    .await;
    assert_eq!(not_kept(&element).1, 0, "{}", not_kept(&element).0);
    assert!(text(&one(&element, "ul.mw-goals")).contains("Present to the board"));
    sleep(300).await;
    // What the watch sees of a change queued (someone else's, elsewhere): that one alone.
    let control = json(r#"[{"id":"control-op","entity":"goal","record":"g-x","field":"title"}]"#);
    JsFuture::from(raw.add_ops("someone-else", control, true))
        .await
        .unwrap();
    let queued =
        js_sys::Function::new_no_args("globalThis.restorePut(); return globalThis.outboxPuts;")
            .call0(&JsValue::NULL)
            .unwrap();
    let queued: Vec<String> = (js_sys::Array::from(&queued).iter())
        .map(|id| id.as_string().unwrap_or_default())
        .collect();
    assert_eq!(queued, vec!["control-op".to_owned()]);
    drop(handle);
    // Shown again after a reload, listed no more, and nothing sent: the portal never deleted it.
    let (_, again) = opened_store(&name).await;
    let loaded = again.load(&owner).await.unwrap();
    assert_eq!(goals_in(&loaded)[0].title, first.title);
    assert!(again.outbox().await.unwrap().ops.is_empty());
    assert!(again.conflicts().is_empty());
}

#[wasm_bindgen_test]
async fn bring_it_back_in_a_page_not_told_of_records_let_go_of_says_nothing_changed_and_reads_again(
) {
    let name = unique("bring-back-let-go");
    let (_, store) = opened_store(&name).await;
    let owner = rid("amira");
    store.load(&owner).await.unwrap();
    for made in [
        goal("g1", "amira", "Present to the board", 40),
        goal("g2", "amira", "LET-GO-GOAL", 10),
    ] {
        store.commit(&Change::Goal(made)).await.unwrap();
    }
    acknowledged(&store).await;
    store.set_deleted("goal", &rid("g1"), true).await.unwrap();
    let delete = store.standing("goal", &rid("g1"), "deleted").unwrap().op;
    let host = Rc::new(RefusesOne {
        refuse: RefCell::new(delete.to_string()),
        code: "forbidden",
    });
    let (element, _handle) = synced_app(&name, host, Rc::new(QuietPlatform)).await;
    until("the refused delete listed", || {
        not_kept(&element).0.contains("which you deleted")
    })
    .await;
    // Another tab lets go of the other goal; this page has not heard.
    store
        .forget(&[("goal".to_owned(), rid("g2"))])
        .await
        .unwrap();
    click(&element, "Bring it back").await;
    until("nothing brought back, said", || {
        text(&element).contains(
            "Nothing was brought back: your goal “Present to the board” was changed or removed",
        )
    })
    .await;
    until("the page read storage again", || {
        !text(&element).contains("LET-GO-GOAL")
    })
    .await;
    assert!(!text(&element).contains("as the portal keeps it"));
    assert_eq!(not_kept(&element).1, 1, "{}", not_kept(&element).0);
    // Read again, the same choice brings it back.
    click(&element, "Bring it back").await;
    until("brought back", || {
        text(&element)
            .contains("Brought back your goal “Present to the board” as the portal keeps it.")
    })
    .await;
    assert_eq!(not_kept(&element).1, 0, "{}", not_kept(&element).0);
    assert!(text(&one(&element, "ul.mw-goals")).contains("Present to the board"));
}

#[wasm_bindgen_test]
async fn a_milestone_the_portal_refused_alone_is_one_entry_and_its_refused_delete_is_listed_to_bring_back(
) {
    let name = unique("refused-milestone");
    let (_, store) = opened_store(&name).await;
    let owner = rid("amira");
    store.load(&owner).await.unwrap();
    let milestone = |id: &str, title: &str| mentoring_core::goal::Milestone {
        id: rid(id),
        title: Title::parse(title).unwrap(),
        done_on: None,
    };
    let kept = Goal {
        milestones: vec![milestone("m1", "Draft the deck")],
        ..goal("g1", "amira", "Present to the board", 0)
    };
    store.commit(&Change::Goal(kept.clone())).await.unwrap();
    // The portal holds the goal and its milestone.
    let sent: Vec<RecordId> = (store.outbox().await.unwrap().ops.iter())
        .map(|op| rid(&op.id))
        .collect();
    store.settle(&sent).await.unwrap();
    // A milestone added alone to the goal the portal keeps, and refused.
    let added = Goal {
        milestones: vec![
            milestone("m1", "Draft the deck"),
            milestone("m-new", "Rehearse twice"),
        ],
        ..kept.clone()
    };
    store.commit(&Change::Goal(added)).await.unwrap();
    let host = Rc::new(RefusesOne {
        refuse: RefCell::new("m-new".into()),
        code: "forbidden",
    });
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    let said = "The portal did not keep your new milestone “Rehearse twice” of the goal “Present \
                to the board”: you may not make this change.";
    until("the refused milestone listed", || {
        not_kept(&element).0.contains(said)
    })
    .await;
    // One entry for the milestone, not one per field.
    let (listed, entries) = not_kept(&element);
    assert_eq!(entries, 1, "{listed}");
    assert!(!listed.contains("Use the portal’s value"), "{listed}");
    drop(handle);
    // Renamed, it is sent whole: its title alone would be a milestone of no goal.
    let (_, again) = opened_store(&name).await;
    let loaded = again.load(&owner).await.unwrap();
    let mut renamed = goals_in(&loaded)[0].clone();
    renamed.milestones[1].title = Title::parse("Rehearse three times").unwrap();
    again.commit(&Change::Goal(renamed)).await.unwrap();
    let waiting = again.outbox().await.unwrap().ops;
    assert!(
        waiting
            .iter()
            .any(|op| op.record == "m-new" && op.field == "goal"),
        "every field again: {waiting:?}"
    );
    drop(again);
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("refused again", || {
        not_kept(&element)
            .0
            .contains("your new milestone “Rehearse three times”")
    })
    .await;
    click(&element, "Remove from this device").await;
    click(&element, "Yes, remove it").await;
    until("what it did said", || {
        text(&element).contains(
            "Removed your new milestone “Rehearse three times” of the goal “Present to the \
             board” from this device.",
        )
    })
    .await;
    assert_eq!(not_kept(&element).1, 0, "{}", not_kept(&element).0);
    drop(handle);
    let (_, again) = opened_store(&name).await;
    let loaded = again.load(&owner).await.unwrap();
    let titles: Vec<String> = (goals_in(&loaded)[0].milestones.iter())
        .map(|m| m.title.as_str().to_owned())
        .collect();
    assert_eq!(
        titles,
        vec!["Draft the deck"],
        "the goal kept, without the milestone"
    );
    assert!(!again.holds_record("milestone", &rid("m-new")));
    let waiting = again.outbox().await.unwrap().ops;
    assert!(waiting.iter().all(|op| op.record != "m-new"), "{waiting:?}");

    // The milestone the portal keeps, deleted here and the delete refused: listed, and brought
    // back as the portal keeps it.
    again
        .commit(&Change::Goal(Goal {
            milestones: Vec::new(),
            ..goals_in(&loaded)[0].clone()
        }))
        .await
        .unwrap();
    let delete = again
        .standing("milestone", &rid("m1"), "deleted")
        .unwrap()
        .op;
    *host.refuse.borrow_mut() = delete.to_string();
    drop(again);
    let (element, handle) = synced_app(&name, host, Rc::new(QuietPlatform)).await;
    let said = "The portal kept your milestone “Draft the deck” of the goal “Present to the \
                board”, which you deleted: you may not make this change.";
    until("the refused delete listed", || {
        not_kept(&element).0.contains(said)
    })
    .await;
    assert_eq!(not_kept(&element).1, 1, "{}", not_kept(&element).0);
    click(&element, "Bring it back").await;
    until("what it did said", || {
        text(&element).contains(
            "Brought back your milestone “Draft the deck” of the goal “Present to the board” as \
             the portal keeps it.",
        )
    })
    .await;
    assert_eq!(not_kept(&element).1, 0, "{}", not_kept(&element).0);
    drop(handle);
    let (_, after) = opened_store(&name).await;
    let loaded = after.load(&owner).await.unwrap();
    let titles: Vec<String> = (goals_in(&loaded)[0].milestones.iter())
        .map(|m| m.title.as_str().to_owned())
        .collect();
    assert_eq!(titles, vec!["Draft the deck"]);
    assert!(after.conflicts().is_empty());
}

#[wasm_bindgen_test]
async fn a_milestone_the_portal_never_held_removed_in_a_goal_save_stays_gone() {
    let name = unique("refused-removed");
    let (_, store) = opened_store(&name).await;
    let owner = rid("amira");
    store.load(&owner).await.unwrap();
    let milestone = |id: &str, title: &str| Milestone {
        id: rid(id),
        title: Title::parse(title).unwrap(),
        done_on: None,
    };
    let kept = Goal {
        milestones: vec![milestone("m1", "Draft the deck")],
        ..goal("g1", "amira", "Present to the board", 0)
    };
    store.commit(&Change::Goal(kept.clone())).await.unwrap();
    acknowledged(&store).await;
    // Refused: a milestone added alone to the goal the portal keeps, and a new goal whole.
    let added = Goal {
        milestones: vec![
            milestone("m1", "Draft the deck"),
            milestone("m-new", "Rehearse twice"),
        ],
        ..kept
    };
    store.commit(&Change::Goal(added)).await.unwrap();
    let new = Goal {
        milestones: vec![
            milestone("m-a", "Book the room"),
            milestone("m-b", "Send the invites"),
        ],
        ..goal("g-new", "amira", "Run the spring offsite", 0)
    };
    store.commit(&Change::Goal(new)).await.unwrap();
    let refused: Vec<RefusedOp> = (store.outbox().await.unwrap().ops.iter())
        .map(|op| RefusedOp {
            id: rid(&op.id),
            code: "forbidden".into(),
            entity: op.entity.clone(),
            record: rid(&op.record),
            field: op.field.clone(),
        })
        .collect();
    store.refused_ops(&refused).await.unwrap();
    acknowledged(&store).await;
    drop(store);

    // Each saved without one milestone, as the goal editor saves it.
    let (_, again) = opened_store(&name).await;
    let loaded = again.load(&owner).await.unwrap();
    assert_eq!(again.conflicts().len(), 2, "{:?}", again.conflicts());
    for (id, gone) in [("g1", "m-new"), ("g-new", "m-b")] {
        let mut saved = (goals_in(&loaded).into_iter())
            .find(|g| g.id == rid(id))
            .unwrap();
        saved.milestones.retain(|m| m.id != rid(gone));
        again.commit(&Change::Goal(saved)).await.unwrap();
    }
    drop(again);
    let (_, after) = opened_store(&name).await;
    let loaded = after.load(&owner).await.unwrap();
    let titles = |id: &str| -> Vec<String> {
        (goals_in(&loaded).iter())
            .find(|g| g.id == rid(id))
            .unwrap()
            .milestones
            .iter()
            .map(|m| m.title.as_str().to_owned())
            .collect()
    };
    assert_eq!(titles("g1"), vec!["Draft the deck"]);
    assert_eq!(titles("g-new"), vec!["Book the room"]);
    // The deletes stay on this device: the host never held either milestone.
    let sent = after.outbox().await.unwrap().ops;
    assert!(
        (sent.iter())
            .all(|op| !(["m-new", "m-b"].contains(&op.record.as_str()) && op.field == "deleted")),
        "{sent:?}"
    );
    // The new goal, sent whole again, refused again: one entry, and "Remove from this device"
    // takes all of it, the milestone deleted too.
    let whole = ["g-new", "m-a", "m-b"];
    let refused: Vec<RefusedOp> = (after.outbox().await.unwrap().ops.iter())
        .filter(|op| whole.contains(&op.record.as_str()))
        .map(|op| RefusedOp {
            id: rid(&op.id),
            code: "forbidden".into(),
            entity: op.entity.clone(),
            record: rid(&op.record),
            field: op.field.clone(),
        })
        .collect();
    after.refused_ops(&refused).await.unwrap();
    let ids: Vec<RecordId> = refused.iter().map(|op| op.id.clone()).collect();
    after.settle(&ids).await.unwrap();
    let listed: Vec<RecordId> = after.conflicts().into_iter().map(|c| c.record).collect();
    assert_eq!(listed, vec![rid("g-new")]);
    after
        .remove_never_held("goal", &rid("g-new"))
        .await
        .unwrap();
    assert!(!after.holds_record("milestone", &rid("m-b")));
    let waiting = after.outbox().await.unwrap().ops;
    assert!(
        (waiting.iter()).all(|op| !whole.contains(&op.record.as_str())),
        "{waiting:?}"
    );
    assert!(
        (waiting.iter()).all(|op| op.record != "m-new"),
        "{waiting:?}"
    );
}

#[wasm_bindgen_test]
async fn a_row_this_version_cannot_read_is_read_again_past_a_snapshot_and_waits_meanwhile() {
    let name = unique("unreadable-row");
    let (js, store) = opened_store(&name).await;
    let store = store.snapshot_after(1);
    let raw = js.unchecked_ref::<RawStore>();
    let owner = rid("amira");
    store.load(&owner).await.unwrap();
    store
        .commit(&Change::Goal(goal(
            "g1",
            "amira",
            "Present to the board",
            40,
        )))
        .await
        .unwrap();
    let sent: Vec<RecordId> = (store.outbox().await.unwrap().ops.iter())
        .map(|op| rid(&op.id))
        .collect();
    store.settle(&sent).await.unwrap();
    // A newer widget in another tab writes a change this version cannot read (its clock
    // under another name), a minute after the goal was made.
    let later = format!(r#""clock":"{}-00001""#, BrowserClock.now().0 + 60_000);
    let newer = (FROM_A_NEWER_HOST.replace("g-9", "g1"))
        .replace(r#""hlc":"1795000000000-00001""#, &later)
        .replace(r#"{"kind":"rich-text","text":"Later"}"#, r#""Read later""#);
    JsFuture::from(raw.add_ops("amira", json(&format!("[{newer}]")), true))
        .await
        .unwrap();
    store.refresh().await.unwrap();
    assert_eq!(
        store.outbox().await.unwrap().records(),
        1,
        "the row this version cannot read still waits"
    );
    // A snapshot is written past it.
    store
        .commit(&Change::Goal(goal(
            "g2",
            "amira",
            "Mentor a new starter",
            10,
        )))
        .await
        .unwrap();
    store.compact().await.unwrap();
    let snapshot = JsFuture::from(raw.get_meta("snapshot:amira"))
        .await
        .unwrap();
    assert!(snapshot.is_object());
    // A later version reads the row: the widget that opens then takes it in.
    let readable = newer.replace(r#""clock""#, r#""hlc""#);
    JsFuture::from(rewrite_op_row(&name, "amira", "op-rich", json(&readable)))
        .await
        .unwrap();
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&owner).await.unwrap();
    let titles: Vec<String> = goals_in(&loaded)
        .iter()
        .map(|g| g.title.as_str().to_owned())
        .collect();
    assert!(titles.contains(&"Read later".to_owned()), "{titles:?}");
}

/// Amira's goals `ids` (titled as their ids in capitals), written on `store` and taken by the
/// host.
async fn acknowledged_goals(store: &IndexedDbStore, ids: &[&str]) {
    for id in ids {
        let made = goal(id, "amira", &id.to_uppercase(), 10);
        store.commit(&Change::Goal(made)).await.unwrap();
    }
    acknowledged(store).await;
}

#[wasm_bindgen_test]
async fn a_tab_letting_go_after_another_tab_did_never_writes_back_what_that_tab_let_go_of() {
    let name = unique("two-lettings-go");
    let (js, first) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    first.load(&rid("amira")).await.unwrap();
    let (_, second) = opened_store(&name).await;
    let second = second.snapshot_after(1);
    second.load(&rid("amira")).await.unwrap();
    acknowledged_goals(&first, &["g-first-gone", "g-second-gone", "g-kept"]).await;
    second.refresh().await.unwrap();

    first
        .forget(&[("goal".to_owned(), rid("g-first-gone"))])
        .await
        .unwrap();
    // The second tab has not heard yet and lets go of another record.
    let gone = second
        .forget(&[("goal".to_owned(), rid("g-second-gone"))])
        .await
        .unwrap();
    let kept = kept_text(raw, "amira").await;
    assert!(!kept.contains("G-FIRST-GONE"), "{kept}");
    assert!(!kept.contains("G-SECOND-GONE"), "{kept}");
    assert!(
        gone.contains(&Update::Remove {
            entity: "goal".into(),
            id: rid("g-first-gone")
        }),
        "what the first tab let go of leaves the second's view: {gone:?}"
    );
    assert!(second.record("goal", &rid("g-first-gone")).is_none());
    // Its replica was read again: its snapshot is written, without either.
    second
        .commit(&Change::Goal(goal("g-later", "amira", "G-LATER", 5)))
        .await
        .unwrap();
    second.compact().await.unwrap();
    let kept = kept_text(raw, "amira").await;
    assert!(
        kept.contains("G-LATER") && kept.contains("G-KEPT"),
        "{kept}"
    );
    assert!(!kept.contains("GONE"), "{kept}");
    let (_, reopened) = opened_store(&name).await;
    let titles: Vec<String> = goals_in(&reopened.load(&rid("amira")).await.unwrap())
        .iter()
        .map(|g| g.title.as_str().to_owned())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("GONE")), "{titles:?}");
}

#[wasm_bindgen_test]
async fn a_tab_read_before_a_sign_out_never_writes_its_snapshot_after_the_person_signs_in_again() {
    let name = unique("sign-out-count");
    let (js, before) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    let before = before.snapshot_after(1);
    before.load(&rid("amira")).await.unwrap();
    acknowledged_goals(&before, &["g-before-sign-out"]).await;

    JsFuture::from(raw.forget_person("amira", false))
        .await
        .unwrap();
    let seen = JsFuture::from(raw.sign_outs()).await.unwrap();
    JsFuture::from(raw.allow_writes_for("amira", &seen))
        .await
        .unwrap();
    before.compact().await.unwrap();
    let snapshot = JsFuture::from(raw.get_meta("snapshot:amira"))
        .await
        .unwrap();
    assert!(snapshot.is_undefined(), "not written: {snapshot:?}");
    let count = JsFuture::from(raw.get_meta("forgets:amira")).await.unwrap();
    assert_eq!(count.as_f64(), Some(1.0), "counted, never reset");
    // It reads storage again: nothing of before the sign-out stays in it.
    before.refresh().await.unwrap();
    assert!(before.record("goal", &rid("g-before-sign-out")).is_none());
}

/// An op this version cannot read (its clock under another name), as a pull page held it.
fn unreadable(
    id: &str,
    actor: &str,
    entity: &str,
    record: &str,
    field: &str,
    value: &str,
) -> String {
    format!(
        r#"{{"id":"{id}","actor":"{actor}","device":"dev-9","clock":"1795000000000-00001","entity":"{entity}","record":"{record}","field":"{field}","value":"{value}","supersedes":[]}}"#
    )
}

#[wasm_bindgen_test]
async fn ops_held_unread_of_a_record_go_with_the_parent_let_go_of_unless_the_persons_own() {
    let name = unique("held-children");
    let (js, store) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    store.load(&rid("amira")).await.unwrap();
    let held = [
        unreadable("op-m1", "james", "milestone", "m-held", "goal", "g-gone"),
        unreadable(
            "op-m2",
            "james",
            "milestone",
            "m-held",
            "title",
            "HELD-STEP",
        ),
        unreadable(
            "op-l1",
            "james",
            "learning",
            "l-james",
            "relationship",
            "rel-gone",
        ),
        unreadable(
            "op-l2",
            "james",
            "learning",
            "l-james",
            "text",
            "HELD-LESSON",
        ),
        unreadable(
            "op-l3",
            "amira",
            "learning",
            "l-amira",
            "relationship",
            "rel-gone",
        ),
        // A session of the pair after her, its words and an item of it, and feedback between
        // them: nothing of theirs stays on her device.
        unreadable(
            "op-s1",
            "james",
            "session",
            "s-held",
            "relationship",
            "rel-gone",
        ),
        unreadable(
            "op-s2",
            "james",
            "session",
            "s-held",
            "reality",
            "HELD-NOTES",
        ),
        unreadable("op-a1", "james", "action", "a-held", "session", "s-held"),
        unreadable(
            "op-f1",
            "james",
            "feedback",
            "f-held",
            "relationship",
            "rel-gone",
        ),
        unreadable("op-f2", "james", "feedback", "f-held", "receiver", "sofia"),
        // A session she was in stays hers to read.
        unreadable(
            "op-s3",
            "james",
            "session",
            "s-hers",
            "relationship",
            "rel-gone",
        ),
        unreadable("op-s4", "james", "session", "s-hers", "partner", "amira"),
    ];
    let texts: js_sys::Array = held.iter().map(|t| JsValue::from_str(t)).collect();
    JsFuture::from(raw.put_meta("held:amira", texts.into()))
        .await
        .unwrap();
    store
        .forget(&[
            ("goal".to_owned(), rid("g-gone")),
            ("relationship".to_owned(), rid("rel-gone")),
        ])
        .await
        .unwrap();
    assert_eq!(
        held_of(raw, "amira").await,
        [held[4].clone(), held[10].clone(), held[11].clone()],
        "her own entry and the session she was in stay"
    );
}

#[wasm_bindgen_test]
async fn held_ops_are_judged_before_they_are_read_so_nothing_of_a_record_taken_is_read_in() {
    let (james, entry) = shared_entry().await;
    let name = unique("held-judged");
    let (js, amira) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    amira.load(&rid("amira")).await.unwrap();
    send(&james, &amira).await;
    // The op that took the entry, held by an older version this one reads.
    let unshared = mentoring_core::LearningEntry {
        shared_with_partner: false,
        ..entry
    };
    james.commit(&Change::Learning(unshared)).await.unwrap();
    let took = outbox_texts(&james).await;
    let texts: js_sys::Array = took.iter().map(|t| JsValue::from_str(t)).collect();
    JsFuture::from(raw.put_meta("held:amira", texts.into()))
        .await
        .unwrap();

    let updates = amira.read_held().await.unwrap();
    assert!(
        !(updates.iter())
            .any(|u| matches!(u, Update::Upsert(c) if matches!(**c, Change::Learning(_)))),
        "{updates:?}"
    );
    assert!(held_of(raw, "amira").await.is_empty());
    let kept = kept_text(raw, "amira").await;
    assert!(!kept.contains("l-secret"), "nothing of it at all: {kept}");
    assert!(kept.contains("rel-l"), "{kept}");
    assert_eq!(
        amira.taken().await.unwrap(),
        vec![],
        "nothing left to let go of"
    );
}

#[wasm_bindgen_test]
async fn a_save_in_a_tab_that_has_not_heard_a_record_was_let_go_of_writes_nothing_until_it_reads_again(
) {
    let name = unique("save-let-go");
    let (js, tab) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    let (_, other_tab) = opened_store(&name).await;
    for store in [&tab, &other_tab] {
        store.load(&rid("amira")).await.unwrap();
    }
    tab.commit(&Change::Goal(goal("g1", "amira", "BEFORE", 10)))
        .await
        .unwrap();
    tab.commit(&Change::Goal(goal("g2", "amira", "KEPT", 10)))
        .await
        .unwrap();
    acknowledged(&tab).await;
    other_tab.refresh().await.unwrap();
    // Saved in the other tab, waiting for the portal: nothing may take it.
    other_tab
        .commit(&Change::Goal(goal("g3", "amira", "SAVED-ELSEWHERE", 30)))
        .await
        .unwrap();
    other_tab
        .forget(&[("goal".to_owned(), rid("g1"))])
        .await
        .unwrap();

    // This tab has not heard: an edit, and a delete, of what was let go of write nothing.
    let edited = tab
        .commit(&Change::Goal(goal("g1", "amira", "STALE-EDIT", 20)))
        .await;
    assert!(matches!(&edited, Err(e) if e.let_go()), "{edited:?}");
    let deleted = tab.set_deleted("goal", &rid("g1"), true).await;
    assert!(matches!(&deleted, Err(e) if e.let_go()), "{deleted:?}");
    let kept = kept_text(raw, "amira").await;
    assert!(
        !kept.contains("STALE-EDIT") && !kept.contains("BEFORE"),
        "{kept}"
    );
    let waiting = tab.outbox().await.unwrap().ops;
    assert!(waiting.iter().all(|op| op.record == "g3"), "{waiting:?}");

    // Read again, it shows what is kept, and saves again.
    let updates = tab.refresh().await.unwrap();
    assert!(
        updates.contains(&Update::Remove {
            entity: "goal".into(),
            id: rid("g1")
        }),
        "{updates:?}"
    );
    assert!(tab.record("goal", &rid("g1")).is_none());
    assert!(tab.record("goal", &rid("g3")).is_some());
    tab.commit(&Change::Goal(goal("g2", "amira", "AFTER", 20)))
        .await
        .unwrap();
    let kept = kept_text(raw, "amira").await;
    assert!(
        kept.contains("AFTER") && kept.contains("SAVED-ELSEWHERE"),
        "{kept}"
    );
    assert!(!kept.contains("STALE-EDIT"), "{kept}");
}

#[wasm_bindgen_test]
async fn a_page_whose_save_was_refused_for_records_let_go_of_says_so_and_shows_what_is_kept() {
    let name = unique("page-let-go");
    let (_, store) = opened_store(&name).await;
    store.load(&rid("amira")).await.unwrap();
    store
        .commit(&Change::Goal(goal("g1", "amira", "LET-GO-GOAL", 10)))
        .await
        .unwrap();
    acknowledged(&store).await;
    let (element, _handle) = synced_app(&name, Rc::new(SignedIn), Rc::new(QuietPlatform)).await;
    until("the goal listed", || text(&element).contains("LET-GO-GOAL")).await;
    // Another tab lets go of it; this page has not heard.
    store
        .forget(&[("goal".to_owned(), rid("g1"))])
        .await
        .unwrap();
    submit_title(&element, "Learn to negotiate");
    until("what happened said", || {
        text(&element).contains("Nothing was saved: this device has just removed records")
    })
    .await;
    until("what was let go of gone from view", || {
        !text(&element).contains("LET-GO-GOAL")
    })
    .await;
    assert!(!text(&element).contains("Learn to negotiate"), "not listed");
    // Read again, the same change saves.
    submit_title(&element, "Learn to negotiate");
    until("the goal saved", || {
        text(&one(&element, "ul.mw-goals")).contains("Learn to negotiate")
    })
    .await;
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("amira")).await.unwrap();
    let titles: Vec<String> = (goals_in(&loaded).iter())
        .map(|g| g.title.as_str().to_owned())
        .collect();
    assert_eq!(titles, vec!["Learn to negotiate".to_owned()]);
}

#[wasm_bindgen_test]
async fn a_record_removed_from_the_device_comes_back_exactly_on_undo_unless_records_went_since() {
    let name = unique("remove-undo");
    let (js, store) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    let owner = rid("amira");
    store.load(&owner).await.unwrap();
    let mut new = goal("g-new", "amira", "Run the offsite", 0);
    new.milestones.push(Milestone {
        id: rid("m-new"),
        title: Title::parse("Book the venue").unwrap(),
        done_on: None,
    });
    store.commit(&Change::Goal(new.clone())).await.unwrap();
    // The portal refuses the goal; a later edit waits to be sent again.
    let refused: Vec<RefusedOp> = (store.outbox().await.unwrap().ops.iter())
        .map(|op| RefusedOp {
            id: rid(&op.id),
            code: "forbidden".into(),
            entity: op.entity.clone(),
            record: rid(&op.record),
            field: op.field.clone(),
        })
        .collect();
    store.refused_ops(&refused).await.unwrap();
    // Settled but one, still waiting (a sync stopped between the two).
    let ids: Vec<RecordId> = refused.iter().skip(1).map(|op| op.id.clone()).collect();
    store.settle(&ids).await.unwrap();
    let rows_before = JsFuture::from(raw.ops_of("amira")).await.unwrap();
    let ops_before =
        js_sys::JSON::stringify(&js_sys::Reflect::get(&rows_before, &"ops".into()).unwrap())
            .unwrap()
            .as_string()
            .unwrap();
    let waiting_before = outbox_texts(&store).await;
    let record_before = store.record("goal", &rid("g-new")).unwrap();
    let conflicts_before = store.conflicts();
    assert_eq!(conflicts_before.len(), 1, "{conflicts_before:?}");

    store
        .remove_never_held("goal", &rid("g-new"))
        .await
        .unwrap();
    assert!(!store.holds_record("goal", &rid("g-new")));
    assert!(store.outbox().await.unwrap().ops.is_empty());
    // Another tab opening meanwhile prunes the refusals of ops no longer held.
    let (_, other_tab) = opened_store(&name).await;
    other_tab.load(&owner).await.unwrap();

    let back = store
        .put_back_removed("goal", &rid("g-new"))
        .await
        .unwrap()
        .expect("put back");
    assert!(
        back.iter()
            .any(|u| matches!(u, Update::Upsert(c) if **c == record_before)),
        "{back:?}"
    );
    let rows_after = JsFuture::from(raw.ops_of("amira")).await.unwrap();
    let ops_after =
        js_sys::JSON::stringify(&js_sys::Reflect::get(&rows_after, &"ops".into()).unwrap())
            .unwrap()
            .as_string()
            .unwrap();
    assert_eq!(ops_after, ops_before, "every op, as it was");
    assert_eq!(outbox_texts(&store).await, waiting_before, "waiting again");
    assert_eq!(
        store.conflicts(),
        conflicts_before,
        "still the portal's refusal"
    );
    // As a reload reads it.
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&owner).await.unwrap();
    assert!(
        loaded.records.contains(&record_before),
        "{:?}",
        loaded.records
    );
    assert_eq!(reopened.conflicts(), conflicts_before);
    // Undone once: there is nothing more to put back.
    assert_eq!(
        store.put_back_removed("goal", &rid("g-new")).await.unwrap(),
        None
    );

    // Removed again, then records let go of in another tab: Undo writes nothing.
    store
        .remove_never_held("goal", &rid("g-new"))
        .await
        .unwrap();
    other_tab.refresh().await.unwrap();
    other_tab
        .commit(&Change::Goal(goal("g-gone", "amira", "GONE", 0)))
        .await
        .unwrap();
    acknowledged(&other_tab).await;
    other_tab
        .forget(&[("goal".to_owned(), rid("g-gone"))])
        .await
        .unwrap();
    assert_eq!(
        store.put_back_removed("goal", &rid("g-new")).await.unwrap(),
        None
    );
    assert!(!kept_text(raw, "amira").await.contains("offsite"));
    assert!(store.outbox().await.unwrap().ops.is_empty());
}

/// The refusals of `ops` with the portal's code.
fn refusals(ops: &[OpV1]) -> Vec<RefusedOp> {
    (ops.iter())
        .map(|op| RefusedOp {
            id: rid(&op.id),
            code: "forbidden".into(),
            entity: op.entity.clone(),
            record: rid(&op.record),
            field: op.field.clone(),
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_refusal_another_tabs_sync_stores_while_a_removal_is_undone_is_kept() {
    let name = unique("undo-refusal");
    let (js, store) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    let owner = rid("amira");
    store.load(&owner).await.unwrap();
    let mut new = goal("g-new", "amira", "Run the offsite", 0);
    new.milestones.push(Milestone {
        id: rid("m-new"),
        title: Title::parse("Book the venue").unwrap(),
        done_on: None,
    });
    store.commit(&Change::Goal(new)).await.unwrap();
    // The portal refused the goal; its milestone, sent after it, is on its way in another
    // tab's sync, which read the outbox before the removal.
    let (goal_ops, milestone_ops): (Vec<OpV1>, Vec<OpV1>) =
        (store.outbox().await.unwrap().ops.into_iter()).partition(|op| op.entity == "goal");
    assert!(!milestone_ops.is_empty());
    let goal_refused = refusals(&goal_ops);
    store.refused_ops(&goal_refused).await.unwrap();
    let ids: Vec<RecordId> = goal_refused.iter().map(|op| op.id.clone()).collect();
    store.settle(&ids).await.unwrap();
    let (_, other_tab) = opened_store(&name).await;
    other_tab.load(&owner).await.unwrap();
    let other_tab = Rc::new(other_tab);
    let record_before = store.record("goal", &rid("g-new")).unwrap();

    store
        .remove_never_held("goal", &rid("g-new"))
        .await
        .unwrap();
    // The portal refuses the milestone too: the other tab stores that after Undo read what
    // it puts back and before it writes it.
    let milestone_refused = refusals(&milestone_ops);
    let (tab, refused) = (other_tab.clone(), milestone_refused.clone());
    let between = Closure::once_into_js(move || {
        wasm_bindgen_futures::future_to_promise(async move {
            tab.refused_ops(&refused).await.unwrap();
            Ok(JsValue::UNDEFINED)
        })
    });
    before_next_refused_write(&js, between);
    let back = store
        .put_back_removed("goal", &rid("g-new"))
        .await
        .unwrap()
        .expect("put back");
    assert!(
        back.iter()
            .any(|u| matches!(u, Update::Upsert(c) if **c == record_before)),
        "{back:?}"
    );
    // Its sync then settles what was refused.
    let ids: Vec<RecordId> = milestone_refused.iter().map(|op| op.id.clone()).collect();
    other_tab.settle(&ids).await.unwrap();

    // Every refusal is kept, the goal's and the milestone's, with its code and field.
    let stored = JsFuture::from(raw.get_meta("refused:amira")).await.unwrap();
    let stored = stored.as_string().unwrap_or_default();
    for op in goal_refused.iter().chain(&milestone_refused) {
        let line = format!(
            "{} forbidden {} {} {}",
            op.id, op.entity, op.record, op.field
        );
        assert!(stored.split('\n').any(|l| l == line), "{line} in {stored}");
    }
    // Nothing the person saved is lost, and a reload still tells the goal as refused.
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&owner).await.unwrap();
    assert!(
        loaded.records.contains(&record_before),
        "{:?}",
        loaded.records
    );
    assert_eq!(reopened.conflicts(), store.conflicts());
    assert!(
        (reopened.conflicts().iter()).any(|c| c.record == rid("g-new") && c.refused.is_some()),
        "{:?}",
        reopened.conflicts()
    );
    assert!(reopened.outbox().await.unwrap().ops.is_empty());

    // The other way round: a sync storing a refusal from a list it read before Undo wrote
    // keeps what Undo put back.
    store
        .remove_never_held("goal", &rid("g-new"))
        .await
        .unwrap();
    // An opening meanwhile drops the refusals of ops no longer held.
    let (late_js, late_tab) = opened_store(&name).await;
    late_tab.load(&owner).await.unwrap();
    let late_tab = Rc::new(late_tab);
    let undone = Rc::new(RefCell::new(None));
    let (first, put_back) = (Rc::new(store), undone.clone());
    let undo = first.clone();
    let between = Closure::once_into_js(move || {
        wasm_bindgen_futures::future_to_promise(async move {
            let back = undo.put_back_removed("goal", &rid("g-new")).await.unwrap();
            *put_back.borrow_mut() = Some(back.is_some());
            Ok(JsValue::UNDEFINED)
        })
    });
    before_next_refused_write(&late_js, between);
    let another = RefusedOp {
        id: rid("op-elsewhere"),
        code: "forbidden".into(),
        entity: "goal".into(),
        record: rid("g-other"),
        field: "title".into(),
    };
    late_tab.refused_ops(&[another]).await.unwrap();
    assert_eq!(*undone.borrow(), Some(true), "put back");
    let stored = JsFuture::from(raw.get_meta("refused:amira")).await.unwrap();
    let stored = stored.as_string().unwrap_or_default();
    for op in goal_refused.iter().chain(&milestone_refused) {
        assert!(stored.contains(op.id.as_str()), "{} in {stored}", op.id);
    }
    assert!(stored.contains("op-elsewhere"), "{stored}");
    let (_, reopened) = opened_store(&name).await;
    reopened.load(&owner).await.unwrap();
    assert_eq!(reopened.conflicts(), first.conflicts());
}

#[wasm_bindgen_test]
async fn a_settlement_kept_here_is_stored_outside_the_outbox_in_the_write_itself() {
    let name = unique("settle-here");
    let (js, store) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    store.load(&rid("amira")).await.unwrap();
    store
        .commit(&Change::Goal(goal("g1", "amira", "BEFORE", 10)))
        .await
        .unwrap();
    acknowledged(&store).await;
    let title = store.standing("goal", &rid("g1"), "title").unwrap().op;
    let value = FieldValue::Text("HERE-ALONE".into());
    let written = store
        .rewrite(
            "goal",
            &rid("g1"),
            title_set(value, Some(title)),
            Rewriting::SettleHere,
        )
        .await
        .unwrap();
    let Rewritten::Written { ops, .. } = written else {
        panic!("{written:?}");
    };
    assert!(ops[0].as_str().starts_with("settle-"), "{ops:?}");
    // Never waiting for the portal, yet stored: a reload shows it.
    let waiting = JsFuture::from(js.unchecked_ref::<RawStore>().outbox_raw("amira"))
        .await
        .unwrap();
    assert_eq!(js_sys::Array::from(&waiting).length(), 0);
    assert!(kept_text(raw, "amira").await.contains("HERE-ALONE"));
    let (_, reopened) = opened_store(&name).await;
    let loaded = reopened.load(&rid("amira")).await.unwrap();
    assert_eq!(goals_in(&loaded)[0].title.as_str(), "HERE-ALONE");
}

#[wasm_bindgen_test]
async fn an_undo_in_a_tab_that_has_not_heard_a_record_was_let_go_of_writes_nothing_of_it() {
    let name = unique("undo-let-go");
    let (js, tab) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    let (_, other_tab) = opened_store(&name).await;
    for store in [&tab, &other_tab] {
        store.load(&rid("amira")).await.unwrap();
    }
    tab.commit(&Change::Goal(goal("g1", "amira", "BEFORE", 10)))
        .await
        .unwrap();
    let op = used(&tab).await;
    acknowledged(&tab).await;
    other_tab.refresh().await.unwrap();
    other_tab
        .forget(&[("goal".to_owned(), rid("g1"))])
        .await
        .unwrap();
    assert!(!kept_text(raw, "amira").await.contains("BEFORE"));

    assert_eq!(undo(&tab, op).await, Rewritten::ChangedSince);
    let kept = kept_text(raw, "amira").await;
    assert!(!kept.contains("BEFORE"), "not put back: {kept}");
    assert_eq!(tab.outbox().await.unwrap().ops.len(), 0, "nothing queued");
    tab.refresh().await.unwrap();
    assert!(tab.record("goal", &rid("g1")).is_none());
}

/// A host whose pulls say epoch 1: from the start, `first`; from any other cursor, nothing.
struct NewEpoch {
    first: JsValue,
    asked: RefCell<Vec<String>>,
}

impl Host for NewEpoch {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, _: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        // Answers nothing: the changes stay waiting.
        Box::pin(async { Ok(Pushed::default()) })
    }
    fn pull<'a>(&'a self, cursor: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        self.asked.borrow_mut().push(cursor.to_owned());
        let nothing = json(r#"{"version":1,"ops":[],"cursor":"6","more":false,"epoch":1}"#);
        let page = if cursor.is_empty() {
            &self.first
        } else {
            &nothing
        };
        let page = mentoring_widget::edges::adapter::read_pull_reply(200, page);
        Box::pin(async move { page })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

/// A host whose first page (from no cursor) says epoch 1 and that more follows, and which is
/// out of reach for the rest: a network that comes and goes.
struct FirstPageThenGone {
    asked: RefCell<Vec<String>>,
}

impl Host for FirstPageThenGone {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, _: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        Box::pin(async { Ok(Pushed::default()) })
    }
    fn pull<'a>(&'a self, cursor: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        self.asked.borrow_mut().push(cursor.to_owned());
        let page = if cursor.is_empty() {
            mentoring_widget::edges::adapter::read_pull_reply(
                200,
                &json(r#"{"version":1,"ops":[],"cursor":"6","more":true,"epoch":1}"#),
            )
        } else {
            Err(HostError::Unreachable("the network went again".to_owned()))
        };
        Box::pin(async move { page })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

/// Two tabs of one person: one lets go of what it pulled (the host's epoch moved) and is
/// closed before its pull from the start ends; the other, whose replica still holds what was
/// let go of, takes the next page. It stores the page's ops again rather than skip them as
/// known while its cursor moves past them, which would lose them to the device.
#[wasm_bindgen_test]
async fn a_page_taken_after_another_tab_let_go_is_judged_against_storage() {
    let name = unique("two-tabs-let-go");
    let (js, closing) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    let (_, other) = opened_store(&name).await;
    closing.load(&rid("amira")).await.unwrap();
    closing
        .commit(&Change::Goal(goal("g-taken", "amira", "TAKEN-BY-HOST", 10)))
        .await
        .unwrap();
    let sent = outbox_texts(&closing).await;
    acknowledged(&closing).await;
    other.load(&rid("amira")).await.unwrap();
    assert!(other.record("goal", &rid("g-taken")).is_some());

    // The closing tab lets go of everything the host holds, the goal with it.
    closing.let_go_of_pulled().await.unwrap().unwrap();
    assert!(!kept_text(raw, "amira").await.contains("TAKEN-BY-HOST"));
    // The host's page from the start brings the goal back; the other tab takes it.
    let page = json(&format!(
        r#"{{"version":1,"ops":[{}],"cursor":"8","more":false,"epoch":1}}"#,
        sent.join(",")
    ));
    let page = mentoring_widget::edges::adapter::read_pull_reply(200, &page).unwrap();
    other.receive_page(page).await.unwrap();
    assert!(kept_text(raw, "amira").await.contains("TAKEN-BY-HOST"));
    assert!(other.record("goal", &rid("g-taken")).is_some());
    let (_, reopened) = opened_store(&name).await;
    reopened.load(&rid("amira")).await.unwrap();
    assert!(reopened.record("goal", &rid("g-taken")).is_some());
    assert_eq!(reopened.cursor().await.unwrap(), "8");
}

/// A pull page's cursor and the host's epoch it came under are kept in one transaction: a
/// device closed between two writes would otherwise hold a cursor without its epoch, which
/// reads as pulled under older rules and lets go of its own changes at the next sync.
#[wasm_bindgen_test]
async fn a_pull_pages_epoch_is_kept_with_its_cursor() {
    let name = unique("page-epoch");
    let (_, amira) = opened_store(&name).await;
    amira.load(&rid("amira")).await.unwrap();
    let page = |json_text: &str| {
        mentoring_widget::edges::adapter::read_pull_reply(200, &json(json_text)).unwrap()
    };
    amira
        .receive_page(page(
            r#"{"version":1,"ops":[],"cursor":"6","more":true,"epoch":1}"#,
        ))
        .await
        .unwrap();
    let (_, reopened) = opened_store(&name).await;
    reopened.load(&rid("amira")).await.unwrap();
    assert_eq!(reopened.cursor().await.unwrap(), "6");
    assert_eq!(reopened.epoch().await.unwrap(), Some(1));
    // A host that says no epoch leaves the one kept as it is.
    amira
        .receive_page(page(r#"{"version":1,"ops":[],"cursor":"7","more":false}"#))
        .await
        .unwrap();
    assert_eq!(reopened.cursor().await.unwrap(), "7");
    assert_eq!(reopened.epoch().await.unwrap(), Some(1));
}

/// A device's first pull, after changes made offline that the host has already taken: with
/// nothing pulled before, there is nothing of older rules to let go of, and its own goal stays
/// on it even when the pages that would bring it back never come.
#[wasm_bindgen_test]
async fn a_device_that_never_pulled_keeps_its_own_changes_when_it_takes_the_hosts_epoch() {
    let name = unique("first-epoch");
    let (js, amira) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    amira.load(&rid("amira")).await.unwrap();
    let own = goal("g-own", "amira", "MADE-OFFLINE", 10);
    amira.commit(&Change::Goal(own)).await.unwrap();
    acknowledged(&amira).await;
    assert_eq!(amira.cursor().await.unwrap(), "");
    assert_eq!(amira.epoch().await.unwrap(), None);

    let host = Rc::new(FirstPageThenGone {
        asked: RefCell::new(Vec::new()),
    });
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("the second page asked", || host.asked.borrow().len() >= 2).await;
    until("the sync to end", || {
        text(&element).contains("cannot be reached")
    })
    .await;
    drop(handle);
    assert_eq!(host.asked.borrow()[..2], [String::new(), "6".to_owned()]);
    assert!(kept_text(raw, "amira").await.contains("MADE-OFFLINE"));
    let (_, reopened) = opened_store(&name).await;
    reopened.load(&rid("amira")).await.unwrap();
    assert!(reopened.record("goal", &rid("g-own")).is_some());
    assert_eq!(reopened.epoch().await.unwrap(), Some(1));
}

#[wasm_bindgen_test]
async fn a_device_that_pulled_before_the_hosts_epoch_lets_go_of_it_keeps_its_unsent_changes_and_pulls_again(
) {
    let (james, _) = shared_entry().await;
    // The relationship, as the host sends it now; the note shared in it, as an older host did
    // and this one withholds.
    let relationship: Vec<String> = (outbox_texts(&james).await.into_iter())
        .filter(|op| op.contains(r#""entity":"relationship""#))
        .collect();
    let name = unique("epoch");
    let (js, amira) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    amira.load(&rid("amira")).await.unwrap();
    send(&james, &amira).await;
    amira.set_cursor("5").await.unwrap();
    let own = goal("g-own", "amira", "UNSENT-GOAL", 10);
    amira.commit(&Change::Goal(own)).await.unwrap();
    let waiting = outbox_ids(&name, "amira").await;
    assert!(!waiting.is_empty());
    assert!(kept_text(raw, "amira").await.contains("SECRET-LESSON"));

    let first = json(&format!(
        r#"{{"version":1,"ops":[{}],"cursor":"7","more":false,"epoch":1}}"#,
        relationship.join(",")
    ));
    let host = Rc::new(NewEpoch {
        first,
        asked: RefCell::new(Vec::new()),
    });
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("the pull from the start", || host.asked.borrow().len() >= 2).await;
    until("the sync to end", || sync_ended(&element)).await;
    drop(handle);
    assert_eq!(host.asked.borrow()[..2], ["5".to_owned(), String::new()]);
    let kept = kept_text(raw, "amira").await;
    assert!(!kept.contains("SECRET-LESSON"), "{kept}");
    assert!(kept.contains("rel-l"), "pulled again: {kept}");
    assert!(kept.contains("UNSENT-GOAL"), "{kept}");
    assert_eq!(outbox_ids(&name, "amira").await, waiting, "still waiting");
    let (_, reopened) = opened_store(&name).await;
    reopened.load(&rid("amira")).await.unwrap();
    assert_eq!(reopened.cursor().await.unwrap(), "7");
    assert_eq!(reopened.epoch().await.unwrap(), Some(1));
    // Up to date, the next pull asks from where it left off, letting go of nothing.
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("another pull", || host.asked.borrow().len() >= 3).await;
    until("the sync to end", || sync_ended(&element)).await;
    drop(handle);
    assert_eq!(host.asked.borrow()[2], "7");
    assert!(kept_text(raw, "amira").await.contains("rel-l"));
}

/// A host restored from an older backup: its log (JSON texts) holds what the backup held and
/// what was pushed since the restore. It gives out no cursor it gave before (any other is
/// `unknown_cursor`), pages its log from the start in two (the first op, then the rest: the
/// second page out of reach once when `cut_once`), and says `epoch` on every page.
struct RestoredLog {
    log: RefCell<Vec<String>>,
    epoch: std::cell::Cell<u32>,
    cut_once: std::cell::Cell<bool>,
    /// The next push's pull is out of reach (set by a push once `cut_after_push`).
    cut_after_push: std::cell::Cell<bool>,
    cut_pull: std::cell::Cell<bool>,
    asked: RefCell<Vec<String>>,
    pushed: RefCell<Vec<String>>,
}

impl RestoredLog {
    fn page(&self, from: usize, to: usize, cursor: &str, more: bool) -> Result<Pulled, HostError> {
        let log = self.log.borrow();
        let ops = log[from.min(log.len())..to.min(log.len())].join(",");
        let reply = format!(
            r#"{{"version":1,"ops":[{ops}],"cursor":"{cursor}","more":{more},"epoch":{}}}"#,
            self.epoch.get()
        );
        mentoring_widget::edges::adapter::read_pull_reply(200, &json(&reply))
    }
}

impl Host for RestoredLog {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Ok(DirectorySnapshot::default()) })
    }
    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        let mut acknowledged = Vec::new();
        if self.cut_after_push.replace(false) {
            self.cut_pull.set(true);
        }
        for op in ops {
            let text: String = js_sys::JSON::stringify(&op.to_js()).unwrap().into();
            if !self.log.borrow().contains(&text) {
                self.log.borrow_mut().push(text);
            }
            self.pushed.borrow_mut().push(op.id.clone());
            acknowledged.push(RecordId::parse(&op.id).unwrap());
        }
        Box::pin(async move {
            Ok(Pushed {
                acknowledged,
                rejected: Vec::new(),
            })
        })
    }
    fn pull<'a>(&'a self, cursor: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        self.asked.borrow_mut().push(cursor.to_owned());
        let end = self.log.borrow().len();
        let page = match cursor {
            _ if self.cut_pull.replace(false) => {
                Err(HostError::Unreachable("the network went".to_owned()))
            }
            "" => self.page(0, 1, "p1", true),
            "p1" if self.cut_once.replace(false) => {
                Err(HostError::Unreachable("the network went".to_owned()))
            }
            "p1" => self.page(1, end, &format!("c{end}"), false),
            _ => match cursor
                .strip_prefix('c')
                .and_then(|n| n.parse::<usize>().ok())
            {
                Some(n) if n <= end => self.page(n, end, &format!("c{end}"), false),
                _ => Err(HostError::Refused {
                    code: "unknown_cursor".into(),
                    message: "pull from the start".into(),
                }),
            },
        };
        Box::pin(async move { page })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

/// Amira's device after three goals reached the host: one its backup holds (`BACKED-UP`), one
/// acknowledged after it (`LOST-IN-RESTORE`), one from her laptop pulled after it
/// (`FROM-LAPTOP`); its cursor `x9`, one the restored host never gave, under epoch 1. Returns the
/// store's name and the host, whose log holds the first goal.
async fn device_ahead_of_a_restored_host(
    epoch: u32,
    cut_once: bool,
) -> (String, Rc<RestoredLog>, Vec<String>) {
    let name = unique("restored");
    let (_, amira) = opened_store(&name).await;
    amira.load(&rid("amira")).await.unwrap();
    amira
        .commit(&Change::Goal(goal("g-backed", "amira", "BACKED-UP", 10)))
        .await
        .unwrap();
    let backed_up = outbox_texts(&amira).await;
    acknowledged(&amira).await;
    amira
        .commit(&Change::Goal(goal(
            "g-lost",
            "amira",
            "LOST-IN-RESTORE",
            20,
        )))
        .await
        .unwrap();
    let mut lost = outbox_texts(&amira).await;
    acknowledged(&amira).await;
    let laptop = goal_ops_from_elsewhere("FROM-LAPTOP").await;
    lost.extend(laptop.iter().cloned());
    let page = json(&format!(
        r#"{{"version":1,"ops":[{}],"cursor":"x9","more":false,"epoch":1}}"#,
        laptop.join(",")
    ));
    let page = mentoring_widget::edges::adapter::read_pull_reply(200, &page).unwrap();
    amira.receive_page(page).await.unwrap();
    assert_eq!(amira.cursor().await.unwrap(), "x9");
    assert_eq!(amira.epoch().await.unwrap(), Some(1));
    assert!(amira.outbox().await.unwrap().ops.is_empty());
    let host = Rc::new(RestoredLog {
        log: RefCell::new(backed_up),
        epoch: std::cell::Cell::new(epoch),
        cut_once: std::cell::Cell::new(cut_once),
        cut_after_push: Default::default(),
        cut_pull: Default::default(),
        asked: RefCell::new(Vec::new()),
        pushed: RefCell::new(Vec::new()),
    });
    let lost_ids = (lost.iter())
        .map(|text| {
            let op = json(text);
            js_sys::Reflect::get(&op, &JsValue::from_str("id"))
                .unwrap()
                .as_string()
                .unwrap()
        })
        .collect();
    (name, host, lost_ids)
}

/// The host's database was restored from a backup older than changes it had acknowledged: the
/// device, told its cursor is unknown, pulls the whole log again and sends back what the log
/// lacks of Amira's (the goal saved here and the one from her laptop), not what it holds.
#[wasm_bindgen_test]
async fn a_host_restored_from_an_older_backup_gets_back_the_persons_changes_it_lost() {
    let (name, host, mut lost) = device_ahead_of_a_restored_host(1, false).await;
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("the lost changes pushed again", || {
        host.pushed.borrow().len() >= lost.len()
    })
    .await;
    until("the sync to end", || {
        text(&element).contains("All changes synced")
    })
    .await;
    drop(handle);
    assert_eq!(host.asked.borrow()[..3], ["x9", "", "p1"]);
    let mut pushed = host.pushed.borrow().clone();
    pushed.sort();
    lost.sort();
    assert_eq!(pushed, lost, "exactly what the host lacked, once");
    assert!(outbox_ids(&name, "amira").await.is_empty());
    let (js, reopened) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    reopened.load(&rid("amira")).await.unwrap();
    assert!(reopened.record("goal", &rid("g-lost")).is_some());
    assert!(
        !reopened.resend_owed().await.unwrap(),
        "the mark goes once they wait"
    );
    let mark = JsFuture::from(raw.get_meta("resend:amira")).await.unwrap();
    assert!(mark.is_undefined());
    // The log now holds every goal: the next device to pull from the start gets all three.
    let log = host.log.borrow().join("\n");
    for title in ["BACKED-UP", "LOST-IN-RESTORE", "FROM-LAPTOP"] {
        assert!(log.contains(title), "{title}");
    }
}

/// The pull that finds what the restored host lost is cut short, and the host's epoch moved
/// too: the next sync pulls from the start again (not from the cut page's cursor, which would
/// never show what is missing), and nothing of the person's is let go of before it is sent
/// again; the epoch's let-go comes after, and the pull from the start brings it all back.
#[wasm_bindgen_test]
async fn a_cut_short_search_for_what_a_restored_host_lost_starts_again_and_lets_go_of_nothing_first(
) {
    let (name, host, mut lost) = device_ahead_of_a_restored_host(2, true).await;
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("the cut", || text(&element).contains("cannot be reached")).await;
    drop(handle);
    assert_eq!(*host.asked.borrow(), ["x9", "", "p1"]);
    assert!(host.pushed.borrow().is_empty());
    let (js, store) = opened_store(&name).await;
    let raw = js.unchecked_ref::<RawStore>();
    store.load(&rid("amira")).await.unwrap();
    assert!(store.resend_owed().await.unwrap(), "still owed");
    assert!(kept_text(raw, "amira").await.contains("LOST-IN-RESTORE"));
    assert_eq!(
        store.epoch().await.unwrap(),
        Some(1),
        "not taken while searching"
    );

    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("the lost changes pushed again", || {
        host.pushed.borrow().len() >= lost.len()
    })
    .await;
    until("the epoch taken", || host.asked.borrow().len() >= 8).await;
    until("the sync to end", || {
        text(&element).contains("All changes synced")
    })
    .await;
    drop(handle);
    // From the start again; then, once they were sent, the new epoch's let-go and its pull.
    let asked = host.asked.borrow().clone();
    assert_eq!(asked[3..5], ["", "p1"], "{asked:?}");
    assert!(
        asked[5].starts_with('c'),
        "on from where it left off: {asked:?}"
    );
    assert_eq!(asked[6..8], ["", "p1"], "{asked:?}");
    let mut pushed = host.pushed.borrow().clone();
    pushed.sort();
    lost.sort();
    assert_eq!(pushed, lost);
    let (_, reopened) = opened_store(&name).await;
    reopened.load(&rid("amira")).await.unwrap();
    for goal in ["g-backed", "g-lost"] {
        assert!(reopened.record("goal", &rid(goal)).is_some(), "{goal}");
    }
    assert_eq!(reopened.epoch().await.unwrap(), Some(2));
    assert!(!reopened.resend_owed().await.unwrap());
}

/// Changes the host acknowledged in a sync whose pull then failed, lost to a restore from a
/// backup taken before them but after the device's cursor: that cursor still reads on in the
/// restored log, so no `unknown_cursor` comes. The next pull that ends finds them missing from
/// its pages and sends them again, letting go of nothing for the host's new epoch before; a
/// pull that brings them back sends nothing again.
#[wasm_bindgen_test]
async fn acknowledged_changes_a_restore_lost_behind_a_still_valid_cursor_are_sent_again() {
    let name = unique("unechoed");
    let host = Rc::new(RestoredLog {
        log: RefCell::new(Vec::new()),
        epoch: std::cell::Cell::new(1),
        cut_once: Default::default(),
        cut_after_push: Default::default(),
        cut_pull: Default::default(),
        asked: RefCell::new(Vec::new()),
        pushed: RefCell::new(Vec::new()),
    });
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("the first sync to end", || {
        text(&element).contains("All changes synced")
    })
    .await;
    drop(handle);
    let (_, amira) = opened_store(&name).await;
    amira.load(&rid("amira")).await.unwrap();
    assert_eq!(amira.cursor().await.unwrap(), "c0");
    amira
        .commit(&Change::Goal(goal(
            "g-acked",
            "amira",
            "ACKED-THEN-LOST",
            10,
        )))
        .await
        .unwrap();
    let mut sent: Vec<String> = outbox_ids(&name, "amira").await;
    sent.sort();

    // Pushed and acknowledged; the pull that follows is out of reach.
    host.cut_after_push.set(true);
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("the cut", || text(&element).contains("cannot be reached")).await;
    drop(handle);
    let mut awaited: Vec<String> = (amira.unechoed().await.unwrap().iter())
        .map(|id| id.as_str().to_owned())
        .collect();
    awaited.sort();
    assert_eq!(awaited, sent, "kept until a pull shows them");
    assert_eq!(amira.cursor().await.unwrap(), "c0");

    // The host is restored to its backup: an empty log, in which the cursor still reads on;
    // and its epoch has moved, which lets go of nothing until they are sent again.
    host.log.borrow_mut().clear();
    host.epoch.set(2);
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("sent again", || {
        host.pushed.borrow().len() >= 2 * sent.len()
    })
    .await;
    until("the sync to end", || {
        text(&element).contains("All changes synced")
    })
    .await;
    drop(handle);
    let mut pushed = host.pushed.borrow().clone();
    pushed.sort();
    let twice: Vec<String> = sent
        .iter()
        .flat_map(|id| [id.clone(), id.clone()])
        .collect();
    assert_eq!(pushed, twice, "once, then once again");
    assert!(amira.unechoed().await.unwrap().is_empty());
    assert!(host.log.borrow().join("\n").contains("ACKED-THEN-LOST"));
    let asked = host.asked.borrow().clone();
    assert!(
        asked.iter().filter(|c| c.is_empty()).count() >= 2,
        "pulled again: {asked:?}"
    );
    assert_eq!(
        amira.epoch().await.unwrap(),
        Some(2),
        "the new epoch taken after"
    );
    assert!(outbox_ids(&name, "amira").await.is_empty());

    // A sync whose pull brings its push back keeps nothing, and sends nothing again. (Read
    // anew: the epoch's let-go changed what this device holds.)
    let (_, amira) = opened_store(&name).await;
    amira.load(&rid("amira")).await.unwrap();
    amira
        .commit(&Change::Goal(goal("g-echoed", "amira", "ECHOED", 10)))
        .await
        .unwrap();
    let before = host.pushed.borrow().len();
    let (element, handle) = synced_app(&name, host.clone(), Rc::new(QuietPlatform)).await;
    until("pushed", || host.pushed.borrow().len() > before).await;
    until("the sync to end", || {
        text(&element).contains("All changes synced")
    })
    .await;
    sleep(300).await;
    drop(handle);
    assert!(amira.unechoed().await.unwrap().is_empty());
    let echoed = host.pushed.borrow().len() - before;
    assert_eq!(
        echoed,
        sent.len(),
        "each op of the new goal once (as many as the first's)"
    );
}
