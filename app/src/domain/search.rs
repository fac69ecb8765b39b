//! Search text normalisation: the same function prepares what we index and what shoppers type,
//! so "手機", "手机", "ＰＨＯＮＥ" and "phone" meet in the middle.

/// Longest query we look at; longer input is cut, not rejected.
pub const MAX_QUERY_CHARS: usize = 100;
/// At most this many words are matched (each word must match).
pub const MAX_TERMS: usize = 8;

/// Lower-cases, folds full-width ASCII to half-width, maps Traditional Chinese to Simplified
/// and collapses punctuation and white space to single spaces.
#[cfg(feature = "ssr")]
pub fn normalize(text: &str) -> String {
    let folded: String = text
        .chars()
        // Full-width ASCII variants (ＡＢＣ１２３) to their ASCII forms.
        .map(super::text::fold_char)
        .flat_map(char::to_lowercase)
        .map(|c| if is_separator(c) { ' ' } else { c })
        .collect();
    let simplified = fast2s::convert(&folded);
    simplified.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(feature = "ssr")]
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || (c.is_ascii_punctuation() && c != '\'' && c != '+' && c != '#' && c != '.')
        || matches!(
            c,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | '！'
                | '？'
                | '（'
                | '）'
                | '「'
                | '」'
                | '《'
                | '》'
                | '·'
                | '“'
                | '”'
        )
}

/// The words of a normalised query, each to be found somewhere in a product's search text.
/// Chinese has no spaces, so a run such as "智能手机" stays one term and matches as a substring,
/// which is what lets 1- and 2-character queries like "茶" find "乌龙茶".
#[cfg(feature = "ssr")]
pub fn terms(query: &str) -> Vec<String> {
    let limited: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let mut terms: Vec<String> = Vec::new();
    for term in normalize(&limited).split(' ') {
        let term = term.trim_matches('.');
        if !term.is_empty() && !terms.iter().any(|t| t == term) {
            terms.push(term.to_string());
        }
        if terms.len() == MAX_TERMS {
            break;
        }
    }
    terms
}

/// Escapes `%`, `_` and the escape character itself for `LIKE … ESCAPE '\'`.
pub fn escape_like(term: &str) -> String {
    let mut escaped = String::with_capacity(term.len() + 2);
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_simplified_meet() {
        assert_eq!(normalize("智能手機"), normalize("智能手机"));
        assert_eq!(normalize("烏龍茶"), "乌龙茶");
        assert_eq!(normalize("藍牙耳機"), normalize("蓝牙耳机"));
    }

    #[test]
    fn case_width_and_punctuation_fold() {
        assert_eq!(normalize("  Smart   PHONE!! "), "smart phone");
        assert_eq!(normalize("ＰＨＯＮＥ　１２８ＧＢ"), "phone 128gb");
        assert_eq!(normalize("手機，耳機"), "手机 耳机");
        assert_eq!(normalize("Pu'er Tea"), "pu'er tea");
    }

    #[test]
    fn short_chinese_queries_are_single_terms() {
        assert_eq!(terms("茶"), vec!["茶"]);
        assert_eq!(terms("手機"), vec!["手机"]);
        assert_eq!(terms("黑色 手機 手機"), vec!["黑色", "手机"]);
    }

    #[test]
    fn empty_and_hostile_queries_yield_safe_terms() {
        assert!(terms("   ").is_empty());
        assert!(terms("!!!").is_empty());
        assert_eq!(terms("a b c d e f g h i j").len(), MAX_TERMS);
        let long = "茶".repeat(500);
        assert_eq!(terms(&long)[0].chars().count(), MAX_QUERY_CHARS);
        assert_eq!(escape_like("100%_off\\"), "100\\%\\_off\\\\");
        assert!(terms("%_").is_empty());
    }
}
