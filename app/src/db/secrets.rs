//! Secrets the shop makes for itself: 32 random bytes per name, created on first use and kept in
//! the database, so every server instance signs and checks with the same key and no set-up is
//! needed.

use super::Db;

/// The key guests' order links are signed with (HMAC-SHA256; see `order::guest_access_key`).
pub const ORDER_LINKS: &str = "order-links";

/// The secret called `name`, made now if it does not exist yet (two instances racing both end
/// with the one that was stored first).
/// Read from the database once per `Db`, then from memory: a stored secret never changes.
pub async fn get_or_create(db: &Db, name: &str) -> Result<Vec<u8>, sqlx::Error> {
    if let Some(value) = db.cached_secret(name) {
        return Ok(value);
    }
    if let Some(value) = read(db, name).await? {
        db.cache_secret(name, &value);
        return Ok(value);
    }
    let fresh: [u8; 32] = rand::random();
    sqlx::query(
        "INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(hex::encode(fresh))
    .execute(db.writer())
    .await?;
    let stored = read(db, name).await?.ok_or(sqlx::Error::RowNotFound)?;
    db.cache_secret(name, &stored);
    Ok(stored)
}

async fn read(db: &Db, name: &str) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let value: Option<String> = sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = $1")
        .bind(name)
        .fetch_optional(db.pool())
        .await?;
    Ok(value.and_then(|v| hex::decode(v).ok()))
}
