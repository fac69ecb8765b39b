//! Supplier applications and suppliers (`supplier_applications`, `suppliers`). The rules are in
//! [`crate::domain::supplier`]; approving makes the applicant an owner of goods
//! ([`crate::domain::owner::Owner::Supplier`]) with the supplier role and a first warehouse.

use super::catalog::lang;
use super::{audit, is_unique_violation, unix_now, Db};
use crate::domain::account::Role;
use crate::domain::audit::{Action, AuditActor, ObjectKind};
use crate::domain::locale::Locale;
use crate::domain::mail::Mail;
use crate::domain::owner::{Owner, Scope};
use crate::domain::supplier::{Application, ApplicationStatus, SupplierOverview, ValidApplication};
use sqlx::{Any, Transaction};

/// Why an application was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("an application is waiting for review")]
    Pending,
    #[error("already a supplier")]
    AlreadySupplier,
    /// A category that does not exist, is hidden or is not at the top of the tree.
    #[error("category invalid")]
    CategoryInvalid,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Why a decision was not taken.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    #[error("no such application")]
    NotFound,
    /// Another operator decided first.
    #[error("already decided")]
    AlreadyDecided,
    /// Nobody decides on their own application.
    #[error("own application")]
    OwnApplication,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The top-level categories shown to shoppers, as (id, name in `locale`), in the shop's order:
/// what an applicant may choose to sell in.
pub async fn top_categories(db: &Db, locale: Locale) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT id, name_{} FROM categories WHERE parent_id IS NULL AND hidden = 0 \
         ORDER BY position, id",
        lang(locale)
    ))
    .fetch_all(db.pool())
    .await
}

/// Stores `user_id`'s application with its licence photo (JPEG bytes, already re-encoded).
/// Refused while another of theirs waits (`Pending`, also when two arrive at once: the unique
/// index decides) or once they are a supplier.
pub async fn apply(
    db: &Db,
    user_id: i64,
    application: &ValidApplication,
    licence_jpeg: &[u8],
) -> Result<i64, ApplyError> {
    use base64::Engine;
    let mut tx = db.writer().begin().await?;
    let supplier: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM suppliers WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    if supplier.is_some() {
        return Err(ApplyError::AlreadySupplier);
    }
    let known: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM categories WHERE parent_id IS NULL AND hidden = 0")
            .fetch_all(&mut *tx)
            .await?;
    if !application.categories.iter().all(|c| known.contains(c)) {
        return Err(ApplyError::CategoryInvalid);
    }
    let categories: Vec<String> = application.categories.iter().map(i64::to_string).collect();
    let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
        "INSERT INTO supplier_applications (user_id, company, contact, phone, licence_number, \
         licence_jpeg_base64, categories, region, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9) RETURNING id",
    )
    .bind(user_id)
    .bind(&application.company)
    .bind(&application.contact)
    .bind(&application.phone)
    .bind(&application.licence_number)
    .bind(base64::engine::general_purpose::STANDARD.encode(licence_jpeg))
    .bind(categories.join(","))
    .bind(application.region)
    .bind(unix_now())
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => return Err(ApplyError::Pending),
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct ApplicationRow {
    id: i64,
    user_id: i64,
    email: Option<String>,
    company: String,
    contact: String,
    phone: String,
    licence_number: String,
    categories: String,
    region: String,
    status: String,
    reason: String,
    created_at: i64,
}

const APPLICATION_COLUMNS: &str = "a.id, a.user_id, u.email, a.company, a.contact, a.phone, \
     a.licence_number, a.categories, a.region, a.status, a.reason, a.created_at \
     FROM supplier_applications a JOIN users u ON u.id = a.user_id";

async fn named(
    db: &Db,
    locale: Locale,
    rows: Vec<ApplicationRow>,
) -> Result<Vec<Application>, sqlx::Error> {
    let names: Vec<(i64, String)> =
        sqlx::query_as(&format!("SELECT id, name_{} FROM categories", lang(locale)))
            .fetch_all(db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| Application {
            id: r.id,
            user_id: r.user_id,
            email: r.email.unwrap_or_default(),
            company: r.company,
            contact: r.contact,
            phone: r.phone,
            licence_number: r.licence_number,
            categories: r
                .categories
                .split(',')
                .filter_map(|c| c.parse::<i64>().ok())
                .filter_map(|id| names.iter().find(|(n, _)| *n == id))
                .map(|(_, name)| name.clone())
                .collect(),
            region: r.region,
            // Written only by this module.
            status: ApplicationStatus::parse(&r.status).unwrap_or(ApplicationStatus::Pending),
            reason: r.reason,
            created_at: r.created_at,
        })
        .collect())
}

/// `user_id`'s latest application, categories named in `locale`.
pub async fn latest_application(
    db: &Db,
    locale: Locale,
    user_id: i64,
) -> Result<Option<Application>, sqlx::Error> {
    let rows: Vec<ApplicationRow> = sqlx::query_as(&format!(
        "SELECT {APPLICATION_COLUMNS} WHERE a.user_id = $1 ORDER BY a.id DESC LIMIT 1"
    ))
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(named(db, locale, rows).await?.pop())
}

