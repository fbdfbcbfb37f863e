//! The sync engine: pushes the outbox, pulls what the host has, and keeps the status line.
//!
//! It runs on start, when the browser comes online, when the page becomes visible, soon after
//! each local change, and on a timer that backs off with jitter after failures
//! (`crate::schedule`). One tab syncs for a person at a time (the platform's lock, one per
//! person); the others hear that storage changed and refresh from it, and that it synced.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::record::{ADMIN_ENTITIES, ENTITIES};
use mentoring_core::{Change, Millis, RecordId, Refusal};

use crate::edges::adapter::{
    check_answers, halves, push_batches, DirectorySnapshot, Host, HostError, OpV1, TOO_LARGE,
    UNKNOWN_CURSOR,
};
use crate::edges::clock::Clock;
use crate::edges::platform::Platform;
use crate::edges::store::{RecordStore, RefusedOp, StoreError, Update as Received};
use crate::schedule::{retry_delay_ms, stale_days};
use crate::ui::i18n::{Locale, Text};
use crate::ui::state::{DirectoryState, Workspace};

/// A local change is pushed this soon after it is saved, so a burst of edits goes together.
const AFTER_CHANGE_MS: u32 = 400;

/// What the status line shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncStatus {
    pub online: bool,
    pub syncing: bool,
    /// Changes saved here that the host has not acknowledged yet.
    pub waiting: usize,
    pub last_synced: Option<Millis>,
    pub error: Option<SyncError>,
    /// Days the oldest waiting change has waited, once long enough to warn.
    pub stale_days: Option<i64>,
    /// The codes of the changes the host refused for good (why, in docs/adapter.md).
    pub refused: Vec<String>,
    /// The rule the core finds the last change refused as `invalid_record` breaking, with
    /// what the device holds after the pull (say, the relationship the partner ended
    /// meanwhile): said instead of the code's general words, so the person knows what to do.
    pub refused_because: Option<Refusal>,
    /// Ops from the host this version of the widget cannot read, kept on the device
    /// (`RecordStore::receive_page`): said until a later version reads them.
    pub held: usize,
    /// Nothing has come from the host for the person on this device: no place in its log was
    /// held at start, and no sync for them (here or in another tab) has ended since. Empty
    /// lists say so rather than "none" (the network dropped before the first sync ended).
    pub never_received: bool,
}

impl SyncStatus {
    /// Whether a sync ended, since the one that ended at `before`, having taken every change
    /// saved here to the host: what was said kept on this device is now synced too.
    pub fn caught_up_since(&self, before: Option<Millis>) -> bool {
        self.online
            && !self.syncing
            && self.error.is_none()
            && self.waiting == 0
            && self.last_synced.is_some()
            && self.last_synced != before
    }
}

impl SyncStatus {
    /// The status after a run that ended with `outcome`, the browser `online` when it began.
    /// A host that cannot be reached while the browser is online is the portal down (refusing
    /// connections, timing out), not the person offline: it stays an error to say so. A run
    /// that found another tab syncing changes nothing: that tab says how its sync went.
    fn settle(&mut self, outcome: &Result<Ran, SyncError>, online: bool, now: Millis) {
        match outcome {
            Ok(Ran::Synced) if online => {
                self.last_synced = Some(now);
                self.error = None;
                self.never_received = false;
            }
            Ok(_) => {}
            Err(error) => self.error = Some(error.clone()),
        }
    }
}

/// How a run that did not fail ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ran {
    Synced,
    /// Another tab (or widget) syncing for the person holds the lock: nothing was sent or
    /// asked here; its broadcast (`synced_word`) says when it synced.
    Busy,
}

/// What a tab broadcasts after syncing for `person`: other tabs of theirs that found the lock
/// held learn that everything they hold was synced.
fn synced_word(person: &RecordId) -> String {
    format!("synced:{person}")
}

/// Why the last sync failed, said by `status_text` in the person's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    Host(HostError),
    Store(StoreError),
    /// The portal is now signed in as someone other than the person this widget works for
    /// (who signed in elsewhere on this browser): nothing is pushed or pulled under their
    /// session, so this person's waiting changes are neither refused as theirs nor mixed
    /// with the other person's records.
    SignedInAsOther,
}

impl From<HostError> for SyncError {
    fn from(error: HostError) -> Self {
        SyncError::Host(error)
    }
}

impl From<StoreError> for SyncError {
    fn from(error: StoreError) -> Self {
        SyncError::Store(error)
    }
}

