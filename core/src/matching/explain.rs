//! Why a pair was made, and why a mentee was not matched: structured (so the UI can translate
//! it) and in plain English (`describe`).
//!
//! # Privacy rule
//!
//! Opt-in sensitive attributes (gender, ethnicity, background…) are never named in an
//! explanation, neither the attribute nor its value, to anyone. The structured form holds
//! only counts (`Evidence::Preferences { met, stated }`). The mentee may read "matches 1 of
//! the 1 preferences you stated"; everyone else (mentor, admin) reads only that private
//! preferences added so many points. Tests check every text for every audience.

use crate::words::plural;
use crate::RecordId;

use super::constraints::{Exclusions, HardRule};
use super::matrix::cell_score;
use super::problem::Problem;
use super::run::Mode;
use super::score::FULL_AVAILABILITY_HOURS;
use super::score::{Comparison, Contribution, Criterion, Evidence, WORKING_DAY_MINUTES};

/// How many higher-scoring mentors an explanation names (the rest are counted).
pub const MAX_HIGHER_LISTED: usize = 5;

/// Who reads an explanation: the mentee may see that their own stated preference was met;
/// nobody else sees anything about it but points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Audience {
    Mentee,
    Others,
}

/// Why a mentor who would have scored higher is not the mentee's partner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhyNot {
    /// Hard rules keep the two apart.
    Excluded(Exclusions),
    /// Pins took every place the mentor had.
    FullBeforeMatching,
    /// Their places went to other mentees: in the optimum, matching more people or a higher
    /// total; in stable mode, mentees who fit them at least as well.
    PlacesWentElsewhere,
    /// The admin pinned this mentee to their partner.
    PinnedPair,
}

/// A mentor who would have scored higher with this mentee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HigherScoring {
    pub mentor: RecordId,
    pub score: i64,
    pub why_not: WhyNot,
}

/// Everything that explains one pair (made, or suggested).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairExplanation {
    pub mentee: RecordId,
    pub mentor: RecordId,
    pub score: i64,
    pub pinned: bool,
    /// Every criterion, in `Criterion::ALL` order; the points add up to `score`.
    pub contributions: Vec<Contribution>,
    /// 1 for the mentee's best-scoring allowed mentor (ties in id order).
    pub rank: usize,
    /// How many mentors hard rules allow for this mentee (places aside).
    pub options: usize,
    /// The highest-scoring mentors above this one that the mentee did not get (or was not
    /// offered), best first, at most `MAX_HIGHER_LISTED`.
    pub higher: Vec<HigherScoring>,
    /// How many such mentors there are in all.
    pub higher_total: usize,
    /// Of those, how many each rule kept away (a mentor breaking two rules counts under
    /// both); `Capacity` counts mentors whose places were all taken.
    pub higher_by_rule: Vec<(HardRule, usize)>,
}

/// What an explanation says about the mentors who would score higher, for its reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HigherSaid<'a> {
    Nothing,
    /// No mentor at all, ruled out or not, would score higher.
    NoneHigher,
    /// These (best first), and how many more there are.
    Listed {
        listed: &'a [HigherScoring],
        more: usize,
    },
}

impl PairExplanation {
    /// What `audience` may read about the mentors who would score higher.
    pub fn higher_said(&self, audience: Audience) -> HigherSaid<'_> {
        match audience {
            // The mentee is never told about mentors the rules keep from them: it would tell
            // them about colleagues (a lapsed credential, a grade not above theirs, no language
            // in common, a place in their reporting line) and offer nothing they can act on.
            Audience::Mentee => HigherSaid::Nothing,
            Audience::Others if self.higher_total > 0 => HigherSaid::Listed {
                listed: &self.higher,
                more: self.higher_total - self.higher.len(),
            },
            Audience::Others if self.rank == 1 => HigherSaid::NoneHigher,
            // A suggestion below the first: the mentors above it score higher and are
            // suggested too, so "none higher" would be untrue.
            Audience::Others => HigherSaid::Nothing,
        }
    }
}

