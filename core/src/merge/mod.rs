//! The merge model: ops, a hybrid logical clock, and the replica that folds ops into records.
//!
//! Architecture invariant: this is a pure library (like Automerge's core): storage and
//! transport are layers around it, in the widget and the portal.

pub mod hlc;
pub mod replica;

pub use hlc::{Hlc, HlcClock};
pub use replica::{
    lost_by_host, shown, validate, withheld_op_id, Awaited, Compacted, Op, Replica, UnseenByDelete,
    DELETED, HOST_DEVICE, HOST_OP_PREFIX, SEEN_MARK_PREFIX, SETTLE_PREFIX, SUPERSEDES_MAX,
    TOMBSTONE_PREFIX, VALUE_LIST_ITEM_MAX_CHARS, VALUE_LIST_MAX_ITEMS, VALUE_TEXT_MAX_CHARS,
    WITHHELD_PREFIX,
};
