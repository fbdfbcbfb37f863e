//! Everything the host sends, decoded from bytes: the input is JSON text, read by every
//! decoder of the adapter as a successful reply and as an error reply. The decoders may
//! refuse it (that is the point); they must never panic.
//!
//! Also compiled into the widget's native test `tests/host_replies.rs`, which runs it over
//! `docs/examples/` and `fuzz/corpus/host_replies/` in CI.

use mentoring_widget::edges::adapter::{
    read_directory, read_preferences_met, read_pull_reply, read_push_reply, read_session, HostError,
};
use mentoring_widget::edges::js_object::Json;

/// The decoders' own value type from serde_json's (what `Response.json()` does in the browser).
pub fn json(value: serde_json::Value) -> Json {
    match value {
        serde_json::Value::Null => Json::Null,
        serde_json::Value::Bool(b) => Json::Bool(b),
        // As JavaScript reads it: every number is a double.
        serde_json::Value::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Json::Text(s),
        serde_json::Value::Array(items) => Json::List(items.into_iter().map(json).collect()),
        serde_json::Value::Object(fields) => {
            Json::Object(fields.into_iter().map(|(k, v)| (k, json(v))).collect())
        }
    }
}

/// What each decoder made of one reply: `Ok` or the error's text.
pub fn decode_everything(bytes: &[u8]) -> Vec<Result<(), HostError>> {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        // Not JSON: the browser's JSON parser refuses it before any decoder runs.
        return Vec::new();
    };
    let body = json(value);
    let mut outcomes = Vec::new();
    for status in [200, 401, 500] {
        outcomes.push(read_session(status, &body).map(drop));
        outcomes.push(read_directory(status, &body).map(drop));
        outcomes.push(read_push_reply(status, &body).map(drop));
        outcomes.push(read_pull_reply(status, &body).map(drop));
        outcomes.push(read_preferences_met(status, &body).map(drop));
    }
    outcomes
}
