//! Why a form was refused: the field and the problem, and the small helpers every form parser
//! of the account domain shares.

use serde::{Deserialize, Serialize};

/// Why an input was refused. The UI translates it; the field says where to show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    EmailInvalid,
    EmailTaken,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooSimple,
    PasswordContainsEmail,
    ConsentRequired,
    DisplayNameInvalid,
    PhoneInvalid,
    BirthdayInvalid,
    LocaleInvalid,
    RecipientInvalid,
    RegionInvalid,
    CityInvalid,
    DetailInvalid,
    PostalCodeInvalid,
    WrongPassword,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Email,
    Password,
    NewPassword,
    Consent,
    DisplayName,
    Phone,
    Birthday,
    Locale,
    Recipient,
    Region,
    City,
    Detail,
    PostalCode,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: Field,
    pub problem: Problem,
}

pub(super) fn problem(field: Field, problem: Problem) -> FieldProblem {
    FieldProblem { field, problem }
}

/// Collects every problem of a form so the shopper fixes them in one go.
pub(super) fn collect<T>(
    result: Result<T, FieldProblem>,
    problems: &mut Vec<FieldProblem>,
) -> Option<T> {
    result.map_err(|p| problems.push(p)).ok()
}

fn has_control_chars(value: &str) -> bool {
    value.chars().any(char::is_control)
}

/// Trimmed text of 1..=max characters without control characters.
pub(super) fn bounded_text(value: &str, max: usize) -> Option<String> {
    let value = value.trim();
    let length = value.chars().count();
    (length >= 1 && length <= max && !has_control_chars(value)).then(|| value.to_string())
}
