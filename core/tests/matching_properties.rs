//! Properties of matching on a few hundred random small cohorts (seeded, so a failure
//! reproduces): the optimum equals brute force; no output breaks a hard rule (checked here
//! from the raw input, not with the code under test); stable mode has no blocking pair;
//! every outcome is explained and the explanations are true; same input, same output;
//! pins kept, forbids absent; opt-in attributes never named.

use mentoring_core::matching::instances::Rng;
use mentoring_core::matching::*;
use mentoring_core::person::{Grade, OptInPreferences};
use mentoring_core::{RecordId, RelationshipKind};

const INSTANCES: u64 = 500;

const SKILLS: [&str; 6] = [
    "SQL",
    "negotiation",
    "python",
    "finance",
    "design",
    "leadership",
];
const LANGUAGES: [&str; 3] = ["en", "ar", "fr"];
const PLACES: [&str; 3] = ["London", "Dubai", "Leeds"];
const DEPARTMENTS: [&str; 3] = ["Finance", "IT", "HR"];
const OFFSETS: [i32; 5] = [-300, 0, 60, 240, 330];
// Distinctive, so a leak into any text is unmistakable.
const ATTRIBUTES: [&str; 2] = ["zqattr-alpha", "zqattr-beta"];
const VALUES: [&str; 2] = ["zqval-one", "zqval-two"];

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

fn availability(rng: &mut Rng) -> Availability {
    let mut hours = Availability::new();
    for _ in 0..rng.below(6) {
        hours.insert(WeeklySlot::new(rng.below(2) as u8, 9 + rng.below(4) as u8).unwrap());
    }
    hours
}

/// Most people speak English; some also or only Arabic or French.
fn languages(rng: &mut Rng) -> Vec<String> {
    let mut spoken = rng.some_of(&LANGUAGES[1..], 40);
    if rng.chance(85) {
        spoken.push("EN ".to_owned());
    }
    spoken
}

fn attributes(rng: &mut Rng) -> Vec<(String, String)> {
    let mut shared = Vec::new();
    for name in ATTRIBUTES {
        if rng.chance(60) {
            shared.push((name.to_owned(), rng.pick(&VALUES).to_owned()));
        }
    }
    shared
}

fn random_weights(rng: &mut Rng) -> Weights {
    let mut weights = Weights::zero();
    for criterion in Criterion::ALL {
        weights.set(criterion, rng.below(11) as u32);
    }
    weights
}

