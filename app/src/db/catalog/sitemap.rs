//! What the sitemap lists.

use crate::db::Db;

/// Slugs for the sitemap, in a stable order.
pub async fn product_slugs(db: &Db, offset: i64, limit: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT slug FROM products WHERE status = 'active' ORDER BY id LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(db.pool())
    .await
}

pub async fn product_count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE status = 'active'")
        .fetch_one(db.pool())
        .await
}
