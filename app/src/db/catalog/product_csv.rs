//! Products and SKUs in and out as CSV rows (see `domain::catalog::product_csv` for the
//! columns): export reads every product in the editor's shape; import saves the file's products
//! through the editor's own save, all in one writer transaction that is committed only when
//! every product passed.

use super::product_edit::{covers, read, save_in, ProductError};
use crate::db::{owner_filter, Db};
use crate::domain::audit::AuditActor;
use crate::domain::catalog::product_csv::{
    product_rows, unchanged, CsvRow, ImportProduct, LineProblem, ProductKey,
};
use crate::domain::catalog::product_edit::stock_target;
use crate::domain::form::Problem;
use crate::domain::owner::Scope;
use sqlx::Acquire;

/// The rows of every product `scope` covers, products by id, each product's SKUs in matrix
/// order.
pub async fn export(db: &Db, scope: Scope) -> Result<Vec<CsvRow>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let (all, owner) = scope.binds();
    let products: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT p.id, c.slug FROM products p JOIN categories c ON c.id = p.category_id \
         WHERE {} ORDER BY p.id",
        owner_filter("p.owner_id", 1, 2)
    ))
    .bind(all)
    .bind(owner)
    .fetch_all(&mut *conn)
    .await?;
    let mut rows = Vec::new();
    for (id, category_slug) in products {
        if let Some(product) = read(&mut conn, id).await? {
            rows.extend(product_rows(
                id,
                product.form.version,
                product.status,
                &category_slug,
                &product.form,
            ));
        }
    }
    Ok(rows)
}

/// What an import did, product by product.
#[derive(Debug, Default)]
pub struct ImportOutcome {
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub problems: Vec<LineProblem>,
    /// Whether the transaction was committed.
    pub written: bool,
}

