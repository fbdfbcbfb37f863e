//! The state every screen reads (`Workspace`) and the only way a screen changes anything
//! (`Actions`). Both are `Copy` handles, so any component or event handler can hold them.
//!
//! Architecture invariant: an action checks the change with the core's rules, has the store
//! write it durably, and only then puts it in the workspace, so nothing is shown as saved
//! that storage does not hold.

use std::rc::Rc;

use leptos::prelude::*;
use mentoring_core::export;
use mentoring_core::feedback::{
    check_feedback_edit, check_learning_edit, may_rewrite_feedback, may_rewrite_learning,
};
use mentoring_core::health::{check_nudge, end_early, extend, nudge_pair, rematch, start, Nudge};
use mentoring_core::permissions::{
    may_change, Record as PermissionRecord, Viewer, AGREEMENT_FIELDS,
};
use mentoring_core::preferences::{check_each_attribute, Attribute, PreferencesMet};
use mentoring_core::programme::{check_admits_someone, check_among_programmes};
use mentoring_core::projection::FieldValue;
use mentoring_core::relationship::{
    change_by_party, check_one_role, check_start, check_under_way, propose, KnownEnrolments,
    PartyChange,
};
use mentoring_core::reminders::{ending, PairingLog, TakenOffNotice};
use mentoring_core::session::{
    check_held_session_filled, check_session_day, check_session_edit, may_change_session,
    may_settle_action, rebase_edit, wall_clock_at, with_action_done, PairEnded,
};
use mentoring_core::{
    check_feedback, check_learning_entry, check_private_note, check_programme_change,
    check_session, decide, enrolment::plan_enrolments, AdminChange, Change, Date, Directory,
    EnrolledAs, Enrolment, EnrolmentStatus, Feedback, Goal, GoalCommand, GoalContext,
    LearningEntry, MatchingPreferences, Millis, Person, PrivateNote, Programme, RecordId,
    Relationship, RelationshipKind, Rule, Session,
};

#[cfg(feature = "admin")]
use crate::edges::adapter::ProgrammeFigures;
use crate::edges::adapter::{DirectorySnapshot, Host};
use crate::edges::clock::Clock;
use crate::edges::download::download;
use crate::edges::store::{Conflict, RecordStore, Rewrite, Rewriting, Rewritten, StoreError};
use crate::ui::i18n::{Locale, Text};
use crate::ui::relationships::kind_text;
use crate::ui::session_log::zone;
use crate::ui::sync::SyncHandle;

/// The pair's agreement as stored: its purpose and its ground rules, the texts a clear empties.
const AGREEMENT_TEXTS: [&str; 2] = [AGREEMENT_FIELDS[0], AGREEMENT_FIELDS[1]];

/// Everything the signed-in person may see, as signals.
#[derive(Clone, Copy)]
pub struct Workspace {
    pub me: RwSignal<Option<Person>>,
    pub directory: RwSignal<DirectorySnapshot>,
    /// Whether `directory` came from the host on this page: until it does, it is the one last
    /// kept on the device, or empty (people are their ids, Find a mentor has no programme to
    /// offer) on a device that never had one (`sync::fetch_directory`).
    pub directory_state: RwSignal<DirectoryState>,
    /// An ask for the directory is on its way: no second one starts meanwhile, and Find a
    /// mentor says it is updating what it shows.
    pub directory_asking: RwSignal<bool>,
    /// A sync brought a change to pairs while an ask was on its way, which the host may have
    /// served before it: asked again once that one is back (`sync::fetch_directory`).
    pub directory_owed: RwSignal<bool>,
    /// When the directory shown was received from the host (here, or before on this device).
    pub directory_at: RwSignal<Option<Millis>>,
    pub relationships: RwSignal<Vec<Relationship>>,
    pub goals: RwSignal<Vec<Goal>>,
    pub sessions: RwSignal<Vec<Session>>,
    pub notes: RwSignal<Vec<PrivateNote>>,
    pub feedback: RwSignal<Vec<Feedback>>,
    pub learning: RwSignal<Vec<LearningEntry>>,
    /// Matching preferences: the host sends a device its owner's alone (`my_preferences`).
    pub preferences: RwSignal<Vec<MatchingPreferences>>,
    /// Values written elsewhere at the same time that lost; the person can restore them.
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// Who last ended or re-paired each relationship held, and when, for the reminders.
    pub pairing_log: RwSignal<Vec<PairingLog>>,
    /// Sessions held deleted or moved, from their ops (`RecordStore::session_changes`): the
    /// partner is told, for their calendar (`reminders::calendar_changes`).
    pub session_changes: RwSignal<Vec<mentoring_core::reminders::SessionChange>>,
    /// Which of those changes the person dismissed (their ops), as this device remembers.
    pub dismissed: RwSignal<Vec<RecordId>>,
    /// Programme-administration records the person may see: programmes set up here, the
    /// enrolments and nudges of programmes they administer, their own enrolments.
    pub admin: RwSignal<Vec<AdminChange>>,
}

