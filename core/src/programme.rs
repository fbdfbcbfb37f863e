//! Programmes: a coaching or mentoring cohort that HR runs — its set-up (kind, dates, default
//! length, objectives, matching mode, who may join, when a pair's health signals are raised),
//! its state (draft, open, closed), and the
//! rules a change to it must keep (`check_programme_change`).
//!
//! A programme comes either from the host's directory (HR data, read-only here) or from a
//! programme admin's set-up, a record like any other (`AdminChange::Programme`).

use crate::health::{check_health_settings, HealthSettings};
use crate::matching::Mode;
use crate::person::Grade;
use crate::rules::{text_within, Refusal, Rule};
use crate::{Date, Directory, Person, RecordId};

/// The longest programme name.
pub const PROGRAMME_NAME_MAX_CHARS: usize = 120;
/// The longest objective.
pub const OBJECTIVE_MAX_CHARS: usize = 300;
/// The most objectives one programme lists.
pub const OBJECTIVES_MAX: usize = 20;
/// The longest default relationship length: ten years.
pub const DEFAULT_LENGTH_MAX_DAYS: i32 = 3_660;
/// The places per mentor or coach a programme's set-up may give: each mentee of a pair takes
/// one, so more than 10 would hardly leave time for each.
pub const PLACES_PER_MENTOR: std::ops::RangeInclusive<u32> = 1..=10;
/// The most departments or locations one "who may join" lists.
pub const ELIGIBILITY_MAX_ITEMS: usize = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProgrammeKind {
    /// Performance and specific skills; short; non-directive; led by a trained coach.
    Coaching,
    /// Long-term development led by a more experienced colleague (or, in reverse
    /// mentoring, a junior one).
    Mentoring,
}

impl ProgrammeKind {
    /// Coaching is "a relatively short period"; mentoring is "longer term".
    pub fn default_length_days(self) -> i32 {
        match self {
            ProgrammeKind::Coaching => 12 * 7,
            ProgrammeKind::Mentoring => 365,
        }
    }
}

/// An objective of the organisation that goals can align to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Objective {
    pub id: RecordId,
    pub text: String,
}

/// How mentees and mentors are paired in a programme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MatchingMode {
    /// The most mentees matched, then the best total fit (`matching::Mode::Optimal`).
    #[default]
    Optimal,
    /// Best mutual fit first, no blocking pair (`matching::Mode::Stable`).
    Stable,
    /// Mentees choose from suggestions; nobody runs an assignment.
    MenteeChooses,
}

impl MatchingMode {
    /// The matching run this mode asks for, if it asks for one.
    pub fn run_mode(self) -> Option<Mode> {
        match self {
            MatchingMode::Optimal => Some(Mode::Optimal),
            MatchingMode::Stable => Some(Mode::Stable),
            MatchingMode::MenteeChooses => None,
        }
    }
}

/// An inclusive range of grades.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GradeRange {
    pub lowest: Grade,
    pub highest: Grade,
}

impl GradeRange {
    pub fn contains(self, grade: Grade) -> bool {
        self.lowest <= grade && grade <= self.highest
    }
}

/// A filter over the directory's people: by department, location and grade. An empty list
/// (or no grade range) lets everyone through. Used for "who may join" a programme and for
/// filtering the directory when enrolling.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeopleFilter {
    pub departments: Vec<String>,
    pub locations: Vec<String>,
    pub grades: Option<GradeRange>,
}

/// Whether a department or location named in "who may join" is the directory's `known` one:
/// letter case and surrounding spaces aside, as an admin types "sales" for "Sales".
pub fn same_place_name(named: &str, known: &str) -> bool {
    named.trim().to_lowercase() == known.trim().to_lowercase()
}

impl PeopleFilter {
    pub fn admits(&self, person: &Person) -> bool {
        let among = |names: &[String], known: &str| {
            names.is_empty() || names.iter().any(|n| same_place_name(n, known))
        };
        among(&self.departments, &person.department)
            && among(&self.locations, &person.location)
            && self.grades.is_none_or(|range| range.contains(person.grade))
    }

