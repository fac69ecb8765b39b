use crate::contexts::locale::use_texts;
use leptos::prelude::*;

/// The goods a promotion covers: "Applies to" (all goods, categories, products or one
/// supplier's goods) and "Which ones", sent as the fields `kind_name` and `keys_name`. The keys
/// field is shown only when the choice needs it.
#[component]
pub fn ScopeFields(kind_name: &'static str, keys_name: &'static str) -> impl IntoView {
    let p = use_texts().promotion;
    let kind = RwSignal::new(String::from("all"));
    view! {
        <label>
            <span>{p.scope_label}</span>
            <select name=kind_name on:change=move |ev| kind.set(event_target_value(&ev))>
                <option value="all">{p.scope_all}</option>
                <option value="categories">{p.scope_categories}</option>
                <option value="products">{p.scope_products}</option>
                <option value="supplier">{p.scope_supplier}</option>
            </select>
        </label>
        <label hidden=move || kind.get() == "all">
            <span>{p.scope_keys_label}</span>
            <input type="text" name=keys_name autocomplete="off" placeholder="tea, DIG-0000137-K"/>
        </label>
    }
}
