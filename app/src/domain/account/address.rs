//! Delivery addresses: the address form and the parsed address, checked against its region.

use super::phone::parse_phone;
use super::region::{PostalRule, Region};
use crate::domain::form::{bounded_text, collect, problem, Field, FieldProblem, Problem};
use serde::{Deserialize, Serialize};

/// What the address form sends (also what the address book shows back for editing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressForm {
    pub recipient: String,
    pub phone: String,
    pub region: String,
    pub city: String,
    pub detail: String,
    pub postal_code: String,
}

/// A parsed address: every field present and plausible for its region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidAddress {
    pub recipient: String,
    pub phone: String,
    pub region: &'static Region,
    pub city: String,
    pub detail: String,
    pub postal_code: String,
}

impl ValidAddress {
    pub fn parse(form: &AddressForm) -> Result<ValidAddress, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let recipient = bounded_text(&form.recipient, 40);
        if recipient.is_none() {
            problems.push(problem(Field::Recipient, Problem::RecipientInvalid));
        }
        let phone = collect(parse_phone(&form.phone, Field::Phone), &mut problems);
        let region = Region::find(form.region.trim());
        if region.is_none() {
            problems.push(problem(Field::Region, Problem::RegionInvalid));
        }
        let city = bounded_text(&form.city, 40);
        if city.is_none() {
            problems.push(problem(Field::City, Problem::CityInvalid));
        }
        let detail = bounded_text(&form.detail, 120).filter(|d| d.chars().count() >= 4);
        if detail.is_none() {
            problems.push(problem(Field::Detail, Problem::DetailInvalid));
        }
        let postal_code = crate::domain::text::fold_width(&form.postal_code)
            .trim()
            .to_string();
        if let Some(region) = region {
            let digits = postal_code.chars().all(|c| c.is_ascii_digit());
            let ok = match region.postal {
                PostalRule::SixDigits => digits && postal_code.len() == 6,
                PostalRule::ThreeToSixDigits => digits && (3..=6).contains(&postal_code.len()),
                PostalRule::None => postal_code.is_empty() || (digits && postal_code.len() <= 6),
            };
            if !ok {
                problems.push(problem(Field::PostalCode, Problem::PostalCodeInvalid));
            }
        }
        match (recipient, phone, region, city, detail) {
            (Some(recipient), Some(phone), Some(region), Some(city), Some(detail))
                if problems.is_empty() =>
            {
                Ok(ValidAddress {
                    recipient,
                    phone,
                    region,
                    city,
                    detail,
                    postal_code,
                })
            }
            _ => Err(problems),
        }
    }
}

/// A saved address with its region named in the page's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressView {
    pub id: i64,
    pub form: AddressForm,
    /// The region's name in the page's language.
    pub region_name: String,
    pub is_default: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address() -> AddressForm {
        AddressForm {
            recipient: "王小明".into(),
            phone: "13800138000".into(),
            region: "GD".into(),
            city: "深圳市".into(),
            detail: "南山區科技園 1 號".into(),
            postal_code: "518000".into(),
        }
    }

    #[test]
    fn addresses_follow_their_region_rules() {
        let valid = ValidAddress::parse(&address()).unwrap();
        assert_eq!(valid.region.en, "Guangdong");

        let mut full_width = address();
        full_width.phone = "１３８００１３８０００".into();
        full_width.postal_code = "５１８０００".into();
        let valid = ValidAddress::parse(&full_width).unwrap();
        assert_eq!(
            (valid.phone.as_str(), valid.postal_code.as_str()),
            ("13800138000", "518000")
        );

        let mut hk = address();
        hk.region = "HK".into();
        hk.postal_code = "".into();
        assert!(ValidAddress::parse(&hk).is_ok());

        let mut bad = address();
        bad.postal_code = "5180".into();
        bad.recipient = " ".into();
        bad.region = "XX".into();
        let fields: Vec<Field> = ValidAddress::parse(&bad)
            .unwrap_err()
            .iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, vec![Field::Recipient, Field::Region]);

        let mut short_postal = address();
        short_postal.postal_code = "5180".into();
        assert_eq!(
            ValidAddress::parse(&short_postal).unwrap_err(),
            vec![problem(Field::PostalCode, Problem::PostalCodeInvalid)]
        );
        let mut no_detail = address();
        no_detail.detail = "1號".into();
        no_detail.city = "".into();
        let fields: Vec<Field> = ValidAddress::parse(&no_detail)
            .unwrap_err()
            .iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, vec![Field::City, Field::Detail]);
    }
}
