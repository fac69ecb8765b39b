//! Suppliers: a signed-in shopper applies to sell on Jishi, operators holding the suppliers
//! permission approve or reject, and an approved supplier reads its own console. Every console
//! function acts on the caller's own goods only (`auth::supplier`'s scope).

use crate::api::admin::products::EditorData;
use crate::domain::catalog::back_office::AdminProductRow;
use crate::domain::catalog::product_edit::{ProductForm, SavedProduct};
use crate::domain::supplier::{Application, ApplyPage, ParcelList, SupplierOverview};
use crate::domain::supplier_rating::SupplierRating;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    api::use_db,
    auth,
    contexts::locale::request_locale,
    db::supplier as repo,
    domain::form::{problem, Field, Problem},
    domain::staff::Permission,
    error::Refusal,
};

/// The application page's data for the signed-in caller; `Unauthorized` for guests.
#[server]
pub async fn supplier_apply_page() -> Result<ApplyPage, AppError> {
    let (db, locale) = (use_db()?, request_locale());
    let caller = auth::caller().await?;
    Ok(ApplyPage {
        supplier: repo::company(&db, caller.user_id).await?,
        latest: repo::latest_application(&db, locale, caller.user_id).await?,
        categories: repo::top_categories(&db, locale).await?,
    })
}

/// Sends the caller's application: a multipart form with `company`, `contact`, `phone`,
/// `licence_number`, `region`, `categories` (a multiple select of top-level category ids) and the
/// `licence` photo (JPEG, PNG or WebP by content, at most 5 MB; kept as one JPEG at most 1,600
/// pixels wide, metadata dropped, never served under /media). Every bad field is refused at once
/// (`Invalid`); `ApplicationPending` while another waits, `AlreadySupplier` after approval.
#[server(input = leptos::server_fn::codec::MultipartFormData)]
pub async fn apply_as_supplier(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<(), AppError> {
    use crate::api::uploads::{read_form, ImageProblems};
    use crate::db::supplier::ApplyError;
    use crate::domain::supplier::{ApplicationForm, LICENCE_MAX_BYTES};
    let db = use_db()?;
    let caller = auth::caller().await?;
    let bad_image = || {
        AppError::Invalid(vec![problem(
            Field::LicenceImage,
            Problem::LicenceImageInvalid,
        )])
    };
    let problems = ImageProblems {
        too_large: bad_image(),
        bad_type: bad_image(),
    };
    let form = read_form(data, "licence", LICENCE_MAX_BYTES, problems).await?;
    let typed = ApplicationForm {
        company: form.text("company"),
        contact: form.text("contact"),
        phone: form.text("phone"),
        licence_number: form.text("licence_number"),
        categories: form
            .text("categories")
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
        region: form.text("region"),
    };
    let mut found = Vec::new();
    let valid = typed.parse().map_err(|p| found.extend(p)).ok();
    if form.image.is_none() {
        found.push(problem(Field::LicenceImage, Problem::LicenceImageInvalid));
    }
    let (Some(valid), Some((_, bytes)), true) = (valid, form.image, found.is_empty()) else {
        return Err(AppError::Invalid(found));
    };
    let jpeg = tokio::task::spawn_blocking(move || crate::images::licence_jpeg(&bytes))
        .await
        .map_err(|e| AppError::internal("licence image", e))?
        .map_err(|_| bad_image())?;
    repo::apply(&db, caller.user_id, &valid, &jpeg)
        .await
        .map(|_| ())
        .map_err(|error| match error {
            ApplyError::Pending => Refusal::ApplicationPending.into(),
            ApplyError::AlreadySupplier => Refusal::AlreadySupplier.into(),
            ApplyError::CategoryInvalid => {
                AppError::Invalid(vec![problem(Field::Categories, Problem::CategoriesInvalid)])
            }
            ApplyError::Db(e) => e.into(),
        })
}

/// Applications for operators (the suppliers permission): every one waiting, oldest first, then
/// the latest decided.
#[server]
pub async fn supplier_applications() -> Result<Vec<Application>, AppError> {
    let (db, locale) = (use_db()?, request_locale());
    auth::staff_with(Permission::Suppliers).await?;
    Ok(repo::applications(&db, locale).await?)
}

/// An application's licence photo as a `data:image/jpeg;base64,…` address, for the applicant
/// and for operators holding the suppliers permission; `NotFound` for anyone else (as for an
/// unknown application, so ids reveal nothing).
#[server]
pub async fn licence_image(application_id: i64) -> Result<String, AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    let (owner, base64) = repo::licence(&db, application_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if owner != caller.user_id && !caller.user.may(Permission::Suppliers) {
        return Err(AppError::NotFound);
    }
    Ok(format!("data:image/jpeg;base64,{base64}"))
}

#[cfg(feature = "ssr")]
fn decided(error: crate::db::supplier::DecideError) -> AppError {
    use crate::db::supplier::DecideError;
    match error {
        DecideError::NotFound => AppError::NotFound,
        DecideError::AlreadyDecided => Refusal::ApplicationDecided.into(),
        DecideError::OwnApplication => AppError::Forbidden,
        DecideError::Db(e) => e.into(),
    }
}

/// Approves a waiting application (the suppliers permission): see `db::supplier::approve`.
/// `ApplicationDecided` when another operator decided first.
#[server]
pub async fn approve_supplier(application_id: i64) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Suppliers).await?;
    repo::approve(&db, &caller.audit_actor(), application_id)
        .await
        .map_err(decided)
}

