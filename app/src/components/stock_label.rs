use crate::contexts::locale::use_texts;
use crate::domain::catalog::StockState;
use crate::i18n::fill;
use leptos::prelude::*;

#[component]
pub fn StockLabel(#[prop(into)] state: Signal<StockState>) -> impl IntoView {
    let t = use_texts();
    let text = move || match state.get() {
        StockState::InStock => t.in_stock.to_string(),
        StockState::Low(n) => fill(t.low_stock, n),
        StockState::OutOfStock => t.out_of_stock.to_string(),
    };
    let class = move || match state.get() {
        StockState::InStock => "stock in",
        StockState::Low(_) => "stock low",
        StockState::OutOfStock => "stock out",
    };
    view! { <p class=class role="status">{text}</p> }
}
