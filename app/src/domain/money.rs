//! Money as integer minor units (fen for CNY). Floats never touch an amount.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount in fen (1/100 yuan).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyParseError {
    #[error("not a number")]
    NotANumber,
    #[error("more than two decimal places")]
    TooPrecise,
    #[error("negative amount")]
    Negative,
    #[error("amount too large")]
    TooLarge,
}

/// The largest amount a shopper may type: ¥100,000,000.00. Keeps arithmetic far from overflow.
const MAX_INPUT_FEN: i64 = 10_000_000_000;

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_fen(fen: i64) -> Self {
        Money(fen)
    }

    pub const fn from_yuan(yuan: i64) -> Self {
        Money(yuan * 100)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Parses what a shopper types as a price in yuan: "99", "99.5", "99.50", "1,299", "¥1299".
    pub fn parse_yuan(input: &str) -> Result<Money, MoneyParseError> {
        let folded = super::text::fold_width(input);
        let cleaned: String = folded
            .trim()
            .trim_start_matches(['¥', '￥'])
            .chars()
            .filter(|c| *c != ',' && *c != '_')
            .collect();
        if cleaned.starts_with('-') {
            return Err(MoneyParseError::Negative);
        }
        let (whole, fraction) = match cleaned.split_once('.') {
            Some((w, f)) => (w, f),
            None => (cleaned.as_str(), ""),
        };
        if whole.is_empty() && fraction.is_empty() {
            return Err(MoneyParseError::NotANumber);
        }
        let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if !all_digits(whole) || !all_digits(fraction) {
            return Err(MoneyParseError::NotANumber);
        }
        if fraction.len() > 2 {
            return Err(MoneyParseError::TooPrecise);
        }
        if whole.len() > 12 {
            return Err(MoneyParseError::TooLarge);
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| MoneyParseError::NotANumber)?
        };
        let fraction_fen: i64 = match fraction.len() {
            0 => 0,
            1 => {
                fraction
                    .parse::<i64>()
                    .map_err(|_| MoneyParseError::NotANumber)?
                    * 10
            }
            _ => fraction.parse().map_err(|_| MoneyParseError::NotANumber)?,
        };
        let fen = whole * 100 + fraction_fen;
        if fen > MAX_INPUT_FEN {
            return Err(MoneyParseError::TooLarge);
        }
        Ok(Money(fen))
    }

    /// The yuan amount as a shopper would type it back into a form: "99", "99.50".
    pub fn to_input_string(self) -> String {
        if self.0 % 100 == 0 {
            format!("{}", self.0 / 100)
        } else {
            format!("{}.{:02}", self.0 / 100, (self.0 % 100).abs())
        }
    }

    /// Machine-readable amount for structured data (JSON-LD, meta): "1299.00".
    pub fn to_decimal_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{}.{:02}", self.0.abs() / 100, self.0.abs() % 100)
    }
}

/// "¥1,299.00"; negative amounts as "-¥5.00".
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut grouped = String::with_capacity(yuan.len() + yuan.len() / 3);
        for (i, digit) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        write!(f, "{sign}¥{grouped}.{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_prices_are_read() {
        assert_eq!(
            Money::parse_yuan("１２９．５").unwrap(),
            Money::from_fen(12950)
        );
        assert_eq!(
            Money::parse_yuan("￥１００").unwrap(),
            Money::from_yuan(100)
        );
    }

    #[test]
    fn formats_with_grouping_and_two_decimals() {
        assert_eq!(Money::from_fen(0).to_string(), "¥0.00");
        assert_eq!(Money::from_fen(5).to_string(), "¥0.05");
        assert_eq!(Money::from_fen(129_900).to_string(), "¥1,299.00");
        assert_eq!(Money::from_fen(123_456_789).to_string(), "¥1,234,567.89");
        assert_eq!(Money::from_fen(-500).to_string(), "-¥5.00");
        assert_eq!(Money::from_fen(99_999).to_string(), "¥999.99");
    }

    #[test]
    fn parses_what_shoppers_type() {
        assert_eq!(Money::parse_yuan("99"), Ok(Money::from_fen(9_900)));
        assert_eq!(Money::parse_yuan(" 99.5 "), Ok(Money::from_fen(9_950)));
        assert_eq!(Money::parse_yuan("99.05"), Ok(Money::from_fen(9_905)));
        assert_eq!(Money::parse_yuan("1,299"), Ok(Money::from_fen(129_900)));
        assert_eq!(Money::parse_yuan("¥12"), Ok(Money::from_fen(1_200)));
        assert_eq!(Money::parse_yuan(".5"), Ok(Money::from_fen(50)));
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        assert_eq!(Money::parse_yuan(""), Err(MoneyParseError::NotANumber));
        assert_eq!(Money::parse_yuan("abc"), Err(MoneyParseError::NotANumber));
        assert_eq!(Money::parse_yuan("1.2.3"), Err(MoneyParseError::NotANumber));
        assert_eq!(Money::parse_yuan("1e5"), Err(MoneyParseError::NotANumber));
        assert_eq!(Money::parse_yuan("-3"), Err(MoneyParseError::Negative));
        assert_eq!(Money::parse_yuan("1.999"), Err(MoneyParseError::TooPrecise));
        assert_eq!(
            Money::parse_yuan("99999999999999"),
            Err(MoneyParseError::TooLarge)
        );
        assert_eq!(
            Money::parse_yuan("100000000.01"),
            Err(MoneyParseError::TooLarge)
        );
    }

    #[test]
    fn round_trips_through_form_input() {
        for fen in [0, 1, 50, 9_900, 9_950, 129_999] {
            let money = Money::from_fen(fen);
            assert_eq!(Money::parse_yuan(&money.to_input_string()), Ok(money));
        }
        assert_eq!(Money::from_fen(129_900).to_decimal_string(), "1299.00");
    }
}
