//! The member center's data: address book, favourites, browsing history and the points ledger.
//! Every query is scoped by the owner's id, so another user's row is simply not found.

use super::catalog::{card_columns, CardRow};
use super::{unix_now, Db};
use crate::domain::account::{Region, ValidAddress};
use crate::domain::catalog::ProductSummary;
use crate::domain::locale::Locale;
use crate::domain::member::{AddressView, GuestState, PointsEntry, PointsPage, SavedProduct};

/// The most addresses one account keeps.
pub const MAX_ADDRESSES: i64 = 20;
/// History keeps the latest views only.
pub const HISTORY_LIMIT: i64 = 100;

#[derive(sqlx::FromRow)]
struct AddressRow {
    id: i64,
    #[sqlx(flatten)]
    address: super::AddressColumns,
    is_default: i64,
}

impl AddressRow {
    fn view(self, locale: Locale) -> AddressView {
        let region_name = Region::find(&self.address.region)
            .map(|r| r.name(locale).to_string())
            .unwrap_or_else(|| self.address.region.clone());
        AddressView {
            id: self.id,
            form: self.address.into(),
            region_name,
            is_default: self.is_default != 0,
        }
    }
}

pub async fn addresses(
    db: &Db,
    user_id: i64,
    locale: Locale,
) -> Result<Vec<AddressView>, sqlx::Error> {
    let rows = sqlx::query_as::<_, AddressRow>(
        "SELECT id, recipient, phone, region, city, detail, postal_code, is_default FROM addresses \
         WHERE user_id = $1 ORDER BY is_default DESC, id",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|r| r.view(locale)).collect())
}

#[derive(Debug, PartialEq, Eq)]
pub enum AddressChange {
    Done(i64),
    NotFound,
    TooMany,
}

/// Adds an address; the first one becomes the default. One statement, so two tabs adding at
/// once cannot pass the limit together (SQLite also refuses to upgrade a stale read to a write).
pub async fn add_address(
    db: &Db,
    user_id: i64,
    address: &ValidAddress,
) -> Result<AddressChange, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(&format!(
        "INSERT INTO addresses (user_id, recipient, phone, region, city, detail, postal_code, is_default, created_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, \
           CASE WHEN EXISTS (SELECT 1 FROM addresses WHERE user_id = $1) THEN 0 ELSE 1 END, $8 \
         WHERE (SELECT COUNT(*) FROM addresses WHERE user_id = $1) < {MAX_ADDRESSES} RETURNING id"
    ))
    .bind(user_id)
    .bind(&address.recipient)
    .bind(&address.phone)
    .bind(address.region.code)
    .bind(&address.city)
    .bind(&address.detail)
    .bind(&address.postal_code)
    .bind(unix_now())
    .fetch_optional(db.pool())
    .await?;
    Ok(id.map_or(AddressChange::TooMany, AddressChange::Done))
}

pub async fn update_address(
    db: &Db,
    user_id: i64,
    address_id: i64,
    address: &ValidAddress,
) -> Result<AddressChange, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE addresses SET recipient = $1, phone = $2, region = $3, city = $4, detail = $5, postal_code = $6 \
         WHERE id = $7 AND user_id = $8",
    )
    .bind(&address.recipient)
    .bind(&address.phone)
    .bind(address.region.code)
    .bind(&address.city)
    .bind(&address.detail)
    .bind(&address.postal_code)
    .bind(address_id)
    .bind(user_id)
    .execute(db.pool())
    .await?;
    Ok(if done.rows_affected() == 1 {
        AddressChange::Done(address_id)
    } else {
        AddressChange::NotFound
    })
}

/// Deletes an address; if it was the default, the oldest remaining one takes over.
pub async fn delete_address(
    db: &Db,
    user_id: i64,
    address_id: i64,
) -> Result<AddressChange, sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    let was_default: Option<i64> = sqlx::query_scalar(
        "DELETE FROM addresses WHERE id = $1 AND user_id = $2 RETURNING is_default",
    )
    .bind(address_id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(was_default) = was_default else {
        return Ok(AddressChange::NotFound);
    };
    if was_default != 0 {
        sqlx::query(
            "UPDATE addresses SET is_default = 1 WHERE id = \
             (SELECT MIN(id) FROM addresses WHERE user_id = $1)",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(AddressChange::Done(address_id))
}

pub async fn set_default_address(
    db: &Db,
    user_id: i64,
    address_id: i64,
) -> Result<AddressChange, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE addresses SET is_default = CASE WHEN id = $1 THEN 1 ELSE 0 END \
         WHERE user_id = $2 AND EXISTS (SELECT 1 FROM addresses WHERE id = $1 AND user_id = $2)",
    )
    .bind(address_id)
    .bind(user_id)
    .execute(db.pool())
    .await?;
    Ok(if done.rows_affected() > 0 {
        AddressChange::Done(address_id)
    } else {
        AddressChange::NotFound
    })
}

/// Whether the product exists and shoppers can see it.
async fn product_visible(db: &Db, product_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM products WHERE id = $1 AND status = 'active'")
            .bind(product_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(found.is_some())
}

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
        .execute(db.pool())
        .await?;
    } else {
        sqlx::query("DELETE FROM favourites WHERE user_id = $1 AND product_id = $2")
            .bind(user_id)
            .bind(product_id)
            .execute(db.pool())
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

#[derive(sqlx::FromRow)]
struct SavedRow {
    #[sqlx(flatten)]
    card: CardRow,
    at: i64,
}

async fn saved_products(
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

pub async fn favourites(
    db: &Db,
    user_id: i64,
    locale: Locale,
) -> Result<Vec<SavedProduct>, sqlx::Error> {
    saved_products(db, locale, "favourites", "created_at", user_id).await
}

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
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn clear_history(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM browsing_history WHERE user_id = $1")
        .bind(user_id)
        .execute(db.pool())
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
    .execute(db.pool())
    .await?;
    Ok(())
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

pub async fn points(db: &Db, user_id: i64) -> Result<PointsPage, sqlx::Error> {
    let balance: i64 = sqlx::query_scalar("SELECT points_balance FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(db.pool())
        .await?
        .unwrap_or(0);
    #[derive(sqlx::FromRow)]
    struct EntryRow {
        delta: i64,
        balance_after: i64,
        reason: String,
        created_at: i64,
    }
    let entries = sqlx::query_as::<_, EntryRow>(
        "SELECT delta, balance_after, reason, created_at FROM points_ledger WHERE user_id = $1 \
         ORDER BY id DESC LIMIT 200",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(PointsPage {
        balance,
        entries: entries
            .into_iter()
            .map(|row| PointsEntry {
                delta: row.delta,
                balance_after: row.balance_after,
                reason: row.reason,
                created_at: row.created_at,
            })
            .collect(),
    })
}

/// Adds (or with a negative delta, spends) points with a reason, in one transaction with the
/// balance. Refuses to go below zero; returns the new balance, or None when refused.
pub async fn add_points(
    db: &Db,
    user_id: i64,
    delta: i64,
    reason: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    let balance: Option<i64> = sqlx::query_scalar(
        "UPDATE users SET points_balance = points_balance + $1 \
         WHERE id = $2 AND points_balance + $1 >= 0 RETURNING points_balance",
    )
    .bind(delta)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(balance) = balance else {
        return Ok(None);
    };
    sqlx::query(
        "INSERT INTO points_ledger (user_id, delta, balance_after, reason, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(delta)
    .bind(balance)
    .bind(reason)
    .bind(unix_now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(balance))
}
