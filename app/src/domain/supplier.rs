//! Suppliers on the platform: the application a shopper sends to sell on Jishi, and the
//! operator's decision on it. An approved applicant becomes a supplier: the owner
//! ([`crate::domain::owner::Owner::Supplier`], by user id) of its own goods and warehouses.

use crate::domain::account::parse_phone;
use crate::domain::account::Region;
use crate::domain::form::{bounded_text, collect, problem, Field, FieldProblem, Problem};
use serde::{Deserialize, Serialize};

/// A company name: 2..=100 characters.
pub const COMPANY_MAX_CHARS: usize = 100;
/// A contact person's name: 1..=50 characters.
pub const CONTACT_MAX_CHARS: usize = 50;
/// At most this many categories per application.
pub const MAX_CATEGORIES: usize = 10;
/// A rejection's reason: 1..=200 characters (as every reason an operator gives).
pub const REASON_MAX_CHARS: usize = 200;
/// The licence image: at most 5 MB, JPEG, PNG or WebP (checked by content).
pub const LICENCE_MAX_BYTES: usize = 5 * 1024 * 1024;

/// The application as typed (the licence image travels beside it in the same form).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationForm {
    pub company: String,
    pub contact: String,
    pub phone: String,
    pub licence_number: String,
    /// Top-level category ids, as the check boxes send them.
    pub categories: Vec<String>,
    /// The region code the supplier ships from (its first warehouse stands there).
    pub region: String,
}

/// A checked application.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidApplication {
    pub company: String,
    pub contact: String,
    /// Digits with an optional leading `+`.
    pub phone: String,
    /// Upper case, without spaces.
    pub licence_number: String,
    /// Distinct category ids, in the order given.
    pub categories: Vec<i64>,
    pub region: &'static str,
}

impl ApplicationForm {
    /// Checks every field, so the applicant fixes them in one go. Whether the categories exist
    /// is the repository's check (`CategoryInvalid` at "Categories").
    pub fn parse(&self) -> Result<ValidApplication, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let company = bounded_text(&self.company, COMPANY_MAX_CHARS)
            .filter(|c| c.chars().count() >= 2)
            .ok_or(problem(Field::Company, Problem::CompanyInvalid));
        let company = collect(company, &mut problems);
        let contact = bounded_text(&self.contact, CONTACT_MAX_CHARS)
            .ok_or(problem(Field::Contact, Problem::ContactInvalid));
        let contact = collect(contact, &mut problems);
        let phone = collect(parse_phone(&self.phone, Field::Phone), &mut problems);
        let licence = normalize_licence(&self.licence_number)
            .ok_or(problem(Field::LicenceNumber, Problem::LicenceNumberInvalid));
        let licence = collect(licence, &mut problems);
        let mut categories: Vec<i64> = Vec::new();
        let mut categories_ok = true;
        for typed in &self.categories {
            match typed.trim().parse::<i64>() {
                Ok(id) if id > 0 => {
                    if !categories.contains(&id) {
                        categories.push(id);
                    }
                }
                _ => categories_ok = false,
            }
        }
        if !categories_ok || categories.is_empty() || categories.len() > MAX_CATEGORIES {
            problems.push(problem(Field::Categories, Problem::CategoriesInvalid));
        }
        let region = Region::find(self.region.trim()).map(|r| r.code);
        let region = collect(
            region.ok_or(problem(Field::Region, Problem::RegionInvalid)),
            &mut problems,
        );
        match (company, contact, phone, licence, region) {
            (Some(company), Some(contact), Some(phone), Some(licence_number), Some(region))
                if problems.is_empty() =>
            {
                Ok(ValidApplication {
                    company,
                    contact,
                    phone,
                    licence_number,
                    categories,
                    region,
                })
            }
            _ => Err(problems),
        }
    }
}

