//! A validated matching problem: the input checked, people in id order, and every word
//! interned so that comparing two people is bit operations rather than string compares
//! (there are millions of pairs in a large cohort).

use std::collections::BTreeMap;
#[cfg(feature = "messages")]
use std::fmt;

use crate::relationship::RelationshipKind;
use crate::RecordId;

use super::constraints::HardRule;
use super::input::{
    MatchingInput, Mentee, Mentor, PairIds, Weights, MAX_UTC_OFFSET_MINUTES, MAX_WEIGHT,
};
use super::matrix::{cell, ScoreMatrix};
use super::score::Criterion;

/// The most mentee × mentor pairs one run takes: the score matrix is 4 bytes a pair, and a
/// browser tab should not need more than about 80 MB for it.
pub const MAX_PAIRS: usize = 20_000_000;

/// Something in the input to fix before matching can run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    DuplicateMentee(RecordId),
    DuplicateMentor(RecordId),
    NoCapacity(RecordId),
    WeightTooLarge {
        criterion: Criterion,
        weight: u32,
    },
    UtcOffsetOutOfRange {
        person: RecordId,
        minutes: i32,
    },
    /// A pin or forbid names someone who is not on the list it should be on.
    UnknownPerson {
        list: PairList,
        pair: PairIds,
        missing: Side,
    },
    PinnedTwice {
        mentee: RecordId,
        first: RecordId,
        second: RecordId,
    },
    PinBreaksRule {
        pair: PairIds,
        rule: HardRule,
        kind: RelationshipKind,
    },
    PinsOverCapacity {
        mentor: RecordId,
        capacity: u32,
        pins: u32,
    },
    TooLarge {
        mentees: usize,
        mentors: usize,
    },
}

/// Which list of pairs an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairList {
    Pins,
    Forbids,
}

/// Which side of a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Mentee,
    Mentor,
}

impl InputError {
    /// The hard rule a pin breaks, for errors that are about one.
    pub fn rule(&self) -> Option<HardRule> {
        match self {
            InputError::PinBreaksRule { rule, .. } => Some(*rule),
            InputError::PinsOverCapacity { .. } => Some(HardRule::Capacity),
            _ => None,
        }
    }
}

#[cfg(feature = "messages")]
impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::DuplicateMentee(id) => write!(
                f,
                "mentee '{id}' is listed more than once; list each mentee once (merge the entries)"
            ),
            InputError::DuplicateMentor(id) => write!(
                f,
                "mentor '{id}' is listed more than once; list each mentor once (merge the entries)"
            ),
            InputError::NoCapacity(id) => write!(
                f,
                "mentor '{id}' has capacity 0; give a capacity of 1 or more, or leave them out \
                 of this run"
            ),
            InputError::WeightTooLarge { criterion, weight } => write!(
                f,
                "the weight for '{}' is {weight}; use a whole number from 0 to {MAX_WEIGHT}",
                criterion.key()
            ),
            InputError::UtcOffsetOutOfRange { person, minutes } => write!(
                f,
                "'{person}' has a UTC offset of {minutes} minutes; use minutes east of UTC from \
                 -{MAX_UTC_OFFSET_MINUTES} to {MAX_UTC_OFFSET_MINUTES} (e.g. 240 for Dubai)"
            ),
            InputError::UnknownPerson {
                list,
                pair,
                missing,
            } => {
                let (what, id, list_name) = match missing {
                    Side::Mentee => ("mentee", &pair.mentee, "mentees"),
                    Side::Mentor => ("mentor", &pair.mentor, "mentors"),
                };
                let entry = match list {
                    PairList::Pins => "pin",
                    PairList::Forbids => "forbid",
                };
                write!(
                    f,
                    "the {entry} of mentee '{}' with mentor '{}' names {what} '{id}', who is not \
                     among the {list_name}; correct the id or add the {what}",
                    pair.mentee, pair.mentor
                )
            }
            InputError::PinnedTwice {
                mentee,
                first,
                second,
            } => write!(
                f,
                "mentee '{mentee}' is pinned to both '{first}' and '{second}'; a mentee has one \
                 mentor, so keep one of the pins"
            ),
            InputError::PinBreaksRule { pair, rule, kind } => write!(
                f,
                "the pin of mentee '{}' to mentor '{}' breaks the rule '{}': {}; remove the pin, \
                 or correct their details if they are wrong",
                pair.mentee,
                pair.mentor,
                rule.name(),
                rule.broken_because(*kind)
            ),
            InputError::PinsOverCapacity {
                mentor,
                capacity,
                pins,
            } => write!(
                f,
                "the pins break the rule 'capacity': mentor '{mentor}' has {capacity} place(s) \
                 but {pins} pins; remove {} pin(s) or raise their capacity",
                pins - capacity
            ),
            InputError::TooLarge { mentees, mentors } => write!(
                f,
                "{mentees} mentees × {mentors} mentors is {} pairs, more than one run takes \
                 ({MAX_PAIRS}); split the cohort (e.g. by region) and match each part",
                mentees.saturating_mul(*mentors)
            ),
        }
    }
}

