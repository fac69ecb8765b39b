use super::product_card::{CardImage, ProductCard};
use crate::domain::catalog::ProductSummary;
use leptos::prelude::*;

/// A grid (or, with `shelf`, a row that scrolls sideways) of product cards. `above_fold` is how
/// many leading cards are in the first screenful where the grid is the page's main content: their
/// images load at once, the first with high priority (it is the largest paint); the rest load
/// lazily as they scroll into view.
#[component]
pub fn ProductGrid(
    products: Vec<ProductSummary>,
    #[prop(optional)] shelf: bool,
    #[prop(optional)] above_fold: usize,
) -> impl IntoView {
    view! {
        <ul class="product-grid" class:shelf=shelf>
            {products
                .into_iter()
                .enumerate()
                .map(|(i, product)| {
                    let image = if i >= above_fold {
                        CardImage::Lazy
                    } else if i == 0 {
                        CardImage::Largest
                    } else {
                        CardImage::Eager
                    };
                    view! { <ProductCard product image/> }
                })
                .collect_view()}
        </ul>
    }
}
