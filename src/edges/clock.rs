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
