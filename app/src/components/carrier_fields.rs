use crate::api::admin::list_carriers;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;

/// Operators: which of our carriers has the parcel, and its tracking number (form fields named
/// `carrier` and `tracking_no`).
#[component]
pub fn CarrierFields() -> impl IntoView {
    let o = use_texts().orders;
    let carriers = Resource::new(|| (), |_| list_carriers());
    view! {
        <label>
            <span>{o.carrier}</span>
            <select name="carrier">
                {move || carriers.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|(code, name)| view! {
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
