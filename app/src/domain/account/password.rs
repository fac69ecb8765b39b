//! New passwords: the length limits and the checks a password must pass before it is stored.

use super::email::Email;
use crate::domain::form::{problem, Field, FieldProblem, Problem};

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Passwords people pick first; refused even though they pass the length and mix rules.
const COMMON_PASSWORDS: &[&str] = &[
    "password1",
    "password123",
    "passw0rd",
    "qwerty123",
    "qwertyuiop1",
    "abc12345",
    "abcd1234",
    "12345678a",
    "a12345678",
    "iloveyou1",
    "welcome1",
    "admin123",
    "1q2w3e4r",
    "1qaz2wsx",
    "zaq12wsx",
    "letmein1",
    "woaini1314",
    "aa123456",
];

/// A password good enough to store: 8–128 characters, letters and digits (or other symbols),
/// not a well-known one, not the email's name part.
#[derive(Clone)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    pub fn parse(
        raw: &str,
        email: Option<&Email>,
        field: Field,
    ) -> Result<NewPassword, FieldProblem> {
        let length = raw.chars().count();
        if length < PASSWORD_MIN_CHARS {
            return Err(problem(field, Problem::PasswordTooShort));
        }
        if length > PASSWORD_MAX_CHARS {
            return Err(problem(field, Problem::PasswordTooLong));
        }
        // No composition rules (NIST SP 800-63B 3.1.1.2, OWASP ASVS 5.0 6.2): any characters,
        // Unicode included. Refused: repetition ("aaaa1111") and the most common passwords
        // (a short list here; the server also checks a list of 38,000, see `auth`).
        let distinct = {
            let mut chars: Vec<char> = raw.chars().collect();
            chars.sort_unstable();
            chars.dedup();
            chars.len()
        };
        let lower = raw.to_lowercase();
        if distinct < 4 || COMMON_PASSWORDS.contains(&lower.as_str()) {
            return Err(problem(field, Problem::PasswordTooSimple));
        }
        if let Some(email) = email {
            let name = email.as_str().split('@').next().unwrap_or("");
            if name.chars().count() >= 4 && lower.contains(name) {
                return Err(problem(field, Problem::PasswordContainsEmail));
            }
        }
        Ok(NewPassword(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(raw: &str) -> Email {
        Email::parse(raw).unwrap()
    }

    #[test]
    fn weak_passwords_are_refused_with_the_reason() {
        let e = email("meimei@example.com");
        let reason = |raw: &str| {
            NewPassword::parse(raw, Some(&e), Field::Password)
                .unwrap_err()
                .problem
        };
        assert_eq!(reason("short1"), Problem::PasswordTooShort);
        assert_eq!(reason(&"ab1".repeat(50)), Problem::PasswordTooLong);
        assert!(
            NewPassword::parse("abcdefghij", Some(&e), Field::Password).is_ok(),
            "no composition rules: letters alone are fine"
        );
        assert!(NewPassword::parse("1357924680", Some(&e), Field::Password).is_ok());
        assert_eq!(reason("aaaa1111"), Problem::PasswordTooSimple);
        assert_eq!(reason("Password123"), Problem::PasswordTooSimple);
        assert_eq!(reason("meimei2026!"), Problem::PasswordContainsEmail);
        assert!(NewPassword::parse("绿茶 tea 2026", Some(&e), Field::Password).is_ok());
        assert!(NewPassword::parse("correct-horse-9", None, Field::Password).is_ok());
    }
}
