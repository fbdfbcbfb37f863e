//! Screens for programme admins only: set-up and enrolment (`programme`), relationship
//! health, the dashboard and exports (`dashboard`). Everything admin-only lives in this
//! module and is reached from one place in `screens.rs`, so an admin-only build can keep it.

mod dashboard;
mod programme;

pub use programme::AdminScreen;

use super::state::Actions;

/// Whether the signed-in person administers any programme (the core's `Programme::is_admin`):
/// only then is the admin tab shown.
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
