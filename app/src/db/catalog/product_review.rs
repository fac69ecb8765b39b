//! Listing through review (`product_submissions`): suppliers submit, operators approve or reject.
//! The rules are in [`crate::domain::catalog::product_review`]; a submission is applied by the
//! same save as the editor's ([`save_in`]), so what an operator approves is exactly what the
//! review page showed and what the save would have accepted.

use super::lang;
use super::product_edit::{covers, read, save_in, ProductError};
use super::product_revisions::{category_names, with_category_names};
use crate::db::{audit, is_unique_violation, owner_filter, unix_now, Db};
use crate::domain::audit::{changes, Action, AuditActor, ObjectKind};
use crate::domain::catalog::product_edit::{
    EditorProduct, ProductForm, ProductStatus, SavedProduct, ValidProduct,
};
use crate::domain::catalog::product_review::{
    after_rejection, may_save_draft, on_submit, OnSubmit, ReviewItem, ReviewNote, SubmissionStatus,
};
use crate::domain::locale::Locale;
use crate::domain::owner::Scope;
use sqlx::{Acquire, Any, Transaction};

/// Why a submission or a decision was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// What the product save refused (a field, a version that moved on, an unknown product).
    #[error(transparent)]
    Product(#[from] ProductError),
    /// No such submission.
    #[error("no such submission")]
    NotFound,
    /// Another operator decided first, or the supplier replaced it with a newer one.
    #[error("already decided")]
    AlreadyDecided,
    /// A live product changes through review only.
    #[error("live product")]
    Live,
    /// The owner is suspended: nothing of theirs goes live.
    #[error("supplier suspended")]
    Suspended,
}

impl From<sqlx::Error> for ReviewError {
    fn from(error: sqlx::Error) -> Self {
        ReviewError::Product(ProductError::Db(error))
    }
}

async fn status_of(
    tx: &mut Transaction<'_, Any>,
    scope: Scope,
    id: Option<i64>,
) -> Result<Option<ProductStatus>, ReviewError> {
    let Some(id) = id else { return Ok(None) };
    if !covers(tx, scope, id).await? {
        return Err(ProductError::NotFound.into());
    }
    let status: String = sqlx::query_scalar("SELECT status FROM products WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(Some(
        ProductStatus::parse(&status).unwrap_or(ProductStatus::Draft),
    ))
}

