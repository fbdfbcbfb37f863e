//! The portal's demo sign-in and adapter replies, through the router without a socket.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use portal::{router, Db, Portal, PERSON_COOKIE};
use serde_json::Value;
use tower::ServiceExt;

fn app() -> axum::Router {
    router(Portal::new(Db::in_memory().unwrap(), env!("CARGO_MANIFEST_DIR").into()).unwrap())
}

async fn get(uri: &str, cookie: Option<&str>) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = Request::get(uri);
    if let Some(person) = cookie {
        request = request.header(
            header::COOKIE,
            format!("theme=dark; {PERSON_COOKIE}={person}"),
        );
    }
    let response = app()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

#[tokio::test]
async fn signing_in_as_a_seeded_person_sets_the_cookie_and_returns_home() {
    let (status, headers, _) = get("/?as=amira", None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with(&format!("{PERSON_COOKIE}=amira;")),
        "{cookie}"
    );
    assert!(cookie.contains("HttpOnly"), "{cookie}");
}

#[tokio::test]
async fn signing_out_clears_the_cookie_and_returns_to_the_page_for_nobody() {
    let (_, _, page) = get("/?lang=ar", Some("amira")).await;
    assert!(
        page.contains(r#"<form class="sign-out" method="post" action="/sign-out?lang=ar">"#),
        "the page offers it, keeping the language: {page}"
    );
    let request = Request::post("/sign-out?lang=ar")
        .header(header::COOKIE, format!("{PERSON_COOKIE}=amira"))
        .body(Body::empty())
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/?lang=ar");
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with(&format!("{PERSON_COOKIE}=;")) && cookie.contains("Max-Age=0"),
        "{cookie}"
    );
    // Nobody signed in: no name, the widget for nobody, nothing to sign out of.
    let (_, _, nobody) = get("/", None).await;
    assert!(nobody.contains(r#"person="">"#), "{nobody}");
    assert!(!nobody.contains("Sign out"), "{nobody}");
}

#[tokio::test]
async fn an_unknown_person_gets_the_page_with_a_notice_and_no_cookie() {
    let (status, headers, page) = get("/?as=%3Cscript%3E", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(headers.get(header::SET_COOKIE).is_none());
    assert!(
        page.contains("There is no demo person called “&lt;script&gt;”"),
        "{page}"
    );
    assert!(!page.contains("<script>"), "the id is escaped");
}

#[tokio::test]
async fn the_page_embeds_the_widget_and_names_who_is_signed_in() {
    let (status, headers, page) = get("/", Some("sofia")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_SECURITY_POLICY], portal::STRICT_CSP);
    // The page names whom it is for: offline, the widget opens a remembered person's data only
    // on their own page.
    assert!(page
        .contains(r#"<mentoring-widget endpoint="/api/mentoring" locale="en-GB" person="sofia">"#));
    assert!(
        page.contains("Signed in as <strong>Sofia Marques</strong>"),
        "{page}"
    );
    // Nobody else signs in from it before she signs out (which has the widget forget her).
    assert!(!page.contains("/?as="), "{page}");
    assert!(page.contains("Sign out to sign in as someone else."));
    let (_, _, anonymous) = get("/", None).await;
    assert!(anonymous.contains("Not signed in"));
    for person in ["amira", "james", "sofia", "hr-admin"] {
        assert!(
            anonymous.contains(&format!("href=\"/?as={person}\"")),
            "{person} can sign in"
        );
    }
}

#[tokio::test]
async fn lang_ar_puts_the_widget_in_arabic_and_keeps_it_across_signing_in() {
    let (_, _, page) = get("/?lang=ar", Some("amira")).await;
    assert!(
        page.contains(r#"<mentoring-widget endpoint="/api/mentoring" locale="ar" person="amira">"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<html lang="en-GB">"#),
        "the host page stays English"
    );
    assert!(
        page.contains(r#"<a href="/?lang=ar" lang="ar" hreflang="ar" aria-current="page">"#),
        "{page}"
    );
    let (_, _, anonymous) = get("/?lang=ar", None).await;
    assert!(
        anonymous.contains(r#"href="/?as=james&amp;lang=ar""#),
        "{anonymous}"
    );
    let (status, headers, _) = get("/?as=james&lang=ar", None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/?lang=ar");
    // Anything else is English, never echoed into the page.
    let (_, _, page) = get("/?lang=%22%3E%3Cscript%3E", Some("amira")).await;
    assert!(page.contains(r#"locale="en-GB""#) && !page.contains("\"><script>"));
}

#[tokio::test]
async fn only_programme_admins_load_the_build_with_the_admin_screens() {
    for (person, admin) in [
        (Some("hr-admin"), true),
        (Some("sofia"), false),
        (None, false),
    ] {
        let (_, _, page) = get("/", person).await;
        assert_eq!(
            page.contains(r#"src="/pkg/mentoring-widget-admin.js""#),
            admin,
            "{person:?}"
        );
        assert_eq!(
            page.contains(r#"src="/pkg/mentoring-widget.js""#),
            !admin,
            "{person:?}"
        );
        assert!(
            !page.contains("{{"),
            "every placeholder filled for {person:?}"
        );
    }
}

#[tokio::test]
async fn the_session_names_the_signed_in_person_in_adapter_v1() {
    let (status, _, body) = get("/api/mentoring/v1/session", Some("amira")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        json(&body),
        json(r#"{"version":1,"person":{"id":"amira","name":"Amira Haddad"}}"#)
    );
}

#[tokio::test]
async fn adapter_errors_are_json_with_a_code_and_a_message() {
    for (uri, cookie, status, code) in [
        (
            "/api/mentoring/v1/session",
            None,
            StatusCode::UNAUTHORIZED,
            "not_signed_in",
        ),
        (
            "/api/mentoring/v1/session",
            Some("nobody"),
            StatusCode::UNAUTHORIZED,
            "not_signed_in",
        ),
        (
            "/api/mentoring/v9/anything",
            Some("amira"),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
    ] {
        let (got, _, body) = get(uri, cookie).await;
        assert_eq!(got, status, "{uri}");
        let body = json(&body);
        assert_eq!(body["version"], 1, "{uri}");
        assert_eq!(body["error"]["code"], code, "{uri}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn the_service_worker_is_served_from_the_root() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let app = router(Portal::new(Db::in_memory().unwrap(), root).unwrap());
    let response = app
        .oneshot(Request::get("/sw.js").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .contains("javascript"));
}

/// The widget's files go out as the brotli or gzip copy beside them to a browser that accepts
/// one, typed as the file they stand for, and as they are to one that accepts neither; a
/// browser revalidates them on every use.
#[tokio::test]
async fn the_widgets_files_are_sent_compressed_to_a_browser_that_accepts_it() {
    let root = std::env::temp_dir().join(format!("portal-pkg-{}", std::process::id()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let files = [
        ("mentoring-widget.wasm", b"\0asm raw".as_slice()),
        ("mentoring-widget.wasm.br", b"brotli copy"),
        ("mentoring-widget.wasm.gz", b"gzip copy"),
        ("mentoring-widget.css", b"p {}"),
    ];
    for (name, bytes) in files {
        std::fs::write(pkg.join(name), bytes).unwrap();
    }
    let app = router(Portal::new(Db::in_memory().unwrap(), root.clone()).unwrap());
    let fetch = |path: &'static str, accepts: &'static str| {
        let app = app.clone();
        async move {
            let mut request = Request::get(path);
            if !accepts.is_empty() {
                request = request.header(header::ACCEPT_ENCODING, accepts);
            }
            let response = app
                .oneshot(request.body(Body::empty()).unwrap())
                .await
                .unwrap();
            let (parts, body) = response.into_parts();
            let text = |name| {
                parts
                    .headers
                    .get(name)
                    .map(|v: &header::HeaderValue| v.to_str().unwrap().to_owned())
            };
            let bytes = body.collect().await.unwrap().to_bytes();
            // Asked again on every use: a module and a wasm of two versions must not meet.
            assert_eq!(text(header::CACHE_CONTROL).as_deref(), Some("no-cache"));
            (
                parts.status,
                text(header::CONTENT_ENCODING),
                text(header::CONTENT_TYPE),
                text(header::VARY),
                bytes.to_vec(),
            )
        }
    };
    let wasm = "/pkg/mentoring-widget.wasm";
    let (status, encoding, kind, vary, body) = fetch(wasm, "gzip, deflate, br, zstd").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(encoding.as_deref(), Some("br"));
    assert_eq!(kind.as_deref(), Some("application/wasm"));
    assert_eq!(vary.as_deref(), Some("accept-encoding"));
    assert_eq!(body, b"brotli copy");
    let (_, encoding, _, _, body) = fetch(wasm, "gzip").await;
    assert_eq!(
        (encoding.as_deref(), body.as_slice()),
        (Some("gzip"), b"gzip copy".as_slice())
    );
    let (_, encoding, kind, vary, body) = fetch(wasm, "").await;
    assert_eq!((encoding, body.as_slice()), (None, b"\0asm raw".as_slice()));
    assert_eq!(kind.as_deref(), Some("application/wasm"));
    // Whatever was sent, a cache keeps a copy per encoding.
    assert_eq!(vary.as_deref(), Some("accept-encoding"));
    // A file without a compressed copy goes out as it is.
    let (status, encoding, _, _, body) = fetch("/pkg/mentoring-widget.css", "br").await;
    assert_eq!(
        (status, encoding, body.as_slice()),
        (StatusCode::OK, None, b"p {}".as_slice())
    );
    std::fs::remove_dir_all(&root).unwrap();
}

#[tokio::test]
async fn the_directory_lists_people_with_reporting_lines_and_programmes() {
    let (status, _, body) = get("/api/mentoring/v1/directory", Some("amira")).await;
    assert_eq!(status, StatusCode::OK);
    let body = json(&body);
    assert_eq!(body["version"], 1);
    let people = body["people"].as_array().unwrap();
    assert!(people.len() >= 30, "{} people", people.len());
    let amira = people.iter().find(|p| p["id"] == "amira").unwrap();
    assert_eq!(amira["managerId"], "khalid");
    assert_eq!(amira["timeZone"], "Asia/Dubai");
    assert_eq!(amira["languages"], serde_json::json!(["en", "ar"]));
    let sofia = people.iter().find(|p| p["id"] == "sofia").unwrap();
    assert_eq!(sofia["coachCredential"]["level"], "certified");
    for person in people {
        assert!(
            person.get("preferences").is_none(),
            "opt-in preferences never leave their owner"
        );
        if let Some(manager) = person["managerId"].as_str() {
            assert!(
                people.iter().any(|p| p["id"] == manager),
                "{manager} is in the directory"
            );
        }
    }
    let kinds: Vec<_> = body["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].clone())
        .collect();
    assert!(kinds.contains(&"coaching".into()) && kinds.contains(&"mentoring".into()));

    let (status, _, _) = get("/api/mentoring/v1/directory", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
