//! A product's history: its revisions field by field, and the scheduler that publishes a
//! product when its "go live at" time comes (as the editor's "Publish" would).

use super::lang;
use super::product_edit::{covers, load, save, ProductError};
use crate::db::Db;
use crate::domain::audit::{changes, AuditActor, FieldChange};
use crate::domain::catalog::product_edit::{ProductRevision, ProductStatus};
use crate::domain::locale::Locale;
use crate::domain::owner::Scope;

#[derive(sqlx::FromRow)]
struct RevisionRow {
    version: i64,
    status: String,
    state_json: String,
    actor_email: String,
    at: i64,
}

/// A product's revisions, newest first, each with the fields it changed from the one before
/// (the first: every field, from nothing).
/// None when there is no such product or `scope` does not cover its owner.
/// A category change is shown by the categories' names in `locale` (the records keep ids).
pub async fn revisions(
    db: &Db,
    scope: Scope,
    locale: Locale,
    product_id: i64,
) -> Result<Option<Vec<ProductRevision>>, sqlx::Error> {
    if !covers(&mut *db.pool().acquire().await?, scope, product_id).await? {
        return Ok(None);
    }
    let names = category_names(db, locale).await?;
    let rows: Vec<RevisionRow> = sqlx::query_as(
        "SELECT version, status, state_json, actor_email, at FROM product_revisions \
         WHERE product_id = $1 ORDER BY version",
    )
    .bind(product_id)
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    let mut previous: Option<&str> = None;
    for row in &rows {
        out.push(ProductRevision {
            version: row.version,
            status: ProductStatus::parse(&row.status).unwrap_or(ProductStatus::Draft),
            actor_email: row.actor_email.clone(),
            at: row.at,
            changes: with_category_names(changes(previous, Some(&row.state_json)), &names),
        });
        previous = Some(&row.state_json);
    }
    out.reverse();
    Ok(Some(out))
}

/// Every category's (id, name in `locale`), to show a stored category id by name.
pub(super) async fn category_names(
    db: &Db,
    locale: Locale,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT id, name_{} FROM categories", lang(locale)))
        .fetch_all(db.pool())
        .await
}

/// `changes` with a category change shown by the categories' names (the records keep ids; an
/// id no longer known stays as it is).
pub(super) fn with_category_names(
    changes: Vec<FieldChange>,
    names: &[(i64, String)],
) -> Vec<FieldChange> {
    let name = |value: Option<String>| {
        let id = value.as_deref().and_then(|v| v.parse::<i64>().ok());
        match id.and_then(|id| names.iter().find(|(c, _)| *c == id)) {
            Some((_, name)) => Some(name.clone()),
            None => value,
        }
    };
    changes
        .into_iter()
        .map(|mut change| {
            if change.field == "category_id" {
                change.before = name(change.before);
                change.after = name(change.after);
            }
            change
        })
        .collect()
}

/// Publishes every draft or unlisted product of the platform (suppliers' go live through review)
/// whose scheduled time has come, each saved as the editor's "Publish" would (revision, audit
/// entry by `actor`, search entry). Safe when several servers run it at once: the version check
/// lets one of them win. Returns how many went live.
pub async fn publish_due(db: &Db, actor: &AuditActor, now: i64) -> Result<usize, ProductError> {
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM products WHERE publish_at IS NOT NULL AND publish_at <= $1 \
         AND status IN ('draft', 'unlisted') AND owner_id IS NULL ORDER BY publish_at, id",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut published = 0;
    for id in due {
        // The scheduler acts for every owner, as an operator would.
        let Some(product) = load(db, Scope::AllOwners, id).await? else {
            continue;
        };
        let mut form = product.form;
        form.publish_at.clear();
        let valid = match form.parse() {
            Ok(valid) => valid,
            Err(problems) => {
                // Stored data the editor would refuse: left as it is for an operator to fix.
                tracing::warn!(product = id, ?problems, "scheduled product not published");
                continue;
            }
        };
        match save(db, Scope::AllOwners, actor, &valid, ProductStatus::Active).await {
            Ok(_) => published += 1,
            // Another server published it first.
            Err(ProductError::Conflict | ProductError::NotFound) => {}
            // Only the platform's products are scheduled.
            Err(ProductError::OwnerSuspended) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(published)
}
