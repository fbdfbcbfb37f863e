//! People, as the host's directory describes them.

use crate::RecordId;

/// The longest display name accepted from a host.
pub const NAME_MAX_CHARS: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: RecordId,
    pub name: String,
}
