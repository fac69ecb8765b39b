#![recursion_limit = "256"]
//! The browser entry point: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // What `leptos::mount::hydrate_lazy` does (it loads the chunk of a lazy route the visit
    // starts on, the back office, the member center, an order…, midway through hydrating),
    // then says that hydration is over: the browser's own state (cart badge, favourites) waits
    // for it, so that nothing the server rendered changes before it is hydrated.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let body = leptos::prelude::document()
            .body()
            .expect("the page has a body");
        leptos::mount::hydrate_from_async(body, app::App)
            .await
            .forget();
        app::contexts::hydration::mark_hydrated();
    });
}
