//! The one problem a form shows at a time, and which of its parts it is about: the part's
//! control is marked `aria-invalid` and the message appears beside it.
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
pub(super) struct FormProblem(RwSignal<Option<(u8, String)>>);

impl FormProblem {
    pub(super) fn new() -> FormProblem {
        FormProblem(RwSignal::new(None))
    }

    pub(super) fn set(self, part: impl FormPart, message: String) {
        self.0.set(Some((part.index(), message)));
    }

    pub(super) fn clear(self) {
        self.0.set(None);
    }

    /// The value of the part's `aria-invalid`.
    pub(super) fn invalid(
        self,
        part: impl FormPart,
    ) -> impl Fn() -> String + Send + Sync + Copy + 'static {
        let part = part.index();
        move || {
            self.0
                .with(|p| p.as_ref().is_some_and(|(at, _)| *at == part))
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

    /// The message, whichever part it is about (for a form that shows it in one place).
    pub(super) fn any_message(self) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
        self.message_where(None)
    }

    fn message_where(
        self,
        part: Option<u8>,
    ) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
        move || {
            self.0.with(|p| {
                p.as_ref()
                    .filter(|(at, _)| part.is_none_or(|part| *at == part))
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
}
