//! Every total the shop shows or charges comes from `quote`: integer fen, no floats, and a
//! line-by-line explanation the page prints ("how this total was reached").
//!
//! Promotions come in as [`Offers`] and run in the stacking order they carry (by default member
//! price → flash sale → 滿減 → coupon → points), each stage seeing the goods left by the stages
//! before it; discounts never take a line below zero. Every order-level discount is split over
//! the lines it covers pro rata (largest remainder, whole fen), so each line knows what was
//! paid for it and a partial refund gives back exactly that. Shipping is charged last, on the
//! discounted goods total; a free-shipping coupon waives it.

pub mod allocation;

use crate::domain::account::MemberTier;
use crate::domain::money::Money;
pub use crate::domain::promotion::Stage;
use crate::domain::promotion::{
    share_bp, CouponKind, CouponRefusal, FlashPrice, FullReduction, HeldCoupon, LineFacts,
    MemberPricing, NextTier, PointsRedemption, StackingOrder,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInput {
    pub sku_id: i64,
    pub name: String,
    /// Fen per unit, before any promotion.
    pub unit_price: Money,
    pub quantity: i64,
    /// What promotions look at to decide whether they cover the line.
    pub facts: LineFacts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricedLine {
    pub sku_id: i64,
    pub name: String,
    pub unit_price: Money,
    pub quantity: i64,
    /// unit_price × quantity, before discounts (fen).
    pub total: Money,
    /// Every discount's share of this line, added up (fen, ≥ 0).
    pub discount: Money,
    /// What this line costs after discounts: total − discount.
    pub paid: Money,
    /// Units bought at a flash price (0 when none).
    pub flash_quantity: i64,
    pub facts: LineFacts,
}

/// What a discount was, for the explanation; the page puts it into words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Discount {
    /// The member level's discount rate (basis points) on lines without a member price.
    MemberLevel { tier: MemberTier, rate_bp: i64 },
    /// Member prices set per SKU.
    MemberPrice,
    /// 會員日: the member day's extra rate (basis points).
    MemberDay { rate_bp: i64 },
    /// 限時秒殺 flash prices.
    FlashSale,
    /// 滿減: the tier reached.
    FullReduction {
        promotion_id: i64,
        threshold: Money,
        off: Money,
    },
    /// A goods coupon (the member's copy).
    Coupon {
        member_coupon_id: i64,
        kind: CouponKind,
        min_spend: Money,
    },
    /// Points redeemed.
    Points { points: i64 },
    /// A free-shipping coupon waived the shipping fee.
    FreeShipping { member_coupon_id: i64 },
}

impl Discount {
    /// The stacking stage the discount belongs to; None for the shipping waiver, which comes
    /// after them all.
    pub fn stage(&self) -> Option<Stage> {
        Some(match self {
            Discount::MemberLevel { .. } | Discount::MemberPrice | Discount::MemberDay { .. } => {
                Stage::MemberPrice
            }
            Discount::FlashSale => Stage::FlashSale,
            Discount::FullReduction { .. } => Stage::FullReduction,
            Discount::Coupon { .. } => Stage::Coupon,
            Discount::Points { .. } => Stage::Points,
            Discount::FreeShipping { .. } => return None,
        })
    }
}

/// One step of the explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjustment {
    pub discount: Discount,
    /// The amount taken off (negative fen).
    pub amount: Money,
    /// Each line's share of it (fen, ≥ 0), in the order of `Quote::lines`; they add up to
    /// −amount. Empty for the shipping waiver.
    pub allocations: Vec<i64>,
}

/// Everything that may lower a shopper's total: the promotions running for them and what they
/// chose (a coupon, points). `Offers::default()` is no promotion at all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offers {
    pub order: StackingOrder,
    /// The moment the quote is for (Unix seconds): coupons are checked against it.
    pub now: i64,
    pub member: MemberPricing,
    pub flash: Vec<FlashPrice>,
    pub reductions: Vec<FullReduction>,
    /// The goods coupon chosen.
    pub coupon: Option<HeldCoupon>,
    /// The free-shipping coupon chosen.
    pub shipping_coupon: Option<HeldCoupon>,
    pub points: Option<PointsRedemption>,
    /// The member level's free standard shipping from this goods total (fen), when lower than
    /// the zone's.
    pub free_shipping_from: Option<Money>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ShippingMethod {
    Standard,
    Express,
}

impl ShippingMethod {
    pub const ALL: [ShippingMethod; 2] = [ShippingMethod::Standard, ShippingMethod::Express];

    pub fn as_str(self) -> &'static str {
        match self {
            ShippingMethod::Standard => "standard",
            ShippingMethod::Express => "express",
        }
    }

    pub fn parse(value: &str) -> Option<ShippingMethod> {
        ShippingMethod::ALL
            .into_iter()
            .find(|m| m.as_str() == value)
    }
}

/// Where a parcel goes, for its fee: most of the mainland, its remote west, or across a border.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShippingZone {
    Mainland,
    Remote,
    Overseas,
}

impl ShippingZone {
    pub fn of_region(region_code: &str) -> ShippingZone {
        match region_code {
            "XZ" | "XJ" | "QH" | "NM" | "NX" | "GS" => ShippingZone::Remote,
            "HK" | "MO" | "TW" => ShippingZone::Overseas,
            _ => ShippingZone::Mainland,
        }
    }
}

