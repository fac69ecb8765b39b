//! The back office's category changes: create, rename and move, reorder, hide, delete. Each is
//! one writer transaction that also writes the audit log and, when names or the tree change,
//! brings the search entries of the products underneath up to date.

use crate::db::audit;
use crate::db::search::index_product;
use crate::db::{is_unique_violation, Db};
use crate::domain::audit::{Action, AuditActor, ObjectKind};
use crate::domain::catalog::category_edit::{
    check_delete, moves_under_itself, tree_order, AdminCategory, DeleteRefusal, ValidCategory,
};
use crate::domain::form::{Field, FieldProblem, Problem};
use sqlx::{Any, Transaction};

/// Why a category change was not made.
#[derive(Debug, thiserror::Error)]
pub enum CategoryError {
    #[error("no such category")]
    NotFound,
    /// A field of the form (slug taken, parent missing or under the category itself).
    #[error("invalid: {0:?}")]
    Invalid(FieldProblem),
    #[error("cannot delete: {0:?}")]
    NotEmpty(DeleteRefusal),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(sqlx::FromRow)]
struct CategoryColumns {
    id: i64,
    parent_id: Option<i64>,
    slug: String,
    name_zh_hant: String,
    name_zh_hans: String,
    name_en: String,
    position: i64,
    hidden: i64,
    product_count: i64,
}

impl From<CategoryColumns> for AdminCategory {
    fn from(row: CategoryColumns) -> Self {
        AdminCategory {
            id: row.id,
            parent_id: row.parent_id,
            slug: row.slug,
            name_zh_hant: row.name_zh_hant,
            name_zh_hans: row.name_zh_hans,
            name_en: row.name_en,
            position: row.position,
            hidden: row.hidden != 0,
            product_count: row.product_count,
            depth: 0,
        }
    }
}

const COLUMNS: &str = "SELECT c.id, c.parent_id, c.slug, c.name_zh_hant, c.name_zh_hans, \
     c.name_en, c.position, c.hidden, \
     (SELECT COUNT(*) FROM products p WHERE p.category_id = c.id) AS product_count \
     FROM categories c";

/// Every category, hidden ones too, in tree order.
pub async fn admin_categories(db: &Db) -> Result<Vec<AdminCategory>, sqlx::Error> {
    let rows: Vec<CategoryColumns> = sqlx::query_as(COLUMNS).fetch_all(db.pool()).await?;
    Ok(tree_order(rows.into_iter().map(Into::into).collect()))
}

