//! Plain axum routes beside the Leptos pages.

pub mod operational;
pub mod static_files;
