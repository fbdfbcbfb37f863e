//! Enrolments: who takes part in a programme, and as what — a mentee or coachee, or a mentor
//! or coach with a capacity. Mentors and coaches are usually invited and answer themselves;
//! anyone may leave.
//!
//! The programme's admins make every change but one: an invitation is answered by the person
//! invited, and a person may leave. `check_enrolment_change` is the one answer to whether a
//! change may be made, used by the UI before saving and by the host before storing.

use crate::rules::{text_within, Refusal, Rule};
use crate::{Date, Directory, Person, Programme, ProgrammeKind, RecordId};

/// The most mentees or coachees one mentor or coach may take in a programme.
pub const CAPACITY_MAX: u8 = 20;
/// The longest reason for leaving.
pub const REASON_MAX_CHARS: usize = 500;

/// What a person takes part as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EnrolledAs {
    /// A mentee or coachee.
    Mentee,
    /// A mentor or coach, taking up to `capacity` mentees or coachees.
    Mentor { capacity: u8 },
}

impl EnrolledAs {
    pub fn is_mentor(self) -> bool {
        matches!(self, EnrolledAs::Mentor { .. })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnrolmentStatus {
    /// Asked to take part; the person has not answered yet.
    Invited,
    /// Taking part.
    Enrolled,
    /// Said no to the invitation.
    Declined,
    /// Took part and left, or was taken off by an admin (who says why).
    Left { reason: String },
}

impl EnrolmentStatus {
    /// Invited or enrolled: the person is (or may soon be) in the programme.
    pub fn is_current(&self) -> bool {
        matches!(self, EnrolmentStatus::Invited | EnrolmentStatus::Enrolled)
    }

    fn word(&self) -> &'static str {
        match self {
            EnrolmentStatus::Invited => "invited",
            EnrolmentStatus::Enrolled => "enrolled",
            EnrolmentStatus::Declined => "declined",
            EnrolmentStatus::Left { .. } => "left",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrolment {
    pub id: RecordId,
    pub programme: RecordId,
    pub person: RecordId,
    pub role: EnrolledAs,
    pub status: EnrolmentStatus,
    /// The day of the last change of status.
    pub since: Date,
}

pub(crate) fn role_word(kind: ProgrammeKind, role: EnrolledAs) -> &'static str {
    match (kind, role) {
        (ProgrammeKind::Coaching, EnrolledAs::Mentee) => "coachee",
        (ProgrammeKind::Coaching, EnrolledAs::Mentor { .. }) => "coach",
        (ProgrammeKind::Mentoring, EnrolledAs::Mentee) => "mentee",
        (ProgrammeKind::Mentoring, EnrolledAs::Mentor { .. }) => "mentor",
    }
}

/// Checks a change to an enrolment made by `actor` on `today`: `before` is the enrolment as it
/// stands (`None` when it is being created), `others` every other enrolment known (to refuse a
/// second enrolment of the same person in the same role).
pub fn check_enrolment_change(
    actor: &RecordId,
    programme: &Programme,
    directory: &Directory,
    others: &[Enrolment],
    before: Option<&Enrolment>,
    after: &Enrolment,
    today: Date,
) -> Result<(), Refusal> {
    let is_admin = programme.is_admin(actor);
    if after.programme != programme.id {
        return Err(refusal!(
            Rule::UnknownRecord,
            "This enrolment is for programme {}, not {}; sync and try again.",
            after.programme,
            programme.name
        ));
    }
    if let Some(before) = before {
        if before.programme != after.programme || before.person != after.person {
            return Err(refusal!(
                Rule::EnrolmentOrder,
                "An enrolment stays with its person and programme; enrol the other person \
                 separately."
            ));
        }
    }
    if let crate::ProgrammeState::Closed { on } = programme.state {
        return Err(refusal!(
            Rule::ProgrammeClosed,
            "{} closed on {on}; its enrolments are kept as they were for its report.",
            programme.name
        )
        .with_args([programme.name.clone(), on.to_string()]));
    }
    if !is_admin {
        return check_own_answer(actor, programme, before, after);
    }
    let Some(person) = directory.get(&after.person) else {
        return Err(refusal!(
            Rule::UnknownRecord,
            "{} is not in the directory; sync and try again.",
            after.person
        ));
    };
    let role = role_word(programme.kind, after.role);
    if let EnrolledAs::Mentor { capacity } = after.role {
        if !(1..=CAPACITY_MAX).contains(&capacity) {
            return Err(refusal!(
                Rule::Capacity,
                "A {role} takes 1 to {CAPACITY_MAX} people at a time (this says {capacity}); \
                     choose a capacity in that range."
            )
            .with_args([
                role.to_string(),
                CAPACITY_MAX.to_string(),
                capacity.to_string(),
            ]));
        }
    }
    check_status_change_by_admin(before, after)?;
    let joining = after.status.is_current() && !before.is_some_and(|b| b.status.is_current());
    let role_changed = before.is_some_and(|b| b.role.is_mentor() != after.role.is_mentor());
    if joining || role_changed {
        check_may_join(programme, person, after.role, today)?;
    }
    if after.status.is_current() {
        // One role per person and programme: as both mentee and mentor, matching could pair
        // them with themselves, and their reminders and screens could not say which side
        // they are on.
        let twin = others.iter().find(|o| {
            o.id != after.id
                && o.programme == after.programme
                && o.person == after.person
                && o.status.is_current()
        });
        if let Some(twin) = twin {
            let role = role_word(programme.kind, twin.role);
            return Err(refusal!(
                Rule::AlreadyEnrolled,
                "{} is already {} as a {role} in {}; one person takes part in one role: change \
                 that enrolment instead.",
                person.name,
                twin.status.word(),
                programme.name
            )
            .with_args([
                person.name.clone(),
                twin.status.word().to_string(),
                role.to_string(),
                programme.name.clone(),
            ]));
        }
    }
    Ok(())
}

/// What a person who is not an admin may do: answer their own invitation, or leave.
fn check_own_answer(
    actor: &RecordId,
    programme: &Programme,
    before: Option<&Enrolment>,
    after: &Enrolment,
) -> Result<(), Refusal> {
    let not_yours = || {
        refusal!(
            Rule::NotPermitted,
            "Only the admins of {} enrol people and change enrolments; you may answer your \
                 own invitation or leave.",
            programme.name
        )
    };
    let Some(before) = before else {
        return Err(not_yours());
    };
    if &after.person != actor || before.role != after.role {
        return Err(not_yours());
    }
    use EnrolmentStatus::*;
    match (&before.status, &after.status) {
        (Invited, Enrolled | Declined) | (Enrolled, Left { .. }) => {
            if let Left { reason } = &after.status {
                text_within("reason", reason, REASON_MAX_CHARS)?;
            }
            Ok(())
        }
        (Invited, Left { .. }) => Err(refusal!(
            Rule::EnrolmentOrder,
            "Decline the invitation rather than leave: you have not joined yet."
        )),
        _ => Err(not_yours()),
    }
}

fn check_status_change_by_admin(
    before: Option<&Enrolment>,
    after: &Enrolment,
) -> Result<(), Refusal> {
    use EnrolmentStatus::*;
    if let Left { reason } = &after.status {
        if reason.trim().is_empty() {
            return Err(refusal!(
                Rule::EnrolmentOrder,
                "Say why the person is leaving the programme; they and the other admins will \
                 see it."
            ));
        }
        text_within("reason", reason, REASON_MAX_CHARS)?;
    }
    let allowed = match (before.map(|b| &b.status), &after.status) {
        (None, Invited | Enrolled) => true,
        (None, _) => false,
        // An admin may withdraw an invitation or take someone off, and re-invite or re-enrol
        // anyone who declined or left; answering an invitation is the invitee's alone.
        (Some(Invited), Invited | Left { .. }) => true,
        (Some(Enrolled), Enrolled | Left { .. }) => true,
        (Some(Declined | Left { .. }), Invited | Enrolled) => true,
        (Some(Declined), Declined) => true,
        (Some(Left { .. }), Left { .. }) => true,
        _ => false,
    };
    if allowed {
        return Ok(());
    }
    Err(match (before.map(|b| &b.status), &after.status) {
        (Some(Invited), Enrolled | Declined) => refusal!(
            Rule::EnrolmentOrder,
            "Only the person invited can accept or decline; wait for their answer, or withdraw \
             the invitation."
        ),
        (None, _) => refusal!(Rule::EnrolmentOrder, "Enrol or invite the person first."),
        (Some(from), to) => refusal!(
            Rule::EnrolmentOrder,
            "An enrolment cannot go from {} to {}; take the person off with a reason, or \
             re-invite them.",
            from.word(),
            to.word()
        ),
    })
}

/// Whether `person` may join `programme` as `role` on `today`: mentees and coachees must be
/// among who may join; coaches need a coaching credential valid when the programme runs.
pub fn check_may_join(
    programme: &Programme,
    person: &Person,
    role: EnrolledAs,
    today: Date,
) -> Result<(), Refusal> {
    match role {
        EnrolledAs::Mentee if !programme.eligibility.admits(person) => Err(refusal!(
            Rule::NotAmongWhoMayJoin,
            "{} ({}, {}, grade {}) is not among who may join {} ({}); choose someone it \
                 admits, or have its admins widen who may join.",
            person.name,
            person.department,
            person.location,
            person.grade.0,
            programme.name,
            programme.eligibility.describe()
        )
        .with_args([&person.name, &programme.name])),
        EnrolledAs::Mentor { .. } if programme.kind == ProgrammeKind::Coaching => {
            let on = today.max(programme.starts);
            if person
                .coach_credential
                .as_ref()
                .is_some_and(|c| c.valid_on(on))
            {
                Ok(())
            } else {
                Err(refusal!(
                    Rule::CoachCredential,
                    "{} has no coaching credential valid on {on}; coaching is led by a \
                         trained coach. Invite a credentialed coach or renew the credential \
                         first.",
                    person.name
                )
                .with_args([person.name.clone(), on.to_string()]))
            }
        }
        _ => Ok(()),
    }
}

/// Whether `programme` takes its people from the HR directory: nobody was ever on its
/// enrolment list (`enrolments` may hold other programmes'). A programme whose every
/// enrolment was declined or left keeps its list.
pub fn takes_from_directory(enrolments: &[Enrolment], programme: &RecordId) -> bool {
    !enrolments.iter().any(|e| &e.programme == programme)
}

/// Whether `person` may take part in `programme` as `role`: while the programme takes its
/// people from the HR directory, `check_may_join` decides, as it would have on enrolling
/// them; a programme with an enrolment list needs them on it in that role as its matching
/// run counts them (`taking_part`: enrolled), so one invited who has not accepted, or who
/// declined or left, is not paired. Who may join was checked when they were enrolled, and
/// a later change to it does not take them off the list.
pub fn check_takes_part(
    programme: &Programme,
    person: &Person,
    role: EnrolledAs,
    enrolments: &[Enrolment],
    today: Date,
) -> Result<(), Refusal> {
    if takes_from_directory(enrolments, &programme.id) {
        return check_may_join(programme, person, role, today);
    }
    let listed = taking_part(enrolments, &programme.id)
        .any(|e| e.person == person.id && e.role.is_mentor() == role.is_mentor());
    if listed {
        return Ok(());
    }
    let role = role_word(programme.kind, role);
    Err(refusal!(
        Rule::NotEnrolled,
        "{} is not on the enrolment list of {} as a {role}; choose someone who is, or have its \
         admins enrol them first.",
        person.name,
        programme.name
    )
    .with_args([&person.name, &programme.name]))
}

/// A programme's enrolment list as the host tells a participant's device, whose person's
/// own enrolments alone it holds: who takes part in it as a mentor or coach (enrolled, as
/// `taking_part` counts them). Listed only while the programme is open; its
/// mentors named only to someone who may ask for one there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedMentors {
    pub programme: RecordId,
    pub mentors: Vec<RecordId>,
}

/// The enrolments a participant's device judges who takes part with: its person's (`me`)
/// own, and, once the host said which programmes keep an enrolment list (`told`, `None`
/// from a host that does not say), a stand-in for each mentor it lists, enrolled with the
/// programme's places per mentor (which of them are full the host names). A listed
/// programme keeps its list even when neither the person nor any mentor is on it: a
/// stand-in of the person, declined, says so, so `check_takes_part` refuses whoever is not
/// on it as the host would. With the host's word the device judges both of a pair
/// (`relationship::KnownEnrolments::All`); without it, its person alone.
pub fn as_told(
    own: &[Enrolment],
    me: &RecordId,
    told: Option<&[ListedMentors]>,
    programmes: &[Programme],
    today: Date,
) -> Vec<Enrolment> {
    let mut all = own.to_vec();
    let stand_in = RecordId::parse("told").expect("a valid id");
    for listed in told.unwrap_or_default() {
        let places = (programmes.iter())
            .find(|p| p.id == listed.programme)
            .map_or(crate::relationship::DIRECTORY_PLACES, |p| {
                p.places_per_mentor
            });
        let capacity = places.clamp(1, u32::from(CAPACITY_MAX)) as u8;
        let enrolled = |person: &RecordId, role, status| Enrolment {
            id: stand_in.clone(),
            programme: listed.programme.clone(),
            person: person.clone(),
            role,
            status,
            since: today,
        };
        all.push(enrolled(me, EnrolledAs::Mentee, EnrolmentStatus::Declined));
        all.extend((listed.mentors.iter()).map(|m| {
            enrolled(
                m,
                EnrolledAs::Mentor { capacity },
                EnrolmentStatus::Enrolled,
            )
        }));
    }
    all
}

/// The enrolments of `programme` that put someone in its matching run and its pairs: those
/// enrolled, in either role. Someone invited has not said yes: they are not matched or
/// paired until they accept (their widget asks them, `reminders::invitations`).
pub fn taking_part<'a>(
    enrolments: &'a [Enrolment],
    programme: &RecordId,
) -> impl Iterator<Item = &'a Enrolment> + 'a {
    current_enrolments(enrolments, programme).filter(|e| e.status == EnrolmentStatus::Enrolled)
}

/// Whether `person` takes part in `programme` only as a mentor or coach, so is offered no
/// mentor there: invited or enrolled as one and not as a mentee, or, while the programme
/// takes its people from the directory, willing to mentor and admitted as a mentor (its
/// cohort counts them among the mentors alone: `matching::Enrolment::from_directory`).
pub fn mentors_only(
    programme: &Programme,
    person: &Person,
    enrolments: &[Enrolment],
    today: Date,
) -> bool {
    if takes_from_directory(enrolments, &programme.id) {
        let as_mentor = EnrolledAs::Mentor { capacity: 1 };
        return person.willing_to_mentor
            && check_may_join(programme, person, as_mentor, today).is_ok();
    }
    let roles: Vec<EnrolledAs> = current_enrolments(enrolments, &programme.id)
        .filter(|e| e.person == person.id)
        .map(|e| e.role)
        .collect();
    roles.iter().any(|r| matches!(r, EnrolledAs::Mentor { .. }))
        && !roles.contains(&EnrolledAs::Mentee)
}

/// What the first enrolment in a programme that takes its people from the HR directory
/// changes (`takes_from_directory`): from then on only people on its enrolment list take
/// part, so its admins are told before (`None` for a programme that has a list already).
/// The people of its pairs under way (`kept`, each in their role there, a mentor with a
/// place for each of their pairs) are enrolled with the first people chosen
/// (`plan_enrolments`), so those pairs carry on, and a mentee who found their mentor in the
/// directory is not told they are not on the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListStarts {
    /// Pairs under way (proposed, active or paused) in the programme.
    pub pairs: usize,
    /// Their people, each once, in the role they hold there.
    pub kept: Vec<(RecordId, EnrolledAs)>,
    /// Those of them who mentor a pair there and are mentored in another (the admins may pair
    /// them so): a list holds one role each, so they are kept as mentors, and their pair as a
    /// mentee has them off the list; the admins are told before the first enrolment.
    pub two_roles: Vec<RecordId>,
}

