//! The points ledger. Earning and spending rules arrive with orders and promotions.

use crate::domain::account::PointsPage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, db::account as repo};

#[server]
pub async fn get_points() -> Result<PointsPage, AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    Ok(repo::points(&db, caller.user_id).await?)
}