#[cfg(feature = "messages")]
impl std::error::Error for InputError {}

/// A set of interned words as a bitset over one vocabulary.
#[derive(Clone, Debug)]
pub(super) struct TermSet(Box<[u64]>);

impl TermSet {
    fn new(vocabulary_size: usize) -> TermSet {
        TermSet(vec![0; vocabulary_size.div_ceil(64)].into_boxed_slice())
    }

    fn insert(&mut self, id: u32) {
        self.0[id as usize / 64] |= 1 << (id % 64);
    }

    pub(super) fn contains(&self, id: u32) -> bool {
        self.0
            .get(id as usize / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }

    pub(super) fn common(&self, other: &TermSet) -> usize {
        self.0
            .iter()
            .zip(other.0.iter())
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }

    fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    fn union(&self, other: &TermSet) -> TermSet {
        TermSet(
            self.0
                .iter()
                .zip(other.0.iter())
                .map(|(a, b)| a | b)
                .collect(),
        )
    }
}

/// Words as people typed them, compared trimmed and case-folded ("SQL " = "sql"), each with
/// its number: sorted by word and searched by halves, since a `BTreeMap` of its own compiled
/// a whole B-tree into the widget.
#[derive(Clone, Debug, Default)]
pub(super) struct Vocabulary(Vec<(String, u32)>);

fn normalise(word: &str) -> String {
    word.trim().to_lowercase()
}

impl Vocabulary {
    fn intern(&mut self, word: &str) -> Option<u32> {
        let key = normalise(word);
        if key.is_empty() {
            return None;
        }
        let next = self.0.len() as u32;
        match self.find(&key) {
            Ok(at) => Some(self.0[at].1),
            Err(at) => {
                self.0.insert(at, (key, next));
                Some(next)
            }
        }
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(word, _)| word.as_str().cmp(key))
    }

    pub(super) fn get(&self, word: &str) -> Option<u32> {
        let at = self.find(&normalise(word)).ok()?;
        Some(self.0[at].1)
    }

    fn set_of<'a>(&self, words: impl IntoIterator<Item = &'a String>) -> TermSet {
        let mut set = TermSet::new(self.0.len());
        for id in words.into_iter().filter_map(|w| self.get(w)) {
            set.insert(id);
        }
        set
    }
}

