//! Dates, times, numbers, time-zone names and plural categories, written the way the browser's
//! `Intl` writes them for a locale and a time zone. The UI reaches this only through
//! `ui::i18n::Locale` (`locale.date(…)`, `locale.count(…)`), so a view never formats a date or
//! a number by hand.
//!
//! Off the browser (native unit tests) there is no `Intl`: dates fall back to ISO 8601, numbers
//! to plain digits and plural categories to the CLDR rules of the widget's two languages, so the
//! UI's texts are testable natively. tests/browser_arabic.rs checks that those rules agree
//! with the browser's `Intl.PluralRules`.

use mentoring_core::{Date, Millis};

/// A CLDR plural category: which form of a counted word a number takes. English uses `One`
/// and `Other`; Arabic all six.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    pub const ALL: [Plural; 6] = [
        Plural::Zero,
        Plural::One,
        Plural::Two,
        Plural::Few,
        Plural::Many,
        Plural::Other,
    ];

    /// The category `Intl.PluralRules#select` names.
    pub fn from_name(name: &str) -> Plural {
        match name {
            "zero" => Plural::Zero,
            "one" => Plural::One,
            "two" => Plural::Two,
            "few" => Plural::Few,
            "many" => Plural::Many,
            _ => Plural::Other,
        }
    }
}

fn is_arabic(tag: &str) -> bool {
    tag == "ar" || tag.starts_with("ar-")
}

/// The CLDR cardinal rules for whole numbers in the widget's languages: Arabic (zero, one, two,
/// few for 3–10, many for 11–99, by the last two digits) and English (one, other).
pub fn cldr_plural(n: u64, tag: &str) -> Plural {
    if !is_arabic(tag) {
        return if n == 1 { Plural::One } else { Plural::Other };
    }
    match (n, n % 100) {
        (0, _) => Plural::Zero,
        (1, _) => Plural::One,
        (2, _) => Plural::Two,
        (_, 3..=10) => Plural::Few,
        (_, 11..=99) => Plural::Many,
        _ => Plural::Other,
    }
}

const MS_PER_DAY: i64 = 86_400_000;

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Array, Function, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    /// `new Intl[kind](tag, options)`, or `None` when the browser refuses (an unknown time
    /// zone throws a RangeError, which `construct` catches).
    pub fn construct(kind: &str, tag: &str, options: &[(&str, JsValue)]) -> Option<JsValue> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let constructor: Function = Reflect::get(&intl, &kind.into()).ok()?.dyn_into().ok()?;
        let settings = Object::new();
        for (key, value) in options {
            Reflect::set(&settings, &(*key).into(), value).ok()?;
        }
        Reflect::construct(&constructor, &Array::of2(&tag.into(), &settings)).ok()
    }

    pub fn call(this: &JsValue, method: &str, argument: &JsValue) -> Option<JsValue> {
        let function: Function = Reflect::get(this, &method.into()).ok()?.dyn_into().ok()?;
        function.call1(this, argument).ok()
    }

    /// `formatter.format(value)` as a string.
    pub fn format(formatter: Option<JsValue>, value: JsValue) -> Option<String> {
        call(&formatter?, "format", &value)?.as_string()
    }

    pub fn js_date(ms: i64) -> JsValue {
        js_sys::Date::new(&JsValue::from_f64(ms as f64)).into()
    }

    pub fn text(value: &str) -> JsValue {
        value.into()
    }
}

/// A calendar date as people read it in `tag`, e.g. "5 Jan 2026" or "5 يناير 2026".
pub fn date(day: Date, tag: &str) -> String {
    utc_day(day, tag, true).unwrap_or_else(|| day.to_string())
}

/// The month `first_day` is in, as people read it in `tag`, e.g. "Jan 2026" or "يناير 2026";
/// `YYYY-MM` off the browser.
pub fn month(first_day: Date, tag: &str) -> String {
    utc_day(first_day, tag, false).unwrap_or_else(|| iso_month(first_day))
}

fn iso_month(day: Date) -> String {
    let (year, month, _) = day.ymd();
    format!("{year:04}-{month:02}")
}

/// `day` through `Intl.DateTimeFormat` (with its day of the month or without); `None` off the
/// browser.
fn utc_day(day: Date, tag: &str, with_day: bool) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        use browser::{construct, format, js_date, text};
        // A `Date` has no zone: it is the UTC day, shown in UTC so no offset moves it.
        let mut options = vec![
            ("timeZone", text("UTC")),
            ("month", text("short")),
            ("year", text("numeric")),
        ];
        if with_day {
            options.push(("day", text("numeric")));
        }
        format(
            construct("DateTimeFormat", tag, &options),
            js_date(i64::from(day.0) * MS_PER_DAY),
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (day, tag, with_day);
        None
    }
}

/// An instant as people in `zone` read it in `tag`, e.g. "5 Jan 2026, 14:30"; the UTC wall
/// clock, marked as such, when the browser does not know the zone.
pub fn date_time(at: Millis, zone: &str, tag: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let fields = [
            ("day", "numeric"),
            ("month", "short"),
            ("year", "numeric"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
        ];
        if let Some(shown) = in_zone(at, zone, tag, &fields) {
            return shown;
        }
    }
    let _ = (zone, tag);
    format!("{} {}", at.utc_date(), utc_clock(at))
}

/// The time of day of `at` as people in `zone` read it in `tag`, e.g. "14:05"; the UTC wall
/// clock, marked as such, when the browser does not know the zone.
pub fn time_of_day(at: Millis, zone: &str, tag: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(shown) = in_zone(at, zone, tag, &[("hour", "2-digit"), ("minute", "2-digit")]) {
            return shown;
        }
    }
    let _ = (zone, tag);
    utc_clock(at)
}

