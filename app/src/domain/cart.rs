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

/// Adds `quantity` of a SKU, merging with a line already there; at most `MAX_QUANTITY` each.
pub fn add(lines: &mut Vec<CartLine>, sku_id: i64, quantity: i64) {
    let quantity = quantity.clamp(1, MAX_QUANTITY);
    match lines.iter_mut().find(|l| l.sku_id == sku_id) {
        Some(line) => line.quantity = (line.quantity + quantity).min(MAX_QUANTITY),
        None => lines.push(CartLine { sku_id, quantity }),
    }
}

/// Sets a line's quantity; 0 removes it.
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
    pub quantity: i64,
    pub availability: Availability,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartView {
    pub items: Vec<CartItem>,
    /// Priced over the lines that can be bought (unavailable ones are left out).
    pub quote: Quote,
    pub count: i64,
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
        add(&mut lines, 7, 500);
        assert_eq!(lines[0].quantity, MAX_QUANTITY);
        set_quantity(&mut lines, 9, 0);
        assert_eq!(lines.len(), 1);
        set_quantity(&mut lines, 7, 3);
        assert_eq!(lines[0].quantity, 3);
    }
}
