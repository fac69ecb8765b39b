//! The order state machine. An order moves only along these arrows; anything else is refused
//! with the reason, and every accepted move is recorded (who, when, why) by the caller.
//!
//! ```text
//! pending_payment ──pay──▶ paid ──ship──▶ shipped ──deliver──▶ delivered ──complete──▶ completed
//!        │                  │   │            ▲                     │
//!        │                  │   └ship part─▶ partly_shipped ─ship─┘│
//!        └─cancel/expire─▶ cancelled ◀─cancel┘ (before shipping)   │
//! paid, partly_shipped, shipped, delivered, completed ──request after-sale──▶ after_sale
//! after_sale ──close──▶ (back to where the parcels stand, or refunded)
//! after_sale ──reship (exchange: the replacement goes out)──▶ shipped
//! ```
//!
//! An order with goods of several owners leaves in one parcel per owner (see [`shipment`]):
//! "ship part" is a parcel shipping while others still wait, "ship" the last one.

pub mod after_sale;
pub mod checkout;
mod record;
pub mod shipment;
pub use record::{Actor, MoveReason};

use super::money::Money;
use super::shipping::TrackingEvent;
use after_sale::{AfterSaleKind, AfterSaleStatus};
use serde::{Deserialize, Serialize};
use shipment::ShipmentStatus;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderStatus {
    PendingPayment,
    Paid,
    /// Some parcels are on their way, others still wait to ship.
    PartlyShipped,
    Shipped,
    Delivered,
    Completed,
    Cancelled,
    /// A refund, return or exchange is being handled.
    AfterSale,
    /// Money went back in full; the order is closed.
    Refunded,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 9] = [
        OrderStatus::PendingPayment,
        OrderStatus::Paid,
        OrderStatus::PartlyShipped,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
        OrderStatus::AfterSale,
        OrderStatus::Refunded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "pending_payment",
            OrderStatus::Paid => "paid",
            OrderStatus::PartlyShipped => "partly_shipped",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Completed => "completed",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::AfterSale => "after_sale",
            OrderStatus::Refunded => "refunded",
        }
    }

    pub fn parse(value: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// No further moves are possible.
    pub fn is_final(self) -> bool {
        matches!(self, OrderStatus::Cancelled | OrderStatus::Refunded)
    }
}

/// What can happen to an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderEvent {
    /// The payment provider confirmed the money.
    Pay,
    /// The shopper or an operator cancels before shipping.
    Cancel,
    /// The payment window passed without payment.
    Expire,
    /// The last parcel waiting ships (the only one, for an order of one owner's goods).
    Ship,
    /// A parcel ships while others still wait.
    ShipPart,
    Deliver,
    /// The shopper confirms receipt, or the confirmation window passed.
    Complete,
    RequestAfterSale,
    /// The after-sale request was rejected or withdrawn: back to `resume_to`.
    CloseAfterSale {
        resume_to: OrderStatus,
    },
    /// The after-sale request ended in a full refund.
    RefundInFull,
    /// Exchanged goods go out again: the order is on its way once more.
    Reship,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("an order that is {from:?} cannot {event:?}")]
pub struct IllegalTransition {
    pub from: OrderStatus,
    pub event: OrderEvent,
}

/// The one place that says which moves are legal.
pub fn transition(from: OrderStatus, event: OrderEvent) -> Result<OrderStatus, IllegalTransition> {
    use OrderEvent as E;
    use OrderStatus as S;
    let to = match (from, event) {
        (S::PendingPayment, E::Pay) => S::Paid,
        (S::PendingPayment, E::Cancel | E::Expire) => S::Cancelled,
        (S::Paid, E::Cancel) => S::Cancelled,
        (S::Paid | S::PartlyShipped, E::Ship) => S::Shipped,
        (S::Paid | S::PartlyShipped, E::ShipPart) => S::PartlyShipped,
        (S::Shipped, E::Deliver) => S::Delivered,
        (S::Shipped | S::Delivered, E::Complete) => S::Completed,
        (
            S::Paid | S::PartlyShipped | S::Shipped | S::Delivered | S::Completed,
            E::RequestAfterSale,
        ) => S::AfterSale,
        (S::AfterSale, E::CloseAfterSale { resume_to }) => match resume_to {
            S::Paid | S::PartlyShipped | S::Shipped | S::Delivered | S::Completed => resume_to,
            _ => return Err(IllegalTransition { from, event }),
        },
        (S::AfterSale, E::RefundInFull) => S::Refunded,
        (S::AfterSale, E::Reship) => S::Shipped,
        _ => return Err(IllegalTransition { from, event }),
    };
    Ok(to)
}

