//! The member center's front page and the profile form.

use crate::domain::account::{MemberOverview, ProfileView};
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
    let numbers = repo::overview_numbers(&db, caller.user_id, crate::db::unix_now())
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(MemberOverview {
        display_name: caller.user.display_name,
        email: caller.user.email,
        avatar_url: repo::avatar_url(&numbers.avatar_path),
        level: MemberLevel::for_spend(Money::from_fen(numbers.year_spend)),
        points_balance: numbers.points_balance,
        favourite_count: numbers.favourite_count,
        member_since: numbers.created_at,
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

/// Takes the `avatar` field of a multipart form: PNG, JPEG or WebP (checked by content, not by
/// name), at most 2 MB. Stored under a content-hashed name; the old file is removed.
#[server(input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_avatar(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<String, AppError> {
    use crate::api::uploads::{read_form, store_image, ImageProblems};
    use crate::domain::account::AVATAR_MAX_BYTES;
    let db = use_db()?;
    let caller = auth::caller().await?;
    let problems = ImageProblems {
        too_large: crate::error::Refusal::AvatarTooLarge.into(),
        bad_type: crate::error::Refusal::AvatarType.into(),
    };
    let form = read_form(data, "avatar", AVATAR_MAX_BYTES, problems).await?;
    let (kind, bytes) = form.image.ok_or(crate::error::Refusal::AvatarType)?;
    let (relative, _) = store_image("avatars", &caller.user_id.to_string(), kind, &bytes).await?;
    let media = use_context::<crate::api::MediaDir>()
        .ok_or_else(|| AppError::internal("avatar upload", "no media folder in context"))?;
    // The same picture again has the same name: that file is the new avatar, not an old one.
    if let Some(old) = repo::set_avatar(&db, caller.user_id, &relative)
        .await?
        .filter(|old| *old != relative)
    {
        let _ = tokio::fs::remove_file(media.0.join(old)).await;
    }
    crate::api::redirect_plain_form("/account/profile");
    Ok(format!("/media/{relative}"))
}
