//! The back office's category rules: what a valid category form is, where a category may move,
//! and the tree order the console lists them in.

use crate::domain::form::{bounded_text, collect, problem, Field, FieldProblem, Problem};
use serde::{Deserialize, Serialize};

/// A category's names are at most this many characters in each language.
pub const NAME_MAX_CHARS: usize = 60;
/// A slug is at most this many characters.
pub const SLUG_MAX_CHARS: usize = 60;

/// The category form as typed (field names are the form's).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryForm {
    pub slug: String,
    pub name_zh_hant: String,
    pub name_zh_hans: String,
    pub name_en: String,
    /// A category id, or empty for a top-level category.
    #[serde(default)]
    pub parent: String,
}

/// A category form that passed every check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidCategory {
    pub slug: String,
    pub name_zh_hant: String,
    pub name_zh_hans: String,
    pub name_en: String,
    pub parent_id: Option<i64>,
}

/// A slug: 1..=60 of a–z and 0–9, with single hyphens between them (`green-tea`), so the
/// category's address (`/c/green-tea`) never needs escaping.
pub fn parse_slug(value: &str) -> Option<String> {
    let value = value.trim().to_ascii_lowercase();
    let ok = !value.is_empty()
        && value.len() <= SLUG_MAX_CHARS
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--");
    ok.then_some(value)
}

impl CategoryForm {
    /// Every problem of the form at once (the parent's existence is the database's to check).
    pub fn parse(&self) -> Result<ValidCategory, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let name = |value: &str, field: Field| {
            bounded_text(value, NAME_MAX_CHARS).ok_or(problem(field, Problem::NameInvalid))
        };
        let slug = collect(
            parse_slug(&self.slug).ok_or(problem(Field::Slug, Problem::SlugInvalid)),
            &mut problems,
        );
        let zh_hant = collect(name(&self.name_zh_hant, Field::NameZhHant), &mut problems);
        let zh_hans = collect(name(&self.name_zh_hans, Field::NameZhHans), &mut problems);
        let en = collect(name(&self.name_en, Field::NameEn), &mut problems);
        let parent = self.parent.trim();
        let parent_id = if parent.is_empty() {
            Some(None)
        } else {
            collect(
                parent
                    .parse::<i64>()
                    .map(Some)
                    .map_err(|_| problem(Field::Parent, Problem::ParentInvalid)),
                &mut problems,
            )
        };
        match (slug, zh_hant, zh_hans, en, parent_id) {
            (
                Some(slug),
                Some(name_zh_hant),
                Some(name_zh_hans),
                Some(name_en),
                Some(parent_id),
            ) if problems.is_empty() => Ok(ValidCategory {
                slug,
                name_zh_hant,
                name_zh_hans,
                name_en,
                parent_id,
            }),
            _ => Err(problems),
        }
    }
}

/// A category as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCategory {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub name_zh_hant: String,
    pub name_zh_hans: String,
    pub name_en: String,
    pub position: i64,
    pub hidden: bool,
    /// Products filed directly under it.
    pub product_count: i64,
    /// 0 for a top-level category.
    pub depth: usize,
}

/// Whether giving `id` the parent `new_parent` would put it under itself (its own parent, or
/// one of its descendants). `parents` is every category's (id, parent id).
pub fn moves_under_itself(
    parents: &[(i64, Option<i64>)],
    id: i64,
    new_parent: Option<i64>,
) -> bool {
    let mut current = new_parent;
    // A tree of n categories has chains of at most n links; more means a cycle already.
    for _ in 0..=parents.len() {
        match current {
            None => return false,
            Some(ancestor) if ancestor == id => return true,
            Some(ancestor) => {
                current = parents
                    .iter()
                    .find(|(cid, _)| *cid == ancestor)
                    .and_then(|(_, parent)| *parent);
            }
        }
    }
    true
}

/// Lists categories as a tree: each parent followed by its children, siblings by position then
/// id, with `depth` set. Categories whose parent is missing are listed at the top level.
pub fn tree_order(mut categories: Vec<AdminCategory>) -> Vec<AdminCategory> {
    categories.sort_by_key(|c| (c.position, c.id));
    let ids: Vec<i64> = categories.iter().map(|c| c.id).collect();
    let mut out = Vec::with_capacity(categories.len());
    fn visit(
        parent: Option<i64>,
        depth: usize,
        all: &[AdminCategory],
        ids: &[i64],
        out: &mut Vec<AdminCategory>,
    ) {
        for category in all.iter().filter(|c| {
            c.parent_id == parent
                || (parent.is_none() && c.parent_id.is_some_and(|p| !ids.contains(&p)))
        }) {
            if out.iter().any(|o: &AdminCategory| o.id == category.id) {
                continue;
            }
            out.push(AdminCategory {
                depth,
                ..category.clone()
            });
            visit(Some(category.id), depth + 1, all, ids, out);
        }
    }
    visit(None, 0, &categories, &ids, &mut out);
    out
}

