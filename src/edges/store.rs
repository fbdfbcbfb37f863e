//! Durable storage on the device: the `RecordStore` trait and its IndexedDB implementation,
//! which drives js/store.js (IndexedDB from a few lines of JS is smaller than binding it from
//! Rust; see docs/performance.md).

use mentoring_core::{Change, Goal, Person, RecordId};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::stored::{StoredGoal, StoredPerson};
use super::{js_error_text, LocalFuture};

/// The records read from storage, and why any stored record could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<Change>,
    /// Reasons for the records left out; those records stay in storage untouched.
    pub unreadable: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "This browser did not save the change ({}). Check that the site may store data \
             (private browsing can block it) and try again.",
            self.0
        )
    }
}

/// Durable storage of every record a person can change.
pub trait RecordStore {
    /// Everything stored that `me` may see.
    fn load<'a>(&'a self, me: &'a RecordId) -> LocalFuture<'a, Result<Loaded, StoreError>>;
    /// Resolves only once the change is durably written.
    fn commit<'a>(&'a self, change: &'a Change) -> LocalFuture<'a, Result<(), StoreError>>;
    /// The person last signed in on this device, so the widget works offline.
    fn remembered_person(&self) -> LocalFuture<'_, Result<Option<Person>, StoreError>>;
    fn remember_person<'a>(&'a self, person: &'a Person)
        -> LocalFuture<'a, Result<(), StoreError>>;
}

#[wasm_bindgen]
extern "C" {
    /// The object js/store.js resolves `openStore()` to.
    #[derive(Clone, Debug)]
    pub type JsStore;

    #[wasm_bindgen(method, js_name = goalsOf)]
    fn goals_of(this: &JsStore, owner: &str) -> js_sys::Promise;

    #[wasm_bindgen(method, js_name = putGoal)]
    fn put_goal(this: &JsStore, record: JsValue) -> js_sys::Promise;

    #[wasm_bindgen(method, js_name = getMeta)]
    fn get_meta(this: &JsStore, key: &str) -> js_sys::Promise;

    #[wasm_bindgen(method, js_name = putMeta)]
    fn put_meta(this: &JsStore, key: &str, value: JsValue) -> js_sys::Promise;
}

const PERSON_KEY: &str = "person";

pub struct IndexedDbStore {
    js: JsStore,
}

impl IndexedDbStore {
    pub fn new(js: JsStore) -> Self {
        IndexedDbStore { js }
    }
}

async fn settle(promise: js_sys::Promise) -> Result<JsValue, StoreError> {
    JsFuture::from(promise)
        .await
        .map_err(|e| StoreError(js_error_text(&e)))
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, StoreError> {
    serde_wasm_bindgen::to_value(value).map_err(|e| StoreError(e.to_string()))
}

impl RecordStore for IndexedDbStore {
    fn load<'a>(&'a self, me: &'a RecordId) -> LocalFuture<'a, Result<Loaded, StoreError>> {
        Box::pin(async move {
            let records = settle(self.js.goals_of(me.as_str())).await?;
            let mut loaded = Loaded::default();
            for record in js_sys::Array::from(&records).iter() {
                let goal = serde_wasm_bindgen::from_value::<StoredGoal>(record)
                    .map_err(|e| format!("goal record: {e}"))
                    .and_then(Goal::try_from);
                match goal {
                    Ok(goal) => loaded.records.push(Change::Goal(goal)),
                    Err(reason) => loaded.unreadable.push(reason),
                }
            }
            Ok(loaded)
        })
    }

    fn commit<'a>(&'a self, change: &'a Change) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let Change::Goal(goal) = change else {
                return Err(StoreError(format!(
                    "{} records are not stored on this device yet",
                    change.entity()
                )));
            };
            let record = to_js(&StoredGoal::from(goal))?;
            settle(self.js.put_goal(record)).await.map(drop)
        })
    }

    fn remembered_person(&self) -> LocalFuture<'_, Result<Option<Person>, StoreError>> {
        Box::pin(async move {
            let value = settle(self.js.get_meta(PERSON_KEY)).await?;
            if value.is_undefined() || value.is_null() {
                return Ok(None);
            }
            // A remembered person that cannot be read is treated as none: the widget then
            // asks the host again, which is always safe.
            Ok(serde_wasm_bindgen::from_value::<StoredPerson>(value)
                .ok()
                .and_then(|p| Person::try_from(p).ok()))
        })
    }

    fn remember_person<'a>(
        &'a self,
        person: &'a Person,
    ) -> LocalFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let record = to_js(&StoredPerson::from(person))?;
            settle(self.js.put_meta(PERSON_KEY, record)).await.map(drop)
        })
    }
}
