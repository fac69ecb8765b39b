//! A member's cart (a guest's lives in the browser), and the cart page's view of any set of lines:
//! current prices, stock and whether each SKU is still sold.

use super::{catalog::lang, unix_now, Db};
use crate::domain::cart::{availability, Availability, CartItem, CartLine, CartView};
use crate::domain::money::Money;
use crate::domain::pricing::{quote, LineInput, MAX_QUANTITY};
use crate::i18n::Locale;

pub async fn lines(db: &Db, user_id: i64) -> Result<Vec<CartLine>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT sku_id, quantity FROM cart_items WHERE user_id = $1 ORDER BY added_at, sku_id",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(sku_id, quantity)| CartLine { sku_id, quantity })
        .collect())
}

async fn sku_on_sale(db: &Db, sku_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT s.id FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id = $1 AND p.status = 'active'",
    )
    .bind(sku_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// Adds to a line (creating it); false when the SKU is not sold.
pub async fn add(db: &Db, user_id: i64, sku_id: i64, quantity: i64) -> Result<bool, sqlx::Error> {
    if !sku_on_sale(db, sku_id).await? {
        return Ok(false);
    }
    let quantity = quantity.clamp(1, MAX_QUANTITY);
    sqlx::query(&format!(
        "INSERT INTO cart_items (user_id, sku_id, quantity, added_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, sku_id) DO UPDATE SET quantity = \
         CASE WHEN cart_items.quantity + excluded.quantity > {MAX_QUANTITY} THEN {MAX_QUANTITY} \
         ELSE cart_items.quantity + excluded.quantity END"
    ))
    .bind(user_id)
    .bind(sku_id)
    .bind(quantity)
    .bind(unix_now())
    .execute(db.pool())
    .await?;
    Ok(true)
}

/// Sets a line's quantity (0 removes it); false when there is no such line.
pub async fn set_quantity(
    db: &Db,
    user_id: i64,
    sku_id: i64,
    quantity: i64,
) -> Result<bool, sqlx::Error> {
    let done = if quantity <= 0 {
        sqlx::query("DELETE FROM cart_items WHERE user_id = $1 AND sku_id = $2")
            .bind(user_id)
            .bind(sku_id)
            .execute(db.pool())
            .await?
    } else {
        sqlx::query("UPDATE cart_items SET quantity = $1 WHERE user_id = $2 AND sku_id = $3")
            .bind(quantity.min(MAX_QUANTITY))
            .bind(user_id)
            .bind(sku_id)
            .execute(db.pool())
            .await?
    };
    Ok(done.rows_affected() == 1)
}

/// Folds a guest's browser cart into the member's (quantities add up); unknown SKUs are skipped.
pub async fn merge(db: &Db, user_id: i64, guest: &[CartLine]) -> Result<(), sqlx::Error> {
    for line in guest.iter().take(100) {
        add(db, user_id, line.sku_id, line.quantity).await?;
    }
    Ok(())
}

pub async fn clear(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM cart_items WHERE user_id = $1")
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    sku_id: i64,
    slug: String,
    name: String,
    cover_image: String,
    price: i64,
    stock: i64,
    status: String,
}

/// The cart page's view of `lines`: each with today's price, stock and options, and the total
/// (priced over what can be bought; a line wanting more than is left is priced at what is left).
pub async fn view(db: &Db, locale: Locale, lines: &[CartLine]) -> Result<CartView, sqlx::Error> {
    let l = lang(locale);
    let ids: Vec<String> = lines
        .iter()
        .take(100)
        .map(|line| line.sku_id.to_string())
        .collect();
    let (rows, options): (Vec<ItemRow>, Vec<(i64, String)>) = if ids.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let list = ids.join(", ");
        let rows = sqlx::query_as(&format!(
            "SELECT s.id AS sku_id, p.slug, p.name_{l} AS name, p.cover_image, s.price, s.stock, p.status \
             FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id IN ({list})"
        ))
        .fetch_all(db.pool())
        .await?;
        let options = sqlx::query_as(&format!(
            "SELECT sv.sku_id, ov.name_{l} FROM sku_values sv \
             JOIN option_values ov ON ov.axis_key = sv.axis_key AND ov.value_key = sv.value_key \
             JOIN product_axes pa ON pa.product_id = sv.product_id AND pa.axis_key = sv.axis_key \
             WHERE sv.sku_id IN ({list}) ORDER BY sv.sku_id, pa.position"
        ))
        .fetch_all(db.pool())
        .await?;
        (rows, options)
    };
    let mut items = Vec::new();
    let mut priced = Vec::new();
    for line in lines {
        let Some(row) = rows.iter().find(|r| r.sku_id == line.sku_id) else {
            continue;
        };
        let state = availability(row.status == "active", row.stock, line.quantity);
        if state != Availability::Unavailable {
            priced.push(LineInput {
                sku_id: row.sku_id,
                name: row.name.clone(),
                unit_price: Money::from_fen(row.price),
                quantity: line.quantity.min(row.stock).clamp(1, MAX_QUANTITY),
            });
        }
        items.push(CartItem {
            sku_id: row.sku_id,
            product_slug: row.slug.clone(),
            product_name: row.name.clone(),
            options: options
                .iter()
                .filter(|(sku_id, _)| *sku_id == row.sku_id)
                .map(|(_, name)| name.as_str())
                .collect::<Vec<_>>()
                .join(" · "),
            image: row.cover_image.clone(),
            unit_price: Money::from_fen(row.price),
            quantity: line.quantity,
            availability: state,
        });
    }
    let quote = quote(&priced, &[], None).expect("quantities were clamped to the allowed range");
    let count = items.iter().map(|i| i.quantity).sum();
    Ok(CartView {
        items,
        quote,
        count,
    })
}
