use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Where a deleted account lands.
#[component]
pub fn GoodbyePage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.accounts.delete_account/>
        <Meta name="robots" content="noindex"/>
        <section class="notice">
            <h1>{t.accounts.account_deleted}</h1>
            <p><a class="button" href=link_to("/")>{t.continue_shopping}</a></p>
        </section>
    }
}
