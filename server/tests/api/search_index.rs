//! The search index against a brute-force reference on the demo catalog (both backends), and
//! the index's write path: same transaction as product changes, reindex, paging past the rank
//! window.

use crate::test_app::TestApp;
use app::db::catalog::{self as repo, Scope};
use app::db::search;
use app::domain::listing::{encode_component, ListingQuery};
use app::domain::search::{fold, Document, SearchQuery, RANK_WINDOW};
use app::i18n::Locale;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Every active product's document, as the index loader builds it from the catalog.
async fn all_documents(db: &app::db::Db) -> Vec<Document> {
    let mut conn = db.pool().acquire().await.unwrap();
    search::documents(&mut conn, i64::MIN, i64::MAX, i64::MAX)
        .await
        .unwrap()
}

async fn ids(db: &app::db::Db, sql: &str) -> HashSet<i64> {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_all(db.pool())
        .await
        .unwrap()
        .into_iter()
        .collect()
}

async fn total(db: &app::db::Db, scope: Scope<'_>, query: &str) -> i64 {
    repo::listing_page(db, Locale::En, scope, query)
        .await
        .unwrap()
        .unwrap()
        .total
}

/// Each product's searchable texts, folded, read independently of the index code: the
/// "LIKE '%…%'" meaning the index replaces.
async fn folded_texts(db: &app::db::Db) -> HashMap<i64, String> {
    #[derive(sqlx::FromRow)]
    struct Texts {
        id: i64,
        texts: String,
    }
    let sql = "SELECT p.id, p.name_zh_hant || '|' || p.name_zh_hans || '|' || p.name_en || '|' || \
               p.description_zh_hant || '|' || p.description_zh_hans || '|' || p.description_en || '|' || \
               c.name_zh_hant || '|' || c.name_zh_hans || '|' || c.name_en || '|' || \
               COALESCE(t.name_zh_hant || '|' || t.name_zh_hans || '|' || t.name_en, '') AS texts \
               FROM products p JOIN categories c ON c.id = p.category_id \
               LEFT JOIN categories t ON t.id = c.parent_id WHERE p.status = 'active'";
    let mut texts: HashMap<i64, String> = sqlx::query_as::<_, Texts>(sql)
        .fetch_all(db.pool())
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.id, fold(&t.texts)))
        .collect();
    let options: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT DISTINCT sv.product_id, ov.name_zh_hant, ov.name_zh_hans, ov.name_en \
         FROM sku_values sv JOIN option_values ov \
         ON ov.axis_key = sv.axis_key AND ov.value_key = sv.value_key",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    for (id, a, b, c) in options {
        if let Some(t) = texts.get_mut(&id) {
            t.push_str(&fold(&format!("|{a}|{b}|{c}")));
        }
    }
    texts
}

fn is_cjk(c: char) -> bool {
    app::domain::search::document::is_cjk(c)
}

/// Queries: every word of every name, every CJK 1-, 2- and 3-gram of the names, category names,
/// the examples and hostile input.
async fn corpus(db: &app::db::Db) -> Vec<String> {
    let names: Vec<(String, String, String)> =
        sqlx::query_as("SELECT name_zh_hant, name_zh_hans, name_en FROM products")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let categories: Vec<(String, String, String)> =
        sqlx::query_as("SELECT name_zh_hant, name_zh_hans, name_en FROM categories")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let mut queries: BTreeSet<String> = BTreeSet::new();
    for (a, b, c) in names.iter().chain(&categories) {
        for text in [a, b, c] {
            queries.insert(text.clone());
            for word in text.split_whitespace() {
                queries.insert(word.to_string());
            }
            let chars: Vec<char> = text.chars().collect();
            for n in 1..=3 {
                for window in chars.windows(n) {
                    if window.iter().all(|c| is_cjk(*c)) {
                        queries.insert(window.iter().collect());
                    }
                }
            }
        }
    }
    for q in [
        "茶",
        "手機",
        "手机",
        "oolong tea",
        "pu’er",
        "Pu'er",
        "puer",
        "pu-er",
        "SMARTPHONE",
        "ＰＨＯＮＥ",
        "128GB",
        "128 gb",
        "zzqqxx",
        "%",
        "_",
        "' OR 1=1 --",
        "\\",
        "%%__",
        "\"",
        "手機'; DROP TABLE products; --",
        "a*",
        "NEAR(a b)",
        "c:1",
        "t-shirt",
    ] {
        queries.insert(q.to_string());
    }
    queries.into_iter().collect()
}

