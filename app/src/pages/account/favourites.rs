use crate::api::account::favourites::list_favourites;
use crate::components::error_notice::ErrorNotice;
use crate::components::product_grid::ProductGrid;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn FavouritesPage() -> impl IntoView {
    let t = use_texts();
    let a = t.accounts;
    let favourites = Resource::new(|| (), |_| list_favourites());
    view! {
        <Title text=a.favourites/>
        <h1>{a.favourites}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match favourites.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{a.no_favourites}</p> }.into_any(),
                    Ok(list) => view! {
                        <ProductGrid products=list.into_iter().map(|s| s.product).collect()/>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
