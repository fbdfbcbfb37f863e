//! The UI: Leptos components that show derived state and emit commands.
//!
//! Architecture invariant: no business rule lives here. What a change may do is decided by
//! the core (`mentoring_core::decide`, `check_*`); who the widget works for by
//! `crate::startup`; storage and the host are reached only through the traits in
//! `crate::edges`, and only from `state::Actions` and the start-up below.

// Compiled into the programme admins' build only (Cargo feature `admin`, see Makefile `build`).
#[cfg(feature = "admin")]
pub mod admin;
mod agreement;
mod conflicts;
mod feedback;
mod form_problem;
mod goal_editor;
mod goals;
pub mod i18n;
mod i18n_ar;
mod learning;
mod preferences;
mod relationships;
mod reminders;
pub mod screens;
mod session_log;
pub mod state;
mod suggestions;
pub mod sync;

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::edges::adapter::{Host, HostError, HttpHost};
use crate::edges::clock::{BrowserClock, Clock};
use crate::edges::host::HostEnv;
use crate::edges::platform::{BrowserPlatform, Platform};
use crate::edges::store::{IndexedDbStore, JsStore, RecordStore, StoreError};
use crate::edges::{js_error_text, LocalFuture};
use crate::startup::{choose_identity, Identity};
use i18n::{Locale, Text};
use state::{Actions, SaveState, SignedIn, Workspace};

/// Everything the UI needs from outside, each behind its trait.
pub struct Services {
    pub host: Rc<dyn Host>,
    pub store: LocalFuture<'static, Result<Rc<dyn RecordStore>, StoreError>>,
    pub clock: Rc<dyn Clock>,
    pub platform: Rc<dyn Platform>,
    pub locale: Locale,
    pub on_ready: Box<dyn FnOnce()>,
    /// The screen to open on (`screens::Screen::token`): the one shown before a language
    /// change mounted the widget again. My goals when `None` or not a screen.
    pub start: Option<String>,
}

impl Services {
    pub fn from_host(env: HostEnv) -> Services {
        let store_opened = JsFuture::from(env.store());
        let ready_env = env.clone();
        let locale = Locale::from_tag(&env.locale());
        let clock: Rc<dyn Clock> = Rc::new(BrowserClock);
        let store_clock = clock.clone();
        let platform: Rc<dyn Platform> = Rc::new(BrowserPlatform::new(env.platform()));
        let start = env.screen();
        Services {
            platform,
            locale,
            host: Rc::new(HttpHost::new(env)),
            store: Box::pin(async move {
                use wasm_bindgen::JsCast;
                let js = store_opened
                    .await
                    .map_err(|e| StoreError(js_error_text(&e)))?;
                Ok(Rc::new(IndexedDbStore::new(
                    js.unchecked_into::<JsStore>(),
                    store_clock,
                )) as Rc<dyn RecordStore>)
            }),
            clock,
            on_ready: Box::new(move || ready_env.on_ready()),
            start,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Loading,
    Ready,
    Failed(String),
    /// Nobody is signed in (the page is for nobody, or the host says so): a normal state, said
    /// as information, not as an error.
    SignedOut(String),
}

impl From<String> for Phase {
    fn from(message: String) -> Phase {
        Phase::Failed(message)
    }
}

/// The locale the widget was mounted with.
fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// A memo of `f`: `Memo::new` is compiled once per value type instead of once per closure
/// (the boxed closure is the one type every memo of a value type shares).
fn memo<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T> {
    boxed_memo(Box::new(f))
}

fn boxed_memo<T: PartialEq + Send + Sync + 'static>(
    f: Box<dyn Fn() -> T + Send + Sync>,
) -> Memo<T> {
    Memo::new(move |_| f())
}

/// What was just done, said with Undo beside it while `offer` holds it: the line, and the
/// button's name (what Undo gives back; none when there is nothing to undo), `class` the
/// button's. The line alone is a live region, there before it fills: a screen reader hears
/// "Marked done: …" and finds the button after it, not the button's name read with the line.
/// `undo` acts on what is offered when it is pressed.
fn undo_line(
    offer: Memo<Option<(String, String)>>,
    class: &'static str,
    undo: std::sync::Arc<dyn Fn() + Send + Sync>,
) -> AnyView {
    let locale = use_locale();
    let button = move || {
        let label = offer.with(|o| o.as_ref().map(|(_, label)| label.clone()))?;
        let undo = undo.clone();
        (!label.is_empty()).then(|| {
            view! {
                " "
                <button type="button" class=class aria-label=label on:click=move |_| undo()>
                    {locale.text(Text::Undo)}
                </button>
            }
        })
    };
    view! {
        <span role="status">{move || offer.with(|o| o.as_ref().map(|(said, _)| said.clone()))}</span>
        {button}
    }
    .into_any()
}

/// One timer at a time, of the component that makes it: setting it again clears the one
/// waiting, and none is left once the component goes (an unmount included).
#[derive(Clone, Copy)]
struct OneTimer(StoredValue<Option<TimeoutHandle>>);

impl OneTimer {
    fn new() -> OneTimer {
        let timer = OneTimer(StoredValue::new(None));
        on_cleanup(move || timer.clear());
        timer
    }

