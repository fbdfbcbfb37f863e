//! The host side of push and pull (adapter v1): an op log in SQLite with a monotonic
//! sequence number as the pull cursor, idempotent on op id.
//!
//! The portal does not need to understand ops to store and relay them; it reads just enough
//! (entity, record, actor) to decide who may read and write them.

use mentoring_core::merge::{
    Hlc, VALUE_LIST_ITEM_MAX_CHARS, VALUE_LIST_MAX_ITEMS, VALUE_TEXT_MAX_CHARS,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// At most this many ops in one push or one pull page.
pub const BATCH_MAX: usize = 500;

/// The largest push body the portal reads (8 MiB): more than the largest op the adapter
/// allows (a list of 500 texts of 2,000 characters, escaped), so any op can be pushed.
/// The widget keeps its pushes to about 1 MiB.
pub const PUSH_MAX_BYTES: usize = 8 * 1024 * 1024;

/// A pull page closes at 500 ops or once its ops' JSON reaches 1 MiB.
pub const PULL_PAGE: crate::model::PageLimit = crate::model::PageLimit {
    ops: BATCH_MAX,
    bytes: 1024 * 1024,
};

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

/// Checks a value against the bounds every device keeps (`mentoring_core::merge`).
fn check_value(value: &Value) -> Result<(), String> {
    match value {
        Value::Null | Value::Bool(_) => Ok(()),
        Value::Number(n) if n.is_i64() => Ok(()),
        Value::Number(n) => Err(format!("{n} is not a whole number")),
        Value::String(s) => {
            let chars = s.chars().count();
            if chars > VALUE_TEXT_MAX_CHARS {
                return Err(format!(
                    "a text of {chars} characters; at most {VALUE_TEXT_MAX_CHARS}"
                ));
            }
            Ok(())
        }
        Value::Array(items) => {
            if items.len() > VALUE_LIST_MAX_ITEMS {
                return Err(format!(
                    "a list of {} items; at most {VALUE_LIST_MAX_ITEMS}",
                    items.len()
                ));
            }
            for (n, item) in items.iter().enumerate() {
                let Some(text) = item.as_str() else {
                    return Err(format!("list item {n} is not a text"));
                };
                let chars = text.chars().count();
                if chars > VALUE_LIST_ITEM_MAX_CHARS {
                    return Err(format!(
                        "list item {n} has {chars} characters; at most \
                         {VALUE_LIST_ITEM_MAX_CHARS}"
                    ));
                }
            }
            Ok(())
        }
        Value::Object(_) => Err(
            "an object; a value is null, a boolean, an integer, a text or a list of texts"
                .to_owned(),
        ),
    }
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
    // Every device reads the clock as the core does, and folds by it (`merge::shown`).
    Hlc::decode(&op.hlc).map_err(|problem| format!("op hlc: {problem}"))?;
    if op.supersedes.len() > 64 || !op.supersedes.iter().all(|s| is_id(s)) {
        return Err("op supersedes must list at most 64 op ids".to_owned());
    }
    check_value(&op.value).map_err(|problem| format!("op {} value: {problem}", op.id))?;
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
            hlc: "1795000000000-00000".into(),
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
                    value: json!(["fine", "x".repeat(2_001)]),
                    ..op()
                },
                "op op-1 value: list item 1 has 2001 characters; at most 2000",
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
                    hlc: "0000018f3a2b1c00-0000".into(),
                    ..op()
                },
                "op hlc: \"0000018f3a2b1c00-0000\" is not a clock reading",
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
