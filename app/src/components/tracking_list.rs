use crate::contexts::locale::use_texts;
use crate::domain::order::OrderDetail;
use crate::domain::time::shop_time;
use crate::i18n::order::{carrier_text, tracking_text};
use leptos::prelude::*;

/// The carrier's steps for a shipped order, newest first.
#[component]
pub fn TrackingList(order: OrderDetail) -> impl IntoView {
    let o = use_texts().orders;
    let tracking_no = order.tracking_no.clone()?;
    Some(view! {
        <section class="panel" aria-labelledby="order-tracking">
            <h2 id="order-tracking">{o.tracking}</h2>
            <p>{o.carrier} ": " {carrier_text(o, order.carrier.as_deref().unwrap_or_default())} " · " {o.tracking_no} ": " {tracking_no}</p>
            <ol class="timeline">
                {order.tracking.into_iter().rev().map(|event| view! {
                    <li>
                        <strong>{tracking_text(o, event.code)}</strong>
                        <span class="hint">{format!(" · {} · {}", event.location, shop_time(event.happened_at))}</span>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    })
}
