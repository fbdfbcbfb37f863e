//! A programme's relationship health, dashboard and exports. The figures come from the host
//! (`Actions::programme_figures`): only the host holds every session, rating and
//! self-assessment, and it sends aggregates alone, so nothing private reaches the admin's
//! device (docs/programme-admin.md). Charts are hand-drawn SVG with integer coordinates.

use leptos::ev::SubmitEvent;
use leptos::html::{Button, Li, Section, Ul};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::dashboard::Figure;
use mentoring_core::export::hundredths_text;
use mentoring_core::health::{
    actions_offered, check_nudge_interval, last_nudge, signals_now, HealthAction, HealthSettings,
};
use mentoring_core::relationship::{places_at_start, PlacesAtStart};
use mentoring_core::reminders::{ending, Ending as Ended};
use mentoring_core::{Lifecycle, ProgrammeKind, RecordId};
use wasm_bindgen::JsValue;

use crate::edges::adapter::{PairHealth, ProgrammeFigures};
use crate::edges::download::{print, PrintOnly};
use crate::ui::i18n::{in_words_of, signal_text, Locale, Text};
use crate::ui::memo;
use crate::ui::relationships::reason_in_sentence;
use crate::ui::session_log::zone;
use crate::ui::shown_while;
use crate::ui::state::{Actions, PairAction};
use crate::ui::CollectAny;
use crate::ui::{focus_found_when_drawn, focus_when_drawn, refused_while, use_locale};
use crate::ui::{set_from_event, value_of};

/// How many pairs the health list shows at first, and adds on "Show more": the host sends
/// them most signals first, and a programme of thousands of pairs would otherwise draw (and
/// make the admin scroll past) thousands of cards before the charts. The relationships CSV
/// lists every one.
const PAIRS_PAGE: usize = 50;

/// A figure in words: its number (a mean as "4.12"), or why it is not shown.
fn figure_text(locale: Locale, figure: &Figure<u32>, mean: bool) -> String {
    match figure {
        Figure::Shown(n) if mean => hundredths_text(*n),
        Figure::Shown(n) => locale.number(*n),
        Figure::Hidden => locale.text(Text::HiddenFewerThan5).to_owned(),
        Figure::Absent => locale.text(Text::NoDataYet).to_owned(),
    }
}

/// One bar of a chart: its label and its stacked parts.
type Bar = (String, Vec<Figure<u32>>);

/// What a chart is of, beyond its bars.
struct Chart {
    /// Unique in the dashboard: the chart's parts are named by ids built from it.
    key: String,
    title: String,
    /// What each bar is (`Text::AxisRole`…).
    across: Text,
    /// What the height counts, with its unit (`Text::AxisSessionsCount`…).
    up: Text,
    /// Said instead of the chart when it has nothing above zero and nothing hidden.
    empty: String,
    /// Means in hundredths, scaled to 5.00 rather than to the tallest bar.
    mean: bool,
}

