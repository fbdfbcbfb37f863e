//! The documented rules of matching, one example each (docs/matching.md): input errors that
//! say what to fix, pins that break a rule, the score of a pair worked out by hand, the
//! privacy of opt-in attributes, the rules of each programme kind, reasons for the unmatched,
//! and a run in slices.

use mentoring_core::matching::*;
use mentoring_core::person::{Grade, OptInPreferences};
use mentoring_core::{RecordId, RelationshipKind};

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

fn hours(day: u8, from: u8, to: u8) -> Availability {
    let mut a = Availability::new();
    for hour in from..to {
        a.insert(WeeklySlot::new(day, hour).unwrap());
    }
    a
}

fn mentee(name: &str, grade: u8) -> Mentee {
    Mentee {
        languages: vec!["en".into()],
        grade: Grade(grade),
        ..Mentee::new(id(name))
    }
}

fn mentor(name: &str, grade: u8, capacity: u32) -> Mentor {
    Mentor {
        languages: vec!["EN".into()],
        grade: Grade(grade),
        capacity,
        ..Mentor::new(id(name))
    }
}

fn pair(mentee: &str, mentor: &str) -> PairIds {
    PairIds {
        mentee: id(mentee),
        mentor: id(mentor),
    }
}

fn cohort(mentees: Vec<Mentee>, mentors: Vec<Mentor>) -> MatchingInput {
    MatchingInput {
        mentees,
        mentors,
        ..MatchingInput::new(RelationshipKind::Mentoring)
    }
}

#[test]
fn every_input_error_is_reported_at_once_and_says_what_to_fix() {
    let mut input = cohort(
        vec![mentee("ana", 1), mentee("ana", 2), mentee("bo", 1)],
        vec![mentor("cy", 5, 0), mentor("di", 5, 1)],
    );
    input.weights = Weights::default().with(Criterion::Skills, MAX_WEIGHT + 1);
    input.mentees[2].utc_offset_minutes = 15 * 60;
    input.forbids.push(pair("bo", "nobody"));
    input.pins.push(pair("ghost", "di"));
    let errors = Problem::new(input).unwrap_err();
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let expect = [
        "the weight for 'skills' is 1001; use a whole number from 0 to 1000",
        "mentee 'ana' is listed more than once",
        "mentor 'cy' has capacity 0; give a capacity of 1 or more",
        "'bo' has a UTC offset of 900 minutes",
        "names mentor 'nobody', who is not among the mentors; correct the id or add the mentor",
        "names mentee 'ghost', who is not among the mentees",
    ];
    for text in expect {
        assert!(
            messages.iter().any(|m| m.contains(text)),
            "missing {text:?} in {messages:#?}"
        );
    }
    assert_eq!(errors.len(), expect.len(), "{messages:#?}");
}

#[test]
fn a_pin_that_breaks_a_rule_is_refused_naming_the_rule() {
    let mut junior = mentor("junior", 1, 1);
    junior.manager_chain = vec![id("ana")];
    let mut input = cohort(
        vec![mentee("ana", 3), mentee("bo", 3), mentee("cy", 3)],
        vec![junior, mentor("sam", 6, 1)],
    );
    input.forbids.push(pair("bo", "sam"));
    input.pins = vec![pair("ana", "junior"), pair("bo", "sam"), pair("cy", "sam")];
    let errors = Problem::new(input).unwrap_err();
    let rules: Vec<(String, Option<HardRule>)> =
        errors.iter().map(|e| (e.to_string(), e.rule())).collect();
    assert!(rules
        .iter()
        .any(|(m, r)| *r == Some(HardRule::ReportingLine)
            && m.contains("breaks the rule 'outside the reporting line'")));
    assert!(rules.iter().any(|(m, r)| *r == Some(HardRule::Seniority)
        && m.contains("mentoring needs a mentor more senior than the mentee")));
    assert!(rules.iter().any(|(m, r)| *r == Some(HardRule::Forbidden)
        && m.contains("the pin of mentee 'bo' to mentor 'sam'")));
    // cy's pin alone is valid: no capacity error, since bo's pin was refused.
    assert_eq!(errors.len(), 3, "{rules:#?}");

    let mut input = cohort(
        vec![mentee("ana", 1), mentee("bo", 1)],
        vec![mentor("sam", 6, 1)],
    );
    input.pins = vec![pair("ana", "sam"), pair("bo", "sam")];
    let errors = Problem::new(input).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].rule(), Some(HardRule::Capacity));
    assert!(errors[0].to_string().contains("has 1 place(s) but 2 pins"));
}

