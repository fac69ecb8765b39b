//! A flash sale's stock in the ledger: held out of normal sale in warehouses (movements of kind
//! `flash_held`, recorded in `flash_sale_holds`) and released back (`flash_released`) when an
//! order buys it or the slot ends. Held units count as reserved, so on hand − reserved still
//! equals `skus.stock` for every SKU ([`super::mismatches`]).

use super::{change_sellable, free_holdings, record};
use crate::domain::stock::{allocate, Holding, Movement, MovementKind};
use sqlx::AnyConnection;

/// Records one flash movement of (warehouse, kind, units) for a SKU, not tied to an order.
async fn flash_movement(
    conn: &mut AnyConnection,
    sku_id: i64,
    (warehouse_id, kind, units): (i64, MovementKind, i64),
    reason: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let movement = Movement::for_order(kind, units);
    record(
        conn,
        warehouse_id,
        sku_id,
        movement,
        None,
        reason,
        None,
        now,
    )
    .await
}

/// Takes `quantity` units of a SKU out of normal sale for flash item `item_id`, from the
/// warehouses with the most free units. False (the caller rolls back) when fewer are free.
pub(crate) async fn hold(
    conn: &mut AnyConnection,
    item_id: i64,
    sku_id: i64,
    quantity: i64,
    reason: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if !change_sellable(conn, sku_id, -quantity).await? {
        return Ok(false);
    }
    let holdings: Vec<Holding> = free_holdings(conn, sku_id)
        .await?
        .into_iter()
        .map(|row| Holding {
            warehouse_id: row.warehouse_id,
            serves_delivery_region: false,
            available: row.available,
        })
        .collect();
    let Some(taken) = allocate(quantity, &holdings) else {
        return Ok(false);
    };
    for part in taken {
        let held = (part.warehouse_id, MovementKind::FlashHeld, part.quantity);
        if !flash_movement(conn, sku_id, held, reason, now).await? {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO flash_sale_holds (item_id, warehouse_id, quantity) VALUES ($1, $2, $3) \
             ON CONFLICT (item_id, warehouse_id) \
             DO UPDATE SET quantity = flash_sale_holds.quantity + excluded.quantity",
        )
        .bind(item_id)
        .bind(part.warehouse_id)
        .bind(part.quantity)
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

/// Puts `quantity` held units of flash item `item_id` back into normal sale, from its largest
/// holds first. False (the caller rolls back) when the item holds fewer.
pub(crate) async fn release(
    conn: &mut AnyConnection,
    item_id: i64,
    sku_id: i64,
    quantity: i64,
    reason: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if quantity <= 0 {
        return Ok(true);
    }
    // The SKU's row first, as every writer of its stock (see the stock module).
    if !change_sellable(conn, sku_id, quantity).await? {
        return Ok(false);
    }
    #[derive(sqlx::FromRow)]
    struct Held {
        warehouse_id: i64,
        quantity: i64,
    }
    let holds: Vec<Held> = sqlx::query_as(
        "SELECT warehouse_id, quantity FROM flash_sale_holds \
         WHERE item_id = $1 AND quantity > 0 ORDER BY quantity DESC, warehouse_id",
    )
    .bind(item_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut left = quantity;
    for held in holds {
        if left == 0 {
            break;
        }
        let take = left.min(held.quantity);
        let released = (held.warehouse_id, MovementKind::FlashReleased, take);
        if !flash_movement(conn, sku_id, released, reason, now).await? {
            return Ok(false);
        }
        sqlx::query(
            "UPDATE flash_sale_holds SET quantity = quantity - $1 \
             WHERE item_id = $2 AND warehouse_id = $3",
        )
        .bind(take)
        .bind(item_id)
        .bind(held.warehouse_id)
        .execute(&mut *conn)
        .await?;
        left -= take;
    }
    Ok(left == 0)
}
