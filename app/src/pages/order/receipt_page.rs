use crate::api::order::get_order;
use crate::components::error_notice::ErrorNotice;
use crate::components::order_totals::OrderTotals;
use crate::contexts::locale::use_texts;
use crate::domain::time::shop_time;
use crate::i18n::fill;
use crate::i18n::order::status_text;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// A printable receipt: seller, buyer, goods, how the total was reached, payment state.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let t = use_texts();
    let o = t.orders;
    let params = use_params_map();
    let query = leptos_router::hooks::use_query_map();
    let order = Resource::new(
        move || {
            (
                params.read().get("order_no").unwrap_or_default(),
                query.read().get("key"),
            )
        },
        |(no, key)| get_order(no, key),
    );
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(page) => {
                        let d = page.order;
                        view! {
                            <Title text=format!("{} {}", o.invoice, d.order_no)/>
                            <article class="receipt">
                                <h1>{format!("{} · {}", t.site_name, o.invoice)}</h1>
                                <p>{fill(o.order_title, &d.order_no)} " · " {shop_time(d.created_at)}</p>
                                <p>{o.status} ": " {status_text(o, d.status)}
                                    {d.paid_at.map(|at| format!(" · {} {}", o.paid_amount, shop_time(at)))}</p>
                                <p>{o.customer} ": " {format!("{} · {} · {} {} {}", d.recipient, d.email, d.region_name, d.city, d.detail)}</p>
                                <OrderTotals order=d.clone()/>
                                <button type="button" class="button no-print" data-print="">{o.print}</button>
                            </article>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
