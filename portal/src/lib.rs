//! The reference portal: a plain demo HR intranet that embeds the widget, serves its files,
//! and implements the host side of the widget's JSON adapter (docs/adapter.md).
//!
//! Demo sign-in only: `/?as=<person-id>` sets a cookie naming a seeded person. A real host
//! authenticates its users its own way; the adapter only needs to know who is asking.

pub mod admin;
pub mod db;
pub mod demo;
pub mod model;
pub mod ops;
mod page;
pub mod rules;
pub mod seed;
mod sync;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use tower_http::services::{ServeDir, ServeFile};

use mentoring_core::preferences::Answering;
use mentoring_core::{Millis, RecordId};

pub use db::Db;
use model::Model;

/// The adapter version this portal speaks.
pub const WIRE_VERSION: u32 = 1;
/// The pull epoch (docs/adapter.md, `epoch`): bumped whenever the portal starts withholding
/// from a reader what an earlier version of it sent them, so their devices let go of what
/// they pulled and pull again from the start. 1: what was written before someone joined a
/// pair, a shared learning entry or feedback deleted, a losing value written while its record
/// was private, and the stand-in for a value withheld that replaced one its reader held.
pub const PULL_EPOCH: u32 = 1;
/// The demo sign-in cookie.
pub const PERSON_COOKIE: &str = "mentoring_demo_person";

#[derive(Clone)]
pub struct Portal {
    pub db: Db,
    /// The folder holding `www/` and `pkg/`.
    pub root: PathBuf,
    /// Every stored op, folded: what access decisions are made on.
    pub model: Arc<Mutex<Model>>,
    /// The portal's only clock (the core never reads one): the system's, or a test's.
    clock: Arc<dyn Fn() -> Millis + Send + Sync>,
}

/// The system's time.
fn system_time() -> Millis {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    Millis(ms)
}

impl Portal {
    /// A portal over `db`, with its op log loaded into memory.
    pub fn new(db: Db, root: PathBuf) -> rusqlite::Result<Portal> {
        let mut model = Model::default();
        for (seq, body) in db.all_ops()? {
            match serde_json::from_str(&body) {
                Ok(op) => model.apply(seq, op),
                Err(error) => eprintln!("portal: skipping unreadable stored op {seq}: {error}"),
            }
        }
        // Sessions stored before their pair was recorded get it once, here; pushes record it
        // for new ones.
        let sessions = model.session_ids();
        let recorded = record_partners(&db, &mut model, &sessions)?;
        if recorded > 0 {
            println!("portal: recorded the pair of {recorded} sessions stored without it");
        }
        // Whoever was taken off a pair before the portal wrote notices gets one, once.
        let relationships = model.relationship_ids();
        tell_taken_off(&db, &mut model, &relationships)?;
        Ok(Portal {
            db,
            root,
            model: Arc::new(Mutex::new(model)),
            clock: Arc::new(system_time),
        })
    }

    /// This portal reading the time from `clock` instead of the system.
    pub fn with_clock(self, clock: impl Fn() -> Millis + Send + Sync + 'static) -> Portal {
        Portal {
            clock: Arc::new(clock),
            ..self
        }
    }

    pub fn now(&self) -> Millis {
        (self.clock)()
    }
}

/// Stores and applies the ops that record the partner of each of `sessions` stored without
/// one (`Model::partners_to_record`); how many it stored.
pub(crate) fn record_partners(
    db: &Db,
    model: &mut Model,
    sessions: &[String],
) -> rusqlite::Result<usize> {
    let ops = model.partners_to_record(sessions);
    let stored = store_own_ops(db, model, ops)?;
    for (record, partner) in &stored {
        // A `partner` op stored earlier that outranks this one (pushed before the portal
        // refused empty ones) leaves the session counted as the current pair's.
        if !model.holds_as_stored("session", record, "partner", partner) {
            eprintln!(
                "portal: the pair recorded for session {record} ({partner}) does not stand: \
                 a `partner` op of the session with a later clock outranks it, so whoever \
                 replaces one of its pair would read it; delete that op from the `ops` \
                 table and restart the portal"
            );
        }
    }
    Ok(stored.len())
}

