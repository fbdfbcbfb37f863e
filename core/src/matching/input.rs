//! What an admin hands to matching: the people on both sides, the programme kind, the
//! weight of each criterion, and the pairs they pinned or forbade.
//!
//! These are plain values with no checks; `Problem::new` validates them and says what to fix.

use crate::person::{Grade, OptInPreferences};
use crate::relationship::RelationshipKind;
use crate::RecordId;

use super::score::Criterion;

/// Hourly slots in a week: availability is kept per hour, Monday 00:00 UTC first.
pub const SLOTS_PER_WEEK: usize = 7 * 24;

/// The largest weight an admin may give one criterion. With fits of 0–100 per criterion it
/// keeps every pair score below 2^20, so totals and the solver's sums stay exact in `i64`.
pub const MAX_WEIGHT: u32 = 1000;

/// The widest time-zone offset in use today (UTC+14 / UTC−12), in minutes.
pub const MAX_UTC_OFFSET_MINUTES: i32 = 14 * 60;

/// One hour of the week, in UTC: day 0 is Monday.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WeeklySlot(u8);

impl WeeklySlot {
    /// `None` unless `day < 7` and `hour < 24`.
    pub fn new(day: u8, hour: u8) -> Option<WeeklySlot> {
        (day < 7 && hour < 24).then(|| WeeklySlot(day * 24 + hour))
    }

    pub fn day(self) -> u8 {
        self.0 / 24
    }

    pub fn hour(self) -> u8 {
        self.0 % 24
    }
}

/// The hours of a week a person is free for one-to-ones, in UTC (so two people in different
/// time zones compare directly). A bitset: comparing two people is three `AND`s.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Availability([u64; 3]);

impl Availability {
    pub fn new() -> Availability {
        Availability::default()
    }

    /// Every hour of the week: for someone who did not say, or is always free.
    pub fn every_hour() -> Availability {
        let mut all = Availability::new();
        for day in 0..7 {
            for hour in 0..24 {
                all.insert(WeeklySlot::new(day, hour).expect("in range"));
            }
        }
        all
    }

    pub fn insert(&mut self, slot: WeeklySlot) {
        let index = usize::from(slot.0);
        self.0[index / 64] |= 1 << (index % 64);
    }

    pub fn contains(&self, slot: WeeklySlot) -> bool {
        let index = usize::from(slot.0);
        self.0[index / 64] & (1 << (index % 64)) != 0
    }

    pub fn hours(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    pub fn common_hours(&self, other: &Availability) -> u32 {
        self.0
            .iter()
            .zip(other.0.iter())
            .map(|(a, b)| (a & b).count_ones())
            .sum()
    }
}

/// The admin's weight for each criterion: how many points a perfect fit on it is worth, per
/// percent of fit (so a pair's score is `Σ weight × fit%`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Weights([u32; Criterion::COUNT]);

impl Weights {
    /// Every criterion weighted 0: add the ones that matter with `with`.
    pub fn zero() -> Weights {
        Weights([0; Criterion::COUNT])
    }

    pub fn get(&self, criterion: Criterion) -> u32 {
        self.0[criterion as usize]
    }

    pub fn set(&mut self, criterion: Criterion, weight: u32) {
        self.0[criterion as usize] = weight;
    }

    pub fn with(mut self, criterion: Criterion, weight: u32) -> Weights {
        self.set(criterion, weight);
        self
    }
}

impl Default for Weights {
    /// Skills and goals matter most; location least (most one-to-ones can be remote).
    fn default() -> Weights {
        Weights::zero()
            .with(Criterion::Skills, 5)
            .with(Criterion::Goals, 4)
            .with(Criterion::Department, 2)
            .with(Criterion::TimeZone, 2)
            .with(Criterion::Availability, 3)
            .with(Criterion::Location, 1)
            .with(Criterion::Seniority, 2)
            .with(Criterion::Preferences, 3)
    }
}

/// A mentee or coachee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mentee {
    pub id: RecordId,
    pub skills_wanted: Vec<String>,
    /// Words from the mentee's goals (e.g. "leadership", "promotion"), compared with what a
    /// mentor offers and the topics they can speak to.
    pub goal_keywords: Vec<String>,
    pub languages: Vec<String>,
    pub location: String,
    /// Minutes east of UTC (London in winter 0, Dubai 240).
    pub utc_offset_minutes: i32,
    pub availability: Availability,
    pub grade: Grade,
    pub department: String,
    /// The mentee's managers up the reporting line, nearest first.
    pub manager_chain: Vec<RecordId>,
    /// Sensitive attributes the mentee chose to state, and which of them they would like a
    /// mentor to share. Used only for that preference; never shown to anyone else.
    pub opt_in: OptInPreferences,
}