    /// How many of `people` (the directory's) it admits.
    pub fn admitted<'a>(&self, people: impl IntoIterator<Item = &'a Person>) -> usize {
        people.into_iter().filter(|p| self.admits(p)).count()
    }

    /// How many of `people` the filter admits as participants: `admins` run the programme and
    /// are not counted among them (a set-up form says so beside who may join).
    pub fn admitted_participants<'a>(
        &self,
        people: impl IntoIterator<Item = &'a Person>,
        admins: &[RecordId],
    ) -> usize {
        (people.into_iter())
            .filter(|p| !admins.contains(&p.id) && self.admits(p))
            .count()
    }

    pub fn admits_everyone(&self) -> bool {
        self.departments.is_empty() && self.locations.is_empty() && self.grades.is_none()
    }

    /// In words, for a refusal: "departments Sales, Finance; grades 3–6".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.departments.is_empty() {
            parts.push(format!("departments {}", self.departments.join(", ")));
        }
        if !self.locations.is_empty() {
            parts.push(format!("locations {}", self.locations.join(", ")));
        }
        if let Some(range) = self.grades {
            parts.push(format!("grades {}–{}", range.lowest.0, range.highest.0));
        }
        if parts.is_empty() {
            "everyone".to_owned()
        } else {
            parts.join("; ")
        }
    }
}

