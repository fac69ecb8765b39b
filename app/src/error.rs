//! The one error type every server function returns. Internal failures are logged on the server
//! and reach the shopper only as `Internal`, shown as a friendly translated message.

use crate::domain::account::FieldProblem;
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
    /// Form fields that were refused, each with the reason; the page shows them beside the form.
    #[error("invalid fields: {0:?}")]
    Invalid(Vec<FieldProblem>),
    /// Not signed in (or the session ended).
    #[error("not signed in")]
    Unauthorized,
    /// Signed in, but this is not theirs to see or do.
    #[error("forbidden")]
    Forbidden,
    /// Email and password do not match an account.
    #[error("wrong email or password")]
    BadCredentials,
    /// Too many attempts; try again after this many seconds.
    #[error("rate limited")]
    RateLimited(i64),
    /// The request came from another site (or a form we did not serve).
    #[error("cross-site request refused")]
    CrossSite,
    /// The order (or request) is not in a state that allows this; the page should reload.
    #[error("not allowed in the current state")]
    Conflict,
    /// The account has orders still on their way or in after-sale, so it cannot be deleted yet.
    #[error("orders still open")]
    OrdersOpen,
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
            AppError::InvalidInput(_) | AppError::Invalid(_) => {
                http::StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Unauthorized | AppError::BadCredentials => http::StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::CrossSite => http::StatusCode::FORBIDDEN,
            AppError::RateLimited(_) => http::StatusCode::TOO_MANY_REQUESTS,
            AppError::Conflict | AppError::OrdersOpen => http::StatusCode::CONFLICT,
            AppError::Internal => http::StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Transport(_) => http::StatusCode::BAD_GATEWAY,
        }
    }

    /// What the shopper reads.
    pub fn user_message(&self, texts: &Texts) -> String {
        match self {
            AppError::NotFound => texts.not_found_body.to_string(),
            AppError::InvalidInput(message) => message.clone(),
            AppError::Invalid(problems) => {
                let account = texts.accounts;
                problems
                    .iter()
                    .map(|p| crate::i18n::account::problem_text(account, p.problem))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            AppError::Unauthorized => texts.accounts.sign_in_required.to_string(),
            AppError::Forbidden => texts.accounts.forbidden.to_string(),
            AppError::BadCredentials => texts.accounts.bad_credentials.to_string(),
            AppError::RateLimited(seconds) => {
                crate::i18n::fill(texts.accounts.rate_limited, (seconds + 59) / 60)
            }
            AppError::CrossSite => texts.accounts.cross_site.to_string(),
            AppError::Conflict => texts.orders.conflict.to_string(),
            AppError::OrdersOpen => texts.accounts.orders_open.to_string(),
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

#[cfg(feature = "ssr")]
impl From<crate::db::order::lifecycle::MoveError> for AppError {
    fn from(error: crate::db::order::lifecycle::MoveError) -> Self {
        use crate::db::order::lifecycle::MoveError;
        match error {
            MoveError::NotFound => AppError::NotFound,
            MoveError::Illegal(_) | MoveError::NotAllowed => AppError::Conflict,
            MoveError::Db(error) => error.into(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::order_flow::PayError> for AppError {
    fn from(error: crate::order_flow::PayError) -> Self {
        use crate::order_flow::PayError;
        match error {
            PayError::NotPayable(_) => AppError::Conflict,
            PayError::Provider(error) => AppError::internal("payment provider", error),
            PayError::Db(error) => error.into(),
        }
    }
}
