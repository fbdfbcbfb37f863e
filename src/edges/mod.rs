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

/// Writes `text` to the browser's console as a warning: details for the host's team that are
/// not the person's to read. Through reflection, as `download` does: one call does not justify
/// the bindings.
pub fn console_warn(text: &str) {
    use wasm_bindgen::{JsCast, JsValue};
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &JsValue::from_str(key));
    let global: JsValue = js_sys::global().into();
    if let Ok(console) = get(&global, "console") {
        if let Ok(warn) = get(&console, "warn").and_then(|w| w.dyn_into::<js_sys::Function>()) {
            let _ = warn.call1(&console, &JsValue::from_str(text));
        }
    }
}