/// `at` by `Intl.DateTimeFormat` with `fields` (name and style), in `zone` (none: the
/// browser's own); `None` when the browser does not know the zone.
#[cfg(target_arch = "wasm32")]
fn in_zone(at: Millis, zone: &str, tag: &str, fields: &[(&str, &str)]) -> Option<String> {
    use browser::{construct, format, js_date, text};
    let mut options: Vec<(&str, _)> = fields.iter().map(|(f, style)| (*f, text(style))).collect();
    if !zone.is_empty() {
        options.push(("timeZone", text(zone)));
    }
    format(construct("DateTimeFormat", tag, &options), js_date(at.0))
}

/// The UTC wall clock of `at`, marked as such: "14:05 UTC".
fn utc_clock(at: Millis) -> String {
    let minute_of_day = at.0.rem_euclid(MS_PER_DAY) / 60_000;
    format!("{:02}:{:02} UTC", minute_of_day / 60, minute_of_day % 60)
}

/// A time zone's name in `tag`, e.g. "United Kingdom Time" or "توقيت الخليج" for
/// "Europe/London" and "Asia/Dubai"; the IANA name itself when the browser has no better.
pub fn zone_name(zone: &str, tag: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use browser::{call, construct, js_date, text};
        use wasm_bindgen::JsCast;
        let name = construct(
            "DateTimeFormat",
            tag,
            &[
                ("timeZone", text(zone)),
                ("timeZoneName", text("longGeneric")),
            ],
        )
        .and_then(|f| call(&f, "formatToParts", &js_date(js_sys::Date::now() as i64)))
        .and_then(|parts| parts.dyn_into::<js_sys::Array>().ok())
        .and_then(|parts| {
            parts.iter().find_map(|part| {
                let field = |key: &str| {
                    js_sys::Reflect::get(&part, &key.into())
                        .ok()
                        .and_then(|v| v.as_string())
                };
                (field("type")? == "timeZoneName").then(|| field("value"))?
            })
        });
        if let Some(name) = name {
            return name;
        }
    }
    let _ = tag;
    zone.to_owned()
}

/// A whole number with the locale's digits and grouping.
pub fn number(n: i64, tag: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use browser::{construct, format};
        if let Some(shown) = format(construct("NumberFormat", tag, &[]), (n as f64).into()) {
            return shown;
        }
    }
    let _ = tag;
    n.to_string()
}

/// A whole percentage, e.g. "33%" (with the marks that keep it whole inside right-to-left
/// text in Arabic).
pub fn percent(percent: u8, tag: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use browser::{construct, format, text};
        let formatter = construct("NumberFormat", tag, &[("style", text("percent"))]);
        if let Some(shown) = format(formatter, (f64::from(percent) / 100.0).into()) {
            return shown;
        }
    }
    let _ = tag;
    format!("{percent}%")
}

/// The plural category of `n` in `tag`: the browser's `Intl.PluralRules`, else the CLDR rules
/// above.
pub fn plural(n: u64, tag: &str) -> Plural {
    #[cfg(target_arch = "wasm32")]
    {
        use browser::{call, construct};
        let name = construct("PluralRules", tag, &[])
            .and_then(|rules| call(&rules, "select", &(n as f64).into()))
            .and_then(|name| name.as_string());
        if let Some(name) = name {
            return Plural::from_name(&name);
        }
    }
    cldr_plural(n, tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_takes_all_six_plural_categories_by_the_last_two_digits() {
        let category = |n| cldr_plural(n, "ar-AE");
        assert_eq!(category(0), Plural::Zero);
        assert_eq!(category(1), Plural::One);
        assert_eq!(category(2), Plural::Two);
        assert_eq!(category(3), Plural::Few);
        assert_eq!(category(10), Plural::Few);
        assert_eq!(category(11), Plural::Many);
        assert_eq!(category(99), Plural::Many);
        assert_eq!(category(100), Plural::Other);
        assert_eq!(category(101), Plural::Other);
        assert_eq!(category(102), Plural::Other);
        assert_eq!(category(103), Plural::Few);
        assert_eq!(category(111), Plural::Many);
        assert_eq!(cldr_plural(5, "ar"), Plural::Few);
    }

    #[test]
    fn english_has_one_and_other() {
        assert_eq!(cldr_plural(1, "en-GB"), Plural::One);
        assert_eq!(cldr_plural(0, "en-GB"), Plural::Other);
        assert_eq!(cldr_plural(2, "en-GB"), Plural::Other);
        // "arn" (Mapudungun) is not Arabic.
        assert_eq!(cldr_plural(2, "arn"), Plural::Other);
    }

    #[test]
    fn off_the_browser_dates_and_numbers_are_iso_and_plain() {
        let day = Date::parse("2026-01-05").unwrap();
        assert_eq!(date(day, "ar-AE"), "2026-01-05");
        assert_eq!(month(day, "en-GB"), "2026-01");
        let at = Millis(i64::from(day.0) * MS_PER_DAY + (14 * 60 + 5) * 60_000);
        assert_eq!(date_time(at, "Asia/Dubai", "en-GB"), "2026-01-05 14:05 UTC");
        assert_eq!(percent(33, "en-GB"), "33%");
        assert_eq!(number(1200, "en-GB"), "1200");
        assert_eq!(zone_name("Asia/Dubai", "ar-AE"), "Asia/Dubai");
        assert_eq!(plural(2, "ar-AE"), Plural::Two);
    }
}
