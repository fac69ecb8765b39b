use super::product_card::ProductCard;
use crate::domain::catalog::ProductSummary;
use leptos::prelude::*;

#[component]
pub fn ProductGrid(products: Vec<ProductSummary>, #[prop(optional)] shelf: bool) -> impl IntoView {
    view! {
        <ul class="product-grid" class:shelf=shelf>
            {products.into_iter().map(|product| view! { <ProductCard product/> }).collect_view()}
        </ul>
    }
}
