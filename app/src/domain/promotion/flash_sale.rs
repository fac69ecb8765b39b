//! 限時秒殺 flash sales: a time slot with, per SKU, a flash price and a flash stock taken out of
//! normal stock for the slot, and a limit of units per member. What a shopper sees of one
//! ([`FlashOffer`]), how many units a member may still buy, the countdown, and the back office's
//! form.

use crate::domain::form::{problem, Field, FieldProblem, Problem};
use crate::domain::money::Money;
use crate::domain::time::parse_shop_time;
use serde::{Deserialize, Serialize};

/// One SKU's flash price in one slot, as the product page and the home shelf show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlashOffer {
    pub flash_sale_id: i64,
    pub sku_id: i64,
    /// The flash price (fen per unit).
    pub price: Money,
    /// The SKU's own price (fen per unit), shown struck through.
    pub regular: Money,
    /// The flash stock.
    pub quantity: i64,
    /// Units bought at the flash price so far.
    pub sold: i64,
    pub per_member_limit: i64,
    /// Unix seconds.
    pub starts_at: i64,
    pub ends_at: i64,
}

/// A flash offer on the home page's shelf, with its product's card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlashShelfItem {
    pub offer: FlashOffer,
    pub product: crate::domain::catalog::ProductSummary,
}

/// A flash sale in the back office.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminFlashSale {
    pub id: i64,
    pub name: String,
    /// Unix seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    pub per_member_limit: i64,
    pub items: Vec<AdminFlashItem>,
    pub status: super::report::PromotionStatus,
    /// Over paid orders; `discount` is what the flash prices took off, `gmv` the units at them.
    pub report: super::report::PromotionReport,
}

/// One SKU of a flash sale in the back office.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminFlashItem {
    pub sku_code: String,
    pub name: String,
    pub price: Money,
    pub regular: Money,
    pub quantity: i64,
    pub sold: i64,
}

/// Where a flash offer stands at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FlashState {
    /// Starts later: shown with "Starts in".
    Upcoming,
    /// On sale at the flash price: shown with "Ends in".
    Running,
    /// Running, but every unit of the flash stock is bought.
    SoldOut,
    Ended,
}

impl FlashOffer {
    /// Units of the flash stock not bought yet.
    pub fn left(&self) -> i64 {
        (self.quantity - self.sold).max(0)
    }

    pub fn state(&self, now: i64) -> FlashState {
        if now < self.starts_at {
            FlashState::Upcoming
        } else if now >= self.ends_at {
            FlashState::Ended
        } else if self.left() == 0 {
            FlashState::SoldOut
        } else {
            FlashState::Running
        }
    }

    /// Seconds until the state changes next: to the start while upcoming, else to the end (0
    /// once ended).
    pub fn seconds_left(&self, now: i64) -> i64 {
        if now < self.starts_at {
            self.starts_at - now
        } else {
            (self.ends_at - now).max(0)
        }
    }

    /// The share of the flash stock bought, in percent (0..=100), for the progress bar.
    pub fn sold_percent(&self) -> i64 {
        if self.quantity <= 0 {
            100
        } else {
            (self.sold.clamp(0, self.quantity) * 100) / self.quantity
        }
    }
}

/// Units a member may still buy at the flash price: the lesser of the flash stock left and what
/// their limit leaves after `bought` (never below zero).
pub fn allowance(left: i64, per_member_limit: i64, bought: i64) -> i64 {
    left.min(per_member_limit - bought).max(0)
}

/// A countdown as shown beside "Ends in" / "Starts in": "HH:MM:SS", with the days in front
/// ("2d 03:04:05") from a day on. Digits only, the same in every language.
pub fn countdown(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let clock = format!(
        "{:02}:{:02}:{:02}",
        rest / 3600,
        (rest % 3600) / 60,
        rest % 60
    );
    if days > 0 {
        format!("{days}d {clock}")
    } else {
        clock
    }
}