/// See [`ListStarts`]: `relationships` may hold other programmes'.
pub fn list_starts(
    programme: &Programme,
    enrolments: &[Enrolment],
    relationships: &[crate::Relationship],
) -> Option<ListStarts> {
    if !takes_from_directory(enrolments, &programme.id) {
        return None;
    }
    let under_way: Vec<&crate::Relationship> = (relationships.iter())
        .filter(|r| r.programme == programme.id && !r.lifecycle.is_over())
        .collect();
    let mut kept: Vec<(RecordId, EnrolledAs)> = Vec::new();
    // Mentors first: someone in both roles is kept as a mentor, with every pair they mentor.
    for r in &under_way {
        if !kept.iter().any(|(p, _)| p == &r.mentor) {
            let pairs = under_way.iter().filter(|o| o.mentor == r.mentor).count() as u32;
            let places = programme.places_per_mentor.max(pairs);
            let capacity = places.clamp(1, u32::from(CAPACITY_MAX)) as u8;
            kept.push((r.mentor.clone(), EnrolledAs::Mentor { capacity }));
        }
    }
    let mut two_roles = Vec::new();
    for r in &under_way {
        match kept.iter().find(|(p, _)| p == &r.mentee) {
            None => kept.push((r.mentee.clone(), EnrolledAs::Mentee)),
            Some((_, EnrolledAs::Mentor { .. })) if !two_roles.contains(&r.mentee) => {
                two_roles.push(r.mentee.clone());
            }
            Some(_) => {}
        }
    }
    Some(ListStarts {
        pairs: under_way.len(),
        kept,
        two_roles,
    })
}

