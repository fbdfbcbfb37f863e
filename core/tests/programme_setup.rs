//! Programme set-up: programmes, enrolments and invitations, directory search, who may see and
//! change them, and their trip through fields and back.

use mentoring_core::enrolment::{
    facets, plan_enrolments, search_directory, unknown_names, DirectoryQuery, CAPACITY_MAX,
};
use mentoring_core::evaluation::{CheckIn, Observer, SelfAssessment, Stage};
use mentoring_core::health::{HealthSettings, Nudge};
use mentoring_core::permissions::{access, Access, Record, Viewer};
use mentoring_core::person::{Credential, CredentialLevel};
use mentoring_core::programme::GradeRange;
use mentoring_core::projection::{admin_changes_from, admin_records_of, changes_from};
use mentoring_core::*;

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

fn person(key: &str, name: &str, department: &str, location: &str, grade: u8) -> Person {
    Person {
        department: department.into(),
        location: location.into(),
        grade: Grade(grade),
        job_title: format!("{department} role"),
        ..Person::new(id(key), name)
    }
}

fn directory() -> Directory {
    let mut sofia = person("sofia", "Sofia Marques", "People", "London", 7);
    sofia.coach_credential = Some(Credential {
        level: CredentialLevel::Certified,
        expires: Date(1_000),
    });
    Directory::new([
        person("amira", "Amira Haddad", "Sales", "Dubai", 4),
        person("fatima", "Fatima Zayed", "Sales", "Dubai", 3),
        person("tom", "Tom Ashworth", "Product", "London", 3),
        person("james", "James Whitfield", "Sales", "London", 8),
        person("hr", "Hannah Okafor", "People", "London", 7),
        sofia,
    ])
}

fn programme(kind: ProgrammeKind) -> Programme {
    let mut p = Programme::new(id("prog"), kind, "Leadership 2026", Date(100));
    p.ends = Some(Date(900));
    p.admins = vec![id("hr")];
    p.eligibility = PeopleFilter {
        departments: vec!["Sales".into()],
        locations: vec![],
        grades: Some(GradeRange {
            lowest: Grade(2),
            highest: Grade(5),
        }),
    };
    p
}

fn rules(refusals: &[Refusal]) -> Vec<Rule> {
    refusals.iter().map(|r| r.rule).collect()
}

// Programmes ---------------------------------------------------------------------------------

#[test]
fn someone_the_host_lets_set_up_programmes_creates_one_as_its_admin() {
    let p = programme(ProgrammeKind::Mentoring);
    assert!(check_programme_change(&id("hr"), true, None, &p).is_empty());
    let refused = check_programme_change(&id("hr"), false, None, &p);
    assert_eq!(rules(&refused), [Rule::NotPermitted]);
    assert!(refused[0].message.contains("programme admin role"));
    // The creator must not lock themselves out.
    let refused = check_programme_change(&id("amira"), true, None, &p);
    assert_eq!(rules(&refused), [Rule::ProgrammeAdmin]);
}

#[test]
fn a_new_programme_starts_at_most_a_year_back_and_takes_a_name_no_other_has() {
    use mentoring_core::programme::{check_among_programmes, NEW_PROGRAMME_MAX_DAYS_BACK};
    let existing = programme(ProgrammeKind::Mentoring);
    let today = Date(500);
    let new = |name: &str, starts: Date| Programme {
        id: id("prog-new"),
        name: name.into(),
        starts,
        ..programme(ProgrammeKind::Coaching)
    };
    let known = std::slice::from_ref(&existing);
    let checked = |p: &Programme| rules(&check_among_programmes(None, p, known, today));
    assert_eq!(checked(&new("Coaching 2026", Date(135))), []);
    assert_eq!(
        checked(&new("Coaching 2026", Date(134))),
        [Rule::ProgrammeStartTooEarly]
    );
    let refused = check_among_programmes(None, &new("Coaching 2026", Date(0)), known, today);
    assert_eq!(
        refused[0].args,
        [Date(500 - NEW_PROGRAMME_MAX_DAYS_BACK).to_string()]
    );
    // The same name, trimmed and in any case, is taken.
    for taken in ["Leadership 2026", "  leadership 2026 ", "LEADERSHIP 2026"] {
        let refused = check_among_programmes(None, &new(taken, Date(150)), known, today);
        assert_eq!(rules(&refused), [Rule::ProgrammeNameTaken], "{taken}");
        assert_eq!(refused[0].args, [taken.trim()]);
    }
    // A programme already set up keeps its start and its own name through a change; renamed
    // as another, it is refused too.
    let mut old = existing.clone();
    old.id = id("prog-old");
    old.starts = Date(0);
    let changed = Programme {
        default_length_days: 200,
        ..old.clone()
    };
    assert_eq!(
        rules(&check_among_programmes(Some(&old), &changed, known, today)),
        []
    );
    let other = new("Coaching 2026", Date(150));
    let renamed = Programme {
        name: "Leadership 2026".into(),
        ..other.clone()
    };
    assert_eq!(
        rules(&check_among_programmes(
            Some(&other),
            &renamed,
            known,
            today
        )),
        [Rule::ProgrammeNameTaken]
    );
    // A programme is not taken by its own name.
    assert_eq!(
        rules(&check_among_programmes(None, &existing, known, Date(400))),
        []
    );
}

