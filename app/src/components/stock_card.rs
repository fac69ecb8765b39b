use crate::components::stock_adjust_form::StockAdjustForm;
use crate::contexts::console::use_console;
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::catalog::back_office::StockRow;
use crate::domain::stock::{Level, Warehouse};
use leptos::prelude::*;

/// One SKU on the stock page: what the shop can sell, the figures per warehouse, the form.
#[component]
pub fn StockCard(
    row: StockRow,
    warehouses: Vec<Warehouse>,
    on_adjusted: Callback<Level>,
) -> impl IntoView {
    let b = use_texts().admin;
    let console = use_console();
    let heading = if row.options.is_empty() {
        row.product_name.clone()
    } else {
        format!("{} · {}", row.product_name, row.options)
    };
    view! {
        <li class="stock-card" class:low=row.low>
            <h2>{heading}</h2>
            <p class="stock-code">
                <a href=link_to(&console.at(&format!("/stock/{}", row.sku_id)))><code>{row.sku_code}</code></a>
                " · " {b.sellable} " " <strong>{row.stock}</strong>
                " · " {b.low_stock_threshold} " " {row.threshold}
                {row.low.then(|| view! { " " <span class="badge">{b.low_stock_badge}</span> })}
            </p>
            <ul class="stock-levels">
                {row.levels.into_iter().map(|level| {
                    let figures = b
                        .level_figures
                        .replacen("{}", &level.on_hand.to_string(), 1)
                        .replacen("{}", &level.reserved.to_string(), 1);
                    view! { <li>{level.warehouse_name} ": " {figures}</li> }
                }).collect_view()}
            </ul>
            <StockAdjustForm sku_id=row.sku_id warehouses on_adjusted/>
        </li>
    }
}
