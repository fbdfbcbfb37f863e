//! The goal editor: SMART step by step (Specific, Measurable, Achievable, Relevant,
//! Time-bound), then the goal's milestones, progress and status, with a progress bar and a
//! small hand-drawn chart of progress over time. A partner's goal is shown read-only.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::goal::{
    alignment_required, changed_meanwhile, check_due_set, check_goal_draft, objectives_for,
    rebase_draft, DraftPart, NOTE_MAX_CHARS,
};
use mentoring_core::{
    Amount, Date, Goal, GoalCommand, GoalContext, GoalDraft, GoalStatus, Measure, Millis,
    ProgressFrom, ProgressPoint, ProgressSource, RecordId, Relevance, TITLE_MAX_CHARS,
};

use super::form_problem::{FormPart, FormProblem};
use super::goals::{self, ProgressUndo, SliderChoice};
use super::i18n::{Locale, Text};
use super::keyed_list;
use super::memo;
use super::relationships::{kind_text, my_id, title_of};
use super::screens::{missing_record, Nav, Screen};
use super::session_log::zone;
use super::shown_while;
use super::state::Actions;
use super::CollectAny;
use super::{refused_while, use_locale};
use super::{set_from_event, value_of};

pub(super) fn status_text(status: GoalStatus) -> Text {
    match status {
        GoalStatus::OnTrack => Text::StatusOnTrack,
        GoalStatus::AtRisk => Text::StatusAtRisk,
        GoalStatus::Achieved => Text::StatusAchieved,
        GoalStatus::Dropped => Text::StatusDropped,
    }
}

const STATUSES: [GoalStatus; 4] = [
    GoalStatus::OnTrack,
    GoalStatus::AtRisk,
    GoalStatus::Achieved,
    GoalStatus::Dropped,
];

/// A progress bar with its percentage, named for screen readers: "Progress of “{label}”", or
/// `name` when given (a score bar, a run's progress).
#[component]
pub fn ProgressBar(
    #[prop(into)] percent: Signal<u8>,
    /// Followed: a goal's title saved while its bar shows renames the bar.
    #[prop(into)]
    label: Signal<String>,
    #[prop(optional)] name: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    let name = move || {
        name.clone()
            .unwrap_or_else(|| label.with(|label| locale.format(Text::ProgressOf, &[label])))
    };
    view! {
        <div class="mw-bar-row">
            <div
                class="mw-bar"
                role="progressbar"
                aria-label=name
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=move || percent.get().to_string()
                aria-valuetext=move || locale.percent(percent.get())
            >
                <div class="mw-bar-fill" style:width=move || format!("{}%", percent.get())></div>
            </div>
            <span class="mw-bar-percent">{move || locale.percent(percent.get())}</span>
        </div>
    }
}

/// Chart width and height in SVG user units (the SVG scales to its box). Whole units are
/// fine at this size, and integer arithmetic keeps float formatting out of the bundle.
const CHART_W: i64 = 300;
const CHART_H: i64 = 100;

/// The corners of the step lines through the progress history, in chart units: progress holds
/// its value until the next change. Time runs left to right; 100 % is at the top. A point
/// where progress started coming from elsewhere (`new_source`) starts a new line, so a switch
/// of source is not drawn as a jump nobody made.
pub(super) fn chart_points(
    history: &[ProgressPoint],
    width: i64,
    height: i64,
) -> Vec<Vec<(i64, i64)>> {
    let y = |p: &ProgressPoint| height - i64::from(p.progress.percent()) * height / 100;
    let (Some(first), Some(last)) = (history.first(), history.last()) else {
        return Vec::new();
    };
    if history.len() == 1 {
        return vec![vec![(0, y(first)), (width, y(first))]];
    }
    let span = i128::from(last.at.0) - i128::from(first.at.0);
    let steps = (history.len() - 1) as i128;
    let x = |n: usize, p: &ProgressPoint| {
        let (part, whole) = if span > 0 {
            (i128::from(p.at.0) - i128::from(first.at.0), span)
        } else {
            (n as i128, steps)
        };
        (part * i128::from(width) / whole) as i64
    };
    let mut lines = vec![vec![(0, y(first))]];
    for (n, pair) in history.windows(2).enumerate() {
        let at = x(n + 1, &pair[1]);
        if let Some(line) = lines.last_mut() {
            line.push((at, y(&pair[0])));
        }
        if pair[1].new_source {
            lines.push(Vec::new());
        }
        if let Some(line) = lines.last_mut() {
            line.push((at, y(&pair[1])));
        }
    }
    lines
}

/// Whether the history holds a change worth drawing: two points of different progress.
fn has_change(history: &[ProgressPoint]) -> bool {
    history.windows(2).any(|w| w[0].progress != w[1].progress)
}

/// The chart's words, its text alternative, about the line since progress last started coming
/// from elsewhere (a change from the line before is none): `day` gives the date of an instant
/// on the reader's own calendar.
fn chart_summary(
    history: &[ProgressPoint],
    locale: Locale,
    day: &dyn Fn(Millis) -> Date,
) -> String {
    let date = |p: &ProgressPoint| locale.date(day(p.at));
    let start = history.iter().rposition(|p| p.new_source).unwrap_or(0);
    let line = &history[start..];
    let (Some(first), Some(last)) = (line.first(), line.last()) else {
        return locale.text(Text::ChartEmpty).to_owned();
    };
    let words = if has_change(line) {
        locale.format(
            Text::ChartSummary,
            &[
                &locale.percent(first.progress.percent()),
                &date(first),
                &locale.percent(last.progress.percent()),
                &date(last),
                &locale.count(Text::CountChanges, line.len() - 1),
            ],
        )
    } else {
        locale.format(
            Text::ChartNoChange,
            &[&locale.percent(last.progress.percent()), &date(first)],
        )
    };
    if start == 0 {
        return words;
    }
    let since = locale.format(Text::ChartSourceChanged, &[&date(first)]);
    format!("{since} {words}")
}

/// Progress over time, drawn by hand as inline SVG between its axes' labels (percent up the
/// side, the first and last dates along the bottom), with its words as the caption. Nothing is
/// drawn before progress has changed: the caption says where it stands.
#[component]
pub fn ProgressChart(
    #[prop(into)] history: Signal<Vec<ProgressPoint>>,
    /// The reader's time zone, for the dates.
    time_zone: String,
) -> impl IntoView {
    let locale = use_locale();
    let lines = move || {
        history.with(|h| {
            chart_points(h, CHART_W, CHART_H)
                .into_iter()
                .map(|line| {
                    let points = (line.iter())
                        .map(|(x, y)| format!("{x},{y}"))
                        .collect::<Vec<_>>()
                        .join(" ");
                    view! { <polyline class="mw-chart-line" points=points></polyline> }
                })
                .collect_any()
        })
    };
    let day = move |at: Millis| zone::day(at, &time_zone);
    // The first and last dates under the time axis.
    let ends = {
        let day = day.clone();
        move || {
            history.with(|h| {
                let date = |p: &ProgressPoint| locale.date(day(p.at));
                let last = h.last().filter(|_| h.len() > 1).map(date);
                (
                    h.first().map(date).unwrap_or_default(),
                    last.unwrap_or_default(),
                )
            })
        }
    };
    let summary = move || history.with(|h| chart_summary(h, locale, &day));
    view! {
        <figure class="mw-chart">
            // A flat line says nothing the caption does not: drawn once progress has changed.
            <div class="mw-chart-plot" hidden=move || !history.with(|h| has_change(h)) aria-hidden="true">
                <div class="mw-chart-y">
                    <span>{locale.percent(100)}</span>
                    <span>{locale.percent(50)}</span>
                    <span>{locale.percent(0)}</span>
                </div>
                <svg viewBox="-2 -4 304 108" preserveAspectRatio="none" focusable="false">
                    <line class="mw-chart-grid" x1="0" y1="0" x2="300" y2="0"></line>
                    <line class="mw-chart-grid" x1="0" y1="50" x2="300" y2="50"></line>
                    <line class="mw-chart-grid" x1="0" y1="100" x2="300" y2="100"></line>
                    {lines}
                </svg>
                <div class="mw-chart-x">
                    {move || {
                        let (first, last) = ends();
                        view! {
                            <span>{first}</span>
                            <span>{last}</span>
                        }
                    }}
                </div>
            </div>
            <figcaption class="mw-hint">{summary}</figcaption>
        </figure>
    }
}

