//! "My relationships": the coaching and mentoring relationships the person is one of the pair
//! in, and one relationship's page (what it is for, its goals, sessions, feedback and
//! learning log).

use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::feedback::{feedback_in, FeedbackSide};
use mentoring_core::relationship::{relationships_of, Side};
use mentoring_core::reminders::{ending, Ending};
use mentoring_core::{Feedback, Lifecycle, Millis, Relationship, RelationshipKind, Session};

use super::agreement::{Agreement, LifecycleControls};
use super::feedback::FeedbackList;
use super::goal_editor::{status_text, ProgressBar};
use super::i18n::{Locale, Text};
use super::keyed_list;
use super::learning::LearningEntries;
use super::memo;
use super::screens::{missing_record, Nav, Screen};
use super::session_log::{zone, AgendaList, DeletedSessionNotes, SessionSummary};
use super::shown_while;
use super::state::Actions;
use super::undo_line;
use super::CollectAny;
use super::{focus_when_drawn, use_locale};
use mentoring_core::RecordId;

pub(super) fn kind_text(kind: RelationshipKind) -> Text {
    match kind {
        RelationshipKind::Coaching => Text::KindCoaching,
        RelationshipKind::Mentoring => Text::KindMentoring,
        RelationshipKind::ReverseMentoring => Text::KindReverseMentoring,
    }
}

/// "You are the coach", "You are the mentee"…
pub(super) fn role_text(kind: RelationshipKind, side: Side) -> Text {
    match (kind, side) {
        (RelationshipKind::Coaching, Side::Mentor) => Text::RoleCoach,
        (RelationshipKind::Coaching, Side::Mentee) => Text::RoleCoachee,
        (RelationshipKind::Mentoring, Side::Mentor) => Text::RoleMentor,
        (RelationshipKind::Mentoring, Side::Mentee) => Text::RoleMentee,
        (RelationshipKind::ReverseMentoring, Side::Mentor) => Text::RoleReverseMentor,
        (RelationshipKind::ReverseMentoring, Side::Mentee) => Text::RoleReverseMentee,
    }
}

pub(super) fn lifecycle_text(lifecycle: &Lifecycle, locale: Locale) -> String {
    match lifecycle {
        Lifecycle::Proposed => locale.text(Text::LifecycleProposed).to_owned(),
        Lifecycle::Active => locale.text(Text::LifecycleActive).to_owned(),
        Lifecycle::Paused => locale.text(Text::LifecyclePaused).to_owned(),
        Lifecycle::Completed => locale.text(Text::LifecycleCompleted).to_owned(),
        Lifecycle::EndedEarly { reason } => {
            locale.format(Text::LifecycleEndedEarly, &[reason_in_sentence(reason)])
        }
    }
}

/// A reason someone typed, to stand inside a sentence that ends with its own full stop
/// ("Status: Declined: fully booked."), so it never ends in two.
pub(super) fn reason_in_sentence(reason: &str) -> &str {
    reason.trim_end().trim_end_matches('.')
}

/// How a relationship stands, in words: its lifecycle or, for a proposal that ended before it
/// started, what happened to it (`reminders::ending`: declined, withdrawn, cancelled), not
/// "ended early".
pub(super) fn standing_text(r: &Relationship, actions: Actions, locale: Locale) -> String {
    let reason = match &r.lifecycle {
        Lifecycle::EndedEarly { reason } => reason.as_str(),
        _ => "",
    };
    let ended = (actions.workspace.pairing_log).with(|log| ending(r, log));
    let unstarted = match ended.map(|(ending, _)| ending) {
        Some(Ending::Declined) => Text::LifecycleDeclined,
        Some(Ending::Withdrawn) => Text::LifecycleWithdrawn,
        Some(Ending::Cancelled) => Text::LifecycleCancelled,
        _ => return lifecycle_text(&r.lifecycle, locale),
    };
    locale.format(unstarted, &[reason_in_sentence(reason)])
}

/// Whether `r` is over without having started: a proposal declined, withdrawn, or declined by
/// its admins (`reminders::ending`). Nothing was agreed or held in it to read back.
pub(super) fn ended_unstarted(r: &Relationship, actions: Actions) -> bool {
    matches!(
        (actions.workspace.pairing_log).with(|log| ending(r, log)),
        Some((Ending::Declined | Ending::Withdrawn | Ending::Cancelled, _))
    )
}

/// Its dates: the planned ones while it is not over; once over, the day it ended, where this
/// device knows it (planned dates would say it runs, or ran, for a pair that is over).
fn dates_text(r: &Relationship, actions: Actions, locale: Locale) -> String {
    match (actions.workspace.pairing_log).with(|log| ending(r, log)) {
        Some((_, Some(at))) => {
            let day = zone::day(at, &zone::of_me(actions));
            locale.format(Text::EndedOn, &[&locale.date(day)])
        }
        _ => locale.format(
            Text::DatesFromTo,
            &[&locale.date(r.starts), &locale.date(r.planned_end)],
        ),
    }
}

