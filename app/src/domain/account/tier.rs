//! Member tiers and the level a lifetime spend reaches.

use crate::domain::money::Money;
use serde::{Deserialize, Serialize};

/// Named member tiers reached by lifetime spend (paid orders minus refunds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MemberTier {
    Bronze,
    Silver,
    Gold,
    Platinum,
}

impl MemberTier {
    /// Lifetime spend (fen) at which each tier starts, lowest first.
    pub const THRESHOLDS: [(MemberTier, i64); 4] = [
        (MemberTier::Bronze, 0),
        (MemberTier::Silver, 100_000),
        (MemberTier::Gold, 500_000),
        (MemberTier::Platinum, 2_000_000),
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLevel {
    pub tier: MemberTier,
    pub lifetime_spend: Money,
    /// The next tier and how much more spend reaches it; None at the top.
    pub next: Option<(MemberTier, Money)>,
}

impl MemberLevel {
    pub fn for_spend(lifetime_spend: Money) -> MemberLevel {
        let spend = lifetime_spend.fen().max(0);
        let index = MemberTier::THRESHOLDS
            .iter()
            .rposition(|(_, from)| spend >= *from)
            .unwrap_or(0);
        let next = MemberTier::THRESHOLDS
            .get(index + 1)
            .map(|(tier, from)| (*tier, Money::from_fen(from - spend)));
        MemberLevel {
            tier: MemberTier::THRESHOLDS[index].0,
            lifetime_spend,
            next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_levels_by_lifetime_spend() {
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