async fn one(tx: &mut Transaction<'_, Any>, id: i64) -> Result<AdminCategory, CategoryError> {
    let row: Option<CategoryColumns> = sqlx::query_as(&format!("{COLUMNS} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(Into::into).ok_or(CategoryError::NotFound)
}

/// The state the audit log keeps (no counts: they are not the category's to change).
fn state(category: &AdminCategory) -> serde_json::Value {
    serde_json::json!({
        "slug": category.slug,
        "name_zh_hant": category.name_zh_hant,
        "name_zh_hans": category.name_zh_hans,
        "name_en": category.name_en,
        "parent_id": category.parent_id,
        "position": category.position,
        "hidden": category.hidden,
    })
}

/// Writes a category change to the audit log, inside its transaction.
async fn record(
    tx: &mut Transaction<'_, Any>,
    actor: &AuditActor,
    id: i64,
    action: Action,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<(), sqlx::Error> {
    let object_id = id.to_string();
    audit::record(
        tx,
        actor,
        ObjectKind::Category,
        &object_id,
        action,
        before,
        after,
    )
    .await
}

/// Checks that `parent` exists and is not `id` itself or below it.
async fn check_parent(
    tx: &mut Transaction<'_, Any>,
    id: Option<i64>,
    parent: Option<i64>,
) -> Result<(), CategoryError> {
    let invalid = CategoryError::Invalid(FieldProblem {
        field: Field::Parent,
        problem: Problem::ParentInvalid,
    });
    let Some(parent) = parent else {
        return Ok(());
    };
    let parents: Vec<(i64, Option<i64>)> = sqlx::query_as("SELECT id, parent_id FROM categories")
        .fetch_all(&mut **tx)
        .await?;
    if !parents.iter().any(|(cid, _)| *cid == parent) {
        return Err(invalid);
    }
    match id {
        Some(id) if moves_under_itself(&parents, id, Some(parent)) => Err(invalid),
        _ => Ok(()),
    }
}

/// The next free position among `parent`'s children.
async fn last_position(
    tx: &mut Transaction<'_, Any>,
    parent: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let max: Option<i64> = match parent {
        Some(parent) => {
            sqlx::query_scalar("SELECT MAX(position) FROM categories WHERE parent_id = $1")
                .bind(parent)
                .fetch_one(&mut **tx)
                .await?
        }
        None => {
            sqlx::query_scalar("SELECT MAX(position) FROM categories WHERE parent_id IS NULL")
                .fetch_one(&mut **tx)
                .await?
        }
    };
    Ok(max.map_or(0, |m| m + 1))
}

fn slug_taken(error: sqlx::Error) -> CategoryError {
    if is_unique_violation(&error) {
        CategoryError::Invalid(FieldProblem {
            field: Field::Slug,
            problem: Problem::SlugTaken,
        })
    } else {
        CategoryError::Db(error)
    }
}

/// Re-analyses the search entries of the products in `id` and every category under it (their
/// documents hold the names of their category and its ancestors).
async fn reindex_under(tx: &mut Transaction<'_, Any>, db: &Db, id: i64) -> Result<(), sqlx::Error> {
    let parents: Vec<(i64, Option<i64>)> = sqlx::query_as("SELECT id, parent_id FROM categories")
        .fetch_all(&mut **tx)
        .await?;
    let under: Vec<i64> = parents
        .iter()
        .filter(|(cid, _)| *cid == id || moves_under_itself(&parents, id, Some(*cid)))
        .map(|(cid, _)| *cid)
        .collect();
    for category in under {
        let products: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM products WHERE category_id = $1")
                .bind(category)
                .fetch_all(&mut **tx)
                .await?;
        for product in products {
            index_product(tx, db.backend(), product).await?;
        }
    }
    Ok(())
}

/// Creates a category at the end of its parent's children; returns its id.
pub async fn create(
    db: &Db,
    actor: &AuditActor,
    form: &ValidCategory,
) -> Result<i64, CategoryError> {
    let mut tx = db.writer().begin().await?;
    check_parent(&mut tx, None, form.parent_id).await?;
    let position = last_position(&mut tx, form.parent_id).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO categories (parent_id, slug, position, name_zh_hant, name_zh_hans, name_en) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(form.parent_id)
    .bind(form.slug.as_str())
    .bind(position)
    .bind(form.name_zh_hant.as_str())
    .bind(form.name_zh_hans.as_str())
    .bind(form.name_en.as_str())
    .fetch_one(&mut *tx)
    .await
    .map_err(slug_taken)?;
    let created = one(&mut tx, id).await?;
    record(
        &mut tx,
        actor,
        id,
        Action::Create,
        None,
        Some(&state(&created)),
    )
    .await?;
    tx.commit().await?;
    db.catalog_changed();
    Ok(id)
}

/// Renames a category, changes its slug, or moves it under another parent (to the end of the
/// new parent's children).
pub async fn update(
    db: &Db,
    actor: &AuditActor,
    id: i64,
    form: &ValidCategory,
) -> Result<(), CategoryError> {
    let mut tx = db.writer().begin().await?;
    let before = one(&mut tx, id).await?;
    check_parent(&mut tx, Some(id), form.parent_id).await?;
    let position = if before.parent_id == form.parent_id {
        before.position
    } else {
        last_position(&mut tx, form.parent_id).await?
    };
    sqlx::query(
        "UPDATE categories SET parent_id = $1, slug = $2, position = $3, name_zh_hant = $4, \
         name_zh_hans = $5, name_en = $6 WHERE id = $7",
    )
    .bind(form.parent_id)
    .bind(form.slug.as_str())
    .bind(position)
    .bind(form.name_zh_hant.as_str())
    .bind(form.name_zh_hans.as_str())
    .bind(form.name_en.as_str())
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(slug_taken)?;
    let after = one(&mut tx, id).await?;
    if after == before {
        return Ok(());
    }
    let moved = before.parent_id != after.parent_id;
    let renamed = (&before.name_zh_hant, &before.name_zh_hans, &before.name_en)
        != (&after.name_zh_hant, &after.name_zh_hans, &after.name_en);
    if moved || renamed {
        reindex_under(&mut tx, db, id).await?;
    }
    record(
        &mut tx,
        actor,
        id,
        if moved { Action::Move } else { Action::Update },
        Some(&state(&before)),
        Some(&state(&after)),
    )
    .await?;
    tx.commit().await?;
    db.catalog_changed();
    Ok(())
}

/// Moves a category one place up (`up`) or down among its siblings; at the end already, nothing
/// changes.
pub async fn reorder(db: &Db, actor: &AuditActor, id: i64, up: bool) -> Result<(), CategoryError> {
    let mut tx = db.writer().begin().await?;
    let before = one(&mut tx, id).await?;
    let siblings: Vec<(i64, i64)> =
        match before.parent_id {
            Some(parent) => sqlx::query_as(
                "SELECT id, position FROM categories WHERE parent_id = $1 ORDER BY position, id",
            )
            .bind(parent)
            .fetch_all(&mut *tx)
            .await?,
            None => sqlx::query_as(
                "SELECT id, position FROM categories WHERE parent_id IS NULL ORDER BY position, id",
            )
            .fetch_all(&mut *tx)
            .await?,
        };
    let Some(index) = siblings.iter().position(|(cid, _)| *cid == id) else {
        return Err(CategoryError::NotFound);
    };
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1).filter(|i| *i < siblings.len())
    };
    let Some(other) = other else {
        return Ok(());
    };
    // Positions are renumbered 0.. in the new order, so ties left by older data cannot stick.
    let mut order: Vec<i64> = siblings.iter().map(|(cid, _)| *cid).collect();
    order.swap(index, other);
    for (position, cid) in order.iter().enumerate() {
        sqlx::query("UPDATE categories SET position = $1 WHERE id = $2")
            .bind(position as i64)
            .bind(*cid)
            .execute(&mut *tx)
            .await?;
    }
    let after = one(&mut tx, id).await?;
    record(
        &mut tx,
        actor,
        id,
        Action::Move,
        Some(&state(&before)),
        Some(&state(&after)),
    )
    .await?;
    tx.commit().await?;
    db.catalog_changed();
    Ok(())
}

/// Hides a category from the shop's navigation and pages, or shows it again.
pub async fn set_hidden(
    db: &Db,
    actor: &AuditActor,
    id: i64,
    hidden: bool,
) -> Result<(), CategoryError> {
    let mut tx = db.writer().begin().await?;
    let before = one(&mut tx, id).await?;
    if before.hidden == hidden {
        return Ok(());
    }
    sqlx::query("UPDATE categories SET hidden = $1 WHERE id = $2")
        .bind(i64::from(hidden))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let after = one(&mut tx, id).await?;
    record(
        &mut tx,
        actor,
        id,
        Action::Update,
        Some(&state(&before)),
        Some(&state(&after)),
    )
    .await?;
    tx.commit().await?;
    db.catalog_changed();
    Ok(())
}

/// Deletes an empty category; one holding products or subcategories is refused with how many.
pub async fn delete(db: &Db, actor: &AuditActor, id: i64) -> Result<(), CategoryError> {
    let mut tx = db.writer().begin().await?;
    let before = one(&mut tx, id).await?;
    let children: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM categories WHERE parent_id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    check_delete(before.product_count, children).map_err(CategoryError::NotEmpty)?;
    sqlx::query("DELETE FROM categories WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        actor,
        id,
        Action::Delete,
        Some(&state(&before)),
        None,
    )
    .await?;
    tx.commit().await?;
    db.catalog_changed();
    Ok(())
}
