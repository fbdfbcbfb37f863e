//! Relationships: one coach and coachee, or one mentor and mentee, in a programme.

use crate::enrolment::check_takes_part;
use crate::rules::{text_within, Refusal, Rule};
use crate::{
    Date, Directory, EnrolledAs, Enrolment, Millis, Person, Programme, ProgrammeKind, RecordId,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RelationshipKind {
    Coaching,
    Mentoring,
    /// The junior colleague mentors the senior one: the seed's explicit exception.
    ReverseMentoring,
}

impl RelationshipKind {
    pub fn programme_kind(self) -> ProgrammeKind {
        match self {
            RelationshipKind::Coaching => ProgrammeKind::Coaching,
            RelationshipKind::Mentoring | RelationshipKind::ReverseMentoring => {
                ProgrammeKind::Mentoring
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lifecycle {
    Proposed,
    Active,
    Paused,
    Completed,
    EndedEarly { reason: String },
}

impl Lifecycle {
    pub fn is_over(&self) -> bool {
        matches!(self, Lifecycle::Completed | Lifecycle::EndedEarly { .. })
    }
}

/// Whether something new (a session, feedback, a goal) may be added to `relationship`: not
/// once it is over, as the pair may have ended it while the other was offline. A pause is a
/// break the pair may resume from, so what happened before it can still be written up.
pub fn check_still_open(relationship: &Relationship) -> Result<(), Refusal> {
    if relationship.lifecycle.is_over() {
        return Err(refusal!(
            Rule::RelationshipOver,
            "This relationship is over, so nothing new is added to it; what it holds stays to \
             read and export. Set up a new relationship if the pair should go on."
        ));
    }
    Ok(())
}

/// Whether a session may be logged or feedback given in `relationship`: not before its
/// programme's admins start it (a proposal the mentor may still decline), nor once it is over
/// ([`check_still_open`]). Goals may be set while it waits.
pub fn check_under_way(relationship: &Relationship) -> Result<(), Refusal> {
    if relationship.lifecycle == Lifecycle::Proposed {
        return Err(refusal!(
            Rule::RelationshipNotStarted,
            "This relationship is proposed and has not started: sessions and feedback come once \
             its programme's admins start it."
        ));
    }
    check_still_open(relationship)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relationship {
    pub id: RecordId,
    pub kind: RelationshipKind,
    pub programme: RecordId,
    /// The coach or mentor (in reverse mentoring, the junior colleague who mentors).
    pub mentor: RecordId,
    /// The coachee or mentee.
    pub mentee: RecordId,
    pub purpose: String,
    pub ground_rules: String,
    pub starts: Date,
    pub planned_end: Date,
    pub lifecycle: Lifecycle,
    /// For succession mentoring: the role the mentee is being prepared for.
    pub target_role: Option<String>,
    /// Who of the pair agreed to the agreement, when, and to which text.
    pub agreed: Agreements,
}

/// One of the pair saying they agree to the agreement as it stood: stored as its side's own
/// field (`mentor-agreed`, `mentee-agreed`), so the two agreeing at once never conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreed {
    /// Who agreed: after a re-pairing, the one taken off's agreement is not the newcomer's.
    pub by: RecordId,
    pub at: Millis,
    /// [`agreement_version`] of the purpose and ground rules they agreed to.
    pub version: String,
}

/// The latest agreement of each side, whoever gave it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Agreements {
    pub mentor: Option<Agreed>,
    pub mentee: Option<Agreed>,
}

/// The stored field of a side's agreement.
pub fn agreed_field(side: Side) -> &'static str {
    match side {
        Side::Mentor => "mentor-agreed",
        Side::Mentee => "mentee-agreed",
    }
}

/// A fingerprint of the agreement's text, the same on every device and the host (FNV-1a, 64
/// bits): an agreement to another text is stale. Edited back to a text agreed to, it stands.
pub fn agreement_version(purpose: &str, ground_rules: &str) -> String {
    let bytes = purpose.bytes().chain([0]).chain(ground_rules.bytes());
    let hash = bytes.fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

impl Agreed {
    /// As stored: who, when, to which text, separated by spaces (none is in an id or a number).
    pub fn stored(&self) -> String {
        format!("{} {} {}", self.by, self.at.0, self.version)
    }

    pub fn parse(stored: &str) -> Option<Agreed> {
        let mut parts = stored.split(' ');
        let agreed = Agreed {
            by: RecordId::parse(parts.next()?).ok()?,
            at: Millis(parts.next()?.parse().ok()?),
            version: parts.next().filter(|v| !v.is_empty())?.to_owned(),
        };
        parts.next().is_none().then_some(agreed)
    }
}

impl Relationship {
    pub fn is_party(&self, person: &RecordId) -> bool {
        &self.mentor == person || &self.mentee == person
    }

    /// The agreement of whoever is on `side` now, if they gave one, and whether it is to the
    /// text as it stands (`true`) or to an earlier one (stale, but not lost).
    pub fn agreement_of(&self, side: Side) -> Option<(&Agreed, bool)> {
        let (agreed, person) = match side {
            Side::Mentor => (&self.agreed.mentor, &self.mentor),
            Side::Mentee => (&self.agreed.mentee, &self.mentee),
        };
        let agreed = agreed.as_ref().filter(|a| &a.by == person)?;
        Some((
            agreed,
            agreed.version == agreement_version(&self.purpose, &self.ground_rules),
        ))
    }

    /// Whether `person` is asked to agree to the agreement as it stands: one of the pair, the
    /// pairing not over, something written, and their own agreement missing or to an earlier
    /// text. The screen offers "I agree" by it.
    pub fn awaits_agreement_of(&self, person: &RecordId) -> bool {
        let written = !self.purpose.trim().is_empty() || !self.ground_rules.trim().is_empty();
        written
            && !self.lifecycle.is_over()
            && (self.side_of(person))
                .is_some_and(|side| !matches!(self.agreement_of(side), Some((_, true))))
    }

    /// The other party, if `person` is one of the two.
    pub fn partner_of(&self, person: &RecordId) -> Option<&RecordId> {
        if &self.mentor == person {
            Some(&self.mentee)
        } else if &self.mentee == person {
            Some(&self.mentor)
        } else {
            None
        }
    }
}

/// Checks every rule a relationship must keep, returning all refusals (so a form can show
/// every problem at once), or none.
pub fn check_relationship(
    relationship: &Relationship,
    programme: &Programme,
    directory: &Directory,
) -> Vec<Refusal> {
    let mut refusals = Vec::new();
    let r = relationship;
    if r.mentor == r.mentee {
        refusals.push(refusal!(
            Rule::SameParty,
            "The same person cannot be both parties of a relationship; choose someone else."
        ));
    }
    if r.kind.programme_kind() != programme.kind {
        refusals.push(
            refusal!(
                Rule::ProgrammeKind,
                "{} is a {} programme; a {} relationship belongs in a {} programme.",
                programme.name,
                kind_word(programme.kind),
                relationship_word(r.kind),
                kind_word(r.kind.programme_kind())
            )
            .with_args([&programme.name]),
        );
    }
    refusals.extend(dates_refused(r));
    if let Err((_, refusal)) = check_agreement(&r.purpose, &r.ground_rules) {
        refusals.push(refusal);
    }
    let (Some(mentor), Some(mentee)) = (directory.get(&r.mentor), directory.get(&r.mentee)) else {
        refusals.push(refusal!(
            Rule::UnknownRecord,
            "Both people must be in the directory; sync and try again."
        ));
        return refusals;
    };
    refusals.extend(credential_refused(r, mentor));
    let grades = [
        mentor.name.clone(),
        mentor.grade.0.to_string(),
        mentee.name.clone(),
        mentee.grade.0.to_string(),
    ];
    match r.kind {
        RelationshipKind::Mentoring if mentor.grade <= mentee.grade => refusals.push(
            refusal!(
                Rule::Seniority,
                "A mentor is more senior than their mentee: {} (grade {}) is not senior to \
                     {} (grade {}). For a junior colleague mentoring a senior one, choose \
                     reverse mentoring.",
                grades[0],
                grades[1],
                grades[2],
                grades[3]
            )
            .with_args(grades),
        ),
        RelationshipKind::ReverseMentoring if mentor.grade >= mentee.grade => refusals.push(
            refusal!(
                Rule::ReverseMentoringSeniority,
                "In reverse mentoring the junior colleague mentors: {} (grade {}) is not \
                     junior to {} (grade {}). Choose ordinary mentoring instead.",
                grades[0],
                grades[1],
                grades[2],
                grades[3]
            )
            .with_args(grades),
        ),
        _ => {}
    }
    if directory.in_reporting_line(&r.mentor, &r.mentee) {
        refusals.push(
            refusal!(
                Rule::ReportingLine,
                "{} and {} are in the same reporting line; nobody coaches or mentors someone \
                 they manage or who manages them. Choose someone from outside the line.",
                mentor.name,
                mentee.name
            )
            .with_args([&mentor.name, &mentee.name]),
        );
    }
    refusals
}

fn dates_refused(r: &Relationship) -> Option<Refusal> {
    (r.starts >= r.planned_end).then(|| {
        refusal!(
            Rule::DatesOrdered,
            "The planned end ({}) must come after the start ({}).",
            r.planned_end,
            r.starts
        )
        .with_args([r.planned_end, r.starts])
    })
}

/// A coaching relationship is led by a coach whose credential is valid on its start.
fn credential_refused(r: &Relationship, mentor: &Person) -> Option<Refusal> {
    let valid = (mentor.coach_credential.as_ref()).is_some_and(|c| c.valid_on(r.starts));
    (r.kind == RelationshipKind::Coaching && !valid).then(|| {
        refusal!(
            Rule::CoachCredential,
            "{} has no coaching credential valid on {}; coaching is led by a trained coach. \
             Choose a credentialed coach or renew the credential first.",
            mentor.name,
            r.starts
        )
        .with_args([mentor.name.clone(), r.starts.to_string()])
    })
}

/// What a proposal `started` (`health::start`: dated the day it is started) would break: its
/// start reaching its planned end (extend it first), its coach's credential not valid on
/// that day, or its mentor with no place left (`check_mentor_has_place`). The admins' device
/// asks it before it writes a start, and the host of every start pushed, so a start is
/// refused the same on both. `existing` may hold `started` itself.
pub fn check_start(
    started: &Relationship,
    programme: &Programme,
    directory: &Directory,
    existing: &[Relationship],
    enrolments: &[Enrolment],
) -> Option<Refusal> {
    dates_refused(started)
        .or_else(|| credential_refused(started, directory.get(&started.mentor)?))
        .or_else(|| check_mentor_has_place(started, programme, directory, existing, enrolments))
}

fn kind_word(kind: ProgrammeKind) -> &'static str {
    match kind {
        ProgrammeKind::Coaching => "coaching",
        ProgrammeKind::Mentoring => "mentoring",
    }
}

fn relationship_word(kind: RelationshipKind) -> &'static str {
    match kind {
        RelationshipKind::Coaching => "coaching",
        RelationshipKind::Mentoring => "mentoring",
        RelationshipKind::ReverseMentoring => "reverse mentoring",
    }
}

/// The relationship under way (proposed, active or paused) in which `mentee` is the mentee
/// in `programme`, if any.
pub fn open_for_mentee<'a>(
    relationships: &'a [Relationship],
    programme: &RecordId,
    mentee: &RecordId,
) -> Option<&'a Relationship> {
    relationships
        .iter()
        .find(|r| &r.programme == programme && &r.mentee == mentee && !r.lifecycle.is_over())
}

