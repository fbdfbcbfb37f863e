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