/// A random cohort of up to `max_mentees` × `max_mentors`, with forbids and valid pins.
fn random_input(rng: &mut Rng, max_mentees: usize, max_mentors: usize) -> MatchingInput {
    let kind = rng.pick(&[
        RelationshipKind::Mentoring,
        RelationshipKind::ReverseMentoring,
        RelationshipKind::Coaching,
    ]);
    let mut input = MatchingInput::new(kind);
    input.weights = random_weights(rng);
    let mentees = rng.below(max_mentees + 1);
    let mentors = if rng.chance(5) {
        0
    } else {
        1 + rng.below(max_mentors)
    };
    // Mostly the seniority the programme needs, sometimes not.
    let (mentee_lift, mentor_lift) = match kind {
        RelationshipKind::Mentoring => (0, 2),
        RelationshipKind::ReverseMentoring => (2, 0),
        RelationshipKind::Coaching => (0, 0),
    };
    let mentee_ids: Vec<String> = (0..mentees).map(|i| format!("e{i}")).collect();
    // Now and then a mentee is also a mentor (the same person on both lists).
    let mentor_ids: Vec<String> = (0..mentors)
        .map(|j| {
            if j == 0 && mentees > 0 && rng.chance(10) {
                mentee_ids[0].clone()
            } else {
                format!("r{j}")
            }
        })
        .collect();
    for name in &mentee_ids {
        let mut m = Mentee::new(id(name));
        m.skills_wanted = rng.some_of(&SKILLS, 40);
        m.goal_keywords = rng.some_of(&SKILLS, 30);
        m.languages = languages(rng);
        m.location = rng.pick(&PLACES).to_owned();
        m.utc_offset_minutes = rng.pick(&OFFSETS);
        m.availability = availability(rng);
        m.grade = Grade(1 + mentee_lift + rng.below(6) as u8);
        m.department = rng.pick(&DEPARTMENTS).to_owned();
        m.manager_chain = mentor_ids
            .iter()
            .filter(|_| rng.chance(8))
            .map(|s| id(s))
            .collect();
        m.opt_in = OptInPreferences {
            shared_attributes: attributes(rng),
            prefers_shared: rng.some_of(&ATTRIBUTES, 35),
        };
        input.mentees.push(m);
    }
    for name in &mentor_ids {
        let mut m = Mentor::new(id(name));
        m.skills_offered = rng.some_of(&SKILLS, 45);
        m.topics = rng.some_of(&SKILLS, 20);
        m.capacity = 1 + rng.below(3) as u32;
        m.languages = languages(rng);
        m.location = rng.pick(&PLACES).to_owned();
        m.utc_offset_minutes = rng.pick(&OFFSETS);
        m.availability = availability(rng);
        m.grade = Grade(1 + mentor_lift + rng.below(6) as u8);
        m.department = rng.pick(&DEPARTMENTS).to_owned();
        m.manager_chain = mentee_ids
            .iter()
            .filter(|_| rng.chance(8))
            .map(|s| id(s))
            .collect();
        m.coach_credential_valid = rng.chance(70);
        m.shared_attributes = attributes(rng);
        input.mentors.push(m);
    }
    for mentee in &mentee_ids {
        for mentor in &mentor_ids {
            if rng.chance(10) {
                input.forbids.push(PairIds {
                    mentee: id(mentee),
                    mentor: id(mentor),
                });
            }
        }
    }
    // Pins: some mentees pinned to a mentor the rules (checked independently) allow.
    let mut pins_left: Vec<u32> = input.mentors.iter().map(|m| m.capacity).collect();
    for i in 0..mentees {
        if !rng.chance(20) {
            continue;
        }
        let candidates: Vec<usize> = (0..mentors)
            .filter(|&j| pins_left[j] > 0 && broken_rules(&input, i, j).is_empty())
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let j = rng.pick(&candidates);
        pins_left[j] -= 1;
        input.pins.push(PairIds {
            mentee: input.mentees[i].id.clone(),
            mentor: input.mentors[j].id.clone(),
        });
    }
    input
}

fn shares_a_word(a: &[String], b: &[String]) -> bool {
    a.iter()
        .any(|x| b.iter().any(|y| x.trim().eq_ignore_ascii_case(y.trim())))
}

/// The hard rules, straight from the input: an independent check of the core's own.
fn broken_rules(input: &MatchingInput, mentee: usize, mentor: usize) -> Vec<HardRule> {
    let (e, r) = (&input.mentees[mentee], &input.mentors[mentor]);
    let mut broken = Vec::new();
    if e.id == r.id {
        broken.push(HardRule::SamePerson);
    }
    if input
        .forbids
        .iter()
        .any(|f| f.mentee == e.id && f.mentor == r.id)
    {
        broken.push(HardRule::Forbidden);
    }
    if e.manager_chain.contains(&r.id) || r.manager_chain.contains(&e.id) {
        broken.push(HardRule::ReportingLine);
    }
    let seniority_ok = match input.kind {
        RelationshipKind::Mentoring => r.grade > e.grade,
        RelationshipKind::ReverseMentoring => r.grade < e.grade,
        RelationshipKind::Coaching => true,
    };
    if !seniority_ok {
        broken.push(HardRule::Seniority);
    }
    if input.kind == RelationshipKind::Coaching && !r.coach_credential_valid {
        broken.push(HardRule::CoachCredential);
    }
    if !shares_a_word(&e.languages, &r.languages) {
        broken.push(HardRule::SharedLanguage);
    }
    broken
}

