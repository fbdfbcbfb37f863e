//! Programme administration through the adapter: only a programme's admins set it up and
//! enrol people, a participant answers their own invitation and sees their own enrolment, and
//! the admin's figures and exports are aggregates without anything private.

mod common;

use common::{Api, OpWriter};

use axum::http::StatusCode;
use mentoring_core::Millis;
use portal::{router, Db, Portal};
use serde_json::{json, Value};

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

    /// A portal whose clock reads `now`.
    fn at(now: i64) -> Host {
        let portal = Portal::new(Db::in_memory().unwrap(), env!("CARGO_MANIFEST_DIR").into())
            .unwrap()
            .with_clock(move || Millis(now));
        Host {
            api: Api(router(portal)),
            ops: OpWriter::new(1, 1_795_000_000_000),
        }
    }

    async fn get(&self, person: &str, path: &str) -> (StatusCode, String) {
        self.api.get(person, path).await
    }

    async fn push(&self, person: &str, ops: Vec<Value>) -> Value {
        self.api.push(person, ops).await
    }

    /// Every op `person` receives.
    async fn pulled(&self, person: &str) -> Vec<Value> {
        let reply = self.api.pull(person, "0").await;
        reply["ops"].as_array().unwrap().clone()
    }
}

fn rejected(reply: &Value) -> Vec<(String, String)> {
    reply["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_owned(),
                r["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn accepted_all(reply: &Value) {
    assert!(rejected(reply).is_empty(), "{reply}");
}

/// The value the latest op pulled for one field of one record.
fn field(ops: &[Value], entity: &str, record: &str, name: &str) -> Option<Value> {
    ops.iter()
        .filter(|op| op["entity"] == entity && op["record"] == record && op["field"] == name)
        .max_by_key(|op| op["hlc"].as_str().unwrap().to_owned())
        .map(|op| op["value"].clone())
}

fn programme_fields(admin: &str, name: &str) -> Value {
    json!({
        "kind": "mentoring", "name": name, "starts": "2027-01-04", "ends": "2027-12-31",
        "default-length": 300, "objectives": ["obj-1", "Ready successors"], "admins": [admin],
        "matching": "stable", "join-departments": ["Sales"], "join-locations": [],
        "join-grade-lowest": null, "join-grade-highest": null, "state": "open", "closed-on": null,
    })
}

fn enrolment_fields(
    programme: &str,
    person: &str,
    role: &str,
    capacity: i64,
    status: &str,
) -> Value {
    json!({
        "programme": programme, "person": person, "role": role, "capacity": capacity,
        "status": status, "leave-reason": null, "since": "2026-09-01",
    })
}

#[tokio::test]
async fn only_programme_admins_set_up_programmes_and_a_participant_changes_none() {
    let host = Host::new();
    let reply = host
        .push(
            "hr-admin",
            host.ops.record(
                "hr-admin",
                "programme",
                "p-new",
                programme_fields("hr-admin", "Succession 2027"),
            ),
        )
        .await;
    accepted_all(&reply);

    // A participant cannot set one up, even naming themselves its admin…
    let reply = host
        .push(
            "amira",
            host.ops.record(
                "amira",
                "programme",
                "p-amira",
                programme_fields("amira", "Mine"),
            ),
        )
        .await;
    let refusals = rejected(&reply);
    assert_eq!(refusals.len(), 14);
    assert!(refusals
        .iter()
        .all(|(code, m)| code == "forbidden" && m.contains("programme admin role")));
    // …nor change one, nor make themselves its admin.
    let reply = host
        .push(
            "amira",
            vec![
                host.ops
                    .op("amira", "programme", "p-new", "name", json!("Hijacked")),
                host.ops
                    .op("amira", "programme", "p-new", "admins", json!(["amira"])),
            ],
        )
        .await;
    assert_eq!(rejected(&reply).len(), 2);
    assert!(rejected(&reply)[0]
        .1
        .contains("Only the admins of Succession 2027"));
    // Nor can anyone change a programme of the HR directory through the widget.
    let reply = host
        .push(
            "hr-admin",
            vec![host.ops.op(
                "hr-admin",
                "programme",
                "mentoring-2026",
                "name",
                json!("x"),
            )],
        )
        .await;
    assert!(rejected(&reply)[0].1.contains("HR directory"));

    let ops = host.pulled("amira").await;
    assert_eq!(
        field(&ops, "programme", "p-new", "name"),
        Some(json!("Succession 2027"))
    );
    assert_eq!(field(&ops, "programme", "p-amira", "name"), None);

    // The admin may change it; a rule it breaks is refused with the core's message.
    let reply = host
        .push(
            "hr-admin",
            vec![host.ops.op(
                "hr-admin",
                "programme",
                "p-new",
                "name",
                json!("Succession 2027–28"),
            )],
        )
        .await;
    accepted_all(&reply);
    let reply = host
        .push(
            "hr-admin",
            vec![host
                .ops
                .op("hr-admin", "programme", "p-new", "default-length", json!(0))],
        )
        .await;
    assert_eq!(rejected(&reply)[0].0, "invalid_op");
    assert!(rejected(&reply)[0].1.contains("default length"));
    let ops = host.pulled("hr-admin").await;
    assert_eq!(
        field(&ops, "programme", "p-new", "default-length"),
        Some(json!(300))
    );
}

#[tokio::test]
async fn a_programmes_health_list_raises_signals_by_its_own_settings() {
    // 2026-11-28; the pair started three weeks before, and has met on no day since.
    let host = Host::at(1_795_864_000_000);
    let mut fields = programme_fields("hr-admin", "Succession 2027");
    fields["starts"] = json!("2026-09-01");
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops.record("hr-admin", "programme", "p-new", fields),
            )
            .await,
    );
    let pair = json!({
        "kind": "mentoring", "programme": "p-new", "mentor": "james", "mentee": "amira",
        "purpose": "", "ground-rules": "", "starts": "2026-11-07",
        "planned-end": "2027-10-31", "lifecycle": "active", "end-reason": null,
        "target-role": null,
    });
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops.record("hr-admin", "relationship", "rel-ok", pair),
            )
            .await,
    );
    let signals = || async {
        let (status, body) = host
            .get("hr-admin", "/api/mentoring/v1/programmes/p-new/dashboard")
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let board: Value = serde_json::from_str(&body).unwrap();
        board["health"][0]["signals"].clone()
    };
    // Set up without the settings (as by a widget from before them): four weeks, the default.
    assert_eq!(signals().await, json!([]));
    // Its admin makes it two weeks; out of range is refused with the range, and not stored.
    let reply = host
        .push(
            "hr-admin",
            vec![host
                .ops
                .op("hr-admin", "programme", "p-new", "quiet-weeks", json!(0))],
        )
        .await;
    assert_eq!(rejected(&reply)[0].0, "invalid_op");
    assert!(
        rejected(&reply)[0].1.contains("choose 1 to 26 (it is 0)"),
        "{reply}"
    );
    accepted_all(
        &host
            .push(
                "hr-admin",
                vec![host
                    .ops
                    .op("hr-admin", "programme", "p-new", "quiet-weeks", json!(2))],
            )
            .await,
    );
    assert_eq!(
        signals().await,
        json!([{ "key": "no-session", "text": "no session yet, 3 weeks in" }])
    );
    // The pair reads the setting with the programme, for their own reminders.
    let pulled = host.pulled("amira").await;
    assert_eq!(
        field(&pulled, "programme", "p-new", "quiet-weeks"),
        Some(json!(2))
    );
}

