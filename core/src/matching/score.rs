//! How well a mentor fits a mentee: a weighted sum of integer fits, one per criterion.
//!
//! Each criterion gives a fit from 0 to 100 (percent); a pair's score is
//! `Σ weight(criterion) × fit(criterion)`. Integers throughout, so "the exact optimum" has one
//! meaning and two machines agree on it. Every criterion's contribution is kept, so an
//! explanation can show where each point came from.

use crate::relationship::RelationshipKind;

use super::input::Weights;
use super::problem::Problem;

/// A working day, 09:00–17:00 local, in minutes: the window two time zones must share.
pub const WORKING_DAY_MINUTES: i32 = 8 * 60;

/// Common free hours a week at which availability counts as a full fit: enough for a
/// one-to-one and a spare slot to move it to.
pub const FULL_AVAILABILITY_HOURS: u32 = 4;

/// What a pair is scored on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Criterion {
    /// Share of the mentee's wanted skills the mentor offers.
    Skills,
    /// Share of the mentee's goal keywords the mentor's skills or topics cover.
    Goals,
    /// Mentoring only: a mentor from another department widens the mentee's view.
    Department,
    /// How much of a 09:00–17:00 working day the two share.
    TimeZone,
    /// Free hours a week in common, up to `FULL_AVAILABILITY_HOURS`.
    Availability,
    /// Same location (in-person meetings possible).
    Location,
    /// Mentoring only: a grade gap in the useful range (1–2 full, 3 half).
    Seniority,
    /// Opt-in only: share of the mentee's stated preferences the mentor meets.
    Preferences,
}

impl Criterion {
    pub const COUNT: usize = 8;

    /// Every criterion, in the order explanations list them.
    pub const ALL: [Criterion; Criterion::COUNT] = [
        Criterion::Skills,
        Criterion::Goals,
        Criterion::Department,
        Criterion::TimeZone,
        Criterion::Availability,
        Criterion::Location,
        Criterion::Seniority,
        Criterion::Preferences,
    ];

    /// A stable lower-case key, for files and translation tables.
    pub fn key(self) -> &'static str {
        match self {
            Criterion::Skills => "skills",
            Criterion::Goals => "goals",
            Criterion::Department => "department",
            Criterion::TimeZone => "time_zone",
            Criterion::Availability => "availability",
            Criterion::Location => "location",
            Criterion::Seniority => "seniority",
            Criterion::Preferences => "preferences",
        }
    }

    pub fn from_key(key: &str) -> Option<Criterion> {
        Criterion::ALL.into_iter().find(|c| c.key() == key)
    }

    /// Whether an admins' run can score by the criterion: not by opt-in preferences, which
    /// stay with the host and each mentee (the run's mentees state none).
    pub fn in_admins_run(self) -> bool {
        self != Criterion::Preferences
    }

    /// Whether the criterion counts in a programme of `kind`. A coach is chosen for their
    /// craft, not their department or grade: in coaching those two add nothing to any pair
    /// (`Evidence::NotUsed`).
    pub fn used_in(self, kind: RelationshipKind) -> bool {
        match self {
            Criterion::Department | Criterion::Seniority => kind != RelationshipKind::Coaching,
            _ => true,
        }
    }
}

/// The highest score a pair could reach in a programme of `kind` with `weights`: a full fit
/// on every criterion the programme uses ([`Criterion::used_in`]), so that a pair's share of
/// it says how well it fits by what is weighed. At least 1, so a share can be taken with
/// every weight at 0. Find a mentor's, where the host says who meets the mentee's preferences.
pub fn highest_score(kind: RelationshipKind, weights: &Weights) -> i64 {
    highest_of(kind, weights, |_| true)
}

/// [`highest_score`] for the admins' run, which never has anyone's opt-in preferences
/// ([`Criterion::in_admins_run`]): otherwise every pair would read "+0" of the preferences'
/// points, and the best possible pair fall short of the whole.
pub fn highest_run_score(kind: RelationshipKind, weights: &Weights) -> i64 {
    highest_of(kind, weights, Criterion::in_admins_run)
}

fn highest_of(kind: RelationshipKind, weights: &Weights, counts: fn(Criterion) -> bool) -> i64 {
    Criterion::ALL
        .iter()
        .filter(|&&c| c.used_in(kind) && counts(c))
        .map(|&c| i64::from(weights.get(c)) * 100)
        .sum::<i64>()
        .max(1)
}

/// What two things compared to, for department and location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// Both the same (as the mentee wrote it).
    Same(String),
    Different,
    /// One of the two did not say.
    Unknown,
}

