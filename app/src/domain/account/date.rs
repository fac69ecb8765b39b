//! Calendar dates (what a date input sends, or the day of a unix time) and birthdays.

use crate::domain::form::{problem, Field, FieldProblem, Problem};

/// A calendar date `YYYY-MM-DD` (what `<input type=date>` sends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn parse(raw: &str) -> Option<Date> {
        let mut parts = raw.trim().split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || !(1..=12).contains(&month) {
            return None;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (1..=days_in_month)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's days-from-civil.
    pub fn to_days(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let month = i64::from(self.month);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The civil date of a unix time (UTC), by Howard Hinnant's days-from-civil inverse.
    pub fn from_unix(seconds: i64) -> Date {
        let days = seconds.div_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Empty, or a real date between 1900-01-01 and today.
pub fn parse_birthday(raw: &str, today: Date) -> Result<String, FieldProblem> {
    if raw.trim().is_empty() {
        return Ok(String::new());
    }
    match Date::parse(raw) {
        Some(date) if date.year >= 1900 && date <= today => Ok(date.to_string()),
        _ => Err(problem(Field::Birthday, Problem::BirthdayInvalid)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_birthdays() {
        let today = Date::from_unix(1_795_305_600); // 2026-11-22
        assert_eq!(today.to_string(), "2026-11-22");
        assert_eq!(Date::from_unix(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix(951_782_400).to_string(), "2000-02-29");
        assert_eq!(parse_birthday("1990-02-28", today).unwrap(), "1990-02-28");
        assert_eq!(parse_birthday("", today).unwrap(), "");
        for bad in ["1990-02-30", "2027-01-01", "1899-12-31", "1990/01/01", "x"] {
            assert!(parse_birthday(bad, today).is_err(), "{bad}");
        }
        assert!(parse_birthday("2000-02-29", today).is_ok());
        assert!(parse_birthday("1900-02-29", today).is_err());
    }
}