#[tokio::test]
async fn a_re_paired_pair_is_quiet_from_its_re_pairing_not_from_its_start() {
    // 2026-11-28; the pair started in September and never met: twelve weeks quiet.
    let host = Host::at(1_795_864_000_000);
    let mut fields = programme_fields("hr-admin", "Succession 2027");
    fields["starts"] = json!("2026-09-01");
    fields["matching"] = json!("mentee-chooses");
    let pair = json!({
        "kind": "mentoring", "programme": "p-new", "mentor": "james", "mentee": "amira",
        "purpose": "", "ground-rules": "", "starts": "2026-09-01",
        "planned-end": "2027-10-31", "lifecycle": "active", "end-reason": null,
        "target-role": null,
    });
    let ops = [
        host.ops.record("hr-admin", "programme", "p-new", fields),
        host.ops.record("hr-admin", "relationship", "rel-r", pair),
    ]
    .concat();
    accepted_all(&host.push("hr-admin", ops).await);
    let card = || async {
        let (status, body) = host
            .get("hr-admin", "/api/mentoring/v1/programmes/p-new/dashboard")
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let board: Value = serde_json::from_str(&body).unwrap();
        board["health"][0].clone()
    };
    let before = card().await;
    assert_eq!(before["signals"][0]["key"], "no-session", "{before}");
    assert_eq!(before["lastMet"], Value::Null);
    // Its admins put Fatima in Amira's place, ten days ago by the op's clock (2026-11-18):
    // she has had no time to meet yet.
    let repair = host.ops.op(
        "hr-admin",
        "relationship",
        "rel-r",
        "mentee",
        json!("fatima"),
    );
    accepted_all(&host.push("hr-admin", vec![repair]).await);
    let after = card().await;
    assert_eq!(after["signals"], json!([]), "{after}");
    assert_eq!(after["lastMet"], "2026-11-18");
    assert!(
        !(after["actions"].as_array().unwrap()).contains(&json!("nudge")),
        "{after}"
    );
}

#[tokio::test]
async fn an_admin_invites_a_mentee_who_receives_the_invitation_and_accepts_it() {
    let host = Host::new();
    let fields = programme_fields("hr-admin", "Succession 2027");
    let invitation = enrolment_fields("p-new", "fatima", "mentee", 0, "invited");
    let ops = [
        host.ops.record("hr-admin", "programme", "p-new", fields),
        host.ops
            .record("hr-admin", "enrolment", "en-fatima", invitation),
    ]
    .concat();
    accepted_all(&host.push("hr-admin", ops).await);
    // Fatima receives it, to answer under "Needs your attention".
    let pulled = host.pulled("fatima").await;
    assert_eq!(
        field(&pulled, "enrolment", "en-fatima", "status"),
        Some(json!("invited"))
    );
    assert_eq!(
        field(&pulled, "enrolment", "en-fatima", "role"),
        Some(json!("mentee"))
    );
    let accept = host.ops.op(
        "fatima",
        "enrolment",
        "en-fatima",
        "status",
        json!("enrolled"),
    );
    accepted_all(&host.push("fatima", vec![accept]).await);
    let pulled = host.pulled("hr-admin").await;
    assert_eq!(
        field(&pulled, "enrolment", "en-fatima", "status"),
        Some(json!("enrolled"))
    );
}

#[tokio::test]
async fn a_draft_programme_reaches_its_admins_only() {
    let host = Host::new();
    let mut fields = programme_fields("hr-admin", "Draft");
    fields["state"] = json!("draft");
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops.record("hr-admin", "programme", "p-draft", fields),
            )
            .await,
    );
    assert!(field(&host.pulled("amira").await, "programme", "p-draft", "name").is_none());
    // Nor do its figures' refusals name it: to her it is not there.
    for figures in ["dashboard", "export/relationships.csv"] {
        let (status, body) = host
            .get(
                "amira",
                &format!("/api/mentoring/v1/programmes/p-draft/{figures}"),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{figures}: {body}");
        assert!(!body.contains("Draft"), "{figures}: {body}");
    }
    assert!(field(
        &host.pulled("hr-admin").await,
        "programme",
        "p-draft",
        "name"
    )
    .is_some());
    accepted_all(
        &host
            .push(
                "hr-admin",
                vec![host
                    .ops
                    .op("hr-admin", "programme", "p-draft", "state", json!("open"))],
            )
            .await,
    );
    assert_eq!(
        field(&host.pulled("amira").await, "programme", "p-draft", "name"),
        Some(json!("Draft"))
    );
}

#[tokio::test]
async fn admins_enrol_and_invite_and_a_participant_only_answers_or_leaves() {
    let host = Host::new();
    let mut ops = host.ops.record(
        "hr-admin",
        "enrolment",
        "en-amira",
        enrolment_fields("mentoring-2026", "amira", "mentee", 0, "enrolled"),
    );
    ops.extend(host.ops.record(
        "hr-admin",
        "enrolment",
        "en-fatima",
        enrolment_fields("mentoring-2026", "fatima", "mentee", 0, "enrolled"),
    ));
    ops.extend(host.ops.record(
        "hr-admin",
        "enrolment",
        "en-james",
        enrolment_fields("mentoring-2026", "james", "mentor", 2, "invited"),
    ));
    accepted_all(&host.push("hr-admin", ops).await);

    // A second enrolment of the same person in one push is refused.
    let reply = host
        .push(
            "hr-admin",
            host.ops.record(
                "hr-admin",
                "enrolment",
                "en-amira-2",
                enrolment_fields("mentoring-2026", "amira", "mentee", 0, "enrolled"),
            ),
        )
        .await;
    assert!(
        rejected(&reply)[0].1.contains("already enrolled"),
        "{reply}"
    );

    // A participant does not enrol anyone, themselves included, nor change their enrolment.
    let reply = host
        .push(
            "tom",
            host.ops.record(
                "tom",
                "enrolment",
                "en-tom",
                enrolment_fields("mentoring-2026", "tom", "mentee", 0, "enrolled"),
            ),
        )
        .await;
    assert_eq!(rejected(&reply).len(), 7);
    assert_eq!(rejected(&reply)[0].0, "forbidden");
    let reply = host
        .push(
            "amira",
            vec![host
                .ops
                .op("amira", "enrolment", "en-amira", "role", json!("mentor"))],
        )
        .await;
    assert_eq!(rejected(&reply)[0].0, "forbidden");
    // …nor answer someone else's invitation; James answers his own.
    let reply = host
        .push(
            "amira",
            vec![host.ops.op(
                "amira",
                "enrolment",
                "en-james",
                "status",
                json!("enrolled"),
            )],
        )
        .await;
    assert_eq!(rejected(&reply)[0].0, "forbidden");
    let reply = host
        .push(
            "hr-admin",
            vec![host.ops.op(
                "hr-admin",
                "enrolment",
                "en-james",
                "status",
                json!("enrolled"),
            )],
        )
        .await;
    assert!(rejected(&reply)[0].1.contains("Only the person invited"));
    accepted_all(
        &host
            .push(
                "james",
                vec![host.ops.op(
                    "james",
                    "enrolment",
                    "en-james",
                    "status",
                    json!("enrolled"),
                )],
            )
            .await,
    );
    // Amira may leave.
    accepted_all(
        &host
            .push(
                "amira",
                vec![host
                    .ops
                    .op("amira", "enrolment", "en-amira", "status", json!("left"))],
            )
            .await,
    );

    // Each sees their own enrolment; the admin sees all; others see none.
    let amira = host.pulled("amira").await;
    assert_eq!(
        field(&amira, "enrolment", "en-amira", "status"),
        Some(json!("left"))
    );
    assert_eq!(field(&amira, "enrolment", "en-fatima", "status"), None);
    let james = host.pulled("james").await;
    assert_eq!(
        field(&james, "enrolment", "en-james", "status"),
        Some(json!("enrolled"))
    );
    assert_eq!(field(&james, "enrolment", "en-amira", "status"), None);
    let admin = host.pulled("hr-admin").await;
    assert_eq!(
        field(&admin, "enrolment", "en-fatima", "status"),
        Some(json!("enrolled"))
    );
    assert_eq!(
        field(&admin, "enrolment", "en-amira", "role"),
        Some(json!("mentee"))
    );
    assert!(field(
        &host.pulled("sofia").await,
        "enrolment",
        "en-fatima",
        "status"
    )
    .is_none());
}

