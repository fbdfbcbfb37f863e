//! A programme admin's set-up screen: choose or create a programme, edit its set-up, close
//! it, and enrol people from the directory. Every change goes through `Actions`, which asks
//! the core's rules and stores durably before anything shows as saved.

use leptos::ev::SubmitEvent;
use leptos::html::{Form, H3};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::enrolment::{
    check_may_join, current_enrolments, facets, list_starts, search_directory, unknown_names,
    DirectoryQuery, Facets, UnknownNames,
};
use mentoring_core::health::HealthSettings;
use mentoring_core::programme::{GradeRange, PROGRAMME_NAME_MAX_CHARS};
use mentoring_core::{
    Amount, Date, Directory, EnrolledAs, EnrolmentStatus, Grade, MatchingMode, Objective,
    PeopleFilter, Programme, ProgrammeKind, ProgrammeState, RecordId, Refusal, Rule,
};

use super::dashboard::ProgrammeDashboard;
use crate::ui::form_problem::{as_typed, whole_number, Whole, WholeNumber};
use crate::ui::i18n::{in_words_of, Locale, Text};
use crate::ui::keyed_list;
use crate::ui::memo;
use crate::ui::reminders::role_words;
use crate::ui::shown_while;
use crate::ui::state::Actions;
use crate::ui::CollectAny;
use crate::ui::{focus_found_when_drawn, focus_when_drawn, use_locale};
use crate::ui::{set_from_event, value_of};

/// The most of the directory's departments or locations a warning about a misspelt one lists.
const KNOWN_SHOWN: usize = 12;

/// The most search results listed at once; the rest are counted.
const SHOWN_MAX: usize = 50;

/// The admin tab: the programmes the person administers, and the chosen one's screens.
#[component]
pub fn AdminScreen(actions: Actions) -> impl IntoView {
    let locale = use_locale();
    let mine = memo(move || {
        let me = actions.me();
        actions
            .workspace
            .programmes()
            .into_iter()
            .filter(|p| me.as_ref().is_some_and(|me| p.is_admin(me)))
            .map(|p| (p.id, p.name))
            .collect::<Vec<_>>()
    });
    // `None`: a new programme. It opens on the programme last chosen on an admin tab.
    let shared = super::chosen_programme();
    let chosen = RwSignal::new(mine.with_untracked(|mine| {
        shared
            .get_untracked()
            .filter(|id| mine.iter().any(|(p, _)| p == id))
            .or_else(|| mine.first().map(|(id, _)| id.clone()))
    }));
    Effect::new(move |_| {
        if let Some(id) = chosen.get() {
            shared.set(Some(id));
        }
    });
    // Kept here, not in the form: saving a new programme selects it, which draws a new form,
    // and the confirmation must survive that.
    let saved = RwSignal::new(false);
    // Outlives the form, which saving a new programme draws again: where "Programme saved."
    // is found to take the keyboard.
    let title = NodeRef::<H3>::new();
    view! {
        <h3 class="mw-screen-title" tabindex="-1" node_ref=title>{locale.text(Text::Programmes)}</h3>
        <div class="mw-form">
            <label class="mw-field" for="mw-admin-programme">{locale.text(Text::Programme)}</label>
            <select
                id="mw-admin-programme"
                on:change=move |ev| {
                    saved.set(false);
                    chosen.set(RecordId::parse(&event_target_value(&ev)).ok());
                }
            >
                {keyed_list(
                    move || mine.get(),
                    |(id, name)| (id.clone(), name.clone()),
                    move |p| view! {
                    <option
                        dir="auto"
                        value=p.0.to_string()
                        selected=move || chosen.get().as_ref() == Some(&p.0)
                    >
                        {p.1.clone()}
                    </option>
                    }.into_any(),
                )}
                // Only while a new programme is being set up: the button below starts one.
                {shown_while(move || chosen.with(Option::is_none), move || view! {
                    <option value="" selected disabled>
                        {locale.text(Text::NewProgramme)}
                    </option>
                }.into_any())}
            </select>
            <button
                type="button"
                class="mw-secondary mw-new-programme"
                on:click=move |_| {
                    saved.set(false);
                    chosen.set(None);
                }
            >
                {locale.text(Text::NewProgramme)}
            </button>
        </div>
        {move || {
            let id = chosen.get();
            // Read untracked: an enrolment saved below must not redraw (and reset) the screens.
            let programme = id.as_ref().and_then(|id| {
                untrack(|| actions.workspace.programmes()).into_iter().find(|p| &p.id == id)
            });
            let from_hr = id.as_ref().is_some_and(|id| {
                actions.workspace.directory.with_untracked(|d| d.programmes.iter().any(|p| &p.id == id))
            });
            let set_up = if from_hr {
                view! { <p class="mw-hint">{locale.text(Text::ProgrammeFromHr)}</p> }.into_any()
            } else {
                view! { <SetUpForm actions programme=programme.clone() chosen saved title /> }.into_any()
            };
            view! {
                <section class="mw-section" aria-labelledby="mw-setup-heading">
                    <h4 id="mw-setup-heading">{locale.text(Text::ProgrammeSetUp)}</h4>
                    {set_up}
                </section>
                {id
                    .map(|id| {
                        view! {
                            <EnrolPanel actions programme=id.clone() />
                            <ProgrammeDashboard actions programme=id />
                        }
                    })}
            }
        }}
    }
}

