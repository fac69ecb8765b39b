//! Strings of promotions: the steps of a price explanation, coupons (the coupon centre, the
//! cart, checkout and the member center) and why a coupon does not apply.

pub mod en;
pub mod zh_hans;
pub mod zh_hant;

use crate::domain::money::Money;
use crate::domain::pricing::Discount;
use crate::domain::promotion::{CouponKind, CouponRefusal, CouponView};

pub struct PromotionTexts {
    /// `{}`: the level's name, then the rate ("5%").
    pub member_level: &'static str,
    pub member_price: &'static str,
    /// `{}`: the rate.
    pub member_day: &'static str,
    pub flash_sale: &'static str,
    /// 滿減 `{}`: the threshold, then the reduction.
    pub full_reduction: &'static str,
    /// `{}`: the coupon in words.
    pub coupon_step: &'static str,
    /// `{}`: points.
    pub points_step: &'static str,
    pub free_shipping_step: &'static str,
    /// `{}`: the amount.
    pub amount_off: &'static str,
    /// `{}`: the rate, then the cap.
    pub percent_off: &'static str,
    pub free_shipping: &'static str,
    /// `{}`: the minimum spend.
    pub over: &'static str,
    pub no_minimum: &'static str,
    /// `{}`: how much more, then the saving.
    pub spend_more: &'static str,
    pub coupons: &'static str,
    pub coupon_code: &'static str,
    pub apply: &'static str,
    /// `{}`: the coupon in words.
    pub coupon_claimed: &'static str,
    pub best_coupon_note: &'static str,
    pub coupon: &'static str,
    pub no_coupon: &'static str,
    pub shipping_coupon: &'static str,
    /// `{}`: the balance.
    pub use_points: &'static str,
    /// `{}`: points, then their worth.
    pub points_worth: &'static str,
    pub centre_title: &'static str,
    pub centre_intro: &'static str,
    pub claim: &'static str,
    pub claimed: &'static str,
    pub sold_out: &'static str,
    /// `{}`: copies left.
    pub left: &'static str,
    /// `{}`: days.
    pub valid_days: &'static str,
    /// `{}`: the last day.
    pub valid_until: &'static str,
    /// `{}`: the level.
    pub min_level: &'static str,
    pub sign_in_to_claim: &'static str,
    pub no_coupons: &'static str,
    pub usable: &'static str,
    pub used: &'static str,
    pub expired: &'static str,
    pub to_coupon_centre: &'static str,
    pub scope_all: &'static str,
    pub scope_some: &'static str,
    pub membership_level: &'static str,
    /// `{}`: the level.
    pub your_level: &'static str,
    pub level_progress: &'static str,
    pub level_benefits: &'static str,
    pub benefit_discount: &'static str,
    pub benefit_points: &'static str,
    pub benefit_shipping: &'static str,
    pub admin_title: &'static str,
    pub admin_intro: &'static str,
    pub reductions_heading: &'static str,
    pub new_reduction: &'static str,
    pub new_coupon: &'static str,
    pub tiers_label: &'static str,
    pub starts: &'static str,
    pub ends: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub amount: &'static str,
    pub rate: &'static str,
    pub cap: &'static str,
    pub min_spend: &'static str,
    pub min_tier_label: &'static str,
    pub quantity: &'static str,
    pub per_member: &'static str,
    pub valid_days_label: &'static str,
    pub claim_from: &'static str,
    pub claim_until: &'static str,
    pub code_label: &'static str,
    pub create: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub end_now: &'static str,
    pub status: &'static str,
    pub status_scheduled: &'static str,
    pub status_running: &'static str,
    pub status_paused: &'static str,
    pub status_ended: &'static str,
    pub report_orders: &'static str,
    pub report_discount: &'static str,
    pub report_gmv: &'static str,
    pub report_new_members: &'static str,
    pub claimed_of: &'static str,
    pub preview_label: &'static str,
    pub preview_result: &'static str,
    pub created: &'static str,
    pub tiers_invalid: &'static str,
    pub window_invalid: &'static str,
    pub rate_invalid: &'static str,
    pub count_invalid: &'static str,
    pub code_invalid: &'static str,
    pub code_taken: &'static str,
    pub kind_invalid: &'static str,
    pub member_day_title: &'static str,
    pub member_day_banner: &'static str,
    pub issue_label: &'static str,
    pub issue_claimed: &'static str,
    pub issue_welcome: &'static str,
    pub issue_birthday: &'static str,
    pub issue_level_up: &'static str,
    pub flash_ends_in: &'static str,
    pub flash_starts_in: &'static str,
    /// `{}`: units left at the flash price.
    pub flash_left: &'static str,
    /// `{}`: the share sold, in percent.
    pub flash_sold_percent: &'static str,
    pub flash_sold_out: &'static str,
    /// `{}`: units per member.
    pub flash_limit: &'static str,
    pub flash_upcoming: &'static str,
    pub flash_sales_heading: &'static str,
    pub new_flash_sale: &'static str,
    pub flash_items_label: &'static str,
    pub flash_per_member: &'static str,
    /// `{}`: units sold, then the flash stock.
    pub flash_sold_of: &'static str,
    pub flash_items_invalid: &'static str,
    pub flash_sku_unknown: &'static str,
    pub flash_price_not_lower: &'static str,
    pub flash_stock_short: &'static str,
    pub flash_overlap: &'static str,
    pub flash_opens: &'static str,
    pub flash_closes: &'static str,
    pub stacking_heading: &'static str,
    pub stacking_intro: &'static str,
    pub move_up: &'static str,
    pub stage_member_price: &'static str,
    pub stage_full_reduction: &'static str,
    pub stage_points: &'static str,
    pub stacking_invalid: &'static str,
    pub scope_label: &'static str,
    pub scope_categories: &'static str,
    pub scope_products: &'static str,
    pub scope_supplier: &'static str,
    pub scope_keys_label: &'static str,
    pub scope_invalid: &'static str,
    pub scope_unknown: &'static str,
    /// `{}`: the names of the categories, products or supplier.
    pub scope_only: &'static str,
    pub issue_segment: &'static str,
    /// `{}`: the coupon's name.
    pub give_to: &'static str,
    pub give: &'static str,
    /// `{}`: the coupon's name.
    pub give_named: &'static str,
    pub segment_all: &'static str,
    /// `{}`: the level's name.
    pub segment_tier: &'static str,
    /// `{}`: days.
    pub segment_new: &'static str,
    /// `{}`: days.
    pub segment_lapsed: &'static str,
    /// `{}`: copies given, members in the group, members who had theirs, below the level, left out.
    pub given_result: &'static str,
    pub segment_invalid: &'static str,
    pub coupon_not_open: &'static str,
    pub sku_code_unknown: &'static str,
    pub member_price_not_lower: &'static str,
    pub member_prices_heading: &'static str,
    pub member_prices_intro: &'static str,
    pub member_price_sku: &'static str,
    pub member_price_level: &'static str,
    pub member_price_label: &'static str,
    pub member_price_save: &'static str,
    pub new_member_price: &'static str,
    /// `{}`: the level's name, then the price.
    pub member_price_for: &'static str,
    pub include_flash_label: &'static str,
    pub valid_until_label: &'static str,
    pub flash_included: &'static str,
    pub member_price_remove: &'static str,
    /// `{}`: the SKU code and level.
    pub member_price_remove_named: &'static str,
    pub member_prices_none: &'static str,
    // Refusals.
    pub not_started: &'static str,
    pub refused_expired: &'static str,
    pub refused_used: &'static str,
    /// `{}`: the level needed.
    pub level_too_low: &'static str,
    pub out_of_scope: &'static str,
    /// `{}`: how much is missing.
    pub below_minimum: &'static str,
    pub not_found: &'static str,
    pub refused_sold_out: &'static str,
    pub limit_reached: &'static str,
    /// `{}`: the new total.
    pub price_changed: &'static str,
    pub points_short: &'static str,
}

