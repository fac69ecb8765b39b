//! 限時秒殺 flash sales as stored (migration 22): creating a slot (its flash stock is taken out of
//! normal stock at once), the prices a member's quote may use, taking units inside an order's
//! transaction, giving them back when an unpaid order is cancelled, and returning what is left
//! when the slot ends.
//!
//! Locking: as every writer of stock, each path locks the SKU's row first (the guarded `stock`
//! update, by zero where nothing moves), then the flash item's row, so an order, a cancellation
//! and the end of a slot never wait on each other in a cycle. The guarded
//! `sold + n <= quantity` keeps the flash stock from being oversold; the member's units are
//! counted after that row is held, so two checkouts of one member cannot both pass the limit
//! (PostgreSQL re-reads under READ COMMITTED; SQLite has one writer).

use crate::db::catalog::{card_columns, refresh_derived, CardRow};
use crate::db::stock::{change_sellable, flash_hold};
use crate::db::{audit, Db};
use crate::domain::audit::{Action, AuditActor, ObjectKind};
use crate::domain::catalog::ProductSummary;
use crate::domain::form::{problem, Field, FieldProblem, Problem};
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::promotion::flash_sale::{
    allowance, AdminFlashItem, AdminFlashSale, FlashOffer, FlashShelfItem, ValidFlashSale,
};
use crate::domain::promotion::report::{PromotionReport, PromotionStatus};
use crate::domain::promotion::FlashPrice;
use sqlx::{Any, AnyConnection, Transaction};

