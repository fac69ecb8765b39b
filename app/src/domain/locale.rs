//! The three languages the shop speaks, as codes: zh-Hant (the default), zh-Hans and en; how
//! browsers and people name them; and the cookie that remembers a shopper's choice. What each
//! language says lives in `i18n`, which looks it up by this type.

use serde::{Deserialize, Serialize};

pub const LANG_COOKIE: &str = "lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::ZhHant, Locale::ZhHans, Locale::En];

    /// BCP 47 tag, as used in `<html lang>`, the cookie and hreflang.
    pub fn code(self) -> &'static str {
        match self {
            Locale::ZhHant => "zh-Hant",
            Locale::ZhHans => "zh-Hans",
            Locale::En => "en",
        }
    }

    /// The language's own name, as the switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::ZhHant => "繁體中文",
            Locale::ZhHans => "简体中文",
            Locale::En => "English",
        }
    }

    /// Exactly one of our own codes ("zh-Hant", "zh-Hans", "en"), as forms and the database store them.
    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Reads a tag as browsers and people write it: "zh-TW", "zh_hk", "zh-CN", "en-GB", "zh-Hant".
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        match parts.next()? {
            "en" => Some(Locale::En),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                if rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"))
                {
                    Some(Locale::ZhHant)
                } else {
                    Some(Locale::ZhHans)
                }
            }
            _ => None,
        }
    }

    /// Picks the best supported language from an Accept-Language header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(f32, usize, Locale)> = None;
        for (index, item) in header.split(',').enumerate() {
            let mut pieces = item.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let quality = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            if quality <= 0.0 {
                continue;
            }
            if let Some(locale) = Locale::from_tag(tag) {
                let better = match best {
                    None => true,
                    Some((q, i, _)) => quality > q || (quality == q && index < i),
                };
                if better {
                    best = Some((quality, index, locale));
                }
            }
        }
        best.map(|(_, _, locale)| locale)
    }

    /// Cookie first, then the browser's preference, then zh-Hant.
    pub fn resolve(cookie_value: Option<&str>, accept_language: Option<&str>) -> Locale {
        cookie_value
            .and_then(Locale::from_tag)
            .or_else(|| accept_language.and_then(Locale::from_accept_language))
            .unwrap_or_default()
    }

    /// The Set-Cookie value that remembers this language for a year.
    pub fn cookie(self) -> String {
        format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            self.code()
        )
    }
}
