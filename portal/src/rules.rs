//! The portal's directory and programmes as the core's types, for the record rules that need
//! them (a coach's credential, seniority, reporting lines, a programme's objectives).

use mentoring_core::person::{Credential, CredentialLevel};
use mentoring_core::{
    Date, Directory, Grade, Objective, Person, Programme, ProgrammeKind, RecordId,
};

use crate::db::{DirectoryPerson, DirectoryProgramme};
use crate::Db;

/// What the rules of records need from the portal's directory, and the day they are judged
/// on (who may coach depends on it).
pub struct RulesContext {
    pub directory: Directory,
    pub programmes: Vec<Programme>,
    pub today: Date,
}

impl RulesContext {
    pub fn load(db: &Db, today: Date) -> rusqlite::Result<RulesContext> {
        Ok(RulesContext {
            directory: directory(&db.people()?),
            programmes: db.programmes()?.iter().filter_map(programme).collect(),
            today,
        })
    }
}

/// The HR directory's people as the core's `Directory`.
pub fn directory(people: &[DirectoryPerson]) -> Directory {
    Directory::new(people.iter().filter_map(person))
}

/// A directory entry as the core's `Person`; one whose id is not a record id is left out
/// (nobody can be paired with them).
pub fn person(p: &DirectoryPerson) -> Option<Person> {
    let credential = p.credential.as_ref().and_then(|(level, expires)| {
        Some(Credential {
            level: match level.as_str() {
                "certified" => CredentialLevel::Certified,
                _ => CredentialLevel::Trained,
            },
            // An expiry the portal cannot read is no valid credential.
            expires: Date::parse(expires).ok()?,
        })
    });
    Some(Person {
        job_title: p.job_title.clone(),
        grade: Grade(p.grade),
        department: p.department.clone(),
        manager: p.manager.as_deref().and_then(|m| RecordId::parse(m).ok()),
        location: p.location.clone(),
        time_zone: p.time_zone.clone(),
        coach_credential: credential,
        willing_to_mentor: p.willing_to_mentor,
        // Matching's shared-language rule: who Find a mentor could offer someone.
        languages: p.languages.clone(),
        ..Person::new(RecordId::parse(&p.id).ok()?, p.name.clone())
    })
}

/// A programme as the core's `Programme`; one the core cannot read is left out, so records
/// in it are refused as belonging to an unknown programme.
pub fn programme(p: &DirectoryProgramme) -> Option<Programme> {
    let kind = match p.kind.as_str() {
        "coaching" => ProgrammeKind::Coaching,
        "mentoring" => ProgrammeKind::Mentoring,
        _ => return None,
    };
    let mut programme = Programme::new(
        RecordId::parse(&p.id).ok()?,
        kind,
        p.name.clone(),
        Date::parse(&p.starts).ok()?,
    );
    // The HR directory says no matching mode: its mentees ask a mentor themselves.
    programme.matching = mentoring_core::MatchingMode::MenteeChooses;
    programme.ends = Date::parse(&p.ends).ok();
    programme.default_length_days = p.default_length_days;
    programme.objectives = p
        .objectives
        .iter()
        .filter_map(|(id, text)| {
            Some(Objective {
                id: RecordId::parse(id).ok()?,
                text: text.clone(),
            })
        })
        .collect();
    programme.admins = p
        .admins
        .iter()
        .filter_map(|a| RecordId::parse(a).ok())
        .collect();
    Some(programme)
}
