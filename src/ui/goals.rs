//! The goal list, one row per goal (with its title's and progress's changes not kept), and
//! the form that adds a goal.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::{
    own_goals, Goal, GoalCommand, OwnGoals, ProgressSource, RecordId, TITLE_MAX_CHARS,
};

use super::conflicts::{describe, shown_on_goal_row, ConflictNote};
use super::goal_editor::status_text;
use super::i18n::Text;
use super::keyed_list;
use super::memo;
use super::screens::{Nav, Screen};
use super::shown_while;
use super::state::Actions;
use super::undo_line;
use super::value_of;
use super::{refused_while, use_locale};

#[component]
pub fn Goals(actions: Actions) -> impl IntoView {
    let goals = actions.workspace.goals;
    let me = actions.workspace.me;
    let mine = memo(move || {
        me.with(|me| match me {
            Some(me) => goals.with(|g| own_goals(g, &me.id)),
            None => OwnGoals::default(),
        })
    });
    let is_empty = move || mine.with(|m| m.open.is_empty() && m.closed.is_empty());
    let closed_count = move || mine.with(|m| m.closed.len());
    let locale = use_locale();
    // With the participants' screens around it, the full SMART editor sits beside quick add.
    let new_smart = use_context::<Nav>().map(|nav| {
        view! {
            <button
                type="button"
                class="mw-secondary mw-new-smart"
                on:click=move |_| {
                    nav.go(Screen::Goal {
                        goal: None,
                        relationship: None,
                    })
                }
            >
                {locale.text(Text::NewSmartGoal)}
            </button>
        }
    });
    // Quick add comes first: with many goals it would otherwise sit below all of them.
    view! {
        <AddGoalForm actions/>
        {new_smart}
        {shown_while(is_empty, move || view! {
            <p class="mw-empty">{move || locale.text(empty_text(actions, Text::NoGoalsYet))}</p>
        }.into_any())}
        <ul class="mw-goals">
            {keyed_list(
                move || mine.with(|m| m.open.clone()),
                |id| id.clone(),
                move |id| view! {
                <GoalRow id actions/>
                }.into_any(),
            )}
        </ul>
        // Achieved and dropped goals stay, folded away until someone opens them.
        <details class="mw-closed-goals" hidden=move || closed_count() == 0>
            <summary>
                {move || locale.format(Text::ClosedGoals, &[&locale.count(Text::CountGoals, closed_count())])}
            </summary>
            <ul class="mw-goals">
                {keyed_list(
                    move || mine.with(|m| m.closed.clone()),
                    |id| id.clone(),
                    move |id| view! {
                    <GoalRow id actions/>
                    }.into_any(),
                )}
            </ul>
        </details>
    }
}

/// What an empty list says: `none` once something came from the host, else that nothing has
/// yet (the list may only look empty).
pub(super) fn empty_text(actions: Actions, none: Text) -> Text {
    if actions.sync.status.with(|s| s.never_received) {
        Text::NothingReceivedYet
    } else {
        none
    }
}

/// A progress slider's step: 5, as the slider sets progress, but 1 for a value between (66 %
/// set elsewhere), which a step of 5 would show as 65.
pub(super) fn slider_step(percent: u8) -> &'static str {
    if percent % 5 == 0 {
        "5"
    } else {
        "1"
    }
}

/// The value to give back on Undo when a slider moves: what it showed before, or, while an
/// Undo is still offered (steps taken one after another by keyboard), what that one gives back.
pub(super) fn undo_before(undo_to: RwSignal<Option<u8>>, shown: u8) -> u8 {
    undo_to.get_untracked().unwrap_or(shown)
}

/// After a slider's value `value` was saved: Undo is offered unless it is back where it was.
pub(super) fn slid(undo_to: RwSignal<Option<u8>>, before: u8, value: i64) {
    undo_to.set((i64::from(before) != value).then_some(before));
}

/// "Progress set to …" with Undo, after a progress slider saved a value (one tap on its
/// track is enough): Undo sets it back as the slider would.
#[component]
pub(super) fn ProgressUndo(
    actions: Actions,
    goal: RecordId,
    choice: SliderChoice,
    undo_to: RwSignal<Option<u8>>,
    name: Signal<String>,
) -> impl IntoView {
    let locale = use_locale();
    let stored_goal = goal.clone();
    let now = Memo::new(move |_| {
        actions.workspace.goals.with(|all| {
            all.iter()
                .find(|g| g.id == stored_goal)
                .map_or(0, |g| g.progress().percent())
        })
    });
    let undo = move || {
        let Some(before) = undo_to.get_untracked() else {
            return;
        };
        undo_to.set(None);
        let command = GoalCommand::SetProgress {
            goal: goal.clone(),
            percent: i64::from(before),
        };
        choice.chose(i64::from(before));
        spawn_local(async move {
            let _ = actions.goal(command).await;
            choice.settled();
        });
    };
    let offer = memo(move || {
        undo_to.get().map(|before| {
            (
                locale.format(
                    Text::ProgressSetTo,
                    &[&locale.percent(choice.shown(now.get()))],
                ),
                locale.format(Text::UndoProgress, &[&name.get(), &locale.percent(before)]),
            )
        })
    });
    view! {
        <p class="mw-progress-undo">
            {undo_line(offer, "mw-secondary", std::sync::Arc::new(undo))}
        </p>
    }
}