/// Rejects a waiting application with a reason of 1..=200 characters (refused at "Reason"); the
/// applicant is told in their language and may apply again.
#[server]
pub async fn reject_supplier(application_id: i64, reason: String) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Suppliers).await?;
    let reason =
        crate::domain::supplier::parse_reason(&reason).map_err(|p| AppError::Invalid(vec![p]))?;
    repo::reject(&db, &caller.audit_actor(), application_id, &reason)
        .await
        .map_err(decided)
}

/// Suspends an active supplier (`suspend`), taking its live products out of the shop at once,
/// or reinstates a suspended one, putting them back (the suppliers permission). `NotFound` for an
/// unknown supplier; nothing changes when it already is as asked.
#[server]
pub async fn set_supplier_suspended(user_id: i64, suspend: bool) -> Result<(), AppError> {
    use crate::db::supplier::SuspendError;
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Suppliers).await?;
    match repo::set_suspended(&db, &caller.audit_actor(), user_id, suspend).await {
        Ok(()) | Err(SuspendError::Unchanged) => Ok(()),
        Err(SuspendError::NotFound) => Err(AppError::NotFound),
        Err(SuspendError::Db(e)) => Err(e.into()),
    }
}

/// Every supplier's rating over the last 30 shop days against the 30 before (the suppliers
/// permission): on-time shipping, after-sale rate, rejections in review.
#[server]
pub async fn supplier_ratings() -> Result<Vec<SupplierRating>, AppError> {
    let db = use_db()?;
    auth::staff_with(Permission::Suppliers).await?;
    Ok(crate::db::supplier_rating::ratings(&db, last_30_days(), None).await?)
}

/// The calling supplier's own rating, as operators see it; a suspended supplier still reads it.
#[server]
pub async fn my_rating() -> Result<SupplierRating, AppError> {
    let db = use_db()?;
    let (caller, _, _) = auth::supplier_record().await?;
    crate::db::supplier_rating::ratings(&db, last_30_days(), Some(caller.user_id))
        .await?
        .pop()
        .ok_or(AppError::Forbidden)
}

/// The rating's period: the last 30 shop days, today included.
#[cfg(feature = "ssr")]
fn last_30_days() -> crate::domain::dashboard::DayRange {
    let today = crate::domain::dashboard::shop_day(crate::db::unix_now());
    crate::domain::dashboard::DayRange::parse("", "", today).expect("the default range is valid")
}

/// The console's first page: the supplier's company, whether it is active, product counts and
/// warehouses (its low stock is among `supplier_figures`). A suspended supplier still reads it.
#[server]
pub async fn supplier_dashboard() -> Result<SupplierOverview, AppError> {
    let db = use_db()?;
    let (caller, _, _) = auth::supplier_record().await?;
    repo::overview(&db, caller.user_id)
        .await?
        .ok_or(AppError::Forbidden)
}