#[derive(Debug, thiserror::Error)]
pub enum FlashSaleError {
    #[error("invalid: {0:?}")]
    Invalid(FieldProblem),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The units member `{user}` bought of flash item `{item}` in orders not cancelled, as an SQL
/// scalar (what the per-member limit counts).
fn bought_sql(item: &str, user: &str) -> String {
    format!(
        "(SELECT CAST(COALESCE(SUM(p.quantity), 0) AS BIGINT) FROM flash_sale_purchases p \
          JOIN orders o ON o.id = p.order_id \
          WHERE p.item_id = {item} AND p.user_id = {user} AND o.status <> 'cancelled')"
    )
}

/// "Running" in SQL for flash sales `f` at `$1`.
const RUNNING: &str =
    "f.starts_at <= $1 AND f.ends_at > $1 AND f.paused = 0 AND f.returned_at IS NULL";

/// Creates a flash sale and takes each SKU's flash stock out of normal stock, audited: its id.
/// Refused at the SKU lines (`FlashItems`) when a code is not a SKU on sale, a flash price is
/// not below the SKU's price, the SKU is in another flash sale at an overlapping time, or fewer
/// units are free than the flash stock asked; nothing is written then.
pub async fn create_flash_sale(
    db: &Db,
    actor: &AuditActor,
    valid: &ValidFlashSale,
    now: i64,
) -> Result<i64, FlashSaleError> {
    let refused = |p: Problem| Err(FlashSaleError::Invalid(problem(Field::FlashItems, p)));
    let mut tx = db.writer().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO flash_sales (name, starts_at, ends_at, per_member_limit, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&valid.name)
    .bind(valid.window.0)
    .bind(valid.window.1)
    .bind(valid.per_member_limit)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    #[derive(sqlx::FromRow)]
    struct SkuFound {
        id: i64,
        product_id: i64,
        price: i64,
    }
    let mut found = Vec::new();
    for item in &valid.items {
        let sku = sqlx::query_as::<_, SkuFound>(
            "SELECT s.id, s.product_id, s.price FROM skus s JOIN products p ON p.id = s.product_id \
             WHERE UPPER(s.code) = UPPER($1) AND s.status = 'active' AND p.status = 'active'",
        )
        .bind(&item.sku_code)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(sku) = sku else {
            return refused(Problem::FlashSkuUnknown);
        };
        if item.price.fen() >= sku.price {
            return refused(Problem::FlashPriceNotLower);
        }
        let overlapping: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM flash_sale_items i JOIN flash_sales f ON f.id = i.flash_sale_id \
             WHERE i.sku_id = $1 AND f.returned_at IS NULL AND f.starts_at < $3 AND f.ends_at > $2",
        )
        .bind(sku.id)
        .bind(valid.window.0)
        .bind(valid.window.1)
        .fetch_one(&mut *tx)
        .await?;
        if overlapping > 0 {
            return refused(Problem::FlashOverlap);
        }
        found.push((sku, item));
    }
    // SKU rows are locked in id order, as orders lock them.
    found.sort_by_key(|(sku, _)| sku.id);
    let reason = format!("flash sale #{id}");
    for (sku, item) in &found {
        let item_id: i64 = sqlx::query_scalar(
            "INSERT INTO flash_sale_items (flash_sale_id, sku_id, price, quantity) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(id)
        .bind(sku.id)
        .bind(item.price.fen())
        .bind(item.quantity)
        .fetch_one(&mut *tx)
        .await?;
        if !flash_hold::hold(&mut tx, item_id, sku.id, item.quantity, &reason, now).await? {
            return refused(Problem::FlashStockShort);
        }
        refresh_derived(&mut tx, sku.product_id).await?;
    }
    let after = serde_json::json!({
        "kind": "flash_sale",
        "name": valid.name,
        "starts_at": valid.window.0,
        "ends_at": valid.window.1,
        "per_member": valid.per_member_limit,
        "items": valid.items.iter().map(|i| serde_json::json!({
            "sku": i.sku_code, "price": i.price.fen(), "quantity": i.quantity,
        })).collect::<Vec<_>>(),
    });
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Promotion,
        &format!("flash_sale/{id}"),
        Action::Create,
        None,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    db.catalog_changed();
    Ok(id)
}

/// The flash prices member `user_id` may buy at `now`: for each SKU of a running slot, the
/// flash price and the units left to them (the lesser of the flash stock left and their
/// remaining limit; slots where they have none left are omitted).
pub async fn flash_prices_for(
    db: &Db,
    user_id: i64,
    now: i64,
) -> Result<Vec<FlashPrice>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        flash_sale_id: i64,
        sku_id: i64,
        price: i64,
        left_units: i64,
        per_member_limit: i64,
        bought: i64,
    }
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT i.flash_sale_id, i.sku_id, i.price, i.quantity - i.sold AS left_units, \
         f.per_member_limit, {} AS bought \
         FROM flash_sale_items i JOIN flash_sales f ON f.id = i.flash_sale_id \
         WHERE {RUNNING} ORDER BY i.sku_id",
        bought_sql("i.id", "$2")
    ))
    .bind(now)
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let quantity = allowance(row.left_units, row.per_member_limit, row.bought);
            (quantity > 0).then_some(FlashPrice {
                slot_id: row.flash_sale_id,
                sku_id: row.sku_id,
                price: Money::from_fen(row.price),
                quantity,
            })
        })
        .collect())
}

