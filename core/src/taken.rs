//! What a device must let go of: records its person may no longer see.
//!
//! The host stops sending a record to someone it was taken from (a learning entry no longer
//! shared, feedback made an anonymous aggregate, a goal moved out of the pair, a mentor taken
//! off a pair, an admin taken off a programme's admins), and sends them the op that took it,
//! so their screens stop showing it. The values it held before stay in the device's replica
//! and storage unless the device drops them: [`taken_from`] says which records those are, by `permissions::access` over the
//! records as the replica holds them, the same answer the screens and the host give.

use crate::merge::Replica;
use crate::permissions::{access, before_joining, Access, Record, SideOp, Viewer, Written};
use crate::projection::{admin_changes_from, changes_from, FieldValue, ACTION, MILESTONE};
use crate::{AdminChange, Change, RecordId, Relationship};

/// The (entity, record) keys of every record in `replica` that `me` may no longer see, with
/// the children seen through them (a goal's milestones, a session's action items, deleted
/// ones included), so a device can drop every op of them. Admin records are judged the same
/// way, by the programmes held: whoever is no longer among a programme's admins lets go of its
/// enrolments and nudges (those they sent included) but their own enrolment and the nudges to
/// them, of the pairs they read as its admin, and of the programme itself when it is a draft.
///
/// Only live records are judged: a deleted one keeps its tombstone
/// (`Replica::unseen_by_delete` needs it), but a learning entry or feedback deleted by its
/// writer, which is theirs alone (`permissions::withdrawn_when_deleted`). Never named: a record with an op in `unsent` (the
/// person's own changes the host has not acknowledged, in it or in one of its children), one
/// the person owns or wrote, a private note, a record that cannot be read, and one that
/// cannot be judged because what decides its audience is not held here (its relationship, or
/// for a relationship, a goal in a pair, an enrolment or a nudge, the programme whose admins
/// may see it): the host
/// sent it, so they may see it. A relationship in which a session the person may still read
/// was logged is kept with it: it is what those sessions are read back under ("Earlier
/// pairings"), unless it still names who took their place: the host sends them a stand-in for
/// the op that took it (`merge::WITHHELD_PREFIX`), so a side of it reads as its own id, and a
/// device that received the op itself (before the host sent stand-ins) lets go of it whole,
/// reading those sessions without it as a new device does. Feedback given to the person is
/// theirs to read as its visibility lets them, whatever became of the pair.
pub fn taken_from(
    replica: &Replica,
    me: &RecordId,
    unsent: &[(String, RecordId)],
) -> Vec<(String, RecordId)> {
    taken_knowing(replica, me, unsent, &[])
}

/// What a device lets go of when the host says it now withholds what it sent before (its pull
/// `epoch` moved, docs/adapter.md): every record held, to be pulled again from the start as
/// the host judges now, but those with an op in `own` (the person's changes the host has not
/// taken: unsent, or refused), which exist nowhere else, with their children.
pub fn pulled_before(replica: &Replica, own: &[(String, RecordId)]) -> Vec<(String, RecordId)> {
    let named = |e: &str, r: &RecordId| own.iter().any(|(oe, or)| oe == e && or == r);
    let mut kept: Vec<(String, RecordId)> = Vec::new();
    // A goal or session goes with its milestones and action items, or stays with them.
    for ((parent, id), children) in replica.children_by_parent() {
        let Ok(id) = RecordId::parse(id) else {
            continue;
        };
        if named(parent, &id) || children.iter().any(|(e, r)| named(e, r)) {
            kept.extend((children.iter()).map(|(e, r)| ((*e).to_owned(), (*r).clone())));
            kept.push((parent.to_owned(), id));
        }
    }
    (replica.held().into_iter())
        .filter(|(e, r)| !named(e, r) && !kept.iter().any(|(ke, kr)| ke == e && kr == *r))
        .map(|(entity, record)| (entity.to_owned(), record.clone()))
        .collect()
}

/// [`taken_from`], knowing besides the programmes `replica` holds those the host names in its
/// directory (`known`, the device's last copy): a participant's device holds no programme as
/// ops, so without them nothing whose audience is a pair's (the relationship, a partner's goal
/// and its milestones) could be judged, and someone taken off a pair would keep the partner's
/// goals for ever. A programme held as ops is judged as held. The directory judges only a pair
/// `me` was once a side of: the host sends a pair's records (and a programme's enrolments and
/// nudges) to whoever is among its admins now, so an older copy would make a new admin let go of
/// what the host never sends again; for those, whether `me` administers it stays unknown (kept).
pub fn taken_knowing(
    replica: &Replica,
    me: &RecordId,
    unsent: &[(String, RecordId)],
    known: &[crate::Programme],
) -> Vec<(String, RecordId)> {
    let records = replica.records();
    let admin_changes =
        admin_changes_from(records.iter().map(|(e, id, f)| (e.as_str(), id, f))).changes;
    let mut programmes: Vec<&crate::Programme> = (admin_changes.iter())
        .filter_map(|c| match c {
            AdminChange::Programme(p) => Some(p),
            _ => None,
        })
        .collect();
    // Held as ops: what these say of their admins is what the host judged by when it sent them.
    let held_as_ops = programmes.len();
    let directory: Vec<&crate::Programme> = (known.iter())
        .filter(|p| !programmes.iter().any(|held| held.id == p.id))
        .collect();
    programmes.extend(directory);
    let admin_of: Vec<RecordId> = (programmes.iter())
        .filter(|p| p.is_admin(me))
        .map(|p| p.id.clone())
        .collect();
    let viewer = Viewer {
        person: me,
        admin_of: &admin_of,
    };
    let changes = changes_from(records.iter().map(|(e, id, f)| (e.as_str(), id, f))).changes;
    // Looked up once per record below: indexed, so the whole is not quadratic in what a device
    // holds (core/benches/taken.rs).
    // Sorted lists searched by halves, not maps: collecting a map or set compiles a sort and a
    // bulk build for each key type (a record is projected once, so its id is not repeated).
    let mut relationships: Vec<&Relationship> = (changes.iter())
        .filter_map(|c| match c {
            Change::Relationship(r) => Some(r),
            _ => None,
        })
        .collect();
    crate::order::sort_by(&mut relationships, |a, b| a.id.cmp(&b.id));
    let relationship = |id: &RecordId| {
        (relationships.binary_search_by(|r| r.id.cmp(id)).ok()).map(|at| relationships[at])
    };
    let mut read_back: Vec<&RecordId> = (changes.iter())
        .filter_map(|c| match c {
            Change::Session(s) => relationship(&s.relationship)
                .filter(|r| access(viewer, Record::Session(s, r)) >= Access::Read)
                .map(|r| &r.id),
            _ => None,
        })
        .collect();
    crate::order::sort(&mut read_back);
    read_back.dedup();
    let children = replica.children_by_parent();
    // Whoever took `me`'s place in `r` is not named in it: the stand-in for the op that took it
    // stands on that side.
    let withheld = |r: &Relationship| r.mentor == r.id || r.mentee == r.id;
    // Whether `me` held a side of `r` at some time (every op of a side is kept,
    // `Replica::compact`).
    let once_a_side = |r: &Relationship| {
        r.side_of(me).is_some()
            || withheld(r)
            || ["mentor", "mentee"].iter().any(|side| {
                (replica.history("relationship", &r.id, side).iter())
                    .any(|op| op.value == FieldValue::Text(me.to_string()))
            })
    };
    // Whether it can be told that `me` administers the programme whose admins may see `r`'s records can be
    // told: by a programme held as ops, or, for a pair `me` was once a side of, by the directory.
    // The host sends a pair's records to whoever is among its programme's admins now, a
    // directory change being no op: judged by an older copy, a new admin would let go of what
    // the host never sends again.
    let judged = |r: &Relationship| {
        (programmes.iter().position(|p| p.id == r.programme))
            .is_some_and(|at| at < held_as_ops || once_a_side(r))
    };
    let mut taken = Vec::new();
    for change in &changes {
        let sees = match change {
            Change::Relationship(r) => {
                !judged(r)
                    || access(viewer, Record::Relationship(r)) >= Access::Read
                    || read_back.binary_search(&&r.id).is_ok() && withheld(r)
            }
            Change::Goal(g) if &g.owner == me => true,
            Change::Goal(g) => match &g.relationship {
                None => access(viewer, Record::Goal(g, None)) >= Access::Read,
                Some(id) => relationship(id).is_none_or(|r| {
                    !judged(r)
                        || access(viewer, Record::Goal(g, Some(r))) >= Access::Read
                            && !written_before_joining(
                                replica,
                                r,
                                ("goal", &g.id),
                                "relationship",
                                me,
                            )
                }),
            },
            Change::Session(s) if &s.author == me => true,
            Change::Session(s) => relationship(&s.relationship)
                .is_none_or(|r| access(viewer, Record::Session(s, r)) >= Access::Read),
            Change::PrivateNote(_) => true,
            Change::Feedback(f) if &f.giver == me => true,
            Change::Feedback(f) => relationship(&f.relationship)
                .is_none_or(|r| access(viewer, Record::Feedback(f, r)) >= Access::Read),
            Change::Learning(l) if &l.author == me => true,
            Change::Learning(l) => relationship(&l.relationship).is_none_or(|r| {
                access(viewer, Record::Learning(l, r)) >= Access::Read
                    && !written_before_joining(replica, r, ("learning", &l.id), "shared", me)
            }),
            Change::MatchingPreferences(p) => &p.owner == me,
        };
        if sees {
            continue;
        }
        let entity = change.entity();
        let mut family = vec![(entity.to_owned(), change.id().clone())];
        family.extend(
            (children
                .get(&(entity, change.id().as_str()))
                .into_iter()
                .flatten())
            .map(|&(kind, child)| (kind.to_owned(), child.clone())),
        );
        if family.iter().any(|key| unsent.contains(key)) {
            continue;
        }
        taken.extend(family);
    }
    // A learning entry or feedback deleted is its writer's alone: whoever it was shared with
    // or given to lets go of it, its tombstone included.
    for (entity, record) in replica.deleted() {
        let Some(writer) = crate::permissions::withdrawn_when_deleted(entity) else {
            continue;
        };
        let key = (entity.to_owned(), record.clone());
        let theirs = (replica.record_undeleted(entity, record))
            .is_some_and(|fields| fields.get(writer) == Some(&FieldValue::Text(me.to_string())));
        if !theirs && !unsent.contains(&key) {
            taken.push(key);
        }
    }
    // Admin records, judged by the programmes held as ops: someone no longer among a programme's
    // admins lets go of its enrolments and nudges (their own kept), and of the programme itself
    // when it is a draft. What is of a programme not held cannot be judged, so stays (the
    // directory's copy may be older than the admins the host sent them by).
    let held = |programme: &RecordId| programmes[..held_as_ops].iter().any(|p| &p.id == programme);
    for change in &admin_changes {
        let record = match change {
            AdminChange::Programme(p) => Record::Programme(p),
            AdminChange::Enrolment(e) if held(&e.programme) => Record::Enrolment(e),
            AdminChange::Nudge(n) if held(&n.programme) => Record::Nudge(n),
            AdminChange::Enrolment(_) | AdminChange::Nudge(_) => continue,
            AdminChange::SelfAssessment(a) => Record::SelfAssessment(a),
            AdminChange::CheckIn(c) => Record::CheckIn(c),
            AdminChange::TakenOff(n) => Record::TakenOffNotice(n),
        };
        let key = (change.entity().to_owned(), change.id().clone());
        if access(viewer, record) < Access::Read && !unsent.contains(&key) {
            taken.push(key);
        }
    }
    crate::order::sort(&mut taken);
    taken.dedup();
    taken
}

