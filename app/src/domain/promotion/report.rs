//! Promotions as the back office lists them: where each stands and what it did (orders,
//! discount given, GMV, new members).

use super::{CouponKind, Reward, Scope, Tier};
use crate::domain::account::MemberTier;
use crate::domain::money::Money;
use serde::{Deserialize, Serialize};

/// Where a promotion stands at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PromotionStatus {
    Scheduled,
    Running,
    Paused,
    Ended,
}

impl PromotionStatus {
    /// The status at `now` of a promotion running from `starts` until before `ends`: ended
    /// wins over paused, paused over running.
    pub fn at(now: i64, starts: i64, ends: i64, paused: bool) -> PromotionStatus {
        if now >= ends {
            PromotionStatus::Ended
        } else if paused {
            PromotionStatus::Paused
        } else if now < starts {
            PromotionStatus::Scheduled
        } else {
            PromotionStatus::Running
        }
    }
}

/// What a promotion did, over the orders that used it and were paid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionReport {
    pub orders: i64,
    /// What it took off those orders (fen).
    pub discount: Money,
    /// Those orders' totals (fen).
    pub gmv: Money,
    /// Members who registered while it ran and ordered with it.
    pub new_members: i64,
}

/// A 滿減 in the back office.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminReduction {
    pub id: i64,
    pub name: String,
    pub tiers: Vec<Tier>,
    pub scope: Scope,
    /// What the scope names, in the page's language (empty for all goods).
    pub scope_names: Vec<String>,
    /// Whether flash-sale lines count and share it.
    pub include_flash: bool,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: PromotionStatus,
    pub report: PromotionReport,
}

/// A coupon in the back office.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCoupon {
    pub id: i64,
    pub name: String,
    pub kind: CouponKind,
    pub scope: Scope,
    /// What the scope names, in the page's language (empty for all goods).
    pub scope_names: Vec<String>,
    /// Whether it applies to flash-sale lines too.
    pub include_flash: bool,
    /// How copies go out when it is not claimed (None: claimed in the centre or by code).
    pub reward: Option<Reward>,
    pub min_spend: Money,
    pub min_tier: MemberTier,
    pub code: Option<String>,
    /// Claiming opens and closes (seconds).
    pub claim_from: i64,
    pub claim_until: i64,
    pub total_quantity: i64,
    pub claimed: i64,
    /// Copies used by orders.
    pub used: i64,
    pub status: PromotionStatus,
    pub report: PromotionReport,
}

#[cfg(test)]
mod tests {
    use super::PromotionStatus::*;
    use super::*;

    #[test]
    fn a_promotion_stands_where_its_window_and_pause_put_it() {
        assert_eq!(PromotionStatus::at(5, 10, 20, false), Scheduled);
        assert_eq!(PromotionStatus::at(10, 10, 20, false), Running);
        assert_eq!(PromotionStatus::at(15, 10, 20, true), Paused);
        assert_eq!(PromotionStatus::at(5, 10, 20, true), Paused);
        assert_eq!(PromotionStatus::at(20, 10, 20, true), Ended);
        assert_eq!(PromotionStatus::at(25, 10, 20, false), Ended);
    }
}
