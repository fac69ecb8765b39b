use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn CartPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.cart/>
        <Meta name="robots" content="noindex"/>
        <section class="notice">
            <h1>{t.cart}</h1>
            <p>{t.cart_empty}</p>
            <p><a class="button" href="/">{t.continue_shopping}</a></p>
        </section>
    }
}
