use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.account_title/>
        <Meta name="robots" content="noindex"/>
        <section class="notice">
            <h1>{t.account_title}</h1>
            <p>{t.account_soon}</p>
            <p><a class="button" href="/">{t.continue_shopping}</a></p>
        </section>
    }
}
