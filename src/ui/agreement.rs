//! What the pair agree about their relationship (its purpose and ground rules) and where it
//! stands (pause, resume, complete, end early), as the two of them change it on its page. What
//! they may do is the core's (`relationship::change_by_party`, `party_moves`); these components
//! only offer it.
//!
//! Written for a small download: the relationship is read through one memo of the same type
//! the page uses, and parts appear through plain closures rather than more generic components.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::relationship::Side;
use mentoring_core::relationship::{check_agreement, party_moves, AgreementPart, PartyChange};
use mentoring_core::session::{first_named, planned_ahead};
use mentoring_core::Millis;
use mentoring_core::{Lifecycle, RecordId, Relationship};

use super::conflicts::ConflictsOf;
use super::form_problem::{FormPart, FormProblem};
use super::i18n::Text;
use super::memo;
use super::relationships::{my_id, standing_text};
use super::screens::Nav;
use super::session_log::zone;
use super::state::Actions;
use super::CollectAny;
use super::{refused_while, use_locale};
use super::{set_from_event, value_of};
use crate::edges::store::Rewrite;

#[derive(Clone, Copy)]
enum Field {
    Purpose,
    GroundRules,
    Reason,
    Other,
}

impl FormPart for Field {
    fn index(self) -> u8 {
        self as u8
    }
}

