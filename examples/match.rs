//! Matches a cohort described in a JSON file and prints the result as JSON.
//!
//! ```text
//! cargo run --release --example match -- examples/match-sample.json
//! ```
//!
//! The file format and the output are described in docs/matching.md. The JSON shapes live
//! here, not in the core: `mentoring_core::matching` knows nothing of serde. Bad input gets
//! a message saying what to fix, and exit code 2.

use std::collections::BTreeMap;
use std::process::ExitCode;

use mentoring_core::matching::{
    match_cohort, suggest_all, Audience, Availability, Contribution, Criterion, HardRule,
    HigherScoring, MatchingInput, Mentee, Mentor, Mode, PairExplanation, PairIds, Problem,
    Suggestions, Unmatched, UnmatchedReason, WeeklySlot, WhyNot,
};
use mentoring_core::person::{Grade, OptInPreferences};
use mentoring_core::{RecordId, RelationshipKind};
use serde::{Deserialize, Serialize};

// ---- The input file ---------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CohortFile {
    mode: ModeV1,
    programme: ProgrammeV1,
    /// Criteria named here replace the default weight; the others keep theirs.
    #[serde(default)]
    weights: BTreeMap<String, u32>,
    mentees: Vec<MenteeV1>,
    mentors: Vec<MentorV1>,
    #[serde(default)]
    pins: Vec<PairV1>,
    #[serde(default)]
    forbids: Vec<PairV1>,
}

