//! Accounts in pure Rust: what a valid email, password, profile and address are, the roles a user
//! can hold and the member levels. Values are parsed once at the edge; an invalid one cannot exist.

use crate::domain::money::Money;
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

fn problem(field: Field, problem: Problem) -> FieldProblem {
    FieldProblem { field, problem }
}

/// Collects every problem of a form so the shopper fixes them in one go.
fn collect<T>(result: Result<T, FieldProblem>, problems: &mut Vec<FieldProblem>) -> Option<T> {
    result.map_err(|p| problems.push(p)).ok()
}

fn has_control_chars(value: &str) -> bool {
    value.chars().any(char::is_control)
}

/// Trimmed text of 1..=max characters without control characters.
fn bounded_text(value: &str, max: usize) -> Option<String> {
    let value = value.trim();
    let length = value.chars().count();
    (length >= 1 && length <= max && !has_control_chars(value)).then(|| value.to_string())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Lower-cased, trimmed, one `@`, a dotted domain, no spaces, at most 254 characters.
    pub fn parse(raw: &str) -> Result<Email, FieldProblem> {
        let value = raw.trim().to_lowercase();
        let invalid = || problem(Field::Email, Problem::EmailInvalid);
        if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
        let domain_ok = !domain.contains('@')
            && domain.contains('.')
            && domain
                .split('.')
                .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'));
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return Err(invalid());
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

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

pub fn parse_display_name(raw: &str) -> Result<String, FieldProblem> {
    bounded_text(raw, 40).ok_or(problem(Field::DisplayName, Problem::DisplayNameInvalid))
}

/// Digits with an optional leading `+`; spaces, dashes and brackets are dropped. 7–15 digits
/// (E.164 allows 15) covers mainland mobiles (11), Hong Kong and Macau (8) and Taiwan (9–10).
pub fn parse_phone(raw: &str, field: Field) -> Result<String, FieldProblem> {
    let folded = super::text::fold_width(raw);
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

fn parse_optional_phone(raw: &str, field: Field) -> Result<String, FieldProblem> {
    if raw.trim().is_empty() {
        Ok(String::new())
    } else {
        parse_phone(raw, field)
    }
}

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

/// A region a parcel can go to: the provinces, municipalities and autonomous regions of the
/// mainland, plus Hong Kong, Macau and Taiwan. Shipping fees (with orders) are set per region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub code: &'static str,
    pub zh_hant: &'static str,
    pub zh_hans: &'static str,
    pub en: &'static str,
    pub postal: PostalRule,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostalRule {
    /// Six digits, required (mainland).
    SixDigits,
    /// Three to six digits, required (Taiwan).
    ThreeToSixDigits,
    /// No postal codes; the field must stay empty or be ignored (Hong Kong, Macau).
    None,
}

macro_rules! regions {
    ($(($code:literal, $hant:literal, $hans:literal, $en:literal, $rule:ident)),* $(,)?) => {
        pub const REGIONS: &[Region] = &[
            $(Region { code: $code, zh_hant: $hant, zh_hans: $hans, en: $en, postal: PostalRule::$rule }),*
        ];
    };
}

regions![
    ("BJ", "北京市", "北京市", "Beijing", SixDigits),
    ("TJ", "天津市", "天津市", "Tianjin", SixDigits),
    ("HE", "河北省", "河北省", "Hebei", SixDigits),
    ("SX", "山西省", "山西省", "Shanxi", SixDigits),
    (
        "NM",
        "內蒙古自治區",
        "内蒙古自治区",
        "Inner Mongolia",
        SixDigits
    ),
    ("LN", "遼寧省", "辽宁省", "Liaoning", SixDigits),
    ("JL", "吉林省", "吉林省", "Jilin", SixDigits),
    ("HL", "黑龍江省", "黑龙江省", "Heilongjiang", SixDigits),
    ("SH", "上海市", "上海市", "Shanghai", SixDigits),
    ("JS", "江蘇省", "江苏省", "Jiangsu", SixDigits),
    ("ZJ", "浙江省", "浙江省", "Zhejiang", SixDigits),
    ("AH", "安徽省", "安徽省", "Anhui", SixDigits),
    ("FJ", "福建省", "福建省", "Fujian", SixDigits),
    ("JX", "江西省", "江西省", "Jiangxi", SixDigits),
    ("SD", "山東省", "山东省", "Shandong", SixDigits),
    ("HA", "河南省", "河南省", "Henan", SixDigits),
    ("HB", "湖北省", "湖北省", "Hubei", SixDigits),
    ("HN", "湖南省", "湖南省", "Hunan", SixDigits),
    ("GD", "廣東省", "广东省", "Guangdong", SixDigits),
    (
        "GX",
        "廣西壯族自治區",
        "广西壮族自治区",
        "Guangxi",
        SixDigits
    ),
    ("HI", "海南省", "海南省", "Hainan", SixDigits),
    ("CQ", "重慶市", "重庆市", "Chongqing", SixDigits),
    ("SC", "四川省", "四川省", "Sichuan", SixDigits),
    ("GZ", "貴州省", "贵州省", "Guizhou", SixDigits),
    ("YN", "雲南省", "云南省", "Yunnan", SixDigits),
    ("XZ", "西藏自治區", "西藏自治区", "Tibet", SixDigits),
    ("SN", "陝西省", "陕西省", "Shaanxi", SixDigits),
    ("GS", "甘肅省", "甘肃省", "Gansu", SixDigits),
    ("QH", "青海省", "青海省", "Qinghai", SixDigits),
    (
        "NX",
        "寧夏回族自治區",
        "宁夏回族自治区",
        "Ningxia",
        SixDigits
    ),
    (
        "XJ",
        "新疆維吾爾自治區",
        "新疆维吾尔自治区",
        "Xinjiang",
        SixDigits
    ),
    ("HK", "香港", "香港", "Hong Kong", None),
    ("MO", "澳門", "澳门", "Macau", None),
    ("TW", "台灣", "台湾", "Taiwan", ThreeToSixDigits),
];

impl Region {
    pub fn find(code: &str) -> Option<&'static Region> {
        REGIONS.iter().find(|r| r.code == code)
    }

    pub fn name(&self, locale: crate::domain::locale::Locale) -> &'static str {
        match locale {
            crate::domain::locale::Locale::ZhHant => self.zh_hant,
            crate::domain::locale::Locale::ZhHans => self.zh_hans,
            crate::domain::locale::Locale::En => self.en,
        }
    }
}

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
        let postal_code = super::text::fold_width(&form.postal_code)
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

/// What a user may be, several at once. Every signed-in user is a customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Customer,
    Supplier,
    Distributor,
    Operator,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Customer,
        Role::Supplier,
        Role::Distributor,
        Role::Operator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Supplier => "supplier",
            Role::Distributor => "distributor",
            Role::Operator => "operator",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }
}

