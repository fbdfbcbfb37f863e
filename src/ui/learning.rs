//! The learning log both parties keep: "what I learned", kept to myself or shared with my
//! partner; my entries and the ones my partner shared with me.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::feedback::learning_log;
use mentoring_core::{LearningEntry, RecordId};

use super::conflicts::shortened;
use super::i18n::Text;
use super::relationships::{my_id, title_of};
use super::session_log::zone;
use super::state::Actions;
use super::{refused_while, use_locale};

#[component]
pub fn LearningLog(actions: Actions, relationship: RecordId) -> impl IntoView {
    let locale = use_locale();
    let rel_id = relationship.clone();
    let rel = Memo::new(move |_| actions.workspace.relationship(&rel_id));
    let partner = Memo::new(move |_| {
        let r = rel.get()?;
        let me = my_id(actions)?;
        r.partner_of(&me).map(|p| actions.workspace.name_of(p))
    });
    let text = RwSignal::new(String::new());
    let shared = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
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
                    error.set(None);
                    saved.set(true);
                }
                Err(message) => error.set(Some(message)),
            }
            busy.set(false);
        });
    };
    let title = move || {
        rel.get()
            .map(|r| locale.format(Text::LearningLogFor, &[&title_of(actions, &r, locale)]))
            .unwrap_or_else(|| locale.text(Text::LearningLog).to_owned())
    };
    view! {
        <h3 class="mw-screen-title" tabindex="-1">{title}</h3>
        <form class="mw-form" on:submit=submit novalidate>
            <label class="mw-field" for="mw-learning-text">{locale.text(Text::WhatILearned)}</label>
            <p id="mw-learning-hint" class="mw-hint">{locale.text(Text::WhatILearnedHint)}</p>
            <textarea
                id="mw-learning-text"
                rows="4"
                aria-describedby="mw-learning-hint mw-learning-error"
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || text.get()
                on:input=move |ev| {
                    text.set(event_target_value(&ev));
                    error.set(None);
                }
            />
            <p id="mw-learning-error" class="mw-error" role="alert">{move || error.get()}</p>
            <label class="mw-option">
                <input
                    type="checkbox"
                    prop:checked=move || shared.get()
                    on:change=move |ev| shared.set(event_target_checked(&ev))
                />
                <span>
                    {move || {
                        locale.format(Text::ShareWithPartner, &[&partner.get().unwrap_or_default()])
                    }}
                </span>
            </label>
            <Show when=move || saved.get()>
                <p class="mw-saved" role="status">{locale.text(Text::LearningSaved)}</p>
            </Show>
            <button type="submit" aria-disabled=refused_while(move || busy.get())>
                {locale.text(Text::AddToLearningLog)}
            </button>
        </form>
        <section class="mw-section" aria-labelledby="mw-learning-list-heading">
            <h4 id="mw-learning-list-heading">{locale.text(Text::LearningEntries)}</h4>
            <LearningEntries actions relationship />
        </section>
    }
}

/// My entries in a relationship's learning log and the ones my partner shared, newest first.
#[component]
pub fn LearningEntries(actions: Actions, relationship: RecordId) -> impl IntoView {
    let locale = use_locale();
    let entries = Memo::new(move |_| {
        let me = my_id(actions)?;
        let r = actions.workspace.relationship(&relationship)?;
        Some(actions.workspace.learning.with(|all| {
            learning_log(all, &r, &me)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        }))
    });
    let my_zone = Memo::new(move |_| zone::of_me(actions));
    let error = RwSignal::new(None::<String>);
    // Shared by mistake, or kept back at first: the author changes who reads an entry.
    let reshare = move |entry: LearningEntry| {
        let changed = LearningEntry {
            shared_with_partner: !entry.shared_with_partner,
            ..entry
        };
        spawn_local(async move {
            error.set(actions.write_learning(changed).await.err());
        });
    };
    view! {
        <Show when=move || entries.with(|e| e.as_ref().is_none_or(Vec::is_empty))>
            <p class="mw-empty">{locale.text(Text::NoLearningYet)}</p>
        </Show>
        <p class="mw-error" role="alert">{move || error.get()}</p>
        <ul class="mw-cards">
            <For
                each=move || entries.get().unwrap_or_default()
                key=|e| (e.id.clone(), e.shared_with_partner, e.text.clone())
                let:entry
            >
                {
                    let mine = Some(&entry.author) == actions.me().as_ref();
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
                    let toggle = mine
                        .then(|| {
                            let (text, named) = if entry.shared_with_partner {
                                (Text::StopSharing, Text::StopSharingNamed)
                            } else {
                                (Text::ShareEntry, Text::ShareEntryNamed)
                            };
                            // An entry's first words tell its buttons apart for a screen reader.
                            let opening =
                                shortened(&entry.text, 40).unwrap_or_else(|| entry.text.clone());
                            let label = locale.format(named, &[&opening]);
                            let entry = entry.clone();
                            view! {
                                <button
                                    type="button"
                                    class="mw-secondary"
                                    aria-label=label
                                    on:click=move |_| reshare(entry.clone())
                                >
                                    {locale.text(text)}
                                </button>
                            }
                        });
                    view! {
                        <li class="mw-card">
                            <p class="mw-card-line mw-muted">{who} " · " {when}</p>
                            <p class="mw-prose">{entry.text.clone()}</p>
                            {toggle}
                        </li>
                    }
                }
            </For>
        </ul>
    }
}
