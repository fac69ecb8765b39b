use super::countdown::ticking_now;
use super::flash_card::FlashCard;
use crate::contexts::locale::use_texts;
use crate::domain::promotion::flash_sale::FlashShelfItem;
use leptos::prelude::*;

/// The home page's 限時秒殺 shelf: offers running now, then those starting within a day, each
/// counting down. Nothing when there are none. `now`: when the page's data was read.
#[component]
pub fn FlashShelf(items: Vec<FlashShelfItem>, now: i64) -> impl IntoView {
    let t = use_texts();
    let now = ticking_now(now);
    (!items.is_empty()).then(|| {
        view! {
            <section class="shelf-section flash-shelf" aria-labelledby="home-flash">
                <h2 id="home-flash">{t.promotion.flash_sale}</h2>
                <ul class="product-grid shelf">
                    {items.into_iter().map(|item| view! { <FlashCard item now/> }).collect_view()}
                </ul>
            </section>
        }
    })
}