#[tokio::test]
async fn a_programme_with_an_enrolment_list_pairs_nobody_who_declined_or_left() {
    let host = Host::new();
    let mut ops = Vec::new();
    for (record, person, role, capacity) in [
        ("en-amira", "amira", "mentee", 0),
        ("en-fatima", "fatima", "mentee", 0),
        ("en-james", "james", "mentor", 2),
        ("en-ops", "ops-dir", "mentor", 2),
    ] {
        let status = if role == "mentor" {
            "invited"
        } else {
            "enrolled"
        };
        ops.extend(host.ops.record(
            "hr-admin",
            "enrolment",
            record,
            enrolment_fields("mentoring-2026", person, role, capacity, status),
        ));
    }
    accepted_all(&host.push("hr-admin", ops).await);
    // James declines his invitation; Fatima leaves.
    let answer = |who: &str, record: &str, status: &str| {
        let mut ops = vec![host
            .ops
            .op(who, "enrolment", record, "status", json!(status))];
        if status == "left" {
            ops.push(
                host.ops
                    .op(who, "enrolment", record, "leave-reason", json!("New role")),
            );
        }
        ops
    };
    accepted_all(
        &host
            .push("james", answer("james", "en-james", "declined"))
            .await,
    );
    accepted_all(
        &host
            .push("fatima", answer("fatima", "en-fatima", "left"))
            .await,
    );

    let pair = |who: &str, record: &str, mentor: &str, mentee: &str| {
        host.ops.record(
            who,
            "relationship",
            record,
            json!({
                "kind": "mentoring", "programme": "mentoring-2026", "mentor": mentor,
                "mentee": mentee, "purpose": "", "ground-rules": "", "starts": "2027-01-04",
                "planned-end": "2027-10-31", "lifecycle": "proposed", "end-reason": null,
                "target-role": null,
            }),
        )
    };
    // Published by an admin or asked for by the mentee: a mentor who declined, a mentee who
    // left, is refused with the rule's message, and nothing of it is stored.
    for (who, record, mentor, mentee, named) in [
        ("hr-admin", "rel-1", "james", "amira", "James Whitfield"),
        ("amira", "rel-2", "james", "amira", "James Whitfield"),
        ("hr-admin", "rel-3", "ops-dir", "fatima", "Fatima Zayed"),
        ("fatima", "rel-4", "ops-dir", "fatima", "Fatima Zayed"),
    ] {
        let reply = host.push(who, pair(who, record, mentor, mentee)).await;
        let refusals = rejected(&reply);
        assert!(
            !refusals.is_empty()
                && refusals.iter().all(|(code, m)| code == "invalid_record"
                    && m.contains(named)
                    && m.contains("not on the enrolment list")),
            "{record}: {refusals:?}"
        );
        let pulled = host.pulled("hr-admin").await;
        assert!(field(&pulled, "relationship", record, "mentor").is_none());
    }
    // A mentor invited has not said yes: not paired until they accept, which is theirs.
    let reply = host
        .push("hr-admin", pair("hr-admin", "rel-5", "ops-dir", "amira"))
        .await;
    let refusals = rejected(&reply);
    assert!(
        !refusals.is_empty()
            && (refusals.iter())
                .all(|(_, m)| m.contains("Daniel Brooks is not on the enrolment list")),
        "{refusals:?}"
    );
    accepted_all(
        &host
            .push("ops-dir", answer("ops-dir", "en-ops", "enrolled"))
            .await,
    );
    // The mentor enrolled and the mentee enrolled are paired.
    accepted_all(
        &host
            .push("hr-admin", pair("hr-admin", "rel-6", "ops-dir", "amira"))
            .await,
    );
}

/// What the directory tells `reader` of the programmes keeping an enrolment list.
async fn taking_part(host: &Host, reader: &str) -> Value {
    let (status, body) = host.get(reader, "/api/mentoring/v1/directory").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let directory: Value = serde_json::from_str(&body).unwrap();
    directory["takingPart"].clone()
}

#[tokio::test]
async fn the_directory_names_a_lists_mentors_to_its_mentees_alone_and_no_mentee_to_anyone() {
    let host = Host::new();
    // Nobody is on a list yet: every programme takes its people from the directory.
    assert_eq!(taking_part(&host, "amira").await, json!([]));
    let mut ops = host.ops.record(
        "hr-admin",
        "programme",
        "p-set-up",
        programme_fields("hr-admin", "Succession 2027"),
    );
    let mut draft = programme_fields("hr-admin", "Draft 2027");
    draft["state"] = json!("draft");
    ops.extend(host.ops.record("hr-admin", "programme", "p-draft", draft));
    for (record, programme, person, role, status) in [
        ("en-amira", "mentoring-2026", "amira", "mentee", "enrolled"),
        (
            "en-fatima",
            "mentoring-2026",
            "fatima",
            "mentee",
            "enrolled",
        ),
        ("en-james", "mentoring-2026", "james", "mentor", "invited"),
        ("en-ops", "mentoring-2026", "ops-dir", "mentor", "enrolled"),
        ("en-set-up", "p-set-up", "james", "mentor", "invited"),
        ("en-draft", "p-draft", "james", "mentor", "invited"),
    ] {
        let capacity = if role == "mentor" { 2 } else { 0 };
        ops.extend(host.ops.record(
            "hr-admin",
            "enrolment",
            record,
            enrolment_fields(programme, person, role, capacity, status),
        ));
    }
    accepted_all(&host.push("hr-admin", ops).await);
    // James declines in the directory's programme: a request to him would be refused.
    let declined = host.ops.op(
        "james",
        "enrolment",
        "en-james",
        "status",
        json!("declined"),
    );
    accepted_all(&host.push("james", vec![declined]).await);

    let told = taking_part(&host, "amira").await;
    assert_eq!(
        told,
        json!([
            { "programme": "mentoring-2026", "mentors": ["ops-dir"] },
            { "programme": "p-set-up", "mentors": [] },
        ])
    );
    // Amira reads who mentors there, never who else is a mentee, nor of a draft.
    let text = told.to_string();
    assert!(
        !text.contains("fatima") && !text.contains("p-draft"),
        "{text}"
    );
    // A mentor, or someone on no list as a mentee, reads only which programmes keep a list.
    for reader in ["ops-dir", "tom"] {
        assert_eq!(
            taking_part(&host, reader).await,
            json!([
                { "programme": "mentoring-2026", "mentors": [] },
                { "programme": "p-set-up", "mentors": [] },
            ]),
            "{reader}"
        );
    }
}

/// The mentors the directory tells `reader` have no place left in programmes set up through
/// ops.
async fn full(host: &Host, reader: &str) -> Value {
    let (_, body) = host.get(reader, "/api/mentoring/v1/directory").await;
    serde_json::from_str::<Value>(&body).unwrap()["fullMentors"].clone()
}

