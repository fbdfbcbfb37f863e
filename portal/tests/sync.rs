//! Push and pull through the router: idempotent, access decided by the core's rules.

mod common;

use common::{Api, OpWriter};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use mentoring_core::Millis;
use portal::{router, Db, Portal, PERSON_COOKIE};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

struct Host {
    api: Api,
    ops: OpWriter,
}

impl Host {
    fn new() -> Host {
        let portal =
            Portal::new(Db::in_memory().unwrap(), env!("CARGO_MANIFEST_DIR").into()).unwrap();
        Host {
            api: Api(router(portal)),
            ops: OpWriter::new(1, 1_795_000_000_000),
        }
    }

    async fn send(&self, request: Request<Body>) -> (StatusCode, Value) {
        self.api.send(request).await
    }

    async fn push(&self, person: &str, ops: Vec<Value>) -> Value {
        self.api.push(person, ops).await
    }

    /// A page as `pull_told` gives it, less the notices to someone taken off a pair (entity
    /// `taken-off`), which tests of other things leave aside: the tests of those notices
    /// read them.
    async fn pull(&self, person: &str, since: &str) -> Value {
        let mut page = self.pull_told(person, since).await;
        if let Some(ops) = page["ops"].as_array_mut() {
            ops.retain(|op| op["entity"] != "taken-off");
        }
        page
    }

    async fn pull_told(&self, person: &str, since: &str) -> Value {
        self.api.pull(person, since).await
    }
}

fn ids(reply: &Value, key: &str) -> Vec<String> {
    reply[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| v["id"].as_str().unwrap().to_owned())
        })
        .collect()
}

fn records_seen(reply: &Value) -> Vec<String> {
    let mut seen: Vec<String> = reply["ops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|op| {
            format!(
                "{}/{}",
                op["entity"].as_str().unwrap(),
                op["record"].as_str().unwrap()
            )
        })
        .collect();
    seen.sort();
    seen.dedup();
    seen
}

fn relationship_fields() -> Value {
    json!({
        "kind": "mentoring", "programme": "mentoring-2026", "mentor": "james", "mentee": "amira",
        "purpose": "Boardroom readiness", "ground-rules": "", "starts": "2026-09-01",
        "planned-end": "2027-08-31", "lifecycle": "active", "end-reason": null, "target-role": null,
    })
}

fn goal_fields(owner: &str, relationship: Option<&str>, title: &str) -> Value {
    json!({
        "owner": owner, "relationship": relationship, "title": title, "measure-what": null,
        "measure-baseline": null, "measure-target": null, "measure-current": null, "due": null,
        "objective": null, "aspiration": "", "progress": 0, "status": "on-track", "history": [],
        "created-at": 1, "updated-at": 1,
    })
}

async fn with_relationship() -> Host {
    let host = Host::new();
    let reply = host
        .push(
            "hr-admin",
            host.ops
                .record("hr-admin", "relationship", "rel-1", relationship_fields()),
        )
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    host
}

#[tokio::test]
async fn the_pair_sees_their_records_and_nobody_else_does() {
    let host = with_relationship().await;
    let mut ops = host.ops.record(
        "amira",
        "goal",
        "g-pair",
        goal_fields("amira", Some("rel-1"), "Present to the board"),
    );
    ops.extend(host.ops.record(
        "amira",
        "goal",
        "g-mine",
        goal_fields("amira", None, "Learn Portuguese"),
    ));
    ops.extend(host.ops.record(
        "amira",
        "private-note",
        "n-1",
        json!({ "owner": "amira", "session": "s-1", "text": "nervous about James" }),
    ));
    let reply = host.push("amira", ops).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");

    let amira = records_seen(&host.pull("amira", "0").await);
    assert_eq!(
        amira,
        [
            "goal/g-mine",
            "goal/g-pair",
            "private-note/n-1",
            "relationship/rel-1"
        ]
    );
    let james = records_seen(&host.pull("james", "0").await);
    assert_eq!(
        james,
        ["goal/g-pair", "relationship/rel-1"],
        "the mentor sees the pair's goal only"
    );
    let sofia = records_seen(&host.pull("sofia", "0").await);
    assert!(sofia.is_empty(), "an outsider sees nothing: {sofia:?}");
    let admin = records_seen(&host.pull("hr-admin", "0").await);
    assert!(
        !admin.iter().any(|r| r.starts_with("private-note")),
        "{admin:?}"
    );
}

#[tokio::test]
async fn writes_to_records_that_are_not_yours_are_rejected_and_change_nothing() {
    let host = with_relationship().await;
    host.push(
        "amira",
        host.ops.record(
            "amira",
            "goal",
            "g-1",
            goal_fields("amira", Some("rel-1"), "Mine"),
        ),
    )
    .await;

    let by_mentor = host
        .push(
            "james",
            vec![host
                .ops
                .op("james", "goal", "g-1", "title", json!("Hijacked"))],
        )
        .await;
    assert_eq!(by_mentor["rejected"][0]["code"], "forbidden", "{by_mentor}");
    let give_away = host
        .push(
            "amira",
            vec![host.ops.op("amira", "goal", "g-1", "owner", json!("james"))],
        )
        .await;
    assert_eq!(give_away["rejected"][0]["code"], "forbidden", "{give_away}");
    let rematch = host
        .push(
            "amira",
            vec![host
                .ops
                .op("amira", "relationship", "rel-1", "mentor", json!("sofia"))],
        )
        .await;
    assert_eq!(
        rematch["rejected"][0]["code"], "forbidden",
        "who is paired is the admins' call: {rematch}"
    );
    let spoofed = host
        .push(
            "amira",
            vec![host.ops.op("james", "goal", "g-2", "title", json!("x"))],
        )
        .await;
    assert_eq!(spoofed["rejected"][0]["code"], "forbidden", "{spoofed}");

    let ops = host.pull("amira", "0").await;
    let titles: Vec<&Value> = ops["ops"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["field"] == "title")
        .map(|o| &o["value"])
        .collect();
    assert_eq!(titles, [&json!("Mine")]);
    let owners: Vec<&Value> = ops["ops"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["field"] == "owner")
        .map(|o| &o["value"])
        .collect();
    assert_eq!(owners, [&json!("amira")]);
}

#[tokio::test]
async fn pushing_twice_is_harmless_and_bad_ops_do_not_stop_the_batch() {
    let host = Host::new();
    let ops = host
        .ops
        .record("amira", "goal", "g-1", goal_fields("amira", None, "Once"));
    let first = host.push("amira", ops.clone()).await;
    let again = host.push("amira", ops.clone()).await;
    assert_eq!(ids(&first, "acknowledged"), ids(&again, "acknowledged"));
    assert_eq!(
        host.pull("amira", "0").await["ops"]
            .as_array()
            .unwrap()
            .len(),
        ops.len()
    );

    let mut bad = host
        .ops
        .op("amira", "goal", "g-1", "title", json!({ "nested": true }));
    bad["id"] = json!("op-bad");
    let good = host.ops.op("amira", "goal", "g-1", "title", json!("Twice"));
    let reply = host.push("amira", vec![bad, good.clone()]).await;
    assert_eq!(reply["rejected"][0]["id"], "op-bad");
    assert_eq!(reply["rejected"][0]["code"], "invalid_op");
    assert_eq!(ids(&reply, "acknowledged"), [good["id"].as_str().unwrap()]);
}

#[tokio::test]
async fn a_record_shared_later_arrives_whole_for_whoever_can_now_see_it() {
    let host = with_relationship().await;
    let entry = json!({ "author": "james", "relationship": "rel-1", "text": "How Dubai forecasts", "shared": false, "written-at": 1 });
    host.push("james", host.ops.record("james", "learning", "l-1", entry))
        .await;
    let before = host.pull("amira", "0").await;
    assert!(!records_seen(&before).contains(&"learning/l-1".to_owned()));
    let cursor = before["cursor"].as_str().unwrap().to_owned();

    host.push(
        "james",
        vec![host
            .ops
            .op("james", "learning", "l-1", "shared", json!(true))],
    )
    .await;
    let after = host.pull("amira", &cursor).await;
    let texts: Vec<&Value> = after["ops"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["field"] == "text")
        .map(|o| &o["value"])
        .collect();
    assert_eq!(
        texts,
        [&json!("How Dubai forecasts")],
        "the earlier ops come along: {after}"
    );
}

/// Every value of `field` the pull relays.
fn values_of(reply: &Value, field: &str) -> Vec<Value> {
    reply["ops"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["field"] == field)
        .map(|o| o["value"].clone())
        .collect()
}

#[tokio::test]
async fn words_replaced_before_a_record_was_shared_never_reach_the_people_it_is_shared_with() {
    let host = with_relationship().await;
    // James drafts a learning note for himself, rewrites it, and only then shares it; Amira
    // files a personal goal, renames it, then sets it in the pair.
    let draft = json!({ "author": "james", "relationship": "rel-1", "text": "Amira froze in front of the board", "shared": false, "written-at": 1 });
    let james_draft = host.ops.record("james", "learning", "l-1", draft);
    let draft_text = james_draft.iter().find(|o| o["field"] == "text").unwrap()["id"].clone();
    assert!(ids(&host.push("james", james_draft).await, "rejected").is_empty());
    let amira_draft = host.ops.record(
        "amira",
        "goal",
        "g-1",
        goal_fields("amira", None, "Stop James talking over me"),
    );
    let draft_title = amira_draft.iter().find(|o| o["field"] == "title").unwrap()["id"].clone();
    assert!(ids(&host.push("amira", amira_draft).await, "rejected").is_empty());
    let cursors = [
        host.pull("amira", "0").await["cursor"].clone(),
        host.pull("james", "0").await["cursor"].clone(),
    ];

    let mut rewrite = host.ops.op(
        "james",
        "learning",
        "l-1",
        "text",
        json!("How Dubai forecasts"),
    );
    rewrite["supersedes"] = json!([draft_text]);
    let share = host
        .ops
        .op("james", "learning", "l-1", "shared", json!(true));
    assert!(ids(&host.push("james", vec![rewrite, share]).await, "rejected").is_empty());
    let mut rename = host.ops.op(
        "amira",
        "goal",
        "g-1",
        "title",
        json!("Speak first at the board"),
    );
    rename["supersedes"] = json!([draft_title]);
    let into_pair = host
        .ops
        .op("amira", "goal", "g-1", "relationship", json!("rel-1"));
    assert!(ids(
        &host.push("amira", vec![rename, into_pair]).await,
        "rejected"
    )
    .is_empty());

    // From the start (a new device) and from where each left off, the partner receives the
    // shared record with its words as they stand, not the words they replaced.
    for since in ["0", cursors[0].as_str().unwrap()] {
        let amira = host.pull("amira", since).await;
        assert_eq!(
            values_of(&amira, "text"),
            [json!("How Dubai forecasts")],
            "{amira}"
        );
    }
    for (person, since) in [
        ("james", "0"),
        ("james", cursors[1].as_str().unwrap()),
        ("hr-admin", "0"),
    ] {
        let pulled = host.pull(person, since).await;
        assert_eq!(
            values_of(&pulled, "title"),
            [json!("Speak first at the board")],
            "{person} from {since}: {pulled}"
        );
    }
    // The writer's own devices still receive everything the writer wrote.
    let james = host.pull("james", "0").await;
    assert_eq!(
        values_of(&james, "text"),
        [
            json!("Amira froze in front of the board"),
            json!("How Dubai forecasts")
        ]
    );
}

#[tokio::test]
async fn whoever_could_see_a_record_learns_it_was_taken_from_them_and_nothing_after() {
    let host = with_relationship().await;
    let entry = json!({ "author": "amira", "relationship": "rel-1", "text": "What the board asked", "shared": true, "written-at": 1 });
    assert!(ids(
        &host
            .push("amira", host.ops.record("amira", "learning", "l-1", entry))
            .await,
        "rejected"
    )
    .is_empty());
    let james = host.pull("james", "0").await;
    assert!(records_seen(&james).contains(&"learning/l-1".to_owned()));
    let cursor = james["cursor"].as_str().unwrap().to_owned();

    // Amira takes her note back and rewrites it: James's device learns it is no longer
    // shared with him, so it stops showing it, and receives nothing written after.
    let unshare = host
        .ops
        .op("amira", "learning", "l-1", "shared", json!(false));
    let rewrite = host
        .ops
        .op("amira", "learning", "l-1", "text", json!("Only for me now"));
    assert!(ids(
        &host.push("amira", vec![unshare.clone(), rewrite]).await,
        "rejected"
    )
    .is_empty());
    let after = host.pull("james", &cursor).await;
    assert_eq!(
        ids(&after, "ops"),
        [unshare["id"].as_str().unwrap()],
        "{after}"
    );

    // The admins give Amira a new mentor: James's device learns he is off the pair.
    let cursor = after["cursor"].as_str().unwrap().to_owned();
    let reassign = sofia_replaces_james(&host);
    assert!(ids(
        &host.push("hr-admin", vec![reassign.clone()]).await,
        "rejected"
    )
    .is_empty());
    let after = host.pull("james", &cursor).await;
    assert_eq!(
        ids(&after, "ops"),
        [format!("withheld-{}", reassign["id"].as_str().unwrap())],
        "{after}"
    );
    // A device of his that never had the records receives nothing of them.
    let fresh = records_seen(&host.pull("james", "0").await);
    assert!(fresh.is_empty(), "{fresh:?}");
}

/// `op` as written on `device`, whose clock reads `ahead_ms` after the writer's counter.
fn on_device(mut op: Value, device: &str, ahead_ms: i64) -> Value {
    let hlc = op["hlc"].as_str().unwrap();
    let wall: i64 = hlc[..13].parse().unwrap();
    op["hlc"] = json!(format!("{:013}-{}", wall + ahead_ms, &hlc[14..]));
    op["device"] = json!(device);
    op
}

#[tokio::test]
async fn a_note_unshared_on_a_device_clocked_behind_the_one_that_shared_it_leaves_the_partner() {
    // The host's own clock plays no part: the order of a field's values is the ops' own.
    let now = Arc::new(AtomicI64::new(1_795_000_000_000));
    let host = host_at(&now);
    let reply = host
        .push(
            "hr-admin",
            host.ops
                .record("hr-admin", "relationship", "rel-1", relationship_fields()),
        )
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    const DAY: i64 = 86_400_000;
    // Amira's laptop runs three days ahead; she shares a learning entry on it.
    let entry = json!({ "author": "amira", "relationship": "rel-1", "text": "What the board asked", "shared": true, "written-at": 1 });
    let laptop: Vec<Value> = (host
        .ops
        .record("amira", "learning", "l-1", entry)
        .into_iter())
    .map(|op| on_device(op, "dev-amira-laptop", 3 * DAY))
    .collect();
    let laptop_op =
        |field: &str| laptop.iter().find(|op| op["field"] == field).unwrap()["id"].clone();
    assert!(ids(&host.push("amira", laptop.clone()).await, "rejected").is_empty());
    let james = host.pull("james", "0").await;
    assert!(
        records_seen(&james).contains(&"learning/l-1".to_owned()),
        "{james}"
    );
    let cursor = james["cursor"].as_str().unwrap().to_owned();

    // The next day, on her phone (its clock right, so behind the laptop's), she unshares it
    // and rewrites it: each op replaces the laptop's, as her phone had it.
    let mut unshare = on_device(
        host.ops
            .op("amira", "learning", "l-1", "shared", json!(false)),
        "dev-amira-phone",
        DAY,
    );
    unshare["supersedes"] = json!([laptop_op("shared")]);
    let mut rewrite = on_device(
        host.ops
            .op("amira", "learning", "l-1", "text", json!("Only for me now")),
        "dev-amira-phone",
        DAY,
    );
    rewrite["supersedes"] = json!([laptop_op("text")]);
    assert!(unshare["hlc"].as_str() < laptop[0]["hlc"].as_str());
    assert!(ids(&host.push("amira", vec![unshare.clone()]).await, "rejected").is_empty());
    assert!(ids(&host.push("amira", vec![rewrite]).await, "rejected").is_empty());

    // James's device learns it is no longer shared with him, and gets nothing written after.
    let after = host.pull("james", &cursor).await;
    assert_eq!(
        ids(&after, "ops"),
        [unshare["id"].as_str().unwrap()],
        "{after}"
    );
    let fresh = host.records_of("james").await;
    assert!(!fresh.contains(&"learning/l-1".to_owned()), "{fresh:?}");
    // Her own devices still get every value.
    let amira = host.pull("amira", "0").await;
    assert_eq!(values_of(&amira, "text").len(), 2, "{amira}");

    // The other way round: an entry kept to herself on the laptop, shared from the phone.
    let entry = json!({ "author": "amira", "relationship": "rel-1", "text": "Who to ask about Dubai", "shared": false, "written-at": 1 });
    let kept: Vec<Value> = (host
        .ops
        .record("amira", "learning", "l-2", entry)
        .into_iter())
    .map(|op| on_device(op, "dev-amira-laptop", 3 * DAY))
    .collect();
    let kept_shared = kept.iter().find(|op| op["field"] == "shared").unwrap()["id"].clone();
    assert!(ids(&host.push("amira", kept).await, "rejected").is_empty());
    assert!(!host
        .records_of("james")
        .await
        .contains(&"learning/l-2".to_owned()));
    let mut share = on_device(
        host.ops
            .op("amira", "learning", "l-2", "shared", json!(true)),
        "dev-amira-phone",
        DAY,
    );
    share["supersedes"] = json!([kept_shared]);
    assert!(ids(&host.push("amira", vec![share]).await, "rejected").is_empty());
    let fresh = host.records_of("james").await;
    assert!(fresh.contains(&"learning/l-2".to_owned()), "{fresh:?}");
}

#[tokio::test]
async fn feedback_is_changed_deleted_and_brought_back_by_its_giver_alone() {
    let host = with_relationship().await;
    let given = json!({
        "giver": "james", "receiver": "amira", "relationship": "rel-1", "session": null,
        "strengths": ["Calm with the board", "The Q3 review"],
        "development-areas": ["Rushes the options", "The pricing talk"],
        "ratings": ["support:4"], "overall": "A good quarter", "visibility": "pair", "given-at": 1,
    });
    let reply = host
        .push("james", host.ops.record("james", "feedback", "f-1", given))
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let amira = host.pull("amira", "0").await;
    assert!(records_seen(&amira).contains(&"feedback/f-1".to_owned()));
    let cursor = amira["cursor"].as_str().unwrap().to_owned();

    // Its receiver neither rewrites, rates again, hides, deletes nor brings it back.
    for (field, value) in [
        ("overall", json!("Kinder words")),
        ("ratings", json!(["support:5"])),
        ("visibility", json!("private")),
        ("deleted", json!(true)),
    ] {
        let op = host.ops.op("amira", "feedback", "f-1", field, value);
        let reply = host.push("amira", vec![op]).await;
        assert_eq!(ids(&reply, "rejected").len(), 1, "{field}: {reply}");
        assert_eq!(reply["rejected"][0]["code"], "forbidden", "{reply}");
    }

    // Nor does its giver hand it to someone else, or to another relationship.
    for (field, value) in [
        ("receiver", json!("sofia")),
        ("relationship", json!("rel-2")),
        ("giver", json!("sofia")),
    ] {
        let op = host.ops.op("james", "feedback", "f-1", field, value);
        let reply = host.push("james", vec![op]).await;
        assert_eq!(
            reply["rejected"][0]["code"], "forbidden",
            "{field}: {reply}"
        );
        let message = reply["rejected"][0]["message"].as_str().unwrap();
        assert!(message.contains("cannot change"), "{field}: {message}");
    }

    // Its giver rewrites it and keeps it for the programme's totals only: Amira's device
    // learns it is no longer hers to read, and receives nothing of the new words.
    let hide = host
        .ops
        .op("james", "feedback", "f-1", "visibility", json!("anonymous"));
    let rewrite = host.ops.op(
        "james",
        "feedback",
        "f-1",
        "overall",
        json!("Only for the totals"),
    );
    let reply = host.push("james", vec![hide.clone(), rewrite]).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let after = host.pull("amira", &cursor).await;
    assert_eq!(
        ids(&after, "ops"),
        [hide["id"].as_str().unwrap()],
        "{after}"
    );
    let fresh = records_seen(&host.pull("amira", "0").await);
    assert!(!fresh.contains(&"feedback/f-1".to_owned()), "{fresh:?}");

    // Deleted by its giver, brought back by its giver alone.
    let delete = host
        .ops
        .op("james", "feedback", "f-1", "deleted", json!(true));
    assert!(ids(&host.push("james", vec![delete]).await, "rejected").is_empty());
    let restore = host
        .ops
        .op("amira", "feedback", "f-1", "deleted", json!(false));
    let reply = host.push("amira", vec![restore]).await;
    assert_eq!(reply["rejected"][0]["code"], "forbidden", "{reply}");
    let restore = host
        .ops
        .op("james", "feedback", "f-1", "deleted", json!(false));
    assert!(ids(&host.push("james", vec![restore]).await, "rejected").is_empty());
}

