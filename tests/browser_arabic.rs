//! The widget in Arabic, in headless Chromium: the whole app mounted with locale `ar` in a
//! shadow root, walked through every participant screen. The root is right to left with
//! `lang="ar"`, and no word a person can read or hear is English: a text added without its
//! Arabic translation fails here. Also: the browser's `Intl` formats dates, times, zones and
//! plural categories as `edges::intl` expects.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{button, click, rid, sleep, text, until, MemoryStore};

use std::rc::Rc;

use js_sys::{Function, Reflect};
use mentoring_core::preferences::{Held, PreferencesMet};
use mentoring_core::{
    decide, ActionItem, Attribute, Change, ConversationSkill, Date, Feedback, Goal, GoalCommand,
    GoalContext, GoalDraft, Grow, LearningEntry, Lifecycle, MatchingPreferences, Millis, Objective,
    Observation, Person, Place, PrivateNote, Programme, ProgrammeKind, RatingScale, Ratings,
    RecordId, Relationship, RelationshipKind, Session, Visibility,
};
use mentoring_widget::edges::adapter::{DirectorySnapshot, Host, HostError, OpV1, Pulled, Pushed};
use mentoring_widget::edges::clock::{BrowserClock, Clock};
use mentoring_widget::edges::intl::{self, cldr_plural};
use mentoring_widget::edges::platform::QuietPlatform;
use mentoring_widget::edges::store::{RecordStore, UnreadableRecord};
use mentoring_widget::edges::LocalFuture;
use mentoring_widget::ui::i18n::{Locale, Text};
use mentoring_widget::ui::{app, Services};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/browser/visible_text.js")]
extern "C" {
    #[wasm_bindgen(js_name = visibleTexts)]
    fn visible_texts(root: &web_sys::ShadowRoot) -> Vec<String>;
    #[wasm_bindgen(js_name = beforeTransform)]
    fn before_transform(element: &HtmlElement) -> String;
}

/// Latin-letter words that may stay in Arabic mode: the methods' acronyms (SMART and its
/// step letters, GROW and its section letters), the export formats (CSV, JSON) and the test
/// people's names.
const ALLOWED: [&str; 18] = [
    "SMART", "GROW", "S", "M", "A", "R", "T", "G", "O", "W", "CSV", "JSON", "Amira", "Haddad",
    "Sofia", "Reyes", "James", "Okafor",
];

const AR: Locale = Locale::Ar;

fn person(id: &str, name: &str, zone: &str) -> Person {
    Person {
        time_zone: zone.into(),
        ..Person::new(rid(id), name)
    }
}

/// Two pairs' worth of records, written in Arabic as an Arabic-speaking pair would.
fn directory() -> DirectorySnapshot {
    directory_for(Role::Participant)
}

/// Who Amira is to the widget: a participant, or also the admin of the mentoring programme
/// (with James willing to mentor and Sofia to be mentored in it, so matching pairs them).
#[derive(Clone, Copy, PartialEq)]
enum Role {
    Participant,
    Admin,
}

fn directory_for(role: Role) -> DirectorySnapshot {
    let mut coaching = Programme::new(
        rid("prog-coach"),
        ProgrammeKind::Coaching,
        "كوتشينغ المبيعات",
        Date(0),
    );
    coaching.objectives.push(Objective {
        id: rid("obj-growth"),
        text: "نمو إيرادات الخليج".into(),
    });
    let mut mentoring = Programme::new(
        rid("prog-mentor"),
        ProgrammeKind::Mentoring,
        "الإرشاد القيادي",
        Date(0),
    );
    let mut people = vec![
        person("amira", "Amira Haddad", "Europe/London"),
        person("sofia", "Sofia Reyes", "Asia/Dubai"),
        person("james", "James Okafor", "Europe/London"),
    ];
    if role == Role::Admin {
        mentoring.admins = vec![rid("amira")];
        people[1].grade = mentoring_core::Grade(4);
        people[2].grade = mentoring_core::Grade(8);
        people[2].willing_to_mentor = true;
        for p in &mut people {
            p.languages = vec!["ar".into()];
        }
    }
    DirectorySnapshot {
        people,
        programmes: vec![coaching, mentoring],
        no_place: Vec::new(),
        taking_part: None,
    }
}

