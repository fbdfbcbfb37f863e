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

use super::state::Actions;

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
