//! Exports: a programme's aggregates and relationships as CSV for its admins, a
//! participant's own records as JSON and CSV (their data, their copy), and a planned session
//! as an iCalendar event for their own calendar (`ics`: when, where, with whom, nothing said).
//!
//! Admin exports are built from [`ProgrammeRecords`] and the [`Dashboard`], so they carry no
//! private field by construction; of relationships they carry structure and health, never the
//! pair's own words (purpose, ground rules, reasons). A participant's export carries what is
//! theirs, private notes included, and nothing of anyone else's.

pub mod csv;
pub mod ics;
pub mod json;

use std::collections::BTreeMap;

use crate::dashboard::{Dashboard, Figure, Mean, ProgrammeRecords, STAGES};
use crate::feedback::RatingScale;
use crate::health::RelationshipHealth;
use crate::permissions::{may_see, Record, Viewer};
use crate::programme::ProgrammeKind;
use crate::projection::{
    admin_records_of, kind_name, records_of, FieldRecord, FieldValue, PERSON_FIELDS,
};
use crate::record::AdminChange;
use crate::relationship::{Agreed, RelationshipKind};
use crate::session::Session;
use crate::{Amount, Change, Directory, Millis, RecordId, Relationship};
use csv::{Cell, CsvWriter};
use json::JsonWriter;

/// The programme's relationships, one row each, with the programme's name, their health at
/// `now` (the sessions held by then with the pair as it is now: one planned ahead is not
/// counted, nor one after the pair ended, nor one with someone its admins replaced; and the day of the last of them in its
/// own zone, a pair that is over too) and, once over, the day they ended
/// (`ProgrammeRecords::ended_on`). Its words (stages, signals) are English: a file has no
/// reader's language; its column names are short and stable ([`ADMIN_CSV_VERSION`]), for a
/// spreadsheet or a program (docs/programme-admin.md).
pub fn relationships_csv(
    records: &ProgrammeRecords,
    health: &[RelationshipHealth],
    directory: &Directory,
    now: Millis,
) -> String {
    let mut csv = CsvWriter::new();
    // A coaching programme's pairs are a coach and a coachee: no one there is a mentor.
    let coaching = records.programme.kind == ProgrammeKind::Coaching;
    let side = |mentoring: &'static str, coaching_word: &'static str| {
        if coaching {
            coaching_word
        } else {
            mentoring
        }
    };
    csv.header(&[
        "programme",
        "relationship",
        "kind",
        side("mentor", "coach"),
        side("mentor_name", "coach_name"),
        side("mentee", "coachee"),
        side("mentee_name", "coachee_name"),
        "lifecycle",
        "starts",
        "planned_end",
        "ended",
        "goals",
        "sessions",
        "last_session",
        "signals",
    ]);
    let name = |id: &RecordId| {
        directory
            .get(id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let health: BTreeMap<&RecordId, &RelationshipHealth> =
        health.iter().map(|h| (&h.relationship, h)).collect();
    // Health covers relationships that are not over; the counts describe every one. The
    // sessions and the last one are the same set, as the card counts them: those held with
    // the pair as it is now, not with someone its admins replaced.
    // The last session by its instant, said by its own day.
    type Dated = (Millis, crate::Date);
    let mut counts: BTreeMap<&RecordId, (u32, u32, Option<Dated>)> = BTreeMap::new();
    for g in &records.goals {
        if let Some(r) = &g.relationship {
            counts.entry(r).or_default().0 += 1;
        }
    }
    for s in records.held_sessions(now).filter(|s| s.pair_now) {
        let entry = counts.entry(&s.relationship).or_default();
        entry.1 += 1;
        entry.2 = entry.2.max(Some((s.at, s.day)));
    }
    let mut relationships: Vec<&Relationship> = records.relationships.iter().collect();
    crate::order::sort_by(&mut relationships, |a, b| a.id.cmp(&b.id));
    for r in relationships {
        let h = health.get(&r.id).copied();
        let (goals, sessions, last) = counts.get(&r.id).copied().unwrap_or_default();
        let last_session = last.map(|(_, day)| day.to_string()).unwrap_or_default();
        let signals = h
            .map(|h| {
                h.signals
                    .iter()
                    .map(|s| s.describe())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default();
        let (id, mentor, mentee) = (r.id.to_string(), r.mentor.to_string(), r.mentee.to_string());
        let (mentor_name, mentee_name) = (name(&r.mentor), name(&r.mentee));
        let (starts, planned_end) = (r.starts.to_string(), r.planned_end.to_string());
        let ended = (records.ended_on.get(&r.id))
            .filter(|_| r.lifecycle.is_over())
            .map(|at| at.utc_date().to_string())
            .unwrap_or_default();
        csv.row(&[
            Cell::Text(&records.programme.name),
            Cell::Text(&id),
            Cell::Text(kind_name(r.kind)),
            Cell::Text(&mentor),
            Cell::Text(&mentor_name),
            Cell::Text(&mentee),
            Cell::Text(&mentee_name),
            Cell::Text(STAGES[records.stage(r)]),
            Cell::Text(&starts),
            Cell::Text(&planned_end),
            Cell::Text(&ended),
            Cell::Int(i64::from(goals)),
            Cell::Int(i64::from(sessions)),
            Cell::Text(&last_session),
            Cell::Text(&signals),
        ]);
    }
    csv.finish()
}

/// The name a programme's export is saved under: its name as a slug (letters and digits of
/// any script, lower case, a `-` between words), then `file` (`gulf-leaders-relationships.csv`);
/// `programme` when the name has neither.
pub fn programme_file_name(name: &str, file: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "programme" } else { slug };
    format!("{slug}-{file}")
}

fn scale_name(scale: RatingScale) -> &'static str {
    match scale {
        RatingScale::Listening => "listening",
        RatingScale::Clarity => "clarity",
        RatingScale::Support => "support",
        RatingScale::Challenge => "challenge",
    }
}

/// Hundredths as a decimal: 412 → "4.12".
pub fn hundredths_text(hundredths: u32) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// The version of the admins' CSVs' columns (`relationships_csv`, `aggregates_csv`), which the
/// host sends with them (`Export-Version`). 2: short column names (`planned_end`, `sessions`,
/// `last_session`…, where 1 had phrases such as "sessions held with the pair now"), and
/// `programme` first in the aggregates too. 3: the aggregates' `value` holds a figure or
/// nothing, and their `status` says whether it is shown, hidden or not recorded (2 wrote those
/// words in `value`, so a spreadsheet summing the column met text). It moves when a column is
/// renamed, removed, moved or changes what it holds; one added at the end keeps it.
pub const ADMIN_CSV_VERSION: i64 = 3;

/// An aggregates row's `status`: whether its `value` holds the figure, or why it is empty:
/// fewer than 5 people behind it, which would point at someone
/// ([`crate::dashboard::HIDDEN_TEXT`]), or nothing recorded to compute it from.
fn status<T>(figure: &Figure<T>) -> &'static str {
    match figure {
        Figure::Shown(_) => "shown",
        Figure::Hidden => "hidden",
        Figure::Absent => "not-recorded",
    }
}

struct Aggregates<'a> {
    csv: CsvWriter,
    programme: &'a str,
}

