use super::listing::ListingBody;
use crate::api::catalog::get_listing;
use crate::components::error_notice::ErrorNotice;
use crate::contexts::locale::link_to;
use crate::contexts::locale::{use_locale, use_texts};
use crate::error::AppError;
use crate::i18n::fill;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;

#[component]
pub fn SearchPage() -> impl IntoView {
    let locale = use_locale();
    let t = use_texts();
    let location = use_location();
    let listing = Resource::new(
        move || location.search.get(),
        move |query| get_listing(String::new(), query, locale),
    );
    view! {
        <Meta name="robots" content="noindex, follow"/>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match listing.await {
                    Ok(page) => {
                        let heading = if page.query.q.is_empty() {
                            t.search_title.to_string()
                        } else {
                            fill(t.search_results_for, &page.query.q)
                        };
                        view! {
                            <Title text=heading.clone()/>
                            <Meta name="description" content=format!("{heading} | {}", t.tagline)/>
                            <h1>{heading}</h1>
                            <ListingBody page path=link_to("/search")/>
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
