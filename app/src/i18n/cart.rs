//! Strings of the cart.

pub mod en;
pub mod zh_hans;
pub mod zh_hant;

pub struct CartTexts {
    pub title: &'static str,
    pub quantity_for: &'static str,
    pub remove: &'static str,
    pub checkout: &'static str,
    pub only_left: &'static str,
    pub unavailable: &'static str,
    pub unit_price: &'static str,
    pub line_total: &'static str,
    pub subtotal: &'static str,
    pub total: &'static str,
    pub how_total: &'static str,
    pub shipping_later: &'static str,
    pub added: &'static str,
    pub view_cart: &'static str,
    pub items_in_cart: &'static str,
    pub left_out: &'static str,
    pub shipping: &'static str,
    /// `{}` is the largest quantity allowed.
    pub quantity_out_of_range: &'static str,
    /// At a line whose quantity was cut to the stock left: `{}` is what the shopper had asked for.
    pub reduced_to_stock: &'static str,
    /// The browser's stored cart held impossible quantities and was repaired.
    pub stored_cart_repaired: &'static str,
}