/// A flash sale as typed in the back office: start and end in shop time ("2026-12-01T10:00"),
/// the per-member limit, and one SKU per line as "code flash-price flash-stock" (yuan; spaces,
/// commas or tabs between), e.g. "TEA-OOLONG-150 39.90 20".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FlashSaleForm {
    pub name: String,
    pub starts: String,
    pub ends: String,
    pub per_member: String,
    pub items: String,
}

/// One SKU of a valid flash sale, its code still to be found in the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlashItemInput {
    pub sku_code: String,
    pub price: Money,
    pub quantity: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidFlashSale {
    pub name: String,
    /// (starts, ends) in Unix seconds.
    pub window: (i64, i64),
    pub per_member_limit: i64,
    /// 1..=20 SKUs, each code once.
    pub items: Vec<FlashItemInput>,
}

/// The longest slot: a flash sale is short by nature, and its stock is held out of normal
/// sale for all of it.
pub const LONGEST_SLOT_SECONDS: i64 = 7 * 86_400;

fn item_line(line: &str) -> Option<FlashItemInput> {
    let parts: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',' || c == '，')
        .filter(|p| !p.is_empty())
        .collect();
    let [code, price, quantity] = parts.as_slice() else {
        return None;
    };
    let price = Money::parse_yuan(price).ok().filter(|p| *p > Money::ZERO)?;
    let quantity = quantity
        .parse::<i64>()
        .ok()
        .filter(|q| (1..=100_000).contains(q))?;
    let code = code.trim().to_string();
    (code.chars().count() <= 64).then_some(FlashItemInput {
        sku_code: code,
        price,
        quantity,
    })
}

