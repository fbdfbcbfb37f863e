//! The session log: when and where the pair met, notes in the GROW model, the conversation
//! skills used, action items and linked goals; the next session's agenda; a party's private
//! note on a session.

use std::collections::BTreeSet;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentoring_core::reminders::ending;
use mentoring_core::session::{
    changed_meanwhile, check_held_session_filled, check_session_day, check_session_edit,
    check_session_minutes, grow_too_long_at, instant_at_wall_clock, may_change_session,
    may_settle_action, not_held_after_end, note_of, notes_without_session, parse_wall_clock,
    refused_action, sessions_of, takes_place_ahead, usual_start, usual_start_from, wall_clock_at,
    wall_clock_text, NOTES_MAX_CHARS,
};
use mentoring_core::{
    check_session, next_agenda, ActionItem, ConversationSkill, Grow, Place, PrivateNote, RecordId,
    Rule, Session, Skills,
};

use super::form_problem::{as_typed, whole_number, FormPart, FormProblem, WholeNumber};
use super::i18n::{Locale, Text};
use super::keyed_list;
use super::memo;
use super::relationships::{my_id, title_of};
use super::screens::{missing_record, Nav, Screen};
use super::state::Actions;
use super::CollectAny;
use super::{focus_when_drawn, refused_while, use_locale};
use super::{set_from_event, value_of};
use super::{shown_or, shown_while, undo_line, OneTimer};

/// The zone each person works in. The browser's zone rules are an edge
/// (`edges::clock::zone`); which zone is whose is the workspace's.
pub(super) mod zone {
    use leptos::prelude::{untrack, With};
    use mentoring_core::session::wall_clock_at;
    use mentoring_core::{Date, Millis, RecordId};

    pub use crate::edges::clock::zone::{browser, is_known, offset_minutes};
    use crate::ui::state::{Actions, Workspace};

    /// The zone a person works in, from the directory; the browser's when it is unknown.
    /// Tracked: for a memo or a view, which follow the directory. Elsewhere (a handler, a
    /// task, a component's body) [`of_me_now`].
    #[track_caller]
    pub fn of(workspace: Workspace, person: &RecordId) -> String {
        let listed = workspace.directory.with(|d| {
            d.people
                .iter()
                .find(|p| &p.id == person)
                .map(|p| p.time_zone.clone())
        });
        let own = workspace.me.with(|m| {
            m.as_ref()
                .filter(|m| &m.id == person)
                .map(|m| m.time_zone.clone())
        });
        [listed, own]
            .into_iter()
            .flatten()
            .find(|z| is_known(z))
            .unwrap_or_else(browser)
    }

    /// The date in `zone` at the instant `at`.
    pub fn day(at: Millis, zone: &str) -> Date {
        wall_clock_at(at, offset_minutes(at, zone)).utc_date()
    }

    /// The signed-in person's zone, as it stands: read without following the directory, for
    /// code that runs once (a save, a download, a component built) rather than in a memo.
    pub fn of_me_now(actions: Actions) -> String {
        untrack(|| of_me(actions))
    }

    /// The signed-in person's zone, tracked (see [`of`]).
    #[track_caller]
    pub fn of_me(actions: Actions) -> String {
        match actions
            .workspace
            .me
            .with(|m| m.as_ref().map(|p| p.id.clone()))
        {
            Some(me) => of(actions.workspace, &me),
            None => browser(),
        }
    }
}

/// "James Okafor, due 15 Dec 2026": each value is kept on one line (no-break spaces), as
/// wrapped inside an isolate a name's halves land on either side of the line in right-to-left
/// text.
/// Who owns an action item and when it is due; an open one (`open_on`: today) past its due
/// date says so, as "Needs your attention" does.
fn action_line(
    locale: Locale,
    owner: &str,
    due: mentoring_core::Date,
    open_on: Option<mentoring_core::Date>,
) -> String {
    let unbroken = |value: &str| value.replace(' ', "\u{a0}");
    let (owner, on) = (unbroken(owner), unbroken(&locale.date(due)));
    match open_on.map(|today| due.days_until(today)) {
        Some(late @ 1..) => {
            let days = locale.count(Text::CountDays, usize::try_from(late).unwrap_or(0));
            locale.format(Text::ActionLineOverdue, &[&owner, &on, &days])
        }
        _ => locale.format(Text::ActionLine, &[&owner, &on]),
    }
}

pub(super) fn skill_text(skill: ConversationSkill) -> (Text, Text) {
    match skill {
        ConversationSkill::Questioning => (Text::SkillQuestioning, Text::SkillQuestioningPrompt),
        ConversationSkill::Listening => (Text::SkillListening, Text::SkillListeningPrompt),
        ConversationSkill::Clarifying => (Text::SkillClarifying, Text::SkillClarifyingPrompt),
        ConversationSkill::Reframing => (Text::SkillReframing, Text::SkillReframingPrompt),
    }
}

const SESSION_FORM: &str = "mw-session-form";
/// The first control a problem marks, in the form's order.
const FIRST_INVALID: &str = "#mw-session-form :is(input, textarea)[aria-invalid='true']";

/// The part of the form a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    When,
    Minutes,
    /// Every GROW note (a held session with nothing in it).
    Grow,
    /// One GROW note, 0 (Goal) to 3 (Will): the one too long.
    GrowText(u8),
    Actions,
    Note,
    Other,
}

impl FormPart for Field {
    fn index(self) -> u8 {
        match self {
            Field::When => 0,
            Field::Minutes => 1,
            Field::Grow => 2,
            Field::Actions => 3,
            Field::Note => 4,
            Field::Other => 5,
            Field::GrowText(n) => 6 + n,
        }
    }
}

/// Where the form shows a refusal of `session` (`before`: as it was opened) under `rule`.
fn field_of(rule: Rule, session: &Session, before: Option<&Session>) -> Field {
    match rule {
        Rule::SessionLength => Field::Minutes,
        Rule::SessionDate | Rule::SessionAfterEnd => Field::When,
        Rule::TextTooLong => grow_too_long_at(&session.grow, before.map(|b| &b.grow))
            .map_or(Field::Grow, |n| Field::GrowText(n as u8)),
        Rule::SessionEmpty => Field::Grow,
        Rule::ActionItemText | Rule::ActionItemOwner | Rule::ActionItemDue => Field::Actions,
        _ => Field::Other,
    }
}

/// One action-item row while it is being written.
#[derive(Clone, Copy)]
struct ActionRow {
    key: u32,
    /// The item as logged before, when the session is being changed: it keeps its id (and
    /// whether it is done), so only what changed is written.
    logged: StoredValue<Option<(RecordId, bool)>>,
    text: RwSignal<String>,
    owner: RwSignal<String>,
    due: RwSignal<String>,
    /// The field of this item a problem is about, and the problem, said beside the item: it
    /// alone is marked, and the first item's gets the focus.
    fault: RwSignal<Option<(ActionPart, String)>>,
}

/// The action items' error line, for a refusal about an item this form does not show.
const ACTIONS_ERROR: &str = "mw-actions-error";

/// The fields of an action item's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ActionPart {
    Text,
    Owner,
    Due,
}

impl ActionPart {
    fn of(rule: Rule) -> ActionPart {
        match rule {
            Rule::ActionItemOwner => ActionPart::Owner,
            Rule::ActionItemDue => ActionPart::Due,
            _ => ActionPart::Text,
        }
    }

    /// The row's field's id, as `ActionRowView` names it.
    fn field_id(self, row: u32) -> String {
        let part = match self {
            ActionPart::Text => "text",
            ActionPart::Owner => "owner",
            ActionPart::Due => "due",
        };
        format!("mw-action-{row}-{part}")
    }
}

