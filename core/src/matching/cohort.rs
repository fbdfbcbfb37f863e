//! From people to matching input: the one place that knows how the directory's `Person`s, a
//! programme, its enrolment, the mentees' goals and the relationships already made become a
//! `MatchingInput`.
//!
//! - **Who is in the run.** An `Enrolment` names the mentees and the mentors with their
//!   places. `Enrolment::for_programme` takes the programme's enrolment list when it has one:
//!   the people enrolled, mentors with their capacity. Someone invited who has not accepted
//!   is not in the run but listed as left out (`LeftOutReason::Invited`): they were never
//!   asked about a pair; one who declined or left is not in the run. A programme that never
//!   had anyone on its enrolment list (the HR directory's) falls back to
//!   `Enrolment::from_directory`: the directory's people who are willing to mentor as
//!   mentors, and as mentees everyone else, each as the rule enrolling them would admit them
//!   (`check_may_join`: a mentee among who may join, a coach with a credential valid when
//!   the programme runs), leaving out the programme's admins (they run it). A
//!   programme whose every enrolment was declined or left keeps its (now empty) list: it
//!   does not turn back to the whole directory.
//! - **Already paired.** A mentee who already has a relationship in the programme that is not
//!   over (proposed, active or paused) is left out of the run, and that relationship takes one
//!   of its mentor's places; a mentor left with no place is left out. So publishing a run and
//!   running again never pairs anyone twice. Two people with a relationship under way
//!   together in another programme stay in the run but not as a pair (`under_way`, the hard
//!   rule `PairUnderWay`): publishing it would be refused by `Rule::PairUnderWay`. Two
//!   people whose relationship in this programme was ended early (the mentor declined it,
//!   the mentee withdrew it, its admins cancelled it or ended it to re-match) stay in the run
//!   but are not proposed together in it again (`ended_early`, the hard rule
//!   `PairEndedEarly`).
//! - **Goals.** A mentee's goal keywords are the terms of the mentors' vocabulary (skills
//!   offered) that appear in the words of their goals still under way (title, measure,
//!   aspiration): "Win two new Gulf key accounts" gives "key accounts".
//! - **Time.** The time zone becomes a UTC offset through `offset_of` (the browser's `Intl`
//!   in the widget: the core reads no clock and knows no zone database), and availability is
//!   the working week, Monday to Friday 09:00–17:00 local, as UTC hours, until people state
//!   their own.
//! - **Coaching credential**: valid on the day a pair proposed now would start (the
//!   programme's start, or today when later: `relationship::proposal_starts`), the day
//!   `relationship::propose` judges it on.
//! - **Opt-in preferences** are passed on as stated; matching uses them only for a
//!   preference the mentee asked for and never names them (see `explain.rs`).

use crate::enrolment::{check_may_join, takes_from_directory};
use crate::goal::GoalStatus;
use crate::person::{Directory, Person};
use crate::relationship::mentors_under_way_in;
use crate::{Date, EnrolledAs, Goal, Programme, RecordId, Relationship, RelationshipKind};

use super::input::{Availability, MatchingInput, Mentee, Mentor, PairIds, WeeklySlot, Weights};

/// Who takes part in a run: the mentees, and the mentors with how many mentees each may take.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Enrolment {
    pub mentees: Vec<RecordId>,
    pub mentors: Vec<(RecordId, u32)>,
    /// Taken from the directory (`from_directory`): the programme never had anyone on its
    /// enrolment list, so a screen says where its participants come from.
    pub from_directory: bool,
    /// On the list but invited, not yet accepted, each with whether as a mentor: the run
    /// leaves them out and says so (`LeftOutReason::Invited`).
    pub invited: Vec<(RecordId, bool)>,
}

impl Enrolment {
    /// The programme's cohort as the directory gives it on `today`, while the programme has
    /// no enrolment list: people willing to mentor are mentors (with the programme's
    /// `places_per_mentor` each, the places `relationship::places_of` gives them), the
    /// others mentees, each if the rule enrolling them would admit them
    /// (`enrolment::check_may_join`: a mentee among who may join, a coach with a credential
    /// valid when the programme runs); the programme's admins are in neither list.
    /// Someone who mentors a pair under way there (`relationship::mentors_under_way_in`,
    /// among `relationships`, which may hold other programmes') is in a mentor's role there
    /// whatever the directory says of their willingness (its admins may pair them so): a
    /// mentor, never a mentee; one not willing has the places of their pairs alone, so a run
    /// gives them no more.
    pub fn from_directory(
        directory: &Directory,
        programme: &Programme,
        relationships: &[Relationship],
        today: Date,
    ) -> Enrolment {
        let places = programme.places_per_mentor;
        let mut enrolment = Enrolment {
            from_directory: true,
            ..Enrolment::default()
        };
        let admits = |person: &Person, role| check_may_join(programme, person, role, today).is_ok();
        for person in directory.people() {
            if programme.is_admin(&person.id) {
                continue;
            }
            if !person.willing_to_mentor
                && mentors_under_way_in(relationships, &person.id, &programme.id)
            {
                let pairs = (relationships.iter())
                    .filter(|r| r.programme == programme.id && !r.lifecycle.is_over())
                    .filter(|r| r.mentor == person.id)
                    .count() as u32;
                enrolment.mentors.push((person.id.clone(), pairs));
            } else if person.willing_to_mentor {
                if admits(person, EnrolledAs::Mentor { capacity: 1 }) {
                    enrolment.mentors.push((person.id.clone(), places));
                }
            } else if admits(person, EnrolledAs::Mentee) {
                enrolment.mentees.push(person.id.clone());
            }
        }
        enrolment
    }

