//! What needs a participant's attention: their own action items and goals coming due or
//! overdue, their relationships that have gone quiet, and their programme admins' recent
//! nudges. The signed-in person's device holds
//! everything this needs, so it works offline; the time is passed in, never read.
//!
//! Only what the person may see is asked: sessions through `session::sessions_of`, and only
//! the items and goals they own. A partner's goals, notes, feedback and learning are never
//! inputs, so nothing of theirs can surface here. When a pair is quiet is the health rule's
//! (`health::quiet_signal`), the same one the programme admins' dashboard applies.

use crate::health::{end_signal, quiet_signal, HealthSettings, Nudge, Signal};
use crate::permissions::{may_see, Record, Viewer};
use crate::session::{next_agenda, sessions_of};
use crate::{Date, Goal, Lifecycle, Millis, Programme, RecordId, Relationship, Session};

/// An open action item is mentioned from this many days before it is due.
pub const ACTION_DUE_WITHIN_DAYS: i32 = 7;
/// A goal still being worked on is mentioned from this many days before it is due.
pub const GOAL_DUE_WITHIN_DAYS: i32 = 14;
/// A programme admin's nudge is mentioned for this many days after it was sent.
pub const NUDGE_SHOWN_DAYS: i32 = 14;

/// When something is due, seen from today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Due {
    pub on: Date,
    /// Days from today to `on`: 0 when due today, negative when overdue.
    pub in_days: i32,
}

impl Due {
    fn on(on: Date, today: Date) -> Due {
        Due {
            on,
            in_days: today.days_until(on),
        }
    }
}

/// One thing that needs the person's attention. Values only: screens say it in the reader's
/// language.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Reminder {
    /// An open action item the person owns, from a session they may see.
    ActionItem {
        relationship: RecordId,
        /// The person's partner in that relationship.
        partner: RecordId,
        item: RecordId,
        text: String,
        due: Due,
    },
    /// One of the person's own goals, neither achieved nor dropped.
    Goal {
        goal: RecordId,
        relationship: Option<RecordId>,
        title: String,
        due: Due,
        /// At 100 % but not marked achieved: what is left is to say so.
        reached: bool,
    },
    /// An active relationship of the person's with no session for the health rule's quiet
    /// weeks: none since it started (`last_session` is `None`), or none since the last one.
    Quiet {
        relationship: RecordId,
        partner: RecordId,
        weeks: u32,
        last_session: Option<Date>,
        /// The day the pair became quiet.
        since: Date,
    },
    /// A relationship proposed with the person as the coach or mentor (a mentee asked them, or
    /// matching paired them): the programme's admins start it, and the person may decline.
    Proposed {
        relationship: RecordId,
        /// The mentee or coachee proposed.
        partner: RecordId,
        /// The day it was proposed to start.
        starts: Date,
    },
    /// A relationship of the person's under way (active or paused) within its programme's
    /// days of its planned end, or past it: time to agree what comes next, complete it, or ask
    /// its admins to extend it.
    Ending {
        relationship: RecordId,
        partner: RecordId,
        planned_end: Date,
        /// Whether the planned end has passed.
        past: bool,
        /// The day the reminder began: the programme's days before the planned end.
        since: Date,
    },
    /// The latest nudge a programme admin sent the person about a relationship of theirs that
    /// is not over, in the last [`NUDGE_SHOWN_DAYS`] days (the host may also have emailed it).
    Nudge {
        nudge: RecordId,
        relationship: RecordId,
        partner: RecordId,
        /// The signals it is about, each by its key (`health::NUDGE_REASONS`).
        reasons: Vec<String>,
        on: Date,
    },
}

impl Reminder {
    /// The day it called for attention: the due day, or the day the pair became quiet.
    /// The earlier, the more urgent.
    fn since(&self) -> Date {
        match self {
            Reminder::ActionItem { due, .. } | Reminder::Goal { due, .. } => due.on,
            Reminder::Quiet { since, .. } | Reminder::Ending { since, .. } => *since,
            Reminder::Proposed { starts, .. } => *starts,
            Reminder::Nudge { on, .. } => *on,
        }
    }

