//! One module per route.

pub mod account;
pub mod cart;
pub mod catalog;
pub mod home;
pub mod not_found;
