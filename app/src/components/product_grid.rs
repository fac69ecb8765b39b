use super::product_card::{ImageLoading, ProductCard};
use crate::domain::catalog::ProductSummary;
use leptos::prelude::*;

/// Products as cards. `eager`: how many of the first cards load their image at once (the grid
/// that opens a page, whose first row is in view); the first of those is fetched with high
/// priority, as it is likely the page's largest paint. The rest load lazily as they scroll in.
#[component]
pub fn ProductGrid(
    products: Vec<ProductSummary>,
    #[prop(optional)] shelf: bool,
    #[prop(optional)] eager: usize,
) -> impl IntoView {
    view! {
        <ul class="product-grid" class:shelf=shelf>
            {products
                .into_iter()
                .enumerate()
                .map(|(index, product)| {
                    let loading = if index < eager { ImageLoading::Eager { first: index == 0 } } else { ImageLoading::Lazy };
                    view! { <ProductCard product loading/> }
                })
                .collect_view()}
        </ul>
    }
}
