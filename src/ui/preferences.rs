//! "Matching preferences", in Find a mentor: what a person shares for matching (gender,
//! ethnicity, background, in their own words) and which of it they would like a mentor to
//! share. Only they see it; the form says so, and who sees what.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::preferences::{Answer, Attribute, ANSWERS_PER_WINDOW, ANSWER_WINDOW_MS};
use mentoring_core::time::MS_PER_DAY;
use mentoring_core::MatchingPreferences;

use super::form_problem::{FormPart, FormProblem};
use super::i18n::{Locale, Text};
use super::memo;
use super::shown_while;
use super::state::Actions;
use super::CollectAny;
use super::{refused_while, use_locale};

/// Who learns what from these answers. A mentee who changes their own answer learns, one
/// value at a time, whether a mentor shares it: the promise says so, with the host's limit on
/// how many values it answers (`preferences::may_answer`), so it cannot promise more.
fn privacy(locale: Locale) -> String {
    let days = usize::try_from(ANSWER_WINDOW_MS / MS_PER_DAY).unwrap_or(0);
    locale.format(
        Text::PrefsPrivacy,
        &[
            &locale.number(ANSWERS_PER_WINDOW),
            &locale.count(Text::CountDays, days),
        ],
    )
}

/// What a refusal can be about: one attribute's field, or the form as a whole.
#[derive(Clone, Copy)]
enum Part {
    Attribute(Attribute),
    Whole,
}

impl FormPart for Part {
    fn index(self) -> u8 {
        match self {
            Part::Attribute(a) => a as u8,
            Part::Whole => Attribute::ALL.len() as u8,
        }
    }
}

pub(super) fn label(attribute: Attribute) -> Text {
    match attribute {
        Attribute::Gender => Text::AttributeGender,
        Attribute::Ethnicity => Text::AttributeEthnicity,
        Attribute::Background => Text::AttributeBackground,
    }
}

fn wanted_label(attribute: Attribute) -> Text {
    match attribute {
        Attribute::Gender => Text::PrefsWantGender,
        Attribute::Ethnicity => Text::PrefsWantEthnicity,
        Attribute::Background => Text::PrefsWantBackground,
    }
}

/// What Find a mentor says of a preference the host holds: paused until "{0}" (a date).
pub(super) fn held_text(attribute: Attribute) -> Text {
    match attribute {
        Attribute::Gender => Text::PrefsHeldGender,
        Attribute::Ethnicity => Text::PrefsHeldEthnicity,
        Attribute::Background => Text::PrefsHeldBackground,
    }
}

/// What the last change did, and the record to put back on Undo.
#[derive(Clone)]
struct Done {
    said: Text,
    before: Option<MatchingPreferences>,
}