/// An op held unread (one this version cannot read, kept as received), as far as it can be
/// read: the record it is about, its field, who wrote it, and its value when that is a text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeldOp {
    pub entity: String,
    pub record: String,
    pub field: String,
    pub actor: String,
    pub text: Option<String>,
}

/// A kind, the field that names its parent, and the parent's kind: what goes with its parent.
const HELD_WITH_PARENT: [(&str, &str, &str); 6] = [
    (MILESTONE, "goal", "goal"),
    (ACTION, "session", "session"),
    ("learning", "relationship", "relationship"),
    ("goal", "relationship", "relationship"),
    ("session", "relationship", "relationship"),
    ("feedback", "relationship", "relationship"),
];

/// The records the device holds only as ops it cannot read (`held`) that go with the records
/// `taken` lets go of, as (entity, record) as the ops name them: `taken_from` never sees them,
/// and once their parent is gone nothing could judge them when a later version reads them. A
/// milestone or an action item goes with its goal or session (one held unread included), as
/// `taken_from` takes children; a learning entry, goal, session or feedback with its
/// relationship, unless it is `me`'s: an op of it written by them, or a field naming them
/// (`author`, `owner`, the `partner` a session was logged with, feedback's `giver`, or its
/// `receiver` while no op makes it an anonymous aggregate), as `taken_from` keeps what one
/// taken off a pair still reads of it. A record with an op in `unsent` stays too (letting go
/// of it would wait for ever).
pub fn held_with(
    taken: &[(String, RecordId)],
    held: &[HeldOp],
    me: &RecordId,
    unsent: &[(String, RecordId)],
) -> Vec<(String, String)> {
    let is = |op: &HeldOp, key: &(String, String)| op.entity == key.0 && op.record == key.1;
    let mut parents: Vec<(String, String)> = (taken.iter())
        .map(|(e, r)| (e.clone(), r.as_str().to_owned()))
        .collect();
    let names_parent = |op: &HeldOp, parents: &[(String, String)]| {
        (HELD_WITH_PARENT.iter()).any(|(kind, field, parent)| {
            op.entity == *kind
                && op.field == *field
                && (op.text.as_deref())
                    .is_some_and(|t| parents.iter().any(|(e, r)| e == parent && r == t))
        })
    };
    let names_me = |op: &HeldOp| op.text.as_deref() == Some(me.as_str());
    let own = |op: &HeldOp| {
        op.actor == me.as_str()
            || matches!(op.field.as_str(), "author" | "owner" | "partner" | "giver") && names_me(op)
    };
    let mut with = Vec::new();
    // A session let go of takes its action items held unread too: until nothing more goes.
    loop {
        let before = with.len();
        for op in held.iter().filter(|op| names_parent(op, &parents)) {
            let key = (op.entity.clone(), op.record.clone());
            let same = |o: &&HeldOp| o.entity == op.entity && o.record == op.record;
            let child = op.entity == MILESTONE || op.entity == ACTION;
            let received = |o: &HeldOp| o.field == "receiver" && names_me(o);
            let aggregate =
                |o: &HeldOp| o.field == "visibility" && o.text.as_deref() == Some("anonymous");
            let mine = !child
                && (held.iter().filter(same).any(own)
                    || held.iter().filter(same).any(received)
                        && !held.iter().filter(same).any(aggregate));
            let waiting = (unsent.iter()).any(|(e, r)| *e == op.entity && r.as_str() == op.record);
            let already = parents.iter().any(|key| is(op, key)) || with.contains(&key);
            if !mine && !waiting && !already {
                with.push(key);
            }
        }
        if with.len() == before {
            return with;
        }
        parents.extend(with[before..].iter().cloned());
    }
}