/// Where the host's directory stands on this page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DirectoryState {
    #[default]
    Asking,
    Received,
    /// The last ask failed: the sync engine asks again once it next reaches the host.
    Failed,
    /// The host answered with a refusal or a reply the widget cannot read: asking again
    /// would get the same, so only a new start asks.
    Refused,
    /// Received, but what the person takes part in changed since (an invitation accepted):
    /// the enrolment lists it told are theirs as it was, so the sync engine asks again once
    /// the change has reached the host.
    Outdated,
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
            directory_state: RwSignal::new(DirectoryState::default()),
            directory_asking: RwSignal::new(false),
            directory_owed: RwSignal::new(false),
            directory_at: RwSignal::new(None),
            relationships: RwSignal::new(Vec::new()),
            goals: RwSignal::new(Vec::new()),
            sessions: RwSignal::new(Vec::new()),
            notes: RwSignal::new(Vec::new()),
            feedback: RwSignal::new(Vec::new()),
            learning: RwSignal::new(Vec::new()),
            preferences: RwSignal::new(Vec::new()),
            conflicts: RwSignal::new(Vec::new()),
            pairing_log: RwSignal::new(Vec::new()),
            session_changes: RwSignal::new(Vec::new()),
            dismissed: RwSignal::new(Vec::new()),
            admin: RwSignal::new(Vec::new()),
        }
    }

    /// Shows a stored (or received) programme-administration record.
    pub fn apply_admin(&self, change: AdminChange) {
        self.admin.update(|list| {
            match list
                .iter()
                .position(|a| a.entity() == change.entity() && a.id() == change.id())
            {
                Some(at) => list[at] = change,
                None => list.push(change),
            }
        });
    }

    /// Every programme known: the host directory's and those set up through the widget.
    pub fn programmes(&self) -> Vec<Programme> {
        let mut all = self.directory.with(|d| d.programmes.clone());
        all.extend(self.set_up_programmes());
        all
    }

    /// The programmes set up through the widget (Programme admin) that the device holds.
    pub fn set_up_programmes(&self) -> Vec<Programme> {
        self.admin.with(|list| {
            (list.iter())
                .filter_map(|a| match a {
                    AdminChange::Programme(p) => Some(p.clone()),
                    _ => None,
                })
                .collect()
        })
    }

    /// The enrolments known, of every programme.
    pub fn enrolments(&self) -> Vec<Enrolment> {
        self.admin.with(|list| {
            list.iter()
                .filter_map(|a| match a {
                    AdminChange::Enrolment(e) => Some(e.clone()),
                    _ => None,
                })
                .collect()
        })
    }

    /// The nudges known: an admin's own and those of their programmes, a participant's to them.
    pub fn nudges(&self) -> Vec<Nudge> {
        self.admin.with(|list| {
            list.iter()
                .filter_map(|a| match a {
                    AdminChange::Nudge(n) => Some(n.clone()),
                    _ => None,
                })
                .collect()
        })
    }

    /// What the host told the signed-in person of pairs they were taken off.
    pub fn taken_off_notices(&self) -> Vec<TakenOffNotice> {
        self.admin.with(|list| {
            list.iter()
                .filter_map(|a| match a {
                    AdminChange::TakenOff(n) => Some(n.clone()),
                    _ => None,
                })
                .collect()
        })
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
            Change::MatchingPreferences(p) => {
                self.preferences.update(|list| upsert(list, p, |x| &x.id))
            }
        }
    }

    /// The record `entity` `id` as shown: what a change made now is made from.
    pub fn shown(&self, entity: &str, id: &RecordId) -> Option<Change> {
        fn find<T: Clone + Send + Sync + 'static>(
            list: RwSignal<Vec<T>>,
            id: &RecordId,
            of: impl Fn(&T) -> &RecordId,
        ) -> Option<T> {
            list.try_with_untracked(|all| all.iter().find(|x| of(x) == id).cloned())?
        }
        Some(match entity {
            "goal" => Change::Goal(find(self.goals, id, |x| &x.id)?),
            "relationship" => Change::Relationship(find(self.relationships, id, |x| &x.id)?),
            "session" => Change::Session(find(self.sessions, id, |x| &x.id)?),
            "private-note" => Change::PrivateNote(find(self.notes, id, |x| &x.id)?),
            "feedback" => Change::Feedback(find(self.feedback, id, |x| &x.id)?),
            "learning" => Change::Learning(find(self.learning, id, |x| &x.id)?),
            "matching-preferences" => {
                Change::MatchingPreferences(find(self.preferences, id, |x| &x.id)?)
            }
            _ => return None,
        })
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
            "matching-preferences" => self.preferences.update(|l| l.retain(|x| &x.id != id)),
            _ => {}
        }
    }

    /// The signed-in person's own matching preferences, if they stated any. Anyone else's is
    /// never shown, whatever a device holds.
    pub fn my_preferences(&self) -> Option<MatchingPreferences> {
        let me = self.me.with(|me| me.as_ref().map(|p| p.id.clone()))?;
        self.preferences
            .with(|all| all.iter().find(|p| p.owner == me && p.id == me).cloned())
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

    /// Which rule the core finds `record` (of `entity`; an action item stands for its
    /// session) breaking, with what this device holds now (`mentoring_core::check_as_pushed`):
    /// why the host most likely refused it as `invalid_record`, for the status line to say in
    /// the reader's words. `None` when it passes here, or the view is gone.
    pub fn refusal_of(
        &self,
        entity: &str,
        id: &RecordId,
        today: Date,
    ) -> Option<mentoring_core::Refusal> {
        let find = |list: RwSignal<Vec<Session>>, matches: &dyn Fn(&Session) -> bool| {
            list.try_with_untracked(|all| all.iter().find(|s| matches(s)).cloned())
                .flatten()
        };
        let change = match entity {
            "session" => Change::Session(find(self.sessions, &|s| &s.id == id)?),
            "action" => Change::Session(find(self.sessions, &|s| {
                s.actions.iter().any(|a| &a.id == id)
            })?),
            "feedback" => Change::Feedback(
                (self.feedback)
                    .try_with_untracked(|all| all.iter().find(|f| &f.id == id).cloned())
                    .flatten()?,
            ),
            "goal" => Change::Goal(
                (self.goals)
                    .try_with_untracked(|all| all.iter().find(|g| &g.id == id).cloned())
                    .flatten()?,
            ),
            "relationship" => Change::Relationship(self.relationship(id)?),
            "learning" => Change::Learning(
                (self.learning)
                    .try_with_untracked(|all| all.iter().find(|l| &l.id == id).cloned())
                    .flatten()?,
            ),
            _ => return None,
        };
        let relationships = self.relationships.try_get_untracked()?;
        let directory =
            (self.directory).try_with_untracked(|d| Directory::new(d.people.iter().cloned()))?;
        let programmes = self.programmes();
        let sessions = self.sessions.try_get_untracked()?;
        let context = mentoring_core::RecordContext {
            relationships: &relationships,
            programmes: &programmes,
            directory: &directory,
            today,
            // Judged as new, a session of a pair that is over is refused before its date is.
            ended: &[],
            sessions: &sessions,
        };
        let me = (self.me)
            .try_with_untracked(|m| m.as_ref().map(|p| p.id.clone()))
            .flatten()?;
        mentoring_core::check_as_pushed(&change, &me, context).err()
    }
}

/// What a programme admin does about a relationship (`health`'s actions).
#[derive(Clone, Debug, PartialEq)]
pub enum PairAction {
    Start,
    /// Both of the pair are nudged about every signal in `reasons`, by their keys
    /// (`health::nudge_pair`).
    Nudge {
        reasons: Vec<String>,
    },
    Extend(Date),
    EndEarly(String),
    Rematch(String),
}

/// The status line: what happened to the last change.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(String),
}

/// Saves overlap (a slider saves each step it takes), so "saved" may only be said once the
/// last of them has finished: one that ends while another is still being written would
/// otherwise announce as kept on the device what is not yet.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveStatus {
    writing: u32,
    shown: SaveState,
    /// What the change did, when its screen says nothing a screen reader would hear ("Goal
    /// added: …"): the status line says it until the next save starts.
    said: String,
}

impl SaveStatus {
    pub fn idle() -> SaveStatus {
        SaveStatus {
            writing: 0,
            shown: SaveState::Idle,
            said: String::new(),
        }
    }

    pub fn shown(&self) -> &SaveState {
        &self.shown
    }

    pub fn said(&self) -> &str {
        &self.said
    }

    /// Says what the change just saved did, beside how its save and sync stand.
    pub fn say(&mut self, line: String) {
        self.said = line;
    }

    fn started(&mut self) {
        self.writing += 1;
        self.shown = SaveState::Saving;
        self.said.clear();
    }

    /// Everything saved has reached the host: "saved on this device" would sit beside "all
    /// changes synced" as if it were not, so it goes. A save under way or a failure stays.
    pub fn synced(&mut self) {
        if self.writing == 0 && self.shown == SaveState::Saved {
            self.shown = SaveState::Idle;
        }
    }

    /// A failure shows at once and stays until the next save starts, even if saves still
    /// being written then succeed.
    fn finished(&mut self, outcome: Result<(), String>) {
        self.writing = self.writing.saturating_sub(1);
        match outcome {
            Err(message) => self.shown = SaveState::Failed(message),
            Ok(()) if self.writing == 0 && self.shown == SaveState::Saving => {
                self.shown = SaveState::Saved;
            }
            Ok(()) => {}
        }
    }
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
    pub save: RwSignal<SaveStatus>,
    pub locale: Locale,
    /// Syncs what is saved; told after every change.
    pub sync: SyncHandle,
    signed_in: StoredValue<Option<SignedIn>, LocalStorage>,
    /// The host, for what only it can answer (a programme's figures and exports).
    host: StoredValue<Option<Rc<dyn Host>>, LocalStorage>,
    /// Bumped at the person's local midnight (`screens::follow_midnight`), so a memo or view
    /// reading the clock (`now`, `today`) works out again what a new day changes.
    pub midnights: RwSignal<u32>,
}

impl Actions {
    pub fn new(workspace: Workspace, locale: Locale) -> Actions {
        Actions {
            workspace,
            save: RwSignal::new(SaveStatus::idle()),
            locale,
            sync: SyncHandle::new(),
            signed_in: StoredValue::new_local(None),
            host: StoredValue::new_local(None),
            midnights: RwSignal::new(0),
        }
    }

    pub fn set_host(&self, host: Rc<dyn Host>) {
        self.host.set_value(Some(host));
    }

    /// Asks the host for its directory again (Find a mentor opened: who has a place, who is
    /// on an enrolment list, may have changed since), unless an ask is on its way.
    pub fn ask_directory(self) {
        let Some(host) = self.host.get_value() else {
            return;
        };
        let Some((store, clock)) =
            (self.signed_in).with_value(|s| s.as_ref().map(|s| (s.store.clone(), s.clock.clone())))
        else {
            return;
        };
        let status = self.sync.status;
        leptos::task::spawn_local(async move {
            let (workspace, clock) = (self.workspace, &*clock);
            crate::ui::sync::fetch_directory(&*host, &*store, workspace, status, clock, false).await
        });
    }

    fn host(&self) -> Result<Rc<dyn Host>, String> {
        self.host
            .get_value()
            .ok_or_else(|| self.locale.text(Text::StillStarting).to_owned())
    }

    /// A programme's figures and relationship health, computed by the host for its admins;
    /// `None` while the host has not got the programme yet: one set up on this device whose
    /// set-up still waits to be sent is not asked for (the host could only answer "not
    /// found"), and a "not found" for one set up here means the same.
    #[cfg(feature = "admin")]
    pub async fn programme_figures(
        self,
        programme: RecordId,
    ) -> Result<Option<ProgrammeFigures>, String> {
        let host = self.host()?;
        let set_up_here = self.set_up_here(&programme);
        if set_up_here {
            let store = self
                .signed_in
                .with_value(|s| s.as_ref().map(|s| s.store.clone()));
            let outbox = match store {
                Some(store) => store.outbox().await.ok(),
                None => None,
            };
            let waits = |op: &crate::edges::adapter::OpV1| op.record == programme.as_str();
            if outbox.is_some_and(|o| o.ops.iter().any(waits)) {
                return Ok(None);
            }
        }
        match host.programme_figures(&programme).await {
            Ok(figures) => Ok(Some(figures)),
            Err(crate::edges::adapter::HostError::Refused { code, .. })
                if code == "not_found" && set_up_here =>
            {
                Ok(None)
            }
            Err(error) => Err(self.programme_host_error(&programme, &error)),
        }
    }

