use crate::api::admin::catalog::admin_stock;
use crate::api::admin::stock::admin_warehouses;
use crate::components::admin_error::AdminError;
use crate::components::default_threshold_form::DefaultThresholdForm;
use crate::components::stock_card::StockCard;
use crate::contexts::console::use_console;
use crate::contexts::locale::{link_to, use_texts};
use crate::contexts::page_query::use_page_query;
use crate::domain::catalog::back_office::ADMIN_PAGE;
use crate::domain::stock::Level;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Stock per SKU, least first, with the low-stock ones marked (and a filter for only those):
/// each SKU's figures per warehouse and its "Adjust stock" form. The back office shows every
/// owner's; the supplier console, at `/supplier/stock`, the supplier's own.
#[component]
pub fn AdminStockPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let console = use_console();
    let query = use_query_map();
    let low_only = move || query.read().get("low").is_some_and(|v| v == "1");
    let page = use_page_query();
    // Bumped after each adjustment, so the list shows the new figures.
    let adjusted = RwSignal::new(0u32);
    let last = RwSignal::new(None::<Level>);
    // Two resources, not two calls in one: a server function called after another's await
    // would run outside the request's context during server rendering.
    let rows = Resource::new(
        move || (low_only(), page(), adjusted.get()),
        |(low, page, _)| admin_stock(low, page),
    );
    let warehouses = Resource::new(|| (), |_| admin_warehouses());
    let on_adjusted = Callback::new(move |level: Level| {
        last.set(Some(level));
        adjusted.update(|n| *n += 1);
    });
    let notice = move || {
        last.get().map(|level| {
            let text = b
                .adjusted_notice
                .replacen("{}", &level.warehouse_name, 1)
                .replacen("{}", &level.on_hand.to_string(), 1)
                .replacen("{}", &level.reserved.to_string(), 1);
            view! { <p class="notice-ok" role="status">{text}</p> }
        })
    };
    view! {
        <Title text=b.stock/>
        <h1>{b.stock}</h1>
        <p><a href=link_to(&console.at("/warehouses"))>{b.warehouses}</a></p>
        <DefaultThresholdForm on_saved=Callback::new(move |()| adjusted.update(|n| *n += 1))/>
        <form method="get" action=link_to(&console.at("/stock")) class="admin-filters">
            <label class="check">
                <input type="checkbox" name="low" value="1" checked=low_only/>
                <span>{b.low_stock_only}</span>
            </label>
            <button type="submit" class="button">{b.filter}</button>
        </form>
        {notice}
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match (rows.await, warehouses.await) {
                    (Ok(list), _) if list.is_empty() => view! { <p class="empty">{b.no_products}</p> }.into_any(),
                    (Ok(list), Ok(warehouses)) => {
                        let more = (list.len() as i64 >= ADMIN_PAGE).then(|| {
                            let low = if low_only() { "&low=1" } else { "" };
                            view! { <p><a href=link_to(&console.at(&format!("/stock?page={}{low}", page() + 1)))>{t.next}</a></p> }
                        });
                        view! {
                            <ul class="stock-list">
                                {list.into_iter().map(|row| view! {
                                    <StockCard row warehouses=warehouses.clone() on_adjusted/>
                                }).collect_view()}
                            </ul>
                            {more}
                        }
                        .into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
