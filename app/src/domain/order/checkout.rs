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
}