/// The session log's form: a new session, or, with `editing`, one its author logged before,
/// filled in with what it says.
#[component]
pub fn SessionLog(
    actions: Actions,
    nav: Nav,
    relationship: RecordId,
    #[prop(optional, into)] editing: Option<RecordId>,
) -> impl IntoView {
    let locale = use_locale();
    nav.forget_unsaved_with_form("session");
    let rel_id = relationship.clone();
    let rel = memo(move || actions.workspace.relationship(&rel_id));
    let my_zone = memo(move || zone::of_me(actions));
    let editing = editing.map(|id| {
        let me = actions.me();
        actions.workspace.sessions.with_untracked(|all| {
            all.iter()
                .find(|s| {
                    s.id == id
                        && me
                            .as_ref()
                            .zip(rel.get_untracked())
                            .is_some_and(|(me, r)| may_change_session(s, &r, me))
                })
                .cloned()
        })
    });
    let before = editing.clone().flatten();
    let shown_at = |at| {
        wall_clock_text(wall_clock_at(
            at,
            zone::offset_minutes(at, &my_zone.get_untracked()),
        ))
    };
    let when = RwSignal::new(shown_at(before.as_ref().map_or_else(
        || {
            let now = actions.now();
            match rel.get_untracked() {
                Some(r) => {
                    let offset = zone::offset_minutes(now, &my_zone.get_untracked());
                    usual_start_from(now, offset, r.starts)
                }
                None => usual_start(now),
            }
        },
        |s| s.at,
    )));
    let minutes = RwSignal::new(before.as_ref().map_or(60, |s| s.minutes).to_string());
    let (was_in_person, was_at) = match before.as_ref().map(|s| &s.place) {
        Some(Place::InPerson { location }) => (true, location.clone()),
        _ => (false, String::new()),
    };
    let in_person = RwSignal::new(was_in_person);
    let location = RwSignal::new(was_at);
    let grow = match &before {
        Some(s) => [&s.grow.goal, &s.grow.reality, &s.grow.options, &s.grow.will]
            .map(|text| RwSignal::new(text.clone())),
        None => [(); 4].map(|_| RwSignal::new(String::new())),
    };
    let skills = RwSignal::new(
        before
            .as_ref()
            .map(|s| s.skills.clone())
            .unwrap_or_default(),
    );
    let next_key = StoredValue::new(0u32);
    let logged_rows = (before.iter())
        .flat_map(|s| s.actions.iter())
        .enumerate()
        .map(|(key, item)| ActionRow {
            key: key as u32,
            logged: StoredValue::new(Some((item.id.clone(), item.done))),
            text: RwSignal::new(item.text.clone()),
            owner: RwSignal::new(item.owner.to_string()),
            due: RwSignal::new(item.due.to_string()),
            fault: RwSignal::new(None),
        })
        .collect::<Vec<_>>();
    next_key.set_value(logged_rows.len() as u32);
    let rows = RwSignal::new(logged_rows);
    let linked = RwSignal::new(
        (before.iter())
            .flat_map(|s| s.goals.iter().cloned())
            .collect::<BTreeSet<RecordId>>(),
    );
    let before = StoredValue::new(before);
    // The session as it stood when the person was told a field they changed had been changed
    // elsewhere: saving again over that same session puts theirs in its place.
    let warned_over = StoredValue::new(None::<Session>);
    let note = RwSignal::new(String::new());
    let problem = FormProblem::new();
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);

    let me_and_partner = memo(move || {
        let r = rel.get()?;
        let me = my_id(actions)?;
        let partner = r.partner_of(&me)?.clone();
        Some((me, partner))
    });
    let add_row = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        let owner = me_and_partner
            .get_untracked()
            .map(|(me, _)| me.to_string())
            .unwrap_or_default();
        rows.update(|r| {
            r.push(ActionRow {
                key,
                logged: StoredValue::new(None),
                text: RwSignal::new(String::new()),
                owner: RwSignal::new(owner),
                due: RwSignal::new(String::new()),
                fault: RwSignal::new(None),
            })
        });
        // Typing goes into the new item: left on the button, each space would add another.
        nav.focus(&format!("#{}", ActionPart::Text.field_id(key)));
    };
    let pair_goals = memo(move || {
        let r = rel.get()?;
        let me = my_id(actions)?;
        Some(actions.workspace.goals.with(|all| {
            mentoring_core::goal::goals_in(all, &r, &me)
                .into_iter()
                .map(|g| (g.id.clone(), g.title.as_str().to_owned()))
                .collect::<Vec<_>>()
        }))
    });

    // A problem with a field of its own takes the keyboard there, as the other forms do: left
    // on "Save session", a keyboard or screen-reader user would have to search for it.
    let refuse = move |field: Field, message: String| {
        problem.set(field, message);
        nav.focus(FIRST_INVALID);
    };
    // The session just logged whose private note was refused: the form then saves only that
    // note, so fixing it does not log the session a second time.
    let note_for = RwSignal::new(None::<RecordId>);
    let save_note_for = move |session: RecordId, me: RecordId, text: String| async move {
        let private = PrivateNote {
            id: actions.new_id("note"),
            owner: me,
            session: session.clone(),
            text,
        };
        match actions.save_note(private).await {
            Ok(()) => {
                note_for.set(None);
                note.set(String::new());
                nav.set_unsaved("session", false);
                true
            }
            Err(message) => {
                note_for.set(Some(session));
                refuse(Field::Note, message);
                false
            }
        }
    };
    // Saved and not touched since: a second press would log the same session twice.
    let nothing_to_save = move || saved.get() && note_for.with(Option::is_none);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || untrack(nothing_to_save) {
            return;
        }
        // Marks from the last try go, whatever this one finds first.
        for row in rows.get_untracked() {
            row.fault.set(None);
        }
        if let (Some(session), Some(me)) = (note_for.get_untracked(), actions.me()) {
            busy.set(true);
            spawn_local(async move {
                if save_note_for(session, me, note.get_untracked()).await {
                    problem.clear();
                    saved.set(true);
                }
                busy.set(false);
            });
            return;
        }
        let (Some(relationship), Some(me)) = (rel.get_untracked(), actions.me()) else {
            problem.set(
                Field::Other,
                locale.text(Text::RelationshipMissing).to_owned(),
            );
            return;
        };
        let zone = my_zone.get_untracked();
        let typed = when.get_untracked();
        let at = match parse_wall_clock(&typed) {
            Ok(wall) => instant_at_wall_clock(wall, |m| zone::offset_minutes(m, &zone)),
            Err(_) => {
                let message = match typed.trim() {
                    "" => locale.text(Text::DateRequired).to_owned(),
                    typed => locale.format(Text::DateTimeInvalid, &[typed]),
                };
                refuse(Field::When, message);
                return;
            }
        };
        let length = match whole_number::<u16>(&minutes.get_untracked()) {
            WholeNumber::Is(length) => length,
            WholeNumber::Beyond { nearest, typed } => {
                let refusal = check_session_minutes(nearest).err();
                let message = refusal.map_or_else(
                    || locale.text(Text::MinutesWholeNumber).to_owned(),
                    |r| locale.refusal(&as_typed(r, &nearest.to_string(), &typed)),
                );
                refuse(Field::Minutes, message);
                return;
            }
            WholeNumber::Empty | WholeNumber::Unreadable => {
                let message = locale.text(Text::MinutesWholeNumber).to_owned();
                refuse(Field::Minutes, message);
                return;
            }
        };
        let mut items = Vec::new();
        // The row each item comes from, by the item's id, to mark the one refused.
        let mut item_rows = Vec::new();
        let fail_row = move |row: &ActionRow, part: ActionPart, message: String| {
            problem.clear();
            row.fault.set(Some((part, message)));
            nav.focus(&format!("#{}", part.field_id(row.key)));
        };
        // Every item's problem is said beside it, and the keyboard goes to the first.
        let mut first_fault = None;
        for row in rows.get_untracked() {
            let (text, due) = (row.text.get_untracked(), row.due.get_untracked());
            // A row left blank is pointed out, not dropped: the person may have meant to
            // write it, and it has its own Remove.
            let checked = if text.trim().is_empty() && due.trim().is_empty() {
                let message = locale.text(Text::RefusedActionItemText).to_owned();
                Err((ActionPart::Text, message))
            } else {
                match (
                    locale.parse_date(&due),
                    RecordId::parse(&row.owner.get_untracked()),
                ) {
                    (Err(message), _) => Err((ActionPart::Due, message)),
                    (_, Err(_)) => {
                        Err((ActionPart::Owner, locale.text(Text::ChooseOwner).to_owned()))
                    }
                    (Ok(due), Ok(owner)) => Ok((due, owner)),
                }
            };
            let (due, owner) = match checked {
                Ok(checked) => checked,
                Err((part, message)) => {
                    row.fault.set(Some((part, message)));
                    first_fault.get_or_insert((row.key, part));
                    continue;
                }
            };
            let (id, done) = row
                .logged
                .get_value()
                .unwrap_or_else(|| (actions.new_id("action"), false));
            item_rows.push((id.clone(), row));
            items.push(ActionItem {
                id,
                text,
                owner,
                due,
                done,
            });
        }
        if let Some((key, part)) = first_fault {
            problem.clear();
            nav.focus(&format!("#{}", part.field_id(key)));
            return;
        }
        let [goal, reality, options, will] = grow.map(|g| g.get_untracked());
        let before = before.get_value();
        // A session changed stays whose it was: its id, relationship and pair, and the zone
        // it was logged in (its card says the time there).
        let (id, partner, zone) = match &before {
            Some(s) => (s.id.clone(), s.partner.clone(), s.time_zone.clone()),
            None => (
                actions.new_id("session"),
                relationship.partner_of(&me).cloned(),
                zone,
            ),
        };
        let session = Session {
            id,
            relationship: relationship.id.clone(),
            author: me.clone(),
            partner,
            at,
            time_zone: zone,
            minutes: length,
            place: if in_person.get_untracked() {
                Place::InPerson {
                    location: location.get_untracked().trim().to_owned(),
                }
            } else {
                Place::Online
            },
            grow: Grow {
                goal,
                reality,
                options,
                will,
            },
            skills: skills.get_untracked(),
            actions: items,
            goals: linked.get_untracked().into_iter().collect(),
        };
        if let Some(opened) = &before {
            let now = (actions.workspace.sessions)
                .with_untracked(|all| all.iter().find(|s| s.id == session.id).cloned());
            if let Some(now) = now.filter(|now| changed_meanwhile(opened, &session, now)) {
                if warned_over.get_value().as_ref() != Some(&now) {
                    warned_over.set_value(Some(now));
                    problem.set(Field::Other, locale.text(Text::ChangedMeanwhile).to_owned());
                    return;
                }
            }
        }
        let note_text = note.get_untracked();
        busy.set(true);
        saved.set(false);
        spawn_local(async move {
            let saved_session = match before.clone() {
                Some(opened) => actions.change_session(opened, session.clone()).await,
                None => actions
                    .log_session(session.clone())
                    .await
                    .map_err(|message| (message, None)),
            };
            match saved_session {
                // Back on the card it changed, as a logged one is (drawn even when it is among
                // the earlier sessions).
                Ok(()) if before.is_some() => {
                    nav.set_unsaved("session", false);
                    nav.go(Screen::Relationship(session.relationship.clone()));
                    nav.focus(&format!("#mw-session-{}", session.id));
                }
                Ok(()) => {
                    problem.clear();
                    let note_failed = !note_text.trim().is_empty()
                        && !save_note_for(session.id.clone(), me, note_text).await;
                    for g in grow {
                        g.set(String::new());
                    }
                    skills.set(Skills::new());
                    rows.set(Vec::new());
                    linked.set(BTreeSet::new());
                    // Saved whole, the form closes on the session as the relationship's page
                    // lists it, with the keyboard on it: a form emptied again on the same
                    // page invited logging it twice. A private note that could not be saved
                    // keeps the form open with it, to try again.
                    if !note_failed {
                        nav.set_unsaved("session", false);
                        nav.go(Screen::Relationship(session.relationship.clone()));
                        nav.focus(&format!("#mw-session-{}", session.id));
                    } else {
                        saved.set(true);
                        nav.focus(".mw-session-saved");
                    }
                }
                Err((message, checked)) => {
                    // A changed session is checked as it stands with what changed elsewhere:
                    // the item blamed may be one this form does not show, and marks no row.
                    let checked = checked.unwrap_or(session);
                    let opened = before.as_ref();
                    let day = crate::ui::state::session_day(&checked);
                    let refused_item =
                        refused_action(&checked, opened, &relationship, day).map(|(id, rule)| {
                            let row = item_rows.iter().find(|(item, _)| *item == id);
                            (row.map(|(_, row)| *row), rule)
                        });
                    match refused_item {
                        Some((Some(row), rule)) => fail_row(&row, ActionPart::of(rule), message),
                        Some((None, _)) => problem.set(Field::Actions, message),
                        None => {
                            // A change is judged as the store judges it: what it kept is not
                            // asked again (`check_session_edit`).
                            let field = match opened {
                                Some(b) => check_session_edit(b, &checked, &me, &relationship),
                                None => check_session(&checked, &relationship),
                            }
                            .and_then(|()| {
                                let judged = (actions.today(), actions.pair_ended(&relationship));
                                check_session_day(&checked, opened, &relationship, judged, day)
                            })
                            .and_then(|()| check_held_session_filled(&checked, actions.now()))
                            .err()
                            .map_or(Field::Other, |r| field_of(r.rule, &checked, opened));
                            refuse(field, message);
                        }
                    }
                }
            }
            busy.set(false);
        });
    };

    let changing = before.with_value(|b| {
        b.as_ref().map(|s| {
            locale.format(
                Text::EditSessionOf,
                &[&locale.date_time(s.at, &my_zone.get_untracked())],
            )
        })
    });
    let is_edit = changing.is_some();
    // The time typed on the partner's own clock, when theirs is not the author's: a session at
    // 23:30 in London is at 03:30 the next day in Dubai, which the author should see before
    // booking it.
    let partner_time = move || {
        let me = actions.me()?;
        let r = rel.get()?;
        let partner = r.partner_of(&me)?;
        let (mine, theirs) = (my_zone.get(), zone::of(actions.workspace, partner));
        if theirs == mine {
            return None;
        }
        let wall = parse_wall_clock(&when.get()).ok()?;
        let at = instant_at_wall_clock(wall, |m| zone::offset_minutes(m, &mine));
        Some(locale.format(
            Text::PartnersClock,
            &[
                &actions.workspace.name_of(partner),
                &locale.date_time(at, &theirs),
                &locale.zone_name(&theirs),
            ],
        ))
    };
    let title = move || {
        changing.clone().unwrap_or_else(|| {
            rel.get()
                .map(|r| locale.format(Text::LogSessionFor, &[&title_of(actions, &r, locale)]))
                .unwrap_or_else(|| locale.text(Text::LogSession).to_owned())
        })
    };
    // Asked to change a session that is gone, or not theirs: nothing to fill the form with.
    if editing.is_some_and(|found| found.is_none()) {
        return missing_record(Text::EditSession, Text::SessionMissing);
    }
    let grow_fields = [
        (Text::GrowGoal, Text::GrowGoalPrompt),
        (Text::GrowReality, Text::GrowRealityPrompt),
        (Text::GrowOptions, Text::GrowOptionsPrompt),
        (Text::GrowWill, Text::GrowWillPrompt),
    ];
    let back_to = relationship.clone();
    view! {
        <h3 class="mw-screen-title" tabindex="-1">{title}</h3>
        <section class="mw-section" aria-labelledby="mw-log-agenda-heading">
            <h4 id="mw-log-agenda-heading">{locale.text(Text::NextAgenda)}</h4>
            <AgendaList actions relationship=relationship.clone() />
        </section>
        <form
            id=SESSION_FORM
            class="mw-form"
            on:submit=submit
            on:input=move |_| {
                saved.set(false);
                nav.set_unsaved("session", true);
            }
            novalidate
        >
            <fieldset class="mw-fieldset">
                <legend>{locale.text(Text::WhenAndWhere)}</legend>
                <label class="mw-field" for="mw-session-when">
                    {move || locale.format(Text::WhenInZone, &[&locale.zone_name(&my_zone.get())])}
                </label>
                <input
                    id="mw-session-when"
                    type="datetime-local"
                    aria-invalid=problem.invalid(Field::When)
                    aria-describedby="mw-session-when-partner mw-session-when-error"
                    prop:value=value_of(when)
                    on:input=set_from_event(when)
                />
                <p id="mw-session-when-partner" class="mw-hint">{partner_time}</p>
                <p id="mw-session-when-error" class="mw-error" role="alert">
                    {problem.message(Field::When)}
                </p>
                <label class="mw-field" for="mw-session-minutes">
                    {locale.text(Text::LengthMinutes)}
                </label>
                <input
                    id="mw-session-minutes"
                    type="number"
                    inputmode="numeric"
                    min="5"
                    max="480"
                    step="5"
                    aria-invalid=problem.invalid(Field::Minutes)
                    aria-describedby="mw-session-minutes-error"
                    prop:value=value_of(minutes)
                    on:input=set_from_event(minutes)
                />
                <p id="mw-session-minutes-error" class="mw-error" role="alert">
                    {problem.message(Field::Minutes)}
                </p>
                <fieldset class="mw-choice">
                    <legend>{locale.text(Text::Where)}</legend>
                    <label class="mw-option">
                        <input
                            type="radio"
                            name="mw-session-place"
                            prop:checked=move || !in_person.get()
                            on:change=move |_| in_person.set(false)
                        />
                        <span>{locale.text(Text::Online)}</span>
                    </label>
                    <label class="mw-option">
                        <input
                            type="radio"
                            name="mw-session-place"
                            prop:checked=move || in_person.get()
                            on:change=move |_| in_person.set(true)
                        />
                        <span>{locale.text(Text::InPerson)}</span>
                    </label>
                </fieldset>
                {shown_while(move || in_person.get(), move || view! {
                    <label class="mw-field" for="mw-session-location">
                        {locale.text(Text::Location)}
                    </label>
                    <input
                        dir="auto"
                        id="mw-session-location"
                        type="text"
                        prop:value=value_of(location)
                        on:input=set_from_event(location)
                    />
                }.into_any())}
            </fieldset>
            <fieldset class="mw-fieldset">
                <legend>{locale.text(Text::GrowNotes)}</legend>
                <p class="mw-hint">{locale.text(Text::GrowSharedHint)}</p>
                {grow_fields
                    .into_iter()
                    .zip(grow)
                    .enumerate()
                    .map(|(n, ((label, prompt), value))| {
                        let id = format!("mw-grow-{n}");
                        let hint = format!("mw-grow-{n}-hint");
                        let error = format!("mw-grow-{n}-error");
                        let own = Field::GrowText(n as u8);
                        let (all, this) = (problem.invalid(Field::Grow), problem.invalid(own));
                        view! {
                            <label class="mw-field" for=id.clone()>{locale.text(label)}</label>
                            <p id=hint.clone() class="mw-hint">{locale.text(prompt)}</p>
                            <textarea
                                dir="auto"
                                id=id
                                rows="3"
                                aria-describedby=format!("{hint} {error}")
                                aria-invalid=move || (all() == "true" || this() == "true").to_string()
                                prop:value=value_of(value)
                                on:input=set_from_event(value)
                            />
                            <p id=error class="mw-error" role="alert">{problem.message(own)}</p>
                        }
                    })
                    .collect_any()}
                <p class="mw-error" role="alert">{problem.message(Field::Grow)}</p>
            </fieldset>
            <fieldset class="mw-fieldset">
                <legend>{locale.text(Text::SkillsUsed)}</legend>
                {ConversationSkill::ALL
                    .into_iter()
                    .map(|skill| {
                        let (name, prompt) = skill_text(skill);
                        let hint = format!("mw-skill-{skill:?}-hint");
                        view! {
                            <label class="mw-option mw-skill">
                                <input
                                    type="checkbox"
                                    aria-describedby=hint.clone()
                                    prop:checked=move || skills.with(|s| s.contains(&skill))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        skills
                                            .update(|s| {
                                                if on {
                                                    s.insert(skill);
                                                } else {
                                                    s.remove(&skill);
                                                }
                                            });
                                    }
                                />
                                <span>{locale.text(name)}</span>
                            </label>
                            <p id=hint class="mw-hint mw-skill-prompt">{locale.text(prompt)}</p>
                        }
                    })
                    .collect_any()}
            </fieldset>
            <fieldset class="mw-fieldset">
                <legend>{locale.text(Text::ActionItems)}</legend>
                <ol class="mw-rows">
                    {keyed_list(
                        move || rows.get(),
                        |row| row.key,
                        move |row| view! {
                        <ActionRowView actions row rows me_and_partner />
                        }.into_any(),
                    )}
                </ol>
                <p id=ACTIONS_ERROR class="mw-error" role="alert">{problem.message(Field::Actions)}</p>
                <button type="button" class="mw-secondary" on:click=add_row>
                    {locale.text(Text::AddActionItem)}
                </button>
            </fieldset>
            {shown_while(move || pair_goals.with(|g| g.as_ref().is_some_and(|g| !g.is_empty())), move || view! {
                <fieldset class="mw-fieldset">
                    <legend>{locale.text(Text::LinkedGoals)}</legend>
                    {keyed_list(
                        move || pair_goals.get().unwrap_or_default(),
                        |(id, title)| (id.clone(), title.clone()),
                        move |goal| view! {
                        {
                            let (id, title) = goal;
                            let checked_id = id.clone();
                            view! {
                                <label class="mw-option">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || linked.with(|l| l.contains(&checked_id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let id = id.clone();
                                            linked
                                                .update(|l| {
                                                    if on {
                                                        l.insert(id);
                                                    } else {
                                                        l.remove(&id);
                                                    }
                                                });
                                        }
                                    />
                                    <span>{title}</span>
                                </label>
                            }
                        }
                        }.into_any(),
                    )}
                </fieldset>
            }.into_any())}
            // A logged session's note is kept on its card in the session list.
            <fieldset class="mw-fieldset mw-private" hidden=is_edit>
                <legend>{locale.text(Text::MyPrivateNote)}</legend>
                <p id="mw-session-note-hint" class="mw-hint mw-private-hint">
                    {locale.text(Text::OnlyYouCanSee)}
                </p>
                <label class="mw-field" for="mw-session-note">
                    {locale.text(Text::PrivateNoteLabel)}
                </label>
                <textarea
                    dir="auto"
                    id="mw-session-note"
                    rows="3"
                    aria-describedby="mw-session-note-hint mw-session-note-count mw-session-note-error"
                    aria-invalid=problem.invalid(Field::Note)
                    prop:value=value_of(note)
                    on:input=set_from_event(note)
                />
                {note_count(locale, note, "mw-session-note-count".to_owned())}
                <p id="mw-session-note-error" class="mw-error" role="alert">
                    {problem.message(Field::Note)}
                </p>
            </fieldset>
            <p class="mw-error" role="alert">{problem.message(Field::Other)}</p>
            {shown_while(move || saved.get(), move || view! {
                <p class="mw-saved mw-session-saved" role="status" tabindex="-1">
                    {locale.text(Text::SessionSaved)}
                </p>
            }.into_any())}
            <div class="mw-actions">
                <button type="submit" aria-disabled=refused_while(move || busy.get() || nothing_to_save())>
                    {move || {
                        locale
                            .text(
                                if note_for.with(Option::is_some) {
                                    Text::SaveNoteOnly
                                } else if is_edit {
                                    Text::SaveChanges
                                } else {
                                    Text::SaveSession
                                },
                            )
                    }}
                </button>
                <button
                    type="button"
                    class="mw-secondary"
                    on:click=move |_| nav.go(Screen::Relationship(back_to.clone()))
                >
                    {locale.text(Text::CloseForm)}
                </button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn ActionRowView(
    actions: Actions,
    row: ActionRow,
    rows: RwSignal<Vec<ActionRow>>,
    me_and_partner: Memo<Option<(RecordId, RecordId)>>,
) -> impl IntoView {
    let invalid = move |part: ActionPart| {
        move || {
            row.fault
                .with(|f| f.as_ref().is_some_and(|(at, _)| *at == part))
                .to_string()
        }
    };
    // Its own problem beside it, which each of its fields names (with a refusal about an
    // item not shown here) as their description.
    let error_id = format!("mw-action-{}-error", row.key);
    let described_by = format!("{error_id} {ACTIONS_ERROR}");
    let locale = use_locale();
    let number =
        memo(move || rows.with(|r| r.iter().position(|x| x.key == row.key).map_or(0, |n| n + 1)));
    let text_id = format!("mw-action-{}-text", row.key);
    let owner_id = format!("mw-action-{}-owner", row.key);
    let due_id = format!("mw-action-{}-due", row.key);
    let people = move || {
        me_and_partner
            .get()
            .map(|(me, partner)| {
                vec![
                    (
                        me.to_string(),
                        locale.format(Text::PersonYou, &[&actions.workspace.name_of(&me)]),
                    ),
                    (partner.to_string(), actions.workspace.name_of(&partner)),
                ]
            })
            .unwrap_or_default()
    };
    view! {
        <li class="mw-row">
            <label class="mw-field" for=text_id.clone()>
                {move || locale.format(Text::ActionItemNumbered, &[&locale.number(number.get() as i64)])}
            </label>
            <input
                dir="auto"
                id=text_id
                type="text"
                aria-invalid=invalid(ActionPart::Text)
                aria-describedby=described_by.clone()
                prop:value=value_of(row.text)
                on:input=set_from_event(row.text)
            />
            <div class="mw-row-pair">
                <div>
                    <label class="mw-field" for=owner_id.clone()>{locale.text(Text::Owner)}</label>
                    <select
                        id=owner_id
                        aria-invalid=invalid(ActionPart::Owner)
                        aria-describedby=described_by.clone()
                        prop:value=value_of(row.owner)
                        on:change=set_from_event(row.owner)
                    >
                        {move || {
                            people()
                                .into_iter()
                                .map(|(value, name)| {
                                    let selected = row.owner.get_untracked() == value;
                                    view! {
                                        <option dir="auto" value=value selected=selected>
                                            {name}
                                        </option>
                                    }
                                })
                                .collect_any()
                        }}
                    </select>
                </div>
                <div>
                    <label class="mw-field" for=due_id.clone()>{locale.text(Text::DueDate)}</label>
                    <input
                        id=due_id
                        type="date"
                        aria-invalid=invalid(ActionPart::Due)
                        aria-describedby=described_by
                        prop:value=value_of(row.due)
                        on:input=set_from_event(row.due)
                    />
                </div>
            </div>
            <p id=error_id class="mw-error" role="alert">
                {move || row.fault.with(|f| f.as_ref().map(|(_, message)| message.clone()))}
            </p>
            <button
                type="button"
                class="mw-secondary"
                aria-label=move || {
                    locale.format(Text::RemoveActionItem, &[&locale.number(number.get() as i64)])
                }
                on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))
            >
                {locale.text(Text::Remove)}
            </button>
        </li>
    }
}