/// "Coaching with Sofia Reyes".
pub(super) fn title_of(actions: Actions, relationship: &Relationship, locale: Locale) -> String {
    let partner = actions
        .me()
        .or_else(|| {
            actions
                .workspace
                .me
                .with(|m| m.as_ref().map(|p| p.id.clone()))
        })
        .and_then(|me| relationship.partner_of(&me).cloned())
        .map(|p| actions.workspace.name_of(&p))
        .unwrap_or_default();
    locale.format(
        Text::RelationshipWith,
        &[locale.text(kind_text(relationship.kind)), &partner],
    )
}

/// The signed-in person's id, tracked.
pub(super) fn my_id(actions: Actions) -> Option<RecordId> {
    actions
        .workspace
        .me
        .with(|m| m.as_ref().map(|p| p.id.clone()))
}

#[component]
pub fn RelationshipList(actions: Actions, nav: Nav) -> impl IntoView {
    let locale = use_locale();
    let mine = memo(move || {
        let me = my_id(actions)?;
        Some(actions.workspace.relationships.with(|all| {
            relationships_of(all, &me)
                .into_iter()
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        }))
    });
    let ids = move || mine.get().unwrap_or_default();
    let is_empty = move || mine.with(|m| m.as_ref().is_none_or(Vec::is_empty));
    view! {
        <h3 class="mw-screen-title" tabindex="-1">{locale.text(Text::RelationshipsListHeading)}</h3>
        {shown_while(is_empty, move || view! {
            <p class="mw-empty">
                {move || locale.text(super::goals::empty_text(actions, Text::NoRelationshipsYet))}
            </p>
        }.into_any())}
        <ul class="mw-cards">
            {keyed_list(
                ids,
                |id| id.clone(),
                move |id| view! {
                <RelationshipCard id actions nav />
                }.into_any(),
            )}
        </ul>
        <EarlierPairings actions nav />
    }
}

/// An earlier pairing as a screen shows it: the relationship, the partner the person had in
/// it, and the sessions they had together (`session::earlier_pairings`), most recent first.
/// Its kind and programme only when something on the device says them.
#[derive(Clone, Debug, PartialEq)]
struct Pairing {
    relationship: RecordId,
    kind: Option<RelationshipKind>,
    programme: Option<RecordId>,
    partner: RecordId,
    sessions: Vec<RecordId>,
    /// When the first and the latest of them were.
    first: Millis,
    latest: Millis,
    /// The feedback the person gave in it, newest first: read back, as the sessions are.
    feedback: Vec<Feedback>,
    /// The feedback their partner gave them in it that they may read, newest first.
    received: Vec<Feedback>,
}

/// The signed-in person's earlier pairings, tracked: of `relationship` alone when given.
/// Whether the device holds the relationship or only the sessions the host sent (a new
/// device), the core decides alike; the sessions of a relationship this device holds a record
/// of it cannot read (deleted, or not valid) are left out (`Actions::unreadable_relationships`).
fn earlier_pairings(actions: Actions, relationship: Option<&RecordId>) -> Vec<Pairing> {
    let Some(me) = my_id(actions) else {
        return Vec::new();
    };
    let nudges = actions.workspace.nudges();
    actions.workspace.relationships.with(|relationships| {
        actions.workspace.sessions.with(|sessions| {
            actions.workspace.feedback.with(|feedback| {
                let of_feedback = feedback.iter().map(|f| &f.relationship);
                let unreadable = actions.unreadable_relationships(
                    relationships,
                    sessions.iter().map(|s| &s.relationship).chain(of_feedback),
                );
                mentoring_core::session::earlier_pairings(
                    relationships,
                    &unreadable,
                    sessions,
                    feedback,
                    &nudges,
                    &me,
                )
                .into_iter()
                .filter(|p| relationship.is_none_or(|id| p.relationship == id))
                .map(|p| Pairing {
                    relationship: p.relationship.clone(),
                    kind: p.kind,
                    programme: p.programme.cloned(),
                    partner: p.partner.clone(),
                    first: p.sessions.last().map_or(Millis(0), |s| s.at),
                    latest: p.sessions.first().map_or(Millis(0), |s| s.at),
                    sessions: p.sessions.iter().map(|s| s.id.clone()).collect(),
                    feedback: p.feedback.into_iter().cloned().collect(),
                    received: p.received.into_iter().cloned().collect(),
                })
                .collect()
            })
        })
    })
}

