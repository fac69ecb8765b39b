use crate::domain::money::Money;
use leptos::prelude::*;

/// One price, or "¥a – ¥b" when variants differ.
#[component]
pub fn Price(min: Money, max: Money) -> impl IntoView {
    let text = if min == max {
        min.to_string()
    } else {
        format!("{min} – {max}")
    };
    view! { <span class="price">{text}</span> }
}
