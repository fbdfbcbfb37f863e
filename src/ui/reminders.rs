//! "Needs your attention" at the top of My goals: the signed-in person's reminders
//! (`mentoring_core::reminders`), each said in the reader's language with a button to where
//! it is acted on. Nothing is shown when nothing needs attention.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::reminders::{calendar_changes, invitations, reminders, Due, Ending, Reminder};
use mentoring_core::{EnrolledAs, Millis, ProgrammeKind, RecordId};

use super::i18n::{counted_sides, in_words_of, signal_text, Locale, Text};
use super::memo;
use super::screens::{Nav, Screen};
use super::session_log::zone;
use super::state::Actions;
use super::use_locale;
use super::CollectAny;

#[component]
pub fn AttentionPanel(actions: Actions, nav: Nav) -> impl IntoView {
    let locale = use_locale();
    let workspace = actions.workspace;
    // The programme the admin tabs open on: a proposal waiting on its admins leads to its own.
    #[cfg(feature = "admin")]
    let chosen = use_context::<super::admin::ChosenProgramme>();
    let list = memo(move || {
        let Some(me) = workspace.me.with(|m| m.as_ref().map(|p| p.id.clone())) else {
            return Vec::new();
        };
        let now = actions.now();
        let zone = zone::of_me(actions);
        let day_of = |at: Millis| zone::day(at, &zone);
        workspace.relationships.with(|relationships| {
            workspace.goals.with(|goals| {
                workspace.sessions.with(|sessions| {
                    let nudges = workspace.nudges();
                    let notices = workspace.taken_off_notices();
                    workspace.pairing_log.with(|log| {
                        let mut list = reminders(
                            &me,
                            relationships,
                            goals,
                            sessions,
                            &nudges,
                            &notices,
                            log,
                            now,
                            &day_of,
                            &workspace.programmes(),
                        );
                        // Started from the admin screens, which only the admins' build has.
                        if !cfg!(feature = "admin") {
                            list.retain(|r| !matches!(r, Reminder::ProposalWaiting { .. }));
                        }
                        // An invitation first: nothing else happens for them in it until
                        // they answer.
                        let programmes = workspace.programmes();
                        let mut asked = invitations(&me, &workspace.enrolments(), &programmes);
                        // Then a calendar still showing a session deleted or moved elsewhere.
                        let mut moved = workspace.session_changes.with(|changes| {
                            workspace.dismissed.with(|dismissed| {
                                calendar_changes(
                                    &me,
                                    changes,
                                    relationships,
                                    dismissed,
                                    now,
                                    &day_of,
                                )
                            })
                        });
                        asked.append(&mut moved);
                        asked.append(&mut list);
                        asked
                    })
                })
            })
        })
    });
    // What answering an invitation did: said here, where the line it answered was.
    let answered = RwSignal::new(None::<String>);
    // The invitation whose decline is being confirmed. A decline goes to the host with the
    // next sync (within a second online), and only the programme's admins can invite again,
    // so no Undo could honestly promise to take it back: it is asked first (docs/programme-admin.md).
    let declining = RwSignal::new(None::<RecordId>);
    let answer = move |enrolment: RecordId, programme: String, accept: bool| {
        spawn_local(async move {
            let said = match actions.answer_invitation(&enrolment, accept).await {
                Ok(()) if accept => locale.format(Text::InvitationAccepted, &[&programme]),
                Ok(()) => locale.format(Text::InvitationDeclined, &[&programme]),
                Err(message) => message,
            };
            answered.set(Some(said));
        });
    };
    // A programme is named by its name; anyone else by the directory's.
    let name_of = move |id: &RecordId| {
        (workspace.programmes().into_iter())
            .find(|p| &p.id == id)
            .map_or_else(|| workspace.name_of(id), |p| p.name)
    };
    let said = move || {
        answered
            .get()
            .map(|said| view! { <p class="mw-hint mw-answered" role="status">{said}</p> })
    };
    let panel = move || {
        (!list.with(Vec::is_empty)).then(|| {
            // A time is said in the reader's own zone.
            let zone = zone::of_me(actions);
            view! {
                <section class="mw-attention" aria-labelledby="mw-attention-heading">
                    <h3 id="mw-attention-heading">{locale.text(Text::NeedsAttention)}</h3>
                    <ul class="mw-attention-list" role="list">
                        {list
                            .get()
                            .into_iter()
                            .map(|reminder| {
                                let name = name_of;
                                let line = sentence(locale, &reminder, name, &zone);
                                // An invitation is answered on the spot.
                                if let Reminder::Invited { enrolment, programme, .. } = &reminder {
                                    let programme = name_of(programme);
                                    let (yes, no) = (enrolment.clone(), enrolment.clone());
                                    let (to_yes, to_no) = (programme.clone(), programme.clone());
                                    let button_id = format!("mw-decline-{enrolment}");
                                    let confirm_id = format!("mw-decline-{enrolment}-confirm");
                                    let this = enrolment.clone();
                                    let open = memo(move || declining.with(|d| d.as_ref() == Some(&this)));
                                    let ask_first = {
                                        let (enrolment, confirm_id) = (enrolment.clone(), confirm_id.clone());
                                        move |_| {
                                            declining.set(Some(enrolment.clone()));
                                            nav.focus(&format!("#{confirm_id} button"));
                                        }
                                    };
                                    let question = locale.format(Text::ConfirmDeclineInvitation, &[&programme]);
                                    let step = move || {
                                        let (no, to_no, button_id) = (no.clone(), to_no.clone(), button_id.clone());
                                        open.get().then(|| view! {
                                            <form
                                                id=confirm_id.clone()
                                                class="mw-form mw-confirm"
                                                on:submit=move |ev: leptos::ev::SubmitEvent| {
                                                    ev.prevent_default();
                                                    declining.set(None);
                                                    answer(no.clone(), to_no.clone(), false);
                                                }
                                                novalidate
                                            >
                                                <p>{question.clone()}</p>
                                                <div class="mw-actions">
                                                    <button type="submit">{locale.text(Text::YesDeclineInvitation)}</button>
                                                    <button
                                                        type="button"
                                                        class="mw-secondary mw-cancel"
                                                        on:click=move |_| {
                                                            declining.set(None);
                                                            nav.focus(&format!("#{button_id}"));
                                                        }
                                                    >
                                                        {locale.text(Text::Cancel)}
                                                    </button>
                                                </div>
                                            </form>
                                        })
                                    };
                                    return view! {
                                        <li class="mw-attention-item mw-invitation">
                                            <span class="mw-attention-text">{line}</span>
                                            <button
                                                type="button"
                                                aria-label=locale.format(Text::AcceptInvitationLabel, &[&programme])
                                                on:click=move |_| answer(yes.clone(), to_yes.clone(), true)
                                            >
                                                {locale.text(Text::AcceptInvitation)}
                                            </button>
                                            <button
                                                type="button"
                                                id=format!("mw-decline-{enrolment}")
                                                class="mw-secondary"
                                                aria-label=locale.format(Text::DeclineInvitationLabel, &[&programme])
                                                aria-expanded=move || open.get().to_string()
                                                on:click=ask_first
                                            >
                                                {locale.text(Text::DeclineInvitation)}
                                            </button>
                                            {step}
                                        </li>
                                    }
                                    .into_any();
                                }
                                // A session deleted or moved elsewhere: its calendar file, and
                                // a way to say the calendar is seen to.
                                let calendar = match &reminder {
                                    Reminder::SessionCancelled { session, at, change, .. } => {
                                        Some((session.clone(), *at, change.clone(), Text::RemoveFromCalendar, Text::RemoveFromCalendarLabel))
                                    }
                                    Reminder::SessionMoved { session, to, change, .. } => {
                                        Some((session.clone(), *to, change.clone(), Text::UpdateCalendar, Text::UpdateCalendarLabel))
                                    }
                                    _ => None,
                                };
                                if let Some((session, at, change, shown, label)) = calendar {
                                    let when = locale.date_time(at, &zone);
                                    let failed = RwSignal::new(None::<String>);
                                    let download = {
                                        let change = change.clone();
                                        move |_| failed.set(actions.download_changed_session(&change).err())
                                    };
                                    let dismiss = move |_| {
                                        let (session, change) = (session.clone(), change.clone());
                                        spawn_local(async move {
                                            let done = actions.dismiss_session_change(session, change).await;
                                            failed.set(done.err());
                                        });
                                    };
                                    return view! {
                                        <li class="mw-attention-item mw-calendar-change">
                                            <span class="mw-attention-text">{line}</span>
                                            <button
                                                type="button"
                                                class="mw-secondary mw-calendar-file"
                                                aria-label=locale.format(label, &[&when])
                                                on:click=download
                                            >
                                                {locale.text(shown)}
                                            </button>
                                            <button
                                                type="button"
                                                class="mw-secondary mw-dismiss"
                                                aria-label=locale.format(Text::DismissCalendarChangeLabel, &[&when])
                                                on:click=dismiss
                                            >
                                                {locale.text(Text::DismissCalendarChange)}
                                            </button>
                                            {move || failed.get().map(|message| view! { <p class="mw-error" role="alert">{message}</p> })}
                                        </li>
                                    }
                                    .into_any();
                                }
                                // A proposal waiting on its admins opens its programme.
                                let programme = match &reminder {
                                    Reminder::ProposalWaiting { relationship, .. } => {
                                        workspace.relationship(relationship).map(|r| r.programme)
                                    }
                                    _ => None,
                                };
                                // A session ahead opens on its card.
                                let card = match &reminder {
                                    Reminder::SessionAhead { session, .. } => Some(format!("#mw-session-{session}")),
                                    // A proposal opens on its pair's card, below the programme's set-up.
                                    Reminder::ProposalWaiting { relationship, .. } => Some(format!("#mw-pair-{relationship}")),
                                    _ => None,
                                };
                                let button = place(locale, &reminder, name, &zone).map(|(to, shown, label)| {
                                    view! {
                                        <button
                                            type="button"
                                            class="mw-secondary"
                                            aria-label=label
                                            on:click=move |_| {
                                                #[cfg(feature = "admin")]
                                                if let (Some(chosen), Some(p)) = (chosen, programme.clone()) {
                                                    chosen.0.set(Some(p));
                                                }
                                                #[cfg(not(feature = "admin"))]
                                                let _ = &programme;
                                                nav.go(to.clone());
                                                if let Some(card) = &card {
                                                    nav.focus(card);
                                                }
                                            }
                                        >
                                            {locale.text(shown)}
                                        </button>
                                    }
                                });
                                view! {
                                    <li class="mw-attention-item">
                                        <span class="mw-attention-text">{line}</span>
                                        {button}
                                    </li>
                                }
                                .into_any()
                            })
                            .collect_any()}
                    </ul>
                </section>
            }
        })
    };
    view! { {panel} {said} }
}

