//! After-sale in pure Rust: which request fits which order, and what approving it does.

use super::order::{OrderEvent, OrderStatus};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AfterSaleKind {
    /// Money back without sending goods: before shipping, or for items that never arrived.
    RefundOnly,
    /// The goods come back, then the money.
    ReturnAndRefund,
    /// The goods come back and the same goods go out again.
    Exchange,
}

impl AfterSaleKind {
    pub const ALL: [AfterSaleKind; 3] = [
        AfterSaleKind::RefundOnly,
        AfterSaleKind::ReturnAndRefund,
        AfterSaleKind::Exchange,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AfterSaleKind::RefundOnly => "refund_only",
            AfterSaleKind::ReturnAndRefund => "return_refund",
            AfterSaleKind::Exchange => "exchange",
        }
    }

    pub fn parse(value: &str) -> Option<AfterSaleKind> {
        AfterSaleKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// Goods must have been sent before they can come back.
    pub fn fits(self, status: OrderStatus) -> bool {
        match self {
            AfterSaleKind::RefundOnly => matches!(
                status,
                OrderStatus::Paid | OrderStatus::Shipped | OrderStatus::Delivered
            ),
            AfterSaleKind::ReturnAndRefund | AfterSaleKind::Exchange => matches!(
                status,
                OrderStatus::Shipped | OrderStatus::Delivered | OrderStatus::Completed
            ),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AfterSaleStatus {
    Open,
    Approved,
    Rejected,
}

impl AfterSaleStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AfterSaleStatus::Open => "open",
            AfterSaleStatus::Approved => "approved",
            AfterSaleStatus::Rejected => "rejected",
        }
    }

    pub fn parse(value: &str) -> Option<AfterSaleStatus> {
        [
            AfterSaleStatus::Open,
            AfterSaleStatus::Approved,
            AfterSaleStatus::Rejected,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// What an operator's decision does to the order and its stock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    pub event: OrderEvent,
    /// Refund the order's total through the payment provider.
    pub refund: bool,
    /// The goods are back on the shelf (they never left, or they were returned).
    pub restock: bool,
}

/// `resume_to` is where the order was when the request was made.
pub fn decide(kind: AfterSaleKind, approve: bool, resume_to: OrderStatus) -> Decision {
    let close = Decision {
        event: OrderEvent::CloseAfterSale { resume_to },
        refund: false,
        restock: false,
    };
    if !approve {
        return close;
    }
    match kind {
        AfterSaleKind::RefundOnly => Decision {
            event: OrderEvent::RefundInFull,
            refund: true,
            // Before shipping the goods are still here; missing items are not.
            restock: resume_to == OrderStatus::Paid,
        },
        AfterSaleKind::ReturnAndRefund => Decision {
            event: OrderEvent::RefundInFull,
            refund: true,
            restock: true,
        },
        // The returned goods go back on the shelf and the same goods go out again: stock is even.
        AfterSaleKind::Exchange => close,
    }
}

/// A reason or message: 2–500 characters, no control characters except line breaks.
pub fn parse_message(raw: &str) -> Option<String> {
    let value = raw.trim();
    let length = value.chars().count();
    ((2..=500).contains(&length)
        && !value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r'))
    .then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::transition;

    #[test]
    fn refund_only_before_shipping_and_returns_after() {
        assert!(AfterSaleKind::RefundOnly.fits(OrderStatus::Paid));
        assert!(!AfterSaleKind::ReturnAndRefund.fits(OrderStatus::Paid));
        assert!(AfterSaleKind::ReturnAndRefund.fits(OrderStatus::Delivered));
        assert!(AfterSaleKind::Exchange.fits(OrderStatus::Completed));
        for kind in AfterSaleKind::ALL {
            assert!(!kind.fits(OrderStatus::PendingPayment));
            assert!(!kind.fits(OrderStatus::Cancelled));
            assert!(!kind.fits(OrderStatus::AfterSale));
        }
    }

    #[test]
    fn every_fitting_request_can_be_opened_and_decided() {
        for kind in AfterSaleKind::ALL {
            for status in OrderStatus::ALL.into_iter().filter(|s| kind.fits(*s)) {
                let open = transition(status, OrderEvent::RequestAfterSale).unwrap();
                for approve in [true, false] {
                    let decision = decide(kind, approve, status);
                    let after = transition(open, decision.event).unwrap();
                    if !approve {
                        assert_eq!(after, status);
                        assert!(!decision.refund && !decision.restock);
                    }
                }
            }
        }
    }

    #[test]
    fn what_approval_does() {
        let before_shipping = decide(AfterSaleKind::RefundOnly, true, OrderStatus::Paid);
        assert!(before_shipping.refund && before_shipping.restock);
        let missing = decide(AfterSaleKind::RefundOnly, true, OrderStatus::Delivered);
        assert!(missing.refund && !missing.restock);
        let returned = decide(AfterSaleKind::ReturnAndRefund, true, OrderStatus::Delivered);
        assert!(returned.refund && returned.restock);
        let exchange = decide(AfterSaleKind::Exchange, true, OrderStatus::Delivered);
        assert!(!exchange.refund && !exchange.restock);
    }

    #[test]
    fn messages() {
        assert_eq!(parse_message("  broken lid "), Some("broken lid".into()));
        assert_eq!(parse_message("x"), None);
        assert_eq!(parse_message(&"長".repeat(501)), None);
        assert_eq!(parse_message("bad\u{0}byte"), None);
        assert!(parse_message("line one\nline two").is_some());
    }
}
