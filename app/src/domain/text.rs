//! Text as people type it. Chinese input methods often produce full-width forms (１３８, ＡＢＣ,
//! "－", the ideographic space); fields that expect digits, prices or words fold them first.

/// Folds the Unicode "Halfwidth and Fullwidth Forms" ASCII variants (U+FF01–U+FF5E) to ASCII and
/// the ideographic space (U+3000) to a space; everything else is kept as it is. Safe for
/// phones, postal codes, quantities, prices and search, where the two forms mean the same.
pub fn fold_width(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// [`fold_width`] for one character.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_become_ascii() {
        assert_eq!(fold_width("１３８００１３８０００"), "13800138000");
        assert_eq!(fold_width("＋８５２　９１２３－４５６７"), "+852 9123-4567");
        assert_eq!(fold_width("ＡＢＣ～"), "ABC~");
        assert_eq!(fold_width("手機 tea ¥"), "手機 tea ¥", "other text is kept");
    }
}