    /// Runs `then` in `wait_ms`, instead of whatever was waiting.
    fn set(self, then: impl FnOnce() + 'static, wait_ms: u64) {
        let wait = std::time::Duration::from_millis(wait_ms);
        self.replace(set_timeout_with_handle(then, wait).ok());
    }

    fn clear(self) {
        self.replace(None);
    }

    fn replace(self, handle: Option<TimeoutHandle>) {
        if let Some(old) = (self.0)
            .try_update_value(|t| std::mem::replace(t, handle))
            .flatten()
        {
            old.clear();
        }
    }
}

/// What `<Show>` draws, `children` while `when()` holds (made again only when that changes),
/// without `Show`'s copies of its reactive and render code per condition and child type.
fn shown_while(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    shown_or(when, children, || ().into_any())
}

/// [`shown_while`] with what is drawn instead while `when()` does not hold.
fn shown_or(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: impl Fn() -> AnyView + Send + Sync + 'static,
    fallback: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    shown_boxed(Box::new(when), Box::new(children), Box::new(fallback))
}

type ViewOf = Box<dyn Fn() -> AnyView + Send + Sync>;

fn shown_boxed(
    when: Box<dyn Fn() -> bool + Send + Sync>,
    children: ViewOf,
    fallback: ViewOf,
) -> AnyView {
    let shown = boxed_memo(when);
    (move || if shown.get() { children() } else { fallback() }).into_any()
}

/// A keyed list as `<For>` draws it (a row is made once per key and kept while its key is
/// listed), with `<For>`'s keyed diff compiled once for every list: each item goes in as its
/// key and the making of its row, which is called only for a key not drawn before.
fn keyed_list<T, K>(
    each: impl Fn() -> Vec<T> + Send + Sync + 'static,
    key: fn(&T) -> K,
    row: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> AnyView
where
    T: Send + 'static,
    K: Eq + std::hash::Hash + Send + Sync + 'static,
{
    let row: std::sync::Arc<dyn Fn(T) -> AnyView + Send + Sync> = std::sync::Arc::new(row);
    keyed_rows(Box::new(move || {
        (each().into_iter())
            .map(|item| {
                let key = RowKey(std::sync::Arc::new(key(&item)));
                let row = row.clone();
                let make: MakeRow = Box::new(move || row(item));
                (key, make)
            })
            .collect()
    }))
}

type MakeRow = Box<dyn FnOnce() -> AnyView + Send>;

fn keyed_rows(each: Box<dyn Fn() -> Vec<(RowKey, MakeRow)> + Send + Sync>) -> AnyView {
    view! {
        <For
            each=each
            key=|(key, _): &(RowKey, MakeRow)| key.clone()
            children=|(_, make): (RowKey, MakeRow)| make()
        />
    }
    .into_any()
}

/// A list's key of any type, compared and hashed as that type: two keys of one list are
/// always of one type.
#[derive(Clone)]
struct RowKey(std::sync::Arc<dyn ListKey>);

trait ListKey: Send + Sync {
    fn as_any(&self) -> &dyn std::any::Any;
    fn same(&self, other: &dyn ListKey) -> bool;
    fn hash_into(&self, state: &mut dyn std::hash::Hasher);
}

impl<K: Eq + std::hash::Hash + Send + Sync + 'static> ListKey for K {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn same(&self, other: &dyn ListKey) -> bool {
        other.as_any().downcast_ref::<K>() == Some(self)
    }
    fn hash_into(&self, mut state: &mut dyn std::hash::Hasher) {
        self.hash(&mut state);
    }
}