    /// Whether `programme` was set up through the widget, rather than being the HR
    /// directory's (the host's own).
    #[cfg(feature = "admin")]
    fn set_up_here(self, programme: &RecordId) -> bool {
        self.workspace.admin.with_untracked(|list| {
            list.iter()
                .any(|a| matches!(a, AdminChange::Programme(p) if &p.id == programme))
        })
    }

    /// What a programme's figures or export failing says. A programme set up on this device is
    /// unknown to the host until a sync has sent it: then its figures are only not there yet.
    /// (The HR directory's programmes are the host's own: a "not found" there means the host
    /// does not offer figures.)
    #[cfg(feature = "admin")]
    fn programme_host_error(
        self,
        programme: &RecordId,
        error: &crate::edges::adapter::HostError,
    ) -> String {
        match error {
            crate::edges::adapter::HostError::Refused { code, .. }
                if code == "not_found" && self.set_up_here(programme) =>
            {
                self.locale.text(Text::FiguresAfterSync).to_owned()
            }
            _ => self.locale.host_error(error),
        }
    }

    /// Downloads a programme's export (`relationships.csv`, `aggregates.csv`) as the host
    /// wrote it with the core's export functions.
    #[cfg(feature = "admin")]
    pub async fn download_programme_export(
        self,
        programme: RecordId,
        file: &'static str,
    ) -> Result<(), String> {
        let host = self.host()?;
        let csv = host
            .programme_export(&programme, file)
            .await
            .map_err(|e| self.programme_host_error(&programme, &e))?;
        // A fetch's text drops the byte-order mark the host wrote: the file gets it back, for
        // Excel to read it as UTF-8.
        let bom = export::csv::BOM;
        let csv = format!("{bom}{}", csv.trim_start_matches(bom));
        // Saved under the programme's name, not its id, which means nothing to a reader.
        let name = (untrack(|| self.workspace.programmes()).into_iter())
            .find(|p| p.id == programme)
            .map_or_else(|| programme.to_string(), |p| p.name);
        self.offer(&export::programme_file_name(&name, file), "text/csv", &csv)
    }

    /// Downloads everything that is the signed-in person's own, as JSON or CSV.
    pub fn download_my_data(&self, csv: bool) -> Result<(), String> {
        let me = self.signed_in()?.person.id;
        let ws = self.workspace;
        let mut changes: Vec<Change> = Vec::new();
        ws.relationships
            .with_untracked(|l| changes.extend(l.iter().cloned().map(Change::Relationship)));
        ws.goals
            .with_untracked(|l| changes.extend(l.iter().cloned().map(Change::Goal)));
        // A session of a relationship held here unreadable (deleted, or not valid) is nobody's
        // to read back; one whose relationship this device never held, the core judges alone.
        let relationships = ws.relationships.get_untracked();
        let of_feedback = ws
            .feedback
            .with_untracked(|l| (l.iter().map(|f| f.relationship.clone())).collect::<Vec<_>>());
        let unreadable = ws.sessions.with_untracked(|l| {
            let of_sessions = l.iter().map(|s| &s.relationship);
            self.unreadable_relationships(&relationships, of_sessions.chain(&of_feedback))
        });
        ws.sessions.with_untracked(|l| {
            changes.extend(
                (l.iter())
                    .filter(|s| !unreadable.contains(&s.relationship))
                    .cloned()
                    .map(Change::Session),
            )
        });
        ws.notes
            .with_untracked(|l| changes.extend(l.iter().cloned().map(Change::PrivateNote)));
        // What they gave is theirs; what they received goes with a relationship held unreadable.
        ws.feedback.with_untracked(|l| {
            changes.extend(
                (l.iter())
                    .filter(|f| f.giver == me || !unreadable.contains(&f.relationship))
                    .cloned()
                    .map(Change::Feedback),
            )
        });
        ws.learning
            .with_untracked(|l| changes.extend(l.iter().cloned().map(Change::Learning)));
        ws.preferences
            .with_untracked(|l| changes.extend(l.iter().cloned().map(Change::MatchingPreferences)));
        let mut admin = ws.admin.get_untracked();
        // The directory's programmes too: an enrolment is said in its programme's words
        // (coach, coachee), and a participant's device may hold no programme record.
        let held = ws.directory.with_untracked(|d| d.programmes.clone());
        admin.extend(held.into_iter().map(AdminChange::Programme));
        // A file with nothing in it would look like data lost: said before, and not offered.
        if export::own_record_count(&me, &changes, &admin) == 0 {
            return Err(self.locale.text(Text::NothingToExport).to_owned());
        }
        let name_of = |id: &RecordId| Some(ws.name_of(id)).filter(|name| name != id.as_str());
        let programmes = untrack(|| ws.programmes());
        let programme_name = |id: &RecordId| {
            (programmes.iter())
                .find(|p| &p.id == id)
                .map(|p| p.name.clone())
        };
        // Times and days as the screens show them, where the person is.
        let zone = super::session_log::zone::of_me_now(*self);
        let offset_minutes_at = |at| super::session_log::zone::offset_minutes(at, &zone);
        // When a pair that is over ended, as its page says it (`reminders::ending`).
        let log = ws.pairing_log.get_untracked();
        let ended_at = |id: &RecordId| {
            (log.iter())
                .find(|entry| &entry.relationship == id)
                .map(|entry| entry.lifecycle.at)
        };
        let reading = export::Reading {
            name_of: &name_of,
            programme_name: &programme_name,
            offset_minutes_at: &offset_minutes_at,
            ended_at: &ended_at,
        };
        if csv {
            let text = export::personal_csv(&me, &changes, &admin, &reading);
            self.offer(&format!("{me}-my-data.csv"), "text/csv", &text)
        } else {
            let text = export::personal_json(&me, &changes, &admin, &reading, self.now());
            self.offer(&format!("{me}-my-data.json"), "application/json", &text)
        }
    }

    /// Offers a session as an iCalendar file for the person's own calendar (the screens offer
    /// it for sessions still to come): the kind of session and the partner in their words,
    /// when and where, and nothing said in it (`export::ics`). Named after the kind of session
    /// and its date and time where they are, so two on one day are two files. A session they
    /// may not see is as missing as one deleted.
    pub fn download_session_event(&self, session: &RecordId) -> Result<(), String> {
        let me = self.signed_in()?.person.id;
        let ws = self.workspace;
        let missing = || self.locale.text(Text::RelationshipMissing).to_owned();
        let relationship = ws
            .sessions
            .with_untracked(|all| {
                all.iter()
                    .find(|s| &s.id == session)
                    .map(|s| s.relationship.clone())
            })
            .and_then(|r| ws.relationship(&r))
            .ok_or_else(missing)?;
        let s = ws
            .sessions
            .with_untracked(|all| {
                mentoring_core::session::sessions_of(all, &relationship, &me)
                    .into_iter()
                    .find(|s| &s.id == session)
                    .cloned()
            })
            .ok_or_else(missing)?;
        self.offer_event(&s, &relationship, &me, export::ics::session_event)
    }

    /// After a session still to come was deleted: the file that takes it out of a calendar it
    /// was added to (`export::ics::session_cancellation`, the same event's UID).
    pub fn download_session_cancellation(&self, deleted: &Session) -> Result<(), String> {
        let me = self.signed_in()?.person.id;
        let relationship = (self.workspace.relationship(&deleted.relationship))
            .ok_or_else(|| self.locale.text(Text::RelationshipMissing).to_owned())?;
        self.offer_event(
            deleted,
            &relationship,
            &me,
            export::ics::session_cancellation,
        )
    }

    /// The calendar file for a session its author deleted or moved elsewhere, as the partner's
    /// "Needs your attention" offers it (`reminders::calendar_changes`): the cancellation of
    /// the event the partner added, or the event at its new time, under the same UID.
    pub fn download_changed_session(&self, change: &RecordId) -> Result<(), String> {
        let missing = || self.locale.text(Text::SessionMissing).to_owned();
        let found = (self.workspace.session_changes)
            .with_untracked(|all| all.iter().find(|c| &c.op == change).cloned())
            .ok_or_else(missing)?;
        if found.cancelled {
            self.download_session_cancellation(&found.session)
        } else {
            self.download_session_event(&found.session.id)
        }
    }

