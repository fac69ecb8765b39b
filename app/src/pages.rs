//! One module per route.

pub mod account;
pub mod admin;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod home;
pub mod not_found;
pub mod order;
pub mod privacy_policy;
