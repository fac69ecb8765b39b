//! The points ledger as the member reads it, and why each movement happened.

use serde::{Deserialize, Serialize};

/// One movement of points, with the balance after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsEntry {
    pub delta: i64,
    pub balance_after: i64,
    pub reason: String,
    pub created_at: i64,
}

/// The balance and the latest movements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsPage {
    pub balance: i64,
    pub entries: Vec<PointsEntry>,
}

/// Why points were added or spent, stored as a short code ("order|J2611…", "welcome") and
/// put into words only when shown, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PointsReason {
    /// Earned with a paid order.
    Order(String),
    /// Taken back when that order was refunded or cancelled after payment.
    Refund(String),
    /// Spent on that order at checkout.
    Redeem(String),
    /// Given back when that order, which had spent them, was cancelled or refunded.
    Return(String),
    Welcome,
    /// Text stored before these codes existed, shown as it is.
    Other(String),
}

impl std::fmt::Display for PointsReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PointsReason::Order(order_no) => write!(f, "order|{order_no}"),
            PointsReason::Refund(order_no) => write!(f, "refund|{order_no}"),
            PointsReason::Redeem(order_no) => write!(f, "redeem|{order_no}"),
            PointsReason::Return(order_no) => write!(f, "return|{order_no}"),
            PointsReason::Welcome => f.write_str("welcome"),
            PointsReason::Other(text) => f.write_str(text),
        }
    }
}

impl PointsReason {
    pub fn parse(value: &str) -> PointsReason {
        match value.split_once('|') {
            Some(("order", order_no)) => PointsReason::Order(order_no.to_string()),
            Some(("refund", order_no)) => PointsReason::Refund(order_no.to_string()),
            Some(("redeem", order_no)) => PointsReason::Redeem(order_no.to_string()),
            Some(("return", order_no)) => PointsReason::Return(order_no.to_string()),
            _ if value == "welcome" => PointsReason::Welcome,
            _ => PointsReason::Other(value.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PointsReason;

    #[test]
    fn points_reasons_read_back_as_written() {
        for reason in [
            PointsReason::Order("J2611220000001".into()),
            PointsReason::Refund("J2611220000001".into()),
            PointsReason::Redeem("J2611220000001".into()),
            PointsReason::Return("J2611220000001".into()),
            PointsReason::Welcome,
            PointsReason::Other("manual correction".into()),
        ] {
            assert_eq!(PointsReason::parse(&reason.to_string()), reason);
        }
    }
}
