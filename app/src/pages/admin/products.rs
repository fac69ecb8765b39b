use crate::api::admin::catalog::admin_products;
use crate::components::admin_error::AdminError;
use crate::components::csv_export_button::CsvExportButton;
use crate::components::product_table::ProductTable;
use crate::contexts::locale::{link_to, use_texts};
use crate::contexts::page_query::use_page_query;
use crate::domain::catalog::back_office::ADMIN_PAGE;
use leptos::prelude::*;
use leptos_meta::Title;

/// Products in every status, newest first, with price range, stock and SKU count; each opens
/// in the editor, and "New product" starts one.
#[component]
pub fn AdminProductsPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let page = use_page_query();
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
                            <ProductTable products=list editor="/admin/products"/>
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
