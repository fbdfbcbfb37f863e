//! The programme admin's matching screen: pick a programme, tune the weights, run (in slices,
//! yielding to the page between them, with a progress bar), read the proposed pairs with
//! their score bars and reasons, pin or forbid pairs and run again, then publish: each pair
//! becomes a proposed relationship, stored and synced like any other record.
//!
//! Who is in the cohort is the core's answer (`matching::cohort_input`, `Enrolment`).

use std::sync::Arc;

use leptos::ev::SubmitEvent;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::matching::{
    cohort_input, highest_run_score, Audience, CohortSource, Criterion, Enrolment, LeftOut,
    LeftOutReason, Matching, MatchingRun, Mode, PairIds, Problem, RunProgress, RunSettings, Stage,
    Weights,
};
use mentoring_core::{ProgrammeKind, RecordId, RelationshipKind};

use crate::edges::clock::{precise_now, yield_to_page};
use crate::ui::goal_editor::ProgressBar;
use crate::ui::i18n::{counted_sides, in_words_of, Text};
use crate::ui::memo;
use crate::ui::relationships::my_id;
use crate::ui::shown_or;
use crate::ui::state::Actions;
use crate::ui::suggestions::{
    criterion_text, directory_and_offsets, input_errors_text, unmatched_text, PairCard,
    ProgrammePicker, Reading,
};
use crate::ui::CollectAny;
use crate::ui::{focus_when_drawn, refused_while, use_locale};

/// How long one slice of a run aims to take on the main thread: well under the 50 ms that
/// makes a task "long", leaving room for a slower phone than the one measured.
pub const SLICE_TARGET_MS: f64 = 8.0;

/// Runs matching over `problem` in slices of about `SLICE_TARGET_MS`, yielding to the page
/// between slices and telling `on_progress` where the run is. The work per slice adapts to
/// how fast this device turned out to be. Returns the outcome and the longest slice in ms.
pub async fn run_in_slices(
    problem: &Problem,
    mode: Mode,
    mut on_progress: impl FnMut(RunProgress),
) -> (Matching, f64) {
    let mut run = MatchingRun::new(problem, mode);
    // Small to start (a slow phone's first slice must be short too); it grows as the device
    // shows its speed.
    let mut budget: u64 = 100_000;
    let mut longest = 0.0f64;
    loop {
        let started = precise_now();
        let progress = run.step(budget);
        let took = precise_now() - started;
        longest = longest.max(took);
        on_progress(progress);
        if progress.is_done() {
            break;
        }
        // Aim at the target, growing at most twofold at once: a unit of work costs more in
        // some stages than in others, and one quick slice should not make the next long.
        let scale = (SLICE_TARGET_MS / took.max(0.25)).clamp(0.25, 2.0);
        budget = ((budget as f64 * scale) as u64).clamp(10_000, 1_000_000_000);
        yield_to_page().await;
    }
    (run.finish(), longest)
}

/// A finished run, as the screen shows it.
struct Outcome {
    programme: RecordId,
    kind: RelationshipKind,
    reading: Reading,
    matching: Matching,
    /// Mentees, mentors with places, mentees left out as already paired.
    counts: [usize; 3],
    /// Everyone else the programme counts whom the run could not take, with why.
    left_out: Vec<LeftOut>,
}

fn stage_text(stage: Stage) -> Text {
    match stage {
        Stage::Scoring => Text::StageScoring,
        Stage::Solving => Text::StageSolving,
        Stage::Explaining | Stage::Done => Text::StageExplaining,
    }
}

/// How far the whole run is: the three stages (scoring, solving, explaining) a third each.
fn overall_percent(p: RunProgress) -> u8 {
    let stage = match p.stage {
        Stage::Scoring => 0,
        Stage::Solving => 1,
        Stage::Explaining => 2,
        Stage::Done => return 100,
    };
    let within = p.done.min(p.total) * 100 / p.total.max(1);
    ((stage * 100 + within) / 3) as u8
}

/// Adds `pair` to `list` once.
fn add_pair(list: RwSignal<Vec<PairIds>>, pair: PairIds) {
    list.update(|l| {
        if !l.contains(&pair) {
            l.push(pair);
        }
    });
}