impl Aggregates<'_> {
    fn count(&mut self, figure: &str, period: &str, part: &str, value: &Figure<u32>) {
        let cell = match value.shown() {
            Some(n) => Cell::Int(i64::from(*n)),
            None => Cell::Text(""),
        };
        self.row(figure, period, part, cell, status(value));
    }

    fn mean(&mut self, figure: &str, part: &str, value: &Figure<Mean>) {
        let text = value
            .shown()
            .map(|mean| hundredths_text(mean.hundredths))
            .unwrap_or_default();
        self.row(figure, "", part, Cell::Text(&text), status(value));
    }

    fn row(&mut self, figure: &str, period: &str, part: &str, value: Cell<'_>, status: &str) {
        self.csv.row(&[
            Cell::Text(self.programme),
            Cell::Text(figure),
            Cell::Text(period),
            Cell::Text(part),
            value,
            Cell::Text(status),
        ]);
    }
}

/// Every figure of the dashboard, one row each: the programme's name (`programme`, whose
/// figures they are, as the relationships CSV says it), figure, period, part, value, status.
/// `value` holds only the figure: a whole number, a mean in hundredths ("4.12"), or an outcome
/// as the host sent it; a hidden or absent figure leaves it empty and says which in `status`.
pub fn aggregates_csv(dashboard: &Dashboard, programme: &str) -> String {
    let mut out = Aggregates {
        csv: CsvWriter::new(),
        programme,
    };
    out.csv
        .header(&["programme", "figure", "period", "part", "value", "status"]);
    let as_of = dashboard.as_of.to_string();
    out.count("people", &as_of, "mentees", &dashboard.mentees);
    out.count("people", &as_of, "mentors", &dashboard.mentors);
    out.count("people", &as_of, "invited", &dashboard.invited);
    for (part, figure) in STAGES.iter().zip(&dashboard.relationships) {
        out.count("relationships", &as_of, part, figure);
    }
    for month in &dashboard.goals_by_status {
        let period = month.month.to_string();
        for (part, figure) in ["on-track", "at-risk", "achieved", "dropped"]
            .iter()
            .zip(&month.by_status)
        {
            out.count("goals", &period, part, figure);
        }
        out.count("goals", &period, "changed-since", &month.changed_since);
    }
    for (month, figure) in &dashboard.sessions_per_month {
        out.count("sessions", &month.to_string(), "", figure);
    }
    for distribution in &dashboard.ratings {
        let figure = format!("ratings {}", scale_name(distribution.scale));
        for (n, count) in distribution.counts.iter().enumerate() {
            out.count(&figure, &as_of, &(n + 1).to_string(), count);
        }
    }
    let k = &dashboard.kirkpatrick;
    out.mean("reaction", "mean rating", &k.reaction);
    match &k.learning {
        Figure::Shown(shift) => {
            out.count("learning", &as_of, "people", &Figure::Shown(shift.people));
            out.mean("learning", "start", &Figure::Shown(shift.start));
            out.mean("learning", "end", &Figure::Shown(shift.end));
            out.count(
                "learning",
                &as_of,
                "improved",
                &Figure::Shown(shift.improved),
            );
        }
        Figure::Hidden => out.count("learning", &as_of, "people", &Figure::Hidden),
        Figure::Absent => out.count("learning", &as_of, "people", &Figure::Absent),
    }
    out.mean("behaviour", "managers", &k.behaviour_by_managers);
    out.mean("behaviour", "peers", &k.behaviour_by_peers);
    match &k.results {
        Figure::Shown(figures) => {
            for f in figures {
                out.row(
                    "results",
                    "",
                    &f.label,
                    Cell::Text(&f.value),
                    status(&k.results),
                );
            }
        }
        _ => out.count("results", "", "", &Figure::Absent),
    }
    out.csv.finish()
}

