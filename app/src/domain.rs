//! Pure business rules: no Leptos, no SQL. Everything here is unit-tested beside the code.

pub mod account;
pub mod audit;
pub mod cart;
pub mod catalog;
pub mod dashboard;
pub mod form;
pub mod listing;
pub mod locale;
pub mod mail;
pub mod money;
pub mod navigation;
pub mod order;
pub mod owner;
pub mod payment;
pub mod pricing;
pub mod promotion;
pub mod search;
pub mod shipping;
pub mod staff;
pub mod stock;
pub mod supplier;
pub mod supplier_rating;
pub mod text;
pub mod time;
pub mod visit;
