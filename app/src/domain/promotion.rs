//! Promotions as the pricing engine sees them: what each offer takes off, on which goods, for
//! whom and when. Operators create them; `pricing::quote` stacks them in the order of a
//! [`StackingOrder`] and explains every step.
//!
//! Amounts are integer fen; rates are basis points (1 bp = 0.01 %, so 500 bp = 5 % off);
//! times are Unix seconds (UTC).

pub mod flash_sale;
pub mod form;
pub mod member_day;
pub mod member_price;
pub mod report;
pub mod reward;
pub mod segment;

pub use reward::{is_birthday, tiers_reached, Reward};

use crate::domain::account::MemberTier;
use crate::domain::money::Money;
use serde::{Deserialize, Serialize};

/// One stage of the stacking order. Shipping always comes after them all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// The member's level discount (or a member price per SKU) and the member day's extra.
    MemberPrice,
    /// 限時秒殺: a flash price per SKU for the member's allowed quantity.
    FlashSale,
    /// 滿減: spend a threshold within a scope, get an amount off (the best tier).
    FullReduction,
    /// One goods coupon per order.
    Coupon,
    /// Points redeemed as money.
    Points,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::MemberPrice,
        Stage::FlashSale,
        Stage::FullReduction,
        Stage::Coupon,
        Stage::Points,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::MemberPrice => "member_price",
            Stage::FlashSale => "flash_sale",
            Stage::FullReduction => "full_reduction",
            Stage::Coupon => "coupon",
            Stage::Points => "points",
        }
    }

    pub fn parse(value: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == value.trim())
    }
}

/// The order in which the stages run: each stage sees the goods total the earlier ones left.
/// A setting operators may change (stored as "member_price,flash_sale,…"), always holding every
/// stage exactly once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StackingOrder(Vec<Stage>);

impl Default for StackingOrder {
    /// member price → flash sale → 滿減 → coupon → points, the order shoppers in this market
    /// expect.
    fn default() -> Self {
        StackingOrder(Stage::ALL.to_vec())
    }
}

impl StackingOrder {
    /// Reads a comma-separated list of stages; None unless it names each stage once.
    pub fn parse(value: &str) -> Option<StackingOrder> {
        let stages: Vec<Stage> = value.split(',').map(Stage::parse).collect::<Option<_>>()?;
        let complete = stages.len() == Stage::ALL.len()
            && Stage::ALL.iter().all(|stage| stages.contains(stage));
        complete.then_some(StackingOrder(stages))
    }

    pub fn stages(&self) -> &[Stage] {
        &self.0
    }

    /// The same order with the stage at `index` run one step earlier (no change for the first
    /// or past the end).
    pub fn moved_up(&self, index: usize) -> StackingOrder {
        let mut stages = self.0.clone();
        if (1..stages.len()).contains(&index) {
            stages.swap(index - 1, index);
        }
        StackingOrder(stages)
    }
}

impl std::fmt::Display for StackingOrder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.0.iter().map(|s| s.as_str()).collect();
        f.write_str(&names.join(","))
    }
}

/// What a line is, for deciding whether an offer covers it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineFacts {
    pub product_id: i64,
    /// The product's category and the categories above it: a scope naming a parent category
    /// covers its children's goods.
    pub category_path: [Option<i64>; 3],
    /// The supplier selling it; None for the shop's own goods.
    pub supplier_id: Option<i64>,
}

/// Which goods an offer covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    All,
    Categories(Vec<i64>),
    Products(Vec<i64>),
    /// One supplier's goods.
    Supplier(i64),
}

impl Scope {
    pub fn covers(&self, line: &LineFacts) -> bool {
        match self {
            Scope::All => true,
            Scope::Categories(ids) => line
                .category_path
                .iter()
                .flatten()
                .any(|category| ids.contains(category)),
            Scope::Products(ids) => ids.contains(&line.product_id),
            Scope::Supplier(id) => line.supplier_id == Some(*id),
        }
    }
}