/// Why a category cannot be deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeleteRefusal {
    /// Products are filed under it (how many): move them first, or hide the category.
    HasProducts(i64),
    /// Categories are filed under it (how many).
    HasChildren(i64),
}

/// Whether a category holding `products` products and `children` subcategories may be deleted.
pub fn check_delete(products: i64, children: i64) -> Result<(), DeleteRefusal> {
    if products > 0 {
        Err(DeleteRefusal::HasProducts(products))
    } else if children > 0 {
        Err(DeleteRefusal::HasChildren(children))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CategoryForm {
        CategoryForm {
            slug: "green-tea".into(),
            name_zh_hant: "綠茶".into(),
            name_zh_hans: "绿茶".into(),
            name_en: "Green tea".into(),
            parent: "3".into(),
        }
    }

    fn category(id: i64, parent_id: Option<i64>, position: i64) -> AdminCategory {
        AdminCategory {
            id,
            parent_id,
            slug: format!("c{id}"),
            name_zh_hant: String::new(),
            name_zh_hans: String::new(),
            name_en: String::new(),
            position,
            hidden: false,
            product_count: 0,
            depth: 99,
        }
    }

    #[test]
    fn a_good_form_parses() {
        let valid = form().parse().unwrap();
        assert_eq!(valid.slug, "green-tea");
        assert_eq!(valid.parent_id, Some(3));
        let top = CategoryForm {
            parent: " ".into(),
            ..form()
        };
        assert_eq!(top.parse().unwrap().parent_id, None);
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let bad = CategoryForm {
            slug: "Green Tea!".into(),
            name_zh_hant: "  ".into(),
            name_zh_hans: "x".repeat(61),
            name_en: "ok".into(),
            parent: "tea".into(),
        };
        let problems = bad.parse().unwrap_err();
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::Slug,
                Field::NameZhHant,
                Field::NameZhHans,
                Field::Parent
            ]
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(parse_slug(" Oolong-2 "), Some("oolong-2".into()));
        for bad in [
            "",
            "-tea",
            "tea-",
            "green--tea",
            "茶",
            "a b",
            &"a".repeat(61),
        ] {
            assert_eq!(parse_slug(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_category_cannot_move_under_itself_or_its_descendants() {
        // 1 → 2 → 3, and 4 on its own.
        let parents = [(1, None), (2, Some(1)), (3, Some(2)), (4, None)];
        assert!(moves_under_itself(&parents, 1, Some(1)));
        assert!(moves_under_itself(&parents, 1, Some(3)));
        assert!(moves_under_itself(&parents, 2, Some(3)));
        assert!(!moves_under_itself(&parents, 3, Some(1)));
        assert!(!moves_under_itself(&parents, 1, Some(4)));
        assert!(!moves_under_itself(&parents, 3, None));
        // A cycle already stored is refused rather than looped over.
        let broken = [(1, Some(2)), (2, Some(1))];
        assert!(moves_under_itself(&broken, 3, Some(1)));
    }

    #[test]
    fn the_tree_lists_children_after_their_parent_by_position() {
        let list = vec![
            category(5, Some(1), 2),
            category(1, None, 1),
            category(2, None, 0),
            category(6, Some(1), 1),
            category(7, Some(6), 0),
            category(8, Some(99), 0),
        ];
        let ordered: Vec<(i64, usize)> = tree_order(list).iter().map(|c| (c.id, c.depth)).collect();
        assert_eq!(
            ordered,
            vec![(2, 0), (8, 0), (1, 0), (6, 1), (7, 2), (5, 1)]
        );
    }

    #[test]
    fn deleting_needs_an_empty_category() {
        assert_eq!(check_delete(0, 0), Ok(()));
        assert_eq!(check_delete(3, 1), Err(DeleteRefusal::HasProducts(3)));
        assert_eq!(check_delete(0, 2), Err(DeleteRefusal::HasChildren(2)));
    }
}
