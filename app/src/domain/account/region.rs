//! The regions a parcel can go to, their names and their postal code rules.

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
