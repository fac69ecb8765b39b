use super::price::Price;
use crate::contexts::cart::use_cart;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::domain::cart::{parse_quantity_text, Availability, CartItem};
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
    // Typed quantities may be full-width digits; 0 removes the line, anything else outside
    // 1..=99 is refused with a notice (the box then shows the quantity the cart still holds).
    let current = item.quantity;
    let on_change = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        if crate::domain::text::fold_width(&typed).trim() == "0" {
            cart.set_quantity(sku_id, 0);
            return;
        }
        match parse_quantity_text(&typed) {
            Ok(quantity) => cart.set_quantity(sku_id, quantity),
            Err(refused) => {
                cart.error.set(Some(refused.into()));
                // The box shows again what the cart holds.
                event_target::<web_sys::HtmlInputElement>(&ev).set_value(&current.to_string());
            }
        }
    };
    let reduced = item
        .reduced_from
        .map(|wanted| fill(c.reduced_to_stock, wanted));
    view! {
        <li class="cart-line" class:unavailable=unavailable>
            <img src=item.image.clone() alt="" width="80" height="80"/>
            <div class="cart-line-body">
                <a href=link_to(&format!("/p/{}", item.product_slug))>{item.product_name.clone()}</a>
                {(!item.options.is_empty()).then(|| view! { <p class="hint">{item.options.clone()}</p> })}
                <p><Price min=item.unit_price max=item.unit_price/></p>
                {warning.map(|w| view! { <p class="stock-warning" role="status">{w}</p> })}
                {reduced.map(|r| view! { <p class="stock-warning">{r}</p> })}
                <div class="cart-line-actions">
                    <input
                        type="text"
                        role="spinbutton"
                        aria-valuemin="0"
                        aria-valuemax=MAX_QUANTITY
                        aria-valuenow=item.quantity
                        inputmode="numeric"
                        autocomplete="off"
                        size="3"
                        maxlength="4"
                        title=fill(c.quantity_out_of_range, MAX_QUANTITY)
                        prop:value=item.quantity
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
