//! Product photos: the widths an upload is stored at, their addresses and `srcset`, and the
//! editor's list of images with alt text per language.
//!
//! An upload is stored once per width as `/media/p/u/<hash>-<width>.jpg`, where `<hash>` is the
//! first 16 hex digits of the SHA-256 of the uploaded bytes: a changed picture gets a new address,
//! so every address can be cached for good.

use crate::domain::form::{problem, Field, FieldProblem, Problem};
use serde::{Deserialize, Serialize};

/// The largest upload taken, in bytes.
pub const IMAGE_MAX_BYTES: usize = 5 * 1024 * 1024;
/// The widths (CSS pixels × density) the pages ask for: thumbnails, cards, the product page on a
/// phone and on a desktop.
pub const WIDTHS: [u32; 4] = [240, 480, 960, 1600];
/// Images per product.
pub const MAX_IMAGES: usize = 12;
/// Alt text per language, in characters.
pub const ALT_MAX_CHARS: usize = 125;

/// The widths an image `original` pixels wide is stored at: each of [`WIDTHS`] below it, plus
/// the original itself when it is narrower than the largest (never enlarged).
pub fn variant_widths(original: u32) -> Vec<u32> {
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < original).collect();
    if original <= WIDTHS[WIDTHS.len() - 1] || widths.is_empty() {
        widths.push(original.min(WIDTHS[WIDTHS.len() - 1]).max(1));
    } else {
        widths.push(WIDTHS[WIDTHS.len() - 1]);
    }
    widths.dedup();
    widths
}

/// The address of an upload's variant.
pub fn upload_url(hash: &str, width: u32) -> String {
    format!("/media/p/u/{hash}-{width}.jpg")
}

/// What an upload gives the editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadedImage {
    /// The variant cards and the first paint use (480 wide, or the widest below that).
    pub url: String,
    /// Every variant, e.g. "/media/p/u/ab…-240.jpg 240w, /media/p/u/ab…-480.jpg 480w".
    pub srcset: String,
    /// The original's size in pixels.
    pub width: u32,
    pub height: u32,
}

impl UploadedImage {
    /// The addresses of an upload stored at `widths` (ascending).
    pub fn new(hash: &str, widths: &[u32], width: u32, height: u32) -> UploadedImage {
        let card = widths
            .iter()
            .copied()
            .filter(|w| *w <= 480)
            .max()
            .unwrap_or(widths[0]);
        UploadedImage {
            url: upload_url(hash, card),
            srcset: widths
                .iter()
                .map(|w| format!("{} {w}w", upload_url(hash, *w)))
                .collect::<Vec<_>>()
                .join(", "),
            width,
            height,
        }
    }
}

/// Whether `url` has the shape of an upload's address (`/media/p/u/<16 hex>-<width>.jpg`).
pub fn is_upload_url(url: &str) -> bool {
    let Some(name) = url.strip_prefix("/media/p/u/") else {
        return false;
    };
    let Some(stem) = name.strip_suffix(".jpg") else {
        return false;
    };
    let Some((hash, width)) = stem.split_once('-') else {
        return false;
    };
    hash.len() == 16
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && !width.is_empty()
        && width.len() <= 4
        && width.bytes().all(|b| b.is_ascii_digit())
}

/// The `srcset` of a card's image, from its address alone: an upload's card variant (at most
/// 480 wide) and the 240-wide one every upload wider than 240 also has ([`variant_widths`]), so a
/// phone showing cards two abreast fetches the small one. `None` for anything else (the seed's
/// vector images, or an upload only 240 wide), which needs no choice.
pub fn card_srcset(url: &str) -> Option<String> {
    if !is_upload_url(url) {
        return None;
    }
    let (base, width) = url.strip_suffix(".jpg")?.rsplit_once('-')?;
    let width: u32 = width.parse().ok()?;
    (width > WIDTHS[0]).then(|| {
        format!(
            "{base}-{small}.jpg {small}w, {url} {width}w",
            small = WIDTHS[0]
        )
    })
}

/// The addresses a `srcset` names, in order.
pub fn srcset_urls(srcset: &str) -> Vec<&str> {
    srcset
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
        .collect()
}

/// One image in the editor: its addresses and alt text in each language (empty: the product's
/// name is used).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageForm {
    pub url: String,
    #[serde(default)]
    pub srcset: String,
    #[serde(default)]
    pub alt_zh_hant: String,
    #[serde(default)]
    pub alt_zh_hans: String,
    #[serde(default)]
    pub alt_en: String,
}

impl ImageForm {
    /// The alt texts, trimmed, in zh-Hant, zh-Hans, en order.
    pub fn alts(&self) -> [String; 3] {
        [&self.alt_zh_hant, &self.alt_zh_hans, &self.alt_en].map(|a| a.trim().to_string())
    }
}

/// Whether every image is an upload (by its addresses) or exactly an image stored before:
/// `stored` holds the product's stored (url, srcset) pairs. Anything else is refused, so no
/// foreign address reaches the shop's pages.
pub fn images_known(images: &[ImageForm], stored: &[(String, String)]) -> bool {
    images.iter().all(|image| {
        stored
            .iter()
            .any(|(url, srcset)| *url == image.url && *srcset == image.srcset)
            || (is_upload_url(&image.url)
                && srcset_urls(&image.srcset).iter().all(|u| is_upload_url(u)))
    })
}