/// The status line's text, and whether to offer "Retry".
pub fn status_text(
    status: &SyncStatus,
    locale: Locale,
    time: impl Fn(Millis) -> String,
) -> (String, bool) {
    let count = locale.count(Text::CountChanges, status.waiting);
    let mut parts = Vec::new();
    let mut retry = false;
    if !status.online {
        parts.push(if status.waiting == 0 {
            locale.text(Text::OfflineAllSaved).to_owned()
        } else {
            locale.format(Text::OfflineWaiting, &[&count])
        });
    } else if status.syncing {
        parts.push(locale.text(Text::Syncing).to_owned());
    } else if let Some(SyncError::Host(HostError::Unreachable(_))) = &status.error {
        // The browser says it is online, so it is the portal that is not answering: the
        // engine keeps trying, and Retry does not wait for it.
        parts.push(if status.waiting == 0 {
            locale.text(Text::PortalUnreachable).to_owned()
        } else {
            locale.format(Text::PortalUnreachableWaiting, &[&count])
        });
        retry = true;
    } else if let Some(SyncError::Host(error @ HostError::Unavailable(_))) = &status.error {
        // Not a failure to act on: the portal is down for now, and the engine tries again.
        parts.push(locale.host_error(error));
        retry = true;
    } else if let (Some(SyncError::Host(HostError::SignedOut(_))), 1..) =
        (&status.error, status.waiting)
    {
        // Not a failure that lost them: they wait on this device for the person to sign in.
        parts.push(locale.format(Text::SignedOutWaiting, &[&count]));
        retry = true;
    } else if let (Some(SyncError::Host(HostError::Refused { .. })), 1..) =
        (&status.error, status.waiting)
    {
        // The changes are saved here and wait: a refusal's "nothing was changed here" would
        // say the opposite.
        parts.push(locale.format(Text::SyncFailedKept, &[&count]));
        retry = true;
    } else if let Some(error) = &status.error {
        let error = match error {
            SyncError::Host(error) => locale.host_error(error),
            SyncError::Store(error) => locale.store_error(error),
            SyncError::SignedInAsOther => locale.text(Text::PortalSignedInAsOther).to_owned(),
        };
        parts.push(locale.format(Text::SyncFailed, &[&error]));
        retry = true;
    } else if status.waiting > 0 {
        parts.push(locale.format(Text::ChangesWaiting, &[&count]));
    } else if let Some(at) = status.last_synced {
        // "All changes" beside a refusal would read as if the refused one were kept too.
        let synced = if status.refused.is_empty() {
            Text::AllSynced
        } else {
            Text::SyncedLast
        };
        parts.push(locale.format(synced, &[&time(at)]));
    }
    if let Some(days) = status.stale_days {
        let days = locale.count(Text::CountDays, usize::try_from(days).unwrap_or(0));
        parts.push(locale.format(Text::StaleChanges, &[&days]));
    }
    if status.held > 0 {
        let count = locale.count(Text::CountChanges, status.held);
        parts.push(locale.format(Text::HeldFromPortal, &[&count]));
    }
    if let Some(code) = status.refused.last() {
        let why = match &status.refused_because {
            Some(refusal) if code == "invalid_record" => locale.refusal(refusal),
            _ => locale.rejection(code),
        };
        // A rule's text is sentences already; a code's is a clause, and more may follow it.
        let why = if why.ends_with('.') {
            why
        } else {
            format!("{why}.")
        };
        parts.push(locale.format(
            Text::ChangesRefused,
            &[
                &locale.count(Text::CountChanges, status.refused.len()),
                &why,
            ],
        ));
    }
    (parts.join(" "), retry)
}

/// Asks the host for its directory, shows it and keeps it on the device, with when it came.
/// When that fails (offline, the portal down), the directory last kept here stands in until
/// the sync engine's next success asks again; a failure that does not pass (a refusal, a
/// reply the widget cannot read) is also the status line's. One ask at a time: while one is
/// on its way, another returns at once (its reply shows what the host holds then).
/// `after_sync`: asked by a sync that began after every change saved here, so its reply
/// answers an `Outdated` mark; any other ask may come before the host has the change, and
/// leaves the mark for that sync. Asked so while another is on its way, it is owed
/// (`Workspace::directory_owed`) and made when that one is back: the host may have served that
/// one before what the sync brought.
pub async fn fetch_directory(
    host: &dyn Host,
    store: &dyn RecordStore,
    workspace: Workspace,
    status: RwSignal<SyncStatus>,
    clock: &dyn Clock,
    after_sync: bool,
) {
    if workspace.directory_asking.try_get_untracked() != Some(false) {
        if after_sync {
            workspace.directory_owed.try_set(true);
        }
        return;
    }
    let mut after_sync = after_sync;
    loop {
        ask_directory(host, store, workspace, status, clock, after_sync).await;
        // A failure is asked again by the next sync that reaches the host; a refusal is not.
        let answered = matches!(
            workspace.directory_state.try_get_untracked(),
            Some(DirectoryState::Received | DirectoryState::Outdated)
        );
        if workspace.directory_owed.try_update(std::mem::take) != Some(true) || !answered {
            return;
        }
        after_sync = true;
    }
}

async fn ask_directory(
    host: &dyn Host,
    store: &dyn RecordStore,
    workspace: Workspace,
    status: RwSignal<SyncStatus>,
    clock: &dyn Clock,
    after_sync: bool,
) {
    workspace.directory_asking.set(true);
    workspace.directory_state.update(|state| {
        if after_sync || *state != DirectoryState::Outdated {
            *state = DirectoryState::Asking;
        }
    });
    let answer = host.directory().await;
    // The view may be gone (unmount) while the host answered.
    if workspace.directory_asking.is_disposed() {
        return;
    }
    match answer {
        Ok(directory) => {
            let at = clock.now();
            workspace.directory.set(directory.clone());
            workspace.directory_at.set(Some(at));
            // Marked outdated while this ask was on its way (an invitation accepted): the
            // reply predates it, so it stays marked for the next sync to ask again.
            workspace.directory_state.update(|state| {
                if *state == DirectoryState::Asking {
                    *state = DirectoryState::Received;
                }
            });
            // Kept only for the next start without the host: failing to keep it loses
            // nothing of the person's, so it is not worth a word on the status line.
            if store.remember_directory(&directory).await.is_ok() {
                let _ = store.remember_directory_at(at).await;
            }
        }
        Err(error) => {
            let nothing_shown = workspace
                .directory
                .try_with_untracked(|d| *d == DirectorySnapshot::default())
                .unwrap_or(false);
            if nothing_shown {
                if let Ok(Some(kept)) = store.remembered_directory().await {
                    let at = store.directory_received_at().await.ok().flatten();
                    workspace.directory.set(kept);
                    workspace.directory_at.set(at);
                }
            }
            if error.passes() {
                workspace.directory_state.set(DirectoryState::Failed);
            } else {
                workspace.directory_state.set(DirectoryState::Refused);
                status.update(|s| s.error = Some(SyncError::Host(error)));
            }
        }
    }
    workspace.directory_asking.try_set(false);
}

