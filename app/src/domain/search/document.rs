//! Index side: token rules and a product's searchable document.

use super::fold::fold;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Put between two fields (two names, a name and a description) so that a phrase never matches
/// across them. A private-use character: the analyzer itself never emits it, and FTS5's `ascii`
/// tokenizer keeps it as one token like any other non-ASCII text.
pub const GAP: &str = "\u{E000}";

/// PostgreSQL keeps at most 256 positions per lexeme and positions up to 16,383 (its
/// `MAXNUMPOS` and `MAXENTRYPOS`); we cap before it would truncate or reject.
const MAX_POSITIONS_PER_LEXEME: usize = 256;
const MAX_POSITION: usize = 16_383;

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// CJK ideographs (all blocks, compatibility ideographs already unified by NFKC), kana,
/// Bopomofo and Hangul syllables: written without spaces, so each character is its own token.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FA | 0x30FC..=0x30FF // Hiragana, Katakana (not the middle dot U+30FB)
        | 0x3100..=0x312F | 0x31A0..=0x31BF // Bopomofo
        | 0x31F0..=0x31FF // Katakana phonetic extensions
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF // CJK Ext A, CJK Unified Ideographs
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF // CJK compatibility ideographs (NFKC maps most)
        | 0x20000..=0x3FFFF) // CJK Ext B–H and the compatibility supplement
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Joins a word when it stands alone between two letters or digits: Pu’er, O'Neil.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '´' | '`' | '′')
}

/// Joins a word too (pu-er = puer), and the parts are indexed as well (t-shirt → t, shirt).
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–')
}

/// One piece of folded text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Piece {
    Han(char),
    /// A Latin (or other alphabetic) word: its parts between hyphens, in order.
    Word(Vec<String>),
    /// Anything skipped (space, punctuation): ends a run of CJK characters in a query.
    Break,
}

pub(super) fn pieces(folded: &str) -> Vec<Piece> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_cjk(c) {
            out.push(Piece::Han(c));
            i += 1;
        } else if is_word_char(c) {
            let mut parts = vec![String::new()];
            while let Some(&c) = chars.get(i) {
                let next_is_word = chars.get(i + 1).is_some_and(|n| is_word_char(*n));
                if is_word_char(c) {
                    parts.last_mut().expect("never empty").push(c);
                } else if is_apostrophe(c) && next_is_word {
                } else if is_hyphen(c) && next_is_word {
                    parts.push(String::new());
                } else {
                    break;
                }
                i += 1;
            }
            out.push(Piece::Word(parts));
        } else {
            if out.last() != Some(&Piece::Break) {
                out.push(Piece::Break);
            }
            i += 1;
        }
    }
    out
}

/// English stem of a word of three or more ASCII letters (Snowball English, "Porter2");
/// other words are kept as they are.
pub(super) fn stem(word: &str) -> String {
    if word.len() >= 3 && word.bytes().all(|b| b.is_ascii_lowercase()) {
        ENGLISH.stem(word).into_owned()
    } else {
        word.to_string()
    }
}

/// Splits at letter ↔ digit boundaries: 128gb → 128, gb.
fn letter_digit_parts(part: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut last_digit: Option<bool> = None;
    for (i, c) in part.char_indices() {
        let digit = c.is_numeric();
        if last_digit.is_some_and(|d| d != digit) {
            out.push(&part[start..i]);
            start = i;
        }
        last_digit = Some(digit);
    }
    out.push(&part[start..]);
    out
}

/// Index tokens of one text, in order. A word gives its stemmed joined form, then (when it has
/// several) its stemmed parts at hyphens and letter ↔ digit boundaries, then with `raw_forms`
/// its unstemmed joined form when that differs (prefix suggestions match what was typed).
pub fn index_tokens(text: &str, raw_forms: bool) -> Vec<String> {
    let mut out = Vec::new();
    for piece in pieces(&fold(text)) {
        match piece {
            Piece::Han(c) => out.push(c.to_string()),
            Piece::Word(parts) => {
                let joined = parts.concat();
                let stemmed = stem(&joined);
                let small: Vec<&str> = parts
                    .iter()
                    .flat_map(|p| letter_digit_parts(p))
                    .filter(|p| !p.is_empty())
                    .collect();
                let raw = raw_forms && stemmed != joined;
                out.push(stemmed);
                if small.len() > 1 {
                    out.extend(small.iter().map(|p| stem(p)));
                }
                if raw {
                    out.push(joined);
                }
            }
            Piece::Break => {}
        }
    }
    out
}

/// What a product's document is built from, as the catalog stores it.
#[derive(Clone, Debug, Default)]
pub struct DocumentSource<'a> {
    pub product_id: i64,
    /// Units sold: the popularity part of the key.
    pub sales_count: i64,
    /// The name in zh-Hant, zh-Hans and English.
    pub names: [&'a str; 3],
    /// The description in zh-Hant, zh-Hans and English.
    pub descriptions: [&'a str; 3],
    /// Names (every language) of the product's category and its ancestors.
    pub category_names: Vec<&'a str>,
    /// Names (every language) of the option values the product offers (黑色, Black, 128GB).
    pub option_names: Vec<&'a str>,
    /// The product's category and its ancestors: a search in a category finds its subcategories' products.
    pub category_ids: Vec<i64>,
    /// `(axis_key, value_key)` of every option value the product offers.
    pub options: Vec<(&'a str, &'a str)>,
}

/// A product as the index holds it: token streams of its fields, and scope tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// [`super::search_key`]: popularity bucket and product id.
    pub search_key: i64,
    /// Tokens of the names, distinct names separated by [`GAP`].
    pub name: Vec<String>,
    /// Tokens of descriptions, category names and option value names, separated by [`GAP`].
    pub body: Vec<String>,
    /// `c:{category id}` and `o:{axis}:{value}`: filters matched inside the index.
    pub scope: Vec<String>,
}

/// One lexeme of a PostgreSQL `tsvector`, with 1-based positions; `true` marks a position in
/// the names (weight A), others are in the body (weight D). Scope lexemes have no positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lexeme {
    /// The token (or bigram, or scope token) as stored.
    pub text: String,
    /// `(position, in_name)`, ascending; at most 256, each at most 16,383.
    pub positions: Vec<(u16, bool)>,
}

fn field_stream(texts: &[&str], raw_forms: bool) -> Vec<String> {
    let mut seen: Vec<Vec<String>> = Vec::new();
    let mut out = Vec::new();
    for text in texts {
        let tokens = index_tokens(text, raw_forms);
        // zh-Hant and zh-Hans names usually fold to the same tokens: index them once.
        if tokens.is_empty() || seen.contains(&tokens) {
            continue;
        }
        if !out.is_empty() {
            out.push(GAP.to_string());
        }
        out.extend(tokens.iter().cloned());
        seen.push(tokens);
    }
    out
}

/// The scope token of a category.
pub fn category_scope(category_id: i64) -> String {
    format!("c:{category_id}")
}

/// The scope token of an option value.
pub fn option_scope(axis_key: &str, value_key: &str) -> String {
    format!("o:{}:{}", scope_key(axis_key), scope_key(value_key))
}

/// Option keys go into index tokens; anything but ASCII letters, digits, `_` and `-` (which the
/// FTS5 tokenizer keeps inside a token) is replaced, so the token stays one token.
fn scope_key(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn is_han_token(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_cjk(c))
}

impl Document {
    /// Analyses a product. Names keep unstemmed forms too (for prefix suggestions).
    pub fn build(source: &DocumentSource<'_>) -> Document {
        let mut body_texts: Vec<&str> = source.descriptions.to_vec();
        body_texts.extend(source.category_names.iter().copied());
        body_texts.extend(source.option_names.iter().copied());
        let mut scope: Vec<String> = source
            .category_ids
            .iter()
            .map(|id| category_scope(*id))
            .collect();
        scope.extend(source.options.iter().map(|(a, v)| option_scope(a, v)));
        scope.sort();
        scope.dedup();
        Document {
            search_key: super::search_key(source.product_id, source.sales_count),
            name: field_stream(&source.names, true),
            body: field_stream(&body_texts, false),
            scope,
        }
    }

    /// The product id inside the search key.
    pub fn product_id(&self) -> i64 {
        super::product_of_key(self.search_key)
    }

    /// Lexemes of the whole document (names, body and scope) for PostgreSQL: every token at its
    /// position, plus a bigram lexeme (`手机`) at the first of two adjacent CJK characters, so a
    /// two-character query is one index lookup instead of a phrase recheck.
    pub fn lexemes(&self) -> Vec<Lexeme> {
        let mut map: BTreeMap<String, Vec<(u16, bool)>> = BTreeMap::new();
        add_stream(&mut map, &self.name, 1, true);
        add_stream(&mut map, &self.body, self.name.len() + 2, false);
        for token in &self.scope {
            map.entry(token.clone()).or_default();
        }
        into_lexemes(map)
    }

    /// Lexemes of the names only (suggestions look only at names).
    pub fn name_lexemes(&self) -> Vec<Lexeme> {
        let mut map: BTreeMap<String, Vec<(u16, bool)>> = BTreeMap::new();
        add_stream(&mut map, &self.name, 1, true);
        into_lexemes(map)
    }
}

fn add_stream(
    map: &mut BTreeMap<String, Vec<(u16, bool)>>,
    stream: &[String],
    first: usize,
    in_name: bool,
) {
    for (i, token) in stream.iter().enumerate() {
        if token == GAP {
            continue;
        }
        let at = (first + i).min(MAX_POSITION) as u16;
        map.entry(token.clone()).or_default().push((at, in_name));
        if let Some(next) = stream.get(i + 1) {
            if is_han_token(token) && is_han_token(next) {
                map.entry(format!("{token}{next}"))
                    .or_default()
                    .push((at, in_name));
            }
        }
    }
}

fn into_lexemes(map: BTreeMap<String, Vec<(u16, bool)>>) -> Vec<Lexeme> {
    map.into_iter()
        .map(|(text, mut positions)| {
            positions.dedup_by_key(|(at, _)| *at);
            positions.truncate(MAX_POSITIONS_PER_LEXEME);
            Lexeme { text, positions }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        index_tokens(text, false)
    }

    #[test]
    fn words_join_and_keep_their_parts() {
        assert_eq!(words("Cotton T-shirt"), ["cotton", "tshirt", "t", "shirt"]);
        assert_eq!(words("128GB"), ["128gb", "128", "gb"]);
        assert_eq!(words("Pu’er"), ["puer"]);
        assert_eq!(words("pu-er"), ["puer", "pu", "er"]);
        assert_eq!(words("oolong teas"), ["oolong", "tea"]);
        assert_eq!(words("rock 'n' roll"), ["rock", "n", "roll"]);
        assert_eq!(
            index_tokens("Smartphones", true),
            ["smartphon", "smartphones"]
        );
    }

    #[test]
    fn every_cjk_character_is_a_token() {
        assert_eq!(words("纯棉T恤"), ["纯", "棉", "t", "恤"]);
        assert_eq!(
            words("智能手機，黑色"),
            ["智", "能", "手", "机", "黑", "色"]
        );
        assert_eq!(
            words("ひらがなカタカナ한글"),
            ["ひ", "ら", "が", "な", "カ", "タ", "カ", "ナ", "한", "글"]
        );
    }

    fn source<'a>(names: [&'a str; 3], descriptions: [&'a str; 3]) -> DocumentSource<'a> {
        DocumentSource {
            product_id: 7,
            sales_count: 10,
            names,
            descriptions,
            category_names: vec!["手機", "手机", "Phones"],
            option_names: vec!["黑色", "Black"],
            category_ids: vec![3, 1],
            options: vec![("colour", "black")],
        }
    }

    #[test]
    fn documents_fold_duplicates_and_separate_fields() {
        let doc = Document::build(&source(
            ["黑曜石", "黑曜石", "Obsidian"],
            ["手機", "手机", ""],
        ));
        assert_eq!(doc.name, ["黑", "曜", "石", GAP, "obsidian"]);
        assert_eq!(doc.body[..2], ["手".to_string(), "机".to_string()]);
        assert_eq!(doc.scope, ["c:1", "c:3", "o:colour:black"]);
        assert_eq!(doc.product_id(), 7);
        // 石 (end of the name) and 手 (start of the body) are not adjacent.
        let lexemes = doc.lexemes();
        let at = |t: &str| {
            lexemes
                .iter()
                .find(|l| l.text == t)
                .map(|l| l.positions.clone())
        };
        assert_eq!(at("黑曜"), Some(vec![(1, true)]));
        assert_eq!(at("曜石"), Some(vec![(2, true)]));
        assert_eq!(at("石手"), None);
        assert_eq!(at("手机"), Some(vec![(7, false)]));
        assert_eq!(at("c:3"), Some(vec![]));
        assert!(doc.name_lexemes().iter().all(|l| !l.text.starts_with("c:")));
    }

    #[test]
    fn scope_keys_stay_one_token() {
        assert_eq!(option_scope("Colour", "sky blue"), "o:colour:sky_blue");
    }
}
