//! Reusable pieces of the interface, one component per file.

pub mod breadcrumb;
pub mod error_notice;
pub mod facet_filters;
pub mod gallery;
pub mod layout;
pub mod option_picker;
pub mod pagination;
pub mod price;
pub mod product_card;
pub mod product_grid;
pub mod sort_select;
pub mod stock_label;
