//! Category pages at scale: pages read by merging each subcategory's index walk equal a full
//! sort of the category, and the kept facet counts equal a live count through product changes
//! (both backends).

use crate::test_app::TestApp;
use app::db::catalog::{self as repo, facet_counts, Scope};
use app::db::search;
use app::domain::listing::{Sort, PAGE_SIZE};
use app::i18n::Locale;
use std::cmp::Reverse;

#[derive(sqlx::FromRow, Clone)]
struct Row {
    id: i64,
    slug: String,
    featured: i64,
    sales_count: i64,
    created_at: i64,
    min_price: i64,
    total_stock: i64,
}

/// The category's products in the sort's order, sorted here rather than by the database.
fn sorted(mut rows: Vec<Row>, sort: Sort) -> Vec<String> {
    match sort {
        Sort::Relevance => rows.sort_by_key(|r| Reverse((r.featured, r.sales_count, r.id))),
        Sort::Newest => rows.sort_by_key(|r| Reverse((r.created_at, r.id))),
        Sort::PriceAsc => rows.sort_by_key(|r| (r.min_price, r.id)),
        Sort::PriceDesc => rows.sort_by_key(|r| Reverse((r.min_price, r.id))),
        Sort::BestSelling => rows.sort_by_key(|r| Reverse((r.sales_count, r.id))),
    }
    rows.into_iter().map(|r| r.slug).collect()
}

#[tokio::test]
async fn merged_category_pages_equal_a_full_sort() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let db = t.db();
        server::seed::seed(db, &t.media_dir(), 800).await.unwrap();
        let categories = repo::categories(db, Locale::En).await.unwrap();
        // The top category with the most products, which has subcategories.
        let mut best: Option<(i64, String, Vec<i64>)> = None;
        for top in categories.iter().filter(|c| c.parent_id.is_none()) {
            let mut ids = vec![top.id];
            ids.extend(
                categories
                    .iter()
                    .filter(|c| c.parent_id == Some(top.id))
                    .map(|c| c.id),
            );
            let list = ids
                .iter()
                .map(|id| id.to_string())
                .collect::<Vec<_>>()
                .join(",");
            let n: i64 = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM products WHERE status = 'active' AND category_id IN ({list})"
            ))
            .fetch_one(db.pool())
            .await
            .unwrap();
            if ids.len() > 1 && best.as_ref().is_none_or(|(m, _, _)| n > *m) {
                best = Some((n, top.slug.clone(), ids));
            }
        }
        let (n, slug, ids) = best.expect("a category with subcategories");
        assert!(n > 3 * PAGE_SIZE, "{backend}: {slug} has {n} products");
        // Some products out of stock, so the stock filter removes rows from the walks.
        sqlx::query("UPDATE products SET total_stock = 0 WHERE id % 5 = 0")
            .execute(db.pool())
            .await
            .unwrap();
        let list = ids
            .iter()
            .map(|id| id.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT id, slug, featured, sales_count, created_at, min_price, total_stock \
             FROM products WHERE status = 'active' AND category_id IN ({list})"
        ))
        .fetch_all(db.pool())
        .await
        .unwrap();
        for sort in Sort::ALL {
            // No filter, in stock, and a price range (yuan in the address, fen in the rows).
            for filter in ["", "&in_stock=1", "&min=100&max=3000"] {
                let chosen: Vec<Row> = rows
                    .iter()
                    .filter(|r| filter != "&in_stock=1" || r.total_stock > 0)
                    .filter(|r| {
                        !filter.starts_with("&min") || (10_000..=300_000).contains(&r.min_price)
                    })
                    .cloned()
                    .collect();
                let expected = sorted(chosen, sort);
                assert!(
                    expected.len() > 24,
                    "{backend}: {filter} leaves too few to page"
                );
                let pages = (expected.len() as i64 + PAGE_SIZE - 1) / PAGE_SIZE;
                for page in 1..=pages {
                    let query = format!("sort={}{filter}&page={page}", sort.key());
                    let listing =
                        repo::listing_page(db, Locale::En, Scope::Category(&slug), &query)
                            .await
                            .unwrap()
                            .unwrap();
                    let start = ((page - 1) * PAGE_SIZE) as usize;
                    let end = (start + PAGE_SIZE as usize).min(expected.len());
                    let got: Vec<String> = listing.products.into_iter().map(|p| p.slug).collect();
                    assert_eq!(got, expected[start..end], "{backend}: {slug}?{query}");
                    assert_eq!(listing.total, expected.len() as i64, "{backend}: {query}");
                }
            }
        }
        t.close().await;
    }
}

/// Every category page's facets, kept and live, in each language.
async fn assert_facets_true(db: &app::db::Db, when: &str) {
    let categories = repo::categories(db, Locale::En).await.unwrap();
    for category in &categories {
        let mut ids = vec![category.id];
        ids.extend(
            categories
                .iter()
                .filter(|c| c.parent_id == Some(category.id))
                .map(|c| c.id),
        );
        for locale in [Locale::ZhHant, Locale::En] {
            let kept = facet_counts::category_facets(db, locale, &ids)
                .await
                .unwrap();
            let live = repo::live_category_facets(db, locale, &ids).await.unwrap();
            assert_eq!(kept, live, "{when}: {}", category.slug);
        }
    }
}