/// A mentee's details, interned.
#[derive(Clone, Debug)]
pub(super) struct MenteeFeatures {
    /// The person, across both lists (someone can be a mentee and a mentor).
    pub(super) person: u32,
    pub(super) skills: TermSet,
    pub(super) skills_asked: u32,
    pub(super) goals: TermSet,
    pub(super) goals_asked: u32,
    pub(super) languages: TermSet,
    pub(super) department: Option<u32>,
    pub(super) location: Option<u32>,
    /// Managers who are in this run (nobody else can be a partner).
    pub(super) managers: Vec<u32>,
    /// Each preference once: (attribute, the mentee's own value if they stated it).
    pub(super) preferences: Vec<(u32, Option<u32>)>,
    /// Mentor indices the admin forbade for this mentee, sorted.
    pub(super) forbidden: Vec<u32>,
    /// Mentor indices already under way with this mentee in another programme, sorted.
    pub(super) under_way: Vec<u32>,
    /// Mentor indices whose relationship with this mentee in this programme was ended
    /// early, sorted.
    pub(super) ended_early: Vec<u32>,
}

/// A mentor's details, interned.
#[derive(Clone, Debug)]
pub(super) struct MentorFeatures {
    pub(super) person: u32,
    pub(super) skills: TermSet,
    /// Skills offered and topics: what goal keywords are compared with.
    pub(super) goal_terms: TermSet,
    pub(super) languages: TermSet,
    pub(super) department: Option<u32>,
    pub(super) location: Option<u32>,
    pub(super) managers: Vec<u32>,
    /// (attribute, value), sorted.
    pub(super) shared: Vec<(u32, u32)>,
}

/// A checked matching problem, ready to score and solve. Mentees and mentors are kept in id
/// order, so results never depend on the order of the input lists.
#[derive(Clone, Debug)]
pub struct Problem {
    pub(super) kind: RelationshipKind,
    pub(super) weights: Weights,
    pub(super) mentees: Vec<Mentee>,
    pub(super) mentors: Vec<Mentor>,
    pub(super) mentee_features: Vec<MenteeFeatures>,
    pub(super) mentor_features: Vec<MentorFeatures>,
    pub(super) terms: Vocabulary,
    /// Per mentee: the mentor they are pinned to.
    pub(super) pinned: Vec<Option<usize>>,
    /// Per mentor: capacity less pins.
    pub(super) places_left: Vec<u32>,
}

struct Vocabularies {
    terms: Vocabulary,
    languages: Vocabulary,
    departments: Vocabulary,
    locations: Vocabulary,
    attributes: Vocabulary,
    values: Vocabulary,
}

