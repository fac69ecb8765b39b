//! The search index: one entry per active product, written from the Rust analyzer
//! (`domain::search`) into SQLite FTS5 (`product_fts`) or a PostgreSQL `tsvector` with GIN
//! (`product_search.doc`), and the match expressions that read it.
//!
//! **Every write that changes what a product's entry holds must call [`index_product`] in the
//! same transaction**: its names or descriptions, status, category (or a category's names),
//! the option values it offers, or its `sales_count` (part of the index key). Stock moves do
//! not: stock filters read `products`. Today the seed is the only catalog writer (it writes
//! entries in bulk with [`write_documents`]); a back office calls [`index_product`].
//! `server reindex` rebuilds everything ([`reindex`]); the server does that on start when the
//! analyzer version changed ([`ensure_current`]).

mod postgres;
mod sqlite;

use super::{Backend, Db};
use crate::domain::search::{Document, DocumentSource, SearchQuery, ANALYZER_VERSION};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// Products analysed and written per statement group while rebuilding.
const REINDEX_BATCH: i64 = 1_000;

/// What a rebuild did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReindexReport {
    /// Active products now in the index.
    pub products: u64,
    /// Wall time, in milliseconds.
    pub millis: u64,
}

#[derive(sqlx::FromRow)]
struct ProductText {
    id: i64,
    category_id: i64,
    sales_count: i64,
    name_zh_hant: String,
    name_zh_hans: String,
    name_en: String,
    description_zh_hant: String,
    description_zh_hans: String,
    description_en: String,
}

#[derive(sqlx::FromRow)]
struct CategoryText {
    id: i64,
    parent_id: Option<i64>,
    name_zh_hant: String,
    name_zh_hans: String,
    name_en: String,
}

#[derive(sqlx::FromRow)]
struct OptionText {
    product_id: i64,
    axis_key: String,
    value_key: String,
    name_zh_hant: String,
    name_zh_hans: String,
    name_en: String,
}

