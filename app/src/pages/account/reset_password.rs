use crate::api::account::ResetPassword;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let t = use_texts().accounts;
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let action = ServerAction::<ResetPassword>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            navigate("/sign-in?reset=1", Default::default());
        }
    });
    // An unknown, used or expired token comes back as NotFound: say so in words.
    let error = Signal::derive(move || match action_error(action).get() {
        Some(AppError::NotFound) => {
            Some(AppError::Refused(crate::error::Refusal::ResetLinkInvalid))
        }
        other => other,
    });
    view! {
        <Title text=t.reset_title/>
        <Meta name="robots" content="noindex"/>
        <section class="auth-card">
            <h1>{t.reset_title}</h1>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="token" value=token/>
                <label>
                    <span>{t.new_password}</span>
                    <input type="password" name="password" autocomplete="new-password" minlength="8" required aria-describedby="password-hint"/>
                </label>
                <p id="password-hint" class="hint">{t.password_hint}</p>
                <FormErrors error/>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>{t.set_password}</button>
            </ActionForm>
            <p><a href=link_to("/forgot-password")>{t.send_reset_link}</a></p>
        </section>
    }
}
