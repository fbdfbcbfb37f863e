//! Saving a file the person asked for (an export) through the browser's download, from a
//! Blob, and printing a printable report without the host page around it. Reached through
//! `js_sys` reflection rather than more `web-sys` bindings: a few calls do not justify the
//! bindings' size.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::closure::Closure;
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

/// Opens the browser's print dialogue for the page. What prints is said by the widget's
/// stylesheet inside it and, while a [`PrintOnly`] watches, by [`prepare_print`] outside it.
pub fn print() -> Result<(), String> {
    call(&js_sys::global().into(), "print", &[])
        .map(drop)
        .map_err(|e| js_error_text(&e))
}

/// The attribute that marks the widget's element on the host's page while it prints.
pub const PRINTING_ATTRIBUTE: &str = "data-mw-printing";

/// The host page's furniture hidden on paper, the widget's element and the elements around it
/// kept, stripped of whatever would clip or push the widget (a sidebar's width, a scrolling
/// panel, a fixed header's offset). Adopted on the host's document only while it prints: the
/// page must not be changed otherwise, and a constructable stylesheet passes a strict CSP
/// (`style-src 'self'`) where a `<style>` element or a style attribute would not.
pub const PRINT_ONLY_CSS: &str = "@media print {\
body :not([data-mw-printing], [data-mw-printing] *, :has([data-mw-printing])) { display: none !important; }\
:has([data-mw-printing]) { visibility: hidden !important; }\
:has([data-mw-printing]), [data-mw-printing] { display: block !important; position: static !important; \
float: none !important; width: auto !important; max-width: none !important; height: auto !important; \
max-height: none !important; overflow: visible !important; margin: 0 !important; padding: 0 !important; \
border: 0 !important; box-shadow: none !important; background: none !important; transform: none !important; }\
[data-mw-printing] { visibility: visible !important; }\
}";

