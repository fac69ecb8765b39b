use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::error::AppError;
use leptos::prelude::*;

/// What a shopper sees when loading failed: a translated message, never internals.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="notice error" role="alert">
            <h1>{t.error_title}</h1>
            <p>{error.user_message(t)}</p>
            <p><a href=link_to("/")>{t.back_home}</a></p>
        </section>
    }
}
