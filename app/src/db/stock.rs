//! Warehouses and the stock ledger (`warehouses`, `warehouse_stock`, `stock_movements`,
//! `order_allocations`). The rules are in [`crate::domain::stock`].
//!
//! Locking: every writer of a SKU's stock first changes that SKU's `skus` row (the guarded
//! `stock` update, by zero when the sellable count does not move). On PostgreSQL that row lock
//! serialises every writer of one SKU, and SQLite has one writer connection, so the
//! `warehouse_stock` rows read afterwards cannot change underneath. Each `warehouse_stock` change
//! is written together with its movement, so on hand and reserved equal the sums of the ledger.

use super::{audit, catalog::refresh_derived, unix_now, Db};
use crate::domain::audit::{Action, AuditActor, ObjectKind};
use crate::domain::form::{problem, Field, FieldProblem, Problem};
use crate::domain::locale::Locale;
use crate::domain::mail::Mail;
use crate::domain::owner::{Owner, Scope};
use crate::domain::stock::{
    allocate, falls_to_low, serves, Adjustment, Allocation, Holding, LedgerEntry, Level, Movement,
    MovementKind, SkuStockView, Transfer, ValidWarehouse, Warehouse, DEFAULT_LOW_STOCK,
};
use sqlx::{Any, AnyConnection, Transaction};

pub(crate) mod flash_hold;
mod ledger;
mod thresholds;
mod warehouses;

use ledger::level;
pub(crate) use ledger::levels_of;
pub use ledger::{ledger, levels, mismatches, sku_stock};
use thresholds::alert_low_stock;
use warehouses::default_warehouse;

pub(crate) use thresholds::THRESHOLD;
pub use thresholds::{owner_threshold, set_default_threshold, set_sku_threshold};
pub use warehouses::{save_warehouse, warehouses};

