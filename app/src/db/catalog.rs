//! Catalog queries, one file per idea: categories, home shelves, listings (category pages and
//! search results), product detail, predictive search and the sitemap.

pub mod back_office;
mod categories;
pub mod category_edit;
pub mod facet_counts;
mod listing;
mod product;
pub mod product_csv;
pub mod product_edit;
mod product_images;
pub mod product_review;
pub mod product_revisions;
mod shelves;
mod sitemap;
mod suggestions;

pub use categories::{categories, category_trees, CategoryRow};
pub use listing::{listing_page, live_category_facets, Scope};
pub use product::product_detail;
pub use shelves::{best_sellers, home_page};
pub use sitemap::{product_count, product_slugs};
pub use suggestions::suggestions;

use super::sql::Sql;
use super::Db;
use crate::domain::catalog::ProductSummary;
use crate::domain::locale::Locale;
use crate::domain::money::Money;

/// Column suffix for a locale's translated text. Only ever one of these constants goes into SQL.
pub(crate) fn lang(locale: Locale) -> &'static str {
    match locale {
        Locale::ZhHant => "zh_hant",
        Locale::ZhHans => "zh_hans",
        Locale::En => "en",
    }
}

/// Brings a product's derived columns up to date from its SKUs, inside the caller's
/// transaction: `total_stock` (units over all SKUs) and `min_price`/`max_price`, the range
/// [`crate::domain::catalog::offer_range`] defines (SKUs in stock, else all). Every write that
/// changes a SKU's price or stock calls it, so listings, filters, sort and JSON-LD agree.
pub(crate) async fn refresh_derived(
    conn: &mut sqlx::AnyConnection,
    product_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE products SET \
         total_stock = (SELECT COALESCE(SUM(stock), 0) FROM skus \
             WHERE product_id = $1 AND status = 'active'), \
         min_price = COALESCE( \
             (SELECT MIN(price) FROM skus WHERE product_id = $1 AND status = 'active' AND stock > 0), \
             (SELECT MIN(price) FROM skus WHERE product_id = $1 AND status = 'active'), \
             (SELECT MIN(price) FROM skus WHERE product_id = $1), 0), \
         max_price = COALESCE( \
             (SELECT MAX(price) FROM skus WHERE product_id = $1 AND status = 'active' AND stock > 0), \
             (SELECT MAX(price) FROM skus WHERE product_id = $1 AND status = 'active'), \
             (SELECT MAX(price) FROM skus WHERE product_id = $1), 0) \
         WHERE id = $1",
    )
    .bind(product_id)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub(crate) struct CardRow {
    id: i64,
    slug: String,
    name: String,
    cover_image: String,
    min_price: i64,
    max_price: i64,
    total_stock: i64,
    sales_count: i64,
}

impl From<CardRow> for ProductSummary {
    fn from(row: CardRow) -> Self {
        ProductSummary {
            id: row.id,
            slug: row.slug,
            name: row.name,
            image: row.cover_image,
            min_price: Money::from_fen(row.min_price),
            max_price: Money::from_fen(row.max_price),
            in_stock: row.total_stock > 0,
            sales_count: row.sales_count,
        }
    }
}

pub(crate) fn card_columns(locale: Locale) -> String {
    format!(
        "p.id, p.slug, p.name_{} AS name, p.cover_image, p.min_price, p.max_price, p.total_stock, p.sales_count",
        lang(locale)
    )
}

async fn cards(db: &Db, sql: &Sql) -> Result<Vec<ProductSummary>, sqlx::Error> {
    let rows = sql.query_as::<CardRow>().fetch_all(db.pool()).await?;
    Ok(rows.into_iter().map(ProductSummary::from).collect())
}
