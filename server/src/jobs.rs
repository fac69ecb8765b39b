//! Background work. Each job is safe when several server instances run it at once: they claim
//! rows with guarded updates, so work is done once.

pub mod mail;
pub mod sandbox_callbacks;

use crate::AppState;
use app::db::order::lifecycle;
use app::db::{order, rate_limit, session_store::DbSessionStore, Db};
use std::sync::Arc;
use std::time::Duration;

/// Starts the periodic jobs on the runtime; they stop with the process.
pub fn spawn(state: &AppState, mailer: Arc<dyn mail::Mailer>) {
    let db = state.db.clone();
    let sandbox = state.sandbox.clone();
    // The sandbox's callbacks run only where the sandbox takes payments.
    let sandbox_on = state.config.sandbox_payments;
    tokio::spawn(async move {
        if !sandbox_on {
            return;
        }
        let client = sandbox_callbacks::http_client();
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            if let Err(error) = sandbox_callbacks::deliver_due(&sandbox, &client).await {
                tracing::error!(%error, "sandbox callback delivery failed");
            }
        }
    });
    let (tracking_db, carriers, complete_after) = (
        db.clone(),
        state.carriers.clone(),
        state.config.orders.complete_after_seconds,
    );
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(15));
        loop {
            tick.tick().await;
            track_parcels(&tracking_db, &carriers, complete_after).await;
            match lifecycle::complete_due(&tracking_db).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(completed = n, "delivered orders completed"),
                Err(error) => tracing::error!(%error, "auto-completion failed"),
            }
        }
    });
    let flash_db = db.clone();
    tokio::spawn(async move {
        // A flash sale's stock left goes back to normal sale within seconds of its end.
        let mut tick = tokio::time::interval(Duration::from_secs(5));
        loop {
            tick.tick().await;
            let now = app::db::unix_now();
            match app::db::promotion::flash_sale::return_ended(&flash_db, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(slots = n, "ended flash sales' stock returned"),
                Err(error) => tracing::error!(%error, "returning flash stock failed"),
            }
        }
    });
    let points_db = db.clone();
    tokio::spawn(async move {
        // Points expire at the end of the year after they were earned; an hour late at most.
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            match app::db::account::expire_points(&points_db, app::db::unix_now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(members = n, "unspent points expired"),
                Err(error) => tracing::error!(%error, "expiring points failed"),
            }
        }
    });
    let rewards_db = db.clone();
    tokio::spawn(async move {
        // Level-up coupons within a minute of the payment that raised the level; birthday
        // coupons on the day (each run finds those not given yet).
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            let now = app::db::unix_now();
            let given = async {
                Ok::<_, sqlx::Error>(
                    app::db::promotion::grant_level_up_coupons(&rewards_db, now - 3600, now)
                        .await?
                        + app::db::promotion::grant_birthday_coupons(&rewards_db, now).await?,
                )
            };
            match given.await {
                Ok(0) => {}
                Ok(n) => tracing::info!(copies = n, "reward coupons given"),
                Err(error) => tracing::error!(%error, "giving reward coupons failed"),
            }
        }
    });
    let outbox_db = db.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(5));
        loop {
            tick.tick().await;
            if let Err(error) = mail::deliver_pending(&outbox_db, mailer.as_ref(), 60).await {
                tracing::error!(%error, "outbox delivery failed");
            }
        }
    });
    let (refunds_db, payments) = (db.clone(), state.payments.clone());
    tokio::spawn(async move {
        // Refunds a provider refused or could not take are sent again, never forgotten.
        let mut tick = tokio::time::interval(Duration::from_secs(300));
        loop {
            tick.tick().await;
            match app::flow::order::retry_failed_refunds(&refunds_db, &payments).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(orders = n, "failed refunds sent again"),
                Err(error) => tracing::error!(%error, "refund retry failed"),
            }
        }
    });
    let facets_db = db.clone();
    tokio::spawn(async move {
        // Category pages read the folded facet counts plus the changes since: folding often keeps
        // those few.
        let mut tick = tokio::time::interval(Duration::from_secs(5));
        loop {
            tick.tick().await;
            if let Err(error) = app::db::catalog::facet_counts::fold_changes(&facets_db).await {
                tracing::error!(%error, "folding facet count changes failed");
            }
        }
    });
    let catalog_db = db.clone();
    tokio::spawn(async move {
        // Scheduled listings go live within half a minute of their time.
        let scheduler = app::domain::audit::AuditActor {
            user_id: 0,
            email: "scheduler".into(),
        };
        let mut tick = tokio::time::interval(Duration::from_secs(30));
        loop {
            tick.tick().await;
            let now = app::db::unix_now();
            match app::db::catalog::product_revisions::publish_due(&catalog_db, &scheduler, now)
                .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(published = n, "scheduled products went live"),
                Err(error) => tracing::error!(%error, "scheduled listing failed"),
            }
        }
    });
    let orders_db = db.clone();
    tokio::spawn(async move {
        // Unpaid orders past their payment window give their stock back.
        let mut tick = tokio::time::interval(Duration::from_secs(30));
        loop {
            tick.tick().await;
            match order::expire_unpaid(&orders_db).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(cancelled = n, "unpaid orders expired; stock released"),
                Err(error) => tracing::error!(%error, "order expiry failed"),
            }
        }
    });
    tokio::spawn(async move {
        let sessions = DbSessionStore::new(db.clone());
        // Every minute: a day's visit salt goes within a minute of the day's end (see
        // `app::flow::visit`), even when nobody visits then.
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        let mut minutes = 0u64;
        loop {
            tick.tick().await;
            let today = app::domain::dashboard::shop_day(app::db::unix_now());
            if let Err(error) = app::db::visit::forget_salts_before(&db, today).await {
                tracing::error!(%error, "deleting old visit salts failed");
            }
            minutes += 1;
            if minutes % 10 != 1 {
                continue;
            }
            match sessions.delete_expired().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(removed = n, "expired sessions removed"),
                Err(error) => tracing::error!(%error, "session clean-up failed"),
            }
            if let Err(error) = rate_limit::delete_stale(&db, 86_400).await {
                tracing::error!(%error, "rate-limit clean-up failed");
            }
        }
    });
}

/// Asks each parcel's carrier what happened; a delivered parcel moves its order on.
async fn track_parcels(db: &Db, carriers: &app::carrier::Carriers, complete_after: i64) {
    let parcels = match lifecycle::parcels_in_transit(db, 500).await {
        Ok(parcels) => parcels,
        Err(error) => return tracing::error!(%error, "tracking: listing parcels failed"),
    };
    for parcel in parcels {
        let Some(carrier) = carriers.find(&parcel.carrier) else {
            continue;
        };
        match carrier.track(&parcel).await {
            Ok(events) => {
                if let Err(error) =
                    lifecycle::record_tracking(db, &parcel, &events, complete_after).await
                {
                    tracing::error!(%error, order_id = parcel.order_id, "tracking: not recorded");
                }
            }
            Err(error) => tracing::warn!(%error, order_id = parcel.order_id, "tracking failed"),
        }
    }
}
