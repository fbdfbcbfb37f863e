//! One screen (or three different ones) mounted into a shadow root by one of four view
//! layers, to weigh each layer's fixed and per-screen cost in the wasm.

use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRootInit, ShadowRootMode};

#[cfg(not(feature = "leptos_view"))]
mod dom;

#[cfg(feature = "leptos_view")]
mod gen_leptos;
#[cfg(feature = "dom_rx")]
mod gen_rx;
#[cfg(feature = "dom_rx")]
mod rx;
#[cfg(feature = "dom_plain")]
mod gen_plain;
#[cfg(feature = "html_tpl")]
mod gen_tpl;

/// The form rule every screen uses: required and at most `max` characters.
pub(crate) fn check(v: &str, required: bool, max: usize, req: &str, long: &str) -> Option<String> {
    if required && v.is_empty() {
        Some(req.to_owned())
    } else if v.chars().count() > max {
        Some(long.to_owned())
    } else {
        None
    }
}

#[wasm_bindgen]
pub fn mount(host: Element) {
    let root = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .unwrap();
    #[cfg(feature = "leptos_view")]
    {
        use leptos::prelude::*;
        use wasm_bindgen::JsCast;
        let div = web_sys::window().unwrap().document().unwrap().create_element("div").unwrap();
        root.append_child(&div).unwrap();
        leptos::mount::mount_to(div.unchecked_into(), || {
            #[allow(unused_mut)]
            let mut screens: Vec<AnyView> = Vec::new();
            #[cfg(feature = "s1")]
            screens.push(view! { <gen_leptos::screen_a::Screen /> }.into_any());
            #[cfg(feature = "s2")]
            screens.push(view! { <gen_leptos::screen_b::Screen /> }.into_any());
            #[cfg(feature = "s3")]
            screens.push(view! { <gen_leptos::screen_c::Screen /> }.into_any());
            screens
        })
        .forget();
    }
    #[cfg(feature = "dom_rx")]
    {
        use leptos::prelude::*;
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let owner = Owner::new();
        owner.set();
        let _host = dom::screen_host(&root);
        #[cfg(feature = "s1")]
        gen_rx::screen_a::screen(&_host);
        #[cfg(feature = "s2")]
        gen_rx::screen_b::screen(&_host);
        #[cfg(feature = "s3")]
        gen_rx::screen_c::screen(&_host);
        std::mem::forget(owner);
    }
    #[cfg(feature = "dom_plain")]
    {
        let _host = dom::screen_host(&root);
        #[cfg(feature = "s1")]
        gen_plain::screen_a::screen(&_host);
        #[cfg(feature = "s2")]
        gen_plain::screen_b::screen(&_host);
        #[cfg(feature = "s3")]
        gen_plain::screen_c::screen(&_host);
    }
    #[cfg(feature = "html_tpl")]
    {
        let _host = dom::screen_host(&root);
        #[cfg(feature = "s1")]
        gen_tpl::screen_a::screen(&_host);
        #[cfg(feature = "s2")]
        gen_tpl::screen_b::screen(&_host);
        #[cfg(feature = "s3")]
        gen_tpl::screen_c::screen(&_host);
    }
    let _ = root;
}