fn index_of(problem: &Problem, pair: &PairExplanation) -> (usize, usize) {
    (
        problem.mentee_index(&pair.mentee).unwrap(),
        problem.mentor_index(&pair.mentor).unwrap(),
    )
}

/// The best (number matched, total score) by trying every assignment of unpinned mentees.
fn brute_force(problem: &Problem) -> (usize, i64) {
    fn search(
        problem: &Problem,
        free: &[usize],
        places: &mut [u32],
        matched: usize,
        score: i64,
        best: &mut (usize, i64),
    ) {
        let Some((&mentee, rest)) = free.split_first() else {
            *best = (*best).max((matched, score));
            return;
        };
        search(problem, rest, places, matched, score, best);
        for mentor in 0..places.len() {
            if places[mentor] > 0 && problem.is_allowed(mentee, mentor) {
                places[mentor] -= 1;
                let s = problem.pair_score(mentee, mentor);
                search(problem, rest, places, matched + 1, score + s, best);
                places[mentor] += 1;
            }
        }
    }
    let mentees = problem.mentees().len();
    let free: Vec<usize> = (0..mentees)
        .filter(|&i| problem.pinned_mentor(i).is_none())
        .collect();
    let mut places: Vec<u32> = (0..problem.mentors().len())
        .map(|j| problem.places_left(j))
        .collect();
    let (mut pinned, mut pinned_score) = (0, 0);
    for i in 0..mentees {
        if let Some(j) = problem.pinned_mentor(i) {
            pinned += 1;
            pinned_score += problem.pair_score(i, j);
        }
    }
    let mut best = (0, 0);
    search(problem, &free, &mut places, 0, 0, &mut best);
    (best.0 + pinned, best.1 + pinned_score)
}

/// Mentees per mentor in a result.
fn loads(problem: &Problem, matching: &Matching) -> Vec<u32> {
    let mut load = vec![0u32; problem.mentors().len()];
    for pair in &matching.pairs {
        load[index_of(problem, pair).1] += 1;
    }
    load
}