/// The records that are `person`'s own: what they may see and wrote, own, received or take
/// part in. A partner's goals and learning notes stay the partner's. `changes` are the live
/// records; a private note is kept even when its session is not among them. A pair that is
/// over has the day it ended where the person is (`ended`, from `reading`), and a session the
/// other person of it as its partner, whoever logged it.
fn own_records(
    person: &RecordId,
    changes: &[Change],
    admin_records: &[AdminChange],
    reading: &Reading<'_>,
) -> Vec<FieldRecord> {
    let viewer = Viewer {
        person,
        admin_of: &[],
    };
    let relationship = |id: &RecordId| {
        changes.iter().find_map(|c| match c {
            Change::Relationship(r) if &r.id == id => Some(r),
            _ => None,
        })
    };
    let mut out = Vec::new();
    for change in changes {
        let mine = match change {
            Change::Relationship(r) => may_see(viewer, Record::Relationship(r)),
            Change::Goal(g) => &g.owner == person,
            // Judged without its relationship when that is not among them: someone taken off
            // a pair keeps the sessions they were in, whose relationship names who took
            // their place and is no longer sent to them.
            Change::Session(s) => may_see(
                viewer,
                Record::held_session(s, relationship(&s.relationship)),
            ),
            // A private note is its owner's whatever became of its session (deleted, or out
            // of their sight after a re-pairing): their words stay in their copy.
            Change::PrivateNote(n) => may_see(viewer, Record::PrivateNote(n)),
            // What they gave is theirs, and what they received as its visibility lets them
            // read it, held with its relationship or not (someone taken off a pair no longer
            // holds it).
            Change::Feedback(f) => {
                &f.giver == person
                    || may_see(
                        viewer,
                        Record::held_feedback(f, relationship(&f.relationship)),
                    )
            }
            Change::Learning(l) => &l.author == person,
            Change::MatchingPreferences(p) => may_see(viewer, Record::MatchingPreferences(p)),
        };
        if mine {
            // Their own agreement to the pair's agreement, not their partner's (nor that of
            // whoever had their place before).
            let own_agreements;
            let change = match change {
                Change::Relationship(r) => {
                    let mut r = r.clone();
                    for agreed in [&mut r.agreed.mentor, &mut r.agreed.mentee] {
                        agreed.take_if(|a| &a.by != person);
                    }
                    own_agreements = Change::Relationship(r);
                    &own_agreements
                }
                change => change,
            };
            let mut records = records_of(change);
            // A coaching pair's sides in its own words: its coach is no one's mentor.
            if let (Change::Relationship(r), Some(record)) = (change, records.first_mut()) {
                if r.kind == RelationshipKind::Coaching {
                    for (stored, said) in COACHING_FIELDS {
                        if let Some(value) = record.fields.remove(stored) {
                            record.fields.insert(said.into(), value);
                        }
                    }
                }
                // The day it ended where the person is, as the relationship's page says it.
                if let Some(at) = (reading.ended_at)(&r.id).filter(|_| r.lifecycle.is_over()) {
                    let wall = crate::session::wall_clock_at(at, (reading.offset_minutes_at)(at));
                    let day = wall.utc_date().to_string();
                    record.fields.insert("ended".into(), FieldValue::Text(day));
                }
            }
            // The stored `partner` is the author's: for the person it is the other one, said
            // as their coach or coachee in a coaching pair.
            if let (Change::Session(s), Some(record)) = (change, records.first_mut()) {
                record.fields.remove("partner");
                let other = session_partner(person, s, changes);
                record.fields.insert(
                    partner_word(person, s, changes).into(),
                    other.map_or(FieldValue::Null, |p| FieldValue::Text(p.to_string())),
                );
            }
            // `progress` is the progress the person sees; the hand-set value kept behind
            // milestones or a measure that give it is `progress-by-hand`, so it too is theirs
            // to read.
            if let (Change::Goal(g), Some(goal)) = (change, records.first_mut()) {
                let shown = i64::from(g.progress().percent());
                let by_hand = i64::from(g.manual_progress.percent());
                goal.fields
                    .insert("progress".into(), FieldValue::Int(shown));
                goal.fields
                    .insert("progress-by-hand".into(), FieldValue::Int(by_hand));
            }
            out.extend(records);
        }
    }
    for record in admin_records {
        let mine = match record {
            AdminChange::Enrolment(e) => &e.person == person,
            AdminChange::SelfAssessment(a) => &a.person == person,
            AdminChange::CheckIn(c) => &c.by == person,
            AdminChange::Programme(_) | AdminChange::Nudge(_) | AdminChange::TakenOff(_) => false,
        };
        if !mine {
            continue;
        }
        let mut records = admin_records_of(record);
        // An enrolment in a coaching programme as a coach or coachee, in its own words.
        if let (AdminChange::Enrolment(e), Some(enrolment)) = (record, records.first_mut()) {
            if programme_kind(&e.programme, changes, admin_records) == Some(ProgrammeKind::Coaching)
            {
                let role = match enrolment.fields.get("role") {
                    Some(FieldValue::Text(role)) if role == "mentor" => "coach",
                    Some(FieldValue::Text(role)) if role == "mentee" => "coachee",
                    _ => "",
                };
                if !role.is_empty() {
                    (enrolment.fields).insert("role".into(), FieldValue::Text(role.into()));
                }
            }
        }
        out.extend(records);
    }
    crate::order::sort_by(&mut out, |a, b| (a.entity, &a.id).cmp(&(b.entity, &b.id)));
    out
}

