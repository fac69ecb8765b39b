//! Product photos on the server: an upload is decoded (JPEG, PNG or WebP, recognised by its
//! content), turned upright by its EXIF orientation, and stored as JPEG at each width of
//! [`crate::domain::catalog::product_images::variant_widths`]. Re-encoding from pixels drops
//! EXIF (camera, GPS position) and every other piece of metadata the upload carried.

use crate::domain::catalog::product_images::variant_widths;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// JPEG quality of every stored width (1–100).
const JPEG_QUALITY: u8 = 82;
/// Larger pictures are refused before they are decoded: 50 megapixels.
const MAX_PIXELS: u64 = 50_000_000;

/// One stored width.
pub struct Variant {
    pub width: u32,
    pub jpeg: Vec<u8>,
}

/// The upload's size and its variants, narrowest first.
pub struct Processed {
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Variant>,
}

/// Decodes, orients and resizes `bytes`. Errors when the bytes are not a picture we can decode
/// or it is larger than 50 megapixels. CPU-heavy: call it from a blocking task.
pub fn process(bytes: &[u8]) -> Result<Processed, image::ImageError> {
    let rgb = decode(bytes)?;
    let (width, height) = (rgb.width(), rgb.height());
    let mut variants = Vec::new();
    for target in variant_widths(width) {
        variants.push(Variant {
            width: target,
            jpeg: jpeg_at(&rgb, target)?,
        });
    }
    Ok(Processed {
        width,
        height,
        variants,
    })
}

/// The widest a business licence photo is kept (enough to read every line of a licence).
const LICENCE_MAX_WIDTH: u32 = 1600;

/// A business licence photo as the one JPEG kept of it: decoded and upright like [`process`],
/// at most 1600 pixels wide, metadata dropped. Errors as [`process`]. CPU-heavy: call it from a
/// blocking task.
pub fn licence_jpeg(bytes: &[u8]) -> Result<Vec<u8>, image::ImageError> {
    let rgb = decode(bytes)?;
    let width = rgb.width().min(LICENCE_MAX_WIDTH);
    jpeg_at(&rgb, width)
}

/// `rgb` at `width` (height in proportion) as a JPEG.
fn jpeg_at(rgb: &image::RgbImage, width: u32) -> Result<Vec<u8>, image::ImageError> {
    let resized = if width == rgb.width() {
        rgb.clone()
    } else {
        let height =
            ((u64::from(rgb.height()) * u64::from(width)) / u64::from(rgb.width())).max(1) as u32;
        image::imageops::resize(rgb, width, height, image::imageops::FilterType::Lanczos3)
    };
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode_image(&resized)?;
    Ok(jpeg)
}

/// Decodes `bytes` (at most 50 megapixels), turned upright by its EXIF orientation, on white.
fn decode(bytes: &[u8]) -> Result<image::RgbImage, image::ImageError> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format()?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let mut decoder = reader.into_decoder()?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(image::ImageError::Limits(
            image::error::LimitError::from_kind(image::error::LimitErrorKind::DimensionError),
        ));
    }
    let orientation = decoder.orientation()?;
    let mut picture = DynamicImage::from_decoder(decoder)?;
    picture.apply_orientation(orientation);
    // JPEG has no transparency: transparent parts become white, as on the shop's cards.
    Ok(flatten_on_white(&picture))
}

fn flatten_on_white(picture: &DynamicImage) -> image::RgbImage {
    let rgba = picture.to_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (x, y, pixel) in rgba.enumerate_pixels() {
        let [r, g, b, a] = pixel.0;
        let blend =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        rgb.put_pixel(x, y, image::Rgb([blend(r), blend(g), blend(b)]));
    }
    rgb
}