    /// The programme's cohort on `today`: its enrolment list (`enrolments` may hold other
    /// programmes'), or, when nobody was ever invited or enrolled, the directory as
    /// `from_directory` reads it, with the pairs under way among `relationships`.
    pub fn for_programme(
        directory: &Directory,
        programme: &Programme,
        (enrolments, relationships): (&[crate::Enrolment], &[Relationship]),
        today: Date,
    ) -> Enrolment {
        if takes_from_directory(enrolments, &programme.id) {
            return Enrolment::from_directory(directory, programme, relationships, today);
        }
        let mut listed = Enrolment::default();
        for e in crate::enrolment::current_enrolments(enrolments, &programme.id) {
            if e.status == crate::EnrolmentStatus::Invited {
                listed.invited.push((e.person.clone(), e.role.is_mentor()));
                continue;
            }
            match e.role {
                EnrolledAs::Mentee => listed.mentees.push(e.person.clone()),
                EnrolledAs::Mentor { capacity } => {
                    listed.mentors.push((e.person.clone(), u32::from(capacity)))
                }
            }
        }
        listed
    }

    /// One mentee choosing among every other person willing to mentor (suggestions).
    pub fn for_mentee(directory: &Directory, mentee: &RecordId, places: u32) -> Enrolment {
        Enrolment {
            mentees: vec![mentee.clone()],
            mentors: directory
                .people()
                .filter(|p| p.willing_to_mentor && &p.id != mentee)
                .map(|p| (p.id.clone(), places))
                .collect(),
            from_directory: true,
            invited: Vec::new(),
        }
    }

    /// One mentee choosing among those willing to mentor who take part in `programme` as a
    /// mentor (`enrolment::check_takes_part`: by who may join, or on its enrolment list in
    /// `enrolments`), each with their places (`relationship::places_of`): whom Find a mentor
    /// suggests from, on the host and on the mentee's device (`enrolment::as_told`) alike. A
    /// device the host did not tell who is on a list (`KnownEnrolments::OwnOnly`) leaves that
    /// to the host, as `relationship::check_pair_takes_part` does.
    pub fn for_mentee_in(
        programme: &Programme,
        directory: &Directory,
        mentee: &RecordId,
        (enrolments, known): (
            &[crate::Enrolment],
            crate::relationship::KnownEnrolments<'_>,
        ),
        today: Date,
    ) -> Enrolment {
        let as_mentor = EnrolledAs::Mentor { capacity: 1 };
        let judged = known == crate::relationship::KnownEnrolments::All
            || takes_from_directory(enrolments, &programme.id);
        let mut enrolment = Enrolment::for_mentee(directory, mentee, 0);
        enrolment.mentors.retain_mut(|(mentor, places)| {
            *places = crate::relationship::places_of(programme, mentor, enrolments);
            !judged
                || (directory.get(mentor)).is_some_and(|p| {
                    crate::enrolment::check_takes_part(programme, p, as_mentor, enrolments, today)
                        .is_ok()
                })
        });
        enrolment
    }
}

/// What the admin decided for this run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunSettings {
    pub kind: RelationshipKind,
    pub weights: Weights,
    pub pins: Vec<PairIds>,
    pub forbids: Vec<PairIds>,
}

impl RunSettings {
    /// The programme's kind of relationship (mentoring for a mentoring programme), default
    /// weights, nothing pinned or forbidden.
    pub fn for_programme(programme: &Programme) -> RunSettings {
        RunSettings {
            kind: match programme.kind {
                crate::ProgrammeKind::Coaching => RelationshipKind::Coaching,
                crate::ProgrammeKind::Mentoring => RelationshipKind::Mentoring,
            },
            weights: Weights::default(),
            pins: Vec::new(),
            forbids: Vec::new(),
        }
    }
}

/// Everything the builder reads.
#[derive(Clone, Copy)]
pub struct CohortSource<'a> {
    pub programme: &'a Programme,
    pub directory: &'a Directory,
    pub enrolment: &'a Enrolment,
    /// Relationships the builder may know of (any programme: those of others are ignored).
    pub relationships: &'a [Relationship],
    /// Goals the builder may read (those of people outside the run are ignored).
    pub goals: &'a [Goal],
    /// The day the run or the suggestions are made: a pair proposed then starts on the
    /// programme's start or this day, whichever is later (`relationship::proposal_starts`),
    /// and a coach's credential is judged on that day, as publishing judges it.
    pub today: Date,
}

/// The input for one run, and who was left out of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cohort {
    pub input: MatchingInput,
    /// Mentees left out: they already have a relationship in the programme that is not over.
    pub already_paired: Vec<RecordId>,
    /// Everyone else the programme counts but the run cannot match, with why, in the order
    /// of the enrolment (mentees, then mentors): a screen lists them rather than drop them
    /// silently.
    pub left_out: Vec<LeftOut>,
}