/// The enrolments to create for people chosen in bulk, and a refusal for each person who
/// cannot be enrolled (nothing is created for them). `mint` gives each new enrolment its id.
/// The first enrolment in a programme that takes its people from the directory also enrols
/// the people of its pairs under way who were not chosen ([`list_starts`]: `relationships`,
/// of any programme), enrolled in their role there, as the rules allow.
#[allow(clippy::too_many_arguments)]
pub fn plan_enrolments(
    actor: &RecordId,
    programme: &Programme,
    directory: &Directory,
    (existing, relationships): (&[Enrolment], &[crate::Relationship]),
    people: &[RecordId],
    role: EnrolledAs,
    status: EnrolmentStatus,
    today: Date,
    mint: &mut dyn FnMut() -> RecordId,
) -> (Vec<Enrolment>, Vec<(RecordId, Refusal)>) {
    let mut planned: Vec<Enrolment> = Vec::new();
    let mut refused = Vec::new();
    let chosen = people.iter().map(|p| (p, role, status.clone()));
    let kept: Vec<(RecordId, EnrolledAs)> = list_starts(programme, existing, relationships)
        .map(|starts| starts.kept)
        .unwrap_or_default();
    let kept = (kept.iter())
        .filter(|(p, _)| !people.contains(p))
        .map(|(p, role)| (p, *role, EnrolmentStatus::Enrolled));
    let mut chose_any = false;
    for (n, (person, role, status)) in chosen.chain(kept).enumerate() {
        // Those kept on come only with the first people chosen, never alone.
        if n >= people.len() && !chose_any {
            break;
        }
        let enrolment = Enrolment {
            id: mint(),
            programme: programme.id.clone(),
            person: person.clone(),
            role,
            status,
            since: today,
        };
        let known: Vec<Enrolment> = existing.iter().chain(&planned).cloned().collect();
        match check_enrolment_change(actor, programme, directory, &known, None, &enrolment, today) {
            Ok(()) => {
                chose_any |= n < people.len();
                planned.push(enrolment)
            }
            Err(refusal) => refused.push((person.clone(), refusal)),
        }
    }
    (planned, refused)
}

