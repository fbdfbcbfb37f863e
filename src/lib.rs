//! The mentoring widget: Leptos components compiled to WebAssembly, mounted by
//! `mentoring-widget.js` (the custom element) into a shadow root of the host's page.
//!
//! Layers, and the only direction of dependency between them:
//! `ui` → `startup`, `edges` → `mentoring_core`. The core never sees the browser; `edges` are
//! the only modules that touch JS, storage or the network; `ui` shows state and emits commands.

pub mod edges;
pub mod schedule;
pub mod startup;
pub mod ui;

use wasm_bindgen::prelude::*;

/// What `mount` returns to JS; dropping what it holds unmounts the view and disposes every
/// signal, effect and listener the widget created.
#[wasm_bindgen]
pub struct WidgetHandle {
    mounted: Option<Box<dyn std::any::Any>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Removes the widget's view and releases its reactive graph. Safe to call once; the
    /// handle is consumed.
    pub fn unmount(mut self) {
        self.mounted.take();
    }
}

/// What a widget says in its place once taken down because its person signed out in another
/// tab (js/element.js `takeDown`), in the language of `locale` (the tag the page mounted it
/// with): kept with every other text.
#[wasm_bindgen(js_name = signedOutElsewhere)]
pub fn signed_out_elsewhere(locale: &str) -> String {
    let locale = ui::i18n::Locale::from_tag(locale);
    locale.text(ui::i18n::Text::SignedOutElsewhere).to_owned()
}

/// Mounts the widget into `container` (an element inside the widget's shadow root).
#[wasm_bindgen]
pub fn mount(container: web_sys::HtmlElement, host: edges::host::HostEnv) -> WidgetHandle {
    let services = ui::Services::from_host(host);
    let handle = leptos::mount::mount_to(container, move || ui::app(services));
    WidgetHandle {
        mounted: Some(Box::new(handle)),
    }
}
