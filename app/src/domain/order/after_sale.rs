//! After-sale in pure Rust: which request fits which order, and what approving it does.

use super::{OrderEvent, OrderStatus};
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

/// Where a request stands: open → approved (refund only) or awaiting return → approved once the
/// goods are back; or rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AfterSaleStatus {
    Open,
    /// Approved; the shop waits for the goods to come back.
    AwaitingReturn,
    /// Done: refunded, or the replacement sent.
    Approved,
    Rejected,
}

impl AfterSaleStatus {
    pub const ALL: [AfterSaleStatus; 4] = [
        AfterSaleStatus::Open,
        AfterSaleStatus::AwaitingReturn,
        AfterSaleStatus::Approved,
        AfterSaleStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AfterSaleStatus::Open => "open",
            AfterSaleStatus::AwaitingReturn => "awaiting_return",
            AfterSaleStatus::Approved => "approved",
            AfterSaleStatus::Rejected => "rejected",
        }
    }

    pub fn parse(value: &str) -> Option<AfterSaleStatus> {
        AfterSaleStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
    }

    /// Still being handled: messages may be added and no second request opened.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            AfterSaleStatus::Open | AfterSaleStatus::AwaitingReturn
        )
    }
}

/// What an operator's decision does to the order, its stock and the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The order's move now; None while returned goods are awaited.
    pub event: Option<OrderEvent>,
    pub status: AfterSaleStatus,
    /// Refund the order's total through the payment provider.
    pub refund: bool,
    /// The goods are back on the shelf (they never left).
    pub restock: bool,
}

/// `resume_to` is where the order was when the request was made.
pub fn decide(kind: AfterSaleKind, approve: bool, resume_to: OrderStatus) -> Decision {
    if !approve {
        return Decision {
            event: Some(OrderEvent::CloseAfterSale { resume_to }),
            status: AfterSaleStatus::Rejected,
            refund: false,
            restock: false,
        };
    }
    match kind {
        AfterSaleKind::RefundOnly => Decision {
            event: Some(OrderEvent::RefundInFull),
            status: AfterSaleStatus::Approved,
            refund: true,
            // Before shipping the goods are still here; missing items are not.
            restock: resume_to == OrderStatus::Paid,
        },
        // Nothing moves until the goods are back (see `goods_returned`).
        AfterSaleKind::ReturnAndRefund | AfterSaleKind::Exchange => Decision {
            event: None,
            status: AfterSaleStatus::AwaitingReturn,
            refund: false,
            restock: false,
        },
    }
}

/// What the arrival of returned goods does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arrival {
    pub event: OrderEvent,
    /// Refund the order's total and put the returned goods back on the shelf.
    pub refund_and_restock: bool,
    /// A replacement goes out (with a carrier and tracking number). The returned goods go back
    /// on the shelf and the same goods leave again, so stock is even.
    pub reship: bool,
}

/// None for requests that never wait for goods.
pub fn goods_returned(kind: AfterSaleKind) -> Option<Arrival> {
    match kind {
        AfterSaleKind::RefundOnly => None,
        AfterSaleKind::ReturnAndRefund => Some(Arrival {
            event: OrderEvent::RefundInFull,
            refund_and_restock: true,
            reship: false,
        }),
        AfterSaleKind::Exchange => Some(Arrival {
            event: OrderEvent::Reship,
            refund_and_restock: false,
            reship: true,
        }),
    }
}

/// A photo of what went wrong may be this large.
pub const PHOTO_MAX_BYTES: usize = 5 * 1024 * 1024;

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
                    let after = match decision.event {
                        Some(event) => transition(open, event).unwrap(),
                        None => open,
                    };
                    if !approve {
                        assert_eq!(after, status);
                        assert_eq!(decision.status, AfterSaleStatus::Rejected);
                        assert!(!decision.refund && !decision.restock);
                    }
                    if decision.status == AfterSaleStatus::AwaitingReturn {
                        let arrival = goods_returned(kind).expect("goods are awaited");
                        let done = transition(after, arrival.event).unwrap();
                        assert!(matches!(done, OrderStatus::Refunded | OrderStatus::Shipped));
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
        // Returns and exchanges move nothing until the goods are back.
        for kind in [AfterSaleKind::ReturnAndRefund, AfterSaleKind::Exchange] {
            let approved = decide(kind, true, OrderStatus::Delivered);
            assert_eq!(approved.event, None);
            assert_eq!(approved.status, AfterSaleStatus::AwaitingReturn);
            assert!(!approved.refund && !approved.restock);
        }
        let returned = goods_returned(AfterSaleKind::ReturnAndRefund).unwrap();
        assert!(returned.refund_and_restock && !returned.reship);
        assert_eq!(returned.event, OrderEvent::RefundInFull);
        let exchanged = goods_returned(AfterSaleKind::Exchange).unwrap();
        assert!(!exchanged.refund_and_restock && exchanged.reship);
        assert_eq!(exchanged.event, OrderEvent::Reship);
        assert_eq!(goods_returned(AfterSaleKind::RefundOnly), None);
        for status in AfterSaleStatus::ALL {
            assert_eq!(AfterSaleStatus::parse(status.as_str()), Some(status));
        }
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
