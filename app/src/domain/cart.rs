//! The cart: what is in it, whether each line can still be bought, and its priced total.

use crate::domain::money::Money;
use crate::domain::pricing::{Quote, MAX_QUANTITY};
use serde::{Deserialize, Serialize};

/// One SKU and how many; what the browser keeps for a guest and the server for a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub sku_id: i64,
    pub quantity: i64,
}

/// Whether a line can be bought as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Availability {
    Available,
    /// Fewer left than wanted (or only a few): the number left.
    OnlyLeft(i64),
    /// Sold out or no longer sold.
    Unavailable,
}

/// Stock at or below this shows "only N left" even when the wanted quantity fits.
pub const LOW_STOCK: i64 = 5;

pub fn availability(on_sale: bool, stock: i64, quantity: i64) -> Availability {
    if !on_sale || stock <= 0 {
        Availability::Unavailable
    } else if stock < quantity || stock <= LOW_STOCK {
        Availability::OnlyLeft(stock)
    } else {
        Availability::Available
    }
}

/// A quantity typed, sent or stored outside our control is out of range unless it is
/// 1..=`MAX_QUANTITY`. Refused, never silently turned into 1 or the maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("quantity must be between 1 and {MAX_QUANTITY}")]
pub struct QuantityOutOfRange;

/// A wanted quantity of one SKU: 1..=`MAX_QUANTITY`.
pub fn parse_quantity(quantity: i64) -> Result<i64, QuantityOutOfRange> {
    if (1..=MAX_QUANTITY).contains(&quantity) {
        Ok(quantity)
    } else {
        Err(QuantityOutOfRange)
    }
}

/// A quantity as typed in a box: digits (full-width too, as Chinese input methods type them).
pub fn parse_quantity_text(typed: &str) -> Result<i64, QuantityOutOfRange> {
    super::text::fold_width(typed)
        .trim()
        .parse::<i64>()
        .map_err(|_| QuantityOutOfRange)
        .and_then(parse_quantity)
}

/// Checks every line of a cart that came from outside (a browser's storage, a request): each
/// quantity in range, at most `MAX_LINES` lines.
pub fn parse_lines(lines: &[CartLine]) -> Result<(), QuantityOutOfRange> {
    if lines.len() > MAX_LINES {
        return Err(QuantityOutOfRange);
    }
    lines
        .iter()
        .try_for_each(|line| parse_quantity(line.quantity).map(|_| ()))
}

/// The most lines one cart holds.
pub const MAX_LINES: usize = 100;

/// Adds `quantity` (already parsed) of a SKU, merging with a line already there; a line never
/// holds more than `MAX_QUANTITY`.
pub fn add(lines: &mut Vec<CartLine>, sku_id: i64, quantity: i64) {
    match lines.iter_mut().find(|l| l.sku_id == sku_id) {
        Some(line) => line.quantity = (line.quantity + quantity).min(MAX_QUANTITY),
        None => lines.push(CartLine { sku_id, quantity }),
    }
}

/// Sets a line's quantity (already parsed); 0 removes it.
pub fn set_quantity(lines: &mut Vec<CartLine>, sku_id: i64, quantity: i64) {
    if quantity <= 0 {
        lines.retain(|l| l.sku_id != sku_id);
    } else if let Some(line) = lines.iter_mut().find(|l| l.sku_id == sku_id) {
        line.quantity = quantity.min(MAX_QUANTITY);
    } else {
        lines.push(CartLine {
            sku_id,
            quantity: quantity.min(MAX_QUANTITY),
        });
    }
}

/// Lines read back from a guest's browser storage, which anyone can edit: lines with a quantity
/// below 1 are dropped and larger ones cut to `MAX_QUANTITY`; true when anything was changed, so
/// the page can say so.
pub fn repair_stored(lines: &mut Vec<CartLine>) -> bool {
    let before = lines.clone();
    lines.retain(|l| l.quantity >= 1);
    for line in lines.iter_mut() {
        line.quantity = line.quantity.min(MAX_QUANTITY);
    }
    lines.truncate(MAX_LINES);
    *lines != before
}

