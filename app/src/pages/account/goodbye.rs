use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{lazy_route, LazyRoute};

/// The page after an account is deleted, loaded as its own WASM chunk on the first visit (or on a hover of a link to it).
pub struct GoodbyeRoute;

#[lazy_route]
impl LazyRoute for GoodbyeRoute {
    fn data() -> Self {
        GoodbyeRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <GoodbyePage/> }.into_any()
    }
}

/// Where a deleted account lands.
#[component]
fn GoodbyePage() -> impl IntoView {
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