/// The pair's agreement, shown, or written in a form (either of them may).
#[component]
pub fn Agreement(actions: Actions, nav: Nav, relationship: RecordId) -> impl IntoView {
    let locale = use_locale();
    let conflicts_of = relationship.clone();
    let rel = memo(move || actions.workspace.relationship(&relationship));
    let editing = RwSignal::new(false);
    let purpose = RwSignal::new(String::new());
    let ground_rules = RwSignal::new(String::new());
    let problem = FormProblem::new();
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);
    // The texts as the form opened with them: a text the person left alone keeps whatever the
    // partner saved meanwhile instead of writing the old one back over it.
    let opened = StoredValue::new((String::new(), String::new()));
    // Saving both texts empty wipes what the two of them wrote: asked first, undone after,
    // with what the clear wrote over as stored (`Actions::change_relationship`; `None` inside:
    // a text synced in as it wrote, so nothing can be given back).
    let clearing = RwSignal::new(false);
    let cleared = RwSignal::new(None::<Option<Vec<Rewrite>>>);

    let edit = move |_| {
        if let Some(r) = rel.get_untracked() {
            opened.set_value((r.purpose.clone(), r.ground_rules.clone()));
            purpose.set(r.purpose);
            ground_rules.set(r.ground_rules);
        }
        problem.clear();
        saved.set(false);
        cleared.set(None);
        clearing.set(false);
        editing.set(true);
        nav.focus("#mw-agreement-purpose");
    };
    let cancel = move |_| {
        editing.set(false);
        clearing.set(false);
        nav.set_unsaved("agreement", false);
        problem.clear();
        nav.focus(".mw-agreement-edit");
    };
    let save = move |p: String, g: String| {
        let Some(r) = rel.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        let wipes = p.trim().is_empty() && g.trim().is_empty();
        busy.set(true);
        spawn_local(async move {
            let change = PartyChange::Agreement {
                purpose: p.clone(),
                ground_rules: g.clone(),
            };
            match actions.change_relationship(&r.id, change).await {
                Ok(back) => {
                    problem.clear();
                    editing.set(false);
                    clearing.set(false);
                    nav.set_unsaved("agreement", false);
                    let undo = wipes.then_some(back);
                    saved.set(undo.is_none());
                    nav.focus(if undo.is_some() {
                        ".mw-agreement-undo"
                    } else {
                        ".mw-agreement-edit"
                    });
                    cleared.set(undo);
                }
                Err(message) => {
                    let field = match check_agreement(p.trim(), g.trim()) {
                        Err((AgreementPart::Purpose, _)) => Field::Purpose,
                        Err((AgreementPart::GroundRules, _)) => Field::GroundRules,
                        Ok(()) => Field::Other,
                    };
                    problem.set(field, message);
                }
            }
            busy.set(false);
        });
    };
    // The texts the form saves: one the person left alone keeps what the partner saved.
    let typed = move || {
        let r = rel.get_untracked()?;
        let (was_purpose, was_rules) = opened.get_value();
        let unless_left = |typed: String, was: String, now: String| {
            if typed == was {
                now
            } else {
                typed
            }
        };
        let p = unless_left(purpose.get_untracked(), was_purpose, r.purpose.clone());
        let g = unless_left(
            ground_rules.get_untracked(),
            was_rules,
            r.ground_rules.clone(),
        );
        let had_text = !r.purpose.trim().is_empty() || !r.ground_rules.trim().is_empty();
        Some((p, g, had_text))
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some((p, g, had_text)) = typed() else {
            return;
        };
        if had_text && p.trim().is_empty() && g.trim().is_empty() {
            problem.clear();
            clearing.set(true);
            nav.focus(".mw-agreement-clear button");
            return;
        }
        save(p, g);
    };
    let clear = move |_| {
        if let Some((p, g, _)) = typed() {
            save(p, g);
        }
    };
    let keep = move |_| {
        clearing.set(false);
        nav.focus("#mw-agreement-purpose");
    };
    // Undo writes back the texts the clear wrote over, as stored, and only over what the clear
    // wrote, which the store asks in the write itself: a text synced in since is newer and
    // would be lost, so Undo goes instead.
    let undo_clear = move |_| {
        let Some(back) = cleared.get_untracked() else {
            return;
        };
        let Some(id) = rel.with_untracked(|r| r.as_ref().map(|r| r.id.clone())) else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        cleared.set(None);
        busy.set(true);
        spawn_local(async move {
            let undone = match back.clone() {
                Some(back) => actions.undo_agreement(&id, back).await,
                None => Ok(false),
            };
            match undone {
                Ok(true) => {
                    problem.clear();
                    saved.set(true);
                }
                Ok(false) => problem.set(
                    Field::Other,
                    locale.text(Text::ChangedSinceNotUndone).to_owned(),
                ),
                // Not written (storage failed, or refused): Undo stays offered.
                Err(message) => {
                    problem.set(Field::Other, message);
                    cleared.set(Some(back));
                }
            }
            busy.set(false);
            nav.focus(".mw-agreement-edit");
        });
    };

    let agree = move |_| {
        let Some(id) = rel.with_untracked(|r| r.as_ref().map(|r| r.id.clone())) else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let change = PartyChange::Agree { at: actions.now() };
            match actions.change_relationship(&id, change).await {
                Ok(_) => {
                    problem.clear();
                    nav.focus(".mw-agreement-edit");
                }
                Err(message) => problem.set(Field::Other, message),
            }
            busy.set(false);
        });
    };

    let shown = move || {
        let Some(r) = rel.get() else {
            return ().into_any();
        };
        let open = !r.lifecycle.is_over();
        let (p, g) = (r.purpose.clone(), r.ground_rules.clone());
        let written = !p.trim().is_empty() || !g.trim().is_empty();
        // Offered only here, never beside the form: what is agreed to is the text saved. Once
        // the pairing is over, who agreed to what is no longer asked of anyone: nothing said.
        let (said, offer) = if written && open {
            agreed_text(&r, actions, locale)
        } else {
            (String::new(), false)
        };
        // Once over, nothing more will be agreed: what was is said, nothing is asked for.
        let (not_set, empty) = if open {
            (Text::NotSet, Text::AgreementEmpty)
        } else {
            (Text::NotAgreed, Text::AgreementNotWritten)
        };
        let or_not_set = |text: String| {
            if text.trim().is_empty() {
                locale.text(not_set).to_owned()
            } else {
                text
            }
        };
        let body = if written {
            view! {
                <dl class="mw-facts">
                    <dt>{locale.text(Text::Purpose)}</dt>
                    <dd class="mw-prose" dir="auto">{or_not_set(p)}</dd>
                    <dt>{locale.text(Text::GroundRules)}</dt>
                    <dd class="mw-prose" dir="auto">{or_not_set(g)}</dd>
                </dl>
            }
            .into_any()
        } else {
            view! { <p class="mw-empty">{locale.text(empty)}</p> }.into_any()
        };
        let label = locale.text(if written {
            Text::EditAgreement
        } else {
            Text::WriteAgreement
        });
        view! {
            {body}
            {(!said.is_empty()).then(|| view! { <p class="mw-hint mw-agreed">{said}</p> })}
            {offer
                .then(|| {
                    view! {
                        <button type="button" class="mw-agree" on:click=agree>
                            {locale.text(Text::IAgree)}
                        </button>
                    }
                })}
            {open
                .then(|| {
                    view! {
                        <button type="button" class="mw-secondary mw-agreement-edit" on:click=edit>
                            {label}
                        </button>
                    }
                })}
            {(!editing.get())
                .then(|| {
                    view! { <p class="mw-error" role="alert">{problem.message(Field::Other)}</p> }
                })}
            {saved
                .get()
                .then(|| {
                    view! { <p class="mw-saved" role="status">{locale.text(Text::ActionSaved)}</p> }
                })}
            {move || {
                cleared
                    .with(Option::is_some)
                    .then(|| {
                        view! {
                            <p class="mw-saved" role="status">
                                {locale.text(Text::AgreementCleared)}
                                " "
                                <button type="button" class="mw-secondary mw-agreement-undo" on:click=undo_clear>
                                    {locale.text(Text::Undo)}
                                </button>
                            </p>
                        }
                    })
            }}
        }
        .into_any()
    };
    let field = move |part: Field, label: Text, value: RwSignal<String>| {
        let (control, error) = match part {
            Field::Purpose => ("mw-agreement-purpose", "mw-agreement-purpose-error"),
            _ => ("mw-agreement-rules", "mw-agreement-rules-error"),
        };
        view! {
            <label class="mw-field" for=control>{locale.text(label)}</label>
            <textarea
                dir="auto"
                id=control
                rows="4"
                aria-describedby=error
                aria-invalid=problem.invalid(part)
                prop:value=value_of(value)
                on:input=set_from_event(value)
            />
            <p id=error class="mw-error" role="alert">{problem.message(part)}</p>
        }
    };
    let form = move || {
        nav.forget_unsaved_with_form("agreement");
        view! {
            <form class="mw-form" on:submit=submit on:input=move |_| nav.set_unsaved("agreement", true) novalidate>
                {field(Field::Purpose, Text::Purpose, purpose)}
                {field(Field::GroundRules, Text::GroundRules, ground_rules)}
                <p class="mw-error" role="alert">{problem.message(Field::Other)}</p>
                {move || {
                    clearing
                        .get()
                        .then(|| {
                            view! {
                                <div class="mw-confirm mw-agreement-clear">
                                    <p>{locale.text(Text::ConfirmClearAgreement)}</p>
                                    <div class="mw-actions">
                                        <button type="button" aria-disabled=refused_while(move || busy.get()) on:click=clear>
                                            {locale.text(Text::YesClearAgreement)}
                                        </button>
                                        <button type="button" class="mw-secondary mw-cancel" on:click=keep>
                                            {locale.text(Text::KeepAgreement)}
                                        </button>
                                    </div>
                                </div>
                            }
                        })
                }}
                <div class="mw-actions">
                    <button type="submit" aria-disabled=refused_while(move || busy.get())>
                        {locale.text(Text::SaveChanges)}
                    </button>
                    <button type="button" class="mw-secondary" on:click=cancel>
                        {locale.text(Text::Cancel)}
                    </button>
                </div>
            </form>
        }
        .into_any()
    };
    view! {
        <section class="mw-section" aria-labelledby="mw-agreement-heading">
            <h4 id="mw-agreement-heading">{locale.text(Text::OurAgreement)}</h4>
            {move || if editing.get() { form() } else { shown() }}
            // Outside the texts redrawn when the agreement changes, so settling one keeps
            // the keyboard in the notes.
            <ConflictsOf actions entity="relationship" record=conflicts_of fields=&["purpose", "ground-rules"] />
        </section>
    }
}

