//! An order's parcels. The goods of one order leave in one parcel per owner (the platform's own
//! goods, and each supplier's): each owner ships its parcel from its console, and after-sale
//! requests are made on one parcel and handled by its owner. The order's status follows its
//! parcels: "partly shipped" while some wait, "shipped" once none does, "delivered" once every
//! parcel still standing has arrived.

use super::{OrderEvent, OrderStatus};
use crate::domain::owner::Owner;
use crate::domain::pricing::allocation::pro_rata;
use serde::{Deserialize, Serialize};

/// Where one parcel stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ShipmentStatus {
    /// Paid for (or waiting for payment); its owner has not shipped it yet.
    Waiting,
    Shipped,
    Delivered,
    /// The order was cancelled before this parcel left.
    Cancelled,
    /// Its money went back (refund only, or the goods were returned).
    Refunded,
}

impl ShipmentStatus {
    pub const ALL: [ShipmentStatus; 5] = [
        ShipmentStatus::Waiting,
        ShipmentStatus::Shipped,
        ShipmentStatus::Delivered,
        ShipmentStatus::Cancelled,
        ShipmentStatus::Refunded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ShipmentStatus::Waiting => "waiting",
            ShipmentStatus::Shipped => "shipped",
            ShipmentStatus::Delivered => "delivered",
            ShipmentStatus::Cancelled => "cancelled",
            ShipmentStatus::Refunded => "refunded",
        }
    }

    pub fn parse(value: &str) -> Option<ShipmentStatus> {
        ShipmentStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
    }

    /// Still part of what the shopper receives (not cancelled, not refunded).
    pub fn is_live(self) -> bool {
        !matches!(self, ShipmentStatus::Cancelled | ShipmentStatus::Refunded)
    }

    /// On its way or arrived.
    pub fn has_left(self) -> bool {
        matches!(self, ShipmentStatus::Shipped | ShipmentStatus::Delivered)
    }
}

/// The supplier console's order tabs: parcels to ship, parcels with an after-sale request to
/// decide or goods to receive back, and the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParcelTab {
    ToShip,
    ToReceiveBack,
    Done,
}

impl ParcelTab {
    pub const ALL: [ParcelTab; 3] = [ParcelTab::ToShip, ParcelTab::ToReceiveBack, ParcelTab::Done];

    pub fn as_str(self) -> &'static str {
        match self {
            ParcelTab::ToShip => "to-ship",
            ParcelTab::ToReceiveBack => "to-receive-back",
            ParcelTab::Done => "done",
        }
    }

    /// Anything else is the first tab.
    pub fn parse(value: &str) -> ParcelTab {
        ParcelTab::ALL
            .into_iter()
            .find(|t| t.as_str() == value)
            .unwrap_or(ParcelTab::ToShip)
    }
}

/// The parcels an order's lines make, given each line's owner: one per owner, the platform's
/// first, then suppliers by id (so "Parcel 1" is the same parcel on every page and every day).
pub fn parcel_owners(line_owners: &[Owner]) -> Vec<Owner> {
    let mut owners = line_owners.to_vec();
    owners.sort();
    owners.dedup();
    owners
}

/// The order's move when one parcel ships while `others_waiting` other parcels still wait.
pub fn ship_event(others_waiting: usize) -> OrderEvent {
    if others_waiting == 0 {
        OrderEvent::Ship
    } else {
        OrderEvent::ShipPart
    }
}

/// Whether a delivered parcel makes the order delivered: every live parcel has arrived.
pub fn all_delivered(statuses: &[ShipmentStatus]) -> bool {
    let mut live = statuses.iter().filter(|s| s.is_live()).peekable();
    live.peek().is_some() && live.all(|s| *s == ShipmentStatus::Delivered)
}

/// Where an order stands after an after-sale request ends, from its parcels as they are now.
/// `was_completed`: the shopper had confirmed receipt before the request. None when no parcel is
/// live any more: everything was refunded, the order is closed.
pub fn standing(statuses: &[ShipmentStatus], was_completed: bool) -> Option<OrderStatus> {
    let live: Vec<ShipmentStatus> = statuses.iter().copied().filter(|s| s.is_live()).collect();
    if live.is_empty() {
        return None;
    }
    let all = |wanted: &[ShipmentStatus]| live.iter().all(|s| wanted.contains(s));
    Some(if all(&[ShipmentStatus::Delivered]) {
        if was_completed {
            OrderStatus::Completed
        } else {
            OrderStatus::Delivered
        }
    } else if all(&[ShipmentStatus::Shipped, ShipmentStatus::Delivered]) {
        OrderStatus::Shipped
    } else if live.iter().any(|s| s.has_left()) {
        OrderStatus::PartlyShipped
    } else {
        OrderStatus::Paid
    })
}

/// The order's move that ends an after-sale request, once the parcels' statuses are updated:
/// refunded in full when nothing is live, else back to where the parcels stand (`Reship` when a
/// replacement went out and the order is on its way again, which restarts the shipping clock).
pub fn closing_event(
    statuses: &[ShipmentStatus],
    was_completed: bool,
    reshipped: bool,
) -> OrderEvent {
    match standing(statuses, was_completed) {
        None => OrderEvent::RefundInFull,
        Some(OrderStatus::Shipped) if reshipped => OrderEvent::Reship,
        Some(resume_to) => OrderEvent::CloseAfterSale { resume_to },
    }
}

