//! Facet counts per category (`category_facet_counts`, with each product's contributions in
//! `product_facets`): a category page's option filters read a few hundred rows instead of
//! counting every SKU of the category. [`update_product`] keeps them true inside every product
//! change's transaction (it runs with `db::search::index_product`) by appending the changes to
//! `facet_count_changes`; [`fold_changes`] (a server job) adds those into the counts; readers add
//! the ones not folded yet. [`rebuild`] recomputes everything after bulk writes. The counts are
//! those of `listing::facets` (a product counts once per value, whatever the stock), and a test
//! compares the two on both databases.

use super::lang;
use crate::db::sql::Sql;
use crate::db::Db;
use crate::domain::catalog::facet_counts::{facet_deltas, FacetKey};
use crate::domain::catalog::Facet;
use crate::domain::locale::Locale;
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct KeyRow {
    category_id: i64,
    axis_key: String,
    value_key: String,
}

impl From<KeyRow> for FacetKey {
    fn from(row: KeyRow) -> Self {
        FacetKey {
            category_id: row.category_id,
            axis_key: row.axis_key,
            value_key: row.value_key,
        }
    }
}

/// What product `$1` offers while active, as the columns and source after a `SELECT DISTINCT`:
/// its category and each option value of its SKUs; no rows when it is not active.
const OFFERED: &str = "p.category_id, sv.axis_key, sv.value_key \
     FROM sku_values sv JOIN products p ON p.id = sv.product_id \
     WHERE p.id = $1 AND p.status = 'active'";

