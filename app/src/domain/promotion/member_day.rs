//! 會員日 member days: on a weekday (every week) or a day of the month, in shop time (UTC+8),
//! members of a level and above get an extra discount (and earn points faster) while the
//! member day's campaign runs.

use crate::domain::account::{Date, MemberTier};
use serde::{Deserialize, Serialize};

/// When a member day falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberDayRule {
    /// Every week on this day: 1 = Monday … 7 = Sunday (ISO 8601).
    Weekday(u8),
    /// Every month on this day (1..=31; a month without it has none).
    DayOfMonth(u8),
}

/// A member day campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDay {
    pub id: i64,
    pub rule: MemberDayRule,
    /// The extra discount on goods, in basis points (500 = 5 %).
    pub rate_bp: i64,
    /// Points earned on the day, as a percentage of the usual (200 = double).
    pub points_percent: i64,
    pub min_tier: MemberTier,
    /// The campaign runs from `starts_at` until before `ends_at` (seconds).
    pub starts_at: i64,
    pub ends_at: i64,
}

/// The shop's offset from UTC: member days follow the shop's calendar.
const SHOP_OFFSET: i64 = 8 * 3600;

/// The ISO weekday (1 = Monday … 7 = Sunday) of a moment in shop time.
pub fn shop_weekday(unix_seconds: i64) -> u8 {
    // 1970-01-01 was a Thursday (4).
    let days = (unix_seconds + SHOP_OFFSET).div_euclid(86_400);
    ((days + 3).rem_euclid(7) + 1) as u8
}

impl MemberDay {
    /// Whether `now` falls on the member day, within the campaign.
    pub fn runs_at(&self, now: i64) -> bool {
        if now < self.starts_at || now >= self.ends_at {
            return false;
        }
        match self.rule {
            MemberDayRule::Weekday(day) => shop_weekday(now) == day,
            MemberDayRule::DayOfMonth(day) => {
                Date::from_unix(now + SHOP_OFFSET).day == u32::from(day)
            }
        }
    }

    /// Whether it gives a member of `tier` anything.
    pub fn serves(&self, tier: Option<MemberTier>) -> bool {
        tier.is_some_and(|tier| tier >= self.min_tier)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wednesdays() -> MemberDay {
        MemberDay {
            id: 1,
            rule: MemberDayRule::Weekday(3),
            rate_bp: 500,
            points_percent: 200,
            min_tier: MemberTier::Silver,
            starts_at: 0,
            ends_at: i64::MAX,
        }
    }

    #[test]
    fn member_days_follow_the_shops_calendar() {
        // 2026-12-02 is a Wednesday; 00:30 there is still Tuesday 16:30 in UTC.
        let wednesday_morning = 1_796_142_600; // 2026-12-01T16:30:00Z
        assert_eq!(shop_weekday(wednesday_morning), 3);
        assert!(wednesdays().runs_at(wednesday_morning));
        assert!(!wednesdays().runs_at(wednesday_morning - 3_600));
        assert!(!wednesdays().runs_at(wednesday_morning + 86_400));
        let second = MemberDay {
            rule: MemberDayRule::DayOfMonth(2),
            ..wednesdays()
        };
        assert!(second.runs_at(wednesday_morning));
        let over = MemberDay {
            ends_at: wednesday_morning,
            ..wednesdays()
        };
        assert!(!over.runs_at(wednesday_morning));
    }

    #[test]
    fn member_days_serve_members_of_their_level_and_above() {
        assert!(!wednesdays().serves(None));
        assert!(!wednesdays().serves(Some(MemberTier::Bronze)));
        assert!(wednesdays().serves(Some(MemberTier::Silver)));
        assert!(wednesdays().serves(Some(MemberTier::Platinum)));
    }
}