/// The fee and, for standard shipping, the goods total from which it is free.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingRate {
    pub fee: Money,
    pub free_from: Option<Money>,
}

pub fn shipping_rate(method: ShippingMethod, zone: ShippingZone) -> ShippingRate {
    use ShippingMethod::*;
    use ShippingZone::*;
    let (fee, free_from) = match (method, zone) {
        (Standard, Mainland) => (800, Some(9_900)),
        (Standard, Remote) => (1_800, Some(19_900)),
        (Standard, Overseas) => (3_000, Some(49_900)),
        (Express, Mainland) => (2_000, None),
        (Express, Remote) => (3_500, None),
        (Express, Overseas) => (6_000, None),
    };
    ShippingRate {
        fee: Money::from_fen(fee),
        free_from: free_from.map(Money::from_fen),
    }
}

impl ShippingRate {
    pub fn fee_for(&self, goods_total: Money) -> Money {
        match self.free_from {
            Some(from) if goods_total.fen() >= from.fen() => Money::from_fen(0),
            _ => self.fee,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub lines: Vec<PricedLine>,
    pub subtotal: Money,
    /// Discounts in the order they were applied.
    pub adjustments: Vec<Adjustment>,
    /// The goods after every discount: the lines' `paid` added up.
    pub goods_total: Money,
    /// The method and the fee charged (after a free-shipping coupon); None until a method and
    /// an address are chosen.
    pub shipping: Option<(ShippingMethod, Money)>,
    pub total: Money,
    /// 滿減 tiers within reach: "Spend ¥N more to save ¥M".
    pub next_tiers: Vec<NextTier>,
    /// Why the chosen goods coupon did not apply, if it did not.
    pub coupon_refusal: Option<CouponRefusal>,
    /// Why the chosen free-shipping coupon did not apply, if it did not.
    pub shipping_coupon_refusal: Option<CouponRefusal>,
    /// Points the redemption uses (0 when none).
    pub points_used: i64,
}

impl Quote {
    /// Everything taken off the goods (fen, ≥ 0), the shipping waiver aside.
    pub fn goods_discount(&self) -> Money {
        Money::from_fen(self.subtotal.fen() - self.goods_total.fen())
    }

    /// The adjustment a coupon made, if one applied.
    pub fn coupon_applied(&self) -> Option<i64> {
        self.adjustments.iter().find_map(|a| match a.discount {
            Discount::Coupon {
                member_coupon_id, ..
            } => Some(member_coupon_id),
            _ => None,
        })
    }

    /// The free-shipping coupon that waived the fee, if one did.
    pub fn shipping_coupon_applied(&self) -> Option<i64> {
        self.adjustments.iter().find_map(|a| match a.discount {
            Discount::FreeShipping { member_coupon_id } => Some(member_coupon_id),
            _ => None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    #[error("quantity must be between 1 and {max}")]
    BadQuantity { sku_id: i64, max: i64 },
    #[error("a price cannot be negative")]
    NegativePrice { sku_id: i64 },
}

/// The most of one SKU a single order may hold.
pub const MAX_QUANTITY: i64 = 99;

/// The quote being built: what is left to pay on each line and the steps so far.
struct Work<'a> {
    lines: &'a [LineInput],
    /// Fen still to pay per line.
    left: Vec<i64>,
    /// Units of each line at a flash price.
    flash: Vec<i64>,
    adjustments: Vec<Adjustment>,
}

impl Work<'_> {
    fn goods(&self) -> i64 {
        self.left.iter().sum()
    }

    /// Takes `per_line` (fen per line, each clamped to what is left) off as one step.
    fn take_per_line(&mut self, discount: Discount, per_line: Vec<i64>) {
        let allocations: Vec<i64> = per_line
            .iter()
            .zip(&self.left)
            .map(|(off, left)| (*off).clamp(0, *left))
            .collect();
        let total: i64 = allocations.iter().sum();
        if total == 0 {
            return;
        }
        for (left, off) in self.left.iter_mut().zip(&allocations) {
            *left -= off;
        }
        self.adjustments.push(Adjustment {
            discount,
            amount: Money::from_fen(-total),
            allocations,
        });
    }

    /// Takes `amount` off the lines in `covered`, split pro rata to what is left on each.
    fn take_shared(&mut self, discount: Discount, amount: i64, covered: &[bool]) {
        let weights: Vec<i64> = self
            .left
            .iter()
            .zip(covered)
            .map(|(left, c)| if *c { *left } else { 0 })
            .collect();
        let amount = amount.clamp(0, weights.iter().sum());
        self.take_per_line(discount, allocation::pro_rata(amount, &weights));
    }

    /// Which lines an offer with this scope covers, flash lines only when it includes them.
    fn covered(&self, scope: &crate::domain::promotion::Scope, include_flash: bool) -> Vec<bool> {
        self.lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                scope.covers(&line.facts)
                    && (include_flash || self.flash[i] == 0)
                    && self.left[i] > 0
            })
            .collect()
    }

    fn sum_covered(&self, covered: &[bool]) -> Money {
        Money::from_fen(
            self.left
                .iter()
                .zip(covered)
                .filter(|(_, c)| **c)
                .map(|(left, _)| left)
                .sum(),
        )
    }
}

/// Prices a cart or an order with the promotions in `offers`. `shipping` is the method and the
/// zone it goes to, when known.
///
/// Errors: a quantity outside 1..=[`MAX_QUANTITY`] or a negative price.
pub fn quote(
    lines: &[LineInput],
    offers: &Offers,
    shipping: Option<(ShippingMethod, ShippingZone)>,
) -> Result<Quote, PricingError> {
    for line in lines {
        if !(1..=MAX_QUANTITY).contains(&line.quantity) {
            return Err(PricingError::BadQuantity {
                sku_id: line.sku_id,
                max: MAX_QUANTITY,
            });
        }
        if line.unit_price.fen() < 0 {
            return Err(PricingError::NegativePrice {
                sku_id: line.sku_id,
            });
        }
    }
    let totals: Vec<i64> = lines
        .iter()
        .map(|l| l.unit_price.fen() * l.quantity)
        .collect();
    // A line is a flash line when its SKU has a flash price below its own and units left at
    // it, whatever the stacking order: member prices and (unless they say so) 滿減 and coupons
    // leave it alone.
    let flash: Vec<i64> = lines
        .iter()
        .map(|line| {
            offers
                .flash
                .iter()
                .find(|f| f.sku_id == line.sku_id && f.price < line.unit_price)
                .map_or(0, |f| f.quantity.clamp(0, line.quantity))
        })
        .collect();
    let mut work = Work {
        lines,
        left: totals.clone(),
        flash,
        adjustments: Vec::new(),
    };
    let mut next_tiers = Vec::new();
    let mut coupon_refusal = None;
    let mut points_used = 0;
    let tier = offers.member.tier.unwrap_or(MemberTier::Bronze);

    for stage in offers.order.stages() {
        match stage {
            Stage::MemberPrice => member_stage(&mut work, &offers.member),
            Stage::FlashSale => {
                let per_line = lines
                    .iter()
                    .zip(&work.flash)
                    .map(|(line, units)| {
                        let price = offers
                            .flash
                            .iter()
                            .find(|f| f.sku_id == line.sku_id)
                            .map_or(line.unit_price, |f| f.price);
                        units * (line.unit_price.fen() - price.fen())
                    })
                    .collect();
                work.take_per_line(Discount::FlashSale, per_line);
            }
            Stage::FullReduction => {
                // A line counts towards one 滿減 at most: the first that reaches a tier with it.
                let mut taken = vec![false; lines.len()];
                for offer in &offers.reductions {
                    let mut covered = work.covered(&offer.scope, offer.include_flash);
                    for (c, t) in covered.iter_mut().zip(&taken) {
                        *c &= !t;
                    }
                    if !covered.contains(&true) {
                        continue;
                    }
                    let spend = work.sum_covered(&covered);
                    next_tiers.extend(offer.next_tier(spend));
                    if let Some(reached) = offer.best_tier(spend) {
                        let discount = Discount::FullReduction {
                            promotion_id: offer.promotion_id,
                            threshold: reached.threshold,
                            off: reached.off,
                        };
                        work.take_shared(discount, reached.off.fen(), &covered);
                        for (t, c) in taken.iter_mut().zip(&covered) {
                            *t |= c;
                        }
                    }
                }
            }
            Stage::Coupon => {
                if let Some(coupon) = &offers.coupon {
                    let applied = coupon_stage(&mut work, coupon, offers.now, tier);
                    coupon_refusal = applied.err();
                }
            }
            Stage::Points => {
                if let Some(points) = &offers.points {
                    let (off, used) = points.apply(Money::from_fen(work.goods()));
                    let everything = vec![true; lines.len()];
                    work.take_shared(Discount::Points { points: used }, off.fen(), &everything);
                    if off > Money::ZERO {
                        points_used = used;
                    }
                }
            }
        }
    }

    let goods_total = Money::from_fen(work.goods());
    let mut shipping_coupon_refusal = None;
    let shipping = shipping.map(|(method, zone)| {
        let mut rate = shipping_rate(method, zone);
        if method == ShippingMethod::Standard {
            if let Some(member_from) = offers.free_shipping_from {
                rate.free_from = Some(rate.free_from.map_or(member_from, |f| f.min(member_from)));
            }
        }
        let fee = rate.fee_for(goods_total);
        let waived = match &offers.shipping_coupon {
            Some(coupon) if fee > Money::ZERO => {
                match shipping_coupon_applies(&work, coupon, offers.now, tier) {
                    Ok(()) => {
                        work.adjustments.push(Adjustment {
                            discount: Discount::FreeShipping {
                                member_coupon_id: coupon.id,
                            },
                            amount: Money::from_fen(-fee.fen()),
                            allocations: Vec::new(),
                        });
                        true
                    }
                    Err(refusal) => {
                        shipping_coupon_refusal = Some(refusal);
                        false
                    }
                }
            }
            _ => false,
        };
        (method, if waived { Money::ZERO } else { fee })
    });
    let total = Money::from_fen(goods_total.fen() + shipping.map_or(0, |(_, fee)| fee.fen()));

    let priced = lines
        .iter()
        .enumerate()
        .map(|(i, line)| PricedLine {
            sku_id: line.sku_id,
            name: line.name.clone(),
            unit_price: line.unit_price,
            quantity: line.quantity,
            total: Money::from_fen(totals[i]),
            discount: Money::from_fen(totals[i] - work.left[i]),
            paid: Money::from_fen(work.left[i]),
            flash_quantity: work.flash[i],
            facts: line.facts,
        })
        .collect();
    Ok(Quote {
        lines: priced,
        subtotal: Money::from_fen(totals.iter().sum()),
        adjustments: work.adjustments,
        goods_total,
        shipping,
        total,
        next_tiers,
        coupon_refusal,
        shipping_coupon_refusal,
        points_used,
    })
}

/// Member prices per SKU, then the level's rate on the other lines, then the member day's
/// extra on all of them; flash lines keep their flash price alone. Each rate is taken per line
/// and rounded half up to the fen.
fn member_stage(work: &mut Work<'_>, member: &MemberPricing) {
    let lines = work.lines;
    let member_price = |line: &LineInput| {
        member
            .sku_prices
            .iter()
            .find(|(sku, price)| *sku == line.sku_id && *price < line.unit_price)
            .map(|(_, price)| *price)
    };
    let per_line = lines
        .iter()
        .zip(&work.flash)
        .map(|(line, flash)| match member_price(line) {
            Some(price) if *flash == 0 => (line.unit_price.fen() - price.fen()) * line.quantity,
            _ => 0,
        })
        .collect();
    work.take_per_line(Discount::MemberPrice, per_line);
    if let (Some(tier), rate_bp @ 1..) = (member.tier, member.rate_bp) {
        let per_line = lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                if work.flash[i] == 0 && member_price(line).is_none() {
                    share_bp(Money::from_fen(work.left[i]), rate_bp).fen()
                } else {
                    0
                }
            })
            .collect();
        work.take_per_line(Discount::MemberLevel { tier, rate_bp }, per_line);
    }
    if member.tier.is_some() && member.member_day_bp > 0 {
        let per_line = (0..lines.len())
            .map(|i| {
                if work.flash[i] == 0 {
                    share_bp(Money::from_fen(work.left[i]), member.member_day_bp).fen()
                } else {
                    0
                }
            })
            .collect();
        work.take_per_line(
            Discount::MemberDay {
                rate_bp: member.member_day_bp,
            },
            per_line,
        );
    }
}