/// Whether `person` is invited to `programme` as a mentee (or coachee) and has not answered
/// yet: they take part once they accept, which their widget asks them
/// (`reminders::invitations`), not before.
pub fn invited_as_mentee(
    enrolments: &[Enrolment],
    programme: &RecordId,
    person: &RecordId,
) -> bool {
    current_enrolments(enrolments, programme)
        .any(|e| &e.person == person && e.status == EnrolmentStatus::Invited && !e.role.is_mentor())
}

/// Whether `person` is invited to `programme` as a mentor (or coach) and has not answered
/// yet: they take part once they accept, so a screen says they are invited, not that they
/// take part (`mentors_only` counts them among the mentors all the same: no mentor is
/// suggested to them there).
pub fn invited_as_mentor(
    enrolments: &[Enrolment],
    programme: &RecordId,
    person: &RecordId,
) -> bool {
    current_enrolments(enrolments, programme)
        .any(|e| &e.person == person && e.status == EnrolmentStatus::Invited && e.role.is_mentor())
}

/// The current enrolments (invited or enrolled) of a programme.
pub fn current_enrolments<'a>(
    enrolments: &'a [Enrolment],
    programme: &RecordId,
) -> impl Iterator<Item = &'a Enrolment> + 'a {
    let programme = programme.clone();
    enrolments
        .iter()
        .filter(move |e| e.programme == programme && e.status.is_current())
}