#[test]
fn a_pairs_score_is_the_weighted_sum_of_its_fits() {
    let mut e = mentee("ana", 3);
    e.skills_wanted = vec!["SQL".into(), "negotiation".into(), "python".into()];
    e.goal_keywords = vec!["promotion".into(), "leadership".into()];
    e.department = "Finance".into();
    e.location = "Dubai".into();
    e.utc_offset_minutes = 240;
    e.availability = hours(0, 8, 11);
    let mut r = mentor("sam", 5, 1);
    r.skills_offered = vec![" sql".into(), "Negotiation".into(), "design".into()];
    r.topics = vec!["Leadership".into()];
    r.department = "IT".into();
    r.location = "London".into();
    r.utc_offset_minutes = 0;
    r.availability = hours(0, 9, 17);
    let problem = Problem::new(cohort(vec![e], vec![r])).unwrap();
    let fits: Vec<(Criterion, u8)> = problem
        .contributions(0, 0)
        .iter()
        .map(|c| (c.criterion, c.fit_percent))
        .collect();
    assert_eq!(
        fits,
        [
            (Criterion::Skills, 66),       // 2 of 3, case and spaces ignored
            (Criterion::Goals, 50),        // leadership, via topics
            (Criterion::Department, 100),  // different departments
            (Criterion::TimeZone, 50),     // 4 h apart: 4 of 8 working hours shared
            (Criterion::Availability, 50), // 2 hours in common
            (Criterion::Location, 0),
            (Criterion::Seniority, 100), // 2 grades
            (Criterion::Preferences, 0), // none stated
        ]
    );
    let w = Weights::default();
    let expected: i64 = fits
        .iter()
        .map(|(c, fit)| i64::from(w.get(*c)) * i64::from(*fit))
        .sum();
    assert_eq!(problem.pair_score(0, 0), expected);
}

fn private_cohort() -> MatchingInput {
    let mut e = mentee("ana", 2);
    e.opt_in = OptInPreferences {
        shared_attributes: vec![("Heritage".into(), "Qx-First-Generation".into())],
        prefers_shared: vec!["heritage".into()],
    };
    let mut shares = mentor("sam", 4, 1);
    shares.shared_attributes = vec![("heritage".into(), "qx-first-generation".into())];
    let mut other = mentor("tom", 4, 1);
    other.shared_attributes = vec![("heritage".into(), "Qx-Other".into())];
    cohort(vec![e], vec![shares, other])
}

#[test]
fn a_stated_preference_counts_but_is_never_named_to_anyone() {
    let problem = Problem::new(private_cohort()).unwrap();
    let matching = match_cohort(&problem, Mode::Optimal);
    let chosen = &matching.pairs[0];
    assert_eq!(chosen.mentor, id("sam"), "the preference decides the tie");
    let preference = chosen
        .contributions
        .iter()
        .find(|c| c.criterion == Criterion::Preferences)
        .unwrap();
    assert_eq!(preference.fit_percent, 100);
    assert_eq!(
        preference.evidence,
        Evidence::Preferences { met: 1, stated: 1 }
    );
    let for_mentee = chosen.describe(Audience::Mentee, problem.kind(), Mode::Optimal);
    let for_others = chosen.describe(Audience::Others, problem.kind(), Mode::Optimal);
    assert!(for_mentee
        .iter()
        .any(|l| l.starts_with("Preferences: matches 1 of 1 preference you stated")));
    assert!(for_others
        .iter()
        .any(|l| l.starts_with("Opt-in preferences: private to the mentee: +300 of 300 points")));
    let everything = format!(
        "{matching:?}{:?}{for_mentee:?}{for_others:?}",
        suggest_all(&problem)
    )
    .to_lowercase();
    for secret in ["heritage", "qx-"] {
        assert!(!everything.contains(secret), "{secret} leaked");
    }
}

/// Ana (grade 2, managed by boss) wants sales and negotiation. Boss and peer offer both but
/// are ruled out (reporting line, seniority); sam offers sales, tom nothing.
fn ruled_out_cohort() -> MatchingInput {
    let mut ana = mentee("ana", 2);
    ana.skills_wanted = vec!["sales".into(), "negotiation".into()];
    ana.manager_chain = vec![id("boss")];
    let offering = |name: &str, grade: u8, skills: &[&str]| Mentor {
        skills_offered: skills.iter().map(|s| s.to_string()).collect(),
        ..mentor(name, grade, 1)
    };
    cohort(
        vec![ana],
        vec![
            offering("boss", 9, &["sales", "negotiation"]),
            offering("peer", 2, &["sales", "negotiation"]),
            offering("sam", 4, &["sales"]),
            offering("tom", 4, &[]),
        ],
    )
}

#[test]
fn a_mentees_explanation_names_no_mentor_the_rules_keep_from_them() {
    let problem = Problem::new(ruled_out_cohort()).unwrap();
    let suggested = suggest_for(&problem, 0).options;
    let ids: Vec<&str> = suggested.iter().map(|p| p.mentor.as_str()).collect();
    assert_eq!(ids, ["sam", "tom"]);
    // An admin reads who would score higher and why not.
    let [sam, tom] = [&suggested[0], &suggested[1]];
    let higher: Vec<&str> = sam.higher.iter().map(|h| h.mentor.as_str()).collect();
    assert_eq!(higher, ["boss", "peer"]);
    let for_admin = sam.describe(Audience::Others, problem.kind(), Mode::Optimal);
    assert!(
        for_admin.iter().any(|l| l.starts_with("- boss (score")),
        "{for_admin:#?}"
    );
    // The mentee reads about the mentor offered, and nobody else.
    for pair in [sam, tom] {
        let for_mentee = pair.describe(Audience::Mentee, problem.kind(), Mode::Optimal);
        let text = for_mentee.join("\n");
        for word in ["boss", "peer", "higher", "reporting", "senior than"] {
            assert!(!text.contains(word), "{word} in: {text}");
        }
        assert_eq!(pair.higher_said(Audience::Mentee), HigherSaid::Nothing);
    }
}

