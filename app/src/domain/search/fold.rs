//! Character folding: what makes two spellings of the same text one token.

use super::han_table::TABLE;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds text for matching: NFKC (Unicode Standard Annex #15: full-width forms, circled digits,
/// Kangxi radicals and compatibility ideographs to their plain forms), lower case, accents of
/// Latin letters dropped (`é` → `e`; `ß` `æ` `œ` `ø` `ł` `đ` `þ` spelled out), then Traditional →
/// Simplified per character. Folding twice gives the same text.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc().flat_map(char::to_lowercase) {
        match c {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'ı' => out.push('i'),
            c if is_latin_with_marks(c) => {
                out.extend(std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)))
            }
            // A mark left after lower-casing (`İ` → `i` + U+0307) belongs to the Latin letter.
            c if is_combining_mark(c) && out.ends_with(|p: char| p.is_ascii_alphabetic()) => {}
            c => out.push(simplify(c)),
        }
    }
    out
}

/// Latin-1 Supplement letters, Latin Extended-A/B and Latin Extended Additional: the blocks
/// whose letters decompose into a base letter and marks.
fn is_latin_with_marks(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// The Simplified form of a Traditional character, or the character itself.
pub fn simplify(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    match TABLE.binary_search_by_key(&c, |(t, _)| *t) {
        Ok(i) => TABLE[i].1,
        Err(_) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_case_and_accents_fold() {
        assert_eq!(fold("ＰＨＯＮＥ　１２８ＧＢ"), "phone 128gb");
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("Cafe\u{301}"), "cafe");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Œuvre Ørsted"), "oeuvre orsted");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("①"), "1");
        assert_eq!(fold("⾦"), "金");
    }

    #[test]
    fn traditional_folds_to_simplified_character_by_character() {
        assert_eq!(fold("智能手機"), "智能手机");
        assert_eq!(fold("烏龍茶"), "乌龙茶");
        // In OpenCC only, and in fast2s only.
        assert_eq!(fold("峯羣"), "峰群");
        assert_eq!(fold("衞"), "卫");
        // Context-free: the same character folds alike alone and inside a word.
        assert_eq!(fold("藉"), fold("藉口").chars().next().unwrap().to_string());
    }

    #[test]
    fn the_table_is_sorted_and_folding_is_idempotent() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
        for (t, s) in TABLE.iter() {
            let once = fold(&t.to_string());
            assert_eq!(fold(&once), once, "{t}");
            assert_eq!(simplify(*s), *s, "{t} → {s} folds again");
        }
    }
}
