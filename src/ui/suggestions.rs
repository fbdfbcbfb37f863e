//! "Find a mentor": a mentee's suggested mentors (the five best with a place, each with its
//! reasons) and a request that becomes a proposed relationship. Also the words of a matching
//! explanation and the pair card, which the programme admin's matching screen
//! (`admin::matching`) shares.
//!
//! The explanations come structured from the core (`mentoring_core::matching`); every word
//! here goes through `i18n`. Opt-in preferences are shown only to the mentee, and only as
//! counts ("1 of the 1 you stated met"); anyone else reads "private to the mentee".

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::enrolment::{
    as_told, check_takes_part, invited_as_mentee, invited_as_mentor, mentors_only,
};
use mentoring_core::matching::{
    cohort_input, highest_score, suggest_for, Audience, Comparison, Contribution, Criterion,
    Enrolment, Evidence, HardRule, HigherSaid, InputError, LeftOutReason, Mode, PairExplanation,
    Problem, RunSettings, UnmatchedReason, WhyNot, FULL_AVAILABILITY_HOURS, MAX_UTC_OFFSET_MINUTES,
    MAX_WEIGHT,
};
use mentoring_core::preferences::{for_mentee, PreferencesMet};
use mentoring_core::programme::open_programmes;
use mentoring_core::relationship::{
    mentors_under_way_in, open_for_mentee, proposal_refusals, KnownEnrolments,
};
use mentoring_core::{
    Directory, EnrolledAs, Lifecycle, MatchingPreferences, Millis, ProgrammeKind, RecordId,
    Refusal, RelationshipKind, Rule,
};

use super::goal_editor::ProgressBar;
use super::i18n::{counted_sides, in_words_of, Locale, Text};
use super::keyed_list;
use super::memo;
use super::preferences::{held_text, MatchingPreferencesForm};
use super::relationships::my_id;
use super::screens::Nav;
use super::session_log::zone;
use super::shown_or;
use super::state::{Actions, DirectoryState};
use super::CollectAny;
use super::{refused_while, use_locale};

pub(super) fn criterion_text(criterion: Criterion) -> Text {
    match criterion {
        Criterion::Skills => Text::CriterionSkills,
        Criterion::Goals => Text::CriterionGoals,
        Criterion::Department => Text::CriterionDepartment,
        Criterion::TimeZone => Text::CriterionTimeZone,
        Criterion::Availability => Text::CriterionAvailability,
        Criterion::Location => Text::CriterionLocation,
        Criterion::Seniority => Text::CriterionSeniority,
        Criterion::Preferences => Text::CriterionPreferences,
    }
}

fn rule_text(rule: HardRule, kind: RelationshipKind) -> Text {
    match rule {
        HardRule::SamePerson => Text::WhySamePerson,
        HardRule::Forbidden => Text::WhyForbidden,
        HardRule::PairUnderWay => Text::WhyPairUnderWay,
        HardRule::PairEndedEarly => Text::WhyPairEndedEarly,
        HardRule::ReportingLine => Text::WhyReportingLine,
        HardRule::Seniority if kind == RelationshipKind::ReverseMentoring => {
            Text::WhySeniorityReverse
        }
        HardRule::Seniority => Text::WhySeniority,
        HardRule::CoachCredential => Text::WhyCredential,
        HardRule::SharedLanguage => Text::WhyLanguage,
        HardRule::Capacity => Text::WhyFullBefore,
    }
}

fn why_not_text(why: &WhyNot, kind: RelationshipKind, mode: Mode, locale: Locale) -> String {
    match why {
        WhyNot::Excluded(rules) => locale.clauses(
            &rules
                .iter()
                .map(|rule| locale.text(rule_text(rule, kind)))
                .collect::<Vec<_>>(),
        ),
        WhyNot::FullBeforeMatching => locale.text(Text::WhyFullBefore).to_owned(),
        WhyNot::PlacesWentElsewhere => locale
            .text(match mode {
                Mode::Optimal => Text::WhyElsewhereOptimal,
                Mode::Stable => Text::WhyElsewhereStable,
            })
            .to_owned(),
        WhyNot::PinnedPair => locale.text(Text::WhyPinnedPair).to_owned(),
    }
}

/// One criterion's line: "Skills: 2 of 3 covered (presenting, negotiation) (+500 of 750)";
/// none for a criterion the programme does not use, which says nothing about the pair.
fn contribution_text(
    c: &Contribution,
    audience: Audience,
    kind: ProgrammeKind,
    locale: Locale,
) -> Option<String> {
    let mentee = audience == Audience::Mentee;
    let fact = match &c.evidence {
        Evidence::NotUsed => return None,
        Evidence::Preferences { .. } if !mentee => {
            locale.text(in_words_of(kind, Text::FactPrivate)).to_owned()
        }
        // The mentee is told where what would count is given: the form below, their goals.
        Evidence::Preferences { stated: 0, .. } => locale.text(Text::FactNoPreferences).to_owned(),
        Evidence::SharedTerms { asked: 0, .. } if mentee && c.criterion == Criterion::Goals => {
            locale.text(Text::FactNoGoals).to_owned()
        }
        Evidence::Preferences { met, stated } => locale.format(
            Text::FactPreferencesMet,
            &[&locale.number(*met), &locale.number(*stated)],
        ),
        Evidence::SharedTerms { asked: 0, .. } => locale.text(Text::FactNoneGiven).to_owned(),
        // The terms go in as one value, the space and brackets staying in the sentence: a
        // value is isolated for the reader's direction, and a space inside it would move.
        Evidence::SharedTerms { shared, asked } => {
            let counts = [locale.number(shared.len()), locale.number(*asked)];
            if shared.is_empty() {
                locale.format(Text::FactCovers, &[&counts[0], &counts[1]])
            } else {
                let terms = locale.list(shared);
                locale.format(Text::FactCoversTerms, &[&counts[0], &counts[1], &terms])
            }
        }
        // Department says why it counts: otherwise "both in Sales (+0 of 200)" reads as a fault.
        Evidence::Department(Comparison::Same(what)) => {
            locale.format(Text::FactSameDepartment, &[what])
        }
        Evidence::Department(Comparison::Different) => {
            locale.text(Text::FactOtherDepartment).to_owned()
        }
        Evidence::Department(comparison) | Evidence::Location(comparison) => match comparison {
            Comparison::Same(what) => locale.format(Text::FactBothIn, &[what]),
            Comparison::Different => locale.text(Text::FactDifferent).to_owned(),
            Comparison::Unknown => locale.text(Text::FactUnknown).to_owned(),
        },
        Evidence::MinutesApart(0) => locale.text(Text::FactSameTimeZone).to_owned(),
        Evidence::MinutesApart(minutes) => {
            let minutes = minutes.unsigned_abs() as usize;
            let apart = if minutes % 60 == 0 {
                locale.count(Text::CountHours, minutes / 60)
            } else {
                locale.count(Text::CountMinutes, minutes)
            };
            locale.format(Text::FactMinutesApart, &[&apart])
        }
        Evidence::CommonHours(hours) => locale.format(
            Text::FactCommonHours,
            &[
                &locale.count(Text::CountHours, *hours as usize),
                &locale.count(Text::CountHours, FULL_AVAILABILITY_HOURS as usize),
            ],
        ),
        Evidence::GradesApart { grades, reverse } => locale.format(
            if (*grades >= 0) != *reverse {
                Text::FactGradesSenior
            } else {
                Text::FactGradesJunior
            },
            &[&locale.count(Text::CountGrades, grades.unsigned_abs() as usize)],
        ),
    };
    let criterion = locale.text(criterion_text(c.criterion));
    // Each line says the most its criterion could add, so a line at 0 still says what it is
    // worth (goals up to 400) and full points read as full.
    // The admins' run weighs nobody's opt-in preferences (its score leaves them out): the
    // line says they stay private, with no points to count.
    let weighed = mentee || !matches!(c.evidence, Evidence::Preferences { .. });
    Some(match c.most_points() {
        most if most == 0 || !weighed => {
            locale.format(Text::ReasonLineUnweighted, &[criterion, &fact])
        }
        most => locale.format(
            Text::ReasonLine,
            &[
                criterion,
                &fact,
                &locale.number(c.points),
                &locale.number(most),
            ],
        ),
    })
}

