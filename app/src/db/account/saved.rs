//! What favourites and history share: product cards with a time, and the guest's browser-kept
//! favourites and views folded in at sign-in.

use super::favourites::set_favourite;
use super::history::{record_view, trim_history, HISTORY_LIMIT};
use crate::db::catalog::{card_columns, CardRow};
use crate::db::{unix_now, Db};
use crate::domain::account::{GuestState, SavedProduct};
use crate::domain::catalog::ProductSummary;
use crate::domain::locale::Locale;

/// Whether the product exists and shoppers can see it.
pub(super) async fn product_visible(db: &Db, product_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM products WHERE id = $1 AND status = 'active'")
            .bind(product_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(found.is_some())
}

#[derive(sqlx::FromRow)]
struct SavedRow {
    #[sqlx(flatten)]
    card: CardRow,
    at: i64,
}

pub(super) async fn saved_products(
    db: &Db,
    locale: Locale,
    table: &str,
    time_column: &str,
    user_id: i64,
) -> Result<Vec<SavedProduct>, sqlx::Error> {
    let rows = sqlx::query_as::<_, SavedRow>(&format!(
        "SELECT {}, t.{time_column} AS at FROM {table} t JOIN products p ON p.id = t.product_id \
         WHERE t.user_id = $1 AND p.status = 'active' ORDER BY t.{time_column} DESC, p.id LIMIT {HISTORY_LIMIT}",
        card_columns(locale)
    ))
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| SavedProduct {
            product: ProductSummary::from(row.card),
            at: row.at,
        })
        .collect())
}

/// Folds a guest's browser-kept favourites and views into the account. Unknown products are
/// skipped; times in the future are clamped to now.
pub async fn merge_guest_state(
    db: &Db,
    user_id: i64,
    guest: &GuestState,
) -> Result<(), sqlx::Error> {
    let now = unix_now();
    for product_id in guest.favourites.iter().take(GuestState::MAX_ITEMS) {
        set_favourite(db, user_id, *product_id, true).await?;
    }
    for (product_id, viewed_at) in guest.history.iter().take(GuestState::MAX_ITEMS) {
        if product_visible(db, *product_id).await? {
            record_view(db, user_id, *product_id, (*viewed_at).clamp(0, now)).await?;
        }
    }
    trim_history(db, user_id).await
}
