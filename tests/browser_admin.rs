//! Browser tests of the programme admin screens (`ui::admin`) in headless Chromium: the
//! set-up form's refusals and unreadable fields, enrolment from the directory (and from a
//! directory that arrives later), the dashboard's small-group rule, the printable report, the
//! health list's "Show more" (it adds cards and keeps those shown as they are), a dashboard
//! reply refused whole for one unreadable health entry, ending a pair early or re-matching it
//! (each asks first, with the reason, and the card shows the pair ended at once), publishing a
//! run (it asks first, saying how many it creates), and that a private note's text never
//! shows in an admin view. They mount `ui::screens::screens` as `hr-admin` over an in-memory
//! store and a host that answers the dashboard route with figures, and act as the admin
//! would. The admin screens are in the programme admins' build: `--features admin`.
#![cfg(target_arch = "wasm32")]
#![cfg(feature = "admin")]

mod common;

use common::{all, button, click, event, fill, one, rid, sleep, text, until, MemoryStore};

use std::rc::Rc;

use js_sys::{Function, Reflect};
use leptos::prelude::{Set, Update, WithUntracked};
use mentoring_core::dashboard::{Figure, Month};
use mentoring_core::health::{HealthSettings, Nudge};
use mentoring_core::preferences::PreferencesMet;
use mentoring_core::reminders::{PairingLog, Written};
use mentoring_core::{
    AdminChange, Change, Date, EnrolledAs, Enrolment, EnrolmentStatus, Grade, Lifecycle, Millis,
    Person, PrivateNote, Programme, ProgrammeKind, ProgrammeState, RecordId, Relationship,
    RelationshipKind,
};
use mentoring_widget::edges::adapter::{
    DirectorySnapshot, Host, HostError, OpV1, PairHealth, ProgrammeFigures, Pulled, Pushed,
};
use mentoring_widget::edges::clock::{BrowserClock, Clock};
use mentoring_widget::edges::download::PRINTING_ATTRIBUTE;
use mentoring_widget::edges::LocalFuture;
use mentoring_widget::ui::i18n::{Locale, Text};
use mentoring_widget::ui::screens::screens;
use mentoring_widget::ui::state::{Actions, SignedIn, Workspace};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const SECRET: &str = "I worry Tariq is thinking of leaving";

/// A host whose dashboard route answers with `figures`; sync is never started here.
/// What the host answers the dashboard route with, after how long, and how often it was
/// asked: a test changes it to take the portal offline or slow.
struct FiguresReply {
    figures: std::cell::RefCell<Result<ProgrammeFigures, HostError>>,
    delay_ms: std::cell::Cell<i32>,
    asked: std::cell::Cell<u32>,
}

struct FiguresHost(Rc<FiguresReply>);

impl Host for FiguresHost {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Err(HostError::Unreachable("test".into())) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        Box::pin(async { Err(HostError::Unreachable("test".into())) })
    }
    fn push<'a>(&'a self, _: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        Box::pin(async { Err(HostError::Unreachable("test".into())) })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        Box::pin(async { Err(HostError::Unreachable("test".into())) })
    }
    fn programme_figures<'a>(
        &'a self,
        _: &'a RecordId,
    ) -> LocalFuture<'a, Result<ProgrammeFigures, HostError>> {
        let reply = self.0.clone();
        reply.asked.set(reply.asked.get() + 1);
        Box::pin(async move {
            sleep(reply.delay_ms.get()).await;
            reply.figures.borrow().clone()
        })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async { Ok(PreferencesMet::default()) })
    }
}

fn person(id: &str, name: &str, department: &str, grade: u8) -> Person {
    Person {
        department: department.into(),
        location: "London".into(),
        grade: Grade(grade),
        ..Person::new(rid(id), name)
    }
}

fn programme() -> Programme {
    let mut p = Programme::new(rid("prog-lead"), ProgrammeKind::Mentoring, "Lead", Date(0));
    p.admins = vec![rid("hr-admin")];
    p
}

fn figures() -> ProgrammeFigures {
    ProgrammeFigures {
        as_of: Date::parse("2026-03-01").unwrap(),
        people: vec![Figure::Shown(12), Figure::Shown(6), Figure::Hidden],
        relationships: vec![
            Figure::Shown(0),
            Figure::Shown(6),
            Figure::Hidden,
            Figure::Hidden,
            Figure::Shown(0),
            Figure::Shown(0),
        ],
        goals_by_status: vec![(
            month(2026, 2),
            vec![
                Figure::Shown(9),
                Figure::Hidden,
                Figure::Hidden,
                Figure::Shown(0),
            ],
            Figure::Shown(0),
        )],
        sessions_per_month: vec![
            (month(2026, 1), Figure::Hidden),
            (month(2026, 2), Figure::Shown(7)),
        ],
        ratings: Vec::new(),
        kirkpatrick: vec![
            Figure::Shown(412),
            Figure::Absent,
            Figure::Absent,
            Figure::Hidden,
            Figure::Absent,
        ],
        results: Figure::Absent,
        health: vec![
            PairHealth {
                relationship: rid("rel-1"),
                pair: None,
                signals: vec!["no-session".into()],
                actions: vec!["nudge".into(), "endearly".into(), "rematch".into()],
                sessions: 0,
                last_session: None,
                next_session: None,
                last_met: None,
                goals: 1,
            },
            // Not synced to this device yet: the host's names for the pair are used.
            PairHealth {
                relationship: rid("rel-2"),
                pair: Some((rid("li"), rid("amira"))),
                signals: Vec::new(),
                actions: vec!["endearly".into()],
                sessions: 3,
                last_session: Some(Date::parse("2026-02-17").unwrap()),
                next_session: Some(Date::parse("2026-03-05").unwrap()),
                last_met: Some(Date::parse("2026-02-17").unwrap()),
                goals: 0,
            },
        ],
    }
}

fn month(year: i32, month: u32) -> Month {
    Month { year, month }
}

struct Mounted {
    root: HtmlElement,
    store: Rc<MemoryStore>,
    workspace: Workspace,
    actions: Actions,
    host: Rc<FiguresReply>,
    _handle: Box<dyn std::any::Any>,
}

async fn mounted_as_admin() -> Mounted {
    mounted_as_admin_with(figures()).await
}

async fn mounted_as_admin_with(figures: ProgrammeFigures) -> Mounted {
    mounted_as_admin_in(Locale::EnGb, figures).await
}

/// The screens as `hr-admin` in `locale`, with the host answering the dashboard route with
/// `figures`.
async fn mounted_as_admin_in(locale: Locale, figures: ProgrammeFigures) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    host.set_attribute("style", "display: block; width: 360px")
        .unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let options = js_sys::Object::new();
    Reflect::set(&options, &"mode".into(), &"open".into()).unwrap();
    let attach: Function = Reflect::get(&host, &"attachShadow".into())
        .unwrap()
        .unchecked_into();
    let shadow: web_sys::ShadowRoot = attach.call1(&host, &options).unwrap().unchecked_into();
    let style = document.create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../js/mentoring-widget.css")));
    shadow.append_child(&style).unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    root.set_class_name("mw-panel");
    shadow.append_child(&root).unwrap();
    let store = Rc::new(MemoryStore::default());
    let people = vec![
        person("hr-admin", "Hannah Okafor", "People", 7),
        person("amira", "Amira Haddad", "Sales", 4),
        person("tariq", "Tariq Aziz", "Sales", 3),
        person("li", "Li Wei", "Finance", 5),
    ];
    let me = people[0].clone();
    let signed_in = SignedIn {
        person: me,
        store: store.clone(),
        clock: Rc::new(BrowserClock),
    };
    let reply = Rc::new(FiguresReply {
        figures: std::cell::RefCell::new(Ok(figures)),
        delay_ms: std::cell::Cell::new(0),
        asked: std::cell::Cell::new(0),
    });
    let host = reply.clone();
    let mounted_workspace = Rc::new(std::cell::Cell::new(None));
    let workspace_out = mounted_workspace.clone();
    let mounted_actions = Rc::new(std::cell::Cell::new(None));
    let actions_out = mounted_actions.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let workspace = Workspace::new();
        workspace_out.set(Some(workspace));
        workspace.directory.set(DirectorySnapshot {
            people,
            programmes: vec![programme()],
            no_place: Vec::new(),
            taking_part: None,
        });
        workspace.apply(Change::Relationship(Relationship {
            id: rid("rel-1"),
            kind: RelationshipKind::Mentoring,
            programme: rid("prog-lead"),
            mentor: rid("li"),
            mentee: rid("tariq"),
            purpose: String::new(),
            ground_rules: String::new(),
            starts: Date::parse("2026-01-05").unwrap(),
            planned_end: Date::parse("2026-12-18").unwrap(),
            lifecycle: Lifecycle::Active,
            target_role: None,
            agreed: Default::default(),
        }));
        // The admin's own private note: it must never surface in an admin view.
        workspace.apply(Change::PrivateNote(PrivateNote {
            id: rid("note-1"),
            owner: rid("hr-admin"),
            session: rid("session-1"),
            text: SECRET.into(),
        }));
        leptos::prelude::provide_context(locale);
        let actions = Actions::new(workspace, locale);
        actions_out.set(Some(actions));
        actions.sign_in(signed_in);
        actions.set_host(Rc::new(FiguresHost(host)));
        screens(actions)
    });
    sleep(10).await;
    let mounted = Mounted {
        root,
        store,
        workspace: mounted_workspace.get().unwrap(),
        actions: mounted_actions.get().unwrap(),
        host: reply,
        _handle: Box::new(handle),
    };
    button(&mounted.root, locale.text(Text::AdminNav)).click();
    until("the admin screen", || {
        text(&mounted.root).contains(locale.text(Text::EnrolPeople))
    })
    .await;
    mounted
}

