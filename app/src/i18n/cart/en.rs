use super::CartTexts;

pub static CART: CartTexts = CartTexts {
    title: "Cart",
    quantity_for: "Quantity for {}",
    remove: "Remove {}",
    checkout: "Checkout",
    only_left: "Only {} left",
    unavailable: "No longer available",
    unit_price: "Unit price",
    line_total: "Line total",
    subtotal: "Subtotal",
    total: "Total",
    how_total: "How this total was reached",
    shipping_later: "Shipping is added at checkout once you choose an address and a method.",
    added: "Added to cart.",
    view_cart: "View cart",
    items_in_cart: "{} items in your cart",
    left_out: "Not counted: no longer available.",
    shipping: "Shipping",
    quantity_out_of_range: "Choose a quantity from 1 to {}.",
    reduced_to_stock: "You asked for {}; the quantity was lowered to what is left.",
    stored_cart_repaired: "Some quantities saved in this browser were not possible and have been corrected (1 to 99 each).",
};