#[tokio::test]
async fn search_counts_match_brute_force() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let docs = all_documents(db).await;
        assert!(docs.len() >= 96, "{backend}");
        let texts = folded_texts(db).await;
        let in_stock = ids(db, "SELECT id FROM products WHERE total_stock > 0").await;
        let min_price = ListingQuery::parse("min=300").0.min_price.unwrap().fen();
        let priced = ids(
            db,
            &format!("SELECT id FROM products WHERE min_price >= {min_price}"),
        )
        .await;
        let black = ids(
            db,
            "SELECT product_id FROM sku_values WHERE axis_key = 'colour' AND value_key = 'black'",
        )
        .await;
        let black_in_stock = ids(
            db,
            "SELECT sv.product_id FROM sku_values sv JOIN skus s ON s.id = sv.sku_id \
             WHERE sv.axis_key = 'colour' AND sv.value_key = 'black' AND s.stock > 0",
        )
        .await;
        let (tea_id, tea_slug): (i64, String) =
            sqlx::query_as("SELECT id, slug FROM categories WHERE slug = 'tea'")
                .fetch_one(db.pool())
                .await
                .unwrap();
        let in_tea = |d: &Document| d.scope.contains(&format!("c:{tea_id}"));

        let queries = corpus(db).await;
        assert!(queries.len() > 200, "{backend}: {}", queries.len());
        for (n, q) in queries.iter().enumerate() {
            let parsed = SearchQuery::parse(q);
            let matching: Vec<&Document> = docs
                .iter()
                .filter(|d| parsed.groups.is_empty() || parsed.matches(d, false))
                .collect();
            let encoded = format!("q={}", encode_component(q));
            assert_eq!(
                total(db, Scope::Everything, &encoded).await,
                matching.len() as i64,
                "{backend}: {q:?}"
            );
            // Tokenising loses nothing: a CJK n-gram found as a substring is found by the index.
            if !q.is_empty() && q.chars().all(is_cjk) {
                let needle = fold(q);
                let found: HashSet<i64> = matching.iter().map(|d| d.product_id()).collect();
                for (id, text) in &texts {
                    assert!(
                        !text.contains(&needle) || found.contains(id),
                        "{backend}: {q:?} is in product {id}'s text but not found"
                    );
                }
            }
            // Filters with the text, on a third of the queries (and all short ones).
            if n % 3 != 0 && q.chars().count() > 2 {
                continue;
            }
            let count = |keep: &dyn Fn(&Document) -> bool| {
                matching.iter().filter(|d| keep(d)).count() as i64
            };
            let cases: [(String, i64); 5] = [
                (
                    format!("{encoded}&in_stock=1"),
                    count(&|d| in_stock.contains(&d.product_id())),
                ),
                (
                    format!("{encoded}&min=300"),
                    count(&|d| priced.contains(&d.product_id())),
                ),
                (
                    format!("{encoded}&opt=colour:black"),
                    count(&|d| black.contains(&d.product_id())),
                ),
                (
                    format!("{encoded}&opt=colour:black&in_stock=1"),
                    count(&|d| {
                        black_in_stock.contains(&d.product_id())
                            && in_stock.contains(&d.product_id())
                    }),
                ),
                (encoded.clone(), count(&|d| in_tea(d))),
            ];
            for (i, (query, expected)) in cases.iter().enumerate() {
                let scope = if i == 4 {
                    Scope::Category(&tea_slug)
                } else {
                    Scope::Everything
                };
                if i == 4 && parsed.groups.is_empty() {
                    continue;
                }
                assert_eq!(
                    total(db, scope, query).await,
                    *expected,
                    "{backend}: {query} (case {i})"
                );
            }
        }

        // Suggestions: the six most popular products whose names match what is typed so far.
        let slugs: HashMap<i64, String> =
            sqlx::query_as::<_, (i64, String)>("SELECT id, slug FROM products")
                .fetch_all(db.pool())
                .await
                .unwrap()
                .into_iter()
                .collect();
        let english: BTreeSet<String> =
            sqlx::query_scalar::<_, String>("SELECT name_en FROM products")
                .fetch_all(db.pool())
                .await
                .unwrap()
                .iter()
                .flat_map(|n| n.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                .collect();
        let mut typed: BTreeSet<String> = BTreeSet::new();
        for word in &english {
            let chars: Vec<char> = word.chars().collect();
            for end in 1..=chars.len() {
                typed.insert(chars[..end].iter().collect());
            }
        }
        typed.extend(["oolong te", "手", "手機", "烏龍茶", "smart ph"].map(String::from));
        for text in &typed {
            let parsed = SearchQuery::parse_typing(text);
            let mut expected: Vec<&Document> =
                docs.iter().filter(|d| parsed.matches(d, true)).collect();
            expected.sort_by_key(|d| std::cmp::Reverse(d.search_key));
            let expected: Vec<String> = expected
                .iter()
                .take(6)
                .map(|d| format!("/p/{}", slugs[&d.product_id()]))
                .collect();
            let found: Vec<String> = repo::suggestions(db, Locale::En, text)
                .await
                .unwrap()
                .into_iter()
                .filter(|s| !s.is_category)
                .map(|s| s.href)
                .collect();
            assert_eq!(found, expected, "{backend}: suggestions for {text:?}");
        }
        t.close().await;
    }
}