/// The facts behind one criterion's fit, for an explanation. Deliberately holds no sensitive
/// attribute name or value: for preferences it keeps only counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// Skills or goal keywords: those the mentor covers (as the mentee wrote them), of how many.
    SharedTerms {
        shared: Vec<String>,
        asked: usize,
    },
    Department(Comparison),
    Location(Comparison),
    /// Distance between the two time zones, around the clock, in minutes.
    MinutesApart(i32),
    CommonHours(u32),
    /// How many grades the mentor is above the mentee (mentoring), or below them when
    /// `reverse` (reverse mentoring). Zero or less breaks the seniority rule.
    GradesApart {
        grades: i32,
        reverse: bool,
    },
    /// How many of the mentee's stated preferences the mentor meets.
    Preferences {
        met: usize,
        stated: usize,
    },
    /// The criterion does not apply to this kind of programme.
    NotUsed,
}

/// One criterion's part of a pair's score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contribution {
    pub criterion: Criterion,
    pub fit_percent: u8,
    pub weight: u32,
    /// `weight × fit_percent`: what this criterion added to the score.
    pub points: i64,
    pub evidence: Evidence,
}

/// The per-criterion fits of one pair, in `Criterion::ALL` order.
pub(super) type Fits = [u8; Criterion::COUNT];

/// `part` of `whole` in whole percent, 0 when there is no whole.
fn percent(part: usize, whole: usize) -> u8 {
    (part.min(whole) * 100).checked_div(whole).unwrap_or(0) as u8
}

/// Distance between two UTC offsets around the 24-hour clock.
fn minutes_apart(a: i32, b: i32) -> i32 {
    let d = (a - b).rem_euclid(24 * 60);
    d.min(24 * 60 - d)
}

fn time_zone_fit(minutes_apart: i32) -> u8 {
    let shared = (WORKING_DAY_MINUTES - minutes_apart).max(0);
    (shared * 100 / WORKING_DAY_MINUTES) as u8
}

fn availability_fit(common_hours: u32) -> u8 {
    (common_hours.min(FULL_AVAILABILITY_HOURS) * 100 / FULL_AVAILABILITY_HOURS) as u8
}

/// How many grades apart the pair is in the direction the programme wants, or `None` when
/// seniority does not count (coaching).
fn grade_gap(kind: RelationshipKind, mentee_grade: u8, mentor_grade: u8) -> Option<i32> {
    let (mentee, mentor) = (i32::from(mentee_grade), i32::from(mentor_grade));
    match kind {
        RelationshipKind::Mentoring => Some(mentor - mentee),
        RelationshipKind::ReverseMentoring => Some(mentee - mentor),
        RelationshipKind::Coaching => None,
    }
}

/// One or two grades apart is where mentoring works best; three still helps; a wider gap
/// makes the mentor's experience too far from the mentee's work.
fn seniority_fit(gap: Option<i32>) -> u8 {
    match gap {
        Some(1 | 2) => 100,
        Some(3) => 50,
        _ => 0,
    }
}

impl Problem {
    /// The fits of one pair: the hot path (a few bit operations, no allocation).
    pub(super) fn fits(&self, mentee: usize, mentor: usize) -> Fits {
        let (a, b) = (&self.mentee_features[mentee], &self.mentor_features[mentor]);
        let (p, q) = (&self.mentees[mentee], &self.mentors[mentor]);
        let mut fits = [0u8; Criterion::COUNT];
        fits[Criterion::Skills as usize] =
            percent(a.skills.common(&b.skills), a.skills_asked as usize);
        fits[Criterion::Goals as usize] =
            percent(a.goals.common(&b.goal_terms), a.goals_asked as usize);
        if Criterion::Department.used_in(self.kind) {
            fits[Criterion::Department as usize] = match (a.department, b.department) {
                (Some(x), Some(y)) if x != y => 100,
                _ => 0,
            };
        }
        fits[Criterion::TimeZone as usize] =
            time_zone_fit(minutes_apart(p.utc_offset_minutes, q.utc_offset_minutes));
        fits[Criterion::Availability as usize] =
            availability_fit(p.availability.common_hours(&q.availability));
        fits[Criterion::Location as usize] = match (a.location, b.location) {
            (Some(x), Some(y)) if x == y => 100,
            _ => 0,
        };
        fits[Criterion::Seniority as usize] =
            seniority_fit(grade_gap(self.kind, p.grade.0, q.grade.0));
        fits[Criterion::Preferences as usize] =
            percent(self.preferences_met(mentee, mentor), a.preferences.len());
        fits
    }