/// Everything a run must keep, whatever the mode.
fn check_outcome(input: &MatchingInput, problem: &Problem, matching: &Matching) {
    let load = loads(problem, matching);
    for (j, mentor) in problem.mentors().iter().enumerate() {
        assert!(load[j] <= mentor.capacity, "{} over capacity", mentor.id);
    }
    let mut seen: Vec<&RecordId> = matching
        .pairs
        .iter()
        .map(|p| &p.mentee)
        .chain(matching.unmatched.iter().map(|u| &u.mentee))
        .collect();
    seen.sort();
    let mut all: Vec<&RecordId> = input.mentees.iter().map(|m| &m.id).collect();
    all.sort();
    assert_eq!(seen, all, "every mentee is either paired or explained once");

    let raw_index = |id: &RecordId| input.mentees.iter().position(|m| &m.id == id).unwrap();
    let raw_mentor = |id: &RecordId| input.mentors.iter().position(|m| &m.id == id).unwrap();
    for pair in &matching.pairs {
        let broken = broken_rules(input, raw_index(&pair.mentee), raw_mentor(&pair.mentor));
        assert!(broken.is_empty(), "{pair:?} breaks {broken:?}");
        let (i, j) = index_of(problem, pair);
        // The explanation adds up and is true.
        assert_eq!(pair.contributions.len(), Criterion::COUNT);
        let sum: i64 = pair.contributions.iter().map(|c| c.points).sum();
        assert_eq!(sum, pair.score);
        assert_eq!(pair.score, problem.pair_score(i, j));
        assert!(1 <= pair.rank && pair.rank <= pair.options, "{pair:?}");
        assert_eq!(pair.pinned, problem.pinned_mentor(i) == Some(j));
        assert!(pair.higher.len() <= pair.higher_total.min(MAX_HIGHER_LISTED));
        for higher in &pair.higher {
            assert!(higher.score > pair.score);
            let h = problem.mentor_index(&higher.mentor).unwrap();
            assert_eq!(higher.score, problem.pair_score(i, h));
            match higher.why_not {
                WhyNot::Excluded(rules) => {
                    let expected =
                        broken_rules(input, raw_index(&pair.mentee), raw_mentor(&higher.mentor));
                    assert_eq!(rules.iter().collect::<Vec<_>>(), expected);
                }
                WhyNot::PlacesWentElsewhere => {
                    assert!(problem.places_left(h) > 0);
                    assert_eq!(
                        load[h],
                        problem.mentors()[h].capacity,
                        "{higher:?} is not full"
                    );
                }
                WhyNot::FullBeforeMatching => assert_eq!(problem.places_left(h), 0),
                WhyNot::PinnedPair => assert!(pair.pinned),
            }
        }
    }
    for pin in &input.pins {
        assert!(
            matching
                .pairs
                .iter()
                .any(|p| p.mentee == pin.mentee && p.mentor == pin.mentor && p.pinned),
            "pin {pin:?} kept"
        );
    }
    for forbid in &input.forbids {
        assert!(
            !matching
                .pairs
                .iter()
                .any(|p| p.mentee == forbid.mentee && p.mentor == forbid.mentor),
            "forbid {forbid:?} respected"
        );
    }
    for unmatched in &matching.unmatched {
        let i = problem.mentee_index(&unmatched.mentee).unwrap();
        let open: Vec<usize> = (0..problem.mentors().len())
            .filter(|&j| problem.places_left(j) > 0)
            .collect();
        let allowed_open: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&j| {
                broken_rules(
                    input,
                    raw_index(&unmatched.mentee),
                    raw_mentor(&problem.mentors()[j].id),
                )
                .is_empty()
            })
            .collect();
        match &unmatched.reason {
            UnmatchedReason::NoMentorWithPlaces => assert!(open.is_empty()),
            UnmatchedReason::NoAllowedMentor {
                mentors_with_places,
                excluded_by,
            } => {
                assert!(allowed_open.is_empty());
                assert_eq!(*mentors_with_places, open.len());
                assert!(!excluded_by.is_empty());
            }
            UnmatchedReason::AllowedMentorsFull { allowed } => {
                assert_eq!(*allowed, allowed_open.len());
                for &j in &allowed_open {
                    assert_eq!(
                        load[j],
                        problem.mentors()[j].capacity,
                        "mentee {i} could take {j}"
                    );
                }
            }
        }
    }
}

/// No mentee and mentor who would both rather have each other (pinned pairs aside).
fn assert_no_blocking_pair(problem: &Problem, matching: &Matching) {
    let load = loads(problem, matching);
    let mut partner: Vec<Option<usize>> = vec![None; problem.mentees().len()];
    for pair in &matching.pairs {
        let (i, j) = index_of(problem, pair);
        partner[i] = Some(j);
    }
    for i in 0..problem.mentees().len() {
        if problem.pinned_mentor(i).is_some() {
            continue;
        }
        for (j, (&held, mentor)) in load.iter().zip(problem.mentors()).enumerate() {
            if partner[i] == Some(j) || !problem.is_allowed(i, j) {
                continue;
            }
            let s = problem.pair_score(i, j);
            let mentee_would = partner[i].is_none_or(|p| s > problem.pair_score(i, p));
            let mentor_would = held < mentor.capacity
                || (0..problem.mentees().len()).any(|k| {
                    partner[k] == Some(j)
                        && problem.pinned_mentor(k).is_none()
                        && problem.pair_score(k, j) < s
                });
            assert!(
                !(mentee_would && mentor_would),
                "blocking pair: mentee {} and mentor {}",
                problem.mentees()[i].id,
                mentor.id
            );
        }
    }
}

