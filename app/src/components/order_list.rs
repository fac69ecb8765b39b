use crate::components::price::Price;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::domain::order::OrderSummary;
use crate::domain::time::shop_time;
use crate::i18n::fill;
use crate::i18n::order::{flag_text, status_text};
use leptos::prelude::*;

/// Orders as a list of cards, each linking to its page. `show_email` for operators.
#[component]
pub fn OrderList(orders: Vec<OrderSummary>, show_email: bool) -> impl IntoView {
    let o = use_texts().orders;
    if orders.is_empty() {
        return view! { <p class="empty">{o.no_orders_here}</p> }.into_any();
    }
    view! {
        <ul class="order-list">
            {orders.into_iter().map(|order| {
                let href = link_to(&format!("/orders/{}", order.order_no));
                view! {
                    <li class="order-card">
                        <a href=href aria-label=fill(o.view_order, &order.order_no)>
                            <span class="order-no">{order.order_no.clone()}</span>
                            <strong class="order-state">{status_text(o, order.status)}</strong>
                        </a>
                        <p>{order.first_item.clone()} " · " {fill(o.items_count, order.item_count)}</p>
                        <p><Price min=order.total max=order.total/> <span class="hint">{format!(" · {}", shop_time(order.created_at))}</span></p>
                        {show_email.then(|| view! { <p class="hint">{order.email.clone()}</p> })}
                        {order.flag.as_deref().map(|flag| view! { <p class="badge warning">{o.needs_attention} ": " {flag_text(o, flag)}</p> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
