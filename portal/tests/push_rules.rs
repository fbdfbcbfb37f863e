//! The portal holds what devices push to the domain's rules: an op that would leave a record
//! breaking one is refused with the rule's message, stores nothing and reaches nobody, and the
//! rest of its batch still lands.

mod common;

use common::{Api, OpWriter};

use portal::{demo, router, Db, Portal};
use serde_json::{json, Value};

struct Host {
    api: Api,
    db: Db,
    ops: OpWriter,
}

impl Host {
    /// A portal over the demo programme, plus any `extra` ops stored before it starts.
    fn demo(extra: &[Value]) -> Host {
        let db = Db::in_memory().unwrap();
        demo::seed(&db).unwrap();
        for op in extra {
            let (id, entity, record) = (&op["id"], &op["entity"], &op["record"]);
            db.store_op(
                id.as_str().unwrap(),
                entity.as_str().unwrap(),
                record.as_str().unwrap(),
                &op.to_string(),
            )
            .unwrap();
        }
        let portal = Portal::new(db.clone(), env!("CARGO_MANIFEST_DIR").into()).unwrap();
        Host {
            api: Api(router(portal)),
            db,
            // Op ids and clocks follow on from the extra ops'.
            ops: OpWriter::new(1 + extra.len() as u64, 1_800_000_000_000),
        }
    }

    async fn push(&self, person: &str, ops: Vec<Value>) -> Value {
        self.api.push(person, ops).await
    }

    async fn pull(&self, person: &str) -> Vec<Value> {
        let reply = self.api.pull(person, "0").await;
        reply["ops"].as_array().unwrap().clone()
    }

    fn stored_op_count(&self) -> usize {
        self.db.all_ops().unwrap().len()
    }
}

/// The day of the ops `Host::ops` writes (their clock: 15 January 2027, 08:00 UTC).
const OPS_DAY: &str = "2027-01-15";

/// A proposal started as the admins' device writes it: active, dated the day it is started.
fn start_ops(ops: &OpWriter, who: &str, rel: &str, on: &str) -> Vec<Value> {
    vec![
        ops.op(who, "relationship", rel, "lifecycle", json!("active")),
        ops.op(who, "relationship", rel, "starts", json!(on)),
    ]
}

fn coaching_goal(objective: Value) -> Value {
    json!({
        "owner": "amira", "relationship": "rel-amira-sofia", "title": "Open a Riyadh office",
        "measure-what": null, "measure-baseline": null, "measure-target": null,
        "measure-current": null, "due": "2027-03-31", "objective": objective,
        "aspiration": "Lead a new market", "progress": 0, "status": "on-track", "history": [],
        "created-at": 1, "updated-at": 1,
    })
}

fn feedback(strengths: Value, development_areas: Value) -> Value {
    json!({
        "giver": "amira", "receiver": "james", "relationship": "rel-amira-james",
        "session": null, "strengths": strengths, "development-areas": development_areas,
        "ratings": [], "overall": "", "visibility": "pair", "given-at": 1,
    })
}

