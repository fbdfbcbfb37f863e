//! The demo intranet page: www/index.html with the signed-in person filled in.

use crate::db::DirectoryPerson;

const TEMPLATE: &str = include_str!("../../www/index.html");

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Renders the page for `signed_in`, offering the seeded `people` to sign in as; `unknown` is
/// an id someone tried that is not in the directory.
pub fn render(
    signed_in: Option<&DirectoryPerson>,
    people: &[DirectoryPerson],
    unknown: Option<&str>,
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
    switcher.push_str("<ul class=\"people\">");
    for person in people {
        switcher.push_str(&format!(
            "<li><a href=\"/?as={id}\">{name}</a> <span class=\"role\">{role} · {location}</span></li>",
            id = escape(&person.id),
            name = escape(&person.name),
            role = escape(&person.role),
            location = escape(&person.location)
        ));
    }
    switcher.push_str("</ul>");
    TEMPLATE
        .replace("{{user}}", &user)
        .replace("{{people}}", &switcher)
}
