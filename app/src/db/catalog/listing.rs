//! Category pages and search results: scope, filters, sort, counts and facets.

use super::categories::link;
use super::{best_sellers, card_columns, cards, categories, lang, CategoryRow};
use crate::db::sql::Sql;
use crate::db::Db;
use crate::domain::catalog::{Facet, FacetValue, ListingCategory, ListingPage};
use crate::domain::listing::{page_count, ListingQuery, Sort, PAGE_SIZE};
use crate::domain::locale::Locale;
use crate::domain::search;

/// Adds the conditions every listing query shares (category, search words) to `sql`.
fn push_scope(sql: &mut Sql, category_ids: &[i64], terms: &[String]) {
    sql.push(" WHERE p.status = 'active'");
    if !category_ids.is_empty() {
        let placeholders: Vec<String> = category_ids.iter().map(|id| sql.int(*id)).collect();
        sql.push(&format!(
            " AND p.category_id IN ({})",
            placeholders.join(", ")
        ));
    }
    for term in terms {
        let pattern = sql.text(format!("%{}%", search::escape_like(term)));
        sql.push(&format!(" AND p.search_text LIKE {pattern} ESCAPE '\\'"));
    }
}

/// Adds the shopper's filters (price, stock, options).
fn push_filters(sql: &mut Sql, query: &ListingQuery) {
    if let Some(min) = query.min_price {
        let p = sql.int(min.fen());
        sql.push(&format!(" AND p.min_price >= {p}"));
    }
    if let Some(max) = query.max_price {
        let p = sql.int(max.fen());
        sql.push(&format!(" AND p.min_price <= {p}"));
    }
    if query.in_stock {
        sql.push(" AND p.total_stock > 0");
    }
    // Values on one axis are alternatives (black OR white); different axes must all hold.
    let mut axes: Vec<&str> = query
        .options
        .iter()
        .map(|(axis, _)| axis.as_str())
        .collect();
    axes.dedup();
    for axis in axes {
        let axis_param = sql.text(axis);
        let values: Vec<String> = query
            .options
            .iter()
            .filter(|(a, _)| a == axis)
            .map(|(_, v)| sql.text(v.as_str()))
            .collect();
        let stock = if query.in_stock {
            " AND s.stock > 0"
        } else {
            ""
        };
        sql.push(&format!(
            " AND EXISTS (SELECT 1 FROM sku_values sv JOIN skus s ON s.id = sv.sku_id \
             WHERE sv.product_id = p.id AND sv.axis_key = {axis_param} AND sv.value_key IN ({}){stock})",
            values.join(", ")
        ));
    }
}

fn order_by(sql: &mut Sql, query: &ListingQuery, terms: &[String]) {
    let clause = match query.sort {
        Sort::Relevance if !terms.is_empty() => {
            // Products whose name holds more of the words come first, then the popular ones.
            let name_hits: Vec<String> = terms
                .iter()
                .map(|t| {
                    let p = sql.text(format!("%{}%", search::escape_like(t)));
                    format!("CASE WHEN p.name_search LIKE {p} ESCAPE '\\' THEN 1 ELSE 0 END")
                })
                .collect();
            format!("({}) DESC, p.sales_count DESC, p.id", name_hits.join(" + "))
        }
        Sort::Relevance => "p.featured DESC, p.sales_count DESC, p.id".to_string(),
        Sort::Newest => "p.created_at DESC, p.id DESC".to_string(),
        Sort::PriceAsc => "p.min_price ASC, p.id".to_string(),
        Sort::PriceDesc => "p.min_price DESC, p.id".to_string(),
        Sort::BestSelling => "p.sales_count DESC, p.id".to_string(),
    };
    sql.push(" ORDER BY ");
    sql.push(&clause);
}

#[derive(sqlx::FromRow)]
struct FacetRow {
    axis_key: String,
    axis_name: String,
    value_key: String,
    value_name: String,
    products: i64,
}

