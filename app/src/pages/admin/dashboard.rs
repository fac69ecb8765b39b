use crate::api::admin::dashboard::dashboard_figures;
use crate::components::admin_error::AdminError;
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::dashboard::{change_percent, percent_text, signed_points, Dashboard};
use crate::domain::listing::encode_component;
use crate::i18n::{fill, fill_all};
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
                    Ok(figures) => view! { <DashboardBody figures/> }.into_any(),
                    Err(error) => view! {
                        <RangeForm from=param("from") to=param("to")/>
                        <AdminError error/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RangeForm(from: String, to: String) -> impl IntoView {
    let b = use_texts().admin;
    view! {
        <form method="get" action=link_to("/admin") class="admin-filters">
            <label>
                <span>{b.range_from}</span>
                <input type="date" name="from" value=from/>
            </label>
            <label>
                <span>{b.range_to}</span>
                <input type="date" name="to" value=to/>
            </label>
            <button type="submit" class="button">{b.show}</button>
        </form>
    }
}

/// One headline figure with the previous period's and the change, and a note under them.
#[component]
fn Figure(
    label: &'static str,
    now: String,
    before: String,
    /// The change against the previous period, as shown in brackets.
    change: Option<String>,
    #[prop(optional)] note: Option<String>,
) -> impl IntoView {
    let b = use_texts().admin;
    let change = change.map(|c| format!(" ({c})"));
    view! {
        <div class="figure">
            <dt>{label}</dt>
            <dd>
                <strong>{now}</strong>
                <small>{fill(b.previous_period, before)}{change}</small>
                {note.map(|note| view! { <small>{note}</small> })}
            </dd>
        </div>
    }
}

#[component]
fn DashboardBody(figures: Dashboard) -> impl IntoView {
    let b = use_texts().admin;
    let (now, before) = (figures.current, figures.previous);
    let csv_href = format!(
        "data:text/csv;charset=utf-8,{}",
        encode_component(&figures.csv)
    );
    let csv_name = format!("jishi-{}-{}.csv", figures.from, figures.to);
    let relative = |now: i64, before: i64| {
        change_percent(now, before).map(|c| format!("{}{c}%", if c > 0 { "+" } else { "" }))
    };
    let no_sales = (now.paid_orders == 0).then(|| view! { <p class="empty">{b.no_sales}</p> });
    view! {
        <RangeForm from=figures.from.clone() to=figures.to.clone()/>
        <dl class="figures">
            <Figure label=b.gmv now=now.gmv.to_string() before=before.gmv.to_string()
                change=relative(now.gmv.fen(), before.gmv.fen())/>
            <Figure label=b.paid_orders now=now.paid_orders.to_string() before=before.paid_orders.to_string()
                change=relative(now.paid_orders, before.paid_orders)/>
            <Figure label=b.average_order_value now=now.average_order_value.to_string()
                before=before.average_order_value.to_string()
                change=relative(now.average_order_value.fen(), before.average_order_value.fen())/>
            <Figure label=b.conversion now=now.conversion_bp.map_or("–".into(), percent_text)
                before=before.conversion_bp.map_or("–".into(), percent_text)
                change=now.conversion_bp.zip(before.conversion_bp)
                    .map(|(n, p)| fill(b.points_change, signed_points(n - p)))
                note=fill_all(b.conversion_detail, &[&now.ordering_visits, &now.visits])/>
            <div class="figure">
                <dt>{b.low_stock_skus}</dt>
                <dd><strong><a href=link_to("/admin/stock?low=1")>{figures.low_stock_skus}</a></strong></dd>
            </div>
            <div class="figure">
                <dt>{b.after_sale_waiting}</dt>
                <dd><strong><a href=link_to("/admin/orders?tab=after-sale")>{figures.after_sale_waiting}</a></strong></dd>
            </div>
        </dl>
        {no_sales}
        <section class="panel">
            <h2>{b.orders_per_day}</h2>
            <figure class="chart" role="img" aria-label=b.orders_per_day inner_html=figures.orders_chart></figure>
        </section>
        <section class="panel">
            <h2>{b.gmv_per_day}</h2>
            <figure class="chart" role="img" aria-label=b.gmv_per_day inner_html=figures.gmv_chart></figure>
        </section>
        <section class="panel">
            <details>
                <summary>{format!("{} · {} · {} · {}", b.day, b.orders_count, b.gmv, b.visits)}</summary>
                <div class="table-scroll">
                    <table class="admin-table">
                        <thead><tr>
                            <th scope="col">{b.day}</th>
                            <th scope="col">{b.orders_count}</th>
                            <th scope="col">{b.gmv}</th>
                            <th scope="col">{b.visits}</th>
                            <th scope="col">{b.ordering_visits}</th>
                        </tr></thead>
                        <tbody>
                            {figures.days.into_iter().map(|d| view! {
                                <tr>
                                    <th scope="row">{d.day}</th>
                                    <td>{d.orders}</td>
                                    <td>{d.gmv.to_string()}</td>
                                    <td>{d.visits}</td>
                                    <td>{d.ordering_visits}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
            <p><a class="button" href=csv_href download=csv_name>{b.download_csv}</a></p>
        </section>
        <section class="panel">
            <h2>{b.top_products}</h2>
            <div class="table-scroll">
                <table class="admin-table">
                    <thead><tr>
                        <th scope="col">{b.product}</th>
                        <th scope="col">{b.units_sold}</th>
                        <th scope="col">{b.revenue}</th>
                    </tr></thead>
                    <tbody>
                        {figures.top_products.into_iter().map(|p| view! {
                            <tr>
                                <th scope="row"><a href=link_to(&format!("/p/{}", p.slug))>{p.name}</a></th>
                                <td>{p.units}</td>
                                <td>{p.revenue.to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