/// What the editor shows for the goal it was opened on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    New,
    Mine,
    Partners,
    Missing,
}

#[component]
pub fn GoalEditor(
    actions: Actions,
    nav: Nav,
    goal: Option<RecordId>,
    relationship: Option<RecordId>,
) -> impl IntoView {
    let locale = use_locale();
    let lookup = goal.clone();
    let mode = memo(move || {
        let Some(id) = &lookup else {
            return Mode::New;
        };
        let me = my_id(actions);
        actions
            .workspace
            .goals
            .with(|all| match all.iter().find(|g| &g.id == id) {
                None => Mode::Missing,
                Some(g) if Some(&g.owner) == me.as_ref() => Mode::Mine,
                Some(_) => Mode::Partners,
            })
    });
    move || {
        let goal = goal.clone();
        let relationship = relationship.clone();
        match (mode.get(), goal) {
            (Mode::New, _) => view! {
                <h3 class="mw-screen-title" tabindex="-1">{locale.text(Text::NewSmartGoal)}</h3>
                <SmartForm actions nav goal=None relationship />
            }
            .into_any(),
            (Mode::Mine, Some(id)) => view! {
                <h3 class="mw-screen-title" tabindex="-1">{locale.text(Text::EditGoal)}</h3>
                <SmartForm actions nav goal=Some(id.clone()) relationship />
                <Tracker actions nav goal=id />
            }
            .into_any(),
            (Mode::Partners, Some(id)) => view! { <GoalView actions goal=id /> }.into_any(),
            _ => missing_record(Text::EditGoal, Text::GoalMissing),
        }
    }
}

/// The part of the form a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Title,
    Relationship,
    // Each field of the measure apart: a problem is said beside, and focuses, its own field.
    MeasureWhat,
    Baseline,
    Target,
    Current,
    Milestones,
    Relevance,
    Due,
    Other,
}

impl FormPart for Part {
    fn index(self) -> u8 {
        self as u8
    }
}

impl Part {
    /// The SMART step that holds this part.
    fn step(self) -> Option<u8> {
        match self {
            Part::Title | Part::Relationship => Some(0),
            Part::MeasureWhat | Part::Baseline | Part::Target | Part::Current => Some(1),
            Part::Milestones => Some(2),
            Part::Relevance => Some(3),
            Part::Due => Some(4),
            Part::Other => None,
        }
    }
}

impl From<DraftPart> for Part {
    fn from(part: DraftPart) -> Part {
        match part {
            DraftPart::Title => Part::Title,
            DraftPart::Relationship => Part::Relationship,
            DraftPart::MeasureWhat => Part::MeasureWhat,
            DraftPart::MeasureTarget => Part::Target,
            DraftPart::Milestones => Part::Milestones,
            DraftPart::Relevance => Part::Relevance,
            DraftPart::Due => Part::Due,
        }
    }
}

/// The first field of the SMART step on show.
const SHOWN_STEP_FIELD: &str = ".mw-smart fieldset:not([hidden]) :is(input, select, textarea)";

/// The SMART steps' letters: the acronym stays in Latin letters in every language, beside
/// each step's translated name.
const SMART: &str = "SMART";

const STEPS: [(Text, Text); 5] = [
    (Text::StepSpecific, Text::StepSpecificHint),
    (Text::StepMeasurable, Text::StepMeasurableHint),
    (Text::StepAchievable, Text::StepAchievableHint),
    (Text::StepRelevant, Text::StepRelevantHint),
    (Text::StepTimeBound, Text::StepTimeBoundHint),
];

#[derive(Clone, Copy)]
struct MilestoneRow {
    key: u32,
    title: RwSignal<String>,
}

