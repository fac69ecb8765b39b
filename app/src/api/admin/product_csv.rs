//! Products and SKUs as CSV (the catalog permission): export, and a check or import of a file in
//! the same columns, with its progress.

use crate::domain::catalog::product_csv::ImportReport;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, domain::staff::Permission};

/// The whole catalog as CSV text, one row per SKU (see `domain::catalog::product_csv`).
#[server]
pub async fn export_products_csv() -> Result<String, AppError> {
    let db = use_db()?;
    let (_, scope) = auth::goods_scope(Permission::Catalog).await?;
    crate::flow::product_csv::export(&db, scope).await
}

/// Checks or imports the multipart form's `file` (a CSV of at most 4 MB). `write` = `1` imports
/// (only when the whole file is valid); anything else checks. `token` (up to 64 letters,
/// digits and hyphens, chosen by the page) names the run for [`import_progress`]. Refused as
/// `CsvFileInvalid` without a file or over 4 MB; every problem inside the file is in the report.
#[server(input = leptos::server_fn::codec::MultipartFormData)]
pub async fn import_products_csv(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<ImportReport, AppError> {
    use crate::domain::catalog::product_csv::MAX_CSV_BYTES;
    use crate::error::Refusal;
    let db = use_db()?;
    let (caller, scope) = auth::goods_scope(Permission::Catalog).await?;
    let (fields, bytes) = crate::api::uploads::read_file_form(
        data,
        "file",
        MAX_CSV_BYTES,
        Refusal::CsvFileInvalid.into(),
    )
    .await?;
    if bytes.is_empty() {
        return Err(Refusal::CsvFileInvalid.into());
    }
    let write = fields.get("write").is_some_and(|w| w == "1");
    let key = fields
        .get("token")
        .filter(|t| progress::valid_token(t))
        .map(|t| (caller.user_id, t.clone()));
    // Forgotten when the run ends, however it ends (a closed connection drops this future).
    let run = progress::Run(key);
    let report_progress = |done: usize, total: usize| {
        if let Some(key) = &run.0 {
            progress::set(key.clone(), done, total);
        }
    };
    crate::flow::product_csv::import(
        &db,
        scope,
        &caller.audit_actor(),
        &bytes,
        write,
        &report_progress,
    )
    .await
}

/// How far the caller's run `token` is: (products done, products in all); None when it is not
/// running on this server (not started, finished, or on another instance).
#[server]
pub async fn import_progress(token: String) -> Result<Option<(usize, usize)>, AppError> {
    let caller = auth::staff_with(Permission::Catalog).await?;
    Ok(progress::get(&(caller.user_id, token)))
}

/// Runs in progress on this server, by (user, token). In memory: a run lives as long as its
/// request, and the page asks the server it sent the file to.
#[cfg(feature = "ssr")]
mod progress {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};

    type Key = (i64, String);
    static RUNS: LazyLock<Mutex<HashMap<Key, (usize, usize)>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));

    pub fn valid_token(token: &str) -> bool {
        (1..=64).contains(&token.len())
            && token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    }

    pub fn set(key: Key, done: usize, total: usize) {
        if let Ok(mut runs) = RUNS.lock() {
            runs.insert(key, (done, total));
        }
    }

    pub fn get(key: &Key) -> Option<(usize, usize)> {
        RUNS.lock().ok().and_then(|runs| runs.get(key).copied())
    }

    /// A run's key, removed from the registry when dropped.
    pub struct Run(pub Option<Key>);

    impl Drop for Run {
        fn drop(&mut self) {
            if let (Some(key), Ok(mut runs)) = (&self.0, RUNS.lock()) {
                runs.remove(key);
            }
        }
    }
}
