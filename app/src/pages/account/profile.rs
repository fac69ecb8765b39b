use crate::api::account::profile::{get_profile, UpdateProfile, UploadAvatar};
use crate::api::account::ChangePassword;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use crate::domain::account::ProfileView;
use crate::error::AppError;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let t = use_texts();
    let a = t.accounts;
    let save = ServerAction::<UpdateProfile>::new();
    let avatar_version = RwSignal::new(0u32);
    let profile = Resource::new(
        move || (save.version().get(), avatar_version.get()),
        |_| get_profile(),
    );
    view! {
        <Title text=a.profile/>
        <h1>{a.profile}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => view! { <ProfileForms profile=p save avatar_version/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
        <ChangePasswordForm/>
    }
}

#[component]
fn ProfileForms(
    profile: ProfileView,
    save: ServerAction<UpdateProfile>,
    avatar_version: RwSignal<u32>,
) -> impl IntoView {
    let t = use_texts();
    let a = t.accounts;
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let current_locale = profile.preferred_locale.clone();
    view! {
        <section class="panel">
            <h2>{a.avatar}</h2>
            {profile.avatar_url.clone().map(|src| view! { <img class="avatar large" src=src alt=a.avatar width="96" height="96"/> })}
            <AvatarForm avatar_version/>
        </section>
        <section class="panel">
            <ActionForm action=save attr:class="stack-form">
                <label>
                    <span>{a.email}</span>
                    <input type="email" value=profile.email.clone() readonly/>
                </label>
                <label>
                    <span>{a.display_name}</span>
                    <input type="text" name="display_name" value=profile.display_name.clone() maxlength="40" required/>
                </label>
                <label>
                    <span>{a.phone}</span>
                    <input type="tel" name="phone" value=profile.phone.clone() autocomplete="tel"/>
                </label>
                <label>
                    <span>{a.birthday}</span>
                    <input type="date" name="birthday" value=profile.birthday.clone() min="1900-01-01"/>
                </label>
                <label>
                    <span>{a.preferred_language}</span>
                    <select name="preferred_locale">
                        {Locale::ALL
                            .into_iter()
                            .map(|l| view! { <option value=l.code() selected=l.code() == current_locale>{l.native_name()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <FormErrors error=action_error(save)/>
                <Show when=saved><p class="notice-ok" role="status">{a.saved}</p></Show>
                <button type="submit" class="button primary" disabled=move || save.pending().get()>{a.save}</button>
            </ActionForm>
        </section>
    }
}

/// Multipart upload. With JavaScript the page stays and shows the new picture; without, the
/// form posts and the server sends the browser back here.
#[component]
fn AvatarForm(avatar_version: RwSignal<u32>) -> impl IntoView {
    let a = use_texts().accounts;
    let error = RwSignal::new(None::<AppError>);
    let done = RwSignal::new(false);
    let upload = Action::new_local(|data: &web_sys::FormData| upload_avatar_form(data.clone()));
    Effect::new(move |_| match upload.value().get() {
        Some(Ok(_)) => {
            error.set(None);
            done.set(true);
            avatar_version.update(|v| *v += 1);
        }
        Some(Err(e)) => {
            done.set(false);
            error.set(Some(e));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if let Some(data) = crate::components::form_data::submitted_form_data(&ev) {
            upload.dispatch_local(data);
        }
    };
    view! {
        <form method="post" action=UploadAvatar::PATH enctype="multipart/form-data" class="stack-form" on:submit=on_submit>
            <label>
                <span>{a.upload_avatar}</span>
                <input type="file" name="avatar" accept="image/png,image/jpeg,image/webp" required aria-describedby="avatar-hint"/>
            </label>
            <p id="avatar-hint" class="hint">{a.avatar_hint}</p>
            <FormErrors error/>
            <Show when=move || done.get()><p class="notice-ok" role="status">{a.avatar_saved}</p></Show>
            <button type="submit" class="button" disabled=move || upload.pending().get()>{a.upload_avatar}</button>
        </form>
    }
}

async fn upload_avatar_form(data: web_sys::FormData) -> Result<String, AppError> {
    crate::api::account::profile::upload_avatar(data.into()).await
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let a = use_texts().accounts;
    let change = ServerAction::<ChangePassword>::new();
    let changed = move || matches!(change.value().get(), Some(Ok(())));
    view! {
        <section class="panel">
            <h2>{a.change_password}</h2>
            <ActionForm action=change attr:class="stack-form">
                <label>
                    <span>{a.current_password}</span>
                    <input type="password" name="current_password" autocomplete="current-password" required/>
                </label>
                <label>
                    <span>{a.new_password}</span>
                    <input type="password" name="new_password" autocomplete="new-password" minlength="8" required/>
                </label>
                <FormErrors error=action_error(change)/>
                <Show when=changed><p class="notice-ok" role="status">{a.password_changed}</p></Show>
                <button type="submit" class="button" disabled=move || change.pending().get()>{a.change_password}</button>
            </ActionForm>
        </section>
    }
}
