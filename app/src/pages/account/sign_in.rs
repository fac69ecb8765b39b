use super::{go_on_after_signing_in, use_return_path};
use crate::api::account::SignIn;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_texts().accounts;
    let next = use_return_path();
    let action = ServerAction::<SignIn>::new();
    go_on_after_signing_in(action, next);
    let query = use_query_map();
    let just_reset = move || query.read().get("reset").is_some();
    view! {
        <Title text=t.sign_in_title/>
        <Meta name="robots" content="noindex"/>
        <section class="auth-card">
            <h1>{t.sign_in_title}</h1>
            <Show when=just_reset>
                <p class="notice-ok" role="status">{t.reset_done}</p>
            </Show>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="next" value=move || next.get()/>
                <label>
                    <span>{t.email}</span>
                    <input type="email" name="email" autocomplete="email" required/>
                </label>
                <label>
                    <span>{t.password}</span>
                    <input type="password" name="password" autocomplete="current-password" required/>
                </label>
                <FormErrors error=action_error(action)/>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>{t.sign_in}</button>
            </ActionForm>
            <p><a href=link_to("/forgot-password")>{t.forgot_password_link}</a></p>
            <p>{t.new_here} " " <a href=move || link_to(&format!("/register?next={}", crate::domain::listing::encode_component(&next.get())))>{t.create_account_link}</a></p>
        </section>
    }
}
