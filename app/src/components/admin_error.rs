use crate::components::error_notice::ErrorNotice;
use crate::contexts::locale::use_texts;
use crate::error::AppError;
use leptos::prelude::*;

/// A back-office section that could not load: "no permission" (with who can grant it) for
/// `Forbidden`, else the usual error notice.
#[component]
pub fn AdminError(error: AppError) -> impl IntoView {
    let t = use_texts();
    match error {
        AppError::Forbidden => view! {
            <p class="notice" role="alert">{t.admin.no_permission}</p>
        }
        .into_any(),
        error => view! { <ErrorNotice error/> }.into_any(),
    }
}
