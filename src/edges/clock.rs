//! The clock and a source of randomness, read from the browser.
//!
//! `std::time::SystemTime::now()` panics on wasm32-unknown-unknown, so time comes from
//! `Date.now()` behind a trait the core never sees.

use mentoring_core::Millis;

pub trait Clock {
    fn now(&self) -> Millis;
    /// 64 bits for minting record ids; uniqueness matters here, secrecy does not.
    fn entropy(&self) -> u64;
}

pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now(&self) -> Millis {
        Millis(js_sys::Date::now() as i64)
    }

    fn entropy(&self) -> u64 {
        let half = || (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
        (half() << 32) | half()
    }
}

/// The time of day of `at` as the browser shows it for `locale` (e.g. "14:05").
pub fn local_time(at: Millis, locale: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.0 as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"hour".into(), &"2-digit".into());
    let _ = js_sys::Reflect::set(&options, &"minute".into(), &"2-digit".into());
    String::from(date.to_locale_time_string_with_options(locale, &options))
}
