//! Identifiers of people and records.
//!
//! Ids come from the host's directory or are minted on a device; either way they travel
//! through storage and the network, so they are checked before they are trusted.

use std::fmt;

/// The longest id accepted: long enough for a UUID with a prefix, short enough to index.
pub const ID_MAX_CHARS: usize = 64;

/// An opaque id made of ASCII letters, digits, `-` and `_`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordId(String);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdError {
    Empty,
    TooLong { chars: usize },
    BadCharacter { found: char },
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Empty => write!(f, "the id is empty"),
            IdError::TooLong { chars } => {
                write!(
                    f,
                    "the id has {chars} characters; at most {ID_MAX_CHARS} are allowed"
                )
            }
            IdError::BadCharacter { found } => write!(
                f,
                "the id contains {found:?}; only letters, digits, '-' and '_' are allowed"
            ),
        }
    }
}

impl std::error::Error for IdError {}

impl RecordId {
    pub fn parse(text: &str) -> Result<RecordId, IdError> {
        if text.is_empty() {
            return Err(IdError::Empty);
        }
        let chars = text.chars().count();
        if chars > ID_MAX_CHARS {
            return Err(IdError::TooLong { chars });
        }
        if let Some(found) = text
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        {
            return Err(IdError::BadCharacter { found });
        }
        Ok(RecordId(text.to_owned()))
    }

    /// Mints a fresh id from the time and 64 bits of entropy supplied by the caller.
    ///
    /// The time prefix makes ids from one device sort roughly by creation; the entropy makes
    /// two devices minting in the same millisecond collide with negligible probability.
    pub fn mint(prefix: &str, now: crate::Millis, entropy: u64) -> RecordId {
        let id = format!("{prefix}-{:x}-{entropy:016x}", now.0.max(0));
        RecordId::parse(&id).expect("minted ids use only safe characters")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Millis;

    #[test]
    fn accepts_directory_style_ids() {
        assert_eq!(RecordId::parse("hr-admin").unwrap().as_str(), "hr-admin");
        assert_eq!(RecordId::parse("goal_01").unwrap().as_str(), "goal_01");
    }

    #[test]
    fn rejects_empty_long_and_unsafe_ids() {
        assert_eq!(RecordId::parse(""), Err(IdError::Empty));
        assert_eq!(
            RecordId::parse(&"a".repeat(65)),
            Err(IdError::TooLong { chars: 65 })
        );
        assert!(RecordId::parse(&"a".repeat(64)).is_ok());
        assert_eq!(
            RecordId::parse("a b"),
            Err(IdError::BadCharacter { found: ' ' })
        );
        assert_eq!(
            RecordId::parse("<script>"),
            Err(IdError::BadCharacter { found: '<' })
        );
    }

    #[test]
    fn minted_ids_are_valid_and_differ_by_entropy() {
        let a = RecordId::mint("goal", Millis(1_700_000_000_000), 1);
        let b = RecordId::mint("goal", Millis(1_700_000_000_000), 2);
        assert_ne!(a, b);
        assert!(RecordId::parse(a.as_str()).is_ok());
        assert!(a.as_str().starts_with("goal-"));
    }

    #[test]
    fn error_messages_say_what_is_allowed() {
        let message = RecordId::parse("a/b").unwrap_err().to_string();
        assert!(message.contains("'/'"), "{message}");
        assert!(message.contains("letters, digits"), "{message}");
    }
}
