//! Codes on goods: the platform code Jishi gives every SKU (one standard across all owners, with
//! a check character) and the GS1 check of the barcodes (GTIN-13 / EAN-13) owners type in.

/// The check character of a platform code: ISO/IEC 7064 MOD 37-2 over the code's digits and
/// capital letters (0–9 = 0–9, A–Z = 10–35), written as 0–9, A–Z or `*` (36). It catches every
/// single wrong character and every swap of two neighbours.
pub fn check_character(code: &str) -> char {
    let value = |c: char| c.to_digit(36);
    let mut sum = 0u32;
    for c in code.chars().filter_map(value) {
        sum = ((sum + c) * 2) % 37;
    }
    let check = (38 - sum) % 37;
    match check {
        0..=35 => char::from_digit(check, 36)
            .unwrap_or('0')
            .to_ascii_uppercase(),
        _ => '*',
    }
}

/// Whether a code ends in the right check character.
pub fn code_is_valid(code: &str) -> bool {
    let mut chars: Vec<char> = code.chars().collect();
    match chars.pop() {
        Some(last) => check_character(&chars.iter().collect::<String>()) == last,
        None => false,
    }
}

/// A SKU's platform code: the top category's prefix (up to 3 capital letters of its slug, e.g.
/// `FOO` for food), the platform-wide sequence number (never reused) and a check character:
/// `FOO-0000042-7`. Unique across all owners because the sequence is.
pub fn platform_code(top_category_slug: &str, sequence: i64) -> String {
    let prefix: String = top_category_slug
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase();
    let prefix = if prefix.is_empty() {
        "GEN".to_string()
    } else {
        prefix
    };
    let body = format!("{prefix}-{sequence:07}");
    let check = check_character(&body);
    format!("{body}-{check}")
}

/// Whether a GTIN-13 / EAN-13 is 13 digits whose last is the GS1 check digit (weights 1 and 3
/// from the left; GS1 General Specifications §7.9).
pub fn ean13_is_valid(code: &str) -> bool {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if code.len() != 13 || digits.len() != 13 {
        return false;
    }
    let sum: u32 = digits[..12]
        .iter()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
        .sum();
    (10 - sum % 10) % 10 == digits[12]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_codes_carry_a_check_character() {
        let code = platform_code("food", 42);
        assert!(code.starts_with("FOO-0000042-"), "{code}");
        assert!(code_is_valid(&code));
        // Any one character changed, or two neighbours swapped, is caught.
        let chars: Vec<char> = code.chars().collect();
        for i in 0..chars.len() {
            for replacement in ['0', '7', 'A', 'Z'] {
                if chars[i] == replacement || chars[i] == '-' {
                    continue;
                }
                let mut wrong = chars.clone();
                wrong[i] = replacement;
                assert!(
                    !code_is_valid(&wrong.iter().collect::<String>()),
                    "{i} {replacement}"
                );
            }
        }
        for i in 0..chars.len() - 1 {
            if chars[i] == chars[i + 1] || chars[i] == '-' || chars[i + 1] == '-' {
                continue;
            }
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            assert!(
                !code_is_valid(&swapped.iter().collect::<String>()),
                "swap {i}"
            );
        }
        assert_eq!(
            platform_code("3c", 1),
            format!("C-0000001-{}", check_character("C-0000001"))
        );
        assert!(platform_code("", 1).starts_with("GEN-"));
    }

    #[test]
    fn ean13_check_digits() {
        assert!(ean13_is_valid("4006381333931"));
        assert!(ean13_is_valid("6901234567892"));
        assert!(!ean13_is_valid("4006381333932"));
        assert!(!ean13_is_valid("400638133393"));
        assert!(!ean13_is_valid("40063813339３1"));
    }
}
