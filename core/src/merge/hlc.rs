//! A hybrid logical clock: physical milliseconds plus a counter, so every op a device makes
//! sorts after every op it made or saw before, whatever its wall clock says.

use std::fmt;

use crate::Millis;

/// A timestamp: wall-clock milliseconds and a counter for events in the same millisecond.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    pub wall: i64,
    pub counter: u32,
}

/// The largest wall time the text form can hold (year 2286).
const WALL_MAX: i64 = 9_999_999_999_999;
/// A remote clock further ahead of ours than this is not followed: one device with a wildly
/// wrong clock must not drag every other device's clock into the future. Its ops are still
/// kept and merged; ordering for values people saw is carried by `supersedes`, not time.
pub const MAX_AHEAD_MS: i64 = 24 * 3_600_000;

impl Hlc {
    /// The text form: zero-padded, so text order is time order (e.g. `1795000000000-00003`).
    pub fn encode(&self) -> String {
        format!(
            "{:013}-{:05}",
            self.wall.clamp(0, WALL_MAX),
            self.counter.min(99_999)
        )
    }

    pub fn decode(text: &str) -> Result<Hlc, String> {
        let bad = || format!("{text:?} is not a clock reading (expected 13 digits, '-', 5 digits)");
        let (wall, counter) = text.split_once('-').ok_or_else(bad)?;
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if wall.len() != 13 || counter.len() != 5 || !digits(wall) || !digits(counter) {
            return Err(bad());
        }
        Ok(Hlc {
            wall: wall.parse().map_err(|_| bad())?,
            counter: counter.parse().map_err(|_| bad())?,
        })
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

/// A device's clock: never runs backwards, and runs ahead of everything it has seen.
#[derive(Clone, Debug, Default)]
pub struct HlcClock {
    last: Hlc,
}

impl HlcClock {
    pub fn last(&self) -> Hlc {
        self.last
    }

    /// The timestamp for a new local event at physical time `now`.
    pub fn tick(&mut self, now: Millis) -> Hlc {
        let wall = now.0.clamp(0, WALL_MAX).max(self.last.wall);
        self.last = if wall > self.last.wall {
            Hlc { wall, counter: 0 }
        } else if self.last.counter < 99_999 {
            Hlc {
                wall,
                counter: self.last.counter + 1,
            }
        } else if wall < WALL_MAX {
            // The counter is spent within one millisecond: borrow the next millisecond.
            Hlc {
                wall: wall + 1,
                counter: 0,
            }
        } else {
            // The end of the clock's range (year 2286): stand still rather than go back.
            self.last
        };
        self.last
    }

    /// Takes in a timestamp from elsewhere, so later local events sort after it, unless it is
    /// implausibly far ahead of `now`.
    pub fn observe(&mut self, remote: Hlc, now: Millis) {
        if remote > self.last && remote.wall <= now.0.saturating_add(MAX_AHEAD_MS) {
            self.last = remote;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_form_sorts_as_time_and_round_trips() {
        let a = Hlc {
            wall: 9_000_000_000,
            counter: 7,
        };
        let b = Hlc {
            wall: 1_795_000_000_000,
            counter: 0,
        };
        assert!(a.encode() < b.encode());
        assert_eq!(Hlc::decode(&a.encode()), Ok(a));
        assert_eq!(a.encode(), "0009000000000-00007");
        for bad in ["", "1-2", "1795000000000_00000", "179500000000x-00000"] {
            assert!(
                Hlc::decode(bad).unwrap_err().contains("clock reading"),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_clock_never_runs_backwards() {
        let mut clock = HlcClock::default();
        let first = clock.tick(Millis(1_000));
        let second = clock.tick(Millis(500));
        let third = clock.tick(Millis(1_000));
        assert!(first < second && second < third);
        assert_eq!(
            second,
            Hlc {
                wall: 1_000,
                counter: 1
            }
        );
    }

    #[test]
    fn a_device_hours_behind_still_orders_after_what_it_saw() {
        let hours = 3_600_000;
        let mut ahead = HlcClock::default();
        let mut behind = HlcClock::default();
        let seen = ahead.tick(Millis(10 * hours));
        behind.observe(seen, Millis(7 * hours));
        assert!(behind.tick(Millis(7 * hours)) > seen);
    }

    #[test]
    fn a_wildly_wrong_remote_clock_is_not_followed() {
        let mut clock = HlcClock::default();
        clock.observe(
            Hlc {
                wall: 9_999_999_999_999,
                counter: 0,
            },
            Millis(1_000),
        );
        assert_eq!(
            clock.tick(Millis(1_000)),
            Hlc {
                wall: 1_000,
                counter: 0
            }
        );
    }

    #[test]
    fn a_spent_counter_borrows_the_next_millisecond() {
        let mut clock = HlcClock {
            last: Hlc {
                wall: 5,
                counter: 99_999,
            },
        };
        assert_eq!(
            clock.tick(Millis(5)),
            Hlc {
                wall: 6,
                counter: 0
            }
        );
    }
}
