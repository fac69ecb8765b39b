//! What category pages and search results share: toolbar, filters, grid, pagination, empty state.

use crate::components::{
    facet_filters::FacetFilters, pagination::Pagination, product_grid::ProductGrid,
    sort_select::SortSelect,
};
use crate::contexts::locale::use_texts;
use crate::domain::catalog::ListingPage;
use crate::domain::listing::QueryProblem;
use crate::i18n::{fill, Texts};
use leptos::prelude::*;

fn problem_text(t: &'static Texts, problem: &QueryProblem) -> &'static str {
    match problem {
        QueryProblem::BadMinPrice => t.problem_min_price,
        QueryProblem::BadMaxPrice => t.problem_max_price,
        QueryProblem::MinAboveMax => t.problem_min_above_max,
        QueryProblem::BadSort => t.problem_sort,
        QueryProblem::BadPage => t.problem_page,
        QueryProblem::BadOption => t.problem_option,
    }
}

/// The body of a listing below its heading. `path` is the page's own path, for links and forms.
#[component]
pub fn ListingBody(page: ListingPage, path: String) -> AnyView {
    let t = use_texts();
    let ListingPage {
        query,
        problems,
        products,
        total,
        total_capped,
        page_count,
        facets,
        popular,
        ..
    } = page;
    let nothing = products.is_empty();
    let searched = !query.q.is_empty();
    let empty_message = if searched {
        fill(t.no_results, &query.q)
    } else {
        t.empty_category.to_string()
    };
    view! {
        {(!problems.is_empty())
            .then(|| view! {
                <ul class="notice warning" role="status">
                    {problems.iter().map(|p| view! { <li>{problem_text(t, p)}</li> }).collect_view()}
                </ul>
            })}
        <div class="listing">
            <aside class="listing-filters">
                <FacetFilters query=query.clone() facets path=path.clone()/>
            </aside>
            <div class="listing-results">
                <div class="toolbar">
                    <p class="result-count" role="status">{if total_capped {
                        fill(t.product_count_capped, total - 1)
                    } else {
                        fill(t.product_count, total)
                    }}</p>
                    <SortSelect query=query.clone() path=path.clone()/>
                </div>
                {if nothing {
                    view! {
                        <section class="empty-results">
                            <h2>{empty_message}</h2>
                            {searched.then(|| view! { <p>{t.no_results_tips}</p> })}
                            {query.has_filters().then(|| view! { <p><a href=query.without_filters().href(&path)>{t.clear_filters}</a></p> })}
                            <h3>{t.popular_now}</h3>
                            <ProductGrid products=popular/>
                        </section>
                    }
                    .into_any()
                } else {
                    view! {
                        <ProductGrid products eager=4/>
                        <Pagination query page_count path/>
                    }
                    .into_any()
                }}
            </div>
        </div>
    }
    .into_any()
}
