use crate::api::supplier::supplier_dashboard;
use crate::components::admin_error::AdminError;
use crate::contexts::locale::{link_to, use_locale, use_texts};
use crate::domain::account::Region;
use leptos::prelude::*;
use leptos_meta::Title;

/// The console's first page: the supplier's products (all, live), its low-stock SKUs and its
/// warehouses.
#[component]
pub fn SupplierDashboardPage() -> impl IntoView {
    let t = use_texts();
    let s = t.supplier;
    let locale = use_locale();
    let overview = Resource::new(|| (), |_| supplier_dashboard());
    view! {
        <Title text=s.console/>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! {
                        <h1>{o.company.clone()}</h1>
                        <dl class="figures">
                            <div class="figure">
                                <dt>{s.products}</dt>
                                <dd><strong><a href=link_to("/supplier/products")>{o.products}</a></strong>
                                    <small>{t.admin.status_active}": "{o.live_products}</small></dd>
                            </div>
                            <div class="figure">
                                <dt>{s.low_stock_skus}</dt>
                                <dd><strong><a href=link_to("/supplier/stock")>{o.low_stock_skus}</a></strong></dd>
                            </div>
                        </dl>
                        <h2>{s.warehouses}</h2>
                        <ul>
                            {o.warehouses.into_iter().map(|w| {
                                let region = Region::find(&w.region).map_or(w.region.clone(), |r| r.name(locale).to_string());
                                view! { <li><strong>{w.name}</strong>" · "{region}</li> }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