#[test]
fn only_a_programmes_admins_change_it() {
    let before = programme(ProgrammeKind::Mentoring);
    let after = Programme {
        name: "Leadership 2026–27".into(),
        matching: MatchingMode::Stable,
        ..before.clone()
    };
    assert!(check_programme_change(&id("hr"), false, Some(&before), &after).is_empty());
    let refused = check_programme_change(&id("james"), true, Some(&before), &after);
    assert_eq!(rules(&refused), [Rule::NotPermitted]);
    assert!(refused[0]
        .message
        .contains("Only the admins of Leadership 2026"));
    // An admin who hands the programme to someone else must keep themselves or ask another.
    let handed_over = Programme {
        admins: vec![id("james")],
        ..before.clone()
    };
    assert_eq!(
        rules(&check_programme_change(
            &id("hr"),
            false,
            Some(&before),
            &handed_over
        )),
        [Rule::ProgrammeAdmin]
    );
}

#[test]
fn a_programmes_set_up_is_checked_field_by_field_and_every_problem_is_reported() {
    let before = programme(ProgrammeKind::Mentoring);
    let mut after = before.clone();
    after.name = "  ".into();
    after.ends = Some(Date(50));
    after.default_length_days = 0;
    after.eligibility.grades = Some(GradeRange {
        lowest: Grade(6),
        highest: Grade(2),
    });
    after.objectives = vec![
        Objective {
            id: id("o1"),
            text: "Grow".into(),
        },
        Objective {
            id: id("o1"),
            text: "".into(),
        },
    ];
    let refused = check_programme_change(&id("hr"), false, Some(&before), &after);
    assert_eq!(
        rules(&refused),
        [
            Rule::ProgrammeNameRequired,
            Rule::DatesOrdered,
            Rule::ProgrammeLength,
            Rule::ObjectiveRequired,
            Rule::UnknownRecord,
            Rule::GradesOrdered,
        ]
    );
    assert!(refused[1].message.contains("must come after its start"));
    let long = Programme {
        name: "x".repeat(121),
        ..before.clone()
    };
    assert_eq!(
        rules(&check_programme_change(
            &id("hr"),
            false,
            Some(&before),
            &long
        )),
        [Rule::TextTooLong]
    );
    let just_fits = Programme {
        name: "x".repeat(120),
        default_length_days: 3_660,
        ..before.clone()
    };
    assert!(check_programme_change(&id("hr"), false, Some(&before), &just_fits).is_empty());
}

#[test]
fn kind_is_fixed_once_open_and_a_closed_programme_is_kept_as_it_was() {
    let mut draft = programme(ProgrammeKind::Mentoring);
    draft.state = ProgrammeState::Draft;
    let as_coaching = Programme {
        kind: ProgrammeKind::Coaching,
        ..draft.clone()
    };
    assert!(check_programme_change(&id("hr"), false, Some(&draft), &as_coaching).is_empty());

    let open = programme(ProgrammeKind::Mentoring);
    let refused = check_programme_change(
        &id("hr"),
        false,
        Some(&open),
        &Programme {
            kind: ProgrammeKind::Coaching,
            ..open.clone()
        },
    );
    assert_eq!(rules(&refused), [Rule::ProgrammeKindFixed]);
    let back_to_draft = Programme {
        state: ProgrammeState::Draft,
        ..open.clone()
    };
    assert_eq!(
        rules(&check_programme_change(
            &id("hr"),
            false,
            Some(&open),
            &back_to_draft
        )),
        [Rule::ProgrammeState]
    );

    let closed = Programme {
        state: ProgrammeState::Closed { on: Date(500) },
        ..open.clone()
    };
    assert!(check_programme_change(&id("hr"), false, Some(&open), &closed).is_empty());
    let reopened = check_programme_change(&id("hr"), false, Some(&closed), &open);
    assert_eq!(rules(&reopened), [Rule::ProgrammeClosed]);
    assert!(reopened[0].message.contains("closed on 1971-05-16"));
    assert_eq!(
        rules(&check_programme_change(&id("hr"), true, None, &closed)),
        [Rule::ProgrammeState]
    );
}

#[test]
fn matching_modes_ask_for_the_matching_run_they_name() {
    use mentoring_core::matching::Mode;
    assert_eq!(MatchingMode::Optimal.run_mode(), Some(Mode::Optimal));
    assert_eq!(MatchingMode::Stable.run_mode(), Some(Mode::Stable));
    assert_eq!(MatchingMode::MenteeChooses.run_mode(), None);
}

// Enrolments ---------------------------------------------------------------------------------

fn enrolment(key: &str, who: &str, role: EnrolledAs, status: EnrolmentStatus) -> Enrolment {
    Enrolment {
        id: id(key),
        programme: id("prog"),
        person: id(who),
        role,
        status,
        since: Date(150),
    }
}

fn check(
    actor: &str,
    p: &Programme,
    others: &[Enrolment],
    before: Option<&Enrolment>,
    after: &Enrolment,
) -> Result<(), Rule> {
    check_enrolment_change(
        &id(actor),
        p,
        &directory(),
        others,
        before,
        after,
        Date(150),
    )
    .map_err(|r| r.rule)
}

const MENTOR: EnrolledAs = EnrolledAs::Mentor { capacity: 3 };

