use crate::api::admin::stock::{admin_warehouses, sku_stock};
use crate::components::admin_error::AdminError;
use crate::components::sku_threshold_form::SkuThresholdForm;
use crate::components::stock_adjust_form::StockAdjustForm;
use crate::components::stock_transfer_form::StockTransferForm;
use crate::contexts::console::use_console;
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::stock::{Level, MovementKind, SkuStockView};
use crate::domain::time::shop_time;
use crate::i18n::admin::AdminTexts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The name of a ledger movement's kind.
pub fn movement_name(b: &AdminTexts, kind: MovementKind) -> &'static str {
    match kind {
        MovementKind::Opening => b.movement_opening,
        MovementKind::Received => b.movement_received,
        MovementKind::Adjusted => b.movement_adjusted,
        MovementKind::Reserved => b.movement_reserved,
        MovementKind::Released => b.movement_released,
        MovementKind::Shipped => b.movement_shipped,
        MovementKind::Returned => b.movement_returned,
        MovementKind::Transferred => b.movement_transferred,
        MovementKind::FlashHeld => b.movement_flash_held,
        MovementKind::FlashReleased => b.movement_flash_released,
    }
}

fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// One SKU's stock: on hand and reserved per warehouse, the "Adjust stock" form, and its ledger,
/// newest movement first ("Older movements" pages back).
#[component]
pub fn SkuStockPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let console = use_console();
    let params = use_params_map();
    let query = use_query_map();
    let sku_id = move || {
        params
            .read()
            .get("sku")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let before = move || {
        query
            .read()
            .get("before")
            .and_then(|s| s.parse::<i64>().ok())
    };
    let adjusted = RwSignal::new(0u32);
    // Two resources, not two calls in one (see the Stock page).
    let data = Resource::new(
        move || (sku_id(), before(), adjusted.get()),
        |(sku, before, _)| sku_stock(sku, before),
    );
    let warehouses = Resource::new(|| (), |_| admin_warehouses());
    let on_adjusted = Callback::new(move |_: Level| adjusted.update(|n| *n += 1));
    let on_transferred = Callback::new(move |_: ()| adjusted.update(|n| *n += 1));
    view! {
        <Title text=b.stock_ledger/>
        <p><a href=link_to(&console.at("/stock"))>{b.stock}</a></p>
        <h1>{b.stock_ledger}</h1>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match (data.await, warehouses.await) {
                    (Ok(stock), Ok(warehouses)) => {
                        let SkuStockView { levels, ledger, own_threshold, default_threshold } = stock;
                        let older = (ledger.len() >= 50).then(|| {
                            let last = ledger.last().map(|e| e.id).unwrap_or_default();
                            let href = link_to(&console.at(&format!("/stock/{}?before={last}", sku_id())));
                            view! { <p><a href=href>{b.older_entries}</a></p> }
                        });
                        view! {
                            <div class="table-scroll">
                                <table class="admin-table">
                                    <caption>{b.per_warehouse}</caption>
                                    <thead><tr>
                                        <th scope="col">{b.warehouse}</th>
                                        <th scope="col">{b.on_hand}</th>
                                        <th scope="col">{b.reserved}</th>
                                        <th scope="col">{b.sellable}</th>
                                    </tr></thead>
                                    <tbody>
                                        {levels.into_iter().map(|l| view! {
                                            <tr>
                                                <th scope="row">{l.warehouse_name.clone()}</th>
                                                <td>{l.on_hand}</td>
                                                <td>{l.reserved}</td>
                                                <td>{l.free()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            {(warehouses.len() > 1).then(|| view! {
                                <StockTransferForm sku_id=sku_id() warehouses=warehouses.clone() on_transferred/>
                            })}
                            <StockAdjustForm sku_id=sku_id() warehouses on_adjusted/>
                            <SkuThresholdForm sku_id=sku_id() own=own_threshold default=default_threshold/>
                            <div class="table-scroll">
                                <table class="admin-table">
                                    <caption>{b.movements}</caption>
                                    <thead><tr>
                                        <th scope="col">{b.when}</th>
                                        <th scope="col">{b.warehouse}</th>
                                        <th scope="col">{b.movement}</th>
                                        <th scope="col">{b.on_hand}</th>
                                        <th scope="col">{b.reserved}</th>
                                        <th scope="col">{b.reason}</th>
                                    </tr></thead>
                                    <tbody>
                                        {ledger.into_iter().map(|m| {
                                            let by = m.order_id.map(|id| format!("#{id}")).or(m.actor_email.clone()).unwrap_or_default();
                                            view! {
                                                <tr>
                                                    <td>{shop_time(m.at)}</td>
                                                    <td>{m.warehouse_name}</td>
                                                    <td>{movement_name(b, m.kind)}</td>
                                                    <td>{signed(m.on_hand_delta)}</td>
                                                    <td>{signed(m.reserved_delta)}</td>
                                                    <td>{m.reason} " " <small>{by}</small></td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            {older}
                        }
                        .into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
