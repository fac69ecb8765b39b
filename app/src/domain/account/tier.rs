//! Member tiers and the level a member's spend over the last 12 months reaches.

use crate::domain::money::Money;
use serde::{Deserialize, Serialize};

/// Named member tiers reached by the spend of the last 12 months ([`MemberLevel::WINDOW_SECONDS`]:
/// orders paid in that time and not cancelled or refunded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MemberTier {
    Bronze,
    Silver,
    Gold,
    Platinum,
}

impl MemberTier {
    /// Spend (fen) at which each tier starts, lowest first.
    pub const THRESHOLDS: [(MemberTier, i64); 4] = [
        (MemberTier::Bronze, 0),
        (MemberTier::Silver, 100_000),
        (MemberTier::Gold, 500_000),
        (MemberTier::Platinum, 2_000_000),
    ];

    pub const ALL: [MemberTier; 4] = [
        MemberTier::Bronze,
        MemberTier::Silver,
        MemberTier::Gold,
        MemberTier::Platinum,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MemberTier::Bronze => "bronze",
            MemberTier::Silver => "silver",
            MemberTier::Gold => "gold",
            MemberTier::Platinum => "platinum",
        }
    }

    pub fn parse(value: &str) -> Option<MemberTier> {
        MemberTier::ALL.into_iter().find(|t| t.as_str() == value)
    }

    /// The level's number as shoppers count it: Bronze is level 1.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// What the level gives: its discount on goods, its points multiplier and its free
    /// standard shipping threshold.
    pub fn benefits(self) -> TierBenefits {
        let (rate_bp, points_percent, free_shipping_from) = match self {
            MemberTier::Bronze => (0, 100, None),
            MemberTier::Silver => (500, 120, None),
            MemberTier::Gold => (800, 150, Some(4_900)),
            MemberTier::Platinum => (1_000, 200, Some(0)),
        };
        TierBenefits {
            rate_bp,
            points_percent,
            free_shipping_from: free_shipping_from.map(Money::from_fen),
        }
    }
}

/// A member level's privileges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierBenefits {
    /// Off every line without a member price, in basis points (500 = 5 %).
    pub rate_bp: i64,
    /// Points earned per yuan paid, as a percentage of the base rate (150 = ×1.5).
    pub points_percent: i64,
    /// Free standard shipping from this goods total (fen); None: the zone's own threshold.
    pub free_shipping_from: Option<Money>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLevel {
    pub tier: MemberTier,
    /// Spend over the last 12 months (fen).
    pub spend: Money,
    /// The next tier and how much more spend reaches it; None at the top.
    pub next: Option<(MemberTier, Money)>,
}

impl MemberLevel {
    /// How far back spend counts towards the level: a rolling 365 days.
    pub const WINDOW_SECONDS: i64 = 365 * 86_400;

    pub fn for_spend(total: Money) -> MemberLevel {
        let spend = total.fen().max(0);
        let index = MemberTier::THRESHOLDS
            .iter()
            .rposition(|(_, from)| spend >= *from)
            .unwrap_or(0);
        let next = MemberTier::THRESHOLDS
            .get(index + 1)
            .map(|(tier, from)| (*tier, Money::from_fen(from - spend)));
        MemberLevel {
            tier: MemberTier::THRESHOLDS[index].0,
            spend: total,
            next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_levels_by_spend() {
        let level = MemberLevel::for_spend(Money::from_fen(0));
        assert_eq!(level.tier, MemberTier::Bronze);
        assert_eq!(
            level.next,
            Some((MemberTier::Silver, Money::from_fen(100_000)))
        );
        let level = MemberLevel::for_spend(Money::from_fen(499_999));
        assert_eq!(level.tier, MemberTier::Silver);
        assert_eq!(level.next, Some((MemberTier::Gold, Money::from_fen(1))));
        assert_eq!(
            MemberLevel::for_spend(Money::from_fen(500_000)).tier,
            MemberTier::Gold
        );
        let top = MemberLevel::for_spend(Money::from_fen(9_000_000));
        assert_eq!((top.tier, top.next), (MemberTier::Platinum, None));
    }
}
