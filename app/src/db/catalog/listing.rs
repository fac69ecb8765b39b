//! Category pages and search results: scope, filters, sort, counts and facets. Without search
//! words a listing reads `products`; with words it walks the search index (`db::search`), whose
//! ranking and limits `domain::search` describes.

use super::categories::link;
use super::facet_counts::{group, FacetRow};
use super::{best_sellers, card_columns, cards, categories, lang, CategoryRow};
use crate::db::search::Matcher;
use crate::db::sql::Sql;
use crate::db::{Backend, Db};
use crate::domain::catalog::{Facet, ListingCategory, ListingPage};
use crate::domain::listing::{page_count, ListingQuery, Sort, PAGE_SIZE};
use crate::domain::locale::Locale;
use crate::domain::search::{SearchQuery, COUNT_CAP, FACET_WINDOW, RANK_WINDOW};

/// Adds the conditions every listing without search words shares (active, category) to `sql`.
fn push_scope(sql: &mut Sql, category_ids: &[i64]) {
    sql.push(" WHERE p.status = 'active'");
    if !category_ids.is_empty() {
        let placeholders: Vec<String> = category_ids.iter().map(|id| sql.int(*id)).collect();
        sql.push(&format!(
            " AND p.category_id IN ({})",
            placeholders.join(", ")
        ));
    }
}

/// Adds the shopper's filters (price, stock, options). With `options_in_index` the search index
/// has already matched the options, unless stock must be checked per option (in stock *and* an
/// option: some SKU with that option must be in stock).
fn push_filters(sql: &mut Sql, query: &ListingQuery, options_in_index: bool) {
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
    if options_in_index && !query.in_stock {
        axes.clear();
    }
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

/// Every sort ends in the id, in the direction of its key: one walk of its index, either way.
fn order_by(sql: &mut Sql, query: &ListingQuery) {
    sql.push(" ORDER BY ");
    sql.push(match query.sort {
        Sort::Relevance => "p.featured DESC, p.sales_count DESC, p.id DESC",
        Sort::Newest => "p.created_at DESC, p.id DESC",
        Sort::PriceAsc => "p.min_price ASC, p.id",
        Sort::PriceDesc => "p.min_price DESC, p.id DESC",
        Sort::BestSelling => "p.sales_count DESC, p.id DESC",
    });
}

/// Option values with the number of products offering each, among the products `ids` selects
/// (it pushes a `SELECT <product id> FROM …` subquery): a search's facets, counted live.
/// Category pages read the same counts kept up to date (`facet_counts`).
async fn facets(
    db: &Db,
    locale: Locale,
    ids: impl FnOnce(&mut Sql),
) -> Result<Vec<Facet>, sqlx::Error> {
    let l = lang(locale);
    let mut sql = Sql::new(format!(
        "SELECT sv.axis_key, oa.name_{l} AS axis_name, sv.value_key, ov.name_{l} AS value_name, \
         COUNT(DISTINCT sv.product_id) AS products \
         FROM sku_values sv \
         JOIN option_axes oa ON oa.axis_key = sv.axis_key \
         JOIN option_values ov ON ov.axis_key = sv.axis_key AND ov.value_key = sv.value_key \
         WHERE sv.product_id IN ("
    ));
    ids(&mut sql);
    sql.push(&format!(
        ") GROUP BY sv.axis_key, oa.name_{l}, sv.value_key, ov.name_{l}, oa.position, ov.position \
         ORDER BY oa.position, sv.axis_key, ov.position, sv.value_key"
    ));
    sql.unprepared();
    let rows = sql.query_as::<FacetRow>().fetch_all(db.pool()).await?;
    Ok(group(rows))
}

/// The facets of a category page counted live, as search counts them: what the kept counts of
/// [`super::facet_counts`] must always equal (a test compares them).
pub async fn live_category_facets(
    db: &Db,
    locale: Locale,
    category_ids: &[i64],
) -> Result<Vec<Facet>, sqlx::Error> {
    facets(db, locale, |sql| {
        sql.push("SELECT p.id FROM products p");
        push_scope(sql, category_ids);
    })
    .await
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
    let search = SearchQuery::parse(&query.q);
    let (total, total_capped, products, facets) = if search.groups.is_empty() {
        browse(db, locale, &query, &category_ids, category.is_some()).await?
    } else {
        let category_id = category_ids.first().copied();
        searched(db, locale, &query, &search, category_id).await?
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
        total_capped,
        page_count: page_count(total),
        facets,
        popular,
    }))
}

/// Total, whether it stopped at the cap, the page's products, and facets.
type Listing = (
    i64,
    bool,
    Vec<crate::domain::catalog::ProductSummary>,
    Vec<Facet>,
);

/// Pages up to this one of a listing spanning several categories are read by merging each
/// category's own first rows (below); deeper pages sort the whole scope.
const MERGED_PAGES: i64 = 20;

