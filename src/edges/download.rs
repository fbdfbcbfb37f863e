//! Saving a file the person asked for (an export) through the browser's download, from a
//! Blob, and printing the page (a printable report). Reached through `js_sys` reflection
//! rather than more `web-sys` bindings: five calls do not justify the bindings' size.

use std::cell::RefCell;

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::js_error_text;
use super::js_object::object;

thread_local! {
    /// The last download's object URL, released when the next one starts (releasing it at
    /// once can cancel the download in some browsers).
    static LAST_URL: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
}

fn call(target: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = get(target, method)?.dyn_into()?;
    function.apply(target, &args.iter().copied().collect::<Array>())
}

/// Offers `text` as a file called `name` of type `mime` (e.g. `text/csv`).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let run = || -> Result<(), JsValue> {
        let global: JsValue = js_sys::global().into();
        let blob_type: Function = get(&global, "Blob")?.dyn_into()?;
        let parts = Array::of1(&JsValue::from_str(text));
        let options = object(&[("type", JsValue::from_str(mime))]);
        let blob = Reflect::construct(&blob_type, &Array::of2(&parts, &options))?;
        let urls = get(&global, "URL")?;
        let href = call(&urls, "createObjectURL", &[&blob])?;
        if let Some(previous) = LAST_URL.with(|last| last.replace(Some(href.clone()))) {
            call(&urls, "revokeObjectURL", &[&previous])?;
        }
        let document = get(&global, "document")?;
        let link = call(&document, "createElement", &[&JsValue::from_str("a")])?;
        Reflect::set(&link, &"href".into(), &href)?;
        Reflect::set(&link, &"download".into(), &JsValue::from_str(name))?;
        call(&link, "click", &[])?;
        Ok(())
    };
    run().map_err(|e| js_error_text(&e))
}

/// Opens the browser's print dialogue for the page (the widget's stylesheet says what prints).
pub fn print() -> Result<(), String> {
    call(&js_sys::global().into(), "print", &[])
        .map(drop)
        .map_err(|e| js_error_text(&e))
}