fn programmes_saved(store: &MemoryStore) -> Vec<Programme> {
    store
        .admin
        .borrow()
        .iter()
        .filter_map(|a| match a {
            AdminChange::Programme(p) => Some(p.clone()),
            _ => None,
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_new_programme_without_a_name_or_with_its_end_first_is_refused_and_not_saved() {
    let m = mounted_as_admin().await;
    button(&m.root, "New programme").click();
    until("the empty set-up form", || {
        all(&m.root, "#mw-prog-name").len() == 1
    })
    .await;
    fill(&m.root, "#mw-prog-starts", "2026-06-01");
    fill(&m.root, "#mw-prog-ends", "2026-01-01");
    fill(&m.root, "#mw-prog-length", "0");
    one(&m.root, "form")
        .dispatch_event(&event("submit"))
        .unwrap();
    until("the refusals", || {
        text(&m.root).contains("Name the programme.")
    })
    .await;
    let shown = text(&m.root);
    assert!(
        // The dates as the reader's locale writes them, not as the form sent them.
        shown.contains("(1 Jan 2026) must come after the start (1 Jun 2026)"),
        "{shown}"
    );
    assert!(
        shown.contains("default length is 1 to 3660 days")
            || shown.contains("default length is 1 to 3,660"),
        "{shown}"
    );
    assert!(programmes_saved(&m.store).is_empty());

    fill(&m.root, "#mw-prog-name", "Future leaders");
    fill(&m.root, "#mw-prog-ends", "2026-12-01");
    fill(&m.root, "#mw-prog-length", "180");
    one(&m.root, "form")
        .dispatch_event(&event("submit"))
        .unwrap();
    until("the programme saved", || {
        programmes_saved(&m.store).len() == 1
    })
    .await;
    let saved = &programmes_saved(&m.store)[0];
    assert_eq!(saved.name, "Future leaders");
    assert_eq!(saved.admins, vec![rid("hr-admin")]);
    assert_eq!(saved.default_length_days, 180);
}

#[wasm_bindgen_test]
async fn a_new_programme_named_as_another_or_started_years_ago_is_refused_beside_each_field() {
    let m = mounted_as_admin().await;
    button(&m.root, "New programme").click();
    until("the empty set-up form", || {
        all(&m.root, "#mw-prog-name").len() == 1
    })
    .await;
    // "Lead" is the directory's programme.
    fill(&m.root, "#mw-prog-name", "  lEAD ");
    fill(&m.root, "#mw-prog-starts", "2020-01-01");
    fill(&m.root, "#mw-prog-length", "180");
    let submit = || {
        one(&m.root, "form")
            .dispatch_event(&event("submit"))
            .unwrap()
    };
    submit();
    let message = |id: &str| text(&one(&m.root, &format!("#{id}-error")));
    until("the refusals", || !message("mw-prog-name").is_empty()).await;
    assert_eq!(
        message("mw-prog-name"),
        "There is already a programme named lEAD; choose another name."
    );
    let earliest = BrowserClock.now().utc_date().add_days(-365);
    assert!(
        message("mw-prog-starts").contains(&Locale::EnGb.date(earliest)),
        "{}",
        message("mw-prog-starts")
    );
    sleep(50).await;
    assert!(programmes_saved(&m.store).is_empty(), "nothing is saved");

    fill(&m.root, "#mw-prog-name", "Lead the region");
    let starts = BrowserClock.now().utc_date().add_days(-30);
    fill(&m.root, "#mw-prog-starts", &starts.to_string());
    submit();
    until("the programme saved", || {
        programmes_saved(&m.store).len() == 1
    })
    .await;
    assert_eq!(programmes_saved(&m.store)[0].name, "Lead the region");
}

#[wasm_bindgen_test]
async fn a_field_the_form_cannot_read_is_named_beside_it_and_nothing_is_saved() {
    let m = mounted_as_admin().await;
    button(&m.root, "New programme").click();
    until("the empty set-up form", || {
        all(&m.root, "#mw-prog-name").len() == 1
    })
    .await;
    fill(&m.root, "#mw-prog-name", "Future leaders");
    fill(&m.root, "#mw-prog-starts", "2026-06-01");
    fill(&m.root, "#mw-prog-length", "six months");
    fill(&m.root, "#mw-prog-lowest", "4.5");
    fill(&m.root, "#mw-prog-highest", "9");
    let submit = || {
        one(&m.root, "form")
            .dispatch_event(&event("submit"))
            .unwrap()
    };
    submit();
    until("the messages", || {
        text(&m.root).contains("Enter a grade as a whole number")
    })
    .await;
    let message = |id: &str| text(&one(&m.root, &format!("#{id}-error")));
    let invalid = |id: &str| one(&m.root, &format!("#{id}")).get_attribute("aria-invalid");
    assert_eq!(
        message("mw-prog-lowest"),
        "Enter a grade as a whole number, such as 5, or leave it empty for any grade."
    );
    assert_eq!(invalid("mw-prog-lowest").as_deref(), Some("true"));
    assert!(message("mw-prog-length").contains("whole number of days"));
    assert_eq!(invalid("mw-prog-length").as_deref(), Some("true"));
    // Fields that were read say nothing.
    assert_eq!(message("mw-prog-highest"), "");
    assert_eq!(invalid("mw-prog-highest"), None);
    sleep(50).await;
    assert!(programmes_saved(&m.store).is_empty(), "nothing is saved");

    fill(&m.root, "#mw-prog-lowest", "4");
    fill(&m.root, "#mw-prog-length", "180");
    submit();
    until("the programme saved", || {
        programmes_saved(&m.store).len() == 1
    })
    .await;
    let grades = programmes_saved(&m.store)[0].eligibility.grades.unwrap();
    assert_eq!((grades.lowest, grades.highest), (Grade(4), Grade(9)));
    assert_eq!(message("mw-prog-lowest"), "");
}

#[wasm_bindgen_test]
async fn every_set_up_problem_shows_at_the_first_save_beside_its_field_with_the_keyboard_in_the_first(
) {
    let m = mounted_as_admin().await;
    button(&m.root, "New programme").click();
    until("the empty set-up form", || {
        all(&m.root, "#mw-prog-name").len() == 1
    })
    .await;
    // No name, the end before the start, a length below 1 and a grade the form cannot read.
    fill(&m.root, "#mw-prog-starts", "2026-11-30");
    fill(&m.root, "#mw-prog-ends", "2026-01-01");
    fill(&m.root, "#mw-prog-length", "-5");
    fill(&m.root, "#mw-prog-lowest", "abc");
    one(&m.root, "form")
        .dispatch_event(&event("submit"))
        .unwrap();
    let message = |id: &str| text(&one(&m.root, &format!("#{id}-error")));
    until("the messages", || !message("mw-prog-lowest").is_empty()).await;
    assert_eq!(message("mw-prog-name"), "Name the programme.");
    assert!(
        message("mw-prog-ends").contains("must come after the start"),
        "{}",
        message("mw-prog-ends")
    );
    assert!(
        message("mw-prog-length").contains("default length is 1 to"),
        "{}",
        message("mw-prog-length")
    );
    assert!(message("mw-prog-lowest").contains("Enter a grade"));
    for id in [
        "mw-prog-name",
        "mw-prog-ends",
        "mw-prog-length",
        "mw-prog-lowest",
    ] {
        let invalid = one(&m.root, &format!("#{id}")).get_attribute("aria-invalid");
        assert_eq!(invalid.as_deref(), Some("true"), "{id}");
    }
    assert_eq!(message("mw-prog-starts"), "");
    until("the keyboard in the first field to correct", || {
        focused(&m.root).is_some_and(|f| f.id() == "mw-prog-name")
    })
    .await;
    assert!(programmes_saved(&m.store).is_empty(), "nothing is saved");
}

#[wasm_bindgen_test]
async fn a_whole_number_no_set_up_field_holds_is_told_its_range_naming_what_was_typed() {
    let m = mounted_as_admin().await;
    button(&m.root, "New programme").click();
    until("the empty set-up form", || {
        all(&m.root, "#mw-prog-name").len() == 1
    })
    .await;
    fill(&m.root, "#mw-prog-name", "Future leaders");
    fill(&m.root, "#mw-prog-starts", "2026-06-01");
    fill(&m.root, "#mw-prog-length", "180");
    fill(&m.root, "#mw-prog-places", "-1");
    fill(&m.root, "#mw-prog-highest", "-3");
    fill(&m.root, "#mw-prog-quiet", "99999999999999999999");
    let submit = || {
        one(&m.root, "form")
            .dispatch_event(&event("submit"))
            .unwrap()
    };
    submit();
    let message = |id: &str| text(&one(&m.root, &format!("#{id}-error")));
    until("the messages", || !message("mw-prog-places").is_empty()).await;
    assert_eq!(
        message("mw-prog-places"),
        Locale::EnGb.format(Text::RefusedPlacesPerMentor, &["1", "10", "-1"])
    );
    assert_eq!(
        message("mw-prog-highest"),
        Locale::EnGb.text(Text::GradeOutOfRange)
    );
    assert_eq!(
        message("mw-prog-quiet"),
        Locale::EnGb.format(
            Text::RefusedHealthQuietWeeks,
            &["1", "26", "99999999999999999999"]
        )
    );
    for id in ["mw-prog-places", "mw-prog-highest", "mw-prog-quiet"] {
        let invalid = one(&m.root, &format!("#{id}")).get_attribute("aria-invalid");
        assert_eq!(invalid.as_deref(), Some("true"), "{id}");
    }
    // Not a whole number at all: still asked for one.
    fill(&m.root, "#mw-prog-places", "2.5");
    submit();
    until("the places unreadable", || {
        message("mw-prog-places") == Locale::EnGb.text(Text::PlacesUnreadable)
    })
    .await;
    sleep(50).await;
    assert!(programmes_saved(&m.store).is_empty(), "nothing is saved");
}

#[wasm_bindgen_test]
async fn saving_a_programme_and_opening_or_closing_the_report_put_the_keyboard_where_it_was_asked_for(
) {
    let m = mounted_as_admin().await;
    until("the figures", || {
        text(&m.root).contains("Sessions per month")
    })
    .await;
    let focused_id = || focused(&m.root).map(|e| e.id()).unwrap_or_default();
    let report_button = button(&m.root, "Printable report");
    report_button.click();
    until("the report's heading focused", || {
        focused_id() == "mw-report-heading"
    })
    .await;
    button(&m.root, "Close the report").click();
    until("the report's button focused", || {
        focused(&m.root).is_some_and(|e| {
            e.text_content().unwrap_or_default() == "Printable report" && e.is_connected()
        })
    })
    .await;
    assert!(all(&m.root, ".mw-report").is_empty());

    // A new programme saved (the form drawn again for it), then saved again as it is: each
    // time its confirmation has the keyboard.
    button(&m.root, "New programme").click();
    until("the empty set-up form", || {
        all(&m.root, "#mw-prog-name").len() == 1
    })
    .await;
    fill(&m.root, "#mw-prog-name", "Future leaders");
    fill(&m.root, "#mw-prog-starts", "2026-06-01");
    button(&m.root, "Save programme").click();
    until("the new programme saved", || {
        programmes_saved(&m.store).len() == 1
    })
    .await;
    until("its saved message focused", || {
        focused_id() == "mw-programme-saved"
    })
    .await;
    assert_eq!(
        focused(&m.root).unwrap().text_content().as_deref(),
        Some("Programme saved.")
    );
    one(&m.root, "#mw-prog-name").focus().unwrap();
    button(&m.root, "Save programme").click();
    until("saved again", || programmes_saved(&m.store).len() == 2).await;
    until("the saved message focused again", || {
        focused_id() == "mw-programme-saved"
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_programmes_health_thresholds_are_set_in_its_set_up_within_their_ranges() {
    let m = mounted_as_admin().await;
    button(&m.root, "New programme").click();
    until("the empty set-up form", || {
        all(&m.root, "#mw-prog-name").len() == 1
    })
    .await;
    // A new programme starts from the defaults, the drop in points.
    let value = |id: &str| {
        one(&m.root, id)
            .unchecked_into::<HtmlInputElement>()
            .value()
    };
    assert_eq!(
        [
            value("#mw-prog-quiet"),
            value("#mw-prog-ending"),
            value("#mw-prog-drop")
        ],
        ["4", "14", "1"]
    );
    fill(&m.root, "#mw-prog-name", "Future leaders");
    fill(&m.root, "#mw-prog-starts", "2026-06-01");
    fill(&m.root, "#mw-prog-length", "180");
    let submit = || {
        one(&m.root, "form")
            .dispatch_event(&event("submit"))
            .unwrap()
    };
    // Out of range: each refusal names the range allowed and the value given.
    fill(&m.root, "#mw-prog-quiet", "0");
    fill(&m.root, "#mw-prog-ending", "120");
    fill(&m.root, "#mw-prog-drop", "5");
    submit();
    let said = Locale::EnGb.format(Text::RefusedHealthQuietWeeks, &["1", "26", "0"]);
    until("the refusals", || text(&m.root).contains(&said)).await;
    let shown = text(&m.root);
    for expected in [
        Locale::EnGb.format(Text::RefusedHealthEndingWithin, &["0", "90", "120"]),
        Locale::EnGb.format(Text::RefusedHealthRatingDrop, &["0.1", "4", "5"]),
    ] {
        assert!(shown.contains(&expected), "{expected} in {shown}");
    }
    sleep(50).await;
    assert!(programmes_saved(&m.store).is_empty(), "nothing is saved");
    // Not a number: said beside the field, nothing guessed.
    fill(&m.root, "#mw-prog-drop", "half");
    submit();
    let message = |id: &str| text(&one(&m.root, &format!("#{id}-error")));
    until("the message beside the drop", || {
        message("mw-prog-drop") == Locale::EnGb.text(Text::RatingDropUnreadable)
    })
    .await;
    assert!(programmes_saved(&m.store).is_empty(), "nothing is saved");

    fill(&m.root, "#mw-prog-quiet", "2");
    fill(&m.root, "#mw-prog-ending", "30");
    fill(&m.root, "#mw-prog-drop", "0.5");
    submit();
    until("the programme saved", || {
        programmes_saved(&m.store).len() == 1
    })
    .await;
    assert_eq!(
        programmes_saved(&m.store)[0].health,
        HealthSettings {
            quiet_weeks: 2,
            ending_within_days: 30,
            rating_drop_hundredths: 50,
        }
    );
}

#[wasm_bindgen_test]
async fn a_reversed_grade_range_is_said_beside_the_grade_fields_and_nothing_is_saved() {
    let m = mounted_as_admin().await;
    button(&m.root, "New programme").click();
    until("the empty set-up form", || {
        all(&m.root, "#mw-prog-name").len() == 1
    })
    .await;
    fill(&m.root, "#mw-prog-name", "Future leaders");
    fill(&m.root, "#mw-prog-starts", "2026-06-01");
    fill(&m.root, "#mw-prog-length", "180");
    fill(&m.root, "#mw-prog-lowest", "5");
    fill(&m.root, "#mw-prog-highest", "3");
    one(&m.root, "form")
        .dispatch_event(&event("submit"))
        .unwrap();
    let reversed = Locale::EnGb.text(Text::RefusedGradesOrdered);
    let message = |id: &str| text(&one(&m.root, &format!("#{id}-error")));
    until("the message beside the grades", || {
        message("mw-prog-lowest") == reversed
    })
    .await;
    assert_eq!(message("mw-prog-highest"), reversed);
    for id in ["#mw-prog-lowest", "#mw-prog-highest"] {
        let invalid = one(&m.root, id).get_attribute("aria-invalid");
        assert_eq!(invalid.as_deref(), Some("true"), "{id}");
    }
    let shown = text(&m.root);
    assert!(!shown.contains("not among who may join"), "{shown}");
    sleep(50).await;
    assert!(programmes_saved(&m.store).is_empty(), "nothing is saved");
}

#[wasm_bindgen_test]
async fn the_printable_report_shows_the_aggregates_alone_and_prints_through_the_browser() {
    let m = mounted_as_admin().await;
    until("the figures", || {
        text(&m.root).contains("Sessions per month")
    })
    .await;
    // The browser's print dialogue would stop the test: count the calls instead.
    let window = web_sys::window().unwrap();
    let count = Function::new_no_args("window.__printed = (window.__printed || 0) + 1;");
    Reflect::set(&window, &"print".into(), &count).unwrap();
    button(&m.root, "Printable report").click();
    until("the report", || {
        text(&m.root).contains("Programme report: Lead")
    })
    .await;
    let report = text(&one(&m.root, ".mw-report"));
    for figure in [
        "Sessions per month",
        "Jan 2026: hidden: fewer than 5",
        "Feb 2026: 7",
        "Reaction: 4.12",
        "Behaviour (managers): hidden: fewer than 5",
    ] {
        assert!(report.contains(figure), "{figure} in {report}");
    }
    // Aggregates only: no pair, and nothing private. Its small-group statement says what it
    // covers; the health list's words are not in it, as the list is not.
    assert!(!report.contains("Tariq Aziz"), "{report}");
    assert!(report.contains("A programme-wide figure (a count or mean across pairs) about fewer than 5 people is hidden"), "{report}");
    assert!(
        !report.contains(Locale::EnGb.text(Text::HealthListIsPairs)),
        "{report}"
    );
    assert!(!text(&m.root).contains(SECRET));
    button(&m.root, "Print").click();
    let printed = Reflect::get(&window, &"__printed".into()).unwrap();
    assert_eq!(printed.as_f64(), Some(1.0));
    button(&m.root, "Close the report").click();
    until("the dashboard again", || {
        text(&m.root).contains("Mentor: Li Wei · Mentee: Tariq Aziz")
    })
    .await;
    assert!(all(&m.root, ".mw-report").is_empty());
}

#[wasm_bindgen_test]
async fn enrolling_a_filtered_selection_saves_one_enrolment_each_and_lists_them() {
    let m = mounted_as_admin().await;
    fill(&m.root, "#mw-enrol-department", "Sales");
    let offered = |root: &HtmlElement| {
        all(root, "[aria-labelledby='mw-enrol-heading'] label.mw-option")
            .iter()
            .map(text)
            .collect::<Vec<_>>()
    };
    until("the Sales people only", || {
        let names = offered(&m.root);
        names.len() == 2 && names.iter().all(|n| n.contains("Sales"))
    })
    .await;
    // The programme takes its people from the directory: the first enrolment starts its
    // list, which the admin is told before, with the pair under way kept on it.
    let warning = "Lead takes its participants from the HR directory while nobody is enrolled. \
                   Enrolling the first people starts its enrolment list: from then on only \
                   people on the list are matched or may ask to be paired there, and anyone \
                   else who may join reads that they are not on it. The 2 people of its 1 pair \
                   under way are enrolled with them, so their pairs carry on.";
    assert!(text(&m.root).contains(warning), "{}", text(&m.root));
    button(&m.root, "Select all shown (2 people)").click();
    sleep(20).await;
    button(&m.root, "Enrol 2 people").click();
    // Amira and Tariq as chosen, and Li, who mentors Tariq, so their pair carries on.
    until("three enrolments", || m.store.admin.borrow().len() == 3).await;
    let mut saved: Vec<(String, EnrolledAs, EnrolmentStatus)> = (m.store.admin.borrow().iter())
        .map(|change| {
            let AdminChange::Enrolment(e) = change else {
                panic!("{change:?}")
            };
            assert_eq!(e.programme, rid("prog-lead"));
            (e.person.to_string(), e.role, e.status.clone())
        })
        .collect();
    saved.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        saved,
        [
            (
                "amira".into(),
                EnrolledAs::Mentee,
                EnrolmentStatus::Enrolled
            ),
            (
                "li".into(),
                EnrolledAs::Mentor { capacity: 2 },
                EnrolmentStatus::Enrolled
            ),
            (
                "tariq".into(),
                EnrolledAs::Mentee,
                EnrolmentStatus::Enrolled
            ),
        ]
    );
    until("the participants", || {
        text(&m.root).contains("3 enrolled, 0 invited.")
    })
    .await;
    assert!(!text(&m.root).contains("while nobody is enrolled"));
    // Enrolled already: each is marked so and not offered again.
    until("marked", || {
        text(&m.root).contains("Amira Haddad · Sales · London · 4 · already enrolled as mentee")
    })
    .await;
    assert!(offered(&m.root).is_empty(), "{:?}", offered(&m.root));
    assert!(text(&m.root).contains("Select the 0 who can be enrolled (2 shown)"));
    assert_eq!(m.store.admin.borrow().len(), 3);
}

#[wasm_bindgen_test]
async fn an_admin_invites_a_mentee_who_answers_under_needs_your_attention() {
    let m = mounted_as_admin().await;
    fill(&m.root, "#mw-enrol-as", "mentee-invited");
    fill(&m.root, "#mw-enrol-search", "amira");
    until("Amira offered", || {
        all(
            &m.root,
            "[aria-labelledby='mw-enrol-heading'] label.mw-option",
        )
        .len()
            == 1
    })
    .await;
    button(&m.root, "Select all shown (1 person)").click();
    sleep(20).await;
    button(&m.root, "Enrol 1 person").click();
    // Li and Tariq, of the pair under way, are enrolled with the first enrolment.
    until("said", || text(&m.root).contains("2 enrolled, 1 invited.")).await;
    let invited = (m.store.admin.borrow().iter())
        .find_map(|a| match a {
            AdminChange::Enrolment(e) if e.person == rid("amira") => Some(e.clone()),
            _ => None,
        })
        .expect("Amira's invitation saved");
    assert_eq!(
        (invited.role, invited.status),
        (EnrolledAs::Mentee, EnrolmentStatus::Invited)
    );
    until("listed as invited", || {
        text(&m.root).contains("Amira Haddad · mentee · invited")
    })
    .await;
    // The invitee's side: Hannah invited as a mentee to another programme answers it under
    // "Needs your attention", as an invited mentor does.
    let mut gulf = Programme::new(rid("prog-gulf"), ProgrammeKind::Mentoring, "Gulf", Date(0));
    gulf.admins = vec![rid("amira")];
    m.workspace.directory.update(|d| d.programmes.push(gulf));
    let to_hannah = Enrolment {
        id: rid("en-hannah"),
        programme: rid("prog-gulf"),
        person: rid("hr-admin"),
        role: EnrolledAs::Mentee,
        status: EnrolmentStatus::Invited,
        since: Date::parse("2026-03-02").unwrap(),
    };
    m.workspace
        .apply_admin(AdminChange::Enrolment(to_hannah.clone()));
    click(&m.root, "My goals").await;
    let line = format!(
        "You are invited to Gulf as mentee (since {}): accept to be matched, or decline.",
        Locale::EnGb.date(Date::parse("2026-03-02").unwrap())
    );
    until("the invitation", || text(&m.root).contains(&line)).await;
    button(&m.root, "Accept the invitation to Gulf").click();
    until("accepted", || {
        m.store.admin.borrow().iter().any(|a| {
            matches!(a, AdminChange::Enrolment(e)
                if e.id == to_hannah.id && e.status == EnrolmentStatus::Enrolled)
        })
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_enrolment_search_finds_people_of_a_directory_that_arrives_after_it_is_shown() {
    let m = mounted_as_admin().await;
    fill(&m.root, "#mw-enrol-search", "zara");
    until("nobody found", || {
        text(&m.root).contains("Nobody matches the search.")
    })
    .await;
    // The host's directory is read again (a later sync): the search shows who it adds.
    m.workspace
        .directory
        .update(|d| d.people.push(person("zara", "Zara Malik", "Sales", 4)));
    until("the new person", || {
        all(
            &m.root,
            "[aria-labelledby='mw-enrol-heading'] label.mw-option",
        )
        .iter()
        .any(|o| text(o).contains("Zara Malik"))
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_dashboard_says_hidden_for_small_groups_and_no_data_for_absent_ones() {
    let m = mounted_as_admin().await;
    until("the figures", || {
        text(&m.root).contains("Sessions per month")
    })
    .await;
    let shown = text(&m.root);
    assert!(shown.contains("Jan 2026: hidden: fewer than 5"), "{shown}");
    assert!(shown.contains("Feb 2026: 7"), "{shown}");
    assert!(shown.contains("Reaction: 4.12"), "{shown}");
    assert!(shown.contains("Learning at start: no data yet"), "{shown}");
    assert!(
        shown.contains("Behaviour (managers): hidden: fewer than 5"),
        "{shown}"
    );
    // A hidden figure is not drawn as an empty bar, like 0: its bar is a dashed outline, and
    // the chart says what that is.
    let sessions = chart_of(&m.root, "Sessions per month");
    assert_eq!(all(&sessions, "rect.mw-chart-bar").len(), 1);
    assert_eq!(all(&sessions, "rect.mw-chart-hidden").len(), 1);
    let dashed = Locale::EnGb.text(Text::ChartHiddenDrawn);
    assert!(text(&sessions).contains(dashed), "{}", text(&sessions));
    let relationships = chart_of(&m.root, Locale::EnGb.text(Text::RelationshipsByLifecycle));
    assert_eq!(all(&relationships, "rect.mw-chart-hidden").len(), 2);
    let said = text(&relationships);
    assert!(
        said.contains("Ended early: 0") && said.contains("Declined or withdrawn: 0"),
        "{said}"
    );
    // The health list's figures are each pair's own; the small-group rule is the aggregates'.
    assert!(
        shown.contains(Locale::EnGb.text(Text::HealthListIsPairs)),
        "{shown}"
    );
    // A session planned ahead is said apart from those held.
    let next = Locale::EnGb.date(Date::parse("2026-03-05").unwrap());
    assert!(
        shown.contains(&format!(
            "3 sessions (last 17 Feb 2026), 0 goals; next planned {next}"
        )),
        "{shown}"
    );
    // The health list names the pair and the signal, with the actions offered.
    assert!(
        shown.contains("Mentor: Li Wei · Mentee: Tariq Aziz"),
        "{shown}"
    );
    assert!(
        shown.contains("Mentor: Li Wei · Mentee: Amira Haddad"),
        "{shown}"
    );
    assert!(shown.contains("no recent session"), "{shown}");
    button(&m.root, "Nudge Tariq Aziz and Li Wei");
}

#[wasm_bindgen_test]
async fn refreshing_offline_keeps_the_figures_shown_says_why_beside_them_and_refuses_a_second_press(
) {
    let m = mounted_as_admin().await;
    until("the figures", || {
        text(&m.root).contains("Sessions per month")
    })
    .await;
    let refresh = || button(&m.root, "Refresh figures");
    assert_eq!(refresh().get_attribute("aria-disabled"), None);
    *m.host.figures.borrow_mut() = Err(HostError::Unreachable("offline".into()));
    m.host.delay_ms.set(300);
    let asked = m.host.asked.get();
    refresh().click();
    sleep(30).await;
    // Loading: the button refuses presses but keeps focus, and the figures stay.
    assert_eq!(
        refresh().get_attribute("aria-disabled").as_deref(),
        Some("true")
    );
    assert_eq!(refresh().get_attribute("disabled"), None);
    refresh().click();
    assert_eq!(m.host.asked.get(), asked + 1, "a second press is refused");
    assert!(text(&m.root).contains("Loading figures…"));
    assert!(text(&m.root).contains("Sessions per month"));
    let unreachable = Locale::EnGb.text(Text::HostUnreachable);
    until("the error", || text(&m.root).contains(unreachable)).await;
    let shown = text(&m.root);
    assert!(
        shown.contains("Mentor: Li Wei · Mentee: Tariq Aziz"),
        "{shown}"
    );
    assert!(shown.contains("Sessions per month"), "{shown}");
    assert!(shown.contains("Feb 2026: 7"), "{shown}");
    assert!(!shown.contains("Loading figures…"), "{shown}");
    assert_eq!(refresh().get_attribute("aria-disabled"), None);
}

#[wasm_bindgen_test]
async fn a_programme_the_portal_does_not_have_yet_says_its_figures_come_after_the_sync() {
    let m = mounted_as_admin().await;
    until("the figures", || {
        text(&m.root).contains("Sessions per month")
    })
    .await;
    *m.host.figures.borrow_mut() = Err(HostError::Refused {
        code: "not_found".into(),
        message: "There is no such programme.".into(),
    });
    // The HR directory's programme is the host's own: "not found" means no figures offered.
    click(&m.root, "Refresh figures").await;
    let not_offered = Locale::EnGb.text(Text::HostNotOffered);
    until("not offered", || text(&m.root).contains(not_offered)).await;
    // One just set up on this device has not reached the portal yet: it is not asked for,
    // nothing is said as an error, and its figures come by themselves after the next sync.
    let mut new = programme();
    new.id = rid("prog-new");
    new.name = "New one".into();
    m.store.waiting.borrow_mut().push("prog-new".into());
    m.workspace.apply_admin(AdminChange::Programme(new));
    until("the new programme offered", || {
        all(&m.root, "#mw-admin-programme option").len() >= 2
    })
    .await;
    *m.host.figures.borrow_mut() = Ok(figures());
    let asked = m.host.asked.get();
    fill(&m.root, "#mw-admin-programme", "prog-new");
    let after_sync = Locale::EnGb.text(Text::FiguresAfterSync);
    until("figures said to come later", || {
        text(&m.root).contains(after_sync)
    })
    .await;
    assert_eq!(m.host.asked.get(), asked, "the host is not asked for it");
    assert!(!text(&m.root).contains(not_offered));
    assert_eq!(text(&one(&dashboard_of(&m.root), ".mw-error")), "");
    // A sync that leaves it waiting (offline, say) asks nothing either.
    m.actions
        .sync
        .status
        .update(|s| s.last_synced = Some(Millis(1)));
    sleep(50).await;
    assert_eq!(m.host.asked.get(), asked);
    // Once it reached the host, the next sync brings its figures.
    m.store.waiting.borrow_mut().clear();
    m.actions
        .sync
        .status
        .update(|s| s.last_synced = Some(Millis(2)));
    until("the figures", || {
        text(&m.root).contains("Relationship health")
    })
    .await;
    assert_eq!(m.host.asked.get(), asked + 1);
    assert!(!text(&m.root).contains(after_sync));
}

#[wasm_bindgen_test]
async fn a_chart_of_hidden_and_zero_figures_says_so_and_figure_lists_follow_the_language() {
    for locale in [Locale::EnGb, Locale::Ar] {
        let mut hidden = figures();
        hidden.relationships = vec![
            Figure::Shown(0),
            Figure::Hidden,
            Figure::Hidden,
            Figure::Shown(0),
            Figure::Absent,
            Figure::Hidden,
        ];
        let m = mounted_as_admin_in(locale, hidden).await;
        until("the figures", || {
            text(&m.root).contains(locale.text(Text::SessionsPerMonth))
        })
        .await;
        let chart = chart_of(&m.root, locale.text(Text::RelationshipsByLifecycle));
        let said = text(&chart);
        assert!(
            said.contains(locale.text(Text::ChartAllHiddenOrZero)),
            "{locale:?}: {said}"
        );
        // Nothing is drawn, and the hidden figures are still said in words.
        assert!(all(&chart, "svg").is_empty(), "{locale:?}");
        assert!(said.contains(locale.text(Text::HiddenFewerThan5)), "{said}");
        // A bar of several figures lists them with the language's commas.
        let goals = text(&chart_of(&m.root, locale.text(Text::GoalsByStatusOverTime)));
        let hidden_text = locale.text(Text::HiddenFewerThan5);
        let listed = locale.list(&[hidden_text, hidden_text]);
        assert!(goals.contains(&listed), "{locale:?}: {goals}");
        if locale == Locale::Ar {
            assert!(!goals.contains(", "), "{goals}");
        }
    }
}

#[wasm_bindgen_test]
async fn a_private_note_never_appears_in_any_admin_view() {
    let m = mounted_as_admin().await;
    until("the figures", || {
        text(&m.root).contains("Sessions per month")
    })
    .await;
    fill(&m.root, "#mw-enrol-search", "tar");
    sleep(20).await;
    let mut shown = text(&m.root);
    for field in all(&m.root, "input, textarea, select") {
        shown.push_str(
            &Reflect::get(&field, &"value".into())
                .unwrap()
                .as_string()
                .unwrap_or_default(),
        );
    }
    assert!(shown.contains("Tariq Aziz"));
    assert!(!shown.contains(SECRET), "{shown}");
}

#[wasm_bindgen_test]
async fn admin_controls_are_labelled_and_fit_a_phone() {
    let m = mounted_as_admin().await;
    until("the figures", || {
        text(&m.root).contains("Sessions per month")
    })
    .await;
    assert!(
        m.root.scroll_width() <= 360,
        "scroll width {}",
        m.root.scroll_width()
    );
    for field in all(&m.root, "input, select, textarea") {
        let id = field.id();
        let labelled = !id.is_empty()
            && m.root
                .query_selector(&format!("label[for='{id}']"))
                .unwrap()
                .is_some()
            || field.closest("label").unwrap().is_some();
        assert!(labelled, "unlabelled {}", field.outer_html());
    }
    for b in all(&m.root, "button") {
        assert!(b.offset_height() >= 44, "short button {}", b.outer_html());
    }
}

/// `n` pairs the host names (Li Wei and Amira Haddad), each with a signal and "End early".
fn many_pairs(n: usize) -> Vec<PairHealth> {
    (0..n)
        .map(|i| PairHealth {
            relationship: rid(&format!("rel-many-{i}")),
            pair: Some((rid("li"), rid("amira"))),
            signals: vec!["no-session".into()],
            actions: vec!["endearly".into()],
            sessions: 0,
            last_session: None,
            next_session: None,
            last_met: None,
            goals: 0,
        })
        .collect()
}

/// The element that has keyboard focus inside the widget's shadow root.
fn focused(root: &HtmlElement) -> Option<web_sys::Element> {
    let shadow = root.get_root_node();
    let active = Reflect::get(&shadow, &"activeElement".into()).unwrap();
    (!active.is_null()).then(|| active.unchecked_into())
}

#[wasm_bindgen_test]
async fn a_mentees_request_waits_under_needs_your_attention_and_leads_to_its_programme() {
    let m = mounted_as_admin().await;
    // Another programme of the admin's is the one chosen on the admin tab.
    let mut two = programme();
    two.id = rid("prog-two");
    two.name = "Two".into();
    m.workspace.apply_admin(AdminChange::Programme(two));
    until("both programmes offered", || {
        all(&m.root, "#mw-admin-programme option").len() >= 2
    })
    .await;
    fill(&m.root, "#mw-admin-programme", "prog-two");
    sleep(20).await;
    // Amira asked Li, in the programme Lead.
    m.workspace.apply(Change::Relationship(Relationship {
        id: rid("rel-asked"),
        kind: RelationshipKind::Mentoring,
        programme: rid("prog-lead"),
        mentor: rid("li"),
        mentee: rid("amira"),
        purpose: String::new(),
        ground_rules: String::new(),
        starts: Date::parse("2026-02-02").unwrap(),
        planned_end: Date::parse("2026-12-18").unwrap(),
        lifecycle: Lifecycle::Proposed,
        target_role: None,
        agreed: Default::default(),
    }));
    let asked = Written {
        at: Millis(js_sys::Date::now() as i64 - 86_400_000),
        by: rid("amira"),
    };
    m.workspace.pairing_log.set(vec![PairingLog {
        relationship: rid("rel-asked"),
        made: asked.clone(),
        paired: asked.clone(),
        replaced: None,
        put_back: false,
        lifecycle: asked,
        unstarted: None,
    }]);
    click(&m.root, "My goals").await;
    until("the request under Needs your attention", || {
        text(&m.root).contains("Amira Haddad asked to be paired with Li Wei on ")
    })
    .await;
    button(
        &m.root,
        "Start or decline the pairing of Amira Haddad with Li Wei",
    )
    .click();
    until("its programme on the admin tab", || {
        all(&m.root, "#mw-admin-programme")
            .first()
            .is_some_and(|select| {
                select.clone().unchecked_into::<HtmlInputElement>().value() == "prog-lead"
            })
    })
    .await;
}

#[wasm_bindgen_test]
async fn an_admin_starts_a_proposed_relationship_from_its_card() {
    let m = mounted_as_admin_with(ProgrammeFigures {
        health: vec![PairHealth {
            relationship: rid("rel-new"),
            pair: Some((rid("li"), rid("amira"))),
            signals: Vec::new(),
            actions: vec!["start".into(), "endearly".into()],
            sessions: 0,
            last_session: None,
            next_session: None,
            last_met: None,
            goals: 0,
        }],
        ..figures()
    })
    .await;
    let proposed = Relationship {
        id: rid("rel-new"),
        kind: RelationshipKind::Mentoring,
        programme: rid("prog-lead"),
        mentor: rid("li"),
        mentee: rid("amira"),
        purpose: String::new(),
        ground_rules: String::new(),
        starts: today(),
        planned_end: today().add_days(200),
        lifecycle: Lifecycle::Proposed,
        target_role: None,
        agreed: Default::default(),
    };
    m.workspace.apply(Change::Relationship(proposed.clone()));
    until("the proposed pair's card", || {
        text(&m.root).contains("Mentor: Li Wei · Mentee: Amira Haddad")
    })
    .await;
    click(&m.root, "Start this relationship").await;
    until("the relationship started", || {
        m.store.committed.borrow().iter().any(|c| {
            c == &Change::Relationship(Relationship {
                lifecycle: Lifecycle::Active,
                ..proposed.clone()
            })
        })
    })
    .await;
    // Started the day it was proposed to: nothing moved; the start is announced, naming the
    // pair, in the card's status region.
    until("the start announced", || {
        all(&m.root, ".mw-said[role='status']")
            .iter()
            .any(|p| text(p) == "Relationship started: Mentor: Li Wei · Mentee: Amira Haddad.")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_paused_pair_says_so_and_since_when_rather_than_that_nothing_is_wrong() {
    let m = mounted_as_admin().await;
    let card = || card_of(&m.root, "Mentee: Tariq Aziz");
    until("the pair's card", || all(&m.root, "li.mw-card").len() == 2).await;
    // Li paused it on 10 March: the host's "no session" is not the pair's to show now.
    let paused_at = Written {
        at: Millis(Date::parse("2026-03-10").unwrap().0 as i64 * 86_400_000 + 43_200_000),
        by: rid("li"),
    };
    m.workspace.pairing_log.set(vec![PairingLog {
        relationship: rid("rel-1"),
        made: paused_at.clone(),
        paired: paused_at.clone(),
        replaced: None,
        put_back: false,
        lifecycle: paused_at,
        unstarted: None,
    }]);
    let paused = m
        .workspace
        .relationship(&rid("rel-1"))
        .map(|r| Relationship {
            lifecycle: Lifecycle::Paused,
            ..r
        })
        .unwrap();
    m.workspace.apply(Change::Relationship(paused));
    let since = format!(
        "Paused since {}",
        Locale::EnGb.date(Date::parse("2026-03-10").unwrap())
    );
    until("paused said", || text(&card()).contains(&since)).await;
    assert_eq!(text(&one(&card(), ".mw-signals")), "");
    assert!(
        !text(&card()).contains("No warning signs"),
        "{}",
        text(&card())
    );
}

#[wasm_bindgen_test]
async fn an_invitation_is_accepted_under_needs_your_attention_and_enrols_its_invitee() {
    let m = mounted_as_admin().await;
    // Hannah is invited to mentor in another programme, run by someone else.
    let mut gulf = Programme::new(rid("prog-gulf"), ProgrammeKind::Mentoring, "Gulf", Date(0));
    gulf.admins = vec![rid("amira")];
    m.workspace.directory.update(|d| d.programmes.push(gulf));
    let invited = Enrolment {
        id: rid("en-hannah"),
        programme: rid("prog-gulf"),
        person: rid("hr-admin"),
        role: EnrolledAs::Mentor { capacity: 2 },
        status: EnrolmentStatus::Invited,
        since: Date::parse("2026-03-02").unwrap(),
    };
    m.workspace
        .apply_admin(AdminChange::Enrolment(invited.clone()));
    click(&m.root, "My goals").await;
    let line = format!(
        "You are invited to Gulf as mentor, up to 2 mentees (since {}): accept to be matched, or \
         decline.",
        Locale::EnGb.date(Date::parse("2026-03-02").unwrap())
    );
    until("the invitation", || text(&m.root).contains(&line)).await;
    button(&m.root, "Accept the invitation to Gulf").click();
    until("accepted, said", || {
        text(&m.root).contains("You joined Gulf.")
    })
    .await;
    let saved = m.store.admin.borrow().clone();
    assert!(
        saved.iter().any(|a| matches!(
            a,
            AdminChange::Enrolment(e)
                if e.id == invited.id && e.status == EnrolmentStatus::Enrolled && e.role == invited.role
        )),
        "{saved:?}"
    );
    assert!(!text(&m.root).contains(&line));
    // The enrolment lists the directory told were hers before she joined: asked again at the
    // next sync.
    assert_eq!(
        m.workspace.directory_state.with_untracked(|s| *s),
        mentoring_widget::ui::state::DirectoryState::Outdated
    );
}

#[wasm_bindgen_test]
async fn matching_leaves_out_someone_invited_and_its_cards_say_who_mentors() {
    let m = mounted_as_admin().await;
    let speaks = |mut p: Person| {
        p.languages = vec!["en".into()];
        p
    };
    m.workspace.directory.set(DirectorySnapshot {
        people: vec![
            speaks(person("hr-admin", "Hannah Okafor", "People", 7)),
            speaks(person("amira", "Amira Haddad", "Sales", 4)),
            speaks(person("tariq", "Tariq Aziz", "Sales", 3)),
            speaks(person("li", "Li Wei", "Finance", 5)),
        ],
        programmes: vec![programme()],
        no_place: Vec::new(),
        taking_part: None,
    });
    let listed = |person: &str, role, status| {
        AdminChange::Enrolment(Enrolment {
            id: rid(&format!("en-{person}")),
            programme: rid("prog-lead"),
            person: rid(person),
            role,
            status,
            since: Date(0),
        })
    };
    let mentor = EnrolledAs::Mentor { capacity: 2 };
    m.workspace.apply_admin(listed(
        "amira",
        EnrolledAs::Mentee,
        EnrolmentStatus::Enrolled,
    ));
    m.workspace
        .apply_admin(listed("li", mentor, EnrolmentStatus::Enrolled));
    // Tariq was invited and has not answered: never asked, so never paired.
    m.workspace
        .apply_admin(listed("tariq", mentor, EnrolmentStatus::Invited));
    click(&m.root, "Matching").await;
    click(&m.root, "Run matching").await;
    until("the run", || {
        buttons_of(&m.root).iter().any(|b| b == "Run again")
    })
    .await;
    assert_eq!(
        text(&one(&m.root, ".mw-left-out")),
        "Tariq Aziz is invited and has not accepted yet, so this run leaves them out; they \
         accept under “Needs your attention” in their widget, then run again."
    );
    let titles: Vec<String> = all(&m.root, ".mw-pair h5.mw-card-title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(titles, ["Mentor: Li Wei · Mentee: Amira Haddad"]);
    assert_eq!(one(&m.root, "#mw-pairs-heading").tag_name(), "H4");
}

#[wasm_bindgen_test]
async fn a_pair_started_from_its_card_is_offered_at_once_what_a_started_pair_is() {
    let proposal = |n: &str, mentor: &str, mentee: &str| PairHealth {
        relationship: rid(n),
        pair: Some((rid(mentor), rid(mentee))),
        signals: Vec::new(),
        actions: vec!["start".into(), "endearly".into(), "rematch".into()],
        sessions: 0,
        last_session: None,
        next_session: None,
        last_met: None,
        goals: 0,
    };
    let m = mounted_as_admin_with(ProgrammeFigures {
        health: vec![
            proposal("rel-waited", "li", "amira"),
            proposal("rel-new", "hr-admin", "li"),
        ],
        ..figures()
    })
    .await;
    // One proposed in February and started only now, one proposed today.
    let proposed = |id: &str, mentor: &str, mentee: &str, starts: Date| Relationship {
        id: rid(id),
        kind: RelationshipKind::Mentoring,
        programme: rid("prog-lead"),
        mentor: rid(mentor),
        mentee: rid(mentee),
        purpose: String::new(),
        ground_rules: String::new(),
        starts,
        planned_end: today().add_days(300),
        lifecycle: Lifecycle::Proposed,
        target_role: None,
        agreed: Default::default(),
    };
    let waited = Date::parse("2026-02-02")
        .unwrap()
        .min(today().add_days(-60));
    m.workspace.apply(Change::Relationship(proposed(
        "rel-waited",
        "li",
        "amira",
        waited,
    )));
    m.workspace.apply(Change::Relationship(proposed(
        "rel-new",
        "hr-admin",
        "li",
        today(),
    )));
    until("both cards", || all(&m.root, "li.mw-card").len() == 2).await;
    for names in ["Mentee: Amira Haddad", "Mentee: Li Wei"] {
        let card = card_of(&m.root, names);
        button(&card, "Start this relationship").click();
        until("started", || {
            !buttons_of(&card_of(&m.root, names)).contains(&"Start this relationship".to_owned())
        })
        .await;
    }
    // Started two months after its proposed date, it starts today, as the host dates it: not
    // quiet since February, nothing flagged; its card says the date moved.
    let card = card_of(&m.root, "Mentee: Amira Haddad");
    assert_eq!(
        m.workspace
            .relationship(&rid("rel-waited"))
            .map(|r| r.starts),
        Some(today())
    );
    assert_eq!(text(&one(&card, ".mw-signals")), "No warning signs");
    assert_eq!(buttons_of(&card), ["End early"]);
    let moved = format!(
        "Started today, {}, not on {} as proposed.",
        Locale::EnGb.date(today()),
        Locale::EnGb.date(waited)
    );
    assert!(text(&card).contains(&moved), "{}", text(&card));
    // Started today: nothing flagged, said as such; ending early is all there is to do.
    let card = card_of(&m.root, "Mentee: Li Wei");
    assert_eq!(text(&one(&card, ".mw-signals")), "No warning signs");
    assert_eq!(buttons_of(&card), ["End early"]);
    assert!(!text(&card).contains("as proposed"), "{}", text(&card));
}

/// Today on the browser's clock, as the admin's screens count days (their zone is UTC here).
fn today() -> Date {
    Millis(js_sys::Date::now() as i64).utc_date()
}

fn buttons_of(card: &HtmlElement) -> Vec<String> {
    all(card, "button")
        .iter()
        .map(|b| text(b).trim().to_owned())
        .collect()
}

#[wasm_bindgen_test]
async fn a_proposed_pair_is_labelled_and_offered_start_decline_and_re_match_alone() {
    // What a host computing its actions without regard to the proposal sends: a nudge too.
    let m = mounted_as_admin_with(ProgrammeFigures {
        health: vec![PairHealth {
            relationship: rid("rel-new"),
            pair: Some((rid("li"), rid("amira"))),
            signals: vec!["goals-overdue".into()],
            actions: vec![
                "start".into(),
                "nudge".into(),
                "endearly".into(),
                "rematch".into(),
            ],
            sessions: 0,
            last_session: None,
            next_session: None,
            last_met: None,
            goals: 1,
        }],
        ..figures()
    })
    .await;
    let proposed = Relationship {
        id: rid("rel-new"),
        kind: RelationshipKind::Mentoring,
        programme: rid("prog-lead"),
        mentor: rid("li"),
        mentee: rid("amira"),
        purpose: String::new(),
        ground_rules: String::new(),
        starts: today().add_days(7),
        planned_end: today().add_days(200),
        lifecycle: Lifecycle::Proposed,
        target_role: None,
        agreed: Default::default(),
    };
    m.workspace.apply(Change::Relationship(proposed.clone()));
    until("the proposed pair's card", || {
        text(&m.root).contains("Mentor: Li Wei · Mentee: Amira Haddad")
    })
    .await;
    let card = card_of(&m.root, "Mentor: Li Wei · Mentee: Amira Haddad");
    until("the proposal said", || {
        text(&card).contains("Proposed, not started yet")
    })
    .await;
    assert_eq!(
        buttons_of(&card),
        ["Start this relationship", "Decline", "Re-match"],
        "{}",
        text(&card)
    );
    // No session held: said in words, not as a count of none with a dash for its date.
    assert!(
        text(&card).contains("No sessions yet, 1 goal"),
        "{}",
        text(&card)
    );
    assert!(!text(&card).contains('–'), "{}", text(&card));
    // Declining asks first, as ending does, in the words of a proposal.
    click(&card, "Decline").await;
    let asked = text(&card);
    assert!(asked.contains("Decline this proposed pairing?"), "{asked}");
    assert!(asked.contains("Reason for declining"), "{asked}");
    // The question is the card's one step while it is open: nothing else to press beside it.
    assert_eq!(buttons_of(&card), ["Yes, decline it", "Cancel"], "{asked}");
    click(&card, "Cancel").await;
    // Re-matching a proposal asks for its own reason, not a decline's.
    click(&card, "Re-match").await;
    let asked = text(&card);
    assert!(asked.contains("Reason for re-matching"), "{asked}");
    assert!(!asked.contains("Reason for declining"), "{asked}");
    assert_eq!(
        buttons_of(&card),
        ["Yes, end it to re-match", "Cancel"],
        "{asked}"
    );
    click(&card, "Cancel").await;
    // Started, it is a pair under way: no longer said as proposed, and its signal may be
    // nudged about. It starts today, a week before its proposed date, and the card says so.
    click(&card, "Start this relationship").await;
    until("the card as started", || {
        !text(&card).contains("Proposed, not started yet")
            && buttons_of(&card).contains(&"Nudge Amira Haddad and Li Wei".to_owned())
    })
    .await;
    let moved = format!(
        "Started today, {}, not on {} as proposed.",
        Locale::EnGb.date(today()),
        Locale::EnGb.date(today().add_days(7))
    );
    assert!(text(&card).contains(&moved), "{}", text(&card));
    assert!(
        !buttons_of(&card).contains(&"Start this relationship".to_owned()),
        "{}",
        text(&card)
    );
    assert!(buttons_of(&card).contains(&"End early".to_owned()));
}

#[wasm_bindgen_test]
async fn a_coaching_start_is_refused_on_the_device_once_the_coachs_credential_has_lapsed() {
    use mentoring_core::person::{Credential, CredentialLevel};
    use mentoring_widget::ui::state::PairAction;
    let m = mounted_as_admin().await;
    let coach = |expires: Date| Person {
        coach_credential: Some(Credential {
            level: CredentialLevel::Trained,
            expires,
        }),
        ..person("sara", "Sara Lind", "People", 7)
    };
    m.workspace.directory.update(|d| {
        d.people.push(coach(today().add_days(-1)));
        let mut coaching =
            Programme::new(rid("prog-coach"), ProgrammeKind::Coaching, "Coach", Date(0));
        coaching.admins = vec![rid("hr-admin")];
        d.programmes.push(coaching);
    });
    // Proposed a month ago, when the credential was valid; it lapsed yesterday.
    let proposed = Relationship {
        id: rid("rel-coach"),
        kind: RelationshipKind::Coaching,
        programme: rid("prog-coach"),
        mentor: rid("sara"),
        mentee: rid("amira"),
        purpose: String::new(),
        ground_rules: String::new(),
        starts: today().add_days(-30),
        planned_end: today().add_days(60),
        lifecycle: Lifecycle::Proposed,
        target_role: None,
        agreed: Default::default(),
    };
    m.workspace.apply(Change::Relationship(proposed.clone()));
    let rel = rid("rel-coach");
    let start = || m.actions.relationship_action(&rel, PairAction::Start);
    let refused = start().await.unwrap_err();
    let said = format!(
        "Sara Lind has no coaching credential valid on {}; coaching is led by a trained coach. \
         Choose a credentialed coach or renew the credential first.",
        Locale::EnGb.date(today())
    );
    assert_eq!(refused, said);
    // Nothing written: still proposed, on the screen and in storage.
    assert_eq!(m.workspace.relationship(&rid("rel-coach")), Some(proposed));
    assert!(m.store.committed.borrow().is_empty());
    // Renewed through today, it starts, dated today rather than a month ago.
    m.workspace.directory.update(|d| {
        d.people.retain(|p| p.id != rid("sara"));
        d.people.push(coach(today()));
    });
    start().await.unwrap();
    let started = m.workspace.relationship(&rid("rel-coach")).unwrap();
    assert_eq!(
        (started.lifecycle, started.starts),
        (Lifecycle::Active, today())
    );
    assert_eq!(m.store.committed.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn a_card_says_the_planned_end_nudges_about_every_signal_and_shows_an_extension_at_once() {
    let entry = |rel: &str, pair: (&str, &str), signals: &[&str], actions: &[&str]| PairHealth {
        relationship: rid(rel),
        pair: Some((rid(pair.0), rid(pair.1))),
        signals: signals.iter().map(|s| s.to_string()).collect(),
        actions: actions.iter().map(|s| s.to_string()).collect(),
        sessions: 0,
        last_session: None,
        next_session: None,
        last_met: None,
        goals: 0,
    };
    let m = mounted_as_admin_with(ProgrammeFigures {
        health: vec![
            entry(
                "rel-1",
                ("li", "tariq"),
                &["no-session", "nearing-end"],
                &["nudge", "extend", "endearly", "rematch"],
            ),
            entry(
                "rel-2",
                ("li", "amira"),
                &["past-planned-end"],
                &["nudge", "extend", "endearly"],
            ),
        ],
        ..figures()
    })
    .await;
    let pair = |id: &str, mentee: &str, planned_end: Date| Relationship {
        id: rid(id),
        kind: RelationshipKind::Mentoring,
        programme: rid("prog-lead"),
        mentor: rid("li"),
        mentee: rid(mentee),
        purpose: String::new(),
        ground_rules: String::new(),
        starts: today().add_days(-300),
        planned_end,
        lifecycle: Lifecycle::Active,
        target_role: None,
        agreed: Default::default(),
    };
    let ending = today().add_days(5);
    let passed = today().add_days(-3);
    m.workspace
        .apply(Change::Relationship(pair("rel-1", "tariq", ending)));
    m.workspace
        .apply(Change::Relationship(pair("rel-2", "amira", passed)));
    let en = Locale::EnGb;
    until("both cards", || {
        text(&m.root).contains("Mentor: Li Wei · Mentee: Tariq Aziz")
            && text(&m.root).contains("Mentor: Li Wei · Mentee: Amira Haddad")
    })
    .await;
    let near = card_of(&m.root, "Mentor: Li Wei · Mentee: Tariq Aziz");
    let late = card_of(&m.root, "Mentor: Li Wei · Mentee: Amira Haddad");
    // The planned end in the reader's date format, and said as passed once it has.
    let near_end = format!("Planned end: {}", en.date(ending));
    until("the planned end", || text(&near).contains(&near_end)).await;
    assert!(!text(&near).contains("now passed"), "{}", text(&near));
    let late_end = format!("Planned end: {}, now passed", en.date(passed));
    assert!(text(&late).contains(&late_end), "{}", text(&late));
    assert_eq!(iso_dates(&text(&near)), Vec::<String>::new());

    // The nudge names every signal the card shows, to both of the pair.
    assert!(
        text(&near).contains("no recent session, planned end near"),
        "{}",
        text(&near)
    );
    click(&near, "Nudge Tariq Aziz and Li Wei").await;
    until("the nudges saved", || nudges_saved(&m.store).len() == 2).await;
    for nudge in nudges_saved(&m.store) {
        assert_eq!(
            nudge.reasons().collect::<Vec<_>>(),
            ["no-session", "nearing-end"],
            "{nudge:?}"
        );
    }

    // Extended, the card shows the new end at once and no longer says the end is near nor
    // offers to extend, before any refresh of the figures.
    let new_end = today().add_days(120);
    fill(&near, "#mw-end-rel-1", &new_end.to_string());
    click(&near, "Extend").await;
    until("the extension saved", || {
        relationships_saved(&m.store)
            .iter()
            .any(|r| r.id == rid("rel-1") && r.planned_end == new_end)
    })
    .await;
    let now_end = format!("Planned end: {}", en.date(new_end));
    until("the card's new end", || text(&near).contains(&now_end)).await;
    let card = text(&near);
    assert!(!card.contains("planned end near"), "{card}");
    assert!(card.contains("no recent session"), "{card}");
    assert!(!buttons_of(&near).contains(&"Extend".to_owned()), "{card}");
    assert_eq!(m.host.asked.get(), 1, "no figures fetched again");
}

#[wasm_bindgen_test]
async fn show_more_adds_cards_and_keeps_the_ones_shown_with_what_was_typed_in_them() {
    // 120 pairs; the fourth is rel-1 (Li Wei and Tariq Aziz), which this device knows.
    let mut health = many_pairs(120);
    health[3] = figures().health[0].clone();
    let m = mounted_as_admin_with(ProgrammeFigures {
        health,
        ..figures()
    })
    .await;
    let cards = || all(&m.root, ".mw-cards > li.mw-card");
    until("the first 50 pairs", || cards().len() == 50).await;
    click(
        &card_of(&m.root, "Mentor: Li Wei · Mentee: Tariq Aziz"),
        "End early",
    )
    .await;
    let reason: HtmlInputElement = one(&m.root, "#mw-reason-rel-1").unchecked_into();
    reason.focus().unwrap();
    fill(&m.root, "#mw-reason-rel-1", "Moving to another team");

    button(&m.root, "Show 50 more pairs (70 not shown)").click();
    until("50 more pairs", || cards().len() == 100).await;
    // The card typed into is the same element, still in the list, with its text…
    assert!(reason.is_connected(), "the card typed into was drawn again");
    assert!(one(&m.root, "#mw-reason-rel-1").is_same_node(Some(&reason)));
    assert_eq!(reason.value(), "Moving to another team");
    // Keyboard focus moved to the first card added, not to the top of the page.
    until("focus on the first card added", || {
        focused(&m.root).is_some_and(|f| f.is_same_node(Some(&cards()[50])))
    })
    .await;
    // … and its confirm step ends the relationship with that text as the reason.
    let card: HtmlElement = reason.closest("li").unwrap().unwrap().unchecked_into();
    button(&card, "Yes, end it early").click();
    until("the relationship ended early with the reason typed", || {
        m.store.committed.borrow().iter().any(|c| {
            matches!(c, Change::Relationship(r) if r.id == rid("rel-1")
                && r.lifecycle == Lifecycle::EndedEarly { reason: "Moving to another team".into() })
        })
    })
    .await;

    button(&m.root, "Show 50 more pairs (20 not shown)").click();
    until("the last 20 pairs", || cards().len() == 120).await;
    assert!(
        all(&m.root, "button")
            .iter()
            .all(|b| !text(b).starts_with("Show 50 more")),
        "nothing more to show"
    );
    until("focus on the first of the last cards", || {
        focused(&m.root).is_some_and(|f| f.is_same_node(Some(&cards()[100])))
    })
    .await;
    assert!(
        card.is_connected(),
        "the ended pair's card stays the same element in the list"
    );
}

/// A dashboard reply as a host sends it (docs/programme-admin.md), with these health entries.
fn dashboard_reply(health: &[String]) -> JsValue {
    let json = format!(
        r#"{{"version": 1, "asOf": "2026-03-01", "people": {{"mentees": 12, "mentors": 6, "invited": null}},
        "relationships": [0, 6, 0, 0, 0], "goalsByStatus": [], "sessionsPerMonth": [], "ratings": [],
        "kirkpatrick": {{"reaction": null, "learning": null, "behaviourByManagers": null,
        "behaviourByPeers": null, "results": null}}, "health": [{}]}}"#,
        health.join(",")
    );
    js_sys::JSON::parse(&json).unwrap()
}

fn health_entry(n: usize, last_session: &str) -> String {
    format!(
        r#"{{"relationship": "rel-many-{n}", "mentor": "li", "mentee": "amira",
        "signals": [{{"key": "no-session", "text": "no session"}}], "actions": ["endearly"],
        "sessions": 1, "lastSession": "{last_session}", "goals": 0}}"#
    )
}

#[wasm_bindgen_test]
fn a_malformed_health_entry_past_the_first_page_refuses_the_whole_dashboard_reply() {
    let mut entries: Vec<String> = (0..120).map(|n| health_entry(n, "2026-02-10")).collect();
    let read = ProgrammeFigures::from_js(&dashboard_reply(&entries)).unwrap();
    assert_eq!(read.health.len(), 120);
    assert_eq!(
        read.health[119].last_session,
        Date::parse("2026-02-10").ok()
    );
    // A host that does not say what quiet counts from: the pair's last session.
    assert_eq!(read.health[119].last_met, read.health[119].last_session);
    // Every entry is read before any is shown, though the list shows 50 at a time: an
    // unreadable one on a later page refuses the reply whole (nothing of it is shown).
    entries[119] = health_entry(119, "10/02/2026");
    let refused = ProgrammeFigures::from_js(&dashboard_reply(&entries)).unwrap_err();
    assert!(refused.contains("lastSession"), "{refused}");
}

#[wasm_bindgen_test]
async fn someone_elses_matching_preferences_never_appear_in_any_admin_view() {
    use mentoring_core::preferences::Attribute;
    use mentoring_core::MatchingPreferences;
    const HERS: &str = "AMIRA-STATED-GENDER";
    let m = mounted_as_admin().await;
    // Even on a device that held them (the host never sends them to an admin).
    m.workspace
        .apply(Change::MatchingPreferences(MatchingPreferences {
            shared: [(Attribute::Gender, HERS.to_owned())].into(),
            prefers: [Attribute::Gender].into(),
            ..MatchingPreferences::of(&rid("amira"))
        }));
    let shown_now = |m: &Mounted| {
        let mut shown = text(&m.root);
        for field in all(&m.root, "input, textarea, select") {
            shown.push_str(
                &Reflect::get(&field, &"value".into())
                    .unwrap()
                    .as_string()
                    .unwrap_or_default(),
            );
        }
        shown
    };
    fill(&m.root, "#mw-enrol-search", "ami");
    sleep(20).await;
    let mut shown = shown_now(&m);
    assert!(shown.contains("Amira Haddad"), "{shown}");
    for tab in ["Matching", "Find a mentor or coach"] {
        button(&m.root, tab).click();
        sleep(30).await;
        shown.push_str(&shown_now(&m));
    }
    assert!(
        shown.contains("You have shared nothing for matching"),
        "the admin's own, empty: {shown}"
    );
    assert!(!shown.contains(HERS), "{shown}");
}

/// The health card of the pair named `names` ("Mentor: Li Wei · Mentee: Tariq Aziz").
fn card_of(root: &HtmlElement, names: &str) -> HtmlElement {
    all(root, "li.mw-card")
        .into_iter()
        .find(|c| text(c).contains(names))
        .unwrap_or_else(|| panic!("no card of {names} in {}", text(root)))
}

/// The relationships saved to the store, in order.
fn relationships_saved(store: &MemoryStore) -> Vec<Relationship> {
    store
        .committed
        .borrow()
        .iter()
        .filter_map(|c| match c {
            Change::Relationship(r) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

fn has_class(element: Option<web_sys::Element>, class: &str) -> bool {
    element.is_some_and(|e| e.class_list().contains(class))
}

#[wasm_bindgen_test]
async fn ending_a_pair_early_asks_first_with_the_reason_then_shows_it_ended_at_once() {
    let m = mounted_as_admin().await;
    until("rel-1's card", || {
        text(&m.root).contains("Mentor: Li Wei · Mentee: Tariq Aziz")
    })
    .await;
    let saved_before = relationships_saved(&m.store).len();
    let card = card_of(&m.root, "Mentor: Li Wei · Mentee: Tariq Aziz");
    click(&card, "End early").await;
    // Nothing is ended yet: the card asks, and keyboard focus is on the reason.
    assert_eq!(relationships_saved(&m.store).len(), saved_before);
    assert!(
        text(&card).contains("End this relationship early? Both of them see it ended"),
        "{}",
        text(&card)
    );
    until("focus on the reason", || {
        focused(&m.root).is_some_and(|e| e.id() == "mw-reason-rel-1")
    })
    .await;
    // Cancel puts focus back on the button that asked.
    click(&card, "Cancel").await;
    assert!(all(&card, ".mw-confirm").is_empty());
    until("focus back on End early", || {
        has_class(focused(&m.root), "mw-end-early")
    })
    .await;
    assert_eq!(relationships_saved(&m.store).len(), saved_before);

    // Without a reason the core refuses, said beside the field, and nothing is saved.
    click(&card, "End early").await;
    click(&card, "Yes, end it early").await;
    until("the missing reason", || {
        text(&card).contains("Give a reason; both of the pair will read it")
    })
    .await;
    let reason = one(&card, "#mw-reason-rel-1");
    assert_eq!(
        reason.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(relationships_saved(&m.store).len(), saved_before);

    fill(&card, "#mw-reason-rel-1", "Moved to another team");
    click(&card, "Yes, end it early").await;
    until("the relationship ended", || {
        relationships_saved(&m.store).iter().any(|r| {
            r.id == rid("rel-1")
                && r.lifecycle
                    == Lifecycle::EndedEarly {
                        reason: "Moved to another team".into(),
                    }
        })
    })
    .await;
    // The card says so at once, without "Refresh figures", and offers nothing more.
    until("the card's new state", || {
        text(&card).contains("This pairing was ended early: Moved to another team.")
    })
    .await;
    // A pair that is over has no health to watch: the host's "no recent session" goes.
    assert_eq!(
        text(&one(&card, ".mw-signals")).trim(),
        "",
        "{}",
        text(&card)
    );
    for gone in ["End early", "Re-match", "Nudge Tariq Aziz and Li Wei"] {
        assert!(
            !all(&card, "button").iter().any(|b| text(b).trim() == gone),
            "{gone} still offered: {}",
            text(&card)
        );
    }
    assert_eq!(text(&one(&card, ".mw-said")), "Saved.");
    until("focus on what happened", || {
        has_class(focused(&m.root), "mw-said")
    })
    .await;
}

#[wasm_bindgen_test]
async fn re_matching_asks_first_naming_the_mentee_then_shows_the_pair_ended() {
    let m = mounted_as_admin().await;
    until("rel-1's card", || {
        text(&m.root).contains("Mentor: Li Wei · Mentee: Tariq Aziz")
    })
    .await;
    let saved_before = relationships_saved(&m.store).len();
    let card = card_of(&m.root, "Mentor: Li Wei · Mentee: Tariq Aziz");
    click(&card, "Re-match").await;
    assert_eq!(relationships_saved(&m.store).len(), saved_before);
    assert!(
        text(&card).contains("so that Tariq Aziz can be matched again?"),
        "{}",
        text(&card)
    );
    fill(&card, "#mw-reason-rel-1", "No session since January");
    click(&card, "Yes, end it to re-match").await;
    until("the relationship ended", || {
        relationships_saved(&m.store)
            .iter()
            .any(|r| r.id == rid("rel-1") && r.lifecycle.is_over())
    })
    .await;
    until("the card's new state", || {
        text(&card).contains("This pairing was ended early: No session since January.")
    })
    .await;
    assert!(all(&card, ".mw-confirm").is_empty());
    assert!(!all(&card, "button")
        .iter()
        .any(|b| text(b).trim() == "Re-match"));
}

#[wasm_bindgen_test]
async fn matching_offers_open_programmes_weighs_no_preferences_and_names_who_it_leaves_out() {
    let m = mounted_as_admin().await;
    let speaks = |mut p: Person| {
        p.languages = vec!["en".into()];
        p
    };
    let mut draft = Programme::new(
        rid("prog-draft"),
        ProgrammeKind::Mentoring,
        "Next year's cohort",
        Date(0),
    );
    draft.admins = vec![rid("hr-admin")];
    draft.state = ProgrammeState::Draft;
    m.workspace.directory.set(DirectorySnapshot {
        people: vec![
            speaks(person("hr-admin", "Hannah Okafor", "People", 7)),
            speaks(person("amira", "Amira Haddad", "Sales", 4)),
            speaks(person("tariq", "Tariq Aziz", "Sales", 3)),
            // The directory gives Noor no language: no pair could share one with her.
            person("noor", "Noor Saleh", "Sales", 3),
            Person {
                willing_to_mentor: true,
                ..speaks(person("li", "Li Wei", "Finance", 5))
            },
        ],
        programmes: vec![programme(), draft],
        no_place: Vec::new(),
        taking_part: None,
    });
    click(&m.root, "Matching").await;
    // A draft takes no new pairs: only the open programme is offered.
    let offered: Vec<String> = all(&m.root, "#mw-programme option")
        .iter()
        .map(text)
        .collect();
    assert_eq!(offered, ["Lead"]);
    // The admins' run has nobody's opt-in preferences: no weight for them.
    assert!(all(&m.root, "#mw-weight-preferences").is_empty());
    assert!(!all(&m.root, "#mw-weight-goals").is_empty());
    click(&m.root, "Run matching").await;
    until("the run", || {
        buttons_of(&m.root).iter().any(|b| b == "Run again")
    })
    .await;
    let left_out = text(&one(&m.root, ".mw-left-out"));
    assert_eq!(
        left_out,
        "Noor Saleh has no language in the HR directory, so this run leaves them out; ask HR to \
         add the languages they speak, then run again."
    );
    // The score is out of what the run weighs, and preferences are said private, unscored.
    let card = text(&one(&m.root, ".mw-pair"));
    assert!(card.contains("of 1,900"), "{card}");
    assert!(
        card.contains("Opt-in preferences: private to the mentee") && !card.contains("(+0 of 300)"),
        "{card}"
    );
}

#[wasm_bindgen_test]
async fn publishing_asks_first_saying_how_many_and_is_disabled_with_no_pair() {
    let m = mounted_as_admin().await;
    // Li mentors; Amira, the one mentee not paired yet, shares a language with him.
    let speaks = |mut p: Person| {
        p.languages = vec!["en".into()];
        p
    };
    m.workspace.directory.set(DirectorySnapshot {
        people: vec![
            speaks(person("hr-admin", "Hannah Okafor", "People", 7)),
            speaks(person("amira", "Amira Haddad", "Sales", 4)),
            speaks(person("tariq", "Tariq Aziz", "Sales", 3)),
            Person {
                willing_to_mentor: true,
                ..speaks(person("li", "Li Wei", "Finance", 5))
            },
        ],
        programmes: vec![programme()],
        no_place: Vec::new(),
        taking_part: None,
    });
    click(&m.root, "Matching").await;
    click(&m.root, "Run matching").await;
    // The button, not the weights' hint, which says "Run again" before any run.
    until("the run", || {
        buttons_of(&m.root).iter().any(|b| b == "Run again")
    })
    .await;
    let saved_before = relationships_saved(&m.store).len();
    // One pair: the count reads in the singular.
    click(&m.root, "Publish 1 proposed relationship").await;
    assert_eq!(relationships_saved(&m.store).len(), saved_before);
    assert!(
        text(&m.root).contains(
            "Create 1 proposed relationship? Both people of each pair see theirs as proposed"
        ),
        "{}",
        text(&m.root)
    );
    until("focus on the answer", || {
        focused(&m.root).is_some_and(|e| e.text_content().as_deref() == Some("Yes, publish"))
    })
    .await;
    click(&m.root, "Cancel").await;
    until("focus back on Publish", || {
        has_class(focused(&m.root), "mw-publish")
    })
    .await;
    assert_eq!(relationships_saved(&m.store).len(), saved_before);

    click(&m.root, "Publish 1 proposed relationship").await;
    click(&m.root, "Yes, publish").await;
    until("the proposed relationship", || {
        relationships_saved(&m.store).iter().any(|r| {
            r.mentee == rid("amira") && r.mentor == rid("li") && r.lifecycle == Lifecycle::Proposed
        })
    })
    .await;
    until("what publishing did, with focus on it", || {
        focused(&m.root).is_some_and(|e| {
            e.text_content()
                .is_some_and(|t| t.starts_with("1 proposed relationship created"))
        })
    })
    .await;

    // Amira is paired now: another run has nothing to publish.
    click(&m.root, "Run matching").await;
    // The button, not the weights' hint, which says "Run again" before any run.
    until("the second run", || {
        buttons_of(&m.root).iter().any(|b| b == "Run again")
    })
    .await;
    let publish = button(&m.root, "Publish 0 proposed relationships");
    assert!(publish.has_attribute("disabled"));
    publish.click();
    sleep(30).await;
    assert!(all(&m.root, ".mw-confirm").is_empty());
}

/// Every `YYYY-MM` in `text`: an ISO month, or the start of an ISO date.
fn iso_dates(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(7)
        .filter(|w| {
            w[..4].iter().all(char::is_ascii_digit)
                && w[4] == '-'
                && w[5..].iter().all(char::is_ascii_digit)
        })
        .map(|w| w.iter().collect())
        .collect()
}

fn dashboard_of(root: &HtmlElement) -> HtmlElement {
    one(root, "[aria-labelledby='mw-dashboard-heading']")
}

/// The chart whose text (its title first) contains `title`.
fn chart_of(root: &HtmlElement, title: &str) -> HtmlElement {
    all(root, "figure.mw-chart")
        .into_iter()
        .find(|f| text(f).contains(title))
        .unwrap_or_else(|| panic!("no chart {title:?} in {}", text(root)))
}

#[wasm_bindgen_test]
async fn the_dashboard_and_the_report_write_every_date_and_month_for_the_reader_in_english_and_arabic(
) {
    // Intl writes them, not the ISO fallback used off the browser.
    let as_of = Date::parse("2026-03-01").unwrap();
    assert_eq!(Locale::EnGb.date(as_of), "1 Mar 2026");
    assert_eq!(Locale::EnGb.month(month(2026, 1)), "Jan 2026");
    assert!(
        Locale::Ar.date(as_of).contains("مارس"),
        "{}",
        Locale::Ar.date(as_of)
    );
    assert!(Locale::Ar.month(month(2026, 1)).contains("يناير"));
    for locale in [Locale::EnGb, Locale::Ar] {
        let m = mounted_as_admin_in(locale, figures()).await;
        until("the figures", || {
            text(&m.root).contains(locale.text(Text::SessionsPerMonth))
        })
        .await;
        let figures_as_of = locale.format(Text::FiguresAsOf, &[&locale.date(as_of)]);
        let january = format!(
            "{}: {}",
            locale.month(month(2026, 1)),
            locale.text(Text::HiddenFewerThan5)
        );
        let last_session = locale.date(Date::parse("2026-02-17").unwrap());
        let dashboard = text(&dashboard_of(&m.root));
        for shown in [&figures_as_of, &january, &last_session] {
            assert!(dashboard.contains(shown.as_str()), "{shown} in {dashboard}");
        }
        assert_eq!(iso_dates(&dashboard), Vec::<String>::new(), "{dashboard}");
        button(&m.root, locale.text(Text::PrintableReport)).click();
        until("the report", || !all(&m.root, ".mw-report").is_empty()).await;
        let report = text(&one(&m.root, ".mw-report"));
        for shown in [&figures_as_of, &january] {
            assert!(report.contains(shown.as_str()), "{shown} in {report}");
        }
        assert_eq!(iso_dates(&report), Vec::<String>::new(), "{report}");
    }
}

#[wasm_bindgen_test]
async fn a_chart_with_nothing_above_zero_says_so_instead_of_drawing_an_empty_box() {
    let zeros = ProgrammeFigures {
        sessions_per_month: vec![
            (month(2026, 1), Figure::Shown(0)),
            (month(2026, 2), Figure::Shown(0)),
        ],
        ratings: vec![
            ("listening".into(), vec![Figure::Shown(0); 5]),
            (
                "clarity".into(),
                vec![
                    Figure::Shown(0),
                    Figure::Hidden,
                    Figure::Shown(0),
                    Figure::Shown(0),
                    Figure::Shown(0),
                ],
            ),
        ],
        kirkpatrick: vec![Figure::Absent; 5],
        ..figures()
    };
    for locale in [Locale::EnGb, Locale::Ar] {
        let m = mounted_as_admin_in(locale, zeros.clone()).await;
        until("the figures", || {
            text(&m.root).contains(locale.text(Text::SessionsPerMonth))
        })
        .await;
        let sessions = chart_of(&m.root, locale.text(Text::SessionsPerMonth));
        assert!(
            text(&sessions).contains(locale.text(Text::ChartSessionsYet)),
            "{}",
            text(&sessions)
        );
        assert!(all(&sessions, "svg").is_empty());
        let listening = locale.text(Text::ScaleListening);
        let ratings = chart_of(&m.root, &locale.format(Text::RatingsOf, &[listening]));
        assert!(text(&ratings).contains(&locale.format(Text::ChartRatingsYet, &[listening])));
        assert!(all(&ratings, "svg").is_empty());
        let evaluation = chart_of(&m.root, locale.text(Text::KirkpatrickView));
        assert!(text(&evaluation).contains(locale.text(Text::ChartEvaluationYet)));
        assert!(all(&evaluation, "svg").is_empty());
        // A hidden figure is not "none yet": its chart says it is hidden.
        let clarity = locale.text(Text::ScaleClarity);
        let ratings = chart_of(&m.root, &locale.format(Text::RatingsOf, &[clarity]));
        assert!(text(&ratings).contains(locale.text(Text::HiddenFewerThan5)));
        assert!(!text(&ratings).contains(&locale.format(Text::ChartRatingsYet, &[clarity])));
        // A chart with a count above zero is drawn.
        let people = chart_of(&m.root, locale.text(Text::PeopleFigures));
        assert_eq!(all(&people, "svg").len(), 1);
    }
}

/// The text of the elements an `aria-labelledby` or `aria-describedby` names, in order.
fn referenced_text(root: &HtmlElement, element: &HtmlElement, attribute: &str) -> String {
    let ids = element
        .get_attribute(attribute)
        .unwrap_or_else(|| panic!("no {attribute}"));
    ids.split_whitespace()
        .map(|id| text(&one(root, &format!("#{id}"))))
        .collect::<Vec<_>>()
        .join(" ")
}

#[wasm_bindgen_test]
async fn every_chart_names_its_axes_and_gives_its_figures_to_a_screen_reader() {
    for locale in [Locale::EnGb, Locale::Ar] {
        let m = mounted_as_admin_in(locale, figures()).await;
        until("the figures", || {
            text(&m.root).contains(locale.text(Text::SessionsPerMonth))
        })
        .await;
        let sessions = chart_of(&m.root, locale.text(Text::SessionsPerMonth));
        let up = locale.format(
            Text::ChartUp,
            &[locale.text(Text::AxisSessionsCount), &locale.number(7)],
        );
        let across = locale.format(Text::ChartAcross, &[locale.text(Text::AxisMonth)]);
        let shown = text(&sessions);
        assert!(shown.contains(&up), "{up} in {shown}");
        assert!(shown.contains(&across), "{across} in {shown}");
        let drawing = one(&sessions, "svg");
        assert_eq!(drawing.get_attribute("role").as_deref(), Some("img"));
        assert_eq!(drawing.get_attribute("aria-hidden"), None);
        let name = referenced_text(&m.root, &drawing, "aria-labelledby");
        for part in [locale.text(Text::SessionsPerMonth), &up, &across] {
            assert!(name.contains(part), "{part} in {name}");
        }
        let figures = referenced_text(&m.root, &drawing, "aria-describedby");
        let february = format!("{}: {}", locale.month(month(2026, 2)), locale.number(7));
        assert!(figures.contains(&february), "{february} in {figures}");
        // Every drawing is named and described, by ids that are each one element.
        for drawing in all(&m.root, ".mw-chart svg") {
            assert!(!referenced_text(&m.root, &drawing, "aria-labelledby").is_empty());
            assert!(!referenced_text(&m.root, &drawing, "aria-describedby").is_empty());
        }
        let ids: Vec<String> = all(&m.root, "[id]").iter().map(|e| e.id()).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
    }
}

#[wasm_bindgen_test]
async fn while_the_report_is_shown_printing_hides_the_host_page_around_the_widget_and_restores_it()
{
    let m = mounted_as_admin().await;
    until("the figures", || {
        text(&m.root).contains("Sessions per month")
    })
    .await;
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    let body = document.body().unwrap();
    // The host's furniture beside the widget's element.
    let header = document.create_element("header").unwrap();
    header.set_text_content(Some("Intranet news"));
    body.prepend_with_node_1(&header).unwrap();
    let widget: web_sys::Element = Reflect::get(&m.root.get_root_node(), &"host".into())
        .unwrap()
        .unchecked_into();
    let adopted =
        || js_sys::Array::from(&Reflect::get(&document, &"adoptedStyleSheets".into()).unwrap());
    let before = adopted().length();
    let printing = || widget.has_attribute(PRINTING_ATTRIBUTE);
    let fire = |name: &str| {
        window
            .dispatch_event(&web_sys::Event::new(name).unwrap())
            .unwrap();
    };
    // No report shown: printing leaves the host's page alone.
    fire("beforeprint");
    assert_eq!(adopted().length(), before);
    assert!(!printing());
    fire("afterprint");
    button(&m.root, "Printable report").click();
    until("the report", || !all(&m.root, ".mw-report").is_empty()).await;
    fire("beforeprint");
    assert_eq!(adopted().length(), before + 1);
    assert!(printing());
    // The rules as the print media applies them (headless Chromium cannot print here): the
    // header is hidden, the widget's element and the elements holding it are kept.
    let sheet = adopted().get(before);
    let rules = |of: &JsValue| js_sys::Array::from(&Reflect::get(of, &"cssRules".into()).unwrap());
    let print_rule = rules(&sheet).get(0);
    let media = Reflect::get(
        &Reflect::get(&print_rule, &"media".into()).unwrap(),
        &"mediaText".into(),
    )
    .unwrap();
    assert_eq!(media.as_string().as_deref(), Some("print"));
    let selector = |n: u32| {
        Reflect::get(&rules(&print_rule).get(n), &"selectorText".into())
            .unwrap()
            .as_string()
            .unwrap()
    };
    let (hidden, kept) = (selector(0), selector(2));
    assert!(header.matches(&hidden).unwrap(), "{hidden}");
    assert!(!widget.matches(&hidden).unwrap(), "{hidden}");
    assert!(!body.matches(&hidden).unwrap(), "{hidden}");
    assert!(
        widget.matches(&kept).unwrap() && body.matches(&kept).unwrap(),
        "{kept}"
    );
    assert!(!header.matches(&kept).unwrap(), "{kept}");
    // On screen, meanwhile, the host's page is as it was.
    let computed: Function = Reflect::get(&window, &"getComputedStyle".into())
        .unwrap()
        .unchecked_into();
    let style = computed.call1(&window, &header).unwrap();
    let display = Reflect::get(&style, &"display".into()).unwrap();
    assert_eq!(display.as_string().as_deref(), Some("block"));
    fire("afterprint");
    assert_eq!(adopted().length(), before);
    assert!(!printing());
    // Once the report is closed, printing leaves the host's page alone again.
    button(&m.root, "Close the report").click();
    until("the dashboard again", || {
        all(&m.root, ".mw-report").is_empty()
    })
    .await;
    sleep(10).await;
    fire("beforeprint");
    assert_eq!(adopted().length(), before);
    assert!(!printing());
    fire("afterprint");
    header.remove();
}

fn nudges_saved(store: &MemoryStore) -> Vec<Nudge> {
    store
        .admin
        .borrow()
        .iter()
        .filter_map(|a| match a {
            AdminChange::Nudge(n) => Some(n.clone()),
            _ => None,
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_nudged_pair_shows_when_and_is_not_nudged_again_within_7_days() {
    const DAY: i64 = 86_400_000;
    let m = mounted_as_admin().await;
    until("rel-1's card", || {
        text(&m.root).contains("Mentor: Li Wei · Mentee: Tariq Aziz")
    })
    .await;
    let pair_card = || text(&card_of(&m.root, "Mentor: Li Wei · Mentee: Tariq Aziz"));
    let nudge_button = || {
        all(&m.root, "button")
            .into_iter()
            .any(|b| text(&b).trim() == "Nudge Tariq Aziz and Li Wei")
    };
    let waiting =
        "This pair was nudged less than 7 days ago; nudge them again once that has passed.";
    assert!(!pair_card().contains("Nudged "), "{}", pair_card());
    // A nudge a week and a day ago (another admin's, received by sync) is shown, and leaves
    // the pair free to be nudged again.
    let old = Nudge {
        id: rid("nudge-old"),
        programme: rid("prog-lead"),
        relationship: rid("rel-1"),
        to: rid("li"),
        reason: "no-session".into(),
        by: rid("someone-else"),
        at: Millis(js_sys::Date::now() as i64 - 8 * DAY),
    };
    m.workspace.apply_admin(AdminChange::Nudge(old.clone()));
    let nudged_old = format!("Nudged {}", Locale::EnGb.date_time(old.at, ""));
    until("the card to say when", || pair_card().contains(&nudged_old)).await;
    assert!(!pair_card().contains(waiting), "{}", pair_card());
    assert!(nudge_button());
    click(&m.root, "Nudge Tariq Aziz and Li Wei").await;
    until("the nudges saved", || nudges_saved(&m.store).len() == 2).await;
    // Both of the pair are told, each by a nudge of their own, sent together.
    let both = nudges_saved(&m.store);
    let told: Vec<&str> = both.iter().map(|n| n.to.as_str()).collect();
    assert_eq!(told, ["tariq", "li"]);
    assert_eq!(both[0].at, both[1].at);
    assert!(both.iter().all(|n| n.reason == "no-session"), "{both:?}");
    let sent = both[0].clone();
    // When, as the reader's clock and language write it, and why no second nudge now: the
    // core's refusal, in place of the button.
    let nudged = format!("Nudged {}", Locale::EnGb.date_time(sent.at, ""));
    until("the card to say when", || pair_card().contains(&nudged)).await;
    let card = pair_card();
    assert!(card.contains(waiting), "{card}");
    assert_eq!(iso_dates(&card), Vec::<String>::new(), "{card}");
    assert!(!nudge_button());
    assert_eq!(nudges_saved(&m.store).len(), 2);
}

#[wasm_bindgen_test]
async fn the_programme_screen_and_matching_count_the_same_participants_from_the_directory_or_the_list(
) {
    let m = mounted_as_admin().await;
    // Nobody enrolled: both screens take the directory's people but the admin, and say so.
    // None is willing to mentor, but Li mentors Tariq there, so counts as a mentor.
    let from_directory =
        Locale::EnGb.format(Text::TakingPartFromDirectory, &["2 mentees", "1 mentor"]);
    let admin_screen = text(&m.root);
    assert!(admin_screen.contains(&from_directory), "{admin_screen}");
    assert!(
        admin_screen.contains("1 mentor, the people willing to mentor or mentoring a pair there"),
        "{admin_screen}"
    );
    assert!(
        !admin_screen.contains("Nobody is enrolled yet."),
        "{admin_screen}"
    );
    click(&m.root, "Matching").await;
    until("the same count on Matching", || {
        text(&m.root).contains(&from_directory)
    })
    .await;
    // Two enrolled: both screens count the list instead.
    click(&m.root, "Programme admin").await;
    fill(&m.root, "#mw-enrol-department", "Sales");
    until("the Sales people", || {
        text(&m.root).contains("Select all shown (2 people)")
    })
    .await;
    button(&m.root, "Select all shown (2 people)").click();
    sleep(20).await;
    button(&m.root, "Enrol 2 people").click();
    // Li, who mentors Tariq, is enrolled with them: their pair carries on.
    let listed = "Taking part: 2 mentees and 1 mentor.";
    until("the count from the list", || text(&m.root).contains(listed)).await;
    assert!(!text(&m.root).contains(&from_directory));
    click(&m.root, "Matching").await;
    until("the same count on Matching", || {
        text(&m.root).contains(listed)
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_programme_taking_the_directory_takes_only_those_who_may_join_on_both_screens() {
    let m = mounted_as_admin().await;
    // Grades 4 to 8 may join: Amira (4) is a mentee, Tariq (3) is not; Li mentors.
    let mut lead = programme();
    lead.eligibility = mentoring_core::PeopleFilter {
        grades: Some(mentoring_core::programme::GradeRange {
            lowest: mentoring_core::Grade(4),
            highest: mentoring_core::Grade(8),
        }),
        ..Default::default()
    };
    m.workspace.directory.set(DirectorySnapshot {
        people: vec![
            person("hr-admin", "Hannah Okafor", "People", 7),
            person("amira", "Amira Haddad", "Sales", 4),
            person("tariq", "Tariq Aziz", "Sales", 3),
            Person {
                willing_to_mentor: true,
                ..person("li", "Li Wei", "Finance", 5)
            },
        ],
        programmes: vec![lead],
        no_place: Vec::new(),
        taking_part: None,
    });
    let (one_mentee, one_mentor) = (
        Locale::EnGb.count(Text::CountMentees, 1),
        Locale::EnGb.count(Text::CountMentors, 1),
    );
    let admitted = Locale::EnGb.format(Text::TakingPartFromDirectory, &[&one_mentee, &one_mentor]);
    until("the admitted count on the programme screen", || {
        text(&m.root).contains(&admitted)
    })
    .await;
    click(&m.root, "Matching").await;
    until("the same count on Matching", || {
        text(&m.root).contains(&admitted)
    })
    .await;
}

#[wasm_bindgen_test]
async fn people_invited_are_listed_without_saying_nobody_takes_part() {
    let m = mounted_as_admin().await;
    // Tariq is invited as a mentee and has not answered: nobody takes part yet, but the
    // programme has its list, and he is on it.
    m.workspace.apply_admin(AdminChange::Enrolment(Enrolment {
        id: rid("en-tariq"),
        programme: rid("prog-lead"),
        person: rid("tariq"),
        role: EnrolledAs::Mentee,
        status: EnrolmentStatus::Invited,
        since: Date::parse("2026-01-05").unwrap(),
    }));
    let nobody = Locale::EnGb.text(Text::NoParticipantsYet);
    until("Tariq on the list", || {
        text(&one(&m.root, ".mw-participants")).contains("Tariq Aziz")
    })
    .await;
    assert!(!text(&m.root).contains(nobody), "{}", text(&m.root));
    // Once he declines, the list is empty and says so (it does not turn to the directory).
    m.workspace.apply_admin(AdminChange::Enrolment(Enrolment {
        id: rid("en-tariq"),
        programme: rid("prog-lead"),
        person: rid("tariq"),
        role: EnrolledAs::Mentee,
        status: EnrolmentStatus::Declined,
        since: Date::parse("2026-01-06").unwrap(),
    }));
    until("nobody", || text(&m.root).contains(nobody)).await;
    assert!(
        all(&m.root, ".mw-taking-part").is_empty(),
        "{}",
        text(&m.root)
    );
}

#[wasm_bindgen_test]
async fn matching_and_programme_admin_keep_the_programme_chosen_on_either() {
    let m = mounted_as_admin().await;
    let mut second = programme();
    second.id = rid("prog-two");
    second.name = "Second".into();
    m.workspace.directory.update(|d| d.programmes.push(second));
    let value = |selector: &str| {
        one(&m.root, selector)
            .unchecked_into::<HtmlInputElement>()
            .value()
    };
    until("both programmes offered", || {
        all(&m.root, "#mw-admin-programme option").len() >= 2
    })
    .await;
    fill(&m.root, "#mw-admin-programme", "prog-two");
    sleep(20).await;
    click(&m.root, "Matching").await;
    until("Matching on the second", || {
        value("#mw-programme") == "prog-two"
    })
    .await;
    fill(&m.root, "#mw-programme", "prog-lead");
    sleep(20).await;
    click(&m.root, "Programme admin").await;
    until("Programme admin on the first", || {
        value("#mw-admin-programme") == "prog-lead"
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_location_or_department_nobody_in_the_directory_has_is_pointed_out_with_its_spelling() {
    for locale in [Locale::EnGb, Locale::Ar] {
        let m = mounted_as_admin_in(locale, figures()).await;
        button(&m.root, locale.text(Text::NewProgramme)).click();
        until("the empty set-up form", || {
            all(&m.root, "#mw-prog-locations").len() == 1
        })
        .await;
        let warnings = || {
            all(&m.root, ".mw-warning:not(#mw-prog-admitted)")
                .iter()
                .map(text)
                .collect::<Vec<_>>()
        };
        fill(&m.root, "#mw-prog-locations", "London, Lodnon");
        let location = locale.format(Text::UnknownLocations, &["Lodnon", "London"]);
        until("the location warning", || warnings() == [location.clone()]).await;
        fill(&m.root, "#mw-prog-departments", "Salse");
        let department = locale.format(
            Text::UnknownDepartments,
            &["Salse", &locale.list(&["Finance", "People", "Sales"])],
        );
        until("both warnings", || {
            warnings() == [department.clone(), location.clone()]
        })
        .await;
        // Written as the directory writes them, whatever the letter case, nothing is said.
        fill(&m.root, "#mw-prog-locations", "london");
        fill(&m.root, "#mw-prog-departments", "Sales");
        until("no warning", || warnings().is_empty()).await;
    }
}

/// The programme's who may join set to grades 4 to 8, and Li willing to mentor.
fn grades_4_to_8(m: &Mounted, kind: ProgrammeKind) {
    grades_between(m, kind, 4, 8);
}

/// The programme's who may join set to grades `lowest` to `highest`, and Li willing to mentor.
fn grades_between(m: &Mounted, kind: ProgrammeKind, lowest: u8, highest: u8) {
    let mut lead = programme();
    lead.kind = kind;
    lead.eligibility = mentoring_core::PeopleFilter {
        grades: Some(mentoring_core::programme::GradeRange {
            lowest: Grade(lowest),
            highest: Grade(highest),
        }),
        ..Default::default()
    };
    m.workspace.directory.set(DirectorySnapshot {
        people: vec![
            person("hr-admin", "Hannah Okafor", "People", 7),
            person("amira", "Amira Haddad", "Sales", 4),
            person("tariq", "Tariq Aziz", "Sales", 3),
            Person {
                willing_to_mentor: true,
                ..person("li", "Li Wei", "Finance", 5)
            },
        ],
        programmes: vec![lead],
        no_place: Vec::new(),
        taking_part: None,
    });
}

#[wasm_bindgen_test]
async fn enrolment_offers_only_whom_the_programme_admits_and_says_why_of_the_others() {
    let m = mounted_as_admin().await;
    grades_4_to_8(&m, ProgrammeKind::Mentoring);
    let enrol = || one(&m.root, "[aria-labelledby='mw-enrol-heading']");
    let why = Locale::EnGb.format(Text::RefusedNotAmongWhoMayJoin, &["Tariq Aziz", "Lead"]);
    until("Tariq marked with the rule", || {
        text(&enrol()).contains(&why)
    })
    .await;
    let choices = || {
        all(&enrol(), "label.mw-option")
            .iter()
            .map(text)
            .collect::<Vec<_>>()
    };
    assert_eq!(choices().len(), 3, "{:?}", choices());
    assert!(
        choices().iter().all(|c| !c.contains("Tariq")),
        "{:?}",
        choices()
    );
    let refused = one(&enrol(), "li.mw-refused");
    assert!(text(&refused).contains("Tariq Aziz"));
    assert!(all(&refused, "input").is_empty(), "nothing to tick");
    button(&m.root, "Select the 3 who can be enrolled (4 shown)").click();
    sleep(20).await;
    button(&m.root, "Enrol 3 people").click();
    until("three enrolments", || m.store.admin.borrow().len() == 3).await;
    assert!(m.store.admin.borrow().iter().all(|a| !matches!(
        a,
        AdminChange::Enrolment(e) if e.person == rid("tariq")
    )));
    // As a mentor, who may join does not apply: Tariq is offered.
    // Tariq, of the pair under way, was not enrolled with them: who may join refuses him,
    // and the admin is told so.
    until("Tariq's refusal said", || {
        text(&one(&enrol(), "ul[role='status']")).contains(&why)
    })
    .await;
    fill(&m.root, "#mw-enrol-as", "mentor");
    until("Tariq offered to invite", || {
        choices().iter().any(|c| c.contains("Tariq"))
    })
    .await;
    assert!(all(&enrol(), "li.mw-refused").is_empty());
}

#[wasm_bindgen_test]
async fn a_programme_whose_who_may_join_admits_nobody_says_so_and_stays_a_draft() {
    let m = mounted_as_admin().await;
    button(&m.root, "New programme").click();
    until("the empty set-up form", || {
        all(&m.root, "#mw-prog-name").len() == 1
    })
    .await;
    let admitted = || text(&one(&m.root, "#mw-prog-admitted"));
    // Everyone in the directory but Hannah, who runs it: participants only, and said so.
    let everyone = Locale::EnGb.format(Text::AdmitsPeople, &["3 people"]);
    assert!(everyone.ends_with("as participants (its admins not counted)."));
    assert_eq!(admitted(), everyone);
    fill(&m.root, "#mw-prog-name", "Finance leaders");
    fill(&m.root, "#mw-prog-departments", "Finance, Treasury");
    let one_person = Locale::EnGb.format(Text::AdmitsPeople, &["1 person"]);
    until("one admitted", || admitted() == one_person).await;
    fill(&m.root, "#mw-prog-lowest", "6");
    let nobody = Locale::EnGb.text(Text::AdmitsNobody);
    until("nobody admitted", || admitted() == nobody).await;
    assert!(one(&m.root, "#mw-prog-admitted")
        .class_name()
        .contains("mw-warning"));

    // Opening it is refused with the rule, and nothing is saved.
    let open: HtmlInputElement = one(
        &m.root,
        "[aria-labelledby='mw-setup-heading'] input[type='checkbox']",
    )
    .unchecked_into();
    assert!(open.checked(), "a new programme opens by default");
    let submit = || {
        one(&m.root, "[aria-labelledby='mw-setup-heading'] form")
            .dispatch_event(&event("submit"))
            .unwrap()
    };
    submit();
    let refused = Locale::EnGb.format(Text::RefusedProgrammeAdmitsNobody, &["Finance leaders"]);
    until("the refusal", || text(&m.root).contains(&refused)).await;
    assert!(programmes_saved(&m.store).is_empty());

    // As a draft it is saved; widened, it opens.
    open.set_checked(false);
    open.dispatch_event(&event("change")).unwrap();
    submit();
    until("the draft saved", || programmes_saved(&m.store).len() == 1).await;
    assert_eq!(
        programmes_saved(&m.store)[0].state,
        mentoring_core::ProgrammeState::Draft
    );
    until("the draft's form", || {
        all(&m.root, "#mw-prog-lowest").len() == 1
    })
    .await;
    fill(&m.root, "#mw-prog-lowest", "5");
    until("one admitted again", || admitted() == one_person).await;
    let open: HtmlInputElement = one(
        &m.root,
        "[aria-labelledby='mw-setup-heading'] input[type='checkbox']",
    )
    .unchecked_into();
    open.set_checked(true);
    open.dispatch_event(&event("change")).unwrap();
    submit();
    until("opened", || {
        programmes_saved(&m.store)
            .last()
            .is_some_and(|p| p.state == mentoring_core::ProgrammeState::Open)
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_coaching_programme_is_said_in_coaching_words_on_its_screen_and_dashboard() {
    let m = mounted_as_admin().await;
    grades_4_to_8(&m, ProgrammeKind::Coaching);
    // Li is willing but holds no coaching credential: nobody coaches.
    let from_directory = Locale::EnGb.format(
        Text::TakingPartFromDirectoryCoaching,
        &["1 coachee", "0 coaches"],
    );
    until("the coaching count", || {
        text(&m.root).contains(&from_directory)
    })
    .await;
    let shown = text(&m.root);
    assert!(!shown.contains("people willing to mentor"), "{shown}");
    until("the figures", || {
        text(&m.root).contains("People: coachees, coaches, invited")
    })
    .await;
    let people = text(&chart_of(&m.root, "People: coachees, coaches, invited"));
    assert!(people.contains("Coachees: 12"), "{people}");
    assert!(people.contains("Coaches: 6"), "{people}");
    assert!(!people.contains("Mentors"), "{people}");
    // Each card says who coaches, and enrolment offers coaching's roles alone.
    let shown = text(&m.root);
    assert!(
        shown.contains("Coach: Li Wei · Coachee: Tariq Aziz"),
        "{shown}"
    );
    let roles = text(&one(&m.root, "#mw-enrol-as"));
    assert!(
        roles.contains("Coachee (enrolled)") && roles.contains("Coach (invited)"),
        "{roles}"
    );
    assert!(
        !roles.contains("entor") && !roles.contains("entee"),
        "{roles}"
    );
    // With nobody chosen, the enrol button says what to do first, and does nothing.
    let enrol = button(&m.root, "Select people above to enrol them");
    assert!(enrol.has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn when_everyone_shown_is_refused_for_one_rule_enrolment_says_it_once() {
    let m = mounted_as_admin().await;
    // Who may join admits nobody in the directory: grade 9 alone.
    grades_between(&m, ProgrammeKind::Coaching, 9, 9);
    let enrol = || one(&m.root, "[aria-labelledby='mw-enrol-heading']");
    let summary = Locale::EnGb.format(Text::NoneShownMayJoin, &["4 people", "Lead"]);
    until("one line for all", || text(&enrol()).contains(&summary)).await;
    assert_eq!(
        all(&enrol(), "li.mw-refused").len(),
        4,
        "{}",
        text(&enrol())
    );
    // The names stay listed, without the same sentence under each.
    assert!(text(&enrol()).contains("Amira Haddad"));
    assert!(
        !text(&enrol()).contains("is not among who may join"),
        "{}",
        text(&enrol())
    );
    assert!(all(&enrol(), "li.mw-refused .mw-hint").is_empty());

    // As coaches, nobody holds a credential: one line again, in the credential's words.
    fill(&m.root, "#mw-enrol-as", "mentor");
    until("the credential said once", || {
        text(&enrol()).contains("None of the 4 people shown has a coaching credential valid on")
    })
    .await;
    assert!(!text(&enrol()).contains(&summary));
    assert!(all(&enrol(), "li.mw-refused .mw-hint").is_empty());
    assert!(!text(&enrol()).contains("has no coaching credential"));
}

#[wasm_bindgen_test]
async fn the_set_up_form_and_matching_speak_of_coaches_once_the_programme_is_coaching() {
    let m = mounted_as_admin().await;
    button(&m.root, "New programme").click();
    until("the empty set-up form", || {
        all(&m.root, "#mw-prog-name").len() == 1
    })
    .await;
    let form = || text(&one(&m.root, "[aria-labelledby='mw-setup-heading']"));
    assert!(form().contains("Who may join as a mentee"), "{}", form());
    assert!(
        form().contains("Mentees choose from suggestions"),
        "{}",
        form()
    );
    // Kind set to coaching: the form says it at once, before anything is saved.
    fill(&m.root, "#mw-prog-kind", "coaching");
    until("the coaching words", || {
        form().contains("Who may join as a coachee")
            && form().contains("Coachees choose from suggestions")
    })
    .await;
    for gone in ["mentee", "Mentee"] {
        assert!(!form().contains(gone), "{gone}: {}", form());
    }

    // The matching screen of a coaching programme, before any run.
    grades_4_to_8(&m, ProgrammeKind::Coaching);
    click(&m.root, "Matching").await;
    until("the places per coach", || {
        text(&m.root).contains("Places per coach")
    })
    .await;
    assert!(!text(&m.root).contains("Places per mentor"));
}

/// Fills the new programme's set-up form with what it needs and `places` per mentor.
fn set_up_with_places(m: &Mounted, name: &str, places: &str) {
    fill(&m.root, "#mw-prog-name", name);
    fill(&m.root, "#mw-prog-starts", "2026-06-01");
    fill(&m.root, "#mw-prog-length", "180");
    fill(&m.root, "#mw-prog-places", places);
    one(&m.root, "form")
        .dispatch_event(&event("submit"))
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_programmes_places_per_mentor_are_set_in_its_set_up_from_one_to_ten() {
    let m = mounted_as_admin().await;
    button(&m.root, "New programme").click();
    until("the empty set-up form", || {
        all(&m.root, "#mw-prog-name").len() == 1
    })
    .await;
    let places = || {
        one(&m.root, "#mw-prog-places")
            .unchecked_into::<HtmlInputElement>()
            .value()
    };
    assert_eq!(places(), "2");
    let message = || text(&one(&m.root, "#mw-prog-places-error"));
    // Out of range: the refusal beside the field names the range and the value given.
    set_up_with_places(&m, "Future leaders", "11");
    let said = Locale::EnGb.format(Text::RefusedPlacesPerMentor, &["1", "10", "11"]);
    until("the refusal beside the places", || message() == said).await;
    sleep(50).await;
    assert!(programmes_saved(&m.store).is_empty(), "nothing is saved");
    // Not a number: said beside the field, nothing guessed.
    set_up_with_places(&m, "Future leaders", "two");
    until("the message beside the places", || {
        message() == Locale::EnGb.text(Text::PlacesUnreadable)
    })
    .await;
    assert!(programmes_saved(&m.store).is_empty(), "nothing is saved");
    set_up_with_places(&m, "Future leaders", "3");
    until("the programme saved", || {
        programmes_saved(&m.store).len() == 1
    })
    .await;
    assert_eq!(programmes_saved(&m.store)[0].places_per_mentor, 3);
}

#[wasm_bindgen_test]
async fn a_run_in_a_programme_with_three_places_per_mentor_publishes_three_pairs_for_a_mentor() {
    let m = mounted_as_admin().await;
    // Li is the one mentor; Tariq is under way with him elsewhere, so three mentees are left.
    let speaks = |mut p: Person| {
        p.languages = vec!["en".into()];
        p
    };
    m.workspace.directory.set(DirectorySnapshot {
        people: vec![
            speaks(person("hr-admin", "Hannah Okafor", "People", 7)),
            speaks(person("amira", "Amira Haddad", "Sales", 4)),
            speaks(person("tariq", "Tariq Aziz", "Sales", 3)),
            speaks(person("noor", "Noor Saleh", "Sales", 3)),
            speaks(person("sami", "Sami Khoury", "Finance", 2)),
            Person {
                willing_to_mentor: true,
                ..speaks(person("li", "Li Wei", "Finance", 5))
            },
        ],
        programmes: vec![programme()],
        no_place: Vec::new(),
        taking_part: None,
    });
    button(&m.root, "New programme").click();
    until("the empty set-up form", || {
        all(&m.root, "#mw-prog-name").len() == 1
    })
    .await;
    set_up_with_places(&m, "Three each", "3");
    until("the programme saved", || {
        programmes_saved(&m.store).len() == 1
    })
    .await;
    let programme = programmes_saved(&m.store)[0].id.clone();
    click(&m.root, "Matching").await;
    // No slider that could disagree: the set-up's number, said with where to change it.
    let places = Locale::EnGb.format(Text::PlacesPerMentor, &["3"]);
    until("the programme's places", || text(&m.root).contains(&places)).await;
    assert!(all(&m.root, "input#mw-places").is_empty());
    click(&m.root, "Run matching").await;
    until("the run", || {
        buttons_of(&m.root).iter().any(|b| b == "Run again")
    })
    .await;
    click(&m.root, "Publish 3 proposed relationships").await;
    click(&m.root, "Yes, publish").await;
    let li_s = || {
        let mut mentees: Vec<RecordId> = (relationships_saved(&m.store).into_iter())
            .filter(|r| r.programme == programme && r.mentor == rid("li"))
            .map(|r| r.mentee)
            .collect();
        mentees.sort_by_key(|id| id.to_string());
        mentees.dedup();
        mentees
    };
    until("three pairs for Li", || li_s().len() == 3).await;
    assert_eq!(li_s(), [rid("amira"), rid("noor"), rid("sami")]);
    until("what publishing did", || {
        text(&m.root).contains("3 proposed relationships created")
    })
    .await;
    assert!(
        !text(&m.root).contains("Not published"),
        "{}",
        text(&m.root)
    );
}

#[wasm_bindgen_test]
async fn a_proposal_whose_mentor_has_no_place_left_is_not_offered_start_and_says_why() {
    use mentoring_core::relationship::places_of;
    // What a host that does not count places sends: Start too.
    let m = mounted_as_admin_with(ProgrammeFigures {
        health: vec![PairHealth {
            relationship: rid("rel-new"),
            pair: Some((rid("li"), rid("amira"))),
            signals: Vec::new(),
            actions: vec!["start".into(), "endearly".into(), "rematch".into()],
            sessions: 0,
            last_session: None,
            next_session: None,
            last_met: None,
            goals: 0,
        }],
        ..figures()
    })
    .await;
    let proposed = Relationship {
        id: rid("rel-new"),
        kind: RelationshipKind::Mentoring,
        programme: rid("prog-lead"),
        mentor: rid("li"),
        mentee: rid("amira"),
        purpose: String::new(),
        ground_rules: String::new(),
        starts: today().add_days(7),
        planned_end: today().add_days(200),
        lifecycle: Lifecycle::Proposed,
        target_role: None,
        agreed: Default::default(),
    };
    let programme = (m.workspace.programmes().into_iter())
        .find(|p| p.id == rid("prog-lead"))
        .expect("the programme");
    let places = places_of(&programme, &rid("li"), &m.workspace.enrolments());
    // Li already meets as many mentees as they have places.
    let met = |n: u32, lifecycle: Lifecycle| Relationship {
        id: rid(&format!("rel-li-{n}")),
        mentee: rid(&format!("mentee-{n}")),
        lifecycle,
        ..proposed.clone()
    };
    // Li's pairs already under way there (the proposal aside) hold some of them.
    let held = m.workspace.relationships.with_untracked(|all| {
        all.iter()
            .filter(|r| r.mentor == rid("li") && r.programme == rid("prog-lead"))
            .filter(|r| matches!(r.lifecycle, Lifecycle::Active | Lifecycle::Paused))
            .count() as u32
    });
    assert!(held < places, "a place left to fill");
    for n in 0..places - held {
        m.workspace
            .apply(Change::Relationship(met(n, Lifecycle::Active)));
    }
    m.workspace.apply(Change::Relationship(proposed.clone()));
    until("the proposed pair's card", || {
        text(&m.root).contains("Mentor: Li Wei · Mentee: Amira Haddad")
    })
    .await;
    let card = card_of(&m.root, "Mentor: Li Wei · Mentee: Amira Haddad");
    let noun = if places == 1 { "place" } else { "places" };
    let why = format!(
        "Li Wei has no place left: {places} of {places} {noun} held. Raise places per mentor in \
         set-up, or end one of their pairings."
    );
    until("why Start is not offered", || text(&card).contains(&why)).await;
    assert_eq!(
        buttons_of(&card),
        ["Decline", "Re-match"],
        "{}",
        text(&card)
    );
    // One of Li's pairs completed frees a place: Start is offered, and the sentence goes.
    m.workspace
        .apply(Change::Relationship(met(0, Lifecycle::Completed)));
    until("Start offered", || {
        buttons_of(&card).contains(&"Start this relationship".to_owned())
    })
    .await;
    assert!(!text(&card).contains("no place left"), "{}", text(&card));
    assert!(m.store.committed.borrow().is_empty(), "nothing stored");
}

#[wasm_bindgen_test]
async fn start_or_decline_opens_on_the_pairs_card_whose_buttons_name_the_pair() {
    let m = mounted_as_admin_with(ProgrammeFigures {
        health: vec![PairHealth {
            relationship: rid("rel-new"),
            pair: Some((rid("li"), rid("amira"))),
            signals: Vec::new(),
            actions: vec!["start".into(), "endearly".into(), "rematch".into()],
            sessions: 0,
            last_session: None,
            next_session: None,
            last_met: None,
            goals: 0,
        }],
        ..figures()
    })
    .await;
    m.workspace.apply(Change::Relationship(Relationship {
        id: rid("rel-new"),
        kind: RelationshipKind::Mentoring,
        programme: rid("prog-lead"),
        mentor: rid("li"),
        mentee: rid("amira"),
        purpose: String::new(),
        ground_rules: String::new(),
        starts: today(),
        planned_end: today().add_days(200),
        lifecycle: Lifecycle::Proposed,
        target_role: None,
        agreed: Default::default(),
    }));
    let asked = Written {
        at: Millis(js_sys::Date::now() as i64 - 86_400_000),
        by: rid("amira"),
    };
    m.workspace.pairing_log.set(vec![PairingLog {
        relationship: rid("rel-new"),
        made: asked.clone(),
        paired: asked.clone(),
        replaced: None,
        put_back: false,
        lifecycle: asked,
        unstarted: None,
    }]);
    click(&m.root, "My goals").await;
    until("the request under Needs your attention", || {
        text(&m.root).contains("Amira Haddad asked to be paired with Li Wei on ")
    })
    .await;
    button(
        &m.root,
        "Start or decline the pairing of Amira Haddad with Li Wei",
    )
    .click();
    until("focus on the pair's card", || {
        focused(&m.root).is_some_and(|e| e.id() == "mw-pair-rel-new")
    })
    .await;
    let card = one(&m.root, "#mw-pair-rel-new");
    for name in [
        "Start this relationship: Amira Haddad with Li Wei",
        "Decline: Amira Haddad with Li Wei",
        "Re-match: Amira Haddad with Li Wei",
    ] {
        assert!(
            all(&card, "button")
                .iter()
                .any(|b| b.get_attribute("aria-label").as_deref() == Some(name)),
            "{name}"
        );
    }
}

#[wasm_bindgen_test]
async fn the_figures_are_fetched_again_after_the_admins_own_ending_reaches_the_host() {
    let m = mounted_as_admin().await;
    until("rel-1's card", || {
        text(&m.root).contains("Mentor: Li Wei · Mentee: Tariq Aziz")
    })
    .await;
    let card = card_of(&m.root, "Mentor: Li Wei · Mentee: Tariq Aziz");
    click(&card, "End early").await;
    fill(&card, "#mw-reason-rel-1", "Moved to another team");
    click(&card, "Yes, end it early").await;
    until("the relationship ended", || {
        relationships_saved(&m.store)
            .iter()
            .any(|r| r.id == rid("rel-1") && r.lifecycle.is_over())
    })
    .await;
    let asked = m.host.asked.get();
    // A sync takes the ending to the host: the figures are asked for again, unasked.
    m.actions
        .sync
        .status
        .update(|s| s.last_synced = Some(Millis(js_sys::Date::now() as i64)));
    until("the figures asked again", || m.host.asked.get() > asked).await;
    // A later sync with nothing of the admin's own asks nothing more.
    let again = m.host.asked.get();
    sleep(50).await;
    m.actions
        .sync
        .status
        .update(|s| s.last_synced = Some(Millis(js_sys::Date::now() as i64 + 1)));
    sleep(100).await;
    assert_eq!(m.host.asked.get(), again);
}

#[wasm_bindgen_test]
async fn the_enrol_list_says_one_rules_refusals_once_marks_who_is_listed_and_counts_whom_it_selects(
) {
    let m = mounted_as_admin().await;
    // Grades 5 to 8 may join: Amira (4) and Tariq (3) may not; Li is enrolled already.
    grades_between(&m, ProgrammeKind::Mentoring, 5, 8);
    m.workspace.apply_admin(AdminChange::Enrolment(Enrolment {
        id: rid("en-li"),
        programme: rid("prog-lead"),
        person: rid("li"),
        role: EnrolledAs::Mentee,
        status: EnrolmentStatus::Enrolled,
        since: Date(0),
    }));
    let enrol = || one(&m.root, "[aria-labelledby='mw-enrol-heading']");
    let summary = Locale::EnGb.format(Text::SomeShownMayJoin, &["2 people", "Lead"]);
    until("one line for both", || text(&enrol()).contains(&summary)).await;
    assert!(all(&enrol(), "li.mw-refused .mw-hint").is_empty());
    for row in all(&enrol(), "li.mw-refused") {
        assert!(text(&row).contains("cannot be enrolled"), "{}", text(&row));
    }
    let li = one(&enrol(), "li.mw-listed");
    assert!(text(&li).contains("Li Wei") && text(&li).contains("already enrolled as mentee"));
    assert!(all(&li, "input").is_empty(), "nothing to tick");
    // One of the four shown can be chosen: the button says so.
    let asked = m.host.asked.get();
    click(&m.root, "Select the 1 who can be enrolled (4 shown)").await;
    click(&m.root, "Enrol 1 person").await;
    until("Hannah enrolled", || m.store.admin.borrow().len() == 1).await;
    // The sync its save asked for (the host unreachable here) has ended.
    sleep(300).await;
    assert_eq!(
        m.host.asked.get(),
        asked,
        "not before the enrolment reached the host"
    );
    // Once the enrolment has reached the host (a sync), the figures are fetched again.
    m.actions
        .sync
        .status
        .update(|s| s.last_synced = Some(Millis(js_sys::Date::now() as i64)));
    until("the figures fetched again", || m.host.asked.get() > asked).await;
}

#[wasm_bindgen_test]
async fn every_chart_is_a_figure_named_by_its_title_a_heading_below_its_sections() {
    let m = mounted_as_admin().await;
    until("the figures", || {
        text(&m.root).contains("Sessions per month")
    })
    .await;
    let check = |level: &str| {
        let charts = all(&m.root, "figure.mw-chart");
        assert!(charts.len() >= 5, "{}", charts.len());
        for chart in charts {
            let named = referenced_text(&m.root, &chart, "aria-labelledby");
            let title = one(&chart, ".mw-chart-title");
            assert_eq!(title.tag_name(), level);
            assert_eq!(named, text(&title));
        }
    };
    assert_eq!(one(&m.root, "#mw-dashboard-heading").tag_name(), "H4");
    check("H5");
    click(&m.root, "Printable report").await;
    until("the report", || {
        all(&m.root, "#mw-report-heading").len() == 1
    })
    .await;
    assert_eq!(one(&m.root, "#mw-report-heading").tag_name(), "H5");
    check("H6");
}
