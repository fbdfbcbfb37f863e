//! The problems a form shows, and which of its parts each is about: the part's control is
//! marked `aria-invalid` and the message appears beside it. Most forms show the first problem
//! the core finds; one whose core lists them all (`feedback::feedback_problems`) shows each.
//!
//! One type for every form: each form numbers its parts with an enum of its own, but what the
//! view reads is the same closure type everywhere, so the reactive code behind it is compiled
//! once instead of once per form.

use leptos::prelude::*;

/// A part of one form (a field or a group of fields) a problem can be about.
pub(super) trait FormPart: Copy {
    fn index(self) -> u8;
}

#[derive(Clone, Copy)]
pub(super) struct FormProblem(RwSignal<Vec<(u8, String)>>);

impl FormProblem {
    pub(super) fn new() -> FormProblem {
        FormProblem(RwSignal::new(Vec::new()))
    }

    /// The one problem the form has now.
    pub(super) fn set(self, part: impl FormPart, message: String) {
        self.0.set(vec![(part.index(), message)]);
    }

    /// Every problem the form has now, each beside its part (a part's first is shown).
    pub(super) fn set_all<P: FormPart>(self, problems: impl IntoIterator<Item = (P, String)>) {
        let problems = problems.into_iter().map(|(p, m)| (p.index(), m)).collect();
        self.0.set(problems);
    }

    pub(super) fn clear(self) {
        self.0.set(Vec::new());
    }

    /// The value of the part's `aria-invalid`.
    pub(super) fn invalid(
        self,
        part: impl FormPart,
    ) -> impl Fn() -> String + Send + Sync + Copy + 'static {
        self.invalid_at(part.index())
    }

    // Not generic over the form's parts: one closure type for every form.
    fn invalid_at(self, part: u8) -> impl Fn() -> String + Send + Sync + Copy + 'static {
        move || {
            self.0
                .with(|p| p.iter().any(|(at, _)| *at == part))
                .to_string()
        }
    }

    /// The message to show beside the part, when the problem is about it.
    pub(super) fn message(
        self,
        part: impl FormPart,
    ) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
        let part = Some(part.index());
        self.message_where(part)
    }

    /// The first message, whichever part it is about (for a form that shows it in one place).
    pub(super) fn any_message(self) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
        self.message_where(None)
    }

    fn message_where(
        self,
        part: Option<u8>,
    ) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
        move || {
            self.0.with(|p| {
                p.iter()
                    .find(|(at, _)| part.is_none_or(|part| *at == part))
                    .map(|(_, message)| message.clone())
            })
        }
    }
}

/// A number type a whole-number field sets.
pub(super) trait Whole: Copy + ToString + TryFrom<i64> {
    const LOWEST: Self;
    const HIGHEST: Self;
}

macro_rules! whole {
    ($($t:ty),*) => {$(
        impl Whole for $t {
            const LOWEST: Self = <$t>::MIN;
            const HIGHEST: Self = <$t>::MAX;
        }
    )*};
}
whole!(u8, u16, u32, i32);

/// What a whole-number field holds, read by [`whole_number`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum WholeNumber<T> {
    Empty,
    /// Not a whole number ("5e", "2.5").
    Unreadable,
    Is(T),
    /// A whole number no `T` holds ("-5" minutes, "100000"): it stands at the nearest `T`,
    /// which every range the core allows leaves out, so the core's range refusal is what the
    /// field says; `typed` is what that refusal names instead of the stand-in ([`as_typed`]).
    Beyond {
        nearest: T,
        typed: String,
    },
}

/// The one reading of a whole-number field: a whole number out of range is told its range,
/// never to write a whole number.
pub(super) fn whole_number<T: Whole>(text: &str) -> WholeNumber<T> {
    let Some(read) = read_whole(text) else {
        return if text.trim().is_empty() {
            WholeNumber::Empty
        } else {
            WholeNumber::Unreadable
        };
    };
    let (n, typed) = read;
    match T::try_from(n) {
        Ok(value) => WholeNumber::Is(value),
        Err(_) => WholeNumber::Beyond {
            nearest: if n < 0 { T::LOWEST } else { T::HIGHEST },
            typed,
        },
    }
}

