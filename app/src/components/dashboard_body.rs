use crate::components::dashboard_figure::DashboardFigure;
use crate::components::range_form::RangeForm;
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::dashboard::{change_percent, percent_text, signed_points, Dashboard};
use crate::domain::listing::encode_component;
use crate::i18n::{fill, fill_all};
use leptos::prelude::*;

/// The figures of a dashboard: headline figures against the previous period, orders and GMV per
/// day as charts (with the same numbers as a table and as CSV), top products, low-stock SKUs and
/// after-sale requests waiting. `console` is where the range form and the links go: `/admin`
/// (with conversion, which counts the whole shop's visits) or `/supplier`.
#[component]
pub fn DashboardBody(figures: Dashboard, console: &'static str) -> impl IntoView {
    let operator = console == "/admin";
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
        <RangeForm from=figures.from.clone() to=figures.to.clone() action=console/>
        <dl class="figures">
            <DashboardFigure label=b.gmv now=now.gmv.to_string() before=before.gmv.to_string()
                change=relative(now.gmv.fen(), before.gmv.fen())/>
            <DashboardFigure label=b.paid_orders now=now.paid_orders.to_string() before=before.paid_orders.to_string()
                change=relative(now.paid_orders, before.paid_orders)/>
            <DashboardFigure label=b.average_order_value now=now.average_order_value.to_string()
                before=before.average_order_value.to_string()
                change=relative(now.average_order_value.fen(), before.average_order_value.fen())/>
            {operator.then(|| view! {
                <DashboardFigure label=b.conversion now=now.conversion_bp.map_or("–".into(), percent_text)
                    before=before.conversion_bp.map_or("–".into(), percent_text)
                    change=now.conversion_bp.zip(before.conversion_bp)
                        .map(|(n, p)| fill(b.points_change, signed_points(n - p)))
                    note=fill_all(b.conversion_detail, &[&now.ordering_visits, &now.visits])/>
            })}
            <div class="figure">
                <dt>{b.low_stock_skus}</dt>
                <dd><strong><a href=link_to(&format!("{console}/stock{}", if operator { "?low=1" } else { "" }))>{figures.low_stock_skus}</a></strong></dd>
            </div>
            <div class="figure">
                <dt>{b.after_sale_waiting}</dt>
                <dd><strong>{if operator {
                    view! { <a href=link_to("/admin/orders?tab=after-sale")>{figures.after_sale_waiting}</a> }.into_any()
                } else {
                    figures.after_sale_waiting.into_any()
                }}</strong></dd>
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
