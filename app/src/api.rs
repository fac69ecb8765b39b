//! Server functions: the browser's door into the server. Each one is thin: who may call,
//! one repository call, map the error.

pub mod catalog;

#[cfg(feature = "ssr")]
use crate::{db::Db, error::AppError};

/// The database handle the server put into the request's context.
#[cfg(feature = "ssr")]
pub fn use_db() -> Result<Db, AppError> {
    leptos::prelude::use_context::<Db>()
        .ok_or_else(|| AppError::internal("server function", "no Db in context"))
}