/// Stacked bars, scaled to the tallest (or to 5.00 for means), with both axes named and every
/// value in words below, which is also what a screen reader reads for the drawing: a hidden
/// part is said to be hidden, and its bar outlined dashed (with a line saying so), so it never
/// reads as 0. A chart with nothing above zero to draw says so in a
/// sentence instead of drawing an empty box (with its figures in words if some are hidden).
fn bar_chart(locale: Locale, chart: Chart, bars: Vec<Bar>, level: u8) -> impl IntoView {
    let Chart {
        key,
        title,
        across,
        up,
        empty,
        mean,
    } = chart;
    let id = |part: &str| format!("mw-chart-{key}-{part}");
    // The figure is named by its title, a heading one level below the section it is in.
    let title = chart_title(level, id("title"), title);
    let parts = || bars.iter().flat_map(|(_, parts)| parts);
    let words = || {
        bars.iter()
            .map(|(label, parts)| {
                let values = parts
                    .iter()
                    .map(|p| figure_text(locale, p, mean))
                    .collect::<Vec<_>>();
                view! { <li>{format!("{label}: {}", locale.list(&values))}</li> }
            })
            .collect_any()
    };
    if parts().all(|part| matches!(part, Figure::Absent | Figure::Shown(0))) {
        return view! {
            <figure class="mw-chart" aria-labelledby=id("title")>
                <figcaption class="mw-field">{title}</figcaption>
                <p class="mw-empty">{empty}</p>
            </figure>
        }
        .into_any();
    }
    if parts().all(|part| part.shown().is_none_or(|n| *n == 0)) {
        return view! {
            <figure class="mw-chart" aria-labelledby=id("title")>
                <figcaption class="mw-field">{title}</figcaption>
                <p class="mw-empty">{locale.text(Text::ChartAllHiddenOrZero)}</p>
                <ul class="mw-hint mw-plain">{words()}</ul>
            </figure>
        }
        .into_any();
    }
    let total = |parts: &[Figure<u32>]| parts.iter().filter_map(Figure::shown).sum::<u32>();
    let top = if mean {
        500
    } else {
        bars.iter().map(|(_, p)| total(p)).max().unwrap_or(0).max(1)
    };
    let width = 300 / bars.len().max(1) as u32;
    let mut rects = Vec::new();
    let mut any_hidden = false;
    for (i, (_, parts)) in bars.iter().enumerate() {
        // A hidden part's size is not known: its bar is outlined dashed to the chart's top,
        // never drawn empty as a 0 would be.
        if parts.contains(&Figure::Hidden) {
            any_hidden = true;
            // One type for every rect of the list, as the native build's views require: a
            // `String` class like the bars' below.
            rects.push(view! {
                <rect
                    class=String::from("mw-chart-hidden")
                    x=(i as u32 * width + 1).to_string()
                    y=String::from("0")
                    width=(width.max(3) - 2).to_string()
                    height=String::from("100")
                ></rect>
            });
        }
        let mut y = 100;
        for (k, part) in parts.iter().enumerate() {
            let Some(&n) = part.shown() else { continue };
            let h = n.min(top) * 100 / top;
            y -= h;
            rects.push(view! {
                <rect
                    class=format!("mw-chart-bar mw-chart-bar-{k}")
                    x=(i as u32 * width + 1).to_string()
                    y=y.to_string()
                    width=(width.max(3) - 2).to_string()
                    height=h.to_string()
                ></rect>
            });
        }
    }
    let top_text = if mean {
        locale.number(5)
    } else {
        locale.number(top)
    };
    view! {
        <figure class="mw-chart" aria-labelledby=id("title")>
            <figcaption class="mw-field">{title}</figcaption>
            <p class="mw-hint mw-axis" id=id("up")>{locale.format(Text::ChartUp, &[locale.text(up), &top_text])}</p>
            // The drawing is named by its title and axes and described by the figures in words.
            <svg
                viewBox="0 0 300 100"
                preserveAspectRatio="none"
                role="img"
                aria-labelledby=format!("{} {} {}", id("title"), id("up"), id("across"))
                aria-describedby=id("figures")
                focusable="false"
            >
                <line class="mw-chart-grid" x1="0" y1="100" x2="300" y2="100"></line>
                {rects}
            </svg>
            <p class="mw-hint mw-axis" id=id("across")>{locale.format(Text::ChartAcross, &[locale.text(across)])}</p>
            {any_hidden.then(|| view! { <p class="mw-hint mw-axis">{locale.text(Text::ChartHiddenDrawn)}</p> })}
            <ul class="mw-hint mw-plain" id=id("figures")>{words()}</ul>
        </figure>
    }
    .into_any()
}

/// A chart's title: a heading of `level` (5 in the dashboard, 6 in its report).
fn chart_title(level: u8, id: String, title: String) -> AnyView {
    if level > 5 {
        view! { <h6 class="mw-chart-title" id=id>{title}</h6> }.into_any()
    } else {
        view! { <h5 class="mw-chart-title" id=id>{title}</h5> }.into_any()
    }
}

