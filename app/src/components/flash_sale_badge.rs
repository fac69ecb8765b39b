use super::countdown::Countdown;
use crate::contexts::locale::use_texts;
use crate::domain::promotion::flash_sale::{FlashOffer, FlashState};
use crate::i18n::fill;
use leptos::prelude::*;

/// The product page's 限時秒殺 badge for one SKU's offer: "Flash sale", the flash price beside
/// the SKU's own, and "Ends in" (or "Starts in") with a countdown; units left and the limit
/// per member, or "Sold out". Nothing once the slot has ended.
#[component]
pub fn FlashSaleBadge(offer: FlashOffer, now: Signal<i64>) -> impl IntoView {
    let t = use_texts();
    let p = t.promotion;
    let (starts_at, ends_at) = (offer.starts_at, offer.ends_at);
    let left = offer.left();
    let limit = offer.per_member_limit;
    let sold_percent = offer.sold_percent();
    let (price, regular) = (offer.price.to_string(), offer.regular.to_string());
    let state = move || offer.state(now.get());
    move || {
        let state = state();
        (state != FlashState::Ended).then(|| {
            let timer = if state == FlashState::Upcoming {
                view! { <Countdown label=p.flash_starts_in target=starts_at now/> }
            } else {
                view! { <Countdown label=p.flash_ends_in target=ends_at now/> }
            };
            view! {
                <div class="flash-badge" role="group" aria-label=p.flash_sale
                    class:sold-out=state == FlashState::SoldOut>
                    <p class="flash-head">
                        <strong class="flash-label">{p.flash_sale}</strong>
                        " "
                        {timer}
                    </p>
                    <p class="flash-price">
                        <span class="price">{price.clone()}</span>
                        " "
                        <del class="was-price">{regular.clone()}</del>
                    </p>
                    <p class="flash-meta">
                        {match state {
                            FlashState::SoldOut => p.flash_sold_out.to_string(),
                            FlashState::Upcoming => fill(p.flash_limit, limit),
                            _ => format!(
                                "{} · {} · {}",
                                fill(p.flash_left, left),
                                fill(p.flash_sold_percent, sold_percent),
                                fill(p.flash_limit, limit)
                            ),
                        }}
                    </p>
                </div>
            }
        })
    }
}
