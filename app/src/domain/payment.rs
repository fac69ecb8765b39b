//! Payments in pure Rust: what a provider tells us about a payment, in one canonical text form
//! (the bytes that get signed), and what we do with such a notice given the order's state.

use super::money::Money;
use super::order::OrderStatus;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentOutcome {
    Succeeded,
    Failed,
}

impl PaymentOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentOutcome::Succeeded => "succeeded",
            PaymentOutcome::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<PaymentOutcome> {
        match value {
            "succeeded" => Some(PaymentOutcome::Succeeded),
            "failed" => Some(PaymentOutcome::Failed),
            _ => None,
        }
    }

    /// The payment statuses a notice of this outcome may move a payment from. A payment only
    /// moves forward: pending → failed → succeeded is legal (the shopper retried with another
    /// card on the same payment), but a succeeded payment never goes back, and a failure after a
    /// failure changes nothing. Anything else is a duplicate or a late notice: ignored.
    pub fn moves_from(self) -> &'static [&'static str] {
        match self {
            PaymentOutcome::Succeeded => &["pending", "failed"],
            PaymentOutcome::Failed => &["pending"],
        }
    }
}

/// A provider's word about one payment: by callback, or on the browser's return.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentNotice {
    /// The provider's id of the payment.
    pub reference: String,
    /// Our order number, as we gave it to the provider.
    pub order_no: String,
    pub amount: Money,
    pub outcome: PaymentOutcome,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NoticeError {
    #[error("a field is missing or malformed")]
    Malformed,
}

impl PaymentNotice {
    /// `amount=…&order=…&reference=…&status=…`: keys sorted, values URL-safe by construction
    /// (checked by `parse`), so both sides sign exactly the same bytes.
    pub fn canonical(&self) -> String {
        format!(
            "amount={}&order={}&reference={}&status={}",
            self.amount.fen(),
            self.order_no,
            self.reference,
            self.outcome.as_str()
        )
    }

    pub fn parse(text: &str) -> Result<PaymentNotice, NoticeError> {
        let mut amount = None;
        let mut order_no = None;
        let mut reference = None;
        let mut outcome = None;
        for pair in text.trim().split('&') {
            let (key, value) = pair.split_once('=').ok_or(NoticeError::Malformed)?;
            match key {
                "amount" => amount = value.parse::<i64>().ok().filter(|fen| *fen > 0),
                "order" if is_token(value) => order_no = Some(value.to_string()),
                "reference" if is_token(value) => reference = Some(value.to_string()),
                "status" => outcome = PaymentOutcome::parse(value),
                // Unknown keys are refused: the signed text must be exactly what we understand.
                _ => return Err(NoticeError::Malformed),
            }
        }
        match (amount, order_no, reference, outcome) {
            (Some(amount), Some(order_no), Some(reference), Some(outcome)) => Ok(PaymentNotice {
                reference,
                order_no,
                amount: Money::from_fen(amount),
                outcome,
            }),
            _ => Err(NoticeError::Malformed),
        }
    }
}

/// Letters, digits and `-`/`_`, 1..=64 long: safe inside the canonical form and URLs.
pub fn is_token(value: &str) -> bool {
    (1..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What a successful payment notice does to an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settlement {
    /// The order was waiting for this money: it is paid now.
    MarkPaid,
    /// The money arrived, but the order can no longer take it (expired or cancelled): refund it
    /// and flag the order for operators. Never silently accepted.
    RefundLate,
    /// The amount is not the order's total: keep the money on hold and flag the order.
    AmountMismatch,
}

pub fn settle(order_status: OrderStatus, order_total: Money, paid: Money) -> Settlement {
    if paid != order_total {
        return Settlement::AmountMismatch;
    }
    match order_status {
        OrderStatus::PendingPayment => Settlement::MarkPaid,
        _ => Settlement::RefundLate,
    }
}

/// Points earned by a paid order: one per whole yuan paid, times the member level's
/// multiplier (`points_percent`: 150 earns one and a half points a yuan), rounded down.
pub fn points_for(total: Money, points_percent: i64) -> i64 {
    total.fen().max(0) / 100 * points_percent.max(0) / 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payments_only_move_forward() {
        use PaymentOutcome::*;
        // (status now, notice) → may it move?
        let may = |from: &str, outcome: PaymentOutcome| outcome.moves_from().contains(&from);
        assert!(may("pending", Failed) && may("pending", Succeeded));
        assert!(
            may("failed", Succeeded),
            "a retry with another card succeeded"
        );
        assert!(!may("failed", Failed), "a second failure changes nothing");
        for done in ["succeeded", "refunded", "held"] {
            assert!(
                !may(done, Failed) && !may(done, Succeeded),
                "{done} never goes back"
            );
        }
    }

    fn notice() -> PaymentNotice {
        PaymentNotice {
            reference: "SBX123".into(),
            order_no: "J2611220000001".into(),
            amount: Money::from_fen(12_345),
            outcome: PaymentOutcome::Succeeded,
        }
    }

    #[test]
    fn canonical_form_round_trips() {
        let text = notice().canonical();
        assert_eq!(
            text,
            "amount=12345&order=J2611220000001&reference=SBX123&status=succeeded"
        );
        assert_eq!(PaymentNotice::parse(&text), Ok(notice()));
    }

    #[test]
    fn malformed_notices_are_refused() {
        for bad in [
            "",
            "amount=12345&order=J1&reference=R1",
            "amount=-5&order=J1&reference=R1&status=succeeded",
            "amount=0&order=J1&reference=R1&status=succeeded",
            "amount=5&order=J 1&reference=R1&status=succeeded",
            "amount=5&order=J1&reference=R1&status=maybe",
            "amount=5&order=J1&reference=R1&status=succeeded&extra=1",
            "amount=5&order=J1&reference=R1&status",
        ] {
            assert_eq!(
                PaymentNotice::parse(bad),
                Err(NoticeError::Malformed),
                "{bad}"
            );
        }
    }

    #[test]
    fn only_a_pending_order_with_the_right_amount_is_paid() {
        let total = Money::from_fen(500);
        assert_eq!(
            settle(OrderStatus::PendingPayment, total, total),
            Settlement::MarkPaid
        );
        assert_eq!(
            settle(OrderStatus::Cancelled, total, total),
            Settlement::RefundLate
        );
        assert_eq!(
            settle(OrderStatus::PendingPayment, total, Money::from_fen(499)),
            Settlement::AmountMismatch
        );
    }

    #[test]
    fn a_point_per_whole_yuan() {
        assert_eq!(points_for(Money::from_fen(12_399), 100), 123);
        assert_eq!(points_for(Money::from_fen(99), 100), 0);
        assert_eq!(points_for(Money::from_fen(12_399), 150), 184);
        assert_eq!(points_for(Money::from_fen(12_399), 200), 246);
    }
}
