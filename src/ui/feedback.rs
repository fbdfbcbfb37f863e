//! Feedback: the form one of the pair fills in for the other (strengths and development
//! areas, each with an example; ratings; an overall comment; who may read it), and the
//! feedback the person received.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::feedback::{
    feedback_in, feedback_problems, may_give_feedback, may_rewrite_feedback, FeedbackPart,
    FeedbackSide, ObservationFault, ObservationField, Ratings,
};
use mentoring_core::relationship::Side;
use mentoring_core::session::{held_by, sessions_with_partner_now};
use mentoring_core::{Feedback, Observation, RatingScale, RecordId, Refusal, Rule, Visibility};

use super::form_problem::{FormPart, FormProblem};
use super::i18n::Text;
use super::keyed_list;
use super::memo;
use super::relationships::{my_id, title_of};
use super::screens::{missing_record, Nav, Screen};
use super::session_log::zone;
use super::shown_while;
use super::state::Actions;
use super::undo_line;
use super::CollectAny;
use super::{refused_while, use_locale};
use super::{set_from_event, value_of};

pub(super) fn scale_text(scale: RatingScale) -> Text {
    match scale {
        RatingScale::Listening => Text::ScaleListening,
        RatingScale::Clarity => Text::ScaleClarity,
        RatingScale::Support => Text::ScaleSupport,
        RatingScale::Challenge => Text::ScaleChallenge,
    }
}

/// What a scale rates, said for who receives the feedback: the mentor or coach is rated on
/// the help they gave, the mentee or coachee on how they took it up.
fn scale_hint(scale: RatingScale, receiver: Side) -> Text {
    match (receiver, scale) {
        (Side::Mentor, RatingScale::Listening) => Text::ScaleListeningHint,
        (Side::Mentor, RatingScale::Clarity) => Text::ScaleClarityHint,
        (Side::Mentor, RatingScale::Support) => Text::ScaleSupportHint,
        (Side::Mentor, RatingScale::Challenge) => Text::ScaleChallengeHint,
        (Side::Mentee, RatingScale::Listening) => Text::ScaleListeningHintToMentee,
        (Side::Mentee, RatingScale::Clarity) => Text::ScaleClarityHintToMentee,
        (Side::Mentee, RatingScale::Support) => Text::ScaleSupportHintToMentee,
        (Side::Mentee, RatingScale::Challenge) => Text::ScaleChallengeHintToMentee,
    }
}

pub(super) fn visibility_text(visibility: Visibility) -> (Text, Text) {
    match visibility {
        Visibility::PrivateToReceiver => (Text::VisibilityPrivate, Text::VisibilityPrivateHint),
        Visibility::SharedWithPair => (Text::VisibilityShared, Text::VisibilitySharedHint),
        Visibility::AnonymousAggregate => {
            (Text::VisibilityAnonymous, Text::VisibilityAnonymousHint)
        }
    }
}

/// Which list an observation row is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Strength,
    Development,
}

/// The part of the form a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Strengths,
    Development,
    Ratings,
    Overall,
    Other,
}

impl Field {
    fn of(part: FeedbackPart) -> Field {
        match part {
            FeedbackPart::Strengths(_) => Field::Strengths,
            FeedbackPart::DevelopmentAreas(_) => Field::Development,
            FeedbackPart::Ratings => Field::Ratings,
            FeedbackPart::Overall => Field::Overall,
            FeedbackPart::Parties => Field::Other,
        }
    }
}

/// The first control a problem marks, in the form's order: a text field, or the first choice
/// of a rating scale.
const FIRST_INVALID: &str = "#mw-feedback-form :is(input, textarea)[aria-invalid='true'], \
     #mw-feedback-form .mw-rating[aria-invalid='true'] input";

impl FormPart for Field {
    fn index(self) -> u8 {
        self as u8
    }
}

#[derive(Clone, Copy)]
struct ObservationRow {
    key: u32,
    text: RwSignal<String>,
    example: RwSignal<String>,
}

impl ObservationRow {
    fn new(key: u32) -> ObservationRow {
        ObservationRow {
            key,
            text: RwSignal::new(String::new()),
            example: RwSignal::new(String::new()),
        }
    }
}

/// The rows someone wrote something in (a row left wholly empty is not an observation): the
/// keys of those rows, and their observations, in order.
fn written(rows: &[ObservationRow]) -> (Vec<u32>, Vec<Observation>) {
    rows.iter()
        .map(|r| {
            let observation = Observation {
                text: r.text.get_untracked().trim().to_owned(),
                example: r.example.get_untracked().trim().to_owned(),
            };
            (r.key, observation)
        })
        .filter(|(_, o)| !(o.text.is_empty() && o.example.is_empty()))
        .unzip()
}

