//! The object that `mentoring-widget.js` hands to `mount`: the host page's configuration plus
//! the browser services the JS side owns (IndexedDB, `fetch` with the browser's JSON parser).
//!
//! API boundary: the field names here are the contract with js/element.js.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone, Debug)]
    pub type HostEnv;

    /// BCP 47 language tag chosen by the host (`locale` attribute or the page's `lang`).
    #[wasm_bindgen(method, getter)]
    pub fn locale(this: &HostEnv) -> String;

    /// The id of the person the host page was rendered for (`person` attribute), if given.
    #[wasm_bindgen(method, getter)]
    pub fn person(this: &HostEnv) -> Option<String>;

    /// The screen to open on (`ui::screens::Screen::token`), when js/element.js mounts the
    /// widget again in another language.
    #[wasm_bindgen(method, getter)]
    pub fn screen(this: &HostEnv) -> Option<String>;

    /// A promise of the opened store (js/store.js), started before the wasm was instantiated.
    #[wasm_bindgen(method, getter)]
    pub fn store(this: &HostEnv) -> js_sys::Promise;

    /// One adapter call, `(method, path, body)` → `{status, body}`, through HTTP under
    /// `endpoint` or the host's own adapter object; bodies are parsed by the browser's JSON
    /// parser. Rejects only when the host could not be reached.
    #[wasm_bindgen(method)]
    pub fn request(this: &HostEnv, method: &str, path: &str, body: JsValue) -> js_sys::Promise;

    /// Connectivity, wake-ups, timers, the sync lock and word to other tabs.
    #[wasm_bindgen(method, getter)]
    pub fn platform(this: &HostEnv) -> super::platform::JsPlatform;

    /// Tells the element whom the widget works for (`confirmed`: the host said so just now);
    /// resolves once writes for a person confirmed again after signing out here are allowed.
    #[wasm_bindgen(method, catch, js_name = worksFor)]
    pub fn works_for(
        this: &HostEnv,
        person: &str,
        confirmed: bool,
    ) -> Result<js_sys::Promise, JsValue>;

    /// Tells the element the widget is interactive (it then dispatches `ready`).
    #[wasm_bindgen(method, js_name = onReady)]
    pub fn on_ready(this: &HostEnv);
}
