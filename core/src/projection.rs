//! Records as fields: how every domain record is stored and synced, field by field.
//!
//! Sync merges per field (last writer wins per field), so a record travels as named fields
//! with small values, and lists that two people may grow at the same time (a goal's
//! milestones, a session's action items) are records of their own with a parent field.
//! [`records_of`] and [`diff`] go from domain records to fields; [`changes_from`] comes back,
//! validating everything, since fields arrive from other devices and from storage.

use crate::enrolment::{EnrolledAs, Enrolment, EnrolmentStatus};
use crate::evaluation::{CheckIn, Observer, SelfAssessment, Stage};
use crate::feedback::{Observation, RatingScale, Ratings, Visibility};
use crate::goal::{GoalStatus, Measure, Milestone, ProgressFrom, ProgressPoint, Relevance};
use crate::health::{HealthSettings, Nudge};
use crate::person::Grade;
use crate::preferences::{Attribute, MatchingPreferences, SharedValues};
use crate::programme::{GradeRange, MatchingMode, Objective, PeopleFilter, ProgrammeState};
use crate::record::AdminChange;
use crate::relationship::{agreed_field, Agreed, Agreements, Lifecycle, RelationshipKind, Side};
use crate::reminders::TakenOffNotice;
use crate::session::{ActionItem, ConversationSkill, Grow, Place, Skills};
use crate::{
    Amount, Change, Date, Feedback, Goal, LearningEntry, Millis, PrivateNote, Progress, RecordId,
    Refusal, Relationship, Session, Title,
};
use crate::{Programme, ProgrammeKind};

/// A field's value: what the merge model carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldValue {
    Null,
    Bool(bool),
    Int(i64),
    Text(String),
    List(Vec<String>),
}

/// A record's fields by name, in the order of their names (as a `BTreeMap` held them): a list
/// searched by halves, since a map of its own compiled a whole B-tree for it into the widget.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields(Vec<(String, FieldValue)>);

impl Fields {
    pub fn new() -> Self {
        Self(Vec::new())
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(kept, _)| kept.as_str().cmp(name))
    }

    pub fn get(&self, name: &str) -> Option<&FieldValue> {
        self.find(name).ok().map(|at| &self.0[at].1)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// The value `name` had.
    pub fn insert(&mut self, name: String, value: FieldValue) -> Option<FieldValue> {
        match self.find(&name) {
            Ok(at) => Some(std::mem::replace(&mut self.0[at].1, value)),
            Err(at) => {
                self.0.insert(at, (name, value));
                None
            }
        }
    }

    pub fn remove(&mut self, name: &str) -> Option<FieldValue> {
        self.find(name).ok().map(|at| self.0.remove(at).1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> FieldsIter<'_> {
        self.0.iter().map(|(name, value)| (name, value))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(name, _)| name)
    }
}

pub type FieldsIter<'a> = std::iter::Map<
    std::slice::Iter<'a, (String, FieldValue)>,
    fn(&'a (String, FieldValue)) -> (&'a String, &'a FieldValue),
>;

impl<'a> IntoIterator for &'a Fields {
    type Item = (&'a String, &'a FieldValue);
    type IntoIter = FieldsIter<'a>;

    fn into_iter(self) -> FieldsIter<'a> {
        self.iter()
    }
}

impl IntoIterator for Fields {
    type Item = (String, FieldValue);
    type IntoIter = std::vec::IntoIter<(String, FieldValue)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl std::ops::Index<&str> for Fields {
    type Output = FieldValue;

    /// Panics when there is no such field, as a `BTreeMap`'s would.
    fn index(&self, name: &str) -> &FieldValue {
        self.get(name).expect("no such field")
    }
}

impl FromIterator<(String, FieldValue)> for Fields {
    /// A later value of a name replaces an earlier one, as a `BTreeMap`'s would.
    fn from_iter<I: IntoIterator<Item = (String, FieldValue)>>(fields: I) -> Self {
        let mut all = Fields::new();
        for (name, value) in fields {
            all.insert(name, value);
        }
        all
    }
}

/// One record as fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRecord {
    pub entity: &'static str,
    pub id: RecordId,
    pub fields: Fields,
}

/// One change to make to the field store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Set {
        entity: &'static str,
        record: RecordId,
        field: String,
        value: FieldValue,
    },
    Delete {
        entity: &'static str,
        record: RecordId,
    },
}

pub const MILESTONE: &str = "milestone";
pub const ACTION: &str = "action";
/// A session's `place`, as stored.
pub const ONLINE: &str = "online";
pub const IN_PERSON: &str = "in-person";
/// A goal's `progress-from` when its measure gives its progress.
const MEASURE: &str = "measure";

fn text(value: &str) -> FieldValue {
    FieldValue::Text(value.to_owned())
}

fn id(value: &RecordId) -> FieldValue {
    FieldValue::Text(value.to_string())
}

fn opt<T>(value: Option<T>, f: impl FnOnce(T) -> FieldValue) -> FieldValue {
    value.map_or(FieldValue::Null, f)
}

fn date(value: Date) -> FieldValue {
    FieldValue::Text(value.to_string())
}

struct Builder(Fields);

impl Builder {
    fn new() -> Builder {
        Builder(Fields::new())
    }
    fn set(mut self, name: &str, value: FieldValue) -> Builder {
        self.0.insert(name.to_owned(), value);
        self
    }
    /// A side's agreement, only once given: never written empty, so only that side writes it.
    fn agreed(self, side: Side, agreed: &Option<Agreed>) -> Builder {
        match agreed {
            Some(a) => self.set(agreed_field(side), FieldValue::Text(a.stored())),
            None => self,
        }
    }
    fn into_record(self, entity: &'static str, record: &RecordId) -> FieldRecord {
        FieldRecord {
            entity,
            id: record.clone(),
            fields: self.0,
        }
    }
}

