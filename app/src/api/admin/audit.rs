//! Reading the audit log (the users permission: it shows what every operator did).

use crate::domain::audit::AuditEntry;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, domain::staff::Permission};

/// One page of the log, newest first. `kind` is an object kind's stored name (empty: any),
/// `object_id` an object's id (empty: any), `person` an operator's email (empty: anyone);
/// `before_id` continues below that entry.
#[server]
pub async fn audit_log(
    kind: String,
    object_id: String,
    person: String,
    before_id: Option<i64>,
) -> Result<Vec<AuditEntry>, AppError> {
    use crate::domain::audit::{AuditFilter, ObjectKind};
    let db = use_db()?;
    auth::staff_with(Permission::Users).await?;
    let filter = AuditFilter {
        object_kind: ObjectKind::parse(kind.trim()),
        object_id: Some(object_id.trim().to_string()).filter(|id| !id.is_empty()),
        actor_email: Some(person.trim().to_string()).filter(|p| !p.is_empty()),
        before_id,
    };
    Ok(crate::db::audit::list(&db, &filter).await?)
}
