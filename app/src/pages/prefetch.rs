//! Fetching a lazy route's code before it is needed: on a hover, a touch or a keyboard focus of a
//! link to it, so the chunk is usually there by the time the click lands. Never on idle after the
//! page loads: a first visit to a shopper page fetches only what that page needs.

use leptos_router::LazyRoute;

/// Starts fetching the code of the lazy route `T` (and the chunks it shares); once per chunk, as
/// the loader remembers what it has. Nothing happens on the server.
pub fn prefetch<T: LazyRoute>() {
    #[cfg(not(feature = "ssr"))]
    leptos::task::spawn_local(T::preload());
}

/// The member center's code: its frame and overview, and the sign-in page a guest is sent to.
pub fn prefetch_account() {
    prefetch::<super::account::account_layout::AccountLayoutRoute>();
    prefetch::<super::account::overview::OverviewRoute>();
    prefetch::<super::account::sign_in::SignInRoute>();
}

/// The cart's code.
pub fn prefetch_cart() {
    prefetch::<super::cart::CartRoute>();
}

/// The checkout's code (from the cart's checkout button).
pub fn prefetch_checkout() {
    prefetch::<super::checkout::CheckoutRoute>();
}