/// Rows holding `list`, keyed from `next_key` on.
fn rows_of(list: &[Observation], next_key: StoredValue<u32>) -> Vec<ObservationRow> {
    list.iter()
        .map(|o| {
            let key = next_key.get_value();
            next_key.set_value(key + 1);
            let row = ObservationRow::new(key);
            row.text.set(o.text.clone());
            row.example.set(o.example.clone());
            row
        })
        .collect()
}

/// The feedback form: new feedback, or, with `editing`, feedback its giver gave before,
/// filled in with what it says.
#[component]
pub fn FeedbackForm(
    actions: Actions,
    nav: Nav,
    relationship: RecordId,
    #[prop(optional, into)] editing: Option<RecordId>,
) -> impl IntoView {
    let locale = use_locale();
    // Only its giver opens feedback to change it; anyone else finds nothing to fill in.
    let editing = editing.map(|id| {
        let me = actions.me();
        actions.workspace.feedback.with_untracked(|all| {
            all.iter()
                .find(|f| f.id == id && me.as_ref().is_some_and(|me| may_rewrite_feedback(f, me)))
                .cloned()
        })
    });
    let before = StoredValue::new(editing.clone().flatten());
    let rel_id = relationship.clone();
    let rel = memo(move || actions.workspace.relationship(&rel_id));
    // Whether I may give feedback here at all (the core's answer), and to whom.
    let allowed = memo(move || {
        let r = rel.get()?;
        let me = my_id(actions)?;
        Some(may_give_feedback(&r, &me).map_err(|refusal| locale.refusal(&refusal)))
    });
    let partner_name = memo(move || {
        let r = rel.get()?;
        let me = my_id(actions)?;
        r.partner_of(&me).map(|p| actions.workspace.name_of(p))
    });
    let next_key = StoredValue::new(2u32);
    let (strengths, development, ratings, overall, visibility, about_session) =
        match before.get_value() {
            Some(f) => (
                RwSignal::new(rows_of(&f.strengths, next_key)),
                RwSignal::new(rows_of(&f.development_areas, next_key)),
                RwSignal::new(f.ratings.clone()),
                RwSignal::new(f.overall.clone()),
                RwSignal::new(f.visibility),
                RwSignal::new(f.session.map(|s| s.to_string()).unwrap_or_default()),
            ),
            None => (
                RwSignal::new(vec![ObservationRow::new(0)]),
                RwSignal::new(vec![ObservationRow::new(1)]),
                RwSignal::new(Ratings::new()),
                RwSignal::new(String::new()),
                RwSignal::new(Visibility::PrivateToReceiver),
                RwSignal::new(String::new()),
            ),
        };
    let problem = FormProblem::new();
    // The one row field of each list a problem is about, when the core says which: only it
    // is marked; without, the whole list is.
    let faults = RwSignal::new((
        None::<(u32, ObservationField)>,
        None::<(u32, ObservationField)>,
    ));
    let busy = RwSignal::new(false);
    let sessions = memo(move || {
        let zone = zone::of_me(actions);
        let (Some(me), Some(r)) = (my_id(actions), rel.get()) else {
            return Vec::new();
        };
        // Only a session whose time has come (`feedback::check_feedback_session`); one linked
        // before stays listed, so an edit keeps it.
        let now = actions.now();
        let linked = before.with_value(|b| b.as_ref().and_then(|f| f.session.clone()));
        actions.workspace.sessions.with(|all| {
            sessions_with_partner_now(all, &r, &me)
                .into_iter()
                .filter(|s| held_by(s.at, now) || linked.as_ref() == Some(&s.id))
                .map(|s| (s.id.to_string(), locale.date_time(s.at, &zone)))
                .collect::<Vec<_>>()
        })
    });
    let add = move |list: RwSignal<Vec<ObservationRow>>| {
        move |_| {
            let key = next_key.get_value();
            next_key.set_value(key + 1);
            list.update(|l| l.push(ObservationRow::new(key)));
        }
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (Some(r), Some(me)) = (rel.get_untracked(), actions.me()) else {
            return;
        };
        let Some(receiver) = r.partner_of(&me).cloned() else {
            return;
        };
        // Feedback changed stays what it was: its id, and when it was given.
        let (id, given_at) = before.with_value(|b| match b {
            Some(f) => (f.id.clone(), f.given_at),
            None => (actions.new_id("feedback"), actions.now()),
        });
        let (strength_keys, strengths_written) = strengths.with_untracked(|rows| written(rows));
        let (development_keys, development_written) =
            development.with_untracked(|rows| written(rows));
        let feedback = Feedback {
            id,
            giver: me,
            receiver,
            relationship: r.id.clone(),
            session: RecordId::parse(&about_session.get_untracked()).ok(),
            strengths: strengths_written,
            development_areas: development_written,
            ratings: ratings.get_untracked(),
            overall: overall.get_untracked().trim().to_owned(),
            visibility: visibility.get_untracked(),
            given_at,
        };
        let opened = before.get_value();
        let changing = opened.is_some();
        busy.set(true);
        spawn_local(async move {
            let result = if let Some(opened) = opened {
                actions.change_feedback(opened, feedback.clone()).await
            } else {
                actions.give_feedback(feedback.clone()).await
            };
            match result {
                Ok(()) if changing => {
                    nav.set_unsaved("feedback", false);
                    nav.go(Screen::Relationship(feedback.relationship.clone()));
                }
                // The form closes on the feedback as the relationship's page lists it, with
                // the keyboard on it: a form emptied again invited giving it twice.
                Ok(()) => {
                    nav.set_unsaved("feedback", false);
                    nav.go(Screen::Relationship(feedback.relationship.clone()));
                    nav.focus(&format!("#mw-feedback-{}", feedback.id));
                }
                // Every problem the draft has, each beside its field, and the keyboard in the
                // first; a refusal that is not about the draft (it is no longer theirs, the
                // relationship is not under way) is said under the form.
                Err(message) => {
                    let found = feedback_problems(&feedback, &r);
                    // The observation the core blames, back to the row it was written in.
                    let row = |keys: &[u32], fault: &Option<ObservationFault>| {
                        fault.and_then(|f| Some((*keys.get(f.index)?, f.field)))
                    };
                    let mut blamed = (None, None);
                    for (part, _) in &found {
                        match part {
                            FeedbackPart::Strengths(f) => blamed.0 = row(&strength_keys, f),
                            FeedbackPart::DevelopmentAreas(f) => {
                                blamed.1 = row(&development_keys, f)
                            }
                            _ => {}
                        }
                    }
                    // A row's half missing is said of that row, by its number on the form.
                    let of_row = |part: &FeedbackPart, refusal: &Refusal| {
                        let (rows, (key, field), texts) = match part {
                            FeedbackPart::Strengths(_)
                                if refusal.rule == Rule::FeedbackStrength =>
                            {
                                (
                                    strengths,
                                    blamed.0?,
                                    (Text::StrengthWithoutExample, Text::ExampleWithoutStrength),
                                )
                            }
                            FeedbackPart::DevelopmentAreas(_)
                                if refusal.rule == Rule::FeedbackDevelopmentArea =>
                            {
                                (
                                    development,
                                    blamed.1?,
                                    (
                                        Text::DevelopmentWithoutExample,
                                        Text::ExampleWithoutDevelopment,
                                    ),
                                )
                            }
                            _ => return None,
                        };
                        let n = rows.with_untracked(|r| r.iter().position(|x| x.key == key))? + 1;
                        let said = match field {
                            ObservationField::Example => texts.0,
                            ObservationField::Text => texts.1,
                        };
                        Some(locale.format(said, &[&locale.number(n as i64)]))
                    };
                    let mut shown: Vec<(Field, String)> = (found.iter())
                        .map(|(part, refusal)| {
                            let said =
                                of_row(part, refusal).unwrap_or_else(|| locale.refusal(refusal));
                            (Field::of(*part), said)
                        })
                        .collect();
                    if !found
                        .iter()
                        .any(|(_, refusal)| locale.refusal(refusal) == message)
                    {
                        shown.push((Field::Other, message));
                    }
                    problem.set_all(shown);
                    faults.set(blamed);
                    nav.focus(FIRST_INVALID);
                }
            }
            busy.set(false);
        });
    };

    let changing = before.with_value(|b| {
        b.as_ref().map(|f| {
            locale.format(
                Text::EditFeedbackTo,
                &[&actions.workspace.name_of(&f.receiver)],
            )
        })
    });
    let title = move || {
        changing.clone().unwrap_or_else(|| {
            rel.get()
                .map(|r| locale.format(Text::FeedbackFor, &[&title_of(actions, &r, locale)]))
                .unwrap_or_else(|| locale.text(Text::GiveFeedback).to_owned())
        })
    };
    // Asked to change feedback that is gone, or not theirs: nothing to fill the form with.
    if editing.is_some_and(|found| found.is_none()) {
        return missing_record(Text::GiveFeedback, Text::RecordGone);
    }
    let back_to = relationship.clone();
    let form = move || match allowed.get() {
        None => view! {
            <p class="mw-error" role="alert">{locale.text(Text::RelationshipMissing)}</p>
        }
        .into_any(),
        Some(Err(why)) => view! { <p class="mw-note">{why}</p> }.into_any(),
        Some(Ok(())) => {
            nav.forget_unsaved_with_form("feedback");
            // Feedback goes to the partner: the mentee's goes to the mentor, and back.
            let giver = rel.with_untracked(|r| {
                let me = my_id(actions)?;
                r.as_ref()?.side_of(&me)
            });
            let receiver = match giver {
                Some(Side::Mentor) => Side::Mentee,
                _ => Side::Mentor,
            };
            view! {
            <form
                id="mw-feedback-form"
                class="mw-form"
                on:submit=submit
                on:input=move |_| nav.set_unsaved("feedback", true)
                novalidate
            >
                <p class="mw-hint">
                    {move || {
                        locale.format(Text::FeedbackTo, &[&partner_name.get().unwrap_or_default()])
                    }}
                </p>
                <fieldset class="mw-fieldset">
                    <legend>{locale.text(Text::Strengths)}</legend>
                    <ObservationRows
                        kind=Kind::Strength
                        rows=strengths
                        invalid=problem.invalid(Field::Strengths)
                        fault=Signal::derive(move || faults.get().0)
                    />
                    <p id="mw-strength-error" class="mw-error" role="alert">
                        {problem.message(Field::Strengths)}
                    </p>
                    <button type="button" class="mw-secondary" on:click=add(strengths)>
                        {locale.text(Text::AddStrength)}
                    </button>
                </fieldset>
                <fieldset class="mw-fieldset">
                    <legend>{locale.text(Text::DevelopmentAreas)}</legend>
                    <ObservationRows
                        kind=Kind::Development
                        rows=development
                        invalid=problem.invalid(Field::Development)
                        fault=Signal::derive(move || faults.get().1)
                    />
                    <p id="mw-development-error" class="mw-error" role="alert">
                        {problem.message(Field::Development)}
                    </p>
                    <button type="button" class="mw-secondary" on:click=add(development)>
                        {locale.text(Text::AddDevelopmentArea)}
                    </button>
                </fieldset>
                <fieldset class="mw-fieldset">
                    <legend>{locale.text(Text::Ratings)}</legend>
                    <p class="mw-hint">{locale.text(Text::RatingsHint)}</p>
                    {RatingScale::ALL
                        .into_iter()
                        .map(|scale| view! { <RatingGroup scale receiver ratings invalid=problem.invalid(Field::Ratings) /> })
                        .collect_any()}
                    <p id="mw-ratings-error" class="mw-error" role="alert">
                        {problem.message(Field::Ratings)}
                    </p>
                </fieldset>
                <label class="mw-field" for="mw-feedback-overall">
                    {locale.text(Text::OverallComment)}
                </label>
                <textarea
                    dir="auto"
                    id="mw-feedback-overall"
                    rows="3"
                    aria-invalid=problem.invalid(Field::Overall)
                    aria-describedby="mw-feedback-overall-error"
                    prop:value=value_of(overall)
                    on:input=set_from_event(overall)
                />
                <p id="mw-feedback-overall-error" class="mw-error" role="alert">
                    {problem.message(Field::Overall)}
                </p>
                <label class="mw-field" for="mw-feedback-session">
                    {locale.text(Text::AboutSession)}
                </label>
                <select
                    id="mw-feedback-session"
                    on:change=set_from_event(about_session)
                >
                    <option value="" selected=move || about_session.with(String::is_empty)>
                        {locale.text(Text::NoParticularSession)}
                    </option>
                    {move || {
                        sessions
                            .get()
                            .into_iter()
                            .map(|(id, when)| {
                                let chosen = about_session.with_untracked(|s| s == &id);
                                view! { <option value=id selected=chosen>{when}</option> }
                            })
                            .collect_any()
                    }}
                </select>
                <fieldset class="mw-fieldset mw-choice">
                    <legend>{locale.text(Text::WhoMayRead)}</legend>
                    {Visibility::ALL
                        .into_iter()
                        .map(|choice| {
                            let (name, hint) = visibility_text(choice);
                            let hint_id = format!("mw-visibility-{choice:?}-hint");
                            view! {
                                <label class="mw-option">
                                    <input
                                        type="radio"
                                        name="mw-feedback-visibility"
                                        aria-describedby=hint_id.clone()
                                        prop:checked=move || visibility.get() == choice
                                        on:change=move |_| visibility.set(choice)
                                    />
                                    <span>{locale.text(name)}</span>
                                </label>
                                <p id=hint_id class="mw-hint mw-option-hint">{locale.text(hint)}</p>
                            }
                        })
                        .collect_any()}
                </fieldset>
                <p class="mw-error" role="alert">{problem.message(Field::Other)}</p>
                <div class="mw-actions">
                    <button type="submit" aria-disabled=refused_while(move || busy.get())>
                        {locale.text(Text::SaveFeedback)}
                    </button>
                </div>
            </form>
        }
        .into_any()
        }
    };
    view! {
        <h3 class="mw-screen-title" tabindex="-1">{title}</h3>
        {form}
        <button
            type="button"
            class="mw-secondary"
            on:click=move |_| nav.go(Screen::Relationship(back_to.clone()))
        >
            {locale.text(Text::CloseForm)}
        </button>
    }
    .into_any()
}

