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

/// A mail body fit to show or keep after sending: the values of `token=` and `key=` in links
/// (password resets, guests' order links) replaced by `…`, so whoever reads the outbox or the
/// server log cannot use them.
pub fn mask_secrets(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = ["token=", "key="]
        .iter()
        .filter_map(|name| rest.find(name).map(|i| (i, name.len())))
        .min()
    {
        let (index, name_len) = at;
        out.push_str(&rest[..index + name_len]);
        rest = &rest[index + name_len..];
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '&' || c == '"' || c == '<')
            .unwrap_or(rest.len());
        if end > 0 {
            out.push('…');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_links_are_masked() {
        assert_eq!(
            mask_secrets("Reset: https://shop.example/reset-password?token=abc123XYZ\nThanks"),
            "Reset: https://shop.example/reset-password?token=…\nThanks"
        );
        assert_eq!(
            mask_secrets("/orders/J1?key=deadbeef&x=1 and token=t"),
            "/orders/J1?key=…&x=1 and token=…"
        );
        assert_eq!(mask_secrets("no links here"), "no links here");
    }

    #[test]
    fn full_width_forms_become_ascii() {
        assert_eq!(fold_width("１３８００１３８０００"), "13800138000");
        assert_eq!(fold_width("＋８５２　９１２３－４５６７"), "+852 9123-4567");
        assert_eq!(fold_width("ＡＢＣ～"), "ABC~");
        assert_eq!(fold_width("手機 tea ¥"), "手機 tea ¥", "other text is kept");
    }
}
