use crate::contexts::locale::use_texts;
use crate::domain::listing::{ListingQuery, Sort};
use crate::i18n::Texts;
use leptos::prelude::*;

pub fn sort_label(t: &'static Texts, sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => t.sort_relevance,
        Sort::Newest => t.sort_newest,
        Sort::PriceAsc => t.sort_price_asc,
        Sort::PriceDesc => t.sort_price_desc,
        Sort::BestSelling => t.sort_best_selling,
    }
}

/// A GET form that keeps the words and filters and changes only the order (back to page 1).
#[component]
pub fn SortSelect(query: ListingQuery, path: String) -> impl IntoView {
    let t = use_texts();
    let current = query.sort;
    let min = query.min_price.map(|m| m.to_input_string());
    let max = query.max_price.map(|m| m.to_input_string());
    view! {
        <form class="sort-form" method="get" action=path>
            {(!query.q.is_empty()).then(|| view! { <input type="hidden" name="q" value=query.q.clone()/> })}
            {min.map(|v| view! { <input type="hidden" name="min" value=v/> })}
            {max.map(|v| view! { <input type="hidden" name="max" value=v/> })}
            {query.in_stock.then(|| view! { <input type="hidden" name="in_stock" value="1"/> })}
            {query
                .options
                .iter()
                .map(|(a, v)| view! { <input type="hidden" name="opt" value=format!("{a}:{v}")/> })
                .collect_view()}
            <label for="sort">{t.sort_by}</label>
            <select id="sort" name="sort" data-autosubmit="">
                {Sort::ALL
                    .into_iter()
                    .map(|s| view! { <option value=s.key() selected=s == current>{sort_label(t, s)}</option> })
                    .collect_view()}
            </select>
            <button type="submit" class="visually-hidden-focusable">{t.apply}</button>
        </form>
    }
}
