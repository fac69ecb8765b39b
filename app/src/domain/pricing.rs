//! Every total the shop shows or charges comes from `quote`: integer fen, no floats, and a
//! line-by-line explanation the page prints ("how this total was reached").
//!
//! Promotions plug in as `PriceRule`s. They run in a fixed stacking order by `Stage` (member
//! prices, then flash sales, then full-reduction 滿減, then coupons, then points), each seeing
//! the goods total left by the stages before it; discounts never take the goods below zero.
//! Shipping is charged last, on the discounted goods total.

pub mod allocation;

use crate::domain::money::Money;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInput {
    pub sku_id: i64,
    pub name: String,
    pub unit_price: Money,
    pub quantity: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricedLine {
    pub sku_id: i64,
    pub name: String,
    pub unit_price: Money,
    pub quantity: i64,
    pub total: Money,
}

/// When a rule applies relative to the others. Lower runs first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    MemberPrice,
    FlashSale,
    FullReduction,
    Coupon,
    Points,
}

/// One step of the explanation: a discount (negative) or a charge (positive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjustment {
    pub stage: Stage,
    /// Shown to the shopper as is, e.g. "滿 ¥300 減 ¥30".
    pub label: String,
    pub amount: Money,
}

/// What a rule sees: the lines and the goods total after earlier stages.
pub struct RuleInput<'a> {
    pub lines: &'a [PricedLine],
    pub goods_total: Money,
}

pub trait PriceRule {
    fn stage(&self) -> Stage;
    /// The discount (a positive amount to take off), or None when the rule does not apply.
    fn discount(&self, input: &RuleInput<'_>) -> Option<(String, Money)>;
}

/// 滿減: spend at least `threshold` on goods, get `off` taken off.
pub struct FullReduction {
    pub threshold: Money,
    pub off: Money,
    pub label: String,
}

impl PriceRule for FullReduction {
    fn stage(&self) -> Stage {
        Stage::FullReduction
    }

    fn discount(&self, input: &RuleInput<'_>) -> Option<(String, Money)> {
        (input.goods_total.fen() >= self.threshold.fen()).then(|| (self.label.clone(), self.off))
    }
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
    /// Discounts in the order they were applied (negative amounts).
    pub adjustments: Vec<Adjustment>,
    pub goods_total: Money,
    /// None until a shipping method and address are chosen.
    pub shipping: Option<(ShippingMethod, Money)>,
    pub total: Money,
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

/// Prices a cart or an order. `shipping` is the method and the zone it goes to, when known.
pub fn quote(
    lines: &[LineInput],
    rules: &[&dyn PriceRule],
    shipping: Option<(ShippingMethod, ShippingZone)>,
) -> Result<Quote, PricingError> {
    let mut priced = Vec::with_capacity(lines.len());
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
        priced.push(PricedLine {
            sku_id: line.sku_id,
            name: line.name.clone(),
            unit_price: line.unit_price,
            quantity: line.quantity,
            total: Money::from_fen(line.unit_price.fen() * line.quantity),
        });
    }
    let subtotal = Money::from_fen(priced.iter().map(|l| l.total.fen()).sum());

    let mut ordered: Vec<&&dyn PriceRule> = rules.iter().collect();
    ordered.sort_by_key(|rule| rule.stage());
    let mut goods_total = subtotal;
    let mut adjustments = Vec::new();
    for rule in ordered {
        let input = RuleInput {
            lines: &priced,
            goods_total,
        };
        if let Some((label, off)) = rule.discount(&input) {
            // Never more than what is left, never a negative discount.
            let off = off.fen().clamp(0, goods_total.fen());
            if off > 0 {
                goods_total = Money::from_fen(goods_total.fen() - off);
                adjustments.push(Adjustment {
                    stage: rule.stage(),
                    label,
                    amount: Money::from_fen(-off),
                });
            }
        }
    }

