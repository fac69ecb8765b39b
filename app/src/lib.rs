#![recursion_limit = "256"]
//! Jishi's Leptos application: shared by the server (SSR) and the browser (hydration).

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod carrier;
#[cfg(feature = "ssr")]
pub mod charts;
pub mod components;
pub mod contexts;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod error;
#[cfg(feature = "ssr")]
pub mod flow;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod images;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod payment;
#[cfg(feature = "ssr")]
pub mod security;

use components::layout::{bottom_nav::BottomNav, footer::Footer, header::Header};
use contexts::locale::{provide_locale, use_texts};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};
use pages::account::account_layout::AccountLayout;
use pages::{
    admin, cart::CartPage, catalog::categories::CategoriesPage, catalog::category::CategoryPage,
    catalog::product::ProductPage, catalog::search::SearchPage, checkout::CheckoutPage,
    home::HomePage, not_found::NotFound, routes as lazy, supplier,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = contexts::locale::request_locale();
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        let dev = options.env == leptos::config::Env::DEV;
        if let Ok(policy) =
            http::HeaderValue::from_str(&security::content_security_policy(Some(&nonce), dev))
        {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#b4361e"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/favicon.ico" sizes="32x32"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <script src="/register-sw.js" defer></script>
                <AutoReload options=options.clone()/>
                <HydrationScripts options=options.clone()/>
                <HashedStylesheet options id="leptos"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// A page title as written into the document. leptos_meta 0.8 writes the server-rendered
/// `<title>` without escaping it, so text from a URL (a search for `</title><script>…`) could
/// end the element: on the server `&`, `<` and `>` are escaped (the browser shows them as typed);
/// in the browser `document.title` takes plain text.
fn title_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    #[cfg(not(feature = "ssr"))]
    text
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_locale();
    contexts::session::provide_session();
    contexts::favourites::provide_favourites();
    contexts::cart::provide_cart();
    let site_name = use_texts().site_name;
    // Each language's pages live under its own prefix; the router matches below it.
    let base = contexts::locale::use_locale().url_prefix();
    // Effects run only in the browser; tests wait for this mark, set once hydration is over.
    Effect::new(move |_| {
        if contexts::hydration::hydrated() {
            #[cfg(not(feature = "ssr"))]
            if let Some(body) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body())
            {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        }
    });
    view! {
        <Title formatter=move |text: String| title_text(if text.is_empty() { site_name.to_string() } else { format!("{text} | {site_name}") })/>
        <Router base=base>
            <components::language_alternates::LanguageAlternates/>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/categories") view=CategoriesPage ssr=SsrMode::Async/>
                    <Route path=path!("/c/:slug") view=CategoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug") view=ProductPage ssr=SsrMode::Async/>
                    <Route path=path!("/cart") view=CartPage/>
                    <Route path=path!("/checkout") view=CheckoutPage/>
                    <Route path=path!("/coupons") view={Lazy::<lazy::CouponCentre>::new()}/>
                    <Route path=path!("/orders/:order_no") view={Lazy::<lazy::Order>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/orders/:order_no/receipt") view={Lazy::<lazy::Receipt>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view={Lazy::<lazy::SignIn>::new()}/>
                    <Route path=path!("/register") view={Lazy::<lazy::Register>::new()}/>
                    <Route path=path!("/forgot-password") view={Lazy::<lazy::ForgotPassword>::new()}/>
                    <Route path=path!("/reset-password") view={Lazy::<lazy::ResetPassword>::new()}/>
                    <Route path=path!("/goodbye") view={Lazy::<lazy::Goodbye>::new()}/>
                    <Route path=path!("/privacy") view={Lazy::<lazy::PrivacyPolicy>::new()}/>
                    // Async: a guest is redirected (302) before any of the page is sent.
                    <ParentRoute path=path!("/account") view=AccountLayout ssr=SsrMode::Async>
                        <Route path=path!("") view={Lazy::<lazy::Account>::new()}/>
                        <Route path=path!("profile") view={Lazy::<lazy::Profile>::new()}/>
                        <Route path=path!("addresses") view={Lazy::<lazy::Addresses>::new()}/>
                        <Route path=path!("favourites") view={Lazy::<lazy::Favourites>::new()}/>
                        <Route path=path!("history") view={Lazy::<lazy::History>::new()}/>
                        <Route path=path!("points") view={Lazy::<lazy::Points>::new()}/>
                        <Route path=path!("orders") view={Lazy::<lazy::Orders>::new()}/>
                        <Route path=path!("coupons") view={Lazy::<lazy::Coupons>::new()}/>
                        <Route path=path!("level") view={Lazy::<lazy::MembershipLevel>::new()}/>
                        <Route path=path!("privacy") view={Lazy::<lazy::Privacy>::new()}/>
                    </ParentRoute>
                    <Route path=path!("/supplier/apply") view={Lazy::<supplier::routes::SupplierApply>::new()} ssr=SsrMode::Async/>
                    <ParentRoute path=path!("/supplier") view=supplier::supplier_layout::SupplierLayout ssr=SsrMode::Async>
                        <Route path=path!("") view={Lazy::<supplier::routes::SupplierDashboard>::new()}/>
                        <Route path=path!("products") view={Lazy::<supplier::routes::SupplierProducts>::new()}/>
                        <Route path=path!("products/new") view={Lazy::<supplier::routes::SupplierProductEditor>::new()}/>
                        <Route path=path!("products/:id") view={Lazy::<supplier::routes::SupplierProductEditor>::new()}/>
                        // The back office's stock pages, kept to the supplier's own goods by the
                        // server functions and linking within the console (`contexts::console`).
                        <Route path=path!("stock") view={Lazy::<admin::routes::Stock>::new()}/>
                        <Route path=path!("stock/:sku") view={Lazy::<admin::routes::SkuStock>::new()}/>
                        <Route path=path!("warehouses") view={Lazy::<admin::routes::Warehouses>::new()}/>
                        <Route path=path!("orders") view={Lazy::<supplier::routes::SupplierOrders>::new()}/>
                    </ParentRoute>
                    <ParentRoute path=path!("/admin") view=admin::admin_layout::AdminLayout ssr=SsrMode::Async>
                        <Route path=path!("") view={Lazy::<admin::routes::Dashboard>::new()}/>
                        <Route path=path!("products") view={Lazy::<admin::routes::Products>::new()}/>
                        <Route path=path!("products/import") view={Lazy::<admin::routes::ProductImport>::new()}/>
                        <Route path=path!("products/:id") view={Lazy::<admin::routes::ProductEditor>::new()}/>
                        <Route path=path!("products/:id/revisions") view={Lazy::<admin::routes::ProductRevisions>::new()}/>
                        <Route path=path!("categories") view={Lazy::<admin::routes::Categories>::new()}/>
                        <Route path=path!("review") view={Lazy::<admin::routes::ReviewQueue>::new()}/>
                        <Route path=path!("suppliers") view={Lazy::<admin::routes::Suppliers>::new()}/>
                        <Route path=path!("stock") view={Lazy::<admin::routes::Stock>::new()}/>
                        <Route path=path!("stock/:sku") view={Lazy::<admin::routes::SkuStock>::new()}/>
                        <Route path=path!("warehouses") view={Lazy::<admin::routes::Warehouses>::new()}/>
                        <Route path=path!("staff") view={Lazy::<admin::routes::Staff>::new()}/>
                        <Route path=path!("audit") view={Lazy::<admin::routes::AuditLog>::new()}/>
                        <Route path=path!("outbox") view={Lazy::<admin::routes::Outbox>::new()}/>
                        <Route path=path!("orders") view={Lazy::<admin::routes::Orders>::new()}/>
                        <Route path=path!("promotions") view={Lazy::<admin::routes::Promotions>::new()}/>
                    </ParentRoute>
                </Routes>
            </main>
            <Footer/>
            <BottomNav/>
        </Router>
    }
}