struct Engine {
    host: Rc<dyn Host>,
    store: Rc<dyn RecordStore>,
    clock: Rc<dyn Clock>,
    platform: Rc<dyn Platform>,
    workspace: Workspace,
    /// Who the store works for, read once at start: a run may outlive the view (unmount), and a
    /// disposed signal must not be read.
    me: Option<RecordId>,
    status: RwSignal<SyncStatus>,
    failures: Cell<u32>,
    running: Cell<bool>,
    /// A wake-up came during a run: run again right after, so no change waits for the timer.
    again: Cell<bool>,
    /// When the next run is due, so runs do not pile up timers; an earlier request replaces a
    /// later one (a retry after a failure must not wait for the periodic run).
    due: Cell<Option<i64>>,
    /// Ops were taken in (a push acknowledged, a page stored) by a run whose pull then failed:
    /// what was taken from the person is let go of after the next pull that completes.
    let_go_owed: Cell<bool>,
    /// A pull made, ended, re-paired or moved a relationship, or changed an enrolment: who has
    /// a place, or who is on an enrolment list, may have changed since the directory came, so
    /// it is asked again (not for an agreement's edit or tick: the whole directory is large;
    /// nor for a device's first pull, which brings what the directory asked at start tells).
    pairs_changed: Cell<bool>,
}

/// A `Copy` handle on the engine for components and callbacks.
#[derive(Clone, Copy)]
pub struct SyncHandle {
    pub status: RwSignal<SyncStatus>,
    engine: StoredValue<Option<Rc<Engine>>, LocalStorage>,
}

impl Default for SyncHandle {
    fn default() -> Self {
        SyncHandle::new()
    }
}

impl SyncHandle {
    pub fn new() -> SyncHandle {
        SyncHandle {
            status: RwSignal::new(SyncStatus::default()),
            engine: StoredValue::new_local(None),
        }
    }

    /// Starts syncing for the signed-in person: wires the wake-ups and runs once now.
    pub fn start(
        self,
        host: Rc<dyn Host>,
        store: Rc<dyn RecordStore>,
        clock: Rc<dyn Clock>,
        platform: Rc<dyn Platform>,
        workspace: Workspace,
    ) {
        let engine = Rc::new(Engine {
            host,
            store,
            clock,
            platform: platform.clone(),
            workspace,
            me: workspace
                .me
                .with_untracked(|me| me.as_ref().map(|p| p.id.clone())),
            status: self.status,
            failures: Cell::new(0),
            running: Cell::new(false),
            again: Cell::new(false),
            due: Cell::new(None),
            let_go_owed: Cell::new(false),
            pairs_changed: Cell::new(false),
        });
        self.engine.set_value(Some(engine.clone()));
        self.status.update(|s| s.online = platform.online());
        platform.persist();
        let wake = Rc::new(move || self.now());
        platform.watch(wake.clone());
        platform.on_broadcast(Rc::new(move |word| self.refresh(word)));
        wake();
    }

    /// Whether syncing started: until then the status is no one's word on being online.
    pub fn started(self) -> bool {
        self.engine.with_value(Option::is_some)
    }

    fn engine(&self) -> Option<Rc<Engine>> {
        self.engine.with_value(|e| e.clone())
    }

    /// Syncs as soon as possible.
    pub fn now(self) {
        if let Some(engine) = self.engine() {
            spawn_local(async move { engine.run().await });
        }
    }

    /// Called after a local change: count it as waiting, tell other tabs, and push soon.
    pub fn changed(self) {
        if let Some(engine) = self.engine() {
            self.status.update(|s| s.waiting += 1);
            engine.platform.broadcast("changed");
            // A timer holds the engine weakly: after unmount the engine is gone, and a timer
            // the page cleared must not keep it (and the host's objects) alive.
            let soon = Rc::downgrade(&engine);
            engine.platform.later(
                AFTER_CHANGE_MS,
                Rc::new(move || {
                    if let Some(engine) = soon.upgrade() {
                        spawn_local(async move { engine.run().await });
                    }
                }),
            );
        }
    }

    /// Shows what the store says changed (records put back, or gone).
    pub fn show(self, updates: Vec<Received>) {
        if let Some(engine) = self.engine() {
            engine.show(updates);
        }
    }

    /// Reads storage again (a change was refused because records were let go of since this
    /// page read it, `StoreError::let_go`): what it let go of leaves view.
    pub fn read_again(self) {
        self.refresh(String::new());
    }

    /// Another tab synced or saved (`word`): take in what it stored, and when it synced for
    /// this person, say so as this tab's sync.
    fn refresh(self, word: String) {
        if let Some(engine) = self.engine() {
            spawn_local(async move {
                match engine.store.refresh().await {
                    Ok(updates) => {
                        let took_in = !updates.is_empty();
                        engine.show(updates);
                        if engine.me.as_ref().map(synced_word) == Some(word) {
                            let now = engine.clock.now();
                            let waiting = engine.store.outbox().await.ok();
                            engine.status.update(|s| {
                                if let Some(outbox) = &waiting {
                                    s.waiting = outbox.records();
                                    s.stale_days = stale_days(outbox.oldest, now);
                                }
                                s.settle(&Ok(Ran::Synced), s.online, now);
                            });
                        }
                        // What the pulling tab stored may take a record this one holds; a
                        // tab that already let go of it made the store read storage again.
                        if took_in {
                            if let Err(error) = engine.let_go().await {
                                engine.status.update(|s| s.error = Some(error));
                            }
                        }
                    }
                    Err(error) => engine.status.update(|s| s.error = Some(error.into())),
                }
            });
        }
    }
}

impl Engine {
    fn schedule(self: &Rc<Self>, ms: u32) {
        let due = self.clock.now().0 + i64::from(ms);
        if self.due.get().is_some_and(|pending| pending <= due) {
            return;
        }
        self.due.set(Some(due));
        let engine = Rc::downgrade(self);
        self.platform.later(
            ms,
            Rc::new(move || {
                let Some(engine) = engine.upgrade() else {
                    return;
                };
                if engine.due.get() == Some(due) {
                    engine.due.set(None);
                }
                spawn_local(async move { engine.run().await });
            }),
        );
    }

    /// Drops from the device every record the person may no longer see (what a pull just
    /// took from them, or what another tab's pull did), and from view.
    async fn let_go(&self) -> Result<(), SyncError> {
        let taken = self.store.taken().await?;
        if !taken.is_empty() {
            let updates = self.store.forget(&taken).await?;
            self.show(updates);
        }
        Ok(())
    }