/// The reminder as a sentence; `name` gives a person's display name, `zone` the reader's time
/// zone, in which a time is said.
fn sentence(
    locale: Locale,
    reminder: &Reminder,
    name: impl Fn(&RecordId) -> String,
    zone: &str,
) -> String {
    let due = |due: &Due, [overdue, today, soon]: [Text; 3], what: &str| {
        let on = locale.date(due.on);
        match due.in_days {
            0 => locale.format(today, &[what]),
            days if days < 0 => locale.format(
                overdue,
                &[
                    what,
                    &on,
                    &locale.count(Text::CountDays, days.unsigned_abs() as usize),
                ],
            ),
            days => locale.format(
                soon,
                &[what, &on, &locale.count(Text::CountDays, days as usize)],
            ),
        }
    };
    match reminder {
        Reminder::ActionItem { text, due: d, .. } => due(
            d,
            [
                Text::ReminderActionOverdue,
                Text::ReminderActionToday,
                Text::ReminderActionSoon,
            ],
            text,
        ),
        Reminder::Goal {
            title,
            reached: true,
            ..
        } => locale.format(Text::ReminderGoalReached, &[title, &locale.percent(100)]),
        Reminder::Goal { title, due: d, .. } => due(
            d,
            [
                Text::ReminderGoalOverdue,
                Text::ReminderGoalToday,
                Text::ReminderGoalSoon,
            ],
            title,
        ),
        Reminder::Quiet {
            partner,
            weeks,
            last_session,
            paired_on,
            ..
        } => {
            let weeks = locale.count(Text::CountWeeks, *weeks as usize);
            match (last_session, paired_on) {
                (None, None) => {
                    locale.format(Text::ReminderNoSessionYet, &[&name(partner), &weeks])
                }
                (None, Some(on)) => locale.format(
                    Text::ReminderNoSessionSincePaired,
                    &[&name(partner), &weeks, &locale.date(*on)],
                ),
                (Some(day), _) => locale.format(
                    Text::ReminderNoSessionFor,
                    &[&name(partner), &weeks, &locale.date(*day)],
                ),
            }
        }
        Reminder::Ending {
            partner,
            planned_end,
            past,
            ..
        } => locale.format(
            if *past {
                Text::ReminderEndPassed
            } else {
                Text::ReminderEndNear
            },
            &[&name(partner), &locale.date(*planned_end)],
        ),
        Reminder::Proposed {
            partner,
            starts,
            asked,
            ..
        } => locale.format(
            if *asked {
                Text::ReminderAsked
            } else {
                Text::ReminderProposed
            },
            &[&name(partner), &locale.date(*starts)],
        ),
        Reminder::ProposalWaiting {
            mentor,
            mentee,
            asked,
            on,
            ..
        } => locale.format(
            if *asked {
                Text::ReminderProposalAsked
            } else {
                Text::ReminderProposalWaiting
            },
            &[&name(mentee), &name(mentor), &locale.date(*on)],
        ),
        Reminder::SessionAhead { partner, at, .. } => locale.format(
            Text::ReminderSessionAhead,
            &[&name(partner), &locale.date_time(*at, zone)],
        ),
        Reminder::SessionCancelled { partner, at, .. } => locale.format(
            Text::ReminderSessionCancelled,
            &[&name(partner), &locale.date_time(*at, zone)],
        ),
        Reminder::SessionMoved {
            partner, from, to, ..
        } => locale.format(
            Text::ReminderSessionMoved,
            &[
                &name(partner),
                &locale.date_time(*from, zone),
                &locale.date_time(*to, zone),
            ],
        ),
        Reminder::Started { partner, on, .. } => {
            locale.format(Text::ReminderStarted, &[&name(partner), &locale.date(*on)])
        }
        Reminder::Paused { partner, on, .. } => {
            locale.format(Text::ReminderPaused, &[&name(partner), &locale.date(*on)])
        }
        Reminder::Invited {
            programme,
            kind,
            role,
            on,
            ..
        } => locale.format(
            Text::ReminderInvited,
            &[
                &name(programme),
                &role_words(locale, *kind, *role),
                &locale.date(*on),
            ],
        ),
        Reminder::Agreement {
            partner,
            on,
            changed,
            ..
        } => locale.format(
            if *changed {
                Text::ReminderAgreementChanged
            } else {
                Text::ReminderPartnerAgreed
            },
            &[&name(partner), &locale.date(*on)],
        ),
        Reminder::Nudge {
            partner,
            reasons,
            on,
            ..
        } => {
            let reasons: Vec<&str> = reasons
                .iter()
                .map(|key| locale.text(signal_text(key)))
                .collect();
            locale.format(
                Text::ReminderNudge,
                &[&name(partner), &locale.date(*on), &locale.list(&reasons)],
            )
        }
        Reminder::PairingEnded {
            partner,
            by_partner,
            ending,
            on,
            ..
        } => locale.format(
            match (ending, by_partner) {
                (Ending::Declined, _) => Text::ReminderPairingDeclined,
                (Ending::Withdrawn, _) => Text::ReminderPairingWithdrawn,
                (Ending::Cancelled, _) => Text::ReminderPairingCancelled,
                (Ending::Completed, true) => Text::ReminderPairingCompletedByPartner,
                (Ending::Completed, false) => Text::ReminderPairingCompletedByAdmins,
                (_, true) => Text::ReminderPairingEndedByPartner,
                (_, false) => Text::ReminderPairingEndedByAdmins,
            },
            &[&name(partner), &locale.date(*on)],
        ),
        // A newcomer never knew the pair before: they were paired, nothing changed for them.
        Reminder::Repaired {
            partner,
            on,
            newcomer,
            put_back,
            ..
        } => locale.format(
            if *newcomer {
                Text::ReminderPaired
            } else if *put_back {
                Text::ReminderPutBack
            } else {
                Text::ReminderRepaired
            },
            &[&name(partner), &locale.date(*on)],
        ),
        Reminder::TakenOff {
            former_partner,
            on,
            sessions_kept,
            open_actions,
            ..
        } => {
            let (partner, on) = (name(former_partner), locale.date(*on));
            if !sessions_kept {
                return locale.format(Text::ReminderTakenOffNoSessions, &[&partner, &on]);
            }
            if open_actions.is_empty() {
                return locale.format(Text::ReminderTakenOff, &[&partner, &on]);
            }
            // How many, and the first one or two of them, each once: an item agreed in
            // several sessions is said once.
            let mut distinct: Vec<&String> = Vec::new();
            for text in open_actions {
                if !distinct.contains(&text) {
                    distinct.push(text);
                }
            }
            let mut quoted: Vec<String> = (distinct.iter().take(2))
                .map(|text| locale.format(Text::ReminderQuotedAction, &[text.as_str()]))
                .collect();
            if let Some(last) = quoted.last_mut().filter(|_| distinct.len() > 2) {
                last.push('…');
            }
            locale.format(
                Text::ReminderTakenOffActions,
                &[
                    &partner,
                    &on,
                    &locale.count(Text::CountOpenActions, open_actions.len()),
                    &locale.list(&quoted),
                ],
            )
        }
    }
}

