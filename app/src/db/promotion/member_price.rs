//! Member prices per SKU and level (`member_prices`, migration 23): setting and removing them
//! in the back office (audited), listing them, and the prices a member's quote uses.

use super::admin::logged;
use crate::db::catalog::lang;
use crate::db::Db;
use crate::domain::account::MemberTier;
use crate::domain::audit::{Action, AuditActor};
use crate::domain::form::{problem, Field, FieldProblem, Problem};
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::promotion::member_price::{
    prices_for, AdminMemberPrice, SkuMemberPrice, ValidMemberPrice,
};

#[derive(Debug, thiserror::Error)]
pub enum MemberPriceError {
    #[error("invalid: {0:?}")]
    Invalid(FieldProblem),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// SKU codes are unique as written; typed in any letter case, the one written exactly so wins.
const EXACT_FIRST: &str = "ORDER BY CASE WHEN s.code = $1 THEN 0 ELSE 1 END, s.id LIMIT 1";

/// The member prices a member of `tier` pays (see [`prices_for`]): (SKU id, price).
pub async fn sku_prices_for(db: &Db, tier: MemberTier) -> Result<Vec<(i64, Money)>, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT sku_id, tier, price FROM member_prices")
            .fetch_all(db.pool())
            .await?;
    let set: Vec<(i64, MemberTier, Money)> = rows
        .into_iter()
        .filter_map(|(sku, level, price)| {
            Some((sku, MemberTier::parse(&level)?, Money::from_fen(price)))
        })
        .collect();
    Ok(prices_for(tier, &set))
}

/// The member prices on product `product_id`'s SKUs, by SKU id and then level.
pub async fn product_member_prices(
    db: &Db,
    product_id: i64,
) -> Result<Vec<SkuMemberPrice>, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT m.sku_id, m.tier, m.price FROM member_prices m JOIN skus s ON s.id = m.sku_id \
         WHERE s.product_id = $1",
    )
    .bind(product_id)
    .fetch_all(db.pool())
    .await?;
    let mut prices: Vec<SkuMemberPrice> = rows
        .into_iter()
        .filter_map(|(sku_id, tier, price)| {
            Some(SkuMemberPrice {
                sku_id,
                tier: MemberTier::parse(&tier)?,
                price: Money::from_fen(price),
            })
        })
        .collect();
    prices.sort_by_key(|p| (p.sku_id, p.tier));
    Ok(prices)
}

/// Sets the price members of `valid.tier` and above pay for the SKU, replacing the one set
/// before, audited. Refused at `MemberPriceSku` when no SKU on sale has the code
/// (`SkuCodeUnknown`), at `Amount` when the price is not below the SKU's (`MemberPriceNotLower`).
pub async fn set_member_price(
    db: &Db,
    actor: &AuditActor,
    valid: &ValidMemberPrice,
    now: i64,
) -> Result<(), MemberPriceError> {
    let mut tx = db.writer().begin().await?;
    let sku: Option<(i64, String, i64)> = sqlx::query_as(&format!(
        "SELECT s.id, s.code, s.price FROM skus s JOIN products p ON p.id = s.product_id \
         WHERE UPPER(s.code) = UPPER($1) AND s.status = 'active' AND p.status = 'active' \
         {EXACT_FIRST}"
    ))
    .bind(&valid.sku_code)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((sku_id, code, regular)) = sku else {
        return Err(MemberPriceError::Invalid(problem(
            Field::MemberPriceSku,
            Problem::SkuCodeUnknown,
        )));
    };
    if valid.price.fen() >= regular {
        return Err(MemberPriceError::Invalid(problem(
            Field::Amount,
            Problem::MemberPriceNotLower,
        )));
    }
    sqlx::query(
        "INSERT INTO member_prices (sku_id, tier, price, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (sku_id, tier) DO UPDATE SET price = excluded.price, \
         updated_at = excluded.updated_at",
    )
    .bind(sku_id)
    .bind(valid.tier.as_str())
    .bind(valid.price.fen())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let after = serde_json::json!({ "price": valid.price.fen(), "regular": regular });
    logged(
        &mut tx,
        actor,
        &format!("member_price/{code}/{}", valid.tier.as_str()),
        Action::Update,
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the member price of SKU `sku_code` for `tier`, audited: false when there was none.
pub async fn remove_member_price(
    db: &Db,
    actor: &AuditActor,
    sku_code: &str,
    tier: MemberTier,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let sku: Option<(i64, String)> = sqlx::query_as(&format!(
        "SELECT s.id, s.code FROM skus s WHERE UPPER(s.code) = UPPER($1) {EXACT_FIRST}"
    ))
    .bind(sku_code)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((sku_id, code)) = sku else {
        return Ok(false);
    };
    let removed = sqlx::query("DELETE FROM member_prices WHERE sku_id = $1 AND tier = $2")
        .bind(sku_id)
        .bind(tier.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if removed == 0 {
        return Ok(false);
    }
    logged(
        &mut tx,
        actor,
        &format!("member_price/{code}/{}", tier.as_str()),
        Action::Delete,
        &serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Every member price, by SKU code and level, with the product's name in `locale`.
pub async fn admin_member_prices(
    db: &Db,
    locale: Locale,
) -> Result<Vec<AdminMemberPrice>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        code: String,
        name: String,
        tier: String,
        price: i64,
        regular: i64,
    }
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT s.code, p.name_{} AS name, m.tier, m.price, s.price AS regular \
         FROM member_prices m JOIN skus s ON s.id = m.sku_id JOIN products p ON p.id = s.product_id \
         ORDER BY s.code, m.tier",
        lang(locale)
    ))
    .fetch_all(db.pool())
    .await?;
    let mut prices: Vec<AdminMemberPrice> = rows
        .into_iter()
        .filter_map(|row| {
            Some(AdminMemberPrice {
                tier: MemberTier::parse(&row.tier)?,
                sku_code: row.code,
                name: row.name,
                price: Money::from_fen(row.price),
                regular: Money::from_fen(row.regular),
            })
        })
        .collect();
    prices.sort_by(|a, b| (&a.sku_code, a.tier).cmp(&(&b.sku_code, b.tier)));
    Ok(prices)
}