#[derive(Debug, thiserror::Error)]
pub enum StockError {
    #[error("no such SKU")]
    NotFound,
    #[error("invalid: {0:?}")]
    Invalid(FieldProblem),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Changes the SKU's sellable count by `delta` (guarded: never below zero) and so takes its row
/// lock. False when the count would go below zero or the SKU does not exist. When the count
/// falls to the SKU's low-stock threshold, the alert mail is queued in the same transaction.
pub(crate) async fn change_sellable(
    conn: &mut AnyConnection,
    sku_id: i64,
    delta: i64,
) -> Result<bool, sqlx::Error> {
    let changed: Option<i64> = sqlx::query_scalar(
        "UPDATE skus SET stock = stock + $1 WHERE id = $2 AND stock + $1 >= 0 RETURNING stock",
    )
    .bind(delta)
    .bind(sku_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(changed) = changed else {
        return Ok(false);
    };
    if delta < 0 {
        let (owner, threshold): (Option<i64>, i64) = sqlx::query_as(&format!(
            "SELECT p.owner_id, CAST({THRESHOLD} AS BIGINT) FROM skus s \
             JOIN products p ON p.id = s.product_id WHERE s.id = $1"
        ))
        .bind(sku_id)
        .fetch_one(&mut *conn)
        .await?;
        if falls_to_low(changed - delta, changed, threshold) {
            alert_low_stock(conn, Owner::from_column(owner), sku_id, changed, threshold).await?;
        }
    }
    Ok(true)
}

/// Writes one movement and its effect on `warehouse_stock`, guarded so that on hand never goes
/// below reserved and reserved never below zero. False (nothing written) when it would.
/// The caller holds the SKU's row lock and changes `skus.stock` by `movement.sellable_delta()`.
#[allow(clippy::too_many_arguments)]
async fn record(
    conn: &mut AnyConnection,
    warehouse_id: i64,
    sku_id: i64,
    movement: Movement,
    order_id: Option<i64>,
    reason: &str,
    actor_id: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let Movement {
        kind,
        on_hand_delta,
        reserved_delta,
    } = movement;
    let updated = sqlx::query(
        "UPDATE warehouse_stock SET on_hand = on_hand + $1, reserved = reserved + $2 \
         WHERE warehouse_id = $3 AND sku_id = $4 \
           AND reserved + $2 >= 0 AND on_hand + $1 >= reserved + $2",
    )
    .bind(on_hand_delta)
    .bind(reserved_delta)
    .bind(warehouse_id)
    .bind(sku_id)
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() == 0 {
        let exists: Option<i64> = sqlx::query_scalar(
            "SELECT on_hand FROM warehouse_stock WHERE warehouse_id = $1 AND sku_id = $2",
        )
        .bind(warehouse_id)
        .bind(sku_id)
        .fetch_optional(&mut *conn)
        .await?;
        if exists.is_some() || reserved_delta < 0 || on_hand_delta < reserved_delta {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO warehouse_stock (warehouse_id, sku_id, on_hand, reserved) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(warehouse_id)
        .bind(sku_id)
        .bind(on_hand_delta)
        .bind(reserved_delta)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "INSERT INTO stock_movements (warehouse_id, sku_id, kind, on_hand_delta, reserved_delta, \
         order_id, reason, actor_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(warehouse_id)
    .bind(sku_id)
    .bind(kind.as_str())
    .bind(on_hand_delta)
    .bind(reserved_delta)
    .bind(order_id)
    .bind(reason)
    .bind(actor_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct HoldingRow {
    warehouse_id: i64,
    serves: String,
    available: i64,
}

/// The warehouses with free units of a SKU (on hand − reserved > 0), most free first, then the
/// oldest: what both an order's reservation and an editor's reduction choose from.
async fn free_holdings(
    conn: &mut AnyConnection,
    sku_id: i64,
) -> Result<Vec<HoldingRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT ws.warehouse_id, w.serves, ws.on_hand - ws.reserved AS available \
         FROM warehouse_stock ws JOIN warehouses w ON w.id = ws.warehouse_id \
         WHERE ws.sku_id = $1 AND ws.on_hand > ws.reserved \
         ORDER BY ws.on_hand - ws.reserved DESC, ws.warehouse_id",
    )
    .bind(sku_id)
    .fetch_all(conn)
    .await
}

/// Reserves `quantity` units of a SKU for an order, from the warehouses the rule in
/// [`allocate`] picks for a delivery to `region` (a region code), and records the allocations.
/// The caller has already taken the units off `skus.stock` (and so holds the row lock). False
/// when the warehouses do not hold enough, which means the ledger and `skus.stock` disagree;
/// the caller rolls back.
pub(crate) async fn reserve(
    conn: &mut AnyConnection,
    order_id: i64,
    sku_id: i64,
    quantity: i64,
    region: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let rows = free_holdings(conn, sku_id).await?;
    let holdings: Vec<Holding> = rows
        .iter()
        .map(|r| Holding {
            warehouse_id: r.warehouse_id,
            serves_delivery_region: serves(&r.serves, region),
            available: r.available,
        })
        .collect();
    let Some(taken) = allocate(quantity, &holdings) else {
        return Ok(false);
    };
    for Allocation {
        warehouse_id,
        quantity,
    } in taken
    {
        let movement = Movement::for_order(MovementKind::Reserved, quantity);
        if !record(
            conn,
            warehouse_id,
            sku_id,
            movement,
            Some(order_id),
            "",
            None,
            now,
        )
        .await?
        {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO order_allocations (order_id, sku_id, warehouse_id, quantity) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(order_id)
        .bind(sku_id)
        .bind(warehouse_id)
        .bind(quantity)
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct AllocationRow {
    sku_id: i64,
    product_id: i64,
    warehouse_id: i64,
    quantity: i64,
}

/// What happens to an order's goods: released (cancelled or refunded before shipping), shipped,
/// or returned (back from the shopper after shipping). Applies `kind` to every allocation of the
/// order, keeping `skus.stock` and the listing figures in step.
pub(crate) async fn settle_order(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    kind: MovementKind,
) -> Result<(), sqlx::Error> {
    settle(tx, order_id, None, kind).await
}

/// As [`settle_order`], for the goods of one parcel (`shipments.id`) of the order only.
pub(crate) async fn settle_parcel(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    shipment_id: i64,
    kind: MovementKind,
) -> Result<(), sqlx::Error> {
    settle(tx, order_id, Some(shipment_id), kind).await
}

async fn settle(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    shipment_id: Option<i64>,
    kind: MovementKind,
) -> Result<(), sqlx::Error> {
    let rows: Vec<AllocationRow> = sqlx::query_as(
        "SELECT a.sku_id, s.product_id, a.warehouse_id, a.quantity FROM order_allocations a \
         JOIN skus s ON s.id = a.sku_id \
         JOIN order_items i ON i.order_id = a.order_id AND i.sku_id = a.sku_id \
         WHERE a.order_id = $1 AND ($2 IS NULL OR i.shipment_id = $2) \
         ORDER BY a.sku_id, a.warehouse_id",
    )
    .bind(order_id)
    .bind(shipment_id)
    .fetch_all(&mut **tx)
    .await?;
    let now = unix_now();
    let mut touched = Vec::new();
    for row in rows {
        let movement = Movement::for_order(kind, row.quantity);
        change_sellable(tx, row.sku_id, movement.sellable_delta()).await?;
        let recorded = record(
            tx,
            row.warehouse_id,
            row.sku_id,
            movement,
            Some(order_id),
            "",
            None,
            now,
        )
        .await?;
        if !recorded {
            // Only a ledger that disagrees with its orders gets here; refusing keeps it honest.
            return Err(sqlx::Error::Protocol(format!(
                "stock ledger: {} of SKU {} cannot be {} at warehouse {}",
                row.quantity,
                row.sku_id,
                kind.as_str(),
                row.warehouse_id
            )));
        }
        if !touched.contains(&row.product_id) {
            touched.push(row.product_id);
        }
    }
    if kind != MovementKind::Shipped {
        for product_id in touched {
            refresh_derived(tx, product_id).await?;
        }
    }
    Ok(())
}

/// Brings a SKU's sellable count to `target` units, as the product editor's "Stock" field does:
/// more goes to its owner's oldest warehouse ("received" for a new SKU, else "adjusted"); less is taken
/// from the warehouses with the most free units first. Returns false when the warehouses do not
/// have that many free units (the rest is held for orders). The caller holds a transaction.
pub(crate) async fn set_sellable(
    tx: &mut Transaction<'_, Any>,
    sku_id: i64,
    target: i64,
    new_sku: bool,
    actor_id: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let current: i64 = sqlx::query_scalar("SELECT stock FROM skus WHERE id = $1")
        .bind(sku_id)
        .fetch_one(&mut **tx)
        .await?;
    let delta = target - current;
    if delta == 0 {
        return Ok(true);
    }
    if !change_sellable(tx, sku_id, delta).await? {
        return Ok(false);
    }
    let now = unix_now();
    let kind = if new_sku {
        MovementKind::Received
    } else {
        MovementKind::Adjusted
    };
    if delta > 0 {
        let owner: Option<i64> = sqlx::query_scalar(
            "SELECT p.owner_id FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id = $1",
        )
        .bind(sku_id)
        .fetch_one(&mut **tx)
        .await?;
        let warehouse_id = default_warehouse(tx, Owner::from_column(owner)).await?;
        let movement = Movement::for_order(kind, delta);
        return record(tx, warehouse_id, sku_id, movement, None, "", actor_id, now).await;
    }
    let free: Vec<(i64, i64)> = free_holdings(tx, sku_id)
        .await?
        .into_iter()
        .map(|r| (r.warehouse_id, r.available))
        .collect();
    let mut left = -delta;
    for (warehouse_id, available) in free {
        let take = left.min(available);
        let movement = Movement::for_order(kind, -take);
        if !record(tx, warehouse_id, sku_id, movement, None, "", actor_id, now).await? {
            return Ok(false);
        }
        left -= take;
        if left == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The product of SKU `sku_id` when the SKU exists and `scope` covers its product's owner.
async fn sku_product(
    conn: &mut AnyConnection,
    scope: Scope,
    sku_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    Ok(sku_owner(conn, scope, sku_id)
        .await?
        .map(|(product_id, _)| product_id))
}

/// The product of SKU `sku_id` and the scope of that product's owner alone (what its stock may
/// be held in), when the SKU exists and `scope` covers the owner.
async fn sku_owner(
    conn: &mut AnyConnection,
    scope: Scope,
    sku_id: i64,
) -> Result<Option<(i64, Scope)>, sqlx::Error> {
    let row: Option<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT s.product_id, p.owner_id FROM skus s JOIN products p ON p.id = s.product_id \
         WHERE s.id = $1",
    )
    .bind(sku_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row
        .map(|(product_id, owner)| (product_id, Owner::from_column(owner)))
        .filter(|(_, owner)| scope.covers(*owner))
        .map(|(product_id, owner)| (product_id, Scope::Only(owner))))
}

/// Warehouse `id`'s name when it exists and `scope` covers its owner.
async fn warehouse_name(
    conn: &mut AnyConnection,
    scope: Scope,
    id: i64,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT name, owner_id FROM warehouses WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row
        .filter(|(_, owner)| scope.covers(Owner::from_column(*owner)))
        .map(|(name, _)| name))
}

/// An operator's adjustment of one SKU at one warehouse, with its reason; written to the ledger
/// and the audit log in one transaction. Returns the warehouse's new figures.
///
/// Errors: `NotFound` for an unknown SKU; `Invalid` at "Warehouse" for an unknown warehouse, at
/// "Quantity" when it would leave fewer units than orders hold. A SKU or warehouse of an owner
/// `scope` does not cover counts as unknown.
pub async fn adjust(
    db: &Db,
    scope: Scope,
    actor: &AuditActor,
    sku_id: i64,
    adjustment: &Adjustment,
) -> Result<Level, StockError> {
    let mut tx = db.writer().begin().await?;
    // An owner's stock is held only in its own warehouses.
    let (product_id, holder) = sku_owner(&mut tx, scope, sku_id)
        .await?
        .ok_or(StockError::NotFound)?;
    let warehouse = warehouse_name(&mut tx, holder, adjustment.warehouse_id).await?;
    let Some(warehouse_name) = warehouse else {
        return Err(StockError::Invalid(problem(
            Field::Warehouse,
            Problem::WarehouseInvalid,
        )));
    };
    let below = || StockError::Invalid(problem(Field::Quantity, Problem::AdjustmentBelowReserved));
    let movement = Movement::for_order(MovementKind::Adjusted, adjustment.delta);
    if !change_sellable(&mut tx, sku_id, movement.sellable_delta()).await? {
        return Err(below());
    }
    let before = level(&mut tx, adjustment.warehouse_id, sku_id).await?;
    let recorded = record(
        &mut tx,
        adjustment.warehouse_id,
        sku_id,
        movement,
        None,
        &adjustment.reason,
        Some(actor.user_id),
        unix_now(),
    )
    .await?;
    if !recorded {
        return Err(below());
    }
    let after = level(&mut tx, adjustment.warehouse_id, sku_id).await?;
    refresh_derived(&mut tx, product_id).await?;
    let json = |(on_hand, reserved): (i64, i64)| {
        serde_json::json!({
            "warehouse": warehouse_name,
            "on_hand": on_hand,
            "reserved": reserved,
            "reason": adjustment.reason,
        })
    };
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Stock,
        &sku_id.to_string(),
        Action::Update,
        before.map(json).as_ref(),
        after.map(json).as_ref(),
    )
    .await?;
    tx.commit().await?;
    db.catalog_changed();
    let (on_hand, reserved) = after.unwrap_or((0, 0));
    Ok(Level {
        warehouse_id: adjustment.warehouse_id,
        warehouse_name,
        on_hand,
        reserved,
    })
}

/// Moves units of a SKU from one warehouse to another: two `transferred` movements (out, in)
/// and an audit entry in one transaction; the shop's sellable count does not change. Returns
/// both warehouses' new figures (from, to).
///
/// Errors: `NotFound` for an unknown SKU; `Invalid` at "Warehouse"/"To" for an unknown
/// warehouse, at "Quantity" when the first has fewer units free than asked. A SKU or warehouse
/// of an owner `scope` does not cover counts as unknown.
pub async fn transfer(
    db: &Db,
    scope: Scope,
    actor: &AuditActor,
    sku_id: i64,
    transfer: &Transfer,
) -> Result<[Level; 2], StockError> {
    let mut tx = db.writer().begin().await?;
    // An owner's stock moves only between its own warehouses.
    let Some((_, holder)) = sku_owner(&mut tx, scope, sku_id).await? else {
        return Err(StockError::NotFound);
    };
    // Takes the SKU's row lock, like every other writer of its stock.
    if !change_sellable(&mut tx, sku_id, 0).await? {
        return Err(StockError::NotFound);
    }
    let from_name = warehouse_name(&mut tx, holder, transfer.from_id)
        .await?
        .ok_or_else(|| StockError::Invalid(problem(Field::Warehouse, Problem::WarehouseInvalid)))?;
    let to_name = warehouse_name(&mut tx, holder, transfer.to_id)
        .await?
        .ok_or_else(|| {
            StockError::Invalid(problem(Field::TransferTo, Problem::TransferToInvalid))
        })?;
    let before = [
        level(&mut tx, transfer.from_id, sku_id).await?,
        level(&mut tx, transfer.to_id, sku_id).await?,
    ];
    let now = unix_now();
    let out = Movement::for_order(MovementKind::Transferred, -transfer.quantity);
    let moved_out = record(
        &mut tx,
        transfer.from_id,
        sku_id,
        out,
        None,
        &transfer.reason,
        Some(actor.user_id),
        now,
    )
    .await?;
    if !moved_out {
        return Err(StockError::Invalid(problem(
            Field::Quantity,
            Problem::TransferBeyondFree,
        )));
    }
    let into = Movement::for_order(MovementKind::Transferred, transfer.quantity);
    record(
        &mut tx,
        transfer.to_id,
        sku_id,
        into,
        None,
        &transfer.reason,
        Some(actor.user_id),
        now,
    )
    .await?;
    let after = [
        level(&mut tx, transfer.from_id, sku_id).await?,
        level(&mut tx, transfer.to_id, sku_id).await?,
    ];
    let json = |levels: [Option<(i64, i64)>; 2]| {
        let side = |name: &str, level: Option<(i64, i64)>| {
            let (on_hand, reserved) = level.unwrap_or((0, 0));
            serde_json::json!({ "warehouse": name, "on_hand": on_hand, "reserved": reserved })
        };
        serde_json::json!({
            "from": side(&from_name, levels[0]),
            "to": side(&to_name, levels[1]),
            "reason": transfer.reason,
        })
    };
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Stock,
        &sku_id.to_string(),
        Action::Update,
        Some(&json(before)),
        Some(&json(after)),
    )
    .await?;
    tx.commit().await?;
    let figures = |id: i64, name: String, level: Option<(i64, i64)>| {
        let (on_hand, reserved) = level.unwrap_or((0, 0));
        Level {
            warehouse_id: id,
            warehouse_name: name,
            on_hand,
            reserved,
        }
    };
    Ok([
        figures(transfer.from_id, from_name, after[0]),
        figures(transfer.to_id, to_name, after[1]),
    ])
}

/// Brings a SKU's sellable count to `target` units in its own transaction, the way the product
/// editor's "Stock" field does (see [`set_sellable`]), with the listing figures refreshed. False
/// when orders hold more than `target` allows. For tools and tests that set up a shelf.
pub async fn restock_to(db: &Db, sku_id: i64, target: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    if !set_sellable(&mut tx, sku_id, target, false, None).await? {
        return Ok(false);
    }
    let product_id: i64 = sqlx::query_scalar("SELECT product_id FROM skus WHERE id = $1")
        .bind(sku_id)
        .fetch_one(&mut *tx)
        .await?;
    refresh_derived(&mut tx, product_id).await?;
    tx.commit().await?;
    db.catalog_changed();
    Ok(true)
}
