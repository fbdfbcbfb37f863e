//! A planned session as an iCalendar event (RFC 5545), for the person's own calendar.
//!
//! A calendar is often shared with delegates or synced to other services, so the event says
//! only what an invitation would: the kind of session and the partner (the caller's summary),
//! when, where, and whose calendar it is (its organizer). Nothing of what was said is read here: no GROW notes, action items, private
//! notes or feedback.

use crate::session::{Place, Session};
use crate::{Millis, RecordId};

/// Names the product that wrote the file, as RFC 5545 asks.
const PRODID: &str = "-//Mentoring widget//Sessions//EN";

/// The longest physical line, in octets, line break excluded.
const LINE_OCTETS: usize = 75;

/// The event's words, in the reader's language.
#[derive(Clone, Copy, Debug)]
pub struct EventWords<'a> {
    /// What the event is called, e.g. "Mentoring session with James Okafor".
    pub summary: &'a str,
    /// Where a session online takes place, e.g. "Online".
    pub online: &'a str,
    /// Where a session in person takes place when no location was written, e.g. "In person".
    pub in_person: &'a str,
    pub description: Option<&'a str>,
    /// Whose calendar the file is for: their name, the event's ORGANIZER.
    pub organizer: &'a str,
}

/// The calendar file for `session`, written at `now`: one event, from the session's start for
/// its length, both in UTC. Its UID comes from the session's id, so adding the file again
/// (after the session moved) changes the event already there instead of adding another.
pub fn session_event(session: &Session, words: &EventWords<'_>, now: Millis) -> String {
    event(session, words, now, None)
}

/// The file that takes `session` out of a calendar it was added to (after it was deleted): the
/// same UID as [`session_event`]'s, `METHOD:CANCEL`, `STATUS:CANCELLED`, and a SEQUENCE at
/// least that of any file made before `now`.
pub fn session_cancellation(session: &Session, words: &EventWords<'_>, now: Millis) -> String {
    event(session, words, now, Some("CANCELLED"))
}

fn event(session: &Session, words: &EventWords<'_>, now: Millis, status: Option<&str>) -> String {
    let location = match &session.place {
        Place::Online => words.online,
        Place::InPerson { location } if location.trim().is_empty() => words.in_person,
        Place::InPerson { location } => location.trim(),
    };
    let mut ics = Ics::default();
    for (name, value) in [
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", PRODID),
        ("CALSCALE", "GREGORIAN"),
        (
            "METHOD",
            if status.is_some() {
                "CANCEL"
            } else {
                "PUBLISH"
            },
        ),
        ("BEGIN", "VEVENT"),
        ("UID", &uid(&session.id)),
        ("DTSTAMP", &utc(now)),
        ("SEQUENCE", &sequence(now)),
        ("DTSTART", &utc(session.at)),
        ("DTEND", &utc(session.ends_at())),
    ] {
        ics.line(name, value);
    }
    let (organizer, address) = organizer(words.organizer);
    ics.line(&organizer, &address);
    if let Some(status) = status {
        ics.line("STATUS", status);
    }
    ics.line("SUMMARY", &escape(words.summary));
    ics.line("LOCATION", &escape(location));
    if let Some(description) = words.description {
        ics.line("DESCRIPTION", &escape(description));
    }
    ics.line("END", "VEVENT");
    ics.line("END", "VCALENDAR");
    ics.out
}

/// The ORGANIZER property (its name with its parameter, and its value), the same in an event
/// and its cancellation: RFC 5546 asks for one in both, and a calendar (Outlook) takes a
/// cancellation only from the organizer of the event it holds. The person whose calendar it
/// is, named; the device knows no e-mail address, so one address under `.invalid` (RFC 2606),
/// to which no mail is ever sent, the same for everyone: the host's id of a person is not
/// written into a file shared with calendar delegates and synced to other services.
const ORGANIZER_ADDRESS: &str = "mailto:organizer@mentoring-widget.invalid";

fn organizer(name: &str) -> (String, String) {
    // A quoted parameter value holds neither a quote nor a control character.
    let name: String = (name.chars())
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    (
        format!("ORGANIZER;CN=\"{name}\""),
        ORGANIZER_ADDRESS.to_owned(),
    )
}

