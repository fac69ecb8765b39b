use crate::api::account::RequestPasswordReset;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let t = use_texts().accounts;
    let action = ServerAction::<RequestPasswordReset>::new();
    let sent = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=t.forgot_title/>
        <Meta name="robots" content="noindex"/>
        <section class="auth-card">
            <h1>{t.forgot_title}</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <p>{t.forgot_intro}</p>
                    <ActionForm action attr:class="stack-form">
                        <label>
                            <span>{t.email}</span>
                            <input type="email" name="email" autocomplete="email" required/>
                        </label>
                        <FormErrors error=action_error(action)/>
                        <button type="submit" class="button primary" disabled=move || action.pending().get()>{t.send_reset_link}</button>
                    </ActionForm>
                }
            >
                <p class="notice-ok" role="status">{t.reset_sent}</p>
                <p class="hint">{t.demo_outbox_hint}</p>
            </Show>
            <p><a href=link_to("/sign-in")>{t.sign_in}</a></p>
        </section>
    }
}