/// The supplier's own sales for the shop days `from..=to` (`YYYY-MM-DD`; empty: the last 30
/// days) against the period before: GMV of its goods, orders holding them, average order value,
/// charts, CSV, top products, low stock (see `flow::dashboard::figures`). A suspended supplier
/// still reads them. A bad range is refused (`DashboardRange`).
#[server]
pub async fn supplier_figures(
    from: String,
    to: String,
) -> Result<crate::domain::dashboard::Dashboard, AppError> {
    let (db, locale) = (use_db()?, request_locale());
    let (_, scope, _) = auth::supplier_record().await?;
    crate::flow::dashboard::figures(&db, scope, locale, &from, &to).await
}

/// One page (0-based) of the supplier's own products, newest first; a suspended supplier still
/// reads them.
#[server]
pub async fn supplier_products(page: i64) -> Result<Vec<AdminProductRow>, AppError> {
    let (db, locale) = (use_db()?, request_locale());
    let (_, scope, _) = auth::supplier_record().await?;
    Ok(crate::db::catalog::back_office::products(&db, scope, locale, page).await?)
}

/// Opens the supplier's own product `id` in the editor (a new one when None). A live product
/// with an edit waiting for review opens as submitted, so the supplier goes on from there.
#[server]
pub async fn supplier_product_editor(id: Option<i64>) -> Result<EditorData, AppError> {
    use crate::db::catalog::{category_edit, product_edit, product_review};
    let (db, locale) = (use_db()?, request_locale());
    let (_, scope) = auth::supplier().await?;
    let (product, review) = match id {
        Some(id) => (
            Some(
                product_review::editor_product(&db, scope, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            ),
            product_review::latest_note(&db, id).await?,
        ),
        None => (None, None),
    };
    Ok(EditorData {
        product,
        categories: category_edit::admin_categories(&db).await?,
        vocabulary: product_edit::vocabulary(&db, locale).await?,
        review,
    })
}

/// Saves the supplier's own product: `submit` sends it for review (see
/// `db::catalog::product_review::submit`), else it is kept as a draft, out of the shop
/// (`LiveNeedsReview` for a live product). `unlist` takes the live product out of the shop at
/// once, as approved, whatever the form holds (`NotFound` when it is not live). Suppliers do not
/// schedule: "go live at" is ignored. Refused fields are named as in the operator's editor.
#[server(input = leptos::server_fn::codec::Json)]
pub async fn submit_product(
    form: ProductForm,
    submit: bool,
    #[server(default)] unlist: bool,
) -> Result<SavedProduct, AppError> {
    use crate::api::admin::product_review::review_refusal;
    use crate::db::catalog::product_review;
    let db = use_db()?;
    let (caller, scope) = auth::supplier().await?;
    if unlist {
        let id = form.id.ok_or(AppError::NotFound)?;
        return product_review::unlist(&db, scope, &caller.audit_actor(), id)
            .await
            .map_err(review_refusal);
    }
    let form = ProductForm {
        publish_at: String::new(),
        ..form
    };
    let valid = form.parse().map_err(AppError::Invalid)?;
    crate::api::admin::products::check_uploads(&valid.images).await?;
    let actor = caller.audit_actor();
    if submit {
        product_review::submit(&db, scope, &actor, &form, &valid).await
    } else {
        product_review::save_draft(&db, scope, &actor, &valid).await
    }
    .map_err(review_refusal)
}

/// The supplier's parcels under a console tab (`to-ship`, the default; `to-receive-back`;
/// `done`), with the address only while a parcel waits to ship. A suspended supplier still reads
/// them (operators ship for it meanwhile).
#[server]
pub async fn supplier_orders(tab: Option<String>) -> Result<ParcelList, AppError> {
    use crate::domain::order::shipment::ParcelTab;
    let (db, locale) = (use_db()?, crate::contexts::locale::request_locale());
    let (_, scope, active) = auth::supplier_record().await?;
    let tab = ParcelTab::parse(tab.as_deref().unwrap_or_default());
    let mut parcels =
        crate::db::order::view::owner_parcels(&db, scope.creates_as(), tab, locale).await?;
    if !active {
        for parcel in &mut parcels {
            parcel.can_ship = false;
            parcel.can_handle = false;
        }
    }
    Ok(ParcelList {
        parcels,
        carriers: crate::api::admin::orders::carrier_names()?,
    })
}
