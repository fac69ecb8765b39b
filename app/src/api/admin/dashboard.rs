//! The operator dashboard (the finance permission).

use crate::domain::dashboard::Dashboard;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, contexts::locale::request_locale, domain::staff::Permission};

/// The figures for the shop days `from..=to` (`YYYY-MM-DD`; empty: the last 30 days) against
/// the period before, with both charts drawn. A bad range is refused (`DashboardRange`).
#[server]
pub async fn dashboard_figures(from: String, to: String) -> Result<Dashboard, AppError> {
    use crate::db::dashboard as repo;
    use crate::domain::dashboard::{day_label, fill_days, shop_day, totals, DayRange};
    let (db, locale) = (use_db()?, request_locale());
    let (_, scope) = auth::goods_scope(Permission::Finance).await?;
    let today = shop_day(crate::db::unix_now());
    let range = DayRange::parse(&from, &to, today).ok_or(crate::error::Refusal::DashboardRange)?;
    let figures = async |range| -> Result<_, AppError> {
        let paid = repo::paid_by_day(&db, range).await?;
        let visits = crate::db::visit::by_day(&db, range).await?;
        Ok(fill_days(range, &paid, &visits))
    };
    let days = figures(range).await?;
    let previous = figures(range.previous()).await?;
    let labels: Vec<String> = days.iter().map(|d| d.day.clone()).collect();
    let orders: Vec<i64> = days.iter().map(|d| d.orders).collect();
    let gmv: Vec<i64> = days.iter().map(|d| d.gmv.fen()).collect();
    Ok(Dashboard {
        from: day_label(range.first),
        to: day_label(range.last),
        current: totals(&days),
        previous: totals(&previous),
        orders_chart: crate::charts::bar_chart(&labels, &orders, &|v| v.to_string()),
        gmv_chart: crate::charts::bar_chart(&labels, &gmv, &|fen| {
            format!(
                "¥{}",
                crate::domain::money::Money::from_fen(fen).to_input_string()
            )
        }),
        csv: days_csv(&days)?,
        days,
        top_products: repo::top_products(&db, locale, range, 10).await?,
        low_stock_skus: repo::low_stock_skus(&db, scope).await?,
        after_sale_waiting: repo::after_sale_waiting(&db).await?,
    })
}

/// The per-day figures as CSV, written with the `csv` crate (quoting and line ends as RFC 4180).
#[cfg(feature = "ssr")]
fn days_csv(days: &[crate::domain::dashboard::DayFigure]) -> Result<String, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| AppError::internal("writing the dashboard CSV", e);
    out.write_record([
        "day",
        "orders",
        "gmv_fen",
        "gmv_yuan",
        "visits",
        "ordering_visits",
    ])
    .map_err(failed)?;
    for day in days {
        out.write_record([
            day.day.clone(),
            day.orders.to_string(),
            day.gmv.fen().to_string(),
            day.gmv.to_decimal_string(),
            day.visits.to_string(),
            day.ordering_visits.to_string(),
        ])
        .map_err(failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::internal("writing the dashboard CSV", e))?;
    String::from_utf8(bytes).map_err(|e| AppError::internal("writing the dashboard CSV", e))
}
