//! A small JSON writer (the core has no dependencies): objects, arrays, text, whole numbers,
//! booleans and null, with strings escaped as RFC 8259 requires.

/// A JSON document being written. The caller nests `begin_*` and `end_*` correctly; commas are
/// placed here.
#[derive(Default)]
pub struct JsonWriter {
    out: String,
    /// Per open object or array: whether a value was written in it yet.
    has_value: Vec<bool>,
    after_key: bool,
}

impl JsonWriter {
    pub fn new() -> JsonWriter {
        JsonWriter::default()
    }

    fn before_value(&mut self) {
        if self.after_key {
            self.after_key = false;
            return;
        }
        if let Some(has) = self.has_value.last_mut() {
            if *has {
                self.out.push(',');
            }
            *has = true;
        }
    }

    pub fn begin_object(&mut self) -> &mut Self {
        self.before_value();
        self.out.push('{');
        self.has_value.push(false);
        self
    }

    pub fn end_object(&mut self) -> &mut Self {
        self.has_value.pop();
        self.out.push('}');
        self
    }

    pub fn begin_array(&mut self) -> &mut Self {
        self.before_value();
        self.out.push('[');
        self.has_value.push(false);
        self
    }

    pub fn end_array(&mut self) -> &mut Self {
        self.has_value.pop();
        self.out.push(']');
        self
    }

    /// A key of the object being written; its value comes next.
    pub fn key(&mut self, key: &str) -> &mut Self {
        self.before_value();
        write_string(&mut self.out, key);
        self.out.push(':');
        self.after_key = true;
        self
    }

    pub fn string(&mut self, value: &str) -> &mut Self {
        self.before_value();
        write_string(&mut self.out, value);
        self
    }

    pub fn int(&mut self, value: i64) -> &mut Self {
        self.before_value();
        self.out.push_str(&value.to_string());
        self
    }

    pub fn bool(&mut self, value: bool) -> &mut Self {
        self.before_value();
        self.out.push_str(if value { "true" } else { "false" });
        self
    }

    pub fn null(&mut self) -> &mut Self {
        self.before_value();
        self.out.push_str("null");
        self
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            // Valid JSON either way; escaped so the text is also safe inside a script.
            c if c < ' ' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