    /// Takes a change to a session off "Needs your attention" on this device, for the person
    /// alone: nothing is synced, and the session's records are untouched.
    pub async fn dismiss_session_change(
        self,
        session: RecordId,
        change: RecordId,
    ) -> Result<(), String> {
        let signed_in = self.signed_in()?;
        let written = signed_in.store.dismiss(&session, &change).await;
        written.map_err(|e| self.locale.store_error(&e))?;
        self.workspace.dismissed.update(|d| d.push(change));
        Ok(())
    }

    fn offer_event(
        &self,
        s: &Session,
        relationship: &Relationship,
        me: &RecordId,
        write: fn(&Session, &export::ics::EventWords<'_>, Millis) -> String,
    ) -> Result<(), String> {
        let ws = self.workspace;
        let partner = s
            .partner_of(me, relationship)
            .map(|p| ws.name_of(p))
            .unwrap_or_default();
        let locale = self.locale;
        let summary = locale.format_plain(
            Text::SessionEventTitle,
            &[locale.text(kind_text(relationship.kind)), &partner],
        );
        let organizer = ws.name_of(me);
        let words = export::ics::EventWords {
            summary: &summary,
            online: locale.text(Text::Online),
            in_person: locale.text(Text::InPerson),
            description: None,
            organizer: &organizer,
        };
        let text = write(s, &words, self.now());
        let zone = zone::of_me_now(*self);
        let wall = mentoring_core::session::wall_clock_at(s.at, zone::offset_minutes(s.at, &zone));
        let kind = mentoring_core::projection::kind_name(relationship.kind);
        self.offer(&export::ics::file_name(kind, wall), "text/calendar", &text)
    }

    /// Offers a file for download, or says that the browser did not.
    fn offer(&self, name: &str, mime: &str, text: &str) -> Result<(), String> {
        download(name, mime, text).map_err(|_| self.locale.text(Text::DownloadFailed).to_owned())
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

    /// The clock's reading. Read in a memo or a view, it is read again at the person's next
    /// midnight; a handler's read follows nothing.
    pub fn now(&self) -> Millis {
        if leptos::reactive::graph::Observer::get().is_some() {
            self.midnights.track();
        }
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
        self.commit(&signed_in, Change::Goal(goal), None).await?;
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
    /// `opened`: the record as the form that made `change` showed it when it opened, when the
    /// form writes every field (only what it changed from that is written); `None`, the
    /// record as shown now.
    async fn save_in_relationship(
        self,
        author: &RecordId,
        relationship: &RecordId,
        rule: impl FnOnce(&Relationship) -> Result<(), mentoring_core::Refusal>,
        change: Change,
        opened: Option<Change>,
    ) -> Result<(), String> {
        let signed_in = self.signed_in()?;
        if author != &signed_in.person.id {
            return Err(self.locale.text(Text::RefusedNotPermitted).to_owned());
        }
        let relationship = self.relationship_of(relationship)?;
        rule(&relationship).map_err(|r| self.locale.refusal(&r))?;
        self.commit(&signed_in, change, opened).await
    }

    /// When `r`, if it is over, ended as this device knows it (`reminders::ending`), dated on
    /// the person's own day; the clock's reading when the device does not hold the write that
    /// ended it, as `session::not_held_after_end` judges its sessions then.
    pub fn pair_ended(&self, r: &Relationship) -> Option<PairEnded> {
        if !r.lifecycle.is_over() {
            return None;
        }
        let known = (self.workspace.pairing_log).with_untracked(|log| ending(r, log)?.1);
        let at = known.unwrap_or_else(|| self.now());
        let zone = zone::of_me_now(*self);
        Some(PairEnded {
            at,
            on: zone::day(at, &zone),
        })
    }

    /// Logs a session, or saves the changes to one logged before: its author's alone to
    /// change, with the rules of a new one (`session::check_session_edit`), and not moved to
    /// after its pair ended (`session::check_session_date`): a form opened before the end,
    /// here or on another device, is refused then. The store writes only the fields that
    /// changed.
    pub async fn log_session(self, session: Session) -> Result<(), String> {
        let before = self.stored_session(&session.id);
        let (author, relationship) = (session.author.clone(), session.relationship.clone());
        let (now, today) = (self.now(), self.today());
        let rule = |r: &Relationship| {
            let judged = (today, self.pair_ended(r));
            match &before {
                Some(before) => check_session_edit(before, &session, &author, r),
                None => check_session(&session, r),
            }
            .and_then(|()| {
                check_session_day(&session, before.as_ref(), r, judged, session_day(&session))
            })
            .and_then(|()| check_held_session_filled(&session, now))
        };
        let change = Change::Session(session.clone());
        self.save_in_relationship(&author, &relationship, rule, change, None)
            .await
    }

    /// Saves what a form opened on `opened` changed in a logged session (`edited`), on top of
    /// the session as it stands now (`session::rebase_edit`): a tick or an edit made meanwhile
    /// stays. The session must still be there: one deleted meanwhile (on another device, say)
    /// stays deleted, and nothing is written into it.
    /// A refusal comes with the session as it was checked, so a screen finds the action item
    /// the rules blame among items added elsewhere (`session::refused_action`).
    pub async fn change_session(
        self,
        opened: Session,
        edited: Session,
    ) -> Result<(), (String, Option<Session>)> {
        let Some(current) = self.stored_session(&edited.id) else {
            return Err((self.locale.text(Text::RecordGone).to_owned(), None));
        };
        let rebased = rebase_edit(&opened, &edited, &current);
        self.log_session(rebased.clone())
            .await
            .map_err(|message| (message, Some(rebased)))
    }

    fn stored_session(&self, id: &RecordId) -> Option<Session> {
        self.workspace
            .sessions
            .with_untracked(|all| all.iter().find(|s| &s.id == id).cloned())
    }

    /// Deletes a logged session, its author's to do: its action items, and the private notes
    /// on it, leave every screen with it; a private note stays in its owner's own export.
    /// Returns it, for `restore_session`.
    pub async fn delete_session(self, id: &RecordId) -> Result<Session, String> {
        let session = self
            .stored_session(id)
            .ok_or_else(|| self.locale.text(Text::RecordGone).to_owned())?;
        self.set_deleted(&Change::Session(session.clone()), true)
            .await?;
        Ok(session)
    }

    /// Brings back a session just deleted, with its action items and notes.
    pub async fn restore_session(self, session: &Session) -> Result<(), String> {
        self.set_deleted(&Change::Session(session.clone()), false)
            .await
    }

    /// Deletes the signed-in person's own learning entry. Returns it, for `restore_learning`.
    pub async fn delete_learning(self, id: &RecordId) -> Result<LearningEntry, String> {
        let entry = self
            .stored_learning(id)
            .ok_or_else(|| self.locale.text(Text::RecordGone).to_owned())?;
        self.set_deleted(&Change::Learning(entry.clone()), true)
            .await?;
        Ok(entry)
    }

    pub async fn restore_learning(self, entry: &LearningEntry) -> Result<(), String> {
        self.set_deleted(&Change::Learning(entry.clone()), false)
            .await
    }

    /// Deletes feedback the signed-in person gave. Returns it, for `restore_feedback`.
    pub async fn delete_feedback(self, id: &RecordId) -> Result<Feedback, String> {
        let feedback = self
            .stored_feedback(id)
            .ok_or_else(|| self.locale.text(Text::RecordGone).to_owned())?;
        self.set_deleted(&Change::Feedback(feedback.clone()), true)
            .await?;
        Ok(feedback)
    }

    pub async fn restore_feedback(self, feedback: &Feedback) -> Result<(), String> {
        self.set_deleted(&Change::Feedback(feedback.clone()), false)
            .await
    }

    fn stored_feedback(&self, id: &RecordId) -> Option<Feedback> {
        self.workspace
            .feedback
            .with_untracked(|all| all.iter().find(|f| &f.id == id).cloned())
    }

    /// Deletes the signed-in person's own private note (one whose session is gone is shown
    /// to them alone for this). Returns it, for `restore_note`.
    pub async fn delete_note(self, id: &RecordId) -> Result<PrivateNote, String> {
        let note = self
            .workspace
            .notes
            .with_untracked(|all| all.iter().find(|n| &n.id == id).cloned())
            .ok_or_else(|| self.locale.text(Text::RecordGone).to_owned())?;
        self.set_deleted(&Change::PrivateNote(note.clone()), true)
            .await?;
        Ok(note)
    }

    pub async fn restore_note(self, note: &PrivateNote) -> Result<(), String> {
        self.set_deleted(&Change::PrivateNote(note.clone()), false)
            .await
    }

    /// When and in which relationship a deleted session was, as the device last held it: the
    /// owner of a private note on it finds the note there.
    pub fn deleted_session(&self, id: &RecordId) -> Option<(RecordId, Millis)> {
        let signed_in = self.signed_in().ok()?;
        signed_in.store.deleted_session(id)
    }

    fn stored_learning(&self, id: &RecordId) -> Option<LearningEntry> {
        self.workspace
            .learning
            .with_untracked(|all| all.iter().find(|l| &l.id == id).cloned())
    }

    /// A record as this device holds it (`RecordStore::record`): one the host refused to create
    /// is named from it.
    pub fn held_record(&self, entity: &str, id: &RecordId) -> Option<Change> {
        let signed_in = self.signed_in().ok()?;
        signed_in.store.record(entity, id)
    }

    /// When the session was last changed by whoever logged it, after logging it
    /// (`RecordStore::session_edited`). Read again whenever the session shown changes.
    pub fn session_edited(&self, session: &mentoring_core::Session) -> Option<Millis> {
        let signed_in = self.signed_in().ok()?;
        signed_in.store.session_edited(session)
    }

    /// A milestone or action item, deleted or not: its parent's id and its text
    /// (`RecordStore::child_record`).
    pub fn child_record(&self, entity: &str, id: &RecordId) -> Option<(RecordId, String)> {
        let signed_in = self.signed_in().ok()?;
        signed_in.store.child_record(entity, id)
    }

    /// A deleted record as it stood, as "Bring back" would show it (`RecordStore::deleted_record`).
    pub fn deleted_record(&self, entity: &str, id: &RecordId) -> Option<Change> {
        let signed_in = self.signed_in().ok()?;
        signed_in.store.deleted_record(entity, id)
    }

    /// The relationships of the sessions (and feedback) this device holds that it holds a
    /// record of yet cannot read: deleted here (the host sends the deletion even to someone
    /// taken off the pair who kept its sessions), or failing validation. Their sessions, and
    /// the feedback received in them, are nobody's to read back (`session::earlier_pairings`), neither as an earlier pairing nor in My data; only
    /// a session whose relationship the device holds nothing of is judged without it.
    /// `held` are the relationships the workspace holds; `of` the relationships of the
    /// sessions and feedback asked about.
    pub fn unreadable_relationships<'a>(
        &self,
        held: &[Relationship],
        of: impl IntoIterator<Item = &'a RecordId>,
    ) -> Vec<RecordId> {
        let Ok(signed_in) = self.signed_in() else {
            return Vec::new();
        };
        let mut ids: Vec<RecordId> = Vec::new();
        for id in of {
            if !ids.contains(id)
                && !held.iter().any(|r| &r.id == id)
                && signed_in.store.holds_record("relationship", id)
            {
                ids.push(id.clone());
            }
        }
        ids
    }

    /// Deletes `record` or brings it back: only whoever wrote it may (`may_delete`).
    async fn set_deleted(self, record: &Change, deleted: bool) -> Result<(), String> {
        let signed_in = self.signed_in()?;
        let relationships = self.workspace.relationships.get_untracked();
        if !may_delete(record, &signed_in.person.id, &relationships) {
            return Err(self.locale.text(Text::RefusedNotPermitted).to_owned());
        }
        let (entity, id) = (record.entity(), record.id());
        let now = self
            .saving(signed_in.store.set_deleted(entity, id, deleted))
            .await?;
        match now {
            Some(change) => self.workspace.apply(change),
            None => self.workspace.remove(entity, id),
        }
        self.workspace.conflicts.set(signed_in.store.conflicts());
        self.sync.changed();
        Ok(())
    }

    /// Marks an action item done, or open again: its owner's or its session's author's to do
    /// (`session::may_settle_action`), in a session they may still change.
    pub async fn set_action_done(
        self,
        session: &RecordId,
        item: &RecordId,
        done: bool,
    ) -> Result<(), String> {
        let signed_in = self.signed_in()?;
        let me = &signed_in.person.id;
        let refused = || self.locale.text(Text::RefusedNotPermitted).to_owned();
        let session = self
            .workspace
            .sessions
            .with_untracked(|all| all.iter().find(|s| &s.id == session).cloned())
            .ok_or_else(refused)?;
        let relationship = self.relationship_of(&session.relationship)?;
        let viewer = Viewer {
            person: me,
            admin_of: &[],
        };
        let settles = session
            .actions
            .iter()
            .find(|a| &a.id == item)
            .is_some_and(|a| may_settle_action(&session, a, me));
        if !settles || !may_change(viewer, PermissionRecord::Session(&session, &relationship)) {
            return Err(refused());
        }
        // Only the item's `done` changes: the session is not judged again against the pair as
        // it is now (after a partner was replaced, its author may no longer be one of them).
        let changed = with_action_done(&session, item, done).ok_or_else(refused)?;
        self.commit(&signed_in, Change::Session(changed), None)
            .await
    }

    /// Gives feedback, or changes feedback given before: its giver's alone
    /// (`feedback::check_feedback_edit`).
    pub async fn give_feedback(self, feedback: Feedback) -> Result<(), String> {
        self.write_feedback(feedback, None).await
    }

    /// `opened`: the feedback as its form showed it when it opened (the form writes every
    /// field): only what the form changed is written.
    async fn write_feedback(
        self,
        feedback: Feedback,
        opened: Option<Feedback>,
    ) -> Result<(), String> {
        let before = self.stored_feedback(&feedback.id);
        let (author, relationship) = (feedback.giver.clone(), feedback.relationship.clone());
        let (sessions, now) = (self.workspace.sessions.get_untracked(), self.now());
        let about = |before: Option<&Feedback>| {
            mentoring_core::feedback::check_feedback_session(&feedback, before, &sessions, now)
        };
        let rule = |r: &Relationship| match &before {
            Some(before) => {
                check_feedback_edit(before, &feedback, &author, r).and_then(|_| about(Some(before)))
            }
            None => check_under_way(r)
                .and_then(|_| check_feedback(&feedback, r))
                .and_then(|_| about(None)),
        };
        let change = Change::Feedback(feedback.clone());
        let opened = opened.map(Change::Feedback);
        self.save_in_relationship(&author, &relationship, rule, change, opened)
            .await
    }

    /// Writes a learning entry, or changes one: its author's alone (`check_learning_edit`).
    pub async fn write_learning(self, entry: LearningEntry) -> Result<(), String> {
        let before = self.stored_learning(&entry.id);
        let (author, relationship) = (entry.author.clone(), entry.relationship.clone());
        let rule = |r: &Relationship| match &before {
            Some(before) => check_learning_edit(before, &entry, &author, r),
            None => check_learning_entry(&entry, r),
        };
        let change = Change::Learning(entry.clone());
        self.save_in_relationship(&author, &relationship, rule, change, None)
            .await
    }

    /// Saves changes to feedback, which must still be there, as `change_learning`.
    /// The form opened on `opened` writes every field: only what it changed is written, so a
    /// field changed elsewhere meanwhile (who may read it, say) is not written back.
    pub async fn change_feedback(self, opened: Feedback, feedback: Feedback) -> Result<(), String> {
        if self.stored_feedback(&feedback.id).is_none() {
            return Err(self.locale.text(Text::RecordGone).to_owned());
        }
        self.write_feedback(feedback, Some(opened)).await
    }

    /// Saves changes to a learning entry, which must still be there, as `change_session`.
    pub async fn change_learning(self, entry: LearningEntry) -> Result<(), String> {
        if self.stored_learning(&entry.id).is_none() {
            return Err(self.locale.text(Text::RecordGone).to_owned());
        }
        self.write_learning(entry).await
    }

    pub async fn save_note(self, note: PrivateNote) -> Result<(), String> {
        let signed_in = self.signed_in()?;
        if note.owner != signed_in.person.id {
            return Err(self.locale.text(Text::RefusedNotPermitted).to_owned());
        }
        check_private_note(&note).map_err(|r| self.locale.refusal(&r))?;
        self.commit(&signed_in, Change::PrivateNote(note), None)
            .await
    }

    /// Saves the signed-in person's own matching preferences (all empty removes every answer).
    /// A refusal comes with the attribute it is about, to show beside its field.
    pub async fn save_preferences(
        self,
        preferences: MatchingPreferences,
    ) -> Result<(), (Option<Attribute>, String)> {
        let signed_in = self.signed_in().map_err(|e| (None, e))?;
        if preferences.owner != signed_in.person.id {
            return Err((None, self.locale.text(Text::RefusedNotPermitted).to_owned()));
        }
        check_each_attribute(&preferences)
            .map_err(|(about, refusal)| (about, self.locale.refusal(&refusal)))?;
        self.commit(&signed_in, Change::MatchingPreferences(preferences), None)
            .await
            .map_err(|e| (None, e))
    }

    /// Which mentors the host says meet the signed-in person's own preferences, and which
    /// preferences it holds; `None` when the host cannot say (offline, not offering it, or a
    /// reply that cannot be read).
    pub async fn preferences_met(self) -> Option<PreferencesMet> {
        let host = self.host().ok()?;
        host.preferences_met().await.ok()
    }

    /// Proposes a relationship for each (mentor, mentee) pair in `programme`: a programme
    /// admin publishing a matching run, or a mentee asking a mentor (one pair, themselves the
    /// mentee). Each is checked by the core (`relationship::propose`: the relationship rules,
    /// who may join a programme taking its people from the directory, one relationship under
    /// way per mentee and programme, and per pair) and by
    /// `permissions` (the admin of the programme, or one of the pair), then stored durably.
    /// Returns how many were made and the refusals of the others.
    pub async fn propose(
        self,
        programme: RecordId,
        kind: RelationshipKind,
        pairs: Vec<(RecordId, RecordId)>,
    ) -> Result<(usize, Vec<String>), String> {
        let signed_in = self.signed_in()?;
        let me = signed_in.person.id.clone();
        let today = self.today();
        let directory = self
            .workspace
            .directory
            .with_untracked(|d| Directory::new(d.people.iter().cloned()));
        let programme = untrack(|| self.workspace.programmes())
            .into_iter()
            .find(|p| p.id == programme);
        let programme =
            programme.ok_or_else(|| self.locale.text(Text::StillStarting).to_owned())?;
        let admin_of: Vec<RecordId> = programme
            .is_admin(&me)
            .then(|| programme.id.clone())
            .into_iter()
            .collect();
        let enrolments = untrack(|| self.workspace.enrolments());
        // A programme's admins hold its enrolments; anyone else their own only.
        let known = if admin_of.is_empty() {
            KnownEnrolments::OwnOnly(&me)
        } else {
            KnownEnrolments::All
        };
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
                (&enrolments, known),
            )
            .and_then(|r| {
                // A mentee asking for themselves takes part in one role here; the admins'
                // pairings are not asked it (`check_one_role`).
                let own_request = mentee == me && admin_of.is_empty();
                match own_request
                    .then(|| check_one_role(&r, &programme, &directory, &existing))
                    .flatten()
                {
                    Some(refusal) => Err(vec![refusal]),
                    None => Ok(r),
                }
            })
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
                    self.commit(&signed_in, Change::Relationship(relationship), None)
                        .await?;
                    made += 1;
                }
                Err(message) => refused.push(message),
            }
        }
        Ok((made, refused))
    }

    /// Keeps `conflict`'s value, replacing the one shown (here, and everywhere once synced).
    /// Returns the op written, which an Undo takes back.
    pub async fn restore(self, conflict: Conflict) -> Result<Option<RecordId>, String> {
        let value = conflict.value.clone();
        self.settle_conflict(conflict, value).await
    }

    /// Keeps the value shown and lets the one that lost go: the field is written again with
    /// it, which supersedes both, so the conflict ends here and everywhere once synced.
    pub async fn keep(self, conflict: Conflict) -> Result<(), String> {
        let value = conflict.kept.clone();
        self.settle_conflict(conflict, value).await.map(drop)
    }

    /// Undo after "Use": writes the value "Use" replaced back, but only while the field still
    /// stands on `used`, the op "Use" wrote, asked by the write itself: a value synced in
    /// since is newer and stays. Whether it was written.
    pub async fn undo_use(self, conflict: Conflict, used: RecordId) -> Result<bool, String> {
        let fields = vec![Rewrite {
            field: conflict.field,
            value: conflict.kept,
            over: Some(used),
        }];
        let written = self
            .rewrite(
                &conflict.entity,
                &conflict.record,
                fields,
                Rewriting::Settle,
            )
            .await?;
        Ok(written.is_some())
    }

    /// "Bring it back" for a delete the host refused: the device shows the record as the host
    /// keeps it. The op that undoes the delete stays on this device, never queued (the host
    /// never took the delete, so has nothing to undo, and may refuse the undoing as it refused
    /// the delete): stored outside the outbox in its own write, so no sync can push it.
    /// Whether it was written: not once the delete no longer stands on the op listed, or
    /// records were let go of since this page read storage; the page then reads it again.
    pub async fn bring_back_refused(self, conflict: Conflict) -> Result<bool, String> {
        let fields = vec![Rewrite {
            field: conflict.field,
            value: conflict.kept,
            over: Some(conflict.op),
        }];
        let written = self
            .rewrite(
                &conflict.entity,
                &conflict.record,
                fields,
                Rewriting::SettleHere,
            )
            .await?;
        if written.is_none() {
            self.sync.read_again();
        }
        Ok(written.is_some())
    }

    /// "Remove from this device" for a record the host refused to create: it goes, with its
    /// changes still waiting for the host (`RecordStore::remove_never_held`).
    pub async fn remove_refused_new(self, conflict: Conflict) -> Result<(), String> {
        let signed_in = self.signed_in()?;
        let removed = self
            .saving(
                signed_in
                    .store
                    .remove_never_held(&conflict.entity, &conflict.record),
            )
            .await?;
        for update in removed {
            match update {
                crate::edges::store::Update::Remove { entity, id } => {
                    self.workspace.remove(&entity, &id)
                }
                // A milestone or action item removed alone: its goal or session without it.
                crate::edges::store::Update::Upsert(change) => self.workspace.apply(*change),
            }
        }
        self.workspace.conflicts.set(signed_in.store.conflicts());
        // Nothing new waits: a sync reads the count of changes waiting again.
        self.sync.now();
        Ok(())
    }

    /// Undo after "Remove from this device": the record comes back as it was, its changes
    /// waiting again (`RecordStore::put_back_removed`). Whether it did: not once records were
    /// let go of since.
    pub async fn undo_remove(self, conflict: Conflict) -> Result<bool, String> {
        let signed_in = self.signed_in()?;
        let back = (signed_in.store).put_back_removed(&conflict.entity, &conflict.record);
        let Some(updates) = self.saving(back).await? else {
            return Ok(false);
        };
        self.sync.show(updates);
        // Its changes wait again: counted, told to other tabs, and sent.
        self.sync.changed();
        Ok(true)
    }

    async fn settle_conflict(
        self,
        conflict: Conflict,
        value: FieldValue,
    ) -> Result<Option<RecordId>, String> {
        let fields = vec![Rewrite {
            field: conflict.field,
            value,
            over: None,
        }];
        let written = self
            .rewrite(
                &conflict.entity,
                &conflict.record,
                fields,
                Rewriting::Settle,
            )
            .await?;
        Ok(written.and_then(|ops| ops.into_iter().next()))
    }

    /// One of the pair changes their relationship: their agreement, or its status. Returns
    /// what takes back the agreement's texts it wrote: for each, the value stored before and
    /// the op written over it. `None` when a text it wrote over was not the one stored as it
    /// began (one synced in meanwhile): what it replaced is then not known to be what the
    /// person saw, and nothing may be written back over it.
    pub async fn change_relationship(
        self,
        relationship: &RecordId,
        change: PartyChange,
    ) -> Result<Option<Vec<Rewrite>>, String> {
        let standing = |field: &str| {
            let signed_in = self.signed_in().ok()?;
            (signed_in.store).standing("relationship", relationship, field)
        };
        let before = AGREEMENT_TEXTS.map(standing);
        let signed_in = self.signed_in()?;
        let r = self.relationship_of(relationship)?;
        let me = &signed_in.person.id;
        let changed = change_by_party(&r, me, change).map_err(|e| {
            // The reason an ending asks for is read by the partner: said by name.
            match r.partner_of(me) {
                Some(partner) if e.rule == Rule::LifecycleReason => self.locale.format(
                    Text::ReasonPartnerReads,
                    &[&self.workspace.name_of(partner)],
                ),
                _ => self.locale.refusal(&e),
            }
        })?;
        self.commit(&signed_in, Change::Relationship(changed), None)
            .await?;
        // Read as the write ends, with no await between: the ops it wrote, not a sync's.
        let after = AGREEMENT_TEXTS.map(standing);
        let mut undo = Vec::new();
        for ((field, before), after) in AGREEMENT_TEXTS.into_iter().zip(before).zip(after) {
            let Some(after) = after.filter(|a| before.as_ref().is_none_or(|b| b.op != a.op)) else {
                continue;
            };
            let value = match before {
                Some(b) if after.supersedes.contains(&b.op) => b.value,
                None if after.supersedes.is_empty() => FieldValue::Text(String::new()),
                _ => return Ok(None),
            };
            undo.push(Rewrite {
                field: field.to_owned(),
                value,
                over: Some(after.op),
            });
        }
        Ok(Some(undo))
    }

    /// Takes back a write of the agreement (`change_relationship`'s undo), judged as any change of
    /// the agreement, and written only while each text still stands on the op that write
    /// wrote, asked by the write itself. Whether it was written.
    pub async fn undo_agreement(
        self,
        relationship: &RecordId,
        undo: Vec<Rewrite>,
    ) -> Result<bool, String> {
        let signed_in = self.signed_in()?;
        let r = self.relationship_of(relationship)?;
        let text = |field: &str, now: &String| match undo.iter().find(|w| w.field == field) {
            Some(Rewrite {
                value: FieldValue::Text(text),
                ..
            }) => text.clone(),
            _ => now.clone(),
        };
        let change = PartyChange::Agreement {
            purpose: text(AGREEMENT_TEXTS[0], &r.purpose),
            ground_rules: text(AGREEMENT_TEXTS[1], &r.ground_rules),
        };
        change_by_party(&r, &signed_in.person.id, change).map_err(|e| self.locale.refusal(&e))?;
        let written = self
            .rewrite("relationship", relationship, undo, Rewriting::Edit)
            .await?;
        Ok(written.is_some())
    }

    /// Writes fields of one record (`RecordStore::rewrite`) and shows it: the ops written, or
    /// `None` when a field no longer stood on the op named and nothing was written.
    async fn rewrite(
        self,
        entity: &str,
        record: &RecordId,
        fields: Vec<Rewrite>,
        how: Rewriting,
    ) -> Result<Option<Vec<RecordId>>, String> {
        let signed_in = self.signed_in()?;
        let rewritten = self
            .saving(signed_in.store.rewrite(entity, record, fields, how))
            .await?;
        let Rewritten::Written { ops, shown } = rewritten else {
            return Ok(None);
        };
        if let Some(change) = shown {
            self.workspace.apply(*change);
        }
        self.workspace.conflicts.set(signed_in.store.conflicts());
        self.sync.changed();
        Ok(Some(ops))
    }

    /// The signed-in person's date: in Dubai a day starts four hours before it does in UTC,
    /// so a milestone done at 01:30 there is done on that day, not the one before.
    pub fn today(&self) -> Date {
        let now = self.now();
        // Asked by saves and checks as much as by memos, which follow it at midnight alone.
        let zone = zone::of_me_now(*self);
        zone::day(now, &zone)
    }

    /// Every refusal the core has for `after`, a programme set up through the widget, as
    /// this device holds its programmes and the directory: the set-up form asks it before
    /// saving, with what it could read, so it shows every problem at once.
    pub fn programme_refusals(self, after: &Programme) -> Vec<mentoring_core::Refusal> {
        let ws = self.workspace;
        let Some(me) = self.me() else {
            return Vec::new();
        };
        let before = ws.admin.with_untracked(|list| {
            list.iter().find_map(|a| match a {
                AdminChange::Programme(p) if p.id == after.id => Some(p.clone()),
                _ => None,
            })
        });
        // The widget does not know the host's roles: it offers set-up to people who already
        // administer a programme, and the host refuses a push from anyone it does not allow.
        let may_set_up = ws.programmes().iter().any(|p| p.is_admin(&me));
        let mut refusals = check_programme_change(&me, may_set_up, before.as_ref(), after);
        let directory = ws
            .directory
            .with_untracked(|d| Directory::new(d.people.iter().cloned()));
        refusals.extend(check_admits_someone(before.as_ref(), after, &directory).err());
        let programmes = ws.programmes();
        refusals.extend(check_among_programmes(
            before.as_ref(),
            after,
            &programmes,
            self.today(),
        ));
        refusals
    }

    /// Creates or changes a programme set up through the widget, once the core finds nothing
    /// to refuse ([`Actions::programme_refusals`], asked again here): otherwise nothing is
    /// saved and every refusal comes back. Programmes of the host's directory are the HR
    /// system's and are not changed here.
    pub async fn save_programme(self, after: Programme) -> Result<(), Vec<(Option<Rule>, String)>> {
        let signed_in = self.signed_in().map_err(|e| vec![(None, e)])?;
        let ws = self.workspace;
        if ws
            .directory
            .with_untracked(|d| d.programmes.iter().any(|p| p.id == after.id))
        {
            return Err(vec![(
                None,
                self.locale.text(Text::ProgrammeFromHr).to_owned(),
            )]);
        }
        let refusals = self.programme_refusals(&after);
        if !refusals.is_empty() {
            return Err(refusals
                .iter()
                .map(|r| (Some(r.rule), self.locale.refusal(r)))
                .collect());
        }
        self.commit_admin(&signed_in, AdminChange::Programme(after))
            .await
            .map_err(|e| vec![(None, e)])
    }

    /// Enrols (or invites) `people` in `programme` as `role`: everyone the core's rules
    /// allow is saved, with, at a programme's first enrolment, the people of its pairs under
    /// way (`plan_enrolments`), and counted (enrolled, invited); the others come back with the
    /// reason, by person.
    pub async fn enrol(
        self,
        programme: &RecordId,
        people: &[RecordId],
        role: EnrolledAs,
        status: EnrolmentStatus,
    ) -> Result<((usize, usize), Vec<(RecordId, String)>), String> {
        let signed_in = self.signed_in()?;
        let ws = self.workspace;
        let programme = ws
            .programmes()
            .into_iter()
            .find(|p| &p.id == programme)
            .ok_or_else(|| self.locale.text(Text::ProgrammeMissing).to_owned())?;
        let directory = ws
            .directory
            .with_untracked(|d| Directory::new(d.people.iter().cloned()));
        let today = self.today();
        let clock = signed_in.clock.clone();
        let (planned, refused) = plan_enrolments(
            &signed_in.person.id,
            &programme,
            &directory,
            (&ws.enrolments(), &ws.relationships.get_untracked()),
            people,
            role,
            status,
            today,
            &mut || RecordId::mint("enrol", clock.now(), clock.entropy()),
        );
        let invited = (planned.iter())
            .filter(|e| e.status == EnrolmentStatus::Invited)
            .count();
        let saved = (planned.len() - invited, invited);
        for enrolment in planned {
            self.commit_admin(&signed_in, AdminChange::Enrolment(enrolment))
                .await?;
        }
        Ok((
            saved,
            (refused.into_iter())
                .map(|(p, r)| (p, self.locale.refusal(&r)))
                .collect(),
        ))
    }

    /// Answers the person's own invitation to a programme (`enrolment`): accepted, they are
    /// enrolled, and matched and paired from then on; declined, they are not. The core's
    /// enrolment rules judge it, as the host does.
    pub async fn answer_invitation(self, enrolment: &RecordId, accept: bool) -> Result<(), String> {
        let signed_in = self.signed_in()?;
        let ws = self.workspace;
        let all = untrack(|| ws.enrolments());
        let missing = || self.locale.text(Text::ProgrammeMissing).to_owned();
        let before = (all.iter().find(|e| &e.id == enrolment).cloned()).ok_or_else(missing)?;
        let programme = (untrack(|| ws.programmes()).into_iter())
            .find(|p| p.id == before.programme)
            .ok_or_else(missing)?;
        let directory = ws
            .directory
            .with_untracked(|d| Directory::new(d.people.iter().cloned()));
        let today = self.today();
        let after = Enrolment {
            status: if accept {
                EnrolmentStatus::Enrolled
            } else {
                EnrolmentStatus::Declined
            },
            since: today,
            ..before.clone()
        };
        let me = &signed_in.person.id;
        mentoring_core::enrolment::check_enrolment_change(
            me,
            &programme,
            &directory,
            &all,
            Some(&before),
            &after,
            today,
        )
        .map_err(|r| self.locale.refusal(&r))?;
        self.commit_admin(&signed_in, AdminChange::Enrolment(after))
            .await?;
        // Once the answer waits to be pushed: the sync that pushes it asks again after.
        ws.directory_state.set(DirectoryState::Outdated);
        Ok(())
    }

    /// Acts on a relationship of a programme the person administers: starting a proposed one,
    /// a nudge to one of the pair, an extension, an early end or a re-match (each checked by
    /// the core).
    pub async fn relationship_action(
        self,
        relationship: &RecordId,
        action: PairAction,
    ) -> Result<(), String> {
        let signed_in = self.signed_in()?;
        let r = self.relationship_of(relationship)?;
        let programme = self
            .workspace
            .programmes()
            .into_iter()
            .find(|p| p.id == r.programme && p.is_admin(&signed_in.person.id))
            .ok_or_else(|| self.locale.text(Text::RefusedNotPermitted).to_owned())?;
        let changed = match action {
            PairAction::Nudge { reasons } => {
                let at = signed_in.clock.now();
                let by = &signed_in.person.id;
                let sent = nudge_pair(&r, &reasons, by, at, || self.new_id("nudge"));
                let mut known = self.workspace.nudges();
                known.extend(sent.iter().cloned());
                // One of the pair nudged already this week (a first try whose second write
                // failed) is left out, so a retry reaches the other; nobody left, the refusal.
                let mut due = Vec::new();
                let mut recently = None;
                for nudge in sent {
                    match check_nudge(&nudge, &r, &programme, &known) {
                        Ok(()) => due.push(nudge),
                        Err(e) if e.rule == Rule::NudgedRecently => recently = Some(e),
                        Err(e) => return Err(self.locale.refusal(&e)),
                    }
                }
                if let (true, Some(e)) = (due.is_empty(), recently) {
                    return Err(self.locale.refusal(&e));
                }
                for nudge in due {
                    self.commit_admin(&signed_in, AdminChange::Nudge(nudge))
                        .await?;
                }
                return Ok(());
            }
            PairAction::Extend(to) => extend(&r, &programme, to, self.today()),
            PairAction::EndEarly(reason) => end_early(&r, &reason),
            PairAction::Rematch(reason) => rematch(&r, &reason),
            // Refused here as the host would refuse it: a coach's credential lapsed by the day
            // it starts, or no place left for it among its mentor's pairs.
            PairAction::Start => start(&r, self.today()).and_then(|started| {
                let directory = (self.workspace.directory)
                    .with_untracked(|d| Directory::new(d.people.iter().cloned()));
                let existing = self.workspace.relationships.get_untracked();
                let enrolments = untrack(|| self.workspace.enrolments());
                match check_start(&started, &programme, &directory, &existing, &enrolments) {
                    Some(refusal) => Err(refusal),
                    None => Ok(started),
                }
            }),
        };
        let changed = changed.map_err(|e| self.locale.refusal(&e))?;
        self.commit(&signed_in, Change::Relationship(changed), None)
            .await
    }

    /// Writes a programme-administration record durably, then shows it.
    async fn commit_admin(self, signed_in: &SignedIn, change: AdminChange) -> Result<(), String> {
        let base = (self.workspace.admin.try_with_untracked(|all| {
            (all.iter())
                .find(|a| a.entity() == change.entity() && a.id() == change.id())
                .cloned()
        }))
        .flatten();
        let write = signed_in.store.commit_admin_over(&change, base.as_ref());
        self.saving(write).await?;
        // What was stored meanwhile (a pull, another write) stays shown with the change.
        let stored = (signed_in.store.admin_records().0.into_iter())
            .find(|a| a.entity() == change.entity() && a.id() == change.id());
        self.workspace.apply_admin(stored.unwrap_or(change));
        self.sync.changed();
        Ok(())
    }

    /// Writes durably, then shows. On a storage error nothing is shown and the message says why.
    /// The change is written over the record as shown, which it was made from: a write still
    /// under way, or a pulled page not shown yet, is not undone by it.
    /// `opened`, when given, is that base instead: the record as a form showed it when it
    /// opened, for a form that writes every field, so a field changed elsewhere meanwhile and
    /// left alone in the form is not written back.
    async fn commit(
        self,
        signed_in: &SignedIn,
        change: Change,
        opened: Option<Change>,
    ) -> Result<(), String> {
        let base = opened.or_else(|| self.workspace.shown(change.entity(), change.id()));
        let write = signed_in.store.commit_over(&change, base.as_ref());
        self.saving(write).await?;
        // Who made a pairing is said from the log (a request of one's own, or an admin's).
        let pairing = matches!(change, Change::Relationship(_));
        // Shown as stored: with what was stored meanwhile in the fields it left alone.
        let (entity, id) = (change.entity(), change.id().clone());
        let stored = signed_in.store.record(entity, &id);
        self.workspace.apply(stored.unwrap_or(change));
        self.workspace.conflicts.set(signed_in.store.conflicts());
        if pairing {
            self.workspace
                .pairing_log
                .set(signed_in.store.pairing_log());
        }
        self.sync.changed();
        Ok(())
    }

    /// Runs one write to storage with the status line following it; a storage error comes
    /// back as the message to show.
    async fn saving<T>(
        self,
        write: impl std::future::Future<Output = Result<T, StoreError>>,
    ) -> Result<T, String> {
        self.save.update(SaveStatus::started);
        let written = write.await.map_err(|error| {
            // Records were let go of in another tab (or by a sync) that this page still shows:
            // it reads storage again, and the person, told, makes the change again if it is
            // still theirs to make.
            if error.let_go() {
                self.sync.read_again();
            }
            self.locale.store_error(&error)
        });
        self.save
            .update(|status| status.finished(written.as_ref().map(|_| ()).map_err(Clone::clone)));
        written
    }
}

