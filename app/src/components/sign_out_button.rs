use crate::api::account::SignOut;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;

/// Ends the session on the server; works without JavaScript (a plain form post).
#[component]
pub fn SignOutButton() -> impl IntoView {
    let t = use_texts().accounts;
    let sign_out = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out.value().get() {
            // A fresh page load: nothing of the signed-in state survives in this tab.
            crate::contexts::session::reload_at(&link_to("/"));
        }
    });
    view! {
        <ActionForm action=sign_out attr:class="sign-out">
            <button type="submit" class="link-button">{t.sign_out}</button>
        </ActionForm>
    }
}
