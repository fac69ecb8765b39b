use crate::api::order::list_my_orders;
use crate::components::error_notice::ErrorNotice;
use crate::components::order_list::OrderList;
use crate::components::order_tabs::OrderTabs;
use crate::contexts::locale::use_texts;
use crate::domain::order::OrderTab;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The member's orders, by status tab: to pay, to ship, to receive, completed, after-sale.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let tab = Signal::derive(move || OrderTab::parse(&query.read().get("tab").unwrap_or_default()));
    let orders = Resource::new(
        move || tab.get(),
        |tab| list_my_orders(tab.as_str().to_string()),
    );
    view! {
        <Title text=t.accounts.orders/>
        <h1>{t.accounts.orders}</h1>
        <OrderTabs base="/account/orders" current=tab/>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match orders.await {
                    Ok(list) => view! { <OrderList orders=list show_email=false/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