fn texts(problem: &Problem, matching: &Matching) -> Vec<String> {
    let mut all = vec![format!("{matching:?}")];
    for audience in [Audience::Mentee, Audience::Others] {
        for pair in &matching.pairs {
            all.extend(pair.describe(audience, problem.kind(), matching.mode));
        }
        for unmatched in &matching.unmatched {
            all.push(
                unmatched
                    .reason
                    .describe(audience, problem.kind(), matching.mode),
            );
        }
    }
    all
}

fn assert_private(texts: &[String]) {
    for text in texts {
        for secret in ATTRIBUTES.iter().chain(VALUES.iter()) {
            assert!(!text.contains(secret), "{secret} leaked in: {text}");
        }
    }
}

/// How often the random cohorts hit the cases worth testing, so a generator change that
/// stops exercising one is noticed.
#[derive(Debug, Default)]
struct Coverage {
    optimum_beats_stable: usize,
    pins: usize,
    full_mentor_passed_over: usize,
    no_allowed_mentor: usize,
    allowed_mentors_full: usize,
    matched: usize,
}

#[test]
fn the_optimum_equals_brute_force_and_every_outcome_keeps_the_rules() {
    let mut seen = Coverage::default();
    for seed in 0..INSTANCES {
        let mut rng = Rng::new(seed);
        let input = random_input(&mut rng, 8, 5);
        let problem = Problem::new(input.clone()).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
        let optimal = match_cohort(&problem, Mode::Optimal);
        let stable = match_cohort(&problem, Mode::Stable);
        check_outcome(&input, &problem, &optimal);
        check_outcome(&input, &problem, &stable);
        let best = brute_force(&problem);
        assert_eq!(
            (optimal.pairs.len(), optimal.total_score),
            best,
            "seed {seed}: optimum differs from brute force"
        );
        assert!(
            (optimal.pairs.len(), optimal.total_score) >= (stable.pairs.len(), stable.total_score),
            "seed {seed}"
        );
        assert_no_blocking_pair(&problem, &stable);
        assert_private(&texts(&problem, &optimal));
        assert_private(&texts(&problem, &stable));

        let outcome = |m: &Matching| (m.pairs.len(), m.total_score);
        seen.optimum_beats_stable += usize::from(outcome(&optimal) > outcome(&stable));
        seen.pins += input.pins.len();
        seen.matched += optimal.pairs.len();
        for matching in [&optimal, &stable] {
            for pair in &matching.pairs {
                seen.full_mentor_passed_over += pair
                    .higher
                    .iter()
                    .filter(|h| h.why_not == WhyNot::PlacesWentElsewhere)
                    .count();
            }
            for unmatched in &matching.unmatched {
                match unmatched.reason {
                    UnmatchedReason::NoAllowedMentor { .. } => seen.no_allowed_mentor += 1,
                    UnmatchedReason::AllowedMentorsFull { .. } => seen.allowed_mentors_full += 1,
                    UnmatchedReason::NoMentorWithPlaces => {}
                }
            }
        }
    }
    eprintln!("{seen:?}");
    assert!(seen.optimum_beats_stable >= 20, "{seen:?}");
    assert!(seen.pins >= 100, "{seen:?}");
    assert!(seen.full_mentor_passed_over >= 100, "{seen:?}");
    assert!(seen.no_allowed_mentor >= 100, "{seen:?}");
    assert!(seen.allowed_mentors_full >= 100, "{seen:?}");
    assert!(seen.matched >= 500, "{seen:?}");
}

