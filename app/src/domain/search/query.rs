//! Query side: what a shopper typed, as groups that must all match.

use super::document::{pieces, stem, Document, Piece};
use super::fold::fold;
use super::{MAX_QUERY_CHARS, MAX_TERMS};

/// One thing that must be found in a product's names or body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Group {
    /// A run of CJK characters, matched as adjacent tokens in one field (茶, 手机, 乌龙茶).
    Phrase(Vec<char>),
    /// A word, stemmed like the index (`teas` → `tea`, `pu’er` → `puer`).
    Word(String),
}

/// A parsed query: every group must match; `prefix`, when set (suggestions while typing), must
/// begin some token of the names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words and CJK runs, in the order typed, without duplicates; at most [`MAX_TERMS`].
    pub groups: Vec<Group>,
    /// The unfinished last word, folded but not stemmed.
    pub prefix: Option<String>,
}

impl SearchQuery {
    /// A submitted search: at most [`MAX_QUERY_CHARS`] characters and [`MAX_TERMS`] groups,
    /// duplicates dropped. Punctuation and operators are separators, never syntax.
    pub fn parse(typed: &str) -> SearchQuery {
        Self::from_pieces(typed, false)
    }

    /// What is in the search box while typing: as [`parse`](Self::parse), except that a word
    /// at the very end (no space after it) is a prefix: `oolo` suggests Oolong.
    pub fn parse_typing(typed: &str) -> SearchQuery {
        Self::from_pieces(typed, true)
    }

    fn from_pieces(typed: &str, typing: bool) -> SearchQuery {
        let limited: String = typed.chars().take(MAX_QUERY_CHARS).collect();
        let mut pieces = pieces(&fold(&limited));
        let mut prefix = None;
        if typing {
            if let Some(Piece::Word(parts)) = pieces.last() {
                prefix = Some(parts.concat());
                pieces.pop();
            }
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut run: Vec<char> = Vec::new();
        let add = |groups: &mut Vec<Group>, group: Group| {
            if !groups.contains(&group) && groups.len() < MAX_TERMS {
                groups.push(group);
            }
        };
        for piece in pieces {
            match piece {
                Piece::Han(c) => {
                    run.push(c);
                    continue;
                }
                Piece::Word(parts) => {
                    if !run.is_empty() {
                        add(&mut groups, Group::Phrase(std::mem::take(&mut run)));
                    }
                    add(&mut groups, Group::Word(stem(&parts.concat())));
                }
                Piece::Break => {
                    if !run.is_empty() {
                        add(&mut groups, Group::Phrase(std::mem::take(&mut run)));
                    }
                }
            }
        }
        if !run.is_empty() {
            add(&mut groups, Group::Phrase(run));
        }
        SearchQuery { groups, prefix }
    }

    /// Nothing to search for: the listing shows everything, suggestions show nothing.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.prefix.is_none()
    }

    /// The same for every spelling that finds the same products (手機 and 手机): cache key part.
    pub fn cache_key(&self) -> String {
        let mut key = String::new();
        for group in &self.groups {
            match group {
                Group::Phrase(chars) => key.extend(chars.iter()),
                Group::Word(w) => key.push_str(w),
            }
            key.push(' ');
        }
        if let Some(prefix) = &self.prefix {
            key.push_str(prefix);
            key.push('*');
        }
        key
    }

