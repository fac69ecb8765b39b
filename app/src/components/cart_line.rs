use super::price::Price;
use crate::contexts::cart::use_cart;
use crate::contexts::locale::use_texts;
use crate::domain::cart::{Availability, CartItem};
use crate::domain::pricing::MAX_QUANTITY;
use crate::i18n::fill;
use leptos::prelude::*;

/// One line of the cart: product, options, price, a quantity box, stock warning and removal.
#[component]
pub fn CartLineRow(item: CartItem) -> impl IntoView {
    let c = use_texts().carts;
    let cart = use_cart();
    let sku_id = item.sku_id;
    let warning = match item.availability {
        Availability::Available => None,
        Availability::OnlyLeft(n) => Some(fill(c.only_left, n)),
        Availability::Unavailable => Some(c.unavailable.to_string()),
    };
    let unavailable = item.availability == Availability::Unavailable;
    let on_change = move |ev: leptos::ev::Event| {
        if let Ok(quantity) = event_target_value(&ev).trim().parse::<i64>() {
            cart.set_quantity(sku_id, quantity.clamp(0, MAX_QUANTITY));
        }
    };
    view! {
        <li class="cart-line" class:unavailable=unavailable>
            <img src=item.image.clone() alt="" width="80" height="80"/>
            <div class="cart-line-body">
                <a href=format!("/p/{}", item.product_slug)>{item.product_name.clone()}</a>
                {(!item.options.is_empty()).then(|| view! { <p class="hint">{item.options.clone()}</p> })}
                <p><Price min=item.unit_price max=item.unit_price/></p>
                {warning.map(|w| view! { <p class="stock-warning" role="status">{w}</p> })}
                <div class="cart-line-actions">
                    <input
                        type="number"
                        min="0"
                        max=MAX_QUANTITY
                        inputmode="numeric"
                        value=item.quantity
                        aria-label=fill(c.quantity_for, &item.product_name)
                        on:change=on_change
                    />
                    <button type="button" class="link-button" on:click=move |_| cart.set_quantity(sku_id, 0)>
                        {fill(c.remove, &item.product_name)}
                    </button>
                </div>
            </div>
        </li>
    }
}
