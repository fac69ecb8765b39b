//! Phone numbers, as given for an account or an address.

use crate::domain::form::{problem, Field, FieldProblem, Problem};

/// Digits with an optional leading `+`; spaces, dashes and brackets are dropped. 7–15 digits
/// (E.164 allows 15) covers mainland mobiles (11), Hong Kong and Macau (8) and Taiwan (9–10).
pub fn parse_phone(raw: &str, field: Field) -> Result<String, FieldProblem> {
    let folded = crate::domain::text::fold_width(raw);
    let trimmed = folded.trim();
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", trimmed),
    };
    let mut digits = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '(' | ')' => {}
            _ => return Err(problem(field, Problem::PhoneInvalid)),
        }
    }
    if (7..=15).contains(&digits.len()) {
        Ok(format!("{plus}{digits}"))
    } else {
        Err(problem(field, Problem::PhoneInvalid))
    }
}

pub(super) fn parse_optional_phone(raw: &str, field: Field) -> Result<String, FieldProblem> {
    if raw.trim().is_empty() {
        Ok(String::new())
    } else {
        parse_phone(raw, field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_keep_digits_and_plus() {
        assert_eq!(
            parse_phone("138 0013 8000", Field::Phone).unwrap(),
            "13800138000"
        );
        assert_eq!(
            parse_phone("+852 9123-4567", Field::Phone).unwrap(),
            "+85291234567"
        );
        assert_eq!(
            parse_phone("１３８００１３８０００", Field::Phone).unwrap(),
            "13800138000",
            "full-width digits from a Chinese input method"
        );
        assert!(parse_phone("12345", Field::Phone).is_err());
        assert!(parse_phone("138001380001234567", Field::Phone).is_err());
        assert!(parse_phone("13800l38000", Field::Phone).is_err());
    }
}