/// Why an upload was not stored.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Not a JPEG, PNG or WebP we can decode, or too large to decode.
    #[error("not a picture: {0}")]
    NotAPicture(#[from] image::ImageError),
    #[error("media folder: {0}")]
    Io(#[from] std::io::Error),
}

/// Processes an upload (on a blocking thread) and writes each width to
/// `<media>/p/u/<hash>-<width>.jpg`, `<hash>` being the first 16 hex digits of the SHA-256 of the
/// uploaded bytes. The same picture uploaded twice lands on the same files.
pub async fn store_upload(
    media: &std::path::Path,
    bytes: Vec<u8>,
) -> Result<crate::domain::catalog::product_images::UploadedImage, StoreError> {
    use crate::domain::catalog::product_images::UploadedImage;
    use sha2::{Digest, Sha256};
    let hash = hex::encode(Sha256::digest(&bytes))[..16].to_string();
    let processed = tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))??;
    let folder = media.join("p").join("u");
    tokio::fs::create_dir_all(&folder).await?;
    for variant in &processed.variants {
        let path = folder.join(format!("{hash}-{}.jpg", variant.width));
        // Written beside and renamed, so a reader never gets half a file.
        let partial = path.with_extension("jpg.part");
        tokio::fs::write(&partial, &variant.jpeg).await?;
        tokio::fs::rename(&partial, &path).await?;
    }
    let widths: Vec<u32> = processed.variants.iter().map(|v| v.width).collect();
    Ok(UploadedImage::new(
        &hash,
        &widths,
        processed.width,
        processed.height,
    ))
}

/// Whether every address of `urls` (uploads' addresses, `/media/p/u/…`) names a stored file.
pub async fn uploads_exist(media: &std::path::Path, urls: &[&str]) -> bool {
    for url in urls {
        let Some(relative) = url.strip_prefix("/media/") else {
            return false;
        };
        if !tokio::fs::try_exists(media.join(relative))
            .await
            .unwrap_or(false)
        {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbaImage::from_fn(width, height, |x, _| {
            image::Rgba([(x % 256) as u8, 40, 90, if x < 10 { 0 } else { 255 }])
        });
        let mut bytes = Vec::new();
        DynamicImage::ImageRgba8(picture)
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        bytes
    }

    #[test]
    fn an_upload_is_stored_as_jpeg_at_each_width_never_enlarged() {
        let processed = process(&png(1000, 500)).unwrap();
        assert_eq!((processed.width, processed.height), (1000, 500));
        let widths: Vec<u32> = processed.variants.iter().map(|v| v.width).collect();
        assert_eq!(widths, vec![240, 480, 960, 1000]);
        for variant in &processed.variants {
            let decoded = image::load_from_memory(&variant.jpeg).unwrap();
            assert_eq!(decoded.width(), variant.width);
            assert_eq!(decoded.height(), variant.width / 2);
            assert!(variant.jpeg.starts_with(&[0xFF, 0xD8, 0xFF]));
        }
        // Transparent pixels turn white.
        let first = image::load_from_memory(&processed.variants[3].jpeg)
            .unwrap()
            .to_rgb8();
        assert!(first.get_pixel(2, 2).0.iter().all(|c| *c > 240));
    }

    #[test]
    fn what_is_not_a_picture_is_refused() {
        assert!(process(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>").is_err());
        assert!(process(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).is_err());
    }

    #[test]
    fn exif_is_dropped() {
        // A JPEG with an APP1 (EXIF) segment right after its start marker.
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&image::RgbImage::from_pixel(
                300,
                200,
                image::Rgb([10, 20, 30]),
            ))
            .unwrap();
        let exif = b"Exif\0\0MM\0*\0\0\0\x08\0\0GPS-secret";
        let mut with_exif = vec![0xFF, 0xD8, 0xFF, 0xE1];
        with_exif.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        with_exif.extend_from_slice(exif);
        with_exif.extend_from_slice(&jpeg[2..]);
        let processed = process(&with_exif).unwrap();
        for variant in &processed.variants {
            assert!(!variant.jpeg.windows(4).any(|w| w == b"Exif"));
            assert!(!variant.jpeg.windows(10).any(|w| w == b"GPS-secret"));
        }
    }
}