/// The number of search results for each query, to compare before and after a rebuild.
async fn counts(db: &app::db::Db, queries: &[&str]) -> Vec<i64> {
    let mut out = Vec::new();
    for q in queries {
        db.catalog_changed();
        out.push(total(db, Scope::Everything, &format!("q={}", encode_component(q))).await);
    }
    out
}

const SAMPLE: &[&str] = &[
    "茶",
    "手機",
    "oolong tea",
    "puer",
    "black",
    "黑色",
    "zzqqxx",
];

#[tokio::test]
async fn reindex_keeps_results_and_start_up_fills_an_empty_index() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        // The seed wrote every active product's entry with this analyzer version.
        assert_eq!(search::ensure_current(db).await.unwrap(), None, "{backend}");
        let before = counts(db, SAMPLE).await;
        assert!(before[0] > 0 && before[6] == 0, "{backend}: {before:?}");
        let report = search::reindex(db).await.unwrap();
        assert_eq!(report.products, 96, "{backend}");
        assert_eq!(counts(db, SAMPLE).await, before, "{backend}: after reindex");
        assert_eq!(search::ensure_current(db).await.unwrap(), None, "{backend}");
        // An old backup restored, or the migration just applied: no entries at all.
        sqlx::query("DELETE FROM product_search")
            .execute(db.pool())
            .await
            .unwrap();
        if db.backend() == app::db::Backend::Sqlite {
            sqlx::query("INSERT INTO product_fts(product_fts) VALUES ('delete-all')")
                .execute(db.pool())
                .await
                .unwrap();
        }
        assert_eq!(counts(db, SAMPLE).await[0], 0, "{backend}: emptied");
        let rebuilt = search::ensure_current(db).await.unwrap();
        assert_eq!(rebuilt.map(|r| r.products), Some(96), "{backend}");
        assert_eq!(
            counts(db, SAMPLE).await,
            before,
            "{backend}: after ensure_current"
        );
        t.close().await;
    }
}

async fn found(db: &app::db::Db, q: &str) -> bool {
    db.catalog_changed();
    total(db, Scope::Everything, &format!("q={}", encode_component(q))).await > 0
}