#[test]
fn an_admin_enrols_people_who_may_join_and_nobody_twice() {
    let p = programme(ProgrammeKind::Mentoring);
    let amira = enrolment("e1", "amira", EnrolledAs::Mentee, EnrolmentStatus::Enrolled);
    assert_eq!(check("hr", &p, &[], None, &amira), Ok(()));
    // Tom is in Product; the programme takes Sales, grades 2–5.
    let tom = enrolment("e2", "tom", EnrolledAs::Mentee, EnrolmentStatus::Enrolled);
    let refusal = check_enrolment_change(&id("hr"), &p, &directory(), &[], None, &tom, Date(150))
        .unwrap_err();
    assert_eq!(refusal.rule, Rule::NotAmongWhoMayJoin);
    assert!(
        refusal
            .message
            .contains("Tom Ashworth (Product, London, grade 3)")
            && refusal.message.contains("departments Sales; grades 2–5"),
        "{}",
        refusal.message
    );
    // Mentors are invited by the admins, whoever may join as a mentee.
    let james = enrolment("e3", "james", MENTOR, EnrolmentStatus::Invited);
    assert_eq!(check("hr", &p, &[], None, &james), Ok(()));
    let ghost = enrolment("e4", "ghost", EnrolledAs::Mentee, EnrolmentStatus::Enrolled);
    assert_eq!(check("hr", &p, &[], None, &ghost), Err(Rule::UnknownRecord));
    let again = enrolment("e5", "amira", EnrolledAs::Mentee, EnrolmentStatus::Invited);
    assert_eq!(
        check("hr", &p, std::slice::from_ref(&amira), None, &again),
        Err(Rule::AlreadyEnrolled)
    );
    // Someone who left may be enrolled again.
    let left = enrolment(
        "e1",
        "amira",
        EnrolledAs::Mentee,
        EnrolmentStatus::Left {
            reason: "moved".into(),
        },
    );
    assert_eq!(check("hr", &p, &[left], None, &again), Ok(()));
}

#[test]
fn someone_takes_part_in_one_role_and_a_second_is_refused_naming_the_first() {
    let p = programme(ProgrammeKind::Mentoring);
    let mentee = enrolment("e1", "amira", EnrolledAs::Mentee, EnrolmentStatus::Enrolled);
    let as_mentor = enrolment("e2", "amira", MENTOR, EnrolmentStatus::Invited);
    let refusal = check_enrolment_change(
        &id("hr"),
        &p,
        &directory(),
        std::slice::from_ref(&mentee),
        None,
        &as_mentor,
        Date(150),
    )
    .unwrap_err();
    assert_eq!(refusal.rule, Rule::AlreadyEnrolled);
    assert!(
        refusal.message.contains("already enrolled as a mentee")
            && refusal.message.contains("one role"),
        "{}",
        refusal.message
    );
    assert_eq!(refusal.args[2], "mentee");
    // Once she has left as a mentee, she may be invited to mentor.
    let left = EnrolmentStatus::Left {
        reason: "now mentoring".into(),
    };
    let gone = enrolment("e1", "amira", EnrolledAs::Mentee, left);
    assert_eq!(check("hr", &p, &[gone], None, &as_mentor), Ok(()));
}

#[test]
fn mentors_and_coaches_take_one_to_twenty_and_coaches_need_a_credential() {
    let mentoring = programme(ProgrammeKind::Mentoring);
    for (capacity, expected) in [
        (0, Err(Rule::Capacity)),
        (1, Ok(())),
        (CAPACITY_MAX, Ok(())),
        (CAPACITY_MAX + 1, Err(Rule::Capacity)),
    ] {
        let e = enrolment(
            "e1",
            "james",
            EnrolledAs::Mentor { capacity },
            EnrolmentStatus::Invited,
        );
        assert_eq!(
            check("hr", &mentoring, &[], None, &e),
            expected,
            "{capacity}"
        );
    }
    let coaching = programme(ProgrammeKind::Coaching);
    let james = enrolment("e1", "james", MENTOR, EnrolmentStatus::Invited);
    assert_eq!(
        check("hr", &coaching, &[], None, &james),
        Err(Rule::CoachCredential)
    );
    let sofia = enrolment("e2", "sofia", MENTOR, EnrolmentStatus::Invited);
    assert_eq!(check("hr", &coaching, &[], None, &sofia), Ok(()));
    // Sofia's credential expires on day 1,000: not valid for a programme starting later.
    let later = Programme {
        starts: Date(1_001),
        ends: None,
        ..coaching
    };
    assert_eq!(
        check("hr", &later, &[], None, &sofia),
        Err(Rule::CoachCredential)
    );
}

#[test]
fn the_person_invited_answers_and_anyone_may_leave_but_nothing_more() {
    let p = programme(ProgrammeKind::Mentoring);
    let invited = enrolment("e1", "james", MENTOR, EnrolmentStatus::Invited);
    let accepted = Enrolment {
        status: EnrolmentStatus::Enrolled,
        ..invited.clone()
    };
    let declined = Enrolment {
        status: EnrolmentStatus::Declined,
        ..invited.clone()
    };
    assert_eq!(check("james", &p, &[], Some(&invited), &accepted), Ok(()));
    assert_eq!(check("james", &p, &[], Some(&invited), &declined), Ok(()));
    // Nobody else answers for them, admins included.
    assert_eq!(
        check("amira", &p, &[], Some(&invited), &accepted),
        Err(Rule::NotPermitted)
    );
    let on_behalf = check_enrolment_change(
        &id("hr"),
        &p,
        &directory(),
        &[],
        Some(&invited),
        &accepted,
        Date(150),
    )
    .unwrap_err();
    assert_eq!(on_behalf.rule, Rule::EnrolmentOrder);
    assert!(on_behalf.message.contains("Only the person invited"));
    // A participant does not enrol themselves or change their capacity.
    assert_eq!(
        check("james", &p, &[], None, &accepted),
        Err(Rule::NotPermitted)
    );
    let more = Enrolment {
        role: EnrolledAs::Mentor { capacity: 9 },
        ..accepted.clone()
    };
    assert_eq!(
        check("james", &p, &[], Some(&accepted), &more),
        Err(Rule::NotPermitted)
    );
    // Leaving: the person may, with or without a reason; an admin must say why.
    let left = |reason: &str| Enrolment {
        status: EnrolmentStatus::Left {
            reason: reason.into(),
        },
        ..accepted.clone()
    };
    assert_eq!(check("james", &p, &[], Some(&accepted), &left("")), Ok(()));
    assert_eq!(
        check("james", &p, &[], Some(&invited), &left("")),
        Err(Rule::EnrolmentOrder)
    );
    assert_eq!(
        check("hr", &p, &[], Some(&accepted), &left(" ")),
        Err(Rule::EnrolmentOrder)
    );
    assert_eq!(
        check("hr", &p, &[], Some(&accepted), &left("changed role")),
        Ok(())
    );
    // An admin withdraws an invitation, or re-invites someone who declined.
    assert_eq!(
        check("hr", &p, &[], Some(&invited), &left("filled")),
        Ok(())
    );
    assert_eq!(check("hr", &p, &[], Some(&declined), &invited), Ok(()));
}

