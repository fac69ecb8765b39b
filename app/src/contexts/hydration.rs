//! Whether the page has finished hydrating. With lazy routes the browser hydrates in steps: it
//! fetches the route's WASM chunk midway, and effects run in that pause. Whatever changes the
//! page from the browser's own state (the cart badge, favourites, the tests' `data-hydrated`
//! mark) waits for the end; changed earlier, the part not yet hydrated would no longer match
//! the server's HTML and hydration would fail.

use leptos::prelude::*;

thread_local! {
    static HYDRATED: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// True once the whole page is hydrated; tracked, so an effect that reads it runs again then.
/// Always false on the server.
pub fn hydrated() -> bool {
    HYDRATED.with(|hydrated| hydrated.get())
}

/// Called once by the browser entry point when hydration is over.
pub fn mark_hydrated() {
    HYDRATED.with(|hydrated| hydrated.set(true));
}
