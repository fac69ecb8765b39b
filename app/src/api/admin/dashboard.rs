//! The operator dashboard (the finance permission).

use crate::domain::dashboard::Dashboard;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, contexts::locale::request_locale, domain::staff::Permission};

/// The whole shop's figures for the shop days `from..=to` (`YYYY-MM-DD`; empty: the last 30
/// days) against the period before, with both charts drawn (see `flow::dashboard::figures`). A
/// bad range is refused (`DashboardRange`).
#[server]
pub async fn dashboard_figures(from: String, to: String) -> Result<Dashboard, AppError> {
    let (db, locale) = (use_db()?, request_locale());
    let (_, scope) = auth::goods_scope(Permission::Finance).await?;
    crate::flow::dashboard::figures(&db, scope, locale, &from, &to).await
}