impl Scope {
    /// The scope as stored: a kind ("all", "categories", "products", "supplier") and its ids,
    /// comma-separated.
    pub fn to_columns(&self) -> (&'static str, String) {
        let join = |ids: &[i64]| {
            ids.iter()
                .map(|id| id.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        match self {
            Scope::All => ("all", String::new()),
            Scope::Categories(ids) => ("categories", join(ids)),
            Scope::Products(ids) => ("products", join(ids)),
            Scope::Supplier(id) => ("supplier", id.to_string()),
        }
    }

    /// Reads a stored scope; None when the kind is unknown or an id is not a number (a scope
    /// that cannot be read covers nothing rather than everything).
    pub fn from_columns(kind: &str, ids: &str) -> Option<Scope> {
        let ids: Vec<i64> = ids
            .split(',')
            .filter(|id| !id.trim().is_empty())
            .map(|id| id.trim().parse().ok())
            .collect::<Option<_>>()?;
        match kind {
            "all" => Some(Scope::All),
            "categories" => Some(Scope::Categories(ids)),
            "products" => Some(Scope::Products(ids)),
            "supplier" => ids.first().map(|id| Scope::Supplier(*id)),
            _ => None,
        }
    }
}

/// A tier of a 滿減: spend at least `threshold` (fen) within the scope, get `off` (fen) off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub threshold: Money,
    pub off: Money,
}

/// 滿減 full reduction: the best tier reached applies, once per order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FullReduction {
    pub promotion_id: i64,
    pub scope: Scope,
    /// Any order; the best tier reached applies.
    pub tiers: Vec<Tier>,
    /// Whether flash-sale lines count towards the threshold and share the reduction.
    pub include_flash: bool,
}

impl FullReduction {
    /// The tier with the largest reduction whose threshold `spend` reaches.
    pub fn best_tier(&self, spend: Money) -> Option<Tier> {
        self.tiers
            .iter()
            .filter(|tier| spend >= tier.threshold)
            .max_by_key(|tier| (tier.off, std::cmp::Reverse(tier.threshold)))
            .copied()
    }

    /// The next tier above `spend` that saves more than the best one reached: how much more to
    /// spend, and the reduction it brings ("Spend ¥N more to save ¥M").
    pub fn next_tier(&self, spend: Money) -> Option<NextTier> {
        let reached = self.best_tier(spend).map_or(Money::ZERO, |t| t.off);
        self.tiers
            .iter()
            .filter(|tier| tier.threshold > spend && tier.off > reached)
            .min_by_key(|tier| tier.threshold)
            .map(|tier| NextTier {
                promotion_id: self.promotion_id,
                spend_more: Money::from_fen(tier.threshold.fen() - spend.fen()),
                save: tier.off,
            })
    }
}

/// A hint shown in the cart: spending `spend_more` more on covered goods saves `save` in all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextTier {
    pub promotion_id: i64,
    pub spend_more: Money,
    pub save: Money,
}

/// What a coupon gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CouponKind {
    /// A fixed amount off the covered goods (with `min_spend`, a 滿 ¥X 減 ¥Y threshold coupon).
    AmountOff { off: Money },
    /// A share of the covered goods off, in basis points, never more than `cap`.
    PercentOff { rate_bp: i64, cap: Money },
    /// Standard or express shipping for nothing; used beside a goods coupon.
    FreeShipping,
}

impl CouponKind {
    pub fn is_shipping(self) -> bool {
        matches!(self, CouponKind::FreeShipping)
    }
}

impl CouponKind {
    /// The kind as stored: its name and (off, rate_bp, cap) columns.
    pub fn to_columns(self) -> (&'static str, Money, i64, Money) {
        match self {
            CouponKind::AmountOff { off } => ("amount_off", off, 0, Money::ZERO),
            CouponKind::PercentOff { rate_bp, cap } => ("percent_off", Money::ZERO, rate_bp, cap),
            CouponKind::FreeShipping => ("free_shipping", Money::ZERO, 0, Money::ZERO),
        }
    }

    pub fn from_columns(kind: &str, off: Money, rate_bp: i64, cap: Money) -> Option<CouponKind> {
        match kind {
            "amount_off" => Some(CouponKind::AmountOff { off }),
            "percent_off" => Some(CouponKind::PercentOff { rate_bp, cap }),
            "free_shipping" => Some(CouponKind::FreeShipping),
            _ => None,
        }
    }
}

/// Where a member's copy stands, for the member center's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CopyStatus {
    Usable,
    Used,
    Expired,
}

