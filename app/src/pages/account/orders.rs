use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// Orders arrive with checkout; until then the list is empty.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.accounts.orders/>
        <h1>{t.accounts.orders}</h1>
        <p class="empty">{t.accounts.no_orders}</p>
        <p><a class="button" href="/">{t.continue_shopping}</a></p>
    }
}