impl FlashSaleForm {
    /// The flash sale, or every problem: a name of 1..=60 characters; an end after the start, at
    /// most 7 days later; a limit of 1..=99 per member; 1..=20 lines of "code price stock" with
    /// a price above zero, a stock of 1..=100,000 and no code twice. Whether each code is a SKU
    /// with a higher price and enough free stock is for the database to say.
    pub fn validate(&self) -> Result<ValidFlashSale, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let name = super::form::name(&self.name)
            .map_err(|p| problems.push(p))
            .ok();
        let window = match (parse_shop_time(&self.starts), parse_shop_time(&self.ends)) {
            (Some(from), Some(until)) if until > from && until - from <= LONGEST_SLOT_SECONDS => {
                Some((from, until))
            }
            _ => {
                problems.push(problem(
                    Field::PromotionWindow,
                    Problem::PromotionWindowInvalid,
                ));
                None
            }
        };
        let per_member = self
            .per_member
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=99).contains(n));
        if per_member.is_none() {
            problems.push(problem(Field::PerMember, Problem::CountInvalid));
        }
        let lines: Vec<&str> = self
            .items
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let items: Option<Vec<FlashItemInput>> = lines.iter().map(|l| item_line(l)).collect();
        let items = items.filter(|items| {
            (1..=20).contains(&items.len())
                && items.iter().enumerate().all(|(i, item)| {
                    !items[..i]
                        .iter()
                        .any(|other| other.sku_code.eq_ignore_ascii_case(&item.sku_code))
                })
        });
        if items.is_none() {
            problems.push(problem(Field::FlashItems, Problem::FlashItemsInvalid));
        }
        match (name, window, per_member, items) {
            (Some(name), Some(window), Some(per_member_limit), Some(items))
                if problems.is_empty() =>
            {
                Ok(ValidFlashSale {
                    name,
                    window,
                    per_member_limit,
                    items,
                })
            }
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(quantity: i64, sold: i64) -> FlashOffer {
        FlashOffer {
            flash_sale_id: 1,
            sku_id: 2,
            price: Money::from_fen(3_990),
            regular: Money::from_fen(5_990),
            quantity,
            sold,
            per_member_limit: 2,
            starts_at: 1_000,
            ends_at: 2_000,
        }
    }

    #[test]
    fn an_offer_is_upcoming_then_running_then_ended() {
        let o = offer(10, 3);
        assert_eq!(o.state(999), FlashState::Upcoming);
        assert_eq!(o.seconds_left(400), 600);
        assert_eq!(o.state(1_000), FlashState::Running);
        assert_eq!(o.seconds_left(1_500), 500);
        assert_eq!(o.state(2_000), FlashState::Ended);
        assert_eq!(o.seconds_left(2_500), 0);
        assert_eq!(o.left(), 7);
        assert_eq!(o.sold_percent(), 30);
    }

    #[test]
    fn a_bought_out_offer_is_sold_out_while_it_runs() {
        let o = offer(10, 10);
        assert_eq!(o.state(1_500), FlashState::SoldOut);
        assert_eq!(o.state(2_000), FlashState::Ended);
        assert_eq!(o.left(), 0);
        assert_eq!(o.sold_percent(), 100);
    }

    #[test]
    fn a_member_may_buy_the_lesser_of_what_is_left_and_their_limit() {
        assert_eq!(allowance(10, 2, 0), 2);
        assert_eq!(allowance(10, 2, 1), 1);
        assert_eq!(allowance(10, 2, 2), 0);
        assert_eq!(allowance(1, 2, 0), 1);
        assert_eq!(allowance(0, 2, 0), 0);
        assert_eq!(allowance(10, 2, 5), 0, "never below zero");
    }

    #[test]
    fn countdowns_show_hours_minutes_seconds_and_days_from_a_day_on() {
        assert_eq!(countdown(0), "00:00:00");
        assert_eq!(countdown(59), "00:00:59");
        assert_eq!(countdown(3_661), "01:01:01");
        assert_eq!(countdown(86_399), "23:59:59");
        assert_eq!(countdown(2 * 86_400 + 3 * 3600 + 4 * 60 + 5), "2d 03:04:05");
        assert_eq!(countdown(-5), "00:00:00");
    }

    fn form(items: &str) -> FlashSaleForm {
        FlashSaleForm {
            name: "Midnight tea".into(),
            starts: "2026-12-01T10:00".into(),
            ends: "2026-12-01T12:00".into(),
            per_member: "2".into(),
            items: items.into(),
        }
    }

    #[test]
    fn a_flash_sale_reads_one_sku_per_line() {
        let valid = form("TEA-1 39.90 20\nTEA-2, 9.9, 5\n\n")
            .validate()
            .unwrap();
        assert_eq!(valid.per_member_limit, 2);
        assert_eq!(valid.window.1 - valid.window.0, 7_200);
        assert_eq!(
            valid.items,
            vec![
                FlashItemInput {
                    sku_code: "TEA-1".into(),
                    price: Money::from_fen(3_990),
                    quantity: 20
                },
                FlashItemInput {
                    sku_code: "TEA-2".into(),
                    price: Money::from_fen(990),
                    quantity: 5
                },
            ]
        );
    }

    #[test]
    fn every_problem_of_a_flash_sale_is_named_at_its_field() {
        for bad in [
            "",
            "TEA-1 39.90",
            "TEA-1 0 5",
            "TEA-1 abc 5",
            "TEA-1 9.90 0",
            "TEA-1 9.90 5\ntea-1 8 5",
        ] {
            assert_eq!(
                form(bad).validate(),
                Err(vec![problem(Field::FlashItems, Problem::FlashItemsInvalid)]),
                "{bad:?}"
            );
        }
        let mut bad = form("TEA-1 9.90 5");
        bad.name = " ".into();
        bad.ends = "2026-12-01T09:00".into();
        bad.per_member = "0".into();
        assert_eq!(
            bad.validate(),
            Err(vec![
                problem(Field::Name, Problem::NameInvalid),
                problem(Field::PromotionWindow, Problem::PromotionWindowInvalid),
                problem(Field::PerMember, Problem::CountInvalid),
            ])
        );
        let mut long = form("TEA-1 9.90 5");
        long.ends = "2026-12-09T10:00".into();
        assert!(long.validate().is_err(), "longer than a week");
    }
}
