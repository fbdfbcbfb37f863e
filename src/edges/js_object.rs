//! Reading and writing plain JS objects field by field.
//!
//! The browser already parsed the JSON (`Response.json()`, IndexedDB's structured clone); a
//! derive-based deserialiser would add tens of KiB of generic code to the wasm for the same
//! job (docs/performance.md). Every reader says which field was wrong, and where.
//!
//! The readers work on any [`WireValue`]: in the widget that is `JsValue` (the only
//! instantiation in the wasm, so reading stays one copy of the code); natively it is [`Json`],
//! which the tests and the fuzz target (fuzz/) build from text, so the decoders of what the
//! host sends are tested and fuzzed without a browser.

use wasm_bindgen::JsValue;

/// A parsed JSON value as the decoders see it.
pub trait WireValue: Sized {
    /// The value under `key` when this is an object that has it; otherwise "nothing".
    fn field(&self, key: &str) -> Self;
    /// null, or absent.
    fn is_nothing(&self) -> bool;
    /// An object that is not a list.
    fn is_object(&self) -> bool;
    fn as_text(&self) -> Option<String>;
    fn as_number(&self) -> Option<f64>;
    fn as_boolean(&self) -> Option<bool>;
    /// The items, when this is a list.
    fn as_items(&self) -> Option<Vec<Self>>;
}

impl WireValue for JsValue {
    fn field(&self, key: &str) -> JsValue {
        js_sys::Reflect::get(self, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }
    fn is_nothing(&self) -> bool {
        self.is_null() || self.is_undefined()
    }
    fn is_object(&self) -> bool {
        JsValue::is_object(self) && !js_sys::Array::is_array(self)
    }
    fn as_text(&self) -> Option<String> {
        self.as_string()
    }
    fn as_number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn as_boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn as_items(&self) -> Option<Vec<JsValue>> {
        js_sys::Array::is_array(self).then(|| js_sys::Array::from(self).iter().collect())
    }
}

/// A JSON value outside the browser: for native tests and the fuzz target. Not in the wasm.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Json>),
    /// Fields in the order written; the first of a repeated key counts, as `field` finds it.
    Object(Vec<(String, Json)>),
}

#[cfg(not(target_arch = "wasm32"))]
impl WireValue for Json {
    fn field(&self, key: &str) -> Json {
        match self {
            Json::Object(fields) => fields
                .iter()
                .find(|(k, _)| k == key)
                .map_or(Json::Null, |(_, v)| v.clone()),
            _ => Json::Null,
        }
    }
    fn is_nothing(&self) -> bool {
        matches!(self, Json::Null)
    }
    fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }
    fn as_text(&self) -> Option<String> {
        match self {
            Json::Text(t) => Some(t.clone()),
            _ => None,
        }
    }
    fn as_number(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }
    fn as_boolean(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn as_items(&self) -> Option<Vec<Json>> {
        match self {
            Json::List(items) => Some(items.clone()),
            _ => None,
        }
    }
}

/// The largest whole number a JSON number holds exactly (2^53 − 1).
const EXACT_INT_MAX: f64 = 9_007_199_254_740_991.0;

/// A whole number, if `value` is one that JSON holds exactly.
pub fn whole_number(value: f64) -> Option<i64> {
    (value.fract() == 0.0 && value.abs() <= EXACT_INT_MAX).then_some(value as i64)
}

/// An object being read; `what` says where it is in the reply, for error messages.
pub struct JsObject<'a, V = JsValue> {
    value: &'a V,
    what: String,
}

impl<'a, V: WireValue> JsObject<'a, V> {
    pub fn new(value: &'a V, what: &str) -> Result<JsObject<'a, V>, String> {
        if value.is_object() {
            Ok(JsObject {
                value,
                what: what.to_owned(),
            })
        } else {
            Err(format!("{what} is not an object"))
        }
    }

    /// Where this object is, to name what is inside it (`directory people[3]`).
    pub fn at(&self, key: &str, index: usize) -> String {
        format!("{} {key}[{index}]", self.what)
    }

    pub fn get(&self, key: &str) -> V {
        self.value.field(key)
    }

    fn fail(&self, key: &str, expected: &str) -> String {
        format!("{} field {key:?} should be {expected}", self.what)
    }

    /// A text field that may be absent or null.
    pub fn opt_text(&self, key: &str) -> Result<Option<String>, String> {
        let value = self.get(key);
        if value.is_nothing() {
            return Ok(None);
        }
        value
            .as_text()
            .map(Some)
            .ok_or_else(|| self.fail(key, "a text"))
    }

    pub fn text(&self, key: &str) -> Result<String, String> {
        self.opt_text(key)?.ok_or_else(|| self.fail(key, "a text"))
    }

    /// A text field where absent means empty.
    pub fn text_or_empty(&self, key: &str) -> Result<String, String> {
        Ok(self.opt_text(key)?.unwrap_or_default())
    }

    pub fn opt_int(&self, key: &str) -> Result<Option<i64>, String> {
        let value = self.get(key);
        if value.is_nothing() {
            return Ok(None);
        }
        match value.as_number().and_then(whole_number) {
            Some(n) => Ok(Some(n)),
            None => Err(self.fail(key, "a whole number")),
        }
    }

    pub fn int(&self, key: &str) -> Result<i64, String> {
        self.opt_int(key)?
            .ok_or_else(|| self.fail(key, "a whole number"))
    }

    pub fn bool_or(&self, key: &str, default: bool) -> Result<bool, String> {
        let value = self.get(key);
        if value.is_nothing() {
            return Ok(default);
        }
        value
            .as_boolean()
            .ok_or_else(|| self.fail(key, "true or false"))
    }

    /// A list field (absent means empty), as its items.
    pub fn items(&self, key: &str) -> Result<Vec<V>, String> {
        let value = self.get(key);
        if value.is_nothing() {
            return Ok(Vec::new());
        }
        value.as_items().ok_or_else(|| self.fail(key, "a list"))
    }

    /// A list of texts (absent means empty).
    pub fn texts(&self, key: &str) -> Result<Vec<String>, String> {
        self.items(key)?
            .into_iter()
            .map(|item| {
                item.as_text()
                    .ok_or_else(|| self.fail(key, "a list of texts"))
            })
            .collect()
    }
}

/// A plain object with these fields.
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

pub fn texts(items: &[String]) -> JsValue {
    items
        .iter()
        .map(|i| JsValue::from_str(i))
        .collect::<js_sys::Array>()
        .into()
}
