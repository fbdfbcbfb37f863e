//! Push and pull (adapter v1): `POST {endpoint}/v1/ops` and `GET {endpoint}/v1/ops?since=`.
//!
//! Pushing the same op twice is harmless (acknowledged again); another op under a stored id
//! is refused (`op_id_conflict`). Every op is checked against
//! the core's permission rules for the record as it stands and as it would stand after the
//! op; an op the pusher may not write is rejected with `forbidden`. The record it would leave
//! is then held to the domain's rules (`mentoring_core::check_change`, the checks the widget
//! makes before saving): an op that would make a record break one is rejected with
//! `invalid_record` and the rule's message. Programme, enrolment and nudge ops are decided
//! instead by the core's programme-admin rules (`admin::check_op`), which already hold them to
//! their kind's rules; they are decided first, and the rest of the push is judged with the
//! programmes as those accepted leave them (a new programme and its first pairs can come in
//! one push). Either way the rest of the batch still lands.
//!
//! A session stored without the pair it was logged with (a widget cached from before
//! `partner` leaves it out) is kept as pushed, and the portal then records the pair itself,
//! from the relationship as it stood when the session was logged
//! (`Model::partners_to_record`). Recording it rather than
//! refusing the session loses nothing the person saved and asks nothing of them: an old cached
//! widget could not send the field however often it was refused, and a refused session would
//! stay on the device, shared with nobody, until the page was reloaded.

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http_body_util::LengthLimitError;
use mentoring_core::merge::WITHHELD_PREFIX;
use mentoring_core::permissions::{
    relationship_field_needs_admin, withdrawn_when_deleted, written_field_is_fixed, Access, Viewer,
};
use mentoring_core::projection::ACTION;
use mentoring_core::record::ADMIN_ENTITIES;
use mentoring_core::relationship::{
    check_agreed_field, check_party_change, check_party_creation, check_party_field,
};
use mentoring_core::session::{check_action_field, check_session_field};
use mentoring_core::{Change, RecordId};
use serde::Deserialize;
use serde_json::json;
use std::collections::BTreeMap;

use crate::admin::{self, AdminContext};
use crate::db::{DirectoryPerson, Stored};
use crate::model::{value_withheld, Broken, Model, DELETED_FIELD, PORTAL_DEVICE, PORTAL_OP_PREFIX};
use crate::ops::{check_shape, WireOp, BATCH_MAX, PULL_PAGE, PUSH_MAX_BYTES};
use crate::rules::RulesContext;
use crate::{
    record_partners, signed_in, storage_failure, tell_taken_off, AdapterError, Portal, PULL_EPOCH,
    WIRE_VERSION,
};

#[derive(Deserialize)]
struct PushV1 {
    version: u32,
    ops: Vec<serde_json::Value>,
}

/// An op refused because the record it changes would break a domain rule: the rule's own
/// message, which says what to do.
fn rule_rejection(op: &WireOp, refusal: &mentoring_core::Refusal) -> serde_json::Value {
    json!({ "id": op.id, "code": "invalid_record", "message": refusal.message })
}

/// An op refused because the record it would leave cannot be read (a field missing or
/// malformed): what is wrong.
fn unreadable_rejection(op: &WireOp, reason: &str) -> serde_json::Value {
    json!({
        "id": op.id,
        "code": "invalid_op",
        "message": format!("This push would leave a record unreadable: {reason}."),
    })
}

/// One of the pair changes their relationship only as the widget lets them
/// (`relationship::check_party_change`): not once it is over, and a proposed one starts when
/// its programme's admins confirm it; one they create starts as proposed
/// (`check_party_creation`). Judged on the relationship as stored and its lifecycle
/// as the whole push leaves it; the lifecycle's own order is `check_change`'s.
fn party_may_change(
    model: &mut Model,
    admin_of: &[RecordId],
    me: &RecordId,
    op: &WireOp,
) -> Result<(), mentoring_core::Refusal> {
    let Some(id) = (op.entity == "relationship")
        .then(|| RecordId::parse(&op.record).ok())
        .flatten()
    else {
        return Ok(());
    };
    // What it held, even if it is deleted: a change made meanwhile is held to the same moves.
    let before = model.as_stored(|model| model.relationship_undeleted(&id));
    let Some(before) = before else {
        return match model.relationship(&id) {
            Some(new) if !admin_of.contains(&new.programme) => check_party_creation(&new, me),
            _ => Ok(()),
        };
    };
    if !before.is_party(me) || admin_of.contains(&before.programme) {
        return Ok(());
    }
    let next = model
        .relationship_judged(&id)
        .map_or_else(|| before.lifecycle.clone(), |after| after.lifecycle);
    check_party_change(&before, &next, me)
}

