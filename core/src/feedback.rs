//! Feedback on strengths and development areas, and the learning log both parties keep.

use crate::rules::{text_within, Refusal, Rule};
use crate::{Millis, RecordId, Relationship, RelationshipKind};

pub const FEEDBACK_TEXT_MAX_CHARS: usize = 2_000;

/// One observation: what, and an example that shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Observation {
    pub text: String,
    pub example: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RatingScale {
    /// How well the receiver listened and asked questions.
    Listening,
    /// How clearly goals and next steps were agreed.
    Clarity,
    /// How supported the giver felt.
    Support,
    /// How much the receiver stretched the giver's thinking.
    Challenge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Visibility {
    /// Only the giver and the receiver.
    PrivateToReceiver,
    /// The pair, and it appears on the relationship's page.
    SharedWithPair,
    /// Counted in programme aggregates only; nobody sees it individually but its giver.
    AnonymousAggregate,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Feedback {
    pub id: RecordId,
    pub giver: RecordId,
    pub receiver: RecordId,
    pub relationship: RecordId,
    pub session: Option<RecordId>,
    pub strengths: Vec<Observation>,
    pub development_areas: Vec<Observation>,
    /// 1 (low) to 5 (high) per scale.
    pub ratings: Ratings,
    pub overall: String,
    pub visibility: Visibility,
    pub given_at: Millis,
}

/// The part of a feedback draft a problem is about, so that a form says it beside its field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedbackPart {
    /// Who gives it to whom: the whole draft, not one field.
    Parties,
    /// With the one field at fault when the problem is one observation's; `None` when it is
    /// the list's as a whole (none named).
    Strengths(Option<ObservationFault>),
    DevelopmentAreas(Option<ObservationFault>),
    Ratings,
    Overall,
}

/// The field of one observation a problem is about: its place in the list, and which of its
/// two fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ObservationFault {
    pub index: usize,
    pub field: ObservationField,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObservationField {
    Text,
    Example,
}

/// Coaching "provides people with feedback on both their strengths and their weaknesses";
/// mentoring is two-way, so there the mentee may give the mentor feedback too.
pub fn check_feedback(feedback: &Feedback, relationship: &Relationship) -> Result<(), Refusal> {
    match feedback_problems(feedback, relationship).into_iter().next() {
        Some((_, refusal)) => Err(refusal),
        None => Ok(()),
    }
}

/// Every problem of a feedback draft at once, each with the part it is about, in the form's
/// order; none when [`check_feedback`] accepts it. Who gives it to whom comes alone: with the
/// wrong giver or receiver, nothing written would be saved anyway.
pub fn feedback_problems(
    feedback: &Feedback,
    relationship: &Relationship,
) -> Vec<(FeedbackPart, Refusal)> {
    let parties_ok = feedback.relationship == relationship.id
        && relationship.partner_of(&feedback.giver) == Some(&feedback.receiver);
    if !parties_ok {
        return vec![(
            FeedbackPart::Parties,
            refusal!(
                Rule::FeedbackParties,
                "Feedback in a relationship goes from one of the pair to the other."
            ),
        )];
    }
    if relationship.kind == RelationshipKind::Coaching && feedback.giver != relationship.mentor {
        return vec![(
            FeedbackPart::Parties,
            refusal!(
                Rule::FeedbackDirection,
                "In coaching, feedback on strengths and development areas comes from the coach. \
                 Tell your coach how the coaching is going when you meet, or in a learning-log \
                 entry you share with them."
            ),
        )];
    }
    let mut problems = Vec::new();
    let strengths = check_observations(&feedback.strengths, Rule::FeedbackStrength, "strength");
    problems.extend(
        strengths
            .err()
            .map(|(r, at)| (FeedbackPart::Strengths(at), r)),
    );
    let areas = check_observations(
        &feedback.development_areas,
        Rule::FeedbackDevelopmentArea,
        "development area",
    );
    problems.extend((areas.err()).map(|(r, at)| (FeedbackPart::DevelopmentAreas(at), r)));
    let out_of_range = feedback.ratings.iter().find(|(_, r)| !(1..=5).contains(*r));
    problems.extend(out_of_range.map(|(scale, rating)| {
        (
            FeedbackPart::Ratings,
            refusal!(
                Rule::RatingRange,
                "Ratings run from 1 to 5; {rating} for {scale:?} is outside that."
            )
            .with_args([rating]),
        )
    }));
    let overall = text_within(
        "overall comment",
        &feedback.overall,
        FEEDBACK_TEXT_MAX_CHARS,
    );
    problems.extend(overall.err().map(|r| (FeedbackPart::Overall, r)));
    problems
}

fn check_observations(
    list: &[Observation],
    rule: Rule,
    what: &str,
) -> Result<(), (Refusal, Option<ObservationFault>)> {
    if !list.iter().any(|o| !o.text.trim().is_empty()) {
        return Err((
            refusal!(
                rule,
                "Name at least one {what}, with an example of when you saw it."
            ),
            None,
        ));
    }
    for (index, observation) in list.iter().enumerate() {
        let at = |field| Some(ObservationFault { index, field });
        let no_text = observation.text.trim().is_empty();
        if no_text != observation.example.trim().is_empty() {
            let missing = if no_text {
                ObservationField::Text
            } else {
                ObservationField::Example
            };
            return Err((
                refusal!(
                    rule,
                    "Give each {what} an example of when you saw it (or remove the empty one)."
                ),
                at(missing),
            ));
        }
        text_within(what, &observation.text, FEEDBACK_TEXT_MAX_CHARS)
            .map_err(|r| (r, at(ObservationField::Text)))?;
        text_within("example", &observation.example, FEEDBACK_TEXT_MAX_CHARS)
            .map_err(|r| (r, at(ObservationField::Example)))?;
    }
    Ok(())
}

/// Feedback is about a session already held in its relationship, or about none: one still to
/// come says nothing yet of how the pair worked. Held here means its time has come
/// (`session::held_by`), not `Session::is_held`: only its author logs its notes, so the other
/// of the pair giving feedback after they met would otherwise wait on them. Asked of a link
/// newly made (new feedback, or an edit that changes its session, `before` as stored): a link
/// stored before stays, as other rules on what is newly set do. `sessions` holds the linked
/// one when known; one that is not is refused, as a link to nothing held.
pub fn check_feedback_session(
    feedback: &Feedback,
    before: Option<&Feedback>,
    sessions: &[crate::Session],
    now: Millis,
) -> Result<(), Refusal> {
    let Some(linked) = &feedback.session else {
        return Ok(());
    };
    if before.is_some_and(|b| b.session.as_ref() == Some(linked)) {
        return Ok(());
    }
    let held = (sessions.iter()).any(|s| {
        &s.id == linked
            && s.relationship == feedback.relationship
            && crate::session::held_by(s.at, now)
    });
    if held {
        return Ok(());
    }
    Err(refusal!(
        Rule::FeedbackSession,
        "Feedback can be about a session already held in this relationship, not one still to \
         come: choose a session from the list, or none."
    ))
}

/// "What I learned": both parties of a mentoring relationship keep one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearningEntry {
    pub id: RecordId,
    pub author: RecordId,
    pub relationship: RecordId,
    pub text: String,
    /// Shared with the partner, or kept to the author alone (the default).
    pub shared_with_partner: bool,
    pub written_at: Millis,
}

