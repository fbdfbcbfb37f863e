//! The state every screen reads (`Workspace`) and the only way a screen changes anything
//! (`Actions`). Both are `Copy` handles, so any component or event handler can hold them.
//!
//! Architecture invariant: an action checks the change with the core's rules, has the store
//! write it durably, and only then puts it in the workspace, so nothing is shown as saved
//! that storage does not hold.

use std::rc::Rc;

use leptos::prelude::*;
use mentoring_core::permissions::{may_change, Record as PermissionRecord, Viewer};
use mentoring_core::relationship::propose;
use mentoring_core::{
    check_feedback, check_learning_entry, check_private_note, check_session, decide, Change,
    Directory, Feedback, Goal, GoalCommand, GoalContext, LearningEntry, Millis, Person,
    PrivateNote, RecordId, Relationship, RelationshipKind, Session,
};

use crate::edges::adapter::DirectorySnapshot;
use crate::edges::clock::Clock;
use crate::edges::store::{Conflict, RecordStore};
use crate::ui::i18n::{Locale, Text};
use crate::ui::sync::SyncHandle;

/// Everything the signed-in person may see, as signals.
#[derive(Clone, Copy)]
pub struct Workspace {
    pub me: RwSignal<Option<Person>>,
    pub directory: RwSignal<DirectorySnapshot>,
    pub relationships: RwSignal<Vec<Relationship>>,
    pub goals: RwSignal<Vec<Goal>>,
    pub sessions: RwSignal<Vec<Session>>,
    pub notes: RwSignal<Vec<PrivateNote>>,
    pub feedback: RwSignal<Vec<Feedback>>,
    pub learning: RwSignal<Vec<LearningEntry>>,
    /// Values written elsewhere at the same time that lost; the person can restore them.
    pub conflicts: RwSignal<Vec<Conflict>>,
}

/// Replaces the item with the same id, or adds it at the end.
fn upsert<T>(list: &mut Vec<T>, item: T, id: impl Fn(&T) -> &RecordId) {
    match list.iter().position(|existing| id(existing) == id(&item)) {
        Some(at) => list[at] = item,
        None => list.push(item),
    }
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::new()
    }
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            me: RwSignal::new(None),
            directory: RwSignal::new(DirectorySnapshot::default()),
            relationships: RwSignal::new(Vec::new()),
            goals: RwSignal::new(Vec::new()),
            sessions: RwSignal::new(Vec::new()),
            notes: RwSignal::new(Vec::new()),
            feedback: RwSignal::new(Vec::new()),
            learning: RwSignal::new(Vec::new()),
            conflicts: RwSignal::new(Vec::new()),
        }
    }

    /// Shows a stored (or received) change.
    pub fn apply(&self, change: Change) {
        match change {
            Change::Goal(goal) => self.goals.update(|list| mentoring_core::apply(list, goal)),
            Change::Relationship(r) => self.relationships.update(|list| upsert(list, r, |x| &x.id)),
            Change::Session(s) => self.sessions.update(|list| upsert(list, s, |x| &x.id)),
            Change::PrivateNote(n) => self.notes.update(|list| upsert(list, n, |x| &x.id)),
            Change::Feedback(f) => self.feedback.update(|list| upsert(list, f, |x| &x.id)),
            Change::Learning(l) => self.learning.update(|list| upsert(list, l, |x| &x.id)),
        }
    }

    /// Takes a deleted (or no longer visible) record out of view.
    pub fn remove(&self, entity: &str, id: &RecordId) {
        match entity {
            "goal" => self.goals.update(|l| l.retain(|x| &x.id != id)),
            "relationship" => self.relationships.update(|l| l.retain(|x| &x.id != id)),
            "session" => self.sessions.update(|l| l.retain(|x| &x.id != id)),
            "private-note" => self.notes.update(|l| l.retain(|x| &x.id != id)),
            "feedback" => self.feedback.update(|l| l.retain(|x| &x.id != id)),
            "learning" => self.learning.update(|l| l.retain(|x| &x.id != id)),
            _ => {}
        }
    }

    /// A person's display name, or their id when the directory does not know them (yet).
    pub fn name_of(&self, id: &RecordId) -> String {
        self.directory.with(|d| {
            d.people
                .iter()
                .find(|p| &p.id == id)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| id.to_string())
        })
    }

    pub fn relationship(&self, id: &RecordId) -> Option<Relationship> {
        self.relationships
            .with(|list| list.iter().find(|r| &r.id == id).cloned())
    }
}

/// The status line: what happened to the last change.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(String),
}

