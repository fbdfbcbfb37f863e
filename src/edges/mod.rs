//! The edges: every module here talks to something outside the pure core (the JS side of the
//! widget, IndexedDB, the host's adapter, the clock). Each sits behind a small trait so the UI
//! can be driven by another implementation, and each is tested in a real browser
//! (tests/browser.rs).

pub mod adapter;
pub mod clock;
pub mod download;
pub mod host;
pub mod intl;
pub mod js_object;
pub mod platform;
pub mod store;
pub mod stored;

use std::future::Future;
use std::pin::Pin;

/// A future that stays on the browser's one thread (JS values are not `Send`).
pub type LocalFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// The readable text of a rejected JS promise or thrown value.
pub fn js_error_text(error: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    error
        .as_string()
        .unwrap_or_else(|| "an unknown error from the browser".to_owned())
}