#[component]
fn ObservationRows(
    kind: Kind,
    rows: RwSignal<Vec<ObservationRow>>,
    invalid: impl Fn() -> String + Send + Sync + Copy + 'static,
    fault: Signal<Option<(u32, ObservationField)>>,
) -> impl IntoView {
    let locale = use_locale();
    let (text_label, example_label, remove_label, prefix) = match kind {
        Kind::Strength => (
            Text::StrengthNumbered,
            Text::StrengthExample,
            Text::RemoveStrength,
            "strength",
        ),
        Kind::Development => (
            Text::DevelopmentNumbered,
            Text::DevelopmentExample,
            Text::RemoveDevelopmentArea,
            "development",
        ),
    };
    let several = memo(move || rows.with(|r| r.len() > 1));
    view! {
        <ol class="mw-rows">
            {keyed_list(
                move || rows.get(),
                |row| row.key,
                move |row| view! {
                {
                    let number = memo(move || {
                        rows.with(|r| r.iter().position(|x| x.key == row.key).map_or(0, |n| n + 1))
                    });
                    let text_id = format!("mw-{prefix}-{}-text", row.key);
                    let example_id = format!("mw-{prefix}-{}-example", row.key);
                    let n = move || locale.number(number.get() as i64);
                    let marked = move |field: ObservationField| {
                        move || {
                            let blamed = fault.with(|f| f.is_none_or(|at| at == (row.key, field)));
                            (invalid() == "true" && blamed).to_string()
                        }
                    };
                    let error_id = format!("mw-{prefix}-error");
                    view! {
                        <li class="mw-row">
                            <label class="mw-field" for=text_id.clone()>
                                {move || locale.format(text_label, &[&n()])}
                            </label>
                            <input
                                dir="auto"
                                id=text_id
                                type="text"
                                aria-invalid=marked(ObservationField::Text)
                                aria-describedby=error_id.clone()
                                prop:value=value_of(row.text)
                                on:input=set_from_event(row.text)
                            />
                            <label class="mw-field" for=example_id.clone()>
                                {move || locale.format(example_label, &[&n()])}
                            </label>
                            <textarea
                                dir="auto"
                                id=example_id
                                rows="2"
                                aria-invalid=marked(ObservationField::Example)
                                aria-describedby=error_id
                                prop:value=value_of(row.example)
                                on:input=set_from_event(row.example)
                            />
                            {shown_while(move || several.get(), move || view! {
                                <button
                                    type="button"
                                    class="mw-secondary"
                                    aria-label=move || locale.format(remove_label, &[&n()])
                                    on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))
                                >
                                    {locale.text(Text::Remove)}
                                </button>
                            }.into_any())}
                        </li>
                    }
                }
                }.into_any(),
            )}
        </ol>
    }
}

