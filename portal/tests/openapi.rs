//! docs/openapi.json describes exactly the adapter endpoints the portal serves: every route
//! of `portal::adapter_routes` is in the document and every operation of the document is
//! served, by the method it names; the schema files it references exist.

use std::collections::BTreeSet;
use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use portal::{adapter_routes, router, Db, Portal, ADAPTER_BASE};
use serde_json::Value;
use tower::ServiceExt;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn docs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs")
}

fn document() -> Value {
    let text = std::fs::read_to_string(docs().join("openapi.json")).unwrap();
    serde_json::from_str(&text).expect("docs/openapi.json is JSON")
}

/// (method in upper case, path) of every operation in the document.
fn documented(document: &Value) -> BTreeSet<(String, String)> {
    let mut operations = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in METHODS {
            if item.get(method).is_some() {
                operations.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    operations
}

/// Every `$ref` in the document that points to a file.
fn file_refs(value: &Value, refs: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (key, inner) in fields {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(target)) if !target.starts_with('#') => {
                        refs.insert(target.clone());
                    }
                    _ => file_refs(inner, refs),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| file_refs(item, refs)),
        _ => {}
    }
}

#[test]
fn the_document_lists_exactly_the_routes_the_portal_serves() {
    let document = document();
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(document["servers"][0]["url"], ADAPTER_BASE);
    let served: BTreeSet<(String, String)> = adapter_routes()
        .into_iter()
        .map(|(method, path, _)| (method.as_str().to_owned(), path.to_owned()))
        .collect();
    let documented = documented(&document);
    let missing: Vec<_> = served.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&served).collect();
    assert!(
        missing.is_empty(),
        "served but not in docs/openapi.json: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "in docs/openapi.json but not served: {extra:?}"
    );
}

#[test]
fn every_schema_the_document_references_exists() {
    let mut refs = BTreeSet::new();
    file_refs(&document(), &mut refs);
    assert!(
        refs.len() >= 6,
        "the messages' schemas are referenced: {refs:?}"
    );
    for target in refs {
        let schema = std::fs::read_to_string(docs().join(&target))
            .unwrap_or_else(|e| panic!("{target}: {e}"));
        let schema: Value = serde_json::from_str(&schema).unwrap();
        assert_eq!(
            schema["$id"],
            target.trim_start_matches("schema/"),
            "{target}"
        );
    }
}

#[tokio::test]
async fn every_documented_operation_reaches_its_handler() {
    let portal = Portal::new(Db::in_memory().unwrap(), env!("CARGO_MANIFEST_DIR").into()).unwrap();
    let app = router(portal);
    let send = |method: Method, path: String| {
        let app = app.clone();
        async move {
            let request = Request::builder()
                .method(method)
                .uri(path)
                .body(Body::from("{}"))
                .unwrap();
            let response = app.oneshot(request).await.unwrap();
            let status = response.status();
            let body = response.into_body().collect().await.unwrap().to_bytes();
            (status, String::from_utf8_lossy(&body).into_owned())
        }
    };
    for (method, path) in documented(&document()) {
        let uri = format!(
            "{ADAPTER_BASE}{}",
            path.replace("{programme}", "coaching-2026")
                .replace("{file}", "aggregates.csv")
        );
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let (status, body) = send(method.clone(), uri.clone()).await;
        // Nobody is signed in: the endpoint's own handler answers that, not the fallbacks.
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {uri}: {body}");
        assert!(body.contains("not_signed_in"), "{method} {uri}: {body}");
    }
    // A method the document does not name for a path is not served.
    let (status, _) = send(Method::DELETE, format!("{ADAPTER_BASE}/v1/ops")).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

/// A program reading the admins' CSVs learns their columns' version from the document as from
/// the `Export-Version` header: the two say the same.
#[test]
fn the_documented_export_version_is_the_one_the_host_sends() {
    let document = document();
    let header = &document["paths"]["/v1/programmes/{programme}/export/{file}"]["get"]["responses"]
        ["200"]["headers"]["Export-Version"]["description"];
    let version = mentoring_core::export::ADMIN_CSV_VERSION;
    assert!(
        header.as_str().unwrap().contains(&format!("({version})")),
        "{header}"
    );
}