#[test]
fn an_enrolment_stays_with_its_person_and_a_closed_programme_takes_no_changes() {
    let p = programme(ProgrammeKind::Mentoring);
    let amira = enrolment("e1", "amira", EnrolledAs::Mentee, EnrolmentStatus::Enrolled);
    let fatima = Enrolment {
        person: id("fatima"),
        ..amira.clone()
    };
    assert_eq!(
        check("hr", &p, &[], Some(&amira), &fatima),
        Err(Rule::EnrolmentOrder)
    );
    let closed = Programme {
        state: ProgrammeState::Closed { on: Date(140) },
        ..p
    };
    let left = Enrolment {
        status: EnrolmentStatus::Left {
            reason: "done".into(),
        },
        ..amira.clone()
    };
    assert_eq!(
        check("hr", &closed, &[], Some(&amira), &left),
        Err(Rule::ProgrammeClosed)
    );
    assert_eq!(
        check("amira", &closed, &[], Some(&amira), &left),
        Err(Rule::ProgrammeClosed)
    );
}

fn pair(key: &str, mentor: &str, mentee: &str, lifecycle: Lifecycle) -> Relationship {
    Relationship {
        id: id(key),
        kind: RelationshipKind::Mentoring,
        programme: id("prog"),
        mentor: id(mentor),
        mentee: id(mentee),
        purpose: String::new(),
        ground_rules: String::new(),
        starts: Date(100),
        planned_end: Date(400),
        lifecycle,
        target_role: None,
        agreed: Default::default(),
    }
}

#[test]
fn the_first_enrolment_keeps_the_people_of_pairs_under_way_on_the_list_it_starts() {
    use mentoring_core::enrolment::{check_takes_part, list_starts, ListStarts};
    // Mentees chose their mentors from the directory: James mentors Amira; Fatima's pair with
    // him is over.
    let mut p = programme(ProgrammeKind::Mentoring);
    p.matching = MatchingMode::MenteeChooses;
    let pairs = [
        pair("r1", "james", "amira", Lifecycle::Active),
        pair("r2", "james", "fatima", Lifecycle::Completed),
    ];
    let kept = vec![
        (id("james"), EnrolledAs::Mentor { capacity: 2 }),
        (id("amira"), EnrolledAs::Mentee),
    ];
    // What the admin is told before: one pair under way, its two people kept on.
    assert_eq!(
        list_starts(&p, &[], &pairs),
        Some(ListStarts {
            pairs: 1,
            kept,
            two_roles: Vec::new()
        })
    );
    // Amira mentoring Omar there too (the admins may pair her so): kept as a mentor, with her
    // pair as a mentee named to the admin, since a list holds one role each.
    let both = [
        pair("r1", "james", "amira", Lifecycle::Active),
        pair("r3", "amira", "omar", Lifecycle::Active),
    ];
    assert_eq!(
        list_starts(&p, &[], &both),
        Some(ListStarts {
            pairs: 2,
            kept: vec![
                (id("james"), EnrolledAs::Mentor { capacity: 2 }),
                (id("amira"), EnrolledAs::Mentor { capacity: 2 }),
                (id("omar"), EnrolledAs::Mentee),
            ],
            two_roles: vec![id("amira")],
        })
    );
    let mut n = 0;
    let mut mint = || {
        n += 1;
        id(&format!("new-{n}"))
    };
    let mut plan = |people: &[RecordId], existing: &[Enrolment]| {
        plan_enrolments(
            &id("hr"),
            &p,
            &directory(),
            (existing, &pairs),
            people,
            EnrolledAs::Mentee,
            EnrolmentStatus::Enrolled,
            Date(150),
            &mut mint,
        )
    };
    // Tom is refused (not among who may join): nothing is enrolled, the list not started.
    let (planned, refused) = plan(&[id("tom")], &[]);
    assert!(planned.is_empty(), "{planned:?}");
    assert_eq!(refused.len(), 1);
    // Enrolling Fatima starts the list, and James and Amira's pair carries on.
    let (planned, refused) = plan(&[id("fatima")], &[]);
    assert!(refused.is_empty(), "{refused:?}");
    let on_list: Vec<(&str, EnrolledAs, &EnrolmentStatus)> = (planned.iter())
        .map(|e| (e.person.as_str(), e.role, &e.status))
        .collect();
    assert_eq!(
        on_list,
        [
            ("fatima", EnrolledAs::Mentee, &EnrolmentStatus::Enrolled),
            (
                "james",
                EnrolledAs::Mentor { capacity: 2 },
                &EnrolmentStatus::Enrolled
            ),
            ("amira", EnrolledAs::Mentee, &EnrolmentStatus::Enrolled),
        ]
    );
    let people = directory();
    let amira = people.get(&id("amira")).unwrap();
    assert!(check_takes_part(&p, amira, EnrolledAs::Mentee, &planned, Date(150)).is_ok());
    // Once there is a list, the next enrolment enrols only whom it names.
    assert_eq!(list_starts(&p, &planned, &pairs), None);
    let (next, _) = plan(&[id("amira")], &planned);
    assert!(next.is_empty(), "Amira is on the list already: {next:?}");
}

