//! One-to-one sessions: when and where the pair met, notes structured by GROW, the
//! conversation skills used, and the action items agreed.

use std::collections::BTreeSet;

use crate::rules::{text_within, Refusal, Rule};
use crate::{Date, Millis, RecordId, Relationship};

pub const SESSION_MIN_MINUTES: u16 = 5;
pub const SESSION_MAX_MINUTES: u16 = 480;
pub const NOTES_MAX_CHARS: usize = 10_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    InPerson { location: String },
    Online,
}

/// The GROW model: Goal, Reality, Options, Will. Shared by the pair.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grow {
    pub goal: String,
    pub reality: String,
    pub options: String,
    pub will: String,
}

/// The skills coaching and mentoring share (questioning, listening, clarifying, reframing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConversationSkill {
    Questioning,
    Listening,
    Clarifying,
    Reframing,
}

impl ConversationSkill {
    pub const ALL: [ConversationSkill; 4] = [
        ConversationSkill::Questioning,
        ConversationSkill::Listening,
        ConversationSkill::Clarifying,
        ConversationSkill::Reframing,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionItem {
    pub id: RecordId,
    pub text: String,
    pub owner: RecordId,
    pub due: Date,
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: RecordId,
    pub relationship: RecordId,
    pub author: RecordId,
    pub at: Millis,
    /// The IANA zone the time was entered in, so each party sees it in their own zone.
    pub time_zone: String,
    pub minutes: u16,
    pub place: Place,
    pub grow: Grow,
    pub skills: BTreeSet<ConversationSkill>,
    pub actions: Vec<ActionItem>,
    pub goals: Vec<RecordId>,
}

/// A party's own notes on a session. A separate record so that it can never travel with the
/// shared session: only its owner may see it (see `permissions`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrivateNote {
    pub id: RecordId,
    pub owner: RecordId,
    pub session: RecordId,
    pub text: String,
}

/// Checks a session against its relationship before it is saved.
pub fn check_session(session: &Session, relationship: &Relationship) -> Result<(), Refusal> {
    if session.relationship != relationship.id || !relationship.is_party(&session.author) {
        return Err(Refusal::new(
            Rule::NotPermitted,
            "Only the two people in a relationship can log its sessions.",
        ));
    }
    if !(SESSION_MIN_MINUTES..=SESSION_MAX_MINUTES).contains(&session.minutes) {
        return Err(Refusal::new(
            Rule::SessionLength,
            format!(
                "A session lasts from {SESSION_MIN_MINUTES} minutes to {} hours; {} minutes is \
                 outside that.",
                SESSION_MAX_MINUTES / 60,
                session.minutes
            ),
        ));
    }
    for (field, text) in [
        ("Goal notes", &session.grow.goal),
        ("Reality notes", &session.grow.reality),
        ("Options notes", &session.grow.options),
        ("Will notes", &session.grow.will),
    ] {
        text_within(field, text, NOTES_MAX_CHARS)?;
    }
    let session_day = session.at.utc_date();
    for action in &session.actions {
        if action.text.trim().is_empty() {
            return Err(Refusal::new(
                Rule::TitleRequired,
                "Describe each action item, or remove the empty one.",
            ));
        }
        if !relationship.is_party(&action.owner) {
            return Err(Refusal::new(
                Rule::ActionItemOwner,
                "An action item belongs to one of the pair; choose the mentee or the mentor.",
            ));
        }
        if action.due < session_day {
            return Err(Refusal::new(
                Rule::DatesOrdered,
                format!(
                    "The action \"{}\" is due before the session itself; pick a later date.",
                    action.text
                ),
            ));
        }
    }
    Ok(())
}

/// The next session's agenda: every open action item from earlier sessions, oldest due first.
pub fn next_agenda<'a>(sessions: impl IntoIterator<Item = &'a Session>) -> Vec<&'a ActionItem> {
    let mut open: Vec<&ActionItem> = sessions
        .into_iter()
        .flat_map(|s| s.actions.iter())
        .filter(|a| !a.done)
        .collect();
    open.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lifecycle, RelationshipKind};

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn relationship() -> Relationship {
        Relationship {
            id: id("rel"),
            kind: RelationshipKind::Coaching,
            programme: id("prog"),
            mentor: id("sofia"),
            mentee: id("amira"),
            purpose: String::new(),
            ground_rules: String::new(),
            starts: Date(0),
            planned_end: Date(84),
            lifecycle: Lifecycle::Active,
            target_role: None,
        }
    }

    fn action(n: &str, owner: &str, due: i32, done: bool) -> ActionItem {
        ActionItem {
            id: id(n),
            text: format!("Action {n}"),
            owner: id(owner),
            due: Date(due),
            done,
        }
    }

    fn session() -> Session {
        Session {
            id: id("s1"),
            relationship: id("rel"),
            author: id("sofia"),
            at: Millis(10 * 86_400_000),
            time_zone: "Europe/London".into(),
            minutes: 60,
            place: Place::Online,
            grow: Grow {
                goal: "Win the Gulf account".into(),
                ..Grow::default()
            },
            skills: [ConversationSkill::Questioning, ConversationSkill::Listening].into(),
            actions: vec![
                action("a1", "amira", 17, false),
                action("a2", "sofia", 12, false),
            ],
            goals: vec![],
        }
    }

    #[test]
    fn a_well_formed_session_is_accepted() {
        assert_eq!(check_session(&session(), &relationship()), Ok(()));
    }

    #[test]
    fn only_the_pair_logs_sessions() {
        let mut s = session();
        s.author = id("james");
        assert_eq!(
            check_session(&s, &relationship()).unwrap_err().rule,
            Rule::NotPermitted
        );
    }

    #[test]
    fn session_length_is_bounded() {
        for minutes in [0, 4, 481] {
            let s = Session {
                minutes,
                ..session()
            };
            let refusal = check_session(&s, &relationship()).unwrap_err();
            assert_eq!(refusal.rule, Rule::SessionLength);
            assert!(refusal.message.contains(&format!("{minutes} minutes")));
        }
        assert!(check_session(
            &Session {
                minutes: 5,
                ..session()
            },
            &relationship()
        )
        .is_ok());
        assert!(check_session(
            &Session {
                minutes: 480,
                ..session()
            },
            &relationship()
        )
        .is_ok());
    }

    #[test]
    fn action_items_belong_to_the_pair_and_are_due_after_the_session() {
        let mut s = session();
        s.actions.push(action("a3", "james", 20, false));
        assert_eq!(
            check_session(&s, &relationship()).unwrap_err().rule,
            Rule::ActionItemOwner
        );
        let mut s = session();
        s.actions.push(action("a3", "amira", 9, false));
        let refusal = check_session(&s, &relationship()).unwrap_err();
        assert_eq!(refusal.rule, Rule::DatesOrdered);
        assert!(refusal.message.contains("Action a3"));
    }

    #[test]
    fn notes_are_bounded() {
        let mut s = session();
        s.grow.reality = "x".repeat(NOTES_MAX_CHARS + 1);
        let refusal = check_session(&s, &relationship()).unwrap_err();
        assert_eq!(refusal.rule, Rule::TextTooLong);
        assert!(refusal.message.contains("Reality notes"));
    }

    #[test]
    fn the_next_agenda_is_the_open_actions_soonest_first() {
        let mut earlier = session();
        earlier.actions[0].done = true;
        let later = Session {
            id: id("s2"),
            actions: vec![action("a9", "amira", 11, false)],
            ..session()
        };
        let agenda: Vec<_> = next_agenda([&earlier, &later])
            .iter()
            .map(|a| a.id.to_string())
            .collect();
        assert_eq!(agenda, ["a9", "a2"]);
    }
}
