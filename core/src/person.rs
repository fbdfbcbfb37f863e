//! People, as the host's directory describes them, and the reporting lines between them.

use crate::{Date, RecordId};

/// The longest display name accepted from a host.
pub const NAME_MAX_CHARS: usize = 200;

/// Seniority level: a higher number is more senior.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Grade(pub u8);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialLevel {
    Trained,
    Certified,
}

/// A coaching credential. Coaching "should be delivered by people who are trained to do so".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credential {
    pub level: CredentialLevel,
    pub expires: Date,
}

impl Credential {
    pub fn valid_on(&self, date: Date) -> bool {
        date <= self.expires
    }
}

/// Matching preferences a person stated for themselves (gender, ethnicity, background…).
///
/// Opt-in only: stated by the person, never inferred, used only for matching preferences the
/// person asked for, and never shown to anyone else. Nothing outside matching reads this.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OptInPreferences {
    /// Attributes the person chose to share for matching, e.g. ("gender", "woman").
    pub shared_attributes: Vec<(String, String)>,
    /// Attributes the person would like their mentor to share with them, e.g. "gender".
    pub prefers_shared: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: RecordId,
    pub name: String,
    pub job_title: String,
    pub grade: Grade,
    pub department: String,
    /// The person's line manager: the next step up their reporting line.
    pub manager: Option<RecordId>,
    pub location: String,
    /// IANA time zone, e.g. "Europe/London" or "Asia/Dubai".
    pub time_zone: String,
    pub languages: Vec<String>,
    pub skills_offered: Vec<String>,
    pub skills_wanted: Vec<String>,
    pub coach_credential: Option<Credential>,
    pub willing_to_mentor: bool,
    pub preferences: OptInPreferences,
}

impl Person {
    /// A person known only by id and name (what a session reply carries).
    pub fn new(id: RecordId, name: impl Into<String>) -> Person {
        Person {
            id,
            name: name.into(),
            job_title: String::new(),
            grade: Grade::default(),
            department: String::new(),
            manager: None,
            location: String::new(),
            time_zone: String::new(),
            languages: Vec::new(),
            skills_offered: Vec::new(),
            skills_wanted: Vec::new(),
            coach_credential: None,
            willing_to_mentor: false,
            preferences: OptInPreferences::default(),
        }
    }
}

/// The people the host's directory lists, by id: sorted by id and searched by halves (built
/// once, read often), since a `BTreeMap` of its own compiled a whole B-tree into the widget.
#[derive(Clone, Debug, Default)]
pub struct Directory {
    people: Vec<Person>,
}

/// Reporting lines deeper than this are treated as broken data, not followed further.
const MAX_CHAIN: usize = 64;

impl Directory {
    pub fn new(people: impl IntoIterator<Item = Person>) -> Directory {
        Directory::of(people.into_iter().collect())
    }

    /// A later entry for an id replaces an earlier one (the sort is stable, so it is the
    /// last of its id).
    fn of(mut people: Vec<Person>) -> Directory {
        crate::order::sort_by(&mut people, |a, b| a.id.cmp(&b.id));
        people.dedup_by(|later, kept| {
            let same = later.id == kept.id;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        Directory { people }
    }

    pub fn get(&self, id: &RecordId) -> Option<&Person> {
        let at = self.people.binary_search_by(|p| p.id.cmp(id)).ok()?;
        Some(&self.people[at])
    }

    /// The name to say `id` by in a message: the person's, or the id when they are not in
    /// the directory.
    pub fn name_of(&self, id: &RecordId) -> String {
        self.get(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    pub fn people(&self) -> impl Iterator<Item = &Person> {
        self.people.iter()
    }

    /// The person's managers, nearest first. Stops at a cycle or an unknown manager, since a
    /// host's HR data can contain either.
    pub fn managers_of(&self, id: &RecordId) -> Vec<RecordId> {
        let mut chain: Vec<RecordId> = Vec::new();
        let mut current = self.get(id).and_then(|p| p.manager.clone());
        while let Some(manager) = current {
            if &manager == id || chain.contains(&manager) || chain.len() >= MAX_CHAIN {
                break;
            }
            current = self.get(&manager).and_then(|p| p.manager.clone());
            chain.push(manager);
        }
        chain
    }

    /// Whether one of the two manages the other, directly or further up the line.
    pub fn in_reporting_line(&self, a: &RecordId, b: &RecordId) -> bool {
        self.managers_of(a).contains(b) || self.managers_of(b).contains(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn reporting_to(person: &str, manager: Option<&str>) -> Person {
        Person {
            manager: manager.map(id),
            ..Person::new(id(person), person)
        }
    }

    #[test]
    fn reporting_lines_are_followed_in_both_directions() {
        let directory = Directory::new([
            reporting_to("ceo", None),
            reporting_to("director", Some("ceo")),
            reporting_to("manager", Some("director")),
            reporting_to("amira", Some("manager")),
            reporting_to("james", Some("ceo")),
        ]);
        assert_eq!(
            directory.managers_of(&id("amira")),
            [id("manager"), id("director"), id("ceo")]
        );
        assert!(directory.in_reporting_line(&id("amira"), &id("director")));
        assert!(directory.in_reporting_line(&id("director"), &id("amira")));
        assert!(!directory.in_reporting_line(&id("amira"), &id("james")));
    }

    #[test]
    fn the_directory_lists_people_by_id_and_a_later_entry_of_an_id_wins() {
        let directory = Directory::new([
            reporting_to("sofia", None),
            reporting_to("amira", Some("sofia")),
            reporting_to("james", None),
            reporting_to("amira", Some("james")),
        ]);
        let ids: Vec<&RecordId> = directory.people().map(|p| &p.id).collect();
        assert_eq!(ids, [&id("amira"), &id("james"), &id("sofia")]);
        assert_eq!(directory.managers_of(&id("amira")), [id("james")]);
        assert!(directory.get(&id("nobody")).is_none());
    }

    #[test]
    fn cycles_and_unknown_managers_in_host_data_end_the_chain() {
        let directory = Directory::new([
            reporting_to("a", Some("b")),
            reporting_to("b", Some("a")),
            reporting_to("c", Some("ghost")),
        ]);
        assert_eq!(directory.managers_of(&id("a")), [id("b")]);
        assert_eq!(directory.managers_of(&id("c")), [id("ghost")]);
        assert!(directory.managers_of(&id("nobody")).is_empty());
    }

    #[test]
    fn a_credential_is_valid_up_to_and_including_its_expiry() {
        let credential = Credential {
            level: CredentialLevel::Certified,
            expires: Date(100),
        };
        assert!(credential.valid_on(Date(100)));
        assert!(!credential.valid_on(Date(101)));
    }
}
