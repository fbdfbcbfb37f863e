//! Which screen the participant is on, and the small navigation between screens.
//!
//! The current screen is a signal, not a URL: the page's address belongs to the host (no
//! `leptos_router`). Moving to another screen puts keyboard focus on its heading, so a
//! screen-reader or keyboard user lands where the new content starts.

use crate::edges::download::WarnBeforeUnload;
use leptos::html::Div;
use leptos::prelude::*;
use mentoring_core::RecordId;

#[cfg(feature = "admin")]
use super::admin::{AdminScreen, MatchingScreen};
use super::conflicts::ConflictsPanel;
use super::feedback::FeedbackForm;
use super::goal_editor::GoalEditor;
use super::goals;
use super::i18n::Text;
use super::keyed_list;
use super::learning::LearningLog;
use super::memo;
use super::relationships::{EarlierPairingPage, RelationshipList, RelationshipPage};
use super::reminders::AttentionPanel;
use super::session_log::SessionLog;
use super::shown_while;
use super::state::Actions;
use super::suggestions::FindMentor;
use super::{focus_first_when_drawn, focus_found_when_drawn, focus_when_drawn, use_locale};

/// A screen of the participant's part of the widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The existing goal list (`goals::Goals`).
    MyGoals,
    Relationships,
    Relationship(RecordId),
    /// A pairing the person was taken off, read back: the sessions they had in the
    /// relationship, read-only (`session::earlier_pairings`).
    EarlierPairing(RecordId),
    /// The SMART goal editor: an existing goal, or a new one (in a relationship or personal).
    Goal {
        goal: Option<RecordId>,
        relationship: Option<RecordId>,
    },
    SessionLog(RecordId),
    /// The session log's form, opened on a session logged before, to change it.
    EditSession {
        relationship: RecordId,
        session: RecordId,
    },
    Feedback(RecordId),
    /// The feedback form, opened on feedback given before, for its giver to change.
    EditFeedback {
        relationship: RecordId,
        feedback: RecordId,
    },
    Learning(RecordId),
    /// A mentee's suggested mentors (`suggestions::FindMentor`).
    FindMentor,
    /// The programme admin's matching screen (`admin::MatchingScreen`).
    Matching,
    /// Programme set-up, enrolment, health, dashboard and exports (`admin::AdminScreen`).
    Admin,
}

/// The top-level tabs (matching and programme admin only for a programme's admins).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Tab {
    MyGoals,
    Relationships,
    FindMentor,
    Matching,
    Admin,
}

impl Tab {
    fn text(self) -> Text {
        match self {
            Tab::MyGoals => Text::MyGoals,
            Tab::Relationships => Text::MyRelationships,
            Tab::FindMentor => Text::FindMentor,
            Tab::Matching => Text::AdminMatching,
            Tab::Admin => Text::AdminNav,
        }
    }
}

impl Screen {
    /// The screen as a word and its ids (`relationship:rel-1:`), which js/element.js carries
    /// over a language change, as the widget is mounted again: [`Screen::from_token`].
    pub fn token(&self) -> String {
        let (kind, ids): (&str, [Option<&RecordId>; 2]) = match self {
            Screen::MyGoals => ("my-goals", [None, None]),
            Screen::Relationships => ("relationships", [None, None]),
            Screen::Relationship(r) => ("relationship", [Some(r), None]),
            Screen::EarlierPairing(r) => ("earlier-pairing", [Some(r), None]),
            Screen::Goal { goal, relationship } => ("goal", [goal.as_ref(), relationship.as_ref()]),
            Screen::SessionLog(r) => ("session-log", [Some(r), None]),
            Screen::EditSession {
                relationship,
                session,
            } => ("edit-session", [Some(relationship), Some(session)]),
            Screen::Feedback(r) => ("feedback", [Some(r), None]),
            Screen::EditFeedback {
                relationship,
                feedback,
            } => ("edit-feedback", [Some(relationship), Some(feedback)]),
            Screen::Learning(r) => ("learning", [Some(r), None]),
            Screen::FindMentor => ("find-mentor", [None, None]),
            Screen::Matching => ("matching", [None, None]),
            Screen::Admin => ("admin", [None, None]),
        };
        let mut token = kind.to_owned();
        for id in ids {
            token.push(':');
            token.push_str(id.map_or("", RecordId::as_str));
        }
        token
    }

