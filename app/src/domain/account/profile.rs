//! The profile a shopper edits: display name, phone, birthday and preferred language.

use super::date::{parse_birthday, Date};
use super::phone::parse_optional_phone;
use crate::domain::form::{bounded_text, collect, problem, Field, FieldProblem, Problem};
use serde::{Deserialize, Serialize};

pub fn parse_display_name(raw: &str) -> Result<String, FieldProblem> {
    bounded_text(raw, 40).ok_or(problem(Field::DisplayName, Problem::DisplayNameInvalid))
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub display_name: String,
    pub phone: String,
    pub birthday: String,
    pub preferred_locale: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub display_name: String,
    pub phone: String,
    pub birthday: String,
    pub preferred_locale: crate::domain::locale::Locale,
}

impl Profile {
    pub fn parse(form: &ProfileForm, today: Date) -> Result<Profile, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let display_name = collect(parse_display_name(&form.display_name), &mut problems);
        let phone = collect(
            parse_optional_phone(&form.phone, Field::Phone),
            &mut problems,
        );
        let birthday = collect(parse_birthday(&form.birthday, today), &mut problems);
        let locale = crate::domain::locale::Locale::from_code(&form.preferred_locale);
        if locale.is_none() {
            problems.push(problem(Field::Locale, Problem::LocaleInvalid));
        }
        match (display_name, phone, birthday, locale) {
            (Some(display_name), Some(phone), Some(birthday), Some(preferred_locale)) => {
                Ok(Profile {
                    display_name,
                    phone,
                    birthday,
                    preferred_locale,
                })
            }
            _ => Err(problems),
        }
    }
}

/// The profile as the form shows it (strings as typed, so a form can be refilled).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub email: String,
    pub display_name: String,
    pub phone: String,
    pub birthday: String,
    pub preferred_locale: String,
    pub avatar_url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_needs_a_known_language() {
        let today = Date::from_unix(1_795_305_600);
        let mut form = ProfileForm {
            display_name: "小林".into(),
            phone: "".into(),
            birthday: "".into(),
            preferred_locale: "en".into(),
        };
        assert_eq!(Profile::parse(&form, today).unwrap().display_name, "小林");
        form.preferred_locale = "fr".into();
        form.display_name = "   ".into();
        let fields: Vec<Field> = Profile::parse(&form, today)
            .unwrap_err()
            .iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, vec![Field::DisplayName, Field::Locale]);
    }
}