/// The dashboard's charts, their titles headings of `level`; `kind` words the people chart
/// (coachees and coaches in coaching).
fn charts(locale: Locale, kind: ProgrammeKind, f: ProgrammeFigures, level: u8) -> impl IntoView {
    let t = |key| locale.text(key).to_owned();
    let single = |label: String, figure: Figure<u32>| (label, vec![figure]);
    let labelled = |keys: &[Text], figures: Vec<Figure<u32>>| {
        keys.iter()
            .zip(figures)
            .map(|(k, f)| single(t(*k), f))
            .collect::<Vec<_>>()
    };
    let scale = |name: &str| match name {
        "listening" => t(Text::ScaleListening),
        "clarity" => t(Text::ScaleClarity),
        "support" => t(Text::ScaleSupport),
        _ => t(Text::ScaleChallenge),
    };
    let chart = |key: &str, title: String, across, up, empty: String, mean| Chart {
        key: key.to_owned(),
        title,
        across,
        up,
        empty,
        mean,
    };
    let results = match f.results {
        Figure::Shown(list) => locale.clauses(
            &list
                .into_iter()
                .map(|(l, v)| format!("{l}: {v}"))
                .collect::<Vec<_>>(),
        ),
        _ => t(Text::NoDataYet),
    };
    let goals = f
        .goals_by_status
        .into_iter()
        .map(|(m, mut parts, changed)| {
            parts.push(changed);
            (locale.month(m), parts)
        })
        .collect();
    let sessions = f
        .sessions_per_month
        .into_iter()
        .map(|(m, n)| single(locale.month(m), n))
        .collect();
    let (people, sides) = match kind {
        ProgrammeKind::Coaching => (
            Text::PeopleFiguresCoaching,
            [Text::Coachees, Text::Coaches, Text::Invited],
        ),
        ProgrammeKind::Mentoring => (
            Text::PeopleFigures,
            [Text::Mentees, Text::Mentors, Text::Invited],
        ),
    };
    view! {
        <p class="mw-hint">{locale.format(Text::FiguresAsOf, &[&locale.date(f.as_of)])}</p>
        {bar_chart(locale, chart("people", t(people), Text::AxisRole, Text::AxisPeopleCount, t(Text::ChartPeopleYet), false), labelled(&sides, f.people), level)}
        {bar_chart(locale, chart("relationships", t(Text::RelationshipsByLifecycle), Text::AxisStage, Text::AxisRelationshipsCount, t(Text::ChartRelationshipsYet), false), labelled(&[Text::LifecycleProposed, Text::LifecycleActive, Text::LifecyclePaused, Text::LifecycleCompleted, Text::EndedEarlyShort, Text::DeclinedOrWithdrawnShort], f.relationships), level)}
        {bar_chart(locale, chart("goals", t(Text::GoalsByStatusOverTime), Text::AxisMonth, Text::AxisGoalsCount, t(Text::ChartGoalsYet), false), goals, level)}
        {bar_chart(locale, chart("sessions", t(Text::SessionsPerMonth), Text::AxisMonth, Text::AxisSessionsCount, t(Text::ChartSessionsYet), false), sessions, level)}
        {f.ratings.into_iter().enumerate().map(|(n, (name, counts))| {
            let bars = counts.into_iter().enumerate().map(|(i, c)| single(locale.number(i + 1), c)).collect();
            let scale = scale(&name);
            let title = locale.format(Text::RatingsOf, &[&scale]);
            let empty = locale.format(Text::ChartRatingsYet, &[&scale]);
            bar_chart(locale, chart(&format!("ratings-{n}"), title, Text::AxisRating, Text::AxisRatingsCount, empty, false), bars, level)
        }).collect_any()}
        {bar_chart(locale, chart("kirkpatrick", t(Text::KirkpatrickView), Text::AxisMeasure, Text::AxisMeanOutOf5, t(Text::ChartEvaluationYet), true), labelled(&[Text::KReaction, Text::KLearningStart, Text::KLearningEnd, Text::KBehaviourManagers, Text::KBehaviourPeers], f.kirkpatrick), level)}
        <p class="mw-hint">{t(Text::KirkpatrickResults)} ": " {results}</p>
    }
}

/// What ending a relationship is for: it asks first, as neither can be undone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    EndEarly,
    Rematch,
}

