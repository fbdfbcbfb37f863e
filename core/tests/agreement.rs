//! Both of a pair agree to their agreement: each for themselves, to the text as it stands,
//! stale (not lost) once the text changes, merged without conflict across devices.

use mentoring_core::merge::Replica;
use mentoring_core::projection::{changes_from, diff, Edit};
use mentoring_core::relationship::{
    agreed_field, agreement_version, change_by_party, check_agreed_field, Agreed, PartyChange, Side,
};
use mentoring_core::reminders::{reminders, Reminder};
use mentoring_core::*;

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

fn pair() -> Relationship {
    Relationship {
        id: id("rel"),
        kind: RelationshipKind::Mentoring,
        programme: id("prog"),
        mentor: id("james"),
        mentee: id("amira"),
        purpose: "Lead a region".into(),
        ground_rules: "Fortnightly".into(),
        starts: Date(0),
        planned_end: Date(365),
        lifecycle: Lifecycle::Active,
        target_role: None,
        agreed: Default::default(),
    }
}

fn agree(r: &Relationship, by: &str, at: i64) -> Relationship {
    change_by_party(r, &id(by), PartyChange::Agree { at: Millis(at) }).unwrap()
}

fn edit(r: &Relationship, by: &str, purpose: &str) -> Relationship {
    let change = PartyChange::Agreement {
        purpose: purpose.into(),
        ground_rules: r.ground_rules.clone(),
    };
    change_by_party(r, &id(by), change).unwrap()
}

#[test]
fn each_of_the_pair_agrees_for_themselves_and_nobody_else_does() {
    let r = agree(&pair(), "james", 5);
    let mentor = r.agreed.mentor.as_ref().expect("james agreed");
    assert_eq!(
        (&mentor.by, mentor.at, &mentor.version),
        (
            &id("james"),
            Millis(5),
            &agreement_version("Lead a region", "Fortnightly")
        )
    );
    assert_eq!(r.agreed.mentee, None, "amira has not");
    assert_eq!(r.agreement_of(Side::Mentor).map(|(_, now)| now), Some(true));
    let refused = |by: &str, r: &Relationship| {
        change_by_party(r, &id(by), PartyChange::Agree { at: Millis(6) })
            .unwrap_err()
            .rule
    };
    assert_eq!(refused("hr-admin", &r), Rule::NotPermitted);
    let over = Relationship {
        lifecycle: Lifecycle::Completed,
        ..pair()
    };
    assert_eq!(refused("amira", &over), Rule::RelationshipOver);
    // Asked of the one who has not agreed, while the pairing goes on and something is written.
    assert!(r.awaits_agreement_of(&id("amira")));
    assert!(!r.awaits_agreement_of(&id("james")), "agreed already");
    assert!(!r.awaits_agreement_of(&id("hr-admin")));
    assert!(!over.awaits_agreement_of(&id("amira")));
    let unwritten = Relationship {
        purpose: String::new(),
        ground_rules: String::new(),
        ..pair()
    };
    assert!(!unwritten.awaits_agreement_of(&id("amira")));
    let edited = Relationship {
        purpose: "Lead two regions".into(),
        ..r.clone()
    };
    assert!(
        edited.awaits_agreement_of(&id("james")),
        "agreed to an earlier text"
    );

    // The host's check of an op: a side's field, by whoever is on it, in their own name.
    let stored = |by: &str| {
        Agreed {
            by: id(by),
            at: Millis(7),
            version: "0123456789abcdef".into(),
        }
        .stored()
    };
    let mentee_field = agreed_field(Side::Mentee);
    let ok = |field: &str, value: &str, by: &str| {
        check_agreed_field(&r, field, Some(value), &id(by)).map_err(|e| e.rule)
    };
    assert_eq!(ok(mentee_field, &stored("amira"), "amira"), Ok(()));
    for (value, by) in [
        (stored("amira"), "james"),       // the partner, for her
        (stored("james"), "james"),       // the partner, on her side
        (stored("hr-admin"), "hr-admin"), // an admin of the programme
        (stored("james"), "amira"),       // her own side, naming someone else
        ("amira soon".to_owned(), "amira"),
    ] {
        assert_eq!(
            ok(mentee_field, &value, by),
            Err(Rule::AgreedForOther),
            "{value} by {by}"
        );
    }
    assert_eq!(
        check_agreed_field(&r, mentee_field, None, &id("amira")).map_err(|e| e.rule),
        Err(Rule::AgreedForOther),
        "an agreement is not taken back by emptying it"
    );
    assert_eq!(
        ok("purpose", "anything", "james"),
        Ok(()),
        "other fields are not its"
    );
}