/// Why a mentee has no partner (or nothing to be suggested).
pub(super) fn unmatched_text(
    reason: &UnmatchedReason,
    kind: RelationshipKind,
    locale: Locale,
) -> String {
    match reason {
        UnmatchedReason::NoMentorWithPlaces => {
            let said = in_words_of(kind.programme_kind(), Text::UnmatchedNoPlaces);
            locale.text(said).to_owned()
        }
        UnmatchedReason::NoAllowedMentor { excluded_by, .. } => {
            let reasons = locale.clauses(
                &excluded_by
                    .iter()
                    .map(|(rule, count)| {
                        locale.format(
                            Text::CountedReason,
                            &[locale.text(rule_text(*rule, kind)), &locale.number(*count)],
                        )
                    })
                    .collect::<Vec<_>>(),
            );
            let said = in_words_of(kind.programme_kind(), Text::UnmatchedNoAllowed);
            locale.format(said, &[&reasons])
        }
        UnmatchedReason::AllowedMentorsFull { allowed } => locale.format(
            Text::UnmatchedFull,
            &[&locale.count(counted_sides(kind.programme_kind()).1, *allowed)],
        ),
    }
}

/// What to fix before matching can run, naming people by name. Each error's own (English)
/// text is for logs; this is what a screen shows.
pub(super) fn input_errors_text(errors: &[InputError], actions: Actions, locale: Locale) -> String {
    let name = |id: &RecordId| actions.workspace.name_of(id);
    let number = |n: i64| locale.number(n);
    let said: Vec<String> = (errors.iter())
        .map(|error| match error {
            InputError::DuplicateMentee(id) => {
                locale.format(Text::InputDuplicateMentee, &[&name(id)])
            }
            InputError::DuplicateMentor(id) => {
                locale.format(Text::InputDuplicateMentor, &[&name(id)])
            }
            InputError::NoCapacity(id) => locale.format(Text::InputNoCapacity, &[&name(id)]),
            InputError::WeightTooLarge { criterion, weight } => locale.format(
                Text::InputWeightTooLarge,
                &[
                    locale.text(criterion_text(*criterion)),
                    &number(i64::from(*weight)),
                    &number(i64::from(MAX_WEIGHT)),
                ],
            ),
            InputError::UtcOffsetOutOfRange { person, minutes } => locale.format(
                Text::InputUtcOffset,
                &[
                    &name(person),
                    &locale.count(Text::CountMinutes, minutes.unsigned_abs() as usize),
                    &locale.count(Text::CountMinutes, MAX_UTC_OFFSET_MINUTES as usize),
                ],
            ),
            InputError::UnknownPerson { pair, .. } => locale.format(
                Text::InputUnknownPerson,
                &[&name(&pair.mentee), &name(&pair.mentor)],
            ),
            InputError::PinnedTwice {
                mentee,
                first,
                second,
            } => locale.format(
                Text::InputPinnedTwice,
                &[&name(mentee), &name(first), &name(second)],
            ),
            InputError::PinBreaksRule { pair, rule, kind } => locale.format(
                Text::InputPinBreaksRule,
                &[
                    &name(&pair.mentee),
                    &name(&pair.mentor),
                    locale.text(rule_text(*rule, *kind)),
                ],
            ),
            InputError::PinsOverCapacity {
                mentor,
                capacity,
                pins,
            } => locale.format(
                Text::InputPinsOverCapacity,
                &[
                    &name(mentor),
                    &locale.count(Text::CountMentees, *capacity as usize),
                    &locale.count(Text::CountMentees, *pins as usize),
                ],
            ),
            InputError::TooLarge { mentees, mentors } => locale.format(
                Text::InputTooLarge,
                &[
                    &locale.count(Text::CountMentees, *mentees),
                    &locale.count(Text::CountMentors, *mentors),
                ],
            ),
        })
        .collect();
    said.join(" ")
}

/// How a pair's explanation is read: for whom, in which run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Reading {
    pub kind: RelationshipKind,
    pub mode: Mode,
    pub audience: Audience,
    /// The highest score a pair could reach in the programme with these weights (a full
    /// score bar): `matching::highest_score`.
    pub max_score: i64,
}

/// A pair's reasons, rank and what its reader may know of the mentors who would score higher
/// (`PairExplanation::higher_said`), one line each.
fn explanation_lines(
    pair: &PairExplanation,
    reading: Reading,
    locale: Locale,
    name_of: impl Fn(&RecordId) -> String,
) -> Vec<String> {
    let kind = reading.kind.programme_kind();
    let guiding = counted_sides(kind).1;
    let mut lines: Vec<String> = pair
        .contributions
        .iter()
        .filter_map(|c| contribution_text(c, reading.audience, kind, locale))
        .collect();
    lines.push(locale.format(
        Text::RankLine,
        &[
            &locale.number(pair.rank),
            &locale.count(guiding, pair.options),
        ],
    ));
    match pair.higher_said(reading.audience) {
        HigherSaid::Nothing => {}
        HigherSaid::NoneHigher => {
            lines.push(locale.text(in_words_of(kind, Text::NoneHigher)).to_owned())
        }
        HigherSaid::Listed { listed, more } => {
            lines.extend(listed.iter().map(|h| {
                locale.format(
                    Text::HigherScored,
                    &[
                        &name_of(&h.mentor),
                        &locale.number(h.score),
                        &why_not_text(&h.why_not, reading.kind, reading.mode, locale),
                    ],
                )
            }));
            if more > 0 {
                lines.push(locale.format(Text::HigherMore, &[&locale.count(guiding, more)]));
            }
        }
    }
    lines
}

