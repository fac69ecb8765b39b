//! Plain axum routes beside the Leptos pages.

pub mod operational;
pub mod payments;
pub mod static_files;