/// Takes `units` of SKU `sku_id` at flash sale `slot_id`'s price for member `user_id`'s order,
/// inside the order's transaction: counts them sold (guarded by the flash stock), checks the
/// member's limit, records the purchase (`discount`: fen the flash price took off) and moves
/// the units from the flash hold back to normal sale for the order to reserve. False when the
/// slot stopped, the flash stock ran out or the member reached their limit meanwhile: the
/// caller rolls back and prices again.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn take(
    tx: &mut Transaction<'_, Any>,
    slot_id: i64,
    sku_id: i64,
    user_id: i64,
    order_id: i64,
    units: i64,
    discount: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    // The SKU's row first (see the module's locking note).
    if !change_sellable(tx, sku_id, 0).await? {
        return Ok(false);
    }
    let item: Option<i64> = sqlx::query_scalar(&format!(
        "UPDATE flash_sale_items SET sold = sold + $2 \
         WHERE flash_sale_id = $3 AND sku_id = $4 AND sold + $2 <= quantity \
           AND EXISTS (SELECT 1 FROM flash_sales f WHERE f.id = $3 AND {RUNNING}) \
         RETURNING id"
    ))
    .bind(now)
    .bind(units)
    .bind(slot_id)
    .bind(sku_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(item_id) = item else {
        return Ok(false);
    };
    let (limit, bought): (i64, i64) = sqlx::query_as(&format!(
        "SELECT f.per_member_limit, {} FROM flash_sales f WHERE f.id = $1",
        bought_sql("$2", "$3")
    ))
    .bind(slot_id)
    .bind(item_id)
    .bind(user_id)
    .fetch_one(&mut **tx)
    .await?;
    if bought + units > limit {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO flash_sale_purchases (item_id, order_id, user_id, quantity, discount) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(item_id)
    .bind(order_id)
    .bind(user_id)
    .bind(units)
    .bind(discount)
    .execute(&mut **tx)
    .await?;
    flash_hold::release(
        tx,
        item_id,
        sku_id,
        units,
        &format!("flash sale #{slot_id}"),
        now,
    )
    .await
}

/// Gives back the flash units of an order being cancelled before shipping, after its stock was
/// released: while the slot still runs they go back into its flash stock (held again), else
/// they stay in normal sale. The member's limit counts them no more either way (the order is
/// cancelled). Called inside the cancelling transaction.
pub(crate) async fn give_back(
    conn: &mut AnyConnection,
    order_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Bought {
        item_id: i64,
        flash_sale_id: i64,
        sku_id: i64,
        product_id: i64,
        quantity: i64,
        running: i64,
    }
    let bought = sqlx::query_as::<_, Bought>(
        "SELECT p.item_id, i.flash_sale_id, i.sku_id, s.product_id, p.quantity, \
         CASE WHEN f.ends_at > $2 AND f.returned_at IS NULL THEN 1 ELSE 0 END AS running \
         FROM flash_sale_purchases p JOIN flash_sale_items i ON i.id = p.item_id \
         JOIN skus s ON s.id = i.sku_id \
         JOIN flash_sales f ON f.id = i.flash_sale_id WHERE p.order_id = $1 ORDER BY i.sku_id",
    )
    .bind(order_id)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    for b in bought {
        // The SKU's row first (see the module's locking note).
        change_sellable(conn, b.sku_id, 0).await?;
        sqlx::query("UPDATE flash_sale_items SET sold = sold - $1 WHERE id = $2")
            .bind(b.quantity)
            .bind(b.item_id)
            .execute(&mut *conn)
            .await?;
        let reason = format!("flash sale #{}", b.flash_sale_id);
        let held = b.running == 1
            && flash_hold::hold(conn, b.item_id, b.sku_id, b.quantity, &reason, now).await?;
        if !held {
            // Not held again (the slot is over, or the units were sold meanwhile): the flash
            // stock shrinks by them, so what is held still equals what is left to sell.
            sqlx::query("UPDATE flash_sale_items SET quantity = quantity - $1 WHERE id = $2")
                .bind(b.quantity)
                .bind(b.item_id)
                .execute(&mut *conn)
                .await?;
        } else {
            refresh_derived(conn, b.product_id).await?;
        }
    }
    Ok(())
}

/// Returns to normal sale the flash stock left of slot `id` and marks it returned, inside `tx`.
/// False when it was returned already (another instance, or the operator, did it).
async fn return_stock(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "UPDATE flash_sales SET returned_at = $2 WHERE id = $1 AND returned_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Ok(false);
    }
    #[derive(sqlx::FromRow)]
    struct Item {
        item_id: i64,
        sku_id: i64,
        product_id: i64,
    }
    let items = sqlx::query_as::<_, Item>(
        "SELECT i.id AS item_id, i.sku_id, s.product_id \
         FROM flash_sale_items i JOIN skus s ON s.id = i.sku_id \
         WHERE i.flash_sale_id = $1 ORDER BY i.sku_id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let reason = format!("flash sale #{id}");
    for item in items {
        // The SKU's row first: what is held cannot change between reading it and releasing it.
        change_sellable(tx, item.sku_id, 0).await?;
        let held: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM flash_sale_holds \
             WHERE item_id = $1",
        )
        .bind(item.item_id)
        .fetch_one(&mut **tx)
        .await?;
        if !flash_hold::release(tx, item.item_id, item.sku_id, held, &reason, now).await? {
            return Err(sqlx::Error::Protocol(format!(
                "flash sale {id}: its holds disagree with the stock ledger"
            )));
        }
        refresh_derived(tx, item.product_id).await?;
    }
    Ok(true)
}

