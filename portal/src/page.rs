//! The demo intranet page: www/index.html with the signed-in person filled in, and the
//! widget in the language the visitor picked (`?lang=ar`). The page's own chrome stays in
//! English, as a host's would: the widget sets its direction on its own root, not the page's.

use crate::db::DirectoryPerson;

/// The people the README introduces, listed first.
const FEATURED: [&str; 4] = ["amira", "james", "sofia", "hr-admin"];

const TEMPLATE: &str = include_str!("../../www/index.html");

/// The languages the demo offers for the widget (its `locale` attribute).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WidgetLanguage {
    #[default]
    English,
    Arabic,
}

impl WidgetLanguage {
    /// `?lang=`: any Arabic tag picks Arabic; anything else (or nothing) English.
    pub fn from_query(lang: Option<&str>) -> WidgetLanguage {
        let language = lang.unwrap_or_default().split(['-', '_']).next();
        match language {
            Some(l) if l.eq_ignore_ascii_case("ar") => WidgetLanguage::Arabic,
            _ => WidgetLanguage::English,
        }
    }

    fn tag(self) -> &'static str {
        match self {
            WidgetLanguage::English => "en-GB",
            WidgetLanguage::Arabic => "ar",
        }
    }

    /// The query that keeps this language across the demo's links ("" for the default).
    pub fn query(self) -> &'static str {
        match self {
            WidgetLanguage::English => "",
            WidgetLanguage::Arabic => "lang=ar",
        }
    }

    /// The page's address in this language.
    pub fn home(self) -> String {
        match self.query() {
            "" => "/".to_owned(),
            query => format!("/?{query}"),
        }
    }
}

/// "English · العربية", the current one marked.
fn language_switch(current: WidgetLanguage) -> String {
    [
        (WidgetLanguage::English, "/?lang=en-GB", "en-GB", "English"),
        (WidgetLanguage::Arabic, "/?lang=ar", "ar", "العربية"),
    ]
    .into_iter()
    .map(|(language, href, lang, name)| {
        let current = if language == current {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<a href=\"{href}\" lang=\"{lang}\" hreflang=\"{lang}\"{current}>{name}</a>")
    })
    .collect::<Vec<_>>()
    .join(" · ")
}

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
/// an id someone tried that is not in the directory; the widget speaks `language`.
pub fn render(
    signed_in: Option<&DirectoryPerson>,
    people: &[DirectoryPerson],
    unknown: Option<&str>,
    language: WidgetLanguage,
    build: Build,
) -> String {
    let sign_out = match language.query() {
        "" => crate::SIGN_OUT_PATH.to_owned(),
        query => format!("{}?{query}", crate::SIGN_OUT_PATH),
    };
    let user = match signed_in {
        Some(person) => format!(
            "Signed in as <strong>{}</strong> <span class=\"role\">{}, {}</span> \
             <form class=\"sign-out\" method=\"post\" action=\"{sign_out}\"><button type=\"submit\">Sign out</button></form>",
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
    let keep = match language.query() {
        "" => String::new(),
        query => format!("&amp;{query}"),
    };
    let link = |person: &DirectoryPerson| {
        format!(
            "<li><a href=\"/?as={id}{keep}\">{name}</a> <span class=\"role\">{role} · {location}</span></li>",
            id = escape(&person.id),
            name = escape(&person.name),
            role = escape(&person.role),
            location = escape(&person.location)
        )
    };
    let (featured, others): (Vec<_>, Vec<_>) = people
        .iter()
        .partition(|p| FEATURED.contains(&p.id.as_str()));
    // Someone else signs in only after a sign-out, which has the widget `forget()` what this
    // browser keeps of the person (www/sign-out.js): a link here would skip it.
    if signed_in.is_some() {
        switcher.push_str("<p>Sign out to sign in as someone else.</p>");
        return fill(build, &user, &switcher, language, signed_in);
    }
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
    fill(build, &user, &switcher, language, signed_in)
}

fn fill(
    build: Build,
    user: &str,
    switcher: &str,
    language: WidgetLanguage,
    signed_in: Option<&DirectoryPerson>,
) -> String {
    TEMPLATE
        .replace("{{widget}}", build.module())
        .replace("{{user}}", user)
        .replace("{{people}}", switcher)
        .replace("{{languages}}", &language_switch(language))
        .replace("{{locale}}", language.tag())
        .replace(
            "{{person}}",
            &signed_in.map(|p| escape(&p.id)).unwrap_or_default(),
        )
}