    fn show(&self, updates: Vec<Received>) {
        let mut admin_touched = false;
        // The pairing log reads every relationship held: read again only when one changed.
        let mut pairing_touched = false;
        // Likewise the sessions deleted or moved.
        let mut sessions_touched = false;
        for update in updates {
            match update {
                Received::Upsert(change) => {
                    sessions_touched |= matches!(&*change, Change::Session(_));
                    if let Change::Relationship(r) = &*change {
                        pairing_touched = true;
                        let moved = (self.workspace.relationships)
                            .try_with_untracked(|held| {
                                (held.iter().find(|h| h.id == r.id)).is_none_or(|h| {
                                    (&h.mentor, &h.mentee, &h.lifecycle, &h.programme)
                                        != (&r.mentor, &r.mentee, &r.lifecycle, &r.programme)
                                })
                            })
                            .unwrap_or(false);
                        self.pairs_changed.set(self.pairs_changed.get() || moved);
                    }
                    self.workspace.apply(*change)
                }
                Received::Remove { entity, id } => {
                    admin_touched |= ADMIN_ENTITIES.contains(&entity.as_str());
                    sessions_touched |= entity == ENTITIES[2];
                    self.pairs_changed.set(
                        self.pairs_changed.get()
                            || entity == ENTITIES[0]
                            || entity == ADMIN_ENTITIES[1],
                    );
                    pairing_touched |= entity == ENTITIES[0];
                    self.workspace.remove(&entity, &id)
                }
            }
        }
        // Programme records are not participant `Change`s: the store reports them as gone
        // from that view; they are read again as a whole.
        if admin_touched {
            self.workspace.admin.set(self.store.admin_records().0);
        }
        self.workspace.conflicts.set(self.store.conflicts());
        if pairing_touched {
            self.workspace.pairing_log.set(self.store.pairing_log());
        }
        if sessions_touched {
            (self.workspace.session_changes).set(self.store.session_changes());
        }
    }

    async fn run(self: Rc<Self>) {
        if self.running.replace(true) {
            self.again.set(true);
            return;
        }
        let online = self.platform.online();
        self.status.update(|s| {
            s.online = online;
            s.syncing = online;
        });
        // Out of date (an accepted invitation): asked again only by a run that began after,
        // so the host has the answer before it replies.
        let state_before = self.workspace.directory_state.try_get_untracked();
        let outdated_before = state_before == Some(DirectoryState::Outdated);
        self.pairs_changed.set(false);
        let outcome = if online {
            self.exchange().await
        } else {
            Ok(Ran::Synced)
        };
        if !self.platform.live() {
            // Unmounted meanwhile: nothing more is asked or stored, and no timer is set.
            self.running.set(false);
            return;
        }
        let now = self.clock.now();
        let waiting = self.store.outbox().await.ok();
        let held = self.store.held().await.ok();
        self.status.update(|s| {
            s.syncing = false;
            if let Some(held) = held {
                s.held = held;
            }
            if let Some(outbox) = &waiting {
                s.waiting = outbox.records();
                s.stale_days = stale_days(outbox.oldest, now);
            }
            s.settle(&outcome, online, now);
        });
        let failures = match outcome {
            Ok(Ran::Synced) if online => 0,
            Ok(Ran::Busy) => self.failures.get(),
            _ => self.failures.get() + 1,
        };
        // The directory asked for at start did not come (the page opened offline), or what
        // the person takes part in changed since it came: now that the host answers (and has
        // the change), it is asked again. `try_`: the view may be gone (unmount).
        let synced = matches!(outcome, Ok(Ran::Synced));
        let ask_again = match self.workspace.directory_state.try_get_untracked() {
            Some(DirectoryState::Failed) => true,
            Some(DirectoryState::Outdated) => outdated_before && synced,
            // One on its way, or back during this run, may have been served before what it
            // brought: asked again, once that one is back (`fetch_directory`).
            Some(DirectoryState::Received | DirectoryState::Asking) => {
                synced && self.pairs_changed.get()
            }
            _ => false,
        };
        if failures == 0 && ask_again {
            fetch_directory(
                &*self.host,
                &*self.store,
                self.workspace,
                self.status,
                &*self.clock,
                true,
            )
            .await;
        }
        self.failures.set(failures);
        // A snapshot only makes the next opening faster: one that fails is tried again next
        // run, and nothing is lost meanwhile (the ops stay stored as rows).
        let _ = self.store.compact().await;
        self.running.set(false);
        if self.again.replace(false) && failures == 0 {
            let engine = self.clone();
            spawn_local(async move { engine.run().await });
        } else {
            self.schedule(retry_delay_ms(failures, js_sys::Math::random()));
        }
    }

    /// One push of everything waiting, then pulls until the host has nothing more.
    async fn exchange(&self) -> Result<Ran, SyncError> {
        let Some(me) = &self.me else {
            return Err(SyncError::SignedInAsOther);
        };
        let Some(release) = self.platform.try_lock(me.as_str()).await else {
            // Another tab is syncing for this person; it will tell this one how it went.
            return Ok(Ran::Busy);
        };
        let (result, took_in) = self.push_and_pull().await;
        release();
        if self.platform.live() {
            if result.is_ok() {
                self.platform.broadcast(&synced_word(me));
            } else if took_in {
                // A failed push no longer stops the pull: what it stored (the shared cursor
                // moved past it) the other tabs read only when told.
                self.platform.broadcast("changed");
            }
        }
        result.map(|()| Ran::Synced)
    }

    /// Stops (as done: nothing reads how a run of an unmounted widget ended) before each ask
    /// of the host and each write once the widget is unmounted.
    /// Says too whether anything was taken in or let go of (other tabs are then told).
    async fn push_and_pull(&self) -> (Result<(), SyncError>, bool) {
        let mut took_in = false;
        let result = self.push_and_pull_taking(&mut took_in).await;
        (result, took_in)
    }

