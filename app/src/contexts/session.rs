//! Who is signed in, as every page sees it: one resource for the whole app. Signing in or out
//! ends with a fresh page load (`reload_at`), so it never goes stale within a page.

use crate::api::account::current_user;
use crate::domain::account::SessionUser;
use crate::error::AppError;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct SessionContext {
    pub user: Resource<Result<Option<SessionUser>, AppError>>,
}

impl SessionContext {
    /// The signed-in user once known; None for guests and while loading.
    pub fn signed_in(&self) -> Option<SessionUser> {
        self.user.get().and_then(|r| r.ok()).flatten()
    }
}

pub fn provide_session() {
    let user = Resource::new(|| (), |_| current_user());
    provide_context(SessionContext { user });
}

pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}

/// Loads `path` as a new page (not a client-side navigation), dropping every signal and resource
/// of the old session. Used after signing out and after deleting the account.
pub fn reload_at(path: &str) {
    #[cfg(not(feature = "ssr"))]
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(path);
    }
    #[cfg(feature = "ssr")]
    let _ = path;
}
