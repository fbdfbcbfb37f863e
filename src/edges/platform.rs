//! What the sync engine needs from the page: connectivity, wake-ups, timers, one-tab-at-a-time
//! locking and word to other tabs. The JS side (js/element.js) owns every listener and timer
//! and removes them on unmount.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::LocalFuture;

/// Lets the next tab sync when called.
pub type Release = Box<dyn FnOnce()>;

pub trait Platform {
    fn online(&self) -> bool;
    /// Calls `wake` when the browser comes online or goes offline, or the page becomes visible.
    fn watch(&self, wake: Rc<dyn Fn()>);
    /// Calls `run` once, after `ms` milliseconds.
    fn later(&self, ms: u32, run: Rc<dyn Fn()>);
    /// `person`'s sync lock, or `None` when another tab (or widget) syncing for them holds it.
    fn try_lock<'a>(&'a self, person: &'a str) -> LocalFuture<'a, Option<Release>>;
    /// Tells other tabs and widgets `word`: stored data changed, or a sync ended well.
    fn broadcast(&self, word: &str);
    /// Calls `run` with the word another tab or widget broadcast.
    fn on_broadcast(&self, run: Rc<dyn Fn(String)>);
    /// Whether the widget is still mounted: a sync under way at unmount asks the host nothing
    /// more and stores nothing.
    fn live(&self) -> bool {
        true
    }
    /// Asks the browser to keep the widget's storage (Safari evicts idle sites' storage).
    fn persist(&self);
}

#[wasm_bindgen]
extern "C" {
    #[derive(Clone, Debug)]
    pub type JsPlatform;
    #[wasm_bindgen(method)]
    fn online(this: &JsPlatform) -> bool;
    #[wasm_bindgen(method)]
    fn watch(this: &JsPlatform, wake: &js_sys::Function);
    #[wasm_bindgen(method)]
    fn later(this: &JsPlatform, ms: u32, run: JsValue);
    #[wasm_bindgen(method, js_name = tryLock)]
    fn try_lock(this: &JsPlatform, person: &str) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn broadcast(this: &JsPlatform, word: &str);
    #[wasm_bindgen(method, js_name = onBroadcast)]
    fn on_broadcast(this: &JsPlatform, run: &js_sys::Function);
    #[wasm_bindgen(method)]
    fn live(this: &JsPlatform) -> bool;
    #[wasm_bindgen(method)]
    fn persist(this: &JsPlatform) -> js_sys::Promise;
}

type Heard = Closure<dyn Fn(String)>;

/// The page, through js/element.js.
pub struct BrowserPlatform {
    js: JsPlatform,
    /// Callbacks the page holds; freed with the widget, after the page let go of them.
    kept: RefCell<Vec<Closure<dyn Fn()>>>,
    /// The listener for other tabs' words, kept likewise.
    heard: RefCell<Option<Heard>>,
}

impl BrowserPlatform {
    pub fn new(js: JsPlatform) -> Self {
        BrowserPlatform {
            js,
            kept: RefCell::new(Vec::new()),
            heard: RefCell::new(None),
        }
    }

    fn keep(&self, run: Rc<dyn Fn()>) -> js_sys::Function {
        let closure = Closure::<dyn Fn()>::new(move || run());
        let function: js_sys::Function =
            closure.as_ref().unchecked_ref::<js_sys::Function>().clone();
        self.kept.borrow_mut().push(closure);
        function
    }
}

impl Platform for BrowserPlatform {
    fn online(&self) -> bool {
        self.js.online()
    }

    fn watch(&self, wake: Rc<dyn Fn()>) {
        self.js.watch(&self.keep(wake));
    }

    fn later(&self, ms: u32, run: Rc<dyn Fn()>) {
        self.js.later(ms, Closure::once_into_js(move || run()));
    }

    fn try_lock<'a>(&'a self, person: &'a str) -> LocalFuture<'a, Option<Release>> {
        Box::pin(async move {
            let release = JsFuture::from(self.js.try_lock(person)).await.ok()?;
            let release: js_sys::Function = release.dyn_into().ok()?;
            Some(Box::new(move || {
                let _ = release.call0(&JsValue::NULL);
            }) as Release)
        })
    }

    fn broadcast(&self, word: &str) {
        self.js.broadcast(word);
    }

    fn on_broadcast(&self, run: Rc<dyn Fn(String)>) {
        let closure = Closure::<dyn Fn(String)>::new(move |word| run(word));
        self.js.on_broadcast(closure.as_ref().unchecked_ref());
        *self.heard.borrow_mut() = Some(closure);
    }

    fn live(&self) -> bool {
        self.js.live()
    }

    fn persist(&self) {
        let _ = self.js.persist();
    }
}

/// A page with nothing to offer: always online, no wake-ups, no other tabs (for tests, and
/// for hosts that mount the widget somewhere without these browser features).
pub struct QuietPlatform;

impl Platform for QuietPlatform {
    fn online(&self) -> bool {
        true
    }
    fn watch(&self, _: Rc<dyn Fn()>) {}
    fn later(&self, _: u32, _: Rc<dyn Fn()>) {}
    fn try_lock<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Option<Release>> {
        Box::pin(async { Some(Box::new(|| {}) as Release) })
    }
    fn broadcast(&self, _: &str) {}
    fn on_broadcast(&self, _: Rc<dyn Fn(String)>) {}
    fn persist(&self) {}
}