#[test]
fn the_same_cohort_in_any_order_or_in_any_slices_gives_the_same_result() {
    for seed in 0..INSTANCES / 2 {
        let mut rng = Rng::new(1_000 + seed);
        let input = random_input(&mut rng, 8, 5);
        let problem = Problem::new(input.clone()).unwrap();
        let mut shuffled = input.clone();
        rng.shuffle(&mut shuffled.mentees);
        rng.shuffle(&mut shuffled.mentors);
        rng.shuffle(&mut shuffled.pins);
        rng.shuffle(&mut shuffled.forbids);
        let reordered = Problem::new(shuffled).unwrap();
        for mode in [Mode::Optimal, Mode::Stable] {
            let whole = match_cohort(&problem, mode);
            assert_eq!(
                whole,
                match_cohort(&problem, mode),
                "seed {seed}: repeatable"
            );
            assert_eq!(
                whole,
                match_cohort(&reordered, mode),
                "seed {seed}: input order"
            );
            let mut run = MatchingRun::new(&problem, mode);
            let budget = 1 + rng.below(200) as u64;
            let mut steps = 0;
            while !run.step(budget).is_done() {
                steps += 1;
                assert!(steps < 100_000, "a run always ends");
            }
            assert_eq!(whole, run.finish(), "seed {seed}: sliced run");
        }
    }
}

#[test]
fn suggestions_are_the_best_allowed_mentors_with_places_left() {
    for seed in 0..INSTANCES / 2 {
        let mut rng = Rng::new(5_000 + seed);
        let input = random_input(&mut rng, 6, 9);
        let problem = Problem::new(input).unwrap();
        let all = suggest_all(&problem);
        assert_eq!(all.len(), problem.mentees().len());
        for (i, suggestions) in all.iter().enumerate() {
            if let Some(mentor) = problem.pinned_mentor(i) {
                assert_eq!(
                    suggestions.pinned_to.as_ref(),
                    Some(&problem.mentors()[mentor].id)
                );
                continue;
            }
            let mut expected: Vec<(i64, usize)> = (0..problem.mentors().len())
                .filter(|&j| problem.is_allowed(i, j) && problem.places_left(j) > 0)
                .map(|j| (-problem.pair_score(i, j), j))
                .collect();
            expected.sort();
            expected.truncate(SUGGESTIONS_PER_MENTEE);
            let got: Vec<(i64, usize)> = suggestions
                .options
                .iter()
                .map(|p| (-p.score, problem.mentor_index(&p.mentor).unwrap()))
                .collect();
            assert_eq!(got, expected, "seed {seed}, mentee {i}");
            assert_eq!(suggestions.none_because.is_some(), got.is_empty());
            for option in &suggestions.options {
                // Higher-scoring mentors left out are excluded or full, never just skipped.
                for higher in &option.higher {
                    assert!(!matches!(higher.why_not, WhyNot::PlacesWentElsewhere));
                    assert!(!suggestions
                        .options
                        .iter()
                        .any(|o| o.mentor == higher.mentor));
                }
                let sum: i64 = option.contributions.iter().map(|c| c.points).sum();
                assert_eq!(sum, option.score);
            }
            let mut text = format!("{suggestions:?}");
            for option in &suggestions.options {
                for audience in [Audience::Mentee, Audience::Others] {
                    text += &option
                        .describe(audience, problem.kind(), Mode::Optimal)
                        .join("\n");
                }
            }
            assert_private(&[text]);
        }
    }
}

#[test]
fn opt_in_attributes_count_only_for_mentees_who_asked() {
    for seed in 0..INSTANCES / 3 {
        let mut rng = Rng::new(9_000 + seed);
        let mut input = random_input(&mut rng, 5, 4);
        for mentee in &mut input.mentees {
            mentee.opt_in.prefers_shared.clear();
        }
        let problem = Problem::new(input.clone()).unwrap();
        // Changing what mentors shared changes nothing when no mentee asked.
        let mut changed = input;
        for mentor in &mut changed.mentors {
            mentor.shared_attributes = attributes(&mut rng);
        }
        let other = Problem::new(changed).unwrap();
        let (a, b) = (
            match_cohort(&problem, Mode::Optimal),
            match_cohort(&other, Mode::Optimal),
        );
        assert_eq!(a, b, "seed {seed}");
        for pair in &a.pairs {
            let preferences = pair
                .contributions
                .iter()
                .find(|c| c.criterion == Criterion::Preferences)
                .unwrap();
            assert_eq!(preferences.points, 0);
        }
    }
}