/// Applications for operators: every one waiting (oldest first), then the 50 latest decided.
pub async fn applications(db: &Db, locale: Locale) -> Result<Vec<Application>, sqlx::Error> {
    let mut rows: Vec<ApplicationRow> = sqlx::query_as(&format!(
        "SELECT {APPLICATION_COLUMNS} WHERE a.status = 'pending' ORDER BY a.id"
    ))
    .fetch_all(db.pool())
    .await?;
    let decided: Vec<ApplicationRow> = sqlx::query_as(&format!(
        "SELECT {APPLICATION_COLUMNS} WHERE a.status <> 'pending' ORDER BY a.id DESC LIMIT 50"
    ))
    .fetch_all(db.pool())
    .await?;
    rows.extend(decided);
    named(db, locale, rows).await
}

/// An application's licence photo as (applicant's user id, JPEG in base64); None for an unknown
/// application. The caller checks who may see it.
pub async fn licence(db: &Db, application_id: i64) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT user_id, licence_jpeg_base64 FROM supplier_applications WHERE id = $1")
        .bind(application_id)
        .fetch_optional(db.pool())
        .await
}

#[derive(sqlx::FromRow)]
struct Decided {
    user_id: i64,
    company: String,
    region: String,
}

/// Marks a waiting application `status`, or says why not.
async fn decide(
    tx: &mut Transaction<'_, Any>,
    actor: &AuditActor,
    id: i64,
    status: ApplicationStatus,
    reason: &str,
) -> Result<Decided, DecideError> {
    // Nobody decides on their own application, nor on one of an account deleted since.
    let applicant: Option<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT a.user_id, u.deleted_at FROM supplier_applications a \
         JOIN users u ON u.id = a.user_id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    match applicant {
        None | Some((_, Some(_))) => return Err(DecideError::NotFound),
        Some((user_id, None)) if user_id == actor.user_id => {
            return Err(DecideError::OwnApplication)
        }
        Some(_) => {}
    }
    let decided: Option<Decided> = sqlx::query_as(
        "UPDATE supplier_applications SET status = $1, reason = $2, decided_at = $3, \
         decided_by = $4 WHERE id = $5 AND status = 'pending' \
         RETURNING user_id, company, region",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(unix_now())
    .bind(actor.user_id)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(decided) = decided {
        return Ok(decided);
    }
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM supplier_applications WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    Err(match exists {
        Some(_) => DecideError::AlreadyDecided,
        None => DecideError::NotFound,
    })
}

/// The address and language `user_id` is written to (None for a deleted account).
pub(crate) async fn applicant(
    tx: &mut Transaction<'_, Any>,
    user_id: i64,
) -> Result<Option<(String, Locale)>, sqlx::Error> {
    let row: Option<(Option<String>, String)> =
        sqlx::query_as("SELECT email, preferred_locale FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.and_then(|(email, locale)| {
        email.map(|e| (e, Locale::from_tag(&locale).unwrap_or(Locale::ZhHant)))
    }))
}