/// A pair with its score bar, rank and reasons, and the buttons the screen adds.
#[component]
pub(super) fn PairCard(
    actions: Actions,
    pair: PairExplanation,
    title: String,
    reading: Reading,
    children: Children,
    /// Under a heading of the same level as the screen's own cards' (the admins' "Proposed
    /// pairs"): its title one level below.
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let locale = use_locale();
    let max_score = reading.max_score;
    let percent = (pair.score * 100 / max_score).clamp(0, 100) as u8;
    let score = locale.format(
        Text::ScoreOf,
        &[
            &locale.number(pair.score),
            &locale.number(max_score),
            &locale.percent(percent),
        ],
    );
    let lines = explanation_lines(&pair, reading, locale, |id| actions.workspace.name_of(id));
    view! {
        <li class="mw-card mw-pair">
            {
                let badge = pair.pinned.then(|| view! { " " <span class="mw-badge">{locale.text(Text::Pinned)}</span> });
                if nested {
                    view! { <h5 class="mw-card-title">{title.clone()}{badge}</h5> }.into_any()
                } else {
                    view! { <h4 class="mw-card-title">{title.clone()}{badge}</h4> }.into_any()
                }
            }
            <ProgressBar percent=percent label=title name=score.clone() />
            <p class="mw-card-line mw-muted">{score}</p>
            <ul class="mw-reasons">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_any()}</ul>
            <div class="mw-actions">{children()}</div>
        </li>
    }
}

/// A choice among `programmes` (id, name), into `chosen`.
#[component]
pub(super) fn ProgrammePicker(
    programmes: Memo<Vec<(RecordId, String)>>,
    chosen: Memo<Option<RecordId>>,
    on_choose: WriteSignal<Option<RecordId>>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="mw-form">
        <label class="mw-field" for="mw-programme">{locale.text(Text::ChooseProgramme)}</label>
        <select
            id="mw-programme"
            on:change=move |ev| on_choose.set(RecordId::parse(&event_target_value(&ev)).ok())
        >
            {keyed_list(
                move || programmes.get(),
                |(id, _)| id.clone(),
                move |p| view! {
                {
                    let id = p.0.clone();
                    view! {
                        <option
                            dir="auto"
                            value=p.0.to_string()
                            selected=move || chosen.get().as_ref() == Some(&id)
                        >
                            {p.1}
                        </option>
                    }
                }
                }.into_any(),
            )}
        </select>
        </div>
    }
}

/// The directory as the core's `Directory`, and the UTC offset of a zone now (from `Intl`).
#[cfg(feature = "admin")]
pub(super) fn directory_and_offsets(actions: Actions) -> (Directory, impl Fn(&str) -> Option<i32>) {
    let directory = actions
        .workspace
        .directory
        .with(|d| Directory::new(d.people.iter().cloned()));
    (directory, zone_offsets(actions))
}

/// The UTC offset of a zone now (from `Intl`).
fn zone_offsets(actions: Actions) -> impl Fn(&str) -> Option<i32> {
    let now = actions.now();
    move |z: &str| zone::is_known(z).then(|| zone::offset_minutes(now, z))
}

/// Whether Find a mentor offers mentors in a programme to the person signed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    Open,
    /// Outside who may join it.
    NotOpen,
    /// Not on its enrolment list.
    NotListed,
    /// Invited to it as a mentee, not yet accepted.
    Invited,
    /// Among its mentors (or coaches) only, or mentoring a pair under way in it.
    AsMentor,
    /// Invited to it as a mentor (or coach), not yet accepted.
    InvitedAsMentor,
    /// Its admins run the matching (`Programme::mentees_ask`): they propose the pairs.
    AdminsMatch,
}

/// What the host said about the mentee's own matching preferences.
#[derive(Clone, Debug, PartialEq)]
enum Preferences {
    Asking,
    /// The mentors who meet some, and which; the preferences the host holds.
    Met(PreferencesMet),
    /// The host could not say: suggestions are made without the preference points.
    Unknown,
}

/// What the mentee screen offers in a programme: each suggested mentor with why a request
/// to them would be refused (empty when it would be made).
#[derive(Clone, Debug, PartialEq)]
enum Offer {
    /// The options, the programme's kind, and the highest score a pair could reach in it.
    Options(Vec<(PairExplanation, Vec<Refusal>)>, RelationshipKind, i64),
    Nothing(String),
}

