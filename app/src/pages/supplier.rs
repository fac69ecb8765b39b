//! The supplier side: the application to sell on Jishi (/supplier/apply, any signed-in person)
//! and the supplier console (/supplier/…, approved suppliers). The server functions check who
//! may read what; these pages only show.

pub mod apply;
pub mod dashboard;
pub mod orders;
pub mod parcel_card;
pub mod product_editor;
pub mod products;
pub mod routes;
pub mod supplier_layout;