/// Returns the stock left of every flash sale that ended by `now`: how many slots. Run every
/// few seconds by the server's jobs; safe on several instances at once.
pub async fn return_ended(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM flash_sales WHERE ends_at <= $1 AND returned_at IS NULL ORDER BY id",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut returned = 0;
    for id in due {
        let mut tx = db.writer().begin().await?;
        if return_stock(&mut tx, id, now).await? {
            tx.commit().await?;
            returned += 1;
        } else {
            tx.rollback().await?;
        }
    }
    if returned > 0 {
        db.catalog_changed();
    }
    Ok(returned)
}

/// Ends flash sale `id` now (an operator's "End"): it stops selling and its stock left goes
/// back at once, in `tx`. False when it had ended already.
pub(crate) async fn end_now(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let ended = sqlx::query(
        "UPDATE flash_sales SET ends_at = $2, \
         starts_at = CASE WHEN starts_at > $2 THEN $2 ELSE starts_at END \
         WHERE id = $1 AND ends_at > $2 AND returned_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if ended.rows_affected() != 1 {
        return Ok(false);
    }
    return_stock(tx, id, now).await
}

#[derive(sqlx::FromRow)]
struct OfferRow {
    flash_sale_id: i64,
    sku_id: i64,
    price: i64,
    regular: i64,
    quantity: i64,
    sold: i64,
    per_member_limit: i64,
    starts_at: i64,
    ends_at: i64,
}

impl From<&OfferRow> for FlashOffer {
    fn from(row: &OfferRow) -> FlashOffer {
        FlashOffer {
            flash_sale_id: row.flash_sale_id,
            sku_id: row.sku_id,
            price: Money::from_fen(row.price),
            regular: Money::from_fen(row.regular),
            quantity: row.quantity,
            sold: row.sold,
            per_member_limit: row.per_member_limit,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
        }
    }
}

const OFFER_COLUMNS: &str = "i.flash_sale_id, i.sku_id, i.price, s.price AS regular, i.quantity, \
     i.sold, f.per_member_limit, f.starts_at, f.ends_at";

/// Slots shown to shoppers at `$1`: running, or starting within a day; not paused.
const SHOWN: &str = "f.ends_at > $1 AND f.starts_at <= $1 + 86400 AND f.paused = 0 \
     AND f.returned_at IS NULL";

/// The flash offers of product `product_id` running or starting within a day at `now`, the
/// soonest first: for the product page's badge.
pub async fn product_offers(
    db: &Db,
    product_id: i64,
    now: i64,
) -> Result<Vec<FlashOffer>, sqlx::Error> {
    let rows = sqlx::query_as::<_, OfferRow>(&format!(
        "SELECT {OFFER_COLUMNS} FROM flash_sale_items i \
         JOIN flash_sales f ON f.id = i.flash_sale_id JOIN skus s ON s.id = i.sku_id \
         WHERE s.product_id = $2 AND {SHOWN} ORDER BY f.starts_at, i.sku_id"
    ))
    .bind(now)
    .bind(product_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.iter().map(FlashOffer::from).collect())
}