/// Saves `products` as the editor would (same checks, codes, ledger, revisions and audit log),
/// each in a savepoint so one product's refusal is reported and the rest still checked. Products
/// exactly as stored are left alone. Committed only when `write` and no product was refused;
/// otherwise everything is rolled back, so a check (`write` false) runs the very same code.
/// `progress(done, total)` is called before each product and at the end.
pub async fn import(
    db: &Db,
    scope: Scope,
    actor: &AuditActor,
    products: &[ImportProduct],
    write: bool,
    progress: &(dyn Fn(usize, usize) + Send + Sync),
) -> Result<ImportOutcome, sqlx::Error> {
    let mut outcome = ImportOutcome::default();
    let mut tx = db.writer().begin().await?;
    let categories: Vec<(i64, String)> = sqlx::query_as("SELECT id, slug FROM categories")
        .fetch_all(&mut *tx)
        .await?;
    // Existing products in id order, then new ones: writers lock SKU rows in about the order
    // checkouts do, which keeps PostgreSQL deadlocks away.
    let mut products: Vec<&ImportProduct> = products.iter().collect();
    products.sort_by_key(|p| match p.key {
        ProductKey::Existing(id) => (0, id),
        ProductKey::New(_) => (1, 0),
    });
    let total = products.len();
    for (done, product) in products.into_iter().enumerate() {
        progress(done, total);
        let problem = |line: u64, column: &str, problem: Problem| LineProblem {
            line,
            column: column.to_string(),
            problem,
        };
        let Some((category_id, _)) = categories
            .iter()
            .find(|(_, slug)| *slug == product.category_slug)
        else {
            outcome
                .problems
                .push(problem(product.line, "category", Problem::CategoryInvalid));
            continue;
        };
        let mut form = product.form.clone();
        form.category_id = Some(*category_id);
        if let ProductKey::New(_) = product.key {
            // Every SKU of a new product is new: its stock is what the file says.
            for sku in &mut form.skus {
                sku.loaded_stock = None;
            }
        }
        if let ProductKey::Existing(id) = product.key {
            // A product of an owner the scope does not cover reads as unknown.
            let stored = match covers(&mut tx, scope, id).await? {
                true => read(&mut tx, id).await?,
                false => None,
            };
            let Some(stored) = stored else {
                outcome
                    .problems
                    .push(problem(product.line, "product", Problem::CsvProductUnknown));
                continue;
            };
            if stored.form.version != product.version {
                outcome
                    .problems
                    .push(problem(product.line, "version", Problem::CsvProductChanged));
                continue;
            }
            let before = outcome.problems.len();
            for (index, sku) in form.skus.iter().enumerate() {
                let stored_code = stored
                    .form
                    .skus
                    .iter()
                    .find(|s| s.values == sku.values)
                    .map_or("", |s| s.code.as_str());
                if !sku.code.is_empty() && sku.code != stored_code {
                    let line = product.sku_line(index);
                    outcome
                        .problems
                        .push(problem(line, "sku_code", Problem::CsvSkuCodeUnknown));
                }
            }
            if outcome.problems.len() > before {
                continue;
            }
            // Stock moves by what the file changed since the export (see `stock_at_export`):
            // the figure to save is worked out from what the SKU can sell now.
            let before = outcome.problems.len();
            for (index, sku) in form.skus.iter_mut().enumerate() {
                let current = stored
                    .form
                    .skus
                    .iter()
                    .find(|s| s.values == sku.values && !s.code.is_empty())
                    .and_then(|s| s.stock.parse::<i64>().ok());
                match (current, sku.loaded_stock, sku.stock.trim().parse::<i64>()) {
                    (Some(current), Some(exported), Ok(typed)) => {
                        let target = stock_target(current, typed, Some(exported));
                        if target < 0 {
                            let line = product.sku_line(index);
                            outcome.problems.push(problem(
                                line,
                                "stock",
                                Problem::AdjustmentBelowReserved,
                            ));
                        }
                        sku.stock = target.to_string();
                        sku.loaded_stock = Some(current);
                    }
                    (Some(current), None, _) => sku.loaded_stock = Some(current),
                    (None, _, _) => sku.loaded_stock = None,
                    _ => {}
                }
            }
            if outcome.problems.len() > before {
                continue;
            }
            // The file carries no pictures: the stored ones stay; nor attributes, when it has
            // no columns for them (a file exported before they existed).
            form.images = stored.form.images.clone();
            if product.keeps_attributes {
                form.attributes_zh_hant = stored.form.attributes_zh_hant.clone();
                form.attributes_zh_hans = stored.form.attributes_zh_hans.clone();
                form.attributes_en = stored.form.attributes_en.clone();
            }
            form.publish_at = stored.form.publish_at.clone();
            if unchanged(&stored, &form, product.status) {
                outcome.unchanged += 1;
                continue;
            }
        }
        let valid = match form.parse() {
            Ok(valid) => valid,
            Err(found) => {
                outcome
                    .problems
                    .extend(found.into_iter().map(|p| product.locate(p)));
                continue;
            }
        };
        let mut savepoint = tx.begin().await?;
        match save_in(&mut savepoint, db, scope, actor, &valid, product.status).await {
            Ok(_) => {
                savepoint.commit().await?;
                if valid.id.is_some() {
                    outcome.changed += 1;
                } else {
                    outcome.new += 1;
                }
            }
            Err(error) => {
                savepoint.rollback().await?;
                outcome.problems.push(match error {
                    ProductError::Invalid(found) => product.locate(found),
                    ProductError::Conflict => {
                        problem(product.line, "version", Problem::CsvProductChanged)
                    }
                    ProductError::NotFound => {
                        problem(product.line, "product", Problem::CsvProductUnknown)
                    }
                    ProductError::OwnerSuspended => {
                        problem(product.line, "status", Problem::OwnerSuspended)
                    }
                    ProductError::Db(e) => return Err(e),
                });
            }
        }
    }
    progress(total, total);
    outcome.problems.sort_by_key(|p| p.line);
    if write && outcome.problems.is_empty() {
        tx.commit().await?;
        db.catalog_changed();
        outcome.written = true;
    } else {
        tx.rollback().await?;
    }
    Ok(outcome)
}