    /// The screen a [`Screen::token`] names; `None` for anything else.
    pub fn from_token(token: &str) -> Option<Screen> {
        let mut parts = token.split(':');
        let kind = parts.next()?;
        let mut id = || (parts.next()).and_then(|p| RecordId::parse(p).ok());
        let (first, second) = (id(), id());
        Some(match kind {
            "my-goals" => Screen::MyGoals,
            "relationships" => Screen::Relationships,
            "relationship" => Screen::Relationship(first?),
            "earlier-pairing" => Screen::EarlierPairing(first?),
            "goal" => Screen::Goal {
                goal: first,
                relationship: second,
            },
            "session-log" => Screen::SessionLog(first?),
            "edit-session" => Screen::EditSession {
                relationship: first?,
                session: second?,
            },
            "feedback" => Screen::Feedback(first?),
            "edit-feedback" => Screen::EditFeedback {
                relationship: first?,
                feedback: second?,
            },
            "learning" => Screen::Learning(first?),
            "find-mentor" => Screen::FindMentor,
            "matching" => Screen::Matching,
            "admin" => Screen::Admin,
            _ => return None,
        })
    }

    /// What the widget's heading (and its region's name) says on this screen: the tab it is
    /// under, as an inner screen has a title of its own below it.
    pub fn heading(&self) -> Text {
        self.tab().text()
    }

    fn tab(&self) -> Tab {
        match self {
            Screen::MyGoals
            | Screen::Goal {
                relationship: None, ..
            } => Tab::MyGoals,
            Screen::FindMentor => Tab::FindMentor,
            Screen::Matching => Tab::Matching,
            Screen::Admin => Tab::Admin,
            _ => Tab::Relationships,
        }
    }

    /// Where "Back" goes, and what its button says.
    fn back(&self) -> Option<(Screen, Text)> {
        match self {
            Screen::MyGoals
            | Screen::Relationships
            | Screen::FindMentor
            | Screen::Matching
            | Screen::Admin => None,
            Screen::Relationship(_) | Screen::EarlierPairing(_) => {
                Some((Screen::Relationships, Text::BackToRelationships))
            }
            Screen::Goal {
                relationship: None, ..
            } => Some((Screen::MyGoals, Text::BackToMyGoals)),
            Screen::Goal {
                relationship: Some(r),
                ..
            }
            | Screen::SessionLog(r)
            | Screen::EditSession {
                relationship: r, ..
            }
            | Screen::Feedback(r)
            | Screen::EditFeedback {
                relationship: r, ..
            }
            | Screen::Learning(r) => {
                Some((Screen::Relationship(r.clone()), Text::BackToRelationship))
            }
        }
    }
}

/// The navigation handle every screen holds: the current screen and where its content is.
#[derive(Clone, Copy)]
pub struct Nav {
    pub screen: RwSignal<Screen>,
    root: NodeRef<Div>,
    /// The forms on the screen shown that hold changes not saved yet: a screen may show more
    /// than one (the agreement beside a learning entry being rewritten), and saving one leaves
    /// the other's changes to ask about.
    unsaved: RwSignal<Vec<&'static str>>,
    /// Where someone asked to go while changes were unsaved: they are asked first.
    leaving_for: RwSignal<Option<Screen>>,
    /// What had keyboard focus when they were asked (the tab or button that asked to leave):
    /// "Keep editing" puts it back there, as a dialogue returns focus to what opened it.
    asked_from: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    /// A form saved what it then opens as another screen (a new goal, to edit): that screen
    /// says it was saved, as the form would have.
    arrived_saved: StoredValue<bool>,
    /// Where keyboard focus was last sent on this screen (`#mw-session-…`): a list that keeps
    /// its earlier cards behind "Show earlier" draws them all when it is one of them.
    sent_to: RwSignal<Option<String>>,
    /// What is typed in My goals' quick "Title" field: kept while the person opens the SMART
    /// form (which starts from it) and comes back, until a goal is saved with it.
    pub(super) quick_title: RwSignal<String>,
}

impl Nav {
    pub fn new(start: Screen) -> Nav {
        Nav {
            screen: RwSignal::new(start),
            root: NodeRef::new(),
            unsaved: RwSignal::new(Vec::new()),
            leaving_for: RwSignal::new(None),
            asked_from: StoredValue::new_local(None),
            arrived_saved: StoredValue::new(false),
            sent_to: RwSignal::new(None),
            quick_title: RwSignal::new(String::new()),
        }
    }