fn relationship(id: &str, kind: RelationshipKind, programme: &str, mentor: &str) -> Relationship {
    Relationship {
        id: rid(id),
        kind,
        programme: rid(programme),
        mentor: rid(mentor),
        mentee: rid("amira"),
        purpose: "الاستعداد لدور قيادي إقليمي".into(),
        ground_rules: "كل أسبوعين، ساعة واحدة، بسرية تامة".into(),
        starts: Date::parse("2026-01-05").unwrap(),
        planned_end: Date::parse("2026-12-18").unwrap(),
        lifecycle: Lifecycle::Active,
        target_role: Some("قائد مبيعات إقليمي".into()),
        agreed: Default::default(),
    }
}

/// Amira's goal in her mentoring, with one of two milestones done (so it has a history).
fn goal(relationships: &[Relationship], programmes: &[Programme]) -> Goal {
    let context = GoalContext {
        relationships,
        programmes,
    };
    let mint = |prefix: &str| RecordId::mint(prefix, Millis(1), BrowserClock.entropy());
    let draft = GoalDraft {
        title: "العرض على مجلس الإدارة".into(),
        relationship: Some(rid("rel-mentor")),
        due: Some(Date::parse("2026-06-30").unwrap()),
        milestones: vec!["المسودة الأولى".into(), "التدرّب على العرض".into()],
        ..GoalDraft::default()
    };
    let created = decide(
        &GoalCommand::Create { draft },
        &[],
        context,
        &rid("amira"),
        Millis(1_767_600_000_000),
        mint,
    )
    .unwrap();
    let done = GoalCommand::CompleteMilestone {
        goal: created.id.clone(),
        milestone: created.milestones[0].id.clone(),
        on: Date::parse("2026-01-20").unwrap(),
    };
    decide(
        &done,
        &[created],
        context,
        &rid("amira"),
        Millis(1_768_900_000_000),
        mint,
    )
    .unwrap()
}

/// Amira's personal goal that its measure moves: from 40 open tickets to 10, now 25.
fn measured_goal() -> Goal {
    let draft = GoalDraft {
        title: "تقليل التذاكر المفتوحة".into(),
        measure: Some(mentoring_core::Measure {
            what: "التذاكر المفتوحة".into(),
            baseline: mentoring_core::Amount(4_000),
            target: mentoring_core::Amount(1_000),
            current: mentoring_core::Amount(2_500),
        }),
        ..GoalDraft::default()
    };
    let mint = |prefix: &str| RecordId::mint(prefix, Millis(2), BrowserClock.entropy());
    decide(
        &GoalCommand::Create { draft },
        &[],
        GoalContext::default(),
        &rid("amira"),
        Millis(1_767_700_000_000),
        mint,
    )
    .unwrap()
}

fn observation(text: &str, example: &str) -> Observation {
    Observation {
        text: text.into(),
        example: example.into(),
    }
}