fn names<T: Copy + PartialEq>(table: &[(T, &'static str)], value: T) -> &'static str {
    table
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, name)| *name)
        .expect("every variant is in its table")
}

const KINDS: [(RelationshipKind, &str); 3] = [
    (RelationshipKind::Coaching, "coaching"),
    (RelationshipKind::Mentoring, "mentoring"),
    (RelationshipKind::ReverseMentoring, "reverse-mentoring"),
];
const STATUSES: [(GoalStatus, &str); 4] = [
    (GoalStatus::OnTrack, "on-track"),
    (GoalStatus::AtRisk, "at-risk"),
    (GoalStatus::Achieved, "achieved"),
    (GoalStatus::Dropped, "dropped"),
];
const SKILLS: [(ConversationSkill, &str); 4] = [
    (ConversationSkill::Questioning, "questioning"),
    (ConversationSkill::Listening, "listening"),
    (ConversationSkill::Clarifying, "clarifying"),
    (ConversationSkill::Reframing, "reframing"),
];
const SCALES: [(RatingScale, &str); 4] = [
    (RatingScale::Listening, "listening"),
    (RatingScale::Clarity, "clarity"),
    (RatingScale::Support, "support"),
    (RatingScale::Challenge, "challenge"),
];
const VISIBILITIES: [(Visibility, &str); 3] = [
    (Visibility::PrivateToReceiver, "private"),
    (Visibility::SharedWithPair, "pair"),
    (Visibility::AnonymousAggregate, "anonymous"),
];

/// A goal's status from the name it is stored under, for a screen that shows a stored value
/// on its own (a change not kept).
pub fn goal_status_named(name: &str) -> Option<GoalStatus> {
    STATUSES.iter().find(|(_, n)| *n == name).map(|(s, _)| *s)
}

/// Feedback's visibility from the name it is stored under, as [`goal_status_named`].
pub fn visibility_named(name: &str) -> Option<Visibility> {
    VISIBILITIES
        .iter()
        .find(|(_, n)| *n == name)
        .map(|(v, _)| *v)
}

/// A relationship's lifecycle from the name it is stored under, as [`goal_status_named`]; an
/// early end's reason is a field of its own, so it comes back empty here.
pub fn lifecycle_named(name: &str) -> Option<Lifecycle> {
    [
        Lifecycle::Proposed,
        Lifecycle::Active,
        Lifecycle::Paused,
        Lifecycle::Completed,
        Lifecycle::EndedEarly {
            reason: String::new(),
        },
    ]
    .into_iter()
    .find(|lifecycle| lifecycle_name(lifecycle) == name)
}

/// Fields whose value is a person's id, in any record kind: a reader is shown their name.
pub const PERSON_FIELDS: [&str; 11] = [
    "about", "author", "by", "giver", "mentee", "mentor", "owner", "partner", "person", "receiver",
    "to",
];

/// The name a relationship's kind is stored under (and exported as).
pub fn kind_name(kind: RelationshipKind) -> &'static str {
    names(&KINDS, kind)
}

/// The name a relationship's lifecycle is stored under (and exported as); [`lifecycle_named`]
/// reads it back.
pub fn lifecycle_name(lifecycle: &Lifecycle) -> &'static str {
    match lifecycle {
        Lifecycle::Proposed => "proposed",
        Lifecycle::Active => "active",
        Lifecycle::Paused => "paused",
        Lifecycle::Completed => "completed",
        Lifecycle::EndedEarly { .. } => "ended-early",
    }
}

/// Observations travel as one list: text, example, text, example…
fn observations(list: &[Observation]) -> FieldValue {
    FieldValue::List(
        list.iter()
            .flat_map(|o| [o.text.clone(), o.example.clone()])
            .collect(),
    )
}

