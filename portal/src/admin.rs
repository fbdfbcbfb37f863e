//! Programme administration on the host side: checking pushed programme, enrolment and nudge
//! records with the core's rules, and serving a programme's admins the figures only the host
//! can compute — it holds every record, and computes aggregates with the same core, so an
//! admin's device never receives a session, a rating or a self-assessment it may not read.
//!
//! Demo policy: people whose directory role is "programme admin" may set up programmes.
//! Programmes in the HR directory (the `programmes` table) are the HR system's: the widget
//! reads them and does not change them.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use mentoring_core::dashboard::{dashboard, Figure, Mean, ProgrammeRecords, HIDDEN_TEXT};
use mentoring_core::evaluation::{check_check_in, check_self_assessment};
use mentoring_core::export::{
    aggregates_csv, hundredths_text, programme_file_name, relationships_csv, ADMIN_CSV_VERSION,
};
use mentoring_core::health::{check_nudge, relationship_health, Nudge, Signal};
use mentoring_core::permissions::{may_see, Record, Viewer};
use mentoring_core::programme::{check_admits_someone, check_among_programmes};
use mentoring_core::{
    check_enrolment_change, check_programme_change, AdminChange, Date, Directory, Enrolment,
    Programme, RecordId, Refusal, Relationship, Rule,
};
use serde_json::{json, Value};

use crate::db::DirectoryPerson;
use crate::model::Model;
use crate::ops::WireOp;
use crate::rules;
use crate::{signed_in, storage_failure, AdapterError, Portal, WIRE_VERSION};

/// The directory role that may set up programmes in the demo.
pub const PROGRAMME_ADMIN_ROLE: &str = "programme admin";

/// What checking one push's programme-administration ops needs, read once per push.
pub struct AdminContext {
    pub directory: Directory,
    pub host_programmes: Vec<Programme>,
    pub may_set_up_programmes: bool,
    pub today: Date,
}

impl AdminContext {
    pub fn load(portal: &Portal, person: &DirectoryPerson) -> Result<AdminContext, AdapterError> {
        let people = portal.db.people().map_err(storage_failure)?;
        let programmes = portal.db.programmes().map_err(storage_failure)?;
        Ok(AdminContext {
            directory: rules::directory(&people),
            host_programmes: programmes.iter().filter_map(rules::programme).collect(),
            may_set_up_programmes: person.role == PROGRAMME_ADMIN_ROLE,
            today: portal.now().utc_date(),
        })
    }

    fn programme(&self, model: &Model, id: &RecordId) -> Option<Programme> {
        self.host_programmes
            .iter()
            .find(|p| &p.id == id)
            .cloned()
            .or_else(|| model.programme(id.as_str()))
    }
}

/// A refused op: the code for the reply and the core's message.
pub struct Refused {
    pub code: &'static str,
    pub message: String,
}

fn refused(refusal: Refusal) -> Refused {
    Refused {
        code: if refusal.rule == Rule::NotPermitted {
            "forbidden"
        } else {
            "invalid_op"
        },
        message: refusal.message,
    }
}

fn incomplete(op: &WireOp) -> Refused {
    Refused {
        code: "invalid_op",
        message: format!(
            "{} {} is incomplete or unreadable after this push; send every field of a new \
             record in one push.",
            op.entity, op.record
        ),
    }
}