impl PartialEq for RowKey {
    fn eq(&self, other: &RowKey) -> bool {
        self.0.same(&*other.0)
    }
}

impl Eq for RowKey {}

impl std::hash::Hash for RowKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash_into(state);
    }
}

/// `collect_view()` of views each erased first: every list of views is then the one type
/// `Vec<AnyView>`, whose render code is compiled once instead of once per item type.
trait CollectAny {
    fn collect_any(self) -> Vec<AnyView>;
}

impl<I> CollectAny for I
where
    I: Iterator,
    I::Item: IntoAny,
{
    fn collect_any(self) -> Vec<AnyView> {
        self.map(IntoAny::into_any).collect()
    }
}

/// `aria-disabled` for a button that refuses presses while `refused()` holds. Unlike `disabled`,
/// it leaves keyboard focus on the button: a focused button that becomes disabled drops focus to
/// the page, and a keyboard user has to find their place again. Its handler ignores the press.
fn refused_while(
    refused: impl Fn() -> bool + Send + Sync + 'static,
) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    refused_while_boxed(Box::new(refused))
}

// Non-generic, so every `aria-disabled` is one closure type and its attribute code is compiled
// once, not once per button.
fn refused_while_boxed(
    refused: Box<dyn Fn() -> bool + Send + Sync>,
) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    move || refused().then_some("true")
}

/// A text field's `prop:value`, and (below) its `on:input` or `on:change`: one closure type
/// each for every bound field, so their attribute and listener code is compiled once.
fn value_of(text: RwSignal<String>) -> impl Fn() -> String + Send + Sync + Copy + 'static {
    move || text.get()
}

fn set_from_event(
    text: RwSignal<String>,
) -> impl Fn(leptos::ev::Event) + Send + Sync + Copy + 'static {
    move |ev| text.set(event_target_value(&ev))
}

/// Moves keyboard focus to the first element `selector` finds inside `within`, once what the
/// caller just changed is drawn: Leptos draws it in a microtask, before the next frame.
fn focus_when_drawn<E>(within: NodeRef<E>, selector: &str)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    focus_first_when_drawn(within, &[selector]);
}

/// [`focus_when_drawn`] with places in order of preference: the first selector that finds
/// something gets the focus.
fn focus_first_when_drawn<E>(within: NodeRef<E>, selectors: &[&str])
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    let selectors: Vec<String> = selectors.iter().map(|s| (*s).to_owned()).collect();
    focus_found_when_drawn(within, move |within| {
        selectors
            .iter()
            .find_map(|selector| within.query_selector(selector).ok().flatten())
    });
}

/// Focuses what `find` finds from `within` once the next frame is drawn.
fn focus_found_when_drawn<E>(
    within: NodeRef<E>,
    find: impl FnOnce(&web_sys::Element) -> Option<web_sys::Element> + 'static,
) where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    use wasm_bindgen::JsCast;
    request_animation_frame(move || {
        // Gone by the next frame (its part of the page drawn again): nothing to focus in.
        let Some(within) = within.try_get_untracked().flatten() else {
            return;
        };
        let found = find(within.unchecked_ref());
        if let Some(found) = found.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = found.focus();
        }
    });
}