/// Applies a goods coupon, or says why it cannot.
fn coupon_stage(
    work: &mut Work<'_>,
    coupon: &HeldCoupon,
    now: i64,
    tier: MemberTier,
) -> Result<(), CouponRefusal> {
    if coupon.terms.kind.is_shipping() {
        return Err(CouponRefusal::NotFound);
    }
    coupon.usable(now, tier)?;
    let covered = work.covered(&coupon.terms.scope, coupon.terms.include_flash);
    let off = coupon.goods_discount(work.sum_covered(&covered))?;
    let discount = Discount::Coupon {
        member_coupon_id: coupon.id,
        kind: coupon.terms.kind,
        min_spend: coupon.terms.min_spend,
    };
    work.take_shared(discount, off.fen(), &covered);
    Ok(())
}

fn shipping_coupon_applies(
    work: &Work<'_>,
    coupon: &HeldCoupon,
    now: i64,
    tier: MemberTier,
) -> Result<(), CouponRefusal> {
    if !coupon.terms.kind.is_shipping() {
        return Err(CouponRefusal::NotFound);
    }
    coupon.usable(now, tier)?;
    let covered = work.covered(&coupon.terms.scope, coupon.terms.include_flash);
    coupon
        .goods_discount(work.sum_covered(&covered))
        .map(|_| ())
}

