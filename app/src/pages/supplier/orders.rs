use super::parcel_card::ParcelCard;
use crate::api::supplier::supplier_orders;
use crate::components::admin_error::AdminError;
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::order::shipment::ParcelTab;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The supplier's parcels in tabs: to ship (with the address and "Mark shipped"), to receive
/// back (after-sale requests on its parcels, decided and received here), and done.
#[component]
pub fn SupplierOrdersPage() -> impl IntoView {
    let t = use_texts();
    let s = t.supplier;
    let query = use_query_map();
    let tab =
        Signal::derive(move || ParcelTab::parse(&query.read().get("tab").unwrap_or_default()));
    let changed = RwSignal::new(0u32);
    let parcels = Resource::new(
        move || (tab.get(), changed.get()),
        |(tab, _)| supplier_orders(Some(tab.as_str().to_string())),
    );
    let tab_text = move |tab: ParcelTab| match tab {
        ParcelTab::ToShip => s.tab_to_ship,
        ParcelTab::ToReceiveBack => s.tab_to_receive_back,
        ParcelTab::Done => s.tab_done,
    };
    view! {
        <Title text=s.orders/>
        <h1>{s.orders}</h1>
        <nav class="order-tabs" aria-label=s.parcel_tabs>
            {ParcelTab::ALL.into_iter().map(|each| view! {
                <a href=link_to(&format!("/supplier/orders?tab={}", each.as_str()))
                    aria-current=move || (tab.get() == each).then_some("page")>{tab_text(each)}</a>
            }).collect_view()}
        </nav>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match parcels.await {
                    Ok(list) if list.parcels.is_empty() => view! { <p class="empty">{s.no_orders}</p> }.into_any(),
                    Ok(list) => {
                        let carriers = list.carriers;
                        view! {
                            <div class="parcel-list">
                                {list.parcels.into_iter().map(|parcel| view! { <ParcelCard parcel changed carriers=carriers.clone()/> }).collect_view()}
                            </div>
                        }.into_any()
                    }
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
