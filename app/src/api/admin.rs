//! The back office's server functions, one file per area. Each starts with
//! `auth::staff_with(Permission::…)`: the caller must be an operator holding that permission.

pub mod audit;
pub mod catalog;
pub mod categories;
pub mod dashboard;
pub mod orders;
pub mod outbox;
pub mod product_csv;
pub mod product_review;
pub mod products;
pub mod promotions;
pub mod staff;
pub mod stock;

pub use orders::*;
pub use outbox::*;
