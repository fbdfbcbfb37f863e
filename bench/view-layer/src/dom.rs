//! A tiny, generic-free DOM builder over web-sys, shared by the direct-DOM variants.
#![allow(dead_code)]
//! Every function takes concrete types (`&str`, `&Element`, boxed closures), so each is
//! compiled once however many screens use it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, Node, Text};

thread_local! {
    static DOC: Document = web_sys::window().unwrap().document().unwrap();
}

pub fn doc() -> Document {
    DOC.with(Clone::clone)
}

/// A new element, not yet placed.
pub fn el(tag: &str) -> Element {
    doc().create_element(tag).unwrap()
}

/// A new element appended to `parent`.
pub fn child(parent: &Node, tag: &str) -> Element {
    let e = el(tag);
    parent.append_child(&e).unwrap();
    e
}

/// A new element with a class, appended to `parent`.
pub fn child_c(parent: &Node, tag: &str, class: &str) -> Element {
    let e = child(parent, tag);
    attr(&e, "class", class);
    e
}

pub fn attr(e: &Element, name: &str, value: &str) {
    e.set_attribute(name, value).unwrap();
}

/// Sets an attribute only when it differs (render-by-patch variants).
pub fn patch_attr(e: &Element, name: &str, value: &str) {
    if e.get_attribute(name).as_deref() != Some(value) {
        attr(e, name, value);
    }
}

/// A text node appended to `parent`.
pub fn text(parent: &Node, s: &str) -> Text {
    let t = doc().create_text_node(s);
    parent.append_child(&t).unwrap();
    t
}

pub fn patch_text(t: &Text, s: &str) {
    if t.data() != s {
        t.set_data(s);
    }
}

/// An element with only static text in it.
pub fn child_text(parent: &Node, tag: &str, class: &str, s: &str) -> Element {
    let e = child_c(parent, tag, class);
    text(&e, s);
    e
}

/// An empty comment: where a conditional element is put back.
pub fn anchor(parent: &Node) -> Node {
    let c: Node = doc().create_comment("").into();
    parent.append_child(&c).unwrap();
    c
}

/// Puts `e` just before `anchor`, or takes it out.
pub fn show(anchor: &Node, e: &Element, shown: bool) {
    let there = e.parent_node().is_some();
    if shown && !there {
        anchor.parent_node().unwrap().insert_before(e, Some(anchor)).unwrap();
    } else if !shown && there {
        e.remove();
    }
}

/// A JS property (`value`, `checked`) by name.
pub fn set_prop(e: &Element, name: &str, value: &JsValue) {
    js_sys::Reflect::set(e, &JsValue::from_str(name), value).unwrap();
}

pub fn get_prop(e: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(e, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Sets `value` only when it differs, so typing keeps its caret.
pub fn patch_value(e: &Element, value: &str) {
    if get_prop(e, "value").as_string().as_deref() != Some(value) {
        set_prop(e, "value", &JsValue::from_str(value));
    }
}

pub fn patch_checked(e: &Element, value: bool) {
    if get_prop(e, "checked").as_bool() != Some(value) {
        set_prop(e, "checked", &JsValue::from_bool(value));
    }
}

pub fn target(ev: &Event) -> JsValue {
    ev.target().map(JsValue::from).unwrap_or(JsValue::UNDEFINED)
}

pub fn target_value(ev: &Event) -> String {
    get_prop(&target(ev), "value").as_string().unwrap_or_default()
}

pub fn target_checked(ev: &Event) -> bool {
    get_prop(&target(ev), "checked").as_bool().unwrap_or(false)
}

/// A listener kept alive as long as the returned handle.
pub struct Listener(#[allow(dead_code)] Closure<dyn FnMut(Event)>);

pub fn listen(e: &Element, event: &str, f: Box<dyn FnMut(Event)>) -> Listener {
    let c = Closure::wrap(f);
    e.add_event_listener_with_callback(event, c.as_ref().unchecked_ref()).unwrap();
    Listener(c)
}

/// A listener for the element's whole life.
pub fn on(e: &Element, event: &str, f: Box<dyn FnMut(Event)>) {
    std::mem::forget(listen(e, event, f));
}

/// Reorders `parent`'s children to `wanted` moving only what is out of place (a moved node
/// loses focus, so nodes already in order stay put).
pub fn reorder(parent: &Node, wanted: &[Element]) {
    let mut cursor = parent.first_child();
    for e in wanted {
        let node: &Node = e;
        if cursor.as_ref() == Some(node) {
            cursor = node.next_sibling();
        } else {
            parent.insert_before(node, cursor.as_ref()).unwrap();
        }
    }
}

/// The labelled field frame every variant builds the same way: `<div class="mw-row"><label>`.
pub fn field_frame(form: &Node, id: &str, label: &str) -> Element {
    let row = child_c(form, "div", "mw-row");
    let l = child_text(&row, "label", "mw-field", label);
    attr(&l, "for", id);
    row
}

/// An input or textarea with its error line: `(control, error text node)`.
pub fn text_control(row: &Element, tag: &str, id: &str) -> (Element, Text) {
    let c = child(row, tag);
    attr(&c, "id", id);
    if tag == "input" {
        attr(&c, "type", "text");
    } else {
        attr(&c, "rows", "4");
    }
    attr(&c, "dir", "auto");
    let err_id = format!("{id}-error");
    attr(&c, "aria-describedby", &err_id);
    attr(&c, "aria-invalid", "false");
    let p = child_c(row, "p", "mw-error");
    attr(&p, "id", &err_id);
    attr(&p, "role", "alert");
    let t = text(&p, "");
    (c, t)
}

pub fn select_control(row: &Element, id: &str, options: &[&str]) -> Element {
    let s = child(row, "select");
    attr(&s, "id", id);
    for o in options {
        let opt = child(&s, "option");
        attr(&opt, "value", o);
        text(&opt, o);
    }
    s
}

pub fn checkbox_control(form: &Node, id: &str, label: &str) -> Element {
    let l = child_c(form, "label", "mw-option");
    let c = child(&l, "input");
    attr(&c, "id", id);
    attr(&c, "type", "checkbox");
    let span = child(&l, "span");
    text(&span, label);
    c
}

/// Text for HTML: `&`, `<`, `>`, `"`, `'` escaped.
pub fn escape(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The shadow root's container for one screen.
pub fn screen_host(root: &Node) -> Element {
    child(root, "div")
}

pub fn closest(target: &JsValue, selector: &str) -> Option<Element> {
    target.dyn_ref::<Element>()?.closest(selector).ok()?
}
