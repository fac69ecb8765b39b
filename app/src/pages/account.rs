//! The member center (/account/…) and the pages around it: sign in, register, password reset.

pub mod account_layout;
pub mod addresses;
pub mod coupons;
pub mod favourites;
pub mod forgot_password;
pub mod goodbye;
pub mod history;
pub mod membership_level;
pub mod orders;
pub mod overview;
pub mod points;
pub mod privacy;
pub mod profile;
pub mod register;
pub mod reset_password;
pub mod sign_in;

use crate::domain::navigation::safe_return_path;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// Where to go after signing in: the page's `?next=` (a path on this site), else the member center.
pub fn use_return_path() -> Signal<String> {
    let query = use_query_map();
    Signal::derive(move || {
        safe_return_path(query.read().get("next").as_deref().or(Some("/account"))).to_string()
    })
}

/// Once `action` (sign in, register) succeeds, go on to `next` as a fresh page load: it is
/// rendered for the signed-in member, in their preferred language, with nothing of the guest's
/// page state left over.
pub fn go_on_after_signing_in<A>(action: ServerAction<A>, next: Signal<String>)
where
    A: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            let next = next.get_untracked();
            // Signing in remembered the member's preferred language in the cookie.
            let target = match chosen_language() {
                Some(preferred) => preferred.href(&next),
                None => next,
            };
            crate::contexts::session::reload_at(&target);
        }
    });
}

/// The language in the `lang` cookie, if any (the browser's view; None on the server).
fn chosen_language() -> Option<crate::i18n::Locale> {
    #[cfg(not(feature = "ssr"))]
    {
        use wasm_bindgen::JsCast;
        let cookies = web_sys::window()?
            .document()?
            .dyn_into::<web_sys::HtmlDocument>()
            .ok()?
            .cookie()
            .ok()?;
        crate::i18n::cookie_value(&cookies, crate::i18n::LANG_COOKIE)
            .and_then(crate::i18n::Locale::from_tag)
    }
    #[cfg(feature = "ssr")]
    None
}
