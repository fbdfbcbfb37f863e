//! The host adapter, JSON v1 (docs/adapter.md).
//!
//! Architecture invariant: this is the only module that knows the wire shapes. Domain types
//! are never (de)serialised for the wire; the `*V1` counterparts below are, and everything
//! received is validated before it becomes a domain value. A bad or hostile reply becomes a
//! `HostError` with a message for the person, and changes nothing.
//!
//! The decoders (`read_session`, `read_directory`, `read_push_reply`, `read_pull_reply`) are
//! generic over [`WireValue`]: the widget reads `JsValue`s, the native tests and the fuzz
//! target (fuzz/, docs/adapter.md) read [`super::js_object::Json`].

use std::ops::RangeInclusive;

use mentoring_core::dashboard::{Figure, Month, HIDDEN_TEXT};
use mentoring_core::enrolment::ListedMentors;
use mentoring_core::health::{
    HealthSettings, ENDING_WITHIN_DAYS, QUIET_WEEKS, RATING_DROP_HUNDREDTHS,
};
use mentoring_core::merge::{
    validate, Hlc, Op, VALUE_LIST_ITEM_MAX_CHARS, VALUE_LIST_MAX_ITEMS, VALUE_TEXT_MAX_CHARS,
};
use mentoring_core::person::{Credential, CredentialLevel, NAME_MAX_CHARS};
use mentoring_core::preferences::{Attribute, Held, Met, PreferencesMet};
use mentoring_core::projection::FieldValue;
use mentoring_core::{Date, Grade, Millis, Objective, Person, Programme, ProgrammeKind, RecordId};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::host::HostEnv;
use super::js_object::{object, texts, whole_number, JsObject, WireValue};
use super::{console_warn, js_error_text, LocalFuture};
use crate::schedule::{batches, BatchLimit};

/// The adapter version this widget speaks; it is in every message.
pub const WIRE_VERSION: u32 = 1;

#[derive(Debug)]
pub struct SessionV1 {
    pub version: i64,
    pub person: PersonV1,
}

#[derive(Debug)]
pub struct PersonV1 {
    pub id: String,
    pub name: String,
}

#[derive(Debug)]
pub struct ErrorV1 {
    pub version: i64,
    pub error: ErrorBodyV1,
}

#[derive(Debug)]
pub struct ErrorBodyV1 {
    pub code: String,
    pub message: String,
}

impl SessionV1 {
    pub fn from_wire<V: WireValue>(value: &V) -> Result<SessionV1, String> {
        let reply = JsObject::new(value, "session")?;
        let person = reply.get("person");
        let person = JsObject::new(&person, "session person")?;
        Ok(SessionV1 {
            version: reply.int("version")?,
            person: PersonV1 {
                id: person.text("id")?,
                name: person.text("name")?,
            },
        })
    }
}

impl ErrorV1 {
    pub fn from_wire<V: WireValue>(value: &V) -> Option<ErrorV1> {
        let reply = JsObject::new(value, "error").ok()?;
        let error = reply.get("error");
        let error = JsObject::new(&error, "error body").ok()?;
        Some(ErrorV1 {
            version: reply.int("version").ok()?,
            error: ErrorBodyV1 {
                code: error.text("code").ok()?,
                message: error.text("message").ok()?,
            },
        })
    }
}

/// A failed call to the host. Its texts are for the host's team (the browser's console) and
/// tests; what the person reads is `ui::i18n::Locale::host_error`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostError {
    /// The host could not be reached (offline, or the portal is down).
    Unreachable(String),
    /// The host's address answered but the portal behind it did not: a 5xx without the
    /// adapter's error object (what a gateway or load balancer sends), or a 502, 503 or 504
    /// with one. Like `Unreachable`, it passes: the outbox keeps every change and the sync
    /// engine tries again.
    Unavailable(String),
    /// The host says nobody is signed in.
    SignedOut(String),
    /// The host answered with an error of its own.
    Refused { code: String, message: String },
    /// The host's reply does not follow the adapter contract.
    Malformed(String),
}

/// Refuses a message of another adapter version.
fn check_version(what: &str, version: i64) -> Result<(), HostError> {
    if version == i64::from(WIRE_VERSION) {
        return Ok(());
    }
    Err(malformed(format!(
        "{what} version {version} where {WIRE_VERSION} was expected"
    )))
}

/// At most this many ops in a push (the host may acknowledge no more).
pub const PUSH_MAX_OPS: usize = 500;
/// The widget keeps a push to about this many bytes of ops: well within the 8 MiB a host
/// must read (docs/adapter.md), and a request a phone on a poor network gets through.
pub const PUSH_TARGET_BYTES: usize = 1024 * 1024;
/// At most this many ops in one pull page, and this long a cursor.
const PULL_MAX_OPS: usize = 5_000;
const CURSOR_MAX_CHARS: usize = 200;
const REASON_MAX_CHARS: usize = 300;

/// Checks a push reply.
pub fn pushed_from_wire(reply: PushReplyV1) -> Result<Pushed, HostError> {
    check_version("push reply", reply.version)?;
    let answered = reply.acknowledged.len() + reply.rejected.len();
    if answered > PUSH_MAX_OPS {
        return Err(malformed(format!(
            "push reply answers {answered} ops; a push holds at most {PUSH_MAX_OPS}"
        )));
    }
    Ok(Pushed {
        acknowledged: reply
            .acknowledged
            .iter()
            .enumerate()
            .map(|(n, a)| wire_id(&format!("push reply acknowledged[{n}]"), a))
            .collect::<Result<_, _>>()?,
        rejected: reply
            .rejected
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let id = wire_id(&format!("push reply rejected[{n}] id"), &r.id)?;
                Ok(Rejected {
                    id,
                    code: r.code.chars().take(60).collect(),
                    message: r.message.chars().take(REASON_MAX_CHARS).collect(),
                })
            })
            .collect::<Result<_, HostError>>()?,
    })
}

/// Checks that a push reply answers each op sent and no other: an id that was not sent would
/// take an op that never reached the host out of the outbox for good, and an op left
/// unanswered (a 200 carrying an error object reads as an empty reply) would wait with no
/// word of why. Either refuses the whole reply, so nothing leaves the outbox.
pub fn check_answers<V>(sent: &[OpV1<V>], pushed: &Pushed) -> Result<(), HostError> {
    let was_sent = |id: &RecordId| sent.iter().any(|op| op.id == id.as_str());
    let answers = pushed
        .acknowledged
        .iter()
        .chain(pushed.rejected.iter().map(|r| &r.id));
    let mut answered = Vec::new();
    for id in answers {
        if !was_sent(id) {
            return Err(malformed(format!(
                "push reply answers op {id}, which was not sent"
            )));
        }
        answered.push(id.as_str());
    }
    match sent.iter().find(|op| !answered.contains(&op.id.as_str())) {
        Some(op) => Err(malformed(format!(
            "push reply neither acknowledges nor rejects op {}",
            op.id
        ))),
        None => Ok(()),
    }
}

/// Checks a session reply and turns it into the signed-in person.
pub fn person_from_wire(reply: SessionV1) -> Result<Person, HostError> {
    check_version("session", reply.version)?;
    let id = wire_id("session person id", &reply.person.id)?;
    let name = reply.person.name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > NAME_MAX_CHARS {
        return Err(HostError::Malformed(format!(
            "session person name must have 1 to {NAME_MAX_CHARS} characters, not {chars}"
        )));
    }
    Ok(Person::new(id, name))
}

/// The code of a push too large for the host to read (`413`), and of an op the widget then
/// found too large to send alone.
pub const TOO_LARGE: &str = "too_large";

/// The host's code for a pull cursor it never gave out (its log restored from a backup, say):
/// the device pulls again from the start.
pub const UNKNOWN_CURSOR: &str = "unknown_cursor";

impl HostError {
    /// Whether the host refused a push as too large: smaller ones may go through.
    pub fn too_large(&self) -> bool {
        matches!(self, HostError::Refused { code, .. } if code == TOO_LARGE)
    }

    /// Whether the host may well answer if asked again later (the network or the portal is
    /// down for now), as opposed to an answer that says no or cannot be read: the widget then
    /// keeps working on this device as it does offline.
    pub fn passes(&self) -> bool {
        matches!(self, HostError::Unreachable(_) | HostError::Unavailable(_))
    }
}

/// Turns a non-success reply into the error it reports, or says why it cannot be read.
pub fn error_from_wire(status: u16, reply: Option<ErrorV1>) -> HostError {
    let Some(reply) = reply else {
        if status == 413 {
            // A proxy's own limit, in front of the portal's.
            return HostError::Refused {
                code: TOO_LARGE.to_owned(),
                message: "HTTP 413 without an adapter error object".to_owned(),
            };
        }
        // A gateway's own page (HTML or nothing) in front of a portal that is down or
        // restarting: not the adapter's fault, and it passes.
        if status >= 500 {
            return HostError::Unavailable(format!(
                "HTTP {status} without an adapter error object"
            ));
        }
        return HostError::Malformed(format!("HTTP {status} without an adapter error object"));
    };
    let code: String = reply.error.code.chars().take(60).collect();
    let message: String = reply.error.message.chars().take(REASON_MAX_CHARS).collect();
    match status {
        401 => HostError::SignedOut(message),
        // What the host calls a body too large is said the same way, whatever its code.
        413 => HostError::Refused {
            code: TOO_LARGE.to_owned(),
            message,
        },
        502..=504 => HostError::Unavailable(format!("HTTP {status} {code}: {message}")),
        _ => HostError::Refused { code, message },
    }
}

#[derive(Debug)]
pub struct DirectoryV1 {
    pub version: i64,
    pub people: Vec<DirectoryPersonV1>,
    pub programmes: Vec<ProgrammeV1>,
    /// Optional (`None` from a host before it): the programmes keeping an enrolment list, each
    /// with who takes part in it as a mentor or coach.
    pub taking_part: Option<Vec<TakingPartV1>>,
    /// Optional: the mentors with no place left in each programme set up in Programme admin
    /// (the directory's own say theirs in `noPlaceLeft`).
    pub full_mentors: Vec<TakingPartV1>,
}

