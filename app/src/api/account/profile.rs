//! The member center's front page and the profile form.

use crate::domain::member::{MemberOverview, ProfileView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    api::use_db,
    auth,
    db::{account as repo, unix_now},
    domain::account::{Date, MemberLevel, Profile, ProfileForm},
    domain::money::Money,
};

#[server]
pub async fn get_member_overview() -> Result<MemberOverview, AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    let (spend, points, favourites, since, avatar) = repo::overview_numbers(&db, caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(MemberOverview {
        display_name: caller.user.display_name,
        email: caller.user.email,
        avatar_url: repo::avatar_url(&avatar),
        level: MemberLevel::for_spend(Money::from_fen(spend)),
        points_balance: points,
        favourite_count: favourites,
        member_since: since,
    })
}

#[server]
pub async fn get_profile() -> Result<ProfileView, AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    let (profile, _) = repo::profile(&db, caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(profile)
}

#[server]
pub async fn update_profile(
    display_name: String,
    phone: String,
    birthday: String,
    preferred_locale: String,
) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    let form = ProfileForm {
        display_name,
        phone,
        birthday,
        preferred_locale,
    };
    let profile = Profile::parse(&form, Date::from_unix(unix_now())).map_err(AppError::Invalid)?;
    repo::update_profile(&db, caller.user_id, &profile).await?;
    crate::api::remember_language(profile.preferred_locale);
    Ok(())
}

#[cfg(feature = "ssr")]
fn unreadable(error: impl std::fmt::Display) -> AppError {
    AppError::InvalidInput(error.to_string())
}

#[cfg(feature = "ssr")]
fn avatar_problem(pick: fn(&crate::i18n::account::AccountTexts) -> &'static str) -> AppError {
    let texts = crate::contexts::locale::request_locale().texts().accounts;
    AppError::InvalidInput(pick(texts).to_string())
}

/// Takes the `avatar` field of a multipart form: PNG, JPEG or WebP (checked by content, not by
/// name), at most 2 MB. Stored under a content-hashed name; the old file is removed.
#[server(input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_avatar(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<String, AppError> {
    use crate::domain::account::{ImageKind, AVATAR_MAX_BYTES};
    let db = use_db()?;
    let caller = auth::caller().await?;
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::internal("avatar upload", "no multipart body"))?;
    let mut bytes: Vec<u8> = Vec::new();
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        if field.name() != Some("avatar") {
            continue;
        }
        // Counted while streaming, so a huge upload is refused before it is all in memory.
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if bytes.len() + chunk.len() > AVATAR_MAX_BYTES {
                return Err(avatar_problem(|t| t.avatar_too_large));
            }
            bytes.extend_from_slice(&chunk);
        }
    }
    let kind = ImageKind::sniff(&bytes).ok_or_else(|| avatar_problem(|t| t.avatar_bad_type))?;
    let media = use_context::<crate::api::MediaDir>()
        .ok_or_else(|| AppError::internal("avatar upload", "no media folder in context"))?;
    let digest = auth::token_hash(&String::from_utf8_lossy(&bytes));
    let relative = format!(
        "avatars/{}-{}.{}",
        caller.user_id,
        &digest[..16],
        kind.extension()
    );
    let path = media.0.join(&relative);
    if let Some(folder) = path.parent() {
        tokio::fs::create_dir_all(folder)
            .await
            .map_err(|e| AppError::internal("avatar folder", e))?;
    }
    tokio::fs::write(&path, &bytes)
        .await
        .map_err(|e| AppError::internal("avatar write", e))?;
    if let Some(old) = repo::set_avatar(&db, caller.user_id, &relative).await? {
        let _ = tokio::fs::remove_file(media.0.join(old)).await;
    }
    crate::api::redirect_plain_form("/account/profile");
    Ok(format!("/media/{relative}"))
}