/// The SMART details of a new goal or of one of mine, one step at a time.
#[component]
fn SmartForm(
    actions: Actions,
    nav: Nav,
    goal: Option<RecordId>,
    relationship: Option<RecordId>,
) -> impl IntoView {
    let locale = use_locale();
    nav.forget_unsaved_with_form("goal");
    let editing = goal.clone();
    let start = goal.as_ref().and_then(|id| {
        actions
            .workspace
            .goals
            .with_untracked(|all| all.iter().find(|g| &g.id == id).cloned())
    });
    let measure = start.as_ref().and_then(|g| g.measure.clone());
    let amount = |pick: fn(&Measure) -> Amount| {
        measure
            .as_ref()
            .map(|m| pick(m).to_string())
            .unwrap_or_default()
    };
    // A new goal starts from what was typed in My goals' quick "Title" field.
    let title = RwSignal::new(start.as_ref().map_or_else(
        || nav.quick_title.get_untracked(),
        |g| g.title.as_str().to_owned(),
    ));
    let in_relationship = RwSignal::new(
        start
            .as_ref()
            .map_or(relationship.clone(), |g| g.relationship.clone())
            .map(|r| r.to_string())
            .unwrap_or_default(),
    );
    let what = RwSignal::new(measure.as_ref().map(|m| m.what.clone()).unwrap_or_default());
    let baseline = RwSignal::new(amount(|m| m.baseline));
    let target = RwSignal::new(amount(|m| m.target));
    let current = RwSignal::new(amount(|m| m.current));
    let objective = RwSignal::new(
        start
            .as_ref()
            .and_then(|g| g.relevance.objective.as_ref().map(|o| o.to_string()))
            .unwrap_or_default(),
    );
    let aspiration = RwSignal::new(
        start
            .as_ref()
            .map(|g| g.relevance.aspiration.clone())
            .unwrap_or_default(),
    );
    let due = RwSignal::new(
        start
            .as_ref()
            .and_then(|g| g.due.map(|d| d.to_string()))
            .unwrap_or_default(),
    );
    let milestones = RwSignal::new(vec![MilestoneRow {
        key: 0,
        title: RwSignal::new(String::new()),
    }]);
    let next_key = StoredValue::new(1u32);
    let milestone_count = start.as_ref().map(|g| g.milestones.len());
    // What the form showed when it opened, and after each save what it showed then: a save
    // changes only the fields changed since.
    let opened = StoredValue::new(start.as_ref().map(GoalDraft::of));
    // The goal as it stood when the person was told a part they changed had been changed
    // elsewhere: saving again over that same goal puts theirs in its place.
    let warned_over = StoredValue::new(None::<GoalDraft>);
    let is_new = goal.is_none();
    // The measure's current value follows its quick update below (or a sync) while this form
    // has left it as it opened, so the form does not show an older value than the tracker.
    if let Some(id) = goal.clone() {
        let stored_now = memo(move || {
            (actions.workspace.goals).with(|all| {
                let g = all.iter().find(|g| g.id == id)?;
                g.measure.as_ref().map(|m| m.current)
            })
        });
        Effect::new(move |_| {
            let Some(now) = stored_now.get() else {
                return;
            };
            opened.update_value(|opened| {
                let Some(was) = opened.as_mut().and_then(|d| d.measure.as_mut()) else {
                    return;
                };
                if was.current != now && current.get_untracked() == was.current.to_string() {
                    was.current = now;
                    current.set(now.to_string());
                }
            });
        });
    }
    let step = RwSignal::new(0u8);
    let problem = FormProblem::new();
    // A new goal saved opens here to edit: said as an edit saved is.
    let saved = RwSignal::new(nav.take_saved());
    let busy = RwSignal::new(false);

    // A goal is newly set only in a relationship not over; one already in it stays offered.
    let linked_before = start.as_ref().and_then(|g| g.relationship.clone());
    let my_relationships = memo(move || {
        let Some(me) = my_id(actions) else {
            return Vec::new();
        };
        let mut list = actions.workspace.relationships.with(|all| {
            mentoring_core::relationship::relationships_of(all, &me)
                .into_iter()
                .filter(|r| {
                    mentoring_core::relationship::check_still_open(r).is_ok()
                        || linked_before.as_ref() == Some(&r.id)
                })
                .map(|r| {
                    // A select cuts its option at the widget's width: the partner's name
                    // comes first, and the whole title is said beside it once chosen.
                    let partner = r.partner_of(&me).map(|p| actions.workspace.name_of(p));
                    let kind = locale.text(kind_text(r.kind));
                    let short =
                        locale.format(Text::PartOfOption, &[&partner.unwrap_or_default(), kind]);
                    (r.id.to_string(), short, title_of(actions, r, locale))
                })
                .collect::<Vec<_>>()
        });
        // A pairing they were taken off is no longer theirs to name here, yet the goal is still
        // part of it: said as it is, until they choose otherwise.
        if let Some(before) = linked_before.as_ref() {
            let taken_off = (actions.workspace.taken_off_notices().iter())
                .any(|n| &n.relationship == before && n.person == me)
                || actions
                    .workspace
                    .relationship(before)
                    .is_some_and(|r| !r.is_party(&me));
            let before = before.to_string();
            if taken_off && !list.iter().any(|(id, _, _)| *id == before) {
                let said = locale.text(Text::GoalEarlierPairing).to_owned();
                list.push((before, said.clone(), said));
            }
        }
        list
    });
    // The chosen pairing's whole title, when its option says less.
    let part_of_said = memo(move || {
        in_relationship.with(|chosen| {
            my_relationships.with(|list| {
                (list.iter())
                    .find(|(id, short, full)| id == chosen && short != full)
                    .map(|(_, _, full)| full.clone())
            })
        })
    });
    // The chosen relationship's programme objectives, and whether coaching needs one.
    let alignment = memo(move || {
        let chosen = RecordId::parse(&in_relationship.get()).ok()?;
        let r = actions.workspace.relationship(&chosen)?;
        let objectives = actions.workspace.directory.with(|d| {
            let context = GoalContext {
                relationships: &[],
                programmes: &d.programmes,
            };
            objectives_for(context, &r)
                .iter()
                .map(|o| (o.id.to_string(), o.text.clone()))
                .collect::<Vec<_>>()
        });
        Some((objectives, alignment_required(&r)))
    });
    // Next and Back put the keyboard in the step's first field (its legend is read with it);
    // a refusal puts it in the field refused, on whichever step that is.
    let to_step = move |to: u8| {
        if to != step.get_untracked() {
            step.set(to);
            nav.focus(SHOWN_STEP_FIELD);
        }
    };
    let fail = move |part: Part, message: String| {
        if let Some(at) = part.step() {
            step.set(at);
        }
        problem.set(part, message);
        nav.focus(".mw-smart fieldset:not([hidden]) [aria-invalid='true']");
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        saved.set(false);
        let texts = [
            what.get_untracked(),
            baseline.get_untracked(),
            target.get_untracked(),
            current.get_untracked(),
        ];
        let measure = if texts.iter().all(|t| t.trim().is_empty()) {
            None
        } else {
            let mut amounts = [Amount::default(); 3];
            let parts = [Part::Baseline, Part::Target, Part::Current];
            // Every amount the form cannot read is said at once, each beside its field.
            let mut unread = Vec::new();
            for ((amount, text), part) in amounts.iter_mut().zip(&texts[1..]).zip(parts) {
                match Amount::parse(text) {
                    Ok(a) => *amount = a,
                    Err(refusal) => unread.push((part, locale.refusal(&refusal))),
                }
            }
            if !unread.is_empty() {
                step.set(Part::Baseline.step().unwrap_or(1));
                problem.set_all(unread);
                nav.focus(".mw-smart fieldset:not([hidden]) [aria-invalid='true']");
                return;
            }
            Some(Measure {
                what: texts[0].trim().to_owned(),
                baseline: amounts[0],
                target: amounts[1],
                current: amounts[2],
            })
        };
        let due_text = due.get_untracked();
        let due = if due_text.trim().is_empty() {
            None
        } else {
            match locale.parse_date(&due_text) {
                Ok(d) => Some(d),
                Err(message) => return fail(Part::Due, message),
            }
        };
        let draft = GoalDraft {
            title: title.get_untracked(),
            relationship: RecordId::parse(&in_relationship.get_untracked()).ok(),
            measure,
            due,
            relevance: Relevance {
                objective: RecordId::parse(&objective.get_untracked()).ok(),
                aspiration: aspiration.get_untracked().trim().to_owned(),
            },
            milestones: if is_new {
                milestones
                    .with_untracked(|rows| rows.iter().map(|r| r.title.get_untracked()).collect())
            } else {
                Vec::new()
            },
        };
        let now = (editing.as_ref()).and_then(|id| {
            (actions.workspace.goals)
                .with_untracked(|goals| goals.iter().find(|g| &g.id == id).cloned())
        });
        if let (Some(was), Some(now)) = (opened.get_value(), now.as_ref()) {
            if let Some(part) = changed_meanwhile(&was, &draft, now) {
                let seen = GoalDraft::of(now);
                if warned_over.get_value().as_ref() != Some(&seen) {
                    warned_over.set_value(Some(seen));
                    return fail(part.into(), locale.text(Text::ChangedMeanwhile).to_owned());
                }
            }
        }
        let (command, draft) = match &editing {
            Some(goal) => {
                let opened = opened.get_value().unwrap_or_else(|| draft.clone());
                // What will be saved, checked below as the core will check it.
                let saved =
                    (now.as_ref()).map_or(draft.clone(), |now| rebase_draft(&opened, &draft, now));
                let command = GoalCommand::Edit {
                    goal: goal.clone(),
                    opened,
                    draft: draft.clone(),
                };
                (command, saved)
            }
            None => (
                GoalCommand::Create {
                    draft: draft.clone(),
                },
                draft,
            ),
        };
        let due_before = now.as_ref().and_then(|g| g.due);
        // The core's own check knows only the instant; this one knows the person's date.
        if let Err(refusal) = check_due_set(due_before, draft.due, actions.today()) {
            return fail(Part::Due, locale.refusal(&refusal));
        }
        busy.set(true);
        spawn_local(async move {
            let command_shown = command.clone();
            match actions.goal(command).await {
                Ok(id) => {
                    problem.clear();
                    nav.set_unsaved("goal", false);
                    if is_new {
                        nav.quick_title.set(String::new());
                        let relationship = draft.relationship.clone();
                        nav.go_saved(Screen::Goal {
                            goal: Some(id),
                            relationship,
                        });
                    } else {
                        if let GoalCommand::Edit { draft, .. } = command_shown {
                            opened.set_value(Some(draft));
                        }
                        warned_over.set_value(None);
                        saved.set(true);
                    }
                }
                Err(message) => {
                    // Which field to mark: the core's own answer on this draft.
                    let part = actions.me().and_then(|me| {
                        let ws = actions.workspace;
                        ws.relationships.with_untracked(|relationships| {
                            ws.directory.with_untracked(|d| {
                                let context = GoalContext {
                                    relationships,
                                    programmes: &d.programmes,
                                };
                                check_goal_draft(
                                    &draft,
                                    context,
                                    &me,
                                    now.as_ref(),
                                    actions.today(),
                                )
                                .err()
                                .map(|(p, _)| p)
                            })
                        })
                    });
                    fail(part.map_or(Part::Other, Part::from), message);
                }
            }
            busy.set(false);
        });
    };

    let title_length = memo(move || title.with(|t| t.trim().chars().count()));
    let title_over = memo(move || title_length.get() > TITLE_MAX_CHARS);
    let add_milestone_row = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        milestones.update(|rows| {
            rows.push(MilestoneRow {
                key,
                title: RwSignal::new(String::new()),
            })
        });
    };
    let step_nav = STEPS
        .iter()
        .enumerate()
        .map(|(n, (name, _))| {
            let n = n as u8;
            // The button's name is the step's visible name (WCAG 2.5.3); the big initial is
            // decoration, and the list itself tells a screen reader "step n of 5".
            view! {
                <li>
                    <button
                        type="button"
                        class="mw-step"
                        aria-current=move || (step.get() == n).then_some("step")
                        on:click=move |_| step.set(n)
                    >
                        <span class="mw-step-letter" aria-hidden="true">
                            {SMART[usize::from(n)..=usize::from(n)].to_owned()}
                        </span>
                        <span class="mw-step-name">{locale.text(*name)}</span>
                    </button>
                </li>
            }
        })
        .collect_any();
    let fieldset = move |n: u8| {
        let (name, hint) = STEPS[usize::from(n)];
        (
            move || step.get() != n,
            locale.format(Text::StepOf, &[&locale.number(n + 1), locale.text(name)]),
            locale.text(hint),
        )
    };
    let (hide0, legend0, hint0) = fieldset(0);
    let (hide1, legend1, hint1) = fieldset(1);
    let (hide2, legend2, hint2) = fieldset(2);
    let (hide3, legend3, hint3) = fieldset(3);
    let (hide4, legend4, hint4) = fieldset(4);

    view! {
        <form class="mw-form mw-smart" on:submit=submit on:input=move |_| nav.set_unsaved("goal", true) novalidate>
            <ol class="mw-steps" aria-label=locale.text(Text::SmartSteps)>
                {step_nav}
            </ol>
            <fieldset class="mw-fieldset" hidden=hide0>
                <legend>{legend0}</legend>
                <p class="mw-hint">{hint0}</p>
                <label class="mw-field" for="mw-goal-title">{locale.text(Text::Title)}</label>
                <input
                    dir="auto"
                    id="mw-goal-title"
                    type="text"
                    autocomplete="off"
                    aria-describedby="mw-goal-title-count mw-goal-title-error"
                    aria-invalid=problem.invalid(Part::Title)
                    prop:value=value_of(title)
                    on:input=set_from_event(title)
                />
                <p id="mw-goal-title-count" class="mw-hint" class:mw-over=move || title_over.get()>
                    {move || {
                        locale
                            .format(
                                Text::CharactersUsed,
                                &[&locale.number(title_length.get() as i64), &locale.number(TITLE_MAX_CHARS as i64)],
                            )
                    }}
                </p>
                <p id="mw-goal-title-error" class="mw-error" role="alert">{problem.message(Part::Title)}</p>
                <label class="mw-field" for="mw-goal-relationship">{locale.text(Text::GoalPartOf)}</label>
                <select
                    id="mw-goal-relationship"
                    aria-invalid=problem.invalid(Part::Relationship)
                    aria-describedby="mw-goal-relationship-error mw-goal-personal-hint mw-goal-part-of-hint"
                    prop:value=value_of(in_relationship)
                    on:change=move |ev| {
                        in_relationship.set(event_target_value(&ev));
                        objective.set(String::new());
                    }
                >
                    <option value="" selected=move || in_relationship.with(String::is_empty)>
                        {locale.text(Text::PersonalGoal)}
                    </option>
                    {keyed_list(
                        move || my_relationships.get(),
                        |(id, name, _)| (id.clone(), name.clone()),
                        move |choice| view! {
                        {
                            let (id, name, _) = choice;
                            let this = id.clone();
                            view! {
                                <option dir="auto" value=id selected=move || in_relationship.with(|r| *r == this)>
                                    {name}
                                </option>
                            }
                        }
                        }.into_any(),
                    )}
                </select>
                // Said beside the select, not in its option: a select does not wrap, and a
                // narrow widget clipped the option in the middle.
                <p id="mw-goal-personal-hint" class="mw-hint" hidden=move || !in_relationship.with(String::is_empty)>
                    {locale.text(Text::PersonalGoalHint)}
                </p>
                <p id="mw-goal-part-of-hint" class="mw-hint" dir="auto" hidden=move || part_of_said.get().is_none()>
                    {move || part_of_said.get()}
                </p>
                <p id="mw-goal-relationship-error" class="mw-error" role="alert">
                    {problem.message(Part::Relationship)}
                </p>
            </fieldset>
            <fieldset class="mw-fieldset" hidden=hide1>
                <legend>{legend1}</legend>
                <p class="mw-hint">{hint1}</p>
                <label class="mw-field" for="mw-goal-measure">{locale.text(Text::MeasureWhat)}</label>
                <input
                    dir="auto"
                    id="mw-goal-measure"
                    type="text"
                    aria-invalid=problem.invalid(Part::MeasureWhat)
                    aria-describedby="mw-goal-measure-error"
                    prop:value=value_of(what)
                    on:input=set_from_event(what)
                />
                <p id="mw-goal-measure-error" class="mw-error" role="alert">{problem.message(Part::MeasureWhat)}</p>
                // Each amount's problem spans the row under the three, right after its field.
                <div class="mw-three">
                    {[
                        ("mw-goal-baseline", Text::MeasureBaseline, baseline, Part::Baseline),
                        ("mw-goal-target", Text::MeasureTarget, target, Part::Target),
                        ("mw-goal-current", Text::MeasureCurrent, current, Part::Current),
                    ]
                        .into_iter()
                        .map(|(id, label, value, part)| {
                            let error = format!("{id}-error");
                            view! {
                                <div>
                                    <label class="mw-field" for=id>{locale.text(label)}</label>
                                    <input
                                        id=id
                                        type="text"
                                        inputmode="decimal"
                                        aria-invalid=problem.invalid(part)
                                        aria-describedby=error.clone()
                                        prop:value=value_of(value)
                                        on:input=set_from_event(value)
                                    />
                                </div>
                                <p id=error class="mw-error" role="alert">{problem.message(part)}</p>
                            }
                        })
                        .collect_any()}
                </div>
            </fieldset>
            <fieldset class="mw-fieldset" hidden=hide2>
                <legend>{legend2}</legend>
                <p class="mw-hint">{hint2}</p>
                {if is_new {
                    view! {
                        <ol class="mw-rows">
                            {keyed_list(
                                move || milestones.get(),
                                |row| row.key,
                                move |row| view! {
                                {
                                    let number = memo(move || {
                                        milestones
                                            .with(|r| r.iter().position(|x| x.key == row.key).map_or(0, |n| n + 1))
                                    });
                                    let id = format!("mw-goal-milestone-{}", row.key);
                                    view! {
                                        <li class="mw-row mw-row-inline">
                                            <label class="mw-field" for=id.clone()>
                                                {move || locale.format(Text::MilestoneNumbered, &[&locale.number(number.get() as i64)])}
                                            </label>
                                            <input
                                                dir="auto"
                                                id=id
                                                type="text"
                                                aria-invalid=problem.invalid(Part::Milestones)
                                                aria-describedby="mw-goal-milestones-error"
                                                prop:value=value_of(row.title)
                                                on:input=set_from_event(row.title)
                                            />
                                            <button
                                                type="button"
                                                class="mw-secondary"
                                                aria-label=move || {
                                                    locale.format(Text::RemoveMilestone, &[&locale.number(number.get() as i64)])
                                                }
                                                on:click=move |_| milestones.update(|r| r.retain(|x| x.key != row.key))
                                            >
                                                {locale.text(Text::Remove)}
                                            </button>
                                        </li>
                                    }
                                }
                                }.into_any(),
                            )}
                        </ol>
                        <button type="button" class="mw-secondary" on:click=add_milestone_row>
                            {locale.text(Text::AddAnotherMilestone)}
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="mw-note">
                            {match milestone_count.unwrap_or(0) {
                                0 => locale.text(Text::NoMilestonesYetBelow).to_owned(),
                                n => locale.format(Text::MilestonesBelow, &[&locale.count(Text::CountMilestones, n)]),
                            }}
                        </p>
                    }
                        .into_any()
                }}
                <p id="mw-goal-milestones-error" class="mw-error" role="alert">{problem.message(Part::Milestones)}</p>
            </fieldset>
            <fieldset class="mw-fieldset" hidden=hide3>
                <legend>{legend3}</legend>
                <p class="mw-hint">{hint3}</p>
                {shown_while(move || alignment.with(|a| a.as_ref().is_some_and(|(_, required)| *required)), move || view! {
                    <p class="mw-note">{locale.text(Text::CoachingNeedsAlignment)}</p>
                }.into_any())}
                <label class="mw-field" for="mw-goal-objective">{locale.text(Text::OrganisationalObjective)}</label>
                <select
                    id="mw-goal-objective"
                    aria-invalid=problem.invalid(Part::Relevance)
                    aria-describedby="mw-goal-objective-hint mw-goal-relevance-error"
                    prop:value=value_of(objective)
                    on:change=set_from_event(objective)
                >
                    <option value="" selected=move || objective.with(String::is_empty)>
                        {locale.text(Text::NoObjective)}
                    </option>
                    {move || {
                        alignment
                            .get()
                            .map(|(objectives, _)| objectives)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|(id, text)| {
                                let this = id.clone();
                                view! {
                                    <option dir="auto" value=id selected=move || objective.with(|o| *o == this)>
                                        {text}
                                    </option>
                                }
                            })
                            .collect_any()
                    }}
                </select>
                <p id="mw-goal-objective-hint" class="mw-hint">
                    {move || {
                        if alignment.with(Option::is_none) {
                            locale.text(Text::ObjectivesNeedRelationship)
                        } else {
                            locale.text(Text::ObjectivesFromProgramme)
                        }
                    }}
                </p>
                <label class="mw-field" for="mw-goal-aspiration">{locale.text(Text::Aspiration)}</label>
                <textarea
                    dir="auto"
                    id="mw-goal-aspiration"
                    rows="3"
                    maxlength=NOTE_MAX_CHARS.to_string()
                    aria-invalid=problem.invalid(Part::Relevance)
                    aria-describedby="mw-goal-relevance-error"
                    prop:value=value_of(aspiration)
                    on:input=set_from_event(aspiration)
                />
                <p id="mw-goal-relevance-error" class="mw-error" role="alert">{problem.message(Part::Relevance)}</p>
            </fieldset>
            <fieldset class="mw-fieldset" hidden=hide4>
                <legend>{legend4}</legend>
                <p class="mw-hint">{hint4}</p>
                <label class="mw-field" for="mw-goal-due">{locale.text(Text::DueDate)}</label>
                <input
                    id="mw-goal-due"
                    type="date"
                    aria-invalid=problem.invalid(Part::Due)
                    aria-describedby="mw-goal-due-error"
                    prop:value=value_of(due)
                    on:input=set_from_event(due)
                />
                <p id="mw-goal-due-error" class="mw-error" role="alert">{problem.message(Part::Due)}</p>
            </fieldset>
            <div class="mw-actions">
                <button
                    type="button"
                    class="mw-secondary"
                    aria-disabled=refused_while(move || step.get() == 0)
                    on:click=move |_| to_step(step.get_untracked().saturating_sub(1))
                >
                    {locale.text(Text::PreviousStep)}
                </button>
                <button
                    type="button"
                    class="mw-secondary"
                    aria-disabled=refused_while(move || step.get() == 4)
                    on:click=move |_| to_step((step.get_untracked() + 1).min(4))
                >
                    {locale.text(Text::NextStep)}
                </button>
            </div>
            <p class="mw-error" role="alert">{problem.message(Part::Other)}</p>
            {shown_while(move || saved.get(), move || view! {
                <p class="mw-saved" role="status">{locale.text(Text::GoalSaved)}</p>
            }.into_any())}
            <button type="submit" aria-disabled=refused_while(move || busy.get())>
                {locale.text(if is_new { Text::SaveGoal } else { Text::SaveChanges })}
            </button>
        </form>
    }
}