    async fn push_and_pull_taking(&self, took_in: &mut bool) -> Result<(), SyncError> {
        let live = || self.platform.live();
        if !live() {
            return Ok(());
        }
        // The host pushes and pulls as whoever its session is now, which may no longer be the
        // person this widget (and its store) works for: another person signed in on this
        // browser while this page stayed open.
        let signed_in = self.host.session().await?;
        if self.me.as_ref() != Some(&signed_in.id) {
            return Err(SyncError::SignedInAsOther);
        }
        let outbox = self.store.outbox().await?;
        // The records of the changes refused as breaking a rule, to say which once the pull
        // has brought what the host holds (the rule may be about a change made elsewhere).
        let mut broken: Vec<(String, RecordId)> = Vec::new();
        // A record taken while the person's change to it waited was kept for that change:
        // once the host has it, the record may go (`took_in`).
        // A push that fails (the host down, or refusing one for good) does not keep what
        // others changed from arriving: the pull runs, then the push's failure is said.
        let mut awaited = Awaited::default();
        let pushed = (self.push_all(outbox.ops, &mut broken, took_in, &mut awaited.acked)).await;
        let pulled = self.pull_all(took_in, &mut awaited).await;
        let keep = awaited.stored || !awaited.acked.is_empty();
        if awaited.read && !awaited.complete && keep && live() {
            // The pull that would show the host still holds them did not end: the next that
            // does looks for them. Best effort: lost, the ops are only as before this was kept.
            let mut ids = std::mem::take(&mut awaited.earlier);
            ids.append(&mut awaited.acked);
            let _ = self.store.await_echo(&ids).await;
        }
        // Once every page is in: an op that took a record may come on any of them, and what
        // decides (a relationship) on another. A pull that failed after ops were taken in
        // leaves that owed to the next run, whose outbox may be empty and pages nothing.
        if pulled.is_err() && *took_in {
            self.let_go_owed.set(true);
        }
        if pulled.is_ok() && (*took_in || self.let_go_owed.get()) && live() {
            self.let_go().await?;
            self.let_go_owed.set(false);
        }
        let today = self.clock.now().utc_date();
        let because = (broken.iter().rev())
            .find_map(|(entity, record)| self.workspace.refusal_of(entity, record, today));
        if because.is_some() {
            self.status.update(|s| s.refused_because = because);
        }
        pushed.and(pulled)
    }

    /// Pushes `ops`, halving a push the host finds too large down to one change; stops at the
    /// first push that fails (or at unmount).
    async fn push_all(
        &self,
        ops: Vec<OpV1>,
        broken: &mut Vec<(String, RecordId)>,
        took_in: &mut bool,
        acked: &mut Vec<RecordId>,
    ) -> Result<(), SyncError> {
        let live = || self.platform.live();
        // Last first: a push cut in halves sends its first half next.
        let mut waiting = push_batches(ops);
        waiting.reverse();
        while let Some(batch) = waiting.pop() {
            if !live() {
                return Ok(());
            }
            let pushed = match self.host.push(&batch).await {
                Err(error) if error.too_large() => match halves(batch) {
                    Ok(parts) => {
                        waiting.extend(parts.into_iter().rev());
                        continue;
                    }
                    // A change too large alone will never go: refused whole, as the host
                    // refuses a change, so it stays on the device, the person is told (one
                    // change), and the rest moves on.
                    Err(change) => {
                        let kept: Vec<RefusedOp> = (change.iter())
                            .filter_map(|op| {
                                Some(RefusedOp {
                                    id: RecordId::parse(&op.id).ok()?,
                                    code: TOO_LARGE.to_owned(),
                                    entity: op.entity.clone(),
                                    record: RecordId::parse(&op.record).ok()?,
                                    field: op.field.clone(),
                                })
                            })
                            .collect();
                        let ids: Vec<RecordId> = kept.iter().map(|op| op.id.clone()).collect();
                        self.store.refused_ops(&kept).await?;
                        self.workspace.conflicts.set(self.store.conflicts());
                        self.store.settle(&ids).await?;
                        *took_in |= !ids.is_empty();
                        self.status.update(|s| {
                            s.refused.push(TOO_LARGE.to_owned());
                            s.refused_because = None;
                        });
                        continue;
                    }
                },
                pushed => pushed?,
            };
            if !live() {
                return Ok(());
            }
            if let Err(error) = check_answers(&batch, &pushed) {
                crate::edges::console_warn(&format!("mentoring widget: {error:?}"));
                return Err(error.into());
            }
            let refused: Vec<RecordId> = pushed.rejected.iter().map(|r| r.id.clone()).collect();
            // Kept with their fields, so every tab lists them until the person chooses.
            let kept: Vec<RefusedOp> = (pushed.rejected.iter())
                .filter_map(|r| {
                    let op = batch.iter().find(|op| op.id == r.id.as_str())?;
                    Some(RefusedOp {
                        id: r.id.clone(),
                        code: r.code.clone(),
                        entity: op.entity.clone(),
                        record: RecordId::parse(&op.record).ok()?,
                        field: op.field.clone(),
                    })
                })
                .collect();
            self.store.refused_ops(&kept).await?;
            if !kept.is_empty() {
                self.workspace.conflicts.set(self.store.conflicts());
            }
            acked.extend(pushed.acknowledged.iter().cloned());
            let mut done: Vec<RecordId> = pushed.acknowledged;
            done.extend(refused);
            self.store.settle(&done).await?;
            *took_in |= !done.is_empty();
            for rejected in pushed
                .rejected
                .iter()
                .filter(|r| r.code == "invalid_record")
            {
                let op = batch.iter().find(|op| op.id == rejected.id.as_str());
                if let Some(op) = op {
                    if let Ok(record) = RecordId::parse(&op.record) {
                        broken.push((op.entity.clone(), record));
                    }
                }
            }
            if !pushed.rejected.is_empty() {
                // Counted as the person's changes, one a record (a session is an op a field),
                // not as ops. The reason said is the latest refusal's: an older one's is
                // dropped here, and named again after the pull only if this one broke a rule.
                let mut records: Vec<&str> = Vec::new();
                let mut codes: Vec<String> = Vec::new();
                for r in &pushed.rejected {
                    let record = (batch.iter())
                        .find(|op| op.id == r.id.as_str())
                        .map_or(r.id.as_str(), |op| op.record.as_str());
                    if !records.contains(&record) {
                        records.push(record);
                        codes.push(r.code.clone());
                    }
                }
                self.status.update(|s| {
                    s.refused.extend(codes);
                    s.refused_because = None;
                });
            }
        }
        Ok(())
    }

