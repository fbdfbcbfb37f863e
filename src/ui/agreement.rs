//! What the pair agree about their relationship (its purpose and ground rules) and where it
//! stands (pause, resume, complete, end early), as the two of them change it on its page. What
//! they may do is the core's (`relationship::change_by_party`, `party_moves`); these components
//! only offer it.

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::relationship::{check_agreement, party_moves, AgreementPart, PartyChange};
use mentoring_core::{Lifecycle, RecordId};

use super::form_problem::{FormPart, FormProblem};
use super::i18n::Text;
use super::relationships::lifecycle_text;
use super::state::Actions;
use super::{focus_when_drawn, use_locale};

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
pub fn Agreement(actions: Actions, relationship: RecordId) -> impl IntoView {
    let locale = use_locale();
    let id = StoredValue::new(relationship);
    let rel = Memo::new(move |_| actions.workspace.relationship(&id.get_value()));
    let texts = Memo::new(move |_| {
        rel.with(|r| {
            r.as_ref()
                .map(|r| (r.purpose.clone(), r.ground_rules.clone()))
                .unwrap_or_default()
        })
    });
    let written = move || texts.with(|(p, g)| !p.trim().is_empty() || !g.trim().is_empty());
    let open = move || rel.with(|r| r.as_ref().is_some_and(|r| !r.lifecycle.is_over()));
    let editing = RwSignal::new(false);
    let purpose = RwSignal::new(String::new());
    let ground_rules = RwSignal::new(String::new());
    let problem = FormProblem::new();
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let section = NodeRef::<html::Section>::new();

    let edit = move |_| {
        let (p, g) = texts.get_untracked();
        purpose.set(p);
        ground_rules.set(g);
        problem.clear();
        saved.set(false);
        editing.set(true);
        focus_when_drawn(section, "textarea");
    };
    let cancel = move |_| {
        editing.set(false);
        problem.clear();
        focus_when_drawn(section, ".mw-agreement-edit");
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (p, g) = (purpose.get_untracked(), ground_rules.get_untracked());
        busy.set(true);
        spawn_local(async move {
            let change = PartyChange::Agreement {
                purpose: p.clone(),
                ground_rules: g.clone(),
            };
            match actions.change_relationship(&id.get_value(), change).await {
                Ok(()) => {
                    problem.clear();
                    editing.set(false);
                    saved.set(true);
                    focus_when_drawn(section, ".mw-agreement-edit");
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

    let shown = move || {
        let (p, g) = texts.get();
        if p.trim().is_empty() && g.trim().is_empty() {
            return view! { <p class="mw-empty">{locale.text(Text::AgreementEmpty)}</p> }
                .into_any();
        }
        let or_not_set = |text: String| {
            if text.trim().is_empty() {
                locale.text(Text::NotSet).to_owned()
            } else {
                text
            }
        };
        view! {
            <dl class="mw-facts">
                <dt>{locale.text(Text::Purpose)}</dt>
                <dd class="mw-prose">{or_not_set(p)}</dd>
                <dt>{locale.text(Text::GroundRules)}</dt>
                <dd class="mw-prose">{or_not_set(g)}</dd>
            </dl>
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
                id=control
                rows="4"
                aria-describedby=error
                aria-invalid=problem.invalid(part)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <p id=error class="mw-error" role="alert">{problem.message(part)}</p>
        }
    };
    let form = move || {
        view! {
            <form class="mw-form" on:submit=submit novalidate>
                {field(Field::Purpose, Text::Purpose, purpose)}
                {field(Field::GroundRules, Text::GroundRules, ground_rules)}
                <p class="mw-error" role="alert">{problem.message(Field::Other)}</p>
                <div class="mw-actions">
                    <button type="submit" disabled=move || busy.get()>
                        {locale.text(Text::SaveChanges)}
                    </button>
                    <button type="button" class="mw-secondary" on:click=cancel>
                        {locale.text(Text::Cancel)}
                    </button>
                </div>
            </form>
        }
    };
    view! {
        <section class="mw-section" aria-labelledby="mw-agreement-heading" node_ref=section>
            <h4 id="mw-agreement-heading">{locale.text(Text::OurAgreement)}</h4>
            <Show when=move || !editing.get() fallback=form>
                {shown}
                <Show when=open>
                    <button type="button" class="mw-secondary mw-agreement-edit" on:click=edit>
                        {move || {
                            locale
                                .text(if written() { Text::EditAgreement } else { Text::WriteAgreement })
                        }}
                    </button>
                </Show>
                <Show when=move || saved.get()>
                    <p class="mw-saved" role="status">{locale.text(Text::ActionSaved)}</p>
                </Show>
            </Show>
        </section>
    }
}

/// The button that offers a move.
fn move_text(next: &Lifecycle) -> Text {
    match next {
        Lifecycle::Paused => Text::PauseRelationship,
        Lifecycle::Proposed | Lifecycle::Active => Text::ResumeRelationship,
        Lifecycle::Completed => Text::MarkCompleted,
        Lifecycle::EndedEarly { .. } => Text::EndEarly,
    }
}

/// The moves the pair may make from where the relationship stands. A move that cannot be
/// undone asks first (ending early asks why); pausing or resuming can be undone at once.
#[component]
pub fn LifecycleControls(actions: Actions, relationship: RecordId) -> impl IntoView {
    let locale = use_locale();
    let id = StoredValue::new(relationship);
    let rel = Memo::new(move |_| actions.workspace.relationship(&id.get_value()));
    let moves = Memo::new(move |_| {
        rel.with(|r| {
            r.as_ref()
                .map(|r| party_moves(&r.lifecycle))
                .unwrap_or_default()
        })
    });
    let confirming = RwSignal::new(None::<Lifecycle>);
    let reason = RwSignal::new(String::new());
    let problem = FormProblem::new();
    let undo = RwSignal::new(None::<Lifecycle>);
    let said = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let section = NodeRef::<html::Section>::new();

    // `undoable`: whether the move offers to be undone (an undo does not).
    let make = move |next: Lifecycle, undoable: bool| {
        if busy.get_untracked() {
            return;
        }
        let before = rel.get_untracked().map(|r| r.lifecycle);
        busy.set(true);
        spawn_local(async move {
            let ending = matches!(next, Lifecycle::EndedEarly { .. });
            let over = next.is_over();
            match actions
                .change_relationship(&id.get_value(), PartyChange::Move(next))
                .await
            {
                Ok(()) => {
                    problem.clear();
                    confirming.set(None);
                    reason.set(String::new());
                    let now = rel.get_untracked().map(|r| r.lifecycle);
                    said.set(now.map(|l| {
                        locale.format(Text::StatusChangedTo, &[&lifecycle_text(&l, locale)])
                    }));
                    let back = before.filter(|_| undoable && !over);
                    let focus = if back.is_some() {
                        ".mw-undo"
                    } else {
                        ".mw-said"
                    };
                    undo.set(back);
                    focus_when_drawn(section, focus);
                }
                Err(message) => {
                    problem.set(if ending { Field::Reason } else { Field::Other }, message)
                }
            }
            busy.set(false);
        });
    };
    let choose = move |next: Lifecycle| {
        problem.clear();
        if next.is_over() {
            confirming.set(Some(next));
            focus_when_drawn(section, ".mw-confirm input, .mw-confirm button");
        } else {
            make(next, true);
        }
    };
    let cancel = move |_| {
        confirming.set(None);
        problem.clear();
        focus_when_drawn(section, ".mw-moves button");
    };
    let confirm = move |ev: SubmitEvent| {
        ev.prevent_default();
        let next = match confirming.get_untracked() {
            Some(Lifecycle::EndedEarly { .. }) => Lifecycle::EndedEarly {
                reason: reason.get_untracked(),
            },
            Some(next) => next,
            None => return,
        };
        make(next, false);
    };
    let confirm_panel = move || {
        let next = confirming.get()?;
        let ending = matches!(next, Lifecycle::EndedEarly { .. });
        let (question, yes) = if ending {
            (Text::ConfirmEndEarly, Text::YesEndEarly)
        } else {
            (Text::ConfirmComplete, Text::YesComplete)
        };
        Some(view! {
            <form class="mw-form mw-confirm" on:submit=confirm novalidate>
                {ending
                    .then(|| {
                        view! {
                            <label class="mw-field" for="mw-end-reason">
                                {locale.text(Text::ReasonForEnding)}
                            </label>
                            <input
                                id="mw-end-reason"
                                type="text"
                                aria-describedby="mw-end-reason-error"
                                aria-invalid=problem.invalid(Field::Reason)
                                prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev))
                            />
                            <p id="mw-end-reason-error" class="mw-error" role="alert">
                                {problem.message(Field::Reason)}
                            </p>
                        }
                    })}
                <p>{locale.text(question)}</p>
                <div class="mw-actions">
                    <button type="submit" disabled=move || busy.get()>
                        {locale.text(yes)}
                    </button>
                    <button type="button" class="mw-secondary" on:click=cancel>
                        {locale.text(Text::Cancel)}
                    </button>
                </div>
            </form>
        })
    };
    let shown = move || !moves.with(Vec::is_empty) || said.with(Option::is_some);
    view! {
        <Show when=shown>
            <section class="mw-section" aria-labelledby="mw-moves-heading" node_ref=section>
                <h4 id="mw-moves-heading">{locale.text(Text::Status)}</h4>
                <div class="mw-actions mw-moves">
                    <For each=move || moves.get() key=|next| move_text(next) as u16 let:next>
                        <button
                            type="button"
                            class="mw-secondary"
                            on:click={
                                let next = next.clone();
                                move |_| choose(next.clone())
                            }
                        >
                            {locale.text(move_text(&next))}
                        </button>
                    </For>
                </div>
                {confirm_panel}
                <p class="mw-error" role="alert">{problem.message(Field::Other)}</p>
                <p class="mw-hint mw-said" role="status" tabindex="-1">{move || said.get()}</p>
                <Show when=move || undo.with(Option::is_some)>
                    <button
                        type="button"
                        class="mw-secondary mw-undo"
                        on:click=move |_| {
                            if let Some(back) = undo.get_untracked() {
                                undo.set(None);
                                make(back, false);
                            }
                        }
                    >
                        {locale.text(Text::Undo)}
                    </button>
                </Show>
            </section>
        </Show>
    }
}
