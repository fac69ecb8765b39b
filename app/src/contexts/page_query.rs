//! The `page` of a paged list, from the address's query (`?page=2`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The 0-based page the address asks for (`?page=N`; missing or not a number: 0), tracked.
pub fn use_page_query() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(0)
            .max(0)
    }
}
