//! After-sale in pure Rust: which request fits which parcel of which order, and what approving
//! it does. A request is made on one parcel (see `shipment`) and handled by the parcel's owner;
//! its refund is the parcel's share of what was paid.

use super::shipment::ShipmentStatus;
use super::OrderStatus;
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

    /// Goods must have been sent before they can come back; money comes back for goods not
    /// received (not once the shopper confirmed receipt). `order` is the order's status,
    /// `parcel` the parcel's the request is about.
    pub fn fits(self, order: OrderStatus, parcel: ShipmentStatus) -> bool {
        let order_open = matches!(
            order,
            OrderStatus::Paid
                | OrderStatus::PartlyShipped
                | OrderStatus::Shipped
                | OrderStatus::Delivered
                | OrderStatus::Completed
        );
        order_open
            && match self {
                AfterSaleKind::RefundOnly => {
                    order != OrderStatus::Completed
                        && matches!(
                            parcel,
                            ShipmentStatus::Waiting
                                | ShipmentStatus::Shipped
                                | ShipmentStatus::Delivered
                        )
                }
                AfterSaleKind::ReturnAndRefund | AfterSaleKind::Exchange => parcel.has_left(),
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

/// What the owner's decision does to the parcel, its stock and the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    pub status: AfterSaleStatus,
    /// The request ends now and the order moves on: back where it was when rejected, else
    /// where its parcels stand (`shipment::closing_event`). False while goods are awaited.
    pub ends: bool,
    /// The parcel's share goes back through the payment provider; the parcel is refunded.
    pub refund: bool,
    /// The parcel's goods go back on the shelf (they never left).
    pub restock: bool,
}

/// `parcel` is where the request's parcel stands.
pub fn decide(kind: AfterSaleKind, approve: bool, parcel: ShipmentStatus) -> Decision {
    if !approve {
        return Decision {
            status: AfterSaleStatus::Rejected,
            ends: true,
            refund: false,
            restock: false,
        };
    }
    match kind {
        AfterSaleKind::RefundOnly => Decision {
            status: AfterSaleStatus::Approved,
            ends: true,
            refund: true,
            // Before shipping the goods are still here; missing items are not.
            restock: parcel == ShipmentStatus::Waiting,
        },
        // Nothing moves until the goods are back (see `goods_returned`).
        AfterSaleKind::ReturnAndRefund | AfterSaleKind::Exchange => Decision {
            status: AfterSaleStatus::AwaitingReturn,
            ends: false,
            refund: false,
            restock: false,
        },
    }
}

/// What the arrival of returned goods does (the order then moves to where its parcels stand).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arrival {
    /// Refund the parcel's share and put the returned goods back on the shelf.
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
            refund_and_restock: true,
            reship: false,
        }),
        AfterSaleKind::Exchange => Some(Arrival {
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
    use crate::domain::order::shipment::closing_event;
    use crate::domain::order::{transition, OrderEvent};
    use ShipmentStatus as P;

    #[test]
    fn refund_only_before_shipping_and_returns_after() {
        let kinds = AfterSaleKind::ALL;
        assert!(AfterSaleKind::RefundOnly.fits(OrderStatus::Paid, P::Waiting));
        assert!(!AfterSaleKind::ReturnAndRefund.fits(OrderStatus::Paid, P::Waiting));
        assert!(AfterSaleKind::ReturnAndRefund.fits(OrderStatus::Delivered, P::Delivered));
        assert!(AfterSaleKind::Exchange.fits(OrderStatus::Completed, P::Delivered));
        assert!(!AfterSaleKind::RefundOnly.fits(OrderStatus::Completed, P::Delivered));
        // One parcel shipped, the other waiting: a return of the first, money back for the second.
        assert!(AfterSaleKind::ReturnAndRefund.fits(OrderStatus::PartlyShipped, P::Shipped));
        assert!(AfterSaleKind::RefundOnly.fits(OrderStatus::PartlyShipped, P::Waiting));
        assert!(!AfterSaleKind::Exchange.fits(OrderStatus::PartlyShipped, P::Waiting));
        for kind in kinds {
            for parcel in P::ALL {
                assert!(!kind.fits(OrderStatus::PendingPayment, parcel));
                assert!(!kind.fits(OrderStatus::Cancelled, parcel));
                assert!(!kind.fits(OrderStatus::AfterSale, parcel));
            }
            assert!(!kind.fits(OrderStatus::Shipped, P::Refunded));
            assert!(!kind.fits(OrderStatus::Shipped, P::Cancelled));
        }
    }

    /// A one-parcel order: every fitting request can be opened and decided, and ends where the
    /// whole-order rules always said (rejected: back; refunded: closed; exchanged: shipped).
    #[test]
    fn every_fitting_request_can_be_opened_and_decided() {
        let parcel_for = |status: OrderStatus| match status {
            OrderStatus::Paid => P::Waiting,
            OrderStatus::Shipped => P::Shipped,
            _ => P::Delivered,
        };
        for kind in AfterSaleKind::ALL {
            for status in [
                OrderStatus::Paid,
                OrderStatus::Shipped,
                OrderStatus::Delivered,
                OrderStatus::Completed,
            ] {
                let parcel = parcel_for(status);
                if !kind.fits(status, parcel) {
                    continue;
                }
                let open = transition(status, OrderEvent::RequestAfterSale).unwrap();
                for approve in [true, false] {
                    let decision = decide(kind, approve, parcel);
                    if !approve {
                        let back = OrderEvent::CloseAfterSale { resume_to: status };
                        assert_eq!(transition(open, back).unwrap(), status);
                        assert_eq!(decision.status, AfterSaleStatus::Rejected);
                        assert!(decision.ends && !decision.refund && !decision.restock);
                        continue;
                    }
                    let after = if decision.ends {
                        let event = closing_event(&[P::Refunded], false, false);
                        transition(open, event).unwrap()
                    } else {
                        let arrival = goods_returned(kind).expect("goods are awaited");
                        let parcel = if arrival.reship {
                            P::Shipped
                        } else {
                            P::Refunded
                        };
                        let event = closing_event(
                            &[parcel],
                            status == OrderStatus::Completed,
                            arrival.reship,
                        );
                        transition(open, event).unwrap()
                    };
                    assert!(matches!(
                        after,
                        OrderStatus::Refunded | OrderStatus::Shipped
                    ));
                }
            }
        }
    }

    #[test]
    fn what_approval_does() {
        let before_shipping = decide(AfterSaleKind::RefundOnly, true, P::Waiting);
        assert!(before_shipping.refund && before_shipping.restock && before_shipping.ends);
        let missing = decide(AfterSaleKind::RefundOnly, true, P::Delivered);
        assert!(missing.refund && !missing.restock);
        // Returns and exchanges move nothing until the goods are back.
        for kind in [AfterSaleKind::ReturnAndRefund, AfterSaleKind::Exchange] {
            let approved = decide(kind, true, P::Delivered);
            assert!(!approved.ends);
            assert_eq!(approved.status, AfterSaleStatus::AwaitingReturn);
            assert!(!approved.refund && !approved.restock);
        }
        let returned = goods_returned(AfterSaleKind::ReturnAndRefund).unwrap();
        assert!(returned.refund_and_restock && !returned.reship);
        let exchanged = goods_returned(AfterSaleKind::Exchange).unwrap();
        assert!(!exchanged.refund_and_restock && exchanged.reship);
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