    let shipping =
        shipping.map(|(method, zone)| (method, shipping_rate(method, zone).fee_for(goods_total)));
    let total = Money::from_fen(goods_total.fen() + shipping.map_or(0, |(_, fee)| fee.fen()));
    Ok(Quote {
        lines: priced,
        subtotal,
        adjustments,
        goods_total,
        shipping,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(sku_id: i64, yuan: i64, quantity: i64) -> LineInput {
        LineInput {
            sku_id,
            name: format!("SKU {sku_id}"),
            unit_price: Money::from_yuan(yuan),
            quantity,
        }
    }

    fn reduction(threshold: i64, off: i64) -> FullReduction {
        FullReduction {
            threshold: Money::from_yuan(threshold),
            off: Money::from_yuan(off),
            label: format!("滿 ¥{threshold} 減 ¥{off}"),
        }
    }

    struct FixedCoupon(i64);
    impl PriceRule for FixedCoupon {
        fn stage(&self) -> Stage {
            Stage::Coupon
        }
        fn discount(&self, _: &RuleInput<'_>) -> Option<(String, Money)> {
            Some(("Coupon".into(), Money::from_yuan(self.0)))
        }
    }

    #[test]
    fn lines_and_subtotal_in_fen() {
        let q = quote(&[line(1, 129, 2), line(2, 5, 3)], &[], None).unwrap();
        assert_eq!(q.lines[0].total, Money::from_yuan(258));
        assert_eq!(q.subtotal, Money::from_yuan(273));
        assert_eq!(q.total, Money::from_yuan(273));
        assert!(q.adjustments.is_empty());
        assert_eq!(q.shipping, None);
    }

    #[test]
    fn quantities_are_bounded() {
        assert_eq!(
            quote(&[line(1, 1, 0)], &[], None),
            Err(PricingError::BadQuantity { sku_id: 1, max: 99 })
        );
        assert!(quote(&[line(1, 1, 100)], &[], None).is_err());
        assert!(quote(&[line(1, 1, 99)], &[], None).is_ok());
    }

    #[test]
    fn standard_shipping_is_free_over_the_threshold_of_the_zone() {
        let zone = ShippingZone::of_region("GD");
        let q = quote(
            &[line(1, 98, 1)],
            &[],
            Some((ShippingMethod::Standard, zone)),
        )
        .unwrap();
        assert_eq!(
            q.shipping,
            Some((ShippingMethod::Standard, Money::from_yuan(8)))
        );
        assert_eq!(q.total, Money::from_yuan(106));
        let q = quote(
            &[line(1, 99, 1)],
            &[],
            Some((ShippingMethod::Standard, zone)),
        )
        .unwrap();
        assert_eq!(
            q.shipping,
            Some((ShippingMethod::Standard, Money::from_fen(0)))
        );
        let q = quote(
            &[line(1, 99, 1)],
            &[],
            Some((ShippingMethod::Express, zone)),
        )
        .unwrap();
        assert_eq!(q.total, Money::from_yuan(119), "express is never free");
        let remote = quote(
            &[line(1, 99, 1)],
            &[],
            Some((ShippingMethod::Standard, ShippingZone::of_region("XJ"))),
        )
        .unwrap();
        assert_eq!(remote.total, Money::from_yuan(117));
        assert_eq!(ShippingZone::of_region("HK"), ShippingZone::Overseas);
    }

    #[test]
    fn rules_stack_in_stage_order_and_shipping_sees_the_discounted_total() {
        // Given in the "wrong" order: the coupon still runs after the full reduction.
        let coupon = FixedCoupon(20);
        let full = reduction(300, 30);
        let rules: [&dyn PriceRule; 2] = [&coupon, &full];
        let q = quote(
            &[line(1, 150, 2)],
            &rules,
            Some((ShippingMethod::Standard, ShippingZone::Mainland)),
        )
        .unwrap();
        assert_eq!(q.subtotal, Money::from_yuan(300));
        let steps: Vec<(Stage, i64)> = q
            .adjustments
            .iter()
            .map(|a| (a.stage, a.amount.fen()))
            .collect();
        assert_eq!(
            steps,
            vec![(Stage::FullReduction, -3_000), (Stage::Coupon, -2_000)]
        );
        assert_eq!(q.goods_total, Money::from_yuan(250));
        assert_eq!(
            q.shipping,
            Some((ShippingMethod::Standard, Money::from_fen(0)))
        );
        assert_eq!(q.total, Money::from_yuan(250));

        // The coupon takes the goods under the free-shipping line: shipping is charged.
        let big_coupon = FixedCoupon(210);
        let rules: [&dyn PriceRule; 2] = [&big_coupon, &full];
        let q = quote(
            &[line(1, 150, 2)],
            &rules,
            Some((ShippingMethod::Standard, ShippingZone::Mainland)),
        )
        .unwrap();
        assert_eq!(q.goods_total, Money::from_yuan(60));
        assert_eq!(q.total, Money::from_yuan(68));
    }

    #[test]
    fn discounts_never_go_below_zero_and_unmet_thresholds_do_nothing() {
        let full = reduction(300, 30);
        let rules: [&dyn PriceRule; 1] = [&full];
        let q = quote(&[line(1, 299, 1)], &rules, None).unwrap();
        assert!(q.adjustments.is_empty());
        let huge = FixedCoupon(1_000);
        let rules: [&dyn PriceRule; 1] = [&huge];
        let q = quote(&[line(1, 50, 1)], &rules, None).unwrap();
        assert_eq!(q.adjustments[0].amount, Money::from_yuan(-50));
        assert_eq!(q.total, Money::from_fen(0));
    }
}
