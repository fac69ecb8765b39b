use crate::api::supplier::{my_rating, supplier_dashboard, supplier_figures};
use crate::components::admin_error::AdminError;
use crate::components::dashboard_body::DashboardBody;
use crate::components::range_form::RangeForm;
use crate::components::rating_figures::RatingFigures;
use crate::contexts::locale::{link_to, use_locale, use_texts};
use crate::domain::account::Region;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The console's first page: the supplier's company (and a notice while it is suspended), its
/// products, then the operator's dashboard over its own sales (GMV, orders, average order value,
/// charts, CSV, top products, low stock) for a range of days, and its warehouses.
#[component]
pub fn SupplierDashboardPage() -> impl IntoView {
    let t = use_texts();
    let s = t.supplier;
    let locale = use_locale();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let overview = Resource::new(|| (), |_| supplier_dashboard());
    let rating = Resource::new(|| (), |_| my_rating());
    let figures = Resource::new(
        move || (param("from"), param("to")),
        |(from, to)| supplier_figures(from, to),
    );
    view! {
        <Title text=s.console/>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! {
                        <h1>{o.company.clone()}</h1>
                        {(!o.active).then(|| view! {
                            <p class="notice warning" role="status">{t.product_review.suspended_notice}</p>
                        })}
                        <p>
                            <a href=link_to("/supplier/products")>{s.products}": "{o.products}</a>
                            " · "{t.admin.status_active}": "{o.live_products}
                        </p>
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
        <section class="panel">
            <h2>{s.rating}</h2>
            <p class="hint">{s.rating_hint}</p>
            <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match rating.await {
                        Ok(rating) => view! { <RatingFigures rating/> }.into_any(),
                        Err(error) => view! { <AdminError error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <h2>{t.admin.dashboard}</h2>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match figures.await {
                    Ok(figures) => view! { <DashboardBody figures console="/supplier"/> }.into_any(),
                    Err(error) => view! {
                        <RangeForm from=param("from") to=param("to") action="/supplier"/>
                        <AdminError error/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}
