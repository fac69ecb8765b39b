use super::price::Price;
use crate::contexts::locale::use_texts;
use crate::domain::order::OrderDetail;
use crate::i18n::promotion::discount_text;
use leptos::prelude::*;

/// The order's lines and how its total was reached (as stored when it was placed).
#[component]
pub fn OrderTotals(order: OrderDetail) -> impl IntoView {
    let t = use_texts();
    let (c, o) = (t.carts, t.orders);
    let shipping = match order.shipping_method.as_str() {
        "express" => o.express,
        _ => o.standard,
    };
    view! {
        <section class="panel price-explanation" aria-labelledby="order-items">
            <h2 id="order-items">{o.items}</h2>
            <dl>
                {order.lines.iter().map(|line| view! {
                    <div>
                        <dt>{format!("{} ({}) × {}", line.name, line.sku_code, line.quantity)}</dt>
                        <dd><Price min=line.total max=line.total/></dd>
                    </div>
                }).collect_view()}
                <div class="sum"><dt>{c.subtotal}</dt><dd><Price min=order.subtotal max=order.subtotal/></dd></div>
                {order.adjustments.iter().map(|a| view! {
                    <div class="discount">
                        <dt>{discount_text(t, &a.discount)}</dt>
                        <dd>{a.amount.to_string()}</dd>
                    </div>
                }).collect_view()}
                {(order.adjustments.is_empty() && order.discount.fen() != 0).then(|| view! {
                    <div class="discount"><dt>{o.discount}</dt><dd>{format!("-{}", order.discount)}</dd></div>
                })}
                <div><dt>{format!("{} · {}", c.shipping, shipping)}</dt><dd><Price min=order.shipping_fee max=order.shipping_fee/></dd></div>
                <div class="total"><dt>{c.total}</dt><dd><Price min=order.total max=order.total/></dd></div>
                {(order.refunded.fen() > 0).then(|| view! {
                    <div class="discount"><dt>{o.refunded_amount}</dt><dd>{format!("-{}", order.refunded)}</dd></div>
                })}
            </dl>
        </section>
    }
}
