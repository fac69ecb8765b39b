//! Groups of members an operator gives a coupon to, and what the giving did.

use crate::domain::account::MemberTier;
use serde::{Deserialize, Serialize};

const DAY: i64 = 86_400;

/// A group of members: accounts with the customer role, not deleted, that are neither operators
/// nor suppliers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Segment {
    /// Every member.
    All,
    /// Members whose level (spend over the last 12 months) is this one or higher.
    AtLeast(MemberTier),
    /// Members whose account was opened in the last `days` days.
    JoinedWithin { days: i64 },
    /// Members with no order paid in the last `days` days (including those who never ordered):
    /// the usual win-back group.
    LapsedFor { days: i64 },
}

/// What the segment rules need to know about one member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemberFacts {
    pub tier: MemberTier,
    /// When the account was opened (seconds).
    pub joined_at: i64,
    /// Their latest paid order (seconds), if any.
    pub last_paid_at: Option<i64>,
}

impl Segment {
    /// The groups the back office offers, in the order it lists them.
    pub const CHOICES: [Segment; 6] = [
        Segment::All,
        Segment::AtLeast(MemberTier::Silver),
        Segment::AtLeast(MemberTier::Gold),
        Segment::AtLeast(MemberTier::Platinum),
        Segment::JoinedWithin { days: 30 },
        Segment::LapsedFor { days: 90 },
    ];

    /// As a form sends it: "all", "tier:gold", "new:30", "lapsed:90".
    pub fn as_param(self) -> String {
        match self {
            Segment::All => "all".into(),
            Segment::AtLeast(tier) => format!("tier:{}", tier.as_str()),
            Segment::JoinedWithin { days } => format!("new:{days}"),
            Segment::LapsedFor { days } => format!("lapsed:{days}"),
        }
    }

    /// Reads [`Segment::as_param`]'s form; days are 1..=3,650. None for anything else.
    pub fn parse(value: &str) -> Option<Segment> {
        let days = |n: &str| n.parse::<i64>().ok().filter(|d| (1..=3_650).contains(d));
        match value.trim().split_once(':') {
            None if value.trim() == "all" => Some(Segment::All),
            Some(("tier", tier)) => MemberTier::parse(tier).map(Segment::AtLeast),
            Some(("new", n)) => days(n).map(|days| Segment::JoinedWithin { days }),
            Some(("lapsed", n)) => days(n).map(|days| Segment::LapsedFor { days }),
            _ => None,
        }
    }

    /// Whether the member is in the group at `now` (seconds).
    pub fn includes(self, member: &MemberFacts, now: i64) -> bool {
        match self {
            Segment::All => true,
            Segment::AtLeast(tier) => member.tier >= tier,
            Segment::JoinedWithin { days } => member.joined_at > now - days * DAY,
            Segment::LapsedFor { days } => member
                .last_paid_at
                .is_none_or(|paid| paid <= now - days * DAY),
        }
    }
}

/// What giving a coupon to a group did: each member of the group is counted once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenCoupons {
    /// Members in the group.
    pub members: i64,
    /// Copies given (one per member at most).
    pub given: i64,
    /// Members who already hold as many copies as the coupon allows each.
    pub had_theirs: i64,
    /// Members below the coupon's lowest level.
    pub below_level: i64,
    /// Members left without a copy because none were left.
    pub missed_out: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn member(tier: MemberTier, joined_days_ago: i64, paid_days_ago: Option<i64>) -> MemberFacts {
        MemberFacts {
            tier,
            joined_at: NOW - joined_days_ago * DAY,
            last_paid_at: paid_days_ago.map(|d| NOW - d * DAY),
        }
    }

    #[test]
    fn segments_read_back_what_the_form_sends() {
        for segment in Segment::CHOICES {
            assert_eq!(Segment::parse(&segment.as_param()), Some(segment));
        }
        for bad in [
            "",
            "tier:diamond",
            "new:0",
            "new:x",
            "lapsed:99999",
            "everyone",
        ] {
            assert_eq!(Segment::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn each_segment_takes_the_members_its_name_says() {
        let new_bronze = member(MemberTier::Bronze, 3, None);
        let old_gold = member(MemberTier::Gold, 400, Some(10));
        let lapsed_silver = member(MemberTier::Silver, 400, Some(120));
        let all = [new_bronze, old_gold, lapsed_silver];
        let pick = |segment: Segment| {
            all.iter()
                .map(|m| segment.includes(m, NOW))
                .collect::<Vec<_>>()
        };
        assert_eq!(pick(Segment::All), [true, true, true]);
        assert_eq!(
            pick(Segment::AtLeast(MemberTier::Silver)),
            [false, true, true]
        );
        assert_eq!(
            pick(Segment::AtLeast(MemberTier::Gold)),
            [false, true, false]
        );
        assert_eq!(
            pick(Segment::JoinedWithin { days: 30 }),
            [true, false, false]
        );
        assert_eq!(pick(Segment::LapsedFor { days: 90 }), [true, false, true]);
        // The edges: exactly 90 days since the last order is lapsed; joined exactly 30 days
        // ago is not new.
        assert!(Segment::LapsedFor { days: 90 }
            .includes(&member(MemberTier::Bronze, 400, Some(90)), NOW));
        assert!(!Segment::JoinedWithin { days: 30 }
            .includes(&member(MemberTier::Bronze, 30, None), NOW));
    }
}