#[component]
pub fn MatchingPreferencesForm(actions: Actions) -> impl IntoView {
    let locale = use_locale();
    let stored = memo(move || actions.workspace.my_preferences());
    let answers: Vec<(Attribute, RwSignal<Answer>)> = (Attribute::ALL.into_iter())
        .map(|a| {
            let answer = stored.get_untracked().map(|p| p.answer(a));
            (a, RwSignal::new(answer.unwrap_or_default()))
        })
        .collect();
    let answers = StoredValue::new(answers);
    let show = move |p: Option<&MatchingPreferences>| {
        for (a, answer) in answers.get_value() {
            answer.set(p.map(|p| p.answer(a)).unwrap_or_default());
        }
    };
    let problem = FormProblem::new();
    let done = RwSignal::new(None::<Done>);
    let busy = RwSignal::new(false);
    let save = move |after: MatchingPreferences, said: Text| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let before = stored.get_untracked();
        spawn_local(async move {
            match actions.save_preferences(after.clone()).await {
                Ok(()) => {
                    problem.clear();
                    show(Some(&after));
                    done.set(Some(Done { said, before }));
                }
                Err((about, message)) => {
                    done.set(None);
                    problem.set(about.map_or(Part::Whole, Part::Attribute), message);
                }
            }
            busy.set(false);
        });
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(me) = actions.me() else { return };
        let given = answers
            .get_value()
            .into_iter()
            .map(|(a, answer)| (a, answer.get_untracked()));
        save(
            MatchingPreferences::from_answers(&me, given),
            Text::PrefsSaved,
        );
    };
    let nothing_stored =
        move || stored.with(|p| p.as_ref().is_none_or(MatchingPreferences::is_empty));
    let remove_all = move |_| {
        if nothing_stored() {
            return;
        }
        if let Some(me) = actions.me() {
            save(MatchingPreferences::of(&me), Text::PrefsRemoved);
        }
    };
    let undo = move |_| {
        let (Some(me), Some(Done { before, .. })) = (actions.me(), done.get_untracked()) else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let back = before.unwrap_or_else(|| MatchingPreferences::of(&me));
        spawn_local(async move {
            match actions.save_preferences(back.clone()).await {
                Ok(()) => {
                    problem.clear();
                    show(Some(&back));
                    done.set(None);
                }
                Err((about, message)) => {
                    problem.set(about.map_or(Part::Whole, Part::Attribute), message)
                }
            }
            busy.set(false);
        });
    };
    let fields = answers
        .get_value()
        .into_iter()
        .map(|(a, answer)| {
            let key = a.key();
            let (input_id, hint_id, error_id, wanted_id) = (
                format!("mw-pref-{key}"),
                format!("mw-pref-{key}-hint"),
                format!("mw-pref-{key}-error"),
                format!("mw-pref-{key}-wanted"),
            );
            let part = Part::Attribute(a);
            view! {
                <label class="mw-field" for=input_id.clone()>{locale.text(label(a))}</label>
                <p id=hint_id.clone() class="mw-hint">{locale.text(Text::PrefsFieldHint)}</p>
                <input
                    id=input_id
                    type="text"
                    dir="auto"
                    maxlength="60"
                    autocomplete="off"
                    aria-describedby=format!("{hint_id} {error_id}")
                    aria-invalid=problem.invalid(part)
                    prop:value=move || answer.with(|x| x.value.clone())
                    on:input=move |ev| {
                        answer.update(|x| x.value = event_target_value(&ev));
                        problem.clear();
                        done.set(None);
                    }
                />
                <p id=error_id class="mw-error" role="alert">{problem.message(part)}</p>
                <label class="mw-option">
                    <input
                        id=wanted_id
                        type="checkbox"
                        prop:checked=move || answer.with(|x| x.wanted)
                        on:change=move |ev| {
                            answer.update(|x| x.wanted = event_target_checked(&ev));
                            problem.clear();
                            done.set(None);
                        }
                    />
                    <span>{locale.text(wanted_label(a))}</span>
                </label>
            }
        })
        .collect_any();
    view! {
        <section class="mw-section mw-preferences" aria-labelledby="mw-prefs-heading">
            <h4 id="mw-prefs-heading">{locale.text(Text::PrefsHeading)}</h4>
            <p class="mw-hint">{privacy(locale)}</p>
            {shown_while(move || stored.with(|p| p.as_ref().is_none_or(MatchingPreferences::is_empty)), move || view! {
                <p class="mw-empty">{locale.text(Text::PrefsEmpty)}</p>
            }.into_any())}
            <form class="mw-form" on:submit=submit novalidate>
                {fields}
                <p class="mw-error" role="alert">{problem.message(Part::Whole)}</p>
                {move || {
                    done.get()
                        .map(|d| {
                            view! {
                                <p class="mw-saved" role="status">
                                    {locale.text(d.said)} " "
                                    <button type="button" class="mw-secondary mw-undo" on:click=undo>
                                        {locale.text(Text::Undo)}
                                    </button>
                                </p>
                            }
                        })
                }}
                <div class="mw-actions">
                    <button type="submit" aria-disabled=refused_while(move || busy.get())>
                        {locale.text(Text::PrefsSave)}
                    </button>
                    <button
                        type="button"
                        class="mw-secondary"
                        aria-disabled=refused_while(move || busy.get() || nothing_stored())
                        on:click=remove_all
                    >
                        {locale.text(Text::PrefsRemoveAll)}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_promise_says_what_a_mentee_can_learn_and_the_limit_the_host_keeps() {
        let en = privacy(Locale::EnGb);
        assert!(!en.contains("only that you match"), "{en}");
        assert!(en.contains("learns that you share it"), "{en}");
        assert!(
            en.contains(&format!(
                "at most {ANSWERS_PER_WINDOW} per question within 30 days"
            )),
            "{en}"
        );
        let ar = privacy(Locale::Ar);
        assert!(ar.contains("3") || ar.contains("٣"), "{ar}");
        assert!(!ar.contains('{'), "{ar}");
    }
}
