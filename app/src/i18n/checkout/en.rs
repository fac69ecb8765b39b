use super::CheckoutTexts;

pub static CHECKOUT: CheckoutTexts = CheckoutTexts {
    title: "Checkout",
    contact: "Contact",
    email: "Email",
    guest_hint: "You are checking out as a guest; the order confirmation goes to this email.",
    have_account: "Sign in",
    create_account: "Create an account",
    account_hint: "Members keep their orders, addresses and points in one place.",
    shipping_address: "Shipping address",
    saved_addresses: "Saved addresses",
    new_address: "A new address",
    shipping_method: "Shipping method",
    free: "Free",
    free_over: "free over {}",
    choose_region_first: "Choose a region to see shipping fees.",
    place_order: "Place order",
    placing: "Placing your order…",
    cart_changed: "Your cart is empty or has changed. Please check it again.",
    stock_changed: "Nothing was ordered: stock changed since your cart was shown.",
    shortfall: "{}: you asked for {}, {} left.",
    shortfall_sold_out: "{}: sold out or no longer sold.",
};