pub fn check_learning_entry(
    entry: &LearningEntry,
    relationship: &Relationship,
) -> Result<(), Refusal> {
    check_learning_change(entry, None, relationship)
}

/// [`check_learning_entry`] for `entry` as a change leaves it, `before` as stored (`None`: a
/// new one). An entry kept to its author may be written whenever they reflect, the pair over
/// included; sharing one (a new entry shared, or one shared that was not) gives the partner
/// something new, refused once the pair is over as new feedback is
/// (`relationship::check_still_open`). One shared before the end stays shared.
pub fn check_learning_change(
    entry: &LearningEntry,
    before: Option<&LearningEntry>,
    relationship: &Relationship,
) -> Result<(), Refusal> {
    if entry.relationship != relationship.id || !relationship.is_party(&entry.author) {
        return Err(refusal!(
            Rule::NotPermitted,
            "Only the two people in a relationship keep its learning log."
        ));
    }
    if entry.text.trim().is_empty() {
        return Err(refusal!(
            Rule::LearningText,
            "Write what you learned before saving."
        ));
    }
    if entry.shared_with_partner && !before.is_some_and(|b| b.shared_with_partner) {
        crate::relationship::check_still_open(relationship)?;
    }
    text_within("learning note", &entry.text, FEEDBACK_TEXT_MAX_CHARS)
}

/// Whether an entry may be shared into `relationship` now: not once the pair is over
/// ([`check_learning_change`]), so the form offers no sharing there.
pub fn may_share_into(relationship: &Relationship) -> bool {
    crate::relationship::check_still_open(relationship).is_ok()
}

