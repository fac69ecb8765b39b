//! The one error type every server function returns. Internal failures are logged on the server
//! and reach the shopper only as `Internal`, shown as a friendly translated message.

use crate::i18n::Texts;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// Details were logged where they happened; never sent to the browser.
    #[error("internal error")]
    Internal,
    /// The request never reached our code or its answer could not be read (network, encoding).
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    pub fn status_code(&self) -> http::StatusCode {
        match self {
            AppError::NotFound => http::StatusCode::NOT_FOUND,
            AppError::InvalidInput(_) => http::StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal => http::StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Transport(_) => http::StatusCode::BAD_GATEWAY,
        }
    }

    /// What the shopper reads.
    pub fn user_message(&self, texts: &Texts) -> String {
        match self {
            AppError::NotFound => texts.not_found_body.to_string(),
            AppError::InvalidInput(message) => message.clone(),
            AppError::Internal | AppError::Transport(_) => texts.error_body.to_string(),
        }
    }

    /// Logs an unexpected failure with its cause and returns the opaque `Internal`.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> AppError {
        tracing::error!(%cause, "{context}");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            other => AppError::internal("database error", other),
        }
    }
}