/// Stores and applies the notices to whoever was taken off one of `relationships`
/// (`Model::taken_off_to_tell`).
pub(crate) fn tell_taken_off(
    db: &Db,
    model: &mut Model,
    relationships: &[String],
) -> rusqlite::Result<()> {
    let ops = model.taken_off_to_tell(relationships);
    store_own_ops(db, model, ops).map(drop)
}

/// Stores ops the portal writes itself and applies to the model those not stored before;
/// returns the record and value of each of those.
fn store_own_ops(
    db: &Db,
    model: &mut Model,
    ops: Vec<ops::WireOp>,
) -> rusqlite::Result<Vec<(String, serde_json::Value)>> {
    let rows: Vec<(&str, &str, &str, String)> = (ops.iter())
        .map(|op| {
            let body = serde_json::to_string(op).expect("ops serialise");
            (op.id.as_str(), op.entity.as_str(), op.record.as_str(), body)
        })
        .collect();
    let stored = db.store_ops(&rows)?;
    drop(rows);
    let mut new = Vec::new();
    for (op, stored) in ops.into_iter().zip(stored) {
        if let db::Stored::New(seq) = stored {
            new.push((op.record.clone(), op.value.clone()));
            model.apply(seq, op);
        }
    }
    Ok(new)
}

/// Where the adapter's endpoints live: the widget's `endpoint` on the demo page.
pub const ADAPTER_BASE: &str = "/api/mentoring";

/// Every adapter endpoint the portal serves, as (method, path under [`ADAPTER_BASE`],
/// handler): the one list the router is built from, which portal/tests/openapi.rs checks
/// against the published docs/openapi.json both ways.
pub fn adapter_routes() -> Vec<(Method, &'static str, MethodRouter<Portal>)> {
    vec![
        (Method::GET, "/v1/session", get(session)),
        (Method::GET, "/v1/directory", get(directory)),
        (Method::GET, "/v1/ops", get(sync::pull)),
        (Method::GET, "/v1/preferences/met", get(preferences_met)),
        (Method::POST, "/v1/ops", post(sync::push)),
        (
            Method::GET,
            "/v1/programmes/{programme}/dashboard",
            get(admin::dashboard_route),
        ),
        (
            Method::GET,
            "/v1/programmes/{programme}/export/{file}",
            get(admin::export_route),
        ),
    ]
}

pub fn router(portal: Portal) -> Router {
    let www = portal.root.join("www");
    let pkg = portal.root.join("pkg");
    let mut router = Router::new()
        .route("/", get(index))
        .route(SIGN_OUT_PATH, post(sign_out));
    for (_, path, handler) in adapter_routes() {
        // Two methods of one path merge into one route.
        router = router.route(&format!("{ADAPTER_BASE}{path}"), handler);
    }
    router
        .route("/api/{*rest}", get(api_not_found).post(api_not_found))
        // The service worker must be served from the root to control the whole page.
        .route_service("/sw.js", ServeFile::new(www.join("sw.js")))
        .nest_service("/www", ServeDir::new(www))
        .nest_service("/pkg", widget_files(pkg))
        .with_state(portal)
}

/// The widget's files, each sent as the brotli or gzip copy `make build` writes beside it to a
/// browser that accepts one: the bundle's budget is what brotli sends (docs/embedding.md,
/// "Serving the files"), a quarter of the raw bytes.
fn widget_files(pkg: PathBuf) -> Router {
    Router::new()
        .fallback_service(ServeDir::new(pkg).precompressed_br().precompressed_gzip())
        .layer(axum::middleware::map_response(widget_file_headers))
}

/// A cache between the portal and a browser keeps one copy per `Accept-Encoding` (a brotli body
/// sent to a browser that asked for gzip would be unreadable), and a browser asks again each
/// time (`no-cache`: a `304` while the file is unchanged): the files keep their names across
/// versions, and a module of one version with the wasm of another fails to start. Without a
/// `Cache-Control`, a browser may keep a file it holds for a tenth of its age unasked.
async fn widget_file_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