/// Whether `person` may rewrite, reshare or delete `entry`: whoever wrote it. A partner it is
/// shared with reads it only.
pub fn may_rewrite_learning(entry: &LearningEntry, person: &RecordId) -> bool {
    &entry.author == person
}

/// Checks `person`'s change to a learning entry, `before` as stored: the author's alone to
/// rewrite, reshare or delete ([`may_rewrite_learning`]), still theirs and in the same
/// relationship, and as valid as a new entry ([`check_learning_entry`]).
pub fn check_learning_edit(
    before: &LearningEntry,
    after: &LearningEntry,
    person: &RecordId,
    relationship: &Relationship,
) -> Result<(), Refusal> {
    if !may_rewrite_learning(before, person)
        || (&before.id, &before.author, &before.relationship)
            != (&after.id, &after.author, &after.relationship)
    {
        return Err(refusal!(
            Rule::NotPermitted,
            "Only whoever wrote a learning entry changes it."
        ));
    }
    check_learning_change(after, Some(before), relationship)
}

/// Whether `person` may change or delete `feedback`: whoever gave it. Its receiver reads it
/// only, and never sees feedback given for programme totals (`permissions::access`).
pub fn may_rewrite_feedback(feedback: &Feedback, person: &RecordId) -> bool {
    &feedback.giver == person
}

/// Checks `person`'s change to feedback, `before` as stored: its giver's alone to change or
/// delete ([`may_rewrite_feedback`]), still from them to the same receiver in the same
/// relationship, and as valid as new feedback ([`check_feedback`]). Its words, ratings and
/// who may read it change; a change to who may read it is the audience the host syncs by.
pub fn check_feedback_edit(
    before: &Feedback,
    after: &Feedback,
    person: &RecordId,
    relationship: &Relationship,
) -> Result<(), Refusal> {
    let whose = |f: &Feedback| {
        (
            f.id.clone(),
            f.giver.clone(),
            f.receiver.clone(),
            f.relationship.clone(),
        )
    };
    if !may_rewrite_feedback(before, person) || whose(before) != whose(after) {
        return Err(refusal!(
            Rule::NotPermitted,
            "Only whoever gave feedback changes it, and it stays theirs to the same person."
        ));
    }
    check_feedback(after, relationship)
}

impl RatingScale {
    pub const ALL: [RatingScale; 4] = [
        RatingScale::Listening,
        RatingScale::Clarity,
        RatingScale::Support,
        RatingScale::Challenge,
    ];
}

/// A rating per [`RatingScale`], at most one each, read in [`RatingScale::ALL`]'s order (as a
/// `BTreeMap` read them). Any `u8` is held, so that the rule can refuse one outside 1–5. A
/// `BTreeMap` of its own compiled a whole B-tree for four keys into the widget.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ratings([Option<u8>; 4]);

impl Ratings {
    pub fn new() -> Self {
        Self([None; 4])
    }

    pub fn get(&self, scale: &RatingScale) -> Option<&u8> {
        self.0[*scale as usize].as_ref()
    }

    /// The scale's rating before.
    pub fn insert(&mut self, scale: RatingScale, rating: u8) -> Option<u8> {
        self.0[scale as usize].replace(rating)
    }

    pub fn remove(&mut self, scale: &RatingScale) -> Option<u8> {
        self.0[*scale as usize].take()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }

    pub fn len(&self) -> usize {
        self.0.iter().filter(|r| r.is_some()).count()
    }

    pub fn values(&self) -> impl Iterator<Item = &u8> {
        self.0.iter().flatten()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static RatingScale, &u8)> + '_ {
        const ALL: &[RatingScale; 4] = &RatingScale::ALL;
        ALL.iter()
            .zip(&self.0)
            .filter_map(|(scale, rating)| Some((scale, rating.as_ref()?)))
    }
}

impl FromIterator<(RatingScale, u8)> for Ratings {
    /// A later rating of a scale replaces an earlier one, as a `BTreeMap`'s would.
    fn from_iter<I: IntoIterator<Item = (RatingScale, u8)>>(ratings: I) -> Self {
        let mut all = Ratings::new();
        for (scale, rating) in ratings {
            all.insert(scale, rating);
        }
        all
    }
}

impl<const N: usize> From<[(RatingScale, u8); N]> for Ratings {
    fn from(ratings: [(RatingScale, u8); N]) -> Self {
        ratings.into_iter().collect()
    }
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [
        Visibility::PrivateToReceiver,
        Visibility::SharedWithPair,
        Visibility::AnonymousAggregate,
    ];