    /// The reference meaning of a query, which both databases' index lookups must agree with
    /// (the brute-force test compares them): every group is found in the names, or (unless
    /// `names_only`) in the body; a phrase within one field; the prefix begins a name token.
    pub fn matches(&self, doc: &Document, names_only: bool) -> bool {
        let in_stream = |group: &Group, stream: &[String]| match group {
            Group::Word(w) => stream.iter().any(|t| t == w),
            Group::Phrase(chars) => stream.windows(chars.len()).any(|window| {
                window
                    .iter()
                    .zip(chars)
                    .all(|(t, c)| t.chars().eq(std::iter::once(*c)))
            }),
        };
        self.groups
            .iter()
            .all(|g| in_stream(g, &doc.name) || (!names_only && in_stream(g, &doc.body)))
            && self
                .prefix
                .as_ref()
                .is_none_or(|p| doc.name.iter().any(|t| t.starts_with(p.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::super::document::{index_tokens, DocumentSource};
    use super::*;

    fn word(w: &str) -> Group {
        Group::Word(w.into())
    }

    #[test]
    fn spellings_of_one_word_meet() {
        for typed in [
            "Pu’er",
            "Pu'er",
            "puer",
            "pu-er",
            "PU‐ER",
            "ｐｕ＇ｅｒ",
            "PUER",
        ] {
            assert_eq!(SearchQuery::parse(typed).groups, [word("puer")], "{typed}");
        }
        assert_eq!(SearchQuery::parse("café"), SearchQuery::parse("cafe"));
        assert_eq!(
            SearchQuery::parse("oolong teas").groups,
            [word("oolong"), word("tea")]
        );
        assert_eq!(SearchQuery::parse("128GB").groups, [word("128gb")]);
    }

    #[test]
    fn cjk_runs_are_phrases() {
        assert_eq!(SearchQuery::parse("茶").groups, [Group::Phrase(vec!['茶'])]);
        assert_eq!(SearchQuery::parse("手機"), SearchQuery::parse("手机"));
        assert_eq!(
            SearchQuery::parse("黑色 手機 手机").groups,
            [
                Group::Phrase(vec!['黑', '色']),
                Group::Phrase(vec!['手', '机'])
            ]
        );
        assert_eq!(
            SearchQuery::parse("纯棉T恤").groups,
            [
                Group::Phrase(vec!['纯', '棉']),
                word("t"),
                Group::Phrase(vec!['恤'])
            ]
        );
    }

    #[test]
    fn hostile_and_long_input_is_only_words() {
        assert_eq!(
            SearchQuery::parse("' OR 1=1 --").groups,
            [word("or"), word("1")]
        );
        assert!(SearchQuery::parse("%_").is_empty());
        assert!(SearchQuery::parse("  \"*(){}:^ ").is_empty());
        let long = SearchQuery::parse(&"茶".repeat(500));
        assert_eq!(long.groups, [Group::Phrase(vec!['茶'; MAX_QUERY_CHARS])]);
        assert_eq!(
            SearchQuery::parse("a b c d e f g h i j").groups.len(),
            MAX_TERMS
        );
    }

    fn doc(name: &str, description: &str) -> Document {
        Document::build(&DocumentSource {
            names: [name, name, name],
            descriptions: [description, "", ""],
            ..Default::default()
        })
    }

    #[test]
    fn matching_follows_the_token_rules() {
        let shirt = doc("Cotton T-shirt", "");
        for typed in ["t shirt", "tshirt", "T-Shirt", "cotton", "shirts"] {
            assert!(SearchQuery::parse(typed).matches(&shirt, false), "{typed}");
        }
        let phone = doc("黑曜石", "智能手機");
        assert!(SearchQuery::parse("手机").matches(&phone, false));
        assert!(!SearchQuery::parse("手机").matches(&phone, true));
        assert!(!SearchQuery::parse("石手").matches(&phone, false));
        assert!(!SearchQuery::parse("机手").matches(&phone, false));
        assert!(SearchQuery::parse("黑曜 手机").matches(&phone, false));
    }

    #[test]
    fn typing_keeps_the_last_word_as_a_prefix() {
        let q = SearchQuery::parse_typing("oolong te");
        assert_eq!(q.groups, [word("oolong")]);
        assert_eq!(q.prefix.as_deref(), Some("te"));
        assert!(SearchQuery::parse_typing("oolong ").prefix.is_none());
        let tea = doc("Obsidian Oolong Teas", "");
        assert!(q.matches(&tea, true));
        assert!(SearchQuery::parse_typing("teas").matches(&tea, true));
        assert!(!SearchQuery::parse_typing("oolong cof").matches(&tea, true));
        assert_eq!(index_tokens("Teas", true), ["tea", "teas"]);
    }
}
