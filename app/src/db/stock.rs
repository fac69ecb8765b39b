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
use crate::domain::stock::{
    allocate, falls_to_low, serves, Adjustment, Allocation, Holding, LedgerEntry, Level, Movement,
    MovementKind, SkuStockView, ValidWarehouse, Warehouse, DEFAULT_LOW_STOCK,
};
use sqlx::{Any, AnyConnection, Transaction};

#[derive(Debug, thiserror::Error)]
pub enum StockError {
    #[error("no such SKU")]
    NotFound,
    #[error("invalid: {0:?}")]
    Invalid(FieldProblem),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Every warehouse, oldest first.
pub async fn warehouses(db: &Db) -> Result<Vec<Warehouse>, sqlx::Error> {
    let rows: Vec<WarehouseRow> =
        sqlx::query_as("SELECT id, name, region, serves, owner_id FROM warehouses ORDER BY id")
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().map(WarehouseRow::into_warehouse).collect())
}

#[derive(sqlx::FromRow)]
struct WarehouseRow {
    id: i64,
    name: String,
    region: String,
    serves: String,
    owner_id: Option<i64>,
}

impl WarehouseRow {
    fn into_warehouse(self) -> Warehouse {
        Warehouse {
            id: self.id,
            name: self.name,
            region: self.region,
            serves: self.serves.split(',').map(str::to_string).collect(),
            owner_id: self.owner_id,
        }
    }
}

#[derive(sqlx::FromRow)]
struct LevelRow {
    warehouse_id: i64,
    warehouse_name: String,
    on_hand: i64,
    reserved: i64,
}

impl From<LevelRow> for Level {
    fn from(r: LevelRow) -> Level {
        Level {
            warehouse_id: r.warehouse_id,
            warehouse_name: r.warehouse_name,
            on_hand: r.on_hand,
            reserved: r.reserved,
        }
    }
}