/// The next session's agenda: the open action items of the relationship's sessions owned by
/// its pair now (`session::next_agenda`), soonest due first. Whoever owns an item, or logged
/// its session, can mark it done here, and undo that.
#[component]
pub fn AgendaList(actions: Actions, relationship: RecordId) -> impl IntoView {
    let locale = use_locale();
    let items = memo(move || {
        let (Some(me), Some(r)) = (
            my_id(actions),
            actions.workspace.relationship(&relationship),
        ) else {
            return Vec::new();
        };
        actions.workspace.sessions.with(|all| {
            let mine = sessions_of(all, &r, &me);
            next_agenda(mine.iter().copied(), &r)
                .into_iter()
                .filter_map(|item| {
                    let session = mine
                        .iter()
                        .find(|s| s.actions.iter().any(|a| a.id == item.id))?;
                    let settles = may_settle_action(session, item, &me);
                    Some((item.clone(), session.id.clone(), settles))
                })
                .collect::<Vec<_>>()
        })
    });
    let error = RwSignal::new(None::<String>);
    // The item last marked done, offered back until another is marked or it is undone.
    let last_done = RwSignal::new(None::<(RecordId, RecordId, String)>);
    // The item just marked open again, said until another is marked done.
    let reopened = RwSignal::new(None::<String>);
    // A marked item leaves the list, and Undo leaves the line: the keyboard's place goes to
    // the Undo, then back to the item, never to the page.
    let (list, said) = (
        NodeRef::<leptos::html::Ul>::new(),
        NodeRef::<leptos::html::P>::new(),
    );
    let settle = move |session: RecordId, item: RecordId, text: String, done: bool| {
        spawn_local(async move {
            match actions.set_action_done(&session, &item, done).await {
                Ok(()) => {
                    error.set(None);
                    if done {
                        reopened.set(None);
                        last_done.set(Some((session, item, text)));
                        focus_when_drawn(said, "button");
                    } else {
                        // Another item marked done meanwhile keeps its own offer to undo.
                        last_done.update(|last| {
                            if last.as_ref().is_some_and(|(_, shown, _)| shown == &item) {
                                *last = None;
                            }
                        });
                        reopened.set(Some(text));
                        focus_when_drawn(list, &format!("#mw-agenda-{item} button"));
                    }
                }
                Err(message) => error.set(Some(message)),
            }
        });
    };
    view! {
        {shown_while(move || items.with(Vec::is_empty), move || view! {
            <p class="mw-empty">{locale.text(Text::NoOpenActions)}</p>
        }.into_any())}
        <ul class="mw-agenda" node_ref=list>
            {keyed_list(
                move || items.get(),
                |(item, _, _)| item.id.clone(),
                move |entry| view! {
                {
                    let (item, session, settles) = entry;
                    let owner = actions.workspace.name_of(&item.owner);
                    let line = action_line(locale, &owner, item.due, Some(actions.today()));
                    let label = locale.format(Text::MarkActionDone, &[&item.text]);
                    let shown = item.text.clone();
                    let anchor = format!("mw-agenda-{}", item.id);
                    view! {
                        <li class="mw-agenda-item" id=anchor>
                            <span class="mw-agenda-text" dir="auto">{shown}</span>
                            <span class="mw-muted">{line}</span>
                            {settles
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            class="mw-secondary"
                                            aria-label=label
                                            on:click=move |_| {
                                                settle(session.clone(), item.id.clone(), item.text.clone(), true)
                                            }
                                        >
                                            {locale.text(Text::MarkDone)}
                                        </button>
                                    }
                                })}
                        </li>
                    }
                }
                }.into_any(),
            )}
        </ul>
        <p class="mw-saved" node_ref=said>
            {undo_line(
                memo(move || match (last_done.get(), reopened.get()) {
                    (Some((_, _, text)), _) => Some((
                        locale.format(Text::ActionMarkedDone, &[&text]),
                        locale.format(Text::UndoActionDone, &[&text]),
                    )),
                    (None, Some(text)) => {
                        Some((locale.format(Text::ActionOpenAgain, &[&text]), String::new()))
                    }
                    (None, None) => None,
                }),
                "mw-secondary",
                std::sync::Arc::new(move || {
                    if let Some((session, item, text)) = last_done.get_untracked() {
                        settle(session, item, text, false);
                    }
                }),
            )}
        </p>
        <p class="mw-error" role="alert">{move || error.get()}</p>
    }
}

