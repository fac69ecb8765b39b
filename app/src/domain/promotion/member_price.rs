//! Member prices per SKU and level: the price a member of a level (or above) pays for a SKU
//! instead of the level's discount rate, as operators set them and as a quote uses them.

use crate::domain::account::MemberTier;
use crate::domain::form::{problem, Field, FieldProblem, Problem};
use crate::domain::money::Money;
use serde::{Deserialize, Serialize};

/// A member price as typed in the back office: a SKU code, a level ("bronze" is every member)
/// and the price in yuan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberPriceForm {
    pub sku_code: String,
    pub tier: String,
    pub price: String,
}

/// A member price once the form is read; whether the SKU exists and costs more is for the
/// database to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidMemberPrice {
    pub sku_code: String,
    pub tier: MemberTier,
    pub price: Money,
}

impl MemberPriceForm {
    /// The member price, or every problem: a SKU code of 1..=64 characters (`MemberPriceSku`,
    /// `SkuCodeUnknown`), a level (`Kind`, `KindInvalid`), a price above zero up to ¥1,000,000
    /// (`Amount`, `PriceInvalid`).
    pub fn validate(&self) -> Result<ValidMemberPrice, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let code = self.sku_code.trim();
        if code.is_empty() || code.chars().count() > 64 {
            problems.push(problem(Field::MemberPriceSku, Problem::SkuCodeUnknown));
        }
        let tier = MemberTier::parse(self.tier.trim());
        if tier.is_none() {
            problems.push(problem(Field::Kind, Problem::KindInvalid));
        }
        let price = Money::parse_yuan(&self.price)
            .ok()
            .filter(|p| *p > Money::ZERO && *p <= Money::from_yuan(1_000_000));
        if price.is_none() {
            problems.push(problem(Field::Amount, Problem::PriceInvalid));
        }
        match (tier, price) {
            (Some(tier), Some(price)) if problems.is_empty() => Ok(ValidMemberPrice {
                sku_code: code.to_string(),
                tier,
                price,
            }),
            _ => Err(problems),
        }
    }
}

/// The member prices a member of `tier` pays: for each SKU priced for `tier` or a level below
/// it, the lowest of those prices. `set` holds (SKU id, level, price) as stored; the result is
/// ordered by SKU id.
pub fn prices_for(tier: MemberTier, set: &[(i64, MemberTier, Money)]) -> Vec<(i64, Money)> {
    let mut prices: Vec<(i64, Money)> = Vec::new();
    for (sku_id, level, price) in set {
        if *level > tier {
            continue;
        }
        match prices.iter_mut().find(|(id, _)| id == sku_id) {
            Some((_, lowest)) => *lowest = (*lowest).min(*price),
            None => prices.push((*sku_id, *price)),
        }
    }
    prices.sort_by_key(|(id, _)| *id);
    prices
}

/// A member price as the product page shows it: members of `tier` and above pay `price` (fen)
/// for SKU `sku_id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuMemberPrice {
    pub sku_id: i64,
    pub tier: MemberTier,
    pub price: Money,
}

/// What the product page shows for SKU `sku_id` priced `regular`: from the lowest level up, the
/// price a level's members pay (see [`prices_for`]) when it is below `regular` and below what
/// the level under it pays, so each line holds for that level and the ones above it.
pub fn price_ladder(
    sku_id: i64,
    regular: Money,
    prices: &[SkuMemberPrice],
) -> Vec<(MemberTier, Money)> {
    let set: Vec<(i64, MemberTier, Money)> = prices
        .iter()
        .filter(|p| p.sku_id == sku_id)
        .map(|p| (p.sku_id, p.tier, p.price))
        .collect();
    let mut ladder = Vec::new();
    let mut best = regular;
    for tier in MemberTier::ALL {
        if let Some(&(_, price)) = prices_for(tier, &set).first() {
            if price < best {
                ladder.push((tier, price));
                best = price;
            }
        }
    }
    ladder
}

/// A member price as the back office lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminMemberPrice {
    pub sku_code: String,
    /// The product's name in the page's language.
    pub name: String,
    pub tier: MemberTier,
    /// The member price and the SKU's own price (fen).
    pub price: Money,
    pub regular: Money,
}

#[cfg(test)]
mod tests {
    use super::*;
    use MemberTier::*;

    #[test]
    fn a_member_pays_the_lowest_price_of_their_level_and_below() {
        let set = [
            (7, Silver, Money::from_fen(9_000)),
            (7, Gold, Money::from_fen(8_500)),
            (3, Bronze, Money::from_fen(4_000)),
            (3, Platinum, Money::from_fen(3_000)),
            // A higher level's price above a lower one's: the lower one still applies.
            (9, Silver, Money::from_fen(1_000)),
            (9, Gold, Money::from_fen(1_200)),
        ];
        assert_eq!(prices_for(Bronze, &set), vec![(3, Money::from_fen(4_000))]);
        assert_eq!(
            prices_for(Silver, &set),
            vec![
                (3, Money::from_fen(4_000)),
                (7, Money::from_fen(9_000)),
                (9, Money::from_fen(1_000))
            ]
        );
        assert_eq!(
            prices_for(Gold, &set),
            vec![
                (3, Money::from_fen(4_000)),
                (7, Money::from_fen(8_500)),
                (9, Money::from_fen(1_000))
            ]
        );
        assert_eq!(prices_for(Platinum, &set)[0], (3, Money::from_fen(3_000)));
    }

    #[test]
    fn the_product_page_shows_what_each_level_pays() {
        let at = |sku_id, tier, fen| SkuMemberPrice {
            sku_id,
            tier,
            price: Money::from_fen(fen),
        };
        let prices = [
            at(9, Silver, 1_000),
            at(9, Gold, 1_200),
            at(9, Platinum, 800),
            at(4, Gold, 100),
        ];
        // Gold pays Silver's ¥10, not its own ¥12: it is not listed.
        assert_eq!(
            price_ladder(9, Money::from_fen(1_500), &prices),
            vec![
                (Silver, Money::from_fen(1_000)),
                (Platinum, Money::from_fen(800))
            ]
        );
        // A price no longer below the SKU's own is not offered.
        assert_eq!(
            price_ladder(9, Money::from_fen(900), &prices),
            vec![(Platinum, Money::from_fen(800))]
        );
        assert_eq!(price_ladder(5, Money::from_fen(900), &prices), vec![]);
    }

    #[test]
    fn the_form_names_every_problem() {
        let good = MemberPriceForm {
            sku_code: " TEA-1 ".into(),
            tier: "gold".into(),
            price: "88.50".into(),
        };
        assert_eq!(
            good.validate(),
            Ok(ValidMemberPrice {
                sku_code: "TEA-1".into(),
                tier: Gold,
                price: Money::from_fen(8_850)
            })
        );
        let bad = MemberPriceForm {
            sku_code: " ".into(),
            tier: "diamond".into(),
            price: "0".into(),
        };
        assert_eq!(
            bad.validate(),
            Err(vec![
                problem(Field::MemberPriceSku, Problem::SkuCodeUnknown),
                problem(Field::Kind, Problem::KindInvalid),
                problem(Field::Amount, Problem::PriceInvalid),
            ])
        );
    }
}