/// Creates a platform warehouse (`id` None) or changes one. Returns its id.
pub async fn save_warehouse(
    db: &Db,
    actor: &AuditActor,
    id: Option<i64>,
    warehouse: &ValidWarehouse,
) -> Result<i64, StockError> {
    let mut tx = db.writer().begin().await?;
    let serves = warehouse.serves.join(",");
    let before: Option<Warehouse> = match id {
        Some(id) => Some(
            sqlx::query_as::<_, WarehouseRow>(
                "SELECT id, name, region, serves, owner_id FROM warehouses WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StockError::NotFound)?
            .into_warehouse(),
        ),
        None => None,
    };
    let written = match id {
        Some(id) => sqlx::query_scalar(
            "UPDATE warehouses SET name = $1, region = $2, serves = $3 WHERE id = $4 RETURNING id",
        )
        .bind(&warehouse.name)
        .bind(warehouse.region)
        .bind(&serves)
        .bind(id)
        .fetch_one(&mut *tx)
        .await,
        None => {
            sqlx::query_scalar(
                "INSERT INTO warehouses (name, region, serves, owner_id, created_at) \
             VALUES ($1, $2, $3, NULL, $4) RETURNING id",
            )
            .bind(&warehouse.name)
            .bind(warehouse.region)
            .bind(&serves)
            .bind(unix_now())
            .fetch_one(&mut *tx)
            .await
        }
    };
    let id: i64 = match written {
        Ok(id) => id,
        Err(e) if super::is_unique_violation(&e) => {
            return Err(StockError::Invalid(problem(
                Field::Name,
                Problem::WarehouseNameTaken,
            )))
        }
        Err(e) => return Err(e.into()),
    };
    let json = |w: &Warehouse| serde_json::to_value(w).expect("plain fields");
    let after = Warehouse {
        id,
        name: warehouse.name.clone(),
        region: warehouse.region.to_string(),
        serves: warehouse.serves.iter().map(|c| c.to_string()).collect(),
        owner_id: before.as_ref().and_then(|b| b.owner_id),
    };
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Warehouse,
        &id.to_string(),
        if before.is_some() {
            Action::Update
        } else {
            Action::Create
        },
        before.as_ref().map(json).as_ref(),
        Some(&json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct Changed {
    stock: i64,
    low_stock_threshold: Option<i64>,
}

/// Changes the SKU's sellable count by `delta` (guarded: never below zero) and so takes its row
/// lock. False when the count would go below zero or the SKU does not exist. When the count
/// falls to the SKU's low-stock threshold, the alert mail is queued in the same transaction.
pub(crate) async fn change_sellable(
    conn: &mut AnyConnection,
    sku_id: i64,
    delta: i64,
) -> Result<bool, sqlx::Error> {
    let changed: Option<Changed> = sqlx::query_as(
        "UPDATE skus SET stock = stock + $1 WHERE id = $2 AND stock + $1 >= 0 \
         RETURNING stock, low_stock_threshold",
    )
    .bind(delta)
    .bind(sku_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(changed) = changed else {
        return Ok(false);
    };
    if delta < 0 {
        let threshold = match changed.low_stock_threshold {
            Some(own) => own,
            None => default_threshold(conn).await?,
        };
        if falls_to_low(changed.stock - delta, changed.stock, threshold) {
            alert_low_stock(conn, sku_id, changed.stock, threshold).await?;
        }
    }
    Ok(true)
}

/// The platform's default low-stock threshold, in units.
pub async fn platform_threshold(db: &Db) -> Result<i64, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    default_threshold(&mut conn).await
}

/// The platform's default low-stock threshold, in units, read on `conn`.
pub(crate) async fn default_threshold(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    let stored: Option<i64> = sqlx::query_scalar(
        "SELECT low_stock_threshold FROM stock_settings WHERE owner_key = 'platform'",
    )
    .fetch_optional(conn)
    .await?;
    Ok(stored.unwrap_or(DEFAULT_LOW_STOCK))
}

#[derive(sqlx::FromRow)]
struct Recipient {
    email: String,
    preferred_locale: String,
}

#[derive(sqlx::FromRow)]
struct SkuNames {
    code: String,
    name_zh_hant: String,
    name_zh_hans: String,
    name_en: String,
}

/// Queues the low-stock mail to every operator holding the catalog permission, each in their
/// language.
async fn alert_low_stock(
    conn: &mut AnyConnection,
    sku_id: i64,
    left: i64,
    threshold: i64,
) -> Result<(), sqlx::Error> {
    let recipients: Vec<Recipient> = sqlx::query_as(
        "SELECT u.email, u.preferred_locale FROM users u \
         JOIN staff_permissions p ON p.user_id = u.id \
         WHERE p.permission = 'catalog' AND u.email IS NOT NULL ORDER BY u.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    if recipients.is_empty() {
        return Ok(());
    }
    let names: SkuNames = sqlx::query_as(
        "SELECT s.code, p.name_zh_hant, p.name_zh_hans, p.name_en FROM skus s \
         JOIN products p ON p.id = s.product_id WHERE s.id = $1",
    )
    .bind(sku_id)
    .fetch_one(&mut *conn)
    .await?;
    for recipient in recipients {
        let locale = Locale::from_tag(&recipient.preferred_locale).unwrap_or(Locale::ZhHant);
        let product = match locale {
            Locale::ZhHant => &names.name_zh_hant,
            Locale::ZhHans => &names.name_zh_hans,
            Locale::En => &names.name_en,
        };
        let mail = Mail::LowStock {
            sku_code: names.code.clone(),
            product: product.clone(),
            left,
            threshold,
        };
        super::outbox::enqueue(&mut *conn, &recipient.email, locale, &mail).await?;
    }
    Ok(())
}

/// Sets the platform's default low-stock threshold (units), audited.
pub async fn set_default_threshold(
    db: &Db,
    actor: &AuditActor,
    threshold: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let before = default_threshold(&mut tx).await?;
    sqlx::query(
        "INSERT INTO stock_settings (owner_key, low_stock_threshold) VALUES ('platform', $1) \
         ON CONFLICT (owner_key) DO UPDATE SET low_stock_threshold = excluded.low_stock_threshold",
    )
    .bind(threshold)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Stock,
        "default-threshold",
        Action::Update,
        Some(&serde_json::json!({ "low_stock_threshold": before })),
        Some(&serde_json::json!({ "low_stock_threshold": threshold })),
    )
    .await?;
    tx.commit().await
}

/// Sets one SKU's own threshold (units), or `None` for its owner's default; audited. False for
/// an unknown SKU.
pub async fn set_sku_threshold(
    db: &Db,
    actor: &AuditActor,
    sku_id: i64,
    threshold: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let before: Option<Option<i64>> =
        sqlx::query_scalar("SELECT low_stock_threshold FROM skus WHERE id = $1")
            .bind(sku_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(before) = before else {
        return Ok(false);
    };
    sqlx::query("UPDATE skus SET low_stock_threshold = $1 WHERE id = $2")
        .bind(threshold)
        .bind(sku_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Sku,
        &sku_id.to_string(),
        Action::Update,
        Some(&serde_json::json!({ "low_stock_threshold": before })),
        Some(&serde_json::json!({ "low_stock_threshold": threshold })),
    )
    .await?;
    tx.commit().await?;
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
    let rows: Vec<HoldingRow> = sqlx::query_as(
        "SELECT ws.warehouse_id, w.serves, ws.on_hand - ws.reserved AS available \
         FROM warehouse_stock ws JOIN warehouses w ON w.id = ws.warehouse_id \
         WHERE ws.sku_id = $1 AND ws.on_hand > ws.reserved",
    )
    .bind(sku_id)
    .fetch_all(&mut *conn)
    .await?;
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
    let rows: Vec<AllocationRow> = sqlx::query_as(
        "SELECT a.sku_id, s.product_id, a.warehouse_id, a.quantity FROM order_allocations a \
         JOIN skus s ON s.id = a.sku_id WHERE a.order_id = $1 ORDER BY a.sku_id, a.warehouse_id",
    )
    .bind(order_id)
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

/// The warehouse new stock goes to when none is named: the platform's oldest, made ("Main
/// warehouse", Shanghai) when the shop has none yet.
async fn default_warehouse(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT MIN(id) FROM warehouses WHERE owner_id IS NULL")
            .fetch_one(&mut *conn)
            .await?;
    if let Some(id) = found {
        return Ok(id);
    }
    sqlx::query_scalar(
        "INSERT INTO warehouses (name, region, serves, owner_id, created_at) \
         VALUES ('Main warehouse', 'SH', 'SH,JS,ZJ,AH', NULL, $1) RETURNING id",
    )
    .bind(unix_now())
    .fetch_one(conn)
    .await
}

/// Brings a SKU's sellable count to `target` units, as the product editor's "Stock" field does:
/// more goes to the default warehouse ("received" for a new SKU, else "adjusted"); less is taken
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
        let warehouse_id = default_warehouse(tx).await?;
        let movement = Movement::for_order(kind, delta);
        return record(tx, warehouse_id, sku_id, movement, None, "", actor_id, now).await;
    }
    let free: Vec<(i64, i64)> = sqlx::query_as::<_, HoldingRow>(
        "SELECT ws.warehouse_id, w.serves, ws.on_hand - ws.reserved AS available \
         FROM warehouse_stock ws JOIN warehouses w ON w.id = ws.warehouse_id \
         WHERE ws.sku_id = $1 AND ws.on_hand > ws.reserved \
         ORDER BY ws.on_hand - ws.reserved DESC, ws.warehouse_id",
    )
    .bind(sku_id)
    .fetch_all(&mut **tx)
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

/// An operator's adjustment of one SKU at one warehouse, with its reason; written to the ledger
/// and the audit log in one transaction. Returns the warehouse's new figures.
///
/// Errors: `NotFound` for an unknown SKU; `Invalid` at "Warehouse" for an unknown warehouse, at
/// "Quantity" when it would leave fewer units than orders hold.
pub async fn adjust(
    db: &Db,
    actor: &AuditActor,
    sku_id: i64,
    adjustment: &Adjustment,
) -> Result<Level, StockError> {
    let mut tx = db.writer().begin().await?;
    let product_id: i64 = sqlx::query_scalar("SELECT product_id FROM skus WHERE id = $1")
        .bind(sku_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StockError::NotFound)?;
    let warehouse: Option<String> = sqlx::query_scalar("SELECT name FROM warehouses WHERE id = $1")
        .bind(adjustment.warehouse_id)
        .fetch_optional(&mut *tx)
        .await?;
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

async fn level(
    conn: &mut AnyConnection,
    warehouse_id: i64,
    sku_id: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT on_hand, reserved FROM warehouse_stock WHERE warehouse_id = $1 AND sku_id = $2",
    )
    .bind(warehouse_id)
    .bind(sku_id)
    .fetch_optional(conn)
    .await
}

/// A SKU's figures in every warehouse that has held it, oldest warehouse first.
pub async fn levels(db: &Db, sku_id: i64) -> Result<Vec<Level>, sqlx::Error> {
    let rows: Vec<LevelRow> = sqlx::query_as(
        "SELECT ws.warehouse_id, w.name AS warehouse_name, ws.on_hand, ws.reserved \
         FROM warehouse_stock ws JOIN warehouses w ON w.id = ws.warehouse_id \
         WHERE ws.sku_id = $1 ORDER BY ws.warehouse_id",
    )
    .bind(sku_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Level::from).collect())
}

/// Figures for many SKUs at once (the stock page), as (SKU id, level).
pub async fn levels_of(db: &Db, sku_ids: &[i64]) -> Result<Vec<(i64, Level)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        sku_id: i64,
        #[sqlx(flatten)]
        level: LevelRow,
    }
    let (Some(min), Some(max)) = (sku_ids.iter().min(), sku_ids.iter().max()) else {
        return Ok(Vec::new());
    };
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT ws.sku_id, ws.warehouse_id, w.name AS warehouse_name, ws.on_hand, ws.reserved \
         FROM warehouse_stock ws JOIN warehouses w ON w.id = ws.warehouse_id \
         WHERE ws.sku_id >= $1 AND ws.sku_id <= $2 ORDER BY ws.sku_id, ws.warehouse_id",
    )
    .bind(min)
    .bind(max)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter(|r| sku_ids.contains(&r.sku_id))
        .map(|r| (r.sku_id, Level::from(r.level)))
        .collect())
}

