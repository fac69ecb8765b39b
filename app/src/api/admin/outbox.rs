//! The outbox: every mail the shop sent (or would send), for operators with the settings
//! permission.

use crate::domain::mail::OutboxMessage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, db::outbox, domain::staff::Permission};

/// The newest mail in the outbox (what was, or would be, sent).
#[server]
pub async fn list_outbox() -> Result<Vec<OutboxMessage>, AppError> {
    let db = use_db()?;
    auth::staff_with(Permission::Settings).await?;
    // Operators read what was sent, never the links' secrets (reset tokens, guests' keys).
    Ok(outbox::recent(&db, 100)
        .await?
        .iter()
        .map(|queued| crate::i18n::mail::rendered(queued, true))
        .collect())
}