/// Whose enrolments a caller holds: a host and a programme's admins hold every one of its
/// programmes'; a participant's device only its person's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KnownEnrolments<'a> {
    All,
    OwnOnly(&'a RecordId),
}

impl<'a> KnownEnrolments<'a> {
    /// What a participant's device holds: every enrolment that counts once the host told it
    /// who takes part (`enrolment::as_told`), else `me`'s own alone.
    pub fn on_device(me: &'a RecordId, told: bool) -> KnownEnrolments<'a> {
        if told {
            KnownEnrolments::All
        } else {
            KnownEnrolments::OwnOnly(me)
        }
    }
}

/// Whether the pair of `relationship` take part in `programme` (`enrolment::check_takes_part`):
/// the mentee as a mentee, the mentor as a mentor — by who may join while the programme takes
/// its people from the HR directory, else by its enrolment list as its matching run counts
/// them. So a pair is never made of someone the programme's participants do not count (a
/// mentor who declined, a mentee who left). A person the directory does not know is
/// `check_relationship`'s to refuse.
pub fn check_pair_takes_part(
    relationship: &Relationship,
    programme: &Programme,
    directory: &Directory,
    enrolments: &[Enrolment],
    known: KnownEnrolments<'_>,
    today: Date,
) -> Vec<Refusal> {
    let roles = [
        (&relationship.mentee, EnrolledAs::Mentee),
        (&relationship.mentor, EnrolledAs::Mentor { capacity: 1 }),
    ];
    // A participant's device holds its person's own enrolments only: whether the other of the
    // pair is on a programme's enrolment list is the host's to judge (it refuses the request
    // if not). Who may join a programme without a list is read from the directory by both.
    let judged = |id: &RecordId| match known {
        KnownEnrolments::All => true,
        KnownEnrolments::OwnOnly(me) => {
            id == me || crate::enrolment::takes_from_directory(enrolments, &programme.id)
        }
    };
    roles
        .into_iter()
        .filter(|(id, _)| judged(id))
        .filter_map(|(id, role)| directory.get(id).map(|person| (person, role)))
        .filter_map(|(person, role)| {
            check_takes_part(programme, person, role, enrolments, today).err()
        })
        .collect()
}

/// The day a pair proposed in `programme` on `today` starts: the programme's start, or
/// `today` when that is later. Matching judges a coach's credential on it too.
pub fn proposal_starts(programme: &Programme, today: Date) -> Date {
    programme.starts.max(today)
}

/// Why no pair may be made or re-paired in `programme` now: it is a draft or closed
/// (`Programme::takes_new_pairs`). `propose` asks it, and the host of every relationship made
/// or re-paired.
pub fn check_programme_open(programme: &Programme) -> Option<Refusal> {
    (!programme.takes_new_pairs()).then(|| {
        refusal!(
            Rule::ProgrammeNotOpen,
            "{} is {}, so no new pair is made in it; its admins open it first.",
            programme.name,
            if programme.is_closed() {
                "closed"
            } else {
                "a draft"
            }
        )
        .with_args([&programme.name])
    })
}

/// A new proposed relationship between `mentor` and `mentee` in `programme`, as a programme
/// admin publishes it from a matching run or a mentee requests it: it starts on the
/// programme's start (or `today`, when that is later) and runs the programme's default
/// length. Refused in a programme that is not open (`check_programme_open`), when it breaks a
/// rule of `check_relationship`, when either does not take part in the programme as that role
/// (`check_pair_takes_part`;
/// `enrolments` are those known, of any programme), when the mentee already has a
/// relationship under way in the programme (so a request is never made twice), when the
/// two already have one under way together in another programme, or when the mentor has no
/// place left (`check_mentor_has_place`).
#[allow(clippy::too_many_arguments)]
pub fn propose(
    id: RecordId,
    kind: RelationshipKind,
    programme: &Programme,
    (mentor, mentee): (&RecordId, &RecordId),
    today: Date,
    directory: &Directory,
    existing: &[Relationship],
    (enrolments, known): (&[Enrolment], KnownEnrolments<'_>),
) -> Result<Relationship, Vec<Refusal>> {
    let starts = proposal_starts(programme, today);
    let relationship = Relationship {
        id,
        kind,
        programme: programme.id.clone(),
        mentor: mentor.clone(),
        mentee: mentee.clone(),
        purpose: String::new(),
        ground_rules: String::new(),
        starts,
        planned_end: starts.add_days(programme.default_length_days.max(1)),
        lifecycle: Lifecycle::Proposed,
        target_role: None,
        agreed: Default::default(),
    };
    let mut refusals: Vec<Refusal> = check_programme_open(programme).into_iter().collect();
    refusals.extend(check_relationship(&relationship, programme, directory));
    // A coach without a credential is refused above already, on the same day.
    for refusal in check_pair_takes_part(
        &relationship,
        programme,
        directory,
        enrolments,
        known,
        today,
    ) {
        if !refusals.iter().any(|r| r.rule == refusal.rule) {
            refusals.push(refusal);
        }
    }
    refusals.extend(check_not_doubled(
        &relationship,
        programme,
        directory,
        existing,
    ));
    refusals.extend(check_mentor_has_place(
        &relationship,
        programme,
        directory,
        existing,
        enrolments,
    ));
    if refusals.is_empty() {
        Ok(relationship)
    } else {
        Err(refusals)
    }
}

/// Why `relationship` would double a pairing already under way (proposed, active or paused):
/// its mentee has one in the same programme (`AlreadyPaired`, so a request is never made
/// twice), or the same two have one together in another programme (`PairUnderWay`). The
/// widget asks it when proposing, the host of every relationship made or re-paired, so two
/// devices publishing the same run do not make each pair twice. `existing` may hold
/// `relationship` itself, which does not count.
pub fn check_not_doubled(
    relationship: &Relationship,
    programme: &Programme,
    directory: &Directory,
    existing: &[Relationship],
) -> Vec<Refusal> {
    let (mentor, mentee) = (&relationship.mentor, &relationship.mentee);
    let others: Vec<Relationship> = existing
        .iter()
        .filter(|r| r.id != relationship.id)
        .cloned()
        .collect();
    let name = |id: &RecordId| directory.name_of(id);
    let mut refusals = Vec::new();
    let open_here = open_for_mentee(&others, &programme.id, mentee);
    if let Some(open) = open_here {
        refusals.push(
            refusal!(
                Rule::AlreadyPaired,
                "{} already has a relationship under way in {} (with {}); end it before \
                 proposing another.",
                name(mentee),
                programme.name,
                name(&open.mentor)
            )
            .with_args([name(mentee), programme.name.clone(), name(&open.mentor)]),
        );
    }
    // The same two already under way elsewhere: a second would be the same pairing twice
    // (one under way here is said above).
    let together = others.iter().any(|r| {
        (&r.mentor, &r.mentee) == (mentor, mentee)
            && !r.lifecycle.is_over()
            && open_here.is_none_or(|here| here.id != r.id)
    });
    if together {
        refusals.push(
            refusal!(
                Rule::PairUnderWay,
                "{} and {} already have a relationship under way together; carry on in that \
                 one, or end it before proposing another.",
                name(mentee),
                name(mentor)
            )
            .with_args([name(mentee), name(mentor)]),
        );
    }
    refusals
}

/// Why a mentee asking for a mentor in `relationship`'s programme may not: one role per
/// person and programme, as for enrolments (`check_enrolment_change`), so they mentor no pair
/// under way there (`OtherRoleInProgramme`); a mentor asking for a mentor where they mentor
/// would be on both sides of its pairs, and matching could pair them with themselves. Asked
/// of a mentee's own request only (the widget's `Actions::propose` for oneself, the host of a
/// relationship its mentee's push makes), never of the admins' pairings: a programme taking
/// its people from the directory counts everyone willing to mentor among its mentors, a
/// senior reverse-mentored there included, and a re-pair or a run published in either order
/// must not be refused for a state the admins may reach.
pub fn check_one_role(
    relationship: &Relationship,
    programme: &Programme,
    directory: &Directory,
    existing: &[Relationship],
) -> Option<Refusal> {
    let mentee = &relationship.mentee;
    let others = existing.iter().filter(|r| r.id != relationship.id);
    mentors_under_way_in(others, mentee, &programme.id).then(|| {
        let role = crate::enrolment::role_word(programme.kind, EnrolledAs::Mentor { capacity: 1 });
        let name = directory.name_of(mentee);
        refusal!(
            Rule::OtherRoleInProgramme,
            "{} already takes part in {} as a {role}, and one person takes part in a \
             programme in one role; choose another programme, or ask its admins.",
            name,
            programme.name
        )
        .with_args([name.clone(), role.to_string(), programme.name.clone()])
    })
}

/// Whether `person` mentors (or coaches) a pair under way in `programme` among
/// `relationships`: then they ask for no mentor there ([`check_one_role`]).
pub fn mentors_under_way_in<'a>(
    relationships: impl IntoIterator<Item = &'a Relationship>,
    person: &RecordId,
    programme: &RecordId,
) -> bool {
    (relationships.into_iter())
        .any(|r| &r.programme == programme && !r.lifecycle.is_over() && &r.mentor == person)
}

/// The places a mentor or coach has in a programme whose set-up does not say otherwise
/// (`Programme::places_per_mentor`, absent in one stored before it, or in the directory's).
pub const DIRECTORY_PLACES: u32 = 2;

/// How many mentees `mentor` takes at a time in `programme`: the capacity they were invited
/// or enrolled with, else the programme's places per mentor. Matching and Find a mentor
/// count the same.
pub fn places_of(programme: &Programme, mentor: &RecordId, enrolments: &[Enrolment]) -> u32 {
    crate::enrolment::current_enrolments(enrolments, &programme.id)
        .find_map(|e| match e.role {
            EnrolledAs::Mentor { capacity } if &e.person == mentor => Some(u32::from(capacity)),
            _ => None,
        })
        .unwrap_or(programme.places_per_mentor)
}

/// Whether `r` holds one of its mentor's places when a pair in the state `asking` is made
/// or started. A proposal asks for a place, so every pair under way holds one, proposals
/// included: otherwise two mentees would each be told they asked for the same last place,
/// and one of them turned down later. Starting a proposal commits a place, so only the pairs
/// that met (active or paused) hold one then: the admins start as many proposals as there
/// are places and decline the rest.
fn holds_place(r: &Relationship, asking: &Lifecycle) -> bool {
    match asking {
        Lifecycle::Proposed => !r.lifecycle.is_over(),
        _ => matches!(r.lifecycle, Lifecycle::Active | Lifecycle::Paused),
    }
}

/// The mentors whose places in `programme` are all held by its pairs under way (proposed,
/// active or paused): a new request to them would be refused (`check_mentor_has_place`).
/// The host tells each participant these, as their device holds no one else's pairs.
pub fn mentors_without_place(
    programme: &Programme,
    relationships: &[Relationship],
    enrolments: &[Enrolment],
) -> Vec<RecordId> {
    let mut mentors: Vec<RecordId> = (relationships.iter())
        .filter(|r| r.programme == programme.id)
        .map(|r| r.mentor.clone())
        .collect();
    crate::order::sort(&mut mentors);
    mentors.dedup();
    mentors.retain(|mentor| {
        let held = places_held(relationships, programme, mentor, &Lifecycle::Proposed, None);
        held as u64 >= u64::from(places_of(programme, mentor, enrolments))
    });
    mentors
}

/// How many of `mentor`'s places in `programme` the pairs of `relationships` (but `except`)
/// hold when a pair in the state `asking` is made or started (`holds_place`).
fn places_held(
    relationships: &[Relationship],
    programme: &Programme,
    mentor: &RecordId,
    asking: &Lifecycle,
    except: Option<&RecordId>,
) -> usize {
    (relationships.iter())
        .filter(|r| Some(&r.id) != except && r.programme == programme.id && &r.mentor == mentor)
        .filter(|r| holds_place(r, asking))
        .count()
}

/// A mentor's places in a programme as starting a proposal would count them: `held` by the
/// pairs that met (active or paused), of `places` (`places_of`), which are their own when
/// they were `invited` with a number of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlacesAtStart {
    pub held: usize,
    pub places: u32,
    pub invited: bool,
}

