use crate::components::cart_line::CartLineRow;
use crate::components::price_explanation::PriceExplanation;
use crate::contexts::cart::use_cart;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::i18n::fill;
use crate::pages::prefetch::prefetch_checkout;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{lazy_route, LazyRoute};

/// The cart, loaded as its own WASM chunk on the first visit (or on a hover of a link to it).
pub struct CartRoute;

#[lazy_route]
impl LazyRoute for CartRoute {
    fn data() -> Self {
        CartRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <CartPage/> }.into_any()
    }
}

/// The cart: lines with quantity, stock warnings and removal, and how the total is reached.
#[component]
fn CartPage() -> impl IntoView {
    let t = use_texts();
    let c = t.carts;
    let (cart_view, cart_error) = use_cart().after_hydration();
    view! {
        <Title text=c.title/>
        <Meta name="robots" content="noindex"/>
        <h1>{c.title}</h1>
        {move || cart_error.get().map(|e| view! { <p class="form-errors" role="alert">{e.user_message(t)}</p> })}
        {move || match cart_view.get() {
            None => view! { <p class="loading">{t.loading}</p> }.into_any(),
            Some(view) if view.items.is_empty() => view! {
                <section class="notice">
                    <p>{t.cart_empty}</p>
                    <p><a class="button" href=link_to("/")>{t.continue_shopping}</a></p>
                </section>
            }
            .into_any(),
            Some(view) => view! {
                <p class="hint">{fill(c.items_in_cart, view.count)}</p>
                <ul class="cart-lines">
                    {view.items.into_iter().map(|item| view! { <CartLineRow item/> }).collect_view()}
                </ul>
                <PriceExplanation quote=view.quote/>
                <p class="hint">{c.shipping_later}</p>
                <form action=link_to("/checkout") method="get">
                    <button type="submit" class="button primary" on:pointerenter=|_| prefetch_checkout() on:focus=|_| prefetch_checkout()>{c.checkout}</button>
                </form>
            }
            .into_any(),
        }}
    }
}