/// Where a programme is in its life. A draft is seen by its admins only; a closed programme
/// is kept as it was, for its report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ProgrammeState {
    Draft,
    #[default]
    Open,
    Closed {
        on: Date,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Programme {
    pub id: RecordId,
    pub kind: ProgrammeKind,
    pub name: String,
    pub starts: Date,
    pub ends: Option<Date>,
    pub default_length_days: i32,
    pub objectives: Vec<Objective>,
    pub admins: Vec<RecordId>,
    pub matching: MatchingMode,
    /// Who may join as a mentee or coachee. Mentors and coaches are invited by the admins.
    pub eligibility: PeopleFilter,
    pub state: ProgrammeState,
    /// When its pairs' health signals and reminders are raised.
    pub health: HealthSettings,
    /// How many mentees a mentor or coach takes at a time, unless invited with a capacity of
    /// their own: the one number matching and `relationship::places_of` use.
    pub places_per_mentor: u32,
}

impl Programme {
    pub fn new(
        id: RecordId,
        kind: ProgrammeKind,
        name: impl Into<String>,
        starts: Date,
    ) -> Programme {
        Programme {
            id,
            kind,
            name: name.into(),
            starts,
            ends: None,
            default_length_days: kind.default_length_days(),
            objectives: Vec::new(),
            admins: Vec::new(),
            matching: MatchingMode::default(),
            eligibility: PeopleFilter::default(),
            state: ProgrammeState::default(),
            health: HealthSettings::default(),
            places_per_mentor: crate::relationship::DIRECTORY_PLACES,
        }
    }

    pub fn is_closed(&self) -> bool {
        matches!(self.state, ProgrammeState::Closed { .. })
    }

    /// Whether a pair may be made or re-paired in it: only while it is open. A draft is still
    /// being set up, a closed one is kept as it was for its report
    /// (`relationship::check_programme_open`); Matching offers neither.
    pub fn takes_new_pairs(&self) -> bool {
        self.state == ProgrammeState::Open
    }

    /// Whether its mentees ask a mentor themselves, in Find a mentor: its admins had them
    /// choose from suggestions (`MatchingMode::MenteeChooses`), as in every programme of the
    /// HR directory, which says no mode. Where the admins run the matching, they propose the
    /// pairs, and Find a mentor says so instead of offering a request.
    pub fn mentees_ask(&self) -> bool {
        self.matching == MatchingMode::MenteeChooses
    }

    pub fn objective(&self, id: &RecordId) -> Option<&Objective> {
        self.objectives.iter().find(|o| &o.id == id)
    }

    pub fn is_admin(&self, person: &RecordId) -> bool {
        self.admins.contains(person)
    }
}

/// The open programmes a participant may be offered a mentor in (Find a mentor): the HR
/// directory's (`directory`), which say no matching mode, so their mentees ask
/// (`MatchingMode::MenteeChooses`), then those set up in Programme admin (`records`) that are
/// not among them, each with the mode its set-up says; none that is a draft or closed.
pub fn open_programmes(directory: &[Programme], records: &[Programme]) -> Vec<Programme> {
    let mut all: Vec<Programme> = Vec::new();
    for p in directory {
        all.push(Programme {
            matching: MatchingMode::MenteeChooses,
            ..p.clone()
        });
    }
    for p in records {
        if !all.iter().any(|d| d.id == p.id) {
            all.push(p.clone());
        }
    }
    all.retain(Programme::takes_new_pairs);
    all
}

/// Checks a change to a programme's set-up by `actor`, returning every refusal (so a form
/// can show every problem at once), or none.
///
/// `before` is the programme as it stands (`None` when it is being created);
/// `may_set_up_programmes` is the host's word on whether `actor` may create programmes at
/// all. Only a programme's admins change it; its creator must be among its admins.
pub fn check_programme_change(
    actor: &RecordId,
    may_set_up_programmes: bool,
    before: Option<&Programme>,
    after: &Programme,
) -> Vec<Refusal> {
    match before {
        Some(before) if !before.is_admin(actor) => {
            return vec![refusal!(
                Rule::NotPermitted,
                "Only the admins of {} may change it; ask one of them.",
                before.name
            )]
        }
        None if !may_set_up_programmes => {
            return vec![refusal!(
                Rule::NotPermitted,
                "You may not set up programmes; ask HR to give you the programme admin role."
            )]
        }
        _ => {}
    }
    let mut refusals = Vec::new();
    if let Some(before) = before {
        if before.id != after.id {
            refusals.push(refusal!(
                Rule::UnknownRecord,
                "A programme keeps its id; set up a new programme instead."
            ));
        }
        if let ProgrammeState::Closed { on } = before.state {
            return vec![refusal!(
                Rule::ProgrammeClosed,
                "{} closed on {on} and is kept as it was for its report; set up a new \
                     programme instead.",
                before.name
            )
            .with_args([before.name.clone(), on.to_string()])];
        }
        if before.kind != after.kind && before.state != ProgrammeState::Draft {
            refusals.push(
                refusal!(
                    Rule::ProgrammeKindFixed,
                    "The kind of {} is fixed once it opens: its relationships depend on it. \
                     Set up a new programme of the other kind.",
                    before.name
                )
                .with_args([&before.name]),
            );
        }
        if before.state != ProgrammeState::Draft && after.state == ProgrammeState::Draft {
            refusals.push(refusal!(
                Rule::ProgrammeState,
                "An open programme cannot go back to draft: its participants already see it. \
                 Close it instead."
            ));
        }
    } else if after.is_closed() {
        refusals.push(refusal!(
            Rule::ProgrammeState,
            "A new programme starts as a draft or open; close it later."
        ));
    }
    if !after.is_admin(actor) {
        refusals.push(refusal!(
            Rule::ProgrammeAdmin,
            "Keep yourself among the programme's admins, or ask another admin to make this \
             change."
        ));
    }
    if after.name.trim().is_empty() {
        refusals.push(refusal!(Rule::ProgrammeNameRequired, "Name the programme."));
    }
    refusals.extend(text_within("programme name", &after.name, PROGRAMME_NAME_MAX_CHARS).err());
    if after.ends.is_some_and(|ends| ends <= after.starts) {
        refusals.push(
            refusal!(
                Rule::DatesOrdered,
                "The programme's end ({}) must come after its start ({}).",
                after.ends.map(|d| d.to_string()).unwrap_or_default(),
                after.starts
            )
            .with_args([
                after.ends.map(|d| d.to_string()).unwrap_or_default(),
                after.starts.to_string(),
            ]),
        );
    }
    if !(1..=DEFAULT_LENGTH_MAX_DAYS).contains(&after.default_length_days) {
        refusals.push(
            refusal!(
                Rule::ProgrammeLength,
                "A relationship's default length is 1 to {DEFAULT_LENGTH_MAX_DAYS} days (it is \
                 {}); coaching is usually about 84, mentoring about 365.",
                after.default_length_days
            )
            .with_args([DEFAULT_LENGTH_MAX_DAYS, after.default_length_days]),
        );
    }
    if after.objectives.len() > OBJECTIVES_MAX {
        refusals.push(
            refusal!(
                Rule::ObjectiveLimit,
                "List at most {OBJECTIVES_MAX} objectives (there are {}).",
                after.objectives.len()
            )
            .with_args([OBJECTIVES_MAX, after.objectives.len()]),
        );
    }
    for (n, objective) in after.objectives.iter().enumerate() {
        if objective.text.trim().is_empty() {
            refusals.push(
                refusal!(
                    Rule::ObjectiveRequired,
                    "Write objective {} or remove it.",
                    n + 1
                )
                .with_args([n + 1]),
            );
        }
        refusals.extend(text_within("objective", &objective.text, OBJECTIVE_MAX_CHARS).err());
        if after.objectives[..n].iter().any(|o| o.id == objective.id) {
            refusals.push(refusal!(
                Rule::UnknownRecord,
                "Objective {} repeats the id {}.",
                n + 1,
                objective.id
            ));
        }
    }
    let filter = &after.eligibility;
    if filter.departments.len() > ELIGIBILITY_MAX_ITEMS
        || filter.locations.len() > ELIGIBILITY_MAX_ITEMS
    {
        refusals.push(refusal!(
            Rule::ProgrammeEligibility,
            "Name at most {ELIGIBILITY_MAX_ITEMS} departments and locations in who may join."
        ));
    }
    if filter.grades.is_some_and(|g| g.lowest > g.highest) {
        refusals.push(refusal!(
            Rule::GradesOrdered,
            "In who may join, the lowest grade must not be above the highest: swap them."
        ));
    }
    refusals.extend(check_health_settings(after.health));
    if !PLACES_PER_MENTOR.contains(&after.places_per_mentor) {
        let (low, high) = (PLACES_PER_MENTOR.start(), PLACES_PER_MENTOR.end());
        refusals.push(
            refusal!(
                Rule::PlacesPerMentor,
                "Places per mentor or coach: choose {low} to {high} (it is {}).",
                after.places_per_mentor
            )
            .with_args([low, high, &after.places_per_mentor]),
        );
    }
    refusals
}

/// How long before today a new programme may have started: one set up to record a programme
/// already running since earlier this year is fine; one dated years back is a slip of the
/// date picker. A programme already set up keeps its start whatever it is.
pub const NEW_PROGRAMME_MAX_DAYS_BACK: i32 = 365;

/// What `after` is refused for among the programmes already known (`others`, the HR
/// directory's and those set up through the widget) on `today`: a new programme starting
/// more than [`NEW_PROGRAMME_MAX_DAYS_BACK`] days ago; a name given now that another
/// programme has, compared trimmed and without regard to case, so the list never holds two
/// programmes nobody can tell apart. A name kept as it was is not judged again.
pub fn check_among_programmes(
    before: Option<&Programme>,
    after: &Programme,
    others: &[Programme],
    today: Date,
) -> Vec<Refusal> {
    let mut refusals = Vec::new();
    let earliest = today.add_days(-NEW_PROGRAMME_MAX_DAYS_BACK);
    if before.is_none() && after.starts < earliest {
        refusals.push(
            refusal!(
                Rule::ProgrammeStartTooEarly,
                "A new programme starts on {earliest} or later; pick a later start."
            )
            .with_args([earliest.to_string()]),
        );
    }
    let key = |name: &str| name.trim().to_lowercase();
    let name = key(&after.name);
    let renamed = before.is_none_or(|b| key(&b.name) != name);
    if renamed
        && !name.is_empty()
        && (others.iter()).any(|o| o.id != after.id && key(&o.name) == name)
    {
        refusals.push(
            refusal!(
                Rule::ProgrammeNameTaken,
                "There is already a programme named {}; choose another name.",
                after.name.trim()
            )
            .with_args([after.name.trim()]),
        );
    }
    refusals
}

/// Refuses opening `after` (`before` as it stands, `None` when new) while its who may join
/// admits nobody in `directory` but its admins: nobody could join it. The same for a
/// programme already open whose who may join changes to admit nobody. A draft may: its
/// admins are still setting it up. A directory with nobody in it (none known yet) is not
/// judged.
pub fn check_admits_someone(
    before: Option<&Programme>,
    after: &Programme,
    directory: &Directory,
) -> Result<(), Refusal> {
    let opening = before.is_none_or(|b| b.state != ProgrammeState::Open);
    let narrowed = before.is_some_and(|b| b.eligibility != after.eligibility);
    if after.state != ProgrammeState::Open || !(opening || narrowed) {
        return Ok(());
    }
    // Its admins run it: a programme only they may join has nobody to pair.
    let admitted = (after.eligibility).admitted_participants(directory.people(), &after.admins);
    if directory.people().next().is_none() || admitted > 0 {
        return Ok(());
    }
    Err(refusal!(
        Rule::ProgrammeAdmitsNobody,
        "{} cannot be open while who may join ({}) admits nobody in the directory; widen who \
         may join, or keep the programme as a draft.",
        after.name,
        after.eligibility.describe()
    )
    .with_args([&after.name]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coaching_defaults_to_twelve_weeks_and_mentoring_to_a_year() {
        let id = RecordId::parse("p").unwrap();
        assert_eq!(
            Programme::new(id.clone(), ProgrammeKind::Coaching, "C", Date(0)).default_length_days,
            84
        );
        assert_eq!(
            Programme::new(id, ProgrammeKind::Mentoring, "M", Date(0)).default_length_days,
            365
        );
    }

    #[test]
    fn who_may_join_matches_places_whatever_their_letter_case() {
        let mut person = Person::new(RecordId::parse("amira").unwrap(), "Amira Haddad");
        person.department = "Sales".into();
        person.location = "Dubai".into();
        let filter = |departments: &[&str], locations: &[&str]| PeopleFilter {
            departments: departments.iter().map(|d| d.to_string()).collect(),
            locations: locations.iter().map(|l| l.to_string()).collect(),
            grades: None,
        };
        assert!(filter(&["sales "], &["DUBAI"]).admits(&person));
        assert!(!filter(&["Salse"], &[]).admits(&person));
        let facets = crate::enrolment::Facets {
            departments: vec!["Sales".into()],
            locations: vec!["Dubai".into()],
            ..Default::default()
        };
        let unknown =
            crate::enrolment::unknown_names(&filter(&["Salse", "sales"], &["dubai"]), &facets);
        assert_eq!(unknown.departments, ["Salse"]);
        assert!(unknown.locations.is_empty());
    }

    #[test]
    fn a_programme_whose_who_may_join_admits_nobody_stays_a_draft() {
        let mut person = Person::new(RecordId::parse("amira").unwrap(), "Amira Haddad");
        person.department = "Sales".into();
        let directory = Directory::new([person]);
        let mut draft = Programme::new(
            RecordId::parse("p").unwrap(),
            ProgrammeKind::Mentoring,
            "Sales mentoring",
            Date(0),
        );
        draft.state = ProgrammeState::Draft;
        draft.eligibility.departments = vec!["Finance".into()];
        assert_eq!(draft.eligibility.admitted(directory.people()), 0);
        assert_eq!(check_admits_someone(None, &draft, &directory), Ok(()));

        let opened = Programme {
            state: ProgrammeState::Open,
            ..draft.clone()
        };
        let refusal = check_admits_someone(Some(&draft), &opened, &directory).unwrap_err();
        assert_eq!(refusal.rule, Rule::ProgrammeAdmitsNobody);
        assert_eq!(refusal.args, ["Sales mentoring"]);
        assert!(
            refusal.message.contains("departments Finance"),
            "{}",
            refusal.message
        );
        assert!(
            check_admits_someone(None, &opened, &directory).is_err(),
            "new and open"
        );
        // Nothing known of the directory yet: not judged.
        assert_eq!(
            check_admits_someone(Some(&draft), &opened, &Directory::new([])),
            Ok(())
        );

        let widened = Programme {
            eligibility: PeopleFilter {
                departments: vec!["finance".into(), "sales".into()],
                ..PeopleFilter::default()
            },
            ..opened.clone()
        };
        assert_eq!(widened.eligibility.admitted(directory.people()), 1);
        assert_eq!(
            check_admits_someone(Some(&draft), &widened, &directory),
            Ok(())
        );
        // Amira its only admin: she runs it, and nobody is left to take part.
        let hers = Programme {
            admins: vec![RecordId::parse("amira").unwrap()],
            ..widened.clone()
        };
        let admins = &hers.admins;
        assert_eq!(
            (hers.eligibility).admitted_participants(directory.people(), admins),
            0
        );
        assert!(check_admits_someone(Some(&draft), &hers, &directory).is_err());
        // Narrowed to nobody once open: refused as opening it would be.
        assert!(check_admits_someone(Some(&widened), &opened, &directory).is_err());
        // An open programme kept as it was (the directory changed since) still saves.
        assert_eq!(
            check_admits_someone(Some(&opened), &opened, &directory),
            Ok(())
        );
        let closed = Programme {
            state: ProgrammeState::Closed { on: Date(9) },
            ..opened.clone()
        };
        assert_eq!(
            check_admits_someone(Some(&opened), &closed, &directory),
            Ok(())
        );
    }
}