#[test]
fn bulk_enrolment_creates_what_it_can_and_says_why_not_for_the_rest() {
    let p = programme(ProgrammeKind::Mentoring);
    let existing = [enrolment(
        "e0",
        "fatima",
        EnrolledAs::Mentee,
        EnrolmentStatus::Enrolled,
    )];
    let mut n = 0;
    let mut mint = || {
        n += 1;
        id(&format!("new-{n}"))
    };
    let (planned, refused) = plan_enrolments(
        &id("hr"),
        &p,
        &directory(),
        (&existing, &[]),
        &[id("amira"), id("tom"), id("fatima"), id("amira")],
        EnrolledAs::Mentee,
        EnrolmentStatus::Enrolled,
        Date(150),
        &mut mint,
    );
    assert_eq!(
        planned
            .iter()
            .map(|e| e.person.as_str())
            .collect::<Vec<_>>(),
        ["amira"]
    );
    assert_eq!(
        refused
            .iter()
            .map(|(who, r)| (who.as_str(), r.rule))
            .collect::<Vec<_>>(),
        [
            ("tom", Rule::NotAmongWhoMayJoin),
            ("fatima", Rule::AlreadyEnrolled),
            ("amira", Rule::AlreadyEnrolled),
        ]
    );
}

// Directory search ---------------------------------------------------------------------------

#[test]
fn the_directory_is_searched_by_name_words_and_filtered_by_department_location_and_grade() {
    let d = directory();
    let names = |query: DirectoryQuery| -> Vec<String> {
        search_directory(&d, &query)
            .into_iter()
            .map(|p| p.id.to_string())
            .collect()
    };
    let text = |t: &str| DirectoryQuery {
        text: t.into(),
        ..Default::default()
    };
    assert_eq!(names(text("ami HAD")), ["amira"]);
    assert_eq!(names(text("haddad amira")), ["amira"]);
    assert!(
        names(text("mira")).is_empty(),
        "words match from their start"
    );
    assert_eq!(names(text("")).len(), 6);
    // By job title too ("Sales role").
    assert_eq!(names(text("sales")), ["amira", "fatima", "james"]);
    let filtered = DirectoryQuery {
        text: String::new(),
        filter: PeopleFilter {
            departments: vec!["Sales".into(), "Product".into()],
            locations: vec!["Dubai".into(), "London".into()],
            grades: Some(GradeRange {
                lowest: Grade(3),
                highest: Grade(4),
            }),
        },
    };
    assert_eq!(names(filtered.clone()), ["amira", "fatima", "tom"]);
    let in_london = DirectoryQuery {
        filter: PeopleFilter {
            locations: vec!["London".into()],
            ..filtered.filter
        },
        ..filtered
    };
    assert_eq!(names(in_london), ["tom"]);
    let f = facets(&d);
    assert_eq!(f.departments, ["People", "Product", "Sales"]);
    assert_eq!(f.locations, ["Dubai", "London"]);
    assert_eq!(f.grades, [Grade(3), Grade(4), Grade(7), Grade(8)]);
}

#[test]
fn who_may_join_names_a_location_or_department_nobody_in_the_directory_has() {
    let d = Directory::new([
        person("amira", "Amira Haddad", "Sales", "London", 4),
        person("tom", "Tom Price", "Sales", "London", 3),
    ]);
    let known = facets(&d);
    assert_eq!(known.locations, ["London"]);
    let filter = |departments: &[&str], locations: &[&str]| PeopleFilter {
        departments: departments.iter().map(|s| s.to_string()).collect(),
        locations: locations.iter().map(|s| s.to_string()).collect(),
        grades: None,
    };
    // Exactly as the filter compares: a typo keeps everyone out; another letter case does not.
    let typed = filter(&["Sales", "Salse"], &["London", "Lodnon", "london"]);
    let unknown = unknown_names(&typed, &known);
    assert_eq!(unknown.departments, ["Salse"]);
    assert_eq!(unknown.locations, ["Lodnon"]);
    let misspelt = filter(&[], &["Lodnon"]);
    assert!(d.people().all(|p| !misspelt.admits(p)));
    assert!(d.people().all(|p| filter(&[], &["london"]).admits(p)));
    assert!(unknown_names(&filter(&["Sales"], &["London"]), &known).is_empty());
    // Without a directory there is nothing to compare with.
    assert!(unknown_names(&typed, &facets(&Directory::new([]))).is_empty());
}

// Who may see and change what ----------------------------------------------------------------

fn table(record: Record<'_>) -> [Access; 4] {
    let admin_of = [id("prog")];
    ["amira", "james", "hr", "tom"].map(|who| {
        let person = id(who);
        let admin: &[RecordId] = if who == "hr" { &admin_of } else { &[] };
        access(
            Viewer {
                person: &person,
                admin_of: admin,
            },
            record,
        )
    })
}

use Access::{None as No, Read, Write};

#[test]
fn programmes_are_their_admins_to_change_and_drafts_theirs_to_see() {
    let open = programme(ProgrammeKind::Mentoring);
    assert_eq!(table(Record::Programme(&open)), [Read, Read, Write, Read]);
    let draft = Programme {
        state: ProgrammeState::Draft,
        ..open.clone()
    };
    assert_eq!(table(Record::Programme(&draft)), [No, No, Write, No]);
    // A programme set up in the widget names its admins itself.
    let own = Programme {
        id: id("new-prog"),
        admins: vec![id("james")],
        ..draft
    };
    assert_eq!(table(Record::Programme(&own)), [No, Write, No, No]);
}