    /// How many of the mentee's stated preferences the mentor meets: the mentor shared the
    /// same attribute with the same value the mentee stated for themselves. A preference
    /// whose own value the mentee did not state cannot be met.
    fn preferences_met(&self, mentee: usize, mentor: usize) -> usize {
        let wanted = &self.mentee_features[mentee].preferences;
        let shared = &self.mentor_features[mentor].shared;
        wanted
            .iter()
            .filter(|(name, own)| {
                own.is_some_and(|value| shared.binary_search(&(*name, value)).is_ok())
            })
            .count()
    }

    /// The pair's score: `Σ weight × fit`, whether or not the pair is allowed.
    pub fn pair_score(&self, mentee: usize, mentor: usize) -> i64 {
        self.score_of(&self.fits(mentee, mentor))
    }

    pub(super) fn score_of(&self, fits: &Fits) -> i64 {
        Criterion::ALL
            .iter()
            .map(|&c| i64::from(self.weights.get(c)) * i64::from(fits[c as usize]))
            .sum()
    }

    /// Every criterion's contribution to the pair's score, with the facts behind it, in
    /// `Criterion::ALL` order. Their points add up to `pair_score`.
    pub fn contributions(&self, mentee: usize, mentor: usize) -> Vec<Contribution> {
        let fits = self.fits(mentee, mentor);
        let (p, q) = (&self.mentees[mentee], &self.mentors[mentor]);
        let a = &self.mentee_features[mentee];
        Criterion::ALL
            .iter()
            .map(|&criterion| {
                let evidence = match criterion {
                    Criterion::Skills => Evidence::SharedTerms {
                        shared: self.covered_terms(&p.skills_wanted, mentor, false),
                        asked: a.skills_asked as usize,
                    },
                    Criterion::Goals => Evidence::SharedTerms {
                        shared: self.covered_terms(&p.goal_keywords, mentor, true),
                        asked: a.goals_asked as usize,
                    },
                    Criterion::Department if !criterion.used_in(self.kind) => Evidence::NotUsed,
                    Criterion::Department => Evidence::Department(compare(
                        a.department,
                        self.mentor_features[mentor].department,
                        &p.department,
                    )),
                    Criterion::TimeZone => Evidence::MinutesApart(minutes_apart(
                        p.utc_offset_minutes,
                        q.utc_offset_minutes,
                    )),
                    Criterion::Availability => {
                        Evidence::CommonHours(p.availability.common_hours(&q.availability))
                    }
                    Criterion::Location => Evidence::Location(compare(
                        a.location,
                        self.mentor_features[mentor].location,
                        &p.location,
                    )),
                    Criterion::Seniority => match grade_gap(self.kind, p.grade.0, q.grade.0) {
                        Some(grades) => Evidence::GradesApart {
                            grades,
                            reverse: self.kind == RelationshipKind::ReverseMentoring,
                        },
                        None => Evidence::NotUsed,
                    },
                    Criterion::Preferences => Evidence::Preferences {
                        met: self.preferences_met(mentee, mentor),
                        stated: a.preferences.len(),
                    },
                };
                let fit = fits[criterion as usize];
                let weight = self.weights.get(criterion);
                Contribution {
                    criterion,
                    fit_percent: fit,
                    weight,
                    points: i64::from(weight) * i64::from(fit),
                    evidence,
                }
            })
            .collect()
    }

    /// The mentee's terms (as they wrote them, each once) that the mentor covers.
    fn covered_terms(&self, asked: &[String], mentor: usize, with_topics: bool) -> Vec<String> {
        let b = &self.mentor_features[mentor];
        let offered = if with_topics {
            &b.goal_terms
        } else {
            &b.skills
        };
        let mut seen = Vec::new();
        let mut shared = Vec::new();
        for term in asked {
            let Some(id) = self.terms.get(term) else {
                continue;
            };
            if offered.contains(id) && !seen.contains(&id) {
                seen.push(id);
                shared.push(term.trim().to_owned());
            }
        }
        shared
    }
}

