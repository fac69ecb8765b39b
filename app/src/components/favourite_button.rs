use crate::contexts::favourites::use_favourites;
use leptos::prelude::*;

/// A heart that favourites a product. `label` is its accessible name ("Favourite" on the product
/// page, "Favourite <name>" on cards); `aria-pressed` says whether it is on.
#[component]
pub fn FavouriteButton(product_id: i64, label: String) -> impl IntoView {
    let favourites = use_favourites();
    let on = move || favourites.contains(product_id);
    view! {
        <button
            type="button"
            class="favourite"
            class:on=on
            aria-label=label
            aria-pressed=move || if on() { "true" } else { "false" }
            on:click=move |_| favourites.toggle(product_id)
        >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path d="M12 21s-7.5-4.6-9.5-9.3C1.1 8.4 3.2 5 6.6 5c2 0 3.4 1.1 4.4 2.5C12 6.1 13.4 5 15.4 5c3.4 0 5.5 3.4 4.1 6.7C19.5 16.4 12 21 12 21z"/>
            </svg>
        </button>
    }
}
