use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// Coupons arrive with promotions; until then the list is empty.
#[component]
pub fn CouponsPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.accounts.coupons/>
        <h1>{t.accounts.coupons}</h1>
        <p class="empty">{t.accounts.no_coupons}</p>
    }
}