    /// Whether its receiver reads it (feedback for the programme's totals only they never do).
    pub fn reaches_receiver(self) -> bool {
        self != Visibility::AnonymousAggregate
    }
}

/// Whether `giver` may give feedback in `relationship` at all (before anything is written):
/// the same answer [`check_feedback`] gives on who gives it to whom.
pub fn may_give_feedback(relationship: &Relationship, giver: &RecordId) -> Result<(), Refusal> {
    let Some(receiver) = relationship.partner_of(giver) else {
        return Err(refusal!(
            Rule::FeedbackParties,
            "Feedback in a relationship goes from one of the pair to the other."
        ));
    };
    let example = Observation {
        text: "-".into(),
        example: "-".into(),
    };
    let probe = Feedback {
        id: relationship.id.clone(),
        giver: giver.clone(),
        receiver: receiver.clone(),
        relationship: relationship.id.clone(),
        session: None,
        strengths: vec![example.clone()],
        development_areas: vec![example],
        ratings: Ratings::new(),
        overall: String::new(),
        visibility: Visibility::PrivateToReceiver,
        given_at: Millis(0),
    };
    check_feedback(&probe, relationship)
}

/// Which of a relationship's feedback a list is of: what the viewer received or gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedbackSide {
    Received,
    Given,
}

/// The feedback `viewer` received from (or gave) their partner now in `relationship` and may
/// read, newest first.
/// Feedback given for anonymous programme aggregates is never among what its receiver reads;
/// its giver reads it.
pub fn feedback_in<'a>(
    feedback: &'a [Feedback],
    relationship: &Relationship,
    viewer: &RecordId,
    side: FeedbackSide,
) -> Vec<&'a Feedback> {
    let as_viewer = crate::permissions::Viewer {
        person: viewer,
        admin_of: &[],
    };
    let mut list: Vec<&Feedback> = feedback
        .iter()
        .filter(|f| f.relationship == relationship.id)
        // With the partner they have in it now: what passed with one its admins replaced is
        // read back under that earlier pairing (`session::earlier_pairings`).
        .filter(|f| match side {
            FeedbackSide::Received => {
                &f.receiver == viewer && relationship.partner_of(viewer) == Some(&f.giver)
            }
            FeedbackSide::Given => {
                &f.giver == viewer && relationship.partner_of(viewer) == Some(&f.receiver)
            }
        })
        .filter(|f| {
            crate::permissions::may_see(
                as_viewer,
                crate::permissions::Record::Feedback(f, relationship),
            )
        })
        .collect();
    crate::order::sort_by(&mut list, |a, b| {
        (b.given_at, &b.id).cmp(&(a.given_at, &a.id))
    });
    list
}

