//! The operator dashboard's figures: a range of shop days (China Standard Time, like every time
//! the shop shows), GMV, paid orders and average order value against the period before, and
//! the per-day series the charts draw.
//!
//! GMV here is the sum of the totals (fen, shipping included) of orders paid in the period;
//! refunds are not taken off (that is GMV's usual meaning; net sales would subtract them).
//!
//! Conversion is visits that placed an order ÷ visits, where a visit is one visitor's pages on
//! one shop day (see [`crate::domain::visit`] for how a visitor is recognised without a cookie).

use crate::domain::account::Date;
use crate::domain::money::Money;
use serde::{Deserialize, Serialize};

/// The shop's offset from UTC (seconds): China Standard Time, no daylight saving.
const SHOP_OFFSET: i64 = 8 * 3600;
/// The longest range the dashboard shows (days).
pub const MAX_RANGE_DAYS: i64 = 366;
/// The range shown when none is chosen: the last 30 days, today included.
pub const DEFAULT_RANGE_DAYS: i64 = 30;

/// The shop day (days since 1970-01-01 in China Standard Time) of a unix time.
pub fn shop_day(unix_seconds: i64) -> i64 {
    (unix_seconds + SHOP_OFFSET).div_euclid(86_400)
}

/// The unix time a shop day begins.
pub fn day_start(day: i64) -> i64 {
    day * 86_400 - SHOP_OFFSET
}

/// A shop day as `YYYY-MM-DD`.
pub fn day_label(day: i64) -> String {
    Date::from_unix(day * 86_400).to_string()
}

/// Days `first..=last` (shop days).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayRange {
    pub first: i64,
    pub last: i64,
}

impl DayRange {
    /// The range a form asked for (`YYYY-MM-DD` each, empty for the default), or None when a
    /// date is not one, the start is after the end, or it is longer than [`MAX_RANGE_DAYS`].
    pub fn parse(from: &str, to: &str, today: i64) -> Option<DayRange> {
        let last = match to.trim() {
            "" => today,
            text => Date::parse(text)?.to_days(),
        };
        let first = match from.trim() {
            "" => last - (DEFAULT_RANGE_DAYS - 1),
            text => Date::parse(text)?.to_days(),
        };
        let range = DayRange { first, last };
        (first <= last && range.days() <= MAX_RANGE_DAYS).then_some(range)
    }

    pub fn days(self) -> i64 {
        self.last - self.first + 1
    }

    /// The period of the same length just before.
    pub fn previous(self) -> DayRange {
        DayRange {
            first: self.first - self.days(),
            last: self.first - 1,
        }
    }

    /// Unix seconds: the range is `start()..end()` (end excluded).
    pub fn start(self) -> i64 {
        day_start(self.first)
    }

    pub fn end(self) -> i64 {
        day_start(self.last + 1)
    }
}

/// One day's paid orders and GMV.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayFigure {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub orders: i64,
    pub gmv: Money,
    /// Visits (one visitor's pages on this day) and those of them that placed an order.
    pub visits: i64,
    pub ordering_visits: i64,
}

/// A period's totals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodFigures {
    pub gmv: Money,
    pub paid_orders: i64,
    /// GMV ÷ paid orders, rounded half up to the fen; zero without orders.
    pub average_order_value: Money,
    pub visits: i64,
    pub ordering_visits: i64,
    /// Ordering visits ÷ visits in basis points (1/100 of a percent), rounded half up; None
    /// without visits.
    pub conversion_bp: Option<i64>,
}

/// `ordering ÷ visits` in basis points, rounded half up; None when there were no visits.
pub fn conversion_bp(ordering: i64, visits: i64) -> Option<i64> {
    (visits > 0).then(|| (20_000 * ordering + visits) / (2 * visits))
}