#[derive(Deserialize)]
struct IndexQuery {
    #[serde(rename = "as")]
    sign_in_as: Option<String>,
    /// The widget's language: `ar` for Arabic, English otherwise.
    lang: Option<String>,
}

fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// An adapter error: JSON with a code and a human-readable message (docs/adapter.md).
#[derive(Debug)]
pub struct AdapterError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl AdapterError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> AdapterError {
        AdapterError {
            status,
            code,
            message: message.into(),
        }
    }
}

impl IntoResponse for AdapterError {
    fn into_response(self) -> Response {
        let body = json!({
            "version": WIRE_VERSION,
            "error": { "code": self.code, "message": self.message },
        });
        (self.status, Json(body)).into_response()
    }
}

pub(crate) fn storage_failure(error: rusqlite::Error) -> AdapterError {
    eprintln!("portal: database error: {error}");
    AdapterError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "storage_failed",
        "The portal could not read its database; try again, and tell the portal's team if it persists.",
    )
}

async fn index(
    State(portal): State<Portal>,
    Query(query): Query<IndexQuery>,
    headers: HeaderMap,
) -> Response {
    let language = page::WidgetLanguage::from_query(query.lang.as_deref());
    if let Some(id) = query.sign_in_as {
        return match portal.db.person(&id) {
            Ok(Some(person)) => {
                let cookie = format!(
                    "{PERSON_COOKIE}={}; Path=/; SameSite=Lax; HttpOnly",
                    person.id
                );
                let mut response = Redirect::to(&language.home()).into_response();
                response.headers_mut().insert(
                    header::SET_COOKIE,
                    HeaderValue::from_str(&cookie).expect("seeded ids are header-safe"),
                );
                response
            }
            Ok(None) => {
                let people = portal.db.people().unwrap_or_default();
                let page =
                    page::render(None, &people, Some(&id), language, page::Build::Participant);
                (StatusCode::NOT_FOUND, Html(page)).into_response()
            }
            Err(error) => storage_failure(error).into_response(),
        };
    }
    let signed_in = match cookie_value(&headers, PERSON_COOKIE).map(|id| portal.db.person(id)) {
        Some(Ok(person)) => person,
        Some(Err(error)) => return storage_failure(error).into_response(),
        None => None,
    };
    let people = match portal.db.people() {
        Ok(people) => people,
        Err(error) => return storage_failure(error).into_response(),
    };
    // Programme admins load the build with the admin screens; everyone else never downloads it.
    let build = match &signed_in {
        Some(person) if person.role == admin::PROGRAMME_ADMIN_ROLE => page::Build::Admin,
        Some(person) => match portal.db.programmes() {
            Ok(programmes) if programmes.iter().any(|p| p.admins.contains(&person.id)) => {
                page::Build::Admin
            }
            Ok(_) => page::Build::Participant,
            Err(error) => return storage_failure(error).into_response(),
        },
        None => page::Build::Participant,
    };
    let mut response = Html(page::render(
        signed_in.as_ref(),
        &people,
        None,
        language,
        build,
    ))
    .into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(STRICT_CSP),
    );
    response
}

/// Where the demo page's "Sign out" posts.
pub const SIGN_OUT_PATH: &str = "/sign-out";

/// `POST /sign-out`: the demo's sign-in cookie cleared, back to the page, which is then
/// rendered for nobody (the widget's `person=""`). The service worker caches that page in place
/// of the one rendered for whoever signed out, so the next person to open it offline does not
/// get theirs (www/sw.js).
async fn sign_out(Query(query): Query<IndexQuery>) -> Response {
    let language = page::WidgetLanguage::from_query(query.lang.as_deref());
    let cookie = format!("{PERSON_COOKIE}=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0");
    let mut response = Redirect::to(&language.home()).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("a constant cookie is header-safe"),
    );
    response
}

/// The demo page runs under the strict policy a careful intranet would set: the widget must
/// work without inline script or style, with only its own origin, and wasm allowed.
pub const STRICT_CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'";

