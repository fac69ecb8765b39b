use crate::contexts::locale::use_texts;
use crate::domain::promotion::CouponView;
use crate::domain::time::shop_time;
use crate::i18n::fill;
use crate::i18n::promotion::{coupon_view_text, scope_text};
use leptos::prelude::*;

/// One coupon: what it gives, on what, for whom and how long; `children` holds its action (a
/// "Claim" button in the coupon centre).
#[component]
pub fn CouponCard(
    coupon: CouponView,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let texts = use_texts();
    let p = texts.promotion;
    let scope = scope_text(p, &coupon.scope, &coupon.scope_names);
    let validity = match (coupon.valid_until, coupon.valid_days) {
        (Some(until), _) => fill(p.valid_until, shop_time(until - 60)),
        (None, Some(days)) => fill(p.valid_days, days),
        (None, None) => String::new(),
    };
    let level = (coupon.min_tier != crate::domain::account::MemberTier::Bronze).then(|| {
        fill(
            p.min_level,
            crate::i18n::account::tier_name(texts.accounts, coupon.min_tier),
        )
    });
    view! {
        <li class="coupon-card">
            <p class="coupon-terms"><strong>{coupon_view_text(p, &coupon)}</strong></p>
            <p class="hint">{scope} " · " {validity}</p>
            {level.map(|text| view! { <p class="hint">{text}</p> })}
            {children.map(|children| children())}
        </li>
    }
}
