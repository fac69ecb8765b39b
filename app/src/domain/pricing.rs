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
    best_of(lines, offers, held, shipping, false)
}

/// The free-shipping coupon among `held` that applies (the earliest to expire), if any.
pub fn best_shipping_coupon(
    lines: &[LineInput],
    offers: &Offers,
    held: &[HeldCoupon],
    shipping: Option<(ShippingMethod, ShippingZone)>,
) -> Option<i64> {
    best_of(lines, offers, held, shipping, true)
}

/// Tries each coupon of one slot (goods, or free shipping) in a quote of its own and keeps the
/// one that applies with the lowest total, then the earliest end, then the lowest id.
fn best_of(
    lines: &[LineInput],
    offers: &Offers,
    held: &[HeldCoupon],
    shipping: Option<(ShippingMethod, ShippingZone)>,
    shipping_slot: bool,
) -> Option<i64> {
    held.iter()
        .filter(|c| c.terms.kind.is_shipping() == shipping_slot)
        .filter_map(|coupon| {
            let mut trial = offers.clone();
            if shipping_slot {
                trial.shipping_coupon = Some(coupon.clone());
            } else {
                trial.coupon = Some(coupon.clone());
            }
            let q = quote(lines, &trial, shipping).ok()?;
            let applied = if shipping_slot {
                q.shipping_coupon_applied()
            } else {
                q.coupon_applied()
            };
            applied?;
            Some((q.total, coupon.valid_until, coupon.id))
        })
        .min()
        .map(|(_, _, id)| id)
}

#[cfg(test)]
mod tests;
