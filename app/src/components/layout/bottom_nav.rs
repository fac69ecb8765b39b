use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Phone navigation along the bottom edge (hidden on wide screens, where the header has the links).
#[component]
pub fn BottomNav() -> impl IntoView {
    let t = use_texts();
    let location = use_location();
    let current = move |prefix: &'static str| {
        let pathname = location.pathname.get();
        let (_, path) = crate::i18n::Locale::split_path(&pathname);
        let active = if prefix == "/" {
            path == "/"
        } else {
            path.starts_with(prefix)
        };
        active.then_some("page")
    };
    // Simple line icons; the text label names each link.
    let icon = |d: &'static str| {
        view! {
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
                <path d=d fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>
            </svg>
        }
    };
    let cart = crate::contexts::cart::use_cart();
    view! {
        <nav class="bottom-nav" aria-label=t.main_navigation>
            <a href=link_to("/") aria-current=move || current("/")>{icon("M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z")}<span>{t.home}</span></a>
            <a href=link_to("/categories") aria-current=move || current("/categories")>{icon("M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z")}<span>{t.categories}</span></a>
            <a href=link_to("/cart") aria-current=move || current("/cart")>{icon("M3 4h2l2.4 11.2a1 1 0 0 0 1 .8h9.2a1 1 0 0 0 1-.8L21 8H6.2M9 20h.01M18 20h.01")}<span>{t.cart}{move || (cart.count() > 0).then(|| view! { " " <span class="cart-count">{cart.count()}</span> })}</span></a>
            <a href=link_to("/account") aria-current=move || current("/account")>{icon("M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0")}<span>{t.account}</span></a>
        </nav>
    }
}