/// "Mentoring with Amira Haddad, in Leadership 2026": an earlier pairing's title, with the
/// partner the person had (never who took their place) and its programme. A device holding
/// only the sessions may know neither kind nor programme: "Sessions with Amira Haddad".
fn pairing_title(actions: Actions, pairing: &Pairing, locale: Locale) -> String {
    let partner = actions.workspace.name_of(&pairing.partner);
    let title = match pairing.kind {
        Some(kind) => locale.format(
            Text::RelationshipWith,
            &[locale.text(kind_text(kind)), &partner],
        ),
        None if pairing.sessions.is_empty() => locale.format(Text::EarlierPairingOf, &[&partner]),
        None => locale.format(Text::EarlierPairingWith, &[&partner]),
    };
    let Some(programme) = &pairing.programme else {
        return title;
    };
    let programme = (actions.workspace.programmes().into_iter())
        .find(|p| &p.id == programme)
        .map_or_else(|| programme.to_string(), |p| p.name);
    locale.format(Text::RelationshipInProgramme, &[&title, &programme])
}

/// "2 sessions, from 5 January 2026 to 20 April 2026": how many sessions, and when, in the
/// reader's own time zone.
fn pairing_span(actions: Actions, pairing: &Pairing, locale: Locale) -> String {
    // Feedback given or received in it, and no session of theirs.
    if pairing.sessions.is_empty() {
        let text = match (pairing.feedback.is_empty(), pairing.received.is_empty()) {
            (false, true) => Text::FeedbackGiven,
            (true, false) => Text::FeedbackReceived,
            _ => Text::FeedbackGivenAndReceived,
        };
        return locale.text(text).to_owned();
    }
    let my_zone = zone::of_me(actions);
    let count = locale.count(Text::CountSessions, pairing.sessions.len());
    let (first, latest) = (
        zone::day(pairing.first, &my_zone),
        zone::day(pairing.latest, &my_zone),
    );
    if first == latest {
        return locale.format(Text::EarlierPairingOn, &[&count, &locale.date(first)]);
    }
    locale.format(
        Text::EarlierPairingSpan,
        &[&count, &locale.date(first), &locale.date(latest)],
    )
}

/// "Earlier pairings" on My relationships: each pairing the person was taken off, with the
/// sessions they had in it to read back. Nothing when there is none.
#[component]
fn EarlierPairings(actions: Actions, nav: Nav) -> impl IntoView {
    let locale = use_locale();
    let pairings = memo(move || earlier_pairings(actions, None));
    move || {
        let list = pairings.get();
        (!list.is_empty()).then(|| {
            let cards = list
                .into_iter()
                .map(|pairing| {
                    let title = pairing_title(actions, &pairing, locale);
                    let count = pairing_span(actions, &pairing, locale);
                    let open = if pairing.sessions.is_empty() {
                        Text::OpenEarlierPairingOf
                    } else {
                        Text::OpenEarlierPairing
                    };
                    let label =
                        locale.format(open, &[&actions.workspace.name_of(&pairing.partner)]);
                    let to = pairing.relationship.clone();
                    view! {
                        <li class="mw-card mw-earlier-pairing">
                            <h5 class="mw-card-title">{title}</h5>
                            <p class="mw-card-line mw-muted">{count}</p>
                            <button
                                type="button"
                                class="mw-secondary"
                                aria-label=label
                                on:click=move |_| nav.go(Screen::EarlierPairing(to.clone()))
                            >
                                {locale.text(Text::Open)}
                            </button>
                        </li>
                    }
                })
                .collect_any();
            view! {
                <section class="mw-section" aria-labelledby="mw-earlier-heading">
                    <h4 id="mw-earlier-heading">{locale.text(Text::EarlierPairings)}</h4>
                    <p class="mw-hint">{locale.text(Text::EarlierPairingsHint)}</p>
                    <ul class="mw-cards">{cards}</ul>
                </section>
            }
        })
    }
}