#[tokio::test]
async fn the_directory_names_the_full_mentors_of_a_programme_set_up_in_programme_admin() {
    let host = Host::new();
    let mut ops = host.ops.record(
        "hr-admin",
        "programme",
        "p-set-up",
        programme_fields("hr-admin", "Succession 2027"),
    );
    for (record, person, role, capacity) in [
        ("en-amira", "amira", "mentee", 0),
        ("en-fatima", "fatima", "mentee", 0),
        ("en-ops", "ops-dir", "mentor", 1),
    ] {
        ops.extend(host.ops.record(
            "hr-admin",
            "enrolment",
            record,
            enrolment_fields("p-set-up", person, role, capacity, "enrolled"),
        ));
    }
    accepted_all(&host.push("hr-admin", ops).await);
    assert_eq!(full(&host, "amira").await, json!([]));
    // Daniel's one place goes to Fatima: Amira's device is told he is full, not by whom.
    let pair = host.ops.record(
        "hr-admin",
        "relationship",
        "rel-fatima",
        json!({
            "kind": "mentoring", "programme": "p-set-up", "mentor": "ops-dir",
            "mentee": "fatima", "purpose": "", "ground-rules": "", "starts": "2027-01-04",
            "planned-end": "2027-10-31", "lifecycle": "proposed", "end-reason": null,
            "target-role": null,
        }),
    );
    accepted_all(&host.push("hr-admin", pair).await);
    let told = full(&host, "amira").await;
    assert_eq!(
        told,
        json!([{ "programme": "p-set-up", "mentors": ["ops-dir"] }])
    );
    assert!(!told.to_string().contains("fatima"), "{told}");
    // Someone who may not ask for a mentor there learns nothing of whose places are taken.
    assert_eq!(full(&host, "tom").await, json!([]));
}

#[tokio::test]
async fn full_mentors_reach_no_one_only_invited_as_a_mentee_nor_anyone_once_the_programme_closes() {
    let host = Host::new();
    let mut ops = host.ops.record(
        "hr-admin",
        "programme",
        "p-set-up",
        programme_fields("hr-admin", "Succession 2027"),
    );
    for (record, person, role, capacity, status) in [
        ("en-amira", "amira", "mentee", 0, "invited"),
        ("en-fatima", "fatima", "mentee", 0, "enrolled"),
        ("en-ops", "ops-dir", "mentor", 1, "enrolled"),
    ] {
        ops.extend(host.ops.record(
            "hr-admin",
            "enrolment",
            record,
            enrolment_fields("p-set-up", person, role, capacity, status),
        ));
    }
    ops.extend(host.ops.record(
        "hr-admin",
        "relationship",
        "rel-fatima",
        json!({
            "kind": "mentoring", "programme": "p-set-up", "mentor": "ops-dir",
            "mentee": "fatima", "purpose": "", "ground-rules": "", "starts": "2027-01-04",
            "planned-end": "2027-10-31", "lifecycle": "proposed", "end-reason": null,
            "target-role": null,
        }),
    ));
    accepted_all(&host.push("hr-admin", ops).await);
    // Only invited, Amira may not ask for a mentor there yet: whose places are taken is not hers.
    assert_eq!(full(&host, "amira").await, json!([]));
    let accept = host.ops.op(
        "amira",
        "enrolment",
        "en-amira",
        "status",
        json!("enrolled"),
    );
    accepted_all(&host.push("amira", vec![accept]).await);
    assert_eq!(
        full(&host, "amira").await,
        json!([{ "programme": "p-set-up", "mentors": ["ops-dir"] }])
    );
    // Closed, it takes no new pair: nobody is told who is full in it.
    let close = vec![
        host.ops.op(
            "hr-admin",
            "programme",
            "p-set-up",
            "state",
            json!("closed"),
        ),
        host.ops.op(
            "hr-admin",
            "programme",
            "p-set-up",
            "closed-on",
            json!("2027-06-30"),
        ),
    ];
    accepted_all(&host.push("hr-admin", close).await);
    assert_eq!(full(&host, "amira").await, json!([]));
}

#[tokio::test]
async fn no_pair_is_made_or_re_paired_in_a_programme_that_is_a_draft_or_closed() {
    let host = Host::new();
    let pair = |record: &str, mentee: &str| {
        host.ops.record(
            "hr-admin",
            "relationship",
            record,
            json!({
                "kind": "mentoring", "programme": "p-state", "mentor": "james",
                "mentee": mentee, "purpose": "", "ground-rules": "", "starts": "2027-01-04",
                "planned-end": "2027-10-31", "lifecycle": "proposed", "end-reason": null,
                "target-role": null,
            }),
        )
    };
    let refused_saying = |reply: &Value, said: &str| {
        let refusals = rejected(reply);
        assert!(
            !refusals.is_empty()
                && refusals.iter().all(|(code, m)| code == "invalid_record"
                    && m.contains(&format!("Draft or closed {said}"))),
            "{refusals:?}"
        );
    };
    let mut fields = programme_fields("hr-admin", "Draft or closed");
    fields["state"] = json!("draft");
    let set_up = host.ops.record("hr-admin", "programme", "p-state", fields);
    accepted_all(&host.push("hr-admin", set_up).await);
    // A draft takes no pair, published or asked for.
    refused_saying(
        &host.push("hr-admin", pair("rel-draft", "amira")).await,
        "is a draft",
    );
    let pulled = host.pulled("hr-admin").await;
    assert!(field(&pulled, "relationship", "rel-draft", "mentor").is_none());
    // Open, it does.
    let open = host
        .ops
        .op("hr-admin", "programme", "p-state", "state", json!("open"));
    accepted_all(&host.push("hr-admin", vec![open]).await);
    accepted_all(&host.push("hr-admin", pair("rel-open", "amira")).await);
    // Closed, its pairs stay as they are but none is re-paired, nor a new one made.
    let close = vec![
        host.ops
            .op("hr-admin", "programme", "p-state", "state", json!("closed")),
        host.ops.op(
            "hr-admin",
            "programme",
            "p-state",
            "closed-on",
            json!("2027-06-30"),
        ),
    ];
    accepted_all(&host.push("hr-admin", close).await);
    let repair = host.ops.op(
        "hr-admin",
        "relationship",
        "rel-open",
        "mentee",
        json!("yusuf"),
    );
    refused_saying(&host.push("hr-admin", vec![repair]).await, "is closed");
    refused_saying(
        &host.push("hr-admin", pair("rel-closed", "yusuf")).await,
        "is closed",
    );
    let pulled = host.pulled("hr-admin").await;
    assert_eq!(
        field(&pulled, "relationship", "rel-open", "mentee"),
        Some(json!("amira"))
    );
}

