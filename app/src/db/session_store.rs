//! Sessions for tower-sessions, kept in our own database (SQLite or PostgreSQL) so several server
//! instances share them. The id is stored as its SHA-256, so reading the table does not let anyone
//! sign in; the signed-in user's id has its own column so every session of an account can be ended.

use super::{unix_now, Db};
use async_trait::async_trait;
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::SessionStore;

/// The key under which a signed-in session keeps its user's id.
pub const USER_ID_KEY: &str = "user_id";

/// A live session as stored: its JSON data and when it ends.
#[derive(sqlx::FromRow)]
struct SessionRow {
    data: String,
    expires_at: i64,
}

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    pub fn new(db: Db) -> Self {
        DbSessionStore { db }
    }

    /// Removes sessions past their expiry; run now and then by a background job.
    pub async fn delete_expired(&self) -> std::result::Result<u64, sqlx::Error> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(unix_now())
            .execute(self.db.writer())
            .await?;
        Ok(done.rows_affected())
    }
}

fn id_hash(id: &Id) -> String {
    hex::encode(Sha256::digest(id.to_string().as_bytes()))
}

fn backend(error: impl std::fmt::Display) -> Error {
    Error::Backend(error.to_string())
}

fn encode(record: &Record) -> Result<(String, Option<i64>, i64)> {
    let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
    let user_id = record.data.get(USER_ID_KEY).and_then(|v| v.as_i64());
    Ok((data, user_id, record.expiry_date.unix_timestamp()))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let (data, user_id, expires_at) = encode(record)?;
        // A fresh random id colliding is astronomically unlikely; if it happens, draw another.
        loop {
            let inserted = sqlx::query(
                "INSERT INTO sessions (id_hash, user_id, data, expires_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (id_hash) DO NOTHING",
            )
            .bind(id_hash(&record.id))
            .bind(user_id)
            .bind(&data)
            .bind(expires_at)
            .execute(self.db.writer())
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let (data, user_id, expires_at) = encode(record)?;
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, data, expires_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id_hash) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, \
             expires_at = excluded.expires_at",
        )
        .bind(id_hash(&record.id))
        .bind(user_id)
        .bind(&data)
        .bind(expires_at)
        .execute(self.db.writer())
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let row = sqlx::query_as::<_, SessionRow>(
            "SELECT data, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2",
        )
        .bind(id_hash(id))
        .bind(unix_now())
        .fetch_optional(self.db.pool())
        .await
        .map_err(backend)?;
        let Some(SessionRow { data, expires_at }) = row else {
            return Ok(None);
        };
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?,
            expiry_date: time::OffsetDateTime::from_unix_timestamp(expires_at)
                .map_err(|e| Error::Decode(e.to_string()))?,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash(id))
            .execute(self.db.writer())
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// Ends every session of a user (password reset, account deletion, "sign out everywhere").
pub async fn delete_user_sessions(db: &Db, user_id: i64) -> std::result::Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(db.writer())
        .await?;
    Ok(())
}
