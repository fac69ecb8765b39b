//! Operators' tools. Every function here requires the operator role.

use crate::domain::member::OutboxMessage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, db::outbox, domain::account::Role};

/// The newest mail in the outbox (what was, or would be, sent).
#[server]
pub async fn list_outbox() -> Result<Vec<OutboxMessage>, AppError> {
    let db = use_db()?;
    auth::caller_with(Role::Operator).await?;
    Ok(outbox::recent(&db, 100).await?)
}