/// Who of the pair agreed to the agreement as it stands, and who agreed to an earlier text
/// (`Relationship::agreement_of`), in words; and whether the reader may agree to it now.
fn agreed_text(r: &Relationship, actions: Actions, locale: super::i18n::Locale) -> (String, bool) {
    let zone = zone::of_me(actions);
    let day = |at: Millis| locale.date(zone::day(at, &zone));
    let name = |id: &RecordId| actions.workspace.name_of(id);
    let me = my_id(actions);
    let sides = [Side::Mentor, Side::Mentee].map(|side| r.agreement_of(side));
    let mut lines = Vec::new();
    match sides.map(|a| a.filter(|(_, now)| *now).map(|(a, _)| a)) {
        [Some(a), Some(b)] => {
            lines.push(locale.format(Text::AgreedByBoth, &[&day(a.at.max(b.at))]))
        }
        // The reader is "you", not their own name.
        [Some(a), None] | [None, Some(a)] => {
            let other = r.partner_of(&a.by);
            lines.push(match (&me, other) {
                (Some(me), _) if *me == a.by => locale.format(
                    Text::YouAgreedWaiting,
                    &[&day(a.at), &other.map(name).unwrap_or_default()],
                ),
                (Some(me), Some(other)) if me == other => {
                    locale.format(Text::AgreedWaitingForYou, &[&name(&a.by), &day(a.at)])
                }
                _ => locale.format(
                    Text::AgreedWaiting,
                    &[
                        &name(&a.by),
                        &day(a.at),
                        &other.map(name).unwrap_or_default(),
                    ],
                ),
            });
        }
        [None, None] if sides.iter().all(Option::is_none) => {
            lines.push(locale.text(Text::AgreedByNeither).to_owned())
        }
        [None, None] => {}
    }
    for (a, _) in sides.iter().flatten().filter(|(_, now)| !now) {
        lines.push(if me.as_ref() == Some(&a.by) {
            locale.format(Text::ChangedSinceYouAgreed, &[&day(a.at)])
        } else {
            locale.format(Text::AgreementChangedSince, &[&name(&a.by), &day(a.at)])
        });
    }
    let offer = me.is_some_and(|me| r.awaits_agreement_of(&me));
    (lines.join(" "), offer)
}