/// Named member tiers reached by lifetime spend (paid orders minus refunds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MemberTier {
    Bronze,
    Silver,
    Gold,
    Platinum,
}

impl MemberTier {
    /// Lifetime spend (fen) at which each tier starts, lowest first.
    pub const THRESHOLDS: [(MemberTier, i64); 4] = [
        (MemberTier::Bronze, 0),
        (MemberTier::Silver, 100_000),
        (MemberTier::Gold, 500_000),
        (MemberTier::Platinum, 2_000_000),
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLevel {
    pub tier: MemberTier,
    pub lifetime_spend: Money,
    /// The next tier and how much more spend reaches it; None at the top.
    pub next: Option<(MemberTier, Money)>,
}

impl MemberLevel {
    pub fn for_spend(lifetime_spend: Money) -> MemberLevel {
        let spend = lifetime_spend.fen().max(0);
        let index = MemberTier::THRESHOLDS
            .iter()
            .rposition(|(_, from)| spend >= *from)
            .unwrap_or(0);
        let next = MemberTier::THRESHOLDS
            .get(index + 1)
            .map(|(tier, from)| (*tier, Money::from_fen(from - spend)));
        MemberLevel {
            tier: MemberTier::THRESHOLDS[index].0,
            lifetime_spend,
            next,
        }
    }
}

/// The largest avatar accepted.
pub const AVATAR_MAX_BYTES: usize = 2 * 1024 * 1024;

/// Image formats accepted for avatars, recognised by their first bytes (not the file name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
}

impl ImageKind {
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(ImageKind::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageKind::Jpeg)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(ImageKind::Webp)
        } else {
            None
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Webp => "webp",
        }
    }
}

/// The version of the privacy policy shown at registration; consent records which one was agreed.
pub const PRIVACY_POLICY_VERSION: &str = "2026-11-22";

#[cfg(test)]
mod tests {
    use super::*;

    fn email(raw: &str) -> Email {
        Email::parse(raw).unwrap()
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            email("  Li.Wei@Example.COM ").as_str(),
            "li.wei@example.com"
        );
        for bad in [
            "",
            "a",
            "a@b",
            "@b.com",
            "a@@b.com",
            "a b@c.com",
            "a@b..com",
            "a@-b.com",
            "a@b.co\tm",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(Email::parse(&format!("{}@example.com", "a".repeat(65))).is_err());
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

    #[test]
    fn member_levels_by_lifetime_spend() {
        let level = MemberLevel::for_spend(Money::from_fen(0));
        assert_eq!(level.tier, MemberTier::Bronze);
        assert_eq!(
            level.next,
            Some((MemberTier::Silver, Money::from_fen(100_000)))
        );
        let level = MemberLevel::for_spend(Money::from_fen(499_999));
        assert_eq!(level.tier, MemberTier::Silver);
        assert_eq!(level.next, Some((MemberTier::Gold, Money::from_fen(1))));
        assert_eq!(
            MemberLevel::for_spend(Money::from_fen(500_000)).tier,
            MemberTier::Gold
        );
        let top = MemberLevel::for_spend(Money::from_fen(9_000_000));
        assert_eq!((top.tier, top.next), (MemberTier::Platinum, None));
    }

    #[test]
    fn images_are_recognised_by_content() {
        assert_eq!(
            ImageKind::sniff(b"\x89PNG\r\n\x1a\nrest"),
            Some(ImageKind::Png)
        );
        assert_eq!(
            ImageKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageKind::Jpeg)
        );
        assert_eq!(
            ImageKind::sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 "),
            Some(ImageKind::Webp)
        );
        assert_eq!(ImageKind::sniff(b"<svg xmlns=..."), None);
        assert_eq!(ImageKind::sniff(b"GIF89a"), None);
        assert_eq!(ImageKind::sniff(b""), None);
    }

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
