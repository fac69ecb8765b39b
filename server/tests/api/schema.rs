//! SQLite and PostgreSQL are migrated by separate files: this test fails when their tables or
//! columns drift apart (a column added to one backend only would misread or lose data there).

use crate::test_app::TestApp;
use app::db::Backend;
use std::collections::BTreeSet;

async fn columns(db: &app::db::Db) -> BTreeSet<(String, String)> {
    let rows: Vec<(String, String)> = match db.backend() {
        Backend::Sqlite => sqlx::query_as(
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
        )
        .fetch_all(db.pool())
        .await
        .unwrap(),
        Backend::Postgres => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
        )
        .fetch_all(db.pool())
        .await
        .unwrap(),
    };
    rows.into_iter().collect()
}

/// The search index is the one place where the backends differ on purpose (db/search.rs): both
/// have `product_search(product_id, search_key, analyzer_version)`, but SQLite keeps the tokens
/// in the FTS5 virtual table `product_fts` (whose shadow tables `product_fts_*` FTS5 creates
/// itself), while PostgreSQL keeps them in `tsvector` columns of `product_search`.
fn backend_specific(backend: Backend, (table, column): &(String, String)) -> bool {
    match backend {
        Backend::Sqlite => table == "product_fts" || table.starts_with("product_fts_"),
        Backend::Postgres => table == "product_search" && (column == "name_doc" || column == "doc"),
    }
}

#[tokio::test]
async fn both_backends_have_the_same_tables_and_columns() {
    let all = TestApp::each(false).await;
    if all.len() < 2 {
        // Only SQLite answered (and PostgreSQL was not required): nothing to compare.
        return;
    }
    let mut found: Vec<BTreeSet<(String, String)>> = Vec::new();
    for t in &all {
        let backend = t.db().backend();
        let all = columns(t.db()).await;
        let specific: BTreeSet<_> = all
            .iter()
            .filter(|c| backend_specific(backend, c))
            .cloned()
            .collect();
        // The allowance must not hide a missing index: each backend has its own part.
        assert!(!specific.is_empty(), "{}: no search index", backend.name());
        found.push(all.difference(&specific).cloned().collect());
    }
    assert!(
        found[0].len() > 50,
        "the schema was read: {}",
        found[0].len()
    );
    let only_sqlite: Vec<_> = found[0].difference(&found[1]).collect();
    let only_postgres: Vec<_> = found[1].difference(&found[0]).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "only in SQLite: {only_sqlite:?}\nonly in PostgreSQL: {only_postgres:?}"
    );
    for t in all {
        t.close().await;
    }
}