/// A coupon as a shopper sees it: in the coupon centre (`member_coupon_id` None until claimed)
/// or among their own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponView {
    pub coupon_id: i64,
    pub member_coupon_id: Option<i64>,
    pub kind: CouponKind,
    pub min_spend: Money,
    pub scope: Scope,
    pub min_tier: MemberTier,
    /// The copy's window, or (for an unclaimed coupon) the fixed window or the days it lasts.
    pub valid_from: Option<i64>,
    pub valid_until: Option<i64>,
    pub valid_days: Option<i64>,
    pub status: CopyStatus,
    /// Coupon centre only: copies left to claim, and whether this member may claim one more.
    pub left: i64,
    pub can_claim: bool,
    /// What a scope other than all goods names (categories, products or the supplier), in the
    /// page's language.
    #[serde(default)]
    pub scope_names: Vec<String>,
}

/// The terms of a coupon, the same for every copy members hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponTerms {
    pub kind: CouponKind,
    /// The covered goods must come to at least this (fen) after the earlier stages.
    pub min_spend: Money,
    pub scope: Scope,
    pub include_flash: bool,
    /// The lowest member level that may use it.
    pub min_tier: MemberTier,
}

/// A copy of a coupon a member holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldCoupon {
    /// The member's copy (`member_coupons.id`).
    pub id: i64,
    pub coupon_id: i64,
    pub terms: CouponTerms,
    /// Usable from this second…
    pub valid_from: i64,
    /// …until before this one.
    pub valid_until: i64,
    pub used: bool,
}

/// Why a coupon does not apply to this order, translated where it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CouponRefusal {
    NotStarted,
    Expired,
    Used,
    /// The member's level is below the coupon's.
    LevelTooLow {
        needed: MemberTier,
    },
    /// None of the goods in the order are covered.
    OutOfScope,
    /// The covered goods come to `short` (fen) less than the coupon needs.
    BelowMinimum {
        short: Money,
    },
    /// Not the member's coupon, or no such coupon.
    NotFound,
    /// All of those coupons were claimed.
    SoldOut,
    /// The member already holds as many as each member may.
    LimitReached,
}

impl HeldCoupon {
    /// Whether the coupon may be used at `now` by a member of `tier`, before looking at the
    /// goods.
    pub fn usable(&self, now: i64, tier: MemberTier) -> Result<(), CouponRefusal> {
        if self.used {
            Err(CouponRefusal::Used)
        } else if now < self.valid_from {
            Err(CouponRefusal::NotStarted)
        } else if now >= self.valid_until {
            Err(CouponRefusal::Expired)
        } else if tier < self.terms.min_tier {
            Err(CouponRefusal::LevelTooLow {
                needed: self.terms.min_tier,
            })
        } else {
            Ok(())
        }
    }

    /// The discount (fen) on covered goods worth `base` after the earlier stages; a refusal
    /// when they come to less than the coupon's minimum or nothing is covered. Free-shipping
    /// coupons answer 0: they take off the fee, not goods.
    pub fn goods_discount(&self, base: Money) -> Result<Money, CouponRefusal> {
        if base <= Money::ZERO {
            return Err(CouponRefusal::OutOfScope);
        }
        if base < self.terms.min_spend {
            return Err(CouponRefusal::BelowMinimum {
                short: Money::from_fen(self.terms.min_spend.fen() - base.fen()),
            });
        }
        Ok(match self.terms.kind {
            CouponKind::AmountOff { off } => off.min(base),
            CouponKind::PercentOff { rate_bp, cap } => share_bp(base, rate_bp).min(cap).min(base),
            CouponKind::FreeShipping => Money::ZERO,
        })
    }
}

/// How long a coupon lasts once claimed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Validity {
    /// Between two fixed times (Unix seconds, the end excluded).
    Window { from: i64, until: i64 },
    /// For this many days from the moment it is claimed.
    DaysAfterClaim(i64),
}

impl Validity {
    /// The (from, until) of a copy claimed at `now`.
    pub fn for_claim_at(self, now: i64) -> (i64, i64) {
        match self {
            Validity::Window { from, until } => (from, until),
            Validity::DaysAfterClaim(days) => (now, now + days * 86_400),
        }
    }
}

/// A flash price for one SKU and how many units this member may still buy at it (the lesser
/// of the slot's flash stock left and the member's remaining limit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlashPrice {
    pub slot_id: i64,
    pub sku_id: i64,
    pub price: Money,
    pub quantity: i64,
}