/// Checks what the form alone can: at most [`MAX_IMAGES`], and each alt text at most
/// [`ALT_MAX_CHARS`] characters without control characters.
pub fn check_images(images: &[ImageForm]) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if images.len() > MAX_IMAGES {
        problems.push(problem(Field::Images, Problem::ImagesInvalid));
    }
    for (index, image) in images.iter().enumerate() {
        let bad = image
            .alts()
            .iter()
            .any(|alt| alt.chars().count() > ALT_MAX_CHARS || alt.chars().any(char::is_control));
        if bad {
            let row = u16::try_from(index).unwrap_or(u16::MAX);
            problems.push(problem(Field::ImageAlt(row), Problem::AltInvalid));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn a_card_offers_the_small_variant_beside_its_own() {
        let upload = UploadedImage::new("0123456789abcdef", &variant_widths(2000), 2000, 1500);
        let srcset = card_srcset(&upload.url).unwrap();
        assert_eq!(
            srcset,
            "/media/p/u/0123456789abcdef-240.jpg 240w, /media/p/u/0123456789abcdef-480.jpg 480w"
        );
        // Both addresses are variants the upload was stored at.
        for url in srcset_urls(&srcset) {
            assert!(upload.srcset.contains(url), "{url}");
        }
        // Narrow uploads: the card variant is the original, and 240 is still below it.
        let narrow = UploadedImage::new("0123456789abcdef", &variant_widths(300), 300, 300);
        assert_eq!(
            card_srcset(&narrow.url).unwrap(),
            "/media/p/u/0123456789abcdef-240.jpg 240w, /media/p/u/0123456789abcdef-300.jpg 300w"
        );
        // Nothing to choose from.
        let tiny = UploadedImage::new("0123456789abcdef", &variant_widths(200), 200, 200);
        assert_eq!(card_srcset(&tiny.url), None);
        assert_eq!(card_srcset("/media/p/tea-0001.svg"), None);
        assert_eq!(card_srcset("https://example.com/a-480.jpg"), None);
    }

    #[test]
    fn images_are_never_enlarged_and_never_wider_than_the_largest_width() {
        assert_eq!(variant_widths(3000), vec![240, 480, 960, 1600]);
        assert_eq!(variant_widths(1600), vec![240, 480, 960, 1600]);
        assert_eq!(variant_widths(800), vec![240, 480, 800]);
        assert_eq!(variant_widths(480), vec![240, 480]);
        assert_eq!(variant_widths(100), vec![100]);
    }

    #[test]
    fn an_upload_names_every_variant_in_its_srcset() {
        let image = UploadedImage::new("0123456789abcdef", &[240, 480, 800], 800, 600);
        assert_eq!(image.url, "/media/p/u/0123456789abcdef-480.jpg");
        assert_eq!(
            image.srcset,
            "/media/p/u/0123456789abcdef-240.jpg 240w, /media/p/u/0123456789abcdef-480.jpg 480w, \
             /media/p/u/0123456789abcdef-800.jpg 800w"
        );
        assert_eq!(srcset_urls(&image.srcset).len(), 3);
        assert!(srcset_urls(&image.srcset).iter().all(|u| is_upload_url(u)));
        let small = UploadedImage::new("0123456789abcdef", &[100], 100, 80);
        assert_eq!(small.url, "/media/p/u/0123456789abcdef-100.jpg");
    }

    #[test]
    fn only_our_upload_addresses_or_what_is_stored_are_taken() {
        for bad in [
            "https://evil.example/x.jpg",
            "/media/p/u/../../etc-1.jpg",
            "/media/p/u/0123456789ABCDEF-480.jpg",
            "/media/p/u/0123456789abcdef-480.svg",
            "/media/p/u/0123456789abcdef-.jpg",
            "javascript:alert(1)",
        ] {
            assert!(!is_upload_url(bad), "{bad}");
        }
        let seeded = ("/media/p/tea.svg?v=1".to_string(), String::new());
        let form = |url: &str, srcset: &str| ImageForm {
            url: url.into(),
            srcset: srcset.into(),
            ..ImageForm::default()
        };
        assert!(images_known(
            &[form(&seeded.0, "")],
            std::slice::from_ref(&seeded)
        ));
        assert!(!images_known(
            &[form("/media/p/other.svg", "")],
            std::slice::from_ref(&seeded)
        ));
        let upload = UploadedImage::new("0123456789abcdef", &[240, 480], 480, 480);
        assert!(images_known(&[form(&upload.url, &upload.srcset)], &[]));
        let sneaky = format!("{}, https://evil.example/x.jpg 900w", upload.srcset);
        assert!(!images_known(&[form(&upload.url, &sneaky)], &[]));
        let too_many = vec![form(&upload.url, &upload.srcset); MAX_IMAGES + 1];
        assert_eq!(check_images(&too_many)[0].field, Field::Images);
    }

    #[test]
    fn alt_text_is_bounded_per_image() {
        let upload = UploadedImage::new("0123456789abcdef", &[240], 240, 240);
        let images = vec![
            ImageForm {
                url: upload.url.clone(),
                srcset: upload.srcset.clone(),
                alt_en: "A black tea caddy".into(),
                ..ImageForm::default()
            },
            ImageForm {
                url: upload.url.clone(),
                srcset: upload.srcset.clone(),
                alt_zh_hant: "茶".repeat(ALT_MAX_CHARS + 1),
                ..ImageForm::default()
            },
        ];
        let problems = check_images(&images);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, Field::ImageAlt(1));
        assert_eq!(problems[0].problem, Problem::AltInvalid);
    }
}