/// An earlier pairing's page: the sessions the person had in a relationship they were taken
/// off, read-only, each with their private note, and their notes on those deleted since.
/// Nothing of the relationship as it is now: not who took their place, nor its agreement.
#[component]
pub fn EarlierPairingPage(
    actions: Actions,
    nav: Nav,
    id: RecordId,
    /// Shown in place of the relationship's page when they were taken off it: with no session
    /// of theirs kept, that is what is said, not that the pairing is missing here.
    #[prop(optional)]
    taken_off_here: bool,
) -> impl IntoView {
    let locale = use_locale();
    let of = id.clone();
    let held = id.clone();
    let pairings = memo(move || earlier_pairings(actions, Some(&of)));
    // Read-only: nothing to undo, but the summary's list offers one.
    let deleted = RwSignal::new(None::<(Session, String)>);
    let body = move || {
        let list = pairings.get();
        if list.is_empty() && taken_off_here {
            // No earlier pairing to list: the heading says what happened, not "Earlier pairings".
            return view! {
                <h3 class="mw-screen-title" tabindex="-1">{locale.text(Text::TakenOffHeading)}</h3>
                <p class="mw-note mw-over-note">{locale.text(Text::TakenOffNoSessions)}</p>
            }
            .into_any();
        }
        if list.is_empty() {
            return missing_record(Text::EarlierPairings, Text::EarlierPairingMissing);
        }
        // Still of the pair, with a new partner: not taken off.
        let stayed = (my_id(actions).zip(actions.workspace.relationship(&held)))
            .is_some_and(|(me, r)| r.is_party(&me));
        // Feedback given or received, and no session of theirs kept: that is what is said.
        let note = if stayed {
            Text::EarlierPartnerNote
        } else if list.iter().all(|p| p.sessions.is_empty()) {
            Text::TakenOffNoSessions
        } else {
            Text::EarlierPairingNote
        };
        let sections = list
            .into_iter()
            .map(|pairing| {
                let title = pairing_title(actions, &pairing, locale);
                let span = pairing_span(actions, &pairing, locale);
                let given = (!pairing.feedback.is_empty()).then(|| {
                    let relationship = pairing.relationship.clone();
                    let read_back = pairing.feedback.clone();
                    view! {
                        <h5>{locale.text(Text::FeedbackGiven)}</h5>
                        <FeedbackList actions relationship side=FeedbackSide::Given over=true read_back />
                    }
                });
                let received = (!pairing.received.is_empty()).then(|| {
                    let relationship = pairing.relationship.clone();
                    let read_back = pairing.received.clone();
                    view! {
                        <h5>{locale.text(Text::FeedbackReceived)}</h5>
                        <FeedbackList actions relationship side=FeedbackSide::Received over=true read_back />
                    }
                });
                view! {
                    <section class="mw-section">
                        <h4>{title}</h4>
                        <p class="mw-muted">{span}</p>
                        <ul class="mw-cards">
                            {keyed_list(
                                move || pairing.sessions.clone(),
                                |id| id.clone(),
                                move |id| view! {
                                <SessionSummary actions nav id deleted read_only=true />
                                }.into_any(),
                            )}
                        </ul>
                        {given}
                        {received}
                    </section>
                }
            })
            .collect_any();
        view! {
            <h3 class="mw-screen-title" tabindex="-1">{locale.text(Text::EarlierPairings)}</h3>
            <p class="mw-note mw-over-note">{locale.text(note)}</p>
            {sections}
        }
        .into_any()
    };
    view! {
        {body}
        <DeletedSessionNotes actions nav relationship=id />
    }
}

#[component]
fn RelationshipCard(id: RecordId, actions: Actions, nav: Nav) -> impl IntoView {
    let locale = use_locale();
    let card_id = id.clone();
    let relationship = memo(move || actions.workspace.relationship(&card_id));
    let next = memo(move || {
        let (Some(r), Some(me)) = (relationship.get(), my_id(actions)) else {
            return None;
        };
        let now = actions.now();
        actions
            .workspace
            .sessions
            .with(|all| mentoring_core::session::next_session(all, &r, &me, now).map(|s| s.at))
    });
    let my_zone = memo(move || zone::of_me(actions));
    // Two of mine with the same partner and kind would read alike: the programme tells them
    // apart.
    let repeated = memo(move || {
        let (Some(r), Some(me)) = (relationship.get(), my_id(actions)) else {
            return false;
        };
        actions.workspace.relationships.with(|all| {
            relationships_of(all, &me).into_iter().any(|other| {
                other.id != r.id
                    && other.kind == r.kind
                    && other.partner_of(&me) == r.partner_of(&me)
            })
        })
    });
    move || {
        let r = relationship.get()?;
        let me = my_id(actions)?;
        let title = title_of(actions, &r, locale);
        let programme = repeated.get().then(|| {
            let programmes = actions.workspace.programmes();
            let named = programmes.into_iter().find(|p| p.id == r.programme);
            named.map_or_else(|| r.programme.to_string(), |p| p.name)
        });
        let title = match programme {
            Some(programme) => locale.format(Text::RelationshipInProgramme, &[&title, &programme]),
            None => title,
        };
        let role = r
            .side_of(&me)
            .map(|side| locale.text(role_text(r.kind, side)))
            .unwrap_or_default();
        let dates = dates_text(&r, actions, locale);
        let state = standing_text(&r, actions, locale);
        let next_text = move || match next.get() {
            Some(at) => locale.format(
                Text::NextSessionAt,
                &[&locale.date_time(at, &my_zone.get())],
            ),
            None => locale.text(Text::NoSessionPlanned).to_owned(),
        };
        let open = locale.format(Text::OpenRelationship, &[&title]);
        let to = r.id.clone();
        Some(view! {
            <li class="mw-card">
                <h4 class="mw-card-title">{title}</h4>
                <p class="mw-card-line">{role}</p>
                <p class="mw-card-line mw-muted">{dates}</p>
                <p class="mw-card-line">
                    <span class="mw-badge">{state}</span>
                </p>
                <p class="mw-card-line">{next_text}</p>
                <button
                    type="button"
                    aria-label=open
                    on:click=move |_| nav.go(Screen::Relationship(to.clone()))
                >
                    {locale.text(Text::Open)}
                </button>
            </li>
        })
    }
}