/// The facet keys `sql` selects for one product (`$1`).
async fn facet_keys(
    conn: &mut AnyConnection,
    sql: &str,
    product_id: i64,
) -> Result<Vec<FacetKey>, sqlx::Error> {
    Ok(sqlx::query_as::<_, KeyRow>(sql)
        .bind(product_id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(FacetKey::from)
        .collect())
}

/// Brings one product's contributions up to date, inside the caller's transaction: an active
/// product counts once per option value its SKUs have, in its category; any other (or a deleted
/// one) counts nowhere. Writes nothing when those did not change (a price or stock edit).
///
/// The product's row is locked first, so a concurrent save of the same product (PostgreSQL)
/// cannot commit between reading what it gave and what it gives now. The changes are appended,
/// not applied to the shared count rows, so transactions touching many products (a CSV import,
/// suspending a supplier) never lock count rows in an order that could deadlock.
pub(crate) async fn update_product(
    conn: &mut AnyConnection,
    product_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE products SET version = version WHERE id = $1")
        .bind(product_id)
        .execute(&mut *conn)
        .await?;
    let before = facet_keys(
        conn,
        "SELECT category_id, axis_key, value_key FROM product_facets WHERE product_id = $1",
        product_id,
    )
    .await?;
    let after = facet_keys(conn, &format!("SELECT DISTINCT {OFFERED}"), product_id).await?;
    let deltas = facet_deltas(&before, &after);
    if deltas.is_empty() {
        return Ok(());
    }
    for (key, delta) in &deltas {
        sqlx::query(
            "INSERT INTO facet_count_changes (category_id, axis_key, value_key, delta) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(key.category_id)
        .bind(&key.axis_key)
        .bind(&key.value_key)
        .bind(delta)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM product_facets WHERE product_id = $1")
        .bind(product_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(&format!(
        "INSERT INTO product_facets (product_id, category_id, axis_key, value_key) \
         SELECT DISTINCT p.id, {OFFERED}"
    ))
    .bind(product_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    category_id: i64,
    axis_key: String,
    value_key: String,
    delta: i64,
}

/// Adds the appended changes into the counts, in one transaction; returns how many it folded.
/// Each change is taken by exactly one fold: the DELETE claims the rows (a second server's fold
/// waits for them, then finds them gone), and the counts are written in key order.
pub async fn fold_changes(db: &Db) -> Result<u64, sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let taken = sqlx::query_as::<_, ChangeRow>(
        "DELETE FROM facet_count_changes RETURNING category_id, axis_key, value_key, delta",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut sums: std::collections::BTreeMap<FacetKey, i64> = std::collections::BTreeMap::new();
    for row in &taken {
        *sums
            .entry(FacetKey {
                category_id: row.category_id,
                axis_key: row.axis_key.clone(),
                value_key: row.value_key.clone(),
            })
            .or_default() += row.delta;
    }
    for (key, delta) in sums.iter().filter(|(_, delta)| **delta != 0) {
        sqlx::query(
            "INSERT INTO category_facet_counts (category_id, axis_key, value_key, products) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (category_id, axis_key, value_key) \
             DO UPDATE SET products = category_facet_counts.products + excluded.products",
        )
        .bind(key.category_id)
        .bind(&key.axis_key)
        .bind(&key.value_key)
        .bind(delta)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(taken.len() as u64)
}

/// Recomputes every count from the catalog, inside the caller's transaction: after the seed's
/// bulk writes and in `server reindex`.
pub async fn rebuild(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    for statement in [
        "DELETE FROM facet_count_changes",
        "DELETE FROM category_facet_counts",
        "DELETE FROM product_facets",
        "INSERT INTO product_facets (product_id, category_id, axis_key, value_key) \
         SELECT DISTINCT p.id, p.category_id, sv.axis_key, sv.value_key \
         FROM sku_values sv JOIN products p ON p.id = sv.product_id WHERE p.status = 'active'",
        "INSERT INTO category_facet_counts (category_id, axis_key, value_key, products) \
         SELECT category_id, axis_key, value_key, COUNT(*) FROM product_facets \
         GROUP BY category_id, axis_key, value_key",
    ] {
        sqlx::query(statement).execute(&mut *conn).await?;
    }
    Ok(())
}

/// A facet row: an option value and how many products offer it.
#[derive(sqlx::FromRow)]
pub(super) struct FacetRow {
    axis_key: String,
    axis_name: String,
    value_key: String,
    value_name: String,
    products: i64,
}

/// Rows ordered by axis then value, gathered into one [`Facet`] per axis.
pub(super) fn group(rows: Vec<FacetRow>) -> Vec<Facet> {
    let mut facets: Vec<Facet> = Vec::new();
    for row in rows {
        let value = crate::domain::catalog::FacetValue {
            key: row.value_key,
            name: row.value_name,
            count: row.products,
        };
        match facets.last_mut() {
            Some(facet) if facet.axis_key == row.axis_key => facet.values.push(value),
            _ => facets.push(Facet {
                axis_key: row.axis_key,
                axis_name: row.axis_name,
                values: vec![value],
            }),
        }
    }
    facets
}

/// The facets of the categories `category_ids` together (a category page: the category and its
/// subcategories), names in `locale`, axes and values in display order.
pub async fn category_facets(
    db: &Db,
    locale: Locale,
    category_ids: &[i64],
) -> Result<Vec<Facet>, sqlx::Error> {
    let l = lang(locale);
    // The folded counts plus the changes not folded yet.
    let mut sql = Sql::new(format!(
        "SELECT fc.axis_key, oa.name_{l} AS axis_name, fc.value_key, ov.name_{l} AS value_name, \
         CAST(SUM(fc.products) AS BIGINT) AS products \
         FROM (SELECT axis_key, value_key, products FROM category_facet_counts \
         WHERE category_id IN ("
    ));
    let ids: Vec<String> = category_ids.iter().map(|id| sql.int(*id)).collect();
    sql.push(&ids.join(", "));
    sql.push(
        ") UNION ALL SELECT axis_key, value_key, delta AS products FROM facet_count_changes \
         WHERE category_id IN (",
    );
    let ids: Vec<String> = category_ids.iter().map(|id| sql.int(*id)).collect();
    sql.push(&ids.join(", "));
    sql.push(&format!(
        ")) fc \
         JOIN option_axes oa ON oa.axis_key = fc.axis_key \
         JOIN option_values ov ON ov.axis_key = fc.axis_key AND ov.value_key = fc.value_key \
         GROUP BY fc.axis_key, oa.name_{l}, fc.value_key, ov.name_{l}, oa.position, ov.position \
         HAVING SUM(fc.products) > 0 \
         ORDER BY oa.position, fc.axis_key, ov.position, fc.value_key"
    ));
    sql.unprepared();
    Ok(group(
        sql.query_as::<FacetRow>().fetch_all(db.pool()).await?,
    ))
}
