use super::listing::ListingBody;
use crate::api::catalog::get_listing;
use crate::components::{breadcrumb::Breadcrumb, error_notice::ErrorNotice};
use crate::contexts::locale::link_to;
use crate::contexts::locale::{use_locale, use_texts};
use crate::contexts::site::use_site_url;
use crate::error::AppError;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_location, use_params_map};

#[component]
pub fn CategoryPage() -> impl IntoView {
    let locale = use_locale();
    let t = use_texts();
    let params = use_params_map();
    let location = use_location();
    let site_url = StoredValue::new(use_site_url());
    let listing = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                location.search.get(),
            )
        },
        move |(slug, query)| get_listing(slug, query, locale),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match listing.await {
                    Ok(page) => {
                        let category = page.category.clone().expect("a category listing names its category");
                        let path = locale.href(&format!("/c/{}", category.slug));
                        // Absolute, as search engines (and Lighthouse's SEO audit) require.
                        let canonical = format!("{}{}", site_url.get_value(), page.query.canonical().href(&path));
                        let trail: Vec<_> = category.parent.clone().into_iter().collect();
                        view! {
                            <Title text=category.name.clone()/>
                            <Meta name="description" content=format!("{} | {}", category.name, t.tagline)/>
                            <Link rel="canonical" href=canonical/>
                            <Breadcrumb trail current=category.name.clone()/>
                            <h1>{category.name.clone()}</h1>
                            {(!category.children.is_empty())
                                .then(|| view! {
                                    <ul class="chips-list subcategories">
                                        {category
                                            .children
                                            .iter()
                                            .map(|c| view! { <li><a href=link_to(&format!("/c/{}", c.slug))>{c.name.clone()}</a></li> })
                                            .collect_view()}
                                    </ul>
                                })}
                            <ListingBody page path/>
                        }
                        .into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