#[component]
pub fn RelationshipPage(actions: Actions, nav: Nav, id: RecordId) -> impl IntoView {
    let locale = use_locale();
    let page_id = id.clone();
    let relationship = memo(move || actions.workspace.relationship(&page_id));
    let programme_name = memo(move || {
        let r = relationship.get()?;
        actions
            .workspace
            .programmes()
            .into_iter()
            .find(|p| p.id == r.programme)
            .map(|p| p.name)
    });
    let facts = move || {
        let Some(r) = relationship.get() else {
            return missing_record(Text::MyRelationships, Text::RelationshipMissing);
        };
        let Some(me) = my_id(actions) else {
            return ().into_any();
        };
        let title = title_of(actions, &r, locale);
        let role = r
            .side_of(&me)
            .map(|side| locale.text(role_text(r.kind, side)))
            .unwrap_or_default();
        let dates = dates_text(&r, actions, locale);
        let state = standing_text(&r, actions, locale);
        let target_role = r.target_role.clone().filter(|t| !t.trim().is_empty());
        view! {
            <h3 class="mw-screen-title" tabindex="-1">{title}</h3>
            <dl class="mw-facts">
                <dt>{locale.text(Text::YourRole)}</dt>
                <dd>{role}</dd>
                <dt>{locale.text(Text::Programme)}</dt>
                <dd>{move || programme_name.get().unwrap_or_default()}</dd>
                <dt>{locale.text(Text::Dates)}</dt>
                <dd>{dates}</dd>
                <dt>{locale.text(Text::Status)}</dt>
                <dd>{state}</dd>
                {target_role
                    .map(|role| {
                        view! {
                            <dt>{locale.text(Text::TargetRole)}</dt>
                            <dd>{role}</dd>
                        }
                    })}
            </dl>
        }
        .into_any()
    };
    // A memo: the pairing log is set again after every sync that took ops in, and the page's
    // forms must not be drawn again for it.
    let never_started = memo(move || {
        relationship.with(|r| r.as_ref().is_some_and(|r| ended_unstarted(r, actions)))
    });
    let rest = move || {
        let r = relationship.get()?;
        let me = my_id(actions)?;
        // Once it is over, nothing new goes into it (`relationship::check_still_open`): its
        // page is for reading back, and the learning log for reflecting on it.
        let open = mentoring_core::relationship::check_still_open(&r).is_ok();
        // Sessions and feedback wait until its admins start it (`check_under_way`).
        let under_way = mentoring_core::relationship::check_under_way(&r).is_ok();
        let may_give = mentoring_core::feedback::may_give_feedback(&r, &me).is_ok();
        // In coaching feedback goes one way (`feedback::check_feedback`): a section that can
        // never fill is left out, and a sentence says who gives it. Feedback received before
        // that rule still shows.
        let partner_gives = (r.partner_of(&me))
            .is_some_and(|p| mentoring_core::feedback::may_give_feedback(&r, p).is_ok());
        let received_any = actions
            .workspace
            .feedback
            .with_untracked(|all| !feedback_in(all, &r, &me, FeedbackSide::Received).is_empty());
        let one_way = match (may_give, partner_gives) {
            (false, true) => Some(Text::FeedbackFromCoachOnly),
            (true, false) => Some(Text::FeedbackToCoacheeOnly),
            _ => None,
        };
        let unstarted = never_started.get();
        let over_note = if unstarted {
            Text::UnstartedOverNote
        } else {
            Text::RelationshipOverNote
        };
        let (log_to, feedback_to, learning_to, goal_to) =
            (r.id.clone(), r.id.clone(), r.id.clone(), r.id.clone());
        let rel = r.id.clone();
        Some(view! {
            {(!open)
                .then(|| {
                    view! { <p class="mw-note mw-over-note">{locale.text(over_note)}</p> }
                })}
            <div class="mw-actions">
                {under_way
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                on:click=move |_| nav.go(Screen::SessionLog(log_to.clone()))
                            >
                                {locale.text(Text::LogSession)}
                            </button>
                        }
                    })}
                {(under_way && may_give)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                on:click=move |_| nav.go(Screen::Feedback(feedback_to.clone()))
                            >
                                {locale.text(Text::GiveFeedback)}
                            </button>
                        }
                    })}
                <button
                    type="button"
                    class="mw-secondary"
                    on:click=move |_| nav.go(Screen::Learning(learning_to.clone()))
                >
                    {locale.text(Text::WriteInLearningLog)}
                </button>
                {open
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="mw-secondary"
                                on:click=move |_| {
                                    nav.go(Screen::Goal {
                                        goal: None,
                                        relationship: Some(goal_to.clone()),
                                    })
                                }
                            >
                                {locale.text(Text::NewGoalHere)}
                            </button>
                        }
                    })}
            </div>
            <PairGoals actions nav relationship=rel.clone() over=!open />
            // A pairing over (completed, ended, never started) has no next session to set an
            // agenda for.
            {(open && !unstarted)
                .then(|| {
                    view! {
                        <section class="mw-section" aria-labelledby="mw-agenda-heading">
                            <h4 id="mw-agenda-heading">{locale.text(Text::NextAgenda)}</h4>
                            <AgendaList actions relationship=rel.clone() />
                        </section>
                    }
                })}
            <Sessions actions nav relationship=rel.clone() over=!open />
            <DeletedSessionNotes actions nav relationship=rel.clone() />
            {one_way
                .map(|text| view! { <p class="mw-note mw-feedback-one-way">{locale.text(text)}</p> })}
            {(partner_gives || received_any)
                .then(|| {
                    view! {
                        <section class="mw-section" aria-labelledby="mw-received-heading">
                            <h4 id="mw-received-heading" tabindex="-1">{locale.text(Text::FeedbackReceived)}</h4>
                            <FeedbackList actions relationship=rel.clone() side=FeedbackSide::Received over=!open />
                        </section>
                    }
                })}
            {may_give
                .then(|| {
                    view! {
                        <section class="mw-section" aria-labelledby="mw-given-heading">
                            <h4 id="mw-given-heading">{locale.text(Text::FeedbackGiven)}</h4>
                            <FeedbackList actions relationship=rel.clone() side=FeedbackSide::Given over=!open />
                        </section>
                    }
                })}
            <section class="mw-section" aria-labelledby="mw-learning-heading">
                <h4 id="mw-learning-heading" tabindex="-1">{locale.text(Text::LearningLog)}</h4>
                <LearningEntries actions relationship=rel />
            </section>
        })
    };
    // Drawn once while the relationship is known, so a form being written, an undo on offer
    // and keyboard focus stay through the changes they make.
    let known = memo(move || relationship.with(Option::is_some));
    let ours_id = id.clone();
    let ours = move || {
        known.get().then(|| {
            view! {
                <JumpList nav />
                <Agreement actions nav relationship=ours_id.clone() />
                <LifecycleControls actions nav relationship=ours_id.clone() />
            }
        })
    };
    // Taken off the pair while on its page: what is left of it for them is the earlier
    // pairing, read-only; the relationship as it is now is another pair's.
    let taken_off = memo(move || {
        let me = my_id(actions)?;
        relationship.with(|r| r.as_ref().map(|r| !r.is_party(&me)))
    });
    let page = NodeRef::<leptos::html::Div>::new();
    let said = RwSignal::new(String::new());
    // Whether the page last showed the relationship as theirs: only then is the change said.
    let was_theirs = StoredValue::new(false);
    let swapped = move || {
        if taken_off.get() == Some(true) {
            // The page changes under them: it is said, focus goes to its new heading, and
            // whatever they were writing in the agreement or an ending's reason, which can no
            // longer be saved, stays on screen for them to copy.
            let mut written = Vec::new();
            if was_theirs.get_value() {
                written = written_here(page);
                nav.set_unsaved("agreement", false);
                said.set(locale.text(Text::TakenOffHere).to_owned());
                focus_when_drawn(page, ".mw-screen-title");
            }
            was_theirs.set_value(false);
            return view! {
                <EarlierPairingPage actions nav id=id.clone() taken_off_here=true />
                {(!written.is_empty()).then(|| view! { <WrittenToCopy written /> })}
            }
            .into_any();
        }
        was_theirs.set_value(taken_off.get_untracked() == Some(false));
        view! {
            {facts}
            {ours.clone()}
            {rest}
        }
        .into_any()
    };
    view! {
        <div class="mw-screen-part" node_ref=page>
            {swapped}
            <p class="mw-hint mw-taken-off-said" role="status">{move || said.get()}</p>
        </div>
    }
}