#[test]
fn a_participant_sees_their_own_enrolment_and_admins_change_them() {
    let e = enrolment("e1", "amira", EnrolledAs::Mentee, EnrolmentStatus::Enrolled);
    assert_eq!(table(Record::Enrolment(&e)), [Read, No, Write, No]);
    let elsewhere = Enrolment {
        programme: id("other"),
        ..e
    };
    assert_eq!(table(Record::Enrolment(&elsewhere)), [Read, No, No, No]);
}

fn nudge() -> Nudge {
    Nudge {
        id: id("n1"),
        programme: id("prog"),
        relationship: id("rel"),
        to: id("james"),
        reason: "no-session".into(),
        by: id("hr"),
        at: Millis(5),
    }
}

fn assessment() -> SelfAssessment {
    SelfAssessment {
        id: id("sa1"),
        programme: id("prog"),
        person: id("amira"),
        stage: Stage::End,
        score: 4,
        written_at: Millis(6),
    }
}

fn check_in() -> CheckIn {
    CheckIn {
        id: id("ci1"),
        programme: id("prog"),
        about: id("amira"),
        by: id("james"),
        observer: Observer::Peer,
        score: 3,
        written_at: Millis(7),
    }
}

#[test]
fn nudges_reach_their_recipient_and_evaluations_never_reach_admins() {
    assert_eq!(table(Record::Nudge(&nudge())), [No, Read, Write, No]);
    assert_eq!(
        table(Record::SelfAssessment(&assessment())),
        [Write, No, No, No]
    );
    assert_eq!(table(Record::CheckIn(&check_in())), [Read, Write, No, No]);
}

#[test]
fn evaluation_records_are_checked() {
    use mentoring_core::evaluation::{check_check_in, check_self_assessment};
    assert!(check_self_assessment(&assessment()).is_ok());
    let zero = SelfAssessment {
        score: 0,
        ..assessment()
    };
    assert_eq!(
        check_self_assessment(&zero).unwrap_err().rule,
        Rule::RatingRange
    );
    let d = Directory::new([
        Person {
            manager: Some(id("khalid")),
            ..Person::new(id("amira"), "Amira")
        },
        Person::new(id("khalid"), "Khalid"),
        Person::new(id("james"), "James"),
    ]);
    assert!(check_check_in(&check_in(), &d).is_ok());
    let by_manager = CheckIn {
        observer: Observer::Manager,
        ..check_in()
    };
    assert_eq!(
        check_check_in(&by_manager, &d).unwrap_err().rule,
        Rule::ManagerCheckIn
    );
    let khalid = CheckIn {
        by: id("khalid"),
        ..by_manager
    };
    assert!(check_check_in(&khalid, &d).is_ok());
    let own = CheckIn {
        by: id("amira"),
        ..check_in()
    };
    assert_eq!(check_check_in(&own, &d).unwrap_err().rule, Rule::SameParty);
}

// Records as fields --------------------------------------------------------------------------

fn admin_kinds() -> Vec<AdminChange> {
    let mut p = programme(ProgrammeKind::Coaching);
    p.objectives = vec![Objective {
        id: id("obj-1"),
        text: "Grow, \"fast\"".into(),
    }];
    p.matching = MatchingMode::MenteeChooses;
    p.health = HealthSettings {
        quiet_weeks: 3,
        ending_within_days: 0,
        rating_drop_hundredths: 75,
    };
    p.places_per_mentor = 4;
    let closed = Programme {
        id: id("prog-2"),
        state: ProgrammeState::Closed { on: Date(800) },
        eligibility: PeopleFilter::default(),
        ends: None,
        ..p.clone()
    };
    vec![
        AdminChange::Programme(p),
        AdminChange::Programme(closed),
        AdminChange::Enrolment(enrolment(
            "e1",
            "amira",
            EnrolledAs::Mentee,
            EnrolmentStatus::Enrolled,
        )),
        AdminChange::Enrolment(enrolment(
            "e2",
            "james",
            EnrolledAs::Mentor { capacity: 4 },
            EnrolmentStatus::Left {
                reason: "retired".into(),
            },
        )),
        AdminChange::Enrolment(enrolment("e3", "sofia", MENTOR, EnrolmentStatus::Declined)),
        AdminChange::Enrolment(enrolment("e4", "tom", MENTOR, EnrolmentStatus::Invited)),
        AdminChange::Nudge(nudge()),
        AdminChange::SelfAssessment(assessment()),
        AdminChange::CheckIn(check_in()),
    ]
}

#[test]
fn every_admin_record_kind_survives_the_trip_to_fields_and_back() {
    let kinds = admin_kinds();
    let records: Vec<_> = kinds.iter().flat_map(admin_records_of).collect();
    let back = admin_changes_from(records.iter().map(|r| (r.entity, &r.id, &r.fields)));
    assert!(back.unreadable.is_empty(), "{:?}", back.unreadable);
    let mut expected = kinds.clone();
    expected.sort_by(|a, b| (a.entity(), a.id()).cmp(&(b.entity(), b.id())));
    assert_eq!(back.changes, expected);
    // A participant's workspace does not fold them.
    let participant = changes_from(records.iter().map(|r| (r.entity, &r.id, &r.fields)));
    assert!(participant.changes.is_empty() && participant.unreadable.is_empty());
}