/// Why a mentee has no partner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnmatchedReason {
    /// No mentor in the run has a place left once pins are placed.
    NoMentorWithPlaces,
    /// Every mentor with places left breaks a hard rule with this mentee.
    NoAllowedMentor {
        mentors_with_places: usize,
        /// How many of them each rule excludes (a mentor can break several).
        excluded_by: Vec<(HardRule, usize)>,
    },
    /// Some mentors were allowed, but their places went to others.
    AllowedMentorsFull { allowed: usize },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmatched {
    pub mentee: RecordId,
    pub reason: UnmatchedReason,
}

/// How a pair came to be, for its explanation.
pub(super) enum PairSource<'a> {
    Pinned,
    Assigned,
    /// Suggested alongside these mentors (they are options, not "why not"s).
    Suggested(&'a [usize]),
}

/// Explains `mentee` with `mentor`, given the mentee's row of cells (`ScoreMatrix` encoding).
pub(super) fn explain_pair(
    problem: &Problem,
    row: &[i32],
    mentee: usize,
    mentor: usize,
    source: PairSource<'_>,
) -> PairExplanation {
    let score = cell_score(row[mentor]);
    let better = |other: usize| {
        let s = cell_score(row[other]);
        s > score || (s == score && other < mentor)
    };
    let options = row.iter().filter(|&&c| c >= 0).count();
    let rank = 1
        + (0..row.len())
            .filter(|&other| row[other] >= 0 && better(other))
            .count();

    let mut higher: Vec<(i64, usize, WhyNot)> = Vec::new();
    for (other, &cell) in row.iter().enumerate() {
        if other == mentor || cell_score(cell) <= score {
            continue;
        }
        let why_not = if cell < 0 {
            WhyNot::Excluded(problem.exclusions(mentee, other))
        } else {
            match source {
                PairSource::Suggested(listed) if listed.contains(&other) => continue,
                _ if problem.places_left(other) == 0 => WhyNot::FullBeforeMatching,
                PairSource::Pinned => WhyNot::PinnedPair,
                PairSource::Assigned | PairSource::Suggested(_) => WhyNot::PlacesWentElsewhere,
            }
        };
        higher.push((cell_score(cell), other, why_not));
    }
    crate::order::sort_by(&mut higher, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut by_rule: Vec<(HardRule, usize)> = Vec::new();
    for (_, _, why_not) in &higher {
        let rules: Vec<HardRule> = match why_not {
            WhyNot::Excluded(broken) => broken.iter().collect(),
            WhyNot::FullBeforeMatching | WhyNot::PlacesWentElsewhere => vec![HardRule::Capacity],
            WhyNot::PinnedPair => Vec::new(),
        };
        for rule in rules {
            match by_rule.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, count)) => *count += 1,
                None => by_rule.push((rule, 1)),
            }
        }
    }
    crate::order::sort(&mut by_rule);
    let higher_total = higher.len();
    PairExplanation {
        mentee: problem.mentees[mentee].id.clone(),
        mentor: problem.mentors[mentor].id.clone(),
        score,
        pinned: matches!(source, PairSource::Pinned),
        contributions: problem.contributions(mentee, mentor),
        rank,
        options,
        higher: higher
            .into_iter()
            .take(MAX_HIGHER_LISTED)
            .map(|(score, other, why_not)| HigherScoring {
                mentor: problem.mentors[other].id.clone(),
                score,
                why_not,
            })
            .collect(),
        higher_total,
        higher_by_rule: by_rule,
    }
}