/// Decides an op on a programme-administration record with the core's rules: `Some(Ok)` to
/// store it, `Some(Err)` to refuse it, `None` to leave it to the general access rules.
/// The model's pending ops are the whole push, so a record is judged as the push leaves it.
pub fn check_op(
    context: &AdminContext,
    model: &mut Model,
    me: &RecordId,
    op: &WireOp,
) -> Option<Result<(), Refused>> {
    let before = model.as_stored(|model| model.project_admin(&op.entity, &op.record));
    let after = model.project_admin(&op.entity, &op.record);
    let decision = match (op.entity.as_str(), before, after) {
        ("programme", before, after) => {
            if context
                .host_programmes
                .iter()
                .any(|p| p.id.as_str() == op.record)
            {
                return Some(Err(Refused {
                    code: "forbidden",
                    message: format!(
                        "Programme {} comes from the HR directory; change it in the HR system.",
                        op.record
                    ),
                }));
            }
            let before = before.and_then(|b| match b {
                AdminChange::Programme(p) => Some(p),
                _ => None,
            });
            let Some(AdminChange::Programme(after)) = after else {
                return Some(Err(incomplete(op)));
            };
            let mut refusals =
                check_programme_change(me, context.may_set_up_programmes, before.as_ref(), &after);
            refusals
                .extend(check_admits_someone(before.as_ref(), &after, &context.directory).err());
            // Only those the pusher's device may hold (another admin's draft it never
            // receives): a name it accepted is not refused for good on sync, and a refusal
            // names no hidden draft.
            let admin_of = model.programmes_administered_by(me);
            let viewer = Viewer {
                person: me,
                admin_of: &admin_of,
            };
            let mut known = context.host_programmes.clone();
            known.extend(
                model
                    .admin_records("programme")
                    .into_iter()
                    .filter_map(|c| match c {
                        AdminChange::Programme(p) => Some(p),
                        _ => None,
                    })
                    .filter(|p| may_see(viewer, Record::Programme(p))),
            );
            // A day back: the person setting it up may be on the day before the portal's.
            let today = context.today.add_days(-1);
            refusals.extend(check_among_programmes(
                before.as_ref(),
                &after,
                &known,
                today,
            ));
            match refusals.into_iter().next() {
                None => Ok(()),
                Some(first) => Err(refused(first)),
            }
        }
        ("enrolment", before, after) => {
            let before = before.and_then(|b| match b {
                AdminChange::Enrolment(e) => Some(e),
                _ => None,
            });
            let Some(AdminChange::Enrolment(after)) = after else {
                return Some(Err(incomplete(op)));
            };
            let Some(programme) = context.programme(model, &after.programme) else {
                return Some(Err(Refused {
                    code: "invalid_op",
                    message: format!(
                        "There is no programme {}; set it up before enrolling people.",
                        after.programme
                    ),
                }));
            };
            let others: Vec<Enrolment> = model
                .admin_records("enrolment")
                .into_iter()
                .filter_map(|c| match c {
                    AdminChange::Enrolment(e) if e.id != after.id => Some(e),
                    _ => None,
                })
                .collect();
            check_enrolment_change(
                me,
                &programme,
                &context.directory,
                &others,
                before.as_ref(),
                &after,
                context.today,
            )
            .map_err(refused)
        }
        ("nudge", _, after) => {
            let Some(AdminChange::Nudge(nudge)) = after else {
                return Some(Err(incomplete(op)));
            };
            let relationship = model.relationship(&nudge.relationship);
            let programme = context.programme(model, &nudge.programme);
            let others: Vec<Nudge> = model
                .admin_records("nudge")
                .into_iter()
                .filter_map(|c| match c {
                    AdminChange::Nudge(n) => Some(n),
                    _ => None,
                })
                .collect();
            match (relationship, programme) {
                (Some(r), Some(p)) if &nudge.by == me => check_nudge(&nudge, &r, &p, &others),
                _ => Err(Refusal::new(
                    Rule::NotPermitted,
                    "A nudge is sent by an admin of the relationship's programme, as themselves.",
                )),
            }
            .map_err(refused)
        }
        // Evaluation records follow the general access rules once their content is valid.
        ("self-assessment", _, Some(AdminChange::SelfAssessment(a))) => {
            match check_self_assessment(&a) {
                Ok(()) => return None,
                Err(refusal) => Err(refused(refusal)),
            }
        }
        ("check-in", _, Some(AdminChange::CheckIn(c))) => {
            match check_check_in(&c, &context.directory) {
                Ok(()) => return None,
                Err(refusal) => Err(refused(refusal)),
            }
        }
        _ => return None,
    };
    Some(decision)
}

