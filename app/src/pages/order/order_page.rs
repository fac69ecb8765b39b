use crate::api::order::get_order;
use crate::components::after_sale_panel::AfterSalePanel;
use crate::components::error_notice::ErrorNotice;
use crate::components::order_actions::OrderActionsBar;
use crate::components::order_timeline::OrderTimeline;
use crate::components::order_totals::OrderTotals;
use crate::components::parcel_section::ParcelSection;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::domain::order::OrderStatus;
use crate::domain::time::shop_time;
use crate::i18n::fill;
use crate::i18n::order::{flag_text, status_text};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// One order: its status in words, what can be done now, the goods and total, where it goes,
/// each parcel with its goods, tracking and after-sale, the requests and the whole timeline.
#[component]
pub fn OrderPage() -> impl IntoView {
    let t = use_texts();
    let o = t.orders;
    let params = use_params_map();
    let query = use_query_map();
    let changed = RwSignal::new(0u32);
    let order_no = move || params.read().get("order_no").unwrap_or_default();
    // A guest's mailed link carries `key`: it opens the order on this page (and each action
    // from it), not for the browser's session.
    let link_key = move || query.read().get("key");
    let order = Resource::new(
        move || (order_no(), link_key(), changed.get()),
        |(no, key, _)| get_order(no, key),
    );
    let payment_failed = move || query.read().get("payment").as_deref() == Some("failed");
    // Back from a gateway that has not confirmed yet (its callback may follow in a moment).
    let payment_waiting = move || query.read().get("payment").as_deref() == Some("waiting");
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(page) => {
                        let detail = page.order;
                        let no = detail.order_no.clone();
                        let pending = detail.status == OrderStatus::PendingPayment;
                        view! {
                            <Title text=fill(o.order_title, &no)/>
                            <h1>{fill(o.order_title, &no)}</h1>
                            <p class="order-status">
                                {o.status} ": " <strong data-status=detail.status.as_str()>{status_text(o, detail.status)}</strong>
                                <span class="hint">{format!(" · {} {}", o.placed_at, shop_time(detail.created_at))}</span>
                            </p>
                            {(payment_failed() && pending).then(|| view! { <p class="form-errors" role="alert">{o.payment_failed}</p> })}
                            {(payment_waiting() && pending).then(|| view! { <p class="notice" role="status">{o.payment_waiting}</p> })}
                            {pending.then(|| view! { <p class="hint">{fill(o.pay_before, shop_time(detail.pay_before))}</p> })}
                            {detail.flag.clone().map(|flag| view! { <p class="notice" role="status">{flag_text(o, &flag)}</p> })}
                            {page.guest.then(|| view! { <p class="hint">{o.guest_order_hint}</p> })}
                            <OrderActionsBar order_no=no.clone() actions=detail.actions.clone() methods=page.payment_methods.clone() changed key=link_key()/>
                            {detail.after_sales.clone().into_iter().rev().map(|request| view! {
                                <AfterSalePanel order_no=no.clone() request operator=page.operator changed key=link_key() carriers=page.carriers.clone()/>
                            }).collect_view()}
                            <OrderTotals order=detail.clone()/>
                            <section class="panel" aria-labelledby="ship-to">
                                <h2 id="ship-to">{o.ship_to}</h2>
                                <p>{format!("{} {}", detail.recipient, detail.phone)}</p>
                                <p>{format!("{} {} {} {}", detail.region_name, detail.city, detail.detail, detail.postal_code)}</p>
                                <p class="hint">{detail.email.clone()}</p>
                            </section>
                            {detail.parcels.clone().into_iter().map(|parcel| view! {
                                <ParcelSection order_no=no.clone() parcel shopper=page.owner changed key=link_key() carriers=page.carriers.clone()/>
                            }).collect_view()}
                            <OrderTimeline entries=detail.timeline.clone()/>
                            <p><a class="button" href=link_to(&match link_key() { Some(k) => format!("/orders/{no}/receipt?key={}", crate::domain::listing::encode_component(&k)), None => format!("/orders/{no}/receipt") })>{o.invoice}</a></p>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