fn compare(a: Option<u32>, b: Option<u32>, as_written: &str) -> Comparison {
    match (a, b) {
        (Some(x), Some(y)) if x == y => Comparison::Same(as_written.trim().to_owned()),
        (Some(_), Some(_)) => Comparison::Different,
        _ => Comparison::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_admins_run_is_scored_out_of_what_it_can_use() {
        use RelationshipKind::*;
        let mut weights = Weights::default();
        for kind in [Mentoring, ReverseMentoring, Coaching] {
            let preferences = i64::from(weights.get(Criterion::Preferences)) * 100;
            assert!(preferences > 0);
            assert_eq!(
                highest_run_score(kind, &weights),
                highest_score(kind, &weights) - preferences,
                "{kind:?}"
            );
        }
        // Coaching weighs neither department nor seniority, in either.
        let coaching = highest_run_score(Coaching, &weights);
        let dropped = [Criterion::Department, Criterion::Seniority];
        let mentoring = highest_run_score(Mentoring, &weights);
        let by_both: i64 = dropped
            .iter()
            .map(|&c| i64::from(weights.get(c)) * 100)
            .sum();
        assert_eq!(coaching, mentoring - by_both);
        // The preferences' weight moves Find a mentor's highest score, not the run's.
        weights.set(Criterion::Preferences, 9);
        assert_eq!(highest_run_score(Mentoring, &weights), mentoring);
        assert_eq!(highest_score(Mentoring, &weights), mentoring + 900);
        assert_eq!(highest_run_score(Mentoring, &Weights::zero()), 1);
    }

    #[test]
    fn time_zones_are_compared_around_the_clock() {
        assert_eq!(minutes_apart(0, 240), 240);
        assert_eq!(minutes_apart(240, 0), 240);
        // UTC+14 and UTC−10 keep the same clock hours, a calendar day apart.
        assert_eq!(minutes_apart(14 * 60, -10 * 60), 0);
        assert_eq!(minutes_apart(-12 * 60, 11 * 60), 60);
    }

    #[test]
    fn fits_fall_as_the_pair_moves_apart() {
        assert_eq!(time_zone_fit(0), 100);
        assert_eq!(time_zone_fit(240), 50);
        assert_eq!(time_zone_fit(WORKING_DAY_MINUTES), 0);
        assert_eq!(time_zone_fit(12 * 60), 0);
        assert_eq!(availability_fit(0), 0);
        assert_eq!(availability_fit(2), 50);
        assert_eq!(availability_fit(40), 100);
        assert_eq!(percent(2, 3), 66);
        assert_eq!(percent(1, 0), 0);
    }

    #[test]
    fn seniority_counts_in_the_direction_the_programme_needs() {
        use RelationshipKind::*;
        assert_eq!(seniority_fit(grade_gap(Mentoring, 3, 5)), 100);
        assert_eq!(seniority_fit(grade_gap(Mentoring, 3, 6)), 50);
        assert_eq!(seniority_fit(grade_gap(Mentoring, 3, 9)), 0);
        assert_eq!(seniority_fit(grade_gap(Mentoring, 5, 3)), 0);
        assert_eq!(seniority_fit(grade_gap(ReverseMentoring, 5, 3)), 100);
        assert_eq!(seniority_fit(grade_gap(Coaching, 3, 5)), 0);
    }

    #[test]
    fn the_highest_score_counts_only_the_criteria_the_programme_uses() {
        use super::super::input::{Mentee, Mentor};
        use super::super::MatchingInput;
        let id = |s: &str| crate::RecordId::parse(s).unwrap();
        for kind in [
            RelationshipKind::Coaching,
            RelationshipKind::Mentoring,
            RelationshipKind::ReverseMentoring,
        ] {
            let input = MatchingInput {
                mentees: vec![Mentee::new(id("ana"))],
                mentors: vec![Mentor::new(id("cy"))],
                ..MatchingInput::new(kind)
            };
            let problem = Problem::new(input).expect("valid");
            // What a pair's explanation lists as counting, each at a full fit.
            let counted: i64 = (problem.contributions(0, 0).iter())
                .filter(|c| c.evidence != Evidence::NotUsed)
                .map(|c| i64::from(c.weight) * 100)
                .sum();
            assert_eq!(highest_score(kind, &problem.weights), counted, "{kind:?}");
        }
        // Default weights: 22 points a percent in all; coaching leaves out department and
        // seniority (2 each).
        let weights = Weights::default();
        assert_eq!(highest_score(RelationshipKind::Mentoring, &weights), 2_200);
        assert_eq!(highest_score(RelationshipKind::Coaching, &weights), 1_800);
        assert_eq!(
            highest_score(RelationshipKind::Coaching, &Weights::zero()),
            1
        );
    }

    #[test]
    fn criterion_keys_round_trip() {
        for c in Criterion::ALL {
            assert_eq!(Criterion::from_key(c.key()), Some(c));
        }
        assert_eq!(Criterion::from_key("gender"), None);
    }
}
