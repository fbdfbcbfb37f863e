//! What the portal's test files share (each includes this with `mod common;`): ops as a device
//! would push them, with ids and clocks that always move forward, and the routes called as a
//! signed-in person's browser would.
#![allow(dead_code)]

use std::cell::Cell;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use portal::PERSON_COOKIE;
use serde_json::{json, Value};
use tower::ServiceExt;

/// Writes wire ops (docs/adapter.md) for any actor, from one counter.
pub struct OpWriter {
    next: Cell<u64>,
    /// The wall clock of the first op, in milliseconds: later than the demo's own ops where a
    /// pushed value must win its field.
    epoch_ms: u64,
}

impl OpWriter {
    pub fn new(first: u64, epoch_ms: u64) -> OpWriter {
        OpWriter {
            next: Cell::new(first),
            epoch_ms,
        }
    }

    pub fn op(&self, actor: &str, entity: &str, record: &str, field: &str, value: Value) -> Value {
        let tick = self.next.get();
        self.next.set(tick + 1);
        json!({
            "id": format!("op-{actor}-{tick}"),
            "actor": actor,
            "device": format!("dev-{actor}"),
            "hlc": format!("{:013}-{:05}", self.epoch_ms + tick, 0),
            "entity": entity,
            "record": record,
            "field": field,
            "value": value,
            "supersedes": [],
        })
    }

    /// Every field of a new record, as one push from `actor`.
    pub fn record(&self, actor: &str, entity: &str, record: &str, fields: Value) -> Vec<Value> {
        fields
            .as_object()
            .unwrap()
            .iter()
            .map(|(field, value)| self.op(actor, entity, record, field, value.clone()))
            .collect()
    }
}

/// The portal's routes called in process, as a signed-in person's browser would call them.
pub struct Api(pub axum::Router);

impl Api {
    /// `request` as it is; the reply's status and body.
    pub async fn respond(&self, request: Request<Body>) -> (StatusCode, Vec<u8>) {
        let response = self.0.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, bytes.to_vec())
    }

    /// `request` as it is; the reply's status and JSON body (`Null` when it is not JSON).
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, Value) {
        let (status, body) = self.respond(request).await;
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    /// `path` fetched by `person`: the status and the body as text (CSV, HTML or JSON).
    pub async fn get(&self, person: &str, path: &str) -> (StatusCode, String) {
        let request = Request::get(path)
            .header(header::COOKIE, format!("{PERSON_COOKIE}={person}"))
            .body(Body::empty())
            .unwrap();
        let (status, body) = self.respond(request).await;
        (status, String::from_utf8(body).unwrap())
    }

    /// `ops` pushed by `person`'s device; the push must be answered (acknowledged or
    /// rejected op by op), and the reply is returned.
    pub async fn push(&self, person: &str, ops: Vec<Value>) -> Value {
        let body = json!({ "version": 1, "ops": ops }).to_string();
        let request = Request::post("/api/mentoring/v1/ops")
            .header(header::COOKIE, format!("{PERSON_COOKIE}={person}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let (status, reply) = self.send(request).await;
        assert_eq!(status, StatusCode::OK, "{reply}");
        reply
    }

    /// What `person` pulls after cursor `since`.
    pub async fn pull(&self, person: &str, since: &str) -> Value {
        let (status, body) = self
            .get(person, &format!("/api/mentoring/v1/ops?since={since}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_str(&body).unwrap()
    }
}
