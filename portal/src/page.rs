//! The demo intranet page: www/index.html with the signed-in person filled in.

use crate::db::DirectoryPerson;

/// The people the README introduces, listed first.
const FEATURED: [&str; 4] = ["amira", "james", "sofia", "hr-admin"];

const TEMPLATE: &str = include_str!("../../www/index.html");

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Which build of the widget the page loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Build {
    /// What every employee downloads.
    Participant,
    /// The same plus the programme admin screens, for programme admins.
    Admin,
}

impl Build {
    fn module(self) -> &'static str {
        match self {
            Build::Participant => "mentoring-widget",
            Build::Admin => "mentoring-widget-admin",
        }
    }
}

/// Renders the page for `signed_in`, offering the seeded `people` to sign in as; `unknown` is
/// an id someone tried that is not in the directory.
pub fn render(
    signed_in: Option<&DirectoryPerson>,
    people: &[DirectoryPerson],
    unknown: Option<&str>,
    build: Build,
) -> String {
    let user = match signed_in {
        Some(person) => format!(
            "Signed in as <strong>{}</strong> <span class=\"role\">{}, {}</span>",
            escape(&person.name),
            escape(&person.role),
            escape(&person.location)
        ),
        None => "Not signed in".to_owned(),
    };
    let mut switcher = String::new();
    if let Some(id) = unknown {
        switcher.push_str(&format!(
            "<p class=\"notice\" role=\"alert\">There is no demo person called “{}”. Pick one below.</p>",
            escape(id)
        ));
    }
    let link = |person: &DirectoryPerson| {
        format!(
            "<li><a href=\"/?as={id}\">{name}</a> <span class=\"role\">{role} · {location}</span></li>",
            id = escape(&person.id),
            name = escape(&person.name),
            role = escape(&person.role),
            location = escape(&person.location)
        )
    };
    let (featured, others): (Vec<_>, Vec<_>) = people
        .iter()
        .partition(|p| FEATURED.contains(&p.id.as_str()));
    switcher.push_str("<ul class=\"people\">");
    switcher.extend(featured.into_iter().map(link));
    switcher.push_str("</ul>");
    if !others.is_empty() {
        switcher.push_str(&format!(
            "<details><summary>Everyone else ({})</summary><ul class=\"people\">",
            others.len()
        ));
        switcher.extend(others.into_iter().map(link));
        switcher.push_str("</ul></details>");
    }
    TEMPLATE
        .replace("{{widget}}", build.module())
        .replace("{{user}}", &user)
        .replace("{{people}}", &switcher)
}
