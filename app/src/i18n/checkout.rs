//! Strings of the checkout page and of an order the shop refused to place.

pub mod en;
pub mod zh_hans;
pub mod zh_hant;

pub struct CheckoutTexts {
    pub title: &'static str,
    pub contact: &'static str,
    pub email: &'static str,
    pub guest_hint: &'static str,
    pub have_account: &'static str,
    pub create_account: &'static str,
    pub account_hint: &'static str,
    pub shipping_address: &'static str,
    pub saved_addresses: &'static str,
    pub new_address: &'static str,
    pub shipping_method: &'static str,
    pub free: &'static str,
    pub free_over: &'static str,
    pub choose_region_first: &'static str,
    pub place_order: &'static str,
    pub placing: &'static str,
    pub cart_changed: &'static str,
    /// Before the lines of a refused order.
    pub stock_changed: &'static str,
    /// A line that has fewer left than wanted: name, wanted, left (in this order).
    pub shortfall: &'static str,
    /// A line that is gone: `{}` is its name.
    pub shortfall_sold_out: &'static str,
}