    /// [`Nav::go`] from a form that just saved what `to` shows.
    pub(super) fn go_saved(self, to: Screen) {
        self.arrived_saved.set_value(true);
        self.go(to);
        // Asked first whether to leave other changes: nothing arrives saved yet.
        if self.leaving_for.with_untracked(Option::is_some) {
            self.arrived_saved.set_value(false);
        }
    }

    /// Whether the screen being drawn was reached by [`Nav::go_saved`]: said once.
    pub(super) fn take_saved(self) -> bool {
        let saved = self.arrived_saved.get_value();
        self.arrived_saved.set_value(false);
        saved
    }

    /// The form named `form` says whether it holds changes that leaving the screen would
    /// throw away. Once no form does (saved, cancelled, or the forms gone), nothing is asked.
    pub(super) fn set_unsaved(self, form: &'static str, unsaved: bool) {
        if self.unsaved.with_untracked(|forms| forms.contains(&form)) != unsaved {
            self.unsaved.update(|forms| {
                forms.retain(|f| *f != form);
                if unsaved {
                    forms.push(form);
                }
            });
        }
        let nothing_unsaved = self.unsaved.with_untracked(Vec::is_empty);
        if nothing_unsaved && self.leaving_for.with_untracked(Option::is_some) {
            self.leaving_for.set(None);
        }
    }

    /// Registers, in the form being drawn, that its changes go with it: a form replaced or
    /// removed (its relationship ended meanwhile, its goal gone) leaves nothing to ask about.
    pub(super) fn forget_unsaved_with_form(self, form: &'static str) {
        on_cleanup(move || self.set_unsaved(form, false));
    }

    /// Moves keyboard focus to what `selector` finds on the screen, once it is drawn.
    pub(super) fn focus(self, selector: &str) {
        self.sent_to.set(Some(selector.to_owned()));
        focus_when_drawn(self.root, selector);
    }

    /// Sets `all` once keyboard focus is sent to what `hidden` says a list keeps behind "Show
    /// earlier" (a reminder's session, an undone deletion), so that nothing focus goes to is
    /// left undrawn.
    pub(super) fn show_all_when_sent_to(
        self,
        all: RwSignal<bool>,
        hidden: impl Fn(&str) -> bool + 'static,
    ) {
        Effect::new(move |_| {
            let sent = self.sent_to.with(|to| to.as_deref().is_some_and(&hidden));
            if sent && !all.get_untracked() {
                all.set(true);
            }
        });
    }

    /// Whether keyboard focus was last sent to `selector` on this screen (tracked): a part
    /// drawn later (a card fetched from the host) takes it when it comes.
    #[cfg(feature = "admin")]
    pub(super) fn sent_to(self, selector: &str) -> bool {
        self.sent_to.with(|to| to.as_deref() == Some(selector))
    }

    /// [`Nav::focus`] with places in order of preference.
    pub(super) fn focus_first(self, selectors: &[&str]) {
        focus_first_when_drawn(self.root, selectors);
    }

    /// Shows `to` and moves keyboard focus to its heading once it is drawn; with unsaved
    /// changes on the screen, asks first whether to leave them.
    pub fn go(self, to: Screen) {
        let unsaved = !self.unsaved.with_untracked(Vec::is_empty);
        if unsaved && self.screen.with_untracked(|s| s != &to) {
            self.asked_from.set_value(self.focused());
            self.leaving_for.set(Some(to));
            focus_when_drawn(self.root, ".mw-leave button");
            return;
        }
        self.show(to);
    }

    fn show(self, to: Screen) {
        if !self.unsaved.with_untracked(Vec::is_empty) {
            self.unsaved.set(Vec::new());
        }
        self.leaving_for.set(None);
        self.sent_to.set(None);
        self.screen.set(to);
        // Its title; a screen without one (My goals) takes focus on its tab, so focus never
        // falls to the host page's body when the back button that had it goes.
        focus_found_when_drawn(self.root, |screen| {
            screen
                .query_selector(".mw-screen-title")
                .ok()
                .flatten()
                .or_else(|| {
                    let frame = screen.parent_element()?;
                    frame
                        .query_selector(".mw-nav [aria-current='page']")
                        .ok()
                        .flatten()
                })
        });
    }

    /// The element with keyboard focus in the widget's shadow root, if any.
    fn focused(self) -> Option<web_sys::HtmlElement> {
        use wasm_bindgen::JsCast;
        let root = self.root.get_untracked()?;
        let shadow: web_sys::ShadowRoot = root.get_root_node().dyn_into().ok()?;
        shadow.active_element()?.dyn_into().ok()
    }

