//! The decoders of everything the host sends, natively: malformed and hostile replies each
//! give a clear error that says what is wrong and where; the documented examples decode; and
//! no input of the fuzz corpus makes a decoder panic (the 10-minute fuzz run itself is
//! `cargo fuzz`, docs/adapter.md).
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/lib.rs"]
mod fuzz_input;

use fuzz_input::{decode_everything, json};
use mentoring_core::preferences::{Held, PreferencesMet};
use mentoring_widget::edges::adapter::{
    held_from_wire, read_directory, read_preferences_met, read_pull_reply, read_push_reply,
    read_session, HostError,
};
use mentoring_widget::ui::i18n::{Locale, Text};
use serde_json::{json as value, Value};

#[derive(Clone, Copy, Debug)]
enum Reply {
    Session,
    Directory,
    Push,
    Pull,
    Met,
}

fn read(reply: Reply, status: u16, body: &Value) -> Result<(), HostError> {
    let body = json(body.clone());
    match reply {
        Reply::Session => read_session(status, &body).map(drop),
        Reply::Directory => read_directory(status, &body).map(drop),
        Reply::Push => read_push_reply(status, &body).map(drop),
        Reply::Pull => read_pull_reply(status, &body).map(drop),
        Reply::Met => read_preferences_met(status, &body).map(drop),
    }
}