/// The member's prices: a level discount on every line, or a member price for some SKUs, and
/// the member day's extra discount while it runs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPricing {
    pub tier: Option<MemberTier>,
    /// The level's discount in basis points (500 = 5 % off).
    pub rate_bp: i64,
    /// Member prices per SKU (fen per unit); they replace the rate on those SKUs.
    pub sku_prices: Vec<(i64, Money)>,
    /// 會員日: the extra discount (basis points) running today, if any.
    pub member_day_bp: i64,
}

/// Points the shopper chose to redeem and the shop's rules for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsRedemption {
    /// Points offered (at most the balance; the quote uses no more than it needs).
    pub points: i64,
    /// How many points make ¥1 (100 by default).
    pub points_per_yuan: i64,
    /// The most of the goods total points may pay, in basis points (5,000 = half).
    pub cap_bp: i64,
}

impl Default for PointsRedemption {
    fn default() -> Self {
        PointsRedemption {
            points: 0,
            points_per_yuan: 100,
            cap_bp: 5_000,
        }
    }
}

impl PointsRedemption {
    /// What redeeming takes off a goods total of `goods` (fen), and the points it uses: never
    /// more than the cap allows, and no more points than that amount is worth (rounded up to
    /// the point).
    pub fn apply(&self, goods: Money) -> (Money, i64) {
        if self.points <= 0 || self.points_per_yuan <= 0 || goods <= Money::ZERO {
            return (Money::ZERO, 0);
        }
        let cap = goods.fen() * self.cap_bp.clamp(0, 10_000) / 10_000;
        let worth = self.points * 100 / self.points_per_yuan;
        let off = worth.min(cap);
        let used = (off * self.points_per_yuan + 99) / 100;
        (Money::from_fen(off), used.min(self.points))
    }
}