/// Someone the programme counts whom a run leaves out (besides those already paired).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub person: RecordId,
    /// Counted as a mentor or coach (else as a mentee or coachee).
    pub mentor: bool,
    pub reason: LeftOutReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftOutReason {
    /// The directory does not know them (they left it, or it has not synced since): there is
    /// nothing to match them on.
    NotInDirectory,
    /// The directory gives them no language: every pair would break the shared-language
    /// rule, and they would read that no mentor shares a language with them.
    NoLanguages,
    /// Invited and not yet accepted: nobody pairs someone who has not said yes.
    Invited,
}

/// Builds the matching input for `source` with `settings`. `offset_of` turns an IANA time
/// zone into minutes east of UTC (`None` when unknown: UTC is assumed). People the directory
/// does not know, or gives no language, are left out and listed (`Cohort::left_out`).
pub fn cohort_input(
    source: CohortSource<'_>,
    settings: &RunSettings,
    offset_of: &dyn Fn(&str) -> Option<i32>,
) -> Cohort {
    let CohortSource {
        programme,
        directory,
        enrolment,
        relationships,
        goals,
        today,
    } = source;
    let starts = crate::relationship::proposal_starts(programme, today);
    let open: Vec<&Relationship> = relationships
        .iter()
        .filter(|r| r.programme == programme.id && !r.lifecycle.is_over())
        .collect();
    // Two people under way together in another programme are not paired again here
    // (`Rule::PairUnderWay` would refuse the pair at publishing).
    let together_elsewhere: Vec<PairIds> = relationships
        .iter()
        .filter(|r| r.programme != programme.id && !r.lifecycle.is_over())
        .map(|r| PairIds {
            mentee: r.mentee.clone(),
            mentor: r.mentor.clone(),
        })
        .collect();
    // A pair whose relationship here was ended early was turned down by one of them or by
    // the admins: proposing it again would ask the same question again.
    let ended_here: Vec<PairIds> = relationships
        .iter()
        .filter(|r| r.programme == programme.id)
        .filter(|r| matches!(r.lifecycle, crate::Lifecycle::EndedEarly { .. }))
        .map(|r| PairIds {
            mentee: r.mentee.clone(),
            mentor: r.mentor.clone(),
        })
        .collect();
    let vocabulary: Vec<String> = {
        let mut terms: Vec<String> = enrolment
            .mentors
            .iter()
            .filter_map(|(id, _)| directory.get(id))
            .flat_map(|p| p.skills_offered.iter().map(|s| s.trim().to_lowercase()))
            .filter(|s| !s.is_empty())
            .collect();
        crate::order::sort(&mut terms);
        terms.dedup();
        terms
    };
    let offset = |person: &Person| offset_of(&person.time_zone).unwrap_or(0);

    let mut input = MatchingInput::new(settings.kind);
    input.weights = settings.weights;
    let mut already_paired = Vec::new();
    let mut left_out: Vec<LeftOut> = (enrolment.invited.iter())
        .map(|(id, mentor)| LeftOut {
            person: id.clone(),
            mentor: *mentor,
            reason: LeftOutReason::Invited,
        })
        .collect();
    // Someone the run cannot match on: listed, with why.
    let mut matchable = |id: &RecordId, mentor: bool| -> Option<&Person> {
        let reason = match directory.get(id) {
            None => LeftOutReason::NotInDirectory,
            Some(person) if person.languages.is_empty() => LeftOutReason::NoLanguages,
            Some(person) => return Some(person),
        };
        left_out.push(LeftOut {
            person: id.clone(),
            mentor,
            reason,
        });
        None
    };
    for id in &enrolment.mentees {
        if open.iter().any(|r| &r.mentee == id) {
            already_paired.push(id.clone());
            continue;
        }
        let Some(person) = matchable(id, false) else {
            continue;
        };
        let utc_offset = offset(person);
        input.mentees.push(Mentee {
            id: id.clone(),
            skills_wanted: person.skills_wanted.clone(),
            goal_keywords: goal_keywords(goals, id, &vocabulary),
            languages: person.languages.clone(),
            location: person.location.clone(),
            utc_offset_minutes: utc_offset,
            availability: working_week(utc_offset),
            grade: person.grade,
            department: person.department.clone(),
            manager_chain: directory.managers_of(id),
            opt_in: person.preferences.clone(),
        });
    }
    for (id, places) in &enrolment.mentors {
        let taken = open.iter().filter(|r| &r.mentor == id).count() as u32;
        let capacity = places.saturating_sub(taken);
        if capacity == 0 {
            continue;
        }
        let Some(person) = matchable(id, true) else {
            continue;
        };
        let utc_offset = offset(person);
        input.mentors.push(Mentor {
            id: id.clone(),
            skills_offered: person.skills_offered.clone(),
            topics: vec![person.job_title.clone()],
            capacity,
            languages: person.languages.clone(),
            location: person.location.clone(),
            utc_offset_minutes: utc_offset,
            availability: working_week(utc_offset),
            grade: person.grade,
            department: person.department.clone(),
            manager_chain: directory.managers_of(id),
            coach_credential_valid: person
                .coach_credential
                .as_ref()
                .is_some_and(|c| c.valid_on(starts)),
            shared_attributes: person.preferences.shared_attributes.clone(),
        });
    }
    // Pins and forbids naming someone no longer in the run (paired since, or not enrolled)
    // are dropped here rather than refused: the admin's list outlives the cohort it was made
    // for, and a pin for a mentee already paired has been honoured.
    let in_run = |pair: &PairIds| {
        input.mentees.iter().any(|m| m.id == pair.mentee)
            && input.mentors.iter().any(|m| m.id == pair.mentor)
    };
    input.pins = settings
        .pins
        .iter()
        .filter(|p| in_run(p))
        .cloned()
        .collect();
    input.forbids = settings
        .forbids
        .iter()
        .filter(|p| in_run(p))
        .cloned()
        .collect();
    input.under_way = together_elsewhere
        .into_iter()
        .filter(|p| in_run(p))
        .collect();
    input.ended_early = ended_here.into_iter().filter(|p| in_run(p)).collect();
    Cohort {
        input,
        already_paired,
        left_out,
    }
}