/// The records (and their fields) that make up a domain record.
pub fn records_of(change: &Change) -> Vec<FieldRecord> {
    match change {
        Change::Relationship(r) => vec![Builder::new()
            .set("kind", text(kind_name(r.kind)))
            .set("programme", id(&r.programme))
            .set("mentor", id(&r.mentor))
            .set("mentee", id(&r.mentee))
            .set("purpose", text(&r.purpose))
            .set("ground-rules", text(&r.ground_rules))
            .set("starts", date(r.starts))
            .set("planned-end", date(r.planned_end))
            .set("lifecycle", text(lifecycle_name(&r.lifecycle)))
            .set(
                "end-reason",
                match &r.lifecycle {
                    Lifecycle::EndedEarly { reason } => text(reason),
                    _ => FieldValue::Null,
                },
            )
            .set("target-role", opt(r.target_role.as_deref(), text))
            .agreed(Side::Mentor, &r.agreed.mentor)
            .agreed(Side::Mentee, &r.agreed.mentee)
            .into_record(change.entity(), &r.id)],
        Change::Goal(g) => {
            let measure = g.measure.as_ref();
            let mut records = vec![Builder::new()
                .set("owner", id(&g.owner))
                .set("relationship", opt(g.relationship.as_ref(), id))
                .set("title", text(g.title.as_str()))
                .set("measure-what", opt(measure, |m| text(&m.what)))
                .set(
                    "measure-baseline",
                    opt(measure, |m| FieldValue::Int(m.baseline.0)),
                )
                .set(
                    "measure-target",
                    opt(measure, |m| FieldValue::Int(m.target.0)),
                )
                .set(
                    "measure-current",
                    opt(measure, |m| FieldValue::Int(m.current.0)),
                )
                .set("due", opt(g.due, date))
                .set("objective", opt(g.relevance.objective.as_ref(), id))
                .set("aspiration", text(&g.relevance.aspiration))
                .set(
                    "progress",
                    FieldValue::Int(i64::from(g.manual_progress.percent())),
                )
                // Absent on a goal set by hand, as on every goal stored before the field.
                .set(
                    "progress-from",
                    match g.progress_from {
                        ProgressFrom::Measure => text(MEASURE),
                        ProgressFrom::Hand => FieldValue::Null,
                    },
                )
                .set("status", text(names(&STATUSES, g.status)))
                .set(
                    "history",
                    FieldValue::List(
                        g.history
                            .iter()
                            // A new source's point is marked "+" on its percent, which
                            // readers from before the mark parse as the same number.
                            .map(|p| {
                                let mark = if p.new_source { "+" } else { "" };
                                format!("{}:{mark}{}", p.at.0, p.progress.percent())
                            })
                            .collect(),
                    ),
                )
                .set("created-at", FieldValue::Int(g.created_at.0))
                .set("updated-at", FieldValue::Int(g.updated_at.0))
                .into_record(change.entity(), &g.id)];
            records.extend(g.milestones.iter().enumerate().map(|(n, m)| {
                Builder::new()
                    .set("goal", id(&g.id))
                    .set("position", FieldValue::Int(n as i64))
                    .set("title", text(m.title.as_str()))
                    .set("done-on", opt(m.done_on, date))
                    .into_record(MILESTONE, &m.id)
            }));
            records
        }
        Change::Session(s) => {
            let (place, location) = match &s.place {
                Place::Online => (ONLINE, ""),
                Place::InPerson { location } => (IN_PERSON, location.as_str()),
            };
            let mut records = vec![Builder::new()
                .set("relationship", id(&s.relationship))
                .set("author", id(&s.author))
                .set("partner", opt(s.partner.as_ref(), id))
                .set("at", FieldValue::Int(s.at.0))
                .set("time-zone", text(&s.time_zone))
                .set("minutes", FieldValue::Int(i64::from(s.minutes)))
                .set("place", text(place))
                .set("location", text(location))
                .set("grow-goal", text(&s.grow.goal))
                .set("grow-reality", text(&s.grow.reality))
                .set("grow-options", text(&s.grow.options))
                .set("grow-will", text(&s.grow.will))
                .set(
                    "skills",
                    FieldValue::List(
                        s.skills
                            .iter()
                            .map(|k| names(&SKILLS, *k).to_owned())
                            .collect(),
                    ),
                )
                .set(
                    "goals",
                    FieldValue::List(s.goals.iter().map(ToString::to_string).collect()),
                )
                .into_record(change.entity(), &s.id)];
            records.extend(s.actions.iter().enumerate().map(|(n, a)| {
                Builder::new()
                    .set("session", id(&s.id))
                    .set("position", FieldValue::Int(n as i64))
                    .set("text", text(&a.text))
                    .set("owner", id(&a.owner))
                    .set("due", date(a.due))
                    .set("done", FieldValue::Bool(a.done))
                    .into_record(ACTION, &a.id)
            }));
            records
        }
        Change::PrivateNote(n) => vec![Builder::new()
            .set("owner", id(&n.owner))
            .set("session", id(&n.session))
            .set("text", text(&n.text))
            .into_record(change.entity(), &n.id)],
        Change::Feedback(f) => vec![Builder::new()
            .set("giver", id(&f.giver))
            .set("receiver", id(&f.receiver))
            .set("relationship", id(&f.relationship))
            .set("session", opt(f.session.as_ref(), id))
            .set("strengths", observations(&f.strengths))
            .set("development-areas", observations(&f.development_areas))
            .set(
                "ratings",
                FieldValue::List(
                    f.ratings
                        .iter()
                        .map(|(scale, n)| format!("{}:{n}", names(&SCALES, *scale)))
                        .collect(),
                ),
            )
            .set("overall", text(&f.overall))
            .set("visibility", text(names(&VISIBILITIES, f.visibility)))
            .set("given-at", FieldValue::Int(f.given_at.0))
            .into_record(change.entity(), &f.id)],
        Change::Learning(l) => vec![Builder::new()
            .set("author", id(&l.author))
            .set("relationship", id(&l.relationship))
            .set("text", text(&l.text))
            .set("shared", FieldValue::Bool(l.shared_with_partner))
            .set("written-at", FieldValue::Int(l.written_at.0))
            .into_record(change.entity(), &l.id)],
        Change::MatchingPreferences(p) => {
            let mut builder = Builder::new().set("owner", id(&p.owner)).set(
                "prefers",
                list(p.prefers.iter().map(|a| a.key().to_owned())),
            );
            // Each attribute a field of its own, so two devices stating different ones merge.
            for attribute in Attribute::ALL {
                builder = builder.set(attribute.key(), opt(p.shared.get(attribute), text));
            }
            vec![builder.into_record(change.entity(), &p.id)]
        }
    }
}

/// The edits that turn `before` into `after`: only changed fields are set, and child records
/// that `after` no longer has are deleted.
pub fn diff(before: Option<&Change>, after: &Change) -> Vec<Edit> {
    diff_records(
        before.map(records_of).unwrap_or_default(),
        records_of(after),
    )
}

/// [`diff`] for programme-administration records.
pub fn admin_diff(before: Option<&AdminChange>, after: &AdminChange) -> Vec<Edit> {
    diff_records(
        before.map(admin_records_of).unwrap_or_default(),
        admin_records_of(after),
    )
}