/// What the status line says of sync, and the same without its times.
#[derive(Clone, Debug, PartialEq)]
struct SyncLine {
    key: String,
    line: String,
    retry: bool,
}

/// How long the status line stays the same before a screen reader hears it: longer than a save
/// and its sync take on a working network, short enough to follow what the person did.
const ANNOUNCE_AFTER_MS: u64 = 1_000;

/// The sync status as the status line says it. While a save is under way or not yet synced,
/// not "all changes synced". A sync nobody waits on (nothing to send, nothing failed: the
/// minute's pull) is not said: the status line is a live region, and "Syncing…" then "All
/// changes synced" every minute would be read out every minute.
fn as_said(status: &sync::SyncStatus, saving: bool) -> sync::SyncStatus {
    let mut said = status.clone();
    if said.syncing && said.waiting == 0 && said.error.is_none() && said.last_synced.is_some() {
        said.syncing = false;
    }
    if saving {
        said.last_synced = None;
    }
    said
}

/// The line said before when it says the same but for its time (the last sync's): a live
/// region drawn again is read out again.
fn said_again(before: Option<&SyncLine>, now: SyncLine) -> SyncLine {
    match before {
        Some(before) if before.key == now.key && before.retry == now.retry => before.clone(),
        _ => now,
    }
}

/// What could not be read of what is stored, by kind (entity names, "" for a record of
/// unknown or other kind): "Could not read 1 saved goal, 2 saved private notes: …".
fn unreadable_notice<'a>(locale: Locale, kinds: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts = [0usize; 4];
    for kind in kinds {
        counts[match kind {
            "goal" => 0,
            "session" => 1,
            "private-note" => 2,
            _ => 3,
        }] += 1;
    }
    let said: Vec<String> = [
        Text::CountSavedGoals,
        Text::CountSavedSessions,
        Text::CountSavedNotes,
        Text::CountSavedRecords,
    ]
    .into_iter()
    .zip(counts)
    .filter(|(_, n)| *n > 0)
    .map(|(text, n)| locale.count(text, n))
    .collect();
    (!said.is_empty()).then(|| locale.format(Text::UnreadableSaved, &[&locale.list(&said)]))
}