async fn session(State(portal): State<Portal>, headers: HeaderMap) -> Response {
    match signed_in(&portal, &headers) {
        Ok(person) => Json(json!({
            "version": WIRE_VERSION,
            "person": { "id": person.id, "name": person.name },
        }))
        .into_response(),
        Err(error) => error.into_response(),
    }
}

/// Who the request is from, or the adapter error to answer with.
pub(crate) fn signed_in(
    portal: &Portal,
    headers: &HeaderMap,
) -> Result<db::DirectoryPerson, AdapterError> {
    let not_signed_in =
        |message: &str| AdapterError::new(StatusCode::UNAUTHORIZED, "not_signed_in", message);
    let Some(id) = cookie_value(headers, PERSON_COOKIE) else {
        return Err(not_signed_in("Nobody is signed in to the portal."));
    };
    match portal.db.person(id) {
        Ok(Some(person)) => Ok(person),
        Ok(None) => Err(not_signed_in(
            "The signed-in account is not in the directory any more.",
        )),
        Err(error) => Err(storage_failure(error)),
    }
}

/// The directory: people, reporting lines and programmes. Opt-in matching preferences are
/// never part of it; they are each person's own.
async fn directory(State(portal): State<Portal>, headers: HeaderMap) -> Response {
    let reader = match signed_in(&portal, &headers) {
        Ok(reader) => reader,
        Err(error) => return error.into_response(),
    };
    let (people, programmes) = match (portal.db.people(), portal.db.programmes()) {
        (Ok(people), Ok(programmes)) => (people, programmes),
        (Err(error), _) | (_, Err(error)) => return storage_failure(error).into_response(),
    };
    let people: Vec<_> = people
        .into_iter()
        .map(|p| {
            json!({
                "id": p.id,
                "name": p.name,
                "jobTitle": p.job_title,
                "grade": p.grade,
                "department": p.department,
                "managerId": p.manager,
                "location": p.location,
                "timeZone": p.time_zone,
                "languages": p.languages,
                "skillsOffered": p.skills_offered,
                "skillsWanted": p.skills_wanted,
                "coachCredential": p.credential.map(|(level, expires)| json!({ "level": level, "expires": expires })),
                "willingToMentor": p.willing_to_mentor,
            })
        })
        .collect();
    let today = (portal.clock)().utc_date();
    let model = portal.model.lock().unwrap_or_else(|p| p.into_inner());
    let (full, taking_part) = match rules::person(&reader) {
        Some(reader) => {
            let mut core: Vec<_> = programmes.iter().filter_map(rules::programme).collect();
            // Those set up in Programme admin keep their lists and places as the directory's
            // do; their full mentors are said apart (`fullMentors`).
            for set_up in model.set_up_programmes() {
                if !core.iter().any(|p| p.id == set_up.id) {
                    core.push(set_up);
                }
            }
            let full = model.mentors_without_place(&core, &reader, today);
            (full, model.taking_part(&core, &reader, today))
        }
        None => (BTreeMap::new(), Vec::new()),
    };
    drop(model);
    let of_directory = |id: &RecordId| programmes.iter().any(|p| p.id == id.as_str());
    let full_mentors: Vec<_> = (full.iter())
        .filter(|(programme, mentors)| !of_directory(programme) && !mentors.is_empty())
        .map(|(programme, mentors)| {
            let mentors: Vec<String> = mentors.iter().map(|m| m.to_string()).collect();
            json!({ "programme": programme.to_string(), "mentors": mentors })
        })
        .collect();
    let taking_part: Vec<_> = (taking_part.into_iter())
        .map(|(programme, mentors)| {
            let mentors: Vec<String> = mentors.iter().map(|m| m.to_string()).collect();
            json!({ "programme": programme.to_string(), "mentors": mentors })
        })
        .collect();
    let programmes: Vec<_> = programmes
        .into_iter()
        .map(|p| {
            let no_place: Vec<String> = (mentoring_core::RecordId::parse(&p.id).ok())
                .and_then(|id| full.get(&id))
                .into_iter()
                .flatten()
                .map(|id| id.to_string())
                .collect();
            json!({
                "id": p.id,
                "kind": p.kind,
                "name": p.name,
                "starts": p.starts,
                "ends": p.ends,
                "defaultLengthDays": p.default_length_days,
                "objectives": p.objectives.iter().map(|(id, text)| json!({ "id": id, "text": text })).collect::<Vec<_>>(),
                "admins": p.admins,
                "noPlaceLeft": no_place,
            })
        })
        .collect();
    Json(json!({
        "version": WIRE_VERSION,
        "people": people,
        "programmes": programmes,
        "takingPart": taking_part,
        "fullMentors": full_mentors,
    }))
    .into_response()
}

