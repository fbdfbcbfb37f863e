//! Reactivity for the direct-DOM variant: each binding is one `Effect` (Leptos's
//! reactive_graph) that patches one node. Boxed closures keep every helper monomorphic.

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::{Element, Node, Text};

use crate::dom::*;

pub fn bind_text(t: Text, f: Box<dyn Fn() -> String>) {
    Effect::new(move |_| patch_text(&t, &f()));
}

pub fn bind_attr(e: Element, name: &'static str, f: Box<dyn Fn() -> String>) {
    Effect::new(move |_| patch_attr(&e, name, &f()));
}

pub fn bind_value(e: Element, f: Box<dyn Fn() -> String>) {
    Effect::new(move |_| patch_value(&e, &f()));
}

pub fn bind_checked(e: Element, f: Box<dyn Fn() -> bool>) {
    Effect::new(move |_| set_prop(&e, "checked", &JsValue::from_bool(f())));
}

/// `Show`: the element is put before `anchor` while `f` holds.
pub fn bind_show(anchor: Node, e: Element, f: Box<dyn Fn() -> bool>) {
    Effect::new(move |_| show(&anchor, &e, f()));
}

/// A keyed list: rows made once per key (each under an owner of its own, disposed with the
/// row), kept in the order of `ids`.
pub fn keyed_list(parent: Node, ids: Box<dyn Fn() -> Vec<u32>>, make: Box<dyn Fn(u32) -> Element>) {
    let owner = Owner::current().expect("an owner");
    let mut items: Vec<(u32, Element, Owner)> = Vec::new();
    Effect::new(move |_| {
        let ids = ids();
        items.retain(|(id, li, o)| {
            let keep = ids.contains(id);
            if !keep {
                li.remove();
                o.cleanup();
            }
            keep
        });
        let mut ordered = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some((_, li, _)) = items.iter().find(|x| x.0 == id) {
                ordered.push(li.clone());
                continue;
            }
            let child = owner.child();
            let li = child.with(|| untrack(|| make(id)));
            items.push((id, li.clone(), child));
            ordered.push(li);
        }
        reorder(&parent, &ordered);
    });
}
