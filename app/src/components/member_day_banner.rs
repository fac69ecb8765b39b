use crate::contexts::locale::use_texts;
use crate::domain::promotion::member_day::MemberDay;
use crate::i18n::account::tier_name;
use crate::i18n::fill_all;
use crate::i18n::promotion::percent;
use leptos::prelude::*;

/// The 會員日 banner, while a member day runs: the extra discount, the points multiplier and
/// the level it is for.
#[component]
pub fn MemberDayBanner(day: MemberDay) -> impl IntoView {
    let t = use_texts();
    let points = format!("×{}", day.points_percent as f64 / 100.0);
    let text = fill_all(
        t.promotion.member_day_banner,
        &[
            &percent(day.rate_bp),
            &points,
            &tier_name(t.accounts, day.min_tier),
        ],
    );
    view! {
        <aside class="member-day-banner" aria-label=t.promotion.member_day_title>
            <strong>{t.promotion.member_day_title}</strong>
            " "
            <span>{text}</span>
        </aside>
    }
}
