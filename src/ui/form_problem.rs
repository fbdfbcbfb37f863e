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
        let part = part.index();
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

#[cfg(test)]
mod tests {
    use super::{FormPart, FormProblem};

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
}