#[derive(Clone, Copy, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
enum ModeV1 {
    Optimal,
    Stable,
    Suggestions,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ProgrammeV1 {
    Mentoring,
    ReverseMentoring,
    Coaching,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MenteeV1 {
    id: String,
    #[serde(default)]
    skills_wanted: Vec<String>,
    #[serde(default)]
    goal_keywords: Vec<String>,
    languages: Vec<String>,
    #[serde(default)]
    location: String,
    #[serde(default)]
    utc_offset_minutes: i32,
    #[serde(default)]
    availability: Vec<String>,
    grade: u8,
    #[serde(default)]
    department: String,
    #[serde(default)]
    manager_chain: Vec<String>,
    /// Opt-in: attributes the mentee chose to state, e.g. {"gender": "woman"}.
    #[serde(default)]
    shared_attributes: BTreeMap<String, String>,
    /// Opt-in: which of them they would like their mentor to share.
    #[serde(default)]
    prefers_shared: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MentorV1 {
    id: String,
    #[serde(default)]
    skills_offered: Vec<String>,
    #[serde(default)]
    topics: Vec<String>,
    capacity: u32,
    languages: Vec<String>,
    #[serde(default)]
    location: String,
    #[serde(default)]
    utc_offset_minutes: i32,
    #[serde(default)]
    availability: Vec<String>,
    grade: u8,
    #[serde(default)]
    department: String,
    #[serde(default)]
    manager_chain: Vec<String>,
    #[serde(default)]
    coach_credential_valid: bool,
    #[serde(default)]
    shared_attributes: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PairV1 {
    mentee: String,
    mentor: String,
}

// ---- The output -------------------------------------------------------------------------

#[derive(Serialize)]
struct MatchingV1 {
    mode: ModeV1,
    matched: usize,
    unmatched_count: usize,
    total_score: i64,
    pairs: Vec<PairV1Out>,
    unmatched: Vec<UnmatchedV1>,
}

#[derive(Serialize)]
struct SuggestionsV1 {
    mode: ModeV1,
    suggestions: Vec<MenteeSuggestionsV1>,
}

#[derive(Serialize)]
struct MenteeSuggestionsV1 {
    mentee: String,
    pinned_to: Option<String>,
    options: Vec<PairV1Out>,
    none_because: Option<ReasonV1>,
}

#[derive(Serialize)]
struct PairV1Out {
    mentee: String,
    mentor: String,
    score: i64,
    pinned: bool,
    /// 1 = the mentee's best-scoring allowed mentor.
    rank: usize,
    /// How many mentors the hard rules allow for this mentee.
    options: usize,
    contributions: Vec<ContributionV1>,
    higher_scoring: Vec<HigherV1>,
    higher_scoring_total: usize,
    higher_scoring_by_rule: BTreeMap<&'static str, usize>,
    /// What the admin or the mentor reads.
    explanation: Vec<String>,
    /// What the mentee reads.
    explanation_for_mentee: Vec<String>,
}

#[derive(Serialize)]
struct ContributionV1 {
    criterion: &'static str,
    fit_percent: u8,
    weight: u32,
    points: i64,
}

#[derive(Serialize)]
struct HigherV1 {
    mentor: String,
    score: i64,
    /// Rule keys (e.g. "shared_language"), or "places_went_elsewhere", "full_before_matching",
    /// "pinned_pair".
    why_not: Vec<&'static str>,
}

#[derive(Serialize)]
struct UnmatchedV1 {
    mentee: String,
    reason: ReasonV1,
}

#[derive(Serialize)]
struct ReasonV1 {
    /// "no_mentor_with_places", "no_allowed_mentor" or "allowed_mentors_full".
    kind: &'static str,
    excluded_by: BTreeMap<&'static str, usize>,
    explanation: String,
    explanation_for_mentee: String,
}

fn rule_key(rule: HardRule) -> &'static str {
    match rule {
        HardRule::SamePerson => "same_person",
        HardRule::Forbidden => "forbidden",
        HardRule::PairUnderWay => "pair_under_way",
        HardRule::PairEndedEarly => "pair_ended_early",
        HardRule::ReportingLine => "reporting_line",
        HardRule::Seniority => "seniority",
        HardRule::CoachCredential => "coach_credential",
        HardRule::SharedLanguage => "shared_language",
        HardRule::Capacity => "capacity",
    }
}

fn contribution(c: &Contribution) -> ContributionV1 {
    ContributionV1 {
        criterion: c.criterion.key(),
        fit_percent: c.fit_percent,
        weight: c.weight,
        points: c.points,
    }
}

fn higher(h: &HigherScoring) -> HigherV1 {
    let why_not = match h.why_not {
        WhyNot::Excluded(rules) => rules.iter().map(rule_key).collect(),
        WhyNot::PlacesWentElsewhere => vec!["places_went_elsewhere"],
        WhyNot::FullBeforeMatching => vec!["full_before_matching"],
        WhyNot::PinnedPair => vec!["pinned_pair"],
    };
    HigherV1 {
        mentor: h.mentor.to_string(),
        score: h.score,
        why_not,
    }
}

fn pair(p: &PairExplanation, kind: RelationshipKind, mode: Mode) -> PairV1Out {
    PairV1Out {
        mentee: p.mentee.to_string(),
        mentor: p.mentor.to_string(),
        score: p.score,
        pinned: p.pinned,
        rank: p.rank,
        options: p.options,
        contributions: p.contributions.iter().map(contribution).collect(),
        higher_scoring: p.higher.iter().map(higher).collect(),
        higher_scoring_total: p.higher_total,
        higher_scoring_by_rule: p
            .higher_by_rule
            .iter()
            .map(|(rule, count)| (rule_key(*rule), *count))
            .collect(),
        explanation: p.describe(Audience::Others, kind, mode),
        explanation_for_mentee: p.describe(Audience::Mentee, kind, mode),
    }
}

fn reason(r: &UnmatchedReason, kind: RelationshipKind, mode: Mode) -> ReasonV1 {
    let (key, excluded_by) = match r {
        UnmatchedReason::NoMentorWithPlaces => ("no_mentor_with_places", BTreeMap::new()),
        UnmatchedReason::NoAllowedMentor { excluded_by, .. } => (
            "no_allowed_mentor",
            excluded_by
                .iter()
                .map(|(rule, count)| (rule_key(*rule), *count))
                .collect(),
        ),
        UnmatchedReason::AllowedMentorsFull { .. } => ("allowed_mentors_full", BTreeMap::new()),
    };
    ReasonV1 {
        kind: key,
        excluded_by,
        explanation: r.describe(Audience::Others, kind, mode),
        explanation_for_mentee: r.describe(Audience::Mentee, kind, mode),
    }
}

fn unmatched(u: &Unmatched, kind: RelationshipKind, mode: Mode) -> UnmatchedV1 {
    UnmatchedV1 {
        mentee: u.mentee.to_string(),
        reason: reason(&u.reason, kind, mode),
    }
}

fn suggestions(s: &Suggestions, kind: RelationshipKind) -> MenteeSuggestionsV1 {
    MenteeSuggestionsV1 {
        mentee: s.mentee.to_string(),
        pinned_to: s.pinned_to.as_ref().map(ToString::to_string),
        options: s
            .options
            .iter()
            .map(|p| pair(p, kind, Mode::Optimal))
            .collect(),
        none_because: s
            .none_because
            .as_ref()
            .map(|r| reason(r, kind, Mode::Optimal)),
    }
}

// ---- From the file to the core ------------------------------------------------------------

/// Collects every problem in the file, each with where it is, so one run shows them all.
struct Problems(Vec<String>);

impl Problems {
    fn id(&mut self, at: &str, text: &str) -> RecordId {
        RecordId::parse(text).unwrap_or_else(|e| {
            self.0.push(format!("{at}: {e} (found {text:?})"));
            RecordId::parse("invalid").expect("a valid placeholder")
        })
    }

    fn ids(&mut self, at: &str, texts: &[String]) -> Vec<RecordId> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| self.id(&format!("{at}[{i}]"), t))
            .collect()
    }

    fn availability(&mut self, at: &str, texts: &[String]) -> Availability {
        let mut hours = Availability::new();
        for (i, text) in texts.iter().enumerate() {
            match parse_hours(text) {
                Some(slots) => slots.into_iter().for_each(|s| hours.insert(s)),
                None => self.0.push(format!(
                    "{at}[{i}]: {text:?} is not a time; write a day and UTC hours, from-to, like \
                     \"mon 09-12\" (days mon…sun, hours 0–24)"
                )),
            }
        }
        hours
    }
}

/// "mon 09-12" → Monday 09:00–12:00 UTC (three hourly slots); "tue 14" → one hour.
fn parse_hours(text: &str) -> Option<Vec<WeeklySlot>> {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let (day, hours) = text.trim().split_once(' ')?;
    let day = DAYS
        .iter()
        .position(|d| d.eq_ignore_ascii_case(day.trim()))? as u8;
    let (from, to) = match hours.trim().split_once('-') {
        Some((from, to)) => (
            from.trim().parse::<u8>().ok()?,
            to.trim().parse::<u8>().ok()?,
        ),
        None => {
            let hour = hours.trim().parse::<u8>().ok()?;
            (hour, hour.checked_add(1)?)
        }
    };
    if from >= to || to > 24 {
        return None;
    }
    (from..to).map(|hour| WeeklySlot::new(day, hour)).collect()
}

fn attributes(map: BTreeMap<String, String>) -> Vec<(String, String)> {
    map.into_iter().collect()
}

fn to_input(file: CohortFile) -> Result<(Mode, bool, MatchingInput), Vec<String>> {
    let mut problems = Problems(Vec::new());
    let kind = match file.programme {
        ProgrammeV1::Mentoring => RelationshipKind::Mentoring,
        ProgrammeV1::ReverseMentoring => RelationshipKind::ReverseMentoring,
        ProgrammeV1::Coaching => RelationshipKind::Coaching,
    };
    let mut input = MatchingInput::new(kind);
    for (key, weight) in file.weights {
        match Criterion::from_key(&key) {
            Some(criterion) => input.weights.set(criterion, weight),
            None => problems.0.push(format!(
                "weights: there is no criterion {key:?}; use some of {}",
                Criterion::ALL.map(|c| c.key()).join(", ")
            )),
        }
    }
    for (i, m) in file.mentees.into_iter().enumerate() {
        let at = format!("mentees[{i}]");
        let mut mentee = Mentee::new(problems.id(&format!("{at}.id"), &m.id));
        mentee.skills_wanted = m.skills_wanted;
        mentee.goal_keywords = m.goal_keywords;
        mentee.languages = m.languages;
        mentee.location = m.location;
        mentee.utc_offset_minutes = m.utc_offset_minutes;
        mentee.availability = problems.availability(&format!("{at}.availability"), &m.availability);
        mentee.grade = Grade(m.grade);
        mentee.department = m.department;
        mentee.manager_chain = problems.ids(&format!("{at}.manager_chain"), &m.manager_chain);
        mentee.opt_in = OptInPreferences {
            shared_attributes: attributes(m.shared_attributes),
            prefers_shared: m.prefers_shared,
        };
        input.mentees.push(mentee);
    }
    for (i, m) in file.mentors.into_iter().enumerate() {
        let at = format!("mentors[{i}]");
        let mut mentor = Mentor::new(problems.id(&format!("{at}.id"), &m.id));
        mentor.skills_offered = m.skills_offered;
        mentor.topics = m.topics;
        mentor.capacity = m.capacity;
        mentor.languages = m.languages;
        mentor.location = m.location;
        mentor.utc_offset_minutes = m.utc_offset_minutes;
        mentor.availability = problems.availability(&format!("{at}.availability"), &m.availability);
        mentor.grade = Grade(m.grade);
        mentor.department = m.department;
        mentor.manager_chain = problems.ids(&format!("{at}.manager_chain"), &m.manager_chain);
        mentor.coach_credential_valid = m.coach_credential_valid;
        mentor.shared_attributes = attributes(m.shared_attributes);
        input.mentors.push(mentor);
    }
    for (list, pairs, into) in [
        ("pins", file.pins, &mut input.pins),
        ("forbids", file.forbids, &mut input.forbids),
    ] {
        for (i, p) in pairs.into_iter().enumerate() {
            into.push(PairIds {
                mentee: problems.id(&format!("{list}[{i}].mentee"), &p.mentee),
                mentor: problems.id(&format!("{list}[{i}].mentor"), &p.mentor),
            });
        }
    }
    let (mode, suggestions) = match file.mode {
        ModeV1::Optimal => (Mode::Optimal, false),
        ModeV1::Stable => (Mode::Stable, false),
        ModeV1::Suggestions => (Mode::Optimal, true),
    };
    if problems.0.is_empty() {
        Ok((mode, suggestions, input))
    } else {
        Err(problems.0)
    }
}

fn fail(path: &str, problems: &[String]) -> ExitCode {
    eprintln!("{path}: cannot match this cohort; fix the following and run again:");
    for problem in problems {
        eprintln!("  - {problem}");
    }
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!(
            "usage: cargo run --release --example match -- FILE.json\n\
             FILE.json describes the cohort and the mode (see docs/matching.md and \
             examples/match-sample.json)"
        );
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: cannot read the file ({e}); check the path and permissions");
            return ExitCode::from(2);
        }
    };
    let file: CohortFile = match serde_json::from_str(&text) {
        Ok(file) => file,
        Err(e) => return fail(path, &[format!("{e}")]),
    };
    let (mode, wants_suggestions, input) = match to_input(file) {
        Ok(parts) => parts,
        Err(problems) => return fail(path, &problems),
    };
    let problem = match Problem::new(input) {
        Ok(problem) => problem,
        Err(errors) => {
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            return fail(path, &messages);
        }
    };
    let kind = problem.kind();
    let json = if wants_suggestions {
        serde_json::to_string_pretty(&SuggestionsV1 {
            mode: ModeV1::Suggestions,
            suggestions: suggest_all(&problem)
                .iter()
                .map(|s| suggestions(s, kind))
                .collect(),
        })
    } else {
        let matching = match_cohort(&problem, mode);
        serde_json::to_string_pretty(&MatchingV1 {
            mode: match mode {
                Mode::Optimal => ModeV1::Optimal,
                Mode::Stable => ModeV1::Stable,
            },
            matched: matching.pairs.len(),
            unmatched_count: matching.unmatched.len(),
            total_score: matching.total_score,
            pairs: matching.pairs.iter().map(|p| pair(p, kind, mode)).collect(),
            unmatched: matching
                .unmatched
                .iter()
                .map(|u| unmatched(u, kind, mode))
                .collect(),
        })
    };
    match json {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("could not write the result as JSON ({e})");
            ExitCode::from(1)
        }
    }
}