fn place_text(place: &Place, locale: Locale) -> String {
    match place {
        Place::Online => locale.text(Text::Online).to_owned(),
        Place::InPerson { location } if location.trim().is_empty() => {
            locale.text(Text::InPerson).to_owned()
        }
        Place::InPerson { location } => locale.format(Text::InPersonAt, &[location]),
    }
}

/// My private notes on this relationship's sessions deleted since (by me or by whoever
/// logged them): mine alone to read, and to delete once I confirm it, with an undo. The
/// session's date is the one it had when it was deleted.
#[component]
pub fn DeletedSessionNotes(actions: Actions, nav: Nav, relationship: RecordId) -> impl IntoView {
    let locale = use_locale();
    let my_zone = memo(move || zone::of_me(actions));
    let notes = memo(move || {
        let me = my_id(actions)?;
        let mut list = actions.workspace.sessions.with(|sessions| {
            actions.workspace.notes.with(|notes| {
                notes_without_session(notes, sessions, &me)
                    .into_iter()
                    .filter_map(|n| {
                        let (of, at) = actions.deleted_session(&n.session)?;
                        (of == relationship).then(|| (n.clone(), at))
                    })
                    .collect::<Vec<_>>()
            })
        });
        list.sort_by(|(a, a_at), (b, b_at)| (b_at, &b.id).cmp(&(a_at, &a.id)));
        Some(list)
    });
    let deleted = RwSignal::new(None::<(PrivateNote, String)>);
    let error = RwSignal::new(None::<String>);
    // The note whose deletion is being asked about, and whether the delete is under way.
    let asking = RwSignal::new(None::<RecordId>);
    let busy = RwSignal::new(false);
    let delete = move |id: RecordId, when: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match actions.delete_note(&id).await {
                Ok(gone) => {
                    error.set(None);
                    deleted.set(Some((gone, when)));
                    nav.focus(".mw-note-undo");
                }
                Err(message) => error.set(Some(message)),
            }
            asking.set(None);
            busy.set(false);
        });
    };
    let undo_offer = memo(move || {
        deleted.get().map(|(_, when)| {
            (
                locale.format(Text::NoteDeleted, &[&when]),
                locale.format(Text::UndoDeleteNote, &[&when]),
            )
        })
    });
    let undo = std::sync::Arc::new(move || {
        let Some((note, _)) = deleted.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match actions.restore_note(&note).await {
                Ok(()) => {
                    deleted.set(None);
                    nav.focus(&format!("#mw-note-{}", note.id));
                }
                Err(message) => error.set(Some(message)),
            }
        });
    });
    let shown = move || notes.with(|n| n.as_ref().is_some_and(|n| !n.is_empty()));
    view! {
        {shown_while(move || shown() || deleted.with(Option::is_some), move || view! {
            <section class="mw-section" aria-labelledby="mw-deleted-notes-heading">
                <h4 id="mw-deleted-notes-heading">{locale.text(Text::NotesOfDeletedSessions)}</h4>
                <p class="mw-hint">{locale.text(Text::OnlyYouCanSee)}</p>
                <p class="mw-saved">{undo_line(undo_offer, "mw-secondary mw-note-undo", undo.clone())}</p>
                <p class="mw-error" role="alert">{move || error.get()}</p>
                <ul class="mw-cards">
                    {keyed_list(
                        move || notes.get().unwrap_or_default(),
                        |(n, at)| (n.id.clone(), n.text.clone(), *at),
                        move |item| view! {
                        {
                            let (note, at) = item;
                            let when = locale.date_time(at, &my_zone.get_untracked());
                            let label = locale.format(Text::DeleteNoteOf, &[&when]);
                            let question = locale.format(Text::ConfirmDeleteNote, &[&when]);
                            let id = note.id.clone();
                            let confirm_id = format!("mw-note-{}-delete", note.id);
                            let delete_button = format!("{confirm_id}-button");
                            let asked = note.id.clone();
                            let asked_here = memo(move || asking.with(|a| a.as_ref() == Some(&asked)));
                            let ask = {
                                let (id, confirm_id) = (id.clone(), confirm_id.clone());
                                move |_| {
                                    error.set(None);
                                    asking.set(Some(id.clone()));
                                    nav.focus(&format!("#{confirm_id} button"));
                                }
                            };
                            let back_to = format!("#{delete_button}");
                            let said_when = when.clone();
                            let confirm_step = move || {
                                let (id, when, back_to) = (id.clone(), said_when.clone(), back_to.clone());
                                asked_here.get().then(|| {
                                    let submit = move |ev: SubmitEvent| {
                                        ev.prevent_default();
                                        delete(id.clone(), when.clone());
                                    };
                                    view! {
                                        <form id=confirm_id.clone() class="mw-form mw-confirm" on:submit=submit novalidate>
                                            <p>{question.clone()}</p>
                                            <div class="mw-actions">
                                                <button type="submit" aria-disabled=refused_while(move || busy.get())>
                                                    {locale.text(Text::YesDeleteNote)}
                                                </button>
                                                <button
                                                    type="button"
                                                    class="mw-secondary mw-cancel"
                                                    on:click=move |_| {
                                                        asking.set(None);
                                                        nav.focus(&back_to);
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
                                <li class="mw-card" id=format!("mw-note-{}", note.id) tabindex="-1">
                                    <h5 class="mw-card-title">
                                        {locale.format(Text::NoteOfDeletedSession, &[&when])}
                                    </h5>
                                    <p class="mw-prose" dir="auto">{note.text.clone()}</p>
                                    <div class="mw-actions">
                                        <button
                                            type="button"
                                            id=delete_button
                                            class="mw-secondary"
                                            aria-label=label
                                            aria-expanded=move || asked_here.get().to_string()
                                            on:click=ask
                                        >
                                            {locale.text(Text::Delete)}
                                        </button>
                                    </div>
                                    {confirm_step}
                                </li>
                            }
                        }
                        }.into_any(),
                    )}
                </ul>
            </section>
        }.into_any())}
    }
}

/// One logged session, as the relationship page lists it, with my private note on it; its
/// author may open it to change it, or delete it once they confirm it (`deleted` then holds
/// it, with its date and time as shown, for the list's offer to undo). `read_only`: a session
/// of an earlier pairing, which is read back and nothing more (no change, delete or calendar).
#[component]
pub fn SessionSummary(
    actions: Actions,
    nav: Nav,
    id: RecordId,
    deleted: RwSignal<Option<(Session, String)>>,
    #[prop(optional)] read_only: bool,
) -> impl IntoView {
    let locale = use_locale();
    let session_id = id.clone();
    let session = memo(move || {
        actions
            .workspace
            .sessions
            .with(|all| all.iter().find(|s| s.id == session_id).cloned())
    });
    let my_zone = memo(move || zone::of_me(actions));
    let calendar_error = RwSignal::new(None::<String>);
    // "Add to calendar" goes when the session ends: a timer set from the clock's reading
    // draws the offer again then. One at a time, and none left once the card goes (an
    // unmount included).
    let ended = RwSignal::new(0u32);
    let timer = OneTimer::new();
    let change_error = RwSignal::new(None::<String>);
    // Whether deleting it is being asked about, and whether the delete is under way.
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let summary = move || {
        let s = session.get()?;
        let mine = locale.date_time(s.at, &my_zone.get());
        let relationship = actions.workspace.relationship(&s.relationship);
        let theirs = !read_only
            && actions.me().is_some_and(|me| {
                (relationship.as_ref()).is_some_and(|r| may_change_session(&s, r, &me))
            });
        // Planned for after its pair ended: said so, and offered for deleting, not for a new
        // date (none after the end is held). Dated where the reader is, when the device knows.
        let unheld = relationship.as_ref().and_then(|r| {
            let ended = (actions.workspace.pairing_log).with(|log| ending(r, log)?.1);
            not_held_after_end(&s, r, ended, actions.now()).then_some(ended)
        });
        let not_held = unheld.map(|ended| {
            let line = match ended {
                Some(at) => locale.format(
                    Text::NotHeldEndedOn,
                    &[&locale.date(zone::day(at, &my_zone.get()))],
                ),
                None => locale.text(Text::NotHeldOver).to_owned(),
            };
            view! { <p class="mw-card-line mw-not-held">{line}</p> }
        });
        let changes = theirs.then(|| {
            let edit_label = locale.format(Text::EditSessionOf, &[&mine]);
            let delete_label = locale.format(Text::DeleteSessionOf, &[&mine]);
            let to = Screen::EditSession {
                relationship: s.relationship.clone(),
                session: s.id.clone(),
            };
            let (id, when) = (s.id.clone(), mine.clone());
            let confirm_id = format!("mw-session-{}-delete", s.id);
            let delete_button = format!("#{confirm_id}-button");
            let partner = actions
                .workspace
                .relationship(&s.relationship)
                .zip(actions.me())
                .and_then(|(r, me)| r.partner_of(&me).map(|p| actions.workspace.name_of(p)))
                .unwrap_or_default();
            let question = locale.format(Text::ConfirmDeleteSession, &[&mine, &partner]);
            // The partner loses the session and its action items too: asked first.
            let ask = {
                let confirm_id = confirm_id.clone();
                move |_| {
                    change_error.set(None);
                    asking.set(true);
                    nav.focus(&format!("#{confirm_id} button"));
                }
            };
            let cancel = move |_| {
                asking.set(false);
                nav.focus(&delete_button);
            };
            let delete = move |ev: SubmitEvent| {
                ev.prevent_default();
                if busy.get_untracked() {
                    return;
                }
                busy.set(true);
                let (id, when) = (id.clone(), when.clone());
                spawn_local(async move {
                    match actions.delete_session(&id).await {
                        Ok(gone) => {
                            deleted.set(Some((gone, when)));
                            nav.focus(".mw-session-undo");
                        }
                        Err(message) => change_error.set(Some(message)),
                    }
                    asking.set(false);
                    busy.set(false);
                });
            };
            let confirm_step = move || {
                asking.get().then(|| {
                    view! {
                        <form id=confirm_id.clone() class="mw-form mw-confirm" on:submit=delete.clone() novalidate>
                            <p>{question.clone()}</p>
                            <div class="mw-actions">
                                <button type="submit" aria-disabled=refused_while(move || busy.get())>
                                    {locale.text(Text::YesDeleteSession)}
                                </button>
                                <button type="button" class="mw-secondary mw-cancel" on:click=cancel.clone()>
                                    {locale.text(Text::Cancel)}
                                </button>
                            </div>
                        </form>
                    }
                })
            };
            // Its time came with nothing logged: not held until what was said is, so the
            // form is offered for that first.
            let add_notes = (unheld.is_none() && s.awaits_notes(actions.now())).then(|| {
                let to = to.clone();
                view! {
                    <p class="mw-card-line mw-notes-awaited">{locale.text(Text::NothingLoggedYet)}</p>
                    <div class="mw-actions">
                        <button
                            type="button"
                            class="mw-add-notes"
                            aria-label=locale.format(Text::AddSessionNotesOf, &[&mine])
                            on:click=move |_| nav.go(to.clone())
                        >
                            {locale.text(Text::AddSessionNotes)}
                        </button>
                    </div>
                }
            });
            let edit = unheld.is_none().then(|| {
                view! {
                    <button
                        type="button"
                        class="mw-secondary"
                        aria-label=edit_label
                        on:click=move |_| nav.go(to.clone())
                    >
                        {locale.text(Text::Edit)}
                    </button>
                }
            });
            view! {
                {add_notes}
                <div class="mw-actions">
                    {edit}
                    <button
                        type="button"
                        id=format!("mw-session-{}-delete-button", s.id)
                        class="mw-secondary"
                        aria-label=delete_label
                        aria-expanded=move || asking.get().to_string()
                        on:click=ask
                    >
                        {locale.text(Text::Delete)}
                    </button>
                </div>
                {confirm_step}
                <p class="mw-error" role="alert">{move || change_error.get()}</p>
            }
        });
        // Only a session still to come (or under way) of a pair not over goes into a calendar.
        let (label, id, ends) = (
            locale.format(Text::AddToCalendarLabel, &[&mine]),
            s.id.clone(),
            s.ends_at(),
        );
        let planned = s.clone();
        let calendar = move || {
            ended.track();
            let now = actions.now();
            let ahead = (actions.workspace.relationship(&planned.relationship))
                .map_or(ends > now, |r| takes_place_ahead(&planned, &r, now));
            if read_only || !ahead {
                timer.clear();
                return None;
            }
            // A browser fires a timer longer than 2^31 - 1 ms at once: one that far off
            // fires early, finds the session still to come, and waits again.
            let wait = (ends.0 - now.0).min(i64::from(i32::MAX)) as u64;
            let redraw = move || {
                ended.try_update(|n| *n += 1);
            };
            timer.set(redraw, wait);
            let (label, id) = (label.clone(), id.clone());
            Some(view! {
                <div class="mw-actions">
                    <button
                        type="button"
                        class="mw-secondary"
                        aria-label=label
                        on:click=move |_| {
                            calendar_error.set(actions.download_session_event(&id).err())
                        }
                    >
                        {locale.text(Text::AddToCalendar)}
                    </button>
                </div>
                <p class="mw-error" role="alert">{move || calendar_error.get()}</p>
            })
        };
        let when = if s.time_zone != my_zone.get() && zone::is_known(&s.time_zone) {
            // The author's date only when it is not the reader's: "5 Jan, 15:30 (11:30 in …)".
            let theirs = if zone::day(s.at, &s.time_zone) == zone::day(s.at, &my_zone.get()) {
                locale.time_of_day(s.at, &s.time_zone)
            } else {
                locale.date_time(s.at, &s.time_zone)
            };
            locale.format(
                Text::WhenWithAuthorZone,
                &[&mine, &theirs, &locale.zone_name(&s.time_zone)],
            )
        } else {
            mine
        };
        let mut meta = locale.format(
            Text::SessionMeta,
            &[
                &locale.count(Text::CountMinutes, s.minutes as usize),
                &place_text(&s.place, locale),
                &actions.workspace.name_of(&s.author),
            ],
        );
        // Changed after it was logged: said with the day, where the reader is.
        if let Some(edited) = actions.session_edited(&s) {
            let day = locale.date(zone::day(edited, &my_zone.get()));
            meta = locale.format(Text::SessionMetaEdited, &[&meta, &day]);
        }
        let grow = [
            (Text::GrowGoal, s.grow.goal.clone()),
            (Text::GrowReality, s.grow.reality.clone()),
            (Text::GrowOptions, s.grow.options.clone()),
            (Text::GrowWill, s.grow.will.clone()),
        ]
        .into_iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(label, text)| {
            view! {
                <dt>{locale.text(label)}</dt>
                <dd class="mw-prose" dir="auto">{text}</dd>
            }
        })
        .collect_any();
        let skills = s
            .skills
            .iter()
            .map(|skill| locale.text(skill_text(*skill).0))
            .collect::<Vec<_>>();
        let skills = locale.list(&skills);
        let skills = (!skills.is_empty()).then(|| {
            view! { <p class="mw-card-line">{locale.format(Text::SkillsUsedList, &[&skills])}</p> }
        });
        let items = s
            .actions
            .iter()
            .map(|a| {
                let open_on = (!a.done).then(|| actions.today());
                let line =
                    action_line(locale, &actions.workspace.name_of(&a.owner), a.due, open_on);
                let state = if a.done {
                    locale.text(Text::ActionDone)
                } else {
                    ""
                };
                view! {
                    <li>
                        <bdi dir="auto">{a.text.clone()}</bdi>
                        " — "
                        {line}
                        " "
                        {state}
                    </li>
                }
            })
            .collect_any();
        let goals = actions.workspace.goals.with(|all| {
            s.goals
                .iter()
                .filter_map(|g| all.iter().find(|x| &x.id == g))
                .map(|g| g.title.as_str().to_owned())
                .collect::<Vec<_>>()
        });
        let goals = locale.list(&goals);
        let goals = (!goals.is_empty()).then(|| {
            view! { <p class="mw-card-line">{locale.format(Text::LinkedGoalsList, &[&goals])}</p> }
        });
        Some(view! {
            <h5 class="mw-card-title" id=format!("mw-session-{}-title", s.id)>{when}</h5>
            <p class="mw-card-line mw-muted">{meta}</p>
            {not_held}
            {calendar}
            {changes}
            <dl class="mw-facts">{grow}</dl>
            {skills}
            {(!s.actions.is_empty())
                .then(|| {
                    view! {
                        <p class="mw-card-line">{locale.text(Text::ActionItems)}</p>
                        <ul class="mw-plain">{items}</ul>
                    }
                })}
            {goals}
        })
    };
    // Focused when an undo brings the session back.
    let card_id = format!("mw-session-{id}");
    view! {
        <li class="mw-card" id=card_id tabindex="-1">
            {summary}
            <PrivateNoteBehindButton actions nav session=id when=session_when(session, my_zone) />
        </li>
    }
}

/// The session's date and time as its card's title says it where the reader is, for the
/// accessible names of the card's buttons.
fn session_when(session: Memo<Option<Session>>, my_zone: Memo<String>) -> Signal<String> {
    let locale = use_locale();
    Signal::derive(move || {
        session
            .with(|s| s.as_ref().map(|s| s.at))
            .map(|at| locale.date_time(at, &my_zone.get()))
            .unwrap_or_default()
    })
}

/// My private note on a session behind a button ("Add a private note", or "My private note
/// (written)" once there is one), so that a long list of sessions does not draw a text box on
/// each. Once opened it stays open: nothing typed in it goes away with a fold.
#[component]
fn PrivateNoteBehindButton(
    actions: Actions,
    nav: Nav,
    session: RecordId,
    when: Signal<String>,
) -> impl IntoView {
    let locale = use_locale();
    let open = RwSignal::new(false);
    let of = session.clone();
    let written = memo(move || {
        let me = my_id(actions)?;
        Some(
            actions
                .workspace
                .notes
                .with(|all| note_of(all, &of, &me).is_some()),
        )
    });
    let field = format!("#mw-note-{session}");
    let button = move || {
        let (shown, named) = if written.get() == Some(true) {
            (Text::PrivateNoteWritten, Text::PrivateNoteWrittenOn)
        } else {
            (Text::AddPrivateNote, Text::AddPrivateNoteOn)
        };
        let field = field.clone();
        view! {
            <div class="mw-actions">
                <button
                    type="button"
                    class="mw-secondary mw-note-open"
                    aria-label=move || locale.format(named, &[&when.get()])
                    on:click=move |_| {
                        open.set(true);
                        nav.focus(&field);
                    }
                >
                    {locale.text(shown)}
                </button>
            </div>
        }
    };
    view! {
        {shown_or(
            move || open.get(),
            move || view! { <PrivateNoteEditor actions session=session.clone() /> }.into_any(),
            move || button().into_any(),
        )}
    }
}

/// A private note's count against its cap, said once the note is within a tenth of it, so the
/// cap is known before a save is refused; nothing is cut (no `maxlength`): a paste over it
/// stays whole for its writer to shorten.
fn note_count(locale: Locale, note: RwSignal<String>, id: String) -> impl IntoView {
    let length = memo(move || note.with(|n| n.chars().count()));
    let near = move || length.get() >= NOTES_MAX_CHARS - NOTES_MAX_CHARS / 10;
    let over = move || length.get() > NOTES_MAX_CHARS;
    view! {
        <p id=id class="mw-hint mw-note-count" class:mw-over=over hidden=move || !near()>
            {move || {
                near()
                    .then(|| {
                        locale.format(
                            Text::CharactersUsed,
                            &[&locale.number(length.get() as i64), &locale.number(NOTES_MAX_CHARS as i64)],
                        )
                    })
            }}
        </p>
    }
}

/// My own note on a session: a record of its own that only I can see.
#[component]
pub fn PrivateNoteEditor(actions: Actions, session: RecordId) -> impl IntoView {
    let locale = use_locale();
    let note_session = session.clone();
    let existing = memo(move || {
        let me = my_id(actions)?;
        actions
            .workspace
            .notes
            .with(|all| note_of(all, &note_session, &me).cloned())
    });
    let text = RwSignal::new(existing.get_untracked().map(|n| n.text).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let field_id = format!("mw-note-{session}");
    let hint_id = format!("mw-note-{session}-hint");
    let error_id = format!("mw-note-{session}-error");
    let count_id = format!("mw-note-{session}-count");
    // Named with the card's heading (the session's date): a page of sessions has one of each.
    let label_id = format!("mw-note-{session}-label");
    let button_id = format!("mw-note-{session}-save");
    let title_id = format!("mw-session-{session}-title");
    let save = move |_| {
        let Some(me) = actions.me() else {
            return;
        };
        let note = PrivateNote {
            id: existing
                .get_untracked()
                .map_or_else(|| actions.new_id("note"), |n| n.id),
            owner: me,
            session: session.clone(),
            text: text.get_untracked(),
        };
        spawn_local(async move {
            match actions.save_note(note).await {
                Ok(()) => {
                    error.set(None);
                    saved.set(true);
                }
                Err(message) => {
                    saved.set(false);
                    error.set(Some(message));
                }
            }
        });
    };
    view! {
        <div class="mw-private">
            <label class="mw-field" id=label_id.clone() for=field_id.clone()>
                {locale.text(Text::MyPrivateNote)}
            </label>
            <p id=hint_id.clone() class="mw-hint mw-private-hint">{locale.text(Text::OnlyYouCanSee)}</p>
            <textarea
                dir="auto"
                id=field_id
                aria-labelledby=format!("{label_id} {title_id}")
                rows="2"
                aria-describedby=format!("{hint_id} {count_id} {error_id}")
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=value_of(text)
                on:input=move |ev| {
                    text.set(event_target_value(&ev));
                    saved.set(false);
                }
            />
            {note_count(locale, text, count_id.clone())}
            <p id=error_id class="mw-error" role="alert">{move || error.get()}</p>
            {shown_while(move || saved.get(), move || view! {
                <p class="mw-saved" role="status">{locale.text(Text::NoteSaved)}</p>
            }.into_any())}
            <button
                type="button"
                class="mw-secondary"
                id=button_id.clone()
                aria-labelledby=format!("{button_id} {title_id}")
                on:click=save
            >
                {locale.text(Text::SavePrivateNote)}
            </button>
        </div>
    }
}
