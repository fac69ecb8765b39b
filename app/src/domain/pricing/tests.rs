//! The pricing engine's tests: each stage, the stacking table, and properties over
//! random carts and promotions.

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
                        StackingOrder::parse("points,coupon,full_reduction,flash_sale,member_price")
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