/// A programme's kind, from its record among `admin_records` or else from a relationship of it
/// among `changes` (a participant's device may hold no programme record).
fn programme_kind(
    programme: &RecordId,
    changes: &[Change],
    admin_records: &[AdminChange],
) -> Option<ProgrammeKind> {
    let held = admin_records.iter().find_map(|a| match a {
        AdminChange::Programme(p) if &p.id == programme => Some(p.kind),
        _ => None,
    });
    held.or_else(|| {
        changes.iter().find_map(|c| match c {
            Change::Relationship(r) if &r.programme == programme => Some(r.kind.programme_kind()),
            _ => None,
        })
    })
}

/// The version of the personal export's JSON, `format-version` at its top. 2: instants as ISO
/// 8601 text (1 wrote milliseconds since 1970), a goal's history as objects, and a session a
/// record points at said beside its id (`session-at`, `session-partner`). 3: a coaching
/// pair's sides named `coach`, `coachee` (`coach-agreed`, `coachee-agreed`), and each
/// strength or development area an object `{"text", "example"}` (2 gave text and example
/// one after the other in one list). 4: a goal's measure (`MEASURE_FIELDS`) as decimal text
/// as typed (`"12.5"`; 3 wrote the hundredths stored, 1250), and an enrolment in a coaching
/// programme has the `role` `coach` or `coachee` (3 gave `mentor` or `mentee` there too).
/// 5: a session's `partner` is always the other person (4 gave the stored one, the author's
/// partner: the reader themselves on a session the other logged), in a coaching pair `coach`
/// or `coachee` instead, as `session-partner` is `session-coach` or `session-coachee`; a
/// pair that is over has its `ended` day; `programme-name` beside a `programme` the device
/// knows.
pub const PERSONAL_FORMAT_VERSION: i64 = 5;

