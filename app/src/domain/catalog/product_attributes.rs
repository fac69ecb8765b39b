//! Product attributes (specifications, 商品參數): "name: value" lines in each language, shown as
//! a table on the product page ("Material: stainless steel", "材質：不鏽鋼"). Written as text so
//! an operator types them as they read, and the CSV carries them as one cell per language.

use serde::{Deserialize, Serialize};

/// At most this many attributes per language.
pub const MAX_ATTRIBUTES: usize = 30;
/// An attribute's name is at most this many characters.
pub const NAME_MAX_CHARS: usize = 30;
/// An attribute's value is at most this many characters.
pub const VALUE_MAX_CHARS: usize = 200;

/// One row of the specification table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribute {
    pub name: String,
    pub value: String,
}

/// The attributes in `text`: one `name: value` per line, split at the first colon (ASCII `:`
/// or the full-width `：` Chinese input methods type); blank lines are skipped, spaces trimmed.
/// Err with the 1-based number of the first line that is not one (no colon, an empty or too
/// long name or value, a control character), or of the first line past [`MAX_ATTRIBUTES`].
pub fn parse(text: &str) -> Result<Vec<Attribute>, usize> {
    let mut attributes = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let number = index + 1;
        let split = line.find([':', '：']).ok_or(number)?;
        let colon_len = line[split..].chars().next().map_or(1, char::len_utf8);
        let (name, value) = (line[..split].trim(), line[split + colon_len..].trim());
        let fits = |part: &str, max: usize| {
            let length = part.chars().count();
            (1..=max).contains(&length) && !part.chars().any(char::is_control)
        };
        if !fits(name, NAME_MAX_CHARS)
            || !fits(value, VALUE_MAX_CHARS)
            || attributes.len() == MAX_ATTRIBUTES
        {
            return Err(number);
        }
        attributes.push(Attribute {
            name: name.to_string(),
            value: value.to_string(),
        });
    }
    Ok(attributes)
}

/// The text stored for valid attributes: `name: value` lines, trimmed, blank lines dropped, so
/// the same attributes typed with other spacing compare equal.
pub fn normalize(attributes: &[Attribute]) -> String {
    attributes
        .iter()
        .map(|a| format!("{}: {}", a.name, a.value))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_at_the_first_colon_of_either_width() {
        let parsed = parse("Material: stainless steel\n\n  材質：不鏽鋼 \nTime: 10:30").unwrap();
        let pairs: Vec<(&str, &str)> = parsed
            .iter()
            .map(|a| (a.name.as_str(), a.value.as_str()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("Material", "stainless steel"),
                ("材質", "不鏽鋼"),
                ("Time", "10:30")
            ]
        );
        assert_eq!(
            normalize(&parsed),
            "Material: stainless steel\n材質: 不鏽鋼\nTime: 10:30"
        );
        assert_eq!(parse(""), Ok(vec![]));
        assert_eq!(parse(" \n\n"), Ok(vec![]));
    }

    #[test]
    fn bad_lines_are_named_by_number() {
        assert_eq!(parse("Material: steel\nno colon here"), Err(2));
        assert_eq!(parse(": value"), Err(1));
        assert_eq!(parse("\nName:"), Err(2));
        assert_eq!(parse(&format!("{}: v", "n".repeat(31))), Err(1));
        assert_eq!(parse(&format!("n: {}", "v".repeat(201))), Err(1));
        assert!(parse(&format!("{}: v", "n".repeat(30))).is_ok());
        let many: String = (1..=31).map(|n| format!("k{n}: v\n")).collect();
        assert_eq!(parse(&many), Err(31));
    }

    #[test]
    fn normalized_text_parses_to_the_same_attributes() {
        let typed = "  Weight ：  1.2 kg\nOrigin:Yunnan";
        let once = parse(typed).unwrap();
        assert_eq!(parse(&normalize(&once)).unwrap(), once);
    }
}