impl Problem {
    /// Checks the input and prepares it; on failure returns every problem found, each saying
    /// what to fix.
    pub fn new(input: MatchingInput) -> Result<Problem, Vec<InputError>> {
        let MatchingInput {
            kind,
            weights,
            mut mentees,
            mut mentors,
            pins,
            forbids,
            under_way,
            ended_early,
        } = input;
        let mut errors = Vec::new();
        if mentees.len().saturating_mul(mentors.len()) > MAX_PAIRS {
            return Err(vec![InputError::TooLarge {
                mentees: mentees.len(),
                mentors: mentors.len(),
            }]);
        }
        for criterion in Criterion::ALL {
            let weight = weights.get(criterion);
            if weight > MAX_WEIGHT {
                errors.push(InputError::WeightTooLarge { criterion, weight });
            }
        }
        crate::order::sort_by(&mut mentees, |a, b| a.id.cmp(&b.id));
        crate::order::sort_by(&mut mentors, |a, b| a.id.cmp(&b.id));
        for pair in mentees.windows(2).filter(|w| w[0].id == w[1].id) {
            errors.push(InputError::DuplicateMentee(pair[0].id.clone()));
        }
        for pair in mentors.windows(2).filter(|w| w[0].id == w[1].id) {
            errors.push(InputError::DuplicateMentor(pair[0].id.clone()));
        }
        errors.dedup();
        for mentor in mentors.iter().filter(|m| m.capacity == 0) {
            errors.push(InputError::NoCapacity(mentor.id.clone()));
        }
        let offsets = mentees
            .iter()
            .map(|m| (&m.id, m.utc_offset_minutes))
            .chain(mentors.iter().map(|m| (&m.id, m.utc_offset_minutes)));
        for (person, minutes) in offsets {
            if minutes.abs() > MAX_UTC_OFFSET_MINUTES {
                errors.push(InputError::UtcOffsetOutOfRange {
                    person: person.clone(),
                    minutes,
                });
            }
        }

        let mentee_index = |id: &RecordId| mentees.binary_search_by(|m| m.id.cmp(id)).ok();
        let mentor_index = |id: &RecordId| mentors.binary_search_by(|m| m.id.cmp(id)).ok();
        let mut resolve = |list: PairList, pairs: Vec<PairIds>| {
            let mut resolved = Vec::new();
            for pair in sorted_unique(pairs) {
                match (mentee_index(&pair.mentee), mentor_index(&pair.mentor)) {
                    (Some(i), Some(j)) => resolved.push((i, j, pair)),
                    (None, _) => errors.push(InputError::UnknownPerson {
                        list,
                        pair,
                        missing: Side::Mentee,
                    }),
                    (Some(_), None) => errors.push(InputError::UnknownPerson {
                        list,
                        pair,
                        missing: Side::Mentor,
                    }),
                }
            }
            resolved
        };
        let forbids = resolve(PairList::Forbids, forbids);
        let pins = resolve(PairList::Pins, pins);

        let vocabularies = Vocabularies::of(&mentees, &mentors);
        let people = people_keys(&mentees, &mentors);
        let mut mentee_features: Vec<MenteeFeatures> = mentees
            .iter()
            .map(|m| vocabularies.mentee(m, &people))
            .collect();
        let mentor_features: Vec<MentorFeatures> = mentors
            .iter()
            .map(|m| vocabularies.mentor(m, &people))
            .collect();
        for (i, j, _) in &forbids {
            mentee_features[*i].forbidden.push(*j as u32);
        }
        for pair in &under_way {
            if let (Some(i), Some(j)) = (mentee_index(&pair.mentee), mentor_index(&pair.mentor)) {
                mentee_features[i].under_way.push(j as u32);
            }
        }
        for pair in &ended_early {
            if let (Some(i), Some(j)) = (mentee_index(&pair.mentee), mentor_index(&pair.mentor)) {
                mentee_features[i].ended_early.push(j as u32);
            }
        }
        for features in &mut mentee_features {
            for list in [
                &mut features.forbidden,
                &mut features.under_way,
                &mut features.ended_early,
            ] {
                // Short lists: the shared sort, not a copy of the standard one for `u32`.
                crate::order::sort(list);
                list.dedup();
            }
        }

        let mut problem = Problem {
            kind,
            weights,
            places_left: mentors.iter().map(|m| m.capacity).collect(),
            pinned: vec![None; mentees.len()],
            mentees,
            mentors,
            mentee_features,
            mentor_features,
            terms: vocabularies.terms,
        };
        problem.place_pins(pins, &mut errors);
        if errors.is_empty() {
            Ok(problem)
        } else {
            Err(errors)
        }
    }

    /// Pins go first and use up places; a pin that breaks a rule is an error, not applied.
    fn place_pins(&mut self, pins: Vec<(usize, usize, PairIds)>, errors: &mut Vec<InputError>) {
        let mut pins_per_mentor = vec![0u32; self.mentors.len()];
        for (i, j, pair) in pins {
            if let Some(first) = self.pinned[i] {
                errors.push(InputError::PinnedTwice {
                    mentee: pair.mentee,
                    first: self.mentors[first].id.clone(),
                    second: pair.mentor,
                });
                continue;
            }
            let broken = self.exclusions(i, j);
            if !broken.is_empty() {
                for rule in broken.iter() {
                    errors.push(InputError::PinBreaksRule {
                        pair: pair.clone(),
                        rule,
                        kind: self.kind,
                    });
                }
                continue;
            }
            self.pinned[i] = Some(j);
            pins_per_mentor[j] += 1;
        }
        for (j, &pins) in pins_per_mentor.iter().enumerate() {
            let capacity = self.mentors[j].capacity;
            if capacity > 0 && pins > capacity {
                errors.push(InputError::PinsOverCapacity {
                    mentor: self.mentors[j].id.clone(),
                    capacity,
                    pins,
                });
            }
            self.places_left[j] = capacity.saturating_sub(pins);
        }
    }