impl PlacesAtStart {
    /// Whether a start would find a place left (`check_mentor_has_place` agrees).
    pub fn has_place(self) -> bool {
        (self.held as u64) < u64::from(self.places)
    }
}

/// The places of `proposal`'s mentor should it start now, among `existing` (which may hold
/// `proposal` itself, not counted): the admins are offered Start only while one is left, and
/// told why not otherwise.
pub fn places_at_start(
    proposal: &Relationship,
    programme: &Programme,
    existing: &[Relationship],
    enrolments: &[Enrolment],
) -> PlacesAtStart {
    let mentor = &proposal.mentor;
    let own = crate::enrolment::current_enrolments(enrolments, &programme.id)
        .any(|e| &e.person == mentor && matches!(e.role, EnrolledAs::Mentor { .. }));
    PlacesAtStart {
        held: places_held(
            existing,
            programme,
            mentor,
            &Lifecycle::Active,
            Some(&proposal.id),
        ),
        places: places_of(programme, mentor, enrolments),
        invited: own,
    }
}

/// Why `relationship` would give its mentor more mentees than their places in the
/// programme (`places_of`): a proposal when the pairs under way hold every place, a
/// proposal started when the pairs that met do. `propose` asks it, the admins' start, and
/// the host of every relationship made, re-paired or started. `existing` may hold
/// `relationship` itself, which does not count.
pub fn check_mentor_has_place(
    relationship: &Relationship,
    programme: &Programme,
    directory: &Directory,
    existing: &[Relationship],
    enrolments: &[Enrolment],
) -> Option<Refusal> {
    if relationship.lifecycle.is_over() {
        return None;
    }
    let mentor = &relationship.mentor;
    let places = places_of(programme, mentor, enrolments);
    let held = places_held(
        existing,
        programme,
        mentor,
        &relationship.lifecycle,
        Some(&relationship.id),
    );
    if (held as u64) < u64::from(places) {
        return None;
    }
    let name = directory.name_of(mentor);
    Some(
        refusal!(
            Rule::MentorFull,
            "{name} has no place left in {}: their {places} places are taken. Choose another \
             mentor, or end one of their pairs first.",
            programme.name
        )
        .with_args([name, places.to_string(), programme.name.clone()]),
    )
}

/// What `propose` would refuse of `mentee` asking `mentor` in `programme` now: a screen asks
/// this before it offers the request, so it offers none that would fail. Empty when the
/// request would be made.
#[allow(clippy::too_many_arguments)]
pub fn proposal_refusals(
    kind: RelationshipKind,
    programme: &Programme,
    pair: (&RecordId, &RecordId),
    today: Date,
    directory: &Directory,
    existing: &[Relationship],
    enrolments: (&[Enrolment], KnownEnrolments<'_>),
) -> Vec<Refusal> {
    let id = RecordId::parse("proposal").expect("a valid id");
    propose(
        id, kind, programme, pair, today, directory, existing, enrolments,
    )
    .err()
    .unwrap_or_default()
}

/// Moves a relationship along its lifecycle: proposed → active ⇄ paused → completed, or ended
/// early (with a reason) from any state that is not over. A pair on pause who have met their
/// purpose complete it as it stands: resuming only to close would date its end wrongly.
pub fn transition(current: &Lifecycle, next: Lifecycle) -> Result<Lifecycle, Refusal> {
    use Lifecycle::*;
    let allowed = match (current, &next) {
        (_, EndedEarly { reason }) if reason.trim().is_empty() => {
            return Err(refusal!(
                Rule::LifecycleReason,
                "Say why the relationship is ending early; the reason helps the programme improve."
            ))
        }
        (Proposed, Active) | (Active, Paused) | (Paused, Active) => true,
        (Active | Paused, Completed) => true,
        (Proposed | Active | Paused, EndedEarly { .. }) => true,
        _ => false,
    };
    if allowed {
        Ok(next)
    } else {
        Err(refusal!(
            Rule::LifecycleOrder,
            "A relationship that is {current:?} cannot become {next:?}."
        ))
    }
}

/// The most characters in a relationship's purpose or in its ground rules: a page of text.
pub const AGREEMENT_MAX_CHARS: usize = 2_000;

/// The part of the pair's agreement a refusal is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgreementPart {
    Purpose,
    GroundRules,
}

