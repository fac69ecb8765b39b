use crate::contexts::locale::use_texts;
use crate::domain::account::PRIVACY_POLICY_VERSION;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos_meta::Title;

/// What we collect, why, and the shopper's rights; registration records consent to this version.
#[component]
pub fn PrivacyPolicyPage() -> impl IntoView {
    let a = use_texts().accounts;
    view! {
        <Title text=a.policy_title/>
        <article class="prose">
            <h1>{a.policy_title}</h1>
            <p class="hint">{fill(a.policy_version, PRIVACY_POLICY_VERSION)}</p>
            <p>{a.policy_collect}</p>
            <p>{a.policy_use}</p>
            <p>{a.policy_rights}</p>
            <p>{a.policy_cookies}</p>
        </article>
    }
}