/// What the person was writing on the relationship page's open forms (the agreement, an
/// ending's reason), with the label of each: read before the page changes under them.
fn written_here(page: NodeRef<leptos::html::Div>) -> Vec<(Text, String)> {
    use wasm_bindgen::JsCast;
    let Some(page) = page.get_untracked() else {
        return Vec::new();
    };
    let page: &web_sys::Element = page.unchecked_ref();
    [
        ("#mw-agreement-purpose", Text::Purpose),
        ("#mw-agreement-rules", Text::GroundRules),
        ("#mw-end-reason", Text::TakenOffReasonWritten),
    ]
    .into_iter()
    .filter_map(|(selector, label)| {
        let field = page.query_selector(selector).ok().flatten()?;
        let value = js_sys::Reflect::get(&field, &"value".into())
            .ok()?
            .as_string()?;
        (!value.trim().is_empty()).then_some((label, value))
    })
    .collect()
}

/// Words written on a form that went away with the pairing, read-only, for the person to
/// copy elsewhere: nothing they typed is lost without their seeing it.
#[component]
fn WrittenToCopy(written: Vec<(Text, String)>) -> impl IntoView {
    let locale = use_locale();
    let fields = written
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let control = format!("mw-written-{i}");
            view! {
                <label class="mw-field" for=control.clone()>{locale.text(label)}</label>
                <textarea dir="auto" id=control rows="4" readonly prop:value=value />
            }
        })
        .collect_any();
    view! {
        <section class="mw-section mw-written" aria-labelledby="mw-written-heading">
            <h4 id="mw-written-heading">{locale.text(Text::TakenOffWritten)}</h4>
            <p class="mw-hint">{locale.text(Text::TakenOffWrittenHint)}</p>
            {fields}
        </section>
    }
}

