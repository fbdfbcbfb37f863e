//! The learning log both parties keep: "what I learned", kept to myself or shared with my
//! partner; my entries and the ones my partner shared with me.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::feedback::{learning_log, may_rewrite_learning, may_share_into};
use mentoring_core::{LearningEntry, RecordId};

use super::conflicts::shortened;
use super::i18n::{in_words_of, Text};
use super::keyed_list;
use super::memo;
use super::relationships::{my_id, title_of};
use super::screens::Nav;
use super::session_log::zone;
use super::shown_while;
use super::state::Actions;
use super::undo_line;
use super::value_of;
use super::{focus_when_drawn, refused_while, use_locale};

#[component]
pub fn LearningLog(actions: Actions, relationship: RecordId) -> impl IntoView {
    let locale = use_locale();
    let rel_id = relationship.clone();
    let rel = memo(move || actions.workspace.relationship(&rel_id));
    let partner = memo(move || {
        let r = rel.get()?;
        let me = my_id(actions)?;
        r.partner_of(&me).map(|p| actions.workspace.name_of(p))
    });
    let text = RwSignal::new(String::new());
    let shared = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    // A new entry to be shared asks first, as sharing an entry already kept does, naming who
    // will read it: `asking` while the question is on the screen.
    let asking = RwSignal::new(false);
    let form = NodeRef::<leptos::html::Form>::new();
    // An entry typed and not added yet is asked about on leaving, the screen or the page.
    if let Some(nav) = use_context::<Nav>() {
        nav.forget_unsaved_with_form("learning-new");
        Effect::new(move |_| {
            nav.set_unsaved("learning-new", !text.with(|t| t.trim().is_empty()));
        });
    }
    let add = move || {
        if busy.get_untracked() {
            return;
        }
        let (Some(r), Some(me)) = (rel.get_untracked(), actions.me()) else {
            error.set(Some(locale.text(Text::RelationshipMissing).to_owned()));
            return;
        };
        let entry = LearningEntry {
            id: actions.new_id("learning"),
            author: me,
            relationship: r.id,
            text: text.get_untracked().trim().to_owned(),
            shared_with_partner: shared.get_untracked(),
            written_at: actions.now(),
        };
        busy.set(true);
        saved.set(false);
        spawn_local(async move {
            match actions.write_learning(entry).await {
                Ok(()) => {
                    text.set(String::new());
                    // Sharing is chosen for each entry: the next starts kept to oneself.
                    shared.set(false);
                    error.set(None);
                    saved.set(true);
                }
                Err(message) => error.set(Some(message)),
            }
            asking.set(false);
            busy.set(false);
        });
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        // "Added" is about the entry before: left up while this one asks to be shared, it
        // would read as said of this one.
        saved.set(false);
        // An empty entry is refused as it would be unshared, with nothing to ask about.
        let blank = text.with_untracked(|t| t.trim().is_empty());
        if shared.get_untracked() && !blank {
            error.set(None);
            asking.set(true);
            focus_when_drawn(form, "#mw-learning-share-new button");
        } else {
            add();
        }
    };
    let question = move || {
        asking.get().then(|| {
            let partner = partner.get().unwrap_or_default();
            let opening =
                text.with(|t| shortened(t.trim(), 40).unwrap_or_else(|| t.trim().to_owned()));
            view! {
                <div id="mw-learning-share-new" class="mw-confirm">
                    <p>{locale.format(Text::ConfirmShareEntry, &[&opening, &partner])}</p>
                    <div class="mw-actions">
                        <button
                            type="button"
                            aria-disabled=refused_while(move || busy.get())
                            on:click=move |_| add()
                        >
                            {locale.format(Text::YesShareEntry, &[&partner])}
                        </button>
                        <button
                            type="button"
                            class="mw-secondary mw-cancel"
                            on:click=move |_| {
                                asking.set(false);
                                focus_when_drawn(form, "#mw-learning-share");
                            }
                        >
                            {locale.text(Text::Cancel)}
                        </button>
                    </div>
                </div>
            }
        })
    };
    let title = move || {
        rel.get()
            .map(|r| locale.format(Text::LearningLogFor, &[&title_of(actions, &r, locale)]))
            .unwrap_or_else(|| locale.text(Text::LearningLog).to_owned())
    };
    view! {
        <h3 class="mw-screen-title" tabindex="-1">{title}</h3>
        <form class="mw-form" on:submit=submit novalidate node_ref=form>
            <label class="mw-field" for="mw-learning-text">{locale.text(Text::WhatILearned)}</label>
            <p id="mw-learning-hint" class="mw-hint">
                {move || {
                    let kind = rel.with(|r| r.as_ref().map(|r| r.kind.programme_kind()));
                    locale.text(kind.map_or(Text::WhatILearnedHint, |k| in_words_of(k, Text::WhatILearnedHint)))
                }}
            </p>
            <textarea
                dir="auto"
                id="mw-learning-text"
                rows="4"
                aria-describedby="mw-learning-hint mw-learning-error"
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=value_of(text)
                on:input=move |ev| {
                    text.set(event_target_value(&ev));
                    error.set(None);
                    asking.set(false);
                }
            />
            <p id="mw-learning-error" class="mw-error" role="alert">{move || error.get()}</p>
            {shown_while(move || rel.with(|r| r.as_ref().is_some_and(may_share_into)), move || view! {
                <label class="mw-option">
                    <input
                        id="mw-learning-share"
                        type="checkbox"
                        prop:checked=move || shared.get()
                        on:change=move |ev| {
                            shared.set(event_target_checked(&ev));
                            asking.set(false);
                        }
                    />
                    <span>
                        {move || {
                            locale.format(Text::ShareWithPartner, &[&partner.get().unwrap_or_default()])
                        }}
                    </span>
                </label>
            }.into_any())}
            {question}
            {shown_while(move || saved.get(), move || view! {
                <p class="mw-saved" role="status">{locale.text(Text::LearningSaved)}</p>
            }.into_any())}
            <button type="submit" aria-disabled=refused_while(move || busy.get())>
                {locale.text(Text::AddToLearningLog)}
            </button>
        </form>
        <section class="mw-section" aria-labelledby="mw-learning-list-heading">
            <h4 id="mw-learning-list-heading">{locale.text(Text::LearningEntries)}</h4>
            <LearningEntries actions relationship said=saved />
        </section>
    }
}

