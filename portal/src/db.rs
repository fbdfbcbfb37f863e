//! The portal's embedded database: the HR directory the demo runs on.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use mentoring_core::preferences::{may_answer, normalise, Answering, Attribute, ANSWER_WINDOW_MS};
use mentoring_core::Millis;
use rusqlite::{params, Connection, OptionalExtension};

use crate::seed;

/// A person in the demo HR directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectoryPerson {
    pub id: String,
    pub name: String,
    /// How the demo sign-in list describes them (mentee, mentor, coach…).
    pub role: String,
    pub job_title: String,
    pub grade: u8,
    pub department: String,
    pub manager: Option<String>,
    pub location: String,
    pub time_zone: String,
    pub languages: Vec<String>,
    pub skills_offered: Vec<String>,
    pub skills_wanted: Vec<String>,
    pub credential: Option<(String, String)>,
    pub willing_to_mentor: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectoryProgramme {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub starts: String,
    pub ends: String,
    pub default_length_days: i32,
    pub objectives: Vec<(String, String)>,
    pub admins: Vec<String>,
}

#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
    /// The key of the hashes `preference_answers` keeps instead of values.
    answer_key: [u8; ANSWER_KEY_BYTES],
}

const ANSWER_KEY_BYTES: usize = 16;

/// Lists are stored as one text column, one item per line: directory lists are short, and
/// nothing queries inside them.
fn join(items: &[&str]) -> String {
    items.join("\n")
}

fn split(text: String) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
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
                 grade INTEGER NOT NULL,
                 department TEXT NOT NULL,
                 manager TEXT,
                 location TEXT NOT NULL,
                 time_zone TEXT NOT NULL,
                 languages TEXT NOT NULL,
                 skills_offered TEXT NOT NULL,
                 skills_wanted TEXT NOT NULL,
                 credential_level TEXT,
                 credential_expires TEXT,
                 willing_to_mentor INTEGER NOT NULL
             );
             CREATE TABLE IF NOT EXISTS ops (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT,
                 id TEXT NOT NULL UNIQUE,
                 entity TEXT NOT NULL,
                 record TEXT NOT NULL,
                 body TEXT NOT NULL
             );
             CREATE INDEX IF NOT EXISTS ops_by_record ON ops (entity, record);
             CREATE TABLE IF NOT EXISTS programmes (
                 id TEXT PRIMARY KEY,
                 kind TEXT NOT NULL,
                 name TEXT NOT NULL,
                 starts TEXT NOT NULL,
                 ends TEXT NOT NULL,
                 default_length_days INTEGER NOT NULL,
                 objectives TEXT NOT NULL,
                 admins TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS secrets (
                 name TEXT PRIMARY KEY,
                 value BLOB NOT NULL
             );
             CREATE TABLE IF NOT EXISTS preference_answers (
                 person TEXT NOT NULL,
                 attribute TEXT NOT NULL,
                 value_hash TEXT NOT NULL,
                 first_answered INTEGER NOT NULL,
                 PRIMARY KEY (person, attribute, value_hash)
             );
             CREATE INDEX IF NOT EXISTS preference_answers_by_age
                 ON preference_answers (first_answered);",
        )?;
        // SQLite's randomblob draws on the operating system's randomness; the key is made
        // once per database, so hashes stay comparable across restarts.
        conn.execute(
            "INSERT OR IGNORE INTO secrets (name, value) VALUES ('preference-answers', randomblob(?1))",
            [ANSWER_KEY_BYTES],
        )?;
        let stored: Vec<u8> = conn.query_row(
            "SELECT value FROM secrets WHERE name = 'preference-answers'",
            [],
            |row| row.get(0),
        )?;
        let answer_key = <[u8; ANSWER_KEY_BYTES]>::try_from(stored.as_slice()).map_err(|_| {
            rusqlite::Error::InvalidColumnType(
                0,
                "secrets.value of 'preference-answers' (16 bytes expected)".into(),
                rusqlite::types::Type::Blob,
            )
        })?;
        for p in seed::PEOPLE {
            conn.execute(
                "INSERT OR IGNORE INTO people VALUES
                 (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                params![
                    p.id,
                    p.name,
                    p.role,
                    p.job_title,
                    p.grade,
                    p.department,
                    p.manager,
                    p.location,
                    seed::time_zone(p.location),
                    join(p.languages),
                    join(p.skills_offered),
                    join(p.skills_wanted),
                    p.credential.map(|c| c.0),
                    p.credential.map(|c| c.1),
                    p.willing_to_mentor,
                ],
            )?;
        }
        for p in seed::PROGRAMMES {
            let objectives: Vec<String> = p
                .objectives
                .iter()
                .map(|(id, text)| format!("{id}\t{text}"))
                .collect();
            conn.execute(
                "INSERT OR IGNORE INTO programmes VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    p.id,
                    p.kind,
                    p.name,
                    p.starts,
                    p.ends,
                    p.default_length_days,
                    objectives.join("\n"),
                    join(p.admins),
                ],
            )?;
        }
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
            answer_key,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (each statement is atomic),
        // so a poisoned lock is still safe to use.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn person(&self, id: &str) -> rusqlite::Result<Option<DirectoryPerson>> {
        self.lock()
            .query_row(
                &format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1"),
                [id],
                read_person,
            )
            .optional()
    }

    pub fn people(&self) -> rusqlite::Result<Vec<DirectoryPerson>> {
        let conn = self.lock();
        let mut statement = conn.prepare(&format!(
            "SELECT {PERSON_COLUMNS} FROM people ORDER BY name"
        ))?;
        let rows = statement.query_map([], read_person)?;
        rows.collect()
    }

    pub fn programmes(&self) -> rusqlite::Result<Vec<DirectoryProgramme>> {
        let conn = self.lock();
        let mut statement = conn.prepare(
            "SELECT id, kind, name, starts, ends, default_length_days, objectives, admins
             FROM programmes ORDER BY starts, id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(DirectoryProgramme {
                id: row.get(0)?,
                kind: row.get(1)?,
                name: row.get(2)?,
                starts: row.get(3)?,
                ends: row.get(4)?,
                default_length_days: row.get(5)?,
                objectives: split(row.get(6)?)
                    .into_iter()
                    .filter_map(|line| {
                        line.split_once('\t')
                            .map(|(a, b)| (a.to_owned(), b.to_owned()))
                    })
                    .collect(),
                admins: split(row.get(7)?),
            })
        })?;
        rows.collect()
    }
}