/// The programmes `person` administers: the HR directory's and those set up through ops (with
/// the model's pending ops, as a push would leave them).
pub fn admin_of(
    portal: &Portal,
    model: &Model,
    person: &RecordId,
) -> Result<Vec<RecordId>, AdapterError> {
    let programmes = portal.db.programmes().map_err(storage_failure)?;
    let mut ids: Vec<RecordId> = programmes
        .into_iter()
        .filter(|p| p.admins.iter().any(|a| a == person.as_str()))
        .filter_map(|p| RecordId::parse(&p.id).ok())
        .collect();
    ids.extend(model.programmes_administered_by(person));
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// The records behind a programme's figures, if `headers` are from one of its admins.
fn programme_records(
    portal: &Portal,
    headers: &HeaderMap,
    programme: &str,
) -> Result<(ProgrammeRecords, Directory), AdapterError> {
    let person = signed_in(portal, headers)?;
    let people = portal.db.people().map_err(storage_failure)?;
    let host_programmes = portal.db.programmes().map_err(storage_failure)?;
    let model = portal.model.lock().unwrap_or_else(|p| p.into_inner());
    let found = host_programmes
        .iter()
        .find(|p| p.id == programme)
        .and_then(rules::programme)
        .or_else(|| model.programme(programme));
    let not_found = || {
        AdapterError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("There is no programme {programme}."),
        )
    };
    let Some(found) = found else {
        return Err(not_found());
    };
    // A programme the person may not read (another admin's draft) is not there, name included.
    let me = RecordId::parse(&person.id).map_err(|_| not_found())?;
    let viewer = Viewer {
        person: &me,
        admin_of: &[],
    };
    if !may_see(viewer, Record::Programme(&found)) {
        return Err(not_found());
    }
    if !found.admins.iter().any(|a| a.as_str() == person.id) {
        return Err(AdapterError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!(
                "Only the admins of {} see its figures; ask one of them.",
                found.name
            ),
        ));
    }
    let mut records = ProgrammeRecords::gather(
        &found,
        &model.changes(),
        &[
            model.admin_records("enrolment"),
            model.admin_records("self-assessment"),
            model.admin_records("check-in"),
        ]
        .concat(),
        // The demo host has no outcome figures to report.
        None,
        &zone_offset,
    );
    records.ended_unstarted = model.ended_unstarted();
    records.ended_on = model.lifecycle_written();
    records.paired_on = model.repaired_at();
    // A pair's health is judged on the admin's own day (their directory zone; UTC for one the
    // host's zone database lacks).
    records.reader_offset_minutes = zone_offset(portal.now(), &person.time_zone);
    Ok((records, rules::directory(&people)))
}

/// `zone`'s offset from UTC at `at` in minutes east, from the system's zone database (a
/// session's own day for the figures); 0, UTC, for a zone it does not hold.
pub fn zone_offset(at: mentoring_core::Millis, zone: &str) -> i32 {
    let offset = jiff::tz::TimeZone::get(zone)
        .ok()
        .zip(jiff::Timestamp::from_millisecond(at.0).ok())
        .map(|(zone, at)| zone.to_offset(at).seconds());
    offset.unwrap_or(0) / 60
}

fn count(figure: &Figure<u32>) -> Value {
    match figure {
        Figure::Shown(n) => json!(n),
        Figure::Hidden => json!(HIDDEN_TEXT),
        Figure::Absent => Value::Null,
    }
}

fn mean(figure: &Figure<Mean>) -> Value {
    match figure {
        Figure::Shown(m) => json!({ "mean": hundredths_text(m.hundredths), "count": m.count }),
        Figure::Hidden => json!(HIDDEN_TEXT),
        Figure::Absent => Value::Null,
    }
}

fn signal(s: &Signal) -> Value {
    json!({ "key": s.key(), "text": s.describe() })
}

