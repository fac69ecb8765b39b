use crate::contexts::locale::use_texts;
use crate::domain::listing::ListingQuery;
use crate::i18n::fill;
use leptos::prelude::*;

/// Page links with stable URLs: first, last, and two either side of the current page.
#[component]
pub fn Pagination(query: ListingQuery, page_count: i64, path: String) -> impl IntoView {
    let t = use_texts();
    if page_count <= 1 {
        return ().into_any();
    }
    let current = query.page;
    let mut pages: Vec<i64> = (1..=page_count)
        .filter(|p| *p == 1 || *p == page_count || (p - current).abs() <= 2)
        .collect();
    pages.dedup();
    let mut items = Vec::new();
    let mut last = 0;
    for page in pages {
        if page > last + 1 {
            items.push(view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any());
        }
        let href = query.with_page(page).href(&path);
        let label = fill(t.page_of, page);
        items.push(if page == current {
            view! { <li><a href=href aria-current="page" aria-label=label>{page}</a></li> }
                .into_any()
        } else {
            view! { <li><a href=href aria-label=label>{page}</a></li> }.into_any()
        });
        last = page;
    }
    let prev = (current > 1).then(|| query.with_page(current - 1).href(&path));
    let next = (current < page_count).then(|| query.with_page(current + 1).href(&path));
    view! {
        <nav class="pagination" aria-label=t.pagination>
            <ul>
                {prev.map(|href| view! { <li><a href=href rel="prev">{t.previous}</a></li> })}
                {items}
                {next.map(|href| view! { <li><a href=href rel="next">{t.next}</a></li> })}
            </ul>
        </nav>
    }
    .into_any()
}
