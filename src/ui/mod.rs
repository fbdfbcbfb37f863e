//! The UI: Leptos components that show derived state and emit commands.
//!
//! Architecture invariant: no business rule lives here. What a command may do is decided by
//! `mentoring_core::decide`; who the widget works for by `crate::startup`; storage and the
//! host are reached only through the traits in `crate::edges`.

mod goals;
pub mod i18n;

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::{apply, decide, Goal, GoalCommand, GoalContext, Person, RecordId};
use wasm_bindgen_futures::JsFuture;

use crate::edges::adapter::{Host, HttpHost};
use crate::edges::clock::{BrowserClock, Clock};
use crate::edges::host::HostEnv;
use crate::edges::store::{GoalStore, IndexedDbStore, JsStore, StoreError};
use crate::edges::{js_error_text, LocalFuture};
use crate::startup::{choose_identity, Identity};
use i18n::{Locale, Text};

/// Everything the UI needs from outside, each behind its trait.
pub struct Services {
    pub host: Rc<dyn Host>,
    pub store: LocalFuture<'static, Result<Rc<dyn GoalStore>, StoreError>>,
    pub clock: Rc<dyn Clock>,
    pub locale: Locale,
    pub on_ready: Box<dyn FnOnce()>,
}

impl Services {
    pub fn from_host(env: HostEnv) -> Services {
        let store_opened = JsFuture::from(env.store());
        let ready_env = env.clone();
        let locale = Locale::from_tag(&env.locale());
        Services {
            locale,
            host: Rc::new(HttpHost::new(env)),
            store: Box::pin(async move {
                use wasm_bindgen::JsCast;
                let js = store_opened
                    .await
                    .map_err(|e| StoreError(js_error_text(&e)))?;
                Ok(Rc::new(IndexedDbStore::new(js.unchecked_into::<JsStore>()))
                    as Rc<dyn GoalStore>)
            }),
            clock: Rc::new(BrowserClock),
            on_ready: Box::new(move || ready_env.on_ready()),
        }
    }
}

/// The signed-in session the screens work in, once the widget has started.
#[derive(Clone)]
struct Session {
    person: Person,
    store: Rc<dyn GoalStore>,
    clock: Rc<dyn Clock>,
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Loading,
    Ready,
    Failed(String),
}

/// The status line: what happened to the last change.
#[derive(Clone, Debug, PartialEq)]
enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(String),
}

/// The commands the screens can emit, bound to the session. `Copy`, so every event handler
/// can hold one.
#[derive(Clone, Copy)]
struct Actions {
    session: StoredValue<Option<Session>, LocalStorage>,
    goals: RwSignal<Vec<Goal>>,
    save: RwSignal<SaveState>,
}

impl Actions {
    /// Decides the command, writes the result durably, and only then shows it as saved.
    /// On refusal or a storage error nothing changes and the message says why.
    async fn run(self, command: GoalCommand) -> Result<(), String> {
        let Some(session) = self.session.get_value() else {
            return Err(use_locale().text(Text::StillStarting).to_owned());
        };
        let now = session.clock.now();
        let record = self
            .goals
            .with_untracked(|goals| {
                decide(
                    &command,
                    goals,
                    GoalContext::default(),
                    &session.person.id,
                    now,
                    |prefix| RecordId::mint(prefix, now, session.clock.entropy()),
                )
            })
            .map_err(|e| e.to_string())?;
        self.save.set(SaveState::Saving);
        match session.store.put_goal(&record).await {
            Ok(()) => {
                self.goals.update(|goals| apply(goals, record));
                self.save.set(SaveState::Saved);
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

/// The locale the widget was mounted with.
fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

async fn start(
    host: Rc<dyn Host>,
    store: LocalFuture<'static, Result<Rc<dyn GoalStore>, StoreError>>,
    clock: Rc<dyn Clock>,
    locale: Locale,
) -> Result<(Session, Vec<Goal>, Option<String>), String> {
    let store = store
        .await
        .map_err(|e| locale.format(Text::StorageUnavailable, &[&e.to_string()]))?;
    let session = host.session().await;
    let remembered = store.remembered_person().await.unwrap_or(None);
    let (person, mut notices) = match choose_identity(session, remembered) {
        Identity::Confirmed(person) => {
            let notice = store
                .remember_person(&person)
                .await
                .err()
                .map(|e| e.to_string());
            (person, notice.into_iter().collect::<Vec<_>>())
        }
        Identity::Remembered(person) => (
            person,
            vec![locale.text(Text::OfflineWorkingHere).to_owned()],
        ),
        Identity::Nobody(message) => return Err(message),
    };
    let loaded = store
        .goals_of(&person.id)
        .await
        .map_err(|e| e.to_string())?;
    if !loaded.unreadable.is_empty() {
        let count = loaded.unreadable.len().to_string();
        notices.push(locale.format(Text::UnreadableGoals, &[&count]));
    }
    let notice = (!notices.is_empty()).then(|| notices.join(" "));
    Ok((
        Session {
            person,
            store,
            clock,
        },
        loaded.goals,
        notice,
    ))
}

/// The whole widget.
pub fn app(services: Services) -> impl IntoView {
    let phase = RwSignal::new(Phase::Loading);
    let notice = RwSignal::new(None::<String>);
    let actions = Actions {
        session: StoredValue::new_local(None),
        goals: RwSignal::new(Vec::new()),
        save: RwSignal::new(SaveState::Idle),
    };
    let Services {
        host,
        store,
        clock,
        locale,
        on_ready,
    } = services;
    provide_context(locale);
    spawn_local(async move {
        match start(host, store, clock, locale).await {
            Ok((session, goals, message)) => {
                actions.session.set_value(Some(session));
                actions.goals.set(goals);
                notice.set(message);
                phase.set(Phase::Ready);
            }
            Err(message) => phase.set(Phase::Failed(message)),
        }
        on_ready();
    });

    let status = move || match actions.save.get() {
        SaveState::Idle => notice.get().unwrap_or_default(),
        SaveState::Saving => locale.text(Text::Saving).to_owned(),
        SaveState::Saved => locale.text(Text::SavedOnDevice).to_owned(),
        SaveState::Failed(message) => message,
    };

    view! {
        <section class="mw-panel" aria-labelledby="mw-goals-heading" aria-busy=move || (phase.get() == Phase::Loading).to_string()>
            <h2 id="mw-goals-heading">{locale.text(Text::MyGoals)}</h2>
            {move || match phase.get() {
                Phase::Loading => view! { <p class="mw-muted">{locale.text(Text::LoadingGoals)}</p> }.into_any(),
                Phase::Failed(message) => view! { <p class="mw-error" role="alert">{message}</p> }.into_any(),
                Phase::Ready => view! { <goals::Goals actions/> }.into_any(),
            }}
            <p class="mw-status" role="status">{status}</p>
        </section>
    }
}