#[test]
fn only_the_best_suggestion_says_no_other_mentor_would_score_higher() {
    let mut input = ruled_out_cohort();
    input
        .mentors
        .retain(|m| ["sam", "tom"].contains(&m.id.as_str()));
    let problem = Problem::new(input).unwrap();
    let suggested = suggest_for(&problem, 0).options;
    let said = |n: usize| {
        suggested[n]
            .describe(Audience::Others, problem.kind(), Mode::Optimal)
            .join("\n")
    };
    assert_eq!(suggested[0].rank, 1);
    assert!(
        said(0).contains("No other mentor would score higher"),
        "{}",
        said(0)
    );
    // Tom is second: sam, suggested above him, scores higher.
    assert_eq!(suggested[1].rank, 2);
    assert!(!said(1).contains("No other mentor"), "{}", said(1));
    assert_eq!(
        suggested[1].higher_said(Audience::Others),
        HigherSaid::Nothing
    );
}

#[test]
fn each_programme_kind_has_its_own_seniority_and_credential_rules() {
    let people = || {
        let mut coach = mentor("coach", 2, 1);
        coach.coach_credential_valid = true;
        (
            vec![mentee("ana", 4)],
            vec![coach, mentor("senior", 6, 1), mentor("junior", 2, 1)],
        )
    };
    let allowed = |kind: RelationshipKind| {
        let (mentees, mentors) = people();
        let input = MatchingInput {
            mentees,
            mentors,
            ..MatchingInput::new(kind)
        };
        let problem = Problem::new(input).unwrap();
        (0..3)
            .filter(|&j| problem.is_allowed(0, j))
            .map(|j| problem.mentors()[j].id.to_string())
            .collect::<Vec<_>>()
    };
    // Mentors in id order: coach, junior, senior.
    assert_eq!(allowed(RelationshipKind::Mentoring), ["senior"]);
    assert_eq!(
        allowed(RelationshipKind::ReverseMentoring),
        ["coach", "junior"]
    );
    assert_eq!(allowed(RelationshipKind::Coaching), ["coach"]);
}

#[test]
fn an_unmatched_mentee_is_told_which_rule_kept_every_mentor_away() {
    let mut lucie = mentee("lucie", 1);
    lucie.languages = vec!["fr".into()];
    let mut ben = mentee("ben", 1);
    ben.manager_chain = vec![id("sam")];
    let input = cohort(
        vec![lucie, ben, mentee("cy", 1), mentee("di", 1)],
        vec![mentor("sam", 5, 1), mentor("tom", 5, 1)],
    );
    let problem = Problem::new(input).unwrap();
    let matching = match_cohort(&problem, Mode::Optimal);
    assert_eq!(matching.pairs.len(), 2);
    let reason = |name: &str| {
        matching
            .unmatched
            .iter()
            .find(|u| u.mentee == id(name))
            .map(|u| {
                u.reason
                    .describe(Audience::Mentee, problem.kind(), Mode::Optimal)
            })
    };
    assert_eq!(
        reason("lucie").as_deref(),
        Some("No mentor with places left shares a language with you")
    );
    // ben can only have tom (sam manages him), so the optimum gives him tom: two of cy and
    // di share sam, and the one left over is told the allowed mentors are full.
    assert!(matching.pairs.iter().any(|p| p.mentee == id("ben")));
    let left = matching
        .unmatched
        .iter()
        .find(|u| u.mentee != id("lucie"))
        .unwrap();
    assert_eq!(
        left.reason,
        UnmatchedReason::AllowedMentorsFull { allowed: 2 }
    );
}

#[test]
fn a_run_in_slices_goes_through_its_stages_in_order() {
    let mentees: Vec<Mentee> = (0..30).map(|i| mentee(&format!("e{i:02}"), 1)).collect();
    let mentors: Vec<Mentor> = (0..10).map(|j| mentor(&format!("r{j:02}"), 5, 2)).collect();
    let problem = Problem::new(cohort(mentees, mentors)).unwrap();
    let mut run = MatchingRun::new(&problem, Mode::Optimal);
    let mut stages = Vec::new();
    loop {
        let progress = run.step(100);
        assert!(progress.done <= progress.total);
        if stages.last() != Some(&progress.stage) {
            stages.push(progress.stage);
        }
        if progress.is_done() {
            break;
        }
    }
    assert_eq!(
        stages,
        [
            Stage::Scoring,
            Stage::Solving,
            Stage::Explaining,
            Stage::Done
        ]
    );
    let matching = run.finish();
    assert_eq!(matching.pairs.len(), 20, "every place is filled");
    assert_eq!(matching.unmatched.len(), 10);
}
