//! A person's own matching preferences: the attributes they chose to share for matching
//! (gender, ethnicity, background) and which of them they would like a mentor to share.
//!
//! Opt-in only: stated by the person, never inferred, used only for a matching preference the
//! person asked for, and never shown to anyone else, admins included
//! (`permissions::access`, `Record::MatchingPreferences`). The record's id is its owner's, so
//! each person has one, whichever device wrote it first.

use crate::person::{OptInPreferences, Person};
use crate::rules::{text_within, Refusal, Rule};
use crate::RecordId;

/// The longest value a person may give for an attribute.
pub const PREFERENCE_VALUE_MAX_CHARS: usize = 60;

/// The attributes a person may share for matching: a small fixed set, so that nothing else
/// about a person can be asked for through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Attribute {
    Gender,
    Ethnicity,
    Background,
}

impl Attribute {
    pub const ALL: [Attribute; 3] = [
        Attribute::Gender,
        Attribute::Ethnicity,
        Attribute::Background,
    ];

    /// Its place in [`Attribute::ALL`], in the order the fields are shown and written.
    fn index(self) -> usize {
        self as usize
    }

    /// The attribute's key in storage, on the wire and in matching.
    pub fn key(self) -> &'static str {
        match self {
            Attribute::Gender => "gender",
            Attribute::Ethnicity => "ethnicity",
            Attribute::Background => "background",
        }
    }

    /// The attribute named `key`, or the refusal that says which keys there are.
    pub fn parse(key: &str) -> Result<Attribute, Refusal> {
        Attribute::ALL
            .into_iter()
            .find(|a| a.key() == key)
            .ok_or_else(|| {
                refusal!(
                    Rule::PreferenceAttribute,
                    "{key:?} is not an attribute for matching; use gender, ethnicity or background."
                )
            })
    }
}