/// `GET {endpoint}/v1/programmes/{id}/dashboard`: the programme's aggregates and its
/// relationships' health, for its admins. A figure about fewer than five people is the text
/// "hidden: fewer than 5"; a figure nothing was recorded for is null.
pub async fn dashboard_route(
    State(portal): State<Portal>,
    Path(programme): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (records, directory) = match programme_records(&portal, &headers, &programme) {
        Ok(found) => found,
        Err(error) => return error.into_response(),
    };
    let now = portal.now();
    let board = dashboard(&records, &directory, now);
    let health = relationship_health(&records, now);
    let k = &board.kirkpatrick;
    let pairs: BTreeMap<&RecordId, &Relationship> =
        records.relationships.iter().map(|r| (&r.id, r)).collect();
    Json(json!({
        "version": WIRE_VERSION,
        "programme": board.programme.as_str(),
        "asOf": board.as_of.to_string(),
        "people": {
            "mentees": count(&board.mentees),
            "mentors": count(&board.mentors),
            "invited": count(&board.invited),
        },
        "relationships": board.relationships.iter().map(count).collect::<Vec<_>>(),
        "goalsByStatus": board.goals_by_status.iter().map(|g| json!({
            "month": g.month.to_string(),
            "byStatus": g.by_status.iter().map(count).collect::<Vec<_>>(),
            "changedSince": count(&g.changed_since),
        })).collect::<Vec<_>>(),
        "sessionsPerMonth": board.sessions_per_month.iter().map(|(m, f)| json!({
            "month": m.to_string(), "sessions": count(f),
        })).collect::<Vec<_>>(),
        "ratings": board.ratings.iter().map(|d| json!({
            "scale": format!("{:?}", d.scale).to_lowercase(),
            "counts": d.counts.iter().map(count).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "kirkpatrick": {
            "reaction": mean(&k.reaction),
            "learning": match &k.learning {
                Figure::Shown(s) => json!({
                    "people": s.people,
                    "start": hundredths_text(s.start.hundredths),
                    "end": hundredths_text(s.end.hundredths),
                    "improved": s.improved,
                }),
                Figure::Hidden => json!(HIDDEN_TEXT),
                Figure::Absent => Value::Null,
            },
            "behaviourByManagers": mean(&k.behaviour_by_managers),
            "behaviourByPeers": mean(&k.behaviour_by_peers),
            "results": match &k.results {
                Figure::Shown(list) => json!(list.iter().map(|f| json!({ "label": f.label, "value": f.value })).collect::<Vec<_>>()),
                _ => Value::Null,
            },
        },
        "health": health.iter().map(|h| json!({
            "relationship": h.relationship.as_str(),
            "mentor": pairs.get(&h.relationship).map(|r| r.mentor.as_str()),
            "mentee": pairs.get(&h.relationship).map(|r| r.mentee.as_str()),
            "signals": h.signals.iter().map(signal).collect::<Vec<_>>(),
            "actions": h.actions.iter().map(|a| a.key()).collect::<Vec<_>>(),
            "sessions": h.sessions,
            "lastSession": h.last_session.map(|d| d.to_string()),
            "nextSession": h.next_session.map(|d| d.to_string()),
            "lastMet": h.last_met.map(|d| d.to_string()),
            "goals": h.goals,
        })).collect::<Vec<_>>(),
    }))
    .into_response()
}

/// `text` as RFC 3986 unreserved characters and `%XX` escapes of its UTF-8 bytes.
fn percent_encoded(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `GET {endpoint}/v1/programmes/{id}/export/{relationships|aggregates}.csv`, for its admins.
pub async fn export_route(
    State(portal): State<Portal>,
    Path((programme, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let (records, directory) = match programme_records(&portal, &headers, &programme) {
        Ok(found) => found,
        Err(error) => return error.into_response(),
    };
    let now = portal.now();
    let body = match file.as_str() {
        "relationships.csv" => {
            let health = relationship_health(&records, now);
            relationships_csv(&records, &health, &directory, now)
        }
        "aggregates.csv" => aggregates_csv(
            &dashboard(&records, &directory, now),
            &records.programme.name,
        ),
        _ => {
            return AdapterError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                "Exports are relationships.csv and aggregates.csv.",
            )
            .into_response()
        }
    };
    // The programme's name may be in any script: the plain `filename` stays ASCII (its id),
    // `filename*` carries the name's slug (RFC 6266), which browsers prefer.
    let named = programme_file_name(&records.programme.name, &file);
    let disposition = format!(
        "attachment; filename=\"{programme}-{file}\"; filename*=UTF-8''{}",
        percent_encoded(&named)
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::HeaderName::from_static("export-version"),
                ADMIN_CSV_VERSION.to_string(),
            ),
        ],
        body,
    )
        .into_response()
}
