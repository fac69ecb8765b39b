//! Server functions: the browser's door into the server. Each one is thin: who may call,
//! one repository call, map the error.
//!
//! Read every context (`use_db`, the locale, the session) before the first `.await`: when a page
//! renders on the server, a resource's future can be polled after the context is out of reach.

pub mod account;
pub mod admin;
pub mod cart;
pub mod catalog;
pub mod order;
pub mod promotion;
pub mod supplier;
#[cfg(feature = "ssr")]
pub mod uploads;

#[cfg(feature = "ssr")]
use crate::error::{AppError, Refusal};

#[cfg(feature = "ssr")]
pub use crate::contexts::database::use_db;

/// Where uploaded files (avatars) are written; served under /media.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct MediaDir(pub std::path::PathBuf);

/// Sends a plain HTML form post (no JavaScript) on to `path` with a 302. Pages running with
/// JavaScript get the server function's answer instead and move on themselves, after updating
/// what they show (for example who is signed in). The path is moved into the language of the
/// page the form was on.
#[cfg(feature = "ssr")]
pub fn redirect_plain_form(path: &str) {
    redirect_plain_form_in(crate::contexts::locale::request_locale(), path);
}

/// The same, to `path` in `locale` (after signing in: the member's preferred language).
#[cfg(feature = "ssr")]
pub fn redirect_plain_form_in(locale: crate::i18n::Locale, path: &str) {
    let accepts_html = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false);
    if accepts_html {
        leptos_axum::redirect(&locale.href(path));
    }
}

/// Makes the browser show `locale` from the next page on (the member's preferred language).
#[cfg(feature = "ssr")]
pub fn remember_language(locale: crate::i18n::Locale) {
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&locale.cookie()),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

// How the services' errors reach the browser: as codes, translated where they are shown.
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
impl From<crate::flow::order::PayError> for AppError {
    fn from(error: crate::flow::order::PayError) -> Self {
        use crate::flow::order::PayError;
        match error {
            PayError::NotPayable(_) => AppError::Conflict,
            PayError::UnknownMethod => AppError::Refused(Refusal::PaymentMethod),
            PayError::Provider(error) => {
                tracing::warn!(%error, "payment could not be opened");
                AppError::Refused(Refusal::PaymentGatewayDown)
            }
            PayError::Db(error) => error.into(),
        }
    }
}