/// The part of tracking a refusal is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Track {
    Milestone,
    Progress,
    Measure,
    Source,
    Status,
}

impl FormPart for Track {
    fn index(self) -> u8 {
        self as u8
    }
}

/// Saves a choice made on the tracker's radios (where progress comes from, the status) when
/// its button is pressed: once saved, `saved` shows what is stored again; a refusal keeps the
/// choice, still unsaved (leaving asks first), for its owner to change or leave, and says why
/// beside `part`.
fn save_choice(
    actions: Actions,
    problem: FormProblem,
    part: Track,
    command: GoalCommand,
    saved: impl FnOnce() + 'static,
) {
    spawn_local(async move {
        match actions.goal(command).await {
            Ok(_) => {
                saved();
                problem.clear();
            }
            Err(message) => problem.set(part, message),
        }
    });
}

/// Milestones, progress and status of one of my goals: each change saves at once, but for
/// the radios (where progress comes from, the status), saved with their own button.
#[component]
fn Tracker(actions: Actions, nav: Nav, goal: RecordId) -> impl IntoView {
    let locale = use_locale();
    nav.forget_unsaved_with_form("goal-tracker");
    let goal_id = goal.clone();
    let current = memo(move || {
        actions
            .workspace
            .goals
            .with(|all| all.iter().find(|g| g.id == goal_id).cloned())
    });
    let stored =
        Signal::derive(move || current.with(|g| g.as_ref().map_or(0, |g| g.progress().percent())));
    let choice = SliderChoice::new();
    let percent = Signal::derive(move || choice.shown(stored.get()));
    let history = Signal::derive(move || {
        current.with(|g| g.as_ref().map(|g| g.history.clone()).unwrap_or_default())
    });
    let source = memo(move || {
        current.with(|g| {
            g.as_ref()
                .map_or(ProgressSource::ByHand, Goal::progress_source)
        })
    });
    let driven = memo(move || source.get() == ProgressSource::Milestones);
    let measured = memo(move || source.get() == ProgressSource::Measure);
    // The progress the measure would give, while nothing else decides it: then its owner
    // chooses between the measure and the slider.
    let measure_gives = memo(move || {
        current.with(|g| {
            let g = g.as_ref().filter(|g| g.milestones.is_empty())?;
            g.measure.as_ref()?.progress().map(|p| p.percent())
        })
    });
    let by_hand =
        memo(move || current.with(|g| g.as_ref().map_or(0, |g| g.manual_progress.percent())));
    let progress_from =
        memo(move || current.with(|g| g.as_ref().map(|g| g.progress_from).unwrap_or_default()));
    // The measure's name and current value as stored, for the quick update.
    let measure_now = memo(move || {
        current.with(|g| {
            let m = g.as_ref()?.measure.as_ref()?;
            Some((m.what.clone(), m.current.to_string()))
        })
    });
    // What is typed in the quick update until it is saved; the stored value otherwise, so a
    // sync's change shows in it.
    let typed_now = RwSignal::new(None::<String>);
    let status = memo(move || current.with(|g| g.as_ref().map(|g| g.status).unwrap_or_default()));
    let milestone_ids = memo(move || {
        current.with(|g| {
            g.as_ref()
                .map(|g| {
                    g.milestones
                        .iter()
                        .map(|m| m.id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let problem = FormProblem::new();
    let new_milestone = RwSignal::new(String::new());
    let run = move |command: GoalCommand, part: Track| {
        spawn_local(async move {
            match actions.goal(command).await {
                Ok(_) => problem.clear(),
                Err(message) => problem.set(part, message),
            }
        });
    };
    let label = Signal::derive(move || {
        current.with(|g| {
            g.as_ref()
                .map(|g| g.title.as_str().to_owned())
                .unwrap_or_default()
        })
    });
    let add_goal = goal.clone();
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        let title = new_milestone.get_untracked();
        let command = GoalCommand::AddMilestone {
            goal: add_goal.clone(),
            title,
        };
        spawn_local(async move {
            match actions.goal(command).await {
                Ok(_) => {
                    new_milestone.set(String::new());
                    problem.clear();
                }
                Err(message) => problem.set(Track::Milestone, message),
            }
        });
    };
    let slider_goal = goal.clone();
    let undo_goal = goal.clone();
    let undo_to = RwSignal::new(None::<u8>);
    let on_slide = move |ev: leptos::ev::Event| {
        let slider = event_target::<web_sys::HtmlInputElement>(&ev);
        let Ok(value) = slider.value().parse::<i64>() else {
            return;
        };
        let command = GoalCommand::SetProgress {
            goal: slider_goal.clone(),
            percent: value,
        };
        let before = goals::undo_before(undo_to, stored.get_untracked());
        choice.chose(value);
        spawn_local(async move {
            let saved = actions.goal(command).await;
            choice.settled();
            match saved {
                Ok(_) => {
                    problem.clear();
                    goals::slid(undo_to, before, value);
                }
                Err(message) => {
                    slider.set_value(&stored.get_untracked().to_string());
                    problem.set(Track::Progress, message);
                }
            }
        });
    };
    let measure_goal = goal.clone();
    let update_now = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = typed_now
            .get_untracked()
            .or_else(|| measure_now.with_untracked(|m| m.as_ref().map(|(_, now)| now.clone())))
            .unwrap_or_default();
        let command = GoalCommand::SetMeasureCurrent {
            goal: measure_goal.clone(),
            current: text,
        };
        spawn_local(async move {
            match actions.goal(command).await {
                Ok(_) => {
                    typed_now.set(None);
                    problem.clear();
                }
                Err(message) => problem.set(Track::Measure, message),
            }
        });
    };
    // The source chosen on the radios, saved only once its owner says so: arrow keys move a
    // radio group's choice, and each step must not be a saved change (nor a point of history).
    // `None` shows the source as stored, which a save returns to; a refusal keeps the choice.
    let chosen = RwSignal::new(None::<ProgressFrom>);
    let shown_from = move || chosen.get().unwrap_or_else(|| progress_from.get());
    let source_pending = move || chosen.get().is_some_and(|c| c != progress_from.get());
    // The status chosen on its radios, saved only by its button, as the source is: arrow keys
    // walking from "On track" to "Achieved" would otherwise store every status on the way. By
    // its place in `STATUSES`.
    let chosen_status = RwSignal::new(None::<u8>);
    let status_at = |i: u8| STATUSES[usize::from(i) % STATUSES.len()];
    let shown_status = move || chosen_status.get().map_or_else(|| status.get(), status_at);
    let status_pending = move || {
        chosen_status
            .get()
            .is_some_and(|i| status_at(i) != status.get())
    };
    // A choice not saved yet is a change leaving the screen would throw away: said on each
    // choice, save and refusal.
    let chose = move || {
        let pending = untrack(|| source_pending() || status_pending());
        nav.set_unsaved("goal-tracker", pending);
    };
    let source_goal = goal.clone();
    let switch_source = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(from) = (chosen.get_untracked()).filter(|c| *c != progress_from.get_untracked())
        else {
            return;
        };
        let command = GoalCommand::SetProgressFrom {
            goal: source_goal.clone(),
            from,
        };
        save_choice(actions, problem, Track::Source, command, move || {
            chosen.set(None);
            chose();
        });
    };
    let measure_problem = problem.message(Track::Measure);
    let source_problem = problem.message(Track::Source);
    let any_problem = problem.any_message();
    // A problem with the current value or the source is said beside it, not again below.
    let other_problem = move || {
        (measure_problem().is_none() && source_problem().is_none())
            .then(any_problem)
            .flatten()
    };
    let status_goal = goal.clone();
    let save_status = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(status) =
            (chosen_status.get_untracked().map(status_at)).filter(|c| *c != status.get_untracked())
        else {
            return;
        };
        let command = GoalCommand::SetStatus {
            goal: status_goal.clone(),
            status,
        };
        save_choice(actions, problem, Track::Status, command, move || {
            chosen_status.set(None);
            chose();
        });
    };
    view! {
        <section class="mw-section" aria-labelledby="mw-track-heading">
            <h4 id="mw-track-heading">{locale.text(Text::TrackProgress)}</h4>
            <ProgressBar percent label />
            <ProgressChart history time_zone=zone::of_me_now(actions) />
            <h5>{locale.text(Text::Milestones)}</h5>
            {shown_while(move || milestone_ids.with(Vec::is_empty), move || view! {
                <p class="mw-empty">
                    {move || {
                        locale.text(if measured.get() { Text::NoMilestonesMeasured } else { Text::NoMilestones })
                    }}
                </p>
            }.into_any())}
            <ul class="mw-milestones">
                {keyed_list(
                    move || milestone_ids.get(),
                    |id| id.clone(),
                    move |milestone| view! {
                    {
                        let goal = goal.clone();
                        let this = milestone.clone();
                        let entry = memo(move || {
                            current
                                .with(|g| {
                                    g.as_ref()
                                        .and_then(|g| g.milestones.iter().find(|m| m.id == this))
                                        .map(|m| (m.title.as_str().to_owned(), m.done_on))
                                })
                        });
                        let name = move || entry.with(|e| e.as_ref().map(|(t, _)| t.clone()).unwrap_or_default());
                        let done_on = move || entry.with(|e| e.as_ref().and_then(|(_, d)| *d));
                        let toggle = move |_| {
                            let command = match done_on() {
                                Some(_) => GoalCommand::ReopenMilestone {
                                    goal: goal.clone(),
                                    milestone: milestone.clone(),
                                },
                                None => GoalCommand::CompleteMilestone {
                                    goal: goal.clone(),
                                    milestone: milestone.clone(),
                                    on: actions.today(),
                                },
                            };
                            run(command, Track::Milestone);
                        };
                        view! {
                            <li class="mw-milestone" class:mw-done=move || done_on().is_some()>
                                <span class="mw-milestone-title" dir="auto">{name}</span>
                                <span class="mw-muted">
                                    {move || match done_on() {
                                        Some(day) => locale.format(Text::DoneOn, &[&locale.date(day)]),
                                        None => locale.text(Text::NotDoneYet).to_owned(),
                                    }}
                                </span>
                                <button
                                    type="button"
                                    class="mw-secondary"
                                    aria-label=move || {
                                        let key = if done_on().is_some() {
                                            Text::ReopenMilestoneNamed
                                        } else {
                                            Text::CompleteMilestoneNamed
                                        };
                                        locale.format(key, &[&name()])
                                    }
                                    on:click=toggle
                                >
                                    {move || {
                                        locale.text(if done_on().is_some() { Text::Reopen } else { Text::MarkDone })
                                    }}
                                </button>
                            </li>
                        }
                    }
                    }.into_any(),
                )}
            </ul>
            <form class="mw-inline-form" on:submit=add novalidate>
                <label class="mw-field" for="mw-goal-new-milestone">{locale.text(Text::NewMilestone)}</label>
                <input
                    dir="auto"
                    id="mw-goal-new-milestone"
                    type="text"
                    aria-invalid=problem.invalid(Track::Milestone)
                    aria-describedby="mw-first-milestone-hint mw-track-error"
                    prop:value=value_of(new_milestone)
                    on:input=set_from_event(new_milestone)
                />
                <button type="submit" class="mw-secondary">{locale.text(Text::AddMilestone)}</button>
            </form>
            // Said before it happens: the first milestone replaces progress set by hand.
            <p
                id="mw-first-milestone-hint"
                class="mw-hint"
                hidden=move || driven.get() || (!measured.get() && stored.get() == 0)
            >
                {move || {
                    if measured.get() {
                        locale.text(Text::FirstMilestoneOverMeasure).to_owned()
                    } else {
                        locale.format(Text::FirstMilestoneTakesOver, &[&locale.percent(stored.get())])
                    }
                }}
            </p>
            // Shown with what each would give, so the switch says what it will change.
            {shown_while(move || measure_gives.get().is_some(), move || view! {
                <form class="mw-form" on:submit=switch_source.clone() novalidate>
                <fieldset
                    class="mw-fieldset mw-choice mw-progress-source"
                    aria-invalid=problem.invalid(Track::Source)
                    aria-describedby="mw-goal-source-hint mw-goal-source-error"
                >
                    <legend>{locale.text(Text::ProgressSourceLegend)}</legend>
                    {[ProgressFrom::Measure, ProgressFrom::Hand]
                        .into_iter()
                        .map(|choice| {
                            let text = move || match choice {
                                ProgressFrom::Measure => {
                                    let gives = measure_gives.get().unwrap_or_default();
                                    locale.format(Text::ProgressSourceMeasure, &[&locale.percent(gives)])
                                }
                                ProgressFrom::Hand => {
                                    locale.format(Text::ProgressSourceHand, &[&locale.percent(by_hand.get())])
                                }
                            };
                            view! {
                                <label class="mw-option">
                                    <input
                                        type="radio"
                                        name="mw-goal-source"
                                        prop:checked=move || shown_from() == choice
                                        on:change=move |_| {
                                            chosen.set(Some(choice));
                                            chose();
                                        }
                                    />
                                    <span>{text}</span>
                                </label>
                            }
                        })
                        .collect_any()}
                    <p id="mw-goal-source-hint" class="mw-hint">{locale.text(Text::ProgressSourceHint)}</p>
                    <p id="mw-goal-source-error" class="mw-error" role="alert">{source_problem}</p>
                </fieldset>
                // Always there, refused while nothing is chosen: one that came and went would
                // drop the keyboard's focus to the page once it saved.
                <button type="submit" class="mw-secondary" aria-disabled=refused_while(move || !source_pending())>
                    {locale.text(Text::SaveProgressSource)}
                </button>
                </form>
            }.into_any())}
            // A measure that gives progress is moved by its current value: no slider then.
            {shown_while(move || measured.get(), move || view! {
                <form class="mw-inline-form" on:submit=update_now.clone() novalidate>
                    <label class="mw-field" for="mw-goal-measure-now">
                        {move || {
                            let what = measure_now.with(|m| m.as_ref().map(|(what, _)| what.clone()));
                            locale.format(Text::MeasureNow, &[&what.unwrap_or_default()])
                        }}
                    </label>
                    <input
                        id="mw-goal-measure-now"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        aria-invalid=problem.invalid(Track::Measure)
                        aria-describedby="mw-goal-progress-why mw-goal-measure-now-error"
                        prop:value=move || {
                            typed_now
                                .get()
                                .or_else(|| measure_now.with(|m| m.as_ref().map(|(_, now)| now.clone())))
                                .unwrap_or_default()
                        }
                        on:input=move |ev| typed_now.set(Some(event_target_value(&ev)))
                    />
                    <button type="submit" class="mw-secondary">{locale.text(Text::UpdateCurrent)}</button>
                </form>
                <p id="mw-goal-measure-now-error" class="mw-error" role="alert">{measure_problem}</p>
            }.into_any())}
            {shown_while(move || !measured.get(), move || view! {
                <label class="mw-progress mw-field" for="mw-goal-progress">
                    <span>{locale.text(Text::Progress)}</span>
                </label>
                <input
                    id="mw-goal-progress"
                    class="mw-slider"
                    type="range"
                    min="0"
                    max="100"
                    step=move || goals::slider_step(percent.get())
                    disabled=move || driven.get()
                    aria-describedby="mw-goal-progress-why mw-track-error"
                    aria-invalid=problem.invalid(Track::Progress)
                    aria-valuetext=move || locale.percent(percent.get())
                    prop:value=move || percent.get().to_string()
                    on:change=on_slide.clone()
                />
            }.into_any())}
            <ProgressUndo actions goal=undo_goal choice undo_to name=label />
            <p id="mw-goal-progress-why" class="mw-hint">
                {move || match source.get() {
                    ProgressSource::Milestones => locale.text(Text::ProgressFromMilestones).to_owned(),
                    ProgressSource::Measure => {
                        locale.format(Text::ProgressFromMeasure, &[&locale.percent(stored.get())])
                    }
                    ProgressSource::ByHand => locale.text(Text::ProgressByHand).to_owned(),
                }}
            </p>
            <form class="mw-form" on:submit=save_status novalidate>
                <fieldset class="mw-fieldset mw-choice" aria-invalid=problem.invalid(Track::Status)>
                    <legend>{locale.text(Text::Status)}</legend>
                    {STATUSES
                        .into_iter()
                        .zip(0u8..)
                        .map(|(choice, at)| {
                            view! {
                                <label class="mw-option">
                                    <input
                                        type="radio"
                                        name="mw-goal-status"
                                        prop:checked=move || shown_status() == choice
                                        on:change=move |_| {
                                            chosen_status.set(Some(at));
                                            chose();
                                        }
                                    />
                                    <span>{locale.text(status_text(choice))}</span>
                                </label>
                            }
                        })
                        .collect_any()}
                </fieldset>
                <button type="submit" class="mw-secondary" aria-disabled=refused_while(move || !status_pending())>
                    {locale.text(Text::SaveStatus)}
                </button>
            </form>
            <p id="mw-track-error" class="mw-error" role="alert">
                {other_problem}
            </p>
        </section>
    }
}

/// A partner's goal: followed, not changed.
#[component]
fn GoalView(actions: Actions, goal: RecordId) -> impl IntoView {
    let locale = use_locale();
    let current = memo(move || {
        actions
            .workspace
            .goals
            .with(|all| all.iter().find(|g| g.id == goal).cloned())
    });
    let percent =
        Signal::derive(move || current.with(|g| g.as_ref().map_or(0, |g| g.progress().percent())));
    let history = Signal::derive(move || {
        current.with(|g| g.as_ref().map(|g| g.history.clone()).unwrap_or_default())
    });
    move || {
        let g = current.get()?;
        let title = g.title.as_str().to_owned();
        let owner = locale.format(Text::GoalOf, &[&actions.workspace.name_of(&g.owner)]);
        let measure = g.measure.as_ref().map(|m| {
            locale.format(
                Text::MeasureLine,
                &[
                    &m.what,
                    &m.baseline.to_string(),
                    &m.current.to_string(),
                    &m.target.to_string(),
                ],
            )
        });
        let objective = g.relevance.objective.as_ref().and_then(|o| {
            actions.workspace.directory.with(|d| {
                d.programmes
                    .iter()
                    .find_map(|p| p.objective(o).map(|o| o.text.clone()))
            })
        });
        let milestones = g
            .milestones
            .iter()
            .map(|m| {
                let state = match m.done_on {
                    Some(day) => locale.format(Text::DoneOn, &[&locale.date(day)]),
                    None => locale.text(Text::NotDoneYet).to_owned(),
                };
                view! {
                    <li class="mw-milestone" class:mw-done=m.done_on.is_some()>
                        <span class="mw-milestone-title" dir="auto">{m.title.as_str().to_owned()}</span>
                        <span class="mw-muted">{state}</span>
                    </li>
                }
            })
            .collect_any();
        let fact = |label: Text, value: Option<String>| {
            value.filter(|v| !v.trim().is_empty()).map(|v| {
                view! {
                    <dt>{locale.text(label)}</dt>
                    <dd class="mw-prose" dir="auto">{v}</dd>
                }
            })
        };
        Some(view! {
            <h3 class="mw-screen-title" tabindex="-1" dir="auto">{title.clone()}</h3>
            <p class="mw-muted">{owner} " · " {locale.text(Text::ReadOnlyGoal)}</p>
            <ProgressBar percent label=title />
            <ProgressChart history time_zone=zone::of_me_now(actions) />
            <dl class="mw-facts">
                {fact(Text::Status, Some(locale.text(status_text(g.status)).to_owned()))}
                {fact(Text::MeasureWhat, measure)}
                {fact(Text::OrganisationalObjective, objective)}
                {fact(Text::Aspiration, Some(g.relevance.aspiration.clone()))}
                {fact(Text::DueDate, g.due.map(|d| locale.date(d)))}
            </dl>
            <h4>{locale.text(Text::Milestones)}</h4>
            <ul class="mw-milestones">{milestones}</ul>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentoring_core::{Millis, Progress};

    fn point(at: i64, percent: i64) -> ProgressPoint {
        ProgressPoint {
            at: Millis(at),
            progress: Progress::new(percent).unwrap(),
            new_source: false,
        }
    }

    /// Where progress started coming from elsewhere.
    fn switched(at: i64, percent: i64) -> ProgressPoint {
        ProgressPoint {
            new_source: true,
            ..point(at, percent)
        }
    }

    #[test]
    fn the_chart_is_a_step_line_over_time_with_100_percent_at_the_top() {
        assert!(chart_points(&[], 300, 100).is_empty());
        assert_eq!(
            chart_points(&[point(5, 40)], 300, 100),
            [[(0, 60), (300, 60)]]
        );
        let points = chart_points(&[point(0, 0), point(10, 33), point(40, 100)], 300, 100);
        assert_eq!(
            points,
            [[(0, 100), (75, 100), (75, 67), (300, 67), (300, 0)]]
        );
        // Points at the same instant are spread evenly instead of dividing by zero.
        let same = chart_points(&[point(7, 0), point(7, 50)], 300, 100);
        assert_eq!(same, [[(0, 100), (300, 100), (300, 50)]]);
    }

    #[test]
    fn a_switch_of_where_progress_comes_from_starts_a_new_line_not_a_jump() {
        let lines = chart_points(&[point(0, 100), switched(10, 0), point(40, 40)], 300, 100);
        assert_eq!(
            lines,
            [
                vec![(0, 0), (75, 0)],
                vec![(75, 100), (300, 100), (300, 60)]
            ],
            "100 % holds until the switch; the measure's line starts apart at 0 %"
        );
    }

    #[test]
    fn the_chart_summary_says_where_progress_started_and_stands() {
        let locale = Locale::EnGb;
        let utc: &dyn Fn(Millis) -> Date = &Millis::utc_date;
        assert_eq!(chart_summary(&[], locale, utc), "No progress recorded yet.");
        let day = 86_400_000;
        let summary = chart_summary(&[point(0, 0), point(day, 33)], locale, utc);
        assert!(
            summary.contains("0%") && summary.contains("33%"),
            "{summary}"
        );
        assert!(summary.contains("1970-01-02"), "{summary}");
        assert!(summary.contains("(1 change)"), "{summary}");
        // One point, or points that came back where they were: no change, not "0% to 0%".
        for flat in [&[point(0, 0)][..], &[point(0, 0), point(day, 0)]] {
            assert_eq!(
                chart_summary(flat, locale, utc),
                "No change yet: progress has been 0% since 1970-01-01."
            );
            assert!(!has_change(flat));
        }
        // After a switch of source, the words are of the line since, which says when.
        let switched = [point(0, 100), switched(day, 0), point(2 * day, 40)];
        assert_eq!(
            chart_summary(&switched, locale, utc),
            "Where progress comes from changed on 1970-01-02. \
             Progress went from 0% on 1970-01-02 to 40% on 1970-01-03 (1 change)."
        );
        assert_eq!(
            chart_summary(&switched[..2], locale, utc),
            "Where progress comes from changed on 1970-01-02. \
             No change yet: progress has been 0% since 1970-01-02."
        );
        // In Arabic too, with the count in its plural form.
        let ar = chart_summary(&[point(0, 0), point(day, 0)], Locale::Ar, utc);
        assert!(ar.starts_with("لا تغيير بعد") && !ar.contains("إلى"), "{ar}");
        let ar = chart_summary(&switched, Locale::Ar, utc);
        assert!(
            ar.contains("تغيير واحد") && ar.contains("تغيّر مصدر التقدّم"),
            "{ar}"
        );
    }
}