/// The goods coupon among `held` that leaves the lowest total (the earliest to expire among
/// equals), or None when none applies. Checkout proposes it; the shopper may choose another.
pub fn best_coupon(
    lines: &[LineInput],
    offers: &Offers,
    held: &[HeldCoupon],
    shipping: Option<(ShippingMethod, ShippingZone)>,
) -> Option<i64> {
    held.iter()
        .filter(|c| !c.terms.kind.is_shipping())
        .filter_map(|coupon| {
            let trial = Offers {
                coupon: Some(coupon.clone()),
                ..offers.clone()
            };
            let q = quote(lines, &trial, shipping).ok()?;
            q.coupon_applied()?;
            Some((q.total, coupon.valid_until, coupon.id))
        })
        .min()
        .map(|(_, _, id)| id)
}

/// The free-shipping coupon among `held` that applies (the earliest to expire), if any.
pub fn best_shipping_coupon(
    lines: &[LineInput],
    offers: &Offers,
    held: &[HeldCoupon],
    shipping: Option<(ShippingMethod, ShippingZone)>,
) -> Option<i64> {
    held.iter()
        .filter(|c| c.terms.kind.is_shipping())
        .filter_map(|coupon| {
            let trial = Offers {
                shipping_coupon: Some(coupon.clone()),
                ..offers.clone()
            };
            let q = quote(lines, &trial, shipping).ok()?;
            q.shipping_coupon_applied()?;
            Some((coupon.valid_until, coupon.id))
        })
        .min()
        .map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::promotion::{CouponTerms, Scope, Tier};

    fn line(sku_id: i64, fen: i64, quantity: i64) -> LineInput {
        LineInput {
            sku_id,
            name: format!("SKU {sku_id}"),
            unit_price: Money::from_fen(fen),
            quantity,
            facts: LineFacts {
                product_id: sku_id,
                category_path: [Some(sku_id % 3), None, None],
                supplier_id: (sku_id % 2 == 0).then_some(sku_id % 5),
            },
        }
    }

    fn yuan(y: i64) -> Money {
        Money::from_yuan(y)
    }

    fn reduction(id: i64, scope: Scope, tiers: &[(i64, i64)]) -> FullReduction {
        FullReduction {
            promotion_id: id,
            scope,
            tiers: tiers
                .iter()
                .map(|(threshold, off)| Tier {
                    threshold: Money::from_fen(*threshold),
                    off: Money::from_fen(*off),
                })
                .collect(),
            include_flash: false,
        }
    }

    fn coupon(id: i64, kind: CouponKind, min_spend: i64, scope: Scope) -> HeldCoupon {
        HeldCoupon {
            id,
            coupon_id: id,
            terms: CouponTerms {
                kind,
                min_spend: Money::from_fen(min_spend),
                scope,
                include_flash: false,
                min_tier: MemberTier::Bronze,
            },
            valid_from: 0,
            valid_until: 10_000,
            used: false,
        }
    }

    fn amount_off(id: i64, off: i64, min_spend: i64) -> HeldCoupon {
        coupon(
            id,
            CouponKind::AmountOff {
                off: Money::from_fen(off),
            },
            min_spend,
            Scope::All,
        )
    }

    fn offers() -> Offers {
        Offers {
            now: 5_000,
            ..Offers::default()
        }
    }

    fn steps(q: &Quote) -> Vec<(Option<Stage>, i64)> {
        q.adjustments
            .iter()
            .map(|a| (a.discount.stage(), a.amount.fen()))
            .collect()
    }

    #[test]
    fn lines_and_subtotal_in_fen() {
        let q = quote(&[line(1, 12_900, 2), line(2, 500, 3)], &offers(), None).unwrap();
        assert_eq!(q.lines[0].total, yuan(258));
        assert_eq!(q.lines[0].paid, yuan(258));
        assert_eq!(q.subtotal, yuan(273));
        assert_eq!(q.total, yuan(273));
        assert!(q.adjustments.is_empty());
        assert_eq!(q.shipping, None);
    }

    #[test]
    fn quantities_are_bounded() {
        assert_eq!(
            quote(&[line(1, 100, 0)], &offers(), None),
            Err(PricingError::BadQuantity { sku_id: 1, max: 99 })
        );
        assert!(quote(&[line(1, 100, 100)], &offers(), None).is_err());
        assert!(quote(&[line(1, 100, 99)], &offers(), None).is_ok());
        assert!(quote(&[line(1, -1, 1)], &offers(), None).is_err());
    }

    #[test]
    fn standard_shipping_is_free_over_the_threshold_of_the_zone() {
        let zone = ShippingZone::of_region("GD");
        let standard = Some((ShippingMethod::Standard, zone));
        let q = quote(&[line(1, 9_800, 1)], &offers(), standard).unwrap();
        assert_eq!(q.shipping, Some((ShippingMethod::Standard, yuan(8))));
        assert_eq!(q.total, yuan(106));
        let q = quote(&[line(1, 9_900, 1)], &offers(), standard).unwrap();
        assert_eq!(q.shipping, Some((ShippingMethod::Standard, Money::ZERO)));
        let q = quote(
            &[line(1, 9_900, 1)],
            &offers(),
            Some((ShippingMethod::Express, zone)),
        )
        .unwrap();
        assert_eq!(q.total, yuan(119), "express is never free");
        let remote = quote(
            &[line(1, 9_900, 1)],
            &offers(),
            Some((ShippingMethod::Standard, ShippingZone::of_region("XJ"))),
        )
        .unwrap();
        assert_eq!(remote.total, yuan(117));
        assert_eq!(ShippingZone::of_region("HK"), ShippingZone::Overseas);
    }

    /// The stacking table, computed by hand: A ¥199.00 × 1 and B ¥59.90 × 2 for a
    /// level-2 member (5 % off), 滿 ¥299 減 ¥30, a ¥20 coupon over ¥200, 1,500 points at
    /// 100 points = ¥1, standard shipping free over ¥99.
    #[test]
    fn the_stacking_table() {
        let lines = [line(1, 19_900, 1), line(2, 5_990, 2)];
        let offers = Offers {
            member: MemberPricing {
                tier: Some(MemberTier::Silver),
                rate_bp: 500,
                ..MemberPricing::default()
            },
            reductions: vec![reduction(7, Scope::All, &[(29_900, 3_000)])],
            coupon: Some(amount_off(3, 2_000, 20_000)),
            points: Some(PointsRedemption {
                points: 1_500,
                ..PointsRedemption::default()
            }),
            ..offers()
        };
        let q = quote(
            &lines,
            &offers,
            Some((ShippingMethod::Standard, ShippingZone::Mainland)),
        )
        .unwrap();
        // Subtotal 199.00 + 119.80 = 318.80.
        assert_eq!(q.subtotal, Money::from_fen(31_880));
        assert_eq!(
            steps(&q),
            vec![
                // 5 % of 199.00 = 9.95 and of 119.80 = 5.99: 15.94, leaving 302.86.
                (Some(Stage::MemberPrice), -1_594),
                // 302.86 reaches 299: −30.00, leaving 272.86.
                (Some(Stage::FullReduction), -3_000),
                // 272.86 reaches 200: −20.00, leaving 252.86.
                (Some(Stage::Coupon), -2_000),
                // 1,500 points = ¥15.00, under half of 252.86: leaving 237.86.
                (Some(Stage::Points), -1_500),
            ]
        );
        assert_eq!(q.goods_total, Money::from_fen(23_786));
        // 237.86 ≥ 99: shipping is free.
        assert_eq!(q.shipping, Some((ShippingMethod::Standard, Money::ZERO)));
        assert_eq!(q.total, Money::from_fen(23_786));
        assert_eq!(q.points_used, 1_500);
        // Member: A 995, B 599. 滿減 3,000 over 18,905 and 11,381: 1,873.2… and 1,126.7…
        assert_eq!(q.adjustments[0].allocations, vec![995, 599]);
        assert_eq!(q.adjustments[1].allocations, vec![1_873, 1_127]);
        // Coupon 2,000 over 17,032 and 10,254: 1,248.4… and 751.5…
        assert_eq!(q.adjustments[2].allocations, vec![1_248, 752]);
        // Points 1,500 over 15,784 and 9,502: 936.3… and 563.6…
        assert_eq!(q.adjustments[3].allocations, vec![936, 564]);
        assert_eq!(q.lines[0].paid, Money::from_fen(14_848));
        assert_eq!(q.lines[1].paid, Money::from_fen(8_938));
        assert_eq!(q.lines[0].discount, Money::from_fen(5_052));
        assert!(q.next_tiers.is_empty());
    }

    #[test]
    fn the_stacking_order_is_a_setting() {
        let lines = [line(1, 30_000, 1)];
        let base = Offers {
            reductions: vec![reduction(1, Scope::All, &[(30_000, 3_000)])],
            coupon: Some(amount_off(2, 2_000, 0)),
            ..offers()
        };
        let q = quote(&lines, &base, None).unwrap();
        assert_eq!(
            steps(&q),
            vec![
                (Some(Stage::FullReduction), -3_000),
                (Some(Stage::Coupon), -2_000)
            ]
        );
        // Coupon first: ¥280 no longer reaches the ¥300 tier.
        let swapped = Offers {
            order: StackingOrder::parse("member_price,flash_sale,coupon,full_reduction,points")
                .unwrap(),
            ..base
        };
        let q = quote(&lines, &swapped, None).unwrap();
        assert_eq!(steps(&q), vec![(Some(Stage::Coupon), -2_000)]);
        assert_eq!(q.next_tiers[0].spend_more, yuan(20));
    }

    #[test]
    fn flash_lines_keep_their_price_out_of_other_promotions_unless_included() {
        let lines = [line(1, 10_000, 3), line(2, 20_000, 1)];
        let mut offers = Offers {
            member: MemberPricing {
                tier: Some(MemberTier::Silver),
                rate_bp: 1_000,
                ..MemberPricing::default()
            },
            flash: vec![FlashPrice {
                slot_id: 1,
                sku_id: 1,
                price: Money::from_fen(6_000),
                quantity: 2,
            }],
            reductions: vec![reduction(1, Scope::All, &[(10_000, 1_000)])],
            ..offers()
        };
        let q = quote(&lines, &offers, None).unwrap();
        // Two units at the flash price, the third at the normal price; no member discount.
        assert_eq!(q.lines[0].flash_quantity, 2);
        assert_eq!(
            steps(&q),
            vec![
                (Some(Stage::MemberPrice), -2_000),
                (Some(Stage::FlashSale), -8_000),
                (Some(Stage::FullReduction), -1_000),
            ]
        );
        assert_eq!(q.adjustments[2].allocations, vec![0, 1_000]);
        offers.reductions[0].include_flash = true;
        let q = quote(&lines, &offers, None).unwrap();
        assert!(q.adjustments[2].allocations[0] > 0);
    }

    #[test]
    fn member_prices_replace_the_rate_and_member_days_add_to_it() {
        let lines = [line(1, 10_000, 1), line(2, 10_000, 1)];
        let offers = Offers {
            member: MemberPricing {
                tier: Some(MemberTier::Gold),
                rate_bp: 500,
                sku_prices: vec![(1, Money::from_fen(8_000))],
                member_day_bp: 1_000,
            },
            ..offers()
        };
        let q = quote(&lines, &offers, None).unwrap();
        assert_eq!(
            q.adjustments
                .iter()
                .map(|a| (a.discount.clone(), a.allocations.clone()))
                .collect::<Vec<_>>(),
            vec![
                (Discount::MemberPrice, vec![2_000, 0]),
                (
                    Discount::MemberLevel {
                        tier: MemberTier::Gold,
                        rate_bp: 500
                    },
                    vec![0, 500]
                ),
                (Discount::MemberDay { rate_bp: 1_000 }, vec![800, 950]),
            ]
        );
        // Guests get no member discount whatever the offers say.
        let guest = Offers {
            member: MemberPricing {
                tier: None,
                ..offers.member.clone()
            },
            ..offers.clone()
        };
        assert_eq!(
            steps(&quote(&lines, &guest, None).unwrap()),
            vec![(Some(Stage::MemberPrice), -2_000)]
        );
    }

    #[test]
    fn each_line_counts_for_one_full_reduction_and_hints_name_the_next_tier() {
        let lines = [line(3, 15_000, 1), line(1, 5_000, 1)];
        let offers = Offers {
            reductions: vec![
                reduction(
                    1,
                    Scope::Products(vec![3]),
                    &[(10_000, 1_000), (20_000, 3_000)],
                ),
                reduction(2, Scope::All, &[(5_000, 500)]),
            ],
            ..offers()
        };
        let q = quote(&lines, &offers, None).unwrap();
        assert_eq!(q.adjustments[0].allocations, vec![1_000, 0]);
        assert_eq!(q.adjustments[1].allocations, vec![0, 500]);
        assert_eq!(
            q.next_tiers,
            vec![NextTier {
                promotion_id: 1,
                spend_more: yuan(50),
                save: yuan(30)
            }]
        );
    }

    #[test]
    fn coupons_say_why_they_do_not_apply() {
        let lines = [line(1, 10_000, 1)];
        let with = |coupon: HeldCoupon| Offers {
            coupon: Some(coupon),
            ..offers()
        };
        let q = quote(&lines, &with(amount_off(1, 2_000, 20_000)), None).unwrap();
        assert_eq!(
            q.coupon_refusal,
            Some(CouponRefusal::BelowMinimum { short: yuan(100) })
        );
        assert_eq!(q.total, yuan(100));
        let elsewhere = coupon(
            2,
            CouponKind::AmountOff { off: yuan(5) },
            0,
            Scope::Supplier(77),
        );
        let q = quote(&lines, &with(elsewhere), None).unwrap();
        assert_eq!(q.coupon_refusal, Some(CouponRefusal::OutOfScope));
        let expired = HeldCoupon {
            valid_until: 5_000,
            ..amount_off(3, 500, 0)
        };
        let q = quote(&lines, &with(expired), None).unwrap();
        assert_eq!(q.coupon_refusal, Some(CouponRefusal::Expired));
        let q = quote(&lines, &with(amount_off(4, 500, 0)), None).unwrap();
        assert_eq!((q.coupon_refusal, q.coupon_applied()), (None, Some(4)));
    }

    #[test]
    fn free_shipping_comes_from_a_coupon_or_the_member_level() {
        let lines = [line(1, 5_000, 1)];
        let standard = Some((ShippingMethod::Standard, ShippingZone::Mainland));
        let ship_coupon = coupon(9, CouponKind::FreeShipping, 0, Scope::All);
        let q = quote(
            &lines,
            &Offers {
                shipping_coupon: Some(ship_coupon.clone()),
                ..offers()
            },
            standard,
        )
        .unwrap();
        assert_eq!(q.shipping, Some((ShippingMethod::Standard, Money::ZERO)));
        assert_eq!(
            q.adjustments[0].discount,
            Discount::FreeShipping {
                member_coupon_id: 9
            }
        );
        assert_eq!(q.adjustments[0].amount, yuan(-8));
        assert_eq!(q.total, yuan(50));
        assert_eq!(q.goods_total, yuan(50));
        let q = quote(
            &lines,
            &Offers {
                free_shipping_from: Some(yuan(49)),
                ..offers()
            },
            standard,
        )
        .unwrap();
        assert_eq!(q.total, yuan(50));
        assert!(q.adjustments.is_empty());
    }

    #[test]
    fn the_best_coupon_leaves_the_lowest_total() {
        let lines = [line(1, 30_000, 1)];
        let held = [
            amount_off(1, 2_000, 20_000),
            coupon(
                2,
                CouponKind::PercentOff {
                    rate_bp: 1_000,
                    cap: yuan(25),
                },
                0,
                Scope::All,
            ),
            amount_off(3, 9_000, 50_000),
            coupon(4, CouponKind::FreeShipping, 0, Scope::All),
        ];
        assert_eq!(best_coupon(&lines, &offers(), &held, None), Some(2));
        assert_eq!(best_coupon(&lines, &offers(), &held[2..], None), None);
        assert_eq!(
            best_shipping_coupon(
                &[line(1, 1_000, 1)],
                &offers(),
                &held,
                Some((ShippingMethod::Standard, ShippingZone::Mainland))
            ),
            Some(4)
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn arb_lines() -> impl Strategy<Value = Vec<LineInput>> {
            proptest::collection::vec((1i64..8, 0i64..200_000, 1i64..=5), 1..8).prop_map(|raw| {
                raw.into_iter()
                    .enumerate()
                    .map(|(i, (sku, price, qty))| line(sku * 10 + i as i64, price, qty))
                    .collect()
            })
        }

        fn arb_coupon() -> impl Strategy<Value = HeldCoupon> {
            (
                0i64..50_000,
                0i64..100_000,
                0i64..3,
                0i64..10_000,
                1i64..10_000,
                any::<bool>(),
                0i64..4,
            )
                .prop_map(|(off, min_spend, kind, from, len, used, scope)| {
                    let kind = match kind {
                        0 => CouponKind::AmountOff {
                            off: Money::from_fen(off),
                        },
                        1 => CouponKind::PercentOff {
                            rate_bp: off % 10_000,
                            cap: Money::from_fen(off),
                        },
                        _ => CouponKind::FreeShipping,
                    };
                    let scope = match scope {
                        0 => Scope::All,
                        1 => Scope::Categories(vec![1]),
                        2 => Scope::Supplier(2),
                        _ => Scope::Products(vec![999]),
                    };
                    HeldCoupon {
                        valid_from: from,
                        valid_until: from + len,
                        used,
                        ..coupon(1, kind, min_spend, scope)
                    }
                })
        }

        fn arb_offers() -> impl Strategy<Value = Offers> {
            (
                0i64..2_000,
                0i64..1_000,
                proptest::collection::vec((0i64..300_000, 0i64..60_000), 0..3),
                proptest::option::of(arb_coupon()),
                proptest::option::of(arb_coupon()),
                0i64..5_000,
                0i64..20_000,
                (0i64..80, 0i64..200_000, 0i64..4),
                any::<bool>(),
            )
                .prop_map(
                    |(rate, day, tiers, coupon, ship, points, now, flash, swap)| Offers {
                        order: if swap {
                            StackingOrder::parse(
                                "points,coupon,full_reduction,flash_sale,member_price",
                            )
                            .unwrap()
                        } else {
                            StackingOrder::default()
                        },
                        now,
                        member: MemberPricing {
                            tier: Some(MemberTier::Gold),
                            rate_bp: rate,
                            sku_prices: vec![(flash.0 + 1, Money::from_fen(flash.1 / 2))],
                            member_day_bp: day,
                        },
                        flash: vec![FlashPrice {
                            slot_id: 1,
                            sku_id: flash.0,
                            price: Money::from_fen(flash.1),
                            quantity: flash.2,
                        }],
                        reductions: vec![reduction(1, Scope::All, &tiers)],
                        coupon,
                        shipping_coupon: ship,
                        points: Some(PointsRedemption {
                            points,
                            ..PointsRedemption::default()
                        }),
                        free_shipping_from: None,
                    },
                )
        }

        proptest! {
            /// Whatever the promotions: the total is never negative nor above the undiscounted
            /// total, each discount's line shares add up to it exactly, every line's paid
            /// amount adds up to the goods total, and the same input gives the same quote.
            #[test]
            fn totals_are_bounded_allocated_exactly_and_repeatable(
                lines in arb_lines(),
                offers in arb_offers(),
                express in any::<bool>(),
            ) {
                let method = if express { ShippingMethod::Express } else { ShippingMethod::Standard };
                let shipping = Some((method, ShippingZone::Mainland));
                let q = quote(&lines, &offers, shipping).unwrap();
                let full = quote(&lines, &Offers::default(), shipping).unwrap();
                let undiscounted = full.subtotal.fen() + shipping_rate(method, ShippingZone::Mainland).fee.fen();
                prop_assert!(q.total.fen() >= 0);
                prop_assert!(q.total.fen() <= undiscounted);
                prop_assert!(q.goods_total <= q.subtotal);
                for adjustment in &q.adjustments {
                    prop_assert!(adjustment.amount.fen() < 0);
                    if adjustment.discount.stage().is_some() {
                        prop_assert_eq!(adjustment.allocations.iter().sum::<i64>(), -adjustment.amount.fen());
                        prop_assert!(adjustment.allocations.iter().all(|a| *a >= 0));
                    }
                }
                prop_assert_eq!(q.lines.iter().map(|l| l.paid.fen()).sum::<i64>(), q.goods_total.fen());
                for line in &q.lines {
                    prop_assert!(line.paid.fen() >= 0);
                    prop_assert_eq!(line.paid.fen() + line.discount.fen(), line.total.fen());
                }
                prop_assert_eq!(quote(&lines, &offers, shipping).unwrap(), q);
            }

            /// A coupon outside its window, used, below its minimum or covering none of the
            /// goods never applies.
            #[test]
            fn coupons_apply_only_within_their_terms(
                lines in arb_lines(),
                offers in arb_offers(),
            ) {
                let q = quote(&lines, &offers, Some((ShippingMethod::Express, ShippingZone::Mainland))).unwrap();
                for (held, applied) in [
                    (&offers.coupon, q.coupon_applied()),
                    (&offers.shipping_coupon, q.shipping_coupon_applied()),
                ] {
                    let Some(held) = held else { continue };
                    if applied.is_some() {
                        prop_assert!(!held.used);
                        prop_assert!(held.valid_from <= offers.now && offers.now < held.valid_until);
                        prop_assert!(lines.iter().any(|l| held.terms.scope.covers(&l.facts)));
                        if let Scope::Products(_) = held.terms.scope {
                            prop_assert!(false, "no line is product 999");
                        }
                    }
                }
            }
        }
    }
}
