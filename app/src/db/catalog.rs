//! Catalog queries: categories, listings with filters and sort, search, product detail.

use super::sql::Sql;
use super::Db;
use crate::domain::catalog::{
    Axis, AxisValue, CategoryLink, CategoryTree, Facet, FacetValue, HomePage, ListingCategory,
    ListingPage, ProductDetail, ProductSummary, Sku, Suggestion,
};
use crate::domain::listing::{page_count, ListingQuery, Sort, PAGE_SIZE};
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::search;

/// Column suffix for a locale's translated text. Only ever one of these constants goes into SQL.
pub(crate) fn lang(locale: Locale) -> &'static str {
    match locale {
        Locale::ZhHant => "zh_hant",
        Locale::ZhHans => "zh_hans",
        Locale::En => "en",
    }
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct CategoryRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub name: String,
}

pub async fn categories(db: &Db, locale: Locale) -> Result<Vec<CategoryRow>, sqlx::Error> {
    let sql = format!(
        "SELECT id, parent_id, slug, name_{} AS name FROM categories ORDER BY position, id",
        lang(locale)
    );
    sqlx::query_as::<_, CategoryRow>(&sql)
        .fetch_all(db.pool())
        .await
}

fn link(row: &CategoryRow) -> CategoryLink {
    CategoryLink {
        slug: row.slug.clone(),
        name: row.name.clone(),
    }
}

pub fn category_trees(rows: &[CategoryRow]) -> Vec<CategoryTree> {
    rows.iter()
        .filter(|r| r.parent_id.is_none())
        .map(|top| CategoryTree {
            slug: top.slug.clone(),
            name: top.name.clone(),
            children: rows
                .iter()
                .filter(|c| c.parent_id == Some(top.id))
                .map(link)
                .collect(),
        })
        .collect()
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

/// A short shelf of products: `order` is a fixed ORDER BY clause chosen by the caller.
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
        "p.sales_count DESC, p.id",
        limit,
    )
    .await
}

pub async fn home_page(db: &Db, locale: Locale) -> Result<HomePage, sqlx::Error> {
    let rows = categories(db, locale).await?;
    Ok(HomePage {
        categories: category_trees(&rows),
        featured: shelf(
            db,
            locale,
            "AND p.featured = 1",
            "p.sales_count DESC, p.id",
            8,
        )
        .await?,
        new_arrivals: shelf(db, locale, "", "p.created_at DESC, p.id DESC", 8).await?,
        best_sellers: best_sellers(db, locale, 8).await?,
    })
}

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

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: i64,
    slug: String,
    name: String,
    description: String,
    category_id: i64,
    sales_count: i64,
}

#[derive(sqlx::FromRow)]
struct SkuRow {
    id: i64,
    code: String,
    price: i64,
    stock: i64,
}

/// An option axis a product is sold in, named in the shopper's language.
#[derive(sqlx::FromRow)]
struct AxisRow {
    axis_key: String,
    axis_name: String,
}

#[derive(sqlx::FromRow)]
struct SkuValueRow {
    sku_id: i64,
    axis_key: String,
    value_key: String,
    value_name: String,
}

