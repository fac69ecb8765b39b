//! Payment providers (server only). Checkout talks to a provider only through this trait, so
//! each gateway is one implementation: Alipay (`alipay`), WeChat Pay API v3 (`wechat_pay`) and
//! the built-in sandbox (`sandbox`, for demos and tests), which behaves like a real one (hosted
//! page, signed callbacks that come late, twice, or before the shopper is back, refunds).
//!
//! What every provider does the same way: a payment we open carries our own reference (the
//! merchant's trade number, `out_trade_no`), which is what callbacks, returns, queries and
//! refunds name; the amount is integer fen on our side whatever the gateway's format.

pub mod alipay;
pub mod keys;
pub mod sandbox;
pub mod wechat_pay;

use crate::domain::money::Money;
use crate::domain::payment::PaymentNotice;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;

pub struct PaymentRequest<'a> {
    pub order_no: &'a str,
    /// What the shopper pays, in fen.
    pub amount: Money,
    /// Where the provider sends the shopper's browser afterwards.
    pub return_url: String,
    /// Where the provider posts its signed callback.
    pub notify_url: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartedPayment {
    /// Our id of this payment at the provider (the merchant trade number).
    pub reference: String,
    /// Where the shopper pays: the provider's page, or ours showing the provider's QR code.
    pub redirect_url: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    #[error("the signature does not match")]
    BadSignature,
    #[error("the message is malformed: {0}")]
    Malformed(String),
    #[error("the provider refused: {0}")]
    Refused(String),
    #[error("the provider could not be reached: {0}")]
    Unavailable(String),
}

/// What we answer a provider's callback with; each gateway documents its own acknowledgement
/// (Alipay: the text `success`; WeChat Pay v3: 200 with no body, or 4xx with a JSON reason).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallbackAnswer {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
}

/// The shopper's browser came back from the provider: which order, and what the provider says
/// about the payment now (None while it is still open).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrowserReturn {
    pub order_no: String,
    pub notice: Option<PaymentNotice>,
}

/// Money to give back. `refund_no` is stable for the same payment, so a retried refund whose
/// first answer was lost is recognised by the gateway instead of paid twice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundRequest<'a> {
    pub reference: &'a str,
    pub refund_no: &'a str,
    /// Given back, in fen.
    pub amount: Money,
    /// The payment's whole amount, in fen (WeChat Pay asks for it).
    pub paid: Money,
}

#[async_trait::async_trait]
pub trait PaymentProvider: Send + Sync {
    /// Stored with each payment, so callbacks and refunds find their provider; also the path
    /// segment of its callback routes (`/payments/{name}/notify`).
    fn name(&self) -> &'static str;

    async fn start(&self, request: PaymentRequest<'_>) -> Result<StartedPayment, ProviderError>;

    /// Checks a server-to-server callback against its signature and reads it. `Ok(None)`: a
    /// genuine callback with nothing to apply (a trade still waiting, a refund notice).
    fn verify_notification(
        &self,
        headers: &http::HeaderMap,
        body: &str,
    ) -> Result<Option<PaymentNotice>, ProviderError>;

    /// The answer the provider expects after a callback was (or was not) taken.
    fn answer(&self, accepted: bool) -> CallbackAnswer;

    /// Reads the shopper's return (its query string). Where the return carries no signed
    /// result, the provider is asked ([`PaymentProvider::query`]).
    async fn browser_return(&self, query: &str) -> Result<BrowserReturn, ProviderError>;

    /// Asks the provider about a payment; `Ok(None)` while it is open or when the provider
    /// does not know the trade.
    async fn query(&self, reference: &str) -> Result<Option<PaymentNotice>, ProviderError>;

    /// Gives money back; returns the provider's refund id.
    async fn refund(&self, request: RefundRequest<'_>) -> Result<String, ProviderError>;
}

/// The providers the server was configured with, in the order the checkout offers them; server
/// functions find it in their context.
#[derive(Clone, Default)]
pub struct Payments(Vec<Arc<dyn PaymentProvider>>);

impl Payments {
    pub fn new(providers: Vec<Arc<dyn PaymentProvider>>) -> Payments {
        Payments(providers)
    }

    pub fn get(&self, name: &str) -> Option<&dyn PaymentProvider> {
        self.0.iter().find(|p| p.name() == name).map(|p| p.as_ref())
    }

    /// The chosen provider, or the first one when none was named.
    pub fn choose(&self, name: Option<&str>) -> Option<&dyn PaymentProvider> {
        match name.filter(|n| !n.is_empty()) {
            Some(name) => self.get(name),
            None => self.0.first().map(|p| p.as_ref()),
        }
    }

    pub fn names(&self) -> Vec<String> {
        self.0.iter().map(|p| p.name().to_string()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Our reference for a new payment of `order_no`: the order number, a dash and 8 random hex
/// digits (at most 32 characters, WeChat Pay's limit for `out_trade_no`). Each attempt to pay
/// gets its own, as both gateways require a new trade number after a closed one.
pub fn new_reference(order_no: &str) -> String {
    format!(
        "{order_no}-{}",
        hex::encode_upper(rand::random::<[u8; 4]>())
    )
}

/// The order number inside a reference made by [`new_reference`].
pub fn order_of_reference(reference: &str) -> Option<&str> {
    reference
        .rsplit_once('-')
        .map(|(order, _)| order)
        .filter(|order| crate::domain::payment::is_token(order))
}

/// HMAC-SHA256 of `text`, hex-encoded: how the sandbox signs.
pub fn sign(secret: &[u8], text: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any size");
    mac.update(text.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Compares in constant time, so a forger learns nothing from how long a refusal takes.
pub fn signature_matches(secret: &[u8], text: &str, signature: &str) -> bool {
    let Ok(given) = hex::decode(signature.trim()) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any size");
    mac.update(text.as_bytes());
    mac.verify_slice(&given).is_ok()
}

/// One HTTP client for the gateways: TLS by rustls, short timeouts (a stuck gateway must not
/// hold a checkout).
pub(crate) fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(5))
        .timeout(std::time::Duration::from_secs(15))
        .user_agent("Jishi/1.0")
        .build()
        .expect("the HTTP client builds with its fixed settings")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_and_reject_changes() {
        let signature = sign(
            b"secret",
            "amount=100&order=J1&reference=R1&status=succeeded",
        );
        assert!(signature_matches(
            b"secret",
            "amount=100&order=J1&reference=R1&status=succeeded",
            &signature
        ));
        assert!(!signature_matches(
            b"secret",
            "amount=101&order=J1&reference=R1&status=succeeded",
            &signature
        ));
        assert!(!signature_matches(
            b"other",
            "amount=100&order=J1&reference=R1&status=succeeded",
            &signature
        ));
        assert!(!signature_matches(b"secret", "x", "not hex"));
    }

    #[test]
    fn references_name_their_order_and_fit_wechat_pay() {
        let reference = new_reference("J2611290000001");
        assert!(reference.len() <= 32);
        assert_eq!(order_of_reference(&reference), Some("J2611290000001"));
        assert_ne!(reference, new_reference("J2611290000001"));
        assert_eq!(order_of_reference("nodash"), None);
    }
}