/// The button that offers a move.
fn move_text(next: &Lifecycle, ending: Ending) -> Text {
    match next {
        Lifecycle::Paused => Text::PauseRelationship,
        Lifecycle::Proposed | Lifecycle::Active => Text::ResumeRelationship,
        Lifecycle::Completed => Text::MarkCompleted,
        Lifecycle::EndedEarly { .. } => ending.texts().0,
    }
}

/// What ending a relationship early is, said as the person would: a proposed one that has
/// not started is a pairing its mentee withdraws from (whether they asked for it or matching
/// made it), or its mentor declines. One word for each, on every screen and in reminders.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    Early,
    Withdraw,
    Decline,
}

impl Ending {
    fn of(relationship: &Relationship, me: Option<&RecordId>) -> Ending {
        match (
            &relationship.lifecycle,
            me.and_then(|me| relationship.side_of(me)),
        ) {
            (Lifecycle::Proposed, Some(Side::Mentor)) => Ending::Decline,
            (Lifecycle::Proposed, _) => Ending::Withdraw,
            _ => Ending::Early,
        }
    }

    /// The label of the reason asked for.
    fn reason_label(self) -> Text {
        match self {
            Ending::Early => Text::ReasonForEnding,
            Ending::Withdraw => Text::ReasonForWithdrawing,
            Ending::Decline => Text::ReasonForDeclining,
        }
    }

    /// The status it leaves, said without the reason: the page's facts show the reason.
    fn done(self) -> Text {
        match self {
            Ending::Early => Text::EndedEarlyShort,
            Ending::Withdraw => Text::WithdrawnShort,
            Ending::Decline => Text::DeclinedShort,
        }
    }

