use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Also answers 404 to the HTTP request when rendered on the server.
#[component]
pub fn NotFound(#[prop(optional)] message: Option<&'static str>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let t = use_texts();
    view! {
        <Title text=t.not_found_title/>
        <Meta name="robots" content="noindex"/>
        <section class="notice">
            <h1>{t.not_found_title}</h1>
            <p>{message.unwrap_or(t.not_found_body)}</p>
            <p><a href=link_to("/")>{t.back_home}</a></p>
        </section>
    }
}