/// How a wanted quantity fits today's stock: what can be bought, and what was wanted when that
/// is less. The cart, the checkout total and the order placed all use `quantity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fit {
    pub availability: Availability,
    /// What will be bought (for an unavailable line: what was wanted, bought is none).
    pub quantity: i64,
    /// The quantity the shopper had asked for, when the stock left makes it less.
    pub reduced_from: Option<i64>,
}

pub fn fit(on_sale: bool, stock: i64, wanted: i64) -> Fit {
    let availability = availability(on_sale, stock, wanted);
    match availability {
        Availability::OnlyLeft(left) if left < wanted => Fit {
            availability,
            quantity: left,
            reduced_from: Some(wanted),
        },
        _ => Fit {
            availability,
            quantity: wanted,
            reduced_from: None,
        },
    }
}

/// A line that cannot be bought as the shopper saw it: `available` is what is left now (0 when
/// sold out or no longer sold). Placing an order names every such line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockShortfall {
    pub sku_id: i64,
    /// Product name in the shopper's language.
    pub name: String,
    pub wanted: i64,
    pub available: i64,
}

/// A line as the cart page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartItem {
    pub sku_id: i64,
    pub product_slug: String,
    pub product_name: String,
    /// The chosen options in words ("Black · 256 GB").
    pub options: String,
    pub image: String,
    pub unit_price: Money,
    /// What will be bought: the quantity wanted, or less when less is left.
    pub quantity: i64,
    /// Set when the quantity was reduced to the stock left: what the shopper had asked for.
    pub reduced_from: Option<i64>,
    pub availability: Availability,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartView {
    pub items: Vec<CartItem>,
    /// Priced over the lines that can be bought (unavailable ones are left out).
    pub quote: Quote,
    /// Units that will be bought (unavailable lines are not counted).
    pub count: i64,
    /// The promotions running for this shopper, without a coupon or points: checkout prices the
    /// shopper's choices with them in the browser (the server prices the order again).
    pub offers: crate::domain::pricing::Offers,
    /// The member's coupons they may use now, the soonest to expire first (none for guests).
    pub coupons: Vec<crate::domain::promotion::HeldCoupon>,
    pub points_balance: i64,
}

/// At most this many unpaid orders per member: each one holds stock until paid or expired.
pub const MAX_UNPAID_ORDERS: i64 = 5;
/// At most this many units of one SKU held by one member's unpaid orders together.
pub const MAX_UNPAID_UNITS_PER_SKU: i64 = 99;

/// Why a member may not place another order while others wait for payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnpaidLimit {
    TooManyOrders,
    TooManyUnits { sku_id: i64 },
}