impl Mentee {
    /// A mentee with nothing stated yet: fill in what you know.
    pub fn new(id: RecordId) -> Mentee {
        Mentee {
            id,
            skills_wanted: Vec::new(),
            goal_keywords: Vec::new(),
            languages: Vec::new(),
            location: String::new(),
            utc_offset_minutes: 0,
            availability: Availability::new(),
            grade: Grade::default(),
            department: String::new(),
            manager_chain: Vec::new(),
            opt_in: OptInPreferences::default(),
        }
    }
}

/// A mentor or coach.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mentor {
    pub id: RecordId,
    pub skills_offered: Vec<String>,
    /// What else the mentor can speak to from experience (roles held, transitions made):
    /// compared, with the skills offered, against the mentee's goal keywords.
    pub topics: Vec<String>,
    /// How many mentees they can take in this run: at least 1.
    pub capacity: u32,
    pub languages: Vec<String>,
    pub location: String,
    pub utc_offset_minutes: i32,
    pub availability: Availability,
    pub grade: Grade,
    pub department: String,
    pub manager_chain: Vec<RecordId>,
    /// Whether the mentor holds a coaching credential valid on the day a pair proposed now
    /// would start (`relationship::proposal_starts`)
    /// (see `person::Credential::valid_on`). Required to coach; ignored for mentoring.
    pub coach_credential_valid: bool,
    /// Sensitive attributes the mentor chose to share for matching, e.g. ("gender", "woman").
    /// Compared only with a mentee's stated preference; never shown to anyone.
    pub shared_attributes: Vec<(String, String)>,
}

impl Mentor {
    /// A mentor with one place and nothing else stated yet: fill in what you know.
    pub fn new(id: RecordId) -> Mentor {
        Mentor {
            id,
            skills_offered: Vec::new(),
            topics: Vec::new(),
            capacity: 1,
            languages: Vec::new(),
            location: String::new(),
            utc_offset_minutes: 0,
            availability: Availability::new(),
            grade: Grade::default(),
            department: String::new(),
            manager_chain: Vec::new(),
            coach_credential_valid: false,
            shared_attributes: Vec::new(),
        }
    }
}

/// A mentee and a mentor, by id: a pin (must pair) or a forbid (must not pair).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PairIds {
    pub mentee: RecordId,
    pub mentor: RecordId,
}

/// Everything one matching run needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchingInput {
    /// Coaching, mentoring or reverse mentoring: decides the seniority and credential rules.
    pub kind: RelationshipKind,
    pub weights: Weights,
    pub mentees: Vec<Mentee>,
    pub mentors: Vec<Mentor>,
    /// Pairs the admin decided: kept as they are and placed before anyone else.
    pub pins: Vec<PairIds>,
    /// Pairs that must not be made (a conflict of interest the directory cannot see).
    pub forbids: Vec<PairIds>,
    /// Pairs already under way together in another programme, who are not paired again
    /// while it lasts (`Rule::PairUnderWay`). A pair naming someone not in the run is
    /// ignored: it rules nothing out.
    pub under_way: Vec<PairIds>,
    /// Pairs whose relationship in this programme was ended early (a decline, a withdrawn
    /// request, cancelled or ended to re-match by its admins), who are not proposed together
    /// in it again (`HardRule::PairEndedEarly`). A pair naming someone not in the run is ignored.
    pub ended_early: Vec<PairIds>,
}

impl MatchingInput {
    pub fn new(kind: RelationshipKind) -> MatchingInput {
        MatchingInput {
            kind,
            weights: Weights::default(),
            mentees: Vec::new(),
            mentors: Vec::new(),
            pins: Vec::new(),
            forbids: Vec::new(),
            under_way: Vec::new(),
            ended_early: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekly_slots_cover_exactly_a_week() {
        assert!(WeeklySlot::new(6, 23).is_some());
        assert!(WeeklySlot::new(7, 0).is_none());
        assert!(WeeklySlot::new(0, 24).is_none());
        let slot = WeeklySlot::new(2, 14).unwrap();
        assert_eq!((slot.day(), slot.hour()), (2, 14));
        assert_eq!(Availability::every_hour().hours(), SLOTS_PER_WEEK as u32);
    }

    #[test]
    fn availability_counts_common_hours_across_word_boundaries() {
        let mut a = Availability::new();
        let mut b = Availability::new();
        for (day, hour) in [(0, 0), (2, 15), (2, 16), (6, 23)] {
            a.insert(WeeklySlot::new(day, hour).unwrap());
        }
        for (day, hour) in [(2, 16), (6, 23), (5, 1)] {
            b.insert(WeeklySlot::new(day, hour).unwrap());
        }
        assert_eq!(a.hours(), 4);
        assert_eq!(a.common_hours(&b), 2);
        assert!(a.contains(WeeklySlot::new(2, 15).unwrap()));
        assert!(!b.contains(WeeklySlot::new(2, 15).unwrap()));
    }
}