/// Basis points as a percent with two decimals: 325 → `3.25%`.
pub fn percent_text(bp: i64) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// A change of a rate in basis points as signed percentage points with two decimals:
/// 25 → `+0.25`, -103 → `-1.03`, 0 → `0.00`. Rates are compared in points, not relative to
/// each other: 2% → 3% is "+1.00 pp", not "+50%".
pub fn signed_points(delta_bp: i64) -> String {
    let sign = match delta_bp.signum() {
        1 => "+",
        -1 => "-",
        _ => "",
    };
    let abs = delta_bp.abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Totals of per-day rows.
pub fn totals(days: &[DayFigure]) -> PeriodFigures {
    let gmv: i64 = days.iter().map(|d| d.gmv.fen()).sum();
    let paid_orders: i64 = days.iter().map(|d| d.orders).sum();
    let average = if paid_orders == 0 {
        0
    } else {
        (2 * gmv + paid_orders) / (2 * paid_orders)
    };
    let visits: i64 = days.iter().map(|d| d.visits).sum();
    let ordering_visits: i64 = days.iter().map(|d| d.ordering_visits).sum();
    PeriodFigures {
        gmv: Money::from_fen(gmv),
        paid_orders,
        average_order_value: Money::from_fen(average),
        visits,
        ordering_visits,
        conversion_bp: conversion_bp(ordering_visits, visits),
    }
}

/// Every day of `range` in order, from rows of (shop day, paid orders, GMV in fen) and of
/// (shop day, visits, ordering visits); days without rows are zero, rows outside the range are
/// ignored.
pub fn fill_days(
    range: DayRange,
    paid: &[(i64, i64, i64)],
    visits: &[(i64, i64, i64)],
) -> Vec<DayFigure> {
    let sum = |rows: &[(i64, i64, i64)], day: i64| {
        rows.iter()
            .filter(|(d, _, _)| *d == day)
            .fold((0, 0), |(a, b), (_, x, y)| (a + x, b + y))
    };
    (range.first..=range.last)
        .map(|day| {
            let (orders, gmv) = sum(paid, day);
            let (visits, ordering_visits) = sum(visits, day);
            DayFigure {
                day: day_label(day),
                orders,
                gmv: Money::from_fen(gmv),
                visits,
                ordering_visits,
            }
        })
        .collect()
}

/// The change from `before` to `now` in whole percent (rounded toward zero); None when
/// `before` is zero (no base to compare with).
pub fn change_percent(now: i64, before: i64) -> Option<i64> {
    (before != 0).then(|| (now - before) * 100 / before)
}

/// A best seller of the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopProduct {
    pub slug: String,
    pub name: String,
    pub units: i64,
    pub revenue: Money,
}