    /// Stays on the screen with its changes, keyboard focus back where it was.
    fn keep_editing(self) {
        self.leaving_for.set(None);
        if let Some(was) = self.asked_from.get_value() {
            request_animation_frame(move || {
                let _ = was.focus();
            });
        }
    }

    /// Leaves for where someone asked to go, throwing the unsaved changes away.
    fn discard_and_leave(self) {
        if let Some(to) = self.leaving_for.get_untracked() {
            self.show(to);
        }
    }
}

/// The participant's screens: a small tab bar, a "Back" button on inner screens, and the
/// current screen. Starts on "My goals". The matching tab is shown only to a person who
/// administers a programme.
pub fn screens(actions: Actions) -> impl IntoView {
    screens_at(actions, Screen::MyGoals)
}

/// The participant's screens, opened at `start`.
pub fn screens_at(actions: Actions, start: Screen) -> impl IntoView {
    screens_in(actions, Nav::new(start))
}

/// "Today" turns at the person's own midnight, in a tab left open overnight too: one timer,
/// set for the next midnight in their zone and set again when it fires or their zone changes
/// (the directory arrives), bumps `Actions::midnights`, which every memo and view reading
/// the clock follows. None is left once the screens go.
fn follow_midnight(actions: Actions) {
    use mentoring_core::session::next_midnight;
    let timer = super::OneTimer::new();
    Effect::new(move |_| {
        let now = actions.now();
        let zone = super::session_log::zone::of_me(actions);
        let next = next_midnight(now, |at| {
            super::session_log::zone::offset_minutes(at, &zone)
        });
        // A browser fires a timer longer than 2^31 - 1 ms at once; midnight is never that far.
        let wait = (next.0 - now.0).clamp(0, i64::from(i32::MAX)) as u64;
        let turn = move || {
            actions.midnights.try_update(|n| *n += 1);
        };
        timer.set(turn, wait);
    });
}

/// Above the screens: offline, or changes the portal has not taken while it fails, in a short
/// word, and the changes not kept with a button to them. On a phone the status line is pages
/// below and a change is lost on whichever screen is open. Not a live region: the status line
/// alone announces, once.
fn sync_top(actions: Actions, nav: Nav) -> impl IntoView {
    let locale = use_locale();
    let word = memo(move || {
        actions.sync.status.with(|s| {
            let count = || locale.count(Text::CountChanges, s.waiting);
            if !actions.sync.started() {
                None
            } else if !s.online && s.waiting == 0 {
                Some(locale.text(Text::SyncOffline).to_owned())
            } else if !s.online {
                Some(locale.format(Text::SyncOfflineWaiting, &[&count()]))
            } else if s.error.is_some() && s.waiting > 0 {
                Some(locale.format(Text::SyncWaiting, &[&count()]))
            } else {
                None
            }
        })
    });
    let not_kept = super::conflicts::not_kept_count(actions, locale);
    // Said on the widget's box for js/element.js (`onlyHere`), as `warn_before_unload` says
    // what is unsaved: what "Changes not kept" lists the host refused exists nowhere else.
    let refused = super::conflicts::refused_count(actions, locale);
    Effect::new(move |_| {
        let n = refused.get();
        if let Some(widget) = (nav.root.get()).and_then(|r| r.closest(".mw").ok().flatten()) {
            let _ = widget.set_attribute("data-refused", &n.to_string());
        }
    });
    let show = move |_| {
        nav.go(Screen::MyGoals);
        nav.focus_first(&[".mw-conflict button", "#mw-conflicts-heading"]);
    };
    move || {
        let word = word.get();
        let n = not_kept.get();
        (word.is_some() || n > 0).then(|| {
            view! {
                <div class="mw-sync-top">
                    {word.map(|word| view! { <span class="mw-sync-word">{word}</span> })}
                    {(n > 0).then(|| view! {
                        <button type="button" class="mw-secondary mw-not-kept" on:click=show>
                            {locale.format(Text::ShowNotKept, &[&locale.count(Text::CountChanges, n)])}
                        </button>
                    })}
                </div>
            }
        })
    }
}