/// A goal's measure values, stored in hundredths (`goal::Amount`): exported as typed.
const MEASURE_FIELDS: [&str; 3] = ["measure-baseline", "measure-target", "measure-current"];

/// A coaching relationship's stored side fields (`projection`) and the names its exports give
/// them.
const COACHING_FIELDS: [(&str, &str); 4] = [
    ("mentor", "coach"),
    ("mentee", "coachee"),
    ("mentor-agreed", "coach-agreed"),
    ("mentee-agreed", "coachee-agreed"),
];

/// How many records `person`'s own export holds: none, and the screen says so before offering
/// a file with nothing in it.
pub fn own_record_count(
    person: &RecordId,
    changes: &[Change],
    admin_records: &[AdminChange],
) -> usize {
    let reading = Reading {
        name_of: &|_| None,
        programme_name: &|_| None,
        offset_minutes_at: &|_| 0,
        ended_at: &|_| None,
    };
    own_records(person, changes, admin_records, &reading).len()
}

/// `person`'s own records as JSON: `{"format-version", "person", "exported-at", "records":
/// [{"kind", "id", "fields": {…}}]}`, fields named as in storage (`projection`) but instants as
/// ISO 8601 UTC text, a goal's `history` as `{"at", "progress", "new-source"}` objects, an
/// agreement to a pair's agreement (`mentor-agreed`, `mentee-agreed`) as `{"by", "at",
/// "version"}`, a coaching pair's sides as `coach`, `coachee` (`coach-agreed`…), and an
/// enrolment's `role` in a coaching programme likewise, a strength or
/// development area as `{"text", "example"}`, a pair that is over its `ended` day where the
/// person is, beside a `programme` its `programme-name` when `reading` knows it, and
/// beside a `session` it points at, `session-at` and `session-partner` (the other person's id;
/// `session-coach` or `session-coachee` in a coaching pair) when the session is among `changes`.
pub fn personal_json(
    person: &RecordId,
    changes: &[Change],
    admin_records: &[AdminChange],
    reading: &Reading<'_>,
    exported_at: Millis,
) -> String {
    let mut json = JsonWriter::new();
    json.begin_object();
    json.key("format-version").int(PERSONAL_FORMAT_VERSION);
    json.key("person").string(person.as_str());
    json.key("exported-at").string(&iso_instant(exported_at));
    json.key("records").begin_array();
    for record in own_records(person, changes, admin_records, reading) {
        json.begin_object();
        json.key("kind").string(record.entity);
        json.key("id").string(record.id.as_str());
        json.key("fields").begin_object();
        for (name, value) in &record.fields {
            json.key(name);
            match value {
                FieldValue::Null => json.null(),
                FieldValue::Bool(b) => json.bool(*b),
                FieldValue::Int(n) if is_instant(name) => json.string(&iso_instant(Millis(*n))),
                FieldValue::Int(n) if MEASURE_FIELDS.contains(&name.as_str()) => {
                    json.string(&Amount(*n).to_string())
                }
                FieldValue::Int(n) => json.int(*n),
                // Who agreed, when and to which version, its instant in ISO 8601 as the others.
                FieldValue::Text(t) => match Agreed::parse(t).filter(|_| name.ends_with("-agreed"))
                {
                    Some(a) => {
                        json.begin_object();
                        json.key("by").string(a.by.as_str());
                        json.key("at").string(&iso_instant(a.at));
                        json.key("version").string(&a.version);
                        json.end_object()
                    }
                    None => json.string(t),
                },
                FieldValue::List(items) if name == "history" => {
                    json.begin_array();
                    for item in items {
                        match history_point(item) {
                            Some((at, percent, new_source)) => {
                                json.begin_object();
                                json.key("at").string(&iso_instant(at));
                                json.key("progress").int(percent);
                                json.key("new-source").bool(new_source);
                                json.end_object()
                            }
                            None => json.string(item),
                        };
                    }
                    json.end_array()
                }
                FieldValue::List(items) if OBSERVATION_LISTS.contains(&name.as_str()) => {
                    json.begin_array();
                    for pair in items.chunks(2) {
                        json.begin_object();
                        json.key("text").string(&pair[0]);
                        json.key("example")
                            .string(pair.get(1).map_or("", String::as_str));
                        json.end_object();
                    }
                    json.end_array()
                }
                FieldValue::List(items) => {
                    json.begin_array();
                    for item in items {
                        json.string(item);
                    }
                    json.end_array()
                }
            };
            if let Some(session) = pointed_session(name, value, changes) {
                json.key("session-at").string(&iso_instant(session.at));
                json.key(&format!(
                    "session-{}",
                    partner_word(person, session, changes)
                ));
                match session_partner(person, session, changes) {
                    Some(partner) => json.string(partner.as_str()),
                    None => json.null(),
                };
            }
            let programme = RecordId::parse(match value {
                FieldValue::Text(t) if name == "programme" => t,
                _ => "",
            });
            if let Some(named) = programme.ok().and_then(|p| (reading.programme_name)(&p)) {
                json.key("programme-name").string(&named);
            }
        }
        json.end_object();
        json.end_object();
    }
    json.end_array();
    json.end_object();
    json.finish()
}

