use super::countdown::Countdown;
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::promotion::flash_sale::{FlashShelfItem, FlashState};
use crate::i18n::fill;
use leptos::prelude::*;

/// A product on the home page's flash-sale shelf: its flash price beside its own, how much of
/// the flash stock is gone, and the countdown to the end (or, coming up, to the start). The
/// link is named by the product alone, as on every card.
#[component]
pub fn FlashCard(item: FlashShelfItem, now: Signal<i64>) -> impl IntoView {
    let t = use_texts();
    let p = t.promotion;
    let FlashShelfItem { offer, product } = item;
    let href = link_to(&format!("/p/{}", product.slug));
    let (starts_at, ends_at, sold_percent) = (offer.starts_at, offer.ends_at, offer.sold_percent());
    let (price, regular) = (offer.price.to_string(), offer.regular.to_string());
    let state = move || offer.state(now.get());
    view! {
        <li class="card flash-card">
            <a class="card-link" href=href>
                <img src=product.image alt="" width="400" height="400" loading="lazy"/>
                <span class="card-name">{product.name}</span>
            </a>
            <p class="card-price">
                <span class="price">{price}</span>
                " "
                <del class="was-price">{regular}</del>
            </p>
            <p class="card-meta">
                {move || match state() {
                    FlashState::Upcoming => view! {
                        <Countdown label=p.flash_starts_in target=starts_at now/>
                    }.into_any(),
                    FlashState::Running => view! {
                        <span class="flash-progress">{fill(p.flash_sold_percent, sold_percent)}</span>
                        " "
                        <Countdown label=p.flash_ends_in target=ends_at now/>
                    }.into_any(),
                    FlashState::SoldOut | FlashState::Ended => p.flash_sold_out.into_any(),
                }}
            </p>
        </li>
    }
}
