use crate::components::price::Price;
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::catalog::back_office::AdminProductRow;
use crate::domain::catalog::product_edit::ProductStatus;
use crate::i18n::product_status_text;
use leptos::prelude::*;

/// Products as a table: name, category, status, price range, units in stock and SKUs. With
/// `editor` (the back office) each name opens the product in the editor at `editor/{id}`.
#[component]
pub fn ProductTable(
    products: Vec<AdminProductRow>,
    #[prop(optional)] editor: Option<&'static str>,
) -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
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
                    {products.into_iter().map(|p| {
                        let name = match editor {
                            Some(base) => view! { <a href=link_to(&format!("{base}/{}", p.id))>{p.name}</a> }.into_any(),
                            None => p.name.into_any(),
                        };
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{p.category}</td>
                                <td>{ProductStatus::parse(&p.status).map_or(b.status_other, |s| product_status_text(t, s))}</td>
                                <td><Price min=p.min_price max=p.max_price/></td>
                                <td>{p.total_stock}</td>
                                <td>{p.sku_count}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