/// Opens storage, settles who the widget works for, and loads what they may see. Returns a
/// notice for the status line, if any, or the phase it stopped in.
async fn start(services: Services, actions: Actions) -> Result<Option<String>, Phase> {
    let Services {
        host,
        store,
        clock,
        platform,
        locale,
        ..
    } = services;
    let store = store
        .await
        .map_err(|_| locale.text(Text::StorageUnavailable).to_owned())?;
    let session = host.session().await;
    let remembered = store.remembered_person().await.unwrap_or(None);
    let page_person = host.page_person();
    let (person, mut notices) = match choose_identity(session, remembered, page_person.as_deref()) {
        Identity::Confirmed(person) => {
            host.works_for(person.id.as_str(), true).await;
            let notice = store
                .remember_person(&person)
                .await
                .err()
                .map(|e| locale.store_error(&e));
            (person, notice.into_iter().collect::<Vec<_>>())
        }
        // The sync status line says the widget is offline, and stops saying it once back: a
        // notice of its own here would outlive the reconnection.
        Identity::Remembered(person) => {
            host.works_for(person.id.as_str(), false).await;
            (person, Vec::new())
        }
        Identity::RememberedSomeoneElse => {
            return Err(locale.text(Text::OfflineForSomeoneElse).to_owned().into())
        }
        Identity::SignedInAsSomeoneElse => {
            return Err(locale.text(Text::PageForSomeoneElse).to_owned().into())
        }
        Identity::Nobody(HostError::Unreachable(_)) => {
            return Err(locale.text(Text::FirstUseOffline).to_owned().into())
        }
        Identity::Nobody(error @ HostError::SignedOut(_)) => {
            return Err(Phase::SignedOut(locale.host_error(&error)))
        }
        Identity::Nobody(error) => return Err(locale.host_error(&error).into()),
    };
    let loaded = (store.load(&person.id).await).map_err(|e| locale.store_error(&e))?;
    // A cursor that cannot be read counts as one held: only a device known never to have
    // pulled says that nothing arrived.
    let never_received = store.cursor().await.is_ok_and(|c| c.is_empty());
    actions
        .sync
        .status
        .update(|s| s.never_received = never_received);
    let kinds = loaded.unreadable.iter().map(|u| u.kind);
    notices.extend(unreadable_notice(locale, kinds));
    for change in loaded.records {
        actions.workspace.apply(change);
    }
    actions.workspace.conflicts.set(store.conflicts());
    actions.workspace.pairing_log.set(store.pairing_log());
    actions
        .workspace
        .session_changes
        .set(store.session_changes());
    // Dismissals are the device's memory alone: none read is none dismissed.
    actions
        .workspace
        .dismissed
        .set(store.dismissed().await.unwrap_or_default());
    let (admin, unreadable_admin) = store.admin_records();
    notices.extend(unreadable_notice(
        locale,
        unreadable_admin.iter().map(|_| ""),
    ));
    actions.workspace.admin.set(admin);
    actions.set_host(host.clone());
    actions.sign_in(SignedIn {
        person,
        store: store.clone(),
        clock: clock.clone(),
    });
    // The directory names people and programmes; the widget is usable before it arrives (the
    // one kept on the device, or ids, stand in), so it is fetched after start-up rather than
    // holding it up.
    let (directory_host, directory_store, directory_clock) =
        (host.clone(), store.clone(), clock.clone());
    spawn_local(async move {
        let status = actions.sync.status;
        sync::fetch_directory(
            &*directory_host,
            &*directory_store,
            actions.workspace,
            status,
            &*directory_clock,
            false,
        )
        .await
    });
    actions
        .sync
        .start(host, store, clock, platform, actions.workspace);
    Ok((!notices.is_empty()).then(|| notices.join(" ")))
}