/// A category page, or everything, without search words: straight from `products`, each sort
/// walking one of the `products_category_*` indexes.
async fn browse(
    db: &Db,
    locale: Locale,
    query: &ListingQuery,
    category_ids: &[i64],
    in_category: bool,
) -> Result<Listing, sqlx::Error> {
    // The count stops at the cap as a search's does: the pages beyond it cannot be reached.
    // It is cached briefly per scope and filters, as it does not depend on the page or order.
    let count_key = format!(
        "{category_ids:?}||{}",
        query.without_page_and_sort().to_query_string()
    );
    let (total, capped) = match db.listing_cache.counts.get(&count_key) {
        Some(cached) => cached,
        None => {
            let mut count_sql = Sql::new("SELECT COUNT(*) FROM (SELECT 1 AS one FROM products p");
            push_scope(&mut count_sql, category_ids);
            push_filters(&mut count_sql, query, false);
            let cap = count_sql.int(COUNT_CAP);
            count_sql.push(&format!(" LIMIT {cap}) capped"));
            let total: i64 = count_sql.query_scalar().fetch_one(db.pool()).await?;
            let counted = (total, total >= COUNT_CAP);
            db.listing_cache.counts.put(count_key, counted);
            counted
        }
    };

    let products = if total > query.offset() {
        cards(db, &browse_page_sql(locale, query, category_ids)).await?
    } else {
        Vec::new()
    };

    // Facets over the whole catalog would cost more than they help; a category narrows it.
    let facets = if in_category {
        super::facet_counts::category_facets(db, locale, category_ids).await?
    } else {
        Vec::new()
    };
    Ok((total, capped, products, facets))
}

/// One page of a listing without search words. A category with subcategories is several
/// `category_id`s, and an index walk yields each one's rows in order but not all of them
/// together: so each category's first `offset + 24` rows are taken by its own walk and only
/// those are sorted, instead of every product of the scope.
fn browse_page_sql(locale: Locale, query: &ListingQuery, category_ids: &[i64]) -> Sql {
    let mut sql = Sql::new(format!("SELECT {} FROM products p", card_columns(locale)));
    let rows_needed = query.offset() + PAGE_SIZE;
    if category_ids.len() > 1 && rows_needed <= MERGED_PAGES * PAGE_SIZE {
        sql.push(" WHERE p.id IN (");
        for (i, id) in category_ids.iter().enumerate() {
            if i > 0 {
                sql.push(" UNION ALL ");
            }
            sql.push("SELECT id FROM (SELECT p.id FROM products p");
            push_scope(&mut sql, std::slice::from_ref(id));
            push_filters(&mut sql, query, false);
            order_by(&mut sql, query);
            let limit = sql.int(rows_needed);
            sql.push(&format!(" LIMIT {limit}) c{i}"));
        }
        sql.push(")");
    } else {
        push_scope(&mut sql, category_ids);
        push_filters(&mut sql, query, false);
    }
    order_by(&mut sql, query);
    let limit = sql.int(PAGE_SIZE);
    let offset = sql.int(query.offset());
    sql.push(&format!(" LIMIT {limit} OFFSET {offset}"));
    sql
}

/// Search results, optionally within a category: the count, the page and the facets run
/// concurrently (each on its own pooled connection) since each walks the index.
async fn searched(
    db: &Db,
    locale: Locale,
    query: &ListingQuery,
    search: &SearchQuery,
    category_id: Option<i64>,
) -> Result<Listing, sqlx::Error> {
    let matcher = Matcher::new(db.backend(), search, category_id, &query.options);
    let scope_key = format!("{category_id:?}|{}", search.cache_key());
    let ((total, capped), products, facets) = tokio::try_join!(
        search_count(db, &matcher, query, &scope_key),
        search_page(db, locale, &matcher, query),
        search_facets(db, locale, search, category_id, &scope_key),
    )?;
    Ok((total, capped, products, facets))
}

/// Price and stock filters need `products`; option filters are matched in the index.
fn needs_products(query: &ListingQuery) -> bool {
    query.min_price.is_some() || query.max_price.is_some() || query.in_stock
}

async fn search_count(
    db: &Db,
    matcher: &Matcher,
    query: &ListingQuery,
    scope_key: &str,
) -> Result<(i64, bool), sqlx::Error> {
    let key = format!(
        "{scope_key}|{}",
        query.without_page_and_sort().to_query_string()
    );
    if let Some(cached) = db.listing_cache.counts.get(&key) {
        return Ok(cached);
    }
    let join = needs_products(query);
    let counted = if matcher.backend() == Backend::Sqlite && !join {
        // FTS5 counts its own matches from the doclists quickly, exactly (no cap needed).
        let mut sql = Sql::new("SELECT COUNT(*)");
        matcher.push_from_where(&mut sql, false);
        sql.unprepared();
        (sql.query_scalar::<i64>().fetch_one(db.pool()).await?, false)
    } else {
        // Stop at the cap: beyond it the pages cannot be reached anyway.
        let mut sql = Sql::new("SELECT COUNT(*) FROM (SELECT 1 AS one");
        matcher.push_from_where(&mut sql, join);
        push_filters(&mut sql, query, true);
        let cap = sql.int(COUNT_CAP);
        sql.push(&format!(" LIMIT {cap}) capped"));
        sql.unprepared();
        let total = crate::db::search::count_matches(db, &sql).await?;
        (total, total >= COUNT_CAP)
    };
    db.listing_cache.counts.put(key, counted);
    Ok(counted)
}

