//! Goals and the rules for changing them.
//!
//! A goal's title and progress are validated types, so a `Goal` that exists is a valid goal:
//! whatever builds one (a user's command, a stored record, a message from the host) has to go
//! through [`Title::parse`] and [`Progress::new`] first.

use std::fmt;

use crate::{Millis, RecordId};

/// Long enough for a specific goal statement, short enough to read on a phone's list.
pub const TITLE_MAX_CHARS: usize = 120;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title(String);

impl Title {
    /// Trims surrounding white space and checks the length in characters (not bytes, so an
    /// Arabic title gets the same allowance as an English one).
    pub fn parse(input: &str) -> Result<Title, GoalError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(GoalError::EmptyTitle);
        }
        let chars = trimmed.chars().count();
        if chars > TITLE_MAX_CHARS {
            return Err(GoalError::TitleTooLong { chars });
        }
        Ok(Title(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Progress towards a goal, as a whole percentage from 0 to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Progress(u8);

impl Progress {
    pub fn new(percent: i64) -> Result<Progress, GoalError> {
        match u8::try_from(percent) {
            Ok(p) if p <= 100 => Ok(Progress(p)),
            _ => Err(GoalError::ProgressOutOfRange { value: percent }),
        }
    }

    pub fn percent(self) -> u8 {
        self.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Goal {
    pub id: RecordId,
    pub owner: RecordId,
    pub title: Title,
    pub progress: Progress,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// What a person asks to do to their goals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalCommand {
    Add { title: String },
    SetProgress { goal: RecordId, percent: i64 },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalError {
    EmptyTitle,
    TitleTooLong { chars: usize },
    ProgressOutOfRange { value: i64 },
    UnknownGoal { goal: RecordId },
    NotOwner { goal: RecordId },
}

impl fmt::Display for GoalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GoalError::EmptyTitle => write!(
                f,
                "Give the goal a title, for example \"Present the budget to the board\"."
            ),
            GoalError::TitleTooLong { chars } => write!(
                f,
                "Shorten the title to {TITLE_MAX_CHARS} characters or fewer (it has {chars})."
            ),
            GoalError::ProgressOutOfRange { value } => {
                write!(
                    f,
                    "Progress runs from 0 to 100 %; {value} is outside that range."
                )
            }
            GoalError::UnknownGoal { .. } => write!(
                f,
                "That goal is no longer on this device. Reload the page to see your goals."
            ),
            GoalError::NotOwner { .. } => {
                write!(f, "Only the goal's owner can change its progress.")
            }
        }
    }
}

impl std::error::Error for GoalError {}

/// Decides what `command` does for `actor`: the goal record to store, or why nothing changes.
///
/// Nothing is changed here; the caller stores the record durably and only then applies it
/// with [`apply`], so that what the person sees as saved is what storage holds.
pub fn decide(
    command: &GoalCommand,
    goals: &[Goal],
    actor: &RecordId,
    now: Millis,
    new_id: impl FnOnce() -> RecordId,
) -> Result<Goal, GoalError> {
    match command {
        GoalCommand::Add { title } => {
            let title = Title::parse(title)?;
            Ok(Goal {
                id: new_id(),
                owner: actor.clone(),
                title,
                progress: Progress::default(),
                created_at: now,
                updated_at: now,
            })
        }
        GoalCommand::SetProgress { goal, percent } => {
            let progress = Progress::new(*percent)?;
            let current = goals
                .iter()
                .find(|g| &g.id == goal)
                .ok_or_else(|| GoalError::UnknownGoal { goal: goal.clone() })?;
            if &current.owner != actor {
                return Err(GoalError::NotOwner { goal: goal.clone() });
            }
            Ok(Goal {
                progress,
                updated_at: now.max(current.updated_at),
                ..current.clone()
            })
        }
    }
}

/// Puts `goal` into `goals`, replacing the record with the same id, in display order
/// (oldest first, ties broken by id so every device lists the same way).
pub fn apply(goals: &mut Vec<Goal>, goal: Goal) {
    goals.retain(|g| g.id != goal.id);
    let at = goals.partition_point(|g| (g.created_at, &g.id) < (goal.created_at, &goal.id));
    goals.insert(at, goal);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn add(goals: &mut Vec<Goal>, actor: &str, title: &str, at: i64) -> Result<Goal, GoalError> {
        let command = GoalCommand::Add {
            title: title.into(),
        };
        let goal = decide(&command, goals, &id(actor), Millis(at), || {
            id(&format!("g{at}"))
        })?;
        apply(goals, goal.clone());
        Ok(goal)
    }

    #[test]
    fn titles_are_trimmed_and_must_not_be_blank() {
        assert_eq!(
            Title::parse("  Lead a meeting ").unwrap().as_str(),
            "Lead a meeting"
        );
        assert_eq!(Title::parse(""), Err(GoalError::EmptyTitle));
        assert_eq!(Title::parse(" \t\n"), Err(GoalError::EmptyTitle));
    }

    #[test]
    fn title_length_counts_characters_not_bytes() {
        let arabic = "ق".repeat(TITLE_MAX_CHARS);
        assert!(
            arabic.len() > TITLE_MAX_CHARS,
            "each Arabic letter is two bytes"
        );
        assert!(Title::parse(&arabic).is_ok());
        assert_eq!(
            Title::parse(&"x".repeat(TITLE_MAX_CHARS + 1)),
            Err(GoalError::TitleTooLong {
                chars: TITLE_MAX_CHARS + 1
            })
        );
    }

    #[test]
    fn progress_stays_within_0_to_100() {
        assert_eq!(Progress::new(0).unwrap().percent(), 0);
        assert_eq!(Progress::new(100).unwrap().percent(), 100);
        for bad in [-1, 101, 256, i64::MAX, i64::MIN] {
            assert_eq!(
                Progress::new(bad),
                Err(GoalError::ProgressOutOfRange { value: bad })
            );
        }
    }

    #[test]
    fn adding_creates_a_goal_at_zero_owned_by_the_actor() {
        let mut goals = Vec::new();
        let goal = add(&mut goals, "amira", " Present to the board ", 10).unwrap();
        assert_eq!(goal.owner, id("amira"));
        assert_eq!(goal.title.as_str(), "Present to the board");
        assert_eq!(goal.progress.percent(), 0);
        assert_eq!(goals, vec![goal]);
    }

    #[test]
    fn an_invalid_title_changes_nothing_and_mints_no_id() {
        let mut goals = Vec::new();
        add(&mut goals, "amira", "First", 1).unwrap();
        let before = goals.clone();
        let command = GoalCommand::Add { title: "  ".into() };
        let result = decide(&command, &goals, &id("amira"), Millis(2), || {
            panic!("no id is minted for a rejected goal")
        });
        assert_eq!(result, Err(GoalError::EmptyTitle));
        assert_eq!(goals, before);
    }

    #[test]
    fn setting_progress_keeps_the_rest_of_the_goal() {
        let mut goals = Vec::new();
        let goal = add(&mut goals, "amira", "Learn negotiation", 5).unwrap();
        let command = GoalCommand::SetProgress {
            goal: goal.id.clone(),
            percent: 60,
        };
        let updated = decide(&command, &goals, &id("amira"), Millis(9), || unreachable!()).unwrap();
        assert_eq!(updated.progress.percent(), 60);
        assert_eq!(updated.updated_at, Millis(9));
        assert_eq!(
            (
                updated.id.clone(),
                updated.title.clone(),
                updated.created_at
            ),
            (goal.id, goal.title, goal.created_at)
        );
    }

    #[test]
    fn a_clock_running_backwards_never_moves_updated_at_back() {
        let mut goals = Vec::new();
        let goal = add(&mut goals, "amira", "Goal", 100).unwrap();
        let command = GoalCommand::SetProgress {
            goal: goal.id,
            percent: 5,
        };
        let updated = decide(
            &command,
            &goals,
            &id("amira"),
            Millis(50),
            || unreachable!(),
        )
        .unwrap();
        assert_eq!(updated.updated_at, Millis(100));
    }

    #[test]
    fn progress_changes_are_refused_for_unknown_goals_others_goals_and_bad_values() {
        let mut goals = Vec::new();
        let goal = add(&mut goals, "amira", "Goal", 1).unwrap();
        let set = |actor: &str, goal: &RecordId, percent| {
            let command = GoalCommand::SetProgress {
                goal: goal.clone(),
                percent,
            };
            decide(&command, &goals, &id(actor), Millis(2), || unreachable!())
        };
        assert_eq!(
            set("amira", &id("missing"), 10),
            Err(GoalError::UnknownGoal {
                goal: id("missing")
            })
        );
        assert_eq!(
            set("james", &goal.id, 10),
            Err(GoalError::NotOwner {
                goal: goal.id.clone()
            })
        );
        assert_eq!(
            set("amira", &goal.id, 101),
            Err(GoalError::ProgressOutOfRange { value: 101 })
        );
    }

    #[test]
    fn apply_replaces_by_id_and_keeps_creation_order() {
        let mut goals = Vec::new();
        let second = add(&mut goals, "amira", "Second", 20).unwrap();
        let first = add(&mut goals, "amira", "First", 10).unwrap();
        let titles = |goals: &[Goal]| {
            goals
                .iter()
                .map(|g| g.title.as_str().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(titles(&goals), ["First", "Second"]);
        apply(
            &mut goals,
            Goal {
                progress: Progress::new(40).unwrap(),
                ..second
            },
        );
        assert_eq!(titles(&goals), ["First", "Second"]);
        assert_eq!(goals.len(), 2);
        assert_eq!(goals[1].progress.percent(), 40);
        assert_eq!(goals[0], first);
    }

    #[test]
    fn messages_tell_the_person_what_to_do() {
        assert!(GoalError::EmptyTitle
            .to_string()
            .starts_with("Give the goal a title"));
        let long = GoalError::TitleTooLong { chars: 130 }.to_string();
        assert!(long.contains("120") && long.contains("130"), "{long}");
    }
}