/// How many option values a product contributes to the counts.
async fn facets_of(db: &app::db::Db, product_id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM product_facets WHERE product_id = $1")
        .bind(product_id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn in_transaction(db: &app::db::Db, product_id: i64, statement: &str) {
    let mut tx = db.writer().begin().await.unwrap();
    sqlx::query(statement).execute(&mut *tx).await.unwrap();
    search::index_product(&mut tx, db.backend(), product_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn kept_facet_counts_follow_product_changes() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        assert_facets_true(db, &format!("{backend}: seeded")).await;
        // A product with options moves to another category.
        let (product, category): (i64, i64) = sqlx::query_as(
            "SELECT p.id, p.category_id FROM products p WHERE p.status = 'active' \
             AND EXISTS (SELECT 1 FROM sku_values sv WHERE sv.product_id = p.id) ORDER BY p.id LIMIT 1",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert!(facets_of(db, product).await > 0, "{backend}");
        let other: i64 = sqlx::query_scalar(&format!(
            "SELECT MAX(id) FROM categories WHERE id <> {category} AND parent_id IS NOT NULL"
        ))
        .fetch_one(db.pool())
        .await
        .unwrap();
        in_transaction(
            db,
            product,
            &format!("UPDATE products SET category_id = {other} WHERE id = {product}"),
        )
        .await;
        assert_facets_true(db, &format!("{backend}: moved")).await;

        // One of its SKUs takes another value on the same axis.
        let (sku, axis, value): (i64, String, String) = sqlx::query_as(&format!(
            "SELECT sku_id, axis_key, value_key FROM sku_values WHERE product_id = {product} \
             ORDER BY sku_id LIMIT 1"
        ))
        .fetch_one(db.pool())
        .await
        .unwrap();
        let new_value: String = sqlx::query_scalar(&format!(
            "SELECT value_key FROM option_values WHERE axis_key = '{axis}' AND value_key <> '{value}' \
             ORDER BY position DESC LIMIT 1"
        ))
        .fetch_one(db.pool())
        .await
        .unwrap();
        in_transaction(
            db,
            product,
            &format!(
                "UPDATE sku_values SET value_key = '{new_value}' \
                 WHERE sku_id = {sku} AND axis_key = '{axis}'"
            ),
        )
        .await;
        assert_facets_true(db, &format!("{backend}: value changed")).await;

        // Taken off the shop, it counts nowhere; back on, it counts again.
        in_transaction(
            db,
            product,
            &format!("UPDATE products SET status = 'unlisted' WHERE id = {product}"),
        )
        .await;
        assert_eq!(facets_of(db, product).await, 0, "{backend}");
        assert_facets_true(db, &format!("{backend}: unlisted")).await;
        in_transaction(
            db,
            product,
            &format!("UPDATE products SET status = 'active' WHERE id = {product}"),
        )
        .await;
        assert_facets_true(db, &format!("{backend}: listed again")).await;

        // A rolled-back change leaves the counts as they were.
        let mut tx = db.writer().begin().await.unwrap();
        sqlx::query(&format!(
            "UPDATE products SET status = 'draft' WHERE id = {product}"
        ))
        .execute(&mut *tx)
        .await
        .unwrap();
        search::index_product(&mut tx, db.backend(), product)
            .await
            .unwrap();
        tx.rollback().await.unwrap();
        assert!(facets_of(db, product).await > 0, "{backend}");
        assert_facets_true(db, &format!("{backend}: rolled back")).await;

        // Folding the appended changes into the counts changes no figure, and takes each once.
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM facet_count_changes")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert!(pending > 0, "{backend}: the changes above were appended");
        let (first, second) = tokio::join!(
            facet_counts::fold_changes(db),
            facet_counts::fold_changes(db)
        );
        assert_eq!(
            first.unwrap() + second.unwrap(),
            pending as u64,
            "{backend}: two folds at once take each change once"
        );
        assert_facets_true(db, &format!("{backend}: folded")).await;

        // A product whose options are all gone counts nowhere.
        let mut tx = db.writer().begin().await.unwrap();
        for statement in [
            format!("DELETE FROM sku_values WHERE product_id = {product}"),
            format!("DELETE FROM product_search WHERE product_id = {product}"),
        ] {
            sqlx::query(&statement).execute(&mut *tx).await.unwrap();
        }
        sqlx::query("UPDATE products SET status = 'unlisted' WHERE id = $1")
            .bind(product)
            .execute(&mut *tx)
            .await
            .unwrap();
        search::index_product(&mut tx, db.backend(), product)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(facets_of(db, product).await, 0, "{backend}");
        assert_facets_true(db, &format!("{backend}: options removed")).await;

        // Reindex rebuilds them to the same figures.
        search::reindex(db).await.unwrap();
        assert_facets_true(db, &format!("{backend}: reindexed")).await;
        t.close().await;
    }
}