/// A search of the directory for people to enrol: words of the name (or job title), and a
/// filter by department, location and grade.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DirectoryQuery {
    pub text: String,
    pub filter: crate::PeopleFilter,
}

/// The people `query` finds, by name. Every word of the text must start a word of the
/// person's name or job title, ignoring case ("ami had" finds Amira Haddad).
pub fn search_directory<'a>(directory: &'a Directory, query: &DirectoryQuery) -> Vec<&'a Person> {
    let wanted: Vec<String> = query
        .text
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut found: Vec<&Person> = directory
        .people()
        .filter(|p| query.filter.admits(p))
        .filter(|p| {
            let words: Vec<String> = p
                .name
                .split_whitespace()
                .chain(p.job_title.split_whitespace())
                .map(str::to_lowercase)
                .collect();
            wanted
                .iter()
                .all(|w| words.iter().any(|word| word.starts_with(w.as_str())))
        })
        .collect();
    crate::order::sort_by(&mut found, |a, b| {
        (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id))
    });
    found
}

/// The departments, locations and grades the directory has, sorted: what the filters offer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    pub departments: Vec<String>,
    pub locations: Vec<String>,
    pub grades: Vec<crate::Grade>,
}

/// The departments and locations a "who may join" names that nobody in the directory has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnknownNames {
    pub departments: Vec<String>,
    pub locations: Vec<String>,
}