async fn facets(
    db: &Db,
    locale: Locale,
    category_ids: &[i64],
    terms: &[String],
) -> Result<Vec<Facet>, sqlx::Error> {
    let l = lang(locale);
    let mut sql = Sql::new(format!(
        "SELECT sv.axis_key, oa.name_{l} AS axis_name, sv.value_key, ov.name_{l} AS value_name, \
         COUNT(DISTINCT sv.product_id) AS products \
         FROM sku_values sv \
         JOIN option_axes oa ON oa.axis_key = sv.axis_key \
         JOIN option_values ov ON ov.axis_key = sv.axis_key AND ov.value_key = sv.value_key \
         WHERE sv.product_id IN (SELECT p.id FROM products p"
    ));
    push_scope(&mut sql, category_ids, terms);
    sql.push(&format!(
        ") GROUP BY sv.axis_key, oa.name_{l}, sv.value_key, ov.name_{l}, oa.position, ov.position \
         ORDER BY oa.position, sv.axis_key, ov.position, sv.value_key"
    ));
    let rows = sql.query_as::<FacetRow>().fetch_all(db.pool()).await?;
    let mut facets: Vec<Facet> = Vec::new();
    for row in rows {
        let value = FacetValue {
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
    Ok(facets)
}

/// Where a listing looks: a category (with its subcategories) or the whole catalog.
pub enum Scope<'a> {
    Category(&'a str),
    Everything,
}

/// Everything a category page or search results page shows. `None` when the category is unknown.
pub async fn listing_page(
    db: &Db,
    locale: Locale,
    scope: Scope<'_>,
    query_string: &str,
) -> Result<Option<ListingPage>, sqlx::Error> {
    let (query, problems) = ListingQuery::parse(query_string);
    let rows = categories(db, locale).await?;
    let (category, category_ids) = match scope {
        Scope::Everything => (None, Vec::new()),
        Scope::Category(slug) => {
            let Some(current) = rows.iter().find(|r| r.slug == slug) else {
                return Ok(None);
            };
            let children: Vec<&CategoryRow> = rows
                .iter()
                .filter(|r| r.parent_id == Some(current.id))
                .collect();
            let mut ids = vec![current.id];
            ids.extend(children.iter().map(|c| c.id));
            let category = ListingCategory {
                slug: current.slug.clone(),
                name: current.name.clone(),
                parent: current
                    .parent_id
                    .and_then(|pid| rows.iter().find(|r| r.id == pid))
                    .map(link),
                children: children.into_iter().map(link).collect(),
            };
            (Some(category), ids)
        }
    };
    let terms = search::terms(&query.q);
    let searching_everything = category.is_none() && terms.is_empty();

    // Counts and facets cost the most on a large catalog and do not depend on the page or the
    // order, so they are cached briefly per scope and filters.
    let scope_key = format!("{category_ids:?}|{terms:?}");
    let count_key = format!(
        "{scope_key}|{}",
        query.without_page_and_sort().to_query_string()
    );
    let total = match db.listing_cache.counts.get(&count_key) {
        Some(total) => total,
        None => {
            let mut count_sql = Sql::new("SELECT COUNT(*) FROM products p");
            push_scope(&mut count_sql, &category_ids, &terms);
            push_filters(&mut count_sql, &query);
            let total: i64 = count_sql.query_scalar().fetch_one(db.pool()).await?;
            db.listing_cache.counts.put(count_key, total);
            total
        }
    };

    let mut page_sql = Sql::new(format!("SELECT {} FROM products p", card_columns(locale)));
    push_scope(&mut page_sql, &category_ids, &terms);
    push_filters(&mut page_sql, &query);
    order_by(&mut page_sql, &query, &terms);
    let limit = page_sql.int(PAGE_SIZE);
    let offset = page_sql.int(query.offset());
    page_sql.push(&format!(" LIMIT {limit} OFFSET {offset}"));
    let products = if total > query.offset() {
        cards(db, &page_sql).await?
    } else {
        Vec::new()
    };

    // Facets over the whole catalog would cost more than they help; a category or words narrow it.
    let facets_key = format!("{scope_key}|{}", locale.code());
    let facets = if searching_everything {
        Vec::new()
    } else if let Some(cached) = db.listing_cache.facets.get(&facets_key) {
        cached
    } else {
        let fresh = facets(db, locale, &category_ids, &terms).await?;
        db.listing_cache.facets.put(facets_key, fresh.clone());
        fresh
    };
    let popular = if products.is_empty() {
        best_sellers(db, locale, 8).await?
    } else {
        Vec::new()
    };
    Ok(Some(ListingPage {
        category,
        query,
        problems,
        products,
        total,
        page_count: page_count(total),
        facets,
        popular,
    }))
}