/// A value as matching compares it: trimmed, inner spaces collapsed to one, lower case, so
/// "Woman", " woman " and "WOMAN" are the same answer.
pub fn normalise(value: &str) -> String {
    value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What a person typed for each attribute they share. Three fixed slots rather than a map:
/// the set of attributes is closed, and a map's generic code weighed more in the widget than
/// the whole form that fills it (docs/performance.md).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SharedValues([Option<String>; 3]);

impl SharedValues {
    pub fn get(&self, attribute: Attribute) -> Option<&str> {
        self.0[attribute.index()].as_deref()
    }

    pub fn contains(&self, attribute: Attribute) -> bool {
        self.0[attribute.index()].is_some()
    }

    pub fn insert(&mut self, attribute: Attribute, value: String) {
        self.0[attribute.index()] = Some(value);
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }

    /// The attributes shared, in [`Attribute::ALL`]'s order, with their values.
    pub fn iter(&self) -> impl Iterator<Item = (Attribute, &str)> {
        (Attribute::ALL.into_iter()).filter_map(|a| Some((a, self.get(a)?)))
    }
}

impl FromIterator<(Attribute, String)> for SharedValues {
    fn from_iter<I: IntoIterator<Item = (Attribute, String)>>(pairs: I) -> Self {
        let mut values = SharedValues::default();
        for (attribute, value) in pairs {
            values.insert(attribute, value);
        }
        values
    }
}

impl<const N: usize> From<[(Attribute, String); N]> for SharedValues {
    fn from(pairs: [(Attribute, String); N]) -> Self {
        pairs.into_iter().collect()
    }
}

/// A set of attributes, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AttributeSet(u8);

impl AttributeSet {
    pub fn contains(self, attribute: Attribute) -> bool {
        self.0 & (1 << attribute.index()) != 0
    }

    pub fn insert(&mut self, attribute: Attribute) {
        self.0 |= 1 << attribute.index();
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The attributes in the set, in [`Attribute::ALL`]'s order.
    pub fn iter(self) -> impl Iterator<Item = Attribute> {
        (Attribute::ALL.into_iter()).filter(move |a| self.contains(*a))
    }
}

impl FromIterator<Attribute> for AttributeSet {
    fn from_iter<I: IntoIterator<Item = Attribute>>(attributes: I) -> Self {
        let mut set = AttributeSet::default();
        for attribute in attributes {
            set.insert(attribute);
        }
        set
    }
}

impl<const N: usize> From<[Attribute; N]> for AttributeSet {
    fn from(attributes: [Attribute; N]) -> Self {
        attributes.into_iter().collect()
    }
}

/// One person's matching preferences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchingPreferences {
    /// The owner's id: one record per person.
    pub id: RecordId,
    pub owner: RecordId,
    /// What the person typed for each attribute they share.
    pub shared: SharedValues,
    /// The attributes they would like their mentor to share with them.
    pub prefers: AttributeSet,
}

impl MatchingPreferences {
    /// `owner`'s record, with nothing stated yet.
    pub fn of(owner: &RecordId) -> MatchingPreferences {
        MatchingPreferences {
            id: owner.clone(),
            owner: owner.clone(),
            shared: SharedValues::default(),
            prefers: AttributeSet::default(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.shared.is_empty() && self.prefers.is_empty()
    }

    /// The value `attribute` is compared by, if the person shares it.
    pub fn normalised(&self, attribute: Attribute) -> Option<String> {
        self.shared.get(attribute).map(normalise)
    }

    /// What matching takes from the record: the shared attributes, normalised, and the
    /// preferences for attributes the person shares (a preference without a value of one's
    /// own could never be met).
    pub fn opt_in(&self) -> OptInPreferences {
        OptInPreferences {
            shared_attributes: (self.shared.iter())
                .map(|(a, v)| (a.key().to_owned(), normalise(v)))
                .collect(),
            prefers_shared: (self.prefers.iter())
                .filter(|a| self.shared.contains(*a))
                .map(|a| a.key().to_owned())
                .collect(),
        }
    }

    /// The attributes `person` has that this record's owner prefers and shares with the same
    /// value: what the host tells the owner about a mentor, and nothing more.
    pub fn met_by(&self, person: &MatchingPreferences) -> Vec<Attribute> {
        (self.prefers.iter())
            .filter(|a| match (self.normalised(*a), person.normalised(*a)) {
                (Some(mine), Some(theirs)) => mine == theirs,
                _ => false,
            })
            .collect()
    }
}

/// What the host says of one mentor for the signed-in mentee: which of the mentee's preferred
/// attributes the mentor meets (`GET /v1/preferences/met`), never a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Met {
    pub mentor: RecordId,
    pub attributes: Vec<Attribute>,
}

/// The people as a mentee's own Find a mentor matches them: the mentee with the preferences
/// they stated, and each mentor the host says meets some of them sharing, for those
/// attributes, the mentee's own values. Matching then scores and explains the preference as
/// it always does, and the device learns nothing it did not know. Nobody else carries any.
pub fn for_mentee(people: &mut [Person], mine: &MatchingPreferences, met: &[Met]) {
    for person in people {
        person.preferences = if person.id == mine.owner {
            mine.opt_in()
        } else {
            let attributes = (met.iter().filter(|m| m.mentor == person.id))
                .flat_map(|m| &m.attributes)
                .filter_map(|a| Some((a.key().to_owned(), mine.normalised(*a)?)));
            OptInPreferences {
                shared_attributes: attributes.collect(),
                prefers_shared: Vec::new(),
            }
        };
    }
}

/// Checks a person's preferences before they are saved (and the host, before it stores them):
/// the record is its owner's own, each value is said and fits, and a preference is only for an
/// attribute the person states themselves (matching compares the mentor's value with theirs).
pub fn check_matching_preferences(p: &MatchingPreferences) -> Result<(), Refusal> {
    check_each_attribute(p).map_err(|(_, refusal)| refusal)
}

/// [`check_matching_preferences`], with the attribute a refusal is about, so a form shows it
/// beside that attribute's field.
pub fn check_each_attribute(p: &MatchingPreferences) -> Result<(), (Option<Attribute>, Refusal)> {
    if p.id != p.owner {
        return Err((
            None,
            refusal!(
                Rule::NotPermitted,
                "Matching preferences of {} are kept under their owner's id, not {}.",
                p.owner,
                p.id
            ),
        ));
    }
    for (attribute, value) in p.shared.iter() {
        let key = attribute.key();
        if value.trim().is_empty() {
            return Err((
                Some(attribute),
                refusal!(
                    Rule::PreferenceValueRequired,
                    "Say your {key}, or remove it from what you share."
                ),
            ));
        }
        text_within(key, value, PREFERENCE_VALUE_MAX_CHARS).map_err(|r| (Some(attribute), r))?;
    }
    if let Some(missing) = p.prefers.iter().find(|a| !p.shared.contains(*a)) {
        let key = missing.key();
        return Err((
            Some(missing),
            refusal!(
                Rule::PreferenceNotStated,
                "State your own {key} first: a mentor can only share what you stated."
            ),
        ));
    }
    Ok(())
}

/// One attribute as a form asks it: what the person typed, and whether they would like a
/// mentor to share it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    pub value: String,
    pub wanted: bool,
}

impl MatchingPreferences {
    /// `owner`'s record from a form's answers: a blank answer is not shared, and a value is
    /// kept as typed, trimmed.
    pub fn from_answers(
        owner: &RecordId,
        answers: impl IntoIterator<Item = (Attribute, Answer)>,
    ) -> MatchingPreferences {
        let mut p = MatchingPreferences::of(owner);
        for (attribute, answer) in answers {
            let value = answer.value.trim();
            if !value.is_empty() {
                p.shared.insert(attribute, value.to_owned());
            }
            if answer.wanted {
                p.prefers.insert(attribute);
            }
        }
        p
    }

    /// What a form shows for `attribute`.
    pub fn answer(&self, attribute: Attribute) -> Answer {
        Answer {
            value: self.shared.get(attribute).unwrap_or_default().to_owned(),
            wanted: self.prefers.contains(attribute),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn stating(
        owner: &str,
        shared: &[(Attribute, &str)],
        prefers: &[Attribute],
    ) -> MatchingPreferences {
        MatchingPreferences {
            shared: shared.iter().map(|(a, v)| (*a, (*v).to_owned())).collect(),
            prefers: prefers.iter().copied().collect(),
            ..MatchingPreferences::of(&id(owner))
        }
    }

    #[test]
    fn answers_and_preferences_keep_one_slot_per_attribute_in_the_forms_order() {
        let shared: SharedValues = [
            (Attribute::Background, "engineer".to_owned()),
            (Attribute::Gender, "woman".to_owned()),
            (Attribute::Background, "nurse".to_owned()),
        ]
        .into();
        assert_eq!(
            shared.iter().collect::<Vec<_>>(),
            [
                (Attribute::Gender, "woman"),
                (Attribute::Background, "nurse")
            ]
        );
        assert!(!shared.contains(Attribute::Ethnicity));
        let prefers: AttributeSet = [Attribute::Background, Attribute::Ethnicity].into();
        assert_eq!(
            prefers.iter().collect::<Vec<_>>(),
            [Attribute::Ethnicity, Attribute::Background]
        );
        assert!(!prefers.contains(Attribute::Gender));
        assert!(AttributeSet::default().is_empty() && SharedValues::default().is_empty());
    }

    #[test]
    fn values_compare_trimmed_case_insensitive_with_inner_spaces_collapsed() {
        assert_eq!(normalise("  Arab   British \t"), "arab british");
        assert_eq!(normalise("WOMAN"), normalise(" woman"));
        assert_ne!(normalise("woman"), normalise("women"));
    }

    #[test]
    fn keys_come_from_the_fixed_set() {
        for a in Attribute::ALL {
            assert_eq!(Attribute::parse(a.key()), Ok(a));
        }
        assert_eq!(
            Attribute::parse("religion").unwrap_err().rule,
            Rule::PreferenceAttribute
        );
        assert!(Attribute::parse("Gender").is_err());
    }

    #[test]
    fn a_value_is_said_and_fits() {
        let blank = stating("amira", &[(Attribute::Gender, "   ")], &[]);
        assert_eq!(
            check_matching_preferences(&blank).unwrap_err().rule,
            Rule::PreferenceValueRequired
        );
        let long = "x".repeat(PREFERENCE_VALUE_MAX_CHARS + 1);
        let too_long = stating("amira", &[(Attribute::Background, &long)], &[]);
        let refusal = check_matching_preferences(&too_long).unwrap_err();
        assert_eq!(refusal.rule, Rule::TextTooLong);
        assert_eq!(refusal.args, ["60", "61"]);
        let fits = "x".repeat(PREFERENCE_VALUE_MAX_CHARS);
        assert!(check_matching_preferences(&stating(
            "amira",
            &[(Attribute::Background, &fits)],
            &[]
        ))
        .is_ok());
    }

    #[test]
    fn a_preference_is_only_for_an_attribute_you_state() {
        let unstated = stating(
            "amira",
            &[(Attribute::Gender, "woman")],
            &[Attribute::Ethnicity],
        );
        assert_eq!(
            check_matching_preferences(&unstated).unwrap_err().rule,
            Rule::PreferenceNotStated
        );
        let stated = stating(
            "amira",
            &[(Attribute::Gender, "woman")],
            &[Attribute::Gender],
        );
        assert!(check_matching_preferences(&stated).is_ok());
        assert!(check_matching_preferences(&MatchingPreferences::of(&id("amira"))).is_ok());
    }

    #[test]
    fn the_record_is_kept_under_its_owners_id() {
        let elsewhere = MatchingPreferences {
            id: id("someone-else"),
            ..MatchingPreferences::of(&id("amira"))
        };
        assert_eq!(
            check_matching_preferences(&elsewhere).unwrap_err().rule,
            Rule::NotPermitted
        );
    }

    #[test]
    fn a_mentor_meets_a_preference_with_the_same_value_once_normalised() {
        let amira = stating(
            "amira",
            &[(Attribute::Gender, "Woman"), (Attribute::Ethnicity, "Arab")],
            &[Attribute::Gender, Attribute::Ethnicity],
        );
        let layla = stating(
            "layla",
            &[
                (Attribute::Gender, " woman "),
                (Attribute::Ethnicity, "British"),
            ],
            &[],
        );
        assert_eq!(amira.met_by(&layla), [Attribute::Gender]);
        // Sharing what the mentee did not ask for meets nothing.
        let sofia = stating("sofia", &[(Attribute::Background, "first in family")], &[]);
        assert!(amira.met_by(&sofia).is_empty());
        // A preference is the mentee's: the mentor's own preferences do not count.
        assert!(layla.met_by(&amira).is_empty());
    }

    #[test]
    fn a_mentee_matches_mentors_the_host_says_meet_her_preferences_with_her_own_values() {
        let amira = stating(
            "amira",
            &[
                (Attribute::Gender, " Woman"),
                (Attribute::Background, "Engineer"),
            ],
            &[Attribute::Gender],
        );
        let mut people = ["amira", "layla", "james"].map(|p| {
            let mut person = Person::new(id(p), p);
            // Whatever a directory might carry is not used.
            person.preferences.shared_attributes = vec![("gender".into(), "other".into())];
            person
        });
        let met = [Met {
            mentor: id("layla"),
            attributes: vec![Attribute::Gender],
        }];
        for_mentee(&mut people, &amira, &met);
        assert_eq!(people[0].preferences, amira.opt_in());
        assert_eq!(
            people[1].preferences.shared_attributes,
            [("gender".to_owned(), "woman".to_owned())]
        );
        assert!(people[1].preferences.prefers_shared.is_empty());
        assert_eq!(people[2].preferences, OptInPreferences::default());
    }

    #[test]
    fn a_forms_blank_answer_is_not_shared_and_a_refusal_names_its_attribute() {
        let answer = |value: &str, wanted| Answer {
            value: value.into(),
            wanted,
        };
        let p = MatchingPreferences::from_answers(
            &id("amira"),
            [
                (Attribute::Gender, answer("  Woman ", true)),
                (Attribute::Ethnicity, answer("   ", false)),
                (Attribute::Background, answer("", true)),
            ],
        );
        assert_eq!(p.shared, [(Attribute::Gender, "Woman".to_owned())].into());
        assert_eq!(p.answer(Attribute::Gender), answer("Woman", true));
        assert_eq!(p.answer(Attribute::Ethnicity), Answer::default());
        let (about, refusal) = check_each_attribute(&p).unwrap_err();
        assert_eq!(about, Some(Attribute::Background));
        assert_eq!(refusal.rule, Rule::PreferenceNotStated);
    }

    #[test]
    fn matching_takes_normalised_values_and_only_preferences_one_can_meet() {
        let amira = MatchingPreferences {
            prefers: [Attribute::Gender, Attribute::Background].into(),
            ..stating("amira", &[(Attribute::Gender, " Woman ")], &[])
        };
        let opt_in = amira.opt_in();
        assert_eq!(
            opt_in.shared_attributes,
            [("gender".to_owned(), "woman".to_owned())]
        );
        assert_eq!(opt_in.prefers_shared, ["gender"]);
    }
}