thread_local! {
    /// Built once and reused: the same sheet is adopted and removed at each print.
    static PRINT_SHEET: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

fn print_sheet() -> Result<JsValue, JsValue> {
    if let Some(sheet) = PRINT_SHEET.with(|s| s.borrow().clone()) {
        return Ok(sheet);
    }
    let constructor: Function = get(&js_sys::global().into(), "CSSStyleSheet")?.dyn_into()?;
    let sheet = Reflect::construct(&constructor, &Array::new())?;
    call(&sheet, "replaceSync", &[&JsValue::from_str(PRINT_ONLY_CSS)])?;
    PRINT_SHEET.with(|s| *s.borrow_mut() = Some(sheet.clone()));
    Ok(sheet)
}

/// The element the host placed the widget in: the shadow root's host of `inside`, or
/// `inside` itself when it is in no shadow root.
fn widget_element(inside: &JsValue) -> Result<JsValue, JsValue> {
    let root = call(inside, "getRootNode", &[])?;
    let host = get(&root, "host")?;
    Ok(if host.is_object() {
        host
    } else {
        inside.clone()
    })
}

/// What [`prepare_print`] changed on the host's page, until [`PreparedPrint::restore`].
pub struct PreparedPrint {
    document: JsValue,
    element: JsValue,
    sheet: JsValue,
}

/// Makes the host's page print the widget that holds `inside` and nothing else: marks the
/// widget's element and adopts [`PRINT_ONLY_CSS`] on the host's document.
pub fn prepare_print(inside: &JsValue) -> Result<PreparedPrint, String> {
    let run = || -> Result<PreparedPrint, JsValue> {
        let element = widget_element(inside)?;
        let document = get(&element, "ownerDocument")?;
        let sheet = print_sheet()?;
        let adopted = Array::from(&get(&document, "adoptedStyleSheets")?);
        if !adopted.includes(&sheet, 0) {
            adopted.push(&sheet);
            Reflect::set(&document, &"adoptedStyleSheets".into(), &adopted)?;
        }
        call(
            &element,
            "setAttribute",
            &[&PRINTING_ATTRIBUTE.into(), &JsValue::from_str("")],
        )?;
        Ok(PreparedPrint {
            document,
            element,
            sheet,
        })
    };
    run().map_err(|e| js_error_text(&e))
}

impl PreparedPrint {
    /// Leaves the host's page as it was before [`prepare_print`].
    pub fn restore(self) {
        let _ = call(
            &self.element,
            "removeAttribute",
            &[&PRINTING_ATTRIBUTE.into()],
        );
        if let Ok(adopted) = get(&self.document, "adoptedStyleSheets") {
            let kept: Array = Array::from(&adopted)
                .iter()
                .filter(|s| s != &self.sheet)
                .collect();
            let _ = Reflect::set(&self.document, &"adoptedStyleSheets".into(), &kept);
        }
    }
}

type Listener = Closure<dyn FnMut()>;

/// While it lives, printing the page (the report's Print button, or the browser's own menu)
/// prints the widget alone: [`prepare_print`] on `beforeprint`, restored on `afterprint` and
/// when it is dropped. `find` gives an element inside the widget at the time of printing.
pub struct PrintOnly {
    listeners: Vec<(&'static str, Listener)>,
    prepared: Rc<RefCell<Option<PreparedPrint>>>,
}

impl PrintOnly {
    pub fn watch(find: impl Fn() -> Option<JsValue> + 'static) -> PrintOnly {
        let prepared = Rc::new(RefCell::new(None::<PreparedPrint>));
        let before = {
            let prepared = prepared.clone();
            Listener::new(move || {
                let Some(inside) = find() else { return };
                if prepared.borrow().is_some() {
                    return;
                }
                match prepare_print(&inside) {
                    Ok(done) => *prepared.borrow_mut() = Some(done),
                    // The report still prints, with the host's page around it.
                    Err(e) => super::console_warn(&format!("printing the report alone: {e}")),
                }
            })
        };
        let after = {
            let prepared = prepared.clone();
            Listener::new(move || {
                if let Some(done) = prepared.borrow_mut().take() {
                    done.restore();
                }
            })
        };
        let listeners = vec![("beforeprint", before), ("afterprint", after)];
        let global: JsValue = js_sys::global().into();
        for (event, listener) in &listeners {
            let _ = call(
                &global,
                "addEventListener",
                &[&JsValue::from_str(event), listener.as_ref()],
            );
        }
        PrintOnly {
            listeners,
            prepared,
        }
    }
}

impl Drop for PrintOnly {
    fn drop(&mut self) {
        let global: JsValue = js_sys::global().into();
        for (event, listener) in &self.listeners {
            let _ = call(
                &global,
                "removeEventListener",
                &[&JsValue::from_str(event), listener.as_ref()],
            );
        }
        if let Some(done) = self.prepared.borrow_mut().take() {
            done.restore();
        }
    }
}

/// While it lives, closing or reloading the page makes the browser ask first (`beforeunload`):
/// a form holds changes not saved yet. Dropped, the listener goes with it, so a widget without
/// unsaved changes, or unmounted, leaves nothing on the page.
pub struct WarnBeforeUnload {
    listener: Closure<dyn FnMut(web_sys::Event)>,
}

impl WarnBeforeUnload {
    pub fn start() -> WarnBeforeUnload {
        let listener = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
            event.prevent_default();
            // Browsers before the standard's `preventDefault` ask only when it is set.
            let _ = Reflect::set(&event, &"returnValue".into(), &"".into());
        });
        let global: JsValue = js_sys::global().into();
        let _ = call(
            &global,
            "addEventListener",
            &[&"beforeunload".into(), listener.as_ref()],
        );
        WarnBeforeUnload { listener }
    }
}

impl Drop for WarnBeforeUnload {
    fn drop(&mut self) {
        let global: JsValue = js_sys::global().into();
        let _ = call(
            &global,
            "removeEventListener",
            &[&"beforeunload".into(), self.listener.as_ref()],
        );
    }
}