fn diff_records(old: Vec<FieldRecord>, new: Vec<FieldRecord>) -> Vec<Edit> {
    let mut edits = Vec::new();
    for record in &new {
        let previous = old
            .iter()
            .find(|o| o.entity == record.entity && o.id == record.id);
        for (field, value) in &record.fields {
            if previous.and_then(|p| p.fields.get(field)) != Some(value) {
                edits.push(Edit::Set {
                    entity: record.entity,
                    record: record.id.clone(),
                    field: field.clone(),
                    value: value.clone(),
                });
            }
        }
    }
    for gone in old
        .iter()
        .filter(|o| !new.iter().any(|n| n.entity == o.entity && n.id == o.id))
    {
        edits.push(Edit::Delete {
            entity: gone.entity,
            record: gone.id.clone(),
        });
    }
    edits
}

/// Reads one record's fields, with errors that say which record and field is wrong.
struct Reader<'a> {
    entity: &'a str,
    id: &'a RecordId,
    fields: &'a Fields,
}

impl Reader<'_> {
    fn fail(&self, field: &str, problem: &str) -> String {
        format!("{} {} field {field}: {problem}", self.entity, self.id)
    }
    /// A value that is well formed but breaks a domain rule.
    fn refused(&self, field: &str, refusal: Refusal) -> Unreadable {
        #[cfg(feature = "messages")]
        let problem = &refusal.message;
        #[cfg(not(feature = "messages"))]
        let problem = "breaks a rule (see the refusal)";
        Unreadable {
            reason: self.fail(field, problem),
            refusal: Some(refusal),
            record: None,
        }
    }
    fn get(&self, field: &str) -> &FieldValue {
        self.fields.get(field).unwrap_or(&FieldValue::Null)
    }
    fn opt_text(&self, field: &str) -> Result<Option<&str>, String> {
        match self.get(field) {
            FieldValue::Null => Ok(None),
            FieldValue::Text(t) => Ok(Some(t)),
            _ => Err(self.fail(field, "expected text")),
        }
    }
    fn text(&self, field: &str) -> Result<&str, String> {
        Ok(self.opt_text(field)?.unwrap_or(""))
    }
    fn opt_id(&self, field: &str) -> Result<Option<RecordId>, String> {
        self.opt_text(field)?
            .map(|t| RecordId::parse(t).map_err(|e| self.fail(field, &e.to_string())))
            .transpose()
    }
    fn agreed(&self, side: Side) -> Result<Option<Agreed>, String> {
        let field = agreed_field(side);
        self.opt_text(field)?
            .map(|t| {
                Agreed::parse(t).ok_or_else(|| self.fail(field, "not who, when and a version"))
            })
            .transpose()
    }
    fn id(&self, field: &str) -> Result<RecordId, String> {
        self.opt_id(field)?
            .ok_or_else(|| self.fail(field, "missing"))
    }
    fn opt_date(&self, field: &str) -> Result<Option<Date>, String> {
        self.opt_text(field)?
            .map(|t| Date::parse(t).map_err(|e| self.fail(field, &e)))
            .transpose()
    }
    fn date(&self, field: &str) -> Result<Date, String> {
        self.opt_date(field)?
            .ok_or_else(|| self.fail(field, "missing"))
    }
    fn int(&self, field: &str) -> Result<i64, String> {
        match self.get(field) {
            FieldValue::Int(n) => Ok(*n),
            FieldValue::Null => Ok(0),
            _ => Err(self.fail(field, "expected a whole number")),
        }
    }
    fn bool(&self, field: &str) -> Result<bool, String> {
        match self.get(field) {
            FieldValue::Bool(b) => Ok(*b),
            FieldValue::Null => Ok(false),
            _ => Err(self.fail(field, "expected true or false")),
        }
    }
    fn list(&self, field: &str) -> Result<&[String], String> {
        match self.get(field) {
            FieldValue::List(items) => Ok(items),
            FieldValue::Null => Ok(&[]),
            _ => Err(self.fail(field, "expected a list")),
        }
    }
    fn named<T: Copy>(&self, field: &str, table: &[(T, &'static str)]) -> Result<T, String> {
        let name = self.text(field)?;
        table
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(v, _)| *v)
            .ok_or_else(|| self.fail(field, &format!("unknown value {name:?}")))
    }
}

/// Why a record could not be rebuilt from its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// Which record and field, and what is wrong with it.
    pub reason: String,
    /// The domain rule the value breaks, when that is why (an empty title, progress over
    /// 100); `None` when a field is missing or malformed.
    pub refusal: Option<Refusal>,
    /// The record's kind and id, set by [`changes_from`]: a device holding only some of a
    /// record's ops (its own unsent edits, the rest still to be pulled) leaves it out rather
    /// than report it (`merge::Replica::awaited_records`).
    pub record: Option<Box<(String, RecordId)>>,
}