/// What a progress slider shows while the values someone chose are being saved.
///
/// Each step saves on its own, and a save finishing (or a sync landing) re-renders the stored
/// value. Showing an older value mid-way would move the slider back under someone stepping
/// through it, and their next step would start from there: so until the last save settles the
/// slider shows the last value chosen, then what storage holds (which a sync may have changed).
#[derive(Clone, Copy)]
pub(super) struct SliderChoice {
    chosen: RwSignal<Option<u8>>,
    saving: StoredValue<u32>,
}

impl SliderChoice {
    pub(super) fn new() -> Self {
        SliderChoice {
            chosen: RwSignal::new(None),
            saving: StoredValue::new(0),
        }
    }

    pub(super) fn shown(self, stored: u8) -> u8 {
        self.chosen.get().unwrap_or(stored)
    }

    /// A value was chosen and its save started.
    pub(super) fn chose(self, value: i64) {
        self.saving.update_value(|n| *n += 1);
        self.chosen.set(u8::try_from(value.clamp(0, 100)).ok());
    }

    /// A save finished, saved or not.
    pub(super) fn settled(self) {
        self.saving.update_value(|n| *n = n.saturating_sub(1));
        if self.saving.get_value() == 0 {
            self.chosen.set(None);
        }
    }
}

/// One goal. Keyed by id, it reads its goal from the list so a progress change updates the
/// row in place (the slider keeps focus while someone steps through it by keyboard).
#[component]
fn GoalRow(id: RecordId, actions: Actions) -> impl IntoView {
    let goals = actions.workspace.goals;
    let locale = use_locale();
    let row_id = id.clone();
    let goal = memo(move || goals.with(|list| list.iter().find(|g| g.id == row_id).cloned()));
    let title = move || goal.with(|g| g.as_ref().map(|g| g.title.as_str().to_owned()));
    let stored = move || goal.with(|g| g.as_ref().map_or(0, |g| g.progress().percent()));
    let stored_untracked =
        move || goal.with_untracked(|g| g.as_ref().map_or(0, |g| g.progress().percent()));
    let choice = SliderChoice::new();
    let percent = move || choice.shown(stored());
    // A goal with milestones moves when one is marked done, one with a measure when its current
    // value is updated: their slider only shows progress.
    let source = memo(move || {
        goal.with(|g| {
            g.as_ref()
                .map_or(ProgressSource::ByHand, Goal::progress_source)
        })
    });
    let driven = move || source.get() != ProgressSource::ByHand;
    let status_and_due = move || {
        goal.with(|g| {
            let g = g.as_ref()?;
            let status = locale.text(status_text(g.status));
            Some(match g.due {
                Some(due) => {
                    let due = locale.format(Text::GoalDueOn, &[&locale.date(due)]);
                    format!("{status} · {due}")
                }
                None => status.to_owned(),
            })
        })
    };
    // With the participants' screens around it, a row opens its goal in the SMART editor.
    let edit = use_context::<Nav>().map(|nav| (nav, id.clone()));
    let conflict_row = id.clone();
    let conflicts = memo(move || {
        goals.track();
        actions.workspace.conflicts.with(|all| {
            all.iter()
                .filter(|c| shown_on_goal_row(c) && c.record == conflict_row)
                .filter_map(|c| Some((c.clone(), describe(actions, locale, c)?)))
                .collect::<Vec<_>>()
        })
    });
    // One tap on the track saves: what it showed before, for Undo.
    let undo_to = RwSignal::new(None::<u8>);
    let undo_goal = id.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let slider = event_target::<web_sys::HtmlInputElement>(&ev);
        let Ok(value) = slider.value().parse::<i64>() else {
            return;
        };
        let command = GoalCommand::SetProgress {
            goal: id.clone(),
            percent: value,
        };
        let before = undo_before(undo_to, stored_untracked());
        choice.chose(value);
        spawn_local(async move {
            let saved = actions.goal(command).await.is_ok();
            choice.settled();
            if saved {
                slid(undo_to, before, value);
            } else {
                // Not saved, so not shown: the slider goes back to what storage holds.
                slider.set_value(&stored().to_string());
            }
        });
    };
    view! {
        <li class="mw-goal">
            <div class="mw-goal-head">
                <span class="mw-goal-title" dir="auto">{title}</span>
                <span class="mw-goal-percent">{move || locale.percent(percent())}</span>
            </div>
            <p class="mw-muted mw-goal-meta">{status_and_due}</p>
            <label class="mw-progress">
                <span>{locale.text(Text::Progress)}</span>
                <input
                    type="range"
                    min="0"
                    max="100"
                    step=move || slider_step(percent())
                    prop:value=move || percent().to_string()
                    prop:disabled=driven
                    aria-label=move || {
                        locale.format(Text::ProgressOf, &[&title().unwrap_or_default()])
                    }
                    aria-valuetext=move || locale.percent(percent())
                    on:change=on_change
                />
            </label>
            <ProgressUndo actions goal=undo_goal choice undo_to name=Signal::derive(move || title().unwrap_or_default()) />
            <p class="mw-hint" hidden=move || !driven()>
                {move || {
                    locale.text(match source.get() {
                        ProgressSource::Measure => Text::ProgressFromMeasureRow,
                        _ => Text::ProgressFromMilestones,
                    })
                }}
            </p>
            {edit
                .map(|(nav, goal)| {
                    view! {
                        <button
                            type="button"
                            class="mw-secondary mw-edit"
                            aria-label=move || {
                                locale.format(Text::EditGoalNamed, &[&title().unwrap_or_default()])
                            }
                            on:click=move |_| {
                                nav.go(Screen::Goal {
                                    goal: Some(goal.clone()),
                                    relationship: None,
                                })
                            }
                        >
                            {locale.text(Text::Edit)}
                        </button>
                    }
                })}
            {keyed_list(
                move || conflicts.get(),
                |(c, d)| (c.op.clone(), d.clone()),
                move |entry| view! {
                <ConflictNote conflict=entry.0 described=entry.1 actions />
                }.into_any(),
            )}
        </li>
    }
}