/// For the signed-in person only: the people willing to mentor who meet a matching preference
/// they stated, and which (`MatchingPreferences::met_by`). It says what the person's own
/// explanation in Find a mentor says, that a mentor meets their preference, and never a value:
/// nobody's answers leave the host, and nobody learns anything about anyone else's. A person
/// who keeps changing their own value of an attribute would learn every mentor's answer for
/// it, one value at a time, so the attribute is held — left out of every mentor's `met`, and
/// named in `held` with when it ends — once they ask for a new value after three within 30
/// days (`preferences::may_answer`, `Db::answering`).
async fn preferences_met(State(portal): State<Portal>, headers: HeaderMap) -> Response {
    let person = match signed_in(&portal, &headers) {
        Ok(person) => person,
        Err(error) => return error.into_response(),
    };
    let people = match portal.db.people() {
        Ok(people) => people,
        Err(error) => return storage_failure(error).into_response(),
    };
    let mine =
        (portal.model.lock().unwrap_or_else(|p| p.into_inner())).matching_preferences(&person.id);
    let Some(mut asking) = mine else {
        return Json(json!({ "version": WIRE_VERSION, "mentors": [] })).into_response();
    };
    let now = portal.now();
    let mut held = Vec::new();
    for attribute in asking.prefers.iter() {
        let Some(value) = asking.shared.get(attribute) else {
            continue;
        };
        match portal.db.answering(&person.id, attribute, value, now) {
            Ok(Answering::Answer { .. }) => {}
            Ok(Answering::Held { until }) => {
                asking.prefers.remove(attribute);
                held.push(json!({ "key": attribute.key(), "until": until.0 }));
            }
            Err(error) => return storage_failure(error).into_response(),
        }
    }
    // Only mentors Find a mentor could offer them: the reply must not tell anyone whether
    // their manager, or a mentor in a programme they cannot join, shares their values.
    let mut programmes: Vec<_> = match portal.db.programmes() {
        Ok(programmes) => programmes.iter().filter_map(rules::programme).collect(),
        Err(error) => return storage_failure(error).into_response(),
    };
    let model = portal.model.lock().unwrap_or_else(|p| p.into_inner());
    // Find a mentor lists those set up in Programme admin too.
    for set_up in model.set_up_programmes() {
        if !programmes.iter().any(|p| p.id == set_up.id) {
            programmes.push(set_up);
        }
    }
    let offered = match RecordId::parse(&person.id) {
        Ok(asker) => model.mentors_offered(
            &programmes,
            &rules::directory(&people),
            &asker,
            now.utc_date(),
        ),
        Err(_) => Default::default(),
    };
    let mentors: Vec<_> = people
        .iter()
        .filter(|p| RecordId::parse(&p.id).is_ok_and(|id| offered.contains(&id)))
        .filter_map(|p| {
            let met = asking.met_by(&model.matching_preferences(&p.id)?);
            (!met.is_empty()).then(
                || json!({ "id": p.id, "met": met.iter().map(|a| a.key()).collect::<Vec<_>>() }),
            )
        })
        .collect();
    let mut reply = json!({ "version": WIRE_VERSION, "mentors": mentors });
    if !held.is_empty() {
        reply["held"] = held.into();
    }
    Json(reply).into_response()
}

async fn api_not_found() -> AdapterError {
    AdapterError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "No such adapter endpoint; see docs/adapter.md for the endpoints of version 1.",
    )
}