#[tokio::test]
async fn index_follows_product_changes_in_the_same_transaction() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let insert = "INSERT INTO products (id, slug, category_id, status, name_zh_hant, \
             name_zh_hans, name_en, description_zh_hant, description_zh_hans, description_en, \
             cover_image, min_price, max_price, total_stock, sales_count, featured, created_at) \
             VALUES (900001, 'quokka-kettle', (SELECT MIN(id) FROM categories), 'active', \
             '短尾矮袋鼠水壺', '短尾矮袋鼠水壶', 'Quokka Kettle', '', '', '', '/x.svg', 100, 100, 1, 0, 0, 0)";

        // Rolled back: neither the product nor its entry stays.
        let mut tx = db.pool().begin().await.unwrap();
        sqlx::query(insert).execute(&mut *tx).await.unwrap();
        search::index_product(&mut tx, db.backend(), 900001)
            .await
            .unwrap();
        tx.rollback().await.unwrap();
        assert!(!found(db, "quokka").await, "{backend}");

        let mut tx = db.pool().begin().await.unwrap();
        sqlx::query(insert).execute(&mut *tx).await.unwrap();
        search::index_product(&mut tx, db.backend(), 900001)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(found(db, "quokka").await, "{backend}");
        assert!(found(db, "袋鼠").await, "{backend}");

        // Renamed, and more popular (so its key, the FTS rowid, changes too).
        let mut tx = db.pool().begin().await.unwrap();
        sqlx::query(
            "UPDATE products SET name_en = 'Wombat Kettle', sales_count = 5000 WHERE id = 900001",
        )
        .execute(&mut *tx)
        .await
        .unwrap();
        search::index_product(&mut tx, db.backend(), 900001)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(!found(db, "quokka").await, "{backend}: old name gone");
        assert!(found(db, "wombat").await, "{backend}");
        let entries: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM product_search WHERE product_id = 900001")
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(entries, 1, "{backend}");

        // A draft is not searchable.
        let mut tx = db.pool().begin().await.unwrap();
        sqlx::query("UPDATE products SET status = 'draft' WHERE id = 900001")
            .execute(&mut *tx)
            .await
            .unwrap();
        search::index_product(&mut tx, db.backend(), 900001)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(!found(db, "wombat").await, "{backend}: draft");

        // Deleting a product removes its entry (cascade, and on SQLite the trigger clears FTS).
        sqlx::query("UPDATE products SET status = 'active' WHERE id = 900001")
            .execute(db.pool())
            .await
            .unwrap();
        search::reindex(db).await.unwrap();
        assert!(found(db, "wombat").await, "{backend}: reindexed");
        sqlx::query("DELETE FROM products WHERE id = 900001")
            .execute(db.pool())
            .await
            .unwrap();
        assert!(!found(db, "wombat").await, "{backend}: deleted");
        if db.backend() == app::db::Backend::Sqlite {
            let fts: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM product_fts WHERE product_fts MATCH '\"wombat\"'",
            )
            .fetch_one(db.pool())
            .await
            .unwrap();
            assert_eq!(fts, 0, "the FTS entry went with the product");
        }
        t.close().await;
    }
}

#[tokio::test]
async fn pages_past_the_rank_window_continue_without_repeats() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let db = t.db();
        server::seed::seed(db, &t.media_dir(), 800).await.unwrap();
        // A word in many names: the English model names carry no shared word, but every
        // product's category is in its body, and colours are common.
        let mut chosen = None;
        for q in ["色", "black", "the", "a"] {
            db.catalog_changed();
            let n = total(db, Scope::Everything, &format!("q={}", encode_component(q))).await;
            if n > RANK_WINDOW + 30 {
                chosen = Some((q, n));
                break;
            }
        }
        let (q, n) = chosen.expect("a query with more matches than the rank window");
        let mut seen: HashSet<String> = HashSet::new();
        let pages = (n + 23) / 24;
        for page in 1..=pages {
            let listing = repo::listing_page(
                db,
                Locale::En,
                Scope::Everything,
                &format!("q={}&page={page}", encode_component(q)),
            )
            .await
            .unwrap()
            .unwrap();
            for p in listing.products {
                assert!(
                    seen.insert(p.slug.clone()),
                    "{backend}: {q} page {page} repeats {}",
                    p.slug
                );
            }
        }
        assert_eq!(seen.len() as i64, n, "{backend}: {q}");
        t.close().await;
    }
}