/// Everything the dashboard shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The range shown, `YYYY-MM-DD` each.
    pub from: String,
    pub to: String,
    pub current: PeriodFigures,
    pub previous: PeriodFigures,
    pub days: Vec<DayFigure>,
    pub top_products: Vec<TopProduct>,
    /// SKUs of live products at or below the low-stock threshold.
    pub low_stock_skus: i64,
    /// After-sale requests nobody has decided yet.
    pub after_sale_waiting: i64,
    /// The charts as SVG documents drawn on the server.
    pub orders_chart: String,
    pub gmv_chart: String,
    /// The per-day figures as CSV (`day,orders,gmv_fen,gmv_yuan,visits,ordering_visits`), for a
    /// spreadsheet.
    pub csv: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shop_days_start_at_midnight_in_shanghai() {
        // 2026-11-29 16:00 UTC is 2026-11-30 00:00 in Shanghai.
        let midnight = 1_795_968_000;
        assert_eq!(day_label(shop_day(midnight)), "2026-11-30");
        assert_eq!(day_label(shop_day(midnight - 1)), "2026-11-29");
        assert_eq!(day_start(shop_day(midnight)), midnight);
    }

    #[test]
    fn dates_and_days_agree() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2026-11-30",
            "1969-12-31",
            "2100-03-01",
        ] {
            let date = Date::parse(text).unwrap();
            assert_eq!(Date::from_unix(date.to_days() * 86_400), date, "{text}");
        }
        assert_eq!(Date::parse("1970-01-02").unwrap().to_days(), 1);
    }

    #[test]
    fn ranges() {
        let today = Date::parse("2026-11-30").unwrap().to_days();
        let default = DayRange::parse("", "", today).unwrap();
        assert_eq!(default.days(), 30);
        assert_eq!(default.last, today);
        let november = DayRange::parse("2026-11-01", "2026-11-30", today).unwrap();
        assert_eq!(november.days(), 30);
        let october = november.previous();
        assert_eq!(
            (day_label(october.first), day_label(october.last)),
            ("2026-10-02".into(), "2026-10-31".into())
        );
        assert_eq!(october.end(), november.start());
        assert_eq!(DayRange::parse("2026-12-01", "2026-11-30", today), None);
        assert_eq!(DayRange::parse("2025-01-01", "2026-11-30", today), None);
        assert_eq!(DayRange::parse("2026-02-30", "", today), None);
    }

    #[test]
    fn totals_and_average_round_half_up() {
        let day = |orders, fen| DayFigure {
            day: String::new(),
            orders,
            gmv: Money::from_fen(fen),
            visits: 0,
            ordering_visits: 0,
        };
        let figures = totals(&[day(2, 1001), day(1, 0)]);
        assert_eq!(figures.gmv, Money::from_fen(1001));
        assert_eq!(figures.paid_orders, 3);
        // 1001 / 3 = 333.67 → 334
        assert_eq!(figures.average_order_value, Money::from_fen(334));
        assert_eq!(totals(&[day(2, 3)]).average_order_value, Money::from_fen(2));
        assert_eq!(totals(&[]), PeriodFigures::default());
    }

    #[test]
    fn missing_days_are_zero_and_outside_rows_ignored() {
        let range = DayRange {
            first: 10,
            last: 12,
        };
        let days = fill_days(
            range,
            &[(10, 1, 500), (12, 2, 800), (12, 1, 100), (13, 9, 9)],
            &[(11, 40, 3), (13, 9, 9)],
        );
        let figures: Vec<(i64, i64, i64, i64)> = days
            .iter()
            .map(|d| (d.orders, d.gmv.fen(), d.visits, d.ordering_visits))
            .collect();
        assert_eq!(figures, vec![(1, 500, 0, 0), (0, 0, 40, 3), (3, 900, 0, 0)]);
        let period = totals(&days);
        assert_eq!((period.visits, period.ordering_visits), (40, 3));
        assert_eq!(period.conversion_bp, Some(750));
    }

    #[test]
    fn conversion_in_basis_points_rounds_half_up() {
        assert_eq!(conversion_bp(0, 0), None);
        assert_eq!(conversion_bp(0, 7), Some(0));
        // 1 / 3 = 33.333% → 3333 bp; 2 / 3 = 66.667% → 6667 bp.
        assert_eq!(conversion_bp(1, 3), Some(3333));
        assert_eq!(conversion_bp(2, 3), Some(6667));
        assert_eq!(conversion_bp(5, 5), Some(10_000));
        assert_eq!(percent_text(325), "3.25%");
        assert_eq!(percent_text(10_000), "100.00%");
        assert_eq!(percent_text(7), "0.07%");
        assert_eq!(signed_points(25), "+0.25");
        assert_eq!(signed_points(-103), "-1.03");
        assert_eq!(signed_points(-7), "-0.07");
        assert_eq!(signed_points(0), "0.00");
    }

    #[test]
    fn change_against_the_previous_period() {
        assert_eq!(change_percent(150, 100), Some(50));
        assert_eq!(change_percent(50, 100), Some(-50));
        assert_eq!(change_percent(5, 0), None);
    }
}
