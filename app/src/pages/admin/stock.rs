use crate::api::admin::catalog::admin_stock;
use crate::components::admin_error::AdminError;
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::catalog::back_office::ADMIN_PAGE;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Stock per SKU, least first, with the low-stock ones marked (and a filter for only those).
#[component]
pub fn AdminStockPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let query = use_query_map();
    let low_only = move || query.read().get("low").is_some_and(|v| v == "1");
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(0)
            .max(0)
    };
    let rows = Resource::new(
        move || (low_only(), page()),
        |(low, page)| admin_stock(low, page),
    );
    view! {
        <Title text=b.stock/>
        <h1>{b.stock}</h1>
        <form method="get" action=link_to("/admin/stock") class="admin-filters">
            <label class="check">
                <input type="checkbox" name="low" value="1" checked=low_only/>
                <span>{b.low_stock_only}</span>
            </label>
            <button type="submit" class="button">{b.filter}</button>
        </form>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{b.no_products}</p> }.into_any(),
                    Ok(list) => {
                        let more = (list.len() as i64 >= ADMIN_PAGE).then(|| {
                            let low = if low_only() { "&low=1" } else { "" };
                            view! { <p><a href=link_to(&format!("/admin/stock?page={}{low}", page() + 1))>{t.next}</a></p> }
                        });
                        view! {
                            <div class="table-scroll">
                                <table class="admin-table">
                                    <thead><tr>
                                        <th scope="col">{b.sku}</th>
                                        <th scope="col">{b.product}</th>
                                        <th scope="col">{b.options}</th>
                                        <th scope="col">{b.stock_total}</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|row| view! {
                                            <tr class:low=row.low>
                                                <th scope="row"><code>{row.sku_code}</code></th>
                                                <td>{row.product_name}</td>
                                                <td>{row.options}</td>
                                                <td>
                                                    {row.stock}
                                                    {row.low.then(|| view! { " " <span class="badge">{b.low_stock_skus}</span> })}
                                                </td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            {more}
                        }
                        .into_any()
                    }
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
