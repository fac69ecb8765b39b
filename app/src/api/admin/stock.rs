//! Warehouses and stock, shared by the back office (operators holding the catalog permission,
//! every owner's goods) and the supplier console (a supplier's own goods and warehouses):
//! adjustments with a reason, transfers, a SKU's figures per warehouse and its ledger, low-stock
//! thresholds. Reading takes `auth::goods_reader` (a suspended supplier still reads), changing
//! `auth::goods_editor`; the repository keeps each to the caller's scope.

use crate::domain::stock::{Level, SkuStockView, Warehouse};
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
    let (_, scope) = auth::goods_reader(Permission::Catalog).await?;
    Ok(repo::warehouses(&db, scope).await?)
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
    let (caller, scope) = auth::goods_editor(Permission::Catalog).await?;
    let valid = WarehouseForm {
        name,
        region,
        serves,
    }
    .parse()
    .map_err(AppError::Invalid)?;
    repo::save_warehouse(&db, scope, &caller.audit_actor(), id, &valid)
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
    let (caller, scope) = auth::goods_editor(Permission::Catalog).await?;
    let adjustment = AdjustForm {
        warehouse,
        quantity,
        reason,
    }
    .parse()
    .map_err(AppError::Invalid)?;
    repo::adjust(&db, scope, &caller.audit_actor(), sku_id, &adjustment)
        .await
        .map_err(refused)
}

/// Moves `quantity` units of a SKU from warehouse `from` to warehouse `to`, with the reason;
/// refused at "Quantity" when `from` has fewer units free. Returns both warehouses' new figures.
#[server]
pub async fn transfer_stock(
    sku_id: i64,
    from: String,
    to: String,
    quantity: String,
    reason: String,
) -> Result<Vec<Level>, AppError> {
    let db = use_db()?;
    let (caller, scope) = auth::goods_editor(Permission::Catalog).await?;
    let transfer = crate::domain::stock::TransferForm {
        from,
        to,
        quantity,
        reason,
    }
    .parse()
    .map_err(AppError::Invalid)?;
    repo::transfer(&db, scope, &caller.audit_actor(), sku_id, &transfer)
        .await
        .map(Vec::from)
        .map_err(refused)
}

/// A SKU's figures per warehouse, its ledger newest movement first (50 at a time; `before` is
/// the oldest movement id already shown) and its low-stock thresholds. `NotFound` for an unknown
/// SKU.
#[server]
pub async fn sku_stock(sku_id: i64, before: Option<i64>) -> Result<SkuStockView, AppError> {
    let db = use_db()?;
    let (_, scope) = auth::goods_reader(Permission::Catalog).await?;
    repo::sku_stock(&db, scope, sku_id, before)
        .await?
        .ok_or(AppError::NotFound)
}

/// The caller's default low-stock threshold, in units: the platform's for operators, a
/// supplier's own for a supplier.
#[server]
pub async fn default_low_stock() -> Result<i64, AppError> {
    let db = use_db()?;
    let (_, scope) = auth::goods_reader(Permission::Catalog).await?;
    Ok(repo::owner_threshold(&db, scope.creates_as()).await?)
}

/// Sets the caller's default low-stock threshold (the platform's for operators): whole units 0..=99,999 (refused at "Threshold").
#[server]
pub async fn set_default_low_stock(threshold: String) -> Result<(), AppError> {
    let db = use_db()?;
    let (caller, scope) = auth::goods_editor(Permission::Catalog).await?;
    let threshold = crate::domain::stock::parse_default_threshold(&threshold)
        .map_err(|p| AppError::Invalid(vec![p]))?;
    let owner = scope.creates_as();
    Ok(repo::set_default_threshold(&db, owner, &caller.audit_actor(), threshold).await?)
}

/// Sets one SKU's low-stock threshold: whole units 0..=99,999, or empty for the default.
#[server]
pub async fn set_sku_low_stock(sku_id: i64, threshold: String) -> Result<(), AppError> {
    let db = use_db()?;
    let (caller, scope) = auth::goods_editor(Permission::Catalog).await?;
    let threshold = crate::domain::stock::parse_threshold(&threshold)
        .map_err(|p| AppError::Invalid(vec![p]))?;
    if repo::set_sku_threshold(&db, scope, &caller.audit_actor(), sku_id, threshold).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