#[tokio::test]
async fn the_admins_figures_are_aggregates_and_exports_carry_nothing_private() {
    let host = Host::new();
    let relationship = json!({
        "kind": "mentoring", "programme": "mentoring-2026", "mentor": "james", "mentee": "amira",
        "purpose": "PAIR-PURPOSE", "ground-rules": "", "starts": "2026-09-01",
        "planned-end": "2027-08-31", "lifecycle": "active", "end-reason": null, "target-role": null,
    });
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops
                    .record("hr-admin", "relationship", "rel-1", relationship),
            )
            .await,
    );
    let mut ops = host.ops.record(
        "amira",
        "private-note",
        "n-1",
        json!({ "owner": "amira", "session": "s-1", "text": "PRIVATE-NOTE-TEXT" }),
    );
    ops.extend(host.ops.record(
        "amira",
        "session",
        "s-1",
        json!({
            "relationship": "rel-1", "author": "amira", "at": 1_790_000_000_000i64,
            "time-zone": "Asia/Dubai", "minutes": 60, "place": "online", "location": "",
            "grow-goal": "SESSION-TEXT", "grow-reality": "", "grow-options": "", "grow-will": "",
            "skills": [], "goals": [],
        }),
    ));
    accepted_all(&host.push("amira", ops).await);

    let (status, body) = host
        .get(
            "hr-admin",
            "/api/mentoring/v1/programmes/mentoring-2026/dashboard",
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let board: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(board["version"], 1);
    // One pair is two people: every figure about them is hidden.
    assert_eq!(board["relationships"][1], "hidden: fewer than 5");
    // The whole row, zeros included: a shown 0 would say which part the pair is in.
    assert!(
        board["relationships"]
            .as_array()
            .unwrap()
            .iter()
            .all(|part| part == "hidden: fewer than 5"),
        "{}",
        board["relationships"]
    );
    assert!(board["sessionsPerMonth"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["sessions"] == 0 || m["sessions"] == "hidden: fewer than 5"));
    assert_eq!(board["kirkpatrick"]["results"], Value::Null);
    // Nobody is on the programme's enrolment list: its participants are the directory's, as
    // the programme screen counts them (fifteen willing to mentor; the fourteen others but
    // the admin as mentees).
    assert_eq!(board["people"]["mentees"], 14, "{body}");
    assert_eq!(board["people"]["mentors"], 15, "{body}");
    assert_eq!(board["people"]["invited"], 0, "{body}");
    assert_eq!(board["health"][0]["relationship"], "rel-1");
    assert_eq!(board["health"][0]["mentor"], "james");
    assert_eq!(board["health"][0]["mentee"], "amira");
    for path in ["relationships.csv", "aggregates.csv"] {
        let (status, csv) = host
            .get(
                "hr-admin",
                &format!("/api/mentoring/v1/programmes/mentoring-2026/export/{path}"),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{csv}");
        for secret in ["PRIVATE-NOTE-TEXT", "SESSION-TEXT", "PAIR-PURPOSE"] {
            assert!(!csv.contains(secret), "{secret} in {path}: {csv}");
        }
        assert!(csv.lines().count() > 1, "{csv}");
    }
    let (_, relationships) = host
        .get(
            "hr-admin",
            "/api/mentoring/v1/programmes/mentoring-2026/export/relationships.csv",
        )
        .await;
    assert!(
        relationships.contains(",rel-1,mentoring,james,James Whitfield,amira,Amira Haddad,active"),
        "{relationships}"
    );
    // After the byte-order mark that has spreadsheets read it as UTF-8.
    assert!(relationships.starts_with("\u{FEFF}programme,relationship,"));
    let (_, aggregates) = host
        .get(
            "hr-admin",
            "/api/mentoring/v1/programmes/mentoring-2026/export/aggregates.csv",
        )
        .await;
    // Each row names the programme it counts, under short column names.
    assert!(
        aggregates.starts_with("\u{FEFF}programme,figure,period,part,value,status\r\n"),
        "{aggregates}"
    );
    assert!(
        aggregates.contains("\r\nLeadership mentoring 2026–27,people,"),
        "{aggregates}"
    );
    assert!(aggregates.contains(",mentees,14,shown\r\n"), "{aggregates}");
    assert!(aggregates.contains(",mentors,15,shown\r\n"), "{aggregates}");
    assert!(!body.contains("PRIVATE-NOTE-TEXT") && !body.contains("SESSION-TEXT"));

    // Participants and other programmes' admins get no figures.
    let (status, body) = host
        .get(
            "amira",
            "/api/mentoring/v1/programmes/mentoring-2026/dashboard",
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("Only the admins of"));
    let (status, _) = host
        .get("hr-admin", "/api/mentoring/v1/programmes/nope/dashboard")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = host
        .get(
            "hr-admin",
            "/api/mentoring/v1/programmes/mentoring-2026/export/notes.csv",
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_relationship_in_a_programme_set_up_through_ops_is_held_to_the_pairing_rules() {
    let host = Host::new();
    let pair = |mentor: &str, mentee: &str| {
        json!({
            "kind": "mentoring", "programme": "p-new", "mentor": mentor, "mentee": mentee,
            "purpose": "", "ground-rules": "", "starts": "2027-01-04",
            "planned-end": "2027-10-31", "lifecycle": "active", "end-reason": null,
            "target-role": null,
        })
    };
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops.record(
                    "hr-admin",
                    "programme",
                    "p-new",
                    programme_fields("hr-admin", "Succession 2027"),
                ),
            )
            .await,
    );
    // The programme is known to the pairing rules, so a sound pair lands…
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops
                    .record("hr-admin", "relationship", "rel-ok", pair("james", "amira")),
            )
            .await,
    );

    // …and one across a reporting line (Khalid manages Amira) is refused, none of it stored.
    let reply = host
        .push(
            "hr-admin",
            host.ops.record(
                "hr-admin",
                "relationship",
                "rel-line",
                pair("khalid", "amira"),
            ),
        )
        .await;
    let refusals = rejected(&reply);
    assert!(!refusals.is_empty());
    assert!(
        refusals
            .iter()
            .all(|(code, m)| code == "invalid_record" && m.contains("reporting line")),
        "{refusals:?}"
    );
    let pulled = host.pulled("hr-admin").await;
    assert_eq!(
        field(&pulled, "relationship", "rel-ok", "mentor"),
        Some(json!("james"))
    );
    assert!(field(&pulled, "relationship", "rel-line", "mentor").is_none());
}

#[tokio::test]
async fn a_pair_in_a_programme_taking_the_directory_is_made_only_of_people_who_may_join() {
    let host = Host::new();
    let pair = |mentor: &str, mentee: &str| {
        json!({
            "kind": "mentoring", "programme": "p-sales", "mentor": mentor, "mentee": mentee,
            "purpose": "", "ground-rules": "", "starts": "2027-01-04",
            "planned-end": "2027-10-31", "lifecycle": "proposed", "end-reason": null,
            "target-role": null,
        })
    };
    // Who may join is Sales; nobody is enrolled, so the programme takes the directory's people.
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops.record(
                    "hr-admin",
                    "programme",
                    "p-sales",
                    programme_fields("hr-admin", "Sales succession"),
                ),
            )
            .await,
    );
    // Priya is in Product: published by an admin or asked for by herself, the pair is refused
    // with the rule's message, none of it stored.
    for (who, record) in [("hr-admin", "rel-published"), ("priya", "rel-asked")] {
        let reply = host
            .push(
                who,
                host.ops
                    .record(who, "relationship", record, pair("james", "priya")),
            )
            .await;
        let refusals = rejected(&reply);
        assert!(!refusals.is_empty(), "{reply}");
        assert!(
            refusals.iter().all(|(code, m)| code == "invalid_record"
                && m.contains("Priya Nair")
                && m.contains("not among who may join Sales succession")),
            "{refusals:?}"
        );
        assert!(
            reply["acknowledged"].as_array().unwrap().is_empty(),
            "{reply}"
        );
    }
    // Amira, in Sales, is paired; putting Priya in her place later is refused the same way.
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops
                    .record("hr-admin", "relationship", "rel-ok", pair("james", "amira")),
            )
            .await,
    );
    let swap = host.ops.op(
        "hr-admin",
        "relationship",
        "rel-ok",
        "mentee",
        json!("priya"),
    );
    let refusals = rejected(&host.push("hr-admin", vec![swap]).await);
    assert!(
        matches!(refusals.as_slice(), [(code, m)] if code == "invalid_record"
            && m.contains("not among who may join")),
        "{refusals:?}"
    );
    let pulled = host.pulled("hr-admin").await;
    assert_eq!(
        field(&pulled, "relationship", "rel-ok", "mentee"),
        Some(json!("amira"))
    );
    assert!(field(&pulled, "relationship", "rel-published", "mentee").is_none());
}

