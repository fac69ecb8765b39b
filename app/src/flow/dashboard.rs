//! The dashboard's figures for a range of shop days: the operator's over the whole shop, a
//! supplier's over its own goods (`Scope`). The same figures, charts and CSV for both.

use crate::db::{dashboard as repo, Db};
use crate::domain::dashboard::{day_label, fill_days, shop_day, totals, Dashboard, DayRange};
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::owner::Scope;
use crate::error::{AppError, Refusal};

/// The figures of `scope`'s sales for the shop days `from..=to` (`YYYY-MM-DD`; empty: the last
/// 30 days) against the period before, both charts drawn as SVG and the days as CSV. Visits (and
/// so conversion) are the whole shop's and are left out of a supplier's. A bad range is refused
/// (`DashboardRange`).
pub async fn figures(
    db: &Db,
    scope: Scope,
    locale: Locale,
    from: &str,
    to: &str,
) -> Result<Dashboard, AppError> {
    let today = shop_day(crate::db::unix_now());
    let range = DayRange::parse(from, to, today).ok_or(Refusal::DashboardRange)?;
    let per_day = async |range| -> Result<_, AppError> {
        let paid = repo::paid_by_day(db, scope, range).await?;
        let visits = match scope {
            Scope::AllOwners => crate::db::visit::by_day(db, range).await?,
            Scope::Only(_) => Vec::new(),
        };
        Ok(fill_days(range, &paid, &visits))
    };
    let days = per_day(range).await?;
    let previous = per_day(range.previous()).await?;
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
            format!("¥{}", Money::from_fen(fen).to_input_string())
        }),
        csv: days_csv(&days)?,
        days,
        top_products: repo::top_products(db, scope, locale, range, 10).await?,
        low_stock_skus: repo::low_stock_skus(db, scope).await?,
        after_sale_waiting: repo::after_sale_waiting(db, scope).await?,
    })
}

/// The per-day figures as CSV, written with the `csv` crate (quoting and line ends as RFC 4180).
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
