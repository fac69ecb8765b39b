#![recursion_limit = "256"]
//! The browser entry point: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Loads the chunk of a lazy route the visit starts on (the back office's) before hydrating.
    leptos::mount::hydrate_lazy(app::App);
}