/// Whether `me` may delete `record` or bring it back: whoever may rewrite it
/// (`session::may_change_session`: a session's author while still one of its pair, of
/// `relationships`; `feedback::may_rewrite_learning`, `feedback::may_rewrite_feedback`, a
/// private note's owner); nobody else, whatever they see.
pub(super) fn may_delete(record: &Change, me: &RecordId, relationships: &[Relationship]) -> bool {
    match record {
        Change::Session(s) => (relationships.iter())
            .find(|r| r.id == s.relationship)
            .is_some_and(|r| may_change_session(s, r, me)),
        Change::Learning(l) => may_rewrite_learning(l, me),
        Change::Feedback(f) => may_rewrite_feedback(f, me),
        Change::PrivateNote(n) => may_change(
            Viewer {
                person: me,
                admin_of: &[],
            },
            PermissionRecord::PrivateNote(n),
        ),
        _ => false,
    }
}

/// A session's date in its own zone (the browser's rules for it), as the widget holds a
/// session to its relationship's dates (`session::check_session_day`).
pub(crate) fn session_day(session: &Session) -> Date {
    let offset = crate::edges::clock::zone::offset_minutes(session.at, &session.time_zone);
    wall_clock_at(session.at, offset).utc_date()
}

#[cfg(test)]
mod tests {
    use super::{SaveState, SaveStatus};