/// Approves application `id`: the applicant gets the supplier role, a supplier record and a
/// first warehouse in the region it ships from (named after the company), and is told by mail
/// in their language; audited. One transaction: two operators deciding at once, one wins.
pub async fn approve(db: &Db, actor: &AuditActor, id: i64) -> Result<(), DecideError> {
    let mut tx = db.writer().begin().await?;
    let decided = decide(&mut tx, actor, id, ApplicationStatus::Approved, "").await?;
    let now = unix_now();
    sqlx::query(
        "INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, role) DO NOTHING",
    )
    .bind(decided.user_id)
    .bind(Role::Supplier.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO suppliers (user_id, company, status, application_id, approved_at) \
         VALUES ($1, $2, 'active', $3, $4) \
         ON CONFLICT (user_id) DO UPDATE SET company = excluded.company, status = 'active', \
         application_id = excluded.application_id, approved_at = excluded.approved_at",
    )
    .bind(decided.user_id)
    .bind(&decided.company)
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let has_warehouse: Option<i64> =
        sqlx::query_scalar("SELECT id FROM warehouses WHERE owner_id = $1 LIMIT 1")
            .bind(decided.user_id)
            .fetch_optional(&mut *tx)
            .await?;
    if has_warehouse.is_none() {
        // Warehouse names are unique across owners: when the company's name is taken (also by
        // an approval committing at the same moment), the supplier's id makes it unique.
        for name in [
            decided.company.clone(),
            format!("{} · {}", decided.company, decided.user_id),
        ] {
            let made: Option<i64> = sqlx::query_scalar(
                "INSERT INTO warehouses (name, region, serves, owner_id, created_at) \
                 VALUES ($1, $2, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING id",
            )
            .bind(&name)
            .bind(&decided.region)
            .bind(decided.user_id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if made.is_some() {
                break;
            }
        }
    }
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Supplier,
        &decided.user_id.to_string(),
        Action::Create,
        Some(&serde_json::json!({ "application": id, "status": "pending" })),
        Some(
            &serde_json::json!({ "application": id, "status": "approved",
            "company": decided.company }),
        ),
    )
    .await?;
    if let Some((email, locale)) = applicant(&mut tx, decided.user_id).await? {
        let mail = Mail::SupplierApproved {
            company: decided.company.clone(),
        };
        crate::db::outbox::enqueue(&mut *tx, &email, locale, &mail).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Rejects application `id` with `reason` (already checked), tells the applicant by mail in
/// their language, audited. The applicant may apply again.
pub async fn reject(db: &Db, actor: &AuditActor, id: i64, reason: &str) -> Result<(), DecideError> {
    let mut tx = db.writer().begin().await?;
    let decided = decide(&mut tx, actor, id, ApplicationStatus::Rejected, reason).await?;
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Supplier,
        &decided.user_id.to_string(),
        Action::Update,
        Some(&serde_json::json!({ "application": id, "status": "pending" })),
        Some(&serde_json::json!({ "application": id, "status": "rejected", "reason": reason })),
    )
    .await?;
    if let Some((email, locale)) = applicant(&mut tx, decided.user_id).await? {
        let mail = Mail::SupplierRejected {
            company: decided.company.clone(),
            reason: reason.to_owned(),
        };
        crate::db::outbox::enqueue(&mut *tx, &email, locale, &mail).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The company of supplier `user_id`, suspended or not; None when it was never approved.
pub async fn company(db: &Db, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT company FROM suppliers WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(db.pool())
        .await
}

/// Whether `user_id` is an active supplier (Some(true)), a suspended one (Some(false)), or was
/// never approved (None).
pub async fn status(db: &Db, user_id: i64) -> Result<Option<bool>, sqlx::Error> {
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM suppliers WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(status.map(|s| s == "active"))
}

/// Why a suspension or reinstatement was not made.
#[derive(Debug, thiserror::Error)]
pub enum SuspendError {
    /// No supplier record: never approved (an account given the role by hand has none).
    #[error("no such supplier")]
    NotFound,
    /// It is suspended already (suspending), or active (reinstating).
    #[error("nothing to change")]
    Unchanged,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Suspends supplier `user_id` (`suspend`) or reinstates it. Suspending takes its live products
/// out of the shop in the same transaction (status `suspended`, out of search and listings, carts
/// and checkout refuse them); reinstating puts exactly those back. Its orders stay as they are.
/// Audited as `actor`. `NotFound` without a supplier record; `Unchanged` when it already is as
/// asked.
pub async fn set_suspended(
    db: &Db,
    actor: &AuditActor,
    user_id: i64,
    suspend: bool,
) -> Result<(), SuspendError> {
    let (from, to) = if suspend {
        ("active", "suspended")
    } else {
        ("suspended", "active")
    };
    let mut tx = db.writer().begin().await?;
    let known: Option<String> =
        sqlx::query_scalar("SELECT status FROM suppliers WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(known) = known else {
        return Err(SuspendError::NotFound);
    };
    let updated =
        sqlx::query("UPDATE suppliers SET status = $1 WHERE user_id = $2 AND status = $3")
            .bind(to)
            .bind(user_id)
            .bind(from)
            .execute(&mut *tx)
            .await?;
    if updated.rows_affected() == 0 {
        return Err(SuspendError::Unchanged);
    }
    // Product statuses mirror the supplier's: live ↔ suspended.
    let moved: Vec<i64> = sqlx::query_scalar(
        "UPDATE products SET status = $1 WHERE owner_id = $2 AND status = $3 RETURNING id",
    )
    .bind(to)
    .bind(user_id)
    .bind(from)
    .fetch_all(&mut *tx)
    .await?;
    for id in &moved {
        crate::db::search::index_product(&mut tx, db.backend(), *id).await?;
    }
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Supplier,
        &user_id.to_string(),
        Action::Update,
        Some(&serde_json::json!({ "status": known })),
        Some(&serde_json::json!({ "status": to, "products": moved.len() })),
    )
    .await?;
    tx.commit().await?;
    db.catalog_changed();
    Ok(())
}

/// The console's first page for supplier `user_id` (see [`SupplierOverview`]), suspended or not;
/// None when it was never approved.
pub async fn overview(db: &Db, user_id: i64) -> Result<Option<SupplierOverview>, sqlx::Error> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT company, status FROM suppliers WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(db.pool())
            .await?;
    let Some((company, status)) = row else {
        return Ok(None);
    };
    let scope = Scope::Only(Owner::Supplier(user_id));
    let (products, live_products): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN status = 'active' THEN 1 ELSE 0 END), 0) \
         AS BIGINT) FROM products WHERE owner_id = $1",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    Ok(Some(SupplierOverview {
        company,
        active: status == "active",
        products,
        live_products,
        warehouses: crate::db::stock::warehouses(db, scope).await?,
    }))
}
