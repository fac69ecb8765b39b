#![recursion_limit = "256"]
//! The browser entry point: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes (cart, checkout, member center, orders, admin) are separate WASM chunks with
    // `cargo leptos build --split`: hydration first waits for the chunks of the page on screen
    // (`hydrate_body` would panic on them).
    leptos::mount::hydrate_lazy(app::App);
}