#[test]
fn unreadable_admin_records_are_reported_with_their_field() {
    use mentoring_core::projection::FieldValue;
    let mut records = admin_records_of(&admin_kinds()[2]);
    records[0]
        .fields
        .insert("status".into(), FieldValue::Text("maybe".into()));
    let mut programme = admin_records_of(&admin_kinds()[0]);
    programme[0]
        .fields
        .insert("objectives".into(), FieldValue::List(vec!["obj-1".into()]));
    records.extend(programme);
    let back = admin_changes_from(records.iter().map(|r| (r.entity, &r.id, &r.fields)));
    assert!(back.changes.is_empty());
    assert_eq!(
        back.unreadable,
        [
            "enrolment e1 field status: unknown value \"maybe\"",
            "programme prog field objectives: expected pairs of id and text",
        ]
    );
}

#[test]
fn a_programme_set_up_before_its_health_settings_reads_as_the_defaults() {
    use mentoring_core::projection::FieldValue;
    let mut records = admin_records_of(&admin_kinds()[0]);
    for field in ["quiet-weeks", "ending-within-days", "rating-drop"] {
        assert!(records[0].fields.remove(field).is_some(), "{field}");
    }
    let back = admin_changes_from(records.iter().map(|r| (r.entity, &r.id, &r.fields)));
    assert!(back.unreadable.is_empty(), "{:?}", back.unreadable);
    let [AdminChange::Programme(p)] = back.changes.as_slice() else {
        panic!("{:?}", back.changes);
    };
    assert_eq!(p.health, HealthSettings::default());
    // A value no setting can hold is unreadable, not cut down to fit.
    records[0]
        .fields
        .insert("quiet-weeks".into(), FieldValue::Int(-1));
    let back = admin_changes_from(records.iter().map(|r| (r.entity, &r.id, &r.fields)));
    assert_eq!(
        back.unreadable,
        ["programme prog field quiet-weeks: out of range"]
    );
}

#[test]
fn a_programmes_health_settings_are_kept_within_their_ranges() {
    let before = programme(ProgrammeKind::Mentoring);
    let with = |quiet_weeks, ending_within_days, rating_drop_hundredths| Programme {
        health: HealthSettings {
            quiet_weeks,
            ending_within_days,
            rating_drop_hundredths,
        },
        ..before.clone()
    };
    let refused = |p: &Programme| check_programme_change(&id("hr"), false, Some(&before), p);
    // The ends of each range are allowed.
    assert!(refused(&with(1, 0, 10)).is_empty());
    assert!(refused(&with(26, 90, 400)).is_empty());
    let out = refused(&with(0, 91, 401));
    assert_eq!(
        rules(&out),
        [
            Rule::HealthQuietWeeks,
            Rule::HealthEndingWithin,
            Rule::HealthRatingDrop
        ]
    );
    // Each names the range allowed and the value given; the drop in points, as it is typed.
    assert_eq!(out[0].args, ["1", "26", "0"]);
    assert_eq!(out[1].args, ["0", "90", "91"]);
    assert_eq!(out[2].args, ["0.1", "4", "4.01"]);
    assert!(
        out[0].message.contains("choose 1 to 26"),
        "{}",
        out[0].message
    );
    assert_eq!(
        rules(&refused(&with(27, -1, 9))),
        [
            Rule::HealthQuietWeeks,
            Rule::HealthEndingWithin,
            Rule::HealthRatingDrop
        ]
    );
}