#[tokio::test]
async fn a_device_paging_through_from_the_start_gets_nothing_of_a_record_taken_before() {
    let host = with_relationship().await;
    let entry = json!({ "author": "amira", "relationship": "rel-1", "text": "What the board asked", "shared": true, "written-at": 1 });
    let ops = host.ops.record("amira", "learning", "l-1", entry);
    assert!(ids(&host.push("amira", ops).await, "rejected").is_empty());
    // James then fills more than a page with his own goal, before the note and the pair are
    // taken from him.
    let mut goal = host.ops.record(
        "james",
        "goal",
        "g-james",
        goal_fields("james", None, "Title 0"),
    );
    for n in 1..=550 {
        goal.push(host.ops.op(
            "james",
            "goal",
            "g-james",
            "title",
            json!(format!("Title {n}")),
        ));
    }
    for chunk in goal.chunks(300) {
        assert!(ids(&host.push("james", chunk.to_vec()).await, "rejected").is_empty());
    }
    let unshare = host
        .ops
        .op("amira", "learning", "l-1", "shared", json!(false));
    assert!(ids(&host.push("amira", vec![unshare]).await, "rejected").is_empty());
    host.take_the_pair_from_james().await;

    let first = host.pull("james", "0").await;
    assert_eq!(first["more"], true, "the case needs two pages");
    let pulled = records_seen(&json!({ "ops": host.pull_all("james").await }));
    assert_eq!(pulled, ["goal/g-james"]);
}

/// A session `author` logged in rel-1 with `partner`, and one action item for Amira.
fn session_ops(
    host: &Host,
    author: &str,
    partner: &str,
    session: &str,
    action: &str,
) -> Vec<Value> {
    let mut ops = host.ops.record(
        author,
        "session",
        session,
        json!({
            "relationship": "rel-1", "author": author, "partner": partner, "at": 1_789_000_000_000_i64,
            "time-zone": "Europe/London", "minutes": 60, "place": "online", "location": "",
            "grow-goal": format!("What Amira told {partner}"), "grow-reality": "", "grow-options": "",
            "grow-will": "", "skills": [], "goals": [],
        }),
    );
    ops.extend(host.ops.record(
        author,
        "action",
        action,
        json!({ "session": session, "position": 0, "text": "Ask for the Riyadh account", "owner": "amira", "due": "2026-12-01", "done": false }),
    ));
    ops
}

#[tokio::test]
async fn a_new_mentor_gets_none_of_the_sessions_the_mentee_had_with_the_one_replaced() {
    let host = with_relationship().await;
    let ops = session_ops(&host, "james", "amira", "s-1", "a-1");
    assert!(ids(&host.push("james", ops).await, "rejected").is_empty());
    let sofia_before = host.pull("sofia", "0").await;
    assert!(records_seen(&sofia_before).is_empty(), "{sofia_before}");

    host.take_the_pair_from_james().await;
    // Neither a device of Sofia's that pulled before she took over nor a new one gets what
    // Amira and James said, or what they agreed.
    let cursor = sofia_before["cursor"].as_str().unwrap();
    for since in ["0", cursor] {
        let pulled = host.pull("sofia", since).await;
        assert_eq!(
            records_seen(&pulled),
            ["relationship/rel-1"],
            "from {since}"
        );
    }

    // What Amira and Sofia say from now on is theirs, action items included; James is off
    // the pair, and Amira keeps the sessions she had with him.
    let ops = session_ops(&host, "sofia", "amira", "s-2", "a-2");
    assert!(ids(&host.push("sofia", ops).await, "rejected").is_empty());
    assert_eq!(
        host.records_of("sofia").await,
        ["action/a-2", "relationship/rel-1", "session/s-2"]
    );
    assert_eq!(
        host.records_of("amira").await,
        [
            "action/a-1",
            "action/a-2",
            "relationship/rel-1",
            "session/s-1",
            "session/s-2"
        ]
    );
    // James, taken off, keeps what he was in, and nothing said since.
    assert_eq!(
        host.records_of("james").await,
        ["action/a-1", "session/s-1"]
    );
}

#[tokio::test]
async fn whoever_is_taken_off_a_pair_keeps_its_sessions_to_read_and_nobody_else_gains_them() {
    let host = with_relationship().await;
    let his = session_ops(&host, "james", "amira", "s-1", "a-1");
    assert!(ids(&host.push("james", his).await, "rejected").is_empty());
    let hers = session_ops(&host, "amira", "james", "s-0", "a-0");
    assert!(ids(&host.push("amira", hers).await, "rejected").is_empty());
    let held = host.pull("james", "0").await;
    let cursor = held["cursor"].as_str().unwrap().to_owned();

    let reassign = host.take_the_pair_from_james().await;
    // His devices learn the relationship is no longer his, by the op that took it, and
    // nothing takes the sessions from them.
    let after = host.pull("james", &cursor).await;
    assert_eq!(
        ids(&after, "ops"),
        [format!("withheld-{reassign}")],
        "{after}"
    );
    // A device of his that never held them gets them, and their action items, but not the
    // relationship, which now names who took his place.
    let fresh = host.pull_all("james").await;
    assert_eq!(
        records_seen(&json!({ "ops": fresh })),
        ["action/a-0", "action/a-1", "session/s-0", "session/s-1"]
    );
    assert!(!fresh.iter().any(|op| op["value"] == "sofia"), "{fresh:?}");

    // What Amira later changes in a session they were in reaches him: he was there.
    let cursor = after["cursor"].as_str().unwrap().to_owned();
    let edit = host.ops.op(
        "amira",
        "session",
        "s-0",
        "grow-will",
        json!("Ask again in May"),
    );
    assert!(ids(&host.push("amira", vec![edit.clone()]).await, "rejected").is_empty());
    let later = host.pull("james", &cursor).await;
    assert_eq!(
        ids(&later, "ops"),
        [edit["id"].as_str().unwrap()],
        "{later}"
    );

    // He reads them, and changes nothing: not what he logged, not an item's tick, not a
    // deletion.
    for (entity, record, field, value) in [
        ("session", "s-1", "grow-will", json!("Rewritten")),
        ("action", "a-1", "done", json!(true)),
        ("session", "s-1", "deleted", json!(true)),
    ] {
        let op = host.ops.op("james", entity, record, field, value);
        let reply = host.push("james", vec![op]).await;
        assert_eq!(
            reply["rejected"][0]["code"], "forbidden",
            "{field}: {reply}"
        );
    }

    // Sofia, who took his place, and the programme's admins get none of them.
    assert_eq!(host.records_of("sofia").await, ["relationship/rel-1"]);
    let admin = host.records_of("hr-admin").await;
    assert!(
        !admin
            .iter()
            .any(|r| r.starts_with("session/") || r.starts_with("action/")),
        "{admin:?}"
    );
}

/// The notices to someone taken off a pair among `ops`: each record's fields as pulled.
fn notices(ops: &[Value]) -> BTreeMap<String, BTreeMap<String, Value>> {
    let mut notices: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for op in ops.iter().filter(|op| op["entity"] == "taken-off") {
        let record = op["record"].as_str().unwrap().to_owned();
        let field = op["field"].as_str().unwrap().to_owned();
        notices
            .entry(record)
            .or_default()
            .insert(field, op["value"].clone());
    }
    notices
}

#[tokio::test]
async fn whoever_is_taken_off_a_pair_is_told_on_every_device_and_keeps_the_feedback_they_gave() {
    let host = with_relationship().await;
    // James gave Amira feedback; no session was logged.
    let given = json!({
        "giver": "james", "receiver": "amira", "relationship": "rel-1", "session": null,
        "strengths": ["Calm with the board", "The Q3 review"],
        "development-areas": ["Rushes the options", "The pricing talk"],
        "ratings": ["support:4"], "overall": "JAMES-FEEDBACK", "visibility": "pair", "given-at": 1,
    });
    let reply = host
        .push("james", host.ops.record("james", "feedback", "f-1", given))
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let held = host.pull_told("james", "0").await;
    assert!(notices(held["ops"].as_array().unwrap()).is_empty());
    let cursor = held["cursor"].as_str().unwrap().to_owned();

    let reassign = host.take_the_pair_from_james().await;
    let wall: i64 = reassign
        .trim_start_matches("op-hr-admin-")
        .parse::<i64>()
        .unwrap()
        + 1_795_000_000_000;
    let expected = BTreeMap::from([
        ("at".to_owned(), json!(wall)),
        ("partner".to_owned(), json!("amira")),
        ("person".to_owned(), json!("james")),
        ("programme".to_owned(), json!("mentoring-2026")),
        ("relationship".to_owned(), json!("rel-1")),
    ]);
    // The device that held the pair is told, and so is every other device of his, a new one
    // included, which never held the relationship: who he was paired with and when, never
    // who took his place. The feedback he gave stays his on both.
    let after = host.pull_told("james", &cursor).await;
    let told = notices(after["ops"].as_array().unwrap());
    assert_eq!(told.values().collect::<Vec<_>>(), [&expected], "{after}");
    let mut fresh = Vec::new();
    let mut since = "0".to_owned();
    loop {
        let page = host.pull_told("james", &since).await;
        fresh.extend(page["ops"].as_array().unwrap().iter().cloned());
        since = page["cursor"].as_str().unwrap().to_owned();
        if page["more"] != true {
            break;
        }
    }
    assert_eq!(notices(&fresh), told);
    let seen = records_seen(&json!({ "ops": fresh }));
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0], "feedback/f-1");
    assert!(seen[1].starts_with("taken-off/portal-taken-"), "{seen:?}");
    for ops in [&fresh, after["ops"].as_array().unwrap()] {
        let notice_ops = ops.iter().filter(|op| op["entity"] == "taken-off");
        assert!(
            notice_ops
                .clone()
                .all(|op| !op.to_string().contains("sofia")),
            "{ops:?}"
        );
        assert!(notice_ops.clone().all(|op| op["device"] == "portal"));
    }
    // Told once: another push about the pair writes no second notice.
    let purpose = host.ops.op(
        "hr-admin",
        "relationship",
        "rel-1",
        "purpose",
        json!("Board work"),
    );
    assert!(ids(&host.push("hr-admin", vec![purpose]).await, "rejected").is_empty());
    let again = host
        .pull_told("james", after["cursor"].as_str().unwrap())
        .await;
    assert!(
        notices(again["ops"].as_array().unwrap()).is_empty(),
        "{again}"
    );

    // Nobody else is told: not who took his place, not his partner, not the admins.
    for who in ["sofia", "amira", "hr-admin"] {
        let page = host.pull_told(who, "0").await;
        assert!(notices(page["ops"].as_array().unwrap()).is_empty(), "{who}");
    }
    // Nor may anyone write one, the admins included: the host alone does.
    for who in ["james", "hr-admin"] {
        let forged = host.ops.record(
            who,
            "taken-off",
            "n-forged",
            json!({ "person": "james", "relationship": "rel-1", "programme": "mentoring-2026",
                    "partner": "sofia", "at": 1 }),
        );
        let reply = host.push(who, forged).await;
        assert_eq!(ids(&reply, "rejected").len(), 5, "{who}: {reply}");
        assert_eq!(reply["rejected"][0]["code"], "forbidden", "{reply}");
    }

    // The admins delete the relationship: the notice goes with it on his devices.
    let cursor = again["cursor"].as_str().unwrap().to_owned();
    let delete = host
        .ops
        .op("hr-admin", "relationship", "rel-1", "deleted", json!(true));
    assert!(ids(&host.push("hr-admin", vec![delete]).await, "rejected").is_empty());
    let gone = host.pull_told("james", &cursor).await;
    let deleted = notices(gone["ops"].as_array().unwrap());
    assert_eq!(
        deleted
            .values()
            .map(|f| f.get("deleted"))
            .collect::<Vec<_>>(),
        [Some(&json!(true))],
        "{gone}"
    );
}

#[tokio::test]
async fn a_save_that_replaces_both_of_a_pair_tells_each_the_partner_they_had() {
    let host = with_relationship().await;
    // One save of the admins puts sofia and lena in james's and amira's places.
    let mut save = vec![
        host.ops.op(
            "hr-admin",
            "relationship",
            "rel-1",
            "mentor",
            json!("sofia"),
        ),
        host.ops
            .op("hr-admin", "relationship", "rel-1", "mentee", json!("lena")),
    ];
    let hlc = save[0]["hlc"].clone();
    save[1]["hlc"] = hlc;
    let reply = host.push("hr-admin", save).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    for (who, partner) in [("james", "amira"), ("amira", "james")] {
        let page = host.pull_told(who, "0").await;
        let told = notices(page["ops"].as_array().unwrap());
        let fields: Vec<_> = told.values().collect();
        assert_eq!(fields.len(), 1, "{who}: {page}");
        assert_eq!(fields[0]["partner"], json!(partner), "{who}");
        assert_eq!(fields[0]["person"], json!(who));
        assert!(!page.to_string().contains("sofia") && !page.to_string().contains("lena"));
    }
    for who in ["sofia", "lena"] {
        let page = host.pull_told(who, "0").await;
        assert!(notices(page["ops"].as_array().unwrap()).is_empty(), "{who}");
    }
}

