use crate::contexts::locale::{link_to, use_texts};
use leptos::prelude::*;

/// The dashboard's range of days: "From" and "To" dates, sent to `action` as `from` and `to`.
#[component]
pub fn RangeForm(from: String, to: String, action: &'static str) -> impl IntoView {
    let b = use_texts().admin;
    view! {
        <form method="get" action=link_to(action) class="admin-filters">
            <label>
                <span>{b.range_from}</span>
                <input type="date" name="from" value=from/>
            </label>
            <label>
                <span>{b.range_to}</span>
                <input type="date" name="to" value=to/>
            </label>
            <button type="submit" class="button">{b.show}</button>
        </form>
    }
}