/// Closing or reloading the page with changes not saved makes the browser ask first, as
/// leaving a form inside the widget does; the listener is on the page only while there are
/// such changes, and goes with the screens.
fn warn_before_unload(nav: Nav) {
    let warning = StoredValue::new_local(None::<WarnBeforeUnload>);
    let any_unsaved = memo(move || !nav.unsaved.with(Vec::is_empty));
    Effect::new(move |_| {
        let warn = any_unsaved.get();
        warning.update_value(|w| match (warn, w.is_some()) {
            (true, false) => *w = Some(WarnBeforeUnload::start()),
            (false, true) => *w = None,
            _ => {}
        });
        // Said on the widget's own box too: js/element.js mounts it again in a new `locale`
        // only once nothing is left unsaved, so a language change throws no draft away, and
        // on the screen named there (`Screen::token`), written first: a form that saves and
        // moves on says where it went before it says nothing is left unsaved.
        let screen = nav.screen.with(Screen::token);
        if let Some(widget) = (nav.root.get()).and_then(|r| r.closest(".mw").ok().flatten()) {
            let _ = widget.set_attribute("data-screen", &screen);
            let _ = if warn {
                widget.set_attribute("data-unsaved", "")
            } else {
                widget.remove_attribute("data-unsaved")
            };
        }
    });
    on_cleanup(move || drop(warning.try_update_value(Option::take)));
}

/// The participant's screens, navigated by `nav`, which the caller may also read.
pub fn screens_in(actions: Actions, nav: Nav) -> impl IntoView {
    // Goal rows offer "Edit" when they can navigate.
    provide_context(nav);
    #[cfg(feature = "admin")]
    super::admin::provide_chosen();
    warn_before_unload(nav);
    follow_midnight(actions);
    let locale = use_locale();
    let tab = memo(move || nav.screen.with(Screen::tab));
    let back = memo(move || nav.screen.with(Screen::back));
    // Only the admins' build has the admin screens; it shows them to a programme's admins.
    #[cfg(feature = "admin")]
    let is_admin = memo(move || super::admin::administers_any(actions));
    #[cfg(not(feature = "admin"))]
    let is_admin = Memo::new(|_| false);
    let tabs = move || {
        let mut tabs = vec![
            (Tab::MyGoals, Screen::MyGoals),
            (Tab::Relationships, Screen::Relationships),
            (Tab::FindMentor, Screen::FindMentor),
        ];
        if is_admin.get() {
            tabs.push((Tab::Matching, Screen::Matching));
            tabs.push((Tab::Admin, Screen::Admin));
        }
        tabs
    };
    view! {
        {sync_top(actions, nav)}
        <nav class="mw-nav" aria-label=locale.text(Text::ScreensNav)>
            {keyed_list(
                tabs,
                |(which, _)| *which,
                move |item| view! {
                <button
                    type="button"
                    class="mw-tab"
                    aria-current=move || (tab.get() == item.0).then_some("page")
                    on:click=move |_| nav.go(item.1.clone())
                >
                    {locale.text(item.0.text())}
                </button>
                }.into_any(),
            )}
        </nav>
        {move || {
            back.get()
                .map(|(to, label)| {
                    view! {
                        <button
                            type="button"
                            class="mw-back mw-secondary"
                            on:click=move |_| nav.go(to.clone())
                        >
                            {locale.text(label)}
                        </button>
                    }
                })
        }}
        <div class="mw-screen" node_ref=nav.root on:keydown=cancel_on_escape>
            {shown_while(move || nav.leaving_for.with(Option::is_some), move || view! {
                <div class="mw-leave mw-confirm" role="alertdialog" aria-labelledby="mw-leave-question">
                    <p id="mw-leave-question">{locale.text(Text::LeaveUnsaved)}</p>
                    <div class="mw-actions">
                        <button type="button" class="mw-secondary mw-cancel" on:click=move |_| nav.keep_editing()>
                            {locale.text(Text::KeepEditing)}
                        </button>
                        <button type="button" class="mw-secondary" on:click=move |_| nav.discard_and_leave()>
                            {locale.text(Text::DiscardAndLeave)}
                        </button>
                    </div>
                </div>
            }.into_any())}
            {move || match nav.screen.get() {
                Screen::MyGoals => {
                    super::conflicts::SettledSaid::provide();
                    view! {
                        <AttentionPanel actions nav />
                        <ConflictsPanel actions />
                        <goals::Goals actions />
                        <goals::MyDataExport actions />
                    }
                        .into_any()
                }
                Screen::Relationships => view! { <RelationshipList actions nav /> }.into_any(),
                Screen::Relationship(id) => view! { <RelationshipPage actions nav id /> }.into_any(),
                Screen::EarlierPairing(id) => view! { <EarlierPairingPage actions nav id /> }.into_any(),
                Screen::Goal { goal, relationship } => {
                    view! { <GoalEditor actions nav goal relationship /> }.into_any()
                }
                Screen::SessionLog(relationship) => {
                    view! { <SessionLog actions nav relationship /> }.into_any()
                }
                Screen::EditSession { relationship, session } => {
                    view! { <SessionLog actions nav relationship editing=session /> }.into_any()
                }
                Screen::Feedback(relationship) => {
                    view! { <FeedbackForm actions nav relationship /> }.into_any()
                }
                Screen::EditFeedback { relationship, feedback } => {
                    view! { <FeedbackForm actions nav relationship editing=feedback /> }.into_any()
                }
                Screen::Learning(relationship) => {
                    view! { <LearningLog actions relationship /> }.into_any()
                }
                Screen::FindMentor => view! { <FindMentor actions /> }.into_any(),
                #[cfg(feature = "admin")]
                Screen::Matching => view! { <MatchingScreen actions /> }.into_any(),
                #[cfg(not(feature = "admin"))]
                Screen::Matching => ().into_any(),
                #[cfg(feature = "admin")]
                Screen::Admin => view! { <AdminScreen actions /> }.into_any(),
                #[cfg(not(feature = "admin"))]
                Screen::Admin => ().into_any(),
            }}
        </div>
    }
}