#[derive(sqlx::FromRow)]
struct LedgerRow {
    id: i64,
    warehouse_name: String,
    kind: String,
    on_hand_delta: i64,
    reserved_delta: i64,
    order_id: Option<i64>,
    reason: String,
    actor_email: Option<String>,
    created_at: i64,
}

/// A SKU's movements, newest first; `before` (a movement id) pages to older ones.
pub async fn ledger(
    db: &Db,
    sku_id: i64,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<LedgerEntry>, sqlx::Error> {
    let rows: Vec<LedgerRow> = sqlx::query_as(
        "SELECT m.id, w.name AS warehouse_name, m.kind, m.on_hand_delta, m.reserved_delta, \
         m.order_id, m.reason, u.email AS actor_email, m.created_at \
         FROM stock_movements m JOIN warehouses w ON w.id = m.warehouse_id \
         LEFT JOIN users u ON u.id = m.actor_id \
         WHERE m.sku_id = $1 AND ($2 = 0 OR m.id < $2) ORDER BY m.id DESC LIMIT $3",
    )
    .bind(sku_id)
    .bind(before.unwrap_or(0))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| LedgerEntry {
            id: r.id,
            warehouse_name: r.warehouse_name,
            // Kinds are written only by this module; an unknown one is a newer server's.
            kind: MovementKind::parse(&r.kind).unwrap_or(MovementKind::Adjusted),
            on_hand_delta: r.on_hand_delta,
            reserved_delta: r.reserved_delta,
            order_id: r.order_id,
            reason: r.reason,
            actor_email: r.actor_email,
            at: r.created_at,
        })
        .collect())
}