/// One page of results. Relevance: the [`RANK_WINDOW`] most popular matches (the index walked
/// in key order, filters applied as it streams) ranked by text score × popularity, and pages
/// past the window in popularity order. Other sorts order every match.
async fn search_page(
    db: &Db,
    locale: Locale,
    matcher: &Matcher,
    query: &ListingQuery,
) -> Result<Vec<crate::domain::catalog::ProductSummary>, sqlx::Error> {
    let cards_sql = card_columns(locale);
    let join = needs_products(query);
    let key = matcher.key();
    let mut sql;
    if query.sort == Sort::Relevance && query.offset() < RANK_WINDOW {
        match matcher.backend() {
            Backend::Sqlite => {
                sql = Sql::new(
                    "WITH w AS (SELECT product_fts.rowid AS k, \
                     bm25(product_fts, 10.0, 1.0, 0.0) AS score",
                );
                matcher.push_from_where(&mut sql, join);
                push_filters(&mut sql, query, true);
                let window = sql.int(RANK_WINDOW);
                // bm25 is negative, better matches lower: ascending order.
                sql.push(&format!(
                    " ORDER BY {key} DESC LIMIT {window}) \
                     SELECT {cards_sql} FROM w JOIN products p ON p.id = (w.k & 4294967295) \
                     ORDER BY w.score * (1.0 + p.sales_count / (p.sales_count + 200.0)), w.k DESC"
                ));
            }
            Backend::Postgres => {
                sql = Sql::new("WITH w AS (SELECT s.product_id, s.search_key AS k");
                matcher.push_from_where(&mut sql, join);
                push_filters(&mut sql, query, true);
                let window = sql.int(RANK_WINDOW);
                let text = sql.text(matcher.text());
                // The rank is computed for the window's rows only, outside the CTE: inside it
                // PostgreSQL would rank every match before the LIMIT.
                sql.push(&format!(
                    " ORDER BY {key} DESC LIMIT {window}) \
                     SELECT {cards_sql} FROM w JOIN product_search s ON s.product_id = w.product_id \
                     JOIN products p ON p.id = w.product_id \
                     ORDER BY ts_rank_cd('{{0.1, 0, 0, 1}}', s.doc, {text}::tsquery) \
                     * (1 + p.sales_count::float8 / (p.sales_count + 200)) DESC, w.k DESC"
                ));
            }
        }
    } else {
        sql = Sql::new(format!("SELECT {cards_sql}"));
        matcher.push_from_where(&mut sql, true);
        push_filters(&mut sql, query, true);
        sql.push(" ORDER BY ");
        sql.push(match query.sort {
            Sort::Relevance => key,
            Sort::Newest => "p.created_at DESC, p.id DESC",
            Sort::PriceAsc => "p.min_price ASC, p.id",
            Sort::PriceDesc => "p.min_price DESC, p.id DESC",
            Sort::BestSelling => "p.sales_count DESC, p.id DESC",
        });
        if query.sort == Sort::Relevance {
            sql.push(" DESC");
        }
    }
    let limit = sql.int(PAGE_SIZE);
    let offset = sql.int(query.offset());
    sql.push(&format!(" LIMIT {limit} OFFSET {offset}"));
    sql.unprepared();
    cards(db, &sql).await
}

/// Facets of a search (category and words, no filters, as on category pages), left out when
/// more than [`FACET_WINDOW`] products match.
async fn search_facets(
    db: &Db,
    locale: Locale,
    search: &SearchQuery,
    category_id: Option<i64>,
    scope_key: &str,
) -> Result<Vec<Facet>, sqlx::Error> {
    let key = format!("{scope_key}|{}", locale.code());
    if let Some(cached) = db.listing_cache.facets.get(&key) {
        return Ok(cached);
    }
    let matcher = Matcher::new(db.backend(), search, category_id, &[]);
    let mut count = Sql::new("SELECT COUNT(*) FROM (SELECT 1 AS one");
    matcher.push_from_where(&mut count, false);
    let window = count.int(FACET_WINDOW + 1);
    count.push(&format!(" LIMIT {window}) capped"));
    count.unprepared();
    let matches = crate::db::search::count_matches(db, &count).await?;
    let fresh = if matches > FACET_WINDOW {
        Vec::new()
    } else {
        facets(db, locale, |sql| {
            sql.push(&format!("SELECT {}", matcher.product_id()));
            matcher.push_from_where(sql, false);
        })
        .await?
    };
    db.listing_cache.facets.put(key, fresh.clone());
    Ok(fresh)
}
