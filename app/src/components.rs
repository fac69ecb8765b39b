//! Reusable pieces of the interface, one component per file.

pub mod account_nav;
pub mod breadcrumb;
pub mod cart_line;
pub mod error_notice;
pub mod facet_filters;
pub mod favourite_button;
pub mod form_errors;
pub mod gallery;
pub mod layout;
pub mod option_picker;
pub mod pagination;
pub mod price;
pub mod price_explanation;
pub mod product_card;
pub mod product_grid;
pub mod sign_out_button;
pub mod sort_select;
pub mod stock_label;