/// A whole number and how it is written ("-5", "100000"); one past `i64` stands at its end,
/// beyond every field's type. Kept apart from the types it is read into: one copy in the wasm.
fn read_whole(text: &str) -> Option<(i64, String)> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = match digits.trim_start_matches('0') {
        "" => "0",
        significant => significant,
    };
    let sign = if negative && digits != "0" { "-" } else { "" };
    let n = match (digits.parse::<i64>(), negative) {
        (Ok(n), true) => -n,
        (Ok(n), false) => n,
        (Err(_), true) => i64::MIN,
        (Err(_), false) => i64::MAX,
    };
    Some((n, format!("{sign}{digits}")))
}

/// `refusal` of a field's stand-in value `nearest` naming what was `typed` instead (the value
/// a range refusal names comes last).
pub(super) fn as_typed(
    mut refusal: mentoring_core::Refusal,
    nearest: &str,
    typed: &str,
) -> mentoring_core::Refusal {
    if let Some(arg) = refusal.args.iter_mut().rev().find(|a| *a == nearest) {
        typed.clone_into(arg);
    }
    refusal
}

#[cfg(test)]
mod tests {
    use super::{whole_number, FormPart, FormProblem, WholeNumber};

    #[derive(Clone, Copy)]
    enum Part {
        Title,
        Due,
    }

    impl FormPart for Part {
        fn index(self) -> u8 {
            self as u8
        }
    }

    #[test]
    fn only_the_part_a_problem_is_about_is_marked_and_shows_it() {
        let problem = FormProblem::new();
        let (title_invalid, due_invalid) =
            (problem.invalid(Part::Title), problem.invalid(Part::Due));
        let (title_message, due_message) =
            (problem.message(Part::Title), problem.message(Part::Due));
        assert_eq!(title_invalid(), "false");
        assert_eq!(title_message(), None);

        problem.set(Part::Due, "Pick a date after today".to_owned());
        assert_eq!(title_invalid(), "false");
        assert_eq!(due_invalid(), "true");
        assert_eq!(title_message(), None);
        assert_eq!(due_message().as_deref(), Some("Pick a date after today"));
        assert_eq!(
            problem.any_message()().as_deref(),
            Some("Pick a date after today")
        );

        problem.clear();
        assert_eq!(due_invalid(), "false");
        assert_eq!(problem.any_message()(), None);
    }

    #[test]
    fn several_problems_are_each_shown_beside_their_own_part() {
        let problem = FormProblem::new();
        problem.set_all([
            (Part::Title, "Name the goal".to_owned()),
            (Part::Due, "Pick a date after today".to_owned()),
        ]);
        assert_eq!(problem.invalid(Part::Title)(), "true");
        assert_eq!(problem.invalid(Part::Due)(), "true");
        assert_eq!(
            problem.message(Part::Title)().as_deref(),
            Some("Name the goal")
        );
        assert_eq!(
            problem.message(Part::Due)().as_deref(),
            Some("Pick a date after today")
        );
        assert_eq!(problem.any_message()().as_deref(), Some("Name the goal"));

        problem.set(Part::Due, "Pick a date after today".to_owned());
        assert_eq!(
            problem.invalid(Part::Title)(),
            "false",
            "one problem replaces them all"
        );
    }

    #[test]
    fn a_whole_number_out_of_its_type_is_beyond_it_not_unreadable() {
        use WholeNumber::*;
        assert_eq!(whole_number::<u16>(" 60 "), Is(60));
        assert_eq!(whole_number::<u16>("+60"), Is(60));
        assert_eq!(whole_number::<u16>(""), Empty);
        for unreadable in ["6o", "2.5", "-", "5e3", "1 000"] {
            assert_eq!(whole_number::<u16>(unreadable), Unreadable, "{unreadable}");
        }
        fn beyond<T>(nearest: T, typed: &str) -> WholeNumber<T> {
            Beyond {
                nearest,
                typed: typed.to_owned(),
            }
        }
        assert_eq!(whole_number::<u16>("-5"), beyond(0, "-5"));
        assert_eq!(whole_number::<u16>("100000"), beyond(u16::MAX, "100000"));
        assert_eq!(whole_number::<u8>("-3"), beyond(0, "-3"));
        assert_eq!(whole_number::<i32>("-3"), Is(-3));
        assert_eq!(
            whole_number::<u32>("99999999999999999999"),
            beyond(u32::MAX, "99999999999999999999")
        );
        let huge = "9".repeat(60);
        assert_eq!(
            whole_number::<i32>(&format!("-{huge}")),
            beyond(i32::MIN, &format!("-{huge}"))
        );
    }
}