/// Analyses the active products with ids in `first_id..=last_id`, at most `limit` of them, in
/// id order, reading everything their documents hold (names, descriptions, category and
/// ancestor names, offered option values) through `conn`, so inside the caller's transaction.
pub async fn documents(
    conn: &mut AnyConnection,
    first_id: i64,
    last_id: i64,
    limit: i64,
) -> Result<Vec<Document>, sqlx::Error> {
    let products = sqlx::query_as::<_, ProductText>(
        "SELECT id, category_id, sales_count, name_zh_hant, name_zh_hans, name_en, \
         description_zh_hant, description_zh_hans, description_en FROM products \
         WHERE status = 'active' AND id >= $1 AND id <= $2 ORDER BY id LIMIT $3",
    )
    .bind(first_id)
    .bind(last_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let (Some(first), Some(last)) = (products.first(), products.last()) else {
        return Ok(Vec::new());
    };
    let categories: HashMap<i64, CategoryText> = sqlx::query_as::<_, CategoryText>(
        "SELECT id, parent_id, name_zh_hant, name_zh_hans, name_en FROM categories",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|c| (c.id, c))
    .collect();
    let options = sqlx::query_as::<_, OptionText>(
        "SELECT DISTINCT sv.product_id, sv.axis_key, sv.value_key, \
         ov.name_zh_hant, ov.name_zh_hans, ov.name_en \
         FROM sku_values sv \
         JOIN option_values ov ON ov.axis_key = sv.axis_key AND ov.value_key = sv.value_key \
         WHERE sv.product_id >= $1 AND sv.product_id <= $2 \
         ORDER BY sv.product_id, sv.axis_key, sv.value_key",
    )
    .bind(first.id)
    .bind(last.id)
    .fetch_all(&mut *conn)
    .await?;
    let mut options_of: HashMap<i64, Vec<&OptionText>> = HashMap::new();
    for option in &options {
        options_of
            .entry(option.product_id)
            .or_default()
            .push(option);
    }
    let mut docs = Vec::with_capacity(products.len());
    for product in &products {
        let mut category_ids = Vec::new();
        let mut category_names = Vec::new();
        let mut next = Some(product.category_id);
        // Ancestors, guarded against a cycle a broken edit could make.
        while let Some(id) = next.filter(|id| !category_ids.contains(id)) {
            let Some(category) = categories.get(&id) else {
                break;
            };
            category_ids.push(id);
            category_names.extend([
                category.name_zh_hant.as_str(),
                category.name_zh_hans.as_str(),
                category.name_en.as_str(),
            ]);
            next = category.parent_id;
        }
        let offered = options_of
            .get(&product.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        docs.push(Document::build(&DocumentSource {
            product_id: product.id,
            sales_count: product.sales_count,
            names: [
                &product.name_zh_hant,
                &product.name_zh_hans,
                &product.name_en,
            ],
            descriptions: [
                &product.description_zh_hant,
                &product.description_zh_hans,
                &product.description_en,
            ],
            category_names,
            option_names: offered
                .iter()
                .flat_map(|o| {
                    [
                        o.name_zh_hant.as_str(),
                        o.name_zh_hans.as_str(),
                        o.name_en.as_str(),
                    ]
                })
                .collect(),
            category_ids,
            options: offered
                .iter()
                .map(|o| (o.axis_key.as_str(), o.value_key.as_str()))
                .collect(),
        }));
    }
    Ok(docs)
}

/// Brings one product's entry up to date, inside the caller's transaction: replaced when the
/// product is active, removed otherwise (or when it no longer exists). The category pages' facet
/// counts follow the same writes, so they are brought up to date here too
/// ([`crate::db::catalog::facet_counts`]).
pub async fn index_product(
    conn: &mut AnyConnection,
    backend: Backend,
    product_id: i64,
) -> Result<(), sqlx::Error> {
    crate::db::catalog::facet_counts::update_product(conn, product_id).await?;
    let docs = documents(conn, product_id, product_id, 1).await?;
    // Removing first keeps SQLite's FTS entry in step: its rowid (the key) may have changed.
    sqlx::query("DELETE FROM product_search WHERE product_id = $1")
        .bind(product_id)
        .execute(&mut *conn)
        .await?;
    write_documents(conn, backend, &docs).await
}

/// Writes new entries (the products must have none yet), several hundred rows per statement:
/// the seed and [`reindex`] write the whole catalog this way.
pub async fn write_documents(
    conn: &mut AnyConnection,
    backend: Backend,
    docs: &[Document],
) -> Result<(), sqlx::Error> {
    match backend {
        Backend::Sqlite => sqlite::write(conn, docs).await,
        Backend::Postgres => postgres::write(conn, docs).await,
    }
}

/// Empties the index, inside the caller's transaction.
pub async fn clear(conn: &mut AnyConnection, backend: Backend) -> Result<(), sqlx::Error> {
    if backend == Backend::Sqlite {
        // One statement instead of one trigger run per row.
        sqlx::query("INSERT INTO product_fts(product_fts) VALUES ('delete-all')")
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM product_search")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// After writing many entries (the seed, [`reindex`]): SQLite merges the FTS segments into one
/// (faster reads) and gathers the planner's statistics for every table.
/// PostgreSQL rewrites the table in key order (CLUSTER: the most popular entries, which every
/// search reads first, then share pages; at 100,000 products 茶's window of 504 read 20 ms
/// of scattered pages before, 6–13 ms after) and gathers statistics, without which the planner
/// cannot choose between walking the popularity b-tree and reading the GIN posting list.
/// CLUSTER locks the index table while it runs (about 7 s at 100,000 products): searches wait.
pub async fn after_bulk_write(db: &Db) -> Result<(), sqlx::Error> {
    let statements: &[&str] = match db.backend() {
        // ANALYZE: without statistics SQLite's planner, at 100,000 products, answered the home
        // page's flash shelf by scanning every SKU and the listing-publish job by reading every
        // platform product (0.3 s each); with them, both take a millisecond.
        Backend::Sqlite => &[
            "INSERT INTO product_fts(product_fts) VALUES ('optimize')",
            "ANALYZE",
        ],
        Backend::Postgres => &[
            "CLUSTER product_search USING product_search_search_key_key",
            "ANALYZE product_search",
        ],
    };
    for statement in statements {
        sqlx::query(statement).execute(db.writer()).await?;
    }
    Ok(())
}

/// Rebuilds the whole index from the catalog in one transaction (searches keep seeing the old
/// index until it commits), then tidies it ([`after_bulk_write`]) and forgets cached counts.
pub async fn reindex(db: &Db) -> Result<ReindexReport, sqlx::Error> {
    let started = std::time::Instant::now();
    let mut tx = db.writer().begin().await?;
    clear(&mut tx, db.backend()).await?;
    let mut products = 0u64;
    let mut next_id = i64::MIN;
    loop {
        let docs = documents(&mut tx, next_id, i64::MAX, REINDEX_BATCH).await?;
        let Some(last) = docs.last() else { break };
        next_id = last.product_id() + 1;
        products += docs.len() as u64;
        write_documents(&mut tx, db.backend(), &docs).await?;
    }
    crate::db::catalog::facet_counts::rebuild(&mut tx).await?;
    tx.commit().await?;
    after_bulk_write(db).await?;
    db.catalog_changed();
    Ok(ReindexReport {
        products,
        millis: started.elapsed().as_millis() as u64,
    })
}

/// Rebuilds the index when an active product has no entry made by this analyzer version
/// (first start after this migration, a new analyzer, a restored old backup). `None` when the
/// index was current.
pub async fn ensure_current(db: &Db) -> Result<Option<ReindexReport>, sqlx::Error> {
    let stale: bool = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM products p WHERE p.status = 'active' AND NOT EXISTS \
         (SELECT 1 FROM product_search s WHERE s.product_id = p.id AND s.analyzer_version = $1)",
    )
    .bind(ANALYZER_VERSION)
    .fetch_one(db.pool())
    .await?
        > 0;
    if !stale {
        return Ok(None);
    }
    Ok(Some(reindex(db).await?))
}

/// Runs a capped `SELECT COUNT(*) FROM (… LIMIT n)` over matches. On PostgreSQL sequential
/// scans are switched off for it: with a LIMIT below the estimated matches the planner expects
/// a table scan to stop early, but every row it reads costs a `tsvector` match on a wide row
/// (measured at 100,000 products, 茶: 98 ms scanning against 38 ms through the GIN bitmap,
/// which needs no recheck for plain lexemes).
pub(crate) async fn count_matches(db: &Db, sql: &crate::db::sql::Sql) -> Result<i64, sqlx::Error> {
    match db.backend() {
        Backend::Sqlite => sql.query_scalar().fetch_one(db.pool()).await,
        Backend::Postgres => {
            let mut tx = db.pool().begin().await?;
            sqlx::query("SET LOCAL enable_seqscan = off")
                .execute(&mut *tx)
                .await?;
            let count = sql.query_scalar().fetch_one(&mut *tx).await?;
            tx.commit().await?;
            Ok(count)
        }
    }
}

/// A search's text and scope as one backend's index matches them.
pub(crate) struct Matcher {
    backend: Backend,
    /// FTS5 query over names and body (with scope), or the text `tsquery`.
    text: String,
    /// PostgreSQL only: the scope `tsquery` (category and options), if any.
    scope: Option<String>,
}

impl Matcher {
    /// `category_id` limits to a category and its subcategories; `options` (axis, value) keep
    /// products offering one of the values on each axis.
    pub(crate) fn new(
        backend: Backend,
        query: &SearchQuery,
        category_id: Option<i64>,
        options: &[(String, String)],
    ) -> Matcher {
        match backend {
            Backend::Sqlite => Matcher {
                backend,
                text: sqlite::match_expression(query, category_id, options, false),
                scope: None,
            },
            Backend::Postgres => Matcher {
                backend,
                text: postgres::text_query(query),
                scope: postgres::scope_query(category_id, options),
            },
        }
    }

    /// Suggestions: names only, the last word a prefix.
    pub(crate) fn names(backend: Backend, query: &SearchQuery) -> Matcher {
        match backend {
            Backend::Sqlite => Matcher {
                backend,
                text: sqlite::match_expression(query, None, &[], true),
                scope: None,
            },
            Backend::Postgres => Matcher {
                backend,
                text: postgres::text_query(query),
                scope: None,
            },
        }
    }

    pub(crate) fn backend(&self) -> Backend {
        self.backend
    }

    /// Pushes `FROM … WHERE <match>` naming the matches; with `products`, `products p` is
    /// joined for filters on price and stock. See [`Self::key`] and [`Self::product_id`].
    pub(crate) fn push_from_where(&self, sql: &mut crate::db::sql::Sql, products: bool) {
        let text = sql.text(self.text.clone());
        match self.backend {
            Backend::Sqlite => {
                sql.push(" FROM product_fts");
                if products {
                    sql.push(" JOIN products p ON p.id = (product_fts.rowid & 4294967295)");
                }
                sql.push(&format!(" WHERE product_fts MATCH {text}"));
            }
            Backend::Postgres => {
                sql.push(" FROM product_search s");
                if products {
                    sql.push(" JOIN products p ON p.id = s.product_id");
                }
                sql.push(&format!(" WHERE s.doc @@ {text}::tsquery"));
                if let Some(scope) = &self.scope {
                    let scope = sql.text(scope.clone());
                    sql.push(&format!(" AND s.doc @@ {scope}::tsquery"));
                }
            }
        }
    }

    /// Names-only variant of [`Self::push_from_where`] for suggestions.
    pub(crate) fn push_names_from_where(&self, sql: &mut crate::db::sql::Sql) {
        let text = sql.text(self.text.clone());
        match self.backend {
            Backend::Sqlite => {
                sql.push(&format!(" FROM product_fts WHERE product_fts MATCH {text}"))
            }
            Backend::Postgres => sql.push(&format!(
                " FROM product_search s WHERE s.name_doc @@ {text}::tsquery"
            )),
        };
    }

    /// The text query's parameter text again, for ranking on PostgreSQL.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The popularity-ordered key column in [`Self::push_from_where`]'s FROM.
    pub(crate) fn key(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "product_fts.rowid",
            Backend::Postgres => "s.search_key",
        }
    }

    /// The product id column in [`Self::push_from_where`]'s FROM.
    pub(crate) fn product_id(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "(product_fts.rowid & 4294967295)",
            Backend::Postgres => "s.product_id",
        }
    }
}