#[component]
pub fn MatchingScreen(actions: Actions) -> impl IntoView {
    let locale = use_locale();
    let programmes = memo(move || {
        let Some(me) = my_id(actions) else {
            return Vec::new();
        };
        actions
            .workspace
            .programmes()
            .into_iter()
            .filter(|p| p.is_admin(&me) && p.takes_new_pairs())
            .map(|p| (p.id, p.name))
            .collect::<Vec<_>>()
    });
    let picked = super::chosen_programme();
    let chosen = memo(move || {
        picked
            .get()
            .filter(|id| programmes.with(|p| p.iter().any(|(mine, _)| mine == id)))
            .or_else(|| programmes.with(|p| p.first().map(|(id, _)| id.clone())))
    });
    // Says the screen's words (coach or mentor) before any run, and the places each mentor
    // has: the programme's own, which the core holds every pairing to
    // (`relationship::places_of`), so a run never proposes a pair publishing would refuse.
    let kind_and_places = memo(move || {
        let id = chosen.get();
        (actions.workspace.programmes().into_iter())
            .find(|p| Some(&p.id) == id.as_ref())
            .map(|p| (p.kind, p.places_per_mentor))
    });
    let weights = RwSignal::new(Weights::default());
    let mode = RwSignal::new(Mode::Optimal);
    let pins = RwSignal::new(Vec::<PairIds>::new());
    let forbids = RwSignal::new(Vec::<PairIds>::new());
    let progress = RwSignal::new(None::<RunProgress>);
    let outcome = RwSignal::new(None::<Arc<Outcome>>);
    let message = RwSignal::new(None::<(bool, String)>);
    // Publishing asks first: participants see what it creates.
    let confirming = RwSignal::new(false);
    let said = NodeRef::<Div>::new();
    let publish_area = NodeRef::<Div>::new();

    let run = move || {
        let Some(id) = chosen.get_untracked() else {
            return;
        };
        if progress.get_untracked().is_some() {
            return;
        }
        let Some(programme) = untrack(|| actions.workspace.programmes())
            .into_iter()
            .find(|p| p.id == id)
        else {
            return;
        };
        message.set(None);
        confirming.set(false);
        progress.set(Some(RunProgress {
            stage: Stage::Scoring,
            done: 0,
            total: 1,
        }));
        let settings = RunSettings {
            weights: weights.get_untracked(),
            pins: pins.get_untracked(),
            forbids: forbids.get_untracked(),
            ..RunSettings::for_programme(&programme)
        };
        let (directory, offset) = untrack(|| directory_and_offsets(actions));
        let relationships = actions.workspace.relationships.get_untracked();
        let enrolment = Enrolment::for_programme(
            &directory,
            &programme,
            (&untrack(|| actions.workspace.enrolments()), &relationships),
            actions.today(),
        );
        let cohort = actions.workspace.goals.with_untracked(|goals| {
            let source = CohortSource {
                programme: &programme,
                directory: &directory,
                enrolment: &enrolment,
                relationships: &relationships,
                goals,
                today: actions.today(),
            };
            cohort_input(source, &settings, &offset)
        });
        let mode = mode.get_untracked();
        spawn_local(async move {
            // Let the progress bar show before the first slice.
            yield_to_page().await;
            let already_paired = cohort.already_paired.len();
            let left_out = cohort.left_out;
            match Problem::new(cohort.input) {
                Err(errors) => {
                    message.set(Some((true, input_errors_text(&errors, actions, locale))));
                }
                Ok(problem) => {
                    let (matching, _) =
                        run_in_slices(&problem, mode, |p| progress.set(Some(p))).await;
                    outcome.set(Some(Arc::new(Outcome {
                        programme: programme.id.clone(),
                        kind: settings.kind,
                        reading: Reading {
                            kind: settings.kind,
                            mode,
                            audience: Audience::Others,
                            max_score: highest_run_score(settings.kind, &settings.weights),
                        },
                        counts: [
                            problem.mentees().len(),
                            problem.mentors().len(),
                            already_paired,
                        ],
                        left_out,
                        matching,
                    })));
                }
            }
            progress.set(None);
        });
    };

    let publish = move || {
        let Some(done) = outcome.get_untracked() else {
            return;
        };
        let pairs: Vec<(RecordId, RecordId)> = done
            .matching
            .pairs
            .iter()
            .map(|p| (p.mentor.clone(), p.mentee.clone()))
            .collect();
        outcome.set(None);
        confirming.set(false);
        spawn_local(async move {
            let result = actions
                .propose(done.programme.clone(), done.kind, pairs)
                .await;
            message.set(Some(match result {
                Ok((made, refused)) if refused.is_empty() => (
                    false,
                    locale.format(
                        Text::Published,
                        &[&locale.count(Text::CountProposedRelationships, made)],
                    ),
                ),
                Ok((made, refused)) => (
                    true,
                    format!(
                        "{} {}",
                        locale.format(
                            Text::Published,
                            &[&locale.count(Text::CountProposedRelationships, made)],
                        ),
                        locale.format(Text::NotPublished, &[&refused.join(" ")])
                    ),
                ),
                Err(error) => (true, locale.format(Text::NotPublished, &[&error])),
            }));
            // The pairs and their buttons are gone: the outcome is where the admin reads on.
            focus_when_drawn(said, "p");
        });
    };

    // Who is the mentor (or coach) said as the health card says it.
    let pair_name = move |mentee: &RecordId, mentor: &RecordId| {
        let kind = kind_and_places.get_untracked().map(|(kind, _)| kind);
        locale.format(
            in_words_of(
                kind.unwrap_or(ProgrammeKind::Mentoring),
                Text::PairCardNames,
            ),
            &[
                &actions.workspace.name_of(mentor),
                &actions.workspace.name_of(mentee),
            ],
        )
    };
    let running = move || progress.get().is_some();

    view! {
        <h3 class="mw-screen-title" tabindex="-1">{locale.text(Text::MatchingScreenHeading)}</h3>
        {shown_or(
            move || programmes.with(|p| !p.is_empty()),
            move || view! {
            <ProgrammePicker programmes chosen on_choose=picked.write_only() />
            {move || chosen.get().and_then(|id| super::taking_part(actions, locale, &id)).map(|line| view! {
                <p class="mw-hint mw-taking-part">{line}</p>
            })}
            <fieldset class="mw-fieldset">
                <legend>{locale.text(Text::Weights)}</legend>
                <p class="mw-hint">{locale.text(Text::WeightsHint)}</p>
                {Criterion::ALL
                    .into_iter()
                    .filter(|c| c.in_admins_run())
                    .map(|c| {
                        let id = format!("mw-weight-{}", c.key());
                        let value = move || weights.with(|w| w.get(c));
                        view! {
                            <label class="mw-field" for=id.clone()>
                                {locale.text(criterion_text(c))} ": " {value}
                            </label>
                            <input
                                id=id
                                class="mw-slider"
                                type="range"
                                min="0"
                                max="10"
                                prop:value=move || value().to_string()
                                on:input=move |ev| {
                                    let v = event_target_value(&ev).parse().unwrap_or(0);
                                    weights.update(|w| w.set(c, v));
                                }
                            />
                        }
                    })
                    .collect_any()}
                {move || kind_and_places.get().map(|(kind, places)| {
                    let text = locale.format(in_words_of(kind, Text::PlacesPerMentor), &[&locale.number(places)]);
                    view! { <p class="mw-hint mw-places">{text}</p> }
                })}
            </fieldset>
            <fieldset class="mw-fieldset mw-choice">
                <legend>{locale.text(Text::ModeLabel)}</legend>
                {[(Mode::Optimal, Text::MatchingOptimal), (Mode::Stable, Text::MatchingStable)]
                    .into_iter()
                    .map(|(choice, text)| {
                        view! {
                            <label class="mw-option">
                                <input
                                    type="radio"
                                    name="mw-matching-mode"
                                    prop:checked=move || mode.get() == choice
                                    on:change=move |_| mode.set(choice)
                                />
                                {locale.text(text)}
                            </label>
                        }
                    })
                    .collect_any()}
            </fieldset>
            <div class="mw-actions">
                <button type="button" aria-disabled=refused_while(running) on:click=move |_| run()>
                    {move || {
                        locale.text(if outcome.with(Option::is_some) { Text::RunAgain } else { Text::RunMatching })
                    }}
                </button>
            </div>
            {move || {
                progress
                    .get()
                    .map(|p| {
                        let percent = overall_percent(p);
                        view! {
                            <p class="mw-hint">{locale.text(stage_text(p.stage))}</p>
                            <ProgressBar
                                percent=percent
                                label=String::new()
                                name=locale.text(Text::MatchingProgress).to_owned()
                            />
                        }
                    })
            }}
            <div node_ref=said>
                {move || {
                    message
                        .get()
                        .map(|(failed, text)| {
                            view! {
                                <p class=if failed { "mw-error" } else { "mw-saved" } role="status" tabindex="-1">{text}</p>
                            }
                        })
                }}
            </div>
            {move || {
                let forbidden = forbids.get();
                (!forbidden.is_empty())
                    .then(|| {
                        view! {
                            <section class="mw-section">
                                <h4>{locale.format(Text::ForbiddenPairs, &[&locale.count(Text::CountPairs, forbidden.len())])}</h4>
                                <ul class="mw-cards">
                                    {forbidden
                                        .into_iter()
                                        .map(|pair| {
                                            let name = pair_name(&pair.mentee, &pair.mentor);
                                            let label = locale.format(Text::AllowPair, &[&name]);
                                            view! {
                                                <li class="mw-card">
                                                    {name}
                                                    <button
                                                        type="button"
                                                        class="mw-secondary"
                                                        aria-label=label
                                                        on:click=move |_| forbids.update(|l| l.retain(|p| p != &pair))
                                                    >
                                                        {locale.text(Text::AllowAgain)}
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_any()}
                                </ul>
                            </section>
                        }
                    })
            }}
            {move || {
                outcome
                    .get()
                    .map(|done| {
                        let [mentees, mentors, left_out] = done.counts;
                        let not_taken: Vec<String> = (done.left_out.iter())
                            .map(|l| {
                                let key = match l.reason {
                                    LeftOutReason::NotInDirectory => Text::LeftOutNotInDirectory,
                                    LeftOutReason::NoLanguages => Text::LeftOutNoLanguages,
                                    LeftOutReason::Invited => Text::LeftOutInvited,
                                };
                                locale.format(key, &[&actions.workspace.name_of(&l.person)])
                            })
                            .collect();
                        let (guided, guiding) = counted_sides(done.kind.programme_kind());
                        let summary = locale
                            .format(
                                Text::CohortSummary,
                                &[
                                    &locale.count(guided, mentees),
                                    &locale.count(guiding, mentors),
                                    &locale.count(guided, left_out),
                                ],
                            );
                        let pairs = done.matching.pairs.clone();
                        let proposed = locale.count(Text::CountProposedRelationships, pairs.len());
                        let publish_label = locale.format(Text::Publish, &[&proposed]);
                        let question = locale.format(Text::ConfirmPublish, &[&proposed]);
                        let nothing = pairs.is_empty();
                        let unmatched: Vec<String> = done
                            .matching
                            .unmatched
                            .iter()
                            .map(|u| {
                                format!(
                                    "{}: {}",
                                    actions.workspace.name_of(&u.mentee),
                                    unmatched_text(&u.reason, done.kind, locale),
                                )
                            })
                            .collect();
                        view! {
                            <p class="mw-hint">{summary}</p>
                            {(!not_taken.is_empty()).then(|| view! {
                                <ul class="mw-hint mw-left-out">
                                    {not_taken.into_iter().map(|line| view! { <li>{line}</li> }).collect_any()}
                                </ul>
                            })}
                            <section class="mw-section" aria-labelledby="mw-pairs-heading">
                                <h4 id="mw-pairs-heading">
                                    {locale.format(Text::ProposedPairs, &[&locale.count(Text::CountPairs, pairs.len())])}
                                </h4>
                                <ul class="mw-cards">
                                    {pairs
                                        .into_iter()
                                        .map(|pair| {
                                            let ids = PairIds {
                                                mentee: pair.mentee.clone(),
                                                mentor: pair.mentor.clone(),
                                            };
                                            let title = pair_name(&ids.mentee, &ids.mentor);
                                            let pin_ids = ids.clone();
                                            let pinned = memo(move || pins.with(|l| l.contains(&pin_ids)));
                                            let pin_label = move || {
                                                locale
                                                    .format(
                                                        if pinned.get() { Text::UnpinPair } else { Text::PinPair },
                                                        &[&pair_name(&ids.mentee, &ids.mentor)],
                                                    )
                                            };
                                            let forbid_label = locale.format(Text::ForbidPair, &[&title]);
                                            let forbid_ids = PairIds {
                                                mentee: pair.mentee.clone(),
                                                mentor: pair.mentor.clone(),
                                            };
                                            let toggle_ids = forbid_ids.clone();
                                            view! {
                                                <PairCard actions pair title reading=done.reading nested=true>
                                                    <button
                                                        type="button"
                                                        class="mw-secondary"
                                                        aria-label=pin_label
                                                        aria-pressed=move || pinned.get().to_string()
                                                        on:click=move |_| {
                                                            let pair = toggle_ids.clone();
                                                            let was = pinned.get_untracked();
                                                            pins.update(|l| l.retain(|p| p.mentee != pair.mentee));
                                                            if !was {
                                                                add_pair(pins, pair);
                                                            }
                                                        }
                                                    >
                                                        {move || locale.text(if pinned.get() { Text::Unpin } else { Text::Pin })}
                                                    </button>
                                                    <button
                                                        type="button"
                                                        class="mw-secondary"
                                                        aria-label=forbid_label
                                                        on:click=move |_| {
                                                            let pair = forbid_ids.clone();
                                                            pins.update(|l| l.retain(|p| p != &pair));
                                                            add_pair(forbids, pair);
                                                        }
                                                    >
                                                        {locale.text(Text::Forbid)}
                                                    </button>
                                                </PairCard>
                                            }
                                        })
                                        .collect_any()}
                                </ul>
                            </section>
                            {(!unmatched.is_empty())
                                .then(|| {
                                    view! {
                                        <section class="mw-section">
                                            <h4>
                                                {locale.format(Text::UnmatchedHeading, &[&locale.count(guided, unmatched.len())])}
                                            </h4>
                                            <ul>{unmatched.into_iter().map(|u| view! { <li>{u}</li> }).collect_any()}</ul>
                                        </section>
                                    }
                                })}
                            <div node_ref=publish_area>
                                {shown_or(
                                    move || confirming.get(),
                                    move || view! {
                                    <form
                                        class="mw-form mw-confirm"
                                        novalidate
                                        on:submit=move |ev: SubmitEvent| {
                                            ev.prevent_default();
                                            publish();
                                        }
                                    >
                                        <p>{question.clone()}</p>
                                        <div class="mw-actions">
                                            <button type="submit" disabled=running>{locale.text(Text::YesPublish)}</button>
                                            <button
                                                type="button"
                                                class="mw-secondary mw-cancel"
                                                on:click=move |_| {
                                                    confirming.set(false);
                                                    focus_when_drawn(publish_area, ".mw-publish");
                                                }
                                            >
                                                {locale.text(Text::Cancel)}
                                            </button>
                                        </div>
                                    </form>
                                    }.into_any(),
                                    {
                                        let fallback = move || view! {
                                        <div class="mw-actions">
                                            <button
                                                type="button"
                                                class="mw-publish"
                                                disabled=move || running() || nothing
                                                on:click=move |_| {
                                                    confirming.set(true);
                                                    focus_when_drawn(publish_area, ".mw-confirm button");
                                                }
                                            >
                                                {publish_label.clone()}
                                            </button>
                                        </div>
                                    };
                                        move || fallback().into_any()
                                    },
                                )}
                            </div>
                        }
                    })
            }}
            }.into_any(),
            {
                let fallback = move || view! { <p class="mw-empty">{locale.text(Text::NoProgrammeToRun)}</p> };
                move || fallback().into_any()
            },
        )}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_bar_only_moves_forward_across_the_stages() {
        let at = |stage, done, total| overall_percent(RunProgress { stage, done, total });
        let steps = [
            at(Stage::Scoring, 0, 10),
            at(Stage::Scoring, 10, 10),
            at(Stage::Solving, 0, 0),
            at(Stage::Solving, 5, 10),
            at(Stage::Explaining, 9, 10),
            at(Stage::Done, 10, 10),
        ];
        assert_eq!(steps, [0, 33, 33, 50, 96, 100]);
    }
}