#[component]
fn AddGoalForm(actions: Actions) -> impl IntoView {
    let locale = use_locale();
    // Kept by the screens, when there are any, so "New SMART goal" starts from it and coming
    // back finds it still typed.
    let title =
        use_context::<Nav>().map_or_else(|| RwSignal::new(String::new()), |nav| nav.quick_title);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let typed = title.get_untracked();
            let command = GoalCommand::Add {
                title: typed.clone(),
            };
            match actions.goal(command).await {
                Ok(_) => {
                    title.set(String::new());
                    error.set(None);
                    // The form empties and the list grows where the person is not reading:
                    // the status line says what happened, so a screen reader hears it.
                    let said = locale.format(Text::GoalAdded, &[typed.trim()]);
                    actions.save.update(|status| status.say(said));
                }
                Err(message) => error.set(Some(message)),
            }
            busy.set(false);
        });
    };
    let length = memo(move || title.with(|t| t.trim().chars().count()));
    let over = move || length.get() > TITLE_MAX_CHARS;
    view! {
        <form class="mw-add" on:submit=submit novalidate>
            <label for="mw-new-goal-title">{locale.text(Text::Title)}</label>
            <input
                dir="auto"
                id="mw-new-goal-title"
                type="text"
                autocomplete="off"
                aria-describedby="mw-new-goal-hint mw-new-goal-error"
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=value_of(title)
                on:input=move |ev| {
                    title.set(event_target_value(&ev));
                    error.set(None);
                }
            />
            <p id="mw-new-goal-hint" class="mw-hint" class:mw-over=over>
                {move || {
                    locale.format(Text::CharactersUsed, &[&locale.number(length.get() as i64), &locale.number(TITLE_MAX_CHARS as i64)])
                }}
            </p>
            <p id="mw-new-goal-error" class="mw-error" role="alert">{move || error.get()}</p>
            <button type="submit" aria-disabled=refused_while(move || busy.get())>{locale.text(Text::AddGoal)}</button>
        </form>
    }
}

/// "My data": everyone can download what is theirs, as JSON or CSV, at any time.
#[component]
pub fn MyDataExport(actions: Actions) -> impl IntoView {
    let locale = use_locale();
    let error = RwSignal::new(None::<String>);
    let get = move |csv: bool| error.set(actions.download_my_data(csv).err());
    view! {
        <section class="mw-section" aria-labelledby="mw-my-data-heading">
            <h3 id="mw-my-data-heading">{locale.text(Text::MyData)}</h3>
            <div class="mw-actions">
                <button type="button" class="mw-secondary" on:click=move |_| get(false)>
                    {locale.text(Text::DownloadMyJson)}
                </button>
                <button type="button" class="mw-secondary" on:click=move |_| get(true)>
                    {locale.text(Text::DownloadMyCsv)}
                </button>
            </div>
            <p class="mw-error" role="alert">{move || error.get()}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::SliderChoice;

    #[test]
    fn a_slider_shows_the_last_choice_until_every_save_has_settled() {
        let choice = SliderChoice::new();
        assert_eq!(choice.shown(20), 20);
        choice.chose(25);
        choice.chose(30);
        // The first save lands and storage says 25: the slider stays where it was put.
        choice.settled();
        assert_eq!(choice.shown(25), 30);
        choice.settled();
        // Everything settled: storage (or a sync that won) has the last word.
        assert_eq!(choice.shown(35), 35);
    }

    #[test]
    fn a_chosen_value_is_held_to_a_percentage() {
        let choice = SliderChoice::new();
        choice.chose(140);
        assert_eq!(choice.shown(0), 100);
        choice.chose(-5);
        assert_eq!(choice.shown(0), 0);
    }
}
