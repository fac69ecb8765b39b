use super::favourite_button::FavouriteButton;
use super::price::Price;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::domain::catalog::product_images::card_srcset;
use crate::domain::catalog::ProductSummary;
use crate::i18n::fill;
use leptos::prelude::*;

/// How a card's image loads: lazily (below the fold), or at once, the first with high priority.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ImageLoading {
    #[default]
    Lazy,
    Eager {
        first: bool,
    },
}

/// A product in a grid or shelf. The link is named by the product alone (the image is decorative
/// here), so screen readers and tests find it by name.
#[component]
pub fn ProductCard(
    product: ProductSummary,
    #[prop(optional)] loading: ImageLoading,
) -> impl IntoView {
    let t = use_texts();
    let href = link_to(&format!("/p/{}", product.slug));
    let favourite_label = fill(t.accounts.favourite_named, &product.name);
    let srcset = card_srcset(&product.image);
    // The grid's columns (style/main.css): two on a phone, three from 768 px, four from 1024 px
    // within the page's 1200 px.
    let sizes = srcset
        .is_some()
        .then_some("(min-width: 1024px) 300px, (min-width: 768px) 33vw, 50vw");
    view! {
        <li class="card" class:sold-out=!product.in_stock>
            <a class="card-link" href=href>
                <img src=product.image srcset=srcset sizes=sizes alt="" width="400" height="400"
                    loading=if loading == ImageLoading::Lazy { "lazy" } else { "eager" }
                    fetchpriority=(loading == (ImageLoading::Eager { first: true })).then_some("high")/>
                <span class="card-name">{product.name}</span>
            </a>
            <FavouriteButton product_id=product.id label=favourite_label/>
            <p class="card-price"><Price min=product.min_price max=product.max_price/></p>
            <p class="card-meta">
                {if product.in_stock {
                    fill(t.sold_count, product.sales_count)
                } else {
                    t.out_of_stock.to_string()
                }}
            </p>
        </li>
    }
}
