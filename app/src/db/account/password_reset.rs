//! Password reset links: stored as hashes, used once, cancelled by any password change.

use crate::db::{unix_now, Db};

/// Stores a reset token's hash (never the token) valid until `expires_at`.
pub async fn create_password_reset(
    db: &Db,
    user_id: i64,
    token_hash: &str,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(expires_at)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Whether a reset token is known, unused and unexpired (checked before any password hashing;
/// redeeming checks again, atomically).
pub async fn password_reset_is_open(db: &Db, token_hash: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM password_resets \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(unix_now())
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// Uses a reset token once: sets the new hash and bumps the auth version in one transaction.
/// None when the token is unknown, used or expired.
pub async fn redeem_password_reset(
    db: &Db,
    token_hash: &str,
    password_hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let now = unix_now();
    let mut tx = db.writer().begin().await?;
    // The guarded update claims the token; a second use finds used_at set and changes nothing.
    let user_id: Option<i64> = sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    let updated = sqlx::query(
        "UPDATE users SET password_hash = $1, auth_version = auth_version + 1 \
         WHERE id = $2 AND deleted_at IS NULL",
    )
    .bind(password_hash)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Ok(None);
    }
    // Other outstanding links for this account stop working too.
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(user_id))
}
