use super::price::Price;
use crate::contexts::locale::use_texts;
use crate::domain::pricing::Quote;
use crate::i18n::promotion::discount_text;
use leptos::prelude::*;

/// How a total was reached: each line, the subtotal, every discount in the order applied,
/// shipping when known, and the total.
#[component]
pub fn PriceExplanation(quote: Quote) -> impl IntoView {
    let texts = use_texts();
    let c = texts.carts;
    view! {
        <section class="panel price-explanation" aria-labelledby="how-total">
            <h2 id="how-total">{c.how_total}</h2>
            <dl>
                {quote.lines.iter().map(|line| view! {
                    <div>
                        <dt>{format!("{} × {}", line.name, line.quantity)}</dt>
                        <dd><Price min=line.total max=line.total/></dd>
                    </div>
                }).collect_view()}
                <div class="sum"><dt>{c.subtotal}</dt><dd><Price min=quote.subtotal max=quote.subtotal/></dd></div>
                {quote.adjustments.iter().map(|a| view! {
                    <div class="discount">
                        <dt>{discount_text(texts, &a.discount)}</dt>
                        <dd>{a.amount.to_string()}</dd>
                    </div>
                }).collect_view()}
                {quote.shipping.map(|(_, fee)| view! {
                    <div><dt>{c.shipping}</dt><dd><Price min=fee max=fee/></dd></div>
                })}
                <div class="total"><dt>{c.total}</dt><dd><Price min=quote.total max=quote.total/></dd></div>
            </dl>
        </section>
    }
}
