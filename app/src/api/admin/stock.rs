//! Warehouses and stock in the back office (the catalog permission): adjustments with a reason,
//! a SKU's figures per warehouse and its ledger.

use crate::domain::stock::{LedgerEntry, Level, Warehouse};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    api::use_db,
    auth,
    db::stock::{self as repo, StockError},
    domain::{
        staff::Permission,
        stock::{AdjustForm, WarehouseForm},
    },
};

#[cfg(feature = "ssr")]
fn refused(error: StockError) -> AppError {
    match error {
        StockError::NotFound => AppError::NotFound,
        StockError::Invalid(problem) => AppError::Invalid(vec![problem]),
        StockError::Db(e) => e.into(),
    }
}

/// Every warehouse, oldest first.
#[server]
pub async fn admin_warehouses() -> Result<Vec<Warehouse>, AppError> {
    let db = use_db()?;
    auth::staff_with(Permission::Catalog).await?;
    Ok(repo::warehouses(&db).await?)
}

/// Creates a warehouse (no `id`) or changes one: its name (1..=60 characters, unique), the region
/// code where it stands, and the region codes it serves first. Returns its id.
#[server]
pub async fn save_warehouse(
    id: Option<i64>,
    name: String,
    region: String,
    #[server(default)] serves: Vec<String>,
) -> Result<i64, AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Catalog).await?;
    let valid = WarehouseForm {
        name,
        region,
        serves,
    }
    .parse()
    .map_err(AppError::Invalid)?;
    repo::save_warehouse(&db, &caller.audit_actor(), id, &valid)
        .await
        .map_err(refused)
}

/// Adds (`quantity` "+20" or "20") or takes away ("-3") units of a SKU at a warehouse, with the
/// reason; refused at "Quantity" when it would leave fewer units than orders hold. Returns the
/// warehouse's new figures.
#[server]
pub async fn adjust_stock(
    sku_id: i64,
    warehouse: String,
    quantity: String,
    reason: String,
) -> Result<Level, AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Catalog).await?;
    let adjustment = AdjustForm {
        warehouse,
        quantity,
        reason,
    }
    .parse()
    .map_err(AppError::Invalid)?;
    repo::adjust(&db, &caller.audit_actor(), sku_id, &adjustment)
        .await
        .map_err(refused)
}

/// A SKU's figures per warehouse and its ledger, newest movement first (50 at a time; `before`
/// is the oldest movement id already shown).
#[server]
pub async fn sku_stock(
    sku_id: i64,
    before: Option<i64>,
) -> Result<(Vec<Level>, Vec<LedgerEntry>), AppError> {
    let db = use_db()?;
    auth::staff_with(Permission::Catalog).await?;
    let levels = repo::levels(&db, sku_id).await?;
    Ok((levels, repo::ledger(&db, sku_id, before, 50).await?))
}
