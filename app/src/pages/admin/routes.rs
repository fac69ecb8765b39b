//! The back office's pages as lazy routes, so shoppers never download them: with the `split`
//! feature (the client built by `cargo leptos build --split --lib-features split`) each page's
//! code is a separate WASM chunk that the browser fetches when the page is first opened; without
//! it (the server, and a plain `cargo leptos watch`) the same routes load at once.
//!
//! The browser entry point (`frontend/src/lib.rs`, `hydrate_from_async`) loads the chunk of the
//! page a visit starts on midway through hydrating.

use leptos::prelude::*;
use leptos_router::LazyRoute;

lazy_page!(Dashboard, super::dashboard::DashboardPage);
lazy_page!(Products, super::products::AdminProductsPage);
lazy_page!(ProductImport, super::product_import::ProductImportPage);
lazy_page!(ProductEditor, super::product_editor::ProductEditorPage);
lazy_page!(
    ProductRevisions,
    super::product_revisions::ProductRevisionsPage
);
lazy_page!(Categories, super::categories::AdminCategoriesPage);
lazy_page!(ReviewQueue, super::review_queue::ReviewQueuePage);
lazy_page!(Suppliers, super::suppliers::AdminSuppliersPage);
lazy_page!(Stock, super::stock::AdminStockPage);
lazy_page!(SkuStock, super::sku_stock::SkuStockPage);
lazy_page!(Warehouses, super::warehouses::WarehousesPage);
lazy_page!(Staff, super::staff::StaffPage);
lazy_page!(AuditLog, super::audit_log::AuditLogPage);
lazy_page!(Outbox, super::outbox::OutboxPage);
lazy_page!(Orders, super::orders::AdminOrdersPage);
lazy_page!(Promotions, super::promotions::AdminPromotionsPage);