fn records() -> Vec<Change> {
    let relationships = vec![
        relationship(
            "rel-coach",
            RelationshipKind::Coaching,
            "prog-coach",
            "sofia",
        ),
        relationship(
            "rel-mentor",
            RelationshipKind::Mentoring,
            "prog-mentor",
            "james",
        ),
    ];
    let goal = goal(&relationships, &directory().programmes);
    let session = Session {
        id: rid("s-james"),
        relationship: rid("rel-mentor"),
        author: rid("james"),
        partner: Some(rid("amira")),
        at: Millis(1_767_600_000_000),
        // Logged while James was in Dubai: the card also shows the time there.
        time_zone: "Asia/Dubai".into(),
        minutes: 60,
        place: Place::InPerson {
            location: "مكتب دبي".into(),
        },
        grow: Grow {
            goal: "الاستعداد لعرض الميزانية".into(),
            reality: "المسودة جاهزة بنسبة النصف".into(),
            options: "التدرّب مع الفريق".into(),
            will: "إنهاء المسودة هذا الأسبوع".into(),
        },
        skills: [ConversationSkill::Questioning, ConversationSkill::Reframing].into(),
        actions: vec![ActionItem {
            id: rid("a-amira"),
            text: "إرسال المسودة إلى المرشد".into(),
            owner: rid("amira"),
            due: Date::parse("2099-02-01").unwrap(),
            done: false,
        }],
        goals: vec![goal.id.clone()],
    };
    let feedback = Feedback {
        id: rid("f-james"),
        giver: rid("james"),
        receiver: rid("amira"),
        relationship: rid("rel-mentor"),
        session: Some(rid("s-james")),
        strengths: vec![observation("عرض واضح", "شرحت الأرقام بهدوء")],
        development_areas: vec![observation("إدارة الوقت", "تجاوز العرض موعده بعشر دقائق")],
        ratings: Ratings::from([(RatingScale::Support, 5), (RatingScale::Clarity, 4)]),
        overall: "جلسة مثمرة".into(),
        visibility: Visibility::SharedWithPair,
        given_at: Millis(1_767_700_000_000),
    };
    let learning = LearningEntry {
        id: rid("l-james"),
        author: rid("james"),
        relationship: rid("rel-mentor"),
        text: "تعلّمت الكثير عن سوق الخليج".into(),
        shared_with_partner: true,
        written_at: Millis(1_767_800_000_000),
    };
    // Planned by Amira for a week from today, online: its card offers "Add to calendar".
    let planned = Session {
        id: rid("s-planned"),
        author: rid("amira"),
        partner: Some(rid("james")),
        at: Millis(BrowserClock.now().0 + 7 * 86_400_000),
        time_zone: "Europe/London".into(),
        place: Place::Online,
        grow: Grow {
            goal: "مراجعة العرض".into(),
            ..Grow::default()
        },
        actions: vec![],
        goals: vec![],
        ..session.clone()
    };
    // Amira's to James: her card offers Edit and Delete.
    let hers = Feedback {
        id: rid("f-amira"),
        giver: rid("amira"),
        receiver: rid("james"),
        strengths: vec![observation("إصغاء جيد", "سألني عن خطتي قبل أن ينصح")],
        given_at: Millis(1_767_750_000_000),
        ..feedback.clone()
    };
    // Her note on a session deleted since (`deleted_session`).
    let note = PrivateNote {
        id: rid("n-gone"),
        owner: rid("amira"),
        session: deleted_session().id,
        text: "ملاحظتي على الجلسة المحذوفة".into(),
    };
    // A coaching the admins took her off (Lena in her place): the session she had in it with
    // Sofia is hers to read back under Earlier pairings.
    let earlier = Relationship {
        mentee: rid("lena"),
        ..relationship(
            "rel-earlier",
            RelationshipKind::Coaching,
            "prog-coach",
            "sofia",
        )
    };
    let earlier_session = Session {
        id: rid("s-earlier"),
        relationship: rid("rel-earlier"),
        author: rid("sofia"),
        partner: Some(rid("amira")),
        place: Place::Online,
        time_zone: "Europe/London".into(),
        grow: Grow {
            goal: "جلسة المزاوجة السابقة".into(),
            ..Grow::default()
        },
        actions: vec![],
        goals: vec![],
        ..session.clone()
    };
    let mut all: Vec<Change> = relationships
        .into_iter()
        .chain([earlier])
        .map(Change::Relationship)
        .collect();
    all.extend([
        Change::Session(earlier_session),
        Change::Goal(goal),
        Change::Goal(measured_goal()),
        Change::Session(session),
        Change::Session(planned),
        Change::Feedback(feedback),
        Change::Feedback(hers),
        Change::PrivateNote(note),
        Change::Learning(learning),
        Change::MatchingPreferences(MatchingPreferences {
            shared: [(Attribute::Gender, "امرأة".to_owned())].into(),
            prefers: [Attribute::Gender].into(),
            ..MatchingPreferences::of(&rid("amira"))
        }),
    ]);
    all
}

/// A session of Amira's with James, deleted before the device opened.
fn deleted_session() -> Session {
    Session {
        id: rid("s-gone"),
        relationship: rid("rel-mentor"),
        author: rid("amira"),
        partner: Some(rid("james")),
        at: Millis(1_767_500_000_000),
        time_zone: "Europe/London".into(),
        minutes: 60,
        place: Place::Online,
        grow: Grow::default(),
        skills: Default::default(),
        actions: vec![],
        goals: vec![],
    }
}

/// When the portal's hold on Amira's gender preference ends: noon UTC, 1 January 2027.
const HELD_UNTIL: Millis = Millis(1_798_761_600_000 + 12 * 3_600_000);

/// A portal that confirms Amira, lists the directory and has nothing new; `Broken` sends a
/// page of ops the widget cannot read, with what is wrong in English.
#[derive(Clone, Copy, PartialEq)]
enum Portal {
    Working(Role),
    Broken,
}