fn list_text(items: &[String]) -> String {
    items.join(", ")
}

fn list_of(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The problems of the form's fields, by input id, each with what to do: a text the form could
/// not read, or the core's refusal about that field.
type Unreadable = RwSignal<Vec<(&'static str, String)>>;

/// A text input bound to `value`, with its label and, when `unreadable` names it, its message
/// beside it. `kind` "numeric" (or "decimal", with a decimal point) is a text input with a
/// number keypad: a number input hides what was typed when it is not a number ("5e"), so
/// nothing could be said about it.
fn field(
    id: &'static str,
    label: impl IntoView + 'static,
    kind: &'static str,
    value: RwSignal<String>,
    unreadable: Unreadable,
) -> impl IntoView {
    let message = move || {
        unreadable.with(|u| {
            u.iter()
                .find(|(field, _)| *field == id)
                .map(|(_, text)| text.clone())
        })
    };
    let numeric = matches!(kind, "numeric" | "decimal");
    view! {
        <label class="mw-field" for=id>{label}</label>
        <input
            id=id
            type=if numeric { "text" } else { kind }
            inputmode=numeric.then_some(kind)
            aria-invalid=move || message().map(|_| "true")
            aria-describedby=format!("{id}-error")
            prop:value=value_of(value)
            on:input=set_from_event(value)
        />
        <p id=format!("{id}-error") class="mw-error" role="alert">{message}</p>
    }
}

/// The set-up form's fields in their order on screen, by input id.
const FIELDS: [&str; 13] = [
    "mw-prog-name",
    "mw-prog-starts",
    "mw-prog-ends",
    "mw-prog-length",
    "mw-prog-objectives",
    "mw-prog-places",
    "mw-prog-departments",
    "mw-prog-locations",
    "mw-prog-lowest",
    "mw-prog-highest",
    "mw-prog-quiet",
    "mw-prog-ending",
    "mw-prog-drop",
];

/// `value` when the form could read it; otherwise `was`, with `text` beside field `id`.
fn or_was<T>(
    problems: &mut Vec<(&'static str, Text)>,
    value: Option<T>,
    id: &'static str,
    text: Text,
    was: T,
) -> T {
    value.unwrap_or_else(|| {
        problems.push((id, text));
        was
    })
}

/// The set-up fields a refusal of the core is about, to say it beside them; none for one
/// about the programme as a whole, said under the form.
fn field_of(refusal: &Refusal) -> &'static [&'static str] {
    match refusal.rule {
        Rule::ProgrammeNameRequired | Rule::ProgrammeNameTaken => &["mw-prog-name"],
        Rule::ProgrammeStartTooEarly => &["mw-prog-starts"],
        Rule::TextTooLong
            if refusal.args.first().map(String::as_str)
                == Some(&PROGRAMME_NAME_MAX_CHARS.to_string()) =>
        {
            &["mw-prog-name"]
        }
        Rule::TextTooLong | Rule::ObjectiveLimit | Rule::ObjectiveRequired => {
            &["mw-prog-objectives"]
        }
        Rule::DatesOrdered => &["mw-prog-ends"],
        Rule::ProgrammeLength => &["mw-prog-length"],
        Rule::ProgrammeEligibility => &["mw-prog-departments"],
        Rule::GradesOrdered => &["mw-prog-lowest", "mw-prog-highest"],
        Rule::HealthQuietWeeks => &["mw-prog-quiet"],
        Rule::HealthEndingWithin => &["mw-prog-ending"],
        Rule::HealthRatingDrop => &["mw-prog-drop"],
        Rule::PlacesPerMentor => &["mw-prog-places"],
        _ => &[],
    }
}

/// Who may join as the form's fields say it: a grade range open at the end left empty.
fn eligibility_of(
    departments: &str,
    locations: &str,
    lowest: Option<Grade>,
    highest: Option<Grade>,
) -> PeopleFilter {
    PeopleFilter {
        departments: list_of(departments),
        locations: list_of(locations),
        grades: match (lowest, highest) {
            (None, None) => None,
            (lo, hi) => Some(GradeRange {
                lowest: lo.unwrap_or(Grade(0)),
                highest: hi.unwrap_or(Grade(u8::MAX)),
            }),
        },
    }
}

/// A field's text as a `T`: `Ok(None)` when left empty, `Err` when it says something else.
/// The fields whose whole number no value of their type holds ("-1" places): the id, the
/// value that stood in for it ([`WholeNumber::Beyond`]) and what was typed.
type Beyond = Vec<(&'static str, String, String)>;

/// A whole-number field: `Ok(None)` when empty, `Err(())` when not a whole number. One beyond
/// its type stands at the nearest value, noted in `beyond`, so the core's range refusal is
/// said of what was typed.
fn optional<T: Whole>(
    value: RwSignal<String>,
    id: &'static str,
    beyond: &mut Beyond,
) -> Result<Option<T>, ()> {
    match whole_number::<T>(&value.get_untracked()) {
        WholeNumber::Empty => Ok(None),
        WholeNumber::Unreadable => Err(()),
        WholeNumber::Is(value) => Ok(Some(value)),
        WholeNumber::Beyond { nearest, typed } => {
            beyond.push((id, nearest.to_string(), typed));
            Ok(Some(nearest))
        }
    }
}

/// A grade field: empty for any grade. The core has no range of grades to refuse one beyond
/// what a grade holds, so the form says that range itself.
fn grade_field(
    problems: &mut Vec<(&'static str, Text)>,
    value: RwSignal<String>,
    id: &'static str,
    was: Option<Grade>,
) -> Option<Grade> {
    match whole_number::<u8>(&value.get_untracked()) {
        WholeNumber::Empty => None,
        WholeNumber::Is(grade) => Some(Grade(grade)),
        WholeNumber::Unreadable => or_was(problems, None, id, Text::GradeUnreadable, was),
        WholeNumber::Beyond { .. } => or_was(problems, None, id, Text::GradeOutOfRange, was),
    }
}

#[component]
fn SetUpForm(
    actions: Actions,
    programme: Option<Programme>,
    chosen: RwSignal<Option<RecordId>>,
    saved: RwSignal<bool>,
    title: NodeRef<H3>,
) -> impl IntoView {
    let locale = use_locale();
    let before = StoredValue::new(programme.clone());
    let p = programme.unwrap_or_else(|| {
        Programme::new(
            actions.new_id("prog"),
            ProgrammeKind::Mentoring,
            "",
            actions.today(),
        )
    });
    let closed = match p.state {
        ProgrammeState::Closed { on } => Some(on),
        _ => None,
    };
    let name = RwSignal::new(p.name.clone());
    let kind = RwSignal::new(p.kind == ProgrammeKind::Coaching);
    // The form speaks of the kind chosen in it, before it is saved.
    let chosen_kind = move || {
        if kind.get() {
            ProgrammeKind::Coaching
        } else {
            ProgrammeKind::Mentoring
        }
    };
    let starts = RwSignal::new(p.starts.to_string());
    let ends = RwSignal::new(p.ends.map(|d| d.to_string()).unwrap_or_default());
    let length = RwSignal::new(p.default_length_days.to_string());
    let objectives = RwSignal::new(
        p.objectives
            .iter()
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let matching = RwSignal::new(p.matching);
    let places = RwSignal::new(p.places_per_mentor.to_string());
    let departments = RwSignal::new(list_text(&p.eligibility.departments));
    let locations = RwSignal::new(list_text(&p.eligibility.locations));
    let grade = |g: Option<u8>| g.map(|g| g.to_string()).unwrap_or_default();
    let lowest = RwSignal::new(grade(p.eligibility.grades.map(|g| g.lowest.0)));
    let highest = RwSignal::new(grade(p.eligibility.grades.map(|g| g.highest.0)));
    let quiet_weeks = RwSignal::new(p.health.quiet_weeks.to_string());
    let ending_within = RwSignal::new(p.health.ending_within_days.to_string());
    // Typed in points, as the 1–5 ratings are read: "1", "0.5".
    let rating_drop = RwSignal::new(Amount(i64::from(p.health.rating_drop_hundredths)).to_string());
    // Who may join compares names exactly: a name nobody in the directory has is said at
    // once, with the directory's own spelling, instead of refusing every enrolment later. A
    // warning rather than a refusal: the device's copy of the directory may lag the host's.
    let known = memo(move || {
        (actions.workspace.directory).with(|d| facets(&Directory::new(d.people.iter().cloned())))
    });
    let unknown = memo(move || {
        let named = PeopleFilter {
            departments: departments.with(|d| list_of(d)),
            locations: locations.with(|l| list_of(l)),
            grades: None,
        };
        known.with(|known| unknown_names(&named, known))
    });
    let warning = move |key: Text,
                        pick: fn(&UnknownNames) -> &Vec<String>,
                        has: fn(&Facets) -> &Vec<String>| {
        move || {
            let names = unknown.with(|u| pick(u).clone());
            (!names.is_empty()).then(|| {
                let mut offered: Vec<String> =
                    known.with(|k| has(k).iter().take(KNOWN_SHOWN).cloned().collect());
                if known.with(|k| has(k).len() > KNOWN_SHOWN) {
                    offered.push("…".into());
                }
                let text = locale.format(key, &[&locale.list(&names), &locale.list(&offered)]);
                view! { <p class="mw-hint mw-warning" role="status">{text}</p> }
            })
        }
    };
    // How many people who may join admits as typed so far (a grade not yet readable left
    // open), said beside it: a programme nobody may join cannot open
    // (`programme::check_admits_someone`). Nothing is said before the directory is known.
    // Its admins run it: counted among the participants, they would be told they may join.
    let admins = if p.admins.is_empty() {
        actions.me().into_iter().collect()
    } else {
        p.admins.clone()
    };
    let admitted = memo(move || {
        let grade = |g: RwSignal<String>| g.with(|g| g.trim().parse::<u8>().ok().map(Grade));
        let filter = departments
            .with(|d| locations.with(|l| eligibility_of(d, l, grade(lowest), grade(highest))));
        (actions.workspace.directory).with(|d| {
            (!d.people.is_empty()).then(|| filter.admitted_participants(&d.people, &admins))
        })
    });
    let admitted_text = move || {
        admitted.get().map(|n| {
            let (class, text) = if n == 0 {
                (
                    "mw-hint mw-warning",
                    locale.text(Text::AdmitsNobody).to_owned(),
                )
            } else {
                let people = locale.count(Text::CountPeople, n);
                ("mw-hint", locale.format(Text::AdmitsPeople, &[&people]))
            };
            view! { <p id="mw-prog-admitted" class=class role="status">{text}</p> }
        })
    };
    let open = RwSignal::new(p.state != ProgrammeState::Draft);
    let errors = RwSignal::new(Vec::<String>::new());
    let unreadable: Unreadable = RwSignal::new(Vec::new());
    let base = StoredValue::new(p);
    // Every field the form cannot read is named, and the core's rules are asked of the rest
    // at once, a field it could not read standing at its value as saved before (a new
    // programme's defaults): every problem shows at the first Save, none built from a guess.
    let read = move || {
        let was = base.get_value();
        let mut problems = Vec::new();
        let mut beyond = Beyond::new();
        let ends = match ends.get_untracked().trim() {
            "" => Some(None),
            text => Date::parse(text).ok().map(Some),
        };
        let health = HealthSettings {
            quiet_weeks: or_was(
                &mut problems,
                optional::<u32>(quiet_weeks, "mw-prog-quiet", &mut beyond)
                    .ok()
                    .flatten(),
                "mw-prog-quiet",
                Text::QuietWeeksUnreadable,
                was.health.quiet_weeks,
            ),
            ending_within_days: or_was(
                &mut problems,
                optional::<i32>(ending_within, "mw-prog-ending", &mut beyond)
                    .ok()
                    .flatten(),
                "mw-prog-ending",
                Text::EndingWithinUnreadable,
                was.health.ending_within_days,
            ),
            rating_drop_hundredths: or_was(
                &mut problems,
                (Amount::parse(&rating_drop.get_untracked()).ok())
                    .and_then(|a| u32::try_from(a.0).ok()),
                "mw-prog-drop",
                Text::RatingDropUnreadable,
                was.health.rating_drop_hundredths,
            ),
        };
        let grades = was.eligibility.grades;
        let values = (
            or_was(
                &mut problems,
                Date::parse(&starts.get_untracked()).ok(),
                "mw-prog-starts",
                Text::DateNeeded,
                was.starts,
            ),
            or_was(
                &mut problems,
                ends,
                "mw-prog-ends",
                Text::EndsUnreadable,
                was.ends,
            ),
            or_was(
                &mut problems,
                optional::<i32>(length, "mw-prog-length", &mut beyond)
                    .ok()
                    .flatten(),
                "mw-prog-length",
                Text::LengthUnreadable,
                was.default_length_days,
            ),
            grade_field(
                &mut problems,
                lowest,
                "mw-prog-lowest",
                grades.map(|g| g.lowest),
            ),
            grade_field(
                &mut problems,
                highest,
                "mw-prog-highest",
                grades.map(|g| g.highest),
            ),
            health,
            or_was(
                &mut problems,
                optional::<u32>(places, "mw-prog-places", &mut beyond)
                    .ok()
                    .flatten(),
                "mw-prog-places",
                Text::PlacesUnreadable,
                was.places_per_mentor,
            ),
        );
        let problems: Vec<(&'static str, String)> = (problems.into_iter())
            .map(|(id, text)| (id, locale.text(text).to_owned()))
            .collect();
        (values, problems, beyond)
    };
    let build = move |close: bool| -> (Programme, Vec<(&'static str, String)>, Beyond) {
        let ((starts, ends, length, lowest, highest, health, places), problems, beyond) = read();
        let mut p = base.get_value();
        p.name = name.get_untracked().trim().to_owned();
        p.kind = if kind.get_untracked() {
            ProgrammeKind::Coaching
        } else {
            ProgrammeKind::Mentoring
        };
        p.starts = starts;
        p.ends = ends;
        p.default_length_days = length;
        let old = std::mem::take(&mut p.objectives);
        p.objectives = objectives
            .get_untracked()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(n, text)| Objective {
                id: old
                    .get(n)
                    .map_or_else(|| actions.new_id("obj"), |o| o.id.clone()),
                text: text.trim().to_owned(),
            })
            .collect();
        p.matching = matching.get_untracked();
        p.health = health;
        p.places_per_mentor = places;
        p.eligibility = eligibility_of(
            &departments.get_untracked(),
            &locations.get_untracked(),
            lowest,
            highest,
        );
        if before.with_value(Option::is_none) {
            p.admins = actions.me().into_iter().collect();
        }
        p.state = if close {
            ProgrammeState::Closed {
                on: actions.today(),
            }
        } else if open.get_untracked() {
            ProgrammeState::Open
        } else {
            ProgrammeState::Draft
        };
        (p, problems, beyond)
    };
    let form = NodeRef::<Form>::new();
    let save = move |close: bool| {
        saved.set(false);
        let (programme, mut problems, beyond) = build(close);
        let unread: Vec<&str> = problems.iter().map(|(id, _)| *id).collect();
        let mut under = Vec::new();
        for refusal in actions.programme_refusals(&programme) {
            let at = field_of(&refusal);
            // Checked with a value the form could not read: not about what was typed.
            let stood_in = |id: &&str| {
                unread.contains(id) || (*id == "mw-prog-ends" && unread.contains(&"mw-prog-starts"))
            };
            if at.iter().any(stood_in) {
                continue;
            }
            // A value no field's type holds is named as typed, not as what stood in for it.
            let refusal = (beyond.iter())
                .filter(|(id, ..)| at.contains(id))
                .fold(refusal, |r, (_, nearest, typed)| {
                    as_typed(r, nearest, typed)
                });
            let text = match refusal.rule {
                Rule::GradesOrdered => locale.text(Text::RefusedGradesOrdered).to_owned(),
                _ => locale.refusal(&refusal),
            };
            match at {
                [] => under.push(text),
                ids => problems.extend(ids.iter().map(|id| (*id, text.clone()))),
            }
        }
        if !problems.is_empty() || !under.is_empty() {
            problems.sort_by_key(|(id, _)| FIELDS.iter().position(|f| f == id));
            unreadable.set(problems);
            errors.set(under);
            // The keyboard goes to the first field to correct, as on the feedback form.
            focus_when_drawn(form, "[aria-invalid='true']");
            return;
        }
        unreadable.set(Vec::new());
        errors.set(Vec::new());
        let id = programme.id.clone();
        spawn_local(async move {
            match actions.save_programme(programme).await {
                Ok(()) => {
                    saved.set(true);
                    // The same programme chosen again would draw the form and the dashboard
                    // below it again for nothing, and drop the keyboard to the page.
                    if chosen.get_untracked().as_ref() != Some(&id) {
                        chosen.set(Some(id));
                    }
                    focus_found_when_drawn(title, |title| {
                        let screen = title.closest(".mw-screen").ok().flatten()?;
                        screen.query_selector("#mw-programme-saved").ok().flatten()
                    });
                }
                Err(list) => errors.set(list.into_iter().map(|(_, text)| text).collect()),
            }
        });
    };
    let objectives_problem = move || {
        unreadable.with(|u| {
            (u.iter().find(|(id, _)| *id == "mw-prog-objectives")).map(|(_, text)| text.clone())
        })
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        save(false);
    };
    let t = move |key| locale.text(key);
    view! {
        {closed.map(|on| view! { <p class="mw-hint">{locale.format(Text::ProgrammeClosedOn, &[&locale.date(on)])}</p> })}
        <form class="mw-form" on:submit=submit novalidate node_ref=form>
            <fieldset class="mw-fieldset" disabled=closed.is_some()>
                {field("mw-prog-name", t(Text::ProgrammeName), "text", name, unreadable)}
                <label class="mw-field" for="mw-prog-kind">{t(Text::ProgrammeKindLabel)}</label>
                <select id="mw-prog-kind" on:change=move |ev| kind.set(event_target_value(&ev) == "coaching")>
                    <option value="mentoring" selected=move || !kind.get()>{t(Text::KindMentoring)}</option>
                    <option value="coaching" selected=move || kind.get()>{t(Text::KindCoaching)}</option>
                </select>
                {field("mw-prog-starts", t(Text::ProgrammeStarts), "date", starts, unreadable)}
                {field("mw-prog-ends", t(Text::ProgrammeEnds), "date", ends, unreadable)}
                {field("mw-prog-length", t(Text::DefaultLengthDays), "numeric", length, unreadable)}
                <label class="mw-field" for="mw-prog-objectives">{t(Text::ObjectivesOnePerLine)}</label>
                <textarea
                    id="mw-prog-objectives"
                    rows="3"
                    aria-invalid=move || objectives_problem().map(|_| "true")
                    aria-describedby="mw-prog-objectives-error"
                    prop:value=value_of(objectives)
                    on:input=set_from_event(objectives)
                />
                <p id="mw-prog-objectives-error" class="mw-error" role="alert">{objectives_problem}</p>
                <label class="mw-field" for="mw-prog-matching">{t(Text::MatchingMode)}</label>
                <select
                    id="mw-prog-matching"
                    on:change=move |ev| {
                        matching.set(match event_target_value(&ev).as_str() {
                            "stable" => MatchingMode::Stable,
                            "choose" => MatchingMode::MenteeChooses,
                            _ => MatchingMode::Optimal,
                        })
                    }
                >
                    {[(MatchingMode::Optimal, "optimal", Text::MatchingOptimal), (MatchingMode::Stable, "stable", Text::MatchingStable), (MatchingMode::MenteeChooses, "choose", Text::MatchingMenteeChooses)]
                        .map(|(mode, value, label)| view! {
                            <option value=value selected=move || matching.get() == mode>{move || t(in_words_of(chosen_kind(), label))}</option>
                        })}
                </select>
                {field("mw-prog-places", move || t(in_words_of(chosen_kind(), Text::PlacesSetUpLabel)), "numeric", places, unreadable)}
                <p class="mw-field">{move || t(in_words_of(chosen_kind(), Text::WhoMayJoin))}</p>
                {field("mw-prog-departments", t(Text::DepartmentsList), "text", departments, unreadable)}
                {warning(Text::UnknownDepartments, |u| &u.departments, |k| &k.departments)}
                {field("mw-prog-locations", t(Text::LocationsList), "text", locations, unreadable)}
                {warning(Text::UnknownLocations, |u| &u.locations, |k| &k.locations)}
                {field("mw-prog-lowest", t(Text::GradeLowest), "numeric", lowest, unreadable)}
                {field("mw-prog-highest", t(Text::GradeHighest), "numeric", highest, unreadable)}
                {admitted_text}
                <p class="mw-field">{t(Text::HealthSettingsHeading)}</p>
                {field("mw-prog-quiet", t(Text::QuietWeeksLabel), "numeric", quiet_weeks, unreadable)}
                {field("mw-prog-ending", t(Text::EndingWithinLabel), "numeric", ending_within, unreadable)}
                {field("mw-prog-drop", t(Text::RatingDropLabel), "decimal", rating_drop, unreadable)}
                <label class="mw-option">
                    <input type="checkbox" prop:checked=move || open.get() on:change=move |ev| open.set(event_target_checked(&ev)) />
                    <span>{t(Text::ProgrammeOpen)}</span>
                </label>
            </fieldset>
            <ul class="mw-error mw-plain" role="alert">
                {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_any()}
            </ul>
            {shown_while(move || saved.get(), move || view! {
                <p id="mw-programme-saved" class="mw-saved" role="status" tabindex="-1">{t(Text::ProgrammeSaved)}</p>
            }.into_any())}
            {shown_while(move || closed.is_none(), move || view! {
                <div class="mw-actions">
                    <button type="submit">{t(Text::SaveProgramme)}</button>
                    {shown_while(move || before.with_value(Option::is_some), move || view! {
                        <button type="button" class="mw-secondary" on:click=move |_| save(true)>
                            {t(Text::CloseProgramme)}
                        </button>
                    }.into_any())}
                </div>
            }.into_any())}
        </form>
    }
}

/// Someone's part in a programme of `kind`, in its words: a coachee, not a "mentee or coachee".
fn role_text(
    locale: Locale,
    kind: ProgrammeKind,
    role: EnrolledAs,
    status: &EnrolmentStatus,
) -> String {
    let role = role_words(locale, kind, role);
    let status = status_words(locale, status);
    format!("{role} · {status}")
}

fn status_words(locale: Locale, status: &EnrolmentStatus) -> &'static str {
    locale.text(match status {
        EnrolmentStatus::Invited => Text::EnrolmentInvited,
        EnrolmentStatus::Enrolled => Text::EnrolmentEnrolled,
        EnrolmentStatus::Declined => Text::EnrolmentDeclined,
        EnrolmentStatus::Left { .. } => Text::EnrolmentLeft,
    })
}

/// A select of `options` (and "any"), bound to `value`.
fn choice(
    id: &'static str,
    label: &'static str,
    any: &'static str,
    options: Vec<String>,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="mw-field" for=id>{label}</label>
        <select id=id on:change=set_from_event(value)>
            <option value="">{any}</option>
            {options.into_iter().map(|o| view! { <option dir="auto" value=o.clone()>{o.clone()}</option> }).collect_any()}
        </select>
    }
}

/// Enrolling people from the directory: search, filter, bulk select, enrol as mentee or
/// invite as mentor with a capacity; and who takes part already.
#[component]
fn EnrolPanel(actions: Actions, programme: RecordId) -> impl IntoView {
    let locale = use_locale();
    let t = move |key| locale.text(key);
    let text = RwSignal::new(String::new());
    let department = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let grade = RwSignal::new(String::new());
    let as_mentor = RwSignal::new(false);
    // Invited people answer themselves; a mentor who has said yes already (by email, say) is
    // enrolled, as a mentee usually is.
    let invited = RwSignal::new(false);
    let capacity = RwSignal::new("2".to_owned());
    let picked = RwSignal::new(Vec::<RecordId>::new());
    let outcome = RwSignal::new(Vec::<String>::new());
    let unreadable: Unreadable = RwSignal::new(Vec::new());
    // One copy of the directory (thousands of people in a large programme) for the filters
    // and every search, made again when the host's directory changes, not on each keystroke.
    // A new directory always counts as a change: `Directory` has no equality to compare by.
    let directory = Memo::new_with_compare(
        move |_| {
            let people = actions.workspace.directory;
            people.with(|d| Directory::new(d.people.iter().cloned()))
        },
        |_, _| true,
    );
    let offered = directory.with_untracked(facets);
    let this_programme = programme.clone();
    let record =
        memo(move || (actions.workspace.programmes().into_iter()).find(|p| p.id == this_programme));
    // (id, name, department · location · grade, why the programme's rules would refuse them
    // in the role chosen), and how many more were found. Someone refused is listed with the
    // rule's text and cannot be chosen: who may join decides who is offered, not the search.
    let found = memo(move || {
        let one = |s: RwSignal<String>| {
            s.with(|v| (!v.is_empty()).then(|| v.clone()).into_iter().collect())
        };
        let query = DirectoryQuery {
            text: text.get(),
            filter: PeopleFilter {
                departments: one(department),
                locations: one(location),
                grades: grade.get().parse::<u8>().ok().map(|g| GradeRange {
                    lowest: Grade(g),
                    highest: Grade(g),
                }),
            },
        };
        let role = if as_mentor.get() {
            EnrolledAs::Mentor { capacity: 1 }
        } else {
            EnrolledAs::Mentee
        };
        let today = actions.today();
        record.with(|programme| {
            directory.with(|directory| {
                let all = search_directory(directory, &query);
                let more = all.len().saturating_sub(SHOWN_MAX);
                let shown = all
                    .into_iter()
                    .take(SHOWN_MAX)
                    .map(|p| {
                        let refused = programme
                            .as_ref()
                            .and_then(|programme| check_may_join(programme, p, role, today).err());
                        (
                            p.id.clone(),
                            p.name.clone(),
                            format!("{} · {} · {}", p.department, p.location, p.grade.0),
                            refused,
                        )
                    })
                    .collect::<Vec<_>>();
                (shown, more)
            })
        })
    });
    let kind = move || record.with(|p| p.as_ref().map_or(ProgrammeKind::Mentoring, |p| p.kind));
    // Before the first enrolment of a programme taking its people from the directory: what it
    // changes, and who of its pairs under way is enrolled with them (`list_starts`).
    let starts_list = memo(move || {
        let enrolments = actions.workspace.enrolments();
        let relationships = actions.workspace.relationships.get();
        record.with(|p| {
            let p = p.as_ref()?;
            let starts = list_starts(p, &enrolments, &relationships)?;
            let mut said = locale.format(Text::ListStartsWarning, &[&p.name]);
            if starts.pairs > 0 {
                let people = locale.count(Text::CountPeople, starts.kept.len());
                let pairs = locale.count(Text::CountPairs, starts.pairs);
                said.push(' ');
                said.push_str(&locale.format(Text::ListStartsKeeps, &[&people, &pairs]));
            }
            if !starts.two_roles.is_empty() {
                let names: Vec<String> = (starts.two_roles.iter())
                    .map(|id| actions.workspace.name_of(id))
                    .collect();
                said.push(' ');
                said.push_str(&locale.format(Text::ListStartsTwoRoles, &[&locale.list(&names)]));
            }
            Some(said)
        })
    });
    let cohort_id = programme.clone();
    let cohort = memo(move || super::taking_part(actions, locale, &cohort_id));
    let programme_id = programme.clone();
    let taking_part = memo(move || {
        let all = actions.workspace.enrolments();
        current_enrolments(&all, &programme_id)
            .map(|e| {
                (
                    e.id.clone(),
                    actions.workspace.name_of(&e.person),
                    role_text(locale, kind(), e.role, &e.status),
                )
            })
            .collect::<Vec<_>>()
    });
    // Who is on the programme's list already, with their part in it: marked, not offered.
    let list_id = programme.clone();
    let listed = memo(move || {
        let all = actions.workspace.enrolments();
        current_enrolments(&all, &list_id)
            .map(|e| {
                let role = role_words(locale, kind(), e.role);
                let status = status_words(locale, &e.status);
                let said = locale.format(Text::AlreadyOnList, &[&role, status]);
                (e.person.clone(), said)
            })
            .collect::<Vec<_>>()
    });
    let listed_as = move |id: &RecordId| {
        listed.with(|l| {
            l.iter()
                .find(|(p, _)| p == id)
                .map(|(_, said)| said.clone())
        })
    };
    // When everyone refused among those shown is refused by the same rule (who may join
    // admits them not, say), one line says so with their count, and each is marked in a few
    // words, instead of the same sentence under every name.
    let refused_alike = memo(move || {
        found.with(|(shown, _)| {
            let refusals: Vec<_> = shown.iter().filter_map(|p| p.3.as_ref()).collect();
            let first = *refusals.first()?;
            let alike = refusals.iter().all(|r| r.rule == first.rule);
            if !alike || refusals.len() < 2 {
                return None;
            }
            let everyone = refusals.len() == shown.len();
            let people = locale.count(Text::CountPeople, refusals.len());
            let arg = |n: usize| first.args.get(n).map_or("", String::as_str);
            let (none, some) = match first.rule {
                Rule::NotAmongWhoMayJoin => (Text::NoneShownMayJoin, Text::SomeShownMayJoin),
                Rule::CoachCredential => (Text::NoneShownCredentialed, Text::SomeShownCredentialed),
                _ => return None,
            };
            let detail = match first.rule {
                Rule::CoachCredential => {
                    Date::parse(arg(1)).map_or_else(|_| arg(1).to_owned(), |d| locale.date(d))
                }
                _ => arg(1).to_owned(),
            };
            Some(locale.format(if everyone { none } else { some }, &[&people, &detail]))
        })
    });
    // Changing the role may leave someone chosen whom the new role refuses.
    Effect::new(move |_| {
        found.with(|(shown, _)| {
            let refused = |id: &RecordId| shown.iter().any(|p| &p.0 == id && p.3.is_some());
            if picked.with_untracked(|p| p.iter().any(refused)) {
                picked.update(|p| p.retain(|id| !refused(id)));
            }
        })
    });
    let offered_ids = move || {
        found.with(|(shown, _)| {
            (shown.iter())
                .filter(|p| p.3.is_none() && listed_as(&p.0).is_none())
                .map(|p| p.0.clone())
                .collect::<Vec<_>>()
        })
    };
    // Said with how many are shown when not all of them can be chosen.
    let select_label = move || {
        let (offered, shown) = (offered_ids().len(), found.with(|(shown, _)| shown.len()));
        if offered == shown {
            locale.format(
                Text::SelectAllShown,
                &[&locale.count(Text::CountPeople, offered)],
            )
        } else {
            let [offered, shown] = [offered, shown].map(|n| locale.number(n));
            locale.format(Text::SelectOffered, &[&offered, &shown])
        }
    };
    let enrol = move |_| {
        let people = picked.get_untracked();
        let role = if as_mentor.get_untracked() {
            // Its message says the range: one beyond what a capacity holds is told it too.
            match whole_number::<u8>(&capacity.get_untracked()) {
                WholeNumber::Is(capacity) => EnrolledAs::Mentor { capacity },
                _ => {
                    let text = locale.text(Text::CapacityUnreadable).to_owned();
                    return unreadable.set(vec![("mw-enrol-capacity", text)]);
                }
            }
        } else {
            EnrolledAs::Mentee
        };
        unreadable.set(Vec::new());
        let status = if invited.get_untracked() {
            EnrolmentStatus::Invited
        } else {
            EnrolmentStatus::Enrolled
        };
        let programme = programme.clone();
        spawn_local(async move {
            outcome.set(
                match actions.enrol(&programme, &people, role, status).await {
                    Ok(((enrolled, invited), refused)) => {
                        picked.set(Vec::new());
                        let [enrolled, invited] = [enrolled, invited].map(|n| locale.number(n));
                        std::iter::once(locale.format(Text::EnrolledCount, &[&enrolled, &invited]))
                            .chain(refused.into_iter().map(|(p, why)| {
                                format!("{}: {why}", actions.workspace.name_of(&p))
                            }))
                            .collect()
                    }
                    Err(message) => vec![message],
                },
            );
        });
    };
    view! {
        <section class="mw-section" aria-labelledby="mw-enrol-heading">
            <h4 id="mw-enrol-heading">{t(Text::EnrolPeople)}</h4>
            <div class="mw-form">
                {field("mw-enrol-search", t(Text::SearchPeople), "search", text, unreadable)}
                {choice("mw-enrol-department", t(Text::Department), t(Text::AnyValue), offered.departments, department)}
                {choice("mw-enrol-location", t(Text::Location), t(Text::AnyValue), offered.locations, location)}
                {choice("mw-enrol-grade", t(Text::Grade), t(Text::AnyValue), offered.grades.iter().map(|g| g.0.to_string()).collect(), grade)}
                <label class="mw-field" for="mw-enrol-as">{t(Text::EnrolAs)}</label>
                <select id="mw-enrol-as" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    as_mentor.set(value.starts_with("mentor"));
                    invited.set(value == "mentor" || value == "mentee-invited");
                }>
                    <option value="mentee">{move || t(in_words_of(kind(), Text::EnrolAsMentee))}</option>
                    <option value="mentee-invited">{move || t(in_words_of(kind(), Text::EnrolAsMenteeInvited))}</option>
                    <option value="mentor">{move || t(in_words_of(kind(), Text::EnrolAsMentor))}</option>
                    <option value="mentor-enrolled">{move || t(in_words_of(kind(), Text::EnrolAsMentorEnrolled))}</option>
                </select>
                {shown_while(move || as_mentor.get(), move || field("mw-enrol-capacity", t(Text::Capacity), "numeric", capacity, unreadable).into_any())}
            </div>
            <button
                type="button"
                class="mw-secondary"
                on:click=move |_| picked.set(offered_ids())
            >
                {select_label}
            </button>
            {move || refused_alike.get().map(|why| view! { <p class="mw-hint mw-refused-alike">{why}</p> })}
            <ul class="mw-plain">
                {move || found.get().0.into_iter().map(|(id, name, detail, refused)| {
                    if let Some(said) = listed_as(&id) {
                        return view! {
                            <li class="mw-listed">
                                <span>{name} <span class="mw-muted">" · " {detail} " · " {said}</span></span>
                            </li>
                        }
                        .into_any();
                    }
                    if let Some(why) = refused {
                        let folded = refused_alike.with(Option::is_some);
                        let why = (!folded).then(|| locale.refusal(&why));
                        let mark = folded.then(|| view! { <span class="mw-muted">" · " {t(Text::CannotBeEnrolled)}</span> });
                        return view! {
                            <li class="mw-refused">
                                <span>{name} <span class="mw-muted">" · " {detail}</span>{mark}</span>
                                {why.map(|why| view! { <p class="mw-hint">{why}</p> })}
                            </li>
                        }
                        .into_any();
                    }
                    let key = id.clone();
                    view! {
                        <li>
                            <label class="mw-option">
                                <input
                                    type="checkbox"
                                    prop:checked=move || picked.with(|p| p.contains(&key))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        picked.update(|p| {
                                            p.retain(|x| x != &id);
                                            if on { p.push(id.clone()) }
                                        })
                                    }
                                />
                                <span>{name} <span class="mw-muted">" · " {detail}</span></span>
                            </label>
                        </li>
                    }
                    .into_any()
                }).collect_any()}
            </ul>
            <p class="mw-hint">
                {move || match found.with(|(shown, more)| (shown.is_empty(), *more)) {
                    (true, _) => t(Text::NobodyFound).to_owned(),
                    (_, 0) => String::new(),
                    (_, more) => locale.format(Text::MoreFound, &[&more.to_string()]),
                }}
            </p>
            {move || starts_list.get().map(|said| view! { <p class="mw-hint mw-warning mw-list-starts">{said}</p> })}
            <button type="button" disabled=move || picked.with(Vec::is_empty) on:click=enrol>
                {move || match picked.with(Vec::len) {
                    0 => t(Text::EnrolNoneSelected).to_owned(),
                    n => locale.format(Text::EnrolSelected, &[&locale.count(Text::CountPeople, n)]),
                }}
            </button>
            <ul class="mw-plain" role="status">
                {move || outcome.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_any()}
            </ul>
            <h4>{t(Text::Participants)}</h4>
            // Invited people are listed though nobody takes part yet: "nobody" is said only when
            // the list is empty too.
            {move || match cohort.get() {
                Some(line) => view! { <p class="mw-hint mw-taking-part">{line}</p> }.into_any(),
                None if taking_part.with(Vec::is_empty) => view! { <p class="mw-empty">{t(Text::NoParticipantsYet)}</p> }.into_any(),
                None => ().into_any(),
            }}
            <ul class="mw-plain mw-participants">
                {move || taking_part.get().into_iter().map(|(_, name, role)| view! { <li>{name} " · " {role}</li> }).collect_any()}
            </ul>
        </section>
    }
}
