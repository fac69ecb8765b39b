//! Payment providers (server only). Checkout talks to a provider only through this trait, so a
//! real gateway is one more implementation; the built-in sandbox behaves like one (hosted page,
//! signed callbacks that come late, twice, or before the shopper is back, refunds).

pub mod sandbox;

use crate::domain::money::Money;
use crate::domain::payment::PaymentNotice;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;

pub struct PaymentRequest<'a> {
    pub order_no: &'a str,
    pub amount: Money,
    /// Where the provider sends the shopper's browser afterwards.
    pub return_url: String,
    /// Where the provider posts its signed callback.
    pub notify_url: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartedPayment {
    /// The provider's id of this payment.
    pub reference: String,
    /// The provider's page where the shopper pays.
    pub redirect_url: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    #[error("the signature does not match")]
    BadSignature,
    #[error("the message is malformed")]
    Malformed,
    #[error("the provider refused: {0}")]
    Refused(String),
    #[error("the provider could not be reached: {0}")]
    Unavailable(String),
}

#[async_trait::async_trait]
pub trait PaymentProvider: Send + Sync {
    /// Stored with each payment, so callbacks and refunds find their provider.
    fn name(&self) -> &'static str;

    async fn start(&self, request: PaymentRequest<'_>) -> Result<StartedPayment, ProviderError>;

    /// Checks a callback (or a browser return) against its signature and reads it.
    fn verify(&self, body: &str, signature: &str) -> Result<PaymentNotice, ProviderError>;

    /// Gives `amount` of the payment `reference` back; returns the provider's refund id.
    async fn refund(&self, reference: &str, amount: Money) -> Result<String, ProviderError>;
}

/// The provider the server was configured with, as server functions find it in their context.
#[derive(Clone)]
pub struct Payments(pub Arc<dyn PaymentProvider>);

/// HMAC-SHA256 of `text`, hex-encoded: how the sandbox (like most gateways) signs.
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
}
