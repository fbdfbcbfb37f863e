//! Time as the core sees it: instants in milliseconds and calendar dates, supplied by an edge.
//!
//! The core never reads a clock itself (`SystemTime::now()` panics on wasm32); callers pass
//! the time in, which also keeps every rule deterministic under test.

use std::fmt;

/// Milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Millis(pub i64);

/// Milliseconds in a calendar day (UTC days have no leap seconds here).
pub const MS_PER_DAY: i64 = 86_400_000;

/// 0001-01-01 and the day after 9999-12-31, in days since 1970-01-01: the years `YYYY` writes.
const FIRST_DAY: i64 = -719_162;
const END_DAY: i64 = 2_932_897;

impl Millis {
    /// The UTC calendar date of this instant. One outside years 1 to 9999 is on the day just
    /// outside them, never wrapped round to a date that looks near.
    pub fn utc_date(self) -> Date {
        let day = self.0.div_euclid(MS_PER_DAY).clamp(FIRST_DAY - 1, END_DAY);
        Date(i32::try_from(day).expect("within the calendar's bounds"))
    }

    /// Whether this instant falls in years 1 to 9999 (UTC), the dates a date is written in.
    pub fn in_calendar(self) -> bool {
        (FIRST_DAY..END_DAY).contains(&self.0.div_euclid(MS_PER_DAY))
    }

    /// The whole seconds since the start of this instant's UTC date (0 to 86 399).
    pub fn utc_second_of_day(self) -> u32 {
        (self.0.rem_euclid(MS_PER_DAY) / 1_000) as u32
    }
}

/// A calendar date (no time of day, no zone), as days since 1970-01-01.
///
/// Due dates, programme dates and credential expiry are dates a person chose, not instants:
/// "due 31 March" means the same day in London and Dubai.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i32);

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, String> {
        let bad = || format!("{text:?} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31");
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        // Digits only: `parse` would take a sign ("+202", "+3") as part of the number.
        let digits =
            |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
            return Err(bad());
        }
        let (y, m, d) = (
            y.parse::<i32>().map_err(|_| bad())?,
            m.parse::<u32>().map_err(|_| bad())?,
            d.parse::<u32>().map_err(|_| bad())?,
        );
        Date::from_ymd(y, m, d).ok_or_else(bad)
    }

    /// The date for a year, month (1–12) and day, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        // Days from civil (Howard Hinnant's algorithm).
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy as i32;
        Some(Date(era * 146_097 + doe - 719_468))
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i32::from(month <= 2);
        (year, month, day)
    }

    pub fn add_days(self, days: i32) -> Date {
        Date(self.0 + days)
    }

    pub fn days_until(self, later: Date) -> i32 {
        later.0 - self.0
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_text_and_days() {
        assert_eq!(Date::parse("1970-01-01"), Ok(Date(0)));
        assert_eq!(Date::parse("2026-11-28").unwrap().to_string(), "2026-11-28");
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        // Years 0001 to 9999: what YYYY can write.
        for days in (-719_162..2_932_896).step_by(997) {
            let date = Date(days);
            assert_eq!(Date::parse(&date.to_string()), Ok(date), "{days}");
        }
    }

    #[test]
    fn impossible_or_malformed_dates_are_refused_with_the_format() {
        for text in [
            "2025-02-29",
            "2026-13-01",
            "2026-04-31",
            "26-1-1",
            "2026/01/01",
            "",
            "2026-01-01-01",
            "+202-+3-+1",
            "2026-+3-01",
            "2026-03-+1",
            "+026-03-01",
            "２０２６-03-01",
        ] {
            let error = Date::parse(text).unwrap_err();
            assert!(error.contains("YYYY-MM-DD"), "{text}: {error}");
        }
    }

    #[test]
    fn instants_fall_on_their_utc_date() {
        assert_eq!(Millis(0).utc_date(), Date(0));
        assert_eq!(Millis(-1).utc_date(), Date(-1));
        assert_eq!(Millis(MS_PER_DAY * 3 + 5).utc_date().add_days(1), Date(4));
        assert_eq!(Date(10).days_until(Date(3)), -7);
        assert_eq!(Millis(MS_PER_DAY + 3_661_999).utc_second_of_day(), 3_661);
        // Before 1970 the second still counts from that day's midnight.
        assert_eq!(Millis(-1).utc_second_of_day(), 86_399);
    }

    #[test]
    fn an_instant_outside_years_1_to_9999_is_on_the_day_just_outside_them() {
        let first = Date::parse("0001-01-01").unwrap();
        let last = Date::parse("9999-12-31").unwrap();
        let start = |date: Date| Millis(i64::from(date.0) * MS_PER_DAY);
        assert!(start(first).in_calendar() && Millis(start(last.add_days(1)).0 - 1).in_calendar());
        assert_eq!(Millis(start(first).0 - 1).utc_date(), first.add_days(-1));
        assert!(!Millis(start(first).0 - 1).in_calendar());
        assert!(!start(last.add_days(1)).in_calendar());
        // 2^32 days on from a date is not that date again.
        let near = Date::parse("2026-06-10").unwrap();
        let far = Millis((i64::from(near.0) + (1 << 32)) * MS_PER_DAY);
        assert_eq!(far.utc_date(), last.add_days(1));
        assert_eq!(far.utc_date().to_string(), "10000-01-01");
        for extreme in [Millis(i64::MIN), Millis(i64::MAX)] {
            assert!(!extreme.in_calendar());
            assert!(!(first..=last).contains(&extreme.utc_date()));
        }
    }
}
