use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

/// The coupons page, loaded as its own WASM chunk on the first visit (or on a hover of a link to it).
pub struct CouponsRoute;

#[lazy_route]
impl LazyRoute for CouponsRoute {
    fn data() -> Self {
        CouponsRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <CouponsPage/> }.into_any()
    }
}

/// Coupons arrive with promotions; until then the list is empty.
#[component]
fn CouponsPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.accounts.coupons/>
        <h1>{t.accounts.coupons}</h1>
        <p class="empty">{t.accounts.no_coupons}</p>
    }
}
