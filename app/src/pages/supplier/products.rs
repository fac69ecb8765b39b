use crate::api::supplier::supplier_products;
use crate::components::admin_error::AdminError;
use crate::components::product_table::ProductTable;
use crate::contexts::locale::{link_to, use_texts};
use crate::contexts::page_query::use_page_query;
use crate::domain::catalog::back_office::ADMIN_PAGE;
use leptos::prelude::*;
use leptos_meta::Title;

/// The supplier's own products in every status, newest first, with price range and stock; each
/// opens in the supplier's editor, and "New product" starts one.
#[component]
pub fn SupplierProductsPage() -> impl IntoView {
    let t = use_texts();
    let s = t.supplier;
    let page = use_page_query();
    let products = Resource::new(page, supplier_products);
    view! {
        <Title text=s.products/>
        <h1>{s.products}</h1>
        <p class="actions"><a class="button primary" href=link_to("/supplier/products/new")>{t.product_review.add_product}</a></p>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match products.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{s.no_products}</p> }.into_any(),
                    Ok(list) => {
                        let more = (list.len() as i64 >= ADMIN_PAGE)
                            .then(|| view! { <p><a href=link_to(&format!("/supplier/products?page={}", page() + 1))>{t.next}</a></p> });
                        view! {
                            <ProductTable products=list editor="/supplier/products"/>
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
