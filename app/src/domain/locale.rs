//! The three languages the shop speaks, as codes: zh-Hant (the default), zh-Hans and en; how
//! browsers and people name them; the cookie that remembers a shopper's choice; and each
//! language's own URLs (zh-Hant unprefixed, `/zh-hans/…`, `/en/…`), so every page has one
//! crawlable address per language. What each language says lives in `i18n`.

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

    /// The path prefix of this language's pages: "" (zh-Hant, the default), "/zh-hans", "/en".
    pub fn url_prefix(self) -> &'static str {
        match self {
            Locale::ZhHant => "",
            Locale::ZhHans => "/zh-hans",
            Locale::En => "/en",
        }
    }

    /// The language a path is in, and the path without its prefix: "/en/c/tea" → (En,
    /// "/c/tea"), "/en" → (En, "/"), "/c/tea" → (ZhHant, "/c/tea"). A prefix counts only as a
    /// whole segment ("/english" is zh-Hant).
    pub fn split_path(path: &str) -> (Locale, &str) {
        for locale in [Locale::ZhHans, Locale::En] {
            if let Some(rest) = path.strip_prefix(locale.url_prefix()) {
                if rest.is_empty() {
                    return (locale, "/");
                }
                if rest.starts_with('/') || rest.starts_with('?') {
                    return (locale, rest);
                }
            }
        }
        (Locale::ZhHant, path)
    }

    /// `path` (from the site root, with any query) in this language: "/c/tea" → "/en/c/tea",
    /// "/" → "/en/". A path already in a language is moved to this one.
    pub fn href(self, path: &str) -> String {
        let (_, bare) = Locale::split_path(path);
        if self == Locale::ZhHant {
            return bare.to_string();
        }
        let bare = if bare.starts_with('?') {
            format!("/{bare}")
        } else {
            bare.to_string()
        };
        format!("{}{bare}", self.url_prefix())
    }

    /// The Set-Cookie value that remembers this language for a year.
    pub fn cookie(self) -> String {
        format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            self.code()
        )
    }
}
#[cfg(test)]
mod tests {
    use super::Locale;

    #[test]
    fn each_language_has_its_own_urls() {
        assert_eq!(
            Locale::split_path("/en/c/tea?page=2"),
            (Locale::En, "/c/tea?page=2")
        );
        assert_eq!(Locale::split_path("/en"), (Locale::En, "/"));
        assert_eq!(Locale::split_path("/en?x=1"), (Locale::En, "?x=1"));
        assert_eq!(Locale::split_path("/zh-hans/"), (Locale::ZhHans, "/"));
        assert_eq!(Locale::split_path("/c/tea"), (Locale::ZhHant, "/c/tea"));
        assert_eq!(
            Locale::split_path("/english-tea"),
            (Locale::ZhHant, "/english-tea")
        );
        assert_eq!(Locale::En.href("/c/tea"), "/en/c/tea");
        assert_eq!(Locale::En.href("/"), "/en/");
        assert_eq!(Locale::ZhHans.href("/en/p/x?y=1"), "/zh-hans/p/x?y=1");
        assert_eq!(Locale::ZhHant.href("/en/p/x"), "/p/x");
        assert_eq!(Locale::ZhHant.href("/"), "/");
        for locale in Locale::ALL {
            for path in ["/", "/c/tea", "/search?q=%E8%8C%B6"] {
                assert_eq!(Locale::split_path(&locale.href(path)), (locale, path));
            }
        }
    }
}