fn example(name: &str) -> Value {
    let path = format!("{}/docs/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn op() -> Value {
    value!({
        "id": "op-1", "actor": "amira", "device": "dev-1", "hlc": "1795000000000-00001",
        "entity": "goal", "record": "goal-1", "field": "title", "value": "Present to the board",
        "supersedes": []
    })
}

/// `base` with the value at `pointer` replaced (`None`: removed).
fn patched(base: Value, pointer: &str, replacement: Option<Value>) -> Value {
    let mut whole = base;
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = whole.pointer_mut(parent).unwrap();
    match (parent, replacement) {
        (Value::Object(fields), Some(v)) => {
            fields.insert(key.to_owned(), v);
        }
        (Value::Object(fields), None) => {
            fields.remove(key);
        }
        (Value::Array(items), Some(v)) => items[key.parse::<usize>().unwrap()] = v,
        (other, _) => panic!("cannot patch {other}"),
    }
    whole
}

fn session() -> Value {
    example("session.json")
}
fn directory() -> Value {
    example("directory.json")
}
fn push_reply() -> Value {
    example("push-reply.json")
}
fn met() -> Value {
    example("preferences-met.json")
}
fn pull_reply() -> Value {
    value!({ "version": 1, "ops": [op()], "cursor": "7", "more": false })
}

#[test]
fn the_documented_examples_decode() {
    read(Reply::Session, 200, &session()).unwrap();
    read(Reply::Directory, 200, &directory()).unwrap();
    read(Reply::Push, 200, &push_reply()).unwrap();
    read(Reply::Pull, 200, &example("pull-reply.json")).unwrap();
    read(Reply::Pull, 200, &pull_reply()).unwrap();
    // A host from before the epoch says none; the reference portal's example says its own.
    assert_eq!(
        read_pull_reply(200, &json(pull_reply())).unwrap().epoch,
        None
    );
    let documented = read_pull_reply(200, &json(example("pull-reply.json"))).unwrap();
    assert_eq!(documented.epoch, Some(1));
    let reply = read_preferences_met(200, &json(met())).unwrap();
    assert_eq!(reply.mentors.len(), 2);
    assert_eq!(reply.mentors[1].mentor.as_str(), "noura");
    assert_eq!(
        reply.mentors[1].attributes,
        [
            mentoring_core::Attribute::Gender,
            mentoring_core::Attribute::Background
        ]
    );
    assert_eq!(
        reply.held,
        [Held {
            attribute: mentoring_core::Attribute::Ethnicity,
            until: mentoring_core::Millis(1_767_225_600_000),
        }]
    );
    // A reply without "held" (every host before it) holds nothing.
    assert_eq!(
        read_preferences_met(200, &json(value!({ "version": 1, "mentors": [] }))).unwrap(),
        PreferencesMet::default()
    );
    assert_eq!(
        read(Reply::Session, 401, &example("error.json")),
        Err(HostError::SignedOut(
            "Nobody is signed in to the portal.".into()
        ))
    );
}

#[test]
fn a_programmes_health_settings_come_with_it_and_a_host_without_them_gives_the_defaults() {
    use mentoring_core::health::HealthSettings;
    let settings = |reply: &Value| {
        read_directory(200, &json(reply.clone()))
            .unwrap()
            .programmes[0]
            .health
    };
    assert_eq!(
        settings(&directory()),
        HealthSettings {
            quiet_weeks: 3,
            ending_within_days: 21,
            rating_drop_hundredths: 75,
        }
    );
    for without in [None, Some(Value::Null)] {
        let reply = patched(directory(), "/programmes/0/health", without);
        assert_eq!(settings(&reply), HealthSettings::default());
    }
}

#[test]
fn who_is_on_an_enrolment_list_comes_with_the_directory_and_a_host_without_it_says_nothing() {
    use mentoring_core::enrolment::ListedMentors;
    use mentoring_core::RecordId;
    let told = |reply: &Value| {
        read_directory(200, &json(reply.clone()))
            .unwrap()
            .taking_part
    };
    let id = |text: &str| RecordId::parse(text).unwrap();
    assert_eq!(
        told(&directory()),
        Some(vec![ListedMentors {
            programme: id("coaching-2026"),
            mentors: vec![id("sofia")],
        }])
    );
    // A host before the field: the device cannot tell, and leaves it to the host's refusal.
    for without in [None, Some(Value::Null)] {
        assert_eq!(told(&patched(directory(), "/takingPart", without)), None);
    }
    // No programme keeps a list: every one takes its people from the directory.
    let none = patched(directory(), "/takingPart", Some(value!([])));
    assert_eq!(told(&none), Some(Vec::new()));
}

#[test]
fn the_full_mentors_of_a_programme_set_up_in_programme_admin_join_the_directorys() {
    use mentoring_core::RecordId;
    let no_place = |reply: &Value| read_directory(200, &json(reply.clone())).unwrap().no_place;
    let id = |text: &str| RecordId::parse(text).unwrap();
    let directory = patched(
        directory(),
        "/programmes/0/noPlaceLeft",
        Some(value!(["sofia"])),
    );
    assert_eq!(no_place(&directory), [(id("coaching-2026"), id("sofia"))]);
    let set_up = value!([{ "programme": "p-set-up", "mentors": ["omar"] }]);
    assert_eq!(
        no_place(&patched(directory, "/fullMentors", Some(set_up))),
        [
            (id("coaching-2026"), id("sofia")),
            (id("p-set-up"), id("omar"))
        ]
    );
}

#[test]
fn malformed_host_replies_each_give_an_error_that_says_what_and_where() {
    use Reply::*;
    let s = Some;
    let cases: Vec<(Reply, u16, Value, &str)> = vec![
        // Session.
        (Session, 200, value!([]), "session is not an object"),
        (
            Session,
            200,
            patched(session(), "/person", None),
            "session person is not an object",
        ),
        (
            Session,
            200,
            patched(session(), "/version", s(value!(2))),
            "session version 2 where 1 was expected",
        ),
        (
            Session,
            200,
            patched(session(), "/version", s(value!("1"))),
            "session field \"version\" should be a whole number",
        ),
        (
            Session,
            200,
            patched(session(), "/version", s(value!(4_294_967_297u64))),
            "session version 4294967297",
        ),
        (
            Session,
            200,
            patched(session(), "/person/id", s(value!("../etc"))),
            "session person id",
        ),
        (
            Session,
            200,
            patched(session(), "/person/name", s(value!(42))),
            "session person field \"name\" should be a text",
        ),
        (
            Session,
            200,
            patched(session(), "/person/name", s(value!("   "))),
            "session person name must have 1 to 200 characters, not 0",
        ),
        (
            Session,
            404,
            value!("Not Found"),
            "HTTP 404 without an adapter error object",
        ),
        (
            Session,
            403,
            value!({ "version": 1, "error": { "code": "forbidden" } }),
            "HTTP 403 without an adapter error object",
        ),
        // Which mentors meet the person's preferences.
        (
            Met,
            200,
            patched(met(), "/mentors", None),
            "preferences reply has no \"mentors\" list",
        ),
        (
            Met,
            200,
            patched(met(), "/version", s(value!(2))),
            "preferences reply version 2 where 1 was expected",
        ),
        (
            Met,
            200,
            patched(met(), "/mentors/0/met/0", s(value!("religion"))),
            "preferences reply mentors[0] field \"met\": \"religion\" is not gender, ethnicity or background",
        ),
        (
            Met,
            200,
            patched(met(), "/mentors/1/met/1", s(value!("gender"))),
            "preferences reply mentors[1] field \"met\": \"gender\" twice",
        ),
        (
            Met,
            200,
            patched(met(), "/mentors/1/id", s(value!("layla"))),
            "preferences reply mentors[1]: mentor layla is listed twice",
        ),
        (
            Met,
            200,
            patched(met(), "/mentors/0/met", s(value!([]))),
            "preferences reply mentors[0] field \"met\" should name at least one attribute",
        ),
        (
            Met,
            200,
            patched(met(), "/mentors/0/id", s(value!("a b"))),
            "preferences reply mentors[0] id",
        ),
        (
            Met,
            200,
            patched(met(), "/held", s(value!({ "key": "ethnicity" }))),
            "preferences reply field \"held\" should be a list",
        ),
        (
            Met,
            200,
            patched(met(), "/held/0", s(value!("ethnicity"))),
            "preferences reply held[0] is not an object",
        ),
        (
            Met,
            200,
            patched(met(), "/held/0/key", s(value!("religion"))),
            "preferences reply held[0] field \"key\": \"religion\" is not gender, ethnicity or background",
        ),
        (
            Met,
            200,
            patched(met(), "/held/0/key", None),
            "preferences reply held[0] field \"key\" should be a text",
        ),
        (
            Met,
            200,
            patched(
                met(),
                "/held",
                s(value!([
                    { "key": "ethnicity", "until": 1_767_225_600_000_i64 },
                    { "key": "ethnicity", "until": 1_767_225_600_000_i64 },
                ])),
            ),
            "preferences reply held[1]: \"ethnicity\" is held twice",
        ),
        (
            Met,
            200,
            patched(met(), "/held/0/key", s(value!("gender"))),
            "preferences reply held[0]: \"gender\" is held, yet mentor layla meets it",
        ),
        (
            Met,
            200,
            patched(met(), "/held/0/until", s(value!(1_767_225_600_000.5_f64))),
            "preferences reply held[0] field \"until\" should be a whole number",
        ),
        (
            Met,
            200,
            patched(met(), "/held/0/until", s(value!("2026-01-01"))),
            "preferences reply held[0] field \"until\" should be a whole number",
        ),
        (
            Met,
            200,
            patched(met(), "/held/0/until", None),
            "preferences reply held[0] field \"until\" should be a whole number",
        ),
        (
            Met,
            200,
            patched(
                met(),
                "/mentors",
                s(Value::Array(vec![value!({ "id": "m", "met": ["gender"] }); 10_001])),
            ),
            "preferences reply lists 10001 mentors; at most 10000",
        ),
        // Directory.
        (
            Directory,
            200,
            patched(directory(), "/people", s(value!({}))),
            "directory field \"people\" should be a list",
        ),
        (
            Directory,
            200,
            patched(directory(), "/takingPart", s(value!({}))),
            "directory field \"takingPart\" should be a list",
        ),
        (
            Directory,
            200,
            patched(directory(), "/takingPart/0/mentors", s(value!(["a b"]))),
            "takingPart coaching-2026 mentors",
        ),
        (
            Directory,
            200,
            patched(
                directory(),
                "/fullMentors",
                s(value!([{ "programme": "p-set-up", "mentors": [7] }])),
            ),
            "fullMentors[0]",
        ),
        (
            Directory,
            200,
            patched(directory(), "/people/1", s(value!(7))),
            "directory people[1] is not an object",
        ),
        (
            Directory,
            200,
            patched(directory(), "/people/0/grade", s(value!(2.5))),
            "directory people[0] field \"grade\" should be a whole number",
        ),
        (
            Directory,
            200,
            patched(directory(), "/people/0/grade", s(value!(99))),
            "person amira grade: 99 is not from 0 to 30",
        ),
        (
            Directory,
            200,
            patched(
                directory(),
                "/people/1/coachCredential/level",
                s(value!("guru")),
            ),
            "person sofia credential: unknown level \"guru\"",
        ),
        (
            Directory,
            200,
            patched(
                directory(),
                "/people/1/coachCredential/expires",
                s(value!("soon")),
            ),
            "person sofia credential expiry",
        ),
        (
            Directory,
            200,
            patched(directory(), "/people/0/languages", s(value!(["en", 1]))),
            "directory people[0] field \"languages\" should be a list of texts",
        ),
        (
            Directory,
            200,
            patched(directory(), "/people/0/managerId", s(value!("a b"))),
            "person amira manager",
        ),
        (
            Directory,
            200,
            patched(directory(), "/programmes/0/kind", s(value!("book club"))),
            "programme coaching-2026 kind: unknown kind \"book club\"",
        ),
        (
            Directory,
            200,
            patched(directory(), "/programmes/0/starts", s(value!("2026-02-30"))),
            "programme coaching-2026 start",
        ),
        (
            Directory,
            200,
            patched(directory(), "/programmes/0/objectives/0/text", None),
            "directory programmes[0] objectives[0] field \"text\" should be a text",
        ),
        (
            Directory,
            200,
            patched(directory(), "/programmes/0/defaultLengthDays", s(value!(0))),
            "programme coaching-2026 default length: 0 days",
        ),
        (
            Directory,
            200,
            patched(directory(), "/programmes/0/health/quietWeeks", s(value!(0))),
            "programme coaching-2026 health quietWeeks: 0 is not from 1 to 26",
        ),
        (
            Directory,
            200,
            patched(
                directory(),
                "/programmes/0/health/ratingDropHundredths",
                s(value!(-5)),
            ),
            "programme coaching-2026 health ratingDropHundredths: -5 is not from 10 to 400",
        ),
        (
            Directory,
            200,
            patched(directory(), "/programmes/0/health/endingWithinDays", None),
            "directory programmes[0] health field \"endingWithinDays\" should be a whole number",
        ),
        // Push reply.
        (
            Push,
            200,
            patched(push_reply(), "/acknowledged", s(value!("op-1"))),
            "push reply field \"acknowledged\" should be a list",
        ),
        (
            Push,
            200,
            patched(push_reply(), "/acknowledged/0", s(value!("op 1"))),
            "push reply acknowledged[0]",
        ),
        (
            Push,
            200,
            patched(push_reply(), "/rejected/0/code", None),
            "push reply rejected[0] field \"code\" should be a text",
        ),
        (
            Push,
            200,
            patched(push_reply(), "/rejected/0/id", s(value!(""))),
            "push reply rejected[0] id",
        ),
        (
            Push,
            200,
            patched(push_reply(), "/acknowledged", s(value!(vec!["op-1"; 600]))),
            "push reply answers 601 ops; a push holds at most 500",
        ),
        // Pull reply.
        (
            Pull,
            200,
            patched(pull_reply(), "/version", s(value!(0))),
            "pull reply version 0 where 1 was expected",
        ),
        (
            Pull,
            200,
            patched(pull_reply(), "/cursor", None),
            "pull reply field \"cursor\" should be a text",
        ),
        (
            Pull,
            200,
            patched(pull_reply(), "/cursor", s(value!("9".repeat(201)))),
            "pull reply cursor has 201 characters; at most 200",
        ),
        (
            Pull,
            200,
            patched(pull_reply(), "/more", s(value!("no"))),
            "pull reply field \"more\" should be true or false",
        ),
        (
            Pull,
            200,
            patched(pull_reply(), "/epoch", s(value!("1"))),
            "pull reply field \"epoch\" should be a whole number",
        ),
        (
            Pull,
            200,
            patched(pull_reply(), "/epoch", s(value!(-1))),
            "pull reply epoch -1 is not a whole number from 0 to 4294967295",
        ),
        (
            Pull,
            200,
            patched(pull_reply(), "/ops", s(value!(vec![op(); 5_001]))),
            "pull reply has 5001 ops; a page holds at most 5000",
        ),
    ];
    assert!(cases.len() >= 15);
    for (reply, status, body, fragment) in cases {
        let error = read(reply, status, &body)
            .expect_err(&format!("{reply:?} {status} should be refused: {fragment}"));
        let HostError::Malformed(detail) = &error else {
            panic!("{reply:?}: expected a malformed-reply error for {fragment:?}, got {error:?}");
        };
        assert!(
            detail.contains(fragment),
            "{reply:?}: {detail:?} should say {fragment:?}"
        );
        // What the person reads: what happened, that nothing changed, and whom to ask, in
        // their language; the detail is the portal team's (the browser's console).
        for locale in [Locale::EnGb, Locale::Ar] {
            let shown = locale.host_error(&error);
            assert_eq!(shown, locale.text(Text::HostMalformed));
            assert!(!shown.contains(detail.as_str()), "{shown}");
        }
        assert!(Locale::EnGb
            .host_error(&error)
            .contains("Nothing was changed"));
    }
}

/// An op the widget cannot read does not refuse its page (that would stop the device's sync
/// there for good): it is held as received, with why, and the rest of the page is read.
#[test]
fn a_page_holds_each_op_it_cannot_read_and_reads_the_rest() {
    let s = Some;
    let long = "z".repeat(2_001);
    let good = patched(op(), "/id", s(value!("op-2")));
    let cases = [
        (
            "/record",
            None,
            "pull reply ops[0] field \"record\" should be a text",
        ),
        (
            "/hlc",
            s(value!("yesterday")),
            "pull reply ops[0]: op \"op-1\" hlc",
        ),
        (
            "/value",
            s(value!({ "nested": true })),
            "pull reply ops[0]: op \"op-1\" value: a value that is not null",
        ),
        (
            "/value",
            s(value!(1.5)),
            "op \"op-1\" value: a number that is not whole or is too large",
        ),
        (
            "/value",
            s(value!(["fine", long])),
            "op \"op-1\" value: list item 1 has 2001 characters; at most 2000",
        ),
        (
            "/value",
            s(value!("y".repeat(20_001))),
            "a text of 20001 characters; at most 20000",
        ),
        (
            "/supersedes",
            s(value!(["op-1"])),
            "op-1: it cannot supersede itself",
        ),
        (
            "/entity",
            s(value!("Goal!")),
            "entity \"Goal!\" is not a lower-case name",
        ),
    ];
    for (pointer, replacement, fragment) in cases {
        let bad = patched(op(), pointer, replacement);
        let page =
            value!({ "version": 1, "ops": [bad.clone(), good], "cursor": "8", "more": true });
        let pulled = read_pull_reply(200, &json(page)).expect("the page is read");
        assert_eq!(pulled.cursor, "8", "{fragment}");
        assert!(pulled.more);
        assert_eq!(
            (pulled.ops.iter().map(|op| op.id.as_str())).collect::<Vec<_>>(),
            ["op-2"],
            "{fragment}"
        );
        assert_eq!(pulled.held.len(), 1, "{fragment}");
        assert_eq!(pulled.held[0].op, json(bad), "kept as received");
        assert!(
            pulled.held[0].reason.contains(fragment),
            "{:?} should say {fragment:?}",
            pulled.held[0].reason
        );
    }
    // A tombstone that is not true or false, and an op that is no object at all.
    let tombstone = patched(
        patched(op(), "/field", s(value!("deleted"))),
        "/value",
        s(value!("yes")),
    );
    let page = value!({ "version": 1, "ops": [tombstone, 7, op()], "cursor": "9" });
    let pulled = read_pull_reply(200, &json(page)).unwrap();
    assert_eq!(pulled.ops.len(), 1);
    let reasons: Vec<&str> = pulled.held.iter().map(|h| h.reason.as_str()).collect();
    assert!(
        reasons[0].contains("'deleted' must be true or false"),
        "{reasons:?}"
    );
    assert!(reasons[1].starts_with("pull reply ops[1]"), "{reasons:?}");
    // What is held is read again by `held_from_wire`, once this version reads it.
    assert!(held_from_wire(&pulled.held[0].op).is_err());
    assert_eq!(held_from_wire(&json(op())).unwrap().id.as_str(), "op-1");
}

#[test]
fn adapter_errors_keep_the_host_s_code_and_message_and_sign_out_on_401() {
    let error =
        value!({ "version": 1, "error": { "code": "storage_failed", "message": "Disk full" } });
    for reply in [
        Reply::Session,
        Reply::Directory,
        Reply::Push,
        Reply::Pull,
        Reply::Met,
    ] {
        assert_eq!(
            read(reply, 500, &error),
            Err(HostError::Refused {
                code: "storage_failed".into(),
                message: "Disk full".into()
            })
        );
        assert!(matches!(
            read(reply, 401, &error),
            Err(HostError::SignedOut(_))
        ));
    }
}

#[test]
fn a_gateway_s_5xx_is_the_portal_unavailable_and_says_changes_are_kept() {
    // What a gateway or load balancer sends while the portal is down: its own page, or
    // nothing the browser can parse as JSON.
    let pages = [value!("<html><body>Bad Gateway</body></html>"), Value::Null];
    for reply in [
        Reply::Session,
        Reply::Directory,
        Reply::Push,
        Reply::Pull,
        Reply::Met,
    ] {
        for status in [500, 502, 503, 504] {
            for page in &pages {
                let error = read(reply, status, page).expect_err("a 5xx is no reply");
                assert!(
                    matches!(&error, HostError::Unavailable(d) if d.contains(&status.to_string())),
                    "{reply:?} {status}: {error:?}"
                );
                assert!(error.passes(), "{reply:?} {status}");
                let shown = Locale::EnGb.host_error(&error);
                assert_eq!(
                    shown,
                    "The portal is not available just now; your changes are kept on this \
                     device and sync will try again."
                );
                assert_eq!(
                    Locale::Ar.host_error(&error),
                    Locale::Ar.text(Text::HostUnavailable)
                );
            }
        }
    }
}

/// The seeds and whatever the fuzzer kept (`fuzz/corpus/host_replies`, if present): every
/// decoder reads each without panicking.
#[test]
fn no_input_of_the_fuzz_corpus_makes_a_decoder_panic() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut inputs = 0;
    for dir in ["docs/examples", "fuzz/corpus/host_replies"] {
        let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
            continue;
        };
        for entry in entries {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            decode_everything(&bytes);
            inputs += 1;
        }
    }
    assert!(inputs >= 6, "the documented examples at least: {inputs}");
}