/// A business registration number, upper case without spaces or dashes; None when it is none
/// of the forms we take:
/// - the mainland's Unified Social Credit Code (统一社会信用代码): 18 characters of
///   `0-9A-HJ-NPQRTUWXY` whose last is the check character of GB 32100-2015 (weights 3^i mod 31);
/// - 8 digits: a Hong Kong Business Registration number or a Taiwan 統一編號 (the first has
///   no public check digit, so neither is checked beyond its form).
pub fn normalize_licence(typed: &str) -> Option<String> {
    let folded = crate::domain::text::fold_width(typed);
    let code: String = folded
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect::<String>()
        .to_ascii_uppercase();
    if code.len() == 8 && code.chars().all(|c| c.is_ascii_digit()) {
        return Some(code);
    }
    uscc_is_valid(&code).then_some(code)
}

/// The characters of a Unified Social Credit Code, in value order (GB 32100-2015 §4: the
/// letters I, O, S, V and Z are never used).
const USCC_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Whether `code` is an 18-character Unified Social Credit Code with the right check character
/// (GB 32100-2015 §5: C18 = 31 − (Σ Ci·Wi mod 31), Wi = 3^(i−1) mod 31, 31 written as 0).
pub fn uscc_is_valid(code: &str) -> bool {
    let values: Vec<u32> = code
        .chars()
        .filter_map(|c| USCC_CHARS.find(c).map(|i| i as u32))
        .collect();
    if code.chars().count() != 18 || values.len() != 18 {
        return false;
    }
    let mut weight = 1u32;
    let mut sum = 0u32;
    for value in &values[..17] {
        sum += value * weight;
        weight = weight * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    values[17] == check
}

/// Where an application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplicationStatus {
    /// Waiting for an operator.
    Pending,
    Approved,
    /// Refused with a reason; the applicant may apply again.
    Rejected,
}

impl ApplicationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Pending => "pending",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
        }
    }

    pub fn parse(value: &str) -> Option<ApplicationStatus> {
        [
            ApplicationStatus::Pending,
            ApplicationStatus::Approved,
            ApplicationStatus::Rejected,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// An application as the applicant and operators read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub id: i64,
    pub user_id: i64,
    pub email: String,
    pub company: String,
    pub contact: String,
    pub phone: String,
    pub licence_number: String,
    /// The categories' names in the reader's language.
    pub categories: Vec<String>,
    pub region: String,
    pub status: ApplicationStatus,
    /// Why it was rejected; empty otherwise.
    pub reason: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// What the application page shows the signed-in person: their latest application, or that
/// they are a supplier, and the categories to choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyPage {
    /// The company when the caller is an active supplier.
    pub supplier: Option<String>,
    pub latest: Option<Application>,
    /// Top-level categories as (id, name in the reader's language).
    pub categories: Vec<(i64, String)>,
}

/// The supplier console's first page: the supplier's own figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierOverview {
    pub company: String,
    /// False while operators have it suspended (its products are out of the shop).
    pub active: bool,
    pub products: i64,
    pub live_products: i64,
    pub warehouses: Vec<crate::domain::stock::Warehouse>,
}

/// One of the supplier's parcels in its console's order list, with only what shipping needs of
/// the order: the full address while the parcel waits to ship, the city alone after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierParcel {
    pub order_no: String,
    /// The parcel's number in the order ("Parcel 2" is 2).
    pub parcel: i64,
    pub order_status: crate::domain::order::OrderStatus,
    pub status: crate::domain::order::shipment::ShipmentStatus,
    /// Unix seconds.
    pub placed_at: i64,
    pub lines: Vec<crate::domain::order::OrderLine>,
    /// Its share of what the shopper paid (what a refund of it gives back), fen.
    pub paid_share: crate::domain::money::Money,
    /// Where to send it, while it waits to ship (or an exchange's replacement is to go out).
    pub ship_to: Option<ShipTo>,
    /// The delivery city.
    pub city: String,
    pub carrier: Option<String>,
    pub tracking_no: Option<String>,
    /// After-sale requests on this parcel, oldest first.
    pub requests: Vec<crate::domain::order::AfterSaleView>,
    /// The supplier may hand it to a carrier now.
    pub can_ship: bool,
    /// The supplier may decide its after-sale requests and receive goods back (not while
    /// suspended).
    pub can_handle: bool,
}