/// What someone is invited as, in the words of the programme's kind.
pub(super) fn role_words(locale: Locale, kind: ProgrammeKind, role: EnrolledAs) -> String {
    match role {
        EnrolledAs::Mentee => locale.text(in_words_of(kind, Text::AsMentee)).to_owned(),
        EnrolledAs::Mentor { capacity } => {
            let up_to = locale.count(counted_sides(kind).0, usize::from(capacity));
            locale.format(in_words_of(kind, Text::AsMentor), &[&up_to])
        }
    }
}

/// Where the reminder is acted on, the button's text, and its accessible name. A pair the
/// person was taken off is no longer theirs to open: the sessions they had in it are, read
/// back as an earlier pairing, when there are any.
fn place(
    locale: Locale,
    reminder: &Reminder,
    name: impl Fn(&RecordId) -> String,
    zone: &str,
) -> Option<(Screen, Text, String)> {
    Some(match reminder {
        // The session's card on the relationship page, where it is read and prepared for.
        Reminder::SessionAhead {
            relationship,
            partner,
            at,
            ..
        } => (
            Screen::Relationship(relationship.clone()),
            Text::ReminderOpenSession,
            locale.format(
                Text::ReminderOpenSessionLabel,
                &[&name(partner), &locale.date_time(*at, zone)],
            ),
        ),
        Reminder::TakenOff {
            sessions_kept: false,
            ..
        }
        | Reminder::Invited { .. }
        | Reminder::SessionCancelled { .. }
        | Reminder::SessionMoved { .. } => return None,
        Reminder::TakenOff {
            relationship,
            former_partner,
            ..
        } => (
            Screen::EarlierPairing(relationship.clone()),
            Text::ReminderOpenEarlierPairing,
            locale.format(Text::ReadEarlierPairing, &[&name(former_partner)]),
        ),
        Reminder::ProposalWaiting { mentor, mentee, .. } => (
            Screen::Admin,
            Text::ReminderStartOrDecline,
            locale.format(
                Text::ReminderStartOrDeclineLabel,
                &[&name(mentee), &name(mentor)],
            ),
        ),
        Reminder::Goal {
            goal,
            relationship,
            title,
            ..
        } => (
            Screen::Goal {
                goal: Some(goal.clone()),
                relationship: relationship.clone(),
            },
            Text::ReminderOpenGoal,
            locale.format(Text::ReminderOpenGoalLabel, &[title]),
        ),
        // The agenda, where an item is marked done, is on the relationship's page.
        Reminder::ActionItem {
            relationship,
            partner,
            ..
        } => (
            Screen::Relationship(relationship.clone()),
            Text::ReminderOpenAgenda,
            locale.format(Text::ReminderOpenAgendaLabel, &[&name(partner)]),
        ),
        Reminder::Quiet {
            relationship,
            partner,
            ..
        }
        | Reminder::Nudge {
            relationship,
            partner,
            ..
        }
        | Reminder::Proposed {
            relationship,
            partner,
            ..
        }
        | Reminder::Ending {
            relationship,
            partner,
            ..
        }
        | Reminder::PairingEnded {
            relationship,
            partner,
            ..
        }
        | Reminder::Repaired {
            relationship,
            partner,
            ..
        }
        | Reminder::Started {
            relationship,
            partner,
            ..
        }
        | Reminder::Agreement {
            relationship,
            partner,
            ..
        }
        | Reminder::Paused {
            relationship,
            partner,
            ..
        } => (
            Screen::Relationship(relationship.clone()),
            Text::ReminderOpenRelationship,
            locale.format(Text::ReminderOpenRelationshipLabel, &[&name(partner)]),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentoring_core::Date;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn action(in_days: i32) -> Reminder {
        Reminder::ActionItem {
            relationship: id("rel"),
            partner: id("james"),
            item: id("a1"),
            text: "Draft the plan".into(),
            due: Due {
                on: Date::parse("2026-03-02").unwrap().add_days(in_days),
                in_days,
            },
        }
    }

    fn name(_: &RecordId) -> String {
        "James Okafor".into()
    }

    #[test]
    fn an_invitation_is_said_in_its_programmes_words_and_a_pause_names_who_paused() {
        let named = |id: &RecordId| match id.as_str() {
            "prog" => "Lead".to_owned(),
            _ => "James Okafor".to_owned(),
        };
        let invited = Reminder::Invited {
            enrolment: id("en"),
            programme: id("prog"),
            kind: ProgrammeKind::Coaching,
            role: EnrolledAs::Mentor { capacity: 2 },
            on: Date::parse("2026-03-02").unwrap(),
        };
        assert_eq!(
            sentence(Locale::EnGb, &invited, named, "UTC"),
            "You are invited to Lead as coach, up to 2 coachees (since 2026-03-02): accept to be matched, \
             or decline."
        );
        // Answered on the spot, not opened elsewhere.
        assert_eq!(place(Locale::EnGb, &invited, named, "UTC"), None);
        let paused = Reminder::Paused {
            relationship: id("rel"),
            partner: id("james"),
            on: Date::parse("2026-03-01").unwrap(),
        };
        assert_eq!(
            sentence(Locale::EnGb, &paused, named, "UTC"),
            "James Okafor paused your pairing on 2026-03-01; it resumes when either of you \
             resumes it."
        );
    }

    #[test]
    fn reminders_are_said_with_the_dates_and_counts_of_the_readers_language() {
        let en = |r: &Reminder| sentence(Locale::EnGb, r, name, "UTC");
        assert_eq!(
            en(&action(-1)),
            "Your action “Draft the plan” was due on 2026-03-01 (1 day ago)."
        );
        assert_eq!(en(&action(0)), "Your action “Draft the plan” is due today.");
        assert_eq!(
            en(&action(7)),
            "Your action “Draft the plan” is due on 2026-03-09, in 7 days."
        );
        let quiet = Reminder::Quiet {
            relationship: id("rel"),
            partner: id("james"),
            weeks: 2,
            last_session: Some(Date::parse("2026-02-10").unwrap()),
            paired_on: None,
            since: Date::parse("2026-03-10").unwrap(),
        };
        assert_eq!(
            en(&quiet),
            "No session with James Okafor for 2 weeks (the last was on 2026-02-10)."
        );
        // Re-paired since the relationship started: counted from the re-pairing, said so.
        let repaired = Reminder::Quiet {
            relationship: id("rel"),
            partner: id("james"),
            weeks: 5,
            last_session: None,
            paired_on: Some(Date::parse("2026-01-20").unwrap()),
            since: Date::parse("2026-02-24").unwrap(),
        };
        assert_eq!(
            en(&repaired),
            "No session logged with James Okafor yet, 5 weeks after you were paired on 2026-01-20."
        );
        let nudged = Reminder::Nudge {
            nudge: id("n1"),
            relationship: id("rel"),
            partner: id("james"),
            reasons: vec!["goals-at-risk".into(), "past-planned-end".into()],
            on: Date::parse("2026-02-27").unwrap(),
        };
        assert_eq!(
            en(&nudged),
            "Your programme admin asked on 2026-02-27 that you and James Okafor look at your relationship: goals at risk, past its planned end."
        );
        let ar_nudged = sentence(Locale::Ar, &nudged, name, "UTC");
        assert!(
            ar_nudged.contains("أهداف معرّضة للخطر")
                && ar_nudged.contains("تجاوزت موعد انتهائها المخطّط"),
            "every reason in Arabic: {ar_nudged}"
        );
        // Arabic's dual: two days, two weeks.
        let ar = |r: &Reminder| sentence(Locale::Ar, r, name, "UTC");
        assert!(ar(&action(2)).contains("يومان"), "{}", ar(&action(2)));
        assert!(ar(&quiet).contains("أسبوعان"), "{}", ar(&quiet));
        assert!(!ar(&quiet).contains("weeks"));
        let ending = |past| Reminder::Ending {
            relationship: id("rel"),
            partner: id("james"),
            planned_end: Date::parse("2026-03-12").unwrap(),
            past,
            since: Date::parse("2026-02-26").unwrap(),
        };
        assert_eq!(
            en(&ending(false)),
            "Your relationship with James Okafor is planned to end on 2026-03-12: agree what comes next, or ask the programme's admins to extend it."
        );
        assert!(en(&ending(true)).contains("passed its planned end on 2026-03-12"));
        assert!(
            ar(&ending(true)).contains("تجاوزت"),
            "{}",
            ar(&ending(true))
        );
    }

    #[test]
    fn a_request_is_said_to_its_mentor_and_admins_and_its_start_to_the_pair() {
        let on = Date::parse("2026-02-27").unwrap();
        let names = |id: &RecordId| match id.as_str() {
            "fatima" => "Fatima Zayed".to_owned(),
            _ => "James Whitfield".to_owned(),
        };
        let waiting = |asked| Reminder::ProposalWaiting {
            relationship: id("rel"),
            mentor: id("james"),
            mentee: id("fatima"),
            asked,
            on,
        };
        assert_eq!(
            sentence(Locale::EnGb, &waiting(true), names, "UTC"),
            "Fatima Zayed asked to be paired with James Whitfield on 2026-02-27: start the pairing or decline it."
        );
        assert!(sentence(Locale::EnGb, &waiting(false), names, "UTC")
            .starts_with("A pairing of Fatima Zayed with James Whitfield was proposed"));
        assert!(matches!(
            place(Locale::EnGb, &waiting(true), names, "UTC"),
            Some((Screen::Admin, Text::ReminderStartOrDecline, label))
                if label == "Start or decline the pairing of Fatima Zayed with James Whitfield"
        ));
        let asked = Reminder::Proposed {
            relationship: id("rel"),
            partner: id("fatima"),
            starts: on,
            asked: true,
        };
        assert!(sentence(Locale::EnGb, &asked, names, "UTC")
            .starts_with("Fatima Zayed asked to be paired with you"));
        let started = Reminder::Started {
            relationship: id("rel"),
            partner: id("james"),
            on,
        };
        assert_eq!(
            sentence(Locale::EnGb, &started, names, "UTC"),
            "The programme's admins started your pairing with James Whitfield on 2026-02-27: plan your first session together."
        );
        for r in [waiting(true), waiting(false), asked, started] {
            let ar = sentence(Locale::Ar, &r, names, "UTC").replace('\u{a0}', " ");
            assert!(
                ar.contains("Fatima Zayed") || ar.contains("James Whitfield"),
                "{ar}"
            );
            assert!(!ar.contains("pairing"), "{ar}");
        }
    }

    #[test]
    fn a_pairing_changed_by_someone_else_is_said_and_one_taken_from_me_offers_no_way_in() {
        let on = Date::parse("2026-02-27").unwrap();
        let en = |r: &Reminder| sentence(Locale::EnGb, r, name, "UTC");
        let ar = |r: &Reminder| sentence(Locale::Ar, r, name, "UTC");
        let ended = |by_partner| Reminder::PairingEnded {
            relationship: id("rel"),
            partner: id("james"),
            by_partner,
            ending: Ending::EndedEarly,
            on,
        };
        // A proposal that never started is said as what happened to it.
        let unstarted = |by_partner, ending| Reminder::PairingEnded {
            relationship: id("rel"),
            partner: id("james"),
            by_partner,
            ending,
            on,
        };
        assert_eq!(
            en(&unstarted(true, Ending::Declined)),
            "James Okafor declined the pairing proposed with you on 2026-02-27: the reason they gave is on the relationship page."
        );
        assert!(en(&unstarted(true, Ending::Withdrawn))
            .starts_with("James Okafor withdrew from the pairing proposed with you"));
        assert!(en(&unstarted(false, Ending::Cancelled))
            .starts_with("The programme's admins declined the proposed pairing with James Okafor"));
        assert_eq!(
            en(&ended(true)),
            "James Okafor ended your pairing on 2026-02-27: the reason they gave is on the relationship page."
        );
        assert!(en(&ended(false))
            .starts_with("The programme's admins ended your pairing with James Okafor"));
        assert!(
            ar(&ended(false)).contains("مسؤولو البرنامج"),
            "{}",
            ar(&ended(false))
        );
        let repaired = Reminder::Repaired {
            relationship: id("rel"),
            partner: id("layla"),
            on,
            newcomer: false,
            put_back: false,
        };
        assert_eq!(
            en(&repaired),
            "The programme's admins changed your pairing on 2026-02-27: you are now paired with James Okafor."
        );
        // Whoever was put in never knew the pair before: told they were paired, not of a change.
        let newcomer = Reminder::Repaired {
            relationship: id("rel"),
            partner: id("layla"),
            on,
            newcomer: true,
            put_back: false,
        };
        assert_eq!(
            en(&newcomer),
            "The programme's admins paired you with James Okafor on 2026-02-27."
        );
        assert!(!ar(&newcomer).contains("غيّر"), "{}", ar(&newcomer));
        // Put back in a pair they had been taken off: neither newly paired nor a change.
        let put_back = Reminder::Repaired {
            relationship: id("rel"),
            partner: id("layla"),
            on,
            newcomer: false,
            put_back: true,
        };
        assert_eq!(
            en(&put_back),
            "The programme's admins put you back in your pairing with James Okafor on 2026-02-27."
        );
        assert!(matches!(
            place(Locale::EnGb, &repaired, name, "UTC"),
            Some((Screen::Relationship(r), Text::ReminderOpenRelationship, _)) if r == id("rel")
        ));
        let taken_off = |open_actions: Vec<String>| Reminder::TakenOff {
            relationship: id("rel"),
            former_partner: id("amira"),
            on,
            sessions_kept: true,
            open_actions,
        };
        let two = taken_off(vec!["Send the article".into(), "Book the room".into()]);
        assert_eq!(
            en(&two),
            "The programme's admins took you off your pairing with James Okafor on 2026-02-27: the sessions you had together stay yours to read under Earlier pairings, read-only, with 2 open actions of yours in them (“Send the article”, “Book the room”); they can no longer be marked done."
        );
        // Many, some agreed more than once: how many, and the first two, each once.
        let many = taken_off(
            [
                "Book a rehearsal",
                "Book a rehearsal",
                "Send the deck",
                "Call Omar",
                "Book a rehearsal",
            ]
            .map(String::from)
            .to_vec(),
        );
        assert_eq!(
            en(&many),
            "The programme's admins took you off your pairing with James Okafor on 2026-02-27: the sessions you had together stay yours to read under Earlier pairings, read-only, with 5 open actions of yours in them (“Book a rehearsal”, “Send the deck”…); they can no longer be marked done."
        );
        assert_eq!(
            en(&taken_off(vec!["Book a rehearsal".into()])),
            "The programme's admins took you off your pairing with James Okafor on 2026-02-27: the sessions you had together stay yours to read under Earlier pairings, read-only, with 1 open action of yours in them (“Book a rehearsal”); they can no longer be marked done."
        );
        // Arabic isolates each text people typed, so a Latin one keeps its own direction.
        assert!(
            ar(&two)
                .contains("«\u{2068}Send\u{a0}the\u{a0}article\u{2069}»، «\u{2068}Book\u{a0}the\u{a0}room\u{2069}»"),
            "{}",
            ar(&two)
        );
        assert!(ar(&two).contains("مزاوجات سابقة"), "{}", ar(&two));
        assert_eq!(
            en(&taken_off(vec![])),
            "The programme's admins took you off your pairing with James Okafor on 2026-02-27: the sessions you had together stay yours to read under Earlier pairings, read-only."
        );
        // Its button reads those sessions back, as the earlier pairing.
        assert!(matches!(
            place(Locale::EnGb, &two, name, "UTC"),
            Some((Screen::EarlierPairing(r), Text::ReminderOpenEarlierPairing, label))
                if r == id("rel") && label == "Read your sessions with James Okafor"
        ));
        // With no session logged with them, nothing is kept to read, nor offered.
        let none_kept = Reminder::TakenOff {
            relationship: id("rel"),
            former_partner: id("amira"),
            on,
            sessions_kept: false,
            open_actions: vec![],
        };
        assert_eq!(
            en(&none_kept),
            "The programme's admins took you off your pairing with James Okafor on 2026-02-27."
        );
        assert_eq!(place(Locale::EnGb, &none_kept, name, "UTC"), None);
    }

    #[test]
    fn a_session_ahead_is_said_with_its_partner_and_time_and_opens_its_relationship() {
        let ahead = Reminder::SessionAhead {
            relationship: id("rel"),
            partner: id("james"),
            session: id("s1"),
            at: Millis(1_772_877_600_000),
            on: Date::parse("2026-03-07").unwrap(),
        };
        let when = Locale::EnGb.date_time(Millis(1_772_877_600_000), "UTC");
        assert_eq!(
            sentence(Locale::EnGb, &ahead, name, "UTC"),
            format!("A session with James Okafor is planned for {when}.")
        );
        let ar = sentence(Locale::Ar, &ahead, name, "UTC");
        assert!(
            ar.contains("James\u{a0}Okafor") && ar.contains("جلسة"),
            "{ar}"
        );
        assert!(matches!(
            place(Locale::EnGb, &ahead, name, "UTC"),
            Some((Screen::Relationship(r), Text::ReminderOpenSession, label))
                if r == id("rel") && label == format!("Open session with James Okafor on {when}")
        ));
    }

    #[test]
    fn arabic_reminders_address_everyone_alike_not_in_the_masculine() {
        let on = Date::parse("2026-02-27").unwrap();
        let rel = || id("rel");
        let partner = || id("james");
        let every = [
            action(-1),
            Reminder::Goal {
                goal: id("g1"),
                relationship: None,
                title: "Lead the review".into(),
                due: Due { on, in_days: 0 },
                reached: true,
            },
            Reminder::Nudge {
                nudge: id("n1"),
                relationship: rel(),
                partner: partner(),
                reasons: vec!["goals-at-risk".into()],
                on,
            },
            Reminder::Proposed {
                relationship: rel(),
                partner: partner(),
                starts: on,
                asked: false,
            },
            Reminder::Ending {
                relationship: rel(),
                partner: partner(),
                planned_end: on,
                past: false,
                since: on,
            },
            Reminder::Ending {
                relationship: rel(),
                partner: partner(),
                planned_end: on,
                past: true,
                since: on,
            },
            Reminder::SessionAhead {
                relationship: rel(),
                partner: partner(),
                session: id("s1"),
                at: Millis(1_772_877_600_000),
                on,
            },
        ]
        .into_iter()
        .chain(
            [
                Ending::Declined,
                Ending::Withdrawn,
                Ending::Cancelled,
                Ending::EndedEarly,
            ]
            .into_iter()
            .flat_map(|ending| {
                [true, false].map(|by_partner| Reminder::PairingEnded {
                    relationship: rel(),
                    partner: partner(),
                    by_partner,
                    ending,
                    on,
                })
            }),
        );
        // Forms that speak to, or of, a man only: imperatives and second-person verbs, and
        // the reason "he gave"; a partner's deed said as his (اعتذر {0}، سحب {0}) is checked
        // below.
        let masculine = [
            "اطلب",
            "أكملها",
            "فاعتذر",
            "علّمه",
            "أن تراجع",
            "تستطع",
            "ذكره",
        ];
        for reminder in every {
            let said = sentence(Locale::Ar, &reminder, name, "UTC");
            for form in masculine {
                assert!(!said.contains(form), "{form} in {said}");
            }
            // The partner's deed agrees with "the other of the pair", not with their name.
            if let Reminder::PairingEnded {
                by_partner: true, ..
            } = reminder
            {
                if !said.starts_with("أنهى مسؤولو") && !said.starts_with("رفض مسؤولو")
                {
                    assert!(said.contains(" الطرف الآخر، "), "{said}");
                }
            }
        }
    }
}
