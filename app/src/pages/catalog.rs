//! Browsing: categories, listings, search and the product page.

pub mod categories;
pub mod category;
pub mod listing;
pub mod product;
pub mod search;