/// The pair's goals: mine to edit, my partner's to follow. `over`: the relationship is over, so
/// its empty state says what was, not what is to come.
#[component]
fn PairGoals(actions: Actions, nav: Nav, relationship: RecordId, over: bool) -> impl IntoView {
    let locale = use_locale();
    let rel = relationship.clone();
    let goals = memo(move || {
        let me = my_id(actions)?;
        let r = actions.workspace.relationship(&rel)?;
        Some(actions.workspace.goals.with(|all| {
            mentoring_core::goal::goals_in(all, &r, &me)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        }))
    });
    let list = move || goals.get().unwrap_or_default();
    let is_empty = move || goals.with(|g| g.as_ref().is_none_or(Vec::is_empty));
    view! {
        <section class="mw-section" aria-labelledby="mw-pair-goals-heading">
            <h4 id="mw-pair-goals-heading">{locale.text(Text::PairGoals)}</h4>
            {shown_while(is_empty, move || view! {
                <p class="mw-empty">
                    {locale.text(if over { Text::NoPairGoalsOver } else { Text::NoPairGoals })}
                </p>
            }.into_any())}
            <ul class="mw-cards">
                {keyed_list(
                    list,
                    |g| (g.id.clone(), g.updated_at, g.history.len(), g.status),
                    move |goal| view! {
                    {
                        let mine = Some(&goal.owner) == my_id(actions).as_ref();
                        let owner = if mine {
                            locale.text(Text::YourGoal).to_owned()
                        } else {
                            locale.format(Text::GoalOf, &[&actions.workspace.name_of(&goal.owner)])
                        };
                        let title = goal.title.as_str().to_owned();
                        let percent = goal.progress().percent();
                        let label = locale
                            .format(if mine { Text::EditGoalNamed } else { Text::ViewGoalNamed }, &[&title]);
                        let status = locale.text(status_text(goal.status));
                        let to = Screen::Goal {
                            goal: Some(goal.id.clone()),
                            relationship: Some(relationship.clone()),
                        };
                        view! {
                            <li class="mw-card">
                                <h5 class="mw-card-title" dir="auto">{title.clone()}</h5>
                                <p class="mw-card-line mw-muted">{owner} " · " {status}</p>
                                <ProgressBar percent label=title />
                                <button
                                    type="button"
                                    class="mw-secondary"
                                    aria-label=label
                                    on:click=move |_| nav.go(to.clone())
                                >
                                    {locale.text(if mine { Text::Edit } else { Text::View })}
                                </button>
                            </li>
                        }
                    }
                    }.into_any(),
                )}
            </ul>
        </section>
    }
}

/// How many of the latest sessions or feedback a relationship's page shows before "Show
/// earlier": a long history stays a page of reading, not tens of thousands of pixels.
pub(super) const LATEST_SHOWN: usize = 5;

