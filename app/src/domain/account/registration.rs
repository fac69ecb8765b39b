//! Registration: the form a new shopper sends and the parsed registration, and the privacy
//! policy version consent is recorded against.

use super::email::Email;
use super::password::NewPassword;
use super::phone::parse_optional_phone;
use super::profile::parse_display_name;
use crate::domain::form::{collect, problem, Field, FieldProblem, Problem};
use serde::{Deserialize, Serialize};

/// What the registration form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationForm {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub phone: String,
    pub consent: bool,
}

#[derive(Debug)]
pub struct Registration {
    pub email: Email,
    pub password: NewPassword,
    pub display_name: String,
    pub phone: String,
}

impl Registration {
    /// An empty display name becomes the email's name part; the phone is optional.
    pub fn parse(form: &RegistrationForm) -> Result<Registration, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let email = collect(Email::parse(&form.email), &mut problems);
        let password = collect(
            NewPassword::parse(&form.password, email.as_ref(), Field::Password),
            &mut problems,
        );
        let display_name = if form.display_name.trim().is_empty() {
            email.as_ref().map(|e| {
                e.as_str()
                    .split('@')
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(40)
                    .collect()
            })
        } else {
            collect(parse_display_name(&form.display_name), &mut problems)
        };
        let phone = collect(
            parse_optional_phone(&form.phone, Field::Phone),
            &mut problems,
        );
        if !form.consent {
            problems.push(problem(Field::Consent, Problem::ConsentRequired));
        }
        match (email, password, display_name, phone) {
            (Some(email), Some(password), Some(display_name), Some(phone))
                if problems.is_empty() =>
            {
                Ok(Registration {
                    email,
                    password,
                    display_name,
                    phone,
                })
            }
            _ => Err(problems),
        }
    }
}

/// The version of the privacy policy shown at registration; consent records which one was agreed.
pub const PRIVACY_POLICY_VERSION: &str = "2026-11-30";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_reports_every_problem_at_once() {
        let form = RegistrationForm {
            email: "nope".into(),
            password: "123".into(),
            display_name: "".into(),
            phone: "call me".into(),
            consent: false,
        };
        let problems = Registration::parse(&form).unwrap_err();
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![Field::Email, Field::Password, Field::Phone, Field::Consent]
        );

        let ok = Registration::parse(&RegistrationForm {
            email: "Lin@Example.com".into(),
            password: "green-tea-42".into(),
            display_name: "".into(),
            phone: "".into(),
            consent: true,
        })
        .unwrap();
        assert_eq!(ok.display_name, "lin");
        assert_eq!(ok.email.as_str(), "lin@example.com");
    }
}