/// The home page's flash-sale shelf at `now`: running offers first (ending soonest first),
/// then those starting within a day; at most `limit`.
pub async fn shelf(
    db: &Db,
    locale: Locale,
    now: i64,
    limit: i64,
) -> Result<Vec<FlashShelfItem>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        offer: OfferRow,
        #[sqlx(flatten)]
        card: CardRow,
    }
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT {OFFER_COLUMNS}, {} FROM flash_sale_items i \
         JOIN flash_sales f ON f.id = i.flash_sale_id JOIN skus s ON s.id = i.sku_id \
         JOIN products p ON p.id = s.product_id \
         WHERE {SHOWN} AND p.status = 'active' AND s.status = 'active' \
         ORDER BY CASE WHEN f.starts_at <= $1 THEN 0 ELSE 1 END, f.ends_at, f.starts_at, i.id \
         LIMIT $2",
        card_columns(locale)
    ))
    .bind(now)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| FlashShelfItem {
            offer: FlashOffer::from(&row.offer),
            product: ProductSummary::from(row.card),
        })
        .collect())
}

/// Every flash sale, the newest first, with its SKUs and report (over paid orders).
pub async fn admin_flash_sales(
    db: &Db,
    locale: Locale,
    now: i64,
) -> Result<Vec<AdminFlashSale>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct SaleRow {
        id: i64,
        name: String,
        starts_at: i64,
        ends_at: i64,
        per_member_limit: i64,
        paused: i64,
        report_orders: i64,
        report_discount: i64,
        report_gmv: i64,
        report_new_members: i64,
    }
    let paid = "FROM flash_sale_purchases p JOIN flash_sale_items pi ON pi.id = p.item_id \
         JOIN orders o ON o.id = p.order_id \
         WHERE pi.flash_sale_id = f.id AND o.paid_at IS NOT NULL";
    let sales = sqlx::query_as::<_, SaleRow>(&format!(
        "SELECT f.id, f.name, f.starts_at, f.ends_at, f.per_member_limit, f.paused, \
         (SELECT COUNT(DISTINCT p.order_id) {paid}) AS report_orders, \
         (SELECT CAST(COALESCE(SUM(p.discount), 0) AS BIGINT) {paid}) AS report_discount, \
         (SELECT CAST(COALESCE(SUM(p.quantity * pi.price), 0) AS BIGINT) {paid}) AS report_gmv, \
         (SELECT COUNT(DISTINCT o.user_id) {paid} AND o.user_id IN \
           (SELECT u.id FROM users u WHERE u.created_at >= f.starts_at)) AS report_new_members \
         FROM flash_sales f ORDER BY f.id DESC"
    ))
    .fetch_all(db.pool())
    .await?;
    #[derive(sqlx::FromRow)]
    struct ItemRow {
        flash_sale_id: i64,
        sku_code: String,
        name: String,
        price: i64,
        regular: i64,
        quantity: i64,
        sold: i64,
    }
    let items = sqlx::query_as::<_, ItemRow>(&format!(
        "SELECT i.flash_sale_id, s.code AS sku_code, p.name_{} AS name, i.price, \
         s.price AS regular, i.quantity, i.sold FROM flash_sale_items i \
         JOIN skus s ON s.id = i.sku_id JOIN products p ON p.id = s.product_id ORDER BY i.id",
        crate::db::catalog::lang(locale)
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(sales
        .into_iter()
        .map(|sale| AdminFlashSale {
            id: sale.id,
            items: items
                .iter()
                .filter(|i| i.flash_sale_id == sale.id)
                .map(|i| AdminFlashItem {
                    sku_code: i.sku_code.clone(),
                    name: i.name.clone(),
                    price: Money::from_fen(i.price),
                    regular: Money::from_fen(i.regular),
                    quantity: i.quantity,
                    sold: i.sold,
                })
                .collect(),
            status: PromotionStatus::at(now, sale.starts_at, sale.ends_at, sale.paused != 0),
            name: sale.name,
            starts_at: sale.starts_at,
            ends_at: sale.ends_at,
            per_member_limit: sale.per_member_limit,
            report: PromotionReport {
                orders: sale.report_orders,
                discount: Money::from_fen(sale.report_discount),
                gmv: Money::from_fen(sale.report_gmv),
                new_members: sale.report_new_members,
            },
        })
        .collect())
}