    fn kind_order(&self) -> u8 {
        match self {
            Reminder::ActionItem { .. } => 0,
            Reminder::Goal { .. } => 1,
            Reminder::Quiet { .. } => 2,
            Reminder::Ending { .. } => 3,
            Reminder::Proposed { .. } => 4,
            Reminder::Nudge { .. } => 5,
        }
    }

    /// The record it is about: the action item, the goal or the relationship.
    pub fn id(&self) -> &RecordId {
        match self {
            Reminder::ActionItem { item, .. } => item,
            Reminder::Goal { goal, .. } => goal,
            Reminder::Quiet { relationship, .. }
            | Reminder::Ending { relationship, .. }
            | Reminder::Proposed { relationship, .. } => relationship,
            Reminder::Nudge { nudge, .. } => nudge,
        }
    }
}

/// `me`'s reminders on `today`, the most urgent first: whatever called for attention
/// earliest (a due day, or the day a pair became quiet), then action items before goals
/// before relationships, then by id, so every device lists them the same way. `day_of` gives
/// an instant's date on `me`'s own calendar, as `today` is: a session at 21:30 UTC is on the
/// next day in Dubai. A pair is quiet by its programme's own settings among `programmes`
/// (`HealthSettings::of`), as on its admins' health list.
#[allow(clippy::too_many_arguments)]
pub fn reminders(
    me: &RecordId,
    relationships: &[Relationship],
    goals: &[Goal],
    sessions: &[Session],
    nudges: &[Nudge],
    today: Date,
    day_of: &dyn Fn(Millis) -> Date,
    programmes: &[Programme],
) -> Vec<Reminder> {
    let viewer = Viewer {
        person: me,
        admin_of: &[],
    };
    let mut list = Vec::new();
    let mine = relationships
        .iter()
        .filter(|r| !r.lifecycle.is_over() && may_see(viewer, Record::Relationship(r)));
    for r in mine {
        let Some(partner) = r.partner_of(me) else {
            continue;
        };
        if r.lifecycle == Lifecycle::Proposed && &r.mentor == me {
            list.push(Reminder::Proposed {
                relationship: r.id.clone(),
                partner: partner.clone(),
                starts: r.starts,
            });
        }
        let seen = sessions_of(sessions, r, me);
        for item in next_agenda(seen.iter().copied()) {
            let due = Due::on(item.due, today);
            if &item.owner == me && due.in_days <= ACTION_DUE_WITHIN_DAYS {
                list.push(Reminder::ActionItem {
                    relationship: r.id.clone(),
                    partner: partner.clone(),
                    item: item.id.clone(),
                    text: item.text.clone(),
                    due,
                });
            }
        }
        let latest_nudge = nudges
            .iter()
            .filter(|n| n.relationship == r.id && may_see(viewer, Record::Nudge(n)))
            .filter(|n| day_of(n.at).days_until(today) <= NUDGE_SHOWN_DAYS)
            .max_by_key(|n| (n.at, &n.id));
        if let Some(n) = latest_nudge {
            list.push(Reminder::Nudge {
                nudge: n.id.clone(),
                relationship: r.id.clone(),
                partner: partner.clone(),
                reasons: n.reasons().map(str::to_owned).collect(),
                on: day_of(n.at),
            });
        }
        // `sessions_of` lists the most recent first.
        let last_session = seen.first().map(|s| day_of(s.at));
        let settings = HealthSettings::of(programmes, &r.programme);
        let under_way = matches!(r.lifecycle, Lifecycle::Active | Lifecycle::Paused);
        if under_way && end_signal(r, today, settings).is_some() {
            list.push(Reminder::Ending {
                relationship: r.id.clone(),
                partner: partner.clone(),
                planned_end: r.planned_end,
                past: r.planned_end < today,
                since: r.planned_end.add_days(-settings.ending_within_days),
            });
        }
        if let Some(signal) = quiet_signal(r, last_session, today, settings) {
            let (Signal::NoSessionYet { weeks } | Signal::NoSessionFor { weeks }) = signal else {
                continue;
            };
            let quiet_from = last_session.unwrap_or(r.starts);
            list.push(Reminder::Quiet {
                relationship: r.id.clone(),
                partner: partner.clone(),
                weeks,
                last_session,
                since: quiet_from.add_days(settings.quiet_days()),
            });
        }
    }
    for goal in goals.iter().filter(|g| &g.owner == me && g.is_open()) {
        let Some(due) = goal.due.map(|on| Due::on(on, today)) else {
            continue;
        };
        if due.in_days <= GOAL_DUE_WITHIN_DAYS {
            list.push(Reminder::Goal {
                goal: goal.id.clone(),
                relationship: goal.relationship.clone(),
                title: goal.title.as_str().to_owned(),
                due,
                reached: goal.is_reached(),
            });
        }
    }
    crate::order::sort_by(&mut list, |a, b| {
        (a.since(), a.kind_order(), a.id()).cmp(&(b.since(), b.kind_order(), b.id()))
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{ActionItem, Grow, Place};
    use crate::{GoalStatus, Lifecycle, Millis, Progress, RelationshipKind, Relevance, Title};

    const DAY: i64 = 86_400_000;
    /// 2026-03-02.
    const TODAY: Date = Date(20_514);

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn relationship(rel: &str, mentor: &str, mentee: &str) -> Relationship {
        Relationship {
            id: id(rel),
            kind: RelationshipKind::Mentoring,
            programme: id("prog"),
            mentor: id(mentor),
            mentee: id(mentee),
            purpose: String::new(),
            ground_rules: String::new(),
            starts: TODAY.add_days(-60),
            planned_end: TODAY.add_days(200),
            lifecycle: Lifecycle::Active,
            target_role: None,
        }
    }

    fn item(n: &str, owner: &str, due_in: i32, done: bool) -> ActionItem {
        ActionItem {
            id: id(n),
            text: format!("Action {n}"),
            owner: id(owner),
            due: TODAY.add_days(due_in),
            done,
        }
    }

    /// A session of `rel` between `author` and `partner`, `days_ago` days before today.
    fn session(
        n: &str,
        rel: &str,
        author: &str,
        partner: &str,
        days_ago: i32,
        actions: Vec<ActionItem>,
    ) -> Session {
        Session {
            id: id(n),
            relationship: id(rel),
            author: id(author),
            partner: Some(id(partner)),
            at: Millis(i64::from(TODAY.add_days(-days_ago).0) * DAY + 10 * 3_600_000),
            time_zone: "Europe/London".into(),
            minutes: 60,
            place: Place::Online,
            grow: Grow::default(),
            skills: Default::default(),
            actions,
            goals: vec![],
        }
    }

    fn goal(n: &str, owner: &str, due_in: Option<i32>, status: GoalStatus) -> Goal {
        Goal {
            id: id(n),
            owner: id(owner),
            relationship: Some(id("rel")),
            title: Title::parse(&format!("Goal {n}")).unwrap(),
            measure: None,
            due: due_in.map(|d| TODAY.add_days(d)),
            relevance: Relevance::default(),
            milestones: vec![],
            manual_progress: Progress::default(),
            status,
            history: vec![],
            created_at: Millis(0),
            updated_at: Millis(0),
        }
    }

    fn of(
        me: &str,
        relationships: &[Relationship],
        goals: &[Goal],
        sessions: &[Session],
    ) -> Vec<Reminder> {
        reminders(
            &id(me),
            relationships,
            goals,
            sessions,
            &[],
            TODAY,
            &Millis::utc_date,
            &[],
        )
    }

    fn nudge(n: &str, rel: &str, to: &str, days_ago: i64) -> Nudge {
        Nudge {
            id: id(n),
            programme: id("prog"),
            relationship: id(rel),
            to: id(to),
            reason: "no-session,past-planned-end".into(),
            by: id("hr-admin"),
            at: Millis(i64::from(TODAY.0) * DAY - days_ago * DAY + 3_600_000),
        }
    }

    #[test]
    fn the_latest_recent_nudge_to_me_is_mentioned_with_every_signal_and_none_to_my_partner_or_an_ended_pair(
    ) {
        let (mut relationships, sessions) = pair_met_recently(Vec::new());
        let mut ended = relationship("over", "sofia", "amira");
        ended.lifecycle = Lifecycle::Completed;
        relationships.push(ended);
        let nudges = [
            nudge("n-old", "rel", "amira", 15),
            nudge("n-1", "rel", "amira", 14),
            nudge("n-2", "rel", "amira", 2),
            nudge("n-his", "rel", "james", 1),
            nudge("n-over", "over", "amira", 1),
        ];
        let of_me = |me: &str, nudges: &[Nudge]| {
            reminders(
                &id(me),
                &relationships,
                &[],
                &sessions,
                nudges,
                TODAY,
                &Millis::utc_date,
                &[],
            )
        };
        assert_eq!(
            of_me("amira", &nudges),
            [Reminder::Nudge {
                nudge: id("n-2"),
                relationship: id("rel"),
                partner: id("james"),
                reasons: vec!["no-session".into(), "past-planned-end".into()],
                on: TODAY.add_days(-2),
            }]
        );
        // Fourteen days on, it is still said; fifteen, not.
        assert_eq!(of_me("amira", &nudges[1..2]).len(), 1);
        assert!(of_me("amira", &nudges[..1]).is_empty());
        let his = of_me("james", &nudges);
        assert!(
            matches!(his.as_slice(), [Reminder::Nudge { nudge, .. }] if nudge == &id("n-his")),
            "{his:?}"
        );
    }

    #[test]
    fn days_are_on_my_own_calendar_as_today_is() {
        // 21:30 UTC is already the next day in Dubai (UTC+4 all year).
        let late_on =
            |days_ago: i64| Millis(i64::from(TODAY.0 - days_ago as i32) * DAY + 77_400_000);
        let dubai = |at: Millis| Millis(at.0 + 4 * 3_600_000).utc_date();
        let (relationships, mut sessions) = pair_met_recently(Vec::new());
        let nudge = Nudge {
            at: late_on(2),
            ..nudge("n-late", "rel", "amira", 0)
        };
        // The last session 29 UTC days ago is 28 days ago in Dubai: quiet in both (28 days is
        // the threshold), but since a different day.
        sessions[0].at = late_on(29);
        let of_me = |day_of: &dyn Fn(Millis) -> Date| {
            reminders(
                &id("amira"),
                &relationships,
                &[],
                &sessions,
                std::slice::from_ref(&nudge),
                TODAY,
                day_of,
                &[],
            )
        };
        let days = |list: Vec<Reminder>| -> Vec<(u8, Date)> {
            list.iter()
                .map(|r| match r {
                    Reminder::Nudge { on, .. } => (0, *on),
                    Reminder::Quiet { last_session, .. } => (1, last_session.unwrap()),
                    other => panic!("{other:?}"),
                })
                .collect()
        };
        let mut in_dubai = days(of_me(&dubai));
        in_dubai.sort();
        assert_eq!(
            in_dubai,
            [(0, TODAY.add_days(-1)), (1, TODAY.add_days(-28))]
        );
        let mut in_utc = days(of_me(&Millis::utc_date));
        in_utc.sort();
        assert_eq!(in_utc, [(0, TODAY.add_days(-2)), (1, TODAY.add_days(-29))]);
    }

    /// The pair met 3 days ago, so it is not quiet.
    fn pair_met_recently(actions: Vec<ActionItem>) -> (Vec<Relationship>, Vec<Session>) {
        (
            vec![relationship("rel", "james", "amira")],
            vec![session("s1", "rel", "james", "amira", 3, actions)],
        )
    }

    fn action_ids(list: &[Reminder]) -> Vec<&str> {
        list.iter()
            .filter_map(|r| match r {
                Reminder::ActionItem { item, .. } => Some(item.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn my_open_action_items_due_within_seven_days_or_overdue_are_mentioned() {
        let (rels, sessions) = pair_met_recently(vec![
            item("a-overdue", "amira", -2, false),
            item("a-today", "amira", 0, false),
            item("a-7", "amira", 7, false),
            item("a-8", "amira", 8, false),
            item("a-done", "amira", -1, true),
            item("a-his", "james", -3, false),
        ]);
        let list = of("amira", &rels, &[], &sessions);
        assert_eq!(action_ids(&list), ["a-overdue", "a-today", "a-7"]);
        assert_eq!(
            list[0],
            Reminder::ActionItem {
                relationship: id("rel"),
                partner: id("james"),
                item: id("a-overdue"),
                text: "Action a-overdue".into(),
                due: Due {
                    on: TODAY.add_days(-2),
                    in_days: -2,
                },
            }
        );
        // James sees his own item, not amira's.
        assert_eq!(action_ids(&of("james", &rels, &[], &sessions)), ["a-his"]);
    }

    #[test]
    fn items_from_sessions_i_may_not_see_are_never_mentioned() {
        let mut rels = vec![relationship("rel", "james", "amira")];
        // Sofia's relationship, with an item naming amira: amira is not in it.
        rels.push(relationship("rel-other", "sofia", "omar"));
        let sessions = vec![
            session("s1", "rel", "james", "amira", 3, vec![]),
            // Logged with the earlier mentee: what was said (and agreed) is not amira's.
            session(
                "s-before",
                "rel",
                "james",
                "layla",
                40,
                vec![item("a-before", "amira", -1, false)],
            ),
            session(
                "s-other",
                "rel-other",
                "sofia",
                "omar",
                3,
                vec![item("a-other", "amira", -1, false)],
            ),
        ];
        assert!(action_ids(&of("amira", &rels, &[], &sessions)).is_empty());
    }

    #[test]
    fn my_goals_due_within_fourteen_days_or_overdue_are_mentioned_until_achieved_or_dropped() {
        let (rels, sessions) = pair_met_recently(vec![]);
        let goals = vec![
            goal("g-overdue", "amira", Some(-10), GoalStatus::AtRisk),
            goal("g-14", "amira", Some(14), GoalStatus::OnTrack),
            goal("g-15", "amira", Some(15), GoalStatus::OnTrack),
            goal("g-no-date", "amira", None, GoalStatus::OnTrack),
            goal("g-achieved", "amira", Some(-1), GoalStatus::Achieved),
            goal("g-dropped", "amira", Some(1), GoalStatus::Dropped),
            // The partner's goal in our relationship: amira follows it, but it is not hers.
            goal("g-james", "james", Some(1), GoalStatus::OnTrack),
        ];
        let list = of("amira", &rels, &goals, &sessions);
        let ids: Vec<&str> = list.iter().map(|r| r.id().as_str()).collect();
        assert_eq!(ids, ["g-overdue", "g-14"]);
        assert_eq!(
            list[1],
            Reminder::Goal {
                goal: id("g-14"),
                relationship: Some(id("rel")),
                title: "Goal g-14".into(),
                due: Due {
                    on: TODAY.add_days(14),
                    in_days: 14,
                },
                reached: false,
            }
        );
    }

    #[test]
    fn a_goal_past_due_at_100_percent_is_mentioned_as_ready_to_mark_achieved() {
        let (rels, sessions) = pair_met_recently(vec![]);
        let mut reached = goal("g-reached", "amira", Some(-3), GoalStatus::OnTrack);
        reached.manual_progress = Progress::new(100).unwrap();
        let mut late = goal("g-late", "amira", Some(-3), GoalStatus::OnTrack);
        late.manual_progress = Progress::new(99).unwrap();
        let list = of("amira", &rels, &[reached, late], &sessions);
        let reached_flags: Vec<(&str, bool)> = (list.iter())
            .filter_map(|r| match r {
                Reminder::Goal { goal, reached, .. } => Some((goal.as_str(), *reached)),
                _ => None,
            })
            .collect();
        assert_eq!(reached_flags, [("g-late", false), ("g-reached", true)]);
    }

    #[test]
    fn a_pair_is_quiet_by_the_health_rule() {
        let settings = HealthSettings::default();
        let quiet = settings.quiet_days();
        let rels = vec![relationship("rel", "james", "amira")];
        // The last session exactly the quiet days ago: quiet, as for the admins.
        let at_threshold = vec![session("s1", "rel", "james", "amira", quiet, vec![])];
        assert_eq!(
            of("amira", &rels, &[], &at_threshold),
            [Reminder::Quiet {
                relationship: id("rel"),
                partner: id("james"),
                weeks: settings.quiet_weeks,
                last_session: Some(TODAY.add_days(-quiet)),
                since: TODAY,
            }]
        );
        let a_day_less = vec![session("s1", "rel", "james", "amira", quiet - 1, vec![])];
        assert_eq!(of("amira", &rels, &[], &a_day_less), []);
        // A session planned ahead counts: the pair has booked its next meeting.
        let booked = vec![
            session("s1", "rel", "james", "amira", 50, vec![]),
            session("s2", "rel", "james", "amira", -5, vec![]),
        ];
        assert_eq!(of("amira", &rels, &[], &booked), []);
        // No session at all, 60 days after the start.
        assert_eq!(
            of("james", &rels, &[], &[]),
            [Reminder::Quiet {
                relationship: id("rel"),
                partner: id("amira"),
                weeks: 8,
                last_session: None,
                since: TODAY.add_days(-60 + quiet),
            }]
        );
        // Only active pairs: a paused or ended one is not nagged about.
        for lifecycle in [Lifecycle::Paused, Lifecycle::Completed, Lifecycle::Proposed] {
            let mut r = rels[0].clone();
            r.lifecycle = lifecycle.clone();
            assert_eq!(of("amira", &[r], &[], &[]), [], "{lifecycle:?}");
        }
    }

    #[test]
    fn a_pair_near_or_past_its_planned_end_is_reminded_by_its_programmes_days() {
        let ending = |planned_in: i32, lifecycle: Lifecycle| Relationship {
            planned_end: TODAY.add_days(planned_in),
            lifecycle,
            ..relationship(&format!("rel-{planned_in}"), "james", "amira")
        };
        let rels = vec![
            ending(10, Lifecycle::Active),
            ending(-3, Lifecycle::Paused),
            ending(20, Lifecycle::Active),
            // Not started yet: nothing to wind up.
            ending(5, Lifecycle::Proposed),
        ];
        let sessions: Vec<Session> = (rels.iter())
            .map(|r| {
                session(
                    &format!("s-{}", r.id),
                    r.id.as_str(),
                    "james",
                    "amira",
                    1,
                    vec![],
                )
            })
            .collect();
        let ending_ones = |programmes: &[crate::Programme]| -> Vec<(RecordId, Date, Date)> {
            reminders(
                &id("amira"),
                &rels,
                &[],
                &sessions,
                &[],
                TODAY,
                &Millis::utc_date,
                programmes,
            )
            .into_iter()
            .filter_map(|r| match r {
                Reminder::Ending {
                    relationship,
                    planned_end,
                    since,
                    past,
                    ..
                } => {
                    assert_eq!(past, planned_end < TODAY);
                    Some((relationship, planned_end, since))
                }
                _ => None,
            })
            .collect()
        };
        // The default 14 days: the one ending in 10 days and the one 3 days past it, the
        // longest called for first.
        assert_eq!(
            ending_ones(&[]),
            [
                (id("rel--3"), TODAY.add_days(-3), TODAY.add_days(-17)),
                (id("rel-10"), TODAY.add_days(10), TODAY.add_days(-4)),
            ]
        );
        // A programme warning 30 days ahead reminds the one ending in 20 days too.
        let mut early = crate::Programme::new(
            id("prog"),
            crate::ProgrammeKind::Mentoring,
            "Early",
            TODAY.add_days(-90),
        );
        early.health.ending_within_days = 30;
        assert_eq!(ending_ones(std::slice::from_ref(&early)).len(), 3);
    }

    #[test]
    fn a_pair_is_quiet_by_its_own_programmes_settings() {
        let rels = vec![
            relationship("rel", "james", "amira"),
            Relationship {
                programme: id("prog-other"),
                ..relationship("rel-b", "sofia", "amira")
            },
        ];
        // Both pairs last met 15 days ago: quiet by a two-week programme, not by the default
        // four weeks of a programme that set none, or one this device does not know.
        let sessions = vec![
            session("s1", "rel", "james", "amira", 15, vec![]),
            session("s2", "rel-b", "sofia", "amira", 15, vec![]),
        ];
        let mut brisk = crate::Programme::new(
            id("prog"),
            crate::ProgrammeKind::Mentoring,
            "Brisk",
            TODAY.add_days(-90),
        );
        brisk.health.quiet_weeks = 2;
        let quiet = |programmes: &[crate::Programme]| -> Vec<RecordId> {
            reminders(
                &id("amira"),
                &rels,
                &[],
                &sessions,
                &[],
                TODAY,
                &Millis::utc_date,
                programmes,
            )
            .into_iter()
            .filter_map(|r| match r {
                Reminder::Quiet {
                    relationship,
                    weeks,
                    since,
                    ..
                } => {
                    assert_eq!((weeks, since), (2, TODAY.add_days(-1)));
                    Some(relationship)
                }
                _ => None,
            })
            .collect()
        };
        assert_eq!(quiet(std::slice::from_ref(&brisk)), [id("rel")]);
        assert_eq!(quiet(&[]), Vec::<RecordId>::new());
    }

    #[test]
    fn a_session_with_the_earlier_pair_does_not_count_for_the_successor() {
        // Amira replaced layla: the session logged with layla is not amira's to see, so for
        // her the pair has had no session yet.
        let rels = vec![relationship("rel", "james", "amira")];
        let sessions = vec![session("s-before", "rel", "james", "layla", 3, vec![])];
        assert!(matches!(
            of("amira", &rels, &[], &sessions).as_slice(),
            [Reminder::Quiet {
                last_session: None,
                ..
            }]
        ));
        assert_eq!(of("james", &rels, &[], &sessions), []);
    }

    #[test]
    fn someone_elses_relationships_are_never_mentioned() {
        let rels = vec![relationship("rel-other", "sofia", "omar")];
        let goals = vec![goal("g-omar", "omar", Some(0), GoalStatus::OnTrack)];
        assert_eq!(of("amira", &rels, &goals, &[]), []);
    }

    #[test]
    fn the_most_urgent_come_first_and_ties_go_by_id() {
        let settings = HealthSettings::default();
        let mut rels = vec![
            relationship("rel", "james", "amira"),
            relationship("rel-b", "sofia", "amira"),
        ];
        // rel-b: last session 30 days ago, so quiet since 2 days ago.
        rels[1].starts = TODAY.add_days(-100);
        let sessions = vec![
            session(
                "s1",
                "rel",
                "james",
                "amira",
                3,
                vec![
                    item("a-2", "amira", 5, false),
                    item("a-1", "amira", 5, false),
                    item("a-late", "amira", -1, false),
                ],
            ),
            session("s2", "rel-b", "sofia", "amira", 30, vec![]),
        ];
        let goals = vec![
            goal("g-5b", "amira", Some(5), GoalStatus::OnTrack),
            goal("g-late", "amira", Some(-9), GoalStatus::OnTrack),
            goal("g-5a", "amira", Some(5), GoalStatus::AtRisk),
        ];
        let list = of("amira", &rels, &goals, &sessions);
        let ids: Vec<&str> = list.iter().map(|r| r.id().as_str()).collect();
        assert_eq!(
            ids,
            ["g-late", "rel-b", "a-late", "a-1", "a-2", "g-5a", "g-5b"],
            "quiet since {}",
            TODAY.add_days(30 - settings.quiet_days())
        );
        let mut shuffled = goals.clone();
        shuffled.reverse();
        let mut shuffled_sessions = sessions.clone();
        shuffled_sessions.reverse();
        assert_eq!(of("amira", &rels, &shuffled, &shuffled_sessions), list);
    }

    #[test]
    fn a_mentor_proposed_for_a_pair_is_told_and_its_mentee_is_not_nagged() {
        let mut proposed = relationship("rel-new", "james", "amira");
        proposed.lifecycle = Lifecycle::Proposed;
        proposed.starts = TODAY.add_days(3);
        let rels = [proposed];
        let for_james = of("james", &rels, &[], &[]);
        assert_eq!(
            for_james,
            [Reminder::Proposed {
                relationship: id("rel-new"),
                partner: id("amira"),
                starts: TODAY.add_days(3),
            }]
        );
        assert!(
            of("amira", &rels, &[], &[]).is_empty(),
            "waiting is not hers to act on"
        );
        let mut started = rels[0].clone();
        started.lifecycle = Lifecycle::Active;
        assert!(!of("james", &[started], &[], &[])
            .iter()
            .any(|r| matches!(r, Reminder::Proposed { .. })));
    }
}
