//! One module per route.

/// A lazy route struct `$route` that shows the page component `$page` (see `admin::routes`):
/// with the `split` feature its code is a WASM chunk of its own, fetched when the page is first
/// opened; without it, the same route loads at once.
macro_rules! lazy_page {
    ($route:ident, $page:path) => {
        #[doc = concat!("The lazily loaded route of `", stringify!($page), "`.")]
        pub struct $route;

        #[cfg(feature = "split")]
        #[leptos_router::lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }

        #[cfg(not(feature = "split"))]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    };
}

pub mod account;
pub mod admin;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod coupon_centre;
pub mod home;
pub mod not_found;
pub mod order;
pub mod privacy_policy;
pub mod routes;
pub mod supplier;