#[tokio::test]
async fn a_programme_taking_the_directory_gives_each_mentor_the_places_its_set_up_says() {
    let host = Host::new();
    let pair = |mentee: &str| {
        json!({
            "kind": "mentoring", "programme": "p-places", "mentor": "james", "mentee": mentee,
            "purpose": "", "ground-rules": "", "starts": "2027-01-04",
            "planned-end": "2027-10-31", "lifecycle": "proposed", "end-reason": null,
            "target-role": null,
        })
    };
    let mut fields = programme_fields("hr-admin", "Places");
    fields["join-departments"] = json!([]);
    // Out of range, the set-up is refused with the rule's message and nothing is stored.
    fields["places-per-mentor"] = json!(11);
    let set_up = |fields: &Value| {
        host.ops
            .record("hr-admin", "programme", "p-places", fields.clone())
    };
    let refusals = rejected(&host.push("hr-admin", set_up(&fields)).await);
    assert!(
        !refusals.is_empty()
            && refusals.iter().all(|(code, m)| code == "invalid_op"
                && m.contains("Places per mentor or coach: choose 1 to 10 (it is 11)")),
        "{refusals:?}"
    );
    fields["places-per-mentor"] = json!(3);
    accepted_all(&host.push("hr-admin", set_up(&fields)).await);
    // A run with three places per mentor publishes three pairs for James, not two.
    let mut run = Vec::new();
    for mentee in ["amira", "fatima", "yusuf"] {
        run.extend(host.ops.record(
            "hr-admin",
            "relationship",
            &format!("rel-{mentee}"),
            pair(mentee),
        ));
    }
    accepted_all(&host.push("hr-admin", run).await);
    // A fourth is refused, naming his three places.
    let fourth = host
        .ops
        .record("hr-admin", "relationship", "rel-priya", pair("priya"));
    let refusals = rejected(&host.push("hr-admin", fourth).await);
    assert!(
        !refusals.is_empty()
            && refusals.iter().all(|(code, m)| code == "invalid_record"
                && m.contains("James Whitfield has no place left in Places: their 3 places")),
        "{refusals:?}"
    );
}

#[tokio::test]
async fn a_programme_and_its_first_relationships_land_in_one_push() {
    let host = Host::new();
    let pair = |mentor: &str, mentee: &str| {
        json!({
            "kind": "mentoring", "programme": "p-batch", "mentor": mentor, "mentee": mentee,
            "purpose": "", "ground-rules": "", "starts": "2027-01-04",
            "planned-end": "2027-10-31", "lifecycle": "proposed", "end-reason": null,
            "target-role": null,
        })
    };
    // A device's outbox holds the new programme and the pairs published in it; the push is
    // judged as the programme leaves it, whatever the order of its ops.
    let mut ops = host.ops.record(
        "hr-admin",
        "relationship",
        "rel-before",
        pair("james", "amira"),
    );
    ops.extend(host.ops.record(
        "hr-admin",
        "programme",
        "p-batch",
        programme_fields("hr-admin", "Succession 2027"),
    ));
    ops.extend(host.ops.record(
        "hr-admin",
        "relationship",
        "rel-after",
        pair("ops-dir", "yusuf"),
    ));
    accepted_all(&host.push("hr-admin", ops).await);
    let pulled = host.pulled("hr-admin").await;
    assert_eq!(
        field(&pulled, "relationship", "rel-before", "mentor"),
        Some(json!("james"))
    );
    assert_eq!(
        field(&pulled, "relationship", "rel-after", "mentee"),
        Some(json!("yusuf"))
    );

    // Someone who may not set up programmes gets neither the programme nor a pair in it.
    let mut ops = host.ops.record(
        "amira",
        "programme",
        "p-amira",
        programme_fields("amira", "Amira's own"),
    );
    ops.extend(host.ops.record("amira", "relationship", "rel-amira", {
        let mut fields = pair("noura", "tom");
        fields["programme"] = json!("p-amira");
        fields
    }));
    let reply = host.push("amira", ops).await;
    assert!(
        reply["acknowledged"].as_array().unwrap().is_empty(),
        "{reply}"
    );
    assert!(field(
        &host.pulled("hr-admin").await,
        "relationship",
        "rel-amira",
        "mentor"
    )
    .is_none());
}

#[tokio::test]
async fn no_words_of_feedback_learning_or_goals_reach_the_admins_figures_or_exports() {
    let host = Host::new();
    let relationship = json!({
        "kind": "mentoring", "programme": "mentoring-2026", "mentor": "james", "mentee": "amira",
        "purpose": "", "ground-rules": "", "starts": "2026-09-01", "planned-end": "2027-08-31",
        "lifecycle": "active", "end-reason": null, "target-role": null,
    });
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops
                    .record("hr-admin", "relationship", "rel-1", relationship),
            )
            .await,
    );
    let feedback = |visibility: &str, words: &str| {
        json!({
            "giver": "amira", "receiver": "james", "relationship": "rel-1", "session": null,
            "strengths": [format!("{words}-STRENGTH"), format!("{words}-EXAMPLE")],
            "development-areas": [format!("{words}-AREA"), format!("{words}-EXAMPLE")],
            "ratings": ["listening:2"], "overall": format!("{words}-OVERALL"),
            "visibility": visibility, "given-at": 1_790_000_000_000i64,
        })
    };
    let goal = |relationship: Option<&str>, title: &str| {
        json!({
            "owner": "amira", "relationship": relationship, "title": title, "measure-what": null,
            "measure-baseline": null, "measure-target": null, "measure-current": null, "due": null,
            "objective": null, "aspiration": format!("{title}-ASPIRATION"), "progress": 0,
            "status": "at-risk", "history": [], "created-at": 1, "updated-at": 1,
        })
    };
    let mut ops = Vec::new();
    for (record, fields) in [
        ("f-anonymous", feedback("anonymous", "ANONYMOUS")),
        ("f-shared", feedback("pair", "SHARED")),
        ("f-private", feedback("private", "PRIVATE")),
    ] {
        ops.extend(host.ops.record("amira", "feedback", record, fields));
    }
    ops.extend(
        host.ops
            .record("amira", "goal", "g-pair", goal(Some("rel-1"), "PAIR-GOAL")),
    );
    ops.extend(
        host.ops
            .record("amira", "goal", "g-own", goal(None, "OWN-GOAL")),
    );
    ops.extend(host.ops.record(
        "amira",
        "learning",
        "l-1",
        json!({ "author": "amira", "relationship": "rel-1", "text": "LEARNING-TEXT", "shared": true, "written-at": 1 }),
    ));
    accepted_all(&host.push("amira", ops).await);

    let base = "/api/mentoring/v1/programmes/mentoring-2026";
    let mut served = Vec::new();
    for path in [
        "dashboard",
        "export/relationships.csv",
        "export/aggregates.csv",
    ] {
        let (status, body) = host.get("hr-admin", &format!("{base}/{path}")).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        served.push((path, body));
    }
    // The pair's goal counts (the case tests something), its words do not.
    assert!(served[1]
        .1
        .contains("amira,Amira Haddad,active,2026-09-01,2027-08-31,,1,"));
    for (path, body) in &served {
        for words in [
            "ANONYMOUS",
            "SHARED-",
            "PRIVATE-",
            "PAIR-GOAL",
            "OWN-GOAL",
            "LEARNING-TEXT",
        ] {
            assert!(!body.contains(words), "{words} in {path}: {body}");
        }
    }
}