/// A side's agreement to the pair's agreement is written by whoever is on that side, in their
/// own name (`relationship::check_agreed_field`): not by the other of the pair, nor by the
/// programme's admins, who may write the relationship otherwise. Judged on the relationship as
/// stored (one the push creates as the push names it).
fn agreed_by_themselves(
    model: &mut Model,
    me: &RecordId,
    op: &WireOp,
) -> Result<(), mentoring_core::Refusal> {
    let Some(id) = (op.entity == "relationship" && op.field.ends_with("-agreed"))
        .then(|| RecordId::parse(&op.record).ok())
        .flatten()
    else {
        return Ok(());
    };
    let stored = model.as_stored(|model| model.relationship_undeleted(&id));
    match stored.or_else(|| model.relationship(&id)) {
        Some(r) => check_agreed_field(&r, &op.field, op.value.as_str(), me),
        None => Ok(()),
    }
}

/// One of the pair writes a session and its action items only as the widget lets them:
/// whoever logged the session writes it, as themselves (`session::check_session_field`), and
/// its items, whose owner marks one done or open again (`session::check_action_field`).
/// Judged on the session as stored (a new one as the push names it); an op that says what the
/// record already holds changes nothing and is let through.
fn party_may_write_session(
    model: &mut Model,
    rules: &RulesContext,
    me: &RecordId,
    op: &WireOp,
) -> Result<(), mentoring_core::Refusal> {
    if !matches!(op.entity.as_str(), "session" | ACTION)
        || model.holds_as_stored(&op.entity, &op.record, &op.field, &op.value)
    {
        return Ok(());
    }
    let stored = model.exists(&op.entity, &op.record);
    let judged = |model: &Model| {
        let (_, session) = model.judged_record(&op.entity, &op.record);
        // A deleted session is brought back, or changed while deleted (its items too), only
        // by whoever could write it.
        model.project_judged("session", &session)
    };
    let session = if stored {
        model.as_stored(judged)
    } else {
        judged(model)
    };
    // A session that cannot be read is refused by its own rules.
    let Some(Change::Session(session)) = session else {
        return Ok(());
    };
    if op.entity == "session" {
        return check_session_field(&session, stored, me, &rules.directory);
    }
    let item = session
        .actions
        .iter()
        .find(|a| stored && a.id.as_str() == op.record);
    check_action_field(&session, item, &op.field, me, &rules.directory)
}

fn bad_request(message: impl Into<String>) -> AdapterError {
    AdapterError::new(StatusCode::BAD_REQUEST, "bad_request", message)
}

/// What a cursor says of the op at its place in the log (`seq`, `0` for the start): the first
/// 32 bits of the FNV-1a hash of its id, in hex. Not a secret, only a check that the log a
/// cursor was given from is still this one there.
fn log_check(model: &crate::model::Model, seq: i64) -> String {
    let id = model.op_at(seq).map_or("", |op| op.id.as_str());
    let hash = (id.bytes()).fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:08x}", hash >> 32)
}

/// A pull's cursor the portal did not give out: the device pulls again from the start
/// (docs/adapter.md, `unknown_cursor`).
fn unknown_cursor(cursor: &str) -> AdapterError {
    let shown: String = cursor.chars().take(40).collect();
    AdapterError::new(
        StatusCode::BAD_REQUEST,
        "unknown_cursor",
        format!("The cursor {shown:?} is not one this portal gave out; pull from the start."),
    )
}

pub async fn push(State(portal): State<Portal>, headers: HeaderMap, body: Body) -> Response {
    // Whoever is not signed in is answered before the portal takes in up to 8 MiB.
    let person = match signed_in(&portal, &headers) {
        Ok(person) => person,
        Err(error) => return error.into_response(),
    };
    // Read here rather than through the `Bytes` extractor, whose limit answers in plain
    // text: a device is told in the adapter's own error shape.
    let body = match axum::body::to_bytes(body, PUSH_MAX_BYTES).await {
        Ok(body) => body,
        Err(error) => return unread_body(error).into_response(),
    };
    match push_inner(&portal, &person, &body) {
        Ok(reply) => Json(reply).into_response(),
        Err(error) => error.into_response(),
    }
}

