//! Staff and their permissions (the users permission).

// A checkbox per permission, posted by name: more arguments than clippy likes, on both the
// server function and the browser's stub the macro writes.
#![allow(clippy::too_many_arguments)]

use crate::domain::staff::StaffMember;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, db::staff as repo, domain::staff::Permission};

/// Every operator with what they may do.
#[server]
pub async fn list_staff() -> Result<Vec<StaffMember>, AppError> {
    let db = use_db()?;
    auth::staff_with(Permission::Users).await?;
    Ok(repo::staff(&db).await?)
}

/// Gives the account with `email` exactly the ticked permissions (a checkbox per permission,
/// named by its stored name, e.g. `catalog=on`). None ticked takes them off the staff; an
/// account that is not staff yet becomes an operator. Refused (`LastUserManager`) when nobody
/// could grant permissions afterwards.
#[server]
pub async fn set_staff_permissions(
    email: String,
    catalog: Option<String>,
    review: Option<String>,
    orders: Option<String>,
    suppliers: Option<String>,
    users: Option<String>,
    finance: Option<String>,
    settings: Option<String>,
    #[server(default)] marketing: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::account::{Email, Field, FieldProblem, Problem};
    use crate::error::Refusal;
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Users).await?;
    let no_account = || {
        AppError::Invalid(vec![FieldProblem {
            field: Field::Email,
            problem: Problem::NoSuchAccount,
        }])
    };
    let email = Email::parse(&email).map_err(|p| AppError::Invalid(vec![p]))?;
    let user_id = crate::db::account::user_id_by_email(&db, email.as_str())
        .await?
        .ok_or_else(no_account)?;
    let ticked = [
        (Permission::Catalog, catalog),
        (Permission::Review, review),
        (Permission::Orders, orders),
        (Permission::Suppliers, suppliers),
        (Permission::Users, users),
        (Permission::Finance, finance),
        (Permission::Settings, settings),
        (Permission::Marketing, marketing),
    ];
    let permissions: Vec<Permission> = ticked
        .into_iter()
        .filter(|(_, value)| {
            value
                .as_deref()
                .is_some_and(|v| !v.is_empty() && v != "off")
        })
        .map(|(p, _)| p)
        .collect();
    match repo::set_permissions(&db, &caller.audit_actor(), user_id, &permissions).await {
        Ok(()) => {
            tracing::info!(
                operator = caller.user_id,
                user_id,
                ?permissions,
                "staff permissions set"
            );
            Ok(())
        }
        Err(repo::StaffError::NoSuchAccount) => Err(no_account()),
        Err(repo::StaffError::Refused(_)) => Err(Refusal::LastUserManager.into()),
        Err(repo::StaffError::Db(e)) => Err(e.into()),
    }
}
