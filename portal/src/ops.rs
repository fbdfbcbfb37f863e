//! The host side of push and pull (adapter v1): an op log in SQLite with a monotonic
//! sequence number as the pull cursor, idempotent on op id.
//!
//! The portal does not need to understand ops to store and relay them; it reads just enough
//! (entity, record, actor) to decide who may read and write them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// At most this many ops in one push or one pull page.
pub const BATCH_MAX: usize = 500;

/// An op as it travels (docs/adapter.md). `value` stays JSON: the portal relays it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireOp {
    pub id: String,
    pub actor: String,
    pub device: String,
    pub hlc: String,
    pub entity: String,
    pub record: String,
    pub field: String,
    pub value: Value,
    #[serde(default)]
    pub supersedes: Vec<String>,
}

fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 40
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Checks an op's shape; the message says what is wrong.
pub fn check_shape(op: &WireOp) -> Result<(), String> {
    for (what, id) in [
        ("id", &op.id),
        ("actor", &op.actor),
        ("device", &op.device),
        ("record", &op.record),
    ] {
        if !is_id(id) {
            return Err(format!(
                "op {what} {id:?} must be 1–64 letters, digits, '-' or '_'"
            ));
        }
    }
    if !is_name(&op.entity) || !is_name(&op.field) {
        return Err(format!(
            "op entity {:?} or field {:?} is not a valid name",
            op.entity, op.field
        ));
    }
    if op.hlc.is_empty() || op.hlc.len() > 64 || !op.hlc.is_ascii() {
        return Err("op hlc must be a short ASCII string".to_owned());
    }
    if op.supersedes.len() > 64 || !op.supersedes.iter().all(|s| is_id(s)) {
        return Err("op supersedes must list at most 64 op ids".to_owned());
    }
    let ok_value = match &op.value {
        Value::Null | Value::Bool(_) => true,
        Value::Number(n) => n.is_i64(),
        Value::String(s) => s.chars().count() <= 20_000,
        Value::Array(items) => {
            items.len() <= 500
                && items
                    .iter()
                    .all(|i| i.as_str().is_some_and(|s| s.chars().count() <= 2_000))
        }
        Value::Object(_) => false,
    };
    if !ok_value {
        return Err(
            "op value must be null, a boolean, an integer, a text or a list of texts".to_owned(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn op() -> WireOp {
        WireOp {
            id: "op-1".into(),
            actor: "amira".into(),
            device: "dev-1".into(),
            hlc: "0000018f3a2b1c00-0000".into(),
            entity: "goal".into(),
            record: "goal-1".into(),
            field: "title".into(),
            value: json!("Present to the board"),
            supersedes: vec![],
        }
    }

    #[test]
    fn a_well_formed_op_passes() {
        assert_eq!(check_shape(&op()), Ok(()));
    }

    #[test]
    fn malformed_ops_are_refused_with_a_reason() {
        let cases: Vec<(WireOp, &str)> = vec![
            (
                WireOp {
                    id: "".into(),
                    ..op()
                },
                "op id",
            ),
            (
                WireOp {
                    actor: "a b".into(),
                    ..op()
                },
                "op actor",
            ),
            (
                WireOp {
                    entity: "Goal!".into(),
                    ..op()
                },
                "entity",
            ),
            (
                WireOp {
                    value: json!({"nested": 1}),
                    ..op()
                },
                "value",
            ),
            (
                WireOp {
                    value: json!(1.5),
                    ..op()
                },
                "value",
            ),
            (
                WireOp {
                    value: json!([1, 2]),
                    ..op()
                },
                "value",
            ),
            (
                WireOp {
                    hlc: String::new(),
                    ..op()
                },
                "hlc",
            ),
            (
                WireOp {
                    supersedes: vec!["x y".into()],
                    ..op()
                },
                "supersedes",
            ),
        ];
        for (bad, reason) in cases {
            let message = check_shape(&bad).unwrap_err();
            assert!(
                message.contains(reason),
                "{message:?} should mention {reason:?}"
            );
        }
    }
}