/// Whether `field` of `record` in `r` (a learning entry's sharing, a goal's link to the pair)
/// was written while someone else held `me`'s side of the pair
/// (`permissions::before_joining`): its partner then shared it with someone else, not with them.
fn written_before_joining(
    replica: &Replica,
    r: &Relationship,
    (entity, record): (&str, &RecordId),
    field: &str,
    me: &RecordId,
) -> bool {
    let side = match r.side_of(me) {
        Some(crate::relationship::Side::Mentor) => "mentor",
        Some(crate::relationship::Side::Mentee) => "mentee",
        None => return false,
    };
    let held: Vec<SideOp> = (replica.history("relationship", &r.id, side).iter())
        .map(|op| SideOp {
            at: op.hlc,
            stored: None,
            names_them: op.value == crate::projection::FieldValue::Text(me.as_str().into()),
            replaced: !op.supersedes.is_empty(),
        })
        .collect();
    (replica.winner(entity, record, field)).is_some_and(|written| {
        let written = Written {
            at: written.hlc,
            stored: None,
        };
        before_joining(written, &held)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::DELETED;
    use crate::projection::{admin_records_of, records_of, FieldValue};
    use crate::*;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    /// A replica as amira's device holds it, with what `put` writes.
    struct Device {
        replica: Replica,
        n: i64,
    }

    impl Device {
        fn new() -> Device {
            let mut device = Device {
                replica: Replica::new(),
                n: 0,
            };
            let mut programme =
                Programme::new(id("prog"), ProgrammeKind::Mentoring, "Mentoring", Date(0));
            programme.admins = vec![id("hr-admin")];
            programme.state = ProgrammeState::Open;
            for record in admin_records_of(&AdminChange::Programme(programme)) {
                device.fields("hr-admin", record.entity, &record.id, record.fields);
            }
            device.put("hr-admin", &Change::Relationship(relationship("james")));
            device
        }

        fn fields(&mut self, actor: &str, entity: &str, record: &RecordId, fields: Fields) {
            for (field, value) in fields {
                self.set(actor, entity, record, &field, value);
            }
        }

        fn set(
            &mut self,
            actor: &str,
            entity: &str,
            record: &RecordId,
            field: &str,
            value: FieldValue,
        ) {
            self.n += 1;
            let op = id(&format!("op-{}", self.n));
            self.replica.write(
                &id(actor),
                &id(&format!("dev-{actor}")),
                entity,
                record,
                field,
                value,
                Millis(self.n),
                op,
            );
        }

        fn put(&mut self, actor: &str, change: &Change) {
            for record in records_of(change) {
                self.fields(actor, record.entity, &record.id, record.fields);
            }
        }

        fn taken(&self, unsent: &[(String, RecordId)]) -> Vec<(String, RecordId)> {
            taken_from(&self.replica, &id("amira"), unsent)
        }
    }

    use crate::projection::Fields;

    fn relationship(mentor: &str) -> Relationship {
        Relationship {
            id: id("rel"),
            kind: RelationshipKind::Mentoring,
            programme: id("prog"),
            mentor: id(mentor),
            mentee: id("sofia"),
            purpose: "Grow into the lead role".into(),
            ground_rules: String::new(),
            starts: Date(0),
            planned_end: Date(365),
            lifecycle: Lifecycle::Active,
            target_role: None,
            agreed: Default::default(),
        }
    }

    fn key(entity: &str, record: &str) -> (String, RecordId) {
        (entity.to_owned(), id(record))
    }

    fn learning(author: &str, shared: bool) -> Change {
        Change::Learning(LearningEntry {
            id: id("l1"),
            author: id(author),
            relationship: id("rel"),
            text: "What I learnt about delegating".into(),
            shared_with_partner: shared,
            written_at: Millis(1),
        })
    }

    /// amira is the mentee in these tests.
    fn amira_pair() -> Device {
        let mut device = Device::new();
        let mut r = relationship("james");
        r.mentee = id("amira");
        device.put("hr-admin", &Change::Relationship(r));
        device
    }

    #[test]
    fn a_learning_entry_no_longer_shared_is_taken_and_its_authors_own_is_not() {
        let mut device = amira_pair();
        device.put("james", &learning("james", true));
        assert_eq!(device.taken(&[]), vec![]);
        device.set(
            "james",
            "learning",
            &id("l1"),
            "shared",
            FieldValue::Bool(false),
        );
        assert_eq!(device.taken(&[]), vec![key("learning", "l1")]);
        // The author's device keeps it, shared or not.
        assert_eq!(taken_from(&device.replica, &id("james"), &[]), vec![]);
    }

    #[test]
    fn a_learning_entry_or_feedback_deleted_by_its_writer_is_let_go_of_by_the_other() {
        let mut device = amira_pair();
        device.put("james", &learning("james", true));
        device.set(
            "james",
            "learning",
            &id("l1"),
            DELETED,
            FieldValue::Bool(true),
        );
        assert_eq!(device.taken(&[]), vec![key("learning", "l1")]);
        // The author's devices keep it, to bring it back.
        assert_eq!(taken_from(&device.replica, &id("james"), &[]), vec![]);
        // Brought back, it is read again.
        device.set(
            "james",
            "learning",
            &id("l1"),
            DELETED,
            FieldValue::Bool(false),
        );
        assert_eq!(device.taken(&[]), vec![]);
        // Amira's own, deleted, stays on her device.
        let mut mine = amira_pair();
        mine.put("amira", &learning("amira", true));
        mine.set(
            "amira",
            "learning",
            &id("l1"),
            DELETED,
            FieldValue::Bool(true),
        );
        assert_eq!(mine.taken(&[]), vec![]);
        // Feedback James gave her and deleted goes too.
        let feedback = Feedback {
            id: id("f1"),
            giver: id("james"),
            receiver: id("amira"),
            relationship: id("rel"),
            session: None,
            strengths: vec![],
            development_areas: vec![],
            ratings: Default::default(),
            overall: "Clear and kind".into(),
            visibility: Visibility::PrivateToReceiver,
            given_at: Millis(1),
        };
        device.put("james", &Change::Feedback(feedback));
        device.set(
            "james",
            "feedback",
            &id("f1"),
            DELETED,
            FieldValue::Bool(true),
        );
        assert_eq!(device.taken(&[]), vec![key("feedback", "f1")]);
    }

    #[test]
    fn feedback_made_an_anonymous_aggregate_is_taken_from_its_receiver() {
        let mut device = amira_pair();
        let feedback = Feedback {
            id: id("f1"),
            giver: id("james"),
            receiver: id("amira"),
            relationship: id("rel"),
            session: None,
            strengths: vec![Observation {
                text: "Listens well".into(),
                example: "the Dubai call".into(),
            }],
            development_areas: vec![],
            ratings: Default::default(),
            overall: "A good hour".into(),
            visibility: Visibility::PrivateToReceiver,
            given_at: Millis(1),
        };
        device.put("james", &Change::Feedback(feedback));
        assert_eq!(device.taken(&[]), vec![]);
        let aggregate = crate::projection::FieldValue::Text("anonymous".into());
        device.set("james", "feedback", &id("f1"), "visibility", aggregate);
        assert!(
            crate::projection::visibility_named("anonymous").is_some(),
            "the stored name of the aggregate visibility"
        );
        assert_eq!(device.taken(&[]), vec![key("feedback", "f1")]);
    }

    fn goal(owner: &str, relationship: Option<&str>) -> Goal {
        Goal {
            id: id("g1"),
            owner: id(owner),
            relationship: relationship.map(id),
            title: Title::parse("Chair the quarterly review").unwrap(),
            measure: None,
            due: None,
            relevance: Relevance::default(),
            milestones: vec![Milestone {
                id: id("m1"),
                title: Title::parse("Draft the agenda").unwrap(),
                done_on: None,
            }],
            manual_progress: Progress::default(),
            progress_from: Default::default(),
            status: GoalStatus::OnTrack,
            history: vec![],
            created_at: Millis(0),
            updated_at: Millis(0),
        }
    }

    #[test]
    fn a_goal_moved_out_of_the_pair_is_taken_with_its_milestones_and_an_own_goal_never() {
        let mut device = amira_pair();
        device.put("james", &Change::Goal(goal("james", Some("rel"))));
        assert_eq!(device.taken(&[]), vec![]);
        device.set("james", "goal", &id("g1"), "relationship", FieldValue::Null);
        assert_eq!(
            device.taken(&[]),
            vec![key("goal", "g1"), key(MILESTONE, "m1")]
        );
        // A milestone deleted before is seen through its goal all the same.
        device.set(
            "james",
            MILESTONE,
            &id("m1"),
            DELETED,
            FieldValue::Bool(true),
        );
        assert_eq!(
            device.taken(&[]),
            vec![key("goal", "g1"), key(MILESTONE, "m1")]
        );
        assert_eq!(taken_from(&device.replica, &id("james"), &[]), vec![]);
    }

    fn held_op(entity: &str, record: &str, field: &str, actor: &str, text: &str) -> HeldOp {
        HeldOp {
            entity: entity.into(),
            record: record.into(),
            field: field.into(),
            actor: actor.into(),
            text: Some(text.into()),
        }
    }

    #[test]
    fn records_held_only_unread_go_with_their_parent_unless_they_are_the_persons_own() {
        let held = [
            held_op(MILESTONE, "m-held", "goal", "james", "g1"),
            held_op(MILESTONE, "m-held", "title", "james", "SECRET"),
            held_op(ACTION, "a-held", "session", "james", "s-other"),
            held_op("learning", "l-james", "relationship", "james", "rel-1"),
            held_op("learning", "l-amira", "relationship", "amira", "rel-1"),
            held_op("goal", "g-amira", "relationship", "hr-admin", "rel-1"),
            held_op("goal", "g-amira", "owner", "hr-admin", "amira"),
            // Named to a goal, not a relationship, of that id: not its child.
            held_op(MILESTONE, "m-other", "goal", "james", "rel-1"),
        ];
        let taken = [key("goal", "g1"), key("relationship", "rel-1")];
        let text_key = |e: &str, r: &str| (e.to_owned(), r.to_owned());
        assert_eq!(
            held_with(&taken, &held, &id("amira"), &[]),
            vec![
                text_key(MILESTONE, "m-held"),
                text_key("learning", "l-james")
            ]
        );
        // One with the person's changes waiting stays; one already named is not named twice.
        assert_eq!(
            held_with(&taken, &held, &id("amira"), &[key("learning", "l-james")]),
            vec![text_key(MILESTONE, "m-held")]
        );
        let with_child = [key("goal", "g1"), key(MILESTONE, "m-held")];
        assert_eq!(held_with(&with_child, &held, &id("amira"), &[]), vec![]);
    }

    #[test]
    fn sessions_and_feedback_held_only_unread_go_with_their_relationship_unless_they_were_the_persons(
    ) {
        let held = [
            // Logged by the pair that came after amira: its words, and its items.
            held_op("session", "s-new-pair", "relationship", "james", "rel-1"),
            held_op("session", "s-new-pair", "author", "james", "james"),
            held_op("session", "s-new-pair", "partner", "james", "sofia"),
            held_op("session", "s-new-pair", "reality", "james", "SECRET-NOTES"),
            held_op(ACTION, "a-new-pair", "session", "james", "s-new-pair"),
            // One she was in: still hers to read under "Earlier pairings".
            held_op("session", "s-hers", "relationship", "james", "rel-1"),
            held_op("session", "s-hers", "partner", "james", "amira"),
            held_op(ACTION, "a-hers", "session", "james", "s-hers"),
            // Feedback between the others, to her, to her made an aggregate, and by her.
            held_op("feedback", "f-others", "relationship", "james", "rel-1"),
            held_op("feedback", "f-others", "receiver", "james", "sofia"),
            held_op("feedback", "f-to-her", "relationship", "james", "rel-1"),
            held_op("feedback", "f-to-her", "receiver", "james", "amira"),
            held_op("feedback", "f-anonymous", "relationship", "james", "rel-1"),
            held_op("feedback", "f-anonymous", "receiver", "james", "amira"),
            held_op(
                "feedback",
                "f-anonymous",
                "visibility",
                "james",
                "anonymous",
            ),
            held_op("feedback", "f-by-her", "relationship", "amira", "rel-1"),
            // Of a relationship she keeps.
            held_op("session", "s-elsewhere", "relationship", "james", "rel-2"),
        ];
        let text_key = |e: &str, r: &str| (e.to_owned(), r.to_owned());
        assert_eq!(
            held_with(&[key("relationship", "rel-1")], &held, &id("amira"), &[]),
            vec![
                text_key("session", "s-new-pair"),
                text_key("feedback", "f-others"),
                text_key("feedback", "f-anonymous"),
                text_key(ACTION, "a-new-pair"),
            ]
        );
    }

    #[test]
    fn a_goal_in_a_relationship_not_held_cannot_be_judged_and_is_kept() {
        let mut device = amira_pair();
        device.put("james", &Change::Goal(goal("james", Some("rel-elsewhere"))));
        assert_eq!(device.taken(&[]), vec![]);
    }

    #[test]
    fn changes_waiting_for_the_host_keep_their_record_and_its_family() {
        let mut device = amira_pair();
        device.put("james", &Change::Goal(goal("james", None)));
        assert_eq!(
            device.taken(&[]),
            vec![key("goal", "g1"), key(MILESTONE, "m1")]
        );
        assert_eq!(device.taken(&[key(MILESTONE, "m1")]), vec![]);
        assert_eq!(device.taken(&[key("goal", "g1")]), vec![]);
    }

    #[test]
    fn pulled_under_the_hosts_earlier_rules_goes_whole_but_the_persons_changes_the_host_has_not_taken(
    ) {
        let mut device = amira_pair();
        device.put("james", &learning("james", true));
        device.put("amira", &Change::Goal(goal("amira", None)));
        device.set(
            "james",
            "learning",
            &id("l1"),
            DELETED,
            FieldValue::Bool(true),
        );
        let everything = vec![
            key("goal", "g1"),
            key("learning", "l1"),
            key(MILESTONE, "m1"),
            key("programme", "prog"),
            key("relationship", "rel"),
        ];
        assert_eq!(pulled_before(&device.replica, &[]), everything);
        // A milestone's change waiting keeps it and its goal; the goal's keeps its milestones.
        let rest: Vec<_> = everything[1..]
            .iter()
            .filter(|(e, _)| e != MILESTONE)
            .cloned()
            .collect();
        assert_eq!(
            pulled_before(&device.replica, &[key(MILESTONE, "m1")]),
            rest
        );
        assert_eq!(pulled_before(&device.replica, &[key("goal", "g1")]), rest);
        assert_eq!(
            pulled_before(&device.replica, &[key("learning", "l1")]),
            [&everything[..1], &everything[2..]].concat()
        );
    }

    #[test]
    fn a_deleted_record_keeps_its_tombstone() {
        let mut device = amira_pair();
        // Logged by James with Sofia: not Amira's to read.
        device.put("james", &session(Some("sofia")));
        assert_eq!(
            device.taken(&[]),
            vec![key(ACTION, "a1"), key("session", "s1")]
        );
        device.set(
            "james",
            "session",
            &id("s1"),
            DELETED,
            FieldValue::Bool(true),
        );
        assert_eq!(device.taken(&[]), vec![]);
    }

    fn session(partner: Option<&str>) -> Change {
        Change::Session(Session {
            id: id("s1"),
            relationship: id("rel"),
            author: id("james"),
            partner: partner.map(id),
            at: Millis(0),
            time_zone: "Europe/London".into(),
            minutes: 60,
            place: Place::Online,
            grow: Grow {
                goal: "Lead the review".into(),
                ..Grow::default()
            },
            skills: Default::default(),
            actions: vec![ActionItem {
                id: id("a1"),
                text: "Send the agenda".into(),
                owner: id("amira"),
                due: Date(10),
                done: false,
            }],
            goals: vec![],
        })
    }

    fn given_to_amira(n: &str, visibility: Visibility) -> Change {
        Change::Feedback(Feedback {
            id: id(n),
            giver: id("james"),
            receiver: id("amira"),
            relationship: id("rel"),
            session: None,
            strengths: vec![],
            development_areas: vec![],
            ratings: Default::default(),
            overall: "A good year".into(),
            visibility,
            given_at: Millis(1),
        })
    }

    /// What the replica holds, as the screens read it.
    fn held(replica: &Replica) -> (Vec<Relationship>, Vec<Session>, Vec<Feedback>) {
        let records = replica.records();
        let changes = changes_from(records.iter().map(|(e, i, f)| (e.as_str(), i, f))).changes;
        let (mut relationships, mut sessions, mut feedback) = (vec![], vec![], vec![]);
        for change in changes {
            match change {
                Change::Relationship(r) => relationships.push(r),
                Change::Session(s) => sessions.push(s),
                Change::Feedback(f) => feedback.push(f),
                _ => {}
            }
        }
        (relationships, sessions, feedback)
    }

    #[test]
    fn a_device_holding_the_op_that_took_the_pair_lets_go_of_the_relationship_and_keeps_the_rest() {
        let mut device = amira_pair();
        device.put("james", &session(Some("amira")));
        device.put("amira", &learning("amira", true));
        device.put("james", &given_to_amira("f1", Visibility::SharedWithPair));
        // The admins put layla in amira's place, and this device received that op itself, as
        // a host sent it before stand-ins.
        device.set(
            "hr-admin",
            "relationship",
            &id("rel"),
            "mentee",
            FieldValue::Text("layla".into()),
        );
        assert!(named(&device.replica).contains(&"layla".to_owned()));
        assert_eq!(device.taken(&[]), vec![key("relationship", "rel")]);
        let taken = device.taken(&[]);
        device.replica.forget(&taken);
        assert!(!named(&device.replica).contains(&"layla".to_owned()));
        // Opened again (what the widget keeps is the compaction): nothing more to let go of.
        let opened = Replica::restore(device.replica.compact(), Millis(10_000));
        assert!(!named(&opened).contains(&"layla".to_owned()));
        assert_eq!(taken_from(&opened, &id("amira"), &[]), vec![]);
        // She reads back what she was in, and what james gave her, as a new device does.
        let (relationships, sessions, feedback) = held(&opened);
        assert!(relationships.is_empty());
        let me = id("amira");
        let earlier =
            crate::session::earlier_pairings(&relationships, &[], &sessions, &feedback, &[], &me);
        assert_eq!(earlier.len(), 1);
        assert_eq!(earlier[0].partner, &id("james"));
        assert_eq!(earlier[0].sessions.len(), 1);
        assert_eq!(earlier[0].received.len(), 1);
        assert!(opened.record("learning", &id("l1")).is_some());
    }

    #[test]
    fn feedback_given_to_someone_taken_off_stays_on_their_device_unless_not_meant_for_them() {
        let mut device = amira_pair();
        device.put(
            "james",
            &given_to_amira("f1", Visibility::PrivateToReceiver),
        );
        device.put(
            "james",
            &given_to_amira("f2", Visibility::AnonymousAggregate),
        );
        let mut admins = Device {
            replica: device.replica.clone(),
            n: device.n,
        };
        admins.set(
            "hr-admin",
            "relationship",
            &id("rel"),
            "mentee",
            FieldValue::Text("layla".into()),
        );
        let repaired = admins.replica.ops().last().copied().unwrap().clone();
        device
            .replica
            .apply_all([stand_in(&repaired)], Millis(1_000));
        // No session of hers to read back: the relationship goes, and the aggregate, which
        // was never hers to read; what james gave her stays, with the relationship or without.
        assert_eq!(
            device.taken(&[]),
            vec![key("feedback", "f2"), key("relationship", "rel")]
        );
        let taken = device.taken(&[]);
        device.replica.forget(&taken);
        assert_eq!(device.taken(&[]), vec![]);
        let (relationships, sessions, feedback) = held(&device.replica);
        let ids: Vec<&str> = feedback.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["f1"]);
        let earlier = crate::session::earlier_pairings(
            &relationships,
            &[],
            &sessions,
            &feedback,
            &[],
            &id("amira"),
        );
        assert_eq!(earlier.len(), 1);
        assert_eq!(earlier[0].partner, &id("james"));
        assert_eq!(earlier[0].received[0].id, id("f1"));
    }

    /// The stand-in a host sends `amira` for `op`, which took the pair from her
    /// (`merge::WITHHELD_PREFIX`): the relationship's own id in place of who took her place.
    fn stand_in(op: &crate::merge::Op) -> crate::merge::Op {
        let mut stand_in = op.clone();
        stand_in.id = id(&crate::merge::withheld_op_id(op.id.as_str()));
        stand_in.value = FieldValue::Text(op.record.as_str().into());
        stand_in.device = id("portal");
        stand_in
    }

    /// Every person id the replica's ops name, as values or actors.
    fn named(replica: &Replica) -> Vec<String> {
        (replica.ops().iter())
            .flat_map(|op| [op.value.clone(), FieldValue::Text(op.actor.as_str().into())])
            .filter_map(|value| match value {
                FieldValue::Text(text) => Some(text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn someone_put_in_a_pair_keeps_only_the_notes_shared_with_them_since_they_joined() {
        let mut device = amira_pair();
        device.put("james", &learning("james", true));
        // The admins put tom in amira's place; james shares a second entry after.
        device.set(
            "hr-admin",
            "relationship",
            &id("rel"),
            "mentee",
            FieldValue::Text("tom".into()),
        );
        let mut after = learning("james", true);
        if let Change::Learning(l) = &mut after {
            l.id = id("l2");
        }
        device.put("james", &after);
        let tom = |replica: &Replica| taken_from(replica, &id("tom"), &[]);
        assert_eq!(tom(&device.replica), vec![key("learning", "l1")]);
        // Shared again since he joined: his to read.
        device.set(
            "james",
            "learning",
            &id("l1"),
            "shared",
            FieldValue::Bool(true),
        );
        assert_eq!(tom(&device.replica), vec![]);
        // Whoever was in the pair from its start reads what was shared then.
        assert_eq!(taken_from(&device.replica, &id("james"), &[]), vec![]);
    }

    #[test]
    fn someone_put_in_a_pair_reads_only_the_partners_goals_set_in_it_since_they_joined() {
        let mut device = amira_pair();
        device.put("james", &Change::Goal(goal("james", Some("rel"))));
        device.set(
            "hr-admin",
            "relationship",
            &id("rel"),
            "mentee",
            FieldValue::Text("tom".into()),
        );
        let tom = |replica: &Replica| taken_from(replica, &id("tom"), &[]);
        // Set with amira, with its milestones.
        assert_eq!(
            tom(&device.replica),
            vec![key("goal", "g1"), key(MILESTONE, "m1")]
        );
        // Set in the pair again since he joined: his partner's goal, his to read.
        device.set(
            "james",
            "goal",
            &id("g1"),
            "relationship",
            FieldValue::Text("rel".into()),
        );
        assert_eq!(tom(&device.replica), vec![]);
        assert_eq!(taken_from(&device.replica, &id("james"), &[]), vec![]);
    }

    #[test]
    fn a_write_over_a_stand_in_replaces_the_op_it_stands_for_on_every_device() {
        // amira wrote the agreement; the host sent tom, put in her place, a stand-in for it.
        let mut device = amira_pair();
        device.set(
            "amira",
            "relationship",
            &id("rel"),
            "ground-rules",
            FieldValue::Text("Amira's rules".into()),
        );
        let hers = device.replica.ops().last().copied().unwrap().clone();
        let mut toms = Replica::new();
        let mut empty = stand_in(&hers);
        empty.value = FieldValue::Text(String::new());
        toms.apply(empty, Millis(1_000));
        let written = toms.write(
            &id("tom"),
            &id("dev-tom"),
            "relationship",
            &id("rel"),
            "ground-rules",
            FieldValue::Text("Tom's rules".into()),
            Millis(2_000),
            id("op-tom"),
        );
        // The mentor's device, holding amira's op, reads tom's as replacing it, not beside it.
        device.replica.apply(written, Millis(2_000));
        let field = |r: &Replica| {
            r.winner("relationship", &id("rel"), "ground-rules")
                .map(|o| o.value.clone())
        };
        assert_eq!(
            field(&device.replica),
            Some(FieldValue::Text("Tom's rules".into()))
        );
        assert!((device
            .replica
            .conflicts("relationship", &id("rel"), "ground-rules"))
        .is_empty());
    }

    #[test]
    fn someone_taken_off_by_a_stand_in_reads_back_their_sessions_and_holds_nobody_new() {
        let mut device = amira_pair();
        device.put("james", &session(Some("amira")));
        let mut admins = Device {
            replica: device.replica.clone(),
            n: device.n,
        };
        admins.set(
            "hr-admin",
            "relationship",
            &id("rel"),
            "mentee",
            FieldValue::Text("layla".into()),
        );
        let repaired = admins.replica.ops().last().copied().unwrap().clone();
        assert_eq!(repaired.value, FieldValue::Text("layla".into()));
        device
            .replica
            .apply_all([stand_in(&repaired)], Millis(1_000));
        assert!(!named(&device.replica).contains(&"layla".to_owned()));
        // She is off the pair and reads back its sessions under it; the re-pairing is known.
        assert_eq!(device.taken(&[]), vec![]);
        let records = device.replica.records();
        let changes = changes_from(records.iter().map(|(e, i, f)| (e.as_str(), i, f))).changes;
        let relationships: Vec<Relationship> = (changes.iter())
            .filter_map(|c| match c {
                Change::Relationship(r) => Some(r.clone()),
                _ => None,
            })
            .collect();
        let sessions: Vec<Session> = (changes.iter())
            .filter_map(|c| match c {
                Change::Session(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        let me = id("amira");
        assert!(!relationships[0].is_party(&me));
        let earlier =
            crate::session::earlier_pairings(&relationships, &[], &sessions, &[], &[], &me);
        assert_eq!(earlier.len(), 1);
        assert_eq!(earlier[0].partner, &id("james"));
        assert_eq!(earlier[0].kind, Some(RelationshipKind::Mentoring));
        let log = crate::reminders::pairing_log(&device.replica);
        assert_eq!(log[0].replaced, Some(crate::relationship::Side::Mentee));
        assert!(device.replica.all_conflicts().is_empty());

        // Put back in the pair: the admins' op supersedes the one they saw, never the
        // stand-in, which is then no conflict.
        admins.set(
            "hr-admin",
            "relationship",
            &id("rel"),
            "mentee",
            FieldValue::Text("amira".into()),
        );
        let back = admins.replica.ops().last().copied().unwrap().clone();
        let mut again = device.replica.clone();
        again.apply_all([back], Millis(2_000));
        let winner = again.winner("relationship", &id("rel"), "mentee").unwrap();
        assert_eq!(winner.value, FieldValue::Text("amira".into()));
        assert!(
            again.all_conflicts().is_empty(),
            "{:?}",
            again.all_conflicts()
        );

        // Shown the pair as it now stands instead (put in on the other side), the op the
        // stand-in stood for arrives, and the stand-in gives way to it, whatever their order.
        device.replica.apply_all([repaired], Millis(2_000));
        let winner = device.replica.winner("relationship", &id("rel"), "mentee");
        assert_eq!(winner.unwrap().value, FieldValue::Text("layla".into()));
        assert!(device.replica.all_conflicts().is_empty());
        let record = device.replica.record("relationship", &id("rel")).unwrap();
        assert_eq!(record["mentee"], FieldValue::Text("layla".into()));
    }

    #[test]
    fn someone_put_back_in_a_pair_keeps_what_came_in_their_own_stint_and_nothing_of_the_one_between(
    ) {
        let mut device = amira_pair();
        device.put("james", &learning("james", true));
        device.put("james", &Change::Goal(goal("james", Some("rel"))));
        let mut admins = Device {
            replica: device.replica.clone(),
            n: device.n,
        };
        let mentee = |admins: &mut Device, who: &str| {
            admins.set(
                "hr-admin",
                "relationship",
                &id("rel"),
                "mentee",
                FieldValue::Text(who.into()),
            );
            admins.replica.ops().last().copied().unwrap().clone()
        };
        // Put in her place by mistake: her device receives the stand-in alone.
        let tom = mentee(&mut admins, "tom");
        device.replica.apply_all([stand_in(&tom)], Millis(1_000));
        // Shared with Tom while he held her side (held here as if it had reached her).
        device.n = admins.n;
        let mut with_tom = learning("james", true);
        if let Change::Learning(l) = &mut with_tom {
            l.id = id("l2");
        }
        device.put("james", &with_tom);
        admins.n = device.n;
        // Put back: the admins' op supersedes Tom's, and her device is reopened after.
        let back = mentee(&mut admins, "amira");
        device.replica.apply_all([back], Millis(2_000));
        let reopened = Replica::restore(device.replica.compact(), Millis(3_000));
        for replica in [&device.replica, &reopened] {
            assert_eq!(
                taken_from(replica, &id("amira"), &[]),
                vec![key("learning", "l2")],
                "hers from her first stint, not Tom's"
            );
        }
        // A device that let go of the relationship takes its side's ops in again when the host
        // sends them on her return, the one replaced since included.
        let side = (device.replica)
            .history("relationship", &id("rel"), "mentee")
            .to_vec();
        // The making (sofia, then her in the same set-up), Tom's stand-in, her return.
        assert_eq!(side.len(), 4, "{side:?}");
        let mut forgot = reopened.clone();
        forgot.forget(&[key("relationship", "rel")]);
        assert!(forgot
            .history("relationship", &id("rel"), "mentee")
            .is_empty());
        forgot.apply_all(side.clone(), Millis(4_000));
        assert_eq!(
            forgot.history("relationship", &id("rel"), "mentee").len(),
            side.len()
        );
    }

    #[test]
    fn a_stand_in_for_an_op_with_an_id_too_long_to_prefix_still_gives_way_to_it() {
        let mut device = amira_pair();
        let mut admins = Device {
            replica: device.replica.clone(),
            n: device.n,
        };
        admins.set(
            "hr-admin",
            "relationship",
            &id("rel"),
            "mentee",
            FieldValue::Text("layla".into()),
        );
        // An admin tool's id of 60 characters, sorting below the stand-in's: that id is a hash.
        let mut repaired = admins.replica.ops().last().copied().unwrap().clone();
        repaired.id = id(&"a".repeat(60));
        let hidden = stand_in(&repaired);
        assert!(hidden.id.as_str().starts_with("withheld_"), "{}", hidden.id);
        device.replica.apply_all([hidden], Millis(1_000));
        device.replica.apply_all([repaired], Millis(2_000));
        let winner = device.replica.winner("relationship", &id("rel"), "mentee");
        assert_eq!(winner.unwrap().value, FieldValue::Text("layla".into()));
        assert!(
            device.replica.all_conflicts().is_empty(),
            "{:?}",
            device.replica.all_conflicts()
        );
    }

    #[test]
    fn a_relationship_taken_with_nothing_left_to_read_in_it_goes_with_what_was_seen_through_it() {
        let mut device = amira_pair();
        // Logged before the pair was recorded: the pair's as it is now.
        device.put("james", &session(None));
        device.put("james", &learning("james", true));
        device.set(
            "hr-admin",
            "relationship",
            &id("rel"),
            "mentee",
            FieldValue::Text("sofia".into()),
        );
        assert_eq!(
            device.taken(&[]),
            vec![
                key(ACTION, "a1"),
                key("learning", "l1"),
                key("relationship", "rel"),
                key("session", "s1"),
            ]
        );
    }

    #[test]
    fn what_is_judged_without_its_relationship_or_programme_is_kept() {
        let device = Device::new();
        let mut other = Device {
            replica: Replica::new(),
            n: 100,
        };
        // Logged by james with sofia: nothing of amira's.
        other.put("james", &session(Some("sofia")));
        other.put("james", &learning("james", true));
        assert_eq!(other.taken(&[]), vec![], "no relationship held");
        let mut r = relationship("james");
        r.programme = id("prog-elsewhere");
        other.put("hr-admin", &Change::Relationship(r));
        assert_eq!(
            other.taken(&[]),
            vec![
                key(ACTION, "a1"),
                key("learning", "l1"),
                key("session", "s1")
            ],
            "whether she administers the programme cannot be told, so the relationship stays"
        );
        // An admin of the programme held sees the relationship.
        assert_eq!(taken_from(&device.replica, &id("hr-admin"), &[]), vec![]);
    }

    /// Bob administers `prog` with hr-admin; its records as his device holds them.
    fn bobs_programme(state: ProgrammeState) -> (Device, Programme) {
        let mut device = Device::new();
        let mut programme =
            Programme::new(id("prog"), ProgrammeKind::Mentoring, "Mentoring", Date(0));
        programme.admins = vec![id("hr-admin"), id("bob")];
        programme.state = state;
        device.admin("hr-admin", &AdminChange::Programme(programme.clone()));
        let enrolment = |eid: &str, person: &str, status: EnrolmentStatus| {
            AdminChange::Enrolment(Enrolment {
                id: id(eid),
                programme: id("prog"),
                person: id(person),
                role: EnrolledAs::Mentee,
                status,
                since: Date(0),
            })
        };
        device.admin(
            "bob",
            &enrolment("e-amira", "amira", EnrolmentStatus::Invited),
        );
        device.admin("bob", &enrolment("e-tom", "tom", EnrolmentStatus::Declined));
        device.admin(
            "hr-admin",
            &enrolment("e-bob", "bob", EnrolmentStatus::Enrolled),
        );
        let nudge = |nid: &str, to: &str| {
            AdminChange::Nudge(crate::health::Nudge {
                id: id(nid),
                programme: id("prog"),
                relationship: id("rel"),
                to: id(to),
                reason: "no-session".into(),
                by: id("bob"),
                at: Millis(1),
            })
        };
        device.admin("bob", &nudge("n-james", "james"));
        device.admin("hr-admin", &nudge("n-bob", "bob"));
        device.admin(
            "amira",
            &AdminChange::CheckIn(crate::evaluation::CheckIn {
                id: id("c-bob"),
                programme: id("prog"),
                about: id("bob"),
                by: id("amira"),
                observer: crate::evaluation::Observer::Peer,
                score: 4,
                written_at: Millis(1),
            }),
        );
        (device, programme)
    }

    impl Device {
        fn admin(&mut self, actor: &str, change: &AdminChange) {
            for record in admin_records_of(change) {
                self.fields(actor, record.entity, &record.id, record.fields);
            }
        }
    }

    fn bob(device: &Device, unsent: &[(String, RecordId)]) -> Vec<(String, RecordId)> {
        taken_from(&device.replica, &id("bob"), unsent)
    }

    #[test]
    fn an_admin_taken_off_a_programme_lets_go_of_its_enrolments_nudges_and_pairs_not_their_own() {
        let (mut device, mut programme) = bobs_programme(ProgrammeState::Open);
        assert_eq!(bob(&device, &[]), vec![]);
        programme.admins = vec![id("hr-admin")];
        device.admin("hr-admin", &AdminChange::Programme(programme));
        assert_eq!(
            bob(&device, &[]),
            vec![
                key("enrolment", "e-amira"),
                key("enrolment", "e-tom"),
                key("nudge", "n-james"),
                key("relationship", "rel"),
            ],
            "his own enrolment, the nudge to him, the check-in about him and the open \
             programme stay"
        );
        // An invitation he made offline and the host has not acknowledged stays.
        assert_eq!(
            bob(&device, &[key("enrolment", "e-amira")]),
            vec![
                key("enrolment", "e-tom"),
                key("nudge", "n-james"),
                key("relationship", "rel"),
            ]
        );
        // hr-admin's device keeps everything but what is only others' to read.
        assert_eq!(
            taken_from(&device.replica, &id("hr-admin"), &[]),
            vec![key("check-in", "c-bob")]
        );
    }

    #[test]
    fn an_admin_taken_off_a_draft_programme_lets_go_of_the_programme_too() {
        let (mut device, mut programme) = bobs_programme(ProgrammeState::Draft);
        assert_eq!(bob(&device, &[]), vec![]);
        programme.admins = vec![id("hr-admin")];
        device.admin("hr-admin", &AdminChange::Programme(programme));
        let taken = bob(&device, &[]);
        assert!(taken.contains(&key("programme", "prog")), "{taken:?}");
        assert!(taken.contains(&key("enrolment", "e-tom")), "{taken:?}");
        // Let go of, what is left is only his own, and nothing of it is judged away again.
        device.replica.forget(&taken);
        assert_eq!(bob(&device, &[]), vec![]);
        let records = device.replica.records();
        let left: Vec<&RecordId> = (records.iter())
            .filter(|(e, _, _)| crate::record::ADMIN_ENTITIES.contains(&e.as_str()))
            .map(|(_, id, _)| id)
            .collect();
        assert_eq!(left, vec![&id("c-bob"), &id("e-bob"), &id("n-bob")]);
    }

    #[test]
    fn an_enrolment_of_a_programme_not_held_is_kept() {
        let mut device = Device {
            replica: Replica::new(),
            n: 0,
        };
        device.admin(
            "hr-admin",
            &AdminChange::Enrolment(Enrolment {
                id: id("e-amira"),
                programme: id("prog"),
                person: id("amira"),
                role: EnrolledAs::Mentee,
                status: EnrolmentStatus::Invited,
                since: Date(0),
            }),
        );
        assert_eq!(bob(&device, &[]), vec![]);
    }

    /// The programme as the host's directory names it: a participant's device holds it only so.
    fn in_directory() -> Programme {
        let mut programme =
            Programme::new(id("prog"), ProgrammeKind::Mentoring, "Mentoring", Date(0));
        programme.admins = vec![id("hr-admin")];
        programme.state = ProgrammeState::Open;
        programme
    }

    /// amira mentors sofia in a programme her device knows from the directory alone, then the
    /// admins take her off the pair (the host's stand-in names the relationship in her place).
    fn taken_off_without_the_programme(with_session: bool) -> Device {
        let mut device = Device {
            replica: Replica::new(),
            n: 0,
        };
        device.put("hr-admin", &Change::Relationship(relationship("amira")));
        device.put("sofia", &Change::Goal(goal("sofia", Some("rel"))));
        if with_session {
            let Change::Session(mut logged) = session(Some("amira")) else {
                unreachable!()
            };
            logged.author = id("sofia");
            device.put("sofia", &Change::Session(logged));
        }
        device.set(
            "hr-admin",
            "relationship",
            &id("rel"),
            "mentor",
            FieldValue::Text("rel".into()),
        );
        device
    }

    #[test]
    fn someone_taken_off_a_pair_of_a_directory_programme_lets_go_of_the_partners_goals() {
        let directory = [in_directory()];
        let mut device = taken_off_without_the_programme(false);
        // Alone, the device cannot tell whether she administers the programme: all stays.
        assert_eq!(device.taken(&[]), vec![]);
        // Knowing the programme, the partner's goal goes with its milestones, and the
        // relationship, with nothing of hers to read under it.
        let amira = |device: &Device| taken_knowing(&device.replica, &id("amira"), &[], &directory);
        assert_eq!(
            amira(&device),
            vec![
                key("goal", "g1"),
                key(MILESTONE, "m1"),
                key("relationship", "rel")
            ]
        );
        let taken = amira(&device);
        device.replica.forget(&taken);
        let left: Vec<String> = device
            .replica
            .ops()
            .iter()
            .map(|op| op.entity.clone())
            .collect();
        assert!(left.is_empty(), "{left:?}");
        // Its admins keep it all.
        let device = taken_off_without_the_programme(false);
        assert_eq!(
            taken_knowing(&device.replica, &id("hr-admin"), &[], &directory),
            vec![]
        );
    }

    #[test]
    fn a_directory_older_than_the_admins_the_host_sent_by_lets_go_of_nothing_of_a_pair_never_joined(
    ) {
        // HR made bob an admin of the programme after his device kept the directory (which
        // names hr-admin alone): the host sends him the pair, its goal and an enrolment, and
        // never again, the directory's change being no op.
        let directory = [in_directory()];
        let mut device = Device {
            replica: Replica::new(),
            n: 0,
        };
        device.put("hr-admin", &Change::Relationship(relationship("amira")));
        device.put("sofia", &Change::Goal(goal("sofia", Some("rel"))));
        device.admin(
            "hr-admin",
            &AdminChange::Enrolment(Enrolment {
                id: id("e-sofia"),
                programme: id("prog"),
                person: id("sofia"),
                role: EnrolledAs::Mentee,
                status: EnrolmentStatus::Enrolled,
                since: Date(0),
            }),
        );
        assert_eq!(
            taken_knowing(&device.replica, &id("bob"), &[], &directory),
            vec![]
        );
        // Once a side of a pair, the directory judges it: taken off it (the stand-in in his
        // place), he lets go of the partner's goal and the pair; the enrolment, not judged by a
        // directory, stays.
        device.set(
            "hr-admin",
            "relationship",
            &id("rel"),
            "mentor",
            FieldValue::Text("bob".into()),
        );
        device.set(
            "hr-admin",
            "relationship",
            &id("rel"),
            "mentor",
            FieldValue::Text("amira".into()),
        );
        assert_eq!(
            taken_knowing(&device.replica, &id("bob"), &[], &directory),
            vec![
                key("goal", "g1"),
                key(MILESTONE, "m1"),
                key("relationship", "rel")
            ]
        );
    }

    #[test]
    fn someone_taken_off_keeps_what_is_theirs_and_what_they_were_in_and_nothing_else_of_the_pair() {
        let directory = [in_directory()];
        let mut device = taken_off_without_the_programme(true);
        // Hers: a personal goal, a goal she set in the pair, a note, an entry she shared, the
        // feedback she gave and was given.
        let mut personal = goal("amira", None);
        personal.id = id("g-own");
        personal.milestones[0].id = id("m-own");
        let mut in_pair = goal("amira", Some("rel"));
        in_pair.id = id("g-pair");
        in_pair.milestones[0].id = id("m-pair");
        device.put("amira", &Change::Goal(personal));
        device.put("amira", &Change::Goal(in_pair));
        device.put(
            "amira",
            &Change::PrivateNote(PrivateNote {
                id: id("n1"),
                owner: id("amira"),
                session: id("s1"),
                text: "Ask about the budget".into(),
            }),
        );
        let Change::Learning(mut hers) = learning("amira", true) else {
            unreachable!()
        };
        hers.id = id("l-amira");
        device.put("amira", &Change::Learning(hers));
        device.put("sofia", &learning("sofia", true));
        let Change::Feedback(mut given) = given_to_amira("f-given", Visibility::SharedWithPair)
        else {
            unreachable!()
        };
        (given.giver, given.receiver) = (id("amira"), id("sofia"));
        device.put("amira", &Change::Feedback(given));
        let Change::Feedback(mut received) =
            given_to_amira("f-received", Visibility::PrivateToReceiver)
        else {
            unreachable!()
        };
        received.giver = id("sofia");
        device.put("sofia", &Change::Feedback(received));
        // Of the pair's: the partner's goal and shared entry go; the session she was in, its
        // action item, and the relationship it is read back under stay.
        assert_eq!(
            taken_knowing(&device.replica, &id("amira"), &[], &directory),
            vec![
                key("goal", "g1"),
                key("learning", "l1"),
                key(MILESTONE, "m1"),
            ]
        );
    }

    #[test]
    fn a_private_note_is_never_taken() {
        let mut device = amira_pair();
        let note = Change::PrivateNote(PrivateNote {
            id: id("n1"),
            owner: id("amira"),
            session: id("s1"),
            text: "Ask about the budget".into(),
        });
        device.put("amira", &note);
        assert_eq!(device.taken(&[]), vec![]);
    }

    #[test]
    fn forgetting_a_taken_record_keeps_nothing_of_it_and_it_comes_back_whole_without_conflicts() {
        let mut device = amira_pair();
        device.put("james", &learning("james", true));
        device.set(
            "james",
            "learning",
            &id("l1"),
            "text",
            FieldValue::Text("Rewritten".into()),
        );
        device.set(
            "james",
            "learning",
            &id("l1"),
            "shared",
            FieldValue::Bool(false),
        );
        let held: Vec<crate::merge::Op> = device.replica.ops().into_iter().cloned().collect();
        let taken = device.taken(&[]);
        device.replica.forget(&taken);
        assert_eq!(device.taken(&[]), vec![]);
        let compacted = device.replica.compact();
        assert!(
            !(compacted.heads.iter()).any(|op| op.record == id("l1")),
            "{compacted:?}"
        );
        assert!(!(device.replica.ops().iter()).any(|op| op.record == id("l1")));
        // Shared again: the host re-sends its standing values with the op that shared it, and
        // the writer's own replaced value as well; the snapshot is what the device opens with.
        let mut opened = Replica::restore(compacted, Millis(1_000));
        let standing: Vec<crate::merge::Op> = (held.iter())
            .filter(|op| op.record == id("l1"))
            .filter(|op| {
                op.field != "shared"
                    && !(op.field == "text" && op.value != FieldValue::Text("Rewritten".into()))
            })
            .cloned()
            .collect();
        let replaced_text = (held.iter())
            .find(|op| {
                op.field == "text"
                    && op.record == id("l1")
                    && op.value != FieldValue::Text("Rewritten".into())
            })
            .unwrap()
            .clone();
        let mut shared = (held.iter())
            .find(|op| op.field == "shared" && op.value == FieldValue::Bool(false))
            .unwrap()
            .clone();
        shared.id = id("op-share-again");
        shared.value = FieldValue::Bool(true);
        shared.hlc.wall += 1_000;
        shared.supersedes = vec![(held.iter())
            .find(|op| op.field == "shared" && op.value == FieldValue::Bool(false))
            .unwrap()
            .id
            .clone()];
        let mut resent = standing;
        resent.push(replaced_text);
        resent.push(shared);
        opened.apply_all(resent, Millis(2_000));
        let Some(Change::Learning(entry)) =
            changes_from((opened.records().iter()).map(|(e, i, f)| (e.as_str(), i, f)))
                .changes
                .into_iter()
                .find(|c| c.entity() == "learning")
        else {
            panic!("the entry is back");
        };
        assert_eq!(entry.text, "Rewritten");
        assert!(entry.shared_with_partner);
        assert!(
            opened.all_conflicts().is_empty(),
            "{:?}",
            opened.all_conflicts()
        );
        assert!(opened.unseen_by_delete(&id("amira")).is_empty());
    }
}
