//! Categories, as a flat list and as the two-level tree the menus show (hidden ones left out).

use super::lang;
use crate::db::Db;
use crate::domain::catalog::{CategoryLink, CategoryTree};
use crate::domain::locale::Locale;

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct CategoryRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub name: String,
}

pub async fn categories(db: &Db, locale: Locale) -> Result<Vec<CategoryRow>, sqlx::Error> {
    let sql = format!(
        "SELECT id, parent_id, slug, name_{} AS name FROM categories WHERE hidden = 0 \
         ORDER BY position, id",
        lang(locale)
    );
    sqlx::query_as::<_, CategoryRow>(&sql)
        .fetch_all(db.pool())
        .await
}

pub(super) fn link(row: &CategoryRow) -> CategoryLink {
    CategoryLink {
        slug: row.slug.clone(),
        name: row.name.clone(),
    }
}

pub fn category_trees(rows: &[CategoryRow]) -> Vec<CategoryTree> {
    rows.iter()
        .filter(|r| r.parent_id.is_none())
        .map(|top| CategoryTree {
            slug: top.slug.clone(),
            name: top.name.clone(),
            children: rows
                .iter()
                .filter(|c| c.parent_id == Some(top.id))
                .map(link)
                .collect(),
        })
        .collect()
}