/// What each parcel cost the shopper, in fen: the order's `total` (after discounts, with the
/// shipping fee) split over the parcels in proportion to their goods (`goods`, fen per parcel),
/// by the largest-remainder method, so the parcels' shares add up to the total exactly and
/// refunding every parcel gives back exactly what was paid. Goods worth nothing put the whole
/// total on the first parcel.
pub fn paid_shares(total: i64, goods: &[i64]) -> Vec<i64> {
    if goods.iter().all(|g| *g <= 0) {
        return (0..goods.len())
            .map(|i| if i == 0 { total } else { 0 })
            .collect();
    }
    pro_rata(total, goods)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::transition;
    use proptest::prelude::*;
    use ShipmentStatus as P;

    #[test]
    fn one_parcel_per_owner_platform_first() {
        let lines = [
            Owner::Supplier(9),
            Owner::Platform,
            Owner::Supplier(3),
            Owner::Supplier(9),
        ];
        assert_eq!(
            parcel_owners(&lines),
            vec![Owner::Platform, Owner::Supplier(3), Owner::Supplier(9)]
        );
        assert_eq!(parcel_owners(&[]), vec![]);
    }

    #[test]
    fn two_parcels_ship_in_two_steps() {
        let paid = OrderStatus::Paid;
        let first = transition(paid, ship_event(1)).unwrap();
        assert_eq!(first, OrderStatus::PartlyShipped);
        assert_eq!(
            transition(first, ship_event(0)).unwrap(),
            OrderStatus::Shipped
        );
        // One owner's goods: shipped at once.
        assert_eq!(
            transition(paid, ship_event(0)).unwrap(),
            OrderStatus::Shipped
        );
    }

    #[test]
    fn delivered_once_every_live_parcel_arrived() {
        assert!(!all_delivered(&[P::Delivered, P::Shipped]));
        assert!(all_delivered(&[P::Delivered, P::Refunded]));
        assert!(!all_delivered(&[P::Refunded]));
        assert!(!all_delivered(&[]));
    }

    #[test]
    fn where_an_order_stands_after_after_sale() {
        assert_eq!(
            standing(&[P::Waiting, P::Waiting], false),
            Some(OrderStatus::Paid)
        );
        assert_eq!(
            standing(&[P::Shipped, P::Waiting], false),
            Some(OrderStatus::PartlyShipped)
        );
        // The waiting parcel refunded: nothing more to ship.
        assert_eq!(
            standing(&[P::Shipped, P::Refunded], false),
            Some(OrderStatus::Shipped)
        );
        assert_eq!(
            standing(&[P::Delivered, P::Refunded], false),
            Some(OrderStatus::Delivered)
        );
        assert_eq!(
            standing(&[P::Delivered, P::Refunded], true),
            Some(OrderStatus::Completed)
        );
        // An exchange's replacement on its way reopens a completed order.
        assert_eq!(
            standing(&[P::Delivered, P::Shipped], true),
            Some(OrderStatus::Shipped)
        );
        assert_eq!(standing(&[P::Refunded, P::Cancelled], false), None);
        assert_eq!(
            closing_event(&[P::Refunded, P::Refunded], false, false),
            OrderEvent::RefundInFull
        );
        assert_eq!(
            closing_event(&[P::Shipped], false, true),
            OrderEvent::Reship
        );
        assert_eq!(
            closing_event(&[P::Shipped, P::Refunded], false, false),
            OrderEvent::CloseAfterSale {
                resume_to: OrderStatus::Shipped
            }
        );
    }

    #[test]
    fn tabs_round_trip() {
        for tab in ParcelTab::ALL {
            assert_eq!(ParcelTab::parse(tab.as_str()), tab);
        }
        assert_eq!(ParcelTab::parse("nonsense"), ParcelTab::ToShip);
    }

    #[test]
    fn statuses_round_trip() {
        for status in P::ALL {
            assert_eq!(P::parse(status.as_str()), Some(status));
        }
        assert_eq!(P::parse("lost"), None);
    }

    #[test]
    fn shares_of_what_was_paid() {
        // 100 yuan of goods (60 + 40) with 10 off and 8 shipping: 98 paid.
        assert_eq!(paid_shares(9_800, &[6_000, 4_000]), vec![5_880, 3_920]);
        assert_eq!(paid_shares(1_000, &[0, 0]), vec![1_000, 0]);
        assert_eq!(paid_shares(1_000, &[5]), vec![1_000]);
    }

    fn status() -> impl Strategy<Value = ShipmentStatus> {
        prop::sample::select(P::ALL.to_vec())
    }

    proptest! {
        /// Refunding every parcel's share gives back exactly the total, never a fen more.
        #[test]
        fn shares_add_up_to_the_total(
            total in 0i64..10_000_000,
            goods in prop::collection::vec(0i64..1_000_000, 1..6),
        ) {
            let shares = paid_shares(total, &goods);
            prop_assert_eq!(shares.len(), goods.len());
            prop_assert_eq!(shares.iter().sum::<i64>(), total);
            prop_assert!(shares.iter().all(|s| *s >= 0));
        }

        /// Whatever the parcels, closing an after-sale request is a legal move of the order.
        #[test]
        fn closing_is_always_a_legal_move(
            statuses in prop::collection::vec(status(), 1..5),
            was_completed in any::<bool>(),
            reshipped in any::<bool>(),
        ) {
            let event = closing_event(&statuses, was_completed, reshipped);
            prop_assert!(transition(OrderStatus::AfterSale, event).is_ok(), "{:?}", event);
        }

        /// The order is shipped exactly when no live parcel waits.
        #[test]
        fn shipped_means_nothing_waits(statuses in prop::collection::vec(status(), 1..5)) {
            let waiting = statuses.contains(&P::Waiting);
            match standing(&statuses, false) {
                Some(OrderStatus::Paid | OrderStatus::PartlyShipped) => prop_assert!(waiting),
                Some(_) => prop_assert!(!waiting),
                None => prop_assert!(statuses.iter().all(|s| !s.is_live())),
            }
        }
    }
}
