use crate::api::admin::catalog::admin_products;
use crate::components::admin_error::AdminError;
use crate::components::csv_export_button::CsvExportButton;
use crate::components::price::Price;
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::catalog::back_office::ADMIN_PAGE;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Products in every status, newest first, with price range, stock and SKU count; each opens
/// in the editor, and "New product" starts one.
#[component]
pub fn AdminProductsPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(0)
            .max(0)
    };
    let products = Resource::new(page, admin_products);
    view! {
        <Title text=b.products/>
        <h1>{b.products}</h1>
        <div class="actions">
            <a class="button primary" href=link_to("/admin/products/new")>{b.new_product}</a>
            <a class="button" href=link_to("/admin/products/import")>{b.import_csv}</a>
            <CsvExportButton/>
        </div>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match products.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{b.no_products}</p> }.into_any(),
                    Ok(list) => {
                        let more = (list.len() as i64 >= ADMIN_PAGE)
                            .then(|| view! { <p><a href=link_to(&format!("/admin/products?page={}", page() + 1))>{t.next}</a></p> });
                        view! {
                            <div class="table-scroll">
                                <table class="admin-table">
                                    <thead><tr>
                                        <th scope="col">{b.product}</th>
                                        <th scope="col">{b.categories}</th>
                                        <th scope="col">{b.status}</th>
                                        <th scope="col">{b.price}</th>
                                        <th scope="col">{b.stock_total}</th>
                                        <th scope="col">{b.sku}</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|p| view! {
                                            <tr>
                                                <th scope="row"><a href=link_to(&format!("/admin/products/{}", p.id))>{p.name}</a></th>
                                                <td>{p.category}</td>
                                                <td>{match p.status.as_str() {
                                                    "active" => b.status_active,
                                                    "draft" => b.status_draft,
                                                    "unlisted" => b.status_unlisted,
                                                    _ => b.status_other,
                                                }}</td>
                                                <td><Price min=p.min_price max=p.max_price/></td>
                                                <td>{p.total_stock}</td>
                                                <td>{p.sku_count}</td>
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