/// Who the widget works for, and the services it works with, once started.
#[derive(Clone)]
pub struct SignedIn {
    pub person: Person,
    pub store: Rc<dyn RecordStore>,
    pub clock: Rc<dyn Clock>,
}

#[derive(Clone, Copy)]
pub struct Actions {
    pub workspace: Workspace,
    pub save: RwSignal<SaveState>,
    pub locale: Locale,
    /// Syncs what is saved; told after every change.
    pub sync: SyncHandle,
    signed_in: StoredValue<Option<SignedIn>, LocalStorage>,
}

impl Actions {
    pub fn new(workspace: Workspace, locale: Locale) -> Actions {
        Actions {
            workspace,
            save: RwSignal::new(SaveState::Idle),
            locale,
            sync: SyncHandle::new(),
            signed_in: StoredValue::new_local(None),
        }
    }

    pub fn sign_in(&self, signed_in: SignedIn) {
        self.workspace.me.set(Some(signed_in.person.clone()));
        self.signed_in.set_value(Some(signed_in));
    }

    fn signed_in(&self) -> Result<SignedIn, String> {
        self.signed_in
            .get_value()
            .ok_or_else(|| self.locale.text(Text::StillStarting).to_owned())
    }

    /// The signed-in person's id.
    pub fn me(&self) -> Option<RecordId> {
        self.signed_in
            .with_value(|s| s.as_ref().map(|s| s.person.id.clone()))
    }

    pub fn now(&self) -> Millis {
        self.signed_in
            .with_value(|s| s.as_ref().map_or(Millis(0), |s| s.clock.now()))
    }

    /// A fresh record id, e.g. `new_id("session")`.
    pub fn new_id(&self, prefix: &str) -> RecordId {
        self.signed_in.with_value(|s| match s {
            Some(s) => RecordId::mint(prefix, s.clock.now(), s.clock.entropy()),
            None => RecordId::mint(prefix, Millis(0), 0),
        })
    }

    /// Runs a goal command; returns the goal's id.
    pub async fn goal(self, command: GoalCommand) -> Result<RecordId, String> {
        let signed_in = self.signed_in()?;
        let now = signed_in.clock.now();
        let ws = self.workspace;
        let goal = ws.relationships.with_untracked(|relationships| {
            ws.directory.with_untracked(|directory| {
                ws.goals.with_untracked(|goals| {
                    let context = GoalContext {
                        relationships,
                        programmes: &directory.programmes,
                    };
                    decide(
                        &command,
                        goals,
                        context,
                        &signed_in.person.id,
                        now,
                        |prefix| RecordId::mint(prefix, now, signed_in.clock.entropy()),
                    )
                })
            })
        });
        let goal = goal.map_err(|refusal| self.locale.refusal(&refusal))?;
        let id = goal.id.clone();
        self.commit(&signed_in, Change::Goal(goal)).await?;
        Ok(id)
    }

    fn relationship_of(&self, id: &RecordId) -> Result<Relationship, String> {
        self.workspace
            .relationships
            .with_untracked(|list| list.iter().find(|r| &r.id == id).cloned())
            .ok_or_else(|| self.locale.text(Text::RelationshipMissing).to_owned())
    }

    /// Saves a record `author` writes in a relationship, if the author is the person signed
    /// in and the core's `rule` for that kind of record agrees.
    async fn save_in_relationship(
        self,
        author: &RecordId,
        relationship: &RecordId,
        rule: impl FnOnce(&Relationship) -> Result<(), mentoring_core::Refusal>,
        change: Change,
    ) -> Result<(), String> {
        let signed_in = self.signed_in()?;
        if author != &signed_in.person.id {
            return Err(self.locale.text(Text::RefusedNotPermitted).to_owned());
        }
        let relationship = self.relationship_of(relationship)?;
        rule(&relationship).map_err(|r| self.locale.refusal(&r))?;
        self.commit(&signed_in, change).await
    }

    pub async fn log_session(self, session: Session) -> Result<(), String> {
        let (author, relationship) = (session.author.clone(), session.relationship.clone());
        let rule = |r: &Relationship| check_session(&session, r);
        let change = Change::Session(session.clone());
        self.save_in_relationship(&author, &relationship, rule, change)
            .await
    }

    pub async fn give_feedback(self, feedback: Feedback) -> Result<(), String> {
        let (author, relationship) = (feedback.giver.clone(), feedback.relationship.clone());
        let rule = |r: &Relationship| check_feedback(&feedback, r);
        let change = Change::Feedback(feedback.clone());
        self.save_in_relationship(&author, &relationship, rule, change)
            .await
    }

