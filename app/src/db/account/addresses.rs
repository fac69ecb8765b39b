//! The address book. Every query is scoped by the owner's id, so another user's row is simply
//! not found.

use crate::db::{unix_now, Db};
use crate::domain::account::{AddressView, Region, ValidAddress};
use crate::domain::locale::Locale;

/// The most addresses one account keeps.
pub const MAX_ADDRESSES: i64 = 20;

#[derive(sqlx::FromRow)]
struct AddressRow {
    id: i64,
    #[sqlx(flatten)]
    address: crate::db::AddressColumns,
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
    .fetch_optional(db.writer())
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
    .execute(db.writer())
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
    let mut tx = db.writer().begin().await?;
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
    .execute(db.writer())
    .await?;
    Ok(if done.rows_affected() > 0 {
        AddressChange::Done(address_id)
    } else {
        AddressChange::NotFound
    })
}