/// The member center's order tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderTab {
    All,
    ToPay,
    ToShip,
    ToReceive,
    Completed,
    AfterSale,
}

impl OrderTab {
    pub const ALL: [OrderTab; 6] = [
        OrderTab::All,
        OrderTab::ToPay,
        OrderTab::ToShip,
        OrderTab::ToReceive,
        OrderTab::Completed,
        OrderTab::AfterSale,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderTab::All => "all",
            OrderTab::ToPay => "to-pay",
            OrderTab::ToShip => "to-ship",
            OrderTab::ToReceive => "to-receive",
            OrderTab::Completed => "completed",
            OrderTab::AfterSale => "after-sale",
        }
    }

    pub fn parse(value: &str) -> OrderTab {
        OrderTab::ALL
            .into_iter()
            .find(|t| t.as_str() == value)
            .unwrap_or(OrderTab::All)
    }

    /// The statuses listed under this tab (all of them for `All`). A partly shipped order is
    /// still to ship: a parcel of it waits.
    pub fn statuses(self) -> &'static [OrderStatus] {
        use OrderStatus as S;
        match self {
            OrderTab::All => &S::ALL,
            OrderTab::ToPay => &[S::PendingPayment],
            OrderTab::ToShip => &[S::Paid, S::PartlyShipped],
            OrderTab::ToReceive => &[S::Shipped, S::Delivered],
            OrderTab::Completed => &[S::Completed],
            OrderTab::AfterSale => &[S::AfterSale, S::Refunded],
        }
    }
}

/// What the shopper may do with an order now; the page shows a button for each. After-sale
/// requests are per parcel (`ParcelView::after_sale`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderActions {
    pub pay: bool,
    pub cancel: bool,
    pub confirm_receipt: bool,
}

impl OrderActions {
    pub fn for_status(status: OrderStatus) -> OrderActions {
        OrderActions {
            pay: status == OrderStatus::PendingPayment,
            cancel: transition(status, OrderEvent::Cancel).is_ok(),
            confirm_receipt: transition(status, OrderEvent::Complete).is_ok(),
        }
    }
}

/// The after-sale requests a shopper may make on a parcel now: none while a request of the
/// order is open, else the kinds that fit the order and the parcel.
pub fn after_sale_kinds(
    order: OrderStatus,
    parcel: ShipmentStatus,
    has_open_request: bool,
) -> Vec<AfterSaleKind> {
    if has_open_request {
        return Vec::new();
    }
    AfterSaleKind::ALL
        .into_iter()
        .filter(|k| k.fits(order, parcel))
        .collect()
}

/// One order in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub order_no: String,
    pub status: OrderStatus,
    pub total: Money,
    pub created_at: i64,
    pub item_count: i64,
    pub first_item: String,
    pub email: String,
    pub flag: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    pub product_id: i64,
    pub name: String,
    pub sku_code: String,
    pub unit_price: Money,
    pub quantity: i64,
    pub total: Money,
}