/// The learning log of `relationship` as `viewer` sees it: their own entries and the ones
/// their partner shared, newest first.
pub fn learning_log<'a>(
    entries: &'a [LearningEntry],
    relationship: &Relationship,
    viewer: &RecordId,
) -> Vec<&'a LearningEntry> {
    let as_viewer = crate::permissions::Viewer {
        person: viewer,
        admin_of: &[],
    };
    let mut list: Vec<&LearningEntry> = entries
        .iter()
        .filter(|e| e.relationship == relationship.id)
        .filter(|e| {
            crate::permissions::may_see(
                as_viewer,
                crate::permissions::Record::Learning(e, relationship),
            )
        })
        .collect();
    crate::order::sort_by(&mut list, |a, b| {
        (b.written_at, &b.id).cmp(&(a.written_at, &a.id))
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Date, Lifecycle};

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn relationship(kind: RelationshipKind) -> Relationship {
        Relationship {
            id: id("rel"),
            kind,
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

    fn observation(text: &str) -> Observation {
        Observation {
            text: text.into(),
            example: format!("when {text}"),
        }
    }

    fn feedback(giver: &str, receiver: &str) -> Feedback {
        Feedback {
            id: id("f1"),
            giver: id(giver),
            receiver: id(receiver),
            relationship: id("rel"),
            session: None,
            strengths: vec![observation("listens well")],
            development_areas: vec![observation("rushes the options")],
            ratings: [(RatingScale::Listening, 5), (RatingScale::Challenge, 3)].into(),
            overall: "A good hour.".into(),
            visibility: Visibility::SharedWithPair,
            given_at: Millis(1),
        }
    }

    #[test]
    fn feedback_is_about_a_session_whose_time_came_never_one_still_to_come() {
        const HOUR: i64 = 3_600_000;
        let r = relationship(RelationshipKind::Mentoring);
        let session = |n: &str, at: i64| crate::Session {
            id: id(n),
            relationship: id("rel"),
            author: id("james"),
            partner: Some(id("amira")),
            at: Millis(at),
            time_zone: "Europe/London".into(),
            minutes: 60,
            place: crate::session::Place::Online,
            grow: Default::default(),
            skills: Default::default(),
            actions: vec![],
            goals: vec![],
        };
        let now = Millis(1_000 * HOUR);
        // Held an hour ago with nothing logged yet (only James logs its notes), and tomorrow.
        let sessions = [
            session("s-met", 999 * HOUR),
            session("s-ahead", 1_024 * HOUR),
        ];
        let about = |n: Option<&str>| Feedback {
            session: n.map(id),
            ..feedback("amira", "james")
        };
        let judged = |f: &Feedback, before: Option<&Feedback>| {
            check_feedback_session(f, before, &sessions, now).map_err(|e| e.rule)
        };
        assert_eq!(judged(&about(None), None), Ok(()));
        assert_eq!(judged(&about(Some("s-met")), None), Ok(()));
        assert_eq!(
            judged(&about(Some("s-ahead")), None),
            Err(Rule::FeedbackSession)
        );
        // A session not held here, or of another relationship, is no session to be about.
        assert_eq!(
            judged(&about(Some("s-gone")), None),
            Err(Rule::FeedbackSession)
        );
        let elsewhere = Feedback {
            relationship: id("rel-other"),
            ..about(Some("s-met"))
        };
        assert_eq!(judged(&elsewhere, None), Err(Rule::FeedbackSession));
        // An edit that links it anew is held to the rule; one that keeps a link stored before
        // it is not.
        let stored = about(Some("s-met"));
        assert_eq!(
            judged(&about(Some("s-ahead")), Some(&stored)),
            Err(Rule::FeedbackSession)
        );
        let stored_ahead = about(Some("s-ahead"));
        assert_eq!(judged(&stored_ahead, Some(&stored_ahead)), Ok(()));
        // Once its time comes, it may be linked.
        assert_eq!(
            check_feedback_session(
                &about(Some("s-ahead")),
                None,
                &sessions,
                Millis(1_024 * HOUR)
            ),
            Ok(())
        );
        // The host asks the same through `check_change`, with the session it holds.
        let context = crate::RecordContext {
            relationships: std::slice::from_ref(&r),
            programmes: &[],
            directory: &crate::Directory::default(),
            today: crate::Date(40),
            ended: &[],
            sessions: &sessions,
        };
        let change = crate::Change::Feedback(about(Some("s-ahead")));
        let refused = crate::check_change(&change, None, context).map_err(|e| e.rule);
        assert_eq!(refused, Err(Rule::FeedbackSession));
    }

    #[test]
    fn mentoring_feedback_goes_both_ways() {
        let r = relationship(RelationshipKind::Mentoring);
        assert_eq!(check_feedback(&feedback("amira", "james"), &r), Ok(()));
        assert_eq!(check_feedback(&feedback("james", "amira"), &r), Ok(()));
    }

    #[test]
    fn coaching_feedback_comes_from_the_coach() {
        let r = relationship(RelationshipKind::Coaching);
        assert_eq!(check_feedback(&feedback("james", "amira"), &r), Ok(()));
        let refusal = check_feedback(&feedback("amira", "james"), &r).unwrap_err();
        assert_eq!(refusal.rule, Rule::FeedbackDirection);
        assert!(refusal.message.contains("learning-log entry you share"));
    }

    #[test]
    fn feedback_stays_within_the_pair() {
        let r = relationship(RelationshipKind::Mentoring);
        for (giver, receiver) in [("sofia", "amira"), ("amira", "amira"), ("amira", "sofia")] {
            assert_eq!(
                check_feedback(&feedback(giver, receiver), &r)
                    .unwrap_err()
                    .rule,
                Rule::FeedbackParties
            );
        }
    }

    #[test]
    fn feedback_needs_a_strength_and_a_development_area_each_with_an_example() {
        let r = relationship(RelationshipKind::Mentoring);
        let mut no_strength = feedback("amira", "james");
        no_strength.strengths = vec![Observation::default()];
        let refusal = check_feedback(&no_strength, &r).unwrap_err();
        assert_eq!(refusal.rule, Rule::FeedbackStrength);
        assert!(refusal.message.contains("at least one strength"));

        let mut no_area = feedback("amira", "james");
        no_area.development_areas.clear();
        assert_eq!(
            check_feedback(&no_area, &r).unwrap_err().rule,
            Rule::FeedbackDevelopmentArea
        );

        let mut no_example = feedback("amira", "james");
        no_example.strengths[0].example.clear();
        let refusal = check_feedback(&no_example, &r).unwrap_err();
        assert!(refusal.message.contains("example"), "{}", refusal.message);
    }

    #[test]
    fn every_problem_of_a_draft_is_listed_at_once_with_its_part() {
        let r = relationship(RelationshipKind::Mentoring);
        let mut draft = feedback("amira", "james");
        draft.strengths = vec![Observation::default()];
        draft.development_areas[0].example.clear();
        draft.ratings.insert(RatingScale::Support, 9);
        draft.overall = "x".repeat(FEEDBACK_TEXT_MAX_CHARS + 1);
        let problems = feedback_problems(&draft, &r);
        let found: Vec<(FeedbackPart, Rule)> = problems.iter().map(|(p, r)| (*p, r.rule)).collect();
        assert_eq!(
            found,
            [
                (FeedbackPart::Strengths(None), Rule::FeedbackStrength),
                (
                    FeedbackPart::DevelopmentAreas(Some(ObservationFault {
                        index: 0,
                        field: ObservationField::Example
                    })),
                    Rule::FeedbackDevelopmentArea
                ),
                (FeedbackPart::Ratings, Rule::RatingRange),
                (FeedbackPart::Overall, Rule::TextTooLong),
            ]
        );
        // `check_feedback` refuses with the first of them.
        assert_eq!(check_feedback(&draft, &r), Err(problems[0].1.clone()));

        // A strength too long is that strength's problem, not the form's.
        let mut long = feedback("amira", "james");
        long.strengths[0].text = "x".repeat(FEEDBACK_TEXT_MAX_CHARS + 1);
        let problems = feedback_problems(&long, &r);
        assert_eq!(problems.len(), 1);
        let first_text = Some(ObservationFault {
            index: 0,
            field: ObservationField::Text,
        });
        assert_eq!(
            (problems[0].0, problems[0].1.rule),
            (FeedbackPart::Strengths(first_text), Rule::TextTooLong)
        );
        // An example without its strength blames the strength's field alone, in its row.
        let mut no_text = feedback("amira", "james");
        no_text.strengths.push(Observation {
            text: " ".into(),
            example: "At the board meeting".into(),
        });
        let problems = feedback_problems(&no_text, &r);
        assert_eq!(
            problems[0].0,
            FeedbackPart::Strengths(Some(ObservationFault {
                index: 1,
                field: ObservationField::Text
            }))
        );

        // A coachee's feedback is refused alone: nothing written would be saved.
        let coaching = relationship(RelationshipKind::Coaching);
        let problems = feedback_problems(&draft, &coaching);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].0, problems[0].1.rule),
            (FeedbackPart::Parties, Rule::FeedbackDirection)
        );
        assert!(feedback_problems(&feedback("amira", "james"), &r).is_empty());
    }

    #[test]
    fn ratings_run_from_one_to_five() {
        let r = relationship(RelationshipKind::Mentoring);
        for bad in [0, 6] {
            let mut f = feedback("amira", "james");
            f.ratings.insert(RatingScale::Support, bad);
            assert_eq!(check_feedback(&f, &r).unwrap_err().rule, Rule::RatingRange);
        }
    }

    #[test]
    fn both_parties_keep_a_learning_log_and_nobody_else() {
        let r = relationship(RelationshipKind::Mentoring);
        let entry = |author: &str, text: &str| LearningEntry {
            id: id("l1"),
            author: id(author),
            relationship: id("rel"),
            text: text.into(),
            shared_with_partner: false,
            written_at: Millis(1),
        };
        assert_eq!(
            check_learning_entry(&entry("james", "How the Dubai team forecasts"), &r),
            Ok(())
        );
        assert_eq!(
            check_learning_entry(&entry("amira", "Boardroom etiquette"), &r),
            Ok(())
        );
        assert_eq!(
            check_learning_entry(&entry("sofia", "x"), &r)
                .unwrap_err()
                .rule,
            Rule::NotPermitted
        );
        assert_eq!(
            check_learning_entry(&entry("amira", " "), &r)
                .unwrap_err()
                .rule,
            Rule::LearningText
        );
    }

    #[test]
    fn nothing_is_shared_into_a_pair_that_is_over_and_a_private_reflection_still_is_written() {
        for lifecycle in [
            Lifecycle::Completed,
            Lifecycle::EndedEarly {
                reason: "moved on".into(),
            },
        ] {
            let r = Relationship {
                lifecycle,
                ..relationship(RelationshipKind::Mentoring)
            };
            let private = LearningEntry {
                id: id("l1"),
                author: id("amira"),
                relationship: id("rel"),
                text: "What the last session taught me".into(),
                shared_with_partner: false,
                written_at: Millis(1),
            };
            let shared = LearningEntry {
                shared_with_partner: true,
                ..private.clone()
            };
            assert_eq!(check_learning_entry(&private, &r), Ok(()));
            let over = |result: Result<(), Refusal>| result.unwrap_err().rule;
            assert_eq!(
                over(check_learning_entry(&shared, &r)),
                Rule::RelationshipOver
            );
            // Sharing one kept private is new to the partner; one shared before stays shared,
            // and may still be rewritten by its author.
            assert_eq!(
                over(check_learning_edit(&private, &shared, &id("amira"), &r)),
                Rule::RelationshipOver
            );
            let rewritten = LearningEntry {
                text: "What the last session taught me, said better".into(),
                ..shared.clone()
            };
            assert_eq!(
                check_learning_edit(&shared, &rewritten, &id("amira"), &r),
                Ok(())
            );
            // The host asks the same through `check_change`.
            let context = crate::RecordContext {
                relationships: std::slice::from_ref(&r),
                programmes: &[],
                directory: &crate::Directory::default(),
                today: crate::Date(10),
                ended: &[],
                sessions: &[],
            };
            assert_eq!(
                over(crate::check_change(
                    &crate::Change::Learning(shared.clone()),
                    Some(&crate::Change::Learning(private.clone())),
                    context
                )),
                Rule::RelationshipOver
            );
            assert_eq!(
                crate::check_change(&crate::Change::Learning(private.clone()), None, context),
                Ok(())
            );
        }
    }

    #[test]
    fn only_the_author_of_a_learning_entry_rewrites_it_and_keeps_it_theirs() {
        let r = relationship(RelationshipKind::Mentoring);
        let before = LearningEntry {
            id: id("l1"),
            author: id("amira"),
            relationship: id("rel"),
            text: "Boardroom etiquette".into(),
            shared_with_partner: true,
            written_at: Millis(1),
        };
        let fixed = LearningEntry {
            text: "Boardroom etiquette in Dubai".into(),
            ..before.clone()
        };
        assert_eq!(
            check_learning_edit(&before, &fixed, &id("amira"), &r),
            Ok(())
        );
        let refused = |after: &LearningEntry, person: &str| {
            check_learning_edit(&before, after, &id(person), &r)
                .unwrap_err()
                .rule
        };
        assert_eq!(refused(&fixed, "james"), Rule::NotPermitted, "the partner");
        assert!(may_rewrite_learning(&before, &id("amira")));
        assert!(!may_rewrite_learning(&before, &id("james")));
        let handed_over = LearningEntry {
            author: id("james"),
            ..fixed.clone()
        };
        assert_eq!(refused(&handed_over, "amira"), Rule::NotPermitted);
        let emptied = LearningEntry {
            text: " ".into(),
            ..before.clone()
        };
        assert_eq!(
            refused(&emptied, "amira"),
            Rule::LearningText,
            "as a new one"
        );
    }

    #[test]
    fn only_the_giver_of_feedback_changes_it_and_keeps_it_to_the_same_receiver() {
        let r = relationship(RelationshipKind::Mentoring);
        let before = feedback("james", "amira");
        let fixed = Feedback {
            overall: "A good hour; the options were rushed.".into(),
            ratings: [(RatingScale::Listening, 4)].into(),
            visibility: Visibility::AnonymousAggregate,
            ..before.clone()
        };
        assert_eq!(
            check_feedback_edit(&before, &fixed, &id("james"), &r),
            Ok(())
        );
        assert!(may_rewrite_feedback(&before, &id("james")));
        assert!(!may_rewrite_feedback(&before, &id("amira")));
        let refused = |after: &Feedback, person: &str| {
            check_feedback_edit(&before, after, &id(person), &r)
                .unwrap_err()
                .rule
        };
        assert_eq!(refused(&fixed, "amira"), Rule::NotPermitted, "the receiver");
        assert_eq!(refused(&fixed, "sofia"), Rule::NotPermitted);
        for moved in [
            Feedback {
                giver: id("amira"),
                receiver: id("james"),
                ..fixed.clone()
            },
            Feedback {
                receiver: id("sofia"),
                ..fixed.clone()
            },
            Feedback {
                relationship: id("other"),
                ..fixed.clone()
            },
        ] {
            assert_eq!(refused(&moved, "james"), Rule::NotPermitted, "{moved:?}");
        }
        let bad_rating = Feedback {
            ratings: [(RatingScale::Support, 9)].into(),
            ..before.clone()
        };
        assert_eq!(
            refused(&bad_rating, "james"),
            Rule::RatingRange,
            "as new feedback"
        );
    }

    #[test]
    fn who_may_give_feedback_follows_the_feedback_rules() {
        let coaching = relationship(RelationshipKind::Coaching);
        assert_eq!(may_give_feedback(&coaching, &id("james")), Ok(()));
        assert_eq!(
            may_give_feedback(&coaching, &id("amira")).unwrap_err().rule,
            Rule::FeedbackDirection
        );
        assert_eq!(
            may_give_feedback(&coaching, &id("sofia")).unwrap_err().rule,
            Rule::FeedbackParties
        );
        let mentoring = relationship(RelationshipKind::Mentoring);
        assert_eq!(may_give_feedback(&mentoring, &id("amira")), Ok(()));
    }

    #[test]
    fn the_receiver_reads_private_and_shared_feedback_but_not_anonymous_feedback() {
        let r = relationship(RelationshipKind::Mentoring);
        let given = |n: &str, giver: &str, receiver: &str, at: i64, visibility| Feedback {
            id: id(n),
            given_at: Millis(at),
            visibility,
            ..feedback(giver, receiver)
        };
        let all = [
            given(
                "private",
                "james",
                "amira",
                1,
                Visibility::PrivateToReceiver,
            ),
            given("shared", "james", "amira", 2, Visibility::SharedWithPair),
            given(
                "anonymous",
                "james",
                "amira",
                3,
                Visibility::AnonymousAggregate,
            ),
            given("mine", "amira", "james", 4, Visibility::SharedWithPair),
            Feedback {
                relationship: id("other"),
                ..given("elsewhere", "james", "amira", 5, Visibility::SharedWithPair)
            },
        ];
        let ids = |list: Vec<&Feedback>| list.iter().map(|f| f.id.to_string()).collect::<Vec<_>>();
        assert_eq!(
            ids(feedback_in(&all, &r, &id("amira"), FeedbackSide::Received)),
            ["shared", "private"]
        );
        assert_eq!(
            ids(feedback_in(&all, &r, &id("james"), FeedbackSide::Received)),
            ["mine"]
        );
        assert!(feedback_in(&all, &r, &id("sofia"), FeedbackSide::Received).is_empty());
        // Its giver reads all they gave here, anonymous feedback included, newest first.
        assert_eq!(
            ids(feedback_in(&all, &r, &id("james"), FeedbackSide::Given)),
            ["anonymous", "shared", "private"]
        );
        assert_eq!(
            ids(feedback_in(&all, &r, &id("amira"), FeedbackSide::Given)),
            ["mine"]
        );
        assert!(feedback_in(&all, &r, &id("sofia"), FeedbackSide::Given).is_empty());
        // The admins put Tom in Amira's place: James's page lists nothing that passed with her
        // (it is read back under that earlier pairing), and Tom's nothing of it either.
        let now = Relationship {
            mentee: id("tom"),
            ..r.clone()
        };
        for side in [FeedbackSide::Received, FeedbackSide::Given] {
            assert!(feedback_in(&all, &now, &id("james"), side).is_empty());
            assert!(feedback_in(&all, &now, &id("tom"), side).is_empty());
        }
    }

    #[test]
    fn the_learning_log_shows_my_entries_and_my_partners_shared_ones() {
        let r = relationship(RelationshipKind::Mentoring);
        let entry = |n: &str, author: &str, shared: bool, at: i64| LearningEntry {
            id: id(n),
            author: id(author),
            relationship: id("rel"),
            text: n.into(),
            shared_with_partner: shared,
            written_at: Millis(at),
        };
        let all = [
            entry("mine-private", "amira", false, 1),
            entry("mine-shared", "amira", true, 2),
            entry("his-private", "james", false, 3),
            entry("his-shared", "james", true, 4),
        ];
        let ids = |viewer: &str| {
            learning_log(&all, &r, &id(viewer))
                .iter()
                .map(|e| e.id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("amira"), ["his-shared", "mine-shared", "mine-private"]);
        assert_eq!(ids("james"), ["his-shared", "his-private", "mine-shared"]);
        assert!(ids("sofia").is_empty());
    }
}