    /// Pulls until the host has nothing more (or the widget is unmounted).
    async fn pull_all(&self, took_in: &mut bool, awaited: &mut Awaited) -> Result<(), SyncError> {
        let live = || self.platform.live();
        // First: the ids kept are written again, less those this pull brings, if it does not end.
        awaited.earlier = self.store.unechoed().await?;
        awaited.stored = !awaited.earlier.is_empty();
        awaited.read = true;
        let mut cursor = self.store.cursor().await?;
        // A device's first pull (from no cursor) brings the pairs the host holds, as the
        // directory asked at start tells them: no pair moved since, so it is not asked again
        // (nor owed, while that ask is on its way) for them.
        let first = cursor.is_empty();
        let changed_before = self.pairs_changed.get();
        // The host gave no such cursor (restored from an older backup, say), in this sync or
        // one cut short: its whole log is pulled, every op id it brings noted, and what it
        // lost of the person's changes is sent again once the last page is in.
        let mut restored = self.store.resend_owed().await?;
        if restored {
            cursor = String::new();
        }
        let mut brought: Vec<RecordId> = Vec::new();
        // Cursors given in this sync: one coming back would page for ever (the lock held, the
        // host asked again and again, "Syncing…" never ending).
        let mut given = vec![cursor.clone()];
        let mut from_start = restored;
        // Read once a sync: a device up to date asks nothing more of storage for it.
        let mut held_epoch = self.store.epoch().await?;
        // A device with neither a cursor nor an epoch has pulled nothing (a let-go resets the
        // cursor only in the sync that stores the new epoch): it holds nothing pulled under
        // older rules, only its own changes, some perhaps already taken by the host (made
        // offline before its first pull). Letting go of those would empty its screens until
        // the pull brings them back, or for as long as the network is gone again.
        let never_pulled = first && held_epoch.is_none();
        let mut received_any = false;
        loop {
            if !live() {
                return Ok(());
            }
            let page = match self.host.pull(&cursor).await {
                // The host gave no such cursor: paging again from the start brings what this
                // device lacks; ops it holds already merge to no change.
                Err(HostError::Refused { code, .. })
                    if code == UNKNOWN_CURSOR && !from_start && !cursor.is_empty() =>
                {
                    self.store.owe_resend().await?;
                    restored = true;
                    from_start = true;
                    cursor = String::new();
                    given = vec![cursor.clone()];
                    continue;
                }
                page => page?,
            };
            if !live() {
                return Ok(());
            }
            if let Some(id) = self.store.reused_id(&page.ops) {
                // Nothing of the page is taken and the cursor stays: retrying asks again.
                let detail = format!(
                    "pull reply: op {id} was sent before with other content, and an op never \
                     changes"
                );
                crate::edges::console_warn(&format!("mentoring widget: {detail}"));
                return Err(SyncError::Host(HostError::Malformed(detail)));
            }
            // The host's rules moved on from those the device pulled under: what it pulled may
            // hold what the host now withholds from the person, so it goes, and the device
            // pulls again from the start (docs/adapter.md, `epoch`). Changes of the person's
            // the host has not taken stay.
            let mut page = page;
            let mut adopt = page.epoch.filter(|epoch| held_epoch != Some(*epoch));
            let holds_nothing_pulled = never_pulled && !received_any;
            if adopt.is_some() && (restored || !awaited.earlier.is_empty()) {
                // Not while finding what a restored host lost, nor while acknowledged ops no
                // pull has shown yet wait to be found: letting go now would take the person's
                // changes it lost off the device too (the host took them once), the only copies
                // left. Pages are taken under the epoch held; the next sync, once those are sent
                // again, meets the new one and lets go then.
                adopt = None;
                page.epoch = None;
                self.again.set(true);
            }
            if adopt.is_some() && !holds_nothing_pulled {
                let Some(updates) = self.store.let_go_of_pulled().await? else {
                    // A change saved meanwhile waits for the host: the next sync asks again.
                    return Ok(());
                };
                *took_in |= !updates.is_empty();
                if !live() {
                    return Ok(());
                }
                self.show(updates);
                if !cursor.is_empty() {
                    self.store.set_cursor("").await?;
                    from_start = true;
                    cursor = String::new();
                    given = vec![cursor.clone()];
                    continue;
                }
            }
            if restored {
                brought.extend(page.ops.iter().map(|op| op.id.clone()));
            }
            awaited.seen(&page.ops);
            let (more, next) = (page.more, page.cursor.clone());
            // An op it cannot read is held, not a stop: the rest is taken and the cursor moves.
            let updates = self.store.receive_page(page).await?;
            received_any = true;
            if let Some(epoch) = adopt {
                // A store that keeps pages keeps the epoch with the page's cursor already.
                self.store.set_epoch(epoch).await?;
                held_epoch = Some(epoch);
            }
            *took_in |= !updates.is_empty();
            if !live() {
                return Ok(());
            }
            self.show(updates);
            if !more || next == cursor {
                awaited.complete = true;
                break;
            }
            if given.contains(&next) {
                let detail = format!(
                    "pull reply: cursor {next:?} was given before in this sync, so paging would \
                     never end"
                );
                crate::edges::console_warn(&format!("mentoring widget: {detail}"));
                return Err(SyncError::Host(HostError::Malformed(detail)));
            }
            given.push(next.clone());
            cursor = next;
        }
        if first {
            self.pairs_changed.set(changed_before);
        }
        // What the host lacks of the person's: after a restore, what its whole log did not
        // bring; else what it acknowledged in a sync whose pull did not end and no page has
        // brought since (restored from a backup taken between that cursor and that push). The
        // ops this sync pushed and its pages did not bring are not asked of: a host that sends
        // a writer's ops back on their next pull brought them, and one that does not would
        // have every op sent twice.
        mentoring_core::order::sort(&mut brought);
        brought.dedup();
        mentoring_core::order::sort(&mut awaited.earlier);
        let lacks = |id: &RecordId| {
            if restored {
                brought.binary_search(id).is_err()
            } else {
                awaited.earlier.binary_search(id).is_ok()
            }
        };
        if let (true, Some(me)) = (restored || awaited.stored, &self.me) {
            if self.store.send_again(me, &lacks).await? > 0 {
                // Sent by the next run, which follows at once.
                self.again.set(true);
            }
        }
        // What an older version open in another tab held, this one may read.
        let updates = self.store.read_held().await?;
        *took_in |= !updates.is_empty();
        self.show(updates);
        Ok(())
    }
}