/// The session a record's `session` field points at, when it is among `changes`.
fn pointed_session<'a>(
    name: &str,
    value: &FieldValue,
    changes: &'a [Change],
) -> Option<&'a Session> {
    let FieldValue::Text(id) = value else {
        return None;
    };
    if name != "session" {
        return None;
    }
    changes.iter().find_map(|c| match c {
        Change::Session(s) if s.id.as_str() == id => Some(s),
        _ => None,
    })
}

/// Who `person` had the session with (the author, for a record of theirs they did not write).
fn session_partner<'a>(
    person: &RecordId,
    session: &'a Session,
    changes: &'a [Change],
) -> Option<&'a RecordId> {
    let relationship = changes.iter().find_map(|c| match c {
        Change::Relationship(r) if r.id == session.relationship => Some(r),
        _ => None,
    });
    match relationship {
        Some(r) => session.partner_of(person, r),
        None => session
            .recorded_partner_of(person)
            .or((&session.author != person).then_some(&session.author)),
    }
}

/// The word for the other person of `session` in `person`'s export: `coach` or `coachee` in a
/// coaching pair, as its relationship names their sides, `partner` otherwise (or when the
/// device no longer holds the relationship).
fn partner_word(person: &RecordId, session: &Session, changes: &[Change]) -> &'static str {
    let coaching = changes.iter().find_map(|c| match c {
        Change::Relationship(r) if r.id == session.relationship => {
            Some(r).filter(|r| r.kind == RelationshipKind::Coaching)
        }
        _ => None,
    });
    match (coaching, session_partner(person, session, changes)) {
        (Some(r), Some(other)) if &r.mentor == other || &r.mentee == person => "coach",
        (Some(r), Some(other)) if &r.mentee == other || &r.mentor == person => "coachee",
        _ => "partner",
    }
}

/// A goal's stored point of history (`projection`: `millis:percent`, a `+` before the percent
/// where a new source starts): when, the percent, and whether a new source starts there.
fn history_point(stored: &str) -> Option<(Millis, i64, bool)> {
    let (at, percent) = stored.split_once(':')?;
    Some((
        Millis(at.parse().ok()?),
        percent.parse().ok()?,
        percent.starts_with('+'),
    ))
}

/// What a device knows to write a person's records ([`personal_csv`], [`personal_json`]): who
/// people are, what programmes are called, the person's zone's offset from UTC at an instant
/// (minutes east), and when a relationship that is over ended (the write that ended it, from
/// the device's pairing log). The zone's rules are the caller's (the browser's `Intl`): the
/// core has none.
pub struct Reading<'a> {
    pub name_of: &'a dyn Fn(&RecordId) -> Option<String>,
    pub programme_name: &'a dyn Fn(&RecordId) -> Option<String>,
    pub offset_minutes_at: &'a dyn Fn(Millis) -> i32,
    pub ended_at: &'a dyn Fn(&RecordId) -> Option<Millis>,
}

