//! Pure business rules: no Leptos, no SQL. Everything here is unit-tested beside the code.

pub mod catalog;
pub mod listing;
pub mod money;
pub mod search;