impl From<String> for Unreadable {
    fn from(reason: String) -> Unreadable {
        Unreadable {
            reason,
            refusal: None,
            record: None,
        }
    }
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

/// Domain records rebuilt from field records, and why any could not be.
#[derive(Debug, Default, PartialEq)]
pub struct Projection {
    pub changes: Vec<Change>,
    pub unreadable: Vec<Unreadable>,
}

/// Rebuilds domain records from live (not deleted) field records. Child records whose parent
/// is absent are left out (the parent may not be visible here); records of kinds this
/// version does not know are skipped, so a newer widget's data does not break an older one.
pub fn changes_from<'a>(
    records: impl IntoIterator<Item = (&'a str, &'a RecordId, &'a Fields)>,
) -> Projection {
    let mut readers: Vec<Reader<'a>> = records
        .into_iter()
        .map(|(entity, id, fields)| Reader { entity, id, fields })
        .collect();
    crate::order::sort_by(&mut readers, |a, b| (a.entity, a.id).cmp(&(b.entity, b.id)));
    let (children, parents): (Vec<Reader<'a>>, Vec<Reader<'a>>) = readers
        .into_iter()
        .partition(|r| r.entity == MILESTONE || r.entity == ACTION);
    let (milestones, actions): (Vec<Reader<'a>>, Vec<Reader<'a>>) =
        children.into_iter().partition(|r| r.entity == MILESTONE);
    let mut projection = Projection::default();
    {
        for r in parents {
            let built = match r.entity {
                "relationship" => relationship(&r).map(Change::Relationship),
                "goal" => goal(&r, &milestones).map(Change::Goal),
                "session" => session(&r, &actions).map(Change::Session),
                "private-note" => private_note(&r).map(Change::PrivateNote),
                "feedback" => feedback(&r).map(Change::Feedback),
                "learning" => learning(&r).map(Change::Learning),
                "matching-preferences" => matching_preferences(&r).map(Change::MatchingPreferences),
                _ => continue,
            };
            match built {
                Ok(change) => projection.changes.push(change),
                Err(unreadable) => projection.unreadable.push(Unreadable {
                    record: Some(Box::new((r.entity.to_owned(), r.id.clone()))),
                    ..unreadable
                }),
            }
        }
    }
    projection
}

fn relationship(r: &Reader<'_>) -> Result<Relationship, Unreadable> {
    let named = r.text("lifecycle")?;
    let lifecycle = match lifecycle_named(named) {
        Some(Lifecycle::EndedEarly { .. }) => Lifecycle::EndedEarly {
            reason: r.text("end-reason")?.to_owned(),
        },
        Some(lifecycle) => lifecycle,
        None => {
            return Err(r
                .fail("lifecycle", &format!("unknown value {named:?}"))
                .into())
        }
    };
    Ok(Relationship {
        id: r.id.clone(),
        kind: r.named("kind", &KINDS)?,
        programme: r.id("programme")?,
        mentor: r.id("mentor")?,
        mentee: r.id("mentee")?,
        purpose: r.text("purpose")?.to_owned(),
        ground_rules: r.text("ground-rules")?.to_owned(),
        starts: r.date("starts")?,
        planned_end: r.date("planned-end")?,
        lifecycle,
        target_role: r.opt_text("target-role")?.map(str::to_owned),
        agreed: Agreements {
            mentor: r.agreed(Side::Mentor)?,
            mentee: r.agreed(Side::Mentee)?,
        },
    })
}

/// Children of `parent`, in their stored order.
fn children<'r, 'a>(
    all: &'r [Reader<'a>],
    parent_field: &str,
    parent: &RecordId,
) -> Vec<&'r Reader<'a>> {
    let mut found: Vec<&Reader<'a>> = all
        .iter()
        .filter(|c| c.opt_text(parent_field).ok().flatten() == Some(parent.as_str()))
        .collect();
    crate::order::sort_by(&mut found, |a, b| {
        let position = |c: &Reader<'_>| c.int("position").unwrap_or(i64::MAX);
        position(a).cmp(&position(b)).then_with(|| a.id.cmp(b.id))
    });
    found
}

fn goal(r: &Reader<'_>, milestones: &[Reader<'_>]) -> Result<Goal, Unreadable> {
    let measure = match r.opt_text("measure-what")? {
        None => None,
        Some(what) => Some(Measure {
            what: what.to_owned(),
            baseline: Amount(r.int("measure-baseline")?),
            target: Amount(r.int("measure-target")?),
            current: Amount(r.int("measure-current")?),
        }),
    };
    let history = r
        .list("history")?
        .iter()
        .map(|point| {
            let parsed = point
                .split_once(':')
                .and_then(|(at, p)| Some((at.parse().ok()?, p.parse().ok()?, p)));
            let (at, percent, text) =
                parsed.ok_or_else(|| r.fail("history", &format!("bad point {point:?}")))?;
            Ok(ProgressPoint {
                at: Millis(at),
                progress: Progress::new(percent).map_err(|e| r.refused("history", e))?,
                new_source: text.starts_with('+'),
            })
        })
        .collect::<Result<Vec<_>, Unreadable>>()?;
    let milestones = children(milestones, "goal", r.id)
        .into_iter()
        .map(|m| {
            Ok(Milestone {
                id: m.id.clone(),
                title: Title::parse(m.text("title")?).map_err(|e| m.refused("title", e))?,
                done_on: m.opt_date("done-on")?,
            })
        })
        .collect::<Result<Vec<_>, Unreadable>>()?;
    Ok(Goal {
        id: r.id.clone(),
        owner: r.id("owner")?,
        relationship: r.opt_id("relationship")?,
        title: Title::parse(r.text("title")?).map_err(|e| r.refused("title", e))?,
        measure,
        due: r.opt_date("due")?,
        relevance: Relevance {
            objective: r.opt_id("objective")?,
            aspiration: r.text("aspiration")?.to_owned(),
        },
        milestones,
        manual_progress: Progress::new(r.int("progress")?).map_err(|e| r.refused("progress", e))?,
        // A value a newer version may add is read as by hand, the progress its owner set.
        progress_from: match r.opt_text("progress-from")? {
            Some(MEASURE) => ProgressFrom::Measure,
            _ => ProgressFrom::Hand,
        },
        status: r.named("status", &STATUSES)?,
        history,
        created_at: Millis(r.int("created-at")?),
        updated_at: Millis(r.int("updated-at")?),
    })
}