/// The vocabulary's terms found in the words of `owner`'s goals still under way, each once.
fn goal_keywords(goals: &[Goal], owner: &RecordId, vocabulary: &[String]) -> Vec<String> {
    let text: String = goals
        .iter()
        .filter(|g| &g.owner == owner)
        .filter(|g| matches!(g.status, GoalStatus::OnTrack | GoalStatus::AtRisk))
        .flat_map(|g| {
            [
                g.title.as_str().to_owned(),
                g.measure
                    .as_ref()
                    .map(|m| m.what.clone())
                    .unwrap_or_default(),
                g.relevance.aspiration.clone(),
            ]
        })
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    vocabulary
        .iter()
        .filter(|term| {
            let parts: Vec<&str> = term.split_whitespace().collect();
            !parts.is_empty() && words.windows(parts.len()).any(|w| w == parts.as_slice())
        })
        .cloned()
        .collect()
}

/// Monday to Friday, 09:00–17:00 at `utc_offset` minutes east of UTC, as UTC hours (an hour
/// counts when it starts within the working day).
pub fn working_week(utc_offset: i32) -> Availability {
    let mut hours = Availability::new();
    for day in 0..5i32 {
        for local_hour in 9..17i32 {
            let utc_minutes = (day * 24 + local_hour) * 60 - utc_offset;
            let slot = utc_minutes.div_euclid(60).rem_euclid(7 * 24);
            let slot = WeeklySlot::new((slot / 24) as u8, (slot % 24) as u8).expect("in a week");
            hours.insert(slot);
        }
    }
    hours
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::{Credential, CredentialLevel, Grade, OptInPreferences};
    use crate::{
        Date, EnrolmentStatus, GoalStatus, Lifecycle, Millis, ProgrammeKind, Progress, Relevance,
        Title,
    };

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn person(name: &str, grade: u8, manager: Option<&str>, mentor: bool) -> Person {
        Person {
            grade: Grade(grade),
            manager: manager.map(id),
            languages: vec!["en".into()],
            time_zone: if name == "dana" {
                "Asia/Dubai".into()
            } else {
                "Europe/London".into()
            },
            location: "London".into(),
            department: "Sales".into(),
            willing_to_mentor: mentor,
            ..Person::new(id(name), name)
        }
    }

    fn directory() -> Directory {
        let mut boss = person("boss", 9, None, true);
        boss.skills_offered = vec!["Key accounts".into(), "boardroom".into()];
        boss.job_title = "Sales Director".into();
        boss.coach_credential = Some(Credential {
            level: CredentialLevel::Certified,
            expires: Date(10),
        });
        boss.preferences = OptInPreferences {
            shared_attributes: vec![("gender".into(), "woman".into())],
            prefers_shared: vec![],
        };
        let mut ann = person("ann", 3, Some("boss"), false);
        ann.skills_wanted = vec!["boardroom".into()];
        Directory::new([
            boss,
            ann,
            person("dana", 4, None, false),
            person("eve", 7, None, true),
            person("admin", 6, None, false),
        ])
    }

    fn programme() -> Programme {
        let mut p = Programme::new(id("prog"), ProgrammeKind::Mentoring, "P", Date(5));
        p.admins = vec![id("admin")];
        p
    }

    fn goal(owner: &str, title: &str, status: GoalStatus) -> Goal {
        Goal {
            id: id(&format!("g-{owner}-{}", title.len())),
            owner: id(owner),
            relationship: None,
            title: Title::parse(title).unwrap(),
            measure: None,
            due: None,
            relevance: Relevance::default(),
            milestones: vec![],
            manual_progress: Progress::default(),
            progress_from: Default::default(),
            status,
            history: vec![],
            created_at: Millis(0),
            updated_at: Millis(0),
        }
    }

    fn relationship(mentor: &str, mentee: &str, lifecycle: Lifecycle) -> Relationship {
        Relationship {
            id: id(&format!("r-{mentor}-{mentee}")),
            kind: RelationshipKind::Mentoring,
            programme: id("prog"),
            mentor: id(mentor),
            mentee: id(mentee),
            purpose: String::new(),
            ground_rules: String::new(),
            starts: Date(5),
            planned_end: Date(300),
            lifecycle,
            target_role: None,
            agreed: Default::default(),
        }
    }

    fn dubai_and_london(zone: &str) -> Option<i32> {
        match zone {
            "Asia/Dubai" => Some(240),
            "Europe/London" => Some(0),
            _ => None,
        }
    }

    fn build(enrolment: &Enrolment, relationships: &[Relationship], goals: &[Goal]) -> Cohort {
        let (directory, programme) = (directory(), programme());
        let source = CohortSource {
            programme: &programme,
            directory: &directory,
            enrolment,
            relationships,
            goals,
            today: Date(0),
        };
        cohort_input(
            source,
            &RunSettings::for_programme(&programme),
            &dubai_and_london,
        )
    }

    #[test]
    fn the_directory_gives_mentors_who_are_willing_and_mentees_who_are_not_admins_aside() {
        let enrolment = Enrolment::from_directory(&directory(), &programme(), &[], Date(0));
        assert_eq!(enrolment.mentees, [id("ann"), id("dana")]);
        assert_eq!(enrolment.mentors, [(id("boss"), 2), (id("eve"), 2)]);
    }

    #[test]
    fn someone_mentoring_a_pair_here_is_a_mentor_never_a_mentee_whatever_the_directory_says() {
        // The admins paired dana (not willing to mentor, per the directory) as ann's mentor.
        let pairs = [
            relationship("dana", "ann", Lifecycle::Active),
            Relationship {
                programme: id("elsewhere"),
                ..relationship("ann", "eve", Lifecycle::Active)
            },
        ];
        let (directory, programme) = (directory(), programme());
        let enrolment = Enrolment::for_programme(&directory, &programme, (&[], &pairs), Date(0));
        assert_eq!(enrolment.mentees, [id("ann")], "dana mentors here");
        // With the places of her pair alone: a run proposes her no more mentees.
        assert_eq!(
            enrolment.mentors,
            [(id("boss"), 2), (id("dana"), 1), (id("eve"), 2)]
        );
        let cohort = build(&enrolment, &pairs, &[]);
        assert!(cohort.input.mentees.iter().all(|m| m.id != id("dana")));
        assert!(cohort.input.mentors.iter().all(|m| m.id != id("dana")));
        // A pair over, or in another programme, puts nobody in a mentor's role here.
        let over = [relationship("dana", "ann", Lifecycle::Completed)];
        let enrolment = Enrolment::from_directory(&directory, &programme, &over, Date(0));
        assert_eq!(enrolment.mentees, [id("ann"), id("dana")]);
    }

    #[test]
    fn a_programme_with_an_enrolment_list_runs_with_those_enrolled_and_lists_those_invited() {
        let (directory, programme) = (directory(), programme());
        let enrolled = |n: &str, person: &str, role, status| crate::Enrolment {
            id: id(n),
            programme: programme.id.clone(),
            person: id(person),
            role,
            status,
            since: Date::from_ymd(2026, 1, 1).unwrap(),
        };
        let mut other = enrolled("e-x", "boss", EnrolledAs::Mentee, EnrolmentStatus::Enrolled);
        other.programme = id("another-programme");
        let list = [
            enrolled("e-1", "ann", EnrolledAs::Mentee, EnrolmentStatus::Enrolled),
            enrolled("e-2", "dana", EnrolledAs::Mentee, EnrolmentStatus::Invited),
            enrolled(
                "e-3",
                "eve",
                EnrolledAs::Mentor { capacity: 3 },
                EnrolmentStatus::Invited,
            ),
            enrolled(
                "e-4",
                "boss",
                EnrolledAs::Mentor { capacity: 1 },
                EnrolmentStatus::Declined,
            ),
            other,
        ];
        let enrolment = Enrolment::for_programme(&directory, &programme, (&list, &[]), Date(0));
        assert_eq!(enrolment.mentees, [id("ann")]);
        // Invited and not yet accepted, in either role: not matched, but listed.
        assert!(enrolment.mentors.is_empty());
        assert_eq!(enrolment.invited, [(id("dana"), false), (id("eve"), true)]);
        assert!(!enrolment.from_directory);
        let source = CohortSource {
            programme: &programme,
            directory: &directory,
            enrolment: &enrolment,
            relationships: &[],
            goals: &[],
            today: Date(0),
        };
        let cohort = cohort_input(source, &RunSettings::for_programme(&programme), &|_| None);
        assert!(cohort.input.mentors.is_empty());
        let reasons: Vec<(RecordId, LeftOutReason)> = (cohort.left_out.iter())
            .map(|l| (l.person.clone(), l.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                (id("dana"), LeftOutReason::Invited),
                (id("eve"), LeftOutReason::Invited)
            ]
        );
        // Once Eve accepts, she mentors with her capacity.
        let mut accepted = list.to_vec();
        accepted[2].status = EnrolmentStatus::Enrolled;
        let enrolment = Enrolment::for_programme(&directory, &programme, (&accepted, &[]), Date(0));
        assert_eq!(enrolment.mentors, [(id("eve"), 3)]);
        // Nobody listed (only another programme's enrolment): the directory gives the cohort,
        // and says so.
        let taken = Enrolment::for_programme(&directory, &programme, (&list[4..], &[]), Date(0));
        assert_eq!(
            taken,
            Enrolment::from_directory(&directory, &programme, &[], Date(0))
        );
        assert!(taken.from_directory);
        assert!(!taken.mentees.is_empty());
        // Everyone listed declined or left: the list stays the programme's, and it is empty.
        let over = [
            enrolled(
                "e-5",
                "ann",
                EnrolledAs::Mentee,
                EnrolmentStatus::Left {
                    reason: String::new(),
                },
            ),
            enrolled(
                "e-6",
                "eve",
                EnrolledAs::Mentor { capacity: 2 },
                EnrolmentStatus::Declined,
            ),
        ];
        let emptied = Enrolment::for_programme(&directory, &programme, (&over, &[]), Date(0));
        assert_eq!(emptied, Enrolment::default());
    }

    #[test]
    fn the_directory_gives_as_mentees_only_those_who_may_join() {
        let mut programme = programme();
        programme.eligibility = crate::PeopleFilter {
            grades: Some(crate::programme::GradeRange {
                lowest: Grade(4),
                highest: Grade(8),
            }),
            ..crate::PeopleFilter::default()
        };
        let enrolment = Enrolment::for_programme(&directory(), &programme, (&[], &[]), Date(0));
        // Ann (grade 3) is not among who may join; Dana (grade 4) is.
        assert_eq!(enrolment.mentees, [id("dana")]);
        assert_eq!(enrolment.mentors, [(id("boss"), 2), (id("eve"), 2)]);
        programme.eligibility.departments = vec!["Finance".into()];
        let nobody = Enrolment::from_directory(&directory(), &programme, &[], Date(0));
        assert!(nobody.mentees.is_empty());
        assert!(nobody.from_directory);
    }

    #[test]
    fn a_coaching_programme_taking_the_directory_counts_as_coaches_only_those_credentialed() {
        let mut coaching = programme();
        coaching.kind = ProgrammeKind::Coaching;
        // Boss's credential runs to day 10, Eve has none: both are willing to mentor.
        let on =
            |today: i32| Enrolment::for_programme(&directory(), &coaching, (&[], &[]), Date(today));
        assert_eq!(on(0).mentors, [(id("boss"), 2)]);
        assert!(on(20).mentors.is_empty(), "the credential lapsed");
        // A mentoring programme needs no credential.
        let mentoring = Enrolment::for_programme(&directory(), &programme(), (&[], &[]), Date(20));
        assert_eq!(mentoring.mentors, [(id("boss"), 2), (id("eve"), 2)]);
    }

    #[test]
    fn two_people_under_way_together_elsewhere_are_a_pair_the_run_leaves_out_and_says_why() {
        let enrolment = Enrolment::from_directory(&directory(), &programme(), &[], Date(0));
        let elsewhere = |lifecycle| Relationship {
            programme: id("another-programme"),
            ..relationship("eve", "dana", lifecycle)
        };
        let pair = PairIds {
            mentee: id("dana"),
            mentor: id("eve"),
        };
        let cohort = build(&enrolment, &[elsewhere(Lifecycle::Active)], &[]);
        // Dana stays in the run (she has no relationship in this programme) and so does Eve,
        // but not as a pair.
        assert!(cohort.already_paired.is_empty());
        assert_eq!(cohort.input.under_way, std::slice::from_ref(&pair));
        let problem = super::super::Problem::new(cohort.input).expect("valid");
        let dana = problem.mentees().iter().position(|m| m.id == id("dana"));
        let eve = problem.mentors().iter().position(|m| m.id == id("eve"));
        let (dana, eve) = (dana.unwrap(), eve.unwrap());
        assert_eq!(
            problem.exclusions(dana, eve).iter().collect::<Vec<_>>(),
            [super::super::HardRule::PairUnderWay]
        );
        let matching = super::super::match_cohort(&problem, super::super::Mode::Optimal);
        assert!(!matching
            .pairs
            .iter()
            .any(|p| p.mentee == pair.mentee && p.mentor == pair.mentor));
        // Over, it rules nothing out.
        let cohort = build(&enrolment, &[elsewhere(Lifecycle::Completed)], &[]);
        assert!(cohort.input.under_way.is_empty());
    }

    #[test]
    fn a_pair_whose_relationship_here_was_ended_early_is_not_proposed_again_in_this_programme() {
        let enrolment = Enrolment::from_directory(&directory(), &programme(), &[], Date(0));
        let declined = |programme: &str| Relationship {
            programme: id(programme),
            ..relationship(
                "eve",
                "dana",
                Lifecycle::EndedEarly {
                    reason: "No time this quarter".into(),
                },
            )
        };
        let pair = PairIds {
            mentee: id("dana"),
            mentor: id("eve"),
        };
        let cohort = build(&enrolment, &[declined("prog")], &[]);
        // Ended, it leaves Dana free to be matched, and Eve with her places, but not together.
        assert!(cohort.already_paired.is_empty());
        assert_eq!(cohort.input.ended_early, std::slice::from_ref(&pair));
        let problem = super::super::Problem::new(cohort.input).expect("valid");
        let dana = problem.mentees().iter().position(|m| m.id == id("dana"));
        let eve = problem.mentors().iter().position(|m| m.id == id("eve"));
        let (dana, eve) = (dana.unwrap(), eve.unwrap());
        assert_eq!(
            problem.exclusions(dana, eve).iter().collect::<Vec<_>>(),
            [super::super::HardRule::PairEndedEarly]
        );
        let suggested = super::super::suggest_for(&problem, dana);
        assert!(!suggested.options.iter().any(|o| o.mentor == pair.mentor));
        let matching = super::super::match_cohort(&problem, super::super::Mode::Optimal);
        assert!(!matching
            .pairs
            .iter()
            .any(|p| p.mentee == pair.mentee && p.mentor == pair.mentor));
        // Ended in another programme, or completed here, it rules nothing out.
        let cohort = build(&enrolment, &[declined("another-programme")], &[]);
        assert!(cohort.input.ended_early.is_empty());
        let completed = relationship("eve", "dana", Lifecycle::Completed);
        assert!(build(&enrolment, &[completed], &[])
            .input
            .ended_early
            .is_empty());
    }

    #[test]
    fn people_become_mentees_and_mentors_with_every_field_the_rules_and_scores_need() {
        let enrolment = Enrolment::from_directory(&directory(), &programme(), &[], Date(0));
        let goals = [
            goal("ann", "Win two new key accounts", GoalStatus::OnTrack),
            goal("ann", "Chair the boardroom review", GoalStatus::Dropped),
        ];
        let cohort = build(&enrolment, &[], &goals);
        let input = &cohort.input;
        assert_eq!(input.kind, RelationshipKind::Mentoring);
        let ann = &input.mentees[0];
        assert_eq!(ann.id, id("ann"));
        assert_eq!(ann.manager_chain, [id("boss")]);
        assert_eq!(ann.skills_wanted, ["boardroom"]);
        // A dropped goal says nothing about what the mentee wants now.
        assert_eq!(ann.goal_keywords, ["key accounts"]);
        assert_eq!(ann.grade, Grade(3));
        let dana = &input.mentees[1];
        assert_eq!(dana.utc_offset_minutes, 240);
        assert!(dana.goal_keywords.is_empty());
        let boss = &input.mentors[0];
        assert_eq!(boss.capacity, 2);
        assert_eq!(boss.topics, ["Sales Director"]);
        // Valid on the programme's start (day 5), though it expires on day 10.
        assert!(boss.coach_credential_valid);
        assert_eq!(boss.shared_attributes.len(), 1);
        assert!(!input.mentors[1].coach_credential_valid);
    }

    #[test]
    fn a_coachs_credential_is_judged_on_the_day_a_pair_proposed_now_would_start() {
        let mut coaching = programme();
        coaching.kind = ProgrammeKind::Coaching;
        let directory = directory();
        // Boss's credential runs to day 10; the programme starts on day 5.
        let enrolment = Enrolment {
            mentees: vec![id("ann"), id("dana")],
            mentors: vec![(id("boss"), 2)],
            from_directory: false,
            invited: Vec::new(),
        };
        let credentialed = |today: i32| {
            let source = CohortSource {
                programme: &coaching,
                directory: &directory,
                enrolment: &enrolment,
                relationships: &[],
                goals: &[],
                today: Date(today),
            };
            let settings = RunSettings::for_programme(&coaching);
            let cohort = cohort_input(source, &settings, &dubai_and_london);
            cohort.input.mentors[0].coach_credential_valid
        };
        let published = |today: i32| {
            crate::relationship::propose(
                id("new"),
                RelationshipKind::Coaching,
                &coaching,
                (&id("boss"), &id("dana")),
                Date(today),
                &directory,
                &[],
                (&[], crate::relationship::KnownEnrolments::All),
            )
            .is_ok()
        };
        // Before the programme starts, and on a day the credential is still valid, both agree
        // that Boss coaches; once it has lapsed, the run does not pair him, as publishing
        // would refuse.
        for today in [0, 8, 20] {
            assert_eq!(credentialed(today), today <= 10, "day {today}");
            assert_eq!(credentialed(today), published(today), "day {today}");
        }
    }

    #[test]
    fn people_the_run_cannot_match_on_are_listed_with_why_not_dropped() {
        let mut people: Vec<Person> = directory().people().cloned().collect();
        for person in people.iter_mut() {
            if ["dana", "eve"].contains(&person.id.as_str()) {
                person.languages.clear();
            }
        }
        let directory = Directory::new(people);
        let programme = programme();
        // Ghost was enrolled and has left the directory; Dana and Eve give no language.
        let enrolment = Enrolment {
            mentees: vec![id("ann"), id("dana"), id("ghost")],
            mentors: vec![(id("boss"), 2), (id("eve"), 2), (id("gone"), 1)],
            from_directory: false,
            invited: Vec::new(),
        };
        let source = CohortSource {
            programme: &programme,
            directory: &directory,
            enrolment: &enrolment,
            relationships: &[],
            goals: &[],
            today: Date(0),
        };
        let cohort = cohort_input(
            source,
            &RunSettings::for_programme(&programme),
            &dubai_and_london,
        );
        let left = |person: &str, mentor, reason| LeftOut {
            person: id(person),
            mentor,
            reason,
        };
        assert_eq!(
            cohort.left_out,
            [
                left("dana", false, LeftOutReason::NoLanguages),
                left("ghost", false, LeftOutReason::NotInDirectory),
                left("eve", true, LeftOutReason::NoLanguages),
                left("gone", true, LeftOutReason::NotInDirectory),
            ]
        );
        let mentees: Vec<_> = cohort.input.mentees.iter().map(|m| &m.id).collect();
        let mentors: Vec<_> = cohort.input.mentors.iter().map(|m| &m.id).collect();
        assert_eq!((mentees, mentors), (vec![&id("ann")], vec![&id("boss")]));
        // Everyone matchable: nobody is listed.
        let everyone = build(&enrolment_of(&["ann"], &["boss"]), &[], &[]);
        assert!(everyone.left_out.is_empty());
    }

    fn enrolment_of(mentees: &[&str], mentors: &[&str]) -> Enrolment {
        Enrolment {
            mentees: mentees.iter().map(|m| id(m)).collect(),
            mentors: mentors.iter().map(|m| (id(m), 2)).collect(),
            from_directory: false,
            invited: Vec::new(),
        }
    }

    #[test]
    fn the_working_week_is_converted_to_utc_so_dubai_and_london_share_four_hours_a_day() {
        let london = working_week(0);
        let dubai = working_week(240);
        assert_eq!(london.hours(), 40);
        assert_eq!(dubai.hours(), 40);
        assert_eq!(london.common_hours(&dubai), 20);
        assert!(dubai.contains(WeeklySlot::new(0, 5).unwrap()));
        assert!(!dubai.contains(WeeklySlot::new(0, 13).unwrap()));
        // West of UTC, Friday afternoon runs into Saturday in UTC.
        assert!(working_week(-600).contains(WeeklySlot::new(5, 2).unwrap()));
    }

    #[test]
    fn mentees_already_paired_are_left_out_and_their_mentors_lose_a_place() {
        let programme = Programme {
            places_per_mentor: 1,
            ..programme()
        };
        let enrolment = Enrolment::from_directory(&directory(), &programme, &[], Date(0));
        let relationships = [
            relationship("eve", "dana", Lifecycle::Proposed),
            relationship("boss", "ann", Lifecycle::Completed),
        ];
        let cohort = build(&enrolment, &relationships, &[]);
        assert_eq!(cohort.already_paired, [id("dana")]);
        let mentees: Vec<_> = cohort.input.mentees.iter().map(|m| &m.id).collect();
        assert_eq!(mentees, [&id("ann")]);
        // eve's one place went to dana; a completed relationship frees its place.
        let mentors: Vec<_> = cohort.input.mentors.iter().map(|m| &m.id).collect();
        assert_eq!(mentors, [&id("boss")]);
    }

    #[test]
    fn pins_and_forbids_outside_the_run_are_dropped_the_rest_kept() {
        let enrolment = Enrolment::from_directory(&directory(), &programme(), &[], Date(0));
        let (directory, programme) = (directory(), programme());
        let mut settings = RunSettings::for_programme(&programme);
        let pair = |mentee: &str, mentor: &str| PairIds {
            mentee: id(mentee),
            mentor: id(mentor),
        };
        settings.pins = vec![pair("dana", "eve"), pair("ghost", "eve")];
        settings.forbids = vec![pair("ann", "eve"), pair("ann", "admin")];
        let relationships: [Relationship; 0] = [];
        let cohort = cohort_input(
            CohortSource {
                programme: &programme,
                directory: &directory,
                enrolment: &enrolment,
                relationships: &relationships,
                goals: &[],
                today: Date(0),
            },
            &settings,
            &dubai_and_london,
        );
        assert_eq!(cohort.input.pins, [pair("dana", "eve")]);
        assert_eq!(cohort.input.forbids, [pair("ann", "eve")]);
        let problem = super::super::Problem::new(cohort.input).expect("valid");
        let matching = super::super::match_cohort(&problem, super::super::Mode::Optimal);
        assert!(matching
            .pairs
            .iter()
            .any(|p| p.mentee == id("dana") && p.mentor == id("eve") && p.pinned));
        assert!(!matching
            .pairs
            .iter()
            .any(|p| p.mentee == id("ann") && p.mentor == id("eve")));
    }

    #[test]
    fn a_mentee_choosing_sees_every_willing_mentor_but_themselves() {
        let enrolment = Enrolment::for_mentee(&directory(), &id("eve"), 3);
        assert_eq!(enrolment.mentees, [id("eve")]);
        assert_eq!(enrolment.mentors, [(id("boss"), 3)]);
    }

    #[test]
    fn someone_among_the_mentors_only_is_offered_no_mentor_in_the_programme() {
        use crate::enrolment::mentors_only;
        let (directory, programme) = (directory(), programme());
        let (eve, dana) = (
            directory.get(&id("eve")).unwrap(),
            directory.get(&id("dana")).unwrap(),
        );
        // Taken from the directory: the willing are its mentors, the others its mentees.
        assert!(mentors_only(&programme, eve, &[], Date(0)));
        assert!(!mentors_only(&programme, dana, &[], Date(0)));
        // Eve has no coaching credential, so a coaching programme counts her as neither.
        let mut coaching = programme.clone();
        coaching.kind = ProgrammeKind::Coaching;
        assert!(!mentors_only(&coaching, eve, &[], Date(0)));
        // With an enrolment list, as enrolled: a mentor only, or a mentee too.
        let enrolled = |n: &str, role| crate::Enrolment {
            id: id(n),
            programme: programme.id.clone(),
            person: id("eve"),
            role,
            status: EnrolmentStatus::Enrolled,
            since: Date(0),
        };
        let mentor = enrolled("e-1", EnrolledAs::Mentor { capacity: 2 });
        assert!(mentors_only(
            &programme,
            eve,
            std::slice::from_ref(&mentor),
            Date(0)
        ));
        let both = [mentor, enrolled("e-2", EnrolledAs::Mentee)];
        assert!(!mentors_only(&programme, eve, &both, Date(0)));
    }
}
