//! Fixed-window counters in the database, so every server instance counts the same attempts.

use super::{unix_now, Db};

/// A limit an attempt is counted against: at most `limit` attempts in `bucket` per
/// `window_seconds`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limit {
    pub bucket: String,
    pub limit: i64,
    pub window_seconds: i64,
}

/// Counts one attempt in `bucket` and says whether it is within `limit` per `window_seconds`.
pub async fn hit(
    db: &Db,
    bucket: &str,
    limit: i64,
    window_seconds: i64,
) -> Result<bool, sqlx::Error> {
    hit_with(db.writer(), bucket, limit, window_seconds).await
}

/// [`hit`] inside a caller's transaction, so that a write which counts as an attempt (an
/// order) and its count take one writer turn together.
pub(crate) async fn hit_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    limit: &Limit,
) -> Result<bool, sqlx::Error> {
    hit_with(&mut **tx, &limit.bucket, limit.limit, limit.window_seconds).await
}

async fn hit_with<'c, E>(
    executor: E,
    bucket: &str,
    limit: i64,
    window_seconds: i64,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let now = unix_now();
    // One upsert: a new window starts when the old one has passed, else the counter goes up.
    let hits: i64 = sqlx::query_scalar(
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (bucket) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END, \
           window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END \
         RETURNING hits",
    )
    .bind(bucket)
    .bind(now)
    .bind(now - window_seconds)
    .fetch_one(executor)
    .await?;
    Ok(hits <= limit)
}

/// The attempts counted in `bucket` in its current window (0 when none, or the window passed).
pub async fn count(db: &Db, bucket: &str, window_seconds: i64) -> Result<i64, sqlx::Error> {
    let hits: Option<i64> =
        sqlx::query_scalar("SELECT hits FROM rate_limits WHERE bucket = $1 AND window_start > $2")
            .bind(bucket)
            .bind(unix_now() - window_seconds)
            .fetch_optional(db.pool())
            .await?;
    Ok(hits.unwrap_or(0))
}

/// Forgets a bucket (for example an account's failed sign-ins after a successful one).
pub async fn reset(db: &Db, bucket: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_limits WHERE bucket = $1")
        .bind(bucket)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Drops counters whose window ended long ago.
pub async fn delete_stale(db: &Db, older_than_seconds: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(unix_now() - older_than_seconds)
        .execute(db.writer())
        .await?;
    Ok(())
}