/// Checks the pair's agreement fits: the purpose, then the ground rules. The refusal says
/// which part it is about, so a form can show it beside that part.
pub fn check_agreement(purpose: &str, ground_rules: &str) -> Result<(), (AgreementPart, Refusal)> {
    text_within("purpose", purpose, AGREEMENT_MAX_CHARS)
        .map_err(|r| (AgreementPart::Purpose, r))?;
    text_within("ground rules", ground_rules, AGREEMENT_MAX_CHARS)
        .map_err(|r| (AgreementPart::GroundRules, r))
}

/// What one of the pair changes about their relationship themselves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartyChange {
    /// The agreement they wrote together: what the relationship is for and how they work.
    Agreement {
        purpose: String,
        ground_rules: String,
    },
    /// A move along the lifecycle: pause (during leave, say), resume, complete, end early.
    Move(Lifecycle),
    /// Saying, at `at`, that they agree to the agreement as it stands.
    Agree { at: Millis },
}

/// Whether one of the pair may make this lifecycle move themselves. Starting a proposed
/// relationship is the programme admins' (they confirm the match); a party can withdraw from
/// one, which is ending it early.
pub fn party_may_move(current: &Lifecycle, next: &Lifecycle) -> bool {
    !matches!(current, Lifecycle::Proposed) || matches!(next, Lifecycle::EndedEarly { .. })
}

/// The moves one of the pair may make from `current`, as a screen offers them: pause or
/// resume, complete, and ending early last (its reason, left empty here, is theirs to give).
/// None once the relationship is over.
pub fn party_moves(current: &Lifecycle) -> Vec<Lifecycle> {
    if current.is_over() {
        return Vec::new();
    }
    let mut moves: Vec<Lifecycle> = [Lifecycle::Paused, Lifecycle::Active, Lifecycle::Completed]
        .into_iter()
        .filter(|next| party_may_move(current, next) && transition(current, next.clone()).is_ok())
        .collect();
    moves.push(Lifecycle::EndedEarly {
        reason: String::new(),
    });
    moves
}

/// Whether `by`, one of the pair, may take their relationship from where it stands to
/// `next` (its lifecycle as they leave it; the same for a change of agreement): not once it
/// is over, and not a move that is the programme admins' (`party_may_move`). The host asks
/// this of a party's ops as the widget asks it of their changes.
pub fn check_party_change(
    relationship: &Relationship,
    next: &Lifecycle,
    by: &RecordId,
) -> Result<(), Refusal> {
    if !relationship.is_party(by) {
        return Err(refusal!(
            Rule::NotPermitted,
            "Only the two people in a relationship change its agreement or its status."
        ));
    }
    if relationship.lifecycle.is_over() {
        return Err(refusal!(
            Rule::RelationshipOver,
            "This relationship is over; its agreement and status stay as they were."
        ));
    }
    if &relationship.lifecycle != next && !party_may_move(&relationship.lifecycle, next) {
        return Err(refusal!(
            Rule::NotPermitted,
            "A proposed relationship starts when the programme's admins confirm it; until \
             then you can withdraw by ending it early."
        ));
    }
    Ok(())
}

/// A relationship one of the pair creates is a mentee asking a mentor (`propose`): the mentee
/// creates it, and it starts as proposed, for its programme's admins to start. The host asks
/// this of a new relationship someone not its programme's admin pushes. A mentor may not
/// propose themselves to a mentee: the mentee did not ask, and the refusals a proposal can
/// meet would tell the mentor who the mentee is paired with or has asked.
pub fn check_party_creation(new: &Relationship, by: &RecordId) -> Result<(), Refusal> {
    if &new.mentee != by {
        return Err(refusal!(
            Rule::NotPermitted,
            "A relationship is asked for by its mentee or coachee, from Find a mentor or coach; \
             the programme's admins pair anyone else."
        ));
    }
    if new.lifecycle == Lifecycle::Proposed {
        Ok(())
    } else {
        Err(refusal!(
            Rule::NotPermitted,
            "A relationship you ask for starts as proposed; the programme's admins start it."
        ))
    }
}

/// Whether one of the pair may set `field` of their relationship `relationship` themselves:
/// not one of the fields that are its programme admins' to set
/// (`permissions::relationship_field_needs_admin`). Deleting a relationship is one of them:
/// the widget offers none, since ending it early with a reason keeps its history for the
/// pair and the programme, so the refusal says to do that. The host asks this of a party's
/// ops on a stored relationship.
pub fn check_party_field(relationship: &RecordId, field: &str) -> Result<(), Refusal> {
    if field == crate::merge::DELETED {
        return Err(refusal!(
            Rule::NotPermitted,
            "Relationship {relationship} is not deleted, or brought back, by its pair: to \
             finish it, end it early from the relationship page, or ask the programme's admins."
        ));
    }
    if crate::permissions::relationship_field_needs_admin(field) {
        return Err(refusal!(
            Rule::NotPermitted,
            "Only the programme's admins change the {field} of relationship {relationship}; \
             ask them."
        ));
    }
    Ok(())
}

/// Whether `by` may write `value` (as stored, `None` for none) to `field` of `relationship`
/// (as stored, or as created): a side's agreement is written by whoever is on that side, in
/// their own name, never by the other of the pair, a programme admin or anyone else. The host
/// asks this of every op on a relationship.
pub fn check_agreed_field(
    relationship: &Relationship,
    field: &str,
    value: Option<&str>,
    by: &RecordId,
) -> Result<(), Refusal> {
    let side = [Side::Mentor, Side::Mentee]
        .into_iter()
        .find(|side| agreed_field(*side) == field);
    let Some(side) = side else {
        return Ok(());
    };
    let on_side = match side {
        Side::Mentor => &relationship.mentor,
        Side::Mentee => &relationship.mentee,
    };
    let named = value.and_then(Agreed::parse).map(|a| a.by);
    if on_side != by || named.as_ref() != Some(by) {
        return Err(refusal!(
            Rule::AgreedForOther,
            "Only the {} of relationship {} says they agree to its agreement, in their own \
             name; nobody agrees for someone else.",
            if side == Side::Mentor {
                "mentor"
            } else {
                "mentee"
            },
            relationship.id
        ));
    }
    Ok(())
}

/// The relationship as `by`, one of the pair, changes it: refused when `by` is not one of
/// the pair, when the relationship is over, when a text is too long, or when the move is not
/// one the lifecycle allows (or is the programme admins' to make).
pub fn change_by_party(
    relationship: &Relationship,
    by: &RecordId,
    change: PartyChange,
) -> Result<Relationship, Refusal> {
    let next = match &change {
        PartyChange::Move(next) => next,
        _ => &relationship.lifecycle,
    };
    check_party_change(relationship, next, by)?;
    match change {
        PartyChange::Agree { at } => {
            let agreed = Some(Agreed {
                by: by.clone(),
                at,
                version: agreement_version(&relationship.purpose, &relationship.ground_rules),
            });
            let mut changed = relationship.clone();
            match relationship.side_of(by) {
                Some(Side::Mentor) => changed.agreed.mentor = agreed,
                _ => changed.agreed.mentee = agreed,
            }
            Ok(changed)
        }
        PartyChange::Agreement {
            purpose,
            ground_rules,
        } => {
            let (purpose, ground_rules) = (purpose.trim(), ground_rules.trim());
            check_agreement(purpose, ground_rules).map_err(|(_, refusal)| refusal)?;
            Ok(Relationship {
                purpose: purpose.to_owned(),
                ground_rules: ground_rules.to_owned(),
                ..relationship.clone()
            })
        }
        PartyChange::Move(next) => {
            let next = match next {
                Lifecycle::EndedEarly { reason } => {
                    let reason = reason.trim().to_owned();
                    text_within("reason", &reason, crate::enrolment::REASON_MAX_CHARS)?;
                    Lifecycle::EndedEarly { reason }
                }
                next => next,
            };
            let lifecycle = transition(&relationship.lifecycle, next)?;
            Ok(Relationship {
                lifecycle,
                ..relationship.clone()
            })
        }
    }
}

/// Which side of a relationship a person is on. Which word a screen uses for it ("coach",
/// "mentee"…) depends on the relationship's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The coach or mentor (in reverse mentoring, the junior colleague who mentors).
    Mentor,
    /// The coachee or mentee.
    Mentee,
}

