use crate::contexts::locale::use_texts;
use leptos::prelude::*;

/// Which of our carriers has the parcel, and its tracking number (form fields named `carrier`
/// and `tracking_no`). `carriers` ((code, name)) come with the page's data: a page may hold many
/// of these forms, and one resource per form would load the list again for each.
#[component]
pub fn CarrierFields(carriers: Vec<(String, String)>) -> impl IntoView {
    let o = use_texts().orders;
    view! {
        <label>
            <span>{o.carrier}</span>
            <select name="carrier">
                {carriers.into_iter().map(|(code, name)| view! {
                    <option value=code>{name}</option>
                }).collect_view()}
            </select>
        </label>
        <label>
            <span>{o.tracking_no}</span>
            <input type="text" name="tracking_no" required minlength="6" maxlength="30" autocomplete="off"/>
        </label>
    }
}