/// One move of the state machine, as the timeline shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub status: OrderStatus,
    pub actor: String,
    pub reason: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AfterSaleMessage {
    pub author: String,
    pub body: String,
    pub photo: Option<String>,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AfterSaleView {
    pub id: i64,
    /// The parcel it is about ("Parcel 1" is 1).
    pub parcel: i64,
    /// The parcel is a supplier's: the goods go back to the supplier, who says where.
    #[serde(default)]
    pub to_supplier: bool,
    pub kind: AfterSaleKind,
    pub reason: String,
    pub status: AfterSaleStatus,
    pub refund_amount: Money,
    pub created_at: i64,
    pub messages: Vec<AfterSaleMessage>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub order_no: String,
    pub status: OrderStatus,
    pub email: String,
    pub created_at: i64,
    pub pay_before: i64,
    pub paid_at: Option<i64>,
    pub lines: Vec<OrderLine>,
    pub subtotal: Money,
    pub discount: Money,
    /// How the discount was reached, step by step, as checkout showed it.
    pub adjustments: Vec<crate::domain::pricing::Adjustment>,
    pub shipping_method: String,
    pub shipping_fee: Money,
    pub total: Money,
    pub refunded: Money,
    pub recipient: String,
    pub phone: String,
    pub region_name: String,
    pub city: String,
    pub detail: String,
    pub postal_code: String,
    pub timeline: Vec<TimelineEntry>,
    /// One per owner of the goods, "Parcel 1" first.
    pub parcels: Vec<ParcelView>,
    pub after_sales: Vec<AfterSaleView>,
    pub flag: Option<String>,
    pub actions: OrderActions,
}

/// One parcel of an order, as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelView {
    /// 1, 2, … ("Parcel 1").
    pub seq: i64,
    /// Who sends it: None for the shop's own goods, else the supplier's company.
    pub sender: Option<String>,
    pub status: ShipmentStatus,
    pub carrier: Option<String>,
    pub tracking_no: Option<String>,
    /// Unix seconds.
    pub shipped_at: Option<i64>,
    /// The carrier's steps, oldest first.
    pub tracking: Vec<TrackingEvent>,
    pub lines: Vec<OrderLine>,
    /// What the shopper paid for it: its share of the total, refunded in full by an after-sale
    /// request on it.
    pub paid_share: Money,
    /// The requests the shopper may make on it now.
    pub after_sale: Vec<AfterSaleKind>,
    /// The viewer may hand it to a carrier now (its owner, or an operator).
    pub can_ship: bool,
    /// The shopper's complaint about its seller, once made.
    pub complaint: Option<String>,
    /// The shopper may complain about its seller (a supplier's parcel of a paid order, once).
    pub may_complain: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderEvent as E;
    use OrderStatus as S;

    fn events() -> Vec<OrderEvent> {
        let mut all = vec![
            E::Pay,
            E::Cancel,
            E::Expire,
            E::Ship,
            E::ShipPart,
            E::Deliver,
            E::Complete,
            E::RequestAfterSale,
            E::RefundInFull,
            E::Reship,
        ];
        all.extend(S::ALL.map(|resume_to| E::CloseAfterSale { resume_to }));
        all
    }

    /// Every legal move, written out; everything else must be refused.
    const LEGAL: &[(OrderStatus, OrderEvent, OrderStatus)] = &[
        (S::PendingPayment, E::Pay, S::Paid),
        (S::PendingPayment, E::Cancel, S::Cancelled),
        (S::PendingPayment, E::Expire, S::Cancelled),
        (S::Paid, E::Cancel, S::Cancelled),
        (S::Paid, E::Ship, S::Shipped),
        (S::Paid, E::ShipPart, S::PartlyShipped),
        (S::PartlyShipped, E::ShipPart, S::PartlyShipped),
        (S::PartlyShipped, E::Ship, S::Shipped),
        (S::Shipped, E::Deliver, S::Delivered),
        (S::Shipped, E::Complete, S::Completed),
        (S::Delivered, E::Complete, S::Completed),
        (S::Paid, E::RequestAfterSale, S::AfterSale),
        (S::PartlyShipped, E::RequestAfterSale, S::AfterSale),
        (S::Shipped, E::RequestAfterSale, S::AfterSale),
        (S::Delivered, E::RequestAfterSale, S::AfterSale),
        (S::Completed, E::RequestAfterSale, S::AfterSale),
        (
            S::AfterSale,
            E::CloseAfterSale { resume_to: S::Paid },
            S::Paid,
        ),
        (
            S::AfterSale,
            E::CloseAfterSale {
                resume_to: S::PartlyShipped,
            },
            S::PartlyShipped,
        ),
        (
            S::AfterSale,
            E::CloseAfterSale {
                resume_to: S::Shipped,
            },
            S::Shipped,
        ),
        (
            S::AfterSale,
            E::CloseAfterSale {
                resume_to: S::Delivered,
            },
            S::Delivered,
        ),
        (
            S::AfterSale,
            E::CloseAfterSale {
                resume_to: S::Completed,
            },
            S::Completed,
        ),
        (S::AfterSale, E::RefundInFull, S::Refunded),
        (S::AfterSale, E::Reship, S::Shipped),
    ];

    #[test]
    fn actions_follow_the_state_machine() {
        use ShipmentStatus as P;
        let pending = OrderActions::for_status(S::PendingPayment);
        assert!(pending.pay && pending.cancel && !pending.confirm_receipt);
        assert!(after_sale_kinds(S::PendingPayment, P::Waiting, false).is_empty());
        let shipped = OrderActions::for_status(S::Shipped);
        assert!(!shipped.pay && !shipped.cancel && shipped.confirm_receipt);
        assert_eq!(after_sale_kinds(S::Shipped, P::Shipped, false).len(), 3);
        assert!(after_sale_kinds(S::Shipped, P::Shipped, true).is_empty());
        // Partly shipped: not cancelled or confirmed as a whole.
        assert_eq!(
            OrderActions::for_status(S::PartlyShipped),
            OrderActions::default()
        );
        assert_eq!(
            OrderActions::for_status(S::Cancelled),
            OrderActions::default()
        );
    }

    #[test]
    fn tabs_cover_every_status_once() {
        for status in S::ALL {
            let tabs = OrderTab::ALL[1..]
                .iter()
                .filter(|t| t.statuses().contains(&status))
                .count();
            assert!(tabs <= 1, "{status:?}");
        }
        assert_eq!(OrderTab::parse("to-ship"), OrderTab::ToShip);
        assert_eq!(OrderTab::parse("nonsense"), OrderTab::All);
    }

    #[test]
    fn every_state_and_event_pair_is_decided() {
        let mut legal_seen = 0;
        for from in S::ALL {
            for event in events() {
                let expected = LEGAL
                    .iter()
                    .find(|(f, e, _)| *f == from && *e == event)
                    .map(|(_, _, to)| *to);
                match (transition(from, event), expected) {
                    (Ok(to), Some(want)) => {
                        assert_eq!(to, want, "{from:?} + {event:?}");
                        legal_seen += 1;
                    }
                    (Err(e), None) => assert_eq!(e, IllegalTransition { from, event }),
                    (got, want) => panic!("{from:?} + {event:?}: got {got:?}, want {want:?}"),
                }
            }
        }
        assert_eq!(legal_seen, LEGAL.len());
    }

    #[test]
    fn shipped_orders_cannot_be_cancelled_and_final_states_stay_final() {
        assert!(transition(S::Shipped, E::Cancel).is_err());
        // Once one parcel left, the order is no longer cancelled as a whole.
        assert!(transition(S::PartlyShipped, E::Cancel).is_err());
        assert!(transition(S::PartlyShipped, E::Complete).is_err());
        assert!(transition(S::Delivered, E::Cancel).is_err());
        for status in [S::Cancelled, S::Refunded] {
            assert!(status.is_final());
            assert!(events().into_iter().all(|e| transition(status, e).is_err()));
        }
    }

    #[test]
    fn statuses_round_trip_through_text() {
        for status in S::ALL {
            assert_eq!(S::parse(status.as_str()), Some(status));
        }
        assert_eq!(S::parse("lost"), None);
    }
}