/// `person`'s own records as CSV for a person to read, one row per field: kind, id, field,
/// value, after a byte-order mark (`CsvWriter`). A list gives one row per item, numbered
/// ("goals 2"); a strength or development area gives its text and its example on rows of
/// their own ("strengths 1", "strengths 1 example"); an instant is written where the person
/// is, as the screens show it, with its offset from UTC ("2026-10-15 17:00 +04:00"), a goal's
/// history point as "20% on 2026-10-12 13:00 +04:00", a rating as "Listening: 4 out of 5"; a
/// person is named, with their id ("James Okafor (james)"), when `name_of` knows them, a
/// programme by its name when the device holds it (its id otherwise); a record pointing at a
/// session has its date and partner on rows beside it ("session date", "session with"); a
/// stored code is in the screens' words ("Ended early", "Only the two of you", "yes"); an
/// empty list or an empty field gives no row. The JSON export keeps the stored codes, ids and
/// UTC instants for programs.
pub fn personal_csv(
    person: &RecordId,
    changes: &[Change],
    admin_records: &[AdminChange],
    reading: &Reading<'_>,
) -> String {
    let name_of = reading.name_of;
    let when = |at: Millis| local_instant(at, (reading.offset_minutes_at)(at));
    let mut csv = CsvWriter::new();
    csv.header(&["kind", "id", "field", "value"]);
    let named = |t: &str| {
        RecordId::parse(t)
            .ok()
            .and_then(|id| name_of(&id))
            .map_or_else(|| t.to_owned(), |name| format!("{name} ({t})"))
    };
    for record in own_records(person, changes, admin_records, reading) {
        let id = record.id.to_string();
        for (name, value) in &record.fields {
            let mut row = |field: &str, cell: Cell<'_>| {
                csv.row(&[
                    Cell::Text(record.entity),
                    Cell::Text(&id),
                    Cell::Text(field),
                    cell,
                ])
            };
            match value {
                FieldValue::Null => {}
                FieldValue::Bool(b) => row(name, Cell::Text(if *b { "yes" } else { "no" })),
                FieldValue::Int(n) if is_instant(name) => row(name, Cell::Text(&when(Millis(*n)))),
                FieldValue::Int(n) if MEASURE_FIELDS.contains(&name.as_str()) => {
                    row(name, Cell::Amount(Amount(*n)))
                }
                FieldValue::Int(n) => row(name, Cell::Int(*n)),
                FieldValue::Text(t) if t.is_empty() => {}
                FieldValue::Text(t) if name == "programme" => {
                    let known = RecordId::parse(t)
                        .ok()
                        .and_then(|p| (reading.programme_name)(&p));
                    row(name, Cell::Text(known.as_deref().unwrap_or(t)))
                }
                FieldValue::Text(t)
                    if PERSON_FIELDS.contains(&name.as_str())
                        || matches!(&**name, "coach" | "coachee") =>
                {
                    row(name, Cell::Text(&named(t)))
                }
                // Who is the person themselves: when, and to which text.
                FieldValue::Text(t) if name.ends_with("-agreed") => {
                    let said =
                        Agreed::parse(t).map(|a| format!("{}, version {}", when(a.at), a.version));
                    row(name, Cell::Text(said.as_deref().unwrap_or(t)))
                }
                FieldValue::Text(t) => {
                    row(name, Cell::Text(code_words(name, t).unwrap_or(t)));
                    if let Some(session) = pointed_session(name, value, changes) {
                        row("session date", Cell::Text(&when(session.at)));
                        if let Some(partner) = session_partner(person, session, changes) {
                            row("session with", Cell::Text(&named(partner.as_str())));
                        }
                    }
                }
                FieldValue::List(items) if name == "history" => {
                    for (n, item) in items.iter().enumerate() {
                        let said = history_point(item).map(|(at, percent, new_source)| {
                            let how = if new_source {
                                ", counted a new way from here"
                            } else {
                                ""
                            };
                            format!("{percent}% on {}{how}", when(at))
                        });
                        row(
                            &format!("{name} {}", n + 1),
                            Cell::Text(said.as_deref().unwrap_or(item)),
                        );
                    }
                }
                FieldValue::List(items) if name == "ratings" => {
                    for (n, item) in items.iter().enumerate() {
                        let said = item.split_once(':').map(|(scale, rating)| {
                            format!(
                                "{}: {rating} out of 5",
                                code_words("scale", scale).unwrap_or(scale)
                            )
                        });
                        row(
                            &format!("{name} {}", n + 1),
                            Cell::Text(said.as_deref().unwrap_or(item)),
                        );
                    }
                }
                FieldValue::List(items) if OBSERVATION_LISTS.contains(&name.as_str()) => {
                    for (n, pair) in items.chunks(2).enumerate() {
                        row(&format!("{name} {}", n + 1), Cell::Text(&pair[0]));
                        if let Some(example) = pair.get(1) {
                            row(&format!("{name} {} example", n + 1), Cell::Text(example));
                        }
                    }
                }
                FieldValue::List(items) => {
                    for (n, item) in items.iter().enumerate() {
                        let said = code_words(name, item).unwrap_or(item);
                        row(&format!("{name} {}", n + 1), Cell::Text(said));
                    }
                }
            }
        }
    }
    csv.finish()
}