    /// The button, the question, the confirming button and the one that backs out: a
    /// withdrawal is backed out of by keeping the pairing, not by a "Cancel".
    fn texts(self) -> (Text, Text, Text, Text) {
        match self {
            Ending::Early => (
                Text::EndEarly,
                Text::ConfirmEndEarly,
                Text::YesEndEarly,
                Text::Cancel,
            ),
            Ending::Withdraw => (
                Text::WithdrawRequest,
                Text::ConfirmWithdraw,
                Text::YesWithdraw,
                Text::KeepPairing,
            ),
            Ending::Decline => (
                Text::DeclineProposal,
                Text::ConfirmDecline,
                Text::YesDecline,
                Text::Cancel,
            ),
        }
    }
}

/// The moves the pair may make from where the relationship stands. A move that cannot be
/// undone asks first (ending early asks why); pausing or resuming can be undone at once.
#[component]
pub fn LifecycleControls(actions: Actions, nav: Nav, relationship: RecordId) -> impl IntoView {
    let locale = use_locale();
    let rel = memo(move || actions.workspace.relationship(&relationship));
    // The move being asked about, and where an undo goes back to.
    let asking = RwSignal::new(None::<Lifecycle>);
    let undo = RwSignal::new(None::<Lifecycle>);
    let reason = RwSignal::new(String::new());
    let problem = FormProblem::new();
    let said = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let open = memo(move || rel.with(|r| r.as_ref().is_some_and(|r| !r.lifecycle.is_over())));
    let partner = memo(move || {
        let me = my_id(actions);
        rel.with(|r| {
            r.as_ref()
                .zip(me.as_ref())
                .and_then(|(r, me)| r.partner_of(me).map(|p| actions.workspace.name_of(p)))
                .unwrap_or_default()
        })
    });
    let ending_kind = memo(move || {
        let me = my_id(actions);
        rel.with(|r| {
            r.as_ref()
                .map_or(Ending::Early, |r| Ending::of(r, me.as_ref()))
        })
    });

    // `undoable`: whether the move offers to be undone (an undo does not).
    let make = move |next: Lifecycle, undoable: bool| {
        let Some(r) = rel.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let ending = matches!(next, Lifecycle::EndedEarly { .. });
        let done = ending.then(|| ending_kind.get_untracked().done());
        spawn_local(async move {
            let back = (undoable && !next.is_over()).then_some(r.lifecycle);
            match actions
                .change_relationship(&r.id, PartyChange::Move(next))
                .await
            {
                Ok(_) => {
                    problem.clear();
                    asking.set(None);
                    reason.set(String::new());
                    // An ending's reason is in the page's facts already: said once.
                    said.set(rel.get_untracked().map(|now| {
                        let standing = match done {
                            Some(done) => locale.text(done).to_owned(),
                            None => standing_text(&now, actions, locale),
                        };
                        locale.format(Text::StatusChangedTo, &[&standing])
                    }));
                    nav.focus(if back.is_some() {
                        ".mw-undo"
                    } else {
                        ".mw-said"
                    });
                    undo.set(back);
                }
                Err(message) => {
                    problem.set(if ending { Field::Reason } else { Field::Other }, message)
                }
            }
            busy.set(false);
        });
    };
    let cancel = move |_| {
        asking.set(None);
        problem.clear();
        nav.focus(".mw-moves button");
    };
    let confirm = move |ev: SubmitEvent| {
        ev.prevent_default();
        let next = match asking.get_untracked() {
            Some(Lifecycle::EndedEarly { .. }) => Lifecycle::EndedEarly {
                reason: reason.get_untracked(),
            },
            Some(next) => next,
            None => return,
        };
        make(next, false);
    };
    let moves = move || {
        let offered = rel.with(|r| {
            r.as_ref()
                .map(|r| party_moves(&r.lifecycle))
                .unwrap_or_default()
        });
        offered
            .into_iter()
            .map(|next| {
                let label = locale.text(move_text(&next, ending_kind.get()));
                view! {
                    <button
                        type="button"
                        class="mw-secondary"
                        on:click=move |_| {
                            problem.clear();
                            if next.is_over() {
                                asking.set(Some(next.clone()));
                                nav.focus(".mw-confirm input, .mw-confirm button");
                            } else {
                                make(next.clone(), true);
                            }
                        }
                    >
                        {label}
                    </button>
                }
            })
            .collect_any()
    };
    // Sessions planned ahead are not held once the pair is over: said before it is.
    // Named by their dates where the person is, the first few and how many more.
    let planned = move || {
        let (me, r) = (my_id(actions)?, rel.get()?);
        let ((first, more), n) = (actions.workspace.sessions).with(|all| {
            let ahead = planned_ahead(all, &r, &me, actions.now());
            (first_named(&ahead), ahead.len())
        });
        let zone = zone::of_me(actions);
        let dates: Vec<String> = (first.iter())
            .map(|at| locale.date(zone::day(*at, &zone)))
            .collect();
        let named = locale.and_more_sessions(&locale.list(&dates), more);
        (n > 0).then(|| {
            locale.format(
                Text::PlannedNotHeld,
                &[&locale.count(Text::CountSessions, n), &named],
            )
        })
    };
    let question = move || {
        let ending = matches!(asking.get()?, Lifecycle::EndedEarly { .. });
        let (question, yes, no) = if ending {
            let (_, question, yes, no) = ending_kind.get().texts();
            (question, yes, no)
        } else {
            (Text::ConfirmComplete, Text::YesComplete, Text::Cancel)
        };
        Some(view! {
            <form class="mw-form mw-confirm" on:submit=confirm novalidate>
                {ending
                    .then(|| {
                        view! {
                            <label class="mw-field" for="mw-end-reason">
                                {move || locale.text(ending_kind.get().reason_label())}
                            </label>
                            <p id="mw-end-reason-hint" class="mw-hint">
                                {move || locale.format(Text::ReasonRequiredHint, &[&partner.get()])}
                            </p>
                            <input
                                dir="auto"
                                id="mw-end-reason"
                                type="text"
                                aria-required="true"
                                aria-describedby="mw-end-reason-hint mw-end-reason-error"
                                aria-invalid=problem.invalid(Field::Reason)
                                prop:value=value_of(reason)
                                on:input=set_from_event(reason)
                            />
                            <p id="mw-end-reason-error" class="mw-error" role="alert">
                                {problem.message(Field::Reason)}
                            </p>
                        }
                    })}
                <p>{locale.text(question)}</p>
                {move || planned().map(|text| view! { <p class="mw-planned-not-held">{text}</p> })}
                <div class="mw-actions">
                    <button type="submit" aria-disabled=refused_while(move || busy.get())>
                        {locale.text(yes)}
                    </button>
                    <button type="button" class="mw-secondary mw-cancel" on:click=cancel>
                        {locale.text(no)}
                    </button>
                </div>
            </form>
        })
    };
    // Hidden while a confirm step is open: one question at a time, and an undo pressed there
    // would make a move the person is not looking at.
    let undo_button = move || {
        let offered = undo.get().filter(|_| asking.with(Option::is_none));
        offered.map(|back| {
            view! {
                <button
                    type="button"
                    class="mw-secondary mw-undo"
                    on:click=move |_| {
                        undo.set(None);
                        make(back.clone(), false);
                    }
                >
                    {locale.text(Text::Undo)}
                </button>
            }
        })
    };
    move || {
        (open.get() || said.with(Option::is_some)).then(|| {
            view! {
                <section class="mw-section" aria-labelledby="mw-moves-heading">
                    <h4 id="mw-moves-heading">{locale.text(Text::ChangeStatus)}</h4>
                    <div class="mw-actions mw-moves">{moves}</div>
                    {question}
                    <p class="mw-error" role="alert">{problem.message(Field::Other)}</p>
                    <p class="mw-hint mw-said" role="status" tabindex="-1">{move || said.get()}</p>
                    {undo_button}
                </section>
            }
        })
    }
}
