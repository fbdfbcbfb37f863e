//! The demo programme keeps the domain's rules, and each demo person sees what they should.

use axum::body::Body;
use axum::http::{header, Request};
use http_body_util::BodyExt;
use mentoring_core::person::{Credential, CredentialLevel};
use mentoring_core::*;
use portal::{demo, router, seed, Db, Portal, PERSON_COOKIE};
use serde_json::Value;
use tower::ServiceExt;

fn directory() -> (Directory, Vec<Programme>) {
    let people = seed::PEOPLE.iter().map(|p| Person {
        grade: Grade(p.grade),
        manager: p.manager.map(|m| RecordId::parse(m).unwrap()),
        coach_credential: p.credential.map(|(level, expires)| Credential {
            level: if level == "certified" {
                CredentialLevel::Certified
            } else {
                CredentialLevel::Trained
            },
            expires: Date::parse(expires).unwrap(),
        }),
        ..Person::new(RecordId::parse(p.id).unwrap(), p.name)
    });
    let programmes = seed::PROGRAMMES
        .iter()
        .map(|p| {
            let kind = if p.kind == "coaching" {
                ProgrammeKind::Coaching
            } else {
                ProgrammeKind::Mentoring
            };
            let mut programme = Programme::new(
                RecordId::parse(p.id).unwrap(),
                kind,
                p.name,
                Date::parse(p.starts).unwrap(),
            );
            programme.objectives = p
                .objectives
                .iter()
                .map(|(id, text)| Objective {
                    id: RecordId::parse(id).unwrap(),
                    text: (*text).into(),
                })
                .collect();
            programme
        })
        .collect();
    (Directory::new(people), programmes)
}

#[test]
fn the_demo_programme_keeps_every_rule() {
    let (directory, programmes) = directory();
    let records = demo::records();
    let relationships: Vec<Relationship> = records
        .iter()
        .filter_map(|(_, c)| match c {
            Change::Relationship(r) => Some(r.clone()),
            _ => None,
        })
        .collect();
    for r in &relationships {
        let programme = programmes.iter().find(|p| p.id == r.programme).unwrap();
        assert_eq!(check_relationship(r, programme, &directory), [], "{}", r.id);
    }
    let rel = |id: &RecordId| relationships.iter().find(|r| &r.id == id).unwrap();
    for (actor, change) in &records {
        match change {
            Change::Session(s) => {
                assert_eq!(check_session(s, rel(&s.relationship)), Ok(()), "{}", s.id)
            }
            Change::Feedback(f) => {
                assert_eq!(check_feedback(f, rel(&f.relationship)), Ok(()), "{}", f.id)
            }
            Change::Learning(l) => assert_eq!(
                check_learning_entry(l, rel(&l.relationship)),
                Ok(()),
                "{}",
                l.id
            ),
            Change::Goal(g) => {
                assert_eq!(g.owner.as_str(), *actor);
                let draft = GoalDraft {
                    title: g.title.as_str().into(),
                    relationship: g.relationship.clone(),
                    relevance: g.relevance.clone(),
                    ..GoalDraft::default()
                };
                let context = GoalContext {
                    relationships: &relationships,
                    programmes: &programmes,
                };
                let made = decide(
                    &GoalCommand::Create { draft },
                    &[],
                    context,
                    &g.owner,
                    Millis(0),
                    |_| g.id.clone(),
                );
                assert!(made.is_ok(), "{}: {made:?}", g.id);
            }
            _ => {}
        }
    }
}

async fn records_seen_by(person: &str) -> Vec<String> {
    let db = Db::in_memory().unwrap();
    demo::seed(&db).unwrap();
    let app = router(Portal::new(db, env!("CARGO_MANIFEST_DIR").into()).unwrap());
    let request = Request::get("/api/mentoring/v1/ops?since=0")
        .header(header::COOKIE, format!("{PERSON_COOKIE}={person}"))
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    let body: Value =
        serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    let mut seen: Vec<String> = body["ops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|op| op["record"].as_str().unwrap().to_owned())
        .collect();
    seen.sort();
    seen.dedup();
    seen
}

#[tokio::test]
async fn each_demo_person_sees_their_part_of_the_programme() {
    let amira = records_seen_by("amira").await;
    for record in [
        "rel-amira-sofia",
        "rel-amira-james",
        "goal-amira-gulf",
        "ms-gulf-1",
        "session-amira-sofia-1",
        "action-1",
        "note-amira-1",
        "feedback-james-amira-1",
        "learning-james-1",
    ] {
        assert!(
            amira.contains(&record.to_owned()),
            "amira should see {record}: {amira:?}"
        );
    }
    let sofia = records_seen_by("sofia").await;
    assert!(
        sofia.contains(&"goal-amira-gulf".to_owned()),
        "the coach follows the coaching goal"
    );
    assert!(
        !sofia.contains(&"goal-amira-board".to_owned()),
        "not the mentoring goal: {sofia:?}"
    );
    assert!(
        !sofia.contains(&"note-amira-1".to_owned()),
        "never amira's private note"
    );
    assert!(!sofia.contains(&"feedback-james-amira-1".to_owned()));
    let james = records_seen_by("james").await;
    assert!(
        !james.contains(&"session-amira-sofia-1".to_owned()),
        "another pair's session: {james:?}"
    );
    assert!(!james.contains(&"note-amira-1".to_owned()));
    let admin = records_seen_by("hr-admin").await;
    assert!(admin.contains(&"rel-cfo-zain".to_owned()));
    assert!(
        !admin.contains(&"note-amira-1".to_owned())
            && !admin.contains(&"session-amira-sofia-1".to_owned()),
        "{admin:?}"
    );
    let outsider = records_seen_by("tom").await;
    assert!(outsider.is_empty(), "{outsider:?}");
}

#[tokio::test]
async fn demo_matching_preferences_stay_with_each_person_and_rank_mentors_for_a_mentee() {
    // A matching-preferences record is kept under its owner's id.
    let people = ["amira", "fatima", "layla", "noura", "omar"];
    for viewer in ["amira", "james", "layla", "hr-admin", "tom"] {
        let seen = records_seen_by(viewer).await;
        let theirs: Vec<&&str> = people
            .iter()
            .filter(|p| seen.contains(&p.to_string()))
            .collect();
        let own: Vec<&&str> = people.iter().filter(|p| **p == viewer).collect();
        assert_eq!(theirs, own, "{viewer} pulls only their own: {seen:?}");
    }
    let db = Db::in_memory().unwrap();
    demo::seed(&db).unwrap();
    let app = router(Portal::new(db, env!("CARGO_MANIFEST_DIR").into()).unwrap());
    let request = Request::get("/api/mentoring/v1/preferences/met")
        .header(header::COOKIE, format!("{PERSON_COOKIE}=fatima"))
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    let body: Value =
        serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({ "version": 1, "mentors": [
            { "id": "layla", "met": ["gender"] },
            { "id": "noura", "met": ["gender", "background"] },
        ]})
    );
}
