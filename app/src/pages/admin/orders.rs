use crate::api::admin::admin_list_orders;
use crate::components::error_notice::ErrorNotice;
use crate::components::order_list::OrderList;
use crate::components::order_tabs::OrderTabs;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::domain::order::OrderTab;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// Operators: every order by status, searchable by order number or email; each links to the
/// order page, where paid orders are shipped and after-sale requests decided.
#[component]
pub fn AdminOrdersPage() -> impl IntoView {
    let t = use_texts();
    let o = t.orders;
    let query = use_query_map();
    let tab = Signal::derive(move || OrderTab::parse(&query.read().get("tab").unwrap_or_default()));
    let search = move || query.read().get("q").unwrap_or_default();
    let orders = Resource::new(
        move || (tab.get(), search()),
        |(tab, q)| admin_list_orders(tab.as_str().to_string(), q),
    );
    view! {
        <Title text=o.admin_orders/>
        <Meta name="robots" content="noindex"/>
        <h1>{o.admin_orders}</h1>
        <form method="get" action=link_to("/admin/orders") class="search-orders" role="search">
            <label>
                <span>{o.search_orders}</span>
                <input type="search" name="q" value=search/>
            </label>
            {move || (tab.get() != OrderTab::All).then(|| view! { <input type="hidden" name="tab" value=tab.get().as_str()/> })}
            <button type="submit" class="button">{o.search}</button>
        </form>
        <OrderTabs base="/admin/orders" current=tab/>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match orders.await {
                    Ok(list) => view! { <OrderList orders=list show_email=true/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
