//! How a supplier is rated from its own record (the B2B seed's supplier evaluation): whether it
//! ships its parcels on time, how often they end in after-sale or in a shopper's complaint, and
//! how often the review turns its products down. Each rate over a period of shop days, against
//! the period before (the trend). A parcel is the supplier's goods in one paid order.

use crate::domain::dashboard::conversion_bp as rate_bp;
use serde::{Deserialize, Serialize};

/// A supplier promises to ship within this long of payment (seconds): 48 hours, the common
/// promise of the marketplaces' standard shipping (e.g. Taobao's "48 小時發貨").
pub const PROMISED_SHIP_SECONDS: i64 = 48 * 3600;

/// What a supplier's period is counted from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingCounts {
    /// Its parcels in paid orders.
    pub orders: i64,
    /// Of those, the ones whose promise has come due: shipped, or paid longer ago than the promise.
    pub due: i64,
    /// Of those, shipped within the promise.
    pub on_time: i64,
    /// Parcels with an after-sale request.
    pub after_sale_orders: i64,
    /// Parcels a shopper complained about.
    pub complaints: i64,
    /// Submissions decided in the period, and how many were rejected.
    pub decided: i64,
    pub rejected: i64,
}

/// One period's rates, in basis points (10,000 = 100%); None when there was nothing to rate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub counts: RatingCounts,
    pub on_time_bp: Option<i64>,
    pub after_sale_bp: Option<i64>,
    pub complaint_bp: Option<i64>,
    pub rejection_bp: Option<i64>,
}

/// The rates of `counts` (rounded half up to the basis point).
pub fn rate(counts: RatingCounts) -> Rating {
    Rating {
        counts,
        on_time_bp: rate_bp(counts.on_time, counts.due),
        after_sale_bp: rate_bp(counts.after_sale_orders, counts.orders),
        complaint_bp: rate_bp(counts.complaints, counts.orders),
        rejection_bp: rate_bp(counts.rejected, counts.decided),
    }
}

/// Whether an order paid at `paid_at` (unix seconds) counts for the promise by `now`, and
/// whether it kept it: (due, on time). An order `closed` without shipping (cancelled, or
/// refunded before it left) was never to be shipped and does not count.
pub fn shipping_promise(
    paid_at: i64,
    shipped_at: Option<i64>,
    closed: bool,
    now: i64,
) -> (bool, bool) {
    let deadline = paid_at + PROMISED_SHIP_SECONDS;
    match shipped_at {
        Some(shipped) => (true, shipped <= deadline),
        None if closed => (false, false),
        None => (now > deadline, false),
    }
}

/// A supplier's rating for a period and the period before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierRating {
    pub user_id: i64,
    pub company: String,
    pub current: Rating,
    pub previous: Rating,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_basis_points_of_what_there_was_to_rate() {
        let rating = rate(RatingCounts {
            orders: 8,
            due: 6,
            on_time: 5,
            after_sale_orders: 1,
            complaints: 2,
            decided: 3,
            rejected: 1,
        });
        assert_eq!(rating.on_time_bp, Some(8_333));
        assert_eq!(rating.after_sale_bp, Some(1_250));
        assert_eq!(rating.complaint_bp, Some(2_500));
        assert_eq!(rating.rejection_bp, Some(3_333));
        let empty = rate(RatingCounts::default());
        assert_eq!(
            (
                empty.on_time_bp,
                empty.after_sale_bp,
                empty.complaint_bp,
                empty.rejection_bp
            ),
            (None, None, None, None)
        );
    }

    #[test]
    fn the_shipping_promise_is_48_hours_from_payment() {
        let paid = 1_000_000;
        let deadline = paid + 48 * 3600;
        assert_eq!(
            shipping_promise(paid, Some(deadline), false, deadline + 9),
            (true, true)
        );
        assert_eq!(
            shipping_promise(paid, Some(deadline + 1), false, deadline + 9),
            (true, false)
        );
        // Not shipped: not yet due, then late; unless it was closed without shipping.
        assert_eq!(
            shipping_promise(paid, None, false, deadline),
            (false, false)
        );
        assert_eq!(
            shipping_promise(paid, None, false, deadline + 1),
            (true, false)
        );
        assert_eq!(
            shipping_promise(paid, None, true, deadline + 1),
            (false, false)
        );
    }
}