#[tokio::test]
async fn a_pair_nudged_in_the_last_7_days_is_not_nudged_again() {
    const DAY: i64 = 86_400_000;
    let host = Host::new();
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops.record(
                    "hr-admin",
                    "programme",
                    "p-new",
                    programme_fields("hr-admin", "Succession 2027"),
                ),
            )
            .await,
    );
    let pair = json!({
        "kind": "mentoring", "programme": "p-new", "mentor": "james", "mentee": "amira",
        "purpose": "", "ground-rules": "", "starts": "2027-01-04",
        "planned-end": "2027-10-31", "lifecycle": "active", "end-reason": null,
        "target-role": null,
    });
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops.record("hr-admin", "relationship", "rel-ok", pair),
            )
            .await,
    );
    let first_at = 1_800_000_000_000_i64;
    let nudge = |id: &str, to: &str, at: i64| {
        host.ops.record(
            "hr-admin",
            "nudge",
            id,
            json!({
                "programme": "p-new", "relationship": "rel-ok", "to": to,
                "reason": "no-session", "by": "hr-admin", "at": at,
            }),
        )
    };
    accepted_all(&host.push("hr-admin", nudge("n1", "amira", first_at)).await);
    // The other of the pair is told of the same nudge.
    accepted_all(
        &host
            .push("hr-admin", nudge("n1-mentor", "james", first_at))
            .await,
    );
    // Again within the week: refused with the reason, not stored.
    let reply = host
        .push("hr-admin", nudge("n2", "amira", first_at + 3 * DAY))
        .await;
    let refusals = rejected(&reply);
    assert!(!refusals.is_empty());
    assert!(
        refusals
            .iter()
            .all(|(code, m)| code == "invalid_op" && m.contains("nudged less than 7 days ago")),
        "{refusals:?}"
    );
    // A week on, the pair is nudged again.
    accepted_all(
        &host
            .push("hr-admin", nudge("n3", "amira", first_at + 7 * DAY))
            .await,
    );
    let pulled = host.pulled("hr-admin").await;
    assert_eq!(field(&pulled, "nudge", "n1", "to"), Some(json!("amira")));
    assert_eq!(
        field(&pulled, "nudge", "n1-mentor", "to"),
        Some(json!("james"))
    );
    assert!(field(&pulled, "nudge", "n2", "to").is_none());
    assert_eq!(field(&pulled, "nudge", "n3", "to"), Some(json!("amira")));
    // Each of the pair receives their own nudge and not the other's.
    let james = host.pulled("james").await;
    assert_eq!(
        field(&james, "nudge", "n1-mentor", "to"),
        Some(json!("james"))
    );
    assert!(field(&james, "nudge", "n1", "to").is_none());
}

#[tokio::test]
async fn a_run_published_from_two_devices_pairs_each_mentee_once() {
    let host = Host::new();
    let pair = |mentor: &str, mentee: &str| {
        json!({
            "kind": "mentoring", "programme": "p-sales", "mentor": mentor, "mentee": mentee,
            "purpose": "", "ground-rules": "", "starts": "2027-01-04",
            "planned-end": "2027-10-31", "lifecycle": "proposed", "end-reason": null,
            "target-role": null,
        })
    };
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops.record(
                    "hr-admin",
                    "programme",
                    "p-sales",
                    programme_fields("hr-admin", "Sales succession"),
                ),
            )
            .await,
    );
    // The first device's publish lands.
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops
                    .record("hr-admin", "relationship", "rel-a", pair("james", "amira")),
            )
            .await,
    );
    // The second device published the same run offline: its pair, under its own id, comes
    // back refused, and so does another mentor for the same mentee.
    for (record, mentor) in [("rel-b", "james"), ("rel-c", "yusuf")] {
        let reply = host
            .push(
                "hr-admin",
                host.ops
                    .record("hr-admin", "relationship", record, pair(mentor, "amira")),
            )
            .await;
        let refusals = rejected(&reply);
        assert!(
            !refusals.is_empty()
                && refusals.iter().all(|(code, m)| code == "invalid_record"
                    && m.contains("already has a relationship under way in Sales succession")),
            "{record}: {refusals:?}"
        );
        assert!(field(
            &host.pulled("hr-admin").await,
            "relationship",
            record,
            "mentee"
        )
        .is_none());
    }
    // A pair the second device published and then ended (re-matched) before syncing pairs
    // nobody: it lands as the record of what happened.
    let mut ended = host
        .ops
        .record("hr-admin", "relationship", "rel-e", pair("yusuf", "amira"));
    ended.push(host.ops.op(
        "hr-admin",
        "relationship",
        "rel-e",
        "lifecycle",
        json!("ended-early"),
    ));
    ended.push(host.ops.op(
        "hr-admin",
        "relationship",
        "rel-e",
        "end-reason",
        json!("Re-matched"),
    ));
    accepted_all(&host.push("hr-admin", ended).await);
    // In another programme, the same two are refused without naming the pair under way,
    // which may be in a programme the pusher does not run.
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops.record(
                    "hr-admin",
                    "programme",
                    "p-other",
                    programme_fields("hr-admin", "Sales succession two"),
                ),
            )
            .await,
    );
    let mut elsewhere = pair("james", "amira");
    elsewhere["programme"] = json!("p-other");
    let reply = host
        .push(
            "hr-admin",
            host.ops
                .record("hr-admin", "relationship", "rel-x", elsewhere),
        )
        .await;
    let refusals = rejected(&reply);
    assert!(
        !refusals.is_empty()
            && refusals.iter().all(|(code, m)| code == "invalid_record"
                && m.contains("cannot be made now")
                && !m.contains("James")
                && !m.contains("Amira")),
        "{refusals:?}"
    );

    // Once the first pair is over, the mentee may be paired again.
    let op = |field: &str, value| {
        host.ops
            .op("hr-admin", "relationship", "rel-a", field, value)
    };
    let mut again = vec![
        op("lifecycle", json!("ended-early")),
        op("end-reason", json!("Published twice")),
    ];
    again.extend(
        host.ops
            .record("hr-admin", "relationship", "rel-d", pair("james", "amira")),
    );
    accepted_all(&host.push("hr-admin", again).await);
}

#[tokio::test]
async fn a_programme_whose_who_may_join_admits_nobody_in_the_directory_is_kept_a_draft() {
    let host = Host::new();
    let mut nobody = programme_fields("hr-admin", "Nowhere leaders");
    nobody["join-departments"] = json!(["Nowhere"]);
    let reply = host
        .push(
            "hr-admin",
            host.ops
                .record("hr-admin", "programme", "p-nowhere", nobody.clone()),
        )
        .await;
    let refusals = rejected(&reply);
    assert!(!refusals.is_empty(), "{reply}");
    assert!(
        refusals.iter().all(|(code, m)| code == "invalid_op"
            && m.contains("Nowhere leaders cannot be open")
            && m.contains("departments Nowhere")),
        "{refusals:?}"
    );
    assert!(field(
        &host.pulled("hr-admin").await,
        "programme",
        "p-nowhere",
        "name"
    )
    .is_none());

    // As a draft it is kept; opened as it is, refused; widened, it opens.
    nobody["state"] = json!("draft");
    accepted_all(
        &host
            .push(
                "hr-admin",
                host.ops
                    .record("hr-admin", "programme", "p-nowhere", nobody),
            )
            .await,
    );
    let open = host
        .ops
        .op("hr-admin", "programme", "p-nowhere", "state", json!("open"));
    let refusals = rejected(&host.push("hr-admin", vec![open.clone()]).await);
    assert!(
        matches!(refusals.as_slice(), [(code, m)] if code == "invalid_op"
            && m.contains("admits nobody in the directory")),
        "{refusals:?}"
    );
    let widen = host.ops.op(
        "hr-admin",
        "programme",
        "p-nowhere",
        "join-departments",
        json!(["Nowhere", "Sales"]),
    );
    let open = host
        .ops
        .op("hr-admin", "programme", "p-nowhere", "state", json!("open"));
    accepted_all(&host.push("hr-admin", vec![widen, open]).await);
    assert_eq!(
        field(
            &host.pulled("amira").await,
            "programme",
            "p-nowhere",
            "state"
        ),
        Some(json!("open"))
    );
}

#[tokio::test]
async fn a_new_programme_named_as_another_or_started_long_ago_is_refused() {
    // 2026-11-28.
    let host = Host::at(1_795_864_000_000);
    let host = &host;
    let push = |id: &'static str, fields: Value| {
        let ops = host.ops.record("hr-admin", "programme", id, fields);
        async move { host.push("hr-admin", ops).await }
    };
    accepted_all(&push("p-one", programme_fields("hr-admin", "Succession 2027")).await);
    let reply = push("p-two", programme_fields("hr-admin", " succession 2027 ")).await;
    let refused = rejected(&reply);
    assert_eq!(refused[0].0, "invalid_op");
    assert!(
        refused[0].1.contains("already a programme named"),
        "{refused:?}"
    );
    let mut old = programme_fields("hr-admin", "Succession 2020");
    old["starts"] = json!("2020-01-01");
    let reply = push("p-old", old).await;
    assert!(rejected(&reply)[0].1.contains("starts on"), "{reply}");
    let ops = host.pulled("hr-admin").await;
    assert_eq!(field(&ops, "programme", "p-two", "name"), None);
    assert_eq!(field(&ops, "programme", "p-old", "name"), None);
}

