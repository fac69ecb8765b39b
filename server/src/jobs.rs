//! Background work. Each job is safe when several server instances run it at once: they claim
//! rows with guarded updates, so work is done once.

pub mod mail;

use app::db::{order, rate_limit, session_store::DbSessionStore, Db};
use std::sync::Arc;
use std::time::Duration;

/// Starts the periodic jobs on the runtime; they stop with the process.
pub fn spawn(db: Db, mailer: Arc<dyn mail::Mailer>) {
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
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
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