#[derive(Debug)]
pub struct TakingPartV1 {
    pub programme: String,
    pub mentors: Vec<String>,
}

#[derive(Debug)]
pub struct DirectoryPersonV1 {
    pub id: String,
    pub name: String,
    pub job_title: String,
    pub grade: i64,
    pub department: String,
    pub manager_id: Option<String>,
    pub location: String,
    pub time_zone: String,
    pub languages: Vec<String>,
    pub skills_offered: Vec<String>,
    pub skills_wanted: Vec<String>,
    pub coach_credential: Option<CredentialV1>,
    pub willing_to_mentor: bool,
}

#[derive(Debug)]
pub struct CredentialV1 {
    pub level: String,
    pub expires: String,
}

#[derive(Debug)]
pub struct ProgrammeV1 {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub starts: String,
    pub ends: Option<String>,
    pub default_length_days: Option<i32>,
    pub objectives: Vec<ObjectiveV1>,
    pub admins: Vec<String>,
    /// Optional: when its pairs' health signals are raised; without it, the defaults.
    pub health: Option<HealthV1>,
    /// Optional: the mentors or coaches with no place left in it.
    pub no_place_left: Vec<String>,
}

#[derive(Debug)]
pub struct HealthV1 {
    pub quiet_weeks: i64,
    pub ending_within_days: i64,
    pub rating_drop_hundredths: i64,
}

#[derive(Debug)]
pub struct ObjectiveV1 {
    pub id: String,
    pub text: String,
}