pub async fn product_detail(
    db: &Db,
    locale: Locale,
    slug: &str,
) -> Result<Option<ProductDetail>, sqlx::Error> {
    let l = lang(locale);
    let product = sqlx::query_as::<_, ProductRow>(&format!(
        "SELECT id, slug, name_{l} AS name, description_{l} AS description, category_id, sales_count \
         FROM products WHERE slug = $1 AND status = 'active'"
    ))
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    let Some(product) = product else {
        return Ok(None);
    };

    let rows = categories(db, locale).await?;
    let mut breadcrumb = Vec::new();
    let mut next = Some(product.category_id);
    while let Some(row) = next.and_then(|id| rows.iter().find(|r| r.id == id)) {
        breadcrumb.insert(0, link(row));
        next = row.parent_id;
    }

    let images: Vec<String> = sqlx::query_scalar(
        "SELECT url FROM product_images WHERE product_id = $1 ORDER BY position",
    )
    .bind(product.id)
    .fetch_all(db.pool())
    .await?;
    let axes_rows = sqlx::query_as::<_, AxisRow>(&format!(
        "SELECT pa.axis_key, oa.name_{l} AS axis_name FROM product_axes pa JOIN option_axes oa ON oa.axis_key = pa.axis_key \
         WHERE pa.product_id = $1 ORDER BY pa.position"
    ))
    .bind(product.id)
    .fetch_all(db.pool())
    .await?;
    let sku_rows = sqlx::query_as::<_, SkuRow>(
        "SELECT id, code, price, stock FROM skus WHERE product_id = $1 ORDER BY id",
    )
    .bind(product.id)
    .fetch_all(db.pool())
    .await?;
    let value_rows = sqlx::query_as::<_, SkuValueRow>(&format!(
        "SELECT sv.sku_id, sv.axis_key, sv.value_key, ov.name_{l} AS value_name FROM sku_values sv \
         JOIN option_values ov ON ov.axis_key = sv.axis_key AND ov.value_key = sv.value_key \
         WHERE sv.product_id = $1 ORDER BY ov.position, sv.value_key"
    ))
    .bind(product.id)
    .fetch_all(db.pool())
    .await?;

    let axes: Vec<Axis> = axes_rows
        .into_iter()
        .map(|axis| {
            let AxisRow {
                axis_key: key,
                axis_name: name,
            } = axis;
            let mut values: Vec<AxisValue> = Vec::new();
            for row in value_rows.iter().filter(|v| v.axis_key == key) {
                if !values.iter().any(|v| v.key == row.value_key) {
                    values.push(AxisValue {
                        key: row.value_key.clone(),
                        name: row.value_name.clone(),
                    });
                }
            }
            Axis { key, name, values }
        })
        .collect();
    let skus = sku_rows
        .into_iter()
        .map(|row| Sku {
            id: row.id,
            code: row.code,
            price: Money::from_fen(row.price),
            stock: row.stock,
            values: axes
                .iter()
                .map(|axis| {
                    value_rows
                        .iter()
                        .find(|v| v.sku_id == row.id && v.axis_key == axis.key)
                        .map(|v| v.value_key.clone())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    Ok(Some(ProductDetail {
        id: product.id,
        slug: product.slug,
        name: product.name,
        description: product.description,
        breadcrumb,
        images,
        axes,
        skus,
        sales_count: product.sales_count,
    }))
}

/// Predictive search: matching categories first, then the best-selling matching products.
pub async fn suggestions(
    db: &Db,
    locale: Locale,
    typed: &str,
) -> Result<Vec<Suggestion>, sqlx::Error> {
    let terms = search::terms(typed);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    // Categories match on their names in every language, and show in the shopper's.
    /// A category with its name in every language.
    #[derive(sqlx::FromRow)]
    struct NamedCategory {
        slug: String,
        name_zh_hant: String,
        name_zh_hans: String,
        name_en: String,
    }
    /// A matching product, named in the shopper's language.
    #[derive(sqlx::FromRow)]
    struct MatchRow {
        slug: String,
        name: String,
        cover_image: String,
        min_price: i64,
        max_price: i64,
    }
    let rows = sqlx::query_as::<_, NamedCategory>(
        "SELECT slug, name_zh_hant, name_zh_hans, name_en FROM categories ORDER BY position, id",
    )
    .fetch_all(db.pool())
    .await?;
    let mut found: Vec<Suggestion> = rows
        .into_iter()
        .filter(|c| {
            let names = search::normalize(&format!(
                "{} {} {}",
                c.name_zh_hant, c.name_zh_hans, c.name_en
            ));
            terms.iter().all(|t| names.contains(t.as_str()))
        })
        .take(3)
        .map(|c| Suggestion {
            label: match locale {
                Locale::ZhHant => c.name_zh_hant,
                Locale::ZhHans => c.name_zh_hans,
                Locale::En => c.name_en,
            },
            href: format!("/c/{}", c.slug),
            is_category: true,
            image: None,
            min_price: None,
            max_price: None,
        })
        .collect();
    let mut sql = Sql::new(format!(
        "SELECT p.slug, p.name_{} AS name, p.cover_image, p.min_price, p.max_price \
         FROM products p WHERE p.status = 'active'",
        lang(locale)
    ));
    for term in &terms {
        let p = sql.text(format!("%{}%", search::escape_like(term)));
        sql.push(&format!(" AND p.name_search LIKE {p} ESCAPE '\\'"));
    }
    sql.push(" ORDER BY p.sales_count DESC, p.id LIMIT 6");
    let products = sql.query_as::<MatchRow>().fetch_all(db.pool()).await?;
    found.extend(products.into_iter().map(|p| Suggestion {
        label: p.name,
        href: format!("/p/{}", p.slug),
        is_category: false,
        image: Some(p.cover_image),
        min_price: Some(Money::from_fen(p.min_price)),
        max_price: Some(Money::from_fen(p.max_price)),
    }));
    Ok(found)
}

/// Slugs for the sitemap, in a stable order.
pub async fn product_slugs(db: &Db, offset: i64, limit: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT slug FROM products WHERE status = 'active' ORDER BY id LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(db.pool())
    .await
}

pub async fn product_count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE status = 'active'")
        .fetch_one(db.pool())
        .await
}