/// One relationship's signals and the actions the host's health check offers. Focusable
/// (not in the tab order) so that "Show more" can move keyboard focus to the first card added.
fn pair_card(
    actions: Actions,
    locale: Locale,
    kind: ProgrammeKind,
    h: PairHealth,
) -> impl IntoView {
    let t = move |key| locale.text(key);
    let known = actions.workspace.relationship(&h.relationship);
    let Some((mentor, mentee)) = known
        .as_ref()
        .map(|r| (r.mentor.clone(), r.mentee.clone()))
        .or_else(|| h.pair.clone())
    else {
        return view! { <li class="mw-card" tabindex="-1">{h.relationship.to_string()}</li> }
            .into_any();
    };
    // Which of the two is the mentor (or coach) is said, not left to the order.
    let names = locale.format(
        in_words_of(kind, Text::PairCardNames),
        &[
            &actions.workspace.name_of(&mentor),
            &actions.workspace.name_of(&mentee),
        ],
    );
    let last = h
        .last_session
        .map(|d| locale.date(d))
        .unwrap_or_else(|| "–".into());
    // A count below zero would be the host's mistake: it reads as none.
    let count = |key, n: i64| locale.count(key, usize::try_from(n).unwrap_or(0));
    let goals = count(Text::CountGoals, h.goals);
    let line = if h.sessions > 0 {
        locale.format(
            Text::HealthLine,
            &[&count(Text::CountSessions, h.sessions), &last, &goals],
        )
    } else {
        locale.format(Text::HealthLineNoSessions, &[&goals])
    };
    // Sessions planned ahead are not counted above: the next one is said apart.
    let line = match h.next_session {
        Some(next) => locale.format(Text::HealthLineNext, &[&line, &locale.date(next)]),
        None => line,
    };
    let reason = RwSignal::new(String::new());
    let new_end = RwSignal::new(String::new());
    let said = RwSignal::new(None::<String>);
    // Ending early and re-matching cannot be undone: they ask first, with the reason.
    let asking = RwSignal::new(None::<Ending>);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let card = NodeRef::<Li>::new();
    let id = StoredValue::new(h.relationship.clone());
    // The relationship as it stands on this device, whole: the card shows a change (started,
    // extended, ended) at once, without waiting for the host's next figures. Its end signal
    // and the actions offered are asked of the core again with it; the host's other signals
    // need records only the host holds.
    let record = memo(move || id.with_value(|id| actions.workspace.relationship(id)));
    let settings = move |r: &mentoring_core::Relationship| {
        HealthSettings::of(&actions.workspace.programmes(), &r.programme)
    };
    let reported = StoredValue::new(h.signals.clone());
    let last_met = h.last_met;
    let signals = memo(move || {
        record.with(|r| match r {
            Some(r) => reported
                .with_value(|keys| signals_now(keys, r, last_met, actions.today(), settings(r))),
            None => reported.get_value(),
        })
    });
    // A proposal's mentor's places as a start would count them: no Start without one left,
    // and a sentence saying why instead.
    let places = move || {
        let r = record
            .get()
            .filter(|r| r.lifecycle == Lifecycle::Proposed)?;
        let programme =
            (actions.workspace.programmes().into_iter()).find(|p| p.id == r.programme)?;
        let existing = actions.workspace.relationships.get();
        Some(places_at_start(
            &r,
            &programme,
            &existing,
            &actions.workspace.enrolments(),
        ))
    };
    let offered_by_host = StoredValue::new(h.actions.clone());
    let offered = memo(move || {
        record.with(|r| match r {
            Some(r) => signals.with(|keys| {
                let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                let has_place = places().is_none_or(PlacesAtStart::has_place);
                actions_offered(r, &keys, actions.today(), settings(r), has_place)
                    .into_iter()
                    .map(|a| a.key().to_owned())
                    .collect()
            }),
            None => offered_by_host.get_value(),
        })
    });
    let now = memo(move || record.with(|r| r.as_ref().map(|r| r.lifecycle.clone())));
    let over = move || now.with(|l| l.as_ref().is_some_and(Lifecycle::is_over));
    let proposed = move || now.with(|l| *l == Some(Lifecycle::Proposed));
    let paused = move || now.with(|l| *l == Some(Lifecycle::Paused));
    // A paused pair is not quiet (nobody expects a session): said, with since when when this
    // device holds the pause's write, rather than left to read as healthy.
    let paused_said = move || {
        paused().then(|| {
            let since = (actions.workspace.pairing_log).with(|log| {
                id.with_value(|id| {
                    log.iter()
                        .find(|e| &e.relationship == id)
                        .map(|e| e.lifecycle.at)
                })
            });
            match since {
                Some(at) => locale.format(
                    Text::HealthPausedSince,
                    &[&locale.date(zone::day(at, &zone::of_me(actions)))],
                ),
                None => t(Text::HealthPaused).to_owned(),
            }
        })
    };
    // A pair under way with nothing flagged says so: an empty line read as missing.
    let signals_said = move || {
        signals.with(|keys| {
            if keys.is_empty() {
                let under_way = !proposed() && !over() && !paused();
                return if under_way {
                    t(Text::HealthNoSignals).to_owned()
                } else {
                    String::new()
                };
            }
            let said: Vec<&str> = keys.iter().map(|k| t(signal_text(k))).collect();
            locale.list(&said)
        })
    };
    // Said in the reader's date format, and said as passed once it has: only a pair this
    // device holds has its planned end known.
    let planned_end = move || {
        record.with(|r| {
            r.as_ref().filter(|r| !r.lifecycle.is_over()).map(|r| {
                let passed = actions.today().days_until(r.planned_end) < 0;
                let key = if passed {
                    Text::HealthPlannedEndPassed
                } else {
                    Text::HealthPlannedEnd
                };
                locale.format(key, &[&locale.date(r.planned_end)])
            })
        })
    };
    // The pair's latest nudge on this device, shown at once after one is sent; the core says
    // whether another may go now, and why not.
    let nudges = memo(move || actions.workspace.nudges());
    let nudged = move || {
        nudges.with(|all| {
            id.with_value(|id| last_nudge(all, id)).map(|n| {
                let when = locale.date_time(n.at, &zone::of_me(actions));
                locale.format(Text::NudgedAt, &[&when])
            })
        })
    };
    let pair = StoredValue::new([mentor.clone(), mentee.clone()]);
    let nudge_refused = move || {
        nudges.with(|all| {
            id.with_value(|id| {
                pair.with_value(|[mentor, mentee]| {
                    check_nudge_interval(id, [mentor, mentee], actions.now(), all).err()
                })
            })
        })
    };
    let offers = move |a: HealthAction| {
        offered.with(|keys| keys.iter().any(|x| x == a.key()))
            && now.with(|l| l.as_ref().is_none_or(|l| a.applies_to(l)))
    };
    let owed = use_context::<FiguresOwed>();
    let pair_now = StoredValue::new(names.clone());
    let act = move |action: PairAction| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let ending = matches!(action, PairAction::EndEarly(_) | PairAction::Rematch(_));
        let is_start = matches!(action, PairAction::Start);
        let starts = move || record.with_untracked(|r| r.as_ref().map(|r| r.starts));
        let was = starts();
        spawn_local(async move {
            match actions.relationship_action(&id.get_value(), action).await {
                Ok(()) => {
                    asking.set(None);
                    problem.set(None);
                    // A pair starts the day it is started: a date that moved is said.
                    let moved =
                        match (was, starts()) {
                            (Some(was), Some(now)) if was != now => Some(locale.format(
                                Text::StartedOnDay,
                                &[&locale.date(now), &locale.date(was)],
                            )),
                            _ => None,
                        };
                    // A start is announced as one, naming the pair, as other admin actions are.
                    let started = is_start.then(|| {
                        locale.format(Text::RelationshipStartedSaid, &[&pair_now.get_value()])
                    });
                    let text = match (started, moved) {
                        (Some(started), Some(moved)) => format!("{started} {moved}"),
                        (Some(started), None) => started,
                        (None, Some(moved)) => moved,
                        (None, None) => t(Text::ActionSaved).to_owned(),
                    };
                    said.set(Some(text));
                    focus_when_drawn(card, ".mw-said");
                    if let Some(FiguresOwed(owed)) = owed {
                        owed.set(Some(format!("#mw-pair-{}", id.get_value())));
                    }
                }
                Err(e) if ending => problem.set(Some(e)),
                Err(e) => said.set(Some(e)),
            }
            busy.set(false);
        })
    };
    // Sent here from "Needs your attention" (Start or decline): the card is drawn once the
    // host's figures come, and then takes focus, scrolled into view.
    if let Some(nav) = use_context::<crate::ui::screens::Nav>() {
        let me = format!("#mw-pair-{}", id.get_value());
        Effect::new(move |_| {
            if let (true, Some(card)) = (nav.sent_to(&me), card.get()) {
                card.scroll_into_view();
                let _ = card.focus();
            }
        });
    }
    let ask = move |ending: Ending| {
        problem.set(None);
        asking.set(Some(ending));
        focus_when_drawn(card, ".mw-confirm input");
    };
    let cancel = move |_| {
        let back = match asking.get_untracked() {
            Some(Ending::Rematch) => ".mw-rematch",
            _ => ".mw-end-early",
        };
        asking.set(None);
        problem.set(None);
        focus_when_drawn(card, back);
    };
    let mentee_name = actions.workspace.name_of(&mentee);
    let mentor_name = actions.workspace.name_of(&mentor);
    // Every card repeats these buttons: their names say whose pair, the words shown first.
    let pair_said = StoredValue::new(locale.format(Text::PairOf, &[&mentee_name, &mentor_name]));
    let named = move |action: Text| pair_said.with_value(|pair| format!("{}: {pair}", t(action)));
    let no_place = {
        let mentor_name = mentor_name.clone();
        move || {
            let p = places().filter(|p| !p.has_place())?;
            let key = if p.invited {
                Text::AdminNoPlaceInvited
            } else {
                in_words_of(kind, Text::AdminNoPlace)
            };
            let of = locale.count(Text::CountPlaces, p.places as usize);
            Some(locale.format(key, &[&mentor_name, &locale.number(p.held), &of]))
        }
    };
    let rid = h.relationship.to_string();
    let card_id = format!("mw-pair-{rid}");
    let reason_id = format!("mw-reason-{rid}");
    let reason_error = format!("mw-reason-error-{rid}");
    let confirm_text = {
        let mentee_name = mentee_name.clone();
        move |ending: Ending| match ending {
            Ending::EndEarly if proposed() => (
                t(Text::ConfirmAdminDecline).to_owned(),
                t(Text::YesAdminDecline),
            ),
            Ending::EndEarly => (
                t(Text::ConfirmAdminEndEarly).to_owned(),
                t(Text::YesEndEarly),
            ),
            Ending::Rematch => (
                locale.format(Text::ConfirmRematch, &[&mentee_name]),
                t(Text::YesRematch),
            ),
        }
    };
    let confirm = move |ev: SubmitEvent| {
        ev.prevent_default();
        let why = reason.get_untracked();
        match asking.get_untracked() {
            Some(Ending::EndEarly) => act(PairAction::EndEarly(why)),
            Some(Ending::Rematch) => act(PairAction::Rematch(why)),
            None => {}
        }
    };
    let question = move || {
        let ending = asking.get()?;
        let (question, yes) = confirm_text(ending);
        let label = match ending {
            Ending::Rematch => Text::ReasonForRematch,
            Ending::EndEarly if proposed() => Text::ReasonForDeclining,
            Ending::EndEarly => Text::ReasonForEnding,
        };
        Some(view! {
            <form class="mw-inline-form mw-confirm" on:submit=confirm novalidate>
                <label class="mw-field" for=reason_id.clone()>{t(label)}</label>
                <input
                    id=reason_id.clone()
                    type="text"
                    aria-describedby=reason_error.clone()
                    aria-invalid=move || problem.with(Option::is_some).to_string()
                    prop:value=value_of(reason)
                    on:input=set_from_event(reason)
                />
                <p id=reason_error.clone() class="mw-error" role="alert">{move || problem.get()}</p>
                <p>{question}</p>
                <div class="mw-actions">
                    <button type="submit" aria-disabled=refused_while(move || busy.get())>{yes}</button>
                    <button type="button" class="mw-secondary mw-cancel" on:click=cancel>{t(Text::Cancel)}</button>
                </div>
            </form>
        })
    };
    // How a pair that is over ended, as a sentence naming who ended it where that is not the
    // admins (`reminders::ending`: a proposal declined, withdrawn, or declined by its admins).
    let status = move || {
        let r = record.get().filter(|r| r.lifecycle.is_over())?;
        let reason = match &r.lifecycle {
            Lifecycle::EndedEarly { reason } => reason_in_sentence(reason),
            _ => "",
        };
        let ended = (actions.workspace.pairing_log).with(|log| ending(&r, log));
        let (key, who) = match ended.map_or(Ended::EndedEarly, |(ended, _)| ended) {
            Ended::Completed => (Text::AdminEndedCompleted, &r.mentor),
            Ended::EndedEarly => (Text::AdminEndedEarly, &r.mentor),
            Ended::Declined => (Text::AdminEndedDeclined, &r.mentor),
            Ended::Withdrawn => (Text::AdminEndedWithdrawn, &r.mentee),
            Ended::Cancelled => (Text::AdminEndedByAdmins, &r.mentor),
        };
        Some(locale.format(key, &[reason, &actions.workspace.name_of(who)]))
    };
    view! {
        <li class="mw-card" tabindex="-1" node_ref=card id=card_id>
            <p class="mw-card-line">{names}</p>
            {move || proposed().then(|| view! { <p class="mw-card-line mw-proposed">{t(Text::HealthProposed)}</p> })}
            {move || paused_said().map(|said| view! { <p class="mw-card-line mw-paused">{said}</p> })}
            <p class="mw-card-line mw-signals">{signals_said}</p>
            <p class="mw-hint mw-planned-end">{planned_end}</p>
            <p class="mw-hint">{line}</p>
            <p class="mw-card-line">{status}</p>
            <p class="mw-hint mw-no-place">{no_place}</p>
            // While a confirm step is open it is the card's one question: no other action
            // beside it to press by mistake.
            {move || asking.with(Option::is_none).then(|| {
            let (mentee_name, mentor_name) = (mentee_name.clone(), mentor_name.clone());
            view! {
            <div class="mw-actions">
                {move || offers(HealthAction::Start).then(|| view! {
                    <button type="button" aria-label=named(Text::StartRelationship) aria-disabled=refused_while(move || busy.get()) on:click=move |_| act(PairAction::Start)>
                        {t(Text::StartRelationship)}
                    </button>
                })}
                {move || (offers(HealthAction::Nudge) && nudge_refused().is_none()).then(|| {
                    view! {
                        <button type="button" class="mw-secondary mw-nudge" aria-disabled=refused_while(move || busy.get()) on:click=move |_| act(PairAction::Nudge { reasons: signals.get_untracked() })>
                            {locale.format(Text::NudgePair, &[&mentee_name, &mentor_name])}
                        </button>
                    }
                })}
            </div>
            }})}
            {move || nudged().map(|when| view! { <p class="mw-hint mw-nudged">{when}</p> })}
            {move || offers(HealthAction::Nudge).then(nudge_refused).flatten().map(|r| view! {
                <p class="mw-hint">{locale.refusal(&r)}</p>
            })}
            {move || (asking.with(Option::is_none) && offers(HealthAction::Extend)).then(|| view! {
                <div class="mw-inline-form">
                    <label class="mw-field" for=format!("mw-end-{rid}")>{t(Text::NewPlannedEnd)}</label>
                    <input id=format!("mw-end-{rid}") type="date" prop:value=value_of(new_end) on:input=set_from_event(new_end) />
                    <button type="button" class="mw-secondary" aria-disabled=refused_while(move || busy.get()) on:click=move |_| {
                        match locale.parse_date(&new_end.get_untracked()) {
                            Ok(d) => act(PairAction::Extend(d)),
                            Err(e) => said.set(Some(e)),
                        }
                    }>{t(Text::Extend)}</button>
                </div>
            })}
            {move || (asking.with(Option::is_none) && !over()).then(|| view! {
                <div class="mw-actions">
                    {offers(HealthAction::EndEarly).then(|| view! {
                        <button type="button" class="mw-secondary mw-end-early" aria-label=named(if proposed() { Text::AdminDecline } else { Text::EndEarly }) on:click=move |_| ask(Ending::EndEarly)>{t(if proposed() { Text::AdminDecline } else { Text::EndEarly })}</button>
                    })}
                    {offers(HealthAction::Rematch).then(|| view! {
                        <button type="button" class="mw-secondary mw-rematch" aria-label=named(Text::Rematch) on:click=move |_| ask(Ending::Rematch)>{t(Text::Rematch)}</button>
                    })}
                </div>
            })}
            {question}
            <p class="mw-hint mw-said" role="status" tabindex="-1">{move || said.get()}</p>
        </li>
    }
    .into_any()
}