/// Why a push's body could not be read: too large, or cut off on its way.
fn unread_body(error: axum::Error) -> AdapterError {
    let inner = error.into_inner();
    if inner.downcast_ref::<LengthLimitError>().is_some() {
        AdapterError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "This push is larger than {} MiB; send its ops in smaller pushes.",
                PUSH_MAX_BYTES / (1024 * 1024)
            ),
        )
    } else {
        bad_request(format!(
            "The push's body could not be read ({inner}); send it again."
        ))
    }
}

fn push_inner(
    portal: &Portal,
    person: &DirectoryPerson,
    body: &[u8],
) -> Result<serde_json::Value, AdapterError> {
    let batch: PushV1 = serde_json::from_slice(body)
        .map_err(|e| bad_request(format!("The body is not a push of adapter v1: {e}")))?;
    if batch.version != WIRE_VERSION {
        return Err(bad_request(format!(
            "Version {} is not spoken here; send version {WIRE_VERSION}.",
            batch.version
        )));
    }
    if batch.ops.len() > BATCH_MAX {
        return Err(bad_request(format!(
            "{} ops in one push; send at most {BATCH_MAX}.",
            batch.ops.len()
        )));
    }
    let me = RecordId::parse(&person.id).map_err(|e| bad_request(e.to_string()))?;
    let mut acknowledged = Vec::new();
    let mut rejected = Vec::new();
    let mut model = portal.model.lock().unwrap_or_else(|p| p.into_inner());
    let rules = RulesContext::load(&portal.db, portal.now().utc_date()).map_err(storage_failure)?;
    let mut candidates: Vec<WireOp> = Vec::new();
    // Every session the push names, stored before or not (see `record_partners` below).
    let mut sessions: Vec<String> = Vec::new();
    // Every relationship whose pair, or deletion, the push names (see `tell_taken_off` below).
    let mut repaired: Vec<String> = Vec::new();
    for raw in batch.ops {
        let claimed_id = raw
            .get("id")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_owned();
        let mut reject = |code: &str, message: String| {
            rejected.push(json!({ "id": claimed_id, "code": code, "message": message }));
        };
        let op: WireOp = match serde_json::from_value(raw) {
            Ok(op) => op,
            Err(e) => {
                reject("invalid_op", format!("Not an op of adapter v1: {e}"));
                continue;
            }
        };
        if let Err(message) = check_shape(&op) {
            reject("invalid_op", message);
            continue;
        }
        if op.device == PORTAL_DEVICE
            || op.id.starts_with(PORTAL_OP_PREFIX)
            || op.id.starts_with(WITHHELD_PREFIX)
        {
            reject(
                "invalid_op",
                format!(
                    "The device {PORTAL_DEVICE:?} and op ids beginning with \
                     {PORTAL_OP_PREFIX:?} or {WITHHELD_PREFIX:?} are the portal's own; mint a \
                     device id and an op id of your own."
                ),
            );
            continue;
        }
        if op.entity == "session" {
            sessions.push(op.record.clone());
        }
        if op.entity == "relationship"
            && ["mentor", "mentee", DELETED_FIELD].contains(&op.field.as_str())
        {
            repaired.push(op.record.clone());
        }
        if op.actor != person.id {
            reject(
                "forbidden",
                format!(
                    "Ops are pushed by their actor; you are signed in as {}.",
                    person.id
                ),
            );
            continue;
        }
        // An op never changes: the same id with other content is a device (or a host) that
        // mints ids wrongly, and accepting either silently would leave devices disagreeing.
        let conflict = format!(
            "Op {} was pushed before with other content; an op never changes. Send the \
             change as a new op with an id of its own.",
            op.id
        );
        if let Some(stored) = model.op(&op.id) {
            if *stored == op {
                acknowledged.push(op.id);
            } else {
                reject("op_id_conflict", conflict);
            }
            continue;
        }
        if let Some(earlier) = candidates.iter().find(|c| c.id == op.id) {
            // The same op twice in one push: the first copy's answer is the answer.
            if *earlier != op {
                reject("op_id_conflict", conflict);
            }
            continue;
        }
        candidates.push(op);
    }
    // A record is judged as it stands and as it would stand after the whole batch: a new
    // record arrives as one batch of field ops, and only all of them together describe it.
    let mut accepted: Vec<WireOp> = Vec::new();
    let admin_context = if candidates
        .iter()
        .any(|op| ADMIN_ENTITIES.contains(&op.entity.as_str()))
    {
        Some(AdminContext::load(portal, person)?)
    } else {
        None
    };
    // Programme administration records first: the core's programme and enrolment rules
    // decide them, and none of those answers depends on who administers what. The rest of the
    // push is then judged with the programmes as the accepted ones leave them, so a new
    // programme and the first pairs published in it land together.
    model.with_pending(candidates.clone());
    let admin_decisions: Vec<Option<Result<(), admin::Refused>>> = candidates
        .iter()
        .map(|op| {
            admin_context
                .as_ref()
                .and_then(|context| admin::check_op(context, &mut model, &me, op))
        })
        .collect();
    model.with_pending(
        candidates
            .iter()
            .zip(&admin_decisions)
            .filter(|(op, decision)| op.entity == "programme" && matches!(decision, Some(Ok(()))))
            .map(|(op, _)| op.clone())
            .collect(),
    );
    let admin_of = admin::admin_of(portal, &model, &me)?;
    let viewer = Viewer {
        person: &me,
        admin_of: &admin_of,
    };
    // Each op is judged with the whole push pending; the checks that need the records as
    // stored set it aside (`Model::as_stored`).
    model.with_pending(candidates.clone());
    for (op, decision) in candidates.iter().zip(admin_decisions) {
        match decision {
            Some(Ok(())) => {
                accepted.push(op.clone());
                continue;
            }
            Some(Err(refused)) => {
                rejected
                    .push(json!({ "id": op.id, "code": refused.code, "message": refused.message }));
                continue;
            }
            None => {}
        }
        // A delete (or a restore) is judged on the record with its deletion set aside: once
        // deleted, it no longer says whose it is. So is a change to a record already deleted:
        // made where the delete had not reached, it is kept for when the record is brought
        // back, and its writer is told (docs/merge.md, "An edit the delete had not seen").
        // A milestone or action item left view with its goal or session deleted meanwhile
        // (ticked offline while the session's author deleted it): the same, judged with the
        // parent's deletion set aside, not refused as someone else's.
        let in_deleted = model.parent_deleted_as_stored(&op.entity, &op.record);
        let deleted_meanwhile = model.deleted_as_stored(&op.entity, &op.record) || in_deleted;
        let tombstone = op.field == DELETED_FIELD || deleted_meanwhile;
        // Who may read a deleted record stays as the delete left it: the change would relay
        // the record, its words included, to whoever it names, before anyone brought it back.
        // A child added to a deleted parent names its owner once, as it is created. A deleted
        // learning entry or feedback is its writer's alone whatever it says, so its writer may
        // unshare it (or share it) for when it is brought back.
        let created = in_deleted && !model.exists(&op.entity, &op.record);
        if deleted_meanwhile
            && !created
            && op.field != DELETED_FIELD
            && Model::decides_audience(&op.field)
            && withdrawn_when_deleted(&op.entity).is_none()
        {
            rejected.push(json!({
                "id": op.id,
                "code": "forbidden",
                "message": format!(
                    "{} {} was deleted; bring it back before changing who may read it.",
                    op.entity, op.record
                ),
            }));
            continue;
        }
        let before_ok = if tombstone {
            model.writable_undeleted(viewer, &op.entity, &op.record, false)
        } else {
            model.writable_as_stored(viewer, &op.entity, &op.record)
        };
        let pairing_ok = !(op.entity == "relationship"
            && model.exists(&op.entity, &op.record)
            && relationship_field_needs_admin(&op.field))
            || model
                .relationship_programme_as_stored(&op.record)
                .is_some_and(|p| admin_of.contains(&p));
        // Whose a session, feedback or learning entry is was settled when it was written.
        let resettles = written_field_is_fixed(&op.entity, &op.field)
            && model.exists(&op.entity, &op.record)
            && !model.holds_as_stored(&op.entity, &op.record, &op.field, &op.value);
        if resettles && before_ok {
            let message = if op.entity == "session" {
                format!(
                    "Session {} stays with the pair it was logged with; its {} cannot change.",
                    op.record, op.field
                )
            } else {
                format!(
                    "{} {} stays with whoever wrote it, for whom and where it was written; its {} \
                     cannot change. Write a new one instead.",
                    op.entity, op.record, op.field
                )
            };
            rejected.push(json!({ "id": op.id, "code": "forbidden", "message": message }));
            continue;
        }
        let after_ok = if tombstone {
            model.writable_undeleted(viewer, &op.entity, &op.record, true)
        } else {
            model.access(viewer, &op.entity, &op.record) == Access::Write
        };
        if before_ok && after_ok && pairing_ok && !resettles {
            if let Err(refusal) = party_may_change(&mut model, &admin_of, &me, op) {
                rejected.push(rule_rejection(op, &refusal));
                continue;
            }
            if let Err(refusal) = agreed_by_themselves(&mut model, &me, op) {
                rejected
                    .push(json!({ "id": op.id, "code": "forbidden", "message": refusal.message }));
                continue;
            }
            if let Err(refusal) = party_may_write_session(&mut model, &rules, &me, op) {
                rejected
                    .push(json!({ "id": op.id, "code": "forbidden", "message": refusal.message }));
                continue;
            }
            accepted.push(op.clone());
            continue;
        }
        // A record that cannot be read because a value breaks a rule (an empty title) has no
        // owner to ask; if the pusher could write it as stored, the rule is the answer.
        let (judged_entity, judged_record) = model.judged_record(&op.entity, &op.record);
        // One deleted meanwhile is asked with its deletion set aside, as its delete was.
        let judged_writable = if model.deleted_as_stored(&judged_entity, &judged_record) {
            model.writable_undeleted(viewer, &judged_entity, &judged_record, false)
        } else {
            model.writable_as_stored(viewer, &judged_entity, &judged_record)
        };
        let unreadable = model.project(&judged_entity, &judged_record).is_none();
        match model.rule_broken(&judged_entity, &judged_record, &rules) {
            Some(Broken::Rule(refusal))
                if unreadable && before_ok && pairing_ok && judged_writable =>
            {
                rejected.push(rule_rejection(op, &refusal));
            }
            // Nor has one whose fields make no record (a malformed list): what is wrong is
            // the answer, not whose it is.
            Some(Broken::Unreadable(reason))
                if unreadable && before_ok && pairing_ok && judged_writable =>
            {
                rejected.push(unreadable_rejection(op, &reason));
            }
            _ if before_ok && !pairing_ok => {
                let message = RecordId::parse(&op.record)
                    .ok()
                    .and_then(|id| check_party_field(&id, &op.field).err())
                    .map_or_else(
                        || {
                            format!(
                                "Only the programme's admins change relationship {}.",
                                op.record
                            )
                        },
                        |refusal| refusal.message,
                    );
                rejected.push(json!({ "id": op.id, "code": "forbidden", "message": message }));
            }
            _ => rejected.push(json!({
                "id": op.id,
                "code": "forbidden",
                "message": format!(
                    "You may not change {} {}; only the people it belongs to can.",
                    op.entity, op.record
                ),
            })),
        }
    }
    // Then the domain's rules, on each record as the ops that may be written would leave it.
    // A record that would break one keeps none of this push's ops; the rest of the batch
    // still lands. Refusing one record can change another's answer (a goal in a
    // relationship of the same push), so this repeats until nothing more is refused.
    loop {
        model.with_pending(accepted.clone());
        let mut verdicts: BTreeMap<(String, String), Option<Broken>> = BTreeMap::new();
        let mut kept = Vec::new();
        let mut refused = 0;
        for op in std::mem::take(&mut accepted) {
            let judged = model.judged_record(&op.entity, &op.record);
            let verdict = verdicts
                .entry(judged.clone())
                .or_insert_with(|| model.rule_broken(&judged.0, &judged.1, &rules));
            match verdict {
                None => kept.push(op),
                Some(Broken::Rule(refusal)) => {
                    refused += 1;
                    rejected.push(rule_rejection(&op, refusal));
                }
                Some(Broken::Unreadable(reason)) => {
                    refused += 1;
                    rejected.push(unreadable_rejection(&op, reason));
                }
            }
        }
        accepted = kept;
        if refused == 0 {
            break;
        }
    }
    model.with_pending(Vec::new());
    let rows: Vec<(&str, &str, &str, String)> = accepted
        .iter()
        .map(|op| {
            let body = serde_json::to_string(op).expect("ops serialise");
            (op.id.as_str(), op.entity.as_str(), op.record.as_str(), body)
        })
        .collect();
    let stored = portal.db.store_ops(&rows).map_err(storage_failure)?;
    drop(rows);
    for (op, stored) in accepted.into_iter().zip(stored) {
        acknowledged.push(op.id.clone());
        if let Stored::New(seq) = stored {
            model.apply(seq, op);
        }
    }
    // A session pushed without the pair it was logged with (by a widget cached from before
    // the field) is kept, and the portal records the pair, so it never passes to whoever
    // replaces one of them. Sessions acknowledged again are asked too: a push whose partner
    // could not be stored is mended when the device sends it again.
    sessions.sort();
    sessions.dedup();
    record_partners(&portal.db, &mut model, &sessions).map_err(storage_failure)?;
    // Whoever the push took off a pair is told on every device of theirs.
    repaired.sort();
    repaired.dedup();
    tell_taken_off(&portal.db, &mut model, &repaired).map_err(storage_failure)?;
    Ok(json!({ "version": WIRE_VERSION, "acknowledged": acknowledged, "rejected": rejected }))
}