/// The state the revisions keep of product `id` now (None before its first save).
async fn latest_state(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT state_json FROM product_revisions WHERE product_id = $1 \
         ORDER BY version DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The state of product `id`'s latest live revision: what shoppers last saw (None when it was
/// never live).
async fn last_live_state(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT state_json FROM product_revisions WHERE product_id = $1 AND status = 'active' \
         ORDER BY version DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Saves a supplier's product out of the shop as a draft, without review. A live product is
/// refused (`Live`): it changes through review only.
pub async fn save_draft(
    db: &Db,
    scope: Scope,
    actor: &AuditActor,
    product: &ValidProduct,
) -> Result<SavedProduct, ReviewError> {
    let mut tx = db.writer().begin().await?;
    if !may_save_draft(status_of(&mut tx, scope, product.id).await?) {
        return Err(ReviewError::Live);
    }
    let saved = save_in(&mut tx, db, scope, actor, product, ProductStatus::Draft).await?;
    tx.commit().await?;
    db.catalog_changed();
    Ok(saved)
}

/// Takes a supplier's live product out of the shop at once, as approved (no review is needed to
/// stop selling): unlisted, its search entry updated, an edit still waiting withdrawn (approving
/// it would put the product back), audited. `NotFound` when the product is not live or not in
/// `scope`.
pub async fn unlist(
    db: &Db,
    scope: Scope,
    actor: &AuditActor,
    product_id: i64,
) -> Result<SavedProduct, ReviewError> {
    let mut tx = db.writer().begin().await?;
    let (all, owner) = scope.binds();
    // The version moves on: an editor opened before saves over it only after reloading.
    let moved: Option<(String, i64)> = sqlx::query_as(&format!(
        "UPDATE products SET status = 'unlisted', version = version + 1 \
         WHERE id = $1 AND status = 'active' AND {} RETURNING slug, version",
        owner_filter("owner_id", 2, 3)
    ))
    .bind(product_id)
    .bind(all)
    .bind(owner)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((slug, version)) = moved else {
        return Err(ReviewError::NotFound);
    };
    sqlx::query(
        "UPDATE product_submissions SET status = 'withdrawn' WHERE product_id = $1 AND status = 'pending'",
    )
    .bind(product_id)
    .execute(&mut *tx)
    .await?;
    crate::db::search::index_product(&mut tx, db.backend(), product_id).await?;
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Product,
        &product_id.to_string(),
        Action::Update,
        Some(&serde_json::json!({ "status": "active" })),
        Some(&serde_json::json!({ "status": "unlisted" })),
    )
    .await?;
    tx.commit().await?;
    db.catalog_changed();
    Ok(SavedProduct {
        id: product_id,
        version,
        slug,
        status: ProductStatus::Unlisted,
        in_review: false,
    })
}

/// Submits a supplier's product (`form` as typed, `product` as parsed from it) for review.
/// A product out of the shop takes the edit at once and waits as submitted; a live one stays as
/// approved while the edit waits beside it, checked now by the same save approval will run (in a
/// savepoint rolled back). A newer submission replaces one still waiting. Refused like a save
/// (`Product`), and with `Suspended` for a suspended supplier's product.
pub async fn submit(
    db: &Db,
    scope: Scope,
    actor: &AuditActor,
    form: &ProductForm,
    product: &ValidProduct,
) -> Result<SavedProduct, ReviewError> {
    let mut tx = db.writer().begin().await?;
    let current = status_of(&mut tx, scope, product.id).await?;
    let Some(mode) = on_submit(current) else {
        return Err(ReviewError::Suspended);
    };
    // Compared with what shoppers last saw, so a draft saved before submitting is reviewed too.
    let before = match product.id {
        Some(id) => last_live_state(&mut tx, id).await?,
        None => None,
    };
    let (saved, after, form_json, base_version) = match mode {
        OnSubmit::Beside => {
            let mut trial = tx.begin().await?;
            let saved =
                save_in(&mut trial, db, scope, actor, product, ProductStatus::Active).await?;
            let after = latest_state(&mut trial, saved.id).await?;
            trial.rollback().await?;
            let saved = SavedProduct {
                version: product.version,
                status: ProductStatus::Active,
                ..saved
            };
            (saved, after, serde_json::to_string(form), product.version)
        }
        OnSubmit::InPlace(status) => {
            let saved = save_in(&mut tx, db, scope, actor, product, status).await?;
            let after = latest_state(&mut tx, saved.id).await?;
            // As stored, so approval applies it to this very version (new SKUs have codes now).
            let stored = read(&mut tx, saved.id)
                .await?
                .ok_or(ProductError::NotFound)?;
            let version = saved.version;
            (saved, after, serde_json::to_string(&stored.form), version)
        }
    };
    let form_json = form_json.map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let saved = SavedProduct {
        in_review: true,
        ..saved
    };
    sqlx::query(
        "UPDATE product_submissions SET status = 'withdrawn' \
         WHERE product_id = $1 AND status = 'pending'",
    )
    .bind(saved.id)
    .execute(&mut *tx)
    .await?;
    let inserted = sqlx::query(
        "INSERT INTO product_submissions (product_id, owner_id, base_version, form_json, \
         before_json, after_json, status, submitted_by, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8)",
    )
    .bind(saved.id)
    .bind(scope.creates_as().column())
    .bind(base_version)
    .bind(form_json)
    .bind(before)
    .bind(after.unwrap_or_default())
    .bind(actor.user_id)
    .bind(unix_now())
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        // Another submission of the same product committed first.
        Err(e) if is_unique_violation(&e) => return Err(ProductError::Conflict.into()),
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    db.catalog_changed();
    Ok(saved)
}

#[derive(sqlx::FromRow)]
struct PendingRow {
    product_id: i64,
    owner_id: i64,
    form_json: String,
    after_json: String,
    status: String,
}

/// Locks submission `id` for a decision: its row, once it is known to be pending.
async fn pending(tx: &mut Transaction<'_, Any>, id: i64) -> Result<PendingRow, ReviewError> {
    let row: Option<PendingRow> = sqlx::query_as(
        "SELECT product_id, owner_id, form_json, after_json, status FROM product_submissions \
         WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let row = row.ok_or(ReviewError::NotFound)?;
    if row.status != SubmissionStatus::Pending.as_str() {
        return Err(ReviewError::AlreadyDecided);
    }
    Ok(row)
}

/// Tells the supplier of `row` by mail, in its language, that its submission was approved or
/// rejected (with `reason`); nothing for a deleted account.
async fn notify(
    tx: &mut Transaction<'_, Any>,
    row: &PendingRow,
    approved: bool,
    reason: &str,
) -> Result<(), sqlx::Error> {
    let Some((email, locale)) = crate::db::supplier::applicant(tx, row.owner_id).await? else {
        return Ok(());
    };
    let product = serde_json::from_str::<serde_json::Value>(&row.after_json)
        .ok()
        .and_then(|state| {
            state
                .get(format!("name_{}", lang(locale)))?
                .as_str()
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let mail = crate::domain::mail::Mail::ProductReviewed {
        product,
        approved,
        reason: reason.to_owned(),
    };
    crate::db::outbox::enqueue(&mut **tx, &email, locale, &mail).await?;
    Ok(())
}

/// Marks submission `id` decided; `AlreadyDecided` when another decision committed first.
async fn decide(
    tx: &mut Transaction<'_, Any>,
    actor: &AuditActor,
    id: i64,
    status: SubmissionStatus,
    reason: &str,
) -> Result<(), ReviewError> {
    let updated = sqlx::query(
        "UPDATE product_submissions SET status = $1, reason = $2, decided_by = $3, \
         decided_at = $4 WHERE id = $5 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(actor.user_id)
    .bind(unix_now())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(ReviewError::AlreadyDecided);
    }
    audit::record(
        tx,
        actor,
        ObjectKind::Review,
        &id.to_string(),
        Action::Update,
        Some(&serde_json::json!({ "status": "pending" })),
        Some(&serde_json::json!({ "status": status.as_str(), "reason": reason })),
    )
    .await?;
    Ok(())
}

/// Approves submission `id`: the product takes the submitted form and goes live, by the editor's
/// save (a revision and an audit entry by `actor`, the search entry). Refused with `Product`
/// (`Conflict`) when the product was saved since it was submitted, `Suspended` while its owner is,
/// `AlreadyDecided` when someone decided first. The supplier is told by mail in its language.
pub async fn approve(db: &Db, actor: &AuditActor, id: i64) -> Result<SavedProduct, ReviewError> {
    let mut tx = db.writer().begin().await?;
    let row = pending(&mut tx, id).await?;
    // A write, so a suspension committing now waits for this approval or is seen by it.
    let active = sqlx::query(
        "UPDATE suppliers SET status = status WHERE user_id = $1 AND status = 'active'",
    )
    .bind(row.owner_id)
    .execute(&mut *tx)
    .await?;
    if active.rows_affected() == 0 {
        return Err(ReviewError::Suspended);
    }
    decide(&mut tx, actor, id, SubmissionStatus::Approved, "").await?;
    let form: ProductForm =
        serde_json::from_str(&row.form_json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let product = form
        .parse()
        .map_err(|problems| ProductError::Invalid(problems[0]))?;
    if product.id != Some(row.product_id) {
        return Err(ReviewError::NotFound);
    }
    let saved = save_in(
        &mut tx,
        db,
        Scope::AllOwners,
        actor,
        &product,
        ProductStatus::Active,
    )
    .await?;
    notify(&mut tx, &row, true, "").await?;
    tx.commit().await?;
    db.catalog_changed();
    Ok(saved)
}

/// Rejects submission `id` with `reason` (already checked: 1..=200 characters). A product that
/// was never live becomes rejected; a live one stays as it was approved before. The supplier is
/// told by mail, with the reason, in its language.
pub async fn reject(db: &Db, actor: &AuditActor, id: i64, reason: &str) -> Result<(), ReviewError> {
    let mut tx = db.writer().begin().await?;
    let row = pending(&mut tx, id).await?;
    decide(&mut tx, actor, id, SubmissionStatus::Rejected, reason).await?;
    let current: String = sqlx::query_scalar("SELECT status FROM products WHERE id = $1")
        .bind(row.product_id)
        .fetch_one(&mut *tx)
        .await?;
    let current = ProductStatus::parse(&current).unwrap_or(ProductStatus::Draft);
    let next = after_rejection(current);
    if next != current {
        sqlx::query("UPDATE products SET status = $1 WHERE id = $2")
            .bind(next.as_str())
            .bind(row.product_id)
            .execute(&mut *tx)
            .await?;
    }
    notify(&mut tx, &row, false, reason).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    submission_id: i64,
    product_id: i64,
    company: Option<String>,
    submitted_at: i64,
    before_json: Option<String>,
    after_json: String,
}

/// Submissions waiting for review of products `scope` covers, oldest first (at most 200), each
/// with its changes field by field (category ids shown by name in `locale`).
pub async fn queue(db: &Db, scope: Scope, locale: Locale) -> Result<Vec<ReviewItem>, sqlx::Error> {
    let sql = format!(
        "SELECT s.id AS submission_id, s.product_id, sup.company, s.submitted_at, \
         s.before_json, s.after_json FROM product_submissions s \
         JOIN products p ON p.id = s.product_id \
         LEFT JOIN suppliers sup ON sup.user_id = s.owner_id \
         WHERE s.status = 'pending' AND {} ORDER BY s.submitted_at, s.id LIMIT 200",
        owner_filter("p.owner_id", 1, 2)
    );
    let (all, owner) = scope.binds();
    let rows: Vec<QueueRow> = sqlx::query_as(&sql)
        .bind(all)
        .bind(owner)
        .fetch_all(db.pool())
        .await?;
    let names = category_names(db, locale).await?;
    let name_key = format!("name_{}", lang(locale));
    Ok(rows
        .into_iter()
        .map(|row| {
            let name = serde_json::from_str::<serde_json::Value>(&row.after_json)
                .ok()
                .and_then(|state| state.get(&name_key)?.as_str().map(str::to_owned))
                .unwrap_or_default();
            ReviewItem {
                submission_id: row.submission_id,
                product_id: row.product_id,
                name,
                company: row.company.unwrap_or_default(),
                submitted_at: row.submitted_at,
                new_product: row.before_json.is_none(),
                changes: with_category_names(
                    changes(row.before_json.as_deref(), Some(&row.after_json)),
                    &names,
                ),
            }
        })
        .collect())
}

/// The latest review of product `id` (None when it was never submitted), for its editor.
pub async fn latest_note(db: &Db, id: i64) -> Result<Option<ReviewNote>, sqlx::Error> {
    let row: Option<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT status, reason, submitted_at, decided_at FROM product_submissions \
         WHERE product_id = $1 AND status <> 'withdrawn' ORDER BY id DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.and_then(|(status, reason, submitted_at, decided_at)| {
        Some(ReviewNote {
            status: SubmissionStatus::parse(&status)?,
            reason,
            at: decided_at.unwrap_or(submitted_at),
        })
    }))
}

/// The form waiting for review of product `id`, for its supplier to go on from: None when nothing
/// waits, or when the product was saved since (a waiting form is withdrawn by any save, so this
/// is a second guard).
pub async fn pending_form(db: &Db, id: i64) -> Result<Option<ProductForm>, sqlx::Error> {
    let form: Option<String> = sqlx::query_scalar(
        "SELECT s.form_json FROM product_submissions s JOIN products p ON p.id = s.product_id \
         WHERE s.product_id = $1 AND s.status = 'pending' AND s.base_version = p.version",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(form.and_then(|json| serde_json::from_str(&json).ok()))
}

/// Product `id` as its supplier's editor opens it: as stored, or as submitted when an edit of it
/// waits for review (so the supplier goes on from there); None when there is no such product or
/// `scope` does not cover it.
pub async fn editor_product(
    db: &Db,
    scope: Scope,
    id: i64,
) -> Result<Option<EditorProduct>, sqlx::Error> {
    let Some(mut product) = super::product_edit::load(db, scope, id).await? else {
        return Ok(None);
    };
    if let Some(form) = pending_form(db, id).await? {
        product.form = form;
    }
    Ok(Some(product))
}
