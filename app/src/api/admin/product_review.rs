//! The review queue (the review permission): suppliers' submissions, approved or rejected with a
//! reason. The rules are in `domain::catalog::product_review`.

use crate::domain::catalog::product_review::ReviewItem;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    api::use_db, auth, contexts::locale::request_locale, db::catalog::product_review as repo,
    domain::staff::Permission,
};

/// A refused submission or decision as the caller is told it.
#[cfg(feature = "ssr")]
pub(crate) fn review_refusal(error: repo::ReviewError) -> AppError {
    use crate::db::catalog::product_edit::ProductError;
    use crate::error::Refusal;
    match error {
        repo::ReviewError::Product(ProductError::NotFound) | repo::ReviewError::NotFound => {
            AppError::NotFound
        }
        repo::ReviewError::Product(ProductError::Conflict) => Refusal::ProductChanged.into(),
        repo::ReviewError::Product(ProductError::Invalid(problem)) => {
            AppError::Invalid(vec![problem])
        }
        repo::ReviewError::Product(ProductError::Db(e)) => e.into(),
        repo::ReviewError::Product(ProductError::OwnerSuspended) => {
            Refusal::SupplierSuspended.into()
        }
        repo::ReviewError::AlreadyDecided => Refusal::ReviewDecided.into(),
        repo::ReviewError::Live => Refusal::LiveNeedsReview.into(),
        repo::ReviewError::Suspended => Refusal::SupplierSuspended.into(),
    }
}

/// Submissions waiting for review, oldest first, each with its changes field by field.
#[server]
pub async fn review_queue() -> Result<Vec<ReviewItem>, AppError> {
    let (db, locale) = (use_db()?, request_locale());
    let (_, scope) = auth::goods_scope(Permission::Review).await?;
    Ok(repo::queue(&db, scope, locale).await?)
}

/// Approves a submission: the product goes live as submitted. `ReviewDecided` when someone
/// decided first, `ProductChanged` when the product was saved since, `SupplierSuspended` while
/// its supplier is.
#[server]
pub async fn approve_submission(submission_id: i64) -> Result<(), AppError> {
    let db = use_db()?;
    let (caller, _) = auth::goods_scope(Permission::Review).await?;
    repo::approve(&db, &caller.audit_actor(), submission_id)
        .await
        .map(|_| ())
        .map_err(review_refusal)
}

/// Rejects a submission with a reason of 1..=200 characters (refused at "Reason"); the supplier
/// sees it in its editor.
#[server]
pub async fn reject_submission(submission_id: i64, reason: String) -> Result<(), AppError> {
    let db = use_db()?;
    let (caller, _) = auth::goods_scope(Permission::Review).await?;
    let reason =
        crate::domain::supplier::parse_reason(&reason).map_err(|p| AppError::Invalid(vec![p]))?;
    repo::reject(&db, &caller.audit_actor(), submission_id, &reason)
        .await
        .map_err(review_refusal)
}
