use crate::api::catalog::get_home;
use crate::components::flash_shelf::FlashShelf;
use crate::components::member_day_banner::MemberDayBanner;
use crate::components::{error_notice::ErrorNotice, product_grid::ProductGrid};
use crate::contexts::locale::link_to;
use crate::contexts::locale::{use_locale, use_texts};
use crate::domain::catalog::HomePage as HomeData;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let t = use_texts();
    let home = Resource::new(move || locale, get_home);
    view! {
        <Title text=""/>
        <Meta name="description" content=t.tagline/>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(data) => view! { <HomeView data/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HomeView(data: HomeData) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="hero">
            <h1>{t.site_name}</h1>
            <p>{t.tagline}</p>
        </section>
        {data.member_day.map(|day| view! { <MemberDayBanner day/> })}
        <section aria-labelledby="home-categories">
            <h2 id="home-categories">{t.shop_by_category}</h2>
            <ul class="category-tiles">
                {data
                    .categories
                    .into_iter()
                    .map(|c| view! { <li><a href=link_to(&format!("/c/{}", c.slug))>{c.name}</a></li> })
                    .collect_view()}
            </ul>
        </section>
        // The first shelf's first cards are in view on a phone: their images load at once.
        <Shelf id="home-featured" title=t.featured products=data.featured eager=4/>
        <FlashShelf items=data.flash now=data.now/>
        <Shelf id="home-new" title=t.new_arrivals products=data.new_arrivals/>
        <Shelf id="home-best" title=t.best_sellers products=data.best_sellers/>
    }
}

#[component]
fn Shelf(
    id: &'static str,
    title: &'static str,
    products: Vec<crate::domain::catalog::ProductSummary>,
    #[prop(optional)] eager: usize,
) -> impl IntoView {
    view! {
        <section class="shelf-section" aria-labelledby=id>
            <h2 id=id>{title}</h2>
            <ProductGrid products shelf=true eager/>
        </section>
    }
}