fn codes(reply: &Value) -> Vec<String> {
    reply["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_op_breaking_a_rule_is_refused_with_the_rules_message_and_stores_nothing() {
    let host = Host::demo(&[]);
    let seeded = host.stored_op_count();
    let one = |actor: &str, entity: &str, record: &str, field: &str, value: Value| {
        vec![host.ops.op(actor, entity, record, field, value)]
    };
    // (who pushes, the ops, what the refusal's message must say)
    let attempts: Vec<(&str, Vec<Value>, &str)> = vec![
        ("amira", one("amira", "goal", "goal-amira-board", "progress", json!(150)), "0 to 100"),
        ("amira", one("amira", "goal", "goal-amira-board", "progress", json!(-1)), "0 to 100"),
        ("amira", one("amira", "goal", "goal-amira-gulf", "title", json!("  ")), "title"),
        (
            "amira",
            host.ops.record("amira", "goal", "goal-unaligned", coaching_goal(Value::Null)),
            "organisational objectives",
        ),
        (
            "amira",
            host.ops.record("amira", "goal", "goal-foreign", coaching_goal(json!("obj-succession"))),
            "organisational objectives",
        ),
        (
            "amira",
            host.ops.record(
                "amira",
                "milestone",
                "ms-empty",
                json!({ "goal": "goal-amira-gulf", "position": 3, "title": "", "done-on": null }),
            ),
            "title",
        ),
        (
            "amira",
            host.ops.record("amira", "feedback", "fb-no-strength", feedback(json!([]), json!(["Rushes", "In October"]))),
            "strength",
        ),
        (
            "amira",
            host.ops.record("amira", "feedback", "fb-no-development", feedback(json!(["Listens", "Always"]), json!([]))),
            "development area",
        ),
        ("sofia", one("sofia", "action", "action-1", "due", json!("2026-10-01")), "due before the session"),
        ("sofia", one("sofia", "session", "session-amira-sofia-1", "minutes", json!(600)), "minutes"),
        (
            "hr-admin",
            one("hr-admin", "relationship", "rel-amira-james", "planned-end", json!("2026-08-01")),
            "must come after the start",
        ),
        ("james", one("james", "relationship", "rel-amira-james", "lifecycle", json!("proposed")), "cannot become"),
        ("hr-admin", one("hr-admin", "relationship", "rel-amira-james", "mentor", json!("fatima")), "more senior"),
        ("hr-admin", one("hr-admin", "relationship", "rel-amira-james", "mentor", json!("khalid")), "reporting line"),
        (
            "amira",
            host.ops.record(
                "amira",
                "learning",
                "learning-empty",
                json!({ "author": "amira", "relationship": "rel-amira-james", "text": " ", "shared": false, "written-at": 1 }),
            ),
            "what you learned",
        ),
    ];
    for (person, ops, says) in attempts {
        let reply = host.push(person, ops.clone()).await;
        assert!(
            reply["acknowledged"].as_array().unwrap().is_empty(),
            "{person}: {reply}"
        );
        assert_eq!(
            codes(&reply),
            vec!["invalid_record"; ops.len()],
            "{person}: {reply}"
        );
        for rejected in reply["rejected"].as_array().unwrap() {
            let message = rejected["message"].as_str().unwrap();
            assert!(
                message.contains(says),
                "{person}: {message:?} should say {says:?}"
            );
        }
    }
    assert_eq!(host.stored_op_count(), seeded, "nothing was stored");
    for person in ["amira", "sofia", "james", "hr-admin"] {
        for op in host.pull(person).await {
            assert_eq!(op["device"], "portal-seed", "{person} received {op}");
        }
    }
}

#[tokio::test]
async fn the_rest_of_the_batch_lands_and_each_record_is_judged_whole() {
    let host = Host::demo(&[]);
    let mut ops = vec![
        host.ops.op(
            "amira",
            "goal",
            "goal-amira-board",
            "status",
            json!("at-risk"),
        ),
        host.ops
            .op("amira", "goal", "goal-amira-gulf", "title", json!("")),
    ];
    let good_goal = host.ops.record(
        "amira",
        "goal",
        "goal-aligned",
        coaching_goal(json!("obj-retention")),
    );
    let bad_goal = host.ops.record(
        "amira",
        "goal",
        "goal-unaligned",
        coaching_goal(Value::Null),
    );
    ops.extend(good_goal.iter().cloned());
    ops.extend(bad_goal.iter().cloned());
    let reply = host.push("amira", ops).await;
    let acknowledged: Vec<&str> = reply["acknowledged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(acknowledged.len(), 1 + good_goal.len(), "{reply}");
    assert!(good_goal
        .iter()
        .all(|op| acknowledged.contains(&op["id"].as_str().unwrap())));
    assert_eq!(
        codes(&reply),
        vec!["invalid_record"; 1 + bad_goal.len()],
        "{reply}"
    );

    let sofia: Vec<String> = host
        .pull("sofia")
        .await
        .iter()
        .filter(|op| op["device"] == "dev-amira")
        .map(|op| {
            format!(
                "{}/{}",
                op["record"].as_str().unwrap(),
                op["field"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        sofia.contains(&"goal-aligned/objective".to_owned()),
        "{sofia:?}"
    );
    assert!(!sofia
        .iter()
        .any(|r| r.starts_with("goal-unaligned") || r.starts_with("goal-amira-gulf")));
}

#[tokio::test]
async fn another_persons_record_is_refused_as_forbidden_whatever_the_rule_says() {
    let host = Host::demo(&[]);
    for (person, op) in [
        (
            "james",
            host.ops
                .op("james", "goal", "goal-amira-gulf", "title", json!("")),
        ),
        (
            "james",
            host.ops
                .op("james", "milestone", "ms-gulf-3", "title", json!("")),
        ),
        (
            "sofia",
            host.ops
                .op("sofia", "goal", "goal-amira-board", "progress", json!(150)),
        ),
        (
            "james",
            host.ops.op(
                "james",
                "private-note",
                "note-amira-1",
                "text",
                json!("x".repeat(10_001)),
            ),
        ),
    ] {
        let reply = host.push(person, vec![op]).await;
        assert_eq!(codes(&reply), ["forbidden"], "{person}: {reply}");
    }
}

#[tokio::test]
async fn a_record_stored_before_it_broke_a_rule_can_still_be_mended() {
    // A coaching goal without an objective, stored before the portal checked rules.
    let seed = Host::demo(&[]);
    let legacy = seed
        .ops
        .record("amira", "goal", "goal-legacy", coaching_goal(Value::Null));
    let host = Host::demo(&legacy);
    let retitle = host.ops.op(
        "amira",
        "goal",
        "goal-legacy",
        "title",
        json!("Open a Jeddah office"),
    );
    let reply = host.push("amira", vec![retitle]).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    let align = host.ops.op(
        "amira",
        "goal",
        "goal-legacy",
        "objective",
        json!("obj-gulf-growth"),
    );
    assert!(codes(&host.push("amira", vec![align]).await).is_empty());
    // Once it keeps the rule, it is held to it.
    let unalign = host
        .ops
        .op("amira", "goal", "goal-legacy", "objective", Value::Null);
    assert_eq!(
        codes(&host.push("amira", vec![unalign]).await),
        ["invalid_record"]
    );
}

/// A goal's measure whose target is its baseline tells no progress: refused when set, but a goal
/// stored that way before the rule keeps taking its other changes.
#[tokio::test]
async fn a_measure_with_its_target_at_its_baseline_is_refused_only_when_set() {
    let measured = |target: i64| {
        let mut goal = coaching_goal(json!("obj-retention"));
        goal["measure-what"] = json!("open tickets");
        goal["measure-baseline"] = json!(4_000);
        goal["measure-target"] = json!(target);
        goal["measure-current"] = json!(2_500);
        goal
    };
    let seed = Host::demo(&[]);
    let legacy = seed
        .ops
        .record("amira", "goal", "goal-flat", measured(4_000));
    let host = Host::demo(&legacy);
    let changes = vec![
        host.ops.op(
            "amira",
            "goal",
            "goal-flat",
            "measure-current",
            json!(2_000),
        ),
        host.ops
            .op("amira", "goal", "goal-flat", "status", json!("at-risk")),
    ];
    let reply = host.push("amira", changes).await;
    assert!(codes(&reply).is_empty(), "{reply}");

    let fresh = host
        .ops
        .record("amira", "goal", "goal-new-flat", measured(4_000));
    let reply = host.push("amira", fresh.clone()).await;
    assert_eq!(
        codes(&reply),
        vec!["invalid_record"; fresh.len()],
        "{reply}"
    );
    assert!(
        messages(&reply)[0].contains("target is the same as the starting value (40)"),
        "{reply}"
    );
    let sloped = host
        .ops
        .record("amira", "goal", "goal-sloped", measured(1_000));
    assert!(codes(&host.push("amira", sloped).await).is_empty());
    let flatten = host.ops.op(
        "amira",
        "goal",
        "goal-sloped",
        "measure-target",
        json!(4_000),
    );
    assert_eq!(
        codes(&host.push("amira", vec![flatten]).await),
        ["invalid_record"]
    );
}

fn messages(reply: &Value) -> Vec<String> {
    reply["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_pair_agree_and_move_their_relationship_along_and_nobody_else_does() {
    let host = Host::demo(&[]);
    let rel = "rel-amira-james";
    let op =
        |who: &str, field: &str, value: Value| host.ops.op(who, "relationship", rel, field, value);
    // One of the pair writes their agreement and pauses; the other receives all of it.
    let written = vec![
        op("james", "purpose", json!("Ready for the board by June")),
        op(
            "james",
            "ground-rules",
            json!("Monthly; what we say stays between us"),
        ),
        op("james", "lifecycle", json!("paused")),
    ];
    let reply = host.push("james", written.clone()).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    let received = host.pull("amira").await;
    for sent in &written {
        assert!(received.contains(sent), "amira lacks {sent}");
    }

    // Someone outside the pair may not, however right the change.
    let outsider = host
        .push("sofia", vec![op("sofia", "purpose", json!("Mine now"))])
        .await;
    assert_eq!(codes(&outsider), ["forbidden"], "{outsider}");
    // A move the lifecycle does not allow, a text too long, an end without a reason.
    for (ops, says) in [
        (
            vec![op("amira", "lifecycle", json!("proposed"))],
            "cannot become",
        ),
        (
            vec![op("amira", "purpose", json!("x".repeat(2_001)))],
            "Shorten the purpose",
        ),
        (
            vec![
                op("amira", "lifecycle", json!("ended-early")),
                op("amira", "end-reason", json!(" ")),
            ],
            "Say why",
        ),
    ] {
        let reply = host.push("amira", ops.clone()).await;
        assert_eq!(codes(&reply), vec!["invalid_record"; ops.len()], "{reply}");
        assert!(messages(&reply).iter().all(|m| m.contains(says)), "{reply}");
    }

    // Ended early with a reason, nothing more changes in it.
    let ended = vec![
        op("amira", "lifecycle", json!("ended-early")),
        op("amira", "end-reason", json!("Moved to the Riyadh office")),
    ];
    assert!(codes(&host.push("amira", ended).await).is_empty());
    for who in ["amira", "james"] {
        let reply = host
            .push(who, vec![op(who, "purpose", json!("Again"))])
            .await;
        assert_eq!(codes(&reply), ["invalid_record"], "{reply}");
        assert!(messages(&reply)[0].contains("is over"), "{reply}");
    }
}

#[tokio::test]
async fn a_proposed_relationship_starts_with_its_admins_and_the_pair_may_withdraw() {
    let seed = Host::demo(&[]);
    let rel = "rel-priya-samuel";
    let proposed = [seed.ops.op(
        "hr-admin",
        "relationship",
        rel,
        "lifecycle",
        json!("proposed"),
    )];
    for (who, starts) in [
        ("priya", false),
        ("marketing-dir", false),
        ("hr-admin", true),
    ] {
        let host = Host::demo(&proposed);
        let reply = host
            .push(who, start_ops(&host.ops, who, rel, OPS_DAY))
            .await;
        assert_eq!(codes(&reply).is_empty(), starts, "{who}: {reply}");
        if !starts {
            // The start refused by its rule, the date as the admins' field alone.
            assert_eq!(codes(&reply), ["invalid_record", "forbidden"]);
            assert!(messages(&reply)[0].contains("admins confirm"), "{reply}");
        }
    }
    let host = Host::demo(&proposed);
    let withdraw = vec![
        host.ops.op(
            "priya",
            "relationship",
            rel,
            "lifecycle",
            json!("ended-early"),
        ),
        host.ops.op(
            "priya",
            "relationship",
            rel,
            "end-reason",
            json!("Not the right time"),
        ),
    ];
    let reply = host.push("priya", withdraw).await;
    assert!(codes(&reply).is_empty(), "{reply}");
}

#[tokio::test]
async fn a_proposal_started_late_is_dated_the_day_it_was_started_and_its_coach_credentialed_then() {
    let seed = Host::demo(&[]);
    let rel = "rel-priya-samuel";
    let proposed = [seed.ops.op(
        "hr-admin",
        "relationship",
        rel,
        "lifecycle",
        json!("proposed"),
    )];
    // Started on 15 January, kept on the proposal's 1 September: refused, nothing stored.
    let host = Host::demo(&proposed);
    let stored = host.stored_op_count();
    let kept = vec![host.ops.op(
        "hr-admin",
        "relationship",
        rel,
        "lifecycle",
        json!("active"),
    )];
    let reply = host.push("hr-admin", kept).await;
    assert_eq!(codes(&reply), ["invalid_record"], "{reply}");
    assert!(
        messages(&reply)[0].contains("starts the day its admins start it, not on 2026-09-01"),
        "{reply}"
    );
    assert_eq!(host.stored_op_count(), stored);
    // Dated a week off, refused too; dated that day (a zone behind UTC: the day before), kept.
    let reply = host
        .push(
            "hr-admin",
            start_ops(&host.ops, "hr-admin", rel, "2027-01-08"),
        )
        .await;
    assert_eq!(codes(&reply), ["invalid_record"; 2], "{reply}");
    let reply = host
        .push(
            "hr-admin",
            start_ops(&host.ops, "hr-admin", rel, "2027-01-14"),
        )
        .await;
    assert!(codes(&reply).is_empty(), "{reply}");

    // A coaching proposal whose coach's credential (Sofia's, to 30 September 2027) covers its
    // proposed date but has lapsed by the day it is started.
    let seed = Host::demo(&[]);
    let asked = seed.ops.record(
        "hr-admin",
        "relationship",
        "rel-hassan-sofia",
        json!({
            "kind": "coaching", "programme": "coaching-2026", "mentor": "sofia",
            "mentee": "hassan", "purpose": "", "ground-rules": "", "starts": "2027-06-01",
            "planned-end": "2027-12-31", "lifecycle": "proposed", "end-reason": null,
            "target-role": null,
        }),
    );
    let host = Host::demo(&asked);
    let mut late = start_ops(&host.ops, "hr-admin", "rel-hassan-sofia", "2027-10-15");
    for op in &mut late {
        op["hlc"] = json!("1823594400000-00000"); // 15 October 2027, 10:00 UTC
    }
    let reply = host.push("hr-admin", late).await;
    assert_eq!(codes(&reply), ["invalid_record"; 2], "{reply}");
    assert!(
        messages(&reply)[0]
            .contains("Sofia Marques has no coaching credential valid on 2027-10-15"),
        "{reply}"
    );
}

/// A coaching proposal stored with a coach who was never credentialed (kept from before the
/// rule, or the directory changed since) breaks a rule as stored: its fields stay writable,
/// but starting it is judged by the start's own rule, as the admins' device judges it.
#[tokio::test]
async fn a_proposal_that_broke_a_rule_as_stored_is_started_by_the_starts_own_rule() {
    let seed = Host::demo(&[]);
    let proposal = |purpose: &str, planned_end: &str| {
        json!({
            "kind": "coaching", "programme": "coaching-2026", "mentor": "james",
            "mentee": "hassan", "purpose": purpose, "ground-rules": "", "starts": "2027-01-04",
            "planned-end": planned_end, "lifecycle": "proposed", "end-reason": null,
            "target-role": null,
        })
    };
    let stored = seed.ops.record(
        "hr-admin",
        "relationship",
        "rel-hassan-james",
        proposal("", "2027-12-31"),
    );
    let host = Host::demo(&stored);
    let count = host.stored_op_count();
    let start = start_ops(&host.ops, "hr-admin", "rel-hassan-james", OPS_DAY);
    let reply = host.push("hr-admin", start).await;
    assert_eq!(codes(&reply), ["invalid_record"; 2], "{reply}");
    assert!(
        messages(&reply)[0]
            .contains("James Whitfield has no coaching credential valid on 2027-01-15"),
        "{reply}"
    );
    assert_eq!(host.stored_op_count(), count, "nothing was stored");
    // Nothing saved becomes unsavable: its fields are still written.
    let purpose = host.ops.op(
        "hr-admin",
        "relationship",
        "rel-hassan-james",
        "purpose",
        json!("Present the Q3 forecast"),
    );
    let reply = host.push("hr-admin", vec![purpose]).await;
    assert!(codes(&reply).is_empty(), "{reply}");

    // One that broke another rule as stored (its planned end before its start), with a
    // credentialed coach: started, it is judged by the start's rule, which asks that end be
    // moved first; ended early instead, it is kept.
    let seed = Host::demo(&[]);
    let stored = seed.ops.record(
        "hr-admin",
        "relationship",
        "rel-hassan-sofia",
        json!({
            "kind": "coaching", "programme": "coaching-2026", "mentor": "sofia",
            "mentee": "hassan", "purpose": "", "ground-rules": "", "starts": "2027-01-04",
            "planned-end": "2027-01-01", "lifecycle": "proposed", "end-reason": null,
            "target-role": null,
        }),
    );
    let host = Host::demo(&stored);
    let start = start_ops(&host.ops, "hr-admin", "rel-hassan-sofia", OPS_DAY);
    let reply = host.push("hr-admin", start).await;
    assert_eq!(codes(&reply), ["invalid_record"; 2], "{reply}");
    assert!(
        messages(&reply)[0].contains("must come after the start"),
        "{reply}"
    );
    let ended = vec![
        host.ops.op(
            "hr-admin",
            "relationship",
            "rel-hassan-sofia",
            "lifecycle",
            json!("ended-early"),
        ),
        host.ops.op(
            "hr-admin",
            "relationship",
            "rel-hassan-sofia",
            "end-reason",
            json!("Made in error"),
        ),
    ];
    let reply = host.push("hr-admin", ended).await;
    assert!(codes(&reply).is_empty(), "{reply}");
}

#[tokio::test]
async fn a_relationship_one_of_the_pair_asks_for_starts_as_proposed() {
    // Priya's pair has ended, so she may ask for another mentor in the programme.
    let seed = Host::demo(&[]);
    let ended = [
        seed.ops.op(
            "hr-admin",
            "relationship",
            "rel-priya-samuel",
            "lifecycle",
            json!("ended-early"),
        ),
        seed.ops.op(
            "hr-admin",
            "relationship",
            "rel-priya-samuel",
            "end-reason",
            json!("Moved team"),
        ),
    ];
    let asked = |lifecycle: &str| {
        json!({
            "kind": "mentoring", "programme": "mentoring-2026", "mentor": "marketing-dir",
            "mentee": "priya", "purpose": "", "ground-rules": "", "starts": "2026-10-01",
            "planned-end": "2027-08-31", "lifecycle": lifecycle, "end-reason": null,
            "target-role": null,
        })
    };
    let host = Host::demo(&ended);
    let ops = host
        .ops
        .record("priya", "relationship", "rel-priya-asked", asked("active"));
    let reply = host.push("priya", ops.clone()).await;
    assert!(
        reply["acknowledged"].as_array().unwrap().is_empty(),
        "{reply}"
    );
    assert_eq!(codes(&reply), vec!["invalid_record"; ops.len()], "{reply}");
    assert!(
        messages(&reply)[0].contains("starts as proposed"),
        "{reply}"
    );

    let host = Host::demo(&ended);
    let ops = host.ops.record(
        "priya",
        "relationship",
        "rel-priya-asked",
        asked("proposed"),
    );
    let reply = host.push("priya", ops).await;
    assert!(codes(&reply).is_empty(), "{reply}");
}

#[tokio::test]
async fn a_mentor_does_not_propose_themselves_nor_learn_whom_the_mentee_is_paired_with() {
    // Priya is paired with Samuel Osei. James pushes a proposal of himself to her: she did not
    // ask, and the refusal a second pairing meets would have named Samuel to him.
    let host = Host::demo(&[]);
    let ops = host.ops.record(
        "james",
        "relationship",
        "rel-james-priya",
        json!({
            "kind": "mentoring", "programme": "mentoring-2026", "mentor": "james",
            "mentee": "priya", "purpose": "", "ground-rules": "", "starts": "2026-10-01",
            "planned-end": "2027-08-31", "lifecycle": "proposed", "end-reason": null,
            "target-role": null,
        }),
    );
    let reply = host.push("james", ops.clone()).await;
    assert!(
        reply["acknowledged"].as_array().unwrap().is_empty(),
        "{reply}"
    );
    assert_eq!(codes(&reply), vec!["invalid_record"; ops.len()], "{reply}");
    assert!(
        messages(&reply)
            .iter()
            .all(|m| m.contains("asked for by its mentee") && !m.contains("Samuel")),
        "{reply}"
    );
    assert!(host
        .pull("priya")
        .await
        .iter()
        .all(|op| op["record"] != "rel-james-priya"));
}

#[tokio::test]
async fn a_mentor_of_a_pair_under_way_does_not_ask_for_a_mentor_in_its_programme() {
    // Samuel Osei mentors Priya in the programme: one role per person and programme.
    let request = |mentor: &str, mentee: &str| {
        json!({
            "kind": "mentoring", "programme": "mentoring-2026", "mentor": mentor,
            "mentee": mentee, "purpose": "", "ground-rules": "", "starts": "2026-10-01",
            "planned-end": "2027-08-31", "lifecycle": "proposed", "end-reason": null,
            "target-role": null,
        })
    };
    let host = Host::demo(&[]);
    let before = host.stored_op_count();
    let ops = host.ops.record(
        "marketing-dir",
        "relationship",
        "rel-samuel-asks",
        request("cfo", "marketing-dir"),
    );
    let reply = host.push("marketing-dir", ops.clone()).await;
    assert_eq!(codes(&reply), vec!["invalid_record"; ops.len()], "{reply}");
    assert!(
        messages(&reply)[0]
            .contains("Samuel Osei already takes part in Leadership mentoring 2026–27 as a mentor")
            && messages(&reply)[0].contains("ask its admins"),
        "{reply}"
    );
    assert_eq!(host.stored_op_count(), before, "nothing stored");

    // The other way is not refused: the CFO, reverse-mentored there by Zain, may mentor
    // Aisha there (the run counts everyone willing to mentor among its mentors).
    let ops = host.ops.record(
        "aisha",
        "relationship",
        "rel-aisha-asks",
        request("cfo", "aisha"),
    );
    let reply = host.push("aisha", ops).await;
    assert!(codes(&reply).is_empty(), "{reply}");

    // The programme's admins may pair Samuel as a mentee there (a re-pair, or a run published
    // in either order, must not be refused for a state the rules let them reach).
    let ops = host.ops.record(
        "hr-admin",
        "relationship",
        "rel-samuel-paired",
        request("cfo", "marketing-dir"),
    );
    let reply = host.push("hr-admin", ops).await;
    assert!(codes(&reply).is_empty(), "{reply}");
}

/// Whom the directory names to Hassan as having no place left in the demo's mentoring
/// programme.
async fn no_place(host: &Host) -> Value {
    no_place_told(host, "hassan").await
}

/// Whom the directory names to `reader` as having no place left in the demo's mentoring
/// programme.
async fn no_place_told(host: &Host, reader: &str) -> Value {
    let (_, body) = host.api.get(reader, "/api/mentoring/v1/directory").await;
    let directory: Value = serde_json::from_str(&body).unwrap();
    let programme = (directory["programmes"].as_array().unwrap().iter())
        .find(|p| p["id"] == "mentoring-2026")
        .cloned()
        .unwrap();
    programme["noPlaceLeft"].clone()
}

#[tokio::test]
async fn a_mentor_with_every_place_taken_is_named_full_and_is_neither_asked_nor_started() {
    let mentoring = |mentee: &str, lifecycle: &str| {
        json!({
            "kind": "mentoring", "programme": "mentoring-2026", "mentor": "james",
            "mentee": mentee, "purpose": "", "ground-rules": "", "starts": "2026-10-01",
            "planned-end": "2027-08-31", "lifecycle": lifecycle, "end-reason": null,
            "target-role": null,
        })
    };
    // James mentors Amira; one place of his two is left, and Hassan may ask for it.
    let host = Host::demo(&[]);
    assert_eq!(no_place(&host).await, json!([]));
    let asked = host.ops.record(
        "hassan",
        "relationship",
        "rel-hassan-james",
        mentoring("hassan", "proposed"),
    );
    let reply = host.push("hassan", asked).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    assert_eq!(no_place(&host).await, json!(["james"]));
    // Only someone who may ask for a mentor there is told: Sofia, a coach willing to mentor,
    // is offered no mentor in it, so learns nothing of whose places are taken.
    assert_eq!(no_place_told(&host, "sofia").await, json!([]));

    // Fatima's request took the last place: Hassan's is refused, naming James and his places.
    let seed = Host::demo(&[]);
    let fatima = seed.ops.record(
        "fatima",
        "relationship",
        "rel-fatima-james",
        mentoring("fatima", "proposed"),
    );
    let host = Host::demo(&fatima);
    assert_eq!(no_place(&host).await, json!(["james"]));
    let asked = host.ops.record(
        "hassan",
        "relationship",
        "rel-hassan-james",
        mentoring("hassan", "proposed"),
    );
    let reply = host.push("hassan", asked.clone()).await;
    assert_eq!(
        codes(&reply),
        vec!["invalid_record"; asked.len()],
        "{reply}"
    );
    assert!(
        messages(&reply)[0].contains("James Whitfield has no place left"),
        "{reply}"
    );
    // Two proposals for the last place (one stored before the rule): the admins start one,
    // and the other is refused.
    let seed = Host::demo(&[]);
    let mut both = seed.ops.record(
        "fatima",
        "relationship",
        "rel-fatima-james",
        mentoring("fatima", "proposed"),
    );
    both.extend(seed.ops.record(
        "hassan",
        "relationship",
        "rel-hassan-james",
        mentoring("hassan", "proposed"),
    ));
    let host = Host::demo(&both);
    let start = |rel: &str| start_ops(&host.ops, "hr-admin", rel, OPS_DAY);
    let reply = host.push("hr-admin", start("rel-fatima-james")).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    let reply = host.push("hr-admin", start("rel-hassan-james")).await;
    assert_eq!(codes(&reply), ["invalid_record"; 2], "{reply}");
    assert!(messages(&reply)[0].contains("no place left"), "{reply}");
}

#[tokio::test]
async fn the_pairs_of_one_push_are_judged_in_order_each_counting_those_already_accepted() {
    let proposal = |host: &Host, mentee: &str| {
        host.ops.record(
            "hr-admin",
            "relationship",
            &format!("rel-{mentee}-james"),
            json!({
                "kind": "mentoring", "programme": "mentoring-2026", "mentor": "james",
                "mentee": mentee, "purpose": "", "ground-rules": "", "starts": "2026-12-01",
                "planned-end": "2027-08-31", "lifecycle": "proposed", "end-reason": null,
                "target-role": null,
            }),
        )
    };
    let stored = |ops: &[Value]| -> Vec<String> {
        let mut records: Vec<String> = (ops.iter())
            .filter(|op| op["entity"] == "relationship" && op["field"] == "mentee")
            .map(|op| op["record"].as_str().unwrap().to_owned())
            .collect();
        records.sort();
        records
    };
    // James mentors Amira: one of his two places is left. A run publishes Fatima's pair, then
    // Hassan's: Fatima's takes the place, Hassan's alone is refused.
    let host = Host::demo(&[]);
    let fatima = proposal(&host, "fatima");
    let hassan = proposal(&host, "hassan");
    let reply = host
        .push("hr-admin", [fatima.clone(), hassan.clone()].concat())
        .await;
    let refused: Vec<&Value> = (reply["rejected"].as_array().unwrap().iter())
        .map(|r| &r["id"])
        .collect();
    let hassan_ids: Vec<&Value> = hassan.iter().map(|op| &op["id"]).collect();
    assert_eq!(refused, hassan_ids, "{reply}");
    assert!(
        messages(&reply)
            .iter()
            .all(|m| m.contains("James Whitfield has no place left")),
        "{reply}"
    );
    let pulled = stored(&host.pull("hr-admin").await);
    assert!(
        pulled.contains(&"rel-fatima-james".to_owned()),
        "{pulled:?}"
    );
    assert!(
        !pulled.contains(&"rel-hassan-james".to_owned()),
        "{pulled:?}"
    );

    // A pair refused for another rule holds no place: Lena (whom James manages) is refused,
    // and Fatima after her takes the place.
    let host = Host::demo(&[]);
    let mut run = proposal(&host, "lena");
    run.extend(proposal(&host, "fatima"));
    let reply = host.push("hr-admin", run).await;
    assert!(
        messages(&reply)
            .iter()
            .all(|m| m.contains("reporting line")),
        "{reply}"
    );
    let pulled = stored(&host.pull("hr-admin").await);
    assert!(
        pulled.contains(&"rel-fatima-james".to_owned()),
        "{pulled:?}"
    );
    assert!(!pulled.contains(&"rel-lena-james".to_owned()), "{pulled:?}");
}

#[tokio::test]
async fn the_pair_end_their_relationship_early_and_only_its_admins_delete_it() {
    let host = Host::demo(&[]);
    let rel = "rel-amira-james";
    let delete = |who: &str, deleted: bool| {
        host.ops
            .op(who, "relationship", rel, "deleted", json!(deleted))
    };
    let stored = host.stored_op_count();
    for who in ["amira", "james"] {
        let reply = host.push(who, vec![delete(who, true)]).await;
        assert_eq!(codes(&reply), ["forbidden"], "{who}: {reply}");
        let message = &messages(&reply)[0];
        assert!(
            message.contains("end it early from the relationship page")
                && message.contains("ask the programme's admins"),
            "{who}: {message}"
        );
    }
    assert_eq!(host.stored_op_count(), stored, "nothing stored");
    assert!(host
        .pull("amira")
        .await
        .iter()
        .any(|op| op["record"] == rel));

    // Its admins may delete it, and bring it back; the pair may not bring it back.
    let reply = host.push("hr-admin", vec![delete("hr-admin", true)]).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    let reply = host.push("amira", vec![delete("amira", false)]).await;
    assert_eq!(codes(&reply), ["forbidden"], "{reply}");
    let reply = host.push("hr-admin", vec![delete("hr-admin", false)]).await;
    assert!(codes(&reply).is_empty(), "{reply}");

    // Ended by the pair, then deleted by its admins: neither of the pair reopens it meanwhile.
    let ended = host.ops.op(
        "amira",
        "relationship",
        rel,
        "lifecycle",
        json!("completed"),
    );
    assert!(codes(&host.push("amira", vec![ended]).await).is_empty());
    assert!(codes(&host.push("hr-admin", vec![delete("hr-admin", true)]).await).is_empty());
    let reopened = host
        .ops
        .op("amira", "relationship", rel, "lifecycle", json!("active"));
    let reply = host.push("amira", vec![reopened]).await;
    assert_eq!(codes(&reply).len(), 1, "refused: {reply}");
}

#[tokio::test]
async fn the_pairs_agreement_written_while_its_admins_deleted_the_relationship_is_kept_and_reaches_them(
) {
    let host = Host::demo(&[]);
    let rel = "rel-amira-james";
    let delete = host
        .ops
        .op("hr-admin", "relationship", rel, "deleted", json!(true));
    assert!(codes(&host.push("hr-admin", vec![delete]).await).is_empty());
    // Amira rewrote the purpose offline: stored, so her devices can tell her and give her
    // words back, and kept should the admins bring the pairing back.
    let purpose = host.ops.op(
        "amira",
        "relationship",
        rel,
        "purpose",
        json!("OUR-NEW-PURPOSE"),
    );
    let reply = host.push("amira", vec![purpose.clone()]).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    for person in ["amira", "james"] {
        let pulled = host.pull(person).await;
        assert!(
            pulled.iter().any(|op| op["id"] == purpose["id"]),
            "{person}: {pulled:?}"
        );
    }
}

#[tokio::test]
async fn an_action_item_is_ticked_by_its_owner_or_the_sessions_author_alone() {
    let host = Host::demo(&[]);
    // Sofia logged the session; action-1 is Amira's, action-2 Sofia's.
    let tick = |who: &str, action: &str, done: bool| {
        host.ops.op(who, "action", action, "done", json!(done))
    };
    let stored = host.stored_op_count();
    let reply = host
        .push("amira", vec![tick("amira", "action-2", false)])
        .await;
    assert_eq!(codes(&reply), ["forbidden"], "{reply}");
    let message = &messages(&reply)[0];
    assert!(
        message.contains("Sofia Marques's action item"),
        "names the owner: {message}"
    );
    assert_eq!(host.stored_op_count(), stored, "nothing stored");

    for (who, action, done) in [
        // Saying what it already holds changes nothing.
        ("amira", "action-2", true),
        ("amira", "action-1", true),
        ("sofia", "action-1", false),
        ("sofia", "action-2", false),
    ] {
        let reply = host.push(who, vec![tick(who, action, done)]).await;
        assert!(codes(&reply).is_empty(), "{who} {action}: {reply}");
    }
}

#[tokio::test]
async fn the_other_of_the_pair_neither_takes_over_nor_adds_an_action_item_to_tick_it() {
    let host = Host::demo(&[]);
    // Sofia logged the session; action-1 is Amira's, action-2 Sofia's.
    let op = |who: &str, action: &str, field: &str, value: Value| {
        host.ops.op(who, "action", action, field, value)
    };
    let stored = host.stored_op_count();
    // Amira takes Sofia's item over, then ticks it.
    let reply = host
        .push(
            "amira",
            vec![op("amira", "action-2", "owner", json!("amira"))],
        )
        .await;
    assert_eq!(codes(&reply), ["forbidden"], "{reply}");
    assert!(
        messages(&reply)[0].contains("Only Sofia Marques, who logged the session, changes"),
        "{reply}"
    );
    let reply = host
        .push("amira", vec![op("amira", "action-2", "done", json!(false))])
        .await;
    assert_eq!(codes(&reply), ["forbidden"], "{reply}");
    // She adds an item of Sofia's, already done.
    let added = host.ops.record(
        "amira",
        "action",
        "action-9",
        json!({ "session": "session-amira-sofia-1", "position": 2, "text": "Sent", "owner": "sofia", "due": "2026-12-01", "done": true }),
    );
    let reply = host.push("amira", added.clone()).await;
    assert_eq!(codes(&reply).len(), added.len(), "{reply}");
    assert!(
        codes(&reply).iter().all(|code| code == "forbidden"),
        "{reply}"
    );
    assert!(
        messages(&reply)[0].contains("Only Sofia Marques, who logged the session, adds"),
        "{reply}"
    );
    // Nor does she rewrite or drop her own; she ticks it.
    for (field, value) in [("text", json!("Nothing")), ("deleted", json!(true))] {
        let reply = host
            .push("amira", vec![op("amira", "action-1", field, value)])
            .await;
        assert_eq!(codes(&reply), ["forbidden"], "{field}: {reply}");
    }
    assert_eq!(host.stored_op_count(), stored, "nothing stored");
    let reply = host
        .push("amira", vec![op("amira", "action-1", "done", json!(false))])
        .await;
    assert!(codes(&reply).is_empty(), "{reply}");

    // Sofia, who logged it, writes its items.
    let mut ops = vec![
        op("sofia", "action-1", "text", json!("Call the Riyadh office")),
        op("sofia", "action-2", "owner", json!("amira")),
    ];
    ops.extend(host.ops.record(
        "sofia",
        "action",
        "action-9",
        json!({ "session": "session-amira-sofia-1", "position": 2, "text": "Sent", "owner": "sofia", "due": "2026-12-01", "done": true }),
    ));
    let reply = host.push("sofia", ops).await;
    assert!(codes(&reply).is_empty(), "{reply}");
}

#[tokio::test]
async fn a_session_from_before_a_re_pairing_keeps_every_rule_with_the_pair_it_was_logged_with() {
    let host = Host::demo(&[]);
    // Amira logged a session with James, her mentor; then the admins put Daniel in his place.
    let mut ops = host.ops.record(
        "amira",
        "session",
        "s-old",
        json!({
            "relationship": "rel-amira-james", "author": "amira", "partner": "james",
            "at": 1_789_000_000_000_i64, "time-zone": "Europe/London", "minutes": 60,
            "place": "online", "location": "", "grow-goal": "The board paper",
            "grow-reality": "", "grow-options": "", "grow-will": "", "skills": [], "goals": [],
        }),
    );
    ops.extend(host.ops.record(
        "amira",
        "action",
        "a-old",
        json!({ "session": "s-old", "position": 0, "text": "Send James the draft", "owner": "james", "due": "2026-12-01", "done": false }),
    ));
    assert!(codes(&host.push("amira", ops).await).is_empty());
    let reassign = host.ops.op(
        "hr-admin",
        "relationship",
        "rel-amira-james",
        "mentor",
        json!("ops-dir"),
    );
    let reply = host.push("hr-admin", vec![reassign]).await;
    assert!(codes(&reply).is_empty(), "{reply}");

    // An item of Daniel's in it would hand his name to James, who reads it: he was not there.
    let stored = host.stored_op_count();
    let daniels = host.ops.record(
        "amira",
        "action",
        "a-new",
        json!({ "session": "s-old", "position": 1, "text": "Meet Daniel", "owner": "ops-dir", "due": "2026-12-01", "done": false }),
    );
    let reply = host.push("amira", daniels.clone()).await;
    assert_eq!(codes(&reply).len(), daniels.len(), "{reply}");
    assert!(
        codes(&reply).iter().all(|code| code == "invalid_record"),
        "{reply}"
    );
    // Nor is handing James's item to Daniel, or notes beyond the limit, waived for it.
    for (entity, record, field, value) in [
        ("action", "a-old", "owner", json!("ops-dir")),
        ("session", "s-old", "grow-will", json!("x".repeat(10_001))),
    ] {
        let op = host.ops.op("amira", entity, record, field, value);
        let reply = host.push("amira", vec![op]).await;
        assert_eq!(codes(&reply), ["invalid_record"], "{field}: {reply}");
    }
    assert_eq!(host.stored_op_count(), stored, "nothing stored");
    // Within the rules, with the pair it was logged with, she still changes it.
    let mut ops = vec![host.ops.op(
        "amira",
        "session",
        "s-old",
        "grow-will",
        json!("Ask again in May"),
    )];
    ops.extend(host.ops.record(
        "amira",
        "action",
        "a-mine",
        json!({ "session": "s-old", "position": 1, "text": "Reread the paper", "owner": "amira", "due": "2026-12-01", "done": false }),
    ));
    let reply = host.push("amira", ops).await;
    assert!(codes(&reply).is_empty(), "{reply}");
}

#[tokio::test]
async fn a_session_is_deleted_and_brought_back_by_whoever_logged_it_alone() {
    let host = Host::demo(&[]);
    // Sofia logged it with Amira.
    let session = "session-amira-sofia-1";
    let delete = |who: &str, deleted: bool| {
        host.ops
            .op(who, "session", session, "deleted", json!(deleted))
    };
    let reply = host.push("amira", vec![delete("amira", true)]).await;
    assert_eq!(codes(&reply), ["forbidden"], "{reply}");
    let reply = host.push("sofia", vec![delete("sofia", true)]).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    let stored = host.stored_op_count();
    let reply = host.push("amira", vec![delete("amira", false)]).await;
    assert_eq!(codes(&reply), ["forbidden"], "{reply}");
    assert!(
        messages(&reply)[0].contains("Only Sofia Marques, who logged this session"),
        "{reply}"
    );
    assert_eq!(host.stored_op_count(), stored, "nothing stored");
    let reply = host.push("sofia", vec![delete("sofia", false)]).await;
    assert!(codes(&reply).is_empty(), "{reply}");
}

#[tokio::test]
async fn a_change_to_a_session_deleted_meanwhile_is_kept_for_its_author_alone() {
    let host = Host::demo(&[]);
    // Sofia logged it with Amira; she deleted it on her laptop while her phone was offline.
    let session = "session-amira-sofia-1";
    let edit = |who: &str| {
        host.ops.op(
            who,
            "session",
            session,
            "grow-goal",
            json!("CHANGED-OFFLINE"),
        )
    };
    let delete = host
        .ops
        .op("sofia", "session", session, "deleted", json!(true));
    assert!(codes(&host.push("sofia", vec![delete]).await).is_empty());
    let stored = host.stored_op_count();
    // Amira may not write it, deleted or not.
    let reply = host.push("amira", vec![edit("amira")]).await;
    assert_eq!(codes(&reply), ["forbidden"], "{reply}");
    assert_eq!(host.stored_op_count(), stored, "nothing stored");
    // Her phone's change lands, kept for when it is brought back.
    let reply = host.push("sofia", vec![edit("sofia")]).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    assert_eq!(host.stored_op_count(), stored + 1);
    let back = host
        .ops
        .op("sofia", "session", session, "deleted", json!(false));
    assert!(codes(&host.push("sofia", vec![back]).await).is_empty());
    let pulled = host.pull("amira").await;
    let grow_goal =
        (pulled.iter()).any(|op| op["record"] == session && op["value"] == "CHANGED-OFFLINE");
    assert!(grow_goal, "brought back with the change: {pulled:?}");
}

#[tokio::test]
async fn an_item_ticked_while_its_session_was_deleted_is_kept_as_deleted_meanwhile_not_refused() {
    let host = Host::demo(&[]);
    // Sofia logged it with Amira (action-1 is Amira's, action-2 Sofia's) and deleted it
    // while Amira, offline, ticked her item.
    let session = "session-amira-sofia-1";
    let tick = |who: &str, action: &str, done: bool| {
        host.ops.op(who, "action", action, "done", json!(done))
    };
    let delete = host
        .ops
        .op("sofia", "session", session, "deleted", json!(true));
    assert!(codes(&host.push("sofia", vec![delete]).await).is_empty());
    let stored = host.stored_op_count();
    // Sofia's item is still not Amira's to tick.
    let reply = host
        .push("amira", vec![tick("amira", "action-2", false)])
        .await;
    assert_eq!(codes(&reply), ["forbidden"], "{reply}");
    // Nor does she add an item to it: its items are Sofia's to write, deleted or not.
    let added = host.ops.record(
        "amira",
        "action",
        "action-9",
        json!({ "session": session, "position": 2, "text": "Sent", "owner": "amira", "due": "2026-12-01", "done": true }),
    );
    let reply = host.push("amira", added.clone()).await;
    assert_eq!(codes(&reply).len(), added.len(), "{reply}");
    assert!(
        codes(&reply).iter().all(|code| code == "forbidden"),
        "{reply}"
    );
    assert_eq!(host.stored_op_count(), stored, "nothing stored");
    // Her own tick lands, kept for when the session is brought back.
    let mine = tick("amira", "action-1", true);
    let reply = host.push("amira", vec![mine.clone()]).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    assert_eq!(host.stored_op_count(), stored + 1);
    // It reaches her other devices, which tell her, and Sofia's, for when she brings it back.
    for person in ["amira", "sofia"] {
        let pulled = host.pull(person).await;
        assert!(
            pulled.iter().any(|op| op["id"] == mine["id"]),
            "{person}: {pulled:?}"
        );
    }
    assert!(
        !host
            .pull("james")
            .await
            .iter()
            .any(|op| op["id"] == mine["id"]),
        "nobody outside the pair"
    );

    // A milestone of a goal Amira deleted on another device, done offline: the same.
    let delete = host
        .ops
        .op("amira", "goal", "goal-amira-gulf", "deleted", json!(true));
    assert!(codes(&host.push("amira", vec![delete]).await).is_empty());
    let done = host.ops.op(
        "amira",
        "milestone",
        "ms-gulf-3",
        "done-on",
        json!("2026-11-20"),
    );
    let reply = host.push("amira", vec![done]).await;
    assert!(codes(&reply).is_empty(), "{reply}");
}

#[tokio::test]
async fn a_change_to_a_record_deleted_meanwhile_keeps_its_rules_and_its_readers() {
    let host = Host::demo(&[]);
    let session = "session-amira-sofia-1";
    let delete = |who: &str, entity: &str, record: &str| {
        host.ops.op(who, entity, record, "deleted", json!(true))
    };
    assert!(codes(
        &host
            .push("sofia", vec![delete("sofia", "session", session)])
            .await
    )
    .is_empty());
    let stored = host.stored_op_count();
    // A length no session may have is refused as it would be on the session brought back.
    let too_long = host
        .ops
        .op("sofia", "session", session, "minutes", json!(600));
    let reply = host.push("sofia", vec![too_long]).await;
    assert_eq!(codes(&reply), ["invalid_record"], "{reply}");
    assert_eq!(host.stored_op_count(), stored, "nothing stored");

    // Amira's private learning entry, deleted on her laptop, shared from her offline phone:
    // kept for when she brings it back (deleted, it is hers alone whatever it says), and
    // nothing of it reaches Sofia.
    let entry = json!({
        "author": "amira", "relationship": "rel-amira-sofia", "text": "PRIVATE-WORDS",
        "shared": false, "written-at": 1,
    });
    let written = host.ops.record("amira", "learning", "l-private", entry);
    assert!(codes(&host.push("amira", written).await).is_empty());
    assert!(codes(
        &host
            .push("amira", vec![delete("amira", "learning", "l-private")])
            .await
    )
    .is_empty());
    let share = host
        .ops
        .op("amira", "learning", "l-private", "shared", json!(true));
    let reply = host.push("amira", vec![share]).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    let pulled = host.pull("sofia").await;
    assert!(
        !pulled.iter().any(|op| op["record"] == "l-private"),
        "nothing of the entry relayed: {pulled:?}"
    );
    // Its words may still change, for when she brings it back.
    let reworded = host
        .ops
        .op("amira", "learning", "l-private", "text", json!("Reworded"));
    assert!(codes(&host.push("amira", vec![reworded]).await).is_empty());
}

#[tokio::test]
async fn nothing_new_lands_in_a_relationship_the_other_of_the_pair_ended_meanwhile() {
    let host = Host::demo(&[]);
    let rel = "rel-amira-sofia";
    // Sofia logged a session and gave feedback offline; Amira ended the coaching before
    // Sofia was back.
    let mut written_offline = host.ops.record(
        "sofia",
        "session",
        "session-offline",
        json!({
            "relationship": rel, "author": "sofia", "partner": "amira", "at": 1_793_700_000_000_i64,
            "time-zone": "Europe/London", "minutes": 45, "place": "online", "location": "",
            "grow-goal": "Rehearse the pilot pitch", "grow-reality": "", "grow-options": "",
            "grow-will": "", "skills": [], "goals": [],
        }),
    );
    written_offline.extend(host.ops.record(
        "sofia",
        "feedback",
        "feedback-offline",
        json!({
            "giver": "sofia", "receiver": "amira", "relationship": rel, "session": null,
            "strengths": ["Clear asks", "The pilot call"],
            "development-areas": ["Pace", "The pilot call"],
            "ratings": [], "overall": "", "visibility": "pair",
            "given-at": 1_793_700_000_000_i64,
        }),
    ));
    let ended = vec![
        host.ops.op(
            "amira",
            "relationship",
            rel,
            "lifecycle",
            json!("ended-early"),
        ),
        host.ops.op(
            "amira",
            "relationship",
            rel,
            "end-reason",
            json!("Moved to the Riyadh office"),
        ),
    ];
    assert!(codes(&host.push("amira", ended).await).is_empty());
    let stored = host.stored_op_count();

    let reply = host.push("sofia", written_offline.clone()).await;
    assert_eq!(
        codes(&reply),
        vec!["invalid_record"; written_offline.len()],
        "{reply}"
    );
    assert!(
        messages(&reply)
            .iter()
            .all(|m| m.contains("is over") && m.contains("Set up a new relationship")),
        "says what to do: {reply}"
    );
    assert_eq!(host.stored_op_count(), stored, "nothing stored");
    assert!(
        !host
            .pull("amira")
            .await
            .iter()
            .any(|op| { op["record"] == "session-offline" || op["record"] == "feedback-offline" }),
        "the partner is shown nothing of it"
    );

    // What the relationship held before its end is still its author's to correct.
    let reply = host
        .push(
            "sofia",
            vec![host.ops.op(
                "sofia",
                "session",
                "session-amira-sofia-1",
                "grow-will",
                json!("Amira books the pilot meeting next week"),
            )],
        )
        .await;
    assert!(codes(&reply).is_empty(), "{reply}");

    // Still held to its own rules: a session of one minute is refused, ended or not.
    let reply = host
        .push(
            "sofia",
            vec![host.ops.op(
                "sofia",
                "session",
                "session-amira-sofia-1",
                "minutes",
                json!(1),
            )],
        )
        .await;
    assert_eq!(codes(&reply), ["invalid_record"], "{reply}");

    // Deleted, then brought back by its author: an undo, not something new.
    for deleted in [true, false] {
        let reply = host
            .push(
                "sofia",
                vec![host.ops.op(
                    "sofia",
                    "session",
                    "session-amira-sofia-1",
                    "deleted",
                    json!(deleted),
                )],
            )
            .await;
        assert!(codes(&reply).is_empty(), "deleted {deleted}: {reply}");
    }
    assert!(
        host.pull("amira")
            .await
            .iter()
            .any(|op| op["record"] == "session-amira-sofia-1"
                && op["field"] == "deleted"
                && op["value"] == json!(false)),
        "the partner sees it back"
    );
}

#[tokio::test]
async fn a_session_is_not_moved_to_after_its_pair_ended_and_one_planned_there_stays_its_authors() {
    let host = Host::demo(&[]);
    let rel = "rel-amira-sofia";
    // Sofia planned a session for 21 January, then Amira ended the coaching on 15 January.
    let planned = host.ops.record(
        "sofia",
        "session",
        "s-planned",
        json!({
            "relationship": rel, "author": "sofia", "partner": "amira", "at": 1_800_500_000_000_i64,
            "time-zone": "Europe/London", "minutes": 45, "place": "online", "location": "",
            "grow-goal": "Rehearse the pilot pitch", "grow-reality": "", "grow-options": "",
            "grow-will": "", "skills": [], "goals": [],
        }),
    );
    assert!(codes(&host.push("sofia", planned).await).is_empty());
    let ended = vec![
        host.ops.op(
            "amira",
            "relationship",
            rel,
            "lifecycle",
            json!("ended-early"),
        ),
        host.ops.op(
            "amira",
            "relationship",
            rel,
            "end-reason",
            json!("Moved to the Riyadh office"),
        ),
    ];
    assert!(codes(&host.push("amira", ended).await).is_empty());
    let stored = host.stored_op_count();

    // Sofia's form, open since before the end, moves it later still: refused, naming the end.
    let moved = |at: i64| {
        host.ops
            .op("sofia", "session", "s-planned", "at", json!(at))
    };
    let reply = host.push("sofia", vec![moved(1_800_600_000_000)]).await;
    assert_eq!(codes(&reply), ["invalid_record"], "{reply}");
    assert!(
        messages(&reply)[0].contains(&format!("ended on {OPS_DAY}"))
            && messages(&reply)[0].contains("delete the session"),
        "{reply}"
    );
    assert_eq!(host.stored_op_count(), stored, "nothing stored");

    // Stored for after the end, it stays, and its author still writes in it and deletes it.
    let noted = host.ops.op(
        "sofia",
        "session",
        "s-planned",
        "grow-will",
        json!("Not held: the pair ended"),
    );
    assert!(codes(&host.push("sofia", vec![noted]).await).is_empty());
    // Moved back to before the end, it is one the pair held.
    let reply = host.push("sofia", vec![moved(1_799_900_000_000)]).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    let deleted = host
        .ops
        .op("sofia", "session", "s-planned", "deleted", json!(true));
    assert!(codes(&host.push("sofia", vec![deleted]).await).is_empty());
}

/// A goal says where its progress comes from (`progress-from`): a new goal pushed with it, and
/// the switch pushed on a goal stored before the field, are taken and reach the partner; a
/// value a newer widget may send is stored, read as by hand.
#[tokio::test]
async fn a_goals_progress_from_is_taken_new_or_switched_on_a_goal_stored_without_it() {
    let measured = || {
        let mut goal = coaching_goal(json!("obj-retention"));
        goal["measure-what"] = json!("open tickets");
        goal["measure-baseline"] = json!(0);
        goal["measure-target"] = json!(1_000);
        goal["measure-current"] = json!(0);
        goal["progress"] = json!(100);
        goal
    };
    let seed = Host::demo(&[]);
    let legacy = seed.ops.record("amira", "goal", "goal-before", measured());
    let host = Host::demo(&legacy);
    let mut new_goal = measured();
    new_goal["progress-from"] = json!("measure");
    let fresh = host
        .ops
        .record("amira", "goal", "goal-from-measure", new_goal);
    let reply = host.push("amira", fresh).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    for value in [json!("measure"), Value::Null, json!("survey")] {
        let switch = host
            .ops
            .op("amira", "goal", "goal-before", "progress-from", value);
        let reply = host.push("amira", vec![switch]).await;
        assert!(codes(&reply).is_empty(), "{reply}");
    }
    let pulled = host.pull("sofia").await;
    let progress_from = |record: &str| -> Vec<Value> {
        (pulled.iter())
            .filter(|op| op["record"] == record && op["field"] == "progress-from")
            .map(|op| op["value"].clone())
            .collect()
    };
    assert_eq!(progress_from("goal-from-measure"), [json!("measure")]);
    assert!(
        progress_from("goal-before").contains(&json!("survey")),
        "{pulled:?}"
    );
}

#[tokio::test]
async fn feedback_is_linked_to_a_session_already_held_not_one_still_to_come() {
    let host = Host::demo(&[]);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let session = |id: &str, at: i64| {
        host.ops.record(
            "amira",
            "session",
            id,
            json!({
                "relationship": "rel-amira-james", "author": "amira", "partner": "james",
                "at": at, "time-zone": "Europe/London", "minutes": 60,
                "place": "online", "location": "", "grow-goal": "The board paper",
                "grow-reality": "", "grow-options": "", "grow-will": "", "skills": [], "goals": [],
            }),
        )
    };
    let mut logged = session("s-held", 1_789_000_000_000);
    logged.extend(session("s-ahead", now + 30 * 86_400_000));
    let reply = host.push("amira", logged).await;
    assert!(codes(&reply).is_empty(), "{reply}");
    let about = |session: &str| {
        let mut fields = feedback(
            json!(["Listens", "Always"]),
            json!(["Rushes", "In October"]),
        );
        fields["session"] = json!(session);
        fields
    };
    let reply = host
        .push(
            "amira",
            host.ops
                .record("amira", "feedback", "fb-ahead", about("s-ahead")),
        )
        .await;
    // Every op of it: the record is refused whole.
    let refused = codes(&reply);
    assert!(
        !refused.is_empty() && refused.iter().all(|c| c == "invalid_record"),
        "{reply}"
    );
    assert!(
        messages(&reply)[0].contains("not one still to come"),
        "{reply}"
    );
    let reply = host
        .push(
            "amira",
            host.ops
                .record("amira", "feedback", "fb-held", about("s-held")),
        )
        .await;
    assert!(codes(&reply).is_empty(), "{reply}");
    // Moved to the session still to come by an edit: refused too.
    let moved = host
        .ops
        .op("amira", "feedback", "fb-held", "session", json!("s-ahead"));
    let reply = host.push("amira", vec![moved]).await;
    assert_eq!(codes(&reply), ["invalid_record"], "{reply}");
}