#[test]
fn an_edit_makes_an_agreement_stale_without_losing_when_it_was_given() {
    let agreed = agree(&agree(&pair(), "james", 5), "amira", 9);
    let changed = edit(&agreed, "amira", "Lead a region, then a division");
    for side in [Side::Mentor, Side::Mentee] {
        let (a, now) = changed.agreement_of(side).expect("kept");
        assert!(!now, "{side:?}'s agreement is to the text before");
        assert!(a.at == Millis(5) || a.at == Millis(9));
    }
    // Agreeing again agrees to the text as it is now.
    let again = agree(&changed, "amira", 12);
    assert_eq!(
        again.agreement_of(Side::Mentee).map(|(a, now)| (a.at, now)),
        Some((Millis(12), true))
    );
    // Put back as it was, what each agreed to stands again.
    let back = edit(&changed, "james", "Lead a region");
    assert_eq!(
        back.agreement_of(Side::Mentor).map(|(_, now)| now),
        Some(true)
    );
    // Someone put in Amira's place has agreed to nothing: hers is not theirs.
    let repaired = Relationship {
        mentee: id("layla"),
        ..agreed
    };
    assert_eq!(repaired.agreement_of(Side::Mentee), None);
    assert!(repaired.agreement_of(Side::Mentor).is_some());
}

/// A device holding a replica, writing a change as the widget does (the diff's fields).
struct Device {
    replica: Replica,
    name: &'static str,
    n: i64,
}

impl Device {
    fn write(&mut self, before: &Relationship, after: &Relationship) {
        let edits = diff(
            Some(&Change::Relationship(before.clone())),
            &Change::Relationship(after.clone()),
        );
        for edit in edits {
            let Edit::Set {
                entity,
                record,
                field,
                value,
            } = edit
            else {
                panic!("no delete here");
            };
            self.n += 1;
            self.replica.write(
                &id(self.name),
                &id(&format!("dev-{}", self.name)),
                entity,
                &record,
                &field,
                value,
                Millis(1_000 + self.n),
                id(&format!("{}-{}", self.name, self.n)),
            );
        }
    }

