//! The portal's embedded database: the HR directory the demo runs on.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};

/// A person in the demo HR directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectoryPerson {
    pub id: String,
    pub name: String,
    pub role: String,
    pub job_title: String,
    pub location: String,
    pub time_zone: String,
}

/// The people every new database starts with (`?as=<id>` signs in as one of them).
const SEED: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "amira",
        "Amira Haddad",
        "mentee",
        "Sales Executive",
        "Dubai",
        "Asia/Dubai",
    ),
    (
        "james",
        "James Whitfield",
        "mentor",
        "Sales Director",
        "London",
        "Europe/London",
    ),
    (
        "sofia",
        "Sofia Marques",
        "coach",
        "Learning Partner (certified coach)",
        "London",
        "Europe/London",
    ),
    (
        "hr-admin",
        "Hannah Okafor",
        "programme admin",
        "HR Programme Manager",
        "London",
        "Europe/London",
    ),
];

#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    pub fn open(path: &Path) -> rusqlite::Result<Db> {
        Db::init(Connection::open(path)?)
    }

    pub fn in_memory() -> rusqlite::Result<Db> {
        Db::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> rusqlite::Result<Db> {
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE IF NOT EXISTS people (
                 id TEXT PRIMARY KEY,
                 name TEXT NOT NULL,
                 role TEXT NOT NULL,
                 job_title TEXT NOT NULL,
                 location TEXT NOT NULL,
                 time_zone TEXT NOT NULL
             );",
        )?;
        for (id, name, role, job_title, location, time_zone) in SEED {
            conn.execute(
                "INSERT OR IGNORE INTO people (id, name, role, job_title, location, time_zone)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, name, role, job_title, location, time_zone],
            )?;
        }
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    pub fn person(&self, id: &str) -> rusqlite::Result<Option<DirectoryPerson>> {
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        conn.query_row(
            &format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1"),
            [id],
            read_person,
        )
        .optional()
    }

    pub fn people(&self) -> rusqlite::Result<Vec<DirectoryPerson>> {
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut statement = conn.prepare(&format!(
            "SELECT {PERSON_COLUMNS} FROM people ORDER BY name"
        ))?;
        let rows = statement.query_map([], read_person)?;
        rows.collect()
    }
}

const PERSON_COLUMNS: &str = "id, name, role, job_title, location, time_zone";

fn read_person(row: &rusqlite::Row<'_>) -> rusqlite::Result<DirectoryPerson> {
    Ok(DirectoryPerson {
        id: row.get(0)?,
        name: row.get(1)?,
        role: row.get(2)?,
        job_title: row.get(3)?,
        location: row.get(4)?,
        time_zone: row.get(5)?,
    })
}
