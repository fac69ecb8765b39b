//! A member's cart (a guest's lives in the browser), and the cart page's view of any set of lines:
//! current prices, stock and whether each SKU is still sold.

use super::{catalog::lang, unix_now, Db};
use crate::domain::cart::{fit, Availability, CartItem, CartLine, CartView};
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::pricing::{best_coupon, quote, LineInput, MAX_QUANTITY};

pub async fn lines(db: &Db, user_id: i64) -> Result<Vec<CartLine>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct LineRow {
        sku_id: i64,
        quantity: i64,
    }
    let rows = sqlx::query_as::<_, LineRow>(
        "SELECT sku_id, quantity FROM cart_items WHERE user_id = $1 ORDER BY added_at, sku_id",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| CartLine {
            sku_id: row.sku_id,
            quantity: row.quantity,
        })
        .collect())
}

async fn sku_on_sale(db: &Db, sku_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT s.id FROM skus s JOIN products p ON p.id = s.product_id \
         WHERE s.id = $1 AND p.status = 'active' AND s.status = 'active'",
    )
    .bind(sku_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// Adds `quantity` (1..=`MAX_QUANTITY`, parsed by the caller) to a line, creating it; a line
/// never holds more than `MAX_QUANTITY`. False when the SKU is not sold.
pub async fn add(db: &Db, user_id: i64, sku_id: i64, quantity: i64) -> Result<bool, sqlx::Error> {
    if !sku_on_sale(db, sku_id).await? {
        return Ok(false);
    }
    add_on(db.pool(), user_id, sku_id, quantity).await?;
    Ok(true)
}

async fn add_on<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    user_id: i64,
    sku_id: i64,
    quantity: i64,
) -> Result<(), sqlx::Error> {
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
    .execute(executor)
    .await?;
    Ok(())
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
            .execute(db.writer())
            .await?
    } else {
        sqlx::query("UPDATE cart_items SET quantity = $1 WHERE user_id = $2 AND sku_id = $3")
            .bind(quantity.min(MAX_QUANTITY))
            .bind(user_id)
            .bind(sku_id)
            .execute(db.writer())
            .await?
    };
    Ok(done.rows_affected() == 1)
}

