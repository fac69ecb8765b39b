use super::{go_on_after_signing_in, use_return_path};
use crate::api::account::Register;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = use_texts().accounts;
    let next = use_return_path();
    let action = ServerAction::<Register>::new();
    go_on_after_signing_in(action, next);
    view! {
        <Title text=t.register_title/>
        <Meta name="robots" content="noindex"/>
        <section class="auth-card">
            <h1>{t.register_title}</h1>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="next" value=move || next.get()/>
                <label>
                    <span>{t.email}</span>
                    <input type="email" name="email" autocomplete="email" required/>
                </label>
                <label>
                    <span>{t.password}</span>
                    <input type="password" name="password" autocomplete="new-password" minlength="8" required aria-describedby="password-hint"/>
                </label>
                <p id="password-hint" class="hint">{t.password_hint}</p>
                <label>
                    <span>{t.display_name}</span>
                    <input type="text" name="display_name" autocomplete="nickname" maxlength="40"/>
                </label>
                <label>
                    <span>{t.phone}</span>
                    <input type="tel" name="phone" autocomplete="tel" aria-describedby="phone-optional"/>
                </label>
                <p id="phone-optional" class="hint">{t.optional}</p>
                <label class="check">
                    <input type="checkbox" name="consent" required/>
                    <span>{t.consent_label}</span>
                </label>
                <p class="hint"><a href=link_to("/privacy") target="_blank">{t.read_privacy_policy}</a></p>
                <FormErrors error=action_error(action)/>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>{t.create_account}</button>
            </ActionForm>
            <p>{t.have_account} " " <a href=move || link_to(&format!("/sign-in?next={}", crate::domain::listing::encode_component(&next.get())))>{t.sign_in}</a></p>
        </section>
    }
}