    fn relationship(&self) -> Relationship {
        let records = self.replica.records();
        let projection = changes_from((records.iter()).map(|(e, i, f)| (e.as_str(), i, f)));
        match &projection.changes[..] {
            [Change::Relationship(r)] => r.clone(),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn an_edit_and_two_agreements_made_at_once_merge_alike_on_two_devices() {
    let mut amira = Device {
        replica: Replica::new(),
        name: "amira",
        n: 0,
    };
    the_admins_make_the_pair(&mut amira);
    let mut james = Device {
        replica: Replica::new(),
        name: "james",
        n: 0,
    };
    for op in amira.replica.ops() {
        james.replica.apply(op.clone(), Millis(1_000));
    }
    let start = amira.relationship();
    assert_eq!(james.relationship(), start);
    // Offline, each agrees; then Amira changes the purpose, after agreeing.
    let agreed = agree(&start, "amira", 20);
    amira.write(&start, &agreed);
    let changed = edit(&agreed, "amira", "Lead a division");
    amira.write(&agreed, &changed);
    james.write(&start, &agree(&start, "james", 21));
    // They sync.
    let (from_amira, from_james): (Vec<_>, Vec<_>) = (
        amira.replica.ops().into_iter().cloned().collect(),
        james.replica.ops().into_iter().cloned().collect(),
    );
    for op in from_james {
        amira.replica.apply(op, Millis(2_000));
    }
    for op in from_amira {
        james.replica.apply(op, Millis(2_000));
    }
    let (a, j) = (amira.relationship(), james.relationship());
    assert_eq!(a, j, "both devices hold the same");
    assert!(
        amira.replica.all_conflicts().is_empty(),
        "an agreement conflicts with nothing"
    );
    assert_eq!(a.purpose, "Lead a division");
    // Both agreed to the text before Amira's change: neither stands for it, both are kept.
    let said = |side| a.agreement_of(side).map(|(x, now)| (x.at, now));
    assert_eq!(said(Side::Mentor), Some((Millis(21), false)));
    assert_eq!(said(Side::Mentee), Some((Millis(20), false)));
}

/// The relationship as its admins made it and Amira wrote its agreement, on her device.
fn the_admins_make_the_pair(device: &mut Device) {
    let empty = Relationship {
        purpose: String::new(),
        ground_rules: String::new(),
        ..pair()
    };
    let records = mentoring_core::projection::records_of(&Change::Relationship(empty.clone()));
    for record in records {
        for (field, value) in record.fields {
            device.n += 1;
            device.replica.write(
                &id("hr-admin"),
                &id("dev-admin"),
                record.entity,
                &record.id,
                &field,
                value,
                Millis(100 + device.n),
                id(&format!("admin-{}", device.n)),
            );
        }
    }
    device.write(&empty, &pair());
}

#[test]
fn one_reminder_per_pair_for_whoever_has_not_agreed_to_the_text_as_it_stands() {
    let day_of = |at: Millis| Date((at.0 / 86_400_000) as i32);
    let remind = |me: &str, r: &Relationship| -> Vec<Reminder> {
        reminders(
            &id(me),
            std::slice::from_ref(r),
            &[],
            &[],
            &[],
            &[],
            &[],
            Millis(10 * 86_400_000),
            &day_of,
            &[],
        )
        .into_iter()
        .filter(|r| matches!(r, Reminder::Agreement { .. }))
        .collect()
    };
    let day = 86_400_000;
    assert!(
        remind("amira", &pair()).is_empty(),
        "nobody agreed: nothing waits on her"
    );
    let james_agreed = agree(&pair(), "james", 3 * day);
    assert_eq!(
        remind("amira", &james_agreed),
        [Reminder::Agreement {
            relationship: id("rel"),
            partner: id("james"),
            on: Date(3),
            changed: false,
        }]
    );
    assert!(
        remind("james", &james_agreed).is_empty(),
        "he waits; nothing to do"
    );
    // Both agreed: nothing. Then James changes it: Amira is asked to agree again, once.
    let both = agree(&james_agreed, "amira", 4 * day);
    assert!(remind("amira", &both).is_empty());
    let changed = edit(&both, "james", "Lead a division");
    assert_eq!(
        remind("amira", &changed),
        [Reminder::Agreement {
            relationship: id("rel"),
            partner: id("james"),
            on: Date(4),
            changed: true,
        }],
        "one reminder, for the change"
    );
    let over = Relationship {
        lifecycle: Lifecycle::Completed,
        ..james_agreed
    };
    assert!(
        remind("amira", &over).is_empty(),
        "nothing is agreed once over"
    );
    assert_eq!(
        remind("james", &changed).len(),
        1,
        "his own agreement is to the text before"
    );
}

#[test]
fn my_data_carries_my_own_agreement_and_not_my_partners() {
    use mentoring_core::export::{personal_csv, personal_json};
    let both = agree(
        &agree(&pair(), "james", 1_795_000_000_000),
        "amira",
        1_796_000_000_000,
    );
    let changes = [Change::Relationship(both)];
    let reading = mentoring_core::export::Reading {
        name_of: &|_| None,
        programme_name: &|_| None,
        offset_minutes_at: &|_| 60,
        ended_at: &|_| None,
    };
    let json = personal_json(&id("amira"), &changes, &[], &reading, Millis(0));
    let version = agreement_version("Lead a region", "Fortnightly");
    assert!(
        json.contains(&format!(
            "\"mentee-agreed\":{{\"by\":\"amira\",\"at\":\"2026-11-30T00:53:20Z\",\"version\":\"{version}\"}}"
        )),
        "{json}"
    );
    assert!(!json.contains("mentor-agreed"), "James's is his: {json}");
    let csv = personal_csv(&id("amira"), &changes, &[], &reading);
    assert!(
        csv.contains(&format!(
            "mentee-agreed,\"2026-11-30 01:53 +01:00, version {version}\""
        )),
        "{csv}"
    );
    assert!(!csv.contains("mentor-agreed"), "{csv}");
}