    pub async fn write_learning(self, entry: LearningEntry) -> Result<(), String> {
        let (author, relationship) = (entry.author.clone(), entry.relationship.clone());
        let rule = |r: &Relationship| check_learning_entry(&entry, r);
        let change = Change::Learning(entry.clone());
        self.save_in_relationship(&author, &relationship, rule, change)
            .await
    }

    pub async fn save_note(self, note: PrivateNote) -> Result<(), String> {
        let signed_in = self.signed_in()?;
        if note.owner != signed_in.person.id {
            return Err(self.locale.text(Text::RefusedNotPermitted).to_owned());
        }
        check_private_note(&note).map_err(|r| self.locale.refusal(&r))?;
        self.commit(&signed_in, Change::PrivateNote(note)).await
    }

    /// Proposes a relationship for each (mentor, mentee) pair in `programme`: a programme
    /// admin publishing a matching run, or a mentee asking a mentor (one pair, themselves the
    /// mentee). Each is checked by the core (`relationship::propose`: the relationship rules,
    /// one relationship under way per mentee and programme) and by `permissions` (the admin of
    /// the programme, or one of the pair), then stored durably. Returns how many were made and
    /// the refusals of the others.
    pub async fn propose(
        self,
        programme: RecordId,
        kind: RelationshipKind,
        pairs: Vec<(RecordId, RecordId)>,
    ) -> Result<(usize, Vec<String>), String> {
        let signed_in = self.signed_in()?;
        let me = signed_in.person.id.clone();
        let today = signed_in.clock.now().utc_date();
        let (directory, programme) = self.workspace.directory.with_untracked(|d| {
            let programme = d.programmes.iter().find(|p| p.id == programme).cloned();
            (Directory::new(d.people.iter().cloned()), programme)
        });
        let programme =
            programme.ok_or_else(|| self.locale.text(Text::StillStarting).to_owned())?;
        let admin_of: Vec<RecordId> = programme
            .is_admin(&me)
            .then(|| programme.id.clone())
            .into_iter()
            .collect();
        let (mut made, mut refused) = (0, Vec::new());
        for (mentor, mentee) in pairs {
            let existing = self.workspace.relationships.get_untracked();
            let id = self.new_id("rel");
            let proposal = propose(
                id,
                kind,
                &programme,
                (&mentor, &mentee),
                today,
                &directory,
                &existing,
            )
            .map_err(|refusals| {
                refusals
                    .iter()
                    .map(|r| self.locale.refusal(r))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .and_then(|r| {
                let viewer = Viewer {
                    person: &me,
                    admin_of: &admin_of,
                };
                if may_change(viewer, PermissionRecord::Relationship(&r)) {
                    Ok(r)
                } else {
                    Err(self.locale.text(Text::RefusedNotPermitted).to_owned())
                }
            });
            match proposal {
                Ok(relationship) => {
                    self.commit(&signed_in, Change::Relationship(relationship))
                        .await?;
                    made += 1;
                }
                Err(message) => refused.push(message),
            }
        }
        Ok((made, refused))
    }

    /// Keeps `conflict`'s value, replacing the one shown (here, and everywhere once synced).
    pub async fn restore(self, conflict: Conflict) -> Result<(), String> {
        let signed_in = self.signed_in()?;
        self.save.set(SaveState::Saving);
        let resolved = signed_in
            .store
            .resolve(
                &conflict.entity,
                &conflict.record,
                &conflict.field,
                conflict.value,
            )
            .await;
        match resolved {
            Ok(change) => {
                if let Some(change) = change {
                    self.workspace.apply(change);
                }
                self.workspace.conflicts.set(signed_in.store.conflicts());
                self.save.set(SaveState::Saved);
                self.sync.changed();
                Ok(())
            }
            Err(error) => {
                let message = error.to_string();
                self.save.set(SaveState::Failed(message.clone()));
                Err(message)
            }
        }
    }

    /// Writes durably, then shows. On a storage error nothing is shown and the message says why.
    async fn commit(self, signed_in: &SignedIn, change: Change) -> Result<(), String> {
        self.save.set(SaveState::Saving);
        match signed_in.store.commit(&change).await {
            Ok(()) => {
                self.workspace.apply(change);
                self.workspace.conflicts.set(signed_in.store.conflicts());
                self.save.set(SaveState::Saved);
                self.sync.changed();
                Ok(())
            }
            Err(error) => {
                let message = error.to_string();
                self.save.set(SaveState::Failed(message.clone()));
                Err(message)
            }
        }
    }
}
