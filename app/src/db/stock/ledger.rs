//! Reading stock: a SKU's figures per warehouse, its ledger, its stock page, and the check that
//! the tables agree with the ledger.

use super::*;

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

pub(super) async fn level(
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

/// A SKU's figures in every warehouse that has held it, oldest warehouse first; empty for a SKU
/// whose owner `scope` does not cover.
pub async fn levels(db: &Db, scope: Scope, sku_id: i64) -> Result<Vec<Level>, sqlx::Error> {
    let (all, owner) = scope.binds();
    let rows: Vec<LevelRow> = sqlx::query_as(&format!(
        "SELECT ws.warehouse_id, w.name AS warehouse_name, ws.on_hand, ws.reserved \
         FROM warehouse_stock ws JOIN warehouses w ON w.id = ws.warehouse_id \
         JOIN skus s ON s.id = ws.sku_id JOIN products p ON p.id = s.product_id \
         WHERE ws.sku_id = $1 AND {} ORDER BY ws.warehouse_id",
        crate::db::owner_filter("p.owner_id", 2, 3)
    ))
    .bind(sku_id)
    .bind(all)
    .bind(owner)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Level::from).collect())
}

/// Figures for many SKUs at once (the stock page), as (SKU id, level). The caller passes ids it
/// has already read through the caller's scope.
pub(crate) async fn levels_of(db: &Db, sku_ids: &[i64]) -> Result<Vec<(i64, Level)>, sqlx::Error> {
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
    actor_id: Option<i64>,
    actor_email: Option<String>,
    created_at: i64,
}

/// A SKU's movements, newest first; `before` (a movement id) pages to older ones. Empty for a
/// SKU whose owner `scope` does not cover. A supplier's scope sees who made a movement only when
/// it was the supplier itself: operators' addresses stay with the platform.
pub async fn ledger(
    db: &Db,
    scope: Scope,
    sku_id: i64,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<LedgerEntry>, sqlx::Error> {
    let (all, owner) = scope.binds();
    let rows: Vec<LedgerRow> = sqlx::query_as(&format!(
        "SELECT m.id, w.name AS warehouse_name, m.kind, m.on_hand_delta, m.reserved_delta, \
         m.order_id, m.reason, m.actor_id, u.email AS actor_email, m.created_at \
         FROM stock_movements m JOIN warehouses w ON w.id = m.warehouse_id \
         JOIN skus s ON s.id = m.sku_id JOIN products p ON p.id = s.product_id \
         LEFT JOIN users u ON u.id = m.actor_id \
         WHERE m.sku_id = $1 AND ($2 = 0 OR m.id < $2) AND {} ORDER BY m.id DESC LIMIT $3",
        crate::db::owner_filter("p.owner_id", 4, 5)
    ))
    .bind(sku_id)
    .bind(before.unwrap_or(0))
    .bind(limit)
    .bind(all)
    .bind(owner)
    .fetch_all(db.pool())
    .await?;
    let may_name = |actor: Option<i64>| match scope {
        Scope::AllOwners => true,
        Scope::Only(owner) => actor.is_some() && actor == owner.column(),
    };
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
            actor_email: r.actor_email.filter(|_| may_name(r.actor_id)),
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

/// One SKU's stock page (see [`SkuStockView`]); `None` for an unknown SKU or one of an owner
/// `scope` does not cover.
pub async fn sku_stock(
    db: &Db,
    scope: Scope,
    sku_id: i64,
    before: Option<i64>,
) -> Result<Option<SkuStockView>, sqlx::Error> {
    let row: Option<(Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT s.low_stock_threshold, p.owner_id FROM skus s \
         JOIN products p ON p.id = s.product_id WHERE s.id = $1",
    )
    .bind(sku_id)
    .fetch_optional(db.pool())
    .await?;
    let Some((own_threshold, owner)) = row else {
        return Ok(None);
    };
    let owner = Owner::from_column(owner);
    if !scope.covers(owner) {
        return Ok(None);
    }
    Ok(Some(SkuStockView {
        levels: levels(db, scope, sku_id).await?,
        ledger: ledger(db, scope, sku_id, before, 50).await?,
        own_threshold,
        default_threshold: owner_threshold(db, owner).await?,
    }))
}
