use crate::api::promotion::claim_coupon_code;
use crate::components::cart_coupons::CartCoupons;
use crate::components::cart_line::CartLineRow;
use crate::components::price_explanation::PriceExplanation;
use crate::contexts::cart::use_cart;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The cart: lines with quantity, stock warnings and removal, and how the total is reached.
#[component]
pub fn CartPage() -> impl IntoView {
    let t = use_texts();
    let c = t.carts;
    let cart = use_cart();
    // A code claimed from the cart: the cart is priced again with the new coupon.
    let apply = Action::new(|code: &String| claim_coupon_code(code.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = apply.value().get() {
            cart.refresh();
        }
    });
    view! {
        <Title text=c.title/>
        <Meta name="robots" content="noindex"/>
        <Meta name="description" content=format!("{} | {}", c.title, t.tagline)/>
        <h1>{c.title}</h1>
        {move || cart.error.get().map(|e| view! { <p class="form-errors" role="alert">{e.user_message(t)}</p> })}
        {move || match cart.view.get() {
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
                <CartCoupons next_tiers=view.quote.next_tiers.clone() usable=view.coupons.len() apply/>
                <PriceExplanation quote=view.quote/>
                <p class="hint">{c.shipping_later}</p>
                <form action=link_to("/checkout") method="get">
                    <button type="submit" class="button primary">{c.checkout}</button>
                </form>
            }
            .into_any(),
        }}
    }
}