impl Host for Portal {
    fn session(&self) -> LocalFuture<'_, Result<Person, HostError>> {
        Box::pin(async { Ok(person("amira", "Amira Haddad", "Europe/London")) })
    }
    fn directory(&self) -> LocalFuture<'_, Result<DirectorySnapshot, HostError>> {
        let role = match self {
            Portal::Working(role) => *role,
            Portal::Broken => Role::Participant,
        };
        Box::pin(async move { Ok(directory_for(role)) })
    }
    fn push<'a>(&'a self, ops: &'a [OpV1]) -> LocalFuture<'a, Result<Pushed, HostError>> {
        let acknowledged = ops
            .iter()
            .filter_map(|op| RecordId::parse(&op.id).ok())
            .collect();
        Box::pin(async move {
            Ok(Pushed {
                acknowledged,
                rejected: Vec::new(),
            })
        })
    }
    fn pull<'a>(&'a self, _: &'a str) -> LocalFuture<'a, Result<Pulled, HostError>> {
        let broken = *self == Portal::Broken;
        Box::pin(async move {
            if broken {
                return Err(HostError::Malformed(
                    "pull reply ops[3]: op \"op-1\" value: list item 1 has 2001 characters".into(),
                ));
            }
            Ok(Pulled::default())
        })
    }
    fn preferences_met(&self) -> LocalFuture<'_, Result<PreferencesMet, HostError>> {
        Box::pin(async {
            Ok(PreferencesMet {
                mentors: Vec::new(),
                held: vec![Held {
                    attribute: Attribute::Gender,
                    until: HELD_UNTIL,
                }],
            })
        })
    }
}

/// The widget's own styles, as the custom element puts them in its shadow root.
const CSS: &str = include_str!("../js/mentoring-widget.css");

struct Mounted {
    host: HtmlElement,
    shadow: web_sys::ShadowRoot,
    root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

/// The whole widget in `locale`, in a shadow root of a 360 px wide element, as on a phone.
async fn mounted(locale: Locale) -> Mounted {
    mounted_with(locale, Portal::Working(Role::Participant)).await
}

async fn mounted_with(locale: Locale, portal: Portal) -> Mounted {
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
    style.set_text_content(Some(CSS));
    shadow.append_child(&style).unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    shadow.append_child(&container).unwrap();

    let ready = Rc::new(std::cell::Cell::new(false));
    let flag = ready.clone();
    let services = Services {
        host: Rc::new(portal),
        store: Box::pin(async {
            // A device that holds the records above, and two saved goals and a private note
            // it cannot read.
            let unreadable = |kind: &'static str| UnreadableRecord {
                kind,
                reason: format!("{kind} broken"),
            };
            let device = MemoryStore {
                records: records(),
                unreadable: vec![
                    unreadable("goal"),
                    unreadable("goal"),
                    unreadable("private-note"),
                ],
                deleted_sessions: std::cell::RefCell::new(vec![deleted_session()]),
                // James changed his session after logging it.
                edited_sessions: vec![(rid("s-james"), Millis(BrowserClock.now().0 - 86_400_000))],
                ..MemoryStore::default()
            };
            Ok(Rc::new(device) as Rc<dyn RecordStore>)
        }),
        clock: Rc::new(BrowserClock),
        platform: Rc::new(QuietPlatform),
        locale,
        on_ready: Box::new(move || flag.set(true)),
        start: None,
    };
    let handle = leptos::mount::mount_to(container.clone(), move || app(services));
    until("the app to start", || ready.get()).await;
    let root: HtmlElement = container
        .query_selector(".mw-panel")
        .unwrap()
        .expect("the widget's root")
        .unchecked_into();
    // Synced (or failed to), and the directory's names arrived.
    let synced = match portal {
        Portal::Working(_) => locale.text(Text::AllSynced),
        Portal::Broken => locale.text(Text::SyncFailed),
    };
    let synced = synced.split('{').next().unwrap();
    until("the sync status", || text(&root).contains(synced)).await;
    sleep(20).await;
    Mounted {
        host,
        shadow,
        root,
        _handle: Box::new(handle),
    }
}