/// A stored code in the words the screens use for it (English): a field's name and its stored
/// value (`projection`), or `scale` and a rating's scale. The JSON keeps the stored value, for
/// programs.
fn code_words(field: &str, stored: &str) -> Option<&'static str> {
    const WORDS: [(&str, &str, &str); 30] = [
        ("lifecycle", "proposed", "Proposed"),
        ("lifecycle", "active", "Active"),
        ("lifecycle", "paused", "Paused"),
        ("lifecycle", "completed", "Completed"),
        ("lifecycle", "ended-early", "Ended early"),
        ("kind", "coaching", "Coaching"),
        ("kind", "mentoring", "Mentoring"),
        ("kind", "reverse-mentoring", "Reverse mentoring"),
        ("status", "on-track", "On track"),
        ("status", "at-risk", "At risk"),
        ("status", "achieved", "Achieved"),
        ("status", "dropped", "Dropped"),
        ("status", "invited", "Invited"),
        ("status", "enrolled", "Enrolled"),
        ("status", "declined", "Declined"),
        ("status", "left", "Left"),
        ("progress-from", "measure", "The measure"),
        ("place", "online", "Online"),
        ("place", "in-person", "In person"),
        ("skills", "questioning", "Questioning"),
        ("skills", "listening", "Listening"),
        ("skills", "clarifying", "Clarifying"),
        ("skills", "reframing", "Reframing"),
        ("scale", "listening", "Listening"),
        ("scale", "clarity", "Clarity"),
        ("scale", "support", "Support"),
        ("scale", "challenge", "Challenge"),
        ("visibility", "private", "Only the two of you"),
        (
            "visibility",
            "pair",
            "The two of you, ratings counted in programme figures",
        ),
        (
            "visibility",
            "anonymous",
            "Anonymous, in programme totals only",
        ),
    ];
    (WORDS.iter())
        .find(|(f, s, _)| *f == field && *s == stored)
        .map(|(_, _, words)| *words)
}

/// The fields that hold observations as text, example, text, example… (`projection`).
const OBSERVATION_LISTS: [&str; 2] = ["strengths", "development-areas"];

/// Whether a stored field holds an instant (milliseconds since 1970): `at`, or a name ending
/// in `-at` (`given-at`, `written-at`, `created-at`…), as the projection names them.
fn is_instant(field: &str) -> bool {
    field == "at" || field.ends_with("-at")
}

/// An instant where its reader is, to the minute as the screens show it, with that offset
/// from UTC: "2026-10-15 17:00 +04:00" (`offset_minutes`: minutes east).
fn local_instant(at: Millis, offset_minutes: i32) -> String {
    let wall = crate::session::wall_clock_at(at, offset_minutes);
    let s = wall.utc_second_of_day();
    let (sign, offset) = (
        if offset_minutes < 0 { '-' } else { '+' },
        offset_minutes.unsigned_abs(),
    );
    format!(
        "{} {:02}:{:02} {sign}{:02}:{:02}",
        wall.utc_date(),
        s / 3_600,
        s / 60 % 60,
        offset / 60,
        offset % 60
    )
}

/// An instant in ISO 8601, UTC, to the second: "2026-11-28T14:03:07Z".
fn iso_instant(at: Millis) -> String {
    let seconds = at.0.div_euclid(1_000).rem_euclid(86_400);
    let (h, m, s) = (seconds / 3_600, seconds / 60 % 60, seconds % 60);
    format!("{}T{h:02}:{m:02}:{s:02}Z", at.utc_date())
}
