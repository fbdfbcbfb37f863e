//! Who may see and change what. The UI asks before it shows or offers anything; sync asks
//! before a record leaves the host for a device. One function answers both, so they agree.
//!
//! Architecture invariant: privacy is decided per record. Private notes, private feedback and
//! the learning log are records of their own, so filtering whole records is enough to keep
//! them from anyone they are not meant for.

use crate::evaluation::{CheckIn, SelfAssessment};
use crate::health::Nudge;
use crate::merge::Hlc;
use crate::{
    Enrolment, Feedback, Goal, LearningEntry, MatchingPreferences, Person, PrivateNote, Programme,
    ProgrammeState, RecordId, Relationship, Session, Visibility,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    None,
    Read,
    Write,
}

/// The person asking, and the programmes they administer.
#[derive(Clone, Copy, Debug)]
pub struct Viewer<'a> {
    pub person: &'a RecordId,
    pub admin_of: &'a [RecordId],
}

impl Viewer<'_> {
    fn administers(&self, programme: &RecordId) -> bool {
        self.admin_of.contains(programme)
    }
}

/// A record together with the relationship that gives it its audience.
#[derive(Clone, Copy, Debug)]
pub enum Record<'a> {
    Programme(&'a Programme),
    Relationship(&'a Relationship),
    Goal(&'a Goal, Option<&'a Relationship>),
    Session(&'a Session, &'a Relationship),
    /// A session a device holds without its relationship: a new device of someone its admins
    /// took off the pair receives the sessions they were in, but not the relationship, which
    /// names who took their place. Only a device asks this, and only of a session whose
    /// relationship it holds no record of at all: one it holds deleted or unreadable takes its
    /// sessions with it (`session::earlier_pairings`). The host, which holds every
    /// relationship, judges a session with its own ([`Record::Session`]).
    SessionWithoutRelationship(&'a Session),
    PrivateNote(&'a PrivateNote),
    Feedback(&'a Feedback, &'a Relationship),
    /// Feedback a device holds without its relationship, as someone taken off the pair holds
    /// what they gave or received in it (the relationship names who took their place). Asked
    /// as [`Record::SessionWithoutRelationship`] is; the host judges it with its own.
    FeedbackWithoutRelationship(&'a Feedback),
    Learning(&'a LearningEntry, &'a Relationship),
    Enrolment(&'a Enrolment),
    Nudge(&'a Nudge),
    SelfAssessment(&'a SelfAssessment),
    CheckIn(&'a CheckIn),
    MatchingPreferences(&'a MatchingPreferences),
    TakenOffNotice(&'a crate::reminders::TakenOffNotice),
}

pub fn access(viewer: Viewer<'_>, record: Record<'_>) -> Access {
    let me = viewer.person;
    match record {
        Record::Programme(p) if viewer.administers(&p.id) || p.is_admin(me) => Access::Write,
        // A draft is its admins' work in progress.
        Record::Programme(p) if p.state == ProgrammeState::Draft => Access::None,
        Record::Programme(_) => Access::Read,
        Record::Relationship(r) if r.is_party(me) || viewer.administers(&r.programme) => {
            Access::Write
        }
        Record::Relationship(_) => Access::None,
        Record::Goal(g, _) if &g.owner == me => Access::Write,
        // A goal in a relationship is followed by the partner and, for programme health, by
        // the programme's admins; a personal goal stays with its owner.
        Record::Goal(g, Some(r)) if g.relationship.as_ref() == Some(&r.id) => {
            if partners(r, me, &g.owner) || viewer.administers(&r.programme) {
                Access::Read
            } else {
                Access::None
            }
        }
        Record::Goal(..) => Access::None,
        // What was said in a session belongs to the pair who said it, not to HR, nor to
        // whoever later replaces one of them. Its action items travel with it.
        Record::Session(s, r) if s.relationship == r.id && r.is_party(me) && s.logged_with(me) => {
            Access::Write
        }
        // Someone its admins took off the pair keeps reading what they were in, and changes
        // nothing of it: the pair is another's now. Only a recorded pair says they were in it
        // (the host checks it against the relationship when the session is logged, and it
        // never changes); one without is the pair's as it is now.
        Record::Session(s, r)
            if s.relationship == r.id && s.partner.is_some() && s.logged_with(me) =>
        {
            Access::Read
        }
        Record::Session(..) => Access::None,
        // The host sent it, and sends a session only to whoever may read it; still, only its
        // recorded pair ever read it here (one without a recorded pair is the relationship's
        // pair as it is now, which the device does not know), and nobody changes it: whether
        // they are still of the pair, only the relationship says.
        Record::SessionWithoutRelationship(s) if s.partner.is_some() && s.logged_with(me) => {
            Access::Read
        }
        Record::SessionWithoutRelationship(_) => Access::None,
        Record::PrivateNote(n) if &n.owner == me => Access::Write,
        Record::PrivateNote(_) => Access::None,
        Record::Feedback(f, _) if &f.giver == me => Access::Write,
        Record::Feedback(f, r) if &f.receiver == me && f.relationship == r.id => match f.visibility
        {
            Visibility::PrivateToReceiver | Visibility::SharedWithPair => Access::Read,
            Visibility::AnonymousAggregate => Access::None,
        },
        Record::Feedback(..) => Access::None,
        // Only its giver and its receiver ever read it here, the receiver as the visibility
        // lets them; nobody changes it: whether they are still of the pair, only the
        // relationship says.
        Record::FeedbackWithoutRelationship(f) if &f.giver == me => Access::Read,
        Record::FeedbackWithoutRelationship(f) if &f.receiver == me => match f.visibility {
            Visibility::PrivateToReceiver | Visibility::SharedWithPair => Access::Read,
            Visibility::AnonymousAggregate => Access::None,
        },
        Record::FeedbackWithoutRelationship(_) => Access::None,
        Record::Learning(l, _) if &l.author == me => Access::Write,
        Record::Learning(l, r)
            if l.shared_with_partner && l.relationship == r.id && partners(r, me, &l.author) =>
        {
            Access::Read
        }
        Record::Learning(..) => Access::None,
        // Enrolments are the admins' to make; a person sees their own, and answers an
        // invitation or leaves through `enrolment::check_enrolment_change`, nothing more.
        Record::Enrolment(e) if viewer.administers(&e.programme) => Access::Write,
        Record::Enrolment(e) if &e.person == me => Access::Read,
        Record::Enrolment(_) => Access::None,
        Record::Nudge(n) if viewer.administers(&n.programme) => Access::Write,
        Record::Nudge(n) if &n.to == me => Access::Read,
        Record::Nudge(_) => Access::None,
        // Evaluation records feed programme aggregates only: admins never read one.
        Record::SelfAssessment(a) if &a.person == me => Access::Write,
        Record::SelfAssessment(_) => Access::None,
        Record::CheckIn(c) if &c.by == me => Access::Write,
        Record::CheckIn(c) if &c.about == me => Access::Read,
        Record::CheckIn(_) => Access::None,
        // Stated for matching and for nothing else: nobody else reads them, admins included.
        Record::MatchingPreferences(p) if &p.owner == me => Access::Write,
        Record::MatchingPreferences(_) => Access::None,
        // The host writes it, for the one taken off alone: their admins know what they did,
        // and whoever took their place is never told who was there before.
        Record::TakenOffNotice(n) if &n.person == me => Access::Read,
        Record::TakenOffNotice(_) => Access::None,
    }
}

/// Who besides `me` reads `record` as it stands: the people of its pair who may (each once),
/// and whether its programme's admins do. Said before a choice of `me`'s shows them a value
/// (a text written while an entry was private, used over the one kept).
pub fn read_besides<'a>(me: &RecordId, record: Record<'a>) -> (Vec<&'a RecordId>, bool) {
    let (named, pair): ([Option<&'a RecordId>; 2], Option<&'a Relationship>) = match record {
        Record::Relationship(r) => ([None, None], Some(r)),
        Record::Goal(g, r) => ([Some(&g.owner), None], r),
        Record::Session(s, r) => ([Some(&s.author), s.partner.as_ref()], Some(r)),
        Record::Feedback(f, r) => ([Some(&f.giver), Some(&f.receiver)], Some(r)),
        Record::Learning(l, r) => ([Some(&l.author), None], Some(r)),
        _ => ([None, None], None),
    };
    let sides = pair.map(|r| [&r.mentor, &r.mentee]);
    let mut people: Vec<&RecordId> = (named.into_iter().flatten())
        .chain(sides.into_iter().flatten())
        .filter(|p| *p != me)
        .collect();
    crate::order::sort(&mut people);
    people.dedup();
    people.retain(|p| {
        let viewer = Viewer {
            person: p,
            admin_of: &[],
        };
        access(viewer, record) >= Access::Read
    });
    // Asked as its admins alone: the programme's id is nobody's.
    let admins = pair.is_some_and(|r| {
        let viewer = Viewer {
            person: &r.programme,
            admin_of: std::slice::from_ref(&r.programme),
        };
        access(viewer, record) >= Access::Read
    });
    (people, admins)
}

/// Whether `me` is `owner`'s partner in `r` now. Someone taken off a pair has no partner in it
/// any more: what they shared does not pass to their successor, who was never their partner.
fn partners(r: &Relationship, me: &RecordId, owner: &RecordId) -> bool {
    r.partner_of(owner) == Some(me)
}

impl<'a> Record<'a> {
    /// A session as a device holds it: with its relationship when it holds that, else
    /// [`Record::SessionWithoutRelationship`].
    pub fn held_session(session: &'a Session, relationship: Option<&'a Relationship>) -> Self {
        match relationship {
            Some(r) => Record::Session(session, r),
            None => Record::SessionWithoutRelationship(session),
        }
    }

    /// Feedback as a device holds it: with its relationship when it holds that, else
    /// [`Record::FeedbackWithoutRelationship`].
    pub fn held_feedback(feedback: &'a Feedback, relationship: Option<&'a Relationship>) -> Self {
        match relationship {
            Some(r) => Record::Feedback(feedback, r),
            None => Record::FeedbackWithoutRelationship(feedback),
        }
    }
}

/// The fields of a relationship that are its pair's agreement (what they set out to do, and
/// each side's saying they agree to it).
pub const AGREEMENT_FIELDS: [&str; 5] = [
    "purpose",
    "ground-rules",
    "target-role",
    "mentor-agreed",
    "mentee-agreed",
];

/// One op of a side of a relationship (its `mentor` or `mentee` field) as held: its clock,
/// where the host stored it in its log (`stored`: the host alone knows it; `None` on a
/// device), whether it named the reader, and whether it replaced an earlier value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SideOp {
    pub at: Hlc,
    pub stored: Option<i64>,
    pub names_them: bool,
    pub replaced: bool,
}

/// When a value was written: its clock, and where the host stored it in its log (`None` on a
/// device; the host gives one not stored yet, a push being judged, the end of its log).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    pub at: Hlc,
    pub stored: Option<i64>,
}

/// Whether a value written in a relationship (its agreement, the sharing of a learning entry,
/// a goal set in the pair, any write that names its writer) was written while someone else
/// held the reader's side of its pair, and so is not theirs: whoever its admins put in a
/// partner's place reads only what was written or shared in the pair while they held that side
/// (their stints), as in a new pair; what came in another's stint belongs to the pair as it was
/// then. Someone put back reads again what was written in their own earlier stints, and nothing
/// of the stint between. `side` is every op of their side held (the relationship's `mentor` or
/// `mentee`, values replaced since included), in any order: each holds the side from when it
/// was written to the next one. A write comes after a side op only when it does by clock and,
/// where the host's log order is known for both, by that too: a device's clock may run hours
/// ahead (others adopt it, `merge::hlc::MAX_AHEAD_MS`), and a write made offline before its
/// device knew of a re-pairing, pushed after it, was meant for the pair as it was. The first
/// value is the relationship's making, whatever order its fields were written in, so whoever
/// it named was there from the start; a first op held that replaced an earlier value (a device
/// that never received the ones before) leaves who held the side before it unknown, so not
/// them. The host filters what it sends with it and a device what it keeps
/// (`taken::taken_from`), from the same ops.
pub fn before_joining(written: Written, side: &[SideOp]) -> bool {
    let holder = (side.iter())
        .filter(|op| {
            op.at <= written.at
                && (op.stored)
                    .zip(written.stored)
                    .is_none_or(|(side, written)| side <= written)
        })
        .max_by_key(|op| op.at);
    match holder {
        Some(op) => !op.names_them,
        None => (side.iter())
            .min_by_key(|op| op.at)
            .is_some_and(|first| first.replaced || !first.names_them),
    }
}

/// The field naming whose a record of `entity` is, when deleting it withdraws it from everyone
/// else: a learning entry (its `author`) and feedback (its `giver`) are written for someone
/// else to read, and deleted, they are their writer's alone, as one unshared is (the host sends
/// the delete to the devices that held it, which let go of it, `taken::taken_from`, and
/// nothing of it after; brought back, it reaches whoever it says again). A deleted session
/// stays with its pair: both were there, and the other's ticks went with it.
pub fn withdrawn_when_deleted(entity: &str) -> Option<&'static str> {
    match entity {
        "learning" => Some("author"),
        "feedback" => Some("giver"),
        _ => None,
    }
}

pub fn may_see(viewer: Viewer<'_>, record: Record<'_>) -> bool {
    access(viewer, record) >= Access::Read
}

pub fn may_change(viewer: Viewer<'_>, record: Record<'_>) -> bool {
    access(viewer, record) == Access::Write
}

/// Fields of a relationship that only the programme's admins may set: who is paired, in
/// which programme, of what kind, from when and until when (extending is the admins',
/// `health::extend`, which keeps within the programme), and whether it is deleted (the pair
/// end one early instead, `relationship::check_party_field`). The pair may change the rest
/// (purpose, ground rules, lifecycle).
pub fn relationship_field_needs_admin(field: &str) -> bool {
    matches!(
        field,
        "kind" | "programme" | "mentor" | "mentee" | "starts" | "planned-end"
    ) || field == crate::merge::DELETED
}

/// Fields of a session that say whose it is: which relationship, and the pair it was logged
/// with. They are set when it is logged and never change after, so nobody can hand what was
/// said to someone who was not there.
pub fn session_field_is_fixed(field: &str) -> bool {
    matches!(field, "relationship" | "author" | "partner")
}

/// Fields that say whose a written record is, fixed once it is written (the host refuses a
/// change): a session's pair ([`session_field_is_fixed`]); feedback's giver, receiver and
/// relationship, so words given to one person are never handed to another
/// (`feedback::check_feedback_edit`); a learning entry's author and relationship
/// (`feedback::check_learning_edit`).
pub fn written_field_is_fixed(entity: &str, field: &str) -> bool {
    match entity {
        "session" => session_field_is_fixed(field),
        "feedback" => matches!(field, "giver" | "receiver" | "relationship"),
        "learning" => matches!(field, "author" | "relationship"),
        _ => false,
    }
}

/// Opt-in matching preferences are the person's alone: nobody else sees them, admins
/// included. Matching uses them without showing them.
pub fn may_see_preferences(viewer: Viewer<'_>, person: &Person) -> bool {
    viewer.person == &person.id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::*;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn relationship() -> Relationship {
        Relationship {
            id: id("rel"),
            kind: RelationshipKind::Mentoring,
            programme: id("prog"),
            mentor: id("james"),
            mentee: id("amira"),
            purpose: String::new(),
            ground_rules: String::new(),
            starts: Date(0),
            planned_end: Date(365),
            lifecycle: Lifecycle::Active,
            target_role: None,
            agreed: Default::default(),
        }
    }

    const EVERYONE: [&str; 4] = ["amira", "james", "hr-admin", "sofia"];

    /// The access each of amira (mentee), james (mentor), hr-admin (admin of the programme)
    /// and sofia (outsider) has to `record`.
    fn table(record: Record<'_>) -> [Access; 4] {
        let admin_of = [id("prog")];
        EVERYONE.map(|who| {
            let person = id(who);
            let admin: &[RecordId] = if who == "hr-admin" { &admin_of } else { &[] };
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
    fn the_hosts_notice_that_someone_was_taken_off_is_theirs_alone_to_read() {
        // amira taken off; sofia took her place: sofia is never told who was there.
        let notice = crate::reminders::TakenOffNotice {
            id: id("portal-taken-1"),
            person: id("amira"),
            relationship: id("rel"),
            programme: id("prog"),
            partner: id("james"),
            at: Millis(1),
        };
        assert_eq!(table(Record::TakenOffNotice(&notice)), [Read, No, No, No]);
    }

    #[test]
    fn relationships_belong_to_the_pair_and_the_programme_admins() {
        let r = relationship();
        assert_eq!(table(Record::Relationship(&r)), [Write, Write, Write, No]);
    }

    #[test]
    fn goals_are_followed_by_the_partner_and_admins_but_personal_goals_stay_private() {
        let r = relationship();
        let mut goals = Vec::new();
        let mut mint = |p: &str| id(&format!("{p}1"));
        let goal = decide(
            &GoalCommand::Add {
                title: "Present to the board".into(),
            },
            &goals,
            GoalContext::default(),
            &id("amira"),
            Millis(1),
            &mut mint,
        )
        .unwrap();
        apply(&mut goals, goal.clone());
        assert_eq!(table(Record::Goal(&goal, None)), [Write, No, No, No]);
        let in_pair = Goal {
            relationship: Some(id("rel")),
            ..goal
        };
        assert_eq!(
            table(Record::Goal(&in_pair, Some(&r))),
            [Write, Read, Read, No]
        );
    }

    #[test]
    fn a_choice_says_who_else_reads_the_record_it_writes() {
        let r = relationship();
        let amira = id("amira");
        let entry = |shared| LearningEntry {
            id: id("l1"),
            author: id("amira"),
            relationship: id("rel"),
            text: "Written while private".into(),
            shared_with_partner: shared,
            written_at: Millis(0),
        };
        let private = entry(false);
        assert_eq!(
            read_besides(&amira, Record::Learning(&private, &r)),
            (vec![], false)
        );
        let shared = entry(true);
        assert_eq!(
            read_besides(&amira, Record::Learning(&shared, &r)),
            (vec![&id("james")], false)
        );
        // A goal in the pair: the partner and the programme's admins; a personal one: nobody.
        let in_pair = goal_in_pair("amira", "rel");
        assert_eq!(
            read_besides(&amira, Record::Goal(&in_pair, Some(&r))),
            (vec![&id("james")], true)
        );
        let personal = Goal {
            relationship: None,
            ..in_pair.clone()
        };
        assert_eq!(
            read_besides(&amira, Record::Goal(&personal, None)),
            (vec![], false)
        );
        // Feedback: its receiver as its visibility lets them, never the admins.
        let feedback = |visibility| Feedback {
            id: id("f1"),
            giver: id("amira"),
            receiver: id("james"),
            relationship: id("rel"),
            session: None,
            strengths: vec![],
            development_areas: vec![],
            ratings: Default::default(),
            overall: String::new(),
            visibility,
            given_at: Millis(0),
        };
        let to_him = feedback(Visibility::PrivateToReceiver);
        assert_eq!(
            read_besides(&amira, Record::Feedback(&to_him, &r)),
            (vec![&id("james")], false)
        );
        let aggregate = feedback(Visibility::AnonymousAggregate);
        assert_eq!(
            read_besides(&amira, Record::Feedback(&aggregate, &r)),
            (vec![], false)
        );
        // Read by whoever is the partner now (the host keeps from a newcomer what came before).
        let mut repaired = relationship();
        repaired.mentor = id("sofia");
        assert_eq!(
            read_besides(&amira, Record::Learning(&shared, &repaired)),
            (vec![&id("sofia")], false),
            "shared now with whoever is her partner"
        );
        assert_eq!(
            read_besides(&id("james"), Record::Relationship(&r)),
            (vec![&amira], true)
        );
    }

    /// A goal of `owner`'s set in the relationship `relationship`.
    fn goal_in_pair(owner: &str, relationship: &str) -> Goal {
        Goal {
            id: id("g"),
            owner: id(owner),
            relationship: Some(id(relationship)),
            title: Title::parse("Step back from the Dubai account").unwrap(),
            measure: None,
            due: None,
            relevance: Relevance::default(),
            milestones: vec![],
            manual_progress: Progress::default(),
            progress_from: Default::default(),
            status: GoalStatus::OnTrack,
            history: vec![],
            created_at: Millis(0),
            updated_at: Millis(0),
        }
    }

    fn session() -> Session {
        Session {
            id: id("s1"),
            relationship: id("rel"),
            author: id("james"),
            partner: Some(id("amira")),
            at: Millis(0),
            time_zone: "Europe/London".into(),
            minutes: 60,
            place: Place::Online,
            grow: Grow::default(),
            skills: Default::default(),
            actions: vec![],
            goals: vec![],
        }
    }

    #[test]
    fn sessions_are_the_pairs_and_not_hrs() {
        let r = relationship();
        assert_eq!(
            table(Record::Session(&session(), &r)),
            [Write, Write, No, No]
        );
    }

    #[test]
    fn a_private_note_is_seen_by_its_owner_alone() {
        let note = PrivateNote {
            id: id("n1"),
            owner: id("amira"),
            session: id("s1"),
            text: "nervous".into(),
        };
        assert_eq!(table(Record::PrivateNote(&note)), [Write, No, No, No]);
    }

    #[test]
    fn feedback_visibility_decides_who_reads_it() {
        let r = relationship();
        let feedback = |visibility| Feedback {
            id: id("f1"),
            giver: id("amira"),
            receiver: id("james"),
            relationship: id("rel"),
            session: None,
            strengths: vec![],
            development_areas: vec![],
            ratings: Default::default(),
            overall: String::new(),
            visibility,
            given_at: Millis(0),
        };
        assert_eq!(
            table(Record::Feedback(
                &feedback(Visibility::PrivateToReceiver),
                &r
            )),
            [Write, Read, No, No]
        );
        assert_eq!(
            table(Record::Feedback(&feedback(Visibility::SharedWithPair), &r)),
            [Write, Read, No, No]
        );
        assert_eq!(
            table(Record::Feedback(
                &feedback(Visibility::AnonymousAggregate),
                &r
            )),
            [Write, No, No, No]
        );
        // Held without its relationship (its receiver taken off the pair since): its giver
        // and its receiver read it as before, and nobody changes it.
        for (visibility, james) in [
            (Visibility::PrivateToReceiver, Read),
            (Visibility::SharedWithPair, Read),
            (Visibility::AnonymousAggregate, No),
        ] {
            let held = feedback(visibility);
            assert_eq!(
                table(Record::held_feedback(&held, None)),
                [Read, james, No, No]
            );
            assert_eq!(
                table(Record::held_feedback(&held, Some(&r))),
                table(Record::Feedback(&held, &r))
            );
        }
    }

    #[test]
    fn a_learning_entry_is_shared_only_when_its_author_says_so() {
        let r = relationship();
        let entry = |shared| LearningEntry {
            id: id("l1"),
            author: id("james"),
            relationship: id("rel"),
            text: "x".into(),
            shared_with_partner: shared,
            written_at: Millis(0),
        };
        assert_eq!(
            table(Record::Learning(&entry(false), &r)),
            [No, Write, No, No]
        );
        assert_eq!(
            table(Record::Learning(&entry(true), &r)),
            [Read, Write, No, No]
        );
    }

    /// The relationship after its admins replaced the mentor (james) with sofia.
    fn reassigned() -> Relationship {
        Relationship {
            mentor: id("sofia"),
            ..relationship()
        }
    }

    #[test]
    fn what_a_replaced_mentor_shared_with_the_mentee_does_not_pass_to_the_new_mentor() {
        let entry = LearningEntry {
            id: id("l1"),
            author: id("james"),
            relationship: id("rel"),
            text: "What I learned from Amira's board paper".into(),
            shared_with_partner: true,
            written_at: Millis(0),
        };
        // amira, james, hr-admin, sofia: james keeps his own entry; sofia was never his partner,
        // and james has no partner in the relationship any more to share it with.
        assert_eq!(
            table(Record::Learning(&entry, &reassigned())),
            [No, Write, No, No]
        );
        // What the mentee shared goes on to whoever is her partner now.
        let hers = LearningEntry {
            author: id("amira"),
            ..entry
        };
        assert_eq!(
            table(Record::Learning(&hers, &reassigned())),
            [Write, No, No, Read]
        );
    }

    #[test]
    fn a_replaced_mentors_goal_in_the_pair_is_not_followed_by_the_new_mentor() {
        let goal = goal_in_pair("james", "rel");
        assert_eq!(
            table(Record::Goal(&goal, Some(&reassigned()))),
            [No, Write, Read, No]
        );
    }

    #[test]
    fn a_session_stays_with_the_pair_it_was_logged_with_when_a_partner_is_replaced() {
        // amira, james, hr-admin, sofia: what Amira and James said, whoever logged it, stays
        // theirs once Sofia replaces James: Amira's to write, James's to read back (he was
        // there, and is off the pair: nothing of it is his to change any more); Sofia was not
        // there, and HR reads no session.
        assert_eq!(
            table(Record::Session(&session(), &reassigned())),
            [Write, Read, No, No]
        );
        let hers = Session {
            author: id("amira"),
            partner: Some(id("james")),
            ..session()
        };
        assert_eq!(
            table(Record::Session(&hers, &reassigned())),
            [Write, Read, No, No]
        );
        // What Amira and Sofia say after the change is theirs: James reads none of it.
        let with_sofia = Session {
            author: id("sofia"),
            partner: Some(id("amira")),
            ..session()
        };
        assert_eq!(
            table(Record::Session(&with_sofia, &reassigned())),
            [Write, No, No, Write]
        );
        // Nor does a session pass to whoever replaces the mentee, who was there: Amira reads
        // it back.
        let new_mentee = Relationship {
            mentee: id("sofia"),
            ..relationship()
        };
        assert_eq!(
            table(Record::Session(&session(), &new_mentee)),
            [Read, Write, No, No]
        );
        // Both taken off: each reads what they said together, the new pair nothing of it.
        let both = Relationship {
            mentor: id("sofia"),
            mentee: id("lena"),
            ..relationship()
        };
        assert_eq!(
            table(Record::Session(&session(), &both)),
            [Read, Read, No, No]
        );
        let lena = id("lena");
        let as_lena = Viewer {
            person: &lena,
            admin_of: &[],
        };
        assert_eq!(access(as_lena, Record::Session(&session(), &both)), No);
    }

    #[test]
    fn a_session_stored_before_its_pair_was_recorded_belongs_to_the_pair_as_it_is_now() {
        let unrecorded = Session {
            partner: None,
            ..session()
        };
        assert_eq!(
            table(Record::Session(&unrecorded, &relationship())),
            [Write, Write, No, No]
        );
        // Nothing says James was in it: its author taken off reads it no more than anyone.
        assert_eq!(
            table(Record::Session(&unrecorded, &reassigned())),
            [Write, No, No, Write]
        );
        // Named in the pair while not a party now: the host took the name from the
        // relationship when the session was logged (`session::check_logged_session`), so
        // Sofia was James's mentee then, and reads it back; she writes nothing of it, and
        // Amira, not there, reads nothing.
        let hers_before = Session {
            partner: Some(id("sofia")),
            ..session()
        };
        assert_eq!(
            table(Record::Session(&hers_before, &relationship())),
            [No, Write, No, Read]
        );
    }

    #[test]
    fn a_session_held_without_its_relationship_is_read_by_its_recorded_pair_alone() {
        // amira, james, hr-admin, sofia: a device that never held the relationship (James's
        // new phone after he was taken off) reads what he and Amira said, and writes nothing.
        assert_eq!(
            table(Record::SessionWithoutRelationship(&session())),
            [Read, Read, No, No]
        );
        let hers = Session {
            author: id("amira"),
            partner: Some(id("james")),
            ..session()
        };
        assert_eq!(
            table(Record::SessionWithoutRelationship(&hers)),
            [Read, Read, No, No]
        );
        // Without a recorded pair, nothing says who was in it: nobody reads it, its author
        // included.
        let unrecorded = Session {
            partner: None,
            ..session()
        };
        assert_eq!(
            table(Record::SessionWithoutRelationship(&unrecorded)),
            [No, No, No, No]
        );
        // With the relationship held, it decides as ever.
        let r = reassigned();
        assert_eq!(
            table(Record::held_session(&session(), Some(&r))),
            table(Record::Session(&session(), &r))
        );
        assert_eq!(
            table(Record::held_session(&unrecorded, None)),
            [No, No, No, No]
        );
    }

    #[test]
    fn whose_a_session_is_cannot_be_changed_once_it_is_logged() {
        for field in ["relationship", "author", "partner"] {
            assert!(session_field_is_fixed(field), "{field}");
        }
        for field in ["grow-goal", "at", "minutes", "skills", "goals", "deleted"] {
            assert!(!session_field_is_fixed(field), "{field}");
        }
    }

    #[test]
    fn whose_feedback_or_a_learning_entry_is_cannot_be_changed_once_written() {
        for (entity, field) in [
            ("session", "partner"),
            ("feedback", "giver"),
            ("feedback", "receiver"),
            ("feedback", "relationship"),
            ("learning", "author"),
            ("learning", "relationship"),
        ] {
            assert!(written_field_is_fixed(entity, field), "{entity} {field}");
        }
        for (entity, field) in [
            ("feedback", "visibility"),
            ("feedback", "strengths"),
            ("learning", "shared"),
            ("goal", "owner"),
        ] {
            assert!(!written_field_is_fixed(entity, field), "{entity} {field}");
        }
    }

    #[test]
    fn a_record_cannot_borrow_the_audience_of_another_relationship() {
        let r = relationship();
        let elsewhere = Session {
            relationship: id("other-rel"),
            ..session()
        };
        assert_eq!(table(Record::Session(&elsewhere, &r)), [No, No, No, No]);
        let goal_elsewhere = goal_in_pair("lena", "other-rel");
        assert_eq!(
            table(Record::Goal(&goal_elsewhere, Some(&r))),
            [No, No, No, No]
        );
    }

    #[test]
    fn who_is_paired_is_the_admins_decision() {
        for field in [
            "mentor",
            "mentee",
            "programme",
            "kind",
            "starts",
            "planned-end",
            "deleted",
        ] {
            assert!(relationship_field_needs_admin(field), "{field}");
        }
        for field in ["purpose", "ground-rules", "lifecycle", "end-reason"] {
            assert!(!relationship_field_needs_admin(field), "{field}");
        }
    }

    #[test]
    fn matching_preferences_are_their_owners_alone_admins_included() {
        let prefs = MatchingPreferences {
            shared: [(Attribute::Gender, "woman".to_owned())].into(),
            prefers: [Attribute::Gender].into(),
            ..MatchingPreferences::of(&id("amira"))
        };
        assert_eq!(
            table(Record::MatchingPreferences(&prefs)),
            [Write, No, No, No]
        );
    }

    #[test]
    fn preferences_are_never_shown_to_anyone_else_admins_included() {
        let amira = Person::new(id("amira"), "Amira");
        let admin_of = [id("prog")];
        assert!(may_see_preferences(
            Viewer {
                person: &id("amira"),
                admin_of: &[]
            },
            &amira
        ));
        assert!(!may_see_preferences(
            Viewer {
                person: &id("hr-admin"),
                admin_of: &admin_of
            },
            &amira
        ));
        assert!(!may_see_preferences(
            Viewer {
                person: &id("james"),
                admin_of: &[]
            },
            &amira
        ));
    }

    fn at(wall: i64) -> Hlc {
        Hlc { wall, counter: 0 }
    }

    /// Written at `wall` on a device, where no log order is known.
    fn on(wall: i64) -> Written {
        Written {
            at: at(wall),
            stored: None,
        }
    }

    /// The ops of one side as `who` reads them: each its clock, whom it named, and whether it
    /// replaced an earlier value.
    fn side(who: &str, ops: &[(i64, &str, bool)]) -> Vec<SideOp> {
        (ops.iter())
            .map(|&(wall, named, replaced)| SideOp {
                at: at(wall),
                stored: None,
                names_them: named == who,
                replaced,
            })
            .collect()
    }

    #[test]
    fn someone_put_back_in_a_pair_reads_their_own_stints_and_nothing_of_the_one_between() {
        // Amira from the making, Tom from 20, Amira again from 30; held in any order.
        let ops = [(30, "amira", true), (10, "amira", false), (20, "tom", true)];
        let amira = side("amira", &ops);
        let withheld: Vec<i64> = [5, 10, 15, 19, 20, 25, 29, 30, 40]
            .into_iter()
            .filter(|&wall| before_joining(on(wall), &amira))
            .collect();
        assert_eq!(withheld, [20, 25, 29], "Tom's stint alone");
        // Tom, put back after Amira's stint in turn, reads his own two and not hers.
        let ops = [(10, "tom", false), (20, "amira", true), (30, "tom", true)];
        let tom = side("tom", &ops);
        let withheld: Vec<i64> = [5, 15, 20, 25, 30, 40]
            .into_iter()
            .filter(|&wall| before_joining(on(wall), &tom))
            .collect();
        assert_eq!(withheld, [20, 25]);
    }

    #[test]
    fn a_newcomer_reads_only_from_joining_and_an_unknown_earlier_holder_is_not_them() {
        let ops = [(10, "amira", false), (20, "tom", true)];
        let tom = side("tom", &ops);
        assert!(before_joining(on(5), &tom));
        assert!(before_joining(on(19), &tom));
        assert!(!before_joining(on(20), &tom));
        // Whoever the making named was there from the start, whatever was written before it.
        let amira = side("amira", &ops[..1]);
        assert!(!before_joining(on(5), &amira));
        // A device holding only the op that put Tom in knows not who held the side before.
        assert!(before_joining(on(15), &side("tom", &ops[1..])));
        assert!(!before_joining(on(25), &side("tom", &ops[1..])));
        // Nothing held of the side: nothing to withhold by.
        assert!(!before_joining(on(5), &[]));
    }

    #[test]
    fn a_write_counts_after_joining_only_when_it_came_after_by_clock_and_by_the_hosts_log() {
        // Amira from the making (stored 1), Elena put in at 20 (stored 5).
        let side = |who: &str| {
            [(10, 1, "amira"), (20, 5, "elena")].map(|(wall, stored, named)| SideOp {
                at: at(wall),
                stored: Some(stored),
                names_them: named == who,
                replaced: false,
            })
        };
        let stored = |wall, stored| Written {
            at: at(wall),
            stored: Some(stored),
        };
        let elena = side("elena");
        // Shared from a device ten minutes fast, stored before the re-pairing: Amira's.
        assert!(before_joining(stored(30, 3), &elena));
        assert!(!before_joining(stored(30, 3), &side("amira")));
        // Written offline before the device knew of the re-pairing, pushed after it.
        assert!(before_joining(stored(15, 7), &elena));
        assert!(!before_joining(stored(15, 7), &side("amira")));
        // After it by both: Elena's.
        assert!(before_joining(stored(25, 7), &side("amira")));
        assert!(!before_joining(stored(25, 7), &elena));
        // Without the log's order (a device), the clock alone, as before.
        assert!(!before_joining(on(30), &elena));
    }
}