/// One rating scale as a radio group: not rated, or 1 to 5.
#[component]
fn RatingGroup(
    scale: RatingScale,
    receiver: Side,
    ratings: RwSignal<Ratings>,
    invalid: impl Fn() -> String + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let locale = use_locale();
    let (name, hint) = (scale_text(scale), scale_hint(scale, receiver));
    let group = format!("mw-rating-{scale:?}");
    let hint_id = format!("{group}-hint");
    let legend_id = format!("{group}-legend");
    let (described, named) = (format!("{hint_id} mw-ratings-error"), legend_id.clone());
    let options = (0u8..=5)
        .map(|value| {
            let label = if value == 0 {
                locale.text(Text::NotRated).to_owned()
            } else {
                locale.number(value)
            };
            // Each choice names its scale: "Not rated" alone would be heard once per scale.
            let aria = if value == 0 {
                locale.format(Text::NotRatedFor, &[locale.text(name)])
            } else {
                locale.format(
                    Text::RatingOutOfFive,
                    &[&locale.number(value), locale.text(name)],
                )
            };
            view! {
                <label class="mw-rating-option">
                    <input
                        type="radio"
                        name=group.clone()
                        aria-label=aria
                        prop:checked=move || {
                            ratings.with(|r| r.get(&scale).copied().unwrap_or(0)) == value
                        }
                        on:change=move |_| {
                            ratings
                                .update(|r| {
                                    if value == 0 {
                                        r.remove(&scale);
                                    } else {
                                        r.insert(scale, value);
                                    }
                                })
                        }
                    />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_any();
    view! {
        <fieldset
            class="mw-rating"
            role="radiogroup"
            aria-labelledby=named
            aria-describedby=described
            aria-invalid=invalid
        >
            <legend id=legend_id>{locale.text(name)}</legend>
            <p id=hint_id class="mw-hint">{locale.text(hint)}</p>
            <div class="mw-rating-options">{options}</div>
        </fieldset>
    }
}

/// The feedback I received (or gave) in a relationship, as far as I may read it: feedback
/// given for anonymous programme totals is never shown to its receiver.
#[component]
pub fn FeedbackList(
    actions: Actions,
    relationship: RecordId,
    side: FeedbackSide,
    /// The relationship is over: an empty list says what was, not what is to come.
    over: bool,
    /// The feedback given in a pairing the person was taken off, read back as its sessions
    /// are, with nothing to change (`session::earlier_pairings`).
    #[prop(optional)]
    read_back: Option<Vec<Feedback>>,
) -> impl IntoView {
    let locale = use_locale();
    let read_only = read_back.is_some();
    let list = memo(move || {
        if let Some(list) = &read_back {
            return Some(list.clone());
        }
        let me = my_id(actions)?;
        let r = actions.workspace.relationship(&relationship)?;
        Some(actions.workspace.feedback.with(|all| {
            feedback_in(all, &r, &me, side)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        }))
    });
    let (empty, headline) = match (side, over) {
        (FeedbackSide::Received, false) => (Text::NoFeedbackYet, Text::FeedbackFrom),
        (FeedbackSide::Received, true) => (Text::NoFeedbackOver, Text::FeedbackFrom),
        (FeedbackSide::Given, false) => (Text::NoFeedbackGivenYet, Text::FeedbackGivenTo),
        (FeedbackSide::Given, true) => (Text::NoFeedbackGivenOver, Text::FeedbackGivenTo),
    };
    let my_zone = memo(move || zone::of_me(actions));
    let nav = use_context::<Nav>();
    // The latest are drawn; the earlier behind "Show earlier feedback", or once focus is sent
    // to one of them (an undone deletion).
    let all_shown = RwSignal::new(false);
    let from = super::relationships::LATEST_SHOWN;
    if let Some(nav) = nav {
        nav.show_all_when_sent_to(all_shown, move |to| {
            list.with(|l| {
                (l.iter().flatten().skip(from))
                    .any(|f| to.starts_with(&format!("#mw-feedback-{}", f.id)))
            })
        });
    }
    let items = move || {
        let all = list.get().unwrap_or_default();
        if all_shown.get() {
            all
        } else {
            all.into_iter().take(from).collect()
        }
    };
    let earlier = move || {
        let (n, first) = list.with(|l| {
            let l = l.as_deref().unwrap_or_default();
            (
                l.len().saturating_sub(from),
                l.get(from).map(|f| f.id.clone()),
            )
        });
        let first = first.filter(|_| !all_shown.get())?;
        let show = move |_| {
            all_shown.set(true);
            if let Some(nav) = nav {
                nav.focus(&format!("#mw-feedback-{first}"));
            }
        };
        Some(view! {
            <button type="button" class="mw-secondary mw-show-earlier" on:click=show>
                {locale.format(Text::ShowEarlierFeedback, &[&locale.number(n)])}
            </button>
        })
    };
    // Feedback its giver asked to delete, then deleted (with its receiver and date as shown,
    // for the undo), and what went wrong.
    let asking = RwSignal::new(None::<RecordId>);
    let busy = RwSignal::new(false);
    let deleted = RwSignal::new(None::<(Feedback, String, String)>);
    let error = RwSignal::new(None::<String>);
    let focus = move |selector: String| {
        if let Some(nav) = nav {
            nav.focus(&selector);
        }
    };
    let undo_offer = memo(move || {
        deleted.get().map(|(_, to, when)| {
            (
                locale.text(Text::FeedbackDeleted).to_owned(),
                locale.format(Text::UndoDeleteFeedback, &[&to, &when]),
            )
        })
    });
    let undo = std::sync::Arc::new(move || {
        let Some((feedback, _, _)) = deleted.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match actions.restore_feedback(&feedback).await {
                Ok(()) => {
                    deleted.set(None);
                    focus(format!("#mw-feedback-{}", feedback.id));
                }
                Err(message) => error.set(Some(message)),
            }
        });
    });
    // Its giver changes it in the feedback form, or deletes it once they confirm.
    let changes = move |f: &Feedback, to: String, when: String| {
        let mine = side == FeedbackSide::Given
            && !read_only
            && actions.me().is_some_and(|me| may_rewrite_feedback(f, &me));
        mine.then(|| {
            // Two given in one minute would be named alike: their first words tell them apart.
            let gist = gist_of(f);
            let edit_label = locale.format(Text::EditFeedbackNamed, &[&to, &when, &gist]);
            let delete_label = locale.format(Text::DeleteFeedbackNamed, &[&to, &when, &gist]);
            let question = if f.visibility.reaches_receiver() {
                locale.format(Text::ConfirmDeleteFeedback, &[&to, &when])
            } else {
                locale.format(Text::ConfirmDeleteFeedbackTotals, &[&to, &when])
            };
            let to_screen = Screen::EditFeedback {
                relationship: f.relationship.clone(),
                feedback: f.id.clone(),
            };
            let id = f.id.clone();
            let confirm_id = format!("mw-feedback-{}-delete", f.id);
            let delete_button = format!("#{confirm_id}-button");
            let ask = {
                let (id, confirm_id) = (id.clone(), confirm_id.clone());
                move |_| {
                    error.set(None);
                    asking.set(Some(id.clone()));
                    focus(format!("#{confirm_id} button"));
                }
            };
            let cancel = move |_| {
                asking.set(None);
                focus(delete_button.clone());
            };
            let delete = {
                let id = id.clone();
                move |ev: SubmitEvent| {
                    ev.prevent_default();
                    if busy.get_untracked() {
                        return;
                    }
                    busy.set(true);
                    let (id, to, when) = (id.clone(), to.clone(), when.clone());
                    spawn_local(async move {
                        match actions.delete_feedback(&id).await {
                            Ok(gone) => {
                                deleted.set(Some((gone, to, when)));
                                focus(".mw-feedback-undo".to_owned());
                            }
                            Err(message) => error.set(Some(message)),
                        }
                        asking.set(None);
                        busy.set(false);
                    });
                }
            };
            let this = id.clone();
            let confirm_step = move || {
                asking.with(|a| a.as_ref() == Some(&this)).then(|| {
                    view! {
                        <form id=confirm_id.clone() class="mw-form mw-confirm" on:submit=delete.clone() novalidate>
                            <p>{question.clone()}</p>
                            <div class="mw-actions">
                                <button type="submit" aria-disabled=refused_while(move || busy.get())>
                                    {locale.text(Text::YesDeleteFeedback)}
                                </button>
                                <button type="button" class="mw-secondary mw-cancel" on:click=cancel.clone()>
                                    {locale.text(Text::Cancel)}
                                </button>
                            </div>
                        </form>
                    }
                })
            };
            let asked = id.clone();
            view! {
                <div class="mw-actions">
                    <button
                        type="button"
                        class="mw-secondary"
                        aria-label=edit_label
                        on:click=move |_| {
                            if let Some(nav) = nav {
                                nav.go(to_screen.clone());
                            }
                        }
                    >
                        {locale.text(Text::Edit)}
                    </button>
                    <button
                        type="button"
                        id=format!("mw-feedback-{id}-delete-button")
                        class="mw-secondary"
                        aria-label=delete_label
                        aria-expanded=move || asking.with(|a| a.as_ref() == Some(&asked)).to_string()
                        on:click=ask
                    >
                        {locale.text(Text::Delete)}
                    </button>
                </div>
                {confirm_step}
            }
        })
    };
    view! {
        {shown_while(move || list.with(|l| l.as_ref().is_none_or(Vec::is_empty)), move || view! {
            <p class="mw-empty">{locale.text(empty)}</p>
        }.into_any())}
        {(side == FeedbackSide::Given)
            .then(|| {
                view! {
                    <p class="mw-error" role="alert">{move || error.get()}</p>
                    <p class="mw-saved">{undo_line(undo_offer, "mw-secondary mw-feedback-undo", undo.clone())}</p>
                }
            })}
        <ul class="mw-cards">
            // A card is drawn again when anything it shows changed (rewritten on another device).
            {keyed_list(
                items,
                |f| f.clone(),
                move |f| view! {
                {
                    let other = match side {
                        FeedbackSide::Received => &f.giver,
                        FeedbackSide::Given => &f.receiver,
                    };
                    let (name, when) = (
                        actions.workspace.name_of(other),
                        locale.date_time(f.given_at, &my_zone.get_untracked()),
                    );
                    let from = locale.format(headline, &[&name, &when]);
                    // Which session it is about, on the giver's card and the receiver's alike:
                    // its day where the reader is, while the device holds it.
                    let about = (f.session.as_ref())
                        .and_then(|id| {
                            actions.workspace.sessions.with_untracked(|all| {
                                all.iter().find(|s| &s.id == id).map(|s| s.at)
                            })
                        })
                        .map(|at| {
                            let day = zone::day(at, &my_zone.get_untracked());
                            let said = locale.format(Text::FeedbackAboutSession, &[&locale.date(day)]);
                            view! { <p class="mw-card-line mw-feedback-session">{said}</p> }
                        });
                    let changes = changes(&f, name, when);
                    let shown_as = locale.text(visibility_text(f.visibility).0);
                    let observations = |list: &[Observation]| {
                        list.iter()
                            .map(|o| {
                                view! {
                                    <li>
                                        <span class="mw-observation" dir="auto">{o.text.clone()}</span>
                                        <span class="mw-example">
                                            {locale.format(Text::ForExample, &[&o.example])}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_any()
                    };
                    let strengths = observations(&f.strengths);
                    let development = observations(&f.development_areas);
                    let ratings = f
                        .ratings
                        .iter()
                        .map(|(scale, value)| {
                            view! {
                                <li>
                                    {locale.format(
                                        Text::RatingOutOfFive,
                                        &[&locale.number(*value), locale.text(scale_text(*scale))],
                                    )}
                                </li>
                            }
                        })
                        .collect_any();
                    let has_ratings = !f.ratings.is_empty();
                    let overall = (!f.overall.trim().is_empty())
                        .then(|| view! { <p class="mw-prose" dir="auto">{f.overall.clone()}</p> });
                    view! {
                        <li class="mw-card mw-feedback" id=format!("mw-feedback-{}", f.id) tabindex="-1">
                            <h5 class="mw-card-title">{from}</h5>
                            {about}
                            <p class="mw-card-line mw-muted">{shown_as}</p>
                            <p class="mw-card-line">{locale.text(Text::Strengths)}</p>
                            <ul class="mw-plain">{strengths}</ul>
                            <p class="mw-card-line">{locale.text(Text::DevelopmentAreas)}</p>
                            <ul class="mw-plain">{development}</ul>
                            {has_ratings
                                .then(|| {
                                    view! {
                                        <p class="mw-card-line">{locale.text(Text::Ratings)}</p>
                                        <ul class="mw-plain">{ratings}</ul>
                                    }
                                })}
                            {overall}
                            {changes}
                        </li>
                    }
                }
                }.into_any(),
            )}
        </ul>
        {earlier}
    }
}

/// The first words of a feedback (its first strength, else development area, else overall),
/// to name it among others given to the same person at the same minute.
fn gist_of(f: &Feedback) -> String {
    const WORDS: usize = 6;
    let first = (f.strengths.iter())
        .chain(&f.development_areas)
        .map(|o| o.text.as_str())
        .chain([f.overall.as_str()])
        .find(|t| !t.trim().is_empty())
        .unwrap_or("");
    let words: Vec<&str> = first.split_whitespace().collect();
    let mut gist = words[..words.len().min(WORDS)].join(" ");
    if words.len() > WORDS {
        gist.push('…');
    }
    gist
}