/// The enrolments of `programme` held here, read untracked.
fn enrolments_of(actions: Actions, programme: &RecordId) -> Vec<mentoring_core::Enrolment> {
    let all = untrack(|| actions.workspace.enrolments());
    all.into_iter()
        .filter(|e| &e.programme == programme)
        .collect()
}

/// Set by a pair card after the admin's own action: the dashboard's figures are fetched
/// again after the next sync.
#[derive(Clone, Copy)]
struct FiguresOwed(RwSignal<Option<String>>);

#[component]
pub fn ProgrammeDashboard(actions: Actions, programme: RecordId) -> impl IntoView {
    let locale = use_locale();
    let t = move |key| locale.text(key);
    // The health list is kept apart from the aggregates: drawing the figures (again after the
    // printable report, say) then copies the charts' few values, not every pair's health.
    // The figures last fetched stay shown while new ones load and when fetching fails (the
    // error is said beside them), so going offline takes nothing away.
    let figures = RwSignal::new(None::<ProgrammeFigures>);
    let error = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    // The programme has not reached the host yet (set up on this device, not synced): its
    // figures are asked for again by themselves after the next sync.
    let not_there_yet = RwSignal::new(false);
    let health = StoredValue::new(Vec::<PairHealth>::new());
    let id = StoredValue::new(programme);
    // The programme's enrolments when its figures were last asked for.
    let loaded_with = StoredValue::new(Vec::new());
    let load = move || {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        loaded_with.set_value(enrolments_of(actions, &id.get_value()));
        spawn_local(async move {
            match actions.programme_figures(id.get_value()).await {
                Ok(Some(mut f)) => {
                    health.set_value(std::mem::take(&mut f.health));
                    error.set(None);
                    not_there_yet.set(false);
                    figures.set(Some(f));
                }
                Ok(None) => {
                    error.set(None);
                    not_there_yet.set(true);
                }
                Err(message) => error.set(Some(message)),
            }
            loading.set(false);
        });
    };
    load();
    // An admin's own start, ending or re-match changes the figures once the host has it:
    // they are fetched again after the next sync, not left until "Refresh figures".
    let owed = RwSignal::new(None::<String>);
    provide_context(FiguresOwed(owed));
    // So do people enrolled, invited or taken off since the figures were asked for: the
    // people figures would otherwise contradict the participant list until "Refresh figures".
    let enrolled = move || {
        let now = enrolments_of(actions, &id.get_value());
        loaded_with.with_value(|then| then != &now)
    };
    let nav = use_context::<crate::ui::screens::Nav>();
    Effect::new(move |seen: Option<Option<mentoring_core::Millis>>| {
        let last = actions.sync.status.with(|s| s.last_synced);
        let changed = seen.is_some_and(|seen| seen != last);
        let acted = changed.then(|| owed.get_untracked()).flatten();
        if changed && (not_there_yet.get_untracked() || acted.is_some() || enrolled()) {
            owed.set(None);
            // The cards are drawn again with the figures: focus stays on the pair acted on.
            if let (Some(nav), Some(card)) = (nav, acted) {
                nav.focus(&card);
            }
            load();
        }
        last
    });
    let export_error = RwSignal::new(None::<String>);
    let export = move |file: &'static str| {
        spawn_local(async move {
            export_error.set(
                actions
                    .download_programme_export(id.get_value(), file)
                    .await
                    .err(),
            );
        })
    };
    let report = RwSignal::new(false);
    // Opening the report puts the keyboard on its heading, closing it back on this button.
    let (dashboard, open_report) = (NodeRef::<Section>::new(), NodeRef::<Button>::new());
    let shown = RwSignal::new(PAIRS_PAGE);
    let print_error = RwSignal::new(None::<String>);
    let name = move || {
        actions
            .workspace
            .programmes()
            .into_iter()
            .find(|p| id.with_value(|id| &p.id == id))
            .map(|p| p.name)
            .unwrap_or_default()
    };
    // A memo: another change to the workspace (a nudge saved) must not draw the figures, and
    // with them every pair's card, again; the kind arriving after the figures (the programme
    // reaching the device later) must.
    let kind = memo(move || {
        (actions.workspace.programmes().into_iter())
            .find(|p| id.with_value(|id| &p.id == id))
            .map_or(ProgrammeKind::Mentoring, |p| p.kind)
    });
    view! {
        <section class="mw-section" aria-labelledby="mw-dashboard-heading" node_ref=dashboard>
            <h4 id="mw-dashboard-heading">{t(Text::Dashboard)}</h4>
            <div class="mw-actions">
                <button type="button" class="mw-secondary" aria-disabled=refused_while(move || loading.get()) on:click=move |_| load()>{t(Text::RefreshFigures)}</button>
                <button type="button" class="mw-secondary" node_ref=open_report on:click=move |_| {
                    report.set(true);
                    focus_when_drawn(dashboard, "#mw-report-heading");
                }>{t(Text::PrintableReport)}</button>
            </div>
            <p class="mw-muted" role="status">{move || loading.get().then(|| t(Text::LoadingFigures))}</p>
            <p class="mw-error" role="alert">{move || error.get()}</p>
            <p class="mw-hint mw-figures-later" role="status">
                {move || not_there_yet.get().then(|| t(Text::FiguresAfterSync))}
            </p>
            {move || match figures.get() {
                None => ().into_any(),
                // The report is the aggregates alone (no pair's health), print-friendly: the
                // stylesheet's `@media print` hides everything of the widget but it, and while
                // it is shown `PrintOnly` hides the host's page around the widget on paper.
                Some(f) if report.get() => {
                    let section = NodeRef::<Section>::new();
                    let watch = StoredValue::new_local(Some(PrintOnly::watch(move || {
                        section.get_untracked().map(JsValue::from)
                    })));
                    on_cleanup(move || drop(watch.try_update_value(Option::take)));
                    view! {
                    <section class="mw-report" aria-labelledby="mw-report-heading" node_ref=section>
                        <h5 id="mw-report-heading" tabindex="-1">{locale.format(Text::ProgrammeReport, &[&name()])}</h5>
                        <div class="mw-actions">
                            <button type="button" on:click=move |_| print_error.set(print().err())>{t(Text::Print)}</button>
                            <button type="button" class="mw-secondary" on:click=move |_| {
                                report.set(false);
                                // Back on the button that opened it: the page does not jump.
                                focus_found_when_drawn(open_report, |button| Some(button.clone()));
                            }>{t(Text::CloseReport)}</button>
                        </div>
                        <p class="mw-error" role="alert">{move || print_error.get()}</p>
                        {charts(locale, kind.get(), f, 6)}
                    </section>
                }
                    .into_any()
                }
                Some(f) => {
                    let total = health.with_value(Vec::len);
                    let cards = NodeRef::<Ul>::new();
                    // The cards shown stay as they are and the next page is added after them;
                    // keyboard focus moves to the first card added.
                    let show_more = move |_| {
                        let first_added = shown.get_untracked();
                        shown.set(first_added + PAIRS_PAGE);
                        focus_when_drawn(cards, &format!(":scope > li:nth-child({})", first_added + 1));
                    };
                    view! {
                        <h5>{t(Text::RelationshipHealth)}</h5>
                        <p class="mw-hint">{t(Text::HealthListIsPairs)}</p>
                        {(total == 0).then(|| view! { <p class="mw-empty">{t(Text::NoRelationshipsInProgramme)}</p> })}
                        // Keyed by place in the host's list, which stays as it is until the
                        // figures are fetched again, and is unique even if a host repeated a
                        // relationship id.
                        <ul class="mw-cards" node_ref=cards>
                            <For each=move || 0..shown.get().min(total) key=|at| *at let:at>
                                {health.with_value(|all| all.get(at).cloned()).map(|h| pair_card(actions, locale, kind.get_untracked(), h))}
                            </For>
                        </ul>
                        {shown_while(move || shown.get() < total, move || view! {
                            <button type="button" class="mw-secondary" on:click=show_more>
                                {move || locale.format(Text::ShowMorePairs, &[&locale.number(PAIRS_PAGE), &locale.number(total - shown.get())])}
                            </button>
                        }.into_any())}
                        {charts(locale, kind.get(), f, 5)}
                    }
                        .into_any()
                }
            }}
            <h5>{t(Text::Exports)}</h5>
            <div class="mw-actions">
                <button type="button" class="mw-secondary" on:click=move |_| export("relationships.csv")>{t(Text::DownloadRelationshipsCsv)}</button>
                <button type="button" class="mw-secondary" on:click=move |_| export("aggregates.csv")>{t(Text::DownloadAggregatesCsv)}</button>
            </div>
            <p class="mw-error" role="alert">{move || export_error.get()}</p>
        </section>
    }
}