/// Every place where the stock tables disagree with the ledger or with `skus.stock`, described
/// in words; empty when all is well. For tests and `server check`.
pub async fn mismatches(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        what: String,
        id: i64,
        held: i64,
        summed: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT 'on hand' AS what, ws.sku_id AS id, ws.on_hand AS held, \
                CAST(COALESCE(SUM(m.on_hand_delta), 0) AS BIGINT) AS summed \
         FROM warehouse_stock ws LEFT JOIN stock_movements m \
           ON m.warehouse_id = ws.warehouse_id AND m.sku_id = ws.sku_id \
         GROUP BY ws.warehouse_id, ws.sku_id, ws.on_hand \
         HAVING ws.on_hand <> CAST(COALESCE(SUM(m.on_hand_delta), 0) AS BIGINT) \
         UNION ALL \
         SELECT 'reserved', ws.sku_id, ws.reserved, \
                CAST(COALESCE(SUM(m.reserved_delta), 0) AS BIGINT) \
         FROM warehouse_stock ws LEFT JOIN stock_movements m \
           ON m.warehouse_id = ws.warehouse_id AND m.sku_id = ws.sku_id \
         GROUP BY ws.warehouse_id, ws.sku_id, ws.reserved \
         HAVING ws.reserved <> CAST(COALESCE(SUM(m.reserved_delta), 0) AS BIGINT) \
         UNION ALL \
         SELECT 'sellable', s.id, s.stock, \
                CAST(COALESCE(SUM(ws.on_hand - ws.reserved), 0) AS BIGINT) \
         FROM skus s LEFT JOIN warehouse_stock ws ON ws.sku_id = s.id \
         GROUP BY s.id, s.stock \
         HAVING s.stock <> CAST(COALESCE(SUM(ws.on_hand - ws.reserved), 0) AS BIGINT)",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            format!(
                "SKU {}: {} {} but the ledger says {}",
                r.id, r.what, r.held, r.summed
            )
        })
        .collect())
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

/// One SKU's stock page (see [`SkuStockView`]); `None` for an unknown SKU.
pub async fn sku_stock(
    db: &Db,
    sku_id: i64,
    before: Option<i64>,
) -> Result<Option<SkuStockView>, sqlx::Error> {
    let own: Option<Option<i64>> =
        sqlx::query_scalar("SELECT low_stock_threshold FROM skus WHERE id = $1")
            .bind(sku_id)
            .fetch_optional(db.pool())
            .await?;
    let Some(own_threshold) = own else {
        return Ok(None);
    };
    Ok(Some(SkuStockView {
        levels: levels(db, sku_id).await?,
        ledger: ledger(db, sku_id, before, 50).await?,
        own_threshold,
        default_threshold: platform_threshold(db).await?,
    }))
}
