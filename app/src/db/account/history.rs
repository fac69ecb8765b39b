//! Browsing history: the latest products a member viewed.

use super::saved::saved_products;
use crate::db::Db;
use crate::domain::account::SavedProduct;
use crate::domain::locale::Locale;

/// History keeps the latest views only.
pub const HISTORY_LIMIT: i64 = 100;

pub async fn history(
    db: &Db,
    user_id: i64,
    locale: Locale,
) -> Result<Vec<SavedProduct>, sqlx::Error> {
    saved_products(db, locale, "browsing_history", "viewed_at", user_id).await
}

pub async fn record_view(
    db: &Db,
    user_id: i64,
    product_id: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    // Keeps the newest time when a merged guest view is older than one already recorded.
    sqlx::query(
        "INSERT INTO browsing_history (user_id, product_id, viewed_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, product_id) DO UPDATE SET viewed_at = \
         CASE WHEN browsing_history.viewed_at > excluded.viewed_at THEN browsing_history.viewed_at ELSE excluded.viewed_at END",
    )
    .bind(user_id)
    .bind(product_id)
    .bind(at)
    .execute(db.writer())
    .await?;
    Ok(())
}

pub async fn clear_history(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM browsing_history WHERE user_id = $1")
        .bind(user_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Drops views beyond the newest HISTORY_LIMIT so the table stays small.
pub async fn trim_history(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "DELETE FROM browsing_history WHERE user_id = $1 AND product_id NOT IN \
         (SELECT product_id FROM browsing_history WHERE user_id = $1 ORDER BY viewed_at DESC LIMIT {HISTORY_LIMIT})"
    ))
    .bind(user_id)
    .execute(db.writer())
    .await?;
    Ok(())
}