impl UnknownNames {
    pub fn is_empty(&self) -> bool {
        self.departments.is_empty() && self.locations.is_empty()
    }
}

/// What `filter` names that nobody in the directory `facets` describes has: a misspelt
/// location ("Lodnon") or one in other letter case ("london") lets nobody there join, as a
/// filter compares names exactly. A list the directory has nothing of (none known yet) is
/// not compared.
pub fn unknown_names(filter: &crate::PeopleFilter, facets: &Facets) -> UnknownNames {
    let unknown = |named: &[String], known: &[String]| -> Vec<String> {
        if known.is_empty() {
            return Vec::new();
        }
        (named.iter())
            .filter(|n| {
                !known
                    .iter()
                    .any(|k| crate::programme::same_place_name(n, k))
            })
            .cloned()
            .collect()
    };
    UnknownNames {
        departments: unknown(&filter.departments, &facets.departments),
        locations: unknown(&filter.locations, &facets.locations),
    }
}

pub fn facets(directory: &Directory) -> Facets {
    let mut facets = Facets::default();
    for person in directory.people() {
        if !person.department.is_empty() {
            facets.departments.push(person.department.clone());
        }
        if !person.location.is_empty() {
            facets.locations.push(person.location.clone());
        }
        facets.grades.push(person.grade);
    }
    for list in [&mut facets.departments, &mut facets.locations] {
        crate::order::sort(list);
        list.dedup();
    }
    crate::order::sort(&mut facets.grades);
    facets.grades.dedup();
    facets
}
