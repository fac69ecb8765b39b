use crate::api::supplier::supplier_stock;
use crate::components::admin_error::AdminError;
use crate::contexts::locale::{link_to, use_texts};
use crate::contexts::page_query::use_page_query;
use crate::domain::catalog::back_office::ADMIN_PAGE;
use leptos::prelude::*;
use leptos_meta::Title;

/// The supplier's own SKUs, least stock first, low ones marked.
#[component]
pub fn SupplierStockPage() -> impl IntoView {
    let t = use_texts();
    let (s, b) = (t.supplier, t.admin);
    let page = use_page_query();
    let stock = Resource::new(page, supplier_stock);
    view! {
        <Title text=s.stock/>
        <h1>{s.stock}</h1>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match stock.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{s.no_products}</p> }.into_any(),
                    Ok(list) => {
                        let more = (list.len() as i64 >= ADMIN_PAGE)
                            .then(|| view! { <p><a href=link_to(&format!("/supplier/stock?page={}", page() + 1))>{t.next}</a></p> });
                        view! {
                            <div class="table-scroll">
                                <table class="admin-table">
                                    <thead><tr>
                                        <th scope="col">{b.sku}</th>
                                        <th scope="col">{b.product}</th>
                                        <th scope="col">{b.stock_total}</th>
                                        <th scope="col">{b.low_stock_threshold}</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|r| {
                                            let name = if r.options.is_empty() { r.product_name } else { format!("{} · {}", r.product_name, r.options) };
                                            view! {
                                                <tr class:low=r.low>
                                                    <th scope="row">{r.sku_code}</th>
                                                    <td>{name}</td>
                                                    <td>{r.stock}{r.low.then_some(" ⚠")}</td>
                                                    <td>{r.threshold}</td>
                                                </tr>
                                            }
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
