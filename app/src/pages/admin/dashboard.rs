use crate::api::admin::dashboard::dashboard_figures;
use crate::components::admin_error::AdminError;
use crate::components::dashboard_body::DashboardBody;
use crate::components::range_form::RangeForm;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The operator's first page: GMV, paid orders and average order value for a range of days
/// against the period before; orders and GMV per day as charts (with the same numbers as a
/// table and as CSV); top products; low-stock SKUs; after-sale requests waiting.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let figures = Resource::new(
        move || (param("from"), param("to")),
        |(from, to)| dashboard_figures(from, to),
    );
    view! {
        <Title text=b.dashboard/>
        <h1>{b.dashboard}</h1>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match figures.await {
                    Ok(figures) => view! { <DashboardBody figures console="/admin"/> }.into_any(),
                    Err(error) => view! {
                        <RangeForm from=param("from") to=param("to") action="/admin"/>
                        <AdminError error/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}
