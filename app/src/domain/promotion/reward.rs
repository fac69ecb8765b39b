//! Coupons given without being claimed: to new accounts, on birthdays, on reaching a level;
//! and the two facts the job that gives them needs.

use crate::domain::account::{Date, MemberTier};
use serde::{Deserialize, Serialize};

/// A coupon given without being claimed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reward {
    /// To every account when it is opened.
    Welcome,
    /// On the member's birthday (shop time), once a year; members born on 29 February get it
    /// on the 28th in other years.
    Birthday,
    /// When a member reaches the coupon's lowest level from below it.
    LevelUp,
    /// By an operator to a group of members (see `Segment`); never shown in the coupon centre.
    Segment,
}

impl Reward {
    pub const ALL: [Reward; 4] = [
        Reward::Welcome,
        Reward::Birthday,
        Reward::LevelUp,
        Reward::Segment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reward::Welcome => "welcome",
            Reward::Birthday => "birthday",
            Reward::LevelUp => "level_up",
            Reward::Segment => "segment",
        }
    }

    pub fn parse(value: &str) -> Option<Reward> {
        Reward::ALL.into_iter().find(|r| r.as_str() == value)
    }
}

/// Whether `today` is the birthday of a member born on `birthday` ("YYYY-MM-DD"; empty for
/// none): the same month and day, or 28 February outside leap years for one born on the 29th.
pub fn is_birthday(birthday: &str, today: Date) -> bool {
    let Some(born) = Date::parse(birthday) else {
        return false;
    };
    let leap = |year: i32| (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    (born.month, born.day) == (today.month, today.day)
        || ((born.month, born.day) == (2, 29)
            && (today.month, today.day) == (2, 28)
            && !leap(today.year))
}

/// The levels a member reaches moving from `before` to `after`: those above `before` up to
/// `after`, lowest first (none when the level did not rise).
pub fn tiers_reached(before: MemberTier, after: MemberTier) -> Vec<MemberTier> {
    MemberTier::ALL
        .into_iter()
        .filter(|tier| *tier > before && *tier <= after)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birthdays_fall_on_their_day_and_leap_day_birthdays_on_the_28th() {
        use crate::domain::account::Date;
        let day = |text: &str| Date::parse(text).unwrap();
        assert!(is_birthday("1990-12-01", day("2026-12-01")));
        assert!(!is_birthday("1990-12-02", day("2026-12-01")));
        assert!(!is_birthday("", day("2026-12-01")));
        assert!(is_birthday("2000-02-29", day("2027-02-28")));
        assert!(
            !is_birthday("2000-02-29", day("2028-02-28")),
            "2028 has its 29th"
        );
        assert!(is_birthday("2000-02-29", day("2028-02-29")));
        for reward in Reward::ALL {
            assert_eq!(Reward::parse(reward.as_str()), Some(reward));
        }
    }

    #[test]
    fn a_member_reaches_each_level_between_the_old_and_the_new() {
        use crate::domain::account::MemberTier::*;
        assert_eq!(tiers_reached(Bronze, Gold), vec![Silver, Gold]);
        assert_eq!(tiers_reached(Silver, Silver), vec![]);
        assert_eq!(
            tiers_reached(Gold, Silver),
            vec![],
            "falling reaches nothing"
        );
    }
}