    pub fn kind(&self) -> RelationshipKind {
        self.kind
    }

    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// The mentees, in id order: indices elsewhere refer to this order.
    pub fn mentees(&self) -> &[Mentee] {
        &self.mentees
    }

    /// The mentors, in id order: indices elsewhere refer to this order.
    pub fn mentors(&self) -> &[Mentor] {
        &self.mentors
    }

    pub fn mentee_index(&self, id: &RecordId) -> Option<usize> {
        self.mentees.binary_search_by(|m| m.id.cmp(id)).ok()
    }

    pub fn mentor_index(&self, id: &RecordId) -> Option<usize> {
        self.mentors.binary_search_by(|m| m.id.cmp(id)).ok()
    }

    /// The mentor this mentee is pinned to, if any.
    pub fn pinned_mentor(&self, mentee: usize) -> Option<usize> {
        self.pinned[mentee]
    }

    /// The mentor's places once pins are placed: what matching may fill.
    pub fn places_left(&self, mentor: usize) -> u32 {
        self.places_left[mentor]
    }

    /// Scores of every mentee × mentor pair, marked allowed or not. Pinned mentees' rows are
    /// included (explanations rank their options too); the solvers skip them.
    pub fn score_matrix(&self) -> ScoreMatrix {
        let mut matrix = ScoreMatrix::new(self.mentees.len(), self.mentors.len());
        for mentee in 0..self.mentees.len() {
            self.score_row(&mut matrix, mentee);
        }
        matrix
    }

    pub(super) fn score_row(&self, matrix: &mut ScoreMatrix, mentee: usize) {
        for mentor in 0..self.mentors.len() {
            let score = self.score_of(&self.fits(mentee, mentor)) as u32;
            matrix.set(mentee, mentor, score, self.is_allowed(mentee, mentor));
        }
    }

    /// One mentee's row of cells (see `ScoreMatrix`), without building the whole matrix.
    pub(super) fn row_cells(&self, mentee: usize) -> Vec<i32> {
        (0..self.mentors.len())
            .map(|mentor| {
                let score = self.score_of(&self.fits(mentee, mentor)) as u32;
                cell(score, self.is_allowed(mentee, mentor))
            })
            .collect()
    }

    /// Mentee indices matching will place: everyone not pinned.
    pub(super) fn unpinned_mentees(&self) -> Vec<usize> {
        (0..self.mentees.len())
            .filter(|&i| self.pinned[i].is_none())
            .collect()
    }
}

fn sorted_unique(mut pairs: Vec<PairIds>) -> Vec<PairIds> {
    crate::order::sort(&mut pairs);
    pairs.dedup();
    pairs
}

/// Every person in the run, by id, with a small number for fast comparison.
fn people_keys(mentees: &[Mentee], mentors: &[Mentor]) -> BTreeMap<RecordId, u32> {
    let mut keys = BTreeMap::new();
    for id in mentees
        .iter()
        .map(|m| &m.id)
        .chain(mentors.iter().map(|m| &m.id))
    {
        let next = keys.len() as u32;
        keys.entry(id.clone()).or_insert(next);
    }
    keys
}

fn managers_in_run(chain: &[RecordId], people: &BTreeMap<RecordId, u32>) -> Vec<u32> {
    chain
        .iter()
        .filter_map(|id| people.get(id).copied())
        .collect()
}