#[component]
pub fn FindMentor(actions: Actions) -> impl IntoView {
    let locale = use_locale();
    // The open programmes, the directory's and those set up in Programme admin, each in its
    // matching mode (`open_programmes`).
    let open_ones = memo(move || {
        let set_up = actions.workspace.set_up_programmes();
        actions
            .workspace
            .directory
            .with(|d| open_programmes(&d.programmes, &set_up))
    });
    // The enrolments the device judges with: its person's own, and who is on each enrolment
    // list as the host says (`as_told`; `true` when it said).
    let judged = memo(move || {
        let me = my_id(actions)?;
        let own = actions.workspace.enrolments();
        let told = actions.workspace.directory.with(|d| d.taking_part.clone());
        let today = actions.today();
        let all = open_ones.with(|open| as_told(&own, &me, told.as_deref(), open, today));
        Some((all, told.is_some()))
    });
    // The open programmes the signed-in person does not run, each with whether who may join
    // (or its enrolment list) lets them ask a mentor there (`check_takes_part`, as `propose`
    // asks it of them), whether they take part there as a mentor only (`mentors_only`): no
    // mentor for them there, and whether its admins make its pairs instead. Mentoring a pair
    // under way in it counts as a mentor there (`Rule::OtherRoleInProgramme` would refuse).
    let joinable = memo(move || {
        let me = my_id(actions);
        let enrolments = judged.with(|j| j.as_ref().map(|(e, _)| e.clone()).unwrap_or_default());
        let today = actions.today();
        let person = actions.workspace.directory.with(|d| {
            me.as_ref()
                .and_then(|me| d.people.iter().find(|p| &p.id == me).cloned())
        });
        open_ones.with(|open| {
            open.iter()
                .filter(|p| me.as_ref().is_none_or(|me| !p.is_admin(me)))
                .map(|p| {
                    let refused = (person.as_ref()).and_then(|person| {
                        check_takes_part(p, person, EnrolledAs::Mentee, &enrolments, today).err()
                    });
                    let mentor = (me.as_ref()).is_some_and(|me| {
                        (actions.workspace.relationships)
                            .with(|all| mentors_under_way_in(all, me, &p.id))
                    }) || (person.as_ref())
                        .is_some_and(|person| mentors_only(p, person, &enrolments, today));
                    let invited_mentor =
                        (me.as_ref()).is_some_and(|me| invited_as_mentor(&enrolments, &p.id, me));
                    let access = match (mentor, refused.map(|r| r.rule)) {
                        (true, _) if invited_mentor => Access::InvitedAsMentor,
                        (true, _) => Access::AsMentor,
                        (false, None) if !p.mentees_ask() => Access::AdminsMatch,
                        (false, None) => Access::Open,
                        (false, Some(Rule::NotEnrolled))
                            if me
                                .as_ref()
                                .is_some_and(|me| invited_as_mentee(&enrolments, &p.id, me)) =>
                        {
                            Access::Invited
                        }
                        (false, Some(Rule::NotEnrolled)) => Access::NotListed,
                        (false, Some(_)) => Access::NotOpen,
                    };
                    (p.id.clone(), p.name.clone(), access, p.kind)
                })
                .collect::<Vec<_>>()
        })
    });
    // Mentoring programmes first: the screen finds a mentor, so it opens on one when there is.
    let programmes = memo(move || {
        joinable.with(|all| {
            let open = |kind| {
                (all.iter())
                    .filter(move |(_, _, access, k)| *access == Access::Open && *k == kind)
                    .map(|(id, name, _, _)| (id.clone(), name.clone()))
            };
            open(ProgrammeKind::Mentoring)
                .chain(open(ProgrammeKind::Coaching))
                .collect::<Vec<_>>()
        })
    });
    let not_open = move || {
        joinable.with(|all| {
            (all.iter()
                .filter(|(_, _, access, _)| *access != Access::Open))
            .map(|(_, name, access, kind)| {
                let key = match access {
                    Access::AsMentor => in_words_of(*kind, Text::MentorInProgramme),
                    Access::InvitedAsMentor => in_words_of(*kind, Text::InvitedAsMentorInProgramme),
                    Access::AdminsMatch => Text::AdminsMatchInProgramme,
                    Access::NotListed => Text::NotOnListInProgramme,
                    Access::Invited => Text::InvitedInProgramme,
                    _ => Text::NotOpenToYou,
                };
                let text = locale.format(key, &[name]);
                view! { <p class="mw-hint mw-not-open">{text}</p> }
            })
            .collect_any()
        })
    };
    let picked = RwSignal::new(None::<RecordId>);
    let chosen = memo(move || {
        programmes.with(|open| {
            picked
                .get()
                .filter(|id| open.iter().any(|(p, _)| p == id))
                .or_else(|| open.first().map(|(id, _)| id.clone()))
        })
    });
    let preferences = RwSignal::new(Preferences::Asking);
    let mine = memo(move || actions.workspace.my_preferences());
    // The host answers from the answers it holds. It is asked again after a sync that left
    // nothing waiting, if the person's answers changed since it was asked, it could not
    // answer then, or it was asked while changes still waited (it may have answered for
    // values this device has since changed): otherwise answers saved here would rank by
    // the host's old ones until the screen reopened.
    let asked = StoredValue::new(None::<(Option<MatchingPreferences>, Option<Millis>, bool)>);
    Effect::new(move |_| {
        let (settled, synced_at) = actions.sync.status.with(|s| {
            (
                s.online && s.waiting == 0 && s.error.is_none(),
                s.last_synced,
            )
        });
        let now_mine = mine.get();
        let ask = match asked.get_value() {
            None => true,
            Some((mine_then, synced_then, settled_then)) => {
                settled
                    && synced_at != synced_then
                    && (!settled_then
                        || mine_then != now_mine
                        || untrack(|| preferences.with(|p| *p == Preferences::Unknown)))
            }
        };
        if !ask {
            return;
        }
        // Someone who asked for nothing has nothing to ask the host.
        let asks_for_something = now_mine.as_ref().is_some_and(|p| !p.prefers.is_empty());
        asked.set_value(Some((now_mine, synced_at, settled)));
        if !asks_for_something {
            preferences.set(Preferences::Met(PreferencesMet::default()));
            return;
        }
        spawn_local(async move {
            let met = actions.preferences_met().await;
            preferences.try_set(met.map_or(Preferences::Unknown, Preferences::Met));
        });
    });
    let offline_note = move || {
        let asked = mine.with(|p| {
            p.as_ref()
                .is_some_and(|p| !p.opt_in().prefers_shared.is_empty())
        });
        (asked && preferences.with(|p| *p == Preferences::Unknown)).then(
            || view! { <p class="mw-hint" role="status">{locale.text(Text::PrefsOffline)}</p> },
        )
    };
    let held_notes = move || {
        let held = preferences.with(|p| match p {
            Preferences::Met(met) => met.held.clone(),
            _ => Vec::new(),
        });
        // An answer from before the person stopped asking for an attribute names it still.
        let asking = mine.with(|p| p.as_ref().map(|p| p.prefers).unwrap_or_default());
        let zone = zone::of_me(actions);
        held.into_iter()
            .filter(|h| asking.contains(h.attribute))
            .map(|h| {
                let until = locale.date(zone::day(h.until, &zone));
                let text = locale.format(held_text(h.attribute), &[&until]);
                view! { <p class="mw-hint mw-prefs-held" role="status">{text}</p> }
            })
            .collect_any()
    };
    let offer = memo(move || {
        let me = my_id(actions)?;
        let id = chosen.get()?;
        let programme = open_ones.with(|open| open.iter().find(|p| p.id == id).cloned())?;
        let relationships = actions.workspace.relationships.get();
        if let Some(open) = open_for_mentee(&relationships, &id, &me) {
            let name = actions.workspace.name_of(&open.mentor);
            if open.lifecycle != Lifecycle::Proposed {
                return Some(Offer::Nothing(
                    locale.format(Text::AlreadyInProgramme, &[&name]),
                ));
            }
            // A pairing still waiting is said by who proposed it, as the device's log of
            // changes holds it: a mentee an admin paired never asked anyone. Without the
            // log it is said without naming who proposed it.
            let by = actions.workspace.pairing_log.with(|log| {
                (log.iter())
                    .find(|l| l.relationship == open.id)
                    .map(|l| l.paired.by.clone())
            });
            // Someone the directory does not name would be said by their id: said without a who.
            let named = |by: &RecordId| {
                (actions.workspace.directory).with(|d| d.people.iter().any(|p| &p.id == by))
            };
            let said = match by {
                Some(by) if by == me => locale.format(Text::AlreadyAskedInProgramme, &[&name]),
                Some(by) if named(&by) => locale.format(
                    Text::ProposedForYouInProgramme,
                    &[&name, &actions.workspace.name_of(&by)],
                ),
                _ => locale.format(Text::PairingWaitsInProgramme, &[&name]),
            };
            return Some(Offer::Nothing(said));
        }
        // The mentee's own preferences count only once the host said who meets them: before,
        // every mentor would read as meeting none.
        let mut people = actions.workspace.directory.with(|d| d.people.clone());
        match (mine.get(), preferences.get()) {
            (Some(mine), Preferences::Met(met)) => for_mentee(&mut people, &mine, &met),
            _ => for_mentee(
                &mut people,
                &MatchingPreferences::of(&me),
                &PreferencesMet::default(),
            ),
        }
        let directory = Directory::new(people);
        let offset = zone_offsets(actions);
        let (enrolments, told) = judged.get()?;
        let known = KnownEnrolments::on_device(&me, told);
        let today = actions.today();
        // Those taking part as mentors, as the host says who is on a list, with as many
        // places as the core's rule gives each (`relationship::places_of`).
        let mut enrolment =
            Enrolment::for_mentee_in(&programme, &directory, &me, (&enrolments, known), today);
        // Whose places are all taken the host says: this device holds no one else's pairs.
        actions.workspace.directory.with(|d| {
            let full = |mentor: &RecordId| d.no_place.iter().any(|(p, m)| *p == id && m == mentor);
            enrolment.mentors.retain(|(mentor, _)| !full(mentor));
        });
        let settings = RunSettings::for_programme(&programme);
        let cohort = actions.workspace.goals.with(|goals| {
            cohort_input(
                mentoring_core::matching::CohortSource {
                    programme: &programme,
                    directory: &directory,
                    enrolment: &enrolment,
                    relationships: &relationships,
                    goals,
                    today,
                },
                &settings,
                &offset,
            )
        });
        // Left out of the run (no language in the directory, say): why, and what to do.
        if let Some(left) = cohort.left_out.iter().find(|l| l.person == me) {
            return Some(Offer::Nothing(
                locale
                    .text(match left.reason {
                        LeftOutReason::NoLanguages => Text::YouHaveNoLanguages,
                        LeftOutReason::NotInDirectory => Text::YouAreNotInDirectory,
                        LeftOutReason::Invited => Text::YouAreInvited,
                    })
                    .to_owned(),
            ));
        }
        let problem = match Problem::new(cohort.input) {
            Ok(problem) if !problem.mentees().is_empty() => problem,
            Ok(_) => return None,
            Err(errors) => {
                return Some(Offer::Nothing(input_errors_text(&errors, actions, locale)));
            }
        };
        let suggestions = suggest_for(&problem, 0);
        if let Some(reason) = suggestions.none_because {
            return Some(Offer::Nothing(locale.format(
                Text::NoSuggestions,
                &[&unmatched_text(&reason, settings.kind, locale)],
            )));
        }
        // Each card is offered as the request would be judged: a rule matching does not weigh
        // (a credential lapsed since the programme started) says why instead of a button.
        let options = (suggestions.options.into_iter())
            .map(|pair| {
                let refused = proposal_refusals(
                    settings.kind,
                    &programme,
                    (&pair.mentor, &me),
                    today,
                    &directory,
                    &relationships,
                    (&enrolments, known),
                );
                (pair, refused)
            })
            .collect();
        let max_score = highest_score(settings.kind, &settings.weights);
        Some(Offer::Options(options, settings.kind, max_score))
    });
    let message = RwSignal::new(None::<(bool, String)>);
    let busy = RwSignal::new(false);
    let nav = use_context::<Nav>();
    let focus = move |selector: &str| {
        if let Some(nav) = nav {
            nav.focus(selector);
        }
    };
    // The mentor a request is being confirmed to: asking is asked first, as withdrawing is.
    let asking = RwSignal::new(None::<RecordId>);
    let ask = move |mentor: RecordId, kind: RelationshipKind| {
        let (Some(me), Some(programme)) = (actions.me(), chosen.get_untracked()) else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let name = actions.workspace.name_of(&mentor);
        spawn_local(async move {
            let outcome = actions.propose(programme, kind, vec![(mentor, me)]).await;
            message.set(Some(match outcome {
                Ok((1, _)) => (false, locale.format(Text::Requested, &[&name])),
                Ok((_, refused)) => (true, refused.join(" ")),
                Err(error) => (true, error),
            }));
            asking.set(None);
            busy.set(false);
            // The step goes, and a request made takes the cards and their buttons with it:
            // the keyboard goes on to what is said instead.
            focus(".mw-find-said");
        });
    };
    // A coaching programme chosen: its coaches are suggested and asked, in those words.
    let coaching = move || {
        chosen.get().is_some_and(|id| {
            open_ones
                .with(|open| (open.iter()).any(|p| p.id == id && p.kind == ProgrammeKind::Coaching))
        })
    };
    // Asked again on opening (others' pairs and enrolment lists move): what is held stays
    // shown meanwhile, with a quiet word; an ask that fails says how old the list is.
    actions.ask_directory();
    let directory_note = move || {
        if actions.workspace.directory_asking.get() {
            let text = locale.text(Text::DirectoryUpdating).to_owned();
            return Some(view! { <p class="mw-hint mw-directory-note" role="status">{text}</p> });
        }
        let failed = actions.workspace.directory_state.get() == DirectoryState::Failed;
        let at = actions.workspace.directory_at.get().filter(|_| failed)?;
        let when = locale.date_time(at, &zone::of_me(actions));
        let text = locale.format(Text::DirectoryAsOf, &[&when]);
        Some(view! { <p class="mw-hint mw-directory-note" role="status">{text}</p> })
    };
    // No programme to suggest from (a coach or mentor in each, say): no heading promising
    // suggestions; what follows says why of each programme.
    let none_open = move || programmes.with(Vec::is_empty);
    view! {
        <h3 class="mw-screen-title" tabindex="-1">
            {move || {
                locale.text(if none_open() {
                    Text::NoOneSuggested
                } else if coaching() {
                    Text::CoachesSuggestedHeading
                } else {
                    Text::SuggestionsHeading
                })
            }}
        </h3>
        {move || (!none_open()).then(|| view! {
            <p class="mw-hint">
                {locale.text(if coaching() { Text::CoachesSuggestedHint } else { Text::SuggestionsHint })}
            </p>
        })}
        {shown_or(
            move || programmes.with(|p| !p.is_empty()),
            move || view! {
            <ProgrammePicker programmes chosen on_choose=picked.write_only() />
            }.into_any(),
            {
                let fallback = move || {
                let why = move || {
                    // Nothing held yet and the host asked: the updating line says so, rather
                    // than a "no programme" the reply may contradict a moment later.
                    let nothing_held = open_ones.with(Vec::is_empty);
                    let state = actions.workspace.directory_state.get();
                    if nothing_held && actions.workspace.directory_asking.get() {
                        None
                    } else if nothing_held
                        && matches!(state, DirectoryState::Failed | DirectoryState::Refused)
                    {
                        // One held stands in for an ask that failed (said with its date).
                        Some(locale.text(Text::DirectoryUnreached))
                    } else if joinable.with(|all| all.is_empty()) {
                        // The open programmes may all be ones this person runs.
                        let listed = open_ones.with(|open| !open.is_empty());
                        Some(locale.text(if listed { Text::OnlyProgrammesYouRun } else { Text::NoProgrammeToJoin }))
                    } else {
                        // Each programme is said below with why it is not open to them.
                        None
                    }
                };
                move || why().map(|why| view! { <p class="mw-empty">{why}</p> })
            };
                move || fallback().into_any()
            },
        )}
        {directory_note}
        {not_open}
        {move || {
            message
                .get()
                .map(|(failed, text)| {
                    view! {
                        <p
                            class=if failed { "mw-error mw-find-said" } else { "mw-saved mw-find-said" }
                            role="status"
                            tabindex="-1"
                        >
                            {text}
                        </p>
                    }
                })
        }}
        {offline_note}
        {held_notes}
        {move || match offer.get() {
            None => ().into_any(),
            Some(Offer::Nothing(text)) => view! { <p class="mw-empty">{text}</p> }.into_any(),
            Some(Offer::Options(options, kind, max_score)) => {
                let reading = Reading {
                    kind,
                    mode: Mode::Optimal,
                    audience: Audience::Mentee,
                    max_score,
                };
                view! {
                    <ul class="mw-cards">
                        {options
                            .into_iter()
                            .map(|(pair, refused)| {
                                let mentor = pair.mentor.clone();
                                let name = actions.workspace.name_of(&mentor);
                                let (ask_text, ask_named) = match kind {
                                    RelationshipKind::Coaching => (Text::AskCoach, Text::AskCoachNamed),
                                    _ => (Text::AskMentor, Text::AskMentorNamed),
                                };
                                let label = locale.format(ask_named, &[&name]);
                                let action = if refused.is_empty() {
                                    let button_id = format!("mw-ask-{mentor}");
                                    let confirm_id = format!("mw-ask-{mentor}-confirm");
                                    let question = locale.format(
                                        in_words_of(kind.programme_kind(), Text::ConfirmAskMentor),
                                        &[&name],
                                    );
                                    let asked = mentor.clone();
                                    let open = memo(move || {
                                        asking.with(|a| a.as_ref() == Some(&asked))
                                    });
                                    let open_step = {
                                        let (mentor, confirm_id) = (mentor.clone(), confirm_id.clone());
                                        move |_| {
                                            asking.set(Some(mentor.clone()));
                                            focus(&format!("#{confirm_id} button"));
                                        }
                                    };
                                    let step = move || {
                                        let (mentor, button_id) = (mentor.clone(), button_id.clone());
                                        open.get().then(|| {
                                            view! {
                                                <form
                                                    id=confirm_id.clone()
                                                    class="mw-form mw-confirm"
                                                    on:submit=move |ev: SubmitEvent| {
                                                        ev.prevent_default();
                                                        ask(mentor.clone(), kind);
                                                    }
                                                    novalidate
                                                >
                                                    <p>{question.clone()}</p>
                                                    <div class="mw-actions">
                                                        <button type="submit" aria-disabled=refused_while(move || busy.get())>
                                                            {locale.text(Text::YesAsk)}
                                                        </button>
                                                        <button
                                                            type="button"
                                                            class="mw-secondary mw-cancel"
                                                            on:click=move |_| {
                                                                asking.set(None);
                                                                focus(&format!("#{button_id}"));
                                                            }
                                                        >
                                                            {locale.text(Text::Cancel)}
                                                        </button>
                                                    </div>
                                                </form>
                                            }
                                        })
                                    };
                                    view! {
                                        <button
                                            type="button"
                                            id=format!("mw-ask-{asked_id}", asked_id = pair.mentor)
                                            aria-label=label
                                            aria-expanded=move || open.get().to_string()
                                            on:click=open_step
                                        >
                                            {locale.text(ask_text)}
                                        </button>
                                        {step}
                                    }
                                        .into_any()
                                } else {
                                    let why = (refused.iter())
                                        .map(|r| locale.refusal(r))
                                        .collect::<Vec<_>>()
                                        .join(" ");
                                    view! { <p class="mw-hint mw-cannot-ask">{why}</p> }.into_any()
                                };
                                view! {
                                    <PairCard actions pair title=name reading>
                                        {action}
                                    </PairCard>
                                }
                            })
                            .collect_any()}
                    </ul>
                }
                    .into_any()
            }
        }}
        <MatchingPreferencesForm actions />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentoring_core::matching::{HigherScoring, MatchingInput, Mentee, Mentor, Weights};
    use mentoring_core::person::Grade;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    /// Ana (managed by boss) is offered sam and tom; boss would score higher than either.
    fn suggested() -> Vec<PairExplanation> {
        let mentor = |name: &str, grade: u8| Mentor {
            languages: vec!["en".into()],
            grade: Grade(grade),
            capacity: 1,
            skills_offered: vec!["sales".into()],
            ..Mentor::new(id(name))
        };
        let mut input = MatchingInput::new(RelationshipKind::Mentoring);
        input.mentees = vec![Mentee {
            languages: vec!["en".into()],
            grade: Grade(2),
            skills_wanted: vec!["sales".into()],
            manager_chain: vec![id("boss")],
            ..Mentee::new(id("ana"))
        }];
        input.mentors = vec![mentor("boss", 3), mentor("sam", 5), mentor("tom", 6)];
        let problem = Problem::new(input).unwrap();
        suggest_for(&problem, 0).options
    }

    #[test]
    fn a_coachee_with_no_coach_to_suggest_is_told_so_of_coaches_in_either_language() {
        let no_places = UnmatchedReason::NoMentorWithPlaces;
        let ruled_out = UnmatchedReason::NoAllowedMentor {
            mentors_with_places: 2,
            excluded_by: vec![(HardRule::CoachCredential, 2)],
        };
        for locale in [Locale::EnGb, Locale::Ar] {
            for reason in [&no_places, &ruled_out] {
                let coaching = unmatched_text(reason, RelationshipKind::Coaching, locale);
                let said = locale.format(Text::NoSuggestions, &[&coaching]);
                assert!(
                    !["mentor", "مرشد"].iter().any(|w| said.contains(w)),
                    "{said}"
                );
                let mentoring = unmatched_text(reason, RelationshipKind::Mentoring, locale);
                assert_ne!(coaching, mentoring);
            }
        }
        assert_eq!(
            unmatched_text(&no_places, RelationshipKind::Coaching, Locale::EnGb),
            "No coach has a place left: add coaches or places."
        );
    }

    fn reading(audience: Audience) -> Reading {
        Reading {
            kind: RelationshipKind::Mentoring,
            mode: Mode::Optimal,
            audience,
            max_score: highest_score(RelationshipKind::Mentoring, &Weights::default()),
        }
    }

    fn lines(pair: &PairExplanation, audience: Audience, locale: Locale) -> String {
        explanation_lines(pair, reading(audience), locale, |id| {
            format!("Name of {id}")
        })
        .join("\n")
    }

    #[test]
    fn a_mentee_reads_no_mentor_the_rules_keep_from_them_in_either_language() {
        let options = suggested();
        let ids: Vec<&str> = options.iter().map(|p| p.mentor.as_str()).collect();
        assert_eq!(ids, ["sam", "tom"]);
        assert!(options[0]
            .higher
            .iter()
            .any(|h: &HigherScoring| h.mentor == id("boss")));
        for locale in [Locale::EnGb, Locale::Ar] {
            for pair in &options {
                let text = lines(pair, Audience::Mentee, locale);
                assert!(!text.contains("boss"), "{locale:?}: {text}");
                for key in [Text::NoneHigher, Text::WhyReportingLine] {
                    assert!(!text.contains(locale.text(key)), "{locale:?}: {text}");
                }
            }
            // An admin reads who would score higher and why not.
            let text = lines(&options[0], Audience::Others, locale).replace('\u{a0}', " ");
            assert!(text.contains("Name of boss"), "{locale:?}: {text}");
            assert!(text.contains(locale.text(Text::WhyReportingLine)));
        }
    }

    #[test]
    fn no_other_mentor_would_score_higher_is_said_of_the_best_alone() {
        let mut options = suggested();
        for pair in &mut options {
            pair.higher.clear();
            pair.higher_total = 0;
            pair.higher_by_rule.clear();
        }
        let none = Locale::EnGb.text(Text::NoneHigher);
        assert!(lines(&options[0], Audience::Others, Locale::EnGb).contains(none));
        // Tom is second: sam scores higher and is offered too.
        assert!(!lines(&options[1], Audience::Others, Locale::EnGb).contains(none));
        // A coaching run says it of coaches, and keeps opt-in preferences the coachee's.
        let coaching = Reading {
            kind: RelationshipKind::Coaching,
            ..reading(Audience::Others)
        };
        let mut best = options[0].clone();
        best.contributions.push(Contribution {
            criterion: Criterion::Preferences,
            fit_percent: 100,
            weight: 3,
            points: 300,
            evidence: Evidence::Preferences { met: 1, stated: 1 },
        });
        for locale in [Locale::EnGb, Locale::Ar] {
            let text = explanation_lines(&best, coaching, locale, |id| id.to_string()).join("\n");
            for said in [Text::NoneHigherCoach, Text::FactPrivateCoachee] {
                assert!(text.contains(locale.text(said)), "{locale:?}: {text}");
            }
            for gone in [Text::NoneHigher, Text::FactPrivate] {
                assert!(!text.contains(locale.text(gone)), "{locale:?}: {text}");
            }
        }
    }

    fn fact(evidence: Evidence, locale: Locale) -> String {
        let c = Contribution {
            criterion: Criterion::TimeZone,
            fit_percent: 100,
            weight: 2,
            points: 200,
            evidence,
        };
        contribution_text(&c, Audience::Mentee, ProgrammeKind::Mentoring, locale).unwrap()
    }

    #[test]
    fn a_mentee_is_told_where_goals_and_preferences_come_from_and_unused_criteria_are_left_out() {
        let line = |criterion, evidence, audience| {
            let c = Contribution {
                criterion,
                fit_percent: 0,
                weight: 2,
                points: 0,
                evidence,
            };
            contribution_text(&c, audience, ProgrammeKind::Mentoring, Locale::EnGb)
        };
        let none = || Evidence::SharedTerms {
            shared: vec![],
            asked: 0,
        };
        let goals = line(Criterion::Goals, none(), Audience::Mentee).unwrap();
        assert!(goals.contains("goals you set in My goals"), "{goals}");
        // An admin is not told to set the mentee's goals; skills come from the directory.
        let said = Locale::EnGb.text(Text::FactNoneGiven);
        assert!(line(Criterion::Goals, none(), Audience::Others)
            .unwrap()
            .contains(said));
        assert!(line(Criterion::Skills, none(), Audience::Mentee)
            .unwrap()
            .contains(said));
        let stated = Evidence::Preferences { met: 0, stated: 0 };
        let prefs = line(Criterion::Preferences, stated, Audience::Mentee).unwrap();
        assert!(prefs.contains("see Matching preferences below"), "{prefs}");
        assert_eq!(
            line(Criterion::Department, Evidence::NotUsed, Audience::Mentee),
            None
        );
        // The seniority line says the rule its points follow.
        let senior = Evidence::GradesApart {
            grades: 4,
            reverse: false,
        };
        for locale in [Locale::EnGb, Locale::Ar] {
            let c = Contribution {
                criterion: Criterion::Seniority,
                fit_percent: 0,
                weight: 2,
                points: 0,
                evidence: senior.clone(),
            };
            let text = contribution_text(&c, Audience::Mentee, ProgrammeKind::Mentoring, locale);
            let rule = if locale == Locale::EnGb {
                "half at 3"
            } else {
                "ونصفها عند ثلاث"
            };
            assert!(text.as_ref().is_some_and(|t| t.contains(rule)), "{text:?}");
        }
    }

    #[test]
    fn shared_terms_keep_their_space_and_brackets_outside_the_isolated_value() {
        let covers = |shared: Vec<&str>| Evidence::SharedTerms {
            shared: shared.into_iter().map(String::from).collect(),
            asked: 2,
        };
        assert!(
            fact(covers(vec!["leadership"]), Locale::EnGb).contains("1 of 2 covered (leadership)")
        );
        let arabic = fact(covers(vec!["leadership"]), Locale::Ar);
        assert!(
            arabic.contains("مغطّاة (\u{2068}leadership\u{2069})"),
            "{arabic:?}"
        );
        assert!(fact(covers(vec![]), Locale::EnGb).ends_with(": 0 of 2 covered (+200 of 200)"));
    }

    #[test]
    fn each_line_says_the_most_its_criterion_could_add_and_department_says_why_in_either_language()
    {
        let line = |criterion, weight: u32, points: i64, evidence, locale| {
            let c = Contribution {
                criterion,
                fit_percent: (points / i64::from(weight.max(1))) as u8,
                weight,
                points,
                evidence,
            };
            contribution_text(&c, Audience::Mentee, ProgrammeKind::Mentoring, locale).unwrap()
        };
        let no_goals = || Evidence::SharedTerms {
            shared: Vec::new(),
            asked: 0,
        };
        let goals = line(Criterion::Goals, 4, 0, no_goals(), Locale::EnGb);
        assert!(
            goals.ends_with("My goals count here (+0 of 400)"),
            "{goals}"
        );
        let goals = line(Criterion::Goals, 4, 0, no_goals(), Locale::Ar);
        assert!(goals.contains(" من \u{2068}400\u{2069})"), "{goals}");
        // A criterion the programme does not weigh says so rather than "+0 of 0".
        let unweighted = line(Criterion::Goals, 0, 0, no_goals(), Locale::EnGb);
        assert!(
            unweighted.ends_with("(not weighed in this programme)"),
            "{unweighted}"
        );
        let sales = || Evidence::Department(Comparison::Same("Sales".into()));
        let same = line(Criterion::Department, 2, 0, sales(), Locale::EnGb);
        assert!(same.contains("another department scores higher"), "{same}");
        assert!(same.ends_with("(+0 of 200)"), "{same}");
        let other = Evidence::Department(Comparison::Different);
        let other = line(Criterion::Department, 2, 200, other, Locale::EnGb);
        assert!(other.contains("widens a mentee's view"), "{other}");
        // Location's "both in" stays a plain fact: being together is what scores there.
        let place = Evidence::Location(Comparison::Same("Dubai".into()));
        let place = line(Criterion::Location, 1, 100, place, Locale::EnGb);
        assert!(place.ends_with("both in Dubai (+100 of 100)"), "{place}");
        let same_ar = line(Criterion::Department, 2, 0, sales(), Locale::Ar);
        assert!(same_ar.contains("قسم آخر"), "{same_ar}");
        // 20 and 40 hours score alike: the line says where full points start.
        let hours = line(
            Criterion::Availability,
            3,
            300,
            Evidence::CommonHours(40),
            Locale::EnGb,
        );
        assert!(
            hours.contains(
                "40 hours free in common a week; 4 hours or more count in full (+300 of 300)"
            ),
            "{hours}"
        );
    }

    #[test]
    fn counts_in_reasons_take_their_plural_form_and_no_zone_difference_is_the_same_zone() {
        let en = |e| fact(e, Locale::EnGb);
        assert_eq!(
            en(Evidence::MinutesApart(0)),
            "Time zone: same time zone (+200 of 200)"
        );
        assert_eq!(
            en(Evidence::MinutesApart(60)),
            "Time zone: 1 hour apart (+200 of 200)"
        );
        assert_eq!(
            en(Evidence::MinutesApart(90)),
            "Time zone: 90 minutes apart (+200 of 200)"
        );
        assert!(en(Evidence::CommonHours(1)).contains(": 1 hour free in common a week"));
        let grades = |g| Evidence::GradesApart {
            grades: g,
            reverse: false,
        };
        assert!(en(grades(1)).contains("the mentor is 1 grade more senior"));
        assert!(en(grades(2)).contains("the mentor is 2 grades more senior"));
        let ar = |e| fact(e, Locale::Ar);
        assert!(ar(Evidence::MinutesApart(120)).contains("ساعتان"));
        assert!(ar(Evidence::CommonHours(11)).contains("11 ساعةً"));
        assert!(ar(grades(1)).contains("درجة واحدة"));
        let full = |n, locale| {
            unmatched_text(
                &UnmatchedReason::AllowedMentorsFull { allowed: n },
                RelationshipKind::Mentoring,
                locale,
            )
        };
        assert!(full(1, Locale::EnGb).contains("(1 mentor)"));
        assert!(full(3, Locale::EnGb).contains("(3 mentors)"));
        assert!(full(2, Locale::Ar).contains("مرشدان"));
        // A coaching programme counts coaches, not mentors.
        let coaches = |n, locale| {
            unmatched_text(
                &UnmatchedReason::AllowedMentorsFull { allowed: n },
                RelationshipKind::Coaching,
                locale,
            )
        };
        assert!(coaches(3, Locale::EnGb).contains("(3 coaches)"));
        assert!(coaches(2, Locale::Ar).contains("مدرّبان"));
        let excluded = UnmatchedReason::NoAllowedMentor {
            mentors_with_places: 3,
            excluded_by: vec![(HardRule::ReportingLine, 1), (HardRule::Seniority, 2)],
        };
        let arabic = unmatched_text(&excluded, RelationshipKind::Mentoring, Locale::Ar);
        assert!(
            arabic.contains("؛ ") && !arabic.contains(';'),
            "reasons joined with the Arabic semicolon: {arabic}"
        );
        let english = unmatched_text(&excluded, RelationshipKind::Mentoring, Locale::EnGb);
        assert!(english.contains("; "), "{english}");
        let why = why_not_text(
            &WhyNot::Excluded(
                mentoring_core::matching::Exclusions::NONE
                    .with(HardRule::ReportingLine)
                    .with(HardRule::Seniority),
            ),
            RelationshipKind::Mentoring,
            Mode::Optimal,
            Locale::Ar,
        );
        assert!(why.contains("؛ ") && !why.contains(';'), "{why}");
        let options = suggested();
        let rank = lines(&options[0], Audience::Mentee, Locale::EnGb);
        assert!(
            rank.contains("Rank 1 of the 2 mentors the rules allow"),
            "{rank}"
        );
    }
}