/// `rate_bp` basis points of `amount`, rounded half up to the fen.
pub fn share_bp(amount: Money, rate_bp: i64) -> Money {
    Money::from_fen((amount.fen() * rate_bp + 5_000).div_euclid(10_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yuan(y: i64) -> Money {
        Money::from_yuan(y)
    }

    #[test]
    fn a_stage_moves_up_one_step_at_a_time() {
        let order = StackingOrder::default();
        assert_eq!(
            order.moved_up(3).to_string(),
            "member_price,flash_sale,coupon,full_reduction,points"
        );
        assert_eq!(order.moved_up(0), order, "the first stays first");
        assert_eq!(order.moved_up(9), order);
        let moved = order.moved_up(4).moved_up(3);
        assert_eq!(StackingOrder::parse(&moved.to_string()), Some(moved));
    }

    #[test]
    fn stacking_orders_hold_every_stage_once() {
        let default = StackingOrder::default();
        assert_eq!(
            default.to_string(),
            "member_price,flash_sale,full_reduction,coupon,points"
        );
        assert_eq!(StackingOrder::parse(&default.to_string()), Some(default));
        let swapped = "member_price,flash_sale,coupon,full_reduction,points";
        assert_eq!(
            StackingOrder::parse(swapped).unwrap().stages()[2],
            Stage::Coupon
        );
        assert_eq!(StackingOrder::parse("coupon,coupon"), None);
        assert_eq!(
            StackingOrder::parse("member_price,flash_sale,full_reduction,coupon"),
            None
        );
        assert_eq!(
            StackingOrder::parse("member_price,flash_sale,full_reduction,coupon,points,points"),
            None
        );
    }

    #[test]
    fn scopes_cover_their_goods_and_parent_categories_cover_children() {
        let line = LineFacts {
            product_id: 7,
            category_path: [Some(3), Some(1), None],
            supplier_id: Some(9),
        };
        assert!(Scope::All.covers(&line));
        assert!(Scope::Categories(vec![1]).covers(&line));
        assert!(Scope::Categories(vec![3]).covers(&line));
        assert!(!Scope::Categories(vec![2]).covers(&line));
        assert!(Scope::Products(vec![7]).covers(&line));
        assert!(!Scope::Products(vec![8]).covers(&line));
        assert!(Scope::Supplier(9).covers(&line));
        assert!(!Scope::Supplier(8).covers(&LineFacts::default()));
    }

    #[test]
    fn the_best_tier_applies_and_the_next_one_is_named() {
        let offer = FullReduction {
            promotion_id: 1,
            scope: Scope::All,
            tiers: vec![
                Tier {
                    threshold: yuan(399),
                    off: yuan(50),
                },
                Tier {
                    threshold: yuan(199),
                    off: yuan(20),
                },
            ],
            include_flash: false,
        };
        assert_eq!(offer.best_tier(Money::from_fen(19_899)), None);
        assert_eq!(offer.best_tier(yuan(199)).unwrap().off, yuan(20));
        assert_eq!(offer.best_tier(yuan(500)).unwrap().off, yuan(50));
        assert_eq!(
            offer.next_tier(yuan(150)),
            Some(NextTier {
                promotion_id: 1,
                spend_more: yuan(49),
                save: yuan(20)
            })
        );
        assert_eq!(offer.next_tier(yuan(200)).unwrap().spend_more, yuan(199));
        assert_eq!(offer.next_tier(yuan(400)), None);
    }

    fn held(kind: CouponKind, min_spend: i64) -> HeldCoupon {
        HeldCoupon {
            id: 1,
            coupon_id: 1,
            terms: CouponTerms {
                kind,
                min_spend: yuan(min_spend),
                scope: Scope::All,
                include_flash: false,
                min_tier: MemberTier::Silver,
            },
            valid_from: 1_000,
            valid_until: 2_000,
            used: false,
        }
    }

    #[test]
    fn coupons_apply_only_inside_their_window_level_and_minimum() {
        let coupon = held(CouponKind::AmountOff { off: yuan(20) }, 200);
        assert_eq!(coupon.usable(1_000, MemberTier::Silver), Ok(()));
        assert_eq!(
            coupon.usable(999, MemberTier::Gold),
            Err(CouponRefusal::NotStarted)
        );
        assert_eq!(
            coupon.usable(2_000, MemberTier::Gold),
            Err(CouponRefusal::Expired)
        );
        assert_eq!(
            coupon.usable(1_500, MemberTier::Bronze),
            Err(CouponRefusal::LevelTooLow {
                needed: MemberTier::Silver
            })
        );
        let used = HeldCoupon {
            used: true,
            ..coupon.clone()
        };
        assert_eq!(
            used.usable(1_500, MemberTier::Gold),
            Err(CouponRefusal::Used)
        );
        assert_eq!(coupon.goods_discount(yuan(200)), Ok(yuan(20)));
        assert_eq!(
            coupon.goods_discount(Money::from_fen(19_950)),
            Err(CouponRefusal::BelowMinimum {
                short: Money::from_fen(50)
            })
        );
        assert_eq!(
            coupon.goods_discount(Money::ZERO),
            Err(CouponRefusal::OutOfScope)
        );
    }

    #[test]
    fn percent_coupons_round_half_up_and_stop_at_their_cap() {
        let coupon = held(
            CouponKind::PercentOff {
                rate_bp: 1_000,
                cap: yuan(30),
            },
            0,
        );
        assert_eq!(
            coupon.goods_discount(Money::from_fen(12_345)),
            Ok(Money::from_fen(1_235))
        );
        assert_eq!(coupon.goods_discount(yuan(1_000)), Ok(yuan(30)));
        assert_eq!(share_bp(Money::from_fen(11_980), 500), Money::from_fen(599));
    }

    #[test]
    fn points_pay_up_to_their_cap_and_use_no_more_than_needed() {
        let points = PointsRedemption {
            points: 1_500,
            ..PointsRedemption::default()
        };
        assert_eq!(points.apply(yuan(100)), (yuan(15), 1_500));
        // Half of ¥20 is ¥10: only 1,000 points are used.
        assert_eq!(points.apply(yuan(20)), (yuan(10), 1_000));
        // 3 points make ¥0.01 at 300 points a yuan: 1,500 points are worth ¥5.
        let dear = PointsRedemption {
            points: 1_501,
            points_per_yuan: 300,
            cap_bp: 10_000,
        };
        assert_eq!(dear.apply(yuan(100)), (yuan(5), 1_500));
        assert_eq!(
            PointsRedemption::default().apply(yuan(100)),
            (Money::ZERO, 0)
        );
    }

    #[test]
    fn claimed_coupons_last_their_window_or_their_days() {
        assert_eq!(
            Validity::DaysAfterClaim(7).for_claim_at(100),
            (100, 604_900)
        );
        assert_eq!(
            Validity::Window { from: 5, until: 9 }.for_claim_at(100),
            (5, 9)
        );
    }
}