fn session(r: &Reader<'_>, actions: &[Reader<'_>]) -> Result<Session, Unreadable> {
    let place = match r.text("place")? {
        ONLINE => Place::Online,
        IN_PERSON => Place::InPerson {
            location: r.text("location")?.to_owned(),
        },
        other => return Err(r.fail("place", &format!("unknown value {other:?}")).into()),
    };
    let mut skills = Skills::new();
    for name in r.list("skills")? {
        let skill = SKILLS
            .iter()
            .find(|(_, n)| n == name)
            .map(|(s, _)| *s)
            .ok_or_else(|| r.fail("skills", &format!("unknown skill {name:?}")))?;
        skills.insert(skill);
    }
    let goals = r
        .list("goals")?
        .iter()
        .map(|g| RecordId::parse(g).map_err(|e| r.fail("goals", &e.to_string())))
        .collect::<Result<_, String>>()?;
    let minutes =
        u16::try_from(r.int("minutes")?).map_err(|_| r.fail("minutes", "out of range"))?;
    let actions = children(actions, "session", r.id)
        .into_iter()
        .map(|a| {
            Ok(ActionItem {
                id: a.id.clone(),
                text: a.text("text")?.to_owned(),
                owner: a.id("owner")?,
                due: a.date("due")?,
                done: a.bool("done")?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Session {
        id: r.id.clone(),
        relationship: r.id("relationship")?,
        author: r.id("author")?,
        // Absent on sessions stored before the pair was recorded; a value that is not an id
        // leaves the session unreadable, never shared more widely.
        partner: r.opt_id("partner")?,
        at: Millis(r.int("at")?),
        time_zone: r.text("time-zone")?.to_owned(),
        minutes,
        place,
        grow: Grow {
            goal: r.text("grow-goal")?.to_owned(),
            reality: r.text("grow-reality")?.to_owned(),
            options: r.text("grow-options")?.to_owned(),
            will: r.text("grow-will")?.to_owned(),
        },
        skills,
        actions,
        goals,
    })
}

fn private_note(r: &Reader<'_>) -> Result<PrivateNote, Unreadable> {
    Ok(PrivateNote {
        id: r.id.clone(),
        owner: r.id("owner")?,
        session: r.id("session")?,
        text: r.text("text")?.to_owned(),
    })
}

fn read_observations(r: &Reader<'_>, field: &str) -> Result<Vec<Observation>, String> {
    let items = r.list(field)?;
    if items.len() % 2 != 0 {
        return Err(r.fail(field, "expected pairs of text and example"));
    }
    Ok(items
        .chunks(2)
        .map(|pair| Observation {
            text: pair[0].clone(),
            example: pair[1].clone(),
        })
        .collect())
}

fn feedback(r: &Reader<'_>) -> Result<Feedback, Unreadable> {
    // A later rating of a scale replaces an earlier one.
    let mut ratings = Ratings::new();
    for item in r.list("ratings")? {
        let (scale, n) = item
            .split_once(':')
            .ok_or_else(|| r.fail("ratings", &format!("bad rating {item:?}")))?;
        let scale = SCALES
            .iter()
            .find(|(_, name)| *name == scale)
            .map(|(s, _)| *s)
            .ok_or_else(|| r.fail("ratings", &format!("unknown scale {scale:?}")))?;
        let n: u8 = n
            .parse()
            .map_err(|_| r.fail("ratings", &format!("bad rating {item:?}")))?;
        ratings.insert(scale, n);
    }
    Ok(Feedback {
        id: r.id.clone(),
        giver: r.id("giver")?,
        receiver: r.id("receiver")?,
        relationship: r.id("relationship")?,
        session: r.opt_id("session")?,
        strengths: read_observations(r, "strengths")?,
        development_areas: read_observations(r, "development-areas")?,
        ratings,
        overall: r.text("overall")?.to_owned(),
        visibility: r.named("visibility", &VISIBILITIES)?,
        given_at: Millis(r.int("given-at")?),
    })
}

fn learning(r: &Reader<'_>) -> Result<LearningEntry, Unreadable> {
    Ok(LearningEntry {
        id: r.id.clone(),
        author: r.id("author")?,
        relationship: r.id("relationship")?,
        text: r.text("text")?.to_owned(),
        shared_with_partner: r.bool("shared")?,
        written_at: Millis(r.int("written-at")?),
    })
}

fn matching_preferences(r: &Reader<'_>) -> Result<MatchingPreferences, Unreadable> {
    let mut shared = SharedValues::default();
    for attribute in Attribute::ALL {
        if let Some(value) = r.opt_text(attribute.key())? {
            shared.insert(attribute, value.to_owned());
        }
    }
    let prefers = (r.list("prefers")?.iter())
        .map(|key| Attribute::parse(key).map_err(|refusal| r.refused("prefers", refusal)))
        .collect::<Result<_, _>>()?;
    Ok(MatchingPreferences {
        id: r.id.clone(),
        owner: r.id("owner")?,
        shared,
        prefers,
    })
}

// Programme administration records (docs/programme-admin.md). Kept in their own functions so
// that `changes_from` (what a participant's workspace folds) is unchanged by them.

const PROGRAMME_KINDS: [(ProgrammeKind, &str); 2] = [
    (ProgrammeKind::Coaching, "coaching"),
    (ProgrammeKind::Mentoring, "mentoring"),
];
const MATCHING_MODES: [(MatchingMode, &str); 3] = [
    (MatchingMode::Optimal, "optimal"),
    (MatchingMode::Stable, "stable"),
    (MatchingMode::MenteeChooses, "mentee-chooses"),
];
const STAGES: [(Stage, &str); 2] = [(Stage::Start, "start"), (Stage::End, "end")];
const OBSERVERS: [(Observer, &str); 2] = [(Observer::Manager, "manager"), (Observer::Peer, "peer")];

fn list(items: impl IntoIterator<Item = String>) -> FieldValue {
    FieldValue::List(items.into_iter().collect())
}

/// The records (and their fields) that make up a programme-administration record.
pub fn admin_records_of(change: &AdminChange) -> Vec<FieldRecord> {
    let builder = match change {
        AdminChange::Programme(p) => Builder::new()
            .set("kind", text(names(&PROGRAMME_KINDS, p.kind)))
            .set("name", text(&p.name))
            .set("starts", date(p.starts))
            .set("ends", opt(p.ends, date))
            .set(
                "default-length",
                FieldValue::Int(i64::from(p.default_length_days)),
            )
            .set(
                "objectives",
                list(
                    p.objectives
                        .iter()
                        .flat_map(|o| [o.id.to_string(), o.text.clone()]),
                ),
            )
            .set("admins", list(p.admins.iter().map(ToString::to_string)))
            .set("matching", text(names(&MATCHING_MODES, p.matching)))
            .set("join-departments", list(p.eligibility.departments.clone()))
            .set("join-locations", list(p.eligibility.locations.clone()))
            .set(
                "join-grade-lowest",
                opt(p.eligibility.grades, |g| {
                    FieldValue::Int(i64::from(g.lowest.0))
                }),
            )
            .set(
                "join-grade-highest",
                opt(p.eligibility.grades, |g| {
                    FieldValue::Int(i64::from(g.highest.0))
                }),
            )
            .set(
                "quiet-weeks",
                FieldValue::Int(i64::from(p.health.quiet_weeks)),
            )
            .set(
                "ending-within-days",
                FieldValue::Int(i64::from(p.health.ending_within_days)),
            )
            .set(
                "rating-drop",
                FieldValue::Int(i64::from(p.health.rating_drop_hundredths)),
            )
            .set(
                "places-per-mentor",
                FieldValue::Int(i64::from(p.places_per_mentor)),
            )
            .set(
                "state",
                text(match p.state {
                    ProgrammeState::Draft => "draft",
                    ProgrammeState::Open => "open",
                    ProgrammeState::Closed { .. } => "closed",
                }),
            )
            .set(
                "closed-on",
                match p.state {
                    ProgrammeState::Closed { on } => date(on),
                    _ => FieldValue::Null,
                },
            ),
        AdminChange::Enrolment(e) => Builder::new()
            .set("programme", id(&e.programme))
            .set("person", id(&e.person))
            .set(
                "role",
                text(match e.role {
                    EnrolledAs::Mentee => "mentee",
                    EnrolledAs::Mentor { .. } => "mentor",
                }),
            )
            .set(
                "capacity",
                FieldValue::Int(match e.role {
                    EnrolledAs::Mentee => 0,
                    EnrolledAs::Mentor { capacity } => i64::from(capacity),
                }),
            )
            .set(
                "status",
                text(match e.status {
                    EnrolmentStatus::Invited => "invited",
                    EnrolmentStatus::Enrolled => "enrolled",
                    EnrolmentStatus::Declined => "declined",
                    EnrolmentStatus::Left { .. } => "left",
                }),
            )
            .set(
                "leave-reason",
                match &e.status {
                    EnrolmentStatus::Left { reason } => text(reason),
                    _ => FieldValue::Null,
                },
            )
            .set("since", date(e.since)),
        AdminChange::Nudge(n) => Builder::new()
            .set("programme", id(&n.programme))
            .set("relationship", id(&n.relationship))
            .set("to", id(&n.to))
            .set("reason", text(&n.reason))
            .set("by", id(&n.by))
            .set("at", FieldValue::Int(n.at.0)),
        AdminChange::SelfAssessment(a) => Builder::new()
            .set("programme", id(&a.programme))
            .set("person", id(&a.person))
            .set("stage", text(names(&STAGES, a.stage)))
            .set("score", FieldValue::Int(i64::from(a.score)))
            .set("written-at", FieldValue::Int(a.written_at.0)),
        AdminChange::CheckIn(c) => Builder::new()
            .set("programme", id(&c.programme))
            .set("about", id(&c.about))
            .set("by", id(&c.by))
            .set("observer", text(names(&OBSERVERS, c.observer)))
            .set("score", FieldValue::Int(i64::from(c.score)))
            .set("written-at", FieldValue::Int(c.written_at.0)),
        AdminChange::TakenOff(n) => Builder::new()
            .set("person", id(&n.person))
            .set("relationship", id(&n.relationship))
            .set("programme", id(&n.programme))
            .set("partner", id(&n.partner))
            .set("at", FieldValue::Int(n.at.0)),
    };
    vec![builder.into_record(change.entity(), change.id())]
}

/// Programme-administration records rebuilt from fields, and why any could not be.
#[derive(Debug, Default, PartialEq)]
pub struct AdminProjection {
    pub changes: Vec<AdminChange>,
    pub unreadable: Vec<String>,
}

/// Rebuilds programme-administration records from live field records, validating every
/// field; records of other kinds are skipped.
pub fn admin_changes_from<'a>(
    records: impl IntoIterator<Item = (&'a str, &'a RecordId, &'a Fields)>,
) -> AdminProjection {
    let mut readers: Vec<Reader<'a>> = records
        .into_iter()
        .map(|(entity, id, fields)| Reader { entity, id, fields })
        .collect();
    crate::order::sort_by(&mut readers, |a, b| (a.entity, a.id).cmp(&(b.entity, b.id)));
    let mut projection = AdminProjection::default();
    for r in readers {
        let built = match r.entity {
            "programme" => programme(&r).map(AdminChange::Programme),
            "enrolment" => enrolment(&r).map(AdminChange::Enrolment),
            "nudge" => nudge(&r).map(AdminChange::Nudge),
            "self-assessment" => self_assessment(&r).map(AdminChange::SelfAssessment),
            "check-in" => check_in(&r).map(AdminChange::CheckIn),
            "taken-off" => taken_off(&r).map(AdminChange::TakenOff),
            _ => continue,
        };
        match built {
            Ok(change) => projection.changes.push(change),
            Err(reason) => projection.unreadable.push(reason),
        }
    }
    projection
}

impl Reader<'_> {
    fn small(&self, field: &str, range: std::ops::RangeInclusive<i64>) -> Result<u8, String> {
        let n = self.int(field)?;
        if range.contains(&n) {
            Ok(n as u8)
        } else {
            Err(self.fail(field, &format!("{n} is out of range")))
        }
    }
    /// A whole number that fits `T`, or `absent` when the record has no such field.
    fn int_or<T: TryFrom<i64>>(&self, field: &str, absent: T) -> Result<T, String> {
        match self.get(field) {
            FieldValue::Null => Ok(absent),
            _ => T::try_from(self.int(field)?).map_err(|_| self.fail(field, "out of range")),
        }
    }
    fn opt_grade(&self, field: &str) -> Result<Option<Grade>, String> {
        match self.get(field) {
            FieldValue::Null => Ok(None),
            _ => Ok(Some(Grade(self.small(field, 0..=255)?))),
        }
    }
}

fn programme(r: &Reader<'_>) -> Result<Programme, String> {
    let objectives = r.list("objectives")?;
    if objectives.len() % 2 != 0 {
        return Err(r.fail("objectives", "expected pairs of id and text"));
    }
    let objectives = objectives
        .chunks(2)
        .map(|pair| {
            Ok(Objective {
                id: RecordId::parse(&pair[0]).map_err(|e| r.fail("objectives", &e.to_string()))?,
                text: pair[1].clone(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let admins = r
        .list("admins")?
        .iter()
        .map(|a| RecordId::parse(a).map_err(|e| r.fail("admins", &e.to_string())))
        .collect::<Result<Vec<_>, String>>()?;
    let grades = match (
        r.opt_grade("join-grade-lowest")?,
        r.opt_grade("join-grade-highest")?,
    ) {
        (Some(lowest), Some(highest)) => Some(GradeRange { lowest, highest }),
        (None, None) => None,
        _ => return Err(r.fail("join-grade-lowest", "expected both grades or neither")),
    };
    let state = match r.text("state")? {
        "draft" => ProgrammeState::Draft,
        "open" => ProgrammeState::Open,
        "closed" => ProgrammeState::Closed {
            on: r.date("closed-on")?,
        },
        other => return Err(r.fail("state", &format!("unknown value {other:?}"))),
    };
    let default_length_days = i32::try_from(r.int("default-length")?)
        .map_err(|_| r.fail("default-length", "out of range"))?;
    // A programme set up before these fields keeps the defaults.
    let defaults = HealthSettings::default();
    let health = HealthSettings {
        quiet_weeks: r.int_or("quiet-weeks", defaults.quiet_weeks)?,
        ending_within_days: r.int_or("ending-within-days", defaults.ending_within_days)?,
        rating_drop_hundredths: r.int_or("rating-drop", defaults.rating_drop_hundredths)?,
    };
    Ok(Programme {
        id: r.id.clone(),
        kind: r.named("kind", &PROGRAMME_KINDS)?,
        name: r.text("name")?.to_owned(),
        starts: r.date("starts")?,
        ends: r.opt_date("ends")?,
        default_length_days,
        objectives,
        admins,
        matching: r.named("matching", &MATCHING_MODES)?,
        eligibility: PeopleFilter {
            departments: r.list("join-departments")?.to_vec(),
            locations: r.list("join-locations")?.to_vec(),
            grades,
        },
        state,
        health,
        places_per_mentor: r.int_or("places-per-mentor", crate::relationship::DIRECTORY_PLACES)?,
    })
}

fn enrolment(r: &Reader<'_>) -> Result<Enrolment, String> {
    let role = match r.text("role")? {
        "mentee" => EnrolledAs::Mentee,
        "mentor" => EnrolledAs::Mentor {
            capacity: r.small("capacity", 0..=255)?,
        },
        other => return Err(r.fail("role", &format!("unknown value {other:?}"))),
    };
    let status = match r.text("status")? {
        "invited" => EnrolmentStatus::Invited,
        "enrolled" => EnrolmentStatus::Enrolled,
        "declined" => EnrolmentStatus::Declined,
        "left" => EnrolmentStatus::Left {
            reason: r.text("leave-reason")?.to_owned(),
        },
        other => return Err(r.fail("status", &format!("unknown value {other:?}"))),
    };
    Ok(Enrolment {
        id: r.id.clone(),
        programme: r.id("programme")?,
        person: r.id("person")?,
        role,
        status,
        since: r.date("since")?,
    })
}

fn nudge(r: &Reader<'_>) -> Result<Nudge, String> {
    Ok(Nudge {
        id: r.id.clone(),
        programme: r.id("programme")?,
        relationship: r.id("relationship")?,
        to: r.id("to")?,
        reason: r.text("reason")?.to_owned(),
        by: r.id("by")?,
        at: Millis(r.int("at")?),
    })
}

fn taken_off(r: &Reader<'_>) -> Result<TakenOffNotice, String> {
    Ok(TakenOffNotice {
        id: r.id.clone(),
        person: r.id("person")?,
        relationship: r.id("relationship")?,
        programme: r.id("programme")?,
        partner: r.id("partner")?,
        at: Millis(r.int("at")?),
    })
}

fn self_assessment(r: &Reader<'_>) -> Result<SelfAssessment, String> {
    Ok(SelfAssessment {
        id: r.id.clone(),
        programme: r.id("programme")?,
        person: r.id("person")?,
        stage: r.named("stage", &STAGES)?,
        score: r.small("score", 0..=255)?,
        written_at: Millis(r.int("written-at")?),
    })
}

fn check_in(r: &Reader<'_>) -> Result<CheckIn, String> {
    Ok(CheckIn {
        id: r.id.clone(),
        programme: r.id("programme")?,
        about: r.id("about")?,
        by: r.id("by")?,
        observer: r.named("observer", &OBSERVERS)?,
        score: r.small("score", 0..=255)?,
        written_at: Millis(r.int("written-at")?),
    })
}