/// The file's name: the kind of session in words ("coaching-session"), its day and time where
/// the person is ("2026-12-10-1000"), so two sessions on one day get files of their own.
pub fn file_name(kind: &str, wall_clock: Millis) -> String {
    let (y, m, d) = wall_clock.utc_date().ymd();
    let s = wall_clock.utc_second_of_day();
    format!(
        "{kind}-session-{y:04}-{m:02}-{d:02}-{:02}{:02}.ics",
        s / 3600,
        s / 60 % 60
    )
}

/// The event's UID: the session's id (letters, digits, `-`, `_`) and a domain-like suffix,
/// so that it stays the same however often the file is made.
pub fn uid(session: &RecordId) -> String {
    format!("{session}@mentoring-widget")
}

/// The event's revision: calendars keep the time of the file with the highest SEQUENCE for a
/// UID, so a file made later (after the session moved) must carry a higher one. Minutes
/// since 1970 only grow, and stay within the 32-bit integer calendars read until 6053.
pub fn sequence(now: Millis) -> String {
    (now.0.max(0) / 60_000).to_string()
}

/// An instant as a UTC date-time: `YYYYMMDDTHHMMSSZ`.
pub fn utc(at: Millis) -> String {
    let (y, m, d) = at.utc_date().ymd();
    let s = at.utc_second_of_day();
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// A TEXT value: `\`, `;` and `,` escaped, each line break (CRLF, CR or LF) as `\n`, and
/// other control characters, which a content line may not hold, left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Default)]
struct Ics {
    out: String,
}

impl Ics {
    /// Writes `NAME:value` folded at 75 octets, each continuation line starting with a space,
    /// never inside a character (an Arabic letter is two octets).
    fn line(&mut self, name: &str, value: &str) {
        let mut used = 0;
        for c in name.chars().chain([':']).chain(value.chars()) {
            if used + c.len_utf8() > LINE_OCTETS {
                self.out.push_str("\r\n ");
                used = 1;
            }
            self.out.push(c);
            used += c.len_utf8();
        }
        self.out.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{instant_at_wall_clock, wall_clock_at};
    use crate::session::{parse_wall_clock, ActionItem, Grow};
    use crate::Date;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn session(at: &str, minutes: u16, place: Place) -> Session {
        Session {
            id: id("session-42"),
            relationship: id("rel"),
            author: id("james"),
            partner: Some(id("amira")),
            at: Millis(parse_wall_clock(at).unwrap().0),
            time_zone: "Europe/London".into(),
            minutes,
            place,
            grow: Grow::default(),
            skills: Default::default(),
            actions: vec![],
            goals: vec![],
        }
    }

    const WORDS: EventWords<'static> = EventWords {
        summary: "Mentoring session with James Okafor",
        online: "Online",
        in_person: "In person",
        description: None,
        organizer: "Amira \"Mira\" Saleh",
    };

    fn now() -> Millis {
        parse_wall_clock("2026-11-29T19:05:07").unwrap()
    }

    /// The value of the first property `name`, unfolded and unescaped only of folding.
    fn property(ics: &str, name: &str) -> Option<String> {
        let unfolded = ics.replace("\r\n ", "");
        unfolded
            .split("\r\n")
            .find_map(|l| l.strip_prefix(&format!("{name}:")).map(str::to_owned))
    }

    #[test]
    fn a_session_is_one_published_event_in_utc_with_crlf_line_ends() {
        let s = session(
            "2026-12-03T10:00",
            90,
            Place::InPerson {
                location: "Room 4.12".into(),
            },
        );
        let ics = session_event(&s, &WORDS, now());
        assert_eq!(
            ics,
            "BEGIN:VCALENDAR\r\n\
             VERSION:2.0\r\n\
             PRODID:-//Mentoring widget//Sessions//EN\r\n\
             CALSCALE:GREGORIAN\r\n\
             METHOD:PUBLISH\r\n\
             BEGIN:VEVENT\r\n\
             UID:session-42@mentoring-widget\r\n\
             DTSTAMP:20261129T190507Z\r\n\
             SEQUENCE:29932985\r\n\
             DTSTART:20261203T100000Z\r\n\
             DTEND:20261203T113000Z\r\n\
             ORGANIZER;CN=\"Amira Mira Saleh\":mailto:organizer@mentoring-widget.invalid\r\n\
             SUMMARY:Mentoring session with James Okafor\r\n\
             LOCATION:Room 4.12\r\n\
             END:VEVENT\r\n\
             END:VCALENDAR\r\n"
        );
        assert!(!ics.replace("\r\n", "").contains(['\r', '\n']), "only CRLF");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    }

    #[test]
    fn online_or_unnamed_places_are_said_in_the_callers_words() {
        let online = session("2026-12-03T10:00", 60, Place::Online);
        let ics = session_event(&online, &WORDS, now());
        assert_eq!(property(&ics, "LOCATION").as_deref(), Some("Online"));
        let unnamed = session(
            "2026-12-03T10:00",
            60,
            Place::InPerson {
                location: "  ".into(),
            },
        );
        let arabic = EventWords {
            summary: "جلسة إرشاد مع جيمس أوكافور",
            online: "عبر الإنترنت",
            in_person: "حضوريًا",
            description: Some("اجتماع، ثم غداء, ثم مراجعة"),
            ..WORDS
        };
        let ics = session_event(&unnamed, &arabic, now());
        assert_eq!(property(&ics, "LOCATION").as_deref(), Some("حضوريًا"));
        assert_eq!(
            property(&ics, "SUMMARY").as_deref(),
            Some("جلسة إرشاد مع جيمس أوكافور")
        );
        assert_eq!(
            property(&ics, "DESCRIPTION").as_deref(),
            Some("اجتماع، ثم غداء\\, ثم مراجعة"),
            "the Arabic comma is not RFC 5545's: only ',' is escaped"
        );
        assert_eq!(
            property(&session_event(&online, &WORDS, now()), "DESCRIPTION"),
            None
        );
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_line_breaks() {
        assert_eq!(escape("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
        // Control characters cannot stand in a content line; a tab can.
        assert_eq!(escape("x\u{0}y\u{7}z\tw"), "xyz\tw");
        let s = session(
            "2026-12-03T10:00",
            60,
            Place::InPerson {
                location: "Floor 3; Room 2, by the lifts\nAsk at reception".into(),
            },
        );
        let ics = session_event(&s, &WORDS, now());
        assert_eq!(
            property(&ics, "LOCATION").as_deref(),
            Some("Floor 3\\; Room 2\\, by the lifts\\nAsk at reception")
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let name = "عبد الرحمن بن خالد الهاشمي";
        let summary = format!("جلسة إرشاد مع {name}، ") + &"مكتب دبي 🇦🇪 ".repeat(12);
        let words = EventWords {
            summary: &summary,
            description: Some(&"x".repeat(200)),
            ..WORDS
        };
        let s = session("2026-12-03T10:00", 60, Place::Online);
        let ics = session_event(&s, &words, now());
        let lines: Vec<&str> = ics.split("\r\n").collect();
        assert!(lines.len() > 16, "the long values were folded");
        for line in &lines {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        // Every line is whole UTF-8 (a `&str` split at CRLF would not be otherwise), and
        // unfolding gives the text back.
        assert_eq!(
            property(&ics, "SUMMARY").as_deref(),
            Some(escape(&summary).as_str())
        );
        assert_eq!(
            property(&ics, "DESCRIPTION").as_deref(),
            Some("x".repeat(200).as_str())
        );
        // A line of exactly 75 octets is not folded; one more octet is.
        let mut fits = Ics::default();
        fits.line("SUMMARY", &"y".repeat(75 - "SUMMARY:".len()));
        assert_eq!(fits.out.len(), 77);
        let mut over = Ics::default();
        over.line("SUMMARY", &"y".repeat(76 - "SUMMARY:".len()));
        assert_eq!(over.out, format!("SUMMARY:{}\r\n y\r\n", "y".repeat(67)));
        // A two-octet letter that would end at octet 76 moves whole to the next line.
        let mut arabic = Ics::default();
        arabic.line(
            "SUMMARY",
            &format!("{}م", "y".repeat(74 - "SUMMARY:".len())),
        );
        assert_eq!(arabic.out, format!("SUMMARY:{}\r\n م\r\n", "y".repeat(66)));
    }

    #[test]
    fn times_are_utc_across_a_date_boundary() {
        // 23:30 for 60 minutes ends on the next day; 31 December ends in the next year.
        let late = session("2026-12-31T23:30", 60, Place::Online);
        let ics = session_event(&late, &WORDS, now());
        assert_eq!(
            property(&ics, "DTSTART").as_deref(),
            Some("20261231T233000Z")
        );
        assert_eq!(property(&ics, "DTEND").as_deref(), Some("20270101T003000Z"));
        assert_eq!(utc(Millis(0)), "19700101T000000Z");
        assert_eq!(utc(Millis(-1)), "19691231T235959Z");
        assert_eq!(
            utc(Date::from_ymd(2028, 2, 29)
                .map(|d| Millis(i64::from(d.0) * 86_400_000))
                .unwrap()),
            "20280229T000000Z"
        );
    }

    #[test]
    fn the_instant_is_what_counts_not_the_zone_it_was_entered_in() {
        // 09:00 in Dubai (UTC+4 all year) is 05:00 UTC; the date boundary falls in UTC too:
        // 02:00 in Dubai on 4 December is still 3 December in UTC.
        let wall = parse_wall_clock("2026-12-04T02:00").unwrap();
        let dubai = instant_at_wall_clock(wall, |_| 240);
        let mut s = session("2026-12-04T02:00", 60, Place::Online);
        s.at = dubai;
        s.time_zone = "Asia/Dubai".into();
        let ics = session_event(&s, &WORDS, now());
        assert_eq!(
            property(&ics, "DTSTART").as_deref(),
            Some("20261203T220000Z")
        );
        // The same instant entered in London (UTC+0 in December) as 22:00 on 3 December
        // gives the same file's times.
        let london_wall = wall_clock_at(dubai, 0);
        let mut same = s.clone();
        same.at = instant_at_wall_clock(london_wall, |_| 0);
        same.time_zone = "Europe/London".into();
        assert_eq!(session_event(&same, &WORDS, now()), ics);
        // In London's summer time (UTC+1) 10:00 is 09:00 UTC.
        let summer = parse_wall_clock("2026-07-01T10:00").unwrap();
        s.at = instant_at_wall_clock(summer, |_| 60);
        let ics = session_event(&s, &WORDS, now());
        assert_eq!(
            property(&ics, "DTSTART").as_deref(),
            Some("20260701T090000Z")
        );
    }

    #[test]
    fn the_uid_is_the_sessions_whenever_and_wherever_the_file_is_made() {
        let s = session("2026-12-03T10:00", 60, Place::Online);
        let moved = Session {
            at: parse_wall_clock("2026-12-10T15:00").unwrap(),
            place: Place::InPerson {
                location: "Room 1".into(),
            },
            ..s.clone()
        };
        let later = Millis(now().0 + 86_400_000);
        let uids = [
            property(&session_event(&s, &WORDS, now()), "UID"),
            property(&session_event(&moved, &WORDS, later), "UID"),
        ];
        assert_eq!(uids[0], uids[1]);
        assert_eq!(uids[0].as_deref(), Some("session-42@mentoring-widget"));
        let other = Session {
            id: id("session-43"),
            ..s
        };
        assert_ne!(
            property(&session_event(&other, &WORDS, now()), "UID"),
            uids[0]
        );
    }

    #[test]
    fn a_file_made_later_carries_a_higher_sequence_so_a_moved_session_takes_its_new_time() {
        let s = session("2026-12-03T10:00", 60, Place::Online);
        let first = session_event(&s, &WORDS, now());
        let moved = Session {
            at: parse_wall_clock("2026-12-04T09:00").unwrap(),
            ..s
        };
        let later = session_event(&moved, &WORDS, Millis(now().0 + 60_000));
        let number = |ics: &str| property(ics, "SEQUENCE").unwrap().parse::<i64>().unwrap();
        assert!(number(&later) > number(&first));
        assert_eq!(property(&later, "UID"), property(&first, "UID"));
        assert!(number(&later) < i64::from(i32::MAX));
    }

    #[test]
    fn nothing_said_in_the_session_reaches_the_file() {
        let mut s = session(
            "2026-12-03T10:00",
            60,
            Place::InPerson {
                location: "Room 4.12".into(),
            },
        );
        s.grow = Grow {
            goal: "SECRET-GOAL".into(),
            reality: "SECRET-REALITY".into(),
            options: "SECRET-OPTIONS".into(),
            will: "SECRET-WILL".into(),
        };
        s.actions.push(ActionItem {
            id: id("a1"),
            text: "SECRET-ACTION".into(),
            owner: id("amira"),
            due: Date(20_800),
            done: false,
        });
        s.goals.push(id("SECRET-GOAL-ID"));
        // A private note is a record of its own, which the writer is never given.
        let ics = session_event(&s, &WORDS, now()).replace("\r\n ", "");
        for secret in ["SECRET", s.relationship.as_str(), s.author.as_str()] {
            assert!(!ics.contains(secret), "{secret} in {ics}");
        }
        // The reader's host id (amira, the partner here) is written nowhere; their name only
        // as the calendar's organizer.
        assert!(!ics.contains("amira"), "{ics}");
        let naming: Vec<&str> = (ics.split("\r\n"))
            .filter(|l| l.contains("Amira"))
            .collect();
        assert_eq!(naming.len(), 1, "{ics}");
        assert!(naming[0].starts_with("ORGANIZER;"), "{ics}");
    }
    #[test]
    fn a_deleted_sessions_file_cancels_the_same_event_with_a_later_sequence() {
        let s = session("2026-12-03T10:00", 60, Place::Online);
        let added = session_event(&s, &WORDS, now());
        let later = Millis(now().0 + 5 * 60_000);
        let cancel = session_cancellation(&s, &WORDS, later);
        assert_eq!(property(&cancel, "METHOD").as_deref(), Some("CANCEL"));
        assert_eq!(property(&cancel, "STATUS").as_deref(), Some("CANCELLED"));
        assert_eq!(property(&cancel, "UID"), property(&added, "UID"));
        assert_eq!(property(&cancel, "DTSTART"), property(&added, "DTSTART"));
        let seq = |ics: &str| property(ics, "SEQUENCE").unwrap().parse::<i64>().unwrap();
        assert!(seq(&cancel) > seq(&added));
        assert_eq!(property(&added, "METHOD").as_deref(), Some("PUBLISH"));
        assert_eq!(property(&added, "STATUS"), None);
    }

    #[test]
    fn a_cancellation_has_the_events_organizer_and_uid_and_a_higher_sequence() {
        let s = session("2026-12-03T10:00", 60, Place::Online);
        let added = session_event(&s, &WORDS, now());
        let cancel = session_cancellation(&s, &WORDS, Millis(now().0 + 5 * 60_000));
        let event = |method: &str, sequence: &str, dtstamp: &str, status: &str| {
            format!(
                "BEGIN:VCALENDAR\r\n\
                 VERSION:2.0\r\n\
                 PRODID:-//Mentoring widget//Sessions//EN\r\n\
                 CALSCALE:GREGORIAN\r\n\
                 METHOD:{method}\r\n\
                 BEGIN:VEVENT\r\n\
                 UID:session-42@mentoring-widget\r\n\
                 DTSTAMP:{dtstamp}\r\n\
                 SEQUENCE:{sequence}\r\n\
                 DTSTART:20261203T100000Z\r\n\
                 DTEND:20261203T110000Z\r\n\
                 ORGANIZER;CN=\"Amira Mira Saleh\":mailto:organizer@mentoring-widget.invalid\r\n\
                 {status}\
                 SUMMARY:Mentoring session with James Okafor\r\n\
                 LOCATION:Online\r\n\
                 END:VEVENT\r\n\
                 END:VCALENDAR\r\n"
            )
        };
        assert_eq!(added, event("PUBLISH", "29932985", "20261129T190507Z", ""));
        assert_eq!(
            cancel,
            event(
                "CANCEL",
                "29932990",
                "20261129T191007Z",
                "STATUS:CANCELLED\r\n"
            )
        );
        // A line break in a name cannot end the property and start another.
        let words = EventWords {
            organizer: "Amira\r\nBEGIN:VEVENT",
            ..WORDS
        };
        let cancel = session_cancellation(&s, &words, now());
        assert_eq!(
            property(&cancel, "ORGANIZER;CN=\"AmiraBEGIN:VEVENT\"").as_deref(),
            Some("mailto:organizer@mentoring-widget.invalid")
        );
        let lines = cancel.split("\r\n");
        assert_eq!(lines.filter(|l| *l == "BEGIN:VEVENT").count(), 1);
    }

    #[test]
    fn a_files_name_says_the_kind_of_session_its_day_and_its_time() {
        let morning = parse_wall_clock("2026-12-10T09:05").unwrap();
        let afternoon = parse_wall_clock("2026-12-10T14:30").unwrap();
        assert_eq!(
            file_name("coaching", morning),
            "coaching-session-2026-12-10-0905.ics"
        );
        assert_ne!(
            file_name("mentoring", morning),
            file_name("mentoring", afternoon)
        );
    }
}
