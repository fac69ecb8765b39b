//! The back office's pages (/admin/…), one per section of its navigation. The server functions
//! check the permissions; these pages only show, and say so when a section is not theirs.

pub mod admin_layout;
pub mod audit_log;
pub mod categories;
pub mod dashboard;
pub mod orders;
pub mod outbox;
pub mod product_editor;
pub mod product_import;
pub mod product_revisions;
pub mod products;
pub mod promotions;
pub mod review_queue;
pub mod routes;
pub mod sku_stock;
pub mod staff;
pub mod stock;
pub mod suppliers;
pub mod warehouses;
