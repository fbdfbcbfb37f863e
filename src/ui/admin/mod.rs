//! Screens for a programme's admins only, compiled into the programme admins' build alone
//! (Cargo feature `admin`: participants never download them): matching (`matching`),
//! set-up and enrolment (`programme`), relationship health, the dashboard and exports
//! (`dashboard`). The navigation shows them only to a person who administers a programme
//! (`Programme::is_admin`, the rule `permissions::access` uses), and what they change is
//! checked again by the core and by the host.

mod dashboard;
mod matching;
mod programme;

pub use matching::{run_in_slices, MatchingScreen, SLICE_TARGET_MS};
pub use programme::AdminScreen;

use leptos::prelude::*;
use mentoring_core::matching::Enrolment;
use mentoring_core::{ProgrammeKind, RecordId};

use super::i18n::{counted_sides, Locale, Text};
use super::state::Actions;
use super::suggestions::directory_and_offsets;

/// Whether the signed-in person administers any programme (the core's `Programme::is_admin`):
/// only then are the admin tabs shown.
pub fn administers_any(actions: Actions) -> bool {
    let Some(me) = actions.me() else {
        return false;
    };
    actions
        .workspace
        .programmes()
        .iter()
        .any(|p| p.is_admin(&me))
}

/// The programme last chosen on Matching or Programme admin: each tab opens on it, so going
/// from one to the other keeps the programme. Provided with the screens (`provide_chosen`),
/// which outlive the tabs.
#[derive(Clone, Copy)]
pub struct ChosenProgramme(pub RwSignal<Option<RecordId>>);

/// Gives the screens a place for the programme chosen on the admin tabs.
pub fn provide_chosen() {
    provide_context(ChosenProgramme(RwSignal::new(None)));
}

/// The programme chosen on the admin tabs; a tab mounted without the screens around it
/// (a test) gets a place of its own.
fn chosen_programme() -> RwSignal<Option<RecordId>> {
    use_context::<ChosenProgramme>().map_or_else(|| RwSignal::new(None), |chosen| chosen.0)
}

/// Who takes part in `programme`, in words: the cohort a matching run starts from
/// (`Enrolment::for_programme`: the enrolment list, or the directory when nobody is on it),
/// so that the programme screen and matching count the same people. `None` for a programme
/// this device does not know, or one with nobody at all.
fn taking_part(actions: Actions, locale: Locale, programme: &RecordId) -> Option<String> {
    let programme = (actions.workspace.programmes().into_iter()).find(|p| &p.id == programme)?;
    let (directory, _) = directory_and_offsets(actions);
    let enrolments = actions.workspace.enrolments();
    let relationships = actions.workspace.relationships.get();
    let cohort = Enrolment::for_programme(
        &directory,
        &programme,
        (&enrolments, &relationships),
        actions.today(),
    );
    if cohort.mentees.is_empty() && cohort.mentors.is_empty() {
        return None;
    }
    let key = match (cohort.from_directory, programme.kind) {
        (true, ProgrammeKind::Coaching) => Text::TakingPartFromDirectoryCoaching,
        (true, ProgrammeKind::Mentoring) => Text::TakingPartFromDirectory,
        (false, _) => Text::TakingPart,
    };
    let (guided, guiding) = counted_sides(programme.kind);
    let counts = [
        locale.count(guided, cohort.mentees.len()),
        locale.count(guiding, cohort.mentors.len()),
    ];
    Some(locale.format(key, &[&counts[0], &counts[1]]))
}
