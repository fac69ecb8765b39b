//! Multipart forms that carry one image (avatars, after-sale photos): text fields read as text,
//! the image checked by its content (not its name) and its size counted while it streams in, so
//! a huge upload is refused before it is all in memory. Stored under a content-hashed name in
//! the media folder, served under /media.

use crate::domain::account::ImageKind;
use crate::error::AppError;
use leptos::server_fn::codec::MultipartData;
use std::collections::HashMap;

/// Text fields longer than this are refused (no form of ours sends more).
const TEXT_FIELD_MAX_BYTES: usize = 8 * 1024;
/// More fields than this is not a form of ours: refused before reading further.
pub const MAX_FIELDS: usize = 16;
/// The whole body of any upload form (the server also caps every request body; see
/// `server::router`): the largest image we take (5 MB) and its text fields.
pub const MAX_FORM_BYTES: usize = 6 * 1024 * 1024;

/// What the image of a form broke, in the caller's words.
pub struct ImageProblems {
    pub too_large: AppError,
    pub bad_type: AppError,
}

pub struct UploadedForm {
    fields: HashMap<String, String>,
    /// None when the file field was left empty.
    pub image: Option<(ImageKind, Vec<u8>)>,
}

impl UploadedForm {
    /// The field's text; a field sent several times (a multiple select) has its values
    /// comma-joined.
    pub fn text(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }
}

fn unreadable() -> AppError {
    crate::error::Refusal::UploadUnreadable.into()
}

/// Reads the form; `image_field` may hold one image of at most `max_bytes`. Refused as
/// `UploadUnreadable` when it has more than `MAX_FIELDS` fields, a second image, text fields over
/// 8 KB or more than `MAX_FORM_BYTES` in all; nothing is written anywhere while reading.
pub async fn read_form(
    data: MultipartData,
    image_field: &str,
    max_bytes: usize,
    problems: ImageProblems,
) -> Result<UploadedForm, AppError> {
    let (fields, image_bytes) =
        read_file_form(data, image_field, max_bytes, problems.too_large).await?;
    let image = if image_bytes.is_empty() {
        None
    } else {
        let kind = ImageKind::sniff(&image_bytes).ok_or(problems.bad_type)?;
        Some((kind, image_bytes))
    };
    Ok(UploadedForm { fields, image })
}

/// Reads a form whose `file_field` carries one file of at most `max_bytes` (refused with
/// `too_large`, before it is all in memory), and text fields; answers the text fields and the
/// file's bytes (empty when none was sent). The other refusals are those of [`read_form`].
pub async fn read_file_form(
    data: MultipartData,
    file_field: &str,
    max_bytes: usize,
    too_large: AppError,
) -> Result<(HashMap<String, String>, Vec<u8>), AppError> {
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::internal("upload", "no multipart body"))?;
    let mut fields = HashMap::new();
    let mut file_bytes: Vec<u8> = Vec::new();
    let (mut field_count, mut total) = (0, 0);
    while let Some(mut field) = multipart.next_field().await.map_err(|_| unreadable())? {
        field_count += 1;
        if field_count > MAX_FIELDS {
            return Err(unreadable());
        }
        let name = field.name().unwrap_or_default().to_string();
        if name == file_field && !file_bytes.is_empty() {
            return Err(unreadable());
        }
        let limit = if name == file_field {
            max_bytes
        } else {
            TEXT_FIELD_MAX_BYTES
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| unreadable())? {
            total += chunk.len();
            if total > MAX_FORM_BYTES {
                return Err(unreadable());
            }
            if bytes.len() + chunk.len() > limit {
                return Err(if name == file_field {
                    too_large
                } else {
                    unreadable()
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        if name == file_field {
            file_bytes = bytes;
        } else {
            let text = String::from_utf8(bytes).map_err(|_| unreadable())?;
            // A field sent more than once (a multiple select) keeps every value, comma-joined.
            fields
                .entry(name)
                .and_modify(|kept: &mut String| {
                    kept.push(',');
                    kept.push_str(&text);
                })
                .or_insert(text);
        }
    }
    Ok((fields, file_bytes))
}

/// Removes a stored image again (the request it came with was refused after storing it).
pub async fn remove_image(relative: &str) {
    if let Some(media) = leptos::prelude::use_context::<super::MediaDir>() {
        let _ = tokio::fs::remove_file(media.0.join(relative)).await;
    }
}

/// Writes the image as `<folder>/<prefix>-<content hash>.<ext>` in the media folder; returns
/// that relative path, and whether the file is new (the same picture may be stored already, for
/// an earlier request: then it must not be removed if this request is refused).
pub async fn store_image(
    folder: &str,
    prefix: &str,
    kind: ImageKind,
    bytes: &[u8],
) -> Result<(String, bool), AppError> {
    use sha2::{Digest, Sha256};
    let media = leptos::prelude::use_context::<super::MediaDir>()
        .ok_or_else(|| AppError::internal("upload", "no media folder in context"))?;
    let digest = hex::encode(Sha256::digest(bytes));
    let relative = format!("{folder}/{prefix}-{}.{}", &digest[..16], kind.extension());
    let path = media.0.join(&relative);
    if let Some(parent) = path.parent() {
        tokio::fs::create_dir_all(parent)
            .await
            .map_err(|e| AppError::internal("media folder", e))?;
    }
    let existed = tokio::fs::try_exists(&path).await.unwrap_or(false);
    tokio::fs::write(&path, bytes)
        .await
        .map_err(|e| AppError::internal("media write", e))?;
    Ok((relative, !existed))
}
