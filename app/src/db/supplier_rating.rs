//! The counts a supplier's rating is made of (`domain::supplier_rating`), read from its parcels
//! (its goods in each order, shipped by itself), after-sale requests and review decisions.

use super::Db;
use crate::domain::dashboard::DayRange;
use crate::domain::supplier_rating::{rate, shipping_promise, RatingCounts, SupplierRating};
use std::collections::BTreeMap;

/// Each supplier's counts over `range` (orders by payment time, decisions by decision time), by
/// supplier id; `only` keeps one supplier. Suppliers without anything in the period are absent.
async fn counts(
    db: &Db,
    range: DayRange,
    only: Option<i64>,
    now: i64,
) -> Result<BTreeMap<i64, RatingCounts>, sqlx::Error> {
    let mut out: BTreeMap<i64, RatingCounts> = BTreeMap::new();
    // One row per supplier parcel (its goods in one order), with whether a request was made on
    // it and whether the shopper complained.
    let orders: Vec<(i64, i64, Option<i64>, String, i64, i64)> = sqlx::query_as(
        "SELECT s.owner_id, o.paid_at, s.shipped_at, s.status, \
         CAST((SELECT COUNT(*) FROM after_sales a WHERE a.shipment_id = s.id) AS BIGINT), \
         CAST((SELECT COUNT(*) FROM complaints c WHERE c.shipment_id = s.id) AS BIGINT) \
         FROM shipments s JOIN orders o ON o.id = s.order_id \
         WHERE o.paid_at >= $1 AND o.paid_at < $2 AND s.owner_id IS NOT NULL \
         AND ($3 IS NULL OR s.owner_id = $3)",
    )
    .bind(range.start())
    .bind(range.end())
    .bind(only)
    .fetch_all(db.pool())
    .await?;
    for (owner, paid_at, shipped_at, status, after_sales, complaints) in orders {
        let counts = out.entry(owner).or_default();
        counts.orders += 1;
        let closed = matches!(status.as_str(), "cancelled" | "refunded");
        let (due, on_time) = shipping_promise(paid_at, shipped_at, closed, now);
        counts.due += i64::from(due);
        counts.on_time += i64::from(on_time);
        counts.after_sale_orders += i64::from(after_sales > 0);
        counts.complaints += i64::from(complaints > 0);
    }
    let decisions: Vec<(i64, String)> = sqlx::query_as(
        "SELECT owner_id, status FROM product_submissions \
         WHERE decided_at >= $1 AND decided_at < $2 AND status IN ('approved', 'rejected') \
         AND ($3 IS NULL OR owner_id = $3)",
    )
    .bind(range.start())
    .bind(range.end())
    .bind(only)
    .fetch_all(db.pool())
    .await?;
    for (owner, status) in decisions {
        let counts = out.entry(owner).or_default();
        counts.decided += 1;
        counts.rejected += i64::from(status == "rejected");
    }
    Ok(out)
}

/// Every supplier's rating over `range` against the period before, by company (`only`: one
/// supplier's). A supplier with nothing to rate gets empty rates.
pub async fn ratings(
    db: &Db,
    range: DayRange,
    only: Option<i64>,
) -> Result<Vec<SupplierRating>, sqlx::Error> {
    let now = super::unix_now();
    let current = counts(db, range, only, now).await?;
    let previous = counts(db, range.previous(), only, now).await?;
    let suppliers: Vec<(i64, String)> = sqlx::query_as(
        "SELECT user_id, company FROM suppliers WHERE ($1 IS NULL OR user_id = $1) \
         ORDER BY company, user_id",
    )
    .bind(only)
    .fetch_all(db.pool())
    .await?;
    Ok(suppliers
        .into_iter()
        .map(|(user_id, company)| SupplierRating {
            user_id,
            company,
            current: rate(current.get(&user_id).copied().unwrap_or_default()),
            previous: rate(previous.get(&user_id).copied().unwrap_or_default()),
        })
        .collect())
}