/// Why `mentee` could not be matched, given the mentee's row of cells.
pub(super) fn explain_unmatched(problem: &Problem, row: &[i32], mentee: usize) -> Unmatched {
    let open: Vec<usize> = (0..row.len())
        .filter(|&j| problem.places_left(j) > 0)
        .collect();
    let reason = if open.is_empty() {
        UnmatchedReason::NoMentorWithPlaces
    } else {
        let allowed = open.iter().filter(|&&j| row[j] >= 0).count();
        if allowed > 0 {
            UnmatchedReason::AllowedMentorsFull { allowed }
        } else {
            let mut excluded_by: Vec<(HardRule, usize)> = HardRule::PAIR_RULES
                .iter()
                .map(|&rule| {
                    let count = open
                        .iter()
                        .filter(|&&j| problem.exclusions(mentee, j).contains(rule))
                        .count();
                    (rule, count)
                })
                .collect();
            excluded_by.retain(|(_, count)| *count > 0);
            UnmatchedReason::NoAllowedMentor {
                mentors_with_places: open.len(),
                excluded_by,
            }
        }
    };
    Unmatched {
        mentee: problem.mentees[mentee].id.clone(),
        reason,
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn duration(minutes: i32) -> String {
    match (minutes / 60, minutes % 60) {
        (hours, 0) => format!("{hours} h"),
        (0, rest) => format!("{rest} min"),
        (hours, rest) => format!("{hours} h {rest} min"),
    }
}

/// "+250 of 400 points": what a criterion added and the most it could, so a line at 0 still
/// says what the criterion is worth.
fn points(points: i64, most: i64) -> String {
    if points > 0 {
        format!("+{points} of {most} points")
    } else {
        format!("0 of {most} points")
    }
}

fn term_list(shared: &[String]) -> String {
    if shared.is_empty() {
        String::new()
    } else {
        format!(" ({})", shared.join(", "))
    }
}

impl Contribution {
    /// The most this criterion can add to a pair's score: its weight at a full fit.
    pub fn most_points(&self) -> i64 {
        i64::from(self.weight) * 100
    }

    /// One line of plain English: what the criterion found and the points it added.
    pub fn describe(&self, audience: Audience) -> String {
        let you = match audience {
            Audience::Mentee => "you",
            Audience::Others => "the mentee",
        };
        let fact = match (&self.criterion, &self.evidence) {
            (Criterion::Preferences, _) if audience == Audience::Others => {
                "Opt-in preferences: private to the mentee".to_owned()
            }
            (Criterion::Preferences, Evidence::Preferences { stated: 0, .. }) => {
                "Preferences: you stated none".to_owned()
            }
            (Criterion::Preferences, Evidence::Preferences { met, stated }) => format!(
                "Preferences: matches {met} of {} you stated",
                plural(*stated, "preference", "preferences")
            ),
            (Criterion::Skills, Evidence::SharedTerms { asked: 0, .. }) => {
                format!("Skills: no skills wanted were given by {you}")
            }
            (Criterion::Skills, Evidence::SharedTerms { shared, asked }) => format!(
                "Skills: the mentor offers {} of {} wanted{}",
                shared.len(),
                plural(*asked, "skill", "skills"),
                term_list(shared)
            ),
            (Criterion::Goals, Evidence::SharedTerms { asked: 0, .. }) => {
                format!("Goals: no goal keywords were given by {you}")
            }
            (Criterion::Goals, Evidence::SharedTerms { shared, asked }) => format!(
                "Goals: the mentor covers {} of {}{}",
                shared.len(),
                plural(*asked, "goal keyword", "goal keywords"),
                term_list(shared)
            ),
            (Criterion::Department, Evidence::NotUsed) => {
                "Department: not used in coaching".to_owned()
            }
            (_, Evidence::Department(Comparison::Same(name))) => format!(
                "Department: both in {name} (a mentor from another department scores higher: \
                 they widen a mentee's view of the organisation)"
            ),
            (_, Evidence::Department(Comparison::Different)) => {
                "Department: from a different department, which widens a mentee's view of the \
                 organisation"
                    .to_owned()
            }
            (_, Evidence::Department(Comparison::Unknown)) => {
                "Department: not known for one of the two".to_owned()
            }
            (_, Evidence::MinutesApart(0)) => "Time zone: the same working hours".to_owned(),
            (_, Evidence::MinutesApart(apart)) => format!(
                "Time zone: {} apart, sharing {} of an 8-hour working day",
                duration(*apart),
                duration((WORKING_DAY_MINUTES - apart).max(0))
            ),
            (_, Evidence::CommonHours(hours)) => format!(
                "Availability: {} free in common each week ({FULL_AVAILABILITY_HOURS} or more \
                 is a full fit)",
                plural(*hours as usize, "hour", "hours")
            ),
            (_, Evidence::Location(Comparison::Same(place))) => {
                format!("Location: both in {place}")
            }
            (_, Evidence::Location(Comparison::Different)) => {
                "Location: different locations".to_owned()
            }
            (_, Evidence::Location(Comparison::Unknown)) => {
                "Location: not known for one of the two".to_owned()
            }
            (Criterion::Seniority, Evidence::NotUsed) => {
                "Seniority: not used in coaching".to_owned()
            }
            (_, Evidence::GradesApart { grades, reverse }) => format!(
                "Seniority: the mentor is {} more {} (1–2 is ideal)",
                plural(grades.unsigned_abs() as usize, "grade", "grades"),
                match (reverse, *grades >= 0) {
                    (false, true) | (true, false) => "senior",
                    _ => "junior",
                }
            ),
            (criterion, _) => format!("{}: not used", criterion.key()),
        };
        format!("{fact}: {}", points(self.points, self.most_points()))
    }
}

impl WhyNot {
    pub fn describe(&self, problem_kind: crate::RelationshipKind, mode: Mode) -> String {
        match self {
            WhyNot::Excluded(broken) => broken
                .iter()
                .map(|rule| {
                    format!(
                        "rule '{}': {}",
                        rule.name(),
                        rule.broken_because(problem_kind)
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            WhyNot::FullBeforeMatching => "pinned pairs took all their places".to_owned(),
            WhyNot::PlacesWentElsewhere => match mode {
                Mode::Optimal => "their places went to other mentees, which matched more people \
                                  or gave a higher total"
                    .to_owned(),
                Mode::Stable => {
                    "their places went to mentees who fit them at least as well".to_owned()
                }
            },
            WhyNot::PinnedPair => "the admin pinned this pair".to_owned(),
        }
    }
}

impl PairExplanation {
    /// The explanation as lines of plain English, for `audience`.
    pub fn describe(
        &self,
        audience: Audience,
        kind: crate::RelationshipKind,
        mode: Mode,
    ) -> Vec<String> {
        let whom = match audience {
            Audience::Mentee => "you",
            Audience::Others => "this mentee",
        };
        let mut lines = vec![format!(
            "{} with {}: score {}{}",
            self.mentee,
            self.mentor,
            self.score,
            if self.pinned {
                " (pinned by the admin)"
            } else {
                ""
            }
        )];
        lines.extend(self.contributions.iter().map(|c| c.describe(audience)));
        lines.push(format!(
            "Rank: {} of the {} who could be paired with {whom}",
            ordinal(self.rank),
            plural(self.options, "mentor", "mentors")
        ));
        let (listed, more) = match self.higher_said(audience) {
            HigherSaid::Nothing => return lines,
            HigherSaid::NoneHigher => {
                lines.push("No other mentor would score higher".to_owned());
                return lines;
            }
            HigherSaid::Listed { listed, more } => (listed, more),
        };
        lines.push(format!(
            "{} would score higher but {} not available:",
            plural(self.higher_total, "mentor", "mentors"),
            if self.higher_total == 1 { "is" } else { "are" }
        ));
        for higher in listed {
            lines.push(format!(
                "- {} (score {}): {}",
                higher.mentor,
                higher.score,
                higher.why_not.describe(kind, mode)
            ));
        }
        if more > 0 {
            let counts = self
                .higher_by_rule
                .iter()
                .map(|(rule, count)| format!("'{}' {count}", rule.name()))
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(format!(
                "- and {more} more; mentors kept away by each rule: {counts}"
            ));
        }
        lines
    }
}

impl UnmatchedReason {
    /// Why the mentee has no partner, in plain English, for `audience`.
    pub fn describe(
        &self,
        audience: Audience,
        kind: crate::RelationshipKind,
        mode: Mode,
    ) -> String {
        let (you, your) = match audience {
            Audience::Mentee => ("you", "your"),
            Audience::Others => ("this mentee", "this mentee's"),
        };
        match self {
            UnmatchedReason::NoMentorWithPlaces => {
                "No mentor has a place left in this run; add mentors or raise their capacity"
                    .to_owned()
            }
            UnmatchedReason::NoAllowedMentor {
                mentors_with_places,
                excluded_by,
            } => match excluded_by.as_slice() {
                [(rule, count)] if count == mentors_with_places => {
                    format!(
                        "No mentor with places left {}",
                        requirement(*rule, kind, you, your)
                    )
                }
                _ => {
                    let parts = excluded_by
                        .iter()
                        .map(|(rule, count)| {
                            format!(
                                "{} of them break the rule '{}' ({})",
                                count,
                                rule.name(),
                                rule.broken_because(kind)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ");
                    format!(
                        "None of the {} with places left can be paired with {you}: {parts}",
                        plural(*mentors_with_places, "mentor", "mentors")
                    )
                }
            },
            UnmatchedReason::AllowedMentorsFull { allowed } => {
                let went = match mode {
                    Mode::Optimal => {
                        "so that as many people as possible are matched, with the \
                                      best total fit"
                    }
                    Mode::Stable => "to mentees who fit them better",
                };
                format!(
                    "All {} who could be paired with {you} filled their places, {went}",
                    plural(*allowed, "mentor", "mentors")
                )
            }
        }
    }
}

/// What a mentor would need, as a predicate: "shares a language with you".
fn requirement(rule: HardRule, kind: crate::RelationshipKind, you: &str, your: &str) -> String {
    match rule {
        HardRule::SamePerson => format!("is someone other than {you}"),
        HardRule::Forbidden => format!("is allowed for {you}: the admin forbade the others"),
        HardRule::PairUnderWay => {
            format!("is not already paired with {you} in another programme")
        }
        HardRule::PairEndedEarly => {
            format!("has not had a relationship with {you} in this programme ended early")
        }
        HardRule::ReportingLine => format!("is outside {your} reporting line"),
        HardRule::Seniority if kind == crate::RelationshipKind::ReverseMentoring => {
            format!("is more junior than {you}, as reverse mentoring needs")
        }
        HardRule::Seniority => format!("is more senior than {you}, as mentoring needs"),
        HardRule::CoachCredential => {
            "holds a coaching credential valid on the day the pair would start".to_owned()
        }
        HardRule::SharedLanguage => format!("shares a language with {you}"),
        HardRule::Capacity => "has a place left".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_and_durations_read_naturally() {
        let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            words,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
        assert_eq!(duration(180), "3 h");
        assert_eq!(duration(210), "3 h 30 min");
        assert_eq!(duration(45), "45 min");
    }

    #[test]
    fn a_line_says_the_most_its_criterion_could_add_and_why_another_department_counts() {
        let line = |criterion, weight: u32, points, evidence| {
            Contribution {
                criterion,
                fit_percent: (points / i64::from(weight.max(1))) as u8,
                weight,
                points,
                evidence,
            }
            .describe(Audience::Others)
        };
        let none_asked = Evidence::SharedTerms {
            shared: Vec::new(),
            asked: 0,
        };
        assert!(line(Criterion::Goals, 4, 0, none_asked).ends_with(": 0 of 400 points"));
        let same = Evidence::Department(Comparison::Same("Sales".into()));
        let same = line(Criterion::Department, 2, 0, same);
        assert!(same.contains("another department scores higher"), "{same}");
        assert!(same.ends_with(": 0 of 200 points"), "{same}");
        let hours = line(Criterion::Availability, 3, 300, Evidence::CommonHours(20));
        assert!(hours.ends_with(": +300 of 300 points"), "{hours}");
    }
}