/// What storing an op did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Newly stored, at this sequence number.
    New(i64),
    /// An op with this id was already stored: pushing twice is harmless.
    Duplicate,
}

impl Db {
    /// Stores ops' JSON bodies, once per op id, as (id, entity, record, body), in one
    /// transaction: all of a push is durable before any of it is acknowledged, and a push
    /// costs one flush to disk rather than one per op.
    pub fn store_ops(&self, ops: &[(&str, &str, &str, String)]) -> rusqlite::Result<Vec<Stored>> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let mut stored = Vec::with_capacity(ops.len());
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO ops (id, entity, record, body) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (id, entity, record, body) in ops {
                let inserted = insert.execute(params![id, entity, record, body])?;
                stored.push(if inserted == 1 {
                    Stored::New(tx.last_insert_rowid())
                } else {
                    Stored::Duplicate
                });
            }
        }
        tx.commit()?;
        Ok(stored)
    }

    /// Stores one op's JSON body once per op id.
    pub fn store_op(
        &self,
        id: &str,
        entity: &str,
        record: &str,
        body: &str,
    ) -> rusqlite::Result<Stored> {
        let stored = self.store_ops(&[(id, entity, record, body.to_owned())])?;
        Ok(stored[0])
    }

    /// Every stored op in sequence order, as (seq, JSON body).
    pub fn all_ops(&self) -> rusqlite::Result<Vec<(i64, String)>> {
        let conn = self.lock();
        let mut statement = conn.prepare("SELECT seq, body FROM ops ORDER BY seq")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect()
    }
}

impl Db {
    /// Whether `person` may be told which mentors share `value`, their current value of
    /// `attribute` (`preferences::may_answer`), remembering it when they may. What is kept of
    /// a value is a keyed hash of it with the person and the attribute, for 30 days from its
    /// first answer: enough to know it again, not to read it back. Every hash past that is
    /// deleted here, whoever asks, so nothing stays once it no longer counts.
    pub fn answering(
        &self,
        person: &str,
        attribute: Attribute,
        value: &str,
        now: Millis,
    ) -> rusqlite::Result<Answering> {
        let hash = self.value_hash(person, attribute, &normalise(value));
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM preference_answers WHERE first_answered <= ?1",
            [now.0 - ANSWER_WINDOW_MS],
        )?;
        let mut current = None;
        let mut others = Vec::new();
        {
            let mut statement = tx.prepare_cached(
                "SELECT value_hash, first_answered FROM preference_answers
                 WHERE person = ?1 AND attribute = ?2",
            )?;
            let rows = statement.query_map(params![person, attribute.key()], |row| {
                Ok((row.get::<_, String>(0)?, Millis(row.get(1)?)))
            })?;
            for row in rows {
                let (stored, at) = row?;
                if stored == hash {
                    current = Some(at);
                } else {
                    others.push(at);
                }
            }
        }
        let answering = may_answer(&others, current, now);
        match answering {
            Answering::Answer { since } if current != Some(since) => {
                tx.execute(
                    "INSERT OR REPLACE INTO preference_answers VALUES (?1, ?2, ?3, ?4)",
                    params![person, attribute.key(), hash, since.0],
                )?;
            }
            Answering::Answer { .. } | Answering::Held { .. } => {}
        }
        tx.commit()?;
        Ok(answering)
    }

    /// std's SipHash, keyed by prefixing the database's random key: the same within a build,
    /// which is all a 30-day memory needs (a toolchain that hashes differently forgets it
    /// once, and the person gets fresh answers).
    fn value_hash(&self, person: &str, attribute: Attribute, normalised: &str) -> String {
        let mut hasher = DefaultHasher::new();
        self.answer_key.hash(&mut hasher);
        (person, attribute.key(), normalised).hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }
}

const PERSON_COLUMNS: &str = "id, name, role, job_title, grade, department, manager, location, \
    time_zone, languages, skills_offered, skills_wanted, credential_level, credential_expires, \
    willing_to_mentor";

fn read_person(row: &rusqlite::Row<'_>) -> rusqlite::Result<DirectoryPerson> {
    let level: Option<String> = row.get(12)?;
    let expires: Option<String> = row.get(13)?;
    Ok(DirectoryPerson {
        id: row.get(0)?,
        name: row.get(1)?,
        role: row.get(2)?,
        job_title: row.get(3)?,
        grade: row.get(4)?,
        department: row.get(5)?,
        manager: row.get(6)?,
        location: row.get(7)?,
        time_zone: row.get(8)?,
        languages: split(row.get(9)?),
        skills_offered: split(row.get(10)?),
        skills_wanted: split(row.get(11)?),
        credential: level.zip(expires),
        willing_to_mentor: row.get(14)?,
    })
}