/// The person's ops a pull is to show the host still holds ([`RecordStore::await_echo`]).
#[derive(Default)]
struct Awaited {
    /// Those kept from earlier syncs, less those a page of this one brought.
    earlier: Vec<RecordId>,
    /// Whether any were kept, and whether that was read (what is written replaces it).
    stored: bool,
    read: bool,
    /// Those this sync's push had acknowledged, less those a page of it brought.
    acked: Vec<RecordId>,
    /// Whether this sync's pull ended (the host had nothing more).
    complete: bool,
}

impl Awaited {
    /// Leaves out those a page brought. A sync's pull brings back what its push sent (up to a
    /// page of 5,000 against a push as long): the page's ids are sorted once and searched, not
    /// scanned for each id awaited; a sync with nothing awaited pays nothing.
    fn seen(&mut self, ops: &[mentoring_core::merge::Op]) {
        if self.earlier.is_empty() && self.acked.is_empty() {
            return;
        }
        let mut page: Vec<&RecordId> = ops.iter().map(|op| &op.id).collect();
        mentoring_core::order::sort(&mut page);
        let brought = |id: &RecordId| page.binary_search(&id).is_ok();
        self.earlier.retain(|id| !brought(id));
        self.acked.retain(|id| !brought(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(status: SyncStatus) -> (String, bool) {
        status_text(&status, Locale::EnGb, |at| format!("t{}", at.0))
    }

    #[test]
    fn caught_up_only_once_a_later_sync_took_every_change() {
        let synced = SyncStatus {
            online: true,
            last_synced: Some(Millis(5)),
            ..Default::default()
        };
        assert!(synced.caught_up_since(Some(Millis(1))));
        assert!(synced.caught_up_since(None));
        assert!(
            !synced.caught_up_since(Some(Millis(5))),
            "the sync already seen says nothing of a save made since"
        );
        for behind in [
            SyncStatus {
                waiting: 1,
                ..synced.clone()
            },
            SyncStatus {
                syncing: true,
                ..synced.clone()
            },
            SyncStatus {
                online: false,
                ..synced.clone()
            },
            SyncStatus {
                error: Some(SyncError::SignedInAsOther),
                ..synced.clone()
            },
        ] {
            assert!(!behind.caught_up_since(Some(Millis(1))), "{behind:?}");
        }
    }

    #[test]
    fn signed_out_with_changes_waiting_says_they_are_kept_until_signed_in() {
        let signed_out = |waiting| SyncStatus {
            online: true,
            waiting,
            error: Some(SyncError::Host(HostError::SignedOut("expired".into()))),
            ..Default::default()
        };
        let (line, retry) = text(signed_out(1));
        assert_eq!(
            line,
            "Not signed in to the portal: 1 change kept on this device, and sent once you sign in."
        );
        assert!(retry);
        let (line, _) = text(signed_out(2));
        assert!(line.contains("2 changes kept on this device"), "{line}");
        let (ar, _) = status_text(&signed_out(2), Locale::Ar, |_| String::new());
        assert!(ar.contains("تغييران") && !ar.contains("تعذّرت"), "{ar}");
        // Nothing waiting: nothing to keep, the sign-in is what is asked for.
        let (line, _) = text(signed_out(0));
        assert!(line.starts_with("Sync failed: "), "{line}");
    }

    #[test]
    fn a_failed_push_says_the_changes_are_kept_here_and_a_failed_pull_that_nothing_changed() {
        let failed = |waiting| SyncStatus {
            online: true,
            waiting,
            last_synced: Some(Millis(5)),
            error: Some(SyncError::Host(HostError::Refused {
                code: "internal".into(),
                message: "boom".into(),
            })),
            ..Default::default()
        };
        let (line, retry) = text(failed(1));
        assert_eq!(
            line,
            "Sync failed: 1 change kept on this device, to be sent at the next sync. Tell the portal's team if this goes on."
        );
        assert!(retry);
        let (ar, _) = status_text(&failed(2), Locale::Ar, |_| String::new());
        assert!(
            ar.contains("تغييران") && !ar.contains("لم يتغيّر شيء"),
            "{ar}"
        );
        // Nothing of the person's waits: the portal refused an ask, nothing changed here.
        let (line, _) = text(failed(0));
        assert!(line.contains("Nothing was changed here"), "{line}");
    }

    #[test]
    fn offline_says_what_waits_on_the_device() {
        let (line, retry) = text(SyncStatus {
            online: false,
            waiting: 3,
            ..Default::default()
        });
        assert!(line.starts_with("Offline") && line.contains('3'), "{line}");
        assert!(!retry);
        let (line, _) = text(SyncStatus {
            online: false,
            ..Default::default()
        });
        assert!(
            line.starts_with("Offline") && line.contains("saved on this device"),
            "{line}"
        );
    }

    #[test]
    fn errors_offer_a_retry_and_success_names_the_time() {
        let (line, retry) = text(SyncStatus {
            online: true,
            error: Some(SyncError::Host(HostError::Refused {
                code: "bad_request".into(),
                message: "The database is down.".into(),
            })),
            ..Default::default()
        });
        assert!(
            line.contains("The portal refused the request. Nothing was changed") && retry,
            "{line}"
        );
        // The host's own words and code are not the person's to read.
        assert!(
            !line.contains("database") && !line.contains("bad_request"),
            "{line}"
        );
        let (line, retry) = text(SyncStatus {
            online: true,
            last_synced: Some(Millis(5)),
            ..Default::default()
        });
        assert!(line.contains("t5") && !retry, "{line}");
        let (line, _) = text(SyncStatus {
            online: true,
            waiting: 2,
            last_synced: Some(Millis(5)),
            ..Default::default()
        });
        assert!(line.contains('2') && !line.contains("t5"), "{line}");
    }

    #[test]
    fn a_portal_down_for_now_is_said_as_such_with_the_changes_kept() {
        let (line, retry) = text(SyncStatus {
            online: true,
            waiting: 2,
            error: Some(SyncError::Host(HostError::Unavailable(
                "HTTP 503 without an adapter error object".into(),
            ))),
            ..Default::default()
        });
        assert_eq!(
            line,
            "The portal is not available just now; your changes are kept on this device and \
             sync will try again."
        );
        assert!(retry);
    }

    #[test]
    fn a_portal_that_does_not_answer_while_online_is_not_said_as_offline() {
        let mut status = SyncStatus {
            online: true,
            waiting: 2,
            ..Default::default()
        };
        let refused = Err(SyncError::Host(HostError::Unreachable(
            "TypeError: Failed to fetch".into(),
        )));
        status.settle(&refused, true, Millis(9));
        assert!(status.online, "{status:?}");
        let (line, retry) = text(status.clone());
        assert_eq!(
            line,
            "The portal cannot be reached just now, though this device is online: 2 changes \
             kept on this device, and sync will keep trying."
        );
        assert!(retry, "offers Retry");
        let (line, retry) = status_text(&status, Locale::Ar, |_| String::new());
        assert!(
            line.starts_with("يتعذّر الوصول إلى البوابة") && retry,
            "{line}"
        );
        // Once a sync gets through, the line says so.
        status.settle(&Ok(Ran::Synced), true, Millis(10));
        assert_eq!(status.error, None);
        assert_eq!(status.last_synced, Some(Millis(10)));
        // Offline, the browser says so first.
        let (line, retry) = text(SyncStatus {
            online: false,
            ..status
        });
        assert!(line.starts_with("Offline") && !retry, "{line}");
    }

    #[test]
    fn long_waits_and_refusals_are_always_said() {
        let status = SyncStatus {
            online: true,
            last_synced: Some(Millis(1)),
            stale_days: Some(4),
            refused: vec!["invalid_record".into(), "forbidden".into()],
            ..Default::default()
        };
        let (line, _) = text(status);
        assert!(line.contains("4 days"), "{line}");
        assert!(
            line.contains("The portal did not keep 2 changes: you may not make this change"),
            "{line}"
        );
        // Synced, but not "all changes": the refused ones were not kept.
        assert!(line.starts_with("Synced (last at "), "{line}");
        assert!(!line.contains("All changes"), "{line}");
    }

    #[test]
    fn a_change_refused_for_a_rule_the_device_can_name_says_what_to_do_in_either_language() {
        let ended = Refusal::of(mentoring_core::Rule::RelationshipOver);
        let status = SyncStatus {
            online: true,
            last_synced: Some(Millis(1)),
            refused: vec!["invalid_record".into()],
            refused_because: Some(ended),
            ..Default::default()
        };
        let (line, _) = text(status.clone());
        assert!(
            line.contains("The portal did not keep 1 change: This relationship is over")
                && line.contains("Set up a new one if the pair should go on"),
            "{line}"
        );
        let (line, _) = status_text(&status, Locale::Ar, |_| String::new());
        assert!(line.contains("يمكن إنشاء علاقة جديدة"), "{line}");
        assert!(
            line.starts_with("تمت المزامنة (")
                && line.contains(
                    "رفضت البوابة تغييرات فلم تحتفظ بها، وعددها \u{2068}تغيير واحد\u{2069}:"
                )
                && !line.contains("كل التغييرات"),
            "{line}"
        );
        let (line, _) = text(SyncStatus {
            refused_because: None,
            ..status
        });
        assert!(
            line.contains("it would break a rule of the programme"),
            "without the rule, the code's words: {line}"
        );
        // A later refusal of another kind is not said with the earlier one's rule.
        let (line, _) = text(SyncStatus {
            refused: vec!["invalid_record".into(), "forbidden".into()],
            refused_because: Some(Refusal::of(mentoring_core::Rule::RelationshipOver)),
            ..Default::default()
        });
        assert!(
            line.contains("you may not make this change") && !line.contains("relationship is over"),
            "{line}"
        );
    }

    #[test]
    fn ops_held_unread_are_said_with_what_to_do_until_read() {
        let held = |held| SyncStatus {
            online: true,
            last_synced: Some(Millis(5)),
            held,
            ..Default::default()
        };
        let (line, retry) = text(held(1));
        assert_eq!(
            line,
            "All changes synced (last at t5). 1 change from the portal could not be read by \
             this version of the widget: kept on this device, to be read after an update. If \
             this stays, tell your HR team."
        );
        assert!(!retry, "nothing to retry: a later version reads them");
        assert!(text(held(3)).0.contains("3 changes from the portal"));
        let (ar, _) = status_text(&held(2), Locale::Ar, |_| String::new());
        assert!(
            ar.contains("تغييران") && ar.contains("فريق الموارد البشرية"),
            "{ar}"
        );
        assert!(
            !text(held(0)).0.contains("portal"),
            "nothing held, nothing said"
        );
    }

    #[test]
    fn counts_agree_with_their_number_in_both_languages() {
        let waiting = |n, locale| {
            let status = SyncStatus {
                online: true,
                waiting: n,
                ..Default::default()
            };
            status_text(&status, locale, |_| String::new()).0
        };
        assert_eq!(waiting(1, Locale::EnGb), "1 change waiting to sync.");
        assert_eq!(waiting(4, Locale::EnGb), "4 changes waiting to sync.");
        assert_eq!(
            waiting(2, Locale::Ar),
            "\u{2068}تغييران\u{2069} بانتظار المزامنة."
        );
        assert_eq!(
            waiting(12, Locale::Ar),
            "\u{2068}12 تغييرًا\u{2069} بانتظار المزامنة."
        );
    }
}