/// Folds a guest's browser cart into the member's (quantities add up; SKUs not sold are
/// skipped) once per `merge_id`: two tabs or a retry sending the same guest cart add it once.
/// The merge id is recorded in the same transaction as the lines. False when it was merged before.
pub async fn merge(
    db: &Db,
    user_id: i64,
    merge_id: &str,
    guest: &[CartLine],
) -> Result<bool, sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let first = sqlx::query(
        "INSERT INTO cart_merges (user_id, merge_id, merged_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, merge_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(merge_id)
    .bind(unix_now())
    .execute(&mut *tx)
    .await?;
    if first.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    let ids: Vec<String> = guest.iter().map(|l| l.sku_id.to_string()).collect();
    let on_sale: Vec<i64> = if ids.is_empty() {
        Vec::new()
    } else {
        sqlx::query_scalar(&format!(
            "SELECT s.id FROM skus s JOIN products p ON p.id = s.product_id \
             WHERE s.id IN ({}) AND p.status = 'active' AND s.status = 'active'",
            ids.join(", ")
        ))
        .fetch_all(&mut *tx)
        .await?
    };
    for line in guest.iter().filter(|l| on_sale.contains(&l.sku_id)) {
        add_on(&mut *tx, user_id, line.sku_id, line.quantity).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Removes these SKUs' lines (bought in an order just placed).
pub async fn remove(db: &Db, user_id: i64, sku_ids: &[i64]) -> Result<(), sqlx::Error> {
    for sku_id in sku_ids {
        sqlx::query("DELETE FROM cart_items WHERE user_id = $1 AND sku_id = $2")
            .bind(user_id)
            .bind(sku_id)
            .execute(db.writer())
            .await?;
    }
    Ok(())
}

/// Lowers a member's lines to what `view` could sell (after [`view`] reduced them to the stock
/// left), so the cart, the checkout and the order placed agree.
pub async fn keep_reductions(db: &Db, user_id: i64, view: &CartView) -> Result<(), sqlx::Error> {
    for item in view.items.iter().filter(|i| i.reduced_from.is_some()) {
        sqlx::query("UPDATE cart_items SET quantity = $1 WHERE user_id = $2 AND sku_id = $3")
            .bind(item.quantity)
            .bind(user_id)
            .bind(item.sku_id)
            .execute(db.writer())
            .await?;
    }
    Ok(())
}

pub async fn clear(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM cart_items WHERE user_id = $1")
        .bind(user_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    sku_id: i64,
    #[sqlx(flatten)]
    facts: super::promotion::FactsColumns,
    slug: String,
    name: String,
    cover_image: String,
    price: i64,
    stock: i64,
    status: String,
}

/// One option value of a SKU in the cart ("Red"), in the shopper's language.
#[derive(sqlx::FromRow)]
struct OptionRow {
    sku_id: i64,
    value_name: String,
}

/// The cart page's view of `lines` for a member (`user_id`) or a guest: each with today's price,
/// stock and options, and the total (priced over what can be bought, with the promotions
/// running for this shopper and their best coupon). A line wanting more than is left is reduced to what is left
/// and says so (`reduced_from`); the count, the total and the checkout use the reduced quantity.
pub async fn view(
    db: &Db,
    locale: Locale,
    lines: &[CartLine],
    user_id: Option<i64>,
) -> Result<CartView, sqlx::Error> {
    let l = lang(locale);
    let ids: Vec<String> = lines
        .iter()
        .take(100)
        .map(|line| line.sku_id.to_string())
        .collect();
    let (rows, options): (Vec<ItemRow>, Vec<OptionRow>) = if ids.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let list = ids.join(", ");
        let rows = sqlx::query_as::<_, ItemRow>(&format!(
            // A SKU taken off sale is as gone as an unlisted product.
            "SELECT s.id AS sku_id, {facts}, p.slug, p.name_{l} AS name, p.cover_image, s.price, \
             s.stock, CASE WHEN s.status = 'active' THEN p.status ELSE 'disabled' END AS status \
             FROM skus s JOIN products p ON p.id = s.product_id {join} WHERE s.id IN ({list})",
            facts = super::promotion::FACTS_SELECT,
            join = super::promotion::FACTS_JOIN,
        ))
        .fetch_all(db.pool())
        .await?;
        let options = sqlx::query_as::<_, OptionRow>(&format!(
            "SELECT sv.sku_id, ov.name_{l} AS value_name FROM sku_values sv \
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
        let fit = fit(row.status == "active", row.stock, line.quantity);
        if fit.availability != Availability::Unavailable {
            priced.push(LineInput {
                sku_id: row.sku_id,
                name: row.name.clone(),
                unit_price: Money::from_fen(row.price),
                quantity: fit.quantity.clamp(1, MAX_QUANTITY),
                facts: row.facts.facts(),
            });
        }
        items.push(CartItem {
            sku_id: row.sku_id,
            product_slug: row.slug.clone(),
            product_name: row.name.clone(),
            options: options
                .iter()
                .filter(|option| option.sku_id == row.sku_id)
                .map(|option| option.value_name.as_str())
                .collect::<Vec<_>>()
                .join(" · "),
            image: row.cover_image.clone(),
            unit_price: Money::from_fen(row.price),
            quantity: fit.quantity,
            reduced_from: fit.reduced_from,
            availability: fit.availability,
        });
    }
    let now = unix_now();
    let offers = super::promotion::offers_for(db, user_id, now).await?;
    let (coupons, points_balance) = match user_id {
        Some(user_id) => (
            super::promotion::usable(db, user_id, now).await?,
            super::account::points::balance(db, user_id).await?,
        ),
        None => (Vec::new(), 0),
    };
    // The cart shows the total with the best coupon; checkout proposes it and may change it.
    let mut with_coupon = offers.clone();
    with_coupon.coupon = best_coupon(&priced, &offers, &coupons, None)
        .and_then(|id| coupons.iter().find(|c| c.id == id).cloned());
    let quote =
        quote(&priced, &with_coupon, None).expect("quantities were clamped to the allowed range");
    let count = quote.lines.iter().map(|l| l.quantity).sum();
    Ok(CartView {
        items,
        quote,
        count,
        offers,
        coupons,
        points_balance,
    })
}
