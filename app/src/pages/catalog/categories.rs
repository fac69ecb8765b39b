use crate::api::catalog::get_categories;
use crate::components::error_notice::ErrorNotice;
use crate::contexts::locale::link_to;
use crate::contexts::locale::{use_locale, use_texts};
use crate::i18n::fill;
use leptos::prelude::*;
use leptos_meta::Title;

/// Every category and its subcategories (the phone's "Categories" tab).
#[component]
pub fn CategoriesPage() -> impl IntoView {
    let locale = use_locale();
    let t = use_texts();
    let trees = Resource::new(move || locale, get_categories);
    view! {
        <Title text=t.categories/>
        <h1>{t.categories}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match trees.await {
                    Ok(trees) => view! {
                        <div class="category-index">
                            {trees
                                .into_iter()
                                .map(|tree| view! {
                                    <section>
                                        <h2><a href=link_to(&format!("/c/{}", tree.slug))>{tree.name.clone()}</a></h2>
                                        <ul class="chips-list">
                                            <li><a href=link_to(&format!("/c/{}", tree.slug))>{fill(t.all_of, &tree.name)}</a></li>
                                            {tree
                                                .children
                                                .into_iter()
                                                .map(|c| view! { <li><a href=link_to(&format!("/c/{}", c.slug))>{c.name}</a></li> })
                                                .collect_view()}
                                        </ul>
                                    </section>
                                })
                                .collect_view()}
                        </div>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