/// A rate in basis points as a percentage: 500 → "5%", 750 → "7.5%".
pub fn percent(rate_bp: i64) -> String {
    if rate_bp % 100 == 0 {
        format!("{}%", rate_bp / 100)
    } else {
        format!("{}%", (rate_bp as f64) / 100.0)
    }
}

/// What a coupon gives, in words: "¥20 off over ¥200".
pub fn coupon_text(t: &PromotionTexts, kind: CouponKind, min_spend: Money) -> String {
    let gives = match kind {
        CouponKind::AmountOff { off } => super::fill(t.amount_off, off),
        CouponKind::PercentOff { rate_bp, cap } => {
            super::fill_all(t.percent_off, &[&percent(rate_bp), &cap])
        }
        CouponKind::FreeShipping => t.free_shipping.to_string(),
    };
    let over = if min_spend > Money::ZERO {
        super::fill(t.over, min_spend)
    } else {
        t.no_minimum.to_string()
    };
    format!("{gives} · {over}")
}

/// A coupon view's terms in words.
pub fn coupon_view_text(t: &PromotionTexts, coupon: &CouponView) -> String {
    coupon_text(t, coupon.kind, coupon.min_spend)
}

/// One step of a price explanation in words.
pub fn discount_text(texts: &super::Texts, discount: &Discount) -> String {
    let t = texts.promotion;
    match discount {
        Discount::MemberLevel { tier, rate_bp } => super::fill_all(
            t.member_level,
            &[
                &super::account::tier_name(texts.accounts, *tier),
                &percent(*rate_bp),
            ],
        ),
        Discount::MemberPrice => t.member_price.to_string(),
        Discount::MemberDay { rate_bp } => super::fill(t.member_day, percent(*rate_bp)),
        Discount::FlashSale => t.flash_sale.to_string(),
        Discount::FullReduction { threshold, off, .. } => {
            super::fill_all(t.full_reduction, &[threshold, off])
        }
        Discount::Coupon {
            kind, min_spend, ..
        } => super::fill(t.coupon_step, coupon_text(t, *kind, *min_spend)),
        Discount::Points { points } => super::fill(t.points_step, points),
        Discount::FreeShipping { .. } => t.free_shipping_step.to_string(),
    }
}

