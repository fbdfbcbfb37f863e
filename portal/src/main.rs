//! `portal`: serves the demo intranet page, the built widget and the host adapter.
//!
//! Environment: `PORT` (default 8080; 0 picks a free port), `DATA_DIR` (default `data`),
//! `PORTAL_ROOT` (the folder holding `www/` and `pkg/`, default the current folder).

use std::path::PathBuf;

use portal::{router, Db, Portal};

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    if let Err(message) = run().await {
        eprintln!("portal: {message}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), String> {
    let port: u16 = env_or("PORT", "8080")
        .parse()
        .map_err(|_| "PORT must be a number from 0 to 65535".to_owned())?;
    let data_dir = PathBuf::from(env_or("DATA_DIR", "data"));
    let root = PathBuf::from(env_or("PORTAL_ROOT", "."));
    if !root.join("pkg/mentoring-widget.js").exists() {
        eprintln!(
            "portal: warning: {}/pkg has no built widget; run `make build` first",
            root.display()
        );
    }
    std::fs::create_dir_all(&data_dir)
        .map_err(|e| format!("cannot create the data folder {}: {e}", data_dir.display()))?;
    let db_path = data_dir.join("portal.sqlite3");
    let db = Db::open(&db_path).map_err(|e| format!("cannot open {}: {e}", db_path.display()))?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e} (set PORT to a free port)"))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    println!(
        "portal: serving http://{address}/ (data in {})",
        data_dir.display()
    );
    portal::demo::seed(&db).map_err(|e| format!("cannot write the demo programme: {e}"))?;
    let portal = Portal::new(db, root).map_err(|e| format!("cannot read the op log: {e}"))?;
    axum::serve(listener, router(portal))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| e.to_string())
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .expect("SIGTERM handler");
        tokio::select! {
            _ = interrupt => {},
            _ = terminate.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
