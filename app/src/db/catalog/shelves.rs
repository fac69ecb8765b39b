//! The home page's shelves: featured, new arrivals and best sellers.

use super::{card_columns, cards, categories, category_trees};
use crate::db::sql::Sql;
use crate::db::Db;
use crate::domain::catalog::{HomePage, ProductSummary};
use crate::domain::locale::Locale;

/// One shelf of cards. Each order ends in the id in its key's direction, so it is one backward
/// walk of `products_sales` or `products_created` that stops after `limit` rows: at 100,000
/// products a mixed direction made SQLite sort the whole catalog (450 ms) for the home page.
async fn shelf(
    db: &Db,
    locale: Locale,
    where_clause: &str,
    order: &str,
    limit: i64,
) -> Result<Vec<ProductSummary>, sqlx::Error> {
    let mut sql = Sql::new(format!("SELECT {} FROM products p WHERE p.status = 'active' {where_clause} ORDER BY {order} LIMIT ", card_columns(locale)));
    let limit = sql.int(limit);
    sql.push(&limit);
    cards(db, &sql).await
}

pub async fn best_sellers(
    db: &Db,
    locale: Locale,
    limit: i64,
) -> Result<Vec<ProductSummary>, sqlx::Error> {
    shelf(
        db,
        locale,
        "AND p.total_stock > 0",
        "p.sales_count DESC, p.id DESC",
        limit,
    )
    .await
}

pub async fn home_page(db: &Db, locale: Locale) -> Result<HomePage, sqlx::Error> {
    let rows = categories(db, locale).await?;
    let now = crate::db::unix_now();
    Ok(HomePage {
        categories: category_trees(&rows),
        featured: shelf(
            db,
            locale,
            "AND p.featured = 1",
            "p.sales_count DESC, p.id DESC",
            8,
        )
        .await?,
        new_arrivals: shelf(db, locale, "", "p.created_at DESC, p.id DESC", 8).await?,
        best_sellers: best_sellers(db, locale, 8).await?,
        member_day: crate::db::promotion::member_days_at(db.pool(), now)
            .await?
            .into_iter()
            .next(),
        flash: crate::db::promotion::flash_sale::shelf(db, locale, now, 8).await?,
        now,
    })
}