    #[test]
    fn saved_is_said_only_once_every_overlapping_save_has_finished() {
        let mut status = SaveStatus::idle();
        status.started();
        status.started();
        status.finished(Ok(()));
        assert_eq!(status.shown(), &SaveState::Saving);
        status.finished(Ok(()));
        assert_eq!(status.shown(), &SaveState::Saved);
    }

    #[test]
    fn saved_goes_once_synced_but_a_save_under_way_or_a_failure_stays() {
        let mut status = SaveStatus::idle();
        status.started();
        status.finished(Ok(()));
        status.synced();
        assert_eq!(status.shown(), &SaveState::Idle);
        status.started();
        status.synced();
        assert_eq!(status.shown(), &SaveState::Saving);
        status.finished(Err("The device is full".into()));
        status.synced();
        assert_eq!(
            status.shown(),
            &SaveState::Failed("The device is full".into())
        );
    }

    #[test]
    fn a_failure_stays_shown_while_the_saves_after_it_succeed() {
        let mut status = SaveStatus::idle();
        status.started();
        status.started();
        status.finished(Err("The device is full".into()));
        status.finished(Ok(()));
        assert_eq!(
            status.shown(),
            &SaveState::Failed("The device is full".into())
        );
        status.started();
        assert_eq!(status.shown(), &SaveState::Saving);
        status.finished(Ok(()));
        assert_eq!(status.shown(), &SaveState::Saved);
    }
}