impl Vocabularies {
    /// Interns every word first, so that every set of one vocabulary has the same width.
    fn of(mentees: &[Mentee], mentors: &[Mentor]) -> Vocabularies {
        let mut v = Vocabularies {
            terms: Vocabulary::default(),
            languages: Vocabulary::default(),
            departments: Vocabulary::default(),
            locations: Vocabulary::default(),
            attributes: Vocabulary::default(),
            values: Vocabulary::default(),
        };
        for m in mentees {
            for word in m.skills_wanted.iter().chain(&m.goal_keywords) {
                v.terms.intern(word);
            }
            for word in &m.languages {
                v.languages.intern(word);
            }
            v.departments.intern(&m.department);
            v.locations.intern(&m.location);
            for (name, value) in &m.opt_in.shared_attributes {
                v.attributes.intern(name);
                v.values.intern(value);
            }
            for name in &m.opt_in.prefers_shared {
                v.attributes.intern(name);
            }
        }
        for m in mentors {
            for word in m.skills_offered.iter().chain(&m.topics) {
                v.terms.intern(word);
            }
            for word in &m.languages {
                v.languages.intern(word);
            }
            v.departments.intern(&m.department);
            v.locations.intern(&m.location);
            for (name, value) in &m.shared_attributes {
                v.attributes.intern(name);
                v.values.intern(value);
            }
        }
        v
    }

    fn mentee(&self, m: &Mentee, people: &BTreeMap<RecordId, u32>) -> MenteeFeatures {
        let skills = self.terms.set_of(&m.skills_wanted);
        let goals = self.terms.set_of(&m.goal_keywords);
        let mut preferences: Vec<(u32, Option<u32>)> = Vec::new();
        for name in &m.opt_in.prefers_shared {
            let Some(attribute) = self.attributes.get(name) else {
                continue;
            };
            if preferences.iter().any(|(a, _)| *a == attribute) {
                continue;
            }
            let own = m
                .opt_in
                .shared_attributes
                .iter()
                .find(|(n, _)| self.attributes.get(n) == Some(attribute))
                .and_then(|(_, value)| self.values.get(value));
            preferences.push((attribute, own));
        }
        MenteeFeatures {
            person: people[&m.id],
            skills_asked: skills.len() as u32,
            skills,
            goals_asked: goals.len() as u32,
            goals,
            languages: self.languages.set_of(&m.languages),
            department: self.departments.get(&m.department),
            location: self.locations.get(&m.location),
            managers: managers_in_run(&m.manager_chain, people),
            preferences,
            forbidden: Vec::new(),
            under_way: Vec::new(),
            ended_early: Vec::new(),
        }
    }

    fn mentor(&self, m: &Mentor, people: &BTreeMap<RecordId, u32>) -> MentorFeatures {
        let skills = self.terms.set_of(&m.skills_offered);
        let goal_terms = skills.union(&self.terms.set_of(&m.topics));
        let mut shared: Vec<(u32, u32)> = m
            .shared_attributes
            .iter()
            .filter_map(|(name, value)| Some((self.attributes.get(name)?, self.values.get(value)?)))
            .collect();
        crate::order::sort(&mut shared);
        shared.dedup();
        MentorFeatures {
            person: people[&m.id],
            skills,
            goal_terms,
            languages: self.languages.set_of(&m.languages),
            department: self.departments.get(&m.department),
            location: self.locations.get(&m.location),
            managers: managers_in_run(&m.manager_chain, people),
            shared,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_compare_trimmed_and_case_folded() {
        let mut v = Vocabulary::default();
        let sql = v.intern("SQL ").unwrap();
        assert_eq!(v.intern("sql"), Some(sql));
        assert_eq!(v.get("  Sql"), Some(sql));
        assert_eq!(v.intern("   "), None);
        let set = v.set_of(&["sql".to_owned()]);
        assert!(set.contains(sql));
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn term_sets_work_past_one_word() {
        let mut a = TermSet::new(200);
        let mut b = TermSet::new(200);
        for id in [3, 64, 130, 199] {
            a.insert(id);
        }
        for id in [64, 199, 5] {
            b.insert(id);
        }
        assert_eq!(a.common(&b), 2);
        assert_eq!(a.union(&b).len(), 5);
        assert!(!a.contains(500));
    }
}