/// The relationship's sessions, most recent first, each with my private note; those still to
/// come and the latest [`LATEST_SHOWN`] held are drawn, the earlier ones behind "Show N earlier
/// sessions" (or as soon as focus is sent to one). The one its author deleted last is offered
/// back, and, when it was still to come, a file to take it out of a calendar. `over` as for
/// `PairGoals`.
#[component]
fn Sessions(actions: Actions, nav: Nav, relationship: RecordId, over: bool) -> impl IntoView {
    let locale = use_locale();
    let deleted = RwSignal::new(None::<(Session, String)>);
    let undo_error = RwSignal::new(None::<String>);
    let undo_offer = memo(move || {
        deleted.get().map(|(_, when)| {
            (
                locale.format(Text::SessionDeleted, &[&when]),
                locale.format(Text::UndoDeleteSession, &[&when]),
            )
        })
    });
    let undo = std::sync::Arc::new(move || {
        let Some((session, _)) = deleted.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match actions.restore_session(&session).await {
                Ok(()) => {
                    undo_error.set(None);
                    deleted.set(None);
                    nav.focus(&format!("#mw-session-{}", session.id));
                }
                Err(message) => undo_error.set(Some(message)),
            }
        });
    });
    // Still to come: it may be in their calendar, which the widget cannot reach.
    let calendar = move || {
        let (session, when) = deleted.get()?;
        (session.ends_at() > actions.now()).then(|| {
            let label = locale.format(Text::RemoveFromCalendarLabel, &[&when]);
            view! {
                " "
                <button
                    type="button"
                    class="mw-secondary"
                    aria-label=label
                    on:click=move |_| undo_error.set(actions.download_session_cancellation(&session).err())
                >
                    {locale.text(Text::RemoveFromCalendar)}
                </button>
            }
        })
    };
    // The sessions, and where the earlier ones start: after those still to come (or under
    // way) and the latest held.
    let listed = memo(move || {
        let (Some(me), Some(r)) = (
            my_id(actions),
            actions.workspace.relationship(&relationship),
        ) else {
            return (Vec::new(), 0);
        };
        let now = actions.now();
        actions.workspace.sessions.with(|all| {
            let sessions = mentoring_core::session::sessions_with_partner_now(all, &r, &me);
            let to_come = sessions.iter().filter(|s| s.ends_at() > now).count();
            let ids = sessions
                .into_iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>();
            (ids, to_come + LATEST_SHOWN)
        })
    });
    let all_shown = RwSignal::new(false);
    nav.show_all_when_sent_to(all_shown, move |to| {
        listed.with(|(ids, from)| {
            (ids.iter().skip(*from)).any(|id| to.starts_with(&format!("#mw-session-{id}")))
        })
    });
    let ids = move || {
        let (ids, from) = listed.get();
        if all_shown.get() {
            ids
        } else {
            ids.into_iter().take(from).collect()
        }
    };
    let earlier = move || {
        let (n, first) =
            listed.with(|(ids, from)| (ids.len().saturating_sub(*from), ids.get(*from).cloned()));
        let first = first.filter(|_| !all_shown.get())?;
        let show = move |_| {
            all_shown.set(true);
            // Reading on from where the list stopped.
            nav.focus(&format!("#mw-session-{first}"));
        };
        Some(view! {
            <button type="button" class="mw-secondary mw-show-earlier" on:click=show>
                {locale.format(Text::ShowEarlier, &[&locale.count(Text::CountEarlierSessions, n)])}
            </button>
        })
    };
    view! {
        <section class="mw-section" aria-labelledby="mw-sessions-heading">
            <h4 id="mw-sessions-heading" tabindex="-1">{locale.text(Text::Sessions)}</h4>
            {shown_while(move || listed.with(|(ids, _)| ids.is_empty()), move || view! {
                <p class="mw-empty">
                    {locale.text(if over { Text::NoSessionsOver } else { Text::NoSessionsYet })}
                </p>
            }.into_any())}
            <p class="mw-saved">
                {undo_line(undo_offer, "mw-secondary mw-session-undo", undo.clone())}
                {calendar}
            </p>
            <p class="mw-error" role="alert">{move || undo_error.get()}</p>
            <ul class="mw-cards">
                {keyed_list(
                    ids,
                    |id| id.clone(),
                    move |id| view! {
                    <SessionSummary actions nav id deleted />
                    }.into_any(),
                )}
            </ul>
            {earlier}
        </section>
    }
}

/// The relationship page's jump list: its long parts, each a button that takes keyboard focus
/// (and the view) to its heading. Buttons, not links: a `#` link would change the host page's
/// address, which is the host's.
#[component]
fn JumpList(nav: Nav) -> impl IntoView {
    let locale = use_locale();
    let jump = move |to: &'static str, text: Text| {
        view! {
            <li>
                <button type="button" class="mw-secondary" on:click=move |_| nav.focus(to)>
                    {locale.text(text)}
                </button>
            </li>
        }
    };
    view! {
        <nav class="mw-jump" aria-label=locale.text(Text::OnThisPage)>
            <ul class="mw-jump-list">
                {jump("#mw-sessions-heading", Text::Sessions)}
                {jump("#mw-received-heading", Text::JumpFeedback)}
                {jump("#mw-learning-heading", Text::LearningLog)}
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::{lifecycle_text, Lifecycle, Locale, Text};

    #[test]
    fn a_reason_typed_with_its_own_full_stop_ends_the_status_sentence_once() {
        for reason in ["Fully booked until March.", "Fully booked until March. "] {
            let ended = Lifecycle::EndedEarly {
                reason: reason.into(),
            };
            for locale in [Locale::EnGb, Locale::Ar] {
                // In Arabic text the short Latin reason is kept on one line (no-break spaces).
                let status = locale
                    .format(Text::StatusChangedTo, &[&lifecycle_text(&ended, locale)])
                    .replace('\u{a0}', " ");
                assert!(status.contains("Fully booked until March"), "{status}");
                assert_eq!(status.matches('.').count(), 1, "{status}");
            }
        }
    }
}