impl DirectoryV1 {
    pub fn from_wire<V: WireValue>(value: &V) -> Result<DirectoryV1, String> {
        let reply = JsObject::new(value, "directory")?;
        let people = reply
            .items("people")?
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let p = JsObject::new(p, &reply.at("people", n))?;
                let credential = p.get("coachCredential");
                let coach_credential = if credential.is_nothing() {
                    None
                } else {
                    let what = format!("{} coachCredential", reply.at("people", n));
                    let c = JsObject::new(&credential, &what)?;
                    Some(CredentialV1 {
                        level: c.text("level")?,
                        expires: c.text("expires")?,
                    })
                };
                Ok(DirectoryPersonV1 {
                    id: p.text("id")?,
                    name: p.text("name")?,
                    job_title: p.text_or_empty("jobTitle")?,
                    grade: p.int("grade")?,
                    department: p.text_or_empty("department")?,
                    manager_id: p.opt_text("managerId")?,
                    location: p.text_or_empty("location")?,
                    time_zone: p.text_or_empty("timeZone")?,
                    languages: p.texts("languages")?,
                    skills_offered: p.texts("skillsOffered")?,
                    skills_wanted: p.texts("skillsWanted")?,
                    coach_credential,
                    willing_to_mentor: p.bool_or("willingToMentor", false)?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let programmes = reply
            .items("programmes")?
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let p = JsObject::new(p, &reply.at("programmes", n))?;
                let objectives = p
                    .items("objectives")?
                    .iter()
                    .enumerate()
                    .map(|(n, o)| {
                        let o = JsObject::new(o, &p.at("objectives", n))?;
                        Ok(ObjectiveV1 {
                            id: o.text("id")?,
                            text: o.text("text")?,
                        })
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                let health = p.get("health");
                let health = if health.is_nothing() {
                    None
                } else {
                    let h =
                        JsObject::new(&health, &format!("{} health", reply.at("programmes", n)))?;
                    Some(HealthV1 {
                        quiet_weeks: h.int("quietWeeks")?,
                        ending_within_days: h.int("endingWithinDays")?,
                        rating_drop_hundredths: h.int("ratingDropHundredths")?,
                    })
                };
                Ok(ProgrammeV1 {
                    id: p.text("id")?,
                    kind: p.text("kind")?,
                    name: p.text("name")?,
                    starts: p.text("starts")?,
                    ends: p.opt_text("ends")?,
                    default_length_days: p
                        .opt_int("defaultLengthDays")?
                        .map(|d| d.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32),
                    objectives,
                    admins: p.texts("admins")?,
                    health,
                    no_place_left: if p.get("noPlaceLeft").is_nothing() {
                        Vec::new()
                    } else {
                        p.texts("noPlaceLeft")?
                    },
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        // Each a list of programmes with mentors, absent from a host before it.
        let per_programme = |key: &str| -> Result<Option<Vec<TakingPartV1>>, String> {
            if reply.get(key).is_nothing() {
                return Ok(None);
            }
            let items = reply.items(key)?;
            let entries = (items.iter().enumerate())
                .map(|(n, t)| {
                    let t = JsObject::new(t, &reply.at(key, n))?;
                    Ok(TakingPartV1 {
                        programme: t.text("programme")?,
                        mentors: t.texts("mentors")?,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            Ok(Some(entries))
        };
        Ok(DirectoryV1 {
            version: reply.int("version")?,
            people,
            programmes,
            taking_part: per_programme("takingPart")?,
            full_mentors: per_programme("fullMentors")?.unwrap_or_default(),
        })
    }
}

/// The directory as the widget keeps it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DirectorySnapshot {
    pub people: Vec<Person>,
    pub programmes: Vec<Programme>,
    /// (programme, mentor): a mentor or coach whose places in the programme are all taken,
    /// as the host counts them (`relationship::mentors_without_place`); the device holds no
    /// one else's pairs to count.
    pub no_place: Vec<(RecordId, RecordId)>,
    /// The programmes keeping an enrolment list and who takes part in each as a mentor, as
    /// the host says (`takingPart`); `None` from a host that does not say, whose refusal of a
    /// mentor not on a list the device cannot foresee.
    pub taking_part: Option<Vec<ListedMentors>>,
}

/// Bounds on what a directory reply may hold, so a hostile host cannot exhaust a phone.
const DIRECTORY_MAX_PEOPLE: usize = 100_000;
const LIST_MAX_ITEMS: usize = 50;
const SHORT_TEXT_MAX_CHARS: usize = 200;
const GRADE_MAX: i64 = 30;

fn malformed(what: impl std::fmt::Display) -> HostError {
    HostError::Malformed(what.to_string())
}

fn wire_id(what: &str, text: &str) -> Result<RecordId, HostError> {
    RecordId::parse(text).map_err(|e| malformed(format!("{what}: {e}")))
}

fn wire_text(what: &str, text: &str) -> Result<String, HostError> {
    let chars = text.chars().count();
    if chars > SHORT_TEXT_MAX_CHARS {
        return Err(malformed(format!(
            "{what} has {chars} characters; at most {SHORT_TEXT_MAX_CHARS}"
        )));
    }
    Ok(text.trim().to_owned())
}

fn wire_list(what: &str, items: &[String]) -> Result<Vec<String>, HostError> {
    if items.len() > LIST_MAX_ITEMS {
        return Err(malformed(format!(
            "{what} has {} items; at most {LIST_MAX_ITEMS}",
            items.len()
        )));
    }
    items.iter().map(|item| wire_text(what, item)).collect()
}

fn wire_date(what: &str, text: &str) -> Result<Date, HostError> {
    Date::parse(text).map_err(|e| malformed(format!("{what}: {e}")))
}

/// Checks a directory reply and turns it into domain people and programmes. One bad entry
/// refuses the whole reply: a half-applied directory would be worse than yesterday's.
pub fn directory_from_wire(reply: DirectoryV1) -> Result<DirectorySnapshot, HostError> {
    check_version("directory", reply.version)?;
    if reply.people.len() > DIRECTORY_MAX_PEOPLE {
        return Err(malformed(format!(
            "{} people; at most {DIRECTORY_MAX_PEOPLE}",
            reply.people.len()
        )));
    }
    let people = reply
        .people
        .into_iter()
        .map(|p| {
            let id = wire_id("person id", &p.id)?;
            let at = |field: &str| format!("person {id} {field}");
            let name = wire_text(&at("name"), &p.name)?;
            if name.is_empty() || name.chars().count() > NAME_MAX_CHARS {
                return Err(malformed(at("name must not be empty")));
            }
            if !(0..=GRADE_MAX).contains(&p.grade) {
                return Err(malformed(format!(
                    "{}: {} is not from 0 to {GRADE_MAX}",
                    at("grade"),
                    p.grade
                )));
            }
            let coach_credential = p
                .coach_credential
                .map(|c| {
                    let level = match c.level.as_str() {
                        "trained" => CredentialLevel::Trained,
                        "certified" => CredentialLevel::Certified,
                        other => {
                            return Err(malformed(format!(
                                "{}: unknown level {other:?}",
                                at("credential")
                            )))
                        }
                    };
                    Ok(Credential {
                        level,
                        expires: wire_date(&at("credential expiry"), &c.expires)?,
                    })
                })
                .transpose()?;
            Ok(Person {
                job_title: wire_text(&at("job title"), &p.job_title)?,
                grade: Grade(p.grade as u8),
                department: wire_text(&at("department"), &p.department)?,
                manager: p
                    .manager_id
                    .as_deref()
                    .map(|m| wire_id(&at("manager"), m))
                    .transpose()?,
                location: wire_text(&at("location"), &p.location)?,
                time_zone: wire_text(&at("time zone"), &p.time_zone)?,
                languages: wire_list(&at("languages"), &p.languages)?,
                skills_offered: wire_list(&at("skills offered"), &p.skills_offered)?,
                skills_wanted: wire_list(&at("skills wanted"), &p.skills_wanted)?,
                coach_credential,
                willing_to_mentor: p.willing_to_mentor,
                ..Person::new(id, name)
            })
        })
        .collect::<Result<Vec<_>, HostError>>()?;
    let programmes = reply
        .programmes
        .into_iter()
        .map(|p| {
            let id = wire_id("programme id", &p.id)?;
            let at = |field: &str| format!("programme {id} {field}");
            let kind = match p.kind.as_str() {
                "coaching" => ProgrammeKind::Coaching,
                "mentoring" => ProgrammeKind::Mentoring,
                other => return Err(malformed(format!("{}: unknown kind {other:?}", at("kind")))),
            };
            let mut programme = Programme::new(
                id.clone(),
                kind,
                wire_text(&at("name"), &p.name)?,
                wire_date(&at("start"), &p.starts)?,
            );
            programme.ends = p
                .ends
                .as_deref()
                .map(|d| wire_date(&at("end"), d))
                .transpose()?;
            if let Some(days) = p.default_length_days {
                if !(1..=3_660).contains(&days) {
                    return Err(malformed(format!("{}: {days} days", at("default length"))));
                }
                programme.default_length_days = days;
            }
            if p.objectives.len() > LIST_MAX_ITEMS {
                return Err(malformed(format!(
                    "{} has {} items; at most {LIST_MAX_ITEMS}",
                    at("objectives"),
                    p.objectives.len()
                )));
            }
            programme.objectives = p
                .objectives
                .iter()
                .map(|o| {
                    Ok(Objective {
                        id: wire_id(&at("objective id"), &o.id)?,
                        text: wire_text(&at("objective"), &o.text)?,
                    })
                })
                .collect::<Result<Vec<_>, HostError>>()?;
            programme.admins = wire_list(&at("admins"), &p.admins)?
                .iter()
                .map(|a| wire_id(&at("admin"), a))
                .collect::<Result<Vec<_>, HostError>>()?;
            if let Some(h) = p.health {
                programme.health = wire_health(&at("health"), &h)?;
            }
            if p.no_place_left.len() > DIRECTORY_MAX_PEOPLE {
                return Err(malformed(format!("{}: too many", at("noPlaceLeft"))));
            }
            let no_place = (p.no_place_left.iter())
                .map(|m| Ok((id.clone(), wire_id(&at("noPlaceLeft"), m)?)))
                .collect::<Result<Vec<_>, HostError>>()?;
            Ok((programme, no_place))
        })
        .collect::<Result<Vec<_>, HostError>>()?;
    let (programmes, no_place): (Vec<Programme>, Vec<Vec<(RecordId, RecordId)>>) =
        programmes.into_iter().unzip();
    let listed = |key: &str, all: Vec<TakingPartV1>| {
        all.into_iter()
            .map(|t| {
                let programme = wire_id(&format!("{key} programme"), &t.programme)?;
                let at = format!("{key} {programme} mentors");
                if t.mentors.len() > DIRECTORY_MAX_PEOPLE {
                    return Err(malformed(format!("{at}: too many")));
                }
                let mentors = (t.mentors.iter())
                    .map(|m| wire_id(&at, m))
                    .collect::<Result<Vec<_>, HostError>>()?;
                Ok(ListedMentors { programme, mentors })
            })
            .collect::<Result<Vec<_>, HostError>>()
    };
    let taking_part = (reply.taking_part)
        .map(|all| listed("takingPart", all))
        .transpose()?;
    let mut no_place = no_place.concat();
    for full in listed("fullMentors", reply.full_mentors)? {
        no_place.extend((full.mentors.into_iter()).map(|m| (full.programme.clone(), m)));
    }
    Ok(DirectorySnapshot {
        people,
        programmes,
        no_place,
        taking_part,
    })
}

/// A programme's health settings as the host sent them, each within the range a programme's
/// admins may set (`health::check_health_settings`).
fn wire_health(what: &str, h: &HealthV1) -> Result<HealthSettings, HostError> {
    fn within<T>(
        what: &str,
        key: &str,
        value: i64,
        range: RangeInclusive<T>,
    ) -> Result<T, HostError>
    where
        T: TryFrom<i64> + PartialOrd + std::fmt::Display,
    {
        T::try_from(value)
            .ok()
            .filter(|v| range.contains(v))
            .ok_or_else(|| {
                malformed(format!(
                    "{what} {key}: {value} is not from {} to {}",
                    range.start(),
                    range.end()
                ))
            })
    }
    Ok(HealthSettings {
        quiet_weeks: within(what, "quietWeeks", h.quiet_weeks, QUIET_WEEKS)?,
        ending_within_days: within(
            what,
            "endingWithinDays",
            h.ending_within_days,
            ENDING_WITHIN_DAYS,
        )?,
        rating_drop_hundredths: within(
            what,
            "ratingDropHundredths",
            h.rating_drop_hundredths,
            RATING_DROP_HUNDREDTHS,
        )?,
    })
}

/// The directory as the host sends it, so the device can keep the last one received
/// (`RecordStore::remember_directory`): read back through `read_directory`, what the device
/// kept is checked as the host's reply was.
pub fn directory_to_js(directory: &DirectorySnapshot) -> JsValue {
    let text = |t: &str| JsValue::from_str(t);
    let id_or_null = |id: Option<&RecordId>| id.map_or(JsValue::NULL, |id| text(id.as_str()));
    let people: js_sys::Array = directory
        .people
        .iter()
        .map(|p| {
            let credential = p.coach_credential.as_ref().map_or(JsValue::NULL, |c| {
                let level = match c.level {
                    CredentialLevel::Trained => "trained",
                    CredentialLevel::Certified => "certified",
                };
                object(&[
                    ("level", text(level)),
                    ("expires", text(&c.expires.to_string())),
                ])
            });
            object(&[
                ("id", text(p.id.as_str())),
                ("name", text(&p.name)),
                ("jobTitle", text(&p.job_title)),
                ("grade", JsValue::from_f64(f64::from(p.grade.0))),
                ("department", text(&p.department)),
                ("managerId", id_or_null(p.manager.as_ref())),
                ("location", text(&p.location)),
                ("timeZone", text(&p.time_zone)),
                ("languages", texts(&p.languages)),
                ("skillsOffered", texts(&p.skills_offered)),
                ("skillsWanted", texts(&p.skills_wanted)),
                ("coachCredential", credential),
                ("willingToMentor", JsValue::from_bool(p.willing_to_mentor)),
            ])
        })
        .collect();
    let programmes: js_sys::Array = directory
        .programmes
        .iter()
        .map(|p| {
            let kind = match p.kind {
                ProgrammeKind::Coaching => "coaching",
                ProgrammeKind::Mentoring => "mentoring",
            };
            let objectives: js_sys::Array = p
                .objectives
                .iter()
                .map(|o| object(&[("id", text(o.id.as_str())), ("text", text(&o.text))]))
                .collect();
            let admins: Vec<String> = p.admins.iter().map(|a| a.to_string()).collect();
            let no_place: Vec<String> = (directory.no_place.iter())
                .filter(|(programme, _)| programme == &p.id)
                .map(|(_, mentor)| mentor.to_string())
                .collect();
            object(&[
                ("id", text(p.id.as_str())),
                ("kind", text(kind)),
                ("name", text(&p.name)),
                ("starts", text(&p.starts.to_string())),
                (
                    "ends",
                    p.ends.map_or(JsValue::NULL, |d| text(&d.to_string())),
                ),
                (
                    "defaultLengthDays",
                    JsValue::from_f64(f64::from(p.default_length_days)),
                ),
                ("objectives", objectives.into()),
                ("admins", texts(&admins)),
                ("noPlaceLeft", texts(&no_place)),
                (
                    "health",
                    object(&[
                        (
                            "quietWeeks",
                            JsValue::from_f64(f64::from(p.health.quiet_weeks)),
                        ),
                        (
                            "endingWithinDays",
                            JsValue::from_f64(f64::from(p.health.ending_within_days)),
                        ),
                        (
                            "ratingDropHundredths",
                            JsValue::from_f64(f64::from(p.health.rating_drop_hundredths)),
                        ),
                    ]),
                ),
            ])
        })
        .collect();
    let mut fields = vec![
        ("version", JsValue::from_f64(f64::from(WIRE_VERSION))),
        ("people", people.into()),
        ("programmes", programmes.into()),
    ];
    let listed = |all: &[ListedMentors]| -> JsValue {
        let entries: js_sys::Array = (all.iter())
            .map(|t| {
                let mentors: Vec<String> = t.mentors.iter().map(|m| m.to_string()).collect();
                object(&[
                    ("programme", text(t.programme.as_str())),
                    ("mentors", texts(&mentors)),
                ])
            })
            .collect();
        entries.into()
    };
    if let Some(all) = &directory.taking_part {
        fields.push(("takingPart", listed(all)));
    }
    // Those of programmes not in the directory's list: set up in Programme admin.
    let mut full: Vec<ListedMentors> = Vec::new();
    for (programme, mentor) in &directory.no_place {
        if directory.programmes.iter().any(|p| &p.id == programme) {
            continue;
        }
        match full.iter_mut().find(|f| &f.programme == programme) {
            Some(f) => f.mentors.push(mentor.clone()),
            None => full.push(ListedMentors {
                programme: programme.clone(),
                mentors: vec![mentor.clone()],
            }),
        }
    }
    if !full.is_empty() {
        fields.push(("fullMentors", listed(&full)));
    }
    object(&fields)
}

/// An op as it travels, and as the outbox keeps it (so it is sent exactly as stored). `V`
/// is how its value is held: a `JsValue` in the widget.
#[derive(Debug)]
pub struct OpV1<V = JsValue> {
    pub id: String,
    pub actor: String,
    pub device: String,
    pub hlc: String,
    pub entity: String,
    pub record: String,
    pub field: String,
    pub value: V,
    pub supersedes: Vec<String>,
}

#[derive(Debug)]
pub struct PushReplyV1 {
    pub version: i64,
    pub acknowledged: Vec<String>,
    pub rejected: Vec<RejectionV1>,
}

#[derive(Debug)]
pub struct RejectionV1 {
    pub id: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug)]
pub struct PullReplyV1<V = JsValue> {
    pub version: i64,
    /// Each op as received: one this widget cannot read is held, not a fault of the page.
    pub ops: Vec<V>,
    pub cursor: String,
    pub more: bool,
    /// The host's pull epoch, when it says one (docs/adapter.md).
    pub epoch: Option<i64>,
}

impl<V: WireValue> OpV1<V> {
    /// `what` says where the op is (`pull reply ops[3]`, `stored op`).
    pub fn from_wire(value: &V, what: &str) -> Result<OpV1<V>, String> {
        let op = JsObject::new(value, what)?;
        Ok(OpV1 {
            id: op.text("id")?,
            actor: op.text("actor")?,
            device: op.text("device")?,
            hlc: op.text("hlc")?,
            entity: op.text("entity")?,
            record: op.text("record")?,
            field: op.text("field")?,
            value: op.get("value"),
            supersedes: op.texts("supersedes")?,
        })
    }
}

impl<V: WireValue> OpV1<V> {
    /// About how many bytes this op takes as JSON: its texts, its value, and the keys and
    /// punctuation around them. Enough to size a push, not to frame one.
    pub fn wire_len(&self) -> usize {
        /// `{"id":"","actor":"",…,"supersedes":[]}` with nothing in the quotes.
        const FRAME: usize = 110;
        let texts = [
            &self.id,
            &self.actor,
            &self.device,
            &self.hlc,
            &self.entity,
            &self.record,
            &self.field,
        ];
        FRAME
            + texts.iter().map(|t| json_text_len(t)).sum::<usize>()
            + self
                .supersedes
                .iter()
                .map(|s| json_text_len(s) + 1)
                .sum::<usize>()
            + json_value_len(&self.value)
    }
}

/// The outbox's ops as the pushes that send them: each within the host's 500 ops and about
/// `PUSH_TARGET_BYTES`, a record's ops together where they fit, cut between changes where
/// they do not (`schedule::batches`).
pub fn push_batches<V: WireValue>(ops: Vec<OpV1<V>>) -> Vec<Vec<OpV1<V>>> {
    let limit = BatchLimit {
        items: PUSH_MAX_OPS,
        weight: PUSH_TARGET_BYTES,
    };
    cut(ops, limit, OpV1::wire_len)
}

/// A push the host answered as too large (`too_large`), as two pushes of about half its ops,
/// cut only where one change ends and the next begins (`op_change`): each leaves its records
/// as they once stood on the device, and a new record's ops still travel together, where
/// half a change could be refused as a record that breaks a rule. `Err`, the push as it was,
/// when it is one change: it cannot be cut.
pub fn halves<V: WireValue>(batch: Vec<OpV1<V>>) -> Result<Vec<Vec<OpV1<V>>>, Vec<OpV1<V>>> {
    let half = batch.len() / 2;
    let cut = (1..batch.len())
        .filter(|&n| op_change(&batch[n - 1]) != op_change(&batch[n]))
        .min_by_key(|&n| n.abs_diff(half));
    let Some(cut) = cut else {
        return Err(batch);
    };
    let mut first = batch;
    let second = first.split_off(cut);
    Ok(vec![first, second])
}

/// `schedule::batches` of ops, one instance of it for both kinds of cut.
fn cut<V: WireValue>(
    ops: Vec<OpV1<V>>,
    limit: BatchLimit,
    weight: fn(&OpV1<V>) -> usize,
) -> Vec<Vec<OpV1<V>>> {
    batches(ops, limit, weight, op_record, op_change)
}

fn op_record<V>(op: &OpV1<V>) -> (String, String) {
    (op.entity.clone(), op.record.clone())
}

/// The change an op was made in: the ops of one share the device's time in their ids
/// (`RecordId::mint`, `{prefix}-{time}-{entropy}`). Not their clock's wall part: after a
/// remote clock ahead of this device's was seen, every change made here shares that one.
/// An id minted otherwise falls back on it.
fn op_change<V>(op: &OpV1<V>) -> String {
    let mut parts = op.id.rsplitn(3, '-');
    let (entropy, time) = (parts.next().unwrap_or_default(), parts.next());
    let hex = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_hexdigit());
    match time {
        Some(time)
            if entropy.len() == 16 && hex(entropy) && hex(time) && parts.next().is_some() =>
        {
            time.to_owned()
        }
        _ => op.hlc.split('-').next().unwrap_or_default().to_owned(),
    }
}

/// A text's length as a JSON string: its quotes and escapes (`\"`, `\n`, `\u0001`).
fn json_text_len(text: &str) -> usize {
    let escapes: usize = text
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 1,
            c if c.is_control() => 5,
            _ => 0,
        })
        .sum();
    text.len() + 2 + escapes
}

/// An op value's length as JSON: null, a boolean, a number, a text or a list of texts.
fn json_value_len<V: WireValue>(value: &V) -> usize {
    if let Some(text) = value.as_text() {
        json_text_len(&text)
    } else if let Some(items) = value.as_items() {
        2 + items.iter().map(|i| json_value_len(i) + 1).sum::<usize>()
    } else {
        // The longest of null, false and a whole number.
        24
    }
}

impl OpV1 {
    pub fn from_js(value: &JsValue) -> Result<OpV1, String> {
        OpV1::from_wire(value, "op")
    }

    pub fn to_js(&self) -> JsValue {
        object(&[
            ("id", JsValue::from_str(&self.id)),
            ("actor", JsValue::from_str(&self.actor)),
            ("device", JsValue::from_str(&self.device)),
            ("hlc", JsValue::from_str(&self.hlc)),
            ("entity", JsValue::from_str(&self.entity)),
            ("record", JsValue::from_str(&self.record)),
            ("field", JsValue::from_str(&self.field)),
            ("value", self.value.clone()),
            ("supersedes", texts(&self.supersedes)),
        ])
    }
}

impl PushReplyV1 {
    pub fn from_wire<V: WireValue>(value: &V) -> Result<PushReplyV1, String> {
        let reply = JsObject::new(value, "push reply")?;
        let rejected = reply
            .items("rejected")?
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let r = JsObject::new(r, &reply.at("rejected", n))?;
                Ok(RejectionV1 {
                    id: r.text("id")?,
                    code: r.text("code")?,
                    message: r.text("message")?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(PushReplyV1 {
            version: reply.int("version")?,
            acknowledged: reply.texts("acknowledged")?,
            rejected,
        })
    }
}

impl<V: WireValue> PullReplyV1<V> {
    pub fn from_wire(value: &V) -> Result<PullReplyV1<V>, String> {
        let reply = JsObject::new(value, "pull reply")?;
        let ops = reply.items("ops")?;
        if ops.len() > PULL_MAX_OPS {
            return Err(format!(
                "pull reply has {} ops; a page holds at most {PULL_MAX_OPS}",
                ops.len()
            ));
        }
        Ok(PullReplyV1 {
            version: reply.int("version")?,
            ops,
            cursor: reply.text("cursor")?,
            more: reply.bool_or("more", false)?,
            epoch: reply.opt_int("epoch")?,
        })
    }
}

/// What a push achieved.
#[derive(Debug, Default, PartialEq)]
pub struct Pushed {
    pub acknowledged: Vec<RecordId>,
    /// Ops the host refused; they will not be sent again.
    pub rejected: Vec<Rejected>,
}

/// An op the host refused: its code says why (docs/adapter.md), its message is the host's own
/// words for its team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    pub id: RecordId,
    pub code: String,
    pub message: String,
}

/// A page of ops from the host.
#[derive(Debug, PartialEq)]
pub struct Pulled<V = JsValue> {
    pub ops: Vec<Op>,
    /// The page's ops this version of the widget cannot read, as received: kept on the
    /// device with the page, and read again by a later version (docs/adapter.md).
    pub held: Vec<Unread<V>>,
    pub cursor: String,
    pub more: bool,
    /// The host's pull epoch (docs/adapter.md, `epoch`): when it is not the one the device's
    /// records were pulled under, the device lets go of them and pulls again from the start.
    /// `None` from a host that says none, which never asks that.
    pub epoch: Option<u32>,
}

impl<V> Default for Pulled<V> {
    fn default() -> Self {
        Pulled {
            epoch: None,
            ops: Vec::new(),
            held: Vec::new(),
            cursor: String::new(),
            more: false,
        }
    }
}

/// An op of a pull page this widget cannot read: the op as received, and why (for the
/// browser's console).
#[derive(Debug, PartialEq)]
pub struct Unread<V = JsValue> {
    pub op: V,
    pub reason: String,
}

/// A field value from JSON: null, a boolean, a whole number, a text (at most 20,000
/// characters) or a list of at most 500 texts of at most 2,000 characters each — the same
/// bounds as docs/schema/op.schema.json and the reference portal.
pub fn value_from_wire<V: WireValue>(value: &V) -> Result<FieldValue, String> {
    if value.is_nothing() {
        return Ok(FieldValue::Null);
    }
    if let Some(b) = value.as_boolean() {
        return Ok(FieldValue::Bool(b));
    }
    if let Some(n) = value.as_number() {
        return whole_number(n)
            .map(FieldValue::Int)
            // Not the number itself: formatting a float would bring float printing into the
            // wasm (about 15 KiB raw) for this one message.
            .ok_or_else(|| "a number that is not whole or is too large".to_owned());
    }
    if let Some(text) = value.as_text() {
        let chars = text.chars().count();
        return (chars <= VALUE_TEXT_MAX_CHARS)
            .then_some(FieldValue::Text(text))
            .ok_or_else(|| {
                format!("a text of {chars} characters; at most {VALUE_TEXT_MAX_CHARS}")
            });
    }
    if let Some(items) = value.as_items() {
        if items.len() > VALUE_LIST_MAX_ITEMS {
            return Err(format!(
                "a list of {} items; at most {VALUE_LIST_MAX_ITEMS}",
                items.len()
            ));
        }
        return items
            .iter()
            .enumerate()
            .map(|(n, item)| {
                let text = item
                    .as_text()
                    .ok_or_else(|| format!("list item {n} is not a text"))?;
                let chars = text.chars().count();
                if chars > VALUE_LIST_ITEM_MAX_CHARS {
                    return Err(format!(
                        "list item {n} has {chars} characters; at most {VALUE_LIST_ITEM_MAX_CHARS}"
                    ));
                }
                Ok(text)
            })
            .collect::<Result<Vec<_>, _>>()
            .map(FieldValue::List);
    }
    Err("a value that is not null, a boolean, a number, a text or a list of texts".to_owned())
}

pub fn value_to_js(value: &FieldValue) -> JsValue {
    match value {
        FieldValue::Null => JsValue::NULL,
        FieldValue::Bool(b) => JsValue::from_bool(*b),
        FieldValue::Int(n) => JsValue::from_f64(*n as f64),
        FieldValue::Text(t) => JsValue::from_str(t),
        FieldValue::List(items) => items
            .iter()
            .map(|i| JsValue::from_str(i))
            .collect::<js_sys::Array>()
            .into(),
    }
}

pub fn op_to_wire(op: &Op) -> OpV1 {
    OpV1 {
        id: op.id.to_string(),
        actor: op.actor.to_string(),
        device: op.device.to_string(),
        hlc: op.hlc.encode(),
        entity: op.entity.clone(),
        record: op.record.to_string(),
        field: op.field.clone(),
        value: value_to_js(&op.value),
        supersedes: op.supersedes.iter().map(ToString::to_string).collect(),
    }
}

/// Checks an op from outside (the host, or storage) and turns it into a domain op.
pub fn op_from_wire<V: WireValue>(wire: &OpV1<V>) -> Result<Op, String> {
    let at = |what: &str, e: &dyn std::fmt::Display| format!("op {:?} {what}: {e}", wire.id);
    let parse = |what: &str, text: &str| RecordId::parse(text).map_err(|e| at(what, &e));
    let op = Op {
        id: parse("id", &wire.id)?,
        actor: parse("actor", &wire.actor)?,
        device: parse("device", &wire.device)?,
        hlc: Hlc::decode(&wire.hlc).map_err(|e| at("hlc", &e))?,
        entity: wire.entity.clone(),
        record: parse("record", &wire.record)?,
        field: wire.field.clone(),
        value: value_from_wire(&wire.value).map_err(|e| at("value", &e))?,
        supersedes: wire
            .supersedes
            .iter()
            .map(|s| parse("supersedes", s))
            .collect::<Result<_, _>>()?,
    };
    validate(&op)?;
    Ok(op)
}

/// Checks a page of ops. A page whose envelope is wrong (version, cursor, shape) is refused
/// whole: the cursor does not move and nothing of it is stored. An op this widget cannot
/// read (a newer host's value kind, an op stored before a host checked it) is held as
/// received rather than refusing the page, which would stop the device's sync at it for
/// good; the rest of the page is read.
pub fn pulled_from_wire<V: WireValue>(reply: PullReplyV1<V>) -> Result<Pulled<V>, HostError> {
    check_version("pull reply", reply.version)?;
    let cursor_chars = reply.cursor.chars().count();
    if cursor_chars > CURSOR_MAX_CHARS {
        return Err(malformed(format!(
            "pull reply cursor has {cursor_chars} characters; at most {CURSOR_MAX_CHARS}"
        )));
    }
    let epoch = match reply.epoch {
        None => None,
        Some(n) => Some(u32::try_from(n).map_err(|_| {
            malformed(format!(
                "pull reply epoch {n} is not a whole number from 0 to {}",
                u32::MAX
            ))
        })?),
    };
    let mut ops = Vec::new();
    let mut held = Vec::new();
    for (n, op) in reply.ops.into_iter().enumerate() {
        let what = format!("pull reply ops[{n}]");
        match OpV1::from_wire(&op, &what).and_then(|wire| op_from_wire(&wire)) {
            Ok(read) => ops.push(read),
            Err(e) if e.starts_with(&what) => held.push(Unread { op, reason: e }),
            Err(e) => held.push(Unread {
                op,
                reason: format!("{what}: {e}"),
            }),
        }
    }
    Ok(Pulled {
        ops,
        held,
        cursor: reply.cursor,
        more: reply.more,
        epoch,
    })
}

/// An op held from a pull page, read again (`op` as [`Pulled::held`] kept it): the op, once
/// this version of the widget reads it.
pub fn held_from_wire<V: WireValue>(op: &V) -> Result<Op, String> {
    OpV1::from_wire(op, "held op").and_then(|wire| op_from_wire(&wire))
}

/// Everything the host sends is read by one of these: the status and the parsed body of a
/// reply to `GET /v1/session`, `GET /v1/directory`, `POST /v1/ops` and `GET /v1/ops`.
/// A status other than 200 is read as an adapter error.
pub fn read_session<V: WireValue>(status: u16, body: &V) -> Result<Person, HostError> {
    if status != 200 {
        return Err(error_from_wire(status, ErrorV1::from_wire(body)));
    }
    person_from_wire(SessionV1::from_wire(body).map_err(HostError::Malformed)?)
}

pub fn read_directory<V: WireValue>(status: u16, body: &V) -> Result<DirectorySnapshot, HostError> {
    if status != 200 {
        return Err(error_from_wire(status, ErrorV1::from_wire(body)));
    }
    directory_from_wire(DirectoryV1::from_wire(body).map_err(HostError::Malformed)?)
}

pub fn read_push_reply<V: WireValue>(status: u16, body: &V) -> Result<Pushed, HostError> {
    if status != 200 {
        return Err(error_from_wire(status, ErrorV1::from_wire(body)));
    }
    pushed_from_wire(PushReplyV1::from_wire(body).map_err(HostError::Malformed)?)
}

pub fn read_pull_reply<V: WireValue>(status: u16, body: &V) -> Result<Pulled<V>, HostError> {
    if status != 200 {
        return Err(error_from_wire(status, ErrorV1::from_wire(body)));
    }
    pulled_from_wire(PullReplyV1::from_wire(body).map_err(HostError::Malformed)?)
}

/// The most mentors a preferences reply may list (docs/schema/preferences-met.schema.json).
pub const MET_MAX_MENTORS: usize = 10_000;

/// Which mentors meet the signed-in person's own matching preferences
/// (`GET {endpoint}/v1/preferences/met`): each mentor once, each with one to three known
/// keys, none twice; and the preferences the host holds (optional `held`: each a known key,
/// none twice, none a mentor meets, until a whole number of milliseconds). A reply that
/// breaks any of it is refused whole, and nothing of it used.
pub fn read_preferences_met<V: WireValue>(
    status: u16,
    body: &V,
) -> Result<PreferencesMet, HostError> {
    if status != 200 {
        return Err(error_from_wire(status, ErrorV1::from_wire(body)));
    }
    let reply = JsObject::new(body, "preferences reply").map_err(HostError::Malformed)?;
    check_version(
        "preferences reply",
        reply.int("version").map_err(HostError::Malformed)?,
    )?;
    if reply.get("mentors").is_nothing() {
        return Err(malformed("preferences reply has no \"mentors\" list"));
    }
    let items = reply.items("mentors").map_err(HostError::Malformed)?;
    if items.len() > MET_MAX_MENTORS {
        return Err(malformed(format!(
            "preferences reply lists {} mentors; at most {MET_MAX_MENTORS}",
            items.len()
        )));
    }
    let mut mentors: Vec<Met> = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let what = reply.at("mentors", n);
        let entry = JsObject::new(item, &what).map_err(HostError::Malformed)?;
        let mentor = wire_id(
            &format!("{what} id"),
            &entry.text("id").map_err(HostError::Malformed)?,
        )?;
        if mentors.iter().any(|m| m.mentor == mentor) {
            return Err(malformed(format!(
                "{what}: mentor {mentor} is listed twice"
            )));
        }
        let keys = entry.texts("met").map_err(HostError::Malformed)?;
        if keys.is_empty() {
            return Err(malformed(format!(
                "{what} field \"met\" should name at least one attribute"
            )));
        }
        let mut attributes = Vec::new();
        for key in keys {
            let attribute = Attribute::parse(&key).map_err(|_| {
                malformed(format!(
                    "{what} field \"met\": {key:?} is not gender, ethnicity or background"
                ))
            })?;
            if attributes.contains(&attribute) {
                return Err(malformed(format!("{what} field \"met\": {key:?} twice")));
            }
            attributes.push(attribute);
        }
        mentors.push(Met { mentor, attributes });
    }
    let mut held: Vec<Held> = Vec::new();
    for (n, item) in (reply.items("held").map_err(HostError::Malformed)?)
        .iter()
        .enumerate()
    {
        let what = reply.at("held", n);
        let entry = JsObject::new(item, &what).map_err(HostError::Malformed)?;
        let key = entry.text("key").map_err(HostError::Malformed)?;
        let attribute = Attribute::parse(&key).map_err(|_| {
            malformed(format!(
                "{what} field \"key\": {key:?} is not gender, ethnicity or background"
            ))
        })?;
        if held.iter().any(|h| h.attribute == attribute) {
            return Err(malformed(format!("{what}: {key:?} is held twice")));
        }
        if let Some(m) = mentors.iter().find(|m| m.attributes.contains(&attribute)) {
            return Err(malformed(format!(
                "{what}: {key:?} is held, yet mentor {} meets it",
                m.mentor
            )));
        }
        let until = Millis(entry.int("until").map_err(HostError::Malformed)?);
        held.push(Held { attribute, until });
    }
    Ok(PreferencesMet { mentors, held })
}

/// A programme's figures as the host computed them for its admins
/// (`GET {endpoint}/v1/programmes/{id}/dashboard`, docs/programme-admin.md). Only the host
/// holds every record, so only it computes them; the admin's device never receives a
/// session, a rating or a self-assessment it may not read.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeFigures {
    /// The day the figures are of; months are `YYYY-MM` on the wire, each read back as a
    /// [`Month`] so a screen writes it in the reader's language.
    pub as_of: Date,
    /// Mentees, mentors, invited.
    pub people: Vec<Figure<u32>>,
    /// By lifecycle: proposed, active, paused, completed, ended early.
    pub relationships: Vec<Figure<u32>>,
    /// A month, its goals by status (on track, at risk, achieved, dropped), changed since.
    pub goals_by_status: Vec<(Month, Vec<Figure<u32>>, Figure<u32>)>,
    pub sessions_per_month: Vec<(Month, Figure<u32>)>,
    /// A rating scale and how many ratings gave 1 to 5.
    pub ratings: Vec<(String, Vec<Figure<u32>>)>,
    /// Kirkpatrick means, in hundredths: reaction, learning at start, learning at end,
    /// behaviour seen by managers, by peers.
    pub kirkpatrick: Vec<Figure<u32>>,
    pub results: Figure<Vec<(String, String)>>,
    pub health: Vec<PairHealth>,
}

/// One relationship's health signals and the actions offered, from the host.
#[derive(Clone, Debug, PartialEq)]
pub struct PairHealth {
    pub relationship: RecordId,
    /// The pair (mentor, mentee) as the host names it, so a device that has not synced every
    /// relationship of a large programme can still name it; `None` from a host that does not.
    pub pair: Option<(RecordId, RecordId)>,
    /// Signal keys (`health::Signal::key`).
    pub signals: Vec<String>,
    /// `nudge`, `extend`, `endearly`, `rematch`.
    pub actions: Vec<String>,
    pub sessions: i64,
    pub last_session: Option<Date>,
    /// The day of the pair's next session planned; `None` from a host that does not say it.
    pub next_session: Option<Date>,
    /// The day its quiet time counts from besides its start: the pair now's last session, or
    /// its re-pairing (`health::RelationshipHealth::last_met`); a host that does not say it:
    /// `last_session`.
    pub last_met: Option<Date>,
    pub goals: i64,
}

/// The most items any list of a dashboard reply may hold.
const FIGURES_MAX_ITEMS: usize = 10_000;

/// A count, or the small-group rule's text, or null for nothing recorded.
fn count_from_wire(value: &JsValue, what: &str) -> Result<Figure<u32>, String> {
    if value.is_null() || value.is_undefined() {
        return Ok(Figure::Absent);
    }
    if value.as_string().as_deref() == Some(HIDDEN_TEXT) {
        return Ok(Figure::Hidden);
    }
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=1e9).contains(&n) => Ok(Figure::Shown(n as u32)),
        _ => Err(format!("{what} should be a count, {HIDDEN_TEXT:?} or null")),
    }
}

/// A mean written "4.12", in hundredths.
fn hundredths_from_wire(text: &str, what: &str) -> Result<u32, String> {
    let bad = || format!("{what} should be a mean such as \"4.12\"");
    let (whole, part) = text.split_once('.').ok_or_else(bad)?;
    if whole.len() > 2
        || part.len() != 2
        || !(whole.bytes().chain(part.bytes())).all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    Ok(whole.parse::<u32>().map_err(|_| bad())? * 100 + part.parse::<u32>().map_err(|_| bad())?)
}

/// A mean `{mean, count}`, the small-group text, or null.
fn mean_from_wire(value: &JsValue, field: &str, what: &str) -> Result<Figure<u32>, String> {
    match count_from_wire(value, what) {
        Ok(Figure::Shown(_)) => Err(format!("{what} should be a mean")),
        Ok(other) => Ok(other),
        Err(_) => {
            let mean = JsObject::new(value, what)?;
            Ok(Figure::Shown(hundredths_from_wire(
                &mean.text(field)?,
                what,
            )?))
        }
    }
}

fn counts_from_wire(items: Vec<JsValue>, what: &str) -> Result<Vec<Figure<u32>>, String> {
    items.iter().map(|v| count_from_wire(v, what)).collect()
}

fn bounded(items: Vec<JsValue>, what: &str) -> Result<Vec<JsValue>, String> {
    if items.len() > FIGURES_MAX_ITEMS {
        return Err(format!("{what} has over {FIGURES_MAX_ITEMS} items"));
    }
    Ok(items)
}

impl ProgrammeFigures {
    /// Reads the whole reply before any of it is shown, every health entry included though
    /// the list shows 50 at a time: one unreadable entry refuses it all (docs/adapter.md).
    pub fn from_js(value: &JsValue) -> Result<ProgrammeFigures, String> {
        let reply = JsObject::new(value, "dashboard")?;
        if reply.int("version")? != i64::from(WIRE_VERSION) {
            return Err(format!("dashboard version {}", reply.int("version")?));
        }
        let (people, k) = (reply.get("people"), reply.get("kirkpatrick"));
        let people = JsObject::new(&people, "people")?;
        let goals_by_status = bounded(reply.items("goalsByStatus")?, "goalsByStatus")?
            .iter()
            .map(|g| {
                let g = JsObject::new(g, "goals of a month")?;
                Ok((
                    Month::parse(&g.text("month")?)?,
                    counts_from_wire(g.items("byStatus")?, "goals by status")?,
                    count_from_wire(&g.get("changedSince"), "goals changed since")?,
                ))
            })
            .collect::<Result<Vec<_>, String>>()?;
        let sessions_per_month = bounded(reply.items("sessionsPerMonth")?, "sessionsPerMonth")?
            .iter()
            .map(|m| {
                let m = JsObject::new(m, "sessions of a month")?;
                Ok((
                    Month::parse(&m.text("month")?)?,
                    count_from_wire(&m.get("sessions"), "sessions")?,
                ))
            })
            .collect::<Result<Vec<_>, String>>()?;
        let ratings = bounded(reply.items("ratings")?, "ratings")?
            .iter()
            .map(|d| {
                let d = JsObject::new(d, "ratings of a scale")?;
                Ok((
                    d.text("scale")?,
                    counts_from_wire(d.items("counts")?, "ratings")?,
                ))
            })
            .collect::<Result<Vec<_>, String>>()?;
        let k = JsObject::new(&k, "kirkpatrick")?;
        let learning = k.get("learning");
        let (start, end) = match count_from_wire(&learning, "learning") {
            Ok(Figure::Shown(_)) => return Err("learning should be an object".into()),
            Ok(other) => (other.clone(), other),
            Err(_) => (
                mean_from_wire(&learning, "start", "learning")?,
                mean_from_wire(&learning, "end", "learning")?,
            ),
        };
        let results = k.items("results")?;
        let results = if k.get("results").is_null() || k.get("results").is_undefined() {
            Figure::Absent
        } else {
            Figure::Shown(
                bounded(results, "results")?
                    .iter()
                    .map(|r| {
                        let r = JsObject::new(r, "result")?;
                        Ok((r.text("label")?, r.text("value")?))
                    })
                    .collect::<Result<Vec<_>, String>>()?,
            )
        };
        let health = bounded(reply.items("health")?, "health")?
            .iter()
            .map(|h| {
                let h = JsObject::new(h, "health")?;
                let signals = h
                    .items("signals")?
                    .iter()
                    .map(|s| JsObject::new(s, "signal")?.text("key"))
                    .collect::<Result<Vec<_>, String>>()?;
                let person = |key: &str| {
                    h.opt_text(key)?
                        .map(|id| RecordId::parse(&id).map_err(|e| format!("health {key}: {e}")))
                        .transpose()
                };
                let date = |key: &str| {
                    h.opt_text(key)?
                        .map(|d| Date::parse(&d).map_err(|e| format!("health {key}: {e}")))
                        .transpose()
                };
                let last_session = date("lastSession")?;
                Ok(PairHealth {
                    relationship: RecordId::parse(&h.text("relationship")?)
                        .map_err(|e| format!("health relationship: {e}"))?,
                    pair: person("mentor")?.zip(person("mentee")?),
                    signals,
                    actions: h.texts("actions")?,
                    sessions: h.int("sessions")?,
                    last_session,
                    next_session: date("nextSession")?,
                    last_met: date("lastMet")?.or(last_session),
                    goals: h.int("goals")?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(ProgrammeFigures {
            as_of: Date::parse(&reply.text("asOf")?).map_err(|e| format!("asOf: {e}"))?,
            people: ["mentees", "mentors", "invited"]
                .iter()
                .map(|key| count_from_wire(&people.get(key), key))
                .collect::<Result<_, _>>()?,
            relationships: counts_from_wire(reply.items("relationships")?, "relationships")?,
            goals_by_status,
            sessions_per_month,
            ratings,
            kirkpatrick: vec![
                mean_from_wire(&k.get("reaction"), "mean", "reaction")?,
                start,
                end,
                mean_from_wire(&k.get("behaviourByManagers"), "mean", "behaviour")?,
                mean_from_wire(&k.get("behaviourByPeers"), "mean", "behaviour")?,
            ],
            results,
            health,
        })
    }
}

/// What a host that offers no programme figures or exports answers.
#[cfg(feature = "admin")]
fn not_offered() -> HostError {
    HostError::Refused {
        code: "not_found".into(),
        message: "this portal offers no programme figures or exports".into(),
    }
}

/// What the widget asks of the host. More calls (ops, directory) join as the adapter grows.
pub trait Host {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>>;
    /// Whom the host page was rendered for (the element's `person` attribute), when it says;
    /// empty for a page rendered for nobody signed in. Offline, the widget opens a remembered
    /// person's data only on that person's page.
    fn page_person(&self) -> Option<String> {
        None
    }
    /// Whom the widget works for once start-up settled it (`confirmed`: the host said so):
    /// a sign-out takes down the widgets working for the person, whatever their page says.
    fn works_for<'a>(&'a self, _person: &'a str, _confirmed: bool) -> LocalFuture<'a, ()> {
        Box::pin(async {})
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>>;
    /// Sends at most 500 ops; the host acknowledges or rejects each.
    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>>;
    /// Ops after `cursor` ("" for the beginning). A page with any bad op is refused whole.
    fn pull<'a>(&'a self, cursor: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>>;
    /// Which mentors meet the signed-in person's own matching preferences, and which keys;
    /// which preferences the host holds, and until when.
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>>;
    /// A programme's figures and relationship health, for its admins (admins' build only,
    /// like every call below: the participants' build never asks).
    #[cfg(feature = "admin")]
    fn programme_figures<'a>(
        &'a self,
        _programme: &'a RecordId,
    ) -> LocalFuture<'a, Result<ProgrammeFigures, HostError>> {
        Box::pin(async { Err(not_offered()) })
    }
    /// A programme's export as the host wrote it: `relationships.csv` or `aggregates.csv`.
    #[cfg(feature = "admin")]
    fn programme_export<'a>(
        &'a self,
        _programme: &'a RecordId,
        _file: &'a str,
    ) -> LocalFuture<'a, Result<String, HostError>> {
        Box::pin(async { Err(not_offered()) })
    }
}

/// The host adapter as js/element.js exposes it: HTTP under the `endpoint` attribute, or the
/// host's own adapter object passed to `mount()`.
pub struct HttpHost {
    env: HostEnv,
}

impl HttpHost {
    pub fn new(env: HostEnv) -> Self {
        HttpHost { env }
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        body: JsValue,
    ) -> Result<(u16, JsValue), HostError> {
        let reply = JsFuture::from(self.env.request(method, path, body))
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

/// `result`, with what the host's team needs to know about a failure (a reply the widget
/// cannot read, the host's own message) written to the browser's console: the person reads
/// `Locale::host_error` instead.
fn reported<T>(result: Result<T, HostError>) -> Result<T, HostError> {
    if let Err(
        error @ (HostError::Malformed(_) | HostError::Refused { .. } | HostError::Unavailable(_)),
    ) = &result
    {
        console_warn(&format!("mentoring widget: {error:?}"));
    }
    result
}

impl Host for HttpHost {
    fn page_person(&self) -> Option<String> {
        self.env.person()
    }

    fn works_for<'a>(&'a self, person: &'a str, confirmed: bool) -> LocalFuture<'a, ()> {
        Box::pin(async move {
            // A failure here shows at the next write, refused with its reason.
            if let Ok(done) = self.env.works_for(person, confirmed) {
                let _ = JsFuture::from(done).await;
            }
        })
    }

    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async move {
            let (status, body) = self.call("GET", "/v1/session", JsValue::UNDEFINED).await?;
            reported(read_session(status, &body))
        })
    }

    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async move {
            let (status, body) = self
                .call("GET", "/v1/directory", JsValue::UNDEFINED)
                .await?;
            reported(read_directory(status, &body))
        })
    }

    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        Box::pin(async move {
            let ops: js_sys::Array = ops.iter().map(OpV1::to_js).collect();
            let body = object(&[
                ("version", JsValue::from_f64(f64::from(WIRE_VERSION))),
                ("ops", ops.into()),
            ]);
            let (status, body) = self.call("POST", "/v1/ops", body).await?;
            let pushed = reported(read_push_reply(status, &body))?;
            for r in &pushed.rejected {
                console_warn(&format!("mentoring widget: the portal rejected {r:?}"));
            }
            Ok(pushed)
        })
    }

