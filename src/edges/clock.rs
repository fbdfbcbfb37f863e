//! The clock, a source of randomness and time zones, read from the browser.
//!
//! `std::time::SystemTime::now()` panics on wasm32-unknown-unknown, so time comes from
//! `Date.now()` behind a trait the core never sees; zone rules come from `Intl`.

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

/// Time zones, as the browser's `Intl` knows them. The core does the arithmetic
/// (`mentoring_core::session::instant_at_wall_clock`); only the zone rules come from here.
pub mod zone {
    use js_sys::{Array, Function, Object, Reflect};
    use mentoring_core::{Date, Millis};
    use wasm_bindgen::{JsCast, JsValue};

    fn formatter(locale: &str, zone: &str, options: &[(&str, &str)]) -> Option<JsValue> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let constructor: Function = Reflect::get(&intl, &"DateTimeFormat".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let settings = Object::new();
        if !zone.is_empty() {
            Reflect::set(&settings, &"timeZone".into(), &zone.into()).ok()?;
        }
        for (key, value) in options {
            Reflect::set(&settings, &(*key).into(), &(*value).into()).ok()?;
        }
        // A zone the browser does not know throws a RangeError: `construct` catches it.
        Reflect::construct(&constructor, &Array::of2(&locale.into(), &settings)).ok()
    }

    fn call(this: &JsValue, method: &str, argument: &JsValue) -> Option<JsValue> {
        let function: Function = Reflect::get(this, &method.into()).ok()?.dyn_into().ok()?;
        function.call1(this, argument).ok()
    }

    fn js_date(at: Millis) -> js_sys::Date {
        js_sys::Date::new(&JsValue::from_f64(at.0 as f64))
    }

    /// The browser's own zone, e.g. "Europe/London".
    pub fn browser() -> String {
        formatter("en-US", "", &[])
            .and_then(|f| call(&f, "resolvedOptions", &JsValue::UNDEFINED))
            .and_then(|o| Reflect::get(&o, &"timeZone".into()).ok())
            .and_then(|z| z.as_string())
            .unwrap_or_else(|| "UTC".to_owned())
    }

    pub fn is_known(zone: &str) -> bool {
        !zone.trim().is_empty() && formatter("en-US", zone, &[]).is_some()
    }

    /// The zone's offset from UTC at `at`, in minutes east (0 for a zone the browser lacks).
    pub fn offset_minutes(at: Millis, zone: &str) -> i32 {
        let parts = formatter(
            "en-US",
            zone,
            &[
                ("hourCycle", "h23"),
                ("year", "numeric"),
                ("month", "2-digit"),
                ("day", "2-digit"),
                ("hour", "2-digit"),
                ("minute", "2-digit"),
                ("second", "2-digit"),
            ],
        )
        .and_then(|f| call(&f, "formatToParts", &js_date(at)));
        let Some(parts) = parts.and_then(|p| p.dyn_into::<Array>().ok()) else {
            return 0;
        };
        let mut fields = [0i64; 6];
        for part in parts.iter() {
            let get = |key: &str| {
                Reflect::get(&part, &key.into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            let at = match get("type").as_str() {
                "year" => 0,
                "month" => 1,
                "day" => 2,
                "hour" => 3,
                "minute" => 4,
                "second" => 5,
                _ => continue,
            };
            fields[at] = get("value").parse().unwrap_or(0);
        }
        let [year, month, day, hour, minute, second] = fields;
        let Some(date) = Date::from_ymd(year as i32, month as u32, day as u32) else {
            return 0;
        };
        let wall =
            i64::from(date.0) * 86_400_000 + ((hour % 24 * 60 + minute) * 60 + second) * 1000;
        let at_second = at.0.div_euclid(1000) * 1000;
        ((wall - at_second) / 60_000) as i32
    }
}
