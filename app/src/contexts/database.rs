//! The database handle the server puts into each request's context (server only).

#[cfg(feature = "ssr")]
use crate::{db::Db, error::AppError};

/// The request's database handle; an internal error when the server provided none.
#[cfg(feature = "ssr")]
pub fn use_db() -> Result<Db, AppError> {
    leptos::prelude::use_context::<Db>()
        .ok_or_else(|| AppError::internal("server function", "no Db in context"))
}