/// The supplier console's order list: its parcels under a tab, and the shop's carriers
/// ((code, name)) its ship forms offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelList {
    pub parcels: Vec<SupplierParcel>,
    pub carriers: Vec<(String, String)>,
}

/// A parcel's delivery address, as its sender needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipTo {
    pub recipient: String,
    pub phone: String,
    /// The region's name in the reader's language.
    pub region: String,
    pub city: String,
    pub detail: String,
    pub postal_code: String,
}

/// A rejection's reason: trimmed, 1..=200 characters (refused at "Reason").
pub fn parse_reason(typed: &str) -> Result<String, FieldProblem> {
    bounded_text(typed, REASON_MAX_CHARS).ok_or(problem(Field::Reason, Problem::ReasonRequired))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ApplicationForm {
        ApplicationForm {
            company: "  Hangzhou Tea Co., Ltd. ".into(),
            contact: "Wang Fang".into(),
            phone: "138 0013 8000".into(),
            licence_number: "91330100716105852F".into(),
            categories: vec!["2".into(), "5".into(), "2".into()],
            region: "ZJ".into(),
        }
    }

    #[test]
    fn a_good_application_is_normalized() {
        let valid = form().parse().unwrap();
        assert_eq!(valid.company, "Hangzhou Tea Co., Ltd.");
        assert_eq!(valid.phone, "13800138000");
        assert_eq!(valid.categories, vec![2, 5]);
        assert_eq!(valid.region, "ZJ");
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = ApplicationForm {
            company: "X".into(),
            contact: " ".into(),
            phone: "12".into(),
            licence_number: "91330100716105852G".into(),
            categories: vec![],
            region: "XX".into(),
        };
        let fields: Vec<Field> = bad.parse().unwrap_err().iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::Company,
                Field::Contact,
                Field::Phone,
                Field::LicenceNumber,
                Field::Categories,
                Field::Region
            ]
        );
        let mut many = form();
        many.categories = (1..=11).map(|i| i.to_string()).collect();
        assert_eq!(many.parse().unwrap_err()[0].field, Field::Categories);
        let mut junk = form();
        junk.categories = vec!["tea".into()];
        assert_eq!(junk.parse().unwrap_err()[0].field, Field::Categories);
    }

    #[test]
    fn unified_social_credit_codes_carry_their_check_character() {
        // Codes published on companies' own licences (Huawei, Tencent, Alibaba).
        assert!(uscc_is_valid("914403001922038216"));
        assert!(uscc_is_valid("9144030071526726XG"));
        assert!(uscc_is_valid("91330100716105852F"));
        assert!(!uscc_is_valid("914403001922038217"));
        assert!(
            !uscc_is_valid("9144030071526726GX"),
            "two neighbours swapped"
        );
        assert!(!uscc_is_valid("9144030019220382"));
        // I, O, S, V and Z are not in the alphabet.
        assert!(!uscc_is_valid("91440300192203821I"));
        assert_eq!(
            normalize_licence("9111 0000-1000 0648 5k").as_deref(),
            Some("91110000100006485K")
        );
        assert_eq!(
            normalize_licence("１２３４５６７８").as_deref(),
            Some("12345678")
        );
        assert_eq!(normalize_licence("1234567"), None);
        assert_eq!(normalize_licence(""), None);
    }

    #[test]
    fn statuses_and_reasons() {
        for s in [
            ApplicationStatus::Pending,
            ApplicationStatus::Approved,
            ApplicationStatus::Rejected,
        ] {
            assert_eq!(ApplicationStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(
            parse_reason("  blurry licence "),
            Ok("blurry licence".into())
        );
        assert_eq!(parse_reason(" ").unwrap_err().field, Field::Reason);
        assert!(parse_reason(&"x".repeat(200)).is_ok());
        assert!(parse_reason(&"x".repeat(201)).is_err());
    }
}