/// Checks a member's next order against what their unpaid orders already hold, so one account
/// cannot hold a shelf empty. `open_orders`: their unpaid orders; `held`: (SKU, units) those hold.
pub fn check_unpaid_limits(
    open_orders: i64,
    held: &[(i64, i64)],
    lines: &[CartLine],
) -> Result<(), UnpaidLimit> {
    if open_orders >= MAX_UNPAID_ORDERS {
        return Err(UnpaidLimit::TooManyOrders);
    }
    for line in lines {
        let already: i64 = held
            .iter()
            .filter(|(sku, _)| *sku == line.sku_id)
            .map(|(_, units)| units)
            .sum();
        if already + line.quantity > MAX_UNPAID_UNITS_PER_SKU {
            return Err(UnpaidLimit::TooManyUnits {
                sku_id: line.sku_id,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_warns_before_it_is_too_late() {
        assert_eq!(availability(true, 100, 2), Availability::Available);
        assert_eq!(availability(true, 5, 1), Availability::OnlyLeft(5));
        assert_eq!(availability(true, 2, 3), Availability::OnlyLeft(2));
        assert_eq!(availability(true, 0, 1), Availability::Unavailable);
        assert_eq!(availability(false, 50, 1), Availability::Unavailable);
    }

    #[test]
    fn adding_merges_lines_and_caps_quantities() {
        let mut lines = Vec::new();
        add(&mut lines, 7, 2);
        add(&mut lines, 9, 1);
        add(&mut lines, 7, 3);
        assert_eq!(
            lines,
            vec![
                CartLine {
                    sku_id: 7,
                    quantity: 5
                },
                CartLine {
                    sku_id: 9,
                    quantity: 1
                }
            ]
        );
        add(&mut lines, 7, MAX_QUANTITY);
        assert_eq!(lines[0].quantity, MAX_QUANTITY);
        set_quantity(&mut lines, 9, 0);
        assert_eq!(lines.len(), 1);
        set_quantity(&mut lines, 7, 3);
        assert_eq!(lines[0].quantity, 3);
    }

    #[test]
    fn quantities_outside_the_range_are_refused() {
        assert_eq!(parse_quantity(1), Ok(1));
        assert_eq!(parse_quantity(MAX_QUANTITY), Ok(MAX_QUANTITY));
        for bad in [-5, 0, MAX_QUANTITY + 1, i64::MAX, i64::MIN] {
            assert_eq!(parse_quantity(bad), Err(QuantityOutOfRange), "{bad}");
        }
        let line = |quantity| CartLine {
            sku_id: 1,
            quantity,
        };
        assert!(parse_lines(&[line(2), line(99)]).is_ok());
        assert!(parse_lines(&[line(2), line(-1)]).is_err());
        assert!(parse_lines(&vec![line(1); MAX_LINES + 1]).is_err());
    }

    #[test]
    fn typed_quantities_fold_full_width_digits() {
        assert_eq!(parse_quantity_text(" ３ "), Ok(3));
        assert_eq!(parse_quantity_text("12"), Ok(12));
        assert!(parse_quantity_text("-5").is_err());
        assert!(parse_quantity_text("1000").is_err());
        assert!(parse_quantity_text("two").is_err());
    }

    #[test]
    fn stored_guest_lines_are_repaired_and_reported() {
        let mut lines = vec![
            CartLine {
                sku_id: 1,
                quantity: -5,
            },
            CartLine {
                sku_id: 2,
                quantity: 1_000_000,
            },
            CartLine {
                sku_id: 3,
                quantity: 2,
            },
        ];
        assert!(repair_stored(&mut lines));
        assert_eq!(
            lines,
            vec![
                CartLine {
                    sku_id: 2,
                    quantity: MAX_QUANTITY
                },
                CartLine {
                    sku_id: 3,
                    quantity: 2
                }
            ]
        );
        assert!(!repair_stored(&mut lines), "nothing left to repair");
    }

    #[test]
    fn a_line_wanting_more_than_is_left_is_reduced_to_the_stock() {
        assert_eq!(
            fit(true, 2, 4),
            Fit {
                availability: Availability::OnlyLeft(2),
                quantity: 2,
                reduced_from: Some(4)
            }
        );
        assert_eq!(fit(true, 2, 2).reduced_from, None);
        assert_eq!(fit(true, 100, 4).quantity, 4);
        let gone = fit(true, 0, 4);
        assert_eq!(gone.availability, Availability::Unavailable);
        assert_eq!(gone.reduced_from, None);
    }

    #[test]
    fn unpaid_orders_cannot_hold_the_shelf() {
        let line = |sku_id, quantity| CartLine { sku_id, quantity };
        assert_eq!(check_unpaid_limits(0, &[], &[line(1, 99)]), Ok(()));
        assert_eq!(
            check_unpaid_limits(MAX_UNPAID_ORDERS, &[], &[line(1, 1)]),
            Err(UnpaidLimit::TooManyOrders)
        );
        assert_eq!(
            check_unpaid_limits(2, &[(1, 60), (2, 5), (1, 30)], &[line(2, 3), line(1, 10)]),
            Err(UnpaidLimit::TooManyUnits { sku_id: 1 })
        );
        assert_eq!(check_unpaid_limits(2, &[(1, 89)], &[line(1, 10)]), Ok(()));
    }
}