/// Types `value` into the field `selector` finds, as a person would.
fn type_in(root: &HtmlElement, selector: &str, value: &str) {
    let field = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no field {selector}"));
    Reflect::set(&field, &"value".into(), &value.into()).unwrap();
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

/// Every Latin-letter word a person could read or hear in the shadow root, outside
/// `ALLOWED`, with the text it is in.
fn english_words(shadow: &web_sys::ShadowRoot) -> Vec<String> {
    let mut found = Vec::new();
    for shown in visible_texts(shadow) {
        for word in shown.split(|c: char| !c.is_ascii_alphabetic()) {
            if !word.is_empty() && !ALLOWED.contains(&word) {
                found.push(format!("{word:?} in {shown:?}"));
            }
        }
    }
    found
}

fn no_english(m: &Mounted, screen: &str) {
    let found = english_words(&m.shadow);
    assert!(found.is_empty(), "{screen}: English left: {found:#?}");
}

/// Options naming people or programmes take their direction from the name, so a Latin name in
/// the right-to-left layout is cut at its end, not its start, in a narrow field.
fn names_read_from_their_start(m: &Mounted, selector: &str) {
    let options = common::all(&m.root, selector);
    assert!(!options.is_empty(), "no {selector}");
    for option in options {
        assert_eq!(
            option.get_attribute("dir").as_deref(),
            Some("auto"),
            "{}",
            option.outer_html()
        );
    }
}

#[wasm_bindgen_test]
async fn in_arabic_every_screen_is_right_to_left_with_no_english_left() {
    let m = mounted(AR).await;
    assert_eq!(m.root.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(m.root.get_attribute("lang").as_deref(), Some("ar"));
    // The direction is the widget's own: the host element and the page are left alone.
    assert_eq!(m.host.get_attribute("dir"), None);
    let html = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap();
    assert_ne!(html.get_attribute("dir").as_deref(), Some("rtl"));
    let computed = web_sys::window()
        .unwrap()
        .get_computed_style(&m.root)
        .unwrap()
        .unwrap();
    assert_eq!(computed.get_property_value("direction").unwrap(), "rtl");
    // The two unreadable goals are counted in the dual, the private note named as one.
    assert!(text(&m.root).contains("هدفان محفوظان"), "{}", text(&m.root));
    assert!(
        text(&m.root).contains("ملاحظة خاصة محفوظة واحدة"),
        "{}",
        text(&m.root)
    );

    no_english(&m, "My goals");
    // Her session planned a week ahead is among what needs her attention, in Arabic.
    let ahead = AR.format(Text::ReminderSessionAhead, &["James Okafor", "@"]);
    let ahead = ahead
        .split('@')
        .next()
        .unwrap()
        .trim_end_matches('\u{2068}');
    assert!(
        text(&m.root).contains(ahead),
        "{ahead} in {}",
        text(&m.root)
    );
    // My data, on the same screen: its heading and both downloads.
    let shown = text(&m.root);
    for key in [Text::MyData, Text::DownloadMyJson, Text::DownloadMyCsv] {
        assert!(shown.contains(AR.text(key)), "{key:?} in {shown}");
    }
    click(&m.root, AR.text(Text::NewSmartGoal)).await;
    no_english(&m, "New SMART goal, step 1");
    for step in 2..=5 {
        click(&m.root, AR.text(Text::NextStep)).await;
        no_english(&m, &format!("New SMART goal, step {step}"));
    }
    // Back points to the inline start: to the right in Arabic.
    let back = button(&m.root, AR.text(Text::BackToMyGoals));
    assert_eq!(
        before_transform(&back),
        "matrix(0.707107, -0.707107, 0.707107, 0.707107, 0, 0)"
    );
    // A goal its measure moves: the quick update of its current value instead of a slider.
    click(&m.root, AR.text(Text::BackToMyGoals)).await;
    assert!(text(&m.root).contains(AR.text(Text::ProgressFromMeasureRow)));
    click(
        &m.root,
        &AR.format(Text::EditGoalNamed, &["تقليل التذاكر المفتوحة"]),
    )
    .await;
    no_english(&m, "Goal editor, progress from the measure");
    let shown = text(&m.root);
    assert!(shown.contains(AR.text(Text::UpdateCurrent)), "{shown}");
    assert!(
        shown.contains(&AR.format(Text::MeasureNow, &["التذاكر المفتوحة"])),
        "{shown}"
    );
    assert!(
        shown.contains(AR.text(Text::ProgressSourceLegend)),
        "{shown}"
    );
    assert!(shown.contains(AR.text(Text::ProgressSourceHint)), "{shown}");

    click(&m.root, AR.text(Text::MyRelationships)).await;
    no_english(&m, "My relationships");
    let mentoring = AR.format(
        Text::RelationshipWith,
        &[AR.text(Text::KindMentoring), "James Okafor"],
    );
    let shown = text(&m.root);
    assert!(shown.contains(&mentoring), "{shown}");
    // Dates through Intl: the relationship's start, "5 يناير 2026".
    assert!(
        shown.contains(&AR.date(Date::parse("2026-01-05").unwrap())),
        "{shown}"
    );
    assert!(shown.contains("يناير"), "{shown}");
    // The coaching she was taken off, read back in Arabic too.
    assert!(shown.contains(AR.text(Text::EarlierPairings)), "{shown}");
    click(
        &m.root,
        &AR.format(Text::OpenEarlierPairing, &["Sofia Reyes"]),
    )
    .await;
    no_english(&m, "Earlier pairing");
    let shown = text(&m.root);
    assert!(shown.contains("جلسة المزاوجة السابقة"), "{shown}");
    assert!(shown.contains(AR.text(Text::EarlierPairingNote)), "{shown}");
    click(&m.root, AR.text(Text::BackToRelationships)).await;

    click(&m.root, &AR.format(Text::OpenRelationship, &[&mentoring])).await;
    no_english(&m, "Relationship");
    let shown = text(&m.root);
    // The session James changed after logging it says so, in Arabic.
    assert!(shown.contains(" · عُدّلت في "), "{shown}");
    // James logged the session in Dubai: the time there, named in Arabic.
    assert!(shown.contains("توقيت الخليج"), "{shown}");
    assert!(shown.contains(&AR.count(Text::CountMinutes, 60)), "{shown}");
    // The session still to come goes into a calendar in Arabic too: the button, its name
    // and the words in the file.
    let add = common::all(&m.root, "button")
        .into_iter()
        .find(|b| text(b).trim() == AR.text(Text::AddToCalendar))
        .expect("Add to calendar, in Arabic");
    let name = add.get_attribute("aria-label").unwrap_or_default();
    assert!(name.starts_with(AR.text(Text::AddToCalendar)), "{name}");
    let downloads = common::Downloads::catch();
    click(&m.root, &name).await;
    let files = downloads.files().await;
    let ics = files.first().map(|f| f.2.clone()).unwrap_or_default();
    // Without the isolates and no-break spaces the screen's text has: a calendar may show
    // them as boxes and copies them along.
    let summary = format!("جلسة {} مع James Okafor", AR.text(Text::KindMentoring));
    assert!(!ics.contains(['\u{2068}', '\u{2069}', '\u{a0}']), "{ics}");
    assert!(
        ics.replace("\r\n ", "")
            .contains(&format!("SUMMARY:{summary}\r\n")),
        "{ics}"
    );
    assert!(
        ics.contains(&format!("LOCATION:{}\r\n", AR.text(Text::Online))),
        "{ics}"
    );
    drop(downloads);

    click(
        &m.root,
        &AR.format(Text::EditGoalNamed, &["العرض على مجلس الإدارة"]),
    )
    .await;
    no_english(&m, "Goal editor");
    let shown = text(&m.root);
    assert!(shown.contains(AR.text(Text::TrackProgress)), "{shown}");
    // One change of progress since it was set: "تغيير واحد", the singular.
    assert!(shown.contains("(\u{2068}تغيير واحد\u{2069})"), "{shown}");

    click(&m.root, AR.text(Text::BackToRelationship)).await;
    click(&m.root, AR.text(Text::LogSession)).await;
    click(&m.root, AR.text(Text::AddActionItem)).await;
    no_english(&m, "Session log");
    names_read_from_their_start(&m, "[id^=mw-action-][id$=-owner] option");
    // An action item saved without its due date: what to do, in Arabic (not the parser's
    // English).
    type_in(&m.root, "[id^=mw-action-][id$=-text]", "حجز موعد التجربة");
    click(&m.root, AR.text(Text::SaveSession)).await;
    until("the missing date", || {
        text(&m.root).contains(AR.text(Text::DateRequired))
    })
    .await;
    no_english(&m, "Session log without a date");
    assert!(
        text(&m.root).contains("توقيت المملكة المتحدة"),
        "{}",
        text(&m.root)
    );

    click(&m.root, AR.text(Text::BackToRelationship)).await;
    click(&m.root, AR.text(Text::GiveFeedback)).await;
    click(&m.root, AR.text(Text::AddStrength)).await;
    no_english(&m, "Feedback");

    // Her feedback to James: its delete asked about, then opened to change it.
    click(&m.root, AR.text(Text::BackToRelationship)).await;
    let notes = text(&common::one(
        &m.root,
        "[aria-labelledby='mw-deleted-notes-heading']",
    ));
    assert!(notes.contains("ملاحظتي على الجلسة المحذوفة"), "{notes}");
    let named = |key: Text| {
        // The name is kept on one line in Arabic text (no-break spaces).
        let words = AR.format(key, &["James Okafor", ""]);
        let words = words
            .split("James\u{a0}Okafor")
            .next()
            .unwrap_or_default()
            .to_owned();
        common::all(&m.root, "button")
            .into_iter()
            .find(|b| {
                b.get_attribute("aria-label")
                    .is_some_and(|l| l.starts_with(&words) && l.contains("James\u{a0}Okafor"))
            })
            .unwrap_or_else(|| panic!("{key:?}"))
    };
    named(Text::DeleteFeedbackNamed).click();
    until("the question", || {
        text(&m.root).contains(AR.text(Text::YesDeleteFeedback))
    })
    .await;
    no_english(&m, "Relationship, deleting feedback asked about");
    named(Text::EditFeedbackNamed).click();
    until("the feedback being changed", || {
        text(&m.root).contains(&AR.format(Text::EditFeedbackTo, &["James Okafor"]))
    })
    .await;
    no_english(&m, "Feedback being changed");

    click(&m.root, AR.text(Text::BackToRelationship)).await;
    click(&m.root, AR.text(Text::WriteInLearningLog)).await;
    no_english(&m, "Learning log");

    // Her planned session opened to change it.
    click(&m.root, AR.text(Text::BackToRelationship)).await;
    // Its date comes after the words, set apart as an isolate.
    let edit = AR.format(Text::EditSessionOf, &[""]);
    let edit = edit.trim_end_matches(['\u{2068}', '\u{2069}']);
    common::all(&m.root, "button")
        .into_iter()
        .find(|b| {
            b.get_attribute("aria-label")
                .is_some_and(|l| l.starts_with(edit))
        })
        .expect("her session's Edit")
        .click();
    until("the session being changed", || {
        text(&m.root).contains(AR.text(Text::SaveChanges))
    })
    .await;
    no_english(&m, "Session log, a session being changed");

    click(&m.root, AR.text(Text::FindMentor)).await;
    until("Find a mentor or coach", || {
        text(&m.root).contains(AR.text(Text::SuggestionsHeading))
    })
    .await;
    // The portal holds her gender preference: said in Arabic, with the date from `Intl`.
    let held = AR.format(Text::PrefsHeldGender, &[&AR.date(HELD_UNTIL.utc_date())]);
    until("the held note", || text(&m.root).contains(&held)).await;
    no_english(&m, "Find a mentor or coach");
    names_read_from_their_start(&m, "#mw-programme option");
    // The first programme offered is the mentoring one (Find a mentor opens on mentoring),
    // which Amira has under way with James: the screen says so, naming him.
    let under_way = AR.format(Text::AlreadyInProgramme, &["James Okafor"]);
    assert!(text(&m.root).contains(&under_way), "{}", text(&m.root));
}

/// The programme admin's screens in Arabic (the admins' build): matching before and after a
/// run, a programme from HR with its health and dashboard (which this host does not offer, so
/// the host's refusal is said too), and a new programme saved empty (the core's refusals).
#[cfg(feature = "admin")]
#[wasm_bindgen_test]
async fn in_arabic_a_refusal_writes_its_numbers_as_the_counter_beside_the_field_does() {
    let m = mounted(AR).await;
    click(&m.root, AR.text(Text::NewSmartGoal)).await;
    type_in(&m.root, "#mw-goal-title", &"س".repeat(10_000));
    let (count, max) = (AR.number(10_000), AR.number(120));
    assert_eq!(count, "10,000");
    let counter = || {
        let shown = m
            .root
            .query_selector("#mw-goal-title-count")
            .unwrap()
            .unwrap();
        text(&shown.unchecked_into())
    };
    let expected = AR.format(Text::CharactersUsed, &[&count, &max]);
    until("the counter", || counter() == expected).await;
    let form = m.root.query_selector("form.mw-smart").unwrap().unwrap();
    form.dispatch_event(&web_sys::Event::new("submit").unwrap())
        .unwrap();
    let said = || {
        text(
            &m.root
                .query_selector("#mw-goal-title-error")
                .unwrap()
                .unwrap()
                .unchecked_into(),
        )
    };
    until("the title refused", || !said().is_empty()).await;
    assert_eq!(
        said(),
        AR.format(Text::RefusedTitleTooLong, &[&max, &count])
    );
}

#[wasm_bindgen_test]
async fn in_arabic_the_programme_admin_screens_have_no_english_left() {
    let m = mounted_with(AR, Portal::Working(Role::Admin)).await;
    assert_eq!(m.root.get_attribute("dir").as_deref(), Some("rtl"));
    click(&m.root, AR.text(Text::AdminMatching)).await;
    no_english(&m, "Matching");
    click(&m.root, AR.text(Text::RunMatching)).await;
    until("the run to finish", || {
        text(&m.root).contains(AR.text(Text::RunAgain))
    })
    .await;
    // Sofia paired with James, with the reasons.
    assert!(
        !common::all(&m.root, ".mw-pair").is_empty(),
        "{}",
        text(&m.root)
    );
    no_english(&m, "Matching, after a run");
    // Publishing asks first, saying how many it creates.
    common::one(&m.root, ".mw-publish").click();
    sleep(30).await;
    assert!(
        text(&m.root).contains(AR.text(Text::YesPublish)),
        "{}",
        text(&m.root)
    );
    no_english(&m, "Matching, publish asks first");
    click(&m.root, AR.text(Text::Cancel)).await;

    click(&m.root, AR.text(Text::AdminNav)).await;
    until("the dashboard's answer", || {
        text(&m.root).contains(AR.text(Text::HostNotOffered))
    })
    .await;
    assert!(
        text(&m.root).contains(AR.text(Text::ProgrammeFromHr)),
        "{}",
        text(&m.root)
    );
    no_english(&m, "Programme admin");

    click(&m.root, AR.text(Text::NewProgramme)).await;
    click(&m.root, AR.text(Text::SaveProgramme)).await;
    until("the refusals", || {
        !common::all(&m.root, ".mw-error").is_empty()
    })
    .await;
    no_english(&m, "New programme, saved empty");
}

#[wasm_bindgen_test]
async fn in_arabic_a_reply_the_widget_cannot_read_is_said_in_arabic() {
    let m = mounted_with(AR, Portal::Broken).await;
    let shown = text(&m.root);
    assert!(
        shown.contains(&AR.format(Text::SyncFailed, &[AR.text(Text::HostMalformed)])),
        "{shown}"
    );
    no_english(&m, "Sync failed");
}

#[wasm_bindgen_test]
async fn in_english_the_same_check_finds_english_and_the_layout_is_left_to_right() {
    // The check above can fail: the English widget is full of English words.
    let m = mounted(Locale::EnGb).await;
    assert_eq!(m.root.get_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(m.root.get_attribute("lang").as_deref(), Some("en-GB"));
    let found = english_words(&m.shadow);
    assert!(
        found.iter().any(|w| w.starts_with("\"goals\"")),
        "{found:#?}"
    );
    assert!(text(&m.root).contains("2 saved goals"), "{}", text(&m.root));
    click(&m.root, "New SMART goal").await;
    let back = button(&m.root, "Back to my goals");
    assert_eq!(
        before_transform(&back),
        "matrix(0.707107, 0.707107, -0.707107, 0.707107, 0, 0)"
    );
}

#[wasm_bindgen_test]
fn the_browsers_plural_rules_agree_with_the_native_ones() {
    for tag in ["ar-AE", "en-GB"] {
        for n in 0..=250 {
            assert_eq!(intl::plural(n, tag), cldr_plural(n, tag), "{tag} {n}");
        }
    }
}

#[wasm_bindgen_test]
fn dates_times_zones_and_numbers_come_from_intl_for_the_locale() {
    let day = Date::parse("2026-01-05").unwrap();
    assert_eq!(Locale::EnGb.date(day), "5 Jan 2026");
    assert_eq!(AR.date(day), "5 يناير 2026");
    // 10:30 UTC: 10:30 in London (GMT in winter), 14:30 in Dubai.
    let at = Millis(i64::from(day.0) * 86_400_000 + (10 * 60 + 30) * 60_000);
    assert_eq!(
        Locale::EnGb.date_time(at, "Europe/London"),
        "5 Jan 2026, 10:30"
    );
    assert_eq!(
        Locale::EnGb.date_time(at, "Asia/Dubai"),
        "5 Jan 2026, 14:30"
    );
    let dubai = AR.date_time(at, "Asia/Dubai");
    assert!(dubai.contains("يناير") && dubai.contains("2:30"), "{dubai}");
    // The status line's time of day, on the person's own clock.
    assert_eq!(Locale::EnGb.time_of_day(at, "Asia/Dubai"), "14:30");
    assert_eq!(Locale::EnGb.time_of_day(at, "Europe/London"), "10:30");
    // A zone the browser does not know: the UTC wall clock, said to be UTC.
    assert_eq!(
        Locale::EnGb.date_time(at, "Mars/Olympus"),
        "2026-01-05 10:30 UTC"
    );
    assert_eq!(Locale::EnGb.time_of_day(at, "Mars/Olympus"), "10:30 UTC");
    assert_eq!(AR.zone_name("Asia/Dubai"), "توقيت الخليج");
    assert_eq!(
        Locale::EnGb.zone_name("Europe/London"),
        "United Kingdom Time"
    );
    assert_eq!(Locale::EnGb.percent(33), "33%");
    let percent = AR.percent(33);
    assert!(percent.contains("33") && percent.contains('%'), "{percent}");
    assert_eq!(Locale::EnGb.number(12_345), "12,345");
    // ar-AE writes Latin digits, as the organisation's Arabic-speaking staff read them.
    assert_eq!(AR.number(12_345), "12,345");
}
