//! The back office's catalog lists: products (any status), SKU stock, suppliers and the review
//! queue. Reads only.

use super::lang;
use crate::db::owner_filter;
use crate::db::stock::THRESHOLD;
use crate::db::Db;
use crate::domain::catalog::back_office::{AdminProductRow, StockRow, SupplierRow, ADMIN_PAGE};
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::owner::Scope;

#[derive(sqlx::FromRow)]
struct ProductColumns {
    id: i64,
    slug: String,
    name: String,
    category: String,
    status: String,
    min_price: i64,
    max_price: i64,
    total_stock: i64,
    sku_count: i64,
}

/// One page (0-based) of the products `scope` covers, newest first, in every status.
pub async fn products(
    db: &Db,
    scope: Scope,
    locale: Locale,
    page: i64,
) -> Result<Vec<AdminProductRow>, sqlx::Error> {
    let l = lang(locale);
    let owned = owner_filter("p.owner_id", 3, 4);
    let (all, owner) = scope.binds();
    let sql = format!(
        "SELECT p.id, p.slug, p.name_{l} AS name, c.name_{l} AS category, p.status, \
         p.min_price, p.max_price, p.total_stock, \
         (SELECT COUNT(*) FROM skus s WHERE s.product_id = p.id) AS sku_count \
         FROM products p JOIN categories c ON c.id = p.category_id WHERE {owned} \
         ORDER BY p.id DESC LIMIT $1 OFFSET $2"
    );
    let rows: Vec<ProductColumns> = sqlx::query_as(&sql)
        .bind(ADMIN_PAGE)
        .bind(page.max(0) * ADMIN_PAGE)
        .bind(all)
        .bind(owner)
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| AdminProductRow {
            id: r.id,
            slug: r.slug,
            name: r.name,
            category: r.category,
            status: r.status,
            min_price: Money::from_fen(r.min_price),
            max_price: Money::from_fen(r.max_price),
            total_stock: r.total_stock,
            sku_count: r.sku_count,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct StockColumns {
    sku_id: i64,
    sku_code: String,
    product_id: i64,
    product_name: String,
    price: i64,
    stock: i64,
    /// The SKU's own threshold, or NULL for the default.
    low_stock_threshold: Option<i64>,
    threshold: i64,
}

#[derive(sqlx::FromRow)]
struct OptionColumns {
    sku_id: i64,
    name: String,
}

/// One page (0-based) of the SKUs of products `scope` covers, least stock first (then by code);
/// `low_only` keeps those at or below the low-stock threshold.
pub async fn stock(
    db: &Db,
    scope: Scope,
    locale: Locale,
    low_only: bool,
    page: i64,
) -> Result<Vec<StockRow>, sqlx::Error> {
    let l = lang(locale);
    let owned = owner_filter("p.owner_id", 4, 5);
    let (all, owner) = scope.binds();
    let sql = format!(
        "SELECT s.id AS sku_id, s.code AS sku_code, p.id AS product_id, \
         p.name_{l} AS product_name, s.price, s.stock, s.low_stock_threshold, \
         {THRESHOLD} AS threshold \
         FROM skus s JOIN products p ON p.id = s.product_id \
         WHERE ($3 = 0 OR s.stock <= {THRESHOLD}) AND {owned} \
         ORDER BY s.stock, s.code LIMIT $1 OFFSET $2"
    );
    let rows: Vec<StockColumns> = sqlx::query_as(&sql)
        .bind(ADMIN_PAGE)
        .bind(page.max(0) * ADMIN_PAGE)
        .bind(i64::from(low_only))
        .bind(all)
        .bind(owner)
        .fetch_all(db.pool())
        .await?;
    let mut options: Vec<OptionColumns> = Vec::new();
    if let (Some(min), Some(max)) = (
        rows.iter().map(|r| r.sku_id).min(),
        rows.iter().map(|r| r.sku_id).max(),
    ) {
        let sql = format!(
            "SELECT sv.sku_id, ov.name_{l} AS name FROM sku_values sv \
             JOIN option_values ov ON ov.axis_key = sv.axis_key AND ov.value_key = sv.value_key \
             JOIN product_axes pa ON pa.product_id = sv.product_id AND pa.axis_key = sv.axis_key \
             WHERE sv.sku_id >= $1 AND sv.sku_id <= $2 ORDER BY sv.sku_id, pa.position"
        );
        options = sqlx::query_as(&sql)
            .bind(min)
            .bind(max)
            .fetch_all(db.pool())
            .await?;
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.sku_id).collect();
    let levels = crate::db::stock::levels_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| StockRow {
            levels: levels
                .iter()
                .filter(|(sku_id, _)| *sku_id == r.sku_id)
                .map(|(_, level)| level.clone())
                .collect(),
            options: options
                .iter()
                .filter(|o| o.sku_id == r.sku_id)
                .map(|o| o.name.as_str())
                .collect::<Vec<_>>()
                .join(" / "),
            low: r.stock <= r.threshold,
            own_threshold: r.low_stock_threshold,
            threshold: r.threshold,
            sku_id: r.sku_id,
            sku_code: r.sku_code,
            product_id: r.product_id,
            product_name: r.product_name,
            price: Money::from_fen(r.price),
            stock: r.stock,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct SupplierColumns {
    user_id: i64,
    email: Option<String>,
    display_name: String,
    since: i64,
    company: Option<String>,
    status: Option<String>,
}

/// Every live account with the supplier role, by email, with its company and whether it is
/// active.
pub async fn suppliers(db: &Db) -> Result<Vec<SupplierRow>, sqlx::Error> {
    let rows: Vec<SupplierColumns> = sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.display_name, r.granted_at AS since, s.company, \
         s.status FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'supplier' \
         LEFT JOIN suppliers s ON s.user_id = u.id \
         WHERE u.deleted_at IS NULL ORDER BY u.email",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SupplierRow {
            user_id: r.user_id,
            email: r.email.unwrap_or_default(),
            display_name: r.display_name,
            since: r.since,
            company: r.company.unwrap_or_default(),
            active: r.status.as_deref() != Some("suspended"),
            has_record: r.status.is_some(),
        })
        .collect())
}