#[derive(Deserialize)]
pub struct PullQuery {
    since: Option<String>,
}

pub async fn pull(
    State(portal): State<Portal>,
    headers: HeaderMap,
    Query(query): Query<PullQuery>,
) -> Response {
    match pull_inner(&portal, &headers, query) {
        Ok(reply) => Json(reply).into_response(),
        Err(error) => error.into_response(),
    }
}

fn pull_inner(
    portal: &Portal,
    headers: &HeaderMap,
    query: PullQuery,
) -> Result<serde_json::Value, AdapterError> {
    let person = signed_in(portal, headers)?;
    // A cursor is the last sequence number a pull went through and, when more was waiting,
    // ".{the log's last sequence number when that page was served}": the pages the device
    // pulled had been decided with the records as they stood then, so an op stored later is
    // decided on the next page, whatever its place in the log (`Model::visible_since`). A
    // complete pull's number is both: every page of it was served with the log no longer.
    // Then, after `~`, a check of the op at the later of the two: a database restored from an
    // older backup, which has taken new ops since, holds other ops at those numbers, and a
    // cursor given out before the restore must not read on as if nothing had happened (the
    // device would skip ops and never send again what the restore lost). A cursor without one
    // (given out before checks were) is read as it is.
    let given = query.since.as_deref().unwrap_or_default();
    let (position, check) = match given.split_once('~') {
        Some((position, check)) => (Some(position), Some(check)),
        None => (query.since.as_deref(), None),
    };
    let (since, seen_head) = match position {
        None | Some("") => (0, 0),
        Some(text) => {
            let number = |part: &str| part.parse::<i64>().ok().filter(|n| *n >= 0);
            let parsed = match text.split_once('.') {
                None => number(text).map(|n| (n, n)),
                Some((since, head)) => number(since)
                    .zip(number(head))
                    .filter(|(since, head)| head >= since),
            };
            parsed.ok_or_else(|| unknown_cursor(given))?
        }
    };
    let me = RecordId::parse(&person.id).map_err(|e| bad_request(e.to_string()))?;
    let model = portal.model.lock().unwrap_or_else(|p| p.into_inner());
    // Past the log's end the portal never gave it out (its database restored from a backup,
    // say): answered, it would be an empty page with nothing more, at every pull from then on.
    if since.max(seen_head) > model.head()
        || check.is_some_and(|check| check != log_check(&model, since.max(seen_head)))
    {
        return Err(unknown_cursor(given));
    }
    let admin_of = admin::admin_of(portal, &model, &me)?;
    let viewer = Viewer {
        person: &me,
        admin_of: &admin_of,
    };
    let (ops, cursor, more) = model.visible_since(viewer, since, seen_head, PULL_PAGE);
    let ops: Vec<_> = (ops.into_iter())
        .map(|(_, op, withheld)| {
            if withheld {
                std::borrow::Cow::Owned(value_withheld(op))
            } else {
                model.as_read_by(viewer, op)
            }
        })
        .collect();
    let (cursor, anchor) = if more {
        (format!("{cursor}.{}", model.head()), model.head())
    } else {
        (cursor.to_string(), cursor)
    };
    let cursor = format!("{cursor}~{}", log_check(&model, anchor));
    Ok(json!({
        "version": WIRE_VERSION,
        "ops": ops,
        "cursor": cursor,
        "more": more,
        "epoch": PULL_EPOCH,
    }))
}
