//! Mail as data: what a message says, as a kind and its parameters, kept in the outbox with the
//! recipient's language and put into words only when it is sent or shown (`i18n::mail`). So the
//! storage layer never composes text, and a message reads the same however late it goes out.

use super::locale::Locale;
use super::money::Money;
use serde::{Deserialize, Serialize};

/// One message's content. Stored as JSON (`{"kind":"order_paid","order_no":…}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mail {
    Welcome {
        email: String,
    },
    /// `link` carries the reset token: masked once sent.
    PasswordReset {
        link: String,
    },
    OrderPlaced {
        order_no: String,
        total: Money,
        /// Unix seconds: unpaid after this, the order is cancelled.
        pay_before: i64,
        /// The order page; a guest's carries their key (masked once sent).
        link: String,
    },
    OrderPaid {
        order_no: String,
        total: Money,
    },
    OrderShipped {
        order_no: String,
        /// A carrier code ("sf", "zto", …), named in the reader's language.
        carrier: String,
        tracking_no: String,
    },
    OrderRefunded {
        order_no: String,
        amount: Money,
    },
    /// To operators: a SKU's sellable count fell to its low-stock threshold.
    LowStock {
        sku_code: String,
        /// The product's name in the recipient's language.
        product: String,
        /// Units the shop can still sell.
        left: i64,
        threshold: i64,
    },
    /// To an applicant: the platform approved them as a supplier.
    SupplierApproved {
        company: String,
    },
    /// To an applicant: the platform did not approve them, and why (in the operator's words).
    SupplierRejected {
        company: String,
        reason: String,
    },
    /// A supplier's product submission was decided: `product` named in the supplier's language,
    /// and the operator's `reason` when it was rejected.
    ProductReviewed {
        product: String,
        approved: bool,
        reason: String,
    },
    /// A message written before mail was stored as parameters: its text as it was composed.
    Composed {
        subject: String,
        body: String,
    },
}

impl Mail {
    /// The kind's code, as stored beside the message (and shown to operators).
    pub fn kind(&self) -> &'static str {
        match self {
            Mail::Welcome { .. } => "welcome",
            Mail::PasswordReset { .. } => "password_reset",
            Mail::OrderPlaced { .. } => "order_placed",
            Mail::OrderPaid { .. } => "order_paid",
            Mail::OrderShipped { .. } => "order_shipped",
            Mail::OrderRefunded { .. } => "order_refunded",
            Mail::LowStock { .. } => "low_stock",
            Mail::SupplierApproved { .. } => "supplier_approved",
            Mail::SupplierRejected { .. } => "supplier_rejected",
            Mail::ProductReviewed { .. } => "product_reviewed",
            Mail::Composed { .. } => "composed",
        }
    }

    /// The stored parameters (JSON).
    pub fn to_params(&self) -> String {
        serde_json::to_string(self).expect("mail serialises")
    }

    /// The same message with links' secrets (reset tokens, guests' order keys) replaced by `…`:
    /// what is kept once it is sent, and what operators read.
    pub fn masked(&self) -> Mail {
        use super::text::mask_secrets;
        let mut mail = self.clone();
        match &mut mail {
            Mail::PasswordReset { link } | Mail::OrderPlaced { link, .. } => {
                *link = mask_secrets(link)
            }
            Mail::Composed { body, .. } => *body = mask_secrets(body),
            _ => {}
        }
        mail
    }

    /// Reads stored parameters; None when they are not a message we know.
    pub fn from_params(params: &str) -> Option<Mail> {
        serde_json::from_str(params).ok()
    }
}

/// A message waiting in (or sent from) the outbox, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedMail {
    pub id: i64,
    pub recipient: String,
    pub locale: Locale,
    pub mail: Mail,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// A message put into words, as it is sent and as operators read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub kind: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_round_trips_through_its_parameters() {
        let mail = Mail::OrderPlaced {
            order_no: "J2611290000001".into(),
            total: Money::from_fen(12_345),
            pay_before: 1_800_000_000,
            link: "https://shop.example/en/orders/J2611290000001?key=ab".into(),
        };
        let params = mail.to_params();
        assert!(params.starts_with(r#"{"kind":"order_placed""#), "{params}");
        assert_eq!(Mail::from_params(&params), Some(mail));
        assert_eq!(Mail::from_params("{}"), None);
    }
}
