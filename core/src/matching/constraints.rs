//! The hard constraints: rules a pair must keep whatever its score.
//!
//! A pair that breaks any of them is never made, and a pin that breaks one is refused with
//! the rule's name. Capacity is a rule of the whole assignment rather than of one pair; it is
//! here so that every "why not" can name it the same way.

use crate::relationship::RelationshipKind;

use super::problem::Problem;

/// A rule that can keep a mentee and a mentor apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HardRule {
    /// Nobody mentors themselves (a person can be on both lists).
    SamePerson,
    /// The admin said these two must not be paired.
    Forbidden,
    /// The two are under way together in another programme (`Rule::PairUnderWay`).
    PairUnderWay,
    /// A relationship of the two in this programme was ended early: the mentor declined it,
    /// the mentee withdrew, or its admins cancelled it or ended it to re-match the mentee.
    PairEndedEarly,
    /// Neither may be in the other's manager chain.
    ReportingLine,
    /// Mentoring needs a more senior mentor; reverse mentoring a more junior one.
    Seniority,
    /// Coaching needs a credential valid on the day the pair would start
    /// (`relationship::proposal_starts`), as `relationship::propose` judges it.
    CoachCredential,
    /// The two need at least one language in common.
    SharedLanguage,
    /// A mentor takes at most `capacity` mentees.
    Capacity,
}

impl HardRule {
    /// The rules that concern a single pair, in the order explanations list them.
    pub const PAIR_RULES: [HardRule; 8] = [
        HardRule::SamePerson,
        HardRule::Forbidden,
        HardRule::PairUnderWay,
        HardRule::PairEndedEarly,
        HardRule::ReportingLine,
        HardRule::Seniority,
        HardRule::CoachCredential,
        HardRule::SharedLanguage,
    ];

    /// The rule's short name, as messages quote it.
    pub fn name(self) -> &'static str {
        match self {
            HardRule::SamePerson => "not the same person",
            HardRule::Forbidden => "forbidden pair",
            HardRule::PairUnderWay => "not already paired elsewhere",
            HardRule::PairEndedEarly => "not ended early in this programme",
            HardRule::ReportingLine => "outside the reporting line",
            HardRule::Seniority => "seniority",
            HardRule::CoachCredential => "coach credential",
            HardRule::SharedLanguage => "shared language",
            HardRule::Capacity => "capacity",
        }
    }

    /// Why a pair breaks the rule, as a clause ("they share no language").
    pub fn broken_because(self, kind: RelationshipKind) -> &'static str {
        match (self, kind) {
            (HardRule::SamePerson, _) => "they are the same person",
            (HardRule::Forbidden, _) => "the admin forbade this pair",
            (HardRule::PairUnderWay, _) => {
                "they already have a relationship under way together in another programme"
            }
            (HardRule::PairEndedEarly, _) => {
                "a relationship of theirs in this programme was ended early"
            }
            (HardRule::ReportingLine, _) => "one of them is in the other's reporting line",
            (HardRule::Seniority, RelationshipKind::ReverseMentoring) => {
                "reverse mentoring needs a mentor more junior than the mentee"
            }
            (HardRule::Seniority, _) => "mentoring needs a mentor more senior than the mentee",
            (HardRule::CoachCredential, _) => {
                "coaching needs a coach whose credential is valid on the day the pair would start"
            }
            (HardRule::SharedLanguage, _) => "they share no language",
            (HardRule::Capacity, _) => "the mentor has no places left",
        }
    }
}

/// The pair rules one pair breaks (a small set; empty means the pair is allowed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Exclusions(u16);

impl Exclusions {
    pub const NONE: Exclusions = Exclusions(0);

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains(self, rule: HardRule) -> bool {
        self.0 & (1 << rule as u8) != 0
    }

    pub fn with(self, rule: HardRule) -> Exclusions {
        Exclusions(self.0 | (1 << rule as u8))
    }

    /// The rules broken, in `HardRule::PAIR_RULES` order (then capacity).
    pub fn iter(self) -> impl Iterator<Item = HardRule> {
        HardRule::PAIR_RULES
            .into_iter()
            .chain([HardRule::Capacity])
            .filter(move |&rule| self.contains(rule))
    }
}

impl Problem {
    /// The pair rules the pair breaks (capacity aside).
    pub fn exclusions(&self, mentee: usize, mentor: usize) -> Exclusions {
        let (a, b) = (&self.mentee_features[mentee], &self.mentor_features[mentor]);
        let (p, q) = (&self.mentees[mentee], &self.mentors[mentor]);
        let mut broken = Exclusions::NONE;
        if a.person == b.person {
            broken = broken.with(HardRule::SamePerson);
        }
        if a.forbidden.binary_search(&(mentor as u32)).is_ok() {
            broken = broken.with(HardRule::Forbidden);
        }
        if a.under_way.binary_search(&(mentor as u32)).is_ok() {
            broken = broken.with(HardRule::PairUnderWay);
        }
        if a.ended_early.binary_search(&(mentor as u32)).is_ok() {
            broken = broken.with(HardRule::PairEndedEarly);
        }
        if a.managers.contains(&b.person) || b.managers.contains(&a.person) {
            broken = broken.with(HardRule::ReportingLine);
        }
        let wrong_seniority = match self.kind {
            RelationshipKind::Mentoring => q.grade <= p.grade,
            RelationshipKind::ReverseMentoring => q.grade >= p.grade,
            RelationshipKind::Coaching => false,
        };
        if wrong_seniority {
            broken = broken.with(HardRule::Seniority);
        }
        if self.kind == RelationshipKind::Coaching && !q.coach_credential_valid {
            broken = broken.with(HardRule::CoachCredential);
        }
        if a.languages.common(&b.languages) == 0 {
            broken = broken.with(HardRule::SharedLanguage);
        }
        broken
    }

    pub fn is_allowed(&self, mentee: usize, mentor: usize) -> bool {
        self.exclusions(mentee, mentor).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusions_list_rules_in_a_fixed_order() {
        let set = Exclusions::NONE
            .with(HardRule::SharedLanguage)
            .with(HardRule::Forbidden)
            .with(HardRule::Capacity);
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [
                HardRule::Forbidden,
                HardRule::SharedLanguage,
                HardRule::Capacity
            ]
        );
        assert!(!set.is_empty());
        assert!(Exclusions::NONE.is_empty());
    }

    #[test]
    fn seniority_reason_follows_the_programme_kind() {
        assert!(HardRule::Seniority
            .broken_because(RelationshipKind::ReverseMentoring)
            .contains("more junior"));
        assert!(HardRule::Seniority
            .broken_because(RelationshipKind::Mentoring)
            .contains("more senior"));
    }
}
