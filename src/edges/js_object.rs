//! Reading and writing plain JS objects field by field.
//!
//! The browser already parsed the JSON (`Response.json()`, IndexedDB's structured clone); a
//! derive-based deserialiser would add tens of KiB of generic code to the wasm for the same
//! job (docs/performance.md). Every reader says which field was wrong.

use wasm_bindgen::JsValue;

/// A JS object being read; `what` names it in error messages.
pub struct JsObject<'a> {
    value: &'a JsValue,
    what: &'a str,
}

impl<'a> JsObject<'a> {
    pub fn new(value: &'a JsValue, what: &'a str) -> Result<JsObject<'a>, String> {
        if value.is_object() && !js_sys::Array::is_array(value) {
            Ok(JsObject { value, what })
        } else {
            Err(format!("{what} is not an object"))
        }
    }

    pub fn get(&self, key: &str) -> JsValue {
        js_sys::Reflect::get(self.value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    fn fail(&self, key: &str, expected: &str) -> String {
        format!("{} field {key:?} should be {expected}", self.what)
    }

    /// A text field that may be absent or null.
    pub fn opt_text(&self, key: &str) -> Result<Option<String>, String> {
        let value = self.get(key);
        if value.is_null() || value.is_undefined() {
            return Ok(None);
        }
        value
            .as_string()
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
        if value.is_null() || value.is_undefined() {
            return Ok(None);
        }
        match value.as_f64() {
            Some(n) if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0 => Ok(Some(n as i64)),
            _ => Err(self.fail(key, "a whole number")),
        }
    }

    pub fn int(&self, key: &str) -> Result<i64, String> {
        self.opt_int(key)?
            .ok_or_else(|| self.fail(key, "a whole number"))
    }

    pub fn bool_or(&self, key: &str, default: bool) -> Result<bool, String> {
        let value = self.get(key);
        if value.is_null() || value.is_undefined() {
            return Ok(default);
        }
        value
            .as_bool()
            .ok_or_else(|| self.fail(key, "true or false"))
    }

    /// An array field (absent means empty), as its items.
    pub fn items(&self, key: &str) -> Result<Vec<JsValue>, String> {
        let value = self.get(key);
        if value.is_null() || value.is_undefined() {
            return Ok(Vec::new());
        }
        if !js_sys::Array::is_array(&value) {
            return Err(self.fail(key, "a list"));
        }
        Ok(js_sys::Array::from(&value).iter().collect())
    }

    /// A list of texts (absent means empty).
    pub fn texts(&self, key: &str) -> Result<Vec<String>, String> {
        self.items(key)?
            .into_iter()
            .map(|item| {
                item.as_string()
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