/// Why a coupon does not apply, in words.
pub fn refusal_text(texts: &super::Texts, refusal: CouponRefusal) -> String {
    let t = texts.promotion;
    match refusal {
        CouponRefusal::NotStarted => t.not_started.to_string(),
        CouponRefusal::Expired => t.refused_expired.to_string(),
        CouponRefusal::Used => t.refused_used.to_string(),
        CouponRefusal::LevelTooLow { needed } => super::fill(
            t.level_too_low,
            super::account::tier_name(texts.accounts, needed),
        ),
        CouponRefusal::OutOfScope => t.out_of_scope.to_string(),
        CouponRefusal::BelowMinimum { short } => super::fill(t.below_minimum, short),
        CouponRefusal::NotFound => t.not_found.to_string(),
        CouponRefusal::SoldOut => t.refused_sold_out.to_string(),
        CouponRefusal::LimitReached => t.limit_reached.to_string(),
    }
}

/// A pricing stage's name, for the stacking order.
pub fn stage_name(t: &PromotionTexts, stage: crate::domain::promotion::Stage) -> &'static str {
    use crate::domain::promotion::Stage;
    match stage {
        Stage::MemberPrice => t.stage_member_price,
        Stage::FlashSale => t.flash_sale,
        Stage::FullReduction => t.stage_full_reduction,
        Stage::Coupon => t.coupon,
        Stage::Points => t.stage_points,
    }
}

/// A group of members, as the "Give" select names it.
pub fn segment_name(
    texts: &super::Texts,
    segment: crate::domain::promotion::segment::Segment,
) -> String {
    use crate::domain::promotion::segment::Segment;
    let t = texts.promotion;
    match segment {
        Segment::All => t.segment_all.to_string(),
        Segment::AtLeast(tier) => super::fill(
            t.segment_tier,
            super::account::tier_name(texts.accounts, tier),
        ),
        Segment::JoinedWithin { days } => super::fill(t.segment_new, days),
        Segment::LapsedFor { days } => super::fill(t.segment_lapsed, days),
    }
}

/// What a scope covers, in words: "All goods", or "Only on: Tea · Digital".
pub fn scope_text(
    t: &PromotionTexts,
    scope: &crate::domain::promotion::Scope,
    names: &[String],
) -> String {
    match (scope, names.is_empty()) {
        (crate::domain::promotion::Scope::All, _) => t.scope_all.to_string(),
        (_, true) => t.scope_some.to_string(),
        (_, false) => super::fill(t.scope_only, names.join(" · ")),
    }
}
