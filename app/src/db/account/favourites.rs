//! Favourites: products a member keeps, newest first.

use super::saved::{product_visible, saved_products};
use crate::db::{unix_now, Db};
use crate::domain::account::SavedProduct;
use crate::domain::locale::Locale;

/// Favourites or un-favourites; false when there is no such product.
pub async fn set_favourite(
    db: &Db,
    user_id: i64,
    product_id: i64,
    on: bool,
) -> Result<bool, sqlx::Error> {
    if on {
        if !product_visible(db, product_id).await? {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO favourites (user_id, product_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, product_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(product_id)
        .bind(unix_now())
        .execute(db.writer())
        .await?;
    } else {
        sqlx::query("DELETE FROM favourites WHERE user_id = $1 AND product_id = $2")
            .bind(user_id)
            .bind(product_id)
            .execute(db.writer())
            .await?;
    }
    Ok(true)
}

pub async fn favourite_ids(db: &Db, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT product_id FROM favourites WHERE user_id = $1 ORDER BY created_at DESC",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await
}

pub async fn favourites(
    db: &Db,
    user_id: i64,
    locale: Locale,
) -> Result<Vec<SavedProduct>, sqlx::Error> {
    saved_products(db, locale, "favourites", "created_at", user_id).await
}
