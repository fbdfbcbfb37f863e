//! Edge cases of the merge model (`mentoring_core::merge`) found by review: malformed ops from
//! elsewhere, the clock's text form and the end of its range.

use mentoring_core::merge::{validate, Hlc, HlcClock, Op, Replica};
use mentoring_core::projection::FieldValue;
use mentoring_core::{Millis, RecordId};

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

fn title_op(replica: &mut Replica, op: &str, value: &str) -> Op {
    replica.draft(
        &id("amira"),
        &id("phone"),
        "goal",
        &id("g-1"),
        "title",
        FieldValue::Text(value.into()),
        Millis(1_000),
        id(op),
    )
}

#[test]
fn an_op_naming_itself_in_supersedes_is_refused_or_still_shown() {
    let mut replica = Replica::new();
    let mut op = title_op(&mut replica, "op-1", "Run a workshop");
    op.supersedes.push(op.id.clone());
    let refusal = validate(&op).unwrap_err();
    assert!(refusal.contains("supersede itself"), "{refusal}");
    // Merged anyway (storage written by something else), its value still shows.
    replica.apply(op, Millis(1_000));
    assert!(
        replica.winner("goal", &id("g-1"), "title").is_some(),
        "the only value of the field was silently hidden"
    );
}

#[test]
fn a_tombstone_must_be_true_or_false() {
    let mut op = title_op(&mut Replica::new(), "op-2", "x");
    op.field = "deleted".into();
    assert!(validate(&op).unwrap_err().contains("true or false"));
    op.value = FieldValue::Bool(true);
    assert_eq!(validate(&op), Ok(()));
}

#[test]
fn a_clock_reading_has_exactly_one_text_form() {
    assert!(Hlc::decode("+795000000000-00003").is_err());
    assert!(Hlc::decode("1795000000000-+0003").is_err());
}

#[test]
fn the_clock_never_goes_backwards_even_at_the_end_of_its_range() {
    let mut clock = HlcClock::default();
    let mut last = clock.tick(Millis(9_999_999_999_999));
    for _ in 0..100_001 {
        let next = clock.tick(Millis(9_999_999_999_999));
        assert!(next >= last, "{last} then {next}");
        last = next;
    }
}

#[test]
fn another_op_under_a_known_id_is_found_and_a_true_copy_is_not() {
    let mut replica = Replica::new();
    let first = title_op(&mut replica, "op-1", "Run a workshop");
    replica.apply(first.clone(), Millis(1_000));
    let second = title_op(&mut replica, "op-2", "Run two workshops");
    replica.apply(second.clone(), Millis(1_000));

    // True copies, relayed again: nothing to report.
    assert_eq!(replica.reused_id(&[first.clone(), second.clone()]), None);
    // Another value under a known id, in the same field or another one.
    let other_value = Op {
        value: FieldValue::Text("Cancel the workshop".into()),
        ..second.clone()
    };
    let other_field = Op {
        field: "aspiration".into(),
        ..first.clone()
    };
    let fresh = title_op(&mut replica, "op-3", "Fresh");
    assert_eq!(
        replica.reused_id(&[fresh.clone(), other_value.clone()]),
        Some(&second.id)
    );
    assert_eq!(replica.reused_id(&[other_field]), Some(&first.id));
    // Two different ops under one new id in one batch.
    let twin = Op {
        value: FieldValue::Text("Stale".into()),
        ..fresh.clone()
    };
    assert_eq!(replica.reused_id(&[fresh.clone(), fresh.clone()]), None);
    assert_eq!(replica.reused_id(&[fresh.clone(), twin]), Some(&fresh.id));

    // After a compaction, a head is still compared; the superseded op is an id alone.
    let restored = Replica::restore(replica.compact(), Millis(1_000));
    assert_eq!(restored.reused_id(&[other_value]), Some(&second.id));
    let compacted_away = Op {
        value: FieldValue::Text("Changed after the fact".into()),
        ..first
    };
    assert_eq!(restored.reused_id(&[compacted_away]), None);
}

#[test]
fn a_record_held_only_by_a_later_edit_is_awaited_and_named_by_what_cannot_be_read() {
    use mentoring_core::projection::changes_from;
    // A private note written on a session, then changed: a device that kept only the change
    // (its unsent edit, at a sign-out) holds the note in part.
    let mut full = Replica::new();
    let note = id("note-1");
    for (n, (field, value)) in [("owner", "amira"), ("session", "s-1"), ("text", "First")]
        .into_iter()
        .enumerate()
    {
        let op = full.draft(
            &id("amira"),
            &id("phone"),
            "private-note",
            &note,
            field,
            FieldValue::Text(value.into()),
            Millis(1_000),
            id(&format!("op-{n}")),
        );
        full.apply(op, Millis(1_000));
    }
    let edit = full.draft(
        &id("amira"),
        &id("phone"),
        "private-note",
        &note,
        "text",
        FieldValue::Text("Second".into()),
        Millis(2_000),
        id("op-edit"),
    );
    full.apply(edit.clone(), Millis(2_000));
    assert!(full.awaited_records().is_empty(), "all of it is held");
    let compacted = Replica::restore(full.compact(), Millis(3_000));
    assert!(
        compacted.awaited_records().is_empty(),
        "ops compacted away are known, not awaited"
    );

    let mut kept = Replica::new();
    kept.apply(edit, Millis(2_000));
    let awaited = kept.awaited_records();
    assert!(awaited.contains(&("private-note", &note)), "{awaited:?}");
    let records = kept.records();
    let projection = changes_from(records.iter().map(|(e, r, f)| (e.as_str(), r, f)));
    assert!(projection.changes.is_empty());
    assert_eq!(projection.unreadable.len(), 1);
    assert_eq!(
        projection.unreadable[0].record.as_deref(),
        Some(&("private-note".to_owned(), note.clone()))
    );
}
