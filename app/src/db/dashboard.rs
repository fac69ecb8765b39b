//! The dashboard's figures, read from orders, order lines, SKUs and after-sale requests.

use super::catalog::lang;
use crate::db::Db;
use crate::domain::dashboard::{shop_day, DayRange, TopProduct};
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::owner::Scope;

/// (shop day, paid orders, GMV in fen) for each day of `range` that had paid orders. For every
/// owner, GMV is what shoppers paid (orders' totals); for one supplier, the value of its own goods
/// in those orders (its lines' totals), and an order counts when it holds any of them.
pub async fn paid_by_day(
    db: &Db,
    scope: Scope,
    range: DayRange,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    // Grouped here rather than in SQL: the shop day is a time-zone calculation the two
    // databases write differently, and a year of orders is a small read of two columns.
    let rows: Vec<(i64, i64)> = match scope {
        Scope::AllOwners => {
            sqlx::query_as("SELECT paid_at, total FROM orders WHERE paid_at >= $1 AND paid_at < $2")
                .bind(range.start())
                .bind(range.end())
                .fetch_all(db.pool())
                .await?
        }
        Scope::Only(_) => {
            let (all, owner) = scope.binds();
            sqlx::query_as(&format!(
                "SELECT o.paid_at, CAST(SUM(i.total) AS BIGINT) FROM orders o \
                 JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id \
                 WHERE o.paid_at >= $1 AND o.paid_at < $2 AND {} GROUP BY o.id, o.paid_at",
                crate::db::owner_filter("p.owner_id", 3, 4)
            ))
            .bind(range.start())
            .bind(range.end())
            .bind(all)
            .bind(owner)
            .fetch_all(db.pool())
            .await?
        }
    };
    let mut days: std::collections::BTreeMap<i64, (i64, i64)> = Default::default();
    for (paid_at, total) in rows {
        let day = days.entry(shop_day(paid_at)).or_default();
        day.0 += 1;
        day.1 += total;
    }
    Ok(days.into_iter().map(|(d, (o, g))| (d, o, g)).collect())
}

#[derive(sqlx::FromRow)]
struct TopColumns {
    slug: String,
    name: String,
    units: i64,
    revenue: i64,
}

/// The `limit` products `scope` covers that sold the most units in orders paid in `range`.
pub async fn top_products(
    db: &Db,
    scope: Scope,
    locale: Locale,
    range: DayRange,
    limit: i64,
) -> Result<Vec<TopProduct>, sqlx::Error> {
    let sql = format!(
        "SELECT p.slug, p.name_{} AS name, CAST(SUM(i.quantity) AS BIGINT) AS units, \
         CAST(SUM(i.total) AS BIGINT) AS revenue \
         FROM order_items i JOIN orders o ON o.id = i.order_id \
         JOIN products p ON p.id = i.product_id \
         WHERE o.paid_at >= $1 AND o.paid_at < $2 AND {} \
         GROUP BY p.id, p.slug, p.name_{0} ORDER BY units DESC, revenue DESC, p.id LIMIT $3",
        lang(locale),
        crate::db::owner_filter("p.owner_id", 4, 5)
    );
    let (all, owner) = scope.binds();
    let rows: Vec<TopColumns> = sqlx::query_as(&sql)
        .bind(range.start())
        .bind(range.end())
        .bind(limit)
        .bind(all)
        .bind(owner)
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| TopProduct {
            slug: r.slug,
            name: r.name,
            units: r.units,
            revenue: Money::from_fen(r.revenue),
        })
        .collect())
}

/// SKUs on sale of live products `scope` covers, at or below their low-stock threshold.
pub async fn low_stock_skus(db: &Db, scope: Scope) -> Result<i64, sqlx::Error> {
    let (all, owner) = scope.binds();
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM skus s JOIN products p ON p.id = s.product_id \
         WHERE p.status = 'active' AND s.status = 'active' AND s.stock <= {} AND {}",
        crate::db::stock::THRESHOLD,
        crate::db::owner_filter("p.owner_id", 1, 2)
    ))
    .bind(all)
    .bind(owner)
    .fetch_one(db.pool())
    .await
}

/// After-sale requests waiting for an operator's decision, on orders holding goods `scope`
/// covers.
pub async fn after_sale_waiting(db: &Db, scope: Scope) -> Result<i64, sqlx::Error> {
    let (all, owner) = scope.binds();
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM after_sales a WHERE a.status = 'open' AND ($1 = 1 OR EXISTS \
         (SELECT 1 FROM order_items i JOIN products p ON p.id = i.product_id \
         WHERE i.order_id = a.order_id AND {}))",
        crate::db::owner_filter("p.owner_id", 1, 2)
    ))
    .bind(all)
    .bind(owner)
    .fetch_one(db.pool())
    .await
}
