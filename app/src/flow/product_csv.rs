//! Catalog CSV services (server only): reading an uploaded file into products and checking or
//! importing them, and writing the catalog out in the same columns.

use crate::db::catalog::product_csv as repo;
use crate::db::Db;
use crate::domain::audit::AuditActor;
use crate::domain::catalog::product_csv::{group, read, write, ImportReport, MAX_CSV_BYTES};
use crate::domain::form::Problem;
use crate::domain::owner::Scope;
use crate::error::AppError;

/// Checks (`write` false) or imports the CSV `bytes`: every problem of the file, by line and
/// column, whether from the file alone or from the database (unknown categories, options or
/// products, versions saved since the export, SKUs with orders). Nothing is written unless
/// `write` and there is no problem at all. `progress(done, total)` counts products.
pub async fn import(
    db: &Db,
    scope: Scope,
    actor: &AuditActor,
    bytes: &[u8],
    write: bool,
    progress: &(dyn Fn(usize, usize) + Send + Sync),
) -> Result<ImportReport, AppError> {
    let whole_file = |problem| ImportReport {
        problems: vec![crate::domain::catalog::product_csv::LineProblem {
            line: 1,
            column: String::new(),
            problem,
        }],
        ..ImportReport::default()
    };
    if bytes.len() > MAX_CSV_BYTES {
        return Ok(whole_file(Problem::CsvTooLarge));
    }
    let rows = match read(bytes) {
        Ok(rows) => rows,
        Err(problems) => {
            return Ok(ImportReport {
                problems,
                ..ImportReport::default()
            })
        }
    };
    let (products, mut problems) = group(&rows);
    // The products the file's own checks passed are still checked against the database, so
    // one check lists every problem; nothing is written when the file had any.
    let outcome = repo::import(
        db,
        scope,
        actor,
        &products,
        write && problems.is_empty(),
        progress,
    )
    .await?;
    problems.extend(outcome.problems);
    problems.sort_by_key(|p| p.line);
    let mut keys: Vec<&str> = rows
        .iter()
        .map(|(_, row)| row.product.trim())
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    Ok(ImportReport {
        rows: rows.len(),
        products: keys.len(),
        new: outcome.new,
        changed: outcome.changed,
        unchanged: outcome.unchanged,
        problems,
        written: outcome.written,
    })
}

/// The catalog `scope` covers as CSV text (UTF-8, header first).
pub async fn export(db: &Db, scope: Scope) -> Result<String, AppError> {
    let rows = repo::export(db, scope).await?;
    write(&rows).map_err(|e| AppError::internal("writing the product CSV", e))
}