#[tokio::test]
async fn a_programme_name_is_compared_only_with_programmes_its_admin_may_see() {
    // Another admin's draft, stored before: hr-admin's device never holds it.
    let db = Db::in_memory().unwrap();
    let theirs = OpWriter::new(1, 1_795_000_000_000);
    let mut draft = programme_fields("people-dir", "Hidden Plans");
    draft["state"] = json!("draft");
    for op in theirs.record("people-dir", "programme", "p-theirs", draft) {
        let record = op["record"].as_str().unwrap().to_owned();
        db.store_op(
            op["id"].as_str().unwrap(),
            "programme",
            &record,
            &op.to_string(),
        )
        .unwrap();
    }
    let portal = Portal::new(db, env!("CARGO_MANIFEST_DIR").into())
        .unwrap()
        .with_clock(|| Millis(1_795_864_000_000));
    let host = Host {
        api: Api(router(portal)),
        ops: OpWriter::new(100, 1_795_000_000_000),
    };
    assert_eq!(
        field(
            &host.pulled("hr-admin").await,
            "programme",
            "p-theirs",
            "name"
        ),
        None
    );
    let mine = host.ops.record(
        "hr-admin",
        "programme",
        "p-mine",
        programme_fields("hr-admin", " hidden plans"),
    );
    accepted_all(&host.push("hr-admin", mine).await);
    // One it may see is still compared with.
    let again = host.ops.record(
        "hr-admin",
        "programme",
        "p-again",
        programme_fields("hr-admin", "Hidden plans "),
    );
    let refused = rejected(&host.push("hr-admin", again).await);
    assert!(
        refused[0].1.contains("already a programme named"),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_booked_session_is_not_held_and_a_declined_request_is_not_ended_early() {
    const DAY: i64 = 86_400_000;
    let now = 1_795_000_000_000 + DAY;
    let host = Host::at(now);
    let pair = |mentor: &str, mentee: &str, lifecycle: &str| {
        json!({
            "kind": "mentoring", "programme": "mentoring-2026", "mentor": mentor,
            "mentee": mentee, "purpose": "", "ground-rules": "", "starts": "2026-09-01",
            "planned-end": "2027-08-31", "lifecycle": lifecycle, "end-reason": null,
            "target-role": null,
        })
    };
    let mut ops = (host.ops).record(
        "hr-admin",
        "relationship",
        "rel-met",
        pair("james", "amira", "active"),
    );
    let asked = (host.ops).record(
        "hr-admin",
        "relationship",
        "rel-asked",
        pair("noura", "fatima", "proposed"),
    );
    let asked_lifecycle = field_op_id(&asked, "lifecycle");
    ops.extend(asked);
    accepted_all(&host.push("hr-admin", ops).await);
    let session = |id: &str, at: i64| {
        host.ops.record(
            "amira",
            "session",
            id,
            json!({
                "relationship": "rel-met", "author": "amira", "partner": "james", "at": at,
                "time-zone": "Asia/Dubai", "minutes": 60, "place": "online", "location": "",
                "grow-goal": "We met", "grow-reality": "", "grow-options": "", "grow-will": "",
                "skills": [], "goals": [],
            }),
        )
    };
    // 21:06 UTC, 01:06 the next day in Dubai: the figures date it by Dubai's day.
    let held_at = now - 40 * DAY + 10 * 3_600_000;
    let mut sessions = session("s-held", held_at);
    sessions.extend(session("s-booked", now + 3 * DAY));
    accepted_all(&host.push("amira", sessions).await);
    // Noura declines the request, as her device writes it: the end marked unstarted, over
    // the proposal it saw.
    let mut declined = vec![
        host.ops.op(
            "noura",
            "relationship",
            "rel-asked",
            "lifecycle",
            json!("ended-early"),
        ),
        host.ops.op(
            "noura",
            "relationship",
            "rel-asked",
            "end-reason",
            json!("Not this term"),
        ),
    ];
    declined[0]["id"] = json!("unstarted-mentor-op-noura-1");
    declined[0]["supersedes"] = json!([asked_lifecycle]);
    accepted_all(&host.push("noura", declined).await);

    let day = |at: i64| Millis(at + 4 * 3_600_000).utc_date().to_string();
    assert_ne!(day(held_at), Millis(held_at).utc_date().to_string());
    let (status, body) = host
        .get(
            "hr-admin",
            "/api/mentoring/v1/programmes/mentoring-2026/dashboard",
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let board: Value = serde_json::from_str(&body).unwrap();
    let card = (board["health"].as_array().unwrap().iter())
        .find(|h| h["relationship"] == "rel-met")
        .unwrap();
    assert_eq!(card["sessions"], 1, "{card}");
    assert_eq!(card["lastSession"], day(held_at), "{card}");
    assert_eq!(card["nextSession"], day(now + 3 * DAY), "{card}");
    assert!(
        card["signals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["key"] == "no-session"),
        "{card}"
    );
    // Proposed, active, paused, completed, ended early, declined or withdrawn.
    assert_eq!(board["relationships"].as_array().unwrap().len(), 6);
    let (_, csv) = host
        .get(
            "hr-admin",
            "/api/mentoring/v1/programmes/mentoring-2026/export/relationships.csv",
        )
        .await;
    let row = |id: &str| {
        let cell = format!(",{id}");
        csv.lines().find(|l| l.contains(&cell)).unwrap().to_owned()
    };
    assert!(
        row("rel-asked,").contains(",declined-or-withdrawn,"),
        "{csv}"
    );
    // Over: the day it ended after its planned end; under way: none.
    assert!(row("rel-asked,").contains(",2027-08-31,20"), "{csv}");
    assert!(row("rel-met,").contains(",2027-08-31,,"), "{csv}");
    assert!(
        row("rel-met,").contains(&format!(",1,{},", day(held_at))),
        "{csv}"
    );
    let (_, aggregates) = host
        .get(
            "hr-admin",
            "/api/mentoring/v1/programmes/mentoring-2026/export/aggregates.csv",
        )
        .await;
    assert!(
        aggregates.contains(",declined-or-withdrawn,"),
        "{aggregates}"
    );
}

/// The id of the op writing `name` among `ops`.
fn field_op_id(ops: &[Value], name: &str) -> String {
    let op = ops.iter().find(|op| op["field"] == name).unwrap();
    op["id"].as_str().unwrap().to_owned()
}

/// The host dates a session by its own zone's rules, summer time included, and a zone its
/// database lacks as UTC rather than failing the figures.
#[test]
fn the_host_reads_a_zones_offset_at_an_instant_from_its_zone_database() {
    use portal::admin::zone_offset;
    // 2026-06-30T23:30:00Z, 00:30 on 1 July in London; 2026-01-15T12:00:00Z.
    let (summer, winter) = (Millis(1_782_862_200_000), Millis(1_768_478_400_000));
    assert_eq!(zone_offset(summer, "Europe/London"), 60);
    assert_eq!(zone_offset(winter, "Europe/London"), 0);
    assert_eq!(zone_offset(summer, "Asia/Dubai"), 240);
    assert_eq!(zone_offset(winter, "America/New_York"), -300);
    assert_eq!(zone_offset(winter, "Asia/Kolkata"), 330);
    assert_eq!(zone_offset(summer, "Not/A_Zone"), 0);
    assert_eq!(zone_offset(summer, ""), 0);
}
