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
    /// Points that expire at the end of this year (those earned last year and not spent), and
    /// that moment (Unix seconds); None when there are none.
    #[serde(default)]
    pub expiring: Option<(i64, i64)>,
}

/// The first second (Unix) of `year` in shop time (UTC+8).
pub fn start_of_year(year: i32) -> i64 {
    crate::domain::time::parse_shop_time(&format!("{year:04}-01-01T00:00"))
        .expect("the first of January is a date")
}

/// Points expire at the end of the year after the one they were earned in (shop time): at
/// `now`, everything earned before the start of last year has expired. That start (Unix).
pub fn expiry_cutoff(now: i64) -> i64 {
    start_of_year(super::Date::from_unix(now + 8 * 3600).year - 1)
}

/// The end of this year in shop time (Unix): when points earned last year expire.
pub fn end_of_this_year(now: i64) -> i64 {
    start_of_year(super::Date::from_unix(now + 8 * 3600).year + 1) - 1
}

/// Points of an earlier period still unspent, first in first out: what was earned then
/// (`earned_before`, the sum of credits before the period's end) less every debit ever made
/// (`debited`: spending, claw-backs and earlier expiries, as a positive sum), never below zero.
/// Spending uses the oldest points first, so debits count against the oldest credits.
pub fn unspent(earned_before: i64, debited: i64) -> i64 {
    (earned_before - debited).max(0)
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
    /// Points earned in that year and not spent by the end of the next one.
    Expired(i32),
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
            PointsReason::Expired(year) => write!(f, "expired|{year}"),
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
            Some(("expired", year)) if year.parse::<i32>().is_ok() => {
                PointsReason::Expired(year.parse().expect("checked"))
            }
            _ if value == "welcome" => PointsReason::Welcome,
            _ => PointsReason::Other(value.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_earned_in_a_year_expire_at_the_end_of_the_next() {
        // 2026-12-01 12:00 shop time: what was earned in 2024 or before has expired.
        let now = crate::domain::time::parse_shop_time("2026-12-01T12:00").unwrap();
        assert_eq!(
            expiry_cutoff(now),
            crate::domain::time::parse_shop_time("2025-01-01T00:00").unwrap()
        );
        assert_eq!(
            end_of_this_year(now) + 1,
            crate::domain::time::parse_shop_time("2027-01-01T00:00").unwrap()
        );
        // New Year's Eve in Beijing is still 2026 at 23:59, 2027 a minute later.
        let eve = crate::domain::time::parse_shop_time("2026-12-31T23:59").unwrap();
        assert_eq!(expiry_cutoff(eve), start_of_year(2025));
        assert_eq!(expiry_cutoff(eve + 60), start_of_year(2026));
    }

    #[test]
    fn spending_uses_the_oldest_points_first() {
        assert_eq!(unspent(1_000, 0), 1_000);
        assert_eq!(unspent(1_000, 300), 700);
        assert_eq!(unspent(1_000, 1_000), 0);
        assert_eq!(unspent(1_000, 1_500), 0, "later points were spent too");
        assert_eq!(unspent(0, 0), 0);
    }

    #[test]
    fn points_reasons_read_back_as_written() {
        for reason in [
            PointsReason::Order("J2611220000001".into()),
            PointsReason::Refund("J2611220000001".into()),
            PointsReason::Redeem("J2611220000001".into()),
            PointsReason::Return("J2611220000001".into()),
            PointsReason::Welcome,
            PointsReason::Expired(2024),
            PointsReason::Other("manual correction".into()),
        ] {
            assert_eq!(PointsReason::parse(&reason.to_string()), reason);
        }
    }
}
