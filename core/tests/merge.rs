//! Property tests of the merge model over random multi-device histories (seeded, so a
//! failure reproduces): convergence in any order, nothing silently lost, restores resolve.

use mentoring_core::merge::{lost_by_host, Hlc, Op, Replica};
use mentoring_core::projection::{FieldValue, Fields};
use mentoring_core::{Millis, RecordId};

/// xorshift64*: small, deterministic, good enough to shuffle test histories.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Random histories per property: 5,000 in CI; set `MERGE_CASES=1000000` for the long run.
fn cases() -> u64 {
    std::env::var("MERGE_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000)
}

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

struct Device {
    name: RecordId,
    replica: Replica,
    /// Hours this device's clock is off.
    skew_ms: i64,
    minted: u32,
}

const RECORDS: [&str; 2] = ["g-1", "g-2"];
const FIELDS: [&str; 3] = ["title", "aspiration", "deleted"];

/// Runs a random history on `devices` devices and returns them (with every op each knows).
fn history(seed: u64, devices: usize, steps: usize) -> (Vec<Device>, Vec<Op>) {
    let mut rng = Rng(seed | 1);
    let hour = 3_600_000;
    let mut fleet: Vec<Device> = (0..devices)
        .map(|n| Device {
            name: id(&format!("dev-{n}")),
            replica: Replica::new(),
            skew_ms: (rng.below(7) as i64 - 3) * hour,
            minted: 0,
        })
        .collect();
    let mut all = Vec::new();
    for step in 0..steps {
        let now = 1_795_000_000_000 + step as i64 * 1_000;
        let d = rng.below(devices);
        if rng.below(3) == 0 && devices > 1 {
            // Sync: d receives everything some other device knows.
            let other = (d + 1 + rng.below(devices - 1)) % devices;
            let ops: Vec<Op> = fleet[other].replica.ops().into_iter().cloned().collect();
            let device = &mut fleet[d];
            device.replica.apply_all(ops, Millis(now + device.skew_ms));
        } else {
            let device = &mut fleet[d];
            device.minted += 1;
            let field = FIELDS[rng.below(FIELDS.len())];
            let value = if field == "deleted" {
                FieldValue::Bool(rng.below(2) == 0)
            } else {
                FieldValue::Text(format!("{}-{}", device.name, device.minted))
            };
            let op_id = id(&format!("op-{}-{}", device.name, device.minted));
            let record = id(RECORDS[rng.below(RECORDS.len())]);
            let local_now = Millis(now + device.skew_ms);
            let op = device.replica.write(
                &id("amira"),
                &device.name.clone(),
                "goal",
                &record,
                field,
                value,
                local_now,
                op_id,
            );
            all.push(op);
        }
    }
    (fleet, all)
}

type Snapshot = (Vec<(String, RecordId, Fields)>, Vec<Vec<RecordId>>);

fn snapshot(replica: &Replica) -> Snapshot {
    let mut conflicts = Vec::new();
    for record in RECORDS {
        for field in FIELDS {
            conflicts.push(
                replica
                    .conflicts("goal", &id(record), field)
                    .iter()
                    .map(|op| op.id.clone())
                    .collect(),
            );
        }
    }
    (replica.records(), conflicts)
}

fn fold(ops: &[Op]) -> Replica {
    let mut replica = Replica::new();
    replica.apply_all(ops.iter().cloned(), Millis(1_795_000_000_000));
    replica
}

#[test]
fn any_order_any_batching_and_duplicates_converge_to_one_state() {
    for seed in 1..=cases() {
        let devices = 3 + (seed % 3) as usize;
        let (_, ops) = history(seed, devices, 40);
        let expected = snapshot(&fold(&ops));
        let mut rng = Rng(seed * 7919);
        for _ in 0..2 {
            let mut shuffled = ops.clone();
            rng.shuffle(&mut shuffled);
            // Duplicates, and batches of random size applied one after the other.
            let dupes: Vec<Op> = (0..5).map(|_| ops[rng.below(ops.len())].clone()).collect();
            shuffled.extend(dupes);
            let mut replica = Replica::new();
            let mut rest = shuffled.as_slice();
            while !rest.is_empty() {
                let take = 1 + rng.below(rest.len());
                replica.apply_all(rest[..take].iter().cloned(), Millis(0));
                rest = &rest[take..];
            }
            assert_eq!(snapshot(&replica), expected, "seed {seed}");
        }
    }
}

#[test]
fn devices_that_have_seen_the_same_ops_show_the_same_state() {
    for seed in 1..=cases() / 5 {
        let (mut fleet, ops) = history(seed, 3 + (seed % 3) as usize, 50);
        for device in &mut fleet {
            device.replica.apply_all(ops.iter().cloned(), Millis(0));
        }
        let first = snapshot(&fleet[0].replica);
        for device in &fleet[1..] {
            assert_eq!(snapshot(&device.replica), first, "seed {seed}");
        }
    }
}

#[test]
fn nothing_is_lost_every_value_is_shown_in_conflict_or_was_seen_and_replaced() {
    for seed in 1..=cases() / 5 {
        let (_, ops) = history(seed, 3, 40);
        let replica = fold(&ops);
        for op in &ops {
            let winner = replica
                .winner(&op.entity, &op.record, &op.field)
                .map(|w| w.id.clone());
            let in_conflict = replica
                .conflicts(&op.entity, &op.record, &op.field)
                .iter()
                .any(|c| c.id == op.id);
            let replaced_knowingly = ops.iter().any(|other| other.supersedes.contains(&op.id));
            assert!(
                winner.as_ref() == Some(&op.id) || in_conflict || replaced_knowingly,
                "seed {seed}: op {} vanished",
                op.id
            );
        }
    }
}

#[test]
fn concurrent_edits_keep_the_loser_as_a_conflict_and_a_restore_resolves_it_everywhere() {
    let mut phone = Replica::new();
    let mut laptop = Replica::new();
    let (amira, record) = (id("amira"), id("g-1"));
    let base = phone.write(
        &amira,
        &id("phone"),
        "goal",
        &record,
        "title",
        FieldValue::Text("Board".into()),
        Millis(1_000),
        id("op-1"),
    );
    laptop.apply(base, Millis(1_000));
    let a = phone.write(
        &amira,
        &id("phone"),
        "goal",
        &record,
        "title",
        FieldValue::Text("Board deck".into()),
        Millis(2_000),
        id("op-2"),
    );
    let b = laptop.write(
        &amira,
        &id("laptop"),
        "goal",
        &record,
        "title",
        FieldValue::Text("Board talk".into()),
        Millis(3_000),
        id("op-3"),
    );
    phone.apply(b.clone(), Millis(3_000));
    laptop.apply(a.clone(), Millis(3_000));
    for replica in [&phone, &laptop] {
        assert_eq!(
            replica.winner("goal", &record, "title").unwrap().id,
            b.id,
            "later clock wins"
        );
        let conflicts: Vec<_> = replica
            .conflicts("goal", &record, "title")
            .iter()
            .map(|o| o.value.clone())
            .collect();
        assert_eq!(
            conflicts,
            [FieldValue::Text("Board deck".into())],
            "the loser is kept"
        );
    }
    let restore = phone.write(
        &amira,
        &id("phone"),
        "goal",
        &record,
        "title",
        a.value.clone(),
        Millis(4_000),
        id("op-4"),
    );
    laptop.apply(restore, Millis(4_000));
    for replica in [&phone, &laptop] {
        assert_eq!(
            replica.winner("goal", &record, "title").unwrap().value,
            FieldValue::Text("Board deck".into())
        );
        assert!(replica.conflicts("goal", &record, "title").is_empty());
    }
}

#[test]
fn keeping_the_value_shown_resolves_the_conflict_everywhere_and_changes_nothing() {
    let mut phone = Replica::new();
    let mut laptop = Replica::new();
    let (amira, record) = (id("amira"), id("g-1"));
    let typed_here = phone.write(
        &amira,
        &id("phone"),
        "goal",
        &record,
        "aspiration",
        FieldValue::Text("Lead the Gulf team".into()),
        Millis(2_000),
        id("op-1"),
    );
    let typed_there = laptop.write(
        &amira,
        &id("laptop"),
        "goal",
        &record,
        "aspiration",
        FieldValue::Text("Lead a region".into()),
        Millis(3_000),
        id("op-2"),
    );
    phone.apply(typed_there.clone(), Millis(3_000));
    laptop.apply(typed_here, Millis(3_000));
    assert_eq!(phone.conflicts("goal", &record, "aspiration").len(), 1);
    // The phone, whose value lost, keeps the laptop's: the winner's value, written again.
    let kept = phone
        .winner("goal", &record, "aspiration")
        .unwrap()
        .value
        .clone();
    assert_eq!(kept, typed_there.value);
    let keep = phone.write(
        &amira,
        &id("phone"),
        "goal",
        &record,
        "aspiration",
        kept.clone(),
        Millis(4_000),
        id("op-3"),
    );
    laptop.apply(keep, Millis(4_000));
    for replica in [&phone, &laptop] {
        assert_eq!(
            replica.winner("goal", &record, "aspiration").unwrap().value,
            kept
        );
        assert!(replica.conflicts("goal", &record, "aspiration").is_empty());
        assert!(replica.all_conflicts().is_empty());
    }
}

/// A phone and a laptop that wrote the goal's aspiration at once, each holding both values.
fn in_conflict() -> (Replica, Replica) {
    let (mut phone, mut laptop) = (Replica::new(), Replica::new());
    let write = |replica: &mut Replica, device: &str, text: &str, at: i64, op: &str| {
        replica.write(
            &id("amira"),
            &id(device),
            "goal",
            &id("g-1"),
            "aspiration",
            FieldValue::Text(text.into()),
            Millis(at),
            id(op),
        )
    };
    let here = write(&mut phone, "phone", "Lead the Gulf team", 2_000, "op-1");
    let there = write(&mut laptop, "laptop", "Lead a region", 3_000, "op-2");
    phone.apply(there, Millis(3_000));
    laptop.apply(here, Millis(3_000));
    (phone, laptop)
}

fn settle(replica: &mut Replica, device: &str, text: &str, at: i64, op: &str) -> Op {
    replica.write(
        &id("amira"),
        &id(device),
        "goal",
        &id("g-1"),
        "aspiration",
        FieldValue::Text(text.into()),
        Millis(at),
        id(op),
    )
}

#[test]
fn the_same_conflict_settled_both_ways_at_once_is_settled_not_a_new_conflict() {
    let (mut phone, mut laptop) = in_conflict();
    assert_eq!(phone.conflicts("goal", &id("g-1"), "aspiration").len(), 1);
    // At once: "Use" the lost value on the phone, "Keep" the kept one on the laptop.
    let used = settle(&mut phone, "phone", "Lead the Gulf team", 4_000, "settle-1");
    let kept = settle(&mut laptop, "laptop", "Lead a region", 4_000, "settle-2");
    assert!(used.settles() && kept.settles());
    phone.apply(kept.clone(), Millis(5_000));
    laptop.apply(used.clone(), Millis(5_000));
    // One of the two decisions stands (the later by the usual order), the same on both, and
    // nothing is left to settle.
    let standing = phone
        .winner("goal", &id("g-1"), "aspiration")
        .unwrap()
        .clone();
    let outranked = if standing.id == used.id { &kept } else { &used };
    for replica in [&phone, &laptop] {
        assert_eq!(
            replica.winner("goal", &id("g-1"), "aspiration").unwrap().id,
            standing.id
        );
        assert!(
            replica.all_conflicts().is_empty(),
            "{:?}",
            replica.all_conflicts()
        );
    }
    // A compaction keeps the outranked settlement: a later write that saw only the standing
    // one shows it again, as the fold of every op does.
    let restored = Replica::restore(phone.compact(), Millis(5_000));
    let mut elsewhere = Replica::new();
    elsewhere.apply(standing.clone(), Millis(5_000));
    let typed = settle(&mut elsewhere, "tablet", "Lead sales", 6_000, "op-3");
    for mut replica in [phone.clone(), restored] {
        replica.apply(typed.clone(), Millis(6_000));
        let lost: Vec<&RecordId> = (replica.conflicts("goal", &id("g-1"), "aspiration"))
            .iter()
            .map(|o| &o.id)
            .collect();
        assert_eq!(lost, [&outranked.id]);
    }
    // A write here after the settlements replaces both.
    let typed = settle(&mut phone, "phone", "Lead sales", 7_000, "op-4");
    assert_eq!(typed.supersedes.len(), 2, "{:?}", typed.supersedes);
}

#[test]
fn a_settlement_and_a_new_value_written_at_once_are_still_a_conflict() {
    let (mut phone, mut laptop) = in_conflict();
    let used = settle(&mut phone, "phone", "Lead the Gulf team", 4_000, "settle-1");
    // The laptop types something new over both values instead: that is not a settlement.
    let typed = settle(&mut laptop, "laptop", "Lead sales", 4_000, "op-3");
    assert!(!typed.settles());
    phone.apply(typed, Millis(5_000));
    laptop.apply(used, Millis(5_000));
    for replica in [&phone, &laptop] {
        assert_eq!(replica.all_conflicts().len(), 1);
    }
    // An id that only begins like one, or a "settlement" of a single value, settles nothing.
    let (mut phone, _) = in_conflict();
    let odd = settle(&mut phone, "phone", "x", 4_000, "settlement-1");
    assert!(!odd.settles());
    let single = settle(&mut phone, "phone", "y", 5_000, "settle-9");
    assert_eq!(single.supersedes.len(), 1);
    assert!(!single.settles());
}

#[test]
fn a_value_seen_and_replaced_is_not_a_conflict_even_from_a_clock_hours_ahead() {
    let hours = 3_600_000;
    let mut fast = Replica::new();
    let mut slow = Replica::new();
    let (amira, record) = (id("amira"), id("g-1"));
    let early = fast.write(
        &amira,
        &id("fast"),
        "goal",
        &record,
        "title",
        FieldValue::Text("From the fast clock".into()),
        Millis(10 * hours),
        id("op-1"),
    );
    slow.apply(early, Millis(7 * hours));
    let later = slow.write(
        &amira,
        &id("slow"),
        "goal",
        &record,
        "title",
        FieldValue::Text("Edited after".into()),
        Millis(7 * hours),
        id("op-2"),
    );
    assert!(
        later.hlc
            > Hlc {
                wall: 10 * hours,
                counter: 0
            },
        "the slow clock followed what it saw"
    );
    fast.apply(later, Millis(10 * hours));
    assert_eq!(
        fast.winner("goal", &record, "title").unwrap().value,
        FieldValue::Text("Edited after".into())
    );
    assert!(fast.conflicts("goal", &record, "title").is_empty());
}

/// An op a device never received (one it holds unread from a pull page, or one still to be
/// pulled) may be superseded by one it has: the later value stands, and the op it replaced,
/// whenever it comes and through a compaction too, stays replaced, not a conflict.
#[test]
fn a_value_replacing_an_op_never_received_stands_and_that_op_stays_replaced_when_it_comes() {
    let (amira, record) = (id("amira"), id("g-1"));
    let text = |t: &str| FieldValue::Text(t.into());
    let title = |replica: &Replica| {
        replica
            .winner("goal", &record, "title")
            .unwrap()
            .value
            .clone()
    };
    let mut laptop = Replica::new();
    let first = laptop.write(
        &amira,
        &id("laptop"),
        "goal",
        &record,
        "title",
        text("First"),
        Millis(1_000),
        id("op-c"),
    );
    let unread = laptop.write(
        &amira,
        &id("laptop"),
        "goal",
        &record,
        "title",
        text("Unread"),
        Millis(2_000),
        id("op-a"),
    );
    let last = laptop.write(
        &amira,
        &id("laptop"),
        "goal",
        &record,
        "title",
        text("Last"),
        Millis(3_000),
        id("op-b"),
    );
    assert_eq!(last.supersedes, vec![id("op-a")]);
    for compacted in [false, true] {
        let mut phone = Replica::new();
        phone.apply(first.clone(), Millis(4_000));
        phone.apply(last.clone(), Millis(4_000));
        assert_eq!(title(&phone), text("Last"), "nothing is lost meanwhile");
        // The value the unread op replaced is not shown as standing; it is listed as a value
        // that lost until that op is read, since nothing this device reads says it was seen.
        let lost: Vec<&str> = (phone.conflicts("goal", &record, "title").iter())
            .map(|op| op.id.as_str())
            .collect();
        assert_eq!(lost, ["op-c"]);
        if compacted {
            phone = Replica::restore(phone.compact(), Millis(4_000));
        }
        assert!(
            phone.apply(unread.clone(), Millis(5_000)),
            "taken in once read"
        );
        assert_eq!(
            title(&phone),
            text("Last"),
            "not brought back (compacted: {compacted})"
        );
        assert!(
            phone.conflicts("goal", &record, "title").is_empty(),
            "neither it nor what it replaced is a conflict (compacted: {compacted})"
        );
    }
}

#[test]
fn a_delete_is_a_tombstone_that_a_concurrent_edit_does_not_undo() {
    let mut a = Replica::new();
    let mut b = Replica::new();
    let (amira, record) = (id("amira"), id("g-1"));
    let created = a.write(
        &amira,
        &id("a"),
        "goal",
        &record,
        "title",
        FieldValue::Text("x".into()),
        Millis(1),
        id("op-1"),
    );
    b.apply(created, Millis(1));
    let delete = a.write(
        &amira,
        &id("a"),
        "goal",
        &record,
        "deleted",
        FieldValue::Bool(true),
        Millis(2),
        id("op-2"),
    );
    let edit = b.write(
        &amira,
        &id("b"),
        "goal",
        &record,
        "title",
        FieldValue::Text("y".into()),
        Millis(3),
        id("op-3"),
    );
    a.apply(edit, Millis(3));
    b.apply(delete, Millis(3));
    assert!(a.record("goal", &record).is_none() && b.record("goal", &record).is_none());
    let restore = a.write(
        &amira,
        &id("a"),
        "goal",
        &record,
        "deleted",
        FieldValue::Bool(false),
        Millis(4),
        id("op-4"),
    );
    b.apply(restore, Millis(4));
    assert_eq!(
        b.record("goal", &record).unwrap()["title"],
        FieldValue::Text("y".into()),
        "restored with the later edit"
    );
}

/// A host that refused some ops holds nothing of a record only when every field of it stands
/// on one of them: a record it never took, not a change to one it keeps.
#[test]
fn a_record_stands_only_on_refused_ops_when_the_host_took_none_of_its_fields() {
    let (amira, device, goal) = (id("amira"), id("a"), id("g-1"));
    let mut replica = Replica::new();
    let mut write = |field: &str, value: FieldValue, at: i64, op: &str| {
        replica.write(
            &amira,
            &device,
            "goal",
            &goal,
            field,
            value,
            Millis(at),
            id(op),
        )
    };
    write("title", FieldValue::Text("Pitch".into()), 1, "op-1");
    write("aspiration", FieldValue::Text("Lead".into()), 2, "op-2");
    let refused = ["op-1", "op-2", "op-4"];
    let is_refused = |op: &RecordId| refused.contains(&op.as_str());
    assert!(replica.stands_only_on("goal", &goal, is_refused));
    assert!(!replica.stands_only_on("goal", &id("g-unknown"), is_refused));
    // Taken back by the person on the device: its deletion does not make the host hold any of it.
    replica.write(
        &amira,
        &device,
        "goal",
        &goal,
        "deleted",
        FieldValue::Bool(true),
        Millis(3),
        id("op-3"),
    );
    assert!(replica.stands_only_on("goal", &goal, is_refused));
    // Written again (or held by the host from the start): no longer only refused ops.
    replica.write(
        &amira,
        &device,
        "goal",
        &goal,
        "title",
        FieldValue::Text("Pitch well".into()),
        Millis(4),
        id("op-5"),
    );
    assert!(!replica.stands_only_on("goal", &goal, is_refused));
    assert!(!replica.stands_only_on("goal", &goal, |_| false));
}

/// A session changed by its author after it was logged says when; one logged in one save, or
/// changed by someone else alone (a tick, the host's pair), says nothing.
#[test]
fn a_session_is_edited_when_its_author_changes_it_or_its_items_after_logging_it() {
    let (amira, james, host) = (id("amira"), id("james"), id("portal"));
    let (session, item) = (id("s-1"), id("a-1"));
    let mut replica = Replica::new();
    let mut n = 0;
    let mut write = |replica: &mut Replica,
                     by: &RecordId,
                     entity: &str,
                     record: &RecordId,
                     field: &str,
                     value: FieldValue,
                     at: i64| {
        n += 1;
        replica.write(
            by,
            &id("d"),
            entity,
            record,
            field,
            value,
            Millis(at),
            id(&format!("op-{n}")),
        );
    };
    let text = |t: &str| FieldValue::Text(t.into());
    write(
        &mut replica,
        &amira,
        "session",
        &session,
        "author",
        text("amira"),
        1_000,
    );
    write(
        &mut replica,
        &amira,
        "session",
        &session,
        "grow-goal",
        text("Lead"),
        1_000,
    );
    write(
        &mut replica,
        &amira,
        "action",
        &item,
        "session",
        text("s-1"),
        1_000,
    );
    write(
        &mut replica,
        &amira,
        "action",
        &item,
        "text",
        text("Draft"),
        1_000,
    );
    let edited = |replica: &Replica| replica.edited_at("session", &session, &amira, &["done"]);
    assert_eq!(edited(&replica), None, "logged in one save");
    // Her partner ticks the item, the portal records the pair, she ticks it back: no edit.
    write(
        &mut replica,
        &james,
        "action",
        &item,
        "done",
        FieldValue::Bool(true),
        2_000,
    );
    write(
        &mut replica,
        &host,
        "session",
        &session,
        "partner",
        text("james"),
        3_000,
    );
    write(
        &mut replica,
        &amira,
        "action",
        &item,
        "done",
        FieldValue::Bool(false),
        4_000,
    );
    assert_eq!(edited(&replica), None);
    // She rewrites the item: edited then.
    write(
        &mut replica,
        &amira,
        "action",
        &item,
        "text",
        text("Draft the deck"),
        5_000,
    );
    assert_eq!(edited(&replica), Some(Millis(5_000)));
    // Deleting the session and bringing it back is no edit either; a note rewritten is.
    write(
        &mut replica,
        &amira,
        "session",
        &session,
        "deleted",
        FieldValue::Bool(true),
        6_000,
    );
    write(
        &mut replica,
        &amira,
        "session",
        &session,
        "deleted",
        FieldValue::Bool(false),
        7_000,
    );
    assert_eq!(edited(&replica), Some(Millis(5_000)));
    write(
        &mut replica,
        &amira,
        "session",
        &session,
        "grow-goal",
        text("Lead a region"),
        8_000,
    );
    assert_eq!(edited(&replica), Some(Millis(8_000)));
    assert_eq!(
        replica.edited_at("session", &id("s-unknown"), &amira, &[]),
        None
    );
}

/// Amira's session logged on her phone and synced to her laptop: its GROW goal and when it
/// was last changed.
fn session_on_two_devices() -> (Replica, Replica) {
    let (mut phone, mut laptop) = (Replica::new(), Replica::new());
    for (n, (field, value)) in [
        ("grow-goal", FieldValue::Text("Lead the Gulf team".into())),
        ("updated-at", FieldValue::Int(1_000)),
    ]
    .into_iter()
    .enumerate()
    {
        let op = phone.write(
            &id("amira"),
            &id("phone"),
            "session",
            &id("s-1"),
            field,
            value,
            Millis(1_000),
            id(&format!("op-{n}")),
        );
        laptop.apply(op, Millis(1_000));
    }
    (phone, laptop)
}

fn amira_writes(
    replica: &mut Replica,
    device: &str,
    field: &str,
    value: FieldValue,
    op: &str,
) -> Op {
    replica.write(
        &id("amira"),
        &id(device),
        "session",
        &id("s-1"),
        field,
        value,
        Millis(5_000),
        id(op),
    )
}

/// The ids of the values `reader` wrote that a delete standing had not seen, per record.
fn unseen(replica: &Replica, reader: &str) -> Vec<(String, Vec<String>)> {
    replica
        .unseen_by_delete(&id(reader))
        .into_iter()
        .map(|u| {
            let edits = u.edits.iter().map(|op| op.id.to_string()).collect();
            (u.record.to_string(), edits)
        })
        .collect()
}

#[test]
fn an_edit_the_delete_had_not_seen_is_told_to_its_writer_on_every_device() {
    let (mut phone, mut laptop) = session_on_two_devices();
    // Offline, the phone changes the session while the laptop deletes it.
    let edit = amira_writes(
        &mut phone,
        "phone",
        "grow-goal",
        FieldValue::Text("Lead a region".into()),
        "op-edit",
    );
    let delete = amira_writes(
        &mut laptop,
        "laptop",
        "deleted",
        FieldValue::Bool(true),
        "tombstone-1",
    );
    let first = laptop.winner("session", &id("s-1"), "updated-at").unwrap();
    assert!(
        delete.saw(first),
        "the delete lists what it saw: {delete:?}"
    );
    phone.apply(delete, Millis(6_000));
    laptop.apply(edit, Millis(6_000));
    for replica in [&phone, &laptop] {
        assert!(
            replica.record("session", &id("s-1")).is_none(),
            "the delete stands"
        );
        assert_eq!(
            unseen(replica, "amira"),
            vec![("s-1".to_owned(), vec!["op-edit".to_owned()])]
        );
        assert!(unseen(replica, "james").is_empty(), "nobody else wrote it");
        assert_eq!(
            replica.record_undeleted("session", &id("s-1")).unwrap()["grow-goal"],
            FieldValue::Text("Lead a region".into()),
            "the edit is what it holds"
        );
    }
}

#[test]
fn an_edit_the_delete_had_seen_is_not_told() {
    let (mut phone, mut laptop) = session_on_two_devices();
    let edit = amira_writes(
        &mut phone,
        "phone",
        "grow-goal",
        FieldValue::Text("Lead a region".into()),
        "op-edit",
    );
    laptop.apply(edit, Millis(5_000));
    // The laptop's clock is behind: the delete sorts before the edit it saw, and still saw it.
    let delete = laptop.write(
        &id("amira"),
        &id("laptop"),
        "session",
        &id("s-1"),
        "deleted",
        FieldValue::Bool(true),
        Millis(2_000),
        id("tombstone-1"),
    );
    phone.apply(delete, Millis(6_000));
    for replica in [&phone, &laptop] {
        assert!(replica.record("session", &id("s-1")).is_none());
        assert!(unseen(replica, "amira").is_empty());
    }
}

#[test]
fn leaving_it_deleted_settles_it_everywhere_and_bringing_it_back_shows_the_edit() {
    let (mut phone, mut laptop) = session_on_two_devices();
    let edit = amira_writes(
        &mut phone,
        "phone",
        "grow-goal",
        FieldValue::Text("Lead a region".into()),
        "op-edit",
    );
    let delete = amira_writes(
        &mut laptop,
        "laptop",
        "deleted",
        FieldValue::Bool(true),
        "tombstone-1",
    );
    phone.apply(delete, Millis(6_000));
    laptop.apply(edit, Millis(6_000));

    let (mut elsewhere, mut here) = (laptop.clone(), phone.clone());
    let again = amira_writes(
        &mut here,
        "phone",
        "deleted",
        FieldValue::Bool(true),
        "tombstone-2",
    );
    assert!(unseen(&here, "amira").is_empty(), "left deleted");
    elsewhere.apply(again, Millis(7_000));
    assert!(
        unseen(&elsewhere, "amira").is_empty(),
        "left deleted on every device"
    );
    assert!(elsewhere.record("session", &id("s-1")).is_none());

    let back = amira_writes(
        &mut phone,
        "phone",
        "deleted",
        FieldValue::Bool(false),
        "settle-1",
    );
    laptop.apply(back, Millis(7_000));
    for replica in [&phone, &laptop] {
        assert!(unseen(replica, "amira").is_empty());
        assert_eq!(
            replica.record("session", &id("s-1")).unwrap()["grow-goal"],
            FieldValue::Text("Lead a region".into()),
            "back with the edit"
        );
    }
}

#[test]
fn a_delete_that_does_not_list_what_it_saw_tells_nothing() {
    // Written before deletes listed what they saw: which edits it had seen is unknown.
    let (mut phone, mut laptop) = session_on_two_devices();
    let edit = amira_writes(
        &mut phone,
        "phone",
        "grow-goal",
        FieldValue::Text("Lead a region".into()),
        "op-edit",
    );
    let delete = amira_writes(
        &mut laptop,
        "laptop",
        "deleted",
        FieldValue::Bool(true),
        "op-delete",
    );
    assert!(delete.supersedes.is_empty(), "{delete:?}");
    phone.apply(delete, Millis(6_000));
    laptop.apply(edit, Millis(6_000));
    assert!(unseen(&phone, "amira").is_empty() && unseen(&laptop, "amira").is_empty());
}

#[test]
fn nothing_is_told_until_every_value_the_delete_had_seen_has_arrived() {
    let (mut phone, mut laptop) = session_on_two_devices();
    let edit = amira_writes(
        &mut laptop,
        "laptop",
        "grow-goal",
        FieldValue::Text("Lead a region".into()),
        "op-edit",
    );
    let delete = amira_writes(
        &mut laptop,
        "laptop",
        "deleted",
        FieldValue::Bool(true),
        "tombstone-1",
    );
    // The phone is handed the delete first: its own first GROW goal still looks unseen.
    phone.apply(delete, Millis(6_000));
    assert!(
        unseen(&phone, "amira").is_empty(),
        "the edit the delete saw is on its way"
    );
    phone.apply(edit, Millis(6_000));
    assert!(unseen(&phone, "amira").is_empty());
}

/// Amira's session with James's action item, held by her laptop and his phone.
fn session_with_james_item() -> (Replica, Replica) {
    let (mut laptop, mut phone) = (Replica::new(), Replica::new());
    for (n, (entity, record, field, value)) in [
        (
            "session",
            "s-1",
            "grow-goal",
            FieldValue::Text("Lead".into()),
        ),
        ("action", "a-1", "session", FieldValue::Text("s-1".into())),
        ("action", "a-1", "owner", FieldValue::Text("james".into())),
        ("action", "a-1", "done", FieldValue::Bool(false)),
    ]
    .into_iter()
    .enumerate()
    {
        let op = laptop.write(
            &id("amira"),
            &id("laptop"),
            entity,
            &id(record),
            field,
            value,
            Millis(1_000),
            id(&format!("op-{n}")),
        );
        phone.apply(op, Millis(1_000));
    }
    (laptop, phone)
}

fn james_ticks(phone: &mut Replica, op: &str) -> Op {
    phone.write(
        &id("james"),
        &id("jphone"),
        "action",
        &id("a-1"),
        "done",
        FieldValue::Bool(true),
        Millis(5_000),
        id(op),
    )
}

/// The (deleted record, child) of each unseen edit `reader` made to a child.
fn unseen_children(replica: &Replica, reader: &str) -> Vec<(String, Option<String>)> {
    (replica.unseen_by_delete(&id(reader)).into_iter())
        .map(|u| (u.record.to_string(), u.child.map(ToString::to_string)))
        .collect()
}

#[test]
fn a_tick_on_an_item_of_a_session_deleted_meanwhile_is_told_to_whoever_ticked_it() {
    let (mut laptop, mut phone) = session_with_james_item();
    // Offline, James ticks his item while Amira deletes the session.
    let tick = james_ticks(&mut phone, "op-tick");
    let delete = amira_writes(
        &mut laptop,
        "laptop",
        "deleted",
        FieldValue::Bool(true),
        "tombstone-1",
    );
    let undone = laptop.winner("action", &id("a-1"), "done").unwrap();
    assert!(
        delete.saw(undone),
        "the delete lists what it saw of its items: {delete:?}"
    );
    phone.apply(delete, Millis(6_000));
    laptop.apply(tick, Millis(6_000));
    for replica in [&phone, &laptop] {
        assert_eq!(
            unseen_children(replica, "james"),
            vec![("s-1".to_owned(), Some("a-1".to_owned()))]
        );
        assert!(unseen(replica, "amira").is_empty(), "she ticked nothing");
    }
}

#[test]
fn a_tick_the_sessions_delete_had_seen_is_not_told() {
    let (mut laptop, mut phone) = session_with_james_item();
    let tick = james_ticks(&mut phone, "op-tick");
    laptop.apply(tick, Millis(5_000));
    let delete = amira_writes(
        &mut laptop,
        "laptop",
        "deleted",
        FieldValue::Bool(true),
        "tombstone-1",
    );
    phone.apply(delete, Millis(6_000));
    for replica in [&phone, &laptop] {
        assert!(replica.record("session", &id("s-1")).is_none());
        assert!(unseen_children(replica, "james").is_empty());
    }
}

#[test]
fn a_restored_compaction_tells_the_same_unseen_edits() {
    let (mut phone, mut laptop) = session_on_two_devices();
    let edit = amira_writes(
        &mut phone,
        "phone",
        "grow-goal",
        FieldValue::Text("Lead a region".into()),
        "op-edit",
    );
    let delete = amira_writes(
        &mut laptop,
        "laptop",
        "deleted",
        FieldValue::Bool(true),
        "tombstone-1",
    );
    phone.apply(delete, Millis(6_000));
    laptop.apply(edit, Millis(6_000));
    let restored = Replica::restore(phone.compact(), Millis(6_000));
    assert_eq!(unseen(&restored, "amira"), unseen(&phone, "amira"));
    assert!(!unseen(&restored, "amira").is_empty());
}

#[test]
fn an_op_cannot_hide_another_fields_values() {
    let mut replica = Replica::new();
    let (amira, record) = (id("amira"), id("g-1"));
    let title = replica.write(
        &amira,
        &id("a"),
        "goal",
        &record,
        "title",
        FieldValue::Text("kept".into()),
        Millis(1),
        id("op-1"),
    );
    let mut hostile = Replica::new();
    let mut sneaky = hostile.write(
        &amira,
        &id("b"),
        "goal",
        &record,
        "aspiration",
        FieldValue::Text("x".into()),
        Millis(2),
        id("op-2"),
    );
    sneaky.supersedes.push(title.id.clone());
    let mut other_order = Replica::new();
    other_order.apply(sneaky.clone(), Millis(2));
    other_order.apply(title, Millis(2));
    replica.apply(sneaky, Millis(2));
    for r in [&replica, &other_order] {
        assert_eq!(
            r.record("goal", &record).unwrap()["title"],
            FieldValue::Text("kept".into())
        );
    }
}

/// A session of 14 fields with 9 action items of 6 fields each (more values than an op may
/// list ids of), written by Amira on her laptop, held by her phone and James's phone, and the
/// first item ticked by James long before.
fn big_session() -> (Replica, Replica, Replica) {
    let (mut laptop, mut phone, mut jphone) = (Replica::new(), Replica::new(), Replica::new());
    let mut ops = Vec::new();
    for n in 0..14 {
        let field = format!("field-{n}");
        let value = FieldValue::Text(format!("value {n}"));
        ops.push(("session".to_owned(), "s-1".to_owned(), field, value));
    }
    for item in 0..9 {
        for (field, value) in [
            ("session", FieldValue::Text("s-1".into())),
            ("owner", FieldValue::Text("amira".into())),
            ("text", FieldValue::Text(format!("Step {item}"))),
            ("done", FieldValue::Bool(false)),
            ("due", FieldValue::Int(item)),
            ("order", FieldValue::Int(item)),
        ] {
            let (record, field) = (format!("a-{item}"), field.to_owned());
            ops.push(("action".to_owned(), record, field, value));
        }
    }
    for (n, (entity, record, field, value)) in ops.into_iter().enumerate() {
        let op = laptop.write(
            &id("amira"),
            &id("laptop"),
            &entity,
            &id(&record),
            &field,
            value,
            Millis(1_000),
            id(&format!("op-{n}")),
        );
        phone.apply(op.clone(), Millis(1_000));
        jphone.apply(op, Millis(1_000));
    }
    let tick = jphone.write(
        &id("james"),
        &id("jphone"),
        "action",
        &id("a-0"),
        "done",
        FieldValue::Bool(true),
        Millis(2_000),
        id("op-tick"),
    );
    laptop.apply(tick.clone(), Millis(2_000));
    phone.apply(tick, Millis(2_000));
    (laptop, phone, jphone)
}

fn delete_big_session(replica: &mut Replica, device: &str, op: &str) -> Op {
    let delete = replica.write(
        &id("amira"),
        &id(device),
        "session",
        &id("s-1"),
        "deleted",
        FieldValue::Bool(true),
        Millis(5_000),
        id(op),
    );
    assert_eq!(mentoring_core::merge::validate(&delete), Ok(()));
    delete
}

#[test]
fn a_delete_of_a_session_with_many_action_items_tells_nothing_it_had_seen() {
    let (mut laptop, _, mut jphone) = big_session();
    let delete = delete_big_session(&mut laptop, "laptop", "tombstone-1");
    jphone.apply(delete, Millis(6_000));
    for replica in [&laptop, &jphone] {
        assert!(replica.record("session", &id("s-1")).is_none());
        assert!(
            unseen(replica, "amira").is_empty(),
            "her own items were seen"
        );
        assert!(unseen(replica, "james").is_empty(), "his old tick was seen");
    }
}

#[test]
fn leaving_a_session_with_many_action_items_deleted_tells_it_no_more() {
    let (mut laptop, mut phone, mut jphone) = big_session();
    // Offline, Amira's phone rewrites her last item while her laptop deletes the session.
    let edit = phone.write(
        &id("amira"),
        &id("phone"),
        "action",
        &id("a-8"),
        "text",
        FieldValue::Text("Step 8, rewritten".into()),
        Millis(5_000),
        id("op-edit"),
    );
    let delete = delete_big_session(&mut laptop, "laptop", "tombstone-1");
    for replica in [&mut phone, &mut jphone] {
        replica.apply(delete.clone(), Millis(6_000));
    }
    laptop.apply(edit.clone(), Millis(6_000));
    jphone.apply(edit, Millis(6_000));
    for replica in [&laptop, &phone, &jphone] {
        assert_eq!(
            unseen_children(replica, "amira"),
            vec![("s-1".to_owned(), Some("a-8".to_owned()))]
        );
        assert!(unseen(replica, "james").is_empty());
    }
    // "Leave deleted" on her phone.
    let again = delete_big_session(&mut phone, "phone", "tombstone-2");
    laptop.apply(again.clone(), Millis(7_000));
    jphone.apply(again, Millis(7_000));
    for replica in [&laptop, &phone, &jphone] {
        assert!(unseen(replica, "amira").is_empty(), "left deleted");
        assert!(unseen(replica, "james").is_empty());
        assert!(replica.record("session", &id("s-1")).is_none());
    }
}

#[test]
fn a_tombstone_stored_with_the_ids_it_saw_still_tells_what_it_had_not_seen() {
    // The form written before high-water marks: the ids of the values seen, nothing else.
    let (mut phone, mut laptop) = session_on_two_devices();
    let edit = amira_writes(
        &mut phone,
        "phone",
        "grow-goal",
        FieldValue::Text("Lead a region".into()),
        "op-edit",
    );
    let stored = Op {
        id: id("tombstone-old"),
        actor: id("amira"),
        device: id("laptop"),
        hlc: Hlc {
            wall: 5_000,
            counter: 0,
        },
        entity: "session".into(),
        record: id("s-1"),
        field: "deleted".into(),
        value: FieldValue::Bool(true),
        supersedes: vec![id("op-0"), id("op-1")],
    };
    assert_eq!(mentoring_core::merge::validate(&stored), Ok(()));
    laptop.apply(stored.clone(), Millis(6_000));
    laptop.apply(edit, Millis(6_000));
    phone.apply(stored, Millis(6_000));
    for replica in [&phone, &laptop] {
        assert!(replica.record("session", &id("s-1")).is_none());
        assert_eq!(
            unseen(replica, "amira"),
            vec![("s-1".to_owned(), vec!["op-edit".to_owned()])]
        );
        let restored = Replica::restore(replica.compact(), Millis(6_000));
        assert_eq!(unseen(&restored, "amira"), unseen(replica, "amira"));
    }
    // A value it listed is seen, as before: only the edit is told, not the first GROW goal.
    let laptop_only = {
        let (_, mut laptop) = session_on_two_devices();
        let stored_again = phone
            .winner("session", &id("s-1"), "deleted")
            .unwrap()
            .clone();
        laptop.apply(stored_again, Millis(6_000));
        laptop
    };
    assert!(unseen(&laptop_only, "amira").is_empty());
}

/// The sessions a replica shows, with their action items, as a screen gets them.
fn sessions_shown(replica: &Replica) -> Vec<mentoring_core::Session> {
    let records = replica.records();
    let projection = mentoring_core::projection::changes_from(
        records.iter().map(|(e, id, f)| (e.as_str(), id, f)),
    );
    assert!(
        projection.unreadable.is_empty(),
        "{:?}",
        projection.unreadable
    );
    projection
        .changes
        .into_iter()
        .filter_map(|c| match c {
            mentoring_core::Change::Session(s) => Some(s),
            _ => None,
        })
        .collect()
}

#[test]
fn a_deleted_session_goes_with_its_action_items_and_an_undo_brings_both_back_on_every_replica() {
    use mentoring_core::projection::{diff, Edit};
    use mentoring_core::session::{ActionItem, Grow, Place};
    use mentoring_core::{Change, Date, Session};

    let (sofia, device, record) = (id("sofia"), id("dev-a"), id("session-1"));
    let session = Session {
        id: record.clone(),
        relationship: id("rel"),
        author: sofia.clone(),
        partner: Some(id("amira")),
        at: Millis(1_795_000_000_000),
        time_zone: "Europe/London".into(),
        minutes: 60,
        place: Place::Online,
        grow: Grow::default(),
        skills: Default::default(),
        actions: vec![ActionItem {
            id: id("action-1"),
            text: "Draft the pitch".into(),
            owner: id("amira"),
            due: Date(20_800),
            done: false,
        }],
        goals: vec![],
    };
    let mut author = Replica::new();
    let mut minted = 0;
    let mut write = |replica: &mut Replica,
                     field: &str,
                     value: FieldValue,
                     at: i64,
                     entity: &str,
                     on: &RecordId| {
        minted += 1;
        let op_id = id(&format!("op-{minted}"));
        replica.write(&sofia, &device, entity, on, field, value, Millis(at), op_id)
    };
    let mut logged = Vec::new();
    for edit in diff(None, &Change::Session(session.clone())) {
        let Edit::Set {
            entity,
            record,
            field,
            value,
        } = edit
        else {
            panic!("a new session only sets fields");
        };
        logged.push(write(
            &mut author,
            &field,
            value,
            1_795_000_000_000,
            entity,
            &record,
        ));
    }
    let delete = write(
        &mut author,
        "deleted",
        FieldValue::Bool(true),
        1_795_000_001_000,
        "session",
        &record,
    );
    assert!(
        sessions_shown(&author).is_empty(),
        "gone, its action item with it"
    );
    assert!(
        author.record("action", &id("action-1")).is_some(),
        "the item itself is kept, to come back with its session"
    );
    let undo = write(
        &mut author,
        "deleted",
        FieldValue::Bool(false),
        1_795_000_002_000,
        "session",
        &record,
    );
    assert_eq!(sessions_shown(&author), vec![session.clone()]);

    // Another replica receives the delete and the undo in either order, or only the delete.
    for ops in [
        vec![delete.clone(), undo.clone()],
        vec![undo.clone(), delete.clone()],
    ] {
        let mut other = Replica::new();
        other.apply_all(logged.iter().cloned().chain(ops), Millis(1_795_000_003_000));
        assert_eq!(
            sessions_shown(&other),
            vec![session.clone()],
            "the later undo wins"
        );
    }
    let mut behind = Replica::new();
    behind.apply_all(
        logged.iter().cloned().chain([delete]),
        Millis(1_795_000_003_000),
    );
    assert!(sessions_shown(&behind).is_empty());
    behind.apply(undo, Millis(1_795_000_003_000));
    assert_eq!(sessions_shown(&behind), vec![session]);
}

/// A host restored from an older backup lost changes it had acknowledged: what the person's
/// device sends again brings the host's copy back to what the device shows, with no conflict
/// the device does not show, and nothing of anyone else's, nothing refused, nothing twice.
#[test]
fn what_a_restored_host_lost_of_a_persons_changes_is_sent_again_whole_and_in_order() {
    let (amira, james, phone) = (id("amira"), id("james"), id("phone"));
    let goal = id("g-1");
    let mut device = Replica::new();
    let write =
        |device: &mut Replica, actor: &RecordId, field: &str, text: &str, at: i64, op: &str| {
            device.write(
                actor,
                &phone,
                "goal",
                &goal,
                field,
                FieldValue::Text(text.into()),
                Millis(1_795_000_000_000 + at),
                id(op),
            )
        };
    // The host's backup holds the first title; the two that replaced it came after.
    let first = write(&mut device, &amira, "title", "Pitch", 1, "op-1");
    let second = write(&mut device, &amira, "title", "Pitch well", 2, "op-2");
    let third = write(
        &mut device,
        &amira,
        "title",
        "Pitch to the board",
        3,
        "op-3",
    );
    let theirs = write(&mut device, &james, "aspiration", "Lead", 4, "op-4");
    let refused = write(&mut device, &amira, "aspiration", "Lead a team", 5, "op-5");
    // What the host wrote in her name (a session's partner) and a stand-in: never pushed.
    let by_host = Op {
        id: id("portal-partner-1"),
        device: id("portal"),
        ..third.clone()
    };
    let stand_in = Op {
        id: id("withheld-op-9"),
        ..third.clone()
    };
    let stored: Vec<Op> = vec![
        by_host,
        stand_in,
        third.clone(),
        first.clone(),
        second.clone(),
        theirs.clone(),
        refused.clone(),
        second.clone(),
    ];
    let brought = |op: &RecordId| op == &first.id || op == &theirs.id;
    let is_refused = |op: &RecordId| op == &refused.id;
    let lost = lost_by_host(&stored, &amira, &brought, &is_refused);
    let ids: Vec<&str> = lost.iter().map(|op| op.id.as_str()).collect();
    assert_eq!(
        ids,
        ["op-2", "op-3"],
        "hers the host lacks, oldest first, once"
    );

    // The restored host, given them, shows what the device shows: the replaced titles do not
    // come back as a conflict with the one standing.
    let mut host = Replica::new();
    host.apply_all([first.clone(), theirs.clone()], Millis(1_795_000_010_000));
    host.apply_all(lost.into_iter().cloned(), Millis(1_795_000_010_000));
    let title = |replica: &Replica| -> Vec<String> {
        let shown = replica.conflicts("goal", &goal, "title");
        shown.iter().map(|op| op.id.as_str().to_owned()).collect()
    };
    assert!(
        title(&host).is_empty(),
        "one value, no conflict: {:?}",
        title(&host)
    );
    // Sending only what stands would not do: the first title, never replaced on the host,
    // would stand beside it.
    let mut heads_only = Replica::new();
    heads_only.apply_all(
        [first.clone(), theirs.clone(), third],
        Millis(1_795_000_010_000),
    );
    assert_eq!(title(&heads_only), ["op-1"]);
    assert!(lost_by_host(&stored, &james, &brought, &is_refused).is_empty());
}
