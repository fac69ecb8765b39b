use super::{language_select::LanguageSelect, search_box::SearchBox};
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let t = use_texts();
    let cart = crate::contexts::cart::use_cart();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <div class="header-inner">
                <a class="logo" href=link_to("/")>
                    <span class="logo-mark" aria-hidden="true">"集"</span>
                    <span class="logo-text">{t.site_name}</span>
                </a>
                <SearchBox/>
                <nav class="header-links" aria-label=t.main_navigation>
                    <a href=link_to("/categories")>{t.categories}</a>
                    <a href=link_to("/cart")>
                        {t.cart}
                        {move || (cart.count() > 0).then(|| view! { " " <span class="cart-count">{cart.count()}</span> })}
                    </a>
                    <a href=link_to("/account")>{t.account}</a>
                </nav>
                <LanguageSelect/>
            </div>
        </header>
    }
}