/// The whole widget.
pub fn app(mut services: Services) -> impl IntoView {
    let locale = services.locale;
    provide_context(locale);
    let phase = RwSignal::new(Phase::Loading);
    let notice = RwSignal::new(None::<String>);
    let actions = Actions::new(Workspace::new(), locale);
    let on_ready = std::mem::replace(&mut services.on_ready, Box::new(|| {}));
    let start_on = (services.start.take())
        .and_then(|token| screens::Screen::from_token(&token))
        .unwrap_or(screens::Screen::MyGoals);
    spawn_local(async move {
        match start(services, actions).await {
            Ok(message) => {
                notice.set(message);
                phase.set(Phase::Ready);
            }
            Err(stopped) => phase.set(stopped),
        }
        on_ready();
    });

    // Once a sync has taken every change to the host, the save note goes: "saved on this
    // device" beside "all changes synced" reads as if the change had not synced. Only a sync
    // ending after the save counts, hence the last one seen.
    Effect::new(move |seen: Option<Option<mentoring_core::Millis>>| {
        let (caught_up, last) = actions.sync.status.with(|s| {
            let caught_up = seen.is_some_and(|seen| s.caught_up_since(seen));
            (caught_up, s.last_synced)
        });
        if caught_up
            && actions
                .save
                .with_untracked(|s| s.shown() == &SaveState::Saved)
        {
            actions.save.update(state::SaveStatus::synced);
        }
        last
    });
    // Times on the person's own clock, as every other time the widget shows them.
    // The line said last without its times, beside the memo (one type fewer in the bundle).
    let said_key = StoredValue::new(String::new());
    let sync_line = Memo::new(move |before: Option<&(String, bool)>| {
        let zone = session_log::zone::of_me(actions);
        let saving = actions
            .save
            .with(|s| matches!(s.shown(), SaveState::Saving | SaveState::Saved));
        let said = actions.sync.status.with(|s| as_said(s, saving));
        // One instance of `status_text` for both: its times said, and left out.
        type Time<'a> = &'a dyn Fn(mentoring_core::Millis) -> String;
        let (time, none): (Time, Time) = (&|at| locale.time_of_day(at, &zone), &|_| String::new());
        let (line, retry) = sync::status_text(&said, locale, time);
        let (key, _) = sync::status_text(&said, locale, none);
        let before = before.map(|(line, retry)| SyncLine {
            key: said_key.get_value(),
            line: line.clone(),
            retry: *retry,
        });
        let now = said_again(before.as_ref(), SyncLine { key, line, retry });
        said_key.set_value(now.key);
        (now.line, now.retry)
    });
    // A change not kept is settled on My goals, but it can be lost while any screen shows:
    // the status line says it wherever the person is, and the bar at the top leads to it.
    let not_kept = conflicts::not_kept_count(actions, locale);
    let not_kept_line = move || {
        let n = not_kept.get();
        (n > 0).then(|| locale.format(Text::NotKeptStatus, &[&locale.count(Text::CountChanges, n)]))
    };
    let status = move || {
        let saved = actions.save.with(|status| match status.shown() {
            SaveState::Idle => notice.get().unwrap_or_default(),
            SaveState::Saving => locale.text(Text::Saving).to_owned(),
            SaveState::Saved => locale.text(Text::SavedOnDevice).to_owned(),
            SaveState::Failed(message) => message.clone(),
        });
        let (line, _) = sync_line.get();
        let done = actions.save.with(|status| status.said().to_owned());
        [done, saved, line, not_kept_line().unwrap_or_default()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // The status line is drawn at every step of a save and its sync, but read out only once it
    // has stood still for a moment: "Saving…", "Saved on this device" and "Syncing…" follow each
    // other within a second, and read out one after another they would bury what the person did.
    let announced = RwSignal::new(String::new());
    let pending = OneTimer::new();
    Effect::new(move |_| {
        let line = status();
        pending.set(
            move || {
                announced.try_set(line);
            },
            ANNOUNCE_AFTER_MS,
        );
    });
    let can_retry = move || sync_line.with(|(_, retry)| *retry);
    let nav = screens::Nav::new(start_on);
    // Until someone's screens open, none of them is the heading; once start-up failed (nobody
    // signed in, say), nothing was saved or synced here, so no sync status is said either.
    let failed = move || matches!(phase.get(), Phase::Failed(_) | Phase::SignedOut(_));
    let heading = move || {
        locale.text(if failed() {
            Text::WidgetHeading
        } else {
            nav.screen.with(screens::Screen::heading)
        })
    };

    view! {
        <section
            class="mw-panel"
            dir=locale.dir()
            lang=locale.lang()
            aria-labelledby="mw-heading"
            aria-busy=move || (phase.get() == Phase::Loading).to_string()
        >
            <h2 id="mw-heading">{heading}</h2>
            {move || match phase.get() {
                Phase::Loading => {
                    view! { <p class="mw-muted">{locale.text(Text::LoadingGoals)}</p> }.into_any()
                }
                Phase::Failed(message) => {
                    view! { <p class="mw-error" role="alert">{message}</p> }.into_any()
                }
                Phase::SignedOut(message) => {
                    view! { <p class="mw-note mw-signed-out" role="status">{message}</p> }.into_any()
                }
                Phase::Ready => screens::screens_in(actions, nav).into_any(),
            }}
            {shown_while(move || !failed(), move || view! {
                <div class="mw-status-bar">
                    <p class="mw-status" role="status" aria-live="off">{status}</p>
                    <p class="mw-announced" aria-live="polite">{move || announced.get()}</p>
                    {shown_while(can_retry, move || view! {
                        <button type="button" class="mw-retry" on:click=move |_| actions.sync.now()>
                            {locale.text(Text::Retry)}
                        </button>
                    }.into_any())}
                </div>
            }.into_any())}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(status: &sync::SyncStatus, saving: bool, before: Option<&SyncLine>) -> SyncLine {
        let said = as_said(status, saving);
        let time = |at: mentoring_core::Millis| format!("t{}", at.0);
        let (line, retry) = sync::status_text(&said, Locale::EnGb, time);
        let (key, _) = sync::status_text(&said, Locale::EnGb, |_| String::new());
        said_again(before, SyncLine { key, line, retry })
    }

    #[test]
    fn the_status_line_says_synced_only_when_nothing_is_saving_and_a_quiet_sync_is_not_said() {
        use mentoring_core::Millis;
        let synced = sync::SyncStatus {
            online: true,
            last_synced: Some(Millis(5)),
            ..Default::default()
        };
        let first = line(&synced, false, None);
        assert_eq!(first.line, "All changes synced (last at t5).");
        // A save under way, or saved here and not yet synced: not "all changes synced".
        assert_eq!(line(&synced, true, None).line, "");
        // The minute's sync, with nothing to send: the line stays as it was, time and all.
        let syncing = sync::SyncStatus {
            syncing: true,
            ..synced.clone()
        };
        assert_eq!(line(&syncing, false, Some(&first)), first);
        let later = sync::SyncStatus {
            last_synced: Some(Millis(65)),
            ..synced.clone()
        };
        assert_eq!(line(&later, false, Some(&first)), first);
        // Something to send is said, and once sent, the time of it.
        let sending = sync::SyncStatus {
            waiting: 1,
            ..syncing.clone()
        };
        let said = line(&sending, false, Some(&first));
        assert_eq!(said.line, "Syncing…");
        assert_eq!(
            line(&later, false, Some(&said)).line,
            "All changes synced (last at t65)."
        );
        // The first sync of all is said.
        let starting = sync::SyncStatus {
            syncing: true,
            last_synced: None,
            ..synced.clone()
        };
        assert_eq!(line(&starting, false, None).line, "Syncing…");
    }

    #[test]
    fn a_lists_key_is_equal_and_hashed_as_the_value_it_holds() {
        use std::hash::BuildHasher;
        let key = |title: &str, n: usize| RowKey(std::sync::Arc::new((title.to_owned(), n)));
        assert!(key("a", 1) == key("a", 1));
        assert!(key("a", 1) != key("a", 2));
        assert!(key("a", 1) != key("b", 1));
        // Another type holding the same bytes is another key.
        assert!(key("a", 1) != RowKey(std::sync::Arc::new(("a", 1usize))));
        let hasher = std::collections::hash_map::RandomState::new();
        assert_eq!(
            hasher.hash_one(key("a", 1)),
            hasher.hash_one(("a".to_owned(), 1usize))
        );
    }

    #[test]
    fn what_could_not_be_read_is_named_by_its_kind() {
        let en = |kinds: &[&str]| unreadable_notice(Locale::EnGb, kinds.iter().copied());
        assert_eq!(en(&[]), None);
        assert_eq!(
            en(&["private-note"]).as_deref(),
            Some("Could not read 1 saved private note: not shown, and kept unchanged on this device.")
        );
        assert_eq!(
            en(&["goal", "relationship", "", "goal", "session"]).as_deref(),
            Some("Could not read 2 saved goals, 1 saved session, 2 saved records: not shown, and kept unchanged on this device.")
        );
        let ar = unreadable_notice(Locale::Ar, ["private-note"].into_iter()).unwrap();
        assert!(ar.contains("ملاحظة خاصة محفوظة واحدة"), "{ar}");
    }
}
