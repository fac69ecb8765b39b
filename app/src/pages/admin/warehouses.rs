use crate::api::admin::stock::{admin_warehouses, SaveWarehouse};
use crate::components::admin_error::AdminError;
use crate::components::warehouse_form::WarehouseForm;
use crate::contexts::locale::{use_locale, use_texts};
use crate::domain::account::Region;
use leptos::prelude::*;
use leptos_meta::Title;

/// The shop's warehouses: where each stands and which regions it serves first (the order rule
/// prefers those), with a form to add one and one to change each.
#[component]
pub fn WarehousesPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let locale = use_locale();
    let save = ServerAction::<SaveWarehouse>::new();
    let list = Resource::new(move || save.version().get(), |_| admin_warehouses());
    let region_name = move |code: &str| {
        Region::find(code).map_or(code.to_string(), |r| r.name(locale).to_string())
    };
    view! {
        <Title text=b.warehouses/>
        <h1>{b.warehouses}</h1>
        <p class="hint">{b.warehouses_hint}</p>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(warehouses) => view! {
                        <ul class="warehouse-list">
                            {warehouses.into_iter().map(|w| {
                                let serves = w.serves.iter().map(|c| region_name(c)).collect::<Vec<_>>().join("、");
                                let summary = format!("{} {}", b.edit, w.name);
                                view! {
                                    <li>
                                        <h2>{w.name.clone()}</h2>
                                        <p>{b.region} ": " {region_name(&w.region)}</p>
                                        <p>{b.serves} ": " {serves}</p>
                                        <details>
                                            <summary>{summary}</summary>
                                            <WarehouseForm save current=Some(w)/>
                                        </details>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
        <h2>{b.new_warehouse}</h2>
        <WarehouseForm save current=None/>
    }
}
