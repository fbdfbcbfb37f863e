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

/// Milliseconds from `performance.now()` (sub-millisecond where the browser allows), for
/// timing slices of work; `Date.now()` where there is no `performance`.
pub fn precise_now() -> f64 {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::JsCast;
    let performance = Reflect::get(&js_sys::global(), &"performance".into()).ok();
    performance
        .and_then(|p| {
            let now: Function = Reflect::get(&p, &"now".into()).ok()?.dyn_into().ok()?;
            now.call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

/// Lets the browser run what is waiting (input, rendering) before the caller carries on: a
/// task boundary through `setTimeout(0)`. Long work awaits this between slices so that no
/// main-thread task runs long.
pub async fn yield_to_page() {
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::JsCast;
    let promise = Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        let set_timeout = Reflect::get(&global, &"setTimeout".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok());
        match set_timeout {
            Some(set_timeout) => {
                let _ = set_timeout.call2(&global, &resolve, &0.into());
            }
            None => {
                let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
