//! The object that `mentoring-widget.js` hands to `mount`: the host page's configuration plus
//! the browser services the JS side owns (IndexedDB, `fetch` with the browser's JSON parser).
//!
//! API boundary: the field names here are the contract with js/element.js.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone, Debug)]
    pub type HostEnv;

    /// Base URL of the host adapter, without a trailing slash.
    #[wasm_bindgen(method, getter)]
    pub fn endpoint(this: &HostEnv) -> String;

    /// BCP 47 language tag chosen by the host (`locale` attribute or the page's `lang`).
    #[wasm_bindgen(method, getter)]
    pub fn locale(this: &HostEnv) -> String;

    /// A promise of the opened store (js/store.js), started before the wasm was instantiated.
    #[wasm_bindgen(method, getter)]
    pub fn store(this: &HostEnv) -> js_sys::Promise;

    /// `fetch(url)` parsed with the browser's JSON parser: resolves to `{status, body}`,
    /// rejects only when the host could not be reached.
    #[wasm_bindgen(method, js_name = fetchJson)]
    pub fn fetch_json(this: &HostEnv, url: &str) -> js_sys::Promise;

    /// Tells the element the widget is interactive (it then dispatches `ready`).
    #[wasm_bindgen(method, js_name = onReady)]
    pub fn on_ready(this: &HostEnv);
}