impl Relationship {
    /// The side `person` is on, if they are one of the pair.
    pub fn side_of(&self, person: &RecordId) -> Option<Side> {
        if &self.mentor == person {
            Some(Side::Mentor)
        } else if &self.mentee == person {
            Some(Side::Mentee)
        } else {
            None
        }
    }
}

/// The relationships `person` is one of the pair in, as their list shows them: those under
/// way (proposed, active, paused) first, then those that are over; within each, the most
/// recently started first, ties broken by id so every device lists the same way.
pub fn relationships_of<'a>(
    relationships: &'a [Relationship],
    person: &RecordId,
) -> Vec<&'a Relationship> {
    let mut mine: Vec<&Relationship> = relationships
        .iter()
        .filter(|r| r.is_party(person))
        .collect();
    crate::order::sort_by(&mut mine, |a, b| {
        (a.lifecycle.is_over(), std::cmp::Reverse(a.starts), &a.id).cmp(&(
            b.lifecycle.is_over(),
            std::cmp::Reverse(b.starts),
            &b.id,
        ))
    });
    mine
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::{Credential, CredentialLevel, Grade};

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn person(name: &str, grade: u8, manager: Option<&str>) -> Person {
        Person {
            grade: Grade(grade),
            manager: manager.map(id),
            ..Person::new(id(name), name)
        }
    }

    fn directory() -> Directory {
        let mut sofia = person("sofia", 6, None);
        sofia.coach_credential = Some(Credential {
            level: CredentialLevel::Certified,
            expires: Date(1_000),
        });
        Directory::new([
            person("ceo", 9, None),
            person("james", 7, Some("ceo")),
            person("amira", 3, Some("omar")),
            person("omar", 5, Some("ceo")),
            person("lena", 2, Some("james")),
            sofia,
        ])
    }

    fn programme(kind: ProgrammeKind) -> Programme {
        Programme::new(id("prog"), kind, "Programme", Date(0))
    }

    fn relationship(kind: RelationshipKind, mentor: &str, mentee: &str) -> Relationship {
        Relationship {
            id: id("rel"),
            kind,
            programme: id("prog"),
            mentor: id(mentor),
            mentee: id(mentee),
            purpose: String::new(),
            ground_rules: String::new(),
            starts: Date(500),
            planned_end: Date(584),
            lifecycle: Lifecycle::Proposed,
            target_role: None,
            agreed: Default::default(),
        }
    }

    fn rules(refusals: &[Refusal]) -> Vec<Rule> {
        refusals.iter().map(|r| r.rule).collect()
    }

    #[test]
    fn a_proposal_starts_with_the_programme_or_today_and_is_made_once_per_mentee() {
        let programme = programme(ProgrammeKind::Mentoring);
        let directory = directory();
        let make = |today: i32, existing: &[Relationship]| {
            propose(
                id("new"),
                RelationshipKind::Mentoring,
                &programme,
                (&id("james"), &id("amira")),
                Date(today),
                &directory,
                existing,
                (&[], crate::relationship::KnownEnrolments::All),
            )
        };
        let proposed = make(-10, &[]).expect("allowed");
        assert_eq!(
            (proposed.starts, proposed.planned_end),
            (Date(0), Date(365))
        );
        assert_eq!(proposed.lifecycle, Lifecycle::Proposed);
        assert_eq!(make(40, &[]).unwrap().starts, Date(40));
        let open = relationship(RelationshipKind::Mentoring, "omar", "amira");
        let refused = make(0, std::slice::from_ref(&open)).unwrap_err();
        assert_eq!(rules(&refused), [Rule::AlreadyPaired]);
        assert!(
            refused[0].message.contains("omar"),
            "{}",
            refused[0].message
        );
        let over = Relationship {
            lifecycle: Lifecycle::Completed,
            ..open
        };
        assert!(
            make(0, &[over]).is_ok(),
            "a finished relationship frees the mentee"
        );
        let in_line = propose(
            id("new"),
            RelationshipKind::Mentoring,
            &programme,
            (&id("james"), &id("lena")),
            Date(0),
            &directory,
            &[],
            (&[], crate::relationship::KnownEnrolments::All),
        );
        assert_eq!(rules(&in_line.unwrap_err()), [Rule::ReportingLine]);
    }

    #[test]
    fn one_person_takes_part_in_a_programme_in_one_role() {
        let programme = programme(ProgrammeKind::Mentoring);
        // The relationship the admins' pairing makes; what Amira's own request would be asked.
        let make = |existing: &[Relationship]| {
            propose(
                id("new"),
                RelationshipKind::Mentoring,
                &programme,
                (&id("james"), &id("amira")),
                Date(0),
                &directory(),
                existing,
                (&[], crate::relationship::KnownEnrolments::All),
            )
        };
        let asked = |existing: &[Relationship]| {
            let made = make(existing).expect("the admins may pair them");
            check_one_role(&made, &programme, &directory(), existing)
        };
        // Amira mentors a pair under way here: she asks for no mentor here, though the
        // admins may pair her as a mentee (a re-pair or a run published in either order).
        let mentoring = Relationship {
            id: id("hers"),
            lifecycle: Lifecycle::Active,
            ..relationship(RelationshipKind::Mentoring, "amira", "omar")
        };
        let refused = asked(std::slice::from_ref(&mentoring)).expect("refused");
        assert_eq!(refused.rule, Rule::OtherRoleInProgramme);
        assert_eq!(refused.args[1], "mentor");
        assert_eq!(refused.args[2], programme.name);
        assert!(
            refused.message.contains("ask its admins"),
            "{}",
            refused.message
        );
        // James, a mentee here (reverse-mentored, say), may still mentor here.
        let his = Relationship {
            id: id("his"),
            ..relationship(RelationshipKind::Mentoring, "omar", "james")
        };
        assert_eq!(asked(std::slice::from_ref(&his)), None);
        // Elsewhere, or over, it leaves them free.
        let elsewhere = Relationship {
            programme: id("other-programme"),
            ..mentoring.clone()
        };
        let over = Relationship {
            lifecycle: Lifecycle::Completed,
            ..mentoring
        };
        assert_eq!(asked(&[elsewhere, over]), None);
    }

    #[test]
    fn the_same_two_are_not_proposed_again_while_one_relationship_of_theirs_is_under_way() {
        let programme = programme(ProgrammeKind::Mentoring);
        let make = |existing: &[Relationship]| {
            propose(
                id("new"),
                RelationshipKind::Mentoring,
                &programme,
                (&id("james"), &id("amira")),
                Date(0),
                &directory(),
                existing,
                (&[], crate::relationship::KnownEnrolments::All),
            )
        };
        let elsewhere = Relationship {
            programme: id("other-programme"),
            ..relationship(RelationshipKind::Mentoring, "james", "amira")
        };
        let refused = make(std::slice::from_ref(&elsewhere)).unwrap_err();
        assert_eq!(rules(&refused), [Rule::PairUnderWay]);
        assert_eq!(refused[0].args.len(), 2);
        assert!(
            refused[0]
                .message
                .contains("already have a relationship under way together"),
            "{}",
            refused[0].message
        );
        // Under way in this programme: said once, as the mentee's one relationship here.
        let here = relationship(RelationshipKind::Mentoring, "james", "amira");
        assert_eq!(
            rules(&make(std::slice::from_ref(&here)).unwrap_err()),
            [Rule::AlreadyPaired]
        );
        // Over, it leaves them free to start again.
        let over = Relationship {
            lifecycle: Lifecycle::Completed,
            ..elsewhere
        };
        assert!(make(&[over]).is_ok());
    }

    #[test]
    fn a_programme_taking_its_people_from_the_directory_pairs_only_those_who_may_join() {
        use crate::programme::GradeRange;
        let mut programme = programme(ProgrammeKind::Mentoring);
        programme.eligibility.grades = Some(GradeRange {
            lowest: Grade(3),
            highest: Grade(4),
        });
        let directory = directory();
        let make = |mentee: &str, enrolments: &[Enrolment]| {
            propose(
                id("new"),
                RelationshipKind::Mentoring,
                &programme,
                (&id("sofia"), &id(mentee)),
                Date(0),
                &directory,
                &[],
                (enrolments, crate::relationship::KnownEnrolments::All),
            )
        };
        // Amira (grade 3) may join; Omar (grade 5) may not, so his request is refused, naming
        // him and the programme.
        assert!(make("amira", &[]).is_ok());
        let refused = make("omar", &[]).unwrap_err();
        assert_eq!(rules(&refused), [Rule::NotAmongWhoMayJoin]);
        assert_eq!(refused[0].args, ["omar", "Programme"]);
        assert!(
            refused[0].message.contains("widen who may join"),
            "{}",
            refused[0].message
        );
        // What a screen asks before offering the request is the same answer.
        let pair = (&id("sofia"), &id("omar"));
        let offered = |enrolments: &[Enrolment]| {
            proposal_refusals(
                RelationshipKind::Mentoring,
                &programme,
                pair,
                Date(0),
                &directory,
                &[],
                (enrolments, crate::relationship::KnownEnrolments::All),
            )
        };
        assert_eq!(offered(&[]), refused);
        // A programme with an enrolment list checked Omar when he was enrolled; another
        // programme's list says nothing of this one.
        let enrolled = Enrolment {
            id: id("e-omar"),
            programme: id("prog"),
            person: id("omar"),
            role: EnrolledAs::Mentee,
            status: crate::EnrolmentStatus::Enrolled,
            since: Date(0),
        };
        let sofia = Enrolment {
            id: id("e-sofia"),
            person: id("sofia"),
            role: EnrolledAs::Mentor { capacity: 2 },
            ..enrolled.clone()
        };
        assert!(make("omar", &[enrolled.clone(), sofia]).is_ok());
        let elsewhere = Enrolment {
            programme: id("other-programme"),
            ..enrolled
        };
        assert_eq!(rules(&offered(&[elsewhere])), [Rule::NotAmongWhoMayJoin]);
    }

    #[test]
    fn no_pair_is_proposed_in_a_programme_that_is_a_draft_or_closed() {
        let directory = directory();
        let ask = |state| {
            let programme = Programme {
                state,
                ..programme(ProgrammeKind::Mentoring)
            };
            proposal_refusals(
                RelationshipKind::Mentoring,
                &programme,
                (&id("james"), &id("amira")),
                Date(10),
                &directory,
                &[],
                (&[], crate::relationship::KnownEnrolments::All),
            )
        };
        assert_eq!(ask(crate::ProgrammeState::Open), []);
        for (state, said) in [
            (crate::ProgrammeState::Draft, "is a draft"),
            (crate::ProgrammeState::Closed { on: Date(5) }, "is closed"),
        ] {
            let refused = ask(state);
            assert_eq!(rules(&refused), [Rule::ProgrammeNotOpen]);
            assert_eq!(refused[0].args, ["Programme"]);
            assert!(refused[0].message.contains(said), "{}", refused[0].message);
        }
    }

    #[test]
    fn a_programme_with_an_enrolment_list_pairs_only_those_its_run_counts_in_their_role() {
        use crate::EnrolmentStatus::{Declined, Enrolled, Invited, Left};
        let programme = programme(ProgrammeKind::Mentoring);
        let directory = directory();
        let enrolment = |person: &str, role, status| Enrolment {
            id: id(&format!("e-{person}")),
            programme: id("prog"),
            person: id(person),
            role,
            status,
            since: Date(0),
        };
        let mentor = |status| enrolment("james", EnrolledAs::Mentor { capacity: 2 }, status);
        let mentee = |status| enrolment("amira", EnrolledAs::Mentee, status);
        let left = || Left {
            reason: "Moved team".into(),
        };
        let refused = |enrolments: &[Enrolment]| {
            proposal_refusals(
                RelationshipKind::Mentoring,
                &programme,
                (&id("james"), &id("amira")),
                Date(0),
                &directory,
                &[],
                (enrolments, crate::relationship::KnownEnrolments::All),
            )
        };
        assert_eq!(refused(&[mentor(Enrolled), mentee(Enrolled)]), []);
        // A mentor who declined or has not said yes, a mentee who left or has not said yes,
        // someone never enrolled, or enrolled only in the other role: refused, naming them
        // and the programme.
        for (enrolments, who) in [
            (vec![mentor(Invited), mentee(Enrolled)], "james"),
            (vec![mentor(Declined), mentee(Enrolled)], "james"),
            (vec![mentor(left()), mentee(Enrolled)], "james"),
            (vec![mentor(Invited), mentee(left())], "amira"),
            (vec![mentor(Invited), mentee(Invited)], "amira"),
            (vec![mentee(Enrolled)], "james"),
            (
                vec![
                    mentor(Invited),
                    enrolment("amira", EnrolledAs::Mentor { capacity: 1 }, Enrolled),
                ],
                "amira",
            ),
        ] {
            let refusals = refused(&enrolments);
            assert_eq!(rules(&refusals), [Rule::NotEnrolled], "{enrolments:?}");
            assert_eq!(refusals[0].args, [who, "Programme"]);
            assert!(
                refusals[0].message.contains("not on the enrolment list"),
                "{}",
                refusals[0].message
            );
        }
    }

    #[test]
    fn a_participants_device_judges_its_own_enrolment_and_leaves_the_others_to_the_host() {
        let programme = programme(ProgrammeKind::Mentoring);
        let directory = directory();
        let enrolment = |person: &str, role, status| Enrolment {
            id: id(&format!("e-{person}")),
            programme: id("prog"),
            person: id(person),
            role,
            status,
            since: Date(0),
        };
        let amira = id("amira");
        let refused = |enrolments: &[Enrolment], known| {
            rules(&proposal_refusals(
                RelationshipKind::Mentoring,
                &programme,
                (&id("james"), &amira),
                Date(0),
                &directory,
                &[],
                (enrolments, known),
            ))
        };
        // Amira's device holds her enrolment only: James's place on the list is the host's to
        // judge, so the request is offered; the host, holding every enrolment, refuses it.
        let hers = [enrolment(
            "amira",
            EnrolledAs::Mentee,
            crate::EnrolmentStatus::Enrolled,
        )];
        assert_eq!(refused(&hers, KnownEnrolments::OwnOnly(&amira)), []);
        assert_eq!(refused(&hers, KnownEnrolments::All), [Rule::NotEnrolled]);
        // Her own place she judges: invited, she has not said yes yet.
        let invited = [enrolment(
            "amira",
            EnrolledAs::Mentee,
            crate::EnrolmentStatus::Invited,
        )];
        assert_eq!(
            refused(&invited, KnownEnrolments::OwnOnly(&amira)),
            [Rule::NotEnrolled]
        );
    }

    #[test]
    fn a_coach_whose_credential_lapsed_is_refused_once() {
        let programme = programme(ProgrammeKind::Coaching);
        // Sofia's credential ran to day 1,000: valid when the programme started, not today.
        let refused = proposal_refusals(
            RelationshipKind::Coaching,
            &programme,
            (&id("sofia"), &id("amira")),
            Date(1_200),
            &directory(),
            &[],
            (&[], crate::relationship::KnownEnrolments::All),
        );
        assert_eq!(rules(&refused), [Rule::CoachCredential]);
    }

    #[test]
    fn a_senior_mentor_outside_the_line_is_allowed() {
        let r = relationship(RelationshipKind::Mentoring, "james", "amira");
        assert_eq!(
            check_relationship(&r, &programme(ProgrammeKind::Mentoring), &directory()),
            []
        );
    }

    #[test]
    fn a_mentor_must_be_more_senior() {
        let r = relationship(RelationshipKind::Mentoring, "amira", "omar");
        let refusals = check_relationship(&r, &programme(ProgrammeKind::Mentoring), &directory());
        assert!(rules(&refusals).contains(&Rule::Seniority), "{refusals:?}");
        let message = &refusals
            .iter()
            .find(|r| r.rule == Rule::Seniority)
            .unwrap()
            .message;
        assert!(message.contains("reverse mentoring"), "{message}");
    }

    #[test]
    fn in_reverse_mentoring_the_junior_mentors() {
        let dir = directory();
        let mentoring = programme(ProgrammeKind::Mentoring);
        let junior_mentors = relationship(RelationshipKind::ReverseMentoring, "amira", "sofia");
        assert_eq!(check_relationship(&junior_mentors, &mentoring, &dir), []);
        let senior_mentors = relationship(RelationshipKind::ReverseMentoring, "james", "amira");
        let refusals = check_relationship(&senior_mentors, &mentoring, &dir);
        assert_eq!(rules(&refusals), [Rule::ReverseMentoringSeniority]);
        assert!(refusals[0].message.contains("ordinary mentoring"));
        assert_eq!(refusals[0].args.len(), 4, "names and grades of both");
    }

    #[test]
    fn coaching_needs_a_credential_valid_on_the_start_date() {
        let dir = directory();
        let coaching = programme(ProgrammeKind::Coaching);
        assert_eq!(
            check_relationship(
                &relationship(RelationshipKind::Coaching, "sofia", "amira"),
                &coaching,
                &dir
            ),
            []
        );
        let mut late = relationship(RelationshipKind::Coaching, "sofia", "amira");
        late.starts = Date(1_001);
        late.planned_end = Date(1_100);
        let refusals = check_relationship(&late, &coaching, &dir);
        assert_eq!(rules(&refusals), [Rule::CoachCredential]);
        assert!(
            refusals[0].message.contains("1972-09-28"),
            "{}",
            refusals[0].message
        );
        let untrained = relationship(RelationshipKind::Coaching, "james", "amira");
        assert_eq!(
            rules(&check_relationship(&untrained, &coaching, &dir)),
            [Rule::CoachCredential]
        );
    }

    #[test]
    fn a_start_is_refused_a_coach_whose_credential_lapsed_before_the_day_it_is_started() {
        let dir = directory();
        let coaching = programme(ProgrammeKind::Coaching);
        let proposal = relationship(RelationshipKind::Coaching, "sofia", "amira");
        let start_on = |day: i32, end: i32| {
            let mut started = crate::health::start(&proposal, Date(day)).unwrap();
            started.planned_end = Date(end);
            check_start(&started, &coaching, &dir, &[], &[])
        };
        // The credential (to day 1,000) covered the proposal's date, and a start up to then.
        assert_eq!(check_relationship(&proposal, &coaching, &dir), []);
        assert_eq!(start_on(1_000, 1_100), None);
        let lapsed = start_on(1_001, 1_100).expect("refused");
        assert_eq!(lapsed.rule, Rule::CoachCredential);
        assert_eq!(lapsed.args, ["sofia", "1972-09-28"]);
        // The same rule the host asks of the whole relationship, with the same words.
        let mut stored = proposal.clone();
        stored.starts = Date(1_001);
        stored.planned_end = Date(1_100);
        assert_eq!(check_relationship(&stored, &coaching, &dir), [lapsed]);
        // Started on or after its planned end, it is to be extended first.
        assert_eq!(start_on(584, 584).map(|r| r.rule), Some(Rule::DatesOrdered));
        // An untrained coach is refused whatever the day; mentoring needs no credential.
        let untrained = relationship(RelationshipKind::Coaching, "james", "amira");
        let started = crate::health::start(&untrained, Date(500)).unwrap();
        assert_eq!(
            check_start(&started, &coaching, &dir, &[], &[]).map(|r| r.rule),
            Some(Rule::CoachCredential)
        );
        let mentoring = relationship(RelationshipKind::Mentoring, "james", "amira");
        let mut started = crate::health::start(&mentoring, Date(1_050)).unwrap();
        started.planned_end = Date(1_100);
        assert_eq!(
            check_start(
                &started,
                &programme(ProgrammeKind::Mentoring),
                &dir,
                &[],
                &[]
            ),
            None
        );
    }

    #[test]
    fn nobody_mentors_or_coaches_within_their_reporting_line() {
        let dir = directory();
        let r = relationship(RelationshipKind::Mentoring, "james", "lena");
        let refusals = check_relationship(&r, &programme(ProgrammeKind::Mentoring), &dir);
        assert_eq!(rules(&refusals), [Rule::ReportingLine]);
        assert!(refusals[0].message.contains("same reporting line"));
        let skip_level = relationship(RelationshipKind::Mentoring, "ceo", "amira");
        assert_eq!(
            rules(&check_relationship(
                &skip_level,
                &programme(ProgrammeKind::Mentoring),
                &dir
            )),
            [Rule::ReportingLine]
        );
    }

    #[test]
    fn the_same_person_cannot_be_both_parties() {
        let r = relationship(RelationshipKind::Mentoring, "james", "james");
        let refusals = check_relationship(&r, &programme(ProgrammeKind::Mentoring), &directory());
        assert!(rules(&refusals).contains(&Rule::SameParty));
    }

    #[test]
    fn dates_must_be_ordered_and_the_kind_must_fit_the_programme() {
        let mut r = relationship(RelationshipKind::Mentoring, "james", "amira");
        r.planned_end = r.starts;
        let refusals = check_relationship(&r, &programme(ProgrammeKind::Coaching), &directory());
        assert_eq!(rules(&refusals), [Rule::ProgrammeKind, Rule::DatesOrdered]);
        assert!(refusals[1].message.contains("must come after"));
        assert_eq!(
            refusals[1].args,
            [r.planned_end.to_string(), r.starts.to_string()]
        );
    }

    #[test]
    fn the_lifecycle_moves_forward_and_ending_early_needs_a_reason() {
        use Lifecycle::*;
        assert_eq!(transition(&Proposed, Active), Ok(Active));
        assert_eq!(transition(&Active, Paused), Ok(Paused));
        assert_eq!(transition(&Paused, Active), Ok(Active));
        assert_eq!(transition(&Active, Completed), Ok(Completed));
        assert_eq!(transition(&Paused, Completed), Ok(Completed));
        assert_eq!(
            transition(&Completed, Active).unwrap_err().rule,
            Rule::LifecycleOrder
        );
        assert_eq!(
            transition(&Proposed, Completed).unwrap_err().rule,
            Rule::LifecycleOrder
        );
        let no_reason = transition(&Active, EndedEarly { reason: " ".into() }).unwrap_err();
        assert_eq!(no_reason.rule, Rule::LifecycleReason);
        assert!(no_reason.message.contains("Say why"));
        let ended = EndedEarly {
            reason: "changed role".into(),
        };
        assert_eq!(transition(&Paused, ended.clone()), Ok(ended.clone()));
        assert!(ended.is_over());
    }

    fn party(r: &Relationship, who: &str, change: PartyChange) -> Result<Relationship, Rule> {
        change_by_party(r, &id(who), change).map_err(|e| e.rule)
    }

    fn agreement(purpose: &str, ground_rules: &str) -> PartyChange {
        PartyChange::Agreement {
            purpose: purpose.into(),
            ground_rules: ground_rules.into(),
        }
    }

    fn ended(reason: &str) -> PartyChange {
        PartyChange::Move(Lifecycle::EndedEarly {
            reason: reason.into(),
        })
    }

    #[test]
    fn either_of_the_pair_writes_their_agreement_and_nobody_else_does() {
        let mut r = relationship(RelationshipKind::Mentoring, "james", "amira");
        r.lifecycle = Lifecycle::Active;
        let written = party(
            &r,
            "amira",
            agreement("  Ready for a team lead role  ", "Monthly, in confidence"),
        )
        .unwrap();
        assert_eq!(written.purpose, "Ready for a team lead role", "trimmed");
        assert_eq!(written.ground_rules, "Monthly, in confidence");
        assert_eq!(written.lifecycle, Lifecycle::Active);
        assert!(
            party(&written, "james", agreement("", "")).is_ok(),
            "cleared"
        );
        assert_eq!(
            party(&r, "sofia", agreement("Mine now", "")),
            Err(Rule::NotPermitted)
        );
        let proposed = relationship(RelationshipKind::Mentoring, "james", "amira");
        assert!(
            party(&proposed, "james", agreement("Agreed before we start", "")).is_ok(),
            "a pair agrees before the admins confirm the match"
        );
    }

    #[test]
    fn an_agreement_too_long_says_which_part_and_changes_nothing() {
        let r = relationship(RelationshipKind::Mentoring, "james", "amira");
        let long = "ع".repeat(AGREEMENT_MAX_CHARS + 1);
        let fits = "ع".repeat(AGREEMENT_MAX_CHARS);
        assert!(party(&r, "amira", agreement(&fits, &fits)).is_ok());
        let refused = change_by_party(&r, &id("amira"), agreement(&fits, &long)).unwrap_err();
        assert_eq!(refused.rule, Rule::TextTooLong);
        assert_eq!(refused.args, ["2000", "2001"]);
        assert!(
            refused.message.contains("ground rules"),
            "{}",
            refused.message
        );
        assert_eq!(
            check_agreement(&long, "").unwrap_err().0,
            AgreementPart::Purpose
        );
        assert_eq!(
            check_agreement("", &long).unwrap_err().0,
            AgreementPart::GroundRules
        );
        let stored = Relationship {
            purpose: long,
            ..r.clone()
        };
        let refusals =
            check_relationship(&stored, &programme(ProgrammeKind::Mentoring), &directory());
        assert_eq!(
            rules(&refusals),
            [Rule::TextTooLong],
            "the host refuses it too"
        );
    }

    #[test]
    fn the_pair_pause_resume_complete_and_end_early_with_a_reason() {
        use Lifecycle::*;
        let mut r = relationship(RelationshipKind::Mentoring, "james", "amira");
        r.lifecycle = Active;
        let paused = party(&r, "amira", PartyChange::Move(Paused)).unwrap();
        assert_eq!(paused.lifecycle, Paused);
        let resumed = party(&paused, "james", PartyChange::Move(Active)).unwrap();
        assert_eq!(resumed.lifecycle, Active);
        assert_eq!(
            party(&paused, "amira", PartyChange::Move(Completed))
                .unwrap()
                .lifecycle,
            Completed,
            "a pair on pause complete without resuming first"
        );
        assert_eq!(
            party(&r, "amira", PartyChange::Move(Completed))
                .unwrap()
                .lifecycle,
            Completed
        );
        assert_eq!(party(&r, "amira", ended("  ")), Err(Rule::LifecycleReason));
        let over = party(&paused, "amira", ended(" New role abroad ")).unwrap();
        assert_eq!(
            over.lifecycle,
            EndedEarly {
                reason: "New role abroad".into()
            }
        );
        let long = "x".repeat(crate::enrolment::REASON_MAX_CHARS + 1);
        assert_eq!(party(&r, "amira", ended(&long)), Err(Rule::TextTooLong));
        assert_eq!(
            party(&r, "sofia", PartyChange::Move(Paused)),
            Err(Rule::NotPermitted)
        );
    }

    #[test]
    fn nothing_changes_in_a_relationship_that_is_over() {
        use Lifecycle::*;
        let mut r = relationship(RelationshipKind::Mentoring, "james", "amira");
        for over in [
            Completed,
            EndedEarly {
                reason: "Moved on".into(),
            },
        ] {
            r.lifecycle = over;
            for change in [
                agreement("Again", ""),
                PartyChange::Move(Active),
                PartyChange::Move(Paused),
                ended("Again"),
            ] {
                assert_eq!(party(&r, "amira", change), Err(Rule::RelationshipOver));
            }
        }
    }

    #[test]
    fn a_proposed_relationship_starts_with_the_admins_and_the_pair_may_withdraw() {
        use Lifecycle::*;
        let r = relationship(RelationshipKind::Mentoring, "james", "amira");
        assert_eq!(r.lifecycle, Proposed);
        assert_eq!(
            party(&r, "james", PartyChange::Move(Active)),
            Err(Rule::NotPermitted)
        );
        assert_eq!(
            party(&r, "james", PartyChange::Move(Paused)),
            Err(Rule::NotPermitted)
        );
        assert_eq!(party(&r, "james", ended("")), Err(Rule::LifecycleReason));
        assert!(matches!(
            party(&r, "amira", ended("Not the right time")).map(|r| r.lifecycle),
            Ok(EndedEarly { .. })
        ));
        assert!(party_may_move(&Active, &Paused));
        assert!(!party_may_move(&Proposed, &Active));
        let withdraw = EndedEarly {
            reason: String::new(),
        };
        assert_eq!(check_party_creation(&r, &r.mentee), Ok(()));
        assert_eq!(
            check_party_creation(&r, &r.mentor).map_err(|e| e.rule),
            Err(Rule::NotPermitted),
            "a mentor does not propose themselves"
        );
        for created in [Active, Paused, Completed] {
            let r = Relationship {
                lifecycle: created.clone(),
                ..r.clone()
            };
            assert_eq!(
                check_party_creation(&r, &r.mentee).map_err(|e| e.rule),
                Err(Rule::NotPermitted),
                "{created:?}"
            );
        }
        assert_eq!(party_moves(&Proposed), std::slice::from_ref(&withdraw));
        assert_eq!(party_moves(&Active), [Paused, Completed, withdraw.clone()]);
        assert_eq!(party_moves(&Paused), [Active, Completed, withdraw]);
        assert_eq!(party_moves(&Completed), []);
    }

    #[test]
    fn the_pair_end_a_relationship_early_and_never_delete_it() {
        let rel = id("rel");
        let deleted = check_party_field(&rel, "deleted").unwrap_err();
        assert_eq!(deleted.rule, Rule::NotPermitted);
        assert!(
            deleted
                .message
                .contains("end it early from the relationship page")
                && deleted.message.contains("ask the programme's admins"),
            "{}",
            deleted.message
        );
        let mentor = check_party_field(&rel, "mentor").unwrap_err();
        assert!(
            mentor
                .message
                .contains("programme's admins change the mentor"),
            "{}",
            mentor.message
        );
        for field in ["purpose", "ground-rules", "lifecycle", "end-reason"] {
            assert_eq!(check_party_field(&rel, field), Ok(()), "{field}");
        }
    }

    #[test]
    fn each_party_has_a_side_and_outsiders_none() {
        let r = relationship(RelationshipKind::ReverseMentoring, "amira", "sofia");
        assert_eq!(r.side_of(&id("amira")), Some(Side::Mentor));
        assert_eq!(r.side_of(&id("sofia")), Some(Side::Mentee));
        assert_eq!(r.side_of(&id("james")), None);
    }

    #[test]
    fn a_persons_relationships_list_ongoing_ones_first_newest_first() {
        let at = |rel: &str, mentor: &str, mentee: &str, starts: i32, lifecycle: Lifecycle| {
            Relationship {
                id: id(rel),
                starts: Date(starts),
                planned_end: Date(starts + 84),
                lifecycle,
                ..relationship(RelationshipKind::Mentoring, mentor, mentee)
            }
        };
        let all = [
            at("old", "james", "amira", 10, Lifecycle::Completed),
            at("other", "james", "lena", 50, Lifecycle::Active),
            at("early", "omar", "amira", 20, Lifecycle::Active),
            at("late", "amira", "sofia", 40, Lifecycle::Paused),
            at("new", "ceo", "amira", 60, Lifecycle::Proposed),
        ];
        let listed: Vec<_> = relationships_of(&all, &id("amira"))
            .iter()
            .map(|r| r.id.to_string())
            .collect();
        assert_eq!(listed, ["new", "late", "early", "old"]);
        assert!(relationships_of(&all, &id("nobody")).is_empty());
    }

    #[test]
    fn a_mentor_whose_places_are_taken_is_refused_a_request_and_a_start() {
        let programme = programme(ProgrammeKind::Mentoring);
        let directory = directory();
        let held = |n: &str, mentee: &str, lifecycle: Lifecycle| Relationship {
            id: id(n),
            lifecycle,
            ..relationship(RelationshipKind::Mentoring, "james", mentee)
        };
        let ask = |existing: &[Relationship], enrolments: &[Enrolment]| {
            propose(
                id("new"),
                RelationshipKind::Mentoring,
                &programme,
                (&id("james"), &id("amira")),
                Date(10),
                &directory,
                existing,
                (enrolments, crate::relationship::KnownEnrolments::All),
            )
        };
        // A proposal waiting holds a place as an active pair does.
        let full = [
            held("r1", "omar", Lifecycle::Active),
            held("r2", "lena", Lifecycle::Proposed),
        ];
        let refused = ask(&full, &[]).unwrap_err();
        assert_eq!(rules(&refused), [Rule::MentorFull]);
        assert_eq!(refused[0].args, ["james", "2", "Programme"]);
        assert!(refused[0].message.contains("no place left"), "{refused:?}");
        assert_eq!(mentors_without_place(&programme, &full, &[]), [id("james")]);
        // A pair over frees its place; another programme's pair takes none here.
        let mut freed = full.clone();
        freed[1].lifecycle = Lifecycle::EndedEarly {
            reason: "No time".into(),
        };
        assert!(ask(&freed, &[]).is_ok());
        assert!(mentors_without_place(&programme, &freed, &[]).is_empty());
        let mut elsewhere = full.clone();
        elsewhere[1].programme = id("other");
        assert!(ask(&elsewhere, &[]).is_ok());
        // Invited with three places, the mentor has one left.
        let invited = Enrolment {
            id: id("e1"),
            programme: programme.id.clone(),
            person: id("james"),
            role: EnrolledAs::Mentor { capacity: 3 },
            status: crate::EnrolmentStatus::Enrolled,
            since: Date(0),
        };
        assert_eq!(
            places_of(&programme, &id("james"), std::slice::from_ref(&invited)),
            3
        );
        let amira = Enrolment {
            id: id("e2"),
            person: id("amira"),
            role: EnrolledAs::Mentee,
            ..invited.clone()
        };
        assert!(ask(&full, &[invited.clone(), amira]).is_ok());
        assert!(mentors_without_place(&programme, &full, &[invited]).is_empty());
        // Starting a proposal counts only the pairs that met: two proposals for the last
        // place, the admins start one and the other is refused.
        let started = |others: &[Relationship]| {
            let mut proposal = held("new", "amira", Lifecycle::Proposed);
            proposal.lifecycle = Lifecycle::Active;
            check_mentor_has_place(&proposal, &programme, &directory, others, &[])
        };
        assert_eq!(started(&full), None);
        let mut met = full.clone();
        met[1].lifecycle = Lifecycle::Paused;
        assert_eq!(started(&met).map(|r| r.rule), Some(Rule::MentorFull));
        // The relationship itself, in the list it is judged against, does not count.
        let own = [met[0].clone(), held("new", "amira", Lifecycle::Active)];
        assert_eq!(started(&own), None);
    }

    #[test]
    fn a_programme_s_places_per_mentor_count_unless_the_mentor_was_invited_with_their_own() {
        let mut programme = programme(ProgrammeKind::Mentoring);
        programme.places_per_mentor = 3;
        let directory = directory();
        let held = |n: &str, mentee: &str| Relationship {
            id: id(n),
            ..relationship(RelationshipKind::Mentoring, "james", mentee)
        };
        let ask = |existing: &[Relationship], enrolments: &[Enrolment]| {
            let proposal = held("new", "amira");
            check_mentor_has_place(&proposal, &programme, &directory, existing, enrolments)
        };
        let two = [held("r1", "omar"), held("r2", "lena")];
        assert_eq!(places_of(&programme, &id("james"), &[]), 3);
        assert_eq!(ask(&two, &[]), None);
        assert!(mentors_without_place(&programme, &two, &[]).is_empty());
        let three = [two[0].clone(), two[1].clone(), held("r3", "sofia")];
        let refused = ask(&three, &[]).expect("a fourth mentee is refused");
        assert_eq!(refused.args, ["james", "3", "Programme"]);
        assert_eq!(
            mentors_without_place(&programme, &three, &[]),
            [id("james")]
        );
        // Invited with one place, the mentor keeps it whatever the programme says.
        let invited = Enrolment {
            id: id("e1"),
            programme: programme.id.clone(),
            person: id("james"),
            role: EnrolledAs::Mentor { capacity: 1 },
            status: crate::EnrolmentStatus::Enrolled,
            since: Date(0),
        };
        let invited = std::slice::from_ref(&invited);
        assert_eq!(places_of(&programme, &id("james"), invited), 1);
        assert_eq!(
            ask(&two[..1], invited).map(|r| r.rule),
            Some(Rule::MentorFull)
        );
    }
}