#[tokio::test]
async fn deleting_and_restoring_a_relationship_reaches_whoever_was_taken_off_it_and_names_nobody() {
    let host = with_relationship().await;
    let his = session_ops(&host, "james", "amira", "s-1", "a-1");
    assert!(ids(&host.push("james", his).await, "rejected").is_empty());
    let held = host.pull("james", "0").await;
    host.take_the_pair_from_james().await;
    let after = host.pull("james", held["cursor"].as_str().unwrap()).await;
    let cursor = after["cursor"].as_str().unwrap().to_owned();
    let lena_before = host.pull("lena", "0").await;

    // The admins delete the relationship (made in error, or erased on request).
    let delete = host
        .ops
        .op("hr-admin", "relationship", "rel-1", "deleted", json!(true));
    let delete_id = delete["id"].as_str().unwrap().to_owned();
    assert!(ids(&host.push("hr-admin", vec![delete]).await, "rejected").is_empty());
    // His devices that held the sessions, and a new one, learn it is gone: by a stand-in for
    // the deletion alone, never a field of the relationship, which names who took his place.
    let withheld = format!("withheld-{delete_id}");
    let told = host.pull("james", &cursor).await;
    assert_eq!(ids(&told, "ops"), std::slice::from_ref(&withheld), "{told}");
    let fresh = host.pull_all("james").await;
    assert_eq!(
        fresh
            .iter()
            .map(|op| op["id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        [withheld.as_str()],
        "{fresh:?}"
    );
    assert!(!fresh.iter().any(|op| op["value"] == "sofia"), "{fresh:?}");
    // Whoever was in none of its sessions learns nothing of it.
    let lena = host
        .pull("lena", lena_before["cursor"].as_str().unwrap())
        .await;
    assert!(records_seen(&lena).is_empty(), "{lena}");
    assert!(host.records_of("lena").await.is_empty());
    // Brought back, from an admin's device whose clock is behind the one that deleted it: his
    // devices that were told of the deletion are told of this too, the same way, so they show
    // the sessions he kept again.
    let mut back = host
        .ops
        .op("hr-admin", "relationship", "rel-1", "deleted", json!(false));
    back["hlc"] = json!("1794999999999-00000");
    back["device"] = json!("dev-hr-admin-laptop");
    back["supersedes"] = json!([delete_id]);
    assert!(ids(&host.push("hr-admin", vec![back.clone()]).await, "rejected").is_empty());
    let restored = host.pull("james", told["cursor"].as_str().unwrap()).await;
    let held_then: Vec<Value> = [&held, &after, &told, &restored]
        .iter()
        .flat_map(|page| page["ops"].as_array().unwrap().iter().cloned())
        .collect();
    // Folded with what his device held, the relationship stands again (not deleted).
    rel_1_as_read(&held_then);
    let mut stand_in = back.clone();
    stand_in["id"] = json!(format!("withheld-{}", back["id"].as_str().unwrap()));
    stand_in["actor"] = json!("rel-1");
    stand_in["device"] = json!("portal");
    stand_in["supersedes"] = json!([delete_id, withheld]);
    assert_eq!(restored["ops"], json!([stand_in]), "{restored}");
    assert!(!restored.to_string().contains("sofia"), "{restored}");
    // Told once; a new device of his, never told of the deletion, gets nothing of either.
    let again = host
        .pull("james", restored["cursor"].as_str().unwrap())
        .await;
    assert!(again["ops"].as_array().unwrap().is_empty(), "{again}");
    let fresh = host.pull_all("james").await;
    assert!(
        !fresh.iter().any(|op| op["entity"] == "relationship"),
        "{fresh:?}"
    );
    let lena = host
        .pull("lena", lena_before["cursor"].as_str().unwrap())
        .await;
    assert!(records_seen(&lena).is_empty(), "{lena}");
}

#[tokio::test]
async fn a_deletion_reaches_whoever_was_taken_off_without_the_admin_who_took_their_place() {
    let host = with_relationship().await;
    let his = session_ops(&host, "james", "amira", "s-1", "a-1");
    assert!(ids(&host.push("james", his).await, "rejected").is_empty());
    let cursor = host.pull("james", "0").await["cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    // The admin puts themselves in James's place, then deletes the relationship.
    let admin = host.ops.op(
        "hr-admin",
        "relationship",
        "rel-1",
        "mentor",
        json!("hr-admin"),
    );
    assert!(ids(&host.push("hr-admin", vec![admin]).await, "rejected").is_empty());
    let cursor = host.pull("james", &cursor).await["cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let amira = host.pull("amira", "0").await;
    let delete = host
        .ops
        .op("hr-admin", "relationship", "rel-1", "deleted", json!(true));
    assert!(ids(
        &host.push("hr-admin", vec![delete.clone()]).await,
        "rejected"
    )
    .is_empty());
    // James learns it went from a stand-in: the relationship as who wrote it, the portal's
    // device, everything else as pushed, under an id of its own; the same op on a new device
    // and when sent again.
    let mut stand_in = delete.clone();
    stand_in["id"] = json!(format!("withheld-{}", delete["id"].as_str().unwrap()));
    stand_in["actor"] = json!("rel-1");
    stand_in["device"] = json!("portal");
    let told = host.pull("james", &cursor).await;
    let of_it: Vec<&Value> = (told["ops"].as_array().unwrap().iter())
        .filter(|op| op["entity"] == "relationship")
        .collect();
    assert_eq!(of_it, [&stand_in], "{told}");
    assert_eq!(host.pull("james", &cursor).await["ops"], told["ops"]);
    let fresh = host.pull_all("james").await;
    assert!(fresh.contains(&stand_in), "{fresh:?}");
    assert!(
        !(fresh.iter())
            .filter(|op| op["entity"] == "relationship")
            .any(|op| op["actor"] == "hr-admin" || op["value"] == "hr-admin"),
        "{fresh:?}"
    );
    // Amira, still of the pair, and the admins get the op as it was pushed.
    let hers = host.pull("amira", amira["cursor"].as_str().unwrap()).await;
    assert!(hers["ops"].as_array().unwrap().contains(&delete), "{hers}");
    assert!(host.pull_all("hr-admin").await.contains(&delete));
}

#[tokio::test]
async fn feedback_given_to_someone_taken_off_keeps_reaching_them_and_nobody_new() {
    let host = with_relationship().await;
    // Amira gave James feedback: one for him to read, one for the programme's totals alone.
    let feedback = |overall: &str, visibility: &str| {
        json!({
            "giver": "amira", "receiver": "james", "relationship": "rel-1", "session": null,
            "strengths": ["Calm with the board", "The Q3 review"],
            "development-areas": ["Rushes the options", "The pricing talk"],
            "ratings": ["support:4"], "overall": overall, "visibility": visibility,
            "given-at": 1,
        })
    };
    let mut ops = host
        .ops
        .record("amira", "feedback", "f-his", feedback("FOR-JAMES", "pair"));
    ops.extend(host.ops.record(
        "amira",
        "feedback",
        "f-totals",
        feedback("TOTALS-ONLY", "anonymous"),
    ));
    let reply = host.push("amira", ops).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let held = host.pull("james", "0").await;
    let cursor = held["cursor"].as_str().unwrap().to_owned();

    host.take_the_pair_from_james().await;
    // She rewrites it after: the device that held it receives the change, and a new device of
    // his receives it whole; the totals' feedback never, nor does Sofia receive any of it.
    let rewrite = host.ops.op(
        "amira",
        "feedback",
        "f-his",
        "overall",
        json!("REWRITTEN-FOR-JAMES"),
    );
    assert!(ids(&host.push("amira", vec![rewrite.clone()]).await, "rejected").is_empty());
    let after = host.pull("james", &cursor).await;
    assert!(
        after["ops"].as_array().unwrap().contains(&rewrite),
        "{after}"
    );
    let fresh = host.pull_all("james").await;
    let seen = records_seen(&json!({ "ops": fresh }));
    assert!(seen.contains(&"feedback/f-his".to_owned()), "{seen:?}");
    assert!(!seen.contains(&"feedback/f-totals".to_owned()), "{seen:?}");
    assert!(fresh.contains(&rewrite));
    assert!(!json!(fresh).to_string().contains("TOTALS-ONLY"));
    let sofias = host.pull_all("sofia").await;
    assert!(
        !(sofias.iter()).any(|op| op["entity"] == "feedback"),
        "{sofias:?}"
    );
}

/// `session_ops` as a widget from before `partner` pushes them: without it (`None`), or with
/// it empty (`Some(null)`).
fn session_ops_without_partner(
    host: &Host,
    author: &str,
    session: &str,
    action: &str,
    partner: Option<Value>,
) -> Vec<Value> {
    let mut ops = session_ops(host, author, "amira", session, action);
    match partner {
        None => ops.retain(|op| op["field"] != "partner"),
        Some(value) => {
            for op in ops.iter_mut().filter(|op| op["field"] == "partner") {
                op["value"] = value.clone();
            }
        }
    }
    ops
}

/// The ops `ops` holds that set `session`'s `partner`.
fn partner_ops<'a>(ops: &'a [Value], session: &str) -> Vec<&'a Value> {
    ops.iter()
        .filter(|op| op["record"] == session && op["field"] == "partner")
        .collect()
}

#[tokio::test]
async fn a_session_pushed_without_its_pair_is_kept_and_stays_with_that_pair() {
    let host = with_relationship().await;
    let mut ops = session_ops_without_partner(&host, "james", "s-1", "a-1", None);
    ops.extend(session_ops_without_partner(
        &host, "james", "s-2", "a-2", None,
    ));
    let reply = host.push("james", ops.clone()).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    assert_eq!(ids(&reply, "acknowledged").len(), ops.len(), "{reply}");

    host.take_the_pair_from_james().await;
    assert_eq!(host.records_of("sofia").await, ["relationship/rel-1"]);
    let amira = host.pull_all("amira").await;
    assert_eq!(
        records_seen(&json!({ "ops": amira })),
        [
            "action/a-1",
            "action/a-2",
            "relationship/rel-1",
            "session/s-1",
            "session/s-2"
        ]
    );

    // The portal recorded the pair as an op of its own, which reaches the pair's devices and
    // wins over the empty value without a conflict.
    for session in ["s-1", "s-2"] {
        let recorded: Vec<_> = partner_ops(&amira, session)
            .into_iter()
            .filter(|op| op["device"] == "portal")
            .collect();
        assert_eq!(recorded.len(), 1, "{session}: {amira:?}");
        let op = recorded[0];
        assert_eq!(op["value"], "amira", "{op}");
        assert_eq!(op["actor"], "james", "the session's author: {op}");
        assert!(op["id"].as_str().unwrap().starts_with("portal-"), "{op}");
    }

    // The same push again records nothing more.
    let reply = host.push("james", ops.clone()).await;
    assert_eq!(ids(&reply, "acknowledged").len(), ops.len(), "{reply}");
    assert_eq!(host.pull_all("amira").await.len(), amira.len());
}

#[tokio::test]
async fn a_session_pushed_with_an_empty_pair_is_refused_so_none_can_outrank_the_pair_recorded() {
    let host = with_relationship().await;
    let mut ops = session_ops_without_partner(&host, "james", "s-1", "a-1", Some(Value::Null));
    // An empty pair clocked later than any op the portal could write after it.
    let empty = ops.iter_mut().find(|op| op["field"] == "partner").unwrap();
    empty["hlc"] = json!("9999999999999-99999");
    empty["device"] = json!("zzz");
    let empty = empty["id"].clone();
    let reply = host.push("james", ops.clone()).await;
    let rejected = reply["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), ops.len(), "the whole session: {reply}");
    let refusal = rejected.iter().find(|r| r["id"] == empty).unwrap();
    assert_eq!(refusal["code"], "invalid_op", "{reply}");
    let message = refusal["message"].as_str().unwrap();
    assert!(
        message.contains("partner") && message.contains("leave the field out"),
        "{message}"
    );

    // Sent again without it, the session is kept and its pair recorded.
    let ops: Vec<Value> = ops.into_iter().filter(|op| op["id"] != empty).collect();
    let reply = host.push("james", ops).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    host.take_the_pair_from_james().await;
    assert_eq!(host.records_of("sofia").await, ["relationship/rel-1"]);
    let amira = host.pull_all("amira").await;
    let recorded = partner_ops(&amira, "s-1");
    assert_eq!(recorded.len(), 1, "{amira:?}");
    assert_eq!(recorded[0]["value"], "amira");
}

/// The op that took a pair from `person`, as their devices pull it after `cursor`.
async fn told_off(host: &Host, person: &str, cursor: &str) -> Value {
    let after = host.pull(person, cursor).await;
    let ops = after["ops"].as_array().unwrap();
    assert_eq!(ops.len(), 1, "{after}");
    ops[0].clone()
}

#[tokio::test]
async fn whoever_is_taken_off_a_pair_learns_it_without_who_took_their_place() {
    let host = with_relationship().await;
    let his = session_ops(&host, "james", "amira", "s-1", "a-1");
    assert!(ids(&host.push("james", his).await, "rejected").is_empty());
    let held = host.pull("james", "0").await;
    let cursor = held["cursor"].as_str().unwrap().to_owned();
    let amira = host.pull("amira", "0").await;

    let mut reassign = host.ops.op(
        "hr-admin",
        "relationship",
        "rel-1",
        "mentor",
        json!("sofia"),
    );
    let james_mentor = (held["ops"].as_array().unwrap().iter())
        .find(|op| op["record"] == "rel-1" && op["field"] == "mentor")
        .unwrap()["id"]
        .clone();
    reassign["supersedes"] = json!([james_mentor]);
    assert!(ids(
        &host.push("hr-admin", vec![reassign.clone()]).await,
        "rejected"
    )
    .is_empty());

    // His devices learn the pair is no longer his from a stand-in for the op that took it:
    // where it stands in the field's order, what it replaced, and the relationship itself in
    // place of its new mentor, whose id never reaches him.
    let told = told_off(&host, "james", &cursor).await;
    assert!(!told.to_string().contains("sofia"), "{told}");
    let stand_in = |op: &Value| {
        let mut op = op.clone();
        op["id"] = json!(format!("withheld-{}", op["id"].as_str().unwrap()));
        op["value"] = json!("rel-1");
        // Not the admin's device: a device's id is the same on every op it makes.
        op["device"] = json!("portal");
        op
    };
    assert_eq!(told, stand_in(&reassign));
    // The same op each time it is sent, so no device holds its id with other content.
    assert_eq!(told_off(&host, "james", &cursor).await, told);
    // Those still in the pair, and its admins, get the op as it was pushed.
    let amira = host.pull("amira", amira["cursor"].as_str().unwrap()).await;
    let hers = amira["ops"].as_array().unwrap();
    assert!(hers.contains(&reassign), "{amira}");
    assert!(
        !hers
            .iter()
            .any(|op| op["id"].as_str().unwrap().starts_with("withheld")),
        "{amira}"
    );
    assert!(host.pull_all("hr-admin").await.contains(&reassign));

    // The mentee taken off in turn learns it the same way, and nothing names Lena to her.
    let cursor = amira["cursor"].as_str().unwrap().to_owned();
    let lena = host
        .ops
        .op("hr-admin", "relationship", "rel-1", "mentee", json!("lena"));
    assert!(ids(&host.push("hr-admin", vec![lena.clone()]).await, "rejected").is_empty());
    assert_eq!(told_off(&host, "amira", &cursor).await, stand_in(&lena));

    // An admin who puts themselves in the pair took Sofia's place: the stand-in names them
    // neither as the mentor nor as who wrote it.
    let cursor = host.pull("sofia", "0").await["cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let admin = host.ops.op(
        "hr-admin",
        "relationship",
        "rel-1",
        "mentor",
        json!("hr-admin"),
    );
    let reply = host.push("hr-admin", vec![admin.clone()]).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let told = told_off(&host, "sofia", &cursor).await;
    assert_eq!(
        (&told["id"], &told["actor"], &told["value"]),
        (
            &json!(format!("withheld-{}", admin["id"].as_str().unwrap())),
            &json!("rel-1"),
            &json!("rel-1")
        ),
        "{told}"
    );
    // Nor does the host's notice that she was taken off (this test's device and op ids name
    // their writers; a widget's are random).
    let everything = host.pull_told("sofia", &cursor).await;
    let notices: Vec<&Value> = (everything["ops"].as_array().unwrap().iter())
        .filter(|op| op["entity"] == "taken-off")
        .collect();
    assert!(!notices.is_empty(), "{everything}");
    for notice in notices {
        assert!(
            !notice.to_string().contains("hr-admin"),
            "the notice names who took her place: {notice}"
        );
    }
}

#[tokio::test]
async fn nobody_pushes_as_the_portal() {
    let host = with_relationship().await;
    let mut as_portal = host
        .ops
        .op("james", "session", "s-1", "grow-goal", json!("x"));
    as_portal["device"] = json!("portal");
    let mut portal_id = host
        .ops
        .op("james", "session", "s-1", "grow-goal", json!("x"));
    portal_id["id"] = json!("portal-partner-99");
    // Nor as the stand-in it sends for an op withheld from someone, which is never a conflict.
    let mut stand_in = host
        .ops
        .op("hr-admin", "relationship", "rel-1", "mentor", json!("lena"));
    stand_in["id"] = json!("withheld-op-1");
    let reply = host.push("james", vec![as_portal, portal_id]).await;
    let mut rejected = reply["rejected"].as_array().unwrap().clone();
    let reply = host.push("hr-admin", vec![stand_in]).await;
    rejected.extend(reply["rejected"].as_array().unwrap().iter().cloned());
    assert_eq!(rejected.len(), 3, "{reply}");
    for refusal in rejected {
        assert_eq!(refusal["code"], "invalid_op", "{reply}");
        assert!(
            refusal["message"]
                .as_str()
                .unwrap()
                .contains("portal's own"),
            "{reply}"
        );
    }
}

/// Stores `ops` as a portal from before `partner` stored them, unchecked, straight into its
/// op log.
fn store_as_before(db: &Db, ops: &[Value]) {
    for op in ops {
        let (id, entity, record) = (
            op["id"].as_str().unwrap(),
            op["entity"].as_str().unwrap(),
            op["record"].as_str().unwrap(),
        );
        db.store_op(id, entity, record, &op.to_string()).unwrap();
    }
}

/// A portal started on `db`, with the ops writer `ops` carries on.
fn started(db: &Db, ops: OpWriter) -> Host {
    let portal = Portal::new(db.clone(), env!("CARGO_MANIFEST_DIR").into()).unwrap();
    Host {
        api: Api(router(portal)),
        ops,
    }
}

/// Amira's relationship with James and a session James logged in it with one action item,
/// stored without its pair, as before the portal recorded pairs.
fn logged_before_pairs_were_recorded(host: &Host) -> Vec<Value> {
    let mut log = host
        .ops
        .record("hr-admin", "relationship", "rel-1", relationship_fields());
    log.extend(session_ops_without_partner(
        host, "james", "s-1", "a-1", None,
    ));
    log
}

/// The admins make Sofia Amira's mentor instead of James.
fn sofia_replaces_james(host: &Host) -> Value {
    host.ops.op(
        "hr-admin",
        "relationship",
        "rel-1",
        "mentor",
        json!("sofia"),
    )
}

#[tokio::test]
async fn sessions_stored_without_their_pair_get_it_at_start_from_when_they_were_logged() {
    let db = Db::in_memory().unwrap();
    let host = started(&db, OpWriter::new(1, 1_795_000_000_000));
    // Amira and James log a session; then the admins give Amira a new mentor, all before the
    // portal recorded sessions' pairs.
    let mut log = logged_before_pairs_were_recorded(&host);
    log.push(sofia_replaces_james(&host));
    store_as_before(&db, &log);

    let host = started(&db, host.ops);
    assert_eq!(host.records_of("sofia").await, ["relationship/rel-1"]);
    let amira = host.pull_all("amira").await;
    assert_eq!(
        records_seen(&json!({ "ops": amira })),
        ["action/a-1", "relationship/rel-1", "session/s-1"]
    );
    let recorded = partner_ops(&amira, "s-1");
    assert_eq!(recorded.len(), 1, "{amira:?}");
    assert_eq!(recorded[0]["value"], "amira");
    assert_eq!(recorded[0]["device"], "portal");
    // The session stays Amira's and James's: nobody may say it was logged with Sofia.
    let rewrite = host
        .ops
        .op("amira", "session", "s-1", "partner", json!("sofia"));
    let reply = host.push("amira", vec![rewrite]).await;
    assert_eq!(reply["rejected"][0]["code"], "forbidden", "{reply}");

    // Once is enough: starting again stores nothing.
    let stored = db.all_ops().unwrap().len();
    let host = started(&db, host.ops);
    assert_eq!(db.all_ops().unwrap().len(), stored);
    assert_eq!(host.records_of("sofia").await, ["relationship/rel-1"]);
}

#[tokio::test]
async fn a_replacement_whose_devices_held_a_session_stored_without_its_pair_is_told_it_is_not_theirs(
) {
    let db = Db::in_memory().unwrap();
    let host = started(&db, OpWriter::new(1, 1_795_000_000_000));
    // Before the portal recorded sessions' pairs: Amira and James log a session, the admins
    // give Amira a new mentor, and Sofia's device pulls everything, the session included.
    let mut log = logged_before_pairs_were_recorded(&host);
    log.push(sofia_replaces_james(&host));
    store_as_before(&db, &log);
    let cursor = db.all_ops().unwrap().last().unwrap().0.to_string();

    let host = started(&db, host.ops);
    let pulled = host.pull("sofia", &cursor).await;
    // Besides the agreement the portal empties for the new pair at its start.
    let ops: Vec<&Value> = (pulled["ops"].as_array().unwrap().iter())
        .filter(|op| {
            !(op["record"] == "rel-1"
                && op["id"].as_str().unwrap().starts_with("portal-agreement-"))
        })
        .collect();
    assert_eq!(ops.len(), 1, "the op that takes the session back: {pulled}");
    assert_eq!(ops[0]["record"], "s-1");
    assert_eq!(ops[0]["field"], "partner");
    assert_eq!(ops[0]["value"], "amira");
    // Nothing more of it comes after.
    let cursor = pulled["cursor"].as_str().unwrap();
    assert!(host.pull("sofia", cursor).await["ops"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_session_clocked_before_its_relationship_gets_the_pair_it_was_stored_with() {
    let db = Db::in_memory().unwrap();
    let host = started(&db, OpWriter::new(1, 1_795_000_000_000));
    let relationship = host
        .ops
        .record("hr-admin", "relationship", "rel-1", relationship_fields());
    store_as_before(&db, &relationship);
    // A device whose clock is behind the admins' logs a session in it.
    let behind = started(&db, OpWriter::new(100, 1_700_000_000_000));
    let offline = session_ops_without_partner(&behind, "james", "s-1", "a-1", None);
    store_as_before(&db, &offline);

    let host = started(&db, host.ops);
    let amira = host.pull_all("amira").await;
    let recorded = partner_ops(&amira, "s-1");
    assert_eq!(recorded.len(), 1, "{amira:?}");
    assert_eq!(recorded[0]["value"], "amira");
}

#[tokio::test]
async fn a_replacement_whose_devices_pulled_past_a_session_before_joining_gets_nothing_of_it() {
    let db = Db::in_memory().unwrap();
    let host = started(&db, OpWriter::new(1, 1_795_000_000_000));
    // Before the portal recorded sessions' pairs: Amira and James log a session, and Sofia's
    // device pulls past it, receiving nothing of it; then the admins make her Amira's mentor.
    let log = logged_before_pairs_were_recorded(&host);
    store_as_before(&db, &log);
    let cursor = db.all_ops().unwrap().last().unwrap().0.to_string();
    store_as_before(&db, &[sofia_replaces_james(&host)]);

    let host = started(&db, host.ops);
    let pulled = host.pull("sofia", &cursor).await;
    assert_eq!(
        records_seen(&pulled),
        ["relationship/rel-1"],
        "nothing of the session: {pulled}"
    );
}

#[tokio::test]
async fn the_pair_recorded_at_start_reaches_the_pairs_devices_alone_not_the_session_again() {
    let db = Db::in_memory().unwrap();
    let host = started(&db, OpWriter::new(1, 1_795_000_000_000));
    let log = logged_before_pairs_were_recorded(&host);
    store_as_before(&db, &log);
    // Both of the pair had pulled everything.
    let cursor = db.all_ops().unwrap().last().unwrap().0.to_string();

    let host = started(&db, host.ops);
    for person in ["amira", "james"] {
        let pulled = host.pull(person, &cursor).await;
        let ops = pulled["ops"].as_array().unwrap();
        assert_eq!(ops.len(), 1, "{person}: {pulled}");
        assert_eq!(ops[0]["field"], "partner", "{person}: {pulled}");
        assert_eq!(ops[0]["device"], "portal", "{person}: {pulled}");
    }
}

/// The ids of the ops a portal started on a new database records the pairs of `sessions`
/// with, stored in that order without them, by session.
async fn recording_ops(sessions: &[&str]) -> BTreeMap<String, String> {
    let db = Db::in_memory().unwrap();
    let ops = OpWriter::new(1, 1_795_000_000_000);
    let host = started(&db, ops);
    let mut log = host
        .ops
        .record("hr-admin", "relationship", "rel-1", relationship_fields());
    for session in sessions {
        let action = format!("a-{}", session.len());
        log.extend(session_ops_without_partner(
            &host, "james", session, &action, None,
        ));
    }
    store_as_before(&db, &log);
    let host = started(&db, host.ops);
    host.pull_all("amira")
        .await
        .iter()
        .filter(|op| op["device"] == "portal")
        .map(|op| {
            let id = op["id"].as_str().unwrap();
            assert!(id.len() <= 64, "{id}");
            (op["record"].as_str().unwrap().to_owned(), id.to_owned())
        })
        .collect()
}

#[tokio::test]
async fn the_op_recording_a_pair_is_named_by_its_session_so_a_new_database_never_reuses_its_id() {
    let long = "s".repeat(64);
    let before = recording_ops(&["s-0", &long]).await;
    // The database is made again and the sessions come in another order; devices still hold
    // the ops of the first.
    let after = recording_ops(&[&long, "s-1"]).await;
    assert_eq!(before.len(), 2, "{before:?}");
    assert_eq!(after.len(), 2, "{after:?}");
    assert_eq!(before[&long], after[&long], "the same session, the same op");
    let ids: BTreeSet<&String> = before.values().chain(after.values()).collect();
    assert_eq!(ids.len(), 3, "no id names two ops: {before:?} {after:?}");
}

#[tokio::test]
async fn sessions_stored_without_their_pair_stay_with_it_when_a_partner_is_replaced_later() {
    let db = Db::in_memory().unwrap();
    let host = started(&db, OpWriter::new(1, 1_795_000_000_000));
    let relationship = host
        .ops
        .record("hr-admin", "relationship", "rel-1", relationship_fields());
    assert!(ids(&host.push("hr-admin", relationship).await, "rejected").is_empty());
    let log = session_ops_without_partner(&host, "amira", "s-1", "a-1", None);
    store_as_before(&db, &log);

    let host = started(&db, host.ops);
    // The pair it was logged with still have it.
    for person in ["amira", "james"] {
        assert_eq!(
            host.records_of(person).await,
            ["action/a-1", "relationship/rel-1", "session/s-1"],
            "{person}"
        );
    }
    host.take_the_pair_from_james().await;
    assert_eq!(host.records_of("sofia").await, ["relationship/rel-1"]);
    let amira = host.pull_all("amira").await;
    assert_eq!(
        records_seen(&json!({ "ops": amira })),
        ["action/a-1", "relationship/rel-1", "session/s-1"]
    );
    let recorded = partner_ops(&amira, "s-1");
    assert_eq!(recorded.len(), 1, "{amira:?}");
    assert_eq!(recorded[0]["value"], "james");
    assert_eq!(recorded[0]["actor"], "amira");
}

#[tokio::test]
async fn a_session_logged_offline_before_a_partner_was_replaced_stays_with_the_pair_it_was_logged_with(
) {
    let host = with_relationship().await;
    // Amira's widget, cached from before `partner`, logs a session with James offline; the
    // admins then give her Sofia as mentor, and only after that does her device push.
    let offline = session_ops_without_partner(&host, "amira", "s-1", "a-1", None);
    host.take_the_pair_from_james().await;
    let reply = host.push("amira", offline).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");

    assert_eq!(host.records_of("sofia").await, ["relationship/rel-1"]);
    let amira = host.pull_all("amira").await;
    assert_eq!(
        records_seen(&json!({ "ops": amira })),
        ["action/a-1", "relationship/rel-1", "session/s-1"]
    );
    let recorded = partner_ops(&amira, "s-1");
    assert_eq!(recorded.len(), 1, "{amira:?}");
    assert_eq!(recorded[0]["value"], "james", "{}", recorded[0]);
}

#[tokio::test]
async fn a_session_stored_after_a_replacement_it_came_before_gets_the_pair_of_its_own_clock_at_start(
) {
    let db = Db::in_memory().unwrap();
    let host = started(&db, OpWriter::new(1, 1_795_000_000_000));
    // A portal from before it recorded pairs stored the replacement first, then the session
    // a device had logged offline before it.
    let mut log = host
        .ops
        .record("hr-admin", "relationship", "rel-1", relationship_fields());
    let offline = session_ops_without_partner(&host, "james", "s-1", "a-1", None);
    log.push(sofia_replaces_james(&host));
    log.extend(offline);
    store_as_before(&db, &log);

    let host = started(&db, host.ops);
    assert_eq!(host.records_of("sofia").await, ["relationship/rel-1"]);
    let amira = host.pull_all("amira").await;
    let recorded = partner_ops(&amira, "s-1");
    assert_eq!(recorded.len(), 1, "{amira:?}");
    assert_eq!(recorded[0]["value"], "amira", "{}", recorded[0]);
    assert_eq!(recorded[0]["actor"], "james");
}

#[tokio::test]
async fn nobody_hands_a_session_to_someone_who_was_not_in_the_pair() {
    let host = with_relationship().await;
    let ops = session_ops(&host, "james", "amira", "s-1", "a-1");
    assert!(ids(&host.push("james", ops).await, "rejected").is_empty());
    host.take_the_pair_from_james().await;

    // Amira may still write the session, but not say it was logged by Sofia, nor that she
    // logged it with Sofia.
    let rewrites = [
        vec![("author", "sofia")],
        vec![("author", "amira"), ("partner", "sofia")],
    ];
    for rewrite in rewrites {
        let ops = rewrite
            .iter()
            .map(|(field, value)| host.ops.op("amira", "session", "s-1", field, json!(value)))
            .collect();
        let reply = host.push("amira", ops).await;
        let rejected = reply["rejected"].as_array().unwrap();
        assert_eq!(rejected.len(), rewrite.len(), "{reply}");
        for ((field, _), refusal) in rewrite.iter().zip(rejected) {
            assert_eq!(refusal["code"], "forbidden", "{reply}");
            let message = refusal["message"].as_str().unwrap();
            assert!(
                message.contains(&format!("its {field} cannot change")),
                "{message}"
            );
        }
        assert_eq!(host.records_of("sofia").await, ["relationship/rel-1"]);
    }
    // Restating what it holds is fine.
    let same = host
        .ops
        .op("amira", "session", "s-1", "partner", json!("amira"));
    let reply = host.push("amira", vec![same]).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    assert_eq!(host.records_of("sofia").await, ["relationship/rel-1"]);
}

#[tokio::test]
async fn what_a_session_says_is_written_by_whoever_logged_it_and_in_their_own_name() {
    let host = with_relationship().await;
    let ops = session_ops(&host, "james", "amira", "s-1", "a-1");
    assert!(ids(&host.push("james", ops).await, "rejected").is_empty());

    // Amira reads James's session; she does not rewrite what it says.
    let rewrite = host.ops.op(
        "amira",
        "session",
        "s-1",
        "grow-will",
        json!("Nothing agreed"),
    );
    let reply = host.push("amira", vec![rewrite]).await;
    assert_eq!(reply["rejected"][0]["code"], "forbidden", "{reply}");
    let said = reply["rejected"][0]["message"].as_str().unwrap();
    assert!(
        said.contains("who logged this session") && said.contains("private note"),
        "{said}"
    );

    // Nor does she log a session in James's name.
    let forged = session_ops(&host, "james", "amira", "s-2", "a-2")
        .into_iter()
        .map(|mut op| {
            op["actor"] = json!("amira");
            op["id"] = json!(format!("{}-by-amira", op["id"].as_str().unwrap()));
            op
        })
        .collect();
    let reply = host.push("amira", forged).await;
    assert!(!ids(&reply, "rejected").is_empty(), "{reply}");
    assert!(ids(&reply, "acknowledged").is_empty(), "{reply}");
    let said = reply["rejected"][0]["message"].as_str().unwrap();
    assert!(said.contains("names you as its author"), "{said}");
    let james = host.pull("james", "0").await;
    assert!(
        !records_seen(&james).contains(&"session/s-2".to_owned()),
        "{james}"
    );

    // A session she logs herself is hers.
    let hers = session_ops(&host, "amira", "james", "s-3", "a-3");
    assert!(ids(&host.push("amira", hers).await, "rejected").is_empty());
}

#[tokio::test]
async fn a_session_whose_pair_is_not_an_id_is_refused_and_reaches_nobody() {
    let host = with_relationship().await;
    for (n, partner) in [json!(7), json!("not an id!"), json!(["amira"])]
        .into_iter()
        .enumerate()
    {
        let session = format!("s-{n}");
        let mut ops = session_ops(&host, "james", "amira", &session, &format!("a-{n}"));
        for op in &mut ops {
            if op["field"] == "partner" {
                op["value"] = partner.clone();
            }
        }
        let reply = host.push("james", ops.clone()).await;
        assert_eq!(
            ids(&reply, "rejected").len(),
            ops.len(),
            "{partner}: {reply}"
        );
    }
    for person in ["amira", "james"] {
        assert_eq!(
            host.records_of(person).await,
            ["relationship/rel-1"],
            "{person}"
        );
    }
    assert!(host.records_of("sofia").await.is_empty());
}

#[tokio::test]
async fn a_goal_set_in_the_pair_later_reaches_the_partner_with_its_milestones_as_they_stand() {
    let host = with_relationship().await;
    let mut ops = host.ops.record(
        "amira",
        "goal",
        "g-1",
        goal_fields("amira", None, "Speak first at the board"),
    );
    ops.extend(host.ops.record(
        "amira",
        "milestone",
        "ms-1",
        json!({ "goal": "g-1", "position": 0, "title": "Leave Karim's team", "done-on": null }),
    ));
    ops.extend(host.ops.record(
        "amira",
        "milestone",
        "ms-2",
        json!({ "goal": "g-1", "position": 1, "title": "Ask HR about a transfer", "done-on": null }),
    ));
    assert!(ids(&host.push("amira", ops.clone()).await, "rejected").is_empty());
    // While the goal is hers alone she renames one milestone and deletes the other.
    let first_title = ops
        .iter()
        .find(|op| op["record"] == "ms-1" && op["field"] == "title");
    let mut rename = host.ops.op(
        "amira",
        "milestone",
        "ms-1",
        "title",
        json!("Lead the launch"),
    );
    rename["supersedes"] = json!([first_title.unwrap()["id"]]);
    let delete = host
        .ops
        .op("amira", "milestone", "ms-2", "deleted", json!(true));
    assert!(ids(&host.push("amira", vec![rename, delete]).await, "rejected").is_empty());
    let cursor = host.pull("james", "0").await["cursor"]
        .as_str()
        .unwrap()
        .to_owned();

    let into_pair = host
        .ops
        .op("amira", "goal", "g-1", "relationship", json!("rel-1"));
    assert!(ids(&host.push("amira", vec![into_pair]).await, "rejected").is_empty());
    // James, and the programme's admins, get the goal and its milestone as they stand: not
    // the title it had before, nor anything of the milestone deleted before.
    for (reader, since) in [
        ("james", "0"),
        ("james", cursor.as_str()),
        ("hr-admin", "0"),
    ] {
        let page = host.pull(reader, since).await;
        let seen = records_seen(&page);
        assert!(
            seen.contains(&"goal/g-1".to_owned()) && seen.contains(&"milestone/ms-1".to_owned()),
            "{reader} from {since}: {page}"
        );
        assert!(
            !seen.contains(&"milestone/ms-2".to_owned()),
            "{reader} from {since}: {page}"
        );
        let titles: Vec<Value> = (page["ops"].as_array().unwrap().iter())
            .filter(|op| op["entity"] == "milestone" && op["field"] == "title")
            .map(|op| op["value"].clone())
            .collect();
        assert_eq!(titles, [json!("Lead the launch")], "{reader} from {since}");
    }
    // Amira's own new device gets all of it, the deletion included, so she can bring it back.
    let amira = records_seen(&host.pull("amira", "0").await);
    assert!(amira.contains(&"milestone/ms-2".to_owned()), "{amira:?}");
}

#[tokio::test]
async fn pulls_page_by_cursor_until_nothing_more_waits() {
    let host = Host::new();
    let note = |n: usize| {
        host.ops.record(
            "amira",
            "private-note",
            &format!("n-{n}"),
            json!({ "owner": "amira", "session": "s-1", "text": format!("note {n}") }),
        )
    };
    // Each note's three ops travel in one push, as the widget sends a new record.
    let first_batch: Vec<Value> = (0..166).flat_map(note).collect();
    let second_batch: Vec<Value> = (166..234).flat_map(note).collect();
    assert!(ids(&host.push("amira", first_batch).await, "rejected").is_empty());
    assert!(ids(&host.push("amira", second_batch).await, "rejected").is_empty());
    let first = host.pull("amira", "0").await;
    assert_eq!(first["ops"].as_array().unwrap().len(), 500);
    assert_eq!(first["more"], true);
    let second = host.pull("amira", first["cursor"].as_str().unwrap()).await;
    assert_eq!(second["ops"].as_array().unwrap().len(), 202);
    assert_eq!(second["more"], false);
    let none = host.pull("amira", second["cursor"].as_str().unwrap()).await;
    assert!(none["ops"].as_array().unwrap().is_empty());
    assert!(host.pull("james", "0").await["ops"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn malformed_requests_get_adapter_errors() {
    let host = Host::new();
    let request = Request::post("/api/mentoring/v1/ops")
        .header(header::COOKIE, format!("{PERSON_COOKIE}=amira"))
        .body(Body::from("{\"version\": 2, \"ops\": []}"))
        .unwrap();
    let (status, body) = host.send(request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("version 1"),
        "{body}"
    );
    let request = Request::get("/api/mentoring/v1/ops?since=-4")
        .header(header::COOKIE, format!("{PERSON_COOKIE}=amira"))
        .body(Body::empty())
        .unwrap();
    let (status, body) = host.send(request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "unknown_cursor");
    let unsigned = Request::get("/api/mentoring/v1/ops")
        .body(Body::empty())
        .unwrap();
    assert_eq!(host.send(unsigned).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_cursor_past_the_portals_log_is_refused_so_the_device_pulls_from_the_start() {
    let host = demo_host();
    let page = host.pull("amira", "0").await;
    assert_eq!(page["more"], false, "{page}");
    let given = page["cursor"].as_str().unwrap();
    let (number, check) = given.split_once('~').unwrap();
    let cursor: i64 = number.parse().unwrap();
    assert!(cursor > 0);
    // The cursor given out reads on: nothing new. So does one given out before cursors
    // carried a check.
    for reads_on in [given.to_owned(), cursor.to_string()] {
        let again = host.pull("amira", &reads_on).await;
        assert!(again["ops"].as_array().unwrap().is_empty(), "{again}");
    }
    // One past the log's end (the portal's database restored from an older backup) would
    // have read as nothing more, forever: refused with the code that says to start over. So
    // is one whose check is not of the op at its place.
    for past in [
        format!("{}", cursor + 1),
        format!("{cursor}.{}", cursor + 7),
        format!(
            "{cursor}~{}",
            if check == "00000000" {
                "00000001"
            } else {
                "00000000"
            }
        ),
    ] {
        let (status, body) = host
            .api
            .get("amira", &format!("/api/mentoring/v1/ops?since={past}"))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{past}: {body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["error"]["code"], "unknown_cursor", "{past}: {body}");
        assert!(
            (body["error"]["message"].as_str().unwrap()).contains("pull from the start"),
            "{body}"
        );
    }
    // From the start, everything comes again.
    assert_eq!(host.pull("amira", "0").await["ops"], page["ops"]);
}

/// A portal restored from an older backup that has taken other ops since, so its log reaches
/// past a device's cursor again: that cursor, given out before the restore, is refused (its
/// check is of another op), and the device pulls from the start. Answered, it would have read
/// on from the middle of other ops, and the device would never send again what the restore
/// lost.
#[tokio::test]
async fn a_cursor_from_before_a_restore_is_refused_even_once_the_log_grows_past_it() {
    let before = demo_host();
    let backed_up = before.pull("amira", "0").await["cursor"].clone();
    let lost = before.ops.record(
        "amira",
        "goal",
        "g-lost",
        goal_fields("amira", None, "Lost in the restore"),
    );
    assert_eq!(
        ids(&before.push("amira", lost.clone()).await, "acknowledged").len(),
        lost.len()
    );
    let device = before.pull("amira", backed_up.as_str().unwrap()).await;
    let device_cursor = device["cursor"].as_str().unwrap().to_owned();

    // The restored portal: the backup's log, then as many other ops as were lost (of another
    // device, so with ids of their own).
    let restored = Host {
        ops: OpWriter::new(2_000_000, 1_795_000_000_000),
        ..demo_host()
    };
    assert_eq!(
        restored.pull("amira", "0").await["cursor"],
        backed_up,
        "the same log"
    );
    let other = restored.ops.record(
        "amira",
        "goal",
        "g-other",
        goal_fields("amira", None, "Written after it"),
    );
    assert_eq!(other.len(), lost.len());
    restored.push("amira", other).await;
    let head_then = restored.pull("amira", "0").await["cursor"].clone();
    let number = |cursor: &str| cursor.split('~').next().unwrap().to_owned();
    assert_eq!(
        number(head_then.as_str().unwrap()),
        number(&device_cursor),
        "grown back to it"
    );

    let (status, body) = (restored.api)
        .get(
            "amira",
            &format!("/api/mentoring/v1/ops?since={device_cursor}"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["error"]["code"], "unknown_cursor", "{body}");
    // A cursor from before the restore's point still reads on: that part of the log is the same.
    let on = restored.pull("amira", backed_up.as_str().unwrap()).await;
    assert!(on["ops"].to_string().contains("Written after it"), "{on}");
}

/// A portal holding the demo programme.
fn demo_host() -> Host {
    let db = Db::in_memory().unwrap();
    portal::demo::seed(&db).unwrap();
    let portal = Portal::new(db, env!("CARGO_MANIFEST_DIR").into()).unwrap();
    Host {
        api: Api(router(portal)),
        ops: OpWriter::new(1_000_000, 1_795_000_000_000),
    }
}

#[tokio::test]
async fn forbidden_writes_are_refused_one_by_one() {
    let host = demo_host();
    let mut attempts: Vec<(&str, Vec<Value>)> = vec![
        ("james", vec![host.ops.op("james", "goal", "goal-amira-board", "title", json!("Mine now"))]),
        ("sofia", vec![host.ops.op("sofia", "relationship", "rel-amira-james", "purpose", json!("x"))]),
        ("amira", vec![host.ops.op("amira", "relationship", "rel-amira-james", "mentee", json!("fatima"))]),
        ("tom", vec![host.ops.op("tom", "relationship", "rel-cfo-zain", "programme", json!("coaching-2026"))]),
        ("amira", vec![host.ops.op("amira", "learning", "learning-james-1", "text", json!("rewritten"))]),
        ("amira", vec![host.ops.op("amira", "feedback", "feedback-james-amira-1", "overall", json!("kinder"))]),
        ("amira", vec![host.ops.op("amira", "feedback", "feedback-james-amira-1", "deleted", json!(true))]),
        ("james", vec![host.ops.op("james", "private-note", "note-amira-1", "text", json!("read you"))]),
        ("james", vec![host.ops.op("james", "action", "action-1", "done", json!(true))]),
        ("james", vec![host.ops.op("james", "milestone", "ms-gulf-3", "done-on", json!("2026-11-02"))]),
        ("amira", host.ops.record("amira", "goal", "goal-for-james", goal_fields("james", None, "Planted"))),
        (
            "amira",
            host.ops.record(
                "amira",
                "session",
                "session-not-mine",
                json!({
                    "relationship": "rel-cfo-zain", "author": "amira", "at": 1, "time-zone": "Asia/Dubai",
                    "minutes": 30, "place": "online", "location": "", "grow-goal": "", "grow-reality": "",
                    "grow-options": "", "grow-will": "", "skills": [], "goals": [],
                }),
            ),
        ),
    ];
    attempts.extend([
        // Sessions are the pair's, not HR's: an admin may not rewrite what was said.
        ("hr-admin", vec![host.ops.op("hr-admin", "session", "session-amira-sofia-1", "grow-will", json!("x"))]),
        // When the pair started is the admins' call, like who is paired.
        ("amira", vec![host.ops.op("amira", "relationship", "rel-amira-james", "starts", json!("2026-01-01"))]),
        // So is how long it runs: extending is the admins' (`health::extend`).
        ("james", vec![host.ops.op("james", "relationship", "rel-amira-james", "planned-end", json!("2030-12-31"))]),
        ("amira", host.ops.record("amira", "private-note", "note-planted", json!({ "owner": "james", "session": "session-amira-sofia-1", "text": "x" }))),
        (
            "amira",
            host.ops.record(
                "amira",
                "feedback",
                "feedback-forged",
                json!({
                    "giver": "james", "receiver": "amira", "relationship": "rel-amira-james", "session": null,
                    "strengths": [], "development-areas": [], "ratings": [], "overall": "Brilliant",
                    "visibility": "pair", "given-at": 1,
                }),
            ),
        ),
        ("zain", vec![host.ops.op("zain", "goal", "goal-amira-gulf", "progress", json!(100))]),
    ]);
    assert!(attempts.len() >= 17);
    for (person, ops) in attempts {
        let reply = host.push(person, ops.clone()).await;
        assert!(ids(&reply, "acknowledged").is_empty(), "{person}: {reply}");
        let rejected = reply["rejected"].as_array().unwrap();
        assert_eq!(rejected.len(), ops.len(), "{person}: {reply}");
        assert!(
            rejected.iter().all(|r| r["code"] == "forbidden"),
            "{person}: {reply}"
        );
        // One of the pair is told whose change it is, not that it is not theirs.
        let admins_field =
            ["mentee", "starts", "planned-end"].contains(&ops[0]["field"].as_str().unwrap_or(""));
        if ops[0]["record"] == "rel-amira-james"
            && ["amira", "james"].contains(&person)
            && admins_field
        {
            let message = rejected[0]["message"].as_str().unwrap();
            assert!(
                message.contains("programme's admins"),
                "{person}: {message}"
            );
        }
    }
    // Nothing of it reached anyone.
    let amira = host.pull("amira", "0").await;
    for op in amira["ops"].as_array().unwrap() {
        assert_eq!(op["device"], "portal-seed", "only the demo's own ops: {op}");
    }
}

#[tokio::test]
async fn the_pair_may_change_what_is_theirs_to_change() {
    let host = demo_host();
    for (person, op) in [
        (
            "amira",
            host.ops
                .op("amira", "goal", "goal-amira-board", "progress", json!(40)),
        ),
        (
            "amira",
            host.ops.op(
                "amira",
                "milestone",
                "ms-gulf-3",
                "done-on",
                json!("2026-11-20"),
            ),
        ),
        (
            "james",
            host.ops.op(
                "james",
                "relationship",
                "rel-amira-james",
                "ground-rules",
                json!("Monthly"),
            ),
        ),
        (
            "sofia",
            host.ops
                .op("sofia", "action", "action-1", "done", json!(true)),
        ),
        (
            "hr-admin",
            host.ops.op(
                "hr-admin",
                "relationship",
                "rel-amira-james",
                "mentor",
                json!("product-dir"),
            ),
        ),
    ] {
        let reply = host.push(person, vec![op]).await;
        assert!(ids(&reply, "rejected").is_empty(), "{person}: {reply}");
    }
}

#[tokio::test]
async fn the_owner_may_delete_and_restore_what_is_theirs_and_the_delete_reaches_who_saw_it() {
    let host = demo_host();
    // Amira's own records: a milestone of her goal, the goal itself, then the goal back.
    let deletes = [
        host.ops
            .op("amira", "milestone", "ms-gulf-3", "deleted", json!(true)),
        host.ops
            .op("amira", "goal", "goal-amira-board", "deleted", json!(true)),
        host.ops
            .op("amira", "goal", "goal-amira-gulf", "deleted", json!(true)),
        host.ops
            .op("amira", "goal", "goal-amira-gulf", "deleted", json!(false)),
    ];
    for op in &deletes {
        let reply = host.push("amira", vec![op.clone()]).await;
        assert_eq!(
            ids(&reply, "acknowledged"),
            [op["id"].as_str().unwrap()],
            "{reply}"
        );
    }
    // Her other devices learn of each delete and the restore, and so do the people the goals
    // are shared with: her mentor (the board goal), her coach (the Gulf goal).
    let pulled_by = |person: &'static str| {
        let host = &host;
        async move {
            host.pull_all(person)
                .await
                .iter()
                .map(|op| op["id"].as_str().unwrap().to_owned())
                .collect::<Vec<String>>()
        }
    };
    let id_of = |n: usize| deletes[n]["id"].as_str().unwrap().to_owned();
    let amira = pulled_by("amira").await;
    for (n, op) in deletes.iter().enumerate() {
        assert!(amira.contains(&id_of(n)), "amira did not pull {op}");
    }
    assert!(pulled_by("james").await.contains(&id_of(1)));
    let sofia = pulled_by("sofia").await;
    assert!(
        sofia.contains(&id_of(2)) && sofia.contains(&id_of(3)),
        "{sofia:?}"
    );
    assert!(
        !sofia.contains(&id_of(1)),
        "the mentoring goal is not the coach's"
    );
}

#[tokio::test]
async fn deleting_what_is_not_yours_is_forbidden_and_changes_nothing() {
    let host = demo_host();
    for (person, entity, record) in [
        ("james", "goal", "goal-amira-gulf"),
        ("sofia", "goal", "goal-amira-board"),
        ("james", "milestone", "ms-gulf-2"),
        ("james", "private-note", "note-amira-1"),
        ("sofia", "feedback", "feedback-james-amira-1"),
        ("zain", "goal", "goal-nobody-has"),
    ] {
        let op = host.ops.op(person, entity, record, "deleted", json!(true));
        let reply = host.push(person, vec![op]).await;
        assert!(ids(&reply, "acknowledged").is_empty(), "{person}: {reply}");
        assert_eq!(
            reply["rejected"][0]["code"], "forbidden",
            "{person}: {reply}"
        );
    }
    // Nothing of it reached anyone: amira's records are all still there for her.
    let amira = host.records_of("amira").await;
    for record in [
        "goal/goal-amira-gulf",
        "goal/goal-amira-board",
        "milestone/ms-gulf-2",
        "private-note/note-amira-1",
    ] {
        assert!(amira.contains(&record.to_owned()), "{record}: {amira:?}");
    }
    let pulled = host.pull_all("amira").await;
    assert!(
        pulled.iter().all(|op| op["field"] != "deleted"),
        "no delete was stored"
    );
}

impl Host {
    /// Every op `person` may pull, page by page.
    async fn pull_all(&self, person: &str) -> Vec<Value> {
        let mut ops = Vec::new();
        let mut cursor = "0".to_owned();
        loop {
            let page = self.pull(person, &cursor).await;
            ops.extend(page["ops"].as_array().unwrap().iter().cloned());
            cursor = page["cursor"].as_str().unwrap().to_owned();
            if page["more"] != true {
                return ops;
            }
        }
    }

    async fn records_of(&self, person: &str) -> Vec<String> {
        let ops = self.pull_all(person).await;
        records_seen(&json!({ "ops": ops }))
    }
}

#[tokio::test]
async fn forbidden_reads_are_refused_record_by_record() {
    let host = demo_host();
    // Records the demo lacks: a personal goal, feedback meant only for the programme's
    // anonymous figures, and a learning note not shared with the partner.
    let mut ops = host.ops.record(
        "amira",
        "goal",
        "goal-amira-own",
        goal_fields("amira", None, "Learn Portuguese"),
    );
    ops.extend(host.ops.record(
        "amira",
        "private-note",
        "note-amira-2",
        json!({ "owner": "amira", "session": "session-amira-sofia-1", "text": "Ask for the Riyadh account" }),
    ));
    assert!(ids(&host.push("amira", ops).await, "rejected").is_empty());
    let anonymous = host.ops.record(
        "james",
        "feedback",
        "feedback-anonymous",
        json!({
            "giver": "james", "receiver": "amira", "relationship": "rel-amira-james", "session": null,
            "strengths": ["Calm under pressure", "The Q3 review"],
            "development-areas": ["Sessions overrun", "The last two ran long"], "ratings": [],
            "overall": "For the programme's figures only", "visibility": "anonymous", "given-at": 1,
        }),
    );
    let unshared = host.ops.record(
        "james",
        "learning",
        "learning-james-private",
        json!({ "author": "james", "relationship": "rel-amira-james", "text": "My own reflection", "shared": false, "written-at": 1 }),
    );
    let reply = host.push("james", [anonymous, unshared].concat()).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");

    // (who must not receive it, the record, someone who does receive it)
    let cases = [
        ("james", "private-note/note-amira-1", "amira"),
        ("sofia", "private-note/note-amira-1", "amira"),
        ("hr-admin", "private-note/note-amira-2", "amira"),
        ("hr-admin", "session/session-amira-sofia-1", "sofia"),
        ("hr-admin", "action/action-1", "amira"),
        ("james", "session/session-amira-sofia-1", "amira"),
        ("james", "goal/goal-amira-gulf", "sofia"),
        ("james", "milestone/ms-gulf-3", "sofia"),
        ("james", "goal/goal-amira-own", "amira"),
        ("hr-admin", "goal/goal-amira-own", "amira"),
        ("sofia", "goal/goal-amira-board", "james"),
        ("sofia", "feedback/feedback-james-amira-1", "amira"),
        ("amira", "feedback/feedback-anonymous", "james"),
        ("sofia", "learning/learning-james-1", "amira"),
        ("amira", "learning/learning-james-private", "james"),
        ("amira", "relationship/rel-cfo-zain", "zain"),
        ("zain", "relationship/rel-amira-james", "james"),
    ];
    assert!(cases.len() >= 10);
    let mut seen = std::collections::BTreeMap::new();
    for person in ["amira", "james", "sofia", "hr-admin", "zain"] {
        seen.insert(person, host.records_of(person).await);
    }
    for (refused, record, allowed) in cases {
        assert!(
            seen[allowed].contains(&record.to_owned()),
            "{allowed} should receive {record} (or the case tests nothing)"
        );
        assert!(
            !seen[refused].contains(&record.to_owned()),
            "{refused} must not receive {record}"
        );
    }
}

#[tokio::test]
async fn another_op_under_an_existing_id_is_refused_and_the_first_one_stands() {
    let host = Host::new();
    let goal = host
        .ops
        .record("amira", "goal", "g-1", goal_fields("amira", None, "First"));
    let reply = host.push("amira", goal.clone()).await;
    assert_eq!(ids(&reply, "acknowledged").len(), goal.len(), "{reply}");
    let first = goal
        .iter()
        .find(|op| op["field"] == "title")
        .unwrap()
        .clone();

    let mut clash = first.clone();
    clash["value"] = json!("Second");
    let reply = host.push("amira", vec![clash.clone(), first.clone()]).await;
    assert_eq!(reply["rejected"][0]["code"], "op_id_conflict", "{reply}");
    let message = reply["rejected"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("pushed before with other content"),
        "{message}"
    );
    assert_eq!(
        ids(&reply, "acknowledged"),
        [first["id"].as_str().unwrap()],
        "the same op again is still harmless"
    );

    // Within one push too: the first copy is taken, the other refused.
    let twin = host
        .ops
        .op("amira", "goal", "g-1", "aspiration", json!("One"));
    let mut other_twin = twin.clone();
    other_twin["value"] = json!("Two");
    let reply = host.push("amira", vec![twin.clone(), other_twin]).await;
    assert_eq!(reply["rejected"][0]["code"], "op_id_conflict", "{reply}");
    assert_eq!(ids(&reply, "acknowledged"), [twin["id"].as_str().unwrap()]);

    let stored = host.pull_all("amira").await;
    let stored_as = |id: &Value| stored.iter().find(|op| op["id"] == *id).unwrap().clone();
    assert_eq!(stored.len(), goal.len() + 1, "nothing else was stored");
    assert_eq!(stored_as(&first["id"]), first, "the first op stands");
    assert_eq!(
        stored_as(&twin["id"]),
        twin,
        "stored exactly as first pushed"
    );
}

#[tokio::test]
async fn a_list_item_over_2000_characters_is_refused_with_the_reason() {
    let host = with_relationship().await;
    let long = "x".repeat(2_001);
    let feedback = host.ops.record(
        "james",
        "feedback",
        "feedback-long",
        json!({
            "giver": "james", "receiver": "amira", "relationship": "rel-1", "session": null,
            "strengths": ["Clear", long],
            "development-areas": ["Sessions overrun", "The last two ran long"], "ratings": [],
            "overall": "", "visibility": "pair", "given-at": 1,
        }),
    );
    let reply = host.push("james", feedback).await;
    let rejected = reply["rejected"].as_array().unwrap();
    // The long item's op is malformed; without it the feedback has no strength, so the domain
    // rules refuse the rest of the record too: nothing of it is stored.
    assert!(ids(&reply, "acknowledged").is_empty(), "{reply}");
    let malformed: Vec<&Value> = rejected
        .iter()
        .filter(|r| r["code"] == "invalid_op")
        .collect();
    assert_eq!(malformed.len(), 1, "{reply}");
    assert!(
        rejected
            .iter()
            .all(|r| r["code"] == "invalid_op" || r["code"] == "invalid_record"),
        "{reply}"
    );
    let message = malformed[0]["message"].as_str().unwrap();
    assert!(
        message.contains("value: list item 1 has 2001 characters; at most 2000"),
        "{message}"
    );
}

// A record taken from someone reaches their devices however many pages behind they are, and
// never reaches a device that did not hold it (`Model::visible_since`).

impl Host {
    /// James's own goal, which only he may see, and `edits` retitlings of it: pages of ops for
    /// him that say nothing of the pair.
    async fn james_goal(&self, edits: usize) {
        let goal = self.ops.record(
            "james",
            "goal",
            "g-james",
            goal_fields("james", None, "Title 0"),
        );
        assert!(ids(&self.push("james", goal).await, "rejected").is_empty());
        self.retitle_james_goal(edits).await;
    }

    async fn retitle_james_goal(&self, edits: usize) {
        let ops: Vec<Value> = (0..edits)
            .map(|n| {
                self.ops.op(
                    "james",
                    "goal",
                    "g-james",
                    "title",
                    json!(format!("Edit {n}")),
                )
            })
            .collect();
        for chunk in ops.chunks(300) {
            assert!(ids(&self.push("james", chunk.to_vec()).await, "rejected").is_empty());
        }
    }

    /// Every op `person` pulls from `cursor` on, page by page, the pages counted, and the
    /// cursor of the complete pull.
    async fn pull_through(&self, person: &str, cursor: &str) -> (Vec<Value>, usize, String) {
        let (mut ops, mut pages, mut cursor) = (Vec::new(), 0, cursor.to_owned());
        loop {
            let page = self.pull(person, &cursor).await;
            pages += 1;
            ops.extend(page["ops"].as_array().unwrap().iter().cloned());
            cursor = page["cursor"].as_str().unwrap().to_owned();
            if page["more"] != true {
                return (ops, pages, cursor);
            }
        }
    }

    /// The admins give Amira a new mentor: the pair (and all that is in it) is taken from
    /// James.
    async fn take_the_pair_from_james(&self) -> String {
        let reassign = self.ops.op(
            "hr-admin",
            "relationship",
            "rel-1",
            "mentor",
            json!("sofia"),
        );
        let id = reassign["id"].as_str().unwrap().to_owned();
        assert!(ids(&self.push("hr-admin", vec![reassign]).await, "rejected").is_empty());
        id
    }

    async fn share_a_note_in_the_pair(&self) {
        let entry = json!({ "author": "amira", "relationship": "rel-1", "text": "What the board asked", "shared": true, "written-at": 1 });
        let ops = self.ops.record("amira", "learning", "l-1", entry);
        assert!(ids(&self.push("amira", ops).await, "rejected").is_empty());
    }
}

/// The ids of the ops about the pair and the note shared in it.
fn ops_of_the_pair(ops: &[Value]) -> Vec<String> {
    ops.iter()
        .filter(|op| op["record"] == "rel-1" || op["record"] == "l-1")
        .map(|op| op["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_record_taken_more_than_a_page_behind_still_reaches_whoever_held_it() {
    let host = with_relationship().await;
    host.share_a_note_in_the_pair().await;
    host.james_goal(0).await;
    let (held, _, cursor) = host.pull_through("james", "0").await;
    assert!(!ops_of_the_pair(&held).is_empty());

    // More than a page of James's own edits around the change, which lands after the first
    // page's end: the page that reaches it is served after it was stored.
    host.retitle_james_goal(520).await;
    let reassign = host.take_the_pair_from_james().await;
    host.retitle_james_goal(30).await;

    let (after, pages, _) = host.pull_through("james", &cursor).await;
    assert_eq!(pages, 2, "the case needs two pages");
    assert_eq!(ops_of_the_pair(&after), [format!("withheld-{reassign}")]);
    // A device of his that never held the pair gets nothing of it, page by page.
    assert_eq!(host.records_of("james").await, ["goal/g-james"]);
}

#[tokio::test]
async fn a_record_taken_while_a_device_pages_through_still_reaches_it() {
    let host = with_relationship().await;
    host.share_a_note_in_the_pair().await;
    // More than two pages after the pair, so the change below lands beyond the second page.
    host.james_goal(1_100).await;
    let first = host.pull("james", "0").await;
    assert_eq!(first["more"], true);
    assert!(records_seen(&first).contains(&"relationship/rel-1".to_owned()));

    let reassign = host.take_the_pair_from_james().await;
    let (rest, pages, _) = host
        .pull_through("james", first["cursor"].as_str().unwrap())
        .await;
    assert!(pages >= 2, "the case needs the change beyond the next page");
    assert_eq!(ops_of_the_pair(&rest), [format!("withheld-{reassign}")]);
}

#[tokio::test]
async fn a_device_whose_pages_reach_a_record_only_after_it_was_taken_gets_nothing_of_it() {
    let host = Host::new();
    // A page of James's edits, then the pair, then more than a page again: a device starting
    // now holds nothing of the pair after its first page.
    host.james_goal(600).await;
    let reply = host
        .push(
            "hr-admin",
            host.ops
                .record("hr-admin", "relationship", "rel-1", relationship_fields()),
        )
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    host.share_a_note_in_the_pair().await;
    host.retitle_james_goal(600).await;
    let first = host.pull("james", "0").await;
    assert_eq!(first["more"], true);
    assert!(ops_of_the_pair(first["ops"].as_array().unwrap()).is_empty());

    // The pair is taken from him before the pages that reach it are served: they skip it, so
    // nothing of it, not even the change that took it, is his device's to know.
    host.take_the_pair_from_james().await;
    let (rest, pages, _) = host
        .pull_through("james", first["cursor"].as_str().unwrap())
        .await;
    assert!(pages >= 2, "the case needs the change beyond the next page");
    assert_eq!(ops_of_the_pair(&rest), Vec::<String>::new());
    assert_eq!(host.records_of("james").await, ["goal/g-james"]);
}

#[tokio::test]
async fn a_note_unshared_shared_and_unshared_again_between_two_pulls_leaves_the_partner() {
    let host = with_relationship().await;
    host.share_a_note_in_the_pair().await;
    let (held, _, cursor) = host.pull_through("james", "0").await;
    assert!(!ops_of_the_pair(&held).is_empty());

    // Amira changes her mind twice before James's device pulls again: it held the note, so it
    // learns that it is no longer shared, whatever happened in between.
    let mut last = Value::Null;
    for shared in [false, true, false] {
        last = host
            .ops
            .op("amira", "learning", "l-1", "shared", json!(shared));
        assert!(ids(&host.push("amira", vec![last.clone()]).await, "rejected").is_empty());
    }
    let (after, _, _) = host.pull_through("james", &cursor).await;
    assert_eq!(ops_of_the_pair(&after), [last["id"].as_str().unwrap()]);
    // A device of his that never held it gets nothing of it.
    let fresh = host.records_of("james").await;
    assert!(!fresh.contains(&"learning/l-1".to_owned()), "{fresh:?}");
}

/// A learning entry by James, then `edits` rewrites of its text, each as long as a learning
/// note may be and in Arabic (two bytes a character), pushed in pushes of at most
/// `per_push`; the ids of every op pushed.
async fn long_rewrites(host: &Host, edits: usize, per_push: usize) -> Vec<String> {
    let entry = json!({ "author": "james", "relationship": "rel-1", "text": "Notes", "shared": false, "written-at": 1 });
    let mut ops = host.ops.record("james", "learning", "l-long", entry);
    for n in 0..edits {
        let text = format!("{n:05}{}", "ع".repeat(1_995));
        ops.push(
            host.ops
                .op("james", "learning", "l-long", "text", json!(text)),
        );
    }
    let pushed: Vec<String> = ops
        .iter()
        .map(|op| op["id"].as_str().unwrap().to_owned())
        .collect();
    for part in ops.chunks(per_push) {
        let reply = host.push("james", part.to_vec()).await;
        assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    }
    pushed
}

#[tokio::test]
async fn a_pull_page_closes_at_a_mebibyte_of_ops_and_the_next_page_carries_on() {
    let host = with_relationship().await;
    // 700 texts of about 4 KB: 2.8 MB, which 500 ops a page would send in two pages of up
    // to 2 MB; at 1 MiB a page it takes three.
    let pushed = long_rewrites(&host, 700, 350).await;
    let mut received: Vec<String> = Vec::new();
    let mut cursor = "0".to_owned();
    let mut pages = 0;
    loop {
        let page = host.pull("james", &cursor).await;
        pages += 1;
        let ops = page["ops"].as_array().unwrap();
        let bytes: usize = ops.iter().map(|op| op.to_string().len()).sum();
        let longest = ops.iter().map(|op| op.to_string().len()).max().unwrap_or(0);
        assert!(
            bytes <= 1024 * 1024 + longest,
            "a page of {bytes} bytes in {} ops",
            ops.len()
        );
        received.extend(ops.iter().map(|op| op["id"].as_str().unwrap().to_owned()));
        cursor = page["cursor"].as_str().unwrap().to_owned();
        if page["more"] == json!(false) {
            break;
        }
        assert!(pages < 10, "the pull never ends");
    }
    assert!(pages >= 3, "{pages} pages");
    for id in &pushed {
        assert_eq!(
            received.iter().filter(|r| *r == id).count(),
            1,
            "{id} received once"
        );
    }
}

#[tokio::test]
async fn a_push_larger_than_the_portal_reads_is_refused_in_the_adapters_shape_and_stores_nothing() {
    let host = with_relationship().await;
    let before = host.pull("james", "0").await["ops"]
        .as_array()
        .unwrap()
        .len();
    // More than any push the widget makes, however the ops are judged once read.
    let ops: Vec<Value> = (0..450)
        .map(|_| {
            host.ops.op(
                "james",
                "learning",
                "l-big",
                "text",
                json!("y".repeat(19_000)),
            )
        })
        .collect();
    let body = json!({ "version": 1, "ops": ops }).to_string();
    assert!(body.len() > 8 * 1024 * 1024, "{} bytes", body.len());
    // Nobody signed in is told so first, before the portal reads any of it.
    let anonymous = Request::post("/api/mentoring/v1/ops")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.clone()))
        .unwrap();
    let (status, reply) = host.send(anonymous).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{reply}");
    assert_eq!(reply["error"]["code"], "not_signed_in", "{reply}");
    let request = Request::post("/api/mentoring/v1/ops")
        .header(header::COOKIE, format!("{PERSON_COOKIE}=james"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap();
    let (status, reply) = host.send(request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply["error"]["code"], "too_large", "{reply}");
    let said = reply["error"]["message"].as_str().unwrap();
    assert!(said.contains("smaller pushes"), "{said}");
    assert_eq!(
        host.pull("james", "0").await["ops"]
            .as_array()
            .unwrap()
            .len(),
        before
    );
    // Half of it, about 4 MB, is read: each op then gets its own answer.
    let half = host.push("james", ops[..225].to_vec()).await;
    assert_eq!(ids(&half, "rejected").len(), 225, "{half}");
}

fn preferences_fields(owner: &str, gender: Option<&str>, prefers: &[&str]) -> Value {
    json!({
        "owner": owner, "gender": gender, "ethnicity": null, "background": null,
        "prefers": prefers,
    })
}

#[tokio::test]
async fn matching_preferences_reach_only_their_owner_admins_and_partners_included() {
    let host = with_relationship().await;
    let reply = host
        .push(
            "amira",
            host.ops.record(
                "amira",
                "matching-preferences",
                "amira",
                preferences_fields("amira", Some("AMIRA-GENDER"), &["gender"]),
            ),
        )
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    assert_eq!(
        records_seen(&host.pull("amira", "0").await),
        ["matching-preferences/amira", "relationship/rel-1"]
    );
    // Her mentor, the programme's admin and an outsider pull nothing of it.
    for other in ["james", "hr-admin", "sofia"] {
        let pulled = host.pull(other, "0").await;
        assert!(
            !pulled.to_string().contains("AMIRA-GENDER")
                && !records_seen(&pulled).iter().any(|r| r.contains("matching")),
            "{other}: {pulled}"
        );
    }
}

#[tokio::test]
async fn nobody_but_the_owner_writes_their_matching_preferences() {
    let host = with_relationship().await;
    host.push(
        "amira",
        host.ops.record(
            "amira",
            "matching-preferences",
            "amira",
            preferences_fields("amira", Some("woman"), &["gender"]),
        ),
    )
    .await;
    for other in ["james", "hr-admin", "sofia"] {
        let change = host
            .push(
                other,
                vec![host.ops.op(
                    other,
                    "matching-preferences",
                    "amira",
                    "gender",
                    json!("man"),
                )],
            )
            .await;
        assert_eq!(
            change["rejected"][0]["code"], "forbidden",
            "{other}: {change}"
        );
        // Nor may anyone state answers in someone else's name, under any id.
        let in_her_name = host
            .push(
                other,
                host.ops.record(
                    other,
                    "matching-preferences",
                    &format!("{other}-for-amira"),
                    preferences_fields("amira", Some("man"), &[]),
                ),
            )
            .await;
        assert!(
            ids(&in_her_name, "acknowledged").is_empty(),
            "{other}: {in_her_name}"
        );
    }
    let pulled = host.pull("amira", "0").await.to_string();
    assert!(!pulled.contains("\"man\""), "{pulled}");
}

#[tokio::test]
async fn matching_preferences_that_break_a_rule_are_refused_with_its_message() {
    let host = Host::new();
    for (fields, says) in [
        (
            preferences_fields("amira", None, &["gender"]),
            "State your own gender first",
        ),
        (
            preferences_fields("amira", Some("  "), &[]),
            "Say your gender",
        ),
        (
            preferences_fields("amira", Some("woman"), &["religion"]),
            "gender, ethnicity or background",
        ),
    ] {
        let reply = host
            .push(
                "amira",
                host.ops
                    .record("amira", "matching-preferences", "amira", fields),
            )
            .await;
        assert_eq!(reply["rejected"][0]["code"], "invalid_record", "{reply}");
        assert!(reply.to_string().contains(says), "{says}: {reply}");
    }
    assert!(records_seen(&host.pull("amira", "0").await).is_empty());
}

/// `person`'s reply from the preferences endpoint.
async fn preferences_met(host: &Host, person: &str) -> (StatusCode, Value) {
    let (status, body) = host
        .api
        .get(person, "/api/mentoring/v1/preferences/met")
        .await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_host_says_which_mentors_meet_a_persons_preferences_and_no_value() {
    let host = Host::new();
    let state =
        |who: &str, fields: Value| host.ops.record(who, "matching-preferences", who, fields);
    let both = |who: &str, gender: &str, ethnicity: &str| {
        json!({
            "owner": who, "gender": gender, "ethnicity": ethnicity, "background": null,
            "prefers": [],
        })
    };
    let pushes = [
        (
            "amira",
            json!({
                "owner": "amira", "gender": " Woman ", "ethnicity": "Arab", "background": null,
                "prefers": ["gender", "ethnicity"],
            }),
        ),
        // Willing to mentor: meets both, meets gender only, meets nothing.
        ("layla", both("layla", "woman", "ARAB")),
        ("sofia", both("sofia", "WOMAN", "Portuguese")),
        ("james", both("james", "man", "British")),
        // Not willing to mentor: never listed, whatever they share.
        ("fatima", both("fatima", "woman", "arab")),
    ];
    for (who, fields) in pushes {
        let reply = host.push(who, state(who, fields)).await;
        assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    }
    let (status, reply) = preferences_met(&host, "amira").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        reply,
        json!({ "version": 1, "mentors": [
            { "id": "layla", "met": ["gender", "ethnicity"] },
            { "id": "sofia", "met": ["gender"] },
        ]})
    );
    for value in ["woman", "arab", "portuguese", "british", "man"] {
        assert!(
            !reply
                .to_string()
                .to_lowercase()
                .contains(&format!("\"{value}\"")),
            "{reply}"
        );
    }
    // Layla stated no preference: she learns nothing about anyone, Amira included.
    assert_eq!(
        preferences_met(&host, "layla").await.1,
        json!({ "version": 1, "mentors": [] })
    );
    // Omar stated nothing at all.
    assert_eq!(
        preferences_met(&host, "omar").await.1,
        json!({ "version": 1, "mentors": [] })
    );
}

#[tokio::test]
async fn the_host_answers_only_for_mentors_find_a_mentor_could_offer_the_asker() {
    let host = Host::new();
    let woman = |who: &str, prefers: Value| {
        let fields = json!({
            "owner": who, "gender": "woman", "ethnicity": null, "background": null,
            "prefers": prefers,
        });
        host.ops.record(who, "matching-preferences", who, fields)
    };
    // Amira asks for a mentor who shares her gender; every one of these shares it. Khalid is
    // her manager; James and Noura mentor only in mentoring, Layla coaches too.
    for who in ["amira", "khalid", "layla", "james", "noura"] {
        let prefers = if who == "amira" {
            json!(["gender"])
        } else {
            json!([])
        };
        let reply = host.push(who, woman(who, prefers)).await;
        assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    }
    let answered = |reply: Value| -> Vec<String> {
        (reply["mentors"].as_array().unwrap().iter())
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (_, reply) = preferences_met(&host, "amira").await;
    assert_eq!(answered(reply), ["james", "layla", "noura"]);

    // Noura's two places in the mentoring programme are taken: she could not be asked.
    let mut ops = Vec::new();
    for mentee in ["tom", "aisha"] {
        ops.extend(host.ops.record(
            "hr-admin",
            "relationship",
            &format!("rel-noura-{mentee}"),
            json!({
                "kind": "mentoring", "programme": "mentoring-2026", "mentor": "noura",
                "mentee": mentee, "purpose": "", "ground-rules": "", "starts": "2026-12-01",
                "planned-end": "2027-08-31", "lifecycle": "proposed", "end-reason": null,
                "target-role": null,
            }),
        ));
    }
    let reply = host.push("hr-admin", ops).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let (_, reply) = preferences_met(&host, "amira").await;
    assert_eq!(answered(reply), ["james", "layla"]);

    // The mentoring programme takes an enrolment list without Amira: she cannot ask there, so
    // James, who mentors only there, is not answered for; Layla still coaches.
    let mut ops = Vec::new();
    for (record, person, role, capacity, status) in [
        ("en-james", "james", "mentor", 2, "invited"),
        ("en-hassan", "hassan", "mentee", 0, "enrolled"),
    ] {
        ops.extend(host.ops.record(
            "hr-admin",
            "enrolment",
            record,
            json!({
                "programme": "mentoring-2026", "person": person, "role": role,
                "capacity": capacity, "status": status, "leave-reason": null,
                "since": "2026-12-01",
            }),
        ));
    }
    let reply = host.push("hr-admin", ops).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let (_, reply) = preferences_met(&host, "amira").await;
    assert_eq!(answered(reply), ["layla"]);
}

const DAY_MS: i64 = 86_400_000;

/// A portal whose clock reads `now`, which a test moves on.
fn host_at(now: &Arc<AtomicI64>) -> Host {
    let now = Arc::clone(now);
    let portal = Portal::new(Db::in_memory().unwrap(), env!("CARGO_MANIFEST_DIR").into())
        .unwrap()
        .with_clock(move || Millis(now.load(Ordering::SeqCst)));
    Host {
        api: Api(router(portal)),
        ops: OpWriter::new(1, 1_795_000_000_000),
    }
}

/// Layla, James and Sofia mentor with a gender each and the same ethnicity; Amira asks for a
/// mentor who shares her gender and her ethnicity.
async fn mentors_and_a_mentee(host: &Host) {
    for (who, gender) in [("layla", "woman"), ("james", "man"), ("sofia", "female")] {
        let fields = json!({
            "owner": who, "gender": gender, "ethnicity": "arab", "background": null,
            "prefers": [],
        });
        let reply = host
            .push(
                who,
                host.ops.record(who, "matching-preferences", who, fields),
            )
            .await;
        assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    }
    let amira = json!({
        "owner": "amira", "gender": "woman", "ethnicity": "Arab", "background": null,
        "prefers": ["gender", "ethnicity"],
    });
    let reply = host
        .push(
            "amira",
            host.ops
                .record("amira", "matching-preferences", "amira", amira),
        )
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
}

/// Amira changes her own gender to `value`.
async fn amira_says_her_gender_is(host: &Host, value: &str) {
    let op = host.ops.op(
        "amira",
        "matching-preferences",
        "amira",
        "gender",
        json!(value),
    );
    let reply = host.push("amira", vec![op]).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
}

/// Each mentor the reply lists, with the keys they meet.
fn met_keys(reply: &Value) -> BTreeMap<String, Vec<String>> {
    reply["mentors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let keys = m["met"].as_array().unwrap().iter();
            (
                m["id"].as_str().unwrap().to_owned(),
                keys.map(|k| k.as_str().unwrap().to_owned()).collect(),
            )
        })
        .collect()
}

fn meets(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    pairs
        .iter()
        .map(|(id, keys)| {
            (
                (*id).to_owned(),
                keys.iter().map(|k| (*k).to_owned()).collect(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_fourth_value_of_an_attribute_within_30_days_is_held_until_the_first_is_30_days_old() {
    let start = 1_795_000_000_000;
    let now = Arc::new(AtomicI64::new(start));
    let host = host_at(&now);
    mentors_and_a_mentee(&host).await;
    let ethnicity_only: &[&str] = &["ethnicity"];
    let both: &[&str] = &["gender", "ethnicity"];

    // Three values in three days, each answered: woman, then a typo fix's worth of change,
    // then a change of mind.
    let (_, reply) = preferences_met(&host, "amira").await;
    assert_eq!(
        met_keys(&reply),
        meets(&[
            ("layla", both),
            ("james", ethnicity_only),
            ("sofia", ethnicity_only)
        ])
    );
    assert!(reply.get("held").is_none(), "{reply}");
    for (day, value, meets_both) in [(1, "man", "james"), (2, "non-binary", "")] {
        now.store(start + day * DAY_MS, Ordering::SeqCst);
        amira_says_her_gender_is(&host, value).await;
        let (_, reply) = preferences_met(&host, "amira").await;
        assert!(reply.get("held").is_none(), "{value}: {reply}");
        let both_met: Vec<String> = met_keys(&reply)
            .into_iter()
            .filter(|(_, keys)| keys.len() == 2)
            .map(|(id, _)| id)
            .collect();
        assert_eq!(both_met.join(""), meets_both, "{value}: {reply}");
    }

    // A fourth: Sofia's answer would be told, so gender is held and no mentor meets it.
    now.store(start + 3 * DAY_MS, Ordering::SeqCst);
    amira_says_her_gender_is(&host, "Female").await;
    let (status, reply) = preferences_met(&host, "amira").await;
    assert_eq!(status, StatusCode::OK);
    let held = json!([{ "key": "gender", "until": start + 30 * DAY_MS }]);
    assert_eq!(reply["held"], held, "{reply}");
    assert_eq!(
        met_keys(&reply),
        meets(&[
            ("layla", ethnicity_only),
            ("james", ethnicity_only),
            ("sofia", ethnicity_only)
        ])
    );
    // Asking again changes nothing, and does not push the end further.
    now.store(start + 10 * DAY_MS, Ordering::SeqCst);
    assert_eq!(preferences_met(&host, "amira").await.1["held"], held);

    // Back to a value already answered: it tells nothing new, so it is answered, and still
    // counts from when it was first answered.
    amira_says_her_gender_is(&host, " WOMAN ").await;
    let (_, reply) = preferences_met(&host, "amira").await;
    assert!(reply.get("held").is_none(), "{reply}");
    assert_eq!(met_keys(&reply)["layla"], both);

    // The new value again, just before and at the end of the hold.
    amira_says_her_gender_is(&host, "female").await;
    now.store(start + 30 * DAY_MS - 1, Ordering::SeqCst);
    assert_eq!(preferences_met(&host, "amira").await.1["held"], held);
    now.store(start + 30 * DAY_MS, Ordering::SeqCst);
    let (_, reply) = preferences_met(&host, "amira").await;
    assert!(reply.get("held").is_none(), "{reply}");
    assert_eq!(met_keys(&reply)["sofia"], both);
}

#[tokio::test]
async fn a_hold_is_one_persons_and_one_attributes() {
    let start = 1_795_000_000_000;
    let now = Arc::new(AtomicI64::new(start));
    let host = host_at(&now);
    mentors_and_a_mentee(&host).await;
    for (day, value) in [(0, "woman"), (1, "man"), (2, "non-binary"), (3, "female")] {
        now.store(start + day * DAY_MS, Ordering::SeqCst);
        amira_says_her_gender_is(&host, value).await;
        preferences_met(&host, "amira").await;
    }
    assert_eq!(
        preferences_met(&host, "amira").await.1["held"][0]["key"],
        "gender"
    );
    // Her ethnicity goes through three values as her gender did before the hold: answered.
    for value in ["british", "arab british"] {
        let op = host.ops.op(
            "amira",
            "matching-preferences",
            "amira",
            "ethnicity",
            json!(value),
        );
        assert!(ids(&host.push("amira", vec![op]).await, "rejected").is_empty());
        let (_, reply) = preferences_met(&host, "amira").await;
        assert_eq!(reply["held"].as_array().unwrap().len(), 1, "{reply}");
    }
    // Omar asks for the same gender Amira's fourth value was: answered, nothing held.
    let omar = json!({
        "owner": "omar", "gender": "female", "ethnicity": null, "background": null,
        "prefers": ["gender"],
    });
    let reply = host
        .push(
            "omar",
            host.ops
                .record("omar", "matching-preferences", "omar", omar),
        )
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let (_, reply) = preferences_met(&host, "omar").await;
    assert!(reply.get("held").is_none(), "{reply}");
    assert_eq!(met_keys(&reply), meets(&[("sofia", &["gender"])]));
}

/// A portal over the database file at `path`, as a restart would open it.
fn host_on_file(path: &std::path::Path) -> Host {
    let portal = Portal::new(Db::open(path).unwrap(), env!("CARGO_MANIFEST_DIR").into()).unwrap();
    Host {
        api: Api(router(portal)),
        ops: OpWriter::new(1, 1_795_000_000_000),
    }
}

/// Every text in every table but the op log (which is the records themselves), lower case.
fn texts_beside_the_op_log(path: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'ops'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut texts = Vec::new();
    for table in tables {
        let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for n in 0..columns {
                let text = match row.get_ref(n).unwrap() {
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).to_lowercase()
                    }
                    _ => continue,
                };
                texts.push(text);
            }
        }
    }
    texts
}

fn answer_hashes(path: &std::path::Path) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let hashes = conn
        .prepare("SELECT value_hash FROM preference_answers WHERE attribute = 'gender'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    hashes
}

#[tokio::test]
async fn the_portal_remembers_answered_values_by_a_keyed_hash_across_restarts_and_no_value() {
    let dir = std::env::temp_dir().join(format!("portal-answers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (first, second) = (dir.join("first.sqlite3"), dir.join("second.sqlite3"));
    for path in [&first, &second] {
        let host = host_on_file(path);
        mentors_and_a_mentee(&host).await;
        for value in ["Quokka", "wombat"] {
            amira_says_her_gender_is(&host, value).await;
            assert!(preferences_met(&host, "amira").await.1["mentors"].is_array());
        }
    }
    for path in [&first, &second] {
        let texts = texts_beside_the_op_log(path);
        assert!(texts.iter().any(|t| t == "amira"), "{texts:?}");
        for value in ["quokka", "wombat", "woman"] {
            assert!(
                !texts.iter().any(|t| t.contains(value)),
                "{value}: {texts:?}"
            );
        }
    }
    // Quokka and wombat; the same values hash differently in another database.
    let hashes = answer_hashes(&first);
    assert_eq!(hashes.len(), 2, "{hashes:?}");
    assert!(hashes.is_disjoint(&answer_hashes(&second)));
    // After a restart the values are known again: asking for one adds nothing.
    let host = host_on_file(&first);
    amira_says_her_gender_is(&host, "QUOKKA").await;
    preferences_met(&host, "amira").await;
    assert_eq!(answer_hashes(&first), hashes);
    drop(host);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_preferences_endpoint_answers_nobody_who_is_not_signed_in() {
    let host = Host::new();
    let request = Request::get("/api/mentoring/v1/preferences/met")
        .body(Body::empty())
        .unwrap();
    let (status, reply) = host.send(request).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply["error"]["code"], "not_signed_in");
}

#[tokio::test]
async fn someone_taken_off_before_the_portal_told_anyone_is_told_once_after_a_restart() {
    let dir = std::env::temp_dir().join(format!("portal-taken-off-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("portal.sqlite3");
    {
        let host = host_on_file(&path);
        let reply = host
            .push(
                "hr-admin",
                host.ops
                    .record("hr-admin", "relationship", "rel-1", relationship_fields()),
            )
            .await;
        assert!(ids(&reply, "rejected").is_empty(), "{reply}");
        host.take_the_pair_from_james().await;
    }
    // A database from before the notices: the re-pairing without one.
    let count = || {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.query_row(
            "SELECT COUNT(*) FROM ops WHERE entity = 'taken-off'",
            [],
            |row| row.get::<_, i64>(0),
        )
        .unwrap()
    };
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM ops WHERE entity = 'taken-off'", [])
        .unwrap();
    assert_eq!(count(), 0);
    let host = host_on_file(&path);
    let page = host.pull_told("james", "0").await;
    let told = notices(page["ops"].as_array().unwrap());
    assert_eq!(told.len(), 1, "{page}");
    assert_eq!(told.values().next().unwrap()["partner"], json!("amira"));
    assert_eq!(count(), 5);
    // Started again, nothing more is written.
    drop(host);
    host_on_file(&path);
    assert_eq!(count(), 5);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn someone_put_in_a_pair_reads_nothing_of_it_from_before_they_joined() {
    let host = with_relationship().await;
    // Amira and James agree their ground rules and pause once; James shares a note with her.
    let mut theirs = vec![host.ops.op(
        "amira",
        "relationship",
        "rel-1",
        "ground-rules",
        json!("AMIRA-AND-JAMES-RULES"),
    )];
    theirs.push(host.ops.op(
        "amira",
        "relationship",
        "rel-1",
        "lifecycle",
        json!("paused"),
    ));
    theirs.push(host.ops.op(
        "amira",
        "relationship",
        "rel-1",
        "mentee-agreed",
        json!("amira 1795000000000 0123456789abcdef"),
    ));
    assert!(ids(&host.push("amira", theirs).await, "rejected").is_empty());
    let note = |id: &str, text: &str| {
        let entry = json!({ "author": "james", "relationship": "rel-1", "text": text, "shared": true, "written-at": 1 });
        host.ops.record("james", "learning", id, entry)
    };
    let reply = host
        .push("james", note("l-before", "SHARED-WITH-AMIRA"))
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let goal = |id: &str, title: &str| {
        (host.ops).record(
            "james",
            "goal",
            id,
            goal_fields("james", Some("rel-1"), title),
        )
    };
    let reply = host
        .push("james", goal("g-before", "GOAL-SET-WITH-AMIRA"))
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");

    // The admins put Tom in Amira's place, replacing the value they had set.
    let held = host.pull_all("hr-admin").await;
    let amiras = (held.iter())
        .find(|op| op["record"] == "rel-1" && op["field"] == "mentee")
        .unwrap()["id"]
        .clone();
    let mut tom = host
        .ops
        .op("hr-admin", "relationship", "rel-1", "mentee", json!("tom"));
    tom["supersedes"] = json!([amiras]);
    let reply = host.push("hr-admin", vec![tom]).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let reply = host.push("james", note("l-after", "SHARED-WITH-TOM")).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let reply = host
        .push("james", goal("g-after", "GOAL-SET-WITH-TOM"))
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");

    // Tom gets the relationship with an empty agreement, as a new pair's, what James shared
    // since she joined, and no op written or named by Amira.
    let hers = host.pull_all("tom").await;
    let text = json!(hers).to_string();
    for before in [
        "AMIRA-AND-JAMES-RULES",
        "Boardroom readiness",
        "SHARED-WITH-AMIRA",
        "GOAL-SET-WITH-AMIRA",
    ] {
        assert!(!text.contains(before), "{before}: {text}");
    }
    assert!(text.contains("SHARED-WITH-TOM"), "{text}");
    assert!(text.contains("GOAL-SET-WITH-TOM"), "{text}");
    for op in &hers {
        assert_ne!(op["actor"], "amira", "{op}");
        assert_ne!(op["value"], "amira", "{op}");
        // Nor her device, which ties every op it makes to her.
        assert_ne!(op["device"], "dev-amira", "{op}");
    }
    let seen = records_seen(&json!({ "ops": hers }));
    assert!(!seen.contains(&"learning/l-before".to_owned()), "{seen:?}");
    let value_of = |ops: &[Value], field: &str| {
        (ops.iter())
            .filter(|op| op["record"] == "rel-1" && op["field"] == field)
            .map(|op| op["value"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(value_of(&hers, "purpose"), [json!("")]);
    assert_eq!(value_of(&hers, "ground-rules"), [json!("")]);
    assert_eq!(value_of(&hers, "lifecycle"), [json!("paused")]);
    // Nor Amira's saying she agreed to it, which names her.
    assert_eq!(value_of(&hers, "mentee-agreed"), [Value::Null]);
    // The same stand-ins each time; the pair who stays reads the rest as it was, and the
    // agreement emptied for them too (`a_re_pairing_empties_the_agreement_for_both_…`).
    assert_eq!(host.pull_all("tom").await, hers);
    let james = host.pull_all("james").await;
    assert_eq!(value_of(&james, "ground-rules"), [json!("")]);
    assert_eq!(value_of(&james, "lifecycle"), [json!("paused")]);
    let seen = records_seen(&json!({ "ops": james }));
    assert!(seen.contains(&"learning/l-before".to_owned()), "{seen:?}");

    // What Tom and James write from now on is theirs: her agreement reaches him, replacing
    // the emptied one.
    let emptied = (hers.iter())
        .find(|op| op["record"] == "rel-1" && op["field"] == "purpose")
        .unwrap();
    let mut purpose = host.ops.op(
        "tom",
        "relationship",
        "rel-1",
        "purpose",
        json!("TOM-AND-JAMES-PURPOSE"),
    );
    purpose["supersedes"] = json!([emptied["id"]]);
    assert!(ids(&host.push("tom", vec![purpose.clone()]).await, "rejected").is_empty());
    assert!(host.pull_all("tom").await.contains(&purpose));
    assert!(host.pull_all("james").await.contains(&purpose));
}

/// A device holding `ops` as pulled: the core's replica, which folds them as the widget does.
fn replica_of(ops: &[Value]) -> mentoring_core::merge::Replica {
    use mentoring_core::merge::{Hlc, Op, Replica};
    use mentoring_core::RecordId;
    let mut replica = Replica::new();
    for op in ops {
        let id = |key: &str| RecordId::parse(op[key].as_str().unwrap()).unwrap();
        replica.apply(
            Op {
                id: id("id"),
                actor: id("actor"),
                device: id("device"),
                hlc: Hlc::decode(op["hlc"].as_str().unwrap()).unwrap(),
                entity: op["entity"].as_str().unwrap().to_owned(),
                record: id("record"),
                field: op["field"].as_str().unwrap().to_owned(),
                value: portal::model::field_value(&op["value"]),
                supersedes: (op["supersedes"].as_array().unwrap().iter())
                    .map(|s| RecordId::parse(s.as_str().unwrap()).unwrap())
                    .collect(),
            },
            Millis(1_795_000_000_000),
        );
    }
    replica
}

/// A device of `person` holding `ops` as pulled: what it lets go of (`taken::taken_from`).
fn taken_on_device(person: &str, ops: &[Value]) -> Vec<(String, String)> {
    use mentoring_core::RecordId;
    let replica = replica_of(ops);
    let me = RecordId::parse(person).unwrap();
    (mentoring_core::taken::taken_from(&replica, &me, &[]).into_iter())
        .map(|(entity, id)| (entity, id.to_string()))
        .collect()
}

/// Someone taken off a pair by mistake and put back (`back`, on `side`, `between` holding it
/// meanwhile beside `stays`): they read again what was written in their own stint, and nothing
/// of the one between, on a new device and on the one they had.
async fn put_back_reads_their_own_stints(side: &str, back: &str, between: &str, stays: &str) {
    let host = with_relationship().await;
    let agreement = |who: &str, text: &str| {
        host.ops
            .op(who, "relationship", "rel-1", "ground-rules", json!(text))
    };
    let note = |id: &str, text: &str| {
        let entry = json!({ "author": stays, "relationship": "rel-1", "text": text, "shared": true, "written-at": 1 });
        host.ops.record(stays, "learning", id, entry)
    };
    let goal = |id: &str, title: &str| {
        (host.ops).record(stays, "goal", id, goal_fields(stays, Some("rel-1"), title))
    };
    let first = format!("FIRST-STINT-OF-{back}");
    let reply = host.push(back, vec![agreement(back, &first)]).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    for ops in [note("l-first", &first), goal("g-first", &first)] {
        let reply = host.push(stays, ops).await;
        assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    }
    let had = host.pull(back, "0").await;
    let cursor = had["cursor"].as_str().unwrap().to_owned();
    let had = had["ops"].as_array().unwrap().clone();

    // Put `between` in their place, each time replacing the value the admins held.
    let set_side = |who: &str, replaced: &Value| {
        let mut op = host
            .ops
            .op("hr-admin", "relationship", "rel-1", side, json!(who));
        op["supersedes"] = json!([replaced]);
        op
    };
    let standing = |ops: &[Value]| {
        (ops.iter())
            .filter(|op| op["record"] == "rel-1" && op["field"] == side)
            .max_by_key(|op| op["hlc"].as_str().unwrap().to_owned())
            .unwrap()["id"]
            .clone()
    };
    let taken = set_side(between, &standing(&host.pull_all("hr-admin").await));
    let reply = host.push("hr-admin", vec![taken]).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let theirs = format!("STINT-OF-{between}");
    let wrote = between.to_owned();
    let mut rules = agreement(&wrote, &theirs);
    rules["supersedes"] = json!([standing(&host.pull_all(&wrote).await)]);
    let reply = host.push(&wrote, vec![rules]).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    for ops in [note("l-between", &theirs), goal("g-between", &theirs)] {
        let reply = host.push(stays, ops).await;
        assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    }
    let put_back = set_side(back, &standing(&host.pull_all("hr-admin").await));
    let reply = host.push("hr-admin", vec![put_back]).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");

    // A new device, and the one they had, pulling on from before they were taken off.
    let new_device = host.pull_all(back).await;
    let since = host.pull(back, &cursor).await;
    let since = since["ops"].as_array().unwrap().clone();
    for (device, ops) in [("new", &new_device), ("held", &since)] {
        let text = json!(ops).to_string();
        assert!(!text.contains(&theirs), "{device}: {text}");
        for op in ops.iter() {
            assert_ne!(op["actor"], between, "{device}: {op}");
            assert_ne!(op["value"], between, "{device}: {op}");
            assert_ne!(op["device"], format!("dev-{between}"), "{device}: {op}");
        }
    }
    let seen = records_seen(&json!({ "ops": new_device }));
    for record in ["learning/l-first", "goal/g-first"] {
        assert!(seen.contains(&record.to_owned()), "{record}: {seen:?}");
        // Their devices let go of those when they were taken off: sent again.
        let again = records_seen(&json!({ "ops": since }));
        assert!(again.contains(&record.to_owned()), "{record}: {again:?}");
    }
    for record in ["learning/l-between", "goal/g-between"] {
        assert!(!seen.contains(&record.to_owned()), "{record}: {seen:?}");
    }
    // The device keeps all it received, as the host judged it, from the side's history.
    assert_eq!(taken_on_device(back, &new_device), []);
    let held: Vec<Value> = had.iter().chain(&since).cloned().collect();
    assert_eq!(taken_on_device(back, &held), []);
    // Whoever stayed reads all of it, as before.
    let stayed = json!(host.pull_all(stays).await).to_string();
    assert!(stayed.contains(&theirs) && stayed.contains(&first));
}

#[tokio::test]
async fn someone_put_back_in_a_pair_reads_their_own_stint_again_and_nothing_of_the_one_between() {
    put_back_reads_their_own_stints("mentee", "amira", "tom", "james").await;
}

#[tokio::test]
async fn a_mentor_put_back_in_a_pair_reads_their_own_stint_again_and_nothing_of_the_one_between() {
    put_back_reads_their_own_stints("mentor", "james", "sofia", "amira").await;
}

#[tokio::test]
async fn each_of_the_pair_alone_writes_their_own_agreement() {
    let host = with_relationship().await;
    let agreed = |field: &str, by: &str, pusher: &str| {
        let value = json!(format!("{by} 1795000000000 0123456789abcdef"));
        (
            pusher.to_owned(),
            host.ops.op(pusher, "relationship", "rel-1", field, value),
        )
    };
    let refused = [
        agreed("mentee-agreed", "james", "james"), // her partner, for her
        agreed("mentor-agreed", "amira", "james"), // naming her on his side
        agreed("mentor-agreed", "hr-admin", "hr-admin"), // the programme's admin
        agreed("mentee-agreed", "amira", "hr-admin"), // the admin, in her name
        agreed("mentor-agreed", "sofia", "sofia"), // someone else entirely
    ];
    for (pusher, op) in refused {
        let reply = host.push(&pusher, vec![op]).await;
        let rejected = &reply["rejected"][0];
        assert_eq!(rejected["code"], "forbidden", "{pusher}: {reply}");
        assert!(ids(&reply, "acknowledged").is_empty(), "{pusher}: {reply}");
    }
    let by_admin = host
        .push(
            "hr-admin",
            vec![agreed("mentor-agreed", "hr-admin", "hr-admin").1],
        )
        .await;
    assert!(
        by_admin["rejected"][0]["message"]
            .as_str()
            .unwrap()
            .contains("nobody agrees for someone else"),
        "{by_admin}"
    );
    for (pusher, op) in [
        agreed("mentee-agreed", "amira", "amira"),
        agreed("mentor-agreed", "james", "james"),
    ] {
        let reply = host.push(&pusher, vec![op]).await;
        assert!(ids(&reply, "rejected").is_empty(), "{pusher}: {reply}");
    }
    let page = host.pull("amira", "").await;
    let fields: BTreeSet<&str> = (page["ops"].as_array().unwrap().iter())
        .map(|op| op["field"].as_str().unwrap())
        .filter(|field| field.ends_with("-agreed"))
        .collect();
    assert_eq!(fields, BTreeSet::from(["mentee-agreed", "mentor-agreed"]));
}

/// What a device holding `ops` (as pulled) reads of relationship `rel-1`.
fn rel_1_as_read(ops: &[Value]) -> mentoring_core::Relationship {
    let replica = replica_of(ops);
    let records = replica.records();
    let projection = mentoring_core::projection::changes_from(
        records
            .iter()
            .map(|(e, id, fields)| (e.as_str(), id, fields)),
    );
    (projection.changes.into_iter())
        .find_map(|change| match change {
            mentoring_core::Change::Relationship(r) if r.id.as_str() == "rel-1" => Some(r),
            _ => None,
        })
        .unwrap()
}

#[tokio::test]
async fn a_re_pairing_empties_the_agreement_for_both_of_the_new_pair_who_then_agree_alike() {
    use mentoring_core::relationship::{agreement_version, Side};
    let host = with_relationship().await;
    let rules = host.ops.op(
        "amira",
        "relationship",
        "rel-1",
        "ground-rules",
        json!("AMIRA-AND-JAMES-RULES"),
    );
    assert!(ids(&host.push("amira", vec![rules]).await, "rejected").is_empty());
    let james = rel_1_as_read(&host.pull_all("james").await);
    let version = agreement_version(&james.purpose, &james.ground_rules);
    let agreed = host.ops.op(
        "james",
        "relationship",
        "rel-1",
        "mentor-agreed",
        json!(format!("james 1795000000000 {version}")),
    );
    assert!(ids(&host.push("james", vec![agreed]).await, "rejected").is_empty());

    // The admins put Tom in Amira's place.
    let held = host.pull_all("hr-admin").await;
    let amiras = (held.iter())
        .find(|op| op["record"] == "rel-1" && op["field"] == "mentee")
        .unwrap()["id"]
        .clone();
    let mut tom = host
        .ops
        .op("hr-admin", "relationship", "rel-1", "mentee", json!("tom"));
    tom["supersedes"] = json!([amiras]);
    assert!(ids(&host.push("hr-admin", vec![tom]).await, "rejected").is_empty());

    // Both read the same empty agreement, as a new pair's; James's agreement is to the old text.
    let (toms, james) = (
        rel_1_as_read(&host.pull_all("tom").await),
        rel_1_as_read(&host.pull_all("james").await),
    );
    for r in [&toms, &james] {
        assert_eq!((r.purpose.as_str(), r.ground_rules.as_str()), ("", ""));
        assert_eq!(r.target_role, None);
    }
    assert_eq!(
        james.agreement_of(Side::Mentor).map(|(_, current)| current),
        Some(false)
    );

    // Tom writes only the purpose, over every head his device holds; both read the same text.
    let heads_of = |ops: &[Value], field: &str| {
        let of_field: Vec<&Value> = (ops.iter())
            .filter(|op| op["record"] == "rel-1" && op["field"] == field)
            .collect();
        (of_field.iter())
            .filter(|op| {
                !(of_field.iter()).any(|o| o["supersedes"].as_array().unwrap().contains(&op["id"]))
            })
            .map(|op| op["id"].clone())
            .collect::<Vec<_>>()
    };
    let mut purpose = host.ops.op(
        "tom",
        "relationship",
        "rel-1",
        "purpose",
        json!("TOM-AND-JAMES-PURPOSE"),
    );
    purpose["supersedes"] = json!(heads_of(&host.pull_all("tom").await, "purpose"));
    assert!(ids(&host.push("tom", vec![purpose]).await, "rejected").is_empty());
    let toms = rel_1_as_read(&host.pull_all("tom").await);
    let james = rel_1_as_read(&host.pull_all("james").await);
    let version = agreement_version(&toms.purpose, &toms.ground_rules);
    assert_eq!(
        agreement_version(&james.purpose, &james.ground_rules),
        version
    );

    // Tom agrees, then James does: both read it agreed by both, to the text as it stands.
    let agree = |field: &str, by: &str| {
        let value = json!(format!("{by} 1795000000000 {version}"));
        host.ops.op(by, "relationship", "rel-1", field, value)
    };
    let reply = host.push("tom", vec![agree("mentee-agreed", "tom")]).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let mut james_agrees = agree("mentor-agreed", "james");
    james_agrees["supersedes"] = json!(heads_of(&host.pull_all("james").await, "mentor-agreed"));
    let reply = host.push("james", vec![james_agrees]).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    for person in ["tom", "james"] {
        let r = rel_1_as_read(&host.pull_all(person).await);
        for side in [Side::Mentor, Side::Mentee] {
            let current = r.agreement_of(side).map(|(_, current)| current);
            assert_eq!(current, Some(true), "{person}: {side:?}");
        }
    }
}

/// Lena, one of a programme's two admins, is taken off its admins: her devices learn it from
/// the programme's own op (an open programme she still reads; a draft, which she no longer
/// may, sends her that op alone) and let go of its enrolments but her own; nothing of it
/// reaches her after, nor a new device of hers.
#[tokio::test]
async fn an_admin_taken_off_a_programme_learns_it_and_lets_go_of_what_only_its_admins_read() {
    for state in ["open", "draft"] {
        let host = Host::new();
        let programme = json!({
            "kind": "mentoring", "name": "Gulf mentoring", "starts": "2027-01-04",
            "ends": "2027-12-31", "default-length": 300, "objectives": ["obj-1", "Ready successors"],
            "admins": ["hr-admin", "lena"], "matching": "stable", "join-departments": ["Sales"],
            "join-locations": [], "join-grade-lowest": null, "join-grade-highest": null,
            "state": state, "closed-on": null,
        });
        let enrolment = |person: &str, role: &str, status: &str| {
            json!({
                "programme": "p-gulf", "person": person, "role": role,
                "capacity": if role == "mentor" { 1 } else { 0 }, "status": status,
                "leave-reason": null, "since": "2026-09-01",
            })
        };
        let mut ops = (host.ops).record("hr-admin", "programme", "p-gulf", programme);
        for (id, person, role, status) in [
            ("en-amira", "amira", "mentee", "invited"),
            ("en-fatima", "fatima", "mentee", "enrolled"),
            ("en-lena", "lena", "mentor", "enrolled"),
        ] {
            let fields = enrolment(person, role, status);
            ops.extend(host.ops.record("hr-admin", "enrolment", id, fields));
        }
        let reply = host.push("hr-admin", ops).await;
        assert!(ids(&reply, "rejected").is_empty(), "{state}: {reply}");
        let held = host.pull("lena", "0").await;
        let seen = records_seen(&held);
        assert!(seen.contains(&"enrolment/en-amira".to_owned()), "{seen:?}");
        let mut on_her_device = held["ops"].as_array().unwrap().clone();
        assert_eq!(taken_on_device("lena", &on_her_device), vec![]);

        let removal = (host.ops).op(
            "hr-admin",
            "programme",
            "p-gulf",
            "admins",
            json!(["hr-admin"]),
        );
        let reply = host.push("hr-admin", vec![removal.clone()]).await;
        assert!(ids(&reply, "rejected").is_empty(), "{state}: {reply}");
        let after = host.pull("lena", held["cursor"].as_str().unwrap()).await;
        // The programme's standing values come again with a change of who may read it; only
        // its own op says what changed, and nothing of its enrolments comes.
        assert!(
            ids(&after, "ops").contains(&removal["id"].as_str().unwrap().to_owned()),
            "{state}: {after}"
        );
        assert_eq!(records_seen(&after), ["programme/p-gulf"], "{state}");
        if state == "draft" {
            // Hers no more to read: the op that took it, and no other.
            assert_eq!(ids(&after, "ops"), [removal["id"].as_str().unwrap()]);
        }
        on_her_device.extend(after["ops"].as_array().unwrap().iter().cloned());
        let mut expected = vec![
            ("enrolment".to_owned(), "en-amira".to_owned()),
            ("enrolment".to_owned(), "en-fatima".to_owned()),
        ];
        if state == "draft" {
            expected.push(("programme".to_owned(), "p-gulf".to_owned()));
        }
        assert_eq!(taken_on_device("lena", &on_her_device), expected, "{state}");

        // What the admins do next does not reach her; a new device of hers holds her own.
        let invite = (host.ops).record(
            "hr-admin",
            "enrolment",
            "en-yusuf",
            enrolment("yusuf", "mentee", "invited"),
        );
        let reply = host.push("hr-admin", invite).await;
        assert!(ids(&reply, "rejected").is_empty(), "{state}: {reply}");
        let later = host.pull("lena", after["cursor"].as_str().unwrap()).await;
        assert!(records_seen(&later).is_empty(), "{state}: {later}");
        let mut fresh = vec!["enrolment/en-lena".to_owned()];
        if state == "open" {
            fresh.push("programme/p-gulf".to_owned());
        }
        assert_eq!(
            records_seen(&host.pull("lena", "0").await),
            fresh,
            "{state}"
        );
    }
}

/// Lena, made one of a programme's admins after her device pulled past its records, receives
/// on her next pull every op its admins read of it (its enrolments, nudges, relationships,
/// proposals and the goals set in them, with their milestones), as a new device of hers would,
/// and nothing its admins may not read (learning, private notes, feedback, preferences). Taken
/// off its admins and made one again, her device holds it all again.
#[tokio::test]
async fn an_admin_added_to_a_programme_receives_what_its_admins_read_of_it_and_nothing_private() {
    let host = Host::new();
    let programme = json!({
        "kind": "mentoring", "name": "Gulf mentoring", "starts": "2027-01-04",
        "ends": "2027-12-31", "default-length": 300, "objectives": ["obj-1", "Ready successors"],
        "admins": ["hr-admin"], "matching": "stable", "join-departments": ["Sales"],
        "join-locations": [], "join-grade-lowest": null, "join-grade-highest": null,
        "state": "open", "closed-on": null,
    });
    let mut ops = (host.ops).record("hr-admin", "programme", "p-gulf", programme);
    for (id, person, role) in [
        ("en-amira", "amira", "mentee"),
        ("en-fatima", "fatima", "mentee"),
        ("en-james", "james", "mentor"),
        ("en-george", "george", "mentor"),
    ] {
        let fields = json!({
            "programme": "p-gulf", "person": person, "role": role,
            "capacity": if role == "mentor" { 1 } else { 0 }, "status": "enrolled",
            "leave-reason": null, "since": "2026-09-01",
        });
        ops.extend(host.ops.record("hr-admin", "enrolment", id, fields));
    }
    for (id, mentor, mentee, lifecycle) in [
        ("rel-gulf", "james", "fatima", "active"),
        ("rel-asked", "george", "amira", "proposed"),
    ] {
        let fields = json!({
            "kind": "mentoring", "programme": "p-gulf", "mentor": mentor, "mentee": mentee,
            "purpose": "", "ground-rules": "", "starts": "2027-01-04",
            "planned-end": "2027-10-31", "lifecycle": lifecycle, "end-reason": null,
            "target-role": null,
        });
        ops.extend(host.ops.record("hr-admin", "relationship", id, fields));
    }
    ops.extend(host.ops.record(
        "hr-admin",
        "nudge",
        "n-gulf",
        json!({
            "programme": "p-gulf", "relationship": "rel-gulf", "to": "fatima",
            "reason": "no-session", "by": "hr-admin", "at": 1_800_000_000_000_i64,
        }),
    ));
    let reply = host.push("hr-admin", ops).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let mut ops = host.ops.record(
        "fatima",
        "goal",
        "g-gulf",
        goal_fields("fatima", Some("rel-gulf"), "Lead the Riyadh pitch"),
    );
    ops.extend(host.ops.record(
        "fatima",
        "milestone",
        "ms-gulf",
        json!({ "goal": "g-gulf", "position": 0, "title": "Draft the deck", "done-on": null }),
    ));
    ops.push(
        host.ops
            .op("fatima", "goal", "g-gulf", "progress", json!(20)),
    );
    ops.extend(host.ops.record(
        "fatima",
        "learning",
        "l-gulf",
        json!({ "author": "fatima", "relationship": "rel-gulf", "text": "SHARED-LESSON", "shared": true, "written-at": 1 }),
    ));
    ops.extend(host.ops.record(
        "fatima",
        "private-note",
        "pn-gulf",
        json!({ "owner": "fatima", "session": "s-gulf", "text": "PRIVATE-NOTE" }),
    ));
    ops.extend(host.ops.record(
        "fatima",
        "matching-preferences",
        "fatima",
        preferences_fields("fatima", Some("FATIMA-GENDER"), &["gender"]),
    ));
    ops.extend(host.ops.record(
        "fatima",
        "feedback",
        "fb-gulf",
        json!({
            "giver": "fatima", "receiver": "james", "relationship": "rel-gulf", "session": null,
            "strengths": ["Listens", "The pitch review"], "development-areas": ["Rushes", "Q3"],
            "ratings": [], "overall": "PRIVATE-FEEDBACK", "visibility": "private", "given-at": 1,
        }),
    ));
    let reply = host.push("fatima", ops).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");

    let before = host.pull("lena", "0").await;
    assert_eq!(records_seen(&before), ["programme/p-gulf"]);
    let admins = |value: Value| {
        host.ops
            .op("hr-admin", "programme", "p-gulf", "admins", value)
    };
    let reply = host
        .push("hr-admin", vec![admins(json!(["hr-admin", "lena"]))])
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let after = host.pull("lena", before["cursor"].as_str().unwrap()).await;
    let all_ops = |pages: &[&Value]| -> BTreeSet<String> {
        pages.iter().flat_map(|page| ids(page, "ops")).collect()
    };
    let fresh = host.pull("lena", "0").await;
    assert_eq!(
        records_seen(&fresh),
        [
            "enrolment/en-amira",
            "enrolment/en-fatima",
            "enrolment/en-george",
            "enrolment/en-james",
            "goal/g-gulf",
            "milestone/ms-gulf",
            "nudge/n-gulf",
            "programme/p-gulf",
            "relationship/rel-asked",
            "relationship/rel-gulf",
        ]
    );
    // Her device now holds every op a new device of hers holds, and got none it would not.
    let (held, fresh_ops) = (all_ops(&[&before, &after]), all_ops(&[&fresh]));
    assert!(
        held.is_superset(&fresh_ops),
        "{:?}",
        fresh_ops.difference(&held)
    );
    assert!(all_ops(&[&after]).is_subset(&fresh_ops), "{after}");
    for words in [
        "SHARED-LESSON",
        "PRIVATE-NOTE",
        "FATIMA-GENDER",
        "PRIVATE-FEEDBACK",
    ] {
        assert!(!after.to_string().contains(words), "{words}: {after}");
    }

    // Taken off its admins, her device lets go of what only its admins read; made one again,
    // it gets it all back.
    let reply = host
        .push("hr-admin", vec![admins(json!(["hr-admin"]))])
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let removed = host.pull("lena", after["cursor"].as_str().unwrap()).await;
    let mut on_her_device: Vec<Value> = [&before, &after, &removed]
        .iter()
        .flat_map(|page| page["ops"].as_array().unwrap().iter().cloned())
        .collect();
    let taken = taken_on_device("lena", &on_her_device);
    assert!(
        taken.contains(&("enrolment".to_owned(), "en-amira".to_owned())),
        "{taken:?}"
    );
    on_her_device.retain(|op| {
        let record = (
            op["entity"].as_str().unwrap(),
            op["record"].as_str().unwrap(),
        );
        !(taken.iter()).any(|(entity, id)| (entity.as_str(), id.as_str()) == record)
    });
    let reply = host
        .push("hr-admin", vec![admins(json!(["hr-admin", "lena"]))])
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let again = host.pull("lena", removed["cursor"].as_str().unwrap()).await;
    for words in [
        "SHARED-LESSON",
        "PRIVATE-NOTE",
        "FATIMA-GENDER",
        "PRIVATE-FEEDBACK",
    ] {
        assert!(!again.to_string().contains(words), "{words}: {again}");
    }
    on_her_device.extend(again["ops"].as_array().unwrap().iter().cloned());
    assert_eq!(taken_on_device("lena", &on_her_device), vec![]);
    let held = json!({ "ops": on_her_device });
    assert_eq!(
        records_seen(&held),
        records_seen(&host.pull("lena", "0").await)
    );
    let held_ops: BTreeSet<String> = ids(&held, "ops").into_iter().collect();
    let fresh_ops = all_ops(&[&host.pull("lena", "0").await]);
    assert!(
        held_ops.is_superset(&fresh_ops),
        "{:?}",
        fresh_ops.difference(&held_ops)
    );
}

#[tokio::test]
async fn what_was_in_a_pair_before_its_re_pairing_was_stored_stays_with_it_whatever_the_clocks() {
    let host = with_relationship().await;
    let fast = |ops: Vec<Value>| -> Vec<Value> {
        (ops.into_iter())
            .map(|op| on_device(op, "dev-amira-laptop", 600_000))
            .collect()
    };
    let note = |id: &str, text: &str| {
        let entry = json!({ "author": "amira", "relationship": "rel-1", "text": text, "shared": true, "written-at": 1 });
        host.ops.record("amira", "learning", id, entry)
    };
    let goal = |id: &str, title: &str| {
        (host.ops).record(
            "amira",
            "goal",
            id,
            goal_fields("amira", Some("rel-1"), title),
        )
    };
    // Amira's laptop, ten minutes fast, shares a note with James, sets a goal in their pair
    // and rewrites its purpose.
    let mut laptop = fast(note("l-fast", "FAST-SHARED-WITH-JAMES"));
    laptop.extend(fast(goal("g-fast", "FAST-GOAL-WITH-JAMES")));
    laptop.extend(fast(vec![host.ops.op(
        "amira",
        "relationship",
        "rel-1",
        "purpose",
        json!("FAST-PURPOSE-WITH-JAMES"),
    )]));
    let reply = host.push("amira", laptop).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    // Her phone, offline, writes a note and a goal before it learns of the re-pairing.
    let mut phone = note("l-offline", "OFFLINE-SHARED-WITH-JAMES");
    phone.extend(goal("g-offline", "OFFLINE-GOAL-WITH-JAMES"));

    // Seconds later by the host's log, the admins make Sofia her mentor; then the phone
    // comes back online, and Amira shares a note with Sofia.
    let reply = host
        .push("hr-admin", vec![sofia_replaces_james(&host)])
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let reply = host.push("amira", phone).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let reply = host
        .push("amira", note("l-after", "SHARED-WITH-SOFIA"))
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");

    let sofias = host.pull_all("sofia").await;
    let text = json!(sofias).to_string();
    for before in [
        "FAST-SHARED-WITH-JAMES",
        "FAST-GOAL-WITH-JAMES",
        "FAST-PURPOSE-WITH-JAMES",
        "OFFLINE-SHARED-WITH-JAMES",
        "OFFLINE-GOAL-WITH-JAMES",
    ] {
        assert!(!text.contains(before), "{before}: {text}");
    }
    assert!(text.contains("SHARED-WITH-SOFIA"), "{text}");
    // The agreement written with James is emptied for both of the pair now, as at any
    // re-pairing, though its clock reads after the re-pairing's.
    assert_eq!(rel_1_as_read(&sofias).purpose, "");
    let amiras = host.pull_all("amira").await;
    assert_eq!(rel_1_as_read(&amiras).purpose, "");
    // Amira keeps all of her own.
    let mine = records_seen(&json!({ "ops": amiras }));
    for record in ["learning/l-fast", "learning/l-offline", "goal/g-fast"] {
        assert!(mine.contains(&record.to_owned()), "{record}: {mine:?}");
    }
}

#[tokio::test]
async fn an_edit_written_while_a_note_was_private_never_reaches_the_partner_it_is_shared_with() {
    let host = with_relationship().await;
    // Amira's phone writes a note for herself.
    let entry = json!({ "author": "amira", "relationship": "rel-1", "text": "v0", "shared": false, "written-at": 1 });
    let made = host.ops.record("amira", "learning", "l-1", entry);
    let made_id = |field: &str| (made.iter()).find(|o| o["field"] == field).unwrap()["id"].clone();
    let (text0, shared0) = (made_id("text"), made_id("shared"));
    assert!(ids(&host.push("amira", made.clone()).await, "rejected").is_empty());
    // Her laptop, offline, rewrites it while it is private.
    let mut secret = on_device(
        host.ops.op(
            "amira",
            "learning",
            "l-1",
            "text",
            json!("SECRET-LAPTOP-DRAFT"),
        ),
        "dev-amira-laptop",
        0,
    );
    secret["supersedes"] = json!([text0]);
    // Her phone shares it with James, then rewrites it.
    let mut share = host
        .ops
        .op("amira", "learning", "l-1", "shared", json!(true));
    share["supersedes"] = json!([shared0]);
    let mut public = host
        .ops
        .op("amira", "learning", "l-1", "text", json!("PUBLIC-TEXT"));
    public["supersedes"] = json!([text0]);
    assert!(ids(&host.push("amira", vec![share, public]).await, "rejected").is_empty());
    let cursor = host.pull("james", "0").await["cursor"].clone();
    // The laptop comes back online: its edit loses, and was written for Amira alone.
    assert!(ids(&host.push("amira", vec![secret]).await, "rejected").is_empty());

    let since_then = host.pull("james", cursor.as_str().unwrap()).await;
    assert!(!since_then.to_string().contains("SECRET"), "{since_then}");
    let fresh = host.pull("james", "0").await;
    assert_eq!(values_of(&fresh, "text"), [json!("PUBLIC-TEXT")], "{fresh}");
    // Her own devices receive it, a change of hers not kept.
    let hers = host.pull("amira", "0").await;
    assert!(values_of(&hers, "text").contains(&json!("SECRET-LAPTOP-DRAFT")));
}

#[tokio::test]
async fn a_deleted_learning_entry_or_feedback_is_its_writers_alone_until_brought_back() {
    let host = with_relationship().await;
    let entry = json!({ "author": "amira", "relationship": "rel-1", "text": "SHARED-THEN-DELETED", "shared": true, "written-at": 1 });
    let reply = host
        .push(
            "amira",
            host.ops.record("amira", "learning", "l-del", entry),
        )
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let given = json!({
        "giver": "amira", "receiver": "james", "relationship": "rel-1", "session": null,
        "strengths": ["GIVEN-THEN-DELETED", "The Q3 review"],
        "development-areas": ["Rushes the options", "The pricing talk"],
        "ratings": [], "overall": "", "visibility": "pair", "given-at": 1,
    });
    let reply = host
        .push(
            "amira",
            host.ops.record("amira", "feedback", "f-del", given),
        )
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let held = host.pull("james", "0").await;
    let cursor = held["cursor"].as_str().unwrap().to_owned();

    // Amira deletes both: James's devices that held them are sent the deletes alone, and let
    // go of them; a new device of his receives nothing of them.
    let deletes = ["learning", "feedback"].map(|entity| {
        let record = if entity == "learning" {
            "l-del"
        } else {
            "f-del"
        };
        host.ops.op("amira", entity, record, "deleted", json!(true))
    });
    assert!(ids(&host.push("amira", deletes.to_vec()).await, "rejected").is_empty());
    let after = host.pull("james", &cursor).await;
    let mut sent = ids(&after, "ops");
    sent.sort();
    let mut expected: Vec<String> = (deletes.iter())
        .map(|op| op["id"].as_str().unwrap().to_owned())
        .collect();
    expected.sort();
    assert_eq!(sent, expected, "{after}");
    let mut on_device = held["ops"].as_array().unwrap().clone();
    on_device.extend(after["ops"].as_array().unwrap().iter().cloned());
    let taken = taken_on_device("james", &on_device);
    for record in [("learning", "l-del"), ("feedback", "f-del")] {
        assert!(
            taken.contains(&(record.0.to_owned(), record.1.to_owned())),
            "{taken:?}"
        );
    }
    let fresh = host.pull("james", "0").await.to_string();
    assert!(
        !fresh.contains("-THEN-DELETED") && !fresh.contains("l-del"),
        "{fresh}"
    );

    // Rewritten while deleted, and unshared: nothing of it reaches James, and unsharing is
    // taken, as it changes nobody's reading.
    let cursor = after["cursor"].as_str().unwrap().to_owned();
    let rewrite = host.ops.op(
        "amira",
        "learning",
        "l-del",
        "text",
        json!("REWRITTEN-WHILE-DELETED"),
    );
    let unshare = host
        .ops
        .op("amira", "learning", "l-del", "shared", json!(false));
    let reply = host.push("amira", vec![rewrite, unshare]).await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let after = host.pull("james", &cursor).await;
    assert!(ids(&after, "ops").is_empty(), "{after}");
    // Brought back kept to herself, James reads none of it; shared again, he reads it as it
    // stands, and feedback brought back reaches him again.
    let cursor = after["cursor"].as_str().unwrap().to_owned();
    let restore = host
        .ops
        .op("amira", "learning", "l-del", "deleted", json!(false));
    assert!(ids(&host.push("amira", vec![restore]).await, "rejected").is_empty());
    let after = host.pull("james", &cursor).await;
    assert!(ids(&after, "ops").is_empty(), "{after}");
    let cursor = after["cursor"].as_str().unwrap().to_owned();
    let share = host
        .ops
        .op("amira", "learning", "l-del", "shared", json!(true));
    let restore = host
        .ops
        .op("amira", "feedback", "f-del", "deleted", json!(false));
    assert!(ids(&host.push("amira", vec![share, restore]).await, "rejected").is_empty());
    let after = host.pull("james", &cursor).await;
    assert_eq!(
        values_of(&after, "text"),
        [json!("REWRITTEN-WHILE-DELETED")],
        "{after}"
    );
    assert!(after.to_string().contains("GIVEN-THEN-DELETED"), "{after}");
}

#[tokio::test]
async fn nothing_is_shared_into_a_pair_that_is_over_and_a_private_reflection_is_still_kept() {
    let host = with_relationship().await;
    let complete = host.ops.op(
        "amira",
        "relationship",
        "rel-1",
        "lifecycle",
        json!("completed"),
    );
    assert!(ids(&host.push("amira", vec![complete]).await, "rejected").is_empty());
    let entry = |shared: bool| json!({ "author": "amira", "relationship": "rel-1", "text": "What the year taught me", "shared": shared, "written-at": 1 });
    let reply = host
        .push(
            "amira",
            host.ops
                .record("amira", "learning", "l-shared", entry(true)),
        )
        .await;
    assert_eq!(ids(&reply, "rejected").len(), 5, "{reply}");
    let message = reply["rejected"][0]["message"].as_str().unwrap();
    assert!(message.contains("This relationship is over"), "{message}");
    let reply = host
        .push(
            "amira",
            host.ops.record("amira", "learning", "l-mine", entry(false)),
        )
        .await;
    assert!(ids(&reply, "rejected").is_empty(), "{reply}");
    let share = host
        .ops
        .op("amira", "learning", "l-mine", "shared", json!(true));
    let reply = host.push("amira", vec![share]).await;
    assert_eq!(reply["rejected"][0]["code"], "invalid_record", "{reply}");
    let james = records_seen(&host.pull("james", "0").await);
    assert!(
        !james.iter().any(|r| r.starts_with("learning/")),
        "{james:?}"
    );
}

#[tokio::test]
async fn feedback_whose_fields_make_no_record_is_told_as_such_not_as_someone_elses() {
    let host = with_relationship().await;
    let given = json!({
        "giver": "amira", "receiver": "james", "relationship": "rel-1", "session": null,
        "strengths": ["An observation without its example"], "development-areas": [],
        "ratings": [], "overall": "", "visibility": "pair", "given-at": 1,
    });
    let reply = host
        .push(
            "amira",
            host.ops.record("amira", "feedback", "fb-try-0", given),
        )
        .await;
    let rejected = reply["rejected"].as_array().unwrap();
    assert!(!rejected.is_empty(), "{reply}");
    for refusal in rejected {
        assert_eq!(refusal["code"], "invalid_op", "{reply}");
        let message = refusal["message"].as_str().unwrap();
        assert!(message.contains("unreadable"), "{message}");
        assert!(!message.contains("only the people"), "{message}");
    }
}

/// The fields of record `entity`/`record` as a device holding `ops` shows them, deleted or not.
fn fields_shown(ops: &[Value], entity: &str, record: &str) -> mentoring_core::projection::Fields {
    let id = mentoring_core::RecordId::parse(record).unwrap();
    replica_of(ops).record_undeleted(entity, &id).unwrap()
}

/// Amira's note, shared from a phone whose clock runs two days ahead; her laptop's edit,
/// written while it was private, loses to the phone's text and is withheld from James; then a
/// tablet whose clock runs an hour behind (it did not follow the phone's, too far ahead)
/// replaces the phone's text, and the laptop's edit, which the tablet never saw, stands.
/// James pulls after each push or only at the end (`between`).
async fn a_withheld_value_that_comes_to_stand(between: bool) {
    let host = with_relationship().await;
    let entry = json!({ "author": "amira", "relationship": "rel-1", "text": "v0", "shared": false, "written-at": 1 });
    let made = host.ops.record("amira", "learning", "l-1", entry);
    let made_id = |field: &str| (made.iter()).find(|o| o["field"] == field).unwrap()["id"].clone();
    let (text0, shared0) = (made_id("text"), made_id("shared"));
    assert!(ids(&host.push("amira", made.clone()).await, "rejected").is_empty());
    let phone = |op: Value| on_device(op, "dev-amira-phone", 2 * DAY_MS);
    let mut share = phone(
        host.ops
            .op("amira", "learning", "l-1", "shared", json!(true)),
    );
    share["supersedes"] = json!([shared0]);
    let mut public = phone(
        host.ops
            .op("amira", "learning", "l-1", "text", json!("PUBLIC-TEXT")),
    );
    public["supersedes"] = json!([text0]);
    let pushed = host.push("amira", vec![share, public.clone()]).await;
    assert!(ids(&pushed, "rejected").is_empty(), "{pushed}");
    let mut james = host.pull("james", "0").await;
    let mut held: Vec<Value> = james["ops"].as_array().unwrap().clone();

    let mut laptop = on_device(
        host.ops
            .op("amira", "learning", "l-1", "text", json!("LAPTOP-TEXT")),
        "dev-amira-laptop",
        0,
    );
    laptop["supersedes"] = json!([text0]);
    assert!(ids(&host.push("amira", vec![laptop]).await, "rejected").is_empty());
    if between {
        james = host.pull("james", james["cursor"].as_str().unwrap()).await;
        assert!(
            !james.to_string().contains("LAPTOP-TEXT"),
            "it loses: {james}"
        );
        held.extend(james["ops"].as_array().unwrap().iter().cloned());
    }
    let mut tablet = on_device(
        host.ops
            .op("amira", "learning", "l-1", "text", json!("TABLET-TEXT")),
        "dev-amira-tablet",
        -3_600_000,
    );
    tablet["supersedes"] = json!([public["id"]]);
    assert!(ids(&host.push("amira", vec![tablet]).await, "rejected").is_empty());
    james = host.pull("james", james["cursor"].as_str().unwrap()).await;
    held.extend(james["ops"].as_array().unwrap().iter().cloned());

    // The host shows what Amira's devices show, every op of hers folded.
    let standing = fields_shown(&host.pull_all("amira").await, "learning", "l-1");
    assert_eq!(
        standing.get("text"),
        Some(&field("LAPTOP-TEXT")),
        "{standing:?}"
    );
    assert_eq!(fields_shown(&held, "learning", "l-1"), standing, "{held:?}");
    // The tablet's text, written while the note was private by its clock, never stands and
    // never reaches him; a new device of his reads the note as his first one does.
    assert!(!serde_json::to_string(&held)
        .unwrap()
        .contains("TABLET-TEXT"));
    let fresh = host.pull_all("james").await;
    assert!(!serde_json::to_string(&fresh)
        .unwrap()
        .contains("TABLET-TEXT"));
    assert_eq!(fields_shown(&fresh, "learning", "l-1"), standing);
}

fn field(text: &str) -> mentoring_core::projection::FieldValue {
    mentoring_core::projection::FieldValue::Text(text.to_owned())
}

#[tokio::test]
async fn a_withheld_value_that_comes_to_stand_reaches_the_reader_whose_device_then_shows_it() {
    a_withheld_value_that_comes_to_stand(false).await;
}

#[tokio::test]
async fn a_withheld_value_that_comes_to_stand_after_a_pull_reaches_the_reader_then() {
    a_withheld_value_that_comes_to_stand(true).await;
}

#[tokio::test]
async fn every_pull_says_the_portals_epoch_and_a_device_that_pulled_before_it_keeps_nothing_withheld_now(
) {
    use mentoring_core::RecordId;
    let host = with_relationship().await;
    // Amira's laptop, offline, rewrites a note while it is private; her phone shares it.
    let entry = json!({ "author": "amira", "relationship": "rel-1", "text": "v0", "shared": false, "written-at": 1 });
    let made = host.ops.record("amira", "learning", "l-1", entry);
    let made_id = |field: &str| (made.iter()).find(|o| o["field"] == field).unwrap()["id"].clone();
    let (text0, shared0) = (made_id("text"), made_id("shared"));
    assert!(ids(&host.push("amira", made.clone()).await, "rejected").is_empty());
    let mut secret = host
        .ops
        .op("amira", "learning", "l-1", "text", json!("SECRET-DRAFT"));
    secret["supersedes"] = json!([text0]);
    let mut share = host
        .ops
        .op("amira", "learning", "l-1", "shared", json!(true));
    share["supersedes"] = json!([shared0]);
    let mut public = host
        .ops
        .op("amira", "learning", "l-1", "text", json!("PUBLIC-TEXT"));
    public["supersedes"] = json!([text0]);
    assert!(ids(&host.push("amira", vec![share, public]).await, "rejected").is_empty());
    assert!(ids(&host.push("amira", vec![secret.clone()]).await, "rejected").is_empty());

    // James's device pulled under a portal that sent the draft too, and holds a goal of his
    // own not yet sent.
    let page = host.pull("james", "0").await;
    assert_eq!(page["epoch"], json!(portal::PULL_EPOCH), "{page}");
    let mut pulled: Vec<Value> = page["ops"].as_array().unwrap().clone();
    assert!(!json!(pulled).to_string().contains("SECRET-DRAFT"));
    pulled.push(secret);
    let unsent = host.ops.record(
        "james",
        "goal",
        "g-unsent",
        goal_fields("james", None, "UNSENT-GOAL"),
    );
    let mut device = replica_of(&[pulled, unsent].concat());
    assert!(device
        .history("learning", &RecordId::parse("l-1").unwrap(), "text")
        .iter()
        .any(|op| op.value == field("SECRET-DRAFT")));

    // Its pull finds an epoch it did not pull under: it lets go of what it pulled, its own
    // unsent goal kept, and pulls again from the start.
    let own = vec![("goal".to_owned(), RecordId::parse("g-unsent").unwrap())];
    let pulled_before = mentoring_core::taken::pulled_before(&device, &own);
    assert!(pulled_before.contains(&("learning".to_owned(), RecordId::parse("l-1").unwrap())));
    assert!(!pulled_before.contains(&own[0]));
    device.forget(&pulled_before);
    let again = replica_of(&host.pull_all("james").await);
    for op in again.ops() {
        device.apply(op.clone(), Millis(1_795_000_000_000));
    }
    let l1 = RecordId::parse("l-1").unwrap();
    let held = device.history("learning", &l1, "text");
    assert!(
        !(held.iter()).any(|op| op.value == field("SECRET-DRAFT")),
        "{held:?}"
    );
    assert_eq!(
        device.winner("learning", &l1, "text").map(|op| &op.value),
        Some(&field("PUBLIC-TEXT"))
    );
    assert!(device.conflicts("learning", &l1, "text").is_empty());
    assert_eq!(
        device
            .record("goal", &RecordId::parse("g-unsent").unwrap())
            .unwrap()
            .get("title"),
        Some(&field("UNSENT-GOAL"))
    );
}

#[tokio::test]
async fn a_re_pairing_the_portal_never_emptied_the_agreement_of_leaves_the_one_who_stayed_their_text(
) {
    let dir = std::env::temp_dir().join(format!("portal-past-pairing-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("portal.sqlite3");
    {
        let host = host_on_file(&path);
        let made = host
            .ops
            .record("hr-admin", "relationship", "rel-1", relationship_fields());
        assert!(ids(&host.push("hr-admin", made).await, "rejected").is_empty());
        // The admins' device, two days fast, puts Sofia in James's place.
        let sofia = on_device(sofia_replaces_james(&host), "dev-hr-admin-fast", 2 * DAY_MS);
        assert!(ids(&host.push("hr-admin", vec![sofia]).await, "rejected").is_empty());
    }
    // A portal from before it emptied agreements at a re-pairing: Amira, who stayed, rewrote
    // the purpose after it, over the text she held, her clock behind the admins'.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM ops WHERE id LIKE 'portal-agreement-%'", [])
        .unwrap();
    let later = OpWriter::new(500, 1_795_000_000_000);
    let mut purpose = later.op(
        "amira",
        "relationship",
        "rel-1",
        "purpose",
        json!("AMIRA-FOR-THE-NEW-PAIR"),
    );
    purpose["supersedes"] = json!(["op-hr-admin-9"]);
    store_as_before(&Db::open(&path).unwrap(), &[purpose]);

    // Started now, the portal takes none of it from her; Sofia reads it as written before
    // she joined, by the admins' clock (`before_joining`): empty.
    let host = host_on_file(&path);
    let amiras = rel_1_as_read(&host.pull_all("amira").await);
    assert_eq!(amiras.purpose, "AMIRA-FOR-THE-NEW-PAIR");
    let sofias = rel_1_as_read(&host.pull_all("sofia").await);
    assert_eq!(sofias.purpose, "");
    let _ = std::fs::remove_dir_all(&dir);
}