/// A screen asked to open a record that is gone, or not the reader's: its title and why there
/// is nothing to show, announced.
pub(crate) fn missing_record(heading: Text, why: Text) -> AnyView {
    let locale = use_locale();
    view! {
        <h3 class="mw-screen-title" tabindex="-1">{locale.text(heading)}</h3>
        <p class="mw-error" role="alert">{locale.text(why)}</p>
    }
    .into_any()
}

/// Escape answers "no" to the confirm step the keyboard is in: its Cancel button is pressed,
/// which puts focus back where the step was asked from.
fn cancel_on_escape(ev: leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    if ev.key() != "Escape" {
        return;
    }
    let cancel = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".mw-confirm").ok().flatten())
        .and_then(|step| step.query_selector(".mw-cancel").ok().flatten())
        .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(cancel) = cancel {
        ev.prevent_default();
        cancel.click();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    #[test]
    fn inner_screens_go_back_to_where_they_were_opened_from() {
        let rel = id("rel");
        assert_eq!(Screen::MyGoals.back(), None);
        assert_eq!(Screen::Relationships.back(), None);
        assert_eq!(
            Screen::SessionLog(rel.clone()).back().map(|(s, _)| s),
            Some(Screen::Relationship(rel.clone()))
        );
        let personal = Screen::Goal {
            goal: None,
            relationship: None,
        };
        assert_eq!(personal.back().map(|(s, _)| s), Some(Screen::MyGoals));
        assert_eq!(personal.tab(), Tab::MyGoals);
        let shared = Screen::Goal {
            goal: Some(id("g")),
            relationship: Some(rel.clone()),
        };
        assert_eq!(shared.tab(), Tab::Relationships);
        assert_eq!(
            shared.back().map(|(s, _)| s),
            Some(Screen::Relationship(rel))
        );
    }

    #[test]
    fn every_screen_is_read_back_from_its_token_and_nothing_else_is_a_screen() {
        let (r, x) = (id("rel-1"), id("x_2"));
        let screens = [
            Screen::MyGoals,
            Screen::Relationships,
            Screen::Relationship(r.clone()),
            Screen::EarlierPairing(r.clone()),
            Screen::Goal {
                goal: None,
                relationship: None,
            },
            Screen::Goal {
                goal: Some(x.clone()),
                relationship: None,
            },
            Screen::Goal {
                goal: None,
                relationship: Some(r.clone()),
            },
            Screen::SessionLog(r.clone()),
            Screen::EditSession {
                relationship: r.clone(),
                session: x.clone(),
            },
            Screen::Feedback(r.clone()),
            Screen::EditFeedback {
                relationship: r.clone(),
                feedback: x.clone(),
            },
            Screen::Learning(r.clone()),
            Screen::FindMentor,
            Screen::Matching,
            Screen::Admin,
        ];
        for screen in screens {
            assert_eq!(Screen::from_token(&screen.token()), Some(screen.clone()));
        }
        assert_eq!(Screen::Relationship(r).token(), "relationship:rel-1:");
        for junk in [
            "",
            "relationship",
            "relationship:",
            "edit-session:rel-1:",
            "nowhere:x",
        ] {
            assert_eq!(Screen::from_token(junk), None, "{junk:?}");
        }
    }
}
