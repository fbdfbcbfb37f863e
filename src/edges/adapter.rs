//! The host adapter, JSON v1 (docs/adapter.md).
//!
//! Architecture invariant: this is the only module that knows the wire shapes. Domain types
//! are never (de)serialised for the wire; the `*V1` counterparts below are, and everything
//! received is validated before it becomes a domain value. A bad or hostile reply becomes a
//! `HostError` with a message for the person, and changes nothing.

use mentoring_core::person::NAME_MAX_CHARS;
use mentoring_core::{Person, RecordId};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::host::HostEnv;
use super::{js_error_text, LocalFuture};

/// The adapter version this widget speaks; it is in every message.
pub const WIRE_VERSION: u32 = 1;

#[derive(Debug, Deserialize)]
pub struct SessionV1 {
    pub version: u32,
    pub person: PersonV1,
}

#[derive(Debug, Deserialize)]
pub struct PersonV1 {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub struct ErrorV1 {
    pub version: u32,
    pub error: ErrorBodyV1,
}

#[derive(Debug, Deserialize)]
pub struct ErrorBodyV1 {
    pub code: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostError {
    /// The host could not be reached (offline, or the portal is down).
    Unreachable(String),
    /// The host says nobody is signed in.
    SignedOut(String),
    /// The host answered with an error of its own.
    Refused { code: String, message: String },
    /// The host's reply does not follow the adapter contract.
    Malformed(String),
}

impl std::fmt::Display for HostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HostError::Unreachable(_) => {
                write!(
                    f,
                    "The portal cannot be reached. Your changes are kept on this device."
                )
            }
            HostError::SignedOut(message) => {
                write!(f, "Sign in to the portal to use mentoring. ({message})")
            }
            HostError::Refused { code, message } => {
                write!(
                    f,
                    "The portal refused the request: {message} (code {code})."
                )
            }
            HostError::Malformed(detail) => write!(
                f,
                "The portal sent a reply the widget cannot read ({detail}). Nothing was \
                 changed; ask the portal's team to check its mentoring adapter."
            ),
        }
    }
}

/// Checks a session reply and turns it into the signed-in person.
pub fn person_from_wire(reply: SessionV1) -> Result<Person, HostError> {
    if reply.version != WIRE_VERSION {
        return Err(HostError::Malformed(format!(
            "session version {} where {WIRE_VERSION} was expected",
            reply.version
        )));
    }
    let id = RecordId::parse(&reply.person.id)
        .map_err(|e| HostError::Malformed(format!("person id: {e}")))?;
    let name = reply.person.name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > NAME_MAX_CHARS {
        return Err(HostError::Malformed(format!(
            "person name must have 1 to {NAME_MAX_CHARS} characters, not {chars}"
        )));
    }
    Ok(Person::new(id, name))
}

/// Turns a non-success reply into the error it reports, or says why it cannot be read.
pub fn error_from_wire(status: u16, reply: Option<ErrorV1>) -> HostError {
    let Some(reply) = reply else {
        return HostError::Malformed(format!("HTTP {status} without an adapter error object"));
    };
    let message: String = reply.error.message.chars().take(300).collect();
    match status {
        401 => HostError::SignedOut(message),
        _ => HostError::Refused {
            code: reply.error.code.chars().take(60).collect(),
            message,
        },
    }
}

/// What the widget asks of the host. More calls (ops, directory) join as the adapter grows.
pub trait Host {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>>;
}

/// The default adapter: HTTP under the `endpoint` attribute.
pub struct HttpHost {
    env: HostEnv,
    endpoint: String,
}

impl HttpHost {
    pub fn new(env: HostEnv) -> Self {
        let endpoint = env.endpoint();
        HttpHost { env, endpoint }
    }

    async fn get(&self, path: &str) -> Result<(u16, JsValue), HostError> {
        let url = format!("{}{path}", self.endpoint);
        let reply = JsFuture::from(self.env.fetch_json(&url))
            .await
            .map_err(|e| HostError::Unreachable(js_error_text(&e)))?;
        let field = |name: &str| js_sys::Reflect::get(&reply, &JsValue::from_str(name));
        let status = field("status")
            .ok()
            .and_then(|s| s.as_f64())
            .map(|s| s as u16)
            .ok_or_else(|| HostError::Malformed("no HTTP status".into()))?;
        Ok((status, field("body").unwrap_or(JsValue::NULL)))
    }
}

impl Host for HttpHost {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async move {
            let (status, body) = self.get("/v1/session").await?;
            if status != 200 {
                return Err(error_from_wire(
                    status,
                    serde_wasm_bindgen::from_value(body).ok(),
                ));
            }
            let reply: SessionV1 = serde_wasm_bindgen::from_value(body)
                .map_err(|e| HostError::Malformed(format!("session: {e}")))?;
            person_from_wire(reply)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(version: u32, id: &str, name: &str) -> SessionV1 {
        SessionV1 {
            version,
            person: PersonV1 {
                id: id.into(),
                name: name.into(),
            },
        }
    }

    #[test]
    fn a_well_formed_session_gives_the_person() {
        let person = person_from_wire(session(1, "amira", " Amira Haddad ")).unwrap();
        assert_eq!(person.id.as_str(), "amira");
        assert_eq!(person.name, "Amira Haddad");
    }

    #[test]
    fn hostile_or_wrong_sessions_are_refused_with_a_reason() {
        let cases = [
            (session(2, "amira", "Amira"), "version 2"),
            (session(1, "../../etc", "Amira"), "person id"),
            (session(1, "amira", "  "), "name"),
            (session(1, "amira", &"x".repeat(NAME_MAX_CHARS + 1)), "name"),
        ];
        for (reply, reason) in cases {
            match person_from_wire(reply) {
                Err(HostError::Malformed(detail)) => {
                    assert!(
                        detail.contains(reason),
                        "{detail:?} should mention {reason:?}"
                    )
                }
                other => panic!("expected Malformed, got {other:?}"),
            }
        }
    }

    #[test]
    fn error_replies_map_to_what_the_person_can_do() {
        let error = |code: &str| ErrorV1 {
            version: 1,
            error: ErrorBodyV1 {
                code: code.into(),
                message: "no session cookie".into(),
            },
        };
        assert_eq!(
            error_from_wire(401, Some(error("not_signed_in"))),
            HostError::SignedOut("no session cookie".into())
        );
        assert!(matches!(
            error_from_wire(403, Some(error("forbidden"))),
            HostError::Refused { code, .. } if code == "forbidden"
        ));
        assert!(matches!(error_from_wire(502, None), HostError::Malformed(d) if d.contains("502")));
        assert!(HostError::SignedOut("x".into())
            .to_string()
            .starts_with("Sign in"));
    }
}