#[test]
fn a_programme_s_places_per_mentor_are_stored_and_read_as_two_when_absent() {
    let mut records = admin_records_of(&admin_kinds()[0]);
    let stored = |records: &[mentoring_core::projection::FieldRecord]| {
        let back = admin_changes_from(records.iter().map(|r| (r.entity, &r.id, &r.fields)));
        assert!(back.unreadable.is_empty(), "{:?}", back.unreadable);
        match back.changes.as_slice() {
            [AdminChange::Programme(p)] => p.places_per_mentor,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(stored(&records), 4);
    // Stored before the field: as many as the core gave every mentor then.
    assert!(records[0].fields.remove("places-per-mentor").is_some());
    assert_eq!(stored(&records), relationship::DIRECTORY_PLACES);
    assert_eq!(relationship::DIRECTORY_PLACES, 2);
}

#[test]
fn a_programme_s_places_per_mentor_are_one_to_ten() {
    let before = programme(ProgrammeKind::Mentoring);
    let with = |places_per_mentor| Programme {
        places_per_mentor,
        ..before.clone()
    };
    let refused = |p: &Programme| check_programme_change(&id("hr"), false, Some(&before), p);
    assert!(refused(&with(1)).is_empty());
    assert!(refused(&with(10)).is_empty());
    for wrong in [0, 11] {
        let out = refused(&with(wrong));
        assert_eq!(rules(&out), [Rule::PlacesPerMentor]);
        assert_eq!(
            out[0].args,
            ["1".to_owned(), "10".into(), wrong.to_string()]
        );
        assert!(
            out[0].message.contains("choose 1 to 10"),
            "{}",
            out[0].message
        );
    }
}

#[test]
fn an_admin_diff_sets_only_what_changed() {
    use mentoring_core::projection::{admin_diff, Edit, FieldValue};
    let before = AdminChange::Enrolment(enrolment("e1", "james", MENTOR, EnrolmentStatus::Invited));
    let after = AdminChange::Enrolment(enrolment("e1", "james", MENTOR, EnrolmentStatus::Enrolled));
    assert_eq!(
        admin_diff(Some(&before), &after),
        [Edit::Set {
            entity: "enrolment",
            record: id("e1"),
            field: "status".into(),
            value: FieldValue::Text("enrolled".into()),
        }]
    );
    assert_eq!(admin_diff(None, &after).len(), 7);
}

// Find a mentor ------------------------------------------------------------------------------

fn matching_directory() -> Directory {
    let speaking = |mut p: Person, willing: bool| {
        p.languages = vec!["en".into()];
        p.willing_to_mentor = willing;
        p
    };
    Directory::new([
        speaking(person("amira", "Amira Haddad", "Sales", "Dubai", 4), false),
        speaking(
            person("james", "James Whitfield", "Sales", "London", 8),
            true,
        ),
        speaking(person("tom", "Tom Ashworth", "Product", "London", 8), true),
    ])
}

fn mentors_of(enrolment: &mentoring_core::matching::Enrolment) -> Vec<&str> {
    enrolment.mentors.iter().map(|(m, _)| m.as_str()).collect()
}

#[test]
fn find_a_mentor_lists_the_open_programmes_and_offers_mentors_only_where_mentees_choose() {
    use mentoring_core::matching::mentors_offered;
    use mentoring_core::programme::open_programmes;
    let record = |key: &str, matching: MatchingMode, state: ProgrammeState| Programme {
        id: id(key),
        matching,
        state,
        ..programme(ProgrammeKind::Mentoring)
    };
    // The directory's programme says no mode (read as the admins' run by default).
    let directory_programmes = [programme(ProgrammeKind::Mentoring)];
    let records = [
        record("prog", MatchingMode::Optimal, ProgrammeState::Open),
        record("run", MatchingMode::Stable, ProgrammeState::Open),
        record("choose", MatchingMode::MenteeChooses, ProgrammeState::Open),
        record("draft", MatchingMode::MenteeChooses, ProgrammeState::Draft),
        record(
            "closed",
            MatchingMode::MenteeChooses,
            ProgrammeState::Closed { on: Date(140) },
        ),
    ];
    let open = open_programmes(&directory_programmes, &records);
    let listed: Vec<(&str, bool)> = (open.iter())
        .map(|p| (p.id.as_str(), p.mentees_ask()))
        .collect();
    assert_eq!(listed, [("prog", true), ("run", false), ("choose", true)]);
    let offered = |p: &Programme| {
        mentors_offered(p, &matching_directory(), &id("amira"), &[], &[], Date(150))
    };
    assert_eq!(offered(&open[0]), [id("james"), id("tom")]);
    assert_eq!(offered(&open[1]), Vec::<RecordId>::new());
    assert_eq!(offered(&open[2]), [id("james"), id("tom")]);
}

#[test]
fn a_device_told_who_is_on_an_enrolment_list_suggests_only_its_mentors_as_the_host_does() {
    use mentoring_core::enrolment::{as_told, check_takes_part, ListedMentors};
    use mentoring_core::matching::{mentors_offered, Enrolment as Cohort};
    use mentoring_core::relationship::KnownEnrolments;
    let mut p = programme(ProgrammeKind::Mentoring);
    p.matching = MatchingMode::MenteeChooses;
    let (people, amira, today) = (matching_directory(), id("amira"), Date(150));
    let mine = enrolment(
        "en-amira",
        "amira",
        EnrolledAs::Mentee,
        EnrolmentStatus::Enrolled,
    );
    let host = [
        mine.clone(),
        enrolment("en-james", "james", MENTOR, EnrolmentStatus::Enrolled),
        enrolment("en-tom", "tom", MENTOR, EnrolmentStatus::Declined),
    ];
    assert_eq!(
        mentors_offered(&p, &people, &amira, &[], &host, today),
        [id("james")]
    );
    // One invited has not said yes: not offered until they accept.
    let mut invited = host.clone();
    invited[1].status = EnrolmentStatus::Invited;
    assert!(mentors_offered(&p, &people, &amira, &[], &invited, today).is_empty());
    // The device holds Amira's own enrolment alone; the host lists James, not Tom who declined.
    let told = [ListedMentors {
        programme: id("prog"),
        mentors: vec![id("james")],
    }];
    let programmes = [p.clone()];
    let on_device = as_told(
        std::slice::from_ref(&mine),
        &amira,
        Some(&told),
        &programmes,
        today,
    );
    let known = KnownEnrolments::on_device(&amira, true);
    let cohort = Cohort::for_mentee_in(&p, &people, &amira, (&on_device, known), today);
    assert_eq!(mentors_of(&cohort), ["james"]);
    // With the programme's places per mentor: which of them are full the host names.
    assert_eq!(cohort.mentors[0].1, p.places_per_mentor);
    // A host that does not say leaves whoever is willing, for it to judge on a request.
    let own = [mine.clone()];
    let known = KnownEnrolments::on_device(&amira, false);
    assert_eq!(as_told(&own, &amira, None, &programmes, today), own);
    let cohort = Cohort::for_mentee_in(&p, &people, &amira, (&own, known), today);
    assert_eq!(mentors_of(&cohort), ["james", "tom"]);
    // A listed programme keeps its list even with nobody on it for this device: Amira, not on
    // it, may not ask there, as the host would refuse her.
    let empty = [ListedMentors {
        programme: id("prog"),
        mentors: vec![],
    }];
    let on_device = as_told(&[], &amira, Some(&empty), &programmes, today);
    let refused = check_takes_part(
        &p,
        people.get(&amira).unwrap(),
        EnrolledAs::Mentee,
        &on_device,
        today,
    );
    assert_eq!(refused.map_err(|r| r.rule), Err(Rule::NotEnrolled));
    let cohort = Cohort::for_mentee_in(
        &p,
        &people,
        &amira,
        (&on_device, KnownEnrolments::All),
        today,
    );
    assert!(cohort.mentors.is_empty());
    // A programme the host does not list takes its people from the directory.
    let elsewhere = as_told(&[], &amira, Some(&told[..0]), &programmes, today);
    assert!(check_takes_part(
        &p,
        people.get(&amira).unwrap(),
        EnrolledAs::Mentee,
        &elsewhere,
        today
    )
    .is_ok());
}