/// An entry's first words, which tell its buttons apart for a screen reader.
fn opening(entry: &LearningEntry) -> String {
    shortened(&entry.text, 40).unwrap_or_else(|| entry.text.clone())
}

/// My entries in a relationship's learning log and the ones my partner shared, newest first.
/// My own I may rewrite in place (one at a time), share or unshare, and delete (with an undo).
/// `said`: the form above's "added", put away when a share asks here (said of another entry).
#[component]
pub fn LearningEntries(
    actions: Actions,
    relationship: RecordId,
    #[prop(optional)] said: Option<RwSignal<bool>>,
) -> impl IntoView {
    let locale = use_locale();
    let partner_of = relationship.clone();
    let shares_into = relationship.clone();
    let partner = memo(move || {
        let r = actions.workspace.relationship(&partner_of)?;
        let me = my_id(actions)?;
        r.partner_of(&me).map(|p| actions.workspace.name_of(p))
    });
    let entries = memo(move || {
        let me = my_id(actions)?;
        let r = actions.workspace.relationship(&relationship)?;
        Some(actions.workspace.learning.with(|all| {
            learning_log(all, &r, &me)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        }))
    });
    let my_zone = memo(move || zone::of_me(actions));
    let may_share = memo(move || {
        (actions.workspace.relationship(&shares_into)).is_some_and(|r| may_share_into(&r))
    });
    let error = RwSignal::new(None::<String>);
    let root = NodeRef::<leptos::html::Div>::new();
    let focus = move |selector: String| focus_when_drawn(root, &selector);
    // Shared by mistake, or kept back at first: the author changes who reads an entry.
    // Sharing asks first, saying who will read it (`sharing`: the entry asked about); it
    // cannot be taken back once the partner has read it. Keeping it back again does not ask.
    let sharing = RwSignal::new(None::<RecordId>);
    let busy = RwSignal::new(false);
    let reshare = move |entry: LearningEntry| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let id = entry.id.clone();
        let changed = LearningEntry {
            shared_with_partner: !entry.shared_with_partner,
            ..entry
        };
        spawn_local(async move {
            let result = actions.change_learning(changed).await;
            sharing.set(None);
            if result.is_ok() {
                focus(format!("#mw-learning-{id}-share-button"));
            }
            error.set(result.err());
            busy.set(false);
        });
    };
    // The entry being rewritten, its text so far, and whether that differs from what it was.
    let editing = RwSignal::new(None::<RecordId>);
    let draft = RwSignal::new(String::new());
    let changed = RwSignal::new(false);
    // Said when Edit is pressed on another entry while one holds changes not saved.
    let finish_first = RwSignal::new(false);
    // What was typed into an entry deleted meanwhile (on another device): kept to copy.
    let lost = RwSignal::new(None::<String>);
    let nav = use_context::<Nav>();
    if let Some(nav) = nav {
        nav.forget_unsaved_with_form("learning-entry");
    }
    let unsaved = move |unsaved: bool| {
        changed.set(unsaved);
        if !unsaved {
            finish_first.set(false);
        }
        if let Some(nav) = nav {
            nav.set_unsaved("learning-entry", unsaved);
        }
    };
    // The entry being rewritten deleted meanwhile takes its row with it: what was typed stays
    // on the screen, and there is nothing left to save or to ask about on leaving.
    Effect::new(move |_| {
        let Some(id) = editing.get() else {
            return;
        };
        let there = entries.with(|e| e.as_ref().is_some_and(|e| e.iter().any(|x| x.id == id)));
        if !there {
            editing.set(None);
            unsaved(false);
            lost.set(Some(draft.get_untracked()));
            focus("#mw-learning-lost".to_owned());
        }
    });
    let save = move |entry: LearningEntry| {
        let id = entry.id.clone();
        let changed = LearningEntry {
            text: draft.get_untracked().trim().to_owned(),
            ..entry
        };
        spawn_local(async move {
            match actions.change_learning(changed).await {
                Ok(()) => {
                    error.set(None);
                    editing.set(None);
                    unsaved(false);
                    focus(format!("#mw-learning-{id}-edit-button"));
                }
                Err(message) => error.set(Some(message)),
            }
        });
    };
    let deleted = RwSignal::new(None::<LearningEntry>);
    let delete = move |id: RecordId| {
        spawn_local(async move {
            match actions.delete_learning(&id).await {
                Ok(gone) => {
                    error.set(None);
                    deleted.set(Some(gone));
                    focus(".mw-learning-undo".to_owned());
                }
                Err(message) => error.set(Some(message)),
            }
        });
    };
    let undo_offer = memo(move || {
        deleted.get().map(|entry| {
            // Brought back, it is shared again as it was: said while it can still be left.
            let said = match (entry.shared_with_partner, partner.get()) {
                (true, Some(partner)) => locale.format(Text::EntryDeletedShared, &[&partner]),
                _ => locale.text(Text::EntryDeleted).to_owned(),
            };
            (
                said,
                locale.format(Text::UndoDeleteEntry, &[&opening(&entry)]),
            )
        })
    });
    let undo = std::sync::Arc::new(move || {
        let Some(entry) = deleted.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match actions.restore_learning(&entry).await {
                Ok(()) => {
                    deleted.set(None);
                    focus(format!("#mw-learning-{}", entry.id));
                }
                Err(message) => error.set(Some(message)),
            }
        });
    });
    let lost_text = move || {
        lost.get().map(|typed| {
            view! {
                <div class="mw-form">
                    <p class="mw-error" role="alert">{locale.text(Text::RecordGone)}</p>
                    <label class="mw-field" for="mw-learning-lost">
                        {locale.text(Text::WhatILearned)}
                    </label>
                    <textarea id="mw-learning-lost" dir="auto" rows="4" readonly prop:value=typed />
                </div>
            }
        })
    };
    view! {
        <div node_ref=root>
            {shown_while(move || entries.with(|e| e.as_ref().is_none_or(Vec::is_empty)), move || view! {
                <p class="mw-empty">{locale.text(Text::NoLearningYet)}</p>
            }.into_any())}
            <p id="mw-learning-entries-error" class="mw-error" role="alert">
                {move || error.get()}
            </p>
            {lost_text}
            <p class="mw-saved">{undo_line(undo_offer, "mw-secondary mw-learning-undo", undo.clone())}</p>
            <p class="mw-hint" role="status">
                {move || finish_first.get().then(|| locale.text(Text::FinishEntryFirst))}
            </p>
            <ul class="mw-cards">
                {keyed_list(
                    move || entries.get().unwrap_or_default(),
                    |e| (e.id.clone(), e.shared_with_partner, e.text.clone()),
                    move |entry| view! {
                    {
                        let mine = actions.me().is_some_and(|me| may_rewrite_learning(&entry, &me));
                        let who = if mine {
                            locale
                                .text(
                                    if entry.shared_with_partner {
                                        Text::MineShared
                                    } else {
                                        Text::MineOnly
                                    },
                                )
                                .to_owned()
                        } else {
                            locale.format(Text::SharedBy, &[&actions.workspace.name_of(&entry.author)])
                        };
                        let when = locale.date_time(entry.written_at, &my_zone.get_untracked());
                        let mine_entry = entry.clone();
                        let toggle = move || {
                            let entry = mine_entry.clone();
                            mine.then(|| {
                                let (text, named) = if entry.shared_with_partner {
                                    (Text::StopSharing, Text::StopSharingNamed)
                                } else {
                                    (Text::ShareEntry, Text::ShareEntryNamed)
                                };
                                let opening = opening(&entry);
                                let label = locale.format(named, &[&opening]);
                                let edit_label = locale.format(Text::EditEntryNamed, &[&opening]);
                                let delete_label = locale.format(Text::DeleteEntryNamed, &[&opening]);
                                let (shared, id, text_now) = (
                                    entry.clone(),
                                    entry.id.clone(),
                                    entry.text.clone(),
                                );
                                let share_button = format!("mw-learning-{}-share-button", entry.id);
                                let confirm_id = format!("mw-learning-{}-share", entry.id);
                                let asked = entry.id.clone();
                                let asking = memo(move || sharing.with(|s| s.as_ref() == Some(&asked)));
                                let unshared = !entry.shared_with_partner;
                                let share = {
                                    let (entry, confirm_id) = (entry.clone(), confirm_id.clone());
                                    move |_| {
                                        if entry.shared_with_partner {
                                            reshare(entry.clone());
                                        } else {
                                            error.set(None);
                                            if let Some(said) = said {
                                                said.set(false);
                                            }
                                            sharing.set(Some(entry.id.clone()));
                                            focus(format!("#{confirm_id} button"));
                                        }
                                    }
                                };
                                let partner_name = partner.get_untracked().unwrap_or_default();
                                let question = locale.format(
                                    Text::ConfirmShareEntry,
                                    &[&opening, &partner_name],
                                );
                                let yes = locale.format(Text::YesShareEntry, &[&partner_name]);
                                let back_to = format!("#{share_button}");
                                let confirm_step = move || {
                                    let shared = shared.clone();
                                    let back_to = back_to.clone();
                                    asking.get().then(|| {
                                        let submit = move |ev: SubmitEvent| {
                                            ev.prevent_default();
                                            reshare(shared.clone());
                                        };
                                        view! {
                                            <form id=confirm_id.clone() class="mw-form mw-confirm" on:submit=submit novalidate>
                                                <p>{question.clone()}</p>
                                                <div class="mw-actions">
                                                    <button type="submit" aria-disabled=refused_while(move || busy.get())>
                                                        {yes.clone()}
                                                    </button>
                                                    <button
                                                        type="button"
                                                        class="mw-secondary mw-cancel"
                                                        on:click=move |_| {
                                                            sharing.set(None);
                                                            focus(back_to.clone());
                                                        }
                                                    >
                                                        {locale.text(Text::Cancel)}
                                                    </button>
                                                </div>
                                            </form>
                                        }
                                    })
                                };
                                let gone = entry.id.clone();
                                // Another entry's changes not saved yet would be thrown away.
                                let edit = move |_| {
                                    if changed.get_untracked() {
                                        finish_first.set(true);
                                        return;
                                    }
                                    draft.set(text_now.clone());
                                    editing.set(Some(id.clone()));
                                    focus(format!("#mw-learning-edit-{id}"));
                                };
                                view! {
                                    <div class="mw-actions">
                                        <button
                                            type="button"
                                            id=format!("mw-learning-{}-edit-button", entry.id)
                                            class="mw-secondary"
                                            aria-label=edit_label
                                            aria-disabled=refused_while(move || changed.get())
                                            on:click=edit
                                        >
                                            {locale.text(Text::Edit)}
                                        </button>
                                        <button
                                            type="button"
                                            class="mw-secondary"
                                            aria-label=delete_label
                                            on:click=move |_| delete(gone.clone())
                                        >
                                            {locale.text(Text::Delete)}
                                        </button>
                                        // Sharing into a pair over is refused (`check_learning_change`):
                                        // not offered; keeping one back again still is.
                                        {(!unshared || may_share.get()).then(|| view! {
                                            <button
                                                type="button"
                                                id=share_button
                                                class="mw-secondary"
                                                aria-label=label
                                                aria-expanded=move || unshared.then(|| asking.get().to_string())
                                                on:click=share
                                            >
                                                {locale.text(text)}
                                            </button>
                                        })}
                                    </div>
                                    {confirm_step}
                                }
                            })
                        };
                        let this = entry.id.clone();
                        let field = format!("mw-learning-edit-{}", entry.id);
                        let shown = entry.clone();
                        let card = move || {
                            if editing.with(|e| e.as_ref() == Some(&this)) {
                                let entry = shown.clone();
                                let back = format!("#mw-learning-{}-edit-button", entry.id);
                                let submit = move |ev: SubmitEvent| {
                                    ev.prevent_default();
                                    save(entry.clone());
                                };
                                view! {
                                    <form class="mw-form" on:submit=submit novalidate>
                                        <label class="mw-field" for=field.clone()>
                                            {locale.text(Text::WhatILearned)}
                                        </label>
                                        <textarea
                                            dir="auto"
                                            id=field.clone()
                                            rows="4"
                                            aria-describedby="mw-learning-entries-error"
                                            aria-invalid=move || error.with(Option::is_some).to_string()
                                            prop:value=value_of(draft)
                                            on:input=move |ev| {
                                                draft.set(event_target_value(&ev));
                                                unsaved(true);
                                            }
                                        />
                                        <div class="mw-actions">
                                            <button type="submit">{locale.text(Text::SaveChanges)}</button>
                                            <button
                                                type="button"
                                                class="mw-secondary"
                                                on:click=move |_| {
                                                    editing.set(None);
                                                    error.set(None);
                                                    unsaved(false);
                                                    focus(back.clone());
                                                }
                                            >
                                                {locale.text(Text::Cancel)}
                                            </button>
                                        </div>
                                    </form>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <p class="mw-prose" dir="auto">{shown.text.clone()}</p>
                                    {toggle()}
                                }
                                    .into_any()
                            }
                        };
                        view! {
                            <li class="mw-card" id=format!("mw-learning-{}", entry.id) tabindex="-1">
                                <p class="mw-card-line mw-muted">{who} " · " {when}</p>
                                {card}
                            </li>
                        }
                    }
                    }.into_any(),
                )}
            </ul>
        </div>
    }
}
