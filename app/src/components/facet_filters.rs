use crate::contexts::locale::use_texts;
use crate::domain::catalog::Facet;
use crate::domain::listing::ListingQuery;
use leptos::prelude::*;

/// Price range, in-stock and option filters as one GET form. Ticking a box applies at once;
/// the Apply button does the same without JavaScript.
#[component]
pub fn FacetFilters(query: ListingQuery, facets: Vec<Facet>, path: String) -> AnyView {
    let t = use_texts();
    let clear_href = query.without_filters().href(&path);
    // Closed until used, so on a phone the products come first; open while filters apply.
    let has_filters = query.has_filters();
    view! {
        <details class="filters" open=has_filters>
            <summary>{t.filters}</summary>
            <form method="get" action=path>
                {(!query.q.is_empty()).then(|| view! { <input type="hidden" name="q" value=query.q.clone()/> })}
                <input type="hidden" name="sort" value=query.sort.key()/>
                <fieldset class="price-range">
                    <legend>{t.price}</legend>
                    <input
                        type="text"
                        inputmode="decimal"
                        name="min"
                        aria-label=t.min_price
                        placeholder="0"
                        value=query.min_price.map(|m| m.to_input_string()).unwrap_or_default()
                    />
                    <span aria-hidden="true">"–"</span>
                    <input
                        type="text"
                        inputmode="decimal"
                        name="max"
                        aria-label=t.max_price
                        placeholder="∞"
                        value=query.max_price.map(|m| m.to_input_string()).unwrap_or_default()
                    />
                </fieldset>
                <label class="check">
                    <input type="checkbox" name="in_stock" value="1" checked=query.in_stock data-autosubmit=""/>
                    {t.in_stock_only}
                </label>
                {facets
                    .into_iter()
                    .map(|facet| {
                        let axis = facet.axis_key.clone();
                        view! {
                            <fieldset class="facet">
                                <legend>{facet.axis_name}</legend>
                                {facet
                                    .values
                                    .into_iter()
                                    .map(|value| {
                                        let checked = query.has_option(&axis, &value.key);
                                        view! {
                                            <label class="check">
                                                <input
                                                    type="checkbox"
                                                    name="opt"
                                                    value=format!("{}:{}", axis, value.key)
                                                    checked=checked
                                                    data-autosubmit=""
                                                />
                                                {value.name}
                                                <span class="count">{format!("({})", value.count)}</span>
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                        }
                    })
                    .collect_view()}
                <div class="filter-actions">
                    <button type="submit">{t.apply}</button>
                    {has_filters.then(|| view! { <a href=clear_href>{t.clear_filters}</a> })}
                </div>
            </form>
        </details>
    }
    .into_any()
}