    #[cfg(feature = "admin")]
    fn programme_figures<'a>(
        &'a self,
        programme: &'a RecordId,
    ) -> LocalFuture<'a, Result<ProgrammeFigures, HostError>> {
        Box::pin(async move {
            let path = format!("/v1/programmes/{programme}/dashboard");
            let (status, body) = self.call("GET", &path, JsValue::UNDEFINED).await?;
            if status != 200 {
                return reported(Err(error_from_wire(status, ErrorV1::from_wire(&body))));
            }
            reported(ProgrammeFigures::from_js(&body).map_err(HostError::Malformed))
        })
    }

    #[cfg(feature = "admin")]
    fn programme_export<'a>(
        &'a self,
        programme: &'a RecordId,
        file: &'a str,
    ) -> LocalFuture<'a, Result<String, HostError>> {
        Box::pin(async move {
            let path = format!("/v1/programmes/{programme}/export/{file}");
            let (status, body) = self.call("GET", &path, JsValue::UNDEFINED).await?;
            if status != 200 {
                return reported(Err(error_from_wire(status, ErrorV1::from_wire(&body))));
            }
            reported(
                body.as_string()
                    .ok_or_else(|| malformed(format!("{file} is not text"))),
            )
        })
    }

    fn pull<'a>(&'a self, cursor: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        Box::pin(async move {
            let path = format!("/v1/ops?since={}", js_sys::encode_uri_component(cursor));
            let (status, body) = self.call("GET", &path, JsValue::UNDEFINED).await?;
            let page = reported(read_pull_reply(status, &body))?;
            for unread in &page.held {
                console_warn(&format!("mentoring widget: held {}", unread.reason));
            }
            Ok(page)
        })
    }

    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async move {
            let (status, body) = self
                .call("GET", "/v1/preferences/met", JsValue::UNDEFINED)
                .await?;
            reported(read_preferences_met(status, &body))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use crate::edges::js_object::Json;

    // `Json` stands in for the browser's values off the browser.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn an_ops_size_on_the_wire_is_close_to_its_json_and_never_under_it() {
        let op = |value: Json, real: serde_json::Value| {
            let op = OpV1 {
                id: "op-amira-1".into(),
                actor: "amira".into(),
                device: "dev-1".into(),
                hlc: "1795000000000-00001".into(),
                entity: "learning".into(),
                record: "l-1".into(),
                field: "text".into(),
                value,
                supersedes: vec!["op-amira-0".into()],
            };
            let json = serde_json::json!({
                "id": op.id, "actor": op.actor, "device": op.device, "hlc": op.hlc,
                "entity": op.entity, "record": op.record, "field": op.field, "value": real,
                "supersedes": op.supersedes,
            })
            .to_string();
            (op.wire_len(), json.len())
        };
        let arabic = "ع".repeat(2_000);
        let quoted = "say \"no\"\n".repeat(100);
        let list: Vec<String> = (0..50).map(|n| format!("objective {n}")).collect();
        for (estimate, real) in [
            op(Json::Text(arabic.clone()), serde_json::json!(arabic)),
            op(Json::Text(quoted.clone()), serde_json::json!(quoted)),
            op(
                Json::List(list.iter().cloned().map(Json::Text).collect()),
                serde_json::json!(list),
            ),
            op(
                Json::Number(1_795_000_000_000.0),
                serde_json::json!(1_795_000_000_000u64),
            ),
            op(Json::Null, serde_json::Value::Null),
        ] {
            assert!(
                estimate >= real && estimate <= real + 200,
                "{estimate} for {real} bytes"
            );
        }
    }

    // `Json` stands in for the browser's values off the browser.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_long_outbox_goes_in_pushes_of_about_a_mebibyte_each_a_change_whole() {
        // A session's notes rewritten 300 times offline, 4,000 Arabic characters each time
        // (two ops a change: the notes and the session's length), then a goal of three ops:
        // 603 ops, two pushes by count, about 2.4 MB.
        let op = |n: usize, entity: &str, field: &str, value: Json| OpV1 {
            id: format!("op-{n}"),
            actor: "amira".into(),
            device: "dev-1".into(),
            hlc: format!("{:013}-00000", 1_795_000_000_000u64 + (n / 2) as u64),
            entity: entity.into(),
            record: format!("{entity}-1"),
            field: field.into(),
            value,
            supersedes: Vec::new(),
        };
        let mut ops = Vec::new();
        for n in (0..600).step_by(2) {
            ops.push(op(n, "session", "notes", Json::Text("ع".repeat(4_000))));
            ops.push(op(n + 1, "session", "minutes", Json::Number(45.0)));
        }
        ops.extend((2_000..2_003).map(|n| op(n, "goal", "title", Json::Text("Board".into()))));
        let order: Vec<(String, String)> =
            ops.iter().map(|o| (o.id.clone(), o.hlc.clone())).collect();
        let pushes = push_batches(ops);
        assert!(pushes.len() >= 3, "{} pushes", pushes.len());
        for push in &pushes {
            let bytes: usize = push.iter().map(|op| op.wire_len()).sum();
            assert!(
                push.len() <= PUSH_MAX_OPS && bytes <= PUSH_TARGET_BYTES,
                "{bytes}"
            );
            let first = &push[0].hlc;
            assert!(
                order
                    .iter()
                    .find(|(_, hlc)| hlc == first)
                    .is_some_and(|(id, _)| *id == push[0].id),
                "a push starts where a change starts"
            );
        }
        let sent: Vec<String> = pushes.into_iter().flatten().map(|op| op.id).collect();
        let all: Vec<String> = order.into_iter().map(|(id, _)| id).collect();
        assert_eq!(sent, all, "every op once, in order");
    }

    // `Json` stands in for the browser's values off the browser.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn changes_made_after_a_clock_ahead_was_seen_are_still_pushed_whole_and_apart() {
        // Three changes of 300 ops each to one record, made a second apart on this device after
        // it saw a remote clock a day ahead: their clocks share that day-ahead wall part, and
        // only their ids tell the changes apart.
        let ahead = 1_795_086_400_000u64;
        let op = |change: u64, n: usize| OpV1 {
            id: RecordId::mint(
                "op",
                Millis(1_795_000_000_000 + 1_000 * change as i64),
                n as u64,
            )
            .to_string(),
            actor: "amira".into(),
            device: "dev-1".into(),
            hlc: format!("{ahead:013}-{:05}", change as usize * 300 + n),
            entity: "goal".into(),
            record: "goal-1".into(),
            field: format!("milestone-{n}"),
            value: Json::Text("step".into()),
            supersedes: Vec::new(),
        };
        let ops: Vec<OpV1<Json>> = (0..3)
            .flat_map(|change| (0..300).map(move |n| op(change, n)))
            .collect();
        let sizes: Vec<usize> = push_batches(ops).iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![300, 300, 300]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_push_too_large_is_cut_in_halves_between_changes_down_to_one_change() {
        let op = |record: usize, n: usize| OpV1 {
            id: RecordId::mint("op", Millis(1_795_000_000_000 + record as i64), n as u64)
                .to_string(),
            actor: "amira".into(),
            device: "dev-1".into(),
            hlc: format!("1795000000000-{:05}", record * 10 + n),
            entity: "goal".into(),
            record: format!("goal-{record}"),
            field: format!("f{n}"),
            value: Json::Null,
            supersedes: Vec::new(),
        };
        // Three records of 2, 2 and 3 ops: 7 ops, halves of at most 3, records whole.
        let batch: Vec<OpV1<Json>> = [(0, 2), (1, 2), (2, 3)]
            .into_iter()
            .flat_map(|(record, count)| (0..count).map(move |n| op(record, n)))
            .collect();
        let records =
            |push: &Vec<OpV1<Json>>| push.iter().map(|o| o.record.clone()).collect::<Vec<_>>();
        let ids: Vec<String> = batch.iter().map(|o| o.id.clone()).collect();
        let halves_of = halves(batch).unwrap();
        assert_eq!(
            halves_of.iter().map(records).collect::<Vec<_>>(),
            vec![
                vec!["goal-0".to_owned(), "goal-0".into()],
                vec![
                    "goal-1".to_owned(),
                    "goal-1".into(),
                    "goal-2".into(),
                    "goal-2".into(),
                    "goal-2".into()
                ],
            ],
            "cut where a change ends, nearest the middle (the first of two as near)"
        );
        let sent: Vec<String> = halves_of.into_iter().flatten().map(|o| o.id).collect();
        assert_eq!(sent, ids);
        // Halving again and again ends with pushes of one change each, never half of one.
        let mut pushes = vec![[(0, 2), (1, 2), (2, 3)]
            .into_iter()
            .flat_map(|(record, count)| (0..count).map(move |n| op(record, n)))
            .collect::<Vec<OpV1<Json>>>()];
        let mut whole = Vec::new();
        while let Some(push) = pushes.pop() {
            match halves(push) {
                Ok(parts) => pushes.extend(parts),
                Err(one_change) => whole.push(one_change),
            }
        }
        let mut sizes: Vec<usize> = whole.iter().map(Vec::len).collect();
        sizes.sort_unstable();
        assert_eq!(sizes, [2, 2, 3]);
        assert!(whole
            .iter()
            .all(|push| push.iter().all(|o| o.record == push[0].record)));
    }

    #[test]
    fn a_body_too_large_is_said_as_too_large_with_or_without_the_adapter_error() {
        assert!(error_from_wire(413, None).too_large());
        let reply = ErrorV1 {
            version: 1,
            error: ErrorBodyV1 {
                code: "payload".into(),
                message: "too big".into(),
            },
        };
        assert!(error_from_wire(413, Some(reply)).too_large());
        assert!(!error_from_wire(400, None).too_large());
    }

    fn session(version: i64, id: &str, name: &str) -> SessionV1 {
        SessionV1 {
            version,
            person: PersonV1 {
                id: id.into(),
                name: name.into(),
            },
        }
    }

    #[test]
    fn a_push_reply_must_answer_each_op_sent_and_no_other() {
        let sent = |id: &str| OpV1 {
            id: id.into(),
            actor: "amira".into(),
            device: "dev-1".into(),
            hlc: "1795000000000-00001".into(),
            entity: "goal".into(),
            record: "goal-1".into(),
            field: "title".into(),
            value: (),
            supersedes: Vec::new(),
        };
        let batch = [sent("op-1"), sent("op-2")];
        let id = |text: &str| RecordId::parse(text).unwrap();
        let reply = |acknowledged: &[&str], rejected: &[&str]| Pushed {
            acknowledged: acknowledged.iter().map(|a| id(a)).collect(),
            rejected: rejected
                .iter()
                .map(|r| Rejected {
                    id: id(r),
                    code: "forbidden".into(),
                    message: String::new(),
                })
                .collect(),
        };
        assert_eq!(check_answers(&batch, &reply(&["op-1"], &["op-2"])), Ok(()));
        assert_eq!(
            check_answers(&batch, &reply(&["op-2", "op-1", "op-1"], &[])),
            Ok(())
        );
        let cases = [
            (
                reply(&["op-1", "op-2", "op-9"], &[]),
                "op op-9, which was not sent",
            ),
            (
                reply(&["op-1"], &["op-2", "op-9"]),
                "op op-9, which was not sent",
            ),
            (
                reply(&["op-1"], &[]),
                "neither acknowledges nor rejects op op-2",
            ),
            // What a 200 carrying an error object decodes to.
            (
                Pushed::default(),
                "neither acknowledges nor rejects op op-1",
            ),
        ];
        for (pushed, reason) in cases {
            match check_answers(&batch, &pushed) {
                Err(HostError::Malformed(detail)) => assert!(detail.contains(reason), "{detail}"),
                other => panic!("{pushed:?} gave {other:?}"),
            }
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

    fn directory_person(id: &str) -> DirectoryPersonV1 {
        DirectoryPersonV1 {
            id: id.into(),
            name: format!("{id} name"),
            job_title: "Sales Executive".into(),
            grade: 4,
            department: "Sales".into(),
            manager_id: Some("khalid".into()),
            location: "Dubai".into(),
            time_zone: "Asia/Dubai".into(),
            languages: vec!["en".into(), "ar".into()],
            skills_offered: vec![],
            skills_wanted: vec!["presenting".into()],
            coach_credential: Some(CredentialV1 {
                level: "certified".into(),
                expires: "2027-09-30".into(),
            }),
            willing_to_mentor: false,
        }
    }

    fn programme(kind: &str) -> ProgrammeV1 {
        ProgrammeV1 {
            id: "coaching-2026".into(),
            kind: kind.into(),
            name: "Coaching".into(),
            starts: "2026-09-01".into(),
            ends: None,
            default_length_days: None,
            objectives: vec![ObjectiveV1 {
                id: "obj-1".into(),
                text: "Grow".into(),
            }],
            admins: vec!["hr-admin".into()],
            health: None,
            no_place_left: vec!["sofia".into()],
        }
    }

    #[test]
    fn a_directory_reply_becomes_people_and_programmes() {
        let reply = DirectoryV1 {
            version: 1,
            people: vec![directory_person("amira")],
            programmes: vec![programme("coaching")],
            taking_part: None,
            full_mentors: Vec::new(),
        };
        let snapshot = directory_from_wire(reply).unwrap();
        let amira = &snapshot.people[0];
        assert_eq!(amira.manager.as_ref().unwrap().as_str(), "khalid");
        assert_eq!(amira.grade, Grade(4));
        assert_eq!(
            amira.coach_credential.as_ref().unwrap().expires.to_string(),
            "2027-09-30"
        );
        let coaching = &snapshot.programmes[0];
        assert_eq!(coaching.kind, ProgrammeKind::Coaching);
        assert_eq!(coaching.default_length_days, 84);
        assert_eq!(coaching.objectives[0].id.as_str(), "obj-1");
        assert!(coaching.is_admin(&RecordId::parse("hr-admin").unwrap()));
        let id = |text: &str| RecordId::parse(text).unwrap();
        assert_eq!(snapshot.no_place, [(id("coaching-2026"), id("sofia"))]);
    }

    #[test]
    fn one_bad_directory_entry_refuses_the_whole_reply_with_where_it_is() {
        type Breakage = Box<dyn Fn(&mut DirectoryV1)>;
        let cases: Vec<(Breakage, &str)> = vec![
            (Box::new(|d| d.version = 3), "version 3"),
            (Box::new(|d| d.people[0].grade = 99), "grade"),
            (
                Box::new(|d| d.people[0].manager_id = Some("a b".into())),
                "person amira manager",
            ),
            (
                Box::new(|d| {
                    d.people[0].coach_credential.as_mut().unwrap().expires = "soon".into()
                }),
                "credential expiry",
            ),
            (
                Box::new(|d| d.people[0].languages = vec!["en".into(); 51]),
                "languages",
            ),
            (Box::new(|d| d.people[0].name = " ".into()), "name"),
            (
                Box::new(|d| d.programmes[0].kind = "book club".into()),
                "unknown kind",
            ),
            (
                Box::new(|d| d.programmes[0].starts = "2026-02-30".into()),
                "start",
            ),
            (
                Box::new(|d| d.programmes[0].no_place_left = vec!["a b".into()]),
                "noPlaceLeft",
            ),
        ];
        for (break_it, reason) in cases {
            let mut reply = DirectoryV1 {
                version: 1,
                people: vec![directory_person("amira")],
                programmes: vec![programme("coaching")],
                taking_part: None,
                full_mentors: Vec::new(),
            };
            break_it(&mut reply);
            match directory_from_wire(reply) {
                Err(HostError::Malformed(detail)) => assert!(
                    detail.contains(reason),
                    "{detail:?} should mention {reason:?}"
                ),
                other => panic!("expected Malformed for {reason}, got {other:?}"),
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
        // What a gateway sends in front of a portal that is down: it passes.
        for status in [500, 502, 503, 504] {
            let error = error_from_wire(status, None);
            assert!(
                matches!(&error, HostError::Unavailable(d) if d.contains(&status.to_string())),
                "{status}: {error:?}"
            );
            assert!(error.passes(), "{status}");
        }
        assert!(matches!(
            error_from_wire(503, Some(error("maintenance"))),
            HostError::Unavailable(d) if d.contains("maintenance")
        ));
        // The portal's own error object on a 500 is its answer, in words of its own.
        assert!(matches!(
            error_from_wire(500, Some(error("storage_failed"))),
            HostError::Refused { code, .. } if code == "storage_failed"
        ));
        // Anything but a 5xx without the error object breaks the contract.
        let broken = error_from_wire(404, None);
        assert!(matches!(&broken, HostError::Malformed(d) if d.contains("404")));
        assert!(!broken.passes());
    }
}
