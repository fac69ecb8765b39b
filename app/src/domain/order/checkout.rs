//! What the checkout page sends to place an order.

use crate::domain::account::AddressForm;
use crate::domain::cart::CartLine;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutForm {
    /// Made once per visit of the checkout page; placing it again returns the same order.
    pub checkout_token: String,
    /// Guests only; members' orders go to their account's email.
    pub email: String,
    pub address: AddressForm,
    pub shipping: String,
    /// The lines the page showed and priced. A guest's come from the browser; a member's must
    /// match their cart on the server, else the order is refused as `CartChanged`.
    pub lines: Vec<CartLine>,
    /// The payment method chosen: a configured provider's name ("alipay", "wechatpay",
    /// "sandbox"); empty for the first one offered. Anything else is refused as `PaymentMethod`.
    #[serde(default)]
    pub payment: String,
    /// The member's coupon copies chosen (`member_coupons.id`): at most one goods coupon and
    /// one free-shipping coupon.
    #[serde(default)]
    pub coupons: Vec<i64>,
    /// Points to redeem (0 for none); no more than the quote needs are used.
    #[serde(default)]
    pub points: i64,
    /// The total (fen) the page showed; another total is refused as `PriceChanged`.
    #[serde(default)]
    pub expected_total: Option<crate::domain::money::Money>,
}
